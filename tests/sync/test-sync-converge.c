/* test-sync-converge.c — ten clients edit offline for several rounds and
 * sync in random order; in the end every client holds the server's data,
 * and no edit vanished without a conflict or a rejection to show for it
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "hd-sync-test.h"

#define N_CLIENTS  10
#define N_ROUNDS    4
#define N_OPS      12

typedef struct {
  guint     client;
  guint     round;
  guint     op;
  HdEntity  entity;
  char     *id;
  char     *field;
  char     *value;
} Edit;

static void
edit_free (Edit *edit)
{
  g_free (edit->id);
  g_free (edit->field);
  g_free (edit->value);
  g_free (edit);
}

typedef struct {
  HdTestServer *server;
  HdTestClient *clients[N_CLIENTS];
  char         *rooms[2];
  GPtrArray    *edits;        /* Edit * */
  GHashTable   *accounted;    /* values seen in conflicts */
  GHashTable   *rejected;     /* ids of records the server refused */
  GHashTable   *bookings;     /* ids of bookings made */
  GHashTable   *deleted;      /* ids deleted by someone */
  GRand        *rand;
  guint         conflicts;
  guint         rejections;
} World;

static HdRecord *
random_live (World    *w,
             guint     c,
             HdEntity  entity)
{
  g_autoptr(GPtrArray) records = NULL;
  HdQuery query = { 0 };

  query.entity = entity;
  records = hd_store_query (w->clients[c]->store, &query, NULL);
  if (records == NULL || records->len == 0)
    return NULL;

  return hd_record_ref (g_ptr_array_index (records, g_rand_int_range (w->rand, 0, (gint32) records->len)));
}

static void
do_op (World *w,
       guint  c,
       guint  round,
       guint  op)
{
  HdTestClient *client = w->clients[c];
  g_autofree char *tag = g_strdup_printf ("c%u-r%u-o%u", c, round, op);
  g_autoptr(GError) error = NULL;
  guint kind = (guint) g_rand_int_range (w->rand, 0, 100);

  if (kind < 25)
    {
      g_autofree char *json = g_strdup_printf ("{\"family_name\": \"%s\"}", tag);

      hd_test_client_edit (client, HD_ENTITY_PERSON, NULL, json);
    }
  else if (kind < 60 || kind >= 85)
    {
      static const char * const person_fields[] = { "job_title", "phone", "notes", NULL };
      static const char * const org_fields[] = { "sector", "city", "notes", NULL };
      HdEntity entity = kind < 60 ? HD_ENTITY_PERSON : HD_ENTITY_ORGANIZATION;
      const char * const *fields = entity == HD_ENTITY_PERSON ? person_fields : org_fields;
      g_autoptr(HdRecord) record = random_live (w, c, entity);
      const char *name = fields[g_rand_int_range (w->rand, 0, 3)];
      Edit *edit;

      if (record == NULL)
        return;
      hd_record_set_string (record, name, tag);
      if (!hd_store_save (client->store, record, &error))
        g_error ("saving failed: %s", error->message);

      edit = g_new0 (Edit, 1);
      edit->client = c;
      edit->round = round;
      edit->op = op;
      edit->entity = entity;
      edit->id = g_strdup (hd_record_get_id (record));
      edit->field = g_strdup (name);
      edit->value = g_strdup (tag);
      g_ptr_array_add (w->edits, edit);
    }
  else if (kind < 70)
    {
      g_autoptr(HdRecord) record = random_live (w, c, HD_ENTITY_PERSON);

      if (record == NULL)
        return;
      if (hd_store_delete (client->store, HD_ENTITY_PERSON, hd_record_get_id (record), &error))
        g_hash_table_add (w->deleted, g_strdup (hd_record_get_id (record)));
    }
  else
    {
      guint slot = (guint) g_rand_int_range (w->rand, 0, 3);
      g_autofree char *json = g_strdup_printf ("{\"room_id\": \"%s\", \"title\": \"%s\", "
                                               "\"starts_at\": \"2031-05-0%uT09:00:00Z\", "
                                               "\"ends_at\": \"2031-05-0%uT12:00:00Z\", \"seats\": %d}",
                                               w->rooms[g_rand_int_range (w->rand, 0, 2)], tag,
                                               slot + 1, slot + 1,
                                               g_rand_int_range (w->rand, 1, 12));
      g_autoptr(HdRecord) booking = hd_test_client_put (client, HD_ENTITY_BOOKING, NULL, json);

      g_hash_table_add (w->bookings, g_strdup (hd_record_get_id (booking)));
    }
}

