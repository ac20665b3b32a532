/* hd-contacts-transfer.c — importing and exporting contacts from the Contacts view
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <adwaita.h>

#include "hd-contact-export.h"
#include "hd-contact-import.h"
#include "hd-contacts-transfer.h"
#include "hd-store-privacy.h"
#include "hd-view.h"

typedef struct {
  GtkWidget    *view;
  HdStore      *store;
  char         *hub_id;
  char         *path;
  char         *what;
  HdImportPlan *plan;
  char         *import_id;
  char         *message;
  HdQuery      *query;      /* the list shown, for "shown-csv" */
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->view);
  g_clear_object (&job->store);
  g_free (job->hub_id);
  g_free (job->path);
  g_free (job->what);
  g_clear_pointer (&job->plan, hd_import_plan_free);
  g_free (job->import_id);
  g_free (job->message);
  g_clear_pointer (&job->query, hd_query_free);
  g_free (job);
}

static Job *
job_new (GtkWidget *view,
         HdContext *context)
{
  Job *job = g_new0 (Job, 1);

  job->view = g_object_ref (view);
  job->store = g_object_ref (hd_context_get_store (context));
  return job;
}

/* ---- import ---- */

static void
undo_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;

  if (!hd_contact_import_undo (job->store, job->import_id, &error))
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

  job->import_id = hd_import_plan_apply (job->plan, job->store, &error);
  if (job->import_id == NULL)
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
  GtkWidget *overlay;
  AdwToast *toast;
  guint n;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      hd_view_show_toast (HD_VIEW (job->view), error->message);
      return;
    }

  n = hd_import_plan_count (job->plan, HD_IMPORT_CREATE) + hd_import_plan_count (job->plan, HD_IMPORT_UPDATE);
  {
    g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u contact imported",
                                                             "%u contacts imported", n), n);

    overlay = gtk_widget_get_ancestor (job->view, ADW_TYPE_TOAST_OVERLAY);
    if (overlay == NULL)
      {
        hd_view_show_toast (HD_VIEW (job->view), message);
        return;
      }
    toast = adw_toast_new (message);
  }
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_timeout (toast, 10);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked),
                         g_task_get_task_data (G_TASK (result)), NULL, 0);
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
    case HD_IMPORT_CREATE: return _("New");
    case HD_IMPORT_UPDATE: return _("Update");
    case HD_IMPORT_SKIP:
    default: return _("Skipped");
    }
}

static GtkWidget *
steps_list (HdImportPlan *plan)
{
  GPtrArray *steps = hd_import_plan_get_steps (plan);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  guint shown = 0;

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What the import does"), -1);
  for (guint i = 0; i < steps->len && shown < 300; i++)
    {
      HdImportStep *step = steps->pdata[i];
      GtkWidget *row;
      g_autofree char *title = NULL;

      /* New records without a remark are the plain case: the count says it. */
      if (step->action == HD_IMPORT_CREATE && step->reason == NULL)
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      /* Translators: "Line 12 · Skipped: Jana Müller" */
      title = g_strdup_printf (_("Line %u · %s: %s"), step->line, action_label (step->action), step->label);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (step->reason != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), step->reason);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      shown++;
    }
  if (shown == 0)
    {
      g_object_ref_sink (scrolled);
      g_object_unref (scrolled);
      g_object_ref_sink (list);
      g_object_unref (list);
      return NULL;
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 220);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  return scrolled;
}

