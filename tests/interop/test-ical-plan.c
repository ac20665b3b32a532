/* test-ical-plan.c — importing iCalendar files through a plan: repeating
 * items one event per date (DST, EXDATE, RDATE, overrides, the window),
 * skipped items with their reasons, undo, re-import and round trips, and
 * the plan the command line prints
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "hd-ical.h"

#define HUB "0b7f5c1e-3a53-4b4c-9a55-7c1f7d3b2a10"

typedef struct {
  char    *dir;
  HdStore *store;
  gint64   now;    /* 2026-10-01T00:00:00Z */
} Fixture;

static HdStore *
open_store (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "hubdesk.db", NULL);
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

static gint64
unix_of (const char *text)
{
  gint64 t = 0;

  g_assert_true (hd_timestamp_parse (text, &t));
  return t;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("hubdesk-ical-plan-XXXXXX", NULL);
  f->store = open_store (f->dir);
  f->now = unix_of ("2026-10-01T00:00:00Z");
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

static HdImportPlan *
plan_text (Fixture    *f,
           const char *text)
{
  g_autoptr(GError) error = NULL;
  HdImportPlan *plan = hd_ical_plan_new (f->store, HUB, text, -1, f->now, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

static char *
apply_text (Fixture    *f,
            const char *text)
{
  g_autoptr(HdImportPlan) plan = plan_text (f, text);
  g_autoptr(GError) error = NULL;
  char *id = hd_import_plan_apply (plan, f->store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

/* The events of the hub, in time order. */
static GPtrArray *
events (Fixture *f)
{
  HdQuery query = { .entity = HD_ENTITY_EVENT, .hub_id = HUB, .order_by = "starts_at" };
  g_autoptr(GError) error = NULL;
  GPtrArray *found = hd_store_query (f->store, &query, &error);

  g_assert_no_error (error);
  return found;
}

/* "HH:MM" in Europe/Berlin of an event's start. */
static char *
berlin_clock (HdRecord *event)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_of (hd_record_get_string (event, "starts_at")));
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

  return g_date_time_format (local, "%H:%M");
}

static const char weekly[] =
  "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//Test//EN\r\n"
  "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"
  "BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\n"
  "DTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n"
  "BEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\n"
  "DTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n"
  "END:VTIMEZONE\r\n"
  "BEGIN:VEVENT\r\nUID:stammtisch@example.org\r\nSUMMARY:Gründerstammtisch\r\n"
  "DTSTART;TZID=Europe/Berlin:20261014T180000\r\nDTEND;TZID=Europe/Berlin:20261014T200000\r\n"
  "RRULE:FREQ=WEEKLY;COUNT=5\r\n"
  "EXDATE;TZID=Europe/Berlin:20261021T180000\r\n"
  "RDATE;TZID=Europe/Berlin:20261120T170000\r\n"
  "END:VEVENT\r\n"
  "BEGIN:VEVENT\r\nUID:stammtisch@example.org\r\nSUMMARY:Gründerstammtisch (verlegt)\r\n"
  "RECURRENCE-ID;TZID=Europe/Berlin:20261104T180000\r\n"
  "DTSTART;TZID=Europe/Berlin:20261105T190000\r\nDTEND;TZID=Europe/Berlin:20261105T210000\r\n"
  "END:VEVENT\r\n"
  "END:VCALENDAR\r\n";

/* Oct 14, 21 (left out), 28 (after the change to winter time), Nov 4
 * (moved to Nov 5, 19:00), Nov 11, and the added Nov 20, 17:00. */
static void
test_weekly_series (Fixture       *f,
                    gconstpointer  data)
{
  static const struct {
    const char *starts_at;
    const char *clock;
    const char *title;
  } expected[] = {
    { "2026-10-14T16:00:00Z", "18:00", "Gründerstammtisch" },
    { "2026-10-28T17:00:00Z", "18:00", "Gründerstammtisch" },
    { "2026-11-05T18:00:00Z", "19:00", "Gründerstammtisch (verlegt)" },
    { "2026-11-11T17:00:00Z", "18:00", "Gründerstammtisch" },
    { "2026-11-20T16:00:00Z", "17:00", "Gründerstammtisch" },
  };
  g_autoptr(HdImportPlan) plan = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  guint recurring = 0;

  plan = hd_ical_plan_new (f->store, HUB, weekly, -1, f->now, &recurring, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recurring, ==, 1);
  g_assert_cmpuint (hd_import_plan_count (plan, HD_IMPORT_CREATE), ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (hd_import_plan_count (plan, HD_IMPORT_SKIP), ==, 0);
  id = hd_import_plan_apply (plan, f->store, &error);
  g_assert_no_error (error);

  found = events (f);
  g_assert_cmpuint (found->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < found->len; i++)
    {
      HdRecord *event = g_ptr_array_index (found, i);
      g_autofree char *clock = berlin_clock (event);

      g_assert_cmpstr (hd_record_get_string (event, "starts_at"), ==, expected[i].starts_at);
      g_assert_cmpstr (clock, ==, expected[i].clock);
      g_assert_cmpstr (hd_record_get_string (event, "title"), ==, expected[i].title);
      g_assert_cmpstr (hd_record_get_string (event, "status"), ==, "draft");
      /* two hours each, the override's own end included */
      g_assert_cmpint (unix_of (hd_record_get_string (event, "ends_at")) - unix_of (expected[i].starts_at),
                       ==, 2 * 3600);
      for (guint j = 0; j < i; j++)
        g_assert_cmpstr (hd_record_get_id (event), !=, hd_record_get_id (g_ptr_array_index (found, j)));
    }
}

/* The same file again: every date is found by its UID, nothing changes;
 * a changed file updates the dates it changes. */
static void
test_reimport (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *first = apply_text (f, weekly);
  g_autoptr(HdImportPlan) again = plan_text (f, weekly);
  GPtrArray *steps = hd_import_plan_get_steps (again);
  g_autoptr(GPtrArray) before = events (f);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GString) moved = g_string_new (weekly);
  g_autoptr(HdImportPlan) changed = NULL;
  gint64 outbox = hd_store_outbox_count (f->store, NULL);

  g_assert_nonnull (first);

  g_assert_cmpuint (hd_import_plan_count (again, HD_IMPORT_CREATE), ==, 0);
  g_assert_cmpuint (hd_import_plan_count (again, HD_IMPORT_UPDATE), ==, 0);
  g_assert_cmpuint (hd_import_plan_count (again, HD_IMPORT_SKIP), ==, before->len);
  for (guint i = 0; i < steps->len; i++)
    g_assert_null (((HdImportStep *) g_ptr_array_index (steps, i))->record);
  g_assert_cmpint (hd_store_outbox_count (f->store, NULL), ==, outbox);

  /* the override moves to another hour: that date is updated, not added */
  g_string_replace (moved, "20261105T190000", "20261105T200000", 1);
  g_string_replace (moved, "20261105T210000", "20261105T220000", 1);
  changed = plan_text (f, moved->str);
  g_assert_cmpuint (hd_import_plan_count (changed, HD_IMPORT_CREATE), ==, 0);
  g_assert_cmpuint (hd_import_plan_count (changed, HD_IMPORT_UPDATE), ==, 1);
  g_free (hd_import_plan_apply (changed, f->store, NULL));
  after = events (f);
  g_assert_cmpuint (after->len, ==, before->len);
  g_assert_cmpstr (hd_record_get_string (g_ptr_array_index (after, 2), "starts_at"), ==, "2026-11-05T19:00:00Z");
  g_assert_cmpstr (hd_record_get_id (g_ptr_array_index (after, 2)), ==,
                   hd_record_get_id (g_ptr_array_index (before, 2)));
}

/* An override with STATUS:CANCELLED cancels its date; a second override
 * of the same date is skipped. */
static void
test_cancelled_date (Fixture       *f,
                     gconstpointer  data)
{
  static const char text[] =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
    "BEGIN:VEVENT\r\nUID:sprechstunde@example.org\r\nSUMMARY:Sprechstunde\r\n"
    "DTSTART;TZID=Europe/Berlin:20261103T100000\r\nDURATION:PT1H\r\n"
    "RRULE:FREQ=WEEKLY;COUNT=3\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:sprechstunde@example.org\r\nSUMMARY:Sprechstunde\r\nSTATUS:CANCELLED\r\n"
    "RECURRENCE-ID;TZID=Europe/Berlin:20261110T100000\r\n"
    "DTSTART;TZID=Europe/Berlin:20261110T100000\r\nDURATION:PT1H\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:sprechstunde@example.org\r\nSUMMARY:Sprechstunde doppelt\r\n"
    "RECURRENCE-ID;TZID=Europe/Berlin:20261110T100000\r\n"
    "DTSTART;TZID=Europe/Berlin:20261110T110000\r\nDURATION:PT1H\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n";
  g_autoptr(HdImportPlan) plan = plan_text (f, text);
  g_autofree char *id = NULL;
  g_autoptr(GPtrArray) found = NULL;

  g_assert_cmpuint (hd_import_plan_count (plan, HD_IMPORT_CREATE), ==, 3);
  g_assert_cmpuint (hd_import_plan_count (plan, HD_IMPORT_SKIP), ==, 1);
  id = hd_import_plan_apply (plan, f->store, NULL);
  g_assert_nonnull (id);

  found = events (f);
  g_assert_cmpuint (found->len, ==, 3);
  g_assert_cmpstr (hd_record_get_string (g_ptr_array_index (found, 0), "status"), ==, "draft");
  g_assert_cmpstr (hd_record_get_string (g_ptr_array_index (found, 1), "starts_at"), ==, "2026-11-10T09:00:00Z");
  g_assert_cmpstr (hd_record_get_string (g_ptr_array_index (found, 1), "status"), ==, "cancelled");
  g_assert_cmpstr (hd_record_get_string (g_ptr_array_index (found, 2), "status"), ==, "draft");
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

/* Imported dates exported and read back are the same events; a second
 * export is the first. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *id = apply_text (f, weekly);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = hd_ical_export_events (f->store, HUB, NULL, NULL, &error);
  g_autoptr(HdImportPlan) plan = NULL;
  g_autofree char *second = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_assert_nonnull (id);

  g_assert_no_error (error);
  plan = plan_text (f, first);
  g_assert_cmpuint (hd_import_plan_count (plan, HD_IMPORT_CREATE), ==, 0);
  g_assert_cmpuint (hd_import_plan_count (plan, HD_IMPORT_UPDATE), ==, 0);
  g_assert_cmpuint (hd_import_plan_count (plan, HD_IMPORT_SKIP), ==, 5);

  second = hd_ical_export_events (f->store, HUB, NULL, NULL, &error);
  g_assert_no_error (error);
  a = without_stamps (first);
  b = without_stamps (second);
  g_assert_cmpstr (a, ==, b);
  g_assert_nonnull (strstr (a, "Gründerstammtisch (verlegt)"));
}

/* A daily item without end: at most 200 dates, within a year of now, the
 * coming ones first. */
static void
test_window (Fixture       *f,
             gconstpointer  data)
{
  static const char daily[] =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
    "BEGIN:VEVENT\r\nUID:daily@example.org\r\nSUMMARY:Daily stand-up\r\n"
    "DTSTART;TZID=Europe/Berlin:20240102T090000\r\nDURATION:PT15M\r\n"
    "RRULE:FREQ=DAILY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  g_autoptr(HdImportPlan) plan = plan_text (f, daily);
  GPtrArray *steps = hd_import_plan_get_steps (plan);
  gint64 earliest = G_MAXINT64, latest = 0;

  g_assert_cmpuint (hd_import_plan_count (plan, HD_IMPORT_CREATE), ==, HD_ICAL_MAX_OCCURRENCES);
  for (guint i = 0; i < steps->len; i++)
    {
      HdImportStep *step = g_ptr_array_index (steps, i);
      gint64 start = unix_of (hd_record_get_string (step->record, "starts_at"));

      earliest = MIN (earliest, start);
      latest = MAX (latest, start);
    }
  /* the first at 09:00 on the day after now, then 199 more */
  g_assert_cmpint (earliest, ==, unix_of ("2026-10-01T07:00:00Z"));
  g_assert_cmpint (latest, <=, f->now + (gint64) HD_ICAL_RECURRENCE_FUTURE_DAYS * 86400);
  g_assert_cmpint (latest, >=, unix_of ("2027-04-18T07:00:00Z"));
}

static const char mixed[] =
  "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
  "BEGIN:VEVENT\r\nUID:gut@example.org\r\nSUMMARY:Gut\r\n"
  "DTSTART:20261110T150000Z\r\nDTEND:20261110T170000Z\r\nEND:VEVENT\r\n"
  "BEGIN:VEVENT\r\nUID:ohne@example.org\r\nSUMMARY:Ohne Zeit\r\nEND:VEVENT\r\n"
  "BEGIN:VEVENT\r\nUID:kaputt@example.org\r\nSUMMARY:Kaputt\r\nDTSTART:2026-13-45\r\nEND:VEVENT\r\n"
  "BEGIN:VEVENT\r\nUID:rueck@example.org\r\nSUMMARY:Rückwärts\r\n"
  "DTSTART:20261110T150000Z\r\nDTEND:20261110T140000Z\r\nEND:VEVENT\r\n"
  "END:VCALENDAR\r\n";

/* Items that cannot be events are skipped with a reason and the line
 * they start on; the rest goes in. */
static void
test_skipped (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(HdImportPlan) plan = plan_text (f, mixed);
  GPtrArray *steps = hd_import_plan_get_steps (plan);
  g_autofree char *summary = hd_import_plan_describe (plan);
  g_autofree char *id = NULL;
  g_autoptr(GPtrArray) found = NULL;
  guint lines[] = { 3, 9, 13, 18 };

  g_assert_cmpuint (hd_import_plan_count (plan, HD_IMPORT_CREATE), ==, 1);
  g_assert_cmpuint (hd_import_plan_count (plan, HD_IMPORT_SKIP), ==, 3);
  g_assert_cmpuint (steps->len, ==, 4);
  for (guint i = 0; i < steps->len; i++)
    {
      HdImportStep *step = g_ptr_array_index (steps, i);

      g_assert_cmpuint (step->line, ==, lines[i]);
      if (i == 0)
        continue;
      g_assert_cmpint (step->action, ==, HD_IMPORT_SKIP);
      g_assert_nonnull (step->reason);
      g_test_message ("%s: %s", step->label, step->reason);
    }
  g_assert_nonnull (strstr (((HdImportStep *) steps->pdata[1])->reason, "start"));
  g_assert_nonnull (strstr (((HdImportStep *) steps->pdata[3])->reason, "before"));
  g_assert_nonnull (strstr (summary, "1 to create"));
  g_assert_nonnull (strstr (summary, "3 to skip"));

  id = hd_import_plan_apply (plan, f->store, NULL);
  g_assert_nonnull (id);
  found = events (f);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (hd_record_get_string (g_ptr_array_index (found, 0), "title"), ==, "Gut");
}

/* Undo removes the events an import created and puts back the fields it
 * changed in the ones it updated. */
static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *first = apply_text (f, mixed);
  g_autoptr(GPtrArray) before = events (f);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) undone = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *second = NULL;
  g_autofree char *text = g_strconcat ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
                                       "BEGIN:VEVENT\r\nUID:gut@example.org\r\nSUMMARY:Besser\r\n"
                                       "DTSTART:20261110T160000Z\r\nDTEND:20261110T170000Z\r\nEND:VEVENT\r\n",
                                       strstr (weekly, "BEGIN:VEVENT"), NULL);
  gint64 outbox;

  g_assert_nonnull (first);

  g_assert_cmpuint (before->len, ==, 1);
  second = apply_text (f, text);
  after = events (f);
  g_assert_cmpuint (after->len, ==, 6);

  outbox = hd_store_outbox_count (f->store, NULL);
  g_assert_true (hd_ical_import_undo (f->store, second, &error));
  g_assert_no_error (error);
  g_assert_cmpint (hd_store_outbox_count (f->store, NULL), >, outbox);

  undone = events (f);
  g_assert_cmpuint (undone->len, ==, 1);
  g_assert_cmpstr (hd_record_get_string (g_ptr_array_index (undone, 0), "title"), ==, "Gut");
  g_assert_cmpstr (hd_record_get_string (g_ptr_array_index (undone, 0), "starts_at"), ==, "2026-11-10T15:00:00Z");
  g_assert_cmpstr (hd_record_get_id (g_ptr_array_index (undone, 0)), ==,
                   hd_record_get_id (g_ptr_array_index (before, 0)));

  /* the undone dates come back under ids of their own, and stay there */
  {
    g_autofree char *third = apply_text (f, text);
    g_autoptr(GPtrArray) back = events (f);
    g_autoptr(HdImportPlan) again = plan_text (f, text);
    g_autoptr(GHashTable) first_ids = g_hash_table_new (g_str_hash, g_str_equal);
    const char *kept = hd_record_get_id (g_ptr_array_index (before, 0));

    g_assert_nonnull (third);

    g_assert_cmpuint (back->len, ==, 6);
    for (guint j = 0; j < after->len; j++)
      g_hash_table_add (first_ids, (gpointer) hd_record_get_id (g_ptr_array_index (after, j)));
    for (guint i = 0; i < back->len; i++)
      {
        const char *back_id = hd_record_get_id (g_ptr_array_index (back, i));

        /* "Gut" was never deleted and keeps its id; the dates get new ones */
        g_assert_true (g_str_equal (back_id, kept) || !g_hash_table_contains (first_ids, back_id));
      }
    g_assert_cmpuint (hd_import_plan_count (again, HD_IMPORT_CREATE), ==, 0);
    g_assert_cmpuint (hd_import_plan_count (again, HD_IMPORT_UPDATE), ==, 0);
  }
}

/* A file that is no calendar fails before the plan, and writes nothing. */
static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  static const char * const cases[] = {
    "",
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nEND:VCARD\r\n",
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a@x\r\nDTSTART:20261110T150000Z\r\n",
    /* a line that is no property, outside any event */
    ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nthis line is not a property\r\n"
    "BEGIN:VEVENT\r\nUID:b@x\r\nDTSTART:20261110T150000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"),
  };
  gint64 outbox = hd_store_outbox_count (f->store, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(HdImportPlan) plan = hd_ical_plan_new (f->store, HUB, cases[i], -1, f->now, NULL, &error);

      g_assert_null (plan);
      g_assert_error (error, HD_ICAL_ERROR, HD_ICAL_ERROR_MALFORMED);
      g_test_message ("case %u: %s", i, error->message);
    }
  g_assert_cmpint (hd_store_outbox_count (f->store, NULL), ==, outbox);
}

