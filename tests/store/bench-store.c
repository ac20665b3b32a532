/* bench-store.c — figures of the local store at 100,000 people
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints how long the store takes for what the budgets of DESIGN §6
 * depend on: bulk insert, applying pulled pages (with the search index
 * deferred and rebuilt), search as you type, counting and paging. Run
 * with `meson test --benchmark --suite store` or directly; an argument
 * sets the number of people, `--pull` measures the first pull alone,
 * `--page N` pulls in pages of N records (default 1000).
 * Each figure is the time that passed and, in brackets, the processor
 * time of this process (on a busy machine the second says more).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "store-test-util.h"

static const char *given[] = {
  "Anna", "Jürgen", "Sabine", "Mehmet", "Lena", "Jonas", "Özlem", "Paul", "Marie", "Lukas",
  "Sophie", "Felix", "Hannah", "Maximilian", "Emilia", "Tobias", "Clara", "Ayşe", "Björn",
  "Jörg",
};

static const char *family[] = {
  "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
  "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann",
  "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt",
  "Werner", "Schmitz", "Krause", "Meier", "Lehmann", "Schmid", "Schulze", "Maier", "Köhler",
  "Herrmann", "König", "Walter", "Mayer", "Huber", "Kaiser", "Fuchs", "Peters", "Lang",
  "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Özdemir",
};

static const char *titles[] = {
  "Geschäftsführerin", "Innovationsmanager", "Entwickler", "Gründerin", "Professor",
  "Projektleiterin", "Vertrieb", "Einkauf", "Doktorandin", "Bürgermeister",
};

#define N_HUBS 10

static char *hubs[N_HUBS];

static HdRecord *
make_person (GRand *rand,
             guint  i)
{
  const char *base = family[g_rand_int_range (rand, 0, G_N_ELEMENTS (family))];
  g_autofree char *family_name = g_strdup_printf ("%s%s", base, i % 7 == 0 ? "-Lang" : "");
  g_autofree char *email = g_strdup_printf ("person%u@example.de", i);
  HdRecord *record = test_person (hubs[i % N_HUBS],
                                  given[g_rand_int_range (rand, 0, G_N_ELEMENTS (given))],
                                  family_name);

  hd_record_set_string (record, "email", email);
  hd_record_set_string (record, "job_title",
                        titles[g_rand_int_range (rand, 0, G_N_ELEMENTS (titles))]);
  return record;
}

typedef struct {
  gint64 wall;
  gint64 cpu;
} Clock;

static gint64
cpu_now (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (gint64) usage.ru_utime.tv_sec * G_USEC_PER_SEC + usage.ru_utime.tv_usec +
         (gint64) usage.ru_stime.tv_sec * G_USEC_PER_SEC + usage.ru_stime.tv_usec;
}

static Clock
clock_start (void)
{
  Clock clock = { g_get_monotonic_time (), cpu_now () };

  return clock;
}

static void
clock_print (const Clock *clock,
             const char  *what)
{
  g_print ("%s: %.0f ms (cpu %.0f ms)\n", what,
           (g_get_monotonic_time () - clock->wall) / 1000.0,
           (cpu_now () - clock->cpu) / 1000.0);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
print_times (const char *what,
             GArray     *times)
{
  g_array_sort (times, compare_double);
  g_print ("%s: %u keystrokes, p50 %.1f ms, p95 %.1f ms, max %.1f ms\n", what, times->len,
           g_array_index (times, double, times->len / 2),
           g_array_index (times, double, (times->len * 95) / 100),
           g_array_index (times, double, times->len - 1));
}

/* Search as you type: every prefix of each word, count and first page,
 * as the list asks for them. */
static void
bench_typing (HdStore    *store,
              const char *hub_id)
{
  const char *words[] = { "müller", "schmidt anna", "mehmet özd", "geschäftsf", "person123",
                          "jörg", "lange", "koch felix", "innovation", "zimmermann" };
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) both = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *what = NULL;

  for (guint w = 0; w < G_N_ELEMENTS (words); w++)
    {
      const char *word = words[w];

      for (const char *p = g_utf8_next_char (word); ; p = g_utf8_next_char (p))
        {
          g_autofree char *prefix = g_strndup (word, p - word);
          g_autoptr(GPtrArray) page = NULL;
          HdQuery q = { .entity = HD_ENTITY_PERSON, .search = prefix, .limit = 200,
                        .hub_id = hub_id };
          gint64 t0 = g_get_monotonic_time ();
          gint64 t1;
          double ms;

          hd_store_count (store, &q, NULL);
          t1 = g_get_monotonic_time ();
          page = hd_store_query (store, &q, NULL);

          ms = (t1 - t0) / 1000.0;
          g_array_append_val (counts, ms);
          ms = (g_get_monotonic_time () - t1) / 1000.0;
          g_array_append_val (pages, ms);
          ms = (g_get_monotonic_time () - t0) / 1000.0;
          g_array_append_val (both, ms);

          if (*p == '\0')
            break;
        }
    }

  what = g_strdup_printf ("search as you type%s, count", hub_id != NULL ? " in one hub" : "");
  print_times (what, counts);
  g_clear_pointer (&what, g_free);
  what = g_strdup_printf ("search as you type%s, first 200", hub_id != NULL ? " in one hub" : "");
  print_times (what, pages);
  g_clear_pointer (&what, g_free);
  what = g_strdup_printf ("search as you type%s, both", hub_id != NULL ? " in one hub" : "");
  print_times (what, both);
}

