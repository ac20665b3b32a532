/* hd-sidebar-row.c — a row of the window's sidebar that can be activated
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "hd-sidebar-row.h"

struct _HdSidebarRow
{
  GtkListBoxRow parent_instance;
};

G_DEFINE_FINAL_TYPE (HdSidebarRow, hd_sidebar_row, GTK_TYPE_LIST_BOX_ROW)

static void
row_activate (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GtkWidget *list = gtk_widget_get_parent (widget);

  /* What a click does: select the row, then activate it. */
  if (GTK_IS_LIST_BOX (list))
    gtk_list_box_select_row (GTK_LIST_BOX (list), GTK_LIST_BOX_ROW (widget));

  g_signal_emit_by_name (widget, "activate");
}

static void
hd_sidebar_row_class_init (HdSidebarRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "row.activate", NULL, row_activate);
}

static void
hd_sidebar_row_init (HdSidebarRow *self)
{
}
