/* hd-sync-ledger.c — conflicts and rejections waiting for the person
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-db.h"
#include "hd-sync-ledger.h"

struct _HdSyncLedger
{
  gatomicrefcount  ref_count;
  GRecMutex        lock;
  sqlite3         *db;
};

/* ---- boxed types ---- */

void
hd_sync_conflict_free (HdSyncConflict *conflict)
{
  if (conflict == NULL)
    return;

  g_free (conflict->record_id);
  g_free (conflict->hub_id);
  g_clear_pointer (&conflict->local_changes, hd_record_unref);
  g_clear_pointer (&conflict->local, hd_record_unref);
  g_clear_pointer (&conflict->base, hd_record_unref);
  g_clear_pointer (&conflict->server, hd_record_unref);
  g_strfreev (conflict->fields);
  g_free (conflict->created_at);
  g_free (conflict->plan);
  g_free (conflict);
}

static HdRecord *
copy_record (const HdRecord *record)
{
  return record != NULL ? hd_record_copy (record) : NULL;
}

HdSyncConflict *
hd_sync_conflict_copy (const HdSyncConflict *conflict)
{
  HdSyncConflict *copy = g_new0 (HdSyncConflict, 1);

  copy->id = conflict->id;
  copy->entity = conflict->entity;
  copy->record_id = g_strdup (conflict->record_id);
  copy->hub_id = g_strdup (conflict->hub_id);
  copy->local_delete = conflict->local_delete;
  copy->local_changes = copy_record (conflict->local_changes);
  copy->local = copy_record (conflict->local);
  copy->base = copy_record (conflict->base);
  copy->server = copy_record (conflict->server);
  copy->fields = g_strdupv (conflict->fields);
  copy->seq = conflict->seq;
  copy->created_at = g_strdup (conflict->created_at);
  copy->plan = g_strdup (conflict->plan);

  return copy;
}

G_DEFINE_BOXED_TYPE (HdSyncConflict, hd_sync_conflict,
                     hd_sync_conflict_copy, hd_sync_conflict_free)

gboolean
hd_sync_conflict_server_deleted (const HdSyncConflict *conflict)
{
  return conflict->server != NULL && hd_record_get_deleted (conflict->server);
}

void
hd_sync_rejection_free (HdSyncRejection *rejection)
{
  if (rejection == NULL)
    return;

  g_free (rejection->record_id);
  g_free (rejection->hub_id);
  g_free (rejection->code);
  g_free (rejection->message);
  g_free (rejection->reason_json);
  g_free (rejection->created_at);
  g_free (rejection->plan);
  g_free (rejection);
}

HdSyncRejection *
hd_sync_rejection_copy (const HdSyncRejection *rejection)
{
  HdSyncRejection *copy = g_new0 (HdSyncRejection, 1);

  copy->entity = rejection->entity;
  copy->record_id = g_strdup (rejection->record_id);
  copy->hub_id = g_strdup (rejection->hub_id);
  copy->local_delete = rejection->local_delete;
  copy->code = g_strdup (rejection->code);
  copy->message = g_strdup (rejection->message);
  copy->reason_json = g_strdup (rejection->reason_json);
  copy->seq = rejection->seq;
  copy->created_at = g_strdup (rejection->created_at);
  copy->plan = g_strdup (rejection->plan);

  return copy;
}

G_DEFINE_BOXED_TYPE (HdSyncRejection, hd_sync_rejection,
                     hd_sync_rejection_copy, hd_sync_rejection_free)

/* ---- schema ---- */

