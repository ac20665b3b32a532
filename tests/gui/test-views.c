/* test-views.c — what every view of the window shares: the HdView
 * properties, the search bar behind them, the way back, and the hub new
 * records go to
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "hd-context.h"
#include "hd-view.h"
#include "conflicts/hd-conflicts-view.h"
#include "contacts/hd-contacts-view.h"
#include "events/hd-events-view.h"
#include "reports/hd-reports-view.h"
#include "rooms/hd-rooms-view.h"
#include "today/hd-today-view.h"

typedef struct {
  char      *path;
  HdStore   *store;
  HdContext *context;
  char      *first_hub;
  char      *second_hub;
} Fixture;

typedef struct {
  const char *name;
  GtkWidget *(*create) (HdContext *context);
  gboolean    searchable;
} ViewCase;

static const ViewCase view_cases[] = {
  { "today", hd_today_view_new, FALSE },
  { "events", hd_events_view_new, TRUE },
  { "rooms", hd_rooms_view_new, TRUE },
  { "contacts", hd_contacts_view_new, TRUE },
  { "reports", hd_reports_view_new, FALSE },
  { "conflicts", hd_conflicts_view_new, FALSE },
};

static char *
save_hub (HdStore    *store,
          const char *name)
{
  g_autoptr(HdRecord) hub = hd_record_new (HD_ENTITY_HUB, NULL);
  g_autoptr(GError) error = NULL;

  hd_record_set_hub_id (hub, hd_record_get_id (hub));
  hd_record_set_string (hub, "name", name);
  g_assert_true (hd_store_save (store, hub, &error));
  g_assert_no_error (error);

  return g_strdup (hd_record_get_id (hub));
}

/* A store in a file of its own: SQLite keeps its journal beside it. */
static void
fixture_setup (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  int fd = g_file_open_tmp ("hubdesk-views-XXXXXX.db", &fixture->path, &error);

  g_assert_no_error (error);
  close (fd);
  fixture->store = hd_store_open (fixture->path, &error);
  g_assert_no_error (error);

  /* The hubs list in name order: "Aalen" comes first. */
  fixture->second_hub = save_hub (fixture->store, "Ulm");
  fixture->first_hub = save_hub (fixture->store, "Aalen");
  fixture->context = hd_context_new (fixture->store, NULL);
}

static void
fixture_teardown (Fixture *fixture)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&fixture->context);
  g_clear_object (&fixture->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (fixture->path, suffixes[i], NULL);

      g_remove (file);
    }
  g_free (fixture->path);
  g_free (fixture->first_hub);
  g_free (fixture->second_hub);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* Lets queued work run for a moment (a loading page animates, so the
 * main loop is never quite idle). */
static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 5;

  while (g_get_monotonic_time () < until)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

/* Each view answers for the context it was made with, says whether it
 * can search, and opens and closes its search bar through "search-mode"
 * (and tells so); a view without search stays closed. */
static void
test_views_properties (void)
{
  Fixture fixture = { 0 };

  fixture_setup (&fixture);

  for (guint i = 0; i < G_N_ELEMENTS (view_cases); i++)
    {
      const ViewCase *view_case = &view_cases[i];
      GtkWidget *window = gtk_window_new ();
      GtkWidget *widget = view_case->create (fixture.context);
      HdView *view = HD_VIEW (widget);
      g_autoptr(HdContext) context = NULL;
      guint notified = 0;

      g_test_message ("view: %s", view_case->name);
      gtk_window_set_child (GTK_WINDOW (window), widget);
      gtk_window_present (GTK_WINDOW (window));
      settle ();

      g_object_get (view, "context", &context, NULL);
      g_assert_true (context == fixture.context);
      g_assert_cmpint (hd_view_get_searchable (view), ==, view_case->searchable);
      g_assert_false (hd_view_get_search_mode (view));

      g_signal_connect (view, "notify::search-mode", G_CALLBACK (count_notify), &notified);
      hd_view_set_search_mode (view, TRUE);
      settle ();
      g_assert_cmpint (hd_view_get_search_mode (view), ==, view_case->searchable);
      g_assert_cmpuint (notified, ==, view_case->searchable ? 1 : 0);

      hd_view_set_search_mode (view, FALSE);
      settle ();
      g_assert_false (hd_view_get_search_mode (view));
      g_assert_cmpuint (notified, ==, view_case->searchable ? 2 : 0);

      /* Nothing is opened yet: there is nowhere to go back to. */
      g_assert_false (hd_view_go_back (view));
      g_assert_true (hd_view_get_window (view) == GTK_WINDOW (window));

      gtk_window_destroy (GTK_WINDOW (window));
      settle ();
    }

  fixture_teardown (&fixture);
}