/* Looks at what waits for the person, notes it, and decides. */
static void
settle (World    *w,
        guint     c,
        gboolean  converge)
{
  HdTestClient *client = w->clients[c];
  g_autoptr(GPtrArray) conflicts = hd_test_client_conflicts (client);
  g_autoptr(GPtrArray) rejections = hd_test_client_rejections (client);

  for (guint i = 0; i < conflicts->len; i++)
    {
      HdSyncConflict *conflict = g_ptr_array_index (conflicts, i);
      const HdEntityInfo *info = hd_entity_info (conflict->entity);
      g_autoptr(GError) error = NULL;
      HdSyncResolution how;

      for (guint f = 0; f < info->n_fields; f++)
        {
          GVariant *value = hd_record_get (conflict->local_changes, f);

          if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
            g_hash_table_add (w->accounted, g_strdup (g_variant_get_string (value, NULL)));

          /* the server's side of a field in conflict was seen too */
          value = conflict->server != NULL ? hd_record_get (conflict->server, f) : NULL;
          if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING) &&
              g_strv_contains ((const char * const *) conflict->fields, info->fields[f].name))
            g_hash_table_add (w->accounted, g_strdup (g_variant_get_string (value, NULL)));
        }
      if (conflict->local_delete)
        g_hash_table_add (w->accounted, g_strdup (conflict->record_id));

      how = converge || g_rand_boolean (w->rand) ? HD_SYNC_RESOLVE_THEIRS : HD_SYNC_RESOLVE_MINE;
      hd_test_client_resolve (client, conflict->id, how, &error);
      g_assert_no_error (error);
      w->conflicts++;
    }

  for (guint i = 0; i < rejections->len; i++)
    {
      HdSyncRejection *rejection = g_ptr_array_index (rejections, i);
      g_autoptr(GError) error = NULL;

      g_hash_table_add (w->rejected, g_strdup (rejection->record_id));
      hd_test_client_discard (client, rejection->entity, rejection->record_id, &error);
      g_assert_no_error (error);
      w->rejections++;
    }
}

