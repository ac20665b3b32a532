/* test-db.c — the SQLite helpers shared by the store and the server
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "hd-db.h"
#include "store-test-util.h"

/* Every field type goes into its column and comes back equal. */
static void
test_values_round_trip (void)
{
  TestDir dir;
  g_autoptr(GError) error = NULL;
  g_autofree char *columns = NULL;
  g_autofree char *create = NULL;
  sqlite3 *db;

  test_dir_init (&dir);
  db = hd_db_open (dir.path, &error);
  g_assert_no_error (error);

  for (guint e = 0; e < HD_N_ENTITIES; e++)
    {
      const HdEntityInfo *info = hd_entity_info ((HdEntity) e);
      g_autoptr(GString) insert = g_string_new (NULL);
      g_autoptr(GString) select = g_string_new ("SELECT ");
      g_autoptr(HdRecord) record = hd_record_new ((HdEntity) e, TEST_HUB);
      g_autofree char *table = hd_db_quote_identifier (info->name);
      sqlite3_stmt *stmt;

      g_clear_pointer (&columns, g_free);
      g_clear_pointer (&create, g_free);
      columns = hd_db_columns_sql ((HdEntity) e);
      create = g_strdup_printf ("CREATE TABLE %s (id TEXT PRIMARY KEY%s)", table, columns);
      hd_db_exec (db, create, &error);
      g_assert_no_error (error);

      /* a value of every field's type, with umlauts in the texts */
      for (guint i = 0; i < info->n_fields; i++)
        {
          const HdField *field = &info->fields[i];
          const char *list[] = { "Förderung", "KI", "\"quoted\"", NULL };

          switch (field->type)
            {
            case HD_TYPE_INT:
              hd_record_set (record, i, g_variant_new_int64 (field->max));
              break;
            case HD_TYPE_BOOL:
              hd_record_set (record, i, g_variant_new_boolean (TRUE));
              break;
            case HD_TYPE_ENUM_SET:
            case HD_TYPE_STRV:
            case HD_TYPE_REF_LIST:
              hd_record_set (record, i, g_variant_new_strv (list, -1));
              break;
            case HD_TYPE_STRING:
            case HD_TYPE_TEXT:
            case HD_TYPE_ENUM:
            case HD_TYPE_REF:
            case HD_TYPE_TIMESTAMP:
            case HD_TYPE_DATE:
            case HD_TYPE_TIME:
            case HD_TYPE_URL:
            case HD_TYPE_EMAIL:
            case HD_TYPE_RRULE:
            case HD_TYPE_TIMEZONE:
            default:
              if (i % 3 == 0)
                hd_record_set (record, i, NULL);  /* SQL NULL */
              else
                hd_record_set (record, i, g_variant_new_string ("Straße in Ülm"));
              break;
            }
        }

      g_string_append_printf (insert, "INSERT INTO %s VALUES ('x'", table);
      for (guint i = 0; i < info->n_fields; i++)
        {
          g_autofree char *name = hd_db_quote_identifier (info->fields[i].name);

          g_string_append (insert, ", ?");
          g_string_append_printf (select, "%s%s", i > 0 ? ", " : "", name);
        }
      g_string_append (insert, ")");
      g_string_append_printf (select, " FROM %s", table);

      stmt = hd_db_prepare (db, insert->str, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < info->n_fields; i++)
        g_assert_cmpint (hd_db_bind_value (stmt, (int) i + 1, &info->fields[i],
                                           hd_record_get (record, i)), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);

      stmt = hd_db_prepare (db, select->str, &error);
      g_assert_no_error (error);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      for (guint i = 0; i < info->n_fields; i++)
        {
          g_autoptr(GVariant) value = hd_db_column_value (stmt, (int) i, &info->fields[i]);

          if (value != NULL)
            g_variant_ref_sink (value);
          g_assert_true (hd_value_equal (value, hd_record_get (record, i)));
          g_assert_cmpstr (hd_db_column_type (info->fields[i].type), ==,
                           (info->fields[i].type == HD_TYPE_INT ||
                            info->fields[i].type == HD_TYPE_BOOL) ? "INTEGER" : "TEXT");
        }
      sqlite3_finalize (stmt);
    }

  sqlite3_close (db);
  test_dir_clear (&dir);
}

static gboolean
step_create (sqlite3  *db,
             gpointer  user_data,
             GError  **error)
{
  (*(guint *) user_data)++;
  return hd_db_exec (db, "CREATE TABLE a (x INTEGER)", error);
}

