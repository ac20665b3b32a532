/* hd-events-task.h — running the events core off the GTK thread
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The functions of src/events block on the store; the event windows run
 * them through this on a worker thread and get the result back in their
 * main context. Also small helpers those windows share.
 */
#pragma once

#include <gtk/gtk.h>

#include "hd-store.h"

G_BEGIN_DECLS

/* Runs on the worker thread; returns a result (NULL is fine when no
 * error is set) to be freed with the destroy function given below. */
typedef gpointer (*HdEventsJob) (HdStore   *store,
                                 gpointer   data,
                                 GError   **error);

void      hd_events_task_run    (gpointer             source,
                                 HdStore             *store,
                                 HdEventsJob          job,
                                 gpointer             data,
                                 GDestroyNotify       data_free,
                                 GDestroyNotify       result_free,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
/* The job's result (owned by the caller), or NULL with @error set. */
gpointer  hd_events_task_finish (GAsyncResult        *result,
                                 GError             **error);

/* A button labelled @mnemonic without its underscore ("_Save": "Save"),
 * which is also the name screen readers hear. */
GtkWidget *hd_events_button_new (const char          *mnemonic);

G_END_DECLS
