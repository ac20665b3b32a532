/* hd-store-private.h — the store's schema and hooks for its tests
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "hd-db.h"
#include "hd-store.h"

G_BEGIN_DECLS

/* ---- the schema (hd-store-schema.c) ---- */

/* The migration steps; user_version N means steps 0 … N-1 have run:
 *   1  entity tables (from the model), outbox, meta with the client id
 *   2  full-text search tables for entities with HD_FIELD_SEARCH fields
 *   3  sort keys for entities listed by name
 * A new step goes at the end; a released step never changes. */
const HdDbMigration *hd_store_schema_migrations   (guint          *n_steps);

/* After the migrations, on every open: adds columns and indexes for model
 * fields the tables do not have yet (a newer model), and rebuilds the
 * search index when the set of search fields changed. Writes nothing
 * when all is in place. */
gboolean  hd_store_schema_reconcile     (sqlite3        *db,
                                         GError        **error);

/* The names of @table's columns (a set of strings). */
GHashTable *hd_store_schema_table_columns (sqlite3    *db,
                                           const char *table);

/* Whether @entity has a full-text table, "<entity>_fts". */
gboolean  hd_store_schema_searchable    (HdEntity        entity);
/* Whether @entity is listed by name and keeps a sort_key. */
gboolean  hd_store_schema_has_sort_key  (HdEntity        entity);
/* The field the sort key starts with (family_name, name), or -1. */
int       hd_store_schema_sort_field    (HdEntity        entity);

/* Registers hd_nfc() and hd_fold() on @db, which the search index is
 * filled with: each row holds its search fields as they are ("body") and
 * with ä→ae, ö→oe, ü→ue, ß→ss ("folded", NULL when that changes nothing).
 * They appear in no schema object, so any SQLite can still read the file. */
void      hd_store_schema_register_functions (sqlite3   *db);
/* Whether the search index holds a token per value of @field (enums,
 * sets, tags: what lists filter by), and that token: "hdv" and the hex of
 * "field=value". A search with the filter "field=value" also asks for it;
 * the filter's own SQL condition stays, so the token can only leave rows
 * out that the condition would have left out too. */
gboolean  hd_store_schema_has_filter_token (const HdField *field);
char     *hd_store_schema_filter_token   (const char    *field,
                                          const char    *value);
/* "INSERT INTO <entity>_fts … SELECT … FROM <entity> WHERE deleted = 0
 * [AND @condition]": fills the index from the table in one statement. */
char     *hd_store_schema_search_fill_sql (HdEntity      entity,
                                         const char     *condition);
/* "deleted = 0 AND COALESCE("archived", 0) = 0" (archived only where the
 * entity has it), columns prefixed with "@alias." if given: the rows a
 * list shows, and the condition of the partial sort indexes. */
char     *hd_store_schema_live_condition (HdEntity      entity,
                                         const char     *alias);
/* Whether @entity keeps a cross_hub_key: what recognises an organization
 * across hubs (hd_organization_key()), written with the row like the sort
 * key, read by the reach columns (hd-store-reach.c). */
gboolean  hd_store_schema_has_cross_hub_key (HdEntity     entity);
/* @record's cross-hub key, or NULL for an entity without one. */
char     *hd_store_cross_hub_key        (const HdRecord *record);
/* The key a record sorts by (lower case, accents off), or NULL. */
char     *hd_store_sort_key             (const HdRecord *record);
/* Deletes and refills the search index of @entity from its table. */
gboolean  hd_store_schema_rebuild_search (sqlite3       *db,
                                         HdEntity        entity,
                                         GError        **error);

/* The SQL of @query without a search (its values in @binds, int64 or
 * string GVariants, one per "?"), binding them, and the record of a row
 * it returns:
 * what hd_store_query() runs, for another connection on the same file. */
gboolean  hd_store_query_sql            (HdStore        *self,
                                         const HdQuery  *query,
                                         GString        *sql,
                                         GPtrArray      *binds,
                                         GError        **error);
void      hd_store_query_bind           (sqlite3_stmt   *stmt,
                                         GPtrArray      *binds);
HdRecord *hd_store_query_row            (sqlite3_stmt   *stmt,
                                         HdEntity        entity);

/* ---- the reports' connection (hd-store-report.c) ---- */

/* Lets go of the store's read-only connection for reports (it closes
 * when no report uses it any more): the store does so before closing its
 * own, so that the last connection to close can fold the write-ahead log
 * into the file and remove it, which a read-only one cannot. */
void      hd_store_reader_close          (HdStore        *store);

/* ---- what reports read, kept with the rows (hd-store-reach.c) ---- */

/* The reach columns of interaction, registration and booking, and the
 * views that say what they hold (schema step 8). */
gboolean  hd_store_reach_add_columns     (sqlite3        *db,
                                          GError        **error);
gboolean  hd_store_reach_create_views    (sqlite3        *db,
                                          GError        **error);
/* The triggers that keep them right, made or dropped (a bulk load drops
 * them and refreshes every row at its end). */
gboolean  hd_store_reach_create_triggers (sqlite3        *db,
                                          GError        **error);
gboolean  hd_store_reach_drop_triggers   (sqlite3        *db,
                                          GError        **error);
/* Computes the reach columns of every row again. */
gboolean  hd_store_reach_refresh_all     (sqlite3        *db,
                                          GError        **error);

/* ---- hooks for tests ---- */

/* PRAGMA max_page_count on the store's connection (the limit is per
 * connection): lets a test fill the "disk". 0 lifts the limit. Returns
 * the limit now in force. For tests only. */
gint64    hd_store_set_max_page_count   (HdStore        *self,
                                         gint64          max_pages);
/* PRAGMA page_count, for tests. */
gint64    hd_store_get_page_count       (HdStore        *self);

G_END_DECLS
