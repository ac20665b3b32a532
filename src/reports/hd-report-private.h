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

/* The hubs in scope as an SQL condition on a table alias's hub_id.
 * hd_report_context_prepare() replaces the mark "@@": by nothing, so that
 * SQLite may look the hubs up in the hub_id index, or, when the scope is
 * every hub of the profile, by "+", so that it reads the table in order
 * instead of looking up nearly every row through that index (which is
 * several times slower for 100,000 people). */
#define HD_REPORT_IN_SCOPE(alias) "@@" HD_REPORT_HUB_RANGES (alias)
/* The same without the mark, for a table read through an index that leads
 * with the hub (interaction_report, person_created): SQLite reads the
 * range of each hub in scope and tests no row's hub. */
#define HD_REPORT_HUB_RANGES(alias) alias ".hub_id IN (SELECT value FROM json_each(:hubs))"

/* An organization counted as reached: the records of several hubs that
 * stand for one organization are merged into one. */
typedef struct {
  char       *key;         /* what recognises it across hubs */
  const char *name;
  const char *kind;        /* NULL when no record says */
  const char *city;
  const char *postcode;
  const char *register_id;
  const char *website;
  GPtrArray  *hub_ids;     /* of its records, without repeats */
  gboolean    by_interaction;
  gboolean    by_event;
  gboolean    by_booking;
} HdReachedOrganization;

/* One period's computation. Statements get their parameters by name:
 * :hubs (JSON array of hub ids), :start and :end (RFC 3339 UTC, the
 * period is [start, end)), :first and :last (its days, "YYYY-MM-DD"),
 * :first_month and :last_month ("YYYY-MM") and :now. */
struct _HdReportContext
{
  HdStore        *store;           /* for the Rooms core (its own connection) */
  char          **hub_ids;         /* the hubs in scope */
  GDate           first_day;
  GDate           last_day;
  HdStoreReader  *reader;
  gboolean        whole_network;   /* every hub of the profile is in scope */
  gboolean        details;         /* for a list: names and hubs of what is reached */
  GStringChunk   *strings;         /* what the tables below point to */
  char           *hubs_json;
  char           *start;
  char           *end;
  char           *first;
  char           *last;
  char           *first_month;
  char           *last_month;
  char           *now;

  /* gathered on first use (hd_report_context_gather()) */
  gboolean        gathered;
  GPtrArray      *reached;         /* HdReachedOrganization, unsorted */
  GHashTable     *unconsented;     /* person ids reached without consent to be contacted */
  GHashTable     *attendees;       /* e-mail or person id → NULL: who attended */
  GHashTable     *interactions;    /* kind → count */
  GHashTable     *outcomes;        /* outcome ("none" when not set) → count */
  GHashTable     *participants;    /* event format, "online", "in_person" → count */
  GPtrArray      *room_usage;      /* HdRoomUsageRow of every hub in scope, on first use */

  /* the months of the period (none for a range of more than three years) */
  guint           n_months;
  char          **month_starts;    /* n_months + 1 instants, RFC 3339 UTC */
  int             first_year;
  int             first_month_number;
  gint64         *month_participants;
  GHashTable    **month_reached;   /* HdReachedOrganization * sets */
};

#define HD_REPORT_MAX_MONTHS 36

/* A count gathered into @table (interactions, participants), or 0. */
gint64        hd_report_count           (GHashTable       *table,
                                         const char       *key);

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
/* Reads the records the period reaches (interactions, attended
 * registrations, bookings) once: fills reached, unconsented, attendees,
 * interactions, outcomes and participants. */
gboolean      hd_report_context_gather  (HdReportContext  *context,
                                         GError          **error);
/* The rooms of the hubs in scope with their use over the period
 * (HdRoomUsageRow, from the Rooms core), computed once. */
GPtrArray    *hd_report_context_room_usage (HdReportContext  *context,
                                            GError          **error);
/* The reached organizations of the context's period, computed once. */
GPtrArray    *hd_report_context_reached (HdReportContext  *context,
                                         GError          **error);
void          hd_report_value_add       (HdReportValue    *value,
                                         const char       *key,
                                         const char       *label,
                                         gint64            n);

/* The table of figures (hd-report-figures.c) */
const HdReportFigureInfo *hd_report_figures (guint *n_figures);

G_END_DECLS
