/* hd-cli-reports.h — hubdesk-cli report
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hd-cli-private.h"

G_BEGIN_DECLS

/* report --hub H[,H…]|--all --from D --to D --format csv|json|pdf
 *        [--list FIGURE] [--output F] */
int hd_cli_report (HdCli  *cli,
                   char  **args);

G_END_DECLS
