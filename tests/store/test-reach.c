/* test-reach.c — what a report reads of people and organizations, kept
 * with the interactions and registrations (hd-store-reach.c)
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each step changes a person, an organization, an interaction or a
 * registration through the store and reads the reach columns of the rows
 * it touches; after each, every row's columns equal those computed again
 * from scratch, so a change the triggers miss fails here.
 */
#include "config.h"

#include <sqlite3.h>

#include "hd-store-private.h"
#include "hd-store-privacy.h"
#include "store-test-util.h"

#define EVENT_ID "9e0d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b"

typedef struct {
  TestDir   dir;
  HdStore  *store;
  HdRecord *alpha;    /* register number */
  HdRecord *beta;     /* website */
  HdRecord *anna;     /* of Alpha, may be contacted */
  HdRecord *karl;     /* of no organization, no consent */
  HdRecord *met_beta;     /* interaction with Beta and Anna */
  HdRecord *met_anna;     /* interaction with Anna alone */
  HdRecord *met_karl;     /* interaction with Karl alone */
  HdRecord *anna_came;    /* registration */
  HdRecord *karl_came;    /* registration */
} Fixture;

static void
save (Fixture  *f,
      HdRecord *record)
{
  g_autoptr(GError) error = NULL;

  hd_store_save (f->store, record, &error);
  g_assert_no_error (error);
}

static HdRecord *
interaction (const char *organization_id,
             const char *person_id)
{
  HdRecord *record = hd_record_new (HD_ENTITY_INTERACTION, TEST_HUB);

  hd_record_set_string (record, "kind", "consultation");
  hd_record_set_string (record, "occurred_on", "2026-03-10");
  if (organization_id != NULL)
    hd_record_set_string (record, "organization_id", organization_id);
  if (person_id != NULL)
    hd_record_set_string (record, "person_id", person_id);
  return record;
}

static HdRecord *
registration (const char *person_id)
{
  HdRecord *record = hd_record_new (HD_ENTITY_REGISTRATION, TEST_HUB);

  hd_record_set_string (record, "event_id", EVENT_ID);
  hd_record_set_string (record, "person_id", person_id);
  hd_record_set_string (record, "status", "attended");
  return record;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const char * const contact[] = { "contact", NULL };
  g_autoptr(HdRecord) event = NULL;

  test_dir_init (&f->dir);
  f->store = test_open_store (f->dir.path);

  f->alpha = test_organization (TEST_HUB, "Alpha GmbH");
  hd_record_set_string (f->alpha, "register_id", "HRB 1234, Amtsgericht Ulm");
  hd_record_set_string (f->alpha, "kind", "sme");
  save (f, f->alpha);
  f->beta = test_organization (TEST_HUB, "Beta Hochschule");
  hd_record_set_string (f->beta, "website", "https://www.beta.example");
  hd_record_set_string (f->beta, "kind", "university");
  save (f, f->beta);

  f->anna = test_person (TEST_HUB, "Anna", "Berger");
  hd_record_set_string (f->anna, "organization_id", hd_record_get_id (f->alpha));
  hd_record_set_string (f->anna, "email", "Anna.Berger@Alpha.example");
  hd_record_set_string (f->anna, "consent", "given");
  hd_record_set_strv (f->anna, "consent_purposes", contact);
  save (f, f->anna);
  f->karl = test_person (TEST_HUB, "Karl", "Vogt");
  save (f, f->karl);

  event = test_event (TEST_HUB, "KI-Sprechstunde", "2026-03-12T09:00:00Z", "2026-03-12T11:00:00Z");
  hd_record_set_id (event, EVENT_ID);
  save (f, event);

  f->met_beta = interaction (hd_record_get_id (f->beta), hd_record_get_id (f->anna));
  save (f, f->met_beta);
  f->met_anna = interaction (NULL, hd_record_get_id (f->anna));
  save (f, f->met_anna);
  f->met_karl = interaction (NULL, hd_record_get_id (f->karl));
  save (f, f->met_karl);
  f->anna_came = registration (hd_record_get_id (f->anna));
  save (f, f->anna_came);
  f->karl_came = registration (hd_record_get_id (f->karl));
  save (f, f->karl_came);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->alpha, hd_record_unref);
  g_clear_pointer (&f->beta, hd_record_unref);
  g_clear_pointer (&f->anna, hd_record_unref);
  g_clear_pointer (&f->karl, hd_record_unref);
  g_clear_pointer (&f->met_beta, hd_record_unref);
  g_clear_pointer (&f->met_anna, hd_record_unref);
  g_clear_pointer (&f->met_karl, hd_record_unref);
  g_clear_pointer (&f->anna_came, hd_record_unref);
  g_clear_pointer (&f->karl_came, hd_record_unref);
  g_clear_object (&f->store);
  test_dir_clear (&f->dir);
}

