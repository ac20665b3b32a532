/* hd-report.c — periods, scopes and the computation of a report
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "hubdesk-reports"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "hd-report-private.h"
#include "hd-rooms.h"

#define REPORT_ZONE "Europe/Berlin"

G_DEFINE_QUARK (hd-report-error-quark, hd_report_error)

/* ---- periods ---- */

static void
set_range (HdReportPeriod     *period,
           HdReportPeriodKind  kind,
           int                 year,
           int                 first_month,
           int                 n_months)
{
  int last_month = first_month + n_months - 1;

  period->kind = kind;
  g_date_clear (&period->first, 1);
  g_date_clear (&period->last, 1);
  g_date_set_dmy (&period->first, 1, first_month, year);
  g_date_set_dmy (&period->last, g_date_get_days_in_month (last_month, year),
                  last_month, year);
}

void
hd_report_period_month (HdReportPeriod *period,
                        int             year,
                        int             month)
{
  g_return_if_fail (month >= 1 && month <= 12);

  set_range (period, HD_REPORT_PERIOD_MONTH, year, month, 1);
}

void
hd_report_period_quarter (HdReportPeriod *period,
                          int             year,
                          int             quarter)
{
  g_return_if_fail (quarter >= 1 && quarter <= 4);

  set_range (period, HD_REPORT_PERIOD_QUARTER, year, (quarter - 1) * 3 + 1, 3);
}

void
hd_report_period_year (HdReportPeriod *period,
                       int             year)
{
  set_range (period, HD_REPORT_PERIOD_YEAR, year, 1, 12);
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  int y, m, d;
  char tail;

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) != 10 ||
      sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
      y < 1900 || y > 9999 || !g_date_valid_dmy (d, m, y))
    return FALSE;

  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

gboolean
hd_report_period_parse (HdReportPeriod  *period,
                        const char      *from,
                        const char      *to,
                        GError         **error)
{
  GDate first, last;
  int y, m1, m2;

  if (!parse_date (from, &first))
    {
      g_set_error (error, HD_REPORT_ERROR, HD_REPORT_ERROR_INVALID_PERIOD,
                   _("“%s” is not a date. Write dates as 2026-11-25."), from ? from : "");
      return FALSE;
    }
  if (!parse_date (to, &last))
    {
      g_set_error (error, HD_REPORT_ERROR, HD_REPORT_ERROR_INVALID_PERIOD,
                   _("“%s” is not a date. Write dates as 2026-11-25."), to ? to : "");
      return FALSE;
    }
  if (g_date_compare (&first, &last) > 0)
    {
      g_set_error (error, HD_REPORT_ERROR, HD_REPORT_ERROR_INVALID_PERIOD,
                   _("The period must end on or after the day it starts."));
      return FALSE;
    }

  period->kind = HD_REPORT_PERIOD_CUSTOM;
  period->first = first;
  period->last = last;

  /* Whole months of one year make a month, a quarter or a year. */
  y = g_date_get_year (&first);
  m1 = g_date_get_month (&first);
  m2 = g_date_get_month (&last);
  if (g_date_get_year (&last) == y && g_date_get_day (&first) == 1 &&
      g_date_is_last_of_month (&last))
    {
      if (m1 == m2)
        period->kind = HD_REPORT_PERIOD_MONTH;
      else if (m2 - m1 == 2 && (m1 - 1) % 3 == 0)
        period->kind = HD_REPORT_PERIOD_QUARTER;
      else if (m1 == 1 && m2 == 12)
        period->kind = HD_REPORT_PERIOD_YEAR;
    }

  return TRUE;
}

void
hd_report_period_previous (const HdReportPeriod *period,
                           HdReportPeriod       *previous)
{
  int y = g_date_get_year (&period->first);
  int m = g_date_get_month (&period->first);

  switch (period->kind)
    {
    case HD_REPORT_PERIOD_MONTH:
      if (m == 1)
        hd_report_period_month (previous, y - 1, 12);
      else
        hd_report_period_month (previous, y, m - 1);
      break;

    case HD_REPORT_PERIOD_QUARTER:
      if (m <= 3)
        hd_report_period_quarter (previous, y - 1, 4);
      else
        hd_report_period_quarter (previous, y, (m - 1) / 3);
      break;

    case HD_REPORT_PERIOD_YEAR:
      hd_report_period_year (previous, y - 1);
      break;

    case HD_REPORT_PERIOD_CUSTOM:
    default:
      {
        guint days = g_date_days_between (&period->first, &period->last) + 1;

        previous->kind = HD_REPORT_PERIOD_CUSTOM;
        previous->last = period->first;
        g_date_subtract_days (&previous->last, 1);
        previous->first = previous->last;
        g_date_subtract_days (&previous->first, days - 1);
      }
      break;
    }
}

void
hd_report_period_next (const HdReportPeriod *period,
                       HdReportPeriod       *next)
{
  int y = g_date_get_year (&period->last);
  int m = g_date_get_month (&period->last);

  switch (period->kind)
    {
    case HD_REPORT_PERIOD_MONTH:
      if (m == 12)
        hd_report_period_month (next, y + 1, 1);
      else
        hd_report_period_month (next, y, m + 1);
      break;

    case HD_REPORT_PERIOD_QUARTER:
      if (m >= 10)
        hd_report_period_quarter (next, y + 1, 1);
      else
        hd_report_period_quarter (next, y, (m - 1) / 3 + 2);
      break;

    case HD_REPORT_PERIOD_YEAR:
      hd_report_period_year (next, y + 1);
      break;

    case HD_REPORT_PERIOD_CUSTOM:
    default:
      {
        guint days = g_date_days_between (&period->first, &period->last) + 1;

        next->kind = HD_REPORT_PERIOD_CUSTOM;
        next->first = period->last;
        g_date_add_days (&next->first, 1);
        next->last = next->first;
        g_date_add_days (&next->last, days - 1);
      }
      break;
    }
}

