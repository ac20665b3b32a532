/* test-agenda-layout.c — the agenda as a time grid: snapping, days split
 * at midnight, the days the clocks change, room columns, and where a
 * moved or resized session ends up
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "hd-agenda-layout.h"
#include "hd-events.h"

#define HUB "0b7f5c1e-3a53-4b4c-9a55-7c1f7d3b2a10"

static HdRecord *
make_room (const char *name)
{
  HdRecord *room = hd_record_new (HD_ENTITY_ROOM, HUB);

  hd_record_set_string (room, "name", name);
  hd_record_set_int (room, "capacity", 30);
  return room;
}

static HdRecord *
make_event (const char *starts,
            const char *ends,
            HdRecord   *room)
{
  HdRecord *event = hd_record_new (HD_ENTITY_EVENT, HUB);

  hd_record_set_string (event, "title", "Digitaltag");
  hd_record_set_string (event, "starts_at", starts);
  hd_record_set_string (event, "ends_at", ends);
  if (room != NULL)
    hd_record_set_string (event, "room_id", hd_record_get_id (room));
  return event;
}

static HdRecord *
make_session (HdRecord   *event,
              const char *title,
              const char *starts,
              const char *ends,
              HdRecord   *room)
{
  HdRecord *session = hd_record_new (HD_ENTITY_SESSION, HUB);

  hd_record_set_string (session, "event_id", hd_record_get_id (event));
  hd_record_set_string (session, "title", title);
  hd_record_set_string (session, "starts_at", starts);
  hd_record_set_string (session, "ends_at", ends);
  if (room != NULL)
    hd_record_set_string (session, "room_id", hd_record_get_id (room));
  return session;
}

static GPtrArray *
records (HdRecord *first,
         ...)
{
  GPtrArray *array = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  va_list args;

  va_start (args, first);
  for (HdRecord *r = first; r != NULL; r = va_arg (args, HdRecord *))
    g_ptr_array_add (array, hd_record_ref (r));
  va_end (args);
  return array;
}

static GTimeZone *
berlin (void)
{
  GTimeZone *tz = g_time_zone_new_identifier ("Europe/Berlin");

  g_assert_nonnull (tz);
  return tz;
}

static gint64
ts (const char *text)
{
  gint64 t = 0;

  g_assert_true (hd_timestamp_parse (text, &t));
  return t;
}

static const HdAgendaBlock *
block_of (HdAgendaLayout *layout,
          HdRecord       *session,
          guint           day)
{
  for (guint i = 0; i < layout->blocks->len; i++)
    {
      HdAgendaBlock *block = &g_array_index (layout->blocks, HdAgendaBlock, i);

      if (block->session == session && block->day == day)
        return block;
    }
  return NULL;
}

static guint
blocks_of (HdAgendaLayout *layout,
           HdRecord       *session)
{
  guint n = 0;

  for (guint i = 0; i < layout->blocks->len; i++)
    if (g_array_index (layout->blocks, HdAgendaBlock, i).session == session)
      n++;
  return n;
}

static void
test_snap (void)
{
  g_autoptr(GTimeZone) tz = berlin ();

  g_assert_true (hd_agenda_step_is_valid (5));
  g_assert_true (hd_agenda_step_is_valid (15));
  g_assert_true (hd_agenda_step_is_valid (30));
  g_assert_false (hd_agenda_step_is_valid (10));
  g_assert_false (hd_agenda_step_is_valid (0));

  g_assert_cmpint (hd_agenda_snap (7, 5), ==, 5);
  g_assert_cmpint (hd_agenda_snap (8, 5), ==, 10);
  g_assert_cmpint (hd_agenda_snap (852, 15), ==, 855);    /* 14:12 → 14:15 */
  g_assert_cmpint (hd_agenda_snap (847, 15), ==, 840);    /* 14:07 → 14:00 */
  g_assert_cmpint (hd_agenda_snap (854, 30), ==, 840);
  g_assert_cmpint (hd_agenda_snap (855, 30), ==, 870);    /* halfway rounds up */
  g_assert_cmpint (hd_agenda_snap (1439, 30), ==, 1440);
  g_assert_cmpint (hd_agenda_snap (-7, 15), ==, 0);
  g_assert_cmpint (hd_agenda_snap (-8, 15), ==, -15);

  /* the wall clock of Berlin, not of UTC: 13:07:29 CET snaps to 13:00 */
  g_assert_cmpint (hd_agenda_snap_time (ts ("2026-11-25T12:07:29Z"), tz, 15), ==, ts ("2026-11-25T12:00:00Z"));
  g_assert_cmpint (hd_agenda_snap_time (ts ("2026-11-25T12:08:00Z"), tz, 15), ==, ts ("2026-11-25T12:15:00Z"));
  g_assert_cmpint (hd_agenda_snap_time (ts ("2026-07-01T07:44:00Z"), tz, 30), ==, ts ("2026-07-01T07:30:00Z"));
  {
    /* a zone half an hour off UTC shows the snap is local */
    g_autoptr(GTimeZone) kolkata = g_time_zone_new_identifier ("Asia/Kolkata");

    g_assert_cmpint (hd_agenda_snap_time (ts ("2026-11-25T12:07:00Z"), kolkata, 60), ==, ts ("2026-11-25T12:30:00Z"));
  }
}

