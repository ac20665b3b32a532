/* test-record-list.c — the paged GListModel over the store
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "hd-record-list.h"
#include "store-test-util.h"

#define N_PEOPLE 1000

typedef struct {
  guint     n_signals;
  guint     position;   /* of the last items-changed */
  guint     removed;
  guint     added;
  gboolean  seen;       /* set when a change covered the watched row */
  guint     watch;
} ItemsChanged;

static void
on_items_changed (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *data)
{
  data->n_signals++;
  data->position = position;
  data->removed = removed;
  data->added = added;
  if (position <= data->watch && data->watch < position + added)
    data->seen = TRUE;
}

static void
on_loading (GObject    *object,
            GParamSpec *pspec,
            gboolean   *loaded)
{
  if (!hd_record_list_get_loading (HD_RECORD_LIST (object)))
    *loaded = TRUE;
}

static HdStore *
store_with_people (const char *path,
                   guint       n)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GError) error = NULL;
  HdStore *store = test_open_store (path);

  /* inserted in reverse, so that the list's order is the store's work */
  for (guint i = n; i-- > 0;)
    {
      g_autofree char *family = g_strdup_printf ("Person %04u", i);

      g_ptr_array_add (records, test_person (TEST_HUB, "Test", family));
    }

  hd_store_insert_many (store, records, &error);
  g_assert_no_error (error);

  return store;
}

static const char *
family_at (GListModel *model,
           guint       position)
{
  g_autoptr(HdRecordObject) item = g_list_model_get_item (model, position);
  HdRecord *record;

  g_assert_nonnull (item);
  record = hd_record_object_get_record (item);
  if (record == NULL)
    return NULL;

  /* the string is owned by the record, which the list keeps */
  return hd_record_get_string (record, "family_name");
}

static void
wait_for_row (GListModel   *model,
              ItemsChanged *changed,
              guint         position)
{
  changed->watch = position;
  changed->seen = FALSE;
  test_wait_for (&changed->seen);
}

