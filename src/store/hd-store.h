/* hd-store.h — the local SQLite cache
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tables come from the model (hd-schema.h). Every change of a record
 * and its outbox entry are written in one transaction. The blocking API is
 * thread-safe and meant for worker threads, the command line tool, tests
 * and the demo generator; the GUI uses the _async variants, which run on
 * the store's own thread, and never waits on SQL.
 */
#pragma once

#include <gio/gio.h>

#include "hd-model.h"

G_BEGIN_DECLS

#define HD_STORE_ERROR (hd_store_error_quark ())

typedef enum {
  HD_STORE_ERROR_FAILED,
  HD_STORE_ERROR_NEWER_VERSION,  /* made by a newer Hubdesk; left untouched */
  HD_STORE_ERROR_FULL,           /* the disk (or the page limit) is full */
  HD_STORE_ERROR_NOT_FOUND,
  HD_STORE_ERROR_IN_USE,         /* referenced by others: archive instead */
  HD_STORE_ERROR_CORRUPT,
  HD_STORE_ERROR_READ_ONLY,      /* e.g. hubs of a server-bound profile */
} HdStoreError;

GQuark hd_store_error_quark (void);

/* Per record: where it stands with the server. */
typedef enum {
  HD_SYNC_LOCAL,     /* made in a standalone profile, never offered to a server */
  HD_SYNC_SYNCED,    /* equals the server's copy */
  HD_SYNC_PENDING,   /* local changes in the outbox */
  HD_SYNC_CONFLICT,  /* a conflict waits for the user */
  HD_SYNC_REJECTED,  /* the server refused the last change */
} HdSyncState;

typedef struct {
  HdEntity     entity;
  const char  *hub_id;           /* NULL: every hub */
  const char  *from;             /* time range on the entity's time field */
  const char  *until;            /*   (starts_at / occurred_on), NULL: open */
  const char  *status;           /* NULL: any */
  const char  *ref_field;        /* e.g. "event_id" … */
  const char  *ref_id;           /*   … = this id */
  const char  *search;           /* full-text, prefix, umlaut-insensitive */
  gboolean     include_archived;
  gboolean     include_deleted;
  const char  *order_by;         /* a field name; NULL: the entity's default */
  gboolean     descending;
  guint        offset;
  guint        limit;            /* 0: no limit */
} HdQuery;

#define HD_TYPE_STORE (hd_store_get_type ())
G_DECLARE_FINAL_TYPE (HdStore, hd_store, HD, STORE, GObject)

/* Opens or creates the store at @path, migrating older schemas. A store
 * from a newer version is refused with HD_STORE_ERROR_NEWER_VERSION and
 * not written to. */
HdStore     *hd_store_open              (const char     *path,
                                         GError        **error);
const char  *hd_store_get_path          (HdStore        *self);
/* This profile's client id, made once. */
const char  *hd_store_get_client_id     (HdStore        *self);
int          hd_store_get_schema_version (HdStore       *self);

/* ---- blocking ---- */

HdRecord    *hd_store_get               (HdStore        *self,
                                         HdEntity        entity,
                                         const char     *id,
                                         GError        **error);
/* Creates or updates a full record. Validates first (the model's message
 * on failure); then writes the record and an outbox entry with just the
 * changed fields in one transaction. Sets created_at/updated_at locally
 * until the server assigns its own. */
gboolean     hd_store_save              (HdStore        *self,
                                         HdRecord       *record,
                                         GError        **error);
/* Archives or restores a record that has an "archived" field. */
gboolean     hd_store_set_archived      (HdStore        *self,
                                         HdEntity        entity,
                                         const char     *id,
                                         gboolean        archived,
                                         GError        **error);
/* Deletes (tombstones) a record and writes the outbox entry. A record
 * that others reference is refused with HD_STORE_ERROR_IN_USE. */
gboolean     hd_store_delete            (HdStore        *self,
                                         HdEntity        entity,
                                         const char     *id,
                                         GError        **error);
