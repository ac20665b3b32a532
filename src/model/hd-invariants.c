/* hd-invariants.c — rules across records: room capacity (with recurring
 * bookings expanded by libical), event capacity, sessions inside events
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Recurrence rules are expanded on floating wall-clock times, then each
 * occurrence is placed in the hub's time zone with GTimeZone: a weekly
 * 10:00 booking stays at 10:00 across a change of daylight saving time.
 * A local time that does not exist (inside the spring gap) takes the
 * offset from before the gap, an ambiguous one (the autumn hour that
 * happens twice) the first of the two, as RFC 5545 §3.3.5 asks.
 *
 * UNTIL and COUNT are applied here rather than by libical: libical
 * compares a UTC UNTIL with floating times as if they were UTC, and it
 * skips a DTSTART that does not match the rule, while RFC 5545 counts
 * DTSTART as the first occurrence. Rules that libical would search for
 * centuries without finding a date (30 February, the sixth Monday of a
 * month, an hourly rule on rare days) are refused before they reach it,
 * as are the combinations RFC 5545 forbids.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>

#include "hd-error.h"
#include "hd-invariants.h"

#define DEFAULT_TZID        "Europe/Berlin"
#define SECONDS_PER_DAY     G_GINT64_CONSTANT (86400)
/* Dates libical may hand out for one record before we give up. */
#define MAX_ITERATIONS      100000
/* Occurrences are in wall-clock order; their UTC times may step back by
 * at most the size of a change of offset. Past @until plus this margin
 * no later occurrence can start before @until. */
#define ORDER_MARGIN        (2 * SECONDS_PER_DAY)

/* ------------------------------------------------------------------ */
/* Calendar arithmetic on "local seconds": wall-clock time counted as  */
/* if it were UTC.                                                     */

static gint64
days_from_civil (gint64 year,
                 guint  month,
                 guint  day)
{
  gint64 era;
  guint year_of_era, day_of_year, day_of_era;

  year -= month <= 2;
  era = (year >= 0 ? year : year - 399) / 400;
  year_of_era = (guint) (year - era * 400);
  day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;

  return era * 146097 + (gint64) day_of_era - 719468;
}

static void
civil_from_days (gint64  days,
                 int    *out_year,
                 int    *out_month,
                 int    *out_day)
{
  gint64 era;
  guint day_of_era, year_of_era, day_of_year, mp;
  int month;

  days += 719468;
  era = (days >= 0 ? days : days - 146096) / 146097;
  day_of_era = (guint) (days - era * 146097);
  year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524
                 - day_of_era / 146096) / 365;
  day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  mp = (5 * day_of_year + 2) / 153;
  month = (int) (mp < 10 ? mp + 3 : mp - 9);

  *out_day = (int) (day_of_year - (153 * mp + 2) / 5 + 1);
  *out_month = month;
  *out_year = (int) ((gint64) year_of_era + era * 400 + (month <= 2));
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;
  return q;
}

static struct icaltimetype
local_to_icaltime (gint64 local)
{
  struct icaltimetype t = icaltime_null_time ();
  gint64 days = floor_div (local, SECONDS_PER_DAY);
  gint64 rest = local - days * SECONDS_PER_DAY;

  civil_from_days (days, &t.year, &t.month, &t.day);
  t.hour = (int) (rest / 3600);
  t.minute = (int) (rest % 3600 / 60);
  t.second = (int) (rest % 60);
  t.is_date = 0;
  t.zone = NULL;

  return t;
}

static gint64
icaltime_to_local (struct icaltimetype t)
{
  return days_from_civil (t.year, (guint) t.month, (guint) t.day) * SECONDS_PER_DAY
         + t.hour * 3600 + t.minute * 60 + t.second;
}

static gint64
utc_to_local (GTimeZone *tz,
              gint64     utc)
{
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, utc);

  return utc + g_time_zone_get_offset (tz, interval);
}

static gint64
local_to_utc (GTimeZone *tz,
              gint64     local)
{
  int interval;

  /* Ambiguous: the daylight-saving interval comes first. */
  interval = g_time_zone_find_interval (tz, G_TIME_TYPE_DAYLIGHT, local);
  if (interval >= 0)
    return local - g_time_zone_get_offset (tz, interval);

  /* Skipped by a change of offset: use the offset from before it. No
   * time zone changes its offset twice within a day. */
  interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL,
                                        local - SECONDS_PER_DAY);
  return local - g_time_zone_get_offset (tz, interval);
}

static GTimeZone *
time_zone_new (const char  *tzid,
               GError     **error)
{
  GTimeZone *tz = hd_time_zone_get (tzid != NULL ? tzid : DEFAULT_TZID);

  if (tz == NULL)
    g_set_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID,
                 _("The time zone “%s” is not known."), tzid);
  return tz;
}

/* The time zone, looked up when a rule first needs it (many expansions
 * need none); hd_time_zone_get() makes each zone once a process. */
typedef struct {
  const char *tzid;
  GTimeZone  *tz;
  gboolean    owned;
} Zone;

static GTimeZone *
zone_get (Zone    *zone,
          GError **error)
{
  if (zone->tz == NULL)
    {
      zone->tz = time_zone_new (zone->tzid, error);
      zone->owned = TRUE;
    }
  return zone->tz;
}

