/* hd-record-list.c — a GListModel of the records a query finds, in pages
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The count and every page come from the store's thread; nothing here
 * waits on SQL. An item asked for before its page is there is a
 * placeholder (no record), replaced by items-changed when the page comes.
 * Only a limited number of pages stay loaded; the oldest go back to
 * placeholders. After a change in the store, the list counts again and
 * reloads the pages last looked at before it swaps to the new rows in
 * one items-changed, so the rows on screen do not flicker empty.
 */
#include "config.h"

#include "hd-record-list.h"

#define PAGE_SIZE       200
#define MAX_PAGES       16   /* pages kept loaded */
#define RELOAD_PAGES    2    /* pages fetched again before a swap */

/* ---- HdRecordObject ---- */

struct _HdRecordObject
{
  GObject   parent_instance;
  HdRecord *record;
};

G_DEFINE_FINAL_TYPE (HdRecordObject, hd_record_object, G_TYPE_OBJECT)

enum {
  OBJ_PROP_0,
  OBJ_PROP_RECORD,
  OBJ_N_PROPS
};

static GParamSpec *object_properties[OBJ_N_PROPS];

static void
hd_record_object_finalize (GObject *object)
{
  HdRecordObject *self = HD_RECORD_OBJECT (object);

  g_clear_pointer (&self->record, hd_record_unref);

  G_OBJECT_CLASS (hd_record_object_parent_class)->finalize (object);
}

static void
hd_record_object_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  HdRecordObject *self = HD_RECORD_OBJECT (object);

  switch (prop_id)
    {
    case OBJ_PROP_RECORD:
      g_value_set_boxed (value, self->record);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_record_object_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  HdRecordObject *self = HD_RECORD_OBJECT (object);

  switch (prop_id)
    {
    case OBJ_PROP_RECORD:
      self->record = g_value_dup_boxed (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_record_object_class_init (HdRecordObjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hd_record_object_finalize;
  object_class->get_property = hd_record_object_get_property;
  object_class->set_property = hd_record_object_set_property;

  object_properties[OBJ_PROP_RECORD] =
    g_param_spec_boxed ("record", NULL, NULL,
                        HD_TYPE_RECORD,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, OBJ_N_PROPS, object_properties);
}

static void
hd_record_object_init (HdRecordObject *self)
{
}

HdRecordObject *
hd_record_object_new (HdRecord *record)
{
  return g_object_new (HD_TYPE_RECORD_OBJECT, "record", record, NULL);
}

HdRecord *
hd_record_object_get_record (HdRecordObject *self)
{
  g_return_val_if_fail (HD_IS_RECORD_OBJECT (self), NULL);

  return self->record;
}

/* ---- HdRecordList ---- */

struct _HdRecordList
{
  GObject       parent_instance;

  HdStore      *store;
  HdQuery      *query;
  gulong        changed_id;

  guint         n_items;
  gboolean      loading;
  GPtrArray    *items;         /* HdRecordObject or NULL, n_items long */
  GHashTable   *pages;         /* page → PAGE_REQUESTED / PAGE_LOADED */
  GQueue        recent;        /* loaded pages, most recently used first */

  /* Every reload bumps the generation; answers for an older one are
   * dropped. The cancellable belongs to the current generation. */
  guint         generation;
  GCancellable *cancellable;
  guint         reload_source;

  /* A reload in progress: the new count and the pages fetched so far. */
  gint64        pending_n;
  GHashTable   *pending_pages; /* page → GPtrArray of HdRecord */
  guint         pending_left;
};

enum {
  PAGE_REQUESTED = 1,
  PAGE_LOADED = 2,
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HdRecordList, hd_record_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      list_model_iface_init))

enum {
  PROP_0,
  PROP_LOADING,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  HdRecordList *list;
  guint         generation;
  guint         page;
} Request;

static Request *
request_new (HdRecordList *self,
             guint         page)
{
  Request *request = g_new0 (Request, 1);

  request->list = g_object_ref (self);
  request->generation = self->generation;
  request->page = page;

  return request;
}

static void
request_free (Request *request)
{
  g_object_unref (request->list);
  g_free (request);
}

static HdQuery *
page_query (HdRecordList *self,
            guint         page)
{
  HdQuery *query = hd_query_copy (self->query);

  query->offset = page * PAGE_SIZE;
  query->limit = PAGE_SIZE;

  return query;
}

static void
touch_page (HdRecordList *self,
            guint         page)
{
  GList *link = g_queue_find (&self->recent, GUINT_TO_POINTER (page));

  if (link != NULL)
    g_queue_delete_link (&self->recent, link);
  g_queue_push_head (&self->recent, GUINT_TO_POINTER (page));
}

/* Sends the oldest loaded pages back to placeholders. */
static void
evict_pages (HdRecordList *self)
{
  while (g_queue_get_length (&self->recent) > MAX_PAGES)
    {
      guint page = GPOINTER_TO_UINT (g_queue_pop_tail (&self->recent));
      guint start = page * PAGE_SIZE;
      guint end = MIN (start + PAGE_SIZE, self->n_items);

      g_hash_table_remove (self->pages, GUINT_TO_POINTER (page));
      if (start >= end)
        continue;

      for (guint i = start; i < end; i++)
        g_clear_object (&self->items->pdata[i]);
      g_list_model_items_changed (G_LIST_MODEL (self), start, end - start, end - start);
    }
}

static void
fill_page (HdRecordList *self,
           guint         page,
           GPtrArray    *records)
{
  guint start = page * PAGE_SIZE;
  guint n = 0;

  for (guint i = 0; i < records->len && start + i < self->n_items; i++)
    {
      g_clear_object (&self->items->pdata[start + i]);
      self->items->pdata[start + i] = hd_record_object_new (records->pdata[i]);
      n++;
    }

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page),
                       GUINT_TO_POINTER (PAGE_LOADED));
  touch_page (self, page);
}

