/* test-interop.c — importing and exporting contacts: vCard, CSV, plan, undo
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "hd-contact-export.h"
#include "hd-contact-import.h"
#include "hd-csv.h"
#include "store-test-util.h"

typedef struct {
  TestDir  dir;
  HdStore *store;
} Fixture;

static void
add_hub (HdStore    *store,
         const char *id,
         const char *name)
{
  g_autoptr(HdRecord) hub = hd_record_new (HD_ENTITY_HUB, id);
  g_autoptr(GError) error = NULL;

  hd_record_set_id (hub, id);
  hd_record_set_string (hub, "name", name);
  g_assert_true (hd_store_save (store, hub, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  test_dir_init (&f->dir);
  f->store = test_open_store (f->dir.path);
  add_hub (f->store, TEST_HUB, "Digital Hub Schwarzwald");
  add_hub (f->store, TEST_HUB_2, "Digital Hub Bodensee");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  test_dir_clear (&f->dir);
}

static char *
data_path (const char *name)
{
  return g_build_filename (g_getenv ("HUBDESK_SRCDIR"), "tests", "interop", "data", name, NULL);
}

static gint64
count (HdStore    *store,
       HdEntity    entity,
       const char *hub_id)
{
  HdQuery query = { 0, };
  g_autoptr(GError) error = NULL;
  gint64 n;

  query.entity = entity;
  query.hub_id = hub_id;
  query.include_archived = TRUE;
  n = hd_store_count (store, &query, &error);
  g_assert_no_error (error);
  return n;
}

static HdImportPlan *
plan_file (HdStore    *store,
           const char *hub_id,
           const char *name)
{
  g_autofree char *path = data_path (name);
  g_autoptr(GError) error = NULL;
  HdImportPlan *plan = hd_import_plan_new_for_file (store, hub_id, path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

static char *
import_file (HdStore    *store,
             const char *hub_id,
             const char *name)
{
  g_autoptr(HdImportPlan) plan = plan_file (store, hub_id, name);
  g_autoptr(GError) error = NULL;
  char *id = hd_import_plan_apply (plan, store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

/* The one person (or organization) of @hub_id with @field = @value. */
static HdRecord *
find (HdStore    *store,
      HdEntity    entity,
      const char *hub_id,
      const char *field,
      const char *value)
{
  HdQuery query = { 0, };
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  HdRecord *found = NULL;

  query.entity = entity;
  query.hub_id = hub_id;
  query.include_archived = TRUE;
  all = hd_store_query (store, &query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      if (g_strcmp0 (hd_record_get_string (all->pdata[i], field), value) == 0)
        {
          g_assert_null (found);
          found = hd_record_ref (all->pdata[i]);
        }
    }
  if (found == NULL)
    g_error ("no %s with %s = %s", hd_entity_name (entity), field, value);
  return found;
}

static const char *
org_name_of (HdStore  *store,
             HdRecord *person)
{
  const char *id = hd_record_get_string (person, "organization_id");
  HdRecord *org;

  if (id == NULL)
    return NULL;
  org = hd_store_get (store, HD_ENTITY_ORGANIZATION, id, NULL);
  g_assert_nonnull (org);
  /* Kept alive by the store test's lifetime: the name is copied below. */
  {
    static char name[256];

    g_strlcpy (name, hd_record_get_string (org, "name"), sizeof name);
    hd_record_unref (org);
    return name;
  }
}

/* ---- CSV parser ---- */

static void
test_csv_parse (void)
{
  const char data[] = "\xEF\xBB\xBFName;Notiz;Zahl\r\n"
                      "\"Müller; Söhne\";\"Zeile 1\r\nZeile 2\";\"sagt \"\"ja\"\"\"\r\n"
                      "\r\n"
                      "  Weiß  ;;3\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(HdCsv) csv = hd_csv_parse (data, strlen (data), &error);
  char **row;

  g_assert_no_error (error);
  g_assert_cmpint (csv->separator, ==, ';');
  g_assert_cmpstr (csv->encoding, ==, "UTF-8");
  g_assert_cmpuint (csv->rows->len, ==, 3);
  row = csv->rows->pdata[0];
  g_assert_cmpstr (row[0], ==, "Name");
  row = csv->rows->pdata[1];
  g_assert_cmpstr (row[0], ==, "Müller; Söhne");
  g_assert_cmpstr (row[1], ==, "Zeile 1\nZeile 2");
  g_assert_cmpstr (row[2], ==, "sagt \"ja\"");
  row = csv->rows->pdata[2];
  g_assert_cmpstr (row[0], ==, "Weiß");
  g_assert_cmpstr (row[1], ==, "");
  g_assert_cmpstr (row[2], ==, "3");
  g_assert_cmpuint (g_array_index (csv->lines, guint, 2), ==, 5);
}

static void
test_csv_windows_1252 (void)
{
  /* "Straße,Größe\r\nÄußere Ö,€\r\n" in Windows-1252 */
  const char data[] = "Stra\xDF" "e,Gr\xF6\xDF" "e\r\n\xC4u\xDF" "ere \xD6,\x80\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(HdCsv) csv = hd_csv_parse (data, strlen (data), &error);
  char **row;

  g_assert_no_error (error);
  g_assert_cmpstr (csv->encoding, ==, "WINDOWS-1252");
  g_assert_cmpint (csv->separator, ==, ',');
  row = csv->rows->pdata[0];
  g_assert_cmpstr (row[0], ==, "Straße");
  g_assert_cmpstr (row[1], ==, "Größe");
  row = csv->rows->pdata[1];
  g_assert_cmpstr (row[0], ==, "Äußere Ö");
  g_assert_cmpstr (row[1], ==, "€");
}

static void
test_csv_broken (void)
{
  static const char * const broken[] = {
    "a;b\n\"x;y\n",          /* a quote never closed */
    "a,b\n\"x\"y,z\n",       /* text after a closing quote */
    "",                      /* empty */
    "\n\n  \n",              /* nothing but blank lines */
  };

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HdCsv) csv = hd_csv_parse (broken[i], strlen (broken[i]), &error);

      g_assert_null (csv);
      g_assert_error (error, HD_INTEROP_ERROR, HD_INTEROP_ERROR_PARSE);
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(HdCsv) csv = hd_csv_parse ("a\0b", 3, &error);

    g_assert_null (csv);
    g_assert_error (error, HD_INTEROP_ERROR, HD_INTEROP_ERROR_PARSE);
  }
}

