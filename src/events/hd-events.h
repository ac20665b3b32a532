/* hd-events.h — events without GTK: registrations and the waiting list,
 * check-in and walk-ins, duplicating an event, its room bookings
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here reads and writes through HdStore, so every change goes
 * into the outbox and reaches the other managers with the next sync. The
 * functions block: the GUI runs them in a GTask thread.
 *
 * Places: registrations with status registered or attended take a place
 * (DESIGN §2); when an event with a capacity is full, a new registration
 * goes on the waiting list, and when a place comes free the first on the
 * list (earliest registered_at) moves up. Functions that free places say
 * who moved up, so the planner can tell them.
 */
#pragma once

#include "hd-store.h"

G_BEGIN_DECLS

#define HD_EVENTS_ERROR (hd_events_error_quark ())

typedef enum {
  HD_EVENTS_ERROR_NOT_FOUND,
  HD_EVENTS_ERROR_INVALID,
  HD_EVENTS_ERROR_FULL,        /* no place left and no waiting list wanted */
} HdEventsError;

GQuark        hd_events_error_quark         (void);

typedef struct {
  gint64 registered;
  gint64 waitlisted;
  gint64 cancelled;
  gint64 attended;
  gint64 no_show;
  gint64 capacity;       /* -1: no limit */
} HdEventCounts;

/* Places taken: registered + attended. */
#define HD_EVENT_COUNTS_TAKEN(c) ((c)->registered + (c)->attended)

gboolean      hd_event_get_counts           (HdStore        *store,
                                             const char     *event_id,
                                             HdEventCounts  *out_counts,
                                             GError        **error);
/* "43 of 60 checked in": attended of the places taken. */
char         *hd_event_counts_check_in_label (const HdEventCounts *counts);

/* Registers @person_id: registered while a place is free, else
 * waitlisted. A person already registered keeps their registration (it
 * is returned as it is); a cancelled one is registered again. Returns the
 * registration. */
HdRecord     *hd_event_register             (HdStore        *store,
                                             const char     *event_id,
                                             const char     *person_id,
                                             const char     *source,
                                             GError        **error);

/* Changes a registration's status (registered, waitlisted, cancelled,
 * attended, no_show; attended sets checked_in_at). Going to registered or
 * attended needs a free place (else HD_EVENTS_ERROR_FULL). When a place
 * comes free, waitlisted registrations move up; *out_promoted (if given)
 * gets them (HdRecord *, may be empty). */
gboolean      hd_registration_set_status    (HdStore        *store,
                                             const char     *registration_id,
                                             const char     *status,
                                             GPtrArray     **out_promoted,
                                             GError        **error);

/* Moves waitlisted registrations up while places are free (after the
 * capacity was raised, say). Returns the ones moved (HdRecord *). */
GPtrArray    *hd_event_promote_waitlist     (HdStore        *store,
                                             const char     *event_id,
                                             GError        **error);

/* Check-in at the door: status attended, checked_in_at now. A
 * waitlisted person who came is let in only while a place is free. */
gboolean      hd_registration_check_in      (HdStore        *store,
                                             const char     *registration_id,
                                             GError        **error);

typedef struct {
  const char         *given_name;
  const char         *family_name;
  const char         *email;
  const char         *organization_id;
  const char * const *consent_purposes;  /* NULL: no consent asked */
  const char         *consent_text;      /* the wording they agreed to */
} HdWalkIn;

/* Someone at the door who did not register. An existing person of the
 * event's hub is matched by email (ignoring case), else by given and
 * family name (ignoring case and accents): no second record of the same
 * person. Otherwise a person is made, with consent given (purposes,
 * wording, consent_at now, consent_source "walk-in at <event>") when
 * purposes are given. Then the person is checked in (registered with
 * source walk_in, or their existing registration). *out_person (if
 * given) gets the person and *out_matched whether they existed. Returns
 * the registration. */
HdRecord     *hd_event_walk_in              (HdStore        *store,
                                             const char     *event_id,
                                             const HdWalkIn *walk_in,
                                             HdRecord      **out_person,
                                             gboolean       *out_matched,
                                             GError        **error);

/* Finds a person of @hub_id by email, else by name (see above); NULL if
 * none. */
HdRecord     *hd_person_find_match          (HdStore        *store,
                                             const char     *hub_id,
                                             const char     *given_name,
                                             const char     *family_name,
                                             const char     *email,
                                             GError        **error);

/* A copy of the event on another day (@new_starts_at, RFC 3339 UTC) as a
 * draft, with its agenda shifted by the same amount; registrations stay
 * behind. Room bookings are made for the copy. Returns the new event. */
HdRecord     *hd_event_duplicate            (HdStore        *store,
                                             const char     *event_id,
                                             const char     *new_starts_at,
                                             GError        **error);

/* Saves an event or session (validated; a session must lie inside its
 * event) and brings the event's room bookings in step. */
gboolean      hd_event_save                 (HdStore        *store,
                                             HdRecord       *event_or_session,
                                             GError        **error);

/* Keeps an event's room bookings in step with it: one booking (event_id
 * set, the whole room) for the event's span in its room, one for each
 * session in a room other than the event's; they follow times, titles
 * and the event's status (cancelled event, cancelled bookings), and go
 * when their session or room goes. Bookings made by hand are left
 * alone. Unchanged bookings are not written. */
gboolean      hd_event_sync_bookings        (HdStore        *store,
                                             const char     *event_id,
                                             GError        **error);

G_END_DECLS
