/* test-invariants.c — room capacity, recurrence expansion across daylight
 * saving time, event capacity and sessions inside their event
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every UTC instant below is worked out by hand from the Europe/Berlin
 * rules: CET (+01:00) in winter, CEST (+02:00) from the last Sunday of
 * March 02:00 to the last Sunday of October 03:00 — 29 March and
 * 25 October 2026, 28 March and 31 October 2027.
 */
#include <string.h>

#include "hd-test-records.h"

#define DAY G_GINT64_CONSTANT (86400)

/* "Now" for the room checks: Sunday, 1 November 2026, 00:00 UTC. */
#define NOW_TEXT "2026-11-01T00:00:00Z"

static gint64
ts (const char *text)
{
  gint64 value = 0;

  if (!hd_timestamp_parse (text, &value))
    g_error ("bad time in test: %s", text);
  return value;
}

static HdRecord *
make_room (const char *name,
           gint64      capacity)
{
  HdRecord *room = hd_record_new (HD_ENTITY_ROOM, TEST_HUB_ID);

  hd_record_set_string (room, "name", name);
  hd_record_set_int (room, "capacity", capacity);
  return room;
}

/* @seats < 0: no seats given (the whole room); @rule may be NULL. */
static HdRecord *
make_booking (const HdRecord *room,
              const char     *starts_at,
              const char     *ends_at,
              gint64          seats,
              const char     *rule)
{
  HdRecord *booking = hd_record_new (HD_ENTITY_BOOKING, TEST_HUB_ID);

  hd_record_set_string (booking, "room_id", hd_record_get_id (room));
  hd_record_set_string (booking, "title", "Teamtreffen");
  hd_record_set_string (booking, "starts_at", starts_at);
  hd_record_set_string (booking, "ends_at", ends_at);
  if (seats >= 0)
    hd_record_set_int (booking, "seats", seats);
  if (rule != NULL)
    hd_record_set_string (booking, "recurrence", rule);
  return booking;
}

/* An array that owns its bookings (the tests' side of things). */
static GPtrArray *
bookings_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
}

static GArray *
occurrences (const HdRecord *record,
             const char     *tzid,
             const char     *from,
             const char     *until)
{
  g_autoptr(GError) error = NULL;
  GArray *spans = hd_occurrences (record, tzid, ts (from), ts (until), &error);

  g_assert_no_error (error);
  g_assert_nonnull (spans);
  return spans;
}

/* Asserts that @spans start exactly at @starts (NULL-terminated) and all
 * last @duration seconds. */
static void
assert_starts (GArray      *spans,
               gint64       duration,
               const char **starts)
{
  guint n = g_strv_length ((GStrv) starts);

  for (guint i = 0; i < spans->len && i < n; i++)
    {
      const HdSpan *span = &g_array_index (spans, HdSpan, i);
      g_autofree char *got = hd_timestamp_format (span->start);

      g_assert_cmpstr (got, ==, starts[i]);
      g_assert_cmpint (span->end - span->start, ==, duration);
    }
  g_assert_cmpuint (spans->len, ==, n);
}

/* Whether @spans holds one starting at @start. */
static gboolean
has_start (GArray     *spans,
           const char *start)
{
  gint64 t = ts (start);

  for (guint i = 0; i < spans->len; i++)
    if (g_array_index (spans, HdSpan, i).start == t)
      return TRUE;
  return FALSE;
}

static gboolean
contains (GPtrArray      *array,
          const HdRecord *record)
{
  return g_ptr_array_find (array, record, NULL);
}

/* ------------------------------------------------------------------ */
/* Room capacity                                                       */

static void
test_room_overlap_refused (void)
{
  g_autoptr(HdRecord) room = make_room ("Werkstatt", 12);
  g_autoptr(HdRecord) elsewhere = make_room ("Seminarraum", 12);
  g_autoptr(GPtrArray) bookings = bookings_new ();
  g_autoptr(HdRecord) candidate = NULL;
  g_autoptr(GPtrArray) clashes = NULL;
  g_autoptr(GError) error = NULL;
  HdRecord *morning, *afternoon;
  gint64 free_seats = -1;

  /* 8 of 12 seats from 10 to 12 (Berlin: 11 to 13) */
  morning = make_booking (room, "2026-11-25T10:00:00Z", "2026-11-25T12:00:00Z", 8, NULL);
  g_ptr_array_add (bookings, morning);
  afternoon = make_booking (room, "2026-11-25T13:00:00Z", "2026-11-25T14:00:00Z", 12, NULL);
  g_ptr_array_add (bookings, afternoon);
  /* the same hours in another room do not count */
  g_ptr_array_add (bookings, make_booking (elsewhere, "2026-11-25T09:00:00Z",
                                           "2026-11-25T12:00:00Z", 12, NULL));

  candidate = make_booking (room, "2026-11-25T09:00:00Z", "2026-11-25T11:00:00Z", 6, NULL);

  g_assert_false (hd_check_room_capacity (room, candidate, bookings, NULL, ts (NOW_TEXT),
                                          &clashes, &free_seats, &error));
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_ROOM_UNAVAILABLE);
  g_assert_cmpstr (hd_model_error_code (error), ==, "room_unavailable");
  g_assert_nonnull (strstr (error->message, "Werkstatt"));
  g_assert_nonnull (strstr (error->message, "4"));
  g_assert_nonnull (strstr (error->message, "12"));
  g_assert_nonnull (clashes);
  g_assert_cmpuint (clashes->len, ==, 1);
  g_assert_true (g_ptr_array_index (clashes, 0) == morning);
  g_assert_cmpint (free_seats, ==, 4);

  /* With 4 seats it fits, and the 4 free seats are reported. */
  g_clear_pointer (&clashes, g_ptr_array_unref);
  g_clear_error (&error);
  hd_record_set_int (candidate, "seats", 4);
  g_assert_true (hd_check_room_capacity (room, candidate, bookings, NULL, ts (NOW_TEXT),
                                         &clashes, &free_seats, &error));
  g_assert_no_error (error);
  g_assert_null (clashes);
  g_assert_cmpint (free_seats, ==, 4);
}

static void
test_room_clash_list (void)
{
  g_autoptr(HdRecord) room = make_room ("Coworking", 12);
  g_autoptr(GPtrArray) bookings = bookings_new ();
  g_autoptr(HdRecord) candidate = NULL;
  g_autoptr(GPtrArray) clashes = NULL;
  g_autoptr(GError) error = NULL;
  HdRecord *a, *b, *later;
  gint64 free_seats = -1;

  later = make_booking (room, "2026-11-25T16:00:00Z", "2026-11-25T17:00:00Z", 2, NULL);
  g_ptr_array_add (bookings, later);
  b = make_booking (room, "2026-11-25T11:00:00Z", "2026-11-25T13:00:00Z", 3, NULL);
  g_ptr_array_add (bookings, b);
  a = make_booking (room, "2026-11-25T10:00:00Z", "2026-11-25T12:00:00Z", 8, NULL);
  g_ptr_array_add (bookings, a);

  /* 2 seats from 9 to 14: at 11–12 the room needs 8 + 3 + 2 = 13 */
  candidate = make_booking (room, "2026-11-25T09:00:00Z", "2026-11-25T14:00:00Z", 2, NULL);
  g_assert_false (hd_check_room_capacity (room, candidate, bookings, NULL, ts (NOW_TEXT),
                                          &clashes, &free_seats, &error));
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_ROOM_UNAVAILABLE);
  g_assert_cmpuint (clashes->len, ==, 2);
  /* in the order they begin, each once, the later booking not among them */
  g_assert_true (g_ptr_array_index (clashes, 0) == a);
  g_assert_true (g_ptr_array_index (clashes, 1) == b);
  g_assert_false (contains (clashes, later));
  g_assert_cmpint (free_seats, ==, 1);

  /* One seat fits exactly. */
  g_clear_pointer (&clashes, g_ptr_array_unref);
  g_clear_error (&error);
  hd_record_set_int (candidate, "seats", 1);
  g_assert_true (hd_check_room_capacity (room, candidate, bookings, NULL, ts (NOW_TEXT),
                                         &clashes, &free_seats, &error));
  g_assert_no_error (error);
}

