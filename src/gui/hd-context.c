/* hd-context.c — what the windows and views of one profile share
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "hd-context.h"
#include "hd-store-sync-marks.h"

#define HD_DEFAULT_TIMEZONE "Europe/Berlin"
#define HD_RECORD_CACHE_MAX 4096

struct _HdContext
{
  GObject        parent_instance;

  HdStore       *store;
  GSettings     *settings;
  HdSyncEngine  *engine;
  HdRecordList  *hubs;
  char          *hub_id;
  GTimeZone     *timezone;
  GHashTable    *record_cache;    /* "entity:id" → HdRecord */

  GCancellable  *outbox_cancellable;
  gint64         outbox_count;
  guint          outbox_source;
  guint          conflict_count;

  char          *busy_message;

  /* "entity:id" → HdSyncState of records with changes not yet on the
   * server, conflicts and refused changes (bound profiles only) */
  GHashTable    *sync_marks;
  GCancellable  *marks_cancellable;
  GHashTable    *marks_building;
  guint          marks_source;

  /* "YYYY-MM-DD" of the day last seen, checked once a minute */
  char          *today;
  guint          day_source;
};

G_DEFINE_FINAL_TYPE (HdContext, hd_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  PROP_SYNC_ENGINE,
  PROP_HUB_ID,
  PROP_OUTBOX_COUNT,
  PROP_CONFLICT_COUNT,
  PROP_BUSY,
  PROP_BUSY_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_SYNC_MARKS_CHANGED,
  SIGNAL_DAY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
set_string (char       **target,
            const char  *value)
{
  if (g_strcmp0 (*target, value) == 0)
    return FALSE;

  g_free (*target);
  *target = g_strdup (value);

  return TRUE;
}

static void
on_outbox_counted (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  HdContext *self;
  gint64 count;

  count = hd_store_outbox_count_finish (HD_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = HD_CONTEXT (user_data);
  if (error != NULL)
    {
      g_warning ("Could not count the changes waiting for the server: %s", error->message);
      return;
    }

  if (count != self->outbox_count)
    {
      self->outbox_count = count;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTBOX_COUNT]);
    }
}

static gboolean
refresh_outbox_count (gpointer user_data)
{
  HdContext *self = HD_CONTEXT (user_data);

  self->outbox_source = 0;

  g_cancellable_cancel (self->outbox_cancellable);
  g_clear_object (&self->outbox_cancellable);
  self->outbox_cancellable = g_cancellable_new ();

  hd_store_outbox_count_async (self->store, self->outbox_cancellable,
                               on_outbox_counted, self);

  return G_SOURCE_REMOVE;
}

static void
update_timezone (HdContext *self)
{
  const char *zone = NULL;
  guint n;

  if (self->hub_id != NULL)
    {
      n = g_list_model_get_n_items (G_LIST_MODEL (self->hubs));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(HdRecordObject) object = g_list_model_get_item (G_LIST_MODEL (self->hubs), i);
          HdRecord *hub = hd_record_object_get_record (object);

          if (hub != NULL && g_strcmp0 (hd_record_get_id (hub), self->hub_id) == 0)
            {
              zone = hd_record_get_string (hub, "timezone");
              break;
            }
        }
    }

  if (zone == NULL || *zone == '\0')
    zone = HD_DEFAULT_TIMEZONE;

  if (self->timezone == NULL || g_strcmp0 (g_time_zone_get_identifier (self->timezone), zone) != 0)
    {
      g_clear_pointer (&self->timezone, g_time_zone_unref);
      self->timezone = g_time_zone_new_identifier (zone);
      if (self->timezone == NULL)
        self->timezone = g_time_zone_new_local ();
    }
}

static void
on_hubs_changed (GListModel *model,
                 guint       position,
                 guint       removed,
                 guint       added,
                 gpointer    user_data)
{
  update_timezone (HD_CONTEXT (user_data));
}

