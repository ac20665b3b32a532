/* test-query-where.c — HdQuery's extra conditions: every one must hold
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * People of two hubs with every mix of consent, tags and archived state;
 * each query's answer is compared with the people picked by hand from
 * what was saved, for the list, the count and the record list.
 */
#include "config.h"

#include <string.h>

#include "hd-record-list.h"
#include "store-test-util.h"

typedef struct {
  char       *id;
  const char *hub;
  const char *consent;
  gboolean    mentoring;
  gboolean    newsletter;
  gboolean    archived;
} Person;

typedef struct {
  TestDir   dir;
  HdStore  *store;
  Person    people[48];
  guint     n_people;
} Fixture;

static void
add_hub (HdStore    *store,
         const char *id)
{
  g_autoptr(HdRecord) hub = hd_record_new (HD_ENTITY_HUB, id);
  g_autoptr(GError) error = NULL;

  hd_record_set_id (hub, id);
  hd_record_set_string (hub, "name", id);
  g_assert_true (hd_store_save (store, hub, &error));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  static const char * const consents[] = { "given", "none", "withdrawn" };

  test_dir_init (&f->dir);
  f->store = test_open_store (f->dir.path);
  add_hub (f->store, TEST_HUB);
  add_hub (f->store, TEST_HUB_2);

  /* 2 hubs × 3 consents × 2 × 2 tags × 2 archived = 48. */
  for (guint i = 0; i < 48; i++)
    {
      Person *p = &f->people[f->n_people++];
      g_autofree char *family = g_strdup_printf ("Muster%02u", i);
      g_autoptr(HdRecord) record = NULL;
      g_autoptr(GError) error = NULL;
      const char *tags[3];
      guint n = 0;

      p->hub = (i & 1) ? TEST_HUB_2 : TEST_HUB;
      p->consent = consents[(i >> 1) % 3];
      p->mentoring = (i / 6) & 1;
      p->newsletter = (i / 12) & 1;
      p->archived = (i / 24) & 1;
      record = test_person (p->hub, "Maria", family);
      hd_record_set_string (record, "consent", p->consent);
      if (p->mentoring)
        tags[n++] = "Mentoring";
      if (p->newsletter)
        tags[n++] = "Newsletter";
      tags[n] = NULL;
      hd_record_set_strv (record, "tags", tags);
      if (p->archived)
        hd_record_set_bool (record, "archived", TRUE);
      g_assert_true (hd_store_save (f->store, record, &error));
      g_assert_no_error (error);
      p->id = g_strdup (hd_record_get_id (record));
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  for (guint i = 0; i < f->n_people; i++)
    g_free (f->people[i].id);
  g_clear_object (&f->store);
  test_dir_clear (&f->dir);
}

typedef gboolean (*Wanted) (const Person *p);

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The ids @query finds, sorted and joined, checked against its count and
 * against @wanted applied to every person saved. */
static void
assert_finds (Fixture       *f,
              const HdQuery *query,
              Wanted         wanted)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = hd_store_query (f->store, query, &error);
  g_autoptr(GPtrArray) found_ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) expected_ids = g_ptr_array_new ();
  g_autofree char *found_text = NULL;
  g_autofree char *expected_text = NULL;
  gint64 count;

  g_assert_no_error (error);
  g_assert_nonnull (found);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (found_ids, (gpointer) hd_record_get_id (found->pdata[i]));
  for (guint i = 0; i < f->n_people; i++)
    {
      if (wanted (&f->people[i]))
        g_ptr_array_add (expected_ids, f->people[i].id);
    }
  g_ptr_array_sort (found_ids, compare_ids);
  g_ptr_array_sort (expected_ids, compare_ids);
  g_ptr_array_add (found_ids, NULL);
  g_ptr_array_add (expected_ids, NULL);
  found_text = g_strjoinv (",", (char **) found_ids->pdata);
  expected_text = g_strjoinv (",", (char **) expected_ids->pdata);
  g_assert_cmpuint (expected_ids->len, >, 1);   /* no test of an empty answer only */
  g_assert_cmpstr (found_text, ==, expected_text);

  count = hd_store_count (f->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count, ==, (gint64) found->len);
}

static gboolean
given_and_mentoring (const Person *p)
{
  return !p->archived && g_str_equal (p->consent, "given") && p->mentoring;
}

static gboolean
hub2_given_mentoring_newsletter (const Person *p)
{
  return given_and_mentoring (p) && p->newsletter && g_str_equal (p->hub, TEST_HUB_2);
}

static gboolean
archived_withdrawn (const Person *p)
{
  return p->archived && g_str_equal (p->consent, "withdrawn");
}

static gboolean
untagged_given (const Person *p)
{
  return !p->archived && !p->mentoring && !p->newsletter && g_str_equal (p->consent, "given");
}

