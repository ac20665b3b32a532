/* hd-sync-test.c — fixtures of the sync tests
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>
#include <string.h>

#include "hd-sync-test.h"

static char *
builddir_path (const char *relative)
{
  const char *builddir = g_getenv ("HUBDESK_BUILDDIR");

  g_assert_nonnull (builddir);
  return g_build_filename (builddir, relative, NULL);
}

char *
hd_test_cli_path (void)
{
  return builddir_path ("src/cli/hubdesk-cli");
}

static char *
server_path (void)
{
  return builddir_path ("src/server/hubdesk-server");
}

static char *
run_admin (HdTestServer *server,
           const char   *input,
           GPtrArray    *argv)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_ptr_array_add (argv, g_strdup ("--db"));
  g_ptr_array_add (argv, g_strdup (server->db));
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE |
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input != NULL ? input : "", NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_error ("hubdesk-server %s failed: %s%s", (char *) argv->pdata[1], out, err);

  return g_steal_pointer (&out);
}

char *
hd_test_server_admin (HdTestServer *server,
                      const char   *input,
                      ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, server_path ());
  va_start (args, input);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);

  return run_admin (server, input, argv);
}

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

void
hd_test_server_start (HdTestServer *server)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *listen = NULL;

  g_assert_null (server->process);

  g_ptr_array_add (argv, server_path ());
  g_ptr_array_add (argv, g_strdup ("serve"));
  g_ptr_array_add (argv, g_strdup ("--db"));
  g_ptr_array_add (argv, g_strdup (server->db));
  g_ptr_array_add (argv, g_strdup ("--listen"));
  /* The same port after a restart, so that clients find it again. */
  if (server->url != NULL)
    {
      g_autoptr(GUri) uri = g_uri_parse (server->url, G_URI_FLAGS_NONE, NULL);

      listen = g_strdup_printf ("127.0.0.1:%d", g_uri_get_port (uri));
    }
  g_ptr_array_add (argv, g_strdup (listen != NULL ? listen : "127.0.0.1:0"));
  for (guint i = 0; server->extra != NULL && server->extra[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (server->extra[i]));
  g_ptr_array_add (argv, NULL);

  {
    g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
    g_autofree char *log = g_build_filename (server->dir, "server.log", NULL);

    /* The log goes to a file, and the server dies with the test. */
    g_subprocess_launcher_set_stderr_file_path (launcher, log);
    g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
    server->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                                    &error);
    g_assert_no_error (error);
  }

  /* "Listening on http://127.0.0.1:PORT/" */
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
      const char *http;

      g_assert_no_error (error);
      g_assert_nonnull (line);
      http = strstr (line, "http://");
      if (http == NULL)
        http = strstr (line, "https://");
      if (http != NULL)
        {
          if (server->url == NULL)
            server->url = g_strstrip (g_strdup (http));
          return;
        }
    }

  g_error ("hubdesk-server did not say where it listens");
}

void
hd_test_server_stop (HdTestServer *server)
{
  if (server->process == NULL)
    return;

  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait (server->process, NULL, NULL);
  g_clear_object (&server->process);
}