static void
on_store_changed (HdStore    *store,
                  HdEntity    entity,
                  const char *id,
                  gpointer    user_data)
{
  HdContext *self = HD_CONTEXT (user_data);

  g_hash_table_remove_all (self->record_cache);

  /* Many changes come in bursts (an import, a pull): count once after. */
  if (self->outbox_source == 0)
    self->outbox_source = g_timeout_add (200, refresh_outbox_count, self);
}

/* ---- sync marks ---- */

static char *
mark_key (HdEntity    entity,
          const char *id)
{
  return g_strdup_printf ("%d:%s", (int) entity, id);
}

static void
add_pending_mark (HdEntity    entity,
                  const char *id,
                  gpointer    user_data)
{
  g_hash_table_replace (user_data, mark_key (entity, id), GINT_TO_POINTER (HD_SYNC_PENDING));
}

static void
outbox_marks_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  HdStore *store = HD_STORE (source_object);
  g_autoptr(GHashTable) marks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GError *error = NULL;

  if (!hd_store_foreach_outbox_record (store, add_pending_mark, marks, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&marks), (GDestroyNotify) g_hash_table_unref);
}

static void
finish_marks (HdContext  *self,
              GHashTable *marks)
{
  g_clear_pointer (&self->sync_marks, g_hash_table_unref);
  self->sync_marks = marks;
  g_signal_emit (self, signals[SIGNAL_SYNC_MARKS_CHANGED], 0);
}

static void
on_rejection_marks (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rejections = NULL;
  HdContext *self;

  rejections = hd_sync_engine_list_rejections_finish (HD_SYNC_ENGINE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = HD_CONTEXT (user_data);
  for (guint i = 0; rejections != NULL && i < rejections->len; i++)
    {
      HdSyncRejection *rejection = g_ptr_array_index (rejections, i);

      g_hash_table_replace (self->marks_building, mark_key (rejection->entity, rejection->record_id),
                            GINT_TO_POINTER (HD_SYNC_REJECTED));
    }

  finish_marks (self, g_steal_pointer (&self->marks_building));
}

static void
on_conflict_marks (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  HdContext *self;

  conflicts = hd_sync_engine_list_conflicts_finish (HD_SYNC_ENGINE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = HD_CONTEXT (user_data);
  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    {
      HdSyncConflict *conflict = g_ptr_array_index (conflicts, i);

      g_hash_table_replace (self->marks_building, mark_key (conflict->entity, conflict->record_id),
                            GINT_TO_POINTER (HD_SYNC_CONFLICT));
    }

  hd_sync_engine_list_rejections_async (HD_SYNC_ENGINE (source), self->marks_cancellable,
                                        on_rejection_marks, self);
}

static void
on_outbox_marks (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  GHashTable *marks = g_task_propagate_pointer (G_TASK (result), &error);
  HdContext *self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      g_clear_pointer (&marks, g_hash_table_unref);
      return;
    }

  self = HD_CONTEXT (user_data);
  if (marks == NULL)
    {
      g_warning ("Could not read the changes waiting for the server: %s", error->message);
      return;
    }

  g_clear_pointer (&self->marks_building, g_hash_table_unref);
  self->marks_building = marks;
  hd_sync_engine_list_conflicts_async (self->engine, self->marks_cancellable,
                                       on_conflict_marks, self);
}

static gboolean
refresh_sync_marks (gpointer user_data)
{
  HdContext *self = HD_CONTEXT (user_data);
  HdSyncEngineState state = hd_sync_engine_get_state (self->engine);
  g_autoptr(GTask) task = NULL;

  self->marks_source = 0;

  g_cancellable_cancel (self->marks_cancellable);
  g_clear_object (&self->marks_cancellable);
  g_clear_pointer (&self->marks_building, g_hash_table_unref);

  /* In a standalone profile every edit waits for a server that does not
   * exist: no marks there. */
  if (state == HD_SYNC_ENGINE_STANDALONE || state == HD_SYNC_ENGINE_LOADING)
    {
      if (self->sync_marks != NULL && g_hash_table_size (self->sync_marks) > 0)
        finish_marks (self, NULL);
      return G_SOURCE_REMOVE;
    }

  self->marks_cancellable = g_cancellable_new ();
  task = g_task_new (self->store, self->marks_cancellable, on_outbox_marks, self);
  g_task_set_source_tag (task, refresh_sync_marks);
  g_task_run_in_thread (task, outbox_marks_thread);

  return G_SOURCE_REMOVE;
}

static void
queue_sync_marks (HdContext *self)
{
  /* Counts change in bursts during a sync: read once after. */
  if (self->marks_source == 0)
    self->marks_source = g_timeout_add (300, refresh_sync_marks, self);
}

HdSyncState
hd_context_get_sync_mark (HdContext  *self,
                          HdEntity    entity,
                          const char *id)
{
  g_autofree char *key = NULL;
  gpointer value;

  g_return_val_if_fail (HD_IS_CONTEXT (self), HD_SYNC_SYNCED);

  if (self->sync_marks == NULL || id == NULL)
    return HD_SYNC_SYNCED;

  key = mark_key (entity, id);
  if (!g_hash_table_lookup_extended (self->sync_marks, key, NULL, &value))
    return HD_SYNC_SYNCED;

  return (HdSyncState) GPOINTER_TO_INT (value);
}

static void
update_conflict_count (HdContext *self)
{
  guint count = 0;

  if (self->engine != NULL)
    count = hd_sync_engine_get_conflicts (self->engine) + hd_sync_engine_get_rejections (self->engine);

  if (count != self->conflict_count)
    {
      self->conflict_count = count;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFLICT_COUNT]);
    }
}

