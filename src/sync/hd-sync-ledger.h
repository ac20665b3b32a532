/* hd-sync-ledger.h — conflicts and rejections waiting for the person
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store keeps each record's sync state (CONFLICT, REJECTED and the
 * reason of a rejection); the ledger keeps what the person needs to
 * decide: for a conflict the base, the local and the server values, for
 * a rejection the server's reason. It lives in its own SQLite file next
 * to the store's ("hubdesk.db" → "hubdesk-sync.db"), written only by
 * the sync module, with its own user_version migrations.
 *
 * Every entry remembers the outbox seq it came from. Recording the answer
 * to a seq again (after a crash, the server repeats its stored answer)
 * changes nothing, and neither does it reopen an entry the person has
 * already resolved. Thread-safe; blocking (call it from worker threads).
 */
#pragma once

#include <gio/gio.h>

#include "hd-model.h"

G_BEGIN_DECLS

typedef struct {
  gint64     id;
  HdEntity   entity;
  char      *record_id;
  char      *hub_id;
  gboolean   local_delete;     /* the local side deleted the record */
  HdRecord  *local_changes;    /* the fields the local side changed */
  HdRecord  *local;            /* the whole local record then, or NULL */
  HdRecord  *base;             /* the last common copy, or NULL */
  HdRecord  *server;           /* the server's copy, or NULL */
  char     **fields;           /* the fields in conflict (may be empty:
                                  edit versus delete) */
  gint64     seq;
  char      *created_at;
  char      *plan;             /* a decision being carried out, or NULL */
} HdSyncConflict;

void            hd_sync_conflict_free (HdSyncConflict *conflict);
HdSyncConflict *hd_sync_conflict_copy (const HdSyncConflict *conflict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdSyncConflict, hd_sync_conflict_free)
#define HD_TYPE_SYNC_CONFLICT (hd_sync_conflict_get_type ())
GType           hd_sync_conflict_get_type (void) G_GNUC_CONST;
/* Whether the server's copy is a tombstone (edit versus delete). */
gboolean        hd_sync_conflict_server_deleted (const HdSyncConflict *conflict);

typedef struct {
  HdEntity   entity;
  char      *record_id;
  char      *hub_id;
  gboolean   local_delete;
  char      *code;             /* invalid, forbidden, room_unavailable,
                                  event_full, in_use, … */
  char      *message;          /* the server's words, for a person */
  char      *reason_json;      /* the whole reason as the server sent it
                                  (details: field, clashing bookings, …) */
  gint64     seq;
  char      *created_at;
  char      *plan;             /* a decision being carried out, or NULL */
} HdSyncRejection;

void             hd_sync_rejection_free (HdSyncRejection *rejection);
HdSyncRejection *hd_sync_rejection_copy (const HdSyncRejection *rejection);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdSyncRejection, hd_sync_rejection_free)
#define HD_TYPE_SYNC_REJECTION (hd_sync_rejection_get_type ())
GType            hd_sync_rejection_get_type (void) G_GNUC_CONST;

typedef struct _HdSyncLedger HdSyncLedger;

/* The ledger file that belongs to the store at @store_path. */
char           *hd_sync_ledger_path_for_store (const char *store_path);

HdSyncLedger   *hd_sync_ledger_open      (const char       *path,
                                          GError          **error);
HdSyncLedger   *hd_sync_ledger_ref       (HdSyncLedger     *ledger);
void            hd_sync_ledger_unref     (HdSyncLedger     *ledger);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdSyncLedger, hd_sync_ledger_unref)

/* Records a conflict (@conflict's id and created_at are ignored). An open
 * entry of the same record takes the new one in: the local changes and
 * the fields in conflict are joined, the server copy replaced. When an
 * entry of this record already holds this seq, nothing is written and
 * *out_recorded tells whether it is still open (the caller then redoes
 * its own, repeatable part); for a later seq, or a closed entry, it is
 * FALSE. Rejections alike. */
gboolean        hd_sync_ledger_add_conflict (HdSyncLedger         *ledger,
                                          const HdSyncConflict *conflict,
                                          gboolean             *out_recorded,
                                          GError              **error);
