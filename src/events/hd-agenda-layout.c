/* hd-agenda-layout.c — an event's agenda as a time grid: days, room
 * columns, session blocks in minutes, and where a moved or resized
 * session ends up
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "hd-agenda-layout.h"

gboolean
hd_agenda_step_is_valid (int step)
{
  return step == 5 || step == 15 || step == 30;
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;
  return q;
}

int
hd_agenda_snap (int minute,
                int step)
{
  if (step <= 0)
    return minute;
  return (int) (floor_div ((gint64) minute + step / 2, step) * step);
}

gint64
hd_agenda_snap_time (gint64     t,
                     GTimeZone *tz,
                     int        step)
{
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, t);
  gint64 offset = interval >= 0 ? g_time_zone_get_offset (tz, interval) : 0;
  gint64 seconds = (gint64) step * 60;
  gint64 local, snapped;

  if (step <= 0)
    return t;
  local = t + offset;
  snapped = floor_div (local + seconds / 2, seconds) * seconds;
  return snapped - offset;
}

void
hd_agenda_move (gint64             starts,
                gint64             ends,
                const HdAgendaDay *day,
                int                minute,
                int                step,
                gint64            *new_starts,
                gint64            *new_ends)
{
  gint64 s = day->start + (gint64) hd_agenda_snap (minute, step) * 60;

  *new_starts = s;
  *new_ends = s + (ends - starts);
}

gint64
hd_agenda_resize (gint64             starts,
                  const HdAgendaDay *day,
                  int                end_minute,
                  int                step)
{
  gint64 e = day->start + (gint64) hd_agenda_snap (end_minute, step) * 60;

  return MAX (e, starts + (gint64) MAX (step, 1) * 60);
}

/* ---- days ---- */

static void
day_of (gint64       t,
        GTimeZone   *tz,
        HdAgendaDay *out)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) next = NULL;

  g_date_time_get_ymd (local, &out->year, &out->month, &out->day);
  midnight = g_date_time_new (tz, out->year, out->month, out->day, 0, 0, 0);
  next = g_date_time_add_days (midnight, 1);
  out->start = g_date_time_to_unix (midnight);
  out->end = g_date_time_to_unix (next);
  out->minutes = (int) ((out->end - out->start) / 60);
}

static int
find_day (GArray *days,
          gint64  t)
{
  for (guint i = 0; i < days->len; i++)
    {
      HdAgendaDay *d = &g_array_index (days, HdAgendaDay, i);

      if (t >= d->start && t < d->end)
        return (int) i;
    }
  return -1;
}

/* Adds every day that [from, until) touches. */
static void
add_days (GArray    *days,
          GTimeZone *tz,
          gint64     from,
          gint64     until)
{
  gint64 t = from;

  if (until <= from)
    until = from + 1;
  while (t < until)
    {
      HdAgendaDay day;

      day_of (t, tz, &day);
      if (find_day (days, day.start) < 0)
        g_array_append_val (days, day);
      t = day.end;
    }
}

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  const HdAgendaDay *x = a, *y = b;

  return x->start < y->start ? -1 : x->start > y->start;
}

/* ---- columns ---- */

static void
column_free (HdAgendaColumn *column)
{
  g_free (column->room_id);
  g_free (column->name);
  g_free (column);
}

static int
find_column (GPtrArray  *columns,
             const char *room_id)
{
  for (guint i = 0; i < columns->len; i++)
    {
      HdAgendaColumn *c = g_ptr_array_index (columns, i);

      if (g_strcmp0 (c->room_id, room_id) == 0)
        return (int) i;
    }
  return -1;
}

static void
add_column (GPtrArray  *columns,
            const char *room_id,
            GPtrArray  *rooms)
{
  HdAgendaColumn *column;

  if (find_column (columns, room_id) >= 0)
    return;
  column = g_new0 (HdAgendaColumn, 1);
  column->room_id = g_strdup (room_id);
  for (guint i = 0; room_id != NULL && rooms != NULL && i < rooms->len; i++)
    if (g_str_equal (hd_record_get_id (g_ptr_array_index (rooms, i)), room_id))
      column->name = g_strdup (hd_record_get_string (g_ptr_array_index (rooms, i), "name"));
  g_ptr_array_add (columns, column);
}

static gboolean
used_by (GPtrArray  *sessions,
         const char *room_id)
{
  for (guint i = 0; i < sessions->len; i++)
    if (g_strcmp0 (hd_record_get_string (g_ptr_array_index (sessions, i), "room_id"), room_id) == 0)
      return TRUE;
  return FALSE;
}

