/* test-store.c — records, outbox, queries and search of the local store
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "hd-store-private.h"
#include "hd-store-report.h"
#include "store-test-util.h"

static GPtrArray *
outbox_all (HdStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = hd_store_outbox_peek (store, 0, &error);

  g_assert_no_error (error);
  return entries;
}

static gint64
outbox_count (HdStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 n = hd_store_outbox_count (store, &error);

  g_assert_no_error (error);
  return n;
}

static gint64
count (HdStore       *store,
       const HdQuery *query)
{
  g_autoptr(GError) error = NULL;
  gint64 n = hd_store_count (store, query, &error);

  g_assert_no_error (error);
  return n;
}

static GPtrArray *
query (HdStore       *store,
       const HdQuery *q)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = hd_store_query (store, q, &error);

  g_assert_no_error (error);
  g_assert_nonnull (records);
  return records;
}

static void
save (HdStore  *store,
      HdRecord *record)
{
  g_autoptr(GError) error = NULL;

  hd_store_save (store, record, &error);
  g_assert_no_error (error);
}

/* Family names of @records, joined with "|". */
static char *
family_names (GPtrArray *records)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < records->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, '|');
      g_string_append (out, hd_record_get_string (records->pdata[i], "family_name"));
    }

  return g_strdup (out->str);
}

static char *
titles (GPtrArray *records)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < records->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, '|');
      g_string_append (out, hd_record_get_string (records->pdata[i], "title"));
    }

  return g_strdup (out->str);
}

/* ---- records and outbox ---- */

static void
test_round_trip (void)
{
  TestDir dir;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdRecord) person = NULL;
  g_autoptr(HdRecord) loaded = NULL;
  g_autoptr(HdRecord) edit = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fields = NULL;
  const char *tags[] = { "ki", "maschinenbau", NULL };
  HdOutboxEntry *entry;
  HdQuery q = { .entity = HD_ENTITY_PERSON };

  test_dir_init (&dir);
  store = test_open_store (dir.path);
  g_assert_true (hd_uuid_is_valid (hd_store_get_client_id (store)));

  /* create */
  person = test_person (TEST_HUB, "Anna", "Schäfer");
  hd_record_set_string (person, "email", "anna.schaefer@example.de");
  hd_record_set_strv (person, "tags", tags);
  save (store, person);
  g_assert_nonnull (hd_record_get_created_at (person));

  loaded = hd_store_get (store, HD_ENTITY_PERSON, hd_record_get_id (person), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hd_record_diff (person, loaded), ==, 0);
  g_assert_cmpuint (hd_record_get_present (loaded), ==, hd_record_get_present (person));
  g_assert_cmpstr (hd_record_get_hub_id (loaded), ==, TEST_HUB);
  g_assert_cmpstrv (hd_record_get_strv (loaded, "tags"), tags);
  g_assert_cmpint (hd_store_get_sync_state (store, HD_ENTITY_PERSON,
                                            hd_record_get_id (person)), ==, HD_SYNC_PENDING);

  entries = outbox_all (store);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = entries->pdata[0];
  g_assert_cmpint (entry->seq, ==, 1);
  g_assert_false (entry->is_delete);
  g_assert_cmpint (entry->base_version, ==, 0);
  g_assert_cmpstr (entry->record_id, ==, hd_record_get_id (person));
  g_assert_cmpstr (entry->hub_id, ==, TEST_HUB);
  /* a create carries every field */
  g_assert_cmpuint (hd_record_get_present (entry->changes), ==, hd_record_get_present (person));
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* update: exactly the changed fields */
  edit = hd_record_copy (loaded);
  hd_record_set_string (edit, "job_title", "Innovationsmanagerin");
  hd_record_set_string (edit, "email", "a.schaefer@example.de");
  save (store, edit);

  entries = outbox_all (store);
  g_assert_cmpuint (entries->len, ==, 2);
  entry = entries->pdata[1];
  g_assert_cmpint (entry->seq, ==, 2);
  fields = test_entry_fields (entry);
  g_assert_cmpstr (fields, ==, "email,job_title");
  g_assert_cmpstr (hd_record_get_string (entry->changes, "job_title"), ==,
                   "Innovationsmanagerin");
  g_clear_pointer (&entries, g_ptr_array_unref);
  g_clear_pointer (&fields, g_free);

  /* saving unchanged writes nothing */
  save (store, edit);
  g_assert_cmpint (outbox_count (store), ==, 2);

  /* archive: hidden from queries unless asked for, one field in the outbox */
  g_assert_cmpint (count (store, &q), ==, 1);
  hd_store_set_archived (store, HD_ENTITY_PERSON, hd_record_get_id (person), TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (store, &q), ==, 0);
  q.include_archived = TRUE;
  g_assert_cmpint (count (store, &q), ==, 1);

  entries = outbox_all (store);
  g_assert_cmpuint (entries->len, ==, 3);
  fields = test_entry_fields (entries->pdata[2]);
  g_assert_cmpstr (fields, ==, "archived");
  g_assert_true (hd_record_get_bool (((HdOutboxEntry *) entries->pdata[2])->changes, "archived"));
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* rooms have archived, registrations do not */
  hd_store_set_archived (store, HD_ENTITY_REGISTRATION, hd_record_get_id (person), TRUE, &error);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_FAILED);
  g_clear_error (&error);

  /* delete: a tombstone and a delete entry */
  hd_store_delete (store, HD_ENTITY_PERSON, hd_record_get_id (person), &error);
  g_assert_no_error (error);
  g_clear_pointer (&loaded, hd_record_unref);
  loaded = hd_store_get (store, HD_ENTITY_PERSON, hd_record_get_id (person), &error);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
  g_assert_null (loaded);
  g_clear_error (&error);
  g_assert_cmpint (count (store, &q), ==, 0);
  q.include_deleted = TRUE;
  g_assert_cmpint (count (store, &q), ==, 1);

  entries = outbox_all (store);
  g_assert_cmpuint (entries->len, ==, 4);
  entry = entries->pdata[3];
  g_assert_true (entry->is_delete);
  g_assert_true (hd_record_get_deleted (entry->changes));
  g_assert_cmpuint (hd_record_get_present (entry->changes), ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* a deleted record can be neither saved nor deleted again */
  hd_store_save (store, edit, &error);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  hd_store_delete (store, HD_ENTITY_PERSON, hd_record_get_id (person), &error);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (outbox_count (store), ==, 4);

  /* everything survives closing and opening */
  g_clear_object (&store);
  store = test_open_store (dir.path);
  g_assert_cmpint (outbox_count (store), ==, 4);
  g_assert_cmpint (count (store, &q), ==, 1);

  g_clear_object (&store);
  test_dir_clear (&dir);
}

static void
test_validation_refused (void)
{
  TestDir dir;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdRecord) nobody = NULL;
  g_autoptr(HdRecord) person = NULL;
  g_autoptr(HdRecord) edit = NULL;
  g_autoptr(HdRecord) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) model_error = NULL;
  HdQuery q = { .entity = HD_ENTITY_PERSON, .include_archived = TRUE, .include_deleted = TRUE };

  test_dir_init (&dir);
  store = test_open_store (dir.path);

  /* neither given nor family name */
  nobody = hd_record_new (HD_ENTITY_PERSON, TEST_HUB);
  hd_record_validate (nobody, TRUE, NULL, &model_error);
  g_assert_nonnull (model_error);

  hd_store_save (store, nobody, &error);
  g_assert_nonnull (error);
  /* the model's error, unchanged */
  g_assert_true (error->domain == model_error->domain);
  g_assert_cmpint (error->code, ==, model_error->code);
  g_assert_cmpstr (error->message, ==, model_error->message);
  g_clear_error (&error);

  g_assert_cmpint (count (store, &q), ==, 0);
  g_assert_cmpint (outbox_count (store), ==, 0);

  /* a bad update leaves the record as it was */
  person = test_person (TEST_HUB, "Jonas", "Weber");
  save (store, person);
  edit = hd_record_copy (person);
  hd_record_set_string (edit, "email", "not an address");
  hd_store_save (store, edit, &error);
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID);
  g_clear_error (&error);

  loaded = hd_store_get (store, HD_ENTITY_PERSON, hd_record_get_id (person), &error);
  g_assert_no_error (error);
  g_assert_null (hd_record_get_string (loaded, "email"));
  g_assert_cmpint (outbox_count (store), ==, 1);

  g_clear_object (&store);
  test_dir_clear (&dir);
}

static void
test_in_use (void)
{
  TestDir dir;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdRecord) org = NULL;
  g_autoptr(HdRecord) person = NULL;
  g_autoptr(HdRecord) event = NULL;
  g_autoptr(HdRecord) session = NULL;
  g_autoptr(GError) error = NULL;
  const char *speakers[2] = { NULL, NULL };
  gint64 before;

  test_dir_init (&dir);
  store = test_open_store (dir.path);

  org = test_organization (TEST_HUB, "Bosch Rexroth AG");
  save (store, org);
  person = test_person (TEST_HUB, "Lena", "Vogel");
  hd_record_set_string (person, "organization_id", hd_record_get_id (org));
  save (store, person);

  before = outbox_count (store);
  hd_store_delete (store, HD_ENTITY_ORGANIZATION, hd_record_get_id (org), &error);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "Archive"));
  g_clear_error (&error);
  g_assert_cmpint (outbox_count (store), ==, before);
  {
    g_autoptr(HdRecord) still = hd_store_get (store, HD_ENTITY_ORGANIZATION,
                                              hd_record_get_id (org), NULL);
    g_assert_nonnull (still);
  }

  /* archiving is the way out */
  hd_store_set_archived (store, HD_ENTITY_ORGANIZATION, hd_record_get_id (org), TRUE, &error);
  g_assert_no_error (error);

  /* a reference from a list field counts too */
  event = test_event (TEST_HUB, "KI-Sprechstunde", "2026-11-25T14:00:00Z",
                      "2026-11-25T16:00:00Z");
  save (store, event);
  session = hd_record_new (HD_ENTITY_SESSION, TEST_HUB);
  hd_record_set_string (session, "event_id", hd_record_get_id (event));
  hd_record_set_string (session, "title", "Begrüßung");
  hd_record_set_string (session, "starts_at", "2026-11-25T14:00:00Z");
  hd_record_set_string (session, "ends_at", "2026-11-25T14:15:00Z");
  speakers[0] = hd_record_get_id (person);
  hd_record_set_strv (session, "speaker_ids", speakers);
  save (store, session);

  hd_store_delete (store, HD_ENTITY_PERSON, hd_record_get_id (person), &error);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_IN_USE);
  g_clear_error (&error);
  hd_store_delete (store, HD_ENTITY_EVENT, hd_record_get_id (event), &error);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_IN_USE);
  g_clear_error (&error);

  /* once the referring records are gone, deleting works */
  hd_store_delete (store, HD_ENTITY_SESSION, hd_record_get_id (session), &error);
  g_assert_no_error (error);
  hd_store_delete (store, HD_ENTITY_PERSON, hd_record_get_id (person), &error);
  g_assert_no_error (error);
  hd_store_delete (store, HD_ENTITY_ORGANIZATION, hd_record_get_id (org), &error);
  g_assert_no_error (error);
  hd_store_delete (store, HD_ENTITY_EVENT, hd_record_get_id (event), &error);
  g_assert_no_error (error);

  g_clear_object (&store);
  test_dir_clear (&dir);
}

