/* hd-store.c — the local SQLite cache: records, outbox, sync state, search
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One connection, guarded by a mutex, serves the blocking API from any
 * thread; the _async variants queue their work to the store's own thread.
 * Every write runs in one BEGIN IMMEDIATE transaction: a record and its
 * outbox entry are committed together or not at all. "changed" is
 * emitted in the main context the store was opened in, after COMMIT.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "hd-store-private.h"

/* Columns every select of a record starts with, then one per field. */
enum {
  COL_ID,
  COL_HUB_ID,
  COL_VERSION,
  COL_CREATED_AT,
  COL_UPDATED_AT,
  COL_UPDATED_BY,
  COL_DELETED,
  COL_SYNC_STATE,
  COL_FIELDS
};

#define COMMON_COLUMNS \
  "t.id, t.hub_id, t.version, t.created_at, t.updated_at, t.updated_by, " \
  "t.deleted, t.sync_state"

/* Parameters of the insert statement, then one per field. */
enum {
  P_ID = 1,
  P_HUB_ID,
  P_VERSION,
  P_CREATED_AT,
  P_UPDATED_AT,
  P_UPDATED_BY,
  P_DELETED,
  P_SYNC_STATE,
  P_BASE,
  P_REJECT_REASON,
  P_SORT_KEY,
  P_FIELDS
};

#define BIT(i) (G_GUINT64_CONSTANT (1) << (i))

/* The page cache of the store's connection, in KiB. */
#define HD_STORE_CACHE_KIB 32768

/* Pages of WAL after which a commit copies them into the database: SQLite's
 * default, and during a bulk load (a first pull), where each checkpoint
 * would wait for the disk every few pages, 32 MiB. (The WAL file keeps
 * its size until the store is closed; cutting it back would cost the
 * next small write.) */
#define HD_STORE_CHECKPOINT_PAGES      1000
#define HD_STORE_BULK_CHECKPOINT_PAGES 8192

typedef struct {
  char      *table;         /* quoted name */
  char      *fts;           /* quoted "<name>_fts", NULL when not searchable */
  char      *columns;       /* COMMON_COLUMNS, t."field", … */
  char      *insert;        /* INSERT */
  char      *upsert;        /* INSERT … ON CONFLICT (id) DO UPDATE */
  char      *select_by_id;  /* columns, base, reject_reason, rowid by id */
  char      *probe;         /* rowid, sync_state by id */
  char      *delete_by_id;
  char      *set_state;     /* sync_state, reject_reason by id */
  char      *mark_synced;   /* PENDING → SYNCED when no outbox entry is left */
  char      *fts_delete;    /* the index rows of the rowids in JSON array ?1 */
  char      *fts_fill;      /* index rows for the live rows among them */
  char      *fts_fill_above; /* index rows for the live rows above rowid ?1 */
  char      *max_rowid;
  char      *purge_count;   /* live rows of hub ?1 that purge_hub drops */
  char      *purge_fts;     /* … their search rows */
  char      *purge;         /* … the rows */
  char      *live;          /* the rows a list shows, as a condition on t */
  char      *text_match;    /* entities without search fields: their text */
  int        archived;      /* field indexes, or -1 */
  int        status;
  int        time_field;
  int        ends_at;
  int        recurrence;
  gboolean   sort_key;
  gboolean   cross_hub_key; /* bound after the fields */
  GPtrArray *in_use;        /* SQL counting live records that refer to ?1 */
  GPtrArray *in_use_label;  /* the entity label for each */
} EntitySql;

struct _HdStore
{
  GObject       parent_instance;

  /* Guards the connection, the statements and the flags below. */
  GMutex        lock;
  sqlite3      *db;
  GHashTable   *stmts;            /* SQL → sqlite3_stmt, prepared once */
  gboolean      search_deferred;
  /* Per entity: the search index is deferred, the table was empty then
   * and nothing but pulled pages has written to the store since, so
   * every row is a SYNCED server copy and a page needs no look at the
   * rows it replaces (see apply_bulk_locked()). Any other write ends it. */
  gboolean      bulk[HD_N_ENTITIES];
  /* Per entity in bulk: the search rows of the rows above the rowid
   * bulk_indexed_upto were not written yet; each page writes them in one
   * statement (rows only ever get added, none replaced, or bulk_search
   * goes FALSE and the index is rebuilt at the end after all). */
  gboolean      bulk_search[HD_N_ENTITIES];
  gint64        bulk_indexed_upto[HD_N_ENTITIES];
  /* What a write of the flags above puts in force once it commits. */
  gboolean      staged;
  gboolean      staged_deferred;
  gboolean      staged_bulk[HD_N_ENTITIES];

  char         *path;
  char         *client_id;
  int           schema_version;

  GMainContext *context;          /* where "changed" is emitted */
  GThread      *owner;            /* the thread that opened the store */
  GThread      *worker;
  GAsyncQueue  *jobs;

  EntitySql     sql[HD_N_ENTITIES];

  /* Rowids whose search rows the open transaction must drop (stale) and
   * write again (fresh), done in two statements before COMMIT: FTS5
   * writes a segment at every statement boundary, so row by row it
   * would make one per row. */
  GArray       *search_stale[HD_N_ENTITIES];
  GArray       *search_fresh[HD_N_ENTITIES];
};

G_DEFINE_TYPE (HdStore, hd_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (hd-store-error-quark, hd_store_error)

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Pushed to the job queue to end the worker thread. */
static const char worker_quit = 0;

typedef sqlite3_stmt HdCachedStmt;

static void
cached_stmt_release (HdCachedStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdCachedStmt, cached_stmt_release)

typedef sqlite3_stmt HdStmt;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdStmt, sqlite3_finalize)

/* ---- errors ---- */

/* Turns an error of the db helpers into the store's domain. */
static gboolean
propagate_error (GError **error,
                 GError  *local)
{
  if (local == NULL)
    return FALSE;

  if (local->domain == HD_DB_ERROR)
    {
      HdStoreError code;

      switch ((HdDbError) local->code)
        {
        case HD_DB_ERROR_FULL:
          code = HD_STORE_ERROR_FULL;
          break;
        case HD_DB_ERROR_CORRUPT:
          code = HD_STORE_ERROR_CORRUPT;
          break;
        case HD_DB_ERROR_NEWER_VERSION:
          code = HD_STORE_ERROR_NEWER_VERSION;
          break;
        case HD_DB_ERROR_FAILED:
        case HD_DB_ERROR_BUSY:
        case HD_DB_ERROR_CONSTRAINT:
        default:
          code = HD_STORE_ERROR_FAILED;
          break;
        }

      g_set_error_literal (error, HD_STORE_ERROR, code, local->message);
      g_error_free (local);
      return FALSE;
    }

  g_propagate_error (error, local);
  return FALSE;
}

static gboolean
sql_error (HdStore  *self,
           GError  **error,
           int       rc)
{
  return hd_db_set_error (error, self->db, rc);
}

static gboolean
not_found (GError   **error,
           HdEntity   entity)
{
  g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
               _("The record (%s) does not exist or was deleted."),
               hd_entity_label (entity));
  return FALSE;
}

/* ---- statements ---- */

static HdCachedStmt *
cached (HdStore     *self,
        const char  *sql,
        GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->stmts, sql);
  int rc;

  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      sql_error (self, error, rc);
      return NULL;
    }

  g_hash_table_insert (self->stmts, (gpointer) sql, stmt);
  return stmt;
}