static gboolean
migrate_1 (sqlite3   *db,
           gpointer   user_data,
           GError   **error)
{
  return hd_db_exec (db,
                     "CREATE TABLE conflict ("
                     "id INTEGER PRIMARY KEY AUTOINCREMENT, "
                     "entity TEXT NOT NULL, "
                     "record_id TEXT NOT NULL, "
                     "hub_id TEXT, "
                     "local_delete INTEGER NOT NULL DEFAULT 0, "
                     "local_changes TEXT NOT NULL, "
                     "local_record TEXT, "
                     "base_record TEXT, "
                     "server_record TEXT, "
                     "fields TEXT NOT NULL DEFAULT '[]', "
                     "seq INTEGER NOT NULL, "
                     "created_at TEXT NOT NULL, "
                     "closed INTEGER NOT NULL DEFAULT 0, "
                     "plan TEXT, "
                     "UNIQUE (entity, record_id));"
                     "CREATE TABLE rejection ("
                     "id INTEGER PRIMARY KEY AUTOINCREMENT, "
                     "entity TEXT NOT NULL, "
                     "record_id TEXT NOT NULL, "
                     "hub_id TEXT, "
                     "local_delete INTEGER NOT NULL DEFAULT 0, "
                     "code TEXT NOT NULL, "
                     "message TEXT, "
                     "reason TEXT, "
                     "seq INTEGER NOT NULL, "
                     "created_at TEXT NOT NULL, "
                     "closed INTEGER NOT NULL DEFAULT 0, "
                     "plan TEXT, "
                     "UNIQUE (entity, record_id));",
                     error);
}

static gboolean
migrate_2 (sqlite3   *db,
           gpointer   user_data,
           GError   **error)
{
  return hd_db_exec (db,
                     "CREATE TABLE chain ("
                     "entity TEXT NOT NULL, "
                     "record_id TEXT NOT NULL, "
                     "from_base INTEGER NOT NULL, "
                     "version INTEGER NOT NULL, "
                     "PRIMARY KEY (entity, record_id));",
                     error);
}

static const HdDbMigration migrations[] = {
  migrate_1,
  migrate_2,
};

char *
hd_sync_ledger_path_for_store (const char *store_path)
{
  g_autofree char *dir = g_path_get_dirname (store_path);
  g_autofree char *base = g_path_get_basename (store_path);
  g_autofree char *name = NULL;

  if (g_str_has_suffix (base, ".db"))
    base[strlen (base) - 3] = '\0';
  name = g_strconcat (base, "-sync.db", NULL);

  return g_build_filename (dir, name, NULL);
}

HdSyncLedger *
hd_sync_ledger_open (const char  *path,
                     GError     **error)
{
  HdSyncLedger *ledger;
  sqlite3 *db;

  db = hd_db_open_checked (path, G_N_ELEMENTS (migrations), error);
  if (db == NULL)
    return NULL;

  if (!hd_db_migrate (db, migrations, G_N_ELEMENTS (migrations), NULL, error))
    {
      sqlite3_close (db);
      return NULL;
    }

  ledger = g_new0 (HdSyncLedger, 1);
  g_atomic_ref_count_init (&ledger->ref_count);
  g_rec_mutex_init (&ledger->lock);
  ledger->db = db;

  return ledger;
}

HdSyncLedger *
hd_sync_ledger_ref (HdSyncLedger *ledger)
{
  g_atomic_ref_count_inc (&ledger->ref_count);
  return ledger;
}

void
hd_sync_ledger_unref (HdSyncLedger *ledger)
{
  if (ledger == NULL || !g_atomic_ref_count_dec (&ledger->ref_count))
    return;

  sqlite3_close (ledger->db);
  g_rec_mutex_clear (&ledger->lock);
  g_free (ledger);
}

/* ---- helpers ---- */

static char *
record_json (const HdRecord *record)
{
  return record != NULL ? hd_record_to_json_string (record) : NULL;
}

static HdRecord *
column_record (sqlite3_stmt *stmt,
               int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  g_autoptr(GError) error = NULL;
  HdRecord *record;

  if (text == NULL)
    return NULL;

  record = hd_record_from_json_string (text, strlen (text), &error);
  if (record == NULL)
    g_warning ("A conflict entry holds a record that cannot be read: %s", error->message);

  return record;
}

static char *
strv_json (char **strv)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

static char **
json_strv (const char *text)
{
  g_autoptr(JsonNode) node = NULL;
  GStrvBuilder *builder = g_strv_builder_new ();
  char **strv;

  if (text != NULL)
    node = json_from_string (text, NULL);
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *item = json_array_get_string_element (array, i);

          if (item != NULL)
            g_strv_builder_add (builder, item);
        }
    }

  strv = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return strv;
}

