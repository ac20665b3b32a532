/* test-sync-auth.c — addresses, logins, the keyring, an expiring token
 * and clocks that are days off
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The keyring test runs hubdesk-cli against a real gnome-keyring-daemon
 * on a private D-Bus session (dbus-run-session); the clock test runs it
 * under faketime. Either is skipped when the program is missing.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "hd-sync-test.h"
#include "hd-test-proxy.h"

/* ---- addresses ---- */

static void
test_urls (void)
{
  static const struct {
    const char *url;
    const char *normal;   /* NULL: refused */
    int         code;
  } cases[] = {
    { "https://hubs.example.org", "https://hubs.example.org", 0 },
    { "https://hubs.example.org/api/v1/", "https://hubs.example.org", 0 },
    { "https://hubs.example.org:8443/hubdesk/", "https://hubs.example.org:8443/hubdesk", 0 },
    { "http://127.0.0.1:8080", "http://127.0.0.1:8080", 0 },
    { "http://127.1.2.3:8080/", "http://127.1.2.3:8080", 0 },
    { "http://localhost:8080", "http://localhost:8080", 0 },
    { "http://[::1]:8080", "http://[::1]:8080", 0 },
    { "http://hubs.example.org", NULL, HD_SYNC_ERROR_INSECURE },
    { "http://192.168.1.10:8080", NULL, HD_SYNC_ERROR_INSECURE },
    { "http://127.0.0.1.example.org", NULL, HD_SYNC_ERROR_INSECURE },
    { "http://localhost.example.org", NULL, HD_SYNC_ERROR_INSECURE },
    { "ftp://hubs.example.org", NULL, HD_SYNC_ERROR_INVALID_URL },
    { "hubs.example.org", NULL, HD_SYNC_ERROR_INVALID_URL },
    { "https://user:pw@hubs.example.org", NULL, HD_SYNC_ERROR_INVALID_URL },
    { "", NULL, HD_SYNC_ERROR_INVALID_URL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normal = hd_sync_normalize_url (cases[i].url, &error);

      if (cases[i].normal != NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (normal, ==, cases[i].normal);
        }
      else
        {
          g_assert_null (normal);
          g_assert_error (error, HD_SYNC_ERROR, cases[i].code);
        }
    }
}

/* The command line refuses plain http to another host before sending
 * anything, and the profile stays unbound. */
static void
test_http_refused (void)
{
  g_autoptr(HdTestServer) server = hd_test_server_new (NULL);
  g_autofree char *profile = g_build_filename (server->dir, "p", NULL);
  g_autofree char *token = g_build_filename (server->dir, "t", NULL);
  g_autofree char *out = NULL;
  int status;

  status = hd_test_cli (profile, token, HD_TEST_PASSWORD "\n", NULL, NULL,
                        "login", "http://hubs.example.org", "alice", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_false (g_file_test (token, G_FILE_TEST_EXISTS));
  status = hd_test_cli (profile, token, NULL, &out, NULL, "status", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "server: \n"));

  /* Wrong password: no token, no binding. */
  g_clear_pointer (&out, g_free);
  status = hd_test_cli (profile, token, "wrong password\n", NULL, NULL,
                        "login", server->url, "alice", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_false (g_file_test (token, G_FILE_TEST_EXISTS));
  status = hd_test_cli (profile, token, NULL, &out, NULL, "status", NULL);
  g_assert_nonnull (strstr (out, "server: \n"));
}

/* ---- https ---- */

/* A hub network with a certificate of its own: trusted through the CA
 * file chosen at login, refused without it. */
static void
test_https_ca_file (void)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autofree char *dir = NULL;
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *other = NULL;
  g_autofree char *token = NULL;
  g_autofree char *out = NULL;
  g_autoptr(HdTestServer) server = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (openssl == NULL)
    {
      g_test_skip ("openssl is missing");
      return;
    }

  dir = g_dir_make_tmp ("hubdesk-tls-XXXXXX", &error);
  g_assert_no_error (error);
  cert = g_build_filename (dir, "cert.pem", NULL);
  key = g_build_filename (dir, "key.pem", NULL);
  {
    g_autoptr(GSubprocess) process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                                                       openssl, "req", "-x509", "-newkey", "rsa:2048",
                                                       "-nodes", "-keyout", key, "-out", cert,
                                                       "-days", "2", "-subj", "/CN=127.0.0.1",
                                                       "-addext", "subjectAltName=IP:127.0.0.1",
                                                       NULL);

    g_assert_no_error (error);
    g_assert_true (g_subprocess_wait_check (process, NULL, &error));
    g_assert_no_error (error);
  }

  {
    const char * const extra[] = { "--tls-cert", cert, "--tls-key", key, NULL };

    server = hd_test_server_new (extra);
  }
  g_assert_true (g_str_has_prefix (server->url, "https://"));
  profile = g_build_filename (server->dir, "p", NULL);
  other = g_build_filename (server->dir, "q", NULL);
  token = g_build_filename (server->dir, "t", NULL);

  /* The system's authorities do not know this certificate. */
  status = hd_test_cli (other, token, HD_TEST_PASSWORD "\n", NULL, NULL,
                        "login", server->url, "alice", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_false (g_file_test (token, G_FILE_TEST_EXISTS));

  status = hd_test_cli (profile, token, HD_TEST_PASSWORD "\n", NULL, NULL,
                        "--ca-file", cert, "login", server->url, "alice", NULL);
  g_assert_cmpint (status, ==, 0);
  status = hd_test_cli (profile, token, NULL, &out, NULL, "sync", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "Received 1 records"));

  g_unlink (cert);
  g_unlink (key);
  g_rmdir (dir);
}

