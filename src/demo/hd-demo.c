/* hd-demo.c — a realistic, deterministic demo data set
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything comes from one seed through a small PRNG of our own
 * (xoshiro256** seeded by splitmix64), never from g_random, whose
 * sequence may change between GLib versions. Ids are UUIDs hashed from
 * (seed, entity, serial), so the id of person 4711 is known without
 * keeping the record.
 *
 * Rooms are planned on a grid of half hours in local wall-clock time
 * (Europe/Berlin) over the whole season: recurring bookings first, then
 * the events that take a room, then one-off bookings into what is left.
 * A booking is only made where the grid has the seats, so no room is
 * ever booked beyond its capacity. Registrations never take more places
 * than their event has.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-demo.h"
#include "hd-demo-data.h"

/* Records are handed to the sink in batches of this many, in the order
 * they refer to each other. A pending record costs about 2.5 kB; with
 * the store's search index deferred, larger batches are no faster. */
#define DEMO_BATCH_RECORDS 25000

#define SLOTS_PER_DAY 48          /* half hours */
#define SEASON_DAYS   91          /* about three months each side of today */
#define MAX_ROOMS     8

/* ------------------------------------------------------------------ */
/* random numbers                                                      */

typedef struct {
  guint64 s[4];
} Rng;

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static guint64
rotl (guint64 x, int k)
{
  return (x << k) | (x >> (64 - k));
}

static void
rng_init (Rng     *rng,
          guint32  seed,
          guint    stream)
{
  guint64 x = ((guint64) seed << 32) ^ ((guint64) stream * G_GUINT64_CONSTANT (0xD1B54A32D192ED03));

  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&x);
}

static guint64
rng_next (Rng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* 0 .. n-1 */
static guint
rng_below (Rng   *rng,
           guint  n)
{
  if (n == 0)
    return 0;
  return (guint) (((rng_next (rng) >> 32) * (guint64) n) >> 32);
}

/* lo .. hi, both included */
static int
rng_range (Rng *rng,
           int  lo,
           int  hi)
{
  if (hi <= lo)
    return lo;
  return lo + (int) rng_below (rng, (guint) (hi - lo + 1));
}

static gboolean
rng_percent (Rng  *rng,
             guint percent)
{
  return rng_below (rng, 100) < percent;
}

static const char *
rng_pick (Rng                *rng,
          const char * const *values,
          guint               n_values)
{
  return values[rng_below (rng, n_values)];
}

/* Index into @weights (percent or any scale) by weight. */
static guint
rng_weighted (Rng         *rng,
              const guint *weights,
              guint        n_weights)
{
  guint total = 0;
  guint r;

  for (guint i = 0; i < n_weights; i++)
    total += weights[i];
  r = rng_below (rng, total);
  for (guint i = 0; i < n_weights; i++)
    {
      if (r < weights[i])
        return i;
      r -= weights[i];
    }
  return n_weights - 1;
}

/* ------------------------------------------------------------------ */
/* ids, dates, times                                                   */

#define ID_LEN 37

static void
make_id (guint32   seed,
         HdEntity  entity,
         guint64   serial,
         char      out[ID_LEN])
{
  guint64 x = seed;
  guint64 hi, lo;

  x = splitmix64 (&x) ^ ((guint64) (entity + 1) * G_GUINT64_CONSTANT (0xA24BAED4963EE407));
  x ^= serial * G_GUINT64_CONSTANT (0x9FB21C651E98DF25);
  hi = splitmix64 (&x);
  lo = splitmix64 (&x);
  hi = (hi & G_GUINT64_CONSTANT (0xFFFFFFFFFFFF0FFF)) | G_GUINT64_CONSTANT (0x4000);
  lo = (lo & G_GUINT64_CONSTANT (0x3FFFFFFFFFFFFFFF)) | G_GUINT64_CONSTANT (0x8000000000000000);
  g_snprintf (out, ID_LEN, "%08x-%04x-%04x-%04x-%012" G_GINT64_MODIFIER "x",
              (guint) (hi >> 32), (guint) ((hi >> 16) & 0xFFFF), (guint) (hi & 0xFFFF),
              (guint) (lo >> 48), lo & G_GUINT64_CONSTANT (0xFFFFFFFFFFFF));
}

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static int
days_from_civil (int y,
                 int m,
                 int d)
{
  int era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void
civil_from_days (int  z,
                 int *out_y,
                 int *out_m,
                 int *out_d)
{
  int era, doe, yoe, y, doy, mp, d, m;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp + (mp < 10 ? 3 : -9);
  *out_y = y + (m <= 2);
  *out_m = m;
  *out_d = d;
}

/* 0 = Monday … 6 = Sunday */
static int
weekday (int day)
{
  return ((day % 7) + 7 + 3) % 7;
}

static int
monday_of (int day)
{
  return day - weekday (day);
}

static int
last_sunday (int year,
             int month)
{
  int last = days_from_civil (month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1) - 1;

  return last - (weekday (last) + 1) % 7;
}

/* Local wall-clock time in Europe/Berlin to Unix seconds. The EU rule
 * (summer time from the last Sunday of March to the last Sunday of
 * October) is what the time zone database says for every year the demo
 * can be made for; computing it keeps the data independent of the tzdata
 * installed. */
static gint64
local_to_unix (int day,
               int minute)
{
  int y, m, d;
  gint64 local;
  gboolean summer;

  day += minute / 1440;
  minute %= 1440;
  civil_from_days (day, &y, &m, &d);
  local = (gint64) day * 86400 + (gint64) minute * 60;
  summer = local >= (gint64) last_sunday (y, 3) * 86400 + 2 * 3600 &&
           local < (gint64) last_sunday (y, 10) * 86400 + 3 * 3600;
  return local - (summer ? 7200 : 3600);
}

static void
format_date (int  day,
             char out[11])
{
  int y, m, d;

  civil_from_days (day, &y, &m, &d);
  g_snprintf (out, 11, "%04d-%02d-%02d", y, m, d);
}

static void
format_timestamp (gint64 unix_seconds,
                  char   out[21])
{
  int y, m, d;
  int day = (int) (unix_seconds >= 0 ? unix_seconds / 86400 : (unix_seconds - 86399) / 86400);
  int secs = (int) (unix_seconds - (gint64) day * 86400);

  civil_from_days (day, &y, &m, &d);
  g_snprintf (out, 21, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d,
              secs / 3600, (secs / 60) % 60, secs % 60);
}

static gboolean
parse_date (const char *text,
            int        *out_day)
{
  int y, m, d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  y = atoi (text);
  m = atoi (text + 5);
  d = atoi (text + 8);
  if (y < 1971 || y > 9000 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  *out_day = days_from_civil (y, m, d);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* text                                                                */

/* German transliteration first (ü → ue), then plain ASCII. */
static void
append_ascii (GString    *out,
              const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80)
        {
          g_string_append_c (out, (char) c);
          continue;
        }
      switch (c)
        {
        case 0x00E4: g_string_append (out, "ae"); break;   /* ä */
        case 0x00F6: g_string_append (out, "oe"); break;   /* ö */
        case 0x00FC: g_string_append (out, "ue"); break;   /* ü */
        case 0x00C4: g_string_append (out, "Ae"); break;
        case 0x00D6: g_string_append (out, "Oe"); break;
        case 0x00DC: g_string_append (out, "Ue"); break;
        case 0x00DF: g_string_append (out, "ss"); break;   /* ß */
        case 0x0131: g_string_append_c (out, 'i'); break;  /* ı */
        case 0x2013: g_string_append_c (out, '-'); break;  /* – */
        default:
          {
            char buf[8] = { 0 };
            g_autofree char *ascii = NULL;

            g_unichar_to_utf8 (c, buf);
            ascii = g_str_to_ascii (buf, "C");
            for (const char *a = ascii; *a != '\0'; a++)
              if (g_ascii_isalnum (*a))
                g_string_append_c (out, *a);
          }
          break;
        }
    }
}

/* "Müller Präzisionstechnik" → "mueller-praezisionstechnik" */
static char *
make_slug (const char *text)
{
  g_autoptr(GString) ascii = g_string_new (NULL);
  GString *slug = g_string_new (NULL);
  gboolean dash = FALSE;

  append_ascii (ascii, text);
  for (const char *p = ascii->str; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (dash && slug->len > 0)
            g_string_append_c (slug, '-');
          g_string_append_c (slug, g_ascii_tolower (*p));
          dash = FALSE;
        }
      else
        dash = TRUE;
    }
  return g_string_free (slug, FALSE);
}

/* "Hans-Peter", "Müller" → "hans-peter.mueller" */
static void
append_mail_name (GString    *out,
                  const char *given,
                  const char *family)
{
  g_autofree char *a = make_slug (given);
  g_autofree char *b = make_slug (family);

  g_string_append (out, a);
  g_string_append_c (out, '.');
  g_string_append (out, b);
}

/* ------------------------------------------------------------------ */
/* setting fields whatever list or text type the schema gives them     */

static int
field_index (HdRecord   *record,
             const char *field)
{
  HdEntity entity = hd_record_get_entity (record);
  int index = hd_entity_field_index (entity, field);

  if (index < 0)
    g_warning ("Demo data: a %s has no field “%s”", hd_entity_name (entity), field);
  return index;
}

static gboolean
is_list_type (HdFieldType type)
{
  return type == HD_TYPE_ENUM_SET || type == HD_TYPE_STRV || type == HD_TYPE_REF_LIST;
}

static void
put_list (HdRecord           *record,
          const char         *field,
          const char * const *values,
          gssize              n_values)
{
  int index = field_index (record, field);
  const HdField *info;

  if (index < 0)
    return;
  info = hd_entity_field (hd_record_get_entity (record), (guint) index);
  if (values == NULL)
    hd_record_set (record, (guint) index, NULL);
  else if (is_list_type (info->type))
    hd_record_set (record, (guint) index, g_variant_new_strv (values, n_values));
  else
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (gssize i = 0; n_values < 0 ? values[i] != NULL : i < n_values; i++)
        {
          if (i > 0)
            g_string_append (text, ", ");
          g_string_append (text, values[i]);
        }
      if (text->len == 0)
        hd_record_set (record, (guint) index, NULL);
      else
        hd_record_set (record, (guint) index, g_variant_new_string (text->str));
    }
}

static void
put_str (HdRecord   *record,
         const char *field,
         const char *value)
{
  int index = field_index (record, field);
  const HdField *info;

  if (index < 0)
    return;
  info = hd_entity_field (hd_record_get_entity (record), (guint) index);
  if (value == NULL)
    hd_record_set (record, (guint) index, NULL);
  else if (is_list_type (info->type))
    hd_record_set (record, (guint) index, g_variant_new_strv (&value, 1));
  else if (info->type == HD_TYPE_INT)
    hd_record_set (record, (guint) index, g_variant_new_int64 (g_ascii_strtoll (value, NULL, 10)));
  else
    hd_record_set (record, (guint) index, g_variant_new_string (value));
}

static void
put_int (HdRecord   *record,
         const char *field,
         gint64      value)
{
  int index = field_index (record, field);
  const HdField *info;

  if (index < 0)
    return;
  info = hd_entity_field (hd_record_get_entity (record), (guint) index);
  if (info->type == HD_TYPE_INT)
    hd_record_set (record, (guint) index, g_variant_new_int64 (value));
  else
    {
      char text[24];

      g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value);
      hd_record_set (record, (guint) index, g_variant_new_string (text));
    }
}

static void
put_null (HdRecord   *record,
          const char *field)
{
  int index = field_index (record, field);

  if (index >= 0)
    hd_record_set (record, (guint) index, NULL);
}

static void
put_bool (HdRecord   *record,
          const char *field,
          gboolean    value)
{
  int index = field_index (record, field);

  if (index >= 0)
    hd_record_set (record, (guint) index, g_variant_new_boolean (value));
}

static void
put_time (HdRecord   *record,
          const char *field,
          gint64      unix_seconds)
{
  char text[21];

  format_timestamp (unix_seconds, text);
  put_str (record, field, text);
}

static void
put_date (HdRecord   *record,
          const char *field,
          int         day)
{
  char text[11];

  format_date (day, text);
  put_str (record, field, text);
}

static void
put_hhmm (HdRecord   *record,
          const char *field,
          int         minute)
{
  char text[6];

  g_snprintf (text, sizeof text, "%02d:%02d", minute / 60, minute % 60);
  put_str (record, field, text);
}

/* ------------------------------------------------------------------ */
/* the state of one run                                                */

enum { RK_MEETING, RK_COWORKING, RK_WORKSHOP, RK_HALL, RK_MAKER, RK_OFFICE, N_ROOM_KINDS };

static const char * const room_kind_names[N_ROOM_KINDS] = {
  "meeting_room", "coworking_area", "workshop_space", "event_hall", "maker_space", "office",
};

enum {
  F_WORKSHOP, F_OFFICE_HOURS, F_ONLINE, F_NETWORKING, F_TALK, F_HACKATHON,
  F_CONFERENCE, F_COWORKING, F_OTHER, N_FORMATS
};

static const char * const format_names[N_FORMATS] = {
  "workshop", "office_hours", "online_seminar", "networking", "talk",
  "hackathon", "conference", "coworking_day", "other",
};

enum {
  OK_SME, OK_STARTUP, OK_LARGE, OK_UNIVERSITY, OK_RESEARCH, OK_PUBLIC,
  OK_ASSOCIATION, OK_OTHER, N_ORG_KINDS
};

static const char * const org_kind_names[N_ORG_KINDS] = {
  "sme", "startup", "large_company", "university", "research_institute",
  "public_body", "association", "other",
};

static const guint org_kind_weights[N_ORG_KINDS] = { 52, 14, 5, 4, 3, 7, 8, 7 };

enum { STREAM_ROOMS = 1, STREAM_ORGS, STREAM_PEOPLE, STREAM_PLAN, STREAM_INTERACTIONS, STREAM_FIGURES };

