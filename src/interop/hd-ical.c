/* hd-ical.c — events, agendas and room bookings as iCalendar (RFC 5545)
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libical/ical.h>

#include "hd-ical.h"

#define DEFAULT_TZID "Europe/Berlin"
#define UID_SUFFIX "@hubdesk"

G_DEFINE_QUARK (hd-ical-error-quark, hd_ical_error)

/* The rules in force in Central Europe since 1996, as Thunderbird and
 * Evolution write them: far shorter than the whole history libical would
 * generate from the zone file, and read the same way everywhere. */
static const char berlin_vtimezone[] =
  "BEGIN:VTIMEZONE\r\n"
  "TZID:Europe/Berlin\r\n"
  "X-LIC-LOCATION:Europe/Berlin\r\n"
  "BEGIN:DAYLIGHT\r\n"
  "TZNAME:CEST\r\n"
  "TZOFFSETFROM:+0100\r\n"
  "TZOFFSETTO:+0200\r\n"
  "DTSTART:19700329T020000\r\n"
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
  "END:DAYLIGHT\r\n"
  "BEGIN:STANDARD\r\n"
  "TZNAME:CET\r\n"
  "TZOFFSETFROM:+0200\r\n"
  "TZOFFSETTO:+0100\r\n"
  "DTSTART:19701025T030000\r\n"
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
  "END:STANDARD\r\n"
  "END:VTIMEZONE\r\n";

/* ---- shared ---- */

/* A zone libical knows by a TZID such as "Europe/Berlin" or one with a
 * prefix, "/freeassociation.sourceforge.net/Europe/Berlin". */
static icaltimezone *
builtin_zone (const char *tzid)
{
  for (const char *p = tzid; p != NULL && *p != '\0'; p = strchr (p + 1, '/'))
    {
      icaltimezone *zone = icaltimezone_get_builtin_timezone (*p == '/' ? p + 1 : p);

      if (zone != NULL)
        return zone;
    }
  return NULL;
}

static char *
hub_tzid (HdStore    *store,
          GHashTable *cache,
          const char *hub_id)
{
  const char *known;
  g_autoptr(HdRecord) hub = NULL;
  const char *tzid = NULL;

  if (hub_id == NULL)
    return g_strdup (DEFAULT_TZID);

  known = g_hash_table_lookup (cache, hub_id);
  if (known != NULL)
    return g_strdup (known);

  hub = hd_store_get (store, HD_ENTITY_HUB, hub_id, NULL);
  if (hub != NULL)
    tzid = hd_record_get_string (hub, "timezone");
  if (tzid == NULL || *tzid == '\0')
    tzid = DEFAULT_TZID;

  g_hash_table_insert (cache, g_strdup (hub_id), g_strdup (tzid));
  return g_strdup (tzid);
}

static GTimeZone *
zone_for (GHashTable *zones,
          const char *tzid)
{
  GTimeZone *tz = g_hash_table_lookup (zones, tzid);

  if (tz == NULL)
    {
      tz = g_time_zone_new_identifier (tzid);
      if (tz == NULL)
        tz = g_time_zone_new_identifier (DEFAULT_TZID);
      if (tz == NULL)
        tz = g_time_zone_new_utc ();
      g_hash_table_insert (zones, g_strdup (tzid), tz);
    }

  return tz;
}

static char *
uid_for_id (const char *id)
{
  return g_strconcat (id, UID_SUFFIX, NULL);
}

static char *
join_location (HdRecord *room,
               const char *location)
{
  const char *room_name = room != NULL ? hd_record_get_string (room, "name") : NULL;

  if (room_name != NULL && location != NULL && *location != '\0')
    return strstr (location, room_name) != NULL ? g_strdup (location)
                                                : g_strdup_printf ("%s, %s", room_name, location);
  if (room_name != NULL)
    return g_strdup (room_name);
  if (location != NULL && *location != '\0')
    return g_strdup (location);
  return NULL;
}

/* ---- export ---- */

typedef struct {
  HdStore       *store;
  GPtrArray     *items;      /* icalcomponent * */
  GPtrArray     *tzids;      /* char *, in order of first use */
  GHashTable    *hub_zones;  /* hub id → tzid */
  GHashTable    *zones;      /* tzid → GTimeZone */
  GHashTable    *rooms;      /* room id → HdRecord (or a missing room: no entry) */
  char          *stamp;      /* RFC 3339 of this export */
} Export;

static void
ical_component_free (gpointer data)
{
  icalcomponent_free (data);
}

static void
export_init (Export  *ex,
             HdStore *store)
{
  ex->store = store;
  ex->items = g_ptr_array_new_with_free_func (ical_component_free);
  ex->tzids = g_ptr_array_new_with_free_func (g_free);
  ex->hub_zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ex->zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_time_zone_unref);
  ex->rooms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) hd_record_unref);
  ex->stamp = hd_timestamp_now ();
}

static void
export_clear (Export *ex)
{
  g_clear_pointer (&ex->items, g_ptr_array_unref);
  g_clear_pointer (&ex->tzids, g_ptr_array_unref);
  g_clear_pointer (&ex->hub_zones, g_hash_table_unref);
  g_clear_pointer (&ex->zones, g_hash_table_unref);
  g_clear_pointer (&ex->rooms, g_hash_table_unref);
  g_clear_pointer (&ex->stamp, g_free);
}

static HdRecord *
export_room (Export     *ex,
             const char *room_id)
{
  HdRecord *room;

  if (room_id == NULL)
    return NULL;

  room = g_hash_table_lookup (ex->rooms, room_id);
  if (room == NULL)
    {
      room = hd_store_get (ex->store, HD_ENTITY_ROOM, room_id, NULL);
      if (room == NULL)
        return NULL;
      g_hash_table_insert (ex->rooms, g_strdup (room_id), room);
    }

  return room;
}

static void
export_use_tzid (Export     *ex,
                 const char *tzid)
{
  for (guint i = 0; i < ex->tzids->len; i++)
    if (g_str_equal (g_ptr_array_index (ex->tzids, i), tzid))
      return;
  g_ptr_array_add (ex->tzids, g_strdup (tzid));
}

static gboolean
add_time (Export        *ex,
          icalcomponent *component,
          icalproperty_kind kind,
          const char    *tzid,
          const char    *timestamp,
          GError       **error)
{
  gint64 unix_time;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  struct icaltimetype t = icaltime_null_time ();
  icalproperty *prop;

  if (timestamp == NULL || !hd_timestamp_parse (timestamp, &unix_time)
      || (utc = g_date_time_new_from_unix_utc (unix_time)) == NULL)
    {
      g_set_error (error, HD_ICAL_ERROR, HD_ICAL_ERROR_INVALID,
                   _("The time “%s” cannot be written to a calendar."),
                   timestamp != NULL ? timestamp : "");
      return FALSE;
    }

  local = g_date_time_to_timezone (utc, zone_for (ex->zones, tzid));
  t.year = g_date_time_get_year (local);
  t.month = g_date_time_get_month (local);
  t.day = g_date_time_get_day_of_month (local);
  t.hour = g_date_time_get_hour (local);
  t.minute = g_date_time_get_minute (local);
  t.second = g_date_time_get_second (local);
  t.is_date = 0;

  switch (kind)
    {
    case ICAL_DTSTART_PROPERTY:
      prop = icalproperty_new_dtstart (t);
      break;
    case ICAL_EXDATE_PROPERTY:
      prop = icalproperty_new_exdate (t);
      break;
    case ICAL_RECURRENCEID_PROPERTY:
      prop = icalproperty_new_recurrenceid (t);
      break;
    case ICAL_DTEND_PROPERTY:
    default:
      prop = icalproperty_new_dtend (t);
      break;
    }
  icalproperty_add_parameter (prop, icalparameter_new_tzid (tzid));
  icalcomponent_add_property (component, prop);
  export_use_tzid (ex, tzid);

  return TRUE;
}

/* DTSTART and DTEND from @record's "starts_at" and "ends_at" */
static gboolean
add_span (Export        *ex,
          icalcomponent *component,
          const char    *tzid,
          HdRecord      *record,
          GError       **error)
{
  return add_time (ex, component, ICAL_DTSTART_PROPERTY, tzid, hd_record_get_string (record, "starts_at"), error)
         && add_time (ex, component, ICAL_DTEND_PROPERTY, tzid, hd_record_get_string (record, "ends_at"), error);
}

static void
add_x (icalcomponent *component,
       const char    *name,
       const char    *value)
{
  icalproperty *prop = icalproperty_new_x (value);

  icalproperty_set_x_name (prop, name);
  icalcomponent_add_property (component, prop);
}

