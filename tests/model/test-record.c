/* test-record.c — records, their validation, ids and times
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "hd-test-records.h"

static void
test_full_records_valid (void)
{
  for (guint e = 0; e < HD_N_ENTITIES; e++)
    {
      g_autoptr(HdRecord) record = test_full_record (e);
      g_autoptr(GError) error = NULL;
      const char *field = NULL;

      if (!hd_record_validate (record, TRUE, &field, &error))
        g_error ("%s: %s (%s)", hd_entity_name (e), error->message, field);
    }
}

static void
test_new_has_defaults (void)
{
  g_autoptr(HdRecord) room = hd_record_new (HD_ENTITY_ROOM, TEST_HUB_ID);
  g_autoptr(HdRecord) org = hd_record_new (HD_ENTITY_ORGANIZATION, TEST_HUB_ID);
  g_autoptr(HdRecord) booking = hd_record_new (HD_ENTITY_BOOKING, TEST_HUB_ID);

  g_assert_true (hd_uuid_is_valid (hd_record_get_id (room)));
  g_assert_cmpstr (hd_record_get_hub_id (room), ==, TEST_HUB_ID);
  g_assert_cmphex (hd_record_get_present (room), ==,
                   (G_GUINT64_CONSTANT (1) << hd_entity_info (HD_ENTITY_ROOM)->n_fields) - 1);
  g_assert_false (hd_record_get_bool (room, "archived"));
  g_assert_nonnull (hd_record_get (room, hd_entity_field_index (HD_ENTITY_ROOM, "archived")));
  g_assert_null (hd_record_get_string (room, "name"));
  g_assert_cmpstr (hd_record_get_string (org, "country"), ==, "DE");
  g_assert_cmpstr (hd_record_get_string (booking, "status"), ==, "confirmed");
  g_assert_cmpint (hd_record_get_int (booking, "seats", -5), ==, -5);
}

static void
test_accessors (void)
{
  g_autoptr(HdRecord) person = hd_record_new (HD_ENTITY_PERSON, TEST_HUB_ID);
  g_autoptr(HdRecord) copy = NULL;
  const char *purposes[] = { "contact", "newsletter", NULL };
  const char **got;
  int index = hd_entity_field_index (HD_ENTITY_PERSON, "email");

  hd_record_set_string (person, "family_name", "Müller");
  hd_record_set_strv (person, "consent_purposes", purposes);
  got = hd_record_get_strv (person, "consent_purposes");
  g_assert_true (g_strv_equal (got, purposes));
  /* the same array is handed out again */
  g_assert_true (got == hd_record_get_strv (person, "consent_purposes"));

  copy = hd_record_copy (person);
  g_assert_cmphex (hd_record_diff (person, copy), ==, 0);
  hd_record_set_string (copy, "family_name", "Mueller");
  g_assert_cmphex (hd_record_diff (person, copy), ==,
                   G_GUINT64_CONSTANT (1) << hd_entity_field_index (HD_ENTITY_PERSON, "family_name"));
  g_assert_cmpstr (hd_record_get_string (person, "family_name"), ==, "Müller");

  hd_record_unset (copy, index);
  g_assert_false (hd_record_has (copy, index));
  hd_record_set_null (copy, "email");
  g_assert_true (hd_record_has (copy, index));
  g_assert_null (hd_record_get (copy, index));

  hd_record_set_version (copy, 42);
  hd_record_set_deleted (copy, TRUE);
  hd_record_set_meta (copy, "2026-11-01T10:00:00Z", "2026-11-02T10:00:00Z", "sabine");
  g_assert_cmpint (hd_record_get_version (copy), ==, 42);
  g_assert_true (hd_record_get_deleted (copy));
  g_assert_cmpstr (hd_record_get_updated_by (copy), ==, "sabine");
  g_assert_cmpint (hd_record_get_version (person), ==, 0);
}

typedef struct {
  HdEntity entity;
  const char *field;
  GVariant *(*make) (void);
} BadValue;