static void
plan_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;

  job->plan = hd_import_plan_new_for_file (job->store, job->hub_id, job->path, NULL, &error);
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
  g_autofree char *basename = NULL;
  GtkWidget *dialog;
  GtkWidget *list;
  guint changes;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *name = g_path_get_basename (job->path);
      /* Translators: a file's name and why it cannot be imported */
      g_autofree char *text = g_strdup_printf (_("“%s” cannot be imported: %s"), name, error->message);
      GtkWidget *alert = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (job->view)),
                                                 _("Nothing Was Imported"), text);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (alert));
      return;
    }

  basename = g_path_get_basename (job->path);
  body = hd_import_plan_describe (job->plan);
  changes = hd_import_plan_count (job->plan, HD_IMPORT_CREATE) + hd_import_plan_count (job->plan, HD_IMPORT_UPDATE);
  {
    /* Translators: "Import “kontakte.csv”?" */
    g_autofree char *heading = g_strdup_printf (_("Import “%s”?"), basename);

    dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (job->view)), heading, body);
  }
  list = steps_list (job->plan);
  if (list != NULL)
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "import", _("_Import"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "import", changes > 0);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_preview_response), g_object_ref (result));
  gtk_window_present (GTK_WINDOW (dialog));
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
      GTask *task = g_task_new (NULL, NULL, on_planned, NULL);

      job->path = g_file_get_path (file);
      g_task_set_task_data (task, job, (GDestroyNotify) job_free);
      g_task_run_in_thread (task, plan_thread);
      g_object_unref (task);
    }
  else
    job_free (job);
  g_object_unref (chooser);
}

void
hd_contacts_import (GtkWidget  *view,
                    HdContext  *context,
                    const char *hub_id)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  Job *job;

  if (hub_id == NULL)
    {
      hd_view_show_toast (HD_VIEW (view), _("Make a hub first (Preferences) to keep contacts in."));
      return;
    }
  job = job_new (view, context);
  job->hub_id = g_strdup (hub_id);

  chooser = gtk_file_chooser_native_new (_("Import Contacts"), GTK_WINDOW (gtk_widget_get_root (view)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Address books and spreadsheets (vCard, CSV)"));
  gtk_file_filter_add_suffix (filter, "vcf");
  gtk_file_filter_add_suffix (filter, "vcard");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_file), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- export ---- */

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  Job *job = data;
  HdExportOptions options = { 0, };
  HdExportFormat format = g_str_has_suffix (job->what, "vcard") ? HD_EXPORT_VCARD_30 : HD_EXPORT_CSV;
  g_autofree char *text = NULL;
  GError *error = NULL;
  guint count = 0, left_out = 0;

  options.entity = g_str_has_prefix (job->what, "organizations") ? HD_ENTITY_ORGANIZATION : HD_ENTITY_PERSON;
  options.hub_id = job->hub_id;
  if (job->query != NULL)
    {
      options.entity = job->query->entity;
      options.query = job->query;
    }
  if (g_str_has_prefix (job->what, "newsletter"))
    options.consent_purpose = "newsletter";

  text = hd_contact_export (job->store, &options, format, &count, &left_out, &error);
  if (text == NULL || !g_file_set_contents (job->path, text, -1, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (options.consent_purpose != NULL)
    job->message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%u recipient exported, %u left out without consent",
                                                 "%u recipients exported, %u left out without consent", count),
                                    count, left_out);
  else
    job->message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u contact exported",
                                                 "%u contacts exported", count), count);
  g_task_return_boolean (task, TRUE);
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    hd_view_show_toast (HD_VIEW (job->view), error->message);
  else
    hd_view_show_toast (HD_VIEW (job->view), job->message);
}

static void
on_export_file (GtkNativeDialog *chooser,
                int              response,
                gpointer         user_data)
{
  Job *job = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      GTask *task = g_task_new (NULL, NULL, on_exported, NULL);

      job->path = g_file_get_path (file);
      g_task_set_task_data (task, job, (GDestroyNotify) job_free);
      g_task_run_in_thread (task, export_thread);
      g_object_unref (task);
    }
  else
    job_free (job);
  g_object_unref (chooser);
}

void
hd_contacts_export (GtkWidget  *view,
                    HdContext  *context,
                    const char *what)
{
  hd_contacts_export_list (view, context, what, NULL);
}

