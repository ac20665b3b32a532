/* hd-agenda.c — warnings about an agenda, worked out offline
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Room and speaker clashes are found with a sweep: the uses of each room
 * (or speaker) sorted by start, each compared only with those still
 * running, so a season of thousands of events costs a sort.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hd-agenda.h"

void
hd_agenda_warning_free (HdAgendaWarning *warning)
{
  if (warning == NULL)
    return;
  g_free (warning->record_id);
  g_free (warning->other_id);
  g_free (warning->about_id);
  g_free (warning->message);
  g_free (warning);
}

typedef struct {
  gint64      start;
  gint64      end;
  const char *key;       /* room id or speaker id */
  const char *owner;     /* the event it belongs to, or NULL */
  HdRecord   *record;
  gboolean    umbrella;  /* the event itself, or a booking made for it */
} Slot;

static int
compare_slots (gconstpointer a,
               gconstpointer b)
{
  const Slot *sa = a;
  const Slot *sb = b;
  int c = strcmp (sa->key, sb->key);

  if (c != 0)
    return c;
  if (sa->start != sb->start)
    return sa->start < sb->start ? -1 : 1;
  if (sa->end != sb->end)
    return sa->end < sb->end ? -1 : 1;
  return strcmp (hd_record_get_id (sa->record), hd_record_get_id (sb->record));
}

static gboolean
span_of (HdRecord *record,
         gint64   *start,
         gint64   *end)
{
  return hd_timestamp_parse (hd_record_get_string (record, "starts_at"), start)
         && hd_timestamp_parse (hd_record_get_string (record, "ends_at"), end)
         && *end > *start;
}

static const char *
title_of (HdRecord *record)
{
  const char *title = hd_record_get_string (record, "title");

  if (title != NULL && *title != '\0')
    return title;
  return hd_record_get_entity (record) == HD_ENTITY_BOOKING ? _("a room booking") : _("Untitled");
}

static char *
person_name (GHashTable *people,
             const char *id)
{
  HdRecord *person = people != NULL ? g_hash_table_lookup (people, id) : NULL;
  const char *given;
  const char *family;

  if (person == NULL)
    return g_strdup (_("A speaker"));
  given = hd_record_get_string (person, "given_name");
  family = hd_record_get_string (person, "family_name");
  if (given != NULL && family != NULL)
    return g_strdup_printf ("%s %s", given, family);
  return g_strdup (given != NULL ? given : family != NULL ? family : _("A speaker"));
}

static void
add_warning (GPtrArray          *warnings,
             HdAgendaWarningKind kind,
             HdRecord           *record,
             HdRecord           *other,
             const char         *about_id,
             char               *message)
{
  HdAgendaWarning *warning = g_new0 (HdAgendaWarning, 1);

  warning->kind = kind;
  warning->entity = hd_record_get_entity (record);
  warning->record_id = g_strdup (hd_record_get_id (record));
  warning->other_id = other != NULL ? g_strdup (hd_record_get_id (other)) : NULL;
  warning->about_id = g_strdup (about_id);
  warning->message = message;
  g_ptr_array_add (warnings, warning);
}

/* Sorts @slots and reports each overlapping pair that @clash accepts. */
static void
sweep (GArray     *slots,
       gboolean  (*clash) (const Slot *a, const Slot *b),
       void      (*report) (const Slot *a, const Slot *b, gpointer data),
       gpointer    data)
{
  g_autoptr(GArray) active = g_array_new (FALSE, FALSE, sizeof (guint));
  const char *key = NULL;

  g_array_sort (slots, compare_slots);

  for (guint i = 0; i < slots->len; i++)
    {
      const Slot *s = &g_array_index (slots, Slot, i);

      if (key == NULL || strcmp (key, s->key) != 0)
        {
          g_array_set_size (active, 0);
          key = s->key;
        }

      for (guint j = 0; j < active->len; )
        {
          const Slot *a = &g_array_index (slots, Slot, g_array_index (active, guint, j));

          if (a->end <= s->start)
            {
              g_array_remove_index_fast (active, j);
              continue;
            }
          if (clash (a, s))
            report (a, s, data);
          j++;
        }
      g_array_append_val (active, i);
    }
}

typedef struct {
  GPtrArray  *warnings;
  GHashTable *rooms;
  GHashTable *people;
} Report;