static void
test_hubs (void)
{
  TestDir dir;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdRecord) hub = NULL;
  g_autoptr(HdRecord) person = NULL;
  g_autoptr(HdRecord) loaded = NULL;
  g_autoptr(GError) error = NULL;

  test_dir_init (&dir);
  store = test_open_store (dir.path);

  /* standalone: hubs are made locally, without outbox entry */
  hub = hd_record_new (HD_ENTITY_HUB, NULL);
  hd_record_set_string (hub, "name", "Digital Hub Neckar-Alb");
  save (store, hub);
  g_assert_cmpint (outbox_count (store), ==, 0);
  g_assert_cmpint (hd_store_get_sync_state (store, HD_ENTITY_HUB, hd_record_get_id (hub)),
                   ==, HD_SYNC_LOCAL);
  loaded = hd_store_get (store, HD_ENTITY_HUB, hd_record_get_id (hub), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_record_get_string (loaded, "name"), ==, "Digital Hub Neckar-Alb");

  /* a hub with records is in use */
  person = test_person (hd_record_get_id (hub), "Mia", "Koch");
  save (store, person);
  hd_store_delete (store, HD_ENTITY_HUB, hd_record_get_id (hub), &error);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_IN_USE);
  g_clear_error (&error);

  /* bound to a server: hubs are the server's */
  hd_store_set_meta (store, "server_url", "https://sync.example.org", &error);
  g_assert_no_error (error);
  hd_record_set_string (hub, "region", "Reutlingen");
  hd_store_save (store, hub, &error);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* the client id is made once */
  hd_store_set_meta (store, "client_id", "something else", &error);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  g_clear_object (&store);
  test_dir_clear (&dir);
}

static void
test_insert_many (void)
{
  TestDir dir;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(HdRecord) edit = NULL;
  g_autoptr(GError) error = NULL;
  HdQuery q = { .entity = HD_ENTITY_PERSON };
  HdRecord *bad;

  test_dir_init (&dir);
  store = test_open_store (dir.path);

  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *family = g_strdup_printf ("Bäcker %03u", i);
      g_ptr_array_add (records, test_person (TEST_HUB, "Max", family));
    }

  hd_store_insert_many (store, records, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (store, &q), ==, 500);
  g_assert_cmpint (outbox_count (store), ==, 0);
  g_assert_cmpint (hd_store_get_sync_state (store, HD_ENTITY_PERSON,
                                            hd_record_get_id (records->pdata[7])),
                   ==, HD_SYNC_LOCAL);

  /* the search index is filled */
  q.search = "baecker 04";
  found = query (store, &q);
  g_assert_cmpuint (found->len, ==, 10);
  q.search = NULL;

  /* one invalid record refuses the whole batch */
  g_ptr_array_set_size (records, 0);
  g_ptr_array_add (records, test_person (TEST_HUB, "Ida", "Neu"));
  bad = hd_record_new (HD_ENTITY_PERSON, TEST_HUB);
  g_ptr_array_add (records, bad);
  hd_store_insert_many (store, records, &error);
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_cmpint (count (store, &q), ==, 500);

  /* the first edit of a LOCAL record carries all of it */
  g_clear_pointer (&found, g_ptr_array_unref);
  q.limit = 1;
  found = query (store, &q);
  edit = hd_record_copy (found->pdata[0]);
  hd_record_set_string (edit, "job_title", "Bäckermeister");
  save (store, edit);
  entries = outbox_all (store);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpuint (hd_record_get_present (((HdOutboxEntry *) entries->pdata[0])->changes),
                    ==, hd_record_get_present (edit));
  g_assert_cmpint (hd_store_get_sync_state (store, HD_ENTITY_PERSON, hd_record_get_id (edit)),
                   ==, HD_SYNC_PENDING);

  /* a LOCAL record no server knows goes without outbox entry */
  hd_store_delete (store, HD_ENTITY_PERSON, hd_record_get_id (records->pdata[0]), &error);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);  /* never inserted */
  g_clear_error (&error);
  g_clear_pointer (&found, g_ptr_array_unref);
  q.offset = 1;
  found = query (store, &q);
  hd_store_delete (store, HD_ENTITY_PERSON, hd_record_get_id (found->pdata[0]), &error);
  g_assert_no_error (error);
  g_assert_cmpint (outbox_count (store), ==, 1);
  q.offset = 0;
  q.limit = 0;
  q.include_deleted = TRUE;
  g_assert_cmpint (count (store, &q), ==, 499);

  g_clear_object (&store);
  test_dir_clear (&dir);
}

/* ---- queries ---- */

static void
test_query_filters (void)
{
  TestDir dir;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdRecord) org = NULL;
  g_autofree char *names = NULL;
  const char *family[] = { "Peters", "Özdemir", "nagel", "Albrecht", "Zimmermann", "Müller" };
  HdQuery q = { .entity = HD_ENTITY_PERSON };

  test_dir_init (&dir);
  store = test_open_store (dir.path);

  org = test_organization (TEST_HUB, "TRUMPF SE + Co. KG");
  save (store, org);

  for (guint i = 0; i < G_N_ELEMENTS (family); i++)
    {
      g_autoptr(HdRecord) person = test_person (i < 4 ? TEST_HUB : TEST_HUB_2, "Kim", family[i]);

      if (i % 2 == 0)
        hd_record_set_string (person, "organization_id", hd_record_get_id (org));
      save (store, person);
    }

  /* the default order: family name, umlauts with their base letter,
   * regardless of case */
  found = query (store, &q);
  names = family_names (found);
  g_assert_cmpstr (names, ==, "Albrecht|Müller|nagel|Özdemir|Peters|Zimmermann");
  g_clear_pointer (&found, g_ptr_array_unref);
  g_clear_pointer (&names, g_free);

  q.descending = TRUE;
  found = query (store, &q);
  names = family_names (found);
  g_assert_cmpstr (names, ==, "Zimmermann|Peters|Özdemir|nagel|Müller|Albrecht");
  g_clear_pointer (&found, g_ptr_array_unref);
  g_clear_pointer (&names, g_free);
  q.descending = FALSE;

  /* paging */
  q.limit = 2;
  q.offset = 2;
  found = query (store, &q);
  names = family_names (found);
  g_assert_cmpstr (names, ==, "nagel|Özdemir");
  g_clear_pointer (&found, g_ptr_array_unref);
  g_clear_pointer (&names, g_free);
  q.limit = 0;
  q.offset = 0;

  /* hub */
  q.hub_id = TEST_HUB_2;
  g_assert_cmpint (count (store, &q), ==, 2);
  q.hub_id = NULL;

  /* reference */
  q.ref_field = "organization_id";
  q.ref_id = hd_record_get_id (org);
  found = query (store, &q);
  names = family_names (found);
  g_assert_cmpstr (names, ==, "nagel|Peters|Zimmermann");
  g_clear_pointer (&found, g_ptr_array_unref);
  g_clear_pointer (&names, g_free);
  q.ref_id = NULL;
  g_assert_cmpint (count (store, &q), ==, 3);  /* those without organization */
  q.ref_field = "family_name";  /* not a reference */
  g_assert_cmpint (hd_store_count (store, &q, &error), ==, -1);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_FAILED);
  g_clear_error (&error);
  q.ref_field = NULL;

  /* explicit order: validated against the schema, never spliced in */
  q.order_by = "given_name; DROP TABLE person";
  g_assert_null (hd_store_query (store, &q, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_FAILED);
  g_clear_error (&error);
  q.order_by = "family_name";
  q.descending = TRUE;
  found = query (store, &q);
  g_assert_cmpstr (hd_record_get_string (found->pdata[0], "family_name"), ==, "Zimmermann");
  g_clear_pointer (&found, g_ptr_array_unref);
  q.order_by = NULL;
  q.descending = FALSE;

  /* people have no status; filtering by one is refused */
  q.status = "published";
  g_assert_null (hd_store_query (store, &q, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_FAILED);
  g_clear_error (&error);
  q.status = NULL;

  g_assert_cmpint (count (store, &q), ==, 6);

  g_clear_object (&store);
  test_dir_clear (&dir);
}

static void
test_query_time (void)
{
  TestDir dir;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *names = NULL;
  const struct {
    const char *title, *starts, *ends, *status;
  } events[] = {
    { "Hackathon", "2026-11-20T16:00:00Z", "2026-11-23T12:00:00Z", "published" },
    { "KI-Sprechstunde", "2026-11-24T09:00:00Z", "2026-11-24T11:00:00Z", "published" },
    { "Netzwerkabend", "2026-11-26T17:00:00Z", "2026-11-26T21:00:00Z", "draft" },
    { "Jahresrückblick", "2026-12-10T17:00:00Z", "2026-12-10T19:00:00Z", "published" },
    { "Rückblick Oktober", "2026-10-30T17:00:00Z", "2026-10-30T19:00:00Z", "cancelled" },
  };
  const struct {
    const char *on, *topic;
  } interactions[] = {
    { "2026-11-02", "a" }, { "2026-11-23", "b" }, { "2026-11-29", "c" }, { "2026-11-30", "d" },
  };
  HdQuery q = { .entity = HD_ENTITY_EVENT };

  test_dir_init (&dir);
  store = test_open_store (dir.path);

  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      g_autoptr(HdRecord) event = test_event (TEST_HUB, events[i].title, events[i].starts,
                                              events[i].ends);
      hd_record_set_string (event, "status", events[i].status);
      save (store, event);
    }

  /* default order: by start */
  found = query (store, &q);
  names = titles (found);
  g_assert_cmpstr (names, ==,
                   "Rückblick Oktober|Hackathon|KI-Sprechstunde|Netzwerkabend|Jahresrückblick");
  g_clear_pointer (&found, g_ptr_array_unref);
  g_clear_pointer (&names, g_free);

  /* the week of 23 November: what overlaps it, including the hackathon
   * that began the Friday before */
  q.from = "2026-11-23T00:00:00Z";
  q.until = "2026-11-30T00:00:00Z";
  found = query (store, &q);
  names = titles (found);
  g_assert_cmpstr (names, ==, "Hackathon|KI-Sprechstunde|Netzwerkabend");
  g_clear_pointer (&found, g_ptr_array_unref);
  g_clear_pointer (&names, g_free);

  q.status = "published";
  found = query (store, &q);
  names = titles (found);
  g_assert_cmpstr (names, ==, "Hackathon|KI-Sprechstunde");
  g_clear_pointer (&found, g_ptr_array_unref);
  g_clear_pointer (&names, g_free);
  q.status = NULL;
  q.from = NULL;
  q.until = NULL;

  /* interactions: by day, newest first */
  for (guint i = 0; i < G_N_ELEMENTS (interactions); i++)
    {
      g_autoptr(HdRecord) interaction = hd_record_new (HD_ENTITY_INTERACTION, TEST_HUB);

      hd_record_set_string (interaction, "occurred_on", interactions[i].on);
      hd_record_set_string (interaction, "topic", interactions[i].topic);
      save (store, interaction);
    }

  q.entity = HD_ENTITY_INTERACTION;
  found = query (store, &q);
  g_assert_cmpuint (found->len, ==, 4);
  g_assert_cmpstr (hd_record_get_string (found->pdata[0], "occurred_on"), ==, "2026-11-30");
  g_assert_cmpstr (hd_record_get_string (found->pdata[3], "occurred_on"), ==, "2026-11-02");
  g_clear_pointer (&found, g_ptr_array_unref);

  q.from = "2026-11-23T00:00:00Z";
  q.until = "2026-11-30T00:00:00Z";
  g_assert_cmpint (count (store, &q), ==, 2);  /* 23rd and 29th */
  q.until = "2026-11-30T12:00:00Z";
  g_assert_cmpint (count (store, &q), ==, 3);  /* the 30th has begun */

  g_clear_object (&store);
  test_dir_clear (&dir);
}

