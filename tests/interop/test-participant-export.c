/* test-participant-export.c — the participant list of an event as CSV
 * carries only people who agreed to their data being passed on
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "hd-csv.h"
#include "hd-participant-export.h"

#define HUB "0b7f5c1e-3a53-4b4c-9a55-7c1f7d3b2a10"

static void
save (HdStore  *store,
      HdRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (hd_store_save (store, record, &error));
  g_assert_no_error (error);
}

static char *
add_person (HdStore    *store,
            const char *event_id,
            const char *given,
            const char *email,
            const char *consent,
            const char *purpose,
            const char *status,
            const char *registered_at)
{
  g_autoptr(HdRecord) person = hd_record_new (HD_ENTITY_PERSON, HUB);
  g_autoptr(HdRecord) registration = hd_record_new (HD_ENTITY_REGISTRATION, HUB);
  const char *purposes[] = { purpose, NULL };

  hd_record_set_string (person, "given_name", given);
  hd_record_set_string (person, "family_name", "Muster");
  hd_record_set_string (person, "email", email);
  hd_record_set_string (person, "consent", consent);
  if (purpose != NULL)
    hd_record_set_strv (person, "consent_purposes", purposes);
  save (store, person);

  hd_record_set_string (registration, "event_id", event_id);
  hd_record_set_string (registration, "person_id", hd_record_get_id (person));
  hd_record_set_string (registration, "status", status);
  hd_record_set_string (registration, "registered_at", registered_at);
  save (store, registration);

  return g_strdup (hd_record_get_id (person));
}

static void
test_consent (void)
{
  g_autofree char *dir = g_dir_make_tmp ("hubdesk-participants-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "hubdesk.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = hd_store_open (path, &error);
  g_autoptr(HdRecord) hub = hd_record_new (HD_ENTITY_HUB, HUB);
  g_autoptr(HdRecord) event = hd_record_new (HD_ENTITY_EVENT, HUB);
  g_autoptr(HdCsv) csv = NULL;
  g_autofree char *text = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL;
  guint count = 99, left_out = 99;

  g_assert_no_error (error);
  hd_record_set_id (hub, HUB);
  hd_record_set_string (hub, "name", "Digital Hub Testregion");
  save (store, hub);
  hd_record_set_string (event, "title", "Netzwerkabend");
  hd_record_set_string (event, "starts_at", "2026-11-12T17:00:00Z");
  hd_record_set_string (event, "ends_at", "2026-11-12T20:00:00Z");
  save (store, event);

  a = add_person (store, hd_record_get_id (event), "Anna", "anna@example.org", "given", "data_sharing",
                  "attended", "2026-11-01T10:00:00Z");
  b = add_person (store, hd_record_get_id (event), "Bernd", "bernd@example.org", "given", "newsletter",
                  "registered", "2026-11-02T10:00:00Z");
  c = add_person (store, hd_record_get_id (event), "Clara", "clara@example.org", "none", NULL,
                  "registered", "2026-11-03T10:00:00Z");
  d = add_person (store, hd_record_get_id (event), "Dora", "dora@example.org", "given", "data_sharing",
                  "cancelled", "2026-11-04T10:00:00Z");
  e = add_person (store, hd_record_get_id (event), "Emil", "emil@example.org", "withdrawn", "data_sharing",
                  "waitlisted", "2026-11-05T10:00:00Z");

  text = hd_participants_export_csv (store, hd_record_get_id (event), &count, &left_out, &error);
  g_assert_no_error (error);
  g_test_message ("%s", text);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpuint (left_out, ==, 3);   /* Bernd, Clara, Emil; Dora cancelled */
  g_assert_nonnull (strstr (text, "anna@example.org"));
  g_assert_null (strstr (text, "Bernd"));
  g_assert_null (strstr (text, "clara@"));
  g_assert_null (strstr (text, "Dora"));
  g_assert_null (strstr (text, "Emil"));

  csv = hd_csv_parse (text, strlen (text), &error);
  g_assert_no_error (error);
  g_assert_nonnull (csv);

  /* an event that does not exist */
  g_clear_pointer (&text, g_free);
  text = hd_participants_export_csv (store, "00000000-0000-4000-8000-000000000000", NULL, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, HD_INTEROP_ERROR, HD_INTEROP_ERROR_NOT_FOUND);

  g_clear_object (&store);
  {
    g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
    const char *name;

    while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);

        g_unlink (file);
      }
  }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/interop/participants/consent", test_consent);
  return g_test_run ();
}
