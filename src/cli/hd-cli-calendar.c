/* hd-cli-calendar.c — hubdesk-cli: importing and exporting iCalendar files
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "hd-cli-private.h"
#include "hd-events.h"
#include "hd-ical.h"

static int
fail_message (const char *message)
{
  g_printerr ("hubdesk-cli: %s\n", message);
  return 1;
}

/* YYYY-MM-DD (+ @add_days) at midnight in Europe/Berlin, as RFC 3339 UTC. */
static char *
day_start (const char *date,
           int         add_days)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) shifted = NULL;
  int year, month, day;
  char end;

  if (date == NULL || sscanf (date, "%4d-%2d-%2d%c", &year, &month, &day, &end) != 3)
    return NULL;
  if (tz == NULL)
    tz = g_time_zone_new_utc ();

  local = g_date_time_new (tz, year, month, day, 0, 0, 0);
  if (local == NULL)
    return NULL;
  shifted = g_date_time_add_days (local, add_days);

  return hd_timestamp_format (g_date_time_to_unix (shifted));
}

int
hd_cli_import_calendar (HdCli  *cli,
                        char  **args)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rest = NULL;
  g_autofree char *hub = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  gboolean dry_run = FALSE;
  HdIcalImportSummary summary = { 0 };
  GOptionEntry entries[] = {
    { "hub", 0, 0, G_OPTION_ARG_STRING, &hub, N_("The hub to import into"), N_("ID") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Check the file, write nothing"), NULL },
    { NULL }
  };

  if (!hd_cli_parse_options ("import", entries, args, &rest, &error))
    return hd_cli_fail ("import", error);
  if (hub == NULL && cli->hub != NULL)
    hub = g_strdup (cli->hub);

  if (rest[0] == NULL || rest[1] != NULL)
    return fail_message (_("Name one calendar file to import: import FILE.ics --hub ID."));
  if (hub == NULL)
    return fail_message (_("Say which hub the events belong to with --hub ID."));

  if (!g_file_get_contents (rest[0], &contents, &length, &error))
    return hd_cli_fail ("import", error);
  if (!hd_cli_open_store (cli, &error))
    return hd_cli_fail ("import", error);

  if (!hd_ical_import (cli->store, hub, contents, (gssize) length, dry_run, &summary, &error))
    return hd_cli_fail (rest[0], error);

  /* events in a hub room book it, as when planned in the application */
  for (guint i = 0; summary.event_ids != NULL && summary.event_ids[i] != NULL; i++)
    if (!hd_event_sync_bookings (cli->store, summary.event_ids[i], &error))
      {
        hd_ical_import_summary_clear (&summary);
        return hd_cli_fail ("import", error);
      }
  hd_ical_import_summary_clear (&summary);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "events_created");
      json_builder_add_int_value (builder, summary.events_created);
      json_builder_set_member_name (builder, "events_updated");
      json_builder_add_int_value (builder, summary.events_updated);
      json_builder_set_member_name (builder, "sessions_created");
      json_builder_add_int_value (builder, summary.sessions_created);
      json_builder_set_member_name (builder, "sessions_updated");
      json_builder_add_int_value (builder, summary.sessions_updated);
      json_builder_set_member_name (builder, "unchanged");
      json_builder_add_int_value (builder, summary.unchanged);
      json_builder_set_member_name (builder, "recurring");
      json_builder_add_int_value (builder, summary.recurring);
      json_builder_set_member_name (builder, "dry_run");
      json_builder_add_boolean_value (builder, dry_run);
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      hd_cli_print_json (node);
      return 0;
    }

  if (dry_run)
    g_print ("%s\n", _("Checked only: nothing was written."));
  g_print (_("Events: %u new, %u updated. Sessions: %u new, %u updated. Unchanged: %u.\n"),
           summary.events_created, summary.events_updated,
           summary.sessions_created, summary.sessions_updated, summary.unchanged);
  if (summary.recurring > 0)
    g_print (_("Repeating items were taken with their first date only: %u.\n"), summary.recurring);

  return 0;
}

int
hd_cli_export_calendar (HdCli  *cli,
                        char  **args)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rest = NULL;
  g_autofree char *format = NULL;
  g_autofree char *hub = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *output = NULL;
  g_autofree char *room = NULL;
  g_autofree char *event = NULL;
  g_autofree char *from_ts = NULL;
  g_autofree char *until_ts = NULL;
  g_autofree char *text = NULL;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("The file format: ics"), N_("FORMAT") },
    { "hub", 0, 0, G_OPTION_ARG_STRING, &hub, N_("Only events of this hub"), N_("ID") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Only events on or after this day"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Only events on or before this day"), N_("DATE") },
    { "event", 0, 0, G_OPTION_ARG_STRING, &event, N_("Only this event and its agenda"), N_("ID") },
    { "room", 0, 0, G_OPTION_ARG_STRING, &room, N_("The room whose bookings to export"), N_("ID") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };

  if (!hd_cli_parse_options ("export", entries, args, &rest, &error))
    return hd_cli_fail ("export", error);
  if (hub == NULL && cli->hub != NULL)
    hub = g_strdup (cli->hub);

  if (rest[0] == NULL || rest[1] != NULL)
    return fail_message (_("Say what to export: events or bookings."));
  if (format == NULL || g_ascii_strcasecmp (format, "ics") != 0)
    return fail_message (_("Events and bookings are exported as iCalendar: add --format ics."));

  if ((from != NULL && (from_ts = day_start (from, 0)) == NULL)
      || (to != NULL && (until_ts = day_start (to, 1)) == NULL))
    return fail_message (_("Give dates as YYYY-MM-DD, for example 2026-11-25."));

  if (!hd_cli_open_store (cli, &error))
    return hd_cli_fail ("export", error);

  if (g_str_equal (rest[0], "bookings"))
    {
      if (room == NULL)
        return fail_message (_("Say whose bookings to export with --room ID."));
      text = hd_ical_export_room_bookings (cli->store, room, &error);
    }
  else if (event != NULL)
    text = hd_ical_export_event (cli->store, event, &error);
  else
    text = hd_ical_export_events (cli->store, hub, from_ts, until_ts, &error);

  if (text == NULL)
    return hd_cli_fail ("export", error);

  if (output != NULL)
    {
      if (!g_file_set_contents (output, text, -1, &error))
        return hd_cli_fail (output, error);
    }
  else
    g_print ("%s", text);

  return 0;
}
