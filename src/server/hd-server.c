/* hd-server.c — the sync server: configuration and life cycle
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <malloc.h>
#include <string.h>

#include "hd-server-private.h"

#define POLL_INTERVAL_MS 1000
#define HASH_THREADS 2

/* Configuration {{{1 */

void
hd_server_config_init (HdServerConfig *config)
{
  memset (config, 0, sizeof *config);
  config->listen = g_strdup ("127.0.0.1:8080");
  config->idle_timeout = 15;
  config->request_timeout = 20;
  config->token_lifetime = 30 * 24 * 3600;
  config->tombstone_retention = (gint64) 90 * 24 * 3600;
  config->maintenance_interval = 3600;
  config->readers = 4;
  config->max_waiters = 10000;
  config->log_requests = TRUE;
}

void
hd_server_config_clear (HdServerConfig *config)
{
  g_clear_pointer (&config->db_path, g_free);
  g_clear_pointer (&config->listen, g_free);
  g_clear_pointer (&config->tls_cert, g_free);
  g_clear_pointer (&config->tls_key, g_free);
}

gboolean
hd_server_parse_duration (const char *text,
                          gint64     *out_seconds)
{
  guint64 value;
  gint64 unit = 1;
  g_autofree char *number = NULL;
  gsize length;

  if (text == NULL || *text == '\0')
    return FALSE;

  length = strlen (text);
  switch (text[length - 1])
    {
    case 'd':
      unit = 24 * 3600;
      length--;
      break;
    case 'h':
      unit = 3600;
      length--;
      break;
    case 'm':
      unit = 60;
      length--;
      break;
    case 's':
      length--;
      break;
    default:
      break;
    }

  number = g_strndup (text, length);
  if (!g_ascii_string_to_unsigned (number, 10, 0, G_MAXINT64 / (24 * 3600), &value, NULL))
    return FALSE;

  *out_seconds = (gint64) value * unit;
  return TRUE;
}

static gboolean
config_duration (GKeyFile    *file,
                 const char  *key,
                 gint64      *out_seconds,
                 GError     **error)
{
  g_autofree char *text = g_key_file_get_string (file, "server", key, NULL);

  if (text == NULL)
    return TRUE;

  g_strstrip (text);
  if (!hd_server_parse_duration (text, out_seconds))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   _("“%s” in the configuration is not a duration such as 90d, 12h or 30s."), key);
      return FALSE;
    }

  return TRUE;
}

gboolean
hd_server_config_load (HdServerConfig  *config,
                       const char      *path,
                       GError         **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  static const char * const strings[] = { "db", "listen", "tls-cert", "tls-key", NULL };
  char **targets[] = { &config->db_path, &config->listen, &config->tls_cert, &config->tls_key };
  gint64 seconds;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, error))
    return FALSE;

  for (guint i = 0; strings[i] != NULL; i++)
    {
      g_autofree char *value = g_key_file_get_string (file, "server", strings[i], NULL);

      if (value != NULL)
        {
          g_free (*targets[i]);
          *targets[i] = g_strdup (g_strstrip (value));
        }
    }

#define DURATION(key, field, type)                       \
  seconds = (gint64) config->field;                      \
  if (!config_duration (file, key, &seconds, error))     \
    return FALSE;                                        \
  config->field = (type) seconds;
  DURATION ("idle-timeout", idle_timeout, guint)
  DURATION ("request-timeout", request_timeout, guint)
  DURATION ("token-lifetime", token_lifetime, guint)
  DURATION ("tombstone-retention", tombstone_retention, gint64)
  DURATION ("maintenance-interval", maintenance_interval, guint)
#undef DURATION

  if (g_key_file_has_key (file, "server", "readers", NULL))
    config->readers = (guint) CLAMP (g_key_file_get_integer (file, "server", "readers", NULL), 1, 64);
  if (g_key_file_has_key (file, "server", "max-waiters", NULL))
    config->max_waiters = (guint) CLAMP (g_key_file_get_integer (file, "server", "max-waiters", NULL), 1, 1000000);
  if (g_key_file_has_key (file, "server", "log-requests", NULL))
    config->log_requests = g_key_file_get_boolean (file, "server", "log-requests", NULL);

  return TRUE;
}

/* Knowing what is new {{{1 */

static void
on_commit (gpointer    user_data,
           GHashTable *touched)
{
  HdServer *server = user_data;
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, touched);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 version = *(gint64 *) value;
      gint64 *known = g_hash_table_lookup (server->hub_versions, key);

      if (known == NULL)
        {
          known = g_new (gint64, 1);
          *known = version;
          g_hash_table_insert (server->hub_versions, g_strdup (key), known);
        }
      else if (version > *known)
        *known = version;

      server->known_counter = MAX (server->known_counter, version);
    }

  hd_server_wait_notify (server);
}

typedef struct {
  HdServer   *server;
  gint64      counter;
  GHashTable *hub_versions;
  gboolean    full;
} Poll;

static void
poll_read (HdServerConn *conn,
           gpointer      data)
{
  Poll *poll = data;

  if (!hd_server_conn_begin_read (conn, NULL))
    return;
  if (hd_server_conn_get_counter (conn, &poll->counter, NULL) && poll->full)
    poll->hub_versions = hd_server_conn_hub_versions (conn, NULL);
  hd_server_conn_end_read (conn);
}

