/* hd-schema.c — the entities of Hubdesk and their fields
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-schema.h"

#define HD_STRING_MAX   300
#define HD_TEXT_MAX     20000
#define HD_NAME_MAX     200

static const char * const hub_kinds[] = { "regional", "thematic", NULL };
static const char * const room_kinds[] = {
  "meeting_room", "coworking_area", "workshop_space", "event_hall",
  "maker_space", "office", NULL
};
static const char * const booking_statuses[] = {
  "tentative", "confirmed", "cancelled", NULL
};
static const char * const event_formats[] = {
  "workshop", "office_hours", "online_seminar", "networking", "talk",
  "hackathon", "conference", "coworking_day", "other", NULL
};
static const char * const event_statuses[] = {
  "draft", "published", "cancelled", NULL
};
static const char * const session_kinds[] = {
  "talk", "workshop", "panel", "break", "other", NULL
};
static const char * const registration_statuses[] = {
  "registered", "waitlisted", "cancelled", "attended", "no_show", NULL
};
static const char * const registration_sources[] = {
  "web", "phone", "email", "walk_in", "import", NULL
};
static const char * const organization_kinds[] = {
  "sme", "startup", "large_company", "university", "research_institute",
  "public_body", "association", "other", NULL
};
static const char * const size_classes[] = {
  "micro", "small", "medium", "large", "unknown", NULL
};
static const char * const consent_states[] = {
  "none", "given", "withdrawn", NULL
};
static const char * const consent_purposes[] = {
  "contact", "newsletter", "event_photos", "data_sharing", NULL
};
static const char * const interaction_kinds[] = {
  "consultation", "office_hours", "workshop_followup", "cooperation",
  "project", "call", "email", "visit", "other", NULL
};
static const char * const interaction_outcomes[] = {
  "none", "follow_up", "referred", "cooperation_initiated",
  "project_started", NULL
};

#define REQ HD_FIELD_REQUIRED
#define SEARCH HD_FIELD_SEARCH
#define INDEX HD_FIELD_INDEX

/* name, label, type, flags, values, min, max, ref, default */
#define F_STRING(n, l, fl)     { n, l, HD_TYPE_STRING, fl, NULL, 0, HD_STRING_MAX, 0, NULL }
#define F_NAME(n, l, fl)       { n, l, HD_TYPE_STRING, fl, NULL, 0, HD_NAME_MAX, 0, NULL }
#define F_TEXT(n, l, fl)       { n, l, HD_TYPE_TEXT, fl, NULL, 0, HD_TEXT_MAX, 0, NULL }
#define F_INT(n, l, fl, a, b)  { n, l, HD_TYPE_INT, fl, NULL, a, b, 0, NULL }
#define F_BOOL(n, l)           { n, l, HD_TYPE_BOOL, 0, NULL, 0, 0, 0, "false" }
#define F_ENUM(n, l, fl, v, d) { n, l, HD_TYPE_ENUM, fl, v, 0, 0, 0, d }
#define F_SET(n, l, v)         { n, l, HD_TYPE_ENUM_SET, 0, v, 0, 0, 0, NULL }
#define F_TAGS(n, l, fl)       { n, l, HD_TYPE_STRV, fl, NULL, 0, 50, 0, NULL }
#define F_REF(n, l, fl, e)     { n, l, HD_TYPE_REF, (fl) | INDEX, NULL, 0, 0, e, NULL }
#define F_REFS(n, l, e)        { n, l, HD_TYPE_REF_LIST, 0, NULL, 0, 50, e, NULL }
#define F_TS(n, l, fl)         { n, l, HD_TYPE_TIMESTAMP, fl, NULL, 0, 0, 0, NULL }
#define F_DATE(n, l, fl)       { n, l, HD_TYPE_DATE, fl, NULL, 0, 0, 0, NULL }
#define F_TIME(n, l)           { n, l, HD_TYPE_TIME, 0, NULL, 0, 0, 0, NULL }
#define F_URL(n, l)            { n, l, HD_TYPE_URL, 0, NULL, 0, 2000, 0, NULL }
#define F_EMAIL(n, l, fl)      { n, l, HD_TYPE_EMAIL, fl, NULL, 0, 254, 0, NULL }

