/* hd-sync-mark.h — a small mark telling where a record stands with the server
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same marks as in HdRecordRow (changes not sent yet, a conflict, a
 * change the server refused), for places that are not record rows, such
 * as a cell of a table. The mark follows the context's in-memory marks
 * ("sync-marks-changed"): binding it runs no SQL.
 */
#pragma once

#include <gtk/gtk.h>

#include "hd-context.h"

G_BEGIN_DECLS

#define HD_TYPE_SYNC_MARK (hd_sync_mark_get_type ())
G_DECLARE_FINAL_TYPE (HdSyncMark, hd_sync_mark, HD, SYNC_MARK, GtkWidget)

GtkWidget   *hd_sync_mark_new       (void);
/* Follows the mark of one record; context NULL or id NULL: no mark. */
void         hd_sync_mark_track     (HdSyncMark  *self,
                                     HdContext   *context,
                                     HdEntity     entity,
                                     const char  *id);
/* The state shown (HD_SYNC_SYNCED: no mark, the widget is hidden). */
HdSyncState  hd_sync_mark_get_state (HdSyncMark  *self);
/* What the mark says, for tooltips and screen readers; NULL for states
 * without a mark. */
const char  *hd_sync_mark_describe  (HdSyncState  state);

G_END_DECLS
