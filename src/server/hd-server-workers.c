/* hd-server-workers.c — the threads that talk to the storage
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-server-workers.h"

#define GROUP_MAX 64

typedef struct {
  HdServerReadFunc   read;
  HdServerWriteFunc  write;
  HdServerDoneFunc   done;
  gpointer           data;
  GError            *error;
  gboolean           stop;
} Job;

struct _HdServerWorkers {
  HdServerStorage    *storage;
  GMainContext       *context;
  HdServerCommitFunc  on_commit;
  gpointer            user_data;

  GThreadPool        *readers;
  GAsyncQueue        *connections;   /* HdServerConn, one per reader */
  guint               n_readers;

  GThread            *writer;
  GAsyncQueue        *queue;         /* Job */
  HdServerConn       *writer_conn;

  GThread            *checkpointer;  /* copies the WAL into the database */
  HdServerConn       *checkpoint_conn;
  GMutex              checkpoint_lock;
  GCond               checkpoint_cond;
  gboolean            checkpoint_stop;
  gboolean            checkpoint_wanted;

  GMutex              lock;          /* maintenance settings */
  guint               interval;
  gint64              retention;
  gint64              next_maintenance;
};

/* Completion on the main context {{{1 */

typedef struct {
  HdServerWorkers *workers;
  GHashTable      *touched;   /* NULL for reads */
  GPtrArray       *jobs;      /* Job */
} Completion;

static gboolean
complete_in_main (gpointer user_data)
{
  Completion *c = user_data;

  if (c->touched != NULL && g_hash_table_size (c->touched) > 0 && c->workers->on_commit != NULL)
    c->workers->on_commit (c->workers->user_data, c->touched);

  for (guint i = 0; i < c->jobs->len; i++)
    {
      Job *job = g_ptr_array_index (c->jobs, i);

      if (job->done != NULL)
        job->done (job->data, job->error);
      g_clear_error (&job->error);
      g_free (job);
    }

  g_clear_pointer (&c->touched, g_hash_table_unref);
  g_ptr_array_unref (c->jobs);
  g_free (c);

  return G_SOURCE_REMOVE;
}

static void
complete (HdServerWorkers *workers,
          GPtrArray       *jobs,
          GHashTable      *touched)
{
  Completion *c = g_new0 (Completion, 1);
  GSource *source = g_idle_source_new ();

  c->workers = workers;
  c->jobs = jobs;
  c->touched = touched;

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, complete_in_main, c, NULL);
  g_source_attach (source, workers->context);
  g_source_unref (source);
}

/* Readers {{{1 */

static void
reader_work (gpointer job_data,
             gpointer pool_data)
{
  HdServerWorkers *workers = pool_data;
  Job *job = job_data;
  HdServerConn *conn = g_async_queue_pop (workers->connections);
  GPtrArray *jobs;

  job->read (conn, job->data);
  if (hd_server_conn_in_transaction (conn))
    hd_server_conn_end_read (conn);
  g_async_queue_push (workers->connections, conn);

  jobs = g_ptr_array_new ();
  g_ptr_array_add (jobs, job);
  complete (workers, jobs, NULL);
}

void
hd_server_workers_read (HdServerWorkers  *workers,
                        HdServerReadFunc  read,
                        HdServerDoneFunc  done,
                        gpointer          data)
{
  Job *job = g_new0 (Job, 1);

  job->read = read;
  job->done = done;
  job->data = data;
  g_thread_pool_push (workers->readers, job, NULL);
}

/* The writer {{{1 */

static void
merge_touched (GHashTable *into,
               GHashTable *from)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 *known = g_hash_table_lookup (into, key);

      if (known == NULL)
        {
          known = g_new (gint64, 1);
          *known = *(gint64 *) value;
          g_hash_table_insert (into, g_strdup (key), known);
        }
      else if (*(gint64 *) value > *known)
        *known = *(gint64 *) value;
    }
}

