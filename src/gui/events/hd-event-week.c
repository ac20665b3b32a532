/* hd-event-week.c — the events calendar: a week with a column per day, or a month
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shown range's events come from the store on its own thread, and only
 * that range is asked for; a click on one opens its agenda. The week's
 * columns scroll sideways in a narrow window. Alt+1 and Alt+2 pick the
 * week or the month, Alt+Left and Alt+Right move by one, Ctrl+T returns
 * to today.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-event-week.h"
#include "hd-event-workspace.h"
#include "widgets/hd-format.h"

struct _HdEventWeek
{
  AdwWindow       parent_instance;

  HdContext      *context;
  HdEventListMode mode;       /* the list's filter: drafts only, status, format */
  char           *status;
  char           *format;
  GDateTime      *day;        /* local midnight: a day of the week or month shown */
  gboolean        month;      /* the month of day, not its week */
  GDateTime      *first;      /* local midnight: the first day shown */
  int             n_days;     /* 7, or 35 or 42 for a month */
  GCancellable   *cancellable;

  AdwWindowTitle *title;
  GtkStack       *stack;
  GtkGrid        *grid;
  GtkGrid        *month_grid;
  GtkLabel       *empty_label;
  GtkWidget      *previous;
  GtkWidget      *next;
  GtkToggleButton *week_toggle;
  GtkToggleButton *month_toggle;
};

/* a month cell lists this many events; a button shows the rest in their week */
#define MONTH_CELL_EVENTS 3

G_DEFINE_FINAL_TYPE (HdEventWeek, hd_event_week, ADW_TYPE_WINDOW)

static void load (HdEventWeek *self);

static void
on_event_clicked (HdEventWeek *self,
                  GtkButton   *button)
{
  const char *id = g_object_get_data (G_OBJECT (button), "event-id");
  GtkWidget *workspace = hd_event_workspace_new (self->context, GTK_WINDOW (self), id, "agenda");

  gtk_window_present (GTK_WINDOW (workspace));
}

static void move_to (HdEventWeek *self, GDateTime *day);

static void
on_more_clicked (HdEventWeek *self,
                 GtkButton   *button)
{
  GDateTime *day = g_object_get_data (G_OBJECT (button), "day");

  self->month = FALSE;
  gtk_toggle_button_set_active (self->week_toggle, TRUE);
  move_to (self, day);
}

static GtkWidget *
event_button (HdEventWeek *self,
              HdRecord    *event,
              GDateTime   *start,
              gboolean     compact)
{
  g_autofree char *time = hd_format_time (start);
  g_autofree char *text = NULL;
  const char *status = hd_record_get_string (event, "status");
  const char *title = hd_record_get_string (event, "title");
  GtkWidget *button, *label;

  if (compact)
    text = g_strdup_printf ("%s %s", time, title);
  else if (g_strcmp0 (status, "published") != 0)
    text = g_strdup_printf ("%s · %s\n%s", time, hd_format_enum (status), title);
  else
    text = g_strdup_printf ("%s\n%s", time, title);

  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (compact)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 4);
      gtk_widget_add_css_class (label, "caption");
    }
  else
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 20);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_widget_set_margin_top (label, 3);
      gtk_widget_set_margin_bottom (label, 3);
    }
  button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_widget_add_css_class (button, compact ? "flat" : "card");
  if (g_strcmp0 (status, "cancelled") == 0)
    gtk_widget_add_css_class (button, "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, time,
                                  -1);
  gtk_widget_set_tooltip_text (button, compact ? text : _("Open the agenda"));
  g_object_set_data_full (G_OBJECT (button), "event-id", g_strdup (hd_record_get_id (event)), g_free);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_event_clicked), self);
  return button;
}