static void
test_room_back_to_back (void)
{
  g_autoptr(HdRecord) room = make_room ("Besprechungsraum", 8);
  g_autoptr(GPtrArray) bookings = bookings_new ();
  g_autoptr(HdRecord) after = NULL;
  g_autoptr(HdRecord) before = NULL;
  g_autoptr(HdRecord) overlapping = NULL;
  g_autoptr(GPtrArray) clashes = NULL;
  g_autoptr(GError) error = NULL;
  HdRecord *booked;

  booked = make_booking (room, "2026-11-25T10:00:00Z", "2026-11-25T11:00:00Z", -1, NULL);
  g_ptr_array_add (bookings, booked);

  after = make_booking (room, "2026-11-25T11:00:00Z", "2026-11-25T12:00:00Z", -1, NULL);
  g_assert_true (hd_check_room_capacity (room, after, bookings, NULL, ts (NOW_TEXT),
                                         NULL, NULL, &error));
  g_assert_no_error (error);

  before = make_booking (room, "2026-11-25T09:00:00Z", "2026-11-25T10:00:00Z", -1, NULL);
  g_assert_true (hd_check_room_capacity (room, before, bookings, NULL, ts (NOW_TEXT),
                                         NULL, NULL, &error));
  g_assert_no_error (error);

  /* one minute of overlap is a clash */
  overlapping = make_booking (room, "2026-11-25T10:59:00Z", "2026-11-25T12:00:00Z", -1, NULL);
  g_assert_false (hd_check_room_capacity (room, overlapping, bookings, NULL, ts (NOW_TEXT),
                                          &clashes, NULL, &error));
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_ROOM_UNAVAILABLE);
  g_assert_cmpuint (clashes->len, ==, 1);
  g_assert_true (g_ptr_array_index (clashes, 0) == booked);
}

static void
test_room_partial_seats (void)
{
  g_autoptr(HdRecord) room = make_room ("Coworking-Fläche", 12);
  g_autoptr(GPtrArray) bookings = bookings_new ();
  g_autoptr(HdRecord) six = NULL;
  g_autoptr(HdRecord) five = NULL;
  g_autoptr(GPtrArray) clashes = NULL;
  g_autoptr(GError) error = NULL;
  HdRecord *three, *four;
  gint64 free_seats = -1;

  three = make_booking (room, "2026-11-25T08:00:00Z", "2026-11-25T16:00:00Z", 3, NULL);
  g_ptr_array_add (bookings, three);

  four = make_booking (room, "2026-11-25T08:00:00Z", "2026-11-25T16:00:00Z", 4, NULL);
  g_assert_true (hd_check_room_capacity (room, four, bookings, NULL, ts (NOW_TEXT),
                                         NULL, &free_seats, &error));
  g_assert_no_error (error);
  g_assert_cmpint (free_seats, ==, 9);
  g_ptr_array_add (bookings, four);

  six = make_booking (room, "2026-11-25T12:00:00Z", "2026-11-25T13:00:00Z", 6, NULL);
  g_assert_false (hd_check_room_capacity (room, six, bookings, NULL, ts (NOW_TEXT),
                                          &clashes, &free_seats, &error));
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_ROOM_UNAVAILABLE);
  g_assert_cmpint (free_seats, ==, 5);
  g_assert_cmpuint (clashes->len, ==, 2);
  g_assert_true (contains (clashes, three));
  g_assert_true (contains (clashes, four));
  g_assert_nonnull (strstr (error->message, "5"));

  g_clear_error (&error);
  five = make_booking (room, "2026-11-25T12:00:00Z", "2026-11-25T13:00:00Z", 5, NULL);
  g_assert_true (hd_check_room_capacity (room, five, bookings, NULL, ts (NOW_TEXT),
                                         NULL, &free_seats, &error));
  g_assert_no_error (error);
  g_assert_cmpint (free_seats, ==, 5);
}

static void
test_room_whole_room (void)
{
  g_autoptr(HdRecord) room = make_room ("Eventfläche", 12);
  g_autoptr(GPtrArray) bookings = bookings_new ();
  g_autoptr(GPtrArray) clashes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdRecord) one = NULL;
  g_autoptr(HdRecord) whole = NULL;
  g_autoptr(HdRecord) too_many = NULL;
  HdRecord *all, *single;
  gint64 free_seats = -1;

  /* without seats: all 12 */
  all = make_booking (room, "2026-11-25T10:00:00Z", "2026-11-25T12:00:00Z", -1, NULL);
  g_ptr_array_add (bookings, all);

  one = make_booking (room, "2026-11-25T11:00:00Z", "2026-11-25T11:30:00Z", 1, NULL);
  g_assert_false (hd_check_room_capacity (room, one, bookings, NULL, ts (NOW_TEXT),
                                          &clashes, &free_seats, &error));
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_ROOM_UNAVAILABLE);
  g_assert_cmpint (free_seats, ==, 0);
  g_assert_true (g_ptr_array_index (clashes, 0) == all);
  g_clear_pointer (&clashes, g_ptr_array_unref);
  g_clear_error (&error);

  /* a candidate without seats needs all 12, next to a single seat */
  g_ptr_array_remove (bookings, all);
  single = make_booking (room, "2026-11-26T10:00:00Z", "2026-11-26T12:00:00Z", 1, NULL);
  g_ptr_array_add (bookings, single);
  whole = make_booking (room, "2026-11-26T11:00:00Z", "2026-11-26T15:00:00Z", -1, NULL);
  g_assert_false (hd_check_room_capacity (room, whole, bookings, NULL, ts (NOW_TEXT),
                                          &clashes, &free_seats, &error));
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_ROOM_UNAVAILABLE);
  g_assert_cmpint (free_seats, ==, 11);
  g_assert_true (g_ptr_array_index (clashes, 0) == single);
  g_clear_pointer (&clashes, g_ptr_array_unref);
  g_clear_error (&error);

  /* more seats than the room has: refused on its own */
  too_many = make_booking (room, "2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z", 13, NULL);
  g_assert_false (hd_check_room_capacity (room, too_many, bookings, NULL, ts (NOW_TEXT),
                                          &clashes, &free_seats, &error));
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_ROOM_UNAVAILABLE);
  g_assert_cmpint (free_seats, ==, 12);
  g_assert_nonnull (clashes);
  g_assert_cmpuint (clashes->len, ==, 0);
  g_assert_nonnull (strstr (error->message, "13"));
}