/* Contacts keeps properties of its own beside those of HdView. */
static void
test_views_contacts_own_properties (void)
{
  Fixture fixture = { 0 };
  GtkWidget *view;
  gboolean show_archived = TRUE;
  guint notified = 0;

  fixture_setup (&fixture);
  view = g_object_ref_sink (hd_contacts_view_new (fixture.context));

  g_object_get (view, "show-archived", &show_archived, NULL);
  g_assert_false (show_archived);
  g_signal_connect (view, "notify::show-archived", G_CALLBACK (count_notify), &notified);
  g_object_set (view, "show-archived", TRUE, NULL);
  g_object_get (view, "show-archived", &show_archived, NULL);
  g_assert_true (show_archived);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_true (hd_view_get_searchable (HD_VIEW (view)));
  g_assert_null (hd_view_get_window (HD_VIEW (view)));

  g_object_unref (view);
  settle ();
  fixture_teardown (&fixture);
}

/* New and imported records go to the hub chosen, else to the first. */
static void
test_views_target_hub (void)
{
  Fixture fixture = { 0 };
  GListModel *hubs;
  gint64 deadline;

  fixture_setup (&fixture);
  hubs = hd_context_get_hubs (fixture.context);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while ((hd_record_list_get_loading (HD_RECORD_LIST (hubs)) ||
          g_list_model_get_n_items (hubs) < 2) &&
         g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpuint (g_list_model_get_n_items (hubs), ==, 2);

  /* the first record of the list is read when someone looks */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (hd_context_get_target_hub_id (fixture.context) == NULL &&
         g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpstr (hd_context_get_target_hub_id (fixture.context), ==, fixture.first_hub);

  hd_context_set_hub_id (fixture.context, fixture.second_hub);
  g_assert_cmpstr (hd_context_get_target_hub_id (fixture.context), ==, fixture.second_hub);

  hd_context_set_hub_id (fixture.context, NULL);
  g_assert_cmpstr (hd_context_get_target_hub_id (fixture.context), ==, fixture.first_hub);

  fixture_teardown (&fixture);
}

static void
count_signal (HdContext *context,
              guint     *count)
{
  (*count)++;
}

/* At local midnight (Europe/Berlin, the hubs' default) the context says a
 * new day began, once; Today and Events listen and read everything again. */
static void
test_views_day_changed (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = g_date_time_new_now (berlin);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 3);
  g_autoptr(GDateTime) before_midnight = NULL;
  g_autoptr(GDateTime) just_before = NULL;
  g_autoptr(GDateTime) after_midnight = NULL;
  guint signal_id = g_signal_lookup ("day-changed", HD_TYPE_CONTEXT);
  guint changes = 0;

  fixture_setup (&fixture);
  g_signal_connect (fixture.context, "day-changed", G_CALLBACK (count_signal), &changes);

  g_assert_false (hd_context_check_day (fixture.context, now));
  g_assert_true (hd_context_check_day (fixture.context, tomorrow));
  g_assert_false (hd_context_check_day (fixture.context, tomorrow));
  g_assert_cmpuint (changes, ==, 1);

  /* the last minutes of a day, then the first of the next */
  before_midnight = g_date_time_new (berlin, g_date_time_get_year (later),
                                     g_date_time_get_month (later),
                                     g_date_time_get_day_of_month (later), 23, 58, 30);
  just_before = g_date_time_add_seconds (before_midnight, 60);
  after_midnight = g_date_time_add_seconds (before_midnight, 120);
  g_assert_true (hd_context_check_day (fixture.context, before_midnight));
  g_assert_false (hd_context_check_day (fixture.context, just_before));
  g_assert_true (hd_context_check_day (fixture.context, after_midnight));
  g_assert_cmpuint (changes, ==, 3);

  /* a clock set back is another day too */
  g_assert_true (hd_context_check_day (fixture.context, now));
  g_assert_cmpuint (changes, ==, 4);

  /* who listens */
  g_signal_handlers_disconnect_by_func (fixture.context, count_signal, &changes);
  g_assert_false (g_signal_has_handler_pending (fixture.context, signal_id, 0, FALSE));
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *view = i == 0 ? hd_today_view_new (fixture.context)
                               : hd_events_view_new (fixture.context);

      g_object_ref_sink (view);
      g_assert_true (g_signal_has_handler_pending (fixture.context, signal_id, 0, FALSE));
      g_object_run_dispose (G_OBJECT (view));
      g_object_unref (view);
      settle ();
      g_assert_false (g_signal_has_handler_pending (fixture.context, signal_id, 0, FALSE));
    }

  fixture_teardown (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/gui/views/properties", test_views_properties);
  g_test_add_func ("/gui/views/contacts-own-properties", test_views_contacts_own_properties);
  g_test_add_func ("/gui/views/target-hub", test_views_target_hub);
  g_test_add_func ("/gui/views/day-changed", test_views_day_changed);

  return g_test_run ();
}