static void
show_month (HdEventWeek *self,
            GPtrArray   *events)
{
  GTimeZone *tz = hd_context_get_timezone (self->context);
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autofree GtkWidget **cells = g_new0 (GtkWidget *, self->n_days);
  g_autofree guint *counts = g_new0 (guint, self->n_days);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->month_grid))) != NULL)
    gtk_grid_remove (self->month_grid, child);

  for (int d = 0; d < 7; d++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (self->first, d);
      g_autofree char *name = g_date_time_format (day, "%a");
      GtkWidget *label = gtk_label_new (name);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_grid_attach (self->month_grid, label, d, 0, 1, 1);
    }

  for (int d = 0; d < self->n_days; d++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (self->first, d);
      g_autofree char *name = hd_format_date (day);
      g_autofree char *number = g_strdup_printf ("%d", g_date_time_get_day_of_month (day));
      GtkWidget *label = gtk_label_new (number);
      GtkWidget *cell = g_object_new (GTK_TYPE_BOX,
                                      "orientation", GTK_ORIENTATION_VERTICAL,
                                      "spacing", 2,
                                      "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP,
                                      "width-request", 40,
                                      "height-request", 90,
                                      NULL);

      gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_widget_add_css_class (cell, "card");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_top (label, 3);
      if (g_date_time_get_month (day) != g_date_time_get_month (self->day))
        gtk_widget_add_css_class (label, "dim-label");
      if (g_date_time_get_year (day) == g_date_time_get_year (now) &&
          g_date_time_get_day_of_year (day) == g_date_time_get_day_of_year (now))
        gtk_widget_add_css_class (label, "accent");
      gtk_widget_add_css_class (label, "heading");
      gtk_box_append (GTK_BOX (cell), label);
      gtk_grid_attach (self->month_grid, cell, d % 7, 1 + d / 7, 1, 1);
      cells[d] = cell;
    }

  for (guint i = 0; i < events->len; i++)
    {
      HdRecord *event = g_ptr_array_index (events, i);
      g_autoptr(GDateTime) start = hd_parse_timestamp (hd_record_get_string (event, "starts_at"), tz);
      int d;

      if (start == NULL)
        continue;
      d = (int) (g_date_time_difference (start, self->first) / G_TIME_SPAN_DAY);
      if (d < 0)
        d = 0;   /* began before the first day and is still running */
      if (d >= self->n_days)
        continue;
      counts[d]++;
      if (counts[d] <= MONTH_CELL_EVENTS)
        gtk_box_append (GTK_BOX (cells[d]), event_button (self, event, start, TRUE));
    }

  for (int d = 0; d < self->n_days; d++)
    {
      g_autofree char *more = NULL;
      GtkWidget *button;

      if (counts[d] <= MONTH_CELL_EVENTS)
        continue;
      /* Translators: the events of a day that do not fit in its month cell */
      more = g_strdup_printf (ngettext ("%u more", "%u more", counts[d] - MONTH_CELL_EVENTS),
                              counts[d] - MONTH_CELL_EVENTS);
      button = gtk_button_new_with_label (more);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "caption");
      gtk_widget_set_tooltip_text (button, _("Show the week of this day"));
      g_object_set_data_full (G_OBJECT (button), "day",
                              g_date_time_add_days (self->first, d),
                              (GDestroyNotify) g_date_time_unref);
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_more_clicked), self);
      gtk_box_append (GTK_BOX (cells[d]), button);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), FALSE);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  HdEventWeek *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = hd_store_query_finish (HD_STORE (source), result, &error);
  GTimeZone *tz;
  GtkWidget *child;
  GtkWidget *columns[7];

  if (events == NULL)
    return;   /* cancelled: the window is gone or another range was asked for */

  if (self->month)
    {
      show_month (self, events);
      return;
    }

  tz = hd_context_get_timezone (self->context);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);

  for (int d = 0; d < 7; d++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (self->first, d);
      g_autofree char *heading = hd_format_day_heading (day);
      GtkWidget *label = gtk_label_new (heading);

      gtk_widget_add_css_class (label, "heading");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_size_request (label, 150, -1);
      gtk_grid_attach (self->grid, label, d, 0, 1, 1);

      /* each day stacks its own events: days do not share row heights */
      columns[d] = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      gtk_grid_attach (self->grid, columns[d], d, 1, 1, 1);
    }

  for (guint i = 0; i < events->len; i++)
    {
      HdRecord *event = g_ptr_array_index (events, i);
      g_autoptr(GDateTime) start = hd_parse_timestamp (hd_record_get_string (event, "starts_at"), tz);
      int d;

      if (start == NULL)
        continue;
      d = (int) (g_date_time_difference (start, self->first) / G_TIME_SPAN_DAY);
      if (d < 0)
        d = 0;   /* began before Monday and is still running */
      if (d > 6)
        continue;

      gtk_box_append (GTK_BOX (columns[d]), event_button (self, event, start, FALSE));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), events->len == 0);
}

static GDateTime *
midnight (GTimeZone *tz,
          GDateTime *day,
          int        day_of_month)
{
  return g_date_time_new (tz, g_date_time_get_year (day), g_date_time_get_month (day),
                          day_of_month > 0 ? day_of_month : g_date_time_get_day_of_month (day),
                          0, 0, 0);
}

