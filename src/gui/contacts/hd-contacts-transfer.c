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
#include "widgets/hd-choose-file.h"
#include "widgets/hd-import-flow.h"

/* An export or an erasure: its work runs on a worker thread, a toast
 * says how it went. */
typedef struct {
  GtkWidget       *view;
  HdStore         *store;
  char            *hub_id;
  char            *path;
  char            *what;
  char            *erased_name;
  char            *message;    /* the toast when done */
  HdQuery         *query;      /* the list shown, for "shown-csv" */
  GTaskThreadFunc  thread;     /* what is done with the chosen file */
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->view);
  g_clear_object (&job->store);
  g_free (job->hub_id);
  g_free (job->path);
  g_free (job->what);
  g_free (job->erased_name);
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

static void
on_done (GObject      *source,
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

/* Runs @thread with @job on a worker thread; a toast tells the outcome. */
static void
run_job (Job             *job,
         GTaskThreadFunc  thread)
{
  GTask *task = g_task_new (NULL, NULL, on_done, NULL);

  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, thread);
  g_object_unref (task);
}

static void
on_save_file (GFile    *file,
              gpointer  data)
{
  Job *job = data;

  job->path = g_file_get_path (file);
  run_job (job, job->thread);
}

/* Asks where to save (@name suggested), then runs @thread with @job. */
static void
save_as (Job             *job,
         const char      *title,
         const char      *name,
         GTaskThreadFunc  thread)
{
  job->thread = thread;
  hd_choose_file_to_save (job->view, title, name, NULL, on_save_file, job, (GDestroyNotify) job_free);
}

/* ---- import ---- */

static HdImportPlan *
plan_file (HdStore     *store,
           const char  *hub_id,
           const char  *path,
           gpointer     data,
           GError     **error)
{
  return hd_import_plan_new_for_file (store, hub_id, path, NULL, error);
}

static char *
describe_plan (HdImportPlan *plan,
               gpointer      data)
{
  return hd_import_plan_describe (plan);
}

static char *
step_reason (const HdImportStep *step,
             gpointer            data)
{
  return g_strdup (step->reason);
}

/* The steps worth a look, in file order: new records without a remark
 * are the plain case, the count says them. */
static GtkWidget *
preview_steps (HdImportPlan *plan,
               gpointer      data)
{
  GPtrArray *steps = hd_import_plan_get_steps (plan);
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();

  for (guint i = 0; i < steps->len && shown->len < 300; i++)
    {
      HdImportStep *step = steps->pdata[i];

      if (step->action != HD_IMPORT_CREATE || step->reason != NULL)
        g_ptr_array_add (shown, step);
    }
  return shown->len > 0 ? hd_import_flow_steps_new (shown, step_reason, NULL, 0) : NULL;
}

static gboolean
undo_import (HdStore     *store,
             const char  *import_id,
             gpointer     data,
             GError     **error)
{
  return hd_contact_import_undo (store, import_id, error);
}

static char *
imported_message (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u contact imported", "%u contacts imported", n), n);
}

static const HdImportFlowClass import_flow = {
  .plan = plan_file,
  .describe = describe_plan,
  .preview = preview_steps,
  .undo = undo_import,
  .imported = imported_message,
};

void
hd_contacts_import (GtkWidget  *view,
                    HdContext  *context,
                    const char *hub_id)
{
  g_autoptr(GtkFileFilter) filter = NULL;

  if (hub_id == NULL)
    {
      hd_view_show_toast (HD_VIEW (view), _("Make a hub first (Preferences) to keep contacts in."));
      return;
    }
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Address books and spreadsheets (vCard, CSV)"));
  gtk_file_filter_add_suffix (filter, "vcf");
  gtk_file_filter_add_suffix (filter, "vcard");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "txt");
  hd_import_flow_run (&import_flow, view, context, hub_id, NULL, _("Import Contacts"), filter, NULL, NULL);
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

  save_as (job, _("Export Contacts"), name, export_thread);
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

void
hd_contacts_export_person (GtkWidget  *view,
                           HdContext  *context,
                           const char *person_id,
                           const char *name)
{
  Job *job = job_new (view, context);
  g_autofree char *file_name = NULL;

  job->what = g_strdup (person_id);
  job->message = g_strdup (_("Personal data exported"));
  /* Translators: file name for the personal data of a person, %s is the name */
  file_name = g_strdup_printf (_("Personal data of %s.json"), name);
  g_strdelimit (file_name, "/", '-');
  save_as (job, _("Export Personal Data"), file_name, report_thread);
}

static void
erase_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;

  if (hd_store_erase_person (job->store, job->what, job->erased_name, &error) < 0)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_erase_response (AdwMessageDialog *dialog,
                   const char       *response,
                   gpointer          user_data)
{
  Job *job = user_data;

  if (g_str_equal (response, "erase"))
    run_job (job, erase_thread);
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
  job->erased_name = g_strdup (_("Erased person"));
  job->message = g_strdup (_("Personal data erased"));
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
