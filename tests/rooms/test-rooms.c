/* test-rooms.c — rooms without a server: status now, occupancy of a week
 * computed by hand, recurrence against libical across the changes of
 * daylight saving time, single occurrences cancelled and moved
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libical/ical.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hd-rooms.h"

#define HUB "0b7f5c1e-3a53-4b4c-9a55-7c1f7d3b2a10"

static gint64
ts (const char *text)
{
  gint64 value = 0;

  g_assert_true (hd_timestamp_parse (text, &value));
  return value;
}

static HdRecord *
make_room (const char *name,
           const char *kind,
           gint64      capacity)
{
  HdRecord *room = hd_record_new (HD_ENTITY_ROOM, HUB);

  hd_record_set_string (room, "name", name);
  hd_record_set_string (room, "kind", kind);
  hd_record_set_int (room, "capacity", capacity);
  return room;
}

/* seats 0: the whole room */
static HdRecord *
make_booking (const HdRecord *room,
              const char     *starts_at,
              const char     *ends_at,
              gint64          seats,
              const char     *rule)
{
  HdRecord *booking = hd_record_new (HD_ENTITY_BOOKING, HUB);

  hd_record_set_string (booking, "room_id", hd_record_get_id (room));
  hd_record_set_string (booking, "starts_at", starts_at);
  hd_record_set_string (booking, "ends_at", ends_at);
  if (seats > 0)
    hd_record_set_int (booking, "seats", seats);
  if (rule != NULL)
    hd_record_set_string (booking, "recurrence", rule);
  g_assert_true (hd_record_validate (booking, TRUE, NULL, NULL));
  return booking;
}

static GPtrArray *
list_of (HdRecord *first,
         ...)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  va_list args;
  HdRecord *record;

  va_start (args, first);
  for (record = first; record != NULL; record = va_arg (args, HdRecord *))
    g_ptr_array_add (list, record);
  va_end (args);
  return list;
}

static char *
status_text (const HdRecord *room,
             GPtrArray      *bookings,
             GTimeZone      *tz,
             const char     *now)
{
  HdRoomStatus status;
  g_autoptr(GError) error = NULL;

  g_assert_true (hd_room_status (room, bookings, tz, ts (now), &status, &error));
  g_assert_no_error (error);
  return hd_room_status_format (room, &status, tz, ts (now));
}

/* ---- status now ---- */