/* @b's entries added to @a, without doubles */
static char **
strv_union (char       **a,
            char * const *b)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **strv;

  for (guint i = 0; a != NULL && a[i] != NULL; i++)
    g_strv_builder_add (builder, a[i]);
  for (guint i = 0; b != NULL && b[i] != NULL; i++)
    {
      if (a == NULL || !g_strv_contains ((const char * const *) a, b[i]))
        g_strv_builder_add (builder, b[i]);
    }

  strv = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return strv;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

static gboolean
step_done (HdSyncLedger  *ledger,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return hd_db_set_error (error, ledger->db, rc);

  return TRUE;
}

/* ---- conflicts ---- */

#define CONFLICT_COLUMNS \
  "id, entity, record_id, hub_id, local_delete, local_changes, local_record, " \
  "base_record, server_record, fields, seq, created_at, plan"

static HdSyncConflict *
read_conflict (sqlite3_stmt *stmt)
{
  HdSyncConflict *conflict = g_new0 (HdSyncConflict, 1);
  const char *entity_name = (const char *) sqlite3_column_text (stmt, 1);

  conflict->id = sqlite3_column_int64 (stmt, 0);
  if (entity_name == NULL || !hd_entity_from_name (entity_name, &conflict->entity))
    conflict->entity = HD_N_ENTITIES;
  conflict->record_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  conflict->hub_id = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  conflict->local_delete = sqlite3_column_int (stmt, 4) != 0;
  conflict->local_changes = column_record (stmt, 5);
  conflict->local = column_record (stmt, 6);
  conflict->base = column_record (stmt, 7);
  conflict->server = column_record (stmt, 8);
  conflict->fields = json_strv ((const char *) sqlite3_column_text (stmt, 9));
  conflict->seq = sqlite3_column_int64 (stmt, 10);
  conflict->created_at = g_strdup ((const char *) sqlite3_column_text (stmt, 11));
  conflict->plan = g_strdup ((const char *) sqlite3_column_text (stmt, 12));

  if (conflict->entity == HD_N_ENTITIES || conflict->local_changes == NULL)
    {
      hd_sync_conflict_free (conflict);
      return NULL;
    }

  return conflict;
}

/* The row of a record, open or closed; NULL without error if none. */
static HdSyncConflict *
find_conflict_locked (HdSyncLedger  *ledger,
                      HdEntity       entity,
                      const char    *record_id,
                      gboolean      *out_closed,
                      GError       **error)
{
  sqlite3_stmt *stmt;
  HdSyncConflict *conflict = NULL;
  int rc;

  stmt = hd_db_prepare (ledger->db,
                        "SELECT " CONFLICT_COLUMNS ", closed FROM conflict "
                        "WHERE entity = ? AND record_id = ?",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, hd_entity_name (entity), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, record_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      conflict = read_conflict (stmt);
      if (out_closed != NULL)
        *out_closed = sqlite3_column_int (stmt, 13) != 0;
    }
  else if (rc != SQLITE_DONE)
    hd_db_set_error (error, ledger->db, rc);
  sqlite3_finalize (stmt);

  return conflict;
}

/* @older's changes with @newer's on top */
static HdRecord *
join_changes (const HdRecord *older,
              const HdRecord *newer)
{
  HdRecord *joined = hd_record_copy (older);
  const HdEntityInfo *info = hd_record_get_info (newer);

  for (guint i = 0; i < info->n_fields; i++)
    {
      GVariant *value;

      if (!hd_record_has (newer, i))
        continue;
      value = hd_record_get (newer, i);
      hd_record_set (joined, i, value);
    }
  hd_record_set_deleted (joined, hd_record_get_deleted (newer));

  return joined;
}

