/* hd-cli-contacts.c — hubdesk-cli: importing and exporting contacts (vCard, CSV)
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-cli-private.h"

int
hd_cli_import_contacts (HdCli  *cli,
                        char  **args)
{
  g_printerr ("hubdesk-cli: %s\n", _("Importing contacts is not available in this version."));
  return 1;
}

int
hd_cli_export_contacts (HdCli  *cli,
                        char  **args)
{
  g_printerr ("hubdesk-cli: %s\n", _("Exporting contacts is not available in this version."));
  return 1;
}
