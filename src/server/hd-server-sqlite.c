/* hd-server-sqlite.c — the server's storage in SQLite
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tables:
 *   meta        the version counter and the newest purged version
 *   users, memberships, tokens (SHA-256 of the token only)
 *   clients     per client_id: its user and last seq
 *   results     the stored result of every (client_id, seq)
 *   rec_<name>  one table per entity of the model: the common columns,
 *               one column per field (hd_db_columns_sql()) and, per field,
 *               "<field>__v", the version in which the field last changed
 *   changes     the change feed: one row per record and hub, keyed by
 *               version, holding the change as JSON ready to send
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-db.h"
#include "hd-server-storage.h"

#define SCHEMA_VERSION 3

struct _HdServerStorage {
  char   *path;
  gint64  max_pages;
};

struct _HdServerConn {
  HdServerStorage *storage;
  sqlite3         *db;
  GHashTable      *stmts;             /* SQL (by address) → sqlite3_stmt */
  GHashTable      *dynamic_stmts;     /* SQL (by text) → sqlite3_stmt */
  char            *load_sql[HD_N_ENTITIES];
  char            *store_sql[HD_N_ENTITIES];
  char            *columns_sql[HD_N_ENTITIES];
  char            *exists_sql[HD_N_ENTITIES];
  char            *version_sql[HD_N_ENTITIES];
  guint            savepoints;
  /* In a write: the counter, written back once before COMMIT. */
  gint64           counter;
  gboolean         counter_loaded;
  gboolean         counter_dirty;
};

/* Common columns before the fields: id, hub_id, version, deleted,
 * created_at, updated_at, updated_by. */
#define N_COMMON 7

/* Helpers {{{1 */

static char *
quote_ident (const char *name)
{
  GString *s = g_string_new ("\"");

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');

  return g_string_free (s, FALSE);
}

static char *
table_name (HdEntity entity)
{
  g_autofree char *plain = g_strdup_printf ("rec_%s", hd_entity_name (entity));

  return quote_ident (plain);
}

