/* hd-today-view.h — what happens today in the selected hubs
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "hd-context.h"

G_BEGIN_DECLS

#define HD_TYPE_TODAY_VIEW (hd_today_view_get_type ())
G_DECLARE_FINAL_TYPE (HdTodayView, hd_today_view, HD, TODAY_VIEW, GtkWidget)

GtkWidget *hd_today_view_new (HdContext *context);

G_END_DECLS