static gboolean
step_done (HdStore       *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  if (rc != SQLITE_DONE)
    return sql_error (self, error, rc);

  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/* For strings that outlive the statement's step (owned by a record the
 * caller holds): SQLite need not copy them. */
static void
bind_static (sqlite3_stmt *stmt,
             int           index,
             const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* ---- change notification ---- */

typedef struct {
  HdEntity  entity;
  char     *id;       /* NULL: many records */
} Change;

static void
change_clear (gpointer data)
{
  Change *change = data;

  g_free (change->id);
}

static GArray *
changes_new (void)
{
  GArray *changes = g_array_new (FALSE, FALSE, sizeof (Change));

  g_array_set_clear_func (changes, change_clear);
  return changes;
}

static void
changes_add (GArray     *changes,
             HdEntity    entity,
             const char *id)
{
  Change change = { entity, g_strdup (id) };

  g_array_append_val (changes, change);
}

/* One "changed" per record, or per entity with id NULL when a write
 * touched more than a few of them. */
static GArray *
changes_coalesce (GArray *changes)
{
  guint per_entity[HD_N_ENTITIES] = { 0, };
  GArray *out = changes_new ();

  for (guint i = 0; i < changes->len; i++)
    {
      Change *c = &g_array_index (changes, Change, i);
      per_entity[c->entity] += c->id != NULL ? 1 : 1000;
    }

  for (guint e = 0; e < HD_N_ENTITIES; e++)
    {
      if (per_entity[e] > 16)
        changes_add (out, (HdEntity) e, NULL);
    }

  for (guint i = 0; i < changes->len; i++)
    {
      Change *c = &g_array_index (changes, Change, i);

      if (per_entity[c->entity] <= 16)
        changes_add (out, c->entity, c->id);
    }

  return out;
}

typedef struct {
  HdStore *store;
  GArray  *changes;
} Emission;

static void
emission_free (gpointer data)
{
  Emission *emission = data;

  g_object_unref (emission->store);
  g_array_unref (emission->changes);
  g_free (emission);
}

static void
emit_now (HdStore *self,
          GArray  *changes)
{
  for (guint i = 0; i < changes->len; i++)
    {
      Change *c = &g_array_index (changes, Change, i);

      g_signal_emit (self, signals[SIGNAL_CHANGED], 0, (int) c->entity, c->id);
    }
}

static gboolean
emit_idle (gpointer data)
{
  Emission *emission = data;

  emit_now (emission->store, emission->changes);
  return G_SOURCE_REMOVE;
}

/* Called without the lock held, after COMMIT. */
static void
emit_changes (HdStore *self,
              GArray  *changes)
{
  g_autoptr(GArray) coalesced = NULL;

  if (changes == NULL || changes->len == 0)
    return;

  coalesced = changes_coalesce (changes);

  if (g_main_context_is_owner (self->context))
    {
      emit_now (self, coalesced);
    }
  else if (g_thread_self () == self->owner && g_main_context_acquire (self->context))
    {
      emit_now (self, coalesced);
      g_main_context_release (self->context);
    }
  else
    {
      g_autoptr(GSource) source = g_idle_source_new ();
      Emission *emission = g_new0 (Emission, 1);

      emission->store = g_object_ref (self);
      emission->changes = g_steal_pointer (&coalesced);
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, emit_idle, emission, emission_free);
      g_source_set_static_name (source, "[hubdesk] store changed");
      g_source_attach (source, self->context);
    }
}

/* ---- per-entity SQL ---- */

static void
entity_sql_init (EntitySql *es,
                 HdEntity   entity)
{
  const HdEntityInfo *info = hd_entity_info (entity);
  g_autoptr(GString) columns = g_string_new (COMMON_COLUMNS);
  g_autoptr(GString) names = g_string_new ("id, hub_id, version, created_at, updated_at, "
                                           "updated_by, deleted, sync_state, base, "
                                           "reject_reason, sort_key");
  g_autoptr(GString) values = g_string_new ("?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?");
  g_autoptr(GString) updates = g_string_new ("hub_id = excluded.hub_id, "
                                             "version = excluded.version, "
                                             "created_at = excluded.created_at, "
                                             "updated_at = excluded.updated_at, "
                                             "updated_by = excluded.updated_by, "
                                             "deleted = excluded.deleted, "
                                             "sync_state = excluded.sync_state, "
                                             "base = excluded.base, "
                                             "reject_reason = excluded.reject_reason, "
                                             "sort_key = excluded.sort_key");
  g_autoptr(GString) text = g_string_new (NULL);

  es->table = hd_db_quote_identifier (info->name);
  if (hd_store_schema_searchable (entity))
    {
      g_autofree char *fts = g_strconcat (info->name, "_fts", NULL);
      es->fts = hd_db_quote_identifier (fts);
    }

  es->archived = -1;
  es->status = -1;
  es->time_field = -1;
  es->ends_at = -1;
  es->recurrence = -1;

  for (guint i = 0; i < info->n_fields; i++)
    {
      const HdField *field = &info->fields[i];
      g_autofree char *name = hd_db_quote_identifier (field->name);

      g_string_append_printf (columns, ", t.%s", name);
      g_string_append_printf (names, ", %s", name);
      g_string_append (values, ", ?");
      g_string_append_printf (updates, ", %s = excluded.%s", name, name);

      if ((field->type == HD_TYPE_STRING || field->type == HD_TYPE_TEXT))
        g_string_append_printf (text, "%sCOALESCE(t.%s, '')",
                                text->len > 0 ? " || ' ' || " : "", name);
    }

  es->archived = hd_entity_field_index (entity, "archived");
  es->status = hd_entity_field_index (entity, "status");
  es->ends_at = hd_entity_field_index (entity, "ends_at");
  es->recurrence = hd_entity_field_index (entity, "recurrence");
  es->time_field = hd_entity_field_index (entity, "starts_at");
  if (es->time_field < 0)
    es->time_field = hd_entity_field_index (entity, "occurred_on");
  if (es->time_field < 0)
    es->time_field = hd_entity_field_index (entity, "registered_at");
  if (es->time_field < 0)
    es->ends_at = -1;
  es->sort_key = hd_store_schema_has_sort_key (entity);
  es->cross_hub_key = hd_store_schema_has_cross_hub_key (entity);
  if (es->cross_hub_key)
    {
      g_string_append (names, ", cross_hub_key");
      g_string_append (values, ", ?");
      g_string_append (updates, ", cross_hub_key = excluded.cross_hub_key");
    }

  es->columns = g_strdup (columns->str);
  /* OR ROLLBACK: a failed write ends the whole transaction anyway, and
   * SQLite then needs no statement journal, which would copy every page a
   * statement touches. */
  es->insert = g_strdup_printf ("INSERT OR ROLLBACK INTO %s (%s) VALUES (%s)",
                                es->table, names->str, values->str);
  es->upsert = g_strdup_printf ("INSERT OR ROLLBACK INTO %s (%s) VALUES (%s) "
                                "ON CONFLICT (id) DO UPDATE SET %s",
                                es->table, names->str, values->str, updates->str);
  es->select_by_id = g_strdup_printf ("SELECT %s, t.base, t.reject_reason, t.rowid "
                                      "FROM %s AS t WHERE t.id = ?",
                                      es->columns, es->table);
  es->probe = g_strdup_printf ("SELECT rowid, sync_state FROM %s WHERE id = ?", es->table);
  es->delete_by_id = g_strdup_printf ("DELETE FROM %s WHERE id = ?", es->table);
  /* A SYNCED row is its own base (see base_before_edit ()). */
  es->set_state = g_strdup_printf ("UPDATE %s SET sync_state = ?1, reject_reason = ?2, "
                                   "base = CASE WHEN ?1 = %d THEN NULL ELSE base END "
                                   "WHERE id = ?3", es->table, HD_SYNC_SYNCED);
  es->mark_synced = g_strdup_printf ("UPDATE %s SET sync_state = %d, base = NULL WHERE id = ?1 "
                                     "AND sync_state = %d AND NOT EXISTS "
                                     "(SELECT 1 FROM outbox WHERE record_id = ?1)",
                                     es->table, HD_SYNC_SYNCED, HD_SYNC_PENDING);
  es->max_rowid = g_strdup_printf ("SELECT COALESCE(max(rowid), 0) FROM %s", es->table);
  {
    /* Synced, nothing in the outbox: the rows a purge may drop. */
    g_autofree char *droppable =
      g_strdup_printf ("hub_id = ?1 AND sync_state = %d AND NOT EXISTS "
                       "(SELECT 1 FROM outbox AS o WHERE o.record_id = %s.id "
                       "AND o.entity = '%s')",
                       HD_SYNC_SYNCED, es->table, info->name);

    es->purge_count = g_strdup_printf ("SELECT count(*) FROM %s WHERE deleted = 0 AND %s",
                                       es->table, droppable);
    if (es->fts != NULL)
      es->purge_fts = g_strdup_printf ("DELETE FROM %s WHERE rowid IN "
                                       "(SELECT rowid FROM %s WHERE deleted = 0 AND %s)",
                                       es->fts, es->table, droppable);
    es->purge = g_strdup_printf ("DELETE FROM %s WHERE %s", es->table, droppable);
  }
  es->live = hd_store_schema_live_condition (entity, "t");
  if (es->fts != NULL)
    {
      es->fts_delete = g_strdup_printf ("DELETE FROM %s WHERE rowid IN "
                                        "(SELECT value FROM json_each(?1))", es->fts);
      es->fts_fill = hd_store_schema_search_fill_sql (entity,
                                                      "rowid IN (SELECT value FROM json_each(?1))");
      es->fts_fill_above = hd_store_schema_search_fill_sql (entity, "rowid > ?1");
    }
  es->text_match = text->len > 0 ? g_strdup (text->str) : NULL;

  /* Who may refer to a record of this entity: every REF / REF_LIST field
   * of any entity that points here; for hubs, every record of the hub. */
  es->in_use = g_ptr_array_new_with_free_func (g_free);
  es->in_use_label = g_ptr_array_new ();
  for (guint e = 0; e < HD_N_ENTITIES; e++)
    {
      const HdEntityInfo *other = hd_entity_info ((HdEntity) e);
      g_autofree char *other_table = hd_db_quote_identifier (other->name);

      if (entity == HD_ENTITY_HUB && (HdEntity) e != HD_ENTITY_HUB)
        {
          g_ptr_array_add (es->in_use,
                           g_strdup_printf ("SELECT count(*) FROM %s "
                                            "WHERE deleted = 0 AND hub_id = ?1",
                                            other_table));
          g_ptr_array_add (es->in_use_label, (gpointer) other->label);
        }

      for (guint i = 0; i < other->n_fields; i++)
        {
          const HdField *field = &other->fields[i];
          g_autofree char *name = NULL;

          if ((field->type != HD_TYPE_REF && field->type != HD_TYPE_REF_LIST) ||
              field->ref != entity)
            continue;

          name = hd_db_quote_identifier (field->name);
          if (field->type == HD_TYPE_REF)
            g_ptr_array_add (es->in_use,
                             g_strdup_printf ("SELECT count(*) FROM %s "
                                              "WHERE deleted = 0 AND %s = ?1 "
                                              "AND id <> ?1",
                                              other_table, name));
          else
            g_ptr_array_add (es->in_use,
                             g_strdup_printf ("SELECT count(*) FROM %s AS r, "
                                              "json_each(r.%s) AS j "
                                              "WHERE r.deleted = 0 AND j.value = ?1 "
                                              "AND r.id <> ?1",
                                              other_table, name));
          g_ptr_array_add (es->in_use_label, (gpointer) other->label);
        }
    }
}

static void
entity_sql_clear (EntitySql *es)
{
  g_clear_pointer (&es->table, g_free);
  g_clear_pointer (&es->fts, g_free);
  g_clear_pointer (&es->columns, g_free);
  g_clear_pointer (&es->insert, g_free);
  g_clear_pointer (&es->upsert, g_free);
  g_clear_pointer (&es->select_by_id, g_free);
  g_clear_pointer (&es->probe, g_free);
  g_clear_pointer (&es->delete_by_id, g_free);
  g_clear_pointer (&es->set_state, g_free);
  g_clear_pointer (&es->mark_synced, g_free);
  g_clear_pointer (&es->fts_delete, g_free);
  g_clear_pointer (&es->fts_fill, g_free);
  g_clear_pointer (&es->fts_fill_above, g_free);
  g_clear_pointer (&es->max_rowid, g_free);
  g_clear_pointer (&es->purge_count, g_free);
  g_clear_pointer (&es->purge_fts, g_free);
  g_clear_pointer (&es->purge, g_free);
  g_clear_pointer (&es->live, g_free);
  g_clear_pointer (&es->text_match, g_free);
  g_clear_pointer (&es->in_use, g_ptr_array_unref);
  g_clear_pointer (&es->in_use_label, g_ptr_array_unref);
}

/* ---- rows ---- */

static HdRecord *
read_record (sqlite3_stmt *stmt,
             HdEntity      entity)
{
  const HdEntityInfo *info = hd_entity_info (entity);
  HdRecord *record;

  record = hd_record_new_empty (entity, column_text (stmt, COL_ID));
  hd_record_set_hub_id (record, column_text (stmt, COL_HUB_ID));
  hd_record_set_version (record, sqlite3_column_int64 (stmt, COL_VERSION));
  hd_record_set_meta (record,
                      column_text (stmt, COL_CREATED_AT),
                      column_text (stmt, COL_UPDATED_AT),
                      column_text (stmt, COL_UPDATED_BY));
  hd_record_set_deleted (record, sqlite3_column_int (stmt, COL_DELETED) != 0);

  for (guint i = 0; i < info->n_fields; i++)
    hd_record_set (record, i,
                   hd_db_column_value (stmt, COL_FIELDS + (int) i, &info->fields[i]));

  return record;
}

typedef struct {
  HdRecord    *record;
  HdSyncState  state;
  char        *base;
  char        *reject_reason;
  gint64       rowid;
} StoredRow;

static void
stored_row_clear (StoredRow *row)
{
  g_clear_pointer (&row->record, hd_record_unref);
  g_clear_pointer (&row->base, g_free);
  g_clear_pointer (&row->reject_reason, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StoredRow, stored_row_clear)

/* The base column holds the last server copy a record with local changes
 * was based on. A SYNCED row is that copy itself and keeps no second one
 * (NULL); a row no server has seen (version 0) has none. */
static char *
base_before_edit (const StoredRow *stored)
{
  if (stored->base != NULL)
    return g_strdup (stored->base);
  if (hd_record_get_version (stored->record) > 0)
    return hd_record_to_json_string (stored->record);
  return NULL;
}

/* The fields of @record that differ from the server copy @stored is
 * based on: all fields it has when there is none. */
static HdRecord *
changes_against_base (const StoredRow  *stored,
                      const HdRecord   *record,
                      GError          **error)
{
  HdEntity entity = hd_record_get_entity (record);
  const HdEntityInfo *info = hd_entity_info (entity);
  g_autofree char *base_json = base_before_edit (stored);
  g_autoptr(HdRecord) base = NULL;
  HdRecord *delta;
  guint64 mask;

  if (base_json == NULL)
    return hd_record_copy (record);

  base = hd_record_from_json_string (base_json, strlen (base_json), NULL);
  if (base == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_CORRUPT,
                   _("The server’s copy of this record (%s) cannot be read."),
                   hd_entity_label (entity));
      return NULL;
    }

  /* A field the base lacks (a tombstone has none) differs from it. */
  mask = hd_record_diff (base, record) |
         (hd_record_get_present (record) & ~hd_record_get_present (base));
  delta = hd_record_new_empty (entity, hd_record_get_id (record));
  for (guint i = 0; i < info->n_fields; i++)
    {
      if (mask & BIT (i))
        hd_record_set (delta, i, hd_record_get (record, i));
    }

  return delta;
}

/* Loads a row, tombstones included. FALSE with no error: no such row. */
static gboolean
load_row (HdStore     *self,
          HdEntity     entity,
          const char  *id,
          StoredRow   *row,
          GError     **error)
{
  EntitySql *es = &self->sql[entity];
  const HdEntityInfo *info = hd_entity_info (entity);
  g_autoptr(HdCachedStmt) stmt = cached (self, es->select_by_id, error);
  int column = COL_FIELDS + (int) info->n_fields;
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return FALSE;
  if (rc != SQLITE_ROW)
    return sql_error (self, error, rc);

  row->record = read_record (stmt, entity);
  row->state = (HdSyncState) sqlite3_column_int (stmt, COL_SYNC_STATE);
  row->base = g_strdup (column_text (stmt, column));
  row->reject_reason = g_strdup (column_text (stmt, column + 1));
  row->rowid = sqlite3_column_int64 (stmt, column + 2);

  return TRUE;
}

/* Notes that the search row of @rowid must be written again before the
 * commit (dropped first unless the row is new). */
static void
update_search (HdStore  *self,
               HdEntity  entity,
               gint64    rowid,
               gboolean  is_new)
{
  if (self->sql[entity].fts == NULL || self->search_deferred)
    return;

  if (!is_new)
    g_array_append_val (self->search_stale[entity], rowid);
  g_array_append_val (self->search_fresh[entity], rowid);
}

static char *
rowids_json (GArray *rowids)
{
  GString *json = g_string_sized_new (rowids->len * 8 + 2);

  g_string_append_c (json, '[');
  for (guint i = 0; i < rowids->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (rowids, gint64, i));
  g_string_append_c (json, ']');

  return g_string_free (json, FALSE);
}

static gboolean
run_rowids (HdStore     *self,
            const char  *sql,
            GArray      *rowids,
            GError     **error)
{
  g_autoptr(HdCachedStmt) stmt = NULL;
  g_autofree char *json = NULL;

  if (rowids->len == 0)
    return TRUE;

  stmt = cached (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  json = rowids_json (rowids);
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);

  return step_done (self, stmt, error);
}

static void
search_forget (HdStore *self)
{
  for (guint e = 0; e < HD_N_ENTITIES; e++)
    {
      g_array_set_size (self->search_stale[e], 0);
      g_array_set_size (self->search_fresh[e], 0);
    }
}

/* Brings the search rows of the open transaction up to date. */
static gboolean
flush_search (HdStore  *self,
              GError  **error)
{
  for (guint e = 0; e < HD_N_ENTITIES; e++)
    {
      EntitySql *es = &self->sql[e];

      if (es->fts == NULL)
        continue;
      if (!run_rowids (self, es->fts_delete, self->search_stale[e], error) ||
          !run_rowids (self, es->fts_fill, self->search_fresh[e], error))
        return FALSE;
    }

  return TRUE;
}

/* Writes every column of @record. *inout_rowid is the rowid of the row
 * the record has (its rowid never changes), or 0 for a new row, which
 * gets it set. */
static gboolean
write_row (HdStore         *self,
           const HdRecord  *record,
           HdSyncState      state,
           const char      *base,
           const char      *reject_reason,
           gboolean         insert_only,
           gint64          *inout_rowid,
           GError         **error)
{
  HdEntity entity = hd_record_get_entity (record);
  const HdEntityInfo *info = hd_entity_info (entity);
  EntitySql *es = &self->sql[entity];
  g_autoptr(HdCachedStmt) stmt = cached (self, insert_only ? es->insert : es->upsert, error);
  g_autofree char *sort_key = NULL;
  g_autofree char *cross_hub_key = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;

  if (es->sort_key)
    sort_key = hd_store_sort_key (record);
  if (es->cross_hub_key)
    cross_hub_key = hd_store_cross_hub_key (record);

  /* Everything bound lives until the statement is reset below. */
  bind_static (stmt, P_ID, hd_record_get_id (record));
  bind_static (stmt, P_HUB_ID, hd_record_get_hub_id (record));
  sqlite3_bind_int64 (stmt, P_VERSION, hd_record_get_version (record));
  bind_static (stmt, P_CREATED_AT, hd_record_get_created_at (record));
  bind_static (stmt, P_UPDATED_AT, hd_record_get_updated_at (record));
  bind_static (stmt, P_UPDATED_BY, hd_record_get_updated_by (record));
  sqlite3_bind_int (stmt, P_DELETED, hd_record_get_deleted (record) ? 1 : 0);
  sqlite3_bind_int (stmt, P_SYNC_STATE, (int) state);
  bind_static (stmt, P_BASE, base);
  bind_static (stmt, P_REJECT_REASON, reject_reason);
  bind_static (stmt, P_SORT_KEY, sort_key);

  for (guint i = 0; i < info->n_fields; i++)
    {
      GVariant *value = hd_record_get (record, i);

      if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        rc = sqlite3_bind_text (stmt, P_FIELDS + (int) i,
                                g_variant_get_string (value, NULL), -1, SQLITE_STATIC);
      else
        rc = hd_db_bind_value (stmt, P_FIELDS + (int) i, &info->fields[i], value);
      if (rc != SQLITE_OK)
        return sql_error (self, error, rc);
    }
  if (es->cross_hub_key)
    bind_static (stmt, P_FIELDS + (int) info->n_fields, cross_hub_key);

  if (!step_done (self, stmt, error))
    return FALSE;

  if (*inout_rowid <= 0)
    *inout_rowid = sqlite3_last_insert_rowid (self->db);

  return TRUE;
}

static char *
json_object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

static gboolean
write_outbox (HdStore         *self,
              const HdRecord  *record,
              gboolean         is_delete,
              gint64           base_version,
              const HdRecord  *changes,
              const char      *now,
              GError         **error)
{
  g_autoptr(HdCachedStmt) stmt = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autofree char *json = NULL;

  stmt = cached (self,
                 "INSERT INTO outbox (entity, record_id, hub_id, op, base_version, "
                 "fields, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                 error);
  if (stmt == NULL)
    return FALSE;

  if (changes != NULL)
    {
      fields = hd_record_fields_to_json (changes);
      json = json_object_to_string (fields);
    }

  bind_text (stmt, 1, hd_entity_name (hd_record_get_entity (record)));
  bind_text (stmt, 2, hd_record_get_id (record));
  bind_text (stmt, 3, hd_record_get_hub_id (record));
  bind_text (stmt, 4, is_delete ? "delete" : "upsert");
  sqlite3_bind_int64 (stmt, 5, base_version);
  bind_text (stmt, 6, json != NULL ? json : "{}");
  bind_text (stmt, 7, now);

  return step_done (self, stmt, error);
}

/* Whether the profile is bound to a server (meta "server_url" set). */
static gboolean
is_bound_locked (HdStore *self)
{
  g_autoptr(HdCachedStmt) stmt = cached (self,
                                         "SELECT 1 FROM meta WHERE key = 'server_url' "
                                         "AND value IS NOT NULL AND value <> ''",
                                         NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW;
}

static gboolean
set_meta_locked (HdStore     *self,
                 const char  *key,
                 const char  *value,
                 GError     **error)
{
  g_autoptr(HdCachedStmt) stmt = NULL;

  if (value == NULL)
    stmt = cached (self, "DELETE FROM meta WHERE key = ?", error);
  else
    stmt = cached (self,
                   "INSERT INTO meta (key, value) VALUES (?, ?) "
                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                   error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, key);
  if (value != NULL)
    bind_text (stmt, 2, value);

  return step_done (self, stmt, error);
}

static char *
get_meta_locked (HdStore    *self,
                 const char *key)
{
  g_autoptr(HdCachedStmt) stmt = cached (self, "SELECT value FROM meta WHERE key = ?", NULL);

  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup (column_text (stmt, 0));

  return NULL;
}

/* ---- writes ---- */

/* Creates or updates @record (validated by the caller) inside the open
 * transaction. */
static gboolean
save_locked (HdStore   *self,
             HdRecord  *record,
             GArray    *changes,
             GError   **error)
{
  HdEntity entity = hd_record_get_entity (record);
  const HdEntityInfo *info = hd_entity_info (entity);
  g_auto(StoredRow) stored = { NULL, };
  g_autoptr(HdRecord) merged = NULL;
  g_autoptr(HdRecord) delta = NULL;
  g_autofree char *now = hd_timestamp_now ();
  g_autofree char *base = NULL;
  GError *local = NULL;
  gboolean exists;
  gboolean local_only = FALSE;
  HdSyncState state;
  gint64 rowid = 0;

  if (info->read_only)
    {
      if (is_bound_locked (self))
        {
          g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_READ_ONLY,
                       _("Hubs are managed on the server; they cannot be "
                         "changed here."));
          return FALSE;
        }
      /* A standalone profile makes its own hubs; they stay local until
       * the profile is connected to a server. */
      local_only = TRUE;
    }

  exists = load_row (self, entity, hd_record_get_id (record), &stored, &local);
  if (local != NULL)
    return propagate_error (error, local);

  if (exists && hd_record_get_deleted (stored.record))
    return not_found (error, entity);

  if (!exists)
    {
      merged = hd_record_copy (record);
      hd_record_set_version (merged, 0);
      hd_record_set_deleted (merged, FALSE);
      hd_record_set_meta (merged, now, now, NULL);
      /* A new record goes out whole: every field it has. */
      delta = hd_record_copy (merged);
      state = local_only ? HD_SYNC_LOCAL : HD_SYNC_PENDING;
    }
  else
    {
      guint64 mask;
      gboolean hub_moved;

      merged = hd_record_copy (stored.record);
      for (guint i = 0; i < info->n_fields; i++)
        {
          if (hd_record_has (record, i))
            hd_record_set (merged, i, hd_record_get (record, i));
        }
      hd_record_set_hub_id (merged, hd_record_get_hub_id (record));

      mask = hd_record_diff (stored.record, merged);
      hub_moved = g_strcmp0 (hd_record_get_hub_id (stored.record),
                             hd_record_get_hub_id (merged)) != 0;
      /* Saving a rejected record, even unchanged, sends it again. */
      if (mask == 0 && !hub_moved && stored.state != HD_SYNC_REJECTED)
        {
          /* Nothing changed: nothing to write, nothing to send. */
          hd_record_set_version (record, hd_record_get_version (stored.record));
          hd_record_set_meta (record,
                              hd_record_get_created_at (stored.record),
                              hd_record_get_updated_at (stored.record),
                              hd_record_get_updated_by (stored.record));
          return TRUE;
        }

      hd_record_set_meta (merged,
                          hd_record_get_created_at (stored.record),
                          now,
                          hd_record_get_updated_by (stored.record));

      if (stored.state == HD_SYNC_LOCAL && !local_only)
        {
          /* No server has seen this record: its first entry carries all
           * of it. */
          delta = hd_record_copy (merged);
        }
      else if (stored.state == HD_SYNC_REJECTED && !local_only)
        {
          /* The server refused the last change and holds none of it: the
           * entry carries everything that differs from its copy (all of
           * the record when it has none), not only this edit. */
          delta = changes_against_base (&stored, merged, error);
          if (delta == NULL)
            return FALSE;
        }
      else
        {
          delta = hd_record_new_empty (entity, hd_record_get_id (record));
          for (guint i = 0; i < info->n_fields; i++)
            {
              if (mask & BIT (i))
                hd_record_set (delta, i, hd_record_get (merged, i));
            }
        }

      if (local_only)
        state = HD_SYNC_LOCAL;
      else if (stored.state == HD_SYNC_CONFLICT)
        state = HD_SYNC_CONFLICT;  /* still waits for the user */
      else
        state = HD_SYNC_PENDING;
    }

  if (exists)
    {
      base = base_before_edit (&stored);
      rowid = stored.rowid;
    }

  if (!write_row (self, merged, state, base, NULL, FALSE, &rowid, &local))
    return propagate_error (error, local);
  update_search (self, entity, rowid, !exists);

  if (!local_only &&
      !write_outbox (self, merged, FALSE,
                     exists ? hd_record_get_version (stored.record) : 0,
                     delta, now, &local))
    return propagate_error (error, local);

  hd_record_set_version (record, hd_record_get_version (merged));
  hd_record_set_meta (record,
                      hd_record_get_created_at (merged),
                      hd_record_get_updated_at (merged),
                      hd_record_get_updated_by (merged));

  changes_add (changes, entity, hd_record_get_id (record));
  return TRUE;
}

/* The model's validation, refusing with its own error and words. */
static gboolean
check_record (HdRecord  *record,
              GError   **error)
{
  /* A hub belongs to itself. */
  if (hd_record_get_entity (record) == HD_ENTITY_HUB &&
      hd_record_get_hub_id (record) == NULL &&
      hd_record_get_id (record) != NULL)
    hd_record_set_hub_id (record, hd_record_get_id (record));

  return hd_record_validate (record, TRUE, NULL, error);
}

/* Runs @func inside one BEGIN IMMEDIATE … COMMIT with the lock held and
 * emits the changes it collected after the commit. */
typedef gboolean (*WriteFunc) (HdStore  *self,
                               gpointer  data,
                               GArray   *changes,
                               GError  **error);

typedef enum {
  WRITE_EDIT,     /* a change made here: waits for the disk, ends a bulk load */
  WRITE_META,     /* bookkeeping that leaves the records alone */
  WRITE_PULLED,   /* server pages: does not wait for the disk */
} WriteMode;

static gboolean
run_write_full (HdStore    *self,
                WriteFunc   func,
                gpointer    data,
                WriteMode   mode,
                GError    **error)
{
  g_autoptr(GArray) changes = changes_new ();
  GError *local = NULL;
  gboolean sync = mode != WRITE_PULLED;
  gboolean ok;

  g_mutex_lock (&self->lock);

  /* From here on a row may hold local changes: pages take the full path. */
  if (mode == WRITE_EDIT)
    memset (self->bulk, 0, sizeof self->bulk);
  self->staged = FALSE;

  /* Commits wait for the disk (synchronous=FULL), except pages pulled
   * from the server: should a power cut take the last of them, they are
   * pulled again (their cursor is in the same transaction), and the next
   * synced commit makes everything before it in the WAL durable too. */
  if (!sync)
    hd_db_exec (self->db, "PRAGMA synchronous = NORMAL", NULL);

  ok = hd_db_begin (self->db, &local);
  if (ok)
    {
      ok = func (self, data, changes, &local) &&
           flush_search (self, &local) &&
           hd_db_commit (self->db, &local);
      if (!ok)
        hd_db_rollback (self->db);
    }
  search_forget (self);

  if (ok && self->staged)
    {
      gboolean any_bulk = FALSE;

      self->search_deferred = self->staged_deferred;
      memcpy (self->bulk, self->staged_bulk, sizeof self->bulk);
      for (guint e = 0; e < HD_N_ENTITIES; e++)
        {
          self->bulk_search[e] = self->bulk[e] && self->sql[e].fts != NULL;
          self->bulk_indexed_upto[e] = 0;
          any_bulk |= self->bulk[e];
        }

      hd_db_exec (self->db,
                  any_bulk ? "PRAGMA wal_autocheckpoint = " G_STRINGIFY (HD_STORE_BULK_CHECKPOINT_PAGES)
                           : "PRAGMA wal_autocheckpoint = " G_STRINGIFY (HD_STORE_CHECKPOINT_PAGES),
                  NULL);
    }
  else if (!ok)
    {
      memset (self->bulk, 0, sizeof self->bulk);
    }
  self->staged = FALSE;

  if (!sync)
    hd_db_exec (self->db, "PRAGMA synchronous = FULL", NULL);

  g_mutex_unlock (&self->lock);

  if (!ok)
    return propagate_error (error, local);

  emit_changes (self, changes);
  return TRUE;
}

static gboolean
run_write (HdStore    *self,
           WriteFunc   func,
           gpointer    data,
           GError    **error)
{
  return run_write_full (self, func, data, WRITE_EDIT, error);
}

static gboolean
save_write (HdStore  *self,
            gpointer  data,
            GArray   *changes,
            GError  **error)
{
  return save_locked (self, data, changes, error);
}

gboolean
hd_store_save (HdStore   *self,
               HdRecord  *record,
               GError   **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (!check_record (record, error))
    return FALSE;

  return run_write (self, save_write, record, error);
}

typedef struct {
  HdEntity    entity;
  const char *id;
  gboolean    archived;
} ArchiveArgs;

static gboolean
archive_write (HdStore  *self,
               gpointer  data,
               GArray   *changes,
               GError  **error)
{
  ArchiveArgs *args = data;
  g_auto(StoredRow) stored = { NULL, };
  g_autoptr(HdRecord) record = NULL;
  GError *local = NULL;

  if (!load_row (self, args->entity, args->id, &stored, &local) ||
      hd_record_get_deleted (stored.record))
    return local != NULL ? propagate_error (error, local) : not_found (error, args->entity);

  record = hd_record_copy (stored.record);
  hd_record_set_bool (record, "archived", args->archived);
  if (!check_record (record, error))
    return FALSE;

  return save_locked (self, record, changes, error);
}

gboolean
hd_store_set_archived (HdStore     *self,
                       HdEntity     entity,
                       const char  *id,
                       gboolean     archived,
                       GError     **error)
{
  ArchiveArgs args = { entity, id, archived };

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (entity < HD_N_ENTITIES, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (self->sql[entity].archived < 0)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_FAILED,
                   _("Records of this kind (%s) cannot be archived."),
                   hd_entity_label (entity));
      return FALSE;
    }

  return run_write (self, archive_write, &args, error);
}

static gboolean
check_in_use_locked (HdStore     *self,
                     HdEntity     entity,
                     const char  *id,
                     GError     **error)
{
  EntitySql *es = &self->sql[entity];

  for (guint i = 0; i < es->in_use->len; i++)
    {
      g_autoptr(HdCachedStmt) stmt = cached (self, es->in_use->pdata[i], error);
      gint64 n;
      int rc;

      if (stmt == NULL)
        return FALSE;

      bind_text (stmt, 1, id);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        return sql_error (self, error, rc);

      n = sqlite3_column_int64 (stmt, 0);
      if (n > 0)
        {
          const char *label = g_dgettext (GETTEXT_PACKAGE, es->in_use_label->pdata[i]);

          int count = (int) MIN (n, G_MAXINT);

          g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_IN_USE,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "This record is still in use by %d other record "
                                    "(%s). Archive it instead of deleting it.",
                                    "This record is still in use by %d other records "
                                    "(%s). Archive it instead of deleting it.",
                                    (gulong) count),
                       count, label);
          return FALSE;
        }
    }

  return TRUE;
}

