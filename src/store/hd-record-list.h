/* hd-record-list.h — a GListModel of the records a query finds
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Items are HdRecordObject. The count and each page of rows are fetched
 * asynchronously, only when asked for: an item not loaded yet is a
 * placeholder without record, replaced (items-changed) once its page
 * arrives. 100,000 rows cost only the pages on screen.
 */
#pragma once

#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_RECORD_OBJECT (hd_record_object_get_type ())
G_DECLARE_FINAL_TYPE (HdRecordObject, hd_record_object, HD, RECORD_OBJECT, GObject)

HdRecordObject *hd_record_object_new        (HdRecord       *record);
/* NULL while the row is still loading. */
HdRecord       *hd_record_object_get_record (HdRecordObject *self);

#define HD_TYPE_RECORD_LIST (hd_record_list_get_type ())
G_DECLARE_FINAL_TYPE (HdRecordList, hd_record_list, HD, RECORD_LIST, GObject)

/* Follows the store's "changed" signal for the query's entity and
 * reloads. Properties: "loading" (TRUE until the count is known),
 * "n-items". */
HdRecordList   *hd_record_list_new          (HdStore        *store,
                                             const HdQuery  *query);
void            hd_record_list_set_query    (HdRecordList   *self,
                                             const HdQuery  *query);
const HdQuery  *hd_record_list_get_query    (HdRecordList   *self);
gboolean        hd_record_list_get_loading  (HdRecordList   *self);

G_END_DECLS
