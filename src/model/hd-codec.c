/* hd-codec.c — records to and from JSON, with the guards of the protocol
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-codec.h"
#include "hd-error.h"

gboolean
hd_json_check (const char  *data,
               gsize        length,
               gsize        max_size,
               GError     **error)
{
  guint depth = 0;
  gboolean in_string = FALSE;
  gboolean top_seen = FALSE;   /* a value started at the top level */
  gboolean top_ended = FALSE;  /* … and ended: nothing but space may follow */

  if (data == NULL)
    length = 0;

  if (length > max_size)
    {
      g_set_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_TOO_LARGE,
                   _("The document is too large: at most %lu bytes are allowed."),
                   (unsigned long) max_size);
      return FALSE;
    }

  if (length == 0)
    {
      g_set_error_literal (error, HD_MODEL_ERROR, HD_MODEL_ERROR_SYNTAX,
                           _("The document is empty."));
      return FALSE;
    }

  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, HD_MODEL_ERROR, HD_MODEL_ERROR_ENCODING,
                           _("The document is not valid UTF-8."));
      return FALSE;
    }

  /* Count nesting outside of strings; json-glib itself would recurse
   * without limit. */
  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            {
              in_string = FALSE;
              if (depth == 0)
                top_ended = TRUE;
            }
          continue;
        }

      /* One value only: json-glib would silently take "5 {…}" or "{}{}". */
      if (depth == 0)
        {
          gboolean space = c == ' ' || c == '\t' || c == '\n' || c == '\r';

          if (space)
            top_ended = top_seen;
          else if (top_ended || (top_seen && (c == '[' || c == '{' || c == '"')))
            {
              g_set_error_literal (error, HD_MODEL_ERROR, HD_MODEL_ERROR_SYNTAX,
                                   _("The document is not valid JSON: it holds more than one value."));
              return FALSE;
            }
          else
            top_seen = TRUE;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > HD_JSON_MAX_DEPTH)
            {
              g_set_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_TOO_DEEP,
                           _("The document is nested too deeply: at most %d levels are allowed."),
                           HD_JSON_MAX_DEPTH);
              return FALSE;
            }
          break;
        case ']':
        case '}':
          if (depth > 0 && --depth == 0)
            top_ended = TRUE;
          break;
        case '\0':
          g_set_error_literal (error, HD_MODEL_ERROR, HD_MODEL_ERROR_SYNTAX,
                               _("The document contains a NUL byte."));
          return FALSE;
        case '\'':
          /* json-glib would take single-quoted strings; JSON does not */
          g_set_error_literal (error, HD_MODEL_ERROR, HD_MODEL_ERROR_SYNTAX,
                               _("The document is not valid JSON: text must be in double quotes."));
          return FALSE;
        default:
          break;
        }
    }

  return TRUE;
}

JsonNode *
hd_json_parse (const char  *data,
               gsize        length,
               GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (!hd_json_check (data, length, HD_JSON_MAX_SIZE, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      g_set_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_SYNTAX,
                   _("The document is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, HD_MODEL_ERROR, HD_MODEL_ERROR_SYNTAX,
                           _("The document is empty."));
      return NULL;
    }

  return json_node_ref (root);
}

static JsonNode *
value_to_json (GVariant *value)
{
  JsonNode *node;

  if (value == NULL)
    return json_node_new (JSON_NODE_NULL);

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, g_variant_get_string (value, NULL));
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_int (node, g_variant_get_int64 (value));
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_boolean (node, g_variant_get_boolean (value));
    }
  else
    {
      JsonArray *array = json_array_new ();
      GVariantIter iter;
      const char *item;

      g_variant_iter_init (&iter, value);
      while (g_variant_iter_next (&iter, "&s", &item))
        json_array_add_string_element (array, item);

      node = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (node, array);
    }

  return node;
}

JsonObject *
hd_record_fields_to_json (const HdRecord *record)
{
  const HdEntityInfo *info = hd_record_get_info (record);
  JsonObject *object = json_object_new ();

  for (guint i = 0; i < info->n_fields; i++)
    {
      if (hd_record_has (record, i))
        json_object_set_member (object, info->fields[i].name,
                                value_to_json (hd_record_get (record, i)));
    }

  return object;
}

