/* hd-date-button.c — a button that opens a calendar to pick a date
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A calendar icon next to a date typed as text, or next to the day of a
 * view: a click (or Enter) opens a GtkCalendar in a popover; a day picked
 * there closes it and emits "date-chosen".
 */
#include "config.h"

#include "hd-date-button.h"

struct _HdDateButton
{
  GtkWidget    parent_instance;

  GtkWidget   *button;     /* GtkMenuButton */
  GtkCalendar *calendar;
  GDateTime   *date;
  gboolean     setting;    /* the calendar is moved by set_date */
};

G_DEFINE_FINAL_TYPE (HdDateButton, hd_date_button, GTK_TYPE_WIDGET)

enum {
  SIGNAL_DATE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_day_selected (HdDateButton *self)
{
  if (self->setting)
    return;

  g_clear_pointer (&self->date, g_date_time_unref);
  self->date = gtk_calendar_get_date (self->calendar);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->button));
  g_signal_emit (self, signals[SIGNAL_DATE_CHOSEN], 0);
}

static void
hd_date_button_dispose (GObject *object)
{
  HdDateButton *self = HD_DATE_BUTTON (object);

  g_clear_pointer (&self->button, gtk_widget_unparent);
  g_clear_pointer (&self->date, g_date_time_unref);

  G_OBJECT_CLASS (hd_date_button_parent_class)->dispose (object);
}

static void
hd_date_button_class_init (HdDateButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_date_button_dispose;

  signals[SIGNAL_DATE_CHOSEN] =
    g_signal_new ("date-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "datebutton");
}

static void
hd_date_button_init (HdDateButton *self)
{
  GtkWidget *popover = gtk_popover_new ();

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  g_signal_connect_swapped (self->calendar, "day-selected", G_CALLBACK (on_day_selected), self);
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (self->calendar));

  self->button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->button), "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), popover);
  gtk_widget_set_valign (self->button, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));
}

GtkWidget *
hd_date_button_new (const char *label)
{
  HdDateButton *self = g_object_new (HD_TYPE_DATE_BUTTON, NULL);

  gtk_widget_set_tooltip_text (self->button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  return GTK_WIDGET (self);
}

void
hd_date_button_set_date (HdDateButton *self,
                         GDateTime    *date)
{
  g_return_if_fail (HD_IS_DATE_BUTTON (self));

  if (date == NULL)
    return;
  g_clear_pointer (&self->date, g_date_time_unref);
  self->date = g_date_time_ref (date);
  self->setting = TRUE;
  gtk_calendar_select_day (self->calendar, date);
  self->setting = FALSE;
}

GDateTime *
hd_date_button_get_date (HdDateButton *self)
{
  g_return_val_if_fail (HD_IS_DATE_BUTTON (self), NULL);

  return self->date;
}
