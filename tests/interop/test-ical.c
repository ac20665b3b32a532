/* test-ical.c — iCalendar export and import: times across a change of
 * daylight saving time read back by libical and python3-icalendar, room
 * booking feeds, stable round trips, malformed files
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libical/ical.h>

#include "hd-ical.h"

#define HUB "0b7f5c1e-3a53-4b4c-9a55-7c1f7d3b2a10"

typedef struct {
  char    *dir;
  HdStore *store;
} Fixture;

static HdStore *
open_store (const char *dir,
            const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  HdStore *store = hd_store_open (path, &error);
  g_autoptr(HdRecord) hub = hd_record_new (HD_ENTITY_HUB, HUB);

  g_assert_no_error (error);
  hd_record_set_id (hub, HUB);
  hd_record_set_string (hub, "name", "Digital Hub Testregion");
  g_assert_true (hd_store_save (store, hub, &error));
  g_assert_no_error (error);

  return store;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("hubdesk-ical-XXXXXX", NULL);
  f->store = open_store (f->dir, "a.db");
}

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        rm_rf (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  rm_rf (f->dir);
  g_free (f->dir);
}

static HdRecord *
put (HdStore    *store,
     HdEntity    entity,
     const char *first_field,
     ...)
{
  g_autoptr(GError) error = NULL;
  HdRecord *record = hd_record_new (entity, HUB);
  const char *field = first_field;
  va_list args;

  va_start (args, first_field);
  while (field != NULL)
    {
      const char *value = va_arg (args, const char *);
      int index = hd_entity_field_index (entity, field);

      g_assert_cmpint (index, >=, 0);
      if (hd_entity_field (entity, index)->type == HD_TYPE_INT)
        hd_record_set_int (record, field, g_ascii_strtoll (value, NULL, 10));
      else if (hd_entity_field (entity, index)->type == HD_TYPE_STRV)
        {
          g_auto(GStrv) parts = g_strsplit (value, ",", -1);
          hd_record_set_strv (record, field, (const char * const *) parts);
        }
      else
        hd_record_set_string (record, field, value);
      field = va_arg (args, const char *);
    }
  va_end (args);

  g_assert_true (hd_store_save (store, record, &error));
  g_assert_no_error (error);
  return record;
}

static gint64
count (HdStore  *store,
       HdEntity  entity)
{
  HdQuery query = { .entity = entity };

  return hd_store_count (store, &query, NULL);
}

static icalcomponent *
find_vevent (icalcomponent *calendar,
             const char    *id)
{
  g_autofree char *uid = g_strconcat (id, "@hubdesk", NULL);

  for (icalcomponent *c = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       c != NULL; c = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    if (g_strcmp0 (icalcomponent_get_uid (c), uid) == 0)
      return c;
  return NULL;
}

/* The UTC time of a DTSTART/DTEND, worked out by libical from the file's
 * own VTIMEZONE; *out_local gets the wall-clock time as written. */
static gint64
vevent_time (icalcomponent    *calendar,
             icalcomponent    *vevent,
             icalproperty_kind kind,
             char            **out_local)
{
  icalproperty *prop = icalcomponent_get_first_property (vevent, kind);
  icalparameter *tzid;
  struct icaltimetype t;
  icaltimezone *zone;

  g_assert_nonnull (prop);
  tzid = icalproperty_get_first_parameter (prop, ICAL_TZID_PARAMETER);
  g_assert_nonnull (tzid);
  g_assert_cmpstr (icalparameter_get_tzid (tzid), ==, "Europe/Berlin");
  zone = icalcomponent_get_timezone (calendar, "Europe/Berlin");
  g_assert_nonnull (zone);
  t = kind == ICAL_DTSTART_PROPERTY ? icalproperty_get_dtstart (prop) : icalproperty_get_dtend (prop);
  t.zone = NULL;
  if (out_local != NULL)
    *out_local = g_strdup_printf ("%04d-%02d-%02d %02d:%02d", t.year, t.month, t.day, t.hour, t.minute);

  return icaltime_as_timet_with_zone (t, zone);
}

static gint64
unix_of (const char *rfc3339)
{
  gint64 value = 0;

  g_assert_true (hd_timestamp_parse (rfc3339, &value));
  return value;
}

/* Two events on either side of the end of summer time 2026 (25 October),
 * one cancelled, with a session. */
