/* bench-store.c — figures of the local store at 100,000 people
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints how long the store takes for what the budgets of DESIGN §6
 * depend on: bulk insert, applying pulled pages (with the search index
 * deferred and rebuilt), search as you type, counting and paging. Run
 * with `meson test --benchmark --suite store` or directly; an argument
 * sets the number of people.
 */
#include <stdlib.h>

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

int
main (int   argc,
      char *argv[])
{
  TestDir dir;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdStore) pulled = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GError) error = NULL;
  g_autofree char *pulled_path = NULL;
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  gint64 start;

  test_dir_init (&dir);

  for (guint i = 0; i < N_HUBS; i++)
    hubs[i] = hd_uuid_new ();
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (records, make_person (rand, i));

  /* demo data and imports */
  store = test_open_store (dir.path);
  start = g_get_monotonic_time ();
  hd_store_insert_many (store, records, &error);
  g_assert_no_error (error);
  g_print ("insert_many of %u people: %.0f ms\n", n,
           (g_get_monotonic_time () - start) / 1000.0);

  bench_typing (store, NULL);
  bench_typing (store, hubs[3]);
  bench_paging (store, n);

  /* a first pull: pages of 1000 with their cursor, search index deferred */
  pulled_path = g_build_filename (dir.dir, "pulled.db", NULL);
  pulled = test_open_store (pulled_path);
  for (guint i = 0; i < records->len; i++)
    hd_record_set_version (records->pdata[i], i + 1);

  start = g_get_monotonic_time ();
  hd_store_set_search_deferred (pulled, TRUE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i += 1000)
    {
      g_autoptr(GPtrArray) page = g_ptr_array_new ();
      g_autofree char *cursor = g_strdup_printf ("%u", i);

      for (guint j = i; j < MIN (i + 1000, records->len); j++)
        g_ptr_array_add (page, records->pdata[j]);
      hd_store_apply_pulled (pulled, page, cursor, &error);
      g_assert_no_error (error);
    }
  g_print ("apply_pulled of %u people in pages of 1000: %.0f ms\n", n,
           (g_get_monotonic_time () - start) / 1000.0);
  start = g_get_monotonic_time ();
  hd_store_set_search_deferred (pulled, FALSE, &error);
  g_assert_no_error (error);
  g_print ("search index rebuilt in bulk: %.0f ms\n",
           (g_get_monotonic_time () - start) / 1000.0);

  /* a pull of 100 changes into the full cache */
  {
    g_autoptr(GPtrArray) page = g_ptr_array_new ();

    for (guint i = 0; i < 100 && i < records->len; i++)
      {
        hd_record_set_string (records->pdata[i * 97 % records->len], "phone", "+49 7121 0");
        hd_record_set_version (records->pdata[i * 97 % records->len], n + i + 1);
        g_ptr_array_add (page, records->pdata[i * 97 % records->len]);
      }
    start = g_get_monotonic_time ();
    hd_store_apply_pulled (pulled, page, "more", &error);
    g_assert_no_error (error);
    g_print ("apply_pulled of 100 changes: %.1f ms\n",
             (g_get_monotonic_time () - start) / 1000.0);
  }

  g_clear_object (&store);
  g_clear_object (&pulled);
  test_dir_clear (&dir);
  for (guint i = 0; i < N_HUBS; i++)
    g_free (hubs[i]);

  return 0;
}
