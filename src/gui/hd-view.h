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

#include <adwaita.h>

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

/* What every view does alike. A view keeps its HdContext in an instance
 * field; a searchable one also its GtkSearchBar and GtkSearchEntry. Its
 * class_init names them by offset (G_STRUCT_OFFSET, -1 for a view
 * without search), and overrides the interface's properties with the ids
 * @first_prop ("context"), @first_prop + 1 ("searchable") and
 * @first_prop + 2 ("search-mode"). */
void      hd_view_class_override_properties (GObjectClass *object_class,
                                             guint         first_prop,
                                             glong         context_offset,
                                             glong         search_bar_offset,
                                             glong         search_entry_offset);
/* The same for a view without properties of its own: they take the ids
 * 1 to 3, and the class's get_property and set_property become the two
 * below. */
void      hd_view_class_install_properties  (GObjectClass *object_class,
                                             glong         context_offset,
                                             glong         search_bar_offset,
                                             glong         search_entry_offset);
/* A view's get_property and set_property for those three properties
 * (opening the search bar puts the focus into its entry); any other id
 * gets the usual warning. A view with properties of its own calls these
 * from the default branch of its own functions. */
void      hd_view_get_property    (GObject      *object,
                                   guint         prop_id,
                                   GValue       *value,
                                   GParamSpec   *pspec);
void      hd_view_set_property    (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec);
/* From a searchable view's constructed: the search bar takes its entry,
 * catches typing anywhere in the view, and its opening and closing are
 * told as "search-mode". */
void      hd_view_setup_search    (HdView       *self);
/* The text of a view's search entry; NULL when there is none. */
const char *hd_view_search_text   (GtkSearchEntry *entry);
/* For a view's "view.back" action (gtk_widget_class_install_action). */
void      hd_view_back_action     (GtkWidget    *widget,
                                   const char   *action_name,
                                   GVariant     *parameter);
/* go_back of a view that is a list beside its details in @leaflet: on a
 * folded leaflet that shows anything but @list_pane, back to the list. */
gboolean  hd_view_leaflet_go_back (AdwLeaflet   *leaflet,
                                   GtkWidget    *list_pane);
/* The window a view is in; NULL while it is in none. */
GtkWindow *hd_view_get_window     (HdView       *self);
/* A question over the view's window, with @heading and @body (may be
 * NULL) and the responses given as pairs of id and label, ending in
 * NULL: the first is "cancel", which Escape gives too; the last is
 * suggested and the default. */
GtkWidget *hd_view_dialog_new     (HdView       *self,
                                   const char   *heading,
                                   const char   *body,
                                   const char   *first_id,
                                   const char   *first_label,
                                   ...) G_GNUC_NULL_TERMINATED;
/* A view's dispose: the children of its template, and any it added. */
void      hd_view_dispose_children (GtkWidget   *widget,
                                    GType        widget_type);

G_END_DECLS
