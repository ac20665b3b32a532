/* hd-events-transfer.c — iCalendar in and out of the Events view
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <adwaita.h>

#include "hd-events.h"
#include "hd-events-transfer.h"
#include "hd-ical.h"
#include "hd-participant-export.h"
#include "hd-view.h"
#include "widgets/hd-format.h"

/* How many steps the preview lists; the counts above say the rest. */
#define PREVIEW_ROWS 25

typedef struct {
  GtkWidget    *view;
  HdStore      *store;
  GTimeZone    *tz;
  char         *hub_id;
  char         *path;
  HdQuery      *query;
  GFile        *file;
  HdImportPlan *plan;
  guint         recurring;
  GStrv         event_ids;
  char         *import_id;
  char         *event_id;
  gint64        count;
  guint         left_out;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->view);
  g_clear_object (&job->store);
  g_clear_pointer (&job->tz, g_time_zone_unref);
  g_free (job->hub_id);
  g_free (job->path);
  g_clear_pointer (&job->query, hd_query_free);
  g_clear_object (&job->file);
  g_clear_pointer (&job->plan, hd_import_plan_free);
  g_strfreev (job->event_ids);
  g_free (job->import_id);
  g_free (job->event_id);
  g_free (job);
}

static Job *
job_new (GtkWidget *view,
         HdContext *context)
{
  Job *job = g_new0 (Job, 1);

  job->view = g_object_ref (view);
  job->store = g_object_ref (hd_context_get_store (context));
  job->tz = g_time_zone_ref (hd_context_get_timezone (context));
  return job;
}

static GtkWindow *
window_of (GtkWidget *view)
{
  GtkRoot *root = gtk_widget_get_root (view);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* ---- export ---- */

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;
  g_autofree char *text = hd_ical_export_query (job->store, job->query, &error);

  if (text == NULL
      || (job->count = hd_store_count (job->store, job->query, &error)) < 0
      || !g_file_replace_contents (job->file, text, strlen (text), NULL, FALSE,
                                   G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    /* Translators: %s is the reason, a sentence */
    message = g_strdup_printf (_("The events could not be exported. %s"), error->message);
  else
    {
      g_autofree char *name = g_file_get_basename (job->file);
      g_autofree char *count = hd_format_count (job->count);

      /* Translators: "Saved 12 events as “events.ics”" */
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Saved %s event as “%s”",
                                              "Saved %s events as “%s”", (gulong) job->count),
                                 count, name);
    }
  hd_view_show_toast (HD_VIEW (job->view), message);
}

static void
on_export_file (GtkNativeDialog *chooser,
                int              response,
                gpointer         user_data)
{
  Job *job = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      GTask *task = g_task_new (NULL, NULL, on_exported, NULL);

      job->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_task_set_task_data (task, job, (GDestroyNotify) job_free);
      g_task_run_in_thread (task, export_thread);
      g_object_unref (task);
    }
  else
    job_free (job);
  g_object_unref (chooser);
}

static GtkFileFilter *
ics_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("iCalendar files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_suffix (filter, "ics");
  return filter;
}

