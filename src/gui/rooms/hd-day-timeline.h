/* hd-day-timeline.h — bookings over the hours of a day, a row for each
 * room of a day or for each day of a room, a block for every booking
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "hd-rooms.h"

G_BEGIN_DECLS

/* A row of the timeline: the bookings of @room on the day [@day_start,
 * @day_end); @label is drawn at its start (the room's name, or the day
 * in a room's week), @place goes into the accessible name of its blocks. */
typedef struct {
  HdRecord *room;
  char     *label;
  char     *place;
  gint64    day_start;
  gint64    day_end;
  GArray   *blocks;   /* HdBookingBlock */
} HdTimelineRow;

HdTimelineRow *hd_timeline_row_new  (HdRecord   *room,
                                     const char *label,
                                     const char *place,
                                     gint64      day_start,
                                     gint64      day_end,
                                     GArray     *blocks);
void           hd_timeline_row_free (HdTimelineRow *row);

#define HD_TYPE_DAY_TIMELINE (hd_day_timeline_get_type ())
G_DECLARE_FINAL_TYPE (HdDayTimeline, hd_day_timeline, HD, DAY_TIMELINE, GtkWidget)

GtkWidget *hd_day_timeline_new        (void);
/* The day shown: [@day_start, @day_end) in @tz; "now" is drawn as a line
 * when it falls into the day. */
void       hd_day_timeline_set_day    (HdDayTimeline *self,
                                       GTimeZone     *tz,
                                       gint64         day_start,
                                       gint64         day_end,
                                       gint64         now);
/* @rooms: HdRecord; @blocks: for each room a GArray of HdBookingBlock of
 * the day set with hd_day_timeline_set_day(). */
void       hd_day_timeline_set_rooms  (HdDayTimeline *self,
                                       GPtrArray     *rooms,
                                       GPtrArray     *blocks);
/* Any rows (HdTimelineRow, e.g. the seven days of a room); kept. */
void       hd_day_timeline_set_rows   (HdDayTimeline *self,
                                       GTimeZone     *tz,
                                       GPtrArray     *rows,
                                       gint64         now);
void       hd_day_timeline_set_now    (HdDayTimeline *self,
                                       gint64         now);
/* Gives the keyboard focus to the block of the room @room_id starting at
 * @start once it is shown (after a move by the keyboard is saved). */
void       hd_day_timeline_focus_block (HdDayTimeline *self,
                                        const char    *room_id,
                                        gint64         start);

/* Signals:
 * "block-activated" (HdRecord *booking, gint64 start, gint64 end): a
 *   click, Enter or Space on a block;
 * "slot-activated" (HdRecord *room, gint64 start): a click on an empty
 *   hour;
 * "span-selected" (HdRecord *room, gint64 start, gint64 end): a drag over
 *   empty space, snapped to quarter hours;
 * "block-moved" (HdRecord *booking, gint64 occurrence_start, HdRecord
 *   *room, gint64 new_start, gint64 new_end): a block dragged (moved, to
 *   another row too, or its right edge to resize it) or moved with
 *   Alt+arrow keys; nothing is saved yet. */

/* Moves asked for by keys were not saved (refused, failed, or given up):
 * every block goes back to where its booking is. */
void           hd_day_timeline_forget_moves  (HdDayTimeline *self);

G_END_DECLS