static void
test_room_cancelled_ignored (void)
{
  g_autoptr(HdRecord) room = make_room ("Werkstatt", 10);
  g_autoptr(GPtrArray) bookings = bookings_new ();
  g_autoptr(HdRecord) candidate = NULL;
  g_autoptr(HdRecord) earlier_self = NULL;
  g_autoptr(GError) error = NULL;
  HdRecord *cancelled, *deleted, *confirmed;

  cancelled = make_booking (room, "2026-11-25T10:00:00Z", "2026-11-25T12:00:00Z", -1, NULL);
  hd_record_set_string (cancelled, "status", "cancelled");
  g_ptr_array_add (bookings, cancelled);
  deleted = make_booking (room, "2026-11-25T10:00:00Z", "2026-11-25T12:00:00Z", -1, NULL);
  hd_record_set_deleted (deleted, TRUE);
  g_ptr_array_add (bookings, deleted);

  candidate = make_booking (room, "2026-11-25T10:00:00Z", "2026-11-25T12:00:00Z", -1, NULL);
  g_assert_true (hd_check_room_capacity (room, candidate, bookings, NULL, ts (NOW_TEXT),
                                         NULL, NULL, &error));
  g_assert_no_error (error);

  /* the candidate's own stored version is not counted against it */
  earlier_self = hd_record_copy (candidate);
  hd_record_set_string (earlier_self, "starts_at", "2026-11-25T09:00:00Z");
  g_ptr_array_add (bookings, g_steal_pointer (&earlier_self));
  g_assert_true (hd_check_room_capacity (room, candidate, bookings, NULL, ts (NOW_TEXT),
                                         NULL, NULL, &error));
  g_assert_no_error (error);

  /* a tentative booking counts */
  confirmed = make_booking (room, "2026-11-25T11:00:00Z", "2026-11-25T13:00:00Z", 1, NULL);
  hd_record_set_string (confirmed, "status", "tentative");
  g_ptr_array_add (bookings, confirmed);
  g_assert_false (hd_check_room_capacity (room, candidate, bookings, NULL, ts (NOW_TEXT),
                                          NULL, NULL, &error));
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_ROOM_UNAVAILABLE);
  g_clear_error (&error);

  /* a cancelled candidate always fits */
  hd_record_set_string (candidate, "status", "cancelled");
  g_assert_true (hd_check_room_capacity (room, candidate, bookings, NULL, ts (NOW_TEXT),
                                         NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_room_recurring_clash (void)
{
  g_autoptr(HdRecord) room = make_room ("Werkstatt", 12);
  g_autoptr(GPtrArray) bookings = bookings_new ();
  g_autoptr(GPtrArray) bookings2 = bookings_new ();
  g_autoptr(HdRecord) single = NULL;
  g_autoptr(HdRecord) wednesday = NULL;
  g_autoptr(HdRecord) series = NULL;
  g_autoptr(GPtrArray) clashes = NULL;
  g_autoptr(GError) error = NULL;
  HdRecord *weekly, *stored_single;
  gint64 free_seats = -1;

  /* Tuesdays 10:00–12:00 Berlin from 3 November 2026, 10 of 12 seats */
  weekly = make_booking (room, "2026-11-03T09:00:00Z", "2026-11-03T11:00:00Z", 10,
                         "FREQ=WEEKLY;BYDAY=TU");
  g_ptr_array_add (bookings, weekly);

  /* five weeks later, Tuesday 8 December, 11:30–12:30 Berlin, 3 seats */
  single = make_booking (room, "2026-12-08T10:30:00Z", "2026-12-08T11:30:00Z", 3, NULL);
  g_assert_false (hd_check_room_capacity (room, single, bookings, NULL, ts (NOW_TEXT),
                                          &clashes, &free_seats, &error));
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_ROOM_UNAVAILABLE);
  g_assert_cmpuint (clashes->len, ==, 1);
  g_assert_true (g_ptr_array_index (clashes, 0) == weekly);
  g_assert_cmpint (free_seats, ==, 2);
  g_clear_pointer (&clashes, g_ptr_array_unref);
  g_clear_error (&error);

  /* the same hours on a Wednesday are free */
  wednesday = make_booking (room, "2026-12-09T10:30:00Z", "2026-12-09T11:30:00Z", 3, NULL);
  g_assert_true (hd_check_room_capacity (room, wednesday, bookings, NULL, ts (NOW_TEXT),
                                         NULL, NULL, &error));
  g_assert_no_error (error);

  /* the other way round: the series is the candidate, the single is stored */
  stored_single = make_booking (room, "2026-12-08T10:30:00Z", "2026-12-08T11:30:00Z", 3, NULL);
  g_ptr_array_add (bookings2, stored_single);
  series = make_booking (room, "2026-11-03T09:00:00Z", "2026-11-03T11:00:00Z", 10,
                         "FREQ=WEEKLY;BYDAY=TU");
  g_assert_false (hd_check_room_capacity (room, series, bookings2, NULL, ts (NOW_TEXT),
                                          &clashes, &free_seats, &error));
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_ROOM_UNAVAILABLE);
  g_assert_true (g_ptr_array_index (clashes, 0) == stored_single);
  g_assert_cmpint (free_seats, ==, 9);
  /* the message names the day of the clash */
  g_assert_nonnull (strstr (error->message, "2026"));
  g_clear_pointer (&clashes, g_ptr_array_unref);
  g_clear_error (&error);

  /* ending the series before 8 December removes the clash */
  hd_record_set_string (series, "recurrence", "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261207");
  g_assert_true (hd_check_room_capacity (room, series, bookings2, NULL, ts (NOW_TEXT),
                                         NULL, NULL, &error));
  g_assert_no_error (error);
  /* and so does COUNT=5 (3, 10, 17, 24 November, 1 December) */
  hd_record_set_string (series, "recurrence", "FREQ=WEEKLY;BYDAY=TU;COUNT=5");
  g_assert_true (hd_check_room_capacity (room, series, bookings2, NULL, ts (NOW_TEXT),
                                         NULL, NULL, &error));
  g_assert_no_error (error);
  hd_record_set_string (series, "recurrence", "FREQ=WEEKLY;BYDAY=TU;COUNT=6");
  g_assert_false (hd_check_room_capacity (room, series, bookings2, NULL, ts (NOW_TEXT),
                                          NULL, NULL, &error));
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_ROOM_UNAVAILABLE);
}

