/* hd-day-timeline.c — bookings over the hours of a day: a row for each
 * room of a day or for each day of a room, a block for every booking
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The grid, the room names, the hours and the "now" line are drawn by the
 * timeline; every booking is a child widget of its own that draws its
 * block, so that each has an accessible name ("Workshop, 10:00 – 12:00,
 * Werkstatt, Confirmed"), takes the keyboard focus and can be activated
 * with Enter as with a click. Left and Right move between blocks.
 *
 * A drag over empty space selects a span for a new booking; a drag on a
 * block moves it (along its row and to another), a drag on its right
 * edge resizes it; Alt+Left/Right move the focused block by a quarter of
 * an hour, Shift+Alt+Left/Right move its end, Alt+Up/Down move it to the
 * row above or below. The timeline only says what was asked for
 * ("block-moved"); the view checks and saves it. The arithmetic is in
 * src/rooms/hd-booking-move.c.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-day-timeline.h"
#include "hd-booking-move.h"

#define NAME_WIDTH   170
#define HEADER       26
#define ROW_HEIGHT   46
#define HOUR_WIDTH   64
#define FIRST_HOUR   7
#define LAST_HOUR    22   /* the last column ends here */
#define EDGE         8    /* the right edge of a block that resizes it */
#define DRAG_START   5    /* pixels before a press becomes a drag */

static const HdTimeAxis axis = { NAME_WIDTH, HOUR_WIDTH, FIRST_HOUR, LAST_HOUR };

/* The text colour of @widget (gtk_widget_get_color() is GTK 4.10). */
static void
widget_color (GtkWidget *widget,
              GdkRGBA   *out_color)
{
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), out_color);
}

/* ------------------------------------------------------------------ */
/* A block                                                             */

#define HD_TYPE_TIMELINE_BLOCK (hd_timeline_block_get_type ())
G_DECLARE_FINAL_TYPE (HdTimelineBlock, hd_timeline_block, HD, TIMELINE_BLOCK, GtkButton)

struct _HdTimelineBlock
{
  GtkButton  parent_instance;
  HdRecord  *booking;
  gint64     start;
  gint64     end;
  guint      row;
  guint      lane;      /* beside the blocks it overlaps */
  guint      n_lanes;
  /* where keyboard moves asked it to go while they are checked and saved:
   * the next press goes on from there, and the block is drawn there */
  gboolean   pending;
  gint64     pending_start;
  gint64     pending_end;
  guint      pending_row;
  char      *title;
  char      *when;
};

G_DEFINE_FINAL_TYPE (HdTimelineBlock, hd_timeline_block, GTK_TYPE_BUTTON)

static void
hd_timeline_block_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  HdTimelineBlock *self = HD_TIMELINE_BLOCK (widget);
  const char *status = hd_record_get_string (self->booking, "status");
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRoundedRect outline;
  GdkRGBA fill, text;
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *markup = NULL;

  if (g_strcmp0 (status, "cancelled") == 0)
    {
      gdk_rgba_parse (&fill, "rgba(119,118,123,0.25)");
      widget_color (widget, &text);
      text.alpha = 0.6f;
    }
  else if (g_strcmp0 (status, "tentative") == 0)
    {
      gdk_rgba_parse (&fill, "rgba(229,165,10,0.45)");
      widget_color (widget, &text);
    }
  else
    {
      gdk_rgba_parse (&fill, "#3584e4");
      gdk_rgba_parse (&text, "#ffffff");
    }

  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (0, 0, width, height), 6);
  gtk_snapshot_push_rounded_clip (snapshot, &outline);
  gtk_snapshot_append_color (snapshot, &fill, &GRAPHENE_RECT_INIT (0, 0, width, height));

  layout = gtk_widget_create_pango_layout (widget, NULL);
  /* beside another booking there is room for one line */
  if (height < 30)
    markup = g_markup_printf_escaped ("<small><b>%s</b> %s</small>", self->title, self->when);
  else
    markup = g_markup_printf_escaped ("<b>%s</b>\n<small>%s</small>", self->title, self->when);
  pango_layout_set_markup (layout, markup, -1);
  pango_layout_set_width (layout, MAX (width - 8, 1) * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (layout, (height - 4) * PANGO_SCALE);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (4, 2));
  gtk_snapshot_append_layout (snapshot, layout, &text);
  gtk_snapshot_restore (snapshot);
  gtk_snapshot_pop (snapshot);

  if (gtk_widget_has_visible_focus (widget))
    {
      GdkRGBA ring;
      float widths[4] = { 2, 2, 2, 2 };
      GdkRGBA rings[4];

      gdk_rgba_parse (&ring, "#1c71d8");
      if (g_strcmp0 (status, "confirmed") == 0 || status == NULL)
        gdk_rgba_parse (&ring, "#241f31");
      for (guint i = 0; i < 4; i++)
        rings[i] = ring;
      gtk_snapshot_append_border (snapshot, &outline, widths, rings);
    }
}