void
hd_contacts_export_list (GtkWidget     *view,
                         HdContext     *context,
                         const char    *what,
                         const HdQuery *query)
{
  GtkFileChooserNative *chooser;
  Job *job = job_new (view, context);
  const char *name;

  job->what = g_strdup (what);
  job->hub_id = g_strdup (hd_context_get_hub_id (context));
  job->query = hd_query_copy (query);
  if (query != NULL && query->entity == HD_ENTITY_ORGANIZATION)
    name = _("organizations.csv");
  else if (query != NULL)
    name = _("people.csv");
  else if (g_str_equal (what, "people-vcard"))
    /* Translators: file name suggested for an export */
    name = _("people.vcf");
  else if (g_str_equal (what, "newsletter-csv"))
    name = _("newsletter.csv");
  else if (g_str_equal (what, "organizations-csv"))
    name = _("organizations.csv");
  else
    name = _("people.csv");

  chooser = gtk_file_chooser_native_new (_("Export Contacts"), GTK_WINDOW (gtk_widget_get_root (view)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_file), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- personal data ---- */

static void
report_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  Job *job = data;
  g_autofree char *text = NULL;
  GError *error = NULL;

  text = hd_store_person_report (job->store, job->what, &error);
  if (text == NULL || !g_file_set_contents (job->path, text, -1, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_reported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    hd_view_show_toast (HD_VIEW (job->view), error->message);
  else
    hd_view_show_toast (HD_VIEW (job->view), _("Personal data exported"));
}

static void
on_report_file (GtkNativeDialog *chooser,
                int              response,
                gpointer         user_data)
{
  Job *job = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      GTask *task = g_task_new (NULL, NULL, on_reported, NULL);

      job->path = g_file_get_path (file);
      g_task_set_task_data (task, job, (GDestroyNotify) job_free);
      g_task_run_in_thread (task, report_thread);
      g_object_unref (task);
    }
  else
    job_free (job);
  g_object_unref (chooser);
}

void
hd_contacts_export_person (GtkWidget  *view,
                           HdContext  *context,
                           const char *person_id,
                           const char *name)
{
  GtkFileChooserNative *chooser;
  Job *job = job_new (view, context);
  g_autofree char *file_name = NULL;

  job->what = g_strdup (person_id);
  /* Translators: file name for the personal data of a person, %s is the name */
  file_name = g_strdup_printf (_("Personal data of %s.json"), name);
  g_strdelimit (file_name, "/", '-');
  chooser = gtk_file_chooser_native_new (_("Export Personal Data"), GTK_WINDOW (gtk_widget_get_root (view)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_report_file), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
erase_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;

  if (hd_store_erase_person (job->store, job->what, job->message, &error) < 0)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_erased (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    hd_view_show_toast (HD_VIEW (job->view), error->message);
  else
    hd_view_show_toast (HD_VIEW (job->view), _("Personal data erased"));
}

static void
on_erase_response (AdwMessageDialog *dialog,
                   const char       *response,
                   gpointer          user_data)
{
  Job *job = user_data;

  if (g_str_equal (response, "erase"))
    {
      GTask *task = g_task_new (NULL, NULL, on_erased, NULL);

      g_task_set_task_data (task, job, (GDestroyNotify) job_free);
      g_task_run_in_thread (task, erase_thread);
      g_object_unref (task);
    }
  else
    job_free (job);
}

void
hd_contacts_erase_person (GtkWidget  *view,
                          HdContext  *context,
                          const char *person_id,
                          const char *name)
{
  Job *job = job_new (view, context);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  job->what = g_strdup (person_id);
  job->message = g_strdup (_("Erased person"));
  /* Translators: %s is a person's name */
  heading = g_strdup_printf (_("Erase the Personal Data of %s?"), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (view)), heading,
                                   _("Name, email, phone, notes and consent are removed, and so are the "
                                     "notes about this person in consultations, registrations and bookings. "
                                     "Counts of events and consultations stay. This cannot be undone."));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "erase", _("_Erase"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "erase", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_erase_response), job);
  gtk_window_present (GTK_WINDOW (dialog));
}
