/* test-sync-unit.c — the parts of the sync client that need no server:
 * the fast pull-page reader and the ledger's repeat-safety
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "hd-sync-page.h"
#include "hd-sync-test.h"

static GPtrArray *
sample_records (void)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autofree char *hub = hd_uuid_new ();
  const char *tags[] = { "KI", "Gründung", "\"quoted\"", NULL };
  HdRecord *person = hd_record_new (HD_ENTITY_PERSON, hub);
  HdRecord *room = hd_record_new (HD_ENTITY_ROOM, hub);
  HdRecord *gone = hd_record_new_empty (HD_ENTITY_BOOKING, NULL);
  g_autofree char *gone_id = hd_uuid_new ();

  hd_record_set_string (person, "family_name", "Müller-Lüdenscheidt \\ \"der Ältere\" 😀");
  hd_record_set_string (person, "notes", "line one\nline two\ttab / slash");
  hd_record_set_strv (person, "tags", tags);
  hd_record_set_version (person, 42);
  hd_record_set_meta (person, "2026-11-25T14:00:00Z", "2026-11-25T15:00:00Z", "alice");

  hd_record_set_string (room, "name", "Werkstatt");
  hd_record_set_int (room, "capacity", 12);
  hd_record_set_bool (room, "archived", TRUE);
  hd_record_set_version (room, 43);

  hd_record_set_id (gone, gone_id);
  hd_record_set_hub_id (gone, hub);
  hd_record_set_version (gone, 44);
  hd_record_set_deleted (gone, TRUE);

  g_ptr_array_add (records, person);
  g_ptr_array_add (records, room);
  g_ptr_array_add (records, gone);
  return records;
}

static char *
page_text (GPtrArray *records,
           gboolean   escape_unicode)
{
  GString *out = g_string_new ("{\"changes\": [");

  for (guint i = 0; i < records->len; i++)
    {
      g_autofree char *json = hd_record_to_json_string (g_ptr_array_index (records, i));

      if (i > 0)
        g_string_append (out, ",\n ");
      g_string_append (out, json);
    }
  g_string_append (out, "], \"cursor\": \"44\", \"has_more\": true, "
                        "\"hubs\": [{\"id\": \"x\", \"name\": \"Hub\", \"role\": \"manager\"}]}");

  if (escape_unicode)
    {
      /* the emoji as a surrogate pair, "ü" as \u00fc */
      g_autofree char *text = g_string_free (out, FALSE);
      g_autoptr(GString) escaped = g_string_new (NULL);

      for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (c == 0x1F600)
            g_string_append (escaped, "\\ud83d\\ude00");
          else if (c == 0xFC)
            g_string_append (escaped, "\\u00fc");
          else
            g_string_append_unichar (escaped, c);
        }
      return g_string_free (g_steal_pointer (&escaped), FALSE);
    }

  return g_string_free (out, FALSE);
}

static void
test_page_reads (void)
{
  g_autoptr(GPtrArray) records = sample_records ();

  for (guint round = 0; round < 2; round++)
    {
      g_autofree char *text = page_text (records, round == 1);
      HdSyncPage page = { 0 };

      g_assert_true (hd_sync_page_read (text, strlen (text), &page));
      g_assert_cmpuint (page.records->len, ==, records->len);
      g_assert_cmpstr (page.cursor, ==, "44");
      g_assert_true (page.has_more);
      g_assert_nonnull (page.hubs);
      g_assert_cmpuint (json_array_get_length (page.hubs), ==, 1);

      for (guint i = 0; i < records->len; i++)
        {
          g_autofree char *expected = hd_record_to_json_string (g_ptr_array_index (records, i));
          g_autofree char *got = hd_record_to_json_string (g_ptr_array_index (page.records, i));

          g_assert_cmpstr (got, ==, expected);
        }
      hd_sync_page_clear (&page);
    }
}

/* Whatever the reader does not expect is left to json-glib and the codec,
 * which judge it; the reader itself never takes a wrong value. */
