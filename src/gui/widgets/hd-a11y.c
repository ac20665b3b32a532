/* hd-a11y.c — keep pages that are not on screen out of the accessibility tree
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "hd-a11y.h"

static void
sync_stack (GtkStack *stack)
{
  g_autoptr(GtkSelectionModel) pages = gtk_stack_get_pages (stack);
  GtkWidget *visible = gtk_stack_get_visible_child (stack);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (pages));

  for (guint i = 0; i < n; i++)
    {
      GtkStackPage *page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkWidget *child = gtk_stack_page_get_child (page);

      gtk_accessible_update_state (GTK_ACCESSIBLE (child),
                                   GTK_ACCESSIBLE_STATE_HIDDEN, child != visible,
                                   -1);
      g_object_unref (page);
    }
}

void
hd_a11y_track_stack (GtkStack *stack)
{
  g_autoptr(GtkSelectionModel) pages = NULL;

  g_return_if_fail (GTK_IS_STACK (stack));

  pages = gtk_stack_get_pages (stack);
  g_signal_connect_object (stack, "notify::visible-child",
                           G_CALLBACK (sync_stack), stack, G_CONNECT_SWAPPED);
  g_signal_connect_object (pages, "items-changed",
                           G_CALLBACK (sync_stack), stack, G_CONNECT_SWAPPED);
  sync_stack (stack);
}

static void
sync_leaflet (AdwLeaflet *leaflet)
{
  gboolean folded = adw_leaflet_get_folded (leaflet);
  GtkWidget *visible = adw_leaflet_get_visible_child (leaflet);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (leaflet));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_accessible_update_state (GTK_ACCESSIBLE (child),
                                 GTK_ACCESSIBLE_STATE_HIDDEN, folded && child != visible,
                                 -1);
}

void
hd_a11y_track_leaflet (AdwLeaflet *leaflet)
{
  g_return_if_fail (ADW_IS_LEAFLET (leaflet));

  g_signal_connect_object (leaflet, "notify::folded",
                           G_CALLBACK (sync_leaflet), leaflet, G_CONNECT_SWAPPED);
  g_signal_connect_object (leaflet, "notify::visible-child",
                           G_CALLBACK (sync_leaflet), leaflet, G_CONNECT_SWAPPED);
  sync_leaflet (leaflet);
}
