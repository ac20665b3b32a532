/* hd-store-sync-marks.h — which records have changes waiting in the outbox
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the marks of list rows: the records with outbox entries, without
 * reading the entries themselves. Blocking; call it from a worker thread.
 * It reads on a read-only connection of its own, so it never waits for
 * the store's writer.
 */
#pragma once

#include "hd-store.h"

G_BEGIN_DECLS

typedef void (*HdStoreRecordFunc) (HdEntity    entity,
                                   const char *id,
                                   gpointer    user_data);

/* Calls @func once per record with at least one outbox entry. */
gboolean  hd_store_foreach_outbox_record (HdStore           *self,
                                          HdStoreRecordFunc  func,
                                          gpointer           user_data,
                                          GError           **error);

G_END_DECLS
