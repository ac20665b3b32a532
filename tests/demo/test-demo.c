/* test-demo.c — the demo data set: deterministic, complete, valid, and
 * within the rules a server would enforce
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "hd-demo.h"

#define N_PEOPLE 600
#define TODAY    "2026-03-16"   /* the season spans the change to summer time */

/* ---- helpers ---- */

static gboolean
collect (GPtrArray  *records,
         gpointer    user_data,
         GError    **error)
{
  GPtrArray *all = user_data;

  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (all, hd_record_ref (g_ptr_array_index (records, i)));
  return TRUE;
}

static GPtrArray *
generate (guint          n_people,
          guint32        seed,
          const char    *today,
          HdDemoSummary *summary)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GError) error = NULL;

  g_assert_true (hd_demo_generate (n_people, seed, today, collect, all, summary, &error));
  g_assert_no_error (error);
  return all;
}

/* Records of one entity, by id. */
static GHashTable *
index_entity (GPtrArray *all,
              HdEntity   entity)
{
  GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < all->len; i++)
    {
      HdRecord *record = g_ptr_array_index (all, i);

      if (hd_record_get_entity (record) == entity)
        g_hash_table_insert (table, (gpointer) hd_record_get_id (record), record);
    }
  return table;
}

static GPtrArray *
of_entity (GPtrArray *all,
           HdEntity   entity)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < all->len; i++)
    if (hd_record_get_entity (g_ptr_array_index (all, i)) == entity)
      g_ptr_array_add (out, g_ptr_array_index (all, i));
  return out;
}

static char *
checksum (GPtrArray *all)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < all->len; i++)
    {
      g_autofree char *json = hd_record_to_json_string (g_ptr_array_index (all, i));

      g_checksum_update (sum, (const guchar *) json, -1);
      g_checksum_update (sum, (const guchar *) "\n", 1);
    }
  return g_strdup (g_checksum_get_string (sum));
}