static sqlite3_stmt *
stmt_lookup (HdServerConn  *conn,
             GHashTable    *cache,
             const char    *sql,
             gboolean       copy_key,
             GError       **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (cache, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  stmt = hd_db_prepare (conn->db, sql, error);
  if (stmt == NULL)
    return NULL;

  g_hash_table_insert (cache, copy_key ? g_strdup (sql) : (gpointer) sql, stmt);
  return stmt;
}

/* For SQL whose text lives as long as the connection: string literals and
 * the connection's own per-entity statements. Looked up by address. */
static sqlite3_stmt *
stmt_get (HdServerConn  *conn,
          const char    *sql,
          GError       **error)
{
  return stmt_lookup (conn, conn->stmts, sql, FALSE, error);
}

/* For SQL made on the fly. */
static sqlite3_stmt *
stmt_get_dynamic (HdServerConn  *conn,
                  const char    *sql,
                  GError       **error)
{
  return stmt_lookup (conn, conn->dynamic_stmts, sql, TRUE, error);
}

static void
stmt_finalize (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

/* Steps a statement that returns no rows. */
static gboolean
stmt_done (HdServerConn  *conn,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return hd_db_set_error (error, conn->db, rc);

  return TRUE;
}

static gboolean
step_error (HdServerConn  *conn,
            sqlite3_stmt  *stmt,
            int            rc,
            GError       **error)
{
  sqlite3_reset (stmt);
  return hd_db_set_error (error, conn->db, rc);
}

/* Steps a statement whose parameters are bound: *@out_exists tells
 * whether it gives a row. */
static gboolean
step_exists (HdServerConn  *conn,
             sqlite3_stmt  *stmt,
             gboolean      *out_exists,
             GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    *out_exists = TRUE;
  else if (rc != SQLITE_DONE)
    return step_error (conn, stmt, rc, error);

  sqlite3_reset (stmt);
  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

static gboolean
meta_get (HdServerConn  *conn,
          const char    *key,
          gint64        *out_value,
          GError       **error)
{
  sqlite3_stmt *stmt = stmt_get (conn, "SELECT value FROM meta WHERE key = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_value = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    *out_value = 0;
  else
    return step_error (conn, stmt, rc, error);

  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
meta_set (HdServerConn  *conn,
          const char    *key,
          gint64         value,
          GError       **error)
{
  sqlite3_stmt *stmt = stmt_get (conn,
                                 "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                 error);

  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, key);
  sqlite3_bind_int64 (stmt, 2, value);
  return stmt_done (conn, stmt, error);
}

/* Small types {{{1 */

const char *
hd_server_role_name (HdServerRole role)
{
  switch (role)
    {
    case HD_SERVER_ROLE_MANAGER:
      return "manager";
    case HD_SERVER_ROLE_VIEWER:
      return "viewer";
    case HD_SERVER_ROLE_NONE:
    default:
      return "none";
    }
}

gboolean
hd_server_role_from_name (const char   *name,
                          HdServerRole *out_role)
{
  if (g_strcmp0 (name, "manager") == 0)
    *out_role = HD_SERVER_ROLE_MANAGER;
  else if (g_strcmp0 (name, "viewer") == 0)
    *out_role = HD_SERVER_ROLE_VIEWER;
  else
    return FALSE;

  return TRUE;
}

void
hd_server_membership_free (HdServerMembership *membership)
{
  if (membership == NULL)
    return;

  g_free (membership->hub_id);
  g_free (membership->hub_name);
  g_free (membership);
}

void
hd_server_user_free (HdServerUser *user)
{
  if (user == NULL)
    return;

  g_free (user->id);
  g_free (user->login);
  g_free (user->name);
  g_clear_pointer (&user->memberships, g_ptr_array_unref);
  g_free (user);
}

void
hd_server_change_free (HdServerChange *change)
{
  if (change == NULL)
    return;

  g_free (change->id);
  g_free (change->hub_id);
  g_free (change->doc);
  g_free (change);
}

void
hd_server_stored_free (HdServerStored *stored)
{
  if (stored == NULL)
    return;

  g_clear_pointer (&stored->record, hd_record_unref);
  g_free (stored);
}

/* Schema {{{1 */

/* The table of @e with its field-version columns and indexes. */
static void
append_entity_table (GString  *sql,
                     HdEntity  e)
{
  const HdEntityInfo *info = hd_entity_info (e);
  g_autofree char *table = table_name (e);
  g_autofree char *columns = hd_db_columns_sql (e);

  g_string_append_printf (sql,
                          "CREATE TABLE %s ("
                          "  id TEXT PRIMARY KEY,"
                          "  hub_id TEXT NOT NULL,"
                          "  version INTEGER NOT NULL,"
                          "  deleted INTEGER NOT NULL DEFAULT 0,"
                          "  created_at TEXT,"
                          "  updated_at TEXT,"
                          "  updated_by TEXT"
                          "  %s",
                          table, columns);
  for (guint i = 0; i < info->n_fields; i++)
    {
      g_autofree char *plain = g_strdup_printf ("%s__v", info->fields[i].name);
      g_autofree char *name = quote_ident (plain);

      g_string_append_printf (sql, ", %s INTEGER NOT NULL DEFAULT 0", name);
    }
  g_string_append (sql, ");");

  g_string_append_printf (sql, "CREATE INDEX \"rec_%s__hub\" ON %s (hub_id);",
                          info->name, table);
  for (guint i = 0; i < info->n_fields; i++)
    {
      g_autofree char *name = quote_ident (info->fields[i].name);

      if (info->fields[i].type != HD_TYPE_REF)
        continue;
      g_string_append_printf (sql, "CREATE INDEX \"rec_%s__%s\" ON %s (%s);",
                              info->name, info->fields[i].name, table, name);
    }
}

static gboolean
migrate_1 (sqlite3   *db,
           gpointer   user_data,
           GError   **error)
{
  GString *sql = g_string_new (NULL);
  gboolean ok;

  g_string_append (sql,
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);"
    "INSERT INTO meta (key, value) VALUES ('version', 0), ('purged_version', 0);"
    "CREATE TABLE users ("
    "  id TEXT PRIMARY KEY,"
    "  login TEXT NOT NULL UNIQUE COLLATE NOCASE,"
    "  name TEXT NOT NULL,"
    "  password_hash TEXT NOT NULL,"
    "  created_at INTEGER NOT NULL,"
    "  membership_version INTEGER NOT NULL DEFAULT 0);");

  for (guint e = 0; e < HD_N_ENTITIES; e++)
    append_entity_table (sql, e);

  g_string_append (sql,
    "CREATE TABLE memberships ("
    "  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
    "  hub_id TEXT NOT NULL REFERENCES rec_hub (id),"
    "  role TEXT NOT NULL CHECK (role IN ('manager', 'viewer')),"
    "  granted_version INTEGER NOT NULL,"
    "  PRIMARY KEY (user_id, hub_id));"
    "CREATE TABLE tokens ("
    "  hash BLOB PRIMARY KEY,"
    "  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
    "  device TEXT,"
    "  created_at INTEGER NOT NULL,"
    "  expires_at INTEGER NOT NULL);"
    "CREATE INDEX tokens_user ON tokens (user_id);"
    "CREATE TABLE clients ("
    "  client_id TEXT PRIMARY KEY,"
    "  user_id TEXT NOT NULL,"
    "  last_seq INTEGER NOT NULL);"
    "CREATE TABLE results ("
    "  client_id TEXT NOT NULL,"
    "  seq INTEGER NOT NULL,"
    "  created_at INTEGER NOT NULL,"
    "  result TEXT NOT NULL,"
    "  PRIMARY KEY (client_id, seq));"
    "CREATE INDEX results_created ON results (created_at);"
    "CREATE TABLE changes ("
    "  version INTEGER PRIMARY KEY,"
    "  entity INTEGER NOT NULL,"
    "  id TEXT NOT NULL,"
    "  hub_id TEXT NOT NULL,"
    "  gone INTEGER NOT NULL DEFAULT 0,"
    "  deleted INTEGER NOT NULL DEFAULT 0,"
    "  changed_at INTEGER NOT NULL,"
    "  doc TEXT NOT NULL);"
    "CREATE INDEX changes_hub ON changes (hub_id, version);"
    "CREATE INDEX changes_tombstones ON changes (changed_at) WHERE gone OR deleted;");

  ok = hd_db_exec (db, sql->str, error);
  g_string_free (sql, TRUE);

  return ok;
}

static gboolean
table_exists (sqlite3    *db,
              const char *name)
{
  sqlite3_stmt *stmt = hd_db_prepare (db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", NULL);
  gboolean exists;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  exists = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);

  return exists;
}

/* Version 2: tables of entities added to the model after version 1
 * (hub_figure); a database made from scratch has them already. */
static gboolean
migrate_2 (sqlite3   *db,
           gpointer   user_data,
           GError   **error)
{
  GString *sql = g_string_new (NULL);
  gboolean ok;

  for (guint e = 0; e < HD_N_ENTITIES; e++)
    {
      g_autofree char *plain = g_strdup_printf ("rec_%s", hd_entity_name (e));

      if (!table_exists (db, plain))
        append_entity_table (sql, e);
    }

  ok = sql->len == 0 || hd_db_exec (db, sql->str, error);
  g_string_free (sql, TRUE);

  return ok;
}

/* Version 3: a recurring booking's single occurrences (exdates,
 * series_id, recurrence_id). A database made from this schema has the
 * columns already. */
static gboolean
migrate_3_booking_occurrences (sqlite3   *db,
                               gpointer   user_data,
                               GError   **error)
{
  static const char * const names[] = { "exdates", "series_id", "recurrence_id" };
  g_autofree char *table = table_name (HD_ENTITY_BOOKING);
  sqlite3_stmt *stmt = NULL;
  GString *sql;
  gboolean ok, present = FALSE;

  /* (a SELECT would not tell: SQLite reads an unknown "name" as text) */
  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM pragma_table_info('rec_booking') "
                              "WHERE name = 'exdates'", -1, &stmt, NULL) == SQLITE_OK)
    present = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  if (present)
    return TRUE;

  sql = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      int index = hd_entity_field_index (HD_ENTITY_BOOKING, names[i]);
      const HdField *field = hd_entity_field (HD_ENTITY_BOOKING, (guint) index);
      g_autofree char *name = quote_ident (names[i]);
      g_autofree char *plain = g_strdup_printf ("%s__v", names[i]);
      g_autofree char *version = quote_ident (plain);

      g_string_append_printf (sql, "ALTER TABLE %s ADD COLUMN %s %s;"
                              "ALTER TABLE %s ADD COLUMN %s INTEGER NOT NULL DEFAULT 0;",
                              table, name, hd_db_column_type (field->type),
                              table, version);
      if (field->type == HD_TYPE_REF)
        g_string_append_printf (sql, "CREATE INDEX \"rec_booking__%s\" ON %s (%s);",
                                names[i], table, name);
    }

  ok = hd_db_exec (db, sql->str, error);
  g_string_free (sql, TRUE);
  return ok;
}

static const HdDbMigration migrations[] = {
  migrate_1,
  migrate_2,
  migrate_3_booking_occurrences,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == SCHEMA_VERSION);

/* Reads user_version without writing anything (not even the WAL mode). */
static gboolean
peek_user_version (const char  *path,
                   int         *out_version,
                   GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      hd_db_set_error (error, db, rc);
      sqlite3_close (db);
      return FALSE;
    }

  sqlite3_busy_timeout (db, 10000);
  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      hd_db_set_error (error, db, rc);
      sqlite3_finalize (stmt);
      sqlite3_close (db);
      return FALSE;
    }

  *out_version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return TRUE;
}

