/* hd-sync-engine.c — keeps one profile in sync with its server
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here runs in the engine's main context except the bodies of
 * the GTasks run in threads (load, pass, wait, login, logout, resolve),
 * which touch only what their task data holds: the store's blocking API
 * (thread-safe), the ledger (thread-safe) and the client (sending is
 * thread-safe).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-sync-engine.h"
#include "hd-sync-token.h"

#define META_SERVER_URL  "server_url"
#define META_USERNAME    "username"
#define META_USER_ID     "user_id"
#define META_CA_FILE     "ca_file"
#define META_LAST_SYNC   "last_sync"
#define META_HUBS        "hubs"

#define EDIT_DELAY_SECONDS     3
#define BACKOFF_FIRST_SECONDS  2
#define BACKOFF_MAX_SECONDS    300
#define QUIET_WAIT_DELAY_MS    2000

G_DEFINE_ENUM_TYPE (HdSyncEngineState, hd_sync_engine_state,
  G_DEFINE_ENUM_VALUE (HD_SYNC_ENGINE_LOADING, "loading"),
  G_DEFINE_ENUM_VALUE (HD_SYNC_ENGINE_STANDALONE, "standalone"),
  G_DEFINE_ENUM_VALUE (HD_SYNC_ENGINE_LOGGED_OUT, "logged-out"),
  G_DEFINE_ENUM_VALUE (HD_SYNC_ENGINE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (HD_SYNC_ENGINE_SYNCING, "syncing"),
  G_DEFINE_ENUM_VALUE (HD_SYNC_ENGINE_OFFLINE, "offline"),
  G_DEFINE_ENUM_VALUE (HD_SYNC_ENGINE_FAILED, "failed"))

G_DEFINE_ENUM_TYPE (HdSyncPhase, hd_sync_phase,
  G_DEFINE_ENUM_VALUE (HD_SYNC_PHASE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (HD_SYNC_PHASE_PUSH, "push"),
  G_DEFINE_ENUM_VALUE (HD_SYNC_PHASE_PULL, "pull"),
  G_DEFINE_ENUM_VALUE (HD_SYNC_PHASE_INDEX, "index"))

/* A caller of hd_sync_engine_sync_async() waiting for a pass. */
typedef struct {
  GTask        *task;
  GCancellable *cancellable;
  gulong        handler;
} Waiter;

struct _HdSyncEngine
{
  GObject            parent_instance;

  HdStore           *store;
  gboolean           use_keyring;
  GMainContext      *context;

  /* the profile's account, read in a thread at construction */
  gboolean           loaded;
  char              *server_url;
  char              *username;
  char              *ca_file;
  HdSyncClient      *client;
  char              *token;
  gboolean           token_given;    /* set_token() was called */
  gboolean           token_looked_up;

  GMutex             ledger_lock;
  HdSyncLedger      *ledger;

  HdSyncEngineState  state;
  char              *last_error;
  gint64             last_sync;
  gint64             pending;
  guint              conflicts;
  guint              rejections;
  gint64             progress_done;
  gint64             progress_total;
  HdSyncPhase        phase;
  gboolean           online;

  guint              io_timeout;
  guint              page_size;
  guint              wait_timeout;

  gboolean           started;
  GCancellable      *cancellable;       /* the engine's life */
  GCancellable      *pass_cancellable;
  GCancellable      *wait_cancellable;
  gboolean           pass_running;
  gboolean           pass_again;
  gboolean           last_pass_quiet;   /* the last pass pulled nothing */
  GPtrArray         *waiting;           /* Waiter *, of the running pass */
  GPtrArray         *queued;            /* Waiter *, for the next pass */
  gboolean           wait_running;
  guint              backoff_source;
  guint              backoff_attempt;
  guint              delay_source;
  gboolean           counting;
  gboolean           count_again;

  GNetworkMonitor   *monitor;
  gulong             network_handler;
  gulong             changed_handler;
};

G_DEFINE_FINAL_TYPE (HdSyncEngine, hd_sync_engine, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_USE_KEYRING,
  PROP_STATE,
  PROP_SERVER_URL,
  PROP_USERNAME,
  PROP_LAST_SYNC,
  PROP_LAST_ERROR,
  PROP_PENDING,
  PROP_CONFLICTS,
  PROP_REJECTIONS,
  PROP_PROGRESS_DONE,
  PROP_PROGRESS_TOTAL,
  PROP_PHASE,
  PROP_ONLINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_LOGIN_REQUIRED,
  SIGNAL_CONFLICTS_CHANGED,
  SIGNAL_SYNCED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void request_pass (HdSyncEngine *self);
static void start_wait   (HdSyncEngine *self);

/* ---- small helpers ---- */

static void
waiter_free (Waiter *waiter)
{
  if (waiter->cancellable != NULL && waiter->handler != 0)
    g_cancellable_disconnect (waiter->cancellable, waiter->handler);
  g_clear_object (&waiter->cancellable);
  g_clear_object (&waiter->task);
  g_free (waiter);
}

static void
set_state (HdSyncEngine      *self,
           HdSyncEngineState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_last_error (HdSyncEngine *self,
                const char   *message)
{
  if (g_strcmp0 (self->last_error, message) == 0)
    return;

  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

static void
set_int64 (HdSyncEngine *self,
           gint64       *field,
           gint64        value,
           guint         prop)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_counts (HdSyncEngine *self,
            gint64        pending,
            gint64        conflicts,
            gint64        rejections)
{
  gboolean changed = FALSE;

  set_int64 (self, &self->pending, pending, PROP_PENDING);

  if (self->conflicts != (guint) conflicts)
    {
      self->conflicts = (guint) conflicts;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFLICTS]);
      changed = TRUE;
    }
  if (self->rejections != (guint) rejections)
    {
      self->rejections = (guint) rejections;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REJECTIONS]);
      changed = TRUE;
    }

  if (changed)
    g_signal_emit (self, signals[SIGNAL_CONFLICTS_CHANGED], 0);
}

static gboolean
is_bound (HdSyncEngine *self)
{
  return self->server_url != NULL && *self->server_url != '\0';
}

static gboolean
can_sync (HdSyncEngine *self)
{
  return self->loaded && is_bound (self) && self->client != NULL && self->token != NULL;
}

/* The state to show when nothing runs. */
static HdSyncEngineState
resting_state (HdSyncEngine *self)
{
  if (!self->loaded)
    return HD_SYNC_ENGINE_LOADING;
  if (!is_bound (self))
    return HD_SYNC_ENGINE_STANDALONE;
  if (self->token == NULL)
    return HD_SYNC_ENGINE_LOGGED_OUT;
  return HD_SYNC_ENGINE_IDLE;
}

