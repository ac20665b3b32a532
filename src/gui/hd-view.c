/* hd-view.c — what the window asks of each of its views
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "hd-context.h"
#include "hd-view.h"

G_DEFINE_INTERFACE (HdView, hd_view, GTK_TYPE_WIDGET)

static void
hd_view_default_init (HdViewInterface *iface)
{
  g_object_interface_install_property (iface,
    g_param_spec_object ("context", NULL, NULL,
                         HD_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_interface_install_property (iface,
    g_param_spec_boolean ("searchable", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_interface_install_property (iface,
    g_param_spec_boolean ("search-mode", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
}

void
hd_view_create (HdView *self)
{
  HdViewInterface *iface;

  g_return_if_fail (HD_IS_VIEW (self));

  iface = HD_VIEW_GET_IFACE (self);
  if (iface->create != NULL)
    iface->create (self);
}

gboolean
hd_view_go_back (HdView *self)
{
  HdViewInterface *iface;

  g_return_val_if_fail (HD_IS_VIEW (self), FALSE);

  iface = HD_VIEW_GET_IFACE (self);
  if (iface->go_back != NULL)
    return iface->go_back (self);

  return FALSE;
}

gboolean
hd_view_get_searchable (HdView *self)
{
  gboolean searchable = FALSE;

  g_return_val_if_fail (HD_IS_VIEW (self), FALSE);

  g_object_get (self, "searchable", &searchable, NULL);

  return searchable;
}

gboolean
hd_view_get_search_mode (HdView *self)
{
  gboolean search_mode = FALSE;

  g_return_val_if_fail (HD_IS_VIEW (self), FALSE);

  g_object_get (self, "search-mode", &search_mode, NULL);

  return search_mode;
}

void
hd_view_set_search_mode (HdView   *self,
                         gboolean  search_mode)
{
  g_return_if_fail (HD_IS_VIEW (self));

  g_object_set (self, "search-mode", search_mode, NULL);
}

void
hd_view_show_toast (HdView     *self,
                    const char *message)
{
  g_return_if_fail (HD_IS_VIEW (self));
  g_return_if_fail (message != NULL);

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", message);
}
