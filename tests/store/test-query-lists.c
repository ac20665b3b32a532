/* test-query-lists.c — filtering by list members finds exactly the rows whose list holds the value
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A tag filter first looks for the element's text in the stored JSON and
 * then tests it exactly (see append_ref_condition in hd-store.c). People
 * with awkward tags — quotes, commas, backslashes, umlauts, a tag inside
 * another ("AI" in "KI-AI"), case — are filtered by
 * each tag, alone, with a consent filter and behind a search (which the
 * search index's filter tokens answer); every answer is compared with the
 * people picked by hand, and the tokens follow edits and are made for an
 * index that had none. The store's migration step 6 adds the filter index
 * to a profile made before it.
 */
#include "config.h"

#include <string.h>

#include "hd-store-private.h"
#include "store-test-util.h"

static const char * const awkward_tags[] = {
  "AI",
  "KI-AI",
  "ai",
  "Zitat \"wörtlich\"",
  "\"",
  "AI\"",
  "a,b",
  "a",
  "Gründung",
  "Gruendung",
  "C:\\Pfad",
  "\\",
  "100%_sicher",
  "[\"AI\"]",
  "Österreich/Schweiz",
  NULL
};

#define N_PEOPLE 60

typedef struct {
  char        *id;
  const char  *consent;
  GPtrArray   *tags;
} Person;

