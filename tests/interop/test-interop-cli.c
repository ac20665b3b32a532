/* test-interop-cli.c — hubdesk-cli import and export of contacts, through the real binary
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "hd-store.h"
#include "store-test-util.h"

typedef struct {
  TestDir  dir;
  char    *profile;
  char    *db;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdRecord) hub = hd_record_new (HD_ENTITY_HUB, TEST_HUB);
  g_autoptr(GError) error = NULL;

  test_dir_init (&f->dir);
  f->profile = g_build_filename (f->dir.dir, "profile", NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->profile, 0700), ==, 0);
  f->db = g_build_filename (f->profile, "hubdesk.db", NULL);
  store = test_open_store (f->db);
  hd_record_set_id (hub, TEST_HUB);
  hd_record_set_string (hub, "name", "Digital Hub Schwarzwald");
  g_assert_true (hd_store_save (store, hub, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_free (f->profile);
  g_free (f->db);
  test_dir_clear (&f->dir);
}

static char *
data_path (const char *name)
{
  return g_build_filename (g_getenv ("HUBDESK_SRCDIR"), "tests", "interop", "data", name, NULL);
}

/* Runs hubdesk-cli --profile … ARGS; returns the exit status. */
static int
run_cli (Fixture     *f,
         char       **out,
         char       **err,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  va_list args;

  g_ptr_array_add (argv, g_build_filename (g_getenv ("HUBDESK_BUILDDIR"), "src", "cli", "hubdesk-cli", NULL));
  g_ptr_array_add (argv, g_strdup ("--profile"));
  g_ptr_array_add (argv, g_strdup (f->profile));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &stdout_text, &stderr_text, &error);
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);
  return g_subprocess_get_exit_status (process);
}

static gint64
count_people (Fixture *f)
{
  g_autoptr(HdStore) store = test_open_store (f->db);
  HdQuery query = { 0, };

  query.entity = HD_ENTITY_PERSON;
  query.include_archived = TRUE;
  return hd_store_count (store, &query, NULL);
}

static char *
import_id_of (const char *out)
{
  const char *at = strstr (out, "--undo ");
  g_autofree char *id = NULL;

  g_assert_nonnull (at);
  id = g_strndup (at + strlen ("--undo "), 36);
  g_assert_true (hd_uuid_is_valid (id));
  return g_steal_pointer (&id);
}

static void
test_import_dry_run_apply_undo (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *path = data_path ("kontakte-de.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *id = NULL;

  /* --dry-run shows the plan and writes nothing. */
  g_assert_cmpint (run_cli (f, &out, &err, "import", path, "--hub", TEST_HUB, "--dry-run", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "5 to create, 0 to update, 2 to skip"));
  g_assert_nonnull (strstr (out, "line 7: skip Petra Klein"));
  g_assert_cmpint (count_people (f), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (f, &out, &err, "import", path, "--hub", TEST_HUB, NULL), ==, 0);
  g_assert_cmpint (count_people (f), ==, 3);
  id = import_id_of (out);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The same file again: everything is up to date. */
  g_assert_cmpint (run_cli (f, &out, &err, "--json", "import", path, "--hub", TEST_HUB, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"create\" : 0"));
  g_assert_nonnull (strstr (out, "\"update\" : 0"));
  g_assert_cmpint (count_people (f), ==, 3);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (f, &out, &err, "import", "--undo", id, NULL), ==, 0);
  g_assert_cmpint (count_people (f), ==, 0);
}

