/* hd-room-status.c — what a room is doing now: free until, busy until,
 * how many seats or desks are taken
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The occurrences of the room's bookings from now to a week ahead are
 * swept in time order: the seats taken at @now decide the state, the
 * next change of state its end ("until").
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-rooms.h"

#define LOOK_AHEAD (7 * G_GINT64_CONSTANT (86400))

typedef struct {
  gint64 time;
  gint64 delta;   /* seats: + at a start, − at an end */
} Edge;

static int
edge_compare (gconstpointer a,
              gconstpointer b)
{
  const Edge *x = a;
  const Edge *y = b;

  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  /* what ends at t is gone before what starts at t */
  return (x->delta > 0) - (y->delta > 0);
}

static gboolean
skipped (const HdRecord *booking,
         const char     *room_id)
{
  return hd_record_get_entity (booking) != HD_ENTITY_BOOKING ||
         hd_record_get_deleted (booking) ||
         g_strcmp0 (hd_record_get_string (booking, "status"), "cancelled") == 0 ||
         g_strcmp0 (hd_record_get_string (booking, "room_id"), room_id) != 0;
}

gboolean
hd_room_status (const HdRecord  *room,
                GPtrArray       *bookings,
                GTimeZone       *tz,
                gint64           now,
                HdRoomStatus    *out_status,
                GError         **error)
{
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  const char *room_id = hd_record_get_id (room);
  gint64 capacity = MAX (hd_record_get_int (room, "capacity", 0), 0);
  gint64 taken = 0;
  guint i;

  int recurrence_index = hd_entity_field_index (HD_ENTITY_BOOKING, "recurrence");
  g_autofree char *window_start = hd_timestamp_format (now);
  g_autofree char *window_end = hd_timestamp_format (now + LOOK_AHEAD);

  g_return_val_if_fail (out_status != NULL, FALSE);

  for (i = 0; bookings != NULL && i < bookings->len; i++)
    {
      const HdRecord *booking = g_ptr_array_index (bookings, i);
      g_autoptr(GArray) spans = NULL;
      g_autoptr(GError) local_error = NULL;
      gint64 seats;

      if (skipped (booking, room_id))
        continue;
      /* UTC times in one format compare as text */
      if (hd_record_get (booking, (guint) recurrence_index) == NULL &&
          (g_strcmp0 (hd_record_get_string (booking, "ends_at"), window_start) <= 0 ||
           g_strcmp0 (hd_record_get_string (booking, "starts_at"), window_end) >= 0))
        continue;

      spans = hd_occurrences_in_zone (booking, tz, now, now + LOOK_AHEAD, &local_error);
      if (spans == NULL)
        {
          /* one unreadable booking does not hide the room's status */
          g_debug ("Booking %s skipped: %s", hd_record_get_id (booking), local_error->message);
          continue;
        }

      seats = hd_booking_seats (booking, room);
      for (guint j = 0; j < spans->len; j++)
        {
          const HdSpan *span = &g_array_index (spans, HdSpan, j);
          Edge start = { MAX (span->start, now), seats };
          Edge end = { span->end, -seats };

          g_array_append_val (edges, start);
          g_array_append_val (edges, end);
        }
    }

  g_array_sort (edges, edge_compare);

  /* the seats taken at now */
  for (i = 0; i < edges->len; i++)
    {
      const Edge *e = &g_array_index (edges, Edge, i);

      if (e->time > now)
        break;
      taken += e->delta;
    }

  out_status->capacity = capacity;
  out_status->seats_taken = MAX (taken, 0);
  out_status->until = 0;

  if (taken <= 0)
    out_status->state = HD_ROOM_FREE;
  else if (taken >= capacity)
    out_status->state = HD_ROOM_BUSY;
  else
    out_status->state = HD_ROOM_PARTLY_TAKEN;

  /* when the state changes */
  for (; i < edges->len; i++)
    {
      const Edge *e = &g_array_index (edges, Edge, i);
      gint64 time = e->time;
      HdRoomState state;

      /* every edge at the same time at once */
      taken += e->delta;
      while (i + 1 < edges->len && g_array_index (edges, Edge, i + 1).time == time)
        taken += g_array_index (edges, Edge, ++i).delta;

      if (taken <= 0)
        state = HD_ROOM_FREE;
      else if (taken >= capacity)
        state = HD_ROOM_BUSY;
      else
        state = HD_ROOM_PARTLY_TAKEN;

      if (out_status->state == HD_ROOM_FREE ? state != HD_ROOM_FREE
          : out_status->state == HD_ROOM_BUSY ? state != HD_ROOM_BUSY
          : state == HD_ROOM_FREE)
        {
          out_status->until = time;
          break;
        }
    }

  (void) error;
  return TRUE;
}