typedef struct {
  HdEntity    entity;
  const char *id;
} DeleteArgs;

static gboolean
delete_write (HdStore  *self,
              gpointer  data,
              GArray   *changes,
              GError  **error)
{
  DeleteArgs *args = data;
  const HdEntityInfo *info = hd_entity_info (args->entity);
  EntitySql *es = &self->sql[args->entity];
  g_auto(StoredRow) stored = { NULL, };
  g_autoptr(HdRecord) tombstone = NULL;
  g_autofree char *now = hd_timestamp_now ();
  GError *local = NULL;
  gint64 rowid;

  if (info->read_only && is_bound_locked (self))
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_READ_ONLY,
                   _("Hubs are managed on the server; they cannot be "
                     "deleted here."));
      return FALSE;
    }

  if (!load_row (self, args->entity, args->id, &stored, &local) ||
      hd_record_get_deleted (stored.record))
    return local != NULL ? propagate_error (error, local) : not_found (error, args->entity);

  if (!check_in_use_locked (self, args->entity, args->id, error))
    return FALSE;

  if (stored.state == HD_SYNC_LOCAL)
    {
      g_autoptr(HdCachedStmt) stmt = NULL;

      /* No server knows this record: it simply goes. */
      stmt = cached (self, es->delete_by_id, &local);
      if (stmt == NULL)
        return propagate_error (error, local);
      bind_text (stmt, 1, args->id);
      if (!step_done (self, stmt, &local))
        return propagate_error (error, local);
      update_search (self, args->entity, stored.rowid, FALSE);
    }
  else
    {
      g_autofree char *base = base_before_edit (&stored);

      rowid = stored.rowid;
      tombstone = hd_record_copy (stored.record);
      hd_record_set_deleted (tombstone, TRUE);
      hd_record_set_meta (tombstone,
                          hd_record_get_created_at (stored.record), now,
                          hd_record_get_updated_by (stored.record));

      if (!write_row (self, tombstone, HD_SYNC_PENDING, base, NULL, FALSE,
                      &rowid, &local) ||
          !write_outbox (self, tombstone, TRUE, hd_record_get_version (stored.record),
                         NULL, now, &local))
        return propagate_error (error, local);
      update_search (self, args->entity, rowid, FALSE);
    }

  changes_add (changes, args->entity, args->id);
  return TRUE;
}