static void
test_columns (void)
{
  g_autoptr(GTimeZone) tz = berlin ();
  g_autoptr(HdRecord) hall = make_room ("Saal");
  g_autoptr(HdRecord) lab = make_room ("Labor");
  g_autoptr(HdRecord) cellar = make_room ("Keller");
  g_autoptr(HdRecord) gone = make_room ("Abgerissen");
  g_autoptr(HdRecord) event = make_event ("2026-12-10T08:00:00Z", "2026-12-10T16:00:00Z", lab);
  g_autoptr(HdRecord) a = make_session (event, "A", "2026-12-10T08:00:00Z", "2026-12-10T09:00:00Z", hall);
  g_autoptr(HdRecord) b = make_session (event, "B", "2026-12-10T09:00:00Z", "2026-12-10T10:00:00Z", NULL);
  g_autoptr(HdRecord) c = make_session (event, "C", "2026-12-10T10:00:00Z", "2026-12-10T11:00:00Z", gone);
  g_autoptr(GPtrArray) rooms = records (hall, lab, cellar, NULL);
  g_autoptr(GPtrArray) sessions = records (a, b, c, NULL);
  g_autoptr(HdAgendaLayout) layout = hd_agenda_layout_new (event, sessions, rooms, tz, FALSE);
  HdAgendaColumn *col;

  /* the event's room, the rooms used in the hub's order, an unknown
   * room, then no room */
  g_assert_cmpuint (layout->columns->len, ==, 4);
  col = g_ptr_array_index (layout->columns, 0);
  g_assert_cmpstr (col->name, ==, "Labor");
  col = g_ptr_array_index (layout->columns, 1);
  g_assert_cmpstr (col->name, ==, "Saal");
  col = g_ptr_array_index (layout->columns, 2);
  g_assert_cmpstr (col->room_id, ==, hd_record_get_id (gone));
  g_assert_null (col->name);
  col = g_ptr_array_index (layout->columns, 3);
  g_assert_null (col->room_id);
  g_assert_cmpuint (block_of (layout, a, 0)->column, ==, 1);
  g_assert_cmpuint (block_of (layout, b, 0)->column, ==, 3);
  g_assert_cmpuint (block_of (layout, c, 0)->column, ==, 2);
  g_assert_cmpint (hd_agenda_layout_find_column (layout, NULL), ==, 3);
  g_assert_cmpint (hd_agenda_layout_find_column (layout, hd_record_get_id (cellar)), ==, -1);
  /* 08:00 UTC is 09:00 in Berlin in December */
  g_assert_cmpint (hd_agenda_layout_first_minute (layout, 0), ==, 9 * 60);
  g_clear_pointer (&layout, hd_agenda_layout_free);

  /* every room when asked; an empty agenda without a room still has a column */
  layout = hd_agenda_layout_new (event, sessions, rooms, tz, TRUE);
  g_assert_cmpint (hd_agenda_layout_find_column (layout, hd_record_get_id (cellar)), >=, 0);
  g_clear_pointer (&layout, hd_agenda_layout_free);
  {
    g_autoptr(HdRecord) bare = make_event ("2026-12-10T08:00:00Z", "2026-12-10T16:00:00Z", NULL);
    g_autoptr(GPtrArray) none = g_ptr_array_new ();

    layout = hd_agenda_layout_new (bare, none, rooms, tz, FALSE);
    g_assert_cmpuint (layout->columns->len, ==, 1);
    g_assert_null (((HdAgendaColumn *) g_ptr_array_index (layout->columns, 0))->room_id);
    g_assert_cmpuint (layout->days->len, ==, 1);
    g_assert_cmpint (hd_agenda_layout_first_minute (layout, 0), ==, -1);
  }
}

