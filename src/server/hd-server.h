/* hd-server.h — the sync server: configuration and life cycle
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  char     *db_path;
  char     *listen;                /* HOST:PORT; port 0 picks a free one */
  char     *tls_cert;              /* PEM files; both or neither */
  char     *tls_key;
  guint     idle_timeout;          /* s without a byte on a connection */
  guint     request_timeout;       /* s to send a request's head and body */
  guint     token_lifetime;        /* s a token stays valid */
  gint64    tombstone_retention;   /* s deleted records are kept in the feed */
  guint     maintenance_interval;  /* s between purges */
  guint     readers;               /* reader threads */
  guint     max_waiters;           /* long polls held at once */
  gint64    max_db_pages;          /* >0: SQLite page limit (tests of a full disk) */
  gboolean  log_requests;
} HdServerConfig;

/* The defaults: 15 s idle, 20 s per request, tokens for 30 days,
 * tombstones for 90 days, purge hourly, 4 readers, 10000 waiters. */
void      hd_server_config_init    (HdServerConfig  *config);
void      hd_server_config_clear   (HdServerConfig  *config);
/* Reads the [server] group of a key file over the values in @config. */
gboolean  hd_server_config_load    (HdServerConfig  *config,
                                    const char      *path,
                                    GError         **error);
/* "90d", "12h", "30m", "45s" or plain seconds. */
gboolean  hd_server_parse_duration (const char      *text,
                                    gint64          *out_seconds);

typedef struct _HdServer HdServer;

/* Opens the storage and starts listening on the thread-default main
 * context. */
HdServer *hd_server_new            (const HdServerConfig *config,
                                    GError              **error);
/* Stops listening, finishes queued writes and closes the database. */
void      hd_server_free           (HdServer             *server);
/* The port it listens on (useful with port 0). */
guint     hd_server_get_port       (HdServer             *server);
/* "http://127.0.0.1:PORT/" or "https://…" */
char     *hd_server_get_url        (HdServer             *server);

G_END_DECLS