static gboolean
wrong_type (GError        **error,
            const HdField  *field,
            const char     *expected)
{
  g_set_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_WRONG_TYPE,
               /* Translators: the first is a field, the second what it takes,
                * e.g. “Capacity” must be a number. */
               _("“%s” must be %s."), hd_field_label (field), expected);
  return FALSE;
}

static GVariant *
json_to_value (const HdField  *field,
               JsonNode       *node,
               GError        **error)
{
  const GVariantType *type = hd_field_value_type (field);

  if (g_variant_type_equal (type, G_VARIANT_TYPE_STRING))
    {
      const char *text;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return wrong_type (error, field, _("text")), NULL;
      text = json_node_get_string (node);
      if (text == NULL || !g_utf8_validate (text, -1, NULL))
        {
          g_set_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_ENCODING,
                       _("“%s” contains text that is not valid UTF-8."), hd_field_label (field));
          return NULL;
        }
      return g_variant_new_string (text);
    }

  if (g_variant_type_equal (type, G_VARIANT_TYPE_INT64))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        return wrong_type (error, field, _("a whole number")), NULL;
      return g_variant_new_int64 (json_node_get_int (node));
    }

  if (g_variant_type_equal (type, G_VARIANT_TYPE_BOOLEAN))
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return wrong_type (error, field, _("true or false")), NULL;
      return g_variant_new_boolean (json_node_get_boolean (node));
    }

  /* a list of strings */
  {
    JsonArray *array;
    GVariantBuilder builder;
    guint n;

    if (!JSON_NODE_HOLDS_ARRAY (node))
      return wrong_type (error, field, _("a list of texts")), NULL;

    array = json_node_get_array (node);
    n = json_array_get_length (array);
    g_variant_builder_init (&builder, G_VARIANT_TYPE_STRING_ARRAY);
    for (guint i = 0; i < n; i++)
      {
        JsonNode *item = json_array_get_element (array, i);
        const char *text;

        if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
          {
            g_variant_builder_clear (&builder);
            return wrong_type (error, field, _("a list of texts")), NULL;
          }
        text = json_node_get_string (item);
        if (text == NULL || !g_utf8_validate (text, -1, NULL))
          {
            g_variant_builder_clear (&builder);
            g_set_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_ENCODING,
                         _("“%s” contains text that is not valid UTF-8."), hd_field_label (field));
            return NULL;
          }
        g_variant_builder_add (&builder, "s", text);
      }

    return g_variant_builder_end (&builder);
  }
}

HdRecord *
hd_record_fields_from_json (HdEntity     entity,
                            const char  *id,
                            JsonObject  *fields,
                            GError     **error)
{
  g_autoptr(HdRecord) record = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  g_return_val_if_fail (entity < HD_N_ENTITIES, NULL);
  g_return_val_if_fail (fields != NULL, NULL);

  record = hd_record_new_empty (entity, id);

  json_object_iter_init (&iter, fields);
  while (json_object_iter_next (&iter, &name, &node))
    {
      int index = hd_entity_field_index (entity, name);
      GVariant *value = NULL;

      if (index < 0)
        {
          g_set_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_UNKNOWN_FIELD,
                       _("“%s” is not a field of %s."), name,
                       hd_entity_label (entity));
          return NULL;
        }

      if (!JSON_NODE_HOLDS_NULL (node))
        {
          value = json_to_value (hd_entity_field (entity, index), node, error);
          if (value == NULL)
            return NULL;
        }

      hd_record_set (record, index, value);
    }

  return g_steal_pointer (&record);
}

JsonNode *
hd_record_to_json (const HdRecord *record)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  JsonNode *node;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "entity");
  json_builder_add_string_value (builder, hd_entity_name (hd_record_get_entity (record)));
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, hd_record_get_id (record));
  if (hd_record_get_hub_id (record) != NULL)
    {
      json_builder_set_member_name (builder, "hub_id");
      json_builder_add_string_value (builder, hd_record_get_hub_id (record));
    }
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, hd_record_get_version (record));
  json_builder_set_member_name (builder, "deleted");
  json_builder_add_boolean_value (builder, hd_record_get_deleted (record));

#define META(name, getter)                                      \
  if (getter (record) != NULL)                                  \
    {                                                           \
      json_builder_set_member_name (builder, name);             \
      json_builder_add_string_value (builder, getter (record)); \
    }
  META ("created_at", hd_record_get_created_at)
  META ("updated_at", hd_record_get_updated_at)
  META ("updated_by", hd_record_get_updated_by)
