/* hd-agenda-grid.c — one day of an event's agenda as a time grid: a
 * ruler of hours, a column per room, sessions as blocks sized by their
 * length, to be moved and resized by pointer or keyboard
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layout (days, columns, minutes) comes from src/events
 * (hd-agenda-layout.h); this widget only draws it and turns pointer and
 * keys into grid positions. It scrolls itself, so the room names stay on
 * top and the hours on the left while the blocks scroll under them.
 *
 * Pointer: a drag on empty space asks for a new session there; a drag
 * of a block moves it (time and room), a drag of its bottom edge
 * resizes it; a click on a block activates it. Keyboard: the grid itself
 * takes focus and shows a cell (arrow keys move it, Enter asks for a
 * session there); on a focused block Alt+Up/Down moves it by one step,
 * Alt+Left/Right to the room beside, Shift+Alt+Up/Down changes its end.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "hd-agenda-grid.h"
#include "hd-event-time.h"

#define RULER_WIDTH   64
#define HEADER_HEIGHT 40
#define MIN_COLUMN    150
#define PX_PER_MINUTE 1.4
#define RESIZE_EDGE   12   /* the bottom of a block that resizes it (less on short blocks) */
#define DRAG_START    5
#define NEW_LENGTH    60

typedef enum {
  DRAG_NONE,
  DRAG_CREATE,
  DRAG_MOVE,
  DRAG_RESIZE,
} DragMode;

struct _HdAgendaGrid
{
  GtkWidget       parent_instance;

  HdAgendaLayout *layout;
  GPtrArray      *warnings;
  GHashTable     *names;
  guint           day;
  int             step;

  GtkAdjustment  *hadjustment;
  GtkAdjustment  *vadjustment;
  guint           hscroll_policy : 1;
  guint           vscroll_policy : 1;

  GPtrArray      *blocks;     /* GtkButton *, data "block": index into layout->blocks + 1 */
  GPtrArray      *headers;    /* GtkLabel * */
  GPtrArray      *hours;      /* char *: the wall clock at each hour of the day */
  double          column_width;
  int             pending_scroll;   /* minute to scroll to at the next allocation, or -1 */

  guint           cursor_column;
  int             cursor_minute;
  char           *focus_id;   /* session whose block takes focus when shown again */

  DragMode        drag_mode;
  gboolean        dragging;
  guint           drag_block;
  double          drag_x;     /* where the drag began, in content coordinates */
  double          drag_y;
  int             drag_offset;
  gboolean        preview;
  guint           preview_column;
  int             preview_from;
  int             preview_to;
};

enum {
  PROP_0,
  PROP_HADJUSTMENT,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum { SESSION_ACTIVATED, SESSION_PLACED, CREATE_REQUESTED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE_WITH_CODE (HdAgendaGrid, hd_agenda_grid, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

/* ---- geometry ---- */

static const HdAgendaDay *
current_day (HdAgendaGrid *self)
{
  if (self->layout == NULL || self->day >= self->layout->days->len)
    return NULL;
  return &g_array_index (self->layout->days, HdAgendaDay, self->day);
}

static guint
n_columns (HdAgendaGrid *self)
{
  return self->layout != NULL ? MAX (self->layout->columns->len, 1) : 1;
}

static int
day_minutes (HdAgendaGrid *self)
{
  const HdAgendaDay *day = current_day (self);

  return day != NULL ? day->minutes : 24 * 60;
}

static double
hvalue (HdAgendaGrid *self)
{
  return self->hadjustment != NULL ? gtk_adjustment_get_value (self->hadjustment) : 0;
}

static double
vvalue (HdAgendaGrid *self)
{
  return self->vadjustment != NULL ? gtk_adjustment_get_value (self->vadjustment) : 0;
}

/* Widget coordinates to the grid: a column and a minute of the day. */
static guint
column_at (HdAgendaGrid *self,
           double        content_x)
{
  double c = floor ((content_x - RULER_WIDTH) / self->column_width);

  return (guint) CLAMP (c, 0, (double) n_columns (self) - 1);
}

static int
minute_at (HdAgendaGrid *self,
           double        content_y)
{
  double m = (content_y - HEADER_HEIGHT) / PX_PER_MINUTE;

  return (int) CLAMP (m, 0, day_minutes (self));
}

static HdAgendaBlock *
block_data (HdAgendaGrid *self,
            GtkWidget    *button)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "block"));

  if (index == 0 || self->layout == NULL || index > self->layout->blocks->len)
    return NULL;
  return &g_array_index (self->layout->blocks, HdAgendaBlock, index - 1);
}

/* The session's own start and end in minutes of the day shown (they may
 * lie outside it when the session crosses midnight). */
static void
session_minutes (HdAgendaGrid *self,
                 HdRecord     *session,
                 int          *start,
                 int          *end)
{
  const HdAgendaDay *day = current_day (self);
  gint64 s = 0, e = 0;

  hd_timestamp_parse (hd_record_get_string (session, "starts_at"), &s);
  hd_timestamp_parse (hd_record_get_string (session, "ends_at"), &e);
  *start = day != NULL ? (int) floor ((double) (s - day->start) / 60) : 0;
  *end = day != NULL ? (int) ceil ((double) (e - day->start) / 60) : 0;
}

