/* hd-format.h — dates, times and numbers as a person reads them
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times are stored as RFC 3339 UTC and shown in a hub's time zone; the
 * formats are translatable, so German shows "Mi., 25. Nov. 2026, 14:00".
 */
#pragma once

#include <glib.h>

#include "hd-record.h"

G_BEGIN_DECLS

/* NULL when @timestamp is NULL or not RFC 3339. */
GDateTime *hd_parse_timestamp      (const char *timestamp,
                                    GTimeZone  *timezone);

/* "Wed, Nov 25, 2026, 14:00" */
char      *hd_format_date_time     (GDateTime  *datetime);
/* "Wed, Nov 25, 2026" */
char      *hd_format_date          (GDateTime  *datetime);
/* "Wednesday, November 25" for headings */
char      *hd_format_day_heading   (GDateTime  *datetime);
/* "14:00" */
char      *hd_format_time          (GDateTime  *datetime);
/* "14:00 – 17:00" on one day, else both with their dates */
char      *hd_format_range         (GDateTime  *start,
                                    GDateTime  *end);

/* The same from stored text; "" for no value. */
char      *hd_format_timestamp     (const char *timestamp,
                                    GTimeZone  *timezone);
char      *hd_format_timestamp_range (const char *starts_at,
                                    const char *ends_at,
                                    GTimeZone  *timezone);
/* "YYYY-MM-DD" → "Wed, Nov 25, 2026" */
char      *hd_format_iso_date      (const char *date);

/* 100000 → "100,000" / "100.000" as the locale groups digits. */
char      *hd_format_count         (gint64      count);

/* The translated label of an enum value, "" for NULL. */
const char *hd_format_enum         (const char *value);

/* "Given Family", or whichever of the two a person has. */
char      *hd_format_person_name   (const HdRecord *person);

G_END_DECLS