typedef struct {
  char      id[ID_LEN];
  char     *name;
  int       kind;
  int       capacity;
  int       open_from;     /* minutes */
  int       open_until;
  guint16  *grid;          /* seats taken per half hour of the season */
} DemoRoom;

typedef struct {
  char      id[ID_LEN];
  char     *title;
  int       format;
  int       day;           /* local start day */
  gint64    start, end;
  gboolean  past;
  gboolean  published;
} DemoEvent;

typedef struct {
  const HdDemoHub *info;
  guint            index;
  char             id[ID_LEN];
  char            *slug;
  DemoRoom         rooms[MAX_ROOMS];
  guint            n_rooms;
  guint            org_lo, org_hi;
  guint            person_lo, person_hi;
  guint            n_staff;
  GArray          *events;        /* DemoEvent */
  guint32          used_institutions;
  guint32          used_large;
} DemoHub;

typedef struct {
  guint32              seed;
  guint                n_people;
  guint                n_orgs;
  const HdDemoTables  *t;

  int                  today;
  int                  season_start, season_end;
  int                  grid_start, grid_days;
  gint64               now;

  DemoHub             *hubs;
  guint                n_hubs;

  guint8              *org_kind;
  char               **org_name;
  char               **org_domain;
  gint32              *person_org;
  guint               *perm;           /* people by hub, for sampling */

  guint64              serial[HD_N_ENTITIES];
  guint                counts[HD_N_ENTITIES];

  GPtrArray           *pending;
  GPtrArray           *later[HD_N_ENTITIES];   /* events … bookings */
  HdDemoSinkFunc       sink;
  gpointer             sink_data;
  GError              *error;                  /* the sink's first failure */
} Demo;

static void
demo_free (Demo *d)
{
  for (guint h = 0; h < d->n_hubs; h++)
    {
      DemoHub *hub = &d->hubs[h];

      for (guint r = 0; r < hub->n_rooms; r++)
        {
          g_free (hub->rooms[r].name);
          g_free (hub->rooms[r].grid);
        }
      if (hub->events != NULL)
        {
          for (guint e = 0; e < hub->events->len; e++)
            g_free (g_array_index (hub->events, DemoEvent, e).title);
          g_array_unref (hub->events);
        }
      g_free (hub->slug);
    }
  g_free (d->hubs);
  for (guint i = 0; i < d->n_orgs; i++)
    {
      g_free (d->org_name[i]);
      g_free (d->org_domain[i]);
    }
  g_free (d->org_kind);
  g_free (d->org_name);
  g_free (d->org_domain);
  g_free (d->person_org);
  g_free (d->perm);
  g_clear_pointer (&d->pending, g_ptr_array_unref);
  for (guint e = 0; e < HD_N_ENTITIES; e++)
    g_clear_pointer (&d->later[e], g_ptr_array_unref);
  g_clear_error (&d->error);
}

static GPtrArray *
new_batch (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
}

static HdRecord *
new_record (Demo       *d,
            HdEntity    entity,
            const char *hub_id,
            guint64     serial,
            char        out_id[ID_LEN])
{
  char id[ID_LEN];
  HdRecord *record;

  /* A hub belongs to itself. */
  make_id (d->seed, entity, serial, id);
  record = hd_record_new (entity, entity == HD_ENTITY_HUB ? id : hub_id);
  hd_record_set_id (record, id);
  if (out_id != NULL)
    memcpy (out_id, id, ID_LEN);
  return record;
}

static HdRecord *
new_serial_record (Demo       *d,
                   HdEntity    entity,
                   const char *hub_id,
                   char        out_id[ID_LEN])
{
  return new_record (d, entity, hub_id, d->serial[entity]++, out_id);
}

static void
org_id (Demo  *d,
        guint  index,
        char   out[ID_LEN])
{
  make_id (d->seed, HD_ENTITY_ORGANIZATION, index, out);
}

static void
person_id (Demo  *d,
           guint  index,
           char   out[ID_LEN])
{
  make_id (d->seed, HD_ENTITY_PERSON, index, out);
}

/* Hands the pending records to the sink; after a failure, drops them. */
static void
flush (Demo *d)
{
  g_autoptr(GPtrArray) batch = g_steal_pointer (&d->pending);

  d->pending = new_batch ();
  if (batch->len > 0 && d->error == NULL)
    d->sink (batch, d->sink_data, &d->error);
}

static void
add_pending (Demo     *d,
             HdRecord *record)
{
  g_ptr_array_add (d->pending, record);
  if (d->pending->len >= DEMO_BATCH_RECORDS)
    flush (d);
}

static void
emit (Demo     *d,
      HdRecord *record)
{
  d->counts[hd_record_get_entity (record)]++;
  add_pending (d, record);
}

/* Kept back until the entities it refers to have been emitted. */
static void
emit_later (Demo     *d,
            HdRecord *record)
{
  HdEntity entity = hd_record_get_entity (record);

  if (d->later[entity] == NULL)
    d->later[entity] = new_batch ();
  d->counts[entity]++;
  g_ptr_array_add (d->later[entity], record);
}

static void
release_later (Demo     *d,
               HdEntity  entity)
{
  GPtrArray *records = d->later[entity];

  if (records == NULL)
    return;
  for (guint i = 0; i < records->len; i++)
    add_pending (d, hd_record_ref (g_ptr_array_index (records, i)));
  g_clear_pointer (&d->later[entity], g_ptr_array_unref);
}

/* A random person of @hub who is not on its staff, or -1. */
static int
random_contact (Demo    *d,
                Rng     *rng,
                DemoHub *hub)
{
  guint lo = hub->person_lo + hub->n_staff;

  if (hub->person_hi <= lo)
    return hub->person_hi > hub->person_lo ? (int) hub->person_lo : -1;
  return (int) (lo + rng_below (rng, hub->person_hi - lo));
}

static int
random_org (Rng     *rng,
            DemoHub *hub)
{
  if (hub->org_hi <= hub->org_lo)
    return -1;
  return (int) (hub->org_lo + rng_below (rng, hub->org_hi - hub->org_lo));
}

/* A random organization of @hub of @kind, or any if a few tries fail. */
static int
random_org_of_kind (Demo    *d,
                    Rng     *rng,
                    DemoHub *hub,
                    int      kind)
{
  int org = random_org (rng, hub);

  for (guint i = 0; i < 12 && org >= 0 && d->org_kind[org] != kind; i++)
    org = random_org (rng, hub);
  return org;
}

/* ------------------------------------------------------------------ */
/* the room grid                                                       */

static int
slot_of (Demo *d,
         int   day,
         int   minute)
{
  return (day - d->grid_start) * SLOTS_PER_DAY + minute / 30;
}

static int
grid_slots (Demo *d)
{
  return d->grid_days * SLOTS_PER_DAY;
}

/* The most seats taken in [from, to) (slots). */
static int
grid_peak (Demo     *d,
           DemoRoom *room,
           int       from,
           int       to)
{
  int peak = 0;

  from = MAX (from, 0);
  to = MIN (to, grid_slots (d));
  for (int s = from; s < to; s++)
    peak = MAX (peak, room->grid[s]);
  return peak;
}

static gboolean
grid_fits (Demo     *d,
           DemoRoom *room,
           int       from,
           int       to,
           int       seats)
{
  return grid_peak (d, room, from, to) + seats <= room->capacity;
}

static void
grid_take (Demo     *d,
           DemoRoom *room,
           int       from,
           int       to,
           int       seats)
{
  from = MAX (from, 0);
  to = MIN (to, grid_slots (d));
  for (int s = from; s < to; s++)
    room->grid[s] += (guint16) seats;
}

/* A weekly rule: the days of @mask (bit 0 = Monday) every @interval
 * weeks from @first_day (a day of the mask), @count times (0: no limit)
 * or until @until_day (-1: no limit). */
typedef struct {
  int    first_day;
  guint  mask;
  int    interval;
  int    count;
  int    until_day;
} Weekly;

/* The days of @rule inside the grid. */
static GArray *
weekly_days (Demo         *d,
             const Weekly *rule)
{
  GArray *days = g_array_new (FALSE, FALSE, sizeof (int));
  int week0 = monday_of (rule->first_day);
  int n = 0;
  int last = d->grid_start + d->grid_days - 1;

  if (rule->until_day >= 0)
    last = MIN (last, rule->until_day);
  for (int week = week0; week <= last; week += 7 * rule->interval)
    for (int wd = 0; wd < 7; wd++)
      {
        int day = week + wd;

        if (!(rule->mask & (1u << wd)) || day < rule->first_day || day > last)
          continue;
        if (rule->count > 0 && n >= rule->count)
          return days;
        g_array_append_val (days, day);
        n++;
      }
  return days;
}

static char *
weekly_rrule (const Weekly *rule)
{
  static const char * const names[7] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };
  GString *text = g_string_new ("FREQ=WEEKLY");
  gboolean first = TRUE;

  if (rule->interval > 1)
    g_string_append_printf (text, ";INTERVAL=%d", rule->interval);
  g_string_append (text, ";BYDAY=");
  for (int wd = 0; wd < 7; wd++)
    if (rule->mask & (1u << wd))
      {
        if (!first)
          g_string_append_c (text, ',');
        g_string_append (text, names[wd]);
        first = FALSE;
      }
  if (rule->count > 0)
    g_string_append_printf (text, ";COUNT=%d", rule->count);
  else if (rule->until_day >= 0)
    {
      int y, m, dd;

      /* 23:00 UTC is after any local time of that day's opening hours
       * and before the next day's. */
      civil_from_days (rule->until_day, &y, &m, &dd);
      g_string_append_printf (text, ";UNTIL=%04d%02d%02dT230000Z", y, m, dd);
    }
  return g_string_free (text, FALSE);
}

/* ------------------------------------------------------------------ */
/* hubs and rooms                                                      */

static const char * const equipment_by_kind[N_ROOM_KINDS][6] = {
  { "Bildschirm 65 Zoll", "Videokonferenzsystem", "Whiteboard", "Flipchart", "Telefonkonferenzspinne", "HDMI- und USB-C-Anschluss" },
  { "Höhenverstellbare Schreibtische", "Monitore", "WLAN", "Telefonboxen", "Kaffeeküche", "Schließfächer" },
  { "Beamer", "Moderationskoffer", "Pinnwände", "Flipcharts", "Tischgruppen", "Whiteboard-Wand" },
  { "Bühne", "Beamer mit Großleinwand", "Beschallungsanlage", "Funkmikrofone", "Livestream-Technik", "Catering-Bereich" },
  { "3D-Drucker", "Lasercutter", "Lötstationen", "CNC-Fräse", "Elektronik-Arbeitsplätze", "VR-Brillen" },
  { "Schreibtische", "Abschließbare Schränke", "WLAN", "Besprechungstisch", "Monitore", "Telefon" },
};

static const char * const room_notes[] = {
  "Barrierefrei erreichbar.",
  "Schlüssel am Empfang abholen.",
  "Bitte nach der Nutzung lüften und die Tische zurückstellen.",
  "Catering über die Hub-Küche nach Absprache.",
  "Einweisung vor der ersten Nutzung erforderlich.",
};

static void
make_room (Demo     *d,
           Rng      *rng,
           DemoHub  *hub,
           int       kind,
           guint    *local_index,
           guint    *office_number)
{
  DemoRoom *room = &hub->rooms[hub->n_rooms++];
  const char *local = hub->info->local_names[*local_index % HD_DEMO_N_LOCAL_NAMES];
  const char *equipment[6];
  guint n_equipment = 0;
  g_autoptr(HdRecord) record = NULL;

  room->kind = kind;
  room->grid = g_new0 (guint16, grid_slots (d));
  switch (kind)
    {
    case RK_MEETING:
      room->name = g_strdup_printf ("Besprechungsraum %s", local);
      (*local_index)++;
      room->capacity = rng_range (rng, 6, 14);
      room->open_from = 8 * 60;
      room->open_until = 18 * 60;
      break;
    case RK_COWORKING:
      room->name = g_strdup ("Coworking-Fläche");
      room->capacity = rng_range (rng, 12, 36);
      room->open_from = 8 * 60;
      room->open_until = 20 * 60;
      break;
    case RK_WORKSHOP:
      room->name = g_strdup_printf ("Workshopraum %s", local);
      (*local_index)++;
      room->capacity = rng_range (rng, 16, 40);
      room->open_from = 8 * 60;
      room->open_until = 21 * 60;
      break;
    case RK_HALL:
      room->name = rng_percent (rng, 50) ? g_strdup ("Veranstaltungssaal")
                                         : g_strdup_printf ("Forum %s", local);
      if (!strstr (room->name, "Veranstaltungssaal"))
        (*local_index)++;
      room->capacity = rng_range (rng, 6, 20) * 10;
      room->open_from = 8 * 60;
      room->open_until = 22 * 60;
      break;
    case RK_MAKER:
      room->name = g_strdup (hub->index % 2 == 0 ? "Werkstatt" : "Makerspace");
      room->capacity = rng_range (rng, 8, 20);
      room->open_from = 9 * 60;
      room->open_until = 21 * 60;
      break;
    case RK_OFFICE:
    default:
      room->name = g_strdup_printf ("Projektbüro %u", ++(*office_number));
      room->capacity = rng_range (rng, 2, 6);
      room->open_from = 7 * 60;
      room->open_until = 21 * 60;
      break;
    }

  record = new_serial_record (d, HD_ENTITY_ROOM, hub->id, room->id);
  put_str (record, "name", room->name);
  put_str (record, "kind", room_kind_names[kind]);
  put_int (record, "capacity", room->capacity);
  put_hhmm (record, "open_from", room->open_from);
  put_hhmm (record, "open_until", room->open_until);
  for (guint i = 0; i < 6; i++)
    if (i < 2 || rng_percent (rng, 55))
      equipment[n_equipment++] = equipment_by_kind[kind][i];
  put_list (record, "equipment", equipment, n_equipment);
  put_str (record, "notes", rng_percent (rng, 30) ? rng_pick (rng, room_notes, G_N_ELEMENTS (room_notes)) : NULL);
  put_bool (record, "archived", FALSE);
  emit (d, g_steal_pointer (&record));
}

