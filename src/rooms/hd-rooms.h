/* hd-rooms.h — rooms and their use: status now, occupancy by hour and
 * weekday, the capacity check of a draft booking, single occurrences of
 * a recurring booking
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No GTK here: the Rooms view, hubdesk-cli and the reports call these.
 * Times are Unix seconds (UTC); days and hours are those of the hub's
 * time zone.
 */
#pragma once

#include "hd-store.h"
#include "hd-store-report.h"

G_BEGIN_DECLS

/* ---- opening hours (docs/decisions.md, "Rooms") ---- */

/* A room without open_from / open_until is open 08:00–18:00; every room
 * is open Monday to Friday. */
#define HD_ROOM_DEFAULT_OPEN_FROM  (8 * 3600)
#define HD_ROOM_DEFAULT_OPEN_UNTIL (18 * 3600)

/* The room's opening hours as seconds after local midnight. */
void          hd_room_opening_hours       (const HdRecord  *room,
                                           gint64          *out_from,
                                           gint64          *out_until);
/* Whether the room is open on @weekday (1 = Monday … 7 = Sunday). */
gboolean      hd_room_open_on             (const HdRecord  *room,
                                           guint            weekday);
/* The seats a booking takes: its seats, else the room's capacity. */
gint64        hd_booking_seats            (const HdRecord  *booking,
                                           const HdRecord  *room);
/* The time zone of @hub_id in @store (Europe/Berlin when unknown). */
GTimeZone    *hd_rooms_hub_time_zone      (HdStore         *store,
                                           const char      *hub_id);
/* The room's live bookings (any status) from @store. */
GPtrArray    *hd_rooms_load_bookings      (HdStore         *store,
                                           const char      *room_id,
                                           GError         **error);

/* ---- status now ---- */

typedef enum {
  HD_ROOM_FREE,          /* nothing booked now */
  HD_ROOM_PARTLY_TAKEN,  /* some seats or desks booked, some free */
  HD_ROOM_BUSY,          /* every seat booked */
} HdRoomState;

typedef struct {
  HdRoomState state;
  gint64      capacity;
  gint64      seats_taken;   /* now */
  gint64      until;         /* when the state ends (FREE: the next booking
                              * begins; BUSY: a seat becomes free), 0 when
                              * that is more than a week ahead */
} HdRoomStatus;

/* The status of @room at @now from @bookings (its bookings; cancelled and
 * deleted ones are skipped, recurring ones expanded in @tz). */
gboolean      hd_room_status              (const HdRecord  *room,
                                           GPtrArray       *bookings,
                                           GTimeZone       *tz,
                                           gint64           now,
                                           HdRoomStatus    *out_status,
                                           GError         **error);
/* "Free until 14:00", "Busy until 11:30", "8 of 12 desks taken". */
char         *hd_room_status_format       (const HdRecord     *room,
                                           const HdRoomStatus *status,
                                           GTimeZone          *tz,
                                           gint64              now);

