/* test-sync-two.c — two clients against a real server: merges, conflicts,
 * deletes, rejections, lost hubs, sequence gaps and resyncs
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "hd-sync-test.h"

typedef struct {
  HdTestServer *server;
  HdTestClient *a;
  HdTestClient *b;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = hd_test_server_new (data);
  f->a = hd_test_client_new (f->server, "alice", NULL);
  f->b = hd_test_client_new (f->server, "bob", NULL);
  hd_test_client_sync_ok (f->a);
  hd_test_client_sync_ok (f->b);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  hd_test_client_free (f->a);
  hd_test_client_free (f->b);
  hd_test_server_free (f->server);
}

static const char *
field (HdTestClient *client,
       HdEntity      entity,
       const char   *id,
       const char   *name)
{
  g_autoptr(HdRecord) record = hd_store_get (client->store, entity, id, NULL);
  static char value[256];

  if (record == NULL || hd_record_get_string (record, name) == NULL)
    return NULL;
  g_strlcpy (value, hd_record_get_string (record, name), sizeof value);
  return value;
}

/* Every client and a fresh one (the server's view) hold the same data. */
static void
assert_converged (Fixture *f)
{
  g_autoptr(HdTestClient) fresh = hd_test_client_new (f->server, "alice", NULL);

  hd_test_client_sync_ok (fresh);
  for (guint e = 0; e < HD_N_ENTITIES; e++)
    {
      g_autofree char *expected = hd_test_checksum (fresh->store, e);
      g_autofree char *in_a = hd_test_checksum (f->a->store, e);
      g_autofree char *in_b = hd_test_checksum (f->b->store, e);

      g_assert_cmpstr (in_a, ==, expected);
      g_assert_cmpstr (in_b, ==, expected);
    }
  g_assert_cmpint (hd_store_outbox_count (f->a->store, NULL), ==, 0);
  g_assert_cmpint (hd_store_outbox_count (f->b->store, NULL), ==, 0);
}

static char *
shared_person (Fixture *f)
{
  g_autoptr(HdRecord) person = hd_test_client_put (f->a, HD_ENTITY_PERSON, NULL,
                                                   "{\"given_name\": \"Ada\", \"family_name\": \"Lovelace\"}");

  hd_test_client_sync_ok (f->a);
  hd_test_client_sync_ok (f->b);
  g_assert_cmpstr (field (f->b, HD_ENTITY_PERSON, hd_record_get_id (person), "family_name"),
                   ==, "Lovelace");

  return g_strdup (hd_record_get_id (person));
}

static void
test_different_fields (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *id = shared_person (f);
  g_autoptr(GPtrArray) conflicts = NULL;
  HdSyncSummary summary;

  hd_test_client_edit (f->a, HD_ENTITY_PERSON, id, "{\"job_title\": \"Mathematician\"}");
  hd_test_client_edit (f->b, HD_ENTITY_PERSON, id, "{\"phone\": \"+49 711 1234\"}");

  hd_test_client_sync_ok (f->a);
  g_assert_true (hd_test_client_sync (f->b, &summary, NULL));
  g_assert_cmpint (summary.applied, ==, 1);
  g_assert_cmpint (summary.conflicts, ==, 0);
  hd_test_client_sync_ok (f->a);

  for (guint i = 0; i < 2; i++)
    {
      HdTestClient *c = i == 0 ? f->a : f->b;

      g_assert_cmpstr (field (c, HD_ENTITY_PERSON, id, "job_title"), ==, "Mathematician");
      g_assert_cmpstr (field (c, HD_ENTITY_PERSON, id, "phone"), ==, "+49 711 1234");
      g_assert_cmpint (hd_store_get_sync_state (c->store, HD_ENTITY_PERSON, id), ==, HD_SYNC_SYNCED);
    }
  conflicts = hd_test_client_conflicts (f->b);
  g_assert_cmpuint (conflicts->len, ==, 0);
  assert_converged (f);
}

