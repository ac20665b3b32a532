/* hd-server-cli.h — the command line of hubdesk-server
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* serve, init, add-hub, add-user, grant, revoke, passwd, token, list,
 * purge, check, demo. Returns the exit status. */
int hd_server_cli_main (int    argc,
                        char **argv);

G_END_DECLS