static gboolean
is_planned (const Slot *slot)
{
  HdEntity entity = hd_record_get_entity (slot->record);

  return entity == HD_ENTITY_EVENT || entity == HD_ENTITY_SESSION;
}

static gboolean
room_clash (const Slot *a,
            const Slot *b)
{
  if (a->record == b->record)
    return FALSE;
  /* room bookings among themselves share rooms by seats: not ours to judge */
  if (!is_planned (a) && !is_planned (b))
    return FALSE;
  /* an event, its sessions and its bookings */
  if (a->owner != NULL && b->owner != NULL && strcmp (a->owner, b->owner) == 0
      && (a->umbrella || b->umbrella))
    return FALSE;
  return TRUE;
}

static void
report_room (const Slot *a,
             const Slot *b,
             gpointer    data)
{
  Report *r = data;
  HdRecord *room = g_hash_table_lookup (r->rooms, a->key);
  const char *room_name = room != NULL ? hd_record_get_string (room, "name") : _("the room");
  HdRecord *first = is_planned (b) ? b->record : a->record;
  HdRecord *second = first == b->record ? a->record : b->record;

  add_warning (r->warnings, HD_AGENDA_ROOM_CLASH, first, second, a->key,
               g_strdup_printf (_("“%s” and “%s” are both in %s at the same time."),
                                title_of (first), title_of (second), room_name));
}

static gboolean
speaker_clash (const Slot *a,
               const Slot *b)
{
  return a->record != b->record;
}

static void
report_speaker (const Slot *a,
                const Slot *b,
                gpointer    data)
{
  Report *r = data;
  g_autofree char *name = person_name (r->people, a->key);

  add_warning (r->warnings, HD_AGENDA_SPEAKER_CLASH, b->record, a->record, a->key,
               g_strdup_printf (_("%s speaks in “%s” and in “%s” at the same time."),
                                name, title_of (a->record), title_of (b->record)));
}

static int
compare_warnings (gconstpointer a,
                  gconstpointer b)
{
  const HdAgendaWarning *wa = *(HdAgendaWarning **) a;
  const HdAgendaWarning *wb = *(HdAgendaWarning **) b;
  int c;

  if (wa->kind != wb->kind)
    return wa->kind < wb->kind ? -1 : 1;
  c = strcmp (wa->record_id, wb->record_id);
  if (c == 0)
    c = g_strcmp0 (wa->other_id, wb->other_id);
  if (c == 0)
    c = g_strcmp0 (wa->about_id, wb->about_id);
  return c;
}

static GHashTable *
index_by_id (GPtrArray *records)
{
  GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      HdRecord *record = g_ptr_array_index (records, i);
      g_hash_table_insert (table, (gpointer) hd_record_get_id (record), record);
    }
  return table;
}

