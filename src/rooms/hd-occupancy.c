/* hd-occupancy.c — how well rooms are used: booked seat-hours over open
 * seat-hours by hour and weekday, per room and per hub
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Occurrences are placed in the hub's wall-clock time ("local seconds":
 * local time counted as if it were UTC), so that a booking from 10:00 to
 * 12:00 fills the cells 10 and 11 of its weekday whatever the offset.
 * Only the part of a booking inside the room's opening hours counts.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-rooms.h"

#define DAY  G_GINT64_CONSTANT (86400)
#define HOUR G_GINT64_CONSTANT (3600)
/* A check-in counts for the occurrence it falls into, or one starting
 * within the next hour (people check in a little early). */
#define EARLY_CHECK_IN HOUR

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;
  return q;
}

/* Local seconds of midnight at the start of @date. */
static gint64
date_to_local (const GDate *date)
{
  /* days since 1970-01-01, which is Julian day 719163 in GDate's count */
  return ((gint64) g_date_get_julian (date) - 719163) * DAY;
}

/* 0 = Monday … 6 = Sunday; 1970-01-01 was a Thursday. */
static guint
weekday_of (gint64 local_day_start)
{
  gint64 days = floor_div (local_day_start, DAY);

  return (guint) (((days + 3) % 7 + 7) % 7);
}

static gint64
utc_to_local (GTimeZone *tz,
              gint64     utc)
{
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, utc);

  return utc + g_time_zone_get_offset (tz, interval);
}

/* Adds [start, end) (local seconds, inside one day starting at @day)
 * times @seats to the cells of @grid. */
static void
add_to_cells (gint64  grid[7][24],
              gint64  day,
              gint64  start,
              gint64  end,
              gint64  seats)
{
  guint weekday = weekday_of (day);

  while (start < end)
    {
      gint64 hour = (start - day) / HOUR;
      gint64 cell_end = MIN (end, day + (hour + 1) * HOUR);

      if (hour >= 0 && hour < 24)
        grid[weekday][hour] += (cell_end - start) * seats;
      start = cell_end;
    }
}

/* Adds [start, end) (local seconds) inside the opening hours of the days
 * in [period_start, period_end) to @grid. */
typedef struct {
  const HdRecord *room;
  gint64          open_from;
  gint64          open_until;
  gint64          period_start;
  gint64          period_end;
} Period;

static void
add_span (gint64        grid[7][24],
          const Period *p,
          gint64        start,
          gint64        end,
          gint64        seats)
{
  const HdRecord *room = p->room;
  gint64 open_from = p->open_from, open_until = p->open_until;
  gint64 period_start = p->period_start, period_end = p->period_end;

  start = MAX (start, period_start);
  end = MIN (end, period_end);

  for (gint64 day = floor_div (start, DAY) * DAY; day < end; day += DAY)
    {
      gint64 from = MAX (start, day + open_from);
      gint64 until = MIN (end, day + open_until);

      if (from < until && hd_room_open_on (room, weekday_of (day) + 1))
        add_to_cells (grid, day, from, until, seats);
    }
}

static gboolean
counts (const HdRecord *booking,
        const char     *room_id)
{
  return hd_record_get_entity (booking) == HD_ENTITY_BOOKING &&
         !hd_record_get_deleted (booking) &&
         g_strcmp0 (hd_record_get_string (booking, "status"), "cancelled") != 0 &&
         g_strcmp0 (hd_record_get_string (booking, "room_id"), room_id) == 0;
}

