/* test-reports.c — every figure equals the value counted by hand
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixture: two hubs, March 2026 (Europe/Berlin changes to summer time
 * on 29 March) and February before it. The expected values in the tests
 * are counted from the records below, see the comment at each.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "hd-hub-figure.h"
#include "hd-report.h"
#include "hd-report-export.h"
#include "hd-report-private.h"

#define HUB_A "0b7f5c1e-3a53-4b4c-9a55-7c1f7d3b2a10"
#define HUB_B "4d1c8e2a-7b6f-4f0e-8d3c-2a9b1e5f6c70"

/* 1 June 2026: every event of the fixture is over */
#define NOW G_GINT64_CONSTANT (1780272000)

typedef struct {
  char      *dir;
  char      *path;
  HdStore   *store;
  GPtrArray *records;
  guint      serial;
} Fixture;

static const char *only_a[] = { HUB_A, NULL };
static const char *only_b[] = { HUB_B, NULL };

static char *
make_id (Fixture *f)
{
  return g_strdup_printf ("00000000-0000-4000-8000-%012x", ++f->serial);
}

static HdRecord *
add (Fixture    *f,
     HdEntity    entity,
     const char *hub_id,
     char      **out_id)
{
  g_autofree char *id = make_id (f);
  HdRecord *record = hd_record_new (entity, hub_id);

  hd_record_set_id (record, id);
  g_ptr_array_add (f->records, record);
  if (out_id != NULL)
    *out_id = g_strdup (id);

  return record;
}

static void
add_hub (Fixture    *f,
         const char *id,
         const char *name)
{
  HdRecord *record = hd_record_new (HD_ENTITY_HUB, id);

  hd_record_set_id (record, id);
  hd_record_set_string (record, "name", name);
  g_ptr_array_add (f->records, record);
}

static char *
add_org (Fixture    *f,
         const char *hub_id,
         const char *name,
         const char *kind,
         const char *register_id,
         const char *website)
{
  char *id;
  HdRecord *record = add (f, HD_ENTITY_ORGANIZATION, hub_id, &id);

  hd_record_set_string (record, "name", name);
  hd_record_set_string (record, "kind", kind);
  if (register_id != NULL)
    hd_record_set_string (record, "register_id", register_id);
  if (website != NULL)
    hd_record_set_string (record, "website", website);
  hd_record_set_string (record, "postcode", "72764");

  return id;
}

static char *
add_person (Fixture    *f,
            const char *hub_id,
            const char *name,
            const char *org_id,
            const char *email,
            const char *consent,
            const char *purpose,
            const char *created_at)
{
  char *id;
  HdRecord *record = add (f, HD_ENTITY_PERSON, hub_id, &id);

  hd_record_set_string (record, "family_name", name);
  if (org_id != NULL)
    hd_record_set_string (record, "organization_id", org_id);
  if (email != NULL)
    hd_record_set_string (record, "email", email);
  hd_record_set_string (record, "consent", consent);
  if (purpose != NULL)
    {
      const char *purposes[] = { purpose, NULL };

      hd_record_set_strv (record, "consent_purposes", purposes);
    }
  hd_record_set_meta (record, created_at, created_at, NULL);

  return id;
}

static char *
add_event (Fixture    *f,
           const char *hub_id,
           const char *format,
           const char *status,
           const char *starts_at,
           const char *ends_at,
           gboolean    online)
{
  char *id;
  HdRecord *record = add (f, HD_ENTITY_EVENT, hub_id, &id);

  hd_record_set_string (record, "title", format);
  hd_record_set_string (record, "format", format);
  hd_record_set_string (record, "status", status);
  hd_record_set_string (record, "starts_at", starts_at);
  hd_record_set_string (record, "ends_at", ends_at);
  if (online)
    hd_record_set_string (record, "online_url", "https://meet.example.org/hub");
  else
    hd_record_set_string (record, "location", "Reutlingen");

  return id;
}

static void
add_registration (Fixture    *f,
                  const char *hub_id,
                  const char *event_id,
                  const char *person_id,
                  const char *status)
{
  HdRecord *record = add (f, HD_ENTITY_REGISTRATION, hub_id, NULL);

  hd_record_set_string (record, "event_id", event_id);
  hd_record_set_string (record, "person_id", person_id);
  hd_record_set_string (record, "status", status);
}

static void
add_interaction (Fixture    *f,
                 const char *hub_id,
                 const char *kind,
                 const char *occurred_on,
                 const char *org_id,
                 const char *person_id,
                 const char *outcome)
{
  HdRecord *record = add (f, HD_ENTITY_INTERACTION, hub_id, NULL);

  hd_record_set_string (record, "kind", kind);
  hd_record_set_string (record, "occurred_on", occurred_on);
  if (org_id != NULL)
    hd_record_set_string (record, "organization_id", org_id);
  if (person_id != NULL)
    hd_record_set_string (record, "person_id", person_id);
  hd_record_set_string (record, "outcome", outcome);
}

