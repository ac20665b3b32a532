/* test-sync-marks.c — list rows mark records with changes not yet on the
 * server, conflicts and refused changes, from the marks HdContext keeps
 * in memory (no SQL when a row is bound)
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "hd-context.h"
#include "contacts/hd-contacts-view.h"
#include "widgets/hd-record-row.h"
#include "widgets/hd-sync-mark.h"

typedef struct {
  char         *dir;
  HdStore      *store;
  HdSyncEngine *engine;
  HdContext    *context;
  char         *hub_id;
} Fixture;

static gboolean
iterate_until_mark (HdContext   *context,
                    HdEntity     entity,
                    const char  *id,
                    HdSyncState  wanted)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (hd_context_get_sync_mark (context, entity, id) != wanted)
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  return TRUE;
}

static char *
save_person (Fixture    *fixture,
             const char *family_name)
{
  g_autoptr(HdRecord) person = hd_record_new (HD_ENTITY_PERSON, fixture->hub_id);
  g_autoptr(GError) error = NULL;

  hd_record_set_string (person, "family_name", family_name);
  g_assert_true (hd_store_save (fixture->store, person, &error));
  g_assert_no_error (error);

  return g_strdup (hd_record_get_id (person));
}

static void
fixture_setup (Fixture *fixture,
               gboolean bound)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdRecord) hub = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("hubdesk-marks-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "hubdesk.db", NULL);
  fixture->store = hd_store_open (path, &error);
  g_assert_no_error (error);

  hub = hd_record_new (HD_ENTITY_HUB, NULL);
  hd_record_set_hub_id (hub, hd_record_get_id (hub));
  hd_record_set_string (hub, "name", "Test Hub");
  g_assert_true (hd_store_save (fixture->store, hub, &error));
  g_assert_no_error (error);
  fixture->hub_id = g_strdup (hd_record_get_id (hub));

  if (bound)
    {
      /* Bound to a server that is never asked: the engine is not started. */
      g_assert_true (hd_store_set_meta (fixture->store, "username", "alice", &error));
      g_assert_true (hd_store_set_meta (fixture->store, "server_url", "http://127.0.0.1:9", &error));
      g_assert_no_error (error);
    }

  fixture->engine = hd_sync_engine_new (fixture->store, FALSE);
  hd_sync_engine_set_token (fixture->engine, "not a real token");
  fixture->context = hd_context_new_with_sync (fixture->store, NULL, fixture->engine);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture *fixture)
{
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->engine);
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->hub_id);
}

/* The mark is the row's last child, an image with a tooltip. */
static GtkWidget *
row_marker (GtkWidget *row)
{
  GtkWidget *marker = gtk_widget_get_last_child (row);

  g_assert_true (HD_IS_SYNC_MARK (marker));
  return marker;
}

static void
test_marks_pending_conflict (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(HdSyncLedger) ledger = NULL;
  g_autofree char *ledger_path = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *unknown = NULL;
  g_autofree char *later = NULL;
  HdSyncConflict conflict = { 0 };
  gboolean recorded = FALSE;
  GtkWidget *row;
  GtkWidget *plain_row;

  fixture_setup (&fixture, TRUE);
  edited = save_person (&fixture, "Berger");

  /* A record with an outbox entry is marked as not sent yet. */
  g_assert_true (iterate_until_mark (fixture.context, HD_ENTITY_PERSON, edited, HD_SYNC_PENDING));
  row = g_object_ref_sink (hd_record_row_new ());
  hd_record_row_set (HD_RECORD_ROW (row), NULL, "Berger", NULL, NULL);
  hd_record_row_track_sync (HD_RECORD_ROW (row), fixture.context, HD_ENTITY_PERSON, edited);
  g_assert_true (gtk_widget_get_visible (row_marker (row)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (row_marker (row)), ==, "Not sent to the server yet");

  /* A record the ledger holds a conflict for is marked as such, and the
   * row already bound follows without being bound again. */
  unknown = g_uuid_string_random ();   /* no record of the profile */
  ledger_path = hd_sync_ledger_path_for_store (hd_store_get_path (fixture.store));
  ledger = hd_sync_ledger_open (ledger_path, &error);
  g_assert_no_error (error);
  conflict.entity = HD_ENTITY_PERSON;
  conflict.record_id = edited;
  conflict.hub_id = fixture.hub_id;
  conflict.local_changes = hd_record_new_empty (HD_ENTITY_PERSON, edited);
  conflict.fields = (char *[]) { (char *) "family_name", NULL };
  conflict.seq = 1;
  g_assert_true (hd_sync_ledger_add_conflict (ledger, &conflict, &recorded, &error));
  g_assert_no_error (error);
  g_clear_pointer (&conflict.local_changes, hd_record_unref);

  /* Any edit makes the engine count again; the marks follow. */
  later = save_person (&fixture, "Yilmaz");
  g_assert_true (iterate_until_mark (fixture.context, HD_ENTITY_PERSON, edited, HD_SYNC_CONFLICT));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (row_marker (row)), ==,
                   "Conflict: waits for your decision in Conflicts");
  g_assert_true (gtk_widget_has_css_class (row_marker (row), "warning"));
  g_assert_cmpint (hd_context_get_conflict_count (fixture.context), ==, 1);

  /* A record with nothing waiting has no mark. */
  plain_row = g_object_ref_sink (hd_record_row_new ());
  hd_record_row_track_sync (HD_RECORD_ROW (plain_row), fixture.context, HD_ENTITY_PERSON, unknown);
  g_assert_false (gtk_widget_get_visible (row_marker (plain_row)));

  /* A row bound to another record drops the mark. */
  hd_record_row_track_sync (HD_RECORD_ROW (row), fixture.context, HD_ENTITY_PERSON, unknown);
  g_assert_false (gtk_widget_get_visible (row_marker (row)));

  g_object_unref (row);
  g_object_unref (plain_row);
  fixture_teardown (&fixture);
}

