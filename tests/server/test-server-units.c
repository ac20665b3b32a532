/* test-server-units.c — the server's parts without HTTP: tokens, passwords,
 * throttling, the authorization rule, cursors, storage and push
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "hd-db.h"
#include "hd-server-auth.h"
#include "hd-server-error.h"
#include "hd-server-pull.h"
#include "hd-server-push.h"
#include "hd-server-storage.h"

/* Tokens and passwords {{{1 */

static void
test_token (void)
{
  guint8 hash[32], again[32], other_hash[32];
  g_autofree char *token = hd_server_token_new (hash);
  g_autofree char *other = hd_server_token_new (other_hash);

  g_assert_cmpuint (strlen (token), ==, HD_SERVER_TOKEN_LENGTH);
  for (const char *p = token; *p; p++)
    g_assert_true (g_ascii_isalnum (*p) || *p == '-' || *p == '_');
  g_assert_cmpstr (token, !=, other);

  g_assert_true (hd_server_token_hash (token, again));
  g_assert_cmpmem (hash, 32, again, 32);
  g_assert_false (memcmp (hash, other_hash, 32) == 0);

  g_assert_false (hd_server_token_hash (NULL, again));
  g_assert_false (hd_server_token_hash ("short", again));
  token[5] = '/';
  g_assert_false (hd_server_token_hash (token, again));
}

static void
test_password (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = hd_server_password_hash ("correct horse", &error);

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  g_assert_null (strstr (hash, "correct horse"));
  g_assert_true (hd_server_password_verify (hash, "correct horse"));
  g_assert_false (hd_server_password_verify (hash, "correct horse "));
  g_assert_false (hd_server_password_verify (NULL, "x"));

  g_assert_null (hd_server_password_hash ("", &error));
  g_assert_error (error, HD_SERVER_ERROR, HD_SERVER_ERROR_BAD_REQUEST);
}

static void
verified (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  gboolean *out = user_data;

  out[0] = hd_server_hasher_verify_finish (NULL, result, NULL);
  out[1] = TRUE;
}

static void
test_hasher_async (void)
{
  g_autofree char *hash = hd_server_password_hash ("pw", NULL);
  HdServerHasher *hasher = hd_server_hasher_new (2);
  gboolean good[2] = { FALSE, FALSE }, bad[2] = { TRUE, FALSE }, unknown[2] = { TRUE, FALSE };

  hd_server_hasher_verify_async (hasher, hash, "pw", NULL, verified, good);
  hd_server_hasher_verify_async (hasher, hash, "wrong", NULL, verified, bad);
  hd_server_hasher_verify_async (hasher, NULL, "pw", NULL, verified, unknown);
  while (!good[1] || !bad[1] || !unknown[1])
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (good[0]);
  g_assert_false (bad[0]);
  g_assert_false (unknown[0]);
  hd_server_hasher_free (hasher);
}

static void
test_throttle (void)
{
  HdServerThrottle *throttle = hd_server_throttle_new ();
  gint64 retry = 0;

  for (guint i = 0; i < HD_SERVER_LOGIN_MAX_FAILURES; i++)
    {
      g_assert_true (hd_server_throttle_allow (throttle, "Anna", 1000 + i, &retry));
      hd_server_throttle_failed (throttle, "anna", 1000 + i);
    }

  g_assert_false (hd_server_throttle_allow (throttle, "ANNA", 1010, &retry));
  g_assert_cmpint (retry, >=, 1);
  g_assert_cmpint (retry, <=, HD_SERVER_LOGIN_WINDOW);
  g_assert_true (hd_server_throttle_allow (throttle, "bert", 1010, NULL));
  /* the window moves on */
  g_assert_true (hd_server_throttle_allow (throttle, "anna", 1000 + HD_SERVER_LOGIN_WINDOW + 1, NULL));
  hd_server_throttle_failed (throttle, "anna", 1070);
  g_assert_true (hd_server_throttle_allow (throttle, "anna", 1070, NULL));
  hd_server_throttle_succeeded (throttle, "anna");
  g_assert_true (hd_server_throttle_allow (throttle, "anna", 1071, NULL));

  hd_server_throttle_free (throttle);
}

/* Authorization {{{1 */

static HdServerUser *
user_with (const char   *hub_id,
           HdServerRole  role)
{
  HdServerUser *user = g_new0 (HdServerUser, 1);

  user->id = g_strdup ("u");
  user->login = g_strdup ("u");
  user->name = g_strdup ("U");
  user->memberships = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_server_membership_free);
  if (role != HD_SERVER_ROLE_NONE)
    {
      HdServerMembership *m = g_new0 (HdServerMembership, 1);

      m->hub_id = g_strdup (hub_id);
      m->hub_name = g_strdup ("Hub");
      m->role = role;
      g_ptr_array_add (user->memberships, m);
    }

  return user;
}