gboolean
hd_occupancy_add_room (HdOccupancy     *occupancy,
                       const HdRecord  *room,
                       GPtrArray       *bookings,
                       GTimeZone       *tz,
                       const GDate     *first,
                       const GDate     *last,
                       GError         **error)
{
  gint64 capacity = MAX (hd_record_get_int (room, "capacity", 0), 0);
  gint64 period_start = date_to_local (first);
  gint64 period_end = date_to_local (last) + DAY;
  const char *room_id = hd_record_get_id (room);
  int recurrence_index = hd_entity_field_index (HD_ENTITY_BOOKING, "recurrence");
  g_autofree char *window_start = NULL;
  g_autofree char *window_end = NULL;
  Period period;

  g_return_val_if_fail (occupancy != NULL, FALSE);
  g_return_val_if_fail (g_date_valid (first) && g_date_valid (last), FALSE);

  if (period_end <= period_start)
    return TRUE;

  period.room = room;
  period.period_start = period_start;
  period.period_end = period_end;
  hd_room_opening_hours (room, &period.open_from, &period.open_until);

  /* a day of margin each side: local and UTC days differ by hours */
  window_start = hd_timestamp_format (period_start - 2 * DAY);
  window_end = hd_timestamp_format (period_end + 2 * DAY);

  /* open seat-seconds */
  add_span (occupancy->open, &period, period_start, period_end, capacity);

  for (guint i = 0; bookings != NULL && i < bookings->len; i++)
    {
      const HdRecord *booking = g_ptr_array_index (bookings, i);
      g_autoptr(GArray) spans = NULL;
      g_autoptr(GError) local_error = NULL;
      const char *checked_in = NULL;
      gint64 check_in = 0, seats;

      if (!counts (booking, room_id))
        continue;

      /* most bookings lie elsewhere in time: seen without expanding
       * (UTC times in one format compare as text) */
      if (hd_record_get (booking, (guint) recurrence_index) == NULL &&
          (g_strcmp0 (hd_record_get_string (booking, "ends_at"), window_start) <= 0 ||
           g_strcmp0 (hd_record_get_string (booking, "starts_at"), window_end) >= 0))
        continue;

      spans = hd_occurrences_in_zone (booking, tz, period_start - 2 * DAY,
                                      period_end + 2 * DAY, &local_error);
      if (spans == NULL)
        {
          g_debug ("Booking %s skipped: %s", hd_record_get_id (booking),
                   local_error->message);
          continue;
        }

      seats = hd_booking_seats (booking, room);
      checked_in = hd_record_get_string (booking, "checked_in_at");
      if (checked_in != NULL && !hd_timestamp_parse (checked_in, &check_in))
        checked_in = NULL;

      for (guint j = 0; j < spans->len; j++)
        {
          const HdSpan *span = &g_array_index (spans, HdSpan, j);
          gint64 start = utc_to_local (tz, span->start);
          gint64 end = utc_to_local (tz, span->end);

          add_span (occupancy->planned, &period, start, end, seats);
          if (checked_in != NULL &&
              check_in >= span->start - EARLY_CHECK_IN && check_in < span->end)
            add_span (occupancy->actual, &period, start, end, seats);
        }
    }

  (void) error;
  return TRUE;
}

double
hd_occupancy_percent (const HdOccupancy *occupancy,
                      gboolean           actual,
                      guint              weekday,
                      guint              hour)
{
  gint64 open, booked;

  g_return_val_if_fail (weekday < 7 && hour < 24, -1);

  open = occupancy->open[weekday][hour];
  booked = actual ? occupancy->actual[weekday][hour] : occupancy->planned[weekday][hour];
  if (open <= 0)
    return -1;

  return 100.0 * (double) booked / (double) open;
}

void
hd_occupancy_totals (const HdOccupancy *occupancy,
                     HdRoomUsage       *out_usage)
{
  memset (out_usage, 0, sizeof *out_usage);

  for (guint d = 0; d < 7; d++)
    for (guint h = 0; h < 24; h++)
      {
        out_usage->open += occupancy->open[d][h];
        out_usage->planned += occupancy->planned[d][h];
        out_usage->actual += occupancy->actual[d][h];
      }
}

static void
append_number (GString *csv,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* always with a point, whatever the locale */
  g_string_append (csv, g_ascii_formatd (buffer, sizeof buffer, "%.1f", value));
}

char *
hd_occupancy_to_csv (const HdOccupancy *occupancy)
{
  GString *csv = g_string_new ("weekday,hour,planned_percent,actual_percent,"
                               "planned_seat_hours,actual_seat_hours,open_seat_hours\r\n");

  for (guint d = 0; d < 7; d++)
    for (guint h = 0; h < 24; h++)
      {
        if (occupancy->open[d][h] <= 0)
          continue;
        g_string_append_printf (csv, "%u,%02u:00,", d + 1, h);
        append_number (csv, hd_occupancy_percent (occupancy, FALSE, d, h));
        g_string_append_c (csv, ',');
        append_number (csv, hd_occupancy_percent (occupancy, TRUE, d, h));
        g_string_append_c (csv, ',');
        append_number (csv, (double) occupancy->planned[d][h] / HOUR);
        g_string_append_c (csv, ',');
        append_number (csv, (double) occupancy->actual[d][h] / HOUR);
        g_string_append_c (csv, ',');
        append_number (csv, (double) occupancy->open[d][h] / HOUR);
        g_string_append (csv, "\r\n");
      }

  return g_string_free (csv, FALSE);
}

gboolean
hd_room_usage (const HdRecord  *room,
               GPtrArray       *bookings,
               GTimeZone       *tz,
               const GDate     *first,
               const GDate     *last,
               HdRoomUsage     *out_usage,
               GError         **error)
{
  g_autofree HdOccupancy *occupancy = g_new0 (HdOccupancy, 1);

  if (!hd_occupancy_add_room (occupancy, room, bookings, tz, first, last, error))
    return FALSE;

  hd_occupancy_totals (occupancy, out_usage);
  return TRUE;
}