/* Storage and connections {{{1 */

HdServerStorage *
hd_server_storage_open (const char                    *path,
                        const HdServerStorageOptions  *options,
                        gboolean                       create,
                        GError                       **error)
{
  HdServerStorage *storage;
  sqlite3 *db;
  int version = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (!peek_user_version (path, &version, error))
        return NULL;
      if (version > SCHEMA_VERSION)
        {
          g_set_error (error, HD_DB_ERROR, HD_DB_ERROR_NEWER_VERSION,
                       _("The database %s was made by a newer version of the "
                         "Hubdesk server (format %d; this version knows up to "
                         "%d). It was left untouched."),
                       path, version, SCHEMA_VERSION);
          return NULL;
        }
    }
  else if (!create)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no database at %s. Create one with "
                     "“hubdesk-server init --db %s”."), path, path);
      return NULL;
    }

  db = hd_db_open (path, error);
  if (db == NULL)
    return NULL;

  if (!hd_db_migrate (db, migrations, G_N_ELEMENTS (migrations), NULL, error))
    {
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_close (db);

  storage = g_new0 (HdServerStorage, 1);
  storage->path = g_strdup (path);
  storage->max_pages = options != NULL ? options->max_pages : 0;

  return storage;
}

void
hd_server_storage_free (HdServerStorage *storage)
{
  if (storage == NULL)
    return;

  g_free (storage->path);
  g_free (storage);
}

const char *
hd_server_storage_path (HdServerStorage *storage)
{
  return storage->path;
}

static void
build_entity_sql (HdServerConn *conn,
                  HdEntity      entity)
{
  const HdEntityInfo *info = hd_entity_info (entity);
  g_autofree char *table = table_name (entity);
  GString *columns = g_string_new ("id, hub_id, version, deleted, created_at, updated_at, updated_by");
  GString *params = g_string_new ("?1, ?2, ?3, ?4, ?5, ?6, ?7");
  guint n = N_COMMON;

  for (guint i = 0; i < info->n_fields; i++)
    {
      g_autofree char *name = quote_ident (info->fields[i].name);

      g_string_append_printf (columns, ", %s", name);
      g_string_append_printf (params, ", ?%u", ++n);
    }
  for (guint i = 0; i < info->n_fields; i++)
    {
      g_autofree char *plain = g_strdup_printf ("%s__v", info->fields[i].name);
      g_autofree char *name = quote_ident (plain);

      g_string_append_printf (columns, ", %s", name);
      g_string_append_printf (params, ", ?%u", ++n);
    }

  conn->load_sql[entity] = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?1",
                                            columns->str, table);
  conn->store_sql[entity] = g_strdup_printf ("INSERT OR REPLACE INTO %s (%s) VALUES (%s)",
                                             table, columns->str, params->str);
  conn->version_sql[entity] = g_strdup_printf ("SELECT version FROM %s WHERE id = ?1", table);
  conn->exists_sql[entity] = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?1 AND hub_id = ?2 "
                                              "AND deleted = 0", table);
  conn->columns_sql[entity] = g_string_free (columns, FALSE);
  g_string_free (params, TRUE);
}

HdServerConn *
hd_server_conn_new (HdServerStorage  *storage,
                    GError          **error)
{
  HdServerConn *conn;
  sqlite3 *db;

  db = hd_db_open (storage->path, error);
  if (db == NULL)
    return NULL;

  /* A page cache large enough for the hot parts of the indexes. */
  if (!hd_db_exec (db, "PRAGMA cache_size = -16384", error))
    {
      sqlite3_close (db);
      return NULL;
    }

  if (storage->max_pages > 0)
    {
      g_autofree char *pragma = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT,
                                                 storage->max_pages);

      if (!hd_db_exec (db, pragma, error))
        {
          sqlite3_close (db);
          return NULL;
        }
    }

  conn = g_new0 (HdServerConn, 1);
  conn->storage = storage;
  conn->db = db;
  conn->stmts = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, stmt_finalize);
  conn->dynamic_stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, stmt_finalize);
  for (guint e = 0; e < HD_N_ENTITIES; e++)
    build_entity_sql (conn, e);

  return conn;
}

void
hd_server_conn_free (HdServerConn *conn)
{
  if (conn == NULL)
    return;

  if (!sqlite3_get_autocommit (conn->db))
    sqlite3_exec (conn->db, "ROLLBACK", NULL, NULL, NULL);

  g_hash_table_unref (conn->stmts);
  g_hash_table_unref (conn->dynamic_stmts);
  for (guint e = 0; e < HD_N_ENTITIES; e++)
    {
      g_free (conn->load_sql[e]);
      g_free (conn->store_sql[e]);
      g_free (conn->columns_sql[e]);
      g_free (conn->exists_sql[e]);
      g_free (conn->version_sql[e]);
    }
  sqlite3_close (conn->db);
  g_free (conn);
}

/* Transactions {{{1 */

gboolean
hd_server_conn_begin_read (HdServerConn  *conn,
                           GError       **error)
{
  /* A deferred transaction becomes a snapshot at its first read. */
  if (!hd_db_exec (conn->db, "BEGIN", error))
    return FALSE;

  /* Touch the database so the snapshot starts now. */
  {
    gint64 ignored;

    if (!meta_get (conn, "version", &ignored, error))
      {
        hd_server_conn_end_read (conn);
        return FALSE;
      }
  }

  return TRUE;
}

void
hd_server_conn_end_read (HdServerConn *conn)
{
  if (!sqlite3_get_autocommit (conn->db))
    sqlite3_exec (conn->db, "COMMIT", NULL, NULL, NULL);
}

gboolean
hd_server_conn_begin_write (HdServerConn  *conn,
                            GError       **error)
{
  conn->savepoints = 0;
  conn->counter_loaded = FALSE;
  conn->counter_dirty = FALSE;
  return hd_db_exec (conn->db, "BEGIN IMMEDIATE", error);
}

