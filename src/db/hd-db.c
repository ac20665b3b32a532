/* hd-db.c — SQLite helpers shared by the client's store and the server
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "hd-db.h"

#define HD_DB_BUSY_TIMEOUT_MS 10000

G_DEFINE_QUARK (hd-db-error-quark, hd_db_error)

gboolean
hd_db_set_error (GError  **error,
                 sqlite3  *db,
                 int       rc)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, HD_DB_ERROR, HD_DB_ERROR_FULL,
                   _("The disk is full. Free some space and try again; "
                     "nothing was changed."));
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, HD_DB_ERROR, HD_DB_ERROR_BUSY,
                   _("The database is in use by another program. "
                     "Try again in a moment."));
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, HD_DB_ERROR, HD_DB_ERROR_CORRUPT,
                   _("The database file is damaged (%s)."), detail);
      break;

    case SQLITE_CONSTRAINT:
      g_set_error (error, HD_DB_ERROR, HD_DB_ERROR_CONSTRAINT,
                   _("The change contradicts a rule of the database (%s)."),
                   detail);
      break;

    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, HD_DB_ERROR, HD_DB_ERROR_FAILED,
                   _("The database file could not be read or written (%s)."),
                   detail);
      break;

    default:
      g_set_error (error, HD_DB_ERROR, HD_DB_ERROR_FAILED,
                   _("The database reported an error (%s)."), detail);
      break;
    }

  return FALSE;
}

gboolean
hd_db_exec (sqlite3     *db,
            const char  *sql,
            GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return hd_db_set_error (error, db, rc);

  return TRUE;
}

sqlite3_stmt *
hd_db_prepare (sqlite3     *db,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      hd_db_set_error (error, db, rc);
      return NULL;
    }

  return stmt;
}

gboolean
hd_db_begin (sqlite3  *db,
             GError  **error)
{
  return hd_db_exec (db, "BEGIN IMMEDIATE", error);
}

gboolean
hd_db_commit (sqlite3  *db,
              GError  **error)
{
  return hd_db_exec (db, "COMMIT", error);
}

void
hd_db_rollback (sqlite3 *db)
{
  /* After SQLITE_FULL, SQLITE_IOERR and a few others SQLite may already
   * have rolled the transaction back; a second ROLLBACK would fail. */
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

char *
hd_db_quote_identifier (const char *name)
{
  GString *s = g_string_sized_new (strlen (name) + 2);

  g_string_append_c (s, '"');
  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');

  return g_string_free (s, FALSE);
}

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           int         *out_value,
           GError     **error)
{
  sqlite3_stmt *stmt = hd_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      hd_db_set_error (error, db, rc);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  *out_value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return TRUE;
}

int
hd_db_get_user_version (sqlite3  *db,
                        GError  **error)
{
  int version = -1;

  if (!query_int (db, "PRAGMA user_version", &version, error))
    return -1;

  return version;
}

gboolean
hd_db_read_user_version (const char  *path,
                         int         *out_version,
                         GError     **error)
{
  sqlite3 *db = NULL;
  int version;
  int rc;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      *out_version = 0;
      return TRUE;
    }

  /* A plain connection: no journal mode, no pragma that writes. */
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      hd_db_set_error (error, db, rc);
      sqlite3_close (db);
      return FALSE;
    }

  sqlite3_busy_timeout (db, HD_DB_BUSY_TIMEOUT_MS);
  version = hd_db_get_user_version (db, error);
  sqlite3_close (db);

  if (version < 0)
    return FALSE;

  *out_version = version;
  return TRUE;
}

static gboolean
set_newer_version_error (GError **error,
                         int      version,
                         int      max_version)
{
  g_set_error (error, HD_DB_ERROR, HD_DB_ERROR_NEWER_VERSION,
               _("The database was made by a newer version of Hubdesk "
                 "(format %d; this version knows up to %d). It was left "
                 "untouched; please update Hubdesk to open it."),
               version, max_version);
  return FALSE;
}

sqlite3 *
hd_db_open (const char  *path,
            GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  rc = sqlite3_open_v2 (path, &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                        SQLITE_OPEN_FULLMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      hd_db_set_error (error, db, rc);
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, HD_DB_BUSY_TIMEOUT_MS);

  if (!hd_db_exec (db,
                   "PRAGMA journal_mode = WAL;"
                   "PRAGMA synchronous = FULL;"
                   "PRAGMA foreign_keys = ON;",
                   error))
    {
      sqlite3_close (db);
      return NULL;
    }

  return db;
}

sqlite3 *
hd_db_open_checked (const char  *path,
                    int          max_version,
                    GError     **error)
{
  int version = 0;

  if (!hd_db_read_user_version (path, &version, error))
    return NULL;

  if (version > max_version)
    {
      set_newer_version_error (error, version, max_version);
      return NULL;
    }

  return hd_db_open (path, error);
}