static void
zone_clear (Zone *zone)
{
  if (zone->owned)
    g_clear_pointer (&zone->tz, g_time_zone_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Zone, zone_clear)

/* ------------------------------------------------------------------ */
/* Reading fields by index                                             */

static const char *
field_string (const HdRecord *record,
              int             index)
{
  GVariant *value;

  if (index < 0)
    return NULL;
  value = hd_record_get (record, (guint) index);
  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return NULL;
  return g_variant_get_string (value, NULL);
}

static gboolean
field_int (const HdRecord *record,
           int             index,
           gint64         *out_value)
{
  GVariant *value;

  if (index < 0)
    return FALSE;
  value = hd_record_get (record, (guint) index);
  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    return FALSE;
  *out_value = g_variant_get_int64 (value);
  return TRUE;
}

static gboolean
read_time (const HdRecord  *record,
           const char      *field,
           gint64          *out_unix,
           GError         **error)
{
  const char *text = field_string (record,
                                   hd_entity_field_index (hd_record_get_entity (record), field));

  if (text == NULL)
    {
      if (g_str_equal (field, "starts_at"))
        g_set_error_literal (error, HD_MODEL_ERROR, HD_MODEL_ERROR_REQUIRED,
                             _("The start time is missing."));
      else
        g_set_error_literal (error, HD_MODEL_ERROR, HD_MODEL_ERROR_REQUIRED,
                             _("The end time is missing."));
      return FALSE;
    }

  if (!hd_timestamp_parse (text, out_unix))
    {
      g_set_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID,
                   _("“%s” is not a valid time."), text);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_span (const HdRecord  *record,
           gint64          *out_start,
           gint64          *out_end,
           GError         **error)
{
  if (!read_time (record, "starts_at", out_start, error) ||
      !read_time (record, "ends_at", out_end, error))
    return FALSE;

  if (*out_end <= *out_start)
    {
      g_set_error_literal (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID,
                           _("The end time must lie after the start time."));
      return FALSE;
    }

  return TRUE;
}

/* The recurrence rule of @record, or NULL when it has none. */
static const char *
read_rule (const HdRecord *record)
{
  const char *rule = field_string (record,
                                   hd_entity_field_index (hd_record_get_entity (record),
                                                          "recurrence"));

  if (rule == NULL)
    return NULL;
  while (g_ascii_isspace (*rule))
    rule++;
  return *rule != '\0' ? rule : NULL;
}

/* ------------------------------------------------------------------ */
/* Recurrence                                                          */

static void
set_rule_error (GError     **error,
                const char  *text)
{
  g_set_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID,
               _("The repeat rule “%s” cannot be read."), text);
}

static guint
month_length (int month)
{
  static const guint lengths[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  return lengths[month - 1];
}

static guint
by_count (const short *values,
          guint        size)
{
  guint n = 0;

  while (n < size && values[n] != ICAL_RECURRENCE_ARRAY_MAX)
    n++;
  return n;
}

#define BY_COUNT(rule, part) by_count ((rule)->part, G_N_ELEMENTS ((rule)->part))

/* What RFC 5545 forbids (BYWEEKNO outside YEARLY, BYYEARDAY in DAILY,
 * WEEKLY and MONTHLY, BYMONTHDAY in WEEKLY, a numbered weekday such as
 * 1MO outside MONTHLY and YEARLY). */
static gboolean
rule_parts_allowed (const struct icalrecurrencetype *rule)
{
  icalrecurrencetype_frequency freq = rule->freq;

  if (BY_COUNT (rule, by_week_no) > 0 && freq != ICAL_YEARLY_RECURRENCE)
    return FALSE;
  if (BY_COUNT (rule, by_year_day) > 0 &&
      (freq == ICAL_DAILY_RECURRENCE || freq == ICAL_WEEKLY_RECURRENCE ||
       freq == ICAL_MONTHLY_RECURRENCE))
    return FALSE;
  if (BY_COUNT (rule, by_month_day) > 0 && freq == ICAL_WEEKLY_RECURRENCE)
    return FALSE;

  if (freq != ICAL_MONTHLY_RECURRENCE && freq != ICAL_YEARLY_RECURRENCE)
    {
      guint n_day = BY_COUNT (rule, by_day);

      for (guint i = 0; i < n_day; i++)
        if (icalrecurrencetype_day_position (rule->by_day[i]) != 0)
          return FALSE;
    }

  return TRUE;
}

/* An hourly rule that picks days (by month day, year day, week number or
 * position) makes libical step hour by hour through centuries when the
 * days are rare or never come. */
static gboolean
rule_hourly_simple (const struct icalrecurrencetype *rule)
{
  return rule->freq != ICAL_HOURLY_RECURRENCE ||
         (BY_COUNT (rule, by_month_day) == 0 && BY_COUNT (rule, by_year_day) == 0 &&
          BY_COUNT (rule, by_week_no) == 0 && BY_COUNT (rule, by_set_pos) == 0);
}

/* Whether some BYSETPOS can pick a date: each is compared with a generous
 * upper bound of the dates one period (day, week, month, year) can hold.
 * libical searches for centuries (up to a second) before it gives up on
 * "the sixth Monday of the month". */
static gboolean
rule_set_positions_possible (const struct icalrecurrencetype *rule)
{
  guint n_set_pos = BY_COUNT (rule, by_set_pos);
  guint n_day = BY_COUNT (rule, by_day);
  guint n_month = BY_COUNT (rule, by_month);
  guint n_month_day = BY_COUNT (rule, by_month_day);
  guint days_in_period = 1, weekdays = 0, per_day;
  gint64 bound;

  if (n_set_pos == 0)
    return TRUE;

  per_day = MAX (BY_COUNT (rule, by_hour), 1) * MAX (BY_COUNT (rule, by_minute), 1) *
            MAX (BY_COUNT (rule, by_second), 1);

  /* weekdays a month (or, for a year without months, a year) can hold */
  for (guint i = 0; i < n_day; i++)
    {
      gboolean whole_year = rule->freq == ICAL_YEARLY_RECURRENCE && n_month == 0;

      if (icalrecurrencetype_day_position (rule->by_day[i]) != 0)
        weekdays += 1;
      else
        weekdays += whole_year ? 53 : 5;
    }

  switch (rule->freq)
    {
    case ICAL_WEEKLY_RECURRENCE:
      days_in_period = MAX (n_day, 1);
      break;
    case ICAL_MONTHLY_RECURRENCE:
      days_in_period = n_month_day > 0 ? n_month_day : MAX (weekdays, 1);
      break;
    case ICAL_YEARLY_RECURRENCE:
      if (BY_COUNT (rule, by_year_day) > 0)
        days_in_period = BY_COUNT (rule, by_year_day);
      else if (BY_COUNT (rule, by_week_no) > 0)
        days_in_period = BY_COUNT (rule, by_week_no) * (n_day > 0 ? n_day : 7);
      else if (n_month_day > 0)
        days_in_period = n_month_day * (n_month > 0 ? n_month : 12);
      else if (n_day > 0)
        days_in_period = weekdays * (n_month > 0 ? n_month : 1);
      else
        days_in_period = MAX (n_month, 1);
      break;
    case ICAL_DAILY_RECURRENCE:
    case ICAL_HOURLY_RECURRENCE:
    case ICAL_MINUTELY_RECURRENCE:
    case ICAL_SECONDLY_RECURRENCE:
    case ICAL_NO_RECURRENCE:
    default:
      days_in_period = 1;
      break;
    }

  bound = (gint64) days_in_period * per_day;
  for (guint i = 0; i < n_set_pos; i++)
    if (ABS (rule->by_set_pos[i]) <= bound)
      return TRUE;

  return FALSE;
}

/* Whether some month of the rule has one of its month days; libical
 * would search for centuries for 30 February. */
static gboolean
rule_month_days_exist (const struct icalrecurrencetype *rule)
{
  guint n_month = BY_COUNT (rule, by_month);
  guint n_month_day = BY_COUNT (rule, by_month_day);

  if (n_month_day == 0)
    return TRUE;

  for (int month = 1; month <= 12; month++)
    {
      gboolean month_in_rule = n_month == 0;

      for (guint i = 0; i < n_month; i++)
        if (icalrecurrencetype_month_month (rule->by_month[i]) == month)
          month_in_rule = TRUE;
      if (!month_in_rule)
        continue;

      for (guint i = 0; i < n_month_day; i++)
        if ((guint) ABS (rule->by_month_day[i]) <= month_length (month))
          return TRUE;
    }

  return FALSE;
}

typedef struct {
  GTimeZone *tz;
  gint64     from;
  gint64     until;
  gint64     duration;
  int        count;          /* 0: no COUNT */
  int        emitted;
  enum { UNTIL_NONE, UNTIL_UTC, UNTIL_LOCAL, UNTIL_DATE } until_kind;
  gint64     until_value;    /* UTC, local seconds, or local day start */
  GArray    *out;
  gboolean   sorted;
} Expansion;

/* Adds the occurrence starting at wall-clock time @local; FALSE once the
 * rule or the window is over. */
static gboolean
expansion_add (Expansion *x,
               gint64     local,
               gboolean   first)
{
  gint64 utc;

  if (!first)
    {
      if (x->count > 0 && x->emitted >= x->count)
        return FALSE;
      if (x->until_kind == UNTIL_LOCAL && local > x->until_value)
        return FALSE;
      if (x->until_kind == UNTIL_DATE && local >= x->until_value + SECONDS_PER_DAY)
        return FALSE;
    }

  utc = local_to_utc (x->tz, local);

  if (!first && x->until_kind == UNTIL_UTC && utc > x->until_value)
    return utc <= x->until_value + ORDER_MARGIN;
  if (utc - ORDER_MARGIN >= x->until)
    return FALSE;

  x->emitted++;
  if (utc < x->until && utc + x->duration > x->from)
    {
      HdSpan span = { utc, utc + x->duration };

      if (x->out->len > 0 && g_array_index (x->out, HdSpan, x->out->len - 1).start > utc)
        x->sorted = FALSE;
      g_array_append_val (x->out, span);
    }

  return TRUE;
}

/* Reads @text into @rule and refuses what Hubdesk does not expand: rules
 * libical cannot read, steps finer than an hour, parts RFC 5545 forbids
 * and rules that never or almost never fall on a day. On success the
 * caller frees rule->rscale. */
static gboolean
parse_rule (const char                 *text,
            struct icalrecurrencetype  *out_rule,
            GError                    **error)
{
  struct icalrecurrencetype rule;

  icalerror_clear_errno ();
  rule = icalrecurrencetype_from_string (text);
  if (rule.freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR)
    {
      free (rule.rscale);
      set_rule_error (error, text);
      return FALSE;
    }

  if (rule.freq == ICAL_SECONDLY_RECURRENCE || rule.freq == ICAL_MINUTELY_RECURRENCE)
    {
      free (rule.rscale);
      g_set_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID,
                   _("The repeat rule “%s” repeats too often: the shortest step is an hour."),
                   text);
      return FALSE;
    }

  if ((rule.rscale != NULL && g_ascii_strcasecmp (rule.rscale, "GREGORIAN") != 0) ||
      !rule_parts_allowed (&rule))
    {
      free (rule.rscale);
      set_rule_error (error, text);
      return FALSE;
    }

  if (!rule_hourly_simple (&rule))
    {
      free (rule.rscale);
      g_set_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID,
                   _("The repeat rule “%s” is too fine-grained: an hourly repeat can "
                     "only be limited to certain hours, weekdays and months."),
                   text);
      return FALSE;
    }

  if (!rule_month_days_exist (&rule) || !rule_set_positions_possible (&rule))
    {
      free (rule.rscale);
      g_set_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID,
                   _("The repeat rule “%s” never falls on a day that exists."), text);
      return FALSE;
    }

  *out_rule = rule;
  return TRUE;
}