static void
hd_timeline_block_finalize (GObject *object)
{
  HdTimelineBlock *self = HD_TIMELINE_BLOCK (object);

  g_clear_pointer (&self->booking, hd_record_unref);
  g_free (self->title);
  g_free (self->when);

  G_OBJECT_CLASS (hd_timeline_block_parent_class)->finalize (object);
}

static void
hd_timeline_block_class_init (HdTimelineBlockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = hd_timeline_block_finalize;
  /* a button (Enter, Space, a click and the accessible "click" activate
   * it) that draws itself */
  widget_class->snapshot = hd_timeline_block_snapshot;
  gtk_widget_class_set_css_name (widget_class, "timelineblock");
}

static void
on_block_motion (GtkEventControllerMotion *motion,
                 double                    x,
                 double                    y,
                 HdTimelineBlock          *self)
{
  gboolean edge = x >= gtk_widget_get_width (GTK_WIDGET (self)) - EDGE;

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), edge ? "ew-resize" : "pointer");
}

static void
hd_timeline_block_init (HdTimelineBlock *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");
  g_signal_connect (motion, "motion", G_CALLBACK (on_block_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}

/* ------------------------------------------------------------------ */
/* The timeline                                                        */

HdTimelineRow *
hd_timeline_row_new (HdRecord   *room,
                     const char *label,
                     const char *place,
                     gint64      day_start,
                     gint64      day_end,
                     GArray     *blocks)
{
  HdTimelineRow *row = g_new0 (HdTimelineRow, 1);

  row->room = hd_record_ref (room);
  row->label = g_strdup (label);
  row->place = g_strdup (place);
  row->day_start = day_start;
  row->day_end = day_end;
  row->blocks = blocks != NULL ? g_array_ref (blocks) : NULL;
  return row;
}

void
hd_timeline_row_free (HdTimelineRow *row)
{
  if (row == NULL)
    return;
  hd_record_unref (row->room);
  g_free (row->label);
  g_free (row->place);
  g_clear_pointer (&row->blocks, g_array_unref);
  g_free (row);
}

typedef enum {
  DRAG_NONE,
  DRAG_CREATE,
  DRAG_MOVE,
  DRAG_RESIZE,
} DragKind;

struct _HdDayTimeline
{
  GtkWidget        parent_instance;

  GTimeZone       *tz;
  gint64           day_start;   /* local midnight, as UTC */
  gint64           day_end;
  gint64           now;
  GPtrArray       *rows;        /* HdTimelineRow */

  /* a drag under way */
  DragKind         drag;
  gboolean         dragging;    /* moved far enough to count */
  double           drag_x;
  double           drag_y;
  HdTimelineBlock *drag_block;
  guint            drag_row;    /* where it would go */
  gint64           drag_start;
  gint64           drag_end;

  char            *focus_room_id;
  gint64           focus_start;
};

G_DEFINE_FINAL_TYPE (HdDayTimeline, hd_day_timeline, GTK_TYPE_WIDGET)

enum {
  SIGNAL_BLOCK_ACTIVATED,
  SIGNAL_SLOT_ACTIVATED,
  SIGNAL_SPAN_SELECTED,
  SIGNAL_BLOCK_MOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
n_rows (HdDayTimeline *self)
{
  return self->rows != NULL ? self->rows->len : 0;
}

static HdTimelineRow *
row_at (HdDayTimeline *self,
        guint          r)
{
  return g_ptr_array_index (self->rows, r);
}

/* The row under @y, clamped to the rows there are; -1 without rows. */
static int
row_of_y (HdDayTimeline *self,
          double         y)
{
  int r = (int) ((y - HEADER) / ROW_HEIGHT);

  if (n_rows (self) == 0)
    return -1;
  return CLAMP (r, 0, (int) n_rows (self) - 1);
}

/* x of a time in the day of @row: wall-clock hours from FIRST_HOUR */
static double
x_of (HdDayTimeline *self,
      HdTimelineRow *row,
      gint64         when)
{
  gint64 seconds;

  if (when >= row->day_end)
    seconds = 24 * 3600;
  else if (when <= row->day_start)
    seconds = 0;
  else
    seconds = hd_local_seconds_of_day (self->tz, when);

  return hd_time_axis_x (&axis, seconds);
}

static char *
format_time (GTimeZone *tz,
             gint64     when)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

  /* Translators: a time of day in the day timeline, for g_date_time_format() */
  return g_date_time_format (local, C_("timeline", "%H:%M"));
}

static void
on_block_activate (HdTimelineBlock *block)
{
  HdDayTimeline *self = HD_DAY_TIMELINE (gtk_widget_get_parent (GTK_WIDGET (block)));

  /* the block clicked is the one the keys move once the editor closes */
  gtk_widget_grab_focus (GTK_WIDGET (block));
  g_signal_emit (self, signals[SIGNAL_BLOCK_ACTIVATED], 0, block->booking, block->start,
                 block->end);
}


static void
emit_moved (HdDayTimeline   *self,
            HdTimelineBlock *block,
            guint            to_row,
            gint64           start,
            gint64           end)
{
  g_signal_emit (self, signals[SIGNAL_BLOCK_MOVED], 0, block->booking, block->start,
                 row_at (self, to_row)->room, start, end);
}

/* Alt+Left/Right, Shift+Alt+Left/Right, Alt+Up/Down */
static gboolean
move_by_key (HdDayTimeline   *self,
             HdTimelineBlock *block,
             guint            keyval,
             GdkModifierType  state)
{
  HdMoveKind kind = (state & GDK_SHIFT_MASK) ? HD_MOVE_END : HD_MOVE_WHOLE;
  guint row = block->pending ? block->pending_row : block->row;
  gint64 from_start = block->pending ? block->pending_start : block->start;
  gint64 from_end = block->pending ? block->pending_end : block->end;
  guint to_row = row;
  gint64 delta = 0;
  gint64 start, end;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      delta = -HD_TIMELINE_SNAP;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      delta = HD_TIMELINE_SNAP;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (kind != HD_MOVE_WHOLE || row == 0)
        return TRUE;
      to_row = row - 1;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (kind != HD_MOVE_WHOLE || row + 1 >= n_rows (self))
        return TRUE;
      to_row = row + 1;
      break;
    default:
      return FALSE;
    }

  hd_booking_moved_times (self->tz, from_start, from_end, row_at (self, row)->day_start,
                          row_at (self, to_row)->day_start, delta, kind, HD_TIMELINE_SNAP,
                          &start, &end);
  if (start == from_start && end == from_end && to_row == row)
    return TRUE;

  /* a quick second press goes on from where the first asked to go, even
   * before that is saved */
  block->pending = TRUE;
  block->pending_start = start;
  block->pending_end = end;
  block->pending_row = to_row;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  emit_moved (self, block, to_row, start, end);
  return TRUE;
}

static gboolean
on_block_key (GtkEventControllerKey *controller,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              HdTimelineBlock       *block)
{
  GtkWidget *widget = GTK_WIDGET (block);
  GtkWidget *other = NULL;

  if ((state & GDK_ALT_MASK) != 0 && (state & GDK_CONTROL_MASK) == 0)
    return move_by_key (HD_DAY_TIMELINE (gtk_widget_get_parent (widget)), block, keyval, state);
  if ((state & (GDK_ALT_MASK | GDK_CONTROL_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Right:
      other = gtk_widget_get_next_sibling (widget);
      break;
    case GDK_KEY_Left:
      other = gtk_widget_get_prev_sibling (widget);
      break;
    case GDK_KEY_Down:
    case GDK_KEY_Up:
      /* the first block of the next (previous) row that has one */
      for (other = keyval == GDK_KEY_Down ? gtk_widget_get_next_sibling (widget)
                                          : gtk_widget_get_prev_sibling (widget);
           other != NULL && HD_TIMELINE_BLOCK (other)->row == block->row;
           other = keyval == GDK_KEY_Down ? gtk_widget_get_next_sibling (other)
                                          : gtk_widget_get_prev_sibling (other))
        ;
      break;
    default:
      return FALSE;
    }

  if (other != NULL)
    gtk_widget_grab_focus (other);
  return TRUE;
}

static void
on_grid_released (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  HdDayTimeline   *self)
{
  HdTimelineRow *row;
  int r;
  gint64 seconds;

  if (n_rows (self) == 0 || x < NAME_WIDTH || y < HEADER ||
      y >= HEADER + (double) n_rows (self) * ROW_HEIGHT)
    return;
  r = row_of_y (self, y);
  row = row_at (self, (guint) r);

  /* the full hour clicked */
  seconds = (FIRST_HOUR + (gint64) ((x - NAME_WIDTH) / HOUR_WIDTH)) * 3600;
  if (seconds >= LAST_HOUR * 3600)
    return;

  g_signal_emit (self, signals[SIGNAL_SLOT_ACTIVATED], 0, row->room,
                 hd_local_day_time (self->tz, row->day_start, seconds));
}

/* ---- dragging ---- */

static HdTimelineBlock *
block_at (HdDayTimeline *self,
          double         x,
          double         y)
{
  GtkWidget *widget = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);

  while (widget != NULL && widget != GTK_WIDGET (self) && !HD_IS_TIMELINE_BLOCK (widget))
    widget = gtk_widget_get_parent (widget);
  return widget != NULL && HD_IS_TIMELINE_BLOCK (widget) ? HD_TIMELINE_BLOCK (widget) : NULL;
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               HdDayTimeline  *self)
{
  HdTimelineBlock *block = block_at (self, x, y);

  self->drag = DRAG_NONE;
  self->dragging = FALSE;
  self->drag_block = NULL;
  self->drag_x = x;
  self->drag_y = y;

  if (block != NULL)
    {
      graphene_point_t point;

      self->drag_block = block;
      self->drag = DRAG_MOVE;
      if (gtk_widget_compute_point (GTK_WIDGET (self), GTK_WIDGET (block),
                                    &GRAPHENE_POINT_INIT (x, y), &point) &&
          point.x >= gtk_widget_get_width (GTK_WIDGET (block)) - EDGE)
        self->drag = DRAG_RESIZE;
    }
  else if (n_rows (self) > 0 && x >= NAME_WIDTH && y >= HEADER &&
           y < HEADER + (double) n_rows (self) * ROW_HEIGHT)
    self->drag = DRAG_CREATE;

  if (self->drag == DRAG_NONE)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                HdDayTimeline  *self)
{
  if (self->drag == DRAG_NONE)
    return;
  if (!self->dragging)
    {
      if (ABS (dx) < DRAG_START && ABS (dy) < DRAG_START)
        return;
      /* a drag, not a click: the block's button and the click on an
       * empty hour let go of it */
      self->dragging = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    }

  if (self->drag == DRAG_CREATE)
    {
      gint64 from, until;
      HdTimelineRow *row;

      self->drag_row = (guint) row_of_y (self, self->drag_y);
      row = row_at (self, self->drag_row);
      hd_time_axis_span (&axis, self->drag_x, self->drag_x + dx, HD_TIMELINE_SNAP, &from, &until);
      self->drag_start = hd_local_day_time (self->tz, row->day_start, from);
      self->drag_end = hd_local_day_time (self->tz, row->day_start, until);
    }
  else
    {
      HdTimelineBlock *block = self->drag_block;
      HdMoveKind kind = self->drag == DRAG_RESIZE ? HD_MOVE_END : HD_MOVE_WHOLE;

      self->drag_row = kind == HD_MOVE_END ? block->row
                                           : (guint) row_of_y (self, self->drag_y + dy);
      hd_booking_moved_times (self->tz, block->start, block->end,
                              row_at (self, block->row)->day_start,
                              row_at (self, self->drag_row)->day_start,
                              hd_time_axis_delta (&axis, dx, HD_TIMELINE_SNAP), kind,
                              HD_TIMELINE_SNAP, &self->drag_start, &self->drag_end);
    }

  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             HdDayTimeline  *self)
{
  DragKind drag = self->drag;
  HdTimelineBlock *block = self->drag_block;

  if (!self->dragging || drag == DRAG_NONE)
    {
      self->drag = DRAG_NONE;
      return;
    }

  self->drag = DRAG_NONE;
  self->dragging = FALSE;
  self->drag_block = NULL;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (drag == DRAG_CREATE)
    g_signal_emit (self, signals[SIGNAL_SPAN_SELECTED], 0, row_at (self, self->drag_row)->room,
                   self->drag_start, self->drag_end);
  else if (self->drag_start != block->start || self->drag_end != block->end ||
           self->drag_row != block->row)
    emit_moved (self, block, self->drag_row, self->drag_start, self->drag_end);
}

static void
on_drag_cancel (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                HdDayTimeline    *self)
{
  self->drag = DRAG_NONE;
  self->dragging = FALSE;
  self->drag_block = NULL;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
clear_blocks (HdDayTimeline *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
}

static HdTimelineBlock *
block_new (void)
{
  HdTimelineBlock *block = g_object_new (HD_TYPE_TIMELINE_BLOCK, NULL);
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_accessible_update_property (GTK_ACCESSIBLE (block), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Alt+Left and Alt+Right move the booking by a quarter of an "
                                    "hour, Shift+Alt+Left and Shift+Alt+Right move its end, "
                                    "Alt+Up and Alt+Down move it to the row above or below."),
                                  -1);
  g_signal_connect (block, "clicked", G_CALLBACK (on_block_activate), NULL);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_block_key), block);
  gtk_widget_add_controller (GTK_WIDGET (block), keys);
  return block;
}

