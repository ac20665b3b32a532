/* fuzz-request.c — libFuzzer target: whole HTTP requests through the real
 * server (SoupServer, early checks, handlers, workers, storage)
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is a raw request. Before it is sent, "@TOKEN@" becomes a valid
 * token, "@HUB@" the id of a hub the token's user manages and "@LEN@" the
 * length of what follows the blank line, so that mutations reach the
 * handlers and not only the parsers. An answer of 500 is a failure.
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "hd-server-auth.h"
#include "hd-server-storage.h"
#include "hd-server.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* libFuzzer calls in without a user pointer: the server lives here. */
typedef struct {
  char            *dir;
  HdServerStorage *storage;
  HdServerConn    *conn;
  HdServer        *server;
  char            *token;
  guint8           token_hash[32];
  char            *user_id;
  char            *hub;
} Fuzz;

static Fuzz *fuzz;

static void
add_token (void)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (hd_server_conn_begin_write (fuzz->conn, NULL))
    {
      if (hd_server_conn_add_token (fuzz->conn, fuzz->token_hash, fuzz->user_id, "fuzz",
                                    now, now + 3600 * 24, NULL))
        hd_server_conn_commit (fuzz->conn, NULL);
      else
        hd_server_conn_rollback (fuzz->conn);
    }
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static void
fuzz_cleanup (void)
{
  hd_server_free (fuzz->server);
  hd_server_conn_free (fuzz->conn);
  hd_server_storage_free (fuzz->storage);
  remove_tree (fuzz->dir);
  g_free (fuzz->dir);
  g_free (fuzz->token);
  g_free (fuzz->user_id);
  g_free (fuzz->hub);
  g_clear_pointer (&fuzz, g_free);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdRecord) hub = hd_record_new (HD_ENTITY_HUB, NULL);
  g_autofree char *path = NULL;
  HdServerStored stored = { NULL, { 0, } };
  HdServerConfig config;
  gint64 version;

  fuzz = g_new0 (Fuzz, 1);
  fuzz->dir = g_dir_make_tmp ("hubdesk-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fuzz->dir, "server.db", NULL);
  g_assert_true (hd_server_auth_init (NULL));

  fuzz->storage = hd_server_storage_open (path, NULL, TRUE, &error);
  g_assert_no_error (error);
  fuzz->conn = hd_server_conn_new (fuzz->storage, &error);
  g_assert_no_error (error);

  g_assert_true (hd_server_conn_begin_write (fuzz->conn, NULL));
  hd_record_set_hub_id (hub, hd_record_get_id (hub));
  hd_record_set_string (hub, "name", "Fuzz hub");
  g_assert_true (hd_server_conn_next_version (fuzz->conn, &version, NULL));
  hd_record_set_version (hub, version);
  stored.record = hub;
  g_assert_true (hd_server_conn_store (fuzz->conn, &stored, NULL, 0, 1, NULL));
  g_assert_true (hd_server_conn_add_user (fuzz->conn, "fuzz", "Fuzz", "$argon2id$none",
                                          &fuzz->user_id, NULL));
  g_assert_true (hd_server_conn_set_role (fuzz->conn, fuzz->user_id, hd_record_get_id (hub),
                                          HD_SERVER_ROLE_MANAGER, NULL));
  g_assert_true (hd_server_conn_commit (fuzz->conn, NULL));
  fuzz->hub = g_strdup (hd_record_get_id (hub));
  fuzz->token = hd_server_token_new (fuzz->token_hash);
  add_token ();

  hd_server_config_init (&config);
  config.db_path = g_strdup (path);
  g_free (config.listen);
  config.listen = g_strdup ("127.0.0.1:0");
  config.log_requests = FALSE;
  config.readers = 2;
  config.idle_timeout = 3;
  config.request_timeout = 3;
  fuzz->server = hd_server_new (&config, &error);
  hd_server_config_clear (&config);
  g_assert_no_error (error);
  atexit (fuzz_cleanup);

  return 0;
}

static GString *
expand (const uint8_t *data,
        size_t         size)
{
  GString *text = g_string_new_len ((const char *) data, (gssize) size);
  const char *blank;

  g_string_replace (text, "@TOKEN@", fuzz->token, 0);
  g_string_replace (text, "@HUB@", fuzz->hub, 0);

  blank = strstr (text->str, "\r\n\r\n");
  if (blank != NULL)
    {
      gsize body = text->len - (gsize) (blank + 4 - text->str);
      g_autofree char *length = g_strdup_printf ("%" G_GSIZE_FORMAT, body);

      g_string_replace (text, "@LEN@", length, 1);
    }

  return text;
}

/* Whether @answer holds a whole response (head and Content-Length body). */
static gboolean
answer_complete (GString *answer)
{
  const char *end = strstr (answer->str, "\r\n\r\n");
  const char *length;

  if (end == NULL)
    return FALSE;

  length = g_strstr_len (answer->str, end - answer->str, "Content-Length: ");
  if (length == NULL)
    return FALSE;

  return answer->len - (gsize) (end + 4 - answer->str) >= g_ascii_strtoull (length + 16, NULL, 10);
}

static void
spin (void)
{
  if (!g_main_context_iteration (NULL, FALSE))
    g_usleep (50);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GString) request = expand (data, size);
  GString *answer = g_string_new (NULL);
  struct sockaddr_in address = { 0, };
  gsize sent = 0;
  gint64 deadline;
  int fd;

  address.sin_family = AF_INET;
  address.sin_port = htons ((guint16) hd_server_get_port (fuzz->server));
  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);

  fd = socket (AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  g_assert_cmpint (fd, >=, 0);
  if (connect (fd, (struct sockaddr *) &address, sizeof address) != 0)
    g_assert_cmpint (errno, ==, EINPROGRESS);

  deadline = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (sent < request->len && g_get_monotonic_time () < deadline)
    {
      gssize n = send (fd, request->str + sent, request->len - sent, MSG_NOSIGNAL);

      if (n > 0)
        sent += (gsize) n;
      else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != ENOTCONN)
        break;
      spin ();
    }
  shutdown (fd, SHUT_WR);

  while (g_get_monotonic_time () < deadline)
    {
      char buffer[16384];
      gssize n = recv (fd, buffer, sizeof buffer, MSG_DONTWAIT);

      if (n > 0)
        {
          g_string_append_len (answer, buffer, n);
          if (answer_complete (answer))
            break;
        }
      else if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK))
        break;
      spin ();
    }
  close (fd);

  /* A broken request is the client's fault, never the server's. */
  if (answer->len >= 12)
    {
      g_assert_true (g_str_has_prefix (answer->str, "HTTP/1."));
      g_assert_false (strncmp (answer->str + 9, "500", 3) == 0);
    }
  g_string_free (answer, TRUE);

  for (guint i = 0; i < 20; i++)
    spin ();

  if (strstr (request->str, "logout") != NULL)
    add_token ();

  return 0;
}
