/* test-sync-crash.c — a client killed while it syncs: the lost
 * acknowledgement, and kill -9 at random points of push and pull
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The client is hubdesk-cli in its own process; a second client in this
 * process plays the colleague and the witness of the server's data.
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "hd-sync-test.h"

#define KILLS       20
#define MAX_ROUNDS  60

typedef struct {
  HdTestServer *server;
  char         *profile;
  char         *token;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *out = NULL;
  int status;

  f->server = hd_test_server_new (NULL);
  f->profile = g_build_filename (f->server->dir, "cli-profile", NULL);
  f->token = g_build_filename (f->server->dir, "cli-token", NULL);

  status = hd_test_cli (f->profile, f->token, HD_TEST_PASSWORD "\n", &out, NULL,
                        "login", f->server->url, "alice", NULL);
  g_assert_cmpint (status, ==, 0);
  status = hd_test_cli (f->profile, f->token, NULL, NULL, NULL, "sync", NULL);
  g_assert_cmpint (status, ==, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  hd_test_server_free (f->server);
  g_free (f->profile);
  g_free (f->token);
}

static HdStore *
open_profile (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->profile, "hubdesk.db", NULL);
  HdStore *store = hd_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static gint64
server_version (HdTestClient *witness,
                const char   *id)
{
  g_autoptr(HdRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  hd_test_client_sync_ok (witness);
  record = hd_store_get (witness->store, HD_ENTITY_PERSON, id, &error);
  g_assert_no_error (error);

  return hd_record_get_version (record);
}

/* The server commits, the client dies before it records the answer; the
 * resend is answered from the server's record and has no second effect. */
static void
test_lost_ack (Fixture       *f,
               gconstpointer  data)
{
  const char * const crash[] = { "HUBDESK_SYNC_CRASH_AFTER_PUSH", "1", NULL };
  g_autoptr(HdTestClient) witness = hd_test_client_new (f->server, "bob", NULL);
  g_autoptr(HdStore) store = NULL;
  g_autofree char *id = NULL;
  g_autofree char *out = NULL;
  gint64 version;
  int status;

  status = hd_test_cli (f->profile, f->token, NULL, &out, NULL, "put", "person",
                        "{\"given_name\": \"Grace\", \"family_name\": \"Hopper\"}", NULL);
  g_assert_cmpint (status, ==, 0);
  id = g_strdup (g_strstrip (out));

  for (guint round = 0; round < 2; round++)
    {
      if (round == 1)
        {
          g_autofree char *json = g_strdup_printf ("{\"id\": \"%s\", \"job_title\": \"Rear Admiral\"}", id);

          status = hd_test_cli (f->profile, f->token, NULL, NULL, NULL, "put", "person", json, NULL);
          g_assert_cmpint (status, ==, 0);
        }

      /* Killed right after the answer arrives. */
      status = hd_test_cli (f->profile, f->token, NULL, NULL, crash, "sync", NULL);
      g_assert_cmpint (status, ==, 3);

      /* The server has it … */
      version = server_version (witness, id);
      g_assert_cmpuint (hd_test_count (witness->store, HD_ENTITY_PERSON), ==, 1);

      /* … the client does not know yet … */
      store = open_profile (f);
      g_assert_cmpint (hd_store_outbox_count (store, NULL), ==, 1);
      g_clear_object (&store);

      /* … and the resend changes nothing on the server. */
      status = hd_test_cli (f->profile, f->token, NULL, NULL, NULL, "sync", NULL);
      g_assert_cmpint (status, ==, 0);
      g_assert_cmpint (server_version (witness, id), ==, version);
      g_assert_cmpuint (hd_test_count (witness->store, HD_ENTITY_PERSON), ==, 1);

      store = open_profile (f);
      g_assert_cmpint (hd_store_outbox_count (store, NULL), ==, 0);
      g_assert_cmpint (hd_store_get_sync_state (store, HD_ENTITY_PERSON, id), ==, HD_SYNC_SYNCED);
      {
        g_autoptr(HdRecord) local = hd_store_get (store, HD_ENTITY_PERSON, id, NULL);

        g_assert_cmpint (hd_record_get_version (local), ==, version);
      }
      g_clear_object (&store);
    }

  {
    g_autoptr(HdRecord) seen = hd_store_get (witness->store, HD_ENTITY_PERSON, id, NULL);

    g_assert_cmpstr (hd_record_get_string (seen, "job_title"), ==, "Rear Admiral");
  }

  /* No conflict came out of the repeated answers. */
  status = hd_test_cli (f->profile, f->token, NULL, &out, NULL, "status", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "conflicts: 0"));
}

/* kill -9 at random moments of many syncs, each with local edits to push
 * and a colleague's records to pull in small pages. */
