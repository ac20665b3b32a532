/* bench-reports.c — all figures of a year on the 100,000-people demo profile
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-reports [DIR]
 *
 * Fills DIR (or a temporary folder) with the demo data for 100,000 people
 * unless it holds a profile already, then computes every figure for the
 * year of the demo season and the year before, for all hubs and for one,
 * and prints the times (budget: 200 ms for a year). Asserts no times.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <time.h>

#include "hd-demo.h"
#include "hd-report.h"
#include "hd-report-export.h"

#define RUNS 7

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* CPU time of this process: on a machine shared with other work, wall
 * time measures the others as well. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void
run (HdStore              *store,
     const char           *what,
     const HdReportPeriod *period,
     const char * const   *hubs)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_ms ();
      g_autoptr(HdReport) report = hd_report_compute (store, period, hubs, 0, &error);
      double ms = (g_get_monotonic_time () - start) / 1000.0;
      double cpu = cpu_ms () - cpu_start;

      if (report == NULL)
        g_error ("%s", error->message);
      g_array_append_val (times, ms);
      g_array_append_val (cpu_times, cpu);
      if (i == 0)
        {
          const HdReportFigure *reached = hd_report_lookup (report, "organizations_reached");
          const HdReportFigure *participants = hd_report_lookup (report, "participants");

          g_print ("%s: %lld organizations reached, %lld participants\n", what,
                   (long long) reached->value, (long long) participants->value);
        }
    }

  g_array_sort (times, compare_doubles);
  g_array_sort (cpu_times, compare_doubles);
  g_print ("%s: all %u figures, this period and the one before: median %.1f ms "
           "(CPU %.1f ms), fastest %.1f ms, slowest %.1f ms (budget 200 ms)\n",
           what, hd_report_n_figures (), g_array_index (times, double, RUNS / 2),
           g_array_index (cpu_times, double, RUNS / 2),
           g_array_index (times, double, 0), g_array_index (times, double, RUNS - 1));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GPtrArray) hubs = NULL;
  HdQuery query = { .entity = HD_ENTITY_HUB };
  HdReportPeriod year;
  gboolean own = argc < 2;

  dir = own ? g_dir_make_tmp ("hubdesk-bench-reports-XXXXXX", &error) : g_strdup (argv[1]);
  if (dir == NULL)
    g_error ("%s", error->message);
  g_mkdir_with_parents (dir, 0700);
  path = g_build_filename (dir, HD_STORE_FILENAME, NULL);

  store = hd_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  if (hd_store_count (store, &query, NULL) == 0)
    {
      gint64 start = g_get_monotonic_time ();

      if (!hd_demo_fill (store, 100000, HD_DEMO_DEFAULT_SEED, "2026-11-20", &error))
        g_error ("%s", error->message);
      g_print ("demo profile of 100,000 people made in %.1f s\n",
               (g_get_monotonic_time () - start) / 1e6);

      /* as the application finds it when started: the 200 MB write-ahead
       * log of the bulk load folded into the file (the next write or
       * closing the store does that; reads through it are slower) */
      g_clear_object (&store);
      store = hd_store_open (path, &error);
      if (store == NULL)
        g_error ("%s", error->message);
    }

  hubs = hd_store_query (store, &query, &error);
  if (hubs == NULL || hubs->len == 0)
    g_error ("no hubs");

  hd_report_period_year (&year, 2026);
  run (store, "year 2026, all hubs", &year, NULL);
  {
    const char *one[] = { hd_record_get_id (g_ptr_array_index (hubs, 0)), NULL };

    run (store, "year 2026, one hub", &year, one);
  }

  g_clear_object (&store);
  if (own)
    {
      const char *suffixes[] = { "", "-wal", "-shm" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

          g_unlink (file);
        }
      g_rmdir (dir);
    }

  return 0;
}