static char *
date_text (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

char *
hd_report_period_date (const HdReportPeriod *period,
                       gboolean              last)
{
  return date_text (last ? &period->last : &period->first);
}

static char *
format_date (const GDate *date,
             const char  *format)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (g_date_get_year (date),
                                                 g_date_get_month (date),
                                                 g_date_get_day (date), 12, 0, 0);

  return g_date_time_format (dt, format);
}

char *
hd_report_period_label (const HdReportPeriod *period)
{
  int year = g_date_get_year (&period->first);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  switch (period->kind)
    {
    case HD_REPORT_PERIOD_MONTH:
      /* TRANSLATORS: a month and its year, in strftime() format */
      return format_date (&period->first, C_("report period", "%B %Y"));
    case HD_REPORT_PERIOD_QUARTER:
      /* TRANSLATORS: a quarter of a year: "Q4 2026" */
      return g_strdup_printf (_("Q%d %d"), (g_date_get_month (&period->first) + 2) / 3, year);
    case HD_REPORT_PERIOD_YEAR:
      return g_strdup_printf ("%d", year);
    case HD_REPORT_PERIOD_CUSTOM:
    default:
      /* TRANSLATORS: a date in strftime() format, for a range of days */
      from = format_date (&period->first, C_("report period", "%-d %b %Y"));
      to = format_date (&period->last, C_("report period", "%-d %b %Y"));
      /* TRANSLATORS: a range of days: "3 Nov 2026 – 17 Nov 2026" */
      return g_strdup_printf (_("%s – %s"), from, to);
    }
}

static gint64
local_midnight (GTimeZone   *zone,
                const GDate *date)
{
  g_autoptr(GDateTime) dt = g_date_time_new (zone, g_date_get_year (date),
                                             g_date_get_month (date),
                                             g_date_get_day (date), 0, 0, 0);

  return g_date_time_to_unix (dt);
}

void
hd_report_period_bounds (const HdReportPeriod *period,
                         gint64               *start,
                         gint64               *end)
{
  g_autoptr(GTimeZone) zone = hd_time_zone_get (REPORT_ZONE);
  GDate after = period->last;

  if (zone == NULL)
    zone = g_time_zone_new_utc ();

  g_date_add_days (&after, 1);
  *start = local_midnight (zone, &period->first);
  *end = local_midnight (zone, &after);
}

static void
reached_free (gpointer data)
{
  HdReachedOrganization *org = data;

  g_free (org->key);
  g_ptr_array_unref (org->hub_ids);
  g_free (org);
}

/* Where @kind stands among the organizations' kinds of the model (SME,
 * startup, …): when records of one organization in several hubs name
 * different kinds, the first wins, whatever order they are met in; no
 * kind and "other" come last. */
static guint
kind_rank (const char *kind)
{
  int field = hd_entity_field_index (HD_ENTITY_ORGANIZATION, "kind");
  const char * const *kinds = hd_entity_field (HD_ENTITY_ORGANIZATION, (guint) field)->values;
  guint rank;

  if (kind == NULL || *kind == '\0' || g_str_equal (kind, "other"))
    return G_MAXUINT;
  for (rank = 0; kinds[rank] != NULL; rank++)
    {
      if (g_str_equal (kinds[rank], kind))
        return rank;
    }

  return G_MAXUINT - 1;   /* of a newer model */
}

/* ---- what a period reaches ---- */

static void
count_add (GHashTable *table,
           const char *key)
{
  gint64 *n;

  if (key == NULL)
    return;

  n = g_hash_table_lookup (table, key);
  if (n == NULL)
    {
      n = g_new0 (gint64, 1);
      g_hash_table_insert (table, g_strdup (key), n);
    }
  (*n)++;
}

gint64
hd_report_count (GHashTable *table,
                 const char *key)
{
  gint64 *n = table != NULL ? g_hash_table_lookup (table, key) : NULL;

  return n != NULL ? *n : 0;
}

typedef struct {
  HdReportContext *context;
  GHashTable      *by_key;      /* key → HdReachedOrganization */
  GHashTable      *by_record;   /* organization id → NULL, for lists: the records met */
} Gather;

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static const char *
column_insert (GStringChunk *strings,
               sqlite3_stmt *stmt,
               int           column)
{
  const char *text = column_text (stmt, column);

  return text != NULL && *text != '\0' ? g_string_chunk_insert (strings, text) : NULL;
}

/* For the list of reached organizations: the name, place and hub of each
 * record of @reached met (the first one names it). */
