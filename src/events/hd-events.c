/* hd-events.c — registrations and the waiting list, check-in and walk-ins,
 * duplicating an event, its room bookings
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hd-events.h"

G_DEFINE_QUARK (hd-events-error-quark, hd_events_error)

/* ---- helpers ---- */

static HdRecord *
get_live (HdStore    *store,
          HdEntity    entity,
          const char *id,
          GError    **error)
{
  HdRecord *record = id != NULL ? hd_store_get (store, entity, id, NULL) : NULL;

  if (record == NULL || hd_record_get_deleted (record))
    {
      g_clear_pointer (&record, hd_record_unref);
      g_set_error (error, HD_EVENTS_ERROR, HD_EVENTS_ERROR_NOT_FOUND,
                   entity == HD_ENTITY_EVENT ? _("The event no longer exists.")
                   : entity == HD_ENTITY_REGISTRATION ? _("The registration no longer exists.")
                   : _("The record no longer exists."));
      return NULL;
    }

  return record;
}

/* A name-based id: the same words give the same id on every computer, so
 * two managers who make the same thing offline make one record. */
static char *
derived_id (const char *a,
            const char *b)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 d[20];
  gsize length = sizeof d;

  g_checksum_update (checksum, (const guchar *) "hubdesk-events\n", -1);
  g_checksum_update (checksum, (const guchar *) a, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) b, -1);
  g_checksum_get_digest (checksum, d, &length);
  d[6] = (d[6] & 0x0f) | 0x50;
  d[8] = (d[8] & 0x3f) | 0x80;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7],
                          d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15]);
}

static GPtrArray *
list_by (HdStore    *store,
         HdEntity    entity,
         const char *ref_field,
         const char *ref_id,
         gboolean    include_deleted,
         GError    **error)
{
  HdQuery query = { .entity = entity, .ref_field = ref_field, .ref_id = ref_id,
                    .include_deleted = include_deleted, .include_archived = TRUE };

  return hd_store_query (store, &query, error);
}

static gboolean
takes_place (const char *status)
{
  return g_strcmp0 (status, "registered") == 0 || g_strcmp0 (status, "attended") == 0;
}

static void
count_registrations (GPtrArray     *registrations,
                     HdRecord      *event,
                     HdEventCounts *counts)
{
  memset (counts, 0, sizeof *counts);
  counts->capacity = hd_record_get_int (event, "capacity", -1);

  for (guint i = 0; i < registrations->len; i++)
    {
      const char *status = hd_record_get_string (g_ptr_array_index (registrations, i), "status");

      if (g_strcmp0 (status, "registered") == 0)
        counts->registered++;
      else if (g_strcmp0 (status, "waitlisted") == 0)
        counts->waitlisted++;
      else if (g_strcmp0 (status, "cancelled") == 0)
        counts->cancelled++;
      else if (g_strcmp0 (status, "attended") == 0)
        counts->attended++;
      else if (g_strcmp0 (status, "no_show") == 0)
        counts->no_show++;
    }
}

static gboolean
has_free_place (const HdEventCounts *counts)
{
  return counts->capacity < 0 || HD_EVENT_COUNTS_TAKEN (counts) < counts->capacity;
}

static void
set_full_error (GError             **error,
                HdRecord            *event,
                const HdEventCounts *counts)
{
  g_set_error (error, HD_EVENTS_ERROR, HD_EVENTS_ERROR_FULL,
               _("“%s” is full: %lld of %lld places are taken."),
               hd_record_get_string (event, "title"),
               (long long) HD_EVENT_COUNTS_TAKEN (counts), (long long) counts->capacity);
}

/* ---- counts ---- */

gboolean
hd_event_get_counts (HdStore        *store,
                     const char     *event_id,
                     HdEventCounts  *out_counts,
                     GError        **error)
{
  g_autoptr(HdRecord) event = get_live (store, HD_ENTITY_EVENT, event_id, error);
  g_autoptr(GPtrArray) registrations = NULL;

  if (event == NULL)
    return FALSE;
  registrations = list_by (store, HD_ENTITY_REGISTRATION, "event_id", event_id, FALSE, error);
  if (registrations == NULL)
    return FALSE;

  count_registrations (registrations, event, out_counts);
  return TRUE;
}