static void
test_authorize (void)
{
  g_autoptr(HdServerUser) manager = user_with ("A", HD_SERVER_ROLE_MANAGER);
  g_autoptr(HdServerUser) viewer = user_with ("A", HD_SERVER_ROLE_VIEWER);
  g_autoptr(HdServerUser) nobody = user_with ("A", HD_SERVER_ROLE_NONE);
  g_autoptr(GError) error = NULL;

  g_assert_true (hd_server_authorize (manager, HD_SERVER_RIGHT_WRITE, "A", HD_ENTITY_ROOM, NULL));
  g_assert_true (hd_server_authorize (manager, HD_SERVER_RIGHT_READ, "A", HD_ENTITY_ROOM, NULL));
  g_assert_false (hd_server_authorize (manager, HD_SERVER_RIGHT_WRITE, "B", HD_ENTITY_ROOM, NULL));
  g_assert_false (hd_server_authorize (manager, HD_SERVER_RIGHT_WRITE, "A", HD_ENTITY_HUB, &error));
  g_assert_error (error, HD_SERVER_ERROR, HD_SERVER_ERROR_FORBIDDEN);
  g_clear_error (&error);

  g_assert_true (hd_server_authorize (viewer, HD_SERVER_RIGHT_READ, "A", HD_ENTITY_ROOM, NULL));
  g_assert_false (hd_server_authorize (viewer, HD_SERVER_RIGHT_WRITE, "A", HD_ENTITY_ROOM, &error));
  g_assert_error (error, HD_SERVER_ERROR, HD_SERVER_ERROR_FORBIDDEN);
  g_clear_error (&error);

  g_assert_false (hd_server_authorize (nobody, HD_SERVER_RIGHT_READ, "A", HD_ENTITY_ROOM, NULL));
  g_assert_true (hd_server_authorize (nobody, HD_SERVER_RIGHT_SESSION, NULL, HD_ENTITY_HUB, NULL));

  g_assert_false (hd_server_authorize (NULL, HD_SERVER_RIGHT_SESSION, NULL, HD_ENTITY_HUB, &error));
  g_assert_error (error, HD_SERVER_ERROR, HD_SERVER_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (hd_server_error_status (error), ==, 401);
}

/* Cursors {{{1 */

static void
test_cursor (void)
{
  const char *good[] = { "0", "12", "12;0b7c4c3e-0d7a-4a51-9d5a-3f7b5a1c2d3e=3", NULL };
  const char *bad[] = { "abc", "-1", "1;x=2", "5;0b7c4c3e-0d7a-4a51-9d5a-3f7b5a1c2d3e=9",
                        "1;0b7c4c3e-0d7a-4a51-9d5a-3f7b5a1c2d3e", "99999999999999999999", NULL };
  HdServerCursor cursor;

  g_assert_true (hd_server_cursor_parse (NULL, &cursor, NULL));
  g_assert_cmpint (cursor.version, ==, 0);

  for (guint i = 0; good[i] != NULL; i++)
    {
      g_autofree char *text = NULL;

      g_assert_true (hd_server_cursor_parse (good[i], &cursor, NULL));
      text = hd_server_cursor_format (&cursor);
      g_assert_cmpstr (text, ==, good[i]);
      hd_server_cursor_clear (&cursor);
    }

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (hd_server_cursor_parse (bad[i], &cursor, &error));
      g_assert_error (error, HD_SERVER_ERROR, HD_SERVER_ERROR_BAD_REQUEST);
    }
}

/* Storage and push {{{1 */

