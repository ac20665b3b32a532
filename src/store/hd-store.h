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
 *
 * Storage: one table per entity (named after it) with the common columns,
 * one column per field and the sync columns sync_state, base (JSON of the
 * server copy a record with local changes is based on; a SYNCED row is
 * its own base and keeps none) and reject_reason; an outbox table (seq
 * AUTOINCREMENT, never reused), a meta table (client_id, cursor, …) and a
 * full-text index per entity with search fields. PRAGMA user_version
 * counts the migrations (hd-store-private.h). Writes commit with
 * synchronous=FULL, except pulled pages (see hd_store_apply_pulled()).
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
  const char  *ref_field;        /* e.g. "event_id" … (also an enum, */
  const char  *ref_id;           /*   set or tags field) … = this id */
  const char  *search;           /* full-text, prefix, umlaut-insensitive */
  gboolean     include_archived;
  gboolean     include_deleted;
  const char  *order_by;         /* a field name; NULL: the entity's default */
  gboolean     descending;
  guint        offset;
  guint        limit;            /* 0: no limit */
  /* More conditions, all of which must hold as well (AND), each
   * "field=value": a field ref_field can name, with the value as ref_id
   * ("field=" for none), or a BOOL field with "true" or "false" (unset
   * counts as false). NULL-terminated; NULL: none. */
  const char * const *where;
} HdQuery;

#define HD_TYPE_STORE (hd_store_get_type ())
G_DECLARE_FINAL_TYPE (HdStore, hd_store, HD, STORE, GObject)

/* Opens or creates the store at @path, migrating older schemas. A store
 * from a newer version is refused with HD_STORE_ERROR_NEWER_VERSION and
 * not written to.
 *
 * A profile is standalone until the meta key "server_url" is set (by the
 * step that binds it to a server account). In a standalone profile hubs
 * are saved locally without an outbox entry (sync state LOCAL); in a
 * bound profile they are read-only (HD_STORE_ERROR_READ_ONLY). */
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
 * until the server assigns its own. Saving a record unchanged writes
 * nothing. The first edit of a LOCAL record (never offered to a server)
 * carries all its fields, so the outbox alone can recreate it there.
 * Saving a REJECTED record (even unchanged) sends it again: its entry
 * carries every field that differs from its base (all of them when it
 * has none), and it becomes PENDING. A deleted record cannot be saved
 * (HD_STORE_ERROR_NOT_FOUND). */
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
 * that others reference is refused with HD_STORE_ERROR_IN_USE. A LOCAL
 * record, which no server has seen, is removed without an outbox entry.
 * The stored record is not validated: an invalid one can still go. */
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

/* Saves @saves (HdRecord *, as hd_store_save() does), then deletes
 * @deletes (HdRecord *: entity and id, as hd_store_delete() does, in
 * order) and sets the meta key @meta_key to @meta_value (NULL: removes
 * it) in one transaction: all of it or, on any error, none. Either array
 * may be NULL. For imports, merges and their undo. */
gboolean     hd_store_write_many        (HdStore        *self,
                                         GPtrArray      *saves,
                                         GPtrArray      *deletes,
                                         const char     *meta_key,
                                         const char     *meta_value,
                                         GError        **error);

/* Records (HdRecord *, a new reference each) matching @query. Filters:
 * hub_id; from/until on the entity's time field (starts_at, else
 * occurred_on, else registered_at; an entity with ends_at matches when
 * [starts_at, ends_at) overlaps [from, until), and a recurring booking
 * when it starts before @until; dates compare by day); status; ref_field
 * (a REF or REF_LIST field, or an ENUM, ENUM_SET or STRV field: "kind",
 * "consent_purposes", "tags") = ref_id (a list: contains it); each of where; search; archived and deleted records
 * only when asked for. order_by must name a field (or created_at,
 * updated_at); text sorts without regard to case (and, for the name a
 * list is sorted by, with umlauts at their base letter). The default order:
 * people by family and given name, organizations, rooms and hubs by name
 * (umlauts sort with their base letter), entities with starts_at by it,
 * interactions newest first. Search: each word is a prefix; case and
 * accents are ignored ("muller", "Mül" find "Müller") and "ae", "oe",
 * "ue", "ss" match "ä", "ö", "ü", "ß" ("mueller" finds "Müller", "müller"
 * finds "Mueller"). Entities without search fields in the schema match
 * each word anywhere in their text fields instead. */
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
/* Removes entries up to and including @seq. Records left without an
 * entry go from PENDING to SYNCED. */
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

