/* hd-ical.h — events, agendas and room bookings as iCalendar (RFC 5545)
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Export writes one VCALENDAR with a VTIMEZONE for every time zone used
 * (the hub's, Europe/Berlin by default) and times in local time with
 * TZID, so a weekly 10:00 stays at 10:00 in Thunderbird or GNOME
 * Calendar across a change of daylight saving time. Every VEVENT's UID is
 * "<record id>@hubdesk": importing a file again, here or in another
 * calendar, updates the item instead of adding a second one.
 *
 *   event    → VEVENT, STATUS TENTATIVE (draft), CONFIRMED (published) or
 *              CANCELLED, X-HUBDESK-FORMAT, one CATEGORIES per tag
 *   session  → VEVENT with RELATED-TO the event's UID and
 *              X-HUBDESK-ENTITY:session, STATUS as its event
 *   booking  → VEVENT with its RRULE; STATUS as the booking
 *
 * Import reads a whole file first and makes a plan (hd-contact-import.h):
 * which items create an event or session, which update one and which
 * are skipped and why; a damaged file fails here and nothing changes.
 * Applying the plan writes it in one transaction with a journal, so it
 * can be undone. A VEVENT whose UID names a record of
 * this hub updates it (only the fields the file says differently); a UID
 * from another calendar maps to a record id derived from the hub and the
 * UID, so importing the same file twice updates too. New events start
 * as drafts (cancelled if the file says so).
 */
#pragma once

#include "hd-store.h"
#include "hd-contact-import.h"

G_BEGIN_DECLS

#define HD_ICAL_ERROR (hd_ical_error_quark ())

typedef enum {
  HD_ICAL_ERROR_MALFORMED,   /* not an iCalendar file, or damaged */
  HD_ICAL_ERROR_INVALID,     /* readable, but an item cannot become a record */
  HD_ICAL_ERROR_NOT_FOUND,   /* the event or room to export does not exist */
} HdIcalError;

GQuark    hd_ical_error_quark            (void);

/* Events (with their sessions) of @hub_id (NULL: every hub) overlapping
 * [@from, @until) (RFC 3339 UTC, NULL: open), in time order. */
char     *hd_ical_export_events          (HdStore     *store,
                                          const char  *hub_id,
                                          const char  *from,
                                          const char  *until,
                                          GError     **error);
/* One event with its agenda. */
char     *hd_ical_export_event           (HdStore     *store,
                                          const char  *event_id,
                                          GError     **error);
/* Every booking of a room, recurring ones with their RRULE and their
 * cancelled dates as EXDATE; a booking that replaces one date of a series
 * in the same room is that date's override (the series' UID and a
 * RECURRENCE-ID), one moved from a series elsewhere an event of its own.
 * A feed to subscribe to. */
char     *hd_ical_export_room_bookings   (HdStore     *store,
                                          const char  *room_id,
                                          GError     **error);

typedef struct {
  guint events_created;
  guint events_updated;
  guint sessions_created;
  guint sessions_updated;
  guint unchanged;
  guint recurring;      /* repeating items, imported one event per date */
  GStrv event_ids;      /* the events written (none in a dry run), so the
                         * caller can bring their room bookings in step */
} HdIcalImportSummary;

void      hd_ical_import_summary_clear   (HdIcalImportSummary *summary);

/* Imports @text (@length bytes, -1: NUL-terminated) into @hub_id, all
 * or nothing: an item the plan would skip for a problem fails it. With
 * @dry_run nothing is written, but everything is checked. */
gboolean  hd_ical_import                 (HdStore             *store,
                                          const char          *hub_id,
                                          const char          *text,
                                          gssize               length,
                                          gboolean             dry_run,
                                          HdIcalImportSummary *out_summary,
                                          GError             **error);

/* ---- plan, apply, undo ---- */

/* A repeating VEVENT (RRULE, RDATE, EXDATE, and its RECURRENCE-ID
 * overrides in the same file) becomes one event per date from
 * @now − PAST_DAYS to @now + FUTURE_DAYS, at most MAX_OCCURRENCES (the
 * next ones first). Each date's UID is the series' UID and the date the
 * rule gives it, so importing the file again updates those events. */
#define HD_ICAL_RECURRENCE_PAST_DAYS   365
#define HD_ICAL_RECURRENCE_FUTURE_DAYS 365
#define HD_ICAL_MAX_OCCURRENCES        200

/* Plans importing @text into hub @hub_id (@now: Unix time the window of
 * repeating items is counted from, 0: the current time). Items that
 * cannot be imported (no start time, damaged, ending before they start,
 * invalid) are skip steps with the reason; a file that is not a readable
 * calendar fails with HD_ICAL_ERROR_MALFORMED. *@out_recurring gets the
 * number of repeating items expanded. Apply with hd_import_plan_apply(). */
HdImportPlan *hd_ical_plan_new           (HdStore      *store,
                                          const char   *hub_id,
                                          const char   *text,
                                          gssize        length,
                                          gint64        now,
                                          guint        *out_recurring,
                                          GError      **error);
HdImportPlan *hd_ical_plan_new_for_file  (HdStore      *store,
                                          const char   *hub_id,
                                          const char   *path,
                                          gint64        now,
                                          guint        *out_recurring,
                                          GError      **error);
/* What the preview and the command line say about a plan: "12 to
 * create, 3 to update, 1 to skip", and a line on repeating items when
 * @recurring (from hd_ical_plan_new()) is not 0. */
char         *hd_ical_plan_describe      (HdImportPlan *plan,
                                          guint         recurring);
/* The ids of the events a plan writes, directly or through a session
 * (to bring their room bookings in step after applying or undoing). */
GStrv         hd_ical_plan_event_ids     (HdImportPlan *plan);
/* Undoes an applied calendar import: as hd_contact_import_undo(), after
 * deleting the room bookings of the events it created. */
gboolean      hd_ical_import_undo        (HdStore      *store,
                                          const char   *import_id,
                                          GError      **error);

/* The events @query matches (an event query as a list shows it, without
 * its paging), with their sessions, in time order. */
char         *hd_ical_export_query       (HdStore       *store,
                                          const HdQuery *query,
                                          GError       **error);

G_END_DECLS
