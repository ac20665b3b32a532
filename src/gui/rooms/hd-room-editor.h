/* hd-room-editor.h — a window to add a room or change every field of one;
 * a room with bookings is archived instead of deleted
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "hd-context.h"

G_BEGIN_DECLS

#define HD_TYPE_ROOM_EDITOR (hd_room_editor_get_type ())
G_DECLARE_FINAL_TYPE (HdRoomEditor, hd_room_editor, HD, ROOM_EDITOR, AdwWindow)

/* @room NULL: a new room (in the hub chosen in @context, else the first
 * hub). Emits "saved" (const char *message). */
GtkWidget *hd_room_editor_new (GtkWindow *parent,
                               HdContext *context,
                               HdRecord  *room);

G_END_DECLS