static GVariant *s_long (void) { g_autofree char *s = g_strnfill (301, 'x'); return g_variant_new_string (s); }
static GVariant *s_long_text (void) { g_autofree char *s = g_strnfill (20001, 'y'); return g_variant_new_string (s); }
static GVariant *s_newline (void) { return g_variant_new_string ("Zeile\nUmbruch"); }
static GVariant *s_control (void) { return g_variant_new_string ("Klingel\aTon"); }
static GVariant *i_zero (void) { return g_variant_new_int64 (0); }
static GVariant *i_1001 (void) { return g_variant_new_int64 (1001); }
static GVariant *i_negative (void) { return g_variant_new_int64 (-3); }
static GVariant *e_bogus (void) { return g_variant_new_string ("bogus"); }
static GVariant *e_case (void) { return g_variant_new_string ("SME"); }
static GVariant *set_bogus (void) { const char *v[] = { "contact", "spam", NULL }; return g_variant_new_strv (v, -1); }
static GVariant *set_twice (void) { const char *v[] = { "contact", "contact", NULL }; return g_variant_new_strv (v, -1); }
static GVariant *tags_empty (void) { const char *v[] = { "", NULL }; return g_variant_new_strv (v, -1); }
static GVariant *tags_many (void)
{
  GVariantBuilder b;
  g_variant_builder_init (&b, G_VARIANT_TYPE_STRING_ARRAY);
  for (int i = 0; i < 51; i++)
    {
      g_autofree char *t = g_strdup_printf ("tag%d", i);
      g_variant_builder_add (&b, "s", t);
    }
  return g_variant_builder_end (&b);
}
static GVariant *ref_bad (void) { return g_variant_new_string ("not-a-uuid"); }
static GVariant *ref_upper (void) { return g_variant_new_string ("6F1D2C3B-4A59-4E6F-8A7B-9C0D1E2F3A4B"); }
static GVariant *ref_inject (void) { return g_variant_new_string ("x' OR '1'='1"); }
static GVariant *refs_bad (void) { const char *v[] = { "42", NULL }; return g_variant_new_strv (v, -1); }
static GVariant *ts_space (void) { return g_variant_new_string ("2026-11-25 14:00:00"); }
static GVariant *ts_offset (void) { return g_variant_new_string ("2026-11-25T14:00:00+01:00"); }
static GVariant *ts_feb30 (void) { return g_variant_new_string ("2026-02-30T10:00:00Z"); }
static GVariant *ts_hour (void) { return g_variant_new_string ("2026-11-25T24:00:00Z"); }
static GVariant *d_german (void) { return g_variant_new_string ("25.11.2026"); }
static GVariant *d_feb29 (void) { return g_variant_new_string ("2027-02-29"); }
static GVariant *t_25 (void) { return g_variant_new_string ("25:00"); }
static GVariant *t_short (void) { return g_variant_new_string ("9:30"); }
static GVariant *u_js (void) { return g_variant_new_string ("javascript:alert(1)"); }
static GVariant *u_ftp (void) { return g_variant_new_string ("ftp://files.example.org"); }
static GVariant *u_empty_host (void) { return g_variant_new_string ("https://"); }
static GVariant *u_space (void) { return g_variant_new_string ("https://example.org/a b"); }
static GVariant *m_noat (void) { return g_variant_new_string ("sabine.example.org"); }
static GVariant *m_nodot (void) { return g_variant_new_string ("sabine@localhost"); }
static GVariant *m_two (void) { return g_variant_new_string ("a@b.de, c@d.de"); }
static GVariant *r_freq (void) { return g_variant_new_string ("FREQ=SOMETIMES"); }
static GVariant *r_prefix (void) { return g_variant_new_string ("RRULE:FREQ=DAILY"); }
static GVariant *r_minutely (void) { return g_variant_new_string ("FREQ=MINUTELY;INTERVAL=5"); }
static GVariant *r_never (void) { return g_variant_new_string ("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6"); }
static GVariant *tz_mars (void) { return g_variant_new_string ("Mars/Olympus_Mons"); }
static GVariant *tz_word (void) { return g_variant_new_string ("Berlin"); }