static gboolean on_day_check (gpointer user_data);

static void
hd_context_constructed (GObject *object)
{
  HdContext *self = HD_CONTEXT (object);
  HdQuery query = { .entity = HD_ENTITY_HUB, .order_by = "name" };

  G_OBJECT_CLASS (hd_context_parent_class)->constructed (object);

  g_assert (HD_IS_STORE (self->store));

  self->hubs = hd_record_list_new (self->store, &query);
  g_signal_connect_object (self->hubs, "items-changed",
                           G_CALLBACK (on_hubs_changed), self, 0);
  g_signal_connect_object (self->store, "changed",
                           G_CALLBACK (on_store_changed), self, 0);

  if (self->settings != NULL)
    {
      g_autofree char *hub = g_settings_get_string (self->settings, "selected-hub");

      if (*hub != '\0')
        self->hub_id = g_steal_pointer (&hub);
    }

  if (self->engine != NULL)
    {
      g_signal_connect_object (self->engine, "notify::conflicts",
                               G_CALLBACK (update_conflict_count), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->engine, "notify::rejections",
                               G_CALLBACK (update_conflict_count), self, G_CONNECT_SWAPPED);
      update_conflict_count (self);

      g_signal_connect_object (self->engine, "notify::pending",
                               G_CALLBACK (queue_sync_marks), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->engine, "notify::state",
                               G_CALLBACK (queue_sync_marks), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->engine, "conflicts-changed",
                               G_CALLBACK (queue_sync_marks), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->engine, "synced",
                               G_CALLBACK (queue_sync_marks), self, G_CONNECT_SWAPPED);
    }

  update_timezone (self);
  refresh_outbox_count (self);

  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    hd_context_check_day (self, now);
    self->day_source = g_timeout_add_seconds (60, on_day_check, self);
  }
}

static void
hd_context_dispose (GObject *object)
{
  HdContext *self = HD_CONTEXT (object);

  g_cancellable_cancel (self->outbox_cancellable);
  g_clear_object (&self->outbox_cancellable);
  g_clear_handle_id (&self->outbox_source, g_source_remove);
  g_cancellable_cancel (self->marks_cancellable);
  g_clear_object (&self->marks_cancellable);
  g_clear_handle_id (&self->marks_source, g_source_remove);
  g_clear_handle_id (&self->day_source, g_source_remove);
  g_clear_object (&self->hubs);

  G_OBJECT_CLASS (hd_context_parent_class)->dispose (object);
}