static icalcomponent *
new_vevent (Export     *ex,
            const char *id)
{
  icalcomponent *vevent = icalcomponent_new_vevent ();
  g_autofree char *uid = uid_for_id (id);
  gint64 stamp = 0;

  hd_timestamp_parse (ex->stamp, &stamp);
  icalcomponent_add_property (vevent, icalproperty_new_uid (uid));
  icalcomponent_add_property (vevent,
                              icalproperty_new_dtstamp (icaltime_from_timet_with_zone ((time_t) stamp, 0,
                                                                                       icaltimezone_get_utc_timezone ())));
  return vevent;
}

static icalproperty_status
event_status (HdRecord *event)
{
  const char *status = hd_record_get_string (event, "status");

  if (g_strcmp0 (status, "cancelled") == 0)
    return ICAL_STATUS_CANCELLED;
  if (g_strcmp0 (status, "published") == 0)
    return ICAL_STATUS_CONFIRMED;
  return ICAL_STATUS_TENTATIVE;
}

static gboolean
add_session (Export     *ex,
             HdRecord   *event,
             HdRecord   *session,
             const char *tzid,
             GError    **error)
{
  icalcomponent *vevent = new_vevent (ex, hd_record_get_id (session));
  g_autofree char *parent_uid = uid_for_id (hd_record_get_id (event));
  g_autofree char *location = join_location (export_room (ex, hd_record_get_string (session, "room_id")), NULL);
  const char *notes = hd_record_get_string (session, "notes");

  icalcomponent_add_property (vevent, icalproperty_new_summary (hd_record_get_string (session, "title")));
  if (!add_span (ex, vevent, tzid, session, error))
    {
      icalcomponent_free (vevent);
      return FALSE;
    }
  if (location != NULL)
    icalcomponent_add_property (vevent, icalproperty_new_location (location));
  if (notes != NULL && *notes != '\0')
    icalcomponent_add_property (vevent, icalproperty_new_description (notes));
  icalcomponent_add_property (vevent, icalproperty_new_status (event_status (event)));
  icalcomponent_add_property (vevent, icalproperty_new_relatedto (parent_uid));
  add_x (vevent, "X-HUBDESK-ENTITY", "session");

  g_ptr_array_add (ex->items, vevent);
  return TRUE;
}

static int
compare_by_start (gconstpointer a,
                  gconstpointer b)
{
  HdRecord *ra = *(HdRecord **) a;
  HdRecord *rb = *(HdRecord **) b;
  int c = g_strcmp0 (hd_record_get_string (ra, "starts_at"), hd_record_get_string (rb, "starts_at"));

  return c != 0 ? c : g_strcmp0 (hd_record_get_id (ra), hd_record_get_id (rb));
}

static gboolean
add_event (Export   *ex,
           HdRecord *event,
           GError  **error)
{
  HdQuery query = { .entity = HD_ENTITY_SESSION, .ref_field = "event_id",
                    .ref_id = hd_record_get_id (event) };
  g_autoptr(GPtrArray) sessions = NULL;
  g_autofree char *tzid = hub_tzid (ex->store, ex->hub_zones, hd_record_get_hub_id (event));
  g_autofree char *location = join_location (export_room (ex, hd_record_get_string (event, "room_id")),
                                             hd_record_get_string (event, "location"));
  icalcomponent *vevent = new_vevent (ex, hd_record_get_id (event));
  const char *description = hd_record_get_string (event, "description");
  const char *url = hd_record_get_string (event, "online_url");
  const char *format = hd_record_get_string (event, "format");
  const char **tags = hd_record_get_strv (event, "tags");

  icalcomponent_add_property (vevent, icalproperty_new_summary (hd_record_get_string (event, "title")));
  if (!add_span (ex, vevent, tzid, event, error))
    {
      icalcomponent_free (vevent);
      return FALSE;
    }
  if (location != NULL)
    icalcomponent_add_property (vevent, icalproperty_new_location (location));
  if (description != NULL && *description != '\0')
    icalcomponent_add_property (vevent, icalproperty_new_description (description));
  if (url != NULL)
    icalcomponent_add_property (vevent, icalproperty_new_url (url));
  icalcomponent_add_property (vevent, icalproperty_new_status (event_status (event)));
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    icalcomponent_add_property (vevent, icalproperty_new_categories (tags[i]));
  if (format != NULL)
    add_x (vevent, "X-HUBDESK-FORMAT", format);
  g_ptr_array_add (ex->items, vevent);

  sessions = hd_store_query (ex->store, &query, error);
  if (sessions == NULL)
    return FALSE;
  g_ptr_array_sort (sessions, compare_by_start);
  for (guint i = 0; i < sessions->len; i++)
    if (!add_session (ex, event, g_ptr_array_index (sessions, i), tzid, error))
      return FALSE;

  return TRUE;
}

static char *
export_finish (Export     *ex,
               const char *name)
{
  icalcomponent *calendar = icalcomponent_new_vcalendar ();
  g_autofree char *prodid = g_strdup_printf ("-//Hubdesk//Hubdesk %s//EN", PACKAGE_VERSION);
  char *text;
  char *result;

  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (calendar, icalproperty_new_prodid (prodid));
  icalcomponent_add_property (calendar, icalproperty_new_calscale ("GREGORIAN"));
  if (name != NULL)
    add_x (calendar, "X-WR-CALNAME", name);
  if (ex->tzids->len > 0)
    add_x (calendar, "X-WR-TIMEZONE", g_ptr_array_index (ex->tzids, 0));

  for (guint i = 0; i < ex->tzids->len; i++)
    {
      const char *tzid = g_ptr_array_index (ex->tzids, i);
      icalcomponent *vtimezone = NULL;

      if (g_str_equal (tzid, DEFAULT_TZID))
        vtimezone = icalcomponent_new_from_string (berlin_vtimezone);
      else
        {
          icaltimezone *builtin = icaltimezone_get_builtin_timezone (tzid);
          icalcomponent *component = builtin != NULL ? icaltimezone_get_component (builtin) : NULL;

          if (component != NULL)
            {
              icalproperty *prop;

              vtimezone = icalcomponent_new_clone (component);
              prop = icalcomponent_get_first_property (vtimezone, ICAL_TZID_PROPERTY);
              if (prop != NULL)
                icalproperty_set_tzid (prop, tzid);
            }
        }
      if (vtimezone != NULL)
        icalcomponent_add_component (calendar, vtimezone);
    }

  for (guint i = 0; i < ex->items->len; i++)
    icalcomponent_add_component (calendar, g_ptr_array_steal_index (ex->items, i--));

  text = icalcomponent_as_ical_string_r (calendar);
  result = g_strdup (text);
  free (text);
  icalcomponent_free (calendar);

  return result;
}

char *
hd_ical_export_events (HdStore     *store,
                       const char  *hub_id,
                       const char  *from,
                       const char  *until,
                       GError     **error)
{
  HdQuery query = { .entity = HD_ENTITY_EVENT, .hub_id = hub_id, .from = from, .until = until };

  return hd_ical_export_query (store, &query, error);
}

char *
hd_ical_export_query (HdStore       *store,
                      const HdQuery *query,
                      GError       **error)
{
  HdQuery all = *query;
  g_autoptr(GPtrArray) events = NULL;
  Export ex = { 0 };
  char *result = NULL;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (query->entity == HD_ENTITY_EVENT, NULL);

  all.offset = 0;
  all.limit = 0;
  events = hd_store_query (store, &all, error);
  if (events == NULL)
    return NULL;
  g_ptr_array_sort (events, compare_by_start);

  export_init (&ex, store);
  for (guint i = 0; i < events->len; i++)
    if (!add_event (&ex, g_ptr_array_index (events, i), error))
      goto out;

  result = export_finish (&ex, _("Hubdesk events"));

out:
  export_clear (&ex);
  return result;
}

char *
hd_ical_export_event (HdStore     *store,
                      const char  *event_id,
                      GError     **error)
{
  g_autoptr(HdRecord) event = NULL;
  Export ex = { 0 };
  char *result = NULL;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);

  event = hd_store_get (store, HD_ENTITY_EVENT, event_id, NULL);
  if (event == NULL || hd_record_get_deleted (event))
    {
      g_set_error (error, HD_ICAL_ERROR, HD_ICAL_ERROR_NOT_FOUND,
                   _("There is no event with the id “%s”."), event_id);
      return NULL;
    }

  export_init (&ex, store);
  if (add_event (&ex, event, error))
    result = export_finish (&ex, hd_record_get_string (event, "title"));
  export_clear (&ex);

  return result;
}

static icalproperty_status
booking_status (HdRecord *booking)
{
  const char *status = hd_record_get_string (booking, "status");

  if (g_strcmp0 (status, "cancelled") == 0)
    return ICAL_STATUS_CANCELLED;
  if (g_strcmp0 (status, "tentative") == 0)
    return ICAL_STATUS_TENTATIVE;
  return ICAL_STATUS_CONFIRMED;
}

