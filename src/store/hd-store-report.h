/* hd-store-report.h — a read-only view of the store for figures
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reports aggregate over many rows with SQL. They read through a
 * connection of their own to the store's file, opened read-only: the
 * database is in WAL mode, so a report sees one committed snapshot and
 * never waits for the store's writes nor holds them up.
 */
#pragma once

#include <sqlite3.h>

#include "hd-store.h"

G_BEGIN_DECLS

typedef struct _HdStoreReader HdStoreReader;

/* The read-only connection to @store's database, made on first use and
 * kept with the store (its page cache stays warm between reports). Any
 * thread may use it between begin and end. */
HdStoreReader *hd_store_reader_open     (HdStore        *store,
                                         GError        **error);
void           hd_store_reader_free     (HdStoreReader  *reader);

/* Starts / ends a read transaction: all reads between see one snapshot,
 * and other threads wait at begin until end. */
gboolean       hd_store_reader_begin    (HdStoreReader  *reader,
                                         GError        **error);
void           hd_store_reader_end      (HdStoreReader  *reader);

/* A statement prepared once per reader and reset for reuse; owned by the
 * reader. Bind, step, and leave it: the next call resets it. */
sqlite3_stmt  *hd_store_reader_prepare  (HdStoreReader  *reader,
                                         const char     *sql,
                                         GError        **error);
/* The records hd_store_query() would return for @query (which has no
 * search), read on the reader's connection: within a read transaction,
 * from its snapshot. */
GPtrArray     *hd_store_reader_query    (HdStoreReader  *reader,
                                         HdStore        *store,
                                         const HdQuery  *query,
                                         GError        **error);
/* Sets @error from the connection's last error, for a failed step. */
void           hd_store_reader_set_error (HdStoreReader *reader,
                                         int             rc,
                                         GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdStoreReader, hd_store_reader_free)

G_END_DECLS