/* ---- scrolling ---- */

static void
on_adjustment_changed (HdAgendaGrid *self)
{
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
set_adjustment (HdAgendaGrid   *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment)
{
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  if (*slot == adjustment)
    return;
  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, on_adjustment_changed, self);
      g_object_unref (*slot);
    }
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (on_adjustment_changed), self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
configure (HdAgendaGrid  *self,
           GtkAdjustment *adjustment,
           double         page,
           double         upper)
{
  double value = gtk_adjustment_get_value (adjustment);

  g_signal_handlers_block_by_func (adjustment, on_adjustment_changed, self);
  value = CLAMP (value, 0, MAX (0, upper - page));
  gtk_adjustment_configure (adjustment, value, 0, MAX (upper, page), page * 0.1, page * 0.9, page);
  g_signal_handlers_unblock_by_func (adjustment, on_adjustment_changed, self);
}

/* Keeps a rectangle of content coordinates in view. */
static void
scroll_into_view (HdAgendaGrid *self,
                  double        x,
                  double        y,
                  double        width,
                  double        height)
{
  double hv = hvalue (self), vv = vvalue (self);
  double w = gtk_widget_get_width (GTK_WIDGET (self)) - RULER_WIDTH;
  double h = gtk_widget_get_height (GTK_WIDGET (self)) - HEADER_HEIGHT;

  if (self->hadjustment != NULL && w > 0)
    {
      if (x - RULER_WIDTH < hv)
        gtk_adjustment_set_value (self->hadjustment, x - RULER_WIDTH);
      else if (x - RULER_WIDTH + width > hv + w)
        gtk_adjustment_set_value (self->hadjustment, x - RULER_WIDTH + width - w);
    }
  if (self->vadjustment != NULL && h > 0)
    {
      if (y - HEADER_HEIGHT < vv)
        gtk_adjustment_set_value (self->vadjustment, y - HEADER_HEIGHT);
      else if (y - HEADER_HEIGHT + height > vv + h)
        gtk_adjustment_set_value (self->vadjustment, y - HEADER_HEIGHT + height - h);
    }
}

/* ---- texts ---- */

static char *
clock_of (HdAgendaGrid *self,
          gint64        t)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, self->layout->tz);

  return g_date_time_format (local, "%H:%M");
}

static const char *
column_name (HdAgendaGrid *self,
             guint         column)
{
  HdAgendaColumn *c;

  if (self->layout == NULL || column >= self->layout->columns->len)
    return _("No room");
  c = g_ptr_array_index (self->layout->columns, column);
  if (c->room_id == NULL)
    return _("No room");
  return c->name != NULL ? c->name : _("Unknown room");
}

