/* test-outbox-kill.c — a record and its outbox entry survive kill -9
 * together; so does a first pull
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A child process (store-writer) edits people in a loop; this test kills it
 * with SIGKILL at random moments, over and over on the same database, and
 * after each kill checks that every record has exactly the outbox entries
 * of the edits it went through: as many entries as its edit counter says,
 * the latest carrying its current values, the seq numbers without gaps,
 * and PRAGMA integrity_check ok.
 *
 * In the second test the child plays a first pull into an empty store
 * (the bulk path: search index deferred, indexes built at the end) and is
 * killed somewhere in it: the next open holds whole pages up to the
 * cursor and nothing else, with every index and the search index built.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "store-test-util.h"

#define ROUNDS 25

static gint64
edits_of (HdRecord *record)
{
  return g_ascii_strtoll (hd_record_get_string (record, "notes"), NULL, 10);
}

/* Returns the number of edits found. */
static gint64
check_store (const char *path)
{
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) latest = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) n_entries = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  HdQuery query = { .entity = HD_ENTITY_PERSON, .include_archived = TRUE,
                    .include_deleted = TRUE };
  gint64 total = 0;

  /* Killed before it made the file: nothing written, nothing to lose. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return 0;

  report = test_integrity_check (path);
  g_assert_cmpstr (report, ==, "ok");

  store = test_open_store (path);
  people = hd_store_query (store, &query, &error);
  g_assert_no_error (error);
  entries = hd_store_outbox_peek (store, 0, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < entries->len; i++)
    {
      HdOutboxEntry *entry = entries->pdata[i];
      int n;

      /* seq rises by one, no gap, nothing lost in between */
      g_assert_cmpint (entry->seq, ==, (gint64) i + 1);
      g_assert_cmpint (entry->entity, ==, HD_ENTITY_PERSON);
      g_hash_table_insert (latest, entry->record_id, entry);
      n = GPOINTER_TO_INT (g_hash_table_lookup (n_entries, entry->record_id));
      g_hash_table_insert (n_entries, entry->record_id, GINT_TO_POINTER (n + 1));
    }

  for (guint i = 0; i < people->len; i++)
    {
      HdRecord *person = people->pdata[i];
      const char *id = hd_record_get_id (person);
      HdOutboxEntry *entry = g_hash_table_lookup (latest, id);
      gint64 edits = edits_of (person);

      g_assert_nonnull (entry);
      g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (n_entries, id)), ==, edits);
      g_assert_cmpstr (hd_record_get_string (entry->changes, "job_title"), ==,
                       hd_record_get_string (person, "job_title"));
      g_assert_cmpstr (hd_record_get_string (entry->changes, "notes"), ==,
                       hd_record_get_string (person, "notes"));
      g_hash_table_remove (latest, id);
      total += edits;
    }

  /* no entry without its record */
  g_assert_cmpuint (g_hash_table_size (latest), ==, 0);
  g_assert_cmpint (total, ==, (gint64) entries->len);

  return total;
}

static void
test_outbox_kill (void)
{
  TestDir dir;
  gint64 edits = 0;
  guint n_without_progress = 0;

  test_dir_init (&dir);

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *seed = g_strdup_printf ("%u", round);
      gint64 now;

      child = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error,
                                STORE_WRITER, dir.path, seed, NULL);
      g_assert_no_error (error);

      g_usleep ((gulong) g_test_rand_int_range (5, 200) * 1000);
      g_subprocess_send_signal (child, SIGKILL);
      g_subprocess_wait (child, NULL, &error);
      g_assert_no_error (error);
      /* it died by our hand, not by an error of its own */
      g_assert_true (g_subprocess_get_if_signaled (child));
      g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

      now = check_store (dir.path);
      g_assert_cmpint (now, >=, edits);
      if (now == edits)
        n_without_progress++;
      edits = now;
      g_test_message ("round %u: %" G_GINT64_FORMAT " edits", round, edits);
    }

  /* the writer did get work done between the kills */
  g_assert_cmpint (edits, >, 0);
  g_assert_cmpuint (n_without_progress, <, ROUNDS / 2);

  test_dir_clear (&dir);
}

/* Must match store-writer.c. */
#define PULL_PAGES     60
#define PULL_PAGE_SIZE 250

static char *
index_names (const char *path)
{
  return test_query_text (path, "SELECT group_concat(name, ',') FROM (SELECT name "
                                "FROM sqlite_master WHERE type = 'index' ORDER BY name)");
}

/* Returns the number of pages found. */
static gint64
check_pulled (const char *path,
              const char *indexes)
{
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *after = NULL;
  g_autofree char *left = NULL;
  gint64 pages;
  HdQuery everyone = { .entity = HD_ENTITY_PERSON, .include_deleted = TRUE };

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return 0;

  report = test_integrity_check (path);
  g_assert_cmpstr (report, ==, "ok");

  store = test_open_store (path);
  cursor = hd_store_get_meta (store, "cursor");
  pages = cursor != NULL ? g_ascii_strtoll (cursor, NULL, 10) + 1 : 0;

  /* whole pages, exactly those up to the cursor */
  g_assert_cmpint (hd_store_count (store, &everyone, &error), ==, pages * PULL_PAGE_SIZE);
  g_assert_no_error (error);
  for (gint64 k = 0; k < pages; k += 7)
    {
      g_autofree char *words = g_strdup_printf ("seite%" G_GINT64_FORMAT "x juergen", k);
      HdQuery search = { .entity = HD_ENTITY_PERSON, .search = words };

      /* found by search: the index was built */
      g_assert_cmpint (hd_store_count (store, &search, &error), ==, PULL_PAGE_SIZE);
      g_assert_no_error (error);
    }

  /* every index back */
  after = index_names (path);
  g_assert_cmpstr (after, ==, indexes);
  left = test_query_text (path, "SELECT group_concat(key) FROM meta WHERE key IN "
                                "('search_deferred', 'deferred_indexes')");
  g_assert_null (left);
  test_exec_sql (path, "INSERT INTO person_fts (person_fts) VALUES ('integrity-check')");

  return pages;
}

static void
test_pull_kill (void)
{
  TestDir dir;
  g_autofree char *indexes = NULL;
  guint n_partial = 0;

  test_dir_init (&dir);

  /* what a store has when nothing interrupted it */
  {
    g_autofree char *fresh = g_build_filename (dir.dir, "fresh.db", NULL);
    HdStore *store = test_open_store (fresh);

    indexes = index_names (fresh);
    g_object_unref (store);
  }

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_strdup_printf ("%s/pull-%u.db", dir.dir, round);
      gint64 pages;

      child = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error,
                                STORE_WRITER, path, "0", "pull", NULL);
      g_assert_no_error (error);

      g_usleep ((gulong) g_test_rand_int_range (5, 350) * 1000);
      g_subprocess_send_signal (child, SIGKILL);
      g_subprocess_wait (child, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_signaled (child));

      pages = check_pulled (path, indexes);
      if (pages > 0 && pages < PULL_PAGES)
        n_partial++;
      g_test_message ("round %u: %" G_GINT64_FORMAT " pages", round, pages);
    }

  /* some kills did land in the middle of the pull */
  g_assert_cmpuint (n_partial, >, 0);

  test_dir_clear (&dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/outbox/kill-9", test_outbox_kill);
  g_test_add_func ("/store/pull/kill-9", test_pull_kill);

  return g_test_run ();
}
