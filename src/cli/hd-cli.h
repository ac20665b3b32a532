/* hd-cli.h — hubdesk-cli: the store and sync from the command line
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs one command; returns the process's exit status (0 success, 1
 * failure, 2 wrong usage). */
int hd_cli_run (int    argc,
                char **argv);

G_END_DECLS
