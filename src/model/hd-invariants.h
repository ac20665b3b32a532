/* hd-invariants.h — rules across records: room capacity, event capacity,
 * sessions inside their event
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server enforces these inside the transaction that writes; the
 * client runs the same functions offline to warn early.
 */
#pragma once

#include "hd-record.h"

G_BEGIN_DECLS

/* How far ahead recurring bookings are expanded (DESIGN §2). */
#define HD_RECURRENCE_HORIZON_DAYS 400

typedef struct {
  gint64 start;   /* Unix seconds, UTC */
  gint64 end;
} HdSpan;

/* The occurrences of a record with starts_at / ends_at and, where the
 * entity has it, a recurrence rule, that overlap [@from, @until). An
 * occurrence whose start is listed in the booking's exdates (cancelled
 * on its own, or moved into a booking of its own) is left out.
 * Recurrence is expanded with libical in the wall-clock time of @tzid
 * (NULL: Europe/Berlin), so a weekly 10:00 stays at 10:00 across a change
 * of daylight saving time. Returns an array of HdSpan in time order, or
 * NULL with an error for an unreadable rule or time. */
GArray   *hd_occurrences            (const HdRecord *record,
                                     const char     *tzid,
                                     gint64          from,
                                     gint64          until,
                                     GError        **error);
/* The same in @tz, for callers that expand many records: making a
 * GTimeZone from its name reads the zone file and costs more than most
 * expansions. */
GArray   *hd_occurrences_in_zone    (const HdRecord *record,
                                     GTimeZone      *tz,
                                     gint64          from,
                                     gint64          until,
                                     GError        **error);

/* Whether @text is a recurrence rule Hubdesk can expand: one libical
 * reads, stepping no finer than an hour, with only the parts RFC 5545
 * allows for its frequency and falling on days that exist. Validation
 * uses it, so nothing is stored that cannot be checked later. */
gboolean  hd_rrule_check            (const char     *text,
                                     GError        **error);

/* Whether @candidate (a booking) fits into @room next to @bookings (the
 * room's other bookings; one with the candidate's id, and cancelled ones,
 * are skipped). A booking without seats takes the whole room. At no
 * instant between @now and @now + HD_RECURRENCE_HORIZON_DAYS (or the
 * candidate's own start, if earlier) may the seats needed exceed the
 * capacity. A cancelled candidate always fits.
 *
 * On failure: HD_MODEL_ERROR_ROOM_UNAVAILABLE, *out_clashes (if given)
 * the bookings that overlap the candidate where it does not fit (borrowed
 * from @bookings, in an array without free func), and *out_free_seats
 * the fewest seats free during the candidate's clashing occurrence. */
gboolean  hd_check_room_capacity    (const HdRecord *room,
                                     const HdRecord *candidate,
                                     GPtrArray      *bookings,
                                     const char     *tzid,
                                     gint64          now,
                                     GPtrArray     **out_clashes,
                                     gint64         *out_free_seats,
                                     GError        **error);

/* Whether @registration may hold a place in @event, given @taken places
 * (registered + attended) held by its other registrations. Only the
 * statuses registered and attended take a place; an event without
 * capacity has no limit. Fails with HD_MODEL_ERROR_EVENT_FULL. */
gboolean  hd_check_event_capacity   (const HdRecord *event,
                                     gint64          taken,
                                     const HdRecord *registration,
                                     GError        **error);

/* Whether @session lies inside @event's time span. Fails with
 * HD_MODEL_ERROR_OUTSIDE_EVENT. */
gboolean  hd_check_session_in_event (const HdRecord *session,
                                     const HdRecord *event,
                                     GError        **error);

G_END_DECLS