static char *
speakers_of (HdAgendaGrid *self,
             HdRecord     *session)
{
  const char **speakers = hd_record_get_strv (session, "speaker_ids");
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; speakers != NULL && speakers[i] != NULL; i++)
    {
      const char *name = self->names != NULL ? g_hash_table_lookup (self->names, speakers[i]) : NULL;

      g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", name != NULL ? name : _("Unknown person"));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* What a screen reader says after the title: time, room, track,
 * speakers and the warnings about it. */
static char *
describe (HdAgendaGrid  *self,
          HdAgendaBlock *block,
          const char    *times)
{
  HdRecord *session = block->session;
  const char *id = hd_record_get_id (session);
  const char *track = hd_record_get_string (session, "track");
  g_autofree char *speakers = speakers_of (self, session);
  g_autoptr(GString) text = g_string_new (NULL);

  /* TRANSLATORS: a session's time and room, as "14:00–15:00, Saal" */
  g_string_append_printf (text, _("%s, %s"), times, column_name (self, block->column));
  if (g_strcmp0 (hd_record_get_string (session, "kind"), "break") == 0)
    g_string_append_printf (text, ", %s", _("break"));
  if (track != NULL)
    g_string_append_printf (text, ", %s", track);
  if (*speakers != '\0')
    /* TRANSLATORS: who speaks in a session */
    g_string_append_printf (text, ", %s", speakers);
  for (guint i = 0; self->warnings != NULL && i < self->warnings->len; i++)
    {
      HdAgendaWarning *w = g_ptr_array_index (self->warnings, i);

      if (g_strcmp0 (w->record_id, id) == 0 || g_strcmp0 (w->other_id, id) == 0)
        /* TRANSLATORS: a warning about a session, read after its time and room */
        g_string_append_printf (text, ". %s %s", _("Warning:"), w->message);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_cursor_description (HdAgendaGrid *self)
{
  const HdAgendaDay *day = current_day (self);
  g_autofree char *clock = NULL;
  g_autofree char *text = NULL;

  if (day == NULL)
    return;
  clock = clock_of (self, day->start + (gint64) self->cursor_minute * 60);
  /* TRANSLATORS: the focused cell of the agenda grid: room and time */
  text = g_strdup_printf (_("%s at %s. Press Enter to add a session here."),
                          column_name (self, self->cursor_column), clock);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

/* ---- children ---- */

static void
on_block_clicked (HdAgendaGrid *self,
                  GtkButton    *button)
{
  HdAgendaBlock *block = block_data (self, GTK_WIDGET (button));

  if (block != NULL)
    g_signal_emit (self, signals[SESSION_ACTIVATED], 0, block->session);
}

static GtkWidget *
small_label (const char *text,
             const char *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, css);
  return label;
}

static GtkWidget *
make_block (HdAgendaGrid  *self,
            HdAgendaBlock *block,
            guint          index)
{
  HdRecord *session = block->session;
  const char *title = hd_record_get_string (session, "title");
  const char *track = hd_record_get_string (session, "track");
  gint64 s = 0, e = 0;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *times = NULL;
  g_autofree char *description = NULL;
  g_autofree char *speakers = speakers_of (self, session);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label;
  int height = (int) ((block->end_minute - block->start_minute) * PX_PER_MINUTE) - 6;

  hd_timestamp_parse (hd_record_get_string (session, "starts_at"), &s);
  hd_timestamp_parse (hd_record_get_string (session, "ends_at"), &e);
  from = clock_of (self, s);
  to = clock_of (self, e);
  times = g_strdup_printf ("%s–%s", from, to);

  /* as much as its height holds: a short block shows time and title
   * in one line, a longer one adds speakers and track */
  if (height < 40)
    {
      g_autofree char *line = g_strdup_printf ("%s %s", from, title != NULL ? title : _("Untitled session"));

      label = small_label (line, "caption-heading");
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (top), label);
    }
  else
    {
      label = small_label (times, "caption");
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (top), label);
    }
  if (block->n_warnings > 0)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_box_append (GTK_BOX (top), icon);
    }
  gtk_box_append (GTK_BOX (box), top);

  if (height >= 40)
    {
      int lines = CLAMP ((height - 40) / 18 + 1, 1, 3);

      label = gtk_label_new (title != NULL ? title : _("Untitled session"));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), lines > 1);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_lines (GTK_LABEL (label), lines);
      gtk_widget_add_css_class (label, "heading");
      gtk_box_append (GTK_BOX (box), label);
    }
  if (*speakers != '\0' && height >= 64)
    gtk_box_append (GTK_BOX (box), small_label (speakers, "caption"));
  if (track != NULL && height >= 80)
    gtk_box_append (GTK_BOX (box), small_label (track, "caption-heading"));

  gtk_widget_set_valign (box, GTK_ALIGN_START);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_set_overflow (button, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (button, "agenda-block");
  if (g_strcmp0 (hd_record_get_string (session, "kind"), "break") == 0)
    gtk_widget_add_css_class (button, "agenda-break");
  if (block->n_warnings > 0)
    gtk_widget_add_css_class (button, "agenda-warning");
  if (block->continued)
    gtk_widget_add_css_class (button, "continued");
  if (block->continues)
    gtk_widget_add_css_class (button, "continues");
  gtk_widget_set_tooltip_text (button, title);

  description = describe (self, block, times);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title != NULL ? title : _("Untitled session"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  g_object_set_data (G_OBJECT (button), "block", GUINT_TO_POINTER (index + 1));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_block_clicked), self);
  return button;
}

static void
clear_children (HdAgendaGrid *self)
{
  for (guint i = 0; i < self->blocks->len; i++)
    gtk_widget_unparent (g_ptr_array_index (self->blocks, i));
  for (guint i = 0; i < self->headers->len; i++)
    gtk_widget_unparent (g_ptr_array_index (self->headers, i));
  g_ptr_array_set_size (self->blocks, 0);
  g_ptr_array_set_size (self->headers, 0);
}