static void
test_room_across_dst (void)
{
  g_autoptr(HdRecord) room = make_room ("Werkstatt", 12);
  g_autoptr(GPtrArray) bookings = bookings_new ();
  g_autoptr(HdRecord) summer_ten = NULL;
  g_autoptr(HdRecord) summer_nine = NULL;
  g_autoptr(GError) error = NULL;
  HdRecord *weekly;

  /* Thursdays 10:00–11:00 Berlin, whole room, from 5 November 2026 (CET) */
  weekly = make_booking (room, "2026-11-05T09:00:00Z", "2026-11-05T10:00:00Z", -1,
                         "FREQ=WEEKLY;BYDAY=TH");
  g_ptr_array_add (bookings, weekly);

  /* Thursday 1 April 2027, CEST: the series holds 08:00–09:00 UTC */
  summer_ten = make_booking (room, "2027-04-01T08:30:00Z", "2027-04-01T08:45:00Z", 1, NULL);
  g_assert_false (hd_check_room_capacity (room, summer_ten, bookings, NULL, ts (NOW_TEXT),
                                          NULL, NULL, &error));
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_ROOM_UNAVAILABLE);
  g_clear_error (&error);

  /* 09:00–10:00 UTC is 11:00 in summer: free */
  summer_nine = make_booking (room, "2027-04-01T09:00:00Z", "2027-04-01T10:00:00Z", 1, NULL);
  g_assert_true (hd_check_room_capacity (room, summer_nine, bookings, NULL, ts (NOW_TEXT),
                                         NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_room_beyond_horizon (void)
{
  g_autoptr(HdRecord) room = make_room ("Werkstatt", 4);
  g_autoptr(GPtrArray) bookings = bookings_new ();
  g_autoptr(HdRecord) candidate = NULL;
  g_autoptr(GError) error = NULL;

  /* both more than 400 days after now: still checked against each other */
  g_ptr_array_add (bookings, make_booking (room, "2028-06-01T08:00:00Z",
                                           "2028-06-01T10:00:00Z", -1, NULL));
  candidate = make_booking (room, "2028-06-01T09:00:00Z", "2028-06-01T11:00:00Z", 1, NULL);
  g_assert_false (hd_check_room_capacity (room, candidate, bookings, NULL, ts (NOW_TEXT),
                                          NULL, NULL, &error));
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_ROOM_UNAVAILABLE);
}

static void
test_room_bad_rules (void)
{
  g_autoptr(HdRecord) room = make_room ("Werkstatt", 4);
  g_autoptr(GPtrArray) bookings = bookings_new ();
  g_autoptr(HdRecord) candidate = NULL;
  g_autoptr(GPtrArray) clashes = NULL;
  g_autoptr(GError) error = NULL;
  HdRecord *broken;

  /* a candidate with a rule that cannot be read is refused as invalid */
  candidate = make_booking (room, "2026-11-25T09:00:00Z", "2026-11-25T11:00:00Z", 1,
                            "FREQ=FORTNIGHTLY");
  g_assert_false (hd_check_room_capacity (room, candidate, bookings, NULL, ts (NOW_TEXT),
                                          NULL, NULL, &error));
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID);
  g_clear_error (&error);

  /* a stored booking whose rule cannot be read still holds its first span */
  broken = make_booking (room, "2026-11-25T08:00:00Z", "2026-11-25T10:00:00Z", -1,
                         "FREQ=FORTNIGHTLY");
  g_ptr_array_add (bookings, broken);
  hd_record_set_null (candidate, "recurrence");
  g_assert_false (hd_check_room_capacity (room, candidate, bookings, NULL, ts (NOW_TEXT),
                                          &clashes, NULL, &error));
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_ROOM_UNAVAILABLE);
  g_assert_true (g_ptr_array_index (clashes, 0) == broken);
}

/* Random bookings on a grid of quarter hours, checked against counting
 * the seats in every quarter hour. */
static void
test_room_against_brute_force (void)
{
  const gint64 base = ts ("2026-11-25T06:00:00Z");
  const gint64 quarter = 15 * 60;
  const guint n_slots = 48;

  for (guint round = 0; round < 400; round++)
    {
      gint64 capacity = g_test_rand_int_range (1, 13);
      g_autoptr(HdRecord) room = make_room ("Raum", capacity);
      g_autoptr(GPtrArray) bookings = bookings_new ();
      g_autoptr(HdRecord) candidate = NULL;
      g_autoptr(GPtrArray) clashes = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree gint64 *others = g_new0 (gint64, n_slots);
      guint n_bookings = g_test_rand_int_range (0, 9);
      gint64 cand_seats, most = 0, free_seats = -1;
      guint cand_from, cand_to;
      gboolean expected_fit = TRUE, fits;

      for (guint i = 0; i < n_bookings; i++)
        {
          guint from = g_test_rand_int_range (0, n_slots - 1);
          guint to = g_test_rand_int_range (from + 1, n_slots + 1);
          gint64 seats = g_test_rand_int_range (0, capacity + 1);
          g_autofree char *start = hd_timestamp_format (base + from * quarter);
          g_autofree char *end = hd_timestamp_format (base + to * quarter);
          HdRecord *b;

          /* seats 0 here means "no seats given": the whole room */
          b = make_booking (room, start, end, seats == 0 ? -1 : seats, NULL);
          if (g_test_rand_int_range (0, 5) == 0)
            hd_record_set_string (b, "status", "cancelled");
          else
            for (guint s = from; s < to; s++)
              others[s] += seats == 0 ? capacity : seats;
          g_ptr_array_add (bookings, b);
        }

      cand_from = g_test_rand_int_range (0, n_slots - 1);
      cand_to = g_test_rand_int_range (cand_from + 1, n_slots + 1);
      cand_seats = g_test_rand_int_range (1, capacity + 1);
      {
        g_autofree char *start = hd_timestamp_format (base + cand_from * quarter);
        g_autofree char *end = hd_timestamp_format (base + cand_to * quarter);

        candidate = make_booking (room, start, end, cand_seats, NULL);
      }

      for (guint s = cand_from; s < cand_to; s++)
        {
          most = MAX (most, others[s]);
          if (others[s] + cand_seats > capacity)
            expected_fit = FALSE;
        }

      fits = hd_check_room_capacity (room, candidate, bookings, NULL, ts (NOW_TEXT),
                                     &clashes, &free_seats, &error);
      g_assert_cmpint (fits, ==, expected_fit);
      g_assert_cmpint (free_seats, ==, MAX (capacity - most, 0));
      if (fits)
        {
          g_assert_no_error (error);
          continue;
        }

      g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_ROOM_UNAVAILABLE);
      /* the clashes are exactly the non-cancelled bookings that overlap */
      for (guint i = 0; i < bookings->len; i++)
        {
          HdRecord *b = g_ptr_array_index (bookings, i);
          gint64 b_start = ts (hd_record_get_string (b, "starts_at"));
          gint64 b_end = ts (hd_record_get_string (b, "ends_at"));
          gboolean overlaps = b_start < base + cand_to * quarter &&
                              b_end > base + cand_from * quarter &&
                              !g_str_equal (hd_record_get_string (b, "status"), "cancelled");

          g_assert_cmpint (contains (clashes, b), ==, overlaps);
        }
      for (guint i = 0; i < clashes->len; i++)
        for (guint j = i + 1; j < clashes->len; j++)
          g_assert_true (g_ptr_array_index (clashes, i) != g_ptr_array_index (clashes, j));
    }
}

/* 10,000 bookings in 50 rooms: only the room's own bookings count. */
static void
test_room_many_rooms (void)
{
  g_autoptr(GPtrArray) rooms = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GPtrArray) bookings = bookings_new ();
  g_autoptr(HdRecord) candidate = NULL;
  g_autoptr(GPtrArray) clashes = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 monday = ts ("2026-11-02T07:00:00Z");
  HdRecord *room;

  for (guint r = 0; r < 50; r++)
    g_ptr_array_add (rooms, make_room ("Raum", 10));

  for (guint i = 0; i < 10000; i++)
    {
      HdRecord *r = g_ptr_array_index (rooms, i % 50);
      guint slot = i / 50;   /* 200 hour-long bookings a room, one after another */
      g_autofree char *start = hd_timestamp_format (monday + slot * 3600);
      g_autofree char *end = hd_timestamp_format (monday + (slot + 1) * 3600);

      g_ptr_array_add (bookings, make_booking (r, start, end, 5, NULL));
    }

  /* 5 seats in room 7 next to its own 5: fits; the 49 other rooms'
   * bookings at the same hour do not count */
  room = g_ptr_array_index (rooms, 7);
  candidate = make_booking (room, "2026-11-03T10:00:00Z", "2026-11-03T11:00:00Z", 5, NULL);
  g_assert_true (hd_check_room_capacity (room, candidate, bookings, NULL, ts (NOW_TEXT),
                                         NULL, NULL, &error));
  g_assert_no_error (error);

  /* 6 seats overlap exactly two of room 7's bookings (10–11 and 11–12 UTC) */
  hd_record_set_string (candidate, "ends_at", "2026-11-03T11:30:00Z");
  hd_record_set_int (candidate, "seats", 6);
  g_assert_false (hd_check_room_capacity (room, candidate, bookings, NULL, ts (NOW_TEXT),
                                          &clashes, NULL, &error));
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_ROOM_UNAVAILABLE);
  g_assert_cmpuint (clashes->len, ==, 2);
  for (guint i = 0; i < clashes->len; i++)
    g_assert_cmpstr (hd_record_get_string (g_ptr_array_index (clashes, i), "room_id"), ==,
                     hd_record_get_id (room));
}

