/* test-codec.c — records through JSON, and JSON nobody should send
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "hd-test-records.h"

static void
test_round_trip_every_entity (void)
{
  for (guint e = 0; e < HD_N_ENTITIES; e++)
    {
      g_autoptr(HdRecord) record = test_full_record (e);
      g_autoptr(HdRecord) back = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *json = NULL;
      g_autofree char *again = NULL;

      hd_record_set_version (record, 17);
      hd_record_set_meta (record, "2026-11-01T08:00:00Z", "2026-11-20T09:30:00Z", "can");

      json = hd_record_to_json_string (record);
      back = hd_record_from_json_string (json, strlen (json), &error);
      g_assert_no_error (error);
      g_assert_nonnull (back);

      g_assert_cmpint (hd_record_get_entity (back), ==, e);
      g_assert_cmpstr (hd_record_get_id (back), ==, hd_record_get_id (record));
      g_assert_cmpstr (hd_record_get_hub_id (back), ==, TEST_HUB_ID);
      g_assert_cmpint (hd_record_get_version (back), ==, 17);
      g_assert_cmpstr (hd_record_get_updated_by (back), ==, "can");
      g_assert_cmphex (hd_record_get_present (back), ==, hd_record_get_present (record));
      g_assert_cmphex (hd_record_diff (record, back), ==, 0);
      g_assert_true (hd_record_validate (back, TRUE, NULL, NULL));

      again = hd_record_to_json_string (back);
      g_assert_cmpstr (again, ==, json);
    }
}

static void
test_nulls_and_absent (void)
{
  g_autoptr(HdRecord) change = hd_record_new_empty (HD_ENTITY_PERSON, "6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b");
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(HdRecord) back = NULL;
  g_autoptr(GError) error = NULL;

  hd_record_set_string (change, "phone", "+49 7121 123456");
  hd_record_set_null (change, "email");
  object = hd_record_fields_to_json (change);
  g_assert_cmpuint (json_object_get_size (object), ==, 2);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (object, "email")));

  back = hd_record_fields_from_json (HD_ENTITY_PERSON, hd_record_get_id (change), object, &error);
  g_assert_no_error (error);
  g_assert_cmphex (hd_record_get_present (back), ==, hd_record_get_present (change));
  g_assert_null (hd_record_get_string (back, "email"));
  g_assert_cmpstr (hd_record_get_string (back, "phone"), ==, "+49 7121 123456");
}

static void
expect_fields_error (HdEntity    entity,
                     const char *json,
                     int         code)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(HdRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  node = hd_json_parse (json, strlen (json), &error);
  g_assert_no_error (error);
  record = hd_record_fields_from_json (entity, "6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b",
                                       json_node_get_object (node), &error);
  g_assert_null (record);
  g_assert_error (error, HD_MODEL_ERROR, code);
  g_assert_cmpstr (hd_model_error_code (error), ==, "invalid");
}

static void
test_wrong_types (void)
{
  expect_fields_error (HD_ENTITY_ROOM, "{\"capacity\": \"12\"}", HD_MODEL_ERROR_WRONG_TYPE);
  expect_fields_error (HD_ENTITY_ROOM, "{\"capacity\": 12.5}", HD_MODEL_ERROR_WRONG_TYPE);
  expect_fields_error (HD_ENTITY_ROOM, "{\"capacity\": true}", HD_MODEL_ERROR_WRONG_TYPE);
  expect_fields_error (HD_ENTITY_ROOM, "{\"name\": 7}", HD_MODEL_ERROR_WRONG_TYPE);
  expect_fields_error (HD_ENTITY_ROOM, "{\"name\": [\"a\"]}", HD_MODEL_ERROR_WRONG_TYPE);
  expect_fields_error (HD_ENTITY_ROOM, "{\"name\": {\"de\": \"Raum\"}}", HD_MODEL_ERROR_WRONG_TYPE);
  expect_fields_error (HD_ENTITY_ROOM, "{\"archived\": \"false\"}", HD_MODEL_ERROR_WRONG_TYPE);
  expect_fields_error (HD_ENTITY_ROOM, "{\"archived\": 0}", HD_MODEL_ERROR_WRONG_TYPE);
  expect_fields_error (HD_ENTITY_EVENT, "{\"tags\": \"KI\"}", HD_MODEL_ERROR_WRONG_TYPE);
  expect_fields_error (HD_ENTITY_EVENT, "{\"tags\": [\"KI\", 3]}", HD_MODEL_ERROR_WRONG_TYPE);
  expect_fields_error (HD_ENTITY_EVENT, "{\"tags\": [null]}", HD_MODEL_ERROR_WRONG_TYPE);
  expect_fields_error (HD_ENTITY_EVENT, "{\"tags\": [[\"KI\"]]}", HD_MODEL_ERROR_WRONG_TYPE);
}

static void
test_unknown_fields (void)
{
  expect_fields_error (HD_ENTITY_ROOM, "{\"name\": \"A\", \"colour\": \"red\"}", HD_MODEL_ERROR_UNKNOWN_FIELD);
  expect_fields_error (HD_ENTITY_ROOM, "{\"id\": \"6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b\"}", HD_MODEL_ERROR_UNKNOWN_FIELD);
  expect_fields_error (HD_ENTITY_ROOM, "{\"hub_id\": \"x\"}", HD_MODEL_ERROR_UNKNOWN_FIELD);
  expect_fields_error (HD_ENTITY_ROOM, "{\"name; DROP TABLE room\": 1}", HD_MODEL_ERROR_UNKNOWN_FIELD);
}

static void
expect_record_error (const char *json,
                     gsize       length,
                     int         code)
{
  g_autoptr(HdRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  record = hd_record_from_json_string (json, length, &error);
  g_assert_null (record);
  g_assert_error (error, HD_MODEL_ERROR, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static void
test_bad_records (void)
{
  const char *ok_fields = "\"fields\": {\"name\": \"Werkstatt\", \"capacity\": 8}";
  g_autofree char *no_entity = g_strdup_printf ("{\"id\": \"6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b\", %s}", ok_fields);
  g_autofree char *bad_entity = g_strdup_printf ("{\"entity\": \"users\", \"id\": \"6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b\", %s}", ok_fields);
  g_autofree char *bad_id = g_strdup_printf ("{\"entity\": \"room\", \"id\": \"1 OR 1=1\", %s}", ok_fields);
  g_autofree char *extra = g_strdup_printf ("{\"entity\": \"room\", \"id\": \"6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b\", \"admin\": true, %s}", ok_fields);
  g_autofree char *bad_version = g_strdup_printf ("{\"entity\": \"room\", \"id\": \"6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b\", \"version\": \"3\", %s}", ok_fields);
  g_autofree char *neg_version = g_strdup_printf ("{\"entity\": \"room\", \"id\": \"6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b\", \"version\": -1, %s}", ok_fields);
  const char *not_object = "[1, 2, 3]";
  const char *fields_array = "{\"entity\": \"room\", \"id\": \"6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b\", \"fields\": []}";

  expect_record_error (no_entity, strlen (no_entity), HD_MODEL_ERROR_REQUIRED);
  expect_record_error (bad_entity, strlen (bad_entity), HD_MODEL_ERROR_UNKNOWN_ENTITY);
  expect_record_error (bad_id, strlen (bad_id), HD_MODEL_ERROR_INVALID);
  expect_record_error (extra, strlen (extra), HD_MODEL_ERROR_UNKNOWN_FIELD);
  expect_record_error (bad_version, strlen (bad_version), HD_MODEL_ERROR_WRONG_TYPE);
  expect_record_error (neg_version, strlen (neg_version), HD_MODEL_ERROR_WRONG_TYPE);
  expect_record_error (not_object, strlen (not_object), HD_MODEL_ERROR_WRONG_TYPE);
  expect_record_error (fields_array, strlen (fields_array), HD_MODEL_ERROR_WRONG_TYPE);
}

static void
test_missing_required (void)
{
  const char *json = "{\"entity\": \"room\", \"id\": \"6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b\","
                     " \"hub_id\": \"" TEST_HUB_ID "\", \"fields\": {\"name\": \"Werkstatt\"}}";
  g_autoptr(HdRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  const char *field = NULL;

  /* decoding takes what is there; validation names what is missing */
  record = hd_record_from_json_string (json, strlen (json), &error);
  g_assert_no_error (error);
  g_assert_false (hd_record_validate (record, TRUE, &field, &error));
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_REQUIRED);
  g_assert_cmpstr (field, ==, "capacity");
}