gboolean
hd_server_conn_commit (HdServerConn  *conn,
                       GError       **error)
{
  int rc;

  if (conn->counter_dirty)
    {
      conn->counter_dirty = FALSE;
      if (!meta_set (conn, "version", conn->counter, error))
        {
          hd_server_conn_rollback (conn);
          return FALSE;
        }
    }

  rc = sqlite3_exec (conn->db, "COMMIT", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      hd_db_set_error (error, conn->db, rc);
      hd_server_conn_rollback (conn);
      return FALSE;
    }

  return TRUE;
}

void
hd_server_conn_rollback (HdServerConn *conn)
{
  conn->savepoints = 0;
  conn->counter_loaded = FALSE;
  conn->counter_dirty = FALSE;
  if (!sqlite3_get_autocommit (conn->db))
    sqlite3_exec (conn->db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
hd_server_conn_in_transaction (HdServerConn *conn)
{
  return !sqlite3_get_autocommit (conn->db);
}

gboolean
hd_server_conn_savepoint (HdServerConn  *conn,
                          GError       **error)
{
  if (!hd_db_exec (conn->db, "SAVEPOINT part", error))
    return FALSE;

  conn->savepoints++;
  return TRUE;
}

gboolean
hd_server_conn_release (HdServerConn  *conn,
                        GError       **error)
{
  g_return_val_if_fail (conn->savepoints > 0, FALSE);

  if (!hd_db_exec (conn->db, "RELEASE part", error))
    return FALSE;

  conn->savepoints--;
  return TRUE;
}

gboolean
hd_server_conn_rollback_to (HdServerConn *conn)
{
  if (sqlite3_get_autocommit (conn->db))
    {
      conn->savepoints = 0;
      return FALSE;
    }

  if (sqlite3_exec (conn->db, "ROLLBACK TO part; RELEASE part", NULL, NULL, NULL) != SQLITE_OK)
    return FALSE;

  if (conn->savepoints > 0)
    conn->savepoints--;
  return !sqlite3_get_autocommit (conn->db);
}

/* Counter {{{1 */

gboolean
hd_server_conn_get_counter (HdServerConn  *conn,
                            gint64        *out_version,
                            GError       **error)
{
  if (conn->counter_loaded)
    {
      *out_version = conn->counter;
      return TRUE;
    }

  return meta_get (conn, "version", out_version, error);
}

/* Versions handed out by parts that were undone later are simply never
 * used: a gap in the numbers is harmless, going back is not. */
gboolean
hd_server_conn_next_version (HdServerConn  *conn,
                             gint64        *out_version,
                             GError       **error)
{
  g_return_val_if_fail (!sqlite3_get_autocommit (conn->db), FALSE);

  if (!conn->counter_loaded)
    {
      if (!meta_get (conn, "version", &conn->counter, error))
        return FALSE;
      conn->counter_loaded = TRUE;
    }

  *out_version = ++conn->counter;
  conn->counter_dirty = TRUE;
  return TRUE;
}

gboolean
hd_server_conn_get_purged (HdServerConn  *conn,
                           gint64        *out_version,
                           GError       **error)
{
  return meta_get (conn, "purged_version", out_version, error);
}

/* Users {{{1 */

static GPtrArray *
load_memberships (HdServerConn  *conn,
                  const char    *user_id,
                  GError       **error)
{
  g_autoptr(GPtrArray) memberships = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_server_membership_free);
  sqlite3_stmt *stmt = stmt_get (conn,
                                 "SELECT m.hub_id, h.name, m.role, m.granted_version "
                                 "FROM memberships m JOIN rec_hub h ON h.id = m.hub_id "
                                 "WHERE m.user_id = ?1 AND h.deleted = 0 "
                                 "ORDER BY h.name, m.hub_id",
                                 error);
  int rc;

  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, user_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HdServerMembership *m = g_new0 (HdServerMembership, 1);
      const char *role = (const char *) sqlite3_column_text (stmt, 2);

      m->hub_id = column_dup (stmt, 0);
      m->hub_name = column_dup (stmt, 1);
      if (!hd_server_role_from_name (role, &m->role))
        m->role = HD_SERVER_ROLE_NONE;
      m->granted_version = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (memberships, m);
    }

  if (rc != SQLITE_DONE)
    {
      step_error (conn, stmt, rc, error);
      return NULL;
    }

  sqlite3_reset (stmt);
  return g_steal_pointer (&memberships);
}

static HdServerUser *
user_from_row (HdServerConn  *conn,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  g_autoptr(HdServerUser) user = g_new0 (HdServerUser, 1);

  user->id = column_dup (stmt, 0);
  user->login = column_dup (stmt, 1);
  user->name = column_dup (stmt, 2);
  user->membership_version = sqlite3_column_int64 (stmt, 3);

  return g_steal_pointer (&user);
}

HdServerUser *
hd_server_conn_user_by_token (HdServerConn  *conn,
                              const guint8   token_hash[32],
                              gint64         now,
                              gboolean      *out_expired,
                              GError       **error)
{
  sqlite3_stmt *stmt = stmt_get (conn,
                                 "SELECT u.id, u.login, u.name, u.membership_version, t.expires_at "
                                 "FROM tokens t JOIN users u ON u.id = t.user_id "
                                 "WHERE t.hash = ?1",
                                 error);
  g_autoptr(HdServerUser) user = NULL;
  gint64 expires_at;
  int rc;

  *out_expired = FALSE;
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_blob (stmt, 1, token_hash, 32, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      step_error (conn, stmt, rc, error);
      return NULL;
    }

  user = user_from_row (conn, stmt, error);
  expires_at = sqlite3_column_int64 (stmt, 4);
  sqlite3_reset (stmt);

  if (expires_at <= now)
    {
      *out_expired = TRUE;
      return NULL;
    }

  user->memberships = load_memberships (conn, user->id, error);
  if (user->memberships == NULL)
    return NULL;

  return g_steal_pointer (&user);
}

HdServerUser *
hd_server_conn_user_by_login (HdServerConn  *conn,
                              const char    *login,
                              char         **out_password_hash,
                              GError       **error)
{
  sqlite3_stmt *stmt = stmt_get (conn,
                                 "SELECT id, login, name, membership_version, password_hash "
                                 "FROM users WHERE login = ?1",
                                 error);
  g_autoptr(HdServerUser) user = NULL;
  int rc;

  if (out_password_hash != NULL)
    *out_password_hash = NULL;
  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, login);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      step_error (conn, stmt, rc, error);
      return NULL;
    }

  user = user_from_row (conn, stmt, error);
  if (out_password_hash != NULL)
    *out_password_hash = column_dup (stmt, 4);
  sqlite3_reset (stmt);

  user->memberships = load_memberships (conn, user->id, error);
  if (user->memberships == NULL)
    {
      if (out_password_hash != NULL)
        g_clear_pointer (out_password_hash, g_free);
      return NULL;
    }

  return g_steal_pointer (&user);
}