/* Opens the ledger on first use; called in worker threads. */
static HdSyncLedger *
engine_ledger (HdSyncEngine  *self,
               GError       **error)
{
  HdSyncLedger *ledger;

  g_mutex_lock (&self->ledger_lock);
  if (self->ledger == NULL)
    {
      g_autofree char *path = hd_sync_ledger_path_for_store (hd_store_get_path (self->store));

      self->ledger = hd_sync_ledger_open (path, error);
    }
  ledger = self->ledger != NULL ? hd_sync_ledger_ref (self->ledger) : NULL;
  g_mutex_unlock (&self->ledger_lock);

  return ledger;
}

static void
make_client (HdSyncEngine *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->client);
  if (!is_bound (self))
    return;

  self->client = hd_sync_client_new (self->server_url, self->ca_file, &error);
  if (self->client == NULL)
    {
      set_last_error (self, error->message);
      return;
    }

  hd_sync_client_set_io_timeout (self->client, self->io_timeout);
  hd_sync_client_set_token (self->client, self->token);
}

static void
forget_token (HdSyncEngine *self)
{
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_clear_pointer (&self->token, g_free);
  if (self->client != NULL)
    hd_sync_client_set_token (self->client, NULL);
}

/* ---- counts ---- */

typedef struct {
  gint64 pending;
  gint64 conflicts;
  gint64 rejections;
} Counts;

static void
read_counts (HdSyncEngine *self,
             Counts       *counts)
{
  g_autoptr(HdSyncLedger) ledger = engine_ledger (self, NULL);

  counts->pending = hd_store_outbox_count (self->store, NULL);
  counts->conflicts = ledger != NULL ? hd_sync_ledger_count_conflicts (ledger) : 0;
  counts->rejections = ledger != NULL ? hd_sync_ledger_count_rejections (ledger) : 0;
}

static void
count_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Counts *counts = g_new0 (Counts, 1);

  read_counts (HD_SYNC_ENGINE (source), counts);
  g_task_return_pointer (task, counts, g_free);
}

static void schedule_after_edit (HdSyncEngine *self);

static void
count_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  HdSyncEngine *self = HD_SYNC_ENGINE (source);
  g_autofree Counts *counts = g_task_propagate_pointer (G_TASK (result), NULL);

  self->counting = FALSE;
  if (counts == NULL)
    return;

  set_counts (self, counts->pending, counts->conflicts, counts->rejections);

  if (self->count_again)
    {
      GTask *task;

      self->count_again = FALSE;
      self->counting = TRUE;
      task = g_task_new (self, self->cancellable, count_done, NULL);
      g_task_run_in_thread (task, count_thread);
      g_object_unref (task);
      return;
    }

  if (counts->pending > 0)
    schedule_after_edit (self);
}

static void
recount (HdSyncEngine *self)
{
  GTask *task;

  if (self->counting)
    {
      self->count_again = TRUE;
      return;
    }

  self->counting = TRUE;
  task = g_task_new (self, self->cancellable, count_done, NULL);
  g_task_run_in_thread (task, count_thread);
  g_object_unref (task);
}

/* ---- scheduling ---- */

static gboolean
delay_elapsed (gpointer user_data)
{
  HdSyncEngine *self = user_data;

  self->delay_source = 0;
  request_pass (self);

  return G_SOURCE_REMOVE;
}

static void
run_after (HdSyncEngine *self,
           guint         milliseconds)
{
  if (self->delay_source != 0 || self->pass_running)
    return;

  self->delay_source = g_timeout_add_full (G_PRIORITY_DEFAULT, milliseconds,
                                           delay_elapsed, self, NULL);
}

static void
schedule_after_edit (HdSyncEngine *self)
{
  if (!self->started || !can_sync (self))
    return;

  /* While a pass runs, the edit goes out with the next one. */
  if (self->pass_running)
    {
      self->pass_again = TRUE;
      return;
    }

  run_after (self, EDIT_DELAY_SECONDS * 1000);
}