/* ------------------------------------------------------------------ */
/* Occurrences                                                         */

static void
test_occurrences_single (void)
{
  g_autoptr(HdRecord) room = make_room ("Werkstatt", 4);
  g_autoptr(HdRecord) booking = NULL;
  g_autoptr(HdRecord) event = hd_record_new (HD_ENTITY_EVENT, TEST_HUB_ID);
  g_autoptr(GArray) spans = NULL;
  const char *one[] = { "2026-11-25T14:00:00Z", NULL };
  const char *none[] = { NULL };

  booking = make_booking (room, "2026-11-25T14:00:00Z", "2026-11-25T16:00:00Z", 1, NULL);

  spans = occurrences (booking, NULL, "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z");
  assert_starts (spans, 2 * 3600, one);
  g_clear_pointer (&spans, g_array_unref);

  /* half-open window: ending at @from or starting at @until is outside */
  spans = occurrences (booking, NULL, "2026-11-25T16:00:00Z", "2026-12-01T00:00:00Z");
  assert_starts (spans, 2 * 3600, none);
  g_clear_pointer (&spans, g_array_unref);
  spans = occurrences (booking, NULL, "2026-11-01T00:00:00Z", "2026-11-25T14:00:00Z");
  assert_starts (spans, 2 * 3600, none);
  g_clear_pointer (&spans, g_array_unref);
  spans = occurrences (booking, NULL, "2026-11-25T15:59:59Z", "2026-11-25T16:00:00Z");
  assert_starts (spans, 2 * 3600, one);
  g_clear_pointer (&spans, g_array_unref);

  /* an entity without recurrence */
  hd_record_set_string (event, "title", "KI-Sprechstunde");
  hd_record_set_string (event, "starts_at", "2026-11-25T14:00:00Z");
  hd_record_set_string (event, "ends_at", "2026-11-25T17:00:00Z");
  spans = occurrences (event, NULL, "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z");
  assert_starts (spans, 3 * 3600, one);
}

static void
test_occurrences_every_other_tue_thu (void)
{
  g_autoptr(HdRecord) room = make_room ("Werkstatt", 4);
  g_autoptr(HdRecord) booking = NULL;
  g_autoptr(GArray) spans = NULL;
  const char *all[] = {
    "2026-11-24T09:00:00Z", "2026-11-26T09:00:00Z",
    "2026-12-08T09:00:00Z", "2026-12-10T09:00:00Z",
    "2026-12-22T09:00:00Z", "2026-12-24T09:00:00Z", NULL
  };
  const char *without_last[] = {
    "2026-11-24T09:00:00Z", "2026-11-26T09:00:00Z",
    "2026-12-08T09:00:00Z", "2026-12-10T09:00:00Z",
    "2026-12-22T09:00:00Z", NULL
  };
  const char *december[] = {
    "2026-12-08T09:00:00Z", "2026-12-10T09:00:00Z", NULL
  };

  /* Tuesday 24 November 2026, 10:00–12:00 Berlin */
  booking = make_booking (room, "2026-11-24T09:00:00Z", "2026-11-24T11:00:00Z", 1,
                          "FREQ=WEEKLY;BYDAY=TU,TH;INTERVAL=2;UNTIL=20270101T000000Z");
  spans = occurrences (booking, NULL, "2026-11-01T00:00:00Z", "2027-06-01T00:00:00Z");
  assert_starts (spans, 2 * 3600, all);
  g_clear_pointer (&spans, g_array_unref);

  /* only the ones inside the window */
  spans = occurrences (booking, NULL, "2026-12-01T00:00:00Z", "2026-12-21T00:00:00Z");
  assert_starts (spans, 2 * 3600, december);
  g_clear_pointer (&spans, g_array_unref);

  /* UNTIL in UTC is inclusive and exact: 24 December 10:00 Berlin is 09:00Z */
  hd_record_set_string (booking, "recurrence",
                        "FREQ=WEEKLY;BYDAY=TU,TH;INTERVAL=2;UNTIL=20261224T090000Z");
  spans = occurrences (booking, NULL, "2026-11-01T00:00:00Z", "2027-06-01T00:00:00Z");
  assert_starts (spans, 2 * 3600, all);
  g_clear_pointer (&spans, g_array_unref);

  hd_record_set_string (booking, "recurrence",
                        "FREQ=WEEKLY;BYDAY=TU,TH;INTERVAL=2;UNTIL=20261224T085959Z");
  spans = occurrences (booking, NULL, "2026-11-01T00:00:00Z", "2027-06-01T00:00:00Z");
  assert_starts (spans, 2 * 3600, without_last);
  g_clear_pointer (&spans, g_array_unref);

  /* UNTIL as a date takes in that whole day, in Berlin */
  hd_record_set_string (booking, "recurrence",
                        "FREQ=WEEKLY;BYDAY=TU,TH;INTERVAL=2;UNTIL=20261224");
  spans = occurrences (booking, NULL, "2026-11-01T00:00:00Z", "2027-06-01T00:00:00Z");
  assert_starts (spans, 2 * 3600, all);
  g_clear_pointer (&spans, g_array_unref);

  hd_record_set_string (booking, "recurrence",
                        "FREQ=WEEKLY;BYDAY=TU,TH;INTERVAL=2;UNTIL=20261223");
  spans = occurrences (booking, NULL, "2026-11-01T00:00:00Z", "2027-06-01T00:00:00Z");
  assert_starts (spans, 2 * 3600, without_last);
}

static void
test_occurrences_first_monday (void)
{
  g_autoptr(HdRecord) room = make_room ("Werkstatt", 4);
  g_autoptr(HdRecord) booking = NULL;
  g_autoptr(GArray) spans = NULL;
  /* 18:00 Berlin: 17:00Z in winter, 16:00Z from 28 March 2027 */
  const char *six[] = {
    "2026-12-07T17:00:00Z", "2027-01-04T17:00:00Z", "2027-02-01T17:00:00Z",
    "2027-03-01T17:00:00Z", "2027-04-05T16:00:00Z", "2027-05-03T16:00:00Z", NULL
  };
  const char *two[] = { "2026-12-09T17:00:00Z", "2027-01-04T17:00:00Z", NULL };

  booking = make_booking (room, "2026-12-07T17:00:00Z", "2026-12-07T19:00:00Z", 1,
                          "FREQ=MONTHLY;BYDAY=1MO;COUNT=6");
  spans = occurrences (booking, NULL, "2026-11-01T00:00:00Z", "2028-01-01T00:00:00Z");
  assert_starts (spans, 2 * 3600, six);
  g_clear_pointer (&spans, g_array_unref);

  /* without COUNT the series goes on to the end of the window */
  hd_record_set_string (booking, "recurrence", "FREQ=MONTHLY;BYDAY=1MO");
  spans = occurrences (booking, NULL, "2026-11-01T00:00:00Z", "2028-01-01T00:00:00Z");
  g_assert_cmpuint (spans->len, ==, 13);
  g_assert_true (has_start (spans, "2027-12-06T17:00:00Z"));
  g_clear_pointer (&spans, g_array_unref);

  /* RFC 5545: DTSTART is the first occurrence and counts, even on a
   * Wednesday that the rule would not pick */
  g_clear_pointer (&booking, hd_record_unref);
  booking = make_booking (room, "2026-12-09T17:00:00Z", "2026-12-09T19:00:00Z", 1,
                          "FREQ=MONTHLY;BYDAY=1MO;COUNT=2");
  spans = occurrences (booking, NULL, "2026-11-01T00:00:00Z", "2028-01-01T00:00:00Z");
  assert_starts (spans, 2 * 3600, two);
}