static void
page_loaded (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Request *request = user_data;
  HdRecordList *self = request->list;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  guint start, n;

  records = hd_store_query_finish (HD_STORE (source), result, &error);

  if (request->generation != self->generation)
    goto out;

  if (records == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("A page of the list could not be loaded: %s", error->message);
      /* Ask again the next time someone looks. */
      g_hash_table_remove (self->pages, GUINT_TO_POINTER (request->page));
      goto out;
    }

  start = request->page * PAGE_SIZE;
  if (start >= self->n_items)
    goto out;

  fill_page (self, request->page, records);
  n = MIN (PAGE_SIZE, self->n_items - start);
  g_list_model_items_changed (G_LIST_MODEL (self), start, n, n);
  evict_pages (self);

out:
  request_free (request);
}

static void
request_page (HdRecordList *self,
              guint         page)
{
  g_autoptr(HdQuery) query = NULL;

  if (g_hash_table_contains (self->pages, GUINT_TO_POINTER (page)))
    return;

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page),
                       GUINT_TO_POINTER (PAGE_REQUESTED));
  query = page_query (self, page);
  hd_store_query_async (self->store, query, self->cancellable,
                        page_loaded, request_new (self, page));
}

/* ---- reloading ---- */

static void
swap_in (HdRecordList *self)
{
  guint old_n = self->n_items;
  guint new_n = (guint) MIN (self->pending_n, (gint64) G_MAXUINT);
  gboolean was_loading = self->loading;
  GHashTableIter iter;
  gpointer key, value;

  g_ptr_array_set_size (self->items, 0);
  g_ptr_array_set_size (self->items, new_n);
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->recent);
  self->n_items = new_n;
  self->loading = FALSE;

  g_hash_table_iter_init (&iter, self->pending_pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    fill_page (self, GPOINTER_TO_UINT (key), value);
  g_hash_table_remove_all (self->pending_pages);

  if (old_n > 0 || new_n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  if (was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
reload_page_loaded (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Request *request = user_data;
  HdRecordList *self = request->list;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  records = hd_store_query_finish (HD_STORE (source), result, &error);

  if (request->generation == self->generation)
    {
      if (records != NULL)
        g_hash_table_insert (self->pending_pages, GUINT_TO_POINTER (request->page),
                             g_steal_pointer (&records));
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("A page of the list could not be loaded: %s", error->message);

      if (--self->pending_left == 0)
        swap_in (self);
    }

  request_free (request);
}

static void
count_loaded (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Request *request = user_data;
  HdRecordList *self = request->list;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) wanted = NULL;
  gint64 n;

  n = hd_store_count_finish (HD_STORE (source), result, &error);

  if (request->generation != self->generation)
    goto out;

  if (n < 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("The list could not be counted: %s", error->message);
      n = 0;
    }

  self->pending_n = n;
  g_hash_table_remove_all (self->pending_pages);

  /* The pages looked at last are fetched before the swap. */
  wanted = g_array_new (FALSE, FALSE, sizeof (guint));
  for (GList *l = self->recent.head; l != NULL && wanted->len < RELOAD_PAGES; l = l->next)
    {
      guint page = GPOINTER_TO_UINT (l->data);

      if ((gint64) page * PAGE_SIZE < n)
        g_array_append_val (wanted, page);
    }

  self->pending_left = wanted->len;
  if (wanted->len == 0)
    {
      swap_in (self);
      goto out;
    }

  for (guint i = 0; i < wanted->len; i++)
    {
      guint page = g_array_index (wanted, guint, i);
      g_autoptr(HdQuery) query = page_query (self, page);

      hd_store_query_async (self->store, query, self->cancellable,
                            reload_page_loaded, request_new (self, page));
    }

out:
  request_free (request);
}

static void
reload (HdRecordList *self)
{
  g_clear_handle_id (&self->reload_source, g_source_remove);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;

  /* Pages asked for from now on belong to the rows being replaced;
   * forget the requests so they can be made again after the swap. */
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, self->pages);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        if (GPOINTER_TO_UINT (value) == PAGE_REQUESTED)
          g_hash_table_iter_remove (&iter);
      }
  }

  hd_store_count_async (self->store, self->query, self->cancellable,
                        count_loaded, request_new (self, 0));
}