/* ---- search ---- */

static guint
search_count (HdStore    *store,
              HdEntity    entity,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  HdQuery q = { .entity = entity, .search = text };

  found = hd_store_query (store, &q, &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpint (hd_store_count (store, &q, &error), ==, (gint64) found->len);
  g_assert_no_error (error);

  return found->len;
}

static gboolean
search_finds_in (HdStore    *store,
                 HdEntity    entity,
                 const char *text,
                 const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  HdQuery q = { .entity = entity, .search = text };

  found = hd_store_query (store, &q, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < found->len; i++)
    {
      if (g_str_equal (hd_record_get_id (found->pdata[i]), id))
        return TRUE;
    }

  return FALSE;
}

static gboolean
search_finds (HdStore    *store,
              const char *text,
              const char *id)
{
  return search_finds_in (store, HD_ENTITY_PERSON, text, id);
}

static void
test_search_umlauts (void)
{
  TestDir dir;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdRecord) mueller = NULL;
  g_autoptr(HdRecord) mueller2 = NULL;
  g_autoptr(HdRecord) other = NULL;
  g_autoptr(HdRecord) org = NULL;
  g_autoptr(HdRecord) event = NULL;
  g_autoptr(HdRecord) edit = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  const char *tags[] = { "Förderung", "Gründung", NULL };
  HdQuery q = { .entity = HD_ENTITY_PERSON };

  test_dir_init (&dir);
  store = test_open_store (dir.path);

  mueller = test_person (TEST_HUB, "Jürgen", "Müller");
  hd_record_set_string (mueller, "job_title", "Geschäftsführer");
  save (store, mueller);
  mueller2 = test_person (TEST_HUB_2, "Sabine", "Mueller");
  save (store, mueller2);
  other = test_person (TEST_HUB, "Eva", "Straßburger");
  hd_record_set_strv (other, "tags", tags);
  save (store, other);

  /* "muller" is Müller without the dots; "mueller" and "Müller" are
   * both spellings, and so find Müller and Mueller */
  g_assert_true (search_finds (store, "muller", hd_record_get_id (mueller)));
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "muller"), ==, 1);
  g_assert_true (search_finds (store, "Mül", hd_record_get_id (mueller)));
  g_assert_true (search_finds (store, "MÜLLER", hd_record_get_id (mueller)));
  g_assert_true (search_finds (store, "mueller", hd_record_get_id (mueller)));
  g_assert_true (search_finds (store, "müller", hd_record_get_id (mueller2)));
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "Mül"), ==, 2);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "MÜLLER"), ==, 2);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "mueller"), ==, 2);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "muel"), ==, 2);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "jurgen mul"), ==, 1);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "geschaftsf"), ==, 1);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "strasse"), ==, 0);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "strassb"), ==, 1);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "straßb"), ==, 1);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "grundung"), ==, 1);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "Schmidt"), ==, 0);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "  "), ==, 3);

  /* search combines with the other filters */
  q.search = "müller";
  q.hub_id = TEST_HUB_2;
  found = hd_store_query (store, &q, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (hd_record_get_id (found->pdata[0]), ==, hd_record_get_id (mueller2));
  g_clear_pointer (&found, g_ptr_array_unref);

  /* the count from the search index alone agrees with the rows: hub,
   * archived */
  g_assert_cmpint (hd_store_count (store, &q, &error), ==, 1);
  g_assert_no_error (error);
  q.hub_id = TEST_HUB;
  g_assert_cmpint (hd_store_count (store, &q, &error), ==, 1);
  hd_store_set_archived (store, HD_ENTITY_PERSON, hd_record_get_id (mueller), TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_store_count (store, &q, &error), ==, 0);
  q.include_archived = TRUE;
  g_assert_cmpint (hd_store_count (store, &q, &error), ==, 1);
  found = hd_store_query (store, &q, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  q.hub_id = NULL;
  q.include_archived = FALSE;
  g_assert_cmpint (hd_store_count (store, &q, &error), ==, 1);  /* Mueller */
  hd_store_set_archived (store, HD_ENTITY_PERSON, hd_record_get_id (mueller), FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_store_count (store, &q, &error), ==, 2);
  /* a filter the index does not know goes through the table */
  q.ref_field = "organization_id";
  g_assert_cmpint (hd_store_count (store, &q, &error), ==, 2);
  q.ref_id = "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f";
  g_assert_cmpint (hd_store_count (store, &q, &error), ==, 0);
  q.ref_field = NULL;
  q.ref_id = NULL;

  /* the index follows edits and deletes */
  edit = hd_record_copy (mueller);
  hd_record_set_string (edit, "family_name", "Möller");
  save (store, edit);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "muller"), ==, 0);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "moller"), ==, 1);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "jürgen"), ==, 1);
  hd_store_delete (store, HD_ENTITY_PERSON, hd_record_get_id (mueller), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "moller"), ==, 0);

  /* organizations: name, city, sector, register number */
  org = test_organization (TEST_HUB, "Würth Elektronik eiSos GmbH & Co. KG");
  hd_record_set_string (org, "city", "Waldenburg");
  hd_record_set_string (org, "register_id", "HRA 590790, Amtsgericht Stuttgart");
  save (store, org);
  g_assert_cmpuint (search_count (store, HD_ENTITY_ORGANIZATION, "wurth"), ==, 1);
  g_assert_cmpuint (search_count (store, HD_ENTITY_ORGANIZATION, "wuerth elek"), ==, 1);
  g_assert_cmpuint (search_count (store, HD_ENTITY_ORGANIZATION, "waldenb"), ==, 1);
  g_assert_cmpuint (search_count (store, HD_ENTITY_ORGANIZATION, "HRA 590790"), ==, 1);

  /* events: title, description, location */
  event = test_event (TEST_HUB, "Digitalisierung im Mittelstand",
                      "2026-11-25T14:00:00Z", "2026-11-25T16:00:00Z");
  hd_record_set_string (event, "description", "Förderprogramme für kleine Unternehmen");
  hd_record_set_string (event, "location", "Hauptbahnhof Süd, Ulm");
  save (store, event);
  g_assert_cmpuint (search_count (store, HD_ENTITY_EVENT, "forderprog"), ==, 1);
  g_assert_cmpuint (search_count (store, HD_ENTITY_EVENT, "ulm mittelst"), ==, 1);
  g_assert_cmpuint (search_count (store, HD_ENTITY_EVENT, "sued"), ==, 1);

  /* entities without search fields match words in their text */
  {
    g_autoptr(HdRecord) room = hd_record_new (HD_ENTITY_ROOM, TEST_HUB);

    hd_record_set_string (room, "name", "Großer Saal");
    hd_record_set_int (room, "capacity", 120);
    save (store, room);
    g_assert_cmpuint (search_count (store, HD_ENTITY_ROOM, "saal"), ==, 1);
    g_assert_cmpuint (search_count (store, HD_ENTITY_ROOM, "küche"), ==, 0);
  }

  g_clear_object (&store);
  test_dir_clear (&dir);
}

static void
test_search_hostile (void)
{
  TestDir dir;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdRecord) person = NULL;
  const char *inputs[] = {
    "\"", "*", "AND OR (", "'; DROP TABLE person; --", "NEAR(a b)", "\"\"\"", "^",
    "family_name:Müller", "a OR", ")", "-", "+", "{a b}", "NOT", "\\", "%", "_",
    "Müller\"*", "\xff\xfe", "a*b*c*", "ö ä ü ß", "日本", "🙂",
  };

  test_dir_init (&dir);
  store = test_open_store (dir.path);

  person = test_person (TEST_HUB, "Anna", "Müller");
  save (store, person);

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      for (guint e = 0; e < HD_N_ENTITIES; e++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) found = NULL;
          HdQuery q = { .entity = (HdEntity) e, .search = inputs[i] };

          found = hd_store_query (store, &q, &error);
          g_assert_no_error (error);
          g_assert_nonnull (found);
          hd_store_count (store, &q, &error);
          g_assert_no_error (error);
        }
    }

  /* a real match inside hostile noise still matches */
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "\"Müller\"*"), ==, 1);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "family_name:Müller"), ==, 0);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "(anna) AND"), ==, 0);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "(anna)"), ==, 1);

  /* and the table is still there */
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, NULL), ==, 1);

  g_clear_object (&store);
  test_dir_clear (&dir);
}

static void
test_search_deferred (void)
{
  TestDir dir;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(HdRecord) person = NULL;
  g_autoptr(GError) error = NULL;

  test_dir_init (&dir);
  store = test_open_store (dir.path);

  hd_store_set_search_deferred (store, TRUE, &error);
  g_assert_no_error (error);

  person = test_person (TEST_HUB, "Paul", "Schönherr");
  save (store, person);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "schon"), ==, 0);

  /* an interrupted bulk load is caught up at the next open */
  g_clear_object (&store);
  store = test_open_store (dir.path);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "schon"), ==, 1);

  hd_store_set_search_deferred (store, TRUE, &error);
  g_assert_no_error (error);
  g_ptr_array_add (records, test_person (TEST_HUB, "Greta", "Schönfeld"));
  hd_store_insert_many (store, records, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "schon"), ==, 1);
  hd_store_set_search_deferred (store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "schon"), ==, 2);

  g_clear_object (&store);
  test_dir_clear (&dir);
}

/* ---- schema versions ---- */

