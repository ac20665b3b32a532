/* bench-import.c — figures for importing and exporting 10,000 contacts from a CSV file
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints how long reading and planning, applying (one transaction through
 * the outbox path), exporting and undoing take; asserts only outcomes.
 */
#include "config.h"

#include <stdio.h>

#include "hd-contact-export.h"
#include "hd-contact-import.h"
#include "store-test-util.h"

#define ROWS 10000

static const char * const given[] = {
  "Jana", "Jürgen", "Ömer", "Sophie", "Lukas", "Aylin", "Björn", "Fränzi", "Mehmet", "Katrin",
  "Thomas", "Petra", "Hans", "Lena", "Paul", "Mia", "Felix", "Ümit", "Anna", "Jonas",
};
static const char * const family[] = {
  "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
  "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
  "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt",
};
static const char * const towns[] = {
  "Stuttgart", "Karlsruhe", "Ulm", "Freiburg", "Konstanz", "Heilbronn", "Reutlingen", "Villingen",
};

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int    argc,
      char **argv)
{
  TestDir dir;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdRecord) hub = hd_record_new (HD_ENTITY_HUB, TEST_HUB);
  g_autoptr(GString) csv = g_string_new ("\xEF\xBB\xBFVorname;Nachname;Firma;Position;E-Mail;Telefon;Kategorien;Bemerkung\r\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(HdImportPlan) plan = NULL;
  g_autofree char *import_id = NULL;
  g_autofree char *exported = NULL;
  HdExportOptions options = { 0, };
  HdQuery query = { 0, };
  g_autoptr(GHashTable) companies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint count = 0;
  gint64 start;
  double t_read, t_plan, t_apply, t_export, t_undo;

  g_test_init (&argc, &argv, NULL);
  test_dir_init (&dir);
  store = test_open_store (dir.path);
  hd_record_set_id (hub, TEST_HUB);
  hd_record_set_string (hub, "name", "Digital Hub Benchmark");
  g_assert_true (hd_store_save (store, hub, &error));

  for (guint i = 0; i < ROWS; i++)
    {
      g_hash_table_add (companies, g_strdup_printf ("%s %s", family[i % G_N_ELEMENTS (family)],
                                                    towns[i % G_N_ELEMENTS (towns)]));
      g_string_append_printf (csv, "%s;%s;\"%s %s GmbH\";Projektleitung;person%u@firma%u.de;+49 711 %06u;"
                            "\"KI, %s\";\"Erstkontakt am %u.11.\nRückruf vereinbart\"\r\n",
                            given[i % G_N_ELEMENTS (given)], family[(i / 7) % G_N_ELEMENTS (family)],
                            family[i % G_N_ELEMENTS (family)], towns[i % G_N_ELEMENTS (towns)],
                              i, i % 1500, i, towns[i % G_N_ELEMENTS (towns)], 1 + i % 28);
    }

  start = g_get_monotonic_time ();
  items = hd_contact_read (HD_CONTACT_FORMAT_CSV, csv->str, csv->len, NULL, &error);
  t_read = seconds_since (start);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, ROWS);

  start = g_get_monotonic_time ();
  plan = hd_import_plan_new (store, TEST_HUB, g_steal_pointer (&items), &error);
  t_plan = seconds_since (start);
  g_assert_no_error (error);
  g_assert_cmpuint (hd_import_plan_count (plan, HD_IMPORT_CREATE), ==,
                    ROWS + g_hash_table_size (companies));

  start = g_get_monotonic_time ();
  import_id = hd_import_plan_apply (plan, store, &error);
  t_apply = seconds_since (start);
  g_assert_no_error (error);

  query.entity = HD_ENTITY_PERSON;
  g_assert_cmpint (hd_store_count (store, &query, NULL), ==, ROWS);

  options.entity = HD_ENTITY_PERSON;
  start = g_get_monotonic_time ();
  exported = hd_contact_export (store, &options, HD_EXPORT_CSV, &count, NULL, &error);
  t_export = seconds_since (start);
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, ROWS);

  start = g_get_monotonic_time ();
  g_assert_true (hd_contact_import_undo (store, import_id, &error));
  t_undo = seconds_since (start);
  g_assert_no_error (error);
  g_assert_cmpint (hd_store_count (store, &query, NULL), ==, 0);

  printf ("import of %u CSV rows (%.1f MB), %u organizations named:\n", ROWS, csv->len / 1e6,
          g_hash_table_size (companies));
  printf ("  read and map          %7.3f s\n", t_read);
  printf ("  plan (match, dups)    %7.3f s\n", t_plan);
  printf ("  apply (1 transaction) %7.3f s\n", t_apply);
  printf ("  export CSV            %7.3f s (%.1f MB)\n", t_export, strlen (exported) / 1e6);
  printf ("  undo                  %7.3f s\n", t_undo);
  printf ("  total import          %7.3f s\n", t_read + t_plan + t_apply);

  g_clear_object (&store);
  test_dir_clear (&dir);
  return 0;
}
