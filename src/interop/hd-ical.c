/* hd-ical.c — events, agendas and room bookings as iCalendar (RFC 5545)
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
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
  if (!add_time (ex, vevent, ICAL_DTSTART_PROPERTY, tzid, hd_record_get_string (session, "starts_at"), error)
      || !add_time (ex, vevent, ICAL_DTEND_PROPERTY, tzid, hd_record_get_string (session, "ends_at"), error))
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
  if (!add_time (ex, vevent, ICAL_DTSTART_PROPERTY, tzid, hd_record_get_string (event, "starts_at"), error)
      || !add_time (ex, vevent, ICAL_DTEND_PROPERTY, tzid, hd_record_get_string (event, "ends_at"), error))
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
  g_autoptr(GPtrArray) events = NULL;
  Export ex = { 0 };
  char *result = NULL;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);

  events = hd_store_query (store, &query, error);
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
  if (!add_time (ex, vevent, ICAL_DTSTART_PROPERTY, tzid, hd_record_get_string (booking, "starts_at"), error)
      || !add_time (ex, vevent, ICAL_DTEND_PROPERTY, tzid, hd_record_get_string (booking, "ends_at"), error))
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

/* ---- import ---- */

typedef struct {
  char      *uid;
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
  HdRecord  *record;     /* what will be saved */
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
  g_clear_pointer (&item->record, hd_record_unref);
  g_free (item);
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
  return item->summary != NULL ? item->summary : item->uid;
}

