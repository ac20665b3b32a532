/* test-events.c — registrations and the waiting list, check-in, walk-ins,
 * duplicating events, their room bookings and agenda warnings
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "hd-agenda.h"
#include "hd-events.h"

#define HUB "0b7f5c1e-3a53-4b4c-9a55-7c1f7d3b2a10"

typedef struct {
  char    *dir;
  HdStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdRecord) hub = hd_record_new (HD_ENTITY_HUB, HUB);

  f->dir = g_dir_make_tmp ("hubdesk-events-XXXXXX", NULL);
  path = g_build_filename (f->dir, "store.db", NULL);
  f->store = hd_store_open (path, &error);
  g_assert_no_error (error);
  hd_record_set_id (hub, HUB);
  hd_record_set_string (hub, "name", "Digital Hub Testregion");
  g_assert_true (hd_store_save (f->store, hub, &error));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->store);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);
      g_unlink (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static HdRecord *
put (HdStore    *store,
     HdEntity    entity,
     const char *first_field,
     ...)
{
  g_autoptr(GError) error = NULL;
  HdRecord *record = hd_record_new (entity, HUB);
  const char *field = first_field;
  va_list args;

  va_start (args, first_field);
  while (field != NULL)
    {
      const char *value = va_arg (args, const char *);
      int index = hd_entity_field_index (entity, field);
      HdFieldType type;

      g_assert_cmpint (index, >=, 0);
      type = hd_entity_field (entity, index)->type;
      if (type == HD_TYPE_INT)
        hd_record_set_int (record, field, g_ascii_strtoll (value, NULL, 10));
      else if (type == HD_TYPE_STRV || type == HD_TYPE_REF_LIST || type == HD_TYPE_ENUM_SET)
        {
          g_auto(GStrv) parts = g_strsplit (value, ",", -1);
          hd_record_set_strv (record, field, (const char * const *) parts);
        }
      else
        hd_record_set_string (record, field, value);
      field = va_arg (args, const char *);
    }
  va_end (args);

  g_assert_true (hd_store_save (store, record, &error));
  g_assert_no_error (error);
  return record;
}

static HdRecord *
person (HdStore    *store,
        const char *given,
        const char *family,
        const char *email)
{
  if (email != NULL)
    return put (store, HD_ENTITY_PERSON, "given_name", given, "family_name", family, "email", email, NULL);
  return put (store, HD_ENTITY_PERSON, "given_name", given, "family_name", family, NULL);
}

static const char *
status_of (HdStore    *store,
           const char *registration_id)
{
  g_autoptr(HdRecord) registration = hd_store_get (store, HD_ENTITY_REGISTRATION, registration_id, NULL);
  static char status[32];

  g_assert_nonnull (registration);
  g_strlcpy (status, hd_record_get_string (registration, "status"), sizeof status);
  return status;
}

static gint64
count_of (HdStore  *store,
          HdEntity  entity)
{
  HdQuery query = { .entity = entity };

  return hd_store_count (store, &query, NULL);
}

static void
test_waitlist (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(HdRecord) event = put (f->store, HD_ENTITY_EVENT, "title", "KI-Werkstatt", "capacity", "2",
                                   "starts_at", "2026-12-01T09:00:00Z", "ends_at", "2026-12-01T12:00:00Z", NULL);
  const char *event_id = hd_record_get_id (event);
  g_autoptr(HdRecord) ada = person (f->store, "Ada", "Lovelace", NULL);
  g_autoptr(HdRecord) bert = person (f->store, "Bert", "Brecht", NULL);
  g_autoptr(HdRecord) clara = person (f->store, "Clara", "Zetkin", NULL);
  g_autoptr(HdRecord) dora = person (f->store, "Dora", "Diamant", NULL);
  g_autoptr(HdRecord) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL, again = NULL;
  g_autoptr(GPtrArray) promoted = NULL;
  g_autoptr(GError) error = NULL;
  HdEventCounts counts;

  r1 = hd_event_register (f->store, event_id, hd_record_get_id (ada), "web", &error);
  g_assert_no_error (error);
  r2 = hd_event_register (f->store, event_id, hd_record_get_id (bert), "phone", &error);
  r3 = hd_event_register (f->store, event_id, hd_record_get_id (clara), "email", &error);
  g_assert_no_error (error);
  r4 = hd_event_register (f->store, event_id, hd_record_get_id (dora), NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (hd_record_get_string (r1, "status"), ==, "registered");
  g_assert_cmpstr (hd_record_get_string (r2, "status"), ==, "registered");
  g_assert_cmpstr (hd_record_get_string (r3, "status"), ==, "waitlisted");
  g_assert_cmpstr (hd_record_get_string (r4, "status"), ==, "waitlisted");
  g_assert_cmpstr (hd_record_get_string (r2, "source"), ==, "phone");

  g_assert_true (hd_event_get_counts (f->store, event_id, &counts, &error));
  g_assert_cmpint (counts.registered, ==, 2);
  g_assert_cmpint (counts.waitlisted, ==, 2);
  g_assert_cmpint (counts.capacity, ==, 2);

  /* registering twice keeps one registration */
  again = hd_event_register (f->store, event_id, hd_record_get_id (ada), "web", &error);
  g_assert_cmpstr (hd_record_get_id (again), ==, hd_record_get_id (r1));
  g_assert_cmpint (count_of (f->store, HD_ENTITY_REGISTRATION), ==, 4);

  /* no jumping the queue while full */
  g_assert_false (hd_registration_set_status (f->store, hd_record_get_id (r4), "registered", NULL, &error));
  g_assert_error (error, HD_EVENTS_ERROR, HD_EVENTS_ERROR_FULL);
  g_clear_error (&error);

  /* a place comes free: the first on the list moves up, and we hear who */
  g_assert_true (hd_registration_set_status (f->store, hd_record_get_id (r1), "cancelled", &promoted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (promoted->len, ==, 1);
  g_assert_cmpstr (hd_record_get_id (g_ptr_array_index (promoted, 0)), ==, hd_record_get_id (r3));
  g_assert_cmpstr (status_of (f->store, hd_record_get_id (r3)), ==, "registered");
  g_assert_cmpstr (status_of (f->store, hd_record_get_id (r4)), ==, "waitlisted");
  g_clear_pointer (&promoted, g_ptr_array_unref);

  /* a status change that frees nothing moves nobody */
  g_assert_true (hd_registration_set_status (f->store, hd_record_get_id (r2), "attended", &promoted, &error));
  g_assert_cmpuint (promoted->len, ==, 0);
  g_clear_pointer (&promoted, g_ptr_array_unref);

  /* no_show frees the place of someone who did not come */
  g_assert_true (hd_registration_set_status (f->store, hd_record_get_id (r3), "no_show", &promoted, &error));
  g_assert_cmpuint (promoted->len, ==, 1);
  g_assert_cmpstr (status_of (f->store, hd_record_get_id (r4)), ==, "registered");

  g_assert_true (hd_event_get_counts (f->store, event_id, &counts, &error));
  g_assert_cmpint (counts.registered, ==, 1);
  g_assert_cmpint (counts.attended, ==, 1);
  g_assert_cmpint (counts.cancelled, ==, 1);
  g_assert_cmpint (counts.no_show, ==, 1);
  g_assert_cmpint (counts.waitlisted, ==, 0);

  /* a status that does not exist */
  g_assert_false (hd_registration_set_status (f->store, hd_record_get_id (r4), "present", NULL, &error));
  g_assert_error (error, HD_EVENTS_ERROR, HD_EVENTS_ERROR_INVALID);
  g_clear_error (&error);

  /* an event without a capacity has no waiting list */
  {
    g_autoptr(HdRecord) open = put (f->store, HD_ENTITY_EVENT, "title", "Offener Abend",
                                    "starts_at", "2026-12-02T17:00:00Z", "ends_at", "2026-12-02T19:00:00Z", NULL);
    HdRecord *people[] = { ada, bert, clara, dora };

    for (guint i = 0; i < G_N_ELEMENTS (people); i++)
      {
        g_autoptr(HdRecord) r = hd_event_register (f->store, hd_record_get_id (open),
                                                   hd_record_get_id (people[i]), NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpstr (hd_record_get_string (r, "status"), ==, "registered");
      }
    g_assert_true (hd_event_get_counts (f->store, hd_record_get_id (open), &counts, &error));
    g_assert_cmpint (counts.capacity, ==, -1);
    g_assert_cmpint (counts.registered, ==, 4);
  }
}

static void
test_raise_capacity (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(HdRecord) event = put (f->store, HD_ENTITY_EVENT, "title", "Stammtisch", "capacity", "1",
                                   "starts_at", "2026-12-01T17:00:00Z", "ends_at", "2026-12-01T19:00:00Z", NULL);
  g_autoptr(HdRecord) a = person (f->store, "A", "Eins", NULL);
  g_autoptr(HdRecord) b = person (f->store, "B", "Zwei", NULL);
  g_autoptr(HdRecord) c = person (f->store, "C", "Drei", NULL);
  g_autoptr(HdRecord) ra = hd_event_register (f->store, hd_record_get_id (event), hd_record_get_id (a), NULL, NULL);
  g_autoptr(HdRecord) rb = hd_event_register (f->store, hd_record_get_id (event), hd_record_get_id (b), NULL, NULL);
  g_autoptr(HdRecord) rc = hd_event_register (f->store, hd_record_get_id (event), hd_record_get_id (c), NULL, NULL);
  g_autoptr(GPtrArray) promoted = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (hd_record_get_string (ra, "status"), ==, "registered");
  g_assert_cmpstr (hd_record_get_string (rb, "status"), ==, "waitlisted");
  hd_record_set_int (event, "capacity", 2);
  g_assert_true (hd_store_save (f->store, event, &error));
  promoted = hd_event_promote_waitlist (f->store, hd_record_get_id (event), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (promoted->len, ==, 1);
  /* in the order they came */
  g_assert_cmpstr (status_of (f->store, hd_record_get_id (rb)), ==, "registered");
  g_assert_cmpstr (status_of (f->store, hd_record_get_id (rc)), ==, "waitlisted");
}

static void
test_check_in (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(HdRecord) event = put (f->store, HD_ENTITY_EVENT, "title", "Meetup", "capacity", "60",
                                   "starts_at", "2026-12-01T17:00:00Z", "ends_at", "2026-12-01T19:00:00Z", NULL);
  const char *event_id = hd_record_get_id (event);
  g_autoptr(GPtrArray) registrations = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdRecord) checked = NULL;
  g_autofree char *label = NULL;
  HdEventCounts counts;

  for (int i = 0; i < 5; i++)
    {
      g_autofree char *family = g_strdup_printf ("Teilnehmerin %d", i);
      g_autoptr(HdRecord) p = person (f->store, "Eva", family, NULL);

      g_ptr_array_add (registrations, hd_event_register (f->store, event_id, hd_record_get_id (p), NULL, &error));
      g_assert_no_error (error);
    }

  for (int i = 0; i < 3; i++)
    g_assert_true (hd_registration_check_in (f->store, hd_record_get_id (g_ptr_array_index (registrations, i)), &error));
  g_assert_no_error (error);

  g_assert_true (hd_event_get_counts (f->store, event_id, &counts, &error));
  label = hd_event_counts_check_in_label (&counts);
  g_assert_cmpstr (label, ==, "3 of 5 checked in");

  checked = hd_store_get (f->store, HD_ENTITY_REGISTRATION, hd_record_get_id (g_ptr_array_index (registrations, 0)), NULL);
  g_assert_cmpstr (hd_record_get_string (checked, "status"), ==, "attended");
  g_assert_nonnull (hd_record_get_string (checked, "checked_in_at"));

  /* checked in by mistake: undone */
  g_assert_true (hd_registration_set_status (f->store, hd_record_get_id (checked), "registered", NULL, &error));
  g_clear_pointer (&checked, hd_record_unref);
  checked = hd_store_get (f->store, HD_ENTITY_REGISTRATION, hd_record_get_id (g_ptr_array_index (registrations, 0)), NULL);
  g_assert_null (hd_record_get_string (checked, "checked_in_at"));
  g_assert_true (hd_event_get_counts (f->store, event_id, &counts, &error));
  g_assert_cmpint (counts.attended, ==, 2);
}

static void
test_walk_in (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(HdRecord) event = put (f->store, HD_ENTITY_EVENT, "title", "Regionaltreffen Ostalb", "capacity", "3",
                                   "starts_at", "2026-12-01T17:00:00Z", "ends_at", "2026-12-01T19:00:00Z", NULL);
  const char *event_id = hd_record_get_id (event);
  g_autoptr(HdRecord) joerg = person (f->store, "Jörg", "Müller", "joerg.mueller@example.de");
  g_autoptr(HdRecord) anna = person (f->store, "Anna", "Schäfer", NULL);
  g_autoptr(HdRecord) reg = NULL;
  g_autoptr(HdRecord) who = NULL;
  g_autoptr(GError) error = NULL;
  const char * const purposes[] = { "contact", "event_photos", NULL };
  gboolean matched = FALSE;
  gint64 people = count_of (f->store, HD_ENTITY_PERSON);
  HdEventCounts counts;

  /* by email, whatever the case */
  {
    HdWalkIn w = { .given_name = "Joerg", .family_name = "Mueller", .email = "Joerg.Mueller@Example.DE" };

    reg = hd_event_walk_in (f->store, event_id, &w, &who, &matched, &error);
    g_assert_no_error (error);
    g_assert_true (matched);
    g_assert_cmpstr (hd_record_get_id (who), ==, hd_record_get_id (joerg));
    g_assert_cmpstr (hd_record_get_string (reg, "status"), ==, "attended");
    g_assert_cmpstr (hd_record_get_string (reg, "source"), ==, "walk_in");
    g_clear_pointer (&reg, hd_record_unref);
    g_clear_pointer (&who, hd_record_unref);
  }

  /* by name, whatever the case and accents */
  {
    HdWalkIn w = { .given_name = "ANNA", .family_name = "schafer" };

    reg = hd_event_walk_in (f->store, event_id, &w, &who, &matched, &error);
    g_assert_no_error (error);
    g_assert_true (matched);
    g_assert_cmpstr (hd_record_get_id (who), ==, hd_record_get_id (anna));
    g_clear_pointer (&reg, hd_record_unref);
    g_clear_pointer (&who, hd_record_unref);
  }
  g_assert_cmpint (count_of (f->store, HD_ENTITY_PERSON), ==, people);

  /* someone new, with consent */
  {
    HdWalkIn w = { .given_name = "Lena", .family_name = "Weber", .email = "lena@weber.example",
                   .consent_purposes = purposes,
                   .consent_text = "Ich bin einverstanden, dass der Hub mich kontaktiert und Fotos zeigt." };
    const char **got;

    reg = hd_event_walk_in (f->store, event_id, &w, &who, &matched, &error);
    g_assert_no_error (error);
    g_assert_false (matched);
    g_assert_cmpint (count_of (f->store, HD_ENTITY_PERSON), ==, people + 1);
    g_assert_cmpstr (hd_record_get_string (who, "consent"), ==, "given");
    got = hd_record_get_strv (who, "consent_purposes");
    g_assert_true (g_strv_equal (got, purposes));
    g_assert_cmpstr (hd_record_get_string (who, "consent_source"), ==, "walk-in at Regionaltreffen Ostalb");
    g_assert_cmpstr (hd_record_get_string (who, "consent_text"), ==, w.consent_text);
    g_assert_nonnull (hd_record_get_string (who, "consent_at"));
    g_clear_pointer (&reg, hd_record_unref);
    g_clear_pointer (&who, hd_record_unref);

    /* the same person again: neither a second person nor a second registration */
    reg = hd_event_walk_in (f->store, event_id, &w, &who, &matched, &error);
    g_assert_no_error (error);
    g_assert_true (matched);
    g_assert_cmpint (count_of (f->store, HD_ENTITY_PERSON), ==, people + 1);
    g_assert_cmpint (count_of (f->store, HD_ENTITY_REGISTRATION), ==, 3);
    g_clear_pointer (&reg, hd_record_unref);
    g_clear_pointer (&who, hd_record_unref);
  }

  g_assert_true (hd_event_get_counts (f->store, event_id, &counts, &error));
  g_assert_cmpint (counts.attended, ==, 3);

  /* full: the fourth walk-in is refused with a reason */
  {
    HdWalkIn w = { .given_name = "Max", .family_name = "Neu" };

    g_assert_null (hd_event_walk_in (f->store, event_id, &w, NULL, NULL, &error));
    g_assert_error (error, HD_EVENTS_ERROR, HD_EVENTS_ERROR_FULL);
    g_assert_nonnull (strstr (error->message, "3 of 3"));
  }
}

static HdRecord *
booking_of (HdStore    *store,
            const char *event_id,
            const char *room_id)
{
  HdQuery query = { .entity = HD_ENTITY_BOOKING, .ref_field = "event_id", .ref_id = event_id };
  g_autoptr(GPtrArray) bookings = hd_store_query (store, &query, NULL);
  HdRecord *found = NULL;

  for (guint i = 0; i < bookings->len; i++)
    if (g_strcmp0 (hd_record_get_string (g_ptr_array_index (bookings, i), "room_id"), room_id) == 0)
      {
        g_assert_null (found);
        found = hd_record_ref (g_ptr_array_index (bookings, i));
      }
  return found;
}

static void
test_bookings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(HdRecord) hall = put (f->store, HD_ENTITY_ROOM, "name", "Saal", "capacity", "100", NULL);
  g_autoptr(HdRecord) lab = put (f->store, HD_ENTITY_ROOM, "name", "Labor", "capacity", "12", NULL);
  g_autoptr(HdRecord) event = hd_record_new (HD_ENTITY_EVENT, HUB);
  g_autoptr(HdRecord) session = hd_record_new (HD_ENTITY_SESSION, HUB);
  g_autoptr(HdRecord) booking = NULL;
  g_autoptr(HdRecord) manual = NULL;
  g_autoptr(GError) error = NULL;

  hd_record_set_string (event, "title", "Hackathon");
  hd_record_set_string (event, "status", "published");
  hd_record_set_string (event, "starts_at", "2026-12-05T08:00:00Z");
  hd_record_set_string (event, "ends_at", "2026-12-05T16:00:00Z");
  hd_record_set_string (event, "room_id", hd_record_get_id (hall));
  g_assert_true (hd_event_save (f->store, event, &error));
  g_assert_no_error (error);

  booking = booking_of (f->store, hd_record_get_id (event), hd_record_get_id (hall));
  g_assert_nonnull (booking);
  g_assert_cmpstr (hd_record_get_string (booking, "starts_at"), ==, "2026-12-05T08:00:00Z");
  g_assert_cmpstr (hd_record_get_string (booking, "status"), ==, "confirmed");
  g_assert_cmpint (hd_store_get_sync_state (f->store, HD_ENTITY_BOOKING, hd_record_get_id (booking)), !=, HD_SYNC_SYNCED);
  g_clear_pointer (&booking, hd_record_unref);

  /* a booking someone made by hand for the event */
  manual = put (f->store, HD_ENTITY_BOOKING, "room_id", hd_record_get_id (lab), "event_id", hd_record_get_id (event),
                "title", "Aufbau", "starts_at", "2026-12-04T15:00:00Z", "ends_at", "2026-12-04T17:00:00Z", NULL);

  /* the event moves: its booking follows */
  hd_record_set_string (event, "ends_at", "2026-12-05T18:00:00Z");
  g_assert_true (hd_event_save (f->store, event, &error));
  booking = booking_of (f->store, hd_record_get_id (event), hd_record_get_id (hall));
  g_assert_cmpstr (hd_record_get_string (booking, "ends_at"), ==, "2026-12-05T18:00:00Z");
  g_clear_pointer (&booking, hd_record_unref);

  /* a session in another room books that room; moved to the hall, it is let go */
  hd_record_set_string (session, "event_id", hd_record_get_id (event));
  hd_record_set_string (session, "title", "Löten für alle");
  hd_record_set_string (session, "starts_at", "2026-12-05T10:00:00Z");
  hd_record_set_string (session, "ends_at", "2026-12-05T11:00:00Z");
  hd_record_set_string (session, "room_id", hd_record_get_id (lab));
  g_assert_true (hd_event_save (f->store, session, &error));
  g_assert_no_error (error);
  {
    HdQuery query = { .entity = HD_ENTITY_BOOKING, .ref_field = "room_id", .ref_id = hd_record_get_id (lab) };
    g_autoptr(GPtrArray) in_lab = hd_store_query (f->store, &query, NULL);
    gboolean found = FALSE;

    g_assert_cmpuint (in_lab->len, ==, 2);
    for (guint i = 0; i < in_lab->len; i++)
      if (g_strcmp0 (hd_record_get_string (g_ptr_array_index (in_lab, i), "starts_at"), "2026-12-05T10:00:00Z") == 0)
        {
          found = TRUE;
          g_assert_cmpstr (hd_record_get_string (g_ptr_array_index (in_lab, i), "title"), ==, "Hackathon: Löten für alle");
        }
    g_assert_true (found);
  }

  hd_record_set_string (session, "room_id", hd_record_get_id (hall));
  g_assert_true (hd_event_save (f->store, session, &error));
  {
    HdQuery query = { .entity = HD_ENTITY_BOOKING, .ref_field = "room_id", .ref_id = hd_record_get_id (lab),
                      .status = "cancelled" };
    g_assert_cmpint (hd_store_count (f->store, &query, NULL), ==, 1);
  }

  /* a session outside its event is refused */
  hd_record_set_string (session, "starts_at", "2026-12-06T10:00:00Z");
  hd_record_set_string (session, "ends_at", "2026-12-06T11:00:00Z");
  g_assert_false (hd_event_save (f->store, session, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* the event is cancelled: so is its booking; the one made by hand stays */
  hd_record_set_string (event, "status", "cancelled");
  g_assert_true (hd_event_save (f->store, event, &error));
  booking = booking_of (f->store, hd_record_get_id (event), hd_record_get_id (hall));
  g_assert_cmpstr (hd_record_get_string (booking, "status"), ==, "cancelled");
  g_clear_pointer (&booking, hd_record_unref);
  booking = hd_store_get (f->store, HD_ENTITY_BOOKING, hd_record_get_id (manual), NULL);
  g_assert_cmpstr (hd_record_get_string (booking, "status"), ==, "confirmed");
  g_assert_cmpstr (hd_record_get_string (booking, "title"), ==, "Aufbau");
}

static void
test_duplicate (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(HdRecord) hall = put (f->store, HD_ENTITY_ROOM, "name", "Saal", "capacity", "100", NULL);
  g_autoptr(HdRecord) event = put (f->store, HD_ENTITY_EVENT, "title", "Frühstück digital", "status", "published",
                                   "format", "networking", "capacity", "40", "tags", "KMU,Frühstück",
                                   "room_id", hd_record_get_id (hall),
                                   "starts_at", "2026-10-20T06:30:00Z", "ends_at", "2026-10-20T09:00:00Z", NULL);
  g_autoptr(HdRecord) s1 = put (f->store, HD_ENTITY_SESSION, "event_id", hd_record_get_id (event), "title", "Impuls",
                                "starts_at", "2026-10-20T07:00:00Z", "ends_at", "2026-10-20T07:30:00Z", NULL);
  g_autoptr(HdRecord) s2 = put (f->store, HD_ENTITY_SESSION, "event_id", hd_record_get_id (event), "title", "Austausch",
                                "starts_at", "2026-10-20T07:30:00Z", "ends_at", "2026-10-20T09:00:00Z", NULL);
  g_autoptr(HdRecord) p = person (f->store, "Ada", "Lovelace", NULL);
  g_autoptr(HdRecord) reg = hd_event_register (f->store, hd_record_get_id (event), hd_record_get_id (p), NULL, NULL);
  g_autoptr(HdRecord) copy = NULL;
  g_autoptr(HdRecord) booking = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GError) error = NULL;
  HdQuery query = { .entity = HD_ENTITY_SESSION, .ref_field = "event_id" };
  HdEventCounts counts;

  /* two weeks on, across the end of summer time: the same UTC offset
   * shift (two weeks of seconds), so a duplicate keeps its length */
  copy = hd_event_duplicate (f->store, hd_record_get_id (event), "2026-11-03T06:30:00Z", &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  g_assert_cmpstr (hd_record_get_id (copy), !=, hd_record_get_id (event));
  g_assert_cmpstr (hd_record_get_string (copy, "title"), ==, "Frühstück digital");
  g_assert_cmpstr (hd_record_get_string (copy, "status"), ==, "draft");
  g_assert_cmpstr (hd_record_get_string (copy, "format"), ==, "networking");
  g_assert_cmpint (hd_record_get_int (copy, "capacity", 0), ==, 40);
  g_assert_cmpstr (hd_record_get_string (copy, "ends_at"), ==, "2026-11-03T09:00:00Z");

  query.ref_id = hd_record_get_id (copy);
  sessions = hd_store_query (f->store, &query, NULL);
  g_assert_cmpuint (sessions->len, ==, 2);
  g_assert_cmpstr (hd_record_get_string (g_ptr_array_index (sessions, 0), "title"), ==, "Impuls");
  g_assert_cmpstr (hd_record_get_string (g_ptr_array_index (sessions, 0), "starts_at"), ==, "2026-11-03T07:00:00Z");
  g_assert_cmpstr (hd_record_get_string (g_ptr_array_index (sessions, 1), "ends_at"), ==, "2026-11-03T09:00:00Z");
  g_assert_cmpstr (hd_record_get_id (g_ptr_array_index (sessions, 0)), !=, hd_record_get_id (s1));

  /* registrations stay with the original; the copy books its room */
  g_assert_true (hd_event_get_counts (f->store, hd_record_get_id (copy), &counts, &error));
  g_assert_cmpint (counts.registered, ==, 0);
  booking = booking_of (f->store, hd_record_get_id (copy), hd_record_get_id (hall));
  g_assert_nonnull (booking);
  g_assert_cmpstr (hd_record_get_string (booking, "status"), ==, "tentative");

  /* the original is untouched */
  query.ref_id = hd_record_get_id (event);
  g_clear_pointer (&sessions, g_ptr_array_unref);
  sessions = hd_store_query (f->store, &query, NULL);
  g_assert_cmpuint (sessions->len, ==, 2);
  g_assert_cmpstr (hd_record_get_string (g_ptr_array_index (sessions, 1), "starts_at"), ==, "2026-10-20T07:30:00Z");
  (void) s2;
  (void) reg;
}

static guint
warnings_of_kind (GPtrArray           *warnings,
                  HdAgendaWarningKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < warnings->len; i++)
    if (((HdAgendaWarning *) g_ptr_array_index (warnings, i))->kind == kind)
      n++;
  return n;
}

static void
test_agenda_warnings (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(HdRecord) hall = put (f->store, HD_ENTITY_ROOM, "name", "Saal", "capacity", "2", NULL);
  g_autoptr(HdRecord) lab = put (f->store, HD_ENTITY_ROOM, "name", "Labor", "capacity", "12", NULL);
  g_autoptr(HdRecord) grace = person (f->store, "Grace", "Hopper", NULL);
  g_autoptr(HdRecord) alan = person (f->store, "Alan", "Turing", NULL);
  g_autoptr(HdRecord) event = put (f->store, HD_ENTITY_EVENT, "title", "Digitaltag", "capacity", "50",
                                   "room_id", hd_record_get_id (hall),
                                   "starts_at", "2026-12-10T08:00:00Z", "ends_at", "2026-12-10T16:00:00Z", NULL);
  g_autofree char *speakers = g_strdup_printf ("%s,%s", hd_record_get_id (grace), hd_record_get_id (alan));
  g_autoptr(HdRecord) talk = put (f->store, HD_ENTITY_SESSION, "event_id", hd_record_get_id (event),
                                  "title", "Compiler", "speaker_ids", speakers, "room_id", hd_record_get_id (hall),
                                  "starts_at", "2026-12-10T09:00:00Z", "ends_at", "2026-12-10T10:00:00Z", NULL);
  g_autoptr(HdRecord) workshop = put (f->store, HD_ENTITY_SESSION, "event_id", hd_record_get_id (event),
                                      "title", "COBOL praktisch", "speaker_ids", hd_record_get_id (grace),
                                      "room_id", hd_record_get_id (lab),
                                      "starts_at", "2026-12-10T09:30:00Z", "ends_at", "2026-12-10T11:00:00Z", NULL);
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  HdAgendaWarning *w;

  /* with nothing wrong but a speaker in two places */
  warnings = hd_agenda_event_warnings (f->store, hd_record_get_id (event), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 1);
  w = g_ptr_array_index (warnings, 0);
  g_assert_cmpint (w->kind, ==, HD_AGENDA_SPEAKER_CLASH);
  g_assert_cmpstr (w->about_id, ==, hd_record_get_id (grace));
  g_assert_nonnull (strstr (w->message, "Grace Hopper"));
  g_assert_nonnull (strstr (w->message, "COBOL praktisch"));
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* fixed: the workshop after the talk */
  hd_record_set_string (workshop, "starts_at", "2026-12-10T10:00:00Z");
  g_assert_true (hd_store_save (f->store, workshop, &error));
  warnings = hd_agenda_event_warnings (f->store, hd_record_get_id (event), &error);
  g_assert_cmpuint (warnings->len, ==, 0);
  g_clear_pointer (&warnings, g_ptr_array_unref);

  /* someone else books the lab during the workshop; a session spills
   * out of the event; two sessions share the hall */
  {
    g_autoptr(HdRecord) other = put (f->store, HD_ENTITY_BOOKING, "room_id", hd_record_get_id (lab),
                                     "title", "Vorstandssitzung", "starts_at", "2026-12-10T10:30:00Z",
                                     "ends_at", "2026-12-10T12:00:00Z", NULL);
    g_autoptr(HdRecord) late = put (f->store, HD_ENTITY_SESSION, "event_id", hd_record_get_id (event),
                                    "title", "Ausklang", "starts_at", "2026-12-10T15:30:00Z",
                                    "ends_at", "2026-12-10T17:00:00Z", NULL);
    g_autoptr(HdRecord) parallel = put (f->store, HD_ENTITY_SESSION, "event_id", hd_record_get_id (event),
                                        "title", "Parallel", "room_id", hd_record_get_id (hall),
                                        "starts_at", "2026-12-10T09:15:00Z", "ends_at", "2026-12-10T09:45:00Z", NULL);

    warnings = hd_agenda_event_warnings (f->store, hd_record_get_id (event), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (warnings_of_kind (warnings, HD_AGENDA_ROOM_CLASH), ==, 2);
    g_assert_cmpuint (warnings_of_kind (warnings, HD_AGENDA_OUTSIDE_EVENT), ==, 1);
    g_assert_cmpuint (warnings_of_kind (warnings, HD_AGENDA_SPEAKER_CLASH), ==, 0);
    for (guint i = 0; i < warnings->len; i++)
      {
        w = g_ptr_array_index (warnings, i);
        if (w->kind == HD_AGENDA_ROOM_CLASH && g_strcmp0 (w->other_id, hd_record_get_id (other)) == 0)
          g_assert_nonnull (strstr (w->message, "Vorstandssitzung"));
        if (w->kind == HD_AGENDA_OUTSIDE_EVENT)
          g_assert_cmpstr (w->record_id, ==, hd_record_get_id (late));
      }
    g_clear_pointer (&warnings, g_ptr_array_unref);
    (void) parallel;
  }

  /* more places taken than the hall holds */
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *family = g_strdup_printf ("Gast %d", i);
      g_autoptr(HdRecord) p = person (f->store, "Gustav", family, NULL);
      g_autoptr(HdRecord) r = hd_event_register (f->store, hd_record_get_id (event), hd_record_get_id (p), NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (r);
    }
  warnings = hd_agenda_event_warnings (f->store, hd_record_get_id (event), &error);
  g_assert_cmpuint (warnings_of_kind (warnings, HD_AGENDA_OVER_CAPACITY), ==, 1);
  (void) talk;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/events/registrations/waitlist", Fixture, NULL, fixture_set_up, test_waitlist, fixture_tear_down);
  g_test_add ("/events/registrations/raise-capacity", Fixture, NULL, fixture_set_up, test_raise_capacity, fixture_tear_down);
  g_test_add ("/events/check-in/count", Fixture, NULL, fixture_set_up, test_check_in, fixture_tear_down);
  g_test_add ("/events/check-in/walk-in", Fixture, NULL, fixture_set_up, test_walk_in, fixture_tear_down);
  g_test_add ("/events/bookings/in-step", Fixture, NULL, fixture_set_up, test_bookings, fixture_tear_down);
  g_test_add ("/events/duplicate", Fixture, NULL, fixture_set_up, test_duplicate, fixture_tear_down);
  g_test_add ("/events/agenda/warnings", Fixture, NULL, fixture_set_up, test_agenda_warnings, fixture_tear_down);

  return g_test_run ();
}