static void poll_schedule (HdServer *server, gboolean full);

static void
poll_done (gpointer      data,
           const GError *error)
{
  Poll *poll = data;
  HdServer *server = poll->server;

  server->poll_busy = FALSE;
  if (poll->hub_versions != NULL)
    {
      g_hash_table_unref (server->hub_versions);
      server->hub_versions = g_steal_pointer (&poll->hub_versions);
      server->known_counter = MAX (server->known_counter, poll->counter);
      /* Changed by someone else (an admin command): anyone may have
       * something new, or lost or gained a hub. */
      hd_server_wait_wake_all (server);
    }
  else if (!poll->full && poll->counter > server->known_counter && !server->stopping)
    poll_schedule (server, TRUE);

  g_free (poll);
}

static void
poll_schedule (HdServer *server,
               gboolean  full)
{
  Poll *poll;

  if (server->poll_busy)
    return;

  poll = g_new0 (Poll, 1);
  poll->server = server;
  poll->full = full;
  server->poll_busy = TRUE;
  hd_server_workers_read (server->workers, poll_read, poll_done, poll);
}

static gboolean
poll_tick (gpointer user_data)
{
  HdServer *server = user_data;

  poll_schedule (server, FALSE);

  /* After large requests, hand freed memory back to the system, so that
   * a burst of big documents does not stay in the worker threads' heaps. */
  if (server->trim_pending)
    {
      server->trim_pending = FALSE;
      malloc_trim (0);
    }

  return G_SOURCE_CONTINUE;
}

/* Life cycle {{{1 */

static HdServerConfig
config_copy (const HdServerConfig *config)
{
  HdServerConfig copy = *config;

  copy.db_path = g_strdup (config->db_path);
  copy.listen = g_strdup (config->listen);
  copy.tls_cert = g_strdup (config->tls_cert);
  copy.tls_key = g_strdup (config->tls_key);

  return copy;
}

static gboolean
load_state (HdServer  *server,
            GError   **error)
{
  HdServerConn *conn = hd_server_conn_new (server->storage, error);
  gboolean ok;

  if (conn == NULL)
    return FALSE;

  ok = hd_server_conn_begin_read (conn, error) &&
       hd_server_conn_get_counter (conn, &server->known_counter, error) &&
       (server->hub_versions = hd_server_conn_hub_versions (conn, error)) != NULL;
  hd_server_conn_end_read (conn);
  hd_server_conn_free (conn);

  return ok;
}

HdServer *
hd_server_new (const HdServerConfig  *config,
               GError               **error)
{
  HdServer *server = g_new0 (HdServer, 1);
  HdServerStorageOptions options = { 0, };

  server->config = config_copy (config);
  server->context = g_main_context_ref_thread_default ();
  g_queue_init (&server->waiters);

  if (!hd_server_auth_init (error))
    goto fail;

  if (server->config.db_path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The server needs a database: use --db FILE."));
      goto fail;
    }

  options.max_pages = server->config.max_db_pages;
  server->storage = hd_server_storage_open (server->config.db_path, &options, FALSE, error);
  if (server->storage == NULL)
    goto fail;

  if (!load_state (server, error))
    goto fail;

  server->workers = hd_server_workers_new (server->storage, server->config.readers,
                                           server->context, on_commit, server, error);
  if (server->workers == NULL)
    goto fail;
  hd_server_workers_set_maintenance (server->workers, server->config.maintenance_interval,
                                     server->config.tombstone_retention);

  server->hasher = hd_server_hasher_new (HASH_THREADS);
  server->throttle = hd_server_throttle_new ();

  if (!hd_server_http_start (server, error))
    goto fail;

  server->poll_id = g_timeout_add (POLL_INTERVAL_MS, poll_tick, server);

  return server;

fail:
  hd_server_free (server);
  return NULL;
}

void
hd_server_free (HdServer *server)
{
  if (server == NULL)
    return;

  if (server->poll_id != 0)
    g_source_remove (server->poll_id);

  hd_server_wait_stop (server);
  server->stopping = TRUE;
  hd_server_http_stop (server);
  g_clear_pointer (&server->hasher, hd_server_hasher_free);
  /* Answers of the hasher still queued on the main context. */
  while (g_main_context_iteration (server->context, FALSE))
    ;
  g_clear_pointer (&server->workers, hd_server_workers_free);
  g_clear_pointer (&server->throttle, hd_server_throttle_free);
  g_clear_pointer (&server->hub_versions, g_hash_table_unref);
  g_clear_pointer (&server->storage, hd_server_storage_free);
  g_main_context_unref (server->context);
  hd_server_config_clear (&server->config);
  g_free (server);
}

guint
hd_server_get_port (HdServer *server)
{
  return server->port;
}

char *
hd_server_get_url (HdServer *server)
{
  g_autoptr(GSocketConnectable) connectable = g_network_address_parse (server->config.listen, 0, NULL);
  const char *host = connectable != NULL
                     ? g_network_address_get_hostname (G_NETWORK_ADDRESS (connectable))
                     : "localhost";

  if (strchr (host, ':') != NULL)
    return g_strdup_printf ("%s://[%s]:%u/", server->https ? "https" : "http", host, server->port);
  return g_strdup_printf ("%s://%s:%u/", server->https ? "https" : "http", host, server->port);
}