/* ---- a token that dies in the middle of a sync ---- */

typedef struct {
  HdTestServer *server;
  gboolean      revoked;
  guint         login_required;
} Expiry;

static void
progress_cb (HdSyncEngine *engine,
             GParamSpec   *pspec,
             Expiry       *expiry)
{
  if (expiry->revoked || hd_sync_engine_get_phase (engine) != HD_SYNC_PHASE_PUSH ||
      hd_sync_engine_get_progress_done (engine) < HD_SYNC_PUSH_BATCH)
    return;

  /* A new password signs the user out everywhere. */
  expiry->revoked = TRUE;
  g_free (hd_test_server_admin (expiry->server, HD_TEST_PASSWORD "\n" HD_TEST_PASSWORD "\n",
                                "passwd", "alice", NULL));
}

static void
login_required_cb (HdSyncEngine *engine,
                   Expiry       *expiry)
{
  expiry->login_required++;
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

static void
test_token_expiry (void)
{
  g_autoptr(HdTestServer) server = hd_test_server_new (NULL);
  g_autoptr(HdTestProxy) proxy = hd_test_proxy_new (server->url);
  g_autoptr(HdTestClient) client = NULL;
  g_autoptr(HdTestClient) witness = NULL;
  g_autoptr(GError) error = NULL;
  Expiry expiry = { server, FALSE, 0 };
  Wait wait = { FALSE, NULL };
  const guint total = 5 * HD_SYNC_PUSH_BATCH;
  gint64 pending;

  client = hd_test_client_new (server, "alice", hd_test_proxy_get_url (proxy));
  hd_test_client_sync_ok (client);
  for (guint i = 0; i < total; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"family_name\": \"Offline %u\"}", i);

      hd_test_client_edit (client, HD_ENTITY_PERSON, NULL, json);
    }

  /* Slow enough that the sign-out lands between two batches. */
  hd_test_proxy_set_fault (proxy, HD_PROXY_LATENCY, 60);
  g_signal_connect (client->engine, "notify::progress-done", G_CALLBACK (progress_cb), &expiry);
  g_signal_connect (client->engine, "login-required", G_CALLBACK (login_required_cb), &expiry);

  g_assert_false (hd_test_client_sync (client, NULL, &error));
  g_assert_true (expiry.revoked);
  g_assert_error (error, HD_SYNC_ERROR, HD_SYNC_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (expiry.login_required, ==, 1);
  g_assert_cmpint (hd_sync_engine_get_state (client->engine), ==, HD_SYNC_ENGINE_LOGGED_OUT);
  g_assert_nonnull (hd_sync_engine_get_last_error (client->engine));

  /* Nothing lost: what did not go out waits. */
  pending = hd_store_outbox_count (client->store, NULL);
  g_assert_cmpint (pending, >, 0);
  g_assert_cmpint (pending, <, total);
  g_assert_cmpuint (hd_test_count (client->store, HD_ENTITY_PERSON), ==, total);

  /* Log in again: it all arrives, once. */
  g_clear_error (&error);
  hd_test_proxy_set_fault (proxy, HD_PROXY_PASS, 0);
  hd_sync_engine_login_async (client->engine, hd_test_proxy_get_url (proxy), "alice",
                              HD_TEST_PASSWORD, NULL, NULL, wait_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  hd_sync_engine_login_finish (client->engine, wait.result, &error);
  g_object_unref (wait.result);
  g_assert_no_error (error);

  hd_test_client_sync_ok (client);
  g_assert_cmpint (hd_store_outbox_count (client->store, NULL), ==, 0);
  witness = hd_test_client_new (server, "bob", NULL);
  hd_test_client_sync_ok (witness);
  g_assert_cmpuint (hd_test_count (witness->store, HD_ENTITY_PERSON), ==, total);
  hd_test_assert_same (client->store, witness->store, HD_ENTITY_PERSON);
}

/* ---- the keyring ---- */

/* No Secret Service: the login fails with words that say so, and the
 * token is kept nowhere. */
static void
test_no_keyring (void)
{
  const char * const env[] = { "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus",
                                "DISPLAY", "", NULL };
  g_autoptr(HdTestServer) server = hd_test_server_new (NULL);
  g_autofree char *profile = g_build_filename (server->dir, "p", NULL);
  g_autofree char *out = NULL;
  int status;

  status = hd_test_cli (profile, NULL, HD_TEST_PASSWORD "\n", NULL, env,
                        "login", server->url, "alice", NULL);
  g_assert_cmpint (status, ==, 1);
  status = hd_test_cli (profile, NULL, NULL, &out, env, "status", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "server: \n"));
}

static char *
secret_lookup (const char *url,
               const char *client_id)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                              &error, "secret-tool", "lookup", "server", url, "user", "alice",
                              "profile", client_id, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&out);
}