static gboolean
backoff_elapsed (gpointer user_data)
{
  HdSyncEngine *self = user_data;

  self->backoff_source = 0;
  request_pass (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_backoff (HdSyncEngine *self)
{
  guint seconds = BACKOFF_FIRST_SECONDS;
  guint milliseconds;

  if (!self->started || self->backoff_source != 0)
    return;

  for (guint i = 0; i < self->backoff_attempt && seconds < BACKOFF_MAX_SECONDS; i++)
    seconds *= 2;
  seconds = MIN (seconds, BACKOFF_MAX_SECONDS);
  self->backoff_attempt++;

  /* Jitter: anywhere in the second half, so that many clients that lost
   * the server together do not come back together. Not a secret. */
  milliseconds = seconds * 500 + (guint) g_random_int_range (0, (gint32) (seconds * 500 + 1));
  g_debug ("sync: retrying in %u ms", milliseconds);

  self->backoff_source = g_timeout_add_full (G_PRIORITY_DEFAULT, milliseconds,
                                             backoff_elapsed, self, NULL);
}

static void
cancel_wait (HdSyncEngine *self)
{
  if (self->wait_cancellable != NULL)
    g_cancellable_cancel (self->wait_cancellable);
}

/* ---- the pass ---- */

typedef struct {
  HdSyncEngine  *engine;     /* not a reference: the task holds one */
  HdSyncClient  *client;
  HdStore       *store;
  guint          page_size;
  HdSyncSummary  summary;
  Counts         counts;
  gint64         finished_at;
} PassData;

static void
pass_data_free (PassData *data)
{
  g_clear_object (&data->client);
  g_clear_object (&data->store);
  g_free (data);
}

typedef struct {
  HdSyncEngine *engine;
  HdSyncPhase   phase;
  gint64        done;
  gint64        total;
} Progress;

static gboolean
progress_idle (gpointer user_data)
{
  Progress *progress = user_data;
  HdSyncEngine *self = progress->engine;

  if (self->pass_running)
    {
      if (self->phase != progress->phase)
        {
          self->phase = progress->phase;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
        }
      set_int64 (self, &self->progress_done, progress->done, PROP_PROGRESS_DONE);
      set_int64 (self, &self->progress_total, progress->total, PROP_PROGRESS_TOTAL);
    }

  return G_SOURCE_REMOVE;
}

static void
progress_free (Progress *progress)
{
  g_object_unref (progress->engine);
  g_free (progress);
}

static void
pass_progress (HdSyncPhase  phase,
               gint64       done,
               gint64       total,
               gpointer     user_data)
{
  PassData *data = user_data;
  Progress *progress = g_new0 (Progress, 1);

  progress->engine = g_object_ref (data->engine);
  progress->phase = phase;
  progress->done = done;
  progress->total = total;
  g_main_context_invoke_full (data->engine->context, G_PRIORITY_DEFAULT,
                              progress_idle, progress, (GDestroyNotify) progress_free);
}

static void
pass_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  HdSyncEngine *self = HD_SYNC_ENGINE (source);
  PassData *data = task_data;
  g_autoptr(HdSyncLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  HdSyncPassConfig config = { 0 };
  gboolean ok;

  ledger = engine_ledger (self, &error);
  if (ledger == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  config.store = data->store;
  config.ledger = ledger;
  config.client = data->client;
  config.page_size = data->page_size;
  config.progress = pass_progress;
  config.progress_data = data;

  ok = hd_sync_run_pass (&config, &data->summary, cancellable, &error);
  if (ok)
    {
      g_autofree char *now = NULL;

      data->finished_at = g_get_real_time () / G_USEC_PER_SEC;
      now = g_strdup_printf ("%" G_GINT64_FORMAT, data->finished_at);
      hd_store_set_meta (data->store, META_LAST_SYNC, now, NULL);
    }

  read_counts (self, &data->counts);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
finish_waiters (GPtrArray           *waiters,
                const HdSyncSummary *summary,
                const GError        *error)
{
  for (guint i = 0; i < waiters->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (waiter->task, g_error_copy (error));
      else
        g_task_return_pointer (waiter->task, g_memdup2 (summary, sizeof *summary), g_free);
    }
}

static void
pass_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  HdSyncEngine *self = HD_SYNC_ENGINE (source);
  PassData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) waiters = NULL;
  gboolean ok;

  ok = g_task_propagate_boolean (G_TASK (result), &error);

  self->pass_running = FALSE;
  g_clear_object (&self->pass_cancellable);
  waiters = g_steal_pointer (&self->waiting);
  self->waiting = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_free);

  self->phase = HD_SYNC_PHASE_IDLE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
  set_counts (self, data->counts.pending, data->counts.conflicts, data->counts.rejections);
  if (data->summary.conflicts > 0 || data->summary.rejected > 0)
    g_signal_emit (self, signals[SIGNAL_CONFLICTS_CHANGED], 0);

  if (ok)
    {
      self->backoff_attempt = 0;
      self->last_pass_quiet = data->summary.pulled == 0;
      set_int64 (self, &self->last_sync, data->finished_at, PROP_LAST_SYNC);
      set_last_error (self, NULL);
      set_state (self, resting_state (self));
      g_signal_emit (self, signals[SIGNAL_SYNCED], 0, &data->summary);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_state (self, resting_state (self));
    }
  else if (g_error_matches (error, HD_SYNC_ERROR, HD_SYNC_ERROR_UNAUTHORIZED))
    {
      /* The token is dead; the outbox waits for the next login. */
      set_last_error (self, error->message);
      if (self->use_keyring && self->token != NULL)
        hd_sync_token_clear_async (self->server_url, self->username,
                                   hd_store_get_client_id (self->store),
                                   NULL, NULL, NULL);
      forget_token (self);
      set_state (self, HD_SYNC_ENGINE_LOGGED_OUT);
      g_signal_emit (self, signals[SIGNAL_LOGIN_REQUIRED], 0);
    }
  else
    {
      set_last_error (self, error->message);
      set_state (self, g_error_matches (error, HD_SYNC_ERROR, HD_SYNC_ERROR_NETWORK)
                       ? HD_SYNC_ENGINE_OFFLINE : HD_SYNC_ENGINE_FAILED);
      if (hd_sync_error_is_transient (error))
        schedule_backoff (self);
    }

  finish_waiters (waiters, ok ? &data->summary : NULL, error);

  if (self->queued->len > 0 || (self->pass_again && ok))
    request_pass (self);
  else if (ok && self->started)
    start_wait (self);
}

static void
cancel_pass_cb (GCancellable *cancellable,
                gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
start_pass (HdSyncEngine *self)
{
  g_autoptr(GTask) task = NULL;
  PassData *data;

  g_clear_handle_id (&self->backoff_source, g_source_remove);
  g_clear_handle_id (&self->delay_source, g_source_remove);
  cancel_wait (self);

  self->pass_running = TRUE;
  self->pass_again = FALSE;
  self->pass_cancellable = g_cancellable_new ();

  /* The callers waiting so far ride on this pass; cancelling any of
   * them cancels it. */
  while (self->queued->len > 0)
    {
      Waiter *waiter = g_ptr_array_steal_index (self->queued, 0);

      if (waiter->cancellable != NULL)
        waiter->handler = g_cancellable_connect (waiter->cancellable,
                                                 G_CALLBACK (cancel_pass_cb),
                                                 g_object_ref (self->pass_cancellable),
                                                 g_object_unref);
      g_ptr_array_add (self->waiting, waiter);
    }

  data = g_new0 (PassData, 1);
  data->engine = self;
  data->client = g_object_ref (self->client);
  data->store = g_object_ref (self->store);
  data->page_size = self->page_size;

  set_int64 (self, &self->progress_done, 0, PROP_PROGRESS_DONE);
  set_int64 (self, &self->progress_total, -1, PROP_PROGRESS_TOTAL);
  set_state (self, HD_SYNC_ENGINE_SYNCING);

  task = g_task_new (self, self->pass_cancellable, pass_done, NULL);
  g_task_set_source_tag (task, start_pass);
  g_task_set_task_data (task, data, (GDestroyNotify) pass_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, pass_thread);
}

static void
request_pass (HdSyncEngine *self)
{
  if (!self->loaded)
    return;

  if (!can_sync (self))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) queued = g_steal_pointer (&self->queued);

      self->queued = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_free);
      if (!is_bound (self))
        g_set_error_literal (&error, HD_SYNC_ERROR, HD_SYNC_ERROR_NOT_LOGGED_IN,
                             _("This profile is not connected to a sync server."));
      else if (self->client == NULL && self->last_error != NULL)
        g_set_error_literal (&error, HD_SYNC_ERROR, HD_SYNC_ERROR_INVALID_URL,
                             self->last_error);
      else
        g_set_error_literal (&error, HD_SYNC_ERROR, HD_SYNC_ERROR_NOT_LOGGED_IN,
                             _("Please log in to the sync server."));
      finish_waiters (queued, NULL, error);
      return;
    }

  if (self->pass_running)
    {
      self->pass_again = TRUE;
      return;
    }

  start_pass (self);
}

/* ---- the long poll ---- */

typedef struct {
  HdSyncClient *client;
  HdStore      *store;
  guint         timeout;
  gboolean      changed;
} WaitData;

static void
wait_data_free (WaitData *data)
{
  g_clear_object (&data->client);
  g_clear_object (&data->store);
  g_free (data);
}

