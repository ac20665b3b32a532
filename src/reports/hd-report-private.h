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
#define HD_REPORT_IN_SCOPE(alias) "@@" alias ".hub_id IN (SELECT value FROM json_each(:hubs))"

/* What a report reads once for both periods: the people and the
 * organizations of the hubs in scope (strings live in @strings). */
typedef struct {
  const char *id;
  const char *organization_id;
  const char *email_key;     /* lower case, or NULL */
  const char *created_at;
  gboolean    consent_ok;    /* consent given, for the purpose "contact" */
} HdReportPerson;

typedef struct {
  const char *id;
  const char *hub_id;
  const char *name;
  const char *kind;
  const char *register_id;
  const char *website;
  const char *postcode;
  const char *city;
} HdReportOrganization;

typedef struct {
  GStringChunk *strings;
  GHashTable   *people;          /* id → HdReportPerson */
  GHashTable   *organizations;   /* id → HdReportOrganization */
  GPtrArray    *person_blocks;   /* where the HdReportPerson live */
  guint         n_people;
  GPtrArray    *organization_blocks;
  guint         n_organizations;
  gboolean      whole_network;   /* every hub of the profile is in scope */
} HdReportShared;

/* The @index-th person read (0 … n_people - 1). */
HdReportPerson *hd_report_shared_person (HdReportShared *shared,
                                         guint           index);

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
  char           *hubs_json;
  char           *start;
  char           *end;
  char           *first;
  char           *last;
  char           *first_month;
  char           *last_month;
  char           *now;
  HdReportShared *shared;          /* owned by the caller, loaded on first use */

  /* gathered on first use (hd_report_context_gather()) */
  gboolean        gathered;
  GPtrArray      *reached;         /* HdReachedOrganization, unsorted */
  GHashTable     *reached_people;  /* HdReportPerson * set: attended or met */
  GHashTable     *attendees;       /* e-mail or person id → NULL: who attended */
  GHashTable     *interactions;    /* "kind" and "outcome:…" → count */
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
 * registrations, bookings) once: fills reached, reached_people and
 * attendees. */
gboolean      hd_report_context_gather  (HdReportContext  *context,
                                         GError          **error);
/* The rooms of the hubs in scope with their use over the period
 * (HdRoomUsageRow, from the Rooms core), computed once. */
GPtrArray    *hd_report_context_room_usage (HdReportContext  *context,
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