/* The blocks are kept and given new bookings where they can be: fewer
 * widgets come and go under a screen reader's feet (GTK 4.8 can hand it
 * a reference to a widget that is just being replaced). */
static void
rebuild (HdDayTimeline *self)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
  HdTimelineBlock *to_focus = NULL;

  /* a drag does not survive new bookings */
  self->drag = DRAG_NONE;
  self->dragging = FALSE;
  self->drag_block = NULL;

  for (guint r = 0; r < n_rows (self); r++)
    {
      HdTimelineRow *row = row_at (self, r);
      GArray *blocks = row->blocks;

      for (guint b = 0; blocks != NULL && b < blocks->len; b++)
        {
          const HdBookingBlock *source = &g_array_index (blocks, HdBookingBlock, b);
          const char *title = hd_record_get_string (source->booking, "title");
          const char *status = hd_record_get_string (source->booking, "status");
          g_autofree char *from = format_time (self->tz, source->start);
          g_autofree char *until = format_time (self->tz, source->end);
          g_autofree char *label = NULL;
          HdTimelineBlock *block;

          if (child != NULL)
            {
              block = HD_TIMELINE_BLOCK (child);
              child = gtk_widget_get_next_sibling (child);
            }
          else
            {
              block = block_new ();
              gtk_widget_set_parent (GTK_WIDGET (block), GTK_WIDGET (self));
            }

          g_clear_pointer (&block->booking, hd_record_unref);
          g_free (block->title);
          g_free (block->when);
          block->booking = hd_record_ref (source->booking);
          block->start = source->start;
          block->end = source->end;
          block->row = r;
          block->pending = FALSE;
          block->lane = source->lane;
          block->n_lanes = MAX (source->n_lanes, 1);
          block->title = g_strdup (title != NULL && *title != '\0' ? title : _("Booking"));
          /* Translators: a time span in the day timeline, e.g. "10:00 – 12:00" */
          block->when = g_strdup_printf (C_("timeline", "%s – %s"), from, until);

          /* Translators: the accessible name of a booking in the day
           * timeline: title, time, room (in a room's week: day and room),
           * status, e.g. "Workshop, 10:00 – 12:00, Werkstatt, Confirmed" */
          label = g_strdup_printf (C_("timeline", "%s, %s, %s, %s"), block->title, block->when,
                                   row->place != NULL ? row->place : "",
                                   status != NULL ? hd_enum_value_label (status) : "");
          gtk_accessible_update_property (GTK_ACCESSIBLE (block),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
          gtk_widget_set_tooltip_text (GTK_WIDGET (block), label);
          gtk_widget_queue_draw (GTK_WIDGET (block));

          if (self->focus_room_id != NULL && to_focus == NULL &&
              source->start == self->focus_start &&
              g_strcmp0 (hd_record_get_id (row->room), self->focus_room_id) == 0)
            to_focus = block;
        }
    }

  /* what is left over */
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      gtk_widget_unparent (child);
      child = next;
    }

  if (to_focus != NULL)
    {
      g_clear_pointer (&self->focus_room_id, g_free);
      gtk_widget_grab_focus (GTK_WIDGET (to_focus));
    }

  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
