/* hd-import-flow.c — a file imported from a view: plan, preview, apply, undo
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <adwaita.h>

#include "hd-choose-file.h"
#include "hd-import-flow.h"
#include "hd-undo-toast.h"
#include "hd-view.h"

/* One import, shared (by reference) by its tasks, its preview and the
 * toast that can undo it. */
typedef struct {
  const HdImportFlowClass *klass;
  GtkWidget      *view;
  HdStore        *store;
  char           *hub_id;
  char           *path;
  HdImportPlan   *plan;
  char           *import_id;
  gpointer        data;
  GDestroyNotify  data_free;
} Flow;

static void
flow_clear (Flow *flow)
{
  g_clear_object (&flow->view);
  g_clear_object (&flow->store);
  g_free (flow->hub_id);
  g_free (flow->path);
  g_clear_pointer (&flow->plan, hd_import_plan_free);
  g_free (flow->import_id);
  if (flow->data_free != NULL)
    flow->data_free (flow->data);
}

static Flow *
flow_ref (Flow *flow)
{
  return g_atomic_rc_box_acquire (flow);
}

static void
flow_unref (Flow *flow)
{
  g_atomic_rc_box_release_full (flow, (GDestroyNotify) flow_clear);
}

/* Runs @thread with @flow on a worker thread, then @done on this one. */
static void
run_in_thread (Flow               *flow,
               GTaskThreadFunc     thread,
               GAsyncReadyCallback done)
{
  GTask *task = g_task_new (NULL, NULL, done, NULL);

  g_task_set_task_data (task, flow_ref (flow), (GDestroyNotify) flow_unref);
  g_task_run_in_thread (task, thread);
  g_object_unref (task);
}

static guint
changes_of (HdImportPlan *plan)
{
  return hd_import_plan_count (plan, HD_IMPORT_CREATE) + hd_import_plan_count (plan, HD_IMPORT_UPDATE);
}

/* ---- undo ---- */

static void
undo_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Flow *flow = task_data;
  GError *error = NULL;

  if (!flow->klass->undo (flow->store, flow->import_id, flow->data, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_undone (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Flow *flow = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    hd_view_show_toast (HD_VIEW (flow->view), error->message);
  else
    hd_view_show_toast (HD_VIEW (flow->view), _("Import undone"));
}

static void
undo_import (gpointer data)
{
  run_in_thread (data, undo_thread, on_undone);
}

/* ---- apply ---- */

static void
apply_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Flow *flow = task_data;
  GError *error = NULL;

  if (flow->klass->apply != NULL)
    flow->import_id = flow->klass->apply (flow->plan, flow->store, flow->data, &error);
  else
    flow->import_id = hd_import_plan_apply (flow->plan, flow->store, &error);
  if (flow->import_id == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_applied (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Flow *flow = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  GtkWidget *overlay;
  AdwToast *toast;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      hd_view_show_toast (HD_VIEW (flow->view), error->message);
      return;
    }

  message = flow->klass->imported (changes_of (flow->plan));
  overlay = gtk_widget_get_ancestor (flow->view, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      hd_view_show_toast (HD_VIEW (flow->view), message);
      return;
    }
  /* The import stays as long as the toast that can undo it. */
  toast = hd_undo_toast_add (ADW_TOAST_OVERLAY (overlay), message, undo_import,
                             flow_ref (flow), (GDestroyNotify) flow_unref);
  adw_toast_set_timeout (toast, 10);
}

/* ---- preview ---- */

static void
on_preview_response (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  Flow *flow = user_data;   /* the preview's reference */

  if (g_str_equal (response, "import"))
    run_in_thread (flow, apply_thread, on_applied);
  flow_unref (flow);
}

static const char *
action_label (HdImportAction action)
{
  switch (action)
    {
    case HD_IMPORT_CREATE: return C_("import", "New");
    case HD_IMPORT_UPDATE: return C_("import", "Update");
    case HD_IMPORT_SKIP:
    default: return C_("import", "Skipped");
    }
}

GtkWidget *
hd_import_flow_steps_new (GPtrArray  *steps,
                          char     *(*subtitle) (const HdImportStep *step,
                                                 gpointer            data),
                          gpointer    data,
                          guint       more)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What the import does"), -1);
  for (guint i = 0; i < steps->len; i++)
    {
      const HdImportStep *step = steps->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = NULL;
      g_autofree char *below = subtitle != NULL ? subtitle (step, data) : NULL;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      /* Translators: "Line 12 · Skipped: Jana Müller" */
      title = g_strdup_printf (_("Line %u · %s: %s"), step->line, action_label (step->action), step->label);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (below != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), below);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 220);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);

  if (more > 0)
    {
      /* Translators: below the first rows of an import preview */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… and %u more",
                                                            "… and %u more", more), more);
      GtkWidget *label = gtk_label_new (text);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (box), label);
    }
  return box;
}

static void
plan_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Flow *flow = task_data;
  GError *error = NULL;

  flow->plan = flow->klass->plan (flow->store, flow->hub_id, flow->path, flow->data, &error);
  if (flow->plan == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_planned (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Flow *flow = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_path_get_basename (flow->path);
  g_autofree char *body = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  GtkWidget *rows;
  guint changes;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Translators: a file's name and why it cannot be imported */
      g_autofree char *text = g_strdup_printf (_("“%s” cannot be imported: %s"), basename, error->message);
      GtkWidget *alert = adw_message_dialog_new (hd_window_of (flow->view), _("Nothing Was Imported"), text);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (alert));
      return;
    }

  body = flow->klass->describe (flow->plan, flow->data);
  changes = changes_of (flow->plan);
  /* Translators: "Import “kontakte.csv”?" */
  heading = g_strdup_printf (_("Import “%s”?"), basename);
  dialog = adw_message_dialog_new (hd_window_of (flow->view), heading, body);
  rows = flow->klass->preview (flow->plan, flow->data);
  if (rows != NULL)
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), rows);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "import", _("_Import"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "import", changes > 0);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog),
                                           changes == 0 && flow->klass->cancel_when_empty ? "cancel" : "import");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_preview_response), flow_ref (flow));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- the file ---- */

/* Reads and plans the flow's file; takes the caller's reference. */
static void
plan_file (Flow *flow)
{
  run_in_thread (flow, plan_thread, on_planned);
  flow_unref (flow);
}

static void
on_import_file (GFile    *file,
                gpointer  data)
{
  Flow *flow = data;

  flow->path = g_file_get_path (file);
  plan_file (flow);
}

void
hd_import_flow_run (const HdImportFlowClass *klass,
                    GtkWidget               *view,
                    HdContext               *context,
                    const char              *hub_id,
                    const char              *path,
                    const char              *title,
                    GtkFileFilter           *filter,
                    gpointer                 data,
                    GDestroyNotify           data_free)
{
  Flow *flow = g_atomic_rc_box_new0 (Flow);

  flow->klass = klass;
  flow->view = g_object_ref (view);
  flow->store = g_object_ref (hd_context_get_store (context));
  flow->hub_id = g_strdup (hub_id);
  flow->data = data;
  flow->data_free = data_free;

  if (path != NULL)
    {
      flow->path = g_strdup (path);
      plan_file (flow);
    }
  else
    hd_choose_file_to_open (view, title, filter, on_import_file, flow, (GDestroyNotify) flow_unref);
}