static void
test_status (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(HdRecord) meeting = make_room ("Besprechung 1", "meeting_room", 8);
  g_autoptr(HdRecord) cowork = make_room ("Coworking", "coworking_area", 12);
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(GPtrArray) desks = NULL;
  g_autoptr(HdRecord) cancelled = NULL;
  g_autofree char *text = NULL;

  /* Wednesday 25 November 2026, Berlin is UTC+1 */
  cancelled = make_booking (meeting, "2026-11-25T09:00:00Z", "2026-11-25T12:00:00Z", 0, NULL);
  hd_record_set_string (cancelled, "status", "cancelled");
  meetings = list_of (make_booking (meeting, "2026-11-25T09:00:00Z", "2026-11-25T10:30:00Z", 0, NULL),
                      /* back to back: busy until the second ends */
                      make_booking (meeting, "2026-11-25T10:30:00Z", "2026-11-25T11:00:00Z", 0, NULL),
                      make_booking (meeting, "2026-11-25T13:00:00Z", "2026-11-25T14:00:00Z", 3, NULL),
                      hd_record_ref (cancelled),
                      NULL);

  text = status_text (meeting, meetings, tz, "2026-11-25T09:15:00Z");
  g_assert_cmpstr (text, ==, "Busy until 12:00");
  g_clear_pointer (&text, g_free);

  text = status_text (meeting, meetings, tz, "2026-11-25T11:00:00Z");
  g_assert_cmpstr (text, ==, "Free until 14:00");
  g_clear_pointer (&text, g_free);

  text = status_text (meeting, meetings, tz, "2026-11-25T13:30:00Z");
  g_assert_cmpstr (text, ==, "3 of 8 seats taken");
  g_clear_pointer (&text, g_free);

  /* nothing later that day: the next booking is the weekly one on Monday */
  g_ptr_array_add (meetings, make_booking (meeting, "2026-11-23T08:00:00Z", "2026-11-23T09:00:00Z",
                                           0, "FREQ=WEEKLY;BYDAY=MO"));
  text = status_text (meeting, meetings, tz, "2026-11-25T15:00:00Z");
  g_assert_cmpstr (text, ==, "Free until Mon 09:00");
  g_clear_pointer (&text, g_free);

  text = status_text (meeting, meetings, tz, "2026-11-30T08:10:00Z");
  g_assert_cmpstr (text, ==, "Busy until 10:00");
  g_clear_pointer (&text, g_free);

  /* desks of a coworking area, a recurring booking among them */
  desks = list_of (make_booking (cowork, "2026-11-02T07:00:00Z", "2026-11-02T16:00:00Z", 5,
                                 "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
                   make_booking (cowork, "2026-11-25T08:00:00Z", "2026-11-25T12:00:00Z", 3, NULL),
                   NULL);
  text = status_text (cowork, desks, tz, "2026-11-25T10:00:00Z");
  g_assert_cmpstr (text, ==, "8 of 12 desks taken");
  g_clear_pointer (&text, g_free);

  text = status_text (cowork, desks, tz, "2026-11-28T10:00:00Z");
  g_assert_cmpstr (text, ==, "Free until Mon 08:00");
}

/* ---- occupancy of a week, by hand ---- */

static HdStore *
open_store (char **out_dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  HdStore *store;

  *out_dir = g_dir_make_tmp ("hubdesk-rooms-XXXXXX", &error);
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

#define SEAT_HOURS(n) ((gint64) (n) * 3600)

static void
test_occupancy_week (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(HdStore) store = open_store (&dir);
  g_autoptr(HdRecord) hub = hd_record_new (HD_ENTITY_HUB, NULL);
  g_autoptr(HdRecord) a = NULL;
  g_autoptr(HdRecord) b = NULL;
  g_autoptr(HdRecord) b1 = NULL, b2 = NULL, b3 = NULL, b4 = NULL, b5 = NULL, b6 = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree HdOccupancy *occupancy = g_new0 (HdOccupancy, 1);
  g_autofree char *csv = NULL;
  g_autoptr(GDate) first = g_date_new_dmy (30, G_DATE_NOVEMBER, 2026);
  g_autoptr(GDate) last = g_date_new_dmy (6, G_DATE_DECEMBER, 2026);
  const char *exdates[] = { "2026-12-03T13:00:00Z", NULL };
  HdRoomUsage usage;

  hd_record_set_id (hub, HUB);
  hd_record_set_hub_id (hub, HUB);
  hd_record_set_string (hub, "name", "Digital Hub Test");
  save (store, hub);

  /* A: 10 seats, 09:00–17:00, Monday to Friday: 5 × 8 × 10 = 400 seat-hours */
  a = make_room ("A", "meeting_room", 10);
  hd_record_set_string (a, "open_from", "09:00");
  hd_record_set_string (a, "open_until", "17:00");
  save (store, a);
  /* B: 2 desks, default hours 08:00–18:00: 5 × 10 × 2 = 100 */
  b = make_room ("B", "coworking_area", 2);
  save (store, b);

  /* Mon 09–11, all 10 seats, checked in: 20 planned, 20 actual */
  b1 = make_booking (a, "2026-11-30T08:00:00Z", "2026-11-30T10:00:00Z", 0, NULL);
  hd_record_set_string (b1, "checked_in_at", "2026-11-30T07:55:00Z");
  /* Tue 16–19, 4 seats: only 16–17 lies in the opening hours: 4 */
  b2 = make_booking (a, "2026-12-01T15:00:00Z", "2026-12-01T18:00:00Z", 4, NULL);
  /* Wed, Thu, Fri 12–13, 5 seats, tentative: 15 */
  b3 = make_booking (a, "2026-12-02T11:00:00Z", "2026-12-02T12:00:00Z", 5, "FREQ=DAILY;COUNT=3");
  hd_record_set_string (b3, "status", "tentative");
  /* cancelled: nothing */
  b4 = make_booking (a, "2026-11-30T12:00:00Z", "2026-11-30T13:00:00Z", 0, NULL);
  hd_record_set_string (b4, "status", "cancelled");
  /* Saturday: closed, nothing */
  b5 = make_booking (a, "2026-12-05T09:00:00Z", "2026-12-05T11:00:00Z", 0, NULL);
  /* Mondays and Thursdays 14–15, 2 seats, Thursday's cancelled: 2 */
  b6 = make_booking (a, "2026-11-23T13:00:00Z", "2026-11-23T14:00:00Z", 2,
                     "FREQ=WEEKLY;BYDAY=MO,TH");
  hd_record_set_strv (b6, "exdates", exdates);
  g_assert_true (hd_record_validate (b6, TRUE, NULL, NULL));

  save (store, b1);
  save (store, b2);
  save (store, b3);
  save (store, b4);
  save (store, b5);
  save (store, b6);

  rows = hd_rooms_usage (store, HUB, first, last, occupancy, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);

  {
    HdRoomUsageRow *row_a = g_ptr_array_index (rows, 0);
    HdRoomUsageRow *row_b = g_ptr_array_index (rows, 1);

    g_assert_cmpstr (hd_record_get_string (row_a->room, "name"), ==, "A");
    g_assert_cmpint (row_a->usage.open, ==, SEAT_HOURS (400));
    g_assert_cmpint (row_a->usage.planned, ==, SEAT_HOURS (20 + 4 + 15 + 2));
    g_assert_cmpint (row_a->usage.actual, ==, SEAT_HOURS (20));
    g_assert_cmpstr (hd_record_get_string (row_b->room, "name"), ==, "B");
    g_assert_cmpint (row_b->usage.open, ==, SEAT_HOURS (100));
    g_assert_cmpint (row_b->usage.planned, ==, 0);
  }

  /* the hub: both rooms */
  hd_occupancy_totals (occupancy, &usage);
  g_assert_cmpint (usage.open, ==, SEAT_HOURS (500));
  g_assert_cmpint (usage.planned, ==, SEAT_HOURS (41));
  g_assert_cmpint (usage.actual, ==, SEAT_HOURS (20));

  /* Monday 09:00: 10 of 12 open seat-hours */
  g_assert_cmpfloat_with_epsilon (hd_occupancy_percent (occupancy, FALSE, 0, 9), 1000.0 / 12, 1e-9);
  g_assert_cmpfloat_with_epsilon (hd_occupancy_percent (occupancy, TRUE, 0, 9), 1000.0 / 12, 1e-9);
  /* Monday 08:00: only B is open, nothing booked */
  g_assert_cmpfloat_with_epsilon (hd_occupancy_percent (occupancy, FALSE, 0, 8), 0.0, 1e-9);
  /* Monday 14:00: 2 of 12 */
  g_assert_cmpfloat_with_epsilon (hd_occupancy_percent (occupancy, FALSE, 0, 14), 200.0 / 12, 1e-9);
  /* Thursday 14:00: the cancelled date */
  g_assert_cmpfloat_with_epsilon (hd_occupancy_percent (occupancy, FALSE, 3, 14), 0.0, 1e-9);
  /* Tuesday 16:00: 4 of 12; 17:00 only B is open */
  g_assert_cmpfloat_with_epsilon (hd_occupancy_percent (occupancy, FALSE, 1, 16), 400.0 / 12, 1e-9);
  g_assert_cmpfloat_with_epsilon (hd_occupancy_percent (occupancy, FALSE, 1, 17), 0.0, 1e-9);
  /* Friday 12:00: 5 of 12 planned, none checked in */
  g_assert_cmpfloat_with_epsilon (hd_occupancy_percent (occupancy, FALSE, 4, 12), 500.0 / 12, 1e-9);
  g_assert_cmpfloat_with_epsilon (hd_occupancy_percent (occupancy, TRUE, 4, 12), 0.0, 1e-9);
  /* closed */
  g_assert_cmpfloat (hd_occupancy_percent (occupancy, FALSE, 5, 10), <, 0);
  g_assert_cmpfloat (hd_occupancy_percent (occupancy, FALSE, 0, 18), <, 0);

  csv = hd_occupancy_to_csv (occupancy);
  g_assert_true (g_str_has_prefix (csv, "weekday,hour,planned_percent,actual_percent,"));
  g_assert_nonnull (strstr (csv, "\r\n1,09:00,83.3,83.3,10.0,10.0,12.0\r\n"));
  g_assert_nonnull (strstr (csv, "\r\n5,12:00,41.7,0.0,5.0,0.0,12.0\r\n"));
  /* 5 weekdays × 10 open hours, and the header */
  {
    g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 1 + 50 + 1);
  }

  /* A report reads the same figures in its snapshot: a booking saved while
   * the snapshot is open is not in it, and is in the next one. */
  {
    g_autoptr(HdStoreReader) reader = hd_store_reader_open (store, &error);
    g_autoptr(GPtrArray) before = NULL;
    g_autoptr(GPtrArray) during = NULL;
    g_autoptr(GPtrArray) after = NULL;
    g_autoptr(HdRecord) b7 = NULL;

    g_assert_no_error (error);
    g_assert_true (hd_store_reader_begin (reader, &error));
    before = hd_rooms_usage_read (reader, store, HUB, first, last, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (before->len, ==, 2);
    g_assert_cmpint (((HdRoomUsageRow *) before->pdata[0])->usage.planned, ==, SEAT_HOURS (41));

    /* Friday 9–11, 3 seats: 6 seat-hours more */
    b7 = make_booking (a, "2026-12-04T08:00:00Z", "2026-12-04T10:00:00Z", 3, NULL);
    save (store, b7);
    during = hd_rooms_usage_read (reader, store, HUB, first, last, &error);
    g_assert_no_error (error);
    g_assert_cmpint (((HdRoomUsageRow *) during->pdata[0])->usage.planned, ==, SEAT_HOURS (41));
    hd_store_reader_end (reader);

    g_assert_true (hd_store_reader_begin (reader, &error));
    after = hd_rooms_usage_read (reader, store, HUB, first, last, &error);
    g_assert_no_error (error);
    g_assert_cmpint (((HdRoomUsageRow *) after->pdata[0])->usage.planned, ==, SEAT_HOURS (47));
    hd_store_reader_end (reader);
  }

  remove_dir (dir);
}

/* ---- lanes of overlapping blocks ---- */

static void
test_lanes (void)
{
  /* hours of a day: start, end, and the lane and lanes expected */
  static const struct { int start, end; guint lane, n_lanes; } cases[] = {
    {  9, 11, 0, 2 },
    { 10, 12, 1, 2 },
    { 11, 13, 0, 2 },   /* starts when the first ends: its lane again */
    { 14, 15, 0, 3 },
    { 14, 16, 1, 3 },
    { 14, 17, 2, 3 },
    { 16, 18, 0, 3 },   /* the first lane free again; one group with the others */
    { 18, 19, 0, 1 },   /* touches the last: a group of its own */
  };
  g_autoptr(GArray) blocks = g_array_new (FALSE, TRUE, sizeof (HdBookingBlock));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      HdBookingBlock block = { NULL, cases[i].start * 3600, cases[i].end * 3600, 99, 99 };

      g_array_append_val (blocks, block);
    }
  hd_booking_blocks_set_lanes (blocks);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const HdBookingBlock *block = &g_array_index (blocks, HdBookingBlock, i);

      g_test_message ("block %u: %d–%d", i, cases[i].start, cases[i].end);
      g_assert_cmpuint (block->lane, ==, cases[i].lane);
      g_assert_cmpuint (block->n_lanes, ==, cases[i].n_lanes);
    }

  /* none */
  g_array_set_size (blocks, 0);
  hd_booking_blocks_set_lanes (blocks);
  g_assert_cmpuint (blocks->len, ==, 0);
}