static char *
status_value (const char *status,
              const char *key)
{
  g_auto(GStrv) lines = g_strsplit (status, "\n", -1);
  g_autofree char *prefix = g_strconcat (key, ": ", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], prefix))
        return g_strdup (lines[i] + strlen (prefix));
    }
  return NULL;
}

/* Runs inside a private D-Bus session with a fresh keyring. */
static void
test_keyring_session (void)
{
  g_autoptr(HdTestServer) server = hd_test_server_new (NULL);
  g_autofree char *profile = g_build_filename (server->dir, "p", NULL);
  g_autofree char *home = g_build_filename (server->dir, "home", NULL);
  g_autofree char *status = NULL;
  g_autofree char *client_id = NULL;
  g_autofree char *url = NULL;
  g_autofree char *secret = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) daemon = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *daemon_out = NULL;
  int rc;

  /* A login keyring, unlocked with a password, in a home of its own. */
  g_mkdir_with_parents (home, 0700);
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_RUNTIME_DIR", home, TRUE);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  daemon = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon",
                                        "--unlock", "--components=secrets", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (daemon, "keyring-password", NULL, &daemon_out, NULL, &error);
  g_assert_no_error (error);

  rc = hd_test_cli (profile, NULL, HD_TEST_PASSWORD "\n", NULL, NULL,
                    "login", server->url, "alice", NULL);
  g_assert_cmpint (rc, ==, 0);

  rc = hd_test_cli (profile, NULL, NULL, &status, NULL, "status", NULL);
  g_assert_cmpint (rc, ==, 0);
  client_id = status_value (status, "client");
  url = status_value (status, "server");
  g_assert_nonnull (client_id);
  g_assert_nonnull (url);

  /* The token is in the keyring, under the schema's attributes … */
  secret = secret_lookup (url, client_id);
  g_assert_cmpuint (strlen (g_strstrip (secret)), >=, 16);
  /* … and nowhere in the profile. */
  {
    g_autofree char *db = g_build_filename (profile, "hubdesk.db", NULL);
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (db, &contents, &length, NULL));
    g_assert_null (g_strstr_len (contents, (gssize) length, secret));
  }

  /* Another process finds it there. */
  rc = hd_test_cli (profile, NULL, NULL, NULL, NULL, "sync", NULL);
  g_assert_cmpint (rc, ==, 0);
  rc = hd_test_cli (profile, NULL, NULL, NULL, NULL, "put", "person",
                    "{\"family_name\": \"Keyring\"}", NULL);
  g_assert_cmpint (rc, ==, 0);
  rc = hd_test_cli (profile, NULL, NULL, NULL, NULL, "sync", NULL);
  g_assert_cmpint (rc, ==, 0);

  /* Logout: gone from the keyring, and the server no longer takes it. */
  rc = hd_test_cli (profile, NULL, NULL, NULL, NULL, "logout", NULL);
  g_assert_cmpint (rc, ==, 0);
  g_clear_pointer (&secret, g_free);
  secret = secret_lookup (url, client_id);
  g_assert_cmpstr (g_strstrip (secret), ==, "");
  rc = hd_test_cli (profile, NULL, NULL, NULL, NULL, "sync", NULL);
  g_assert_cmpint (rc, ==, 1);
}