static void
add_record (Gather                *g,
            HdReachedOrganization *reached,
            const char            *org_id)
{
  HdReportContext *context = g->context;
  GStringChunk *strings = context->strings;
  sqlite3_stmt *stmt;
  const char *hub_id;

  if (org_id == NULL || g_hash_table_contains (g->by_record, org_id))
    return;
  g_hash_table_add (g->by_record, g_string_chunk_insert (strings, org_id));

  stmt = hd_store_reader_prepare (context->reader,
                                  "SELECT hub_id, name, register_id, website, postcode, city "
                                  "FROM organization WHERE id = ?",
                                  NULL);
  if (stmt == NULL)
    return;
  sqlite3_bind_text (stmt, 1, org_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return;

  hub_id = g_string_chunk_insert_const (strings, column_text (stmt, 0));
  if (reached->name == NULL)
    {
      reached->name = column_insert (strings, stmt, 1);
      reached->register_id = column_insert (strings, stmt, 2);
      reached->website = column_insert (strings, stmt, 3);
      reached->postcode = column_insert (strings, stmt, 4);
      reached->city = column_insert (strings, stmt, 5);
    }
  if (!g_ptr_array_find (reached->hub_ids, hub_id, NULL))
    g_ptr_array_add (reached->hub_ids, (gpointer) hub_id);
}

/* The organization a row reaches, from its columns @column (organization
 * id), @column + 1 (key across hubs) and @column + 2 (kind): the records
 * of several hubs with one key are one organization. */
static HdReachedOrganization *
reach_organization (Gather       *g,
                    sqlite3_stmt *stmt,
                    int           column,
                    int           via)
{
  const char *key = column_text (stmt, column + 1);
  const char *kind = column_text (stmt, column + 2);
  HdReachedOrganization *reached;

  if (key == NULL)
    return NULL;   /* none, or deleted */

  reached = g_hash_table_lookup (g->by_key, key);
  if (reached == NULL)
    {
      reached = g_new0 (HdReachedOrganization, 1);
      reached->key = g_strdup (key);
      reached->kind = kind != NULL && *kind != '\0'
                      ? g_string_chunk_insert_const (g->context->strings, kind) : NULL;
      reached->hub_ids = g_ptr_array_new ();
      g_ptr_array_add (g->context->reached, reached);
      g_hash_table_insert (g->by_key, reached->key, reached);
    }
  else if (kind != NULL && g_strcmp0 (kind, reached->kind) != 0 &&
           kind_rank (kind) < kind_rank (reached->kind))
    reached->kind = g_string_chunk_insert_const (g->context->strings, kind);

  if (g->by_record != NULL)
    add_record (g, reached, column_text (stmt, column));

  reached->by_interaction |= via == 0;
  reached->by_event |= via == 1;
  reached->by_booking |= via == 2;

  return reached;
}

/* Adds @text to the set @table once, copied into the context's strings. */
static void
set_add (HdReportContext *context,
         GHashTable      *table,
         const char      *text)
{
  if (text != NULL && !g_hash_table_contains (table, text))
    g_hash_table_add (table, g_string_chunk_insert (context->strings, text));
}

/* The person of a row, when they are alive and have not agreed to be
 * contacted (counted once however often they are reached). */
#define UNCONSENTED(alias) "CASE WHEN " alias ".reach_person = 0 THEN " alias ".person_id END"

/* The month of the period a day ("YYYY-MM-DD") falls in, or -1. */
static int
month_of_day (HdReportContext *context,
              const char      *day)
{
  int y, m, index;

  if (context->n_months == 0 || day == NULL || sscanf (day, "%4d-%2d", &y, &m) != 2)
    return -1;
  index = (y - context->first_year) * 12 + (m - context->first_month_number);

  return index >= 0 && index < (int) context->n_months ? index : -1;
}

/* The month of the period an instant (RFC 3339 UTC) falls in, or -1. */
static int
month_of_instant (HdReportContext *context,
                  const char      *instant)
{
  if (context->n_months == 0 || instant == NULL)
    return -1;

  for (guint i = 0; i < context->n_months; i++)
    {
      if (strcmp (instant, context->month_starts[i + 1]) < 0)
        return strcmp (instant, context->month_starts[i]) >= 0 ? (int) i : -1;
    }

  return -1;
}

static void
month_reached (HdReportContext       *context,
               int                    month,
               HdReachedOrganization *reached)
{
  if (month >= 0 && reached != NULL)
    g_hash_table_add (context->month_reached[month], reached);
}

/* Says how long a stage of gathering took (G_MESSAGES_DEBUG=hubdesk-reports)
 * and returns the time it ended. */
static gint64
stage_done (const char *stage,
            gint64      started)
{
  gint64 now = g_get_monotonic_time ();

  g_debug ("%s: %.1f ms", stage, (now - started) / 1000.0);
  return now;
}

/* Drops what hd_report_context_gather() collected. */
static void
clear_gathered (HdReportContext *context)
{
  g_clear_pointer (&context->reached, g_ptr_array_unref);
  g_clear_pointer (&context->unconsented, g_hash_table_unref);
  g_clear_pointer (&context->attendees, g_hash_table_unref);
  g_clear_pointer (&context->interactions, g_hash_table_unref);
  g_clear_pointer (&context->outcomes, g_hash_table_unref);
  g_clear_pointer (&context->participants, g_hash_table_unref);
}

gboolean
hd_report_context_gather (HdReportContext  *context,
                          GError          **error)
{
  Gather g = { context, NULL, NULL };
  gint64 started = g_get_monotonic_time ();
  sqlite3_stmt *stmt;
  int rc;

  if (context->gathered)
    return TRUE;

  context->reached = g_ptr_array_new_with_free_func (reached_free);
  context->unconsented = g_hash_table_new (g_str_hash, g_str_equal);
  context->attendees = g_hash_table_new (g_str_hash, g_str_equal);
  context->interactions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  context->outcomes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  context->participants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g.by_key = g_hash_table_new (g_str_hash, g_str_equal);
  if (context->details)
    g.by_record = g_hash_table_new (g_str_hash, g_str_equal);

  /* interactions: the organization and person each reaches are kept with
   * it (reach_*, see hd-store-reach.c) */
#define INTERACTIONS(organization_id) \
  "SELECT " UNCONSENTED ("i") ", i.kind, COALESCE(i.outcome, 'none'), i.occurred_on, " \
  organization_id ", i.reach_key, i.reach_kind FROM interaction i " \
  "WHERE i.deleted = 0 AND " HD_REPORT_HUB_RANGES ("i") " " \
  "AND i.occurred_on >= :first AND i.occurred_on <= :last"
  stmt = hd_report_context_prepare (context,
                                    context->details ? INTERACTIONS ("i.reach_organization_id")
                                                     : INTERACTIONS ("NULL"),
                                    error);
#undef INTERACTIONS
  if (stmt == NULL)
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *kind = column_text (stmt, 1);

      set_add (context, context->unconsented, column_text (stmt, 0));
      month_reached (context, month_of_day (context, column_text (stmt, 3)),
                     reach_organization (&g, stmt, 4, 0));
      count_add (context->interactions, kind != NULL ? kind : "other");
      count_add (context->outcomes, column_text (stmt, 2));
    }
  if (hd_report_step_failed (context, rc, error))
    goto fail;

  started = stage_done ("interactions", started);

  /* people who attended an event starting in the period */
  /* (events first: a year has a few hundred, and each finds its
   * registrations in the index) */
  stmt = hd_report_context_prepare (context,
                                    "SELECT " UNCONSENTED ("g") ", COALESCE(e.format, 'other'), "
                                    "e.format = 'online_seminar' OR (e.online_url IS NOT NULL "
                                    "AND e.room_id IS NULL AND e.location IS NULL), e.starts_at, "
                                    "g.attendee_key, g.reach_organization_id, g.reach_key, g.reach_kind "
                                    "FROM event e CROSS JOIN registration g ON g.event_id = e.id "
                                    "WHERE e.deleted = 0 AND " HD_REPORT_IN_SCOPE ("e") " "
                                    "AND e.starts_at >= :start AND e.starts_at < :end "
                                    "AND g.deleted = 0 AND g.status = 'attended'",
                                    error);
  if (stmt == NULL)
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int month = month_of_instant (context, column_text (stmt, 3));

      if (month >= 0)
        context->month_participants[month]++;
      count_add (context->participants, column_text (stmt, 1));
      count_add (context->participants, sqlite3_column_int (stmt, 2) ? "online" : "in_person");
      /* by e-mail, else by person id (also of a person erased since) */
      set_add (context, context->attendees, column_text (stmt, 4));
      set_add (context, context->unconsented, column_text (stmt, 0));
      month_reached (context, month, reach_organization (&g, stmt, 5, 1));
    }
  if (hd_report_step_failed (context, rc, error))
    goto fail;

  started = stage_done ("attended registrations", started);

  /* single bookings for an organization starting in the period */
  stmt = hd_report_context_prepare (context,
                                    "SELECT b.starts_at, b.reach_organization_id, b.reach_key, "
                                    "b.reach_kind FROM booking b "
                                    "WHERE b.deleted = 0 AND " HD_REPORT_IN_SCOPE ("b") " "
                                    "AND b.starts_at >= :start AND b.starts_at < :end "
                                    "AND b.recurrence IS NULL AND b.reach_key IS NOT NULL "
                                    "AND COALESCE(b.status, 'confirmed') != 'cancelled'",
                                    error);
  if (stmt == NULL)
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    month_reached (context, month_of_instant (context, column_text (stmt, 0)),
                   reach_organization (&g, stmt, 1, 2));
  if (hd_report_step_failed (context, rc, error))
    goto fail;

  started = stage_done ("single bookings", started);

  /* recurring ones: in every period (and month) with a date of the
   * series that is not cancelled */
  stmt = hd_report_context_prepare (context,
                                    "SELECT b.starts_at, b.ends_at, b.recurrence, "
                                    "(SELECT group_concat(x.value, char(31)) FROM json_each(b.exdates) x), "
                                    "b.hub_id, b.reach_organization_id, b.reach_key, b.reach_kind "
                                    "FROM booking b "
                                    "WHERE b.deleted = 0 AND " HD_REPORT_IN_SCOPE ("b") " "
                                    "AND b.starts_at < :end AND b.recurrence IS NOT NULL "
                                    "AND b.reach_key IS NOT NULL "
                                    "AND COALESCE(b.status, 'confirmed') != 'cancelled'",
                                    error);
  if (stmt == NULL)
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *exdates = column_text (stmt, 3);
      g_autoptr(HdRecord) series = hd_record_new (HD_ENTITY_BOOKING, column_text (stmt, 4));
      g_autoptr(GArray) spans = NULL;
      g_autoptr(GError) local_error = NULL;
      gint64 start = 0, end = 0;

      hd_record_set_string (series, "starts_at", column_text (stmt, 0));
      hd_record_set_string (series, "ends_at", column_text (stmt, 1));
      hd_record_set_string (series, "recurrence", column_text (stmt, 2));
      if (exdates != NULL && *exdates != '\0')
        {
          g_auto(GStrv) list = g_strsplit (exdates, "\x1f", -1);

          hd_record_set_strv (series, "exdates", (const char * const *) list);
        }
      if (!hd_timestamp_parse (context->start, &start) || !hd_timestamp_parse (context->end, &end))
        continue;
      spans = hd_occurrences (series, NULL, start, end, &local_error);
      if (spans == NULL)
        {
          g_debug ("A recurring booking was left out: %s", local_error->message);
          continue;
        }
      for (guint i = 0; i < spans->len; i++)
        {
          const HdSpan *span = &g_array_index (spans, HdSpan, i);
          g_autofree char *at = NULL;

          if (span->start < start)
            continue;   /* began before the period */
          at = hd_timestamp_format (span->start);
          month_reached (context, month_of_instant (context, at),
                         reach_organization (&g, stmt, 5, 2));
        }
    }
  if (hd_report_step_failed (context, rc, error))
    goto fail;

  stage_done ("recurring bookings", started);

  g_hash_table_unref (g.by_key);
  g_clear_pointer (&g.by_record, g_hash_table_unref);
  context->gathered = TRUE;

  return TRUE;