typedef struct {
  TestDir  dir;
  HdStore *store;
  Person   people[N_PEOPLE];
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  static const char * const consents[] = { "given", "none", "withdrawn" };
  guint n_tags = g_strv_length ((char **) awkward_tags);

  test_dir_init (&f->dir);
  f->store = test_open_store (f->dir.path);

  /* Each person gets a few tags picked by a fixed rule, so that every tag
   * is held by some people and missed by others, next to other tags. */
  for (guint i = 0; i < N_PEOPLE; i++)
    {
      Person *p = &f->people[i];
      g_autofree char *family = g_strdup_printf ("Muster%02u", i);
      g_autoptr(HdRecord) record = test_person (TEST_HUB, "Maria", family);
      g_autoptr(GError) error = NULL;

      p->consent = consents[i % 3];
      p->tags = g_ptr_array_new ();
      for (guint t = 0; t < n_tags; t++)
        {
          if ((i * (t % 6 + 1) + t) % 7 < 2)
            g_ptr_array_add (p->tags, (gpointer) awkward_tags[t]);
        }
      g_ptr_array_add (p->tags, NULL);

      hd_record_set_string (record, "consent", p->consent);
      hd_record_set_strv (record, "tags", (const char * const *) p->tags->pdata);
      hd_store_save (f->store, record, &error);
      g_assert_no_error (error);
      p->id = g_strdup (hd_record_get_id (record));
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  for (guint i = 0; i < N_PEOPLE; i++)
    {
      g_free (f->people[i].id);
      g_ptr_array_unref (f->people[i].tags);
    }
  g_clear_object (&f->store);
  test_dir_clear (&f->dir);
}

static gboolean
has_tag (const Person *p,
         const char   *tag)
{
  for (guint i = 0; p->tags->pdata[i] != NULL; i++)
    {
      if (strcmp (p->tags->pdata[i], tag) == 0)
        return TRUE;
    }
  return FALSE;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The ids @query finds, sorted and joined, checked against its count and
 * against the people holding @tag (and with consent given, when
 * @given_only). Returns how many were expected. */
static guint
assert_finds (Fixture       *f,
              const HdQuery *query,
              const char    *tag,
              gboolean       given_only)
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
  for (guint i = 0; i < N_PEOPLE; i++)
    {
      const Person *p = &f->people[i];

      if (has_tag (p, tag) && (!given_only || g_str_equal (p->consent, "given")))
        g_ptr_array_add (expected_ids, p->id);
    }
  g_ptr_array_sort (found_ids, compare_ids);
  g_ptr_array_sort (expected_ids, compare_ids);
  g_ptr_array_add (found_ids, NULL);
  g_ptr_array_add (expected_ids, NULL);
  found_text = g_strjoinv (",", (char **) found_ids->pdata);
  expected_text = g_strjoinv (",", (char **) expected_ids->pdata);
  if (g_strcmp0 (found_text, expected_text) != 0)
    g_test_message ("tag \"%s\"", tag);
  g_assert_cmpstr (found_text, ==, expected_text);

  count = hd_store_count (f->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count, ==, (gint64) found->len);

  return expected_ids->len - 1;
}

/* Every awkward tag finds exactly its people: alone, with consent given,
 * and behind a search that matches them all. */
static void
test_tags_exact (Fixture       *f,
                 gconstpointer  data)
{
  for (guint t = 0; awkward_tags[t] != NULL; t++)
    {
      g_autofree char *condition = g_strdup_printf ("tags=%s", awkward_tags[t]);
      const char *alone[] = { condition, NULL };
      const char *with_consent[] = { "consent=given", condition, NULL };
      HdQuery query = { .entity = HD_ENTITY_PERSON };
      guint expected;

      query.where = alone;
      expected = assert_finds (f, &query, awkward_tags[t], FALSE);
      /* Every tag is held by some and not by all: the test can tell. */
      g_assert_cmpuint (expected, >, 0);
      g_assert_cmpuint (expected, <, N_PEOPLE);

      query.where = with_consent;
      assert_finds (f, &query, awkward_tags[t], TRUE);

      query.search = "muster";
      assert_finds (f, &query, awkward_tags[t], TRUE);
      query.where = alone;
      assert_finds (f, &query, awkward_tags[t], FALSE);
    }
}

/* A tag nobody holds but whose text is inside others' ("I" in "AI",
 * "KI" in "KI-AI", "Zitat" in "Zitat \"wörtlich\"") finds nobody; so do
 * values no tag can hold (control characters), without an
 * error. */
static void
test_tags_parts_find_nothing (Fixture       *f,
                              gconstpointer  data)
{
  static const char * const parts[] = { "I", "KI", "Zitat", "wörtlich", "b", "Pfad", "A",
                                        "Tab\there", "Ende\x7f", NULL };

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *condition = g_strdup_printf ("tags=%s", parts[i]);
      const char *where[] = { condition, NULL };
      HdQuery query = { .entity = HD_ENTITY_PERSON, .where = where };
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) found = hd_store_query (f->store, &query, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (found->len, ==, 0);
      g_assert_cmpint (hd_store_count (f->store, &query, &error), ==, 0);
      g_assert_no_error (error);

      /* behind a search, answered by the search index's tokens */
      query.search = "muster";
      g_clear_pointer (&found, g_ptr_array_unref);
      found = hd_store_query (f->store, &query, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (found->len, ==, 0);
      g_assert_cmpint (hd_store_count (f->store, &query, &error), ==, 0);
      g_assert_no_error (error);
    }
}

/* How many people the search "muster" finds with @where, by the list and
 * by the count (which the search index answers alone). */
static guint
found_with (Fixture            *f,
            const char * const *where)
{
  HdQuery query = { .entity = HD_ENTITY_PERSON, .search = "muster", .where = where };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = hd_store_query (f->store, &query, &error);

  g_assert_no_error (error);
  g_assert_cmpint (hd_store_count (f->store, &query, &error), ==, (gint64) found->len);
  g_assert_no_error (error);

  return found->len;
}

/* The search index's filter tokens follow each save: a person whose tag
 * and consent change is found by the new ones only. */
static void
test_search_filters_follow_edits (Fixture       *f,
                                  gconstpointer  data)
{
  const char *new_tag[] = { "tags=Neu im Netzwerk", NULL };
  const char *old_tag[] = { "tags=Gründung", NULL };
  const char *withdrawn[] = { "consent=withdrawn", "tags=Neu im Netzwerk", NULL };
  const char *tags[] = { "Neu im Netzwerk", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(HdRecord) record = NULL;
  guint before = found_with (f, old_tag);
  guint i;

  for (i = 0; i < N_PEOPLE && !has_tag (&f->people[i], "Gründung"); i++)
    ;
  g_assert_cmpuint (i, <, N_PEOPLE);
  g_assert_cmpuint (found_with (f, new_tag), ==, 0);

  record = hd_store_get (f->store, HD_ENTITY_PERSON, f->people[i].id, &error);
  g_assert_no_error (error);
  hd_record_set_strv (record, "tags", tags);
  hd_record_set_string (record, "consent", "withdrawn");
  hd_store_save (f->store, record, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (found_with (f, old_tag), ==, before - 1);
  g_assert_cmpuint (found_with (f, new_tag), ==, 1);
  g_assert_cmpuint (found_with (f, withdrawn), ==, 1);

  hd_store_set_archived (f->store, HD_ENTITY_PERSON, f->people[i].id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found_with (f, new_tag), ==, 0);
}

/* A profile whose search index was made before it held filter tokens
 * has it made again when opened. */
static void
test_search_tokens_rebuilt (Fixture       *f,
                            gconstpointer  data)
{
  const char *given[] = { "consent=given", NULL };
  guint expected = 0;

  for (guint i = 0; i < N_PEOPLE; i++)
    expected += g_str_equal (f->people[i].consent, "given");

  g_clear_object (&f->store);
  test_exec_sql (f->dir.path,
                 "DELETE FROM person_fts;"
                 "INSERT INTO person_fts (rowid, body, folded, meta) "
                 "SELECT rowid, family_name, NULL, 'hdh' || replace(hub_id, '-', '') FROM person;"
                 "UPDATE meta SET value = substr(value, 7) WHERE key = 'search_fields'");
  f->store = test_open_store (f->dir.path);

  g_assert_cmpuint (found_with (f, given), ==, expected);
}

/* The filter's text check rests on how the store writes a list: as JSON
 * with UTF-8 as it is and '"' and '\' escaped by a backslash. */
static void
test_tags_stored_text (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(HdRecord) record = test_person (TEST_HUB, "Erika", "Textform");
  const char *tags[] = { "Zitat \"wörtlich\"", "C:\\Pfad", "a,b", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *text = NULL;

  hd_record_set_strv (record, "tags", tags);
  g_assert_true (hd_store_save (f->store, record, &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);

  sql = g_strdup_printf ("SELECT tags FROM person WHERE id = '%s'", hd_record_get_id (record));
  text = test_query_text (f->dir.path, sql);
  g_assert_cmpstr (text, ==, "[\"Zitat \\\"wörtlich\\\"\",\"C:\\\\Pfad\",\"a,b\"]");
}

/* A profile made before step 6 gets the filter index when it is opened,
 * and its filters find the same people. */
static void
test_filter_index_migration (void)
{
  TestDir dir;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *index = NULL;
  const HdDbMigration *steps;
  guint n_steps;
  const char *where[] = { "consent=given", "tags=KI-AI", NULL };
  HdQuery query = { .entity = HD_ENTITY_PERSON, .where = where };
  sqlite3 *db;

  test_dir_init (&dir);
  steps = hd_store_schema_migrations (&n_steps);
  g_assert_cmpuint (n_steps, >=, 6);
  db = hd_db_open (dir.path, &error);
  g_assert_no_error (error);
  hd_db_migrate (db, steps, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_db_get_user_version (db, NULL), ==, 5);
  hd_db_exec (db,
              "INSERT INTO person (id, hub_id, given_name, family_name, consent, tags) VALUES "
              "('6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f', '" TEST_HUB "', 'Hans', 'Peters', "
              " 'given', '[\"KI-AI\"]'),"
              "('7a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', '" TEST_HUB "', 'Ayşe', 'Özdemir', "
              " 'given', '[\"AI\"]'),"
              "('8b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e', '" TEST_HUB "', 'Karl', 'Müller', "
              " 'none', '[\"KI-AI\"]')",
              &error);
  g_assert_no_error (error);
  index = test_query_text (dir.path, "SELECT count(*) FROM sqlite_master "
                                     "WHERE type = 'index' AND name = 'person_filters'");
  g_assert_cmpstr (index, ==, "0");
  sqlite3_close (db);
  g_clear_pointer (&index, g_free);

  store = test_open_store (dir.path);
  g_assert_cmpint (hd_store_get_schema_version (store), ==, (int) n_steps);
  index = test_query_text (dir.path, "SELECT count(*) FROM sqlite_master "
                                     "WHERE type = 'index' AND name = 'person_filters'");
  g_assert_cmpstr (index, ==, "1");
  g_assert_cmpint (hd_store_count (store, &query, &error), ==, 1);
  g_assert_no_error (error);

  g_clear_object (&store);
  test_dir_clear (&dir);
}

/* Schema step 7 makes the indexes a report reads instead of the tables,
 * step 8 the reach columns (hd-store-reach.c) they hold; a profile of
 * step 6 gains both when opened, its rows' columns filled. */
static void
test_report_index_migration (void)
{
  TestDir dir;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  const HdDbMigration *steps;
  guint n_steps;
  sqlite3 *db;

  test_dir_init (&dir);
  steps = hd_store_schema_migrations (&n_steps);
  g_assert_cmpuint (n_steps, >=, 7);
  db = hd_db_open (dir.path, &error);
  g_assert_no_error (error);
  hd_db_migrate (db, steps, 6, NULL, &error);
  g_assert_no_error (error);
  hd_db_exec (db,
              "INSERT INTO organization (id, hub_id, name, kind, register_id) VALUES "
              "('1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a', '" TEST_HUB "', 'Alpha GmbH', 'sme', 'HRB 42');"
              "INSERT INTO person (id, hub_id, family_name, organization_id, email, consent, "
              "consent_purposes) VALUES ('2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b', '" TEST_HUB "', "
              "'Berger', '1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a', 'A@B.example', 'given', '[\"contact\"]');"
              "INSERT INTO interaction (id, hub_id, kind, occurred_on, person_id) VALUES "
              "('3f4a5b6c-7d8e-4f9a-0b1c-2d3e4f5a6b7c', '" TEST_HUB "', 'consultation', '2026-03-01', "
              "'2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b');"
              "INSERT INTO registration (id, hub_id, event_id, person_id, status) VALUES "
              "('4a5b6c7d-8e9f-4a0b-1c2d-3e4f5a6b7c8d', '" TEST_HUB "', "
              "'5b6c7d8e-9f0a-4b1c-2d3e-4f5a6b7c8d9e', '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b', 'attended')",
              &error);
  g_assert_no_error (error);
  sqlite3_close (db);
  count = test_query_text (dir.path, "SELECT count(*) FROM sqlite_master WHERE type = 'index' "
                                     "AND name IN ('interaction_report', 'registration_report')");
  g_assert_cmpstr (count, ==, "0");
  g_clear_pointer (&count, g_free);

  store = test_open_store (dir.path);
  g_assert_cmpint (hd_store_get_schema_version (store), ==, (int) n_steps);
  count = test_query_text (dir.path, "SELECT count(*) FROM sqlite_master WHERE type = 'index' "
                                     "AND name IN ('interaction_report', 'registration_report')");
  g_assert_cmpstr (count, ==, "2");
  g_clear_pointer (&count, g_free);
  count = test_query_text (dir.path, "SELECT reach_key || ' ' || reach_kind || ' ' || reach_person "
                                     "FROM interaction");
  g_assert_cmpstr (count, ==, "register:hrb42 sme 1");
  g_clear_pointer (&count, g_free);
  count = test_query_text (dir.path, "SELECT reach_key || ' ' || attendee_key FROM registration");
  g_assert_cmpstr (count, ==, "register:hrb42 a@b.example");

  g_clear_object (&store);
  test_dir_clear (&dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/query/tags-exact", test_tags_exact);
  ADD ("/store/query/tags-parts-find-nothing", test_tags_parts_find_nothing);
  ADD ("/store/query/tags-stored-text", test_tags_stored_text);
  ADD ("/store/query/search-filters-follow-edits", test_search_filters_follow_edits);
  ADD ("/store/query/search-tokens-rebuilt", test_search_tokens_rebuilt);
#undef ADD
  g_test_add_func ("/store/query/filter-index-migration", test_filter_index_migration);
  g_test_add_func ("/store/query/report-index-migration", test_report_index_migration);

  return g_test_run ();
}
