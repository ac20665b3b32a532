/* hd-hub-figure.c — the figures a hub enters by hand, per month
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "hd-hub-figure.h"

HdRecord *
hd_hub_figure_get (HdStore     *store,
                   const char  *hub_id,
                   const char  *month,
                   GError     **error)
{
  g_autofree char *id = hd_hub_figure_id (hub_id, month);
  g_autoptr(GError) local_error = NULL;
  HdRecord *record = hd_store_get (store, HD_ENTITY_HUB_FIGURE, id, &local_error);

  if (record == NULL && !g_error_matches (local_error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local_error));

  return record;
}

gboolean
hd_hub_figure_save (HdStore     *store,
                    const char  *hub_id,
                    const char  *month,
                    gint64       social_followers,
                    gint64       third_party_appearances,
                    const char  *notes,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(HdRecord) record = hd_hub_figure_get (store, hub_id, month, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (record == NULL)
    {
      g_autofree char *id = hd_hub_figure_id (hub_id, month);

      record = hd_record_new (HD_ENTITY_HUB_FIGURE, hub_id);
      hd_record_set_id (record, id);
      hd_record_set_string (record, "month", month);
    }

  if (social_followers >= 0)
    hd_record_set_int (record, "social_followers", social_followers);
  else
    hd_record_set_null (record, "social_followers");
  if (third_party_appearances >= 0)
    hd_record_set_int (record, "third_party_appearances", third_party_appearances);
  else
    hd_record_set_null (record, "third_party_appearances");
  if (notes != NULL)
    {
      if (*notes != '\0')
        hd_record_set_string (record, "notes", notes);
      else
        hd_record_set_null (record, "notes");
    }

  return hd_store_save (store, record, error);
}

typedef struct {
  char   *hub_id;
  char   *month;
  gint64  social_followers;
  gint64  third_party_appearances;
  char   *notes;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->hub_id);
  g_free (job->month);
  g_free (job->notes);
  g_free (job);
}

static void
get_thread (GTask        *task,
            gpointer      source,
            gpointer      data,
            GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;
  HdRecord *record = hd_hub_figure_get (source, job->hub_id, job->month, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, record, (GDestroyNotify) hd_record_unref);
}

void
hd_hub_figure_get_async (HdStore             *store,
                         const char          *hub_id,
                         const char          *month,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->hub_id = g_strdup (hub_id);
  job->month = g_strdup (month);
  g_task_set_source_tag (task, hd_hub_figure_get_async);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, get_thread);
}

HdRecord *
hd_hub_figure_get_finish (HdStore       *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
save_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  Job *job = data;
  GError *error = NULL;

  if (hd_hub_figure_save (source, job->hub_id, job->month, job->social_followers,
                          job->third_party_appearances, job->notes, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
hd_hub_figure_save_async (HdStore             *store,
                          const char          *hub_id,
                          const char          *month,
                          gint64               social_followers,
                          gint64               third_party_appearances,
                          const char          *notes,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->hub_id = g_strdup (hub_id);
  job->month = g_strdup (month);
  job->social_followers = social_followers;
  job->third_party_appearances = third_party_appearances;
  job->notes = g_strdup (notes);
  g_task_set_source_tag (task, hd_hub_figure_save_async);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
hd_hub_figure_save_finish (HdStore       *store,
                           GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