fail:
  g_clear_pointer (&g.by_record, g_hash_table_unref);
  g_clear_pointer (&g.by_key, g_hash_table_unref);
  clear_gathered (context);
  return FALSE;
}

GPtrArray *
hd_report_context_reached (HdReportContext  *context,
                           GError          **error)
{
  if (!hd_report_context_gather (context, error))
    return NULL;

  return context->reached;
}

/* ---- contexts ---- */

sqlite3_stmt *
hd_report_context_prepare (HdReportContext  *context,
                           const char       *sql,
                           GError          **error)
{
  const struct {
    const char *name;
    const char *value;
  } params[] = {
    { ":hubs", context->hubs_json },
    { ":start", context->start },
    { ":end", context->end },
    { ":first", context->first },
    { ":last", context->last },
    { ":first_month", context->first_month },
    { ":last_month", context->last_month },
    { ":now", context->now },
  };
  g_auto(GStrv) parts = g_strsplit (sql, "@@", -1);
  g_autofree char *scoped = g_strjoinv (context->whole_network ? "+" : "", parts);
  sqlite3_stmt *stmt = hd_store_reader_prepare (context->reader, scoped, error);

  if (stmt == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (params); i++)
    {
      int index = sqlite3_bind_parameter_index (stmt, params[i].name);

      if (index > 0)
        sqlite3_bind_text (stmt, index, params[i].value, -1, SQLITE_STATIC);
    }

  return stmt;
}

