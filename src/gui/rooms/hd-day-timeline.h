/* hd-day-timeline.h — a day of rooms: rooms as rows, hours as columns,
 * a block for every booking
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "hd-rooms.h"

G_BEGIN_DECLS

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
/* @rooms: HdRecord; @blocks: for each room a GArray of HdBookingBlock.
 * Both are kept (references taken). */
void       hd_day_timeline_set_rooms  (HdDayTimeline *self,
                                       GPtrArray     *rooms,
                                       GPtrArray     *blocks);
void       hd_day_timeline_set_now    (HdDayTimeline *self,
                                       gint64         now);

/* Signals: "block-activated" (HdRecord *booking, gint64 start, gint64 end)
 * and "slot-activated" (HdRecord *room, gint64 start): a click on an
 * empty hour. */

G_END_DECLS
