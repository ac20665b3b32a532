/* test-events-sync.c — check-in at the door by two managers offline,
 * against a real hubdesk-server on loopback
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "hd-events.h"
#include "hd-sync-test.h"

#define N_REGISTERED 8

typedef struct {
  HdTestServer *server;
  HdTestClient *a;
  HdTestClient *b;
  char         *event_id;
  GPtrArray    *registrations;   /* ids, as made by a */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(HdRecord) event = NULL;
  g_autoptr(GError) error = NULL;

  f->server = hd_test_server_new (NULL);
  f->a = hd_test_client_new (f->server, "alice", NULL);
  f->b = hd_test_client_new (f->server, "bob", NULL);
  hd_test_client_sync_ok (f->a);
  hd_test_client_sync_ok (f->b);

  event = hd_test_client_put (f->a, HD_ENTITY_EVENT, NULL,
                              "{\"title\": \"Regionaltreffen Hohenlohe\", \"capacity\": 40,"
                              " \"status\": \"published\","
                              " \"starts_at\": \"2026-12-03T17:00:00Z\", \"ends_at\": \"2026-12-03T20:00:00Z\"}");
  f->event_id = g_strdup (hd_record_get_id (event));
  f->registrations = g_ptr_array_new_with_free_func (g_free);

  for (int i = 0; i < N_REGISTERED; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"given_name\": \"Gast\", \"family_name\": \"Nummer %d\","
                                               " \"email\": \"gast%d@example.de\"}", i, i);
      g_autoptr(HdRecord) person = hd_test_client_put (f->a, HD_ENTITY_PERSON, NULL, json);
      g_autoptr(HdRecord) registration = hd_event_register (f->a->store, f->event_id,
                                                            hd_record_get_id (person), "web", &error);

      g_assert_no_error (error);
      g_ptr_array_add (f->registrations, g_strdup (hd_record_get_id (registration)));
    }

  hd_test_client_sync_ok (f->a);
  hd_test_client_sync_ok (f->b);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_ptr_array_unref (f->registrations);
  g_free (f->event_id);
  hd_test_client_free (f->a);
  hd_test_client_free (f->b);
  hd_test_server_free (f->server);
}

static void
check_in (HdTestClient *client,
          const char   *registration_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (hd_registration_check_in (client->store, registration_id, &error));
  g_assert_no_error (error);
}

static void
walk_in (HdTestClient *client,
         const char   *event_id,
         const char   *given,
         const char   *family,
         const char   *email,
         gboolean      expect_match)
{
  static const char * const purposes[] = { "contact", NULL };
  HdWalkIn w = { .given_name = given, .family_name = family, .email = email,
                 .consent_purposes = purposes,
                 .consent_text = "Ich bin einverstanden, dass der Hub mich zu Veranstaltungen kontaktiert." };
  g_autoptr(GError) error = NULL;
  g_autoptr(HdRecord) registration = NULL;
  gboolean matched = !expect_match;

  registration = hd_event_walk_in (client->store, event_id, &w, NULL, &matched, &error);
  g_assert_no_error (error);
  g_assert_nonnull (registration);
  g_assert_cmpint (matched, ==, expect_match);
}

