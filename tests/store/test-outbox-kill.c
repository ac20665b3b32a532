/* test-outbox-kill.c — a record and its outbox entry survive kill -9 together
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
 */
#include <signal.h>
#include <stdlib.h>

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/outbox/kill-9", test_outbox_kill);

  return g_test_run ();
}
