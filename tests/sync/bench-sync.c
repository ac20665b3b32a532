/* bench-sync.c — hubdesk-cli against a local hubdesk-server holding
 * 100,000 records of one hub: first sync into an empty profile, a pull of
 * 100 changes, a sync with nothing new, a push of 1,000 offline edits.
 * Prints figures next to the budgets of DESIGN §6; asserts nothing about
 * time.
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server's data is written straight into its database through its
 * storage interface (realistic records from the demo generator, all put
 * into one hub), before the server starts.
 */
#include "config.h"

#include <malloc.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hd-demo.h"
#include "hd-server-storage.h"
#include "hd-sync-test.h"

#define N_RECORDS 100000

typedef struct {
  GPtrArray  *records;
  const char *hub_id;
} Collect;

static gboolean
collect (GPtrArray  *records,
         gpointer    user_data,
         GError    **error)
{
  Collect *c = user_data;

  for (guint i = 0; i < records->len && c->records->len < N_RECORDS; i++)
    {
      HdRecord *record = g_ptr_array_index (records, i);

      if (hd_record_get_entity (record) == HD_ENTITY_HUB)
        continue;
      hd_record_set_hub_id (record, c->hub_id);
      g_ptr_array_add (c->records, hd_record_ref (record));
    }

  return TRUE;
}

static gsize
seed_server (HdTestServer *server)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *now_text = hd_timestamp_now ();
  Collect c = { records, server->hub_id };
  HdServerStorage *storage;
  HdServerConn *conn;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gsize bytes = 0;

  hd_demo_generate (40000, HD_DEMO_DEFAULT_SEED, NULL, collect, &c, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, N_RECORDS);

  storage = hd_server_storage_open (server->db, NULL, FALSE, &error);
  g_assert_no_error (error);
  conn = hd_server_conn_new (storage, &error);
  g_assert_no_error (error);
  hd_server_conn_begin_write (conn, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < records->len; i++)
    {
      HdRecord *record = g_ptr_array_index (records, i);
      HdServerStored stored = { 0 };
      gint64 version;

      hd_server_conn_next_version (conn, &version, &error);
      g_assert_no_error (error);
      hd_record_set_version (record, version);
      hd_record_set_meta (record, now_text, now_text, "alice");
      stored.record = record;
      for (guint f = 0; f < HD_MAX_FIELDS; f++)
        stored.field_versions[f] = version;
      hd_server_conn_store (conn, &stored, NULL, 0, now, &error);
      g_assert_no_error (error);

      if (i % 97 == 0)
        {
          g_autofree char *doc = hd_record_to_json_string (record);

          bytes += strlen (doc) * 97;
        }
    }

  hd_server_conn_commit (conn, &error);
  g_assert_no_error (error);
  hd_server_conn_free (conn);
  hd_server_storage_free (storage);

  return bytes / records->len;
}

typedef struct {
  double  wall;     /* s, the whole process */
  double  sync;     /* s, as the tool measured the sync itself */
  glong   max_rss;  /* KiB, the largest child so far */
  char   *out;
} Run;

static void
run_sync (const char *profile,
          const char *token,
          Run        *run)
{
  g_autofree char *cli = hd_test_cli_path ();
  const char *argv[] = { cli, "--profile", profile, "--token-file", token,
                         "--page-size", "5000", "--stats", "sync", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gint64 start = g_get_monotonic_time ();
  struct rusage usage;
  const char *seconds;
  GPid pid;
  int fd;
  int status;
  char buffer[4096];
  gssize n;

  /* Spawned and reaped here, so that its own peak RSS can be read. */
  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, NULL, &fd, NULL, &error);
  g_assert_no_error (error);
  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (out, buffer, n);
  close (fd);
  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  g_spawn_close_pid (pid);

  run->wall = (g_get_monotonic_time () - start) / 1e6;
  g_clear_pointer (&run->out, g_free);
  run->out = g_strdup (out->str);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("hubdesk-cli sync failed: %s", run->out);
  /* The tool's own peak (ru_maxrss would count this process's pages,
   * which a fork shares until the exec). */
  {
    const char *hwm = strstr (run->out, "peak-rss-kib: ");

    run->max_rss = hwm != NULL ? (glong) g_ascii_strtoll (hwm + strlen ("peak-rss-kib: "), NULL, 10)
                               : usage.ru_maxrss;
  }

  /* "… (0.123 s)" */
  seconds = strstr (run->out, "rejections. (");
  if (seconds != NULL)
    seconds = strchr (seconds, '(');
  run->sync = seconds != NULL ? g_ascii_strtod (seconds + 1, NULL) : run->wall;
}

