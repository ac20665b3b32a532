/* hd-store-report.c — a read-only connection to the store for reports
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-store-private.h"
#include "hd-store-report.h"

#define READER_KEY "hd-store-reader"

struct _HdStoreReader
{
  gatomicrefcount ref_count;
  GMutex      lock;       /* held from begin to end */
  sqlite3    *db;
  GHashTable *stmts;   /* SQL → sqlite3_stmt */
  gboolean    in_transaction;
};

static void
stmt_finalize (gpointer data)
{
  sqlite3_finalize (data);
}

static gpointer
reader_ref (gpointer data,
            gpointer user_data)
{
  HdStoreReader *reader = data;

  if (reader != NULL)
    g_atomic_ref_count_inc (&reader->ref_count);
  return reader;
}

static HdStoreReader *
reader_new (HdStore  *store,
            GError  **error)
{
  HdStoreReader *reader;
  sqlite3 *db = NULL;
  const char *path;
  int rc;

  path = hd_store_get_path (store);
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, HD_DB_ERROR, HD_DB_ERROR_FAILED,
                   _("The data in %s could not be read for the report: %s"),
                   path, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_busy_timeout (db, 10000);
  /* Aggregations over a year of a large profile sort and group in memory;
   * reading the file through a memory map saves copying every page. */
  sqlite3_exec (db, "PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY; "
                "PRAGMA mmap_size = 1073741824",
                NULL, NULL, NULL);

  reader = g_new0 (HdStoreReader, 1);
  g_atomic_ref_count_init (&reader->ref_count);
  g_mutex_init (&reader->lock);
  reader->db = db;
  reader->stmts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, stmt_finalize);

  return reader;
}

HdStoreReader *
hd_store_reader_open (HdStore  *store,
                      GError  **error)
{
  HdStoreReader *reader;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);

  reader = g_object_dup_data (G_OBJECT (store), READER_KEY, reader_ref, NULL);
  if (reader != NULL)
    return reader;

  reader = reader_new (store, error);
  if (reader == NULL)
    return NULL;

  /* The store keeps one reference; another thread may have been first. */
  g_atomic_ref_count_inc (&reader->ref_count);
  if (!g_object_replace_data (G_OBJECT (store), READER_KEY, NULL, reader,
                              (GDestroyNotify) hd_store_reader_free, NULL))
    {
      hd_store_reader_free (reader);
      hd_store_reader_free (reader);
      return hd_store_reader_open (store, error);
    }

  return reader;
}

void
hd_store_reader_close (HdStore *store)
{
  g_object_set_data (G_OBJECT (store), READER_KEY, NULL);
}

void
hd_store_reader_free (HdStoreReader *reader)
{
  if (reader == NULL || !g_atomic_ref_count_dec (&reader->ref_count))
    return;

  g_hash_table_unref (reader->stmts);
  sqlite3_close (reader->db);
  g_mutex_clear (&reader->lock);
  g_free (reader);
}

gboolean
hd_store_reader_begin (HdStoreReader  *reader,
                       GError        **error)
{
  g_return_val_if_fail (reader != NULL, FALSE);

  g_mutex_lock (&reader->lock);
  if (!hd_db_exec (reader->db, "BEGIN", error))
    {
      g_mutex_unlock (&reader->lock);
      return FALSE;
    }
  reader->in_transaction = TRUE;

  return TRUE;
}

void
hd_store_reader_end (HdStoreReader *reader)
{
  g_return_if_fail (reader != NULL);

  if (!reader->in_transaction)
    return;

  /* Statements left mid-result would keep the snapshot open. */
  {
    GHashTableIter iter;
    gpointer stmt;

    g_hash_table_iter_init (&iter, reader->stmts);
    while (g_hash_table_iter_next (&iter, NULL, &stmt))
      sqlite3_reset (stmt);
  }
  sqlite3_exec (reader->db, "COMMIT", NULL, NULL, NULL);
  reader->in_transaction = FALSE;
  g_mutex_unlock (&reader->lock);
}

sqlite3_stmt *
hd_store_reader_prepare (HdStoreReader  *reader,
                         const char     *sql,
                         GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (reader != NULL, NULL);

  stmt = g_hash_table_lookup (reader->stmts, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  stmt = hd_db_prepare (reader->db, sql, error);
  if (stmt == NULL)
    return NULL;
  g_hash_table_insert (reader->stmts, g_strdup (sql), stmt);

  return stmt;
}

GPtrArray *
hd_store_reader_query (HdStoreReader  *reader,
                       HdStore        *store,
                       const HdQuery  *query,
                       GError        **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr(GPtrArray) records = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (reader != NULL, NULL);

  if (!hd_store_query_sql (store, query, sql, binds, error))
    return NULL;
  stmt = hd_store_reader_prepare (reader, sql->str, error);
  if (stmt == NULL)
    return NULL;

  hd_store_query_bind (stmt, binds);

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, hd_store_query_row (stmt, query->entity));
  if (rc != SQLITE_DONE)
    {
      hd_store_reader_set_error (reader, rc, error);
      return NULL;
    }

  return g_steal_pointer (&records);
}

void
hd_store_reader_set_error (HdStoreReader  *reader,
                           int             rc,
                           GError        **error)
{
  g_return_if_fail (reader != NULL);

  hd_db_set_error (error, reader->db, rc);
}
