/* main.c — starts Hubdesk
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "hd-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(HdApplication) application = NULL;

  setlocale (LC_ALL, "");
  /* HUBDESK_LOCALEDIR points an uninstalled build at <builddir>/po. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("HUBDESK_LOCALEDIR") ? g_getenv ("HUBDESK_LOCALEDIR")
                                                                 : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_prgname ("hubdesk");
  application = hd_application_new ();

  return g_application_run (G_APPLICATION (application), argc, argv);
}