gboolean
hd_server_conn_add_user (HdServerConn  *conn,
                         const char    *login,
                         const char    *name,
                         const char    *password_hash,
                         char         **out_id,
                         GError       **error)
{
  sqlite3_stmt *stmt = stmt_get (conn,
                                 "INSERT INTO users (id, login, name, password_hash, created_at) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5)",
                                 error);
  g_autofree char *id = hd_uuid_new ();
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, id);
  bind_text (stmt, 2, login);
  bind_text (stmt, 3, name);
  bind_text (stmt, 4, password_hash);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      if ((rc & 0xff) == SQLITE_CONSTRAINT)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("There is already a user “%s”."), login);
          return FALSE;
        }
      return hd_db_set_error (error, conn->db, rc);
    }

  if (out_id != NULL)
    *out_id = g_steal_pointer (&id);
  return TRUE;
}

gboolean
hd_server_conn_set_password (HdServerConn  *conn,
                             const char    *user_id,
                             const char    *password_hash,
                             GError       **error)
{
  sqlite3_stmt *stmt = stmt_get (conn, "UPDATE users SET password_hash = ?2 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, user_id);
  bind_text (stmt, 2, password_hash);
  return stmt_done (conn, stmt, error);
}

gboolean
hd_server_conn_set_role (HdServerConn  *conn,
                         const char    *user_id,
                         const char    *hub_id,
                         HdServerRole   role,
                         GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 version;

  if (!hd_server_conn_next_version (conn, &version, error))
    return FALSE;

  if (role == HD_SERVER_ROLE_NONE)
    {
      stmt = stmt_get (conn, "DELETE FROM memberships WHERE user_id = ?1 AND hub_id = ?2", error);
      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, 1, user_id);
      bind_text (stmt, 2, hub_id);
    }
  else
    {
      /* A new membership starts its feed from the beginning; a changed
       * role keeps what the user already has. */
      stmt = stmt_get (conn,
                       "INSERT INTO memberships (user_id, hub_id, role, granted_version) "
                       "VALUES (?1, ?2, ?3, ?4) "
                       "ON CONFLICT (user_id, hub_id) DO UPDATE SET role = excluded.role",
                       error);
      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, 1, user_id);
      bind_text (stmt, 2, hub_id);
      bind_text (stmt, 3, hd_server_role_name (role));
      sqlite3_bind_int64 (stmt, 4, version);
    }

  if (!stmt_done (conn, stmt, error))
    return FALSE;

  stmt = stmt_get (conn, "UPDATE users SET membership_version = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, version);

  return stmt_done (conn, stmt, error);
}

GPtrArray *
hd_server_conn_list_users (HdServerConn  *conn,
                           GError       **error)
{
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_server_user_free);
  sqlite3_stmt *stmt = stmt_get (conn,
                                 "SELECT id, login, name, membership_version FROM users "
                                 "ORDER BY login",
                                 error);
  int rc;

  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (users, user_from_row (conn, stmt, error));
  if (rc != SQLITE_DONE)
    {
      step_error (conn, stmt, rc, error);
      return NULL;
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < users->len; i++)
    {
      HdServerUser *user = g_ptr_array_index (users, i);

      user->memberships = load_memberships (conn, user->id, error);
      if (user->memberships == NULL)
        return NULL;
    }

  return g_steal_pointer (&users);
}

/* Tokens {{{1 */

gboolean
hd_server_conn_add_token (HdServerConn  *conn,
                          const guint8   token_hash[32],
                          const char    *user_id,
                          const char    *device,
                          gint64         now,
                          gint64         expires_at,
                          GError       **error)
{
  sqlite3_stmt *stmt = stmt_get (conn,
                                 "INSERT INTO tokens (hash, user_id, device, created_at, expires_at) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5)",
                                 error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_blob (stmt, 1, token_hash, 32, SQLITE_TRANSIENT);
  bind_text (stmt, 2, user_id);
  bind_text (stmt, 3, device);
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_int64 (stmt, 5, expires_at);

  return stmt_done (conn, stmt, error);
}

gboolean
hd_server_conn_remove_token (HdServerConn  *conn,
                             const guint8   token_hash[32],
                             GError       **error)
{
  sqlite3_stmt *stmt = stmt_get (conn, "DELETE FROM tokens WHERE hash = ?1", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_blob (stmt, 1, token_hash, 32, SQLITE_TRANSIENT);
  return stmt_done (conn, stmt, error);
}

gboolean
hd_server_conn_remove_tokens (HdServerConn  *conn,
                              const char    *user_id,
                              GError       **error)
{
  sqlite3_stmt *stmt = stmt_get (conn, "DELETE FROM tokens WHERE user_id = ?1", error);

  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, user_id);
  return stmt_done (conn, stmt, error);
}

/* Clients and results {{{1 */

gboolean
hd_server_conn_get_client (HdServerConn  *conn,
                           const char    *client_id,
                           char         **out_user_id,
                           gint64        *out_last_seq,
                           GError       **error)
{
  sqlite3_stmt *stmt = stmt_get (conn,
                                 "SELECT user_id, last_seq FROM clients WHERE client_id = ?1",
                                 error);
  int rc;

  *out_user_id = NULL;
  *out_last_seq = 0;
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, client_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_user_id = column_dup (stmt, 0);
      *out_last_seq = sqlite3_column_int64 (stmt, 1);
    }
  else if (rc != SQLITE_DONE)
    return step_error (conn, stmt, rc, error);

  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
hd_server_conn_set_client (HdServerConn  *conn,
                           const char    *client_id,
                           const char    *user_id,
                           gint64         last_seq,
                           GError       **error)
{
  sqlite3_stmt *stmt = stmt_get (conn,
                                 "INSERT INTO clients (client_id, user_id, last_seq) VALUES (?1, ?2, ?3) "
                                 "ON CONFLICT (client_id) DO UPDATE SET last_seq = excluded.last_seq",
                                 error);

  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, client_id);
  bind_text (stmt, 2, user_id);
  sqlite3_bind_int64 (stmt, 3, last_seq);
  return stmt_done (conn, stmt, error);
}