hd_day_timeline_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  HdDayTimeline *self = HD_DAY_TIMELINE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = NAME_WIDTH + (LAST_HOUR - FIRST_HOUR) * HOUR_WIDTH + 12;
  else
    *minimum = *natural = HEADER + (int) n_rows (self) * ROW_HEIGHT + 6;
}

static void
hd_day_timeline_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  HdDayTimeline *self = HD_DAY_TIMELINE (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      HdTimelineBlock *block = HD_TIMELINE_BLOCK (child);
      gboolean dragged = self->dragging && block == self->drag_block;
      guint r = dragged ? self->drag_row : block->pending ? block->pending_row : block->row;
      HdTimelineRow *row = row_at (self, MIN (r, n_rows (self) - 1));
      double x0 = x_of (self, row, dragged ? self->drag_start
                                           : block->pending ? block->pending_start : block->start);
      double x1 = x_of (self, row, dragged ? self->drag_end
                                           : block->pending ? block->pending_end : block->end);
      GtkAllocation allocation;
      int dummy;

      /* blocks that overlap share the row's height; a dragged one takes
       * all of it */
      guint n_lanes = dragged ? 1 : block->n_lanes;
      guint lane = dragged ? 0 : MIN (block->lane, n_lanes - 1);
      int lane_height = (ROW_HEIGHT - 6) / (int) n_lanes;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &dummy, NULL, NULL, NULL);
      allocation.x = (int) x0 + 1;
      allocation.y = HEADER + (int) r * ROW_HEIGHT + 3 + (int) lane * lane_height;
      allocation.width = MAX ((int) (x1 - x0) - 2, 6);
      allocation.height = MAX (lane_height - (n_lanes > 1 ? 1 : 0), 4);
      gtk_widget_size_allocate (child, &allocation, -1);
    }
}