/* ---- recurrence against libical ---- */

typedef struct {
  const char *dtstart;   /* wall-clock time in Berlin */
  const char *rule;
} Rule;

static const Rule rules[] = {
  { "20260316T100000", "FREQ=WEEKLY;BYDAY=MO" },
  { "20260317T090000", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH" },
  { "20260302T140000", "FREQ=MONTHLY;BYDAY=1MO" },
  { "20261015T083000", "FREQ=DAILY;COUNT=20" },
  { "20260322T013000", "FREQ=WEEKLY;BYDAY=SU;COUNT=10" },
  { "20261005T180000", "FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20261130T230000Z" },
  { "20260131T160000", "FREQ=MONTHLY;BYMONTHDAY=-1" },
  { "20260329T110000", "FREQ=YEARLY;BYMONTH=3,10;BYDAY=-1SU" },
  { "20260323T120000", "FREQ=WEEKLY;BYDAY=MO;INTERVAL=1;COUNT=6" },
};

/* The starts libical gives for @r in [from, until), DTSTART in Berlin. */
static GArray *
libical_starts (const Rule *r,
                gint64      from,
                gint64      until)
{
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  icaltimezone *zone = icaltimezone_get_builtin_timezone ("Europe/Berlin");
  struct icaltimetype dtstart = icaltime_from_string (r->dtstart);
  struct icalrecurrencetype rule = icalrecurrencetype_from_string (r->rule);
  icalrecur_iterator *iter;
  struct icaltimetype t;

  g_assert_nonnull (zone);
  dtstart = icaltime_set_timezone (&dtstart, zone);
  iter = icalrecur_iterator_new (rule, dtstart);
  g_assert_nonnull (iter);

  for (t = icalrecur_iterator_next (iter); !icaltime_is_null_time (t);
       t = icalrecur_iterator_next (iter))
    {
      gint64 start = (gint64) icaltime_as_timet_with_zone (t, zone);

      if (start >= until)
        break;
      if (start + 3600 > from)
        g_array_append_val (starts, start);
    }

  icalrecur_iterator_free (iter);
  free (rule.rscale);
  return starts;
}

static void
test_recurrence_libical (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  gint64 from = ts ("2026-01-01T00:00:00Z");
  gint64 until = ts ("2027-12-31T00:00:00Z");

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      const Rule *r = &rules[i];
      g_autoptr(GArray) expected = libical_starts (r, from, until);
      g_autoptr(GArray) spans = NULL;
      g_autoptr(HdRecord) booking = hd_record_new (HD_ENTITY_BOOKING, HUB);
      g_autoptr(GDateTime) local = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *starts_at = NULL;
      g_autofree char *ends_at = NULL;
      guint crossings = 0;
      int year, month, day, hour, minute;

      g_assert_cmpint (sscanf (r->dtstart, "%4d%2d%2dT%2d%2d", &year, &month, &day,
                               &hour, &minute), ==, 5);
      local = g_date_time_new (tz, year, month, day, hour, minute, 0);
      starts_at = hd_timestamp_format (g_date_time_to_unix (local));
      ends_at = hd_timestamp_format (g_date_time_to_unix (local) + 3600);
      hd_record_set_string (booking, "starts_at", starts_at);
      hd_record_set_string (booking, "ends_at", ends_at);
      hd_record_set_string (booking, "recurrence", r->rule);

      spans = hd_occurrences_in_zone (booking, tz, from, until, &error);
      g_assert_no_error (error);

      g_test_message ("%s from %s: %u occurrences", r->rule, r->dtstart, spans->len);
      g_assert_cmpuint (spans->len, ==, expected->len);
      g_assert_cmpuint (spans->len, >, 0);
      for (guint j = 0; j < spans->len; j++)
        {
          const HdSpan *span = &g_array_index (spans, HdSpan, j);

          g_assert_cmpint (span->start, ==, g_array_index (expected, gint64, j));
          g_assert_cmpint (span->end - span->start, ==, 3600);
          if (j > 0)
            {
              gint64 prev = g_array_index (spans, HdSpan, j - 1).start;
              g_autoptr(GDateTime) a = g_date_time_new_from_unix_utc (prev);
              g_autoptr(GDateTime) pa = g_date_time_to_timezone (a, tz);
              g_autoptr(GDateTime) b = g_date_time_new_from_unix_utc (span->start);
              g_autoptr(GDateTime) pb = g_date_time_to_timezone (b, tz);

              /* the wall-clock time stays while the offset changes */
              g_assert_cmpint (g_date_time_get_hour (pa), ==, g_date_time_get_hour (pb));
              if (g_date_time_get_utc_offset (pa) != g_date_time_get_utc_offset (pb))
                crossings++;
            }
        }
      /* every rule but the short ones crosses a change of daylight saving */
      if (spans->len > 8)
        g_assert_cmpuint (crossings, >, 0);
    }
}

