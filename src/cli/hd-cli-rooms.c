/* hd-cli-rooms.c — hubdesk-cli occupancy: booked over open seat-hours by
 * hour and weekday, or per room, as a table or CSV
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "hd-cli-rooms.h"
#include "hd-rooms.h"

static GDate *
parse_date (const char  *text,
            GError     **error)
{
  int year, month, day;
  char end;
  GDate *date;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &end) != 3 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not a date such as 2026-11-23."), text != NULL ? text : "");
      return NULL;
    }

  date = g_date_new_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return date;
}

/* The hub by id or by name (case does not matter). */
static char *
find_hub (HdStore     *store,
          const char  *text,
          GError     **error)
{
  g_autoptr(GPtrArray) hubs = NULL;
  HdQuery query = { 0 };

  query.entity = HD_ENTITY_HUB;
  hubs = hd_store_query (store, &query, error);
  if (hubs == NULL)
    return NULL;

  for (guint i = 0; i < hubs->len; i++)
    {
      HdRecord *hub = g_ptr_array_index (hubs, i);
      const char *name = hd_record_get_string (hub, "name");
      g_autofree char *a = name != NULL ? g_utf8_casefold (name, -1) : NULL;
      g_autofree char *b = g_utf8_casefold (text, -1);

      if (g_str_equal (hd_record_get_id (hub), text) || g_strcmp0 (a, b) == 0)
        return g_strdup (hd_record_get_id (hub));
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("There is no hub “%s” in this profile."), text);
  return NULL;
}

static double
percent (gint64 part,
         gint64 whole)
{
  return whole > 0 ? 100.0 * (double) part / (double) whole : 0.0;
}