static void
test_keyring (void)
{
  g_autofree char *dbus = g_find_program_in_path ("dbus-run-session");
  g_autofree char *keyring = g_find_program_in_path ("gnome-keyring-daemon");
  g_autofree char *tool = g_find_program_in_path ("secret-tool");

  if (dbus == NULL || keyring == NULL || tool == NULL)
    {
      g_test_skip ("dbus-run-session, gnome-keyring-daemon or secret-tool is missing");
      return;
    }

  if (g_getenv ("HUBDESK_TEST_KEYRING_SESSION") != NULL)
    {
      test_keyring_session ();
      return;
    }

  /* Again, this test alone, inside a session bus of its own. */
  {
    g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
    g_autoptr(GSubprocess) child = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *self = g_file_read_link ("/proc/self/exe", &error);

    g_assert_no_error (error);
    g_subprocess_launcher_setenv (launcher, "HUBDESK_TEST_KEYRING_SESSION", "1", TRUE);
    g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");
    child = g_subprocess_launcher_spawn (launcher, &error, dbus, "--", self,
                                         "-p", "/sync/auth/keyring", NULL);
    g_assert_no_error (error);
    g_subprocess_wait (child, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_get_if_exited (child));
    g_assert_cmpint (g_subprocess_get_exit_status (child), ==, 0);
  }
}

/* ---- clocks ---- */

/* Clients whose clocks are days off (faketime) get the same outcome as
 * any: the server orders the changes, never the clients' clocks. */