static gboolean
same_day (GDateTime *a,
          GDateTime *b)
{
  return g_date_time_get_year (a) == g_date_time_get_year (b) &&
         g_date_time_get_day_of_year (a) == g_date_time_get_day_of_year (b);
}

/* "14:00", or "Wed 09:00" on another day */
static char *
format_until (GTimeZone *tz,
              gint64     until,
              gint64     now)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (until);
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (when, tz);
  g_autoptr(GDateTime) local_today = g_date_time_to_timezone (today, tz);

  if (same_day (local, local_today))
    /* Translators: a time of day for g_date_time_format(): "14:00" */
    return g_date_time_format (local, C_("room status", "%H:%M"));

  /* Translators: a weekday and a time for g_date_time_format(): "Wed 09:00" */
  return g_date_time_format (local, C_("room status", "%a %H:%M"));
}

char *
hd_room_status_format (const HdRecord     *room,
                       const HdRoomStatus *status,
                       GTimeZone          *tz,
                       gint64              now)
{
  g_autofree char *until = NULL;
  gboolean desks = g_strcmp0 (hd_record_get_string (room, "kind"), "coworking_area") == 0;

  switch (status->state)
    {
    case HD_ROOM_FREE:
      if (status->until == 0)
        return g_strdup (_("Free all week"));
      until = format_until (tz, status->until, now);
      return g_strdup_printf (_("Free until %s"), until);

    case HD_ROOM_BUSY:
      if (status->capacity > 1 && desks)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%lld of %lld desk taken",
                                             "%lld of %lld desks taken",
                                             (gulong) status->capacity),
                                (long long) status->seats_taken,
                                (long long) status->capacity);
      if (status->until == 0)
        return g_strdup (_("Busy all week"));
      until = format_until (tz, status->until, now);
      return g_strdup_printf (_("Busy until %s"), until);

    case HD_ROOM_PARTLY_TAKEN:
    default:
      if (desks)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%lld of %lld desk taken",
                                             "%lld of %lld desks taken",
                                             (gulong) status->capacity),
                                (long long) status->seats_taken,
                                (long long) status->capacity);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%lld of %lld seat taken",
                                           "%lld of %lld seats taken",
                                           (gulong) status->capacity),
                              (long long) status->seats_taken,
                              (long long) status->capacity);
    }
}

static void
block_clear (gpointer data)
{
  HdBookingBlock *block = data;

  g_clear_pointer (&block->booking, hd_record_unref);
}

static int
block_compare (gconstpointer a,
               gconstpointer b)
{
  const HdBookingBlock *x = a;
  const HdBookingBlock *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (x->end > y->end) - (x->end < y->end);
}