static void
test_csv_write_read (void)
{
  const char *fields[] = { "plain", "with, comma", "with \"quote\"", "two\nlines", " padded ", "" };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(HdCsv) csv = NULL;
  g_autoptr(GError) error = NULL;
  char **row;

  hd_csv_append_row (out, ',', fields, G_N_ELEMENTS (fields));
  hd_csv_append_row (out, ',', fields, G_N_ELEMENTS (fields));
  csv = hd_csv_parse (out->str, out->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (csv->rows->len, ==, 2);
  row = csv->rows->pdata[1];
  g_assert_cmpuint (g_strv_length (row), ==, G_N_ELEMENTS (fields));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_cmpstr (row[i], ==, fields[i]);
}

static void
test_mapping (void)
{
  const char *german[] = { "Vorname", "Name", "Firma", "E-Mail-Adresse", "Telefon geschäftlich", "PLZ", NULL };
  const char *orgs[] = { "Firma", "PLZ", "Ort", "Homepage", "Handelsregister", NULL };
  const char *unknown[] = { "Spalte A", "Spalte B", NULL };
  const char *override[] = { "Spalte A=family_name", "Spalte B=email", NULL };
  const char *bad_field[] = { "Spalte A=shoe_size", NULL };
  g_autoptr(HdCsvMapping) m = NULL;
  g_autoptr(GError) error = NULL;

  m = hd_csv_mapping_guess (german, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (m->entity, ==, HD_ENTITY_PERSON);
  g_assert_cmpstr (m->columns->pdata[0], ==, "given_name");
  g_assert_cmpstr (m->columns->pdata[1], ==, "family_name");
  g_assert_cmpstr (m->columns->pdata[2], ==, "organization");
  g_assert_cmpstr (m->columns->pdata[3], ==, "email");
  g_assert_cmpstr (m->columns->pdata[4], ==, "phone");
  g_assert_null (m->columns->pdata[5]);   /* people have no postcode */
  g_clear_pointer (&m, hd_csv_mapping_free);

  m = hd_csv_mapping_guess (orgs, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (m->entity, ==, HD_ENTITY_ORGANIZATION);
  g_assert_cmpstr (m->columns->pdata[0], ==, "name");
  g_assert_cmpstr (m->columns->pdata[1], ==, "postcode");
  g_assert_cmpstr (m->columns->pdata[2], ==, "city");
  g_assert_cmpstr (m->columns->pdata[3], ==, "website");
  g_assert_cmpstr (m->columns->pdata[4], ==, "register_id");
  g_clear_pointer (&m, hd_csv_mapping_free);

  m = hd_csv_mapping_guess (unknown, NULL, &error);
  g_assert_error (error, HD_INTEROP_ERROR, HD_INTEROP_ERROR_MAPPING);
  g_assert_null (m);
  g_clear_error (&error);

  m = hd_csv_mapping_guess (unknown, override, &error);
  g_assert_no_error (error);
  g_assert_cmpint (m->entity, ==, HD_ENTITY_PERSON);
  g_assert_cmpstr (m->columns->pdata[0], ==, "family_name");
  g_assert_cmpstr (m->columns->pdata[1], ==, "email");
  g_clear_pointer (&m, hd_csv_mapping_free);

  m = hd_csv_mapping_guess (unknown, bad_field, &error);
  g_assert_error (error, HD_INTEROP_ERROR, HD_INTEROP_ERROR_MAPPING);
  g_assert_null (m);
}

/* ---- vCard styles ---- */

static void
test_vcard_thunderbird (Fixture       *f,
                        gconstpointer  data)
{
  G_GNUC_UNUSED g_autofree char *id = import_file (f->store, TEST_HUB, "thunderbird.vcf");
  g_autoptr(HdRecord) jana = find (f->store, HD_ENTITY_PERSON, TEST_HUB, "family_name", "Müller");
  g_autoptr(HdRecord) thomas = find (f->store, HD_ENTITY_PERSON, TEST_HUB, "family_name", "Weiß");
  const char **tags = hd_record_get_strv (jana, "tags");
  const char *notes = hd_record_get_string (jana, "notes");

  g_assert_cmpint (count (f->store, HD_ENTITY_PERSON, TEST_HUB), ==, 2);
  g_assert_cmpint (count (f->store, HD_ENTITY_ORGANIZATION, TEST_HUB), ==, 2);
  g_assert_cmpstr (hd_record_get_string (jana, "given_name"), ==, "Jana");
  g_assert_cmpstr (hd_record_get_string (jana, "email"), ==, "jana.mueller@schwarzwald-sensorik.de");
  g_assert_cmpstr (hd_record_get_string (jana, "phone"), ==, "+49 7721 40 12 30");
  g_assert_cmpstr (hd_record_get_string (jana, "job_title"), ==, "Leiterin Entwicklung");
  g_assert_cmpstr (org_name_of (f->store, jana), ==, "Schwarzwald Sensorik GmbH");
  /* A folded line joins without a space; "\," is a comma. */
  g_assert_nonnull (strstr (notes, "KI-Frühstück, Villingen. Interesse an Förderberatung (Invest BW)."));
  /* Further addresses and numbers are kept in the notes. */
  g_assert_nonnull (strstr (notes, "jana.m@example.org"));
  g_assert_nonnull (strstr (notes, "+49 171 555 0199"));
  g_assert_nonnull (tags);
  g_assert_cmpstr (tags[0], ==, "KI");
  g_assert_cmpstr (tags[1], ==, "Sensorik");
  g_assert_null (tags[2]);
  g_assert_cmpstr (hd_record_get_string (thomas, "given_name"), ==, "Thomas");
  g_assert_cmpstr (hd_record_get_string (thomas, "email"), ==, "t.weiss@hs-furtwangen.de");
  g_assert_cmpstr (org_name_of (f->store, thomas), ==, "Hochschule Furtwangen");
}

static void
test_vcard_evolution (Fixture       *f,
                      gconstpointer  data)
{
  G_GNUC_UNUSED g_autofree char *id = import_file (f->store, TEST_HUB, "evolution.vcf");
  g_autoptr(HdRecord) aylin = find (f->store, HD_ENTITY_PERSON, TEST_HUB, "family_name", "Demir");

  g_assert_cmpint (count (f->store, HD_ENTITY_PERSON, TEST_HUB), ==, 1);
  g_assert_cmpstr (hd_record_get_string (aylin, "email"), ==, "aylin.demir@neckar-robotics.de");
  g_assert_cmpstr (hd_record_get_string (aylin, "phone"), ==, "+49 711 123456-7");
  g_assert_cmpstr (hd_record_get_string (aylin, "job_title"), ==, "Geschäftsführerin");
  /* "\;" and "\n" unescaped; the photo left out without a word. */
  /* Her postal address after it: people have no address fields. */
  g_assert_cmpstr (hd_record_get_string (aylin, "notes"), ==,
                   "Gründerin; sucht Pilotkunden im Maschinenbau.\nRückruf im Dezember.\n"
                   "Work address: Königstraße 10, 70173 Stuttgart, Deutschland");
  g_assert_cmpstr (org_name_of (f->store, aylin), ==, "Neckar Robotics GmbH");
}

static void
test_vcard_apple (Fixture       *f,
                  gconstpointer  data)
{
  G_GNUC_UNUSED g_autofree char *id = import_file (f->store, TEST_HUB, "apple.vcf");
  g_autoptr(HdRecord) org = find (f->store, HD_ENTITY_ORGANIZATION, TEST_HUB, "name", "Bodensee Digital e.V.");
  g_autoptr(HdRecord) lukas = find (f->store, HD_ENTITY_PERSON, TEST_HUB, "family_name", "Schäfer");

  /* The company card is an organization, and the person joins it. */
  g_assert_cmpint (count (f->store, HD_ENTITY_ORGANIZATION, TEST_HUB), ==, 1);
  g_assert_cmpint (count (f->store, HD_ENTITY_PERSON, TEST_HUB), ==, 1);
  g_assert_cmpstr (hd_record_get_string (org, "email"), ==, "info@bodensee-digital.de");
  g_assert_cmpstr (hd_record_get_string (org, "street"), ==, "Seestraße 3");
  g_assert_cmpstr (hd_record_get_string (org, "postcode"), ==, "78462");
  g_assert_cmpstr (hd_record_get_string (org, "city"), ==, "Konstanz");
  g_assert_cmpstr (hd_record_get_string (org, "country"), ==, "DE");
  g_assert_cmpstr (hd_record_get_string (org, "website"), ==, "https://www.bodensee-digital.de");
  g_assert_cmpstr (hd_record_get_string (lukas, "organization_id"), ==, hd_record_get_id (org));
  /* The preferred number first. */
  g_assert_cmpstr (hd_record_get_string (lukas, "phone"), ==, "+49 160 1234567");
  g_assert_nonnull (strstr (hd_record_get_string (lukas, "notes"), "+49 7531 998870"));
}

static void
test_vcard_google (Fixture       *f,
                   gconstpointer  data)
{
  G_GNUC_UNUSED g_autofree char *id = import_file (f->store, TEST_HUB, "google.vcf");
  g_autoptr(HdRecord) sophie = find (f->store, HD_ENTITY_PERSON, TEST_HUB, "family_name", "Keller");
  const char **tags = hd_record_get_strv (sophie, "tags");

  g_assert_cmpstr (hd_record_get_string (sophie, "email"), ==, "sophie.keller@alb-innovation.de");
  g_assert_cmpstr (tags[0], ==, "myContacts");
  g_assert_cmpstr (tags[1], ==, "Workshop Teilnehmende");
  g_assert_true (g_str_has_prefix (hd_record_get_string (sophie, "notes"),
                                   "Teilnahme am Workshop „Digitale Zwillinge“, Reutlingen"));
  g_assert_nonnull (strstr (hd_record_get_string (sophie, "notes"), "sophie.keller@gmail.com"));
}

static void
test_vcard_40_and_21 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(HdImportPlan) plan = plan_file (f->store, TEST_HUB, "nextcloud-v4.vcf");
  g_autoptr(GError) error = NULL;
  G_GNUC_UNUSED g_autofree char *id = hd_import_plan_apply (plan, f->store, &error);
  g_autofree char *id2 = NULL;
  g_autoptr(HdRecord) mehmet = find (f->store, HD_ENTITY_PERSON, TEST_HUB, "family_name", "Yıldız");
  g_autoptr(HdRecord) ulm = find (f->store, HD_ENTITY_ORGANIZATION, TEST_HUB, "name", "Ulm Cleantech AG");
  g_autoptr(HdRecord) katrin = NULL;

  g_assert_no_error (error);
  /* The person names the company before its own card comes: one record. */
  g_assert_cmpint (count (f->store, HD_ENTITY_ORGANIZATION, TEST_HUB), ==, 1);
  g_assert_cmpstr (hd_record_get_string (mehmet, "organization_id"), ==, hd_record_get_id (ulm));
  g_assert_cmpstr (hd_record_get_string (mehmet, "phone"), ==, "+49-731-5550100");
  g_assert_cmpstr (hd_record_get_string (ulm, "city"), ==, "Ulm");
  g_assert_cmpstr (hd_record_get_string (ulm, "email"), ==, "kontakt@ulm-cleantech.de");

  id2 = import_file (f->store, TEST_HUB, "outlook21.vcf");
  katrin = find (f->store, HD_ENTITY_PERSON, TEST_HUB, "email", "k.gruenwald@schwarzwald-sensorik.de");
  /* Quoted-printable, with a soft line break. */
  g_assert_cmpstr (hd_record_get_string (katrin, "family_name"), ==, "Grünwald");
  g_assert_cmpstr (hd_record_get_string (katrin, "notes"), ==,
                   "Teilnahme am Workshop „Digitale Zwillinge“, Folgetermin vereinbart.");
}

/* ---- CSV files ---- */

static void
test_csv_german (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(HdImportPlan) plan = plan_file (f->store, TEST_HUB, "kontakte-de.csv");
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autoptr(HdRecord) jana = NULL;
  g_autoptr(HdRecord) juergen = NULL;
  GPtrArray *steps = hd_import_plan_get_steps (plan);
  guint skipped_lines[2] = { 0, 0 }, n_skipped = 0;
  const char **purposes;

  /* 3 people and the 2 organizations they name; the row without a name
   * and the one with a broken address are skipped, each with a reason. */
  g_assert_cmpuint (hd_import_plan_count (plan, HD_IMPORT_CREATE), ==, 5);
  g_assert_cmpuint (hd_import_plan_count (plan, HD_IMPORT_UPDATE), ==, 0);
  g_assert_cmpuint (hd_import_plan_count (plan, HD_IMPORT_SKIP), ==, 2);
  for (guint i = 0; i < steps->len; i++)
    {
      HdImportStep *step = steps->pdata[i];

      if (step->action != HD_IMPORT_SKIP)
        continue;
      g_assert_nonnull (step->reason);
      g_assert_cmpstr (step->reason, !=, "");
      skipped_lines[n_skipped++] = step->line;
    }
  /* Line numbers count the line break inside the quoted note. */
  g_assert_cmpuint (skipped_lines[0], ==, 6);
  g_assert_cmpuint (skipped_lines[1], ==, 7);
  /* Planning wrote nothing. */
  g_assert_cmpint (count (f->store, HD_ENTITY_PERSON, NULL), ==, 0);

  id = hd_import_plan_apply (plan, f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (f->store, HD_ENTITY_PERSON, TEST_HUB), ==, 3);
  g_assert_cmpint (count (f->store, HD_ENTITY_ORGANIZATION, TEST_HUB), ==, 2);

  jana = find (f->store, HD_ENTITY_PERSON, TEST_HUB, "family_name", "Müller");
  g_assert_cmpstr (hd_record_get_string (jana, "notes"), ==,
                   "Erstberatung am 12.11.\nFolgetermin: Förderantrag; Frist 31.01.");
  g_assert_cmpstr (hd_record_get_string (jana, "consent"), ==, "given");
  purposes = hd_record_get_strv (jana, "consent_purposes");
  g_assert_true (g_strv_contains (purposes, "newsletter"));
  g_assert_true (g_strv_contains (purposes, "contact"));
  juergen = find (f->store, HD_ENTITY_PERSON, TEST_HUB, "family_name", "Häberle");
  g_assert_cmpstr (hd_record_get_string (juergen, "notes"), ==, "Sagt: \"Wir brauchen ein MES.\"");
  g_assert_cmpstr (org_name_of (f->store, juergen), ==, "Häberle & Söhne; Feinmechanik");
  g_assert_cmpstr (hd_record_get_string (juergen, "consent"), ==, "none");
}

static void
test_csv_1252 (Fixture       *f,
               gconstpointer  data)
{
  G_GNUC_UNUSED g_autofree char *id = import_file (f->store, TEST_HUB, "outlook-1252.csv");
  g_autoptr(HdRecord) bjoern = find (f->store, HD_ENTITY_PERSON, TEST_HUB, "family_name", "Groß");
  g_autoptr(HdRecord) fraenzi = find (f->store, HD_ENTITY_PERSON, TEST_HUB, "given_name", "Fränzi");

  g_assert_cmpstr (hd_record_get_string (bjoern, "given_name"), ==, "Björn");
  g_assert_cmpstr (hd_record_get_string (bjoern, "phone"), ==, "0711 987654");
  g_assert_cmpstr (org_name_of (f->store, bjoern), ==, "Müller & Partner GbR");
  g_assert_cmpstr (hd_record_get_string (fraenzi, "notes"), ==, "€-Umstellung erledigt");
}

static void
test_csv_organizations (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(HdImportPlan) plan = plan_file (f->store, TEST_HUB, "organizations-en.csv");
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autoptr(HdRecord) neckar = NULL;
  const char **tags;

  g_assert_cmpuint (hd_import_plan_count (plan, HD_IMPORT_CREATE), ==, 2);
  g_assert_cmpuint (hd_import_plan_count (plan, HD_IMPORT_SKIP), ==, 1);
  id = hd_import_plan_apply (plan, f->store, &error);
  g_assert_no_error (error);
  neckar = find (f->store, HD_ENTITY_ORGANIZATION, TEST_HUB, "name", "Neckar Robotics GmbH");
  g_assert_cmpstr (hd_record_get_string (neckar, "kind"), ==, "startup");
  g_assert_cmpstr (hd_record_get_string (neckar, "size_class"), ==, "small");
  g_assert_cmpstr (hd_record_get_string (neckar, "register_id"), ==, "HRB 725123, Amtsgericht Stuttgart");
  g_assert_cmpstr (hd_record_get_string (neckar, "postcode"), ==, "70173");
  tags = hd_record_get_strv (neckar, "tags");
  g_assert_cmpstr (tags[0], ==, "Robotik");
  g_assert_cmpstr (tags[1], ==, "Pilot");
}

/* ---- plan: update by email, undo ---- */

static void
test_update_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(HdRecord) before = test_person (TEST_HUB, "Jana", "Mueller");
  g_autoptr(HdRecord) other_hub = test_person (TEST_HUB_2, "Jana", "Müller");
  g_autoptr(HdRecord) after = NULL;
  g_autoptr(HdRecord) restored = NULL;
  g_autoptr(HdImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *key = NULL;
  g_autofree char *journal = NULL;
  GPtrArray *steps;
  gboolean found_update = FALSE;

  hd_record_set_string (before, "email", "Jana.Mueller@Schwarzwald-Sensorik.de");
  hd_record_set_string (before, "job_title", "Entwicklerin");
  hd_record_set_string (before, "notes", "Seit 2024 dabei.");
  g_assert_true (hd_store_save (f->store, before, &error));
  /* The same address in another hub is another record: it is not touched. */
  hd_record_set_string (other_hub, "email", "jana.mueller@schwarzwald-sensorik.de");
  g_assert_true (hd_store_save (f->store, other_hub, &error));
  g_assert_no_error (error);

  plan = plan_file (f->store, TEST_HUB, "kontakte-de.csv");
  steps = hd_import_plan_get_steps (plan);
  g_assert_cmpuint (hd_import_plan_count (plan, HD_IMPORT_UPDATE), ==, 1);
  g_assert_cmpuint (hd_import_plan_count (plan, HD_IMPORT_CREATE), ==, 4);
  for (guint i = 0; i < steps->len; i++)
    {
      HdImportStep *step = steps->pdata[i];

      if (step->action == HD_IMPORT_UPDATE)
        {
          g_assert_cmpstr (hd_record_get_id (step->record), ==, hd_record_get_id (before));
          /* The reason names the fields that change. */
          g_assert_nonnull (strstr (step->reason, "Family name"));
          found_update = TRUE;
        }
    }
  g_assert_true (found_update);

  id = hd_import_plan_apply (plan, f->store, &error);
  g_assert_no_error (error);
  after = hd_store_get (f->store, HD_ENTITY_PERSON, hd_record_get_id (before), &error);
  g_assert_cmpstr (hd_record_get_string (after, "family_name"), ==, "Müller");
  g_assert_cmpstr (hd_record_get_string (after, "job_title"), ==, "Leiterin Entwicklung");
  g_assert_cmpint (count (f->store, HD_ENTITY_PERSON, TEST_HUB), ==, 3);
  g_assert_cmpint (count (f->store, HD_ENTITY_PERSON, TEST_HUB_2), ==, 1);
  key = g_strconcat ("import/", id, NULL);
  journal = hd_store_get_meta (f->store, key);
  g_assert_nonnull (journal);

  /* Someone edits one imported field afterwards: undo keeps that edit. */
  hd_record_set_string (after, "job_title", "CTO");
  g_assert_true (hd_store_save (f->store, after, &error));

  g_assert_true (hd_contact_import_undo (f->store, id, &error));
  g_assert_no_error (error);
  restored = hd_store_get (f->store, HD_ENTITY_PERSON, hd_record_get_id (before), &error);
  g_assert_cmpstr (hd_record_get_string (restored, "family_name"), ==, "Mueller");
  g_assert_cmpstr (hd_record_get_string (restored, "email"), ==, "Jana.Mueller@Schwarzwald-Sensorik.de");
  g_assert_cmpstr (hd_record_get_string (restored, "job_title"), ==, "CTO");
  g_assert_cmpint (count (f->store, HD_ENTITY_PERSON, TEST_HUB), ==, 1);
  g_assert_cmpint (count (f->store, HD_ENTITY_ORGANIZATION, TEST_HUB), ==, 0);
  g_assert_cmpint (count (f->store, HD_ENTITY_PERSON, TEST_HUB_2), ==, 1);
  g_free (journal);
  journal = hd_store_get_meta (f->store, key);
  g_assert_null (journal);

  /* Undone once is undone. */
  g_assert_false (hd_contact_import_undo (f->store, id, &error));
  g_assert_error (error, HD_INTEROP_ERROR, HD_INTEROP_ERROR_NOT_FOUND);
}

static void
test_undo_refused_when_in_use (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *id = import_file (f->store, TEST_HUB, "google.vcf");
  g_autoptr(HdRecord) sophie = find (f->store, HD_ENTITY_PERSON, TEST_HUB, "family_name", "Keller");
  g_autoptr(HdRecord) talk = hd_record_new (HD_ENTITY_INTERACTION, TEST_HUB);
  g_autoptr(GError) error = NULL;

  hd_record_set_string (talk, "occurred_on", "2026-11-20");
  hd_record_set_string (talk, "person_id", hd_record_get_id (sophie));
  g_assert_true (hd_store_save (f->store, talk, &error));

  /* The consultation points at her: nothing is undone, nothing lost. */
  g_assert_false (hd_contact_import_undo (f->store, id, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_IN_USE);
  g_assert_cmpint (count (f->store, HD_ENTITY_PERSON, TEST_HUB), ==, 1);
  g_assert_cmpint (count (f->store, HD_ENTITY_ORGANIZATION, TEST_HUB), ==, 1);
}

static void
test_bound_profile_syncs (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  gint64 outbox;

  g_assert_true (hd_store_set_meta (f->store, "server_url", "https://hub.example.org", &error));
  id = import_file (f->store, TEST_HUB, "thunderbird.vcf");
  /* Each created record waits in the outbox like any other edit. */
  outbox = hd_store_outbox_count (f->store, &error);
  g_assert_cmpint (outbox, ==, 4);
  {
    g_autoptr(HdRecord) jana = find (f->store, HD_ENTITY_PERSON, TEST_HUB, "family_name", "Müller");
    g_assert_cmpint (hd_store_get_sync_state (f->store, HD_ENTITY_PERSON, hd_record_get_id (jana)), ==,
                     HD_SYNC_PENDING);
  }

  g_assert_true (hd_contact_import_undo (f->store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->store, HD_ENTITY_PERSON, TEST_HUB), ==, 0);
  /* The undo goes to the server as deletes. */
  g_assert_cmpint (hd_store_outbox_count (f->store, &error), ==, 8);
}

/* ---- broken files change nothing ---- */

static void
test_broken_files (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const files[] = {
    "broken-quote.csv", "broken-unclosed.vcf", "broken-binary.vcf", "broken-noname.csv",
  };
  g_autofree char *before = NULL;
  G_GNUC_UNUSED g_autofree char *id = import_file (f->store, TEST_HUB, "google.vcf");

  before = test_file_checksum (f->dir.path);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = data_path (files[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(HdImportPlan) plan = hd_import_plan_new_for_file (f->store, TEST_HUB, path, NULL, &error);

      g_assert_null (plan);
      g_assert_nonnull (error);
      g_assert_true (error->domain == HD_INTEROP_ERROR);
      g_assert_cmpstr (error->message, !=, "");
    }
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *path = data_path ("thunderbird.vcf");
    g_autoptr(HdImportPlan) plan = hd_import_plan_new_for_file (f->store, "no-such-hub",
                                                                 path, NULL, &error);
    g_assert_null (plan);
    g_assert_nonnull (error);
  }
  g_assert_cmpint (count (f->store, HD_ENTITY_PERSON, NULL), ==, 1);
  g_assert_cmpint (count (f->store, HD_ENTITY_ORGANIZATION, NULL), ==, 1);
  {
    g_autofree char *after = test_file_checksum (f->dir.path);
    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_apply_is_atomic (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(HdImportPlan) plan = plan_file (f->store, TEST_HUB, "kontakte-de.csv");
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  GPtrArray *steps = hd_import_plan_get_steps (plan);

  /* A record that turns invalid after planning makes the whole apply fail. */
  for (guint i = steps->len; i > 0; i--)
    {
      HdImportStep *step = steps->pdata[i - 1];

      if (step->action == HD_IMPORT_CREATE && step->entity == HD_ENTITY_PERSON)
        {
          hd_record_set_string (step->record, "email", "not an address");
          break;
        }
    }
  id = hd_import_plan_apply (plan, f->store, &error);
  g_assert_null (id);
  g_assert_nonnull (error);
  g_assert_cmpint (count (f->store, HD_ENTITY_PERSON, NULL), ==, 0);
  g_assert_cmpint (count (f->store, HD_ENTITY_ORGANIZATION, NULL), ==, 0);
}

static void
test_write_many_rolls_back (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(HdRecord) org = test_organization (TEST_HUB, "Neckar Robotics GmbH");
  g_autoptr(HdRecord) member = test_person (TEST_HUB, "Aylin", "Demir");
  g_autoptr(HdRecord) fresh = test_person (TEST_HUB, "Karl", "Neu");
  g_autoptr(GPtrArray) saves = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GPtrArray) deletes = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *meta = NULL;

  g_assert_true (hd_store_save (f->store, org, &error));
  hd_record_set_string (member, "organization_id", hd_record_get_id (org));
  g_assert_true (hd_store_save (f->store, member, &error));

  /* A save that succeeds, then a delete the store refuses (in use): the
   * save, the meta key, everything is rolled back. */
  g_ptr_array_add (saves, hd_record_ref (fresh));
  g_ptr_array_add (deletes, hd_record_ref (org));
  g_assert_false (hd_store_write_many (f->store, saves, deletes, "import/test", "{}", &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_IN_USE);
  g_assert_null (hd_store_get (f->store, HD_ENTITY_PERSON, hd_record_get_id (fresh), NULL));
  meta = hd_store_get_meta (f->store, "import/test");
  g_assert_null (meta);
  g_assert_cmpint (count (f->store, HD_ENTITY_ORGANIZATION, TEST_HUB), ==, 1);
}

static gint64
count_where (HdStore    *store,
             HdEntity    entity,
             const char *field,
             const char *value)
{
  HdQuery query = { 0, };
  g_autoptr(GError) error = NULL;
  gint64 n;

  query.entity = entity;
  query.hub_id = TEST_HUB;
  query.ref_field = field;
  query.ref_id = value;
  n = hd_store_count (store, &query, &error);
  g_assert_no_error (error);
  return n;
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  G_GNUC_UNUSED g_autofree char *a = import_file (f->store, TEST_HUB, "kontakte-de.csv");
  G_GNUC_UNUSED g_autofree char *b = import_file (f->store, TEST_HUB, "organizations-en.csv");

  /* Tags and consent purposes are lists: "contains"; kind is one value. */
  g_assert_cmpint (count_where (f->store, HD_ENTITY_PERSON, "tags", "KI"), ==, 1);
  g_assert_cmpint (count_where (f->store, HD_ENTITY_PERSON, "tags", "Hackathon"), ==, 1);
  g_assert_cmpint (count_where (f->store, HD_ENTITY_PERSON, "tags", "Nichts"), ==, 0);
  g_assert_cmpint (count_where (f->store, HD_ENTITY_PERSON, "consent_purposes", "newsletter"), ==, 1);
  g_assert_cmpint (count_where (f->store, HD_ENTITY_PERSON, "consent", "given"), ==, 1);
  g_assert_cmpint (count_where (f->store, HD_ENTITY_PERSON, "consent", "none"), ==, 2);
  g_assert_cmpint (count_where (f->store, HD_ENTITY_ORGANIZATION, "kind", "university"), ==, 1);
  g_assert_cmpint (count_where (f->store, HD_ENTITY_ORGANIZATION, "kind", "startup"), ==, 1);
}

/* ---- round trips ---- */

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* Every person and organization of @hub as text without ids: fields in
 * schema order, the organization by name. Sorted, one per line. */
static char *
snapshot (HdStore    *store,
          const char *hub_id)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);
  HdEntity entities[] = { HD_ENTITY_ORGANIZATION, HD_ENTITY_PERSON };

  for (guint e = 0; e < G_N_ELEMENTS (entities); e++)
    {
      HdQuery query = { 0, };
      g_autoptr(GPtrArray) all = NULL;
      const HdEntityInfo *info = hd_entity_info (entities[e]);

      query.entity = entities[e];
      query.hub_id = hub_id;
      query.include_archived = TRUE;
      all = hd_store_query (store, &query, NULL);
      for (guint i = 0; i < all->len; i++)
        {
          GString *line = g_string_new (hd_entity_name (entities[e]));

          for (guint fi = 0; fi < info->n_fields; fi++)
            {
              g_autofree char *text = NULL;

              if (info->fields[fi].type == HD_TYPE_REF)
                text = g_strdup (org_name_of (store, all->pdata[i]));
              else
                text = hd_interop_get_text (all->pdata[i], fi);
              g_string_append_printf (line, "|%s=%s", info->fields[fi].name, text != NULL ? text : "");
            }
          g_ptr_array_add (lines, g_string_free (line, FALSE));
        }
    }
  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s\n", (char *) lines->pdata[i]);
  return g_string_free (out, FALSE);
}

static void
import_text (HdStore        *store,
             const char     *hub_id,
             HdContactFormat format,
             const char     *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *items = hd_contact_read (format, text, strlen (text), NULL, &error);
  g_autoptr(HdImportPlan) plan = NULL;
  g_autofree char *id = NULL;

  g_assert_no_error (error);
  plan = hd_import_plan_new (store, hub_id, items, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hd_import_plan_count (plan, HD_IMPORT_SKIP), ==, 0);
  id = hd_import_plan_apply (plan, store, &error);
  g_assert_no_error (error);
}

static void
round_trip (Fixture        *f,
            HdExportFormat  format)
{
  static const char * const files[] = {
    "thunderbird.vcf", "evolution.vcf", "apple.vcf", "google.vcf", "nextcloud-v4.vcf",
    "outlook21.vcf", "kontakte-de.csv", "outlook-1252.csv", "organizations-en.csv",
  };
  HdContactFormat read_format = format == HD_EXPORT_CSV ? HD_CONTACT_FORMAT_CSV : HD_CONTACT_FORMAT_VCARD;
  g_autofree char *original = NULL;
  g_autofree char *copy = NULL;
  g_autoptr(GError) error = NULL;
  HdExportOptions options = { 0, };
  g_autofree char *orgs = NULL;
  g_autofree char *people = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      G_GNUC_UNUSED g_autofree char *id = import_file (f->store, TEST_HUB, files[i]);
    }
  {
    /* Archived records, consent and every organization field travel too. */
    g_autoptr(HdRecord) jana = find (f->store, HD_ENTITY_PERSON, TEST_HUB, "family_name", "Müller");

    hd_record_set_string (jana, "consent_at", "2026-11-12T09:30:00Z");
    hd_record_set_string (jana, "consent_source", "Anmeldeformular KI-Frühstück");
    hd_record_set_string (jana, "consent_text", "Ich bin einverstanden, dass …\nZweite Zeile; mit Semikolon, Komma.");
    hd_record_set_bool (jana, "archived", TRUE);
    g_assert_true (hd_store_save (f->store, jana, &error));
  }

  options.hub_id = TEST_HUB;
  options.include_archived = TRUE;
  options.entity = HD_ENTITY_ORGANIZATION;
  orgs = hd_contact_export (f->store, &options, format, NULL, NULL, &error);
  g_assert_no_error (error);
  options.entity = HD_ENTITY_PERSON;
  people = hd_contact_export (f->store, &options, format, NULL, NULL, &error);
  g_assert_no_error (error);

  import_text (f->store, TEST_HUB_2, read_format, orgs);
  import_text (f->store, TEST_HUB_2, read_format, people);

  original = snapshot (f->store, TEST_HUB);
  copy = snapshot (f->store, TEST_HUB_2);
  g_assert_cmpstr (original, ==, copy);
  g_assert_cmpint (count (f->store, HD_ENTITY_PERSON, TEST_HUB), >=, 10);

  /* Read back into the hub it came from, it changes nothing. */
  {
    GPtrArray *items = hd_contact_read (read_format, people, strlen (people), NULL, &error);
    g_autoptr(HdImportPlan) plan = hd_import_plan_new (f->store, TEST_HUB, items, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hd_import_plan_count (plan, HD_IMPORT_CREATE), ==, 0);
    g_assert_cmpuint (hd_import_plan_count (plan, HD_IMPORT_UPDATE), ==, 0);
  }
}

static void
test_round_trip_vcard30 (Fixture *f, gconstpointer data) { round_trip (f, HD_EXPORT_VCARD_30); }
static void
test_round_trip_vcard40 (Fixture *f, gconstpointer data) { round_trip (f, HD_EXPORT_VCARD_40); }
static void
test_round_trip_csv (Fixture *f, gconstpointer data) { round_trip (f, HD_EXPORT_CSV); }

static void
test_export_consent (Fixture       *f,
                     gconstpointer  data)
{
  G_GNUC_UNUSED g_autofree char *id = import_file (f->store, TEST_HUB, "kontakte-de.csv");
  g_autoptr(GError) error = NULL;
  HdExportOptions options = { 0, };
  g_autofree char *text = NULL;
  guint n = 0, left_out = 0;

  options.entity = HD_ENTITY_PERSON;
  options.hub_id = TEST_HUB;
  options.consent_purpose = "newsletter";
  text = hd_contact_export (f->store, &options, HD_EXPORT_CSV, &n, &left_out, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (left_out, ==, 2);
  g_assert_nonnull (strstr (text, "jana.mueller@schwarzwald-sensorik.de"));
  g_assert_null (strstr (text, "haeberle"));
}

/* The list as filtered on screen goes out as it is: every condition. */
static void
test_export_filtered (Fixture       *f,
                      gconstpointer  data)
{
  const char *where[] = { "tags=Export", "consent=given", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = NULL;
  HdExportOptions options = { 0, };
  HdQuery query = { 0, };
  g_autofree char *text = NULL;
  guint n = 0;

  g_free (import_file (f->store, TEST_HUB, "kontakte-de.csv"));
  g_free (import_file (f->store, TEST_HUB, "thunderbird.vcf"));
  query.entity = HD_ENTITY_PERSON;
  query.hub_id = TEST_HUB;
  people = hd_store_query (f->store, &query, &error);
  g_assert_cmpuint (people->len, >=, 4);
  /* Three tagged, two of them (and one more) with consent. */
  for (guint i = 0; i < 4; i++)
    {
      HdRecord *person = people->pdata[i];
      const char *tags[] = { "Export", NULL };

      if (i < 3)
        hd_record_set_strv (person, "tags", tags);
      else
        hd_record_set_strv (person, "tags", NULL);
      hd_record_set_string (person, "consent", i == 2 ? "none" : "given");
      g_assert_true (hd_store_save (f->store, person, &error));
    }

  query.where = where;
  options.entity = HD_ENTITY_PERSON;
  options.query = &query;
  text = hd_contact_export (f->store, &options, HD_EXPORT_CSV, &n, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (hd_store_count (f->store, &query, NULL), ==, 2);
  for (guint i = 0; i < 4; i++)
    {
      const char *family = hd_record_get_string (people->pdata[i], "family_name");

      if (i < 2)
        g_assert_nonnull (strstr (text, family));
      else
        g_assert_null (strstr (text, family));
    }
}

/* ---- vCard names, addresses of people, 4.0 ---- */

static const char names_card[] =
  "BEGIN:VCARD\r\n"
  "VERSION:3.0\r\n"
  "FN:Prof. Dr. Thomas Maria Weiß MBA\r\n"
  "N:Weiß;Thomas;Maria;Prof. Dr.;MBA\r\n"
  "TITLE:Studiendekan\r\n"
  "EMAIL;TYPE=work:thomas.weiss@hs-furtwangen.example\r\n"
  "ADR;TYPE=home:;;Bahnhofstraße 4;Furtwangen;;78120;Deutschland\r\n"
  "ADR;TYPE=work:;Gebäude C;Robert-Gerwig-Platz 1;Furtwangen;BW;78120;\r\n"
  "ADR:;;;;;;\r\n"
  "NOTE:Beirat Digital Hub.\r\n"
  "END:VCARD\r\n";

static void
test_vcard_names_addresses (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(HdRecord) thomas = NULL;
  g_autoptr(HdRecord) dr = NULL;
  G_GNUC_UNUSED g_autofree char *id = import_file (f->store, TEST_HUB_2, "thunderbird.vcf");

  import_text (f->store, TEST_HUB, HD_CONTACT_FORMAT_VCARD, names_card);
  thomas = find (f->store, HD_ENTITY_PERSON, TEST_HUB, "family_name", "Weiß");
  /* Middle names are given names; title and suffix stay out of the name
   * and the job title. */
  g_assert_cmpstr (hd_record_get_string (thomas, "given_name"), ==, "Thomas Maria");
  g_assert_cmpstr (hd_record_get_string (thomas, "job_title"), ==, "Studiendekan");
  g_assert_cmpstr (hd_record_get_string (thomas, "notes"), ==,
                   "Beirat Digital Hub.\n"
                   "Name prefix: Prof. Dr.\n"
                   "Name suffix: MBA\n"
                   "Home address: Bahnhofstraße 4, 78120 Furtwangen, Deutschland\n"
                   "Work address: Gebäude C, Robert-Gerwig-Platz 1, 78120 Furtwangen, BW");

  /* Read again, nothing is added twice. */
  {
    g_autoptr(GError) error = NULL;
    GPtrArray *items = hd_contact_read (HD_CONTACT_FORMAT_VCARD, names_card, strlen (names_card), NULL, &error);
    g_autoptr(HdImportPlan) plan = hd_import_plan_new (f->store, TEST_HUB, items, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hd_import_plan_count (plan, HD_IMPORT_CREATE), ==, 0);
    g_assert_cmpuint (hd_import_plan_count (plan, HD_IMPORT_UPDATE), ==, 0);
  }

  /* Thunderbird's "N:Weiß;Thomas;;Dr.;" */
  dr = find (f->store, HD_ENTITY_PERSON, TEST_HUB_2, "family_name", "Weiß");
  g_assert_cmpstr (hd_record_get_string (dr, "given_name"), ==, "Thomas");
  g_assert_null (hd_record_get_string (dr, "job_title"));
  g_assert_cmpstr (hd_record_get_string (dr, "notes"), ==, "Name prefix: Dr.");
}

/* Each card of @text, its UID line left out (ids differ between hubs). */
static char *
without_uids (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (!g_str_has_prefix (lines[i], "UID:"))
        g_string_append_printf (out, "%s\n", lines[i]);
    }
  return g_string_free (out, FALSE);
}

static char *
export_hub (HdStore        *store,
            const char     *hub_id,
            HdEntity        entity)
{
  HdExportOptions options = { 0, };
  g_autoptr(GError) error = NULL;
  char *text;

  options.entity = entity;
  options.hub_id = hub_id;
  options.include_archived = TRUE;
  text = hd_contact_export (store, &options, HD_EXPORT_VCARD_40, NULL, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
test_vcard_40_export (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const files[] = { "evolution.vcf", "nextcloud-v4.vcf", "google.vcf",
                                        "apple.vcf", "organizations-en.csv" };
  g_autofree char *orgs = NULL;
  g_autofree char *people = NULL;
  g_autofree char *orgs_again = NULL;
  g_autofree char *people_again = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_auto(GStrv) cards = NULL;
  guint n_cards = 0;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_free (import_file (f->store, TEST_HUB, files[i]));
  import_text (f->store, TEST_HUB, HD_CONTACT_FORMAT_VCARD, names_card);

  orgs = export_hub (f->store, TEST_HUB, HD_ENTITY_ORGANIZATION);
  people = export_hub (f->store, TEST_HUB, HD_ENTITY_PERSON);
  g_assert_true (g_utf8_validate (orgs, -1, NULL));
  g_assert_true (g_utf8_validate (people, -1, NULL));

  /* Really 4.0: the version right after BEGIN, no CHARSET, KIND:org,
   * global numbers as tel: URIs, local ones as text. */
  cards = g_strsplit (people, "BEGIN:VCARD\r\n", -1);
  for (guint i = 1; cards[i] != NULL; i++, n_cards++)
    g_assert_true (g_str_has_prefix (cards[i], "VERSION:4.0\r\n"));
  g_assert_cmpuint (n_cards, >=, 4);
  g_assert_null (strstr (people, "VERSION:3.0"));
  g_assert_null (strstr (people, "CHARSET"));
  g_assert_null (strstr (orgs, "CHARSET"));
  g_assert_null (strstr (orgs, "X-ABShowAs"));
  g_assert_nonnull (strstr (orgs, "KIND:org\r\n"));
  g_assert_null (strstr (people, "KIND:org"));
  g_assert_nonnull (strstr (people, "TEL;VALUE=uri;TYPE=work:tel:+49.711.123456-7\r\n"));
  g_assert_nonnull (strstr (people, "Name prefix: Prof. Dr."));

  /* Export, import elsewhere, export: the same cards. */
  import_text (f->store, TEST_HUB_2, HD_CONTACT_FORMAT_VCARD, orgs);
  import_text (f->store, TEST_HUB_2, HD_CONTACT_FORMAT_VCARD, people);
  orgs_again = export_hub (f->store, TEST_HUB_2, HD_ENTITY_ORGANIZATION);
  people_again = export_hub (f->store, TEST_HUB_2, HD_ENTITY_PERSON);
  a = without_uids (orgs);
  b = without_uids (orgs_again);
  g_assert_cmpstr (a, ==, b);
  g_free (a);
  g_free (b);
  a = without_uids (people);
  b = without_uids (people_again);
  g_assert_cmpstr (a, ==, b);
  {
    g_autofree char *original = snapshot (f->store, TEST_HUB);
    g_autofree char *copy = snapshot (f->store, TEST_HUB_2);

    g_assert_cmpstr (original, ==, copy);
  }

  /* And a parser of its own (python3-vobject) reads it as written. */
  {
    g_autofree char *file = g_build_filename (f->dir.dir, "people.vcf", NULL);
    g_autofree char *script = g_build_filename (g_getenv ("HUBDESK_SRCDIR"), "tests", "interop",
                                                "vcard-read.py", NULL);
    g_autofree char *all = g_strconcat (orgs, people, NULL);
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autoptr(GError) error = NULL;
    const char *argv[] = { "/usr/bin/python3", script, file, NULL };
    int status = 0;

    g_assert_true (g_file_set_contents (file, all, -1, NULL));
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 &out, &err, &status, &error));
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("vcard-read.py failed: %s", err);
    g_test_message ("%s", out);
    g_assert_nonnull (strstr (out, "CARD|4.0|org|Neckar Robotics GmbH|"));
    g_assert_nonnull (strstr (out, "CARD|4.0|-|Aylin Demir|Demir;Aylin|no-charset\n"));
    g_assert_nonnull (strstr (out, "CARD|4.0|-|Thomas Maria Weiß|Weiß;Thomas Maria|no-charset\n"));
    g_assert_nonnull (strstr (out, "TEL|uri|work|tel:+49.711.123456-7\n"));
    g_assert_nonnull (strstr (out, "EMAIL|aylin.demir@neckar-robotics.de\n"));
    g_assert_null (strstr (out, "|charset\n"));
    g_assert_null (strstr (out, "CARD|3.0"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/interop/export/filtered", test_export_filtered);
  ADD ("/interop/vcard/names-addresses", test_vcard_names_addresses);
  ADD ("/interop/vcard/40-export", test_vcard_40_export);
  g_test_add_func ("/interop/csv/parse", test_csv_parse);
  g_test_add_func ("/interop/csv/windows-1252", test_csv_windows_1252);
  g_test_add_func ("/interop/csv/broken", test_csv_broken);
  g_test_add_func ("/interop/csv/write-read", test_csv_write_read);
  g_test_add_func ("/interop/csv/mapping", test_mapping);
  ADD ("/interop/vcard/thunderbird", test_vcard_thunderbird);
  ADD ("/interop/vcard/evolution", test_vcard_evolution);
  ADD ("/interop/vcard/apple", test_vcard_apple);
  ADD ("/interop/vcard/google", test_vcard_google);
  ADD ("/interop/vcard/4.0-and-2.1", test_vcard_40_and_21);
  ADD ("/interop/csv/german", test_csv_german);
  ADD ("/interop/csv/windows-1252-file", test_csv_1252);
  ADD ("/interop/csv/organizations", test_csv_organizations);
  ADD ("/interop/import/update-and-undo", test_update_and_undo);
  ADD ("/interop/import/undo-in-use", test_undo_refused_when_in_use);
  ADD ("/interop/import/bound-profile", test_bound_profile_syncs);
  ADD ("/interop/import/broken-files", test_broken_files);
  ADD ("/interop/import/atomic", test_apply_is_atomic);
  ADD ("/interop/store/write-many-rolls-back", test_write_many_rolls_back);
  ADD ("/interop/store/filters", test_filters);
  ADD ("/interop/round-trip/vcard30", test_round_trip_vcard30);
  ADD ("/interop/round-trip/vcard40", test_round_trip_vcard40);
  ADD ("/interop/round-trip/csv", test_round_trip_csv);
  ADD ("/interop/export/consent", test_export_consent);
#undef ADD

  return g_test_run ();
}