gboolean
hd_store_delete (HdStore     *self,
                 HdEntity     entity,
                 const char  *id,
                 GError     **error)
{
  DeleteArgs args = { entity, id };

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (entity < HD_N_ENTITIES, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return run_write (self, delete_write, &args, error);
}

static gboolean
insert_many_write (HdStore  *self,
                   gpointer  data,
                   GArray   *changes,
                   GError  **error)
{
  GPtrArray *records = data;
  g_autoptr(GArray) rowids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), records->len);
  g_autofree char *now = hd_timestamp_now ();
  gboolean touched[HD_N_ENTITIES] = { FALSE, };
  GError *local = NULL;

  if (is_bound_locked (self))
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_READ_ONLY,
                   _("Records can be added in bulk only to a profile that is "
                     "not connected to a server."));
      return FALSE;
    }

  for (guint i = 0; i < records->len; i++)
    {
      HdRecord *record = records->pdata[i];
      gint64 rowid = 0;

      if (hd_record_get_created_at (record) == NULL)
        hd_record_set_meta (record, now, now, NULL);

      if (!write_row (self, record, HD_SYNC_LOCAL, NULL, NULL, TRUE, &rowid, &local))
        return propagate_error (error, local);

      g_array_append_val (rowids, rowid);
      touched[hd_record_get_entity (record)] = TRUE;
    }

  for (guint i = 0; i < records->len; i++)
    update_search (self, hd_record_get_entity (records->pdata[i]),
                   g_array_index (rowids, gint64, i), TRUE);

  for (guint e = 0; e < HD_N_ENTITIES; e++)
    {
      if (touched[e])
        changes_add (changes, (HdEntity) e, NULL);
    }

  return TRUE;
}

gboolean
hd_store_insert_many (HdStore    *self,
                      GPtrArray  *records,
                      GError    **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (records != NULL, FALSE);

  for (guint i = 0; i < records->len; i++)
    {
      if (!check_record (records->pdata[i], error))
        return FALSE;
    }

  if (records->len == 0)
    return TRUE;

  return run_write (self, insert_many_write, records, error);
}

typedef struct {
  GPtrArray  *saves;
  GPtrArray  *deletes;
  const char *meta_key;
  const char *meta_value;
} WriteManyArgs;

static gboolean
write_many_write (HdStore  *self,
                  gpointer  data,
                  GArray   *changes,
                  GError  **error)
{
  WriteManyArgs *args = data;

  for (guint i = 0; args->saves != NULL && i < args->saves->len; i++)
    {
      if (!save_locked (self, args->saves->pdata[i], changes, error))
        return FALSE;
    }

  for (guint i = 0; args->deletes != NULL && i < args->deletes->len; i++)
    {
      HdRecord *record = args->deletes->pdata[i];
      DeleteArgs del = { hd_record_get_entity (record), hd_record_get_id (record) };

      if (!delete_write (self, &del, changes, error))
        return FALSE;
    }

  if (args->meta_key != NULL &&
      !set_meta_locked (self, args->meta_key, args->meta_value, error))
    return FALSE;

  return TRUE;
}

gboolean
hd_store_write_many (HdStore     *self,
                     GPtrArray   *saves,
                     GPtrArray   *deletes,
                     const char  *meta_key,
                     const char  *meta_value,
                     GError     **error)
{
  WriteManyArgs args = { saves, deletes, meta_key, meta_value };

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);

  for (guint i = 0; saves != NULL && i < saves->len; i++)
    {
      if (!check_record (saves->pdata[i], error))
        return FALSE;
    }

  return run_write (self, write_many_write, &args, error);
}

/* ---- reads ---- */

HdRecord *
hd_store_get (HdStore     *self,
              HdEntity     entity,
              const char  *id,
              GError     **error)
{
  g_auto(StoredRow) stored = { NULL, };
  GError *local = NULL;
  gboolean found;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (entity < HD_N_ENTITIES, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  g_mutex_lock (&self->lock);
  found = load_row (self, entity, id, &stored, &local);
  g_mutex_unlock (&self->lock);

  if (local != NULL)
    {
      propagate_error (error, local);
      return NULL;
    }

  if (!found || hd_record_get_deleted (stored.record))
    {
      not_found (error, entity);
      return NULL;
    }

  return g_steal_pointer (&stored.record);
}

HdSyncState
hd_store_get_sync_state (HdStore     *self,
                         HdEntity     entity,
                         const char  *id)
{
  g_auto(StoredRow) stored = { NULL, };
  HdSyncState state = HD_SYNC_LOCAL;

  g_return_val_if_fail (HD_IS_STORE (self), HD_SYNC_LOCAL);
  g_return_val_if_fail (entity < HD_N_ENTITIES, HD_SYNC_LOCAL);

  g_mutex_lock (&self->lock);
  if (load_row (self, entity, id, &stored, NULL))
    state = stored.state;
  g_mutex_unlock (&self->lock);

  return state;
}

char *
hd_store_get_reject_reason (HdStore     *self,
                            HdEntity     entity,
                            const char  *id)
{
  g_auto(StoredRow) stored = { NULL, };
  char *reason = NULL;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (entity < HD_N_ENTITIES, NULL);

  g_mutex_lock (&self->lock);
  if (load_row (self, entity, id, &stored, NULL))
    reason = g_steal_pointer (&stored.reject_reason);
  g_mutex_unlock (&self->lock);

  return reason;
}

HdRecord *
hd_store_get_base (HdStore     *self,
                   HdEntity     entity,
                   const char  *id,
                   GError     **error)
{
  g_auto(StoredRow) stored = { NULL, };
  GError *local = NULL;
  gboolean found;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (entity < HD_N_ENTITIES, NULL);

  g_mutex_lock (&self->lock);
  found = load_row (self, entity, id, &stored, &local);
  g_mutex_unlock (&self->lock);

  if (local != NULL)
    {
      propagate_error (error, local);
      return NULL;
    }
  if (!found)
    {
      not_found (error, entity);
      return NULL;
    }
  if (stored.base == NULL)
    {
      /* A synced row is its own base; one never on a server has none. */
      if (stored.state == HD_SYNC_SYNCED && hd_record_get_version (stored.record) > 0)
        return g_steal_pointer (&stored.record);
      return NULL;
    }

  return hd_record_from_json_string (stored.base, strlen (stored.base), error);
}

/* ---- queries ---- */

/* Splits user input into words of letters and digits: everything else,
 * quotes, stars, brackets, separates words and never reaches the FTS
 * syntax. */
static GPtrArray *
search_words (const char *search)
{
  g_autofree char *nfc = NULL;
  g_autofree char *lower = NULL;
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  GString *word = g_string_new (NULL);

  if (search == NULL || !g_utf8_validate (search, -1, NULL))
    {
      g_string_free (word, TRUE);
      return words;
    }

  nfc = g_utf8_normalize (search, -1, G_NORMALIZE_NFC);
  lower = g_utf8_strdown (nfc, -1);

  for (const char *p = lower; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && (g_unichar_isalnum (c) || g_unichar_ismark (c)))
        {
          g_string_append_unichar (word, c);
          continue;
        }

      if (word->len > 0)
        {
          g_ptr_array_add (words, g_strdup (word->str));
          g_string_truncate (word, 0);
        }

      if (c == 0)
        break;
    }

  g_string_free (word, TRUE);
  return words;
}

/* A quoted FTS5 string: nothing in it is syntax. */
static void
append_fts_string (GString    *out,
                   const char *word,
                   gboolean    prefix)
{
  g_string_append_c (out, '"');
  for (const char *p = word; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append (out, prefix ? "\"*" : "\"");
}

/* "müller anna" → ("müller"* OR "mueller"*) AND "anna"* */
static char *
fts_expression (GPtrArray *words)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < words->len; i++)
    {
      const char *word = words->pdata[i];
      g_autofree char *folded = hd_store_fold_umlauts (word);

      if (i > 0)
        g_string_append (out, " AND ");

      if (g_str_equal (folded, word))
        {
          append_fts_string (out, word, TRUE);
        }
      else
        {
          g_string_append_c (out, '(');
          append_fts_string (out, word, TRUE);
          g_string_append (out, " OR ");
          append_fts_string (out, folded, TRUE);
          g_string_append_c (out, ')');
        }
    }

  return g_string_free (out, FALSE);
}

/* The whole MATCH expression: the words in the text columns only, the
 * hub and the archived state from "meta" (see hd-store-schema.c). */
/* The search index's token for the filter @where ("field=value"), or
 * NULL when the index holds none for it (a reference, no value). */
static char *
filter_token (HdEntity    entity,
              const char *where)
{
  const char *equals = strchr (where, '=');
  g_autofree char *field = NULL;
  int index;

  if (equals == NULL || equals[1] == '\0' || !g_utf8_validate (equals + 1, -1, NULL))
    return NULL;
  field = g_strndup (where, equals - where);
  index = hd_entity_field_index (entity, field);
  if (index < 0 || !hd_store_schema_has_filter_token (hd_entity_field (entity, (guint) index)))
    return NULL;

  return hd_store_schema_filter_token (field, equals + 1);
}

static char *
fts_query (const HdQuery *query,
           EntitySql     *es,
           GPtrArray     *words)
{
  g_autofree char *terms = fts_expression (words);
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "({body folded} : (%s))", terms);

  if (query->hub_id != NULL)
    {
      GString *token = g_string_new ("hdh");

      for (const char *p = query->hub_id; *p != '\0'; p++)
        {
          if (*p != '-')
            g_string_append_c (token, *p);
        }
      g_string_append (out, " AND (meta : ");
      append_fts_string (out, token->str, FALSE);
      g_string_append_c (out, ')');
      g_string_free (token, TRUE);
    }

  if (!query->include_archived && es->archived >= 0)
    g_string_append (out, " NOT (meta : \"hdarchived\")");

  /* the list's filters, so that the index finds only rows that pass them */
  for (guint i = 0; query->where != NULL && query->where[i] != NULL; i++)
    {
      g_autofree char *token = filter_token (query->entity, query->where[i]);

      if (token == NULL)
        continue;
      g_string_append (out, " AND (meta : ");
      append_fts_string (out, token, FALSE);
      g_string_append_c (out, ')');
    }

  return g_string_free (out, FALSE);
}

static char *
like_pattern (const char *word)
{
  GString *out = g_string_new ("%");

  for (const char *p = word; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '%');

  return g_string_free (out, FALSE);
}

static gboolean
is_text_type (HdFieldType type)
{
  return type != HD_TYPE_INT && type != HD_TYPE_BOOL;
}

static gboolean
invalid_query (GError     **error,
               const char  *message)
{
  g_set_error_literal (error, HD_STORE_ERROR, HD_STORE_ERROR_FAILED, message);
  return FALSE;
}

/* The text a list column holds for @value as one element, quotes
 * included ("KI" → "\"KI\""), or NULL when it cannot be told for sure.
 * List columns are only ever written by hd_db_bind_value(), through
 * json-glib: UTF-8 as it is, '"' and '\' escaped with a backslash, control
 * characters and DEL as escapes of more than one form; those, and
 * anything that is not UTF-8, get no text (the exact test alone). */
static char *
list_element_text (const char *value)
{
  GString *out;

  if (!g_utf8_validate (value, -1, NULL))
    return NULL;

  out = g_string_new ("\"");
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c < 0x20 || c == 0x7f)
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      if (c == '"' || c == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');

  return g_string_free (out, FALSE);
}

/* " AND …" for @field_name = @value as HdQuery's ref_field and ref_id
 * filter (or a BOOL field: "true"/"false").
 *
 * How the filters stay cheap at 100,000 rows (see "Filters and search at
 * scale" in docs/decisions.md):
 * - a list (tags, consent purposes, reference lists) is JSON array text.
 *   Before json_each parses a row, instr() looks for the element's exact
 *   text (list_element_text(): quotes included, so "AI" never matches
 *   inside "KI-AI"); a row that passes still has to pass the exact
 *   json_each test, so the check only skips rows, never adds any;
 * - people's consent, purposes, tags and hub are columns of the covering
 *   "person_filters" index (schema step 6), so a count with those filters
 *   reads that index and not the table;
 * - only a count walks that index (@seek TRUE). A page keeps walking the
 *   index of its order and stops after a screenful; seeking the filter
 *   would fetch and sort every row it matches (65,000 people with consent
 *   given). Nor does a count behind a search that matches few rows
 *   (prepare_query): the search leads. Then the filter is written
 *   "+t.x = ?", which no index can serve (enums without an index of
 *   their own only: those only the filter index holds). */