static void
rebuild (HdAgendaGrid *self)
{
  const HdAgendaDay *day = current_day (self);
  GtkWidget *focus_block = NULL;

  clear_children (self);
  g_ptr_array_set_size (self->hours, 0);
  if (self->layout == NULL)
    {
      gtk_widget_queue_resize (GTK_WIDGET (self));
      return;
    }

  for (guint i = 0; i < self->layout->blocks->len; i++)
    {
      HdAgendaBlock *block = &g_array_index (self->layout->blocks, HdAgendaBlock, i);
      GtkWidget *button;

      if (block->day != self->day)
        continue;
      button = make_block (self, block, i);
      gtk_widget_set_parent (button, GTK_WIDGET (self));
      g_ptr_array_add (self->blocks, button);
      if (self->focus_id != NULL && g_str_equal (self->focus_id, hd_record_get_id (block->session)))
        focus_block = button;
    }

  for (guint c = 0; c < n_columns (self); c++)
    {
      GtkWidget *label = gtk_label_new (column_name (self, c));

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_add_css_class (label, "agenda-header");
      gtk_widget_set_parent (label, GTK_WIDGET (self));
      g_ptr_array_add (self->headers, label);
    }

  for (int m = 0; day != NULL && m < day->minutes; m += 60)
    g_ptr_array_add (self->hours, clock_of (self, day->start + (gint64) m * 60));

  self->cursor_column = MIN (self->cursor_column, n_columns (self) - 1);
  self->cursor_minute = CLAMP (self->cursor_minute, 0, day_minutes (self) - self->step);
  update_cursor_description (self);

  if (focus_block != NULL)
    gtk_widget_grab_focus (focus_block);
  g_clear_pointer (&self->focus_id, g_free);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* ---- moving and resizing ---- */

static void
place (HdAgendaGrid  *self,
       HdAgendaBlock *block,
       int            minute,
       guint          column,
       int            step,
       gboolean       resize)
{
  g_autoptr(HdRecord) placed = NULL;

  if (self->layout == NULL)
    return;
  placed = hd_agenda_layout_place (self->layout, block->session, self->day, minute, column, step, resize);
  if (placed == NULL)
    return;
  if (g_strcmp0 (hd_record_get_string (placed, "starts_at"), hd_record_get_string (block->session, "starts_at")) == 0
      && g_strcmp0 (hd_record_get_string (placed, "ends_at"), hd_record_get_string (block->session, "ends_at")) == 0
      && g_strcmp0 (hd_record_get_string (placed, "room_id"), hd_record_get_string (block->session, "room_id")) == 0)
    return;
  g_free (self->focus_id);
  self->focus_id = g_strdup (hd_record_get_id (block->session));
  g_signal_emit (self, signals[SESSION_PLACED], 0, placed);
}

static void
request_create (HdAgendaGrid *self,
                guint         column,
                int           from,
                int           to)
{
  const HdAgendaDay *day = current_day (self);
  HdAgendaColumn *c;

  if (day == NULL || self->layout == NULL || column >= self->layout->columns->len)
    return;
  c = g_ptr_array_index (self->layout->columns, column);
  from = hd_agenda_snap (from, self->step);
  to = MAX (hd_agenda_snap (to, self->step), from + self->step);
  g_signal_emit (self, signals[CREATE_REQUESTED], 0,
                 day->start + (gint64) from * 60, day->start + (gint64) to * 60, c->room_id);
}

static GtkWidget *
block_at (HdAgendaGrid *self,
          double        x,
          double        y)
{
  GtkWidget *child = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);

  while (child != NULL && gtk_widget_get_parent (child) != GTK_WIDGET (self))
    child = gtk_widget_get_parent (child);
  if (child != NULL && g_ptr_array_find (self->blocks, child, NULL))
    return child;
  return NULL;
}

static gboolean
on_resize_edge (const graphene_rect_t *bounds,
                double                 y)
{
  double edge = MIN (RESIZE_EDGE, bounds->size.height / 4);

  return y >= bounds->origin.y + bounds->size.height - edge;
}

/* The pointer shows what a drag would do: resize at a block's bottom
 * edge, move elsewhere on it. */