gboolean
hd_rrule_check (const char  *text,
                GError     **error)
{
  struct icalrecurrencetype rule;

  g_return_val_if_fail (text != NULL, FALSE);

  if (!parse_rule (text, &rule, error))
    return FALSE;

  free (rule.rscale);
  return TRUE;
}

/* Days within which a daily or weekly rule with COUNT is surely over, or
 * 0 when that is not sure: each day of a daily rule without day filters
 * yields a date, each whole week of a weekly rule that filters no more
 * than weekdays and hours yields one for each of its weekdays (the first
 * week may be cut short by DTSTART). */
static gint64
count_span_days (const struct icalrecurrencetype *rule,
                 int                              count)
{
  gint64 interval = MAX (rule->interval, 1);

  if (BY_COUNT (rule, by_month) > 0 || BY_COUNT (rule, by_month_day) > 0 ||
      BY_COUNT (rule, by_year_day) > 0 || BY_COUNT (rule, by_week_no) > 0 ||
      BY_COUNT (rule, by_set_pos) > 0)
    return 0;

  if (rule->freq == ICAL_DAILY_RECURRENCE && BY_COUNT (rule, by_day) == 0)
    return (gint64) (count + 1) * interval;
  if (rule->freq == ICAL_WEEKLY_RECURRENCE)
    return ((gint64) count / MAX (BY_COUNT (rule, by_day), 1) + 2) * interval * 7;

  return 0;
}

