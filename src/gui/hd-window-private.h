/* hd-window-private.h — the window's parts shared with its actions
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hd-window.h"
#include "hd-view.h"

G_BEGIN_DECLS

struct _HdWindow
{
  AdwApplicationWindow  parent_instance;

  HdContext            *context;
  char                 *view;
  GBinding             *search_binding;
  gboolean              selecting_row;
  int                   status_action;   /* HdSyncStatusAction */
  guint                 status_timer;
  guint                 syncing_timer;   /* a sync shows after a moment */
  gboolean              syncing_shown;

  /* template */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar_pane;
  GtkWidget            *content_pane;
  GtkDropDown          *hub_selector;
  GtkListBox           *sidebar;
  GtkLabel             *conflict_badge;
  GtkLabel             *title_label;
  GtkSpinner           *busy_spinner;
  GtkLabel             *status_label;
  GtkButton            *status_button;
  GtkToggleButton      *search_button;
  GtkWidget            *new_button;
  GtkStack             *stack;
};

HdView *hd_window_get_current_view  (HdWindow       *self);
void    hd_window_class_add_actions (GtkWidgetClass *widget_class);
/* Opens Preferences on the Account page. */
void    hd_window_show_account      (HdWindow       *self);

G_END_DECLS