static void
test_clock_skew (void)
{
  g_autofree char *faketime = g_find_program_in_path ("faketime");
  g_autoptr(HdTestServer) server = NULL;
  g_autofree char *past = NULL;
  g_autofree char *future = NULL;
  g_autofree char *past_token = NULL;
  g_autofree char *future_token = NULL;
  g_autofree char *out = NULL;
  g_autofree char *id = NULL;
  g_autofree char *json = NULL;
  g_autoptr(HdTestClient) witness = NULL;
  g_autoptr(HdRecord) seen = NULL;
  gint64 updated;
  int rc;

  if (faketime == NULL)
    {
      g_test_skip ("faketime is missing");
      return;
    }

  server = hd_test_server_new (NULL);
  past = g_build_filename (server->dir, "past", NULL);
  future = g_build_filename (server->dir, "future", NULL);
  past_token = g_build_filename (server->dir, "past-token", NULL);
  future_token = g_build_filename (server->dir, "future-token", NULL);

#define AT(offset) (const char * const[]) { "HUBDESK_TEST_FAKETIME", offset, NULL }

  rc = hd_test_cli (past, past_token, HD_TEST_PASSWORD "\n", NULL, AT ("-3d"),
                    "login", server->url, "alice", NULL);
  g_assert_cmpint (rc, ==, 0);
  rc = hd_test_cli (future, future_token, HD_TEST_PASSWORD "\n", NULL, AT ("+5d"),
                    "login", server->url, "bob", NULL);
  g_assert_cmpint (rc, ==, 0);
  g_assert_cmpint (hd_test_cli (past, past_token, NULL, NULL, AT ("-3d"), "sync", NULL), ==, 0);

  rc = hd_test_cli (past, past_token, NULL, &out, AT ("-3d"), "put", "person",
                    "{\"family_name\": \"Skewed\"}", NULL);
  g_assert_cmpint (rc, ==, 0);
  id = g_strdup (g_strstrip (out));
  g_assert_cmpint (hd_test_cli (past, past_token, NULL, NULL, AT ("-3d"), "sync", NULL), ==, 0);
  g_assert_cmpint (hd_test_cli (future, future_token, NULL, NULL, AT ("+5d"), "sync", NULL), ==, 0);

  /* Both edit the same field offline; the one from the "future" comes
   * second and meets a conflict, not a silent win by its clock. */
  json = g_strdup_printf ("{\"id\": \"%s\", \"job_title\": \"Past\", \"phone\": \"1\"}", id);
  g_assert_cmpint (hd_test_cli (past, past_token, NULL, NULL, AT ("-3d"), "put", "person", json, NULL), ==, 0);
  g_free (json);
  json = g_strdup_printf ("{\"id\": \"%s\", \"job_title\": \"Future\", \"email\": \"f@example.org\"}", id);
  g_assert_cmpint (hd_test_cli (future, future_token, NULL, NULL, AT ("+5d"), "put", "person", json, NULL), ==, 0);

  g_assert_cmpint (hd_test_cli (past, past_token, NULL, NULL, AT ("-3d"), "sync", NULL), ==, 0);
  g_assert_cmpint (hd_test_cli (future, future_token, NULL, NULL, AT ("+5d"), "sync", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (hd_test_cli (future, future_token, NULL, &out, AT ("+5d"), "conflicts", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "job_title"));
  g_assert_cmpint (hd_test_cli (future, future_token, NULL, NULL, AT ("+5d"), "resolve", "1", "theirs", NULL), ==, 0);
  g_assert_cmpint (hd_test_cli (future, future_token, NULL, NULL, AT ("+5d"), "sync", NULL), ==, 0);
  g_assert_cmpint (hd_test_cli (past, past_token, NULL, NULL, AT ("-3d"), "sync", NULL), ==, 0);

  witness = hd_test_client_new (server, "alice", NULL);
  hd_test_client_sync_ok (witness);
  seen = hd_store_get (witness->store, HD_ENTITY_PERSON, id, NULL);
  g_assert_nonnull (seen);
  g_assert_cmpstr (hd_record_get_string (seen, "job_title"), ==, "Past");
  g_assert_cmpstr (hd_record_get_string (seen, "phone"), ==, "1");
  g_assert_cmpstr (hd_record_get_string (seen, "email"), ==, "f@example.org");

  /* The time stamps are the server's. */
  g_assert_true (hd_timestamp_parse (hd_record_get_updated_at (seen), &updated));
  g_assert_cmpint (ABS (updated - g_get_real_time () / G_USEC_PER_SEC), <, 3600);

  /* Each skewed client holds exactly what the server holds. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *path = g_build_filename (i == 0 ? past : future, "hubdesk.db", NULL);
      g_autoptr(HdStore) store = hd_store_open (path, NULL);

      g_assert_nonnull (store);
      hd_test_assert_same (store, witness->store, HD_ENTITY_PERSON);
    }

#undef AT
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/auth/urls", test_urls);
  g_test_add_func ("/sync/auth/http-refused", test_http_refused);
  g_test_add_func ("/sync/auth/https-ca-file", test_https_ca_file);
  g_test_add_func ("/sync/auth/token-expiry", test_token_expiry);
  g_test_add_func ("/sync/auth/no-keyring", test_no_keyring);
  g_test_add_func ("/sync/auth/keyring", test_keyring);
  g_test_add_func ("/sync/auth/clock-skew", test_clock_skew);

  return g_test_run ();
}