static void
hd_day_timeline_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  HdDayTimeline *self = HD_DAY_TIMELINE (widget);
  int width = gtk_widget_get_width (widget);
  guint rows = n_rows (self);
  int bottom = HEADER + (int) rows * ROW_HEIGHT;
  GdkRGBA color, line, now_color;

  widget_color (widget, &color);
  line = color;
  line.alpha = 0.12f;
  gdk_rgba_parse (&now_color, "#e01b24");

  /* hours */
  for (int h = FIRST_HOUR; h <= LAST_HOUR; h++)
    {
      double x = NAME_WIDTH + (h - FIRST_HOUR) * HOUR_WIDTH;
      g_autofree char *text = NULL;
      g_autoptr(PangoLayout) layout = NULL;
      GdkRGBA dim = color;

      gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (x, HEADER - 4, 1,
                                                                        bottom - HEADER + 4));
      if (h == LAST_HOUR)
        continue;
      text = g_strdup_printf ("%02d:00", h);
      layout = gtk_widget_create_pango_layout (widget, text);
      dim.alpha = 0.6f;
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + 3, 4));
      gtk_snapshot_append_layout (snapshot, layout, &dim);
      gtk_snapshot_restore (snapshot);
    }

  /* rooms, or days */
  for (guint r = 0; r < rows; r++)
    {
      HdTimelineRow *row = row_at (self, r);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, row->label);
      double y = HEADER + r * ROW_HEIGHT;

      gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (0, y, width, 1));
      pango_layout_set_width (layout, (NAME_WIDTH - 12) * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (6, y + ROW_HEIGHT / 2.0 - 9));
      gtk_snapshot_append_layout (snapshot, layout, &color);
      gtk_snapshot_restore (snapshot);
    }
  gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (0, bottom, width, 1));

  /* the span a drag over empty space selects */
  if (self->dragging && self->drag == DRAG_CREATE)
    {
      HdTimelineRow *row = row_at (self, self->drag_row);
      double x0 = x_of (self, row, self->drag_start);
      double x1 = x_of (self, row, self->drag_end);
      double y = HEADER + self->drag_row * ROW_HEIGHT + 3;
      g_autofree char *from = format_time (self->tz, self->drag_start);
      g_autofree char *until = format_time (self->tz, self->drag_end);
      /* Translators: a time span in the day timeline, e.g. "10:00 – 12:00" */
      g_autofree char *text = g_strdup_printf (C_("timeline", "%s – %s"), from, until);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
      GdkRGBA fill;
      GskRoundedRect outline;

      gdk_rgba_parse (&fill, "rgba(53,132,228,0.35)");
      gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (x0 + 1, y, MAX (x1 - x0 - 2, 6),
                                                                      ROW_HEIGHT - 6), 6);
      gtk_snapshot_push_rounded_clip (snapshot, &outline);
      gtk_snapshot_append_color (snapshot, &fill, &outline.bounds);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x0 + 5, y + 2));
      gtk_snapshot_append_layout (snapshot, layout, &color);
      gtk_snapshot_restore (snapshot);
      gtk_snapshot_pop (snapshot);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_snapshot_child (widget, child, snapshot);

  /* now, across the rows of its day */
  for (guint r = 0; r < rows; r++)
    {
      HdTimelineRow *row = row_at (self, r);
      double x, top;

      if (self->now < row->day_start || self->now >= row->day_end)
        continue;
      x = x_of (self, row, self->now);
      if (x <= NAME_WIDTH || x >= NAME_WIDTH + (LAST_HOUR - FIRST_HOUR) * HOUR_WIDTH)
        continue;
      top = r == 0 ? HEADER - 6 : HEADER + r * ROW_HEIGHT;
      gtk_snapshot_append_color (snapshot, &now_color,
                                 &GRAPHENE_RECT_INIT (x - 1, top, 2,
                                                      HEADER + (r + 1) * ROW_HEIGHT - top));
    }
}

