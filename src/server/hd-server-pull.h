/* hd-server-pull.h — the change feed: pull pages and cursors
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A cursor is opaque to clients. Inside it is the version up to which
 * the client has everything of its hubs, and, for hubs granted to the
 * user after that, how far their older records were sent ("backfill").
 * Text form: "V" or "V;HUB=POS;HUB=POS".
 */
#pragma once

#include "hd-server-storage.h"

G_BEGIN_DECLS

#define HD_SERVER_PULL_DEFAULT_LIMIT 1000
#define HD_SERVER_PULL_MAX_LIMIT     5000

typedef struct {
  gint64      version;
  GHashTable *backfill;   /* hub id → gint64 * position; NULL when none */
} HdServerCursor;

/* NULL or "" is the start. Fails with HD_SERVER_ERROR_BAD_REQUEST. */
gboolean  hd_server_cursor_parse   (const char           *text,
                                    HdServerCursor       *out_cursor,
                                    GError              **error);
char     *hd_server_cursor_format  (const HdServerCursor *cursor);
void      hd_server_cursor_clear   (HdServerCursor       *cursor);

/* One page of changes for @caller after @cursor, as the JSON body of a
 * pull answer. Runs inside a read transaction of @conn. Fails with
 * HD_SERVER_ERROR_RESET_REQUIRED when the cursor is older than the
 * tombstones kept (or newer than anything this server has). */
char     *hd_server_pull           (HdServerConn         *conn,
                                    const HdServerUser   *caller,
                                    const char           *cursor,
                                    guint                 limit,
                                    guint                *out_n_changes,
                                    GError              **error);

/* Whether @caller has something to pull after @cursor, judged by the
 * newest version of each hub (hub id → gint64 *). */
gboolean  hd_server_cursor_behind  (const HdServerCursor *cursor,
                                    const HdServerUser   *caller,
                                    GHashTable           *hub_versions);

G_END_DECLS