gboolean
hd_sync_ledger_add_conflict (HdSyncLedger          *ledger,
                             const HdSyncConflict  *conflict,
                             gboolean              *out_recorded,
                             GError               **error)
{
  g_autoptr(HdSyncConflict) existing = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(HdRecord) changes = NULL;
  g_auto(GStrv) fields = NULL;
  g_autofree char *changes_json = NULL;
  g_autofree char *local_json = NULL;
  g_autofree char *base_json = NULL;
  g_autofree char *server_json = NULL;
  g_autofree char *fields_json = NULL;
  g_autofree char *now = hd_timestamp_now ();
  const HdRecord *base;
  sqlite3_stmt *stmt;
  gboolean closed = FALSE;
  gboolean ok;

  g_return_val_if_fail (conflict->local_changes != NULL, FALSE);

  *out_recorded = FALSE;

  g_rec_mutex_lock (&ledger->lock);

  existing = find_conflict_locked (ledger, conflict->entity, conflict->record_id,
                                   &closed, &local_error);
  if (local_error != NULL)
    {
      g_rec_mutex_unlock (&ledger->lock);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* The same answer again: open still (the caller redoes its part), or
   * decided already. A later seq holds newer news. */
  if (existing != NULL && existing->seq >= conflict->seq)
    {
      *out_recorded = existing->seq == conflict->seq && !closed;
      g_rec_mutex_unlock (&ledger->lock);
      return TRUE;
    }

  base = conflict->base;
  if (existing != NULL && !closed)
    {
      /* Still open: one entry per record, holding everything not yet
       * decided. The base stays the one the person first saw. */
      changes = join_changes (existing->local_changes, conflict->local_changes);
      fields = strv_union (existing->fields, conflict->fields);
      if (existing->base != NULL)
        base = existing->base;
    }
  else
    {
      changes = hd_record_copy (conflict->local_changes);
      fields = g_strdupv (conflict->fields);
    }

  changes_json = record_json (changes);
  local_json = record_json (conflict->local);
  base_json = record_json (base);
  server_json = record_json (conflict->server);
  fields_json = strv_json (fields);

  stmt = hd_db_prepare (ledger->db,
                        "INSERT INTO conflict (entity, record_id, hub_id, local_delete, "
                        "local_changes, local_record, base_record, server_record, fields, "
                        "seq, created_at, closed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0) "
                        "ON CONFLICT (entity, record_id) DO UPDATE SET "
                        "hub_id = excluded.hub_id, local_delete = excluded.local_delete, "
                        "local_changes = excluded.local_changes, "
                        "local_record = excluded.local_record, "
                        "base_record = excluded.base_record, "
                        "server_record = excluded.server_record, fields = excluded.fields, "
                        "seq = excluded.seq, created_at = excluded.created_at, closed = 0, plan = NULL",
                        error);
  if (stmt == NULL)
    {
      g_rec_mutex_unlock (&ledger->lock);
      return FALSE;
    }

  sqlite3_bind_text (stmt, 1, hd_entity_name (conflict->entity), -1, SQLITE_STATIC);
  bind_text (stmt, 2, conflict->record_id);
  bind_text (stmt, 3, conflict->hub_id);
  sqlite3_bind_int (stmt, 4, conflict->local_delete);
  bind_text (stmt, 5, changes_json);
  bind_text (stmt, 6, local_json);
  bind_text (stmt, 7, base_json);
  bind_text (stmt, 8, server_json);
  bind_text (stmt, 9, fields_json);
  sqlite3_bind_int64 (stmt, 10, conflict->seq);
  bind_text (stmt, 11, existing != NULL && !closed ? existing->created_at : now);
  ok = step_done (ledger, stmt, error);
  sqlite3_finalize (stmt);

  g_rec_mutex_unlock (&ledger->lock);

  *out_recorded = ok;
  return ok;
}

static GPtrArray *
select_conflicts (HdSyncLedger  *ledger,
                  const char    *where,
                  gint64         id,
                  GError       **error)
{
  g_autofree char *sql = g_strconcat ("SELECT " CONFLICT_COLUMNS " FROM conflict WHERE ",
                                      where, " ORDER BY id", NULL);
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_sync_conflict_free);
  sqlite3_stmt *stmt;
  int rc;

  g_rec_mutex_lock (&ledger->lock);
  stmt = hd_db_prepare (ledger->db, sql, error);
  if (stmt == NULL)
    {
      g_rec_mutex_unlock (&ledger->lock);
      return NULL;
    }

  if (id >= 0)
    sqlite3_bind_int64 (stmt, 1, id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HdSyncConflict *conflict = read_conflict (stmt);

      if (conflict != NULL)
        g_ptr_array_add (conflicts, conflict);
    }
  if (rc != SQLITE_DONE)
    {
      hd_db_set_error (error, ledger->db, rc);
      sqlite3_finalize (stmt);
      g_rec_mutex_unlock (&ledger->lock);
      return NULL;
    }
  sqlite3_finalize (stmt);
  g_rec_mutex_unlock (&ledger->lock);

  return g_steal_pointer (&conflicts);
}