/* hubdesk-cli import --dry-run prints the plan the application previews. */
static void
test_cli_plan (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *cli = g_build_filename (g_getenv ("HUBDESK_BUILDDIR"), "src", "cli", "hubdesk-cli", NULL);
  g_autofree char *file = g_build_filename (f->dir, "mixed.ics", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdImportPlan) plan = NULL;
  const char *argv[] = { cli, "--profile", f->dir, "import", file, "--hub", HUB, "--dry-run", NULL };
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "LANGUAGE", "en", TRUE);
  int status;

  /* the items of "mixed", then the repeating one of "weekly", whose
   * line the summary adds */
  g_autofree char *events_part = g_strndup (strstr (mixed, "BEGIN:VEVENT"),
                                            strstr (mixed, "END:VCALENDAR") - strstr (mixed, "BEGIN:VEVENT"));
  g_autofree char *text = g_strconcat ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", events_part,
                                       strstr (weekly, "BEGIN:VEVENT"), NULL);
  guint recurring = 0;

  g_assert_true (g_file_set_contents (file, text, -1, NULL));
  plan = hd_ical_plan_new (f->store, HUB, text, -1, 0, &recurring, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recurring, ==, 1);
  summary = hd_ical_plan_describe (plan, recurring);
  g_assert_nonnull (strchr (summary, '\n'));
  g_clear_object (&f->store);

  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("%s%s", out, err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, summary));
  g_assert_nonnull (strstr (out, "line 9: skip Ohne Zeit"));
  g_assert_nonnull (strstr (out, "nothing was written"));

  f->store = open_store (f->dir);
  {
    g_autoptr(GPtrArray) found = events (f);

    g_assert_cmpuint (found->len, ==, 0);
  }
}

