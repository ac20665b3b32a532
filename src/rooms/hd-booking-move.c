/* hd-booking-move.c — the arithmetic of the day timeline: pixels and
 * times snapped to a quarter of an hour, a booking moved or resized, a
 * date of a series moved alone or the series with it; saving what the
 * booking editor saves; the bookings of a room on one day
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "hd-booking-move.h"

#define DAY (24 * 3600)

static gint64
snap_round (double seconds,
            gint64 snap)
{
  if (snap <= 0)
    return (gint64) round (seconds);
  return (gint64) round (seconds / (double) snap) * snap;
}

double
hd_time_axis_x (const HdTimeAxis *axis,
                gint64            seconds)
{
  double hours = CLAMP ((double) seconds / 3600.0, (double) axis->first_hour,
                        (double) axis->last_hour);

  return axis->left + (hours - axis->first_hour) * axis->hour_width;
}

gint64
hd_time_axis_seconds_at (const HdTimeAxis *axis,
                         double            x,
                         gint64            snap)
{
  double hours = axis->first_hour + (x - axis->left) / axis->hour_width;
  gint64 seconds = snap_round (hours * 3600.0, snap);

  return CLAMP (seconds, (gint64) axis->first_hour * 3600, (gint64) axis->last_hour * 3600);
}

gint64
hd_time_axis_delta (const HdTimeAxis *axis,
                    double            dx,
                    gint64            snap)
{
  return snap_round (dx / axis->hour_width * 3600.0, snap);
}

void
hd_time_axis_span (const HdTimeAxis *axis,
                   double            x0,
                   double            x1,
                   gint64            snap,
                   gint64           *out_from,
                   gint64           *out_until)
{
  gint64 from = hd_time_axis_seconds_at (axis, MIN (x0, x1), snap);
  gint64 until = hd_time_axis_seconds_at (axis, MAX (x0, x1), snap);
  gint64 last = (gint64) axis->last_hour * 3600;

  if (until - from < snap)
    until = from + snap;
  if (until > last)
    {
      until = last;
      from = MIN (from, until - snap);
    }

  *out_from = from;
  *out_until = until;
}

gint64
hd_local_day_time (GTimeZone *tz,
                   gint64     day_start,
                   gint64     seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (day_start);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  g_autoptr(GDateTime) when = NULL;
  int days = (int) (seconds / DAY);

  seconds %= DAY;
  if (seconds < 0)
    {
      seconds += DAY;
      days--;
    }
  if (days != 0)
    {
      g_autoptr(GDateTime) other = g_date_time_add_days (local, days);

      g_date_time_unref (local);
      local = g_steal_pointer (&other);
    }

  when = g_date_time_new (tz, g_date_time_get_year (local), g_date_time_get_month (local),
                          g_date_time_get_day_of_month (local), (int) (seconds / 3600),
                          (int) (seconds / 60 % 60), (double) (seconds % 60));
  if (when == NULL)
    return day_start + days * DAY + seconds;
  return g_date_time_to_unix (when);
}

gint64
hd_local_seconds_of_day (GTimeZone *tz,
                         gint64     when)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

  return g_date_time_get_hour (local) * 3600 + g_date_time_get_minute (local) * 60 +
         g_date_time_get_second (local);
}

/* The wall-clock seconds of @when on the day that begins at @day: 0
 * before it, 86400 from the next midnight on. */
static gint64
seconds_in_day (GTimeZone *tz,
                gint64     day,
                gint64     when)
{
  if (when <= day)
    return 0;
  if (when >= hd_local_day_time (tz, day, DAY))
    return DAY;
  return hd_local_seconds_of_day (tz, when);
}