char *
hd_event_counts_check_in_label (const HdEventCounts *counts)
{
  /* TRANSLATORS: check-in at the door, e.g. "43 of 60 checked in" */
  return g_strdup_printf (_("%lld of %lld checked in"),
                          (long long) counts->attended,
                          (long long) HD_EVENT_COUNTS_TAKEN (counts));
}

/* ---- registrations ---- */

static HdRecord *
find_registration (GPtrArray  *registrations,
                   const char *person_id)
{
  for (guint i = 0; i < registrations->len; i++)
    {
      HdRecord *registration = g_ptr_array_index (registrations, i);

      if (g_strcmp0 (hd_record_get_string (registration, "person_id"), person_id) == 0)
        return registration;
    }
  return NULL;
}

HdRecord *
hd_event_register (HdStore     *store,
                   const char  *event_id,
                   const char  *person_id,
                   const char  *source,
                   GError     **error)
{
  g_autoptr(HdRecord) event = get_live (store, HD_ENTITY_EVENT, event_id, error);
  g_autoptr(HdRecord) person = NULL;
  g_autoptr(GPtrArray) registrations = NULL;
  g_autoptr(HdRecord) registration = NULL;
  g_autofree char *now = hd_timestamp_now ();
  HdRecord *existing;
  HdEventCounts counts;

  if (event == NULL)
    return NULL;
  person = hd_store_get (store, HD_ENTITY_PERSON, person_id, NULL);
  if (person == NULL || hd_record_get_deleted (person))
    {
      g_set_error_literal (error, HD_EVENTS_ERROR, HD_EVENTS_ERROR_NOT_FOUND,
                           _("The person no longer exists."));
      return NULL;
    }

  registrations = list_by (store, HD_ENTITY_REGISTRATION, "event_id", event_id, FALSE, error);
  if (registrations == NULL)
    return NULL;
  count_registrations (registrations, event, &counts);

  existing = find_registration (registrations, person_id);
  if (existing != NULL && g_strcmp0 (hd_record_get_string (existing, "status"), "cancelled") != 0)
    return hd_record_ref (existing);

  if (existing != NULL)
    registration = hd_record_ref (existing);
  else
    {
      g_autofree char *id = derived_id (event_id, person_id);
      g_autoptr(HdRecord) gone = hd_store_get (store, HD_ENTITY_REGISTRATION, id, NULL);

      registration = hd_record_new (HD_ENTITY_REGISTRATION, hd_record_get_hub_id (event));
      /* a registration deleted once keeps its id: a new one gets another */
      if (gone == NULL)
        hd_record_set_id (registration, id);
      hd_record_set_string (registration, "event_id", event_id);
      hd_record_set_string (registration, "person_id", person_id);
      hd_record_set_string (registration, "source", source != NULL ? source : "web");
    }

  hd_record_set_string (registration, "status", has_free_place (&counts) ? "registered" : "waitlisted");
  if (!has_free_place (&counts))
    {
      /* The waiting list goes by registered_at, which has whole seconds:
       * a place on it is always after everyone already waiting. */
      gint64 at = 0, latest = 0;

      hd_timestamp_parse (now, &at);
      for (guint i = 0; i < registrations->len; i++)
        {
          HdRecord *other = g_ptr_array_index (registrations, i);
          gint64 t;

          if (g_strcmp0 (hd_record_get_string (other, "status"), "waitlisted") == 0
              && hd_timestamp_parse (hd_record_get_string (other, "registered_at"), &t))
            latest = MAX (latest, t);
        }
      if (at <= latest)
        {
          g_free (now);
          now = hd_timestamp_format (latest + 1);
        }
    }
  hd_record_set_string (registration, "registered_at", now);
  hd_record_set_null (registration, "checked_in_at");

  if (!hd_store_save (store, registration, error))
    return NULL;

  return g_steal_pointer (&registration);
}