/* A rule without COUNT is not walked from its start: what lies in a late
 * window is what the whole walk would give there. */
static void
test_recurrence_late_window (void)
{
  static const char * const late_rules[] = {
    "FREQ=WEEKLY;BYDAY=MO",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH",
    "FREQ=WEEKLY;INTERVAL=3",
    "FREQ=DAILY;INTERVAL=5",
    "FREQ=MONTHLY;BYDAY=1MO",
    "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=-1",
    "FREQ=YEARLY;BYMONTH=3,10;BYDAY=-1SU",
    "FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20280115T230000Z",
    "FREQ=HOURLY;INTERVAL=7;BYHOUR=8,15",
  };
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  gint64 from = ts ("2027-10-20T00:00:00Z");
  gint64 until = ts ("2028-04-10T00:00:00Z");

  for (guint i = 0; i < G_N_ELEMENTS (late_rules); i++)
    {
      g_autoptr(HdRecord) booking = hd_record_new (HD_ENTITY_BOOKING, HUB);
      g_autoptr(GArray) all = NULL;
      g_autoptr(GArray) late = NULL;
      g_autoptr(GError) error = NULL;
      guint j = 0;

      /* Tuesday 3 March 2026, 09:30 Berlin, for two hours */
      hd_record_set_string (booking, "starts_at", "2026-03-03T08:30:00Z");
      hd_record_set_string (booking, "ends_at", "2026-03-03T10:30:00Z");
      hd_record_set_string (booking, "recurrence", late_rules[i]);

      all = hd_occurrences_in_zone (booking, tz, ts ("2026-01-01T00:00:00Z"), until, &error);
      g_assert_no_error (error);
      late = hd_occurrences_in_zone (booking, tz, from, until, &error);
      g_assert_no_error (error);

      g_test_message ("%s: %u in the late window", late_rules[i], late->len);
      g_assert_cmpuint (late->len, >, 0);
      for (guint k = 0; k < all->len; k++)
        {
          const HdSpan *span = &g_array_index (all, HdSpan, k);

          if (span->end <= from)
            continue;
          g_assert_cmpuint (j, <, late->len);
          g_assert_cmpint (g_array_index (late, HdSpan, j).start, ==, span->start);
          g_assert_cmpint (g_array_index (late, HdSpan, j).end, ==, span->end);
          j++;
        }
      g_assert_cmpuint (j, ==, late->len);
    }
}

