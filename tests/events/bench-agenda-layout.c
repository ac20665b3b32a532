/* bench-agenda-layout.c — the agenda grid's work with 2,000 events and
 * 10,000 sessions in the store: laying out a busy event's agenda, and
 * moving one session (new times, saved with its bookings, the event's
 * warnings checked again)
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "hd-agenda.h"
#include "hd-agenda-layout.h"
#include "hd-events.h"

#define HUB "0b7f5c1e-3a53-4b4c-9a55-7c1f7d3b2a10"
#define N_EVENTS 2000
#define N_SESSIONS 10000
#define N_BUSY_SESSIONS 120     /* of the busy event, among the 10,000 */
#define N_ROOMS 40
#define N_PEOPLE 600
#define SEASON_START 1790841600   /* 2026-10-01T08:00:00Z */
#define RUNS 200

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

static void
report (const char *what,
        GArray     *times)
{
  g_array_sort (times, compare_double);
  g_print ("%s: median %.3f ms, p95 %.3f ms (%u runs)\n", what,
           g_array_index (times, double, times->len / 2),
           g_array_index (times, double, (times->len * 95) / 100),
           times->len);
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
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GArray) t_layout = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_read_layout = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_place = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_save = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_warnings = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t_move = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = g_dir_make_tmp ("hubdesk-bench-agenda-layout-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(GPtrArray) busy_sessions = NULL;
  g_autoptr(GPtrArray) hub_rooms = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  HdRecord *busy;
  const char *busy_id;
  gint64 busy_start = SEASON_START + 14 * 86400;
  gint64 t0;

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

  /* the busy event: a two-day conference over eight rooms */
  busy = make (HD_ENTITY_EVENT, "Digitalkongress");
  set_span (busy, busy_start, busy_start + 34 * 3600);
  hd_record_set_string (busy, "room_id", hd_record_get_id (g_ptr_array_index (rooms, 0)));
  g_ptr_array_add (events, busy);
  busy_id = hd_record_get_id (busy);
  for (int j = 0; j < N_BUSY_SESSIONS; j++)
    {
      g_autofree char *title = g_strdup_printf ("Kongress-Programmpunkt %d", j);
      HdRecord *session = make (HD_ENTITY_SESSION, title);
      int day = j / (N_BUSY_SESSIONS / 2);
      int slot = (j % (N_BUSY_SESSIONS / 2)) / 8;
      gint64 start = busy_start + day * 24 * 3600 + slot * 3600 + g_rand_int_range (rand, 0, 4) * 900;
      const char *speakers[2] = {
        hd_record_get_id (g_ptr_array_index (people, g_rand_int_range (rand, 0, 40))), NULL
      };

      hd_record_set_string (session, "event_id", busy_id);
      set_span (session, start, start + 45 * 60);
      hd_record_set_string (session, "room_id", hd_record_get_id (g_ptr_array_index (rooms, j % 8)));
      hd_record_set_strv (session, "speaker_ids", speakers);
      if (j % 10 == 9)
        hd_record_set_string (session, "kind", "break");
      g_ptr_array_add (sessions, session);
    }

  /* the rest of the season, as bench-agenda has it */
  for (int i = 1; i < N_EVENTS; i++)
    {
      g_autofree char *title = g_strdup_printf ("Veranstaltung %d", i);
      HdRecord *event = make (HD_ENTITY_EVENT, title);
      int day = (i / 10) * 7 / 5;
      gint64 start = SEASON_START + (gint64) day * 86400 + g_rand_int_range (rand, 0, 9) * 3600;
      int room = g_rand_int_range (rand, 0, N_ROOMS);
      int n = (N_SESSIONS - N_BUSY_SESSIONS) / (N_EVENTS - 1) + (i <= (N_SESSIONS - N_BUSY_SESSIONS) % (N_EVENTS - 1));

      set_span (event, start, start + 5 * 3600);
      hd_record_set_string (event, "room_id", hd_record_get_id (g_ptr_array_index (rooms, room)));
      g_ptr_array_add (events, event);
      for (int j = 0; j < n; j++)
        {
          g_autofree char *stitle = g_strdup_printf ("Programmpunkt %d.%d", i, j);
          HdRecord *session = make (HD_ENTITY_SESSION, stitle);
          const char *speakers[2] = {
            hd_record_get_id (g_ptr_array_index (people, g_rand_int_range (rand, 0, N_PEOPLE))), NULL
          };

          hd_record_set_string (session, "event_id", hd_record_get_id (event));
          set_span (session, start + j * 3600, start + (j + 1) * 3600);
          hd_record_set_string (session, "room_id",
                                hd_record_get_id (g_ptr_array_index (rooms, (room + j % 2) % N_ROOMS)));
          hd_record_set_strv (session, "speaker_ids", speakers);
          g_ptr_array_add (sessions, session);
        }
    }

  store = hd_store_open (path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(HdRecord) hub = hd_record_new (HD_ENTITY_HUB, HUB);

    hd_record_set_id (hub, HUB);
    hd_record_set_string (hub, "name", "Bench");
    g_ptr_array_add (all, hub);
    g_ptr_array_extend (all, rooms, NULL, NULL);
    g_ptr_array_extend (all, people, NULL, NULL);
    g_ptr_array_extend (all, events, NULL, NULL);
    g_ptr_array_extend (all, sessions, NULL, NULL);
    g_assert_true (hd_store_insert_many (store, all, &error));
    g_assert_no_error (error);
  }
  g_print ("store: %u events, %u sessions, %d rooms; the busy event has %d sessions over two days\n",
           events->len, sessions->len, N_ROOMS, N_BUSY_SESSIONS);

  /* laying out the busy event: in memory, and read from the store as
   * the agenda window does */
  {
    HdQuery query = { .entity = HD_ENTITY_SESSION, .ref_field = "event_id", .ref_id = busy_id };

    busy_sessions = hd_store_query (store, &query, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (busy_sessions->len, ==, N_BUSY_SESSIONS);
    memset (&query, 0, sizeof query);
    query.entity = HD_ENTITY_ROOM;
    query.hub_id = HUB;
    hub_rooms = hd_store_query (store, &query, &error);
    g_assert_no_error (error);
    warnings = hd_agenda_event_warnings (store, busy_id, &error);
    g_assert_no_error (error);
  }
  for (int run = 0; run < RUNS; run++)
    {
      g_autoptr(HdAgendaLayout) layout = NULL;
      double ms;

      t0 = g_get_monotonic_time ();
      layout = hd_agenda_layout_new (busy, busy_sessions, hub_rooms, tz, FALSE);
      hd_agenda_layout_mark_warnings (layout, warnings);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (t_layout, ms);
      if (run == 0)
        g_print ("layout: %u days, %u columns, %u blocks, %u warnings\n", layout->days->len,
                 layout->columns->len, layout->blocks->len, warnings->len);
    }
  report ("layout of the busy event (in memory, warnings marked)", t_layout);

  for (int run = 0; run < RUNS / 4; run++)
    {
      HdQuery query = { .entity = HD_ENTITY_SESSION, .ref_field = "event_id", .ref_id = busy_id };
      g_autoptr(GPtrArray) read = NULL;
      g_autoptr(GPtrArray) read_rooms = NULL;
      g_autoptr(HdRecord) event = NULL;
      g_autoptr(HdAgendaLayout) layout = NULL;
      double ms;

      t0 = g_get_monotonic_time ();
      event = hd_store_get (store, HD_ENTITY_EVENT, busy_id, &error);
      read = hd_store_query (store, &query, &error);
      memset (&query, 0, sizeof query);
      query.entity = HD_ENTITY_ROOM;
      query.hub_id = HUB;
      read_rooms = hd_store_query (store, &query, &error);
      g_assert_no_error (error);
      layout = hd_agenda_layout_new (event, read, read_rooms, tz, FALSE);
      hd_agenda_layout_mark_warnings (layout, warnings);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (t_read_layout, ms);
    }
  report ("read the busy event's sessions and rooms from the store and lay them out", t_read_layout);

  /* moving one session: new times, saved with bookings, warnings again */
  for (int run = 0; run < 100; run++)
    {
      g_autoptr(HdAgendaLayout) layout = hd_agenda_layout_new (busy, busy_sessions, hub_rooms, tz, FALSE);
      /* each session moved a quarter of an hour later into the next
       * room, then back */
      const char *id = hd_record_get_id (g_ptr_array_index (busy_sessions, ((guint) run / 2 * 7) % busy_sessions->len));
      HdAgendaBlock *block = NULL;
      g_autoptr(HdRecord) placed = NULL;
      g_autoptr(GPtrArray) again = NULL;
      gint64 t1, t2, t3;
      double ms;
      guint n_columns = layout->columns->len;
      guint column;
      int minute;

      for (guint i = 0; i < layout->blocks->len && block == NULL; i++)
        if (g_str_equal (hd_record_get_id (g_array_index (layout->blocks, HdAgendaBlock, i).session), id))
          block = &g_array_index (layout->blocks, HdAgendaBlock, i);
      g_assert_nonnull (block);
      minute = block->start_minute + (run % 2 == 0 ? 15 : -15);
      column = run % 2 == 0 ? (block->column + 1) % n_columns : (block->column + n_columns - 1) % n_columns;

      t0 = g_get_monotonic_time ();
      placed = hd_agenda_layout_place (layout, block->session, block->day, minute, column, 15, FALSE);
      t1 = g_get_monotonic_time ();
      g_assert_nonnull (placed);
      if (!hd_event_save (store, placed, &error))
        g_error ("saving a moved session: %s", error->message);
      t2 = g_get_monotonic_time ();
      again = hd_agenda_event_warnings (store, busy_id, &error);
      g_assert_no_error (error);
      t3 = g_get_monotonic_time ();

      ms = (t1 - t0) / 1000.0;
      g_array_append_val (t_place, ms);
      ms = (t2 - t1) / 1000.0;
      g_array_append_val (t_save, ms);
      ms = (t3 - t2) / 1000.0;
      g_array_append_val (t_warnings, ms);
      ms = (t3 - t0) / 1000.0;
      g_array_append_val (t_move, ms);

      /* the next layout starts from what is stored now */
      for (guint i = 0; i < busy_sessions->len; i++)
        if (g_str_equal (hd_record_get_id (g_ptr_array_index (busy_sessions, i)), hd_record_get_id (placed)))
          {
            HdRecord *old = g_ptr_array_index (busy_sessions, i);
            HdRecord *stored = hd_store_get (store, HD_ENTITY_SESSION, hd_record_get_id (placed), &error);

            g_assert_nonnull (stored);
            g_ptr_array_index (busy_sessions, i) = stored;
            hd_record_unref (old);
            break;
          }
    }
  report ("move: new times and room", t_place);
  report ("move: save the session, bookings in step", t_save);
  report ("move: the event's warnings again", t_warnings);
  report ("move: all of it", t_move);

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