static char *
fields_json (HdRecord *record)
{
  g_autoptr(JsonObject) fields = hd_record_fields_to_json (record);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_node_set_object (node, fields);
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static gint64
unix_of (HdRecord   *record,
         const char *field)
{
  gint64 value = 0;

  g_assert_true (hd_timestamp_parse (hd_record_get_string (record, field), &value));
  return value;
}

static gint64
noon_of (const char *date)
{
  g_autofree char *text = g_strdup_printf ("%sT11:00:00Z", date);
  gint64 value = 0;

  g_assert_true (hd_timestamp_parse (text, &value));
  return value;
}

/* ---- determinism ---- */

static void
test_same_seed (void)
{
  g_autoptr(GPtrArray) a = generate (N_PEOPLE, 7, TODAY, NULL);
  g_autoptr(GPtrArray) b = generate (N_PEOPLE, 7, TODAY, NULL);
  g_autofree char *sum_a = checksum (a);
  g_autofree char *sum_b = checksum (b);

  g_assert_cmpuint (a->len, ==, b->len);
  g_assert_cmpstr (sum_a, ==, sum_b);
  /* and record by record, for a readable failure */
  for (guint i = 0; i < a->len; i += 97)
    {
      g_autofree char *ja = hd_record_to_json_string (g_ptr_array_index (a, i));
      g_autofree char *jb = hd_record_to_json_string (g_ptr_array_index (b, i));

      g_assert_cmpstr (ja, ==, jb);
    }
}

static void
test_other_seed (void)
{
  g_autoptr(GPtrArray) a = generate (N_PEOPLE, 7, TODAY, NULL);
  g_autoptr(GPtrArray) b = generate (N_PEOPLE, 8, TODAY, NULL);
  g_autofree char *sum_a = checksum (a);
  g_autofree char *sum_b = checksum (b);
  g_autoptr(GPtrArray) people_a = of_entity (a, HD_ENTITY_PERSON);
  g_autoptr(GPtrArray) people_b = of_entity (b, HD_ENTITY_PERSON);
  guint same_names = 0;

  g_assert_cmpstr (sum_a, !=, sum_b);
  g_assert_cmpstr (hd_record_get_id (g_ptr_array_index (a, 0)), !=,
                   hd_record_get_id (g_ptr_array_index (b, 0)));
  g_assert_cmpuint (people_a->len, ==, people_b->len);
  for (guint i = 0; i < people_a->len; i++)
    {
      HdRecord *pa = g_ptr_array_index (people_a, i);
      HdRecord *pb = g_ptr_array_index (people_b, i);

      if (g_strcmp0 (hd_record_get_string (pa, "family_name"), hd_record_get_string (pb, "family_name")) == 0)
        same_names++;
    }
  /* the hub staff of Neckar-Alb are named in the tables; the rest differ */
  g_assert_cmpuint (same_names, <, people_a->len / 4);
}

static void
test_today_moves_dates_not_ids (void)
{
  g_autoptr(GPtrArray) a = generate (100, 3, "2026-03-16", NULL);
  g_autoptr(GPtrArray) b = generate (100, 3, "2026-10-20", NULL);
  g_autoptr(GPtrArray) events_a = of_entity (a, HD_ENTITY_EVENT);
  g_autoptr(GPtrArray) events_b = of_entity (b, HD_ENTITY_EVENT);
  g_autoptr(GError) error = NULL;
  gint64 today_b = noon_of ("2026-10-20");

  /* hubs, rooms, organizations and people keep their ids */
  for (guint i = 0; i < 13 + 40; i++)
    g_assert_cmpstr (hd_record_get_id (g_ptr_array_index (a, i)), ==,
                     hd_record_get_id (g_ptr_array_index (b, i)));
  for (guint i = 0; i < events_b->len; i++)
    {
      HdRecord *event = g_ptr_array_index (events_b, i);
      gint64 start = unix_of (event, "starts_at");

      g_assert_cmpint (start, >, today_b - 100 * 86400);
      g_assert_cmpint (start, <, today_b + 100 * 86400);
    }
  g_assert_cmpuint (events_a->len, >, 0);

  g_assert_false (hd_demo_generate (10, 1, "2026-02-30", collect, a, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (hd_demo_generate (10, 1, "16.03.2026", collect, a, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

typedef struct {
  guint calls;
  guint records;
} FailingSink;

static gboolean
fail_second_batch (GPtrArray  *records,
                   gpointer    user_data,
                   GError    **error)
{
  FailingSink *sink = user_data;

  sink->calls++;
  sink->records += records->len;
  if (sink->calls < 2)
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "disk full");
  return FALSE;
}

/* A failing sink stops the run: its error comes back and no batch
 * follows it. */
static void
test_sink_error (void)
{
  FailingSink sink = { 0, 0 };
  HdDemoSummary summary = { { 0 } };
  g_autoptr(GError) error = NULL;

  g_assert_false (hd_demo_generate (20000, 3, TODAY, fail_second_batch, &sink, &summary, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_cmpuint (sink.calls, ==, 2);
  g_assert_cmpuint (summary.counts[HD_ENTITY_HUB], ==, 0);
}

/* ---- content ---- */

static void
test_all_valid (void)
{
  g_autoptr(GPtrArray) all = generate (N_PEOPLE, 11, TODAY, NULL);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < all->len; i++)
    {
      HdRecord *record = g_ptr_array_index (all, i);
      const char *field = NULL;
      g_autoptr(GError) error = NULL;

      if (!hd_record_validate (record, TRUE, &field, &error))
        {
          g_autofree char *json = hd_record_to_json_string (record);

          g_error ("invalid %s (field %s): %s\n%s", hd_entity_name (hd_record_get_entity (record)),
                   field, error->message, json);
        }
      g_assert_true (hd_uuid_is_valid (hd_record_get_id (record)));
      g_assert_true (hd_uuid_is_valid (hd_record_get_hub_id (record)));
      g_assert_true (g_hash_table_add (ids, (gpointer) hd_record_get_id (record)));
      /* every field present: these are whole records */
      for (guint f = 0; f < hd_record_get_info (record)->n_fields; f++)
        g_assert_true (hd_record_has (record, f));
    }
}

static void
test_entities_and_counts (void)
{
  HdDemoSummary summary;
  g_autoptr(GPtrArray) all = generate (N_PEOPLE, 5, TODAY, &summary);
  g_autoptr(GPtrArray) hubs = of_entity (all, HD_ENTITY_HUB);
  g_autoptr(GPtrArray) rooms = of_entity (all, HD_ENTITY_ROOM);
  g_autoptr(GPtrArray) events = of_entity (all, HD_ENTITY_EVENT);
  g_autoptr(GPtrArray) sessions = of_entity (all, HD_ENTITY_SESSION);
  g_autoptr(GPtrArray) registrations = of_entity (all, HD_ENTITY_REGISTRATION);
  g_autoptr(GPtrArray) bookings = of_entity (all, HD_ENTITY_BOOKING);
  g_autoptr(GPtrArray) orgs = of_entity (all, HD_ENTITY_ORGANIZATION);
  g_autoptr(GPtrArray) people = of_entity (all, HD_ENTITY_PERSON);
  g_autoptr(GPtrArray) interactions = of_entity (all, HD_ENTITY_INTERACTION);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) rooms_per_hub = g_hash_table_new (g_str_hash, g_str_equal);
  static const char * const expected_values[] = {
    "room.kind=meeting_room", "room.kind=coworking_area", "room.kind=workshop_space",
    "room.kind=event_hall", "room.kind=maker_space", "room.kind=office",
    "event.format=workshop", "event.format=office_hours", "event.format=online_seminar",
    "event.format=networking", "event.format=talk", "event.format=hackathon",
    "event.format=conference", "event.format=coworking_day", "event.format=other",
    "event.status=draft", "event.status=published", "event.status=cancelled",
    "session.kind=talk", "session.kind=workshop", "session.kind=panel", "session.kind=break",
    "session.kind=other",
    "registration.status=registered", "registration.status=waitlisted",
    "registration.status=cancelled", "registration.status=attended", "registration.status=no_show",
    "registration.source=web", "registration.source=phone", "registration.source=email",
    "registration.source=walk_in", "registration.source=import",
    "booking.status=tentative", "booking.status=confirmed", "booking.status=cancelled",
    "organization.kind=sme", "organization.kind=startup", "organization.kind=large_company",
    "organization.kind=university", "organization.kind=research_institute",
    "organization.kind=public_body", "organization.kind=association", "organization.kind=other",
    "person.consent=none", "person.consent=given", "person.consent=withdrawn",
    "interaction.kind=consultation", "interaction.kind=office_hours",
    "interaction.kind=workshop_followup", "interaction.kind=cooperation", "interaction.kind=project",
    "interaction.outcome=cooperation_initiated", "interaction.outcome=project_started",
    "interaction.outcome=follow_up",
    "hub.kind=regional", "hub.kind=thematic",
  };
  static const struct { HdEntity entity; const char *field; } enum_fields[] = {
    { HD_ENTITY_ROOM, "kind" }, { HD_ENTITY_EVENT, "format" }, { HD_ENTITY_EVENT, "status" },
    { HD_ENTITY_SESSION, "kind" }, { HD_ENTITY_REGISTRATION, "status" },
    { HD_ENTITY_REGISTRATION, "source" }, { HD_ENTITY_BOOKING, "status" },
    { HD_ENTITY_ORGANIZATION, "kind" }, { HD_ENTITY_PERSON, "consent" },
    { HD_ENTITY_INTERACTION, "kind" }, { HD_ENTITY_INTERACTION, "outcome" }, { HD_ENTITY_HUB, "kind" },
  };
  guint regional = 0, recurring = 0, coworking_days = 0, due_this_week = 0, umlauts = 0;
  guint with_register = 0, speakers = 0;
  gint64 today = noon_of (TODAY);

  for (guint i = 0; i < all->len; i++)
    {
      HdRecord *record = g_ptr_array_index (all, i);
      HdEntity entity = hd_record_get_entity (record);

      for (guint f = 0; f < G_N_ELEMENTS (enum_fields); f++)
        if (enum_fields[f].entity == entity)
          {
            const char *value = hd_record_get_string (record, enum_fields[f].field);

            if (value != NULL)
              g_hash_table_add (seen, g_strdup_printf ("%s.%s=%s", hd_entity_name (entity),
                                                       enum_fields[f].field, value));
          }
    }
  for (guint i = 0; i < G_N_ELEMENTS (expected_values); i++)
    if (!g_hash_table_contains (seen, expected_values[i]))
      g_error ("the demo data has no %s", expected_values[i]);

  /* the summary tells the truth */
  g_assert_cmpuint (summary.counts[HD_ENTITY_HUB], ==, hubs->len);
  g_assert_cmpuint (summary.counts[HD_ENTITY_PERSON], ==, people->len);
  g_assert_cmpuint (summary.counts[HD_ENTITY_BOOKING], ==, bookings->len);
  g_assert_cmpuint (summary.counts[HD_ENTITY_INTERACTION], ==, interactions->len);

  g_assert_cmpuint (hubs->len, ==, 13);
  g_assert_cmpuint (people->len, ==, N_PEOPLE);
  g_assert_cmpuint (orgs->len, ==, N_PEOPLE / 2);
  g_assert_cmpuint (rooms->len, >=, 13 * 3);
  g_assert_cmpuint (rooms->len, <=, 13 * 8);
  g_assert_cmpuint (events->len, >=, 13 * 30);
  g_assert_cmpuint (events->len, <=, 13 * 120);
  g_assert_cmpuint (sessions->len, >, events->len);
  g_assert_cmpuint (registrations->len, >, events->len * 5);
  g_assert_cmpuint (bookings->len, >, rooms->len * 20);
  g_assert_cmpuint (interactions->len, >=, N_PEOPLE / 2);
  g_assert_cmpuint (interactions->len, <=, N_PEOPLE);

  for (guint i = 0; i < hubs->len; i++)
    {
      HdRecord *hub = g_ptr_array_index (hubs, i);

      g_assert_cmpstr (hd_record_get_string (hub, "timezone"), ==, "Europe/Berlin");
      g_assert_cmpstr (hd_record_get_id (hub), ==, hd_record_get_hub_id (hub));
      regional += g_str_equal (hd_record_get_string (hub, "kind"), "regional");
    }
  g_assert_cmpuint (regional, ==, 10);
  g_assert_cmpstr (hd_record_get_string (g_ptr_array_index (hubs, 6), "name"), ==, "DIGIHUB Südbaden");

  for (guint i = 0; i < rooms->len; i++)
    {
      HdRecord *room = g_ptr_array_index (rooms, i);
      const char *hub = hd_record_get_hub_id (room);

      g_hash_table_insert (rooms_per_hub, (gpointer) hub,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (rooms_per_hub, hub)) + 1));
    }
  g_assert_cmpuint (g_hash_table_size (rooms_per_hub), ==, 13);
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, rooms_per_hub);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      {
        g_assert_cmpuint (GPOINTER_TO_UINT (value), >=, 3);
        g_assert_cmpuint (GPOINTER_TO_UINT (value), <=, 8);
      }
  }

  for (guint i = 0; i < bookings->len; i++)
    {
      const char *rule = hd_record_get_string (g_ptr_array_index (bookings, i), "recurrence");

      if (rule != NULL)
        {
          recurring++;
          coworking_days += strstr (rule, "BYDAY=TU,TH") != NULL;
        }
    }
  g_assert_cmpuint (recurring, >=, 13 * 2);
  g_assert_cmpuint (coworking_days, >, 0);

  for (guint i = 0; i < interactions->len; i++)
    {
      const char *date = hd_record_get_string (g_ptr_array_index (interactions, i), "follow_up_on");

      if (date != NULL)
        {
          gint64 due = noon_of (date);

          /* TODAY is a Monday: this week is today and the six days after */
          due_this_week += due >= today && due < today + 7 * 86400;
        }
    }
  g_assert_cmpuint (due_this_week, >, 0);

  for (guint i = 0; i < people->len; i++)
    {
      HdRecord *person = g_ptr_array_index (people, i);
      const char *family = hd_record_get_string (person, "family_name");
      const char *given = hd_record_get_string (person, "given_name");
      const char *email = hd_record_get_string (person, "email");

      umlauts += (family != NULL && (strstr (family, "ü") || strstr (family, "ä") || strstr (family, "ö") || strstr (family, "ß"))) ||
                 (given != NULL && (strstr (given, "ü") || strstr (given, "ö")));
      if (email != NULL)
        for (const char *p = email; *p; p++)
          g_assert_true ((guchar) *p < 0x80);
      if (g_strcmp0 (hd_record_get_string (person, "consent"), "given") == 0)
        {
          g_assert_nonnull (hd_record_get_string (person, "consent_at"));
          g_assert_nonnull (hd_record_get_string (person, "consent_text"));
          g_assert_nonnull (hd_record_get_strv (person, "consent_purposes"));
          g_assert_nonnull (hd_record_get_strv (person, "consent_purposes")[0]);
        }
    }
  g_assert_cmpuint (umlauts, >, people->len / 20);

  for (guint i = 0; i < orgs->len; i++)
    {
      HdRecord *org = g_ptr_array_index (orgs, i);
      const char *reg = hd_record_get_string (org, "register_id");
      const char *kind = hd_record_get_string (org, "kind");

      if (reg != NULL)
        {
          with_register++;
          g_assert_true (g_str_has_prefix (reg, "HRB ") || g_str_has_prefix (reg, "HRA ") ||
                         g_str_has_prefix (reg, "VR "));
          g_assert_nonnull (strstr (reg, ", Amtsgericht "));
        }
      g_assert_nonnull (hd_record_get_string (org, "city"));
      g_assert_cmpuint (strlen (hd_record_get_string (org, "postcode")), ==, 5);
      if (g_str_equal (kind, "university"))
        g_assert_null (reg);
    }
  g_assert_cmpuint (with_register, >, orgs->len / 2);

  for (guint i = 0; i < sessions->len; i++)
    {
      const char **ids = hd_record_get_strv (g_ptr_array_index (sessions, i), "speaker_ids");

      speakers += ids != NULL && ids[0] != NULL;
    }
  g_assert_cmpuint (speakers, >, sessions->len / 3);
}

/* Every reference names an existing record of the same hub. */
static void
test_references (void)
{
  g_autoptr(GPtrArray) all = generate (N_PEOPLE, 13, TODAY, NULL);
  GHashTable *by_entity[HD_N_ENTITIES];
  guint checked = 0;

  for (guint e = 0; e < HD_N_ENTITIES; e++)
    by_entity[e] = index_entity (all, (HdEntity) e);

  for (guint i = 0; i < all->len; i++)
    {
      HdRecord *record = g_ptr_array_index (all, i);
      const HdEntityInfo *info = hd_record_get_info (record);

      g_assert_true (g_hash_table_contains (by_entity[HD_ENTITY_HUB], hd_record_get_hub_id (record)));
      for (guint f = 0; f < info->n_fields; f++)
        {
          const HdField *field = &info->fields[f];
          const char *single[2] = { NULL, NULL };
          const char * const *ids = single;

          if (field->type == HD_TYPE_REF)
            single[0] = hd_record_get_string (record, field->name);
          else if (field->type == HD_TYPE_REF_LIST)
            ids = hd_record_get_strv (record, field->name) ? hd_record_get_strv (record, field->name) : single;
          else
            continue;
          for (guint k = 0; ids[k] != NULL; k++)
            {
              HdRecord *target = g_hash_table_lookup (by_entity[field->ref], ids[k]);

              if (target == NULL)
                g_error ("%s.%s points to a missing %s", info->name, field->name, hd_entity_name (field->ref));
              g_assert_cmpstr (hd_record_get_hub_id (target), ==, hd_record_get_hub_id (record));
              checked++;
            }
        }
    }
  g_assert_cmpuint (checked, >, all->len / 2);
  for (guint e = 0; e < HD_N_ENTITIES; e++)
    g_hash_table_unref (by_entity[e]);
}

static void
test_event_capacity (void)
{
  g_autoptr(GPtrArray) all = generate (N_PEOPLE * 4, 17, TODAY, NULL);
  g_autoptr(GHashTable) events = index_entity (all, HD_ENTITY_EVENT);
  g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) registrations = of_entity (all, HD_ENTITY_REGISTRATION);
  guint full = 0;
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < registrations->len; i++)
    {
      HdRecord *reg = g_ptr_array_index (registrations, i);
      const char *event_id = hd_record_get_string (reg, "event_id");
      const char *status = hd_record_get_string (reg, "status");

      g_assert_true (g_hash_table_add (pairs, g_strconcat (event_id, "/", hd_record_get_string (reg, "person_id"), NULL)));
      if (g_str_equal (status, "registered") || g_str_equal (status, "attended"))
        g_hash_table_insert (taken, (gpointer) event_id,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (taken, event_id)) + 1));
    }

  g_hash_table_iter_init (&iter, taken);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      HdRecord *event = g_hash_table_lookup (events, key);
      gint64 capacity = hd_record_get_int (event, "capacity", -1);

      g_assert_nonnull (event);
      g_assert_cmpstr (hd_record_get_string (event, "status"), !=, "draft");
      if (capacity >= 0)
        {
          g_assert_cmpint (GPOINTER_TO_UINT (value), <=, capacity);
          full += GPOINTER_TO_UINT (value) == capacity;
        }
    }
  /* and the model's own check agrees, for every registration that takes a place */
  for (guint i = 0; i < registrations->len; i++)
    {
      HdRecord *reg = g_ptr_array_index (registrations, i);
      const char *status = hd_record_get_string (reg, "status");
      const char *event_id = hd_record_get_string (reg, "event_id");
      g_autoptr(GError) error = NULL;

      if (!g_str_equal (status, "registered") && !g_str_equal (status, "attended"))
        continue;
      if (!hd_check_event_capacity (g_hash_table_lookup (events, event_id),
                                    GPOINTER_TO_UINT (g_hash_table_lookup (taken, event_id)) - 1, reg, &error))
        g_error ("registration over capacity: %s", error->message);
    }
  g_assert_cmpuint (full, >, 0);
}