/* A field of a CSV line, quoted when it needs to be. */
static void
append_csv_field (GString    *line,
                  const char *text)
{
  if (text == NULL)
    return;
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (line, text);
      return;
    }

  g_string_append_c (line, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

static void
print_rooms_csv (GPtrArray *rows)
{
  g_autoptr(GString) out = g_string_new ("room_id,hub_id,room,kind,capacity,"
                                         "open_seat_hours,planned_seat_hours,actual_seat_hours,"
                                         "planned_percent,actual_percent\r\n");

  for (guint i = 0; i < rows->len; i++)
    {
      HdRoomUsageRow *row = g_ptr_array_index (rows, i);
      char numbers[5][G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (out, "%s,%s,", hd_record_get_id (row->room),
                              hd_record_get_hub_id (row->room));
      append_csv_field (out, hd_record_get_string (row->room, "name"));
      g_string_append_printf (out, ",%s,%lld,%s,%s,%s,%s,%s\r\n",
                              hd_record_get_string (row->room, "kind") != NULL
                              ? hd_record_get_string (row->room, "kind") : "",
                              (long long) hd_record_get_int (row->room, "capacity", 0),
                              g_ascii_formatd (numbers[0], sizeof numbers[0], "%.1f",
                                               row->usage.open / 3600.0),
                              g_ascii_formatd (numbers[1], sizeof numbers[1], "%.1f",
                                               row->usage.planned / 3600.0),
                              g_ascii_formatd (numbers[2], sizeof numbers[2], "%.1f",
                                               row->usage.actual / 3600.0),
                              g_ascii_formatd (numbers[3], sizeof numbers[3], "%.1f",
                                               percent (row->usage.planned, row->usage.open)),
                              g_ascii_formatd (numbers[4], sizeof numbers[4], "%.1f",
                                               percent (row->usage.actual, row->usage.open)));
    }

  fputs (out->str, stdout);
}

/* @text padded to @width characters (not bytes): names have umlauts */
static void
print_padded (const char *text,
              int         width,
              gboolean    right)
{
  int n = (int) g_utf8_strlen (text, -1);

  if (right)
    for (; n < width; n++)
      g_print (" ");
  g_print ("%s", text);
  if (!right)
    for (; n < width; n++)
      g_print (" ");
}

static void
print_rooms_table (GPtrArray *rows)
{
  HdRoomUsage total = { 0, 0, 0 };

  /* Translators: column heads of "hubdesk-cli occupancy --per-room" */
  print_padded (_("Room"), 32, FALSE);
  print_padded (_("Open h"), 11, TRUE);
  print_padded (_("Planned"), 10, TRUE);
  print_padded (_("Actual"), 10, TRUE);
  g_print ("\n");
  for (guint i = 0; i < rows->len; i++)
    {
      HdRoomUsageRow *row = g_ptr_array_index (rows, i);

      print_padded (hd_record_get_string (row->room, "name"), 32, FALSE);
      g_print (" %10.1f %8.1f%% %8.1f%%\n",
               row->usage.open / 3600.0,
               percent (row->usage.planned, row->usage.open),
               percent (row->usage.actual, row->usage.open));
      total.open += row->usage.open;
      total.planned += row->usage.planned;
      total.actual += row->usage.actual;
    }
  print_padded (_("All rooms"), 32, FALSE);
  g_print (" %10.1f %8.1f%% %8.1f%%\n", total.open / 3600.0,
           percent (total.planned, total.open), percent (total.actual, total.open));
}

static void
print_grid (const HdOccupancy *occupancy)
{
  guint first_hour = 24, last_hour = 0;
  HdRoomUsage total;

  for (guint h = 0; h < 24; h++)
    for (guint d = 0; d < 7; d++)
      if (occupancy->open[d][h] > 0)
        {
          first_hour = MIN (first_hour, h);
          last_hour = MAX (last_hour, h);
        }

  if (first_hour > last_hour)
    {
      g_print ("%s\n", _("No room is open in this period."));
      return;
    }

  /* Translators: the first column of the occupancy table, then the
   * weekdays, Monday first */
  {
    const char *heads[] = { N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"),
                            N_("Sat"), N_("Sun") };

    print_padded (_("Hour"), 6, FALSE);
    for (guint d = 0; d < G_N_ELEMENTS (heads); d++)
      print_padded (_(heads[d]), 7, TRUE);
    g_print ("\n");
  }
  for (guint h = first_hour; h <= last_hour; h++)
    {
      g_print ("%02u:00 ", h);
      for (guint d = 0; d < 7; d++)
        {
          double value = hd_occupancy_percent (occupancy, FALSE, d, h);

          if (value < 0)
            print_padded ("–", 7, TRUE);
          else
            g_print (" %5.0f%%", value);
        }
      g_print ("\n");
    }

  hd_occupancy_totals (occupancy, &total);
  g_print (_("Planned: %.1f of %.1f open seat-hours (%.1f %%); checked in: %.1f (%.1f %%).\n"),
           total.planned / 3600.0, total.open / 3600.0, percent (total.planned, total.open),
           total.actual / 3600.0, percent (total.actual, total.open));
}

int
hd_cli_occupancy (HdCli  *cli,
                  char  **args)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rest = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *hub_text = NULL;
  g_autofree char *hub_id = NULL;
  g_autoptr(GDate) from = NULL;
  g_autoptr(GDate) to = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree HdOccupancy *occupancy = g_new0 (HdOccupancy, 1);
  gboolean csv = FALSE, per_room = FALSE;
  const GOptionEntry entries[] = {
    { "hub", 0, 0, G_OPTION_ARG_STRING, &hub_text, N_("The hub (id or name); default: every hub"), N_("HUB") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("First day (default: this week's Monday)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("Last day (default: six days after the first)"), N_("DATE") },
    { "per-room", 0, 0, G_OPTION_ARG_NONE, &per_room, N_("One line per room instead of hours and weekdays"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV"), NULL },
    { NULL }
  };

  if (!hd_cli_parse_options ("occupancy", entries, args, &rest, &error))
    return hd_cli_fail ("occupancy", error);
  if (rest != NULL && rest[0] != NULL)
    {
      g_printerr ("hubdesk-cli: %s\n", _("occupancy takes no words, only options."));
      return 2;
    }

  if (hub_text == NULL && cli->hub != NULL)
    hub_text = g_strdup (cli->hub);

  if (from_text != NULL)
    {
      from = parse_date (from_text, &error);
      if (from == NULL)
        return hd_cli_fail ("occupancy", error);
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      from = g_date_new_dmy ((GDateDay) g_date_time_get_day_of_month (now),
                             (GDateMonth) g_date_time_get_month (now),
                             (GDateYear) g_date_time_get_year (now));
      g_date_subtract_days (from, g_date_get_weekday (from) - G_DATE_MONDAY);
    }

  if (to_text != NULL)
    {
      to = parse_date (to_text, &error);
      if (to == NULL)
        return hd_cli_fail ("occupancy", error);
    }
  else
    {
      to = g_date_copy (from);
      g_date_add_days (to, 6);
    }

  if (g_date_compare (to, from) < 0)
    {
      g_printerr ("hubdesk-cli: %s\n", _("The last day lies before the first."));
      return 2;
    }
  if (g_date_days_between (from, to) > 366 * 5)
    {
      g_printerr ("hubdesk-cli: %s\n", _("The period is longer than five years."));
      return 2;
    }

  if (!hd_cli_open_store (cli, &error))
    return hd_cli_fail (_("Profile"), error);

  if (hub_text != NULL)
    {
      hub_id = find_hub (cli->store, hub_text, &error);
      if (hub_id == NULL)
        return hd_cli_fail ("occupancy", error);
    }

  rows = hd_rooms_usage (cli->store, hub_id, from, to, occupancy, &error);
  if (rows == NULL)
    return hd_cli_fail ("occupancy", error);

  if (per_room && csv)
    print_rooms_csv (rows);
  else if (per_room)
    print_rooms_table (rows);
  else if (csv)
    {
      g_autofree char *text = hd_occupancy_to_csv (occupancy);

      fputs (text, stdout);
    }
  else
    print_grid (occupancy);

  return 0;
}