/* Whether a date moved out of a series (its start, UTC) is in @moved,
 * the "series id|start" keys of the feed's moved dates. */
static gboolean
is_moved (GHashTable *moved,
          const char *series_id,
          gint64      start)
{
  g_autofree char *key = g_strdup_printf ("%s|%lld", series_id, (long long) start);

  return g_hash_table_contains (moved, key);
}

/* A booking that replaces one date of a series in the same feed is
 * written as that date's override: the series' UID and a RECURRENCE-ID
 * (RFC 5545 §3.8.4.4); the series leaves the date out of its EXDATEs,
 * so that readers put the override in its place. A series' other
 * cancelled dates become EXDATEs. */
static gboolean
add_booking (Export     *ex,
             HdRecord   *room,
             HdRecord   *booking,
             const char *tzid,
             GHashTable *moved,
             GError    **error)
{
  const char *series_id = hd_record_get_string (booking, "series_id");
  const char *recurrence_id = hd_record_get_string (booking, "recurrence_id");
  gint64 replaced = 0;
  gboolean override = series_id != NULL && recurrence_id != NULL &&
                      hd_timestamp_parse (recurrence_id, &replaced) &&
                      is_moved (moved, series_id, replaced);
  icalcomponent *vevent = new_vevent (ex, override ? series_id : hd_record_get_id (booking));
  const char *title = hd_record_get_string (booking, "title");
  const char *event_id = hd_record_get_string (booking, "event_id");
  const char *rule = hd_record_get_string (booking, "recurrence");
  const char *notes = hd_record_get_string (booking, "notes");
  const char **exdates = hd_record_get_strv (booking, "exdates");
  g_autoptr(HdRecord) event = NULL;

  if ((title == NULL || *title == '\0') && event_id != NULL)
    {
      event = hd_store_get (ex->store, HD_ENTITY_EVENT, event_id, NULL);
      if (event != NULL)
        title = hd_record_get_string (event, "title");
    }
  if (title == NULL || *title == '\0')
    title = _("Booked");

  icalcomponent_add_property (vevent, icalproperty_new_summary (title));
  if (!add_span (ex, vevent, tzid, booking, error))
    {
      icalcomponent_free (vevent);
      return FALSE;
    }
  if (rule != NULL && *rule != '\0')
    {
      g_autofree char *line = g_strconcat ("RRULE:", rule, NULL);
      icalproperty *prop = icalproperty_new_from_string (line);

      if (prop == NULL)
        {
          icalcomponent_free (vevent);
          g_set_error (error, HD_ICAL_ERROR, HD_ICAL_ERROR_INVALID,
                       _("The repeat rule “%s” of the booking “%s” cannot be written to a calendar."),
                       rule, title);
          return FALSE;
        }
      icalcomponent_add_property (vevent, prop);

      if (exdates != NULL)
        for (guint i = 0; exdates[i] != NULL; i++)
          {
            gint64 at = 0;

            if (hd_timestamp_parse (exdates[i], &at) &&
                is_moved (moved, hd_record_get_id (booking), at))
              continue;   /* its override stands in its place */
            if (!add_time (ex, vevent, ICAL_EXDATE_PROPERTY, tzid, exdates[i], error))
              {
                icalcomponent_free (vevent);
                return FALSE;
              }
          }
    }
  if (override && !add_time (ex, vevent, ICAL_RECURRENCEID_PROPERTY, tzid, recurrence_id, error))
    {
      icalcomponent_free (vevent);
      return FALSE;
    }
  icalcomponent_add_property (vevent, icalproperty_new_location (hd_record_get_string (room, "name")));
  if (notes != NULL && *notes != '\0')
    icalcomponent_add_property (vevent, icalproperty_new_description (notes));
  icalcomponent_add_property (vevent, icalproperty_new_status (booking_status (booking)));

  g_ptr_array_add (ex->items, vevent);
  return TRUE;
}

char *
hd_ical_export_room_bookings (HdStore     *store,
                              const char  *room_id,
                              GError     **error)
{
  g_autoptr(HdRecord) room = NULL;
  g_autoptr(GPtrArray) bookings = NULL;
  g_autofree char *tzid = NULL;
  HdQuery query = { .entity = HD_ENTITY_BOOKING, .ref_field = "room_id", .ref_id = room_id };
  g_autoptr(GHashTable) moved = NULL;
  g_autoptr(GHashTable) series = NULL;
  Export ex = { 0 };
  char *result = NULL;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);

  room = hd_store_get (store, HD_ENTITY_ROOM, room_id, NULL);
  if (room == NULL || hd_record_get_deleted (room))
    {
      g_set_error (error, HD_ICAL_ERROR, HD_ICAL_ERROR_NOT_FOUND,
                   _("There is no room with the id “%s”."), room_id);
      return NULL;
    }

  bookings = hd_store_query (store, &query, error);
  if (bookings == NULL)
    return NULL;
  g_ptr_array_sort (bookings, compare_by_start);

  export_init (&ex, store);
  tzid = hub_tzid (store, ex.hub_zones, hd_record_get_hub_id (room));

  /* the dates moved out of a series of this feed into a booking of it */
  moved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  series = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < bookings->len; i++)
    {
      HdRecord *booking = g_ptr_array_index (bookings, i);

      if (hd_record_get_string (booking, "recurrence") != NULL)
        g_hash_table_add (series, (gpointer) hd_record_get_id (booking));
    }
  for (guint i = 0; i < bookings->len; i++)
    {
      HdRecord *booking = g_ptr_array_index (bookings, i);
      const char *series_id = hd_record_get_string (booking, "series_id");
      const char *recurrence_id = hd_record_get_string (booking, "recurrence_id");
      gint64 at = 0;

      if (series_id != NULL && recurrence_id != NULL &&
          g_hash_table_contains (series, series_id) &&
          hd_timestamp_parse (recurrence_id, &at))
        g_hash_table_add (moved, g_strdup_printf ("%s|%lld", series_id, (long long) at));
    }

  for (guint i = 0; i < bookings->len; i++)
    if (!add_booking (&ex, room, g_ptr_array_index (bookings, i), tzid, moved, error))
      goto out;

  result = export_finish (&ex, hd_record_get_string (room, "name"));

out:
  export_clear (&ex);
  return result;
}

/* ---- import: reading the file ---- */

typedef struct {
  char      *uid;        /* the record's UID: an occurrence's is derived */
  char      *summary;
  gint64     start;
  gint64     end;
  char      *description;
  char      *location;
  char      *url;
  gboolean   cancelled;
  GStrv      categories;
  char      *format;
  gboolean   is_session;
  char      *related_to;
  guint      line;
  char      *problem;    /* set: skipped for this reason */
  HdRecord  *record;     /* what will be saved */
  HdRecord  *before;     /* the stored record it updates */
  gboolean   is_new;
  gboolean   changed;
} Item;

static void
item_free (Item *item)
{
  g_free (item->uid);
  g_free (item->summary);
  g_free (item->description);
  g_free (item->location);
  g_free (item->url);
  g_strfreev (item->categories);
  g_free (item->format);
  g_free (item->related_to);
  g_free (item->problem);
  g_clear_pointer (&item->record, hd_record_unref);
  g_clear_pointer (&item->before, hd_record_unref);
  g_free (item);
}

static Item *
item_copy (const Item *item)
{
  Item *copy = g_new0 (Item, 1);

  copy->uid = g_strdup (item->uid);
  copy->summary = g_strdup (item->summary);
  copy->start = item->start;
  copy->end = item->end;
  copy->description = g_strdup (item->description);
  copy->location = g_strdup (item->location);
  copy->url = g_strdup (item->url);
  copy->cancelled = item->cancelled;
  copy->categories = g_strdupv (item->categories);
  copy->format = g_strdup (item->format);
  copy->is_session = item->is_session;
  copy->related_to = g_strdup (item->related_to);
  copy->line = item->line;
  copy->problem = g_strdup (item->problem);
  return copy;
}

static char *
dup_nonempty (const char *text)
{
  if (text == NULL)
    return NULL;
  while (g_ascii_isspace (*text))
    text++;
  return *text != '\0' ? g_strdup (text) : NULL;
}

/* A record id for a UID: our own UIDs name their record; any other maps
 * to a name-based (version 5 style) UUID of the hub and the UID. */
static char *
id_for_uid (const char *hub_id,
            const char *uid,
            gboolean    own)
{
  g_autoptr(GChecksum) checksum = NULL;
  guint8 digest[20];
  gsize length = sizeof digest;

  if (own && g_str_has_suffix (uid, UID_SUFFIX))
    {
      g_autofree char *id = g_strndup (uid, strlen (uid) - strlen (UID_SUFFIX));

      if (hd_uuid_is_valid (id))
        return g_steal_pointer (&id);
    }

  checksum = g_checksum_new (G_CHECKSUM_SHA1);
  g_checksum_update (checksum, (const guchar *) hub_id, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) uid, -1);
  g_checksum_get_digest (checksum, digest, &length);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