static int
compare_waitlist (gconstpointer a,
                  gconstpointer b)
{
  HdRecord *ra = *(HdRecord **) a;
  HdRecord *rb = *(HdRecord **) b;
  const char *ta = hd_record_get_string (ra, "registered_at");
  const char *tb = hd_record_get_string (rb, "registered_at");
  int c;

  /* those without a time last */
  if ((ta == NULL) != (tb == NULL))
    return ta == NULL ? 1 : -1;
  c = g_strcmp0 (ta, tb);
  if (c == 0)
    c = g_strcmp0 (hd_record_get_created_at (ra), hd_record_get_created_at (rb));
  return c != 0 ? c : g_strcmp0 (hd_record_get_id (ra), hd_record_get_id (rb));
}

GPtrArray *
hd_event_promote_waitlist (HdStore     *store,
                           const char  *event_id,
                           GError     **error)
{
  g_autoptr(HdRecord) event = get_live (store, HD_ENTITY_EVENT, event_id, error);
  g_autoptr(GPtrArray) registrations = NULL;
  g_autoptr(GPtrArray) waiting = g_ptr_array_new ();
  g_autoptr(GPtrArray) promoted = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  HdEventCounts counts;

  if (event == NULL)
    return NULL;
  registrations = list_by (store, HD_ENTITY_REGISTRATION, "event_id", event_id, FALSE, error);
  if (registrations == NULL)
    return NULL;
  count_registrations (registrations, event, &counts);

  for (guint i = 0; i < registrations->len; i++)
    if (g_strcmp0 (hd_record_get_string (g_ptr_array_index (registrations, i), "status"), "waitlisted") == 0)
      g_ptr_array_add (waiting, g_ptr_array_index (registrations, i));
  g_ptr_array_sort (waiting, compare_waitlist);

  for (guint i = 0; i < waiting->len && has_free_place (&counts); i++)
    {
      HdRecord *registration = g_ptr_array_index (waiting, i);

      hd_record_set_string (registration, "status", "registered");
      if (!hd_store_save (store, registration, error))
        return NULL;
      counts.registered++;
      g_ptr_array_add (promoted, hd_record_ref (registration));
    }

  return g_steal_pointer (&promoted);
}

gboolean
hd_registration_set_status (HdStore     *store,
                            const char  *registration_id,
                            const char  *status,
                            GPtrArray  **out_promoted,
                            GError     **error)
{
  g_autoptr(HdRecord) registration = get_live (store, HD_ENTITY_REGISTRATION, registration_id, error);
  g_autoptr(HdRecord) event = NULL;
  g_autofree char *old = NULL;
  g_autoptr(GPtrArray) promoted = NULL;

  if (out_promoted != NULL)
    *out_promoted = NULL;
  if (registration == NULL)
    return FALSE;
  if (!hd_field_has_value (hd_entity_field (HD_ENTITY_REGISTRATION,
                                            hd_entity_field_index (HD_ENTITY_REGISTRATION, "status")),
                           status))
    {
      g_set_error (error, HD_EVENTS_ERROR, HD_EVENTS_ERROR_INVALID,
                   _("“%s” is not a status of a registration."), status);
      return FALSE;
    }

  event = get_live (store, HD_ENTITY_EVENT, hd_record_get_string (registration, "event_id"), error);
  if (event == NULL)
    return FALSE;

  old = g_strdup (hd_record_get_string (registration, "status"));
  if (!takes_place (old) && takes_place (status))
    {
      HdEventCounts counts;

      if (!hd_event_get_counts (store, hd_record_get_id (event), &counts, error))
        return FALSE;
      if (!has_free_place (&counts))
        {
          set_full_error (error, event, &counts);
          return FALSE;
        }
    }

  hd_record_set_string (registration, "status", status);
  if (g_str_equal (status, "attended"))
    {
      if (hd_record_get_string (registration, "checked_in_at") == NULL)
        {
          g_autofree char *now = hd_timestamp_now ();
          hd_record_set_string (registration, "checked_in_at", now);
        }
    }
  else if (hd_record_get_string (registration, "checked_in_at") != NULL)
    hd_record_set_null (registration, "checked_in_at");

  if (!hd_store_save (store, registration, error))
    return FALSE;

  if (takes_place (old) && !takes_place (status))
    {
      promoted = hd_event_promote_waitlist (store, hd_record_get_id (event), error);
      if (promoted == NULL)
        return FALSE;
    }
  else
    promoted = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);

  if (out_promoted != NULL)
    *out_promoted = g_steal_pointer (&promoted);
  return TRUE;
}