static void
test_paging (void)
{
  TestDir dir;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdRecordList) list = NULL;
  g_autoptr(HdRecordObject) placeholder = NULL;
  g_autoptr(HdRecordObject) item = NULL;
  ItemsChanged changed = { 0, };
  HdQuery query = { .entity = HD_ENTITY_PERSON };
  GListModel *model;
  gboolean loaded = FALSE;

  test_dir_init (&dir);
  store = store_with_people (dir.path, N_PEOPLE);

  list = hd_record_list_new (store, &query);
  model = G_LIST_MODEL (list);
  g_assert_true (g_list_model_get_item_type (model) == HD_TYPE_RECORD_OBJECT);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &changed);
  g_signal_connect (list, "notify::loading", G_CALLBACK (on_loading), &loaded);

  /* nothing is counted on the calling thread */
  g_assert_true (hd_record_list_get_loading (list));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_null (g_list_model_get_item (model, 0));

  test_wait_for (&loaded);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_PEOPLE);
  g_assert_cmpuint (changed.position, ==, 0);
  g_assert_cmpuint (changed.removed, ==, 0);
  g_assert_cmpuint (changed.added, ==, N_PEOPLE);
  g_assert_null (g_list_model_get_item (model, N_PEOPLE));

  /* a row not loaded yet: a placeholder at once, filled later */
  placeholder = g_list_model_get_item (model, 750);
  g_assert_nonnull (placeholder);
  g_assert_null (hd_record_object_get_record (placeholder));
  /* asking again gives the same placeholder and no second load */
  item = g_list_model_get_item (model, 751);
  g_assert_null (hd_record_object_get_record (item));
  g_clear_object (&item);

  wait_for_row (model, &changed, 750);
  /* the page of 750 came as one replacement */
  g_assert_cmpuint (changed.position, ==, 600);
  g_assert_cmpuint (changed.removed, ==, 200);
  g_assert_cmpuint (changed.added, ==, 200);
  g_assert_cmpstr (family_at (model, 750), ==, "Person 0750");
  g_assert_cmpstr (family_at (model, 600), ==, "Person 0600");
  g_assert_cmpstr (family_at (model, 799), ==, "Person 0799");
  g_assert_null (hd_record_object_get_record (placeholder));  /* the old object stays empty */
  /* the page is loaded and not loaded again */
  item = g_list_model_get_item (model, 750);
  g_assert_true (item != placeholder);
  g_clear_object (&item);

  /* rows of other pages are still placeholders */
  g_assert_null (family_at (model, 0));
  wait_for_row (model, &changed, 0);
  g_assert_cmpstr (family_at (model, 0), ==, "Person 0000");
  g_assert_cmpstr (family_at (model, 199), ==, "Person 0199");
  g_assert_null (family_at (model, 999));
  wait_for_row (model, &changed, 999);
  g_assert_cmpstr (family_at (model, 999), ==, "Person 0999");

  /* a change in the store: counted again, the rows looked at last are
   * fetched before the swap, so they are there at once */
  {
    g_autoptr(HdRecord) person = test_person (TEST_HUB, "Neu", "Person 0500a");
    g_autoptr(GError) error = NULL;

    hd_store_save (store, person, &error);
    g_assert_no_error (error);
  }
  changed.watch = 0;
  changed.seen = FALSE;
  while (g_list_model_get_n_items (model) != N_PEOPLE + 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (changed.position, ==, 0);
  g_assert_cmpuint (changed.removed, ==, N_PEOPLE);
  g_assert_cmpuint (changed.added, ==, N_PEOPLE + 1);
  g_assert_cmpstr (family_at (model, 999), ==, "Person 0998");  /* page 4 */
  g_assert_cmpstr (family_at (model, 0), ==, "Person 0000");    /* page 0 */
  g_assert_null (family_at (model, 501));
  wait_for_row (model, &changed, 501);
  g_assert_cmpstr (family_at (model, 500), ==, "Person 0500");
  g_assert_cmpstr (family_at (model, 501), ==, "Person 0500a");
  g_assert_cmpstr (family_at (model, 502), ==, "Person 0501");

  /* a new query: searched, counted, filled */
  query.search = "0999";
  loaded = FALSE;
  hd_record_list_set_query (list, &query);
  g_assert_true (hd_record_list_get_loading (list));
  g_assert_cmpstr (hd_record_list_get_query (list)->search, ==, "0999");
  test_wait_for (&loaded);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (family_at (model, 0), ==, "Person 0999");

  g_clear_object (&placeholder);
  g_clear_object (&list);
  g_clear_object (&store);
  test_dir_clear (&dir);
}

/* Only a bounded number of pages stay loaded; an evicted page is a
 * placeholder again and loads again when asked for. */
static void
test_eviction (void)
{
  TestDir dir;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdRecordList) list = NULL;
  ItemsChanged changed = { 0, };
  HdQuery query = { .entity = HD_ENTITY_PERSON };
  GListModel *model;
  gboolean loaded = FALSE;
  guint n = 4000;

  test_dir_init (&dir);
  store = store_with_people (dir.path, n);
  list = hd_record_list_new (store, &query);
  model = G_LIST_MODEL (list);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &changed);
  g_signal_connect (list, "notify::loading", G_CALLBACK (on_loading), &loaded);
  test_wait_for (&loaded);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);

  for (guint position = 0; position < n; position += 200)
    {
      g_assert_null (family_at (model, position));
      wait_for_row (model, &changed, position);
      g_assert_nonnull (family_at (model, position));
    }

  /* the first pages have gone back to placeholders */
  g_assert_null (family_at (model, 0));
  wait_for_row (model, &changed, 0);
  g_assert_cmpstr (family_at (model, 0), ==, "Person 0000");
  /* the last ones are still there */
  g_assert_cmpstr (family_at (model, n - 1), ==, "Person 3999");

  g_clear_object (&list);
  g_clear_object (&store);
  test_dir_clear (&dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/record-list/paging", test_paging);
  g_test_add_func ("/store/record-list/eviction", test_eviction);

  return g_test_run ();
}