static void
hd_context_finalize (GObject *object)
{
  HdContext *self = HD_CONTEXT (object);

  g_clear_object (&self->engine);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->hub_id, g_free);
  g_clear_pointer (&self->timezone, g_time_zone_unref);
  g_clear_pointer (&self->record_cache, g_hash_table_unref);
  g_clear_pointer (&self->busy_message, g_free);
  g_clear_pointer (&self->sync_marks, g_hash_table_unref);
  g_clear_pointer (&self->marks_building, g_hash_table_unref);
  g_clear_pointer (&self->today, g_free);

  G_OBJECT_CLASS (hd_context_parent_class)->finalize (object);
}

static void
hd_context_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  HdContext *self = HD_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_SYNC_ENGINE:
      g_value_set_object (value, self->engine);
      break;

    case PROP_HUB_ID:
      g_value_set_string (value, self->hub_id);
      break;

    case PROP_OUTBOX_COUNT:
      g_value_set_int64 (value, self->outbox_count);
      break;

    case PROP_CONFLICT_COUNT:
      g_value_set_uint (value, self->conflict_count);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, hd_context_get_busy (self));
      break;

    case PROP_BUSY_MESSAGE:
      g_value_set_string (value, self->busy_message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_context_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  HdContext *self = HD_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_SYNC_ENGINE:
      self->engine = g_value_dup_object (value);
      break;

    case PROP_HUB_ID:
      hd_context_set_hub_id (self, g_value_get_string (value));
      break;

    case PROP_BUSY_MESSAGE:
      hd_context_set_busy_message (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_context_class_init (HdContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = hd_context_constructed;
  object_class->dispose = hd_context_dispose;
  object_class->finalize = hd_context_finalize;
  object_class->get_property = hd_context_get_property;
  object_class->set_property = hd_context_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         HD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SYNC_ENGINE] =
    g_param_spec_object ("sync-engine", NULL, NULL,
                         HD_TYPE_SYNC_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_HUB_ID] =
    g_param_spec_string ("hub-id", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_OUTBOX_COUNT] =
    g_param_spec_int64 ("outbox-count", NULL, NULL,
                        -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CONFLICT_COUNT] =
    g_param_spec_uint ("conflict-count", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_BUSY_MESSAGE] =
    g_param_spec_string ("busy-message", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The records with sync marks changed: rows look theirs up again. */
  signals[SIGNAL_SYNC_MARKS_CHANGED] =
    g_signal_new ("sync-marks-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /* A new day began (local midnight in the context's time zone, or the
   * computer woke up on a later day): what "today", "upcoming" or "this
   * week" shows is out of date. */
  signals[SIGNAL_DAY_CHANGED] =
    g_signal_new ("day-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
hd_context_init (HdContext *self)
{
  self->outbox_count = -1;
  self->record_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) hd_record_unref);
}

HdContext *
hd_context_new (HdStore   *store,
                GSettings *settings)
{
  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (HD_TYPE_CONTEXT,
                       "store", store,
                       "settings", settings,
                       NULL);
}

HdContext *
hd_context_new_with_sync (HdStore      *store,
                          GSettings    *settings,
                          HdSyncEngine *engine)
{
  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (engine == NULL || HD_IS_SYNC_ENGINE (engine), NULL);

  return g_object_new (HD_TYPE_CONTEXT,
                       "store", store,
                       "settings", settings,
                       "sync-engine", engine,
                       NULL);
}

HdSyncEngine *
hd_context_get_sync_engine (HdContext *self)
{
  g_return_val_if_fail (HD_IS_CONTEXT (self), NULL);

  return self->engine;
}

HdStore *
hd_context_get_store (HdContext *self)
{
  g_return_val_if_fail (HD_IS_CONTEXT (self), NULL);

  return self->store;
}

GSettings *
hd_context_get_settings (HdContext *self)
{
  g_return_val_if_fail (HD_IS_CONTEXT (self), NULL);

  return self->settings;
}

GListModel *
hd_context_get_hubs (HdContext *self)
{
  g_return_val_if_fail (HD_IS_CONTEXT (self), NULL);

  return G_LIST_MODEL (self->hubs);
}

const char *
hd_context_get_hub_name (HdContext  *self,
                         const char *hub_id)
{
  GListModel *hubs;
  guint n;

  g_return_val_if_fail (HD_IS_CONTEXT (self), NULL);

  if (hub_id == NULL)
    return NULL;

  hubs = G_LIST_MODEL (self->hubs);
  n = g_list_model_get_n_items (hubs);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HdRecordObject) object = g_list_model_get_item (hubs, i);
      HdRecord *hub = hd_record_object_get_record (object);

      /* The list holds the record, so the name outlives this call. */
      if (hub != NULL && g_strcmp0 (hd_record_get_id (hub), hub_id) == 0)
        return hd_record_get_string (hub, "name");
    }

  return NULL;
}