gboolean
hd_report_step_failed (HdReportContext  *context,
                       int               rc,
                       GError          **error)
{
  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return FALSE;

  hd_store_reader_set_error (context->reader, rc, error);
  return TRUE;
}

static void
context_init (HdReportContext      *context,
              HdStore              *store,
              char                **hub_ids,
              HdStoreReader        *reader,
              gboolean              whole_network,
              const char           *hubs_json,
              const HdReportPeriod *period,
              gint64                now)
{
  gint64 start, end;

  memset (context, 0, sizeof *context);
  context->store = store;
  context->hub_ids = hub_ids;
  context->first_day = period->first;
  context->last_day = period->last;
  context->whole_network = whole_network;
  context->strings = g_string_chunk_new (1 << 16);
  hd_report_period_bounds (period, &start, &end);
  context->reader = reader;
  context->hubs_json = g_strdup (hubs_json);
  context->start = hd_timestamp_format (start);
  context->end = hd_timestamp_format (end);
  context->first = hd_report_period_date (period, FALSE);
  context->last = hd_report_period_date (period, TRUE);
  context->first_month = g_strndup (context->first, 7);
  context->last_month = g_strndup (context->last, 7);
  context->now = hd_timestamp_format (now);

  context->first_year = g_date_get_year (&period->first);
  context->first_month_number = g_date_get_month (&period->first);
  context->n_months = (g_date_get_year (&period->last) - context->first_year) * 12 +
                      (g_date_get_month (&period->last) - context->first_month_number) + 1;
  if (context->n_months > HD_REPORT_MAX_MONTHS)
    context->n_months = 0;
  context->month_starts = g_new0 (char *, context->n_months + 2);
  context->month_participants = g_new0 (gint64, MAX (context->n_months, 1));
  context->month_reached = g_new0 (GHashTable *, MAX (context->n_months, 1));
  for (guint i = 0; i <= context->n_months; i++)
    {
      HdReportPeriod month;
      int m = context->first_month_number - 1 + (int) i;
      gint64 month_start, month_end;

      hd_report_period_month (&month, context->first_year + m / 12, m % 12 + 1);
      hd_report_period_bounds (&month, &month_start, &month_end);
      /* the first and last month may be cut by the period */
      context->month_starts[i] = hd_timestamp_format (i == 0 ? start : i == context->n_months ? end
                                                                      : month_start);
      if (i < context->n_months)
        context->month_reached[i] = g_hash_table_new (NULL, NULL);
    }
}

static void
context_clear (HdReportContext *context)
{
  g_free (context->hubs_json);
  g_free (context->start);
  g_free (context->end);
  g_free (context->first);
  g_free (context->last);
  g_free (context->first_month);
  g_free (context->last_month);
  g_free (context->now);
  clear_gathered (context);
  g_clear_pointer (&context->room_usage, g_ptr_array_unref);
  g_clear_pointer (&context->strings, g_string_chunk_free);
  for (guint i = 0; i < context->n_months; i++)
    g_hash_table_unref (context->month_reached[i]);
  g_free (context->month_reached);
  g_free (context->month_participants);
  g_strfreev (context->month_starts);
}

void
hd_report_value_add (HdReportValue *value,
                     const char    *key,
                     const char    *label,
                     gint64         n)
{
  HdReportPart *part;

  for (guint i = 0; i < value->parts->len; i++)
    {
      part = g_ptr_array_index (value->parts, i);
      if (g_str_equal (part->key, key))
        {
          part->value += n;
          return;
        }
    }

  part = g_new0 (HdReportPart, 1);
  part->key = g_strdup (key);
  part->label = g_strdup (label);
  part->value = n;
  g_ptr_array_add (value->parts, part);
}

static void
part_free (gpointer data)
{
  HdReportPart *part = data;

  g_free (part->key);
  g_free (part->label);
  g_free (part);
}

/* ---- figures ---- */

guint
hd_report_n_figures (void)
{
  guint n;

  hd_report_figures (&n);
  return n;
}

const HdReportFigureInfo *
hd_report_figure_info (guint index)
{
  guint n;
  const HdReportFigureInfo *figures = hd_report_figures (&n);

  g_return_val_if_fail (index < n, NULL);

  return &figures[index];
}

