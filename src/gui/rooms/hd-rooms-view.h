/* hd-rooms-view.h — the rooms of the hubs and what is booked in them today
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "hd-context.h"

G_BEGIN_DECLS

#define HD_TYPE_ROOMS_VIEW (hd_rooms_view_get_type ())
G_DECLARE_FINAL_TYPE (HdRoomsView, hd_rooms_view, HD, ROOMS_VIEW, GtkWidget)

GtkWidget *hd_rooms_view_new (HdContext *context);

G_END_DECLS
