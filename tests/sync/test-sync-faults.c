/* test-sync-faults.c — a bad network between client and server: added
 * latency, connections reset in the middle of a request or an answer, a
 * 1 KiB/s trickle and a black hole. Once the faults stop, client and
 * server converge and nothing is doubled.
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "hd-sync-test.h"
#include "hd-test-proxy.h"

typedef struct {
  HdTestServer *server;
  HdTestProxy  *proxy;
  HdTestClient *client;     /* behind the proxy */
  HdTestClient *colleague;  /* straight to the server */
  guint         created;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = hd_test_server_new (NULL);
  f->proxy = hd_test_proxy_new (f->server->url);
  f->client = hd_test_client_new (f->server, "alice", hd_test_proxy_get_url (f->proxy));
  f->colleague = hd_test_client_new (f->server, "bob", NULL);
  hd_sync_engine_set_io_timeout (f->client->engine, 2);
  hd_sync_engine_set_page_size (f->client->engine, 100);
  hd_test_client_sync_ok (f->client);
  hd_test_client_sync_ok (f->colleague);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  hd_test_client_free (f->client);
  hd_test_client_free (f->colleague);
  hd_test_proxy_free (f->proxy);
  hd_test_server_free (f->server);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

typedef struct {
  gboolean      done;
  gboolean      ok;
  GError       *error;
} Outcome;

static void
sync_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->ok = hd_sync_engine_sync_finish (HD_SYNC_ENGINE (source), result, NULL,
                                            &outcome->error);
  outcome->done = TRUE;
}

/* One sync through the fault, stopped after @seconds at most. */
static gboolean
sync_through_fault (Fixture  *f,
                    guint     seconds,
                    GError  **error)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Outcome outcome = { FALSE, FALSE, NULL };
  guint source;

  source = g_timeout_add_seconds (seconds, cancel_cb, cancellable);
  hd_sync_engine_sync_async (f->client->engine, cancellable, sync_done, &outcome);
  while (!outcome.done)
    g_main_context_iteration (NULL, TRUE);
  if (!g_cancellable_is_cancelled (cancellable))
    g_source_remove (source);

  if (!outcome.ok)
    g_propagate_error (error, outcome.error);
  return outcome.ok;
}

static void
make_work (Fixture *f,
           guint    local_edits,
           guint    remote_records)
{
  for (guint i = 0; i < remote_records; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"family_name\": \"Colleague %u\", \"notes\": \"%s\"}",
                                               f->created + i,
                                               "A note long enough to make the pages of the pull a few kilobytes each.");

      hd_test_client_edit (f->colleague, HD_ENTITY_PERSON, NULL, json);
    }
  f->created += remote_records;
  hd_test_client_sync_ok (f->colleague);

  for (guint i = 0; i < local_edits; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"family_name\": \"Mine %u\"}", f->created + i);

      hd_test_client_edit (f->client, HD_ENTITY_PERSON, NULL, json);
    }
  f->created += local_edits;
}

/* Faults off: the next sync goes through, and both sides hold the same
 * records, each once. */
static void
assert_recovers (Fixture *f)
{
  hd_test_proxy_set_fault (f->proxy, HD_PROXY_PASS, 0);
  hd_test_client_sync_ok (f->client);
  hd_test_client_sync_ok (f->colleague);

  g_assert_cmpint (hd_store_outbox_count (f->client->store, NULL), ==, 0);
  g_assert_cmpuint (hd_test_count (f->colleague->store, HD_ENTITY_PERSON), ==, f->created);
  hd_test_assert_same (f->client->store, f->colleague->store, HD_ENTITY_PERSON);
  g_assert_cmpuint (hd_sync_engine_get_conflicts (f->client->engine), ==, 0);
}

static void
test_latency (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  make_work (f, 20, 150);
  hd_test_proxy_set_fault (f->proxy, HD_PROXY_LATENCY, 150);
  g_assert_true (sync_through_fault (f, 30, &error));
  g_assert_no_error (error);
  assert_recovers (f);
}

/* The server committed the push, the answer is cut: the resend is
 * answered from the server's record, nothing doubles. */
static void
test_reset_push_answer (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  make_work (f, 30, 50);
  hd_test_proxy_set_fault (f->proxy, HD_PROXY_RESET_RESPONSE, 200);
  g_assert_false (sync_through_fault (f, 30, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (hd_test_proxy_get_cut (f->proxy), >=, 1);
  /* the server has them already */
  hd_test_client_sync_ok (f->colleague);
  g_assert_cmpuint (hd_test_count (f->colleague->store, HD_ENTITY_PERSON), ==, f->created);
  assert_recovers (f);
}

/* A pull page cut in the middle: the pages before it stay, with their
 * cursor; the rest comes next time. */
static void
test_reset_pull_page (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  make_work (f, 2, 400);
  hd_test_proxy_set_fault (f->proxy, HD_PROXY_RESET_RESPONSE, 60000);
  g_assert_false (sync_through_fault (f, 30, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (hd_test_proxy_get_cut (f->proxy), >=, 1);
  assert_recovers (f);
}

/* The request is cut: the server never commits it. */
static void
test_reset_push_request (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  make_work (f, 30, 20);
  hd_test_proxy_set_fault (f->proxy, HD_PROXY_RESET_REQUEST, 700);
  g_assert_false (sync_through_fault (f, 30, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (hd_test_proxy_get_cut (f->proxy), >=, 1);
  assert_recovers (f);
}

static void
test_trickle (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  make_work (f, 10, 300);
  hd_test_proxy_set_fault (f->proxy, HD_PROXY_TRICKLE, 1024);
  /* Far too slow to finish; cut short by the person (cancel). */
  g_assert_false (sync_through_fault (f, 3, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_recovers (f);
}

static void
test_black_hole (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  make_work (f, 10, 30);
  hd_test_proxy_set_fault (f->proxy, HD_PROXY_BLACK_HOLE, 0);
  /* The I/O timeout (2 s) gives up, long before the test would. */
  g_assert_false (sync_through_fault (f, 30, &error));
  g_assert_error (error, HD_SYNC_ERROR, HD_SYNC_ERROR_NETWORK);
  g_assert_cmpint (hd_sync_engine_get_state (f->client->engine), ==, HD_SYNC_ENGINE_OFFLINE);
  g_assert_cmpint (hd_sync_engine_get_pending (f->client->engine), ==, 10);
  assert_recovers (f);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/sync/faults/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("latency", test_latency);
  ADD ("reset-push-answer", test_reset_push_answer);
  ADD ("reset-pull-page", test_reset_pull_page);
  ADD ("reset-push-request", test_reset_push_request);
  ADD ("trickle", test_trickle);
  ADD ("black-hole", test_black_hole);

#undef ADD

  return g_test_run ();
}
