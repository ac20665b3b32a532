/* test-rooms-move.c — the arithmetic of the day timeline: pixels to
 * times snapped to a quarter of an hour, moved and resized bookings
 * across days and changes of daylight saving time, a date of a series
 * moved alone or the series with it, the warning of a move into a full
 * room, saving, and the bookings of a room on one day
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "hd-booking-move.h"

#define HUB "0b7f5c1e-3a53-4b4c-9a55-7c1f7d3b2a10"

/* the geometry of the day timeline */
static const HdTimeAxis axis = { 170, 64, 7, 22 };

static gint64
ts (const char *text)
{
  gint64 value = 0;

  g_assert_true (hd_timestamp_parse (text, &value));
  return value;
}

static char *
text_of (gint64 when)
{
  return hd_timestamp_format (when);
}

static HdRecord *
make_room (const char *name,
           gint64      capacity)
{
  HdRecord *room = hd_record_new (HD_ENTITY_ROOM, HUB);

  hd_record_set_string (room, "name", name);
  hd_record_set_string (room, "kind", "meeting_room");
  hd_record_set_int (room, "capacity", capacity);
  return room;
}

static HdRecord *
make_booking (const HdRecord *room,
              const char     *title,
              const char     *starts_at,
              const char     *ends_at,
              const char     *rule)
{
  HdRecord *booking = hd_record_new (HD_ENTITY_BOOKING, HUB);

  hd_record_set_string (booking, "room_id", hd_record_get_id (room));
  hd_record_set_string (booking, "title", title);
  hd_record_set_string (booking, "starts_at", starts_at);
  hd_record_set_string (booking, "ends_at", ends_at);
  hd_record_set_string (booking, "status", "confirmed");
  if (rule != NULL)
    hd_record_set_string (booking, "recurrence", rule);
  g_assert_true (hd_record_validate (booking, TRUE, NULL, NULL));
  return booking;
}

#define assert_time(when, text) G_STMT_START {                \
    g_autofree char *_shown = text_of (when);                  \
    g_assert_cmpstr (_shown, ==, text);                        \
  } G_STMT_END

static void
test_axis (void)
{
  gint64 from, until;

  /* 10:00 is three hours from 07:00 */
  g_assert_cmpfloat_with_epsilon (hd_time_axis_x (&axis, 10 * 3600), 170 + 3 * 64, 0.001);
  g_assert_cmpfloat_with_epsilon (hd_time_axis_x (&axis, 10 * 3600 + 1800), 170 + 3.5 * 64, 0.001);
  /* before and after the hours shown */
  g_assert_cmpfloat_with_epsilon (hd_time_axis_x (&axis, 3600), 170, 0.001);
  g_assert_cmpfloat_with_epsilon (hd_time_axis_x (&axis, 23 * 3600), 170 + 15 * 64, 0.001);

  /* and back, to the nearest quarter of an hour */
  g_assert_cmpint (hd_time_axis_seconds_at (&axis, 170 + 3 * 64, HD_TIMELINE_SNAP), ==, 10 * 3600);
  /* 10:07 → 10:00, 10:08 → 10:15 */
  g_assert_cmpint (hd_time_axis_seconds_at (&axis, 170 + 3 * 64 + 7 * 64 / 60.0, HD_TIMELINE_SNAP),
                   ==, 10 * 3600);
  g_assert_cmpint (hd_time_axis_seconds_at (&axis, 170 + 3 * 64 + 8 * 64 / 60.0, HD_TIMELINE_SNAP),
                   ==, 10 * 3600 + 900);
  /* the names column and beyond the last hour clamp */
  g_assert_cmpint (hd_time_axis_seconds_at (&axis, 20, HD_TIMELINE_SNAP), ==, 7 * 3600);
  g_assert_cmpint (hd_time_axis_seconds_at (&axis, 5000, HD_TIMELINE_SNAP), ==, 22 * 3600);
  for (double x = 170; x < 170 + 15 * 64; x += 3.3)
    g_assert_cmpint (hd_time_axis_seconds_at (&axis, x, HD_TIMELINE_SNAP) % HD_TIMELINE_SNAP, ==, 0);

  /* 16 px are 15 minutes; 7 px (6.6 minutes) do not move */
  g_assert_cmpint (hd_time_axis_delta (&axis, 16, HD_TIMELINE_SNAP), ==, 900);
  g_assert_cmpint (hd_time_axis_delta (&axis, 7, HD_TIMELINE_SNAP), ==, 0);
  g_assert_cmpint (hd_time_axis_delta (&axis, -17, HD_TIMELINE_SNAP), ==, -900);
  g_assert_cmpint (hd_time_axis_delta (&axis, 64 * 2, HD_TIMELINE_SNAP), ==, 7200);

  /* a drag right to left from 12:10 to 9:50 is 9:45 – 12:15 */
  hd_time_axis_span (&axis, 170 + (12 + 10 / 60.0 - 7) * 64, 170 + (9 + 50 / 60.0 - 7) * 64,
                     HD_TIMELINE_SNAP, &from, &until);
  g_assert_cmpint (from, ==, 9 * 3600 + 45 * 60);
  g_assert_cmpint (until, ==, 12 * 3600 + 15 * 60);
  /* a short drag is a quarter of an hour long */
  hd_time_axis_span (&axis, 170 + 3 * 64, 170 + 3 * 64 + 2, HD_TIMELINE_SNAP, &from, &until);
  g_assert_cmpint (from, ==, 10 * 3600);
  g_assert_cmpint (until, ==, 10 * 3600 + 900);
  /* and at the end of the day it ends with it */
  hd_time_axis_span (&axis, 6000, 6001, HD_TIMELINE_SNAP, &from, &until);
  g_assert_cmpint (from, ==, 22 * 3600 - 900);
  g_assert_cmpint (until, ==, 22 * 3600);
}