static gboolean
expand_rule (const char  *text,
             gint64       start,
             gint64       duration,
             GTimeZone   *tz,
             gint64       from,
             gint64       until,
             GArray      *out,
             GError     **error)
{
  struct icalrecurrencetype rule;
  icalrecur_iterator *iter;
  Expansion x = { tz, from, until, duration, 0, 0, UNTIL_NONE, 0, out, TRUE };
  gint64 local_start;
  gboolean ok = TRUE;
  guint first_new = out->len;

  if (!parse_rule (text, &rule, error))
    return FALSE;

  if (!icaltime_is_null_time (rule.until))
    {
      if (rule.until.is_date)
        {
          x.until_kind = UNTIL_DATE;
          x.until_value = days_from_civil (rule.until.year, (guint) rule.until.month,
                                           (guint) rule.until.day) * SECONDS_PER_DAY;
        }
      else if (icaltime_is_utc (rule.until))
        {
          x.until_kind = UNTIL_UTC;
          x.until_value = icaltime_to_local (rule.until);
        }
      else
        {
          x.until_kind = UNTIL_LOCAL;
          x.until_value = icaltime_to_local (rule.until);
        }
    }
  x.count = rule.count;
  rule.until = icaltime_null_time ();
  rule.count = 0;

  /* A counted series that ended before the window needs no walk */
  if (x.count > 0)
    {
      gint64 days = count_span_days (&rule, x.count);

      if (days > 0 && start + days * SECONDS_PER_DAY + duration + ORDER_MARGIN < from)
        {
          free (rule.rscale);
          return TRUE;
        }
    }

  local_start = utc_to_local (tz, start);
  iter = icalrecur_iterator_new (rule, local_to_icaltime (local_start));
  if (iter == NULL)
    {
      free (rule.rscale);
      set_rule_error (error, text);
      return FALSE;
    }

  /* A rule without COUNT need not be walked from DTSTART: libical steps
   * through a calendar object per date, which makes a weekly booking of
   * last year cost more than all of this week. It starts a little before
   * the first occurrence that can reach into the window instead. */
  if (x.count == 0)
    {
      gint64 skip_to = utc_to_local (tz, from) - duration - ORDER_MARGIN;

      if (skip_to > local_start + SECONDS_PER_DAY &&
          !icalrecur_iterator_set_start (iter, local_to_icaltime (skip_to)))
        {
          icalrecur_iterator_free (iter);
          iter = icalrecur_iterator_new (rule, local_to_icaltime (local_start));
          if (iter == NULL)
            {
              free (rule.rscale);
              set_rule_error (error, text);
              return FALSE;
            }
        }
    }

  /* DTSTART is the first occurrence, whether or not it fits the rule. */
  if (expansion_add (&x, local_start, TRUE))
    {
      guint n;

      for (n = 0; n < MAX_ITERATIONS; n++)
        {
          struct icaltimetype t = icalrecur_iterator_next (iter);
          gint64 local;

          if (icaltime_is_null_time (t))
            break;
          local = icaltime_to_local (t);
          if (local <= local_start)
            continue;
          if (!expansion_add (&x, local, FALSE))
            break;
        }

      if (n == MAX_ITERATIONS)
        {
          g_set_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID,
                       _("The repeat rule “%s” yields too many dates to be checked."),
                       text);
          g_array_set_size (out, first_new);
          ok = FALSE;
        }
    }

  icalrecur_iterator_free (iter);
  free (rule.rscale);

  if (ok && !x.sorted)
    {
      /* Only the spans of this record; a short tail, sorted by hand. */
      HdSpan *spans = &g_array_index (out, HdSpan, first_new);
      guint len = out->len - first_new;

      for (guint i = 1; i < len; i++)
        {
          HdSpan tmp = spans[i];
          guint j = i;

          for (; j > 0 && spans[j - 1].start > tmp.start; j--)
            spans[j] = spans[j - 1];
          spans[j] = tmp;
        }
    }

  return ok;
}

