/* hd-cli-contacts.h — hubdesk-cli: commands about people's data (GDPR)
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hd-cli-private.h"

G_BEGIN_DECLS

/* privacy-export PERSON_ID [--output FILE]: everything stored about a person (Art. 15) */
int  hd_cli_privacy_export (HdCli  *cli,
                            char  **args);
/* erase-person PERSON_ID --yes: removes a person's personal data (Art. 17) */
int  hd_cli_erase_person   (HdCli  *cli,
                            char  **args);

/* duplicates people|organizations: likely duplicate pairs, one a line */
int  hd_cli_duplicates     (HdCli  *cli,
                            char  **args);
/* merge ENTITY KEEP_ID OTHER_ID [--take F,…] | merge --undo ID */
int  hd_cli_merge          (HdCli  *cli,
                            char  **args);

G_END_DECLS
