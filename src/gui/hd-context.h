/* hd-context.h — what the windows and views of one profile share
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One HdContext per profile holds the store, the sync engine, the
 * settings, the hub the user picked and the figures the header shows. Windows and views get it
 * as their construct-only "context" property; nothing is global.
 */
#pragma once

#include <gio/gio.h>

#include "hd-store.h"
#include "hd-record-list.h"
#include "hd-sync-engine.h"

G_BEGIN_DECLS

#define HD_TYPE_CONTEXT (hd_context_get_type ())
G_DECLARE_FINAL_TYPE (HdContext, hd_context, HD, CONTEXT, GObject)

/* @settings may be NULL when the schema is not installed. */
HdContext    *hd_context_new               (HdStore       *store,
                                            GSettings     *settings);
/* With the profile's sync engine (NULL: none, as in a profile that can
 * never sync). The conflict count then follows the engine's conflicts
 * and rejections. */
HdContext    *hd_context_new_with_sync     (HdStore       *store,
                                            GSettings     *settings,
                                            HdSyncEngine  *engine);
HdStore      *hd_context_get_store         (HdContext     *self);
HdSyncEngine *hd_context_get_sync_engine   (HdContext     *self);
GSettings    *hd_context_get_settings      (HdContext     *self);

/* The hubs of the profile (HdRecordObject items), in name order. */
GListModel   *hd_context_get_hubs          (HdContext     *self);
/* The name of the hub with @hub_id, or NULL while the hubs load. */
const char   *hd_context_get_hub_name      (HdContext     *self,
                                            const char    *hub_id);
/* The selected hub's id; NULL for "All my hubs". Property "hub-id". */
const char   *hd_context_get_hub_id        (HdContext     *self);
void          hd_context_set_hub_id        (HdContext     *self,
                                            const char    *hub_id);
/* The time zone times are shown in: the selected hub's, else the one
 * the hubs share by default (Europe/Berlin). */
GTimeZone    *hd_context_get_timezone      (HdContext     *self);
/* "YYYY-MM-DD" of today in the context's time zone, and the RFC 3339
 * UTC bounds of that day. */
char         *hd_context_dup_today         (HdContext     *self);
void          hd_context_get_day_bounds    (HdContext     *self,
                                            GDateTime     *day,
                                            char         **out_from,
                                            char         **out_until);
/* Compares the day of @now (in the context's time zone) with the day last
 * seen and emits "day-changed" when it differs; TRUE then. The context
 * checks the clock once a minute itself; tests call this with a time of
 * their choosing. */
gboolean      hd_context_check_day         (HdContext     *self,
                                            GDateTime     *now);

/* Changes not yet on a server (property "outbox-count", -1 until known)
 * and conflicts waiting for the user ("conflict-count"). */
gint64        hd_context_get_outbox_count  (HdContext     *self);
guint         hd_context_get_conflict_count (HdContext    *self);

/* Where a record stands with the server, for marks in list rows:
 * PENDING (changes not yet on the server), CONFLICT or REJECTED; SYNCED
 * for every other record and in a standalone profile. A lookup in a table
 * kept in memory (no SQL), read again after each change of the outbox or
 * the ledger; signal "sync-marks-changed" tells rows to look again. */
HdSyncState   hd_context_get_sync_mark     (HdContext     *self,
                                            HdEntity       entity,
                                            const char    *id);

/* A task of the profile is running ("busy", "busy-message"), e.g. the
 * demo data being written. */
gboolean      hd_context_get_busy          (HdContext     *self);
const char   *hd_context_get_busy_message  (HdContext     *self);
void          hd_context_set_busy_message  (HdContext     *self,
                                            const char    *message);

/* Reads one record on a worker thread. */
void          hd_context_get_record_async  (HdContext           *self,
                                            HdEntity             entity,
                                            const char          *id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
HdRecord     *hd_context_get_record_finish (HdContext           *self,
                                            GAsyncResult        *result,
                                            GError             **error);

/* The hub new and imported records go to: the selected one, else the
 * profile's first; NULL while the hubs load or when there are none. */
const char   *hd_context_get_target_hub_id (HdContext     *self);

G_END_DECLS
