/* bench-agenda-grid.c — the agenda grid widget with a busy event (120
 * sessions over two days in eight rooms): building its blocks from a
 * layout, measuring and allocating them, and drawing a frame into a
 * render node. Needs a display (CI's GUI build has xvfb); without one
 * it says so and stops.
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "events/hd-agenda-grid.h"

#define HUB "0b7f5c1e-3a53-4b4c-9a55-7c1f7d3b2a10"
#define N_SESSIONS 120
#define N_ROOMS 8
#define RUNS 60
#define START 1792051200   /* 2026-10-15T08:00:00Z */

static HdRecord *
make (HdEntity    entity,
      const char *field,
      const char *value)
{
  HdRecord *record = hd_record_new (entity, HUB);

  hd_record_set_string (record, field, value);
  return record;
}

static void
set_span (HdRecord *record,
          gint64    start,
          gint64    end)
{
  g_autofree char *s = hd_timestamp_format (start);
  g_autofree char *e = hd_timestamp_format (end);

  hd_record_set_string (record, "starts_at", s);
  hd_record_set_string (record, "ends_at", e);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
report (const char *what,
        GArray     *times)
{
  g_array_sort (times, compare_double);
  g_print ("%s: median %.2f ms, p95 %.2f ms (%u runs)\n", what,
           g_array_index (times, double, times->len / 2),
           g_array_index (times, double, (times->len * 95) / 100), times->len);
}

static void
wait_frames (void)
{
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) rooms = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GArray) t_build = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_allocate = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_draw = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(HdRecord) event = make (HD_ENTITY_EVENT, "title", "Digitalkongress");
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  GtkWidget *window, *scroller, *grid;

  if (!gtk_init_check ())
    {
      g_print ("no display: the agenda grid widget was not measured\n");
      return 0;
    }
  adw_init ();

  for (int i = 0; i < N_ROOMS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Raum %d", i + 1);

      g_ptr_array_add (rooms, make (HD_ENTITY_ROOM, "name", name));
    }
  set_span (event, START, START + 34 * 3600);
  hd_record_set_string (event, "room_id", hd_record_get_id (g_ptr_array_index (rooms, 0)));
  for (int j = 0; j < N_SESSIONS; j++)
    {
      g_autofree char *title = g_strdup_printf ("Kongress-Programmpunkt %d", j);
      g_autofree char *speaker = g_strdup_printf ("Person %d", j % 40);
      HdRecord *person = make (HD_ENTITY_PERSON, "family_name", speaker);
      HdRecord *session = make (HD_ENTITY_SESSION, "title", title);
      int day = j / (N_SESSIONS / 2);
      int slot = (j % (N_SESSIONS / 2)) / 8;
      gint64 start = START + day * 24 * 3600 + slot * 3600 + g_rand_int_range (rand, 0, 4) * 900;
      const char *speakers[2] = { hd_record_get_id (person), NULL };

      g_hash_table_insert (names, g_strdup (hd_record_get_id (person)), g_strdup (speaker));
      hd_record_set_string (session, "event_id", hd_record_get_id (event));
      set_span (session, start, start + 45 * 60);
      hd_record_set_string (session, "room_id", hd_record_get_id (g_ptr_array_index (rooms, j % N_ROOMS)));
      hd_record_set_strv (session, "speaker_ids", speakers);
      if (j % 10 == 0)
        hd_record_set_string (session, "track", "KI");
      g_ptr_array_add (sessions, session);
      hd_record_unref (person);
    }

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  scroller = gtk_scrolled_window_new ();
  grid = hd_agenda_grid_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), grid);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_present (GTK_WINDOW (window));
  {
    gint64 until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (!gtk_widget_get_mapped (grid) && g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, TRUE);
  }
  wait_frames ();

  for (int run = 0; run < RUNS; run++)
    {
      HdAgendaLayout *layout = hd_agenda_layout_new (event, sessions, rooms, tz, FALSE);
      GtkSnapshot *snapshot;
      GskRenderNode *node;
      gint64 t0, t1, t2, t3;
      double ms;

      t0 = g_get_monotonic_time ();
      hd_agenda_grid_set_layout (HD_AGENDA_GRID (grid), layout, NULL, names);
      t1 = g_get_monotonic_time ();
      gtk_widget_measure (grid, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
      gtk_widget_measure (grid, GTK_ORIENTATION_VERTICAL, 1200, NULL, NULL, NULL, NULL);
      gtk_widget_allocate (grid, 1200, 760, -1, NULL);
      t2 = g_get_monotonic_time ();
      snapshot = gtk_snapshot_new ();
      GTK_WIDGET_GET_CLASS (grid)->snapshot (grid, snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      t3 = g_get_monotonic_time ();
      if (run == 0)
        g_print ("a frame of the grid: %s\n", node != NULL ? "drawn" : "empty");
      g_clear_pointer (&node, gsk_render_node_unref);

      ms = (t1 - t0) / 1000.0;
      g_array_append_val (t_build, ms);
      ms = (t2 - t1) / 1000.0;
      g_array_append_val (t_allocate, ms);
      ms = (t3 - t2) / 1000.0;
      g_array_append_val (t_draw, ms);
      wait_frames ();
    }
  g_print ("agenda grid, %d sessions of which one day (%d blocks) is shown, 1200×760 px\n",
           N_SESSIONS, N_SESSIONS / 2);
  report ("build the blocks from a layout", t_build);
  report ("measure and allocate", t_allocate);
  report ("draw a frame into a render node", t_draw);

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