gboolean
hd_db_migrate (sqlite3             *db,
               const HdDbMigration *steps,
               guint                n_steps,
               gpointer             user_data,
               GError             **error)
{
  int version;

  /* The first look writes nothing: a newer database is refused before any
   * transaction that could touch it. */
  version = hd_db_get_user_version (db, error);
  if (version < 0)
    return FALSE;
  if ((guint) version > n_steps)
    return set_newer_version_error (error, version, (int) n_steps);

  while ((guint) version < n_steps)
    {
      g_autofree char *set_version = NULL;

      if (!hd_db_begin (db, error))
        return FALSE;

      /* Another process may have migrated in the meantime. */
      version = hd_db_get_user_version (db, error);
      if (version < 0)
        {
          hd_db_rollback (db);
          return FALSE;
        }
      if ((guint) version >= n_steps)
        {
          hd_db_rollback (db);
          if ((guint) version > n_steps)
            return set_newer_version_error (error, version, (int) n_steps);
          break;
        }

      if (!steps[version] (db, user_data, error))
        {
          hd_db_rollback (db);
          return FALSE;
        }

      set_version = g_strdup_printf ("PRAGMA user_version = %d", version + 1);
      if (!hd_db_exec (db, set_version, error) || !hd_db_commit (db, error))
        {
          hd_db_rollback (db);
          return FALSE;
        }

      version++;
    }

  return TRUE;
}

const char *
hd_db_column_type (HdFieldType type)
{
  switch (type)
    {
    case HD_TYPE_INT:
    case HD_TYPE_BOOL:
      return "INTEGER";

    case HD_TYPE_STRING:
    case HD_TYPE_TEXT:
    case HD_TYPE_ENUM:
    case HD_TYPE_ENUM_SET:
    case HD_TYPE_STRV:
    case HD_TYPE_REF:
    case HD_TYPE_REF_LIST:
    case HD_TYPE_TIMESTAMP:
    case HD_TYPE_DATE:
    case HD_TYPE_TIME:
    case HD_TYPE_URL:
    case HD_TYPE_EMAIL:
    case HD_TYPE_RRULE:
    case HD_TYPE_TIMEZONE:
    default:
      return "TEXT";
    }
}

char *
hd_db_columns_sql (HdEntity entity)
{
  const HdEntityInfo *info = hd_entity_info (entity);
  GString *sql = g_string_new (NULL);

  for (guint i = 0; i < info->n_fields; i++)
    {
      g_autofree char *name = hd_db_quote_identifier (info->fields[i].name);

      g_string_append_printf (sql, ", %s %s", name,
                              hd_db_column_type (info->fields[i].type));
    }

  return g_string_free (sql, FALSE);
}

static gboolean
is_list_type (HdFieldType type)
{
  return type == HD_TYPE_ENUM_SET || type == HD_TYPE_STRV ||
         type == HD_TYPE_REF_LIST;
}

int
hd_db_bind_value (sqlite3_stmt  *stmt,
                  int            column,
                  const HdField *field,
                  GVariant      *value)
{
  if (value == NULL)
    return sqlite3_bind_null (stmt, column);

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return sqlite3_bind_text (stmt, column,
                              g_variant_get_string (value, NULL), -1,
                              SQLITE_TRANSIENT);

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    return sqlite3_bind_int64 (stmt, column, g_variant_get_int64 (value));

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return sqlite3_bind_int (stmt, column, g_variant_get_boolean (value) ? 1 : 0);

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      g_autofree const char **strv = g_variant_get_strv (value, NULL);
      char *json;

      for (guint i = 0; strv[i] != NULL; i++)
        json_array_add_string_element (array, strv[i]);
      json_node_set_array (node, array);
      json = json_to_string (node, FALSE);

      return sqlite3_bind_text (stmt, column, json, -1, g_free);
    }

  g_critical ("Value of type %s cannot be stored in field %s",
              g_variant_get_type_string (value),
              field != NULL ? field->name : "(unknown)");
  return sqlite3_bind_null (stmt, column);
}

static GVariant *
column_strv (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) strv = NULL;
  JsonArray *array;
  guint n;

  if (text == NULL)
    return NULL;

  node = json_from_string (text, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  strv = g_ptr_array_new_full (n + 1, NULL);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) &&
          json_node_get_value_type (element) == G_TYPE_STRING)
        g_ptr_array_add (strv, (gpointer) json_node_get_string (element));
    }
  g_ptr_array_add (strv, NULL);

  return g_variant_new_strv ((const char * const *) strv->pdata, -1);
}

GVariant *
hd_db_column_value (sqlite3_stmt  *stmt,
                    int            column,
                    const HdField *field)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;

  if (is_list_type (field->type))
    return column_strv (stmt, column);

  switch (field->type)
    {
    case HD_TYPE_INT:
      return g_variant_new_int64 (sqlite3_column_int64 (stmt, column));

    case HD_TYPE_BOOL:
      return g_variant_new_boolean (sqlite3_column_int64 (stmt, column) != 0);

    case HD_TYPE_STRING:
    case HD_TYPE_TEXT:
    case HD_TYPE_ENUM:
    case HD_TYPE_ENUM_SET:
    case HD_TYPE_STRV:
    case HD_TYPE_REF:
    case HD_TYPE_REF_LIST:
    case HD_TYPE_TIMESTAMP:
    case HD_TYPE_DATE:
    case HD_TYPE_TIME:
    case HD_TYPE_URL:
    case HD_TYPE_EMAIL:
    case HD_TYPE_RRULE:
    case HD_TYPE_TIMEZONE:
    default:
      {
        const char *text = (const char *) sqlite3_column_text (stmt, column);
        int length = sqlite3_column_bytes (stmt, column);

        if (text == NULL)
          return NULL;
        if (!g_utf8_validate_len (text, (gsize) length, NULL))
          {
            g_autofree char *valid = g_utf8_make_valid (text, length);
            return g_variant_new_string (valid);
          }
        return g_variant_new_string (text);
      }
    }
}