void
hd_booking_moved_times (GTimeZone  *tz,
                        gint64      start,
                        gint64      end,
                        gint64      from_day,
                        gint64      to_day,
                        gint64      delta,
                        HdMoveKind  kind,
                        gint64      snap,
                        gint64     *out_start,
                        gint64     *out_end)
{
  gint64 from = seconds_in_day (tz, from_day, start);
  gint64 until = seconds_in_day (tz, from_day, end);

  if (kind == HD_MOVE_END)
    {
      /* the start stays; a key or a drag that does not move keeps the
       * end as it is, snapped or not */
      if (delta != 0)
        until = snap_round ((double) (until + delta), snap);
      until = CLAMP (until, from + MAX (snap, 1), DAY);
      from = MIN (from, until - MAX (snap, 1));
      *out_start = hd_local_day_time (tz, to_day, from);
      *out_end = hd_local_day_time (tz, to_day, until);
      return;
    }

  {
    gint64 length = end - start;

    if (delta != 0)
      from = snap_round ((double) (from + delta), snap);
    from = CLAMP (from, 0, MAX (DAY - length, 0));
    *out_start = hd_local_day_time (tz, to_day, from);
    *out_end = *out_start + length;
  }
}

gboolean
hd_booking_is_recurring (const HdRecord *booking)
{
  const char *rule = hd_record_get_string (booking, "recurrence");

  return rule != NULL && *rule != '\0';
}

GPtrArray *
hd_booking_move_drafts (const HdRecord  *booking,
                        GTimeZone       *tz,
                        gint64           occurrence_start,
                        gint64           new_start,
                        gint64           new_end,
                        const char      *room_id,
                        HdMoveScope      scope,
                        GError         **error)
{
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  const char *field = NULL;

  g_return_val_if_fail (hd_record_get_entity (booking) == HD_ENTITY_BOOKING, NULL);

  if (new_end <= new_start)
    {
      g_set_error_literal (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID,
                           _("The booking must end after it starts."));
      return NULL;
    }

  if (!hd_booking_is_recurring (booking))
    {
      HdRecord *draft = hd_record_copy (booking);
      g_autofree char *starts_at = hd_timestamp_format (new_start);
      g_autofree char *ends_at = hd_timestamp_format (new_end);

      hd_record_set_string (draft, "starts_at", starts_at);
      hd_record_set_string (draft, "ends_at", ends_at);
      if (room_id != NULL)
        hd_record_set_string (draft, "room_id", room_id);
      g_ptr_array_add (drafts, draft);
    }
  else if (scope == HD_MOVE_THIS_DATE)
    {
      HdRecord *series = NULL;
      HdRecord *moved = NULL;

      if (!hd_booking_move_occurrence (booking, tz, occurrence_start, new_start, new_end,
                                       &series, &moved, error))
        return NULL;
      if (room_id != NULL)
        hd_record_set_string (moved, "room_id", room_id);
      g_ptr_array_add (drafts, series);
      g_ptr_array_add (drafts, moved);
    }
  else if (scope == HD_MOVE_SERIES)
    {
      HdRecord *draft;
      gint64 first = 0;
      g_autofree char *starts_at = NULL;
      g_autofree char *ends_at = NULL;

      if (!hd_booking_has_occurrence (booking, tz, occurrence_start) ||
          !hd_timestamp_parse (hd_record_get_string (booking, "starts_at"), &first))
        {
          g_set_error_literal (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID,
                               _("The booking has no date at that time to move."));
          return NULL;
        }
      /* every date moves by what this one moves */
      first += new_start - occurrence_start;
      starts_at = hd_timestamp_format (first);
      ends_at = hd_timestamp_format (first + (new_end - new_start));
      draft = hd_record_copy (booking);
      hd_record_set_string (draft, "starts_at", starts_at);
      hd_record_set_string (draft, "ends_at", ends_at);
      if (room_id != NULL)
        hd_record_set_string (draft, "room_id", room_id);
      g_ptr_array_add (drafts, draft);
    }
  else
    {
      g_set_error_literal (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID,
                           _("Choose whether to move only this date or the whole series."));
      return NULL;
    }

  for (guint i = 0; i < drafts->len; i++)
    if (!hd_record_validate (g_ptr_array_index (drafts, i), TRUE, &field, error))
      return NULL;

  return g_steal_pointer (&drafts);
}