static void
test_page_refuses (void)
{
  static const char * const bad[] = {
    "",
    "[]",
    "{\"cursor\": \"1\"}",
    "{\"changes\": [], \"extra\": 1}",
    "{\"changes\": [{\"entity\": \"room\", \"id\": \"%s\", \"version\": 1, \"fields\": {\"capacity\": \"12\"}}]}",
    "{\"changes\": [{\"entity\": \"room\", \"id\": \"%s\", \"version\": 1, \"fields\": {\"capacity\": 12.0}}]}",
    "{\"changes\": [{\"entity\": \"room\", \"id\": \"%s\", \"version\": 1, \"fields\": {\"capacity\": 1e3}}]}",
    "{\"changes\": [{\"entity\": \"room\", \"id\": \"%s\", \"version\": 1, \"fields\": {\"colour\": \"red\"}}]}",
    "{\"changes\": [{\"entity\": \"room\", \"id\": \"%s\", \"version\": 1, \"fields\": {\"name\": \"a\\ud800b\"}}]}",
    "{\"changes\": [{\"entity\": \"room\", \"id\": \"%s\", \"version\": 1, \"fields\": {\"name\": \"a\\u0000b\"}}]}",
    "{\"changes\": [{\"entity\": \"room\", \"id\": \"%s\", \"version\": 1, \"fields\": {\"name\": \"\xc3\x28\"}}]}",
    "{\"changes\": [{\"entity\": \"room\", \"id\": \"%s\", \"version\": 1, \"fields\": {\"name\": \"a\nb\"}}]}",
    "{\"changes\": [{\"entity\": \"room\", \"id\": \"%s\", \"version\": 1, \"fields\": {\"name\": \"x\", \"name\": \"y\"}}]}",
    "{\"changes\": [{\"entity\": \"spaceship\", \"id\": \"%s\", \"version\": 1, \"fields\": {}}]}",
    "{\"changes\": [{\"entity\": \"room\", \"id\": \"not-a-uuid\", \"version\": 1, \"fields\": {}}]}",
    "{\"changes\": [{\"entity\": \"room\", \"id\": \"%s\", \"version\": -1, \"fields\": {}}]}",
    "{\"changes\": [{\"entity\": \"room\", \"id\": \"%s\", \"version\": 1}]}",
    "{\"changes\": [{\"entity\": \"room\", \"id\": \"%s\", \"version\": 1, \"fields\": {}}]} trailing",
    "{\"changes\": [{\"entity\": \"room\", \"id\": \"%s\", \"version\": 1, \"fields\": {\"tags\": [1]}}]}",
  };
  g_autofree char *id = hd_uuid_new ();

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GString) text_buffer = g_string_new (bad[i]);
      const char *text;
      HdSyncPage page = { 0 };

      g_string_replace (text_buffer, "%s", id, 0);
      text = text_buffer->str;

      if (hd_sync_page_read (text, strlen (text), &page))
        g_error ("taken: %s", text);
      g_assert_null (page.records);
    }
}

