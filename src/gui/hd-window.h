/* hd-window.h — the main window of a profile
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "hd-context.h"

G_BEGIN_DECLS

#define HD_TYPE_WINDOW (hd_window_get_type ())
G_DECLARE_FINAL_TYPE (HdWindow, hd_window, HD, WINDOW, AdwApplicationWindow)

HdWindow    *hd_window_new            (GtkApplication *application,
                                       HdContext      *context);
HdContext   *hd_window_get_context    (HdWindow       *self);
/* The view shown: "today", "events", "rooms", "contacts", "reports" or
 * "conflicts" (property "view"). */
const char  *hd_window_get_view       (HdWindow       *self);
/* FALSE for a name that is not a view. */
gboolean     hd_window_show_view      (HdWindow       *self,
                                       const char     *name);
GtkWidget   *hd_window_get_view_widget (HdWindow      *self,
                                       const char     *name);
void         hd_window_show_toast     (HdWindow       *self,
                                       const char     *message);

/* The names of the views, in sidebar order, NULL-terminated. */
const char * const *hd_window_get_view_names (void);

G_END_DECLS