static void
test_days_split (void)
{
  g_autoptr(GTimeZone) tz = berlin ();
  g_autoptr(HdRecord) hall = make_room ("Saal");
  /* a hackathon from Wednesday 18:00 to Friday 12:00 (Berlin) */
  g_autoptr(HdRecord) event = make_event ("2026-11-25T17:00:00Z", "2026-11-27T11:00:00Z", hall);
  /* 22:30 to 01:15 the next night */
  g_autoptr(HdRecord) night = make_session (event, "Nachtschicht", "2026-11-25T21:30:00Z",
                                            "2026-11-26T00:15:00Z", hall);
  g_autoptr(HdRecord) friday = make_session (event, "Pitches", "2026-11-27T08:00:00Z",
                                             "2026-11-27T10:00:00Z", hall);
  g_autoptr(GPtrArray) rooms = records (hall, NULL);
  g_autoptr(GPtrArray) sessions = records (night, friday, NULL);
  g_autoptr(HdAgendaLayout) layout = hd_agenda_layout_new (event, sessions, rooms, tz, FALSE);
  const HdAgendaDay *day;
  const HdAgendaBlock *block;

  g_assert_cmpuint (layout->days->len, ==, 3);
  day = &g_array_index (layout->days, HdAgendaDay, 0);
  g_assert_cmpint (day->day, ==, 25);
  g_assert_cmpint (day->start, ==, ts ("2026-11-24T23:00:00Z"));
  g_assert_cmpint (day->minutes, ==, 1440);
  g_assert_cmpint (g_array_index (layout->days, HdAgendaDay, 2).day, ==, 27);

  g_assert_cmpuint (blocks_of (layout, night), ==, 2);
  block = block_of (layout, night, 0);
  g_assert_nonnull (block);
  g_assert_cmpint (block->start_minute, ==, 22 * 60 + 30);
  g_assert_cmpint (block->end_minute, ==, 1440);
  g_assert_false (block->continued);
  g_assert_true (block->continues);
  block = block_of (layout, night, 1);
  g_assert_nonnull (block);
  g_assert_cmpint (block->start_minute, ==, 0);
  g_assert_cmpint (block->end_minute, ==, 75);
  g_assert_true (block->continued);
  g_assert_false (block->continues);

  block = block_of (layout, friday, 2);
  g_assert_nonnull (block);
  g_assert_cmpint (block->start_minute, ==, 9 * 60);
  g_assert_cmpint (block->end_minute, ==, 11 * 60);
  g_assert_cmpint (hd_agenda_layout_find_day (layout, ts ("2026-11-26T22:59:59Z")), ==, 1);
  g_assert_cmpint (hd_agenda_layout_find_day (layout, ts ("2026-11-26T23:00:00Z")), ==, 2);

  /* an event ending at midnight does not show the next day */
  {
    g_autoptr(HdRecord) evening = make_event ("2026-11-25T17:00:00Z", "2026-11-25T23:00:00Z", hall);
    g_autoptr(GPtrArray) none = g_ptr_array_new ();
    g_autoptr(HdAgendaLayout) one = hd_agenda_layout_new (evening, none, rooms, tz, FALSE);

    g_assert_cmpuint (one->days->len, ==, 1);
  }
}

