/* hd-reports-view.h — the figures a hub reports to its funder
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "hd-context.h"

G_BEGIN_DECLS

#define HD_TYPE_REPORTS_VIEW (hd_reports_view_get_type ())
G_DECLARE_FINAL_TYPE (HdReportsView, hd_reports_view, HD, REPORTS_VIEW, GtkWidget)

GtkWidget *hd_reports_view_new (HdContext *context);

G_END_DECLS