typedef struct {
  char            *dir;
  char            *path;
  HdServerStorage *storage;
  HdServerConn    *conn;
  char            *hub;
  HdServerUser    *user;
  gboolean         touched;   /* the last push wrote to the hub */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdRecord) hub = hd_record_new (HD_ENTITY_HUB, NULL);
  g_autofree char *user_id = NULL;
  HdServerStored stored = { NULL, { 0, } };
  gint64 version;

  f->dir = g_dir_make_tmp ("hubdesk-units-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "server.db", NULL);
  f->storage = hd_server_storage_open (f->path, NULL, TRUE, &error);
  g_assert_no_error (error);
  f->conn = hd_server_conn_new (f->storage, &error);
  g_assert_no_error (error);

  g_assert_true (hd_server_conn_begin_write (f->conn, &error));
  hd_record_set_hub_id (hub, hd_record_get_id (hub));
  hd_record_set_string (hub, "name", "Hub U");
  g_assert_true (hd_server_conn_next_version (f->conn, &version, &error));
  hd_record_set_version (hub, version);
  stored.record = hub;
  g_assert_true (hd_server_conn_store (f->conn, &stored, NULL, 0, 1, &error));
  g_assert_true (hd_server_conn_add_user (f->conn, "uwe", "Uwe", "$argon2id$x", &user_id, &error));
  g_assert_true (hd_server_conn_set_role (f->conn, user_id, hd_record_get_id (hub),
                                          HD_SERVER_ROLE_MANAGER, &error));
  g_assert_true (hd_server_conn_commit (f->conn, &error));
  g_assert_no_error (error);

  f->hub = g_strdup (hd_record_get_id (hub));
  f->user = hd_server_conn_user_by_login (f->conn, "uwe", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->user);
  g_assert_cmpuint (f->user->memberships->len, ==, 1);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  hd_server_user_free (f->user);
  hd_server_conn_free (f->conn);
  hd_server_storage_free (f->storage);
  g_unlink (f->path);
  {
    g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
  g_free (f->hub);
}

/* Runs a push document in its own transaction. */
static char *
run_push (Fixture     *f,
          const char  *json,
          JsonNode   **out_details,
          GError     **error)
{
  g_autoptr(HdServerPush) push = hd_server_push_decode (json, strlen (json), error);
  g_autoptr(GHashTable) touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonNode *details = NULL;
  char *answer;

  if (push == NULL)
    return NULL;

  g_assert_true (hd_server_conn_begin_write (f->conn, NULL));
  answer = hd_server_push_run (push, f->conn, f->user, 100, touched, &details, error);
  if (answer != NULL)
    {
      g_assert_true (hd_server_conn_commit (f->conn, NULL));
      f->touched = g_hash_table_lookup (touched, f->hub) != NULL;
    }
  else
    hd_server_conn_rollback (f->conn);

  if (out_details != NULL)
    *out_details = details;
  else if (details != NULL)
    json_node_unref (details);

  return answer;
}

static void
test_push_exactly_once (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *doc = g_strdup_printf (
    "{\"client_id\": \"7f1c7a52-0c55-4d4b-8a6f-3b7c4a0f1e2d\", \"mutations\": ["
    "{\"seq\": 1, \"entity\": \"room\", \"id\": \"3d3c1a52-0c55-4d4b-8a6f-3b7c4a0f1e2d\","
    " \"hub_id\": \"%s\", \"op\": \"upsert\", \"base_version\": 0,"
    " \"fields\": {\"name\": \"Loft\", \"capacity\": 12}}]}", f->hub);
  g_autofree char *gap = g_strdup_printf (
    "{\"client_id\": \"7f1c7a52-0c55-4d4b-8a6f-3b7c4a0f1e2d\", \"mutations\": ["
    "{\"seq\": 3, \"entity\": \"room\", \"id\": \"4d3c1a52-0c55-4d4b-8a6f-3b7c4a0f1e2d\","
    " \"hub_id\": \"%s\", \"op\": \"upsert\", \"base_version\": 0, \"fields\": {}}]}", f->hub);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) details = NULL;
  g_autofree char *first = run_push (f, doc, NULL, &error);
  g_autofree char *second = NULL;
  g_autofree char *gap_answer = NULL;
  g_autoptr(HdServerStored) stored = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (strstr (first, "\"status\":\"applied\""));
  g_assert_true (f->touched);

  /* the replay answers the stored result and writes nothing */
  second = run_push (f, doc, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, second);
  g_assert_false (f->touched);

  gap_answer = run_push (f, gap, &details, &error);
  g_assert_null (gap_answer);
  g_assert_error (error, HD_SERVER_ERROR, HD_SERVER_ERROR_SEQUENCE_GAP);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (details), "expected_seq"), ==, 2);
  g_clear_error (&error);

  stored = hd_server_conn_load (f->conn, HD_ENTITY_ROOM, "3d3c1a52-0c55-4d4b-8a6f-3b7c4a0f1e2d", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_record_get_string (stored->record, "name"), ==, "Loft");
  g_assert_cmpstr (hd_record_get_updated_by (stored->record), ==, "uwe");
}