static const char *
item_name (const Item *item)
{
  return item->summary != NULL ? item->summary : item->uid != NULL ? item->uid : "?";
}

/* The zone a time with TZID @tzid is in: the file's VTIMEZONE, else one
 * libical knows by that name. */
static icaltimezone *
file_zone (icalcomponent *calendar,
           const char    *tzid)
{
  icaltimezone *zone = icalcomponent_get_timezone (calendar, tzid);

  return zone != NULL ? zone : builtin_zone (tzid);
}

/* @t (of @prop, for its TZID) as Unix time: UTC, in its zone, or floating
 * and date-only times in the hub's zone. */
static gboolean
time_to_unix (icalcomponent      *calendar,
              icalproperty       *prop,
              struct icaltimetype t,
              GTimeZone          *hub_tz,
              gint64             *out_unix)
{
  icalparameter *param;

  if (icaltime_is_null_time (t) || !icaltime_is_valid_time (t) || t.year < 1971 || t.year > 9998)
    return FALSE;

  param = icalproperty_get_first_parameter (prop, ICAL_TZID_PARAMETER);

  if (!t.is_date && icaltime_is_utc (t))
    *out_unix = icaltime_as_timet_with_zone (t, icaltimezone_get_utc_timezone ());
  else if (!t.is_date && param != NULL)
    {
      icaltimezone *zone = file_zone (calendar, icalparameter_get_tzid (param));

      if (zone == NULL)
        return FALSE;
      t.zone = NULL;
      *out_unix = icaltime_as_timet_with_zone (t, zone);
    }
  else
    {
      g_autoptr(GDateTime) local = g_date_time_new (hub_tz, t.year, t.month, t.day,
                                                    t.is_date ? 0 : t.hour,
                                                    t.is_date ? 0 : t.minute,
                                                    t.is_date ? 0 : t.second);
      if (local == NULL)
        return FALSE;
      *out_unix = g_date_time_to_unix (local);
    }

  return TRUE;
}

static gboolean
read_time (icalcomponent *calendar,
           icalproperty  *prop,
           GTimeZone     *hub_tz,
           gint64        *out_unix,
           gboolean      *out_is_date)
{
  struct icaltimetype t;

  switch (icalproperty_isa (prop))
    {
    case ICAL_DTSTART_PROPERTY:
      t = icalproperty_get_dtstart (prop);
      break;
    case ICAL_RECURRENCEID_PROPERTY:
      t = icalproperty_get_recurrenceid (prop);
      break;
    case ICAL_EXDATE_PROPERTY:
      t = icalproperty_get_exdate (prop);
      break;
    case ICAL_DTEND_PROPERTY:
    default:
      t = icalproperty_get_dtend (prop);
      break;
    }
  if (out_is_date != NULL)
    *out_is_date = t.is_date != 0;
  return time_to_unix (calendar, prop, t, hub_tz, out_unix);
}

static const char *
x_value (icalcomponent *vevent,
         const char    *name)
{
  for (icalproperty *p = icalcomponent_get_first_property (vevent, ICAL_X_PROPERTY);
       p != NULL; p = icalcomponent_get_next_property (vevent, ICAL_X_PROPERTY))
    if (g_ascii_strcasecmp (icalproperty_get_x_name (p), name) == 0)
      return icalproperty_get_x (p);
  return NULL;
}

static const char *
first_error (icalcomponent *component)
{
  icalproperty *prop = icalcomponent_get_first_property (component, ICAL_XLICERROR_PROPERTY);

  if (prop != NULL)
    return icalproperty_get_xlicerror (prop);

  for (icalcomponent *child = icalcomponent_get_first_component (component, ICAL_ANY_COMPONENT);
       child != NULL; child = icalcomponent_get_next_component (component, ICAL_ANY_COMPONENT))
    {
      const char *message = first_error (child);

      if (message != NULL)
        return message;
    }

  return NULL;
}

/* Reads one VEVENT. An item that cannot become an event comes back with
 * its problem set (and is skipped). */
static Item *
read_vevent (icalcomponent *calendar,
             icalcomponent *vevent,
             GTimeZone     *hub_tz,
             guint          line)
{
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func (g_free);
  Item *item = g_new0 (Item, 1);
  icalproperty *prop;
  gboolean start_is_date = FALSE;
  gboolean end_is_date = FALSE;
  const char *entity;
  const char *damage;

  item->line = line;
  prop = icalcomponent_get_first_property (vevent, ICAL_SUMMARY_PROPERTY);
  item->summary = dup_nonempty (prop != NULL ? icalproperty_get_summary (prop) : NULL);

  prop = icalcomponent_get_first_property (vevent, ICAL_UID_PROPERTY);
  item->uid = dup_nonempty (prop != NULL ? icalproperty_get_uid (prop) : NULL);
  if (item->uid == NULL)
    {
      /* RFC 5545 requires a UID; without one, the same item in the same
       * file still maps to the same record. */
      char *ical = icalcomponent_as_ical_string_r (vevent);

      item->uid = g_compute_checksum_for_string (G_CHECKSUM_SHA1, ical, -1);
      free (ical);
    }

  damage = first_error (vevent);
  if (damage != NULL)
    {
      /* Translators: %s is libical's description of the damage, in English */
      item->problem = g_strdup_printf (_("It is damaged and cannot be read (%s)."), damage);
      return item;
    }

  prop = icalcomponent_get_first_property (vevent, ICAL_DTSTART_PROPERTY);
  if (prop == NULL)
    {
      item->problem = g_strdup (_("It has no start time."));
      return item;
    }
  if (!read_time (calendar, prop, hub_tz, &item->start, &start_is_date))
    {
      item->problem = g_strdup (_("Its start time cannot be read."));
      return item;
    }

  prop = icalcomponent_get_first_property (vevent, ICAL_DTEND_PROPERTY);
  if (prop != NULL)
    {
      if (!read_time (calendar, prop, hub_tz, &item->end, &end_is_date))
        {
          item->problem = g_strdup (_("Its end time cannot be read."));
          return item;
        }
    }
  else if ((prop = icalcomponent_get_first_property (vevent, ICAL_DURATION_PROPERTY)) != NULL)
    item->end = item->start + icaldurationtype_as_int (icalproperty_get_duration (prop));
  else
    item->end = item->start + (start_is_date ? 24 * 3600 : 3600);

  if (item->end <= item->start)
    {
      item->problem = g_strdup (_("It ends before it starts."));
      return item;
    }

  prop = icalcomponent_get_first_property (vevent, ICAL_DESCRIPTION_PROPERTY);
  item->description = dup_nonempty (prop != NULL ? icalproperty_get_description (prop) : NULL);
  prop = icalcomponent_get_first_property (vevent, ICAL_LOCATION_PROPERTY);
  item->location = dup_nonempty (prop != NULL ? icalproperty_get_location (prop) : NULL);
  prop = icalcomponent_get_first_property (vevent, ICAL_URL_PROPERTY);
  item->url = dup_nonempty (prop != NULL ? icalproperty_get_url (prop) : NULL);
  if (item->url != NULL && !g_str_has_prefix (item->url, "https://") && !g_str_has_prefix (item->url, "http://"))
    g_clear_pointer (&item->url, g_free);
  prop = icalcomponent_get_first_property (vevent, ICAL_STATUS_PROPERTY);
  item->cancelled = prop != NULL && icalproperty_get_status (prop) == ICAL_STATUS_CANCELLED;

  for (prop = icalcomponent_get_first_property (vevent, ICAL_CATEGORIES_PROPERTY);
       prop != NULL; prop = icalcomponent_get_next_property (vevent, ICAL_CATEGORIES_PROPERTY))
    {
      g_auto(GStrv) parts = g_strsplit (icalproperty_get_categories (prop), ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          char *tag = g_strstrip (parts[i]);

          if (*tag != '\0' && !g_ptr_array_find_with_equal_func (categories, tag, g_str_equal, NULL))
            g_ptr_array_add (categories, g_strdup (tag));
        }
    }
  if (categories->len > 0)
    {
      g_ptr_array_add (categories, NULL);
      item->categories = (GStrv) g_ptr_array_steal (categories, NULL);
    }

  item->format = g_strdup (x_value (vevent, "X-HUBDESK-FORMAT"));
  entity = x_value (vevent, "X-HUBDESK-ENTITY");
  prop = icalcomponent_get_first_property (vevent, ICAL_RELATEDTO_PROPERTY);
  if (g_strcmp0 (entity, "session") == 0 && prop != NULL)
    {
      item->related_to = dup_nonempty (icalproperty_get_relatedto (prop));
      item->is_session = item->related_to != NULL;
    }

  return item;
}

