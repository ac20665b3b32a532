/* hd-events-transfer.h — iCalendar in and out of the Events view
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Export: the events a list shows (its query, taken from the list model)
 * through a file chooser to one .ics file, written on a worker thread.
 * Import: a file (from a chooser, or named on the command line), planned
 * on a worker thread, a preview of what will be created, updated and
 * skipped and why, then one step that the toast can undo. And the
 * participant list of one event as CSV.
 */
#pragma once

#include <gtk/gtk.h>

#include "hd-context.h"

G_BEGIN_DECLS

void  hd_events_export_shown  (GtkWidget     *view,
                               HdContext     *context,
                               const HdQuery *query);
/* @path: the .ics file to import, or NULL to ask for one; @hub_id NULL:
 * the first hub by name. */
void  hd_events_import        (GtkWidget     *view,
                               HdContext     *context,
                               const char    *hub_id,
                               const char    *path);
/* The participants of an event as CSV, only those who agreed to their
 * data being passed on (hd-participant-export.h); the toast says how
 * many were left out. */
void  hd_events_export_participants (GtkWidget  *view,
                                     HdContext  *context,
                                     const char *event_id,
                                     const char *title);

G_END_DECLS
