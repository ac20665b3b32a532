/* hd-event-editor.h — every field of an event, checked before saving
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "hd-context.h"

G_BEGIN_DECLS

#define HD_TYPE_EVENT_EDITOR (hd_event_editor_get_type ())
G_DECLARE_FINAL_TYPE (HdEventEditor, hd_event_editor, HD, EVENT_EDITOR, AdwWindow)

/* @event NULL: a new event in @hub_id. Signal "saved" (const char *id)
 * after the event (and its room booking) is stored. */
GtkWidget *hd_event_editor_new (HdContext  *context,
                                GtkWindow  *parent,
                                HdRecord   *event,
                                const char *hub_id);

G_END_DECLS