static guint
count_vevents (const char *text)
{
  guint n = 0;

  for (const char *p = strstr (text, "BEGIN:VEVENT"); p != NULL; p = strstr (p + 1, "BEGIN:VEVENT"))
    n++;
  return n;
}

/* The export of a list writes the events its query matches, no more. */
static void
test_export_query (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *id = apply_text (f, weekly);
  g_autoptr(HdRecord) published = hd_record_new (HD_ENTITY_EVENT, HUB);
  g_autoptr(GError) error = NULL;
  g_autofree char *drafts = NULL;
  g_autofree char *searched = NULL;
  g_autofree char *all = NULL;
  HdQuery query = { .entity = HD_ENTITY_EVENT, .hub_id = HUB, .status = "draft",
                    .order_by = "starts_at", .limit = 2 };

  g_assert_nonnull (id);

  hd_record_set_string (published, "title", "Netzwerkabend");
  hd_record_set_string (published, "status", "published");
  hd_record_set_string (published, "starts_at", "2026-11-12T17:00:00Z");
  hd_record_set_string (published, "ends_at", "2026-11-12T20:00:00Z");
  g_assert_true (hd_store_save (f->store, published, &error));
  g_assert_no_error (error);

  /* the list's paging does not cut the file short */
  drafts = hd_ical_export_query (f->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_vevents (drafts), ==, 5);
  g_assert_null (strstr (drafts, "Netzwerkabend"));

  query.search = "verlegt";
  searched = hd_ical_export_query (f->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_vevents (searched), ==, 1);
  g_assert_nonnull (strstr (searched, "20261105T190000"));

  query.search = NULL;
  query.status = NULL;
  query.from = "2026-11-06T00:00:00Z";
  all = hd_ical_export_query (f->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_vevents (all), ==, 3);
  g_assert_nonnull (strstr (all, "Netzwerkabend"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "en", TRUE);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/interop/ical-plan/weekly-series", test_weekly_series);
  ADD ("/interop/ical-plan/reimport", test_reimport);
  ADD ("/interop/ical-plan/cancelled-date", test_cancelled_date);
  ADD ("/interop/ical-plan/round-trip", test_round_trip);
  ADD ("/interop/ical-plan/window", test_window);
  ADD ("/interop/ical-plan/skipped", test_skipped);
  ADD ("/interop/ical-plan/undo", test_undo);
  ADD ("/interop/ical-plan/malformed", test_malformed);
  ADD ("/interop/ical-plan/cli", test_cli_plan);
  ADD ("/interop/ical-plan/export-query", test_export_query);
#undef ADD

  return g_test_run ();
}