static void
wait_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  WaitData *data = task_data;
  GError *error = NULL;

  if (hd_sync_wait_for_changes (data->client, data->store, data->timeout,
                                &data->changed, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
wait_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  HdSyncEngine *self = HD_SYNC_ENGINE (source);
  WaitData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->wait_running = FALSE;
  g_clear_object (&self->wait_cancellable);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !self->started)
        return;

      /* A pass tells the person what is wrong, and handles a dead login. */
      if (g_error_matches (error, HD_SYNC_ERROR, HD_SYNC_ERROR_UNAUTHORIZED) ||
          !hd_sync_error_is_transient (error))
        {
          request_pass (self);
          return;
        }

      set_last_error (self, error->message);
      set_state (self, g_error_matches (error, HD_SYNC_ERROR, HD_SYNC_ERROR_NETWORK)
                       ? HD_SYNC_ENGINE_OFFLINE : HD_SYNC_ENGINE_FAILED);
      schedule_backoff (self);
      return;
    }

  if (!self->started || self->pass_running)
    return;

  if (data->changed)
    {
      /* A server that says "news" while pulls bring nothing would keep
       * us spinning: then take a breath first. */
      if (self->last_pass_quiet)
        run_after (self, QUIET_WAIT_DELAY_MS);
      else
        request_pass (self);
    }
  else
    start_wait (self);
}

static void
start_wait (HdSyncEngine *self)
{
  g_autoptr(GTask) task = NULL;
  WaitData *data;

  if (!self->started || self->wait_running || self->pass_running || !can_sync (self))
    return;

  self->wait_running = TRUE;
  self->wait_cancellable = g_cancellable_new ();

  data = g_new0 (WaitData, 1);
  data->client = g_object_ref (self->client);
  data->store = g_object_ref (self->store);
  data->timeout = self->wait_timeout;

  task = g_task_new (self, self->wait_cancellable, wait_done, NULL);
  g_task_set_source_tag (task, start_wait);
  g_task_set_task_data (task, data, (GDestroyNotify) wait_data_free);
  g_task_run_in_thread (task, wait_thread);
}

/* ---- triggers ---- */

static void
store_changed_cb (HdStore      *store,
                  int           entity,
                  const char   *id,
                  HdSyncEngine *self)
{
  if (self->loaded && is_bound (self))
    recount (self);
}

static void
network_changed_cb (GNetworkMonitor *monitor,
                    gboolean         available,
                    HdSyncEngine    *self)
{
  if (self->online != available)
    {
      self->online = available;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
    }

  if (!self->started || !can_sync (self))
    return;

  if (available)
    {
      /* Try now rather than at the end of a long backoff. Loopback
       * servers work without any network, so "unavailable" never stops
       * a sync; it only tells the person. */
      self->backoff_attempt = 0;
      g_clear_handle_id (&self->backoff_source, g_source_remove);
      request_pass (self);
    }
  else if (!self->pass_running)
    {
      cancel_wait (self);
      set_state (self, HD_SYNC_ENGINE_OFFLINE);
      schedule_backoff (self);
    }
}

/* ---- loading ---- */

typedef struct {
  char   *server_url;
  char   *username;
  char   *ca_file;
  gint64  last_sync;
  Counts  counts;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->server_url);
  g_free (data->username);
  g_free (data->ca_file);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  HdSyncEngine *self = HD_SYNC_ENGINE (source);
  LoadData *data = g_new0 (LoadData, 1);
  g_autofree char *last_sync = NULL;

  data->server_url = hd_store_get_meta (self->store, META_SERVER_URL);
  data->username = hd_store_get_meta (self->store, META_USERNAME);
  data->ca_file = hd_store_get_meta (self->store, META_CA_FILE);
  last_sync = hd_store_get_meta (self->store, META_LAST_SYNC);
  if (last_sync != NULL)
    data->last_sync = g_ascii_strtoll (last_sync, NULL, 10);
  read_counts (self, &data->counts);

  g_task_return_pointer (task, data, (GDestroyNotify) load_data_free);
}

static void
finish_loading (HdSyncEngine *self)
{
  self->loaded = TRUE;
  set_state (self, resting_state (self));

  if (is_bound (self) && self->token == NULL)
    g_signal_emit (self, signals[SIGNAL_LOGIN_REQUIRED], 0);

  if (self->queued->len > 0 || (self->started && can_sync (self)))
    request_pass (self);
}

static void
lookup_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(HdSyncEngine) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = hd_sync_token_lookup_finish (result, &error);

  self->token_looked_up = TRUE;
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_last_error (self, error->message);

  /* A token handed in meanwhile wins. */
  if (token != NULL && self->token == NULL)
    {
      self->token = g_steal_pointer (&token);
      if (self->client != NULL)
        hd_sync_client_set_token (self->client, self->token);
    }

  finish_loading (self);
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  HdSyncEngine *self = HD_SYNC_ENGINE (source);
  LoadData *data = g_task_propagate_pointer (G_TASK (result), NULL);

  if (data == NULL)
    return;

  g_free (self->server_url);
  self->server_url = g_strdup (data->server_url != NULL && *data->server_url != '\0'
                               ? data->server_url : NULL);
  g_free (self->username);
  self->username = g_strdup (data->username);
  g_free (self->ca_file);
  self->ca_file = g_strdup (data->ca_file != NULL && *data->ca_file != '\0'
                            ? data->ca_file : NULL);
  self->last_sync = data->last_sync;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_URL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USERNAME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC]);
  set_counts (self, data->counts.pending, data->counts.conflicts, data->counts.rejections);
  load_data_free (data);

  make_client (self);

  if (is_bound (self) && self->token == NULL && self->use_keyring && !self->token_given &&
      self->username != NULL)
    {
      hd_sync_token_lookup_async (self->server_url, self->username,
                                  hd_store_get_client_id (self->store),
                                  self->cancellable, lookup_done, g_object_ref (self));
      return;
    }

  finish_loading (self);
}

/* ---- GObject ---- */

static void
hd_sync_engine_constructed (GObject *object)
{
  HdSyncEngine *self = HD_SYNC_ENGINE (object);
  g_autoptr(GTask) task = NULL;

  G_OBJECT_CLASS (hd_sync_engine_parent_class)->constructed (object);

  g_return_if_fail (HD_IS_STORE (self->store));

  self->changed_handler = g_signal_connect (self->store, "changed",
                                            G_CALLBACK (store_changed_cb), self);

  task = g_task_new (self, self->cancellable, load_done, NULL);
  g_task_set_source_tag (task, hd_sync_engine_constructed);
  g_task_run_in_thread (task, load_thread);
}

static void
hd_sync_engine_dispose (GObject *object)
{
  HdSyncEngine *self = HD_SYNC_ENGINE (object);

  hd_sync_engine_stop (self);

  if (self->store != NULL && self->changed_handler != 0)
    g_clear_signal_handler (&self->changed_handler, self->store);
  if (self->monitor != NULL)
    g_clear_signal_handler (&self->network_handler, self->monitor);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (hd_sync_engine_parent_class)->dispose (object);
}