/* "key|kind|person" of an interaction, "key|kind|person|attendee" of a
 * registration ("-" for NULL). */
static char *
reach_of (Fixture  *f,
          HdRecord *record)
{
  gboolean is_registration = hd_record_get_entity (record) == HD_ENTITY_REGISTRATION;
  g_autofree char *sql =
    g_strdup_printf ("SELECT COALESCE(reach_key, '-') || '|' || COALESCE(reach_kind, '-') || '|' "
                     "|| COALESCE(reach_person, '-') %s FROM %s WHERE id = '%s'",
                     is_registration ? "|| '|' || COALESCE(attendee_key, '-')" : "",
                     is_registration ? "registration" : "interaction",
                     hd_record_get_id (record));

  return test_query_text (f->dir.path, sql);
}

#define assert_reach(f, record, expected) \
  G_STMT_START { \
    g_autofree char *reach_ = reach_of ((f), (record)); \
    g_assert_cmpstr (reach_, ==, (expected)); \
  } G_STMT_END

/* Every row's reach columns equal those computed from scratch. */
static void
assert_reach_fresh (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = hd_db_open (f->dir.path, &error);
  g_autofree char *differ = NULL;

  g_assert_no_error (error);
#define SNAPSHOT(name) \
  "CREATE TEMP TABLE " name " AS SELECT 'i' AS t, id, reach_organization_id AS o, " \
  "reach_key AS k, reach_kind AS d, reach_person AS p, NULL AS a FROM interaction " \
  "UNION ALL SELECT 'r', id, reach_organization_id, reach_key, reach_kind, reach_person, " \
  "attendee_key FROM registration " \
  "UNION ALL SELECT 'b', id, reach_organization_id, reach_key, reach_kind, NULL, NULL " \
  "FROM booking;"
  hd_db_exec (db, "BEGIN;" SNAPSHOT ("kept"), &error);
  g_assert_no_error (error);
  hd_store_reach_refresh_all (db, &error);
  g_assert_no_error (error);
  hd_db_exec (db, SNAPSHOT ("fresh"), &error);
  g_assert_no_error (error);
#undef SNAPSHOT
  {
    /* the same ids in both: a row that differs is in fresh, not in kept */
    sqlite3_stmt *stmt = hd_db_prepare (db,
                                        "SELECT group_concat(id) FROM "
                                        "(SELECT * FROM fresh EXCEPT SELECT * FROM kept)",
                                        &error);

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    differ = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
  }
  hd_db_exec (db, "ROLLBACK", NULL);
  sqlite3_close (db);

  g_assert_cmpstr (differ, ==, NULL);
}

static void
test_saved (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *karl_key = g_strdup_printf ("-|-|0|%s", hd_record_get_id (f->karl));

  assert_reach (f, f->met_beta, "web:beta.example|university|1");
  assert_reach (f, f->met_anna, "register:hrb1234amtsgerichtulm|sme|1");
  assert_reach (f, f->met_karl, "-|-|0");
  assert_reach (f, f->anna_came, "register:hrb1234amtsgerichtulm|sme|1|anna.berger@alpha.example");
  assert_reach (f, f->karl_came, karl_key);
  assert_reach_fresh (f);
}

/* A person's organization, consent and e-mail reach the rows that name
 * the person; an interaction's own organization goes before its person's. */
static void
test_person_changes (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *anna_key = g_strdup_printf ("web:beta.example|university|0|%s",
                                               hd_record_get_id (f->anna));

  hd_record_set_string (f->anna, "organization_id", hd_record_get_id (f->beta));
  save (f, f->anna);
  assert_reach (f, f->met_anna, "web:beta.example|university|1");
  assert_reach (f, f->anna_came, "web:beta.example|university|1|anna.berger@alpha.example");
  assert_reach_fresh (f);

  hd_record_set_string (f->anna, "consent", "withdrawn");
  hd_record_set_string (f->anna, "email", "anna@beta.example");
  save (f, f->anna);
  assert_reach (f, f->met_beta, "web:beta.example|university|0");
  assert_reach (f, f->anna_came, "web:beta.example|university|0|anna@beta.example");

  hd_record_set_string (f->anna, "email", NULL);
  save (f, f->anna);
  assert_reach (f, f->anna_came, anna_key);

  hd_record_set_string (f->karl, "organization_id", hd_record_get_id (f->alpha));
  save (f, f->karl);
  assert_reach (f, f->met_karl, "register:hrb1234amtsgerichtulm|sme|0");
  assert_reach_fresh (f);
}

