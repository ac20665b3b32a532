/* hd-preferences-window.h — the profile and its sync server account
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "hd-context.h"

G_BEGIN_DECLS

#define HD_TYPE_PREFERENCES_WINDOW (hd_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (HdPreferencesWindow, hd_preferences_window, HD, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget *hd_preferences_window_new (HdContext  *context,
                                      const char *profile);
/* Shows the Account page (log in, sync now, log out). */
void       hd_preferences_window_show_account (HdPreferencesWindow *self);

G_END_DECLS