static void
make_hubs_and_rooms (Demo *d)
{
  static const int extras[] = { RK_HALL, RK_MAKER, RK_OFFICE, RK_MEETING, RK_OFFICE };

  for (guint h = 0; h < d->n_hubs; h++)
    {
      DemoHub *hub = &d->hubs[h];
      g_autoptr(HdRecord) record = new_record (d, HD_ENTITY_HUB, NULL, h, hub->id);

      put_str (record, "name", hub->info->name);
      put_str (record, "region", hub->info->region);
      put_str (record, "kind", hub->info->kind);
      put_str (record, "timezone", "Europe/Berlin");
      emit (d, g_steal_pointer (&record));
    }

  for (guint h = 0; h < d->n_hubs; h++)
    {
      DemoHub *hub = &d->hubs[h];
      Rng rng;
      guint n_rooms, local_index = 0, office_number = 0;

      rng_init (&rng, d->seed, STREAM_ROOMS * 64 + h);
      n_rooms = (guint) rng_range (&rng, 3, 8);
      /* The thematic hubs are the big ones; the press release names the
       * workshop floors of Neckar-Alb and HubWerk01. */
      if (g_str_equal (hub->info->kind, "thematic"))
        n_rooms = MAX (n_rooms, 6);
      if (strstr (hub->info->name, "Neckar-Alb") || strstr (hub->info->name, "HubWerk01"))
        n_rooms = MAX (n_rooms, 5);

      make_room (d, &rng, hub, RK_MEETING, &local_index, &office_number);
      make_room (d, &rng, hub, RK_COWORKING, &local_index, &office_number);
      make_room (d, &rng, hub, RK_WORKSHOP, &local_index, &office_number);
      for (guint i = 3; i < n_rooms; i++)
        make_room (d, &rng, hub, extras[i - 3], &local_index, &office_number);
    }
}

/* ------------------------------------------------------------------ */
/* organizations                                                       */

static void
make_register_id (Demo       *d,
                  GString    *out,
                  const char *prefix,
                  guint       index,
                  DemoHub    *hub)
{
  /* 7919 is prime to 100000, so every index gets its own number. */
  guint number = 700000 + (guint) (((guint64) index * 7919 + 4711) % 100000);

  g_string_printf (out, "%s %u, Amtsgericht %s", prefix, number, hub->info->court);
}

/* The place an institution's name mentions ("Hochschule Reutlingen"), in
 * any hub's region; else @fallback. Whole names first, so "Schwäbisch
 * Gmünd" is not taken for "Schwäbisch Hall". */
static const HdDemoCity *
city_in_name (Demo             *d,
              const char       *name,
              const HdDemoCity *fallback)
{
  for (guint pass = 0; pass < 2; pass++)
    for (guint h = 0; h < d->t->n_hubs; h++)
      for (guint c = 0; c < HD_DEMO_N_CITIES; c++)
        {
          const HdDemoCity *city = &d->t->hubs[h].cities[c];
          g_autofree char *word = g_strndup (city->name, strcspn (city->name, " -/("));

          if (strstr (name, pass == 0 ? city->name : word) != NULL)
            return city;
        }
  return fallback;
}

static void
make_organization (Demo    *d,
                   Rng     *rng,
                   DemoHub *hub,
                   guint    index,
                   GString *name,
                   GString *reg,
                   GString *scratch)
{
  const HdDemoTables *t = d->t;
  const HdDemoCity *city;
  const char *sector = NULL;
  const char *size = "unknown";
  const char *legal = NULL;
  const char *domain_tld = "de";
  const char *fixed_domain = NULL;
  const char *mailbox = "info";
  const char *tags[2];
  guint n_tags = 0;
  int kind = (int) rng_weighted (rng, org_kind_weights, N_ORG_KINDS);
  g_autofree char *slug = NULL;
  g_autoptr(HdRecord) record = NULL;

  g_string_truncate (name, 0);
  g_string_truncate (reg, 0);
  city = &hub->info->cities[rng_percent (rng, 45) ? 0 : rng_below (rng, HD_DEMO_N_CITIES)];

  if (kind == OK_LARGE)
    {
      guint pick = rng_below (rng, t->n_large_companies);

      if (!(hub->used_large & (1u << pick)))
        {
          const HdDemoCompany *company = &t->large_companies[pick];

          hub->used_large |= 1u << pick;
          g_string_assign (name, company->name);
          g_string_assign (reg, company->register_id);
          fixed_domain = company->domain;
          sector = company->sector;
          size = "large";
        }
      else
        {
          const HdDemoBranch *branch = &t->branches[rng_below (rng, t->n_branches)];

          g_string_printf (name, "%s %s", rng_pick (rng, t->family_names, t->n_family_names),
                           branch->word);
          legal = rng_percent (rng, 70) ? "AG" : "SE";
          sector = branch->sector;
          size = "large";
        }
    }
  else if (kind == OK_UNIVERSITY || kind == OK_RESEARCH)
    {
      const HdDemoInstitution *list = kind == OK_UNIVERSITY ? hub->info->universities : hub->info->institutes;
      guint n_list = 0;
      guint bit_base = kind == OK_UNIVERSITY ? 0 : 16;

      while (list[n_list].name != NULL)
        n_list++;
      if (n_list > 0)
        {
          guint pick = rng_below (rng, n_list);
          const char *field = rng_pick (rng, t->fields_of_study, t->n_fields_of_study);

          if (!(hub->used_institutions & (1u << (bit_base + pick))))
            {
              hub->used_institutions |= 1u << (bit_base + pick);
              g_string_assign (name, list[pick].name);
            }
          else if (kind == OK_UNIVERSITY)
            g_string_printf (name, "%s – %s %s", list[pick].name,
                             rng_percent (rng, 50) ? "Institut für" : "Fakultät", field);
          else
            g_string_printf (name, "%s – Abteilung %s", list[pick].name, field);
          fixed_domain = list[pick].domain;
          city = city_in_name (d, list[pick].name, &hub->info->cities[0]);
        }
      else
        {
          g_string_printf (name, "Steinbeis-Transferzentrum %s %s",
                           rng_pick (rng, t->fields_of_study, t->n_fields_of_study), city->name);
          fixed_domain = "steinbeis.de";
        }
      sector = kind == OK_UNIVERSITY ? "Hochschule" : "Forschung";
      size = kind == OK_UNIVERSITY ? "large" : (rng_percent (rng, 50) ? "medium" : "large");
      mailbox = "transfer";
    }
  else if (kind == OK_STARTUP)
    {
      const char *stem = rng_pick (rng, t->startup_stems, t->n_startup_stems);
      const char *ending = rng_pick (rng, t->startup_endings, t->n_startup_endings);

      /* "Opti" + "ify" → "Optify" */
      g_string_assign (name, stem);
      if (name->str[name->len - 1] == ending[0])
        g_string_truncate (name, name->len - 1);
      g_string_append (name, ending);
      legal = rng_percent (rng, 60) ? "GmbH" : "UG (haftungsbeschränkt)";
      sector = rng_pick (rng, t->startup_sectors, t->n_startup_sectors);
      size = rng_percent (rng, 70) ? "micro" : "small";
      domain_tld = rng_percent (rng, 30) ? (g_str_equal (sector, "Künstliche Intelligenz") ? "ai" : "io") : "de";
      mailbox = "hallo";
    }
  else if (kind == OK_PUBLIC)
    {
      g_autofree char *city_slug = make_slug (city->name);
      const char *district = hub->info->district;

      switch (rng_below (rng, 4))
        {
        case 0:
          g_string_printf (name, "Stadt %s – Wirtschaftsförderung", city->name);
          g_string_printf (scratch, "%s.de", city_slug);
          break;
        case 1:
          g_string_printf (name, "Stadtverwaltung %s – Amt für Digitalisierung", city->name);
          g_string_printf (scratch, "%s.de", city_slug);
          break;
        case 2:
          /* a Stadtkreis is its own district: no Landratsamt */
          if (g_str_has_prefix (district, "Stadtkreis "))
            g_string_printf (name, "Stadt %s – Bürgerservice", hub->info->cities[0].name);
          else
            g_string_printf (name, "Landratsamt %s",
                             g_str_has_prefix (district, "Landkreis ") ? district + strlen ("Landkreis ") : district);
          slug = make_slug (name->str);
          g_string_printf (scratch, "%s.de", slug);
          g_clear_pointer (&slug, g_free);
          break;
        default:
          g_string_printf (name, "Agentur für Arbeit %s", city->name);
          g_string_assign (scratch, "arbeitsagentur.de");
          break;
        }
      fixed_domain = scratch->str;
      sector = "Öffentliche Verwaltung";
      size = rng_percent (rng, 60) ? "medium" : "large";
      mailbox = "wirtschaft";
    }
  else if (kind == OK_ASSOCIATION)
    {
      const HdDemoBranch *branch = &t->branches[rng_below (rng, t->n_branches)];

      switch (rng_below (rng, 4))
        {
        case 0: g_string_printf (name, "Gewerbeverein %s", city->name); break;
        case 1: g_string_printf (name, "Förderverein Digitalisierung %s", city->name); break;
        case 2: g_string_printf (name, "Unternehmerinnen-Netzwerk %s", city->name); break;
        default: g_string_printf (name, "Netzwerk %s %s", branch->word, hub->info->short_name); break;
        }
      legal = "e.V.";
      sector = "Verband und Netzwerk";
      size = rng_percent (rng, 70) ? "micro" : "small";
      mailbox = "kontakt";
    }
  else if (kind == OK_OTHER)
    {
      const char *family = rng_pick (rng, t->family_names, t->n_family_names);

      switch (rng_below (rng, 4))
        {
        case 0: g_string_printf (name, "Kanzlei %s & Partner", family); sector = "Rechtsberatung"; break;
        case 1: g_string_printf (name, "Praxis Dr. %s", family); sector = "Gesundheitswesen"; break;
        case 2: g_string_printf (name, "Steuerberatung %s", family); sector = "Steuerberatung"; break;
        default: g_string_printf (name, "Architekturbüro %s", family); sector = "Architektur"; break;
        }
      size = rng_percent (rng, 60) ? "micro" : (rng_percent (rng, 50) ? "small" : "unknown");
      mailbox = "kontakt";
    }
  else  /* OK_SME */
    {
      const HdDemoBranch *branch = &t->branches[rng_below (rng, t->n_branches)];
      const char *family = rng_pick (rng, t->family_names, t->n_family_names);
      const char *local = hub->info->local_names[rng_below (rng, HD_DEMO_N_LOCAL_NAMES)];
      guint pattern = rng_below (rng, 100);

      sector = branch->sector;
      if (pattern < 35)
        {
          g_string_printf (name, "%s %s", family, branch->word);
          legal = "GmbH";
        }
      else if (pattern < 50)
        {
          g_string_printf (name, "%s & %s", family, rng_pick (rng, t->family_names, t->n_family_names));
          legal = "GmbH & Co. KG";
        }
      else if (pattern < 60)
        {
          g_string_printf (name, "%s %s", family, branch->word);
          legal = "e.K.";
        }
      else if (pattern < 80)
        {
          g_string_printf (name, "%s%s", local, rng_pick (rng, t->brand_endings, t->n_brand_endings));
          legal = "GmbH";
        }
      else
        {
          g_string_printf (name, "%s %s", local, branch->word);
          legal = "GmbH";
        }
      size = rng_percent (rng, 30) ? "micro" : (rng_percent (rng, 64) ? "small" : "medium");
    }

  /* The web address comes from the name without its legal form. */
  if (fixed_domain == NULL)
    {
      slug = make_slug (name->str);
      g_string_printf (scratch, "%s.%s", slug, domain_tld);
      fixed_domain = scratch->str;
    }
  d->org_domain[index] = g_strdup (fixed_domain);

  if (legal != NULL)
    {
      g_string_append_c (name, ' ');
      g_string_append (name, legal);
      if (reg->len == 0)
        {
          if (g_str_equal (legal, "e.V."))
            make_register_id (d, reg, "VR", index, hub);
          else if (g_str_equal (legal, "e.K.") || g_str_equal (legal, "GmbH & Co. KG"))
            make_register_id (d, reg, "HRA", index, hub);
          else
            make_register_id (d, reg, "HRB", index, hub);
        }
    }
  d->org_kind[index] = (guint8) kind;
  d->org_name[index] = g_strdup (name->str);

  record = new_record (d, HD_ENTITY_ORGANIZATION, hub->id, index, NULL);
  put_str (record, "name", name->str);
  put_str (record, "kind", org_kind_names[kind]);
  put_str (record, "sector", sector);
  put_str (record, "size_class", size);
  put_str (record, "register_id", reg->len > 0 ? reg->str : NULL);
  g_string_printf (scratch, "%s %d%s", rng_pick (rng, t->streets, t->n_streets),
                   rng_range (rng, 1, 120), rng_percent (rng, 8) ? "a" : "");
  put_str (record, "street", scratch->str);
  put_str (record, "postcode", city->postcode);
  put_str (record, "city", city->name);
  put_str (record, "country", "DE");
  g_string_printf (scratch, "https://www.%s", d->org_domain[index]);
  put_str (record, "website", scratch->str);
  g_string_printf (scratch, "%s@%s", mailbox, d->org_domain[index]);
  put_str (record, "email", scratch->str);
  if (strlen (city->area_code) == 3)
    g_string_printf (scratch, "+49 %s %05u-0", city->area_code, (guint) rng_range (rng, 20000, 99999));
  else
    g_string_printf (scratch, "+49 %s %04u-0", city->area_code, (guint) rng_range (rng, 1000, 9999));
  put_str (record, "phone", scratch->str);
  if (rng_percent (rng, 40))
    tags[n_tags++] = rng_pick (rng, t->organization_tags, t->n_organization_tags);
  if (kind == OK_STARTUP)
    tags[n_tags++] = "Start-up";
  else if (rng_percent (rng, 15))
    tags[n_tags++] = rng_pick (rng, t->organization_tags, t->n_organization_tags);
  if (n_tags == 2 && g_str_equal (tags[0], tags[1]))
    n_tags = 1;
  put_list (record, "tags", tags, n_tags);
  put_str (record, "notes", rng_percent (rng, 5) ? "Ansprechpartner wechselt häufig; vor Einladungen die Kontaktdaten prüfen." : NULL);
  put_bool (record, "archived", rng_percent (rng, 2));
  emit (d, g_steal_pointer (&record));
}