static void
test_migrate_from_v1 (void)
{
  TestDir dir;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  g_autofree char *client_id = NULL;
  const HdDbMigration *steps;
  guint n_steps;
  sqlite3 *db;
  HdQuery q = { .entity = HD_ENTITY_PERSON };

  test_dir_init (&dir);

  /* a database as version 1 made it, with data in it */
  steps = hd_store_schema_migrations (&n_steps);
  g_assert_cmpuint (n_steps, >=, 2);
  db = hd_db_open (dir.path, &error);
  g_assert_no_error (error);
  hd_db_migrate (db, steps, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_db_get_user_version (db, NULL), ==, 1);
  hd_db_exec (db,
              "INSERT INTO person (id, hub_id, given_name, family_name) VALUES "
              "('6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f', '" TEST_HUB "', 'Hans', 'Peters'),"
              "('7a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', '" TEST_HUB "', 'Ayşe', 'Özdemir'),"
              "('8b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e', '" TEST_HUB "', 'Karl', 'Müller')",
              &error);
  g_assert_no_error (error);
  sqlite3_close (db);

  store = test_open_store (dir.path);
  g_assert_cmpint (hd_store_get_schema_version (store), ==, (int) n_steps);

  /* step 2 indexed the old rows, step 3 gave them sort keys */
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "muller"), ==, 1);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "ayse"), ==, 1);
  found = query (store, &q);
  names = family_names (found);
  g_assert_cmpstr (names, ==, "Müller|Özdemir|Peters");

  /* the client id made by version 1 is kept */
  client_id = g_strdup (hd_store_get_client_id (store));
  g_assert_true (hd_uuid_is_valid (client_id));
  g_clear_object (&store);
  store = test_open_store (dir.path);
  g_assert_cmpstr (hd_store_get_client_id (store), ==, client_id);
  g_assert_cmpint (hd_store_get_schema_version (store), ==, (int) n_steps);

  g_clear_object (&store);
  test_dir_clear (&dir);
}

static void
assert_refused_untouched (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autofree char *before = test_file_checksum (path);
  g_autofree char *after = NULL;

  store = hd_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NEWER_VERSION);

  after = test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_newer_version_refused (void)
{
  TestDir dir;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdRecord) person = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *wal = NULL;

  test_dir_init (&dir);

  /* A file in rollback-journal mode: switching it to WAL would already
   * change its header, so the version must be read first. */
  plain = g_build_filename (dir.dir, "plain.db", NULL);
  test_exec_sql (plain, "CREATE TABLE future (x TEXT); INSERT INTO future VALUES ('x');"
                        "PRAGMA user_version = 99;");
  assert_refused_untouched (plain);
  assert_refused_untouched (plain);

  /* A store of ours, then raised to a version from the future. */
  store = test_open_store (dir.path);
  person = test_person (TEST_HUB, "Nora", "Klein");
  save (store, person);
  g_clear_object (&store);
  test_exec_sql (dir.path, "PRAGMA user_version = 99");
  wal = g_strconcat (dir.path, "-wal", NULL);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  assert_refused_untouched (dir.path);

  test_dir_clear (&dir);
}

/* ---- a full disk ---- */

static void
test_disk_full (void)
{
  TestDir dir;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *big = NULL;
  g_autofree char *report = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
  HdQuery q = { .entity = HD_ENTITY_PERSON };
  gint64 outbox_before;
  gint64 pages;
  guint saved = 0;

  test_dir_init (&dir);
  store = test_open_store (dir.path);

  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *family = g_strdup_printf ("Vorher %02u", i);
      g_autoptr(HdRecord) person = test_person (TEST_HUB, "Ute", family);

      save (store, person);
      g_ptr_array_add (kept, g_strdup (hd_record_get_id (person)));
    }
  outbox_before = outbox_count (store);

  pages = hd_store_get_page_count (store);
  g_assert_cmpint (pages, >, 0);
  g_assert_cmpint (hd_store_set_max_page_count (store, pages + 12), ==, pages + 12);

  /* notes of 15,000 characters take a few pages each */
  big = g_strnfill (15000, 'x');
  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(HdRecord) person = test_person (TEST_HUB, "Voll", "Platte");
      gboolean ok;

      hd_record_set_string (person, "notes", big);
      ok = hd_store_save (store, person, &error);
      if (!ok)
        {
          g_autoptr(GError) get_error = NULL;

          g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_FULL);
          g_assert_nonnull (strstr (error->message, "disk is full"));
          /* the failed record is not there */
          g_assert_null (hd_store_get (store, HD_ENTITY_PERSON, hd_record_get_id (person),
                                       &get_error));
          g_assert_error (get_error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
          break;
        }
      g_ptr_array_add (kept, g_strdup (hd_record_get_id (person)));
      saved++;
    }
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* everything committed before is there, the outbox matches, the file is
   * sound; also after a restart */
  report = test_integrity_check (dir.path);
  g_assert_cmpstr (report, ==, "ok");
  g_assert_cmpint (count (store, &q), ==, (gint64) kept->len);
  g_assert_cmpint (outbox_count (store), ==, outbox_before + saved);

  g_clear_object (&store);
  store = test_open_store (dir.path);
  g_assert_cmpint (count (store, &q), ==, (gint64) kept->len);
  g_assert_cmpint (outbox_count (store), ==, outbox_before + saved);
  for (guint i = 0; i < kept->len; i++)
    {
      g_autoptr(HdRecord) person = hd_store_get (store, HD_ENTITY_PERSON, kept->pdata[i], &error);
      g_assert_no_error (error);
      g_assert_nonnull (person);
    }

  /* with room again, writing works */
  {
    g_autoptr(HdRecord) person = test_person (TEST_HUB, "Wieder", "Platz");

    hd_record_set_string (person, "notes", big);
    save (store, person);
  }

  g_clear_pointer (&report, g_free);
  report = test_integrity_check (dir.path);
  g_assert_cmpstr (report, ==, "ok");

  g_clear_object (&store);
  test_dir_clear (&dir);
}

/* ---- sync ---- */

static HdRecord *
server_copy (HdRecord *record,
             gint64    version)
{
  HdRecord *copy = hd_record_copy (record);

  hd_record_set_version (copy, version);
  hd_record_set_meta (copy, "2026-11-01T10:00:00Z", "2026-11-02T10:00:00Z",
                      "2c5a9f4e-1d3b-4e6a-9b8c-7d0e1f2a3b4c");
  return copy;
}

static void
apply (HdStore    *store,
       HdRecord   *record,
       const char *cursor)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (page, record);
  hd_store_apply_pulled (store, page, cursor, &error);
  g_assert_no_error (error);
}

static void
test_apply_pulled (void)
{
  TestDir dir;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdRecord) person = NULL;
  g_autoptr(HdRecord) v1 = NULL;
  g_autoptr(HdRecord) v2 = NULL;
  g_autoptr(HdRecord) v3 = NULL;
  g_autoptr(HdRecord) edit = NULL;
  g_autoptr(HdRecord) local = NULL;
  g_autoptr(HdRecord) base = NULL;
  g_autoptr(HdRecord) other = NULL;
  g_autoptr(HdRecord) other_v2 = NULL;
  g_autoptr(HdRecord) tomb = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  const char *id;

  test_dir_init (&dir);
  store = test_open_store (dir.path);

  person = test_person (TEST_HUB, "Clara", "Fischer");
  hd_record_set_string (person, "job_title", "Gründerin");
  save (store, person);
  id = hd_record_get_id (person);

  /* pushed and acknowledged: SYNCED once the outbox is empty */
  hd_store_outbox_remove_upto (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outbox_count (store), ==, 0);
  g_assert_cmpint (hd_store_get_sync_state (store, HD_ENTITY_PERSON, id), ==, HD_SYNC_SYNCED);

  v1 = server_copy (person, 1);
  apply (store, v1, "c1");
  local = hd_store_get (store, HD_ENTITY_PERSON, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_record_get_version (local), ==, 1);
  g_assert_cmpstr (hd_record_get_updated_by (local), ==, "2c5a9f4e-1d3b-4e6a-9b8c-7d0e1f2a3b4c");
  g_clear_pointer (&local, hd_record_unref);

  /* a local edit of the job title, not pushed yet */
  edit = hd_record_copy (v1);
  hd_record_set_string (edit, "job_title", "Geschäftsführerin");
  save (store, edit);
  g_assert_cmpint (hd_store_get_sync_state (store, HD_ENTITY_PERSON, id), ==, HD_SYNC_PENDING);

  /* meanwhile a colleague changed the e-mail and given name */
  v2 = server_copy (v1, 2);
  hd_record_set_string (v2, "email", "clara.fischer@example.de");
  hd_record_set_string (v2, "given_name", "Klara");
  apply (store, v2, "c2");

  local = hd_store_get (store, HD_ENTITY_PERSON, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_record_get_version (local), ==, 2);
  g_assert_cmpstr (hd_record_get_string (local, "email"), ==, "clara.fischer@example.de");
  g_assert_cmpstr (hd_record_get_string (local, "given_name"), ==, "Klara");
  g_assert_cmpstr (hd_record_get_string (local, "job_title"), ==, "Geschäftsführerin");
  g_assert_cmpint (hd_store_get_sync_state (store, HD_ENTITY_PERSON, id), ==, HD_SYNC_PENDING);
  base = hd_store_get_base (store, HD_ENTITY_PERSON, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_record_get_version (base), ==, 2);
  g_assert_cmpstr (hd_record_get_string (base, "job_title"), ==, "Gründerin");
  g_assert_cmpstr (hd_record_get_string (base, "given_name"), ==, "Klara");
  cursor = hd_store_get_meta (store, "cursor");
  g_assert_cmpstr (cursor, ==, "c2");
  g_clear_pointer (&cursor, g_free);
  g_clear_pointer (&local, hd_record_unref);
  g_clear_pointer (&base, hd_record_unref);
  /* the outbox entry is untouched: still based on version 1 */
  {
    g_autoptr(GPtrArray) entries = outbox_all (store);
    g_assert_cmpuint (entries->len, ==, 1);
    g_assert_cmpint (((HdOutboxEntry *) entries->pdata[0])->base_version, ==, 1);
  }

  /* the server changed the same field: the local value stays on top */
  v3 = server_copy (v2, 3);
  hd_record_set_string (v3, "job_title", "Vorständin");
  apply (store, v3, NULL);
  local = hd_store_get (store, HD_ENTITY_PERSON, id, &error);
  g_assert_cmpstr (hd_record_get_string (local, "job_title"), ==, "Geschäftsführerin");
  g_assert_cmpint (hd_record_get_version (local), ==, 3);
  base = hd_store_get_base (store, HD_ENTITY_PERSON, id, &error);
  g_assert_cmpstr (hd_record_get_string (base, "job_title"), ==, "Vorständin");
  cursor = hd_store_get_meta (store, "cursor");
  g_assert_cmpstr (cursor, ==, "c2");  /* NULL leaves it */
  g_clear_pointer (&local, hd_record_unref);

  /* a record without local changes simply becomes the server's, a new
   * one appears, a tombstone removes */
  other = test_person (TEST_HUB, "Tom", "Berger");
  other_v2 = server_copy (other, 7);
  apply (store, other_v2, "c3");
  g_assert_cmpint (hd_store_get_sync_state (store, HD_ENTITY_PERSON, hd_record_get_id (other)),
                   ==, HD_SYNC_SYNCED);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "berger"), ==, 1);
  tomb = server_copy (other, 8);
  hd_record_set_deleted (tomb, TRUE);
  apply (store, tomb, "c4");
  local = hd_store_get (store, HD_ENTITY_PERSON, hd_record_get_id (other), &error);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
  g_assert_null (local);
  g_clear_error (&error);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "berger"), ==, 0);

  /* a page is applied whole or not at all, with its cursor */
  {
    g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
    g_autoptr(HdRecord) good = test_person (TEST_HUB, "Gut", "Seite");
    g_autoptr(HdRecord) broken = test_person (NULL, "Kaputt", "Seite");

    g_ptr_array_add (page, server_copy (good, 9));
    g_ptr_array_add (page, server_copy (broken, 10));
    hd_store_apply_pulled (store, page, "c5", &error);
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "seite"), ==, 0);
    g_clear_pointer (&cursor, g_free);
    cursor = hd_store_get_meta (store, "cursor");
    g_assert_cmpstr (cursor, ==, "c4");
  }

  /* a pending delete stays deleted over a pulled update */
  hd_store_delete (store, HD_ENTITY_PERSON, id, &error);
  g_assert_no_error (error);
  {
    g_autoptr(HdRecord) v4 = server_copy (v3, 4);

    hd_record_set_string (v4, "phone", "+49 711 123456");
    apply (store, v4, NULL);
  }
  local = hd_store_get (store, HD_ENTITY_PERSON, id, &error);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_clear_object (&store);
  test_dir_clear (&dir);
}