const char *
hd_context_get_hub_id (HdContext *self)
{
  g_return_val_if_fail (HD_IS_CONTEXT (self), NULL);

  return self->hub_id;
}

void
hd_context_set_hub_id (HdContext  *self,
                       const char *hub_id)
{
  g_return_if_fail (HD_IS_CONTEXT (self));

  if (hub_id != NULL && *hub_id == '\0')
    hub_id = NULL;

  if (set_string (&self->hub_id, hub_id))
    {
      if (self->settings != NULL)
        g_settings_set_string (self->settings, "selected-hub", hub_id ? hub_id : "");

      update_timezone (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HUB_ID]);
    }
}

GTimeZone *
hd_context_get_timezone (HdContext *self)
{
  g_return_val_if_fail (HD_IS_CONTEXT (self), NULL);

  return self->timezone;
}

char *
hd_context_dup_today (HdContext *self)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (HD_IS_CONTEXT (self), NULL);

  now = g_date_time_new_now (self->timezone);

  return g_date_time_format (now, "%Y-%m-%d");
}

gboolean
hd_context_check_day (HdContext *self,
                      GDateTime *now)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *day = NULL;

  g_return_val_if_fail (HD_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  local = g_date_time_to_timezone (now, self->timezone);
  day = g_date_time_format (local, "%Y-%m-%d");
  if (self->today == NULL)
    {
      self->today = g_steal_pointer (&day);
      return FALSE;
    }
  if (g_str_equal (self->today, day))
    return FALSE;

  g_free (self->today);
  self->today = g_steal_pointer (&day);
  g_signal_emit (self, signals[SIGNAL_DAY_CHANGED], 0);
  return TRUE;
}

/* Once a minute rather than a timer until midnight: the monotonic clock
 * of a timer stands still while the computer sleeps. */
static gboolean
on_day_check (gpointer user_data)
{
  HdContext *self = HD_CONTEXT (user_data);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  hd_context_check_day (self, now);
  return G_SOURCE_CONTINUE;
}

void
hd_context_get_day_bounds (HdContext  *self,
                           GDateTime  *day,
                           char      **out_from,
                           char      **out_until)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;

  g_return_if_fail (HD_IS_CONTEXT (self));
  g_return_if_fail (day != NULL);

  local = g_date_time_to_timezone (day, self->timezone);
  start = g_date_time_new (self->timezone,
                           g_date_time_get_year (local),
                           g_date_time_get_month (local),
                           g_date_time_get_day_of_month (local),
                           0, 0, 0);
  end = g_date_time_add_days (start, 1);

  if (out_from != NULL)
    *out_from = hd_timestamp_format (g_date_time_to_unix (start));
  if (out_until != NULL)
    *out_until = hd_timestamp_format (g_date_time_to_unix (end));
}

gint64
hd_context_get_outbox_count (HdContext *self)
{
  g_return_val_if_fail (HD_IS_CONTEXT (self), -1);

  return self->outbox_count;
}

