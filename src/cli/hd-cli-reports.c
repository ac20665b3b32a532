/* hd-cli-reports.c — hubdesk-cli report: the funder's figures, offline
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "hd-cli-reports.h"
#include "hd-report.h"
#include "hd-report-export.h"

/* The ids of the hubs named by @names (ids or names, separated by
 * commas). */
static GStrv
resolve_hubs (HdStore     *store,
              const char  *names,
              GError     **error)
{
  g_auto(GStrv) wanted = g_strsplit (names, ",", -1);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GPtrArray) hubs = NULL;
  HdQuery query = { .entity = HD_ENTITY_HUB };

  hubs = hd_store_query (store, &query, error);
  if (hubs == NULL)
    return NULL;

  for (guint i = 0; wanted[i] != NULL; i++)
    {
      const char *name = g_strstrip (wanted[i]);
      const char *found = NULL;

      if (*name == '\0')
        continue;
      for (guint j = 0; j < hubs->len && found == NULL; j++)
        {
          HdRecord *hub = g_ptr_array_index (hubs, j);
          const char *hub_name = hd_record_get_string (hub, "name");

          if (g_str_equal (hd_record_get_id (hub), name) ||
              (hub_name != NULL && g_utf8_collate (hub_name, name) == 0))
            found = hd_record_get_id (hub);
        }
      if (found == NULL)
        {
          g_set_error (error, HD_REPORT_ERROR, HD_REPORT_ERROR_UNKNOWN_HUB,
                       _("There is no hub “%s” in this profile."), name);
          return NULL;
        }
      g_strv_builder_add (ids, found);
    }

  return g_strv_builder_end (ids);
}

static gboolean
write_output (const char  *output,
              const char  *text,
              GError     **error)
{
  if (output == NULL || g_str_equal (output, "-"))
    {
      fputs (text, stdout);
      return fflush (stdout) == 0;
    }

  return g_file_set_contents (output, text, -1, error);
}

int
hd_cli_report (HdCli  *cli,
               char  **args)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rest = NULL;
  g_auto(GStrv) hubs = NULL;
  g_autoptr(HdReport) report = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *list = NULL;
  g_autofree char *text = NULL;
  gboolean all = FALSE;
  HdReportPeriod period;
  GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("All hubs of the profile"), NULL },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("First day of the period"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Last day of the period"), N_("DATE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("csv, json or pdf"), N_("FORMAT") },
    { "list", 0, 0, G_OPTION_ARG_STRING, &list,
      N_("The records behind a figure, as CSV"), N_("FIGURE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE"), N_("FILE") },
    { NULL }
  };

  if (!hd_cli_parse_options ("report", entries, args, &rest, &error))
    return hd_cli_fail ("report", error);
  if (rest[0] != NULL)
    {
      g_printerr ("hubdesk-cli: report: %s\n", _("Unexpected words after the options."));
      return 2;
    }
  if ((cli->hub == NULL) == !all)
    {
      g_printerr ("hubdesk-cli: report: %s\n",
                  _("Name the hubs with --hub ID (several separated by commas) or give --all."));
      return 2;
    }
  if (from == NULL || to == NULL)
    {
      g_printerr ("hubdesk-cli: report: %s\n",
                  _("Give the period with --from DATE and --to DATE, such as --from 2026-10-01 --to 2026-12-31."));
      return 2;
    }
  if (format == NULL)
    format = g_strdup ("csv");
  if (!g_str_equal (format, "csv") && !g_str_equal (format, "json") && !g_str_equal (format, "pdf"))
    {
      g_printerr ("hubdesk-cli: report: %s\n", _("The format must be csv, json or pdf."));
      return 2;
    }
  if (list != NULL && !g_str_equal (format, "csv"))
    {
      g_printerr ("hubdesk-cli: report: %s\n", _("The list behind a figure is written as CSV."));
      return 2;
    }
  if (g_str_equal (format, "pdf") && (output == NULL || g_str_equal (output, "-")))
    {
      g_printerr ("hubdesk-cli: report: %s\n", _("A PDF needs a file: add --output FILE."));
      return 2;
    }

  if (!hd_report_period_parse (&period, from, to, &error) ||
      !hd_cli_open_store (cli, &error))
    return hd_cli_fail ("report", error);

  if (!all)
    {
      hubs = resolve_hubs (cli->store, cli->hub, &error);
      if (hubs == NULL)
        return hd_cli_fail ("report", error);
    }

  if (list != NULL)
    {
      g_autoptr(HdReportTable) table = hd_report_list (cli->store, list, &period,
                                                       (const char * const *) hubs, 0, &error);

      if (table == NULL)
        return hd_cli_fail ("report", error);
      text = hd_report_table_to_csv (table);
      if (!write_output (output, text, &error))
        return hd_cli_fail ("report", error);
      return 0;
    }

  report = hd_report_compute (cli->store, &period, (const char * const *) hubs, 0, &error);
  if (report == NULL)
    return hd_cli_fail ("report", error);

  if (g_str_equal (format, "pdf"))
    {
      if (!hd_report_write_pdf (report, output, &error))
        return hd_cli_fail ("report", error);
      return 0;
    }

  text = g_str_equal (format, "json") ? hd_report_to_json (report) : hd_report_to_csv (report);
  if (g_str_equal (format, "json"))
    {
      g_autofree char *with_newline = g_strconcat (text, "\n", NULL);

      g_free (text);
      text = g_steal_pointer (&with_newline);
    }
  if (!write_output (output, text, &error))
    return hd_cli_fail ("report", error);

  return 0;
}