GPtrArray *
hd_agenda_check (const HdAgendaInput *input,
                 GError             **error)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_agenda_warning_free);
  g_autoptr(GArray) rooms_used = g_array_new (FALSE, FALSE, sizeof (Slot));
  g_autoptr(GArray) speakers = g_array_new (FALSE, FALSE, sizeof (Slot));
  g_autoptr(GHashTable) events = index_by_id (input->events);
  g_autoptr(GHashTable) rooms = index_by_id (input->rooms);
  g_autoptr(GHashTable) people = index_by_id (input->people);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  Report report = { warnings, rooms, people };

  for (guint i = 0; input->events != NULL && i < input->events->len; i++)
    {
      HdRecord *event = g_ptr_array_index (input->events, i);
      const char *room_id = hd_record_get_string (event, "room_id");
      Slot slot = { 0 };

      if (room_id == NULL || !span_of (event, &slot.start, &slot.end)
          || g_strcmp0 (hd_record_get_string (event, "status"), "cancelled") == 0)
        continue;
      slot.key = room_id;
      slot.owner = hd_record_get_id (event);
      slot.record = event;
      slot.umbrella = TRUE;
      g_array_append_val (rooms_used, slot);

      if (input->taken != NULL)
        {
          gint64 *taken = g_hash_table_lookup (input->taken, hd_record_get_id (event));
          HdRecord *room = g_hash_table_lookup (rooms, room_id);
          gint64 capacity = room != NULL ? hd_record_get_int (room, "capacity", -1) : -1;

          if (taken != NULL && capacity > 0 && *taken > capacity)
            add_warning (warnings, HD_AGENDA_OVER_CAPACITY, event, NULL, room_id,
                         g_strdup_printf (_("%lld places are taken for “%s”, but %s holds only %lld."),
                                          (long long) *taken, title_of (event),
                                          hd_record_get_string (room, "name"), (long long) capacity));
        }
    }

  for (guint i = 0; input->sessions != NULL && i < input->sessions->len; i++)
    {
      HdRecord *session = g_ptr_array_index (input->sessions, i);
      const char *event_id = hd_record_get_string (session, "event_id");
      HdRecord *event = event_id != NULL ? g_hash_table_lookup (events, event_id) : NULL;
      const char *room_id = hd_record_get_string (session, "room_id");
      const char **speaker_ids = hd_record_get_strv (session, "speaker_ids");
      Slot slot = { 0 };

      if (!span_of (session, &slot.start, &slot.end))
        continue;
      if (event != NULL && g_strcmp0 (hd_record_get_string (event, "status"), "cancelled") == 0)
        continue;
      if (event != NULL && !hd_check_session_in_event (session, event, NULL))
        add_warning (warnings, HD_AGENDA_OUTSIDE_EVENT, session, event, NULL,
                     g_strdup_printf (_("“%s” lies outside the time of its event “%s”."),
                                      title_of (session), title_of (event)));

      slot.owner = event_id;
      slot.record = session;
      if (room_id != NULL)
        {
          slot.key = room_id;
          g_array_append_val (rooms_used, slot);
        }
      for (guint j = 0; speaker_ids != NULL && speaker_ids[j] != NULL; j++)
        {
          slot.key = speaker_ids[j];
          g_array_append_val (speakers, slot);
        }
    }

  for (guint i = 0; input->bookings != NULL && i < input->bookings->len; i++)
    {
      HdRecord *booking = g_ptr_array_index (input->bookings, i);
      const char *event_id = hd_record_get_string (booking, "event_id");
      const char *room_id = hd_record_get_string (booking, "room_id");
      g_autoptr(GArray) spans = NULL;

      if (room_id == NULL || g_strcmp0 (hd_record_get_string (booking, "status"), "cancelled") == 0)
        continue;
      /* the event (and its sessions) stand for their own bookings */
      if (event_id != NULL && g_hash_table_contains (events, event_id))
        continue;

      spans = hd_occurrences_in_zone (booking, input->tz != NULL ? input->tz : utc,
                                      input->from, input->until, error);
      if (spans == NULL)
        return NULL;
      for (guint j = 0; j < spans->len; j++)
        {
          HdSpan *span = &g_array_index (spans, HdSpan, j);
          Slot slot = { span->start, span->end, room_id, event_id, booking, event_id != NULL };

          g_array_append_val (rooms_used, slot);
        }
    }

  sweep (rooms_used, room_clash, report_room, &report);
  sweep (speakers, speaker_clash, report_speaker, &report);

  g_ptr_array_sort (warnings, compare_warnings);
  return g_steal_pointer (&warnings);
}