gboolean
hd_registration_check_in (HdStore     *store,
                          const char  *registration_id,
                          GError     **error)
{
  return hd_registration_set_status (store, registration_id, "attended", NULL, error);
}

/* ---- walk-ins ---- */

static char *
fold (const char *text)
{
  g_autofree char *folded = NULL;
  g_autofree char *stripped = NULL;

  if (text == NULL)
    return g_strdup ("");
  stripped = g_strstrip (g_strdup (text));
  folded = g_utf8_casefold (stripped, -1);
  return g_str_to_ascii (folded, "C");
}

HdRecord *
hd_person_find_match (HdStore     *store,
                      const char  *hub_id,
                      const char  *given_name,
                      const char  *family_name,
                      const char  *email,
                      GError     **error)
{
  g_autofree char *want_given = fold (given_name);
  g_autofree char *want_family = fold (family_name);
  g_autofree char *want_email = fold (email);
  g_autofree char *words = NULL;
  g_autoptr(GPtrArray) found = NULL;
  HdQuery query = { .entity = HD_ENTITY_PERSON, .hub_id = hub_id };

  if (*want_email != '\0')
    {
      HdQuery by_email = { .entity = HD_ENTITY_PERSON, .hub_id = hub_id, .search = email };

      found = hd_store_query (store, &by_email, error);
      if (found == NULL)
        return NULL;
      for (guint i = 0; i < found->len; i++)
        {
          HdRecord *person = g_ptr_array_index (found, i);
          g_autofree char *have = fold (hd_record_get_string (person, "email"));

          if (g_str_equal (have, want_email))
            return hd_record_ref (person);
        }
      g_clear_pointer (&found, g_ptr_array_unref);
    }

  if (*want_given == '\0' && *want_family == '\0')
    return NULL;

  words = g_strjoin (" ", given_name != NULL ? given_name : "", family_name != NULL ? family_name : "", NULL);
  query.search = g_strstrip (words);
  found = hd_store_query (store, &query, error);
  if (found == NULL)
    return NULL;
  for (guint i = 0; i < found->len; i++)
    {
      HdRecord *person = g_ptr_array_index (found, i);
      g_autofree char *given = fold (hd_record_get_string (person, "given_name"));
      g_autofree char *family = fold (hd_record_get_string (person, "family_name"));
      g_autofree char *have_email = fold (hd_record_get_string (person, "email"));

      /* same name, but a different email address: another person */
      if (*want_email != '\0' && *have_email != '\0')
        continue;
      if (g_str_equal (given, want_given) && g_str_equal (family, want_family))
        return hd_record_ref (person);
    }

  return NULL;
}

static void
give_consent (HdRecord       *person,
              HdRecord       *event,
              const HdWalkIn *walk_in)
{
  g_autofree char *now = hd_timestamp_now ();
  /* TRANSLATORS: where a person's consent was given; %s is the event's title */
  g_autofree char *source = g_strdup_printf (_("walk-in at %s"), hd_record_get_string (event, "title"));

  hd_record_set_string (person, "consent", "given");
  hd_record_set_strv (person, "consent_purposes", walk_in->consent_purposes);
  hd_record_set_string (person, "consent_at", now);
  if (g_utf8_strlen (source, -1) > 300)
    {
      char *end = g_utf8_offset_to_pointer (source, 299);
      *end = '\0';
    }
  hd_record_set_string (person, "consent_source", source);
  if (walk_in->consent_text != NULL)
    hd_record_set_string (person, "consent_text", walk_in->consent_text);
}