static int
compare_blocks (gconstpointer a,
                gconstpointer b)
{
  const HdAgendaBlock *x = a, *y = b;

  if (x->day != y->day)
    return x->day < y->day ? -1 : 1;
  if (x->column != y->column)
    return x->column < y->column ? -1 : 1;
  if (x->start_minute != y->start_minute)
    return x->start_minute < y->start_minute ? -1 : 1;
  return x->end_minute < y->end_minute ? -1 : x->end_minute > y->end_minute;
}

static void
close_cluster (GArray *blocks,
               guint   from,
               guint   to,
               guint   n_lanes)
{
  for (guint i = from; i < to; i++)
    g_array_index (blocks, HdAgendaBlock, i).n_lanes = n_lanes;
}

/* Blocks that overlap in one column share its width: each cluster of
 * overlapping blocks gets as many lanes as it needs at once. */
static void
assign_lanes (GArray *blocks)
{
  g_autoptr(GArray) lane_ends = g_array_new (FALSE, FALSE, sizeof (int));
  guint cluster = 0;
  int cluster_end = 0;

  for (guint i = 0; i < blocks->len; i++)
    {
      HdAgendaBlock *block = &g_array_index (blocks, HdAgendaBlock, i);
      HdAgendaBlock *first = &g_array_index (blocks, HdAgendaBlock, cluster);
      guint lane;

      if (i > cluster && (block->day != first->day || block->column != first->column
                          || block->start_minute >= cluster_end))
        {
          close_cluster (blocks, cluster, i, lane_ends->len);
          g_array_set_size (lane_ends, 0);
          cluster = i;
        }
      if (i == cluster)
        cluster_end = block->end_minute;
      for (lane = 0; lane < lane_ends->len; lane++)
        if (g_array_index (lane_ends, int, lane) <= block->start_minute)
          break;
      if (lane == lane_ends->len)
        g_array_append_val (lane_ends, block->end_minute);
      else
        g_array_index (lane_ends, int, lane) = block->end_minute;
      block->lane = lane;
      cluster_end = MAX (cluster_end, block->end_minute);
    }
  close_cluster (blocks, cluster, blocks->len, lane_ends->len);
}

static void
block_clear (gpointer data)
{
  HdAgendaBlock *block = data;

  g_clear_pointer (&block->session, hd_record_unref);
}

static gboolean
span_of (HdRecord *record,
         gint64   *starts,
         gint64   *ends)
{
  return hd_timestamp_parse (hd_record_get_string (record, "starts_at"), starts)
         && hd_timestamp_parse (hd_record_get_string (record, "ends_at"), ends);
}

HdAgendaLayout *
hd_agenda_layout_new (HdRecord  *event,
                      GPtrArray *sessions,
                      GPtrArray *rooms,
                      GTimeZone *tz,
                      gboolean   all_rooms)
{
  HdAgendaLayout *layout = g_new0 (HdAgendaLayout, 1);
  const char *event_room = event != NULL ? hd_record_get_string (event, "room_id") : NULL;
  gboolean without_room = FALSE;
  gint64 starts, ends;

  layout->tz = g_time_zone_ref (tz);
  layout->days = g_array_new (FALSE, FALSE, sizeof (HdAgendaDay));
  layout->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  layout->blocks = g_array_new (FALSE, TRUE, sizeof (HdAgendaBlock));
  g_array_set_clear_func (layout->blocks, block_clear);

  /* days: the event's, then any a session reaches outside them */
  if (event != NULL && span_of (event, &starts, &ends))
    add_days (layout->days, tz, starts, ends);
  for (guint i = 0; sessions != NULL && i < sessions->len; i++)
    if (span_of (g_ptr_array_index (sessions, i), &starts, &ends))
      add_days (layout->days, tz, starts, ends);
  g_array_sort (layout->days, compare_days);

  /* columns */
  if (event_room != NULL)
    add_column (layout->columns, event_room, rooms);
  for (guint i = 0; rooms != NULL && i < rooms->len; i++)
    {
      const char *id = hd_record_get_id (g_ptr_array_index (rooms, i));

      if (all_rooms || (sessions != NULL && used_by (sessions, id)))
        add_column (layout->columns, id, rooms);
    }
  for (guint i = 0; sessions != NULL && i < sessions->len; i++)
    {
      const char *room = hd_record_get_string (g_ptr_array_index (sessions, i), "room_id");

      if (room != NULL)
        add_column (layout->columns, room, rooms);   /* a room not (or no longer) of the hub */
      else
        without_room = TRUE;
    }
  if (without_room || layout->columns->len == 0)
    add_column (layout->columns, NULL, rooms);

  /* blocks, a session split at each midnight it crosses */
  for (guint i = 0; sessions != NULL && i < sessions->len; i++)
    {
      HdRecord *session = g_ptr_array_index (sessions, i);
      int column;

      if (!span_of (session, &starts, &ends))
        continue;
      if (ends <= starts)
        ends = starts + 60;
      column = find_column (layout->columns, hd_record_get_string (session, "room_id"));
      for (guint d = 0; d < layout->days->len; d++)
        {
          HdAgendaDay *day = &g_array_index (layout->days, HdAgendaDay, d);
          HdAgendaBlock block = { 0 };

          if (ends <= day->start || starts >= day->end)
            continue;
          block.session = hd_record_ref (session);
          block.day = d;
          block.column = (guint) column;
          block.continued = starts < day->start;
          block.continues = ends > day->end;
          block.start_minute = (int) ((MAX (starts, day->start) - day->start) / 60);
          block.end_minute = (int) ((MIN (ends, day->end) - day->start + 59) / 60);
          g_array_append_val (layout->blocks, block);
        }
    }
  g_array_sort (layout->blocks, compare_blocks);
  assign_lanes (layout->blocks);

  return layout;
}