/* ---- single occurrences ---- */

static GArray *
starts_of (const HdRecord *booking,
           GTimeZone      *tz)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) spans = hd_occurrences_in_zone (booking, tz, ts ("2026-01-01T00:00:00Z"),
                                                    ts ("2028-01-01T00:00:00Z"), &error);
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_no_error (error);
  for (guint i = 0; i < spans->len; i++)
    g_array_append_val (starts, g_array_index (spans, HdSpan, i).start);
  return starts;
}

static void
test_cancel_one (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(HdRecord) room = make_room ("A", "meeting_room", 4);
  /* every Monday 10:00 Berlin, ten times, across the end of summer time */
  g_autoptr(HdRecord) series = make_booking (room, "2026-10-05T08:00:00Z", "2026-10-05T09:00:00Z",
                                             0, "FREQ=WEEKLY;COUNT=10");
  g_autoptr(HdRecord) once = NULL;
  g_autoptr(HdRecord) twice = NULL;
  g_autoptr(GArray) before = starts_of (series, tz);
  g_autoptr(GArray) after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 third, fifth;
  const char **exdates;

  g_assert_cmpuint (before->len, ==, 10);
  third = g_array_index (before, gint64, 2);
  fifth = g_array_index (before, gint64, 4);
  /* after the change: 10:00 is 09:00 UTC now */
  g_assert_cmpint (fifth, ==, ts ("2026-11-02T09:00:00Z"));

  /* the fifth first, then the third: kept in time order */
  once = hd_booking_cancel_occurrence (series, tz, fifth, &error);
  g_assert_no_error (error);
  twice = hd_booking_cancel_occurrence (once, tz, third, &error);
  g_assert_no_error (error);
  g_assert_true (hd_record_validate (twice, TRUE, NULL, NULL));
  exdates = hd_record_get_strv (twice, "exdates");
  g_assert_cmpuint (g_strv_length ((char **) exdates), ==, 2);
  g_assert_cmpstr (exdates[0], ==, "2026-10-19T08:00:00Z");
  g_assert_cmpstr (exdates[1], ==, "2026-11-02T09:00:00Z");

  after = starts_of (twice, tz);
  g_assert_cmpuint (after->len, ==, 8);
  for (guint i = 0, j = 0; i < before->len; i++)
    {
      gint64 start = g_array_index (before, gint64, i);

      if (start == third || start == fifth)
        continue;
      g_assert_cmpint (g_array_index (after, gint64, j++), ==, start);
    }
  /* the original is left as it was */
  g_assert_null (hd_record_get_strv (series, "exdates"));

  /* a date the series does not have, or one cancelled already */
  g_assert_null (hd_booking_cancel_occurrence (series, tz, third + 3600, &error));
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (hd_booking_cancel_occurrence (twice, tz, third, &error));
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID);
}