static void
test_sessions_inside (void)
{
  g_autoptr(GPtrArray) all = generate (N_PEOPLE, 19, TODAY, NULL);
  g_autoptr(GHashTable) events = index_entity (all, HD_ENTITY_EVENT);
  g_autoptr(GPtrArray) sessions = of_entity (all, HD_ENTITY_SESSION);
  g_autoptr(GHashTable) with_agenda = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < sessions->len; i++)
    {
      HdRecord *session = g_ptr_array_index (sessions, i);
      HdRecord *event = g_hash_table_lookup (events, hd_record_get_string (session, "event_id"));
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (event);
      if (!hd_check_session_in_event (session, event, &error))
        g_error ("session outside its event: %s", error->message);
      g_hash_table_add (with_agenda, (gpointer) hd_record_get_id (event));
    }
  g_assert_cmpuint (g_hash_table_size (with_agenda), >, g_hash_table_size (events) / 3);
}

/* No room is ever booked beyond its capacity: every booking, checked by
 * the model against all others of its room. */
static void
check_room_capacity (const char *today)
{
  g_autoptr(GPtrArray) all = generate (300, 23, today, NULL);
  g_autoptr(GPtrArray) rooms = of_entity (all, HD_ENTITY_ROOM);
  g_autoptr(GPtrArray) bookings = of_entity (all, HD_ENTITY_BOOKING);
  g_autoptr(GHashTable) by_room = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) g_ptr_array_unref);
  gint64 now = noon_of (today);
  guint checked = 0;

  for (guint i = 0; i < bookings->len; i++)
    {
      HdRecord *booking = g_ptr_array_index (bookings, i);
      const char *room_id = hd_record_get_string (booking, "room_id");
      GPtrArray *list = g_hash_table_lookup (by_room, room_id);

      if (list == NULL)
        g_hash_table_insert (by_room, (gpointer) room_id, list = g_ptr_array_new ());
      g_ptr_array_add (list, booking);
    }
  for (guint r = 0; r < rooms->len; r++)
    {
      HdRecord *room = g_ptr_array_index (rooms, r);
      GPtrArray *list = g_hash_table_lookup (by_room, hd_record_get_id (room));

      g_assert_nonnull (list);
      for (guint i = 0; i < list->len; i++)
        {
          HdRecord *booking = g_ptr_array_index (list, i);
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) clashes = NULL;
          gint64 free_seats = 0;

          if (!hd_check_room_capacity (room, booking, list, "Europe/Berlin", now,
                                       &clashes, &free_seats, &error))
            {
              g_autofree char *json = hd_record_to_json_string (booking);

              g_error ("room %s over capacity (%s): %s", hd_record_get_string (room, "name"),
                       error->message, json);
            }
          checked++;
        }
    }
  g_assert_cmpuint (checked, ==, bookings->len);
}

