/* hd-server-workers.h — the threads that talk to the storage
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main loop never waits on the database. Reads run on a small pool
 * of threads, each with its own connection. Writes run on one writer
 * thread, which takes every write waiting in its queue into one
 * transaction (BEGIN IMMEDIATE … COMMIT, each write in a savepoint of its
 * own), so that many pushes share one fsync. Completion callbacks run on
 * the main context, after the COMMIT.
 */
#pragma once

#include "hd-server-storage.h"

G_BEGIN_DECLS

typedef struct _HdServerWorkers HdServerWorkers;

/* On a reader thread. */
typedef void     (*HdServerReadFunc)   (HdServerConn  *conn,
                                        gpointer       data);
/* On the writer thread, inside a savepoint of the group's transaction.
 * Returns FALSE with a storage error to undo its part. It may run a
 * second time (alone) when the group could not commit, so it must reset
 * whatever it produced at its start. @touched: hub id → gint64 * of the
 * newest version it wrote. */
typedef gboolean (*HdServerWriteFunc)  (HdServerConn  *conn,
                                        gpointer       data,
                                        GHashTable    *touched,
                                        GError       **error);
/* On the main context. @error is a storage error of the write or of its
 * COMMIT (always NULL for reads). */
typedef void     (*HdServerDoneFunc)   (gpointer       data,
                                        const GError  *error);
/* On the main context after every COMMIT that wrote something. */
typedef void     (*HdServerCommitFunc) (gpointer       user_data,
                                        GHashTable    *touched);

HdServerWorkers *hd_server_workers_new   (HdServerStorage     *storage,
                                          guint                n_readers,
                                          GMainContext        *context,
                                          HdServerCommitFunc   on_commit,
                                          gpointer             user_data,
                                          GError             **error);
/* Finishes the queued work first. */
void             hd_server_workers_free  (HdServerWorkers     *workers);

void             hd_server_workers_read  (HdServerWorkers     *workers,
                                          HdServerReadFunc     read,
                                          HdServerDoneFunc     done,
                                          gpointer             data);
void             hd_server_workers_write (HdServerWorkers     *workers,
                                          HdServerWriteFunc    write,
                                          HdServerDoneFunc     done,
                                          gpointer             data);

/* Purges tombstones older than @retention seconds every @interval
 * seconds (and once at start), on the writer thread between writes. */
void             hd_server_workers_set_maintenance (HdServerWorkers *workers,
                                                    guint            interval,
                                                    gint64           retention);

/* Jobs waiting for the writer, for load shedding. */
guint            hd_server_workers_write_backlog   (HdServerWorkers *workers);

G_END_DECLS