static void
test_move_one (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(HdRecord) room = make_room ("Klein", "meeting_room", 1);
  g_autoptr(HdRecord) series = make_booking (room, "2026-11-02T09:00:00Z", "2026-11-02T10:00:00Z",
                                             0, "FREQ=WEEKLY;COUNT=6");
  g_autoptr(HdRecord) new_series = NULL;
  g_autoptr(HdRecord) moved = NULL;
  g_autoptr(GArray) before = starts_of (series, tz);
  g_autoptr(GArray) after = NULL;
  g_autoptr(GArray) moved_starts = NULL;
  g_autoptr(GPtrArray) old_list = NULL;
  g_autoptr(GPtrArray) new_list = NULL;
  g_autoptr(HdRoomCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  gint64 second = ts ("2026-11-09T09:00:00Z");

  g_assert_cmpint (g_array_index (before, gint64, 1), ==, second);

  /* half an hour later and half an hour longer */
  g_assert_true (hd_booking_move_occurrence (series, tz, second, second + 1800, second + 5400,
                                             &new_series, &moved, &error));
  g_assert_no_error (error);
  g_assert_true (hd_record_validate (new_series, TRUE, NULL, NULL));
  g_assert_true (hd_record_validate (moved, TRUE, NULL, NULL));

  g_assert_cmpstr (hd_record_get_id (new_series), ==, hd_record_get_id (series));
  g_assert_cmpstr (hd_record_get_id (moved), !=, hd_record_get_id (series));
  g_assert_cmpstr (hd_record_get_string (moved, "series_id"), ==, hd_record_get_id (series));
  g_assert_cmpstr (hd_record_get_string (moved, "recurrence_id"), ==, "2026-11-09T09:00:00Z");
  g_assert_null (hd_record_get_string (moved, "recurrence"));

  after = starts_of (new_series, tz);
  g_assert_cmpuint (after->len, ==, before->len - 1);
  g_assert_cmpint (g_array_index (after, gint64, 0), ==, g_array_index (before, gint64, 0));
  for (guint i = 1; i < after->len; i++)
    g_assert_cmpint (g_array_index (after, gint64, i), ==, g_array_index (before, gint64, i + 1));

  moved_starts = starts_of (moved, tz);
  g_assert_cmpuint (moved_starts->len, ==, 1);
  g_assert_cmpint (g_array_index (moved_starts, gint64, 0), ==, second + 1800);

  /* the room holds one person: next to the old series the moved date
   * would clash with the date it replaces, next to the new one it fits */
  old_list = list_of (hd_record_ref (series), NULL);
  check = hd_room_check_booking (room, moved, old_list, "Europe/Berlin", ts ("2026-11-01T00:00:00Z"),
                                 &error);
  g_assert_no_error (error);
  g_assert_false (check->fits);
  g_assert_cmpuint (check->clashes->len, ==, 1);
  g_assert_true (g_ptr_array_index (check->clashes, 0) == series);
  g_clear_pointer (&check, hd_room_check_free);

  new_list = list_of (hd_record_ref (new_series), NULL);
  check = hd_room_check_booking (room, moved, new_list, "Europe/Berlin", ts ("2026-11-01T00:00:00Z"),
                                 &error);
  g_assert_no_error (error);
  g_assert_true (check->fits);
  g_assert_null (check->message);
  g_assert_cmpuint (check->clashes->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rooms/status", test_status);
  g_test_add_func ("/rooms/occupancy-week", test_occupancy_week);
  g_test_add_func ("/rooms/lanes", test_lanes);
  g_test_add_func ("/rooms/recurrence-libical", test_recurrence_libical);
  g_test_add_func ("/rooms/recurrence-late-window", test_recurrence_late_window);
  g_test_add_func ("/rooms/cancel-one", test_cancel_one);
  g_test_add_func ("/rooms/move-one", test_move_one);

  return g_test_run ();
}