static void
test_dst_days (void)
{
  g_autoptr(GTimeZone) tz = berlin ();
  g_autoptr(HdRecord) hall = make_room ("Saal");
  g_autoptr(GPtrArray) rooms = records (hall, NULL);

  /* 25 October 2026: the clocks go back from 03:00 CEST to 02:00 CET */
  {
    g_autoptr(HdRecord) event = make_event ("2026-10-24T22:00:00Z", "2026-10-25T22:00:00Z", hall);
    /* 10:00 CET is eleven hours after midnight (CEST) */
    g_autoptr(HdRecord) talk = make_session (event, "Vortrag", "2026-10-25T09:00:00Z",
                                             "2026-10-25T10:00:00Z", hall);
    /* 01:30 CEST to 02:30 CET: two hours */
    g_autoptr(HdRecord) early = make_session (event, "Früh", "2026-10-24T23:30:00Z",
                                              "2026-10-25T01:30:00Z", hall);
    g_autoptr(GPtrArray) sessions = records (talk, early, NULL);
    g_autoptr(HdAgendaLayout) layout = hd_agenda_layout_new (event, sessions, rooms, tz, FALSE);
    const HdAgendaDay *day;
    gint64 s, e;

    g_assert_cmpuint (layout->days->len, ==, 1);
    day = &g_array_index (layout->days, HdAgendaDay, 0);
    g_assert_cmpint (day->minutes, ==, 1500);
    g_assert_cmpint (day->start, ==, ts ("2026-10-24T22:00:00Z"));
    g_assert_cmpint (block_of (layout, talk, 0)->start_minute, ==, 11 * 60);
    g_assert_cmpint (block_of (layout, talk, 0)->end_minute, ==, 12 * 60);
    g_assert_cmpint (block_of (layout, early, 0)->start_minute, ==, 90);
    g_assert_cmpint (block_of (layout, early, 0)->end_minute, ==, 210);

    /* minute 180 of this day is the second 02:00, CET */
    hd_agenda_move (ts ("2026-10-25T09:00:00Z"), ts ("2026-10-25T10:00:00Z"), day, 181, 15, &s, &e);
    g_assert_cmpint (s, ==, ts ("2026-10-25T01:00:00Z"));
    g_assert_cmpint (e, ==, ts ("2026-10-25T02:00:00Z"));
    /* minute 1,470 of the long day is 23:30 CET */
    hd_agenda_move (ts ("2026-10-25T09:00:00Z"), ts ("2026-10-25T10:00:00Z"), day, 1470, 30, &s, &e);
    g_assert_cmpint (s, ==, ts ("2026-10-25T22:30:00Z"));
  }

  /* 29 March 2026: from 02:00 CET to 03:00 CEST, a day of 23 hours */
  {
    g_autoptr(HdRecord) event = make_event ("2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z", hall);
    g_autoptr(HdRecord) night = make_session (event, "Nacht", "2026-03-29T00:30:00Z",
                                              "2026-03-29T01:30:00Z", hall);
    g_autoptr(HdRecord) noon = make_session (event, "Mittag", "2026-03-29T10:00:00Z",
                                             "2026-03-29T11:00:00Z", hall);
    g_autoptr(GPtrArray) sessions = records (night, noon, NULL);
    g_autoptr(HdAgendaLayout) layout = hd_agenda_layout_new (event, sessions, rooms, tz, FALSE);
    const HdAgendaDay *day;

    g_assert_cmpuint (layout->days->len, ==, 1);
    day = &g_array_index (layout->days, HdAgendaDay, 0);
    g_assert_cmpint (day->minutes, ==, 1380);
    /* 01:30 CET to 03:30 CEST is one hour */
    g_assert_cmpint (block_of (layout, night, 0)->start_minute, ==, 90);
    g_assert_cmpint (block_of (layout, night, 0)->end_minute, ==, 150);
    /* 12:00 CEST is eleven hours after midnight */
    g_assert_cmpint (block_of (layout, noon, 0)->start_minute, ==, 11 * 60);
    g_assert_cmpint (hd_agenda_layout_first_minute (layout, 0), ==, 90);
  }
}

