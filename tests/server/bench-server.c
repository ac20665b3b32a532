/* bench-server.c — figures of the sync server on loopback: 50 clients
 * pushing batches of 100 changes at once, and pulling a hub of 100,000
 * records
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-server PATH-TO-hubdesk-server [CLIENTS BATCHES]
 * Prints figures and the budgets of DESIGN §6 next to them; it does not
 * fail on a missed budget.
 */
#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BATCH 100

typedef struct {
  int      fd;
  GString *in;
} Conn;

static gboolean
conn_open (Conn  *conn,
           guint  port)
{
  struct sockaddr_in address = { 0, };
  int one = 1;

  address.sin_family = AF_INET;
  address.sin_port = htons ((guint16) port);
  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);

  conn->fd = socket (AF_INET, SOCK_STREAM, 0);
  if (conn->fd < 0 || connect (conn->fd, (struct sockaddr *) &address, sizeof address) != 0)
    return FALSE;
  setsockopt (conn->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  conn->in = g_string_new (NULL);

  return TRUE;
}

static void
conn_close (Conn *conn)
{
  if (conn->fd >= 0)
    close (conn->fd);
  if (conn->in != NULL)
    g_string_free (conn->in, TRUE);
}

static gboolean
send_all (int         fd,
          const char *data,
          gsize       length)
{
  while (length > 0)
    {
      gssize n = send (fd, data, length, MSG_NOSIGNAL);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= (gsize) n;
    }

  return TRUE;
}

static gboolean
fill (Conn *conn)
{
  char buffer[65536];
  gssize n = recv (conn->fd, buffer, sizeof buffer, 0);

  if (n <= 0)
    return FALSE;
  g_string_append_len (conn->in, buffer, n);
  return TRUE;
}

/* One request and its answer on a keep-alive connection. */
static guint
request (Conn        *conn,
         const char  *method,
         const char  *path,
         const char  *token,
         const char  *body,
         GString     *answer)
{
  g_autoptr(GString) head = g_string_new (NULL);
  const char *end, *length_at;
  gsize head_length, body_length;
  guint status;

  g_string_append_printf (head, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n",
                          method, path, token);
  if (body != NULL)
    g_string_append_printf (head, "Content-Type: application/json\r\nContent-Length: %zu\r\n",
                            strlen (body));
  g_string_append (head, "\r\n");

  if (!send_all (conn->fd, head->str, head->len) ||
      (body != NULL && !send_all (conn->fd, body, strlen (body))))
    return 0;

  while ((end = strstr (conn->in->str, "\r\n\r\n")) == NULL)
    if (!fill (conn))
      return 0;

  head_length = (gsize) (end + 4 - conn->in->str);
  status = (guint) g_ascii_strtoull (conn->in->str + 9, NULL, 10);
  length_at = g_strstr_len (conn->in->str, (gssize) head_length, "Content-Length: ");
  body_length = length_at != NULL ? g_ascii_strtoull (length_at + 16, NULL, 10) : 0;

  while (conn->in->len < head_length + body_length)
    if (!fill (conn))
      return 0;

  g_string_truncate (answer, 0);
  g_string_append_len (answer, conn->in->str + head_length, (gssize) body_length);
  g_string_erase (conn->in, 0, (gssize) (head_length + body_length));

  return status;
}

/* The server process {{{1 */

typedef struct {
  const char  *program;
  char        *dir;
  char        *db;
  GSubprocess *process;
  guint        port;
  char        *token;
  char        *hub;
} Bench;

static char *
admin (Bench       *bench,
       const char  *input,
       ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) bench->program);
  va_start (args, input);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, bench->db);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));

  return g_strstrip (g_steal_pointer (&out));
}

static void
bench_start (Bench *bench)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  const char *colon;

  bench->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                                     &error, bench->program, "serve", "--db", bench->db,
                                     "--listen", "127.0.0.1:0", "--quiet", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (bench->process));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  colon = strrchr (line, ':');
  g_assert_nonnull (colon);
  bench->port = (guint) g_ascii_strtoull (colon + 1, NULL, 10);
}