static void
hd_sync_engine_finalize (GObject *object)
{
  HdSyncEngine *self = HD_SYNC_ENGINE (object);

  forget_token (self);
  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->ledger, hd_sync_ledger_unref);
  g_mutex_clear (&self->ledger_lock);
  g_clear_pointer (&self->waiting, g_ptr_array_unref);
  g_clear_pointer (&self->queued, g_ptr_array_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->server_url);
  g_free (self->username);
  g_free (self->ca_file);
  g_free (self->last_error);

  G_OBJECT_CLASS (hd_sync_engine_parent_class)->finalize (object);
}

static void
hd_sync_engine_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HdSyncEngine *self = HD_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_USE_KEYRING:
      g_value_set_boolean (value, self->use_keyring);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_SERVER_URL:
      g_value_set_string (value, self->server_url);
      break;
    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;
    case PROP_LAST_SYNC:
      g_value_set_int64 (value, self->last_sync);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_PENDING:
      g_value_set_int64 (value, self->pending);
      break;
    case PROP_CONFLICTS:
      g_value_set_uint (value, self->conflicts);
      break;
    case PROP_REJECTIONS:
      g_value_set_uint (value, self->rejections);
      break;
    case PROP_PROGRESS_DONE:
      g_value_set_int64 (value, self->progress_done);
      break;
    case PROP_PROGRESS_TOTAL:
      g_value_set_int64 (value, self->progress_total);
      break;
    case PROP_PHASE:
      g_value_set_enum (value, self->phase);
      break;
    case PROP_ONLINE:
      g_value_set_boolean (value, self->online);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_sync_engine_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HdSyncEngine *self = HD_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_USE_KEYRING:
      self->use_keyring = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_sync_engine_class_init (HdSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = hd_sync_engine_constructed;
  object_class->dispose = hd_sync_engine_dispose;
  object_class->finalize = hd_sync_engine_finalize;
  object_class->get_property = hd_sync_engine_get_property;
  object_class->set_property = hd_sync_engine_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, HD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USE_KEYRING] =
    g_param_spec_boolean ("use-keyring", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, HD_TYPE_SYNC_ENGINE_STATE,
                       HD_SYNC_ENGINE_LOADING, ro);
  properties[PROP_SERVER_URL] =
    g_param_spec_string ("server-url", NULL, NULL, NULL, ro);
  properties[PROP_USERNAME] =
    g_param_spec_string ("username", NULL, NULL, NULL, ro);
  properties[PROP_LAST_SYNC] =
    g_param_spec_int64 ("last-sync", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL, ro);
  properties[PROP_PENDING] =
    g_param_spec_int64 ("pending", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_CONFLICTS] =
    g_param_spec_uint ("conflicts", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_REJECTIONS] =
    g_param_spec_uint ("rejections", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_PROGRESS_DONE] =
    g_param_spec_int64 ("progress-done", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_PROGRESS_TOTAL] =
    g_param_spec_int64 ("progress-total", NULL, NULL, -1, G_MAXINT64, -1, ro);
  properties[PROP_PHASE] =
    g_param_spec_enum ("phase", NULL, NULL, HD_TYPE_SYNC_PHASE, HD_SYNC_PHASE_IDLE, ro);
  properties[PROP_ONLINE] =
    g_param_spec_boolean ("online", NULL, NULL, TRUE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_LOGIN_REQUIRED] =
    g_signal_new ("login-required", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_CONFLICTS_CHANGED] =
    g_signal_new ("conflicts-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_SYNCED] =
    g_signal_new ("synced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
hd_sync_engine_init (HdSyncEngine *self)
{
  g_mutex_init (&self->ledger_lock);
  self->context = g_main_context_ref_thread_default ();
  self->cancellable = g_cancellable_new ();
  self->waiting = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_free);
  self->queued = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_free);
  self->state = HD_SYNC_ENGINE_LOADING;
  self->progress_total = -1;
  self->online = TRUE;
  self->io_timeout = 30;
  self->page_size = 2000;
  self->wait_timeout = 50;
  self->use_keyring = TRUE;
}

/* ---- public API ---- */

HdSyncEngine *
hd_sync_engine_new (HdStore  *store,
                    gboolean  use_keyring)
{
  g_return_val_if_fail (HD_IS_STORE (store), NULL);

  return g_object_new (HD_TYPE_SYNC_ENGINE,
                       "store", store,
                       "use-keyring", use_keyring,
                       NULL);
}

HdStore *
hd_sync_engine_get_store (HdSyncEngine *self)
{
  g_return_val_if_fail (HD_IS_SYNC_ENGINE (self), NULL);
  return self->store;
}

void
hd_sync_engine_start (HdSyncEngine *self)
{
  g_return_if_fail (HD_IS_SYNC_ENGINE (self));

  if (self->started)
    return;

  self->started = TRUE;
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
    }

  if (self->monitor == NULL)
    {
      self->monitor = g_object_ref (g_network_monitor_get_default ());
      self->online = g_network_monitor_get_network_available (self->monitor);
      self->network_handler = g_signal_connect (self->monitor, "network-changed",
                                                G_CALLBACK (network_changed_cb), self);
    }

  if (self->loaded && can_sync (self))
    request_pass (self);
}

void
hd_sync_engine_stop (HdSyncEngine *self)
{
  g_return_if_fail (HD_IS_SYNC_ENGINE (self));

  self->started = FALSE;
  g_clear_handle_id (&self->backoff_source, g_source_remove);
  g_clear_handle_id (&self->delay_source, g_source_remove);
  cancel_wait (self);
  if (self->pass_cancellable != NULL)
    g_cancellable_cancel (self->pass_cancellable);
}

#define GETTER(type, name, field)                     \
  type                                                \
  hd_sync_engine_get_##name (HdSyncEngine *self)      \
  {                                                   \
    g_return_val_if_fail (HD_IS_SYNC_ENGINE (self), 0); \
    return self->field;                               \
  }

GETTER (HdSyncEngineState, state, state)
GETTER (const char *, server_url, server_url)
GETTER (const char *, username, username)
GETTER (gint64, last_sync, last_sync)
GETTER (const char *, last_error, last_error)
GETTER (gint64, pending, pending)
GETTER (guint, conflicts, conflicts)
GETTER (guint, rejections, rejections)
GETTER (gint64, progress_done, progress_done)
GETTER (gint64, progress_total, progress_total)
GETTER (HdSyncPhase, phase, phase)
GETTER (gboolean, online, online)

#undef GETTER

