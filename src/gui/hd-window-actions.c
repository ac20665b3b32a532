/* hd-window-actions.c — the window's actions and their shortcuts
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-window-private.h"

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HdWindow *self = HD_WINDOW (widget);

  if (hd_window_show_view (self, g_variant_get_string (parameter, NULL)))
    adw_leaflet_set_visible_child (self->leaflet, self->content_pane);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HdWindow *self = HD_WINDOW (widget);
  HdView *view = hd_window_get_current_view (self);

  if (view == NULL || !hd_view_get_searchable (view))
    return;

  adw_leaflet_set_visible_child (self->leaflet, self->content_pane);
  /* Ctrl+F opens the search, or moves the focus back into it. */
  hd_view_set_search_mode (view, TRUE);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  HdView *view = hd_window_get_current_view (HD_WINDOW (widget));

  if (view != NULL)
    hd_view_create (view);
}

static void
on_synced (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(HdWindow) self = g_weak_ref_get (ref);
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (ref);
  g_free (ref);

  if (hd_sync_engine_sync_finish (HD_SYNC_ENGINE (source), result, NULL, &error))
    return;

  /* The header shows the error in words; a login problem leads there. */
  if (self != NULL && g_error_matches (error, HD_SYNC_ERROR, HD_SYNC_ERROR_NOT_LOGGED_IN))
    hd_window_show_toast (self, error->message);
}

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HdWindow *self = HD_WINDOW (widget);
  HdSyncEngine *engine = hd_context_get_sync_engine (self->context);
  GWeakRef *ref;

  if (engine == NULL || hd_sync_engine_get_state (engine) == HD_SYNC_ENGINE_STANDALONE ||
      hd_sync_engine_get_state (engine) == HD_SYNC_ENGINE_LOADING)
    {
      hd_window_show_toast (self,
                            _("Not connected to a server: your changes are kept on this computer"));
      return;
    }

  if (hd_sync_engine_get_state (engine) == HD_SYNC_ENGINE_LOGGED_OUT)
    {
      hd_window_show_account (self);
      return;
    }

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  hd_sync_engine_sync_async (engine, NULL, on_synced, ref);
}

static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HdWindow *self = HD_WINDOW (widget);
  HdView *view = hd_window_get_current_view (self);

  if (view != NULL && hd_view_go_back (view))
    return;

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
show_toast_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  hd_window_show_toast (HD_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

void
hd_window_class_add_actions (GtkWidgetClass *widget_class)
{
  const char * const *names = hd_window_get_view_names ();

  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.show-toast", "s", show_toast_action);

  /* Ctrl+1 … Ctrl+6 open the views in sidebar order. */
  for (guint i = 0; names[i] != NULL; i++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_CONTROL_MASK,
                                           "win.show-view", "s", names[i]);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1 + i, GDK_CONTROL_MASK,
                                           "win.show-view", "s", names[i]);
    }

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0,
                                       "win.sync", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.go-back", NULL);
}