static void
test_sync_state (void)
{
  TestDir dir;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdRecord) booking_room = NULL;
  g_autoptr(HdRecord) pulled = NULL;
  g_autoptr(HdRecord) local = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  const char *id;

  test_dir_init (&dir);
  store = test_open_store (dir.path);

  booking_room = hd_record_new (HD_ENTITY_ROOM, TEST_HUB);
  hd_record_set_string (booking_room, "name", "Werkstatt");
  hd_record_set_int (booking_room, "capacity", 12);
  save (store, booking_room);
  id = hd_record_get_id (booking_room);

  hd_store_set_sync_state (store, HD_ENTITY_ROOM, id, HD_SYNC_REJECTED,
                           "{\"code\": \"forbidden\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_store_get_sync_state (store, HD_ENTITY_ROOM, id), ==, HD_SYNC_REJECTED);
  reason = hd_store_get_reject_reason (store, HD_ENTITY_ROOM, id);
  g_assert_cmpstr (reason, ==, "{\"code\": \"forbidden\"}");

  /* a rejected record stays as the user made it over a pulled copy */
  hd_store_outbox_remove_upto (store, 100, &error);
  g_assert_no_error (error);
  pulled = server_copy (booking_room, 5);
  hd_record_set_string (pulled, "name", "Alte Werkstatt");
  hd_record_set_string (pulled, "notes", "Schlüssel am Empfang");
  apply (store, pulled, NULL);
  local = hd_store_get (store, HD_ENTITY_ROOM, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_record_get_string (local, "name"), ==, "Werkstatt");
  g_assert_cmpint (hd_store_get_sync_state (store, HD_ENTITY_ROOM, id), ==, HD_SYNC_REJECTED);

  /* back to SYNCED: the row is the server's copy, its own base */
  hd_store_set_sync_state (store, HD_ENTITY_ROOM, id, HD_SYNC_SYNCED, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(HdRecord) base = hd_store_get_base (store, HD_ENTITY_ROOM, id, &error);
    g_autofree char *no_reason = hd_store_get_reject_reason (store, HD_ENTITY_ROOM, id);

    g_assert_no_error (error);
    g_assert_nonnull (base);
    g_assert_cmpstr (hd_record_get_string (base, "name"), ==, "Werkstatt");
    g_assert_null (no_reason);
  }

  hd_store_set_sync_state (store, HD_ENTITY_ROOM, "00000000-0000-4000-8000-000000000000",
                           HD_SYNC_SYNCED, NULL, &error);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);

  g_clear_object (&store);
  test_dir_clear (&dir);
}

/* A tombstone as the server sends it: identity, version, no fields. */
static HdRecord *
tombstone_of (HdRecord *record,
              gint64    version)
{
  HdRecord *tomb = hd_record_new_empty (hd_record_get_entity (record),
                                        hd_record_get_id (record));

  hd_record_set_hub_id (tomb, hd_record_get_hub_id (record));
  hd_record_set_version (tomb, version);
  hd_record_set_deleted (tomb, TRUE);
  return tomb;
}

/* A room saved, pushed and pulled back: SYNCED at version 1. */
static HdRecord *
synced_room (HdStore    *store,
             const char *name)
{
  g_autoptr(HdRecord) room = hd_record_new (HD_ENTITY_ROOM, TEST_HUB);
  g_autoptr(GError) error = NULL;
  const char *equipment = "Beamer, Whiteboard";
  HdRecord *v1;

  hd_record_set_string (room, "name", name);
  hd_record_set_string (room, "kind", "workshop_space");
  hd_record_set_int (room, "capacity", 12);
  hd_record_set_string (room, "equipment", equipment);
  hd_record_set_string (room, "notes", "Schlüssel am Empfang");
  save (store, room);
  hd_store_outbox_remove_upto (store, G_MAXINT64, &error);
  g_assert_no_error (error);

  v1 = server_copy (room, 1);
  apply (store, v1, NULL);
  g_assert_cmpint (hd_store_get_sync_state (store, HD_ENTITY_ROOM, hd_record_get_id (room)),
                   ==, HD_SYNC_SYNCED);
  return v1;
}

/* What the sync engine does with a push answer: the state, then the
 * entries leave the outbox. */
static void
push_answered (HdStore     *store,
               HdRecord    *record,
               HdSyncState  state,
               const char  *reason)
{
  g_autoptr(GError) error = NULL;

  hd_store_set_sync_state (store, hd_record_get_entity (record), hd_record_get_id (record),
                           state, reason, &error);
  g_assert_no_error (error);
  hd_store_outbox_remove_upto (store, G_MAXINT64, &error);
  g_assert_no_error (error);
}

static void
assert_room_whole (HdStore    *store,
                   const char *id,
                   const char *name,
                   const char *notes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdRecord) local = hd_store_get (store, HD_ENTITY_ROOM, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (local);
  g_assert_false (hd_record_get_deleted (local));
  g_assert_cmpstr (hd_record_get_string (local, "name"), ==, name);
  g_assert_cmpstr (hd_record_get_string (local, "kind"), ==, "workshop_space");
  g_assert_cmpint (hd_record_get_int (local, "capacity", 0), ==, 12);
  g_assert_cmpstr (hd_record_get_string (local, "equipment"), ==, "Beamer, Whiteboard");
  g_assert_cmpstr (hd_record_get_string (local, "notes"), ==, notes);
  g_assert_cmpstr (hd_record_get_hub_id (local), ==, TEST_HUB);
}

static void
assert_base_is_tombstone (HdStore    *store,
                          const char *id,
                          gint64      version)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdRecord) base = hd_store_get_base (store, HD_ENTITY_ROOM, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (base);
  g_assert_true (hd_record_get_deleted (base));
  g_assert_cmpint (hd_record_get_version (base), ==, version);
}

/* The server deleted a record the person still has to decide about: the
 * record stays whole, its state stays, the tombstone becomes its base. */