static void
make_organizations (Demo *d)
{
  g_autoptr(GString) name = g_string_new (NULL);
  g_autoptr(GString) reg = g_string_new (NULL);
  g_autoptr(GString) scratch = g_string_new (NULL);

  for (guint h = 0; h < d->n_hubs; h++)
    {
      DemoHub *hub = &d->hubs[h];
      Rng rng;

      rng_init (&rng, d->seed, STREAM_ORGS * 64 + h);
      for (guint i = hub->org_lo; i < hub->org_hi && d->error == NULL; i++)
        make_organization (d, &rng, hub, i, name, reg, scratch);
    }
}

/* ------------------------------------------------------------------ */
/* people                                                              */

enum { P_CONTACT, P_NEWSLETTER, P_PHOTOS, P_SHARING, N_PURPOSES };

static const char * const purpose_names[N_PURPOSES] = {
  "contact", "newsletter", "event_photos", "data_sharing",
};

/* The wording on the sign-up form, around the hub's name. */
static const char * const purpose_wording[N_PURPOSES][2] = {
  { "Ich bin damit einverstanden, dass das Team des ",
    " meine Kontaktdaten speichert und mich zu Veranstaltungen und Beratungsangeboten kontaktiert." },
  { "Ich möchte den Newsletter des ", " per E-Mail erhalten." },
  { "Ich bin einverstanden, dass bei Veranstaltungen des ",
    " Fotos von mir gemacht und für die Berichterstattung verwendet werden." },
  { "Ich bin einverstanden, dass das Team des ",
    " meine Kontaktdaten an Partner im Digital Hub-Netzwerk Baden-Württemberg weitergibt." },
};

static const char * const person_notes[] = {
  "Möchte nur per E-Mail kontaktiert werden.",
  "Interesse an einer Mentoring-Partnerschaft.",
  "Hat beim letzten Netzwerktreffen einen Kurzvortrag gehalten.",
  "Sucht Kontakte zu Hochschulen für ein Förderprojekt.",
  "Bitte Einladungen auch an die Assistenz senden.",
};

static void
make_person (Demo    *d,
             Rng     *rng,
             DemoHub *hub,
             guint    index,
             gboolean staff,
             GString *scratch)
{
  const HdDemoTables *t = d->t;
  const HdDemoCity *city = &hub->info->cities[rng_percent (rng, 50) ? 0 : rng_below (rng, HD_DEMO_N_CITIES)];
  gboolean female = rng_percent (rng, 50);
  const char *given = female ? rng_pick (rng, t->female_names, t->n_female_names)
                             : rng_pick (rng, t->male_names, t->n_male_names);
  const char *family = rng_pick (rng, t->family_names, t->n_family_names);
  g_auto(GStrv) staff_name = NULL;
  const HdDemoTitle *titles = t->business_titles;
  guint n_titles = t->n_business_titles;
  int org = -1;
  char ref[ID_LEN];
  const char *tags[2];
  guint n_tags = 0;
  guint consent_roll;
  g_autoptr(HdRecord) record = NULL;

  if (staff && hub->info->staff[index - hub->person_lo] != NULL)
    {
      staff_name = g_strsplit (hub->info->staff[index - hub->person_lo], " ", 2);
      given = staff_name[0];
      family = staff_name[1];
      female = g_str_equal (given, "Sabine");
    }
  if (!staff && rng_percent (rng, 85))
    org = random_org (rng, hub);
  d->person_org[index] = org;

  record = new_record (d, HD_ENTITY_PERSON, hub->id, index, NULL);
  put_str (record, "given_name", given);
  put_str (record, "family_name", family);
  if (org >= 0)
    {
      org_id (d, (guint) org, ref);
      put_str (record, "organization_id", ref);
      switch (d->org_kind[org])
        {
        case OK_UNIVERSITY:
        case OK_RESEARCH:
          titles = t->academic_titles;
          n_titles = t->n_academic_titles;
          break;
        case OK_PUBLIC:
          titles = t->public_titles;
          n_titles = t->n_public_titles;
          break;
        case OK_ASSOCIATION:
          titles = t->association_titles;
          n_titles = t->n_association_titles;
          break;
        default:
          break;
        }
    }
  else
    put_null (record, "organization_id");
  if (staff)
    {
      titles = t->staff_titles;
      n_titles = t->n_staff_titles;
    }
  if (staff || org >= 0 || rng_percent (rng, 30))
    {
      const HdDemoTitle *title = &titles[staff ? (index - hub->person_lo) % n_titles : rng_below (rng, n_titles)];

      put_str (record, "job_title", female ? title->female : title->male);
    }
  else
    put_null (record, "job_title");

  g_string_truncate (scratch, 0);
  append_mail_name (scratch, given, family);
  if (staff)
    g_string_append_printf (scratch, "@%s.digitalhub-bw.de", hub->slug);
  else if (org >= 0 && rng_percent (rng, 85))
    g_string_append_printf (scratch, "@%s", d->org_domain[org]);
  else
    {
      if (rng_percent (rng, 40))
        g_string_append_printf (scratch, "%02d", rng_range (rng, 1, 99));
      g_string_append_printf (scratch, "@%s", rng_pick (rng, t->mail_providers, t->n_mail_providers));
    }
  put_str (record, "email", rng_percent (rng, 95) || staff ? scratch->str : NULL);

  if (rng_percent (rng, 30))
    {
      static const char * const mobile[] = { "151", "152", "160", "170", "171", "172", "176", "177", "179" };

      g_string_printf (scratch, "+49 %s %08u", rng_pick (rng, mobile, G_N_ELEMENTS (mobile)),
                       (guint) rng_range (rng, 10000000, 99999999));
      put_str (record, "phone", scratch->str);
    }
  else if (rng_percent (rng, 75))
    {
      if (strlen (city->area_code) == 3)
        g_string_printf (scratch, "+49 %s %05u-%u", city->area_code, (guint) rng_range (rng, 20000, 99999),
                         (guint) rng_range (rng, 10, 299));
      else
        g_string_printf (scratch, "+49 %s %04u-%u", city->area_code, (guint) rng_range (rng, 1000, 9999),
                         (guint) rng_range (rng, 10, 99));
      put_str (record, "phone", scratch->str);
    }
  else
    put_null (record, "phone");

  if (staff)
    tags[n_tags++] = "Hub-Team";
  else
    {
      if (rng_percent (rng, 30))
        tags[n_tags++] = rng_pick (rng, t->person_tags, t->n_person_tags);
      if (rng_percent (rng, 10))
        {
          tags[n_tags] = rng_pick (rng, t->person_tags, t->n_person_tags);
          if (n_tags == 0 || !g_str_equal (tags[0], tags[n_tags]))
            n_tags++;
        }
    }
  put_list (record, "tags", tags, n_tags);
  put_str (record, "notes", rng_percent (rng, 4) ? rng_pick (rng, person_notes, G_N_ELEMENTS (person_notes)) : NULL);

  consent_roll = staff ? 0 : rng_below (rng, 100);
  if (consent_roll < 65 || consent_roll >= 90)
    {
      gboolean withdrawn = consent_roll >= 90;
      const char *purposes[N_PURPOSES];
      guint n_purposes = 0;
      gint64 at = local_to_unix (d->today - rng_range (rng, 1, 3 * 365), rng_range (rng, 8 * 60, 19 * 60));

      g_string_truncate (scratch, 0);
      for (guint p = 0; p < N_PURPOSES; p++)
        {
          static const guint chance[N_PURPOSES] = { 95, 50, 30, 10 };

          if (rng_percent (rng, chance[p]) || (p == N_PURPOSES - 1 && n_purposes == 0))
            {
              purposes[n_purposes++] = purpose_names[p];
              if (scratch->len > 0)
                g_string_append_c (scratch, ' ');
              g_string_append (scratch, purpose_wording[p][0]);
              g_string_append (scratch, hub->info->name);
              g_string_append (scratch, purpose_wording[p][1]);
            }
        }
      g_string_append (scratch, " Diese Einwilligung kann ich jederzeit mit Wirkung für die Zukunft widerrufen.");
      put_str (record, "consent", withdrawn ? "withdrawn" : "given");
      put_list (record, "consent_purposes", purposes, withdrawn ? 0 : n_purposes);
      put_time (record, "consent_at", at);
      put_str (record, "consent_source", rng_pick (rng, t->consent_sources, t->n_consent_sources));
      put_str (record, "consent_text", scratch->str);
    }
  else
    {
      put_str (record, "consent", "none");
      put_list (record, "consent_purposes", NULL, 0);
      put_null (record, "consent_at");
      put_null (record, "consent_source");
      put_null (record, "consent_text");
    }
  put_bool (record, "archived", !staff && rng_percent (rng, 1));
  emit (d, g_steal_pointer (&record));
}

static void
make_people (Demo *d)
{
  g_autoptr(GString) scratch = g_string_new (NULL);

  for (guint h = 0; h < d->n_hubs; h++)
    {
      DemoHub *hub = &d->hubs[h];
      Rng rng;

      rng_init (&rng, d->seed, STREAM_PEOPLE * 64 + h);
      hub->n_staff = MIN (3u, hub->person_hi - hub->person_lo);
      for (guint i = hub->person_lo; i < hub->person_hi && d->error == NULL; i++)
        make_person (d, &rng, hub, i, i < hub->person_lo + hub->n_staff, scratch);
    }
}

/* ------------------------------------------------------------------ */
/* bookings                                                            */

static const char * const meeting_titles[] = {
  "Kundentermin", "Projektbesprechung", "Beratungsgespräch", "Strategieworkshop",
  "Sprint-Planung", "Abstimmung Förderantrag", "Investorengespräch",
};

/* meetings of the hub itself, for no organization */
static const char * const internal_meeting_titles[] = {
  "Vorstellungsgespräch", "Videokonferenz", "Redaktionssitzung Newsletter",
  "Planung Veranstaltungsprogramm",
};

static const char * const space_titles[] = {
  "Schulung", "Prototyping", "Makerspace-Einführung", "Lasercutter-Einweisung",
  "Design-Thinking-Workshop", "Teamtag", "Hands-on-Session",
};

static const char * const hall_titles[] = {
  "Mitgliederversammlung", "Firmenveranstaltung", "Kundentag", "Betriebsversammlung",
  "Produktpräsentation",
};

static const char * const booking_notes[] = {
  "Beamer und Flipchart bitte bereitstellen.",
  "Getränke für die Gruppe bestellt.",
  "Rechnung an die Firma.",
  "Zugang ab 07:45 Uhr über den Seiteneingang.",
};

typedef struct {
  DemoHub    *hub;
  DemoRoom   *room;
  int         day;
  int         start_min;   /* may pass midnight */
  int         end_min;
  int         seats;       /* 0: the whole room */
  const char *status;
  const char *title;
  int         org;         /* -1: none */
  int         person;
  const char *event_id;
  const char *rrule;
} BookingSpec;

static void
emit_booking (Demo              *d,
              Rng               *rng,
              const BookingSpec *spec)
{
  g_autoptr(HdRecord) record = new_serial_record (d, HD_ENTITY_BOOKING, spec->hub->id, NULL);
  char ref[ID_LEN];
  gint64 start = local_to_unix (spec->day, spec->start_min);

  put_str (record, "room_id", spec->room->id);
  put_str (record, "title", spec->title);
  put_time (record, "starts_at", start);
  put_time (record, "ends_at", local_to_unix (spec->day, spec->end_min));
  if (spec->seats > 0)
    put_int (record, "seats", spec->seats);
  else
    put_null (record, "seats");
  put_str (record, "status", spec->status);
  put_str (record, "recurrence", spec->rrule);
  if (spec->org >= 0)
    {
      org_id (d, (guint) spec->org, ref);
      put_str (record, "organization_id", ref);
    }
  else
    put_null (record, "organization_id");
  if (spec->person >= 0)
    {
      person_id (d, (guint) spec->person, ref);
      put_str (record, "person_id", ref);
    }
  else
    put_null (record, "person_id");
  put_str (record, "event_id", spec->event_id);
  if (spec->rrule == NULL && g_str_equal (spec->status, "confirmed") &&
      start + 3600 < d->now && rng_percent (rng, 70))
    put_time (record, "checked_in_at", start - 60 * rng_range (rng, 0, 10));
  else
    put_null (record, "checked_in_at");
  put_str (record, "notes", rng_percent (rng, 8) ? rng_pick (rng, booking_notes, G_N_ELEMENTS (booking_notes)) : NULL);
  emit_later (d, g_steal_pointer (&record));
}

/* Books @spec if the grid has room for it (every occurrence of @rule,
 * if given); cancelled bookings take no seats. */
