/* bench-contacts.c — the Contacts list at 100,000 people, as the window uses it
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fills a profile with the demo data (an argument sets the number of
 * people, default 100,000) and prints, through HdRecordList (the
 * GListModel the Contacts table shows) on the main context:
 * - search as you type: for each prefix of a few names typed letter by
 *   letter ("m", "mu", "mue", … — "mue" finds "Müller"), the time until
 *   the count is known and the first screen of rows is loaded; median,
 *   p95 and max, alone and with two filters (consent given, a tag);
 * - counting the filtered list without a search (what the window shows
 *   beside a filter before anything is typed), a few times each;
 * - scrolling through the whole list: every item in order, each page
 *   waited for as the table would; the total and the wait per page.
 * Importing 10,000 rows of CSV is measured by bench-import (tests/interop).
 * Asserts outcomes only, never times.
 */
#include "config.h"

#include <string.h>

#include "hd-demo.h"
#include "hd-record-list.h"
#include "hd-store-tags.h"
#include "store-test-util.h"

#define SCREEN_ROWS 40   /* rows a tall window shows */

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
print_times (const char *what,
             GArray     *times,
             const char *unit)
{
  g_array_sort (times, compare_double);
  g_print ("%s: %u %s, median %.1f ms, p95 %.1f ms, max %.1f ms\n", what, times->len, unit,
           g_array_index (times, double, times->len / 2),
           g_array_index (times, double, (times->len * 95) / 100),
           g_array_index (times, double, times->len - 1));
}

static void
wait_loaded (HdRecordList *list)
{
  while (hd_record_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
}

/* The record at @position, iterating the main context until its page is
 * there; the caller's reference. */
static HdRecordObject *
wait_item (HdRecordList *list,
           guint         position)
{
  HdRecordObject *item = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_assert_nonnull (item);
  while (hd_record_object_get_record (item) == NULL)
    {
      g_object_unref (item);
      g_main_context_iteration (NULL, TRUE);
      item = g_list_model_get_item (G_LIST_MODEL (list), position);
      g_assert_nonnull (item);
    }
  return item;
}

static void
bench_typing (HdStore            *store,
              const char * const *where,
              const char         *what)
{
  const char *typed[] = { "mueller", "schmidt", "özdemir", "schae", "lena", "koch" };
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  HdQuery query = { 0, };
  g_autoptr(HdRecordList) list = NULL;
  guint found_mueller = 0;

  query.entity = HD_ENTITY_PERSON;
  query.where = where;
  list = hd_record_list_new (store, &query);
  wait_loaded (list);

  for (guint w = 0; w < G_N_ELEMENTS (typed); w++)
    {
      for (const char *p = g_utf8_next_char (typed[w]); ; p = g_utf8_next_char (p))
        {
          g_autofree char *prefix = g_strndup (typed[w], p - typed[w]);
          gint64 start = g_get_monotonic_time ();
          guint n;
          double ms;

          query.search = prefix;
          hd_record_list_set_query (list, &query);
          wait_loaded (list);
          n = g_list_model_get_n_items (G_LIST_MODEL (list));
          for (guint i = 0; i < MIN (n, SCREEN_ROWS); i++)
            g_object_unref (wait_item (list, i));
          ms = (g_get_monotonic_time () - start) / 1000.0;
          g_array_append_val (times, ms);

          if (g_str_equal (prefix, "mueller"))
            found_mueller = n;
          if (*p == '\0')
            break;
        }
    }

  /* The demo has Müllers: "mueller" must find them. */
  g_assert_cmpuint (found_mueller, >, 0);
  g_print ("  (\"mueller\" finds %u)\n", found_mueller);
  print_times (what, times, "keystrokes");
}

static void
bench_count (HdStore            *store,
             const char * const *where,
             const char         *what)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  HdQuery query = { 0, };
  gint64 first = -1;

  query.entity = HD_ENTITY_PERSON;
  query.where = where;
  for (guint i = 0; i < 9; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      gint64 n = hd_store_count (store, &query, &error);
      double ms = (g_get_monotonic_time () - start) / 1000.0;

      g_assert_no_error (error);
      g_assert_cmpint (n, >, 0);
      if (first < 0)
        first = n;
      g_assert_cmpint (n, ==, first);
      g_array_append_val (times, ms);
    }

  g_print ("  (%" G_GINT64_FORMAT " people)\n", first);
  print_times (what, times, "counts");
}

static void
bench_scrolling (HdStore *store)
{
  HdQuery query = { 0, };
  g_autoptr(HdRecordList) list = NULL;
  g_autoptr(GArray) waits = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *previous = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 total;
  guint n;

  query.entity = HD_ENTITY_PERSON;
  list = hd_record_list_new (store, &query);
  wait_loaded (list);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  total = hd_store_count (store, &query, NULL);
  g_assert_cmpint ((gint64) n, ==, total);

  for (guint i = 0; i < n; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(HdRecordObject) item = wait_item (list, i);
      HdRecord *record = hd_record_object_get_record (item);
      double ms = (g_get_monotonic_time () - t0) / 1000.0;

      /* A wait worth counting is a page that was not there yet. */
      if (ms > 0.05)
        g_array_append_val (waits, ms);
      /* In order, each person once: ids differ from the row before. */
      g_assert_cmpstr (previous, !=, hd_record_get_id (record));
      g_free (previous);
      previous = g_strdup (hd_record_get_id (record));
    }

  g_print ("scrolling through %u people: %.0f ms in all\n", n,
           (g_get_monotonic_time () - start) / 1000.0);
  if (waits->len > 0)
    print_times ("  waiting for a page", waits, "pages");
}

int
main (int   argc,
      char *argv[])
{
  TestDir dir;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tags = NULL;
  g_autofree char *tag_condition = NULL;
  const char *consent[] = { "consent=given", NULL };
  const char *both[3] = { "consent=given", NULL, NULL };
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  gint64 start;

  test_dir_init (&dir);
  store = test_open_store (dir.path);
  start = g_get_monotonic_time ();
  hd_demo_fill (store, n, HD_DEMO_DEFAULT_SEED, "2026-11-25", &error);
  g_assert_no_error (error);
  g_print ("demo data with %u people: %.0f ms\n", n, (g_get_monotonic_time () - start) / 1000.0);

  tags = hd_store_list_tags (store, HD_ENTITY_PERSON, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tags[0]);
  tag_condition = g_strdup_printf ("tags=%s", tags[0]);
  both[1] = tag_condition;

  bench_typing (store, NULL, "search as you type, count and first screen");
  bench_typing (store, consent, "search as you type with consent given");
  bench_typing (store, both, "search as you type with consent given and a tag");
  bench_count (store, consent, "count with consent given");
  bench_count (store, both, "count with consent given and a tag");
  bench_count (store, both + 1, "count with a tag");
  bench_scrolling (store);

  g_clear_object (&store);
  test_dir_clear (&dir);
  return 0;
}
