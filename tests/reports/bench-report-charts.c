/* bench-report-charts.c — drawing the charts of a year's report
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-report-charts [PROFILE_DIR]
 *
 * Computes the report of 2026 for all hubs (the 100,000-people demo
 * profile of bench-reports, or a fresh one of 10,000 people), then lays
 * out, snapshots and renders (cairo) every chart of the Reports view 50
 * times, and prints the time per round. Needs a display (xvfb-run);
 * without one it says so and stops. Asserts no times.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "hd-demo.h"
#include "hd-report.h"
#include "reports/hd-report-chart.h"

#define ROUNDS 50

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdReport) report = NULL;
  g_autoptr(GPtrArray) figures = g_ptr_array_new ();
  g_autoptr(GPtrArray) charts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_object_unref);
  cairo_surface_t *surface;
  cairo_t *cr;
  HdQuery query = { .entity = HD_ENTITY_HUB };
  HdReportPeriod year;
  gint64 start;
  guint n_bars = 0;

  if (!gtk_init_check ())
    {
      g_print ("no display: run under xvfb-run to draw the charts\n");
      return 0;
    }

  dir = argc > 1 ? g_strdup (argv[1]) : g_dir_make_tmp ("hubdesk-bench-charts-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (dir, HD_STORE_FILENAME, NULL);
  store = hd_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  if (hd_store_count (store, &query, NULL) == 0 &&
      !hd_demo_fill (store, 10000, HD_DEMO_DEFAULT_SEED, "2026-11-20", &error))
    g_error ("%s", error->message);

  hd_report_period_year (&year, 2026);
  report = hd_report_compute (store, &year, NULL, 0, &error);
  if (report == NULL)
    g_error ("%s", error->message);

  for (guint i = 0; i < hd_report_get_n_series (report); i++)
    g_ptr_array_add (figures, (gpointer) hd_report_get_series (report, i));
  g_ptr_array_add (figures, (gpointer) hd_report_lookup (report, "organizations_reached"));
  g_ptr_array_add (figures, (gpointer) hd_report_lookup (report, "participants"));
  g_ptr_array_add (figures, (gpointer) hd_report_lookup (report, "participants_by_mode"));
  g_ptr_array_add (figures, (gpointer) hd_report_lookup (report, "events_held"));
  for (guint i = 0; i < figures->len; i++)
    {
      GtkWidget *chart = hd_report_chart_new ();

      g_object_ref_sink (chart);
      g_ptr_array_add (charts, chart);
      n_bars += ((HdReportFigure *) g_ptr_array_index (figures, i))->parts->len;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 480);
  cr = cairo_create (surface);
  start = g_get_monotonic_time ();
  for (guint round = 0; round < ROUNDS; round++)
    {
      for (guint i = 0; i < charts->len; i++)
        {
          GtkWidget *chart = g_ptr_array_index (charts, i);
          GtkSnapshot *snapshot = gtk_snapshot_new ();
          GskRenderNode *node;
          int height;

          hd_report_chart_set_figure (HD_REPORT_CHART (chart), g_ptr_array_index (figures, i));
          gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, 640, &height, NULL, NULL, NULL);
          gtk_widget_allocate (chart, 640, height, -1, NULL);
          GTK_WIDGET_GET_CLASS (chart)->snapshot (chart, snapshot);
          node = gtk_snapshot_free_to_node (snapshot);
          if (node != NULL)
            {
              gsk_render_node_draw (node, cr);
              gsk_render_node_unref (node);
            }
        }
    }
  g_print ("charts of 2026, all hubs: %u charts with %u bars set, laid out, snapshot and "
           "drawn in %.2f ms a round (%d rounds)\n", charts->len, n_bars,
           (g_get_monotonic_time () - start) / 1000.0 / ROUNDS, ROUNDS);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_clear_object (&store);
  if (argc <= 1)
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
