/* bench-agenda.c — agenda warnings over a season: 2,000 events with
 * 10,000 sessions in 40 rooms, checked all at once, per event as the
 * editor does, and a week at a time as a week view would
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "hd-agenda.h"
#include "hd-events.h"

#define HUB "0b7f5c1e-3a53-4b4c-9a55-7c1f7d3b2a10"
#define N_EVENTS 2000
#define N_SESSIONS_PER_EVENT 5
#define N_ROOMS 40
#define N_PEOPLE 600
#define SEASON_START 1790841600   /* 2026-10-01T08:00:00Z */

static HdRecord *
make (HdEntity    entity,
      const char *title)
{
  HdRecord *record = hd_record_new (entity, HUB);

  if (title != NULL)
    hd_record_set_string (record, entity == HD_ENTITY_ROOM ? "name" : "title", title);
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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) rooms = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GArray) per_event = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) per_week = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = g_dir_make_tmp ("hubdesk-bench-agenda-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  HdAgendaInput input = { 0 };
  gint64 t0;
  double ms;

  for (int i = 0; i < N_ROOMS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Raum %d", i + 1);
      HdRecord *room = make (HD_ENTITY_ROOM, name);

      hd_record_set_int (room, "capacity", 10 + 10 * (i % 10));
      g_ptr_array_add (rooms, room);
    }
  for (int i = 0; i < N_PEOPLE; i++)
    {
      g_autofree char *family = g_strdup_printf ("Person %d", i);
      HdRecord *person = make (HD_ENTITY_PERSON, NULL);

      hd_record_set_string (person, "family_name", family);
      g_ptr_array_add (people, person);
    }

  /* ten events a day on weekdays over the season, some overlapping in
   * the same room, each with five sessions in the event's room or a
   * neighbour's, with one or two speakers */
  for (int i = 0; i < N_EVENTS; i++)
    {
      g_autofree char *title = g_strdup_printf ("Veranstaltung %d", i);
      HdRecord *event = make (HD_ENTITY_EVENT, title);
      int day = (i / 10) * 7 / 5;
      gint64 start = SEASON_START + (gint64) day * 86400 + g_rand_int_range (rand, 0, 9) * 3600;
      int room = g_rand_int_range (rand, 0, N_ROOMS);

      set_span (event, start, start + 5 * 3600);
      hd_record_set_string (event, "room_id", hd_record_get_id (g_ptr_array_index (rooms, room)));
      hd_record_set_int (event, "capacity", 50);
      g_ptr_array_add (events, event);

      for (int j = 0; j < N_SESSIONS_PER_EVENT; j++)
        {
          g_autofree char *stitle = g_strdup_printf ("Programmpunkt %d.%d", i, j);
          HdRecord *session = make (HD_ENTITY_SESSION, stitle);
          const char *speakers[3] = { NULL, NULL, NULL };

          hd_record_set_string (session, "event_id", hd_record_get_id (event));
          set_span (session, start + j * 3600, start + (j + 1) * 3600);
          hd_record_set_string (session, "room_id",
                                hd_record_get_id (g_ptr_array_index (rooms, (room + j % 2) % N_ROOMS)));
          speakers[0] = hd_record_get_id (g_ptr_array_index (people, g_rand_int_range (rand, 0, N_PEOPLE)));
          if (j % 2 == 0)
            speakers[1] = hd_record_get_id (g_ptr_array_index (people, g_rand_int_range (rand, 0, N_PEOPLE)));
          if (g_strcmp0 (speakers[0], speakers[1]) == 0)
            speakers[1] = NULL;
          hd_record_set_strv (session, "speaker_ids", speakers);
          g_ptr_array_add (sessions, session);
        }
    }

  /* everything at once, in memory */
  input.events = events;
  input.sessions = sessions;
  input.rooms = rooms;
  input.people = people;
  input.tz = tz;
  input.from = SEASON_START;
  input.until = SEASON_START + 400 * 86400;
  t0 = g_get_monotonic_time ();
  warnings = hd_agenda_check (&input, &error);
  ms = (g_get_monotonic_time () - t0) / 1000.0;
  g_assert_no_error (error);
  g_print ("agenda check of %d events and %u sessions in %d rooms: %.1f ms, %u warnings\n",
           N_EVENTS, sessions->len, N_ROOMS, ms, warnings->len);

  /* the same in a store */
  store = hd_store_open (path, &error);
  g_assert_no_error (error);
  g_ptr_array_extend (all, rooms, NULL, NULL);
  g_ptr_array_extend (all, people, NULL, NULL);
  g_ptr_array_extend (all, events, NULL, NULL);
  g_ptr_array_extend (all, sessions, NULL, NULL);
  {
    g_autoptr(HdRecord) hub = hd_record_new (HD_ENTITY_HUB, HUB);

    hd_record_set_id (hub, HUB);
    hd_record_set_string (hub, "name", "Bench");
    g_ptr_array_insert (all, 0, hub);
    t0 = g_get_monotonic_time ();
    g_assert_true (hd_store_insert_many (store, all, &error));
    g_assert_no_error (error);
    g_print ("storing %u records: %.0f ms\n", all->len, (g_get_monotonic_time () - t0) / 1000.0);
  }

  /* warnings for one event, as the agenda window reads them */
  for (int i = 0; i < 100; i++)
    {
      HdRecord *event = g_ptr_array_index (events, (i * 37) % N_EVENTS);
      g_autoptr(GPtrArray) found = NULL;

      t0 = g_get_monotonic_time ();
      found = hd_agenda_event_warnings (store, hd_record_get_id (event), &error);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_assert_no_error (error);
      g_array_append_val (per_event, ms);
    }
  g_array_sort (per_event, compare_double);
  g_print ("warnings of one event from the store: median %.2f ms, p95 %.2f ms, max %.2f ms\n",
           g_array_index (per_event, double, 50), g_array_index (per_event, double, 95),
           g_array_index (per_event, double, 99));

  /* a week view: the week's events and sessions from the store, checked */
  for (int week = 0; week < 26; week++)
    {
      g_autofree char *from = hd_timestamp_format (SEASON_START + (gint64) week * 7 * 86400);
      g_autofree char *until = hd_timestamp_format (SEASON_START + (gint64) (week + 1) * 7 * 86400);
      HdQuery query = { .entity = HD_ENTITY_EVENT, .hub_id = HUB, .from = from, .until = until };
      g_autoptr(GPtrArray) week_events = NULL;
      g_autoptr(GPtrArray) week_sessions = NULL;
      g_autoptr(GPtrArray) week_warnings = NULL;
      HdAgendaInput week_input = { 0 };

      t0 = g_get_monotonic_time ();
      week_events = hd_store_query (store, &query, &error);
      query.entity = HD_ENTITY_SESSION;
      week_sessions = hd_store_query (store, &query, &error);
      g_assert_no_error (error);
      week_input.events = week_events;
      week_input.sessions = week_sessions;
      week_input.rooms = rooms;
      week_input.tz = tz;
      hd_timestamp_parse (from, &week_input.from);
      hd_timestamp_parse (until, &week_input.until);
      week_warnings = hd_agenda_check (&week_input, &error);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_assert_no_error (error);
      g_array_append_val (per_week, ms);
      if (week == 0)
        g_print ("a week holds %u events and %u sessions\n", week_events->len, week_sessions->len);
    }
  g_array_sort (per_week, compare_double);
  g_print ("week view (query events and sessions, check): median %.2f ms, max %.2f ms\n",
           g_array_index (per_week, double, 13), g_array_index (per_week, double, 25));

  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *child = g_build_filename (dir, name, NULL);
        g_unlink (child);
      }
    g_rmdir (dir);
  }

  return 0;
}