static void
test_field_versions (Fixture       *f,
                     gconstpointer  data)
{
  const char *id = "5d3c1a52-0c55-4d4b-8a6f-3b7c4a0f1e2d";
  g_autofree char *create = g_strdup_printf (
    "{\"client_id\": \"8f1c7a52-0c55-4d4b-8a6f-3b7c4a0f1e2d\", \"mutations\": ["
    "{\"seq\": 1, \"entity\": \"organization\", \"id\": \"%s\", \"hub_id\": \"%s\","
    " \"op\": \"upsert\", \"base_version\": 0, \"fields\": {\"name\": \"Acme\"}}]}", id, f->hub);
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = run_push (f, create, NULL, &error);
  g_autoptr(HdServerStored) before = hd_server_conn_load (f->conn, HD_ENTITY_ORGANIZATION, id, NULL);
  g_autoptr(HdServerStored) after = NULL;
  g_autofree char *edit = NULL;
  g_autofree char *edited = NULL;
  int name = hd_entity_field_index (HD_ENTITY_ORGANIZATION, "name");
  int city = hd_entity_field_index (HD_ENTITY_ORGANIZATION, "city");
  gint64 v1 = hd_record_get_version (before->record);

  g_assert_no_error (error);
  g_assert_nonnull (strstr (answer, "\"applied\""));
  g_assert_cmpint (before->field_versions[name], ==, v1);
  g_assert_cmpint (before->field_versions[city], ==, v1);

  edit = g_strdup_printf (
    "{\"client_id\": \"8f1c7a52-0c55-4d4b-8a6f-3b7c4a0f1e2d\", \"mutations\": ["
    "{\"seq\": 2, \"entity\": \"organization\", \"id\": \"%s\", \"hub_id\": \"%s\","
    " \"op\": \"upsert\", \"base_version\": %" G_GINT64_FORMAT ", \"fields\": {\"city\": \"Ulm\"}}]}",
    id, f->hub, v1);
  edited = run_push (f, edit, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (edited, "\"applied\""));

  after = hd_server_conn_load (f->conn, HD_ENTITY_ORGANIZATION, id, NULL);
  g_assert_cmpint (hd_record_get_version (after->record), >, v1);
  g_assert_cmpint (after->field_versions[city], ==, hd_record_get_version (after->record));
  g_assert_cmpint (after->field_versions[name], ==, v1);
}

/* The fast way to a change row gives the codec's text, byte for byte. */
static void
test_record_doc (void)
{
  g_autoptr(HdRecord) record = hd_record_new (HD_ENTITY_BOOKING, "0b7c4c3e-0d7a-4a51-9d5a-3f7b5a1c2d3e");
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *fields = NULL;
  g_autofree char *fast = NULL;
  g_autofree char *slow = NULL;
  g_autofree char *gone = NULL;
  const char *tags[] = { "a\"b", "ü", NULL };

  hd_record_set_string (record, "title", "Team \"Nord\" \\ Süd\n");
  hd_record_set_int (record, "seats", 4);
  hd_record_set_string (record, "starts_at", "2026-11-25T14:00:00Z");
  hd_record_set_version (record, 42);
  hd_record_set_meta (record, "2026-11-25T14:00:00Z", "2026-11-26T08:00:00Z", "anna");
  json_node_take_object (node, hd_record_fields_to_json (record));
  fields = json_to_string (node, FALSE);

  fast = hd_server_record_doc (record, fields);
  slow = hd_record_to_json_string (record);
  g_assert_cmpstr (fast, ==, slow);

  record = (hd_record_unref (record), hd_record_new (HD_ENTITY_PERSON, "0b7c4c3e-0d7a-4a51-9d5a-3f7b5a1c2d3e"));
  hd_record_set_strv (record, "tags", tags);
  g_clear_pointer (&node, json_node_unref);
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, hd_record_fields_to_json (record));
  g_free (fields);
  fields = json_to_string (node, FALSE);
  g_free (fast);
  g_free (slow);
  fast = hd_server_record_doc (record, fields);
  slow = hd_record_to_json_string (record);
  g_assert_cmpstr (fast, ==, slow);

  /* a deleted record is a tombstone without fields either way */
  hd_record_set_deleted (record, TRUE);
  gone = hd_server_record_doc (record, fields);
  g_assert_nonnull (strstr (gone, "\"fields\":{}"));
  g_assert_null (strstr (gone, "tags"));
}

static void
test_newer_version_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hubdesk-units-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "newer.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal = NULL;
  gsize before_len = 0, after_len = 0;
  sqlite3 *db = NULL;
  HdServerStorage *storage;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); PRAGMA user_version = 42;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  storage = hd_server_storage_open (path, NULL, TRUE, &error);
  g_assert_null (storage);
  g_assert_error (error, HD_DB_ERROR, HD_DB_ERROR_NEWER_VERSION);

  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  wal = g_strconcat (path, "-wal", NULL);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (hd_server_auth_init (NULL));

  g_test_add_func ("/server/auth/token", test_token);
  g_test_add_func ("/server/auth/password", test_password);
  g_test_add_func ("/server/auth/hasher-async", test_hasher_async);
  g_test_add_func ("/server/auth/throttle", test_throttle);
  g_test_add_func ("/server/auth/authorize", test_authorize);
  g_test_add_func ("/server/pull/cursor", test_cursor);
  g_test_add_func ("/server/push/record-doc", test_record_doc);
  g_test_add_func ("/server/storage/newer-version-refused", test_newer_version_refused);
  g_test_add ("/server/push/exactly-once", Fixture, NULL, fixture_setup, test_push_exactly_once, fixture_teardown);
  g_test_add ("/server/push/field-versions", Fixture, NULL, fixture_setup, test_field_versions, fixture_teardown);

  return g_test_run ();
}
