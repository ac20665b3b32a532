/* hd-duplicates-window.h — likely duplicate contacts of a hub, compared and merged field by field
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lists the pairs hd_store_duplicate_pairs() finds (on a worker thread)
 * for people or organizations. "Merge…" opens the merge page
 * (hd-merge-page.h): the fuller record of the pair stays, every field
 * where the two differ is picked, and the picks go to
 * hd_store_merge_picked(), which moves every reference; the toast's Undo
 * reverses it.
 */
#pragma once

#include <adwaita.h>

#include "hd-context.h"

G_BEGIN_DECLS

void  hd_duplicates_window_show (GtkWidget  *view,
                                 HdContext  *context,
                                 HdEntity    entity);

G_END_DECLS
