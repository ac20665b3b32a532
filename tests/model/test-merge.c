/* test-merge.c — the merge table, case by case
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "hd-test-records.h"

#define BIT(e, name) (G_GUINT64_CONSTANT (1) << hd_entity_field_index (e, name))
#define ORG HD_ENTITY_ORGANIZATION

static HdRecord *
base_org (void)
{
  HdRecord *org = hd_record_new (ORG, TEST_HUB_ID);

  hd_record_set_string (org, "name", "Schwarzwald Robotics GmbH");
  hd_record_set_string (org, "city", "Freiburg im Breisgau");
  hd_record_set_string (org, "phone", "+49 761 1000");
  hd_record_set_string (org, "notes", "Erstgespräch im Oktober");
  hd_record_set_version (org, 5);

  return org;
}

static void
test_untouched_remote (void)
{
  g_autoptr(HdRecord) base = base_org ();
  g_autoptr(HdRecord) local = hd_record_copy (base);
  g_autoptr(HdRecord) merged = NULL;
  guint64 conflicts = 99;

  hd_record_set_string (local, "phone", "+49 761 2000");
  g_assert_cmpint (hd_merge_three_way (base, local, base, &merged, &conflicts), ==, HD_MERGE_APPLIED);
  g_assert_cmphex (conflicts, ==, 0);
  g_assert_cmpstr (hd_record_get_string (merged, "phone"), ==, "+49 761 2000");
}

static void
test_different_fields (void)
{
  g_autoptr(HdRecord) base = base_org ();
  g_autoptr(HdRecord) local = hd_record_copy (base);
  g_autoptr(HdRecord) remote = hd_record_copy (base);
  g_autoptr(HdRecord) merged = NULL;
  guint64 conflicts = 0;

  hd_record_set_string (local, "phone", "+49 761 2000");
  hd_record_set_string (remote, "city", "Freiburg");
  hd_record_set_version (remote, 6);

  g_assert_cmpint (hd_merge_three_way (base, local, remote, &merged, &conflicts), ==, HD_MERGE_MERGED);
  g_assert_cmphex (conflicts, ==, 0);
  g_assert_cmpstr (hd_record_get_string (merged, "phone"), ==, "+49 761 2000");
  g_assert_cmpstr (hd_record_get_string (merged, "city"), ==, "Freiburg");
  g_assert_cmpint (hd_record_get_version (merged), ==, 6);
}

static void
test_same_field (void)
{
  g_autoptr(HdRecord) base = base_org ();
  g_autoptr(HdRecord) local = hd_record_copy (base);
  g_autoptr(HdRecord) remote = hd_record_copy (base);
  g_autoptr(HdRecord) merged = NULL;
  guint64 conflicts = 0;
  g_auto(GStrv) names = NULL;

  hd_record_set_string (local, "notes", "Sabine: Workshop angeboten");
  hd_record_set_string (local, "phone", "+49 761 2000");
  hd_record_set_string (remote, "notes", "Can: Raum gebucht");

  g_assert_cmpint (hd_merge_three_way (base, local, remote, &merged, &conflicts), ==, HD_MERGE_CONFLICT);
  g_assert_null (merged);
  g_assert_cmphex (conflicts, ==, BIT (ORG, "notes"));
  names = hd_merge_field_names (ORG, conflicts);
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  g_assert_cmpstr (names[0], ==, "notes");
}

static void
test_same_field_same_value (void)
{
  g_autoptr(HdRecord) base = base_org ();
  g_autoptr(HdRecord) local = hd_record_copy (base);
  g_autoptr(HdRecord) remote = hd_record_copy (base);
  g_autoptr(HdRecord) merged = NULL;

  hd_record_set_string (local, "phone", "+49 761 3000");
  hd_record_set_string (remote, "phone", "+49 761 3000");

  g_assert_cmpint (hd_merge_three_way (base, local, remote, &merged, NULL), ==, HD_MERGE_MERGED);
  g_assert_cmpstr (hd_record_get_string (merged, "phone"), ==, "+49 761 3000");
}

static void
test_edit_versus_delete (void)
{
  g_autoptr(HdRecord) base = base_org ();
  g_autoptr(HdRecord) edited = hd_record_copy (base);
  g_autoptr(HdRecord) deleted = hd_record_copy (base);
  g_autoptr(HdRecord) merged = NULL;
  guint64 conflicts = 0;

  hd_record_set_string (edited, "phone", "+49 761 2000");
  hd_record_set_deleted (deleted, TRUE);

  /* local edit, remote delete */
  g_assert_cmpint (hd_merge_three_way (base, edited, deleted, &merged, &conflicts), ==, HD_MERGE_CONFLICT);
  g_assert_null (merged);
  g_assert_cmphex (conflicts, ==, BIT (ORG, "phone"));

  /* local delete, remote edit */
  conflicts = 0;
  g_assert_cmpint (hd_merge_three_way (base, deleted, edited, &merged, &conflicts), ==, HD_MERGE_CONFLICT);
  g_assert_null (merged);
  g_assert_cmphex (conflicts, ==, BIT (ORG, "phone"));

  /* local delete, remote untouched */
  g_assert_cmpint (hd_merge_three_way (base, deleted, base, &merged, NULL), ==, HD_MERGE_APPLIED);
  g_assert_true (hd_record_get_deleted (merged));
}