/* The status text of @room now, read from @store on a worker thread. */
void          hd_room_status_text_async   (HdStore             *store,
                                           const HdRecord      *room,
                                           gint64               now,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
char         *hd_room_status_text_finish  (HdStore             *store,
                                           GAsyncResult        *result,
                                           GError             **error);

/* ---- blocks of a timeline ---- */

typedef struct {
  HdRecord *booking;   /* a reference */
  gint64    start;     /* this occurrence */
  gint64    end;
  guint     lane;      /* where it is drawn among the blocks it overlaps: */
  guint     n_lanes;   /*   lane 0 … n_lanes - 1 (1 lane: it overlaps none) */
} HdBookingBlock;

/* The occurrences of @room's @bookings that overlap [@from, @until), in
 * time order, cancelled ones too when @with_cancelled, with their lanes
 * (hd_booking_blocks_set_lanes()); an array of HdBookingBlock that drops
 * its references when freed. */
GArray       *hd_room_blocks              (const HdRecord  *room,
                                           GPtrArray       *bookings,
                                           GTimeZone       *tz,
                                           gint64           from,
                                           gint64           until,
                                           gboolean         with_cancelled);

/* Gives each block of @blocks (HdBookingBlock in time order) a lane, so
 * that blocks that overlap in time are drawn side by side: the blocks that
 * overlap one another, directly or through others, share their n_lanes;
 * each takes the first lane free at its start. Blocks that only touch (one
 * ends when the next starts) do not overlap. */
void          hd_booking_blocks_set_lanes (GArray          *blocks);

/* ---- occupancy ---- */

/* Seat-seconds by weekday (0 = Monday) and hour of the day. planned:
 * bookings that are not cancelled; actual: those checked in; open: the
 * room's capacity over its opening hours. Only booked time inside the
 * opening hours counts, so no cell goes over 100 % while the capacity
 * holds. */
typedef struct {
  gint64 planned[7][24];
  gint64 actual[7][24];
  gint64 open[7][24];
} HdOccupancy;

typedef struct {
  gint64 open;      /* seat-seconds */
  gint64 planned;
  gint64 actual;
} HdRoomUsage;

/* Adds @room with @bookings over the days @first … @last (inclusive,
 * days of @tz) to @occupancy (zeroed by the caller). */
gboolean      hd_occupancy_add_room       (HdOccupancy     *occupancy,
                                           const HdRecord  *room,
                                           GPtrArray       *bookings,
                                           GTimeZone       *tz,
                                           const GDate     *first,
                                           const GDate     *last,
                                           GError         **error);
/* Percent of the open seat-hours booked in a cell (planned, or with
 * @actual the checked-in ones); -1 when the cell has no open hours. */
double        hd_occupancy_percent        (const HdOccupancy *occupancy,
                                           gboolean           actual,
                                           guint              weekday,
                                           guint              hour);
/* The sum of all cells. */
void          hd_occupancy_totals         (const HdOccupancy *occupancy,
                                           HdRoomUsage       *out_usage);
/* One line per cell with open hours: "weekday,hour,planned_percent,
 * actual_percent,planned_seat_hours,actual_seat_hours,open_seat_hours";
 * weekday 1 (Monday) … 7, hour "08:00". */
char         *hd_occupancy_to_csv         (const HdOccupancy *occupancy);

/* Booked and open seat-seconds of one room over @first … @last. */
gboolean      hd_room_usage               (const HdRecord  *room,
                                           GPtrArray       *bookings,
                                           GTimeZone       *tz,
                                           const GDate     *first,
                                           const GDate     *last,
                                           HdRoomUsage     *out_usage,
                                           GError         **error);

typedef struct {
  HdRecord    *room;
  HdRoomUsage  usage;
} HdRoomUsageRow;

void          hd_room_usage_row_free      (HdRoomUsageRow  *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdRoomUsageRow, hd_room_usage_row_free)

/* For reports: the rooms (not archived) of @hub_id (NULL: every hub) in
 * @store with their usage over @first … @last, in name order, each in its
 * hub's time zone; when @out_occupancy is given, it receives the sum of
 * their hour × weekday cells. An array of HdRoomUsageRow. */
GPtrArray    *hd_rooms_usage              (HdStore         *store,
                                           const char      *hub_id,
                                           const GDate     *first,
                                           const GDate     *last,
                                           HdOccupancy     *out_occupancy,
                                           GError         **error);
/* The same, read in @reader's snapshot (within hd_store_reader_begin()),
 * so that a report's room figures and its other figures see the same
 * data. The hubs' time zones are read from @store. */
GPtrArray    *hd_rooms_usage_read         (HdStoreReader   *reader,
                                           HdStore         *store,
                                           const char      *hub_id,
                                           const GDate     *first,
                                           const GDate     *last,
                                           GError         **error);

/* ---- the capacity check of a draft ---- */

typedef struct {
  gboolean   fits;
  char      *message;      /* why it does not fit; NULL when it fits */
  GPtrArray *clashes;      /* HdRecord: the bookings in the way */
  gint64     free_seats;   /* the fewest seats free during the draft */
} HdRoomCheck;

void          hd_room_check_free          (HdRoomCheck     *check);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdRoomCheck, hd_room_check_free)

/* Checks @draft (a booking, not yet saved) against @room and @bookings
 * with hd_check_room_capacity(), the function the server runs, so that
 * the warning and the server's answer agree. NULL with an error when
 * the draft cannot be checked (no valid times, an unreadable rule). */
HdRoomCheck  *hd_room_check_booking       (const HdRecord  *room,
                                           const HdRecord  *draft,
                                           GPtrArray       *bookings,
                                           const char      *tzid,
                                           gint64           now,
                                           GError         **error);
/* The same with the room, its bookings and the hub's time zone read
 * from @store. */
HdRoomCheck  *hd_room_check_draft         (HdStore         *store,
                                           const HdRecord  *draft,
                                           gint64           now,
                                           GError         **error);
/* The same for the last of @drafts, with the others (e.g. a series
 * with the date just moved out of it) in place of their saved versions. */
HdRoomCheck  *hd_room_check_drafts        (HdStore         *store,
                                           GPtrArray       *drafts,
                                           gint64           now,
                                           GError         **error);
/* hd_room_check_drafts() on a worker thread; @drafts are copied. */
void          hd_room_check_draft_async   (HdStore             *store,
                                           GPtrArray           *drafts,
                                           gint64               now,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
HdRoomCheck  *hd_room_check_draft_finish  (HdStore         *store,
                                           GAsyncResult    *result,
                                           GError         **error);

/* ---- single occurrences of a recurring booking ---- */

/* Whether @series has an occurrence starting at @start (in @tz). */
gboolean      hd_booking_has_occurrence   (const HdRecord  *series,
                                           GTimeZone       *tz,
                                           gint64           start);
/* A copy of @series whose occurrence at @start is cancelled (added to its
 * exdates); the rest of the series stays. */
HdRecord     *hd_booking_cancel_occurrence (const HdRecord *series,
                                           GTimeZone       *tz,
                                           gint64           start,
                                           GError         **error);
/* Moves the occurrence at @start to [@new_start, @new_end): *out_series
 * is a copy of @series with that occurrence cancelled, *out_moved a new
 * booking for the moved occurrence that names the series (series_id)
 * and the start it replaces (recurrence_id). Save the series first. */
gboolean      hd_booking_move_occurrence  (const HdRecord  *series,
                                           GTimeZone       *tz,
                                           gint64           start,
                                           gint64           new_start,
                                           gint64           new_end,
                                           HdRecord       **out_series,
                                           HdRecord       **out_moved,
                                           GError         **error);

G_END_DECLS