static const HdField hub_fields[] = {
  F_NAME ("name", N_("Name"), REQ),
  F_STRING ("region", N_("Region"), 0),
  F_ENUM ("kind", N_("Kind"), 0, hub_kinds, "regional"),
  { "timezone", N_("Time zone"), HD_TYPE_TIMEZONE, 0, NULL, 0, 64, 0, "Europe/Berlin" },
};

static const HdField room_fields[] = {
  F_NAME ("name", N_("Name"), REQ),
  F_ENUM ("kind", N_("Kind"), 0, room_kinds, "meeting_room"),
  F_INT ("capacity", N_("Capacity"), REQ, 1, 1000),
  F_TIME ("open_from", N_("Opens at")),
  F_TIME ("open_until", N_("Closes at")),
  F_TEXT ("equipment", N_("Equipment"), 0),
  F_TEXT ("notes", N_("Notes"), 0),
  F_BOOL ("archived", N_("Archived")),
};

static const HdField booking_fields[] = {
  F_REF ("room_id", N_("Room"), REQ, HD_ENTITY_ROOM),
  F_STRING ("title", N_("Title"), 0),
  F_TS ("starts_at", N_("Start"), REQ | INDEX),
  F_TS ("ends_at", N_("End"), REQ),
  F_INT ("seats", N_("Seats"), 0, 1, 1000),
  F_ENUM ("status", N_("Status"), INDEX, booking_statuses, "confirmed"),
  { "recurrence", N_("Repeats"), HD_TYPE_RRULE, 0, NULL, 0, 500, 0, NULL },
  F_REF ("organization_id", N_("Organization"), 0, HD_ENTITY_ORGANIZATION),
  F_REF ("person_id", N_("Person"), 0, HD_ENTITY_PERSON),
  F_REF ("event_id", N_("Event"), 0, HD_ENTITY_EVENT),
  F_TS ("checked_in_at", N_("Checked in at"), 0),
  F_TEXT ("notes", N_("Notes"), 0),
  /* A recurring booking's cancelled occurrences (their starts, UTC); an
   * occurrence moved elsewhere is a booking of its own that names the
   * series and the start it replaces. */
  { "exdates", N_("Cancelled dates"), HD_TYPE_STRV, 0, NULL, 0, 500, 0, NULL },
  F_REF ("series_id", N_("Series"), 0, HD_ENTITY_BOOKING),
  F_TS ("recurrence_id", N_("Replaced occurrence"), 0),
};

static const HdField event_fields[] = {
  F_STRING ("title", N_("Title"), REQ | SEARCH),
  F_ENUM ("format", N_("Format"), INDEX, event_formats, "workshop"),
  F_ENUM ("status", N_("Status"), INDEX, event_statuses, "draft"),
  F_TS ("starts_at", N_("Start"), REQ | INDEX),
  F_TS ("ends_at", N_("End"), REQ),
  F_REF ("room_id", N_("Room"), 0, HD_ENTITY_ROOM),
  F_STRING ("location", N_("Location"), SEARCH),
  F_URL ("online_url", N_("Online link")),
  F_INT ("capacity", N_("Capacity"), 0, 1, 100000),
  F_TEXT ("description", N_("Description"), SEARCH),
  F_REF ("organizer_id", N_("Organizer"), 0, HD_ENTITY_PERSON),
  F_TAGS ("tags", N_("Tags"), SEARCH),
};

static const HdField session_fields[] = {
  F_REF ("event_id", N_("Event"), REQ, HD_ENTITY_EVENT),
  F_STRING ("title", N_("Title"), REQ),
  F_TS ("starts_at", N_("Start"), REQ | INDEX),
  F_TS ("ends_at", N_("End"), REQ),
  F_REF ("room_id", N_("Room"), 0, HD_ENTITY_ROOM),
  F_REFS ("speaker_ids", N_("Speakers"), HD_ENTITY_PERSON),
  F_STRING ("track", N_("Track"), 0),
  F_ENUM ("kind", N_("Kind"), 0, session_kinds, "talk"),
  F_TEXT ("notes", N_("Notes"), 0),
};