static void
test_move_resize (void)
{
  g_autoptr(GTimeZone) tz = berlin ();
  g_autoptr(HdRecord) hall = make_room ("Saal");
  g_autoptr(HdRecord) lab = make_room ("Labor");
  g_autoptr(HdRecord) event = make_event ("2026-12-10T07:00:00Z", "2026-12-11T16:00:00Z", hall);
  /* 10:00–10:45 Berlin on the first day */
  g_autoptr(HdRecord) talk = make_session (event, "Vortrag", "2026-12-10T09:00:00Z",
                                           "2026-12-10T09:45:00Z", lab);
  g_autoptr(GPtrArray) rooms = records (hall, lab, NULL);
  g_autoptr(GPtrArray) sessions = records (talk, NULL);
  g_autoptr(HdAgendaLayout) layout = hd_agenda_layout_new (event, sessions, rooms, tz, FALSE);
  g_autoptr(HdRecord) moved = NULL;
  const HdAgendaDay *day1;
  int hall_column = hd_agenda_layout_find_column (layout, hd_record_get_id (hall));
  int lab_column = hd_agenda_layout_find_column (layout, hd_record_get_id (lab));
  gint64 s, e;

  g_assert_cmpuint (layout->days->len, ==, 2);
  g_assert_cmpint (hall_column, ==, 0);
  g_assert_cmpint (lab_column, ==, 1);
  day1 = &g_array_index (layout->days, HdAgendaDay, 1);

  /* moved to 14:07 of the second day in the hall: 14:00–14:45, in the hall */
  moved = hd_agenda_layout_place (layout, talk, 1, 14 * 60 + 7, (guint) hall_column, 15, FALSE);
  g_assert_nonnull (moved);
  g_assert_cmpstr (hd_record_get_string (moved, "starts_at"), ==, "2026-12-11T13:00:00Z");
  g_assert_cmpstr (hd_record_get_string (moved, "ends_at"), ==, "2026-12-11T13:45:00Z");
  g_assert_cmpstr (hd_record_get_string (moved, "room_id"), ==, hd_record_get_id (hall));
  g_assert_cmpstr (hd_record_get_id (moved), ==, hd_record_get_id (talk));
  /* the original is untouched */
  g_assert_cmpstr (hd_record_get_string (talk, "starts_at"), ==, "2026-12-10T09:00:00Z");
  g_clear_pointer (&moved, hd_record_unref);

  /* with five-minute steps it lands on 14:05 */
  moved = hd_agenda_layout_place (layout, talk, 1, 14 * 60 + 7, (guint) lab_column, 5, FALSE);
  g_assert_cmpstr (hd_record_get_string (moved, "starts_at"), ==, "2026-12-11T13:05:00Z");
  g_assert_cmpstr (hd_record_get_string (moved, "ends_at"), ==, "2026-12-11T13:50:00Z");
  g_assert_cmpstr (hd_record_get_string (moved, "room_id"), ==, hd_record_get_id (lab));
  g_clear_pointer (&moved, hd_record_unref);

  /* resized: the end snaps, the start and room stay */
  moved = hd_agenda_layout_place (layout, talk, 0, 11 * 60 + 20, (guint) hall_column, 30, TRUE);
  g_assert_cmpstr (hd_record_get_string (moved, "starts_at"), ==, "2026-12-10T09:00:00Z");
  g_assert_cmpstr (hd_record_get_string (moved, "ends_at"), ==, "2026-12-10T10:30:00Z");
  g_assert_cmpstr (hd_record_get_string (moved, "room_id"), ==, hd_record_get_id (lab));
  g_clear_pointer (&moved, hd_record_unref);

  /* never shorter than one step, even dragged above its start */
  moved = hd_agenda_layout_place (layout, talk, 0, 9 * 60, (guint) lab_column, 15, TRUE);
  g_assert_cmpstr (hd_record_get_string (moved, "ends_at"), ==, "2026-12-10T09:15:00Z");
  g_clear_pointer (&moved, hd_record_unref);
  g_assert_cmpint (hd_agenda_resize (ts ("2026-12-11T09:00:00Z"), day1, 10 * 60 + 2, 5), ==,
                   ts ("2026-12-11T09:05:00Z"));
  g_assert_cmpint (hd_agenda_resize (ts ("2026-12-11T09:00:00Z"), day1, 12 * 60 + 2, 5), ==,
                   ts ("2026-12-11T11:00:00Z"));

  /* one step later by the keyboard: a move to start + step keeps the length */
  hd_agenda_move (ts ("2026-12-11T09:00:00Z"), ts ("2026-12-11T10:30:00Z"), day1, 10 * 60 + 15, 15, &s, &e);
  g_assert_cmpint (s, ==, ts ("2026-12-11T09:15:00Z"));
  g_assert_cmpint (e - s, ==, 90 * 60);

  /* out of range */
  g_assert_null (hd_agenda_layout_place (layout, talk, 2, 600, 0, 15, FALSE));
  g_assert_null (hd_agenda_layout_place (layout, talk, 0, 600, 7, 15, FALSE));
}

