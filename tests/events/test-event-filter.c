/* test-event-filter.c — the query behind the list of events: modes,
 * status and format combine in the store
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "hd-event-filter.h"

#define HUB "0b7f5c1e-3a53-4b4c-9a55-7c1f7d3b2a10"
#define OTHER_HUB "5d2e8a41-0c6b-4f7e-8d1a-2b9c3e4f5a60"
#define TODAY "2026-06-01T00:00:00Z"

typedef struct {
  char    *dir;
  HdStore *store;
} Fixture;

/* title, hub, starts_at, status, format */
static const char * const events[][5] = {
  { "A", HUB, "2026-06-03T09:00:00Z", "published", "workshop" },
  { "B", HUB, "2026-06-04T09:00:00Z", "cancelled", "office_hours" },
  { "C", HUB, "2026-06-02T09:00:00Z", "published", "office_hours" },
  { "D", HUB, "2026-05-20T09:00:00Z", "cancelled", "office_hours" },
  { "E", HUB, "2026-05-10T09:00:00Z", "draft", "talk" },
  { "F", HUB, "2026-07-01T09:00:00Z", "draft", "office_hours" },
  { "G", HUB, "2026-05-25T09:00:00Z", "published", "office_hours" },
  { "H", OTHER_HUB, "2026-06-05T09:00:00Z", "cancelled", "office_hours" },
};