static void
test_local_day (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  /* 25 October 2026: 25 hours, the clocks go back at 03:00 */
  gint64 midnight = ts ("2026-10-24T22:00:00Z");

  assert_time (hd_local_day_time (tz, midnight, 0), "2026-10-24T22:00:00Z");
  assert_time (hd_local_day_time (tz, midnight, 3600), "2026-10-24T23:00:00Z");
  /* after the change the wall clock is an hour further from UTC */
  assert_time (hd_local_day_time (tz, midnight, 10 * 3600), "2026-10-25T09:00:00Z");
  assert_time (hd_local_day_time (tz, midnight, 24 * 3600), "2026-10-25T23:00:00Z");
  g_assert_cmpint (hd_local_seconds_of_day (tz, ts ("2026-10-25T09:00:00Z")), ==, 10 * 3600);
  g_assert_cmpint (hd_local_seconds_of_day (tz, ts ("2026-10-24T09:15:00Z")), ==, 11 * 3600 + 900);
}

static void
test_moved_times (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  gint64 day = ts ("2026-11-23T23:00:00Z");        /* Tuesday 24 November */
  gint64 next_day = ts ("2026-11-24T23:00:00Z");
  gint64 start = ts ("2026-11-24T09:00:00Z");      /* 10:00 – 12:00 */
  gint64 end = ts ("2026-11-24T11:00:00Z");
  gint64 s, e;

  /* Alt+Right: a quarter of an hour later, as long as before */
  hd_booking_moved_times (tz, start, end, day, day, 900, HD_MOVE_WHOLE, HD_TIMELINE_SNAP, &s, &e);
  assert_time (s, "2026-11-24T09:15:00Z");
  assert_time (e, "2026-11-24T11:15:00Z");
  /* Alt+Left */
  hd_booking_moved_times (tz, start, end, day, day, -900, HD_MOVE_WHOLE, HD_TIMELINE_SNAP, &s, &e);
  assert_time (s, "2026-11-24T08:45:00Z");
  assert_time (e, "2026-11-24T10:45:00Z");
  /* a drag of 20 minutes snaps to 10:15, one of 7 to 10:00 */
  hd_booking_moved_times (tz, start, end, day, day, 1200, HD_MOVE_WHOLE, HD_TIMELINE_SNAP, &s, &e);
  assert_time (s, "2026-11-24T09:15:00Z");
  hd_booking_moved_times (tz, start, end, day, day, 420, HD_MOVE_WHOLE, HD_TIMELINE_SNAP, &s, &e);
  assert_time (s, "2026-11-24T09:00:00Z");
  assert_time (e, "2026-11-24T11:00:00Z");
  /* to the next day's row, the same hours */
  hd_booking_moved_times (tz, start, end, day, next_day, 0, HD_MOVE_WHOLE, HD_TIMELINE_SNAP, &s, &e);
  assert_time (s, "2026-11-25T09:00:00Z");
  assert_time (e, "2026-11-25T11:00:00Z");
  /* a start off the grid stays where it is when only the row changes */
  hd_booking_moved_times (tz, start + 600, end, day, next_day, 0, HD_MOVE_WHOLE, HD_TIMELINE_SNAP,
                          &s, &e);
  assert_time (s, "2026-11-25T09:10:00Z");

  /* Shift+Alt+Right: the end a quarter of an hour later */
  hd_booking_moved_times (tz, start, end, day, day, 900, HD_MOVE_END, HD_TIMELINE_SNAP, &s, &e);
  assert_time (s, "2026-11-24T09:00:00Z");
  assert_time (e, "2026-11-24T11:15:00Z");
  /* shorter than a quarter of an hour it does not get */
  hd_booking_moved_times (tz, start, end, day, day, -5 * 3600, HD_MOVE_END, HD_TIMELINE_SNAP, &s, &e);
  assert_time (s, "2026-11-24T09:00:00Z");
  assert_time (e, "2026-11-24T09:15:00Z");

  /* nor does it leave its day: 21:00 – 23:00 moved on by an hour */
  hd_booking_moved_times (tz, ts ("2026-11-24T20:00:00Z"), ts ("2026-11-24T22:00:00Z"), day, day,
                          3600, HD_MOVE_WHOLE, HD_TIMELINE_SNAP, &s, &e);
  assert_time (s, "2026-11-24T21:00:00Z");
  assert_time (e, "2026-11-24T23:00:00Z");

  /* across the change of time: Saturday 24 October 10:00 CEST to Monday
   * 26 October, 10:00 CET */
  hd_booking_moved_times (tz, ts ("2026-10-24T08:00:00Z"), ts ("2026-10-24T09:00:00Z"),
                          ts ("2026-10-23T22:00:00Z"), ts ("2026-10-25T23:00:00Z"), 0,
                          HD_MOVE_WHOLE, HD_TIMELINE_SNAP, &s, &e);
  assert_time (s, "2026-10-26T09:00:00Z");
  assert_time (e, "2026-10-26T10:00:00Z");
}