static void
test_warnings_marked (void)
{
  g_autoptr(GTimeZone) tz = berlin ();
  g_autoptr(HdRecord) hall = make_room ("Saal");
  g_autoptr(HdRecord) event = make_event ("2026-12-10T07:00:00Z", "2026-12-10T16:00:00Z", hall);
  g_autoptr(HdRecord) a = make_session (event, "A", "2026-12-10T09:00:00Z", "2026-12-10T10:00:00Z", hall);
  g_autoptr(HdRecord) b = make_session (event, "B", "2026-12-10T09:30:00Z", "2026-12-10T10:30:00Z", hall);
  g_autoptr(HdRecord) c = make_session (event, "C", "2026-12-10T12:00:00Z", "2026-12-10T13:00:00Z", hall);
  g_autoptr(GPtrArray) rooms = records (hall, NULL);
  g_autoptr(GPtrArray) sessions = records (a, b, c, NULL);
  g_autoptr(HdAgendaLayout) layout = hd_agenda_layout_new (event, sessions, rooms, tz, FALSE);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_agenda_warning_free);
  HdAgendaWarning *w = g_new0 (HdAgendaWarning, 1);

  w->kind = HD_AGENDA_ROOM_CLASH;
  w->entity = HD_ENTITY_SESSION;
  w->record_id = g_strdup (hd_record_get_id (a));
  w->other_id = g_strdup (hd_record_get_id (b));
  w->about_id = g_strdup (hd_record_get_id (hall));
  w->message = g_strdup ("clash");
  g_ptr_array_add (warnings, w);

  /* A and B overlap in the hall: side by side; C alone */
  g_assert_cmpuint (block_of (layout, a, 0)->lane, ==, 0);
  g_assert_cmpuint (block_of (layout, b, 0)->lane, ==, 1);
  g_assert_cmpuint (block_of (layout, a, 0)->n_lanes, ==, 2);
  g_assert_cmpuint (block_of (layout, b, 0)->n_lanes, ==, 2);
  g_assert_cmpuint (block_of (layout, c, 0)->lane, ==, 0);
  g_assert_cmpuint (block_of (layout, c, 0)->n_lanes, ==, 1);

  hd_agenda_layout_mark_warnings (layout, warnings);
  g_assert_cmpuint (block_of (layout, a, 0)->n_warnings, ==, 1);
  g_assert_cmpuint (block_of (layout, b, 0)->n_warnings, ==, 1);
  g_assert_cmpuint (block_of (layout, c, 0)->n_warnings, ==, 0);
  g_ptr_array_set_size (warnings, 0);
  hd_agenda_layout_mark_warnings (layout, warnings);
  g_assert_cmpuint (block_of (layout, a, 0)->n_warnings, ==, 0);
}

static HdRecord *
booking_in (HdStore    *store,
            const char *event_id,
            const char *room_id)
{
  HdQuery query = { .entity = HD_ENTITY_BOOKING, .ref_field = "event_id", .ref_id = event_id };
  g_autoptr(GPtrArray) bookings = hd_store_query (store, &query, NULL);

  g_assert_nonnull (bookings);
  for (guint i = 0; i < bookings->len; i++)
    if (g_strcmp0 (hd_record_get_string (g_ptr_array_index (bookings, i), "room_id"), room_id) == 0
        && g_strcmp0 (hd_record_get_string (g_ptr_array_index (bookings, i), "status"), "cancelled") != 0)
      return hd_record_ref (g_ptr_array_index (bookings, i));
  return NULL;
}

/* A session moved on the grid and saved as the grid saves it
 * (hd_event_save): its room booking follows it to the new time and
 * room. */