static void
test_occurrences_count (void)
{
  g_autoptr(HdRecord) room = make_room ("Werkstatt", 4);
  g_autoptr(HdRecord) booking = NULL;
  g_autoptr(GArray) spans = NULL;
  const char *three[] = {
    "2026-11-25T14:00:00Z", "2026-11-26T14:00:00Z", "2026-11-27T14:00:00Z", NULL
  };
  const char *last[] = { "2026-11-27T14:00:00Z", NULL };

  booking = make_booking (room, "2026-11-25T14:00:00Z", "2026-11-25T15:00:00Z", 1,
                          "FREQ=DAILY;COUNT=3");
  spans = occurrences (booking, NULL, "2026-01-01T00:00:00Z", "2028-01-01T00:00:00Z");
  assert_starts (spans, 3600, three);
  g_clear_pointer (&spans, g_array_unref);

  /* occurrences before the window still count towards COUNT */
  spans = occurrences (booking, NULL, "2026-11-27T00:00:00Z", "2028-01-01T00:00:00Z");
  assert_starts (spans, 3600, last);
}

static void
test_occurrences_dst (void)
{
  g_autoptr(HdRecord) room = make_room ("Werkstatt", 4);
  g_autoptr(HdRecord) booking = NULL;
  g_autoptr(GArray) spans = NULL;
  const char *spring_2026[] = { "2026-03-26T09:00:00Z", "2026-04-02T08:00:00Z", NULL };
  const char *autumn_2026[] = { "2026-10-22T08:00:00Z", "2026-10-29T09:00:00Z", NULL };
  const char *spring_2027[] = { "2027-03-25T09:00:00Z", "2027-04-01T08:00:00Z", NULL };
  const char *autumn_2027[] = { "2027-10-28T08:00:00Z", "2027-11-04T09:00:00Z", NULL };

  /* Thursdays 10:00–11:30 Berlin from 19 March 2026 (CET) */
  booking = make_booking (room, "2026-03-19T09:00:00Z", "2026-03-19T10:30:00Z", 1,
                          "FREQ=WEEKLY;BYDAY=TH");

  spans = occurrences (booking, NULL, "2026-03-20T00:00:00Z", "2026-04-03T00:00:00Z");
  assert_starts (spans, 5400, spring_2026);
  g_clear_pointer (&spans, g_array_unref);

  spans = occurrences (booking, NULL, "2026-10-20T00:00:00Z", "2026-11-01T00:00:00Z");
  assert_starts (spans, 5400, autumn_2026);
  g_clear_pointer (&spans, g_array_unref);

  spans = occurrences (booking, NULL, "2027-03-20T00:00:00Z", "2027-04-02T00:00:00Z");
  assert_starts (spans, 5400, spring_2027);
  g_clear_pointer (&spans, g_array_unref);

  spans = occurrences (booking, NULL, "2027-10-25T00:00:00Z", "2027-11-05T00:00:00Z");
  assert_starts (spans, 5400, autumn_2027);
  g_clear_pointer (&spans, g_array_unref);

  /* the whole stretch: one a week, in order, never at the wrong hour */
  spans = occurrences (booking, NULL, "2026-03-19T00:00:00Z", "2027-12-31T00:00:00Z");
  g_assert_cmpuint (spans->len, ==, 94);
  g_assert_false (has_start (spans, "2026-04-02T09:00:00Z"));
  g_assert_false (has_start (spans, "2026-10-29T08:00:00Z"));
  for (guint i = 1; i < spans->len; i++)
    {
      gint64 step = g_array_index (spans, HdSpan, i).start -
                    g_array_index (spans, HdSpan, i - 1).start;

      g_assert_true (step == 7 * DAY || step == 7 * DAY - 3600 || step == 7 * DAY + 3600);
    }
}

static void
test_occurrences_dst_edges (void)
{
  g_autoptr(HdRecord) room = make_room ("Werkstatt", 4);
  g_autoptr(HdRecord) booking = NULL;
  g_autoptr(GArray) spans = NULL;
  /* 02:30 does not exist on 29 March 2026: it takes the offset from before
   * the gap (03:30 CEST = 01:30Z) */
  const char *spring[] = {
    "2026-03-28T01:30:00Z", "2026-03-29T01:30:00Z", "2026-03-30T00:30:00Z", NULL
  };
  /* 02:30 happens twice on 25 October 2026: the first one (CEST) */
  const char *autumn[] = {
    "2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z", NULL
  };

  booking = make_booking (room, "2026-03-28T01:30:00Z", "2026-03-28T02:00:00Z", 1,
                          "FREQ=DAILY;COUNT=3");
  spans = occurrences (booking, NULL, "2026-03-01T00:00:00Z", "2026-04-30T00:00:00Z");
  assert_starts (spans, 1800, spring);
  g_clear_pointer (&spans, g_array_unref);
  g_clear_pointer (&booking, hd_record_unref);

  booking = make_booking (room, "2026-10-24T00:30:00Z", "2026-10-24T01:00:00Z", 1,
                          "FREQ=DAILY;COUNT=3");
  spans = occurrences (booking, NULL, "2026-10-01T00:00:00Z", "2026-11-30T00:00:00Z");
  assert_starts (spans, 1800, autumn);
}

static void
test_occurrences_other_zone (void)
{
  g_autoptr(HdRecord) room = make_room ("Werkstatt", 4);
  g_autoptr(HdRecord) booking = NULL;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  /* New York changes on 8 March 2026, three weeks before Berlin */
  const char *new_york[] = { "2026-03-05T15:00:00Z", "2026-03-12T14:00:00Z", NULL };
  const char *berlin[] = { "2026-03-05T15:00:00Z", "2026-03-12T15:00:00Z", NULL };

  booking = make_booking (room, "2026-03-05T15:00:00Z", "2026-03-05T16:00:00Z", 1,
                          "FREQ=WEEKLY;COUNT=2");
  spans = occurrences (booking, "America/New_York", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z");
  assert_starts (spans, 3600, new_york);
  g_clear_pointer (&spans, g_array_unref);

  spans = occurrences (booking, "Europe/Berlin", "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z");
  assert_starts (spans, 3600, berlin);
  g_clear_pointer (&spans, g_array_unref);

  /* the same with a GTimeZone made once by the caller */
  tz = g_time_zone_new_identifier ("America/New_York");
  spans = hd_occurrences_in_zone (booking, tz, ts ("2026-03-01T00:00:00Z"),
                                  ts ("2026-04-01T00:00:00Z"), &error);
  g_assert_no_error (error);
  assert_starts (spans, 3600, new_york);
  g_clear_pointer (&spans, g_array_unref);

  spans = hd_occurrences (booking, "Mars/Olympus_Mons", ts ("2026-03-01T00:00:00Z"),
                          ts ("2026-04-01T00:00:00Z"), &error);
  g_assert_null (spans);
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID);
  g_clear_error (&error);

  /* a room check that has to expand a rule in an unknown zone fails */
  g_assert_false (hd_check_room_capacity (room, booking, NULL, "Mars/Olympus_Mons",
                                          ts (NOW_TEXT), NULL, NULL, &error));
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID);
}