void
hd_sync_engine_set_token (HdSyncEngine *self,
                          const char   *token)
{
  g_return_if_fail (HD_IS_SYNC_ENGINE (self));

  forget_token (self);
  self->token = g_strdup (token);
  self->token_given = TRUE;
  if (self->client != NULL)
    hd_sync_client_set_token (self->client, self->token);
  if (self->loaded)
    set_state (self, self->pass_running ? HD_SYNC_ENGINE_SYNCING : resting_state (self));
}

char *
hd_sync_engine_dup_token (HdSyncEngine *self)
{
  g_return_val_if_fail (HD_IS_SYNC_ENGINE (self), NULL);
  return g_strdup (self->token);
}

void
hd_sync_engine_set_io_timeout (HdSyncEngine *self,
                               guint         seconds)
{
  g_return_if_fail (HD_IS_SYNC_ENGINE (self));

  self->io_timeout = MAX (seconds, 1);
  if (self->client != NULL)
    hd_sync_client_set_io_timeout (self->client, self->io_timeout);
}

void
hd_sync_engine_set_page_size (HdSyncEngine *self,
                              guint         records)
{
  g_return_if_fail (HD_IS_SYNC_ENGINE (self));
  self->page_size = CLAMP (records, 1, 5000);
}

void
hd_sync_engine_set_wait_timeout (HdSyncEngine *self,
                                 guint         seconds)
{
  g_return_if_fail (HD_IS_SYNC_ENGINE (self));
  self->wait_timeout = CLAMP (seconds, 1, 60);
}

/* ---- sync ---- */

void
hd_sync_engine_sync_async (HdSyncEngine        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  Waiter *waiter;

  g_return_if_fail (HD_IS_SYNC_ENGINE (self));

  waiter = g_new0 (Waiter, 1);
  waiter->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (waiter->task, hd_sync_engine_sync_async);
  waiter->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  g_ptr_array_add (self->queued, waiter);

  /* Asked for by the person: no more waiting for the backoff. */
  self->backoff_attempt = 0;
  g_clear_handle_id (&self->backoff_source, g_source_remove);

  request_pass (self);
}

gboolean
hd_sync_engine_sync_finish (HdSyncEngine   *self,
                            GAsyncResult   *result,
                            HdSyncSummary  *out_summary,
                            GError        **error)
{
  g_autofree HdSyncSummary *summary = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  summary = g_task_propagate_pointer (G_TASK (result), error);
  if (summary == NULL)
    return FALSE;

  if (out_summary != NULL)
    *out_summary = *summary;
  return TRUE;
}

/* ---- login ---- */

typedef struct {
  HdSyncClient *client;
  HdStore      *store;
  char         *url;
  char         *username;
  char         *password;
  char         *ca_file;
  char         *token;
  char         *user_id;
  char         *hubs_json;
  GError       *keyring_error;
} LoginData;

static void
wipe (char *text)
{
  if (text != NULL)
    memset (text, 0, strlen (text));
  g_free (text);
}

static void
login_data_free (LoginData *data)
{
  g_clear_object (&data->client);
  g_clear_object (&data->store);
  g_free (data->url);
  g_free (data->username);
  wipe (data->password);
  g_free (data->ca_file);
  wipe (data->token);
  g_free (data->user_id);
  g_free (data->hubs_json);
  g_clear_error (&data->keyring_error);
  g_free (data);
}

static gboolean
check_profile (LoginData  *data,
               GError    **error)
{
  g_autofree char *bound_url = hd_store_get_meta (data->store, META_SERVER_URL);
  g_autofree char *bound_user = hd_store_get_meta (data->store, META_USERNAME);
  HdQuery query = { 0 };
  gint64 hubs;

  if (bound_url != NULL && *bound_url != '\0')
    {
      if (!g_str_equal (bound_url, data->url) || g_strcmp0 (bound_user, data->username) != 0)
        {
          g_set_error (error, HD_SYNC_ERROR, HD_SYNC_ERROR_WRONG_PROFILE,
                       _("This profile belongs to %s on %s. Use another profile for another server or account."),
                       bound_user != NULL ? bound_user : "?", bound_url);
          return FALSE;
        }
      return TRUE;
    }

  query.entity = HD_ENTITY_HUB;
  query.include_archived = TRUE;
  query.include_deleted = TRUE;
  hubs = hd_store_count (data->store, &query, error);
  if (hubs < 0)
    return FALSE;
  if (hubs > 0)
    {
      g_set_error_literal (error, HD_SYNC_ERROR, HD_SYNC_ERROR_WRONG_PROFILE,
                           _("This profile holds hubs of its own. Log in with a new, empty profile."));
      return FALSE;
    }

  return TRUE;
}