static void
same_field (Fixture          *f,
            HdSyncResolution  how)
{
  g_autofree char *id = shared_person (f);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  HdSyncConflict *conflict;
  HdSyncSummary summary;
  const char *expected;

  hd_test_client_edit (f->a, HD_ENTITY_PERSON, id, "{\"job_title\": \"Mathematician\"}");
  hd_test_client_edit (f->b, HD_ENTITY_PERSON, id, "{\"job_title\": \"Countess\", \"phone\": \"+49 711 1234\"}");

  hd_test_client_sync_ok (f->a);
  g_assert_true (hd_test_client_sync (f->b, &summary, NULL));
  g_assert_cmpint (summary.conflicts, ==, 1);

  /* One entry with base, local and server values; the local edit stays
   * visible and nothing of it went to the server. */
  conflicts = hd_test_client_conflicts (f->b);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->record_id, ==, id);
  g_assert_cmpuint (g_strv_length (conflict->fields), ==, 1);
  g_assert_cmpstr (conflict->fields[0], ==, "job_title");
  g_assert_nonnull (conflict->base);
  g_assert_null (hd_record_get_string (conflict->base, "job_title"));
  g_assert_cmpstr (hd_record_get_string (conflict->local_changes, "job_title"), ==, "Countess");
  g_assert_cmpstr (hd_record_get_string (conflict->server, "job_title"), ==, "Mathematician");
  g_assert_cmpint (hd_store_get_sync_state (f->b->store, HD_ENTITY_PERSON, id), ==, HD_SYNC_CONFLICT);
  g_assert_cmpstr (field (f->b, HD_ENTITY_PERSON, id, "job_title"), ==, "Countess");
  g_assert_cmpuint (hd_sync_engine_get_conflicts (f->b->engine), ==, 1);

  hd_test_client_resolve (f->b, conflict->id, how, &error);
  g_assert_no_error (error);
  hd_test_client_sync_ok (f->b);
  hd_test_client_sync_ok (f->a);

  expected = how == HD_SYNC_RESOLVE_MINE ? "Countess" : "Mathematician";
  for (guint i = 0; i < 2; i++)
    {
      HdTestClient *c = i == 0 ? f->a : f->b;

      g_assert_cmpstr (field (c, HD_ENTITY_PERSON, id, "job_title"), ==, expected);
      /* the part of the edit that was not in conflict is not lost */
      g_assert_cmpstr (field (c, HD_ENTITY_PERSON, id, "phone"), ==, "+49 711 1234");
    }
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = hd_test_client_conflicts (f->b);
  g_assert_cmpuint (conflicts->len, ==, 0);
  g_assert_cmpuint (hd_sync_engine_get_conflicts (f->b->engine), ==, 0);
  assert_converged (f);
}

static void
test_same_field_mine (Fixture       *f,
                      gconstpointer  data)
{
  same_field (f, HD_SYNC_RESOLVE_MINE);
}

static void
test_same_field_theirs (Fixture       *f,
                        gconstpointer  data)
{
  same_field (f, HD_SYNC_RESOLVE_THEIRS);
}

/* A edits, B deletes; A's edit reaches the server first. */
static void
test_edit_then_delete (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *id = shared_person (f);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  HdSyncConflict *conflict;

  hd_test_client_edit (f->a, HD_ENTITY_PERSON, id, "{\"job_title\": \"Mathematician\"}");
  hd_store_delete (f->b->store, HD_ENTITY_PERSON, id, &error);
  g_assert_no_error (error);

  hd_test_client_sync_ok (f->a);
  hd_test_client_sync_ok (f->b);

  conflicts = hd_test_client_conflicts (f->b);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_true (conflict->local_delete);
  g_assert_false (hd_sync_conflict_server_deleted (conflict));
  g_assert_cmpstr (hd_record_get_string (conflict->server, "job_title"), ==, "Mathematician");

  /* Mine: the delete goes ahead, over the edit the person has now seen. */
  hd_test_client_resolve (f->b, conflict->id, HD_SYNC_RESOLVE_MINE, &error);
  g_assert_no_error (error);
  hd_test_client_sync_ok (f->b);
  hd_test_client_sync_ok (f->a);

  g_assert_null (hd_store_get (f->a->store, HD_ENTITY_PERSON, id, NULL));
  g_assert_null (hd_store_get (f->b->store, HD_ENTITY_PERSON, id, NULL));
  assert_converged (f);
}

