/* hd-store-tags.h — the tags in use on records of one kind
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For tag filters: the distinct values of an entity's "tags" field over
 * the records a list shows (not deleted, not archived), of one hub or of
 * all. Reads on a read-only connection of its own.
 */
#pragma once

#include "hd-store.h"

G_BEGIN_DECLS

/* Sorted, each once; an empty list when the entity has no tags field.
 * Blocking. */
GStrv     hd_store_list_tags        (HdStore              *self,
                                     HdEntity              entity,
                                     const char           *hub_id,
                                     GError              **error);
void      hd_store_list_tags_async  (HdStore              *self,
                                     HdEntity              entity,
                                     const char           *hub_id,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
GStrv     hd_store_list_tags_finish (HdStore              *self,
                                     GAsyncResult         *result,
                                     GError              **error);

G_END_DECLS