/* The line each VEVENT begins on, in file order (unfolded lines). */
static GArray *
vevent_lines (const char *text)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (guint));
  guint line = 1;

  for (const char *p = text; *p != '\0'; line++)
    {
      const char *end = strchr (p, '\n');
      gsize length = end != NULL ? (gsize) (end - p) : strlen (p);

      while (length > 0 && (p[length - 1] == '\r' || p[length - 1] == ' ' || p[length - 1] == '\t'))
        length--;
      if (length == strlen ("BEGIN:VEVENT") && g_ascii_strncasecmp (p, "BEGIN:VEVENT", length) == 0)
        g_array_append_val (lines, line);
      if (end == NULL)
        break;
      p = end + 1;
    }

  return lines;
}

/* ---- import: repeating items ---- */

/* The UID of one occurrence: the series' UID and the time the rule gives
 * it (its RECURRENCE-ID, in UTC), so that it stays the same when an
 * override moves the occurrence and when the file is read again. */
static char *
occurrence_uid (const char *uid,
                gint64      recurrence_id)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (recurrence_id);
  g_autofree char *stamp = g_date_time_format (utc, "%Y%m%dT%H%M%SZ");

  return g_strdup_printf ("%s/%s", uid, stamp);
}

/* The zone in which the rule of @vevent steps: that of its DTSTART, when
 * GLib knows it by name, else the hub's. */
static GTimeZone *
rule_zone (icalcomponent *vevent,
           GTimeZone     *hub_tz)
{
  icalproperty *prop = icalcomponent_get_first_property (vevent, ICAL_DTSTART_PROPERTY);
  icalparameter *param = prop != NULL ? icalproperty_get_first_parameter (prop, ICAL_TZID_PARAMETER) : NULL;
  struct icaltimetype t = prop != NULL ? icalproperty_get_dtstart (prop) : icaltime_null_time ();

  if (!t.is_date && icaltime_is_utc (t))
    return g_time_zone_new_utc ();
  if (param != NULL)
    {
      const char *tzid = icalparameter_get_tzid (param);

      for (const char *p = tzid; p != NULL && *p != '\0'; p = strchr (p + 1, '/'))
        {
          GTimeZone *tz = g_time_zone_new_identifier (*p == '/' ? p + 1 : p);

          if (tz != NULL)
            return tz;
        }
    }
  return g_time_zone_ref (hub_tz);
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const HdSpan *sa = a;
  const HdSpan *sb = b;

  return sa->start < sb->start ? -1 : sa->start > sb->start;
}

/* The occurrences of a repeating VEVENT in [@from, @until): its RRULE
 * expanded by the model's expansion (as for a booking series), its
 * RDATEs, less its EXDATEs. NULL with *@problem set when the rule
 * cannot be expanded. */
static GArray *
expand_vevent (icalcomponent *calendar,
               icalcomponent *vevent,
               const Item    *item,
               const char    *hub_id,
               GTimeZone     *hub_tz,
               gint64         from,
               gint64         until,
               char         **problem)
{
  g_autoptr(HdRecord) series = hd_record_new (HD_ENTITY_BOOKING, hub_id);
  g_autoptr(GPtrArray) exdates = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) excluded = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GTimeZone) tz = rule_zone (vevent, hub_tz);
  g_autofree char *starts_at = hd_timestamp_format (item->start);
  g_autofree char *ends_at = hd_timestamp_format (item->end);
  g_autoptr(GError) error = NULL;
  icalproperty *prop;
  guint kept = 0;

  hd_record_set_string (series, "starts_at", starts_at);
  hd_record_set_string (series, "ends_at", ends_at);
  prop = icalcomponent_get_first_property (vevent, ICAL_RRULE_PROPERTY);
  if (prop != NULL)
    {
      struct icalrecurrencetype rule = icalproperty_get_rrule (prop);
      char *text = icalrecurrencetype_as_string_r (&rule);

      if (text == NULL)
        {
          *problem = g_strdup (_("Its repeat rule cannot be read."));
          return NULL;
        }
      hd_record_set_string (series, "recurrence", text);
      free (text);
    }

  for (prop = icalcomponent_get_first_property (vevent, ICAL_EXDATE_PROPERTY);
       prop != NULL; prop = icalcomponent_get_next_property (vevent, ICAL_EXDATE_PROPERTY))
    {
      gint64 at;

      if (!read_time (calendar, prop, hub_tz, &at, NULL))
        {
          *problem = g_strdup (_("One of its left-out dates (EXDATE) cannot be read."));
          return NULL;
        }
      g_array_append_val (excluded, at);
      g_ptr_array_add (exdates, hd_timestamp_format (at));
    }
  if (exdates->len > 0)
    {
      g_ptr_array_add (exdates, NULL);
      hd_record_set_strv (series, "exdates", (const char * const *) exdates->pdata);
    }

  if (hd_record_get_string (series, "recurrence") != NULL)
    {
      spans = hd_occurrences_in_zone (series, tz, from, until, &error);
      if (spans == NULL)
        {
          *problem = g_strdup (error->message);
          return NULL;
        }
    }
  else
    {
      /* RDATEs only: the first date counts as one too (RFC 5545 §3.8.5.2) */
      HdSpan first = { item->start, item->end };

      spans = g_array_new (FALSE, FALSE, sizeof (HdSpan));
      if (first.start < until && first.end > from)
        g_array_append_val (spans, first);
    }

  for (prop = icalcomponent_get_first_property (vevent, ICAL_RDATE_PROPERTY);
       prop != NULL; prop = icalcomponent_get_next_property (vevent, ICAL_RDATE_PROPERTY))
    {
      struct icaldatetimeperiodtype rdate = icalproperty_get_rdate (prop);
      HdSpan span;

      if (!icaltime_is_null_time (rdate.time))
        {
          if (!time_to_unix (calendar, prop, rdate.time, hub_tz, &span.start))
            goto bad_rdate;
          span.end = span.start + (item->end - item->start);
        }
      else
        {
          if (!time_to_unix (calendar, prop, rdate.period.start, hub_tz, &span.start))
            goto bad_rdate;
          if (!icaltime_is_null_time (rdate.period.end))
            {
              if (!time_to_unix (calendar, prop, rdate.period.end, hub_tz, &span.end))
                goto bad_rdate;
            }
          else
            span.end = span.start + icaldurationtype_as_int (rdate.period.duration);
          if (span.end <= span.start)
            goto bad_rdate;
        }
      if (span.start < until && span.end > from)
        g_array_append_val (spans, span);
      continue;

    bad_rdate:
      *problem = g_strdup (_("One of its added dates (RDATE) cannot be read."));
      return NULL;
    }

  /* in time order, each start once, none that EXDATE leaves out */
  g_array_sort (spans, compare_spans);
  for (guint i = 0; i < spans->len; i++)
    {
      HdSpan span = g_array_index (spans, HdSpan, i);
      gboolean skip = kept > 0 && g_array_index (spans, HdSpan, kept - 1).start == span.start;

      for (guint e = 0; !skip && e < excluded->len; e++)
        skip = g_array_index (excluded, gint64, e) == span.start;
      if (!skip)
        g_array_index (spans, HdSpan, kept++) = span;
    }
  g_array_set_size (spans, kept);

  return g_steal_pointer (&spans);
}

/* ---- import: the plan ---- */

static void
set_string_if (HdRecord   *record,
               const char *field,
               const char *value,
               gboolean   *changed)
{
  if (g_strcmp0 (hd_record_get_string (record, field), value) == 0)
    return;
  if (value != NULL)
    hd_record_set_string (record, field, value);
  else
    hd_record_set_null (record, field);
  *changed = TRUE;
}

static void
set_time_if (HdRecord   *record,
             const char *field,
             gint64      unix_time,
             gboolean   *changed)
{
  g_autofree char *text = hd_timestamp_format (unix_time);
  gint64 current;

  if (hd_timestamp_parse (hd_record_get_string (record, field), &current) && current == unix_time)
    return;
  set_string_if (record, field, text, changed);
}

static HdRecord *
room_named (GPtrArray  *rooms,
            const char *name)
{
  if (name == NULL)
    return NULL;
  for (guint i = 0; i < rooms->len; i++)
    {
      HdRecord *room = g_ptr_array_index (rooms, i);

      if (g_strcmp0 (hd_record_get_string (room, "name"), name) == 0)
        return room;
    }
  return NULL;
}