/* B deletes first; A's edit meets the tombstone. */
static void
delete_then_edit (Fixture          *f,
                  HdSyncResolution  how)
{
  g_autofree char *id = shared_person (f);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GError) error = NULL;
  HdSyncConflict *conflict;
  HdQuery query = { 0 };

  hd_test_client_edit (f->a, HD_ENTITY_PERSON, id, "{\"job_title\": \"Mathematician\"}");
  hd_store_delete (f->b->store, HD_ENTITY_PERSON, id, &error);
  g_assert_no_error (error);

  hd_test_client_sync_ok (f->b);
  hd_test_client_sync_ok (f->a);

  conflicts = hd_test_client_conflicts (f->a);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_false (conflict->local_delete);
  g_assert_true (hd_sync_conflict_server_deleted (conflict));
  /* the edit is still there to see until the person decides */
  g_assert_cmpstr (field (f->a, HD_ENTITY_PERSON, id, "job_title"), ==, "Mathematician");

  hd_test_client_resolve (f->a, conflict->id, how, &error);
  g_assert_no_error (error);
  hd_test_client_sync_ok (f->a);
  hd_test_client_sync_ok (f->b);

  g_assert_null (hd_store_get (f->a->store, HD_ENTITY_PERSON, id, NULL));
  query.entity = HD_ENTITY_PERSON;
  people = hd_store_query (f->b->store, &query, &error);
  g_assert_no_error (error);
  if (how == HD_SYNC_RESOLVE_THEIRS)
    g_assert_cmpuint (people->len, ==, 0);
  else
    {
      /* Mine: the person lives on as a new record with the edit. */
      g_assert_cmpuint (people->len, ==, 1);
      g_assert_cmpstr (hd_record_get_id (g_ptr_array_index (people, 0)), !=, id);
      g_assert_cmpstr (hd_record_get_string (g_ptr_array_index (people, 0), "job_title"),
                       ==, "Mathematician");
    }
  assert_converged (f);
}

static void
test_delete_then_edit_theirs (Fixture       *f,
                              gconstpointer  data)
{
  delete_then_edit (f, HD_SYNC_RESOLVE_THEIRS);
}

static void
test_delete_then_edit_mine (Fixture       *f,
                            gconstpointer  data)
{
  delete_then_edit (f, HD_SYNC_RESOLVE_MINE);
}

/* The same company entered on both sides is two records, never merged. */
static void
test_natural_key (Fixture       *f,
                  gconstpointer  data)
{
  const char *json = "{\"name\": \"Muster GmbH\", \"register_id\": \"HRB 725123, Amtsgericht Stuttgart\", \"postcode\": \"70173\"}";
  g_autoptr(HdRecord) from_a = hd_test_client_put (f->a, HD_ENTITY_ORGANIZATION, NULL, json);
  g_autoptr(HdRecord) from_b = hd_test_client_put (f->b, HD_ENTITY_ORGANIZATION, NULL, json);
  g_autoptr(GPtrArray) conflicts = NULL;

  hd_test_client_sync_ok (f->a);
  hd_test_client_sync_ok (f->b);
  hd_test_client_sync_ok (f->a);

  g_assert_cmpstr (hd_record_get_id (from_a), !=, hd_record_get_id (from_b));
  g_assert_cmpuint (hd_test_count (f->a->store, HD_ENTITY_ORGANIZATION), ==, 2);
  g_assert_cmpuint (hd_test_count (f->b->store, HD_ENTITY_ORGANIZATION), ==, 2);
  conflicts = hd_test_client_conflicts (f->b);
  g_assert_cmpuint (conflicts->len, ==, 0);
  assert_converged (f);
}

/* Two bookings that do not fit the room together: the second is refused,
 * stays visible as rejected, and is fixed by the person. */