static gboolean
append_ref_condition (HdEntity     entity,
                      const char  *field_name,
                      const char  *value,
                      gboolean     seek,
                      GString     *sql,
                      GPtrArray   *binds,
                      GError     **error)
{
  const HdEntityInfo *info = hd_entity_info (entity);
  int index = hd_entity_field_index (entity, field_name);
  const HdField *field = index >= 0 ? &info->fields[index] : NULL;
  g_autofree char *name = NULL;
  /* Enums filter like references, sets and tags like lists of them. */
  gboolean single = field != NULL && (field->type == HD_TYPE_REF || field->type == HD_TYPE_ENUM);

  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    return invalid_query (error, _("A filter value is not valid UTF-8 text."));

  if (field != NULL && field->type == HD_TYPE_BOOL &&
      (g_strcmp0 (value, "true") == 0 || g_strcmp0 (value, "false") == 0))
    {
      name = hd_db_quote_identifier (field->name);
      g_string_append_printf (sql, " AND COALESCE(t.%s, 0) = %d", name,
                              g_str_equal (value, "true") ? 1 : 0);
      return TRUE;
    }

  if (field == NULL ||
      (field->type != HD_TYPE_REF && field->type != HD_TYPE_REF_LIST &&
       field->type != HD_TYPE_ENUM && field->type != HD_TYPE_ENUM_SET &&
       field->type != HD_TYPE_STRV))
    return invalid_query (error, _("The records cannot be filtered by that reference."));

  name = hd_db_quote_identifier (field->name);
  if (value == NULL)
    {
      if (single)
        g_string_append_printf (sql, " AND t.%s IS NULL", name);
      else
        g_string_append_printf (sql, " AND (t.%s IS NULL OR t.%s = '[]')", name, name);
    }
  else if (single)
    {
      /* Fields with an index of their own (references, HD_FIELD_INDEX)
       * are selective: their index may always lead, as before. */
      gboolean own_index = field->type == HD_TYPE_REF || (field->flags & HD_FIELD_INDEX);

      g_string_append_printf (sql, " AND %st.%s = ?", seek || own_index ? "" : "+", name);
      g_ptr_array_add (binds, g_variant_ref_sink (g_variant_new_string (value)));
    }
  else
    {
      g_autofree char *element = list_element_text (value);

      if (element != NULL)
        {
          g_string_append_printf (sql, " AND instr(t.%s, ?) > 0", name);
          g_ptr_array_add (binds, g_variant_ref_sink (g_variant_new_string (element)));
        }
      g_string_append_printf (sql, " AND EXISTS (SELECT 1 FROM json_each(t.%s) "
                              "AS j WHERE j.value = ?)", name);
      g_ptr_array_add (binds, g_variant_ref_sink (g_variant_new_string (value)));
    }
  return TRUE;
}

/* Builds "… FROM table AS t WHERE … [ORDER BY … LIMIT … OFFSET …]" with
 * every value a parameter: no text from the query enters the SQL. */
/* @broad: the search matches many rows; the rows are then walked in the
 * order's index and checked against the matches, instead of fetching
 * and sorting every match. */
static gboolean
build_query (HdStore        *self,
             const HdQuery  *query,
             gboolean        count,
             gboolean        broad,
             GString        *sql,
             GPtrArray      *binds,
             GError        **error)
{
  HdEntity entity = query->entity;
  const HdEntityInfo *info = hd_entity_info (entity);
  EntitySql *es = &self->sql[entity];
  g_autoptr(GPtrArray) words = search_words (query->search);
  /* Whether a filter's index may lead (append_ref_condition). */
  gboolean seek = count && !(es->fts != NULL && words->len > 0 && !broad);

  if (count)
    g_string_append_printf (sql, "SELECT count(*) FROM %s AS t WHERE 1", es->table);
  else
    g_string_append_printf (sql, "SELECT %s FROM %s AS t WHERE 1", es->columns, es->table);

  /* Written as the partial indexes say it, so that they are used. */
  if (!query->include_deleted && !query->include_archived)
    {
      g_string_append_printf (sql, " AND %s", es->live);
    }
  else if (!query->include_deleted)
    {
      g_string_append (sql, " AND t.deleted = 0");
    }
  else if (!query->include_archived && es->archived >= 0)
    {
      g_autofree char *name = hd_db_quote_identifier (info->fields[es->archived].name);
      g_string_append_printf (sql, " AND COALESCE(t.%s, 0) = 0", name);
    }

  if (query->hub_id != NULL)
    {
      g_string_append (sql, " AND t.hub_id = ?");
      g_ptr_array_add (binds, g_variant_ref_sink (g_variant_new_string (query->hub_id)));
    }

  if (query->from != NULL || query->until != NULL)
    {
      const HdField *field;
      g_autofree char *name = NULL;

      if (es->time_field < 0)
        return invalid_query (error, _("These records cannot be filtered by time."));

      field = &info->fields[es->time_field];
      name = hd_db_quote_identifier (field->name);

      if (field->type == HD_TYPE_DATE)
        {
          if (query->from != NULL)
            {
              g_autofree char *day = g_strndup (query->from, 10);
              g_string_append_printf (sql, " AND t.%s >= ?", name);
              g_ptr_array_add (binds, g_variant_ref_sink (g_variant_new_string (day)));
            }
          if (query->until != NULL)
            {
              g_autofree char *day = g_strndup (query->until, 10);
              gboolean midnight = strlen (query->until) <= 10 ||
                                  g_str_has_suffix (query->until, "T00:00:00Z");

              g_string_append_printf (sql, " AND t.%s %s ?", name, midnight ? "<" : "<=");
              g_ptr_array_add (binds, g_variant_ref_sink (g_variant_new_string (day)));
            }
        }
      else if (es->ends_at >= 0)
        {
          g_autofree char *ends = hd_db_quote_identifier (info->fields[es->ends_at].name);

          if (query->until != NULL)
            {
              g_string_append_printf (sql, " AND t.%s < ?", name);
              g_ptr_array_add (binds, g_variant_ref_sink (g_variant_new_string (query->until)));
            }
          if (query->from != NULL)
            {
              if (es->recurrence >= 0)
                {
                  g_autofree char *rrule =
                    hd_db_quote_identifier (info->fields[es->recurrence].name);
                  g_string_append_printf (sql, " AND (t.%s > ? OR t.%s IS NOT NULL)",
                                          ends, rrule);
                }
              else
                {
                  g_string_append_printf (sql, " AND t.%s > ?", ends);
                }
              g_ptr_array_add (binds, g_variant_ref_sink (g_variant_new_string (query->from)));
            }
        }
      else
        {
          if (query->from != NULL)
            {
              g_string_append_printf (sql, " AND t.%s >= ?", name);
              g_ptr_array_add (binds, g_variant_ref_sink (g_variant_new_string (query->from)));
            }
          if (query->until != NULL)
            {
              g_string_append_printf (sql, " AND t.%s < ?", name);
              g_ptr_array_add (binds, g_variant_ref_sink (g_variant_new_string (query->until)));
            }
        }
    }

  if (query->status != NULL)
    {
      g_autofree char *name = NULL;

      if (es->status < 0)
        return invalid_query (error, _("These records have no status to filter by."));

      name = hd_db_quote_identifier (info->fields[es->status].name);
      g_string_append_printf (sql, " AND t.%s = ?", name);
      g_ptr_array_add (binds, g_variant_ref_sink (g_variant_new_string (query->status)));
    }

  if (query->ref_field != NULL &&
      !append_ref_condition (entity, query->ref_field, query->ref_id, seek,
                             sql, binds, error))
    return FALSE;

  for (guint i = 0; query->where != NULL && query->where[i] != NULL; i++)
    {
      const char *equals = strchr (query->where[i], '=');
      g_autofree char *field = NULL;

      if (equals == NULL)
        return invalid_query (error, _("The records cannot be filtered by that reference."));
      field = g_strndup (query->where[i], equals - query->where[i]);
      if (!append_ref_condition (entity, field, equals[1] != '\0' ? equals + 1 : NULL,
                                 seek, sql, binds, error))
        return FALSE;
    }

  if (words->len > 0)
    {
      if (es->fts != NULL)
        {
          g_autofree char *expression = fts_query (query, es, words);

          g_string_append_printf (sql, " AND %st.rowid IN (SELECT rowid FROM %s "
                                  "WHERE %s MATCH ?)", broad && !count ? "+" : "",
                                  es->fts, es->fts);
          g_ptr_array_add (binds, g_variant_ref_sink (g_variant_new_string (expression)));
        }
      else if (es->text_match != NULL)
        {
          for (guint i = 0; i < words->len; i++)
            {
              g_autofree char *pattern = like_pattern (words->pdata[i]);

              g_string_append_printf (sql, " AND (%s) LIKE ? ESCAPE '\\'", es->text_match);
              g_ptr_array_add (binds, g_variant_ref_sink (g_variant_new_string (pattern)));
            }
        }
      else
        {
          g_string_append (sql, " AND 0");
        }
    }

  if (count)
    return TRUE;

  g_string_append (sql, " ORDER BY ");
  if (query->order_by != NULL)
    {
      const char *dir = query->descending ? "DESC" : "ASC";
      int index = hd_entity_field_index (entity, query->order_by);

      if (index >= 0 && index == hd_store_schema_sort_field (entity))
        {
          /* The name a list is sorted by: its key knows about umlauts. */
          g_string_append_printf (sql, "t.sort_key %s, t.rowid %s", dir, dir);
        }
      else if (index >= 0)
        {
          g_autofree char *name = hd_db_quote_identifier (info->fields[index].name);

          g_string_append_printf (sql, "t.%s%s %s, t.rowid %s", name,
                                  is_text_type (info->fields[index].type) ?
                                  " COLLATE NOCASE" : "",
                                  dir, dir);
        }
      else if (g_str_equal (query->order_by, "created_at") ||
               g_str_equal (query->order_by, "updated_at"))
        {
          g_string_append_printf (sql, "t.%s %s, t.rowid %s", query->order_by, dir, dir);
        }
      else
        {
          return invalid_query (error, _("The records cannot be sorted that way."));
        }
    }
  else
    {
      /* The natural order of each entity. */
      gboolean newest_first = es->time_field >= 0 &&
                              info->fields[es->time_field].type == HD_TYPE_DATE;
      const char *dir = (newest_first != query->descending) ? "DESC" : "ASC";

      if (es->time_field >= 0 && hd_entity_field_index (entity, "starts_at") >= 0)
        {
          g_autofree char *name = hd_db_quote_identifier (info->fields[es->time_field].name);
          g_string_append_printf (sql, "t.%s %s, t.rowid %s", name, dir, dir);
        }
      else if (es->time_field >= 0 && newest_first)
        {
          g_autofree char *name = hd_db_quote_identifier (info->fields[es->time_field].name);
          g_string_append_printf (sql, "t.%s %s, t.rowid %s", name, dir, dir);
        }
      else if (es->sort_key)
        {
          g_string_append_printf (sql, "t.sort_key %s, t.rowid %s", dir, dir);
        }
      else
        {
          g_string_append_printf (sql, "t.created_at %s, t.rowid %s", dir, dir);
        }
    }

  if (query->limit > 0 || query->offset > 0)
    {
      g_string_append (sql, " LIMIT ? OFFSET ?");
      g_ptr_array_add (binds, g_variant_ref_sink (g_variant_new_int64 (query->limit > 0 ?
                                                                       (gint64) query->limit :
                                                                       -1)));
      g_ptr_array_add (binds, g_variant_ref_sink (g_variant_new_int64 (query->offset)));
    }

  return TRUE;
}

/* Above this many matches, a page walks the sort index (see build_query). */
#define BROAD_SEARCH 2000
/* Above this many, a count with filters walks the filter index (prepare_query). */
#define BROAD_COUNT 10000

/* Whether the search of @query can be answered by the search index alone:
 * no filter but hub, archived, deleted (deleted rows are not in it) and
 * those it holds tokens for (enums, sets, tags). */
static gboolean
search_only (const HdQuery *query,
             EntitySql     *es,
             GPtrArray     *words)
{
  if (es->fts == NULL || words->len == 0 ||
      query->from != NULL || query->until != NULL ||
      query->status != NULL || query->ref_field != NULL)
    return FALSE;

  /* filters the index holds tokens for are answered by it as well */
  for (guint i = 0; query->where != NULL && query->where[i] != NULL; i++)
    {
      g_autofree char *token = filter_token (query->entity, query->where[i]);

      if (token == NULL)
        return FALSE;
    }

  return TRUE;
}

/* Counts the search index's matches of @query, up to @limit (0: all). */
static gint64
count_matches (HdStore        *self,
               const HdQuery  *query,
               GPtrArray      *words,
               gint64          limit,
               GError        **error)
{
  EntitySql *es = &self->sql[query->entity];
  g_autofree char *expression = fts_query (query, es, words);
  g_autofree char *sql = NULL;
  g_autoptr(HdStmt) stmt = NULL;
  gint64 n = -1;
  int rc;

  if (limit > 0)
    sql = g_strdup_printf ("SELECT count(*) FROM (SELECT rowid FROM %s WHERE %s MATCH ?1 "
                           "LIMIT ?2)", es->fts, es->fts);
  else
    sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s MATCH ?1", es->fts, es->fts);

  stmt = hd_db_prepare (self->db, sql, error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, expression, -1, SQLITE_STATIC);
  if (limit > 0)
    sqlite3_bind_int64 (stmt, 2, limit);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    sql_error (self, error, rc);

  return n;
}

static HdStmt *
prepare_query (HdStore        *self,
               const HdQuery  *query,
               gboolean        count,
               GError        **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr(GPtrArray) words = search_words (query->search);
  EntitySql *es = &self->sql[query->entity];
  gboolean broad = FALSE;
  sqlite3_stmt *stmt;

  /* A count asks too, with its own bound: with filters, the search leads
   * (a look-up in the table per match) unless it matches so many rows that
   * walking the filter index is cheaper (append_ref_condition). At 100,000
   * people with consent given (65,000 in that index): 5 ms against 30 ms
   * at 2,500 matches, 38 against 33 at 22,000; with a tag as well, 37
   * against 18 at 19,000. */
  if (es->fts != NULL && words->len > 0)
    {
      gint64 bound = count ? BROAD_COUNT : BROAD_SEARCH;
      gint64 matches = count_matches (self, query, words, bound + 1, error);

      if (matches < 0)
        return NULL;
      broad = matches > bound;
    }

  if (!build_query (self, query, count, broad, sql, binds, error))
    return NULL;

  stmt = hd_db_prepare (self->db, sql->str, error);
  if (stmt == NULL)
    return NULL;

  hd_store_query_bind (stmt, binds);

  return stmt;
}

