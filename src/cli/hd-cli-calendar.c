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

static const char *
step_action_label (HdImportAction action)
{
  switch (action)
    {
    case HD_IMPORT_CREATE: return _("create");
    case HD_IMPORT_UPDATE: return _("update");
    case HD_IMPORT_SKIP:
    default: return _("skip");
    }
}

static const char *
step_action_name (HdImportAction action)
{
  return action == HD_IMPORT_CREATE ? "create" : action == HD_IMPORT_UPDATE ? "update" : "skip";
}

/* Every step but a plain create, then the summary the preview shows
 * (hd_ical_plan_describe()). */
static void
print_plan (HdImportPlan *plan,
            guint         recurring)
{
  GPtrArray *steps = hd_import_plan_get_steps (plan);
  g_autofree char *summary = hd_ical_plan_describe (plan, recurring);

  for (guint i = 0; i < steps->len; i++)
    {
      HdImportStep *step = g_ptr_array_index (steps, i);

      if (step->action == HD_IMPORT_CREATE)
        continue;
      /* TRANSLATORS: "line 12: update Netzwerkabend — Start" */
      g_print (_("line %u: %s %s — %s\n"), step->line, step_action_label (step->action),
               step->label, step->reason != NULL ? step->reason : "");
    }
  g_print ("%s\n", summary);
}

static void
print_plan_json (HdImportPlan *plan,
                 guint         recurring,
                 gboolean      dry_run,
                 const char   *import_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  GPtrArray *steps = hd_import_plan_get_steps (plan);
  guint counts[4] = { 0 };   /* events created, updated, sessions created, updated */

  for (guint i = 0; i < steps->len; i++)
    {
      HdImportStep *step = g_ptr_array_index (steps, i);
      guint base = step->entity == HD_ENTITY_SESSION ? 2 : 0;

      if (step->action != HD_IMPORT_SKIP)
        counts[base + (step->action == HD_IMPORT_UPDATE ? 1 : 0)]++;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "create");
  json_builder_add_int_value (builder, hd_import_plan_count (plan, HD_IMPORT_CREATE));
  json_builder_set_member_name (builder, "update");
  json_builder_add_int_value (builder, hd_import_plan_count (plan, HD_IMPORT_UPDATE));
  json_builder_set_member_name (builder, "skip");
  json_builder_add_int_value (builder, hd_import_plan_count (plan, HD_IMPORT_SKIP));
  json_builder_set_member_name (builder, "events_created");
  json_builder_add_int_value (builder, counts[0]);
  json_builder_set_member_name (builder, "events_updated");
  json_builder_add_int_value (builder, counts[1]);
  json_builder_set_member_name (builder, "sessions_created");
  json_builder_add_int_value (builder, counts[2]);
  json_builder_set_member_name (builder, "sessions_updated");
  json_builder_add_int_value (builder, counts[3]);
  json_builder_set_member_name (builder, "recurring");
  json_builder_add_int_value (builder, recurring);
  json_builder_set_member_name (builder, "dry_run");
  json_builder_add_boolean_value (builder, dry_run);
  json_builder_set_member_name (builder, "import_id");
  if (import_id != NULL)
    json_builder_add_string_value (builder, import_id);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < steps->len; i++)
    {
      HdImportStep *step = g_ptr_array_index (steps, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "action");
      json_builder_add_string_value (builder, step_action_name (step->action));
      json_builder_set_member_name (builder, "entity");
      json_builder_add_string_value (builder, hd_entity_name (step->entity));
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, step->line);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, step->label);
      json_builder_set_member_name (builder, "starts_at");
      if (step->record != NULL && hd_record_get_string (step->record, "starts_at") != NULL)
        json_builder_add_string_value (builder, hd_record_get_string (step->record, "starts_at"));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "reason");
      if (step->reason != NULL)
        json_builder_add_string_value (builder, step->reason);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  hd_cli_print_json (node);
}

int
hd_cli_import_calendar (HdCli  *cli,
                        char  **args)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rest = NULL;
  g_autofree char *hub = NULL;
  g_autofree char *import_id = NULL;
  g_autoptr(HdImportPlan) plan = NULL;
  g_auto(GStrv) event_ids = NULL;
  gboolean dry_run = FALSE;
  guint recurring = 0;
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

  if (!hd_cli_open_store (cli, &error))
    return hd_cli_fail ("import", error);

  /* the same plan the application previews */
  plan = hd_ical_plan_new_for_file (cli->store, hub, rest[0], 0, &recurring, &error);
  if (plan == NULL)
    return hd_cli_fail (rest[0], error);

  if (!dry_run && hd_import_plan_count (plan, HD_IMPORT_CREATE) + hd_import_plan_count (plan, HD_IMPORT_UPDATE) > 0)
    {
      event_ids = hd_ical_plan_event_ids (plan);
      import_id = hd_import_plan_apply (plan, cli->store, &error);
      if (import_id == NULL)
        return hd_cli_fail ("import", error);

      /* events in a hub room book it, as when planned in the application */
      for (guint i = 0; event_ids[i] != NULL; i++)
        if (!hd_event_sync_bookings (cli->store, event_ids[i], &error))
          return hd_cli_fail ("import", error);
    }

  if (cli->json)
    {
      print_plan_json (plan, recurring, dry_run, import_id);
      return 0;
    }

  print_plan (plan, recurring);
  if (dry_run)
    g_print ("%s\n", _("Checked only: nothing was written."));
  {
    GPtrArray *steps = hd_import_plan_get_steps (plan);
    guint counts[5] = { 0 };   /* events new, updated, sessions new, updated, unchanged */

    for (guint i = 0; i < steps->len; i++)
      {
        HdImportStep *step = g_ptr_array_index (steps, i);
        guint base = step->entity == HD_ENTITY_SESSION ? 2 : 0;

        if (step->action == HD_IMPORT_SKIP)
          counts[4] += step->reason != NULL && g_str_equal (step->reason, _("Already up to date.")) ? 1 : 0;
        else
          counts[base + (step->action == HD_IMPORT_UPDATE ? 1 : 0)]++;
      }
    g_print (_("Events: %u new, %u updated. Sessions: %u new, %u updated. Unchanged: %u.\n"),
             counts[0], counts[1], counts[2], counts[3], counts[4]);
  }

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