static void
test_tombstone_keeps_decision (void)
{
  TestDir dir;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdRecord) conflicted = NULL;
  g_autoptr(HdRecord) rejected = NULL;
  g_autoptr(HdRecord) pending = NULL;
  g_autoptr(HdRecord) deleted = NULL;
  g_autoptr(HdRecord) edit = NULL;
  g_autoptr(HdRecord) tomb = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  const char *id;

  test_dir_init (&dir);
  store = test_open_store (dir.path);

  /* in conflict */
  conflicted = synced_room (store, "Werkstatt");
  id = hd_record_get_id (conflicted);
  edit = hd_record_copy (conflicted);
  hd_record_set_string (edit, "notes", "Schlüssel beim Hausmeister");
  save (store, edit);
  push_answered (store, conflicted, HD_SYNC_CONFLICT, NULL);
  tomb = tombstone_of (conflicted, 2);
  apply (store, tomb, "c1");
  assert_room_whole (store, id, "Werkstatt", "Schlüssel beim Hausmeister");
  g_assert_cmpint (hd_store_get_sync_state (store, HD_ENTITY_ROOM, id), ==, HD_SYNC_CONFLICT);
  assert_base_is_tombstone (store, id, 2);
  g_assert_true (search_finds_in (store, HD_ENTITY_ROOM, "werkstatt", id));
  g_assert_cmpint (outbox_count (store), ==, 0);
  g_clear_pointer (&edit, hd_record_unref);
  g_clear_pointer (&tomb, hd_record_unref);

  /* rejected, reason kept */
  rejected = synced_room (store, "Seminarraum");
  id = hd_record_get_id (rejected);
  edit = hd_record_copy (rejected);
  hd_record_set_string (edit, "notes", "Nur vormittags");
  save (store, edit);
  push_answered (store, rejected, HD_SYNC_REJECTED, "{\"code\": \"forbidden\"}");
  tomb = tombstone_of (rejected, 3);
  apply (store, tomb, "c2");
  assert_room_whole (store, id, "Seminarraum", "Nur vormittags");
  g_assert_cmpint (hd_store_get_sync_state (store, HD_ENTITY_ROOM, id), ==, HD_SYNC_REJECTED);
  reason = hd_store_get_reject_reason (store, HD_ENTITY_ROOM, id);
  g_assert_cmpstr (reason, ==, "{\"code\": \"forbidden\"}");
  assert_base_is_tombstone (store, id, 3);
  g_clear_pointer (&edit, hd_record_unref);
  g_clear_pointer (&tomb, hd_record_unref);

  /* an edit still in the outbox: whole, PENDING, its entry untouched */
  pending = synced_room (store, "Küche");
  id = hd_record_get_id (pending);
  edit = hd_record_copy (pending);
  hd_record_set_string (edit, "notes", "Kaffeemaschine neu");
  save (store, edit);
  tomb = tombstone_of (pending, 4);
  apply (store, tomb, "c3");
  assert_room_whole (store, id, "Küche", "Kaffeemaschine neu");
  g_assert_cmpint (hd_store_get_sync_state (store, HD_ENTITY_ROOM, id), ==, HD_SYNC_PENDING);
  assert_base_is_tombstone (store, id, 4);
  {
    g_autoptr(GPtrArray) entries = outbox_all (store);
    g_autofree char *fields = NULL;

    g_assert_cmpuint (entries->len, ==, 1);
    fields = test_entry_fields (entries->pdata[0]);
    g_assert_cmpstr (fields, ==, "notes");
    g_assert_cmpint (((HdOutboxEntry *) entries->pdata[0])->base_version, ==, 1);
  }
  hd_store_outbox_remove_upto (store, G_MAXINT64, &error);
  g_assert_no_error (error);
  g_clear_pointer (&edit, hd_record_unref);
  g_clear_pointer (&tomb, hd_record_unref);

  /* deleted here and there: stays deleted */
  deleted = synced_room (store, "Lager");
  id = hd_record_get_id (deleted);
  hd_store_delete (store, HD_ENTITY_ROOM, id, &error);
  g_assert_no_error (error);
  tomb = tombstone_of (deleted, 5);
  apply (store, tomb, "c4");
  g_assert_null (hd_store_get (store, HD_ENTITY_ROOM, id, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (search_finds_in (store, HD_ENTITY_ROOM, "lager", id));

  g_clear_object (&store);
  test_dir_clear (&dir);
}

static char *
only_entry_fields (HdStore *store,
                   gint64  *out_base_version)
{
  g_autoptr(GPtrArray) entries = outbox_all (store);
  HdOutboxEntry *entry;

  g_assert_cmpuint (entries->len, ==, 1);
  entry = entries->pdata[0];
  g_assert_false (entry->is_delete);
  if (out_base_version != NULL)
    *out_base_version = entry->base_version;
  return test_entry_fields (entry);
}

/* A rejected record, fixed and saved, goes out whole: every field that
 * differs from its base, not only the fix. */
static void
test_save_rejected (void)
{
  TestDir dir;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdRecord) v1 = NULL;
  g_autoptr(HdRecord) v2 = NULL;
  g_autoptr(HdRecord) edit = NULL;
  g_autoptr(HdRecord) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fields = NULL;
  g_autofree char *all_fields = NULL;
  g_autofree char *reason = NULL;
  gint64 base_version = -1;
  const char *id;

  test_dir_init (&dir);
  store = test_open_store (dir.path);

  v1 = synced_room (store, "Werkstatt");
  id = hd_record_get_id (v1);

  /* capacity raised: the server refuses */
  edit = hd_record_copy (v1);
  hd_record_set_int (edit, "capacity", 40);
  save (store, edit);
  push_answered (store, v1, HD_SYNC_REJECTED, "{\"code\": \"invalid\"}");

  /* meanwhile someone changed the notes on the server */
  v2 = server_copy (v1, 2);
  hd_record_set_string (v2, "notes", "Neue Schließanlage");
  apply (store, v2, NULL);
  g_assert_cmpint (hd_store_get_sync_state (store, HD_ENTITY_ROOM, id), ==, HD_SYNC_REJECTED);

  /* fixed by renaming: the capacity goes out again with the name, the
   * notes (as on the server) do not */
  g_clear_pointer (&edit, hd_record_unref);
  edit = hd_store_get (store, HD_ENTITY_ROOM, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_record_get_int (edit, "capacity", 0), ==, 40);
  g_assert_cmpstr (hd_record_get_string (edit, "notes"), ==, "Neue Schließanlage");
  hd_record_set_string (edit, "name", "Große Werkstatt");
  save (store, edit);
  fields = only_entry_fields (store, &base_version);
  g_assert_cmpstr (fields, ==, "capacity,name");
  g_assert_cmpint (base_version, ==, 2);
  g_assert_cmpint (hd_store_get_sync_state (store, HD_ENTITY_ROOM, id), ==, HD_SYNC_PENDING);
  reason = hd_store_get_reject_reason (store, HD_ENTITY_ROOM, id);
  g_assert_null (reason);
  g_clear_pointer (&fields, g_free);

  /* refused again, then saved unchanged (say, once a room is free): it
   * goes out again, whole */
  push_answered (store, v1, HD_SYNC_REJECTED, "{\"code\": \"invalid\"}");
  g_assert_cmpint (outbox_count (store), ==, 0);
  save (store, edit);
  fields = only_entry_fields (store, NULL);
  g_assert_cmpstr (fields, ==, "capacity,name");
  g_clear_pointer (&fields, g_free);
  hd_store_outbox_remove_upto (store, G_MAXINT64, &error);
  g_assert_no_error (error);

  /* a PENDING record saved unchanged still writes nothing */
  save (store, edit);
  g_assert_cmpint (outbox_count (store), ==, 0);

  /* never accepted by the server (no base): all its fields go out */
  fresh = hd_record_new (HD_ENTITY_ROOM, TEST_HUB);
  hd_record_set_string (fresh, "name", "Dachterrasse");
  hd_record_set_int (fresh, "capacity", 30);
  hd_record_set_string (fresh, "open_from", "09:00");
  save (store, fresh);
  all_fields = only_entry_fields (store, NULL);
  push_answered (store, fresh, HD_SYNC_REJECTED, "{\"code\": \"forbidden\"}");
  hd_record_set_int (fresh, "capacity", 25);
  save (store, fresh);
  fields = only_entry_fields (store, &base_version);
  g_assert_cmpstr (fields, ==, all_fields);
  g_assert_nonnull (strstr (fields, "open_from"));
  g_assert_cmpint (base_version, ==, 0);
  {
    g_autoptr(GPtrArray) entries = outbox_all (store);
    HdOutboxEntry *entry = entries->pdata[0];

    g_assert_cmpint (hd_record_get_int (entry->changes, "capacity", 0), ==, 25);
    g_assert_cmpstr (hd_record_get_string (entry->changes, "name"), ==, "Dachterrasse");
  }

  g_clear_object (&store);
  test_dir_clear (&dir);
}

/* ---- a first pull ---- */

/* The names of the indexes of @table, sorted, joined with ",". */
static char *
index_names (const char *path,
             const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT group_concat(name, ',') FROM "
                                          "(SELECT name FROM sqlite_master WHERE type = 'index' "
                                          "AND tbl_name = '%s' ORDER BY name)", table);

  return test_query_text (path, sql);
}

static void
apply_page (HdStore    *store,
            GPtrArray  *page,
            const char *cursor)
{
  g_autoptr(GError) error = NULL;

  hd_store_apply_pulled (store, page, cursor, &error);
  g_assert_no_error (error);
}

/* A server copy of a new person, added to @page; returns it (owned by
 * the page). */
static HdRecord *
page_person (GPtrArray  *page,
             const char *given_name,
             const char *family_name,
             gint64      version)
{
  g_autoptr(HdRecord) person = test_person (TEST_HUB, given_name, family_name);
  HdRecord *copy = server_copy (person, version);

  g_ptr_array_add (page, copy);
  return copy;
}

static void
assert_search_consistent (const char *path)
{
  /* FTS5 checks its index against the text it holds. */
  test_exec_sql (path, "INSERT INTO person_fts (person_fts) VALUES ('integrity-check');"
                       "INSERT INTO organization_fts (organization_fts) VALUES ('integrity-check')");
}

/* Pages into an empty store while the search index is deferred take the
 * bulk path; afterwards everything is as if they had come one by one. */
static void
test_first_pull_bulk (void)
{
  TestDir dir;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GPtrArray) page1 = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GPtrArray) page2 = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(HdRecord) archived = NULL;
  g_autoptr(HdRecord) bakery = NULL;
  g_autoptr(HdRecord) unseen = NULL;
  g_autoptr(HdRecord) renamed = NULL;
  g_autoptr(HdRecord) base = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *person_indexes = NULL;
  g_autofree char *organization_indexes = NULL;
  g_autofree char *during = NULL;
  g_autofree char *after = NULL;
  g_autofree char *cursor = NULL;
  HdRecord *mueller;
  HdQuery everyone = { .entity = HD_ENTITY_PERSON };

  test_dir_init (&dir);
  store = test_open_store (dir.path);
  person_indexes = index_names (dir.path, "person");
  organization_indexes = index_names (dir.path, "organization");
  g_assert_nonnull (strstr (person_indexes, "person_sort_key"));

  hd_store_set_search_deferred (store, TRUE, &error);
  g_assert_no_error (error);
  /* built once at the end instead of row by row (the hub's stays) */
  during = index_names (dir.path, "person");
  g_assert_null (strstr (during, "person_sort_key"));
  g_assert_null (strstr (during, "person_family_name"));
  g_assert_nonnull (strstr (during, "person_hub_id"));

  mueller = page_person (page1, "Anna", "Müller", 1);
  page_person (page1, "Jonas", "Schmidt", 2);
  archived = test_organization (TEST_HUB, "Werkstatt Weber GmbH");
  hd_record_set_bool (archived, "archived", TRUE);
  g_ptr_array_add (page1, server_copy (archived, 3));
  bakery = test_organization (TEST_HUB, "Bäckerei König");
  g_ptr_array_add (page1, server_copy (bakery, 4));
  apply_page (store, page1, "p1");

  page_person (page2, "Ayşe", "Özdemir", 5);
  /* a tombstone of a record this client never had */
  unseen = test_person (TEST_HUB, "Gone", "Before");
  g_ptr_array_add (page2, tombstone_of (unseen, 6));
  apply_page (store, page2, "p2");

  /* the list shows them while the pull goes on, and search finds them */
  g_assert_cmpint (count (store, &everyone), ==, 3);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "mueller"), ==, 1);
  g_assert_cmpuint (search_count (store, HD_ENTITY_ORGANIZATION, "konig"), ==, 1);

  hd_store_set_search_deferred (store, FALSE, &error);
  g_assert_no_error (error);

  after = index_names (dir.path, "person");
  g_assert_cmpstr (after, ==, person_indexes);
  g_clear_pointer (&after, g_free);
  after = index_names (dir.path, "organization");
  g_assert_cmpstr (after, ==, organization_indexes);
  g_clear_pointer (&after, g_free);

  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "mueller"), ==, 1);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "Mül"), ==, 1);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "ozdemir ayse"), ==, 1);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "schmidt"), ==, 1);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "before"), ==, 0);
  g_assert_cmpuint (search_count (store, HD_ENTITY_ORGANIZATION, "konig"), ==, 1);
  g_assert_cmpuint (search_count (store, HD_ENTITY_ORGANIZATION, "weber"), ==, 0);
  g_assert_null (hd_store_get (store, HD_ENTITY_PERSON, hd_record_get_id (unseen), NULL));
  {
    g_autoptr(GPtrArray) found = query (store, &everyone);
    g_autofree char *names = family_names (found);

    g_assert_cmpstr (names, ==, "Müller|Özdemir|Schmidt");
  }
  g_assert_cmpint (hd_store_get_sync_state (store, HD_ENTITY_PERSON, hd_record_get_id (mueller)),
                   ==, HD_SYNC_SYNCED);
  base = hd_store_get_base (store, HD_ENTITY_PERSON, hd_record_get_id (mueller), &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_record_get_version (base), ==, 1);
  cursor = hd_store_get_meta (store, "cursor");
  g_assert_cmpstr (cursor, ==, "p2");
  g_assert_cmpint (outbox_count (store), ==, 0);
  assert_search_consistent (dir.path);

  /* the search rows written page by page are kept up to date later */
  renamed = server_copy (mueller, 7);
  hd_record_set_string (renamed, "family_name", "Maier");
  apply (store, renamed, "p3");
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "mueller"), ==, 0);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "maier"), ==, 1);
  assert_search_consistent (dir.path);

  g_clear_object (&store);
  test_dir_clear (&dir);
}

/* A record that comes twice and a tombstone of a pulled one in a first
 * pull: the search index shows neither the first copy nor the deleted. */