static gboolean
try_booking (Demo         *d,
             Rng          *rng,
             BookingSpec  *spec,
             const Weekly *rule)
{
  int seats = spec->seats > 0 ? spec->seats : spec->room->capacity;
  gboolean takes = !g_str_equal (spec->status, "cancelled");
  g_autoptr(GArray) days = NULL;
  g_autofree char *rrule = NULL;

  if (rule != NULL)
    days = weekly_days (d, rule);
  else
    {
      days = g_array_new (FALSE, FALSE, sizeof (int));
      g_array_append_val (days, spec->day);
    }
  if (days->len == 0)
    return FALSE;
  if (takes)
    {
      for (guint i = 0; i < days->len; i++)
        {
          int day = g_array_index (days, int, i);

          if (!grid_fits (d, spec->room, slot_of (d, day, 0) + spec->start_min / 30,
                          slot_of (d, day, 0) + (spec->end_min + 29) / 30, seats))
            return FALSE;
        }
      for (guint i = 0; i < days->len; i++)
        {
          int day = g_array_index (days, int, i);

          grid_take (d, spec->room, slot_of (d, day, 0) + spec->start_min / 30,
                     slot_of (d, day, 0) + (spec->end_min + 29) / 30, seats);
        }
    }
  if (rule != NULL)
    {
      rrule = weekly_rrule (rule);
      spec->rrule = rrule;
      spec->day = rule->first_day;
    }
  emit_booking (d, rng, spec);
  spec->rrule = NULL;
  return TRUE;
}

static DemoRoom *
room_of_kind (DemoHub *hub,
              int      kind,
              guint    nth)
{
  for (guint r = 0; r < hub->n_rooms; r++)
    if (hub->rooms[r].kind == kind && nth-- == 0)
      return &hub->rooms[r];
  return NULL;
}

static const char *
booking_status (Demo *d,
                Rng  *rng,
                int   day)
{
  guint roll = rng_below (rng, 100);

  if (day < d->today)
    return roll < 90 ? "confirmed" : "cancelled";
  if (roll < 65)
    return "confirmed";
  return roll < 90 ? "tentative" : "cancelled";
}

/* A first day on or after @from whose weekday is in @mask. */
static int
first_day_in (int   from,
              guint mask)
{
  for (int day = from; day < from + 7; day++)
    if (mask & (1u << weekday (day)))
      return day;
  return from;
}

static char *
title_with_org (Demo       *d,
                const char *title,
                int         org)
{
  if (org < 0)
    return g_strdup (title);
  return g_strdup_printf ("%s %s", title, d->org_name[org]);
}

static void
make_recurring_bookings (Demo    *d,
                         Rng     *rng,
                         DemoHub *hub)
{
  DemoRoom *meeting = room_of_kind (hub, RK_MEETING, 0);
  DemoRoom *coworking = room_of_kind (hub, RK_COWORKING, 0);
  int start_week = monday_of (d->season_start);

  /* The hub team's weekly meeting, with no end. */
  if (meeting != NULL)
    {
      Weekly rule = { first_day_in (start_week, 1u << 0), 1u << 0, 1, 0, -1 };
      BookingSpec spec = { hub, meeting, 0, 9 * 60, 10 * 60, 0, "confirmed",
                           "Teammeeting Hub-Team", -1,
                           hub->n_staff > 0 ? (int) hub->person_lo : -1, NULL, NULL };

      try_booking (d, rng, &spec, &rule);
    }

  /* Startups renting project offices on weekdays. */
  for (guint nth = 0; ; nth++)
    {
      DemoRoom *office = room_of_kind (hub, RK_OFFICE, nth);
      int org;
      g_autofree char *title = NULL;
      Weekly rule = { 0, 0x1F, 1, 0, -1 };
      BookingSpec spec = { hub, office, 0, 8 * 60, 18 * 60, 0, "confirmed", NULL, -1, -1, NULL, NULL };

      if (office == NULL)
        break;
      org = random_org_of_kind (d, rng, hub, OK_STARTUP);
      rule.first_day = first_day_in (start_week + 7 * rng_range (rng, 0, 3), rule.mask);
      if (nth % 2 == 1)
        rule.count = 5 * rng_range (rng, 8, 16);
      title = title_with_org (d, "Projektbüro", org);
      spec.title = title;
      spec.org = org;
      try_booking (d, rng, &spec, &rule);
    }

  /* Coworking on fixed days: a few desks each, never the whole area. */
  if (coworking != NULL)
    {
      static const guint masks[] = { 0x0A /* TU,TH */, 0x15 /* MO,WE,FR */, 0x0A, 0x10 /* FR */, 0x04 /* WE */ };
      guint n = (guint) rng_range (rng, 2, 5);

      for (guint i = 0; i < n; i++)
        {
          int org = random_org_of_kind (d, rng, hub, OK_STARTUP);
          g_autofree char *title = title_with_org (d, "Coworking-Tage", org);
          Weekly rule = { 0, masks[i], masks[i] == 0x10 ? 2 : 1, 0, -1 };
          BookingSpec spec = { hub, coworking, 0, 8 * 60 + 30, 17 * 60 + 30,
                               rng_range (rng, 1, 3), i == 4 ? "tentative" : "confirmed",
                               title, org, random_contact (d, rng, hub), NULL, NULL };

          rule.first_day = first_day_in (start_week + 7 * rng_range (rng, 0, 3), rule.mask);
          if (i == 2)
            rule.until_day = d->season_end - rng_range (rng, 0, 40);
          else if (i == 3)
            rule.count = rng_range (rng, 6, 12);
          spec.seats = MIN (spec.seats, coworking->capacity / 4);
          spec.seats = MAX (spec.seats, 1);
          try_booking (d, rng, &spec, &rule);
        }
    }
}

static void
make_single_bookings (Demo    *d,
                      Rng     *rng,
                      DemoHub *hub)
{
  for (int day = d->season_start; day <= d->season_end; day++)
    {
      if (weekday (day) >= 5)
        continue;
      for (guint r = 0; r < hub->n_rooms; r++)
        {
          DemoRoom *room = &hub->rooms[r];
          guint n = 0;

          switch (room->kind)
            {
            case RK_MEETING: n = rng_below (rng, 3); break;
            case RK_COWORKING: n = rng_below (rng, 5); break;
            case RK_WORKSHOP:
            case RK_MAKER: n = rng_percent (rng, 40) ? 1 : 0; break;
            case RK_HALL: n = rng_percent (rng, 12) ? 1 : 0; break;
            default: n = 0; break;
            }
          for (guint i = 0; i < n; i++)
            {
              BookingSpec spec = { hub, room, day, 0, 0, 0, booking_status (d, rng, day), NULL, -1, -1, NULL, NULL };
              g_autofree char *title = NULL;
              int length;

              switch (room->kind)
                {
                case RK_COWORKING:
                  spec.start_min = rng_percent (rng, 70) ? 8 * 60 + 30 * rng_range (rng, 0, 3) : 13 * 60;
                  length = spec.start_min < 12 * 60 ? (rng_percent (rng, 60) ? 9 * 60 : 4 * 60) : 5 * 60;
                  spec.seats = rng_percent (rng, 80) ? 1 : 2;
                  spec.person = random_contact (d, rng, hub);
                  spec.org = spec.person >= 0 ? d->person_org[spec.person] : -1;
                  title = g_strdup ("Tagesticket Coworking");
                  break;
                case RK_MEETING:
                  spec.start_min = room->open_from + 30 * rng_range (rng, 0, (room->open_until - room->open_from) / 30 - 2);
                  length = 30 * rng_range (rng, 2, 6);
                  if (rng_percent (rng, 80))
                    {
                      spec.org = random_org (rng, hub);
                      spec.person = random_contact (d, rng, hub);
                      title = title_with_org (d, rng_pick (rng, meeting_titles, G_N_ELEMENTS (meeting_titles)), spec.org);
                    }
                  else
                    {
                      spec.person = hub->n_staff > 0 ? (int) (hub->person_lo + rng_below (rng, hub->n_staff)) : -1;
                      title = g_strdup (rng_pick (rng, internal_meeting_titles, G_N_ELEMENTS (internal_meeting_titles)));
                    }
                  break;
                case RK_HALL:
                  spec.start_min = rng_percent (rng, 50) ? 9 * 60 : 17 * 60;
                  length = 60 * rng_range (rng, 3, 5);
                  spec.org = random_org (rng, hub);
                  title = title_with_org (d, rng_pick (rng, hall_titles, G_N_ELEMENTS (hall_titles)), spec.org);
                  break;
                default:
                  spec.start_min = 60 * rng_range (rng, 9, 13);
                  length = 60 * rng_range (rng, 2, 6);
                  spec.org = random_org (rng, hub);
                  spec.seats = rng_percent (rng, 30) ? MAX (1, room->capacity / 2) : 0;
                  title = title_with_org (d, rng_pick (rng, space_titles, G_N_ELEMENTS (space_titles)), spec.org);
                  break;
                }
              spec.end_min = MIN (spec.start_min + length, room->open_until);
              if (spec.end_min <= spec.start_min)
                continue;
              spec.title = title;
              try_booking (d, rng, &spec, NULL);
            }
        }
    }
}

/* ------------------------------------------------------------------ */
/* events, agendas, registrations                                      */

typedef struct {
  Demo       *d;
  Rng        *rng;
  DemoHub    *hub;
  const char *event_id;
  gint64      start;        /* the event's */
  gint64      end;
  const char *room_id;
  const char *second_room_id;
  int         organizer;
} Agenda;

enum { SK_TALK, SK_WORKSHOP, SK_PANEL, SK_BREAK, SK_OTHER };

static const char * const session_kind_names[] = { "talk", "workshop", "panel", "break", "other" };

static void
add_session (Agenda     *a,
             int         from_min,   /* minutes after the event's start */
             int         to_min,
             int         kind,
             const char *title,
             const char *track,
             gboolean    second_room)
{
  g_autoptr(HdRecord) record = NULL;
  gint64 start = a->start + (gint64) from_min * 60;
  gint64 end = MIN (a->start + (gint64) to_min * 60, a->end);
  const char *speakers[3];
  char ids[3][ID_LEN];
  guint n_speakers = 0;

  if (end <= start || start < a->start)
    return;
  if (kind == SK_TALK || kind == SK_WORKSHOP)
    n_speakers = rng_percent (a->rng, 25) ? 2 : 1;
  else if (kind == SK_PANEL)
    n_speakers = 3;
  else if (kind == SK_OTHER && a->organizer >= 0 && rng_percent (a->rng, 60))
    {
      person_id (a->d, (guint) a->organizer, ids[0]);
      speakers[0] = ids[0];
      n_speakers = 1;
    }
  if (kind != SK_OTHER)
    {
      guint have = 0;

      for (guint i = 0; i < n_speakers; i++)
        {
          int person = random_contact (a->d, a->rng, a->hub);
          gboolean twice = FALSE;

          if (person < 0)
            break;
          person_id (a->d, (guint) person, ids[have]);
          for (guint j = 0; j < have; j++)
            twice |= g_str_equal (ids[j], ids[have]);
          if (twice)
            continue;
          speakers[have] = ids[have];
          have++;
        }
      n_speakers = have;
    }

  record = new_serial_record (a->d, HD_ENTITY_SESSION, a->hub->id, NULL);
  put_str (record, "event_id", a->event_id);
  put_str (record, "title", title);
  put_time (record, "starts_at", start);
  put_time (record, "ends_at", end);
  put_str (record, "room_id", second_room ? a->second_room_id : a->room_id);
  put_list (record, "speaker_ids", speakers, n_speakers);
  put_str (record, "track", track);
  put_str (record, "kind", session_kind_names[kind]);
  put_str (record, "notes", kind == SK_TALK && rng_percent (a->rng, 20) ? "Folien werden im Anschluss an alle Teilnehmenden verschickt." : NULL);
  emit_later (a->d, g_steal_pointer (&record));
}

typedef struct {
  const char *title;
  int         kind;
  int         weight;
} Step;

/* Lays @steps out over the whole event, in proportion to their weights,
 * on five-minute marks. */
static void
add_scaled_agenda (Agenda     *a,
                   const Step *steps,
                   guint       n_steps)
{
  int total = 0, sum = 0;
  int length = (int) ((a->end - a->start) / 60);

  for (guint i = 0; i < n_steps; i++)
    total += steps[i].weight;
  for (guint i = 0; i < n_steps; i++)
    {
      int from = (length * sum / total) / 5 * 5;
      int to;

      sum += steps[i].weight;
      to = i == n_steps - 1 ? length : (length * sum / total) / 5 * 5;
      add_session (a, from, to, steps[i].kind, steps[i].title, NULL, FALSE);
    }
}

/* One day from 09:00 to 17:30: keynote, two tracks in parallel, a panel. */
static void
add_conference_day (Agenda            *a,
                    int                base,   /* minutes from the start to this day's 09:00 */
                    const HdDemoTopic *ta,
                    const HdDemoTopic *tb,
                    gboolean           first_day)
{
  g_autofree char *keynote = g_strdup_printf ("Keynote: %s – wohin geht die Reise?", ta->title);
  g_autofree char *panel = g_strdup_printf ("Podiumsdiskussion: %s in der Region", ta->title);
  g_autofree char *panel_b = g_strdup_printf ("Diskussionsrunde: %s", tb->title);
  g_autofree char *track_a = g_strdup_printf ("Forum %s", ta->short_title);
  g_autofree char *track_b = g_strdup_printf ("Forum %s", tb->short_title);
  static const int blocks[4][2] = { { 90, 135 }, { 150, 195 }, { 255, 300 }, { 315, 360 } };

  add_session (a, base, base + 15, SK_OTHER, first_day ? "Begrüßung und Eröffnung" : "Rückblick auf den ersten Tag", NULL, FALSE);
  add_session (a, base + 15, base + 60, SK_TALK, keynote, NULL, FALSE);
  add_session (a, base + 60, base + 90, SK_BREAK, "Kaffeepause", NULL, FALSE);
  for (guint b = 0; b < 4; b++)
    {
      add_session (a, base + blocks[b][0], base + blocks[b][1], b == 3 ? SK_WORKSHOP : SK_TALK,
                   ta->sessions[b], track_a, FALSE);
      if (b == 1)
        add_session (a, base + blocks[b][0], base + blocks[b][1], SK_PANEL, panel_b, track_b, TRUE);
      else
        add_session (a, base + blocks[b][0], base + blocks[b][1], SK_TALK, tb->sessions[b], track_b, TRUE);
      if (b == 1)
        add_session (a, base + 195, base + 255, SK_BREAK, "Mittagspause", NULL, FALSE);
    }
  add_session (a, base + 360, base + 390, SK_BREAK, "Kaffeepause", NULL, FALSE);
  add_session (a, base + 390, base + 450, SK_PANEL, panel, NULL, FALSE);
  if (first_day)
    add_session (a, base + 450, base + 510, SK_BREAK, "Get-together", NULL, FALSE);
  else
    add_session (a, base + 450, base + 510, SK_OTHER, "Zusammenfassung und Verabschiedung", NULL, FALSE);
}