static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           HdAgendaGrid             *self)
{
  GtkWidget *button = self->drag_mode == DRAG_NONE ? block_at (self, x, y) : NULL;
  graphene_rect_t bounds;

  if (button == NULL || !gtk_widget_compute_bounds (button, GTK_WIDGET (self), &bounds))
    return;
  gtk_widget_set_cursor_from_name (button, on_resize_edge (&bounds, y) && !block_data (self, button)->continues
                                           ? "ns-resize" : "grab");
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               HdAgendaGrid   *self)
{
  GtkWidget *button;

  self->drag_mode = DRAG_NONE;
  self->dragging = FALSE;
  self->preview = FALSE;
  if (self->layout == NULL || current_day (self) == NULL || x < RULER_WIDTH || y < HEADER_HEIGHT)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  /* ours from the start: a click on a block activates it on release */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);

  self->drag_x = x + hvalue (self);
  self->drag_y = y + vvalue (self);
  button = block_at (self, x, y);
  if (button != NULL)
    {
      HdAgendaBlock *block = block_data (self, button);
      graphene_rect_t bounds;
      int start, end;

      if (!gtk_widget_compute_bounds (button, GTK_WIDGET (self), &bounds) || block == NULL)
        return;
      gtk_widget_grab_focus (button);
      self->drag_block = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "block"));
      session_minutes (self, block->session, &start, &end);
      if (on_resize_edge (&bounds, y) && !block->continues)
        self->drag_mode = DRAG_RESIZE;
      else
        self->drag_mode = DRAG_MOVE;
      self->drag_offset = minute_at (self, self->drag_y) - start;
    }
  else
    self->drag_mode = DRAG_CREATE;
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                HdAgendaGrid   *self)
{
  double x = self->drag_x + dx, y = self->drag_y + dy;
  HdAgendaBlock *block;
  int start, end;

  if (self->drag_mode == DRAG_NONE)
    return;
  if (!self->dragging && hypot (dx, dy) < DRAG_START)
    return;
  self->dragging = TRUE;
  self->preview = TRUE;

  switch (self->drag_mode)
    {
    case DRAG_CREATE:
      {
        int a = hd_agenda_snap (minute_at (self, self->drag_y), self->step);
        int b = hd_agenda_snap (minute_at (self, y), self->step);

        self->preview_column = column_at (self, self->drag_x);
        self->preview_from = MIN (a, b);
        self->preview_to = MAX (MAX (a, b), MIN (a, b) + self->step);
      }
      break;
    case DRAG_MOVE:
      block = &g_array_index (self->layout->blocks, HdAgendaBlock, self->drag_block - 1);
      session_minutes (self, block->session, &start, &end);
      self->preview_column = column_at (self, x);
      self->preview_from = hd_agenda_snap (minute_at (self, y) - self->drag_offset, self->step);
      self->preview_to = self->preview_from + (end - start);
      break;
    case DRAG_RESIZE:
      block = &g_array_index (self->layout->blocks, HdAgendaBlock, self->drag_block - 1);
      session_minutes (self, block->session, &start, &end);
      self->preview_column = block->column;
      self->preview_from = MAX (start, 0);
      self->preview_to = MAX (hd_agenda_snap (minute_at (self, y), self->step), start + self->step);
      break;
    case DRAG_NONE:
    default:
      break;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             HdAgendaGrid   *self)
{
  DragMode mode = self->drag_mode;
  gboolean dragged = self->dragging;
  HdAgendaBlock *block = NULL;

  self->drag_mode = DRAG_NONE;
  self->dragging = FALSE;
  self->preview = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->layout == NULL)
    return;
  if (mode == DRAG_MOVE || mode == DRAG_RESIZE)
    block = &g_array_index (self->layout->blocks, HdAgendaBlock, self->drag_block - 1);

  if (!dragged)
    {
      if (block != NULL)
        {
          for (guint i = 0; i < self->blocks->len; i++)
            if (block_data (self, g_ptr_array_index (self->blocks, i)) == block)
              g_signal_emit_by_name (g_ptr_array_index (self->blocks, i), "clicked");
        }
      else if (mode == DRAG_CREATE)
        {
          self->cursor_column = column_at (self, self->drag_x);
          self->cursor_minute = (minute_at (self, self->drag_y) / self->step) * self->step;
          update_cursor_description (self);
          gtk_widget_grab_focus (GTK_WIDGET (self));
          gtk_widget_queue_draw (GTK_WIDGET (self));
        }
      return;
    }

  switch (mode)
    {
    case DRAG_CREATE:
      request_create (self, self->preview_column, self->preview_from, self->preview_to);
      break;
    case DRAG_MOVE:
      place (self, block, self->preview_from, self->preview_column, self->step, FALSE);
      break;
    case DRAG_RESIZE:
      place (self, block, self->preview_to, block->column, self->step, TRUE);
      break;
    case DRAG_NONE:
    default:
      break;
    }
}