static void
test_move_drafts (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(HdRecord) room = make_room ("Klein", 4);
  g_autoptr(HdRecord) other_room = make_room ("Groß", 20);
  g_autoptr(HdRecord) single = make_booking (room, "Workshop", "2026-11-24T09:00:00Z",
                                             "2026-11-24T11:00:00Z", NULL);
  g_autoptr(HdRecord) series = make_booking (room, "Jour fixe", "2026-11-02T13:00:00Z",
                                             "2026-11-02T14:00:00Z", "FREQ=WEEKLY;COUNT=6");
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 second = ts ("2026-11-09T13:00:00Z");
  HdRecord *draft;
  g_autoptr(GArray) spans = NULL;
  const char **exdates;

  /* a booking that does not repeat simply moves, to another room too */
  drafts = hd_booking_move_drafts (single, tz, ts ("2026-11-24T09:00:00Z"),
                                   ts ("2026-11-24T09:15:00Z"), ts ("2026-11-24T11:15:00Z"),
                                   hd_record_get_id (other_room), HD_MOVE_ASK, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 1);
  draft = g_ptr_array_index (drafts, 0);
  g_assert_cmpstr (hd_record_get_id (draft), ==, hd_record_get_id (single));
  g_assert_cmpstr (hd_record_get_string (draft, "starts_at"), ==, "2026-11-24T09:15:00Z");
  g_assert_cmpstr (hd_record_get_string (draft, "ends_at"), ==, "2026-11-24T11:15:00Z");
  g_assert_cmpstr (hd_record_get_string (draft, "room_id"), ==, hd_record_get_id (other_room));
  /* the original is untouched */
  g_assert_cmpstr (hd_record_get_string (single, "starts_at"), ==, "2026-11-24T09:00:00Z");
  g_clear_pointer (&drafts, g_ptr_array_unref);

  /* a series is not moved without being asked */
  g_assert_true (hd_booking_is_recurring (series));
  g_assert_false (hd_booking_is_recurring (single));
  drafts = hd_booking_move_drafts (series, tz, second, second + 900, second + 4500, NULL,
                                   HD_MOVE_ASK, &error);
  g_assert_null (drafts);
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID);
  g_clear_error (&error);

  /* this date only: the series loses it, a booking of its own takes it */
  drafts = hd_booking_move_drafts (series, tz, second, second + 900, second + 4500,
                                   hd_record_get_id (other_room), HD_MOVE_THIS_DATE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 2);
  draft = g_ptr_array_index (drafts, 0);
  g_assert_cmpstr (hd_record_get_id (draft), ==, hd_record_get_id (series));
  g_assert_cmpstr (hd_record_get_string (draft, "starts_at"), ==, "2026-11-02T13:00:00Z");
  g_assert_cmpstr (hd_record_get_string (draft, "room_id"), ==, hd_record_get_id (room));
  exdates = hd_record_get_strv (draft, "exdates");
  g_assert_nonnull (exdates);
  g_assert_cmpstr (exdates[0], ==, "2026-11-09T13:00:00Z");
  g_assert_false (hd_booking_has_occurrence (draft, tz, second));
  g_assert_true (hd_booking_has_occurrence (draft, tz, second + 7 * 86400));
  draft = g_ptr_array_index (drafts, 1);
  g_assert_cmpstr (hd_record_get_id (draft), !=, hd_record_get_id (series));
  g_assert_cmpstr (hd_record_get_string (draft, "series_id"), ==, hd_record_get_id (series));
  g_assert_cmpstr (hd_record_get_string (draft, "recurrence_id"), ==, "2026-11-09T13:00:00Z");
  g_assert_cmpstr (hd_record_get_string (draft, "starts_at"), ==, "2026-11-09T13:15:00Z");
  g_assert_cmpstr (hd_record_get_string (draft, "ends_at"), ==, "2026-11-09T14:15:00Z");
  g_assert_cmpstr (hd_record_get_string (draft, "room_id"), ==, hd_record_get_id (other_room));
  g_assert_null (hd_record_get_string (draft, "recurrence"));
  g_clear_pointer (&drafts, g_ptr_array_unref);

  /* a date the series does not have */
  drafts = hd_booking_move_drafts (series, tz, second + 3600, second + 7200, second + 10800, NULL,
                                   HD_MOVE_THIS_DATE, &error);
  g_assert_null (drafts);
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID);
  g_clear_error (&error);

  /* the whole series: every date a quarter of an hour later and half an
   * hour longer, the first one too */
  drafts = hd_booking_move_drafts (series, tz, second, second + 900, second + 900 + 5400, NULL,
                                   HD_MOVE_SERIES, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 1);
  draft = g_ptr_array_index (drafts, 0);
  g_assert_cmpstr (hd_record_get_id (draft), ==, hd_record_get_id (series));
  g_assert_cmpstr (hd_record_get_string (draft, "starts_at"), ==, "2026-11-02T13:15:00Z");
  g_assert_cmpstr (hd_record_get_string (draft, "ends_at"), ==, "2026-11-02T14:45:00Z");
  g_assert_cmpstr (hd_record_get_string (draft, "recurrence"), ==, "FREQ=WEEKLY;COUNT=6");
  spans = hd_occurrences_in_zone (draft, tz, ts ("2026-11-01T00:00:00Z"),
                                  ts ("2026-12-31T00:00:00Z"), NULL);
  g_assert_cmpuint (spans->len, ==, 6);
  g_assert_cmpint (g_array_index (spans, HdSpan, 5).start, ==, ts ("2026-12-07T13:15:00Z"));

  /* an end before the start is refused */
  g_clear_pointer (&drafts, g_ptr_array_unref);
  drafts = hd_booking_move_drafts (single, tz, 0, second, second, NULL, HD_MOVE_ASK, &error);
  g_assert_null (drafts);
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID);
}