/* A topic that is none of @x, @y, @z. */
static const HdDemoTopic *
other_topic (Agenda            *a,
             const HdDemoTopic *x,
             const HdDemoTopic *y,
             const HdDemoTopic *z)
{
  const HdDemoTables *t = a->d->t;
  const HdDemoTopic *pick = &t->topics[rng_below (a->rng, t->n_topics)];

  while (pick == x || pick == y || pick == z)
    pick = &t->topics[(pick - t->topics + 1) % t->n_topics];
  return pick;
}

static void
make_agenda (Agenda            *a,
             int                format,
             const HdDemoTopic *topic,
             const HdDemoTopic *second)
{
  g_autofree char *t0 = g_strdup_printf ("Impuls: %s", topic->sessions[0]);
  g_autofree char *t1 = g_strdup_printf ("Arbeitsphase: %s", topic->sessions[2]);
  g_autofree char *t2 = g_strdup_printf ("Praxisbeispiel: %s", topic->sessions[1]);

  switch (format)
    {
    case F_WORKSHOP:
      {
        Step full[] = {
          { "Begrüßung und Vorstellungsrunde", SK_OTHER, 15 }, { t0, SK_TALK, 45 },
          { "Kaffeepause", SK_BREAK, 15 }, { t1, SK_WORKSHOP, 90 },
          { "Mittagspause", SK_BREAK, 45 }, { t2, SK_TALK, 45 },
          { "Arbeit in Kleingruppen", SK_WORKSHOP, 75 },
          { "Ergebnisse und nächste Schritte", SK_OTHER, 30 },
        };
        Step half[] = {
          { "Begrüßung und Vorstellungsrunde", SK_OTHER, 15 }, { t0, SK_TALK, 45 },
          { "Kaffeepause", SK_BREAK, 15 }, { t1, SK_WORKSHOP, 90 },
          { "Ergebnisse und nächste Schritte", SK_OTHER, 20 },
        };

        if (a->end - a->start > 5 * 3600)
          add_scaled_agenda (a, full, G_N_ELEMENTS (full));
        else
          add_scaled_agenda (a, half, G_N_ELEMENTS (half));
      }
      break;
    case F_ONLINE:
      {
        Step steps[] = {
          { "Begrüßung", SK_OTHER, 5 }, { topic->sessions[rng_below (a->rng, 4)], SK_TALK, 40 },
          { "Fragen und Antworten", SK_PANEL, 15 },
        };

        add_scaled_agenda (a, steps, G_N_ELEMENTS (steps));
      }
      break;
    case F_TALK:
      {
        Step steps[] = {
          { "Begrüßung", SK_OTHER, 10 }, { topic->sessions[rng_below (a->rng, 4)], SK_TALK, 45 },
          { "Diskussion mit dem Publikum", SK_PANEL, 20 }, { "Get-together", SK_BREAK, 15 },
        };

        add_scaled_agenda (a, steps, G_N_ELEMENTS (steps));
      }
      break;
    case F_NETWORKING:
      {
        Step steps[] = {
          { "Begrüßung", SK_OTHER, 15 }, { "Pitches: Start-ups aus der Region", SK_TALK, 45 },
          { "Networking bei Getränken und Snacks", SK_BREAK, 120 },
        };

        add_scaled_agenda (a, steps, G_N_ELEMENTS (steps));
      }
      break;
    case F_HACKATHON:
      /* Friday 10:00 to Saturday 17:00 */
      add_session (a, 0, 60, SK_TALK, "Kick-off und Vorstellung der Challenges", NULL, FALSE);
      add_session (a, 60, 120, SK_WORKSHOP, "Teambildung", NULL, FALSE);
      add_session (a, 120, 180, SK_BREAK, "Mittagspause", NULL, FALSE);
      add_session (a, 180, 1560, SK_WORKSHOP, "Hacking-Phase", NULL, FALSE);
      add_session (a, 1560, 1620, SK_BREAK, "Mittagspause", NULL, FALSE);
      add_session (a, 1620, 1770, SK_TALK, "Abschlusspräsentationen der Teams", NULL, FALSE);
      add_session (a, 1770, 1815, SK_OTHER, "Beratung der Jury", NULL, FALSE);
      add_session (a, 1815, 1860, SK_OTHER, "Preisverleihung", NULL, FALSE);
      break;
    case F_CONFERENCE:
      add_conference_day (a, 0, topic, second, TRUE);
      if (a->end - a->start > 86400)
        {
          const HdDemoTopic *third = other_topic (a, topic, second, NULL);

          add_conference_day (a, 1440, third, other_topic (a, topic, second, third), FALSE);
        }
      break;
    case F_OTHER:
      if (rng_percent (a->rng, 50))
        {
          Step steps[] = {
            { "Begrüßung", SK_OTHER, 10 }, { "Rundgang und Vorführungen", SK_OTHER, 80 },
            { "Austausch", SK_BREAK, 30 },
          };

          add_scaled_agenda (a, steps, G_N_ELEMENTS (steps));
        }
      break;
    default:
      /* office hours and coworking days have no agenda */
      break;
    }
}

static const char * const registration_notes[] = {
  "Vegetarisches Essen gewünscht.",
  "Barrierefreier Zugang benötigt.",
  "Rechnung bitte an die Firma.",
  "Kommt eventuell etwas später.",
};

static void
make_registrations (Demo       *d,
                    Rng        *rng,
                    DemoHub    *hub,
                    const char *event_id,
                    gint64      start,
                    gint64      end,
                    int         capacity,   /* 0: no limit */
                    const char *event_status)
{
  static const guint source_weights[] = { 62, 14, 8, 0, 16 };
  static const char * const sources[] = { "web", "email", "phone", "walk_in", "import" };
  guint n_people = hub->person_hi - hub->person_lo;
  guint *perm = d->perm + hub->person_lo;
  gboolean past = end <= d->now;
  gboolean cancelled_event = g_str_equal (event_status, "cancelled");
  int limit = capacity > 0 ? capacity : rng_range (rng, 30, 150);
  int wanted, taking, waiting, cancelled;
  guint total;

  if (g_str_equal (event_status, "draft") || n_people == 0)
    return;
  /* Demand: most events fill up well, some overflow into the waiting list. */
  wanted = limit * rng_range (rng, 30, 115) / 100;
  if (!past && start - d->now > 21 * 86400)
    wanted = wanted * rng_range (rng, 30, 80) / 100;
  taking = MIN (wanted, limit);
  waiting = capacity > 0 && !past ? MAX (0, wanted - capacity) : 0;
  cancelled = wanted / 12;
  if (cancelled_event)
    {
      cancelled += taking + waiting;
      taking = waiting = 0;
    }
  total = MIN ((guint) (taking + waiting + cancelled), n_people);

  for (guint i = 0; i < total; i++)
    {
      guint j = i + rng_below (rng, n_people - i);
      guint person = perm[j];
      g_autoptr(HdRecord) record = new_serial_record (d, HD_ENTITY_REGISTRATION, hub->id, NULL);
      char ref[ID_LEN];
      const char *status;
      const char *source = sources[rng_weighted (rng, source_weights, G_N_ELEMENTS (source_weights))];
      gint64 registered_at = MIN (start, d->now) - rng_range (rng, 3600, 40 * 86400);
      gint64 checked_in = 0;

      perm[j] = perm[i];
      perm[i] = person;

      if ((int) i < taking)
        {
          if (!past)
            status = "registered";
          else if (rng_percent (rng, 82))
            {
              status = "attended";
              checked_in = start + 60 * rng_range (rng, -20, 40);
              if (rng_percent (rng, 10))
                {
                  source = "walk_in";
                  registered_at = checked_in;
                }
            }
          else
            status = "no_show";
        }
      else if ((int) i < taking + waiting)
        status = "waitlisted";
      else
        status = "cancelled";

      person_id (d, person, ref);
      put_str (record, "event_id", event_id);
      put_str (record, "person_id", ref);
      put_str (record, "status", status);
      put_str (record, "source", source);
      put_time (record, "registered_at", registered_at);
      if (checked_in > 0)
        put_time (record, "checked_in_at", MIN (checked_in, end - 60));
      else
        put_null (record, "checked_in_at");
      put_str (record, "notes", rng_percent (rng, 3) ? rng_pick (rng, registration_notes, G_N_ELEMENTS (registration_notes)) : NULL);
      emit_later (d, g_steal_pointer (&record));
    }
}

static char *
event_title (Demo              *d,
             Rng               *rng,
             DemoHub           *hub,
             int                format,
             const HdDemoTopic *topic,
             int                day)
{
  const char *sub = topic->subtitles[rng_below (rng, 3)];
  int y, m, dd;

  civil_from_days (day, &y, &m, &dd);
  switch (format)
    {
    case F_WORKSHOP:
      return rng_percent (rng, 50) ? g_strdup_printf ("Workshop: %s – %s", topic->title, sub)
                                   : g_strdup_printf ("Praxisworkshop %s", topic->title);
    case F_OFFICE_HOURS:
      return rng_percent (rng, 30) ? g_strdup ("Digitalisierungssprechstunde")
                                   : g_strdup_printf ("Sprechstunde %s", topic->short_title);
    case F_ONLINE:
      return g_strdup_printf ("Online-Seminar: %s – %s", topic->title, sub);
    case F_NETWORKING:
      switch (rng_below (rng, 3))
        {
        case 0: return g_strdup ("Start-up meets Mittelstand");
        case 1: return g_strdup_printf ("Digitaler Stammtisch %s", hub->info->cities[0].name);
        default: return g_strdup_printf ("Netzwerktreffen %s", topic->short_title);
        }
    case F_TALK:
      return g_strdup_printf ("Vortrag: %s", topic->sessions[rng_below (rng, 4)]);
    case F_HACKATHON:
      if (g_str_equal (topic->short_title, "Digital Health"))
        return g_strdup ("Hackathon Smart & Digital Health");
      return g_strdup_printf ("%s Hackathon %d: %s", hub->info->short_name, y, topic->short_title);
    case F_CONFERENCE:
      return rng_percent (rng, 50) ? g_strdup_printf ("Digitalkonferenz %s %d", hub->info->short_name, y)
                                   : g_strdup_printf ("Fachkonferenz %s", topic->title);
    case F_COWORKING:
      return g_strdup (rng_percent (rng, 50) ? "Offener Coworking-Tag" : "Coworking & Coffee");
    case F_OTHER:
    default:
      switch (rng_below (rng, 3))
        {
        case 0: return g_strdup ("Tag der offenen Tür");
        case 1: return g_strdup_printf ("Coffeebreak: %s", topic->short_title);
        default: return g_strdup_printf ("Praxisabend: %s", topic->title);
        }
    }
}

static const HdDemoTopic *
topic_by_short_title (const HdDemoTables *t,
                      const char         *short_title,
                      const HdDemoTopic  *fallback)
{
  for (guint i = 0; i < t->n_topics; i++)
    if (g_str_equal (t->topics[i].short_title, short_title))
      return &t->topics[i];
  return fallback;
}

static const int format_room_kinds[N_FORMATS][3] = {
  [F_WORKSHOP]     = { RK_WORKSHOP, RK_MAKER, RK_MEETING },
  [F_OFFICE_HOURS] = { RK_MEETING, RK_OFFICE, -1 },
  [F_ONLINE]       = { -1, -1, -1 },
  [F_NETWORKING]   = { RK_HALL, RK_COWORKING, RK_WORKSHOP },
  [F_TALK]         = { RK_HALL, RK_WORKSHOP, -1 },
  [F_HACKATHON]    = { RK_MAKER, RK_WORKSHOP, RK_HALL },
  [F_CONFERENCE]   = { RK_HALL, -1, -1 },
  [F_COWORKING]    = { RK_COWORKING, -1, -1 },
  [F_OTHER]        = { RK_HALL, RK_WORKSHOP, RK_MEETING },
};

/* The hours of a format: start minute and length in minutes. */
static void
format_hours (Rng *rng,
              int  format,
              int *out_start,
              int *out_length)
{
  static const int online_starts[] = { 10 * 60, 11 * 60, 14 * 60, 16 * 60 };

  switch (format)
    {
    case F_WORKSHOP:
      if (rng_percent (rng, 50))
        { *out_start = 9 * 60; *out_length = 7 * 60; }
      else if (rng_percent (rng, 50))
        { *out_start = 13 * 60; *out_length = 4 * 60; }
      else
        { *out_start = 9 * 60; *out_length = 3 * 60 + 30; }
      break;
    case F_OFFICE_HOURS:
      *out_start = rng_percent (rng, 50) ? 10 * 60 : 14 * 60;
      *out_length = 120;
      break;
    case F_ONLINE:
      *out_start = online_starts[rng_below (rng, G_N_ELEMENTS (online_starts))];
      *out_length = rng_percent (rng, 60) ? 60 : 90;
      break;
    case F_NETWORKING:
      *out_start = rng_percent (rng, 50) ? 17 * 60 + 30 : 18 * 60;
      *out_length = 180;
      break;
    case F_TALK:
      *out_start = 18 * 60;
      *out_length = 90;
      break;
    case F_HACKATHON:
      *out_start = 10 * 60;
      *out_length = 31 * 60;
      break;
    case F_CONFERENCE:
      *out_start = 9 * 60;
      *out_length = rng_percent (rng, 40) ? 24 * 60 + 8 * 60 + 30 : 8 * 60 + 30;
      break;
    case F_COWORKING:
      *out_start = 9 * 60;
      *out_length = 8 * 60;
      break;
    case F_OTHER:
    default:
      *out_start = 14 * 60;
      *out_length = 180;
      break;
    }
}

