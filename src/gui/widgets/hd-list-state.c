/* hd-list-state.c — which page a list view shows: loading, empty, results
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "hd-list-state.h"

void
hd_list_state_update (GtkStack     *stack,
                      HdRecordList *list,
                      gboolean      searching)
{
  const char *page;

  g_return_if_fail (GTK_IS_STACK (stack));

  if (list == NULL || hd_record_list_get_loading (list))
    {
      /* Keep showing the old rows while a new search counts, so typing
       * does not make the list flicker. */
      if (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "list") == 0 && searching)
        return;
      page = "loading";
    }
  else if (g_list_model_get_n_items (G_LIST_MODEL (list)) > 0)
    page = "list";
  else if (searching)
    page = "no-results";
  else
    page = "empty";

  gtk_stack_set_visible_child_name (stack, page);
}

gboolean
hd_list_state_is_empty (GtkStack *stack)
{
  g_return_val_if_fail (GTK_IS_STACK (stack), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "empty") == 0;
}

void
hd_list_state_update_detail (GtkStack  *stack,
                             GtkWidget *detail,
                             GtkWidget *separator)
{
  gboolean empty = hd_list_state_is_empty (stack);

  gtk_widget_set_visible (detail, !empty);
  gtk_widget_set_visible (separator, !empty);
}

GtkSingleSelection *
hd_list_selection_new (void)
{
  GtkSingleSelection *selection = gtk_single_selection_new (NULL);

  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);

  return selection;
}

gboolean
hd_list_state_query (HdRecordList       **list,
                     HdStore             *store,
                     const HdQuery       *query,
                     GtkSingleSelection  *selection,
                     GCallback            changed,
                     gpointer             view)
{
  g_return_val_if_fail (list != NULL, FALSE);

  if (*list != NULL)
    {
      hd_record_list_set_query (*list, query);
      return FALSE;
    }

  *list = hd_record_list_new (store, query);
  g_signal_connect_object (*list, "notify::loading", changed, view, G_CONNECT_SWAPPED);
  g_signal_connect_object (*list, "items-changed", changed, view, G_CONNECT_SWAPPED);
  gtk_single_selection_set_model (selection, G_LIST_MODEL (*list));

  return TRUE;
}

#define CLICK_KEY "hd-list-clicked-at"

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            gpointer         user_data)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  gint64 *when = g_new (gint64, 1);

  *when = g_get_monotonic_time ();
  g_object_set_data_full (G_OBJECT (widget), CLICK_KEY, when, g_free);
}

void
hd_list_watch_clicks (GtkWidget *list_widget)
{
  GtkGesture *gesture;

  g_return_if_fail (GTK_IS_WIDGET (list_widget));

  /* In the capture phase the press is seen before the row selects. */
  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_pressed), NULL);
  gtk_widget_add_controller (list_widget, GTK_EVENT_CONTROLLER (gesture));
}

gboolean
hd_list_take_click (GtkWidget *list_widget)
{
  gint64 *when;
  gboolean recent;

  g_return_val_if_fail (GTK_IS_WIDGET (list_widget), FALSE);

  when = g_object_get_data (G_OBJECT (list_widget), CLICK_KEY);
  if (when == NULL)
    return FALSE;

  recent = g_get_monotonic_time () - *when < G_USEC_PER_SEC;
  g_object_set_data (G_OBJECT (list_widget), CLICK_KEY, NULL);

  return recent;
}

void
hd_list_view_setup (GtkListView        *list_view,
                    GtkSingleSelection *selection,
                    GCallback           setup,
                    GCallback           bind,
                    GCallback           unbind,
                    GCallback           activate,
                    gpointer            view)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_return_if_fail (GTK_IS_LIST_VIEW (list_view));

  g_signal_connect (factory, "setup", setup, NULL);
  g_signal_connect_object (factory, "bind", bind, view, 0);
  g_signal_connect_object (factory, "unbind", unbind, view, 0);
  gtk_list_view_set_factory (list_view, factory);
  gtk_list_view_set_model (list_view, GTK_SELECTION_MODEL (selection));
  hd_list_watch_clicks (GTK_WIDGET (list_view));
  g_signal_connect_object (list_view, "activate", activate, view, G_CONNECT_SWAPPED);
}