const HdReportFigureInfo *
hd_report_figure_lookup (const char *id)
{
  guint n;
  const HdReportFigureInfo *figures = hd_report_figures (&n);

  for (guint i = 0; id != NULL && i < n; i++)
    {
      if (g_str_equal (figures[i].id, id))
        return &figures[i];
    }

  return NULL;
}

const char *
hd_report_figure_label (const HdReportFigureInfo *info)
{
  return g_dgettext (GETTEXT_PACKAGE, info->label);
}

const char *
hd_report_figure_explanation (const HdReportFigureInfo *info)
{
  return g_dgettext (GETTEXT_PACKAGE, info->explanation);
}

const char *
hd_report_group_label (HdReportGroup group)
{
  switch (group)
    {
    case HD_REPORT_GROUP_REACH:
      return _("Reach");
    case HD_REPORT_GROUP_EVENTS:
      return _("Events");
    case HD_REPORT_GROUP_SUPPORT:
      return _("Consulting and cooperation");
    case HD_REPORT_GROUP_ENTERED:
      return _("Entered by hand");
    case HD_REPORT_GROUP_ROOMS:
      return _("Rooms");
    case HD_REPORT_GROUP_QUALITY:
    default:
      return _("Data quality");
    }
}

char *
hd_report_format_value (const HdReportFigureInfo *info,
                        gint64                    value)
{
  if (info != NULL && info->unit == HD_REPORT_UNIT_PERCENT)
    /* TRANSLATORS: a percentage, "63 %"; keep the space (a no-break space) */
    return g_strdup_printf (_("%'lld\u00a0%%"), (long long) value);

  /* the locale's digit grouping: 14.400 in German */
  return g_strdup_printf ("%'lld", (long long) value);
}

const char *
hd_report_unit_id (const HdReportFigureInfo *info)
{
  return info != NULL && info->unit == HD_REPORT_UNIT_PERCENT ? "percent" : "count";
}

GPtrArray *
hd_report_context_room_usage (HdReportContext  *context,
                              GError          **error)
{
  g_autoptr(GPtrArray) all = NULL;

  if (context->room_usage != NULL)
    return context->room_usage;

  all = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_room_usage_row_free);
  for (guint i = 0; context->hub_ids != NULL && context->hub_ids[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) rows = hd_rooms_usage_read (context->reader, context->store,
                                                       context->hub_ids[i],
                                                       &context->first_day, &context->last_day,
                                                       error);

      if (rows == NULL)
        return NULL;
      for (guint j = 0; j < rows->len; j++)
        g_ptr_array_add (all, g_steal_pointer (&g_ptr_array_index (rows, j)));
      g_ptr_array_set_free_func (rows, NULL);
    }

  context->room_usage = g_steal_pointer (&all);
  return context->room_usage;
}

/* ---- series over months ---- */

static const HdReportFigureInfo series_infos[] = {
  { "participants_by_month", N_("Participants per month"),
    N_("Attended registrations by the month in which the event starts."),
    HD_REPORT_GROUP_EVENTS, NULL, NULL },
  { "organizations_reached_by_month", N_("Organizations reached per month"),
    N_("Organizations reached in each month; one reached in two months counts in both."),
    HD_REPORT_GROUP_REACH, NULL, NULL },
};

static void
compute_series (HdReportContext *context,
                HdReportValue   *values)
{
  for (guint i = 0; i < context->n_months; i++)
    {
      int m = context->first_month_number - 1 + (int) i;
      GDate day;
      g_autofree char *key = g_strdup_printf ("%u", i + 1);
      g_autofree char *label = NULL;
      gint64 reached = g_hash_table_size (context->month_reached[i]);

      g_date_clear (&day, 1);
      g_date_set_dmy (&day, 1, m % 12 + 1, context->first_year + m / 12);
      /* TRANSLATORS: a month in a chart, in strftime() format */
      label = format_date (&day, C_("report month", "%b %Y"));
      hd_report_value_add (&values[0], key, label, context->month_participants[i]);
      values[0].value += context->month_participants[i];
      hd_report_value_add (&values[1], key, label, reached);
    }
  values[1].value = context->reached != NULL ? context->reached->len : 0;
}

/* ---- reports ---- */

struct _HdReport
{
  gatomicrefcount  ref_count;
  HdReportPeriod   period;
  HdReportPeriod   previous;
  char            *scope_label;
  GStrv            hub_ids;
  GPtrArray       *figures;   /* HdReportFigure */
  GPtrArray       *series;    /* HdReportFigure */
};

static void
figure_free (gpointer data)
{
  HdReportFigure *figure = data;

  g_ptr_array_unref (figure->parts);
  g_free (figure);
}

HdReport *
hd_report_ref (HdReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);

  g_atomic_ref_count_inc (&report->ref_count);
  return report;
}

void
hd_report_unref (HdReport *report)
{
  if (report == NULL || !g_atomic_ref_count_dec (&report->ref_count))
    return;

  g_free (report->scope_label);
  g_strfreev (report->hub_ids);
  g_ptr_array_unref (report->figures);
  g_ptr_array_unref (report->series);
  g_free (report);
}

const HdReportPeriod *
hd_report_get_period (HdReport *report)
{
  return &report->period;
}

const HdReportPeriod *
hd_report_get_previous_period (HdReport *report)
{
  return &report->previous;
}

const char *
hd_report_get_scope_label (HdReport *report)
{
  return report->scope_label;
}

const char * const *
hd_report_get_hub_ids (HdReport *report)
{
  return (const char * const *) report->hub_ids;
}