static void
test_move_saved (void)
{
  g_autoptr(GTimeZone) tz = berlin ();
  g_autofree char *dir = g_dir_make_tmp ("hubdesk-agenda-layout-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = hd_store_open (path, &error);
  g_autoptr(HdRecord) hub = hd_record_new (HD_ENTITY_HUB, HUB);
  g_autoptr(HdRecord) hall = make_room ("Saal");
  g_autoptr(HdRecord) lab = make_room ("Labor");
  g_autoptr(HdRecord) cellar = make_room ("Keller");
  g_autoptr(HdRecord) event = make_event ("2026-12-10T07:00:00Z", "2026-12-10T16:00:00Z", hall);
  g_autoptr(HdRecord) talk = make_session (event, "Vortrag", "2026-12-10T09:00:00Z",
                                           "2026-12-10T10:00:00Z", lab);
  g_autoptr(GPtrArray) rooms = records (hall, lab, cellar, NULL);
  g_autoptr(GPtrArray) sessions = records (talk, NULL);
  g_autoptr(HdAgendaLayout) layout = NULL;
  g_autoptr(HdRecord) booking = NULL;
  g_autoptr(HdRecord) moved = NULL;
  g_autoptr(HdRecord) outside = NULL;
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_assert_no_error (error);
  hd_record_set_id (hub, HUB);
  hd_record_set_string (hub, "name", "Digital Hub Testregion");
  g_assert_true (hd_store_save (store, hub, &error));
  for (guint i = 0; i < rooms->len; i++)
    {
      hd_store_save (store, g_ptr_array_index (rooms, i), &error);
      g_assert_no_error (error);
    }
  g_assert_true (hd_event_save (store, event, &error));
  g_assert_true (hd_event_save (store, talk, &error));
  g_assert_no_error (error);
  booking = booking_in (store, hd_record_get_id (event), hd_record_get_id (lab));
  g_assert_nonnull (booking);
  g_assert_cmpstr (hd_record_get_string (booking, "starts_at"), ==, "2026-12-10T09:00:00Z");
  g_clear_pointer (&booking, hd_record_unref);

  /* into the cellar at 13:30 Berlin */
  layout = hd_agenda_layout_new (event, sessions, rooms, tz, TRUE);
  moved = hd_agenda_layout_place (layout, talk, 0, 13 * 60 + 30,
                                  (guint) hd_agenda_layout_find_column (layout, hd_record_get_id (cellar)),
                                  15, FALSE);
  g_assert_true (hd_event_save (store, moved, &error));
  g_assert_no_error (error);
  booking = booking_in (store, hd_record_get_id (event), hd_record_get_id (cellar));
  g_assert_nonnull (booking);
  g_assert_cmpstr (hd_record_get_string (booking, "starts_at"), ==, "2026-12-10T12:30:00Z");
  g_assert_cmpstr (hd_record_get_string (booking, "ends_at"), ==, "2026-12-10T13:30:00Z");
  g_clear_pointer (&booking, hd_record_unref);
  booking = booking_in (store, hd_record_get_id (event), hd_record_get_id (lab));
  g_assert_null (booking);

  /* past the event's end: refused, nothing changes */
  outside = hd_agenda_layout_place (layout, moved, 0, 16 * 60 + 30, 0, 15, FALSE);
  g_assert_false (hd_event_save (store, outside, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  {
    g_autoptr(HdRecord) stored = hd_store_get (store, HD_ENTITY_SESSION, hd_record_get_id (talk), &error);

    g_assert_cmpstr (hd_record_get_string (stored, "starts_at"), ==, "2026-12-10T12:30:00Z");
  }

  g_clear_object (&store);
  d = g_dir_open (dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/events/agenda-layout/snap", test_snap);
  g_test_add_func ("/events/agenda-layout/columns", test_columns);
  g_test_add_func ("/events/agenda-layout/days-split", test_days_split);
  g_test_add_func ("/events/agenda-layout/dst-days", test_dst_days);
  g_test_add_func ("/events/agenda-layout/move-resize", test_move_resize);
  g_test_add_func ("/events/agenda-layout/warnings-marked", test_warnings_marked);
  g_test_add_func ("/events/agenda-layout/move-saved", test_move_saved);

  return g_test_run ();
}