/* Inserts many new records in one transaction without outbox entries
 * (sync state LOCAL), validated; for demo data and imports into a
 * standalone profile. The search index is rebuilt once at the end. */
gboolean     hd_store_insert_many       (HdStore        *self,
                                         GPtrArray      *records,
                                         GError        **error);

GPtrArray   *hd_store_query             (HdStore        *self,
                                         const HdQuery  *query,
                                         GError        **error);
gint64       hd_store_count             (HdStore        *self,
                                         const HdQuery  *query,
                                         GError        **error);
HdSyncState  hd_store_get_sync_state    (HdStore        *self,
                                         HdEntity        entity,
                                         const char     *id);

/* ---- outbox and sync state, for the sync client ---- */

typedef struct {
  gint64     seq;            /* rises by one per entry, never reused */
  HdEntity   entity;
  char      *record_id;
  char      *hub_id;
  gboolean   is_delete;
  gint64     base_version;   /* the server version the edit was made on */
  HdRecord  *changes;        /* the changed fields only */
  char      *created_at;
} HdOutboxEntry;

void         hd_outbox_entry_free       (HdOutboxEntry  *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdOutboxEntry, hd_outbox_entry_free)

gint64       hd_store_outbox_count      (HdStore        *self,
                                         GError        **error);
/* The oldest @limit entries, in seq order (HdOutboxEntry *). */
GPtrArray   *hd_store_outbox_peek       (HdStore        *self,
                                         guint           limit,
                                         GError        **error);
/* Removes entries up to and including @seq. */
gboolean     hd_store_outbox_remove_upto (HdStore       *self,
                                         gint64          seq,
                                         GError        **error);

/* Key/value sync state: "cursor", "server_url", … */
char        *hd_store_get_meta          (HdStore        *self,
                                         const char     *key);
gboolean     hd_store_set_meta          (HdStore        *self,
                                         const char     *key,
                                         const char     *value,
                                         GError        **error);

/* Applies a page of server records (full records with version) and the
 * new cursor in one transaction. A record with pending local changes
 * keeps them: the server copy becomes its new base and the local fields
 * stay on top. */
gboolean     hd_store_apply_pulled      (HdStore        *self,
                                         GPtrArray      *records,
                                         const char     *cursor,
                                         GError        **error);
/* The server copy a local record was last based on, or NULL. */
HdRecord    *hd_store_get_base          (HdStore        *self,
                                         HdEntity        entity,
                                         const char     *id,
                                         GError        **error);

/* ---- asynchronous, on the store's thread ---- */

void         hd_store_query_async       (HdStore             *self,
                                         const HdQuery       *query,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GPtrArray   *hd_store_query_finish      (HdStore             *self,
                                         GAsyncResult        *result,
                                         GError             **error);
void         hd_store_count_async       (HdStore             *self,
                                         const HdQuery       *query,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gint64       hd_store_count_finish      (HdStore             *self,
                                         GAsyncResult        *result,
                                         GError             **error);
void         hd_store_save_async        (HdStore             *self,
                                         HdRecord            *record,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean     hd_store_save_finish       (HdStore             *self,
                                         GAsyncResult        *result,
                                         GError             **error);
void         hd_store_delete_async      (HdStore             *self,
                                         HdEntity             entity,
                                         const char          *id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean     hd_store_delete_finish     (HdStore             *self,
                                         GAsyncResult        *result,
                                         GError             **error);
void         hd_store_outbox_count_async (HdStore            *self,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gint64       hd_store_outbox_count_finish (HdStore           *self,
                                         GAsyncResult        *result,
                                         GError             **error);

/* Signal "changed" (HdEntity entity, const char *id) is emitted in the
 * thread-default main context the store was opened in, after the commit,
 * for every record written by any API above (id NULL: many changed). */

HdQuery     *hd_query_copy              (const HdQuery  *query);
void         hd_query_free              (HdQuery        *query);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdQuery, hd_query_free)

G_END_DECLS