guint
hd_report_get_n_figures (HdReport *report)
{
  return report->figures->len;
}

const HdReportFigure *
hd_report_get_figure (HdReport *report,
                      guint     index)
{
  g_return_val_if_fail (index < report->figures->len, NULL);

  return g_ptr_array_index (report->figures, index);
}

guint
hd_report_get_n_series (HdReport *report)
{
  return report->series->len;
}

const HdReportFigure *
hd_report_get_series (HdReport *report,
                      guint     index)
{
  g_return_val_if_fail (index < report->series->len, NULL);

  return g_ptr_array_index (report->series, index);
}

const HdReportFigure *
hd_report_lookup (HdReport   *report,
                  const char *id)
{
  for (guint i = 0; i < report->figures->len; i++)
    {
      HdReportFigure *figure = g_ptr_array_index (report->figures, i);

      if (g_str_equal (figure->info->id, id))
        return figure;
    }

  return NULL;
}

gint64
hd_report_figure_part (const HdReportFigure *figure,
                       const char           *key,
                       gboolean              previous)
{
  for (guint i = 0; i < figure->parts->len; i++)
    {
      HdReportPart *part = g_ptr_array_index (figure->parts, i);

      if (g_str_equal (part->key, key))
        return previous ? part->previous : part->value;
    }

  return 0;
}

/* The hubs in scope (all when @hub_ids is empty), checked against the
 * store, as a JSON array, and their names. */
static gboolean
resolve_scope (HdStoreReader       *reader,
               const char * const  *hub_ids,
               char               **out_json,
               GStrv               *out_ids,
               char               **out_label,
               gboolean            *out_whole,
               GError             **error)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GString) json = g_string_new ("[");
  g_autoptr(GString) label = g_string_new (NULL);
  gboolean all = hub_ids == NULL || hub_ids[0] == NULL;
  guint n = 0, total = 0;
  sqlite3_stmt *stmt;
  int rc;

  stmt = hd_store_reader_prepare (reader,
                                  "SELECT id, name FROM hub WHERE deleted = 0 "
                                  "ORDER BY name COLLATE NOCASE, id", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      total++;
      if (!all && !g_strv_contains (hub_ids, id))
        continue;

      g_string_append_printf (json, "%s\"%s\"", n > 0 ? "," : "", id);
      if (n > 0)
        g_string_append (label, ", ");
      g_string_append (label, name != NULL ? name : id);
      g_strv_builder_add (ids, id);
      n++;
    }
  if (rc != SQLITE_DONE)
    {
      hd_store_reader_set_error (reader, rc, error);
      return FALSE;
    }

  *out_ids = g_strv_builder_end (ids);
  for (guint i = 0; !all && hub_ids[i] != NULL; i++)
    {
      if (!g_strv_contains ((const char * const *) *out_ids, hub_ids[i]))
        {
          g_set_error (error, HD_REPORT_ERROR, HD_REPORT_ERROR_UNKNOWN_HUB,
                       _("There is no hub with the id “%s” in this profile."), hub_ids[i]);
          g_clear_pointer (out_ids, g_strfreev);
          return FALSE;
        }
    }

  if (all && n > 1)
    {
      g_string_truncate (label, 0);
      g_string_append_printf (label, _("All hubs (%u)"), n);
    }

  g_string_append_c (json, ']');
  *out_json = g_string_free (g_steal_pointer (&json), FALSE);
  *out_label = g_string_free (g_steal_pointer (&label), FALSE);
  *out_whole = n == total;

  return TRUE;
}

/* A figure from its values in both periods; takes the parts of both. */
static HdReportFigure *
merge_figure (const HdReportFigureInfo *info,
              HdReportValue            *current,
              HdReportValue            *before)
{
  HdReportFigure *figure = g_new0 (HdReportFigure, 1);

  figure->info = info;
  figure->value = current->value;
  figure->previous = before->value;
  figure->parts = g_steal_pointer (&current->parts);
  for (guint j = 0; j < before->parts->len; j++)
    {
      HdReportPart *old = g_ptr_array_index (before->parts, j);
      HdReportPart *part = NULL;

      for (guint k = 0; k < figure->parts->len && part == NULL; k++)
        {
          HdReportPart *p = g_ptr_array_index (figure->parts, k);

          if (g_str_equal (p->key, old->key))
            part = p;
        }
      if (part == NULL)
        {
          part = g_new0 (HdReportPart, 1);
          part->key = g_strdup (old->key);
          part->label = g_strdup (old->label);
          g_ptr_array_add (figure->parts, part);
        }
      part->previous = old->value;
    }
  g_clear_pointer (&before->parts, g_ptr_array_unref);

  return figure;
}

static gboolean
compute_period (HdStore               *store,
                char                 **hub_ids,
                HdStoreReader         *reader,
                gboolean               whole_network,
                const char            *hubs_json,
                const HdReportPeriod  *period,
                gint64                 now,
                HdReportValue         *values,
                HdReportValue         *series,
                GError               **error)
{
  HdReportContext context;
  guint n;
  const HdReportFigureInfo *figures = hd_report_figures (&n);
  gboolean ok = TRUE;

  context_init (&context, store, hub_ids, reader, whole_network, hubs_json, period, now);
  for (guint i = 0; ok && i < n; i++)
    {
      gint64 started = g_get_monotonic_time ();

      ok = figures[i].compute (&context, &values[i], error);
      g_debug ("%s from %s: %.1f ms", figures[i].id, context.first,
               (g_get_monotonic_time () - started) / 1000.0);
    }
  if (ok)
    ok = hd_report_context_gather (&context, error);
  if (ok)
    compute_series (&context, series);
  context_clear (&context);

  return ok;
}