gboolean
hd_store_query_sql (HdStore        *self,
                    const HdQuery  *query,
                    GString        *sql,
                    GPtrArray      *binds,
                    GError        **error)
{
  gboolean ok;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (query != NULL && query->entity < HD_N_ENTITIES, FALSE);
  g_return_val_if_fail (query->search == NULL || *query->search == '\0', FALSE);

  g_mutex_lock (&self->lock);
  ok = build_query (self, query, FALSE, FALSE, sql, binds, error);
  g_mutex_unlock (&self->lock);

  return ok;
}

void
hd_store_query_bind (sqlite3_stmt *stmt,
                     GPtrArray    *binds)
{
  for (guint i = 0; i < binds->len; i++)
    {
      GVariant *value = binds->pdata[i];

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
        sqlite3_bind_int64 (stmt, (int) i + 1, g_variant_get_int64 (value));
      else
        sqlite3_bind_text (stmt, (int) i + 1, g_variant_get_string (value, NULL), -1,
                           SQLITE_TRANSIENT);
    }
}

HdRecord *
hd_store_query_row (sqlite3_stmt *stmt,
                    HdEntity      entity)
{
  return read_record (stmt, entity);
}

GPtrArray *
hd_store_query (HdStore        *self,
                const HdQuery  *query,
                GError        **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(HdStmt) stmt = NULL;
  GError *local = NULL;
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (query->entity < HD_N_ENTITIES, NULL);

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);

  g_mutex_lock (&self->lock);

  stmt = prepare_query (self, query, FALSE, &local);
  if (stmt != NULL)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (records, read_record (stmt, query->entity));
      if (rc != SQLITE_DONE)
        sql_error (self, &local, rc);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  g_mutex_unlock (&self->lock);

  if (local != NULL)
    {
      propagate_error (error, local);
      return NULL;
    }

  return g_steal_pointer (&records);
}

gint64
hd_store_count (HdStore        *self,
                const HdQuery  *query,
                GError        **error)
{
  g_autoptr(HdStmt) stmt = NULL;
  GError *local = NULL;
  gint64 n = -1;
  int rc;

  g_autoptr(GPtrArray) words = NULL;

  g_return_val_if_fail (HD_IS_STORE (self), -1);
  g_return_val_if_fail (query != NULL, -1);
  g_return_val_if_fail (query->entity < HD_N_ENTITIES, -1);

  words = search_words (query->search);

  g_mutex_lock (&self->lock);

  if (search_only (query, &self->sql[query->entity], words) && !self->search_deferred)
    {
      /* What a search list shows, counted in the index alone. */
      n = count_matches (self, query, words, 0, &local);
    }
  else
    {
      stmt = prepare_query (self, query, TRUE, &local);
      if (stmt != NULL)
        {
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_ROW)
            n = sqlite3_column_int64 (stmt, 0);
          else
            sql_error (self, &local, rc);
        }
      g_clear_pointer (&stmt, sqlite3_finalize);
    }

  g_mutex_unlock (&self->lock);

  if (local != NULL)
    {
      propagate_error (error, local);
      return -1;
    }

  return n;
}

/* ---- outbox ---- */

void
hd_outbox_entry_free (HdOutboxEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->record_id);
  g_free (entry->hub_id);
  g_clear_pointer (&entry->changes, hd_record_unref);
  g_free (entry->created_at);
  g_free (entry);
}

gint64
hd_store_outbox_count (HdStore  *self,
                       GError  **error)
{
  g_autoptr(HdCachedStmt) stmt = NULL;
  GError *local = NULL;
  gint64 n = -1;
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), -1);

  g_mutex_lock (&self->lock);
  stmt = cached (self, "SELECT count(*) FROM outbox", &local);
  if (stmt != NULL)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        n = sqlite3_column_int64 (stmt, 0);
      else
        sql_error (self, &local, rc);
    }
  g_clear_pointer (&stmt, cached_stmt_release);
  g_mutex_unlock (&self->lock);

  if (local != NULL)
    {
      propagate_error (error, local);
      return -1;
    }

  return n;
}

static HdOutboxEntry *
read_outbox_entry (sqlite3_stmt  *stmt,
                   GError       **error)
{
  g_autoptr(HdOutboxEntry) entry = g_new0 (HdOutboxEntry, 1);
  g_autoptr(JsonNode) node = NULL;
  const char *fields = column_text (stmt, 6);
  HdEntity entity;

  if (!hd_entity_from_name (column_text (stmt, 1), &entity))
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_CORRUPT,
                   _("The outbox holds a change of an unknown kind of record."));
      return NULL;
    }

  entry->seq = sqlite3_column_int64 (stmt, 0);
  entry->entity = entity;
  entry->record_id = g_strdup (column_text (stmt, 2));
  entry->hub_id = g_strdup (column_text (stmt, 3));
  entry->is_delete = g_strcmp0 (column_text (stmt, 4), "delete") == 0;
  entry->base_version = sqlite3_column_int64 (stmt, 5);
  entry->created_at = g_strdup (column_text (stmt, 7));

  node = json_from_string (fields != NULL ? fields : "{}", error);
  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_CORRUPT,
                   _("The outbox holds a change that cannot be read."));
      return NULL;
    }

  entry->changes = hd_record_fields_from_json (entity, entry->record_id,
                                               json_node_get_object (node), error);
  if (entry->changes == NULL)
    return NULL;

  hd_record_set_hub_id (entry->changes, entry->hub_id);
  hd_record_set_version (entry->changes, entry->base_version);
  hd_record_set_deleted (entry->changes, entry->is_delete);

  return g_steal_pointer (&entry);
}

GPtrArray *
hd_store_outbox_peek (HdStore  *self,
                      guint     limit,
                      GError  **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(HdCachedStmt) stmt = NULL;
  GError *local = NULL;
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_outbox_entry_free);

  g_mutex_lock (&self->lock);
  stmt = cached (self,
                 "SELECT seq, entity, record_id, hub_id, op, base_version, fields, "
                 "created_at FROM outbox ORDER BY seq LIMIT ?",
                 &local);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, limit > 0 ? (gint64) limit : -1);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          HdOutboxEntry *entry = read_outbox_entry (stmt, &local);

          if (entry == NULL)
            break;
          g_ptr_array_add (entries, entry);
        }
      if (local == NULL && rc != SQLITE_DONE)
        sql_error (self, &local, rc);
    }
  g_clear_pointer (&stmt, cached_stmt_release);
  g_mutex_unlock (&self->lock);

  if (local != NULL)
    {
      propagate_error (error, local);
      return NULL;
    }

  return g_steal_pointer (&entries);
}

static gboolean
remove_upto_write (HdStore  *self,
                   gpointer  data,
                   GArray   *changes,
                   GError  **error)
{
  gint64 seq = *(gint64 *) data;
  g_autoptr(GPtrArray) touched = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HdCachedStmt) select = NULL;
  g_autoptr(HdCachedStmt) delete = NULL;
  int rc;

  select = cached (self,
                   "SELECT DISTINCT entity, record_id FROM outbox WHERE seq <= ?",
                   error);
  if (select == NULL)
    return FALSE;
  sqlite3_bind_int64 (select, 1, seq);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      g_ptr_array_add (touched, g_strdup (column_text (select, 0)));
      g_ptr_array_add (touched, g_strdup (column_text (select, 1)));
    }
  if (rc != SQLITE_DONE)
    return sql_error (self, error, rc);
  g_clear_pointer (&select, cached_stmt_release);

  delete = cached (self, "DELETE FROM outbox WHERE seq <= ?", error);
  if (delete == NULL)
    return FALSE;
  sqlite3_bind_int64 (delete, 1, seq);
  if (!step_done (self, delete, error))
    return FALSE;

  for (guint i = 0; i + 1 < touched->len; i += 2)
    {
      g_autoptr(HdCachedStmt) update = NULL;
      HdEntity entity;

      if (!hd_entity_from_name (touched->pdata[i], &entity))
        continue;

      update = cached (self, self->sql[entity].mark_synced, error);
      if (update == NULL)
        return FALSE;
      bind_text (update, 1, touched->pdata[i + 1]);
      if (!step_done (self, update, error))
        return FALSE;
      if (sqlite3_changes (self->db) > 0)
        changes_add (changes, entity, touched->pdata[i + 1]);
    }

  return TRUE;
}

gboolean
hd_store_outbox_remove_upto (HdStore  *self,
                             gint64    seq,
                             GError  **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), FALSE);

  return run_write (self, remove_upto_write, &seq, error);
}

/* ---- meta ---- */

char *
hd_store_get_meta (HdStore    *self,
                   const char *key)
{
  char *value;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  g_mutex_lock (&self->lock);
  value = get_meta_locked (self, key);
  g_mutex_unlock (&self->lock);

  return value;
}

typedef struct {
  const char *key;
  const char *value;
} MetaArgs;

static gboolean
meta_write (HdStore  *self,
            gpointer  data,
            GArray   *changes,
            GError  **error)
{
  MetaArgs *args = data;

  return set_meta_locked (self, args->key, args->value, error);
}

gboolean
hd_store_set_meta (HdStore     *self,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  MetaArgs args = { key, value };

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (g_str_equal (key, "client_id"))
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_READ_ONLY,
                   _("The profile’s client id is made once and never changes."));
      return FALSE;
    }

  return run_write_full (self, meta_write, &args, WRITE_META, error);
}

/* ---- sync ---- */

/* The fields named in the outbox entries of a record, and whether one of
 * them deletes it. */
static gboolean
outbox_fields_locked (HdStore     *self,
                      HdEntity     entity,
                      const char  *id,
                      guint64     *out_mask,
                      gboolean    *out_has_entries,
                      gboolean    *out_deleted,
                      GError     **error)
{
  g_autoptr(HdCachedStmt) stmt = NULL;
  int rc;

  *out_mask = 0;
  *out_has_entries = FALSE;
  *out_deleted = FALSE;

  stmt = cached (self,
                 "SELECT op, fields FROM outbox WHERE record_id = ? AND entity = ? "
                 "ORDER BY seq",
                 error);
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, id);
  bind_text (stmt, 2, hd_entity_name (entity));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) node = json_from_string (column_text (stmt, 1), NULL);

      *out_has_entries = TRUE;
      if (g_strcmp0 (column_text (stmt, 0), "delete") == 0)
        *out_deleted = TRUE;
      else
        *out_deleted = FALSE;  /* a later upsert (undo) brings it back */

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        {
          g_autoptr(GList) names = json_object_get_members (json_node_get_object (node));

          for (GList *l = names; l != NULL; l = l->next)
            {
              int index = hd_entity_field_index (entity, l->data);

              if (index >= 0)
                *out_mask |= BIT (index);
            }
        }
    }

  if (rc != SQLITE_DONE)
    return sql_error (self, error, rc);

  return TRUE;
}

static gboolean
outbox_is_empty_locked (HdStore *self)
{
  g_autoptr(HdCachedStmt) stmt = cached (self, "SELECT 1 FROM outbox LIMIT 1", NULL);

  return stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW;
}

typedef struct {
  GPtrArray  *records;
  const char *cursor;
} PulledArgs;

/* Whether a row exists, and its rowid and sync state, without reading it. */
static gboolean
probe_row (HdStore      *self,
           HdEntity      entity,
           const char   *id,
           gint64       *out_rowid,
           HdSyncState  *out_state,
           GError      **error)
{
  g_autoptr(HdCachedStmt) stmt = cached (self, self->sql[entity].probe, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return FALSE;
  if (rc != SQLITE_ROW)
    return sql_error (self, error, rc);

  *out_rowid = sqlite3_column_int64 (stmt, 0);
  *out_state = (HdSyncState) sqlite3_column_int (stmt, 1);
  return TRUE;
}

/* Rebase: the new server copy @remote with the local changes of @stored
 * on top; @remote becomes its base. */
static gboolean
rebase_locked (HdStore    *self,
               HdRecord   *remote,
               guint64     mask,
               gboolean    has_entries,
               gboolean    pending_delete,
               GError    **error)
{
  HdEntity entity = hd_record_get_entity (remote);
  const HdEntityInfo *info = hd_entity_info (entity);
  g_auto(StoredRow) stored = { NULL, };
  g_autoptr(HdRecord) merged = NULL;
  g_autofree char *base = NULL;
  GError *local = NULL;
  HdSyncState state;
  gint64 rowid = 0;

  if (!load_row (self, entity, hd_record_get_id (remote), &stored, &local))
    return local != NULL ? propagate_error (error, local) : not_found (error, entity);

  state = stored.state;
  if (state == HD_SYNC_LOCAL || state == HD_SYNC_SYNCED)
    state = HD_SYNC_PENDING;
  base = hd_record_to_json_string (remote);
  rowid = stored.rowid;

  if (hd_record_get_deleted (remote))
    {
      /* The server deleted it, but the person still has something to
       * say about it (an edit to send, a conflict or a rejection to
       * decide): the record stays whole as it is here, with the
       * tombstone as its base, until then. A pending delete keeps it
       * deleted. */
      merged = hd_record_copy (stored.record);
      hd_record_set_version (merged, hd_record_get_version (remote));
      if (has_entries)
        hd_record_set_deleted (merged, pending_delete);
      if (!write_row (self, merged, state, base, stored.reject_reason, FALSE, &rowid, &local))
        return propagate_error (error, local);
      update_search (self, entity, rowid, FALSE);
      return TRUE;
    }

  if (stored.state == HD_SYNC_CONFLICT || stored.state == HD_SYNC_REJECTED)
    {
      g_autoptr(HdRecord) old_base = NULL;

      /* Everything the user changed against the copy it was based on. */
      if (stored.base != NULL)
        old_base = hd_record_from_json_string (stored.base, strlen (stored.base), NULL);
      if (old_base != NULL)
        mask |= hd_record_diff (old_base, stored.record);
      else if (hd_record_get_version (stored.record) == 0)
        mask |= hd_record_get_present (stored.record);
    }

  merged = hd_record_copy (remote);
  for (guint i = 0; i < info->n_fields; i++)
    {
      if ((mask & BIT (i)) && hd_record_has (stored.record, i))
        hd_record_set (merged, i, hd_record_get (stored.record, i));
    }

  if (has_entries)
    {
      hd_record_set_hub_id (merged, hd_record_get_hub_id (stored.record));
      hd_record_set_deleted (merged, pending_delete);
    }
  else
    {
      hd_record_set_deleted (merged, hd_record_get_deleted (stored.record));
    }

  if (!write_row (self, merged, state, base, stored.reject_reason, FALSE, &rowid, &local))
    return propagate_error (error, local);
  update_search (self, entity, rowid, FALSE);

  return TRUE;
}

static gboolean
apply_one_locked (HdStore   *self,
                  HdRecord  *remote,
                  gboolean   outbox_empty,
                  GArray    *changes,
                  GError   **error)
{
  HdEntity entity = hd_record_get_entity (remote);
  const char *id = hd_record_get_id (remote);
  GError *local = NULL;
  HdSyncState state = HD_SYNC_SYNCED;
  gboolean exists;
  guint64 mask = 0;
  gboolean has_entries = FALSE;
  gboolean pending_delete = FALSE;
  gint64 rowid = 0;

  if (id == NULL || hd_record_get_hub_id (remote) == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_FAILED,
                   _("The server sent a record without identifier or hub."));
      return FALSE;
    }

  exists = probe_row (self, entity, id, &rowid, &state, &local);
  if (local != NULL)
    return propagate_error (error, local);
  if (!exists)
    rowid = 0;

  if (exists && !outbox_empty &&
      !outbox_fields_locked (self, entity, id, &mask, &has_entries, &pending_delete, error))
    return FALSE;

  if (exists && (has_entries || state == HD_SYNC_CONFLICT || state == HD_SYNC_REJECTED))
    {
      if (!rebase_locked (self, remote, mask, has_entries, pending_delete, error))
        return FALSE;
    }
  else
    {
      /* Nothing local to keep: the row becomes the server's copy. */
      if (!write_row (self, remote, HD_SYNC_SYNCED, NULL, NULL, FALSE, &rowid, &local))
        return propagate_error (error, local);
      update_search (self, entity, rowid, !exists);
    }

  changes_add (changes, entity, id);
  return TRUE;
}