char *
hd_server_conn_get_result (HdServerConn  *conn,
                           const char    *client_id,
                           gint64         seq,
                           GError       **error)
{
  sqlite3_stmt *stmt = stmt_get (conn,
                                 "SELECT result FROM results WHERE client_id = ?1 AND seq = ?2",
                                 error);
  char *result = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, client_id);
  sqlite3_bind_int64 (stmt, 2, seq);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    result = column_dup (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      step_error (conn, stmt, rc, error);
      return NULL;
    }

  sqlite3_reset (stmt);
  return result;
}

gboolean
hd_server_conn_put_result (HdServerConn  *conn,
                           const char    *client_id,
                           gint64         seq,
                           gint64         now,
                           const char    *result,
                           GError       **error)
{
  sqlite3_stmt *stmt = stmt_get (conn,
                                 "INSERT INTO results (client_id, seq, created_at, result) "
                                 "VALUES (?1, ?2, ?3, ?4)",
                                 error);

  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, client_id);
  sqlite3_bind_int64 (stmt, 2, seq);
  sqlite3_bind_int64 (stmt, 3, now);
  bind_text (stmt, 4, result);
  return stmt_done (conn, stmt, error);
}

/* Records {{{1 */

static HdServerStored *
stored_from_row (sqlite3_stmt *stmt,
                 HdEntity      entity)
{
  const HdEntityInfo *info = hd_entity_info (entity);
  HdServerStored *stored = g_new0 (HdServerStored, 1);
  HdRecord *record;

  record = hd_record_new_empty (entity, (const char *) sqlite3_column_text (stmt, 0));
  hd_record_set_hub_id (record, (const char *) sqlite3_column_text (stmt, 1));
  hd_record_set_version (record, sqlite3_column_int64 (stmt, 2));
  hd_record_set_deleted (record, sqlite3_column_int (stmt, 3) != 0);
  hd_record_set_meta (record,
                      (const char *) sqlite3_column_text (stmt, 4),
                      (const char *) sqlite3_column_text (stmt, 5),
                      (const char *) sqlite3_column_text (stmt, 6));

  for (guint i = 0; i < info->n_fields; i++)
    {
      GVariant *value = hd_db_column_value (stmt, N_COMMON + (int) i, &info->fields[i]);

      hd_record_set (record, i, value);
      stored->field_versions[i] = sqlite3_column_int64 (stmt, N_COMMON + (int) (info->n_fields + i));
    }

  stored->record = record;
  return stored;
}

HdServerStored *
hd_server_conn_load (HdServerConn  *conn,
                     HdEntity       entity,
                     const char    *id,
                     GError       **error)
{
  sqlite3_stmt *stmt = stmt_get (conn, conn->load_sql[entity], error);
  HdServerStored *stored;
  int rc;

  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      step_error (conn, stmt, rc, error);
      return NULL;
    }

  stored = stored_from_row (stmt, entity);
  sqlite3_reset (stmt);

  return stored;
}

static gboolean
put_change (HdServerConn  *conn,
            gint64         version,
            HdEntity       entity,
            const char    *id,
            const char    *hub_id,
            gboolean       gone,
            gboolean       deleted,
            gint64         now,
            const char    *doc,
            GError       **error)
{
  sqlite3_stmt *stmt = stmt_get (conn,
                                 "INSERT INTO changes "
                                 "(version, entity, id, hub_id, gone, deleted, changed_at, doc) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                 error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, version);
  sqlite3_bind_int (stmt, 2, (int) entity);
  bind_text (stmt, 3, id);
  bind_text (stmt, 4, hub_id);
  sqlite3_bind_int (stmt, 5, gone);
  sqlite3_bind_int (stmt, 6, deleted);
  sqlite3_bind_int64 (stmt, 7, now);
  bind_text (stmt, 8, doc);

  return stmt_done (conn, stmt, error);
}

static gboolean
drop_change (HdServerConn  *conn,
             gint64         version,
             GError       **error)
{
  sqlite3_stmt *stmt = stmt_get (conn, "DELETE FROM changes WHERE version = ?1", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, version);
  return stmt_done (conn, stmt, error);
}

char *
hd_server_change_doc (const HdRecord *record)
{
  if (hd_record_get_deleted (record))
    {
      g_autoptr(HdRecord) tombstone = hd_record_new_empty (hd_record_get_entity (record),
                                                           hd_record_get_id (record));

      hd_record_set_hub_id (tombstone, hd_record_get_hub_id (record));
      hd_record_set_version (tombstone, hd_record_get_version (record));
      hd_record_set_deleted (tombstone, TRUE);
      hd_record_set_meta (tombstone,
                          hd_record_get_created_at (record),
                          hd_record_get_updated_at (record),
                          hd_record_get_updated_by (record));
      return hd_record_to_json_string (tombstone);
    }

  return hd_record_to_json_string (record);
}

gboolean
hd_server_conn_store_full (HdServerConn          *conn,
                           const HdServerStored  *stored,
                           gint64                 previous_version,
                      const char            *left_hub,
                      gint64                 left_version,
                      const char            *doc,
                      gint64                 now,
                      GError               **error)
{
  const HdRecord *record = stored->record;
  HdEntity entity = hd_record_get_entity (record);
  const HdEntityInfo *info = hd_entity_info (entity);
  sqlite3_stmt *stmt = stmt_get (conn, conn->store_sql[entity], error);
  g_autofree char *own_doc = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, hd_record_get_id (record));
  bind_text (stmt, 2, hd_record_get_hub_id (record));
  sqlite3_bind_int64 (stmt, 3, hd_record_get_version (record));
  sqlite3_bind_int (stmt, 4, hd_record_get_deleted (record));
  bind_text (stmt, 5, hd_record_get_created_at (record));
  bind_text (stmt, 6, hd_record_get_updated_at (record));
  bind_text (stmt, 7, hd_record_get_updated_by (record));
  for (guint i = 0; i < info->n_fields; i++)
    {
      rc = hd_db_bind_value (stmt, N_COMMON + 1 + (int) i, &info->fields[i],
                             hd_record_get (record, i));
      if (rc != SQLITE_OK)
        return step_error (conn, stmt, rc, error);
      sqlite3_bind_int64 (stmt, N_COMMON + 1 + (int) (info->n_fields + i),
                          stored->field_versions[i]);
    }

  if (!stmt_done (conn, stmt, error))
    return FALSE;

  /* The feed keeps one row per record and hub: the previous one goes,
   * or, when the record left a hub, stays as a "gone" row there. */
  if (left_hub != NULL && g_strcmp0 (left_hub, hd_record_get_hub_id (record)) != 0)
    {
      g_autoptr(HdRecord) gone = hd_record_new_empty (entity, hd_record_get_id (record));
      g_autofree char *gone_doc = NULL;

      hd_record_set_hub_id (gone, left_hub);
      hd_record_set_version (gone, left_version);
      hd_record_set_deleted (gone, TRUE);
      hd_record_set_meta (gone, hd_record_get_created_at (record),
                          hd_record_get_updated_at (record),
                          hd_record_get_updated_by (record));
      gone_doc = hd_record_to_json_string (gone);
      if ((previous_version > 0 && !drop_change (conn, previous_version, error)) ||
          !put_change (conn, left_version, entity, hd_record_get_id (record),
                       left_hub, TRUE, TRUE, now, gone_doc, error))
        return FALSE;
    }
  else if (previous_version > 0 && !drop_change (conn, previous_version, error))
    return FALSE;

  if (doc == NULL)
    doc = own_doc = hd_server_change_doc (record);

  return put_change (conn, hd_record_get_version (record), entity,
                     hd_record_get_id (record), hd_record_get_hub_id (record),
                     FALSE, hd_record_get_deleted (record), now, doc, error);
}

