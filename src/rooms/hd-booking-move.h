/* hd-booking-move.h — the arithmetic of the day timeline: pixels and
 * times snapped to a quarter of an hour, a booking moved or resized, a
 * date of a series moved alone or the series with it; saving what the
 * booking editor saves; the bookings of a room on one day
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No GTK here: the timeline and the booking editor call these, and
 * test-rooms-move checks them.
 */
#pragma once

#include "hd-rooms.h"

G_BEGIN_DECLS

/* Drags and keys move bookings in steps of this many seconds. */
#define HD_TIMELINE_SNAP (15 * 60)

/* Wall-clock hours @first_hour … @last_hour drawn from x = @left on,
 * @hour_width pixels an hour. */
typedef struct {
  double left;
  double hour_width;
  int    first_hour;
  int    last_hour;
} HdTimeAxis;

/* The x of @seconds after local midnight, clamped to the axis. */
double      hd_time_axis_x              (const HdTimeAxis *axis,
                                         gint64            seconds);
/* The seconds after local midnight at @x, rounded to the nearest @snap
 * and clamped to the axis. */
gint64      hd_time_axis_seconds_at     (const HdTimeAxis *axis,
                                         double            x,
                                         gint64            snap);
/* The time a drag of @dx pixels means, rounded to the nearest @snap. */
gint64      hd_time_axis_delta          (const HdTimeAxis *axis,
                                         double            dx,
                                         gint64            snap);
/* A drag over empty space from @x0 to @x1 (either way): a span of at
 * least @snap, both ends snapped, in seconds after local midnight. */
void        hd_time_axis_span           (const HdTimeAxis *axis,
                                         double            x0,
                                         double            x1,
                                         gint64            snap,
                                         gint64           *out_from,
                                         gint64           *out_until);

/* The instant @seconds (wall clock, 0 … 86400) after the local midnight
 * @day_start in @tz; 86400 is the next midnight. */
gint64      hd_local_day_time           (GTimeZone        *tz,
                                         gint64            day_start,
                                         gint64            seconds);
/* The wall-clock seconds after local midnight of @when in @tz. */
gint64      hd_local_seconds_of_day     (GTimeZone        *tz,
                                         gint64            when);

typedef enum {
  HD_MOVE_WHOLE,    /* the block moves: start and end */
  HD_MOVE_END,      /* its end moves: a longer or shorter booking */
} HdMoveKind;

/* Where a block [@start, @end) of the day @from_day (local midnight) goes
 * when dragged by @delta seconds (@kind) onto the day @to_day: its times
 * on the wall clock move by @delta, the start (or for HD_MOVE_END the
 * end) snapped to @snap; the length stays (HD_MOVE_WHOLE) or is at least
 * @snap (HD_MOVE_END); the block stays inside its day. */
void        hd_booking_moved_times      (GTimeZone        *tz,
                                         gint64            start,
                                         gint64            end,
                                         gint64            from_day,
                                         gint64            to_day,
                                         gint64            delta,
                                         HdMoveKind        kind,
                                         gint64            snap,
                                         gint64           *out_start,
                                         gint64           *out_end);

typedef enum {
  HD_MOVE_ASK,          /* not said: a recurring booking is not moved */
  HD_MOVE_THIS_DATE,    /* only this date leaves its series */
  HD_MOVE_SERIES,       /* every date of the series moves alike */
} HdMoveScope;

/* Whether moving @booking needs the question "this date or the whole
 * series?". */
gboolean    hd_booking_is_recurring     (const HdRecord   *booking);

/* The records that moving the occurrence of @booking at @occurrence_start
 * to [@new_start, @new_end) in the room @room_id makes, in the order to
 * save them (the last is the one to check, as the booking editor does):
 * a booking that does not repeat moves; of a series, @scope says what
 * moves (HD_MOVE_THIS_DATE through hd_booking_move_occurrence()). A
 * recurring booking with HD_MOVE_ASK is an error, never a silent move
 * of the whole series. */
GPtrArray  *hd_booking_move_drafts      (const HdRecord   *booking,
                                         GTimeZone        *tz,
                                         gint64            occurrence_start,
                                         gint64            new_start,
                                         gint64            new_end,
                                         const char       *room_id,
                                         HdMoveScope       scope,
                                         GError          **error);

/* The warning a draft that does not fit gets: the check's message and a
 * line for each of the first bookings in the way ("In the way: Workshop
 * (from 10:00)"). NULL when it fits. */
char       *hd_room_check_describe      (const HdRoomCheck *check,
                                         GTimeZone         *tz);

/* Saves @drafts in order (a series before the date moved out of it), the
 * way the booking editor saves: all but the last at once, the last on
 * the store's thread. */
void        hd_booking_save_drafts_async  (HdStore             *store,
                                           GPtrArray           *drafts,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean    hd_booking_save_drafts_finish (HdStore             *store,
                                           GAsyncResult        *result,
                                           GError             **error);

/* The occurrences of @room's bookings in [@from, @until) read from
 * @store: recurring ones on their dates, moved and cancelled dates as
 * their series says, bookings of status cancelled too (the list shows
 * their status); an array of HdBookingBlock in time order. */
GArray     *hd_room_day_blocks          (HdStore          *store,
                                         const HdRecord   *room,
                                         GTimeZone        *tz,
                                         gint64            from,
                                         gint64            until,
                                         GError          **error);
void        hd_room_day_blocks_async    (HdStore             *store,
                                         const HdRecord      *room,
                                         GTimeZone           *tz,
                                         gint64               from,
                                         gint64               until,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GArray     *hd_room_day_blocks_finish   (HdStore             *store,
                                         GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