guint
hd_context_get_conflict_count (HdContext *self)
{
  g_return_val_if_fail (HD_IS_CONTEXT (self), 0);

  return self->conflict_count;
}

gboolean
hd_context_get_busy (HdContext *self)
{
  g_return_val_if_fail (HD_IS_CONTEXT (self), FALSE);

  return self->busy_message != NULL;
}

const char *
hd_context_get_busy_message (HdContext *self)
{
  g_return_val_if_fail (HD_IS_CONTEXT (self), NULL);

  return self->busy_message;
}

void
hd_context_set_busy_message (HdContext  *self,
                             const char *message)
{
  gboolean was_busy;

  g_return_if_fail (HD_IS_CONTEXT (self));

  was_busy = self->busy_message != NULL;

  if (set_string (&self->busy_message, message))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY_MESSAGE]);
      if (was_busy != (message != NULL))
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
}

typedef struct
{
  HdEntity  entity;
  char     *id;
  char     *key;
} GetRecordData;

static void
get_record_data_free (gpointer data)
{
  GetRecordData *get = data;

  g_free (get->id);
  g_free (get->key);
  g_free (get);
}

static void
get_record_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  HdStore *store = HD_STORE (source_object);
  GetRecordData *get = task_data;
  GError *error = NULL;
  HdRecord *record;

  record = hd_store_get (store, get->entity, get->id, &error);
  if (record == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, record, (GDestroyNotify) hd_record_unref);
}

static void
on_record_read (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  HdContext *self = g_task_get_source_object (task);
  GetRecordData *get = g_task_get_task_data (task);
  GError *error = NULL;
  HdRecord *record;

  record = g_task_propagate_pointer (G_TASK (result), &error);
  if (record == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_hash_table_size (self->record_cache) >= HD_RECORD_CACHE_MAX)
    g_hash_table_remove_all (self->record_cache);
  g_hash_table_replace (self->record_cache, g_strdup (get->key), hd_record_ref (record));

  g_task_return_pointer (task, record, (GDestroyNotify) hd_record_unref);
}

void
hd_context_get_record_async (HdContext           *self,
                             HdEntity             entity,
                             const char          *id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) thread_task = NULL;
  GetRecordData *get;
  HdRecord *cached;

  g_return_if_fail (HD_IS_CONTEXT (self));
  g_return_if_fail (id != NULL);

  get = g_new0 (GetRecordData, 1);
  get->entity = entity;
  get->id = g_strdup (id);
  get->key = g_strdup_printf ("%d:%s", (int) entity, id);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_context_get_record_async);
  g_task_set_task_data (task, get, get_record_data_free);

  cached = g_hash_table_lookup (self->record_cache, get->key);
  if (cached != NULL)
    {
      g_task_return_pointer (task, hd_record_ref (cached), (GDestroyNotify) hd_record_unref);
      return;
    }

  /* The read runs on a worker thread through the store's thread-safe
   * blocking API; the result comes back here to be cached. The outer task
   * owns @get and outlives the thread's task. */
  thread_task = g_task_new (self->store, cancellable, on_record_read, g_steal_pointer (&task));
  g_task_set_task_data (thread_task, get, NULL);
  g_task_run_in_thread (thread_task, get_record_thread);
}

HdRecord *
hd_context_get_record_finish (HdContext     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (HD_IS_CONTEXT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
hd_context_get_target_hub_id (HdContext *self)
{
  GListModel *hubs;
  g_autoptr(HdRecordObject) first = NULL;

  g_return_val_if_fail (HD_IS_CONTEXT (self), NULL);

  if (self->hub_id != NULL)
    return self->hub_id;

  hubs = hd_context_get_hubs (self);
  if (g_list_model_get_n_items (hubs) == 0)
    return NULL;
  first = g_list_model_get_item (hubs, 0);
  return hd_record_object_get_record (first) != NULL ? hd_record_get_id (hd_record_object_get_record (first)) : NULL;
}