static void
make_dst_events (HdStore    *store,
                 HdRecord  **out_before,
                 HdRecord  **out_after,
                 HdRecord  **out_session)
{
  g_autoptr(HdRecord) room = put (store, HD_ENTITY_ROOM, "name", "Saal Neckar", "capacity", "80", NULL);

  *out_before = put (store, HD_ENTITY_EVENT, "title", "KI-Sprechstunde", "status", "published",
                     "starts_at", "2026-10-24T08:00:00Z", "ends_at", "2026-10-24T10:00:00Z",
                     "room_id", hd_record_get_id (room), NULL);
  *out_after = put (store, HD_ENTITY_EVENT, "title", "Netzwerkabend", "status", "cancelled",
                    "starts_at", "2026-10-26T09:00:00Z", "ends_at", "2026-10-26T12:00:00Z", NULL);
  *out_session = put (store, HD_ENTITY_SESSION, "event_id", hd_record_get_id (*out_before),
                      "title", "Begrüßung", "starts_at", "2026-10-24T08:00:00Z",
                      "ends_at", "2026-10-24T08:30:00Z", "room_id", hd_record_get_id (room), NULL);
}

static void
test_export_times (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(HdRecord) before = NULL;
  g_autoptr(HdRecord) after = NULL;
  g_autoptr(HdRecord) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *local_before = NULL;
  g_autofree char *local_after = NULL;
  icalcomponent *calendar;
  icalcomponent *vevent;
  icalproperty *prop;

  make_dst_events (f->store, &before, &after, &session);
  text = hd_ical_export_events (f->store, HUB, NULL, NULL, &error);
  g_assert_no_error (error);

  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);
  g_assert_nonnull (icalcomponent_get_first_component (calendar, ICAL_VTIMEZONE_COMPONENT));
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 3);

  /* 10:00 local both days: 08:00 UTC in summer time, 09:00 UTC after */
  vevent = find_vevent (calendar, hd_record_get_id (before));
  g_assert_nonnull (vevent);
  g_assert_cmpint (vevent_time (calendar, vevent, ICAL_DTSTART_PROPERTY, &local_before), ==,
                   unix_of ("2026-10-24T08:00:00Z"));
  g_assert_cmpint (vevent_time (calendar, vevent, ICAL_DTEND_PROPERTY, NULL), ==,
                   unix_of ("2026-10-24T10:00:00Z"));
  g_assert_cmpstr (local_before, ==, "2026-10-24 10:00");
  g_assert_cmpint (icalcomponent_get_status (vevent), ==, ICAL_STATUS_CONFIRMED);
  g_assert_cmpstr (icalcomponent_get_location (vevent), ==, "Saal Neckar");

  vevent = find_vevent (calendar, hd_record_get_id (after));
  g_assert_nonnull (vevent);
  g_assert_cmpint (vevent_time (calendar, vevent, ICAL_DTSTART_PROPERTY, &local_after), ==,
                   unix_of ("2026-10-26T09:00:00Z"));
  g_assert_cmpstr (local_after, ==, "2026-10-26 10:00");
  g_assert_cmpint (icalcomponent_get_status (vevent), ==, ICAL_STATUS_CANCELLED);

  vevent = find_vevent (calendar, hd_record_get_id (session));
  g_assert_nonnull (vevent);
  prop = icalcomponent_get_first_property (vevent, ICAL_RELATEDTO_PROPERTY);
  g_assert_nonnull (prop);
  g_assert_true (g_str_has_prefix (icalproperty_get_relatedto (prop), hd_record_get_id (before)));
  g_assert_cmpstr (icalcomponent_get_summary (vevent), ==, "Begrüßung");

  icalcomponent_free (calendar);

  /* one event alone brings its agenda, not the other event */
  g_clear_pointer (&text, g_free);
  text = hd_ical_export_event (f->store, hd_record_get_id (before), &error);
  g_assert_no_error (error);
  calendar = icalparser_parse_string (text);
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 2);
  g_assert_null (find_vevent (calendar, hd_record_get_id (after)));
  icalcomponent_free (calendar);

  /* a time filter */
  g_clear_pointer (&text, g_free);
  text = hd_ical_export_events (f->store, HUB, "2026-10-25T00:00:00Z", "2026-10-27T00:00:00Z", &error);
  g_assert_no_error (error);
  calendar = icalparser_parse_string (text);
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 1);
  g_assert_nonnull (find_vevent (calendar, hd_record_get_id (after)));
  icalcomponent_free (calendar);
}

