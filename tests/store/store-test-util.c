/* store-test-util.c — what the store's tests share
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "store-test-util.h"

void
test_dir_init (TestDir *dir)
{
  g_autoptr(GError) error = NULL;

  dir->dir = g_dir_make_tmp ("hubdesk-store-XXXXXX", &error);
  g_assert_no_error (error);
  dir->path = g_build_filename (dir->dir, "store.db", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR))
            remove_tree (child);
          else
            g_unlink (child);
        }
    }

  g_rmdir (path);
}

void
test_dir_clear (TestDir *dir)
{
  if (dir->dir != NULL)
    remove_tree (dir->dir);
  g_clear_pointer (&dir->dir, g_free);
  g_clear_pointer (&dir->path, g_free);
}

HdStore *
test_open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  HdStore *store = hd_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);

  return store;
}

HdRecord *
test_person (const char *hub_id,
             const char *given_name,
             const char *family_name)
{
  HdRecord *record = hd_record_new (HD_ENTITY_PERSON, hub_id);

  hd_record_set_string (record, "given_name", given_name);
  hd_record_set_string (record, "family_name", family_name);

  return record;
}

HdRecord *
test_organization (const char *hub_id,
                   const char *name)
{
  HdRecord *record = hd_record_new (HD_ENTITY_ORGANIZATION, hub_id);

  hd_record_set_string (record, "name", name);

  return record;
}

HdRecord *
test_event (const char *hub_id,
            const char *title,
            const char *starts_at,
            const char *ends_at)
{
  HdRecord *record = hd_record_new (HD_ENTITY_EVENT, hub_id);

  hd_record_set_string (record, "title", title);
  hd_record_set_string (record, "starts_at", starts_at);
  hd_record_set_string (record, "ends_at", ends_at);

  return record;
}

char *
test_integrity_check (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GString *report = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (report->len > 0)
        g_string_append_c (report, '\n');
      g_string_append (report, (const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return g_string_free (report, FALSE);
}

char *
test_file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

void
test_exec_sql (const char *path,
               const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                    NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

char *
test_query_text (const char *path,
                 const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return text;
}

static gboolean
timed_out (gpointer data)
{
  g_error ("Timed out waiting for the main loop");
  return G_SOURCE_REMOVE;
}

void
test_wait_for (gboolean *flag)
{
  GMainContext *context = g_main_context_get_thread_default ();
  GSource *timeout = g_timeout_source_new_seconds (60);

  g_source_set_callback (timeout, timed_out, NULL, NULL);
  g_source_attach (timeout, context);

  while (!*flag)
    g_main_context_iteration (context, TRUE);

  g_source_destroy (timeout);
  g_source_unref (timeout);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

char *
test_entry_fields (const HdOutboxEntry *entry)
{
  const HdEntityInfo *info = hd_entity_info (entry->entity);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < info->n_fields; i++)
    {
      if (hd_record_has (entry->changes, i))
        g_ptr_array_add (names, (gpointer) info->fields[i].name);
    }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (",", (char **) names->pdata);
}