/* What recognises an organization and its kind reach every row that
 * reaches it: its own interactions and bookings, and through its people. */
static void
test_organization_changes (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(HdRecord) room = hd_record_new (HD_ENTITY_ROOM, TEST_HUB);
  g_autoptr(HdRecord) booking = hd_record_new (HD_ENTITY_BOOKING, TEST_HUB);
  g_autofree char *sql = NULL;
  g_autofree char *booked = NULL;

  hd_record_set_string (room, "name", "Coworking");
  hd_record_set_int (room, "capacity", 12);
  save (f, room);
  hd_record_set_string (booking, "room_id", hd_record_get_id (room));
  hd_record_set_string (booking, "starts_at", "2026-03-02T08:00:00Z");
  hd_record_set_string (booking, "ends_at", "2026-03-02T16:00:00Z");
  hd_record_set_string (booking, "organization_id", hd_record_get_id (f->beta));
  save (f, booking);
  sql = g_strdup_printf ("SELECT reach_key || '|' || reach_kind FROM booking WHERE id = '%s'",
                         hd_record_get_id (booking));
  booked = test_query_text (f->dir.path, sql);
  g_assert_cmpstr (booked, ==, "web:beta.example|university");
  g_clear_pointer (&booked, g_free);

  hd_record_set_string (f->alpha, "register_id", NULL);
  hd_record_set_string (f->alpha, "website", "http://alpha.example/de");
  hd_record_set_string (f->alpha, "kind", "startup");
  save (f, f->alpha);
  assert_reach (f, f->met_anna, "web:alpha.example|startup|1");
  assert_reach (f, f->anna_came, "web:alpha.example|startup|1|anna.berger@alpha.example");
  assert_reach (f, f->met_beta, "web:beta.example|university|1");

  hd_record_set_string (f->beta, "website", NULL);
  hd_record_set_string (f->beta, "postcode", "89 073");
  save (f, f->beta);
  assert_reach (f, f->met_beta, "name:betahochschule|89073|university|1");
  booked = test_query_text (f->dir.path, sql);
  g_assert_cmpstr (booked, ==, "name:betahochschule|89073|university");
  g_clear_pointer (&booked, g_free);
  assert_reach_fresh (f);

  /* booked for another organization */
  hd_record_set_string (booking, "organization_id", hd_record_get_id (f->alpha));
  save (f, booking);
  booked = test_query_text (f->dir.path, sql);
  g_assert_cmpstr (booked, ==, "web:alpha.example|startup");
  assert_reach_fresh (f);
}

/* Applies @record as the server's copy at @version, alone in a page. */
static void
pull (Fixture    *f,
      HdRecord   *record,
      gint64      version,
      const char *cursor)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GError) error = NULL;

  hd_record_set_version (record, version);
  g_ptr_array_add (page, hd_record_ref (record));
  hd_store_apply_pulled (f->store, page, cursor, &error);
  g_assert_no_error (error);
}

/* A deleted organization or person (a tombstone from the server) reaches
 * nothing; one that arrives after the rows naming it is reached. */
