/* hd-day-timeline.c — a day of rooms: rooms as rows, hours as columns,
 * a block for every booking
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The grid, the room names, the hours and the "now" line are drawn by the
 * timeline; every booking is a child widget of its own that draws its
 * block, so that each has an accessible name ("Workshop, 10:00 – 12:00,
 * Werkstatt, Confirmed"), takes the keyboard focus and can be activated
 * with Enter as with a click. Left and Right move between blocks.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-day-timeline.h"

#define NAME_WIDTH   170
#define HEADER       26
#define ROW_HEIGHT   46
#define HOUR_WIDTH   64
#define FIRST_HOUR   7
#define LAST_HOUR    22   /* the last column ends here */

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
hd_timeline_block_init (HdTimelineBlock *self)
{
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");
}

/* ------------------------------------------------------------------ */
/* The timeline                                                        */

struct _HdDayTimeline
{
  GtkWidget   parent_instance;

  GTimeZone  *tz;
  gint64      day_start;   /* local midnight, as UTC */
  gint64      day_end;
  gint64      now;
  GPtrArray  *rooms;
  GPtrArray  *blocks;
};

G_DEFINE_FINAL_TYPE (HdDayTimeline, hd_day_timeline, GTK_TYPE_WIDGET)

enum {
  SIGNAL_BLOCK_ACTIVATED,
  SIGNAL_SLOT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* x of a time of the day shown: wall-clock hours from FIRST_HOUR */
static double
x_of (HdDayTimeline *self,
      gint64         when)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (CLAMP (when, self->day_start,
                                                                   self->day_end));
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, self->tz);
  double hours;

  if (when >= self->day_end)
    hours = 24;
  else
    hours = g_date_time_get_hour (local) + g_date_time_get_minute (local) / 60.0;
  hours = CLAMP (hours, FIRST_HOUR, LAST_HOUR);

  return NAME_WIDTH + (hours - FIRST_HOUR) * HOUR_WIDTH;
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

  g_signal_emit (self, signals[SIGNAL_BLOCK_ACTIVATED], 0, block->booking, block->start,
                 block->end);
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
  int row;
  gint64 hour;
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) start = NULL;

  if (self->rooms == NULL || x < NAME_WIDTH || y < HEADER)
    return;
  row = (int) ((y - HEADER) / ROW_HEIGHT);
  if (row < 0 || (guint) row >= self->rooms->len)
    return;

  hour = FIRST_HOUR + (gint64) ((x - NAME_WIDTH) / HOUR_WIDTH);
  if (hour >= LAST_HOUR)
    return;
  day = g_date_time_new_from_unix_utc (self->day_start);
  local = g_date_time_to_timezone (day, self->tz);
  start = g_date_time_new (self->tz, g_date_time_get_year (local), g_date_time_get_month (local),
                           g_date_time_get_day_of_month (local), (int) hour, 0, 0);

  g_signal_emit (self, signals[SIGNAL_SLOT_ACTIVATED], 0, g_ptr_array_index (self->rooms, row),
                 g_date_time_to_unix (start));
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

  for (guint r = 0; self->rooms != NULL && r < self->rooms->len; r++)
    {
      HdRecord *room = g_ptr_array_index (self->rooms, r);
      GArray *blocks = self->blocks != NULL && r < self->blocks->len
                       ? g_ptr_array_index (self->blocks, r) : NULL;

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
          block->title = g_strdup (title != NULL && *title != '\0' ? title : _("Booking"));
          /* Translators: a time span in the day timeline, e.g. "10:00 – 12:00" */
          block->when = g_strdup_printf (C_("timeline", "%s – %s"), from, until);

          /* Translators: the accessible name of a booking in the day
           * timeline: title, time, room, status, e.g. "Workshop, 10:00 –
           * 12:00, Werkstatt, Confirmed" */
          label = g_strdup_printf (C_("timeline", "%s, %s, %s, %s"), block->title, block->when,
                                   hd_record_get_string (room, "name"),
                                   status != NULL ? hd_enum_value_label (status) : "");
          gtk_accessible_update_property (GTK_ACCESSIBLE (block),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
          gtk_widget_set_tooltip_text (GTK_WIDGET (block), label);
          gtk_widget_queue_draw (GTK_WIDGET (block));
        }
    }

  /* what is left over */
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      gtk_widget_unparent (child);
      child = next;
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
  guint rows = self->rooms != NULL ? self->rooms->len : 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = NAME_WIDTH + (LAST_HOUR - FIRST_HOUR) * HOUR_WIDTH + 12;
  else
    *minimum = *natural = HEADER + (int) rows * ROW_HEIGHT + 6;
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
      double x0 = x_of (self, block->start);
      double x1 = x_of (self, block->end);
      GtkAllocation allocation;
      int dummy;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &dummy, NULL, NULL, NULL);
      allocation.x = (int) x0 + 1;
      allocation.y = HEADER + (int) block->row * ROW_HEIGHT + 3;
      allocation.width = MAX ((int) (x1 - x0) - 2, 6);
      allocation.height = ROW_HEIGHT - 6;
      gtk_widget_size_allocate (child, &allocation, -1);
    }
}

static void
hd_day_timeline_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  HdDayTimeline *self = HD_DAY_TIMELINE (widget);
  int width = gtk_widget_get_width (widget);
  guint rows = self->rooms != NULL ? self->rooms->len : 0;
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
      g_autofree char *text = g_strdup_printf ("%02d:00", h);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
      GdkRGBA dim = color;

      gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (x, HEADER - 4, 1,
                                                                        bottom - HEADER + 4));
      if (h == LAST_HOUR)
        continue;
      dim.alpha = 0.6f;
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + 3, 4));
      gtk_snapshot_append_layout (snapshot, layout, &dim);
      gtk_snapshot_restore (snapshot);
    }

  /* rooms */
  for (guint r = 0; r < rows; r++)
    {
      HdRecord *room = g_ptr_array_index (self->rooms, r);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget,
                                                                      hd_record_get_string (room, "name"));
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

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_snapshot_child (widget, child, snapshot);

  /* now */
  if (self->now >= self->day_start && self->now < self->day_end)
    {
      double x = x_of (self, self->now);

      if (x > NAME_WIDTH && x < NAME_WIDTH + (LAST_HOUR - FIRST_HOUR) * HOUR_WIDTH)
        gtk_snapshot_append_color (snapshot, &now_color,
                                   &GRAPHENE_RECT_INIT (x - 1, HEADER - 6, 2, bottom - HEADER + 6));
    }
}

static void
hd_day_timeline_dispose (GObject *object)
{
  HdDayTimeline *self = HD_DAY_TIMELINE (object);

  clear_blocks (self);
  g_clear_pointer (&self->rooms, g_ptr_array_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->tz, g_time_zone_unref);

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

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (widget_class, "daytimeline");
}

static void
hd_day_timeline_init (HdDayTimeline *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->tz = g_time_zone_new_utc ();
  g_signal_connect (click, "released", G_CALLBACK (on_grid_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
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
  g_return_if_fail (HD_IS_DAY_TIMELINE (self));

  g_clear_pointer (&self->rooms, g_ptr_array_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  self->rooms = rooms != NULL ? g_ptr_array_ref (rooms) : NULL;
  self->blocks = blocks != NULL ? g_ptr_array_ref (blocks) : NULL;
  rebuild (self);
}
