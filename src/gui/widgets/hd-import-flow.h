/* hd-import-flow.h — a file imported from a view: plan, preview, apply, undo
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one way a view imports a file: a file chooser (or a path given),
 * the file read and planned on a worker thread, a preview that counts
 * what is created, updated and skipped and lists the steps with their
 * reasons, the plan applied on a worker thread, and a toast whose Undo
 * takes the import back (also on a worker thread). What differs between
 * kinds of files is an HdImportFlowClass: how a file is planned, what
 * the preview says, how a plan is applied and undone, what the toast
 * says.
 */
#pragma once

#include <gtk/gtk.h>

#include "hd-contact-import.h"
#include "hd-context.h"

G_BEGIN_DECLS

typedef struct {
  /* Worker thread: reads and plans @path for @hub_id (NULL: the class
   * may choose one). @data is the flow's data. */
  HdImportPlan *(*plan)     (HdStore      *store,
                             const char   *hub_id,
                             const char   *path,
                             gpointer      data,
                             GError      **error);
  /* The counts above the preview's rows. */
  char         *(*describe) (HdImportPlan *plan,
                             gpointer      data);
  /* The rows of the preview (see hd_import_flow_steps_new()), or NULL
   * for none. */
  GtkWidget    *(*preview)  (HdImportPlan *plan,
                             gpointer      data);
  /* Worker thread: applies @plan; returns the import's id for undo.
   * NULL: hd_import_plan_apply(). */
  char         *(*apply)    (HdImportPlan *plan,
                             HdStore      *store,
                             gpointer      data,
                             GError      **error);
  /* Worker thread: takes back the import @import_id. */
  gboolean      (*undo)     (HdStore      *store,
                             const char   *import_id,
                             gpointer      data,
                             GError      **error);
  /* The toast after the import: @n records created or updated. */
  char         *(*imported) (guint         n);
  /* With nothing to create or update, Cancel is the default response
   * (FALSE: Import stays the default, turned off). */
  gboolean      cancel_when_empty;
} HdImportFlowClass;

/* Imports into the store of @context for @hub_id; @data belongs
 * to the flow (freed with @data_free). @path: the file, or NULL to ask
 * for one with a chooser titled @title showing @filter (may be NULL). */
void       hd_import_flow_run        (const HdImportFlowClass *klass,
                                      GtkWidget               *view,
                                      HdContext               *context,
                                      const char              *hub_id,
                                      const char              *path,
                                      const char              *title,
                                      GtkFileFilter           *filter,
                                      gpointer                 data,
                                      GDestroyNotify           data_free);

/* For a class's preview: the list of @steps (HdImportStep *, in the
 * order given), each row "Line 12 · Skipped: Jana Müller" with the
 * subtitle @subtitle returns (NULL: none); below, "… and 3 more" when
 * @more is not 0. */
GtkWidget *hd_import_flow_steps_new  (GPtrArray               *steps,
                                      char                  *(*subtitle) (const HdImportStep *step,
                                                                          gpointer            data),
                                      gpointer                 data,
                                      guint                    more);

G_END_DECLS
