/* hd-events-view.h — upcoming, past and draft events, with details
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "hd-context.h"

G_BEGIN_DECLS

#define HD_TYPE_EVENTS_VIEW (hd_events_view_get_type ())
G_DECLARE_FINAL_TYPE (HdEventsView, hd_events_view, HD, EVENTS_VIEW, GtkWidget)

GtkWidget *hd_events_view_new (HdContext *context);

G_END_DECLS