static int
format_capacity (Rng *rng,
                 int  format)
{
  switch (format)
    {
    case F_WORKSHOP: return rng_range (rng, 4, 8) * 5;
    case F_OFFICE_HOURS: return rng_range (rng, 4, 8);
    case F_ONLINE: return rng_percent (rng, 20) ? 0 : rng_range (rng, 2, 10) * 50;
    case F_NETWORKING: return rng_percent (rng, 15) ? 0 : rng_range (rng, 4, 15) * 10;
    case F_TALK: return rng_range (rng, 3, 12) * 10;
    case F_HACKATHON: return rng_range (rng, 3, 8) * 10;
    case F_CONFERENCE: return rng_range (rng, 10, 40) * 10;
    case F_COWORKING: return rng_range (rng, 6, 12);
    case F_OTHER:
    default: return rng_range (rng, 2, 6) * 10;
    }
}

static void
make_event (Demo    *d,
            Rng     *rng,
            DemoHub *hub,
            int      format,
            int      day)
{
  const HdDemoTables *t = d->t;
  const HdDemoTopic *topic, *second;
  int start_min, length, capacity;
  DemoRoom *room = NULL, *second_room = NULL;
  int room_seats = 0;
  const char *status;
  const char *tags[3];
  guint n_tags = 0;
  gint64 start, end;
  DemoEvent ev = { { 0 } };
  g_autoptr(HdRecord) record = NULL;
  g_autofree char *location = NULL;
  g_autofree char *description = NULL;
  g_autofree char *url = NULL;
  g_autofree char *booking_title = NULL;
  int focus = hub->info->focus_topics[rng_below (rng, 3)];

  topic = &t->topics[focus >= 0 && rng_percent (rng, 50) ? (guint) focus : rng_below (rng, t->n_topics)];
  if (format == F_HACKATHON)
    {
      static const char * const hackable[] = {
        "KI", "Datenanalyse", "Industrie 4.0", "Digital Health", "Nachhaltigkeit", "IT-Sicherheit", NULL
      };

      /* the press release's Smart & Digital Health hackathon */
      if (strstr (hub->info->name, "Südbaden"))
        topic = topic_by_short_title (t, "Digital Health", topic);
      else if (!g_strv_contains (hackable, topic->short_title))
        topic = topic_by_short_title (t, rng_pick (rng, hackable, G_N_ELEMENTS (hackable) - 1), topic);
    }
  second = &t->topics[(topic - t->topics + 1 + rng_below (rng, t->n_topics - 1)) % t->n_topics];
  format_hours (rng, format, &start_min, &length);
  capacity = format_capacity (rng, format);

  /* A room of a fitting kind that is free an hour around the event. */
  for (guint k = 0; k < 3 && room == NULL; k++)
    {
      int kind = format_room_kinds[format][k];

      if (kind < 0)
        break;
      for (guint r = 0; r < hub->n_rooms && room == NULL; r++)
        {
          DemoRoom *candidate = &hub->rooms[r];
          int from = slot_of (d, day, start_min) - 1;
          int to = slot_of (d, day, start_min + length) + 1;

          if (candidate->kind != kind)
            continue;
          if (format == F_COWORKING)
            {
              int free_seats = candidate->capacity - grid_peak (d, candidate, from, to);

              if (free_seats >= 4)
                {
                  room = candidate;
                  capacity = MIN (capacity, free_seats);
                  room_seats = capacity;
                }
            }
          else if (candidate->capacity >= MIN (capacity, 12) && grid_fits (d, candidate, from, to, candidate->capacity))
            {
              room = candidate;
              room_seats = candidate->capacity;
              if (capacity > 0)
                capacity = MIN (capacity, candidate->capacity);
            }
        }
    }
  if (room == NULL && (format == F_OFFICE_HOURS || format == F_COWORKING))
    return;   /* no point without a room: the slot is simply not offered */

  if (format == F_CONFERENCE && room != NULL)
    for (guint r = 0; r < hub->n_rooms && second_room == NULL; r++)
      {
        DemoRoom *candidate = &hub->rooms[r];

        if (candidate != room && candidate->kind != RK_COWORKING && candidate->kind != RK_OFFICE &&
            candidate->capacity >= 12 &&
            grid_fits (d, candidate, slot_of (d, day, start_min), slot_of (d, day, start_min + length), candidate->capacity))
          second_room = candidate;
      }

  start = local_to_unix (day, start_min);
  end = local_to_unix (day, start_min + length);
  if (end <= d->now)
    status = rng_percent (rng, 5) ? "cancelled" : "published";
  else if (day > d->today + 30 && rng_percent (rng, 40))
    status = "draft";
  else
    status = rng_percent (rng, 4) ? "cancelled" : "published";

  record = new_serial_record (d, HD_ENTITY_EVENT, hub->id, ev.id);
  ev.title = event_title (d, rng, hub, format, topic, day);
  ev.format = format;
  ev.day = day;
  ev.start = start;
  ev.end = end;
  ev.past = end <= d->now;
  ev.published = g_str_equal (status, "published");

  put_str (record, "title", ev.title);
  put_str (record, "format", format_names[format]);
  put_str (record, "status", status);
  put_time (record, "starts_at", start);
  put_time (record, "ends_at", end);
  put_str (record, "room_id", room != NULL ? room->id : NULL);
  if (format == F_ONLINE)
    location = g_strdup ("Online");
  else if (room != NULL)
    location = g_strdup_printf ("%s, %s", room->name, hub->info->cities[0].name);
  else
    {
      const HdDemoCity *city = &hub->info->cities[rng_below (rng, HD_DEMO_N_CITIES)];

      location = g_strdup_printf ("%s %s", rng_pick (rng, t->external_venues, t->n_external_venues), city->name);
    }
  put_str (record, "location", location);
  if (format == F_ONLINE || (format == F_OFFICE_HOURS && rng_percent (rng, 30)))
    {
      g_autofree char *slug = make_slug (topic->short_title);

      url = g_strdup_printf ("https://meet.%s.digitalhub-bw.de/%s-%" G_GUINT64_FORMAT,
                             hub->slug, slug, d->serial[HD_ENTITY_EVENT]);
      put_str (record, "online_url", url);
    }
  else
    put_null (record, "online_url");
  if (capacity > 0)
    put_int (record, "capacity", capacity);
  else
    put_null (record, "capacity");
  description = g_strdup_printf ("%s Das Angebot richtet sich an kleine und mittlere Unternehmen, "
                                 "Start-ups und Hochschulen aus der Region %s. Die Teilnahme ist kostenfrei.",
                                 topic->description, hub->info->region);
  put_str (record, "description", description);
  if (hub->n_staff > 0)
    {
      char ref[ID_LEN];

      person_id (d, hub->person_lo + rng_below (rng, hub->n_staff), ref);
      put_str (record, "organizer_id", ref);
    }
  else
    put_null (record, "organizer_id");
  if (format == F_COWORKING)
    {
      tags[n_tags++] = "Coworking";
      tags[n_tags++] = "Community";
    }
  else if (g_str_equal (ev.title, "Digitalisierungssprechstunde"))
    tags[n_tags++] = "Sprechstunde";
  else
    for (guint i = 0; i < 3 && topic->tags[i] != NULL; i++)
      tags[n_tags++] = topic->tags[i];
  put_list (record, "tags", tags, n_tags);
  emit_later (d, g_steal_pointer (&record));

  /* The rooms are booked for the event, half an hour each side. */
  if (room != NULL)
    {
      BookingSpec spec = { hub, room, day, start_min - 30, start_min + length + 30,
                           format == F_COWORKING ? room_seats : 0,
                           g_str_equal (status, "cancelled") ? "cancelled" : g_str_equal (status, "draft") ? "tentative" : "confirmed",
                           ev.title, -1, -1, ev.id, NULL };

      if (!try_booking (d, rng, &spec, NULL))
        g_assert_not_reached ();
      if (second_room != NULL)
        {
          booking_title = g_strdup_printf ("%s (zweiter Raum)", ev.title);
          spec.room = second_room;
          spec.start_min = start_min;
          spec.end_min = start_min + length;
          spec.title = booking_title;
          if (!try_booking (d, rng, &spec, NULL))
            second_room = NULL;
        }
    }

  {
    Agenda agenda = { d, rng, hub, ev.id, start, end, room != NULL ? room->id : NULL,
                      second_room != NULL ? second_room->id : NULL,
                      hub->n_staff > 0 ? (int) hub->person_lo : -1 };

    make_agenda (&agenda, format, topic, second);
  }
  make_registrations (d, rng, hub, ev.id, start, end, capacity, status);
  g_array_append_val (hub->events, ev);
}

static void
make_events (Demo    *d,
             Rng     *rng,
             DemoHub *hub)
{
  /* Chance per week, in percent */
  static const guint weekly_chance[N_FORMATS] = {
    [F_WORKSHOP] = 50, [F_OFFICE_HOURS] = 100, [F_ONLINE] = 40, [F_NETWORKING] = 25,
    [F_TALK] = 25, [F_COWORKING] = 20, [F_OTHER] = 15,
  };
  int first_week = monday_of (d->season_start);
  int n_weeks = (d->season_end - first_week) / 7 + 1;
  int conference_week = rng_range (rng, 1, n_weeks - 2);
  int second_conference_week = g_str_equal (hub->info->kind, "thematic") ? (conference_week + n_weeks / 2) % n_weeks : -1;
  int hackathon_week = rng_percent (rng, 60) || strstr (hub->info->name, "Südbaden") ? rng_range (rng, 1, n_weeks - 2) : -1;

  for (int w = 0; w < n_weeks; w++)
    {
      int monday = first_week + 7 * w;

      for (int format = 0; format < N_FORMATS; format++)
        {
          int day;

          if (format == F_HACKATHON)
            {
              if (w != hackathon_week)
                continue;
              day = monday + 4;   /* Friday */
            }
          else if (format == F_CONFERENCE)
            {
              if (w != conference_week && w != second_conference_week)
                continue;
              day = monday + rng_range (rng, 1, 2);
            }
          else
            {
              if (!rng_percent (rng, weekly_chance[format]))
                continue;
              day = monday + (format == F_OFFICE_HOURS ? (rng_percent (rng, 50) ? 1 : 3) : rng_range (rng, 0, 4));
            }
          if (day < d->season_start || day > d->season_end)
            continue;
          make_event (d, rng, hub, format, day);
        }
    }
}

/* ------------------------------------------------------------------ */
/* interactions                                                        */

enum {
  IK_CONSULTATION, IK_OFFICE_HOURS, IK_FOLLOWUP, IK_COOPERATION, IK_PROJECT,
  IK_CALL, IK_EMAIL, IK_VISIT, IK_OTHER, N_INTERACTION_KINDS
};

static const char * const interaction_kind_names[] = {
  "consultation", "office_hours", "workshop_followup", "cooperation", "project",
  "call", "email", "visit", "other",
};

static const guint interaction_kind_weights[] = { 25, 12, 10, 6, 4, 15, 15, 8, 5 };

static const DemoEvent *
random_past_event (Rng     *rng,
                   DemoHub *hub,
                   int      format,
                   int      before_day)
{
  guint n = hub->events->len;

  for (guint tries = 0; tries < 24 && n > 0; tries++)
    {
      const DemoEvent *ev = &g_array_index (hub->events, DemoEvent, rng_below (rng, n));

      if (ev->past && ev->published && ev->day < before_day && (format < 0 || ev->format == format))
        return ev;
    }
  return NULL;
}

/* @day, or the Friday before if it falls on a weekend */
static int
working_day_before (int day)
{
  return weekday (day) < 5 ? day : day - (weekday (day) - 4);
}

/* @day, or the Monday after */
static int
working_day_after (int day)
{
  return weekday (day) < 5 ? day : day + (7 - weekday (day));
}