static void
test_first_pull_replaced (void)
{
  TestDir dir;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GPtrArray) page1 = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GPtrArray) page2 = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GError) error = NULL;
  HdRecord *anna, *jonas, *again;
  HdQuery everyone = { .entity = HD_ENTITY_PERSON };

  test_dir_init (&dir);
  store = test_open_store (dir.path);
  hd_store_set_search_deferred (store, TRUE, &error);
  g_assert_no_error (error);

  anna = page_person (page1, "Anna", "Müller", 1);
  jonas = page_person (page1, "Jonas", "Schmidt", 2);
  page_person (page1, "Clara", "Fischer", 3);
  apply_page (store, page1, "p1");

  /* Anna again, renamed; Jonas deleted */
  again = server_copy (anna, 4);
  hd_record_set_string (again, "family_name", "Meier");
  g_ptr_array_add (page2, again);
  g_ptr_array_add (page2, tombstone_of (jonas, 5));
  page_person (page2, "Paul", "Wagner", 6);
  apply_page (store, page2, "p2");

  hd_store_set_search_deferred (store, FALSE, &error);
  g_assert_no_error (error);

  g_assert_cmpint (count (store, &everyone), ==, 3);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "meier"), ==, 1);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "muller"), ==, 0);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "schmidt"), ==, 0);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "wagner"), ==, 1);
  g_assert_null (hd_store_get (store, HD_ENTITY_PERSON, hd_record_get_id (jonas), NULL));
  {
    g_autoptr(HdRecord) local = hd_store_get (store, HD_ENTITY_PERSON, hd_record_get_id (anna),
                                              &error);

    g_assert_no_error (error);
    g_assert_cmpstr (hd_record_get_string (local, "family_name"), ==, "Meier");
    g_assert_cmpint (hd_record_get_version (local), ==, 4);
  }
  assert_search_consistent (dir.path);

  g_clear_object (&store);
  test_dir_clear (&dir);
}

/* The person edits a record in the middle of a first pull, then a newer
 * copy of it comes: rebased, not overwritten. A page the store refuses
 * afterwards leaves nothing behind. */
static void
test_first_pull_edited (void)
{
  TestDir dir;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GPtrArray) page1 = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GPtrArray) page2 = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GPtrArray) broken = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(HdRecord) edit = NULL;
  g_autoptr(HdRecord) local = NULL;
  g_autoptr(HdRecord) base = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *person_indexes = NULL;
  g_autofree char *after = NULL;
  g_autofree char *cursor = NULL;
  HdRecord *clara, *newer;
  HdQuery everyone = { .entity = HD_ENTITY_PERSON };

  test_dir_init (&dir);
  store = test_open_store (dir.path);
  person_indexes = index_names (dir.path, "person");
  hd_store_set_search_deferred (store, TRUE, &error);
  g_assert_no_error (error);

  page_person (page1, "Anna", "Müller", 1);
  clara = page_person (page1, "Clara", "Fischer", 2);
  apply_page (store, page1, "p1");

  edit = hd_store_get (store, HD_ENTITY_PERSON, hd_record_get_id (clara), &error);
  g_assert_no_error (error);
  hd_record_set_string (edit, "job_title", "Gründerin");
  save (store, edit);

  newer = server_copy (clara, 3);
  hd_record_set_string (newer, "phone", "+49 711 123456");
  g_ptr_array_add (page2, newer);
  page_person (page2, "Lena", "Becker", 4);
  apply_page (store, page2, "p2");

  page_person (broken, "Gut", "Seite", 5);
  {
    g_autoptr(HdRecord) nobody = test_person (NULL, "Kaputt", "Seite");

    g_ptr_array_add (broken, server_copy (nobody, 6));
  }
  hd_store_apply_pulled (store, broken, "p-broken", &error);
  g_assert_nonnull (error);
  g_clear_error (&error);

  hd_store_set_search_deferred (store, FALSE, &error);
  g_assert_no_error (error);

  after = index_names (dir.path, "person");
  g_assert_cmpstr (after, ==, person_indexes);
  g_assert_cmpint (count (store, &everyone), ==, 3);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "seite"), ==, 0);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "becker"), ==, 1);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "grunderin"), ==, 1);
  cursor = hd_store_get_meta (store, "cursor");
  g_assert_cmpstr (cursor, ==, "p2");

  /* the server's copy with the local edit on top, still to send */
  local = hd_store_get (store, HD_ENTITY_PERSON, hd_record_get_id (clara), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_record_get_string (local, "job_title"), ==, "Gründerin");
  g_assert_cmpstr (hd_record_get_string (local, "phone"), ==, "+49 711 123456");
  g_assert_cmpint (hd_record_get_version (local), ==, 3);
  g_assert_cmpint (hd_store_get_sync_state (store, HD_ENTITY_PERSON, hd_record_get_id (clara)),
                   ==, HD_SYNC_PENDING);
  base = hd_store_get_base (store, HD_ENTITY_PERSON, hd_record_get_id (clara), &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_record_get_version (base), ==, 3);
  g_assert_null (hd_record_get_string (base, "job_title"));
  {
    g_autoptr(GPtrArray) entries = outbox_all (store);
    g_autofree char *fields = NULL;

    g_assert_cmpuint (entries->len, ==, 1);
    fields = test_entry_fields (entries->pdata[0]);
    g_assert_cmpstr (fields, ==, "job_title");
  }
  assert_search_consistent (dir.path);

  g_clear_object (&store);
  test_dir_clear (&dir);
}

/* A first pull cut off (the process killed): the next open builds the
 * indexes and the search index. */
static void
test_first_pull_interrupted (void)
{
  TestDir dir;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *person_indexes = NULL;
  g_autofree char *during = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *after = NULL;
  HdQuery everyone = { .entity = HD_ENTITY_PERSON };

  test_dir_init (&dir);
  store = test_open_store (dir.path);
  person_indexes = index_names (dir.path, "person");
  hd_store_set_search_deferred (store, TRUE, &error);
  g_assert_no_error (error);

  page_person (page, "Anna", "Müller", 1);
  page_person (page, "Jonas", "Schmidt", 2);
  apply_page (store, page, "p1");
  g_clear_object (&store);

  during = index_names (dir.path, "person");
  g_assert_null (strstr (during, "person_sort_key"));
  saved = test_query_text (dir.path, "SELECT count(*) FROM sqlite_master "
                                     "WHERE type = 'trigger' AND name LIKE 'reach_%'");
  g_assert_cmpstr (saved, ==, "0");
  g_clear_pointer (&saved, g_free);
  saved = test_query_text (dir.path, "SELECT value FROM meta WHERE key = 'deferred_indexes'");
  g_assert_nonnull (saved);
  g_clear_pointer (&saved, g_free);

  store = test_open_store (dir.path);
  after = index_names (dir.path, "person");
  g_assert_cmpstr (after, ==, person_indexes);
  /* the reach triggers, dropped for the bulk load, are back */
  saved = test_query_text (dir.path, "SELECT count(*) FROM sqlite_master "
                                     "WHERE type = 'trigger' AND name LIKE 'reach_%'");
  g_assert_cmpstr (saved, ==, "12");
  g_clear_pointer (&saved, g_free);
  saved = test_query_text (dir.path, "SELECT value FROM meta WHERE key IN "
                                     "('deferred_indexes', 'search_deferred')");
  g_assert_null (saved);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "mueller"), ==, 1);
  g_assert_cmpint (count (store, &everyone), ==, 2);
  {
    g_autoptr(GPtrArray) found = query (store, &everyone);
    g_autofree char *names = family_names (found);

    g_assert_cmpstr (names, ==, "Müller|Schmidt");
  }
  assert_search_consistent (dir.path);

  g_clear_object (&store);
  test_dir_clear (&dir);
}

/* ---- a hub left ---- */

static HdRecord *
pulled_hub (HdStore    *store,
            const char *id,
            const char *name)
{
  g_autoptr(HdRecord) hub = hd_record_new_empty (HD_ENTITY_HUB, id);
  HdRecord *copy;

  hd_record_set_hub_id (hub, id);
  hd_record_set_string (hub, "name", name);
  copy = server_copy (hub, 1);
  apply (store, copy, NULL);
  return copy;
}

static HdRecord *
pulled_person (HdStore    *store,
               const char *hub_id,
               const char *given_name,
               const char *family_name)
{
  g_autoptr(HdRecord) person = test_person (hub_id, given_name, family_name);
  HdRecord *copy = server_copy (person, 2);

  apply (store, copy, NULL);
  return copy;
}

static gint64
count_with_deleted (HdStore  *store,
                    HdEntity  entity,
                    const char *hub_id)
{
  HdQuery q = { .entity = entity, .hub_id = hub_id, .include_deleted = TRUE,
                .include_archived = TRUE };

  return count (store, &q);
}

/* The account left a hub: its synced records go, without a trace in the
 * outbox; what the person still has to send or decide stays. */