static HdRecord *
room_by_id (GPtrArray  *rooms,
            const char *id)
{
  if (id == NULL)
    return NULL;
  for (guint i = 0; i < rooms->len; i++)
    if (g_str_equal (hd_record_get_id (g_ptr_array_index (rooms, i)), id))
      return g_ptr_array_index (rooms, i);
  return NULL;
}

/* Applies what the file says to an event, leaving alone every field whose
 * exported form already matches (so a room stays a room). */
static void
apply_event (Item      *item,
             GPtrArray *rooms)
{
  HdRecord *event = item->record;
  g_autofree char *location = join_location (room_by_id (rooms, hd_record_get_string (event, "room_id")),
                                             hd_record_get_string (event, "location"));
  const char * const *tags = (const char * const *) hd_record_get_strv (event, "tags");
  gboolean changed = FALSE;

  set_string_if (event, "title", item->summary != NULL ? item->summary : _("Untitled event"), &changed);
  set_time_if (event, "starts_at", item->start, &changed);
  set_time_if (event, "ends_at", item->end, &changed);
  set_string_if (event, "description", item->description, &changed);
  if (g_strcmp0 (location, item->location) != 0)
    {
      HdRecord *room = room_named (rooms, item->location);

      set_string_if (event, "room_id", room != NULL ? hd_record_get_id (room) : NULL, &changed);
      set_string_if (event, "location", room != NULL ? NULL : item->location, &changed);
    }
  set_string_if (event, "online_url", item->url, &changed);
  if (item->cancelled)
    set_string_if (event, "status", "cancelled", &changed);
  else if (item->is_new)
    set_string_if (event, "status", "draft", &changed);
  if (item->format != NULL && hd_field_has_value (hd_entity_field (HD_ENTITY_EVENT,
                                                                    hd_entity_field_index (HD_ENTITY_EVENT, "format")),
                                                  item->format))
    set_string_if (event, "format", item->format, &changed);
  if (!((tags == NULL || tags[0] == NULL) && item->categories == NULL)
      && (tags == NULL || item->categories == NULL
          || !g_strv_equal (tags, (const char * const *) item->categories)))
    {
      hd_record_set_strv (event, "tags", (const char * const *) item->categories);
      changed = TRUE;
    }

  item->changed = changed;
}

static void
apply_session (Item       *item,
               const char *event_id,
               GPtrArray  *rooms)
{
  HdRecord *session = item->record;
  g_autofree char *location = join_location (room_by_id (rooms, hd_record_get_string (session, "room_id")), NULL);
  gboolean changed = FALSE;

  set_string_if (session, "event_id", event_id, &changed);
  set_string_if (session, "title", item->summary != NULL ? item->summary : _("Untitled session"), &changed);
  set_time_if (session, "starts_at", item->start, &changed);
  set_time_if (session, "ends_at", item->end, &changed);
  set_string_if (session, "notes", item->description, &changed);
  if (g_strcmp0 (location, item->location) != 0)
    {
      HdRecord *room = room_named (rooms, item->location);

      set_string_if (session, "room_id", room != NULL ? hd_record_get_id (room) : NULL, &changed);
    }

  item->changed = changed;
}

/* Finds the record an item updates, or makes a new one. */
static void
resolve_record (HdStore    *store,
                const char *hub_id,
                HdEntity    entity,
                GHashTable *deleted,
                Item       *item)
{
  g_autofree char *id = id_for_uid (hub_id, item->uid, TRUE);
  g_autoptr(HdRecord) existing = hd_store_get (store, entity, id, NULL);

  if (existing != NULL && g_strcmp0 (hd_record_get_hub_id (existing), hub_id) != 0)
    {
      /* Our UID, but of another hub: this hub gets a copy of its own. */
      g_free (id);
      id = id_for_uid (hub_id, item->uid, FALSE);
      g_clear_pointer (&existing, hd_record_unref);
      existing = hd_store_get (store, entity, id, NULL);
    }

  /* A deleted record cannot be saved again (its id stays a tombstone):
   * the item takes the next id derived from its UID, the same each time,
   * so a later import of the file updates that one. */
  for (guint n = 2; existing == NULL && g_hash_table_contains (deleted, id) && n < 1000; n++)
    {
      g_autofree char *key = g_strdup_printf ("%s\n%u", item->uid, n);

      g_free (id);
      id = id_for_uid (hub_id, key, FALSE);
      existing = hd_store_get (store, entity, id, NULL);
    }

  if (existing != NULL && !hd_record_get_deleted (existing))
    {
      item->before = hd_record_copy (existing);
      item->record = g_steal_pointer (&existing);
      item->is_new = FALSE;
    }
  else
    {
      item->record = hd_record_new (entity, hub_id);
      hd_record_set_id (item->record, id);
      item->is_new = TRUE;
    }
}

static Item *
find_item (GPtrArray  *items,
           const char *uid)
{
  for (guint i = 0; i < items->len; i++)
    {
      Item *item = g_ptr_array_index (items, i);

      if (g_str_equal (item->uid, uid))
        return item;
    }
  return NULL;
}

/* Adds an override; a second one for the same date is skipped. */
static void
add_occurrence (GPtrArray *items,
                Item      *occurrence)
{
  if (occurrence->problem == NULL && find_item (items, occurrence->uid) != NULL)
    occurrence->problem = g_strdup (_("Another item of the file has the same UID."));
  g_ptr_array_add (items, occurrence);
}

/* The overrides (RECURRENCE-ID) of a series, as read. */
typedef struct {
  char   *uid;
  gint64  recurrence_id;
  Item   *item;
  gboolean used;
} Override;

static void
override_free (Override *o)
{
  g_free (o->uid);
  g_clear_pointer (&o->item, item_free);
  g_free (o);
}