static void
add_booking (Fixture    *f,
             const char *hub_id,
             const char *room_id,
             const char *org_id,
             const char *starts_at,
             const char *ends_at,
             const char *status)
{
  HdRecord *record = add (f, HD_ENTITY_BOOKING, hub_id, NULL);

  hd_record_set_string (record, "room_id", room_id);
  hd_record_set_string (record, "organization_id", org_id);
  hd_record_set_string (record, "starts_at", starts_at);
  hd_record_set_string (record, "ends_at", ends_at);
  hd_record_set_string (record, "status", status);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *oa1 = NULL, *oa2 = NULL, *oa3 = NULL, *oa4 = NULL, *oa5 = NULL;
  g_autofree char *ob1 = NULL, *ob2 = NULL, *ob3 = NULL;
  g_autofree char *pa1 = NULL, *pa2 = NULL, *pa3 = NULL, *pb1 = NULL, *pb2 = NULL;
  g_autofree char *ea1 = NULL, *ea2 = NULL, *ea3 = NULL, *ea4 = NULL, *ea5 = NULL, *ea6 = NULL;
  g_autofree char *eb1 = NULL, *eb2 = NULL, *room = NULL;
  HdRecord *record;

  f->dir = g_dir_make_tmp ("hubdesk-reports-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "store.db", NULL);
  f->store = hd_store_open (f->path, &error);
  g_assert_no_error (error);
  f->records = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);

  add_hub (f, HUB_A, "Digital Hub Neckar-Alb");
  add_hub (f, HUB_B, "de:hub Karlsruhe");

  /* OA1 and OB1 share a register number, OA2 and OB2 a website domain */
  oa1 = add_org (f, HUB_A, "Schäfer & Söhne GmbH", "sme", "HRB 725123, Amtsgericht Stuttgart", NULL);
  oa2 = add_org (f, HUB_A, "Uni Tübingen", "university", NULL, "https://www.uni-tuebingen.de/");
  oa3 = add_org (f, HUB_A, "Startup X", "startup", NULL, NULL);
  oa4 = add_org (f, HUB_A, "Verein Y", "other", NULL, NULL);
  oa5 = add_org (f, HUB_A, "Late Corp", "sme", NULL, NULL);
  ob1 = add_org (f, HUB_B, "Schäfer und Söhne", "sme", "HRB 725123 Amtsgericht Stuttgart", NULL);
  ob2 = add_org (f, HUB_B, "Universität Tübingen", "university", NULL, "http://uni-tuebingen.de/forschung");
  ob3 = add_org (f, HUB_B, "Feb GmbH", "large_company", NULL, NULL);

  /* PB1 was made at midnight local time starting 1 March (23:00 UTC);
   * PA3 at 00:30 local on 1 April (summer time) */
  pa1 = add_person (f, HUB_A, "Anna", oa1, "anna@example.org", "given", "contact", "2026-03-02T10:00:00Z");
  pa2 = add_person (f, HUB_A, "Ben", oa3, NULL, "none", NULL, "2026-02-15T10:00:00Z");
  pa3 = add_person (f, HUB_A, "Cem", NULL, NULL, "given", "newsletter", "2026-03-31T22:30:00Z");
  pb1 = add_person (f, HUB_B, "Anna B", ob2, "Anna@Example.org", "given", "contact", "2026-02-28T23:00:00Z");
  pb2 = add_person (f, HUB_B, "Dora", ob3, NULL, "given", "contact", "2026-01-01T10:00:00Z");

  ea1 = add_event (f, HUB_A, "workshop", "published", "2026-03-10T09:00:00Z", "2026-03-10T11:00:00Z", FALSE);
  /* 23:30 local on 31 March (CEST): in March */
  ea2 = add_event (f, HUB_A, "online_seminar", "published", "2026-03-31T21:30:00Z", "2026-03-31T21:55:00Z", TRUE);
  /* 00:30 local on 1 April: not in March */
  ea3 = add_event (f, HUB_A, "talk", "published", "2026-03-31T22:30:00Z", "2026-03-31T23:30:00Z", FALSE);
  /* 00:30 local on 1 March (CET): in March, nobody recorded */
  ea4 = add_event (f, HUB_A, "networking", "published", "2026-02-28T23:30:00Z", "2026-03-01T01:00:00Z", FALSE);
  ea5 = add_event (f, HUB_A, "workshop", "draft", "2026-03-12T09:00:00Z", "2026-03-12T10:00:00Z", FALSE);
  ea6 = add_event (f, HUB_A, "conference", "cancelled", "2026-03-13T09:00:00Z", "2026-03-13T10:00:00Z", FALSE);
  eb1 = add_event (f, HUB_B, "networking", "published", "2026-03-20T17:00:00Z", "2026-03-20T19:00:00Z", FALSE);
  /* 23:30 local on 28 February: in February */
  eb2 = add_event (f, HUB_B, "talk", "published", "2026-02-28T22:30:00Z", "2026-02-28T22:50:00Z", FALSE);

  add_registration (f, HUB_A, ea1, pa1, "attended");
  add_registration (f, HUB_A, ea1, pa2, "attended");
  add_registration (f, HUB_A, ea1, pa3, "no_show");
  add_registration (f, HUB_A, ea2, pa3, "attended");
  add_registration (f, HUB_A, ea3, pa1, "attended");
  add_registration (f, HUB_A, ea6, pa2, "registered");
  add_registration (f, HUB_B, eb1, pb1, "attended");
  add_registration (f, HUB_B, eb2, pb2, "attended");

  add_interaction (f, HUB_A, "consultation", "2026-03-05", oa3, NULL, "none");
  /* through the person: reaches OA1 */
  add_interaction (f, HUB_A, "office_hours", "2026-03-31", NULL, pa1, "cooperation_initiated");
  add_interaction (f, HUB_A, "project", "2026-03-15", oa4, NULL, "project_started");
  add_interaction (f, HUB_A, "visit", "2026-03-20", oa2, NULL, "none");
  add_interaction (f, HUB_A, "consultation", "2026-04-01", oa5, NULL, "none");
  add_interaction (f, HUB_B, "cooperation", "2026-03-12", ob1, NULL, "cooperation_initiated");
  add_interaction (f, HUB_B, "consultation", "2026-02-10", ob3, NULL, "none");

  record = add (f, HD_ENTITY_ROOM, HUB_A, &room);
  hd_record_set_string (record, "name", "Werkstatt");
  hd_record_set_int (record, "capacity", 12);
  add_booking (f, HUB_A, room, oa4, "2026-03-03T08:00:00Z", "2026-03-03T10:00:00Z", "confirmed");
  add_booking (f, HUB_A, room, oa5, "2026-03-04T08:00:00Z", "2026-03-04T10:00:00Z", "cancelled");

  hd_store_insert_many (f->store, f->records, &error);
  g_assert_no_error (error);

  /* entered by hand */
  g_assert_true (hd_hub_figure_save (f->store, HUB_A, "2026-01", 900, -1, NULL, &error));
  g_assert_true (hd_hub_figure_save (f->store, HUB_A, "2026-02", 1000, 2, NULL, &error));
  g_assert_true (hd_hub_figure_save (f->store, HUB_A, "2026-03", 1100, 3, "LinkedIn, Instagram", &error));
  g_assert_true (hd_hub_figure_save (f->store, HUB_B, "2026-01", 450, -1, NULL, &error));
  g_assert_true (hd_hub_figure_save (f->store, HUB_B, "2026-02", -1, 4, NULL, &error));
  g_assert_true (hd_hub_figure_save (f->store, HUB_B, "2026-03", 500, 1, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_ptr_array_unref (f->records);
  for (const char *suffix = ""; suffix != NULL; suffix = g_str_equal (suffix, "") ? "-wal" : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *file = g_strconcat (f->path, suffix, NULL);

      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static HdReport *
compute (Fixture            *f,
         const HdReportPeriod *period,
         const char * const *hubs)
{
  g_autoptr(GError) error = NULL;
  HdReport *report = hd_report_compute (f->store, period, hubs, NOW, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);

  return report;
}

static void
assert_figure (HdReport   *report,
               const char *id,
               gint64      value,
               gint64      previous)
{
  const HdReportFigure *figure = hd_report_lookup (report, id);

  g_assert_nonnull (figure);
  g_test_message ("%s: %lld (before %lld)", id, (long long) figure->value,
                  (long long) figure->previous);
  g_assert_cmpint (figure->value, ==, value);
  g_assert_cmpint (figure->previous, ==, previous);
}

static void
assert_part (HdReport   *report,
             const char *id,
             const char *key,
             gint64      value)
{
  const HdReportFigure *figure = hd_report_lookup (report, id);

  g_assert_cmpint (hd_report_figure_part (figure, key, FALSE), ==, value);
}

static void
test_hub_a (Fixture       *f,
            gconstpointer  data)
{
  HdReportPeriod march;
  g_autoptr(HdReport) report = NULL;

  hd_report_period_month (&march, 2026, 3);
  report = compute (f, &march, only_a);

  /* OA1 (through Anna), OA2 (visit), OA3 (consultation, Ben), OA4
   * (project, booking); OA5's booking was cancelled, its consultation
   * is in April */
  assert_figure (report, "organizations_reached", 4, 0);
  assert_part (report, "organizations_reached", "sme", 1);
  assert_part (report, "organizations_reached", "university", 1);
  assert_part (report, "organizations_reached", "startup", 1);
  assert_part (report, "organizations_reached", "other", 1);
  /* EA1: Anna, Ben; EA2: Cem; EA3 is in April */
  assert_figure (report, "participants", 3, 0);
  assert_part (report, "participants", "workshop", 2);
  assert_part (report, "participants", "online_seminar", 1);
  assert_figure (report, "unique_participants", 3, 0);
  assert_figure (report, "participants_by_mode", 3, 0);
  assert_part (report, "participants_by_mode", "online", 1);
  assert_part (report, "participants_by_mode", "in_person", 2);
  /* EA1, EA2, EA4; not the draft, the cancelled one or EA3 */
  assert_figure (report, "events_held", 3, 0);
  assert_part (report, "events_held", "networking", 1);
  assert_figure (report, "online_events", 1, 0);
  assert_figure (report, "consultations", 2, 0);
  assert_part (report, "consultations", "office_hours", 1);
  assert_figure (report, "cooperations_initiated", 1, 0);
  assert_figure (report, "projects_started", 1, 0);
  /* Anna in March, Ben in February; Cem on 1 April local time */
  assert_figure (report, "new_contacts", 1, 1);
  assert_figure (report, "social_followers", 1100, 1000);
  assert_figure (report, "third_party_appearances", 3, 2);
  /* Ben (no consent), Cem (newsletter only) */
  assert_figure (report, "reached_without_consent", 2, 0);
  assert_figure (report, "organizations_without_kind", 1, 0);
  assert_figure (report, "events_without_participants", 1, 0);

  g_assert_cmpstr (hd_report_get_scope_label (report), ==, "Digital Hub Neckar-Alb");
}

static void
test_hub_b (Fixture       *f,
            gconstpointer  data)
{
  HdReportPeriod march;
  g_autoptr(HdReport) report = NULL;

  hd_report_period_month (&march, 2026, 3);
  report = compute (f, &march, only_b);

  /* OB1 (cooperation), OB2 (Anna B at EB1); before: OB3 twice */
  assert_figure (report, "organizations_reached", 2, 1);
  assert_figure (report, "participants", 1, 1);
  assert_figure (report, "unique_participants", 1, 1);
  assert_figure (report, "events_held", 1, 1);
  assert_part (report, "events_held", "networking", 1);
  assert_figure (report, "consultations", 0, 1);
  assert_figure (report, "cooperations_initiated", 1, 0);
  assert_figure (report, "projects_started", 0, 0);
  /* Anna B at local midnight starting 1 March */
  assert_figure (report, "new_contacts", 1, 0);
  /* February has appearances but no follower figure */
  assert_figure (report, "social_followers", 500, 0);
  assert_figure (report, "third_party_appearances", 1, 4);
  assert_figure (report, "reached_without_consent", 0, 0);
  assert_figure (report, "events_without_participants", 0, 0);
}

static void
test_all_hubs (Fixture       *f,
               gconstpointer  data)
{
  HdReportPeriod march;
  g_autoptr(HdReport) report = NULL;
  g_autoptr(HdReport) both = NULL;
  const char *ab[] = { HUB_A, HUB_B, NULL };

  hd_report_period_month (&march, 2026, 3);
  report = compute (f, &march, NULL);
  both = compute (f, &march, ab);

  /* OA1 = OB1 (register number), OA2 = OB2 (domain): 4, not 4 + 2 */
  assert_figure (report, "organizations_reached", 4, 1);
  assert_figure (both, "organizations_reached", 4, 1);
  assert_part (report, "organizations_reached", "sme", 1);
  assert_part (report, "organizations_reached", "university", 1);
  assert_figure (report, "participants", 4, 1);
  /* Anna and Anna B share an e-mail address */
  assert_figure (report, "unique_participants", 3, 1);
  assert_figure (report, "events_held", 4, 1);
  assert_part (report, "events_held", "networking", 2);
  assert_figure (report, "cooperations_initiated", 2, 0);
  assert_figure (report, "new_contacts", 2, 1);
  assert_figure (report, "social_followers", 1600, 1000);
  assert_figure (report, "third_party_appearances", 4, 6);

  g_assert_cmpuint (g_strv_length ((GStrv) hd_report_get_hub_ids (report)), ==, 2);
}

/* The fixture's record named @name (family name or name) as stored. */
static HdRecord *
stored (Fixture    *f,
        HdEntity    entity,
        const char *name)
{
  const char *field = entity == HD_ENTITY_PERSON ? "family_name" : "name";

  for (guint i = 0; i < f->records->len; i++)
    {
      HdRecord *record = g_ptr_array_index (f->records, i);
      g_autoptr(GError) error = NULL;
      HdRecord *copy;

      if (hd_record_get_entity (record) != entity ||
          g_strcmp0 (hd_record_get_string (record, field), name) != 0)
        continue;
      copy = hd_store_get (f->store, entity, hd_record_get_id (record), &error);
      g_assert_no_error (error);
      return copy;
    }

  g_assert_not_reached ();
}

static void
save_record (Fixture  *f,
             HdRecord *record)
{
  g_autoptr(GError) error = NULL;

  hd_store_save (f->store, record, &error);
  g_assert_no_error (error);
}

/* A report counts people and organizations as they are now: a person
 * who joins an organization brings it the events they attended, consent
 * and e-mail addresses count as they read today, an organization's kind
 * as it was last set. */
static void
test_follows_edits (Fixture       *f,
                    gconstpointer  data)
{
  const char * const contact[] = { "contact", NULL };
  g_autoptr(HdRecord) cem = stored (f, HD_ENTITY_PERSON, "Cem");
  g_autoptr(HdRecord) anna_b = stored (f, HD_ENTITY_PERSON, "Anna B");
  g_autoptr(HdRecord) late = stored (f, HD_ENTITY_ORGANIZATION, "Late Corp");
  HdReportPeriod march;

  hd_report_period_month (&march, 2026, 3);

  /* Cem (online seminar in March) joins Late Corp and may be contacted */
  hd_record_set_string (cem, "organization_id", hd_record_get_id (late));
  hd_record_set_strv (cem, "consent_purposes", contact);
  save_record (f, cem);
  {
    g_autoptr(HdReport) report = compute (f, &march, only_a);

    assert_figure (report, "organizations_reached", 5, 0);
    assert_part (report, "organizations_reached", "sme", 2);
    assert_figure (report, "reached_without_consent", 1, 0);
  }

  hd_record_set_string (late, "kind", "startup");
  save_record (f, late);
  {
    g_autoptr(HdReport) report = compute (f, &march, only_a);

    assert_figure (report, "organizations_reached", 5, 0);
    assert_part (report, "organizations_reached", "sme", 1);
    assert_part (report, "organizations_reached", "startup", 2);
  }

  /* Anna B no longer shares Anna's address */
  hd_record_set_string (anna_b, "email", "anna.b@example.org");
  save_record (f, anna_b);
  {
    g_autoptr(HdReport) report = compute (f, &march, NULL);

    assert_figure (report, "unique_participants", 4, 1);
  }
}

/* One organization known to two hubs under different kinds counts under
 * the kind that comes first in the model's list, in whichever order its
 * records are met. */
static void
test_kind_across_hubs (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(HdRecord) uni_a = stored (f, HD_ENTITY_ORGANIZATION, "Uni Tübingen");
  g_autoptr(HdRecord) uni_b = stored (f, HD_ENTITY_ORGANIZATION, "Universität Tübingen");
  const char *kinds[][2] = { { "university", "research_institute" },
                             { "research_institute", "university" },
                             { "other", "research_institute" } };
  const char *expected[] = { "university", "university", "research_institute" };
  HdReportPeriod march;

  hd_report_period_month (&march, 2026, 3);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(HdReport) report = NULL;

      hd_record_set_string (uni_a, "kind", kinds[i][0]);
      save_record (f, uni_a);
      hd_record_set_string (uni_b, "kind", kinds[i][1]);
      save_record (f, uni_b);
      report = compute (f, &march, NULL);
      assert_figure (report, "organizations_reached", 4, 1);
      assert_part (report, "organizations_reached", expected[i], 1);
      assert_part (report, "organizations_reached",
                   g_str_equal (expected[i], "university") ? "research_institute" : "university", 0);
    }
}

static void
test_quarter_and_custom (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  HdReportPeriod q1, days, previous;
  g_autoptr(HdReport) quarter = NULL;
  g_autoptr(HdReport) last_day = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  hd_report_period_quarter (&q1, 2026, 1);
  quarter = compute (f, &q1, only_a);
  /* the latest month's followers, the sum of appearances */
  assert_figure (quarter, "social_followers", 1100, 0);
  assert_figure (quarter, "third_party_appearances", 5, 0);
  assert_figure (quarter, "new_contacts", 2, 0);

  /* a range of whole months is recognised */
  g_assert_true (hd_report_period_parse (&days, "2026-01-01", "2026-03-31", &error));
  g_assert_cmpint (days.kind, ==, HD_REPORT_PERIOD_QUARTER);

  /* the last day alone: EA2 at 23:30 local, not EA3 at 00:30 the next day */
  g_assert_true (hd_report_period_parse (&days, "2026-03-31", "2026-03-31", &error));
  g_assert_no_error (error);
  g_assert_cmpint (days.kind, ==, HD_REPORT_PERIOD_CUSTOM);
  last_day = compute (f, &days, only_a);
  assert_figure (last_day, "participants", 1, 0);
  assert_figure (last_day, "online_events", 1, 0);
  hd_report_period_previous (&days, &previous);
  first = hd_report_period_date (&previous, FALSE);
  last = hd_report_period_date (&previous, TRUE);
  g_assert_cmpstr (first, ==, "2026-03-30");
  g_assert_cmpstr (last, ==, "2026-03-30");

  g_assert_false (hd_report_period_parse (&days, "2026-03-31", "2026-03-01", &error));
  g_assert_error (error, HD_REPORT_ERROR, HD_REPORT_ERROR_INVALID_PERIOD);
  g_clear_error (&error);
  g_assert_false (hd_report_period_parse (&days, "2026-02-30", "2026-03-01", &error));
  g_assert_error (error, HD_REPORT_ERROR, HD_REPORT_ERROR_INVALID_PERIOD);
}

static gint64
series_part (HdReport   *report,
             guint       index,
             const char *key)
{
  const HdReportFigure *series = hd_report_get_series (report, index);

  return hd_report_figure_part (series, key, FALSE);
}

static void
test_series (Fixture       *f,
             gconstpointer  data)
{
  HdReportPeriod q1;
  g_autoptr(HdReport) report = NULL;
  const HdReportFigure *participants, *reached;

  hd_report_period_quarter (&q1, 2026, 1);
  report = compute (f, &q1, NULL);
  g_assert_cmpuint (hd_report_get_n_series (report), ==, 2);
  participants = hd_report_get_series (report, 0);
  reached = hd_report_get_series (report, 1);
  g_assert_cmpstr (participants->info->id, ==, "participants_by_month");
  g_assert_cmpuint (participants->parts->len, ==, 3);

  /* Dora at EB2 (23:30 on 28 February, local); Anna, Ben, Cem (EA1, EA2 at
   * 23:30 on 31 March) and Anna B in March */
  g_assert_cmpint (series_part (report, 0, "1"), ==, 0);
  g_assert_cmpint (series_part (report, 0, "2"), ==, 1);
  g_assert_cmpint (series_part (report, 0, "3"), ==, 4);
  g_assert_cmpint (participants->value, ==, 5);
  /* Feb GmbH in February; in March the four of test_all_hubs */
  g_assert_cmpint (series_part (report, 1, "2"), ==, 1);
  g_assert_cmpint (series_part (report, 1, "3"), ==, 4);
  g_assert_cmpint (reached->value, ==, 5);
}

static void
test_bounds (void)
{
  HdReportPeriod march, october;
  gint64 start, end;
  g_autofree char *s = NULL;
  g_autofree char *e = NULL;
  g_autofree char *s2 = NULL;
  g_autofree char *e2 = NULL;

  /* CET at the start, CEST at the end */
  hd_report_period_month (&march, 2026, 3);
  hd_report_period_bounds (&march, &start, &end);
  s = hd_timestamp_format (start);
  e = hd_timestamp_format (end);
  g_assert_cmpstr (s, ==, "2026-02-28T23:00:00Z");
  g_assert_cmpstr (e, ==, "2026-03-31T22:00:00Z");

  /* and back on 25 October */
  hd_report_period_month (&october, 2026, 10);
  hd_report_period_bounds (&october, &start, &end);
  s2 = hd_timestamp_format (start);
  e2 = hd_timestamp_format (end);
  g_assert_cmpstr (s2, ==, "2026-09-30T22:00:00Z");
  g_assert_cmpstr (e2, ==, "2026-10-31T23:00:00Z");
}

static void
test_previous_periods (void)
{
  HdReportPeriod p, prev;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  hd_report_period_month (&p, 2026, 1);
  hd_report_period_previous (&p, &prev);
  a = hd_report_period_date (&prev, FALSE);
  g_assert_cmpstr (a, ==, "2025-12-01");

  hd_report_period_quarter (&p, 2026, 1);
  hd_report_period_previous (&p, &prev);
  b = hd_report_period_date (&prev, TRUE);
  g_assert_cmpstr (b, ==, "2025-12-31");
  g_assert_cmpint (prev.kind, ==, HD_REPORT_PERIOD_QUARTER);

  hd_report_period_year (&p, 2024);
  hd_report_period_previous (&p, &prev);
  c = hd_report_period_date (&prev, FALSE);
  g_assert_cmpstr (c, ==, "2023-01-01");
}

/* Stepping forward is the inverse of stepping back, for every kind of
 * period, across the turn of a year and with a range over February. */
static void
test_next_periods (void)
{
  HdReportPeriod periods[5], next, back;
  g_autoptr(GError) error = NULL;
  const char *expected[][2] = {
    { "2027-01-01", "2027-01-31" },
    { "2027-01-01", "2027-03-31" },
    { "2026-07-01", "2026-09-30" },
    { "2027-01-01", "2027-12-31" },
    { "2026-03-01", "2026-03-17" },   /* 17 days after 12–28 Feb */
  };

  hd_report_period_month (&periods[0], 2026, 12);
  hd_report_period_quarter (&periods[1], 2026, 4);
  hd_report_period_quarter (&periods[2], 2026, 2);
  hd_report_period_year (&periods[3], 2026);
  g_assert_true (hd_report_period_parse (&periods[4], "2026-02-12", "2026-02-28", &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;
      g_autofree char *back_first = NULL;
      g_autofree char *back_last = NULL;
      g_autofree char *orig_first = hd_report_period_date (&periods[i], FALSE);
      g_autofree char *orig_last = hd_report_period_date (&periods[i], TRUE);

      hd_report_period_next (&periods[i], &next);
      first = hd_report_period_date (&next, FALSE);
      last = hd_report_period_date (&next, TRUE);
      g_assert_cmpstr (first, ==, expected[i][0]);
      g_assert_cmpstr (last, ==, expected[i][1]);
      g_assert_cmpint (next.kind, ==, periods[i].kind);

      hd_report_period_previous (&next, &back);
      back_first = hd_report_period_date (&back, FALSE);
      back_last = hd_report_period_date (&back, TRUE);
      g_assert_cmpstr (back_first, ==, orig_first);
      g_assert_cmpstr (back_last, ==, orig_last);
    }
}

static void
test_organization_key (void)
{
  g_autofree char *a = hd_organization_key ("A", "HRB 725123, Amtsgericht Stuttgart", NULL, NULL);
  g_autofree char *b = hd_organization_key ("B", "hrb725123 amtsgericht stuttgart", "https://b.de", NULL);
  g_autofree char *c = hd_organization_key ("C", NULL, "https://WWW.Example.org/x", NULL);
  g_autofree char *d = hd_organization_key ("D", NULL, "http://example.org", "1");
  g_autofree char *e = hd_organization_key ("Müller GmbH", NULL, NULL, "72 764");
  g_autofree char *f = hd_organization_key ("MÜLLER  GmbH.", NULL, NULL, "72764");
  g_autofree char *g = hd_organization_key ("Müller GmbH", NULL, NULL, "72760");

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (c, ==, d);
  g_assert_cmpstr (e, ==, f);
  g_assert_cmpstr (e, !=, g);
}

static void
test_list_reached (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  HdReportPeriod march;
  g_autoptr(HdReportTable) table = NULL;
  g_autoptr(HdReportTable) events = NULL;

  hd_report_period_month (&march, 2026, 3);
  table = hd_report_list (f->store, "organizations_reached", &march, NULL, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (table->rows->len, ==, 4);
  g_assert_cmpuint (table->columns->len, ==, 8);

  /* Schäfer stands for the records of both hubs */
  for (guint i = 0; i < table->rows->len; i++)
    {
      GStrv row = g_ptr_array_index (table->rows, i);

      if (g_str_has_prefix (row[0], "Schäfer"))
        {
          g_assert_cmpstr (row[6], ==, "2");
          g_assert_nonnull (strstr (row[7], "interaction"));
          g_assert_nonnull (strstr (row[7], "event"));
        }
      if (g_str_equal (row[0], "Verein Y"))
        g_assert_nonnull (strstr (row[7], "booking"));
    }

  events = hd_report_list (f->store, "events_without_participants", &march, only_a, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->rows->len, ==, 1);
  g_assert_cmpstr (((GStrv) g_ptr_array_index (events->rows, 0))[1], ==, "2026-02-28T23:30:00Z");

  g_assert_null (hd_report_list (f->store, "participants", &march, NULL, NOW, &error));
  g_assert_error (error, HD_REPORT_ERROR, HD_REPORT_ERROR_NO_LIST);
}

/* The printable report has pages, and drawing one page touches only it. */
static void
test_draw_pages (Fixture       *f,
                 gconstpointer  data)
{
  HdReportPeriod march;
  g_autoptr(HdReport) report = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 595, 842);
  cairo_t *cr = cairo_create (surface);
  guint n_pages;
  guchar *pixels;
  gboolean inked = FALSE;

  hd_report_period_month (&march, 2026, 3);
  report = compute (f, &march, NULL);
  n_pages = hd_report_draw (report, cr, G_MAXINT);
  g_assert_cmpuint (n_pages, >=, 3);

  /* nothing drawn while counting */
  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);
  for (int i = 0; i < 595 * 842 * 4; i++)
    inked |= pixels[i] != 0;
  g_assert_false (inked);

  /* the last page has ink */
  g_assert_cmpuint (hd_report_draw (report, cr, (int) n_pages - 1), ==, n_pages);
  cairo_surface_flush (surface);
  for (int i = 0; i < 595 * 842 * 4 && !inked; i++)
    inked |= pixels[i] != 0;
  g_assert_true (inked);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_unknown_hub (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  HdReportPeriod march;
  const char *hubs[] = { "9e9e9e9e-0000-4000-8000-000000000000", NULL };

  hd_report_period_month (&march, 2026, 3);
  g_assert_null (hd_report_compute (f->store, &march, hubs, NOW, &error));
  g_assert_error (error, HD_REPORT_ERROR, HD_REPORT_ERROR_UNKNOWN_HUB);
}

/* Every figure has a definition a person can read. */
static void
test_definitions (void)
{
  g_assert_cmpuint (hd_report_n_figures (), >=, 15);
  for (guint i = 0; i < hd_report_n_figures (); i++)
    {
      const HdReportFigureInfo *info = hd_report_figure_info (i);

      g_assert_nonnull (info->compute);
      g_assert_cmpuint (strlen (info->explanation), >, 20);
      g_assert_true (hd_report_figure_lookup (info->id) == info);
    }
}

static void
test_hub_figure_record (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdRecord) record = NULL;
  g_autofree char *id1 = hd_hub_figure_id (HUB_A, "2026-03");
  g_autofree char *id2 = hd_hub_figure_id (HUB_A, "2026-03");
  g_autofree char *id3 = hd_hub_figure_id (HUB_B, "2026-03");
  HdQuery q = { .entity = HD_ENTITY_HUB_FIGURE };

  g_assert_true (hd_uuid_is_valid (id1));
  g_assert_cmpstr (id1, ==, id2);
  g_assert_cmpstr (id1, !=, id3);

  /* saving a month again edits its one record */
  g_assert_true (hd_hub_figure_save (f->store, HUB_A, "2026-03", 1200, 3, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (hd_store_count (f->store, &q, &error), ==, 6);
  record = hd_hub_figure_get (f->store, HUB_A, "2026-03", &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_record_get_int (record, "social_followers", -1), ==, 1200);
  g_assert_cmpstr (hd_record_get_string (record, "notes"), ==, "LinkedIn, Instagram");

  g_assert_false (hd_hub_figure_save (f->store, HUB_A, "2026-13", 1, 1, NULL, &error));
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (hd_hub_figure_save (f->store, HUB_A, "2026-3", 1, 1, NULL, &error));
  g_assert_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID);
  g_clear_error (&error);

  /* a figure left out stays empty */
  g_assert_true (hd_hub_figure_save (f->store, HUB_A, "2026-04", -1, 0, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&record, hd_record_unref);
  record = hd_hub_figure_get (f->store, HUB_A, "2026-04", &error);
  g_assert_null (hd_record_get (record, hd_entity_field_index (HD_ENTITY_HUB_FIGURE, "social_followers")));
  g_assert_cmpint (hd_record_get_int (record, "third_party_appearances", -1), ==, 0);
}

/* ---- rooms: a fixture of its own, one week (Monday 9 to Friday 13
 * March 2026, CET = UTC+1) ---- */

static HdRecord *
add_room (Fixture    *f,
          const char *hub_id,
          const char *name,
          const char *kind,
          gint64      capacity,
          char      **out_id)
{
  HdRecord *record = add (f, HD_ENTITY_ROOM, hub_id, out_id);

  hd_record_set_string (record, "name", name);
  hd_record_set_string (record, "kind", kind);
  hd_record_set_int (record, "capacity", capacity);

  return record;
}

static HdRecord *
add_seats (Fixture    *f,
           const char *hub_id,
           const char *room_id,
           const char *starts_at,
           const char *ends_at,
           gint64      seats,
           const char *status,
           const char *checked_in_at)
{
  HdRecord *record = add (f, HD_ENTITY_BOOKING, hub_id, NULL);

  hd_record_set_string (record, "room_id", room_id);
  hd_record_set_string (record, "starts_at", starts_at);
  hd_record_set_string (record, "ends_at", ends_at);
  hd_record_set_string (record, "status", status);
  if (seats > 0)
    hd_record_set_int (record, "seats", seats);
  if (checked_in_at != NULL)
    hd_record_set_string (record, "checked_in_at", checked_in_at);

  return record;
}

static void
rooms_set_up (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting = NULL, *cowork = NULL;

  f->dir = g_dir_make_tmp ("hubdesk-reports-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "store.db", NULL);
  f->store = hd_store_open (f->path, &error);
  g_assert_no_error (error);
  f->records = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);

  add_hub (f, HUB_A, "Digital Hub Neckar-Alb");
  add_hub (f, HUB_B, "de:hub Karlsruhe");

  /* Hub A: a meeting room for 10, open 08:00–18:00 (no hours set), so
   * 10 seats × 10 h × 5 days = 500 open seat-hours in the week */
  add_room (f, HUB_A, "Besprechung", "meeting_room", 10, &meeting);
  /* Mon 09–12, 4 seats: 12 seat-hours */
  add_seats (f, HUB_A, meeting, "2026-03-09T08:00:00Z", "2026-03-09T11:00:00Z", 4, "confirmed", NULL);
  /* Tue 07–10, 10 seats: only 08–10 is open time, 20 seat-hours */
  add_seats (f, HUB_A, meeting, "2026-03-10T06:00:00Z", "2026-03-10T09:00:00Z", 10, "confirmed", NULL);
  /* Wed 13–18, no seats given (the whole room), checked in: 50 planned, 50 actual */
  add_seats (f, HUB_A, meeting, "2026-03-11T12:00:00Z", "2026-03-11T17:00:00Z", 0, "confirmed",
             "2026-03-11T12:05:00Z");
  /* Thu 09–17, cancelled: nothing */
  add_seats (f, HUB_A, meeting, "2026-03-12T08:00:00Z", "2026-03-12T16:00:00Z", 10, "cancelled", NULL);
  /* Fri 08–18, 2 seats, tentative: 20 seat-hours */
  add_seats (f, HUB_A, meeting, "2026-03-13T07:00:00Z", "2026-03-13T17:00:00Z", 2, "tentative", NULL);
  /* planned 102 of 500 = 20.4 % → 20 %; checked in 50 of 500 = 10 % */

  /* Hub B: a coworking area for 20: 1,000 open seat-hours */
  add_room (f, HUB_B, "Coworking", "coworking_area", 20, &cowork);
  /* Tue 08–18, 5 desks, checked in at 08:30: 50 planned, 50 actual */
  add_seats (f, HUB_B, cowork, "2026-03-10T07:00:00Z", "2026-03-10T17:00:00Z", 5, "confirmed",
             "2026-03-10T07:30:00Z");
  /* Thu 08–13, all 20 desks, nobody checked in: 100 planned */
  add_seats (f, HUB_B, cowork, "2026-03-12T07:00:00Z", "2026-03-12T12:00:00Z", 20, "confirmed", NULL);
  /* Wed, cancelled although checked in: nothing, and no check-in */
  add_seats (f, HUB_B, cowork, "2026-03-11T07:00:00Z", "2026-03-11T12:00:00Z", 3, "cancelled",
             "2026-03-11T07:10:00Z");
  /* checked in the week after: a check-in of that week, not this one */
  add_seats (f, HUB_B, cowork, "2026-03-16T07:00:00Z", "2026-03-16T12:00:00Z", 1, "confirmed",
             "2026-03-16T07:10:00Z");
  /* planned 150 of 1,000 = 15 %; checked in 50 of 1,000 = 5 % */

  hd_store_insert_many (f->store, f->records, &error);
  g_assert_no_error (error);
}

static void
week (HdReportPeriod *period)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (hd_report_period_parse (period, "2026-03-09", "2026-03-13", &error));
  g_assert_no_error (error);
}

static void
test_rooms_one_hub (Fixture       *f,
                    gconstpointer  data)
{
  HdReportPeriod period;
  g_autoptr(HdReport) a = NULL;
  g_autoptr(HdReport) b = NULL;
  const HdReportFigure *figure;

  week (&period);
  a = compute (f, &period, only_a);
  assert_figure (a, "room_utilization", 20, 0);
  assert_figure (a, "room_utilization_checked_in", 10, 0);
  /* a meeting room's check-in is no coworking check-in */
  assert_figure (a, "coworking_check_ins", 0, 0);

  /* one hub: the room is the only part */
  figure = hd_report_lookup (a, "room_utilization");
  g_assert_cmpuint (figure->parts->len, ==, 1);
  g_assert_cmpstr (((HdReportPart *) g_ptr_array_index (figure->parts, 0))->label, ==, "Besprechung");
  g_assert_cmpint (((HdReportPart *) g_ptr_array_index (figure->parts, 0))->value, ==, 20);
  g_assert_cmpint (figure->info->unit, ==, HD_REPORT_UNIT_PERCENT);

  b = compute (f, &period, only_b);
  assert_figure (b, "room_utilization", 15, 0);
  assert_figure (b, "room_utilization_checked_in", 5, 0);
  assert_figure (b, "coworking_check_ins", 1, 0);
  figure = hd_report_lookup (b, "room_utilization");
  g_assert_cmpuint (figure->parts->len, ==, 1);
  g_assert_cmpstr (((HdReportPart *) g_ptr_array_index (figure->parts, 0))->label, ==, "Coworking");
}

static void
test_rooms_two_hubs (Fixture       *f,
                     gconstpointer  data)
{
  const char *both[] = { HUB_A, HUB_B, NULL };
  HdReportPeriod period, next;
  g_autoptr(HdReport) report = NULL;
  g_autoptr(HdReport) after = NULL;
  g_autoptr(HdReportTable) table = NULL;
  g_autoptr(GError) error = NULL;

  week (&period);
  report = compute (f, &period, both);
  /* summed seat-hours, not averaged percentages: 252 of 1,500 = 16.8 % */
  assert_figure (report, "room_utilization", 17, 0);
  /* 100 of 1,500 = 6.7 % */
  assert_figure (report, "room_utilization_checked_in", 7, 0);
  assert_figure (report, "coworking_check_ins", 1, 0);
  assert_part (report, "room_utilization", "hub:" HUB_A, 20);
  assert_part (report, "room_utilization", "hub:" HUB_B, 15);
  assert_part (report, "room_utilization_checked_in", "hub:" HUB_A, 10);
  assert_part (report, "room_utilization_checked_in", "hub:" HUB_B, 5);

  /* the rooms behind the figure, with their seat-hours */
  table = hd_report_list (f->store, "room_utilization", &period, both, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (table->columns->len, ==, 8);
  g_assert_cmpuint (table->rows->len, ==, 2);
  for (guint i = 0; i < table->rows->len; i++)
    {
      GStrv row = g_ptr_array_index (table->rows, i);
      g_autofree char *joined = g_strjoinv ("|", row);

      if (g_str_equal (row[1], "Besprechung"))
        g_assert_cmpstr (joined, ==, "Digital Hub Neckar-Alb|Besprechung|Meeting room|500.0|102.0|50.0|20|10");
      else
        g_assert_cmpstr (joined, ==, "de:hub Karlsruhe|Coworking|Coworking area|1000.0|150.0|50.0|15|5");
    }

  /* the week after; its previous period is the five days before it,
   * Wednesday 11 to Sunday 15 March: A 50 + 20 of 300, B 100 of 600,
   * 170 of 900 seat-hours = 18.9 % */
  g_assert_true (hd_report_period_parse (&next, "2026-03-16", "2026-03-20", &error));
  g_assert_no_error (error);
  after = compute (f, &next, both);
  /* 1 desk for 5 hours: 5 of 1,500 seat-hours, 0.3 % */
  assert_figure (after, "room_utilization", 0, 19);
  assert_part (after, "room_utilization", "hub:" HUB_B, 1);
  /* the check-in of 16 March; none from 11 to 15 March */
  assert_figure (after, "coworking_check_ins", 1, 0);
}

/* A percentage reads as one, in the figure, the CSV and the JSON. */
static void
test_rooms_unit (Fixture       *f,
                 gconstpointer  data)
{
  HdReportPeriod period;
  g_autoptr(HdReport) report = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;
  g_autofree char *percent = NULL;
  g_autofree char *count = NULL;

  week (&period);
  report = compute (f, &period, only_a);
  percent = hd_report_format_value (hd_report_figure_lookup ("room_utilization"), 63);
  count = hd_report_format_value (hd_report_figure_lookup ("coworking_check_ins"), 63);
  g_assert_cmpstr (percent, ==, "63\u00a0%");
  g_assert_cmpstr (count, ==, "63");

  csv = hd_report_to_csv (report);
  g_assert_nonnull (strstr (csv, "room_utilization,,Room utilisation,20,0,percent\r\n"));
  g_assert_nonnull (strstr (csv, "coworking_check_ins,,Coworking check-ins,0,0,count\r\n"));
  json = hd_report_to_json (report);
  g_assert_nonnull (strstr (json, "\"formatted\" : \"20\u00a0%\""));
}

/* A recurring booking reaches its organization in every period with one
 * of its dates, not only in the one its series starts in; a cancelled
 * date does not count. Hub C keeps it apart from the rooms' figures. */
#define HUB_C "9e2f4a6b-1c3d-4e5f-8a7b-6c5d4e3f2a10"

static void
test_recurring_reach (Fixture       *f,
                      gconstpointer  data)
{
  const char *only_c[] = { HUB_C, NULL };
  const char *exdates[] = { "2026-03-09T08:00:00Z", NULL };
  g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *room = NULL, *org = NULL, *ended = NULL;
  HdReportPeriod period;
  HdRecord *record;
  guint before = f->records->len;

  add_hub (f, HUB_C, "Digital Hub Ost");
  add_room (f, HUB_C, "Lab", "workshop_space", 8, &room);
  org = add_org (f, HUB_C, "Serie GmbH", "sme", NULL, NULL);
  ended = add_org (f, HUB_C, "Vorbei AG", "large_company", NULL, NULL);
  /* every Monday 09:00–10:00 from 2 February, 9 March cancelled */
  record = add_seats (f, HUB_C, room, "2026-02-02T08:00:00Z", "2026-02-02T09:00:00Z", 2, "confirmed", NULL);
  hd_record_set_string (record, "organization_id", org);
  hd_record_set_string (record, "recurrence", "FREQ=WEEKLY;BYDAY=MO");
  hd_record_set_strv (record, "exdates", exdates);
  /* every Tuesday in February only */
  record = add_seats (f, HUB_C, room, "2026-02-03T08:00:00Z", "2026-02-03T09:00:00Z", 2, "confirmed", NULL);
  hd_record_set_string (record, "organization_id", ended);
  hd_record_set_string (record, "recurrence", "FREQ=WEEKLY;UNTIL=20260224T235959Z");
  for (guint i = before; i < f->records->len; i++)
    g_ptr_array_add (more, hd_record_ref (g_ptr_array_index (f->records, i)));
  hd_store_insert_many (f->store, more, &error);
  g_assert_no_error (error);

  {
    g_autoptr(HdReport) report = NULL;

    /* 9–13 March: Monday cancelled, the other series over; the five days
     * before (4–8 March) have no Monday or Tuesday */
    week (&period);
    report = compute (f, &period, only_c);
    assert_figure (report, "organizations_reached", 0, 0);
  }
  {
    g_autoptr(HdReport) report = NULL;

    /* 16–20 March: the Monday of the series */
    g_assert_true (hd_report_period_parse (&period, "2026-03-16", "2026-03-20", &error));
    report = compute (f, &period, only_c);
    assert_figure (report, "organizations_reached", 1, 0);
  }
  {
    g_autoptr(HdReport) report = NULL;

    /* March: every Monday but the 9th; February before it: both series */
    hd_report_period_month (&period, 2026, 3);
    report = compute (f, &period, only_c);
    assert_figure (report, "organizations_reached", 1, 2);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reports/period/bounds-dst", test_bounds);
  g_test_add_func ("/reports/period/previous", test_previous_periods);
  g_test_add_func ("/reports/period/next", test_next_periods);
  g_test_add_func ("/reports/organization-key", test_organization_key);
  g_test_add_func ("/reports/definitions", test_definitions);
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/reports/figures/hub-a", test_hub_a);
  ADD ("/reports/figures/hub-b", test_hub_b);
  ADD ("/reports/figures/all-hubs", test_all_hubs);
  ADD ("/reports/figures/follow-edits", test_follows_edits);
  ADD ("/reports/figures/kind-across-hubs", test_kind_across_hubs);
  ADD ("/reports/figures/quarter-and-custom", test_quarter_and_custom);
  ADD ("/reports/figures/by-month", test_series);
  ADD ("/reports/list/reached", test_list_reached);
  ADD ("/reports/scope/unknown-hub", test_unknown_hub);
  ADD ("/reports/pdf/pages", test_draw_pages);
  ADD ("/reports/hub-figure/record", test_hub_figure_record);
#undef ADD
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, rooms_set_up, func, fixture_tear_down)
  ADD ("/reports/rooms/one-hub", test_rooms_one_hub);
  ADD ("/reports/rooms/two-hubs", test_rooms_two_hubs);
  ADD ("/reports/rooms/unit", test_rooms_unit);
  ADD ("/reports/reach/recurring-booking", test_recurring_reach);
#undef ADD

  return g_test_run ();
}