/* A move into a room that is taken gets the booking editor's warning. */
static void
test_move_into_full_room (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(HdRecord) room = make_room ("Klein", 4);
  g_autoptr(HdRecord) taken = make_booking (room, "Board meeting", "2026-11-24T12:00:00Z",
                                            "2026-11-24T14:00:00Z", NULL);
  g_autoptr(HdRecord) mine = make_booking (room, "Workshop", "2026-11-24T09:00:00Z",
                                           "2026-11-24T11:00:00Z", NULL);
  g_autoptr(GPtrArray) bookings = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(HdRoomCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  gint64 s, e;

  g_ptr_array_add (bookings, hd_record_ref (taken));
  g_ptr_array_add (bookings, hd_record_ref (mine));

  /* Alt+Right five times: 11:15 – 13:15 runs into the meeting at 13:00 */
  hd_booking_moved_times (tz, ts ("2026-11-24T09:00:00Z"), ts ("2026-11-24T11:00:00Z"),
                          ts ("2026-11-23T23:00:00Z"), ts ("2026-11-23T23:00:00Z"), 5 * 900,
                          HD_MOVE_WHOLE, HD_TIMELINE_SNAP, &s, &e);
  drafts = hd_booking_move_drafts (mine, tz, ts ("2026-11-24T09:00:00Z"), s, e, NULL,
                                   HD_MOVE_ASK, &error);
  g_assert_no_error (error);
  check = hd_room_check_booking (room, g_ptr_array_index (drafts, drafts->len - 1), bookings,
                                 "Europe/Berlin", ts ("2026-11-01T00:00:00Z"), &error);
  g_assert_no_error (error);
  g_assert_false (check->fits);
  warning = hd_room_check_describe (check, tz);
  g_assert_nonnull (warning);
  g_assert_true (g_str_has_prefix (warning, check->message));
  g_assert_nonnull (strstr (warning, "In the way: Board meeting (from 13:00)"));
  g_clear_pointer (&check, hd_room_check_free);
  g_clear_pointer (&drafts, g_ptr_array_unref);

  /* one step less, back to back, it fits and there is nothing to warn about */
  hd_booking_moved_times (tz, ts ("2026-11-24T09:00:00Z"), ts ("2026-11-24T11:00:00Z"),
                          ts ("2026-11-23T23:00:00Z"), ts ("2026-11-23T23:00:00Z"), 4 * 900,
                          HD_MOVE_WHOLE, HD_TIMELINE_SNAP, &s, &e);
  drafts = hd_booking_move_drafts (mine, tz, ts ("2026-11-24T09:00:00Z"), s, e, NULL,
                                   HD_MOVE_ASK, &error);
  check = hd_room_check_booking (room, g_ptr_array_index (drafts, 0), bookings, "Europe/Berlin",
                                 ts ("2026-11-01T00:00:00Z"), &error);
  g_assert_no_error (error);
  g_assert_true (check->fits);
  g_assert_null (hd_room_check_describe (check, tz));
}

static HdStore *
open_store (char **out_dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  HdStore *store;

  *out_dir = g_dir_make_tmp ("hubdesk-rooms-move-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (*out_dir, "store.db", NULL);
  store = hd_store_open (path, &error);
  g_assert_no_error (error);
  return store;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

static void
save (HdStore  *store,
      HdRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (hd_store_save (store, record, &error));
  g_assert_no_error (error);
}

/* "title@start" for each block of @room's day that begins at local
 * midnight @day */
static char *
day_of (HdStore        *store,
        const HdRecord *room,
        GTimeZone      *tz,
        gint64          day)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) blocks = hd_room_day_blocks (store, room, tz, day, day + 86400, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < blocks->len; i++)
    {
      const HdBookingBlock *block = &g_array_index (blocks, HdBookingBlock, i);
      g_autofree char *start = hd_timestamp_format (block->start);

      g_string_append_printf (text, "%s%s@%s", i > 0 ? " " : "",
                              hd_record_get_string (block->booking, "title"), start);
    }
  return g_string_free (text, FALSE);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_day_blocks (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autofree char *dir = NULL;
  g_autoptr(HdStore) store = open_store (&dir);
  g_autoptr(HdRecord) room = make_room ("Klein", 4);
  g_autoptr(HdRecord) other_room = make_room ("Groß", 20);
  /* Mondays 14:00 – 15:00 from 2 November, six times */
  g_autoptr(HdRecord) series = make_booking (room, "Jour fixe", "2026-11-02T13:00:00Z",
                                             "2026-11-02T14:00:00Z", "FREQ=WEEKLY;COUNT=6");
  g_autoptr(HdRecord) single = make_booking (room, "Workshop", "2026-11-09T08:00:00Z",
                                             "2026-11-09T10:00:00Z", NULL);
  g_autoptr(HdRecord) elsewhere = make_booking (other_room, "Elsewhere", "2026-11-09T08:00:00Z",
                                                "2026-11-09T10:00:00Z", NULL);
  g_autoptr(HdRecord) cancelled = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 monday9 = ts ("2026-11-08T23:00:00Z");
  gint64 monday16 = ts ("2026-11-15T23:00:00Z");
  gint64 monday23 = ts ("2026-11-22T23:00:00Z");
  gint64 monday30 = ts ("2026-11-29T23:00:00Z");

  save (store, room);
  save (store, other_room);
  save (store, series);
  save (store, single);
  save (store, elsewhere);

  /* a series started a week before shows on its day; another room's
   * booking does not */
  text = day_of (store, room, tz, monday9);
  g_assert_cmpstr (text, ==, "Workshop@2026-11-09T08:00:00Z Jour fixe@2026-11-09T13:00:00Z");
  g_clear_pointer (&text, g_free);
  /* not on the Tuesday */
  text = day_of (store, room, tz, monday9 + 86400);
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);

  /* 16 November moved to 09:00, through the path the timeline saves by */
  drafts = hd_booking_move_drafts (series, tz, ts ("2026-11-16T13:00:00Z"),
                                   ts ("2026-11-16T08:00:00Z"), ts ("2026-11-16T09:00:00Z"), NULL,
                                   HD_MOVE_THIS_DATE, &error);
  g_assert_no_error (error);
  hd_booking_save_drafts_async (store, drafts, NULL, on_saved, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (hd_booking_save_drafts_finish (store, result, &error));
  g_assert_no_error (error);

  text = day_of (store, room, tz, monday16);
  g_assert_cmpstr (text, ==, "Jour fixe@2026-11-16T08:00:00Z");
  g_clear_pointer (&text, g_free);

  /* 23 November cancelled: the day is free, the week after is not */
  {
    g_autoptr(HdRecord) saved = hd_store_get (store, HD_ENTITY_BOOKING, hd_record_get_id (series),
                                              &error);

    g_assert_no_error (error);
    cancelled = hd_booking_cancel_occurrence (saved, tz, ts ("2026-11-23T13:00:00Z"), &error);
    g_assert_no_error (error);
    save (store, cancelled);
  }
  text = day_of (store, room, tz, monday23);
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);
  text = day_of (store, room, tz, monday30);
  g_assert_cmpstr (text, ==, "Jour fixe@2026-11-30T13:00:00Z");

  remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rooms-move/axis", test_axis);
  g_test_add_func ("/rooms-move/local-day", test_local_day);
  g_test_add_func ("/rooms-move/moved-times", test_moved_times);
  g_test_add_func ("/rooms-move/drafts", test_move_drafts);
  g_test_add_func ("/rooms-move/full-room", test_move_into_full_room);
  g_test_add_func ("/rooms-move/day-blocks", test_day_blocks);

  return g_test_run ();
}