static GHashTable *
touched_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* The checkpointer {{{1 */

static void
want_checkpoint (HdServerWorkers *workers)
{
  g_mutex_lock (&workers->checkpoint_lock);
  workers->checkpoint_wanted = TRUE;
  g_cond_signal (&workers->checkpoint_cond);
  g_mutex_unlock (&workers->checkpoint_lock);
}

/* The writer leaves the copying of its log into the database file to
 * this thread, so that its time goes to the next transaction. */
static gpointer
checkpointer_main (gpointer user_data)
{
  HdServerWorkers *workers = user_data;

  g_mutex_lock (&workers->checkpoint_lock);
  while (!workers->checkpoint_stop)
    {
      gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC;

      while (!workers->checkpoint_wanted && !workers->checkpoint_stop)
        if (!g_cond_wait_until (&workers->checkpoint_cond, &workers->checkpoint_lock, until))
          break;
      workers->checkpoint_wanted = FALSE;
      if (workers->checkpoint_stop)
        break;

      g_mutex_unlock (&workers->checkpoint_lock);
      hd_server_conn_checkpoint (workers->checkpoint_conn, TRUE, NULL);
      /* at most a few rounds a second */
      g_usleep (G_USEC_PER_SEC / 5);
      g_mutex_lock (&workers->checkpoint_lock);
    }
  g_mutex_unlock (&workers->checkpoint_lock);

  return NULL;
}

/* Runs @jobs in one transaction. Returns FALSE when the group could not
 * commit as a whole (the caller then runs the jobs one by one). */
static gboolean
run_group (HdServerWorkers *workers,
           GPtrArray       *jobs,
           gboolean         alone)
{
  HdServerConn *conn = workers->writer_conn;
  g_autoptr(GHashTable) touched = touched_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < jobs->len; i++)
    g_clear_error (&((Job *) g_ptr_array_index (jobs, i))->error);

  if (!hd_server_conn_begin_write (conn, &error))
    goto failed;

  for (guint i = 0; i < jobs->len; i++)
    {
      Job *job = g_ptr_array_index (jobs, i);
      g_autoptr(GHashTable) mine = touched_new ();

      if (!hd_server_conn_savepoint (conn, &error))
        goto failed;

      if (job->write (conn, job->data, mine, &job->error))
        {
          if (!hd_server_conn_release (conn, &error))
            goto failed;
          merge_touched (touched, mine);
        }
      else if (!hd_server_conn_rollback_to (conn))
        {
          /* The whole transaction is gone (a full disk can do that). */
          if (!alone)
            {
              hd_server_conn_rollback (conn);
              return FALSE;
            }
          error = g_error_copy (job->error);
          goto failed;
        }
    }

  if (!hd_server_conn_commit (conn, &error))
    goto failed;

  complete (workers, g_ptr_array_ref (jobs), g_steal_pointer (&touched));
  want_checkpoint (workers);
  return TRUE;

failed:
  hd_server_conn_rollback (conn);
  if (!alone)
    return FALSE;

  for (guint i = 0; i < jobs->len; i++)
    {
      Job *job = g_ptr_array_index (jobs, i);

      g_clear_error (&job->error);
      job->error = g_error_copy (error);
    }
  complete (workers, g_ptr_array_ref (jobs), NULL);
  return TRUE;
}

static void
run_jobs (HdServerWorkers *workers,
          GPtrArray       *jobs)
{
  if (jobs->len == 0)
    return;

  if (run_group (workers, jobs, jobs->len == 1))
    return;

  /* Something failed for the group: each job gets a transaction of its
   * own, so one bad write cannot hold the others back. */
  for (guint i = 0; i < jobs->len; i++)
    {
      g_autoptr(GPtrArray) single = g_ptr_array_new ();

      g_ptr_array_add (single, g_ptr_array_index (jobs, i));
      run_group (workers, single, TRUE);
    }
}

static void
run_maintenance (HdServerWorkers *workers)
{
  HdServerConn *conn = workers->writer_conn;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 retention;
  guint purged = 0;

  g_mutex_lock (&workers->lock);
  retention = workers->retention;
  workers->next_maintenance = g_get_monotonic_time () + (gint64) workers->interval * G_USEC_PER_SEC;
  g_mutex_unlock (&workers->lock);

  if (!hd_server_conn_begin_write (conn, &error) ||
      !hd_server_conn_purge (conn, now - retention, now, &purged, &error) ||
      !hd_server_conn_commit (conn, &error))
    {
      hd_server_conn_rollback (conn);
      g_printerr (_("hubdesk-server: maintenance failed: %s\n"), error->message);
      return;
    }

  if (purged > 0)
    g_printerr (_("hubdesk-server: removed %u deleted records older than the retention period\n"),
                purged);
}

static gpointer
writer_main (gpointer user_data)
{
  HdServerWorkers *workers = user_data;
  gboolean running = TRUE;

  while (running)
    {
      g_autoptr(GPtrArray) jobs = g_ptr_array_new ();
      gint64 wait_us = G_USEC_PER_SEC;
      Job *job;

      g_mutex_lock (&workers->lock);
      if (workers->interval > 0)
        {
          gint64 now = g_get_monotonic_time ();

          if (now >= workers->next_maintenance)
            wait_us = 0;
          else
            wait_us = MIN (workers->next_maintenance - now, 60 * G_USEC_PER_SEC);
        }
      g_mutex_unlock (&workers->lock);

      if (wait_us == 0 && g_async_queue_length (workers->queue) <= 0)
        {
          run_maintenance (workers);
          continue;
        }

      job = g_async_queue_timeout_pop (workers->queue, MAX (wait_us, 1000));
      if (job == NULL)
        continue;

      while (job != NULL)
        {
          if (job->stop)
            {
              g_free (job);
              running = FALSE;
              break;
            }
          g_ptr_array_add (jobs, job);
          if (jobs->len >= GROUP_MAX)
            break;
          job = g_async_queue_try_pop (workers->queue);
        }

      run_jobs (workers, jobs);
    }

  return NULL;
}

void
hd_server_workers_write (HdServerWorkers   *workers,
                         HdServerWriteFunc  write,
                         HdServerDoneFunc   done,
                         gpointer           data)
{
  Job *job = g_new0 (Job, 1);

  job->write = write;
  job->done = done;
  job->data = data;
  g_async_queue_push (workers->queue, job);
}

guint
hd_server_workers_write_backlog (HdServerWorkers *workers)
{
  return (guint) MAX (g_async_queue_length (workers->queue), 0);
}

void
hd_server_workers_set_maintenance (HdServerWorkers *workers,
                                   guint            interval,
                                   gint64           retention)
{
  g_mutex_lock (&workers->lock);
  workers->interval = interval;
  workers->retention = retention;
  workers->next_maintenance = 0;
  g_mutex_unlock (&workers->lock);
}

/* Life cycle {{{1 */

HdServerWorkers *
hd_server_workers_new (HdServerStorage     *storage,
                       guint                n_readers,
                       GMainContext        *context,
                       HdServerCommitFunc   on_commit,
                       gpointer             user_data,
                       GError             **error)
{
  HdServerWorkers *workers = g_new0 (HdServerWorkers, 1);

  workers->storage = storage;
  workers->context = g_main_context_ref (context);
  workers->on_commit = on_commit;
  workers->user_data = user_data;
  workers->n_readers = MAX (n_readers, 1);
  g_mutex_init (&workers->lock);
  g_mutex_init (&workers->checkpoint_lock);
  g_cond_init (&workers->checkpoint_cond);
  workers->connections = g_async_queue_new ();
  workers->queue = g_async_queue_new ();

  for (guint i = 0; i < workers->n_readers; i++)
    {
      HdServerConn *conn = hd_server_conn_new (storage, error);

      if (conn == NULL)
        {
          hd_server_workers_free (workers);
          return NULL;
        }
      g_async_queue_push (workers->connections, conn);
    }

  workers->writer_conn = hd_server_conn_new (storage, error);
  workers->checkpoint_conn = workers->writer_conn != NULL ? hd_server_conn_new (storage, error) : NULL;
  if (workers->checkpoint_conn == NULL ||
      !hd_server_conn_disable_autocheckpoint (workers->writer_conn, error))
    {
      hd_server_workers_free (workers);
      return NULL;
    }

  workers->readers = g_thread_pool_new (reader_work, workers, (int) workers->n_readers,
                                        FALSE, NULL);
  workers->writer = g_thread_new ("hd-writer", writer_main, workers);
  workers->checkpointer = g_thread_new ("hd-checkpoint", checkpointer_main, workers);

  return workers;
}

void
hd_server_workers_free (HdServerWorkers *workers)
{
  HdServerConn *conn;

  if (workers == NULL)
    return;

  if (workers->readers != NULL)
    g_thread_pool_free (workers->readers, FALSE, TRUE);

  if (workers->writer != NULL)
    {
      Job *stop = g_new0 (Job, 1);

      stop->stop = TRUE;
      g_async_queue_push (workers->queue, stop);
      g_thread_join (workers->writer);
    }

  if (workers->checkpointer != NULL)
    {
      g_mutex_lock (&workers->checkpoint_lock);
      workers->checkpoint_stop = TRUE;
      g_cond_signal (&workers->checkpoint_cond);
      g_mutex_unlock (&workers->checkpoint_lock);
      g_thread_join (workers->checkpointer);
    }
  if (workers->checkpoint_conn != NULL)
    hd_server_conn_checkpoint (workers->checkpoint_conn, FALSE, NULL);

  /* Completions still queued on the main context refer to the jobs'
   * data; run them so their owners can let go. */
  while (g_main_context_iteration (workers->context, FALSE))
    ;

  while ((conn = g_async_queue_try_pop (workers->connections)) != NULL)
    hd_server_conn_free (conn);
  g_clear_pointer (&workers->writer_conn, hd_server_conn_free);
  g_clear_pointer (&workers->checkpoint_conn, hd_server_conn_free);
  g_async_queue_unref (workers->connections);
  g_async_queue_unref (workers->queue);
  g_main_context_unref (workers->context);
  g_mutex_clear (&workers->lock);
  g_mutex_clear (&workers->checkpoint_lock);
  g_cond_clear (&workers->checkpoint_cond);
  g_free (workers);
}
