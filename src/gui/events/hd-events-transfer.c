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
#include "widgets/hd-choose-file.h"
#include "widgets/hd-format.h"
#include "widgets/hd-import-flow.h"

/* How many steps the preview lists; the counts above say the rest. */
#define PREVIEW_ROWS 25

/* An export: written on a worker thread, then a toast says how it went. */
typedef struct {
  GtkWidget          *view;
  HdStore            *store;
  HdQuery            *query;
  GFile              *file;
  char               *event_id;
  gint64              count;
  guint               left_out;
  GTaskThreadFunc     thread;   /* what is done with the chosen file */
  GAsyncReadyCallback done;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->view);
  g_clear_object (&job->store);
  g_clear_pointer (&job->query, hd_query_free);
  g_clear_object (&job->file);
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
  return job;
}

static gboolean
write_file (GFile         *file,
            const char    *text,
            GCancellable  *cancellable,
            GError       **error)
{
  return g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, error);
}

static void
on_save_file (GFile    *file,
              gpointer  data)
{
  Job *job = data;
  GTask *task = g_task_new (NULL, NULL, job->done, NULL);

  job->file = g_object_ref (file);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, job->thread);
  g_object_unref (task);
}

/* Asks where to save (@name suggested, files shown through @filter),
 * then runs @thread with @job on a worker thread and @done after it. */
static void
save_as (Job                 *job,
         const char          *title,
         const char          *name,
         GtkFileFilter       *filter,
         GTaskThreadFunc      thread,
         GAsyncReadyCallback  done)
{
  job->thread = thread;
  job->done = done;
  hd_choose_file_to_save (job->view, title, name, filter, on_save_file, job, (GDestroyNotify) job_free);
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
      || !write_file (job->file, text, cancellable, &error))
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
  g_autoptr(GtkFileFilter) filter = ics_filter ();
  Job *job;

  g_return_if_fail (query != NULL && query->entity == HD_ENTITY_EVENT);

  job = job_new (view, context);
  job->query = hd_query_copy (query);
  save_as (job, _("Export Shown Events"),
           /* Translators: the suggested file name of exported events */
           _("events.ics"), filter, export_thread, on_exported);
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

/* What an import of events keeps beside its plan. */
typedef struct {
  GTimeZone *tz;
  guint      recurring;   /* repeating items expanded */
  GStrv      event_ids;   /* the events the plan writes */
} Import;

static void
import_free (Import *import)
{
  g_time_zone_unref (import->tz);
  g_strfreev (import->event_ids);
  g_free (import);
}

static HdImportPlan *
plan_file (HdStore     *store,
           const char  *hub_id,
           const char  *path,
           gpointer     data,
           GError     **error)
{
  Import *import = data;
  g_autofree char *first_hub = NULL;

  /* no hub chosen: the first by name, as the hub filter lists them */
  if (hub_id == NULL)
    {
      HdQuery query = { .entity = HD_ENTITY_HUB, .order_by = "name", .limit = 1 };
      g_autoptr(GPtrArray) hubs = hd_store_query (store, &query, error);

      if (hubs == NULL)
        return NULL;
      if (hubs->len == 0)
        {
          g_set_error_literal (error, HD_ICAL_ERROR, HD_ICAL_ERROR_NOT_FOUND,
                               _("Make a hub first (Preferences) to keep events in."));
          return NULL;
        }
      hub_id = first_hub = g_strdup (hd_record_get_id (g_ptr_array_index (hubs, 0)));
    }
  return hd_ical_plan_new_for_file (store, hub_id, path, 0, &import->recurring, error);
}

static char *
describe_plan (HdImportPlan *plan,
               gpointer      data)
{
  Import *import = data;

  /* the same summary as hubdesk-cli import prints */
  return hd_ical_plan_describe (plan, import->recurring);
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

/* A step's date and, for a skip or an update, the reason. */
static char *
step_subtitle (const HdImportStep *step,
               gpointer            data)
{
  Import *import = data;
  g_autofree char *when = NULL;

  if (step->record != NULL)
    when = hd_format_timestamp_range (hd_record_get_string (step->record, "starts_at"),
                                      hd_record_get_string (step->record, "ends_at"), import->tz);
  if (when != NULL && *when != '\0' && step->reason != NULL)
    /* Translators: when, then what changes, e.g. "Thu, Nov 5, 2026, 19:00 – 21:00 · Start, End" */
    return g_strdup_printf (C_("import step", "%s · %s"), when, step->reason);
  else if (when != NULL && *when != '\0')
    return g_steal_pointer (&when);
  return g_strdup (step->reason);
}

/* The first steps, the most important first. */
static GtkWidget *
preview_steps (HdImportPlan *plan,
               gpointer      data)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_copy (hd_import_plan_get_steps (plan), NULL, NULL);
  guint shown = MIN (steps->len, PREVIEW_ROWS);
  guint more = steps->len - shown;

  if (steps->len == 0)
    return NULL;
  /* the copy borrows the plan's steps */
  g_ptr_array_set_free_func (steps, NULL);
  g_ptr_array_sort (steps, compare_steps);   /* stable: file order stays */
  g_ptr_array_set_size (steps, shown);
  return hd_import_flow_steps_new (steps, step_subtitle, data, more);
}

static char *
apply_plan (HdImportPlan  *plan,
            HdStore       *store,
            gpointer       data,
            GError       **error)
{
  Import *import = data;
  g_autofree char *import_id = NULL;

  import->event_ids = hd_ical_plan_event_ids (plan);
  import_id = hd_import_plan_apply (plan, store, error);
  if (import_id == NULL || !sync_bookings (store, import->event_ids, error))
    return NULL;
  return g_steal_pointer (&import_id);
}

static gboolean
undo_import (HdStore     *store,
             const char  *import_id,
             gpointer     data,
             GError     **error)
{
  Import *import = data;

  return hd_ical_import_undo (store, import_id, error) && sync_bookings (store, import->event_ids, error);
}

static char *
imported_message (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event imported", "%u events imported", n), n);
}

static const HdImportFlowClass import_flow = {
  .plan = plan_file,
  .describe = describe_plan,
  .preview = preview_steps,
  .apply = apply_plan,
  .undo = undo_import,
  .imported = imported_message,
  .cancel_when_empty = TRUE,
};

void
hd_events_import (GtkWidget  *view,
                  HdContext  *context,
                  const char *hub_id,
                  const char *path)
{
  g_autoptr(GtkFileFilter) filter = ics_filter ();
  Import *import = g_new0 (Import, 1);

  import->tz = g_time_zone_ref (hd_context_get_timezone (context));
  hd_import_flow_run (&import_flow, view, context, hub_id, path, _("Import iCalendar"), filter,
                      import, (GDestroyNotify) import_free);
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
  if (text == NULL || !write_file (job->file, text, cancellable, &error))
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

void
hd_events_export_participants (GtkWidget  *view,
                               HdContext  *context,
                               const char *event_id,
                               const char *title)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  /* Translators: the suggested file name, e.g. "Netzwerkabend – participants.csv" */
  g_autofree char *name = g_strdup_printf (_("%s – participants.csv"), title != NULL ? title : "");
  Job *job = job_new (view, context);

  job->event_id = g_strdup (event_id);
  g_strdelimit (name, "/\\", '-');

  gtk_file_filter_set_name (filter, _("Spreadsheets (CSV)"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  save_as (job, _("Export Participant List"), name, filter, participants_thread, on_participants_exported);
}
