/* hd-list-state.h — which page a list view shows: loading, empty, results
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "hd-record-list.h"

G_BEGIN_DECLS

/* Shows the page of @stack named "loading" while @list counts, "empty"
 * when it has nothing, "no-results" when a search found nothing, and
 * "list" otherwise. */
void hd_list_state_update (GtkStack     *stack,
                           HdRecordList *list,
                           gboolean      searching);
/* TRUE when @stack shows its "empty" page: nothing to show details of. */
gboolean hd_list_state_is_empty (GtkStack *stack);
/* Without records there is nothing to show details of: while @stack
 * shows its "empty" page, @detail and the @separator before it are
 * hidden and the empty state takes the whole view. */
void     hd_list_state_update_detail (GtkStack  *stack,
                                      GtkWidget *detail,
                                      GtkWidget *separator);

/* The selection of a list of records: nothing is selected until the
 * user picks a row, and a picked row can be unselected. */
GtkSingleSelection *hd_list_selection_new (void);
/* Shows through @selection the records of @store that @query finds. The
 * first time (*@list is NULL) a new list goes into *@list, and @changed
 * is called (swapped: with @view) when it starts or ends loading and
 * when its items change; TRUE then. Later calls give *@list the new
 * query. */
gboolean hd_list_state_query (HdRecordList       **list,
                              HdStore             *store,
                              const HdQuery       *query,
                              GtkSingleSelection  *selection,
                              GCallback            changed,
                              gpointer             view);

/* The records of @selection in @list_view: @setup (with NULL) makes the
 * rows, @bind and @unbind (with @view) fill and empty them, and
 * @activate (swapped: view, position) hears a row activated. Clicks are
 * watched as hd_list_watch_clicks() does. */
void     hd_list_view_setup    (GtkListView        *list_view,
                                GtkSingleSelection *selection,
                                GCallback           setup,
                                GCallback           bind,
                                GCallback           unbind,
                                GCallback           activate,
                                gpointer            view);

/* A pointer press on @list_widget (a GtkListView or GtkColumnView) is
 * remembered, so that a view can tell a selection the user clicked (open
 * the details on a narrow window) from one made by keys or by code. */
void     hd_list_watch_clicks  (GtkWidget *list_widget);
/* TRUE once after a press on @list_widget. */
gboolean hd_list_take_click    (GtkWidget *list_widget);

G_END_DECLS
