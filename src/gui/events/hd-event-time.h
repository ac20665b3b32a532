/* hd-event-time.h — dates and times as the event windows take and show them
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "2026-11-25" or "25.11.2026" (also "25.11.26"). */
gboolean  hd_event_time_parse_date (const char  *text,
                                    int         *year,
                                    int         *month,
                                    int         *day);
/* "14:30", "14.30" or "14". */
gboolean  hd_event_time_parse_time (const char  *text,
                                    int         *hour,
                                    int         *minute);
/* A day and a time in @tz as RFC 3339 UTC, or NULL. */
char     *hd_event_time_to_utc     (const char  *date,
                                    const char  *time,
                                    GTimeZone   *tz);
/* The day ("2026-11-25") and the time ("14:30") of @timestamp in @tz. */
char     *hd_event_time_day        (const char  *timestamp,
                                    GTimeZone   *tz);
char     *hd_event_time_clock      (const char  *timestamp,
                                    GTimeZone   *tz);

G_END_DECLS