void
hd_agenda_layout_free (HdAgendaLayout *layout)
{
  if (layout == NULL)
    return;
  g_time_zone_unref (layout->tz);
  g_array_unref (layout->days);
  g_ptr_array_unref (layout->columns);
  g_array_unref (layout->blocks);
  g_free (layout);
}

void
hd_agenda_layout_mark_warnings (HdAgendaLayout *layout,
                                GPtrArray      *warnings)
{
  for (guint i = 0; i < layout->blocks->len; i++)
    {
      HdAgendaBlock *block = &g_array_index (layout->blocks, HdAgendaBlock, i);
      const char *id = hd_record_get_id (block->session);

      block->n_warnings = 0;
      for (guint j = 0; warnings != NULL && j < warnings->len; j++)
        {
          HdAgendaWarning *w = g_ptr_array_index (warnings, j);

          if (g_strcmp0 (w->record_id, id) == 0 || g_strcmp0 (w->other_id, id) == 0)
            block->n_warnings++;
        }
    }
}

int
hd_agenda_layout_find_day (const HdAgendaLayout *layout,
                           gint64                t)
{
  return find_day (layout->days, t);
}

int
hd_agenda_layout_find_column (const HdAgendaLayout *layout,
                              const char           *room_id)
{
  return find_column (layout->columns, room_id);
}

int
hd_agenda_layout_first_minute (const HdAgendaLayout *layout,
                               guint                 day)
{
  int first = -1;

  for (guint i = 0; i < layout->blocks->len; i++)
    {
      HdAgendaBlock *block = &g_array_index (layout->blocks, HdAgendaBlock, i);

      if (block->day == day && (first < 0 || block->start_minute < first))
        first = block->start_minute;
    }
  return first;
}

HdRecord *
hd_agenda_layout_place (const HdAgendaLayout *layout,
                        HdRecord             *session,
                        guint                 day,
                        int                   minute,
                        guint                 column,
                        int                   step,
                        gboolean              resize)
{
  const HdAgendaDay *d;
  HdAgendaColumn *c;
  g_autoptr(HdRecord) copy = NULL;
  g_autofree char *s = NULL;
  g_autofree char *e = NULL;
  gint64 starts, ends, new_starts, new_ends;

  if (day >= layout->days->len || column >= layout->columns->len || !span_of (session, &starts, &ends))
    return NULL;
  d = &g_array_index (layout->days, HdAgendaDay, day);
  c = g_ptr_array_index (layout->columns, column);

  if (resize)
    {
      new_starts = starts;
      new_ends = hd_agenda_resize (starts, d, minute, step);
    }
  else
    hd_agenda_move (starts, ends, d, minute, step, &new_starts, &new_ends);

  copy = hd_record_copy (session);
  s = hd_timestamp_format (new_starts);
  e = hd_timestamp_format (new_ends);
  hd_record_set_string (copy, "starts_at", s);
  hd_record_set_string (copy, "ends_at", e);
  if (!resize)
    {
      if (c->room_id != NULL)
        hd_record_set_string (copy, "room_id", c->room_id);
      else
        hd_record_set_null (copy, "room_id");
    }
  return g_steal_pointer (&copy);
}