static void
test_delete_versus_delete (void)
{
  g_autoptr(HdRecord) base = base_org ();
  g_autoptr(HdRecord) local = hd_record_copy (base);
  g_autoptr(HdRecord) remote = hd_record_copy (base);
  g_autoptr(HdRecord) merged = NULL;
  guint64 conflicts = 0;

  hd_record_set_deleted (local, TRUE);
  hd_record_set_deleted (remote, TRUE);

  g_assert_cmpint (hd_merge_three_way (base, local, remote, &merged, &conflicts), !=, HD_MERGE_CONFLICT);
  g_assert_cmphex (conflicts, ==, 0);
  g_assert_true (hd_record_get_deleted (merged));
}

static void
test_create_versus_create (void)
{
  g_autoptr(HdRecord) local = base_org ();
  g_autoptr(HdRecord) remote = hd_record_copy (local);
  g_autoptr(HdRecord) merged = NULL;
  guint64 conflicts = 0;

  /* the same content from both sides merges */
  hd_record_set_string (local, "website", "https://schwarzwald-robotics.example");
  g_assert_cmpint (hd_merge_three_way (NULL, local, remote, &merged, &conflicts), ==, HD_MERGE_MERGED);
  g_assert_cmpstr (hd_record_get_string (merged, "website"), ==, "https://schwarzwald-robotics.example");
  g_clear_pointer (&merged, hd_record_unref);

  /* different values in a field both set are a conflict */
  hd_record_set_string (remote, "phone", "+49 761 9999");
  g_assert_cmpint (hd_merge_three_way (NULL, local, remote, &merged, &conflicts), ==, HD_MERGE_CONFLICT);
  g_assert_cmphex (conflicts, ==, BIT (ORG, "phone"));
}