static void
on_drag_cancel (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                HdAgendaGrid     *self)
{
  self->drag_mode = DRAG_NONE;
  self->dragging = FALSE;
  self->preview = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- keyboard ---- */

static void
show_cursor (HdAgendaGrid *self)
{
  update_cursor_description (self);
  scroll_into_view (self, RULER_WIDTH + self->cursor_column * self->column_width,
                    HEADER_HEIGHT + self->cursor_minute * PX_PER_MINUTE,
                    self->column_width, self->step * PX_PER_MINUTE);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
block_key (HdAgendaGrid    *self,
           GtkWidget       *button,
           guint            keyval,
           GdkModifierType  state)
{
  HdAgendaBlock *block = block_data (self, button);
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;
  int start, end;

  if (block == NULL || (state & GDK_ALT_MASK) == 0 || (state & GDK_CONTROL_MASK) != 0)
    return FALSE;
  session_minutes (self, block->session, &start, &end);

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (shift)
        place (self, block, end - self->step, block->column, self->step, TRUE);
      else
        place (self, block, start - self->step, block->column, self->step, FALSE);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (shift)
        place (self, block, end + self->step, block->column, self->step, TRUE);
      else
        place (self, block, start + self->step, block->column, self->step, FALSE);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      if (!shift && block->column > 0)
        place (self, block, start, block->column - 1, 1, FALSE);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      if (!shift && block->column + 1 < n_columns (self))
        place (self, block, start, block->column + 1, 1, FALSE);
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                HdAgendaGrid          *self)
{
  GtkWidget *focus = gtk_widget_get_focus_child (GTK_WIDGET (self));

  if (self->layout == NULL)
    return FALSE;
  if (focus != NULL && g_ptr_array_find (self->blocks, focus, NULL))
    return block_key (self, focus, keyval, state);
  if (!gtk_widget_has_focus (GTK_WIDGET (self)) || (state & (GDK_ALT_MASK | GDK_CONTROL_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      self->cursor_minute = MAX (0, self->cursor_minute - self->step);
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      self->cursor_minute = MIN (day_minutes (self) - self->step, self->cursor_minute + self->step);
      break;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      if (self->cursor_column > 0)
        self->cursor_column--;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      if (self->cursor_column + 1 < n_columns (self))
        self->cursor_column++;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
      request_create (self, self->cursor_column, self->cursor_minute,
                      self->cursor_minute + MAX (NEW_LENGTH, self->step));
      return TRUE;
    default:
      return FALSE;
    }
  show_cursor (self);
  return TRUE;
}

static void
on_focus_changed (HdAgendaGrid *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- GtkWidget ---- */

static void
hd_agenda_grid_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  HdAgendaGrid *self = HD_AGENDA_GRID (widget);

  /* the grid's size does not depend on its blocks: they are measured
   * when they are placed */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = RULER_WIDTH + MIN_COLUMN;
      *natural = RULER_WIDTH + (int) n_columns (self) * MIN_COLUMN;
    }
  else
    {
      *minimum = HEADER_HEIGHT + 120;
      *natural = HEADER_HEIGHT + (int) ceil (day_minutes (self) * PX_PER_MINUTE);
    }
}

static void
hd_agenda_grid_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  HdAgendaGrid *self = HD_AGENDA_GRID (widget);
  guint columns = n_columns (self);
  double content_width, content_height, hv, vv;

  self->column_width = MAX ((double) MIN_COLUMN, floor ((double) (width - RULER_WIDTH) / columns));
  content_width = RULER_WIDTH + self->column_width * columns;
  content_height = HEADER_HEIGHT + ceil (day_minutes (self) * PX_PER_MINUTE);

  if (self->hadjustment != NULL)
    configure (self, self->hadjustment, width, content_width);
  if (self->vadjustment != NULL)
    {
      if (self->pending_scroll >= 0 && self->layout != NULL)
        {
          double target = self->pending_scroll * PX_PER_MINUTE - 12;

          configure (self, self->vadjustment, height, content_height);
          g_signal_handlers_block_by_func (self->vadjustment, on_adjustment_changed, self);
          gtk_adjustment_set_value (self->vadjustment, MAX (0, target));
          g_signal_handlers_unblock_by_func (self->vadjustment, on_adjustment_changed, self);
          self->pending_scroll = -1;
        }
      configure (self, self->vadjustment, height, content_height);
    }
  hv = hvalue (self);
  vv = vvalue (self);

  for (guint c = 0; c < self->headers->len; c++)
    {
      GtkAllocation a = {
        .x = (int) (RULER_WIDTH + c * self->column_width - hv) + 6,
        .y = 0,
        .width = (int) self->column_width - 12,
        .height = HEADER_HEIGHT,
      };
      int min_w;

      gtk_widget_measure (g_ptr_array_index (self->headers, c), GTK_ORIENTATION_HORIZONTAL, -1,
                          &min_w, NULL, NULL, NULL);
      a.width = MAX (a.width, min_w);
      gtk_widget_size_allocate (g_ptr_array_index (self->headers, c), &a, -1);
    }

  for (guint i = 0; i < self->blocks->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->blocks, i);
      HdAgendaBlock *block = block_data (self, button);
      double lane_width;
      GtkAllocation a;
      int min_w, min_h;

      if (block == NULL)
        continue;
      lane_width = (self->column_width - 6) / MAX (block->n_lanes, 1);
      a.x = (int) (RULER_WIDTH + block->column * self->column_width + 3 + block->lane * lane_width - hv);
      a.y = (int) (HEADER_HEIGHT + block->start_minute * PX_PER_MINUTE - vv) + 1;
      a.width = (int) lane_width - 2;
      a.height = (int) ((block->end_minute - block->start_minute) * PX_PER_MINUTE) - 2;
      gtk_widget_measure (button, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
      a.width = MAX (a.width, min_w);
      gtk_widget_measure (button, GTK_ORIENTATION_VERTICAL, a.width, &min_h, NULL, NULL, NULL);
      a.height = MAX (a.height, min_h);
      gtk_widget_size_allocate (button, &a, -1);
    }
}

static void
append_rect (GtkSnapshot   *snapshot,
             const GdkRGBA *color,
             double         x,
             double         y,
             double         width,
             double         height)
{
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, width, height));
}

static void
outline (GtkSnapshot   *snapshot,
         const GdkRGBA *fill,
         const GdkRGBA *line,
         double         x,
         double         y,
         double         width,
         double         height)
{
  GskRoundedRect rect;
  const float widths[4] = { 2, 2, 2, 2 };
  const GdkRGBA colors[4] = { *line, *line, *line, *line };

  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (x, y, width, height), 6);
  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  append_rect (snapshot, fill, x, y, width, height);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &rect, widths, colors);
}