HdRecord *
hd_event_walk_in (HdStore         *store,
                  const char      *event_id,
                  const HdWalkIn  *walk_in,
                  HdRecord       **out_person,
                  gboolean        *out_matched,
                  GError         **error)
{
  g_autoptr(HdRecord) event = get_live (store, HD_ENTITY_EVENT, event_id, error);
  g_autoptr(HdRecord) person = NULL;
  g_autoptr(GPtrArray) registrations = NULL;
  g_autoptr(HdRecord) registration = NULL;
  gboolean asked = walk_in->consent_purposes != NULL && walk_in->consent_purposes[0] != NULL;
  gboolean matched;
  HdRecord *existing;
  const char *hub_id;

  if (event == NULL)
    return NULL;
  hub_id = hd_record_get_hub_id (event);

  person = hd_person_find_match (store, hub_id, walk_in->given_name, walk_in->family_name,
                                 walk_in->email, error);
  if (person == NULL && error != NULL && *error != NULL)
    return NULL;
  matched = person != NULL;

  if (person == NULL)
    {
      person = hd_record_new (HD_ENTITY_PERSON, hub_id);
      if (walk_in->email != NULL && *walk_in->email != '\0')
        {
          g_autofree char *email = fold (walk_in->email);
          g_autofree char *id = derived_id (hub_id, email);
          g_autoptr(HdRecord) taken = hd_store_get (store, HD_ENTITY_PERSON, id, NULL);

          if (taken == NULL)
            hd_record_set_id (person, id);
        }
      if (walk_in->given_name != NULL && *walk_in->given_name != '\0')
        hd_record_set_string (person, "given_name", walk_in->given_name);
      if (walk_in->family_name != NULL && *walk_in->family_name != '\0')
        hd_record_set_string (person, "family_name", walk_in->family_name);
      if (walk_in->email != NULL && *walk_in->email != '\0')
        hd_record_set_string (person, "email", walk_in->email);
      if (walk_in->organization_id != NULL)
        hd_record_set_string (person, "organization_id", walk_in->organization_id);
      if (asked)
        give_consent (person, event, walk_in);
      if (!hd_store_save (store, person, error))
        return NULL;
    }
  else if (asked && g_strcmp0 (hd_record_get_string (person, "consent"), "given") != 0)
    {
      give_consent (person, event, walk_in);
      if (!hd_store_save (store, person, error))
        return NULL;
    }

  registrations = list_by (store, HD_ENTITY_REGISTRATION, "event_id", event_id, FALSE, error);
  if (registrations == NULL)
    return NULL;
  existing = find_registration (registrations, hd_record_get_id (person));

  if (existing != NULL)
    {
      if (g_strcmp0 (hd_record_get_string (existing, "status"), "attended") != 0
          && !hd_registration_check_in (store, hd_record_get_id (existing), error))
        return NULL;
      registration = hd_store_get (store, HD_ENTITY_REGISTRATION, hd_record_get_id (existing), error);
      if (registration == NULL)
        return NULL;
    }
  else
    {
      g_autofree char *id = derived_id (event_id, hd_record_get_id (person));
      g_autofree char *now = hd_timestamp_now ();
      g_autoptr(HdRecord) gone = hd_store_get (store, HD_ENTITY_REGISTRATION, id, NULL);
      HdEventCounts counts;

      count_registrations (registrations, event, &counts);
      if (!has_free_place (&counts))
        {
          set_full_error (error, event, &counts);
          return NULL;
        }

      registration = hd_record_new (HD_ENTITY_REGISTRATION, hub_id);
      if (gone == NULL)
        hd_record_set_id (registration, id);
      hd_record_set_string (registration, "event_id", event_id);
      hd_record_set_string (registration, "person_id", hd_record_get_id (person));
      hd_record_set_string (registration, "status", "attended");
      hd_record_set_string (registration, "source", "walk_in");
      hd_record_set_string (registration, "registered_at", now);
      hd_record_set_string (registration, "checked_in_at", now);
      if (!hd_store_save (store, registration, error))
        return NULL;
    }

  if (out_person != NULL)
    *out_person = g_steal_pointer (&person);
  if (out_matched != NULL)
    *out_matched = matched;
  return g_steal_pointer (&registration);
}

/* ---- room bookings ---- */

static const char *
booking_status_for (HdRecord *event)
{
  const char *status = hd_record_get_string (event, "status");

  if (g_strcmp0 (status, "cancelled") == 0)
    return "cancelled";
  if (g_strcmp0 (status, "published") == 0)
    return "confirmed";
  return "tentative";
}

