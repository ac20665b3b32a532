/* hd-event-time.c — dates and times as the event windows take and show them
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "hd-event-time.h"
#include "hd-record.h"

gboolean
hd_event_time_parse_date (const char *text,
                          int        *year,
                          int        *month,
                          int        *day)
{
  char end;

  if (text == NULL)
    return FALSE;
  if (sscanf (text, " %4d-%2d-%2d %c", year, month, day, &end) == 3)
    ;
  else if (sscanf (text, " %2d.%2d.%4d %c", day, month, year, &end) == 3)
    {
      if (*year < 100)
        *year += 2000;
    }
  else
    return FALSE;

  return g_date_valid_dmy (*day, *month, *year);
}

gboolean
hd_event_time_parse_time (const char *text,
                          int        *hour,
                          int        *minute)
{
  char end;

  if (text == NULL)
    return FALSE;
  *minute = 0;
  if (sscanf (text, " %2d:%2d %c", hour, minute, &end) != 2
      && sscanf (text, " %2d.%2d %c", hour, minute, &end) != 2
      && sscanf (text, " %2d %c", hour, &end) != 1)
    return FALSE;

  return *hour >= 0 && *hour < 24 && *minute >= 0 && *minute < 60;
}

char *
hd_event_time_to_utc (const char *date,
                      const char *time,
                      GTimeZone  *tz)
{
  g_autoptr(GDateTime) local = NULL;
  int year, month, day, hour, minute;

  if (!hd_event_time_parse_date (date, &year, &month, &day)
      || !hd_event_time_parse_time (time, &hour, &minute))
    return NULL;

  local = g_date_time_new (tz, year, month, day, hour, minute, 0);
  if (local == NULL)
    return NULL;
  return hd_timestamp_format (g_date_time_to_unix (local));
}

static GDateTime *
local_of (const char *timestamp,
          GTimeZone  *tz)
{
  g_autoptr(GDateTime) utc = NULL;
  gint64 unix_time;

  if (!hd_timestamp_parse (timestamp, &unix_time))
    return NULL;
  utc = g_date_time_new_from_unix_utc (unix_time);
  return utc != NULL ? g_date_time_to_timezone (utc, tz) : NULL;
}

char *
hd_event_time_day (const char *timestamp,
                   GTimeZone  *tz)
{
  g_autoptr(GDateTime) local = local_of (timestamp, tz);

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d") : g_strdup ("");
}

char *
hd_event_time_clock (const char *timestamp,
                     GTimeZone  *tz)
{
  g_autoptr(GDateTime) local = local_of (timestamp, tz);

  return local != NULL ? g_date_time_format (local, "%H:%M") : g_strdup ("");
}
