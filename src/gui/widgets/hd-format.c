/* hd-format.c — dates, times and numbers as a person reads them
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "hd-model.h"
#include "hd-format.h"

GDateTime *
hd_parse_timestamp (const char *timestamp,
                    GTimeZone  *timezone)
{
  g_autoptr(GDateTime) utc = NULL;

  if (timestamp == NULL || *timestamp == '\0')
    return NULL;

  utc = g_date_time_new_from_iso8601 (timestamp, NULL);
  if (utc == NULL)
    return NULL;

  if (timezone == NULL)
    return g_date_time_to_local (utc);

  return g_date_time_to_timezone (utc, timezone);
}

char *
hd_format_date_time (GDateTime *datetime)
{
  g_return_val_if_fail (datetime != NULL, NULL);

  /* Translators: a date with time, e.g. "Wed, Nov 25, 2026, 14:00". See
   * the GLib documentation of g_date_time_format() for the codes; German:
   * "%a., %-d. %b. %Y, %H:%M". */
  return g_date_time_format (datetime, C_("date and time", "%a, %b %-d, %Y, %H:%M"));
}

char *
hd_format_date (GDateTime *datetime)
{
  g_return_val_if_fail (datetime != NULL, NULL);

  /* Translators: a date, e.g. "Wed, Nov 25, 2026"; German:
   * "%a., %-d. %b. %Y". */
  return g_date_time_format (datetime, C_("date", "%a, %b %-d, %Y"));
}

char *
hd_format_day_heading (GDateTime *datetime)
{
  g_return_val_if_fail (datetime != NULL, NULL);

  /* Translators: the heading of a day, e.g. "Wednesday, November 25";
   * German: "%A, %-d. %B". */
  return g_date_time_format (datetime, C_("day heading", "%A, %B %-d"));
}

char *
hd_format_time (GDateTime *datetime)
{
  g_return_val_if_fail (datetime != NULL, NULL);

  /* Translators: a time of day, e.g. "14:00" */
  return g_date_time_format (datetime, C_("time", "%H:%M"));
}

static gboolean
same_day (GDateTime *a,
          GDateTime *b)
{
  return g_date_time_get_year (a) == g_date_time_get_year (b) &&
         g_date_time_get_day_of_year (a) == g_date_time_get_day_of_year (b);
}

char *
hd_format_range (GDateTime *start,
                 GDateTime *end)
{
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;

  g_return_val_if_fail (start != NULL, NULL);

  if (end == NULL)
    return hd_format_date_time (start);

  if (same_day (start, end))
    {
      g_autofree char *day = hd_format_date (start);

      from = hd_format_time (start);
      until = hd_format_time (end);
      /* Translators: a time span on one day: date, start – end,
       * e.g. "Wed, Nov 25, 2026, 14:00 – 17:00" */
      return g_strdup_printf (C_("time span", "%s, %s – %s"), day, from, until);
    }

  from = hd_format_date_time (start);
  until = hd_format_date_time (end);
  /* Translators: a span over several days, e.g. "Wed, Nov 25, 2026, 14:00 –
   * Thu, Nov 26, 2026, 12:00" */
  return g_strdup_printf (C_("time span", "%s – %s"), from, until);
}

char *
hd_format_timestamp (const char *timestamp,
                     GTimeZone  *timezone)
{
  g_autoptr(GDateTime) datetime = hd_parse_timestamp (timestamp, timezone);

  if (datetime == NULL)
    return g_strdup ("");

  return hd_format_date_time (datetime);
}

char *
hd_format_timestamp_range (const char *starts_at,
                           const char *ends_at,
                           GTimeZone  *timezone)
{
  g_autoptr(GDateTime) start = hd_parse_timestamp (starts_at, timezone);
  g_autoptr(GDateTime) end = hd_parse_timestamp (ends_at, timezone);

  if (start == NULL)
    return g_strdup ("");

  return hd_format_range (start, end);
}

char *
hd_format_iso_date (const char *date)
{
  int year, month, day;
  g_autoptr(GDateTime) datetime = NULL;

  if (date == NULL || sscanf (date, "%4d-%2d-%2d", &year, &month, &day) != 3)
    return g_strdup ("");

  datetime = g_date_time_new_local (year, month, day, 12, 0, 0);
  if (datetime == NULL)
    return g_strdup ("");

  return hd_format_date (datetime);
}

char *
hd_format_count (gint64 count)
{
  /* The ' flag groups digits as the locale does. */
  return g_strdup_printf ("%'" G_GINT64_FORMAT, count);
}

const char *
hd_format_enum (const char *value)
{
  if (value == NULL || *value == '\0')
    return "";

  return hd_enum_value_label (value);
}

char *
hd_format_person_name (const HdRecord *person)
{
  const char *given;
  const char *family;

  g_return_val_if_fail (person != NULL, NULL);

  given = hd_record_get_string (person, "given_name");
  family = hd_record_get_string (person, "family_name");

  if (given != NULL && *given != '\0' && family != NULL && *family != '\0')
    /* Translators: a person's name: given name, family name */
    return g_strdup_printf (C_("person name", "%s %s"), given, family);

  if (family != NULL && *family != '\0')
    return g_strdup (family);

  return g_strdup (given ? given : "");
}
