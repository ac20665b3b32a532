/* test-id-map.c — the id map of reports finds every id as a string key would
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "hd-id-map.h"
#include "hd-model.h"

/* Random UUIDs and awkward ids, against a GHashTable of strings. */
static void
test_against_hash_table (void)
{
  const char *awkward[] = {
    "", "a", "not-a-uuid",
    "ABCDEF01-2345-4678-9abc-def012345678",   /* upper case: an id of its own */
    "abcdef01-2345-4678-9abc-def012345678",
    "abcdef01-2345-4678-9abc-def0123456789",  /* one digit too many */
    "abcdef01-2345-4678-9abc-def01234567",    /* one too few */
    "abcdef0112345-4678-9abc-def012345678",   /* a dash missing */
    "abcdef01-2345-4678-9abc-def01234567g",
    "00000000-0000-0000-0000-000000000000",
  };
  g_autoptr(HdIdMap) map = hd_id_map_new ();
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;

  /* enough to grow the table several times */
  for (guint i = 0; i < 20000; i++)
    g_ptr_array_add (ids, hd_uuid_new ());
  for (guint i = 0; i < G_N_ELEMENTS (awkward); i++)
    g_ptr_array_add (ids, g_strdup (awkward[i]));

  for (guint i = 0; i < ids->len; i++)
    {
      gpointer v = GUINT_TO_POINTER (i + 1);

      hd_id_map_insert (map, ids->pdata[i], v);
      g_hash_table_insert (expected, g_strdup (ids->pdata[i]), v);
    }
  /* replacing keeps one entry */
  hd_id_map_insert (map, ids->pdata[7], GUINT_TO_POINTER (999999));
  g_hash_table_insert (expected, g_strdup (ids->pdata[7]), GUINT_TO_POINTER (999999));
  hd_id_map_insert (map, "a", GUINT_TO_POINTER (888888));
  g_hash_table_insert (expected, g_strdup ("a"), GUINT_TO_POINTER (888888));

  g_assert_cmpuint (hd_id_map_size (map), ==, g_hash_table_size (expected));
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_true (hd_id_map_lookup (map, key) == value);

  /* what is not there */
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *id = hd_uuid_new ();

      g_assert_null (hd_id_map_lookup (map, id));
    }
  g_assert_null (hd_id_map_lookup (map, "ABCDEF01-2345-4678-9ABC-DEF012345678"));
  g_assert_null (hd_id_map_lookup (map, "b"));
  g_assert_null (hd_id_map_lookup (map, NULL));
  /* upper and lower case are two ids, as two strings are */
  g_assert_true (hd_id_map_lookup (map, "ABCDEF01-2345-4678-9abc-def012345678") !=
                 hd_id_map_lookup (map, "abcdef01-2345-4678-9abc-def012345678"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reports/id-map/against-hash-table", test_against_hash_table);

  return g_test_run ();
}