GPtrArray *
hd_sync_ledger_list_conflicts (HdSyncLedger  *ledger,
                               GError       **error)
{
  return select_conflicts (ledger, "closed = 0", -1, error);
}

HdSyncConflict *
hd_sync_ledger_get_conflict (HdSyncLedger  *ledger,
                             gint64         id,
                             GError       **error)
{
  g_autoptr(GPtrArray) found = select_conflicts (ledger, "closed = 0 AND id = ?", id, error);

  if (found == NULL)
    return NULL;

  if (found->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no open conflict with the number %lld."), (long long) id);
      return NULL;
    }

  return hd_sync_conflict_copy (g_ptr_array_index (found, 0));
}

HdSyncConflict *
hd_sync_ledger_find_conflict (HdSyncLedger  *ledger,
                              HdEntity       entity,
                              const char    *record_id,
                              GError       **error)
{
  HdSyncConflict *conflict;
  gboolean closed = FALSE;

  g_rec_mutex_lock (&ledger->lock);
  conflict = find_conflict_locked (ledger, entity, record_id, &closed, error);
  g_rec_mutex_unlock (&ledger->lock);

  if (conflict != NULL && closed)
    g_clear_pointer (&conflict, hd_sync_conflict_free);

  return conflict;
}

gboolean
hd_sync_ledger_close_conflict (HdSyncLedger  *ledger,
                               gint64         id,
                               GError       **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_rec_mutex_lock (&ledger->lock);
  stmt = hd_db_prepare (ledger->db, "UPDATE conflict SET closed = 1 WHERE id = ?", error);
  if (stmt == NULL)
    {
      g_rec_mutex_unlock (&ledger->lock);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  ok = step_done (ledger, stmt, error);
  sqlite3_finalize (stmt);
  g_rec_mutex_unlock (&ledger->lock);

  return ok;
}

/* ---- rejections ---- */

#define REJECTION_COLUMNS \
  "entity, record_id, hub_id, local_delete, code, message, reason, seq, created_at, plan"

static HdSyncRejection *
read_rejection (sqlite3_stmt *stmt)
{
  HdSyncRejection *rejection = g_new0 (HdSyncRejection, 1);
  const char *entity_name = (const char *) sqlite3_column_text (stmt, 0);

  if (entity_name == NULL || !hd_entity_from_name (entity_name, &rejection->entity))
    {
      g_free (rejection);
      return NULL;
    }
  rejection->record_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  rejection->hub_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  rejection->local_delete = sqlite3_column_int (stmt, 3) != 0;
  rejection->code = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  rejection->message = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  rejection->reason_json = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  rejection->seq = sqlite3_column_int64 (stmt, 7);
  rejection->created_at = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
  rejection->plan = g_strdup ((const char *) sqlite3_column_text (stmt, 9));

  return rejection;
}

gboolean
hd_sync_ledger_add_rejection (HdSyncLedger           *ledger,
                              const HdSyncRejection  *rejection,
                              gboolean               *out_recorded,
                              GError                **error)
{
  g_autofree char *now = hd_timestamp_now ();
  sqlite3_stmt *stmt;
  gboolean ok;
  int rc;

  *out_recorded = FALSE;

  g_rec_mutex_lock (&ledger->lock);

  stmt = hd_db_prepare (ledger->db,
                        "SELECT seq, closed FROM rejection WHERE entity = ? AND record_id = ?",
                        error);
  if (stmt == NULL)
    {
      g_rec_mutex_unlock (&ledger->lock);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, hd_entity_name (rejection->entity), -1, SQLITE_STATIC);
  bind_text (stmt, 2, rejection->record_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) >= rejection->seq)
    {
      *out_recorded = sqlite3_column_int64 (stmt, 0) == rejection->seq &&
                      sqlite3_column_int (stmt, 1) == 0;
      sqlite3_finalize (stmt);
      g_rec_mutex_unlock (&ledger->lock);
      return TRUE;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      g_rec_mutex_unlock (&ledger->lock);
      return hd_db_set_error (error, ledger->db, rc);
    }

  stmt = hd_db_prepare (ledger->db,
                        "INSERT INTO rejection (entity, record_id, hub_id, local_delete, code, "
                        "message, reason, seq, created_at, closed) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0) "
                        "ON CONFLICT (entity, record_id) DO UPDATE SET "
                        "hub_id = excluded.hub_id, local_delete = excluded.local_delete, "
                        "code = excluded.code, message = excluded.message, "
                        "reason = excluded.reason, seq = excluded.seq, "
                        "created_at = excluded.created_at, closed = 0, plan = NULL",
                        error);
  if (stmt == NULL)
    {
      g_rec_mutex_unlock (&ledger->lock);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, hd_entity_name (rejection->entity), -1, SQLITE_STATIC);
  bind_text (stmt, 2, rejection->record_id);
  bind_text (stmt, 3, rejection->hub_id);
  sqlite3_bind_int (stmt, 4, rejection->local_delete);
  bind_text (stmt, 5, rejection->code != NULL ? rejection->code : "rejected");
  bind_text (stmt, 6, rejection->message);
  bind_text (stmt, 7, rejection->reason_json);
  sqlite3_bind_int64 (stmt, 8, rejection->seq);
  bind_text (stmt, 9, now);
  ok = step_done (ledger, stmt, error);
  sqlite3_finalize (stmt);
  g_rec_mutex_unlock (&ledger->lock);

  *out_recorded = ok;
  return ok;
}