void
hd_room_usage_row_free (HdRoomUsageRow *row)
{
  if (row == NULL)
    return;
  g_clear_pointer (&row->room, hd_record_unref);
  g_free (row);
}

/* What @query finds: in @reader's snapshot when given, else in @store. */
static GPtrArray *
query_records (HdStore        *store,
               HdStoreReader  *reader,
               const HdQuery  *query,
               GError        **error)
{
  return reader != NULL ? hd_store_reader_query (reader, store, query, error)
                        : hd_store_query (store, query, error);
}

/* The bookings of @hub_id by room id; loaded once for all rooms. */
static GHashTable *
bookings_by_room (HdStore        *store,
                  HdStoreReader  *reader,
                  const char     *hub_id,
                  const GDate    *first,
                  const GDate    *last,
                  GError        **error)
{
  g_autoptr(GPtrArray) bookings = NULL;
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;
  GHashTable *by_room;
  HdQuery query = { 0 };

  /* what ends before the period or starts after it cannot touch it (with
   * two days of margin for the time zones) */
  from = hd_timestamp_format (date_to_local (first) - 2 * DAY);
  until = hd_timestamp_format (date_to_local (last) + 3 * DAY);
  query.entity = HD_ENTITY_BOOKING;
  query.hub_id = hub_id;
  query.from = from;
  query.until = until;
  bookings = query_records (store, reader, &query, error);
  if (bookings == NULL)
    return NULL;

  by_room = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < bookings->len; i++)
    {
      HdRecord *booking = g_ptr_array_index (bookings, i);
      const char *room_id = hd_record_get_string (booking, "room_id");
      GPtrArray *list;

      if (room_id == NULL)
        continue;
      list = g_hash_table_lookup (by_room, room_id);
      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
          g_hash_table_insert (by_room, g_strdup (room_id), list);
        }
      g_ptr_array_add (list, hd_record_ref (booking));
    }

  return by_room;
}

static GPtrArray *
usage_rows (HdStore        *store,
            HdStoreReader  *reader,
            const char     *hub_id,
            const GDate    *first,
            const GDate    *last,
            HdOccupancy    *out_occupancy,
            GError        **error)
{
  g_autoptr(GPtrArray) rooms = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) by_room = NULL;
  g_autoptr(GHashTable) zones = NULL;
  HdQuery query = { 0 };

  query.entity = HD_ENTITY_ROOM;
  query.hub_id = hub_id;
  rooms = query_records (store, reader, &query, error);
  if (rooms == NULL)
    return NULL;

  by_room = bookings_by_room (store, reader, hub_id, first, last, error);
  if (by_room == NULL)
    return NULL;

  if (out_occupancy != NULL)
    memset (out_occupancy, 0, sizeof *out_occupancy);

  zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                 (GDestroyNotify) g_time_zone_unref);
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_room_usage_row_free);

  for (guint i = 0; i < rooms->len; i++)
    {
      HdRecord *room = g_ptr_array_index (rooms, i);
      const char *room_hub = hd_record_get_hub_id (room);
      g_autofree HdOccupancy *occupancy = g_new0 (HdOccupancy, 1);
      HdRoomUsageRow *row;
      GTimeZone *tz;

      tz = g_hash_table_lookup (zones, room_hub);
      if (tz == NULL)
        {
          tz = hd_rooms_hub_time_zone (store, room_hub);
          g_hash_table_insert (zones, g_strdup (room_hub), tz);
        }

      if (!hd_occupancy_add_room (occupancy, room, g_hash_table_lookup (by_room,
                                                                        hd_record_get_id (room)),
                                  tz, first, last, error))
        return NULL;

      row = g_new0 (HdRoomUsageRow, 1);
      row->room = hd_record_ref (room);
      hd_occupancy_totals (occupancy, &row->usage);
      g_ptr_array_add (rows, row);

      if (out_occupancy != NULL)
        for (guint d = 0; d < 7; d++)
          for (guint h = 0; h < 24; h++)
            {
              out_occupancy->open[d][h] += occupancy->open[d][h];
              out_occupancy->planned[d][h] += occupancy->planned[d][h];
              out_occupancy->actual[d][h] += occupancy->actual[d][h];
            }
    }

  return g_steal_pointer (&rows);
}

GPtrArray *
hd_rooms_usage (HdStore      *store,
                const char   *hub_id,
                const GDate  *first,
                const GDate  *last,
                HdOccupancy  *out_occupancy,
                GError      **error)
{
  return usage_rows (store, NULL, hub_id, first, last, out_occupancy, error);
}

GPtrArray *
hd_rooms_usage_read (HdStoreReader  *reader,
                     HdStore        *store,
                     const char     *hub_id,
                     const GDate    *first,
                     const GDate    *last,
                     GError        **error)
{
  return usage_rows (store, reader, hub_id, first, last, NULL, error);
}