static void
test_server_rule (void)
{
  /* The server knows which fields changed since the base version from
   * its per-field versions, and the mutation holds only changed fields. */
  g_autoptr(HdRecord) current = base_org ();
  g_autoptr(HdRecord) changes = hd_record_new_empty (ORG, hd_record_get_id (current));
  g_autoptr(HdRecord) merged = NULL;
  g_autoptr(HdRecord) del = hd_record_new_empty (ORG, hd_record_get_id (current));
  guint64 conflicts = 0;

  hd_record_set_string (changes, "phone", "+49 761 4242");

  g_assert_cmpint (hd_merge_apply (current, changes, 0, FALSE, &merged, &conflicts), ==, HD_MERGE_APPLIED);
  g_assert_cmpstr (hd_record_get_string (merged, "phone"), ==, "+49 761 4242");
  g_assert_cmpstr (hd_record_get_string (merged, "name"), ==, "Schwarzwald Robotics GmbH");
  g_clear_pointer (&merged, hd_record_unref);

  g_assert_cmpint (hd_merge_apply (current, changes, BIT (ORG, "city"), FALSE, &merged, &conflicts),
                   ==, HD_MERGE_MERGED);
  g_clear_pointer (&merged, hd_record_unref);

  g_assert_cmpint (hd_merge_apply (current, changes, BIT (ORG, "phone"), FALSE, &merged, &conflicts),
                   ==, HD_MERGE_CONFLICT);
  g_assert_cmphex (conflicts, ==, BIT (ORG, "phone"));

  /* changed on the server to the very value the client sends: no conflict */
  hd_record_set_string (current, "phone", "+49 761 4242");
  g_assert_cmpint (hd_merge_apply (current, changes, BIT (ORG, "phone"), FALSE, &merged, &conflicts),
                   ==, HD_MERGE_MERGED);
  g_clear_pointer (&merged, hd_record_unref);

  /* an edit onto a deleted record */
  g_assert_cmpint (hd_merge_apply (current, changes, 0, TRUE, &merged, &conflicts), ==, HD_MERGE_CONFLICT);
  g_assert_null (merged);

  /* a delete after an edit elsewhere, and one after nothing */
  hd_record_set_deleted (del, TRUE);
  g_assert_cmpint (hd_merge_apply (current, del, BIT (ORG, "notes"), FALSE, &merged, &conflicts),
                   ==, HD_MERGE_CONFLICT);
  g_assert_cmphex (conflicts, ==, BIT (ORG, "notes"));
  g_assert_cmpint (hd_merge_apply (current, del, 0, FALSE, &merged, &conflicts), ==, HD_MERGE_APPLIED);
  g_assert_true (hd_record_get_deleted (merged));
  g_clear_pointer (&merged, hd_record_unref);

  /* create: no current copy */
  g_assert_cmpint (hd_merge_apply (NULL, changes, 0, FALSE, &merged, &conflicts), ==, HD_MERGE_APPLIED);
  g_assert_cmpstr (hd_record_get_string (merged, "phone"), ==, "+49 761 4242");
}

static void
test_lists_and_nulls (void)
{
  g_autoptr(HdRecord) base = base_org ();
  g_autoptr(HdRecord) local = hd_record_copy (base);
  g_autoptr(HdRecord) remote = hd_record_copy (base);
  g_autoptr(HdRecord) merged = NULL;
  const char *a[] = { "KI", "Cloud", NULL };
  const char *b[] = { "Cloud", "KI", NULL };
  guint64 conflicts = 0;

  /* clearing a field is a change like any other */
  hd_record_set_null (local, "phone");
  hd_record_set_strv (remote, "tags", a);
  g_assert_cmpint (hd_merge_three_way (base, local, remote, &merged, NULL), ==, HD_MERGE_MERGED);
  g_assert_null (hd_record_get_string (merged, "phone"));
  g_assert_nonnull (hd_record_get_strv (merged, "tags"));

  /* lists compare in order */
  hd_record_set_strv (local, "tags", b);
  g_assert_cmpint (hd_merge_three_way (base, local, remote, NULL, &conflicts), ==, HD_MERGE_CONFLICT);
  g_assert_cmphex (conflicts, ==, BIT (ORG, "tags"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/merge/untouched-remote", test_untouched_remote);
  g_test_add_func ("/model/merge/different-fields", test_different_fields);
  g_test_add_func ("/model/merge/same-field", test_same_field);
  g_test_add_func ("/model/merge/same-field-same-value", test_same_field_same_value);
  g_test_add_func ("/model/merge/edit-versus-delete", test_edit_versus_delete);
  g_test_add_func ("/model/merge/delete-versus-delete", test_delete_versus_delete);
  g_test_add_func ("/model/merge/create-versus-create", test_create_versus_create);
  g_test_add_func ("/model/merge/server-rule", test_server_rule);
  g_test_add_func ("/model/merge/lists-and-nulls", test_lists_and_nulls);

  return g_test_run ();
}