static void
hd_agenda_grid_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  HdAgendaGrid *self = HD_AGENDA_GRID (widget);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  double hv = hvalue (self), vv = vvalue (self);
  int minutes = day_minutes (self);
  GdkRGBA fg, bg, accent, line, faint, fill;

  gtk_style_context_get_color (style, &fg);
  if (!gtk_style_context_lookup_color (style, "view_bg_color", &bg))
    bg = (GdkRGBA) { 1, 1, 1, 1 };
  if (!gtk_style_context_lookup_color (style, "accent_color", &accent))
    accent = (GdkRGBA) { 0.21, 0.52, 0.89, 1 };
  line = fg;
  line.alpha = 0.15;
  faint = fg;
  faint.alpha = 0.06;
  fill = accent;
  fill.alpha = 0.2;

  append_rect (snapshot, &bg, 0, 0, width, height);

  /* the grid: hours and half hours, columns */
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (RULER_WIDTH, HEADER_HEIGHT,
                                                         MAX (0, width - RULER_WIDTH),
                                                         MAX (0, height - HEADER_HEIGHT)));
  for (int m = 0; m <= minutes; m += 30)
    {
      double y = HEADER_HEIGHT + m * PX_PER_MINUTE - vv;

      if (y >= HEADER_HEIGHT - 1 && y <= height)
        append_rect (snapshot, m % 60 == 0 ? &line : &faint, RULER_WIDTH, y, width - RULER_WIDTH, 1);
    }
  for (guint c = 1; c <= n_columns (self); c++)
    append_rect (snapshot, &line, RULER_WIDTH + c * self->column_width - hv, HEADER_HEIGHT, 1, height);

  if (gtk_widget_has_focus (widget) && self->layout != NULL)
    outline (snapshot, &fill, &accent,
             RULER_WIDTH + self->cursor_column * self->column_width - hv + 2,
             HEADER_HEIGHT + self->cursor_minute * PX_PER_MINUTE - vv,
             self->column_width - 4, self->step * PX_PER_MINUTE);

  for (guint i = 0; i < self->blocks->len; i++)
    gtk_widget_snapshot_child (widget, g_ptr_array_index (self->blocks, i), snapshot);

  if (self->preview)
    outline (snapshot, &fill, &accent,
             RULER_WIDTH + self->preview_column * self->column_width - hv + 3,
             HEADER_HEIGHT + self->preview_from * PX_PER_MINUTE - vv,
             self->column_width - 6, (self->preview_to - self->preview_from) * PX_PER_MINUTE);
  gtk_snapshot_pop (snapshot);

  /* room names on top */
  append_rect (snapshot, &bg, 0, 0, width, HEADER_HEIGHT);
  append_rect (snapshot, &line, 0, HEADER_HEIGHT - 1, width, 1);
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (RULER_WIDTH, 0, MAX (0, width - RULER_WIDTH), HEADER_HEIGHT));
  for (guint i = 0; i < self->headers->len; i++)
    gtk_widget_snapshot_child (widget, g_ptr_array_index (self->headers, i), snapshot);
  gtk_snapshot_pop (snapshot);

  /* hours on the left, as the wall clock shows them (twice 02:00 on the
   * day the clocks go back) */
  append_rect (snapshot, &bg, 0, HEADER_HEIGHT, RULER_WIDTH, height - HEADER_HEIGHT);
  append_rect (snapshot, &line, RULER_WIDTH - 1, 0, 1, height);
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, HEADER_HEIGHT, RULER_WIDTH, MAX (0, height - HEADER_HEIGHT)));
  fg.alpha = 0.6;
  for (guint h = 0; h < self->hours->len; h++)
    {
      double y = HEADER_HEIGHT + h * 60 * PX_PER_MINUTE - vv;
      PangoLayout *text;
      int tw, th;

      if (y < HEADER_HEIGHT - 30 || y > height + 10)
        continue;
      text = gtk_widget_create_pango_layout (widget, g_ptr_array_index (self->hours, h));
      pango_layout_get_pixel_size (text, &tw, &th);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (RULER_WIDTH - 8 - tw, MAX (y - th / 2.0, y + 2 - (h == 0 ? 0 : th / 2.0))));
      gtk_snapshot_append_layout (snapshot, text, &fg);
      gtk_snapshot_restore (snapshot);
      g_object_unref (text);
    }
  gtk_snapshot_pop (snapshot);
}

/* ---- GObject ---- */

static void
hd_agenda_grid_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HdAgendaGrid *self = HD_AGENDA_GRID (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_agenda_grid_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HdAgendaGrid *self = HD_AGENDA_GRID (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_agenda_grid_dispose (GObject *object)
{
  HdAgendaGrid *self = HD_AGENDA_GRID (object);

  clear_children (self);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, on_adjustment_changed, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, on_adjustment_changed, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);

  G_OBJECT_CLASS (hd_agenda_grid_parent_class)->dispose (object);
}

static void
hd_agenda_grid_finalize (GObject *object)
{
  HdAgendaGrid *self = HD_AGENDA_GRID (object);

  g_clear_pointer (&self->layout, hd_agenda_layout_free);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->headers, g_ptr_array_unref);
  g_clear_pointer (&self->hours, g_ptr_array_unref);
  g_clear_pointer (&self->focus_id, g_free);

  G_OBJECT_CLASS (hd_agenda_grid_parent_class)->finalize (object);
}

