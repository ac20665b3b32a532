/* test-privacy.c — the right of access (Art. 15) and to erasure (Art. 17)
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "hd-store-privacy.h"
#include "store-test-util.h"

typedef struct {
  TestDir   dir;
  HdStore  *store;
  HdRecord *jana;
  HdRecord *other;
  HdRecord *org;
  HdRecord *event;
  HdRecord *talk;
  HdRecord *reg;
  HdRecord *other_reg;
} Fixture;

static void
save (Fixture  *f,
      HdRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (hd_store_save (f->store, record, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(HdRecord) hub = hd_record_new (HD_ENTITY_HUB, TEST_HUB);
  const char *purposes[] = { "newsletter", "contact", NULL };

  test_dir_init (&f->dir);
  f->store = test_open_store (f->dir.path);
  hd_record_set_id (hub, TEST_HUB);
  hd_record_set_string (hub, "name", "Digital Hub Ulm");
  save (f, hub);

  f->org = test_organization (TEST_HUB, "Schwarzwald Sensorik GmbH");
  save (f, f->org);
  f->jana = test_person (TEST_HUB, "Jana", "Müller");
  hd_record_set_string (f->jana, "email", "jana@sensorik.de");
  hd_record_set_string (f->jana, "phone", "+49 7721 401230");
  hd_record_set_string (f->jana, "organization_id", hd_record_get_id (f->org));
  hd_record_set_string (f->jana, "notes", "Hat zwei Kinder, sucht Teilzeit.");
  hd_record_set_string (f->jana, "consent", "given");
  hd_record_set_strv (f->jana, "consent_purposes", purposes);
  hd_record_set_string (f->jana, "consent_at", "2026-10-01T10:00:00Z");
  hd_record_set_string (f->jana, "consent_text", "Ich willige ein, den Newsletter zu erhalten.");
  save (f, f->jana);
  f->other = test_person (TEST_HUB, "Karl", "Schmidt");
  save (f, f->other);

  f->event = test_event (TEST_HUB, "KI-Frühstück", "2026-12-01T08:00:00Z", "2026-12-01T10:00:00Z");
  save (f, f->event);
  f->talk = hd_record_new (HD_ENTITY_INTERACTION, TEST_HUB);
  hd_record_set_string (f->talk, "occurred_on", "2026-11-20");
  hd_record_set_string (f->talk, "person_id", hd_record_get_id (f->jana));
  hd_record_set_string (f->talk, "organization_id", hd_record_get_id (f->org));
  hd_record_set_string (f->talk, "topic", "Förderberatung");
  hd_record_set_string (f->talk, "summary", "Frau Müller möchte Invest BW beantragen.");
  save (f, f->talk);
  f->reg = hd_record_new (HD_ENTITY_REGISTRATION, TEST_HUB);
  hd_record_set_string (f->reg, "event_id", hd_record_get_id (f->event));
  hd_record_set_string (f->reg, "person_id", hd_record_get_id (f->jana));
  hd_record_set_string (f->reg, "status", "attended");
  hd_record_set_string (f->reg, "notes", "Vegetarisch");
  save (f, f->reg);
  f->other_reg = hd_record_new (HD_ENTITY_REGISTRATION, TEST_HUB);
  hd_record_set_string (f->other_reg, "event_id", hd_record_get_id (f->event));
  hd_record_set_string (f->other_reg, "person_id", hd_record_get_id (f->other));
  hd_record_set_string (f->other_reg, "notes", "Kommt später");
  save (f, f->other_reg);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  HdRecord **all[] = { &f->jana, &f->other, &f->org, &f->event, &f->talk, &f->reg, &f->other_reg };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    g_clear_pointer (all[i], hd_record_unref);
  g_clear_object (&f->store);
  test_dir_clear (&f->dir);
}

static void
test_report (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = hd_store_person_report (f->store, hd_record_get_id (f->jana), &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *person, *fields, *groups;
  JsonArray *regs, *talks;

  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  person = json_object_get_object_member (root, "person");
  fields = json_object_get_object_member (person, "fields");
  g_assert_cmpstr (json_object_get_string_member (fields, "email"), ==, "jana@sensorik.de");
  g_assert_cmpstr (json_object_get_string_member (fields, "consent_text"), ==,
                   "Ich willige ein, den Newsletter zu erhalten.");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "organization"), "name"),
                   ==, "Schwarzwald Sensorik GmbH");
  groups = json_object_get_object_member (root, "referring_records");
  talks = json_object_get_array_member (groups, "interaction");
  g_assert_cmpuint (json_array_get_length (talks), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_array_get_object_element (talks, 0), "fields"), "summary"),
                   ==, "Frau Müller möchte Invest BW beantragen.");
  regs = json_object_get_array_member (groups, "registration");
  /* Only her registration, with the event it is for. */
  g_assert_cmpuint (json_array_get_length (regs), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_array_get_object_element (regs, 0), "event"), "title"),
                   ==, "KI-Frühstück");
  g_assert_null (strstr (text, "Karl"));
  g_assert_null (strstr (text, "Kommt später"));
}