/* python3-icalendar, as a second reader: UTC and Europe/Berlin times */
static void
test_export_python (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(HdRecord) before = NULL;
  g_autoptr(HdRecord) after = NULL;
  g_autoptr(HdRecord) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *file = g_build_filename (f->dir, "export.ics", NULL);
  g_autofree char *script = g_build_filename (g_getenv ("HUBDESK_SRCDIR"), "tests", "interop",
                                              "ical-read.py", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *line = NULL;
  int status = 0;
  const char *argv[] = { "/usr/bin/python3", script, file, NULL };

  make_dst_events (f->store, &before, &after, &session);
  text = hd_ical_export_events (f->store, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (file, text, -1, NULL));

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("ical-read.py failed: %s", err);

  line = g_strdup_printf ("%s@hubdesk 2026-10-24T08:00:00+00:00 2026-10-24T10:00:00+02:00 CONFIRMED KI-Sprechstunde\n",
                          hd_record_get_id (before));
  g_assert_nonnull (strstr (out, line));
  g_free (line);
  line = g_strdup_printf ("%s@hubdesk 2026-10-26T09:00:00+00:00 2026-10-26T10:00:00+01:00 CANCELLED Netzwerkabend\n",
                          hd_record_get_id (after));
  g_assert_nonnull (strstr (out, line));
  g_free (line);
  line = g_strdup_printf ("%s@hubdesk 2026-10-24T08:00:00+00:00 2026-10-24T10:00:00+02:00 CONFIRMED Begrüßung\n",
                          hd_record_get_id (session));
  g_assert_nonnull (strstr (out, line));
}

static void
test_booking_feed (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(HdRecord) room = put (f->store, HD_ENTITY_ROOM, "name", "Coworking", "capacity", "20", NULL);
  g_autoptr(HdRecord) weekly = put (f->store, HD_ENTITY_BOOKING, "room_id", hd_record_get_id (room),
                                    "title", "Gründerstammtisch", "seats", "8",
                                    "starts_at", "2026-10-14T16:00:00Z", "ends_at", "2026-10-14T18:00:00Z",
                                    "recurrence", "FREQ=WEEKLY;COUNT=4", NULL);
  g_autoptr(HdRecord) cancelled = put (f->store, HD_ENTITY_BOOKING, "room_id", hd_record_get_id (room),
                                       "title", "Workshop", "status", "cancelled", "seats", "4",
                                       "starts_at", "2026-10-15T08:00:00Z", "ends_at", "2026-10-15T10:00:00Z", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = hd_ical_export_room_bookings (f->store, hd_record_get_id (room), &error);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  icalcomponent *calendar;
  icalcomponent *vevent;
  icalproperty *rrule;
  icalrecur_iterator *it;
  icaltimezone *zone;
  struct icaltimetype dtstart;
  struct icaltimetype next;

  g_assert_no_error (error);
  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 2);

  vevent = find_vevent (calendar, hd_record_get_id (cancelled));
  g_assert_nonnull (vevent);
  g_assert_cmpint (icalcomponent_get_status (vevent), ==, ICAL_STATUS_CANCELLED);

  vevent = find_vevent (calendar, hd_record_get_id (weekly));
  g_assert_nonnull (vevent);
  g_assert_cmpint (icalcomponent_get_status (vevent), ==, ICAL_STATUS_CONFIRMED);
  rrule = icalcomponent_get_first_property (vevent, ICAL_RRULE_PROPERTY);
  g_assert_nonnull (rrule);

  /* expanded in the file's own zone: 18:00 local every week, so the UTC
   * hour moves when summer time ends */
  zone = icalcomponent_get_timezone (calendar, "Europe/Berlin");
  g_assert_nonnull (zone);
  dtstart = icalproperty_get_dtstart (icalcomponent_get_first_property (vevent, ICAL_DTSTART_PROPERTY));
  dtstart.zone = zone;
  it = icalrecur_iterator_new (icalproperty_get_rrule (rrule), dtstart);
  while (!icaltime_is_null_time (next = icalrecur_iterator_next (it)))
    {
      gint64 t;

      g_assert_cmpint (next.hour, ==, 18);
      next.zone = NULL;
      t = icaltime_as_timet_with_zone (next, zone);
      g_array_append_val (starts, t);
    }
  icalrecur_iterator_free (it);
  g_assert_cmpuint (starts->len, ==, 4);
  g_assert_cmpint (g_array_index (starts, gint64, 0), ==, unix_of ("2026-10-14T16:00:00Z"));
  g_assert_cmpint (g_array_index (starts, gint64, 1), ==, unix_of ("2026-10-21T16:00:00Z"));
  g_assert_cmpint (g_array_index (starts, gint64, 2), ==, unix_of ("2026-10-28T17:00:00Z"));
  g_assert_cmpint (g_array_index (starts, gint64, 3), ==, unix_of ("2026-11-04T17:00:00Z"));
  icalcomponent_free (calendar);

  /* a room that does not exist */
  g_clear_pointer (&text, g_free);
  text = hd_ical_export_room_bookings (f->store, "00000000-0000-4000-8000-000000000000", &error);
  g_assert_null (text);
  g_assert_error (error, HD_ICAL_ERROR, HD_ICAL_ERROR_NOT_FOUND);
}

/* Imports @text into the test hub; the summary keeps its counts only. */
static gboolean
import_text (HdStore              *store,
             const char           *text,
             HdIcalImportSummary  *summary,
             GError              **error)
{
  gboolean ok = hd_ical_import (store, HUB, text, -1, FALSE, summary, error);

  if (ok)
    hd_ical_import_summary_clear (summary);
  return ok;
}

static char *
without_stamps (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (!g_str_has_prefix (lines[i], "DTSTAMP:"))
      g_string_append_printf (out, "%s\n", lines[i]);
  return g_string_free (out, FALSE);
}

static void
make_agenda (HdStore *store)
{
  g_autoptr(HdRecord) room = put (store, HD_ENTITY_ROOM, "name", "Forum", "capacity", "120", NULL);
  g_autoptr(HdRecord) lab = put (store, HD_ENTITY_ROOM, "name", "Makerspace", "capacity", "15", NULL);
  g_autoptr(HdRecord) conf = put (store, HD_ENTITY_EVENT, "title", "Digitaltag Region", "format", "conference",
                                  "starts_at", "2026-10-23T07:00:00Z", "ends_at", "2026-10-26T16:00:00Z",
                                  "room_id", hd_record_get_id (room), "tags", "KI,KMU",
                                  "description", "Zwei Tage, ein Programm; mit Kommas, Semikolons\nund Zeilen.",
                                  "online_url", "https://example.org/digitaltag", NULL);
  g_autoptr(HdRecord) s1 = put (store, HD_ENTITY_SESSION, "event_id", hd_record_get_id (conf),
                                "title", "Eröffnung", "starts_at", "2026-10-23T07:00:00Z",
                                "ends_at", "2026-10-23T08:00:00Z", "room_id", hd_record_get_id (room), NULL);
  g_autoptr(HdRecord) s2 = put (store, HD_ENTITY_SESSION, "event_id", hd_record_get_id (conf),
                                "title", "3D-Druck für Einsteiger", "starts_at", "2026-10-26T09:00:00Z",
                                "ends_at", "2026-10-26T11:00:00Z", "room_id", hd_record_get_id (lab),
                                "notes", "Bitte Laptop mitbringen", NULL);
  g_autoptr(HdRecord) gone = put (store, HD_ENTITY_EVENT, "title", "Abgesagt: Stammtisch", "status", "cancelled",
                                  "format", "networking", "location", "Café am Markt",
                                  "starts_at", "2026-11-02T17:00:00Z", "ends_at", "2026-11-02T19:00:00Z", NULL);

  g_assert_nonnull (s1);
  g_assert_nonnull (s2);
  g_assert_nonnull (gone);
}

static void
make_rooms_only (HdStore *store)
{
  g_autoptr(HdRecord) room = put (store, HD_ENTITY_ROOM, "name", "Forum", "capacity", "120", NULL);
  g_autoptr(HdRecord) lab = put (store, HD_ENTITY_ROOM, "name", "Makerspace", "capacity", "15", NULL);

  g_assert_nonnull (room);
  g_assert_nonnull (lab);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(HdStore) other = open_store (f->dir, "b.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *edited = NULL;
  HdIcalImportSummary summary;

  make_agenda (f->store);
  make_rooms_only (other);

  first = hd_ical_export_events (f->store, HUB, NULL, NULL, &error);
  g_assert_no_error (error);

  /* into another profile and out again: the same file */
  g_assert_true (import_text (other, first, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.events_created, ==, 2);
  g_assert_cmpuint (summary.sessions_created, ==, 2);
  g_assert_cmpint (count (other, HD_ENTITY_EVENT), ==, 2);
  g_assert_cmpint (count (other, HD_ENTITY_SESSION), ==, 2);
  second = hd_ical_export_events (other, HUB, NULL, NULL, &error);
  g_assert_no_error (error);
  a = without_stamps (first);
  b = without_stamps (second);
  g_assert_cmpstr (a, ==, b);

  /* importing again, here or there, updates: nothing new, nothing changed */
  g_assert_true (import_text (f->store, second, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.events_created + summary.sessions_created
                    + summary.events_updated + summary.sessions_updated, ==, 0);
  g_assert_cmpuint (summary.unchanged, ==, 4);
  g_assert_true (import_text (other, first, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.unchanged, ==, 4);
  g_assert_cmpint (count (f->store, HD_ENTITY_EVENT), ==, 2);
  g_assert_cmpint (count (other, HD_ENTITY_SESSION), ==, 2);

  /* a title changed in another calendar comes back as an update */
  {
    g_auto(GStrv) parts = g_strsplit (first, "SUMMARY:Digitaltag Region", -1);
    edited = g_strjoinv ("SUMMARY:Digitaltag Region 2026", parts);
  }
  g_assert_true (import_text (f->store, edited, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.events_updated, ==, 1);
  g_assert_cmpuint (summary.events_created, ==, 0);
  g_assert_cmpint (count (f->store, HD_ENTITY_EVENT), ==, 2);
  third = hd_ical_export_events (f->store, HUB, NULL, NULL, &error);
  g_assert_nonnull (strstr (third, "SUMMARY:Digitaltag Region 2026"));
  /* the room stayed a room */
  g_assert_nonnull (strstr (third, "LOCATION:Forum\r\n"));
}

static const char thunderbird[] =
  "BEGIN:VCALENDAR\r\n"
  "PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN\r\n"
  "VERSION:2.0\r\n"
  "BEGIN:VTIMEZONE\r\n"
  "TZID:W. Europe Standard Time\r\n"
  "BEGIN:STANDARD\r\n"
  "DTSTART:16010101T030000\r\n"
  "TZOFFSETFROM:+0200\r\n"
  "TZOFFSETTO:+0100\r\n"
  "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n"
  "END:STANDARD\r\n"
  "BEGIN:DAYLIGHT\r\n"
  "DTSTART:16010101T020000\r\n"
  "TZOFFSETFROM:+0100\r\n"
  "TZOFFSETTO:+0200\r\n"
  "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n"
  "END:DAYLIGHT\r\n"
  "END:VTIMEZONE\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:4f0c3c2e-1111-4a7b-9d7e-abcdefabcdef\r\n"
  "SUMMARY:Förderberatung mit der L-Bank\r\n"
  "DTSTART;TZID=W. Europe Standard Time:20261030T140000\r\n"
  "DTEND;TZID=W. Europe Standard Time:20261030T153000\r\n"
  "LOCATION:Forum\r\n"
  "STATUS:CONFIRMED\r\n"
  "END:VEVENT\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:040000008200E00074C5B7101A82E008@outlook\r\n"
  "SUMMARY:Tag der offenen Tür\r\n"
  "DTSTART;VALUE=DATE:20261107\r\n"
  "DTEND;VALUE=DATE:20261108\r\n"
  "END:VEVENT\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:utc-event@example.org\r\n"
  "SUMMARY:Webinar\r\n"
  "DTSTART:20261110T150000Z\r\n"
  "DURATION:PT45M\r\n"
  "URL:https://example.org/webinar\r\n"
  "STATUS:CANCELLED\r\n"
  "END:VEVENT\r\n"
  "END:VCALENDAR\r\n";

static HdRecord *
event_titled (HdStore    *store,
              const char *title)
{
  HdQuery query = { .entity = HD_ENTITY_EVENT };
  g_autoptr(GPtrArray) events = hd_store_query (store, &query, NULL);

  for (guint i = 0; i < events->len; i++)
    if (g_strcmp0 (hd_record_get_string (g_ptr_array_index (events, i), "title"), title) == 0)
      return hd_record_ref (g_ptr_array_index (events, i));
  return NULL;
}

static void
test_import_foreign (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdRecord) consult = NULL;
  g_autoptr(HdRecord) open_day = NULL;
  g_autoptr(HdRecord) webinar = NULL;
  HdIcalImportSummary summary;

  make_rooms_only (f->store);
  g_assert_true (import_text (f->store, thunderbird, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.events_created, ==, 3);

  consult = event_titled (f->store, "Förderberatung mit der L-Bank");
  g_assert_nonnull (consult);
  g_assert_cmpstr (hd_record_get_string (consult, "status"), ==, "draft");
  /* 14:00 in winter time */
  g_assert_cmpstr (hd_record_get_string (consult, "starts_at"), ==, "2026-10-30T13:00:00Z");
  g_assert_cmpstr (hd_record_get_string (consult, "ends_at"), ==, "2026-10-30T14:30:00Z");
  g_assert_nonnull (hd_record_get_string (consult, "room_id"));
  g_assert_null (hd_record_get_string (consult, "location"));

  open_day = event_titled (f->store, "Tag der offenen Tür");
  g_assert_nonnull (open_day);
  g_assert_cmpstr (hd_record_get_string (open_day, "starts_at"), ==, "2026-11-06T23:00:00Z");
  g_assert_cmpstr (hd_record_get_string (open_day, "ends_at"), ==, "2026-11-07T23:00:00Z");

  webinar = event_titled (f->store, "Webinar");
  g_assert_nonnull (webinar);
  g_assert_cmpstr (hd_record_get_string (webinar, "status"), ==, "cancelled");
  g_assert_cmpstr (hd_record_get_string (webinar, "ends_at"), ==, "2026-11-10T15:45:00Z");
  g_assert_cmpstr (hd_record_get_string (webinar, "online_url"), ==, "https://example.org/webinar");

  /* the same file again: the same three records */
  g_assert_true (import_text (f->store, thunderbird, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.events_created, ==, 0);
  g_assert_cmpuint (summary.unchanged, ==, 3);
  g_assert_cmpint (count (f->store, HD_ENTITY_EVENT), ==, 3);
}

static void
test_import_malformed (Fixture       *f,
                       gconstpointer  data)
{
  static const struct {
    const char *text;
    int         code;
  } cases[] = {
    { "", HD_ICAL_ERROR_MALFORMED },
    { "Hello, this is not a calendar.\n", HD_ICAL_ERROR_MALFORMED },
    { "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nEND:VCARD\r\n", HD_ICAL_ERROR_MALFORMED },
    /* cut off in the middle */
    { "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a@x\r\nSUMMARY:Kurz\r\n"
      "DTSTART:20261110T150000Z\r\n", HD_ICAL_ERROR_MALFORMED },
    /* a time that is not one */
    { "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:b@x\r\nSUMMARY:Kaputt\r\n"
      "DTSTART:2026-13-45\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", -1 },
    /* no start */
    { "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:c@x\r\nSUMMARY:Ohne Zeit\r\n"
      "END:VEVENT\r\nEND:VCALENDAR\r\n", HD_ICAL_ERROR_INVALID },
    /* ends before it starts */
    { "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:d@x\r\nSUMMARY:Rückwärts\r\n"
      "DTSTART:20261110T150000Z\r\nDTEND:20261110T140000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
      HD_ICAL_ERROR_INVALID },
    /* an unknown time zone */
    { "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:e@x\r\nSUMMARY:Irgendwo\r\n"
      "DTSTART;TZID=Mars/Olympus:20261110T150000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
      HD_ICAL_ERROR_INVALID },
    /* not UTF-8 */
    { "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:f@x\r\nSUMMARY:F\xf6rderung\r\n"
      "DTSTART:20261110T150000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", HD_ICAL_ERROR_MALFORMED },
  };
  g_autofree char *good_then_bad = NULL;
  gint64 events_before;
  gint64 outbox_before;

  make_agenda (f->store);
  events_before = count (f->store, HD_ENTITY_EVENT);
  outbox_before = hd_store_outbox_count (f->store, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      HdIcalImportSummary summary;

      g_assert_false (import_text (f->store, cases[i].text, &summary, &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == HD_ICAL_ERROR);
      if (cases[i].code >= 0)
        g_assert_cmpint (error->code, ==, cases[i].code);
      g_assert_cmpuint (strlen (error->message), >, 20);
      g_test_message ("case %u: %s", i, error->message);
    }

  /* a good event before a broken one: neither goes in */
  good_then_bad = g_strconcat ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
                               "BEGIN:VEVENT\r\nUID:good@x\r\nSUMMARY:Gut\r\n"
                               "DTSTART:20261110T150000Z\r\nEND:VEVENT\r\n"
                               "BEGIN:VEVENT\r\nUID:bad@x\r\nSUMMARY:Schlecht\r\n"
                               "DTSTART:20261110T150000Z\r\nDTEND:20261109T150000Z\r\nEND:VEVENT\r\n"
                               "END:VCALENDAR\r\n", NULL);
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (hd_ical_import (f->store, HUB, good_then_bad, -1, FALSE, NULL, &error));
    g_assert_error (error, HD_ICAL_ERROR, HD_ICAL_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Schlecht"));
  }

  g_assert_cmpint (count (f->store, HD_ENTITY_EVENT), ==, events_before);
  g_assert_cmpint (hd_store_outbox_count (f->store, NULL), ==, outbox_before);
}

/* hubdesk-cli export events / export bookings / import */
static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *cli = g_build_filename (g_getenv ("HUBDESK_BUILDDIR"), "src", "cli", "hubdesk-cli", NULL);
  g_autofree char *profile = g_build_filename (f->dir, "profile", NULL);
  g_autofree char *db = g_build_filename (profile, "hubdesk.db", NULL);
  g_autofree char *file = g_build_filename (f->dir, "out.ics", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.ics", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdRecord) before = NULL;
  g_autoptr(HdRecord) after = NULL;
  g_autoptr(HdRecord) session = NULL;
  int status;

  g_mkdir_with_parents (profile, 0700);
  store = open_store (profile, "hubdesk.db");
  make_dst_events (store, &before, &after, &session);
  g_clear_object (&store);

  {
    const char *argv[] = { cli, "--profile", profile, "export", "events", "--format", "ics",
                           "--hub", HUB, "--from", "2026-10-26", "--to", "2026-10-26",
                           "--output", file, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_no_error (error);
    g_assert_cmpint (status, ==, 0);
  }
  g_assert_true (g_file_get_contents (file, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "SUMMARY:Netzwerkabend"));
  g_assert_null (strstr (text, "SUMMARY:KI-Sprechstunde"));

  /* the file back in: no duplicate */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    const char *argv[] = { cli, "--profile", profile, "import", file, "--hub", HUB, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_cmpint (status, ==, 0);
    g_assert_nonnull (strstr (out, "Unchanged: 1."));
  }

  /* an event in a room of the hub books the room */
  {
    g_autofree char *in_room = g_build_filename (f->dir, "room.ics", NULL);
    const char *argv[] = { cli, "--profile", profile, "import", in_room, "--hub", HUB, NULL };

    g_assert_true (g_file_set_contents (in_room,
                                        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n"
                                        "UID:raum@example.org\r\nSUMMARY:Gründerfrühstück\r\n"
                                        "DTSTART:20261112T070000Z\r\nDTEND:20261112T090000Z\r\n"
                                        "LOCATION:Saal Neckar\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", -1, NULL));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_cmpint (status, ==, 0);
  }

  /* a broken file: exit status 1, a sentence, nothing written */
  g_assert_true (g_file_set_contents (bad, "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n", -1, NULL));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    const char *argv[] = { cli, "--profile", profile, "import", bad, "--hub", HUB, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (err, "iCalendar"));
  }

  store = hd_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (store, HD_ENTITY_EVENT), ==, 3);
  {
    HdQuery query = { .entity = HD_ENTITY_BOOKING };
    g_autoptr(GPtrArray) bookings = hd_store_query (store, &query, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (bookings->len, ==, 1);
    g_assert_cmpstr (hd_record_get_string (g_ptr_array_index (bookings, 0), "starts_at"), ==, "2026-11-12T07:00:00Z");
    g_assert_nonnull (hd_record_get_string (g_ptr_array_index (bookings, 0), "event_id"));
  }
  g_clear_object (&store);

  /* bookings of a room */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    const char *argv[] = { cli, "--profile", profile, "export", "bookings", "--format", "ics", NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (err, "--room"));
  }
}

/* A series' cancelled dates are EXDATEs; a date moved into a booking of
 * its own is an override with the series' UID and RECURRENCE-ID. Two
 * readers work out the dates a calendar shows: libical and
 * python3-icalendar (with dateutil for the rule). */
static const char python_dates[] =
  "import sys, datetime, icalendar\n"
  "from dateutil.rrule import rrulestr\n"
  "cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n"
  "masters, overrides = {}, []\n"
  "for ev in cal.walk('VEVENT'):\n"
  "    (overrides.append(ev) if 'RECURRENCE-ID' in ev else masters.__setitem__(str(ev['UID']), ev))\n"
  "for uid, ev in masters.items():\n"
  "    start = ev['DTSTART'].dt\n"
  "    tz = start.tzinfo\n"
  "    local = lambda d: tz.localize(d) if hasattr(tz, 'localize') else d.replace(tzinfo=tz)\n"
  "    if 'RRULE' in ev:\n"
  "        rule = rrulestr(ev['RRULE'].to_ical().decode(), dtstart=start.replace(tzinfo=None))\n"
  "        exdate = ev.get('EXDATE')\n"
  "        exdate = exdate if isinstance(exdate, list) else [exdate] if exdate else []\n"
  "        ex = [d.dt for e in exdate for d in e.dts]\n"
  "        dates = [local(d) for d in rule]\n"
  "        dates = [d for d in dates if d not in ex]\n"
  "    else:\n"
  "        dates = [start]\n"
  "    for o in overrides:\n"
  "        if str(o['UID']) == uid:\n"
  "            rid = o['RECURRENCE-ID'].dt\n"
  "            dates = [d for d in dates if d != rid] + [o['DTSTART'].dt]\n"
  "    for d in sorted(dates):\n"
  "        print(uid, d.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ'))\n";

static void
test_booking_feed_exceptions (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(HdRecord) room = put (f->store, HD_ENTITY_ROOM, "name", "Werkstatt", "capacity", "12", NULL);
  /* Wednesdays 18:00 local from 14 October, four times; 21 October
   * cancelled, 28 October moved to Thursday 29 October 10:00 */
  g_autoptr(HdRecord) weekly = put (f->store, HD_ENTITY_BOOKING, "room_id", hd_record_get_id (room),
                                    "title", "Maker-Abend", "seats", "6",
                                    "starts_at", "2026-10-14T16:00:00Z", "ends_at", "2026-10-14T18:00:00Z",
                                    "recurrence", "FREQ=WEEKLY;COUNT=4",
                                    "exdates", "2026-10-21T16:00:00Z,2026-10-28T17:00:00Z", NULL);
  g_autoptr(HdRecord) moved = put (f->store, HD_ENTITY_BOOKING, "room_id", hd_record_get_id (room),
                                   "title", "Maker-Abend", "seats", "6",
                                   "starts_at", "2026-10-29T09:00:00Z", "ends_at", "2026-10-29T11:00:00Z",
                                   "series_id", hd_record_get_id (weekly),
                                   "recurrence_id", "2026-10-28T17:00:00Z", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = hd_ical_export_room_bookings (f->store, hd_record_get_id (room), &error);
  g_autofree char *file = g_build_filename (f->dir, "room.ics", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *uid = g_strconcat (hd_record_get_id (weekly), "@hubdesk", NULL);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *argv[] = { "/usr/bin/python3", "-c", python_dates, file, NULL };
  icalcomponent *calendar, *master = NULL, *override = NULL;
  icaltimezone *zone;
  icalrecur_iterator *it;
  struct icaltimetype dtstart, next, rid;
  guint n_exdates = 0;
  int status = 0;

  g_assert_no_error (error);
  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_VEVENT_COMPONENT), ==, 2);
  g_assert_null (find_vevent (calendar, hd_record_get_id (moved)));
  for (icalcomponent *c = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       c != NULL; c = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      g_assert_cmpstr (icalcomponent_get_uid (c), ==, uid);
      if (icalcomponent_get_first_property (c, ICAL_RECURRENCEID_PROPERTY) != NULL)
        override = c;
      else
        master = c;
    }
  g_assert_nonnull (master);
  g_assert_nonnull (override);
  zone = icalcomponent_get_timezone (calendar, "Europe/Berlin");
  g_assert_nonnull (zone);

  /* the override names the date it replaces, in the series' zone */
  rid = icalproperty_get_recurrenceid (icalcomponent_get_first_property (override,
                                                                         ICAL_RECURRENCEID_PROPERTY));
  g_assert_cmpint (rid.hour, ==, 18);
  rid.zone = NULL;
  g_assert_cmpint (icaltime_as_timet_with_zone (rid, zone), ==, unix_of ("2026-10-28T17:00:00Z"));

  /* the dates libical reads: the rule, less the EXDATEs and the replaced
   * date, plus the override */
  dtstart = icalproperty_get_dtstart (icalcomponent_get_first_property (master, ICAL_DTSTART_PROPERTY));
  dtstart.zone = zone;
  it = icalrecur_iterator_new (icalproperty_get_rrule (icalcomponent_get_first_property (master, ICAL_RRULE_PROPERTY)),
                               dtstart);
  while (!icaltime_is_null_time (next = icalrecur_iterator_next (it)))
    {
      gboolean skip;
      gint64 t;

      /* compared as wall-clock times of the one zone */
      next.zone = NULL;
      skip = icaltime_compare (next, rid) == 0;
      for (icalproperty *p = icalcomponent_get_first_property (master, ICAL_EXDATE_PROPERTY);
           p != NULL; p = icalcomponent_get_next_property (master, ICAL_EXDATE_PROPERTY))
        {
          struct icaltimetype ex = icalproperty_get_exdate (p);

          ex.zone = NULL;
          skip = skip || icaltime_compare (ex, next) == 0;
        }
      t = icaltime_as_timet_with_zone (next, zone);
      if (!skip)
        g_array_append_val (starts, t);
    }
  icalrecur_iterator_free (it);
  for (icalproperty *p = icalcomponent_get_first_property (master, ICAL_EXDATE_PROPERTY);
       p != NULL; p = icalcomponent_get_next_property (master, ICAL_EXDATE_PROPERTY))
    n_exdates++;
  /* only the cancelled date: the moved one is its override's */
  g_assert_cmpuint (n_exdates, ==, 1);
  g_assert_cmpuint (starts->len, ==, 2);
  g_assert_cmpint (g_array_index (starts, gint64, 0), ==, unix_of ("2026-10-14T16:00:00Z"));
  g_assert_cmpint (g_array_index (starts, gint64, 1), ==, unix_of ("2026-11-04T17:00:00Z"));
  dtstart = icalproperty_get_dtstart (icalcomponent_get_first_property (override, ICAL_DTSTART_PROPERTY));
  dtstart.zone = NULL;
  g_assert_cmpint (icaltime_as_timet_with_zone (dtstart, zone), ==, unix_of ("2026-10-29T09:00:00Z"));
  icalcomponent_free (calendar);

  /* the same dates through python3-icalendar */
  g_assert_true (g_file_set_contents (file, text, -1, NULL));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("python3-icalendar could not read the feed: %s", err);
  expected = g_strdup_printf ("%s 2026-10-14T16:00:00Z\n%s 2026-10-29T09:00:00Z\n"
                              "%s 2026-11-04T17:00:00Z\n", uid, uid, uid);
  g_assert_cmpstr (out, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/interop/ical/export-times", Fixture, NULL, fixture_set_up, test_export_times, fixture_tear_down);
  g_test_add ("/interop/ical/export-python", Fixture, NULL, fixture_set_up, test_export_python, fixture_tear_down);
  g_test_add ("/interop/ical/booking-feed", Fixture, NULL, fixture_set_up, test_booking_feed, fixture_tear_down);
  g_test_add ("/interop/ical/booking-feed-exceptions", Fixture, NULL, fixture_set_up,
              test_booking_feed_exceptions, fixture_tear_down);
  g_test_add ("/interop/ical/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/interop/ical/import-foreign", Fixture, NULL, fixture_set_up, test_import_foreign, fixture_tear_down);
  g_test_add ("/interop/ical/import-malformed", Fixture, NULL, fixture_set_up, test_import_malformed, fixture_tear_down);
  g_test_add ("/interop/ical/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);

  return g_test_run ();
}
