/* bench-rooms-draw.c — figures of drawing the rooms: the day timeline of
 * 50 rooms with 10,000 bookings, and the heat map of their week
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Printed, each as median and 95th percentile of several runs (ms):
 * the computation (the occurrences of the day of every room, the
 * occupancy of the week) and, under a display, the widgets: the blocks
 * of the timeline made or given their bookings, laid out, and drawn into
 * a GtkSnapshot (gtk_widget_snapshot of the timeline and its blocks,
 * without sending the result to the screen); the heat map likewise.
 * Without a display the drawing is skipped with a message (exit 77 after
 * the computed figures). Run with `meson test --benchmark --suite bench`.
 */
#include "config.h"

#include <gtk/gtk.h>
#include <string.h>

#include "hd-rooms.h"
#include "rooms/hd-day-timeline.h"
#include "rooms/hd-heat-map.h"

#define N_ROOMS    50
#define N_BOOKINGS 10000
#define N_RUNS     21

static const char *rules[] = {
  "FREQ=WEEKLY", "FREQ=WEEKLY;BYDAY=TU,TH", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
  "FREQ=MONTHLY;BYDAY=1MO", "FREQ=DAILY;COUNT=10", "FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=30",
};

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* "median 1.23 ms, p95 1.50 ms" of @times (seconds) */
static void
print_figure (const char *what,
              GArray     *times)
{
  guint p95 = (guint) ((times->len * 95 + 99) / 100);

  g_array_sort (times, compare_doubles);
  g_print ("%-52s median %8.2f ms   p95 %8.2f ms   (%u runs)\n", what,
           g_array_index (times, double, times->len / 2) * 1000.0,
           g_array_index (times, double, MIN (MAX (p95, 1), times->len) - 1) * 1000.0,
           times->len);
  g_array_set_size (times, 0);
}

static double
seconds (void)
{
  return (double) g_get_monotonic_time () / G_USEC_PER_SEC;
}

static GPtrArray *
day_blocks (GPtrArray *rooms,
            GPtrArray *bookings,
            GTimeZone *tz,
            gint64     day_start,
            gint64     day_end)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  /* as the Rooms view does: the bookings of the hub, room by room */
  for (guint r = 0; r < rooms->len; r++)
    g_ptr_array_add (blocks, hd_room_blocks (g_ptr_array_index (rooms, r), bookings, tz,
                                             day_start, day_end, TRUE));
  return blocks;
}

/* Draws @widget (and its children) into a snapshot; the render node
 * (NULL when nothing was drawn) is returned. */
static GskRenderNode *
snapshot_widget (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  return gtk_snapshot_free_to_node (snapshot);
}

/* How much was drawn: the size of the node serialized, so that a figure
 * of nothing drawn shows as such. */