static void
hd_agenda_grid_class_init (HdAgendaGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = hd_agenda_grid_get_property;
  object_class->set_property = hd_agenda_grid_set_property;
  object_class->dispose = hd_agenda_grid_dispose;
  object_class->finalize = hd_agenda_grid_finalize;

  widget_class->measure = hd_agenda_grid_measure;
  widget_class->size_allocate = hd_agenda_grid_size_allocate;
  widget_class->snapshot = hd_agenda_grid_snapshot;

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  signals[SESSION_ACTIVATED] = g_signal_new ("session-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[SESSION_PLACED] = g_signal_new ("session-placed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[CREATE_REQUESTED] = g_signal_new ("create-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                            G_TYPE_INT64, G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "hdagendagrid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
hd_agenda_grid_init (HdAgendaGrid *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->step = HD_AGENDA_STEP_DEFAULT;
  self->blocks = g_ptr_array_new ();
  self->headers = g_ptr_array_new ();
  self->hours = g_ptr_array_new_with_free_func (g_free);
  self->column_width = MIN_COLUMN;
  self->pending_scroll = -1;
  self->cursor_minute = 9 * 60;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Sessions by room and time"), -1);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drag), GTK_PHASE_CAPTURE);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  g_signal_connect (drag, "cancel", G_CALLBACK (on_drag_cancel), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  g_signal_connect_swapped (focus, "enter", G_CALLBACK (on_focus_changed), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}

GtkWidget *
hd_agenda_grid_new (void)
{
  return g_object_new (HD_TYPE_AGENDA_GRID, NULL);
}

void
hd_agenda_grid_set_layout (HdAgendaGrid   *self,
                           HdAgendaLayout *layout,
                           GPtrArray      *warnings,
                           GHashTable     *names)
{
  GtkWidget *focus;
  GtkRoot *root;

  g_return_if_fail (HD_IS_AGENDA_GRID (self));

  /* a block keeps focus across a new layout (after it was moved, say) */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (self->focus_id == NULL && focus != NULL)
    for (guint i = 0; i < self->blocks->len; i++)
      {
        GtkWidget *button = g_ptr_array_index (self->blocks, i);
        HdAgendaBlock *block = block_data (self, button);

        if (block != NULL && (focus == button || gtk_widget_is_ancestor (focus, button)))
          self->focus_id = g_strdup (hd_record_get_id (block->session));
      }
  if (self->focus_id != NULL && !gtk_widget_has_focus (GTK_WIDGET (self)))
    {
      /* keep focus inside while the old blocks go */
      gtk_widget_grab_focus (GTK_WIDGET (self));
    }

  /* a drag under way refers to the old blocks: it ends here */
  self->drag_mode = DRAG_NONE;
  self->dragging = FALSE;
  self->preview = FALSE;

  clear_children (self);
  g_clear_pointer (&self->layout, hd_agenda_layout_free);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_hash_table_unref);
  self->layout = layout;
  self->warnings = warnings != NULL ? g_ptr_array_ref (warnings) : NULL;
  self->names = names != NULL ? g_hash_table_ref (names) : NULL;
  if (layout == NULL || self->day >= layout->days->len)
    self->day = 0;
  rebuild (self);
}

const HdAgendaLayout *
hd_agenda_grid_get_layout (HdAgendaGrid *self)
{
  g_return_val_if_fail (HD_IS_AGENDA_GRID (self), NULL);
  return self->layout;
}

void
hd_agenda_grid_set_day (HdAgendaGrid *self,
                        guint         day)
{
  g_return_if_fail (HD_IS_AGENDA_GRID (self));

  if (self->layout == NULL || day >= self->layout->days->len || day == self->day)
    return;
  self->day = day;
  rebuild (self);
  hd_agenda_grid_scroll_to_first (self);
}

guint
hd_agenda_grid_get_day (HdAgendaGrid *self)
{
  g_return_val_if_fail (HD_IS_AGENDA_GRID (self), 0);
  return self->day;
}

void
hd_agenda_grid_set_step (HdAgendaGrid *self,
                         int           step)
{
  g_return_if_fail (HD_IS_AGENDA_GRID (self));

  if (!hd_agenda_step_is_valid (step))
    return;
  self->step = step;
  self->cursor_minute = (self->cursor_minute / step) * step;
  update_cursor_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
hd_agenda_grid_get_step (HdAgendaGrid *self)
{
  g_return_val_if_fail (HD_IS_AGENDA_GRID (self), HD_AGENDA_STEP_DEFAULT);
  return self->step;
}

void
hd_agenda_grid_scroll_to_first (HdAgendaGrid *self)
{
  int first;

  g_return_if_fail (HD_IS_AGENDA_GRID (self));

  first = self->layout != NULL ? hd_agenda_layout_first_minute (self->layout, self->day) : -1;
  self->pending_scroll = first >= 0 ? first : 8 * 60;
  self->cursor_minute = (self->pending_scroll / self->step) * self->step;
  update_cursor_description (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}