static void
load (HdEventWeek *self)
{
  GTimeZone *tz = hd_context_get_timezone (self->context);
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GDateTime) last_day = NULL;
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  HdEventFilter filter = { self->mode, self->status, self->format };
  g_autofree char *filtered = hd_event_filter_describe (&filter);
  HdQuery query = {
    .hub_id = hd_context_get_hub_id (self->context),
  };

  g_clear_pointer (&self->first, g_date_time_unref);
  if (self->month)
    {
      g_autoptr(GDateTime) first_of_month = midnight (tz, self->day, 1);
      g_autoptr(GDateTime) next_month = g_date_time_add_months (first_of_month, 1);
      g_autoptr(GDateTime) last_of_month = g_date_time_add_days (next_month, -1);
      int lead = g_date_time_get_day_of_week (first_of_month) - 1;
      int days = lead + g_date_time_get_day_of_month (last_of_month);

      self->first = g_date_time_add_days (first_of_month, -lead);
      self->n_days = (days + 6) / 7 * 7;
      /* Translators: the title of the month view, e.g. "November 2026"; German: "%B %Y" */
      title = g_date_time_format (first_of_month, C_("month view", "%B %Y"));
    }
  else
    {
      g_autoptr(GDateTime) day = midnight (tz, self->day, 0);

      self->first = g_date_time_add_days (day, 1 - g_date_time_get_day_of_week (day));
      self->n_days = 7;
      title = g_strdup_printf (_("Week %d"), g_date_time_get_week_of_year (self->first));
    }

  /* by calendar days, so midnight stays midnight across summer time */
  end = g_date_time_add_days (self->first, self->n_days);
  last_day = g_date_time_add_days (self->first, self->n_days - 1);
  from = hd_timestamp_format (g_date_time_to_unix (self->first));
  until = hd_timestamp_format (g_date_time_to_unix (end));
  hd_event_filter_apply_span (&filter, from, until, &query);
  if (!self->month)
    {
      g_autofree char *first = hd_format_date (self->first);
      g_autofree char *last = hd_format_date (last_day);

      subtitle = g_strdup_printf ("%s – %s", first, last);
    }
  if (filtered != NULL)
    {
      /* Translators: the window's subtitle when the list's filters narrow
       * it, e.g. "23 Nov 2026 – 29 Nov 2026 · Office hours" */
      char *with_filter = subtitle != NULL ? g_strdup_printf (C_("week subtitle", "%s · %s"), subtitle, filtered)
                                           : g_strdup (filtered);

      g_free (subtitle);
      subtitle = with_filter;
    }

  adw_window_title_set_title (self->title, title);
  adw_window_title_set_subtitle (self->title, subtitle);
  gtk_stack_set_visible_child_name (self->stack, self->month ? "month" : "week");
  {
    const char *previous = self->month ? _("Previous Month") : _("Previous Week");
    const char *next = self->month ? _("Next Month") : _("Next Week");

    gtk_widget_set_tooltip_text (self->previous, previous);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->previous), GTK_ACCESSIBLE_PROPERTY_LABEL, previous, -1);
    gtk_widget_set_tooltip_text (self->next, next);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->next), GTK_ACCESSIBLE_PROPERTY_LABEL, next, -1);
  }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  hd_store_query_async (hd_context_get_store (self->context), &query, self->cancellable, on_loaded, self);
}

static void
move_to (HdEventWeek *self,
         GDateTime   *day)
{
  GDateTime *next = midnight (hd_context_get_timezone (self->context), day, 0);

  g_clear_pointer (&self->day, g_date_time_unref);
  self->day = next;
  load (self);
}

static void
move (HdEventWeek *self,
      int          step)
{
  g_autoptr(GDateTime) day = NULL;

  if (step == 0)
    day = g_date_time_new_now (hd_context_get_timezone (self->context));
  else if (self->month)
    {
      g_autoptr(GDateTime) first = midnight (hd_context_get_timezone (self->context), self->day, 1);

      day = g_date_time_add_months (first, step);
    }
  else
    day = g_date_time_add_days (self->first, 7 * step);
  move_to (self, day);
}

static void
on_previous (HdEventWeek *self)
{
  move (self, -1);
}

static void
on_next (HdEventWeek *self)
{
  move (self, 1);
}

static void
on_today (HdEventWeek *self)
{
  move (self, 0);
}

static void
on_range_toggled (HdEventWeek     *self,
                  GtkToggleButton *button)
{
  gboolean month;

  if (!gtk_toggle_button_get_active (button))
    return;
  month = button == self->month_toggle;
  if (month != self->month)
    {
      self->month = month;
      load (self);
    }
}

static gboolean
shortcut_range (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  HdEventWeek *self = HD_EVENT_WEEK (widget);

  gtk_toggle_button_set_active (g_variant_get_boolean (args) ? self->month_toggle : self->week_toggle, TRUE);
  return TRUE;
}

static gboolean
shortcut_move (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  move (HD_EVENT_WEEK (widget), g_variant_get_int32 (args));
  return TRUE;
}

static GtkWidget *
icon_button (const char *icon,
             const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return button;
}