static void
print_drawn (const char    *what,
             GskRenderNode *node)
{
  g_autoptr(GBytes) bytes = node != NULL ? gsk_render_node_serialize (node) : NULL;

  g_print ("%s: %" G_GSIZE_FORMAT " bytes of render nodes\n", what,
           bytes != NULL ? g_bytes_get_size (bytes) : 0);
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) rooms = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GPtrArray) of_day = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) blocks = NULL;
  g_autoptr(GDate) first = g_date_new_dmy (1, G_DATE_MARCH, 2027);
  g_autoptr(GDate) last = g_date_new_dmy (7, G_DATE_MARCH, 2027);
  const char *hub_id = "4f1d2a7e-5b0c-4e53-9d3c-0a1b2c3d4e5f";
  /* bookings spread over a year around the day drawn */
  gint64 year_start = 1780272000;       /* 2026-06-01T00:00:00Z */
  gint64 day_start = 1803855600;        /* 2027-03-01T00:00:00+01:00, a Monday */
  gint64 day_end = day_start + 86400;
  gint64 now = day_start + 11 * 3600;
  HdOccupancy occupancy;
  guint n_blocks = 0;
  GtkWidget *window;
  GtkWidget *box;
  GtkWidget *timeline;
  GtkWidget *heat_map;
  GtkAllocation allocation = { 0, 0, 0, 0 };
  GskRenderNode *node = NULL;
  int minimum, natural;

  for (guint r = 0; r < N_ROOMS; r++)
    {
      HdRecord *room = hd_record_new (HD_ENTITY_ROOM, hub_id);
      g_autofree char *name = g_strdup_printf ("Raum %02u", r);

      hd_record_set_string (room, "name", name);
      hd_record_set_string (room, "kind", "meeting_room");
      hd_record_set_int (room, "capacity", 200);
      g_ptr_array_add (rooms, room);
    }

  for (guint i = 0; i < N_BOOKINGS; i++)
    {
      HdRecord *room = g_ptr_array_index (rooms, g_rand_int_range (rand, 0, N_ROOMS));
      HdRecord *booking = hd_record_new (HD_ENTITY_BOOKING, hub_id);
      gint64 day = g_rand_int_range (rand, 0, 400);
      gint64 start = year_start + day * 86400 + g_rand_int_range (rand, 7, 17) * 3600;
      gint64 length = g_rand_int_range (rand, 1, 5) * 1800;
      g_autofree char *starts_at = hd_timestamp_format (start);
      g_autofree char *ends_at = hd_timestamp_format (start + length);
      g_autofree char *title = g_strdup_printf ("Buchung %u", i);

      hd_record_set_string (booking, "room_id", hd_record_get_id (room));
      hd_record_set_string (booking, "title", title);
      hd_record_set_string (booking, "starts_at", starts_at);
      hd_record_set_string (booking, "ends_at", ends_at);
      hd_record_set_string (booking, "status", i % 7 == 0 ? "cancelled" : "confirmed");
      hd_record_set_int (booking, "seats", g_rand_int_range (rand, 1, 4));
      if (i % 10 == 0)
        hd_record_set_string (booking, "recurrence", rules[(i / 10) % G_N_ELEMENTS (rules)]);
      g_ptr_array_add (all, booking);
    }

  /* ---- computed ---- */

  /* what the view's query of the day returns: the bookings that overlap
   * it and the recurring ones that begin before its end */
  {
    g_autofree char *from = hd_timestamp_format (day_start);
    g_autofree char *until = hd_timestamp_format (day_end);

    for (guint i = 0; i < all->len; i++)
      {
        HdRecord *booking = g_ptr_array_index (all, i);
        const char *starts_at = hd_record_get_string (booking, "starts_at");

        if (g_strcmp0 (starts_at, until) < 0 &&
            (hd_record_get_string (booking, "recurrence") != NULL ||
             g_strcmp0 (hd_record_get_string (booking, "ends_at"), from) > 0))
          g_ptr_array_add (of_day, hd_record_ref (booking));
      }
  }

  for (guint run = 0; run < N_RUNS; run++)
    {
      double t0 = seconds ();
      g_autoptr(GPtrArray) day = day_blocks (rooms, of_day, tz, day_start, day_end);
      double t = seconds () - t0;

      g_array_append_val (times, t);
      if (blocks == NULL)
        blocks = g_steal_pointer (&day);
    }
  for (guint r = 0; r < blocks->len; r++)
    n_blocks += ((GArray *) g_ptr_array_index (blocks, r))->len;
  g_print ("%u rooms, %u bookings, %u of them read for the day; the day drawn has %u blocks\n",
           N_ROOMS, N_BOOKINGS, of_day->len, n_blocks);
  print_figure ("compute: the day's blocks of every room", times);

  for (guint run = 0; run < N_RUNS; run++)
    {
      double t0 = seconds ();
      double t;

      /* as the view does: each room with its own bookings */
      g_autoptr(GHashTable) by_room = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                             (GDestroyNotify) g_ptr_array_unref);

      for (guint b = 0; b < all->len; b++)
        {
          HdRecord *booking = g_ptr_array_index (all, b);
          const char *room_id = hd_record_get_string (booking, "room_id");
          GPtrArray *list = g_hash_table_lookup (by_room, room_id);

          if (list == NULL)
            {
              list = g_ptr_array_new ();
              g_hash_table_insert (by_room, (gpointer) room_id, list);
            }
          g_ptr_array_add (list, booking);
        }
      memset (&occupancy, 0, sizeof occupancy);
      for (guint r = 0; r < rooms->len; r++)
        {
          HdRecord *room = g_ptr_array_index (rooms, r);
          GPtrArray *own = g_hash_table_lookup (by_room, hd_record_get_id (room));

          if (own != NULL)
            g_assert_true (hd_occupancy_add_room (&occupancy, room, own, tz, first, last, NULL));
        }
      t = seconds () - t0;
      g_array_append_val (times, t);
    }
  print_figure ("compute: the week's occupancy (heat map)", times);

  /* ---- drawn ---- */

  if (!gtk_init_check ())
    {
      g_print ("SKIP: no display, so the timeline and the heat map are not drawn "
               "(run under xvfb-run for those figures)\n");
      return 77;
    }

  timeline = hd_day_timeline_new ();
  heat_map = hd_heat_map_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), timeline);
  gtk_box_append (GTK_BOX (box), heat_map);
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (timeline))
    g_main_context_iteration (NULL, TRUE);
  iterate ();

  for (guint run = 0; run < N_RUNS; run++)
    {
      double t0 = seconds ();
      double t;

      /* every other run a day without bookings, so that each run gives
       * every block its booking anew */
      hd_day_timeline_set_day (HD_DAY_TIMELINE (timeline), tz, day_start, day_end, now);
      hd_day_timeline_set_rooms (HD_DAY_TIMELINE (timeline), rooms, blocks);
      t = seconds () - t0;
      g_array_append_val (times, t);
      hd_day_timeline_set_rooms (HD_DAY_TIMELINE (timeline), rooms, NULL);
      iterate ();
    }
  print_figure ("timeline: blocks made and given their bookings", times);

  hd_day_timeline_set_rooms (HD_DAY_TIMELINE (timeline), rooms, blocks);
  iterate ();
  gtk_widget_measure (timeline, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  allocation.width = natural;
  gtk_widget_measure (timeline, GTK_ORIENTATION_VERTICAL, natural, &minimum, &natural, NULL, NULL);
  allocation.height = natural;

  for (guint run = 0; run < N_RUNS; run++)
    {
      double t0, t;

      /* everything drawn anew: the blocks' texts too */
      for (GtkWidget *child = gtk_widget_get_first_child (timeline); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        gtk_widget_queue_draw (child);
      gtk_widget_queue_allocate (timeline);

      t0 = seconds ();
      gtk_widget_size_allocate (timeline, &allocation, -1);
      node = snapshot_widget (timeline);
      t = seconds () - t0;
      g_array_append_val (times, t);
      if (run + 1 == N_RUNS)
        print_drawn ("timeline", node);
      g_clear_pointer (&node, gsk_render_node_unref);
    }
  print_figure ("timeline: laid out and drawn (snapshot)", times);

  hd_heat_map_set_occupancy (HD_HEAT_MAP (heat_map), &occupancy);
  iterate ();
  gtk_widget_measure (heat_map, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  allocation.width = natural;
  gtk_widget_measure (heat_map, GTK_ORIENTATION_VERTICAL, natural, &minimum, &natural, NULL, NULL);
  allocation.height = natural;
  for (guint run = 0; run < N_RUNS; run++)
    {
      double t0 = seconds ();
      double t;

      hd_heat_map_set_occupancy (HD_HEAT_MAP (heat_map), &occupancy);
      gtk_widget_size_allocate (heat_map, &allocation, -1);
      node = snapshot_widget (heat_map);
      t = seconds () - t0;
      g_array_append_val (times, t);
      if (run + 1 == N_RUNS)
        print_drawn ("heat map", node);
      g_clear_pointer (&node, gsk_render_node_unref);
    }
  print_figure ("heat map: laid out and drawn (snapshot)", times);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  return 0;
}