HdTestServer *
hd_test_server_new (const char * const *extra)
{
  HdTestServer *server = g_new0 (HdTestServer, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *password = g_strdup_printf ("%s\n%s\n", HD_TEST_PASSWORD, HD_TEST_PASSWORD);

  server->dir = g_dir_make_tmp ("hubdesk-sync-XXXXXX", &error);
  g_assert_no_error (error);
  server->db = g_build_filename (server->dir, "server.db", NULL);
  server->extra = g_strdupv ((char **) extra);

  g_free (hd_test_server_admin (server, NULL, "init", NULL));
  out = hd_test_server_admin (server, NULL, "add-hub", "Test Hub", "--region", "Stuttgart",
                              "--kind", "regional", NULL);
  lines = g_strsplit (g_strstrip (out), "\n", -1);
  server->hub_id = g_strdup (g_strstrip (lines[0]));
  g_assert_true (hd_uuid_is_valid (server->hub_id));

  g_free (hd_test_server_admin (server, password, "add-user", "alice", "--name", "Alice", NULL));
  g_free (hd_test_server_admin (server, password, "add-user", "bob", "--name", "Bob", NULL));
  g_free (hd_test_server_admin (server, NULL, "grant", "alice", server->hub_id,
                                "--role", "manager", NULL));
  g_free (hd_test_server_admin (server, NULL, "grant", "bob", server->hub_id,
                                "--role", "manager", NULL));

  hd_test_server_start (server);
  return server;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
hd_test_server_free (HdTestServer *server)
{
  if (server == NULL)
    return;

  hd_test_server_stop (server);
  remove_tree (server->dir);
  g_free (server->dir);
  g_free (server->db);
  g_free (server->url);
  g_free (server->hub_id);
  g_strfreev (server->extra);
  g_free (server);
}

/* ---- clients in this process ---- */

gboolean
hd_test_iterate_until (const gboolean *flag,
                       guint           seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;

  while (!*flag && g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return *flag;
}

typedef struct {
  gboolean      done;
  GAsyncResult *result;
} Wait;

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static GAsyncResult *
wait_result (Wait *wait)
{
  while (!wait->done)
    g_main_context_iteration (NULL, TRUE);

  return wait->result;
}

HdTestClient *
hd_test_client_new (HdTestServer *server,
                    const char   *user,
                    const char   *url)
{
  HdTestClient *client = g_new0 (HdTestClient, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  Wait wait = { FALSE, NULL };

  client->dir = g_build_filename (server->dir, "client-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (client->dir));
  path = g_build_filename (client->dir, "hubdesk.db", NULL);
  client->store = hd_store_open (path, &error);
  g_assert_no_error (error);
  client->engine = hd_sync_engine_new (client->store, FALSE);
  while (hd_sync_engine_get_state (client->engine) == HD_SYNC_ENGINE_LOADING)
    g_main_context_iteration (NULL, TRUE);

  hd_sync_engine_login_async (client->engine, url != NULL ? url : server->url, user,
                              HD_TEST_PASSWORD, NULL, NULL, wait_cb, &wait);
  hd_sync_engine_login_finish (client->engine, wait_result (&wait), &error);
  g_object_unref (wait.result);
  g_assert_no_error (error);

  return client;
}

void
hd_test_client_free (HdTestClient *client)
{
  if (client == NULL)
    return;

  hd_sync_engine_stop (client->engine);
  g_clear_object (&client->engine);
  g_clear_object (&client->store);
  /* Let idle callbacks of the store and the engine run out. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_free (client->dir);
  g_free (client);
}

gboolean
hd_test_client_sync (HdTestClient   *client,
                     HdSyncSummary  *out_summary,
                     GError        **error)
{
  Wait wait = { FALSE, NULL };
  gboolean ok;

  hd_sync_engine_sync_async (client->engine, NULL, wait_cb, &wait);
  ok = hd_sync_engine_sync_finish (client->engine, wait_result (&wait), out_summary, error);
  g_object_unref (wait.result);

  return ok;
}

void
hd_test_client_sync_ok (HdTestClient *client)
{
  g_autoptr(GError) error = NULL;

  hd_test_client_sync (client, NULL, &error);
  g_assert_no_error (error);
}

HdRecord *
hd_test_client_put (HdTestClient *client,
                    HdEntity      entity,
                    const char   *id,
                    const char   *fields_json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (fields_json, &error);
  g_autoptr(HdRecord) changes = NULL;
  g_autoptr(HdRecord) record = NULL;
  const HdEntityInfo *info = hd_entity_info (entity);

  g_assert_no_error (error);
  changes = hd_record_fields_from_json (entity, id, json_node_get_object (node), &error);
  g_assert_no_error (error);

  if (id != NULL)
    {
      record = hd_store_get (client->store, entity, id, &error);
      g_assert_no_error (error);
    }
  else
    {
      g_autoptr(GPtrArray) hubs = NULL;
      HdQuery query = { 0 };

      query.entity = HD_ENTITY_HUB;
      hubs = hd_store_query (client->store, &query, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (hubs->len, >=, 1);
      record = hd_record_new (entity, hd_record_get_id (g_ptr_array_index (hubs, 0)));
    }

  for (guint i = 0; i < info->n_fields; i++)
    {
      GVariant *value;

      if (!hd_record_has (changes, i))
        continue;
      value = hd_record_get (changes, i);
      hd_record_set (record, i, value);
    }

  hd_store_save (client->store, record, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&record);
}

void
hd_test_client_edit (HdTestClient *client,
                     HdEntity      entity,
                     const char   *id,
                     const char   *fields_json)
{
  hd_record_unref (hd_test_client_put (client, entity, id, fields_json));
}

gboolean
hd_test_client_retry (HdTestClient  *client,
                      HdEntity       entity,
                      const char    *id,
                      HdRecord      *fixed,
                      GError       **error)
{
  Wait wait = { FALSE, NULL };
  gboolean ok;

  hd_sync_engine_retry_rejected_async (client->engine, entity, id, fixed, NULL, wait_cb, &wait);
  ok = hd_sync_engine_retry_rejected_finish (client->engine, wait_result (&wait), error);
  g_object_unref (wait.result);

  return ok;
}

gboolean
hd_test_client_discard (HdTestClient  *client,
                        HdEntity       entity,
                        const char    *id,
                        GError       **error)
{
  Wait wait = { FALSE, NULL };
  gboolean ok;

  hd_sync_engine_discard_rejected_async (client->engine, entity, id, NULL, wait_cb, &wait);
  ok = hd_sync_engine_discard_rejected_finish (client->engine, wait_result (&wait), error);
  g_object_unref (wait.result);

  return ok;
}

GPtrArray *
hd_test_client_conflicts (HdTestClient *client)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { FALSE, NULL };
  GPtrArray *list;

  hd_sync_engine_list_conflicts_async (client->engine, NULL, wait_cb, &wait);
  list = hd_sync_engine_list_conflicts_finish (client->engine, wait_result (&wait), &error);
  g_object_unref (wait.result);
  g_assert_no_error (error);

  return list;
}

GPtrArray *
hd_test_client_rejections (HdTestClient *client)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { FALSE, NULL };
  GPtrArray *list;

  hd_sync_engine_list_rejections_async (client->engine, NULL, wait_cb, &wait);
  list = hd_sync_engine_list_rejections_finish (client->engine, wait_result (&wait), &error);
  g_object_unref (wait.result);
  g_assert_no_error (error);

  return list;
}

gboolean
hd_test_client_resolve (HdTestClient      *client,
                        gint64             id,
                        HdSyncResolution   how,
                        GError           **error)
{
  Wait wait = { FALSE, NULL };
  gboolean ok;

  hd_sync_engine_resolve_async (client->engine, id, how, NULL, NULL, wait_cb, &wait);
  ok = hd_sync_engine_resolve_finish (client->engine, wait_result (&wait), error);
  g_object_unref (wait.result);

  return ok;
}

/* ---- comparing ---- */

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  const HdRecord *ra = *(HdRecord * const *) a;
  const HdRecord *rb = *(HdRecord * const *) b;

  return g_strcmp0 (hd_record_get_id (ra), hd_record_get_id (rb));
}

static GPtrArray *
live_records (HdStore  *store,
              HdEntity  entity)
{
  g_autoptr(GError) error = NULL;
  HdQuery query = { 0 };
  GPtrArray *records;

  query.entity = entity;
  query.include_archived = TRUE;
  records = hd_store_query (store, &query, &error);
  g_assert_no_error (error);

  return records;
}

char *
hd_test_checksum (HdStore  *store,
                  HdEntity  entity)
{
  g_autoptr(GPtrArray) records = live_records (store, entity);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  g_ptr_array_sort (records, compare_ids);
  for (guint i = 0; i < records->len; i++)
    {
      HdRecord *record = g_ptr_array_index (records, i);
      g_autoptr(JsonNode) fields = json_node_new (JSON_NODE_OBJECT);
      g_autofree char *text = NULL;
      g_autofree char *line = NULL;

      json_node_take_object (fields, hd_record_fields_to_json (record));
      text = json_to_string (fields, FALSE);
      line = g_strdup_printf ("%s|%s|%" G_GINT64_FORMAT "|%s\n", hd_record_get_id (record),
                              hd_record_get_hub_id (record), hd_record_get_version (record),
                              text);
      g_checksum_update (sum, (const guchar *) line, -1);
    }

  return g_strdup (g_checksum_get_string (sum));
}

static char *
record_line (HdRecord *record)
{
  g_autoptr(JsonNode) fields = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;

  json_node_take_object (fields, hd_record_fields_to_json (record));
  text = json_to_string (fields, FALSE);
  return g_strdup_printf ("%s|%s|%" G_GINT64_FORMAT "|%s", hd_record_get_id (record),
                          hd_record_get_hub_id (record), hd_record_get_version (record), text);
}

void
hd_test_assert_same (HdStore  *a,
                     HdStore  *b,
                     HdEntity  entity)
{
  g_autoptr(GPtrArray) in_a = live_records (a, entity);
  g_autoptr(GPtrArray) in_b = live_records (b, entity);
  g_autoptr(GHashTable) lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint shown = 0;

  for (guint i = 0; i < in_b->len; i++)
    {
      HdRecord *record = g_ptr_array_index (in_b, i);

      g_hash_table_insert (lines, g_strdup (hd_record_get_id (record)), record_line (record));
    }

  for (guint i = 0; i < in_a->len && shown < 5; i++)
    {
      HdRecord *record = g_ptr_array_index (in_a, i);
      g_autofree char *line = record_line (record);
      const char *other = g_hash_table_lookup (lines, hd_record_get_id (record));

      if (g_strcmp0 (line, other) != 0)
        {
          g_test_message ("%s differs:\n  %s\n  %s", hd_entity_name (entity), line,
                          other != NULL ? other : "(missing)");
          shown++;
        }
    }

  g_assert_cmpuint (shown, ==, 0);
  g_assert_cmpuint (in_a->len, ==, in_b->len);
}

guint
hd_test_count (HdStore  *store,
               HdEntity  entity)
{
  g_autoptr(GPtrArray) records = live_records (store, entity);

  return records->len;
}

/* ---- the command line tool ---- */

int
hd_test_cli (const char          *profile,
             const char          *token_file,
             const char          *input,
             char               **out_stdout,
             const char * const  *env,
             ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  va_list args;

  /* HUBDESK_TEST_FAKETIME=OFFSET runs the tool with its clock moved. */
  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    {
      if (g_str_equal (env[i], "HUBDESK_TEST_FAKETIME"))
        {
          g_ptr_array_add (argv, g_strdup ("faketime"));
          g_ptr_array_add (argv, g_strdup ("-f"));
          g_ptr_array_add (argv, g_strdup (env[i + 1]));
        }
    }
  g_ptr_array_add (argv, hd_test_cli_path ());
  g_ptr_array_add (argv, g_strdup ("--profile"));
  g_ptr_array_add (argv, g_strdup (profile));
  if (token_file != NULL)
    {
      g_ptr_array_add (argv, g_strdup ("--token-file"));
      g_ptr_array_add (argv, g_strdup (token_file));
    }
  va_start (args, env);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    {
      g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);
      if (g_str_equal (env[i], "HUBDESK_TEST_FAKETIME"))
        {
          g_autofree char *asan = g_strdup_printf ("%s%sverify_asan_link_order=0",
                                                   g_getenv ("ASAN_OPTIONS") != NULL ? g_getenv ("ASAN_OPTIONS") : "",
                                                   g_getenv ("ASAN_OPTIONS") != NULL ? ":" : "");

          /* Timeouts keep real time; a sanitizer build tolerates the
           * preloaded library. */
          g_subprocess_launcher_setenv (launcher, "FAKETIME_DONT_FAKE_MONOTONIC", "1", TRUE);
          g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", asan, TRUE);
        }
    }

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input != NULL ? input : "", NULL, &out, &err, &error);
  g_assert_no_error (error);

  if (err != NULL && *err != '\0')
    g_test_message ("hubdesk-cli: %s", err);
  if (out_stdout != NULL)
    *out_stdout = g_steal_pointer (&out);

  if (g_subprocess_get_if_signaled (process))
    return 128 + g_subprocess_get_term_sig (process);
  return g_subprocess_get_exit_status (process);
}