/* Pushing {{{1 */

typedef struct {
  Bench   *bench;
  guint    number;
  guint    batches;
  GArray  *latencies;   /* gint64 µs */
  guint    failures;
  gint64  *start;       /* shared start time */
  GMutex  *lock;
  GCond   *cond;
  gboolean *go;
} Pusher;

static char *
make_batch (Pusher *p,
            guint   batch,
            const char *client_id)
{
  GString *body = g_string_new (NULL);

  g_string_append_printf (body, "{\"client_id\":\"%s\",\"mutations\":[", client_id);
  for (guint i = 0; i < BATCH; i++)
    {
      guint seq = batch * BATCH + i + 1;
      g_autofree char *id = g_uuid_string_random ();

      g_string_append_printf (body,
                              "%s{\"seq\":%u,\"entity\":\"person\",\"id\":\"%s\",\"hub_id\":\"%s\","
                              "\"op\":\"upsert\",\"base_version\":0,\"fields\":{"
                              "\"given_name\":\"Client %u\",\"family_name\":\"Person %u\","
                              "\"job_title\":\"Digitalisierungsbeauftragte\","
                              "\"email\":\"c%u.p%u@example.org\",\"phone\":\"+49 711 123456\","
                              "\"tags\":[\"workshop\",\"ki\"],\"consent\":\"given\","
                              "\"consent_purposes\":[\"contact\",\"newsletter\"],"
                              "\"notes\":\"Met at the regional meetup; interested in funding.\"}}",
                              i > 0 ? "," : "", seq, id, p->bench->hub,
                              p->number, seq, p->number, seq);
    }
  g_string_append (body, "]}");

  return g_string_free (body, FALSE);
}

static gpointer
pusher_main (gpointer data)
{
  Pusher *p = data;
  g_autofree char *client_id = g_uuid_string_random ();
  g_autoptr(GString) answer = g_string_new (NULL);
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);
  Conn conn = { -1, NULL };

  /* Documents are made before the clock starts. */
  for (guint b = 0; b < p->batches; b++)
    g_ptr_array_add (bodies, make_batch (p, b, client_id));

  if (!conn_open (&conn, p->bench->port))
    {
      p->failures++;
      return NULL;
    }

  g_mutex_lock (p->lock);
  while (!*p->go)
    g_cond_wait (p->cond, p->lock);
  g_mutex_unlock (p->lock);

  for (guint b = 0; b < p->batches; b++)
    {
      gint64 began = g_get_monotonic_time ();
      guint status = request (&conn, "POST", "/api/v1/push", p->bench->token,
                              g_ptr_array_index (bodies, b), answer);
      gint64 took = g_get_monotonic_time () - began;

      if (status != 200 || strstr (answer->str, "\"rejected\"") != NULL)
        p->failures++;
      g_array_append_val (p->latencies, took);
    }

  conn_close (&conn);
  return NULL;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gint64
percentile (GArray *sorted,
            double  p)
{
  guint index = (guint) (p * (sorted->len - 1) + 0.5);

  return g_array_index (sorted, gint64, MIN (index, sorted->len - 1));
}

/* CPU time (user + system, in clock ticks) of the server's writer thread:
 * a figure the load of other programs on the machine does not change. */
static gint64
stat_ticks (const char *path)
{
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after;

  if (!g_file_get_contents (path, &stat, NULL, NULL) || (after = strrchr (stat, ')')) == NULL)
    return -1;
  fields = g_strsplit (after + 2, " ", 0);
  /* fields[11] and [12] are utime and stime (stat fields 14 and 15) */
  if (g_strv_length (fields) <= 12)
    return -1;
  return g_ascii_strtoll (fields[11], NULL, 10) + g_ascii_strtoll (fields[12], NULL, 10);
}

static gint64
process_cpu_ticks (Bench *bench)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/stat", g_subprocess_get_identifier (bench->process));

  return stat_ticks (path);
}