static GPtrArray *
select_rejections (HdSyncLedger  *ledger,
                   HdEntity       entity,
                   const char    *record_id,
                   GError       **error)
{
  g_autoptr(GPtrArray) rejections = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_sync_rejection_free);
  sqlite3_stmt *stmt;
  int rc;

  g_rec_mutex_lock (&ledger->lock);
  stmt = hd_db_prepare (ledger->db,
                        record_id != NULL
                        ? "SELECT " REJECTION_COLUMNS " FROM rejection "
                          "WHERE closed = 0 AND entity = ? AND record_id = ?"
                        : "SELECT " REJECTION_COLUMNS " FROM rejection "
                          "WHERE closed = 0 ORDER BY id",
                        error);
  if (stmt == NULL)
    {
      g_rec_mutex_unlock (&ledger->lock);
      return NULL;
    }
  if (record_id != NULL)
    {
      sqlite3_bind_text (stmt, 1, hd_entity_name (entity), -1, SQLITE_STATIC);
      bind_text (stmt, 2, record_id);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HdSyncRejection *rejection = read_rejection (stmt);

      if (rejection != NULL)
        g_ptr_array_add (rejections, rejection);
    }
  if (rc != SQLITE_DONE)
    {
      hd_db_set_error (error, ledger->db, rc);
      sqlite3_finalize (stmt);
      g_rec_mutex_unlock (&ledger->lock);
      return NULL;
    }
  sqlite3_finalize (stmt);
  g_rec_mutex_unlock (&ledger->lock);

  return g_steal_pointer (&rejections);
}

GPtrArray *
hd_sync_ledger_list_rejections (HdSyncLedger  *ledger,
                                GError       **error)
{
  return select_rejections (ledger, HD_N_ENTITIES, NULL, error);
}

HdSyncRejection *
hd_sync_ledger_find_rejection (HdSyncLedger  *ledger,
                               HdEntity       entity,
                               const char    *record_id,
                               GError       **error)
{
  g_autoptr(GPtrArray) found = select_rejections (ledger, entity, record_id, error);

  if (found == NULL || found->len == 0)
    return NULL;

  return hd_sync_rejection_copy (g_ptr_array_index (found, 0));
}

