/* hd-sidebar-row.h — a row of the window's sidebar that can be activated
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkListBoxRow with a "row.activate" action, so that screen readers
 * and other assistive technologies can open a view the way a click does.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HD_TYPE_SIDEBAR_ROW (hd_sidebar_row_get_type ())
G_DECLARE_FINAL_TYPE (HdSidebarRow, hd_sidebar_row, HD, SIDEBAR_ROW, GtkListBoxRow)

G_END_DECLS