gboolean
hd_server_conn_store (HdServerConn          *conn,
                      const HdServerStored  *stored,
                      const char            *left_hub,
                      gint64                 left_version,
                      gint64                 now,
                      GError               **error)
{
  const HdRecord *record = stored->record;
  sqlite3_stmt *stmt = stmt_get (conn, conn->version_sql[hd_record_get_entity (record)], error);
  gint64 previous = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, hd_record_get_id (record));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    previous = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    return step_error (conn, stmt, rc, error);
  sqlite3_reset (stmt);

  return hd_server_conn_store_full (conn, stored, previous, left_hub, left_version, NULL, now, error);
}

gboolean
hd_server_conn_exists_in_hub (HdServerConn  *conn,
                              HdEntity       entity,
                              const char    *id,
                              const char    *hub_id,
                              gboolean      *out_exists,
                              GError       **error)
{
  sqlite3_stmt *stmt = stmt_get (conn, conn->exists_sql[entity], error);

  *out_exists = FALSE;
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, id);
  bind_text (stmt, 2, hub_id);
  return step_exists (conn, stmt, out_exists, error);
}

GPtrArray *
hd_server_conn_referrers (HdServerConn  *conn,
                          HdEntity       entity,
                          const char    *id,
                          const char    *hub_id,
                          guint          max,
                          GError       **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

  for (guint e = 0; e < HD_N_ENTITIES && found->len < max; e++)
    {
      const HdEntityInfo *info = hd_entity_info (e);
      g_autofree char *table = table_name (e);

      for (guint i = 0; i < info->n_fields && found->len < max; i++)
        {
          const HdField *field = &info->fields[i];
          g_autofree char *column = quote_ident (field->name);
          g_autofree char *sql = NULL;
          sqlite3_stmt *stmt;
          int rc;

          if (field->ref != entity ||
              (field->type != HD_TYPE_REF && field->type != HD_TYPE_REF_LIST))
            continue;

          if (field->type == HD_TYPE_REF)
            sql = g_strdup_printf ("SELECT id FROM %s WHERE %s = ?1 AND hub_id = ?2 "
                                   "AND deleted = 0 AND id != ?1 LIMIT ?3",
                                   table, column);
          else
            sql = g_strdup_printf ("SELECT t.id FROM %s t, json_each (t.%s) j "
                                   "WHERE t.hub_id = ?2 AND t.deleted = 0 "
                                   "AND t.%s IS NOT NULL AND json_valid (t.%s) "
                                   "AND j.value = ?1 LIMIT ?3",
                                   table, column, column, column);

          stmt = stmt_get_dynamic (conn, sql, error);
          if (stmt == NULL)
            return NULL;

          bind_text (stmt, 1, id);
          bind_text (stmt, 2, hub_id);
          sqlite3_bind_int (stmt, 3, (int) (max - found->len));
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            g_ptr_array_add (found, g_strdup_printf ("%s/%s", info->name,
                                                     (const char *) sqlite3_column_text (stmt, 0)));
          if (rc != SQLITE_DONE)
            {
              step_error (conn, stmt, rc, error);
              return NULL;
            }
          sqlite3_reset (stmt);
        }
    }

  return g_steal_pointer (&found);
}

static GPtrArray *
load_many (HdServerConn  *conn,
           HdEntity       entity,
           const char    *where,
           const char    *arg1,
           const char    *arg2,
           GError       **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autofree char *table = table_name (entity);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s",
                                          conn->columns_sql[entity], table, where);
  sqlite3_stmt *stmt = stmt_get_dynamic (conn, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, arg1);
  if (arg2 != NULL)
    bind_text (stmt, 2, arg2);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HdServerStored *stored = stored_from_row (stmt, entity);

      g_ptr_array_add (records, g_steal_pointer (&stored->record));
      hd_server_stored_free (stored);
    }

  if (rc != SQLITE_DONE)
    {
      step_error (conn, stmt, rc, error);
      return NULL;
    }

  sqlite3_reset (stmt);
  return g_steal_pointer (&records);
}

GPtrArray *
hd_server_conn_room_bookings (HdServerConn  *conn,
                              const char    *room_id,
                              const char    *from,
                              GError       **error)
{
  return load_many (conn, HD_ENTITY_BOOKING,
                    "\"room_id\" = ?1 AND deleted = 0 "
                    "AND (\"status\" IS NULL OR \"status\" != 'cancelled') "
                    "AND (\"recurrence\" IS NOT NULL OR \"ends_at\" > ?2)",
                    room_id, from, error);
}