static const BadValue bad_values[] = {
  { HD_ENTITY_HUB, "name", s_long },
  { HD_ENTITY_HUB, "timezone", tz_mars },
  { HD_ENTITY_HUB, "timezone", tz_word },
  { HD_ENTITY_HUB, "kind", e_bogus },
  { HD_ENTITY_ROOM, "name", s_newline },
  { HD_ENTITY_ROOM, "capacity", i_zero },
  { HD_ENTITY_ROOM, "capacity", i_1001 },
  { HD_ENTITY_ROOM, "open_from", t_25 },
  { HD_ENTITY_ROOM, "open_until", t_short },
  { HD_ENTITY_ROOM, "notes", s_long_text },
  { HD_ENTITY_ROOM, "equipment", s_control },
  { HD_ENTITY_BOOKING, "room_id", ref_bad },
  { HD_ENTITY_BOOKING, "room_id", ref_inject },
  { HD_ENTITY_BOOKING, "starts_at", ts_space },
  { HD_ENTITY_BOOKING, "starts_at", ts_offset },
  { HD_ENTITY_BOOKING, "ends_at", ts_feb30 },
  { HD_ENTITY_BOOKING, "checked_in_at", ts_hour },
  { HD_ENTITY_BOOKING, "seats", i_negative },
  { HD_ENTITY_BOOKING, "status", e_bogus },
  { HD_ENTITY_BOOKING, "recurrence", r_freq },
  { HD_ENTITY_BOOKING, "recurrence", r_prefix },
  { HD_ENTITY_BOOKING, "recurrence", r_minutely },
  { HD_ENTITY_BOOKING, "recurrence", r_never },
  { HD_ENTITY_EVENT, "online_url", u_js },
  { HD_ENTITY_EVENT, "online_url", u_ftp },
  { HD_ENTITY_EVENT, "online_url", u_empty_host },
  { HD_ENTITY_EVENT, "online_url", u_space },
  { HD_ENTITY_EVENT, "format", e_bogus },
  { HD_ENTITY_EVENT, "capacity", i_zero },
  { HD_ENTITY_EVENT, "tags", tags_empty },
  { HD_ENTITY_EVENT, "tags", tags_many },
  { HD_ENTITY_EVENT, "organizer_id", ref_upper },
  { HD_ENTITY_SESSION, "speaker_ids", refs_bad },
  { HD_ENTITY_SESSION, "kind", e_bogus },
  { HD_ENTITY_REGISTRATION, "status", e_bogus },
  { HD_ENTITY_REGISTRATION, "source", e_bogus },
  { HD_ENTITY_ORGANIZATION, "kind", e_case },
  { HD_ENTITY_ORGANIZATION, "website", u_js },
  { HD_ENTITY_ORGANIZATION, "email", m_noat },
  { HD_ENTITY_ORGANIZATION, "country", s_long },
  { HD_ENTITY_PERSON, "email", m_nodot },
  { HD_ENTITY_PERSON, "email", m_two },
  { HD_ENTITY_PERSON, "consent_purposes", set_bogus },
  { HD_ENTITY_PERSON, "consent_purposes", set_twice },
  { HD_ENTITY_PERSON, "consent_at", ts_offset },
  { HD_ENTITY_INTERACTION, "occurred_on", d_german },
  { HD_ENTITY_INTERACTION, "follow_up_on", d_feb29 },
  { HD_ENTITY_INTERACTION, "outcome", e_bogus },
};

static void
test_bad_values (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_values); i++)
    {
      const BadValue *bad = &bad_values[i];
      g_autoptr(HdRecord) record = test_full_record (bad->entity);
      g_autoptr(GError) error = NULL;
      const char *field = NULL;
      int index = hd_entity_field_index (bad->entity, bad->field);

      g_assert_cmpint (index, >=, 0);
      hd_record_set (record, index, bad->make ());
      g_assert_false (hd_record_validate (record, TRUE, &field, &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == HD_MODEL_ERROR);
      g_assert_cmpstr (field, ==, bad->field);
      /* the message names the field in words */
      g_assert_nonnull (strstr (error->message,
                                hd_field_label (hd_entity_field (bad->entity, index))));
      g_assert_cmpstr (hd_model_error_code (error), ==, "invalid");

      /* a change holding just this field is refused the same way */
      {
        g_autoptr(HdRecord) change = hd_record_new_empty (bad->entity, hd_record_get_id (record));
        g_autoptr(GError) change_error = NULL;

        hd_record_set (change, index, hd_record_get (record, index));
        g_assert_false (hd_record_validate (change, FALSE, &field, &change_error));
        g_assert_cmpstr (field, ==, bad->field);
      }
    }
}

static void
test_every_field_has_a_bad_value (void)
{
  /* Each field type that can be wrong has a case above. */
  gboolean covered[HD_TYPE_TIMEZONE + 1] = { FALSE, };

  for (guint i = 0; i < G_N_ELEMENTS (bad_values); i++)
    {
      int index = hd_entity_field_index (bad_values[i].entity, bad_values[i].field);
      covered[hd_entity_field (bad_values[i].entity, index)->type] = TRUE;
    }

  for (guint t = 0; t <= HD_TYPE_TIMEZONE; t++)
    {
      if (t == HD_TYPE_BOOL)
        continue;
      g_assert_true (covered[t]);
    }
}

static void
test_required_missing (void)
{
  for (guint e = 0; e < HD_N_ENTITIES; e++)
    {
      const HdEntityInfo *info = hd_entity_info (e);

      for (guint i = 0; i < info->n_fields; i++)
        {
          g_autoptr(HdRecord) record = NULL;
          g_autoptr(GError) error = NULL;
          const char *field = NULL;

          if (!(info->fields[i].flags & HD_FIELD_REQUIRED))
            continue;

          record = test_full_record (e);
          hd_record_set (record, i, NULL);
          g_assert_false (hd_record_validate (record, TRUE, &field, &error));
          g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_REQUIRED);
          g_assert_cmpstr (field, ==, info->fields[i].name);

          /* blank text counts as missing */
          if (info->fields[i].type == HD_TYPE_STRING)
            {
              g_clear_error (&error);
              hd_record_set (record, i, g_variant_new_string ("   "));
              g_assert_false (hd_record_validate (record, TRUE, &field, &error));
              g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_REQUIRED);
            }
        }
    }
}

