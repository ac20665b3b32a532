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
 * and a busy timeout. */
sqlite3   *hd_db_open               (const char     *path,
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
/* ", name TEXT, capacity INTEGER, …" for every field of @entity */
char      *hd_db_columns_sql        (HdEntity        entity);
/* Binds a field value (NULL → SQL NULL). Lists are stored as JSON arrays. */
int        hd_db_bind_value         (sqlite3_stmt   *stmt,
                                     int             column,
                                     const HdField  *field,
                                     GVariant       *value);
/* Reads a column written by hd_db_bind_value() (NULL for SQL NULL). */
GVariant  *hd_db_column_value       (sqlite3_stmt   *stmt,
                                     int             column,
                                     const HdField  *field);

G_END_DECLS