GPtrArray *
hd_agenda_event_warnings (HdStore     *store,
                          const char  *event_id,
                          GError     **error)
{
  g_autoptr(HdRecord) event = hd_store_get (store, HD_ENTITY_EVENT, event_id, error);
  g_autoptr(HdRecord) hub = NULL;
  g_autoptr(GPtrArray) own_sessions = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(GPtrArray) bookings = NULL;
  g_autoptr(GPtrArray) rooms = NULL;
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GPtrArray) registrations = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GHashTable) mine = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GTimeZone) tz = NULL;
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;
  GPtrArray *result;
  const char *hub_id;
  const char *tzid = NULL;
  gint64 start, end;
  gint64 *places;
  HdAgendaInput input = { 0 };
  HdQuery query = { 0 };

  if (event == NULL)
    return NULL;
  hub_id = hd_record_get_hub_id (event);
  hub = hd_store_get (store, HD_ENTITY_HUB, hub_id, NULL);
  if (hub != NULL)
    tzid = hd_record_get_string (hub, "timezone");
  tz = hd_time_zone_get (tzid != NULL ? tzid : "Europe/Berlin");
  if (tz == NULL)
    tz = g_time_zone_new_utc ();

  query.entity = HD_ENTITY_SESSION;
  query.ref_field = "event_id";
  query.ref_id = event_id;
  own_sessions = hd_store_query (store, &query, error);
  if (own_sessions == NULL)
    return NULL;

  /* the span the event and all its sessions cover */
  if (!span_of (event, &start, &end))
    start = end = 0;
  g_hash_table_add (mine, (gpointer) hd_record_get_id (event));
  for (guint i = 0; i < own_sessions->len; i++)
    {
      HdRecord *session = g_ptr_array_index (own_sessions, i);
      gint64 s, e;

      g_hash_table_add (mine, (gpointer) hd_record_get_id (session));
      if (span_of (session, &s, &e))
        {
          start = start == 0 ? s : MIN (start, s);
          end = MAX (end, e);
        }
    }
  from = hd_timestamp_format (start);
  until = hd_timestamp_format (end);

  memset (&query, 0, sizeof query);
  query.hub_id = hub_id;
  query.from = from;
  query.until = until;
  query.entity = HD_ENTITY_EVENT;
  if ((events = hd_store_query (store, &query, error)) == NULL)
    return NULL;
  query.entity = HD_ENTITY_SESSION;
  if ((sessions = hd_store_query (store, &query, error)) == NULL)
    return NULL;
  query.entity = HD_ENTITY_BOOKING;
  if ((bookings = hd_store_query (store, &query, error)) == NULL)
    return NULL;

  /* sessions outside the span (and their event) are ours too */
  {
    gboolean found = FALSE;

    for (guint i = 0; i < events->len && !found; i++)
      found = g_str_equal (hd_record_get_id (g_ptr_array_index (events, i)), event_id);
    if (!found)
      g_ptr_array_add (events, hd_record_ref (event));
  }
  for (guint i = 0; i < own_sessions->len; i++)
    {
      HdRecord *session = g_ptr_array_index (own_sessions, i);
      gboolean found = FALSE;

      for (guint j = 0; j < sessions->len && !found; j++)
        found = g_str_equal (hd_record_get_id (g_ptr_array_index (sessions, j)), hd_record_get_id (session));
      if (!found)
        g_ptr_array_add (sessions, hd_record_ref (session));
    }

  memset (&query, 0, sizeof query);
  query.entity = HD_ENTITY_ROOM;
  query.hub_id = hub_id;
  query.include_archived = TRUE;
  if ((rooms = hd_store_query (store, &query, error)) == NULL)
    return NULL;

  for (guint i = 0; i < own_sessions->len; i++)
    {
      const char **ids = hd_record_get_strv (g_ptr_array_index (own_sessions, i), "speaker_ids");

      for (guint j = 0; ids != NULL && ids[j] != NULL; j++)
        {
          HdRecord *person = hd_store_get (store, HD_ENTITY_PERSON, ids[j], NULL);

          if (person != NULL)
            g_ptr_array_add (people, person);
        }
    }

  memset (&query, 0, sizeof query);
  query.entity = HD_ENTITY_REGISTRATION;
  query.ref_field = "event_id";
  query.ref_id = event_id;
  if ((registrations = hd_store_query (store, &query, error)) == NULL)
    return NULL;
  places = g_new0 (gint64, 1);
  for (guint i = 0; i < registrations->len; i++)
    {
      const char *status = hd_record_get_string (g_ptr_array_index (registrations, i), "status");

      if (g_strcmp0 (status, "registered") == 0 || g_strcmp0 (status, "attended") == 0)
        (*places)++;
    }
  g_hash_table_insert (taken, (gpointer) hd_record_get_id (event), places);

  input.events = events;
  input.sessions = sessions;
  input.bookings = bookings;
  input.rooms = rooms;
  input.people = people;
  input.taken = taken;
  input.tz = tz;
  input.from = start;
  input.until = end;

  all = hd_agenda_check (&input, error);
  if (all == NULL)
    return NULL;

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_agenda_warning_free);
  for (guint i = 0; i < all->len; i++)
    {
      HdAgendaWarning *warning = g_ptr_array_index (all, i);

      if (g_hash_table_contains (mine, warning->record_id)
          || (warning->other_id != NULL && g_hash_table_contains (mine, warning->other_id)
              && warning->kind != HD_AGENDA_OUTSIDE_EVENT))
        g_ptr_array_add (result, g_ptr_array_steal_index (all, i--));
    }

  return result;
}
