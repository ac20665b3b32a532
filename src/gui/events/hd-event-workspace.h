/* hd-event-workspace.h — one event's agenda, registrations and check-in
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "hd-context.h"

G_BEGIN_DECLS

#define HD_TYPE_EVENT_WORKSPACE (hd_event_workspace_get_type ())
G_DECLARE_FINAL_TYPE (HdEventWorkspace, hd_event_workspace, HD, EVENT_WORKSPACE, AdwWindow)

/* @page: "agenda", "registrations" or "check-in" (which fills the screen). */
GtkWidget *hd_event_workspace_new (HdContext  *context,
                                   GtkWindow  *parent,
                                   const char *event_id,
                                   const char *page);

G_END_DECLS
