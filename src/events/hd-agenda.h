/* hd-agenda.h — warnings about an agenda, worked out offline
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a planner should hear about while editing, before the server or
 * the day itself says so:
 *   - a room used twice at once (by two events or sessions, or by a room
 *     booking of someone else; an event and its own sessions and bookings
 *     do not clash with each other, but two of its sessions in one room
 *     do);
 *   - a speaker in two sessions at once;
 *   - a session outside its event's time span;
 *   - more places taken (registered + attended) than the event's room
 *     holds.
 */
#pragma once

#include "hd-store.h"

G_BEGIN_DECLS

typedef enum {
  HD_AGENDA_ROOM_CLASH,
  HD_AGENDA_SPEAKER_CLASH,
  HD_AGENDA_OUTSIDE_EVENT,
  HD_AGENDA_OVER_CAPACITY,
} HdAgendaWarningKind;

typedef struct {
  HdAgendaWarningKind  kind;
  HdEntity             entity;     /* of record_id: an event or a session */
  char                *record_id;
  char                *other_id;   /* the clashing record (event, session or booking), or NULL */
  char                *about_id;   /* the room or speaker concerned, or NULL */
  char                *message;    /* a sentence for the planner */
} HdAgendaWarning;

void          hd_agenda_warning_free   (HdAgendaWarning *warning);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdAgendaWarning, hd_agenda_warning_free)

typedef struct {
  GPtrArray   *events;      /* HdRecord * */
  GPtrArray   *sessions;    /* HdRecord * */
  GPtrArray   *bookings;    /* HdRecord *, recurring ones expanded in [from, until) */
  GPtrArray   *rooms;       /* HdRecord * */
  GPtrArray   *people;      /* HdRecord *, for speakers' names; may be NULL */
  GHashTable  *taken;       /* event id → places taken (gint64 *); may be NULL */
  GTimeZone   *tz;          /* for recurring bookings */
  gint64       from;        /* the span looked at (Unix seconds) */
  gint64       until;
} HdAgendaInput;

/* Every warning among @input (HdAgendaWarning *), in a stable order. */
GPtrArray    *hd_agenda_check          (const HdAgendaInput *input,
                                        GError             **error);

/* The warnings that concern one event and its sessions, looking at
 * everything else of its hub at the same time. */
GPtrArray    *hd_agenda_event_warnings (HdStore             *store,
                                        const char          *event_id,
                                        GError             **error);

G_END_DECLS
