/* hd-cli-rooms.h — hubdesk-cli: how well rooms are used
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hd-cli-private.h"

G_BEGIN_DECLS

/* occupancy [--hub H] [--from DATE] [--to DATE] [--per-room] [--csv] */
int hd_cli_occupancy (HdCli  *cli,
                      char  **args);

G_END_DECLS
