/* hd-agenda-layout.h — an event's agenda as a time grid: days, room
 * columns, session blocks in minutes, and where a moved or resized
 * session ends up
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No GTK here: the agenda grid widget draws what this computes, and the
 * tests check it. Times are in the hub's time zone. A day runs from one
 * local midnight to the next, so it is 23, 24 or 25 hours long; minutes
 * count the time passed since its midnight (on the day the clocks go
 * back, 02:00–03:00 comes twice and the day has 1,500 minutes). A session
 * that crosses midnight has a block on each day it touches.
 */
#pragma once

#include "hd-agenda.h"
#include "hd-store.h"

G_BEGIN_DECLS

typedef struct {
  int      year;
  int      month;
  int      day;
  gint64   start;      /* local midnight (Unix seconds) */
  gint64   end;        /* the next local midnight */
  int      minutes;    /* (end - start) / 60: 1380, 1440 or 1500 */
} HdAgendaDay;

typedef struct {
  char    *room_id;    /* NULL: the column of sessions without a room */
  char    *name;       /* the room's name; NULL without a room or for a room not known */
} HdAgendaColumn;

typedef struct {
  HdRecord *session;
  guint     day;           /* index into days */
  guint     column;        /* index into columns */
  int       start_minute;  /* since the day's midnight */
  int       end_minute;
  gboolean  continued;     /* began on an earlier day */
  gboolean  continues;     /* goes on into the next day */
  guint     n_warnings;    /* agenda warnings that name this session */
  guint     lane;          /* side by side with blocks it overlaps in its column: */
  guint     n_lanes;       /* lane of n_lanes (0 of 1 when alone) */
} HdAgendaBlock;

typedef struct {
  GTimeZone *tz;
  GArray    *days;       /* HdAgendaDay, in order */
  GPtrArray *columns;    /* HdAgendaColumn * */
  GArray    *blocks;     /* HdAgendaBlock, by day, column and start */
} HdAgendaLayout;

/* The steps a time can snap to, in minutes. */
#define HD_AGENDA_STEP_DEFAULT 15
gboolean        hd_agenda_step_is_valid        (int                   step);

/* Lays out @event's @sessions (HdRecord *, sessions of this event):
 * the days of the event and of its sessions; a column for the event's
 * room, then for each other room a session uses (in the order of
 * @rooms, the hub's rooms, which also give the names), or every room of
 * @rooms when @all_rooms; then "no room" when a session has none, or
 * when there would be no column at all. */
HdAgendaLayout *hd_agenda_layout_new           (HdRecord             *event,
                                                GPtrArray            *sessions,
                                                GPtrArray            *rooms,
                                                GTimeZone            *tz,
                                                gboolean              all_rooms);
void            hd_agenda_layout_free          (HdAgendaLayout       *layout);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdAgendaLayout, hd_agenda_layout_free)

/* Counts on each block the warnings (HdAgendaWarning *) naming its
 * session, as the one warned about or the one it clashes with. */
void            hd_agenda_layout_mark_warnings (HdAgendaLayout       *layout,
                                                GPtrArray            *warnings);

/* The day holding @t, or -1. */
int             hd_agenda_layout_find_day      (const HdAgendaLayout *layout,
                                                gint64                t);
/* The column of @room_id (NULL: no room), or -1. */
int             hd_agenda_layout_find_column   (const HdAgendaLayout *layout,
                                                const char           *room_id);
/* The first minute something starts on @day, or -1 when nothing does. */
int             hd_agenda_layout_first_minute  (const HdAgendaLayout *layout,
                                                guint                 day);

/* @minute rounded to the nearest multiple of @step (halves round up). */
int             hd_agenda_snap                 (int                   minute,
                                                int                   step);
/* @t rounded to the nearest @step minutes of the wall clock in @tz. */
gint64          hd_agenda_snap_time            (gint64                t,
                                                GTimeZone            *tz,
                                                int                   step);

/* A session of @starts–@ends moved to start at @minute (snapped) of
 * @day: it keeps its duration. */
void            hd_agenda_move                 (gint64                starts,
                                                gint64                ends,
                                                const HdAgendaDay    *day,
                                                int                   minute,
                                                int                   step,
                                                gint64               *new_starts,
                                                gint64               *new_ends);
/* A session starting at @starts whose end is dragged to @end_minute
 * (snapped) of @day: its new end, never less than one step after its
 * start. */
gint64          hd_agenda_resize               (gint64                starts,
                                                const HdAgendaDay    *day,
                                                int                   end_minute,
                                                int                   step);

/* A copy of @session moved to @minute of day @day in column @column
 * (its room: the column's, or none), or resized so it ends at
 * @minute of @day when @resize. NULL when the session has no times or
 * @day or @column is out of range. */
HdRecord       *hd_agenda_layout_place         (const HdAgendaLayout *layout,
                                                HdRecord             *session,
                                                guint                 day,
                                                int                   minute,
                                                guint                 column,
                                                int                   step,
                                                gboolean              resize);

G_END_DECLS