static const HdField registration_fields[] = {
  F_REF ("event_id", N_("Event"), REQ, HD_ENTITY_EVENT),
  F_REF ("person_id", N_("Person"), REQ, HD_ENTITY_PERSON),
  F_ENUM ("status", N_("Status"), INDEX, registration_statuses, "registered"),
  F_ENUM ("source", N_("Source"), 0, registration_sources, "web"),
  F_TS ("registered_at", N_("Registered at"), 0),
  F_TS ("checked_in_at", N_("Checked in at"), 0),
  F_TEXT ("notes", N_("Notes"), 0),
};

static const HdField organization_fields[] = {
  F_NAME ("name", N_("Name"), REQ | SEARCH | INDEX),
  F_ENUM ("kind", N_("Kind"), INDEX, organization_kinds, "other"),
  F_STRING ("sector", N_("Sector"), SEARCH),
  F_ENUM ("size_class", N_("Size"), 0, size_classes, "unknown"),
  F_STRING ("register_id", N_("Register number"), SEARCH | INDEX),
  F_STRING ("street", N_("Street"), 0),
  { "postcode", N_("Postcode"), HD_TYPE_STRING, 0, NULL, 0, 16, 0, NULL },
  F_STRING ("city", N_("City"), SEARCH),
  { "country", N_("Country"), HD_TYPE_STRING, 0, NULL, 0, 2, 0, "DE" },
  F_URL ("website", N_("Website")),
  F_EMAIL ("email", N_("Email"), 0),
  { "phone", N_("Phone"), HD_TYPE_STRING, 0, NULL, 0, 50, 0, NULL },
  F_TAGS ("tags", N_("Tags"), SEARCH),
  F_TEXT ("notes", N_("Notes"), 0),
  F_BOOL ("archived", N_("Archived")),
};

static const HdField person_fields[] = {
  F_NAME ("given_name", N_("Given name"), SEARCH),
  F_NAME ("family_name", N_("Family name"), SEARCH | INDEX),
  F_REF ("organization_id", N_("Organization"), 0, HD_ENTITY_ORGANIZATION),
  F_STRING ("job_title", N_("Job title"), SEARCH),
  F_EMAIL ("email", N_("Email"), SEARCH | INDEX),
  { "phone", N_("Phone"), HD_TYPE_STRING, 0, NULL, 0, 50, 0, NULL },
  F_TAGS ("tags", N_("Tags"), SEARCH),
  F_TEXT ("notes", N_("Notes"), 0),
  F_ENUM ("consent", N_("Consent"), 0, consent_states, "none"),
  F_SET ("consent_purposes", N_("Consent purposes"), consent_purposes),
  F_TS ("consent_at", N_("Consent given at"), 0),
  F_STRING ("consent_source", N_("Consent source"), 0),
  F_TEXT ("consent_text", N_("Consent wording"), 0),
  F_BOOL ("archived", N_("Archived")),
};

static const HdField interaction_fields[] = {
  F_ENUM ("kind", N_("Kind"), INDEX, interaction_kinds, "consultation"),
  F_DATE ("occurred_on", N_("Date"), REQ | INDEX),
  F_REF ("organization_id", N_("Organization"), 0, HD_ENTITY_ORGANIZATION),
  F_REF ("person_id", N_("Person"), 0, HD_ENTITY_PERSON),
  F_REF ("event_id", N_("Event"), 0, HD_ENTITY_EVENT),
  F_REF ("partner_organization_id", N_("Partner organization"), 0, HD_ENTITY_ORGANIZATION),
  F_STRING ("topic", N_("Topic"), 0),
  F_TEXT ("summary", N_("Summary"), 0),
  F_ENUM ("outcome", N_("Outcome"), INDEX, interaction_outcomes, "none"),
  F_DATE ("follow_up_on", N_("Follow up on"), INDEX),
};

/* Figures no other record holds, entered by hand for a hub and a month
 * ("YYYY-MM"). One per hub and month: its id is derived from both
 * (hd_hub_figure_id() at the end of this file). */
static const HdField hub_figure_fields[] = {
  { "month", N_("Month"), HD_TYPE_STRING, REQ | INDEX, NULL, 0, 7, 0, NULL },
  F_INT ("social_followers", N_("Social media followers"), 0, 0, 100000000),
  F_INT ("third_party_appearances", N_("Appearances at third-party events"), 0, 0, 100000),
  F_TEXT ("notes", N_("Notes"), 0),
};

