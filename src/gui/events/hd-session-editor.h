/* hd-session-editor.h — one session of an agenda: time, room, speakers
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "hd-context.h"

G_BEGIN_DECLS

#define HD_TYPE_SESSION_EDITOR (hd_session_editor_get_type ())
G_DECLARE_FINAL_TYPE (HdSessionEditor, hd_session_editor, HD, SESSION_EDITOR, AdwWindow)

/* @session NULL: a new session of @event. @rooms: the hub's rooms
 * (HdRecord *); @names: person id → name, for speakers already chosen.
 * Signal "saved" after the session is stored (or deleted). */
GtkWidget *hd_session_editor_new (HdContext  *context,
                                  GtkWindow  *parent,
                                  HdRecord   *event,
                                  HdRecord   *session,
                                  GPtrArray  *rooms,
                                  GHashTable *names);

/* A new session of @event prefilled with a time (RFC 3339 UTC) and a
 * room (@room_id NULL: no room), as the agenda grid asks for one. */
GtkWidget *hd_session_editor_new_at (HdContext  *context,
                                     GtkWindow  *parent,
                                     HdRecord   *event,
                                     GPtrArray  *rooms,
                                     const char *starts_at,
                                     const char *ends_at,
                                     const char *room_id);

G_END_DECLS
