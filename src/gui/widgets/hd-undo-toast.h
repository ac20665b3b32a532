/* hd-undo-toast.h — a toast that says what was done and offers to undo it
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Called when the toast's Undo button is pressed. */
typedef void (*HdUndoFunc) (gpointer data);

/* Adds a toast with @message and an "Undo" button to @overlay: @undo is
 * called with @data when it is pressed; @data lives as long as the toast
 * (freed with @data_free). Returns the toast (owned by @overlay), for a
 * timeout or a priority of its own. */
AdwToast *hd_undo_toast_add (AdwToastOverlay *overlay,
                             const char      *message,
                             HdUndoFunc       undo,
                             gpointer         data,
                             GDestroyNotify   data_free);

G_END_DECLS