static void
test_occurrences_bad_rules (void)
{
  static const char * const rules[] = {
    "garbage",
    "FREQ=FORTNIGHTLY",
    "FREQ=WEEKLY;BYDAY=XX",
    "FREQ=WEEKLY;INTERVAL=0",
    "FREQ=WEEKLY;COUNT=3;UNTIL=20270101T000000Z",
    "RRULE:FREQ=WEEKLY",
    /* every second or minute: refused outright */
    "FREQ=SECONDLY",
    "FREQ=MINUTELY;INTERVAL=30",
    /* dates that never come; libical would search for centuries */
    "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=MONTHLY;BYMONTH=4,6;BYMONTHDAY=31",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
    /* what RFC 5545 forbids */
    "FREQ=WEEKLY;BYDAY=1MO",
    "FREQ=WEEKLY;BYMONTHDAY=1",
    "FREQ=DAILY;BYYEARDAY=100",
    "FREQ=MONTHLY;BYWEEKNO=3",
    /* hourly on rare days: libical would step hour by hour for seconds */
    "FREQ=HOURLY;BYYEARDAY=200;BYMONTH=1",
    "FREQ=HOURLY;BYMONTHDAY=29;BYMONTH=2;BYDAY=MO",
    /* the sixth Monday of a month, the third of two days */
    "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6",
    "FREQ=MONTHLY;BYMONTHDAY=1,2;BYSETPOS=3",
    "FREQ=YEARLY;BYDAY=MO;BYSETPOS=60",
  };
  g_autoptr(HdRecord) room = make_room ("Werkstatt", 4);

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autoptr(HdRecord) booking = NULL;
      g_autoptr(GArray) spans = NULL;
      g_autoptr(GError) error = NULL;

      booking = make_booking (room, "2026-11-24T09:00:00Z", "2026-11-24T11:00:00Z", 1, rules[i]);
      spans = hd_occurrences (booking, NULL, ts ("2026-11-01T00:00:00Z"),
                              ts ("2027-12-01T00:00:00Z"), &error);
      if (spans != NULL)
        g_error ("rule “%s” was accepted", rules[i]);
      g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID);
      g_assert_nonnull (error->message);
    }
}

static void
test_occurrences_good_rules (void)
{
  static const char * const rules[] = {
    "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR",
    "FREQ=WEEKLY;WKST=SU;BYDAY=SU,MO;INTERVAL=2",
    "FREQ=MONTHLY;BYMONTHDAY=-1",
    "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=5",
    "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
    "FREQ=YEARLY;BYDAY=MO;BYSETPOS=53",
    "FREQ=HOURLY;INTERVAL=2;BYHOUR=9,11,13;BYDAY=MO,TU",
    "RSCALE=GREGORIAN;FREQ=WEEKLY",
  };
  g_autoptr(HdRecord) room = make_room ("Werkstatt", 4);
  g_autoptr(HdRecord) booking = NULL;
  g_autoptr(GArray) spans = NULL;
  /* the last weekday of the month, 10:00 Berlin */
  const char *last_weekday[] = {
    "2026-11-30T09:00:00Z", "2026-12-31T09:00:00Z", "2027-01-29T09:00:00Z", NULL
  };

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autoptr(HdRecord) b = NULL;
      g_autoptr(GArray) s = NULL;
      g_autoptr(GError) error = NULL;

      b = make_booking (room, "2026-11-30T09:00:00Z", "2026-11-30T10:00:00Z", 1, rules[i]);
      s = hd_occurrences (b, NULL, ts ("2026-11-01T00:00:00Z"), ts ("2028-01-01T00:00:00Z"),
                          &error);
      if (s == NULL)
        g_error ("rule “%s” was refused: %s", rules[i], error->message);
      g_assert_cmpuint (s->len, >=, 1);
    }

  booking = make_booking (room, "2026-11-30T09:00:00Z", "2026-11-30T10:00:00Z", 1,
                          "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3");
  spans = occurrences (booking, NULL, "2026-11-01T00:00:00Z", "2028-01-01T00:00:00Z");
  assert_starts (spans, 3600, last_weekday);
}

static void
test_occurrences_runaway (void)
{
  g_autoptr(HdRecord) room = make_room ("Werkstatt", 4);
  g_autoptr(HdRecord) booking = NULL;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GError) error = NULL;

  /* hourly since 2000, counted: well over 100,000 dates before the
   * window opens (a rule without COUNT starts near the window) */
  booking = make_booking (room, "2000-01-03T09:00:00Z", "2000-01-03T09:30:00Z", 1,
                          "FREQ=HOURLY;COUNT=900000");
  spans = hd_occurrences (booking, NULL, ts ("2026-11-01T00:00:00Z"),
                          ts ("2027-12-01T00:00:00Z"), &error);
  g_assert_null (spans);
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID);
  g_clear_error (&error);

  /* an hourly rule over a short stretch is fine: 10:00–16:00 Berlin */
  hd_record_set_string (booking, "starts_at", "2026-11-24T09:00:00Z");
  hd_record_set_string (booking, "ends_at", "2026-11-24T09:30:00Z");
  hd_record_set_string (booking, "recurrence", "FREQ=HOURLY;COUNT=6");
  spans = hd_occurrences (booking, NULL, ts ("2026-11-01T00:00:00Z"),
                          ts ("2027-12-01T00:00:00Z"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 6);
  g_assert_true (has_start (spans, "2026-11-24T14:00:00Z"));
}

static void
test_occurrences_bad_times (void)
{
  g_autoptr(HdRecord) room = make_room ("Werkstatt", 4);
  g_autoptr(HdRecord) booking = NULL;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GError) error = NULL;

  booking = make_booking (room, "2026-11-24T09:00:00Z", "2026-11-24T08:00:00Z", 1, NULL);
  spans = hd_occurrences (booking, NULL, 0, G_MAXINT64 / 2, &error);
  g_assert_null (spans);
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID);
  g_clear_error (&error);

  hd_record_set_string (booking, "starts_at", "2026-11-24 09:00");
  spans = hd_occurrences (booking, NULL, 0, G_MAXINT64 / 2, &error);
  g_assert_null (spans);
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID);
  g_clear_error (&error);

  hd_record_set_null (booking, "starts_at");
  spans = hd_occurrences (booking, NULL, 0, G_MAXINT64 / 2, &error);
  g_assert_null (spans);
  g_assert_nonnull (error);
}

/* ------------------------------------------------------------------ */
/* Events and sessions                                                 */

static HdRecord *
make_event (gint64 capacity)
{
  HdRecord *event = hd_record_new (HD_ENTITY_EVENT, TEST_HUB_ID);

  hd_record_set_string (event, "title", "KI im Mittelstand");
  hd_record_set_string (event, "starts_at", "2026-11-25T13:00:00Z");
  hd_record_set_string (event, "ends_at", "2026-11-25T17:00:00Z");
  if (capacity >= 0)
    hd_record_set_int (event, "capacity", capacity);
  return event;
}