static void
make_interaction (Demo     *d,
                  Rng      *rng,
                  DemoHub  *hub,
                  GString  *scratch)
{
  const HdDemoTopic *topic;
  int kind = (int) rng_weighted (rng, interaction_kind_weights, N_INTERACTION_KINDS);
  int day = working_day_before (d->today - (int) rng_below (rng, 181));
  int person = random_contact (d, rng, hub);
  int org = person >= 0 ? d->person_org[person] : -1;
  int partner = -1;
  const DemoEvent *ev = NULL;
  const char *outcome = "none";
  int follow_up = -1;
  int focus = hub->info->focus_topics[rng_below (rng, 3)];
  char ref[ID_LEN];
  g_autoptr(HdRecord) record = NULL;

  topic = &d->t->topics[focus >= 0 && rng_percent (rng, 40) ? (guint) focus : rng_below (rng, d->t->n_topics)];
  if (org < 0 && rng_percent (rng, 50))
    org = random_org (rng, hub);

  if (kind == IK_FOLLOWUP || kind == IK_OFFICE_HOURS)
    {
      ev = random_past_event (rng, hub, kind == IK_FOLLOWUP ? F_WORKSHOP : F_OFFICE_HOURS, day + 1);
      if (ev == NULL)
        kind = IK_CONSULTATION;
      else if (kind == IK_FOLLOWUP)
        day = working_day_before (MIN (d->today, ev->day + rng_range (rng, 1, 14)));
      else
        day = ev->day;
    }
  if (kind == IK_COOPERATION)
    {
      partner = random_org_of_kind (d, rng, hub, rng_percent (rng, 60) ? OK_UNIVERSITY : OK_RESEARCH);
      if (partner == org)
        partner = -1;
      if (org < 0)
        org = random_org_of_kind (d, rng, hub, OK_SME);
    }

  switch (kind)
    {
    case IK_COOPERATION:
      outcome = rng_percent (rng, 80) ? "cooperation_initiated" : "follow_up";
      if (partner >= 0)
        g_string_printf (scratch, "Kooperation zwischen %s und %s zum Thema %s angebahnt; "
                         "ein gemeinsamer Termin zur Projektskizze ist vereinbart.",
                         org >= 0 ? d->org_name[org] : "dem Unternehmen", d->org_name[partner], topic->title);
      else
        g_string_printf (scratch, "Kooperation zum Thema %s besprochen; Partner werden noch gesucht.", topic->title);
      break;
    case IK_PROJECT:
      outcome = rng_percent (rng, 85) ? "project_started" : "follow_up";
      g_string_printf (scratch, "Digitalisierungsprojekt „%s“ gestartet. Projektplan und "
                       "Meilensteine abgestimmt, Förderantrag wird vorbereitet.", topic->title);
      break;
    case IK_FOLLOWUP:
      outcome = rng_percent (rng, 50) ? "follow_up" : (rng_percent (rng, 30) ? "referred" : "none");
      g_string_printf (scratch, "Nachgespräch zum Workshop „%s“: Interesse an einer Vertiefung im eigenen Betrieb.",
                       ev->title);
      break;
    case IK_OFFICE_HOURS:
      outcome = rng_percent (rng, 40) ? "follow_up" : (rng_percent (rng, 30) ? "referred" : "none");
      g_string_printf (scratch, "Gespräch in der Sprechstunde zu %s; Hinweise auf passende Förderprogramme gegeben.",
                       topic->title);
      break;
    case IK_CONSULTATION:
      {
        guint roll = rng_below (rng, 100);

        outcome = roll < 40 ? "follow_up" : roll < 55 ? "referred" : roll < 60 ? "cooperation_initiated"
                : roll < 64 ? "project_started" : "none";
        switch (rng_below (rng, 4))
          {
          case 0:
            g_string_printf (scratch, "Erstberatung zum Thema %s. Ausgangslage im Unternehmen aufgenommen, "
                             "nächste Schritte vereinbart.", topic->title);
            break;
          case 1:
            g_string_printf (scratch, "Digitalisierungsberatung: Prozesse in Vertrieb und Verwaltung "
                             "durchgesprochen, Schwerpunkt %s.", topic->title);
            break;
          case 2:
            g_string_printf (scratch, "Beratung zu %s. Das Unternehmen möchte klein anfangen; "
                             "wir haben zwei Pilotideen skizziert.", topic->title);
            break;
          default:
            g_string_printf (scratch, "Folgeberatung zu %s: Angebote von Dienstleistern verglichen "
                             "und Fördermöglichkeiten geprüft.", topic->title);
            break;
          }
      }
      break;
    case IK_VISIT:
      outcome = rng_percent (rng, 40) ? "follow_up" : (rng_percent (rng, 15) ? "cooperation_initiated" : "none");
      g_string_printf (scratch, "Besuch vor Ort: Rundgang durch Fertigung und Verwaltung, "
                       "Einsatzmöglichkeiten für %s besprochen.", topic->title);
      break;
    case IK_CALL:
      outcome = rng_percent (rng, 30) ? "follow_up" : "none";
      if (rng_percent (rng, 50))
        g_string_printf (scratch, "Telefonat zu %s; Unterlagen werden per E-Mail nachgereicht.", topic->title);
      else
        g_string_printf (scratch, "Rückruf: Fragen zu %s und zur Anmeldung für die nächste Veranstaltung geklärt.",
                         topic->title);
      break;
    case IK_EMAIL:
      outcome = rng_percent (rng, 30) ? "follow_up" : "none";
      if (rng_percent (rng, 50))
        g_string_printf (scratch, "Anfrage per E-Mail zu %s beantwortet.", topic->title);
      else
        g_string_printf (scratch, "Unterlagen und Ansprechpersonen zu %s per E-Mail geschickt.", topic->title);
      break;
    default:
      outcome = "none";
      g_string_printf (scratch, "Austausch zu %s am Rande einer Veranstaltung.", topic->title);
      break;
    }

  if (g_str_equal (outcome, "follow_up"))
    {
      int monday = monday_of (d->today);

      /* Recent ones are often due this week, as on any Monday. */
      if (day >= d->today - 21 && rng_percent (rng, 50))
        follow_up = MAX (day + 1, monday + rng_range (rng, 0, 4));
      else
        follow_up = day + rng_range (rng, 3, 28);
      follow_up = working_day_after (follow_up);
    }

  record = new_serial_record (d, HD_ENTITY_INTERACTION, hub->id, NULL);
  put_str (record, "kind", interaction_kind_names[kind]);
  put_date (record, "occurred_on", day);
  if (org >= 0)
    {
      org_id (d, (guint) org, ref);
      put_str (record, "organization_id", ref);
    }
  else
    put_null (record, "organization_id");
  if (person >= 0 && (org < 0 || d->person_org[person] == org))
    {
      person_id (d, (guint) person, ref);
      put_str (record, "person_id", ref);
    }
  else
    put_null (record, "person_id");
  put_str (record, "event_id", ev != NULL ? ev->id : NULL);
  if (partner >= 0)
    {
      org_id (d, (guint) partner, ref);
      put_str (record, "partner_organization_id", ref);
    }
  else
    put_null (record, "partner_organization_id");
  put_str (record, "topic", topic->title);
  put_str (record, "summary", scratch->str);
  put_str (record, "outcome", outcome);
  if (follow_up >= 0)
    put_date (record, "follow_up_on", follow_up);
  else
    put_null (record, "follow_up_on");
  emit (d, g_steal_pointer (&record));
}

static void
make_interactions (Demo *d)
{
  g_autoptr(GString) scratch = g_string_new (NULL);
  guint total = d->n_people * 3 / 5;

  for (guint h = 0; h < d->n_hubs; h++)
    {
      DemoHub *hub = &d->hubs[h];
      guint lo = d->n_people > 0 ? (guint) ((guint64) total * hub->person_lo / d->n_people) : 0;
      guint hi = d->n_people > 0 ? (guint) ((guint64) total * hub->person_hi / d->n_people) : 0;
      Rng rng;

      if (hub->person_hi <= hub->person_lo)
        continue;
      rng_init (&rng, d->seed, STREAM_INTERACTIONS * 64 + h);
      for (guint i = lo; i < hi && d->error == NULL; i++)
        make_interaction (d, &rng, hub, scratch);
    }
}

/* ------------------------------------------------------------------ */
/* the whole run                                                       */

/* The figures each hub enters by hand for the months of the season up to
 * this one: followers growing slowly from some hundreds to a good thousand
 * a hub (about 14,400 for the 13, as the press release says), and a few
 * appearances at other people's events a month. */
static void
make_hub_figures (Demo *d)
{
  int first_y, first_m, last_y, last_m, day;

  civil_from_days (d->season_start, &first_y, &first_m, &day);
  civil_from_days (d->today, &last_y, &last_m, &day);

  for (guint h = 0; h < d->n_hubs; h++)
    {
      DemoHub *hub = &d->hubs[h];
      Rng rng;
      gint64 followers;

      rng_init (&rng, d->seed, STREAM_FIGURES * 64 + h);
      followers = rng_range (&rng, 500, 1500);
      for (int y = first_y, m = first_m; y < last_y || (y == last_y && m <= last_m); )
        {
          g_autofree char *month = g_strdup_printf ("%04d-%02d", y, m);
          g_autofree char *id = hd_hub_figure_id (hub->id, month);
          g_autoptr(HdRecord) record = hd_record_new (HD_ENTITY_HUB_FIGURE, hub->id);

          followers += followers * rng_range (&rng, 0, 4) / 100;
          hd_record_set_id (record, id);
          put_str (record, "month", month);
          put_int (record, "social_followers", followers);
          put_int (record, "third_party_appearances", rng_range (&rng, 0, 4));
          emit (d, g_steal_pointer (&record));

          if (++m > 12)
            {
              m = 1;
              y++;
            }
        }
    }
}

static gboolean
today_from_text (const char  *text,
                 int         *out_day,
                 GError     **error)
{
  if (text == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      *out_day = days_from_civil (g_date_time_get_year (now), g_date_time_get_month (now),
                                  g_date_time_get_day_of_month (now));
      return TRUE;
    }
  if (!parse_date (text, out_day))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a date of the form YYYY-MM-DD."), text);
      return FALSE;
    }
  return TRUE;
}

gboolean
hd_demo_generate (guint            n_people,
                  guint32          seed,
                  const char      *today,
                  HdDemoSinkFunc   sink,
                  gpointer         user_data,
                  HdDemoSummary   *out_summary,
                  GError         **error)
{
  Demo d = { 0 };
  gboolean ok = FALSE;
  guint cum = 0;

  g_return_val_if_fail (sink != NULL, FALSE);

  if (!today_from_text (today, &d.today, error))
    return FALSE;

  d.seed = seed;
  d.n_people = n_people;
  d.n_orgs = n_people / 2;
  d.t = hd_demo_tables ();
  d.season_start = d.today - SEASON_DAYS;
  d.season_end = d.today + SEASON_DAYS;
  d.grid_start = monday_of (d.season_start) - 7;
  d.grid_days = d.season_end + 35 - d.grid_start;
  d.now = local_to_unix (d.today, 12 * 60);
  d.sink = sink;
  d.sink_data = user_data;
  d.pending = new_batch ();

  d.n_hubs = d.t->n_hubs;
  d.hubs = g_new0 (DemoHub, d.n_hubs);
  d.org_kind = g_new0 (guint8, MAX (d.n_orgs, 1));
  d.org_name = g_new0 (char *, MAX (d.n_orgs, 1));
  d.org_domain = g_new0 (char *, MAX (d.n_orgs, 1));
  d.person_org = g_new (gint32, MAX (n_people, 1));
  d.perm = g_new (guint, MAX (n_people, 1));
  for (guint i = 0; i < n_people; i++)
    d.perm[i] = i;

  /* Organizations and people are shared out by the hubs' weights. */
  for (guint h = 0; h < d.n_hubs; h++)
    {
      DemoHub *hub = &d.hubs[h];
      guint next = cum + d.t->hubs[h].weight;

      hub->info = &d.t->hubs[h];
      hub->index = h;
      hub->slug = make_slug (hub->info->short_name);
      hub->events = g_array_new (FALSE, TRUE, sizeof (DemoEvent));
      hub->org_lo = (guint) ((guint64) d.n_orgs * cum / 100);
      hub->org_hi = h == d.n_hubs - 1 ? d.n_orgs : (guint) ((guint64) d.n_orgs * next / 100);
      hub->person_lo = (guint) ((guint64) n_people * cum / 100);
      hub->person_hi = h == d.n_hubs - 1 ? n_people : (guint) ((guint64) n_people * next / 100);
      cum = next;
    }

  make_hubs_and_rooms (&d);
  make_organizations (&d);
  make_people (&d);
  for (guint h = 0; h < d.n_hubs && d.error == NULL; h++)
    {
      DemoHub *hub = &d.hubs[h];
      Rng rng;

      rng_init (&rng, d.seed, STREAM_PLAN * 64 + h);
      make_recurring_bookings (&d, &rng, hub);
      make_events (&d, &rng, hub);
      make_single_bookings (&d, &rng, hub);
    }
  release_later (&d, HD_ENTITY_EVENT);
  release_later (&d, HD_ENTITY_SESSION);
  release_later (&d, HD_ENTITY_REGISTRATION);
  release_later (&d, HD_ENTITY_BOOKING);
  make_interactions (&d);
  make_hub_figures (&d);
  flush (&d);

  if (d.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&d.error));
      goto out;
    }
  if (out_summary != NULL)
    memcpy (out_summary->counts, d.counts, sizeof d.counts);
  ok = TRUE;

out:
  demo_free (&d);
  return ok;
}

static gboolean
insert_batch (GPtrArray  *records,
              gpointer    user_data,
              GError    **error)
{
  return hd_store_insert_many (HD_STORE (user_data), records, error);
}

gboolean
hd_demo_fill_full (HdStore        *store,
                   guint           n_people,
                   guint32         seed,
                   const char     *today,
                   HdDemoSummary  *out_summary,
                   GError        **error)
{
  HdQuery query = { .entity = HD_ENTITY_HUB, .include_archived = TRUE, .include_deleted = TRUE };
  GError *local_error = NULL;
  gint64 n_hubs;
  int day;
  gboolean ok;

  g_return_val_if_fail (HD_IS_STORE (store), FALSE);

  if (!today_from_text (today, &day, error))
    return FALSE;
  n_hubs = hd_store_count (store, &query, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (n_hubs > 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                           _("This profile already holds data. Demo data can only be added to an empty profile."));
      return FALSE;
    }

  /* The search index is built once, in bulk, after the last batch: far
   * faster than row by row, and the store rebuilds it at the next open
   * should the fill be interrupted. */
  if (!hd_store_set_search_deferred (store, TRUE, error))
    return FALSE;
  ok = hd_demo_generate (n_people, seed, today, insert_batch, store, out_summary, error);
  if (!hd_store_set_search_deferred (store, FALSE, ok ? error : NULL))
    return FALSE;
  return ok;
}

gboolean
hd_demo_fill (HdStore     *store,
              guint        n_people,
              guint32      seed,
              const char  *today,
              GError     **error)
{
  return hd_demo_fill_full (store, n_people, seed, today, NULL, error);
}