static void
edit_many (const char *profile,
           guint       count,
           guint       offset)
{
  g_autofree char *path = g_build_filename (profile, "hubdesk.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = hd_store_open (path, &error);
  g_autoptr(GPtrArray) people = NULL;
  HdQuery query = { 0 };

  g_assert_no_error (error);
  query.entity = HD_ENTITY_PERSON;
  query.offset = offset;
  query.limit = count;
  people = hd_store_query (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, count);

  for (guint i = 0; i < people->len; i++)
    {
      HdRecord *person = g_ptr_array_index (people, i);
      g_autofree char *title = g_strdup_printf ("Benchmark %u-%u", offset, i);

      hd_record_set_string (person, "job_title", title);
      hd_store_save (store, person, &error);
      g_assert_no_error (error);
    }
}

static void
bench_sync (void)
{
  g_autoptr(HdTestServer) server = NULL;
  g_autofree char *a = NULL;
  g_autofree char *a_token = NULL;
  g_autofree char *b = NULL;
  g_autofree char *b_token = NULL;
  Run run = { 0 };
  gsize record_size;
  gint64 start;
  int status;

  server = hd_test_server_new (NULL);
  hd_test_server_stop (server);
  start = g_get_monotonic_time ();
  record_size = seed_server (server);
  g_print ("# server seeded with %d records (about %" G_GSIZE_FORMAT " bytes of JSON each) in %.1f s\n",
           N_RECORDS, record_size, (g_get_monotonic_time () - start) / 1e6);
  /* The children are forked from this process: give the seeding's
   * memory back first, or their peak RSS would count it. */
  malloc_trim (0);
  hd_test_server_start (server);

  a = g_build_filename (server->dir, "a", NULL);
  a_token = g_build_filename (server->dir, "a-token", NULL);
  b = g_build_filename (server->dir, "b", NULL);
  b_token = g_build_filename (server->dir, "b-token", NULL);
  status = hd_test_cli (a, a_token, HD_TEST_PASSWORD "\n", NULL, NULL,
                        "login", server->url, "alice", NULL);
  g_assert_cmpint (status, ==, 0);
  status = hd_test_cli (b, b_token, HD_TEST_PASSWORD "\n", NULL, NULL,
                        "login", server->url, "bob", NULL);
  g_assert_cmpint (status, ==, 0);

  run_sync (a, a_token, &run);
  g_print ("first sync of %d records: %.2f s in the sync (%.2f s with start-up), %.0f records/s, "
           "peak RSS %.1f MB   [budget: 2.5 s, 120 MB]\n",
           N_RECORDS, run.sync, run.wall, N_RECORDS / run.sync, run.max_rss / 1024.0);

  /* B has everything too, then changes 100 records. */
  run_sync (b, b_token, &run);
  edit_many (b, 100, 0);
  run_sync (b, b_token, &run);

  run_sync (a, a_token, &run);
  g_print ("pull of 100 changes: %.1f ms in the sync (%.1f ms with start-up), peak RSS %.1f MB   [budget: 50 ms]\n",
           run.sync * 1000, run.wall * 1000, run.max_rss / 1024.0);

  run_sync (a, a_token, &run);
  g_print ("sync with nothing new: %.1f ms in the sync (%.1f ms with start-up)   [budget: 10 ms]\n",
           run.sync * 1000, run.wall * 1000);

  edit_many (a, 1000, 200);
  run_sync (a, a_token, &run);
  g_assert_nonnull (strstr (run.out, "Sent 1000 changes: 1000 applied"));
  g_print ("push of 1,000 offline edits: %.1f ms in the sync (%.1f ms with start-up)   [budget: 1000 ms]\n",
           run.sync * 1000, run.wall * 1000);

  /* For a closer look at the profile afterwards. */
  if (g_getenv ("HUBDESK_BENCH_KEEP") != NULL)
    {
      g_autofree char *command = g_strdup_printf ("cp -r '%s' '%s'", a, g_getenv ("HUBDESK_BENCH_KEEP"));

      g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
    }

  g_free (run.out);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/bench", bench_sync);

  return g_test_run ();
}