static void
test_hostile_nesting (void)
{
  gsize n = 80000;
  g_autofree char *deep = g_malloc (n * 2 + 1);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  GString *limit = g_string_new (NULL);

  memset (deep, '[', n);
  memset (deep + n, ']', n);
  deep[n * 2] = '\0';

  node = hd_json_parse (deep, n * 2, &error);
  g_assert_null (node);
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_TOO_DEEP);
  g_assert_cmpstr (hd_model_error_code (error), ==, "too_deep");
  g_clear_error (&error);

  /* exactly the limit is fine, one more is not; brackets in strings do
   * not count */
  for (int i = 0; i < HD_JSON_MAX_DEPTH; i++)
    g_string_append_c (limit, '[');
  g_string_append (limit, "\"[[[[{{{{\\\"[[[\"");
  for (int i = 0; i < HD_JSON_MAX_DEPTH; i++)
    g_string_append_c (limit, ']');
  g_clear_pointer (&node, json_node_unref);
  node = hd_json_parse (limit->str, limit->len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);

  g_string_prepend_c (limit, '{');
  g_string_prepend (limit, "{\"a\":");
  g_string_append_c (limit, '}');
  g_assert_false (hd_json_check (limit->str, limit->len, HD_JSON_MAX_SIZE, &error));
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_TOO_DEEP);

  g_string_free (limit, TRUE);
}