static gboolean
check_calendar_text (const char  *text,
                     gssize       length,
                     char       **out_copy,
                     GError     **error)
{
  g_autofree char *trimmed = NULL;

  if (length < 0)
    length = strlen (text);
  if (!g_utf8_validate (text, length, NULL))
    {
      g_set_error_literal (error, HD_ICAL_ERROR, HD_ICAL_ERROR_MALFORMED,
                           _("The calendar file is not valid UTF-8 text."));
      return FALSE;
    }
  *out_copy = g_strndup (text, length);

  /* libical reads almost anything and notes problems inside; a file
   * must start and end as a calendar to be taken for one. */
  trimmed = g_strstrip (g_ascii_strup (*out_copy, -1));
  if (!g_str_has_prefix (trimmed, "BEGIN:VCALENDAR") || !g_str_has_suffix (trimmed, "END:VCALENDAR"))
    {
      g_clear_pointer (out_copy, g_free);
      g_set_error_literal (error, HD_ICAL_ERROR, HD_ICAL_ERROR_MALFORMED,
                           _("This is not a complete iCalendar file: it must begin with “BEGIN:VCALENDAR” and end with “END:VCALENDAR”."));
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  guint recurring;       /* series expanded */
  guint problems;        /* items skipped for a problem */
  char *first_problem;   /* "The event “X” cannot be imported: …" */
} PlanNotes;

static void
note_problem (PlanNotes  *notes,
              const Item *item)
{
  notes->problems++;
  if (notes->first_problem == NULL)
    notes->first_problem = g_strdup_printf (item->is_session ? _("The session “%s” cannot be imported: %s")
                                                             : _("The event “%s” cannot be imported: %s"),
                                            item_name (item), item->problem);
}

static HdImportPlan *
plan_calendar (HdStore     *store,
               const char  *hub_id,
               const char  *text,
               gssize       length,
               gint64       now,
               PlanNotes   *notes,
               GError     **error)
{
  g_autofree char *copy = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  g_autoptr(GPtrArray) overrides = g_ptr_array_new_with_free_func ((GDestroyNotify) override_free);
  g_autoptr(GPtrArray) rooms = NULL;
  g_autoptr(GHashTable) hub_zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) series_uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) deleted = NULL;
  g_autoptr(GTimeZone) hub_tz = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autofree char *tzid = NULL;
  g_autoptr(HdRecord) hub = NULL;
  g_autoptr(HdImportPlan) plan = NULL;
  HdQuery room_query = { .entity = HD_ENTITY_ROOM, .hub_id = hub_id, .include_archived = TRUE };
  icalcomponent *root;
  icalcomponent *calendar;
  gint64 window_from, window_until;
  guint position = 0;
  HdImportPlan *result = NULL;

  hub = hub_id != NULL ? hd_store_get (store, HD_ENTITY_HUB, hub_id, NULL) : NULL;
  if (hub == NULL)
    {
      g_set_error (error, HD_ICAL_ERROR, HD_ICAL_ERROR_NOT_FOUND,
                   _("There is no hub with the id “%s”."), hub_id != NULL ? hub_id : "");
      return NULL;
    }

  if (!check_calendar_text (text, length, &copy, error))
    return NULL;

  root = icalparser_parse_string (copy);
  if (root == NULL)
    {
      g_set_error_literal (error, HD_ICAL_ERROR, HD_ICAL_ERROR_MALFORMED,
                           _("The calendar file cannot be read."));
      return NULL;
    }
  calendar = icalcomponent_isa (root) == ICAL_VCALENDAR_COMPONENT
             ? root : icalcomponent_get_first_component (root, ICAL_VCALENDAR_COMPONENT);
  if (calendar == NULL)
    {
      g_set_error_literal (error, HD_ICAL_ERROR, HD_ICAL_ERROR_MALFORMED,
                           _("The file holds no calendar."));
      goto out;
    }
  /* damage outside the events (a cut-off component, a broken time zone)
   * leaves nothing to trust; a damaged event is skipped on its own */
  {
    icalproperty *damage = icalcomponent_get_first_property (calendar, ICAL_XLICERROR_PROPERTY);
    const char *problem = damage != NULL ? icalproperty_get_xlicerror (damage) : NULL;

    for (icalcomponent *child = icalcomponent_get_first_component (calendar, ICAL_ANY_COMPONENT);
         problem == NULL && child != NULL;
         child = icalcomponent_get_next_component (calendar, ICAL_ANY_COMPONENT))
      if (icalcomponent_isa (child) != ICAL_VEVENT_COMPONENT)
        problem = first_error (child);
    if (problem != NULL)
      {
        g_set_error (error, HD_ICAL_ERROR, HD_ICAL_ERROR_MALFORMED,
                     _("The calendar file is damaged and was not imported (%s)."), problem);
        goto out;
      }
  }

  tzid = hub_tzid (store, hub_zones, hub_id);
  hub_tz = g_time_zone_new_identifier (tzid);
  if (hub_tz == NULL)
    hub_tz = g_time_zone_new_utc ();

  if (now == 0)
    now = g_get_real_time () / G_USEC_PER_SEC;
  window_from = now - (gint64) HD_ICAL_RECURRENCE_PAST_DAYS * 86400;
  window_until = now + (gint64) HD_ICAL_RECURRENCE_FUTURE_DAYS * 86400;

  plan = hd_import_plan_new_empty (hub_id);
  lines = vevent_lines (copy);

  /* the overrides first, so that their series find them */
  position = 0;
  for (icalcomponent *vevent = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       vevent != NULL; vevent = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT), position++)
    {
      icalproperty *rid = icalcomponent_get_first_property (vevent, ICAL_RECURRENCEID_PROPERTY);
      guint line = position < lines->len ? g_array_index (lines, guint, position) : 0;
      Override *o;

      if (rid == NULL)
        continue;
      o = g_new0 (Override, 1);
      o->item = read_vevent (calendar, vevent, hub_tz, line);
      o->uid = g_strdup (o->item->uid);
      if (o->item->problem == NULL && !read_time (calendar, rid, hub_tz, &o->recurrence_id, NULL))
        o->item->problem = g_strdup (_("The date it replaces (RECURRENCE-ID) cannot be read."));
      g_ptr_array_add (overrides, o);
    }

  position = 0;
  for (icalcomponent *vevent = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       vevent != NULL; vevent = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT), position++)
    {
      guint line = position < lines->len ? g_array_index (lines, guint, position) : 0;
      g_autoptr(GArray) spans = NULL;
      g_autofree char *problem = NULL;
      Item *item;

      if (icalcomponent_get_first_property (vevent, ICAL_RECURRENCEID_PROPERTY) != NULL)
        continue;

      item = read_vevent (calendar, vevent, hub_tz, line);
      if (item->problem == NULL && (find_item (items, item->uid) != NULL
                                    || g_hash_table_contains (series_uids, item->uid)))
        item->problem = g_strdup (_("Another item of the file has the same UID."));

      if (item->problem != NULL
          || (icalcomponent_get_first_property (vevent, ICAL_RRULE_PROPERTY) == NULL
              && icalcomponent_get_first_property (vevent, ICAL_RDATE_PROPERTY) == NULL))
        {
          g_ptr_array_add (items, item);
          continue;
        }

      /* a repeating item: one event per occurrence in the window */
      g_hash_table_add (series_uids, g_strdup (item->uid));
      if (item->is_session)
        {
          item->problem = g_strdup (_("A repeating session cannot be placed in one event."));
          g_ptr_array_add (items, item);
          continue;
        }
      spans = expand_vevent (calendar, vevent, item, hub_id, hub_tz, window_from, window_until, &problem);
      if (spans == NULL)
        {
          item->problem = g_steal_pointer (&problem);
          g_ptr_array_add (items, item);
          continue;
        }
      notes->recurring++;

      /* at most so many, the next ones first, then the latest past ones */
      {
        guint first = 0;

        while (first < spans->len && g_array_index (spans, HdSpan, first).start < now)
          first++;
        if (spans->len - first < HD_ICAL_MAX_OCCURRENCES)
          first = spans->len > HD_ICAL_MAX_OCCURRENCES ? spans->len - HD_ICAL_MAX_OCCURRENCES : 0;
        for (guint i = first; i < spans->len && i < first + HD_ICAL_MAX_OCCURRENCES; i++)
          {
            HdSpan span = g_array_index (spans, HdSpan, i);
            Item *occurrence = NULL;

            for (guint o = 0; o < overrides->len; o++)
              {
                Override *ov = g_ptr_array_index (overrides, o);

                if (!ov->used && g_str_equal (ov->uid, item->uid) && ov->recurrence_id == span.start)
                  {
                    occurrence = item_copy (ov->item);
                    ov->used = TRUE;
                    break;
                  }
              }
            if (occurrence == NULL)
              {
                occurrence = item_copy (item);
                occurrence->start = span.start;
                occurrence->end = span.end;
              }
            g_free (occurrence->uid);
            occurrence->uid = occurrence_uid (item->uid, span.start);
            g_ptr_array_add (items, occurrence);
          }
      }

      /* overrides of dates the rule does not give here, moved into the window */
      for (guint o = 0; o < overrides->len; o++)
        {
          Override *ov = g_ptr_array_index (overrides, o);
          Item *occurrence;

          if (ov->used || !g_str_equal (ov->uid, item->uid))
            continue;
          ov->used = TRUE;
          if (ov->item->problem == NULL && (ov->item->start >= window_until || ov->item->end <= window_from))
            continue;
          occurrence = item_copy (ov->item);
          g_free (occurrence->uid);
          occurrence->uid = occurrence_uid (item->uid, ov->recurrence_id);
          add_occurrence (items, occurrence);
        }
      item_free (item);
    }

  /* overrides without their series in the file: events of their own */
  for (guint o = 0; o < overrides->len; o++)
    {
      Override *ov = g_ptr_array_index (overrides, o);
      Item *occurrence;

      if (ov->used)
        continue;
      occurrence = item_copy (ov->item);
      g_free (occurrence->uid);
      occurrence->uid = occurrence_uid (ov->uid, ov->recurrence_id);
      add_occurrence (items, occurrence);
    }

  rooms = hd_store_query (store, &room_query, error);
  if (rooms == NULL)
    goto out;

  /* the ids of deleted events and sessions (of any hub): never saved again */
  deleted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (HdEntity entity = HD_ENTITY_EVENT; ; entity = HD_ENTITY_SESSION)
    {
      HdQuery query = { .entity = entity, .include_archived = TRUE, .include_deleted = TRUE };
      g_autoptr(GPtrArray) found = hd_store_query (store, &query, error);

      if (found == NULL)
        goto out;
      for (guint i = 0; i < found->len; i++)
        if (hd_record_get_deleted (g_ptr_array_index (found, i)))
          g_hash_table_add (deleted, g_strdup (hd_record_get_id (g_ptr_array_index (found, i))));
      if (entity == HD_ENTITY_SESSION)
        break;
    }

  /* Events first: sessions need to know theirs. */
  for (guint i = 0; i < items->len; i++)
    {
      Item *item = g_ptr_array_index (items, i);
      Item *parent_item;

      if (item->problem != NULL)
        continue;

      parent_item = item->is_session ? find_item (items, item->related_to) : NULL;
      if (item->is_session && g_hash_table_contains (series_uids, item->related_to))
        {
          item->problem = g_strdup (_("It belongs to a repeating event and cannot be placed in one of its dates."));
          continue;
        }
      if (item->is_session && parent_item == NULL)
        {
          g_autofree char *parent_id = id_for_uid (hub_id, item->related_to, TRUE);
          g_autoptr(HdRecord) parent = hd_store_get (store, HD_ENTITY_EVENT, parent_id, NULL);

          /* A session without its event becomes an event of its own. */
          if (parent == NULL || hd_record_get_deleted (parent)
              || g_strcmp0 (hd_record_get_hub_id (parent), hub_id) != 0)
            item->is_session = FALSE;
        }
      else if (item->is_session && parent_item->is_session)
        item->is_session = FALSE;

      if (!item->is_session)
        {
          const char *field = NULL;
          g_autoptr(GError) local_error = NULL;

          resolve_record (store, hub_id, HD_ENTITY_EVENT, deleted, item);
          apply_event (item, rooms);
          if (!hd_record_validate (item->record, TRUE, &field, &local_error))
            item->problem = g_strdup (local_error->message);
        }
    }

  for (guint i = 0; i < items->len; i++)
    {
      Item *item = g_ptr_array_index (items, i);
      Item *parent_item;
      g_autoptr(HdRecord) parent = NULL;
      g_autoptr(GError) local_error = NULL;
      const char *field = NULL;

      if (!item->is_session || item->problem != NULL)
        continue;

      parent_item = find_item (items, item->related_to);
      if (parent_item != NULL && parent_item->problem != NULL)
        {
          item->problem = g_strdup (_("Its event is skipped."));
          continue;
        }
      if (parent_item != NULL)
        parent = hd_record_ref (parent_item->record);
      else
        {
          g_autofree char *parent_id = id_for_uid (hub_id, item->related_to, TRUE);

          parent = hd_store_get (store, HD_ENTITY_EVENT, parent_id, NULL);
        }

      resolve_record (store, hub_id, HD_ENTITY_SESSION, deleted, item);
      apply_session (item, hd_record_get_id (parent), rooms);
      if (!hd_record_validate (item->record, TRUE, &field, &local_error)
          || !hd_check_session_in_event (item->record, parent, &local_error))
        item->problem = g_strdup (local_error->message);
    }

  /* the steps: events before sessions, each in file order */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < items->len; i++)
      {
        Item *item = g_ptr_array_index (items, i);
        HdEntity entity = item->is_session ? HD_ENTITY_SESSION : HD_ENTITY_EVENT;

        if ((pass == 0) == item->is_session)
          continue;

        if (item->problem != NULL)
          {
            note_problem (notes, item);
            hd_import_plan_add_step (plan, HD_IMPORT_SKIP, entity, item->line, g_strdup (item_name (item)),
                                     g_strdup (item->problem), NULL, NULL);
          }
        else if (!item->changed)
          hd_import_plan_add_step (plan, HD_IMPORT_SKIP, entity, item->line, g_strdup (item_name (item)),
                                   g_strdup (_("Already up to date.")), NULL, NULL);
        else if (item->is_new)
          hd_import_plan_add_step (plan, HD_IMPORT_CREATE, entity, item->line, g_strdup (item_name (item)),
                                   NULL, g_steal_pointer (&item->record), NULL);
        else
          hd_import_plan_add_step (plan, HD_IMPORT_UPDATE, entity, item->line, g_strdup (item_name (item)),
                                   NULL, g_steal_pointer (&item->record), g_steal_pointer (&item->before));
      }

  result = g_steal_pointer (&plan);