static void
test_import_broken (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = data_path ("broken-quote.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (f, &out, &err, "import", path, "--hub", TEST_HUB, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "Line 3"));
  g_assert_cmpint (count_people (f), ==, 0);
}

static void
test_import_mapping (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = data_path ("broken-noname.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli (f, &out, &err, "import", path, NULL), ==, 1);
  g_assert_cmpint (count_people (f), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Saying which column is which makes it readable; one hub: no --hub needed. */
  g_assert_cmpint (run_cli (f, &out, &err, "import", path, "--map", "Spalte A=family_name",
                            "--map", "Spalte B=-", NULL), ==, 0);
  g_assert_cmpint (count_people (f), ==, 1);
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = data_path ("kontakte-de.csv");
  g_autofree char *file = g_build_filename (f->dir.dir, "people.vcf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpint (run_cli (f, NULL, NULL, "import", path, "--hub", TEST_HUB, NULL), ==, 0);

  g_assert_cmpint (run_cli (f, &out, &err, "export", "people", "--format", "csv", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Given name,Family name,Organization,"));
  g_assert_nonnull (strstr (out, ",Häberle & Söhne; Feinmechanik,"));
  g_assert_nonnull (strstr (err, "3 records exported"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (f, &out, &err, "export", "people", "--format", "vcard", "--output", file, NULL), ==, 0);
  g_assert_true (g_file_get_contents (file, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "BEGIN:VCARD\r\nVERSION:3.0\r\n"));
  g_assert_nonnull (strstr (text, "N:Müller;Jana;;;"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Newsletter: only who consented, and how many were left out. */
  g_assert_cmpint (run_cli (f, &out, &err, "export", "people", "--format", "csv", "--consent", "newsletter", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "jana.mueller@schwarzwald-sensorik.de"));
  g_assert_null (strstr (out, "haeberle"));
  g_assert_nonnull (strstr (err, "1 record exported"));
  g_assert_nonnull (strstr (err, "2 people left out"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (f, &out, &err, "export", "people", "--format", "pdf", NULL), ==, 2);
}

static char *
person_id_by_email (Fixture    *f,
                    const char *email)
{
  g_autoptr(HdStore) store = test_open_store (f->db);
  g_autoptr(GPtrArray) all = NULL;
  HdQuery query = { 0, };

  query.entity = HD_ENTITY_PERSON;
  query.include_archived = TRUE;
  all = hd_store_query (store, &query, NULL);
  for (guint i = 0; i < all->len; i++)
    {
      if (g_strcmp0 (hd_record_get_string (all->pdata[i], "email"), email) == 0)
        return g_strdup (hd_record_get_id (all->pdata[i]));
    }
  return NULL;
}

static void
test_privacy (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = data_path ("kontakte-de.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *id = NULL;

  g_assert_cmpint (run_cli (f, NULL, NULL, "import", path, NULL), ==, 0);
  id = person_id_by_email (f, "jana.mueller@schwarzwald-sensorik.de");
  g_assert_nonnull (id);

  g_assert_cmpint (run_cli (f, &out, &err, "privacy-export", id, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"jana.mueller@schwarzwald-sensorik.de\""));
  g_assert_nonnull (strstr (out, "Folgetermin"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Without --yes nothing is erased. */
  g_assert_cmpint (run_cli (f, &out, &err, "erase-person", id, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--yes"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f, &out, &err, "export", "people", "--format", "csv", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "jana.mueller@"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (f, &out, &err, "erase-person", id, "--yes", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (f, &out, &err, "export", "people", "--format", "csv", "--archived", NULL), ==, 0);
  g_assert_null (strstr (out, "jana.mueller@"));
  g_assert_null (strstr (out, "Förderantrag"));
  g_assert_cmpint (count_people (f), ==, 3);
}

static void
test_duplicates_and_merge (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *path = data_path ("thunderbird.vcf");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *json = g_strdup_printf ("{\"hub_id\": \"%s\", \"given_name\": \"Jana\", "
                                           "\"family_name\": \"Mueller\", \"phone\": \"07721 401230\"}",
                                           TEST_HUB);
  g_autofree char *jana = NULL;
  g_auto(GStrv) fields = NULL;
  const char *merge_at;

  g_assert_cmpint (run_cli (f, NULL, NULL, "import", path, NULL), ==, 0);
  g_assert_cmpint (run_cli (f, NULL, NULL, "put", "person", json, NULL), ==, 0);
  g_assert_cmpint (count_people (f), ==, 3);
  jana = person_id_by_email (f, "jana.mueller@schwarzwald-sensorik.de");

  g_assert_cmpint (run_cli (f, &out, &err, "duplicates", "people", NULL), ==, 0);
  fields = g_strsplit (g_strchomp (out), "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 3);   /* one pair */
  g_assert_cmpstr (fields[2], ==, "phone");
  g_assert_true (g_str_equal (fields[0], jana) || g_str_equal (fields[1], jana));
  g_clear_pointer (&err, g_free);

  {
    const char *other = g_str_equal (fields[0], jana) ? fields[1] : fields[0];
    g_autofree char *merged = NULL;

    g_assert_cmpint (run_cli (f, &merged, &err, "merge", "person", jana, other, NULL), ==, 0);
    g_assert_cmpint (count_people (f), ==, 2);
    merge_at = strstr (merged, "--undo ");
    g_assert_nonnull (merge_at);
    {
      g_autofree char *merge_id = g_strndup (merge_at + strlen ("--undo "), 36);

      g_clear_pointer (&err, g_free);
      g_assert_cmpint (run_cli (f, NULL, &err, "merge", "--undo", merge_id, NULL), ==, 0);
      g_assert_cmpint (count_people (f), ==, 3);
    }
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/interop/cli/import", test_import_dry_run_apply_undo);
  ADD ("/interop/cli/broken", test_import_broken);
  ADD ("/interop/cli/mapping", test_import_mapping);
  ADD ("/interop/cli/export", test_export);
  ADD ("/interop/cli/privacy", test_privacy);
  ADD ("/interop/cli/duplicates", test_duplicates_and_merge);
#undef ADD

  return g_test_run ();
}