static void
test_rejected_booking (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(HdRecord) room = hd_test_client_put (f->a, HD_ENTITY_ROOM, NULL,
                                                 "{\"name\": \"Werkstatt\", \"capacity\": 10}");
  g_autoptr(HdRecord) first = NULL;
  g_autoptr(HdRecord) second = NULL;
  g_autoptr(HdRecord) fixed = NULL;
  g_autoptr(GPtrArray) rejections = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *reason = NULL;
  HdSyncRejection *rejection;
  HdSyncSummary summary;

  hd_test_client_sync_ok (f->a);
  hd_test_client_sync_ok (f->b);

  json = g_strdup_printf ("{\"room_id\": \"%s\", \"title\": \"Meetup\", \"starts_at\": \"2031-03-04T16:00:00Z\", \"ends_at\": \"2031-03-04T18:00:00Z\", \"seats\": 8}",
                          hd_record_get_id (room));
  first = hd_test_client_put (f->a, HD_ENTITY_BOOKING, NULL, json);
  g_free (json);
  json = g_strdup_printf ("{\"room_id\": \"%s\", \"title\": \"Workshop\", \"starts_at\": \"2031-03-04T17:00:00Z\", \"ends_at\": \"2031-03-04T19:00:00Z\", \"seats\": 5}",
                          hd_record_get_id (room));
  second = hd_test_client_put (f->b, HD_ENTITY_BOOKING, NULL, json);

  hd_test_client_sync_ok (f->a);
  g_assert_true (hd_test_client_sync (f->b, &summary, NULL));
  g_assert_cmpint (summary.rejected, ==, 1);

  g_assert_cmpint (hd_store_get_sync_state (f->b->store, HD_ENTITY_BOOKING,
                                            hd_record_get_id (second)), ==, HD_SYNC_REJECTED);
  reason = hd_store_get_reject_reason (f->b->store, HD_ENTITY_BOOKING, hd_record_get_id (second));
  g_assert_nonnull (reason);
  g_assert_nonnull (strstr (reason, "room_unavailable"));
  {
    g_autoptr(HdRecord) kept = hd_store_get (f->b->store, HD_ENTITY_BOOKING, hd_record_get_id (second), NULL);

    g_assert_nonnull (kept);
  }

  rejections = hd_test_client_rejections (f->b);
  g_assert_cmpuint (rejections->len, ==, 1);
  rejection = g_ptr_array_index (rejections, 0);
  g_assert_cmpstr (rejection->code, ==, "room_unavailable");
  g_assert_cmpstr (rejection->record_id, ==, hd_record_get_id (second));
  /* the clashing booking is named */
  g_assert_nonnull (strstr (rejection->reason_json, hd_record_get_id (first)));
  g_assert_cmpuint (hd_sync_engine_get_rejections (f->b->engine), ==, 1);

  /* Fixed: fewer seats. Every field goes out again, not only the seats. */
  fixed = hd_record_copy (second);
  hd_record_set_int (fixed, "seats", 2);
  hd_test_client_retry (f->b, HD_ENTITY_BOOKING, hd_record_get_id (second), fixed, &error);
  g_assert_no_error (error);

  hd_test_client_sync_ok (f->b);
  hd_test_client_sync_ok (f->a);

  g_assert_cmpint (hd_store_get_sync_state (f->b->store, HD_ENTITY_BOOKING,
                                            hd_record_get_id (second)), ==, HD_SYNC_SYNCED);
  g_clear_pointer (&rejections, g_ptr_array_unref);
  rejections = hd_test_client_rejections (f->b);
  g_assert_cmpuint (rejections->len, ==, 0);
  g_assert_cmpuint (hd_test_count (f->a->store, HD_ENTITY_BOOKING), ==, 2);
  {
    g_autoptr(HdRecord) on_a = hd_store_get (f->a->store, HD_ENTITY_BOOKING,
                                             hd_record_get_id (second), &error);

    g_assert_no_error (error);
    g_assert_cmpint (hd_record_get_int (on_a, "seats", 0), ==, 2);
    g_assert_cmpstr (hd_record_get_string (on_a, "title"), ==, "Workshop");
  }
  assert_converged (f);
}

/* A hub the account lost: its records go from the client. */
static void
test_hub_revoked (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *id = shared_person (f);
  HdSyncSummary summary;

  g_free (hd_test_server_admin (f->server, NULL, "revoke", "bob", f->server->hub_id, NULL));
  g_assert_true (hd_test_client_sync (f->b, &summary, NULL));

  g_assert_null (hd_store_get (f->b->store, HD_ENTITY_PERSON, id, NULL));
  g_assert_cmpuint (hd_test_count (f->b->store, HD_ENTITY_HUB), ==, 0);
  g_assert_cmpint (summary.purged, >=, 2);
  /* alice keeps hers */
  {
    g_autoptr(HdRecord) kept = hd_store_get (f->a->store, HD_ENTITY_PERSON, id, NULL);

    g_assert_nonnull (kept);
  }
}

/* Outbox entries numbered above what the server expects (e.g. entries
 * dropped locally, or a server restored from a backup): renumbered from
 * the server's expectation, sent exactly once. */
static void
test_sequence_gap (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdRecord) dropped = NULL;
  g_autoptr(HdRecord) kept = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *offset = NULL;

  dropped = hd_test_client_put (f->a, HD_ENTITY_PERSON, NULL, "{\"family_name\": \"Dropped\"}");
  entries = hd_store_outbox_peek (f->a->store, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  hd_store_outbox_remove_upto (f->a->store,
                               ((HdOutboxEntry *) g_ptr_array_index (entries, 0))->seq, &error);
  g_assert_no_error (error);

  kept = hd_test_client_put (f->a, HD_ENTITY_PERSON, NULL, "{\"family_name\": \"Kept\"}");
  hd_test_client_sync_ok (f->a);
  offset = hd_store_get_meta (f->a->store, "push_seq_offset");
  g_assert_cmpstr (offset, ==, "1");

  g_clear_pointer (&kept, hd_record_unref);
  kept = hd_test_client_put (f->a, HD_ENTITY_PERSON, NULL, "{\"family_name\": \"Later\"}");
  hd_test_client_sync_ok (f->a);
  hd_test_client_sync_ok (f->b);
  g_assert_cmpuint (hd_test_count (f->b->store, HD_ENTITY_PERSON), ==, 2);
  g_assert_null (hd_store_get (f->b->store, HD_ENTITY_PERSON, hd_record_get_id (dropped), NULL));
}