gboolean
hd_sync_ledger_close_rejection (HdSyncLedger  *ledger,
                                HdEntity       entity,
                                const char    *record_id,
                                GError       **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_rec_mutex_lock (&ledger->lock);
  stmt = hd_db_prepare (ledger->db,
                        "UPDATE rejection SET closed = 1 WHERE entity = ? AND record_id = ?",
                        error);
  if (stmt == NULL)
    {
      g_rec_mutex_unlock (&ledger->lock);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, hd_entity_name (entity), -1, SQLITE_STATIC);
  bind_text (stmt, 2, record_id);
  ok = step_done (ledger, stmt, error);
  sqlite3_finalize (stmt);
  g_rec_mutex_unlock (&ledger->lock);

  return ok;
}

static gboolean
update_plan (HdSyncLedger  *ledger,
             const char    *sql,
             const char    *plan,
             gint64         id,
             HdEntity       entity,
             const char    *record_id,
             GError       **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_rec_mutex_lock (&ledger->lock);
  stmt = hd_db_prepare (ledger->db, sql, error);
  if (stmt == NULL)
    {
      g_rec_mutex_unlock (&ledger->lock);
      return FALSE;
    }
  bind_text (stmt, 1, plan);
  if (record_id == NULL)
    sqlite3_bind_int64 (stmt, 2, id);
  else
    {
      sqlite3_bind_text (stmt, 2, hd_entity_name (entity), -1, SQLITE_STATIC);
      bind_text (stmt, 3, record_id);
    }
  ok = step_done (ledger, stmt, error);
  sqlite3_finalize (stmt);
  g_rec_mutex_unlock (&ledger->lock);

  return ok;
}

gboolean
hd_sync_ledger_set_conflict_plan (HdSyncLedger  *ledger,
                                  gint64         id,
                                  const char    *plan,
                                  GError       **error)
{
  return update_plan (ledger, "UPDATE conflict SET plan = ? WHERE id = ? AND closed = 0",
                      plan, id, HD_N_ENTITIES, NULL, error);
}

gboolean
hd_sync_ledger_set_rejection_plan (HdSyncLedger  *ledger,
                                   HdEntity       entity,
                                   const char    *record_id,
                                   const char    *plan,
                                   GError       **error)
{
  return update_plan (ledger,
                      "UPDATE rejection SET plan = ? WHERE entity = ? AND record_id = ? AND closed = 0",
                      plan, 0, entity, record_id, error);
}

/* ---- transactions ---- */

gboolean
hd_sync_ledger_begin (HdSyncLedger  *ledger,
                      GError       **error)
{
  g_rec_mutex_lock (&ledger->lock);
  if (!hd_db_begin (ledger->db, error))
    {
      g_rec_mutex_unlock (&ledger->lock);
      return FALSE;
    }
  return TRUE;
}

gboolean
hd_sync_ledger_commit (HdSyncLedger  *ledger,
                       GError       **error)
{
  gboolean ok = hd_db_commit (ledger->db, error);

  if (!ok)
    hd_db_rollback (ledger->db);
  g_rec_mutex_unlock (&ledger->lock);
  return ok;
}

void
hd_sync_ledger_rollback (HdSyncLedger *ledger)
{
  hd_db_rollback (ledger->db);
  g_rec_mutex_unlock (&ledger->lock);
}

/* ---- chains of own changes ---- */

gboolean
hd_sync_ledger_get_chain (HdSyncLedger *ledger,
                          HdEntity      entity,
                          const char   *record_id,
                          gint64       *out_from_base,
                          gint64       *out_version)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_rec_mutex_lock (&ledger->lock);
  stmt = hd_db_prepare (ledger->db,
                        "SELECT from_base, version FROM chain WHERE entity = ? AND record_id = ?",
                        NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, hd_entity_name (entity), -1, SQLITE_STATIC);
      bind_text (stmt, 2, record_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          *out_from_base = sqlite3_column_int64 (stmt, 0);
          *out_version = sqlite3_column_int64 (stmt, 1);
          found = TRUE;
        }
    }
  sqlite3_finalize (stmt);
  g_rec_mutex_unlock (&ledger->lock);

  return found;
}

