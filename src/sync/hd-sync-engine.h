/* hd-sync-engine.h — keeps one profile in sync with its server
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One HdSyncEngine per profile (per HdStore). It lives on the thread
 * whose main context it was made in (the GTK thread in the application)
 * and never blocks it: HTTP and SQL run in worker threads, results and
 * property changes arrive in that main context.
 *
 * What the application binds to (all read-only properties, with notify):
 *   "state"          HdSyncEngineState, see below
 *   "server-url", "username"   the account the profile is bound to, or NULL
 *   "progress-done", "progress-total"   records pushed / pulled so far in
 *                    the running sync; total is -1 while unknown (a pull
 *                    does not announce its size)
 *   "phase"          HdSyncPhase of the running sync
 *   "last-sync"      Unix seconds of the last successful sync, 0: never
 *   "last-error"     the last failure in words for a person, or NULL
 *   "pending"        outbox entries not yet on the server
 *   "conflicts"      open conflicts;  "rejections": open rejections
 *   "online"         the network is up (GNetworkMonitor)
 * Signals:
 *   "login-required"     the server no longer accepts the login (token
 *                        expired or revoked), or none is stored: show
 *                        the login; nothing local is lost meanwhile
 *   "conflicts-changed"  list conflicts / rejections again
 *   "synced" (gpointer HdSyncSummary *)  after every successful sync
 *
 * Automatic sync (hd_sync_engine_start()): at start, when the network
 * comes back, a few seconds after a local edit (the store's "changed"
 * with entries in the outbox), after a long poll ("wait") reports news
 * while online, and on hd_sync_engine_sync_async() (F5). Failures that
 * may pass (network, server busy) are retried with exponential backoff
 * and jitter, at most 5 minutes apart; any explicit sync or a network
 * change retries at once.
 */
#pragma once

#include "hd-store.h"
#include "hd-sync-client.h"
#include "hd-sync-ledger.h"
#include "hd-sync-pass.h"

G_BEGIN_DECLS

typedef enum {
  HD_SYNC_ENGINE_LOADING,     /* reading the profile's settings */
  HD_SYNC_ENGINE_STANDALONE,  /* not bound to a server */
  HD_SYNC_ENGINE_LOGGED_OUT,  /* bound, but no valid login: log in */
  HD_SYNC_ENGINE_IDLE,        /* logged in, up to date as of last-sync */
  HD_SYNC_ENGINE_SYNCING,
  HD_SYNC_ENGINE_OFFLINE,     /* no network or server unreachable: retrying */
  HD_SYNC_ENGINE_FAILED,      /* the last sync failed (see last-error) */
} HdSyncEngineState;

GType hd_sync_engine_state_get_type (void) G_GNUC_CONST;
#define HD_TYPE_SYNC_ENGINE_STATE (hd_sync_engine_state_get_type ())
GType hd_sync_phase_get_type (void) G_GNUC_CONST;
#define HD_TYPE_SYNC_PHASE (hd_sync_phase_get_type ())

#define HD_TYPE_SYNC_ENGINE (hd_sync_engine_get_type ())
G_DECLARE_FINAL_TYPE (HdSyncEngine, hd_sync_engine, HD, SYNC_ENGINE, GObject)

/* @use_keyring: keep the token in the keyring (the application). FALSE
 * keeps it in memory only; the caller then hands it in with
 * hd_sync_engine_set_token() (the command line tool's --token-file, and
 * tests). */
HdSyncEngine      *hd_sync_engine_new              (HdStore        *store,
                                                    gboolean        use_keyring);
HdStore           *hd_sync_engine_get_store        (HdSyncEngine   *self);

/* Turns on automatic sync (see above). Without it the engine syncs only
 * when asked. */
void               hd_sync_engine_start            (HdSyncEngine   *self);
/* Cancels whatever runs and stops automatic sync. */
void               hd_sync_engine_stop             (HdSyncEngine   *self);