static void
test_marks_standalone (void)
{
  Fixture fixture = { 0 };
  g_autofree char *edited = NULL;
  gint64 deadline;

  fixture_setup (&fixture, FALSE);
  edited = save_person (&fixture, "Schäfer");

  /* Edits of a standalone profile wait for no server: no marks. Give the
   * engine time to load and the context time to react. */
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);

  g_assert_cmpint (hd_sync_engine_get_state (fixture.engine), ==, HD_SYNC_ENGINE_STANDALONE);
  g_assert_cmpint (hd_context_get_sync_mark (fixture.context, HD_ENTITY_PERSON, edited), ==,
                   HD_SYNC_SYNCED);

  fixture_teardown (&fixture);
}

/* The sync mark beside the name cell that reads `name`, NULL when no such
 * cell is on screen. */
static HdSyncMark *
find_name_mark (GtkWidget  *widget,
                const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      HdSyncMark *found;

      if (HD_IS_SYNC_MARK (child))
        {
          GtkWidget *label = gtk_widget_get_next_sibling (child);

          if (GTK_IS_LABEL (label) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (label)), name) == 0)
            return HD_SYNC_MARK (child);
          continue;
        }

      found = find_name_mark (child, name);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Shows the contacts view of the fixture's profile in a window and waits
 * until the row of `name` is on screen; returns its mark. */
static HdSyncMark *
contacts_row_mark (Fixture    *fixture,
                   GtkWindow **out_window,
                   const char *name)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  HdSyncMark *mark;

  gtk_window_set_default_size (window, 900, 600);
  gtk_window_set_child (window, hd_contacts_view_new (fixture->context));
  gtk_window_present (window);

  while ((mark = find_name_mark (GTK_WIDGET (window), name)) == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        break;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  *out_window = window;
  return mark;
}

static void
test_marks_contacts_table (void)
{
  Fixture fixture = { 0 };
  g_autofree char *edited = NULL;
  GtkWindow *window = NULL;
  HdSyncMark *mark;

  fixture_setup (&fixture, TRUE);
  edited = save_person (&fixture, "Berger");
  g_assert_true (iterate_until_mark (fixture.context, HD_ENTITY_PERSON, edited, HD_SYNC_PENDING));

  /* The name cell of a person with changes not sent yet carries the mark,
   * which says so to a screen reader too. */
  mark = contacts_row_mark (&fixture, &window, "Berger");
  g_assert_nonnull (mark);
  g_assert_cmpint (hd_sync_mark_get_state (mark), ==, HD_SYNC_PENDING);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (mark)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (mark)), ==, "Not sent to the server yet");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (mark)), ==,
                   hd_sync_mark_describe (HD_SYNC_PENDING));

  gtk_window_destroy (window);
  fixture_teardown (&fixture);
}

static void
test_marks_contacts_standalone (void)
{
  Fixture fixture = { 0 };
  g_autofree char *edited = NULL;
  GtkWindow *window = NULL;
  HdSyncMark *mark;
  gint64 deadline;

  fixture_setup (&fixture, FALSE);
  edited = save_person (&fixture, "Schäfer");
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (hd_sync_engine_get_state (fixture.engine) != HD_SYNC_ENGINE_STANDALONE &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (hd_sync_engine_get_state (fixture.engine), ==, HD_SYNC_ENGINE_STANDALONE);

  /* A standalone profile shows the row, without a mark. */
  mark = contacts_row_mark (&fixture, &window, "Schäfer");
  g_assert_nonnull (mark);
  g_assert_cmpint (hd_sync_mark_get_state (mark), ==, HD_SYNC_SYNCED);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (mark)));

  gtk_window_destroy (window);
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

  g_test_add_func ("/gui/sync-marks/pending-and-conflict", test_marks_pending_conflict);
  g_test_add_func ("/gui/sync-marks/standalone", test_marks_standalone);
  g_test_add_func ("/gui/sync-marks/contacts-table", test_marks_contacts_table);
  g_test_add_func ("/gui/sync-marks/contacts-standalone", test_marks_contacts_standalone);

  return g_test_run ();
}