static void
add_hub (HdStore    *store,
         const char *id,
         const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdRecord) hub = hd_record_new (HD_ENTITY_HUB, id);

  hd_record_set_id (hub, id);
  hd_record_set_string (hub, "name", name);
  g_assert_true (hd_store_save (store, hub, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("hubdesk-event-filter-XXXXXX", NULL);
  path = g_build_filename (f->dir, "store.db", NULL);
  f->store = hd_store_open (path, &error);
  g_assert_no_error (error);
  add_hub (f->store, HUB, "Digital Hub Testregion");
  add_hub (f->store, OTHER_HUB, "Digital Hub Nachbarregion");

  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      g_autoptr(HdRecord) event = hd_record_new (HD_ENTITY_EVENT, events[i][1]);
      g_autofree char *ends_at = g_strdup (events[i][2]);

      ends_at[11] = '1';   /* 09:00 → 19:00 */
      hd_record_set_string (event, "title", events[i][0]);
      hd_record_set_string (event, "starts_at", events[i][2]);
      hd_record_set_string (event, "ends_at", ends_at);
      hd_record_set_string (event, "status", events[i][3]);
      hd_record_set_string (event, "format", events[i][4]);
      g_assert_true (hd_store_save (f->store, event, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->store);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);
      g_unlink (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* The titles of the events @query finds, in its order, and the store's
 * count of them, which must agree. */
static char *
query_titles (Fixture *f,
              HdQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  found = hd_store_query (f->store, query, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_store_count (f->store, query, &error), ==, (gint64) found->len);
  g_assert_no_error (error);

  for (guint i = 0; i < found->len; i++)
    g_string_append (text, hd_record_get_string (g_ptr_array_index (found, i), "title"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The titles of the events the filter lists in @hub, in list order. */
static char *
titles (Fixture         *f,
        HdEventListMode  mode,
        const char      *status,
        const char      *format,
        const char      *hub)
{
  HdEventFilter filter = { mode, status, format };
  HdQuery query = { .hub_id = hub };

  hd_event_filter_apply (&filter, TODAY, &query);
  g_assert_true (query.hub_id == hub);
  return query_titles (f, &query);
}

#define assert_titles(f, mode, status, format, hub, expected) \
  G_STMT_START { \
    g_autofree char *got_ = titles (f, mode, status, format, hub); \
    g_assert_cmpstr (got_, ==, expected); \
  } G_STMT_END

static void
test_modes (Fixture       *f,
            gconstpointer  data)
{
  /* Without a filter the modes list what they did before: every status
   * in time order, drafts by themselves. */
  assert_titles (f, HD_EVENT_LIST_UPCOMING, NULL, NULL, HUB, "CABF");
  assert_titles (f, HD_EVENT_LIST_PAST, NULL, NULL, HUB, "GDE");
  assert_titles (f, HD_EVENT_LIST_DRAFTS, NULL, NULL, HUB, "EF");
  assert_titles (f, HD_EVENT_LIST_UPCOMING, NULL, NULL, NULL, "CABHF");
}

static void
test_status (Fixture       *f,
             gconstpointer  data)
{
  assert_titles (f, HD_EVENT_LIST_UPCOMING, "cancelled", NULL, HUB, "B");
  assert_titles (f, HD_EVENT_LIST_PAST, "cancelled", NULL, HUB, "D");
  assert_titles (f, HD_EVENT_LIST_UPCOMING, "cancelled", NULL, NULL, "BH");
  assert_titles (f, HD_EVENT_LIST_UPCOMING, "published", NULL, HUB, "CA");
  /* Drafts are a status of their own: another status does not empty them */
  assert_titles (f, HD_EVENT_LIST_DRAFTS, "cancelled", NULL, HUB, "EF");
}

static void
test_format (Fixture       *f,
             gconstpointer  data)
{
  assert_titles (f, HD_EVENT_LIST_UPCOMING, NULL, "office_hours", HUB, "CBF");
  assert_titles (f, HD_EVENT_LIST_PAST, NULL, "office_hours", HUB, "GD");
  assert_titles (f, HD_EVENT_LIST_DRAFTS, NULL, "office_hours", HUB, "F");
  assert_titles (f, HD_EVENT_LIST_UPCOMING, NULL, "hackathon", HUB, "");
}

static void
test_both (Fixture       *f,
           gconstpointer  data)
{
  assert_titles (f, HD_EVENT_LIST_UPCOMING, "cancelled", "office_hours", HUB, "B");
  assert_titles (f, HD_EVENT_LIST_UPCOMING, "cancelled", "workshop", HUB, "");
  assert_titles (f, HD_EVENT_LIST_PAST, "published", "office_hours", HUB, "G");
  assert_titles (f, HD_EVENT_LIST_UPCOMING, "cancelled", "office_hours", NULL, "BH");
}

static void
test_active (void)
{
  HdEventFilter filter = { HD_EVENT_LIST_UPCOMING, NULL, NULL };

  g_assert_false (hd_event_filter_is_active (&filter));
  filter.format = "office_hours";
  g_assert_true (hd_event_filter_is_active (&filter));
  g_assert_cmpstr (hd_event_filter_get_format (&filter), ==, "office_hours");
  /* what is not a value of the schema does not narrow anything */
  filter.format = "sprechstunde";
  g_assert_false (hd_event_filter_is_active (&filter));
  g_assert_null (hd_event_filter_get_format (&filter));
  filter.status = "cancelled";
  g_assert_true (hd_event_filter_is_active (&filter));
  g_assert_cmpstr (hd_event_filter_get_status (&filter), ==, "cancelled");
  filter.mode = HD_EVENT_LIST_DRAFTS;
  g_assert_null (hd_event_filter_get_status (&filter));
  g_assert_false (hd_event_filter_is_active (&filter));
  filter.status = "postponed";
  filter.mode = HD_EVENT_LIST_PAST;
  g_assert_null (hd_event_filter_get_status (&filter));
}

static void
test_unknown_ignored (Fixture       *f,
                      gconstpointer  data)
{
  assert_titles (f, HD_EVENT_LIST_UPCOMING, "postponed", "sprechstunde", HUB, "CABF");
}

/* The week and month views: the list's status and format on a span of
 * time, whatever the list's mode (drafts only in the drafts mode). */
static char *
span_titles (Fixture         *f,
             HdEventListMode  mode,
             const char      *status,
             const char      *format)
{
  HdEventFilter filter = { mode, status, format };
  HdQuery query = { .hub_id = HUB, .descending = TRUE };

  /* the week of 1 June 2026 and the week after */
  hd_event_filter_apply_span (&filter, "2026-05-31T22:00:00Z", "2026-06-14T22:00:00Z", &query);
  g_assert_cmpstr (query.hub_id, ==, HUB);
  return query_titles (f, &query);
}

static void
test_span (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *all = span_titles (f, HD_EVENT_LIST_UPCOMING, NULL, NULL);
  g_autofree char *past_all = span_titles (f, HD_EVENT_LIST_PAST, NULL, NULL);
  g_autofree char *office = span_titles (f, HD_EVENT_LIST_PAST, NULL, "office_hours");
  g_autofree char *cancelled = span_titles (f, HD_EVENT_LIST_UPCOMING, "cancelled", NULL);
  g_autofree char *drafts = span_titles (f, HD_EVENT_LIST_DRAFTS, "cancelled", NULL);

  /* in time order, the past mode's order does not apply; D, E, G before,
   * F after and H of the other hub are not in the span */
  g_assert_cmpstr (all, ==, "CAB");
  g_assert_cmpstr (past_all, ==, "CAB");
  g_assert_cmpstr (office, ==, "CB");
  g_assert_cmpstr (cancelled, ==, "B");
  /* no draft in those weeks; the status filter does not count in drafts */
  g_assert_cmpstr (drafts, ==, "");
}

static void
test_describe (void)
{
  const struct { HdEventListMode mode; const char *status, *format, *words; } cases[] = {
    { HD_EVENT_LIST_UPCOMING, NULL, NULL, NULL },
    { HD_EVENT_LIST_UPCOMING, "bogus", "nonsense", NULL },
    { HD_EVENT_LIST_UPCOMING, NULL, "office_hours", "Office hours" },
    { HD_EVENT_LIST_PAST, "cancelled", NULL, "Cancelled" },
    { HD_EVENT_LIST_UPCOMING, "cancelled", "office_hours", "Cancelled, Office hours" },
    { HD_EVENT_LIST_DRAFTS, "cancelled", NULL, "Draft" },
    { HD_EVENT_LIST_DRAFTS, NULL, "workshop", "Draft, Workshop" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      HdEventFilter filter = { cases[i].mode, cases[i].status, cases[i].format };
      g_autofree char *words = hd_event_filter_describe (&filter);

      g_assert_cmpstr (words, ==, cases[i].words);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/event-filter/modes", Fixture, NULL, fixture_set_up, test_modes, fixture_tear_down);
  g_test_add ("/event-filter/status", Fixture, NULL, fixture_set_up, test_status, fixture_tear_down);
  g_test_add ("/event-filter/format", Fixture, NULL, fixture_set_up, test_format, fixture_tear_down);
  g_test_add ("/event-filter/status-and-format", Fixture, NULL, fixture_set_up, test_both, fixture_tear_down);
  g_test_add ("/event-filter/unknown-ignored", Fixture, NULL, fixture_set_up, test_unknown_ignored, fixture_tear_down);
  g_test_add_func ("/event-filter/active", test_active);
  g_test_add ("/event-filter/span", Fixture, NULL, fixture_set_up, test_span, fixture_tear_down);
  g_test_add_func ("/event-filter/describe", test_describe);

  return g_test_run ();
}
