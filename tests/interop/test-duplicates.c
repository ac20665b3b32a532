/* test-duplicates.c — likely duplicates and merging people and organizations
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "hd-contact-import.h"
#include "hd-store-duplicates.h"
#include "store-test-util.h"

typedef struct {
  TestDir  dir;
  HdStore *store;
} Fixture;

static void
add_hub (HdStore    *store,
         const char *id)
{
  g_autoptr(HdRecord) hub = hd_record_new (HD_ENTITY_HUB, id);
  g_autoptr(GError) error = NULL;

  hd_record_set_id (hub, id);
  hd_record_set_string (hub, "name", id);
  g_assert_true (hd_store_save (store, hub, &error));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  test_dir_init (&f->dir);
  f->store = test_open_store (f->dir.path);
  add_hub (f->store, TEST_HUB);
  add_hub (f->store, TEST_HUB_2);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  test_dir_clear (&f->dir);
}

static void
save (Fixture  *f,
      HdRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (hd_store_save (f->store, record, &error));
  g_assert_no_error (error);
}

static HdRecord *
person (Fixture    *f,
        const char *hub,
        const char *given,
        const char *family,
        const char *email,
        const char *phone,
        const char *org_id)
{
  HdRecord *p = test_person (hub, given, family);

  if (email != NULL)
    hd_record_set_string (p, "email", email);
  if (phone != NULL)
    hd_record_set_string (p, "phone", phone);
  if (org_id != NULL)
    hd_record_set_string (p, "organization_id", org_id);
  save (f, p);
  return p;
}

static HdRecord *
organization (Fixture    *f,
              const char *hub,
              const char *name,
              const char *city)
{
  HdRecord *o = test_organization (hub, name);

  if (city != NULL)
    hd_record_set_string (o, "city", city);
  save (f, o);
  return o;
}

static gboolean
matches_contain (GPtrArray         *matches,
                 const HdRecord    *record,
                 HdDuplicateReason  reason)
{
  for (guint i = 0; i < matches->len; i++)
    {
      HdDuplicateMatch *m = matches->pdata[i];

      if (g_str_equal (hd_record_get_id (m->record), hd_record_get_id (record)))
        return (m->reasons & reason) != 0;
    }
  return FALSE;
}

static void
test_keys (void)
{
  const char *same[] = { "+49 (0)711 / 12 34-5", "0711 12345", "0049 711 12345", "+49711 12345" };
  g_autofree char *first = hd_phone_normalize (same[0]);
  g_autofree char *other = hd_phone_normalize ("+43 711 12345");
  g_autofree char *a = hd_name_key (HD_ENTITY_PERSON, "Jürgen Müller");
  g_autofree char *b = hd_name_key (HD_ENTITY_PERSON, "juergen  MUELLER");
  g_autofree char *c = hd_name_key (HD_ENTITY_ORGANIZATION, "Neckar Robotics GmbH");
  g_autofree char *d = hd_name_key (HD_ENTITY_ORGANIZATION, "Neckar-Robotics");
  g_autofree char *e = hd_name_key (HD_ENTITY_ORGANIZATION, "Bodensee Digital e.V.");
  g_autofree char *g = hd_name_key (HD_ENTITY_ORGANIZATION, "Bodensee Digital");
  g_autofree char *h = hd_name_key (HD_ENTITY_PERSON, "José Núñez");

  g_assert_cmpstr (first, ==, "4971112345");
  for (guint i = 1; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *n = hd_phone_normalize (same[i]);
      g_assert_cmpstr (n, ==, first);
    }
  g_assert_cmpstr (other, !=, first);
  g_assert_null (hd_phone_normalize ("112"));
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (c, ==, d);
  g_assert_cmpstr (e, ==, g);
  g_assert_cmpstr (h, ==, "jose nunez");
}

static void
test_find_people (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(HdRecord) acme = organization (f, TEST_HUB, "Acme GmbH", "Ulm");
  g_autoptr(HdRecord) beta = organization (f, TEST_HUB, "Beta AG", "Ulm");
  g_autoptr(HdRecord) jana = person (f, TEST_HUB, "Jana", "Müller", "jana@acme.de", "0731 555 01", hd_record_get_id (acme));
  g_autoptr(HdRecord) by_email = person (f, TEST_HUB, "J.", "M.", "JANA@ACME.DE", NULL, NULL);
  g_autoptr(HdRecord) by_phone = person (f, TEST_HUB, "Hans", "Meier", NULL, "+49 731 55501", NULL);
  g_autoptr(HdRecord) by_name = person (f, TEST_HUB, "jana", "Mueller", NULL, NULL, hd_record_get_id (acme));
  g_autoptr(HdRecord) by_name_no_org = person (f, TEST_HUB, "Jana", "MÜLLER", NULL, NULL, NULL);
  g_autoptr(HdRecord) other_org = person (f, TEST_HUB, "Jana", "Müller", NULL, NULL, hd_record_get_id (beta));
  g_autoptr(HdRecord) other_hub = person (f, TEST_HUB_2, "Jana", "Müller", "jana@acme.de", NULL, NULL);
  g_autoptr(HdRecord) stranger = person (f, TEST_HUB, "Karl", "Schmidt", "karl@example.org", "0711 999999", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) matches = hd_store_find_duplicates (f->store, jana, &error);

  g_assert_no_error (error);
  g_assert_true (matches_contain (matches, by_email, HD_DUPLICATE_EMAIL));
  g_assert_true (matches_contain (matches, by_phone, HD_DUPLICATE_PHONE));
  g_assert_true (matches_contain (matches, by_name, HD_DUPLICATE_NAME));
  g_assert_true (matches_contain (matches, by_name_no_org, HD_DUPLICATE_NAME));
  /* The same name at another organization is another person. */
  g_assert_false (matches_contain (matches, other_org, HD_DUPLICATE_NAME));
  g_assert_false (matches_contain (matches, other_hub, HD_DUPLICATE_EMAIL | HD_DUPLICATE_NAME));
  g_assert_false (matches_contain (matches, stranger, HD_DUPLICATE_EMAIL | HD_DUPLICATE_PHONE | HD_DUPLICATE_NAME));
  g_assert_false (matches_contain (matches, jana, HD_DUPLICATE_EMAIL | HD_DUPLICATE_PHONE | HD_DUPLICATE_NAME));
  g_assert_cmpuint (matches->len, ==, 4);
}