gboolean
hd_server_conn_event_taken (HdServerConn  *conn,
                            const char    *event_id,
                            const char    *except_id,
                            gint64        *out_taken,
                            GError       **error)
{
  sqlite3_stmt *stmt = stmt_get (conn,
                                 "SELECT COUNT (*) FROM rec_registration "
                                 "WHERE \"event_id\" = ?1 AND deleted = 0 AND id != ?2 "
                                 "AND \"status\" IN ('registered', 'attended')",
                                 error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, event_id);
  bind_text (stmt, 2, except_id != NULL ? except_id : "");
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return step_error (conn, stmt, rc, error);

  *out_taken = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
hd_server_conn_registration_exists (HdServerConn  *conn,
                                    const char    *event_id,
                                    const char    *person_id,
                                    const char    *except_id,
                                    gboolean      *out_exists,
                                    GError       **error)
{
  sqlite3_stmt *stmt = stmt_get (conn,
                                 "SELECT 1 FROM rec_registration "
                                 "WHERE \"event_id\" = ?1 AND \"person_id\" = ?2 "
                                 "AND deleted = 0 AND id != ?3 LIMIT 1",
                                 error);

  *out_exists = FALSE;
  if (stmt == NULL)
    return FALSE;

  bind_text (stmt, 1, event_id);
  bind_text (stmt, 2, person_id);
  bind_text (stmt, 3, except_id != NULL ? except_id : "");
  return step_exists (conn, stmt, out_exists, error);
}

GPtrArray *
hd_server_conn_event_sessions (HdServerConn  *conn,
                               const char    *event_id,
                               GError       **error)
{
  return load_many (conn, HD_ENTITY_SESSION, "\"event_id\" = ?1 AND deleted = 0",
                    event_id, NULL, error);
}

/* The feed {{{1 */

GPtrArray *
hd_server_conn_changes (HdServerConn  *conn,
                        const char    *hub_id,
                        gint64         after,
                        gint64         until,
                        guint          limit,
                        GError       **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_server_change_free);
  sqlite3_stmt *stmt = stmt_get (conn,
                                 "SELECT version, entity, id, gone, doc FROM changes "
                                 "WHERE hub_id = ?1 AND version > ?2 AND version <= ?3 "
                                 "ORDER BY version LIMIT ?4",
                                 error);
  int rc;

  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, hub_id);
  sqlite3_bind_int64 (stmt, 2, after);
  sqlite3_bind_int64 (stmt, 3, until > 0 ? until : G_MAXINT64);
  sqlite3_bind_int64 (stmt, 4, limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HdServerChange *change = g_new0 (HdServerChange, 1);
      int entity = sqlite3_column_int (stmt, 1);

      change->version = sqlite3_column_int64 (stmt, 0);
      change->entity = entity >= 0 && entity < HD_N_ENTITIES ? (HdEntity) entity : HD_ENTITY_HUB;
      change->id = column_dup (stmt, 2);
      change->hub_id = g_strdup (hub_id);
      change->gone = sqlite3_column_int (stmt, 3) != 0;
      change->doc = column_dup (stmt, 4);
      g_ptr_array_add (changes, change);
    }

  if (rc != SQLITE_DONE)
    {
      step_error (conn, stmt, rc, error);
      return NULL;
    }

  sqlite3_reset (stmt);
  return g_steal_pointer (&changes);
}

char *
hd_server_conn_record_hub (HdServerConn  *conn,
                           HdEntity       entity,
                           const char    *id,
                           GError       **error)
{
  g_autofree char *table = table_name (entity);
  g_autofree char *sql = g_strdup_printf ("SELECT hub_id FROM %s WHERE id = ?1", table);
  sqlite3_stmt *stmt = stmt_get_dynamic (conn, sql, error);
  char *hub_id = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    hub_id = column_dup (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      step_error (conn, stmt, rc, error);
      return NULL;
    }

  sqlite3_reset (stmt);
  return hub_id;
}

GHashTable *
hd_server_conn_hub_versions (HdServerConn  *conn,
                             GError       **error)
{
  g_autoptr(GHashTable) versions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = stmt_get (conn,
                                 "SELECT hub_id, MAX (version) FROM changes GROUP BY hub_id",
                                 error);
  int rc;

  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *version = g_new (gint64, 1);

      *version = sqlite3_column_int64 (stmt, 1);
      g_hash_table_insert (versions, column_dup (stmt, 0), version);
    }

  if (rc != SQLITE_DONE)
    {
      step_error (conn, stmt, rc, error);
      return NULL;
    }

  sqlite3_reset (stmt);
  return g_steal_pointer (&versions);
}

/* Maintenance {{{1 */

gboolean
hd_server_conn_purge (HdServerConn  *conn,
                      gint64         before,
                      gint64         now,
                      guint         *out_purged,
                      GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 newest = 0, purged = 0;
  int rc;

  *out_purged = 0;

  stmt = stmt_get (conn,
                   "SELECT MAX (version), COUNT (*) FROM changes "
                   "WHERE (gone OR deleted) AND changed_at <= ?1",
                   error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, before);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return step_error (conn, stmt, rc, error);
  newest = sqlite3_column_int64 (stmt, 0);
  *out_purged = (guint) sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);

  if (*out_purged > 0)
    {
      stmt = stmt_get (conn, "DELETE FROM changes WHERE (gone OR deleted) AND changed_at <= ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, before);
      if (!stmt_done (conn, stmt, error))
        return FALSE;

      for (guint e = 0; e < HD_N_ENTITIES; e++)
        {
          g_autofree char *table = table_name (e);
          g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE deleted = 1 AND NOT EXISTS "
                                                  "(SELECT 1 FROM changes c WHERE c.version = %s.version)",
                                                  table, table);

          if (!hd_db_exec (conn->db, sql, error))
            return FALSE;
        }

      if (!meta_get (conn, "purged_version", &purged, error))
        return FALSE;
      if (newest > purged && !meta_set (conn, "purged_version", newest, error))
        return FALSE;
    }

  stmt = stmt_get (conn, "DELETE FROM results WHERE created_at <= ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, before);
  if (!stmt_done (conn, stmt, error))
    return FALSE;

  stmt = stmt_get (conn, "DELETE FROM tokens WHERE expires_at <= ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);

  return stmt_done (conn, stmt, error);
}

gboolean
hd_server_conn_checkpoint (HdServerConn  *conn,
                           gboolean       passive,
                           GError       **error)
{
  int rc = sqlite3_wal_checkpoint_v2 (conn->db, NULL,
                                      passive ? SQLITE_CHECKPOINT_PASSIVE : SQLITE_CHECKPOINT_TRUNCATE,
                                      NULL, NULL);

  /* Busy: a reader or the writer is in the way; the next round catches up. */
  if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_BUSY)
    return hd_db_set_error (error, conn->db, rc);

  return TRUE;
}

gboolean
hd_server_conn_disable_autocheckpoint (HdServerConn  *conn,
                                       GError       **error)
{
  return hd_db_exec (conn->db, "PRAGMA wal_autocheckpoint = 0", error);
}

gboolean
hd_server_conn_check (HdServerConn  *conn,
                      GError       **error)
{
  sqlite3_stmt *stmt = stmt_get (conn, "PRAGMA integrity_check", error);
  gboolean ok = FALSE;
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_reset (stmt);

  if (!ok)
    g_set_error_literal (error, HD_DB_ERROR, HD_DB_ERROR_CORRUPT,
                         _("The database failed its integrity check."));
  return ok;
}