static int
gint64_compare (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Drops the occurrences of a recurring @record (the spans of @out from
 * @first on) whose start is one of its exdates: the occurrences cancelled
 * one by one, or moved into a booking of their own. An exdate that is
 * not a time, or not the start of an occurrence, changes nothing. */
static void
remove_exdates (const HdRecord *record,
                GArray         *out,
                guint           first)
{
  GVariant *value;
  g_autoptr(GArray) starts = NULL;
  gsize n;
  guint kept = first;

  value = hd_record_get (record,
                         (guint) hd_entity_field_index (hd_record_get_entity (record),
                                                        "exdates"));
  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    return;
  n = g_variant_n_children (value);
  if (n == 0 || out->len == first)
    return;

  starts = g_array_sized_new (FALSE, FALSE, sizeof (gint64), (guint) n);
  for (gsize i = 0; i < n; i++)
    {
      const char *text = NULL;
      gint64 when;

      g_variant_get_child (value, i, "&s", &text);
      if (hd_timestamp_parse (text, &when))
        g_array_append_val (starts, when);
    }
  g_array_sort (starts, gint64_compare);

  for (guint i = first; i < out->len; i++)
    {
      HdSpan span = g_array_index (out, HdSpan, i);

      if (starts->len > 0 &&
          bsearch (&span.start, starts->data, starts->len, sizeof (gint64),
                   gint64_compare) != NULL)
        continue;
      g_array_index (out, HdSpan, kept++) = span;
    }
  g_array_set_size (out, kept);
}

/* Appends @record's occurrences overlapping [@from, @until) to @out. */
static gboolean
expand_record (const HdRecord  *record,
               Zone            *zone,
               gint64           from,
               gint64           until,
               GArray          *out,
               GError         **error)
{
  gint64 start, end;
  const char *rule;
  GTimeZone *tz;
  guint first_new;

  if (!read_span (record, &start, &end, error))
    return FALSE;

  rule = read_rule (record);
  if (rule == NULL)
    {
      if (start < until && end > from)
        {
          HdSpan span = { start, end };

          g_array_append_val (out, span);
        }
      return TRUE;
    }

  /* no occurrence comes before DTSTART (but for a change of offset) */
  if (start - ORDER_MARGIN >= until)
    return TRUE;

  tz = zone_get (zone, error);
  if (tz == NULL)
    return FALSE;

  first_new = out->len;
  if (!expand_rule (rule, start, end - start, tz, from, until, out, error))
    return FALSE;

  remove_exdates (record, out, first_new);
  return TRUE;
}

static GArray *
occurrences_in (const HdRecord  *record,
                Zone            *zone,
                gint64           from,
                gint64           until,
                GError         **error)
{
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (HdSpan));

  if (!expand_record (record, zone, from, until, out, error))
    return NULL;

  return g_steal_pointer (&out);
}