static gint64
count_registrations (Fixture *f)
{
  HdQuery query = { 0, };

  query.entity = HD_ENTITY_REGISTRATION;
  query.ref_field = "event_id";
  query.ref_id = hd_record_get_id (f->event);
  return hd_store_count (f->store, &query, NULL);
}

static void
test_erase (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdRecord) jana = NULL;
  g_autoptr(HdRecord) talk = NULL;
  g_autoptr(HdRecord) reg = NULL;
  g_autoptr(HdRecord) other_reg = NULL;
  g_autofree char *report = NULL;
  HdQuery query = { 0, };
  gint64 changed, outbox_before;

  g_assert_true (hd_store_set_meta (f->store, "server_url", "https://hub.example.org", &error));
  outbox_before = hd_store_outbox_count (f->store, &error);

  changed = hd_store_erase_person (f->store, hd_record_get_id (f->jana), "Erased person", &error);
  g_assert_no_error (error);
  g_assert_cmpint (changed, ==, 3);   /* her, the consultation, the registration */

  jana = hd_store_get (f->store, HD_ENTITY_PERSON, hd_record_get_id (f->jana), &error);
  g_assert_cmpstr (hd_record_get_string (jana, "family_name"), ==, "Erased person");
  g_assert_null (hd_record_get_string (jana, "given_name"));
  g_assert_null (hd_record_get_string (jana, "email"));
  g_assert_null (hd_record_get_string (jana, "phone"));
  g_assert_null (hd_record_get_string (jana, "notes"));
  g_assert_null (hd_record_get_string (jana, "organization_id"));
  g_assert_null (hd_record_get_string (jana, "consent_text"));
  g_assert_null (hd_record_get_strv (jana, "consent_purposes"));
  g_assert_cmpstr (hd_record_get_string (jana, "consent"), ==, "none");
  g_assert_true (hd_record_get_bool (jana, "archived"));

  /* The counts stay: the consultation for the organization, the attendance. */
  talk = hd_store_get (f->store, HD_ENTITY_INTERACTION, hd_record_get_id (f->talk), &error);
  g_assert_nonnull (talk);
  g_assert_null (hd_record_get_string (talk, "summary"));
  g_assert_cmpstr (hd_record_get_string (talk, "organization_id"), ==, hd_record_get_id (f->org));
  reg = hd_store_get (f->store, HD_ENTITY_REGISTRATION, hd_record_get_id (f->reg), &error);
  g_assert_cmpstr (hd_record_get_string (reg, "status"), ==, "attended");
  g_assert_null (hd_record_get_string (reg, "notes"));
  g_assert_cmpint (count_registrations (f), ==, 2);
  /* Others are left alone. */
  other_reg = hd_store_get (f->store, HD_ENTITY_REGISTRATION, hd_record_get_id (f->other_reg), &error);
  g_assert_cmpstr (hd_record_get_string (other_reg, "notes"), ==, "Kommt später");

  /* Not found by her name any more, and the report names no one. */
  query.entity = HD_ENTITY_PERSON;
  query.search = "Müller";
  query.include_archived = TRUE;
  g_assert_cmpint (hd_store_count (f->store, &query, &error), ==, 0);
  report = hd_store_person_report (f->store, hd_record_get_id (f->jana), &error);
  g_assert_null (strstr (report, "Jana"));
  g_assert_null (strstr (report, "jana@"));
  g_assert_null (strstr (report, "Invest BW"));

  /* The server hears of it with the next sync. */
  g_assert_cmpint (hd_store_outbox_count (f->store, &error), ==, outbox_before + 3);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/privacy/report", Fixture, NULL, fixture_setup, test_report, fixture_teardown);
  g_test_add ("/privacy/erase", Fixture, NULL, fixture_setup, test_erase, fixture_teardown);

  return g_test_run ();
}
