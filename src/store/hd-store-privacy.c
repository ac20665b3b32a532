/* hd-store-privacy.c — what the GDPR asks of a contact database: access and erasure
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "hd-codec.h"
#include "hd-store-privacy.h"

/* The person's fields an erasure removes: all but the family name (which
 * becomes the marker), consent (which becomes "none") and archived. */
static const char * const personal_fields[] = {
  "given_name", "organization_id", "job_title", "email", "phone", "tags", "notes",
  "consent_purposes", "consent_at", "consent_source", "consent_text", NULL
};

/* Free text in records about the person. */
static const struct {
  HdEntity    entity;
  const char *field;
} free_text[] = {
  { HD_ENTITY_INTERACTION, "summary" },
  { HD_ENTITY_REGISTRATION, "notes" },
  { HD_ENTITY_BOOKING, "notes" },
};

typedef void (*RefFunc) (HdRecord   *record,
                         const char *field,
                         gpointer    user_data);

/* Calls @func for every live record referring to @person_id. */
static gboolean
each_reference (HdStore     *store,
                const char  *hub_id,
                const char  *person_id,
                RefFunc      func,
                gpointer     user_data,
                GError     **error)
{
  for (guint e = 0; e < HD_N_ENTITIES; e++)
    {
      const HdEntityInfo *info = hd_entity_info ((HdEntity) e);

      for (guint f = 0; f < info->n_fields; f++)
        {
          const HdField *field = &info->fields[f];
          HdQuery query = { 0, };
          g_autoptr(GPtrArray) refs = NULL;

          if ((field->type != HD_TYPE_REF && field->type != HD_TYPE_REF_LIST) ||
              field->ref != HD_ENTITY_PERSON)
            continue;
          query.entity = (HdEntity) e;
          query.hub_id = hub_id;
          query.ref_field = field->name;
          query.ref_id = person_id;
          query.include_archived = TRUE;
          refs = hd_store_query (store, &query, error);
          if (refs == NULL)
            return FALSE;
          for (guint i = 0; i < refs->len; i++)
            func (refs->pdata[i], field->name, user_data);
        }
    }
  return TRUE;
}

typedef struct {
  HdStore    *store;
  JsonObject *groups;   /* entity name → array */
} Report;

static void
report_add (HdRecord   *record,
            const char *field,
            gpointer    user_data)
{
  Report *report = user_data;
  const char *name = hd_entity_name (hd_record_get_entity (record));
  JsonArray *array;
  JsonNode *node = hd_record_to_json (record);
  JsonObject *object = json_node_get_object (node);

  if (!json_object_has_member (report->groups, name))
    json_object_set_array_member (report->groups, name, json_array_new ());
  array = json_object_get_array_member (report->groups, name);

  json_object_set_string_member (object, "refers_by", field);
  /* A registration says little without its event. */
  if (hd_record_get_entity (record) == HD_ENTITY_REGISTRATION ||
      (hd_record_get_entity (record) == HD_ENTITY_SESSION))
    {
      const char *event_id = hd_record_get_string (record, "event_id");
      g_autoptr(HdRecord) event = event_id != NULL ? hd_store_get (report->store, HD_ENTITY_EVENT, event_id, NULL) : NULL;

      if (event != NULL)
        {
          JsonObject *summary = json_object_new ();

          json_object_set_string_member (summary, "title", hd_record_get_string (event, "title"));
          json_object_set_string_member (summary, "starts_at", hd_record_get_string (event, "starts_at"));
          json_object_set_object_member (object, "event", summary);
        }
    }
  json_array_add_element (array, node);
}

char *
hd_store_person_report (HdStore     *store,
                        const char  *person_id,
                        GError     **error)
{
  g_autoptr(HdRecord) person = hd_store_get (store, HD_ENTITY_PERSON, person_id, error);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *now = hd_timestamp_now ();
  JsonObject *object;
  Report report;
  const char *org_id;

  if (person == NULL)
    return NULL;

  root = json_node_new (JSON_NODE_OBJECT);
  object = json_object_new ();
  json_node_take_object (root, object);
  json_object_set_string_member (object, "exported_at", now);
  json_object_set_member (object, "person", hd_record_to_json (person));

  org_id = hd_record_get_string (person, "organization_id");
  if (org_id != NULL)
    {
      g_autoptr(HdRecord) org = hd_store_get (store, HD_ENTITY_ORGANIZATION, org_id, NULL);

      if (org != NULL)
        {
          JsonObject *summary = json_object_new ();

          json_object_set_string_member (summary, "id", org_id);
          json_object_set_string_member (summary, "name", hd_record_get_string (org, "name"));
          json_object_set_object_member (object, "organization", summary);
        }
    }

  report.store = store;
  report.groups = json_object_new ();
  json_object_set_object_member (object, "referring_records", report.groups);
  if (!each_reference (store, hd_record_get_hub_id (person), person_id, report_add, &report, error))
    return NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

typedef struct {
  GPtrArray  *saves;
  GHashTable *seen;
} Erase;

static void
erase_add (HdRecord   *record,
           const char *field,
           gpointer    user_data)
{
  Erase *erase = user_data;
  HdEntity entity = hd_record_get_entity (record);
  g_autoptr(HdRecord) copy = NULL;
  gboolean changed = FALSE;

  if (g_hash_table_contains (erase->seen, hd_record_get_id (record)))
    return;
  copy = hd_record_copy (record);
  for (guint i = 0; i < G_N_ELEMENTS (free_text); i++)
    {
      if (free_text[i].entity == entity && hd_record_get_string (copy, free_text[i].field) != NULL)
        {
          hd_record_set_null (copy, free_text[i].field);
          changed = TRUE;
        }
    }
  if (changed)
    {
      g_hash_table_add (erase->seen, g_strdup (hd_record_get_id (record)));
      g_ptr_array_add (erase->saves, g_steal_pointer (&copy));
    }
}

gint64
hd_store_erase_person (HdStore     *store,
                       const char  *person_id,
                       const char  *marker,
                       GError     **error)
{
  g_autoptr(HdRecord) person = hd_store_get (store, HD_ENTITY_PERSON, person_id, error);
  g_autoptr(GPtrArray) saves = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Erase erase = { saves, seen };

  if (person == NULL)
    return -1;

  for (guint i = 0; personal_fields[i] != NULL; i++)
    hd_record_set_null (person, personal_fields[i]);
  hd_record_set_string (person, "family_name", marker);
  hd_record_set_string (person, "consent", "none");
  hd_record_set_bool (person, "archived", TRUE);
  g_ptr_array_add (saves, hd_record_ref (person));

  if (!each_reference (store, hd_record_get_hub_id (person), person_id, erase_add, &erase, error))
    return -1;

  if (!hd_store_write_many (store, saves, NULL, NULL, NULL, error))
    return -1;
  return saves->len;
}