static void
test_room_capacity_spring (void)
{
  check_room_capacity ("2026-03-16");
}

static void
test_room_capacity_autumn (void)
{
  check_room_capacity ("2026-10-20");
}

/* ---- with a store ---- */

typedef struct {
  char    *dir;
  HdStore *store;
} StoreFixture;

static void
store_setup (StoreFixture  *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("hubdesk-demo-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, HD_STORE_FILENAME, NULL);
  fixture->store = hd_store_open (path, &error);
  g_assert_no_error (error);
}

static void
store_teardown (StoreFixture  *fixture,
                gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->store);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static gint64
count (HdStore  *store,
       HdEntity  entity)
{
  HdQuery query = { .entity = entity, .include_archived = TRUE };
  g_autoptr(GError) error = NULL;
  gint64 n = hd_store_count (store, &query, &error);

  g_assert_no_error (error);
  return n;
}

static void
test_fill (StoreFixture  *fixture,
           gconstpointer  data)
{
  HdDemoSummary summary;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) generated = generate (400, 29, TODAY, NULL);
  g_autoptr(GPtrArray) people = of_entity (generated, HD_ENTITY_PERSON);
  gint64 before[HD_N_ENTITIES];

  g_assert_true (hd_demo_fill_full (fixture->store, 400, 29, TODAY, &summary, &error));
  g_assert_no_error (error);

  for (guint e = 0; e < HD_N_ENTITIES; e++)
    {
      before[e] = count (fixture->store, (HdEntity) e);
      g_assert_cmpint (before[e], ==, summary.counts[e]);
      g_assert_cmpint (before[e], >, 0);
    }

  /* what the store holds is what was made */
  for (guint i = 0; i < people->len; i += 37)
    {
      HdRecord *made = g_ptr_array_index (people, i);
      g_autoptr(HdRecord) stored = hd_store_get (fixture->store, HD_ENTITY_PERSON, hd_record_get_id (made), &error);
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (stored);
      a = fields_json (made);
      b = fields_json (stored);
      g_assert_cmpstr (a, ==, b);
      g_assert_cmpint (hd_store_get_sync_state (fixture->store, HD_ENTITY_PERSON, hd_record_get_id (made)), ==, HD_SYNC_LOCAL);
    }
  g_assert_cmpint (hd_store_outbox_count (fixture->store, &error), ==, 0);
  g_assert_no_error (error);

  /* a second fill is refused and changes nothing */
  g_assert_false (hd_demo_fill (fixture->store, 400, 30, TODAY, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  for (guint e = 0; e < HD_N_ENTITIES; e++)
    g_assert_cmpint (count (fixture->store, (HdEntity) e), ==, before[e]);
}

static void
test_search_umlauts (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static const char * const typed[] = { "muller", "Müller", "mull", "MÜL" };

  g_assert_true (hd_demo_fill (fixture->store, 2000, 31, TODAY, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      HdQuery query = { .entity = HD_ENTITY_PERSON, .search = typed[i], .limit = 50 };
      g_autoptr(GPtrArray) found = hd_store_query (fixture->store, &query, &error);
      guint muellers = 0;

      g_assert_no_error (error);
      g_assert_nonnull (found);
      for (guint k = 0; k < found->len; k++)
        muellers += g_strcmp0 (hd_record_get_string (g_ptr_array_index (found, k), "family_name"), "Müller") == 0;
      if (muellers == 0)
        g_error ("searching “%s” finds no Müller", typed[i]);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/demo/determinism/same-seed", test_same_seed);
  g_test_add_func ("/demo/determinism/other-seed", test_other_seed);
  g_test_add_func ("/demo/determinism/today", test_today_moves_dates_not_ids);
  g_test_add_func ("/demo/generate/sink-error", test_sink_error);
  g_test_add_func ("/demo/content/valid", test_all_valid);
  g_test_add_func ("/demo/content/entities", test_entities_and_counts);
  g_test_add_func ("/demo/content/references", test_references);
  g_test_add_func ("/demo/rules/event-capacity", test_event_capacity);
  g_test_add_func ("/demo/rules/sessions-inside-event", test_sessions_inside);
  g_test_add_func ("/demo/rules/room-capacity-spring", test_room_capacity_spring);
  g_test_add_func ("/demo/rules/room-capacity-autumn", test_room_capacity_autumn);
  g_test_add ("/demo/store/fill", StoreFixture, NULL, store_setup, test_fill, store_teardown);
  g_test_add ("/demo/store/search-umlauts", StoreFixture, NULL, store_setup, test_search_umlauts, store_teardown);

  return g_test_run ();
}