/* A record for a table that holds nothing but server copies (see
 * HdStore.bulk): it simply becomes the row, with no look at the one it
 * may replace (a record can come twice in one pull). */
static gboolean
apply_bulk_locked (HdStore   *self,
                   HdRecord  *remote,
                   GError   **error)
{
  HdEntity entity = hd_record_get_entity (remote);
  GError *local = NULL;
  gint64 rowid = 0;

  if (hd_record_get_id (remote) == NULL || hd_record_get_hub_id (remote) == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_FAILED,
                   _("The server sent a record without identifier or hub."));
      return FALSE;
    }

  /* A new row sets the last rowid; a replaced one leaves it at 0. */
  sqlite3_set_last_insert_rowid (self->db, 0);
  if (!write_row (self, remote, HD_SYNC_SYNCED, NULL, NULL, FALSE, &rowid, &local))
    return propagate_error (error, local);

  /* Its search row, written by an earlier page, is stale now: the index
   * of this entity is built anew at the end. */
  if (rowid <= 0)
    self->bulk_search[entity] = FALSE;

  return TRUE;
}

/* Writes the search rows of the rows @entity's table got since the last
 * page, in one statement. */
static gboolean
index_bulk_locked (HdStore   *self,
                   HdEntity   entity,
                   GError   **error)
{
  EntitySql *es = &self->sql[entity];
  g_autoptr(HdCachedStmt) fill = NULL;
  g_autoptr(HdCachedStmt) last = NULL;
  int rc;

  if (!self->bulk_search[entity])
    return TRUE;

  fill = cached (self, es->fts_fill_above, error);
  if (fill == NULL)
    return FALSE;
  sqlite3_bind_int64 (fill, 1, self->bulk_indexed_upto[entity]);
  if (!step_done (self, fill, error))
    return FALSE;

  last = cached (self, es->max_rowid, error);
  if (last == NULL)
    return FALSE;
  rc = sqlite3_step (last);
  if (rc != SQLITE_ROW)
    return sql_error (self, error, rc);
  /* Kept only once the page commits: a failed one ends the bulk load. */
  self->bulk_indexed_upto[entity] = sqlite3_column_int64 (last, 0);

  return TRUE;
}

static gboolean
pulled_write (HdStore  *self,
              gpointer  data,
              GArray   *changes,
              GError  **error)
{
  PulledArgs *args = data;
  gboolean outbox_empty = outbox_is_empty_locked (self);
  gboolean bulk_touched[HD_N_ENTITIES] = { FALSE, };
  GError *local = NULL;

  for (guint i = 0; i < args->records->len; i++)
    {
      HdRecord *remote = args->records->pdata[i];
      HdEntity entity = hd_record_get_entity (remote);

      if (self->bulk[entity] && self->search_deferred)
        {
          if (!apply_bulk_locked (self, remote, error))
            return FALSE;
          bulk_touched[entity] = TRUE;
        }
      else if (!apply_one_locked (self, remote, outbox_empty, changes, error))
        {
          return FALSE;
        }
    }

  for (guint e = 0; e < HD_N_ENTITIES; e++)
    {
      if (!bulk_touched[e])
        continue;
      if (!index_bulk_locked (self, (HdEntity) e, error))
        return FALSE;
      changes_add (changes, (HdEntity) e, NULL);
    }

  if (args->cursor != NULL && !set_meta_locked (self, "cursor", args->cursor, &local))
    return propagate_error (error, local);

  return TRUE;
}

gboolean
hd_store_apply_pulled (HdStore     *self,
                       GPtrArray   *records,
                       const char  *cursor,
                       GError     **error)
{
  PulledArgs args = { records, cursor };

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (records != NULL, FALSE);

  return run_write_full (self, pulled_write, &args, WRITE_PULLED, error);
}

typedef struct {
  const char *hub_id;
  gint64      dropped;
} PurgeArgs;

static gboolean
purge_write (HdStore  *self,
             gpointer  data,
             GArray   *changes,
             GError  **error)
{
  PurgeArgs *args = data;

  for (guint e = 0; e < HD_N_ENTITIES; e++)
    {
      EntitySql *es = &self->sql[e];
      g_autoptr(HdCachedStmt) count = NULL;
      g_autoptr(HdCachedStmt) drop = NULL;
      int rc;

      count = cached (self, es->purge_count, error);
      if (count == NULL)
        return FALSE;
      bind_text (count, 1, args->hub_id);
      rc = sqlite3_step (count);
      if (rc != SQLITE_ROW)
        return sql_error (self, error, rc);
      args->dropped += sqlite3_column_int64 (count, 0);

      /* The search rows go first, while their rows can still be found. */
      if (es->fts != NULL && !self->search_deferred)
        {
          g_autoptr(HdCachedStmt) unindex = cached (self, es->purge_fts, error);

          if (unindex == NULL)
            return FALSE;
          bind_text (unindex, 1, args->hub_id);
          if (!step_done (self, unindex, error))
            return FALSE;
        }

      drop = cached (self, es->purge, error);
      if (drop == NULL)
        return FALSE;
      bind_text (drop, 1, args->hub_id);
      if (!step_done (self, drop, error))
        return FALSE;
      if (sqlite3_changes (self->db) > 0)
        changes_add (changes, (HdEntity) e, NULL);
    }

  return TRUE;
}

gint64
hd_store_purge_hub (HdStore     *self,
                    const char  *hub_id,
                    GError     **error)
{
  PurgeArgs args = { hub_id, 0 };

  g_return_val_if_fail (HD_IS_STORE (self), -1);
  g_return_val_if_fail (hub_id != NULL, -1);

  if (!run_write (self, purge_write, &args, error))
    return -1;

  return args.dropped;
}

typedef struct {
  HdEntity     entity;
  const char  *id;
  HdSyncState  state;
  const char  *reason;
} SyncStateArgs;

static gboolean
sync_state_write (HdStore  *self,
                  gpointer  data,
                  GArray   *changes,
                  GError  **error)
{
  SyncStateArgs *args = data;
  g_autoptr(HdCachedStmt) stmt = NULL;

  stmt = cached (self, self->sql[args->entity].set_state, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, (int) args->state);
  bind_text (stmt, 2, args->reason);
  bind_text (stmt, 3, args->id);
  if (!step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (self->db) == 0)
    return not_found (error, args->entity);

  changes_add (changes, args->entity, args->id);
  return TRUE;
}