static gboolean
read_time (icalcomponent *calendar,
           icalproperty  *prop,
           GTimeZone     *hub_tz,
           gint64        *out_unix,
           gboolean      *out_is_date)
{
  struct icaltimetype t;
  icalparameter *param;

  t = icalproperty_isa (prop) == ICAL_DTSTART_PROPERTY ? icalproperty_get_dtstart (prop)
                                                        : icalproperty_get_dtend (prop);
  if (icaltime_is_null_time (t) || !icaltime_is_valid_time (t) || t.year < 1971 || t.year > 9998)
    return FALSE;

  *out_is_date = t.is_date != 0;
  param = icalproperty_get_first_parameter (prop, ICAL_TZID_PARAMETER);

  if (!t.is_date && icaltime_is_utc (t))
    *out_unix = icaltime_as_timet_with_zone (t, icaltimezone_get_utc_timezone ());
  else if (!t.is_date && param != NULL)
    {
      const char *tzid = icalparameter_get_tzid (param);
      icaltimezone *zone = icalcomponent_get_timezone (calendar, tzid);

      if (zone == NULL)
        zone = builtin_zone (tzid);
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

static Item *
read_vevent (icalcomponent *calendar,
             icalcomponent *vevent,
             GTimeZone     *hub_tz,
             guint          position,
             gboolean      *out_recurring,
             GError       **error)
{
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func (g_free);
  Item *item = g_new0 (Item, 1);
  icalproperty *prop;
  gboolean start_is_date = FALSE;
  gboolean end_is_date = FALSE;
  const char *entity;

  prop = icalcomponent_get_first_property (vevent, ICAL_SUMMARY_PROPERTY);
  item->summary = dup_nonempty (prop != NULL ? icalproperty_get_summary (prop) : NULL);

  prop = icalcomponent_get_first_property (vevent, ICAL_UID_PROPERTY);
  item->uid = dup_nonempty (prop != NULL ? icalproperty_get_uid (prop) : NULL);

  prop = icalcomponent_get_first_property (vevent, ICAL_DTSTART_PROPERTY);
  if (prop == NULL || !read_time (calendar, prop, hub_tz, &item->start, &start_is_date))
    {
      g_set_error (error, HD_ICAL_ERROR, HD_ICAL_ERROR_INVALID,
                   prop == NULL ? _("The event “%s” in the calendar file has no start time.")
                                : _("The start time of the event “%s” in the calendar file cannot be read."),
                   item->summary != NULL ? item->summary : item->uid != NULL ? item->uid : "?");
      item_free (item);
      return NULL;
    }

  if (item->uid == NULL)
    {
      /* RFC 5545 requires a UID; without one, the same item in the same
       * file still maps to the same record. */
      g_autofree char *ical = icalcomponent_as_ical_string_r (vevent);
      item->uid = g_compute_checksum_for_string (G_CHECKSUM_SHA1, ical, -1);
      free (g_steal_pointer (&ical));
    }

  prop = icalcomponent_get_first_property (vevent, ICAL_DTEND_PROPERTY);
  if (prop != NULL)
    {
      if (!read_time (calendar, prop, hub_tz, &item->end, &end_is_date))
        {
          g_set_error (error, HD_ICAL_ERROR, HD_ICAL_ERROR_INVALID,
                       _("The end time of the event “%s” in the calendar file cannot be read."),
                       item_name (item));
          item_free (item);
          return NULL;
        }
    }
  else if ((prop = icalcomponent_get_first_property (vevent, ICAL_DURATION_PROPERTY)) != NULL)
    item->end = item->start + icaldurationtype_as_int (icalproperty_get_duration (prop));
  else
    item->end = item->start + (start_is_date ? 24 * 3600 : 3600);

  if (item->end <= item->start)
    {
      g_set_error (error, HD_ICAL_ERROR, HD_ICAL_ERROR_INVALID,
                   _("The event “%s” in the calendar file ends before it starts."),
                   item_name (item));
      item_free (item);
      return NULL;
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
      item->is_session = TRUE;
      item->related_to = dup_nonempty (icalproperty_get_relatedto (prop));
      item->is_session = item->related_to != NULL;
    }

  *out_recurring = icalcomponent_get_first_property (vevent, ICAL_RRULE_PROPERTY) != NULL
                   || icalcomponent_get_first_property (vevent, ICAL_RDATE_PROPERTY) != NULL;
  (void) position;

  return item;
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

  if (existing != NULL && !hd_record_get_deleted (existing))
    {
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
  g_autofree char *copy = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  g_autoptr(GPtrArray) rooms = NULL;
  g_autoptr(GHashTable) hub_zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GTimeZone) hub_tz = NULL;
  g_autofree char *tzid = NULL;
  g_autoptr(HdRecord) hub = NULL;
  HdIcalImportSummary summary = { 0 };
  g_autoptr(GPtrArray) written = NULL;
  HdQuery room_query = { .entity = HD_ENTITY_ROOM, .hub_id = hub_id, .include_archived = TRUE };
  icalcomponent *root;
  icalcomponent *calendar;
  const char *problem;
  guint position = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (HD_IS_STORE (store), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  hub = hub_id != NULL ? hd_store_get (store, HD_ENTITY_HUB, hub_id, NULL) : NULL;
  if (hub == NULL)
    {
      g_set_error (error, HD_ICAL_ERROR, HD_ICAL_ERROR_NOT_FOUND,
                   _("There is no hub with the id “%s”."), hub_id != NULL ? hub_id : "");
      return FALSE;
    }

  if (length < 0)
    length = strlen (text);
  if (!g_utf8_validate (text, length, NULL))
    {
      g_set_error_literal (error, HD_ICAL_ERROR, HD_ICAL_ERROR_MALFORMED,
                           _("The calendar file is not valid UTF-8 text."));
      return FALSE;
    }
  copy = g_strndup (text, length);

  /* libical reads almost anything and notes problems inside; a file
   * must start and end as a calendar to be taken for one. */
  {
    g_autofree char *trimmed = g_strstrip (g_ascii_strup (copy, -1));

    if (!g_str_has_prefix (trimmed, "BEGIN:VCALENDAR") || !g_str_has_suffix (trimmed, "END:VCALENDAR"))
      {
        g_set_error_literal (error, HD_ICAL_ERROR, HD_ICAL_ERROR_MALFORMED,
                             _("This is not a complete iCalendar file: it must begin with “BEGIN:VCALENDAR” and end with “END:VCALENDAR”."));
        return FALSE;
      }
  }

  root = icalparser_parse_string (copy);
  if (root == NULL)
    {
      g_set_error_literal (error, HD_ICAL_ERROR, HD_ICAL_ERROR_MALFORMED,
                           _("The calendar file cannot be read."));
      return FALSE;
    }
  calendar = icalcomponent_isa (root) == ICAL_VCALENDAR_COMPONENT
             ? root : icalcomponent_get_first_component (root, ICAL_VCALENDAR_COMPONENT);
  if (calendar == NULL)
    {
      g_set_error_literal (error, HD_ICAL_ERROR, HD_ICAL_ERROR_MALFORMED,
                           _("The file holds no calendar."));
      goto out;
    }
  problem = first_error (calendar);
  if (problem != NULL)
    {
      g_set_error (error, HD_ICAL_ERROR, HD_ICAL_ERROR_MALFORMED,
                   _("The calendar file is damaged and was not imported (%s)."), problem);
      goto out;
    }

  tzid = hub_tzid (store, hub_zones, hub_id);
  hub_tz = g_time_zone_new_identifier (tzid);
  if (hub_tz == NULL)
    hub_tz = g_time_zone_new_utc ();

  for (icalcomponent *vevent = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       vevent != NULL; vevent = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      gboolean recurring = FALSE;
      Item *item;

      /* A changed occurrence of a recurring item: the item itself counts. */
      if (icalcomponent_get_first_property (vevent, ICAL_RECURRENCEID_PROPERTY) != NULL)
        continue;

      item = read_vevent (calendar, vevent, hub_tz, position++, &recurring, error);
      if (item == NULL)
        goto out;
      if (find_item (items, item->uid) != NULL)
        {
          item_free (item);
          continue;
        }
      if (recurring)
        summary.recurring++;
      g_ptr_array_add (items, item);
    }

  rooms = hd_store_query (store, &room_query, error);
  if (rooms == NULL)
    goto out;

  /* Events first: sessions need to know theirs. */
  for (guint i = 0; i < items->len; i++)
    {
      Item *item = g_ptr_array_index (items, i);

      if (item->is_session && find_item (items, item->related_to) == NULL)
        {
          g_autofree char *parent_id = id_for_uid (hub_id, item->related_to, TRUE);
          g_autoptr(HdRecord) parent = hd_store_get (store, HD_ENTITY_EVENT, parent_id, NULL);

          /* A session without its event becomes an event of its own. */
          if (parent == NULL || hd_record_get_deleted (parent)
              || g_strcmp0 (hd_record_get_hub_id (parent), hub_id) != 0)
            item->is_session = FALSE;
        }
      else if (item->is_session && find_item (items, item->related_to)->is_session)
        item->is_session = FALSE;

      if (!item->is_session)
        {
          const char *field = NULL;
          g_autoptr(GError) local_error = NULL;

          resolve_record (store, hub_id, HD_ENTITY_EVENT, item);
          apply_event (item, rooms);
          if (!hd_record_validate (item->record, TRUE, &field, &local_error))
            {
              g_set_error (error, HD_ICAL_ERROR, HD_ICAL_ERROR_INVALID,
                           _("The event “%s” cannot be imported: %s"), item_name (item), local_error->message);
              goto out;
            }
        }
    }

  for (guint i = 0; i < items->len; i++)
    {
      Item *item = g_ptr_array_index (items, i);
      Item *parent_item;
      g_autoptr(HdRecord) parent = NULL;
      g_autofree char *parent_id = NULL;
      g_autoptr(GError) local_error = NULL;
      const char *field = NULL;

      if (!item->is_session)
        continue;

      parent_item = find_item (items, item->related_to);
      if (parent_item != NULL)
        parent = hd_record_ref (parent_item->record);
      else
        {
          parent_id = id_for_uid (hub_id, item->related_to, TRUE);
          parent = hd_store_get (store, HD_ENTITY_EVENT, parent_id, NULL);
        }

      resolve_record (store, hub_id, HD_ENTITY_SESSION, item);
      apply_session (item, hd_record_get_id (parent), rooms);
      if (!hd_record_validate (item->record, TRUE, &field, &local_error)
          || !hd_check_session_in_event (item->record, parent, &local_error))
        {
          g_set_error (error, HD_ICAL_ERROR, HD_ICAL_ERROR_INVALID,
                       _("The session “%s” cannot be imported: %s"), item_name (item), local_error->message);
          goto out;
        }
    }

  /* Everything is readable and valid: now write, events before sessions. */
  written = g_ptr_array_new_with_free_func (g_free);
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < items->len; i++)
      {
        Item *item = g_ptr_array_index (items, i);

        if ((pass == 0) == item->is_session)
          continue;

        if (!item->changed)
          summary.unchanged++;
        else if (item->is_session)
          (item->is_new ? summary.sessions_created++ : summary.sessions_updated++);
        else
          (item->is_new ? summary.events_created++ : summary.events_updated++);

        if (item->changed && !dry_run && !hd_store_save (store, item->record, error))
          goto out;

        /* an event whose session changed may need its bookings moved too */
        if (item->changed && !dry_run)
          {
            const char *event_id = item->is_session ? hd_record_get_string (item->record, "event_id")
                                                    : hd_record_get_id (item->record);

            if (!g_ptr_array_find_with_equal_func (written, event_id, g_str_equal, NULL))
              g_ptr_array_add (written, g_strdup (event_id));
          }
      }

  g_ptr_array_add (written, NULL);
  summary.event_ids = (GStrv) g_ptr_array_free (g_steal_pointer (&written), FALSE);
  if (out_summary != NULL)
    *out_summary = summary;
  else
    g_strfreev (summary.event_ids);
  ok = TRUE;

out:
  icalcomponent_free (root);
  return ok;
}