GArray *
hd_room_blocks (const HdRecord *room,
                GPtrArray      *bookings,
                GTimeZone      *tz,
                gint64          from,
                gint64          until,
                gboolean        with_cancelled)
{
  GArray *blocks = g_array_new (FALSE, TRUE, sizeof (HdBookingBlock));
  int recurrence_index = hd_entity_field_index (HD_ENTITY_BOOKING, "recurrence");
  g_autofree char *window_start = hd_timestamp_format (from);
  g_autofree char *window_end = hd_timestamp_format (until);
  const char *room_id = hd_record_get_id (room);

  g_array_set_clear_func (blocks, block_clear);

  for (guint i = 0; bookings != NULL && i < bookings->len; i++)
    {
      HdRecord *booking = g_ptr_array_index (bookings, i);
      g_autoptr(GArray) spans = NULL;

      if (hd_record_get_entity (booking) != HD_ENTITY_BOOKING ||
          hd_record_get_deleted (booking) ||
          g_strcmp0 (hd_record_get_string (booking, "room_id"), room_id) != 0)
        continue;
      if (!with_cancelled &&
          g_strcmp0 (hd_record_get_string (booking, "status"), "cancelled") == 0)
        continue;
      if (hd_record_get (booking, (guint) recurrence_index) == NULL &&
          (g_strcmp0 (hd_record_get_string (booking, "ends_at"), window_start) <= 0 ||
           g_strcmp0 (hd_record_get_string (booking, "starts_at"), window_end) >= 0))
        continue;

      spans = hd_occurrences_in_zone (booking, tz, from, until, NULL);
      for (guint j = 0; spans != NULL && j < spans->len; j++)
        {
          const HdSpan *span = &g_array_index (spans, HdSpan, j);
          HdBookingBlock block = { hd_record_ref (booking), span->start, span->end };

          g_array_append_val (blocks, block);
        }
    }

  g_array_sort (blocks, block_compare);
  hd_booking_blocks_set_lanes (blocks);
  return blocks;
}

void
hd_booking_blocks_set_lanes (GArray *blocks)
{
  g_autoptr(GArray) lane_ends = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint cluster_start = 0;
  gint64 cluster_end = G_MININT64;

  g_return_if_fail (blocks != NULL);

  for (guint i = 0; i <= blocks->len; i++)
    {
      HdBookingBlock *block = i < blocks->len ? &g_array_index (blocks, HdBookingBlock, i) : NULL;
      guint lane;

      /* a group of overlapping blocks ends where the next one starts
       * after all of them: they all get the group's number of lanes */
      if (block == NULL || block->start >= cluster_end)
        {
          for (guint j = cluster_start; j < i; j++)
            g_array_index (blocks, HdBookingBlock, j).n_lanes = lane_ends->len;
          if (block == NULL)
            break;
          g_array_set_size (lane_ends, 0);
          cluster_start = i;
        }

      for (lane = 0; lane < lane_ends->len; lane++)
        if (g_array_index (lane_ends, gint64, lane) <= block->start)
          break;
      if (lane == lane_ends->len)
        g_array_append_val (lane_ends, block->end);
      else
        g_array_index (lane_ends, gint64, lane) = block->end;
      block->lane = lane;
      cluster_end = MAX (cluster_end, block->end);
    }
}

typedef struct {
  HdRecord *room;
  gint64    now;
} StatusData;

static void
status_data_free (StatusData *data)
{
  hd_record_unref (data->room);
  g_free (data);
}

static void
status_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  StatusData *data = task_data;
  HdStore *store = HD_STORE (source_object);
  g_autoptr(GTimeZone) tz = hd_rooms_hub_time_zone (store, hd_record_get_hub_id (data->room));
  g_autoptr(GPtrArray) bookings = NULL;
  g_autofree char *from = hd_timestamp_format (data->now);
  g_autofree char *until = hd_timestamp_format (data->now + LOOK_AHEAD);
  HdQuery query = { 0 };
  GError *error = NULL;
  HdRoomStatus status;

  /* what can touch the coming week: the store keeps recurring ones in */
  query.entity = HD_ENTITY_BOOKING;
  query.ref_field = "room_id";
  query.ref_id = hd_record_get_id (data->room);
  query.from = from;
  query.until = until;
  bookings = hd_store_query (store, &query, &error);
  if (bookings == NULL ||
      !hd_room_status (data->room, bookings, tz, data->now, &status, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, hd_room_status_format (data->room, &status, tz, data->now),
                         g_free);
}

void
hd_room_status_text_async (HdStore             *store,
                           const HdRecord      *room,
                           gint64               now,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  StatusData *data = g_new0 (StatusData, 1);

  data->room = hd_record_copy (room);
  data->now = now;
  g_task_set_source_tag (task, hd_room_status_text_async);
  g_task_set_task_data (task, data, (GDestroyNotify) status_data_free);
  g_task_run_in_thread (task, status_thread);
}

char *
hd_room_status_text_finish (HdStore       *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
