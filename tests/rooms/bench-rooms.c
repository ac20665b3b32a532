/* bench-rooms.c — figures of the rooms: week occupancy and a day's
 * status of 50 rooms with 10,000 bookings, recurring ones among them
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN §6 budgets the week occupancy of 50 rooms with 10,000 bookings
 * at 20 ms. Printed: the computation on bookings in memory (what the
 * heat map and the timeline do once the bookings are loaded), and the
 * same through the store (loading the bookings with SQL included). Each
 * figure is the median of several runs, wall-clock and, in brackets,
 * processor time. Run with `meson test --benchmark --suite bench`.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <time.h>

#include "hd-rooms.h"

#define N_ROOMS    50
#define N_BOOKINGS 10000
#define N_RUNS     9

static const char *rules[] = {
  "FREQ=WEEKLY", "FREQ=WEEKLY;BYDAY=TU,TH", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
  "FREQ=MONTHLY;BYDAY=1MO", "FREQ=DAILY;COUNT=10", "FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=30",
};

typedef struct {
  double wall;
  double cpu;
} Figure;

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static Figure
median (GArray *walls,
        GArray *cpus)
{
  Figure f;

  g_array_sort (walls, compare_doubles);
  g_array_sort (cpus, compare_doubles);
  f.wall = g_array_index (walls, double, walls->len / 2);
  f.cpu = g_array_index (cpus, double, cpus->len / 2);
  return f;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hubdesk-bench-rooms-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(HdStore) store = hd_store_open (path, &error);
  g_autoptr(HdRecord) hub = hd_record_new (HD_ENTITY_HUB, NULL);
  g_autoptr(GPtrArray) rooms = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  GPtrArray *per_room[N_ROOMS];
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  g_autoptr(GDate) first = g_date_new_dmy (1, G_DATE_MARCH, 2027);
  g_autoptr(GDate) last = g_date_new_dmy (7, G_DATE_MARCH, 2027);
  g_autoptr(GArray) walls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (double));
  /* bookings spread over a year around the measured week */
  gint64 year_start = 1780272000;  /* 2026-06-01T00:00:00Z */
  gint64 now = 1803859200 + 10 * 3600;  /* 2027-03-01T10:00:00Z */
  guint n_recurring = 0;
  Figure f;

  g_assert_no_error (error);
  hd_record_set_hub_id (hub, hd_record_get_id (hub));
  hd_record_set_string (hub, "name", "Benchmark Hub");
  g_assert_true (hd_store_save (store, hub, NULL));

  for (guint r = 0; r < N_ROOMS; r++)
    {
      HdRecord *room = hd_record_new (HD_ENTITY_ROOM, hd_record_get_id (hub));
      g_autofree char *name = g_strdup_printf ("Raum %02u", r);

      hd_record_set_string (room, "name", name);
      hd_record_set_string (room, "kind", r % 5 == 0 ? "coworking_area" : "meeting_room");
      hd_record_set_int (room, "capacity", 200);
      g_ptr_array_add (rooms, room);
      per_room[r] = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
    }
  g_assert_true (hd_store_insert_many (store, rooms, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < N_BOOKINGS; i++)
    {
      guint r = (guint) g_rand_int_range (rand, 0, N_ROOMS);
      HdRecord *room = g_ptr_array_index (rooms, r);
      HdRecord *booking = hd_record_new (HD_ENTITY_BOOKING, hd_record_get_id (hub));
      gint64 day = g_rand_int_range (rand, 0, 400);
      gint64 start = year_start + day * 86400 + g_rand_int_range (rand, 7, 17) * 3600;
      gint64 length = g_rand_int_range (rand, 1, 5) * 1800;
      g_autofree char *starts_at = hd_timestamp_format (start);
      g_autofree char *ends_at = hd_timestamp_format (start + length);

      hd_record_set_string (booking, "room_id", hd_record_get_id (room));
      hd_record_set_string (booking, "starts_at", starts_at);
      hd_record_set_string (booking, "ends_at", ends_at);
      hd_record_set_int (booking, "seats", g_rand_int_range (rand, 1, 4));
      if (i % 10 == 0)
        {
          hd_record_set_string (booking, "recurrence", rules[(i / 10) % G_N_ELEMENTS (rules)]);
          n_recurring++;
        }
      if (i % 7 == 0)
        hd_record_set_string (booking, "status", "cancelled");
      g_ptr_array_add (all, booking);
      g_ptr_array_add (per_room[r], hd_record_ref (booking));
    }
  g_assert_true (hd_store_insert_many (store, all, &error));
  g_assert_no_error (error);

  g_print ("%u rooms, %u bookings (%u recurring, every 7th cancelled)\n",
           N_ROOMS, N_BOOKINGS, n_recurring);

  /* week occupancy, bookings in memory */
  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autofree HdOccupancy *occupancy = g_new0 (HdOccupancy, 1);
      gint64 t0 = g_get_monotonic_time ();
      double c0 = cpu_seconds ();
      double wall, cpu;

      for (guint r = 0; r < N_ROOMS; r++)
        g_assert_true (hd_occupancy_add_room (occupancy, g_ptr_array_index (rooms, r),
                                              per_room[r], tz, first, last, NULL));
      wall = (g_get_monotonic_time () - t0) / 1000.0;
      cpu = (cpu_seconds () - c0) * 1000.0;
      g_array_append_val (walls, wall);
      g_array_append_val (cpus, cpu);
    }
  f = median (walls, cpus);
  g_print ("week occupancy, 50 rooms, in memory:     %7.2f ms (%.2f ms CPU)  budget 20 ms\n",
           f.wall, f.cpu);
  g_array_set_size (walls, 0);
  g_array_set_size (cpus, 0);

  /* the same through the store, loading included */
  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autofree HdOccupancy *occupancy = g_new0 (HdOccupancy, 1);
      g_autoptr(GPtrArray) rows = NULL;
      gint64 t0 = g_get_monotonic_time ();
      double c0 = cpu_seconds ();
      double wall, cpu;

      rows = hd_rooms_usage (store, hd_record_get_id (hub), first, last, occupancy, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, N_ROOMS);
      wall = (g_get_monotonic_time () - t0) / 1000.0;
      cpu = (cpu_seconds () - c0) * 1000.0;
      g_array_append_val (walls, wall);
      g_array_append_val (cpus, cpu);
    }
  f = median (walls, cpus);
  g_print ("week occupancy, 50 rooms, from the store: %7.2f ms (%.2f ms CPU)\n", f.wall, f.cpu);
  g_array_set_size (walls, 0);
  g_array_set_size (cpus, 0);

  /* a day's timeline: status now and the day's occurrences of every room */
  for (guint run = 0; run < N_RUNS; run++)
    {
      gint64 t0 = g_get_monotonic_time ();
      double c0 = cpu_seconds ();
      double wall, cpu;
      guint blocks = 0;

      for (guint r = 0; r < N_ROOMS; r++)
        {
          HdRoomStatus status;
          g_autofree char *text = NULL;
          g_autoptr(GArray) day = NULL;

          g_assert_true (hd_room_status (g_ptr_array_index (rooms, r), per_room[r], tz, now,
                                         &status, NULL));
          text = hd_room_status_format (g_ptr_array_index (rooms, r), &status, tz, now);
          day = hd_room_blocks (g_ptr_array_index (rooms, r), per_room[r], tz,
                                now - 10 * 3600, now + 14 * 3600, TRUE);

          blocks += day->len;
        }
      wall = (g_get_monotonic_time () - t0) / 1000.0;
      cpu = (cpu_seconds () - c0) * 1000.0;
      g_array_append_val (walls, wall);
      g_array_append_val (cpus, cpu);
      if (run == 0)
        g_print ("day timeline: %u blocks\n", blocks);
    }
  f = median (walls, cpus);
  g_print ("day timeline and status, 50 rooms:       %7.2f ms (%.2f ms CPU)\n", f.wall, f.cpu);

  for (guint r = 0; r < N_ROOMS; r++)
    g_ptr_array_unref (per_room[r]);
  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);

        g_remove (file);
      }
    g_rmdir (dir);
  }

  return 0;
}