HdReport *
hd_report_compute (HdStore              *store,
                   const HdReportPeriod *period,
                   const char * const   *hub_ids,
                   gint64                now,
                   GError              **error)
{
  g_autoptr(HdStoreReader) reader = NULL;
  g_autoptr(HdReport) report = NULL;
  g_autofree char *hubs_json = NULL;
  g_autofree HdReportValue *current = NULL;
  g_autofree HdReportValue *before = NULL;
  HdReportValue series_now[G_N_ELEMENTS (series_infos)] = { { 0, NULL } };
  HdReportValue series_before[G_N_ELEMENTS (series_infos)] = { { 0, NULL } };
  gboolean whole_network = FALSE;
  guint n;
  const HdReportFigureInfo *figures = hd_report_figures (&n);
  gboolean ok;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (period != NULL, NULL);

  if (now <= 0)
    now = g_get_real_time () / G_USEC_PER_SEC;

  reader = hd_store_reader_open (store, error);
  if (reader == NULL || !hd_store_reader_begin (reader, error))
    return NULL;

  report = g_new0 (HdReport, 1);
  g_atomic_ref_count_init (&report->ref_count);
  report->period = *period;
  hd_report_period_previous (period, &report->previous);
  report->figures = g_ptr_array_new_with_free_func (figure_free);
  report->series = g_ptr_array_new_with_free_func (figure_free);

  if (!resolve_scope (reader, hub_ids, &hubs_json, &report->hub_ids,
                      &report->scope_label, &whole_network, error))
    {
      hd_store_reader_end (reader);
      return NULL;
    }

  current = g_new0 (HdReportValue, n);
  before = g_new0 (HdReportValue, n);
  for (guint i = 0; i < n; i++)
    {
      current[i].parts = g_ptr_array_new_with_free_func (part_free);
      before[i].parts = g_ptr_array_new_with_free_func (part_free);
    }

  for (guint i = 0; i < G_N_ELEMENTS (series_infos); i++)
    {
      series_now[i].parts = g_ptr_array_new_with_free_func (part_free);
      series_before[i].parts = g_ptr_array_new_with_free_func (part_free);
    }
  ok = compute_period (store, report->hub_ids, reader, whole_network, hubs_json, &report->period, now,
                       current, series_now, error) &&
       compute_period (store, report->hub_ids, reader, whole_network, hubs_json, &report->previous, now,
                       before, series_before, error);
  hd_store_reader_end (reader);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (report->figures, merge_figure (&figures[i], &current[i], &before[i]));
  for (guint i = 0; i < G_N_ELEMENTS (series_infos); i++)
    g_ptr_array_add (report->series, merge_figure (&series_infos[i], &series_now[i], &series_before[i]));

  if (!ok)
    return NULL;

  return g_steal_pointer (&report);
}

typedef struct {
  HdReportPeriod  period;
  GStrv           hub_ids;
} ComputeData;

static void
compute_data_free (gpointer data)
{
  ComputeData *d = data;

  g_strfreev (d->hub_ids);
  g_free (d);
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ComputeData *d = task_data;
  GError *error = NULL;
  HdReport *report = hd_report_compute (source_object, &d->period,
                                        (const char * const *) d->hub_ids, 0, &error);

  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) hd_report_unref);
}

void
hd_report_compute_async (HdStore              *store,
                         const HdReportPeriod *period,
                         const char * const   *hub_ids,
                         GCancellable         *cancellable,
                         GAsyncReadyCallback   callback,
                         gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  ComputeData *d = g_new0 (ComputeData, 1);

  d->period = *period;
  d->hub_ids = g_strdupv ((GStrv) hub_ids);
  g_task_set_source_tag (task, hd_report_compute_async);
  g_task_set_task_data (task, d, compute_data_free);
  g_task_run_in_thread (task, compute_thread);
}

HdReport *
hd_report_compute_finish (HdStore       *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- lists ---- */

void
hd_report_table_free (HdReportTable *table)
{
  if (table == NULL)
    return;

  g_ptr_array_unref (table->columns);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

HdReportTable *
hd_report_list (HdStore              *store,
                const char           *id,
                const HdReportPeriod *period,
                const char * const   *hub_ids,
                gint64                now,
                GError              **error)
{
  const HdReportFigureInfo *info = hd_report_figure_lookup (id);
  g_autoptr(HdStoreReader) reader = NULL;
  g_autoptr(HdReportTable) table = NULL;
  g_autofree char *hubs_json = NULL;
  g_autofree char *label = NULL;
  g_auto(GStrv) ids = NULL;
  gboolean whole_network = FALSE;
  HdReportContext context;
  gboolean ok;

  if (info == NULL || info->list == NULL)
    {
      g_set_error (error, HD_REPORT_ERROR, HD_REPORT_ERROR_NO_LIST,
                   _("The figure “%s” has no list of records behind it."), id ? id : "");
      return NULL;
    }

  if (now <= 0)
    now = g_get_real_time () / G_USEC_PER_SEC;

  reader = hd_store_reader_open (store, error);
  if (reader == NULL || !hd_store_reader_begin (reader, error))
    return NULL;
  if (!resolve_scope (reader, hub_ids, &hubs_json, &ids, &label, &whole_network, error))
    {
      hd_store_reader_end (reader);
      return NULL;
    }

  table = g_new0 (HdReportTable, 1);
  table->columns = g_ptr_array_new_with_free_func (g_free);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  context_init (&context, store, ids, reader, whole_network, hubs_json, period, now);
  context.details = TRUE;
  ok = info->list (&context, table, error);
  context_clear (&context);
  hd_store_reader_end (reader);

  return ok ? g_steal_pointer (&table) : NULL;
}