#undef META

  json_builder_set_member_name (builder, "fields");
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, hd_record_fields_to_json (record));
  json_builder_add_value (builder, node);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static const char *
member_string (JsonObject  *object,
               const char  *name,
               gboolean     required,
               gboolean    *ok,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        {
          g_set_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_REQUIRED,
                       _("The record has no “%s”."), name);
          *ok = FALSE;
        }
      return NULL;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_WRONG_TYPE,
                   _("The record’s “%s” must be text."), name);
      *ok = FALSE;
      return NULL;
    }

  return json_node_get_string (node);
}

HdRecord *
hd_record_from_json (JsonNode  *node,
                     GError   **error)
{
  static const char * const members[] = {
    "entity", "id", "hub_id", "version", "deleted", "created_at",
    "updated_at", "updated_by", "fields", NULL
  };
  g_autoptr(HdRecord) record = NULL;
  JsonObject *object;
  JsonNode *member;
  JsonObjectIter iter;
  const char *name;
  const char *entity_name, *id, *hub_id;
  const char *created_at, *updated_at, *updated_by;
  gboolean ok = TRUE;
  HdEntity entity;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, HD_MODEL_ERROR, HD_MODEL_ERROR_WRONG_TYPE,
                           _("A record must be a JSON object."));
      return NULL;
    }

  object = json_node_get_object (node);

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &member))
    {
      if (!g_strv_contains (members, name))
        {
          g_set_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_UNKNOWN_FIELD,
                       _("A record has no member “%s”."), name);
          return NULL;
        }
    }

  entity_name = member_string (object, "entity", TRUE, &ok, error);
  if (!ok)
    return NULL;
  if (!hd_entity_from_name (entity_name, &entity))
    {
      g_set_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_UNKNOWN_ENTITY,
                   _("“%s” is not a kind of record Hubdesk knows."), entity_name);
      return NULL;
    }

  id = member_string (object, "id", TRUE, &ok, error);
  if (ok)
    hub_id = member_string (object, "hub_id", FALSE, &ok, error);
  if (ok)
    created_at = member_string (object, "created_at", FALSE, &ok, error);
  if (ok)
    updated_at = member_string (object, "updated_at", FALSE, &ok, error);
  if (ok)
    updated_by = member_string (object, "updated_by", FALSE, &ok, error);
  if (!ok)
    return NULL;

  if (!hd_uuid_is_valid (id))
    {
      g_set_error_literal (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID,
                           _("The record has no valid id."));
      return NULL;
    }

  member = json_object_get_member (object, "fields");
  if (member == NULL || !JSON_NODE_HOLDS_OBJECT (member))
    {
      g_set_error_literal (error, HD_MODEL_ERROR, HD_MODEL_ERROR_WRONG_TYPE,
                           _("The record’s “fields” must be a JSON object."));
      return NULL;
    }

  record = hd_record_fields_from_json (entity, id, json_node_get_object (member), error);
  if (record == NULL)
    return NULL;

  hd_record_set_hub_id (record, hub_id);
  hd_record_set_meta (record, created_at, updated_at, updated_by);

  member = json_object_get_member (object, "version");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_INT64 ||
          json_node_get_int (member) < 0)
        {
          g_set_error_literal (error, HD_MODEL_ERROR, HD_MODEL_ERROR_WRONG_TYPE,
                               _("The record’s “version” must be a whole number."));
          return NULL;
        }
      hd_record_set_version (record, json_node_get_int (member));
    }

  member = json_object_get_member (object, "deleted");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_BOOLEAN)
        {
          g_set_error_literal (error, HD_MODEL_ERROR, HD_MODEL_ERROR_WRONG_TYPE,
                               _("The record’s “deleted” must be true or false."));
          return NULL;
        }
      hd_record_set_deleted (record, json_node_get_boolean (member));
    }

  return g_steal_pointer (&record);
}

char *
hd_record_to_json_string (const HdRecord *record)
{
  g_autoptr(JsonNode) node = hd_record_to_json (record);

  return json_to_string (node, FALSE);
}

HdRecord *
hd_record_from_json_string (const char  *data,
                            gsize        length,
                            GError     **error)
{
  g_autoptr(JsonNode) node = hd_json_parse (data, length, error);

  if (node == NULL)
    return NULL;

  return hd_record_from_json (node, error);
}
