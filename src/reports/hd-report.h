/* hd-report.h — the figures a hub reports to its funder
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One definition per figure (hd-report-figures.c), used by the Reports
 * view, the CSV, JSON and PDF exports and the command line. A report is
 * computed for a period (days in Europe/Berlin) and a scope (one hub or
 * several) together with the period before it.
 */
#pragma once

#include <gio/gio.h>

#include "hd-store.h"

G_BEGIN_DECLS

#define HD_REPORT_ERROR (hd_report_error_quark ())

typedef enum {
  HD_REPORT_ERROR_INVALID_PERIOD,
  HD_REPORT_ERROR_UNKNOWN_HUB,
  HD_REPORT_ERROR_NO_LIST,
} HdReportError;

GQuark hd_report_error_quark (void);

/* ---- periods ---- */

typedef enum {
  HD_REPORT_PERIOD_MONTH,
  HD_REPORT_PERIOD_QUARTER,
  HD_REPORT_PERIOD_YEAR,
  HD_REPORT_PERIOD_CUSTOM,
} HdReportPeriodKind;

/* Whole days from @first to @last, both included, in Europe/Berlin. */
typedef struct {
  HdReportPeriodKind kind;
  GDate              first;
  GDate              last;
} HdReportPeriod;

void      hd_report_period_month     (HdReportPeriod       *period,
                                      int                   year,
                                      int                   month);
void      hd_report_period_quarter   (HdReportPeriod       *period,
                                      int                   year,
                                      int                   quarter);
void      hd_report_period_year      (HdReportPeriod       *period,
                                      int                   year);
/* From two dates "YYYY-MM-DD"; a range that is exactly a month, a
 * quarter or a year becomes one. */
gboolean  hd_report_period_parse     (HdReportPeriod       *period,
                                      const char           *from,
                                      const char           *to,
                                      GError              **error);
/* The period before: the month, quarter or year before, or a range of the
 * same number of days that ends the day before @period starts. */
void      hd_report_period_previous  (const HdReportPeriod *period,
                                      HdReportPeriod       *previous);
/* The period after: the next month, quarter or year, or a range of the
 * same number of days that starts the day after @period ends. */
void      hd_report_period_next      (const HdReportPeriod *period,
                                      HdReportPeriod       *next);
/* "YYYY-MM-DD" of the first or the last day. */
char     *hd_report_period_date      (const HdReportPeriod *period,
                                      gboolean              last);
/* "November 2026", "Q4 2026", "2026", "3.–17. Nov. 2026": for a person. */
char     *hd_report_period_label     (const HdReportPeriod *period);
/* The instants the period spans, [start, end) in Unix seconds: midnight
 * in Europe/Berlin at the start of the first and after the last day. */
void      hd_report_period_bounds    (const HdReportPeriod *period,
                                      gint64               *start,
                                      gint64               *end);

/* ---- figures ---- */

typedef enum {
  HD_REPORT_GROUP_REACH,
  HD_REPORT_GROUP_EVENTS,
  HD_REPORT_GROUP_SUPPORT,
  HD_REPORT_GROUP_ENTERED,
  HD_REPORT_GROUP_QUALITY,
  HD_REPORT_GROUP_ROOMS,
} HdReportGroup;

/* What a figure's number is: a count, or a whole percentage ("63 %"). */
typedef enum {
  HD_REPORT_UNIT_COUNT,
  HD_REPORT_UNIT_PERCENT,
} HdReportUnit;

typedef struct _HdReportContext HdReportContext;
typedef struct _HdReportValue HdReportValue;
typedef struct _HdReportTable HdReportTable;

typedef gboolean (*HdReportComputeFunc) (HdReportContext  *context,
                                         HdReportValue    *value,
                                         GError          **error);
typedef gboolean (*HdReportListFunc)    (HdReportContext  *context,
                                         HdReportTable    *table,
                                         GError          **error);

/* A figure's definition: adding a figure is one entry in the table of
 * hd-report-figures.c. */