static gboolean
reload_cb (gpointer user_data)
{
  HdRecordList *self = user_data;

  self->reload_source = 0;
  reload (self);

  return G_SOURCE_REMOVE;
}

static void
store_changed (HdStore      *store,
               int           entity,
               const char   *id,
               HdRecordList *self)
{
  if ((HdEntity) entity != self->query->entity)
    return;

  /* A burst of changes costs one reload. */
  if (self->reload_source == 0)
    self->reload_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reload_cb, self, NULL);
}

/* ---- GListModel ---- */

static GType
list_get_item_type (GListModel *model)
{
  return HD_TYPE_RECORD_OBJECT;
}

static guint
list_get_n_items (GListModel *model)
{
  return HD_RECORD_LIST (model)->n_items;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  HdRecordList *self = HD_RECORD_LIST (model);
  guint page = position / PAGE_SIZE;
  gpointer item;

  if (position >= self->n_items)
    return NULL;

  item = self->items->pdata[position];
  if (item == NULL)
    {
      item = hd_record_object_new (NULL);
      self->items->pdata[position] = item;
      request_page (self, page);
    }
  else if (GPOINTER_TO_UINT (g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page)))
           == PAGE_LOADED)
    {
      touch_page (self, page);
    }

  return g_object_ref (item);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

/* ---- GObject ---- */

static void
hd_record_list_dispose (GObject *object)
{
  HdRecordList *self = HD_RECORD_LIST (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  /* Answers still on their way are dropped when they come. */
  self->generation++;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hd_record_list_parent_class)->dispose (object);
}

static void
hd_record_list_finalize (GObject *object)
{
  HdRecordList *self = HD_RECORD_LIST (object);

  g_clear_pointer (&self->query, hd_query_free);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->pending_pages, g_hash_table_unref);
  g_queue_clear (&self->recent);

  G_OBJECT_CLASS (hd_record_list_parent_class)->finalize (object);
}

static void
hd_record_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HdRecordList *self = HD_RECORD_LIST (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_record_list_class_init (HdRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hd_record_list_dispose;
  object_class->finalize = hd_record_list_finalize;
  object_class->get_property = hd_record_list_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS);

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/* Rows not asked for yet hold NULL. */
static void
item_free (gpointer item)
{
  if (item != NULL)
    g_object_unref (item);
}

static void
hd_record_list_init (HdRecordList *self)
{
  self->loading = TRUE;
  self->items = g_ptr_array_new_with_free_func (item_free);
  self->pages = g_hash_table_new (NULL, NULL);
  self->pending_pages = g_hash_table_new_full (NULL, NULL, NULL,
                                               (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->recent);
  self->cancellable = g_cancellable_new ();
}

HdRecordList *
hd_record_list_new (HdStore       *store,
                    const HdQuery *query)
{
  HdRecordList *self;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  self = g_object_new (HD_TYPE_RECORD_LIST, NULL);
  self->store = g_object_ref (store);
  self->query = hd_query_copy (query);
  self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (store_changed), self);

  reload (self);

  return self;
}

void
hd_record_list_set_query (HdRecordList  *self,
                          const HdQuery *query)
{
  g_return_if_fail (HD_IS_RECORD_LIST (self));
  g_return_if_fail (query != NULL);

  g_clear_pointer (&self->query, hd_query_free);
  self->query = hd_query_copy (query);

  /* A new query starts from its first page. */
  g_queue_clear (&self->recent);
  g_queue_push_head (&self->recent, GUINT_TO_POINTER (0));

  if (!self->loading)
    {
      self->loading = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }

  reload (self);
}

const HdQuery *
hd_record_list_get_query (HdRecordList *self)
{
  g_return_val_if_fail (HD_IS_RECORD_LIST (self), NULL);

  return self->query;
}

gboolean
hd_record_list_get_loading (HdRecordList *self)
{
  g_return_val_if_fail (HD_IS_RECORD_LIST (self), FALSE);

  return self->loading;
}