GArray *
hd_occurrences (const HdRecord *record,
                const char     *tzid,
                gint64          from,
                gint64          until,
                GError        **error)
{
  g_auto(Zone) zone = { tzid, NULL, FALSE };

  g_return_val_if_fail (record != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return occurrences_in (record, &zone, from, until, error);
}

GArray *
hd_occurrences_in_zone (const HdRecord *record,
                        GTimeZone      *tz,
                        gint64          from,
                        gint64          until,
                        GError        **error)
{
  g_auto(Zone) zone = { NULL, tz, FALSE };

  g_return_val_if_fail (record != NULL, NULL);
  g_return_val_if_fail (tz != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return occurrences_in (record, &zone, from, until, error);
}

/* ------------------------------------------------------------------ */
/* Room capacity                                                       */

#define CANDIDATE G_MAXUINT

typedef struct {
  gint64 start;
  gint64 end;
  gint64 seats;
  guint  owner;   /* index into the bookings, or CANDIDATE */
} Occupation;

typedef struct {
  gint64 time;
  guint  is_start;
  guint  occupation;
} Edge;

static int
edge_compare (gconstpointer a,
              gconstpointer b)
{
  const Edge *ea = a;
  const Edge *eb = b;

  if (ea->time != eb->time)
    return ea->time < eb->time ? -1 : 1;
  /* Half-open spans: what ends at t is gone before what starts at t. */
  if (ea->is_start != eb->is_start)
    return ea->is_start < eb->is_start ? -1 : 1;
  if (ea->occupation != eb->occupation)
    return ea->occupation < eb->occupation ? -1 : 1;
  return 0;
}

static gboolean
is_cancelled (const HdRecord *booking,
              int             status_index)
{
  const char *status = field_string (booking, status_index);

  return status != NULL && g_str_equal (status, "cancelled");
}

static const char *
room_name (const HdRecord *room)
{
  const char *name = field_string (room, hd_entity_field_index (HD_ENTITY_ROOM, "name"));

  return name != NULL && *name != '\0' ? name : _("Unnamed room");
}

static int
to_int (gint64 value)
{
  return (int) CLAMP (value, G_MININT, G_MAXINT);
}

static char *
format_day (GTimeZone *tz,
            gint64     utc)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (utc);
  g_autoptr(GDateTime) local = NULL;

  if (when == NULL)
    return g_strdup ("?");
  local = tz != NULL ? g_date_time_to_timezone (when, tz) : g_date_time_ref (when);
  /* Translators: a day for g_date_time_format(): "Tuesday, 24 November 2026" */
  return g_date_time_format (local, C_("day of a clash", "%A, %-d %B %Y"));
}

static void
set_unavailable_error (GError        **error,
                       const HdRecord *room,
                       GTimeZone      *tz,
                       gboolean        recurring,
                       gint64          clash_start,
                       gint64          capacity,
                       gint64          free_seats,
                       gint64          seats)
{
  const char *name = room_name (room);
  g_autofree char *day = NULL;

  if (!recurring)
    {
      if (free_seats <= 0)
        g_set_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_ROOM_UNAVAILABLE,
                     _("Room “%s” is fully booked at that time."), name);
      else
        g_set_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_ROOM_UNAVAILABLE,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "Room “%s” has only %d of %d seat free at that time; "
                                  "the booking needs %d.",
                                  "Room “%s” has only %d of %d seats free at that time; "
                                  "the booking needs %d.",
                                  (gulong) to_int (capacity)),
                     name, to_int (free_seats), to_int (capacity), to_int (seats));
      return;
    }

  day = format_day (tz, clash_start);
  if (free_seats <= 0)
    g_set_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_ROOM_UNAVAILABLE,
                 _("Room “%s” is fully booked on %s."), name, day);
  else
    g_set_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_ROOM_UNAVAILABLE,
                 g_dngettext (GETTEXT_PACKAGE,
                              "Room “%s” has only %d of %d seat free on %s; the booking needs %d.",
                              "Room “%s” has only %d of %d seats free on %s; the booking needs %d.",
                              (gulong) to_int (capacity)),
                 name, to_int (free_seats), to_int (capacity), day, to_int (seats));
}

/* The most seats the others take at once during @span, and (if @clashes)
 * the bookings that overlap it, each once, in the order they begin. */
static gint64
others_during (const Occupation *occupations,
               guint             n_occupations,
               const HdSpan     *span,
               GPtrArray        *bookings,
               GPtrArray        *clashes)
{
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  g_autofree gboolean *seen = NULL;
  gint64 taken = 0, most = 0;

  if (clashes != NULL)
    seen = g_new0 (gboolean, bookings->len);

  for (guint i = 0; i < n_occupations; i++)
    {
      const Occupation *o = &occupations[i];
      Edge start = { MAX (o->start, span->start), 1, i };
      Edge end = { MIN (o->end, span->end), 0, i };

      if (o->owner == CANDIDATE || o->start >= span->end || o->end <= span->start)
        continue;
      g_array_append_val (edges, start);
      g_array_append_val (edges, end);
    }

  g_array_sort (edges, edge_compare);

  for (guint i = 0; i < edges->len; i++)
    {
      const Edge *e = &g_array_index (edges, Edge, i);
      const Occupation *o = &occupations[e->occupation];

      if (!e->is_start)
        {
          taken -= o->seats;
          continue;
        }

      taken += o->seats;
      most = MAX (most, taken);
      if (clashes != NULL && !seen[o->owner])
        {
          seen[o->owner] = TRUE;
          g_ptr_array_add (clashes, g_ptr_array_index (bookings, o->owner));
        }
    }

  return most;
}

/* Whether @span overlaps one of @own, which are in time order and all of
 * the same length, so that their ends are in order too. */
static gboolean
overlaps_any (GArray       *own,
              const HdSpan *span)
{
  const HdSpan *spans = (const HdSpan *) (gpointer) own->data;
  guint lo = 0, hi = own->len;

  /* the first that ends after @span starts */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (spans[mid].end <= span->start)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo < own->len && spans[lo].start < span->end;
}

