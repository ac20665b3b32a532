/* hd-report-chart.h — a bar chart of a figure's parts, this period and the one before
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "hd-report.h"

G_BEGIN_DECLS

#define HD_TYPE_REPORT_CHART (hd_report_chart_get_type ())
G_DECLARE_FINAL_TYPE (HdReportChart, hd_report_chart, HD, REPORT_CHART, GtkWidget)

GtkWidget *hd_report_chart_new        (void);
/* Shows the parts of @figure (copied); the accessible description reads
 * the same numbers. */
void       hd_report_chart_set_figure (HdReportChart        *self,
                                       const HdReportFigure *figure);

G_END_DECLS