static void
login_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  LoginData *data = task_data;
  g_autoptr(JsonNode) health = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body_node = NULL;
  g_autofree char *body = NULL;
  GError *error = NULL;
  JsonObject *object;
  JsonNode *member;

  if (!check_profile (data, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  health = hd_sync_client_request (data->client, "GET", "health", NULL, HD_JSON_MAX_SIZE,
                                   FALSE, NULL, cancellable, &error);
  if (health == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, HD_SYNC_ERROR, HD_SYNC_ERROR_PROTOCOL,
                             _("This is not a Hubdesk sync server."));
      g_task_return_error (task, error);
      return;
    }
  object = json_node_get_object (health);
  if (json_object_get_int_member_with_default (object, "protocol", 0) != 1)
    {
      g_task_return_new_error (task, HD_SYNC_ERROR, HD_SYNC_ERROR_PROTOCOL,
                               _("The server speaks another version of the sync protocol. Hubdesk and the server need to be updated to match."));
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, data->username);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, data->password);
  json_builder_set_member_name (builder, "device");
  json_builder_add_string_value (builder, g_get_host_name ());
  json_builder_end_object (builder);
  body_node = json_builder_get_root (builder);
  body = json_to_string (body_node, FALSE);

  answer = hd_sync_client_request (data->client, "POST", "login", body, HD_JSON_MAX_SIZE,
                                   FALSE, NULL, cancellable, &error);
  wipe (g_steal_pointer (&body));
  if (answer == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, HD_SYNC_ERROR, HD_SYNC_ERROR_PROTOCOL,
                             _("The server gave an answer Hubdesk does not understand."));
      else if (g_error_matches (error, HD_SYNC_ERROR, HD_SYNC_ERROR_UNAUTHORIZED))
        error->code = HD_SYNC_ERROR_BAD_CREDENTIALS;
      g_task_return_error (task, error);
      return;
    }

  object = json_node_get_object (answer);
  data->token = g_strdup (json_object_get_string_member_with_default (object, "token", NULL));
  member = json_object_get_member (object, "user");
  if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
    data->user_id = g_strdup (json_object_get_string_member_with_default (json_node_get_object (member),
                                                                          "id", NULL));
  member = json_object_get_member (object, "hubs");
  if (member != NULL && JSON_NODE_HOLDS_ARRAY (member))
    data->hubs_json = json_to_string (member, FALSE);

  if (data->token == NULL || *data->token == '\0')
    {
      g_task_return_new_error (task, HD_SYNC_ERROR, HD_SYNC_ERROR_PROTOCOL,
                               _("The server gave an answer Hubdesk does not understand."));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/* Binds the profile to the account: the meta keys, server_url last. */
static void
bind_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoginData *data = task_data;
  GError *error = NULL;

  if (!hd_store_set_meta (data->store, META_USERNAME, data->username, &error) ||
      !hd_store_set_meta (data->store, META_USER_ID, data->user_id, &error) ||
      !hd_store_set_meta (data->store, META_CA_FILE, data->ca_file != NULL ? data->ca_file : "",
                          &error) ||
      (data->hubs_json != NULL &&
       !hd_store_set_meta (data->store, META_HUBS, data->hubs_json, &error)) ||
      !hd_store_set_meta (data->store, META_SERVER_URL, data->url, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/* Revokes a token that could not be kept. */
static void
revoke_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LoginData *data = task_data;
  g_autoptr(JsonNode) answer = NULL;

  hd_sync_client_set_token (data->client, data->token);
  answer = hd_sync_client_request (data->client, "POST", "logout", "{}", HD_JSON_MAX_SIZE,
                                   FALSE, NULL, cancellable, NULL);
  g_task_return_error (task, g_error_copy (data->keyring_error));
}

static void
login_bound (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdSyncEngine *self = g_task_get_source_object (task);
  LoginData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_free (self->server_url);
  self->server_url = g_strdup (data->url);
  g_free (self->username);
  self->username = g_strdup (data->username);
  g_free (self->ca_file);
  self->ca_file = g_strdup (data->ca_file);
  forget_token (self);
  self->token = g_strdup (data->token);
  g_clear_object (&self->client);
  self->client = g_object_ref (data->client);
  hd_sync_client_set_token (self->client, self->token);
  self->loaded = TRUE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_URL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USERNAME]);
  set_last_error (self, NULL);
  if (!self->pass_running)
    set_state (self, resting_state (self));

  g_task_return_boolean (task, TRUE);

  if (self->started)
    request_pass (self);
}

static void
bind_profile (GTask *task)
{
  GTask *bind = g_task_new (g_task_get_source_object (task), g_task_get_cancellable (task),
                            login_bound, task);

  g_task_set_task_data (bind, g_task_get_task_data (task), NULL);
  g_task_run_in_thread (bind, bind_thread);
  g_object_unref (bind);
}

static void
revoke_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  g_task_return_error (task, error);
}

static void
token_stored (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  LoginData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!hd_sync_token_store_finish (result, &error))
    {
      GTask *revoke;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, error);
          g_object_unref (task);
          return;
        }

      /* Nowhere safe to keep it: the token must not stay valid. */
      data->keyring_error = error;
      revoke = g_task_new (g_task_get_source_object (task), NULL, revoke_done, task);
      g_task_set_task_data (revoke, data, NULL);
      g_task_run_in_thread (revoke, revoke_thread);
      g_object_unref (revoke);
      return;
    }

  bind_profile (task);
}

static void
login_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  HdSyncEngine *self = g_task_get_source_object (task);
  LoginData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  if (self->use_keyring)
    hd_sync_token_store_async (data->url, data->username,
                               hd_store_get_client_id (self->store), data->token,
                               g_task_get_cancellable (task), token_stored, task);
  else
    bind_profile (task);
}

void
hd_sync_engine_login_async (HdSyncEngine        *self,
                            const char          *url,
                            const char          *username,
                            const char          *password,
                            const char          *ca_file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  GTask *inner;
  LoginData *data;
  g_autoptr(HdSyncClient) client = NULL;
  GError *error = NULL;

  g_return_if_fail (HD_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_sync_engine_login_async);

  if (username == NULL || *username == '\0')
    {
      g_task_return_new_error (task, HD_SYNC_ERROR, HD_SYNC_ERROR_BAD_CREDENTIALS,
                               _("Enter your user name."));
      g_object_unref (task);
      return;
    }

  client = hd_sync_client_new (url, ca_file, &error);
  if (client == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  hd_sync_client_set_io_timeout (client, self->io_timeout);

  data = g_new0 (LoginData, 1);
  data->client = g_steal_pointer (&client);
  data->store = g_object_ref (self->store);
  data->url = g_strdup (hd_sync_client_get_url (data->client));
  data->username = g_strdup (username);
  data->password = g_strdup (password != NULL ? password : "");
  data->ca_file = g_strdup (ca_file != NULL && *ca_file != '\0' ? ca_file : NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) login_data_free);

  inner = g_task_new (self, cancellable, login_done, task);
  g_task_set_task_data (inner, data, NULL);
  g_task_run_in_thread (inner, login_thread);
  g_object_unref (inner);
}

gboolean
hd_sync_engine_login_finish (HdSyncEngine  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- logout ---- */

typedef struct {
  HdSyncClient *client;
} LogoutData;

static void
logout_data_free (LogoutData *data)
{
  g_clear_object (&data->client);
  g_free (data);
}

static void
logout_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LogoutData *data = task_data;
  g_autoptr(JsonNode) answer = NULL;

  /* Best effort: offline, the token stays valid on the server until it
   * expires, but this computer forgets it all the same. */
  if (data->client != NULL)
    answer = hd_sync_client_request (data->client, "POST", "logout", "{}", HD_JSON_MAX_SIZE,
                                     FALSE, NULL, cancellable, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
logout_cleared (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  hd_sync_token_clear_finish (result, &error);
  g_task_return_boolean (task, TRUE);
}

static void
logout_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  HdSyncEngine *self = g_task_get_source_object (task);

  g_task_propagate_boolean (G_TASK (result), NULL);

  forget_token (self);
  if (!self->pass_running)
    set_state (self, resting_state (self));

  if (self->use_keyring && self->server_url != NULL && self->username != NULL)
    hd_sync_token_clear_async (self->server_url, self->username,
                               hd_store_get_client_id (self->store),
                               NULL, logout_cleared, task);
  else
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
    }
}

void
hd_sync_engine_logout_async (HdSyncEngine        *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  GTask *inner;
  LogoutData *data;

  g_return_if_fail (HD_IS_SYNC_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_sync_engine_logout_async);

  cancel_wait (self);
  if (self->pass_cancellable != NULL)
    g_cancellable_cancel (self->pass_cancellable);

  data = g_new0 (LogoutData, 1);
  if (self->client != NULL && self->token != NULL)
    {
      /* A client of its own: the engine's forgets the token at once. */
      data->client = hd_sync_client_new (self->server_url, self->ca_file, NULL);
      if (data->client != NULL)
        {
          hd_sync_client_set_io_timeout (data->client, MIN (self->io_timeout, 10));
          hd_sync_client_set_token (data->client, self->token);
        }
    }

  inner = g_task_new (self, NULL, logout_done, task);
  g_task_set_task_data (inner, data, (GDestroyNotify) logout_data_free);
  g_task_run_in_thread (inner, logout_thread);
  g_object_unref (inner);
}