static void
hd_day_timeline_dispose (GObject *object)
{
  HdDayTimeline *self = HD_DAY_TIMELINE (object);

  clear_blocks (self);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->focus_room_id, g_free);

  G_OBJECT_CLASS (hd_day_timeline_parent_class)->dispose (object);
}

static void
hd_day_timeline_class_init (HdDayTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_day_timeline_dispose;
  widget_class->measure = hd_day_timeline_measure;
  widget_class->size_allocate = hd_day_timeline_size_allocate;
  widget_class->snapshot = hd_day_timeline_snapshot;

  signals[SIGNAL_BLOCK_ACTIVATED] =
    g_signal_new ("block-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, HD_TYPE_RECORD, G_TYPE_INT64, G_TYPE_INT64);
  signals[SIGNAL_SLOT_ACTIVATED] =
    g_signal_new ("slot-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, HD_TYPE_RECORD, G_TYPE_INT64);
  signals[SIGNAL_SPAN_SELECTED] =
    g_signal_new ("span-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, HD_TYPE_RECORD, G_TYPE_INT64, G_TYPE_INT64);
  signals[SIGNAL_BLOCK_MOVED] =
    g_signal_new ("block-moved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 5, HD_TYPE_RECORD, G_TYPE_INT64, HD_TYPE_RECORD,
                  G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (widget_class, "daytimeline");
}

static void
hd_day_timeline_init (HdDayTimeline *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->tz = g_time_zone_new_utc ();
  g_signal_connect (click, "released", G_CALLBACK (on_grid_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  /* before the blocks' own click, so that a drag on a block moves it */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  g_signal_connect (drag, "cancel", G_CALLBACK (on_drag_cancel), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

GtkWidget *
hd_day_timeline_new (void)
{
  return g_object_new (HD_TYPE_DAY_TIMELINE, NULL);
}

void
hd_day_timeline_set_day (HdDayTimeline *self,
                         GTimeZone     *tz,
                         gint64         day_start,
                         gint64         day_end,
                         gint64         now)
{
  g_return_if_fail (HD_IS_DAY_TIMELINE (self));

  g_clear_pointer (&self->tz, g_time_zone_unref);
  self->tz = g_time_zone_ref (tz);
  self->day_start = day_start;
  self->day_end = day_end;
  self->now = now;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
hd_day_timeline_set_now (HdDayTimeline *self,
                         gint64         now)
{
  self->now = now;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
hd_day_timeline_set_rooms (HdDayTimeline *self,
                           GPtrArray     *rooms,
                           GPtrArray     *blocks)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_timeline_row_free);

  g_return_if_fail (HD_IS_DAY_TIMELINE (self));

  for (guint r = 0; rooms != NULL && r < rooms->len; r++)
    {
      HdRecord *room = g_ptr_array_index (rooms, r);
      const char *name = hd_record_get_string (room, "name");

      g_ptr_array_add (rows, hd_timeline_row_new (room, name, name, self->day_start, self->day_end,
                                                  blocks != NULL && r < blocks->len
                                                  ? g_ptr_array_index (blocks, r) : NULL));
    }

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = g_steal_pointer (&rows);
  rebuild (self);
}

void
hd_day_timeline_set_rows (HdDayTimeline *self,
                          GTimeZone     *tz,
                          GPtrArray     *rows,
                          gint64         now)
{
  g_return_if_fail (HD_IS_DAY_TIMELINE (self));

  g_clear_pointer (&self->tz, g_time_zone_unref);
  self->tz = g_time_zone_ref (tz);
  self->now = now;
  if (rows != NULL && rows->len > 0)
    {
      HdTimelineRow *first = g_ptr_array_index (rows, 0);

      self->day_start = first->day_start;
      self->day_end = first->day_end;
    }
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = rows != NULL ? g_ptr_array_ref (rows) : NULL;
  rebuild (self);
}

void
hd_day_timeline_focus_block (HdDayTimeline *self,
                             const char    *room_id,
                             gint64         start)
{
  g_return_if_fail (HD_IS_DAY_TIMELINE (self));

  g_free (self->focus_room_id);
  self->focus_room_id = g_strdup (room_id);
  self->focus_start = start;
}

void
hd_day_timeline_forget_moves (HdDayTimeline *self)
{
  g_return_if_fail (HD_IS_DAY_TIMELINE (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    HD_TIMELINE_BLOCK (child)->pending = FALSE;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}
