/* hd-db.h — SQLite helpers shared by the client's store and the server
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tables of both sides come from the model: one column per field, of
 * the SQL type that fits the field's type. These helpers keep that
 * mapping, the connection settings and the error wording in one place.
 */
#pragma once

#include <sqlite3.h>

#include "hd-model.h"

G_BEGIN_DECLS

#define HD_DB_ERROR (hd_db_error_quark ())

typedef enum {
  HD_DB_ERROR_FAILED,
  HD_DB_ERROR_FULL,           /* SQLITE_FULL: disk or page limit reached */
  HD_DB_ERROR_BUSY,
  HD_DB_ERROR_CORRUPT,
  HD_DB_ERROR_NEWER_VERSION,  /* user_version above what we know */
  HD_DB_ERROR_CONSTRAINT,
} HdDbError;

GQuark     hd_db_error_quark        (void);

/* Opens (creating if needed) with WAL, synchronous=FULL, foreign_keys=ON
 * and a busy timeout. Switching to WAL writes to an existing file: open a
 * database that may come from a newer version with hd_db_open_checked(). */
sqlite3   *hd_db_open               (const char     *path,
                                     GError        **error);
/* Reads the user_version of an existing file on a plain read-only
 * connection, without changing anything. A missing file has version 0. */
gboolean   hd_db_read_user_version  (const char     *path,
                                     int            *out_version,
                                     GError        **error);
/* hd_db_read_user_version() first: a file whose user_version is above
 * @max_version is refused with HD_DB_ERROR_NEWER_VERSION and left
 * byte-for-byte untouched; then hd_db_open(). */
sqlite3   *hd_db_open_checked       (const char     *path,
                                     int             max_version,
                                     GError        **error);
/* PRAGMA user_version of an open connection, or -1 with @error set. */
int        hd_db_get_user_version   (sqlite3        *db,
                                     GError        **error);
/* Sets @error from @db's last error for result code @rc, in words a
 * person understands ("The disk is full …"). Always returns FALSE. */
gboolean   hd_db_set_error          (GError        **error,
                                     sqlite3        *db,
                                     int             rc);
gboolean   hd_db_exec               (sqlite3        *db,
                                     const char     *sql,
                                     GError        **error);
sqlite3_stmt *hd_db_prepare         (sqlite3        *db,
                                     const char     *sql,
                                     GError        **error);
/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. Rollback is quiet when SQLite has
 * already rolled back by itself (as it may after SQLITE_FULL). */
gboolean   hd_db_begin              (sqlite3        *db,
                                     GError        **error);
gboolean   hd_db_commit             (sqlite3        *db,
                                     GError        **error);
void       hd_db_rollback           (sqlite3        *db);
/* "name" → "\"name\"", for identifiers that come from the schema. */
char      *hd_db_quote_identifier   (const char     *name);

/* Runs @steps[user_version] … @steps[n_steps - 1] each in its own
 * transaction, setting user_version after each. A database whose
 * user_version is above @n_steps is refused with HD_DB_ERROR_NEWER_VERSION
 * and not written to. */
typedef gboolean (*HdDbMigration) (sqlite3 *db, gpointer user_data, GError **error);
gboolean   hd_db_migrate            (sqlite3        *db,
                                     const HdDbMigration *steps,
                                     guint           n_steps,
                                     gpointer        user_data,
                                     GError        **error);

/* "TEXT", "INTEGER" for a field type */
const char *hd_db_column_type       (HdFieldType     type);
/* ", "name" TEXT, "capacity" INTEGER, …" for every field of @entity
 * (names quoted as identifiers) */
char      *hd_db_columns_sql        (HdEntity        entity);
/* Binds a field value (NULL → SQL NULL). Lists are stored as JSON arrays. */
int        hd_db_bind_value         (sqlite3_stmt   *stmt,
                                     int             column,
                                     const HdField  *field,
                                     GVariant       *value);
/* Reads a column written by hd_db_bind_value() (NULL for SQL NULL), as a
 * floating reference like g_variant_new(): hand it to hd_record_set(). */
GVariant  *hd_db_column_value       (sqlite3_stmt   *stmt,
                                     int             column,
                                     const HdField  *field);

G_END_DECLS