static gint64
writer_cpu_ticks (Bench *bench)
{
  const char *pid = g_subprocess_get_identifier (bench->process);
  g_autofree char *tasks = g_strdup_printf ("/proc/%s/task", pid);
  g_autoptr(GDir) dir = g_dir_open (tasks, 0, NULL);
  const char *tid;

  while (dir != NULL && (tid = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tasks, tid, "stat", NULL);
      g_autofree char *stat = NULL;

      if (g_file_get_contents (path, &stat, NULL, NULL) && strstr (stat, "(hd-writer)") != NULL)
        return stat_ticks (path);
    }

  return -1;
}

static void
bench_push (Bench *bench,
            guint  clients,
            guint  batches)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (gint64));
  Pusher *pushers = g_new0 (Pusher, clients);
  GThread **threads = g_new0 (GThread *, clients);
  GMutex lock;
  GCond cond;
  gboolean go = FALSE;
  gint64 began, took, ticks, all_ticks;
  guint failures = 0;
  double seconds;

  g_mutex_init (&lock);
  g_cond_init (&cond);

  for (guint i = 0; i < clients; i++)
    {
      pushers[i].bench = bench;
      pushers[i].number = i;
      pushers[i].batches = batches;
      pushers[i].latencies = g_array_new (FALSE, FALSE, sizeof (gint64));
      pushers[i].lock = &lock;
      pushers[i].cond = &cond;
      pushers[i].go = &go;
      threads[i] = g_thread_new ("pusher", pusher_main, &pushers[i]);
    }

  g_usleep (G_USEC_PER_SEC / 2);   /* everyone connected and ready */
  ticks = writer_cpu_ticks (bench);
  all_ticks = process_cpu_ticks (bench);
  g_mutex_lock (&lock);
  go = TRUE;
  began = g_get_monotonic_time ();
  g_cond_broadcast (&cond);
  g_mutex_unlock (&lock);

  for (guint i = 0; i < clients; i++)
    g_thread_join (threads[i]);
  took = g_get_monotonic_time () - began;

  for (guint i = 0; i < clients; i++)
    {
      g_array_append_vals (all, pushers[i].latencies->data, pushers[i].latencies->len);
      failures += pushers[i].failures;
      g_array_unref (pushers[i].latencies);
    }
  g_array_sort (all, compare_gint64);
  seconds = took / 1e6;

  g_print ("push: %u clients x %u batches x %u mutations = %u mutations in %.2f s\n",
           clients, batches, BATCH, clients * batches * BATCH, seconds);
  g_print ("push: %.0f mutations/s (budget >= 5000)\n", clients * batches * BATCH / seconds);
  g_print ("push: latency p50 %.1f ms, p99 %.1f ms, max %.1f ms (budget p99 <= 250 ms)\n",
           percentile (all, 0.50) / 1000.0, percentile (all, 0.99) / 1000.0,
           g_array_index (all, gint64, all->len - 1) / 1000.0);
  if (ticks >= 0)
    {
      double cpu = (writer_cpu_ticks (bench) - ticks) / (double) sysconf (_SC_CLK_TCK);
      double per = cpu * 1e6 / (clients * batches * BATCH);

      double whole = (process_cpu_ticks (bench) - all_ticks) / (double) sysconf (_SC_CLK_TCK);

      g_print ("push: the writer thread used %.2f s of CPU, %.0f us a mutation "
               "(at most %.0f mutations/s on one free core); the whole server %.2f s, %.0f us a mutation\n",
               cpu, per, 1e6 / per, whole, whole * 1e6 / (clients * batches * BATCH));
    }
  if (failures > 0)
    g_print ("push: %u pushes FAILED\n", failures);

  g_free (threads);
  g_free (pushers);
  g_mutex_clear (&lock);
  g_cond_clear (&cond);
}

/* Pulling {{{1 */

