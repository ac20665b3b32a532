/* hubdesk-demo.c — fills a profile with the demo data set
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   hubdesk-demo --profile DIR [--people N] [--seed S] [--today YYYY-MM-DD]
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "hd-demo.h"

/* YYYY-MM-DD, a real date */
static gboolean
is_date (const char *text)
{
  unsigned y, m, d;
  char end;

  return strlen (text) == 10 && text[4] == '-' && text[7] == '-' &&
         sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &end) == 3 &&
         g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *profile = NULL;
  g_autofree char *today = NULL;
  g_autofree char *path = NULL;
  gint people = HD_DEMO_DEFAULT_PEOPLE;
  gint64 seed = HD_DEMO_DEFAULT_SEED;
  const GOptionEntry entries[] = {
    { "profile", 'p', 0, G_OPTION_ARG_FILENAME, &profile, N_("The profile folder to fill"), N_("DIR") },
    { "people", 'n', 0, G_OPTION_ARG_INT, &people, N_("How many people to make (default 10000)"), N_("N") },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, N_("The seed: the same seed makes the same data (default 2026)"), N_("S") },
    { "today", 't', 0, G_OPTION_ARG_STRING, &today, N_("The date the season is laid around"), N_("YYYY-MM-DD") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = NULL;
  HdDemoSummary summary = { { 0 } };
  gint64 started;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Fills an empty Hubdesk profile with a realistic demo data set: "
                                           "the 13 Digital Hubs of Baden-Württemberg, their rooms, events, "
                                           "contacts and interactions."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("hubdesk-demo: %s\n", error->message);
      return 2;
    }
  if (profile == NULL)
    {
      g_printerr ("hubdesk-demo: %s\n", _("Give the profile folder with --profile DIR."));
      return 2;
    }
  if (people < 0)
    {
      g_printerr ("hubdesk-demo: %s\n", _("The number of people must not be negative."));
      return 2;
    }
  if (seed < 0 || seed > G_MAXUINT32)
    {
      g_printerr ("hubdesk-demo: %s\n", _("The seed must be a whole number from 0 to 4294967295."));
      return 2;
    }

  if (today != NULL && !is_date (today))
    {
      g_printerr ("hubdesk-demo: ");
      g_printerr (_("“%s” is not a date of the form YYYY-MM-DD."), today);
      g_printerr ("\n");
      return 2;
    }

  if (g_mkdir_with_parents (profile, 0700) != 0)
    {
      g_printerr ("hubdesk-demo: ");
      g_printerr (_("Could not make the folder “%s”: %s"), profile, g_strerror (errno));
      g_printerr ("\n");
      return 1;
    }
  path = g_build_filename (profile, HD_STORE_FILENAME, NULL);

  started = g_get_monotonic_time ();
  store = hd_store_open (path, &error);
  if (store == NULL ||
      !hd_demo_fill_full (store, (guint) people, (guint32) seed, today, &summary, &error))
    {
      g_printerr ("hubdesk-demo: %s\n", error->message);
      return 1;
    }

  g_print (_("Filled %s in %.1f s:"), path, (g_get_monotonic_time () - started) / 1e6);
  g_print ("\n");
  for (guint e = 0; e < HD_N_ENTITIES; e++)
    g_print ("  %-14s %8u\n", hd_entity_label ((HdEntity) e), summary.counts[e]);
  return 0;
}
