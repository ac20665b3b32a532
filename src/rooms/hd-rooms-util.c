/* hd-rooms-util.c — opening hours, seats of a booking, a hub's time zone,
 * a room's bookings from the store
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "hd-rooms.h"

#define DEFAULT_TZID "Europe/Berlin"

/* "HH:MM" → seconds after midnight, or -1 */
static gint64
parse_time_of_day (const char *text)
{
  if (text == NULL || strlen (text) != 5 || text[2] != ':' ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return -1;

  return ((text[0] - '0') * 10 + (text[1] - '0')) * 3600 +
         ((text[3] - '0') * 10 + (text[4] - '0')) * 60;
}

void
hd_room_opening_hours (const HdRecord *room,
                       gint64         *out_from,
                       gint64         *out_until)
{
  gint64 from = parse_time_of_day (hd_record_get_string (room, "open_from"));
  gint64 until = parse_time_of_day (hd_record_get_string (room, "open_until"));

  if (from < 0 || from >= 24 * 3600)
    from = HD_ROOM_DEFAULT_OPEN_FROM;
  if (until <= 0 || until > 24 * 3600)
    until = HD_ROOM_DEFAULT_OPEN_UNTIL;
  if (until <= from)
    {
      /* e.g. only "open_from 19:00" set: until midnight */
      until = 24 * 3600;
    }

  *out_from = from;
  *out_until = until;
}

gboolean
hd_room_open_on (const HdRecord *room,
                 guint           weekday)
{
  (void) room;
  return weekday >= 1 && weekday <= 5;
}

gint64
hd_booking_seats (const HdRecord *booking,
                  const HdRecord *room)
{
  gint64 capacity = room != NULL ? hd_record_get_int (room, "capacity", 0) : 0;
  gint64 seats = hd_record_get_int (booking, "seats", -1);

  return seats > 0 ? seats : MAX (capacity, 0);
}

GTimeZone *
hd_rooms_hub_time_zone (HdStore    *store,
                        const char *hub_id)
{
  g_autoptr(HdRecord) hub = NULL;
  const char *tzid = NULL;
  GTimeZone *tz = NULL;

  if (store != NULL && hub_id != NULL)
    hub = hd_store_get (store, HD_ENTITY_HUB, hub_id, NULL);
  if (hub != NULL)
    tzid = hd_record_get_string (hub, "timezone");
  if (tzid != NULL)
    tz = hd_time_zone_get (tzid);
  if (tz == NULL)
    tz = hd_time_zone_get (DEFAULT_TZID);
  if (tz == NULL)
    tz = g_time_zone_new_utc ();

  return tz;
}

GPtrArray *
hd_rooms_load_bookings (HdStore     *store,
                        const char  *room_id,
                        GError     **error)
{
  HdQuery query = { 0 };

  query.entity = HD_ENTITY_BOOKING;
  query.ref_field = "room_id";
  query.ref_id = room_id;

  return hd_store_query (store, &query, error);
}