static void
test_find_organizations (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(HdRecord) a = organization (f, TEST_HUB, "Neckar Robotics GmbH", "Stuttgart");
  g_autoptr(HdRecord) b = organization (f, TEST_HUB, "Neckar-Robotics", NULL);
  g_autoptr(HdRecord) c = organization (f, TEST_HUB, "neckar robotics gmbh", "Karlsruhe");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pairs = hd_store_duplicate_pairs (f->store, HD_ENTITY_ORGANIZATION, TEST_HUB, &error);
  g_autoptr(GPtrArray) matches = hd_store_find_duplicates (f->store, a, &error);

  g_assert_no_error (error);
  g_assert_true (matches_contain (matches, b, HD_DUPLICATE_NAME));
  /* Another city: a branch, not a duplicate. */
  g_assert_false (matches_contain (matches, c, HD_DUPLICATE_NAME));
  /* a–b and b–c, each once. */
  g_assert_cmpuint (pairs->len, ==, 2);
}

static void
test_import_flags_duplicates (Fixture       *f,
                              gconstpointer  data)
{
  G_GNUC_UNUSED g_autoptr(HdRecord) existing = person (f, TEST_HUB, "Jürgen", "Haeberle", NULL, "+49 7121 12345", NULL);
  g_autofree char *path = g_build_filename (g_getenv ("HUBDESK_SRCDIR"), "tests", "interop", "data",
                                            "kontakte-de.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdImportPlan) plan = hd_import_plan_new_for_file (f->store, TEST_HUB, path, NULL, &error);
  GPtrArray *steps;
  gboolean flagged = FALSE;

  g_assert_no_error (error);
  steps = hd_import_plan_get_steps (plan);
  for (guint i = 0; i < steps->len; i++)
    {
      HdImportStep *step = steps->pdata[i];

      if (step->action == HD_IMPORT_CREATE && g_strcmp0 (step->label, "Jürgen Häberle") == 0)
        {
          g_assert_nonnull (step->reason);
          g_assert_nonnull (strstr (step->reason, "Jürgen Haeberle"));
          g_assert_nonnull (strstr (step->reason, "phone"));
          flagged = TRUE;
        }
      else if (step->action == HD_IMPORT_CREATE && step->entity == HD_ENTITY_PERSON)
        g_assert_null (step->reason);
    }
  g_assert_true (flagged);
}

/* How many live records of any entity point at @id through a reference
 * to @entity. */
static guint
references_to (Fixture    *f,
               HdEntity    entity,
               const char *id)
{
  guint n = 0;

  for (guint e = 0; e < HD_N_ENTITIES; e++)
    {
      const HdEntityInfo *info = hd_entity_info ((HdEntity) e);

      for (guint fi = 0; fi < info->n_fields; fi++)
        {
          HdQuery query = { 0, };
          g_autoptr(GError) error = NULL;

          if ((info->fields[fi].type != HD_TYPE_REF && info->fields[fi].type != HD_TYPE_REF_LIST) ||
              info->fields[fi].ref != entity)
            continue;
          query.entity = (HdEntity) e;
          query.ref_field = info->fields[fi].name;
          query.ref_id = id;
          query.include_archived = TRUE;
          n += (guint) hd_store_count (f->store, &query, &error);
          g_assert_no_error (error);
        }
    }
  return n;
}

typedef struct {
  HdRecord *survivor, *loser, *event_a, *event_b, *room;
  HdRecord *talk, *reg_a, *reg_b, *reg_survivor_a, *booking, *session;
} People;

static void
people_clear (People *p)
{
  HdRecord **all[] = { &p->survivor, &p->loser, &p->event_a, &p->event_b, &p->room, &p->talk,
                       &p->reg_a, &p->reg_b, &p->reg_survivor_a, &p->booking, &p->session };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    g_clear_pointer (all[i], hd_record_unref);
}

static HdRecord *
registration (Fixture        *f,
              const HdRecord *event,
              const HdRecord *who,
              const char     *status)
{
  HdRecord *r = hd_record_new (HD_ENTITY_REGISTRATION, TEST_HUB);

  hd_record_set_string (r, "event_id", hd_record_get_id (event));
  hd_record_set_string (r, "person_id", hd_record_get_id (who));
  hd_record_set_string (r, "status", status);
  save (f, r);
  return r;
}

static void
make_people (Fixture *f,
             People  *p)
{
  const char *speakers[3];

  p->survivor = person (f, TEST_HUB, "Jana", "Müller", NULL, "0731 55501", NULL);
  hd_record_set_string (p->survivor, "notes", "Erstkontakt Messe.");
  hd_record_set_strv (p->survivor, "tags", (const char *[]) { "KI", NULL });
  save (f, p->survivor);
  p->loser = person (f, TEST_HUB, "Jana", "Mueller", "jana@acme.de", "+49 731 55501", NULL);
  hd_record_set_string (p->loser, "job_title", "CTO");
  hd_record_set_string (p->loser, "notes", "Will Förderberatung.");
  hd_record_set_strv (p->loser, "tags", (const char *[]) { "Sensorik", "KI", NULL });
  save (f, p->loser);

  p->event_a = test_event (TEST_HUB, "KI-Frühstück", "2026-12-01T08:00:00Z", "2026-12-01T10:00:00Z");
  hd_record_set_string (p->event_a, "organizer_id", hd_record_get_id (p->loser));
  save (f, p->event_a);
  p->event_b = test_event (TEST_HUB, "Hackathon", "2026-12-05T08:00:00Z", "2026-12-05T18:00:00Z");
  save (f, p->event_b);

  p->room = hd_record_new (HD_ENTITY_ROOM, TEST_HUB);
  hd_record_set_string (p->room, "name", "Werkstatt");
  hd_record_set_int (p->room, "capacity", 12);
  save (f, p->room);

  p->talk = hd_record_new (HD_ENTITY_INTERACTION, TEST_HUB);
  hd_record_set_string (p->talk, "occurred_on", "2026-11-20");
  hd_record_set_string (p->talk, "person_id", hd_record_get_id (p->loser));
  save (f, p->talk);

  p->reg_a = registration (f, p->event_a, p->loser, "registered");
  p->reg_b = registration (f, p->event_b, p->loser, "waitlisted");
  p->reg_survivor_a = registration (f, p->event_a, p->survivor, "registered");

  p->booking = hd_record_new (HD_ENTITY_BOOKING, TEST_HUB);
  hd_record_set_string (p->booking, "room_id", hd_record_get_id (p->room));
  hd_record_set_string (p->booking, "starts_at", "2026-12-02T09:00:00Z");
  hd_record_set_string (p->booking, "ends_at", "2026-12-02T11:00:00Z");
  hd_record_set_int (p->booking, "seats", 2);
  hd_record_set_string (p->booking, "person_id", hd_record_get_id (p->loser));
  save (f, p->booking);

  p->session = hd_record_new (HD_ENTITY_SESSION, TEST_HUB);
  hd_record_set_string (p->session, "event_id", hd_record_get_id (p->event_b));
  hd_record_set_string (p->session, "title", "Einführung");
  hd_record_set_string (p->session, "starts_at", "2026-12-05T09:00:00Z");
  hd_record_set_string (p->session, "ends_at", "2026-12-05T10:00:00Z");
  speakers[0] = hd_record_get_id (p->loser);
  speakers[1] = hd_record_get_id (p->survivor);
  speakers[2] = NULL;
  hd_record_set_strv (p->session, "speaker_ids", speakers);
  save (f, p->session);
}

static void
test_merge_people (Fixture       *f,
                   gconstpointer  data)
{
  People p = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autofree char *merge_id = NULL;
  g_autoptr(HdRecord) merged = NULL;
  g_autoptr(HdRecord) session = NULL;
  const char *take[] = { "job_title", NULL };
  const char **tags;
  const char **speakers;
  const char *survivor_id, *loser_id;
  guint refs_to_loser;

  make_people (f, &p);
  survivor_id = hd_record_get_id (p.survivor);
  loser_id = hd_record_get_id (p.loser);
  refs_to_loser = references_to (f, HD_ENTITY_PERSON, loser_id);
  /* interaction, 2 registrations, booking, event organizer, session speaker */
  g_assert_cmpuint (refs_to_loser, ==, 6);

  merge_id = hd_store_merge (f->store, HD_ENTITY_PERSON, survivor_id, loser_id, take, &error);
  g_assert_no_error (error);
  g_assert_nonnull (merge_id);

  /* Every reference moved; the other record is gone. */
  g_assert_cmpuint (references_to (f, HD_ENTITY_PERSON, loser_id), ==, 0);
  g_assert_null (hd_store_get (f->store, HD_ENTITY_PERSON, loser_id, NULL));
  merged = hd_store_get (f->store, HD_ENTITY_PERSON, survivor_id, &error);
  g_assert_cmpstr (hd_record_get_string (merged, "email"), ==, "jana@acme.de");   /* was empty */
  g_assert_cmpstr (hd_record_get_string (merged, "job_title"), ==, "CTO");        /* chosen */
  g_assert_cmpstr (hd_record_get_string (merged, "family_name"), ==, "Müller");   /* kept */
  g_assert_cmpstr (hd_record_get_string (merged, "notes"), ==, "Erstkontakt Messe.\n\nWill Förderberatung.");
  tags = hd_record_get_strv (merged, "tags");
  g_assert_cmpuint (g_strv_length ((char **) tags), ==, 2);
  g_assert_true (g_strv_contains (tags, "Sensorik"));

  {
    g_autoptr(HdRecord) talk = hd_store_get (f->store, HD_ENTITY_INTERACTION, hd_record_get_id (p.talk), NULL);
    g_autoptr(HdRecord) booking = hd_store_get (f->store, HD_ENTITY_BOOKING, hd_record_get_id (p.booking), NULL);
    g_autoptr(HdRecord) event = hd_store_get (f->store, HD_ENTITY_EVENT, hd_record_get_id (p.event_a), NULL);
    g_autoptr(HdRecord) reg_b = hd_store_get (f->store, HD_ENTITY_REGISTRATION, hd_record_get_id (p.reg_b), NULL);

    g_assert_cmpstr (hd_record_get_string (talk, "person_id"), ==, survivor_id);
    g_assert_cmpstr (hd_record_get_string (booking, "person_id"), ==, survivor_id);
    g_assert_cmpstr (hd_record_get_string (event, "organizer_id"), ==, survivor_id);
    g_assert_cmpstr (hd_record_get_string (reg_b, "person_id"), ==, survivor_id);
    g_assert_cmpstr (hd_record_get_string (reg_b, "status"), ==, "waitlisted");
  }
  /* Registered twice for the same event: the survivor's registration stays alone. */
  g_assert_null (hd_store_get (f->store, HD_ENTITY_REGISTRATION, hd_record_get_id (p.reg_a), NULL));
  session = hd_store_get (f->store, HD_ENTITY_SESSION, hd_record_get_id (p.session), NULL);
  speakers = hd_record_get_strv (session, "speaker_ids");
  g_assert_cmpuint (g_strv_length ((char **) speakers), ==, 1);
  g_assert_cmpstr (speakers[0], ==, survivor_id);

  /* Undo: the other record again (a new id), every reference back to it. */
  g_assert_true (hd_store_merge_undo (f->store, merge_id, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) again = NULL;
    g_autoptr(HdRecord) restored = hd_store_get (f->store, HD_ENTITY_PERSON, survivor_id, NULL);
    HdQuery query = { 0, };
    const char *new_id;

    query.entity = HD_ENTITY_PERSON;
    query.hub_id = TEST_HUB;
    query.search = "CTO";
    again = hd_store_query (f->store, &query, &error);
    g_assert_cmpuint (again->len, ==, 1);
    new_id = hd_record_get_id (again->pdata[0]);
    g_assert_cmpstr (hd_record_get_string (again->pdata[0], "email"), ==, "jana@acme.de");
    g_assert_cmpstr (hd_record_get_string (again->pdata[0], "family_name"), ==, "Mueller");
    g_assert_cmpuint (references_to (f, HD_ENTITY_PERSON, new_id), ==, 6);
    g_assert_null (hd_record_get_string (restored, "email"));
    g_assert_null (hd_record_get_string (restored, "job_title"));
    g_assert_cmpstr (hd_record_get_string (restored, "notes"), ==, "Erstkontakt Messe.");
    /* The survivor's own references stayed with it. */
    g_assert_cmpuint (references_to (f, HD_ENTITY_PERSON, survivor_id), ==, 2);
  }
  g_assert_false (hd_store_merge_undo (f->store, merge_id, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);

  people_clear (&p);
}

/* The merge screen's picks: fields kept exactly as the survivor has them
 * (not filled, not joined), fields taken, and the counts it shows. */
static void
test_merge_picked (Fixture       *f,
                   gconstpointer  data)
{
  People p = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autofree char *merge_id = NULL;
  g_autoptr(HdRecord) merged = NULL;
  const char *take[] = { "family_name", NULL };
  const char *keep[] = { "email", "tags", "notes", NULL };
  guint counts[HD_N_ENTITIES];
  const char **tags;

  make_people (f, &p);
  g_assert_true (hd_store_count_references (f->store, HD_ENTITY_PERSON, hd_record_get_id (p.loser),
                                            counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts[HD_ENTITY_INTERACTION], ==, 1);
  g_assert_cmpuint (counts[HD_ENTITY_REGISTRATION], ==, 2);
  g_assert_cmpuint (counts[HD_ENTITY_BOOKING], ==, 1);
  g_assert_cmpuint (counts[HD_ENTITY_EVENT], ==, 1);
  g_assert_cmpuint (counts[HD_ENTITY_SESSION], ==, 1);
  g_assert_cmpuint (counts[HD_ENTITY_PERSON], ==, 0);
  g_assert_true (hd_store_count_references (f->store, HD_ENTITY_PERSON, hd_record_get_id (p.survivor),
                                            counts, &error));
  g_assert_cmpuint (counts[HD_ENTITY_REGISTRATION], ==, 1);
  g_assert_cmpuint (counts[HD_ENTITY_INTERACTION], ==, 0);

  merge_id = hd_store_merge_picked (f->store, HD_ENTITY_PERSON, hd_record_get_id (p.survivor),
                                    hd_record_get_id (p.loser), take, keep, &error);
  g_assert_no_error (error);
  g_assert_nonnull (merge_id);
  merged = hd_store_get (f->store, HD_ENTITY_PERSON, hd_record_get_id (p.survivor), &error);
  g_assert_cmpstr (hd_record_get_string (merged, "family_name"), ==, "Mueller");   /* taken */
  g_assert_null (hd_record_get_string (merged, "email"));                          /* kept empty */
  g_assert_cmpstr (hd_record_get_string (merged, "notes"), ==, "Erstkontakt Messe."); /* not joined */
  tags = hd_record_get_strv (merged, "tags");
  g_assert_cmpuint (g_strv_length ((char **) tags), ==, 1);
  g_assert_cmpstr (tags[0], ==, "KI");
  g_assert_cmpstr (hd_record_get_string (merged, "job_title"), ==, "CTO");         /* filled as before */
  g_assert_null (hd_store_get (f->store, HD_ENTITY_PERSON, hd_record_get_id (p.loser), NULL));

  people_clear (&p);
}

static void
test_merge_organizations (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(HdRecord) keep = organization (f, TEST_HUB, "Neckar Robotics GmbH", "Stuttgart");
  g_autoptr(HdRecord) drop = organization (f, TEST_HUB, "Neckar-Robotics", NULL);
  g_autoptr(HdRecord) partner = organization (f, TEST_HUB, "Beta AG", "Ulm");
  G_GNUC_UNUSED g_autoptr(HdRecord) worker = person (f, TEST_HUB, "Aylin", "Demir", NULL, NULL, hd_record_get_id (drop));
  g_autoptr(HdRecord) talk = hd_record_new (HD_ENTITY_INTERACTION, TEST_HUB);
  g_autoptr(HdRecord) coop = hd_record_new (HD_ENTITY_INTERACTION, TEST_HUB);
  g_autoptr(GError) error = NULL;
  g_autofree char *merge_id = NULL;
  gint64 outbox_before;

  hd_record_set_string (talk, "occurred_on", "2026-11-02");
  hd_record_set_string (talk, "organization_id", hd_record_get_id (drop));
  save (f, talk);
  hd_record_set_string (coop, "kind", "cooperation");
  hd_record_set_string (coop, "occurred_on", "2026-11-03");
  hd_record_set_string (coop, "organization_id", hd_record_get_id (partner));
  hd_record_set_string (coop, "partner_organization_id", hd_record_get_id (drop));
  save (f, coop);
  g_assert_cmpuint (references_to (f, HD_ENTITY_ORGANIZATION, hd_record_get_id (drop)), ==, 3);

  /* Different hubs never merge, and nothing changes. */
  {
    g_autoptr(HdRecord) elsewhere = organization (f, TEST_HUB_2, "Neckar Robotics", NULL);

    g_assert_null (hd_store_merge (f->store, HD_ENTITY_ORGANIZATION, hd_record_get_id (keep),
                                   hd_record_get_id (elsewhere), NULL, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_cmpuint (references_to (f, HD_ENTITY_ORGANIZATION, hd_record_get_id (drop)), ==, 3);
  }

  g_assert_true (hd_store_set_meta (f->store, "server_url", "https://hub.example.org", &error));
  outbox_before = hd_store_outbox_count (f->store, &error);
  merge_id = hd_store_merge (f->store, HD_ENTITY_ORGANIZATION, hd_record_get_id (keep),
                             hd_record_get_id (drop), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (references_to (f, HD_ENTITY_ORGANIZATION, hd_record_get_id (drop)), ==, 0);
  g_assert_cmpuint (references_to (f, HD_ENTITY_ORGANIZATION, hd_record_get_id (keep)), ==, 3);
  /* The person, both interactions and the delete go to the server. */
  g_assert_cmpint (hd_store_outbox_count (f->store, &error), >=, outbox_before + 3);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  g_test_add_func ("/duplicates/keys", test_keys);
  ADD ("/duplicates/people", test_find_people);
  ADD ("/duplicates/organizations", test_find_organizations);
  ADD ("/duplicates/import", test_import_flags_duplicates);
  ADD ("/duplicates/merge-people", test_merge_people);
  ADD ("/duplicates/merge-organizations", test_merge_organizations);
  ADD ("/duplicates/merge-picked", test_merge_picked);
#undef ADD

  return g_test_run ();
}
