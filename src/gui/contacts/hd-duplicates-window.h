/* hd-duplicates-window.h — likely duplicate contacts of a hub, merged with one click
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lists the pairs hd_store_duplicate_pairs() finds (on a worker thread)
 * for people or organizations; "Merge" keeps the first of a pair, fills
 * its empty fields from the second and moves every reference to it
 * (hd_store_merge()); the toast's Undo reverses it.
 */
#pragma once

#include <adwaita.h>

#include "hd-context.h"

G_BEGIN_DECLS

void  hd_duplicates_window_show (GtkWidget  *view,
                                 HdContext  *context,
                                 HdEntity    entity);

G_END_DECLS