static void
test_purge_hub (void)
{
  TestDir dir;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdRecord) hub = NULL;
  g_autoptr(HdRecord) other_hub = NULL;
  g_autoptr(HdRecord) synced = NULL;
  g_autoptr(HdRecord) gone = NULL;
  g_autoptr(HdRecord) pending = NULL;
  g_autoptr(HdRecord) conflicted = NULL;
  g_autoptr(HdRecord) rejected = NULL;
  g_autoptr(HdRecord) elsewhere = NULL;
  g_autoptr(HdRecord) edit = NULL;
  g_autoptr(HdRecord) organization = NULL;
  g_autoptr(GPtrArray) entries_before = NULL;
  g_autoptr(GPtrArray) entries_after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 dropped;

  test_dir_init (&dir);
  store = test_open_store (dir.path);

  hub = pulled_hub (store, TEST_HUB, "Digital Hub Reutlingen");
  other_hub = pulled_hub (store, TEST_HUB_2, "Digital Hub Ulm");
  synced = pulled_person (store, TEST_HUB, "Clara", "Fischer");
  organization = test_organization (TEST_HUB, "Bäckerei König");
  {
    g_autoptr(HdRecord) copy = server_copy (organization, 3);

    apply (store, copy, NULL);
  }
  gone = pulled_person (store, TEST_HUB, "Jonas", "Schmidt");
  {
    g_autoptr(HdRecord) tomb = tombstone_of (gone, 4);

    apply (store, tomb, NULL);
  }

  /* an edit still to send */
  pending = pulled_person (store, TEST_HUB, "Paul", "Wagner");
  edit = hd_record_copy (pending);
  hd_record_set_string (edit, "job_title", "Gründer");
  save (store, edit);
  g_clear_pointer (&edit, hd_record_unref);
  /* a conflict and a rejection waiting for the person */
  conflicted = pulled_person (store, TEST_HUB, "Lena", "Becker");
  hd_store_set_sync_state (store, HD_ENTITY_PERSON, hd_record_get_id (conflicted),
                           HD_SYNC_CONFLICT, NULL, &error);
  g_assert_no_error (error);
  rejected = pulled_person (store, TEST_HUB, "Jonas", "Weber");
  hd_store_set_sync_state (store, HD_ENTITY_PERSON, hd_record_get_id (rejected),
                           HD_SYNC_REJECTED, "{\"code\": \"forbidden\"}", &error);
  g_assert_no_error (error);

  elsewhere = pulled_person (store, TEST_HUB_2, "Anna", "Fischer");
  entries_before = outbox_all (store);
  g_assert_cmpuint (entries_before->len, ==, 1);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "fischer"), ==, 2);

  dropped = hd_store_purge_hub (store, TEST_HUB, &error);
  g_assert_no_error (error);
  /* Clara, the bakery and the hub; Jonas was deleted already */
  g_assert_cmpint (dropped, ==, 3);

  g_assert_null (hd_store_get (store, HD_ENTITY_PERSON, hd_record_get_id (synced), NULL));
  g_assert_null (hd_store_get (store, HD_ENTITY_ORGANIZATION, hd_record_get_id (organization),
                               NULL));
  g_assert_null (hd_store_get (store, HD_ENTITY_HUB, TEST_HUB, NULL));
  g_assert_cmpint (count_with_deleted (store, HD_ENTITY_ORGANIZATION, TEST_HUB), ==, 0);
  /* the tombstone went too; the three waiting for the person stay */
  g_assert_cmpint (count_with_deleted (store, HD_ENTITY_PERSON, TEST_HUB), ==, 3);
  g_assert_cmpint (hd_store_get_sync_state (store, HD_ENTITY_PERSON, hd_record_get_id (pending)),
                   ==, HD_SYNC_PENDING);
  g_assert_cmpint (hd_store_get_sync_state (store, HD_ENTITY_PERSON,
                                            hd_record_get_id (conflicted)),
                   ==, HD_SYNC_CONFLICT);
  g_assert_cmpint (hd_store_get_sync_state (store, HD_ENTITY_PERSON,
                                            hd_record_get_id (rejected)),
                   ==, HD_SYNC_REJECTED);

  /* the outbox is as it was */
  entries_after = outbox_all (store);
  g_assert_cmpuint (entries_after->len, ==, entries_before->len);
  g_assert_cmpint (((HdOutboxEntry *) entries_after->pdata[0])->seq, ==,
                   ((HdOutboxEntry *) entries_before->pdata[0])->seq);

  /* the other hub keeps everything */
  {
    g_autoptr(HdRecord) kept = hd_store_get (store, HD_ENTITY_HUB, TEST_HUB_2, NULL);

    g_assert_nonnull (kept);
  }
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "fischer"), ==, 1);
  g_assert_true (search_finds (store, "fischer", hd_record_get_id (elsewhere)));
  g_assert_cmpuint (search_count (store, HD_ENTITY_ORGANIZATION, "konig"), ==, 0);
  g_assert_true (search_finds (store, "wagner", hd_record_get_id (pending)));
  assert_search_consistent (dir.path);

  /* again: nothing more to drop */
  g_assert_cmpint (hd_store_purge_hub (store, TEST_HUB, &error), ==, 0);
  g_assert_no_error (error);

  /* while the search index is deferred, it is rebuilt right afterwards */
  hd_store_set_search_deferred (store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_store_purge_hub (store, TEST_HUB_2, &error), ==, 2);
  g_assert_no_error (error);
  hd_store_set_search_deferred (store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "fischer"), ==, 0);
  g_assert_cmpuint (search_count (store, HD_ENTITY_PERSON, "wagner"), ==, 1);
  assert_search_consistent (dir.path);

  g_clear_object (&store);
  test_dir_clear (&dir);
}

/* ---- signals and the store's thread ---- */

typedef struct {
  HdStore  *store;
  guint     n_changed;
  HdEntity  entity;
  char     *id;
  GThread  *thread;
  gboolean  visible;
} ChangedData;

static void
on_changed (HdStore     *store,
            int          entity,
            const char  *id,
            ChangedData *data)
{
  data->n_changed++;
  data->entity = (HdEntity) entity;
  g_free (data->id);
  data->id = g_strdup (id);
  data->thread = g_thread_self ();

  /* after COMMIT: the change is there for anyone who looks */
  if (id != NULL)
    {
      g_autoptr(HdRecord) record = hd_store_get (store, (HdEntity) entity, id, NULL);
      data->visible = record != NULL;
    }
}

typedef struct {
  gboolean  done;
  gpointer  result;
  gint64    n;
  GError   *error;
  GThread  *thread;
} AsyncData;

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  AsyncData *data = user_data;

  data->n = hd_store_save_finish (HD_STORE (source), result, &data->error);
  data->thread = g_thread_self ();
  data->done = TRUE;
}

static void
queried_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncData *data = user_data;

  data->result = hd_store_query_finish (HD_STORE (source), result, &data->error);
  data->thread = g_thread_self ();
  data->done = TRUE;
}

static void
counted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncData *data = user_data;

  data->n = hd_store_count_finish (HD_STORE (source), result, &data->error);
  data->done = TRUE;
}

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncData *data = user_data;

  data->n = hd_store_delete_finish (HD_STORE (source), result, &data->error);
  data->done = TRUE;
}

static void
outbox_counted_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  AsyncData *data = user_data;

  data->n = hd_store_outbox_count_finish (HD_STORE (source), result, &data->error);
  data->done = TRUE;
}

static void
test_async_and_signal (void)
{
  TestDir dir;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdRecord) person = NULL;
  g_autoptr(HdRecord) invalid = NULL;
  ChangedData changed = { NULL, };
  AsyncData data = { FALSE, };
  HdQuery q = { .entity = HD_ENTITY_PERSON, .search = "zoe" };
  GPtrArray *found;

  test_dir_init (&dir);
  store = test_open_store (dir.path);
  g_signal_connect (store, "changed", G_CALLBACK (on_changed), &changed);

  /* blocking save from the store's own thread: signal at once, after commit */
  person = test_person (TEST_HUB, "Zoë", "Hartmann");
  save (store, person);
  g_assert_cmpuint (changed.n_changed, ==, 1);
  g_assert_cmpint (changed.entity, ==, HD_ENTITY_PERSON);
  g_assert_cmpstr (changed.id, ==, hd_record_get_id (person));
  g_assert_true (changed.visible);

  /* async save: done on the store's thread, callback and signal here */
  hd_record_set_string (person, "job_title", "Ingenieurin");
  hd_store_save_async (store, person, NULL, saved_cb, &data);
  g_assert_false (data.done);
  test_wait_for (&data.done);
  g_assert_no_error (data.error);
  g_assert_true (data.n);
  g_assert_true (data.thread == g_thread_self ());
  /* the signal was queued before the callback */
  g_assert_cmpuint (changed.n_changed, ==, 2);
  g_assert_true (changed.thread == g_thread_self ());
  g_assert_true (changed.visible);

  /* async query and count */
  memset (&data, 0, sizeof data);
  hd_store_query_async (store, &q, NULL, queried_cb, &data);
  test_wait_for (&data.done);
  g_assert_no_error (data.error);
  found = data.result;
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (hd_record_get_string (found->pdata[0], "job_title"), ==, "Ingenieurin");
  g_ptr_array_unref (found);

  memset (&data, 0, sizeof data);
  hd_store_count_async (store, &q, NULL, counted_cb, &data);
  test_wait_for (&data.done);
  g_assert_no_error (data.error);
  g_assert_cmpint (data.n, ==, 1);

  memset (&data, 0, sizeof data);
  hd_store_outbox_count_async (store, NULL, outbox_counted_cb, &data);
  test_wait_for (&data.done);
  g_assert_no_error (data.error);
  g_assert_cmpint (data.n, ==, 2);

  /* errors come back through the callback */
  invalid = hd_record_new (HD_ENTITY_PERSON, TEST_HUB);
  memset (&data, 0, sizeof data);
  hd_store_save_async (store, invalid, NULL, saved_cb, &data);
  test_wait_for (&data.done);
  g_assert_error (data.error, HD_MODEL_ERROR, HD_MODEL_ERROR_REQUIRED);
  g_clear_error (&data.error);

  memset (&data, 0, sizeof data);
  hd_store_delete_async (store, HD_ENTITY_PERSON, hd_record_get_id (person), NULL,
                         deleted_cb, &data);
  test_wait_for (&data.done);
  g_assert_no_error (data.error);
  g_assert_cmpuint (changed.n_changed, ==, 3);
  g_assert_false (changed.visible);  /* deleted */

  /* a cancelled request does not run */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_cancellable_cancel (cancellable);
    memset (&data, 0, sizeof data);
    hd_store_count_async (store, &q, cancellable, counted_cb, &data);
    test_wait_for (&data.done);
    g_assert_error (data.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&data.error);
  }

  /* the store may go while a request is on its way */
  memset (&data, 0, sizeof data);
  hd_store_count_async (store, &q, NULL, counted_cb, &data);
  g_signal_handlers_disconnect_by_data (store, &changed);
  g_clear_object (&store);
  test_wait_for (&data.done);
  g_assert_no_error (data.error);

  g_free (changed.id);
  test_dir_clear (&dir);
}

/* Closing a store that reports have read folds the write-ahead log into
 * the file and removes it: the reports' read-only connection closes
 * first (closing last, it could not). */
static void
test_close_removes_log (void)
{
  TestDir dir;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdRecord) person = test_person (TEST_HUB, "Anna", "Berger");
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = NULL;
  HdStoreReader *reader;

  test_dir_init (&dir);
  wal = g_strconcat (dir.path, "-wal", NULL);
  store = test_open_store (dir.path);
  reader = hd_store_reader_open (store, &error);
  g_assert_no_error (error);
  hd_store_reader_begin (reader, &error);
  g_assert_no_error (error);
  hd_store_reader_end (reader);
  hd_store_reader_free (reader);
  hd_store_save (store, person, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_clear_object (&store);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  test_dir_clear (&dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/record/round-trip", test_round_trip);
  g_test_add_func ("/store/record/validation-refused", test_validation_refused);
  g_test_add_func ("/store/record/in-use", test_in_use);
  g_test_add_func ("/store/record/hubs", test_hubs);
  g_test_add_func ("/store/record/insert-many", test_insert_many);
  g_test_add_func ("/store/query/filters", test_query_filters);
  g_test_add_func ("/store/query/time", test_query_time);
  g_test_add_func ("/store/search/umlauts", test_search_umlauts);
  g_test_add_func ("/store/search/hostile", test_search_hostile);
  g_test_add_func ("/store/search/deferred", test_search_deferred);
  g_test_add_func ("/store/schema/migrate-from-v1", test_migrate_from_v1);
  g_test_add_func ("/store/schema/newer-version-refused", test_newer_version_refused);
  g_test_add_func ("/store/disk/full", test_disk_full);
  g_test_add_func ("/store/sync/apply-pulled", test_apply_pulled);
  g_test_add_func ("/store/sync/state", test_sync_state);
  g_test_add_func ("/store/sync/tombstone-keeps-decision", test_tombstone_keeps_decision);
  g_test_add_func ("/store/sync/save-rejected", test_save_rejected);
  g_test_add_func ("/store/sync/first-pull-bulk", test_first_pull_bulk);
  g_test_add_func ("/store/sync/first-pull-replaced", test_first_pull_replaced);
  g_test_add_func ("/store/sync/first-pull-edited", test_first_pull_edited);
  g_test_add_func ("/store/sync/first-pull-interrupted", test_first_pull_interrupted);
  g_test_add_func ("/store/sync/purge-hub", test_purge_hub);
  g_test_add_func ("/store/async/query-save-signal", test_async_and_signal);
  g_test_add_func ("/store/close-removes-log", test_close_removes_log);

  return g_test_run ();
}
