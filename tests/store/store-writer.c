/* store-writer.c — writes edits into a store until it is killed
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Used by test-outbox-kill: every edit changes a person's job title to a
 * value never used before and raises the number in its notes, which
 * counts the edits the person has had. The test kills this program at
 * random moments and checks that each record and the outbox agree.
 *
 * With a third argument "pull" it plays a first pull instead: the search
 * index deferred, then PULL_PAGES pages of PULL_PAGE_SIZE people (Jürgen
 * "Seite<k>x", cursor "<k>"), then the index built; then it waits to be
 * killed.
 */
#include <stdlib.h>
#include <string.h>

#include "hd-store.h"

#define HUB "0b7f5c1e-3a53-4b4c-9a55-7c1f7d3b2a10"

#define PULL_PAGES     60
#define PULL_PAGE_SIZE 250

static int
first_pull (HdStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 version = 0;

  if (!hd_store_set_search_deferred (store, TRUE, &error))
    goto failed;

  for (guint k = 0; k < PULL_PAGES; k++)
    {
      g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
      g_autofree char *family = g_strdup_printf ("Seite%ux", k);
      g_autofree char *cursor = g_strdup_printf ("%u", k);

      for (guint i = 0; i < PULL_PAGE_SIZE; i++)
        {
          HdRecord *record = hd_record_new (HD_ENTITY_PERSON, HUB);

          hd_record_set_string (record, "given_name", "Jürgen");
          hd_record_set_string (record, "family_name", family);
          hd_record_set_version (record, ++version);
          hd_record_set_meta (record, "2026-11-01T10:00:00Z", "2026-11-01T10:00:00Z", NULL);
          g_ptr_array_add (page, record);
        }

      if (!hd_store_apply_pulled (store, page, cursor, &error))
        goto failed;
    }

  if (!hd_store_set_search_deferred (store, FALSE, &error))
    goto failed;

  for (;;)
    g_usleep (G_USEC_PER_SEC);

failed:
  g_printerr ("%s\n", error->message);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GRand) rand = NULL;
  HdQuery query = { .entity = HD_ENTITY_PERSON };
  guint64 n = 0;

  if (argc != 3 && !(argc == 4 && strcmp (argv[3], "pull") == 0))
    {
      g_printerr ("Usage: %s STORE SEED [pull]\n", argv[0]);
      return 2;
    }

  rand = g_rand_new_with_seed ((guint32) g_ascii_strtoull (argv[2], NULL, 10));

  store = hd_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (argc == 4)
    return first_pull (store);

  people = hd_store_query (store, &query, &error);
  if (people == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (;;)
    {
      g_autofree char *title = g_strdup_printf ("%s-%" G_GUINT64_FORMAT, argv[2], n++);
      g_autoptr(HdRecord) record = NULL;

      if (people->len == 0 || g_rand_int_range (rand, 0, 4) == 0)
        {
          g_autofree char *family = g_strdup_printf ("Person %u", people->len);

          record = hd_record_new (HD_ENTITY_PERSON, HUB);
          hd_record_set_string (record, "family_name", family);
          hd_record_set_string (record, "notes", "1");
        }
      else
        {
          HdRecord *pick = people->pdata[g_rand_int_range (rand, 0, (gint32) people->len)];
          g_autofree char *edits = NULL;

          record = hd_record_copy (pick);
          edits = g_strdup_printf ("%" G_GINT64_FORMAT,
                                   g_ascii_strtoll (hd_record_get_string (record, "notes"),
                                                    NULL, 10) + 1);
          hd_record_set_string (record, "notes", edits);
        }

      hd_record_set_string (record, "job_title", title);

      if (!hd_store_save (store, record, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }

      /* keep the copy the store has now */
      for (guint i = 0; i < people->len; i++)
        {
          if (g_str_equal (hd_record_get_id (people->pdata[i]), hd_record_get_id (record)))
            {
              g_ptr_array_remove_index_fast (people, i);
              break;
            }
        }
      g_ptr_array_add (people, hd_record_ref (record));
    }

  return 0;
}
