/* hd-conflicts-view.h — edits that clashed with a colleague's (to come with sync)
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "hd-context.h"

G_BEGIN_DECLS

#define HD_TYPE_CONFLICTS_VIEW (hd_conflicts_view_get_type ())
G_DECLARE_FINAL_TYPE (HdConflictsView, hd_conflicts_view, HD, CONFLICTS_VIEW, GtkWidget)

GtkWidget *hd_conflicts_view_new (HdContext *context);

G_END_DECLS