gboolean
hd_sync_engine_logout_finish (HdSyncEngine  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- conflicts and rejections ---- */

typedef enum {
  OP_LIST_CONFLICTS,
  OP_LIST_REJECTIONS,
  OP_RESOLVE,
  OP_DISCARD,
  OP_RETRY,
} LedgerOp;

typedef struct {
  LedgerOp          op;
  gint64            id;
  HdSyncResolution  how;
  HdRecord         *record;
  HdEntity          entity;
  char             *record_id;
  Counts            counts;
} LedgerData;

static void
ledger_data_free (LedgerData *data)
{
  g_clear_pointer (&data->record, hd_record_unref);
  g_free (data->record_id);
  g_free (data);
}

static void
ledger_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  HdSyncEngine *self = HD_SYNC_ENGINE (source);
  LedgerData *data = task_data;
  g_autoptr(HdSyncLedger) ledger = NULL;
  GError *error = NULL;
  GPtrArray *list = NULL;
  gboolean ok = FALSE;

  ledger = engine_ledger (self, &error);
  if (ledger == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  switch (data->op)
    {
    case OP_LIST_CONFLICTS:
      list = hd_sync_ledger_list_conflicts (ledger, &error);
      ok = list != NULL;
      break;
    case OP_LIST_REJECTIONS:
      list = hd_sync_ledger_list_rejections (ledger, &error);
      ok = list != NULL;
      break;
    case OP_RESOLVE:
      ok = hd_sync_resolve_conflict (self->store, ledger, data->id, data->how,
                                     data->record, &error);
      break;
    case OP_DISCARD:
      ok = hd_sync_discard_rejected (self->store, ledger, data->entity, data->record_id,
                                     &error);
      break;
    case OP_RETRY:
    default:
      ok = hd_sync_retry_rejected (self->store, ledger, data->entity, data->record_id,
                                   data->record, &error);
      break;
    }

  read_counts (self, &data->counts);

  if (!ok)
    g_task_return_error (task, error);
  else if (list != NULL)
    g_task_return_pointer (task, list, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_boolean (task, TRUE);
}

static void
ledger_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  HdSyncEngine *self = HD_SYNC_ENGINE (source);
  GTask *outer = user_data;
  LedgerData *data = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  set_counts (self, data->counts.pending, data->counts.conflicts, data->counts.rejections);

  if (data->op == OP_LIST_CONFLICTS || data->op == OP_LIST_REJECTIONS)
    {
      GPtrArray *list = g_task_propagate_pointer (G_TASK (result), &error);

      if (list != NULL)
        g_task_return_pointer (outer, list, (GDestroyNotify) g_ptr_array_unref);
      else
        g_task_return_error (outer, error);
    }
  else
    {
      if (g_task_propagate_boolean (G_TASK (result), &error))
        {
          g_signal_emit (self, signals[SIGNAL_CONFLICTS_CHANGED], 0);
          g_task_return_boolean (outer, TRUE);
          schedule_after_edit (self);
        }
      else
        g_task_return_error (outer, error);
    }

  g_object_unref (outer);
}

static void
run_ledger_op (HdSyncEngine        *self,
               LedgerData          *data,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *outer = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) inner = NULL;

  g_task_set_source_tag (outer, source_tag);
  inner = g_task_new (self, cancellable, ledger_done, outer);
  g_task_set_task_data (inner, data, (GDestroyNotify) ledger_data_free);
  g_task_run_in_thread (inner, ledger_thread);
}

void
hd_sync_engine_list_conflicts_async (HdSyncEngine        *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  LedgerData *data = g_new0 (LedgerData, 1);

  g_return_if_fail (HD_IS_SYNC_ENGINE (self));

  data->op = OP_LIST_CONFLICTS;
  run_ledger_op (self, data, hd_sync_engine_list_conflicts_async, cancellable,
                 callback, user_data);
}

GPtrArray *
hd_sync_engine_list_conflicts_finish (HdSyncEngine  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
hd_sync_engine_list_rejections_async (HdSyncEngine        *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  LedgerData *data = g_new0 (LedgerData, 1);

  g_return_if_fail (HD_IS_SYNC_ENGINE (self));

  data->op = OP_LIST_REJECTIONS;
  run_ledger_op (self, data, hd_sync_engine_list_rejections_async, cancellable,
                 callback, user_data);
}

GPtrArray *
hd_sync_engine_list_rejections_finish (HdSyncEngine  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
hd_sync_engine_resolve_async (HdSyncEngine        *self,
                              gint64               id,
                              HdSyncResolution     how,
                              const HdRecord      *edited,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  LedgerData *data = g_new0 (LedgerData, 1);

  g_return_if_fail (HD_IS_SYNC_ENGINE (self));

  data->op = OP_RESOLVE;
  data->id = id;
  data->how = how;
  data->record = edited != NULL ? hd_record_copy (edited) : NULL;
  run_ledger_op (self, data, hd_sync_engine_resolve_async, cancellable, callback, user_data);
}

gboolean
hd_sync_engine_resolve_finish (HdSyncEngine  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
hd_sync_engine_discard_rejected_async (HdSyncEngine        *self,
                                       HdEntity             entity,
                                       const char          *id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  LedgerData *data = g_new0 (LedgerData, 1);

  g_return_if_fail (HD_IS_SYNC_ENGINE (self));

  data->op = OP_DISCARD;
  data->entity = entity;
  data->record_id = g_strdup (id);
  run_ledger_op (self, data, hd_sync_engine_discard_rejected_async, cancellable,
                 callback, user_data);
}

gboolean
hd_sync_engine_discard_rejected_finish (HdSyncEngine  *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
hd_sync_engine_retry_rejected_async (HdSyncEngine        *self,
                                     HdEntity             entity,
                                     const char          *id,
                                     HdRecord            *fixed,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  LedgerData *data = g_new0 (LedgerData, 1);

  g_return_if_fail (HD_IS_SYNC_ENGINE (self));

  data->op = OP_RETRY;
  data->entity = entity;
  data->record_id = g_strdup (id);
  data->record = fixed != NULL ? hd_record_copy (fixed) : NULL;
  run_ledger_op (self, data, hd_sync_engine_retry_rejected_async, cancellable,
                 callback, user_data);
}

gboolean
hd_sync_engine_retry_rejected_finish (HdSyncEngine  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