static gboolean
put_booking (HdStore    *store,
             HdRecord   *event,
             const char *id,
             const char *room_id,
             const char *title,
             const char *starts_at,
             const char *ends_at,
             const char *status,
             GError    **error)
{
  g_autoptr(HdRecord) booking = hd_store_get (store, HD_ENTITY_BOOKING, id, NULL);
  g_autoptr(HdRecord) before = NULL;
  g_autofree char *clipped = NULL;

  if (booking != NULL && hd_record_get_deleted (booking))
    return TRUE;   /* removed by hand: leave it gone */
  if (booking == NULL)
    {
      if (g_str_equal (status, "cancelled"))
        return TRUE;   /* nothing to cancel */
      booking = hd_record_new (HD_ENTITY_BOOKING, hd_record_get_hub_id (event));
      hd_record_set_id (booking, id);
    }
  else
    before = hd_record_copy (booking);

  if (g_utf8_strlen (title, -1) > 300)
    clipped = g_utf8_substring (title, 0, 300);

  hd_record_set_string (booking, "room_id", room_id);
  hd_record_set_string (booking, "event_id", hd_record_get_id (event));
  hd_record_set_string (booking, "title", clipped != NULL ? clipped : title);
  hd_record_set_string (booking, "starts_at", starts_at);
  hd_record_set_string (booking, "ends_at", ends_at);
  hd_record_set_string (booking, "status", status);

  if (before != NULL && hd_record_diff (before, booking) == 0)
    return TRUE;
  return hd_store_save (store, booking, error);
}

gboolean
hd_event_sync_bookings (HdStore     *store,
                        const char  *event_id,
                        GError     **error)
{
  g_autoptr(HdRecord) event = get_live (store, HD_ENTITY_EVENT, event_id, error);
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) bookings = NULL;
  g_autoptr(GHashTable) wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) ours = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *event_booking = NULL;
  const char *event_room;
  const char *status;

  if (event == NULL)
    return FALSE;
  sessions = list_by (store, HD_ENTITY_SESSION, "event_id", event_id, TRUE, error);
  if (sessions == NULL)
    return FALSE;
  bookings = list_by (store, HD_ENTITY_BOOKING, "event_id", event_id, FALSE, error);
  if (bookings == NULL)
    return FALSE;

  event_room = hd_record_get_string (event, "room_id");
  status = booking_status_for (event);
  event_booking = derived_id (event_id, "event");
  g_hash_table_add (ours, g_strdup (event_booking));

  if (event_room != NULL)
    {
      g_hash_table_add (wanted, g_strdup (event_booking));
      if (!put_booking (store, event, event_booking, event_room, hd_record_get_string (event, "title"),
                        hd_record_get_string (event, "starts_at"), hd_record_get_string (event, "ends_at"),
                        status, error))
        return FALSE;
    }

  for (guint i = 0; i < sessions->len; i++)
    {
      HdRecord *session = g_ptr_array_index (sessions, i);
      const char *room = hd_record_get_string (session, "room_id");
      g_autofree char *id = derived_id (event_id, hd_record_get_id (session));
      g_autofree char *title = NULL;

      g_hash_table_add (ours, g_strdup (id));
      if (hd_record_get_deleted (session) || room == NULL || g_strcmp0 (room, event_room) == 0)
        continue;

      title = g_strdup_printf ("%s: %s", hd_record_get_string (event, "title"),
                               hd_record_get_string (session, "title"));
      g_hash_table_add (wanted, g_strdup (id));
      if (!put_booking (store, event, id, room, title,
                        hd_record_get_string (session, "starts_at"), hd_record_get_string (session, "ends_at"),
                        status, error))
        return FALSE;
    }

  /* ours, but no longer needed: cancelled (so that it can come back) */
  for (guint i = 0; i < bookings->len; i++)
    {
      HdRecord *booking = g_ptr_array_index (bookings, i);
      const char *id = hd_record_get_id (booking);

      if (g_hash_table_contains (ours, id) && !g_hash_table_contains (wanted, id)
          && g_strcmp0 (hd_record_get_string (booking, "status"), "cancelled") != 0)
        {
          hd_record_set_string (booking, "status", "cancelled");
          if (!hd_store_save (store, booking, error))
            return FALSE;
        }
    }

  return TRUE;
}