static void
test_converge (void)
{
  World world = { 0 };
  World *w = &world;
  g_autoptr(HdTestClient) fresh = NULL;
  guint32 seed = g_test_rand_int ();
  guint unaccounted = 0;

  g_test_message ("seed %u", seed);
  w->rand = g_rand_new_with_seed (seed);
  w->server = hd_test_server_new (NULL);
  w->edits = g_ptr_array_new_with_free_func ((GDestroyNotify) edit_free);
  w->accounted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w->rejected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w->bookings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w->deleted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint c = 0; c < N_CLIENTS; c++)
    w->clients[c] = hd_test_client_new (w->server, c % 2 == 0 ? "alice" : "bob", NULL);

  /* What everybody starts from. */
  hd_test_client_sync_ok (w->clients[0]);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(HdRecord) room = hd_test_client_put (w->clients[0], HD_ENTITY_ROOM, NULL,
                                                     "{\"name\": \"Raum\", \"capacity\": 20}");

      w->rooms[i] = g_strdup (hd_record_get_id (room));
    }
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"family_name\": \"Start %u\"}", i);

      hd_test_client_edit (w->clients[0], HD_ENTITY_PERSON, NULL, json);
      if (i < 10)
        {
          g_free (json);
          json = g_strdup_printf ("{\"name\": \"Firma %u\"}", i);
          hd_test_client_edit (w->clients[0], HD_ENTITY_ORGANIZATION, NULL, json);
        }
    }
  for (guint c = 0; c < N_CLIENTS; c++)
    hd_test_client_sync_ok (w->clients[c]);

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      guint order[N_CLIENTS];

      for (guint c = 0; c < N_CLIENTS; c++)
        for (guint op = 0; op < N_OPS; op++)
          do_op (w, c, round, op);

      for (guint c = 0; c < N_CLIENTS; c++)
        order[c] = c;
      for (guint c = N_CLIENTS - 1; c > 0; c--)
        {
          guint other = (guint) g_rand_int_range (w->rand, 0, (gint32) c + 1);
          guint t = order[c];

          order[c] = order[other];
          order[other] = t;
        }

      for (guint i = 0; i < N_CLIENTS; i++)
        {
          hd_test_client_sync_ok (w->clients[order[i]]);
          settle (w, order[i], FALSE);
        }
    }

  /* Quiet rounds: decisions go out, everybody catches up. */
  for (guint quiet = 0; quiet < 4; quiet++)
    {
      gboolean calm = TRUE;

      for (guint c = 0; c < N_CLIENTS; c++)
        {
          hd_test_client_sync_ok (w->clients[c]);
          settle (w, c, TRUE);
        }
      for (guint c = 0; c < N_CLIENTS; c++)
        {
          if (hd_store_outbox_count (w->clients[c]->store, NULL) > 0 ||
              hd_sync_engine_get_conflicts (w->clients[c]->engine) > 0)
            calm = FALSE;
        }
      if (calm)
        break;
    }
  for (guint c = 0; c < N_CLIENTS; c++)
    hd_test_client_sync_ok (w->clients[c]);

  g_test_message ("%u edits, %u conflicts, %u rejections", w->edits->len, w->conflicts,
                  w->rejections);

  /* Everybody holds what the server holds. */
  fresh = hd_test_client_new (w->server, "alice", NULL);
  hd_test_client_sync_ok (fresh);
  for (guint c = 0; c < N_CLIENTS; c++)
    {
      g_assert_cmpint (hd_store_outbox_count (w->clients[c]->store, NULL), ==, 0);
      g_assert_cmpuint (hd_sync_engine_get_conflicts (w->clients[c]->engine), ==, 0);
      for (guint e = 0; e < HD_N_ENTITIES; e++)
        {
          g_autofree char *expected = hd_test_checksum (fresh->store, e);
          g_autofree char *got = hd_test_checksum (w->clients[c]->store, e);

          if (g_strcmp0 (expected, got) != 0)
            hd_test_assert_same (w->clients[c]->store, fresh->store, e);
          g_assert_cmpstr (got, ==, expected);
        }
    }

  /* No edit vanished: it is on the server, or went into a conflict the
   * person saw, or a later edit of the same field (or a delete of the
   * record) came after it. */
  for (guint i = 0; i < w->edits->len; i++)
    {
      Edit *edit = g_ptr_array_index (w->edits, i);
      g_autoptr(HdRecord) final = hd_store_get (fresh->store, edit->entity, edit->id, NULL);
      gboolean superseded = FALSE;

      if (final != NULL && g_strcmp0 (hd_record_get_string (final, edit->field), edit->value) == 0)
        continue;
      if (g_hash_table_contains (w->accounted, edit->value) ||
          g_hash_table_contains (w->rejected, edit->id))
        continue;
      if (final == NULL && g_hash_table_contains (w->deleted, edit->id))
        continue;
      for (guint j = i + 1; j < w->edits->len && !superseded; j++)
        {
          Edit *later = g_ptr_array_index (w->edits, j);

          superseded = g_str_equal (later->id, edit->id) && g_str_equal (later->field, edit->field) &&
                       (later->round > edit->round || later->client == edit->client);
        }
      if (superseded)
        continue;

      g_test_message ("lost: %s.%s = %s of %s (now %s)", hd_entity_name (edit->entity), edit->field,
                      edit->value, edit->id,
                      final != NULL ? hd_record_get_string (final, edit->field) : "(deleted)");
      for (guint j = 0; j < w->edits->len; j++)
        {
          Edit *other = g_ptr_array_index (w->edits, j);

          if (j != i && g_str_equal (other->id, edit->id))
            g_test_message ("  also: %s = %s%s", other->field, other->value,
                            g_hash_table_contains (w->accounted, other->value) ? " (conflict)" : "");
        }
      unaccounted++;
    }
  g_assert_cmpuint (unaccounted, ==, 0);

  /* Every booking is on the server or was refused and shown. */
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, w->bookings);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        g_autoptr(HdRecord) booking = hd_store_get (fresh->store, HD_ENTITY_BOOKING, key, NULL);

        g_assert_true (booking != NULL || g_hash_table_contains (w->rejected, key));
      }
  }

  hd_test_client_free (g_steal_pointer (&fresh));
  for (guint c = 0; c < N_CLIENTS; c++)
    hd_test_client_free (w->clients[c]);
  g_free (w->rooms[0]);
  g_free (w->rooms[1]);
  g_ptr_array_unref (w->edits);
  g_hash_table_unref (w->accounted);
  g_hash_table_unref (w->rejected);
  g_hash_table_unref (w->bookings);
  g_hash_table_unref (w->deleted);
  g_rand_free (w->rand);
  hd_test_server_free (w->server);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/converge/ten-clients", test_converge);

  return g_test_run ();
}