gboolean
hd_sync_ledger_set_chain (HdSyncLedger  *ledger,
                          HdEntity       entity,
                          const char    *record_id,
                          gint64         from_base,
                          gint64         version,
                          GError       **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_rec_mutex_lock (&ledger->lock);
  stmt = hd_db_prepare (ledger->db,
                        "INSERT INTO chain (entity, record_id, from_base, version) "
                        "VALUES (?, ?, ?, ?) ON CONFLICT (entity, record_id) DO UPDATE SET "
                        "from_base = excluded.from_base, version = excluded.version",
                        error);
  if (stmt == NULL)
    {
      g_rec_mutex_unlock (&ledger->lock);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, hd_entity_name (entity), -1, SQLITE_STATIC);
  bind_text (stmt, 2, record_id);
  sqlite3_bind_int64 (stmt, 3, from_base);
  sqlite3_bind_int64 (stmt, 4, version);
  ok = step_done (ledger, stmt, error);
  sqlite3_finalize (stmt);
  g_rec_mutex_unlock (&ledger->lock);

  return ok;
}

gboolean
hd_sync_ledger_drop_chain (HdSyncLedger  *ledger,
                           HdEntity       entity,
                           const char    *record_id,
                           GError       **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_rec_mutex_lock (&ledger->lock);
  stmt = hd_db_prepare (ledger->db, "DELETE FROM chain WHERE entity = ? AND record_id = ?",
                        error);
  if (stmt == NULL)
    {
      g_rec_mutex_unlock (&ledger->lock);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, hd_entity_name (entity), -1, SQLITE_STATIC);
  bind_text (stmt, 2, record_id);
  ok = step_done (ledger, stmt, error);
  sqlite3_finalize (stmt);
  g_rec_mutex_unlock (&ledger->lock);

  return ok;
}

gboolean
hd_sync_ledger_clear_chains (HdSyncLedger  *ledger,
                             GError       **error)
{
  gboolean ok;

  g_rec_mutex_lock (&ledger->lock);
  ok = hd_db_exec (ledger->db, "DELETE FROM chain", error);
  g_rec_mutex_unlock (&ledger->lock);

  return ok;
}

/* ---- counts and upkeep ---- */

static gint64
count (HdSyncLedger *ledger,
       const char   *sql)
{
  sqlite3_stmt *stmt;
  gint64 n = 0;

  g_rec_mutex_lock (&ledger->lock);
  stmt = hd_db_prepare (ledger->db, sql, NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_rec_mutex_unlock (&ledger->lock);

  return n;
}

gint64
hd_sync_ledger_count_conflicts (HdSyncLedger *ledger)
{
  return count (ledger, "SELECT count(*) FROM conflict WHERE closed = 0");
}

gint64
hd_sync_ledger_count_rejections (HdSyncLedger *ledger)
{
  return count (ledger, "SELECT count(*) FROM rejection WHERE closed = 0");
}

gboolean
hd_sync_ledger_prune (HdSyncLedger  *ledger,
                      gint64         acknowledged,
                      GError       **error)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM conflict WHERE closed = 1 AND seq <= %" G_GINT64_FORMAT ";"
                                          "DELETE FROM rejection WHERE closed = 1 AND seq <= %" G_GINT64_FORMAT ";",
                                          acknowledged, acknowledged);
  gboolean ok;

  g_rec_mutex_lock (&ledger->lock);
  ok = hd_db_exec (ledger->db, sql, error);
  g_rec_mutex_unlock (&ledger->lock);

  return ok;
}

gboolean
hd_sync_ledger_clear (HdSyncLedger  *ledger,
                      GError       **error)
{
  gboolean ok;

  g_rec_mutex_lock (&ledger->lock);
  ok = hd_db_exec (ledger->db, "DELETE FROM conflict; DELETE FROM rejection; DELETE FROM chain;",
                   error);
  g_rec_mutex_unlock (&ledger->lock);

  return ok;
}