gboolean
hd_store_set_sync_state (HdStore      *self,
                         HdEntity      entity,
                         const char   *id,
                         HdSyncState   state,
                         const char   *reason_json,
                         GError      **error)
{
  SyncStateArgs args = { entity, id, state, reason_json };

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (entity < HD_N_ENTITIES, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return run_write (self, sync_state_write, &args, error);
}

/* Rebuilds the search index of every entity, but those whose pulled
 * pages were indexed as they came (see index_bulk_locked()). */
static gboolean
rebuild_search_locked (HdStore  *self,
                       GArray   *changes,
                       GError  **error)
{
  GError *local = NULL;

  for (guint e = 0; e < HD_N_ENTITIES; e++)
    {
      if (self->sql[e].fts == NULL)
        continue;
      if (!(self->bulk[e] && self->bulk_search[e]) &&
          !hd_store_schema_rebuild_search (self->db, (HdEntity) e, &local))
        return propagate_error (error, local);
      if (changes != NULL)
        changes_add (changes, (HdEntity) e, NULL);
    }

  return TRUE;
}

/* Whether @entity's table and its part of the outbox are empty. */
static gboolean
table_is_empty_locked (HdStore   *self,
                       HdEntity   entity,
                       gboolean  *out_empty,
                       GError   **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s LIMIT 1", self->sql[entity].table);
  g_autoptr(HdStmt) rows = hd_db_prepare (self->db, sql, error);
  g_autoptr(HdStmt) entries = NULL;
  int rc;

  if (rows == NULL)
    return FALSE;
  rc = sqlite3_step (rows);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return sql_error (self, error, rc);
  *out_empty = rc == SQLITE_DONE;
  if (!*out_empty)
    return TRUE;

  entries = hd_db_prepare (self->db, "SELECT 1 FROM outbox WHERE entity = ? LIMIT 1", error);
  if (entries == NULL)
    return FALSE;
  sqlite3_bind_text (entries, 1, hd_entity_name (entity), -1, SQLITE_STATIC);
  rc = sqlite3_step (entries);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return sql_error (self, error, rc);
  *out_empty = rc == SQLITE_DONE;

  return TRUE;
}

/* Whether the index @name of @entity stays cheap to keep up while a
 * table fills: its key has few values (the hub, an enum), so new rows
 * go to the end of a few runs rather than anywhere. */
static gboolean
keeps_up_cheaply (HdEntity    entity,
                  const char *name)
{
  const char *table = hd_entity_name (entity);
  const HdEntityInfo *info = hd_entity_info (entity);
  gsize len = strlen (table);
  int index;

  if (!g_str_has_prefix (name, table) || name[len] != '_')
    return FALSE;
  name += len + 1;
  if (g_str_equal (name, "hub_id"))
    return TRUE;

  index = hd_entity_field_index (entity, name);
  return index >= 0 && info->fields[index].type == HD_TYPE_ENUM;
}

/* Drops the secondary indexes of @entity's (empty) table, noting each
 * one's SQL in @saved ([name, sql] pairs) for restore_indexes_locked(). */
static gboolean
drop_indexes_locked (HdStore    *self,
                     HdEntity    entity,
                     JsonArray  *saved,
                     GError    **error)
{
  g_autoptr(HdStmt) stmt = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  int rc;

  /* The key's own index has no SQL and stays. */
  stmt = hd_db_prepare (self->db,
                        "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                        "AND tbl_name = ? AND sql IS NOT NULL",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, hd_entity_name (entity), -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonArray *pair;

      if (keeps_up_cheaply (entity, column_text (stmt, 0)))
        continue;

      pair = json_array_new ();
      json_array_add_string_element (pair, column_text (stmt, 0));
      json_array_add_string_element (pair, column_text (stmt, 1));
      json_array_add_array_element (saved, pair);
      g_ptr_array_add (names, g_strdup (column_text (stmt, 0)));
    }
  if (rc != SQLITE_DONE)
    return sql_error (self, error, rc);
  g_clear_pointer (&stmt, sqlite3_finalize);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *name = hd_db_quote_identifier (names->pdata[i]);
      g_autofree char *sql = g_strdup_printf ("DROP INDEX %s", name);

      if (!hd_db_exec (self->db, sql, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
index_exists_locked (HdStore    *self,
                     const char *name)
{
  g_autoptr(HdStmt) stmt = hd_db_prepare (self->db,
                                          "SELECT 1 FROM sqlite_master "
                                          "WHERE type = 'index' AND name = ?",
                                          NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* Builds again the indexes drop_indexes_locked() noted, each in one pass
 * over its table (an index that exists already, made by the schema's
 * reconcile at an open in between, is left as it is). */
static gboolean
restore_indexes_locked (HdStore  *self,
                        GError  **error)
{
  g_autofree char *saved = get_meta_locked (self, "deferred_indexes");
  g_autoptr(JsonNode) node = NULL;
  GError *local = NULL;
  JsonArray *pairs;

  if (saved == NULL)
    return TRUE;

  node = json_from_string (saved, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_CORRUPT,
                   _("The list of indexes to build again cannot be read."));
      return FALSE;
    }

  pairs = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (pairs); i++)
    {
      JsonNode *item = json_array_get_element (pairs, i);
      JsonArray *pair = JSON_NODE_HOLDS_ARRAY (item) ? json_node_get_array (item) : NULL;
      const char *name, *sql;

      if (pair == NULL || json_array_get_length (pair) != 2)
        continue;
      name = json_array_get_string_element (pair, 0);
      sql = json_array_get_string_element (pair, 1);
      if (name == NULL || sql == NULL || index_exists_locked (self, name))
        continue;
      if (!hd_db_exec (self->db, sql, &local))
        return propagate_error (error, local);
    }

  if (!set_meta_locked (self, "deferred_indexes", NULL, &local))
    return propagate_error (error, local);

  return TRUE;
}

static gboolean
search_deferred_write (HdStore  *self,
                       gpointer  data,
                       GArray   *changes,
                       GError  **error)
{
  gboolean deferred = GPOINTER_TO_INT (data);
  GError *local = NULL;

  if (deferred == self->search_deferred)
    return TRUE;

  self->staged = TRUE;
  self->staged_deferred = deferred;
  memset (self->staged_bulk, 0, sizeof self->staged_bulk);

  if (deferred)
    {
      g_autoptr(JsonArray) saved = json_array_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *text = NULL;

      /* A table that starts empty (a first pull) gets its indexes built
       * once at the end rather than kept up to date row by row. */
      for (guint e = 0; e < HD_N_ENTITIES; e++)
        {
          gboolean empty = FALSE;

          if (!table_is_empty_locked (self, (HdEntity) e, &empty, &local) ||
              (empty && !drop_indexes_locked (self, (HdEntity) e, saved, &local)))
            return propagate_error (error, local);
          self->staged_bulk[e] = empty;
        }

      node = json_node_init_array (json_node_alloc (), saved);
      text = json_to_string (node, FALSE);
      if (json_array_get_length (saved) > 0 &&
          !set_meta_locked (self, "deferred_indexes", text, &local))
        return propagate_error (error, local);

      /* The reach columns are refreshed once at the end too: row by row,
       * without the indexes, each person would read every interaction. */
      if (!hd_store_reach_drop_triggers (self->db, error))
        return FALSE;
    }
  else
    {
      /* The reach columns before the indexes that hold them, so that
       * those are built in one pass rather than changed row by row. */
      if (!hd_store_reach_refresh_all (self->db, error) ||
          !restore_indexes_locked (self, error) ||
          !hd_store_reach_create_triggers (self->db, error) ||
          !rebuild_search_locked (self, changes, error))
        return FALSE;

      /* This commit copies the WAL into the database, not the next small
       * write. */
      hd_db_exec (self->db, "PRAGMA wal_autocheckpoint = "
                            G_STRINGIFY (HD_STORE_CHECKPOINT_PAGES), NULL);
    }

  if (!set_meta_locked (self, "search_deferred", deferred ? "1" : NULL, &local))
    return propagate_error (error, local);

  return TRUE;
}

gboolean
hd_store_set_search_deferred (HdStore   *self,
                              gboolean   deferred,
                              GError   **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), FALSE);

  /* The flags change with the commit (see run_write_full ()). */
  return run_write_full (self, search_deferred_write, GINT_TO_POINTER (!!deferred),
                         WRITE_META, error);
}

/* ---- the store's thread ---- */

typedef void (*JobFunc) (HdStore  *self,
                         GTask    *task,
                         gpointer  data);

typedef struct {
  JobFunc        func;
  gpointer       data;
  GDestroyNotify destroy;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  if (job->destroy != NULL)
    job->destroy (job->data);
  g_free (job);
}

static gpointer
worker_main (gpointer data)
{
  GAsyncQueue *jobs = data;

  for (;;)
    {
      gpointer item = g_async_queue_pop (jobs);
      GTask *task;
      Job *job;

      if (item == (gpointer) &worker_quit)
        break;

      task = item;
      job = g_task_get_task_data (task);
      if (!g_task_return_error_if_cancelled (task))
        job->func (g_task_get_source_object (task), task, job->data);

      /* May drop the last reference to the store: its finalize then sees
       * that it runs here and leaves the thread to end by itself. */
      g_object_unref (task);
    }

  g_async_queue_unref (jobs);
  return NULL;
}

static void
queue_job (HdStore             *self,
           JobFunc              func,
           gpointer             data,
           GDestroyNotify       destroy,
           gpointer             source_tag,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->func = func;
  job->data = data;
  job->destroy = destroy;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, job_free);

  g_async_queue_push (self->jobs, task);
}

static void
query_job (HdStore  *self,
           GTask    *task,
           gpointer  data)
{
  GError *error = NULL;
  GPtrArray *records = hd_store_query (self, data, &error);

  if (records == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, records, (GDestroyNotify) g_ptr_array_unref);
}

void
hd_store_query_async (HdStore             *self,
                      const HdQuery       *query,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (HD_IS_STORE (self));
  g_return_if_fail (query != NULL);

  queue_job (self, query_job, hd_query_copy (query), (GDestroyNotify) hd_query_free,
             hd_store_query_async, cancellable, callback, user_data);
}

GPtrArray *
hd_store_query_finish (HdStore       *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
return_count (GTask  *task,
              gint64  n,
              GError *error)
{
  if (n < 0)
    {
      g_task_return_error (task, error);
    }
  else
    {
      gint64 *value = g_new (gint64, 1);

      *value = n;
      g_task_return_pointer (task, value, g_free);
    }
}

static gint64
propagate_count (GAsyncResult  *result,
                 GError       **error)
{
  g_autofree gint64 *value = g_task_propagate_pointer (G_TASK (result), error);

  return value != NULL ? *value : -1;
}

static void
count_job (HdStore  *self,
           GTask    *task,
           gpointer  data)
{
  GError *error = NULL;
  gint64 n = hd_store_count (self, data, &error);

  return_count (task, n, error);
}

void
hd_store_count_async (HdStore             *self,
                      const HdQuery       *query,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (HD_IS_STORE (self));
  g_return_if_fail (query != NULL);

  queue_job (self, count_job, hd_query_copy (query), (GDestroyNotify) hd_query_free,
             hd_store_count_async, cancellable, callback, user_data);
}

gint64
hd_store_count_finish (HdStore       *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  return propagate_count (result, error);
}

static void
save_job (HdStore  *self,
          GTask    *task,
          gpointer  data)
{
  GError *error = NULL;

  if (hd_store_save (self, data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
hd_store_save_async (HdStore             *self,
                     HdRecord            *record,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_return_if_fail (HD_IS_STORE (self));
  g_return_if_fail (record != NULL);

  /* The thread works on a copy: the caller's record stays the caller's. */
  queue_job (self, save_job, hd_record_copy (record), (GDestroyNotify) hd_record_unref,
             hd_store_save_async, cancellable, callback, user_data);
}

gboolean
hd_store_save_finish (HdStore       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct {
  HdEntity  entity;
  char     *id;
} DeleteJob;

static void
delete_job_free (gpointer data)
{
  DeleteJob *job = data;

  g_free (job->id);
  g_free (job);
}

static void
delete_job (HdStore  *self,
            GTask    *task,
            gpointer  data)
{
  DeleteJob *job = data;
  GError *error = NULL;

  if (hd_store_delete (self, job->entity, job->id, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
hd_store_delete_async (HdStore             *self,
                       HdEntity             entity,
                       const char          *id,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  DeleteJob *job;

  g_return_if_fail (HD_IS_STORE (self));
  g_return_if_fail (entity < HD_N_ENTITIES);
  g_return_if_fail (id != NULL);

  job = g_new0 (DeleteJob, 1);
  job->entity = entity;
  job->id = g_strdup (id);
  queue_job (self, delete_job, job, delete_job_free,
             hd_store_delete_async, cancellable, callback, user_data);
}

gboolean
hd_store_delete_finish (HdStore       *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
outbox_count_job (HdStore  *self,
                  GTask    *task,
                  gpointer  data)
{
  GError *error = NULL;
  gint64 n = hd_store_outbox_count (self, &error);

  return_count (task, n, error);
}

void
hd_store_outbox_count_async (HdStore             *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (HD_IS_STORE (self));

  queue_job (self, outbox_count_job, NULL, NULL, hd_store_outbox_count_async,
             cancellable, callback, user_data);
}

gint64
hd_store_outbox_count_finish (HdStore       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  return propagate_count (result, error);
}

/* ---- queries, copied ---- */

HdQuery *
hd_query_copy (const HdQuery *query)
{
  HdQuery *copy;

  if (query == NULL)
    return NULL;

  copy = g_new (HdQuery, 1);
  *copy = *query;
  copy->hub_id = g_strdup (query->hub_id);
  copy->from = g_strdup (query->from);
  copy->until = g_strdup (query->until);
  copy->status = g_strdup (query->status);
  copy->ref_field = g_strdup (query->ref_field);
  copy->ref_id = g_strdup (query->ref_id);
  copy->search = g_strdup (query->search);
  copy->order_by = g_strdup (query->order_by);
  copy->where = (const char * const *) g_strdupv ((char **) query->where);

  return copy;
}

void
hd_query_free (HdQuery *query)
{
  if (query == NULL)
    return;

  g_free ((char *) query->hub_id);
  g_free ((char *) query->from);
  g_free ((char *) query->until);
  g_free ((char *) query->status);
  g_free ((char *) query->ref_field);
  g_free ((char *) query->ref_id);
  g_free ((char *) query->search);
  g_free ((char *) query->order_by);
  g_strfreev ((char **) query->where);
  g_free (query);
}

/* ---- the object ---- */

static void
hd_store_finalize (GObject *object)
{
  HdStore *self = HD_STORE (object);

  if (self->worker != NULL)
    {
      g_async_queue_push (self->jobs, (gpointer) &worker_quit);
      if (g_thread_self () == self->worker)
        g_thread_unref (self->worker);
      else
        g_thread_join (self->worker);
      self->worker = NULL;
    }
  g_clear_pointer (&self->jobs, g_async_queue_unref);

  g_clear_pointer (&self->stmts, g_hash_table_unref);
  hd_store_reader_close (self);
  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }

  for (guint e = 0; e < HD_N_ENTITIES; e++)
    {
      entity_sql_clear (&self->sql[e]);
      g_clear_pointer (&self->search_stale[e], g_array_unref);
      g_clear_pointer (&self->search_fresh[e], g_array_unref);
    }

  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->client_id, g_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (hd_store_parent_class)->finalize (object);
}

static void
hd_store_class_init (HdStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hd_store_finalize;

  /**
   * HdStore::changed:
   * @entity: the HdEntity of the records
   * @id: (nullable): the record's id, or NULL when many changed
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);
}

static void
stmt_finalize (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
hd_store_init (HdStore *self)
{
  g_mutex_init (&self->lock);
  /* Keyed by the SQL text's address: every statement kept here is a
   * literal or a string of self->sql, alive as long as the store. */
  self->stmts = g_hash_table_new_full (NULL, NULL, NULL, stmt_finalize);

  for (guint e = 0; e < HD_N_ENTITIES; e++)
    {
      self->search_stale[e] = g_array_new (FALSE, FALSE, sizeof (gint64));
      self->search_fresh[e] = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
}

HdStore *
hd_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(HdStore) self = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *deferred = NULL;
  const HdDbMigration *steps;
  GError *local = NULL;
  sqlite3 *db;
  guint n_steps;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_FAILED,
                   _("The folder “%s” could not be created: %s"),
                   dir, g_strerror (saved_errno));
      return NULL;
    }

  steps = hd_store_schema_migrations (&n_steps);

  /* The version is read before anything could write to the file. */
  db = hd_db_open_checked (path, (int) n_steps, &local);
  if (db == NULL)
    {
      propagate_error (error, local);
      return NULL;
    }
  hd_store_schema_register_functions (db);

  /* A cache that holds the working set of a big first pull or import
   * (SQLite's default of 2 MB spills pages to the WAL over and over). */
  hd_db_exec (db, "PRAGMA cache_size = -" G_STRINGIFY (HD_STORE_CACHE_KIB) ";"
                  "PRAGMA temp_store = MEMORY;"
                  "PRAGMA wal_autocheckpoint = " G_STRINGIFY (HD_STORE_CHECKPOINT_PAGES) ";",
              NULL);

  self = g_object_new (HD_TYPE_STORE, NULL);
  self->db = db;
  self->path = g_strdup (path);
  self->context = g_main_context_ref_thread_default ();
  self->owner = g_thread_self ();

  if (!hd_db_migrate (db, steps, n_steps, NULL, &local) ||
      !hd_store_schema_reconcile (db, &local))
    {
      propagate_error (error, local);
      return NULL;
    }

  self->schema_version = hd_db_get_user_version (db, NULL);

  for (guint e = 0; e < HD_N_ENTITIES; e++)
    entity_sql_init (&self->sql[e], (HdEntity) e);

  self->client_id = get_meta_locked (self, "client_id");
  if (self->client_id == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_CORRUPT,
                   _("The store has lost its client id."));
      return NULL;
    }

  /* An interrupted bulk load left the search index behind: rebuild. */
  deferred = get_meta_locked (self, "search_deferred");
  if (deferred != NULL)
    {
      self->search_deferred = TRUE;
      if (!hd_store_set_search_deferred (self, FALSE, error))
        return NULL;
    }

  self->jobs = g_async_queue_new ();
  self->worker = g_thread_new ("hubdesk-store", worker_main, g_async_queue_ref (self->jobs));

  return g_steal_pointer (&self);
}

const char *
hd_store_get_path (HdStore *self)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  return self->path;
}

const char *
hd_store_get_client_id (HdStore *self)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  return self->client_id;
}

int
hd_store_get_schema_version (HdStore *self)
{
  g_return_val_if_fail (HD_IS_STORE (self), 0);

  return self->schema_version;
}

/* ---- hooks for tests ---- */

static gint64
pragma_int (HdStore    *self,
            const char *sql)
{
  g_autoptr(HdStmt) stmt = NULL;
  gint64 value = -1;

  g_mutex_lock (&self->lock);
  stmt = hd_db_prepare (self->db, sql, NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_mutex_unlock (&self->lock);

  return value;
}

gint64
hd_store_set_max_page_count (HdStore *self,
                             gint64   max_pages)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (HD_IS_STORE (self), -1);

  /* SQLite's largest page count stands for "no limit". */
  sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT,
                         max_pages > 0 ? max_pages : (gint64) 0xfffffffe);
  return pragma_int (self, sql);
}

gint64
hd_store_get_page_count (HdStore *self)
{
  g_return_val_if_fail (HD_IS_STORE (self), -1);

  return pragma_int (self, "PRAGMA page_count");
}