#define ENTITY(e, n, l, f, ro) { e, n, l, f, G_N_ELEMENTS (f), ro }

static const HdEntityInfo entities[HD_N_ENTITIES] = {
  ENTITY (HD_ENTITY_HUB, "hub", N_("Hub"), hub_fields, TRUE),
  ENTITY (HD_ENTITY_ROOM, "room", N_("Room"), room_fields, FALSE),
  ENTITY (HD_ENTITY_BOOKING, "booking", N_("Booking"), booking_fields, FALSE),
  ENTITY (HD_ENTITY_EVENT, "event", N_("Event"), event_fields, FALSE),
  ENTITY (HD_ENTITY_SESSION, "session", N_("Session"), session_fields, FALSE),
  ENTITY (HD_ENTITY_REGISTRATION, "registration", N_("Registration"), registration_fields, FALSE),
  ENTITY (HD_ENTITY_ORGANIZATION, "organization", N_("Organization"), organization_fields, FALSE),
  ENTITY (HD_ENTITY_PERSON, "person", N_("Person"), person_fields, FALSE),
  ENTITY (HD_ENTITY_INTERACTION, "interaction", N_("Interaction"), interaction_fields, FALSE),
  ENTITY (HD_ENTITY_HUB_FIGURE, "hub_figure", N_("Hub figures"), hub_figure_fields, FALSE),
};

G_STATIC_ASSERT (G_N_ELEMENTS (organization_fields) <= HD_MAX_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (person_fields) <= HD_MAX_FIELDS);

/* Labels of enum values; the value names are unique across enums where
 * they mean different things. */
static const struct {
  const char *value;
  const char *label;
} enum_labels[] = {
  { "regional", N_("Regional") },
  { "thematic", N_("Thematic") },
  { "meeting_room", N_("Meeting room") },
  { "coworking_area", N_("Coworking area") },
  { "workshop_space", N_("Workshop space") },
  { "event_hall", N_("Event hall") },
  { "maker_space", N_("Maker space") },
  { "office", N_("Office") },
  { "tentative", N_("Tentative") },
  { "confirmed", N_("Confirmed") },
  { "cancelled", N_("Cancelled") },
  { "workshop", N_("Workshop") },
  { "office_hours", N_("Office hours") },
  { "online_seminar", N_("Online seminar") },
  { "networking", N_("Networking") },
  { "talk", N_("Talk") },
  { "hackathon", N_("Hackathon") },
  { "conference", N_("Conference") },
  { "coworking_day", N_("Coworking day") },
  { "other", N_("Other") },
  { "draft", N_("Draft") },
  { "published", N_("Published") },
  { "panel", N_("Panel") },
  { "break", N_("Break") },
  { "registered", N_("Registered") },
  { "waitlisted", N_("Waiting list") },
  { "attended", N_("Attended") },
  { "no_show", N_("No-show") },
  { "web", N_("Web") },
  { "phone", N_("Phone") },
  { "email", N_("Email") },
  { "walk_in", N_("Walk-in") },
  { "import", N_("Import") },
  { "sme", N_("SME") },
  { "startup", N_("Startup") },
  { "large_company", N_("Large company") },
  { "university", N_("University") },
  { "research_institute", N_("Research institute") },
  { "public_body", N_("Public body") },
  { "association", N_("Association") },
  { "micro", N_("Micro") },
  { "small", N_("Small") },
  { "medium", N_("Medium") },
  { "large", N_("Large") },
  { "unknown", N_("Unknown") },
  { "none", N_("None") },
  { "given", N_("Given") },
  { "withdrawn", N_("Withdrawn") },
  { "contact", N_("Contact") },
  { "newsletter", N_("Newsletter") },
  { "event_photos", N_("Event photos") },
  { "data_sharing", N_("Data sharing") },
  { "consultation", N_("Consultation") },
  { "workshop_followup", N_("Workshop follow-up") },
  { "cooperation", N_("Cooperation") },
  { "project", N_("Project") },
  { "call", N_("Call") },
  { "visit", N_("Visit") },
  { "follow_up", N_("Follow-up") },
  { "referred", N_("Referred") },
  { "cooperation_initiated", N_("Cooperation initiated") },
  { "project_started", N_("Project started") },
};