/* A cursor older than the tombstones the server keeps: a full resync
 * that keeps local edits and drops what the server no longer has. */
static void
test_reset_required (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(HdRecord) gone = hd_test_client_put (f->a, HD_ENTITY_PERSON, NULL, "{\"family_name\": \"Gone\"}");
  g_autoptr(HdRecord) stays = hd_test_client_put (f->a, HD_ENTITY_PERSON, NULL, "{\"family_name\": \"Stays\"}");
  g_autoptr(GError) error = NULL;
  HdSyncSummary summary;

  hd_test_client_sync_ok (f->a);
  hd_test_client_sync_ok (f->b);

  hd_store_delete (f->a->store, HD_ENTITY_PERSON, hd_record_get_id (gone), &error);
  g_assert_no_error (error);
  hd_test_client_sync_ok (f->a);
  hd_test_client_edit (f->b, HD_ENTITY_PERSON, hd_record_get_id (stays), "{\"job_title\": \"Offline edit\"}");

  g_usleep (2100 * 1000);
  g_free (hd_test_server_admin (f->server, NULL, "purge", "--older-than", "1s", NULL));

  g_assert_true (hd_test_client_sync (f->b, &summary, &error));
  g_assert_no_error (error);
  g_assert_true (summary.reset);
  g_assert_null (hd_store_get (f->b->store, HD_ENTITY_PERSON, hd_record_get_id (gone), NULL));
  g_assert_cmpstr (field (f->b, HD_ENTITY_PERSON, hd_record_get_id (stays), "job_title"),
                   ==, "Offline edit");
  hd_test_client_sync_ok (f->a);
  assert_converged (f);
}

static gboolean
has_value (HdTestClient *client,
           const char   *id,
           const char   *name,
           const char   *value)
{
  return g_strcmp0 (field (client, HD_ENTITY_PERSON, id, name), value) == 0;
}

/* Started, the engine syncs by itself: a colleague's edit arrives through
 * the long poll, a local edit goes out a few seconds after it was made. */
static void
test_automatic (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *id = shared_person (f);
  gint64 deadline;

  hd_sync_engine_set_wait_timeout (f->a->engine, 5);
  hd_sync_engine_start (f->a->engine);

  hd_test_client_edit (f->b, HD_ENTITY_PERSON, id, "{\"job_title\": \"From a colleague\"}");
  hd_test_client_sync_ok (f->b);

  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!has_value (f->a, id, "job_title", "From a colleague") &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (has_value (f->a, id, "job_title", "From a colleague"));

  hd_test_client_edit (f->a, HD_ENTITY_PERSON, id, "{\"phone\": \"+49 7071 0\"}");
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while ((hd_store_outbox_count (f->a->store, NULL) > 0 ||
          hd_sync_engine_get_state (f->a->engine) == HD_SYNC_ENGINE_SYNCING) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (hd_store_outbox_count (f->a->store, NULL), ==, 0);
  hd_test_client_sync_ok (f->b);
  g_assert_true (has_value (f->b, id, "phone", "+49 7071 0"));
  g_assert_cmpint (hd_sync_engine_get_last_sync (f->a->engine), >, 0);

  hd_sync_engine_stop (f->a->engine);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/sync/two/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("different-fields", test_different_fields);
  ADD ("same-field-mine", test_same_field_mine);
  ADD ("same-field-theirs", test_same_field_theirs);
  ADD ("edit-then-delete", test_edit_then_delete);
  ADD ("delete-then-edit-theirs", test_delete_then_edit_theirs);
  ADD ("delete-then-edit-mine", test_delete_then_edit_mine);
  ADD ("natural-key", test_natural_key);
  ADD ("rejected-booking", test_rejected_booking);
  ADD ("hub-revoked", test_hub_revoked);
  ADD ("sequence-gap", test_sequence_gap);
  ADD ("reset-required", test_reset_required);
  ADD ("automatic", test_automatic);

#undef ADD

  return g_test_run ();
}
