/* hd-report-export.h — a report as CSV, JSON and PDF
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "hd-report.h"

G_BEGIN_DECLS

/* One row per figure and per part: figure, part, label, value, previous
 * (RFC 4180, UTF-8, a header row). */
char     *hd_report_to_csv        (HdReport       *report);
/* The list behind a figure, one row per record. */
char     *hd_report_table_to_csv  (HdReportTable  *table);
/* {"period": …, "previous_period": …, "hubs": […], "figures": [{"id", "label",
 * "explanation", "value", "previous", "parts": [{"key", "label", "value",
 * "previous"}]}]} */
char     *hd_report_to_json       (HdReport       *report);
/* A printable report (A4, in the language of the environment) with the
 * scope, the period, every figure beside the previous period, charts and
 * how each figure is counted. */
gboolean  hd_report_write_pdf     (HdReport       *report,
                                   const char     *path,
                                   GError        **error);

/* Draws the printable report on @cr (in points, A4 from the top left):
 * page @page (from 0) only, every page with cairo_show_page() between
 * them for -1, or nothing for a page past the end (to count them).
 * Returns the number of pages. The PDF and printing both use it. */
guint     hd_report_draw          (HdReport       *report,
                                   cairo_t        *cr,
                                   int             page);

G_END_DECLS
