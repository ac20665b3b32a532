/* main.c — hubdesk-server, the sync server of Hubdesk and its admin
 * commands
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include "hd-server-cli.h"

int
main (int    argc,
      char **argv)
{
  /* GLib 2.74's slice allocator keeps, per thread, every block it ever
   * handed out; a server parsing large documents on worker threads would
   * never give that memory back. The setting is read before main() runs,
   * so the program starts itself again with it (once; if that fails it
   * simply goes on). */
  if (getenv ("G_SLICE") == NULL && setenv ("G_SLICE", "always-malloc", 1) == 0)
    execv ("/proc/self/exe", argv);

  return hd_server_cli_main (argc, argv);
}