static void
test_kill_random (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(HdTestClient) colleague = hd_test_client_new (f->server, "bob", NULL);
  g_autoptr(GHashTable) latest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) mine = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = NULL;
  g_autofree char *cli = hd_test_cli_path ();
  guint32 seed = g_test_rand_int ();
  guint killed = 0;
  guint max_delay = 200;
  guint rounds = 0;
  guint colleague_records = 0;
  int status;

  g_test_message ("seed %u", seed);
  rand = g_rand_new_with_seed (seed);
  hd_test_client_sync_ok (colleague);

  for (guint round = 0; killed < KILLS && round < MAX_ROUNDS; round++, rounds++)
    {
      g_autoptr(HdStore) store = open_profile (f);
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      guint delay;

      /* Local edits: new people and changes to earlier ones. */
      for (guint i = 0; i < 30; i++)
        {
          g_autofree char *value = g_strdup_printf ("round %u edit %u", round, i);

          if (mine->len > 0 && g_rand_boolean (rand))
            {
              const char *id = g_ptr_array_index (mine, g_rand_int_range (rand, 0, (gint32) mine->len));
              g_autoptr(HdRecord) record = hd_store_get (store, HD_ENTITY_PERSON, id, &error);

              g_assert_no_error (error);
              hd_record_set_string (record, "job_title", value);
              hd_store_save (store, record, &error);
              g_assert_no_error (error);
              g_hash_table_replace (latest, g_strdup (id), g_strdup (value));
            }
          else
            {
              g_autoptr(HdRecord) record = hd_record_new (HD_ENTITY_PERSON, f->server->hub_id);

              hd_record_set_string (record, "family_name", "Mine");
              hd_record_set_string (record, "job_title", value);
              hd_store_save (store, record, &error);
              g_assert_no_error (error);
              g_ptr_array_add (mine, g_strdup (hd_record_get_id (record)));
              g_hash_table_replace (latest, g_strdup (hd_record_get_id (record)), g_strdup (value));
            }
        }
      g_clear_object (&store);

      /* Records of a colleague to pull. */
      for (guint i = 0; i < 200; i++)
        {
          g_autofree char *json = g_strdup_printf ("{\"family_name\": \"Colleague %u-%u\"}", round, i);

          hd_test_client_edit (colleague, HD_ENTITY_PERSON, NULL, json);
          colleague_records++;
        }
      hd_test_client_sync_ok (colleague);

      {
        const char *argv[] = { cli, "--profile", f->profile, "--token-file", f->token,
                               "--page-size", "20", "sync", NULL };

        process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                           G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
        g_assert_no_error (error);
      }
      /* A random moment within what a sync takes on this machine: the
       * range shrinks while syncs finish before it, grows after kills. */
      delay = (guint) g_rand_int_range (rand, 0, (gint32) max_delay + 1);
      g_usleep (delay * 1000);
      g_subprocess_force_exit (process);
      g_subprocess_wait (process, NULL, &error);
      g_assert_no_error (error);
      if (g_subprocess_get_if_signaled (process))
        {
          killed++;
          max_delay = MIN (max_delay * 6 / 5 + 1, 1000);
        }
      else
        max_delay = MAX (max_delay * 2 / 3, 5);

      /* No local edit is lost, killed or not. */
      store = open_profile (f);
      {
        GHashTableIter iter;
        gpointer key, value;

        g_hash_table_iter_init (&iter, latest);
        while (g_hash_table_iter_next (&iter, &key, &value))
          {
            g_autoptr(HdRecord) record = hd_store_get (store, HD_ENTITY_PERSON, key, &error);

            g_assert_no_error (error);
            g_assert_cmpstr (hd_record_get_string (record, "job_title"), ==, value);
          }
      }
    }

  g_test_message ("%u of %u syncs killed", killed, rounds);
  g_assert_cmpuint (killed, >=, KILLS);

  /* The next sync converges: everything everywhere, exactly once, and
   * the device's own successive edits never conflict with each other. */
  status = hd_test_cli (f->profile, f->token, NULL, NULL, NULL, "sync", NULL);
  g_assert_cmpint (status, ==, 0);
  {
    g_autofree char *out = NULL;

    status = hd_test_cli (f->profile, f->token, NULL, &out, NULL, "status", NULL);
    g_assert_cmpint (status, ==, 0);
    g_assert_nonnull (strstr (out, "conflicts: 0\n"));
    g_assert_nonnull (strstr (out, "rejections: 0\n"));
    g_assert_nonnull (strstr (out, "pending: 0\n"));
  }
  hd_test_client_sync_ok (colleague);
  {
    g_autoptr(HdStore) store = open_profile (f);
    g_autofree char *here = hd_test_checksum (store, HD_ENTITY_PERSON);
    g_autofree char *there = hd_test_checksum (colleague->store, HD_ENTITY_PERSON);
    GHashTableIter iter;
    gpointer key, value;

    g_assert_cmpint (hd_store_outbox_count (store, NULL), ==, 0);
    g_assert_cmpuint (hd_test_count (colleague->store, HD_ENTITY_PERSON), ==,
                      colleague_records + mine->len);
    g_assert_cmpuint (hd_test_count (store, HD_ENTITY_PERSON), ==,
                      colleague_records + mine->len);
    hd_test_assert_same (store, colleague->store, HD_ENTITY_PERSON);
    g_assert_cmpstr (here, ==, there);

    g_hash_table_iter_init (&iter, latest);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        g_autoptr(HdRecord) record = hd_store_get (colleague->store, HD_ENTITY_PERSON, key, NULL);

        g_assert_nonnull (record);
        g_assert_cmpstr (hd_record_get_string (record, "job_title"), ==, value);
      }
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync/crash/lost-ack", Fixture, NULL, fixture_set_up, test_lost_ack,
              fixture_tear_down);
  g_test_add ("/sync/crash/kill-random", Fixture, NULL, fixture_set_up, test_kill_random,
              fixture_tear_down);

  return g_test_run ();
}