out:
  icalcomponent_free (root);
  return result;
}

HdImportPlan *
hd_ical_plan_new (HdStore     *store,
                  const char  *hub_id,
                  const char  *text,
                  gssize       length,
                  gint64       now,
                  guint       *out_recurring,
                  GError     **error)
{
  PlanNotes notes = { 0 };
  HdImportPlan *plan;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  plan = plan_calendar (store, hub_id, text, length, now, &notes, error);
  if (out_recurring != NULL)
    *out_recurring = notes.recurring;
  g_free (notes.first_problem);
  return plan;
}

HdImportPlan *
hd_ical_plan_new_for_file (HdStore     *store,
                           const char  *hub_id,
                           const char  *path,
                           gint64       now,
                           guint       *out_recurring,
                           GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  return hd_ical_plan_new (store, hub_id, contents, (gssize) length, now, out_recurring, error);
}

char *
hd_ical_plan_describe (HdImportPlan *plan,
                       guint         recurring)
{
  g_autofree char *summary = hd_import_plan_describe (plan);

  if (recurring == 0)
    return g_steal_pointer (&summary);
  return g_strdup_printf ("%s\n%s", summary,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "One repeating item becomes one draft per date, from a year ago to a year ahead.",
                                       "Repeating items become one draft per date, from a year ago to a year ahead.",
                                       recurring));
}

/* The events a plan writes or touches through their sessions. */
GStrv
hd_ical_plan_event_ids (HdImportPlan *plan)
{
  GPtrArray *steps = hd_import_plan_get_steps (plan);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < steps->len; i++)
    {
      HdImportStep *step = g_ptr_array_index (steps, i);
      const char *event_id;

      if (step->record == NULL)
        continue;
      event_id = step->entity == HD_ENTITY_SESSION ? hd_record_get_string (step->record, "event_id")
                                                   : hd_record_get_id (step->record);
      if (event_id != NULL && !g_ptr_array_find_with_equal_func (ids, event_id, g_str_equal, NULL))
        g_ptr_array_add (ids, g_strdup (event_id));
    }
  g_ptr_array_add (ids, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&ids), FALSE);
}

gboolean
hd_ical_import_undo (HdStore     *store,
                     const char  *import_id,
                     GError     **error)
{
  g_autofree char *key = g_strconcat ("import/", import_id, NULL);
  g_autofree char *journal = hd_store_get_meta (store, key);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) bookings = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  JsonArray *created;

  if (journal == NULL || !json_parser_load_from_data (parser, journal, -1, NULL))
    return hd_contact_import_undo (store, import_id, error);

  /* the room bookings made for created events go with them */
  created = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "created");
  for (guint i = 0; created != NULL && i < json_array_get_length (created); i++)
    {
      JsonObject *entry = json_array_get_object_element (created, i);
      HdQuery query = { .entity = HD_ENTITY_BOOKING, .ref_field = "event_id",
                        .ref_id = json_object_get_string_member (entry, "id") };
      g_autoptr(GPtrArray) found = NULL;

      if (g_strcmp0 (json_object_get_string_member (entry, "entity"), "event") != 0)
        continue;
      found = hd_store_query (store, &query, error);
      if (found == NULL)
        return FALSE;
      for (guint b = 0; b < found->len; b++)
        g_ptr_array_add (bookings, hd_record_ref (g_ptr_array_index (found, b)));
    }
  if (bookings->len > 0 && !hd_store_write_many (store, NULL, bookings, NULL, NULL, error))
    return FALSE;

  return hd_contact_import_undo (store, import_id, error);
}

void
hd_ical_import_summary_clear (HdIcalImportSummary *summary)
{
  g_clear_pointer (&summary->event_ids, g_strfreev);
}

gboolean
hd_ical_import (HdStore             *store,
                const char          *hub_id,
                const char          *text,
                gssize               length,
                gboolean             dry_run,
                HdIcalImportSummary *out_summary,
                GError             **error)
{
  g_autoptr(HdImportPlan) plan = NULL;
  g_autofree char *import_id = NULL;
  HdIcalImportSummary summary = { 0 };
  PlanNotes notes = { 0 };
  GPtrArray *steps;

  g_return_val_if_fail (HD_IS_STORE (store), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  plan = plan_calendar (store, hub_id, text, length, 0, &notes, error);
  if (plan == NULL)
    return FALSE;
  if (notes.problems > 0)
    {
      /* all or nothing: one item that cannot be imported stops the file */
      g_set_error_literal (error, HD_ICAL_ERROR, HD_ICAL_ERROR_INVALID, notes.first_problem);
      g_free (notes.first_problem);
      return FALSE;
    }

  steps = hd_import_plan_get_steps (plan);
  for (guint i = 0; i < steps->len; i++)
    {
      HdImportStep *step = g_ptr_array_index (steps, i);
      gboolean session = step->entity == HD_ENTITY_SESSION;

      if (step->action == HD_IMPORT_SKIP)
        summary.unchanged++;
      else if (step->action == HD_IMPORT_CREATE)
        (session ? summary.sessions_created++ : summary.events_created++);
      else
        (session ? summary.sessions_updated++ : summary.events_updated++);
    }
  summary.recurring = notes.recurring;

  if (!dry_run)
    {
      summary.event_ids = hd_ical_plan_event_ids (plan);
      if (hd_import_plan_count (plan, HD_IMPORT_CREATE) + hd_import_plan_count (plan, HD_IMPORT_UPDATE) > 0)
        {
          import_id = hd_import_plan_apply (plan, store, error);
          if (import_id == NULL)
            {
              hd_ical_import_summary_clear (&summary);
              return FALSE;
            }
        }
    }
  else
    summary.event_ids = g_new0 (char *, 1);

  if (out_summary != NULL)
    *out_summary = summary;
  else
    hd_ical_import_summary_clear (&summary);
  return TRUE;
}