/* Open conflicts, oldest first (HdSyncConflict *). */
GPtrArray      *hd_sync_ledger_list_conflicts (HdSyncLedger   *ledger,
                                          GError          **error);
HdSyncConflict *hd_sync_ledger_get_conflict (HdSyncLedger     *ledger,
                                          gint64            id,
                                          GError          **error);
/* The open conflict of a record, or NULL without error. */
HdSyncConflict *hd_sync_ledger_find_conflict (HdSyncLedger    *ledger,
                                          HdEntity          entity,
                                          const char       *record_id,
                                          GError          **error);
gboolean        hd_sync_ledger_close_conflict (HdSyncLedger   *ledger,
                                          gint64            id,
                                          GError          **error);
/* Keeps the decision taken for an open entry (JSON, written by the
 * resolution code) so that a crash while carrying it out can finish it
 * the same way. */
gboolean        hd_sync_ledger_set_conflict_plan (HdSyncLedger *ledger,
                                          gint64            id,
                                          const char       *plan,
                                          GError          **error);

gboolean        hd_sync_ledger_add_rejection (HdSyncLedger          *ledger,
                                          const HdSyncRejection *rejection,
                                          gboolean              *out_recorded,
                                          GError               **error);
GPtrArray      *hd_sync_ledger_list_rejections (HdSyncLedger  *ledger,
                                          GError          **error);
HdSyncRejection *hd_sync_ledger_find_rejection (HdSyncLedger  *ledger,
                                          HdEntity          entity,
                                          const char       *record_id,
                                          GError          **error);
gboolean        hd_sync_ledger_close_rejection (HdSyncLedger  *ledger,
                                          HdEntity          entity,
                                          const char       *record_id,
                                          GError          **error);
gboolean        hd_sync_ledger_set_rejection_plan (HdSyncLedger *ledger,
                                          HdEntity          entity,
                                          const char       *record_id,
                                          const char       *plan,
                                          GError          **error);

/* Chains of own changes: between @from_base and @version the server's
 * copy of the record changed only by this device's own mutations, each
 * applied on the version before it. An outbox entry made before those
 * answers came (base_version in [from_base, version)) was in truth made
 * on top of them, and goes out with base @version; else the server would
 * see the device's own earlier change as a conflict. */
gboolean        hd_sync_ledger_get_chain (HdSyncLedger    *ledger,
                                          HdEntity          entity,
                                          const char       *record_id,
                                          gint64           *out_from_base,
                                          gint64           *out_version);
gboolean        hd_sync_ledger_set_chain (HdSyncLedger    *ledger,
                                          HdEntity          entity,
                                          const char       *record_id,
                                          gint64            from_base,
                                          gint64            version,
                                          GError          **error);
gboolean        hd_sync_ledger_drop_chain (HdSyncLedger   *ledger,
                                          HdEntity          entity,
                                          const char       *record_id,
                                          GError          **error);
/* Forgets every chain (the outbox is empty: no entry can need one). */
gboolean        hd_sync_ledger_clear_chains (HdSyncLedger *ledger,
                                          GError          **error);

/* Groups the writes of one push answer into one transaction; the calls
 * above may be made in between (from this thread; others wait). */
gboolean        hd_sync_ledger_begin     (HdSyncLedger     *ledger,
                                          GError          **error);
gboolean        hd_sync_ledger_commit    (HdSyncLedger     *ledger,
                                          GError          **error);
void            hd_sync_ledger_rollback  (HdSyncLedger     *ledger);

/* Open entries. */
gint64          hd_sync_ledger_count_conflicts  (HdSyncLedger *ledger);
gint64          hd_sync_ledger_count_rejections (HdSyncLedger *ledger);

/* Forgets closed entries whose seq is at most @acknowledged (the server
 * can no longer repeat an answer for them). */
gboolean        hd_sync_ledger_prune     (HdSyncLedger     *ledger,
                                          gint64            acknowledged,
                                          GError          **error);

/* Forgets everything (the profile was reset). */
gboolean        hd_sync_ledger_clear     (HdSyncLedger     *ledger,
                                          GError          **error);

G_END_DECLS