gboolean
hd_event_save (HdStore   *store,
               HdRecord  *record,
               GError   **error)
{
  const char *event_id;

  g_return_val_if_fail (hd_record_get_entity (record) == HD_ENTITY_EVENT
                        || hd_record_get_entity (record) == HD_ENTITY_SESSION, FALSE);

  if (hd_record_get_entity (record) == HD_ENTITY_SESSION)
    {
      g_autoptr(HdRecord) event = NULL;

      event_id = hd_record_get_string (record, "event_id");
      event = get_live (store, HD_ENTITY_EVENT, event_id, error);
      if (event == NULL || !hd_check_session_in_event (record, event, error))
        return FALSE;
    }
  else
    event_id = hd_record_get_id (record);

  if (!hd_store_save (store, record, error))
    return FALSE;

  return hd_event_sync_bookings (store, event_id, error);
}

/* ---- duplicating ---- */

static HdRecord *
copy_fields (HdRecord *source)
{
  HdEntity entity = hd_record_get_entity (source);
  HdRecord *copy = hd_record_new (entity, hd_record_get_hub_id (source));
  const HdEntityInfo *info = hd_entity_info (entity);

  for (guint i = 0; i < info->n_fields; i++)
    hd_record_set (copy, i, hd_record_get (source, i));

  return copy;
}

static gboolean
shift (HdRecord   *record,
       const char *field,
       gint64      delta)
{
  gint64 value;
  g_autofree char *text = NULL;

  if (!hd_timestamp_parse (hd_record_get_string (record, field), &value))
    return FALSE;
  text = hd_timestamp_format (value + delta);
  if (text == NULL)
    return FALSE;
  hd_record_set_string (record, field, text);
  return TRUE;
}

HdRecord *
hd_event_duplicate (HdStore     *store,
                    const char  *event_id,
                    const char  *new_starts_at,
                    GError     **error)
{
  g_autoptr(HdRecord) event = get_live (store, HD_ENTITY_EVENT, event_id, error);
  g_autoptr(HdRecord) copy = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  gint64 old_start, new_start, delta;

  if (event == NULL)
    return NULL;
  if (!hd_timestamp_parse (new_starts_at, &new_start)
      || !hd_timestamp_parse (hd_record_get_string (event, "starts_at"), &old_start))
    {
      g_set_error (error, HD_EVENTS_ERROR, HD_EVENTS_ERROR_INVALID,
                   _("The new start time “%s” is not a time."), new_starts_at != NULL ? new_starts_at : "");
      return NULL;
    }
  delta = new_start - old_start;

  sessions = list_by (store, HD_ENTITY_SESSION, "event_id", event_id, FALSE, error);
  if (sessions == NULL)
    return NULL;

  copy = copy_fields (event);
  hd_record_set_string (copy, "status", "draft");
  if (!shift (copy, "starts_at", delta) || !shift (copy, "ends_at", delta))
    {
      g_set_error_literal (error, HD_EVENTS_ERROR, HD_EVENTS_ERROR_INVALID,
                           _("The event cannot be moved that far."));
      return NULL;
    }
  if (!hd_store_save (store, copy, error))
    return NULL;

  for (guint i = 0; i < sessions->len; i++)
    {
      g_autoptr(HdRecord) session = copy_fields (g_ptr_array_index (sessions, i));

      hd_record_set_string (session, "event_id", hd_record_get_id (copy));
      if (!shift (session, "starts_at", delta) || !shift (session, "ends_at", delta)
          || !hd_store_save (store, session, error))
        {
          if (error != NULL && *error == NULL)
            g_set_error_literal (error, HD_EVENTS_ERROR, HD_EVENTS_ERROR_INVALID,
                                 _("The event cannot be moved that far."));
          return NULL;
        }
    }

  if (!hd_event_sync_bookings (store, hd_record_get_id (copy), error))
    return NULL;

  return g_steal_pointer (&copy);
}