static void
test_deleted_and_late (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(HdRecord) gone = hd_record_copy (f->beta);
  g_autoptr(HdRecord) late_org = test_organization (TEST_HUB, "Gamma e.V.");
  g_autoptr(HdRecord) late_person = test_person (TEST_HUB, "Lena", "Wolf");
  g_autoptr(HdRecord) early = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lena_key = NULL;

  /* everything saved so far has reached the server */
  hd_store_outbox_remove_upto (f->store, G_MAXINT64, &error);
  g_assert_no_error (error);

  hd_record_set_deleted (gone, TRUE);
  pull (f, gone, 7, "c1");
  assert_reach (f, f->met_beta, "-|-|1");
  assert_reach_fresh (f);

  /* a pull may bring an interaction before the person it names, and the
   * person before their organization */
  hd_record_set_string (late_org, "kind", "association");
  hd_record_set_string (late_person, "organization_id", hd_record_get_id (late_org));
  hd_record_set_string (late_person, "email", "LENA@gamma.example");
  early = interaction (NULL, hd_record_get_id (late_person));
  pull (f, early, 1, "c2");
  assert_reach (f, early, "-|-|-");
  pull (f, late_person, 1, "c3");
  assert_reach (f, early, "-|-|0");
  pull (f, late_org, 1, "c4");
  assert_reach (f, early, "name:gammaev||association|0");
  assert_reach_fresh (f);

  /* a registration moved to another person */
  hd_record_set_string (f->karl_came, "person_id", hd_record_get_id (late_person));
  save (f, f->karl_came);
  assert_reach (f, f->karl_came, "name:gammaev||association|0|lena@gamma.example");

  /* a person deleted */
  hd_record_set_deleted (late_person, TRUE);
  pull (f, late_person, 2, "c5");
  lena_key = g_strdup_printf ("-|-|-|%s", hd_record_get_id (late_person));
  assert_reach (f, f->karl_came, lena_key);
  assert_reach (f, early, "-|-|-");
  assert_reach_fresh (f);
}

/* An erased person keeps their record, archived and without personal
 * fields: no e-mail, no consent. */
static void
test_erased (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *reach = NULL;

  hd_store_erase_person (f->store, hd_record_get_id (f->anna), "Erased person", &error);
  g_assert_no_error (error);
  reach = reach_of (f, f->anna_came);
  expected = g_strdup_printf ("|0|%s", hd_record_get_id (f->anna));
  g_assert_true (g_str_has_suffix (reach, expected));
  assert_reach (f, f->met_beta, "web:beta.example|university|0");
  assert_reach_fresh (f);
}

/* A first pull fills the tables with the triggers dropped and refreshes
 * every row at its end; the triggers are back afterwards. */
static void
test_bulk_load (void)
{
  TestDir dir;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(HdRecord) org = test_organization (TEST_HUB, "Delta AG");
  g_autoptr(HdRecord) person = test_person (TEST_HUB, "Mia", "Kaya");
  g_autoptr(HdRecord) met = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *triggers = NULL;
  g_autofree char *reach = NULL;
  g_autofree char *sql = NULL;

  test_dir_init (&dir);
  store = test_open_store (dir.path);
  hd_store_set_search_deferred (store, TRUE, &error);
  g_assert_no_error (error);
  triggers = test_query_text (dir.path, "SELECT count(*) FROM sqlite_master "
                                        "WHERE type = 'trigger' AND name LIKE 'reach_%'");
  g_assert_cmpstr (triggers, ==, "0");
  g_clear_pointer (&triggers, g_free);

  /* the interaction first, its person and organization after it */
  hd_record_set_string (org, "register_id", "VR 77");
  hd_record_set_string (person, "organization_id", hd_record_get_id (org));
  met = interaction (NULL, hd_record_get_id (person));
  hd_record_set_version (met, 1);
  hd_record_set_version (person, 1);
  hd_record_set_version (org, 1);
  g_ptr_array_add (page, hd_record_ref (met));
  g_ptr_array_add (page, hd_record_ref (person));
  g_ptr_array_add (page, hd_record_ref (org));
  hd_store_apply_pulled (store, page, "p1", &error);
  g_assert_no_error (error);
  sql = g_strdup_printf ("SELECT COALESCE(reach_key, '-') FROM interaction WHERE id = '%s'",
                         hd_record_get_id (met));
  reach = test_query_text (dir.path, sql);
  g_assert_cmpstr (reach, ==, "-");
  g_clear_pointer (&reach, g_free);

  hd_store_set_search_deferred (store, FALSE, &error);
  g_assert_no_error (error);
  reach = test_query_text (dir.path, sql);
  g_assert_cmpstr (reach, ==, "register:vr77");
  triggers = test_query_text (dir.path, "SELECT count(*) FROM sqlite_master "
                                        "WHERE type = 'trigger' AND name LIKE 'reach_%'");
  g_assert_cmpstr (triggers, ==, "12");

  g_clear_object (&store);
  test_dir_clear (&dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/reach/saved", test_saved);
  ADD ("/store/reach/person-changes", test_person_changes);
  ADD ("/store/reach/organization-changes", test_organization_changes);
  ADD ("/store/reach/deleted-and-late", test_deleted_and_late);
  ADD ("/store/reach/erased", test_erased);
#undef ADD
  g_test_add_func ("/store/reach/bulk-load", test_bulk_load);

  return g_test_run ();
}