static GtkWidget *
scrolled (GtkWidget *child)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_widget_set_margin_start (child, 12);
  gtk_widget_set_margin_end (child, 12);
  gtk_widget_set_margin_top (child, 12);
  gtk_widget_set_margin_bottom (child, 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), child);
  return scroller;
}

static void
build (HdEventWeek *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *today = gtk_button_new_with_label (_("Today"));
  GtkWidget *ranges = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  self->previous = icon_button ("go-previous-symbolic", _("Previous Week"));
  self->next = icon_button ("go-next-symbolic", _("Next Week"));
  gtk_widget_set_tooltip_text (today, _("Show today (Ctrl+T)"));
  self->title = ADW_WINDOW_TITLE (adw_window_title_new ("", NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  g_signal_connect_swapped (self->previous, "clicked", G_CALLBACK (on_previous), self);
  g_signal_connect_swapped (self->next, "clicked", G_CALLBACK (on_next), self);
  g_signal_connect_swapped (today, "clicked", G_CALLBACK (on_today), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->previous);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->next);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), today);

  self->week_toggle = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (C_("calendar", "Week")));
  self->month_toggle = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (C_("calendar", "Month")));
  gtk_toggle_button_set_group (self->month_toggle, self->week_toggle);
  gtk_toggle_button_set_active (self->week_toggle, TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->week_toggle), _("Show a week (Alt+1)"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->month_toggle), _("Show a month (Alt+2)"));
  g_signal_connect_swapped (self->week_toggle, "toggled", G_CALLBACK (on_range_toggled), self);
  g_signal_connect_swapped (self->month_toggle, "toggled", G_CALLBACK (on_range_toggled), self);
  gtk_widget_add_css_class (ranges, "linked");
  gtk_box_append (GTK_BOX (ranges), GTK_WIDGET (self->week_toggle));
  gtk_box_append (GTK_BOX (ranges), GTK_WIDGET (self->month_toggle));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), ranges);
  gtk_box_append (GTK_BOX (box), header);

  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->grid, 12);
  gtk_grid_set_row_spacing (self->grid, 6);
  gtk_grid_set_column_homogeneous (self->grid, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Events by day"), -1);
  self->empty_label = GTK_LABEL (gtk_label_new (_("No events this week.")));
  gtk_widget_add_css_class (GTK_WIDGET (self->empty_label), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), FALSE);
  gtk_box_append (GTK_BOX (inner), GTK_WIDGET (self->grid));
  gtk_box_append (GTK_BOX (inner), GTK_WIDGET (self->empty_label));

  self->month_grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->month_grid, 6);
  gtk_grid_set_row_spacing (self->month_grid, 6);
  gtk_grid_set_column_homogeneous (self->month_grid, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->month_grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Events of the month"), -1);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, scrolled (inner), "week");
  gtk_stack_add_named (self->stack, scrolled (GTK_WIDGET (self->month_grid)), "month");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));

  adw_window_set_content (ADW_WINDOW (self), box);
}

static void
hd_event_week_dispose (GObject *object)
{
  HdEventWeek *self = HD_EVENT_WEEK (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (hd_event_week_parent_class)->dispose (object);
}

static void
hd_event_week_finalize (GObject *object)
{
  HdEventWeek *self = HD_EVENT_WEEK (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->format, g_free);
  g_clear_pointer (&self->day, g_date_time_unref);
  g_clear_pointer (&self->first, g_date_time_unref);

  G_OBJECT_CLASS (hd_event_week_parent_class)->finalize (object);
}

static void
hd_event_week_class_init (HdEventWeekClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_event_week_dispose;
  object_class->finalize = hd_event_week_finalize;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_1, GDK_ALT_MASK, shortcut_range, "b", FALSE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_2, GDK_ALT_MASK, shortcut_range, "b", TRUE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, GDK_ALT_MASK, shortcut_move, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, GDK_ALT_MASK, shortcut_move, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, shortcut_move, "i", 0);
}

static void
hd_event_week_init (HdEventWeek *self)
{
  build (self);
}

GtkWidget *
hd_event_week_new (HdContext           *context,
                   GtkWindow           *parent,
                   const HdEventFilter *filter)
{
  HdEventWeek *self = g_object_new (HD_TYPE_EVENT_WEEK,
                                    "transient-for", parent,
                                    "default-width", 1100,
                                    "default-height", 640,
                                    "title", _("Week"),
                                    NULL);

  self->context = g_object_ref (context);
  if (filter != NULL)
    {
      self->mode = filter->mode;
      self->status = g_strdup (filter->status);
      self->format = g_strdup (filter->format);
    }
  move (self, 0);

  return GTK_WIDGET (self);
}