gboolean
hd_check_room_capacity (const HdRecord *room,
                        const HdRecord *candidate,
                        GPtrArray      *bookings,
                        const char     *tzid,
                        gint64          now,
                        GPtrArray     **out_clashes,
                        gint64         *out_free_seats,
                        GError        **error)
{
  int status_index = hd_entity_field_index (HD_ENTITY_BOOKING, "status");
  int seats_index = hd_entity_field_index (HD_ENTITY_BOOKING, "seats");
  int room_index = hd_entity_field_index (HD_ENTITY_BOOKING, "room_id");
  g_auto(Zone) zone = { tzid, NULL, FALSE };
  g_autoptr(GArray) own = NULL;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GArray) occupations = NULL;
  g_autoptr(GArray) edges = NULL;
  g_autofree gboolean *active = NULL;
  const char *room_id, *candidate_id;
  gint64 capacity, seats, start, end, from, until, hull_start, hull_end;
  gint64 total = 0, others = 0, most_others = 0;
  guint n_candidate, n_active = 0;
  gboolean recurring;

  g_return_val_if_fail (room != NULL && hd_record_get_entity (room) == HD_ENTITY_ROOM, FALSE);
  g_return_val_if_fail (candidate != NULL &&
                        hd_record_get_entity (candidate) == HD_ENTITY_BOOKING, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_clashes != NULL)
    *out_clashes = NULL;

  if (!field_int (room, hd_entity_field_index (HD_ENTITY_ROOM, "capacity"), &capacity))
    capacity = -1;
  capacity = MAX (capacity, -1);

  if (out_free_seats != NULL)
    *out_free_seats = MAX (capacity, 0);

  if (is_cancelled (candidate, status_index) || hd_record_get_deleted (candidate))
    return TRUE;

  if (capacity < 0)
    {
      g_set_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID,
                   _("Room “%s” has no capacity set, so it cannot be booked."),
                   room_name (room));
      return FALSE;
    }

  if (!field_int (candidate, seats_index, &seats))
    seats = capacity;
  seats = MAX (seats, 0);

  if (seats > capacity)
    {
      if (out_clashes != NULL)
        *out_clashes = g_ptr_array_new ();
      g_set_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_ROOM_UNAVAILABLE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Room “%s” has only %d seat, but the booking needs %d.",
                                "Room “%s” has only %d seats, but the booking needs %d.",
                                (gulong) to_int (capacity)),
                   room_name (room), to_int (capacity), to_int (seats));
      return FALSE;
    }

  if (!read_span (candidate, &start, &end, error))
    return FALSE;

  /* From now (or the candidate's start, if earlier) to the horizon; a
   * candidate beyond the horizon is checked for the same stretch from
   * its own start, so that no booking escapes the check. */
  from = MIN (now, start);
  until = MAX (now, start) + HD_RECURRENCE_HORIZON_DAYS * SECONDS_PER_DAY;

  own = g_array_new (FALSE, FALSE, sizeof (HdSpan));
  spans = g_array_new (FALSE, FALSE, sizeof (HdSpan));
  occupations = g_array_new (FALSE, FALSE, sizeof (Occupation));

  if (!expand_record (candidate, &zone, from, until, own, error))
    return FALSE;
  recurring = read_rule (candidate) != NULL;

  for (guint i = 0; i < own->len; i++)
    {
      const HdSpan *s = &g_array_index (own, HdSpan, i);
      Occupation o = { s->start, s->end, seats, CANDIDATE };

      g_array_append_val (occupations, o);
    }
  n_candidate = occupations->len;

  if (n_candidate == 0)
    return TRUE;

  /* Only what overlaps the candidate's occurrences can make it not fit:
   * the others are expanded over their hull alone. */
  hull_start = g_array_index (own, HdSpan, 0).start;
  hull_end = g_array_index (own, HdSpan, own->len - 1).end;

  room_id = hd_record_get_id (room);
  candidate_id = hd_record_get_id (candidate);

  for (guint i = 0; bookings != NULL && i < bookings->len; i++)
    {
      const HdRecord *other = g_ptr_array_index (bookings, i);
      const char *other_room;
      gint64 other_seats;

      if (other == NULL || other == candidate ||
          hd_record_get_entity (other) != HD_ENTITY_BOOKING ||
          hd_record_get_deleted (other) ||
          is_cancelled (other, status_index))
        continue;

      other_room = field_string (other, room_index);
      if (other_room == NULL || room_id == NULL || strcmp (other_room, room_id) != 0)
        continue;
      if (candidate_id != NULL && g_strcmp0 (hd_record_get_id (other), candidate_id) == 0)
        continue;

      if (!field_int (other, seats_index, &other_seats))
        other_seats = capacity;
      other_seats = MAX (other_seats, 0);

      /* an unknown time zone is the caller's error, not the booking's */
      if (read_rule (other) != NULL && zone_get (&zone, error) == NULL)
        return FALSE;

      g_array_set_size (spans, 0);
      if (!expand_record (other, &zone, hull_start, hull_end, spans, NULL))
        {
          /* A stored booking whose rule cannot be read still holds its
           * first span. */
          gint64 other_start, other_end;

          g_array_set_size (spans, 0);
          if (read_span (other, &other_start, &other_end, NULL) &&
              other_start < hull_end && other_end > hull_start)
            {
              HdSpan s = { other_start, other_end };

              g_array_append_val (spans, s);
            }
        }

      for (guint j = 0; j < spans->len; j++)
        {
          const HdSpan *s = &g_array_index (spans, HdSpan, j);
          Occupation o = { s->start, s->end, other_seats, i };

          if (overlaps_any (own, s))
            g_array_append_val (occupations, o);
        }
    }

  edges = g_array_sized_new (FALSE, FALSE, sizeof (Edge), occupations->len * 2);
  for (guint i = 0; i < occupations->len; i++)
    {
      const Occupation *o = &g_array_index (occupations, Occupation, i);
      Edge e_start = { o->start, 1, i };
      Edge e_end = { o->end, 0, i };

      g_array_append_val (edges, e_start);
      g_array_append_val (edges, e_end);
    }
  g_array_sort (edges, edge_compare);

  active = g_new0 (gboolean, n_candidate);

  for (guint i = 0; i < edges->len; i++)
    {
      const Edge *e = &g_array_index (edges, Edge, i);
      const Occupation *o = &g_array_index (occupations, Occupation, e->occupation);
      gboolean mine = o->owner == CANDIDATE;

      if (!e->is_start)
        {
          total -= o->seats;
          if (mine)
            {
              active[e->occupation] = FALSE;
              n_active--;
            }
          else
            others -= o->seats;
          continue;
        }

      total += o->seats;
      if (mine)
        {
          active[e->occupation] = TRUE;
          n_active++;
        }
      else
        others += o->seats;

      if (n_active == 0)
        continue;

      most_others = MAX (most_others, others);

      if (total > capacity)
        {
          const Occupation *all = (const Occupation *) (gpointer) occupations->data;
          g_autoptr(GPtrArray) clashes = g_ptr_array_new ();
          HdSpan clash = { 0, 0 };
          gint64 free_seats;

          for (guint k = 0; k < n_candidate; k++)
            if (active[k])
              {
                clash.start = all[k].start;
                clash.end = all[k].end;
                break;
              }

          /* (MAX() would run others_during() twice) */
          free_seats = capacity - others_during (all, occupations->len, &clash,
                                                 bookings, clashes);
          free_seats = MAX (free_seats, 0);

          set_unavailable_error (error, room, zone.tz, recurring, clash.start,
                                 capacity, free_seats, seats);
          if (out_clashes != NULL)
            *out_clashes = g_steal_pointer (&clashes);
          if (out_free_seats != NULL)
            *out_free_seats = free_seats;
          return FALSE;
        }
    }

  if (out_free_seats != NULL)
    *out_free_seats = MAX (capacity - most_others, 0);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Events and sessions                                                 */