static guint
count_changes (const char *body)
{
  guint n = 0;

  for (const char *p = strstr (body, "{\"entity\":\""); p != NULL; p = strstr (p + 1, "{\"entity\":\""))
    n++;
  return n;
}

static char *
cursor_of (const char *body)
{
  const char *at = strstr (body, "\"cursor\":\"");
  const char *end;

  if (at == NULL)
    return NULL;
  at += 10;
  end = strchr (at, '"');
  return g_strndup (at, (gsize) (end - at));
}

static void
bench_pull (Bench *bench)
{
  g_autoptr(GString) answer = g_string_new (NULL);
  g_autofree char *cursor = NULL;
  Conn conn = { -1, NULL };
  guint records = 0, pages = 0;
  gsize bytes = 0;
  gint64 began, took;
  GArray *small;

  g_assert_true (conn_open (&conn, bench->port));

  began = g_get_monotonic_time ();
  for (;;)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/pull?limit=5000%s%s",
                                               cursor ? "&cursor=" : "", cursor ? cursor : "");
      guint status = request (&conn, "GET", path, bench->token, NULL, answer);

      g_assert_cmpuint (status, ==, 200);
      records += count_changes (answer->str);
      bytes += answer->len;
      pages++;
      g_free (cursor);
      cursor = cursor_of (answer->str);
      if (strstr (answer->str, "\"has_more\":true") == NULL)
        break;
    }
  took = g_get_monotonic_time () - began;

  g_print ("pull: %u records in %u pages, %.1f MB, in %.2f s: %.0f records/s (server and loopback only)\n",
           records, pages, bytes / 1e6, took / 1e6, records / (took / 1e6));

  /* a sync with nothing new */
  small = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/pull?cursor=%s", cursor);
      gint64 t = g_get_monotonic_time ();

      g_assert_cmpuint (request (&conn, "GET", path, bench->token, NULL, answer), ==, 200);
      t = g_get_monotonic_time () - t;
      g_array_append_val (small, t);
    }
  g_array_sort (small, compare_gint64);
  g_print ("pull: nothing new p50 %.2f ms, p99 %.2f ms (budget <= 10 ms)\n",
           percentile (small, 0.5) / 1000.0, percentile (small, 0.99) / 1000.0);
  g_array_unref (small);

  conn_close (&conn);
}

int
main (int    argc,
      char **argv)
{
  Bench bench = { 0, };
  g_autofree char *user = NULL;
  guint clients = argc > 2 ? (guint) atoi (argv[2]) : 50;
  guint batches = argc > 3 ? (guint) atoi (argv[3]) : 20;

  if (argc < 2)
    {
      g_printerr ("Usage: bench-server PATH-TO-hubdesk-server [CLIENTS BATCHES]\n");
      return 2;
    }

  bench.program = argv[1];
  bench.dir = g_dir_make_tmp ("hubdesk-bench-XXXXXX", NULL);
  bench.db = g_build_filename (bench.dir, "server.db", NULL);

  g_free (admin (&bench, NULL, "init", NULL));
  bench.hub = admin (&bench, NULL, "add-hub", "Bench Hub", "--region", "Stuttgart", NULL);
  user = admin (&bench, "bench-password\n", "add-user", "bench", "--name", "Bench", NULL);
  g_free (admin (&bench, NULL, "grant", "bench", bench.hub, "--role", "manager", NULL));
  bench.token = admin (&bench, NULL, "token", "bench", NULL);

  bench_start (&bench);
  g_print ("server on port %u, database %s\n", bench.port, bench.db);

  bench_push (&bench, clients, batches);
  bench_pull (&bench);

  g_subprocess_send_signal (bench.process, SIGTERM);
  g_subprocess_wait (bench.process, NULL, NULL);
  g_object_unref (bench.process);

  {
    g_autofree char *wal = g_strconcat (bench.db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (bench.db, "-shm", NULL);

    g_unlink (bench.db);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (bench.dir);
  }
  g_free (bench.db);
  g_free (bench.dir);
  g_free (bench.token);
  g_free (bench.hub);

  return 0;
}