static void
bench_paging (HdStore *store,
              guint    n)
{
  HdQuery q = { .entity = HD_ENTITY_PERSON, .limit = 200 };
  gint64 start;
  gint64 total;

  start = g_get_monotonic_time ();
  total = hd_store_count (store, &q, NULL);
  g_print ("count of %" G_GINT64_FORMAT " people: %.1f ms\n", total,
           (g_get_monotonic_time () - start) / 1000.0);

  for (guint offset = 0; offset < n; offset += n / 4)
    {
      g_autoptr(GPtrArray) page = NULL;

      q.offset = offset;
      start = g_get_monotonic_time ();
      page = hd_store_query (store, &q, NULL);
      g_print ("page of 200 at offset %u: %.1f ms\n", offset,
               (g_get_monotonic_time () - start) / 1000.0);
    }
}

/* A first pull: pages of 1000 with their cursor, search index deferred. */
static void
bench_first_pull (GPtrArray  *records,
                  const char *dir,
                  guint       n,
                  guint       page_size)
{
  g_autoptr(HdStore) pulled = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "pulled.db", NULL);
  g_autofree char *what = NULL;
  Clock clock;

  pulled = test_open_store (path);
  for (guint i = 0; i < records->len; i++)
    hd_record_set_version (records->pdata[i], i + 1);

  clock = clock_start ();
  hd_store_set_search_deferred (pulled, TRUE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i += page_size)
    {
      g_autoptr(GPtrArray) page = g_ptr_array_new ();
      g_autofree char *cursor = g_strdup_printf ("%u", i);

      for (guint j = i; j < MIN (i + page_size, records->len); j++)
        g_ptr_array_add (page, records->pdata[j]);
      hd_store_apply_pulled (pulled, page, cursor, &error);
      g_assert_no_error (error);
    }
  what = g_strdup_printf ("apply_pulled of %u people in pages of %u", n, page_size);
  clock_print (&clock, what);

  clock = clock_start ();
  hd_store_set_search_deferred (pulled, FALSE, &error);
  g_assert_no_error (error);
  clock_print (&clock, "search index rebuilt in bulk");

  /* pulls of 100 changes into the full cache, one after the other */
  {
    g_autoptr(GPtrArray) page = g_ptr_array_new ();
    g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
    double first = 0;

    for (guint i = 0; i < 100 && i < records->len; i++)
      {
        hd_record_set_string (records->pdata[i * 97 % records->len], "phone", "+49 7121 0");
        g_ptr_array_add (page, records->pdata[i * 97 % records->len]);
      }

    for (guint round = 0; round < 9; round++)
      {
        double ms;

        for (guint i = 0; i < page->len; i++)
          hd_record_set_version (page->pdata[i], n + round * page->len + i + 1);
        clock = clock_start ();
        hd_store_apply_pulled (pulled, page, "more", &error);
        g_assert_no_error (error);
        ms = (g_get_monotonic_time () - clock.wall) / 1000.0;
        if (round == 0)
          first = ms;
        g_array_append_val (times, ms);
      }
    g_array_sort (times, compare_double);
    g_print ("apply_pulled of 100 changes: the first %.1f ms; of 9 in a row p50 %.1f ms, "
             "max %.1f ms\n", first, g_array_index (times, double, times->len / 2),
             g_array_index (times, double, times->len - 1));
  }

  /* what a search finds after the first pull, and how fast */
  {
    HdQuery q = { .entity = HD_ENTITY_PERSON, .search = "müller" };

    g_print ("people found by \"müller\" after the first pull: %" G_GINT64_FORMAT "\n",
             hd_store_count (pulled, &q, NULL));
  }
  g_print ("after the first pull:\n");
  bench_typing (pulled, NULL);
}

int
main (int   argc,
      char *argv[])
{
  TestDir dir;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GError) error = NULL;
  g_autofree char *what = NULL;
  gboolean pull_only = FALSE;
  guint page_size = 1000;
  guint n = 100000;
  Clock clock;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--pull") == 0)
        pull_only = TRUE;
      else if (strcmp (argv[i], "--page") == 0 && i + 1 < argc)
        {
          int size = atoi (argv[++i]);

          page_size = (guint) MAX (size, 1);
        }
      else
        n = (guint) atoi (argv[i]);
    }

  test_dir_init (&dir);

  for (guint i = 0; i < N_HUBS; i++)
    hubs[i] = hd_uuid_new ();
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (records, make_person (rand, i));

  if (!pull_only)
    {
      /* demo data and imports */
      store = test_open_store (dir.path);
      clock = clock_start ();
      hd_store_insert_many (store, records, &error);
      g_assert_no_error (error);
      what = g_strdup_printf ("insert_many of %u people", n);
      clock_print (&clock, what);

      bench_typing (store, NULL);
      bench_typing (store, hubs[3]);
      bench_paging (store, n);
      g_clear_object (&store);
    }

  bench_first_pull (records, dir.dir, n, page_size);

  test_dir_clear (&dir);
  for (guint i = 0; i < N_HUBS; i++)
    g_free (hubs[i]);

  return 0;
}