void
hd_events_export_shown (GtkWidget     *view,
                        HdContext     *context,
                        const HdQuery *query)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = ics_filter ();
  Job *job;

  g_return_if_fail (query != NULL && query->entity == HD_ENTITY_EVENT);

  job = job_new (view, context);
  job->query = hd_query_copy (query);

  chooser = gtk_file_chooser_native_new (_("Export Shown Events"), window_of (view),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* Translators: the suggested file name of exported events */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("events.ics"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_file), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- import ---- */

/* Room bookings follow the events an import (or its undo) changed. */
static gboolean
sync_bookings (HdStore  *store,
               GStrv     event_ids,
               GError  **error)
{
  for (guint i = 0; event_ids != NULL && event_ids[i] != NULL; i++)
    {
      g_autoptr(HdRecord) event = hd_store_get (store, HD_ENTITY_EVENT, event_ids[i], NULL);

      if (event == NULL || hd_record_get_deleted (event))
        continue;
      if (!hd_event_sync_bookings (store, event_ids[i], error))
        return FALSE;
    }
  return TRUE;
}

static void
undo_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;

  if (!hd_ical_import_undo (job->store, job->import_id, &error)
      || !sync_bookings (job->store, job->event_ids, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_undone (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    hd_view_show_toast (HD_VIEW (job->view), error->message);
  else
    hd_view_show_toast (HD_VIEW (job->view), _("Import undone"));
}

static void
on_undo_clicked (AdwToast *toast,
                 Job      *job)
{
  GTask *task = g_task_new (NULL, NULL, on_undone, NULL);
  Job *copy = g_new0 (Job, 1);

  copy->view = g_object_ref (job->view);
  copy->store = g_object_ref (job->store);
  copy->import_id = g_strdup (job->import_id);
  copy->event_ids = g_strdupv (job->event_ids);
  g_task_set_task_data (task, copy, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, undo_thread);
  g_object_unref (task);
}

static void
apply_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;

  job->event_ids = hd_ical_plan_event_ids (job->plan);
  job->import_id = hd_import_plan_apply (job->plan, job->store, &error);
  if (job->import_id == NULL || !sync_bookings (job->store, job->event_ids, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_applied (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  GtkWidget *overlay;
  AdwToast *toast;
  guint n;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      hd_view_show_toast (HD_VIEW (job->view), error->message);
      return;
    }

  n = hd_import_plan_count (job->plan, HD_IMPORT_CREATE) + hd_import_plan_count (job->plan, HD_IMPORT_UPDATE);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event imported", "%u events imported", n), n);
  overlay = gtk_widget_get_ancestor (job->view, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      hd_view_show_toast (HD_VIEW (job->view), message);
      return;
    }
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_timeout (toast, 10);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked), job, NULL, 0);
  /* The job lives as long as the toast. */
  g_object_set_data_full (G_OBJECT (toast), "hd-job", g_object_ref (result), g_object_unref);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
on_preview_response (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  GTask *task = user_data;   /* owns the job */

  if (g_str_equal (response, "import"))
    {
      GTask *apply = g_task_new (NULL, NULL, on_applied, NULL);
      Job *job = g_task_get_task_data (task);
      Job *moved = g_new0 (Job, 1);

      *moved = *job;
      memset (job, 0, sizeof *job);
      g_task_set_task_data (apply, moved, (GDestroyNotify) job_free);
      g_task_run_in_thread (apply, apply_thread);
      g_object_unref (apply);
    }
  g_object_unref (task);
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

/* What a person should look at first: skipped items, then updates, then
 * what is new; in file order within each. */
static int
step_rank (const HdImportStep *step)
{
  return step->action == HD_IMPORT_SKIP ? 0 : step->action == HD_IMPORT_UPDATE ? 1 : 2;
}

static int
compare_steps (gconstpointer a,
               gconstpointer b)
{
  const HdImportStep *sa = *(HdImportStep **) a;
  const HdImportStep *sb = *(HdImportStep **) b;

  return step_rank (sa) - step_rank (sb);
}

/* The first steps, each with its date and, for a skip or an update, the
 * reason. */
static GtkWidget *
steps_list (Job *job)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_copy (hd_import_plan_get_steps (job->plan), NULL, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  guint shown = MIN (steps->len, PREVIEW_ROWS);

  /* the copy borrows the plan's steps */
  g_ptr_array_set_free_func (steps, NULL);
  g_ptr_array_sort (steps, compare_steps);   /* stable: file order stays */
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What the import does"), -1);
  for (guint i = 0; i < shown; i++)
    {
      HdImportStep *step = steps->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = NULL;
      g_autofree char *when = NULL;
      g_autofree char *subtitle = NULL;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      /* Translators: "Line 12 · New: Gründerstammtisch" */
      title = g_strdup_printf (_("Line %u · %s: %s"), step->line, action_label (step->action), step->label);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (step->record != NULL)
        when = hd_format_timestamp_range (hd_record_get_string (step->record, "starts_at"),
                                          hd_record_get_string (step->record, "ends_at"), job->tz);
      if (when != NULL && *when != '\0' && step->reason != NULL)
        /* Translators: when, then what changes, e.g. "Thu, Nov 5, 2026, 19:00 – 21:00 · Start, End" */
        subtitle = g_strdup_printf (C_("import step", "%s · %s"), when, step->reason);
      else if (when != NULL && *when != '\0')
        subtitle = g_steal_pointer (&when);
      else if (step->reason != NULL)
        subtitle = g_strdup (step->reason);
      if (subtitle != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 220);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);

  if (steps->len > shown)
    {
      guint more = steps->len - shown;
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
             gpointer      data,
             GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;

  /* no hub chosen: the first by name, as the hub filter lists them */
  if (job->hub_id == NULL)
    {
      HdQuery query = { .entity = HD_ENTITY_HUB, .order_by = "name", .limit = 1 };
      g_autoptr(GPtrArray) hubs = hd_store_query (job->store, &query, &error);

      if (hubs == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      if (hubs->len == 0)
        {
          g_task_return_new_error (task, HD_ICAL_ERROR, HD_ICAL_ERROR_NOT_FOUND, "%s",
                                   _("Make a hub first (Preferences) to keep events in."));
          return;
        }
      job->hub_id = g_strdup (hd_record_get_id (g_ptr_array_index (hubs, 0)));
    }

  job->plan = hd_ical_plan_new_for_file (job->store, job->hub_id, job->path, 0, &job->recurring, &error);
  if (job->plan == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_planned (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *basename = g_path_get_basename (job->path);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  guint changes;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Translators: a file's name and why it cannot be imported */
      g_autofree char *text = g_strdup_printf (_("“%s” cannot be imported: %s"), basename, error->message);
      GtkWidget *alert = adw_message_dialog_new (window_of (job->view), _("Nothing Was Imported"), text);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (alert));
      return;
    }

  /* the same summary as hubdesk-cli import prints */
  body = hd_ical_plan_describe (job->plan, job->recurring);

  changes = hd_import_plan_count (job->plan, HD_IMPORT_CREATE) + hd_import_plan_count (job->plan, HD_IMPORT_UPDATE);
  /* Translators: "Import “termine.ics”?" */
  heading = g_strdup_printf (_("Import “%s”?"), basename);
  dialog = adw_message_dialog_new (window_of (job->view), heading, body);
  if (hd_import_plan_get_steps (job->plan)->len > 0)
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), steps_list (job));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "import", _("_Import"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "import", changes > 0);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), changes > 0 ? "import" : "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_preview_response), g_object_ref (result));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
plan_file (Job *job)
{
  GTask *task = g_task_new (NULL, NULL, on_planned, NULL);

  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, plan_thread);
  g_object_unref (task);
}

static void
on_import_file (GtkNativeDialog *chooser,
                int              response,
                gpointer         user_data)
{
  Job *job = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      job->path = g_file_get_path (file);
      plan_file (job);
    }
  else
    job_free (job);
  g_object_unref (chooser);
}

void
hd_events_import (GtkWidget  *view,
                  HdContext  *context,
                  const char *hub_id,
                  const char *path)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = NULL;
  Job *job;

  job = job_new (view, context);
  job->hub_id = g_strdup (hub_id);

  if (path != NULL)
    {
      job->path = g_strdup (path);
      plan_file (job);
      return;
    }

  filter = ics_filter ();
  chooser = gtk_file_chooser_native_new (_("Import iCalendar"), window_of (view),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_file), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- participant list ---- */

static void
participants_thread (GTask        *task,
                     gpointer      source,
                     gpointer      data,
                     GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;
  guint count = 0;
  g_autofree char *text = hd_participants_export_csv (job->store, job->event_id, &count, &job->left_out, &error);

  job->count = count;
  if (text == NULL
      || !g_file_replace_contents (job->file, text, strlen (text), NULL, FALSE,
                                   G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_participants_exported (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    /* Translators: %s is the reason, a sentence */
    message = g_strdup_printf (_("The participant list could not be saved. %s"), error->message);
  else
    {
      g_autofree char *name = g_file_get_basename (job->file);
      /* Translators: "Saved 12 participants as “list.csv”" */
      g_autofree char *saved = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Saved %u participant as “%s”",
                                                             "Saved %u participants as “%s”", (gulong) job->count),
                                                (guint) job->count, name);

      if (job->left_out > 0)
        /* Translators: "Saved 12 participants as “list.csv”; 3 left out: no consent to pass on their data" */
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s; %u left out: no consent to pass on their data",
                                                "%s; %u left out: no consent to pass on their data", job->left_out),
                                   saved, job->left_out);
      else
        message = g_steal_pointer (&saved);
    }
  hd_view_show_toast (HD_VIEW (job->view), message);
}

static void
on_participants_file (GtkNativeDialog *chooser,
                      int              response,
                      gpointer         user_data)
{
  Job *job = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      GTask *task = g_task_new (NULL, NULL, on_participants_exported, NULL);

      job->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_task_set_task_data (task, job, (GDestroyNotify) job_free);
      g_task_run_in_thread (task, participants_thread);
      g_object_unref (task);
    }
  else
    job_free (job);
  g_object_unref (chooser);
}

void
hd_events_export_participants (GtkWidget  *view,
                               HdContext  *context,
                               const char *event_id,
                               const char *title)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  /* Translators: the suggested file name, e.g. "Netzwerkabend – participants.csv" */
  g_autofree char *name = g_strdup_printf (_("%s – participants.csv"), title != NULL ? title : "");
  Job *job = job_new (view, context);

  job->event_id = g_strdup (event_id);
  g_strdelimit (name, "/\\", '-');

  chooser = gtk_file_chooser_native_new (_("Export Participant List"), window_of (view),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Spreadsheets (CSV)"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_participants_file), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
