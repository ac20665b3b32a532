/* hd-merge-page.h — two likely duplicates side by side, merged field by field
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For every field where the two records differ, a choice of the value to
 * keep (tags and notes can keep both), and what moves to the record that
 * stays: its interactions, registrations, bookings and other links,
 * counted on a worker thread. "Merge" hands the picks on as the fields
 * to take from the other record and those to keep as they are, for
 * hd_store_merge_picked().
 */
#pragma once

#include <adwaita.h>

#include "hd-store.h"

G_BEGIN_DECLS

/* @take and @keep: NULL-terminated field names. */
typedef void (*HdMergePageCallback) (const char * const *take,
                                     const char * const *keep,
                                     gpointer            user_data);

/* @survivor stays, @loser goes. @merge is called when the Merge button
 * is clicked (the page turns insensitive until
 * hd_merge_page_set_busy() says otherwise). */
GtkWidget *hd_merge_page_new       (HdStore             *store,
                                    HdRecord            *survivor,
                                    HdRecord            *loser,
                                    HdMergePageCallback  merge,
                                    gpointer             user_data);
void       hd_merge_page_set_busy  (GtkWidget           *page,
                                    gboolean             busy);

G_END_DECLS
