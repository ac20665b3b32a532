/* bench-store.c — the store with the demo data set of 100,000 people:
 * generating and inserting it, opening it, and search as you type
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-demo-store [N_PEOPLE] [DIR]
 *
 * Prints figures; asserts nothing about time (DESIGN §6 has the budgets:
 * search as you type ≤ 16 ms a keystroke at the 95th percentile).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "hd-demo.h"

static gboolean
count_only (GPtrArray  *records,
            gpointer    user_data,
            GError    **error)
{
  *(guint *) user_data += records->len;
  return TRUE;
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static double
peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;   /* kilobytes on Linux */
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *sorted,
            double  p)
{
  guint index = (guint) (p * (sorted->len - 1) + 0.5);

  return g_array_index (sorted, double, MIN (index, sorted->len - 1));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int    argc,
      char **argv)
{
  static const char * const names[] = {
    "Müller", "Schäfer", "Weiß", "Jürgen", "Björn", "Hoffmann", "Schneider",
    "Kächele", "Sabine", "Yılmaz", "Wagner", "Öztürk",
  };
  guint n_people = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 100000;
  gboolean own_dir = argc <= 2;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) list_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) count_times = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *by_length[7];
  HdStore *store;
  HdDemoSummary summary;
  guint generated = 0, total = 0;
  gint64 start;
  GStatBuf st;

  for (guint k = 0; k < G_N_ELEMENTS (by_length); k++)
    by_length[k] = g_array_new (FALSE, FALSE, sizeof (double));

  dir = own_dir ? g_dir_make_tmp ("hubdesk-bench-XXXXXX", &error) : g_strdup (argv[2]);
  if (dir == NULL)
    g_error ("%s", error->message);
  g_mkdir_with_parents (dir, 0700);
  path = g_build_filename (dir, HD_STORE_FILENAME, NULL);

  /* the generator alone */
  start = g_get_monotonic_time ();
  if (!hd_demo_generate (n_people, HD_DEMO_DEFAULT_SEED, "2026-03-16", count_only, &generated, NULL, &error))
    g_error ("%s", error->message);
  g_print ("generate only %u people (%u records): %.2f s\n", n_people, generated, seconds_since (start));
  g_print ("peak RSS after generate only: %.0f MB\n", peak_rss_mb ());

  /* generate + insert */
  start = g_get_monotonic_time ();
  store = hd_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  if (!hd_demo_fill_full (store, n_people, HD_DEMO_DEFAULT_SEED, "2026-03-16", &summary, &error))
    g_error ("%s", error->message);
  for (guint e = 0; e < HD_N_ENTITIES; e++)
    total += summary.counts[e];
  g_print ("generate+insert %u people: %.2f s (%u records)\n", n_people, seconds_since (start), total);
  g_print ("peak RSS after generate+insert: %.0f MB\n", peak_rss_mb ());
  g_object_unref (store);
  if (g_stat (path, &st) == 0)
    g_print ("database size: %.1f MB\n", st.st_size / 1048576.0);

  /* opening the store and the first page of the contacts list */
  start = g_get_monotonic_time ();
  store = hd_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  {
    HdQuery query = { .entity = HD_ENTITY_PERSON, .limit = 50 };
    g_autoptr(GPtrArray) page = hd_store_query (store, &query, &error);

    if (page == NULL)
      g_error ("%s", error->message);
    g_print ("open store + first page of %u people: %.1f ms\n", page->len, seconds_since (start) * 1000);
  }
  {
    HdQuery query = { .entity = HD_ENTITY_PERSON };

    start = g_get_monotonic_time ();
    hd_store_count (store, &query, &error);
    g_print ("count of all people: %.1f ms\n", seconds_since (start) * 1000);
  }

  /* search as you type: each prefix as a list would ask for it */
  for (guint round = 0; round < 3; round++)
    for (guint n = 0; n < G_N_ELEMENTS (names); n++)
      {
        glong length = g_utf8_strlen (names[n], -1);

        for (glong k = 1; k <= MIN (6, length); k++)
          {
            g_autofree char *prefix = g_utf8_substring (names[n], 0, k);
            HdQuery query = { .entity = HD_ENTITY_PERSON, .search = prefix, .limit = 50 };
            g_autoptr(GPtrArray) found = NULL;
            double ms;

            start = g_get_monotonic_time ();
            found = hd_store_query (store, &query, &error);
            ms = seconds_since (start) * 1000;
            if (found == NULL)
              g_error ("%s", error->message);
            if (round > 0)   /* the first round warms the page cache */
              {
                g_array_append_val (list_times, ms);
                g_array_append_val (by_length[k], ms);
              }

            query.limit = 0;
            start = g_get_monotonic_time ();
            hd_store_count (store, &query, &error);
            ms = seconds_since (start) * 1000;
            if (error != NULL)
              g_error ("%s", error->message);
            if (round > 0)
              g_array_append_val (count_times, ms);
          }
      }
  g_array_sort (list_times, compare_double);
  g_array_sort (count_times, compare_double);
  g_print ("search as you type, first 50 (%u queries): p50 %.2f ms, p95 %.2f ms, max %.2f ms\n",
           list_times->len, percentile (list_times, 0.5), percentile (list_times, 0.95),
           percentile (list_times, 1.0));
  g_print ("search as you type, count (%u queries): p50 %.2f ms, p95 %.2f ms, max %.2f ms\n",
           count_times->len, percentile (count_times, 0.5), percentile (count_times, 0.95),
           percentile (count_times, 1.0));
  for (guint k = 1; k < G_N_ELEMENTS (by_length); k++)
    {
      g_array_sort (by_length[k], compare_double);
      if (by_length[k]->len > 0)
        g_print ("  first 50 for %u letter%s: p50 %.2f ms, p95 %.2f ms\n", k, k == 1 ? "" : "s",
                 percentile (by_length[k], 0.5), percentile (by_length[k], 0.95));
    }
  for (guint k = 0; k < G_N_ELEMENTS (by_length); k++)
    g_array_unref (by_length[k]);

  g_object_unref (store);
  g_print ("peak RSS: %.0f MB\n", peak_rss_mb ());
  if (own_dir)
    remove_tree (dir);
  return 0;
}
