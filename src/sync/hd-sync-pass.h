/* hd-sync-pass.h — one blocking sync pass: push the outbox, then pull
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The steps of DESIGN §3 "The client side", run in a worker thread (the
 * engine does; so does the command line tool through the engine). Every
 * step is safe to interrupt anywhere, by a cancellable, a lost connection
 * or a killed process:
 *
 * - Push: the oldest outbox entries (at most 500) go out with seq = the
 *   outbox seq minus a stored offset (meta "push_seq_offset", 0 unless the
 *   server asked otherwise). The server answers a seq it has seen with its
 *   stored result, so a resend after any failure has exactly one effect.
 *   Each result is recorded (server copy applied, conflict or rejection
 *   entered in the ledger, sync state set) before the entries are removed
 *   from the outbox; recording the same result twice changes nothing.
 * - Sequence gap (409): when the server expects a seq below ours it has
 *   never seen ours; the entries are renumbered from the expected seq by
 *   storing a new offset. When it expects one above ours, it holds results
 *   this device never recorded: pushing stops with
 *   HD_SYNC_ERROR_SEQUENCE_MISMATCH rather than guess (nothing is lost; the
 *   outbox stays).
 * - Pull: pages are fetched and parsed on this thread while a second
 *   thread applies the previous page with its cursor in one transaction
 *   (hd_store_apply_pulled()). A first pull defers the search index and
 *   rebuilds it in bulk at the end.
 * - 410 reset_required: the cursor is dropped, pending edits pushed, and
 *   everything pulled again; records the full pull did not bring that
 *   have no local changes are dropped. Unsynced local edits stay.
 * - Hubs the pull no longer lists (membership revoked): their records are
 *   dropped locally (hd_store_purge_hub(): what still waits to be sent or
 *   decided stays).
 *
 * Test hook: with the environment variable HUBDESK_SYNC_CRASH_AFTER_PUSH=1
 * the process ends with _exit(3) right after the first push answer
 * arrives and before anything of it is recorded (the "lost
 * acknowledgement" of the tests). Never set it otherwise.
 */
#pragma once

#include "hd-store.h"
#include "hd-sync-client.h"
#include "hd-sync-ledger.h"

G_BEGIN_DECLS

#define HD_SYNC_PUSH_BATCH 500

typedef enum {
  HD_SYNC_PHASE_IDLE,
  HD_SYNC_PHASE_PUSH,
  HD_SYNC_PHASE_PULL,
  HD_SYNC_PHASE_INDEX,   /* rebuilding the search index after a first pull */
} HdSyncPhase;

typedef struct {
  gint64    pushed;      /* mutations answered by the server */
  gint64    applied;     /* … of them applied or merged */
  gint64    conflicts;   /* … of them in conflict */
  gint64    rejected;    /* … of them rejected */
  gint64    pulled;      /* records received */
  gint64    purged;      /* records dropped (hub left, or gone after a reset) */
  gboolean  reset;       /* the server asked for a full resync */
  gboolean  first_pull;  /* the pull started without a cursor */
} HdSyncSummary;

/* Called on the pass's thread: @done of @total (-1: unknown). */
typedef void (*HdSyncProgressFunc) (HdSyncPhase  phase,
                                    gint64       done,
                                    gint64       total,
                                    gpointer     user_data);

typedef struct {
  HdStore            *store;
  HdSyncLedger       *ledger;
  HdSyncClient       *client;
  guint               page_size;      /* pull limit, 0: 2000 */
  HdSyncProgressFunc  progress;
  gpointer            progress_data;
} HdSyncPassConfig;

gboolean  hd_sync_run_pass        (const HdSyncPassConfig  *config,
                                   HdSyncSummary           *summary,
                                   GCancellable            *cancellable,
                                   GError                 **error);

/* Long poll: returns when the server has something newer than the
 * store's cursor, or after @timeout seconds. *out_changed tells which. */
gboolean  hd_sync_wait_for_changes (HdSyncClient           *client,
                                   HdStore                 *store,
                                   guint                    timeout,
                                   gboolean                *out_changed,
                                   GCancellable            *cancellable,
                                   GError                 **error);

/* ---- decisions of the person (blocking) ---- */

typedef enum {
  HD_SYNC_RESOLVE_MINE,    /* the local values win (a delete goes ahead;
                              a record the server deleted is made anew,
                              under a new id) */
  HD_SYNC_RESOLVE_THEIRS,  /* the server's values win (its delete too) */
  HD_SYNC_RESOLVE_FIELDS,  /* per field in conflict: the value in @edited,
                              the server's where @edited has none */
} HdSyncResolution;

/* Resolves the open conflict @id. The outcome is written through the
 * store like any edit (a new outbox entry with base = the server's
 * copy); the local changes not in conflict are sent again as well. */
gboolean  hd_sync_resolve_conflict (HdStore               *store,
                                   HdSyncLedger           *ledger,
                                   gint64                  id,
                                   HdSyncResolution        how,
                                   const HdRecord         *edited,
                                   GError                **error);

/* A rejected record goes back to the server's copy (or, never accepted
 * by the server, is removed). */
gboolean  hd_sync_discard_rejected (HdStore               *store,
                                   HdSyncLedger           *ledger,
                                   HdEntity                entity,
                                   const char             *id,
                                   GError                **error);
/* Sends a rejected record again as @fixed (the whole record as the person
 * corrected it; NULL: unchanged, e.g. once the room is free). Every field
 * that differs from the server's copy goes out, not only the last edit. A
 * rejected delete is tried again. */
gboolean  hd_sync_retry_rejected   (HdStore               *store,
                                   HdSyncLedger           *ledger,
                                   HdEntity                entity,
                                   const char             *id,
                                   HdRecord               *fixed,
                                   GError                **error);

G_END_DECLS