char *
hd_room_check_describe (const HdRoomCheck *check,
                        GTimeZone         *tz)
{
  GString *text;

  if (check == NULL || check->fits)
    return NULL;

  text = g_string_new (check->message);
  for (guint i = 0; check->clashes != NULL && i < check->clashes->len && i < 5; i++)
    {
      HdRecord *clash = g_ptr_array_index (check->clashes, i);
      const char *title = hd_record_get_string (clash, "title");
      gint64 when = 0;
      g_autoptr(GDateTime) utc = NULL;
      g_autoptr(GDateTime) local = NULL;
      g_autofree char *time = NULL;

      hd_timestamp_parse (hd_record_get_string (clash, "starts_at"), &when);
      utc = g_date_time_new_from_unix_utc (when);
      local = g_date_time_to_timezone (utc, tz);
      time = g_date_time_format (local, "%H:%M");
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: a booking in the way, e.g. "In the way: Workshop (from 10:00)" */
      g_string_append_printf (text, _("In the way: %s (from %s)"),
                              title != NULL && *title != '\0' ? title : _("Booking"), time);
    }

  return g_string_free (text, FALSE);
}

/* ---- saving ---- */

static void
on_last_saved (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!hd_store_save_finish (HD_STORE (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
hd_booking_save_drafts_async (HdStore             *store,
                              GPtrArray           *drafts,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, hd_booking_save_drafts_async);
  if (drafts == NULL || drafts->len == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  for (guint i = 0; i + 1 < drafts->len; i++)
    if (!hd_store_save (store, g_ptr_array_index (drafts, i), &error))
      {
        g_task_return_error (task, error);
        return;
      }

  hd_store_save_async (store, g_ptr_array_index (drafts, drafts->len - 1), cancellable,
                       on_last_saved, g_steal_pointer (&task));
}

gboolean
hd_booking_save_drafts_finish (HdStore       *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- a room's day ---- */

GArray *
hd_room_day_blocks (HdStore         *store,
                    const HdRecord  *room,
                    GTimeZone       *tz,
                    gint64           from,
                    gint64           until,
                    GError         **error)
{
  g_autoptr(GPtrArray) bookings = hd_rooms_load_bookings (store, hd_record_get_id (room), error);

  if (bookings == NULL)
    return NULL;

  return hd_room_blocks (room, bookings, tz, from, until, TRUE);
}

typedef struct {
  HdRecord  *room;
  GTimeZone *tz;
  gint64     from;
  gint64     until;
} DayBlocksData;

static void
day_blocks_data_free (DayBlocksData *data)
{
  hd_record_unref (data->room);
  g_time_zone_unref (data->tz);
  g_free (data);
}

static void
day_blocks_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  DayBlocksData *data = task_data;
  GError *error = NULL;
  GArray *blocks = hd_room_day_blocks (HD_STORE (source_object), data->room, data->tz,
                                       data->from, data->until, &error);

  if (blocks == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, blocks, (GDestroyNotify) g_array_unref);
}

void
hd_room_day_blocks_async (HdStore             *store,
                          const HdRecord      *room,
                          GTimeZone           *tz,
                          gint64               from,
                          gint64               until,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  DayBlocksData *data = g_new0 (DayBlocksData, 1);

  data->room = hd_record_ref ((HdRecord *) room);
  data->tz = g_time_zone_ref (tz);
  data->from = from;
  data->until = until;
  g_task_set_source_tag (task, hd_room_day_blocks_async);
  g_task_set_task_data (task, data, (GDestroyNotify) day_blocks_data_free);
  g_task_run_in_thread (task, day_blocks_thread);
}

GArray *
hd_room_day_blocks_finish (HdStore       *store,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