typedef struct {
  const char          *id;           /* "organizations_reached": CSV, JSON, CLI */
  const char          *label;        /* N_() */
  const char          *explanation;  /* N_(): how it is counted */
  HdReportGroup        group;
  HdReportComputeFunc  compute;
  HdReportListFunc     list;         /* the records behind it, or NULL */
  HdReportUnit         unit;         /* 0: a count */
} HdReportFigureInfo;

guint                     hd_report_n_figures       (void);
const HdReportFigureInfo *hd_report_figure_info     (guint        index);
const HdReportFigureInfo *hd_report_figure_lookup   (const char  *id);
const char               *hd_report_figure_label    (const HdReportFigureInfo *info);
const char               *hd_report_figure_explanation (const HdReportFigureInfo *info);
const char               *hd_report_group_label     (HdReportGroup group);
/* A value of the figure for a person, in the locale: "1.234", "63 %". */
char                     *hd_report_format_value    (const HdReportFigureInfo *info,
                                                     gint64       value);
/* The unit for machine-readable exports: "count" or "percent". */
const char               *hd_report_unit_id         (const HdReportFigureInfo *info);

/* One part of a figure ("sme", "online", …) in both periods. */
typedef struct {
  char   *key;
  char   *label;     /* translated */
  gint64  value;
  gint64  previous;
} HdReportPart;

typedef struct {
  const HdReportFigureInfo *info;
  gint64                    value;
  gint64                    previous;
  GPtrArray                *parts;    /* HdReportPart, in a stable order */
} HdReportFigure;

typedef struct _HdReport HdReport;

/* Computes every figure for @period and the period before, over the hubs
 * in @hub_ids (NULL or empty: all hubs of the profile). @now (Unix
 * seconds; 0: the current time) decides which events are over. Blocking:
 * call it off the GTK thread, or use the _async variant. */
HdReport             *hd_report_compute         (HdStore              *store,
                                                 const HdReportPeriod *period,
                                                 const char * const   *hub_ids,
                                                 gint64                now,
                                                 GError              **error);
void                  hd_report_compute_async   (HdStore              *store,
                                                 const HdReportPeriod *period,
                                                 const char * const   *hub_ids,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
HdReport             *hd_report_compute_finish  (HdStore              *store,
                                                 GAsyncResult         *result,
                                                 GError              **error);

HdReport             *hd_report_ref             (HdReport             *report);
void                  hd_report_unref           (HdReport             *report);
const HdReportPeriod *hd_report_get_period      (HdReport             *report);
const HdReportPeriod *hd_report_get_previous_period (HdReport         *report);
/* The names of the hubs in scope, joined with ", " */
const char           *hd_report_get_scope_label (HdReport             *report);
/* The ids of the hubs in scope */
const char * const   *hd_report_get_hub_ids     (HdReport             *report);
guint                 hd_report_get_n_figures   (HdReport             *report);
const HdReportFigure *hd_report_get_figure      (HdReport             *report,
                                                 guint                 index);
const HdReportFigure *hd_report_lookup          (HdReport             *report,
                                                 const char           *id);
/* Figures over the months of the period, for charts: participants and
 * organizations reached per month ("participants_by_month",
 * "organizations_reached_by_month"); parts are the months, keyed "1", "2",
 * … so that the n-th month of the period before stands beside the n-th.
 * No parts for a range of more than three years. */
guint                 hd_report_get_n_series    (HdReport             *report);
const HdReportFigure *hd_report_get_series      (HdReport             *report,
                                                 guint                 index);
/* A part's values, or 0 */
gint64                hd_report_figure_part     (const HdReportFigure *figure,
                                                 const char           *key,
                                                 gboolean              previous);

/* ---- the records behind a figure ---- */

struct _HdReportTable {
  GPtrArray *columns;  /* translated headers */
  GPtrArray *rows;     /* GStrv, one cell per column */
};

void           hd_report_table_free      (HdReportTable        *table);
/* The list behind figure @id for @period and @hub_ids, as in
 * hd_report_compute(); HD_REPORT_ERROR_NO_LIST when it has none. */
HdReportTable *hd_report_list            (HdStore              *store,
                                          const char           *id,
                                          const HdReportPeriod *period,
                                          const char * const   *hub_ids,
                                          gint64                now,
                                          GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdReport, hd_report_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdReportTable, hd_report_table_free)

G_END_DECLS
