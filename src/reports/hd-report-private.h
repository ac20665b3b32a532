/* hd-report-private.h — what the figures share with the report engine
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "hd-report.h"
#include "hd-store-report.h"

G_BEGIN_DECLS

/* The hubs in scope as an SQL condition on a table alias's hub_id. */
#define HD_REPORT_IN_SCOPE(alias) alias ".hub_id IN (SELECT value FROM json_each(:hubs))"

/* One period's computation. Statements get their parameters by name:
 * :hubs (JSON array of hub ids), :start and :end (RFC 3339 UTC, the
 * period is [start, end)), :first and :last (its days, "YYYY-MM-DD"),
 * :first_month and :last_month ("YYYY-MM") and :now. */
struct _HdReportContext
{
  HdStoreReader *reader;
  char          *hubs_json;
  char          *start;
  char          *end;
  char          *first;
  char          *last;
  char          *first_month;
  char          *last_month;
  char          *now;

  /* computed on first use, shared by several figures */
  GPtrArray     *reached;   /* HdReachedOrganization */
};

/* An organization counted as reached: the records of several hubs that
 * stand for one organization are merged into one. */
typedef struct {
  char    *key;         /* what recognises it across hubs */
  char    *name;
  char    *kind;        /* NULL when no record says */
  char    *city;
  char    *postcode;
  char    *register_id;
  char    *website;
  GPtrArray *hub_ids;   /* of its records, without repeats */
  gboolean by_interaction;
  gboolean by_event;
  gboolean by_booking;
} HdReachedOrganization;

struct _HdReportValue
{
  gint64     value;
  GPtrArray *parts;     /* HdReportPart; only value is set */
};

/* Prepares @sql on the context's reader and binds the named parameters it
 * uses. */
sqlite3_stmt *hd_report_context_prepare (HdReportContext  *context,
                                         const char       *sql,
                                         GError          **error);
/* Steps @stmt to the end, failing on an error. */
gboolean      hd_report_step_failed     (HdReportContext  *context,
                                         int               rc,
                                         GError          **error);
/* The reached organizations of the context's period, computed once. */
GPtrArray    *hd_report_context_reached (HdReportContext  *context,
                                         GError          **error);
/* What recognises one organization across hubs: its register number,
 * else its website's domain, else its name and postcode, normalised. */
char         *hd_report_organization_key (const char      *name,
                                          const char      *register_id,
                                          const char      *website,
                                          const char      *postcode);

void          hd_report_value_add       (HdReportValue    *value,
                                         const char       *key,
                                         const char       *label,
                                         gint64            n);

/* The table of figures (hd-report-figures.c) */
const HdReportFigureInfo *hd_report_figures (guint *n_figures);

G_END_DECLS