static HdSyncLedger *
temp_ledger (char **out_dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  HdSyncLedger *ledger;

  *out_dir = g_dir_make_tmp ("hubdesk-ledger-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (*out_dir, "hubdesk-sync.db", NULL);
  ledger = hd_sync_ledger_open (path, &error);
  g_assert_no_error (error);

  return ledger;
}

static void
remove_ledger (char *dir)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat ("hubdesk-sync.db", suffixes[i], NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
  g_free (dir);
}

static void
test_ledger_repeats (void)
{
  char *dir = NULL;
  g_autoptr(HdSyncLedger) ledger = temp_ledger (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autofree char *id = hd_uuid_new ();
  const char *first_fields[] = { "job_title", NULL };
  const char *later_fields[] = { "phone", NULL };
  HdSyncConflict conflict = { 0 };
  gboolean recorded;

  conflict.entity = HD_ENTITY_PERSON;
  conflict.record_id = id;
  conflict.local_changes = hd_record_new_empty (HD_ENTITY_PERSON, id);
  hd_record_set_string (conflict.local_changes, "job_title", "Mine");
  conflict.fields = (char **) first_fields;
  conflict.seq = 5;

  g_assert_true (hd_sync_ledger_add_conflict (ledger, &conflict, &recorded, &error));
  g_assert_no_error (error);
  g_assert_true (recorded);
  /* the same answer again: still open, nothing doubled */
  g_assert_true (hd_sync_ledger_add_conflict (ledger, &conflict, &recorded, &error));
  g_assert_true (recorded);
  g_assert_cmpint (hd_sync_ledger_count_conflicts (ledger), ==, 1);

  open = hd_sync_ledger_list_conflicts (ledger, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 1);
  hd_sync_ledger_close_conflict (ledger, ((HdSyncConflict *) g_ptr_array_index (open, 0))->id, &error);
  g_assert_no_error (error);

  /* decided: the same answer does not bring it back */
  g_assert_true (hd_sync_ledger_add_conflict (ledger, &conflict, &recorded, &error));
  g_assert_false (recorded);
  g_assert_cmpint (hd_sync_ledger_count_conflicts (ledger), ==, 0);

  /* a later one does */
  conflict.seq = 7;
  conflict.fields = (char **) later_fields;
  g_assert_true (hd_sync_ledger_add_conflict (ledger, &conflict, &recorded, &error));
  g_assert_true (recorded);
  g_assert_cmpint (hd_sync_ledger_count_conflicts (ledger), ==, 1);

  /* a second conflict of an open record joins the first */
  conflict.seq = 9;
  conflict.fields = (char **) first_fields;
  g_assert_true (hd_sync_ledger_add_conflict (ledger, &conflict, &recorded, &error));
  g_clear_pointer (&open, g_ptr_array_unref);
  open = hd_sync_ledger_list_conflicts (ledger, &error);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_cmpuint (g_strv_length (((HdSyncConflict *) g_ptr_array_index (open, 0))->fields), ==, 2);

  /* closed entries are forgotten once their seq is acknowledged */
  hd_sync_ledger_close_conflict (ledger, ((HdSyncConflict *) g_ptr_array_index (open, 0))->id, &error);
  hd_sync_ledger_prune (ledger, 9, &error);
  g_assert_no_error (error);
  conflict.seq = 9;
  g_assert_true (hd_sync_ledger_add_conflict (ledger, &conflict, &recorded, &error));
  g_assert_true (recorded);

  hd_record_unref (conflict.local_changes);
  g_clear_pointer (&ledger, hd_sync_ledger_unref);
  remove_ledger (dir);
}

static void
test_ledger_chain (void)
{
  char *dir = NULL;
  g_autoptr(HdSyncLedger) ledger = temp_ledger (&dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = hd_uuid_new ();
  gint64 from = 0, version = 0;

  g_assert_false (hd_sync_ledger_get_chain (ledger, HD_ENTITY_ROOM, id, &from, &version));
  hd_sync_ledger_set_chain (ledger, HD_ENTITY_ROOM, id, 3, 10, &error);
  g_assert_no_error (error);
  g_assert_true (hd_sync_ledger_get_chain (ledger, HD_ENTITY_ROOM, id, &from, &version));
  g_assert_cmpint (from, ==, 3);
  g_assert_cmpint (version, ==, 10);
  hd_sync_ledger_clear_chains (ledger, &error);
  g_assert_no_error (error);
  g_assert_false (hd_sync_ledger_get_chain (ledger, HD_ENTITY_ROOM, id, &from, &version));

  g_clear_pointer (&ledger, hd_sync_ledger_unref);
  remove_ledger (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/unit/page-reads", test_page_reads);
  g_test_add_func ("/sync/unit/page-refuses", test_page_refuses);
  g_test_add_func ("/sync/unit/ledger-repeats", test_ledger_repeats);
  g_test_add_func ("/sync/unit/ledger-chain", test_ledger_chain);

  return g_test_run ();
}