static void
test_where_and (Fixture       *f,
                gconstpointer  data)
{
  const char *consent_and_tag[] = { "consent=given", "tags=Mentoring", NULL };
  const char *tag[] = { "tags=Newsletter", NULL };
  const char *archived[] = { "archived=true", "consent=withdrawn", NULL };
  const char *no_tags[] = { "tags=", "consent=given", NULL };
  HdQuery query = { 0, };

  query.entity = HD_ENTITY_PERSON;

  /* Two conditions: both hold, not either. */
  query.where = consent_and_tag;
  assert_finds (f, &query, given_and_mentoring);

  /* With ref_field and the hub as well. */
  query.hub_id = TEST_HUB_2;
  query.ref_field = "tags";
  query.ref_id = "Newsletter";
  assert_finds (f, &query, hub2_given_mentoring_newsletter);

  /* Archived ones only. */
  query.hub_id = NULL;
  query.ref_field = NULL;
  query.ref_id = NULL;
  query.include_archived = TRUE;
  query.where = archived;
  assert_finds (f, &query, archived_withdrawn);

  /* A condition next to a search, which then cannot be answered by the
   * search index alone. */
  {
    const char *newsletter_not_none[] = { "tags=Newsletter", NULL };
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) all = NULL;
    g_autoptr(GPtrArray) filtered = NULL;

    query.include_archived = FALSE;
    query.where = newsletter_not_none;
    query.search = "muster";
    filtered = hd_store_query (f->store, &query, &error);
    g_assert_no_error (error);
    query.where = NULL;
    all = hd_store_query (f->store, &query, &error);
    g_assert_cmpuint (all->len, ==, 24);
    g_assert_cmpuint (filtered->len, ==, 12);
    g_assert_cmpint (hd_store_count (f->store, &(HdQuery) { .entity = HD_ENTITY_PERSON, .search = "muster",
                                                            .where = newsletter_not_none }, NULL), ==, 12);
    query.search = NULL;
  }

  /* Status-like enum and "none of them" for a list. */
  query.where = tag;
  query.ref_field = "consent";
  query.ref_id = NULL;
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) none = hd_store_query (f->store, &query, &error);

    /* consent is never unset here: nothing. */
    g_assert_no_error (error);
    g_assert_cmpuint (none->len, ==, 0);
  }
  query.where = tag;
  query.ref_field = "consent";
  query.ref_id = "withdrawn";
  {
    const char *also_given[] = { "tags=Newsletter", "consent=given", NULL };
    g_autoptr(GPtrArray) both = NULL;

    query.where = also_given;
    both = hd_store_query (f->store, &query, NULL);
    g_assert_cmpuint (both->len, ==, 0);   /* withdrawn AND given: nobody */
  }
  query.ref_field = NULL;
  query.ref_id = NULL;

  /* A list without values. */
  query.where = no_tags;
  assert_finds (f, &query, untagged_given);

}

static void
test_where_refused (Fixture       *f,
                    gconstpointer  data)
{
  const char *unknown[] = { "shoe_size=42", NULL };
  const char *text[] = { "email=a@b.de", NULL };
  const char *no_equals[] = { "tags", NULL };
  /* bytes that are no UTF-8, as a hostile command line may pass them */
  const char *not_text[] = { "tags=\xff\xfeKI", NULL };
  const char *not_text_enum[] = { "consent=giv\xc3", NULL };
  const char * const *bad[] = { unknown, text, no_equals, not_text, not_text_enum };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      HdQuery query = { 0, };
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) found = NULL;

      query.entity = HD_ENTITY_PERSON;
      query.where = bad[i];
      found = hd_store_query (f->store, &query, &error);
      g_assert_null (found);
      g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_FAILED);
    }

  /* the same through ref_field */
  {
    HdQuery query = { 0, };
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) found = NULL;

    query.entity = HD_ENTITY_PERSON;
    query.ref_field = "tags";
    query.ref_id = "\xff";
    found = hd_store_query (f->store, &query, &error);
    g_assert_null (found);
    g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_FAILED);
  }
}

/* A copy owns its conditions; the record list (the GUI's model) and the
 * async query use copies. */
static void
test_where_copy_and_list (Fixture       *f,
                          gconstpointer  data)
{
  g_auto(GStrv) where = g_strsplit ("consent=given,tags=Mentoring", ",", -1);
  HdQuery query = { 0, };
  g_autoptr(HdQuery) copy = NULL;
  g_autoptr(HdRecordList) list = NULL;
  guint expected = 0;

  for (guint i = 0; i < f->n_people; i++)
    expected += given_and_mentoring (&f->people[i]);

  query.entity = HD_ENTITY_PERSON;
  query.where = (const char * const *) where;
  copy = hd_query_copy (&query);
  g_clear_pointer (&where, g_strfreev);
  g_assert_cmpstr (copy->where[0], ==, "consent=given");
  g_assert_cmpstr (copy->where[1], ==, "tags=Mentoring");
  g_assert_null (copy->where[2]);

  list = hd_record_list_new (f->store, copy);
  while (hd_record_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, expected);
  for (guint i = 0; i < expected; i++)
    {
      g_autoptr(HdRecordObject) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      while (hd_record_object_get_record (item) == NULL)
        {
          g_clear_object (&item);
          g_main_context_iteration (NULL, TRUE);
          item = g_list_model_get_item (G_LIST_MODEL (list), i);
        }
      g_assert_cmpstr (hd_record_get_string (hd_record_object_get_record (item), "consent"), ==, "given");
      g_assert_true (g_strv_contains (hd_record_get_strv (hd_record_object_get_record (item), "tags"),
                                      "Mentoring"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/query/where-and", test_where_and);
  ADD ("/store/query/where-refused", test_where_refused);
  ADD ("/store/query/where-copy-and-list", test_where_copy_and_list);
#undef ADD

  return g_test_run ();
}