HdSyncEngineState  hd_sync_engine_get_state        (HdSyncEngine   *self);
const char        *hd_sync_engine_get_server_url   (HdSyncEngine   *self);
const char        *hd_sync_engine_get_username     (HdSyncEngine   *self);
gint64             hd_sync_engine_get_last_sync    (HdSyncEngine   *self);
const char        *hd_sync_engine_get_last_error   (HdSyncEngine   *self);
gint64             hd_sync_engine_get_pending      (HdSyncEngine   *self);
guint              hd_sync_engine_get_conflicts    (HdSyncEngine   *self);
guint              hd_sync_engine_get_rejections   (HdSyncEngine   *self);
gint64             hd_sync_engine_get_progress_done  (HdSyncEngine *self);
gint64             hd_sync_engine_get_progress_total (HdSyncEngine *self);
HdSyncPhase        hd_sync_engine_get_phase        (HdSyncEngine   *self);
gboolean           hd_sync_engine_get_online       (HdSyncEngine   *self);

/* A token kept in memory only (see hd_sync_engine_new()). */
void               hd_sync_engine_set_token        (HdSyncEngine   *self,
                                                    const char     *token);
char              *hd_sync_engine_dup_token        (HdSyncEngine   *self);

/* Tuning for tests and benchmarks: seconds without data before a request
 * fails (default 30), records per pull page (default 2000), seconds a
 * long poll waits (default 50). */
void               hd_sync_engine_set_io_timeout   (HdSyncEngine   *self,
                                                    guint           seconds);
void               hd_sync_engine_set_page_size    (HdSyncEngine   *self,
                                                    guint           records);
void               hd_sync_engine_set_wait_timeout (HdSyncEngine   *self,
                                                    guint           seconds);

/* One sync now (push, then pull). If one is running, another follows it,
 * so that edits made before this call are included. Completes with the
 * summary of that sync. */
void               hd_sync_engine_sync_async       (HdSyncEngine        *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean           hd_sync_engine_sync_finish      (HdSyncEngine        *self,
                                                    GAsyncResult        *result,
                                                    HdSyncSummary       *out_summary,
                                                    GError             **error);

/* Logs in at @url (http:// only to loopback) with @password, which is
 * not kept. @ca_file: certificate authorities for a server with a
 * certificate of its own, or NULL for the system's. Binds a new profile
 * to the account; a profile bound to another server or user, or holding
 * data of its own, is refused (HD_SYNC_ERROR_WRONG_PROFILE). With the
 * keyring and none available, fails with HD_SYNC_ERROR_NO_KEYRING, and the
 * new token is revoked again. */
void               hd_sync_engine_login_async      (HdSyncEngine        *self,
                                                    const char          *url,
                                                    const char          *username,
                                                    const char          *password,
                                                    const char          *ca_file,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean           hd_sync_engine_login_finish     (HdSyncEngine        *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* Revokes the token on the server (when reachable) and forgets it. The
 * profile stays bound, with its data and unsent edits. */
void               hd_sync_engine_logout_async     (HdSyncEngine        *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean           hd_sync_engine_logout_finish    (HdSyncEngine        *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* Open conflicts (HdSyncConflict *) / rejections (HdSyncRejection *). */
void               hd_sync_engine_list_conflicts_async  (HdSyncEngine        *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray         *hd_sync_engine_list_conflicts_finish (HdSyncEngine        *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void               hd_sync_engine_list_rejections_async  (HdSyncEngine       *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray         *hd_sync_engine_list_rejections_finish (HdSyncEngine       *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* Resolves conflict @id: mine, theirs, or field by field (@edited holds
 * the chosen value of each field in conflict; see hd_sync_resolve_conflict()).
 * Sends a new mutation at the next sync (started soon when automatic). */
void               hd_sync_engine_resolve_async    (HdSyncEngine        *self,
                                                    gint64               id,
                                                    HdSyncResolution     how,
                                                    const HdRecord      *edited,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean           hd_sync_engine_resolve_finish   (HdSyncEngine        *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* A rejected record: back to the server's copy (removed if the server
 * never had it) … */
void               hd_sync_engine_discard_rejected_async (HdSyncEngine  *self,
                                                    HdEntity             entity,
                                                    const char          *id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean           hd_sync_engine_discard_rejected_finish (HdSyncEngine *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* … or sent again as @fixed (another room or time, the waiting list …;
 * NULL: unchanged). Use this rather than a plain hd_store_save() to fix a
 * rejected record: it sends every field that differs from the server's
 * copy, not only the last edit. */
void               hd_sync_engine_retry_rejected_async (HdSyncEngine    *self,
                                                    HdEntity             entity,
                                                    const char          *id,
                                                    HdRecord            *fixed,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean           hd_sync_engine_retry_rejected_finish (HdSyncEngine   *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
