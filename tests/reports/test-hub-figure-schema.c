/* test-hub-figure-schema.c — stores and servers made before hub_figure get its table
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "hd-db.h"
#include "hd-hub-figure.h"
#include "hd-server-storage.h"
#include "hd-store-private.h"

#define HUB "0b7f5c1e-3a53-4b4c-9a55-7c1f7d3b2a10"

static void
exec (const char *path,
      const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static int
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int value;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static char *
temp_path (char **out_dir)
{
  g_autoptr(GError) error = NULL;

  *out_dir = g_dir_make_tmp ("hubdesk-hub-figure-XXXXXX", &error);
  g_assert_no_error (error);

  return g_build_filename (*out_dir, "data.db", NULL);
}

static void
remove_all (const char *dir,
            const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

/* A store at version 3, as made before hub_figure existed, is migrated
 * and takes hand-entered figures. */
static void
test_store_from_v3 (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = temp_path (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdRecord) record = NULL;
  const HdDbMigration *steps;
  guint n_steps;
  sqlite3 *db;

  steps = hd_store_schema_migrations (&n_steps);
  g_assert_cmpuint (n_steps, >=, 4);
  db = hd_db_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (hd_db_migrate (db, steps, 3, NULL, &error));
  g_assert_no_error (error);
  sqlite3_close (db);
  exec (path, "DROP TABLE hub_figure");
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'hub_figure'"), ==, 0);

  store = hd_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_store_get_schema_version (store), ==, (int) n_steps);
  g_assert_true (hd_hub_figure_save (store, HUB, "2026-11", 14400, 21, NULL, &error));
  g_assert_no_error (error);
  record = hd_hub_figure_get (store, HUB, "2026-11", &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_record_get_int (record, "social_followers", -1), ==, 14400);
  /* the outbox carries it to the server like any record */
  g_assert_cmpint (hd_store_outbox_count (store, &error), ==, 1);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'hub_figure_month'"), ==, 1);

  g_clear_object (&store);
  remove_all (dir, path);
}

/* A store made now has the table from step 1; step 4 leaves it alone. */
static void
test_store_fresh (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = temp_path (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = hd_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (hd_hub_figure_save (store, HUB, "2026-10", 100, 2, "Mastodon", &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM hub_figure"), ==, 1);

  remove_all (dir, path);
}

/* A server database of format 1 gets rec_hub_figure; one of format 2 is
 * left as it is. */
static void
test_server_from_v1 (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = temp_path (&dir);
  g_autoptr(GError) error = NULL;
  HdServerStorage *storage;

  storage = hd_server_storage_open (path, NULL, TRUE, &error);
  g_assert_no_error (error);
  hd_server_storage_free (storage);
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, 3);

  exec (path, "DROP TABLE rec_hub_figure; PRAGMA user_version = 1");
  storage = hd_server_storage_open (path, NULL, FALSE, &error);
  g_assert_no_error (error);
  hd_server_storage_free (storage);
  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, 3);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'rec_hub_figure'"), ==, 1);
  g_assert_cmpint (query_int (path, "SELECT COUNT(*) FROM pragma_table_info('rec_hub_figure') WHERE name = 'month__v'"), ==, 1);

  remove_all (dir, path);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reports/hub-figure/store-from-v3", test_store_from_v3);
  g_test_add_func ("/reports/hub-figure/store-fresh", test_store_fresh);
  g_test_add_func ("/reports/hub-figure/server-from-v1", test_server_from_v1);

  return g_test_run ();
}
