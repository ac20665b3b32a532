/* hd-event-week.c — a week of events, a column per day
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The week's events come from the store on its own thread; a click on
 * one opens its agenda. The columns scroll sideways in a narrow window.
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
  GDateTime      *monday;     /* local midnight */
  GCancellable   *cancellable;

  AdwWindowTitle *title;
  GtkGrid        *grid;
  GtkLabel       *empty_label;
};

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
    return;   /* cancelled: the window is gone or another week was asked for */

  tz = hd_context_get_timezone (self->context);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);

  for (int d = 0; d < 7; d++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (self->monday, d);
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
      g_autofree char *time = NULL;
      g_autofree char *text = NULL;
      const char *status = hd_record_get_string (event, "status");
      GtkWidget *button, *label;
      int d;

      if (start == NULL)
        continue;
      d = (int) (g_date_time_difference (start, self->monday) / G_TIME_SPAN_DAY);
      if (d < 0)
        d = 0;   /* began before Monday and is still running */
      if (d > 6)
        continue;

      time = hd_format_time (start);
      if (g_strcmp0 (status, "published") != 0)
        text = g_strdup_printf ("%s · %s\n%s", time, hd_format_enum (status), hd_record_get_string (event, "title"));
      else
        text = g_strdup_printf ("%s\n%s", time, hd_record_get_string (event, "title"));

      label = gtk_label_new (text);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 20);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_widget_set_margin_top (label, 3);
      gtk_widget_set_margin_bottom (label, 3);
      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_widget_add_css_class (button, "card");
      if (g_strcmp0 (status, "cancelled") == 0)
        gtk_widget_add_css_class (button, "dim-label");
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      hd_record_get_string (event, "title"), -1);
      gtk_widget_set_tooltip_text (button, _("Open the agenda"));
      g_object_set_data_full (G_OBJECT (button), "event-id", g_strdup (hd_record_get_id (event)), g_free);
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_event_clicked), self);
      gtk_box_append (GTK_BOX (columns[d]), button);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), events->len == 0);
}

static void
load (HdEventWeek *self)
{
  g_autoptr(GDateTime) sunday = g_date_time_add_days (self->monday, 7);
  g_autoptr(GDateTime) sunday_last = g_date_time_add_days (self->monday, 6);
  g_autofree char *from = hd_timestamp_format (g_date_time_to_unix (self->monday));
  g_autofree char *until = hd_timestamp_format (g_date_time_to_unix (sunday));
  g_autofree char *first = hd_format_date (self->monday);
  g_autofree char *last = hd_format_date (sunday_last);
  g_autofree char *subtitle = g_strdup_printf ("%s – %s", first, last);
  g_autofree char *title = g_strdup_printf (_("Week %d"), g_date_time_get_week_of_year (self->monday));
  HdQuery query = {
    .entity = HD_ENTITY_EVENT,
    .hub_id = hd_context_get_hub_id (self->context),
    .from = from,
    .until = until,
    .order_by = "starts_at",
  };

  adw_window_title_set_title (self->title, title);
  adw_window_title_set_subtitle (self->title, subtitle);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  hd_store_query_async (hd_context_get_store (self->context), &query, self->cancellable, on_loaded, self);
}

static void
move (HdEventWeek *self,
      int          days)
{
  GDateTime *next;

  if (days == 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now (hd_context_get_timezone (self->context));

      next = g_date_time_new (hd_context_get_timezone (self->context),
                              g_date_time_get_year (now), g_date_time_get_month (now),
                              g_date_time_get_day_of_month (now), 0, 0, 0);
      {
        GDateTime *monday = g_date_time_add_days (next, 1 - g_date_time_get_day_of_week (next));
        g_date_time_unref (next);
        next = monday;
      }
    }
  else
    {
      /* by calendar days, so midnight stays midnight across summer time */
      next = g_date_time_new (hd_context_get_timezone (self->context),
                              g_date_time_get_year (self->monday), g_date_time_get_month (self->monday),
                              g_date_time_get_day_of_month (self->monday), 0, 0, 0);
      {
        GDateTime *moved = g_date_time_add_days (next, days);
        g_date_time_unref (next);
        next = moved;
      }
    }

  g_clear_pointer (&self->monday, g_date_time_unref);
  self->monday = next;
  load (self);
}

static void
on_previous (HdEventWeek *self)
{
  move (self, -7);
}

static void
on_next (HdEventWeek *self)
{
  move (self, 7);
}

static void
on_today (HdEventWeek *self)
{
  move (self, 0);
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

static void
build (HdEventWeek *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *previous = icon_button ("go-previous-symbolic", _("Previous Week"));
  GtkWidget *next = icon_button ("go-next-symbolic", _("Next Week"));
  GtkWidget *today = gtk_button_new_with_label (_("This Week"));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  self->title = ADW_WINDOW_TITLE (adw_window_title_new ("", NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  g_signal_connect_swapped (previous, "clicked", G_CALLBACK (on_previous), self);
  g_signal_connect_swapped (next, "clicked", G_CALLBACK (on_next), self);
  g_signal_connect_swapped (today, "clicked", G_CALLBACK (on_today), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), previous);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), next);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), today);
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
  gtk_widget_set_margin_start (inner, 12);
  gtk_widget_set_margin_end (inner, 12);
  gtk_widget_set_margin_top (inner, 12);
  gtk_widget_set_margin_bottom (inner, 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), inner);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), scroller);

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
  g_clear_pointer (&self->monday, g_date_time_unref);

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
}

static void
hd_event_week_init (HdEventWeek *self)
{
  build (self);
}

GtkWidget *
hd_event_week_new (HdContext *context,
                   GtkWindow *parent)
{
  HdEventWeek *self = g_object_new (HD_TYPE_EVENT_WEEK,
                                    "transient-for", parent,
                                    "default-width", 1100,
                                    "default-height", 640,
                                    "title", _("Week"),
                                    NULL);

  self->context = g_object_ref (context);
  move (self, 0);

  return GTK_WIDGET (self);
}