gboolean
hd_check_event_capacity (const HdRecord *event,
                         gint64          taken,
                         const HdRecord *registration,
                         GError        **error)
{
  const char *status, *title;
  gint64 capacity;

  g_return_val_if_fail (event != NULL && hd_record_get_entity (event) == HD_ENTITY_EVENT, FALSE);
  g_return_val_if_fail (registration != NULL &&
                        hd_record_get_entity (registration) == HD_ENTITY_REGISTRATION, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A registration without a status is taken to hold a place. */
  status = field_string (registration,
                         hd_entity_field_index (HD_ENTITY_REGISTRATION, "status"));
  if (status != NULL && !g_str_equal (status, "registered") && !g_str_equal (status, "attended"))
    return TRUE;

  if (!field_int (event, hd_entity_field_index (HD_ENTITY_EVENT, "capacity"), &capacity))
    return TRUE;

  if (taken < capacity)
    return TRUE;

  title = field_string (event, hd_entity_field_index (HD_ENTITY_EVENT, "title"));
  if (title == NULL || *title == '\0')
    title = _("Untitled event");

  g_set_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_EVENT_FULL,
               g_dngettext (GETTEXT_PACKAGE,
                            "“%s” is full: its %d place is taken. "
                            "Put the person on the waiting list instead.",
                            "“%s” is full: all %d places are taken. "
                            "Put the person on the waiting list instead.",
                            (gulong) to_int (MAX (capacity, 0))),
               title, to_int (MAX (capacity, 0)));
  return FALSE;
}

gboolean
hd_check_session_in_event (const HdRecord *session,
                           const HdRecord *event,
                           GError        **error)
{
  gint64 session_start, session_end, event_start, event_end;
  const char *session_title, *event_title;

  g_return_val_if_fail (session != NULL &&
                        hd_record_get_entity (session) == HD_ENTITY_SESSION, FALSE);
  g_return_val_if_fail (event != NULL && hd_record_get_entity (event) == HD_ENTITY_EVENT, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!read_time (session, "starts_at", &session_start, error) ||
      !read_time (session, "ends_at", &session_end, error) ||
      !read_time (event, "starts_at", &event_start, error) ||
      !read_time (event, "ends_at", &event_end, error))
    return FALSE;

  session_title = field_string (session, hd_entity_field_index (HD_ENTITY_SESSION, "title"));
  if (session_title == NULL || *session_title == '\0')
    session_title = _("Untitled session");
  event_title = field_string (event, hd_entity_field_index (HD_ENTITY_EVENT, "title"));
  if (event_title == NULL || *event_title == '\0')
    event_title = _("Untitled event");

  if (session_end <= session_start)
    {
      g_set_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID,
                   _("The session “%s” must end after it starts."), session_title);
      return FALSE;
    }

  if (session_start < event_start)
    {
      g_set_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_OUTSIDE_EVENT,
                   _("The session “%s” starts before its event “%s” begins."),
                   session_title, event_title);
      return FALSE;
    }

  if (session_end > event_end)
    {
      g_set_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_OUTSIDE_EVENT,
                   _("The session “%s” ends after its event “%s” is over."),
                   session_title, event_title);
      return FALSE;
    }

  return TRUE;
}