/* Applies a page of server records (full records with version; tombstones
 * with deleted set) and the new cursor (NULL: left as is) in one
 * transaction. It commits without waiting for the disk: a power cut may
 * lose the last pages, which are then pulled again (the cursor goes with
 * them), and the next edit's commit syncs them too. A record with pending
 * local changes keeps them: the server copy becomes its new base and the
 * fields named in its outbox entries stay on top (a pending delete keeps
 * it deleted; a record in CONFLICT or REJECTED keeps every field it
 * changed against its old base). A tombstone does not take such a record
 * away: it keeps all its fields and its sync state, with the tombstone as
 * its base, until the person decides. Every other record becomes the
 * server copy, SYNCED.
 *
 * While the search index is deferred on a table that was empty then
 * (a first pull), pages go in by a faster path that skips looking for
 * local rows and writes each page's search rows in one go, as long as
 * no record is written any other way (a save, a delete, a sync state, a
 * failed page: from then on pages take the full path); the table's
 * secondary indexes are built once at the end
 * (hd_store_set_search_deferred()).
 */
gboolean     hd_store_apply_pulled      (HdStore        *self,
                                         GPtrArray      *records,
                                         const char     *cursor,
                                         GError        **error);
/* Drops the records of the hub @hub_id, the hub itself included, from
 * the store in one transaction, writing no outbox entries: for a hub the
 * account no longer belongs to. Records the person still has something
 * to say about stay, so that nothing of theirs goes silently: those with
 * outbox entries, in CONFLICT or REJECTED, and LOCAL ones. Returns the
 * number of records dropped (tombstones already deleted not counted), or
 * -1 with @error set. */
gint64       hd_store_purge_hub         (HdStore        *self,
                                         const char     *hub_id,
                                         GError        **error);
/* The server copy a record is based on: for a SYNCED record the record
 * itself, for one with local changes the copy before them; NULL (no
 * error) for a record no server has seen. */
HdRecord    *hd_store_get_base          (HdStore        *self,
                                         HdEntity        entity,
                                         const char     *id,
                                         GError        **error);
/* Sets a record's sync state, with @reason_json (a JSON object, e.g. the
 * server's error) for HD_SYNC_REJECTED, else NULL. Writes no outbox. */
gboolean     hd_store_set_sync_state    (HdStore        *self,
                                         HdEntity        entity,
                                         const char     *id,
                                         HdSyncState     state,
                                         const char     *reason_json,
                                         GError        **error);
/* The reason stored with a rejected record (JSON), or NULL. */
char        *hd_store_get_reject_reason (HdStore        *self,
                                         HdEntity        entity,
                                         const char     *id);
/* While deferred, writes leave the full-text index alone (searches may
 * miss records); turning it off again rebuilds the index in bulk, which
 * is much faster for a first pull. The flag is kept in the database, so
 * an interrupted first pull gets its index rebuilt at the next open.
 * Tables that are empty when it is turned on (a first pull) lose their
 * secondary indexes until it is turned off, which builds each in one
 * pass (or the next open does); pages pulled into them get their search
 * rows page by page and need no rebuild (see hd_store_apply_pulled()). */
gboolean     hd_store_set_search_deferred (HdStore      *self,
                                         gboolean        deferred,
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
/* Saves a copy of @record: the caller's record is not touched. */
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

/* Signal "changed" (int entity, an HdEntity; const char *id) is emitted
 * in the thread-default main context the store was opened in, after the
 * commit, for every record written by any API above (id NULL: many
 * changed). Blocking calls made in that context emit before returning. */

HdQuery     *hd_query_copy              (const HdQuery  *query);
void         hd_query_free              (HdQuery        *query);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdQuery, hd_query_free)

/* Lower case with ä→ae, ö→oe, ü→ue, ß→ss (also in decomposed form): how
 * the search folds text, for matching text the same way outside SQL. */
char         *hd_store_fold_umlauts       (const char     *text);

G_END_DECLS