static void
test_hostile_size (void)
{
  gsize n = 2 * 1024 * 1024;
  g_autofree char *big = g_malloc (n + 32);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  strcpy (big, "{\"name\": \"");
  len = strlen (big);
  memset (big + len, 'x', n);
  strcpy (big + len + n, "\"}");

  node = hd_json_parse (big, strlen (big), &error);
  g_assert_null (node);
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_TOO_LARGE);
  g_assert_cmpstr (hd_model_error_code (error), ==, "payload_too_large");
}

static void
test_long_field_value (void)
{
  /* A 1 MiB string fits the document limit only barely, and no field
   * takes it. */
  gsize n = 1024 * 1000;
  GString *json = g_string_new ("{\"name\": \"");
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(HdRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  const char *field = NULL;

  for (gsize i = 0; i < n; i++)
    g_string_append_c (json, 'y');
  g_string_append (json, "\"}");

  node = hd_json_parse (json->str, json->len, &error);
  g_assert_no_error (error);
  record = hd_record_fields_from_json (HD_ENTITY_ORGANIZATION, "6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b",
                                       json_node_get_object (node), &error);
  g_assert_no_error (error);
  g_assert_false (hd_record_validate (record, FALSE, &field, &error));
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID);
  g_assert_cmpstr (field, ==, "name");

  g_string_free (json, TRUE);
}

static void
test_bad_encoding (void)
{
  const char latin1[] = "{\"name\": \"M\xfcller\"}";
  const char overlong[] = "{\"name\": \"\xc0\xaf\"}";
  const char with_nul[] = "{\"name\": \"a\0b\"}";
  const char surrogate[] = "{\"name\": \"\\ud800\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_assert_false (hd_json_check (latin1, sizeof latin1 - 1, HD_JSON_MAX_SIZE, &error));
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_ENCODING);
  g_clear_error (&error);
  g_assert_null (hd_json_parse (overlong, sizeof overlong - 1, &error));
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_ENCODING);
  g_clear_error (&error);
  g_assert_null (hd_json_parse (with_nul, sizeof with_nul - 1, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* An escaped lone surrogate must not turn into a field value that is
   * not UTF-8. */
  node = hd_json_parse (surrogate, sizeof surrogate - 1, &error);
  if (node != NULL)
    {
      g_autoptr(HdRecord) record = hd_record_fields_from_json (HD_ENTITY_ROOM,
                                                               "6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b",
                                                               json_node_get_object (node), &error);
      if (record != NULL)
        g_assert_true (g_utf8_validate (hd_record_get_string (record, "name"), -1, NULL));
    }
}

static void
test_single_values (void)
{
  static const char * const fine[] = {
    "{}", " {\"a\": [1, {\"b\": \"}{\"}]} \n", "[]", "\"text\"", "42", "true", "null", "\t[1, 2]\r\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (fine); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = hd_json_parse (fine[i], strlen (fine[i]), &error);

      g_assert_no_error (error);
      g_assert_nonnull (node);
    }
}

static void
test_syntax (void)
{
  static const char * const broken[] = {
    "", "{", "{\"name\": }", "{'name': 'x'}", "{\"a\": 1,}", "nul", "\"unterminated",
    "5 {\"a\": 1}", "{}{}", "{} []", "[1] x", "\"a\" \"b\"", "true false", "1 2", "{}\n{}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = hd_json_parse (broken[i], strlen (broken[i]), &error);

      g_assert_null (node);
      g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_SYNTAX);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/codec/round-trip", test_round_trip_every_entity);
  g_test_add_func ("/model/codec/nulls-and-absent", test_nulls_and_absent);
  g_test_add_func ("/model/codec/wrong-types", test_wrong_types);
  g_test_add_func ("/model/codec/unknown-fields", test_unknown_fields);
  g_test_add_func ("/model/codec/bad-records", test_bad_records);
  g_test_add_func ("/model/codec/missing-required", test_missing_required);
  g_test_add_func ("/model/codec/hostile/nesting", test_hostile_nesting);
  g_test_add_func ("/model/codec/hostile/size", test_hostile_size);
  g_test_add_func ("/model/codec/hostile/long-value", test_long_field_value);
  g_test_add_func ("/model/codec/hostile/encoding", test_bad_encoding);
  g_test_add_func ("/model/codec/hostile/syntax", test_syntax);
  g_test_add_func ("/model/codec/single-values", test_single_values);

  return g_test_run ();
}