static void
assert_counts (HdTestClient *client,
               const char   *event_id,
               gint64        attended,
               gint64        registered)
{
  g_autoptr(GError) error = NULL;
  HdEventCounts counts;

  g_assert_true (hd_event_get_counts (client->store, event_id, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpint (counts.attended, ==, attended);
  g_assert_cmpint (counts.registered, ==, registered);
}

static void
assert_no_duplicate_people (HdTestClient *client)
{
  HdQuery query = { .entity = HD_ENTITY_PERSON };
  g_autoptr(GPtrArray) people = hd_store_query (client->store, &query, NULL);
  g_autoptr(GHashTable) emails = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < people->len; i++)
    {
      const char *email = hd_record_get_string (g_ptr_array_index (people, i), "email");

      if (email == NULL)
        continue;
      g_assert_false (g_hash_table_contains (emails, email));
      g_hash_table_add (emails, (gpointer) email);
    }
}

static void
assert_settled (Fixture *f)
{
  g_autoptr(GPtrArray) conflicts_a = hd_test_client_conflicts (f->a);
  g_autoptr(GPtrArray) conflicts_b = hd_test_client_conflicts (f->b);
  g_autoptr(GPtrArray) rejected_a = hd_test_client_rejections (f->a);
  g_autoptr(GPtrArray) rejected_b = hd_test_client_rejections (f->b);

  g_assert_cmpuint (conflicts_a->len, ==, 0);
  g_assert_cmpuint (conflicts_b->len, ==, 0);
  g_assert_cmpuint (rejected_a->len, ==, 0);
  g_assert_cmpuint (rejected_b->len, ==, 0);
  g_assert_cmpint (hd_store_outbox_count (f->a->store, NULL), ==, 0);
  g_assert_cmpint (hd_store_outbox_count (f->b->store, NULL), ==, 0);
  hd_test_assert_same (f->a->store, f->b->store, HD_ENTITY_PERSON);
  hd_test_assert_same (f->a->store, f->b->store, HD_ENTITY_REGISTRATION);
  hd_test_assert_same (f->a->store, f->b->store, HD_ENTITY_EVENT);
}

/* Two managers at two doors of the same meetup, both offline: each checks
 * in different guests and takes walk-ins, one of them someone already
 * known. After syncing, both see the same guests and the same count. */
static void
test_two_doors (Fixture       *f,
                gconstpointer  data)
{
  guint people = hd_test_count (f->a->store, HD_ENTITY_PERSON);

  check_in (f->a, g_ptr_array_index (f->registrations, 0));
  check_in (f->a, g_ptr_array_index (f->registrations, 1));
  check_in (f->a, g_ptr_array_index (f->registrations, 2));
  walk_in (f->a, f->event_id, "Lena", "Weber", "lena.weber@example.de", FALSE);

  check_in (f->b, g_ptr_array_index (f->registrations, 3));
  check_in (f->b, g_ptr_array_index (f->registrations, 4));
  walk_in (f->b, f->event_id, "Jonas", "Keller", "jonas@keller.example", FALSE);
  /* registered, and came to the other door without being found in the list */
  walk_in (f->b, f->event_id, "Gast", "Nummer 5", "GAST5@example.de", TRUE);

  assert_counts (f->a, f->event_id, 4, N_REGISTERED - 3);
  assert_counts (f->b, f->event_id, 4, N_REGISTERED - 3);

  hd_test_client_sync_ok (f->a);
  hd_test_client_sync_ok (f->b);
  hd_test_client_sync_ok (f->a);

  assert_counts (f->a, f->event_id, 8, N_REGISTERED - 6);
  assert_counts (f->b, f->event_id, 8, N_REGISTERED - 6);
  g_assert_cmpuint (hd_test_count (f->a->store, HD_ENTITY_PERSON), ==, people + 2);
  g_assert_cmpuint (hd_test_count (f->b->store, HD_ENTITY_PERSON), ==, people + 2);
  g_assert_cmpuint (hd_test_count (f->a->store, HD_ENTITY_REGISTRATION), ==, N_REGISTERED + 2);
  assert_no_duplicate_people (f->a);
  assert_settled (f);
}

/* The same stranger walks in at both doors (or is typed in twice):
 * one person and one registration after the sync. */
static void
test_same_walk_in (Fixture       *f,
                   gconstpointer  data)
{
  guint people = hd_test_count (f->a->store, HD_ENTITY_PERSON);
  g_autoptr(GPtrArray) conflicts = NULL;

  walk_in (f->a, f->event_id, "Mia", "Braun", "mia.braun@example.de", FALSE);
  walk_in (f->b, f->event_id, "Mia", "Braun", "Mia.Braun@example.de", FALSE);

  hd_test_client_sync_ok (f->a);
  hd_test_client_sync_ok (f->b);
  hd_test_client_sync_ok (f->a);

  g_assert_cmpuint (hd_test_count (f->a->store, HD_ENTITY_PERSON), ==, people + 1);
  g_assert_cmpuint (hd_test_count (f->b->store, HD_ENTITY_PERSON), ==, people + 1);
  g_assert_cmpuint (hd_test_count (f->b->store, HD_ENTITY_REGISTRATION), ==, N_REGISTERED + 1);
  assert_counts (f->a, f->event_id, 1, N_REGISTERED);
  assert_counts (f->b, f->event_id, 1, N_REGISTERED);
  /* what both typed differently (the time of consent, the case of the
   * address) waits for a decision rather than being dropped */
  conflicts = hd_test_client_conflicts (f->b);
  g_test_message ("conflicts after the same walk-in twice: %u", conflicts->len);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/events/sync/two-doors", Fixture, NULL, fixture_set_up, test_two_doors, fixture_tear_down);
  g_test_add ("/events/sync/same-walk-in", Fixture, NULL, fixture_set_up, test_same_walk_in, fixture_tear_down);

  return g_test_run ();
}