const HdEntityInfo *
hd_entity_info (HdEntity entity)
{
  g_return_val_if_fail (entity < HD_N_ENTITIES, NULL);

  return &entities[entity];
}

const char *
hd_entity_name (HdEntity entity)
{
  g_return_val_if_fail (entity < HD_N_ENTITIES, NULL);

  return entities[entity].name;
}

const char *
hd_entity_label (HdEntity entity)
{
  g_return_val_if_fail (entity < HD_N_ENTITIES, NULL);

  return g_dgettext (GETTEXT_PACKAGE, entities[entity].label);
}

gboolean
hd_entity_from_name (const char *name,
                     HdEntity   *out_entity)
{
  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < HD_N_ENTITIES; i++)
    {
      if (g_str_equal (entities[i].name, name))
        {
          if (out_entity != NULL)
            *out_entity = entities[i].entity;
          return TRUE;
        }
    }

  return FALSE;
}

int
hd_entity_field_index (HdEntity    entity,
                       const char *name)
{
  const HdEntityInfo *info;

  g_return_val_if_fail (entity < HD_N_ENTITIES, -1);

  if (name == NULL)
    return -1;

  info = &entities[entity];
  for (guint i = 0; i < info->n_fields; i++)
    {
      if (g_str_equal (info->fields[i].name, name))
        return (int) i;
    }

  return -1;
}

const HdField *
hd_entity_field (HdEntity entity,
                 guint    index)
{
  g_return_val_if_fail (entity < HD_N_ENTITIES, NULL);
  g_return_val_if_fail (index < entities[entity].n_fields, NULL);

  return &entities[entity].fields[index];
}

gboolean
hd_field_has_value (const HdField *field,
                    const char    *value)
{
  if (field->values == NULL || value == NULL)
    return FALSE;

  return g_strv_contains (field->values, value);
}

const GVariantType *
hd_field_value_type (const HdField *field)
{
  switch (field->type)
    {
    case HD_TYPE_INT:
      return G_VARIANT_TYPE_INT64;
    case HD_TYPE_BOOL:
      return G_VARIANT_TYPE_BOOLEAN;
    case HD_TYPE_ENUM_SET:
    case HD_TYPE_STRV:
    case HD_TYPE_REF_LIST:
      return G_VARIANT_TYPE_STRING_ARRAY;
    case HD_TYPE_STRING:
    case HD_TYPE_TEXT:
    case HD_TYPE_ENUM:
    case HD_TYPE_REF:
    case HD_TYPE_TIMESTAMP:
    case HD_TYPE_DATE:
    case HD_TYPE_TIME:
    case HD_TYPE_URL:
    case HD_TYPE_EMAIL:
    case HD_TYPE_RRULE:
    case HD_TYPE_TIMEZONE:
    default:
      return G_VARIANT_TYPE_STRING;
    }
}

const char *
hd_field_label (const HdField *field)
{
  return g_dgettext (GETTEXT_PACKAGE, field->label);
}

const char *
hd_enum_value_label (const char *value)
{
  if (value == NULL)
    return "";

  for (guint i = 0; i < G_N_ELEMENTS (enum_labels); i++)
    {
      if (g_str_equal (enum_labels[i].value, value))
        return g_dgettext (GETTEXT_PACKAGE, enum_labels[i].label);
    }

  return value;
}

char *
hd_hub_figure_id (const char *hub_id,
                  const char *month)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;

  g_checksum_update (checksum, (const guchar *) "hub_figure\n", -1);
  g_checksum_update (checksum, (const guchar *) hub_id, -1);
  g_checksum_update (checksum, (const guchar *) "\n", -1);
  g_checksum_update (checksum, (const guchar *) month, -1);
  g_checksum_get_digest (checksum, digest, &length);

  digest[6] = (digest[6] & 0x0f) | 0x40;   /* version 4 */
  digest[8] = (digest[8] & 0x3f) | 0x80;   /* RFC 4122 variant */

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3],
                          digest[4], digest[5], digest[6], digest[7],
                          digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}