static HdRecord *
make_registration (const HdRecord *event,
                   const char     *status)
{
  HdRecord *registration = hd_record_new (HD_ENTITY_REGISTRATION, TEST_HUB_ID);

  hd_record_set_string (registration, "event_id", hd_record_get_id (event));
  hd_record_set_string (registration, "status", status);
  return registration;
}

static void
test_event_capacity (void)
{
  g_autoptr(HdRecord) event = make_event (30);
  g_autoptr(HdRecord) open = make_event (-1);
  g_autoptr(HdRecord) registered = make_registration (event, "registered");
  g_autoptr(HdRecord) attended = make_registration (event, "attended");
  g_autoptr(HdRecord) waitlisted = make_registration (event, "waitlisted");
  g_autoptr(HdRecord) cancelled = make_registration (event, "cancelled");
  g_autoptr(HdRecord) no_show = make_registration (event, "no_show");
  g_autoptr(GError) error = NULL;

  /* the 30th place is free, the 31st is not */
  g_assert_true (hd_check_event_capacity (event, 29, registered, &error));
  g_assert_no_error (error);
  g_assert_false (hd_check_event_capacity (event, 30, registered, &error));
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_EVENT_FULL);
  g_assert_cmpstr (hd_model_error_code (error), ==, "event_full");
  g_assert_nonnull (strstr (error->message, "30"));
  g_assert_nonnull (strstr (error->message, "KI im Mittelstand"));
  g_clear_error (&error);

  g_assert_false (hd_check_event_capacity (event, 30, attended, &error));
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_EVENT_FULL);
  g_clear_error (&error);

  /* the waiting list, cancellations and no-shows take no place */
  g_assert_true (hd_check_event_capacity (event, 30, waitlisted, &error));
  g_assert_true (hd_check_event_capacity (event, 45, cancelled, &error));
  g_assert_true (hd_check_event_capacity (event, 30, no_show, &error));
  g_assert_no_error (error);

  /* no capacity, no limit */
  g_assert_true (hd_check_event_capacity (open, 100000, registered, &error));
  g_assert_no_error (error);
}

static HdRecord *
make_session (const HdRecord *event,
              const char     *starts_at,
              const char     *ends_at)
{
  HdRecord *session = hd_record_new (HD_ENTITY_SESSION, TEST_HUB_ID);

  hd_record_set_string (session, "event_id", hd_record_get_id (event));
  hd_record_set_string (session, "title", "Keynote");
  hd_record_set_string (session, "starts_at", starts_at);
  hd_record_set_string (session, "ends_at", ends_at);
  return session;
}

static void
test_session_in_event (void)
{
  /* the event runs 13:00–17:00Z */
  g_autoptr(HdRecord) event = make_event (-1);
  struct {
    const char *starts_at;
    const char *ends_at;
    gboolean    inside;
  } cases[] = {
    { "2026-11-25T14:00:00Z", "2026-11-25T15:00:00Z", TRUE },
    { "2026-11-25T13:00:00Z", "2026-11-25T17:00:00Z", TRUE },   /* both edges */
    { "2026-11-25T13:00:00Z", "2026-11-25T13:30:00Z", TRUE },   /* the start edge */
    { "2026-11-25T16:30:00Z", "2026-11-25T17:00:00Z", TRUE },   /* the end edge */
    { "2026-11-25T12:59:59Z", "2026-11-25T14:00:00Z", FALSE },
    { "2026-11-25T16:00:00Z", "2026-11-25T17:00:01Z", FALSE },
    { "2026-11-25T12:00:00Z", "2026-11-25T18:00:00Z", FALSE },
    { "2026-11-26T13:00:00Z", "2026-11-26T14:00:00Z", FALSE },
    { "2026-11-25T10:00:00Z", "2026-11-25T13:00:00Z", FALSE },  /* ends as the event starts */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(HdRecord) session = make_session (event, cases[i].starts_at, cases[i].ends_at);
      g_autoptr(GError) error = NULL;
      gboolean ok = hd_check_session_in_event (session, event, &error);

      if (ok != cases[i].inside)
        g_error ("session %s–%s: expected %s", cases[i].starts_at, cases[i].ends_at,
                 cases[i].inside ? "inside" : "outside");
      if (ok)
        g_assert_no_error (error);
      else
        g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_OUTSIDE_EVENT);
    }
}

static void
test_session_inverted (void)
{
  g_autoptr(HdRecord) event = make_event (-1);
  g_autoptr(HdRecord) session = make_session (event, "2026-11-25T15:00:00Z",
                                              "2026-11-25T14:00:00Z");
  g_autoptr(GError) error = NULL;

  g_assert_false (hd_check_session_in_event (session, event, &error));
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID);
  g_clear_error (&error);

  hd_record_set_string (session, "ends_at", "2026-11-25T15:00:00Z");
  g_assert_false (hd_check_session_in_event (session, event, &error));
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/invariants/room/overlap-refused", test_room_overlap_refused);
  g_test_add_func ("/model/invariants/room/clash-list", test_room_clash_list);
  g_test_add_func ("/model/invariants/room/back-to-back", test_room_back_to_back);
  g_test_add_func ("/model/invariants/room/partial-seats", test_room_partial_seats);
  g_test_add_func ("/model/invariants/room/whole-room", test_room_whole_room);
  g_test_add_func ("/model/invariants/room/cancelled-ignored", test_room_cancelled_ignored);
  g_test_add_func ("/model/invariants/room/recurring-clash", test_room_recurring_clash);
  g_test_add_func ("/model/invariants/room/across-dst", test_room_across_dst);
  g_test_add_func ("/model/invariants/room/beyond-horizon", test_room_beyond_horizon);
  g_test_add_func ("/model/invariants/room/bad-rules", test_room_bad_rules);
  g_test_add_func ("/model/invariants/room/brute-force", test_room_against_brute_force);
  g_test_add_func ("/model/invariants/room/many-rooms", test_room_many_rooms);
  g_test_add_func ("/model/invariants/occurrences/single", test_occurrences_single);
  g_test_add_func ("/model/invariants/occurrences/every-other-tue-thu",
                   test_occurrences_every_other_tue_thu);
  g_test_add_func ("/model/invariants/occurrences/first-monday", test_occurrences_first_monday);
  g_test_add_func ("/model/invariants/occurrences/count", test_occurrences_count);
  g_test_add_func ("/model/invariants/occurrences/dst", test_occurrences_dst);
  g_test_add_func ("/model/invariants/occurrences/dst-edges", test_occurrences_dst_edges);
  g_test_add_func ("/model/invariants/occurrences/other-zone", test_occurrences_other_zone);
  g_test_add_func ("/model/invariants/occurrences/bad-rules", test_occurrences_bad_rules);
  g_test_add_func ("/model/invariants/occurrences/good-rules", test_occurrences_good_rules);
  g_test_add_func ("/model/invariants/occurrences/runaway", test_occurrences_runaway);
  g_test_add_func ("/model/invariants/occurrences/bad-times", test_occurrences_bad_times);
  g_test_add_func ("/model/invariants/event/capacity", test_event_capacity);
  g_test_add_func ("/model/invariants/session/in-event", test_session_in_event);
  g_test_add_func ("/model/invariants/session/inverted", test_session_inverted);

  return g_test_run ();
}
