/* hd-view.h — what the window asks of each of its views
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every page of the window's sidebar (Today, Events, …) implements
 * HdView, so the window can route Ctrl+N, Ctrl+F and the back button to
 * whichever view is shown without knowing what it holds.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HD_TYPE_VIEW (hd_view_get_type ())
G_DECLARE_INTERFACE (HdView, hd_view, HD, VIEW, GtkWidget)

struct _HdViewInterface
{
  GTypeInterface parent_iface;

  /* Ctrl+N: starts a new record of what the view shows. */
  void      (*create)       (HdView *self);
  /* Back inside the view (from a detail pane to its list); FALSE when
   * there was nowhere to go back to. */
  gboolean  (*go_back)      (HdView *self);
};

/* Properties every view has: "context" (HdContext, construct-only),
 * "searchable" (the view has a search bar) and "search-mode" (the
 * search bar is open). */

void      hd_view_create          (HdView   *self);
gboolean  hd_view_go_back         (HdView   *self);
gboolean  hd_view_get_searchable  (HdView   *self);
gboolean  hd_view_get_search_mode (HdView   *self);
void      hd_view_set_search_mode (HdView   *self,
                                   gboolean  search_mode);

/* For views: shows @message as a toast in the window. */
void      hd_view_show_toast      (HdView     *self,
                                   const char *message);

G_END_DECLS
