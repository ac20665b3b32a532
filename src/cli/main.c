/* main.c — hubdesk-cli: the store and sync from the command line
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "hd-cli.h"

int
main (int    argc,
      char **argv)
{
  return hd_cli_run (argc, argv);
}