static gboolean
step_add (sqlite3  *db,
          gpointer  user_data,
          GError  **error)
{
  (*(guint *) user_data)++;
  return hd_db_exec (db, "ALTER TABLE a ADD COLUMN y TEXT", error);
}

static gboolean
step_fail (sqlite3  *db,
           gpointer  user_data,
           GError  **error)
{
  hd_db_exec (db, "CREATE TABLE b (x INTEGER)", NULL);
  return hd_db_exec (db, "THIS IS NOT SQL", error);
}

static void
test_migrate (void)
{
  TestDir dir;
  g_autoptr(GError) error = NULL;
  const HdDbMigration steps[] = { step_create, step_add, step_fail };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint runs = 0;
  sqlite3 *db;
  int version = -1;

  test_dir_init (&dir);
  db = hd_db_open (dir.path, &error);
  g_assert_no_error (error);

  g_assert_true (hd_db_migrate (db, steps, 1, &runs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (hd_db_get_user_version (db, NULL), ==, 1);
  g_assert_true (hd_db_migrate (db, steps, 2, &runs, &error));
  g_assert_cmpint (hd_db_get_user_version (db, NULL), ==, 2);
  g_assert_cmpuint (runs, ==, 2);
  /* nothing more to do */
  g_assert_true (hd_db_migrate (db, steps, 2, &runs, &error));
  g_assert_cmpuint (runs, ==, 2);

  /* a failing step leaves the database at the version before it */
  g_assert_false (hd_db_migrate (db, steps, 3, &runs, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (hd_db_get_user_version (db, NULL), ==, 2);
  g_assert_cmpint (sqlite3_exec (db, "SELECT * FROM b", NULL, NULL, NULL), !=, SQLITE_OK);

  /* a newer database is refused without a write */
  g_assert_false (hd_db_migrate (db, steps, 1, &runs, &error));
  g_assert_error (error, HD_DB_ERROR, HD_DB_ERROR_NEWER_VERSION);
  g_clear_error (&error);
  sqlite3_close (db);

  g_assert_true (hd_db_read_user_version (dir.path, &version, &error));
  g_assert_cmpint (version, ==, 2);

  before = test_file_checksum (dir.path);
  g_assert_null (hd_db_open_checked (dir.path, 1, &error));
  g_assert_error (error, HD_DB_ERROR, HD_DB_ERROR_NEWER_VERSION);
  g_clear_error (&error);
  after = test_file_checksum (dir.path);
  g_assert_cmpstr (before, ==, after);

  db = hd_db_open_checked (dir.path, 2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  sqlite3_close (db);

  /* a file that is not there is version 0 */
  {
    g_autofree char *missing = g_build_filename (dir.dir, "missing.db", NULL);

    g_assert_true (hd_db_read_user_version (missing, &version, &error));
    g_assert_cmpint (version, ==, 0);
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }

  test_dir_clear (&dir);
}

static void
test_settings_and_errors (void)
{
  TestDir dir;
  g_autoptr(GError) error = NULL;
  g_autofree char *quoted = hd_db_quote_identifier ("we\"ird");
  sqlite3 *db;
  sqlite3_stmt *stmt;

  test_dir_init (&dir);
  db = hd_db_open (dir.path, &error);
  g_assert_no_error (error);

  stmt = hd_db_prepare (db, "PRAGMA journal_mode", &error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  stmt = hd_db_prepare (db, "PRAGMA synchronous", &error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2);  /* FULL */
  sqlite3_finalize (stmt);
  stmt = hd_db_prepare (db, "PRAGMA foreign_keys", &error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);

  g_assert_cmpstr (quoted, ==, "\"we\"\"ird\"");

  /* SQLITE_FULL in words a person understands */
  hd_db_set_error (&error, db, SQLITE_FULL);
  g_assert_error (error, HD_DB_ERROR, HD_DB_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_clear_error (&error);

  g_assert_null (hd_db_prepare (db, "SELECT * FROM nothing_here", &error));
  g_assert_error (error, HD_DB_ERROR, HD_DB_ERROR_FAILED);
  g_clear_error (&error);

  /* rollback without a transaction is harmless */
  hd_db_rollback (db);
  g_assert_true (hd_db_begin (db, &error));
  hd_db_rollback (db);
  g_assert_true (sqlite3_get_autocommit (db));

  sqlite3_close (db);
  test_dir_clear (&dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/db/values", test_values_round_trip);
  g_test_add_func ("/store/db/migrate", test_migrate);
  g_test_add_func ("/store/db/settings-and-errors", test_settings_and_errors);

  return g_test_run ();
}
