/* hd-cli-calendar.c — hubdesk-cli: importing and exporting iCalendar files
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-cli-private.h"

int
hd_cli_import_calendar (HdCli  *cli,
                        char  **args)
{
  g_printerr ("hubdesk-cli: %s\n", _("Importing calendars is not available in this version."));
  return 1;
}

int
hd_cli_export_calendar (HdCli  *cli,
                        char  **args)
{
  g_printerr ("hubdesk-cli: %s\n", _("Exporting calendars is not available in this version."));
  return 1;
}