static void
expect_rule (HdRecord   *record,
             const char *field)
{
  g_autoptr(GError) error = NULL;
  const char *got = NULL;

  g_assert_false (hd_record_validate (record, TRUE, &got, &error));
  g_assert_nonnull (error);
  g_assert_cmpstr (got, ==, field);
}

static void
test_rules (void)
{
  g_autoptr(HdRecord) booking = test_full_record (HD_ENTITY_BOOKING);
  g_autoptr(HdRecord) event = test_full_record (HD_ENTITY_EVENT);
  g_autoptr(HdRecord) person = test_full_record (HD_ENTITY_PERSON);
  g_autoptr(HdRecord) room = test_full_record (HD_ENTITY_ROOM);
  g_autoptr(HdRecord) orphan = test_full_record (HD_ENTITY_ROOM);

  hd_record_set_string (booking, "ends_at", "2026-11-25T14:00:00Z");
  expect_rule (booking, "ends_at");
  hd_record_set_string (booking, "ends_at", "2026-12-26T14:00:01Z");
  expect_rule (booking, "ends_at");
  hd_record_set_string (booking, "ends_at", "2026-12-26T14:00:00Z");
  g_assert_true (hd_record_validate (booking, TRUE, NULL, NULL));

  hd_record_set_string (event, "ends_at", "2026-11-24T14:00:00Z");
  expect_rule (event, "ends_at");

  hd_record_set_null (person, "given_name");
  g_assert_true (hd_record_validate (person, TRUE, NULL, NULL));
  hd_record_set_string (person, "family_name", " ");
  expect_rule (person, "family_name");
  hd_record_set_string (person, "given_name", "Can");
  g_assert_true (hd_record_validate (person, TRUE, NULL, NULL));

  hd_record_set_string (room, "open_until", "07:00");
  expect_rule (room, "open_until");

  hd_record_set_hub_id (orphan, NULL);
  expect_rule (orphan, "hub_id");
  hd_record_set_hub_id (orphan, TEST_HUB_ID);
  hd_record_set_id (orphan, "1");
  expect_rule (orphan, "id");
}

static void
test_uuid (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < 1000; i++)
    {
      char *id = hd_uuid_new ();

      g_assert_true (hd_uuid_is_valid (id));
      g_assert_cmpint (id[14], ==, '4');
      g_assert_true (strchr ("89ab", id[19]) != NULL);
      g_assert_true (g_hash_table_add (seen, id));
    }

  g_assert_false (hd_uuid_is_valid ("6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4"));
  g_assert_false (hd_uuid_is_valid ("6f1d2c3b-4a59-4e6f-8a7b+9c0d1e2f3a4b"));
  g_assert_false (hd_uuid_is_valid (NULL));
}

static void
test_timestamps (void)
{
  gint64 t = 0;
  g_autofree char *text = NULL;
  g_autofree char *now = hd_timestamp_now ();

  g_assert_true (hd_timestamp_parse ("2026-11-25T14:00:00Z", &t));
  g_assert_cmpint (t, ==, 1795615200);
  text = hd_timestamp_format (t);
  g_assert_cmpstr (text, ==, "2026-11-25T14:00:00Z");
  g_assert_true (hd_timestamp_parse ("2028-02-29T23:59:59Z", NULL));
  g_assert_false (hd_timestamp_parse ("2027-02-29T10:00:00Z", NULL));
  g_assert_false (hd_timestamp_parse ("2026-11-25T14:00:00", NULL));
  g_assert_false (hd_timestamp_parse ("2026-11-25t14:00:00z", NULL));
  g_assert_false (hd_timestamp_parse ("", NULL));
  g_assert_true (hd_timestamp_parse (now, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/record/full-records-valid", test_full_records_valid);
  g_test_add_func ("/model/record/defaults", test_new_has_defaults);
  g_test_add_func ("/model/record/accessors", test_accessors);
  g_test_add_func ("/model/record/bad-values", test_bad_values);
  g_test_add_func ("/model/record/bad-values-cover-types", test_every_field_has_a_bad_value);
  g_test_add_func ("/model/record/required", test_required_missing);
  g_test_add_func ("/model/record/rules", test_rules);
  g_test_add_func ("/model/record/uuid", test_uuid);
  g_test_add_func ("/model/record/timestamps", test_timestamps);

  return g_test_run ();
}
