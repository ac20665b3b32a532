/* hd-server-push.c — push: exactly-once, per-field merge, rights and
 * invariants, inside the transaction that writes
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For every mutation, in seq order:
 *   1. a seq already seen gets its stored result back, unchanged;
 *   2. the hub comes from the stored record (or, for a new record, from
 *      the mutation); hd_server_authorize() decides, for both hubs when
 *      the record moves;
 *   3. the merge rule of the model (hd_merge_apply()) decides applied,
 *      merged or conflict from the per-field versions: a field changed on
 *      the server since base_version when its "<field>__v" is newer;
 *   4. the merged record is validated, its references must point into its
 *      hub, and the invariants (room and event capacity, sessions inside
 *      their event) are checked against what is stored right now;
 *   5. the record, its per-field versions and its change row are written
 *      and the result is stored with the seq.
 * Nothing is written for a mutation that is not applied or merged.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-server-auth.h"
#include "hd-server-error.h"
#include "hd-server-json.h"
#include "hd-server-push.h"

#define BIT(i) (G_GUINT64_CONSTANT (1) << (i))
#define MAX_LISTED 10

/* Decoding {{{1 */

static void
mutation_free (HdServerMutation *m)
{
  g_free (m->id);
  g_free (m->hub_id);
  g_clear_pointer (&m->changes, hd_record_unref);
  g_free (m->bad_field);
  g_free (m->problem);
  g_clear_pointer (&m->candidate, hd_record_unref);
  g_free (m->candidate_field);
  g_free (m->candidate_problem);
  g_free (m->candidate_fields_json);
  g_free (m);
}

/* The record as it would be made if it is new, checked, with its fields
 * as JSON: work the reader threads do, so the writer does not have to. */
static void
prepare_candidate (HdServerMutation *m)
{
  const HdEntityInfo *info = hd_entity_info (m->entity);
  guint64 present = hd_record_get_present (m->changes);
  g_autoptr(GError) invalid = NULL;
  const char *bad_field = NULL;
  HdRecord *candidate;

  candidate = hd_record_new (m->entity, m->hub_id);
  hd_record_set_id (candidate, m->id);
  for (guint i = 0; i < info->n_fields; i++)
    {
      if (present & (G_GUINT64_CONSTANT (1) << i))
        hd_record_set (candidate, i, hd_record_get (m->changes, i));
    }

  m->candidate = candidate;
  m->candidate_valid = hd_record_validate (candidate, TRUE, &bad_field, &invalid);
  if (!m->candidate_valid)
    {
      m->candidate_field = g_strdup (bad_field);
      m->candidate_problem = g_strdup (invalid->message);
    }
  else
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_node_take_object (node, hd_record_fields_to_json (candidate));
      m->candidate_fields_json = json_to_string (node, FALSE);
    }
}

char *
hd_server_record_doc (const HdRecord *record,
                      const char     *fields_json)
{
  static const char empty_fields[] = "\"fields\":{}}";
  g_autoptr(HdRecord) shell = NULL;
  g_autofree char *envelope = NULL;
  gsize length;

  if (fields_json == NULL || hd_record_get_deleted (record))
    return hd_server_change_doc (record);

  /* The codec writes the envelope (of a record without fields); the
   * fields known already go where its empty "fields" is. */
  shell = hd_record_new_empty (hd_record_get_entity (record), hd_record_get_id (record));
  hd_record_set_hub_id (shell, hd_record_get_hub_id (record));
  hd_record_set_version (shell, hd_record_get_version (record));
  hd_record_set_meta (shell, hd_record_get_created_at (record),
                      hd_record_get_updated_at (record), hd_record_get_updated_by (record));
  envelope = hd_record_to_json_string (shell);
  length = strlen (envelope);

  if (!g_str_has_suffix (envelope, empty_fields))
    return hd_server_change_doc (record);

  envelope[length - 3] = '\0';
  return g_strconcat (envelope, fields_json, "}", NULL);
}

void
hd_server_push_free (HdServerPush *push)
{
  if (push == NULL)
    return;

  g_free (push->client_id);
  g_clear_pointer (&push->mutations, g_ptr_array_unref);
  g_free (push);
}

static gboolean
envelope_error (GError     **error,
                guint        index,
                const char  *member)
{
  g_set_error (error, HD_SERVER_ERROR, HD_SERVER_ERROR_BAD_REQUEST,
               _("Change %u of the request has no valid “%s”."), index + 1, member);
  return FALSE;
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
get_int (JsonObject *object,
         const char *member,
         gint64     *out_value)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *out_value = json_node_get_int (node);
  return TRUE;
}

/* Finds which field of @fields cannot be read, for the rejection. */
static char *
find_bad_field (HdEntity    entity,
                const char *id,
                JsonObject *fields)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, fields);
  while (json_object_iter_next (&iter, &name, &node))
    {
      g_autoptr(JsonObject) single = json_object_new ();
      g_autoptr(HdRecord) record = NULL;

      json_object_set_member (single, name, json_node_copy (node));
      record = hd_record_fields_from_json (entity, id, single, NULL);
      if (record == NULL)
        return g_strdup (name);
    }

  return NULL;
}

static gboolean
decode_mutation (JsonNode          *node,
                 guint              index,
                 HdServerMutation **out_mutation,
                 GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  HdServerMutation *m;
  JsonObject *object;
  JsonNode *fields;
  const char *text;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, HD_SERVER_ERROR, HD_SERVER_ERROR_BAD_REQUEST,
                   _("Change %u of the request is not a JSON object."), index + 1);
      return FALSE;
    }
  object = json_node_get_object (node);

  m = g_new0 (HdServerMutation, 1);
  *out_mutation = m;

  if (!get_int (object, "seq", &m->seq) || m->seq < 1)
    return envelope_error (error, index, "seq");

  text = get_string (object, "entity");
  if (text == NULL)
    return envelope_error (error, index, "entity");
  if (!hd_entity_from_name (text, &m->entity))
    {
      g_set_error (error, HD_SERVER_ERROR, HD_SERVER_ERROR_UNKNOWN_ENTITY,
                   _("Change %u is about “%s”, which is not a kind of record Hubdesk knows."),
                   index + 1, text);
      return FALSE;
    }

  text = get_string (object, "id");
  if (text == NULL || !hd_uuid_is_valid (text))
    return envelope_error (error, index, "id");
  m->id = g_ascii_strdown (text, -1);

  text = get_string (object, "hub_id");
  if (text == NULL || !hd_uuid_is_valid (text))
    return envelope_error (error, index, "hub_id");
  m->hub_id = g_ascii_strdown (text, -1);

  text = get_string (object, "op");
  if (g_strcmp0 (text, "upsert") == 0)
    m->is_delete = FALSE;
  else if (g_strcmp0 (text, "delete") == 0)
    m->is_delete = TRUE;
  else
    return envelope_error (error, index, "op");

  if (!get_int (object, "base_version", &m->base_version) || m->base_version < 0)
    return envelope_error (error, index, "base_version");

  fields = json_object_get_member (object, "fields");
  if (fields != NULL && JSON_NODE_HOLDS_NULL (fields))
    fields = NULL;
  if (fields != NULL && !JSON_NODE_HOLDS_OBJECT (fields))
    return envelope_error (error, index, "fields");
  if (fields == NULL && !m->is_delete)
    return envelope_error (error, index, "fields");

  if (m->is_delete)
    {
      m->changes = hd_record_new_empty (m->entity, m->id);
      hd_record_set_deleted (m->changes, TRUE);
    }
  else
    {
      m->changes = hd_record_fields_from_json (m->entity, m->id,
                                               json_node_get_object (fields),
                                               &local_error);
      if (m->changes == NULL)
        {
          m->bad_field = find_bad_field (m->entity, m->id, json_node_get_object (fields));
          m->problem = g_strdup (local_error->message);
        }
    }

  if (m->changes != NULL)
    {
      hd_record_set_hub_id (m->changes, m->hub_id);
      if (!m->is_delete && !hd_entity_info (m->entity)->read_only)
        prepare_candidate (m);
    }

  return TRUE;
}

HdServerPush *
hd_server_push_decode (const char  *body,
                       gsize        length,
                       GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(HdServerPush) push = NULL;
  JsonObject *object;
  JsonNode *node;
  JsonArray *mutations;
  const char *client_id;
  guint n;

  root = hd_server_parse_object (body, length, error);
  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);

  client_id = get_string (object, "client_id");
  if (client_id == NULL || !hd_uuid_is_valid (client_id))
    {
      g_set_error_literal (error, HD_SERVER_ERROR, HD_SERVER_ERROR_BAD_REQUEST,
                           _("A push needs the “client_id” of the device, a UUID."));
      return NULL;
    }

  node = json_object_get_member (object, "mutations");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, HD_SERVER_ERROR, HD_SERVER_ERROR_BAD_REQUEST,
                           _("A push needs a list of “mutations”."));
      return NULL;
    }
  mutations = json_node_get_array (node);
  n = json_array_get_length (mutations);
  if (n > HD_SERVER_PUSH_MAX_MUTATIONS)
    {
      g_set_error (error, HD_SERVER_ERROR, HD_SERVER_ERROR_BAD_REQUEST,
                   _("A push may hold at most %d changes; send the rest in another one."),
                   HD_SERVER_PUSH_MAX_MUTATIONS);
      return NULL;
    }

  push = g_new0 (HdServerPush, 1);
  push->client_id = g_ascii_strdown (client_id, -1);
  push->mutations = g_ptr_array_new_with_free_func ((GDestroyNotify) mutation_free);

  for (guint i = 0; i < n; i++)
    {
      HdServerMutation *m = NULL;
      gboolean ok = decode_mutation (json_array_get_element (mutations, i), i, &m, error);

      if (m != NULL)
        g_ptr_array_add (push->mutations, m);
      if (!ok)
        return NULL;
    }

  return g_steal_pointer (&push);
}

/* Results {{{1 */

typedef enum {
  RESULT_APPLIED,
  RESULT_MERGED,
  RESULT_CONFLICT,
  RESULT_REJECTED,
} ResultStatus;

typedef struct {
  ResultStatus  status;
  gint64        version;
  char         *doc;           /* the record sent back (JSON); NULL for most rejections */
  guint64       conflicts;
  const char   *reason;        /* invalid, forbidden, room_unavailable, event_full, in_use */
  char         *message;
  JsonNode     *details;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->doc, g_free);
  g_clear_pointer (&r->message, g_free);
  g_clear_pointer (&r->details, json_node_unref);
}

static void
result_set_record (Result         *r,
                   const HdRecord *record)
{
  g_free (r->doc);
  r->doc = hd_server_change_doc (record);
}

static const char *
status_name (ResultStatus status)
{
  switch (status)
    {
    case RESULT_APPLIED:
      return "applied";
    case RESULT_MERGED:
      return "merged";
    case RESULT_CONFLICT:
      return "conflict";
    case RESULT_REJECTED:
    default:
      return "rejected";
    }
}

/* A JSON string literal. */
static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (*p < 0x20 || *p == 0x7f)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

/* The result as stored and sent: built by hand around the record's JSON,
 * which was made once for the feed already. */
static char *
result_to_json (const HdServerMutation *m,
                const Result           *r)
{
  GString *out = g_string_sized_new (256 + (r->doc != NULL ? strlen (r->doc) : 0));

  g_string_append_printf (out, "{\"seq\":%" G_GINT64_FORMAT ",\"status\":\"%s\",\"version\":",
                          m->seq, status_name (r->status));
  if (r->status == RESULT_REJECTED && r->version <= 0)
    g_string_append (out, "null");
  else
    g_string_append_printf (out, "%" G_GINT64_FORMAT, r->version);

  g_string_append (out, ",\"record\":");
  g_string_append (out, r->doc != NULL ? r->doc : "null");

  g_string_append (out, ",\"conflict_fields\":[");
  if (r->status == RESULT_CONFLICT)
    {
      g_auto(GStrv) names = hd_merge_field_names (m->entity, r->conflicts);

      for (guint i = 0; names[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          append_json_string (out, names[i]);
        }
    }
  g_string_append (out, "],\"reason\":");
  if (r->reason != NULL)
    append_json_string (out, r->reason);
  else
    g_string_append (out, "null");

  if (r->status == RESULT_REJECTED)
    {
      g_string_append (out, ",\"message\":");
      append_json_string (out, r->message != NULL ? r->message : "");
      g_string_append (out, ",\"details\":");
      if (r->details != NULL)
        {
          g_autofree char *details = json_to_string (r->details, FALSE);

          g_string_append (out, details);
        }
      else
        g_string_append (out, "{}");
    }

  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

static void
reject (Result     *r,
        const char *reason,
        const char *message,
        JsonNode   *details)
{
  result_clear (r);
  r->status = RESULT_REJECTED;
  r->reason = reason;
  r->message = g_strdup (message);
  r->details = details;
}

static JsonNode *
field_details (const char *field,
               const char *problem)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  if (field != NULL)
    {
      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder, field);
    }
  json_builder_set_member_name (builder, "problem");
  json_builder_add_string_value (builder, problem);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
reject_invalid (Result     *r,
                const char *field,
                const char *problem)
{
  reject (r, "invalid", problem, field_details (field, problem));
}

static void
touch (GHashTable *touched,
       const char *hub_id,
       gint64      version)
{
  gint64 *known = g_hash_table_lookup (touched, hub_id);

  if (known == NULL)
    {
      known = g_new (gint64, 1);
      *known = version;
      g_hash_table_insert (touched, g_strdup (hub_id), known);
    }
  else if (version > *known)
    *known = version;
}

/* Checks {{{1 */

/* Every reference must name a live record of the same hub. */
static gboolean
check_references (HdServerConn    *conn,
                  const HdRecord  *record,
                  Result          *r,
                  GError         **error)
{
  const HdEntityInfo *info = hd_record_get_info (record);
  const char *hub_id = hd_record_get_hub_id (record);

  for (guint i = 0; i < info->n_fields; i++)
    {
      const HdField *field = &info->fields[i];
      GVariant *value = hd_record_get (record, i);
      g_autofree const char **ids = NULL;
      const char *single[2] = { NULL, NULL };
      const char * const *list;

      if (value == NULL || (field->type != HD_TYPE_REF && field->type != HD_TYPE_REF_LIST))
        continue;

      if (field->type == HD_TYPE_REF)
        {
          single[0] = g_variant_get_string (value, NULL);
          list = single;
        }
      else
        {
          ids = g_variant_get_strv (value, NULL);
          list = ids;
        }

      for (guint j = 0; list[j] != NULL; j++)
        {
          gboolean exists = FALSE;

          if (!hd_uuid_is_valid (list[j]))
            exists = FALSE;
          else if (!hd_server_conn_exists_in_hub (conn, field->ref, list[j], hub_id,
                                                  &exists, error))
            return FALSE;

          if (!exists)
            {
              g_autofree char *problem =
                g_strdup_printf (_("“%s” must name a %s of the same hub; %s is none."),
                                 hd_field_label (field), hd_entity_label (field->ref), list[j]);

              reject_invalid (r, field->name, problem);
              return TRUE;
            }
        }
    }

  return TRUE;
}

static JsonNode *
booking_summary (const HdRecord *booking)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  static const char * const fields[] = { "title", "starts_at", "ends_at", "recurrence", "status", NULL };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, hd_record_get_id (booking));
  for (guint i = 0; fields[i] != NULL; i++)
    {
      const char *value = hd_record_get_string (booking, fields[i]);

      json_builder_set_member_name (builder, fields[i]);
      if (value != NULL)
        json_builder_add_string_value (builder, value);
      else
        json_builder_add_null_value (builder);
    }
  json_builder_set_member_name (builder, "seats");
  if (hd_record_get (booking, (guint) hd_entity_field_index (HD_ENTITY_BOOKING, "seats")) != NULL)
    json_builder_add_int_value (builder, hd_record_get_int (booking, "seats", 0));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
reject_room (Result       *r,
             const GError *problem,
             GPtrArray    *clashes,
             gint64        free_seats)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "clashes");
  json_builder_begin_array (builder);
  for (guint i = 0; clashes != NULL && i < clashes->len && i < MAX_LISTED; i++)
    json_builder_add_value (builder, booking_summary (g_ptr_array_index (clashes, i)));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "free_seats");
  json_builder_add_int_value (builder, MAX (free_seats, 0));
  json_builder_end_object (builder);

  reject (r, "room_unavailable", problem->message, json_builder_get_root (builder));
}

static char *
hub_timezone (HdServerConn  *conn,
              const char    *hub_id,
              GError       **error)
{
  g_autoptr(HdServerStored) hub = hd_server_conn_load (conn, HD_ENTITY_HUB, hub_id, error);
  const char *tz = hub != NULL ? hd_record_get_string (hub->record, "timezone") : NULL;

  return g_strdup (tz != NULL ? tz : "Europe/Berlin");
}

static gboolean
check_booking (HdServerConn    *conn,
               const HdRecord  *booking,
               gint64           now,
               Result          *r,
               GError         **error)
{
  g_autoptr(HdServerStored) room = NULL;
  g_autoptr(GPtrArray) bookings = NULL;
  g_autoptr(GPtrArray) clashes = NULL;
  g_autoptr(GError) problem = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *tz = NULL;
  g_autofree char *from = NULL;
  const char *room_id = hd_record_get_string (booking, "room_id");
  const char *status = hd_record_get_string (booking, "status");
  gint64 starts = now, free_seats = 0;

  if (g_strcmp0 (status, "cancelled") == 0 || room_id == NULL)
    return TRUE;

  room = hd_server_conn_load (conn, HD_ENTITY_ROOM, room_id, &local_error);
  if (room == NULL)
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return TRUE;  /* check_references() already said so */
    }

  tz = hub_timezone (conn, hd_record_get_hub_id (booking), error);
  if (tz == NULL)
    return FALSE;

  if (hd_record_get_string (booking, "starts_at") != NULL)
    hd_timestamp_parse (hd_record_get_string (booking, "starts_at"), &starts);
  from = hd_timestamp_format (MIN (starts, now));

  bookings = hd_server_conn_room_bookings (conn, room_id, from, error);
  if (bookings == NULL)
    return FALSE;

  if (!hd_check_room_capacity (room->record, booking, bookings, tz, now,
                               &clashes, &free_seats, &problem))
    reject_room (r, problem, clashes, free_seats);

  return TRUE;
}

/* A room whose capacity shrinks must still hold its bookings. */
static gboolean
check_room (HdServerConn    *conn,
            const HdRecord  *room,
            const HdRecord  *before,
            gint64           now,
            Result          *r,
            GError         **error)
{
  g_autoptr(GPtrArray) bookings = NULL;
  g_autofree char *tz = NULL;
  g_autofree char *from = NULL;
  gint64 capacity = hd_record_get_int (room, "capacity", 0);

  if (before == NULL || capacity >= hd_record_get_int (before, "capacity", 0))
    return TRUE;

  tz = hub_timezone (conn, hd_record_get_hub_id (room), error);
  if (tz == NULL)
    return FALSE;
  from = hd_timestamp_format (now);
  bookings = hd_server_conn_room_bookings (conn, hd_record_get_id (room), from, error);
  if (bookings == NULL)
    return FALSE;

  for (guint i = 0; i < bookings->len; i++)
    {
      g_autoptr(GPtrArray) clashes = NULL;
      g_autoptr(GError) problem = NULL;
      gint64 free_seats = 0;

      if (!hd_check_room_capacity (room, g_ptr_array_index (bookings, i), bookings, tz, now,
                                   &clashes, &free_seats, &problem))
        {
          reject_room (r, problem, clashes, free_seats);
          return TRUE;
        }
    }

  return TRUE;
}

static void
reject_event_full (Result       *r,
                   const GError *problem,
                   gint64        capacity,
                   gint64        taken)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "capacity");
  json_builder_add_int_value (builder, capacity);
  json_builder_set_member_name (builder, "taken");
  json_builder_add_int_value (builder, taken);
  json_builder_end_object (builder);

  reject (r, "event_full", problem->message, json_builder_get_root (builder));
}

static gboolean
check_registration (HdServerConn    *conn,
                    const HdRecord  *registration,
                    Result          *r,
                    GError         **error)
{
  g_autoptr(HdServerStored) event = NULL;
  g_autoptr(GError) problem = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *event_id = hd_record_get_string (registration, "event_id");
  const char *person_id = hd_record_get_string (registration, "person_id");
  gboolean exists = FALSE;
  gint64 taken = 0;

  if (event_id == NULL)
    return TRUE;

  if (person_id != NULL)
    {
      if (!hd_server_conn_registration_exists (conn, event_id, person_id,
                                               hd_record_get_id (registration),
                                               &exists, error))
        return FALSE;
      if (exists)
        {
          reject_invalid (r, "person_id",
                          _("This person is already registered for the event."));
          return TRUE;
        }
    }

  event = hd_server_conn_load (conn, HD_ENTITY_EVENT, event_id, &local_error);
  if (event == NULL)
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return TRUE;
    }

  if (!hd_server_conn_event_taken (conn, event_id, hd_record_get_id (registration),
                                   &taken, error))
    return FALSE;

  if (!hd_check_event_capacity (event->record, taken, registration, &problem))
    reject_event_full (r, problem, hd_record_get_int (event->record, "capacity", 0), taken);

  return TRUE;
}

static gboolean
check_event (HdServerConn    *conn,
             const HdRecord  *event,
             const HdRecord  *before,
             Result          *r,
             GError         **error)
{
  g_autoptr(GPtrArray) sessions = NULL;
  gint64 capacity = hd_record_get_int (event, "capacity", -1);

  if (before == NULL)
    return TRUE;

  if (capacity >= 0 && capacity != hd_record_get_int (before, "capacity", -1))
    {
      gint64 taken = 0;

      if (!hd_server_conn_event_taken (conn, hd_record_get_id (event), NULL, &taken, error))
        return FALSE;
      if (taken > capacity)
        {
          g_autoptr(GError) problem =
            g_error_new (HD_MODEL_ERROR, HD_MODEL_ERROR_EVENT_FULL,
                         _("%lld people already hold a place; the capacity "
                           "cannot be lower than that."), (long long) taken);

          reject_event_full (r, problem, capacity, taken);
          return TRUE;
        }
    }

  if (g_strcmp0 (hd_record_get_string (event, "starts_at"), hd_record_get_string (before, "starts_at")) == 0 &&
      g_strcmp0 (hd_record_get_string (event, "ends_at"), hd_record_get_string (before, "ends_at")) == 0)
    return TRUE;

  sessions = hd_server_conn_event_sessions (conn, hd_record_get_id (event), error);
  if (sessions == NULL)
    return FALSE;

  for (guint i = 0; i < sessions->len; i++)
    {
      g_autoptr(GError) problem = NULL;

      if (!hd_check_session_in_event (g_ptr_array_index (sessions, i), event, &problem))
        {
          reject_invalid (r, "starts_at", problem->message);
          return TRUE;
        }
    }

  return TRUE;
}

static gboolean
check_session (HdServerConn    *conn,
               const HdRecord  *session,
               Result          *r,
               GError         **error)
{
  g_autoptr(HdServerStored) event = NULL;
  g_autoptr(GError) problem = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *event_id = hd_record_get_string (session, "event_id");

  if (event_id == NULL)
    return TRUE;

  event = hd_server_conn_load (conn, HD_ENTITY_EVENT, event_id, &local_error);
  if (event == NULL)
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return TRUE;
    }

  if (!hd_check_session_in_event (session, event->record, &problem))
    reject_invalid (r, "starts_at", problem->message);

  return TRUE;
}

static gboolean
check_invariants (HdServerConn    *conn,
                  const HdRecord  *record,
                  const HdRecord  *before,
                  gint64           now,
                  Result          *r,
                  GError         **error)
{
  switch (hd_record_get_entity (record))
    {
    case HD_ENTITY_BOOKING:
      return check_booking (conn, record, now, r, error);
    case HD_ENTITY_ROOM:
      return check_room (conn, record, before, now, r, error);
    case HD_ENTITY_REGISTRATION:
      return check_registration (conn, record, r, error);
    case HD_ENTITY_EVENT:
      return check_event (conn, record, before, r, error);
    case HD_ENTITY_SESSION:
      return check_session (conn, record, r, error);
    case HD_ENTITY_HUB:
    case HD_ENTITY_ORGANIZATION:
    case HD_ENTITY_PERSON:
    case HD_ENTITY_INTERACTION:
    case HD_N_ENTITIES:
    default:
      return TRUE;
    }
}

static gboolean
check_not_referenced (HdServerConn    *conn,
                      const HdRecord  *record,
                      const char      *hub_id,
                      const char      *message,
                      Result          *r,
                      GError         **error)
{
  g_autoptr(GPtrArray) referrers = NULL;
  g_autoptr(JsonBuilder) builder = NULL;

  referrers = hd_server_conn_referrers (conn, hd_record_get_entity (record),
                                        hd_record_get_id (record), hub_id, MAX_LISTED, error);
  if (referrers == NULL)
    return FALSE;
  if (referrers->len == 0)
    return TRUE;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "referenced_by");
  json_builder_begin_array (builder);
  for (guint i = 0; i < referrers->len; i++)
    {
      const char *item = g_ptr_array_index (referrers, i);
      const char *slash = strchr (item, '/');
      g_autofree char *entity = g_strndup (item, (gsize) (slash - item));

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "entity");
      json_builder_add_string_value (builder, entity);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, slash + 1);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  reject (r, "in_use", message, json_builder_get_root (builder));
  return TRUE;
}

/* One mutation {{{1 */

static guint64
changed_since (const HdServerStored *stored,
               gint64                base_version)
{
  const HdEntityInfo *info = hd_record_get_info (stored->record);
  guint64 mask = 0;

  for (guint i = 0; i < info->n_fields; i++)
    {
      if (stored->field_versions[i] > base_version)
        mask |= BIT (i);
    }

  return mask;
}

static gboolean
apply_delete (HdServerConn            *conn,
              const HdServerMutation  *m,
              HdServerStored          *stored,
              const HdServerUser      *caller,
              gint64                   now,
              GHashTable              *touched,
              Result                  *r,
              GError                 **error)
{
  const HdRecord *current = stored->record;
  const HdEntityInfo *info = hd_record_get_info (current);
  g_autoptr(HdRecord) merged = NULL;
  g_autofree char *stamp = NULL;
  guint64 conflicts = 0;
  HdMergeStatus status;
  gint64 version, previous = hd_record_get_version (current);

  if (hd_record_get_deleted (current))
    {
      r->status = RESULT_APPLIED;
      r->version = hd_record_get_version (current);
      result_set_record (r, current);
      return TRUE;
    }

  status = hd_merge_apply (current, m->changes, changed_since (stored, m->base_version),
                           FALSE, &merged, &conflicts);
  if (status == HD_MERGE_CONFLICT)
    {
      r->status = RESULT_CONFLICT;
      r->version = hd_record_get_version (current);
      result_set_record (r, current);
      r->conflicts = conflicts;
      return TRUE;
    }

  if (!check_not_referenced (conn, current, hd_record_get_hub_id (current),
                             _("Other records still refer to this one. Archive it instead of deleting it."),
                             r, error))
    return FALSE;
  if (r->status == RESULT_REJECTED)
    return TRUE;

  if (!hd_server_conn_next_version (conn, &version, error))
    return FALSE;

  /* A tombstone keeps no personal data. */
  for (guint i = 0; i < info->n_fields; i++)
    {
      hd_record_set (merged, i, NULL);
      stored->field_versions[i] = version;
    }
  hd_record_set_hub_id (merged, hd_record_get_hub_id (current));
  hd_record_set_deleted (merged, TRUE);
  hd_record_set_version (merged, version);
  stamp = hd_timestamp_format (now);
  hd_record_set_meta (merged, hd_record_get_created_at (current), stamp, caller->login);

  g_clear_pointer (&stored->record, hd_record_unref);
  stored->record = hd_record_ref (merged);
  r->doc = hd_server_change_doc (merged);
  if (!hd_server_conn_store_full (conn, stored, previous, NULL, 0, r->doc, now, error))
    return FALSE;

  touch (touched, hd_record_get_hub_id (merged), version);
  r->status = status == HD_MERGE_MERGED ? RESULT_MERGED : RESULT_APPLIED;
  r->version = version;

  return TRUE;
}

static gboolean
apply_upsert (HdServerConn            *conn,
              const HdServerMutation  *m,
              HdServerStored          *stored,
              const HdServerUser      *caller,
              gint64                   now,
              GHashTable              *touched,
              Result                  *r,
              GError                 **error)
{
  const HdRecord *current = stored != NULL ? stored->record : NULL;
  const char *old_hub = current != NULL ? hd_record_get_hub_id (current) : NULL;
  gboolean moving = current != NULL && g_strcmp0 (old_hub, m->hub_id) != 0;
  g_autoptr(HdRecord) merged = NULL;
  g_autoptr(HdServerStored) fresh = NULL;
  g_autoptr(GError) invalid = NULL;
  g_autofree char *stamp = NULL;
  const char *bad_field = NULL;
  HdMergeStatus status = HD_MERGE_APPLIED;
  guint64 conflicts = 0, changed;
  gint64 version, left_version = 0;
  const HdEntityInfo *info = hd_entity_info (m->entity);

  if (current == NULL)
    {
      /* A new record: the schema's defaults, then the client's fields,
       * made and checked on the reader thread already. */
      if (!m->candidate_valid)
        {
          reject_invalid (r, m->candidate_field, m->candidate_problem);
          return TRUE;
        }
      merged = hd_record_ref (m->candidate);
    }
  else
    {
      gboolean remote_deleted = hd_record_get_deleted (current);

      /* The model's rule decides; the merged record is made here, because
       * hd_merge_apply()'s copy keeps one reference too many on each
       * changed value (hd_record_set() takes its own). */
      status = hd_merge_apply (current, m->changes, changed_since (stored, m->base_version),
                               remote_deleted, NULL, &conflicts);
      if (status == HD_MERGE_CONFLICT)
        {
          r->status = RESULT_CONFLICT;
          r->version = hd_record_get_version (current);
          result_set_record (r, current);
          r->conflicts = conflicts;
          return TRUE;
        }
      merged = hd_record_copy (current);
      for (guint i = 0; i < info->n_fields; i++)
        {
          if (hd_record_get_present (m->changes) & BIT (i))
            hd_record_set (merged, i, hd_record_get (m->changes, i));
        }
      hd_record_set_hub_id (merged, m->hub_id);
      hd_record_set_deleted (merged, FALSE);
    }

  if (current != NULL && !hd_record_validate (merged, TRUE, &bad_field, &invalid))
    {
      reject_invalid (r, bad_field, invalid->message);
      return TRUE;
    }

  if (!check_references (conn, merged, r, error))
    return FALSE;
  if (r->status == RESULT_REJECTED)
    return TRUE;

  if (moving)
    {
      if (!check_not_referenced (conn, current, old_hub,
                                 _("Other records of the hub still refer to this one, so it cannot move to another hub."),
                                 r, error))
        return FALSE;
      if (r->status == RESULT_REJECTED)
        return TRUE;
    }

  if (!check_invariants (conn, merged, current, now, r, error))
    return FALSE;
  if (r->status == RESULT_REJECTED)
    return TRUE;

  changed = current != NULL ? hd_record_diff (current, merged) : G_MAXUINT64;
  if (current != NULL && changed == 0 && !moving && !hd_record_get_deleted (current))
    {
      /* Nothing to write: the server already holds these values. */
      r->status = status == HD_MERGE_MERGED ? RESULT_MERGED : RESULT_APPLIED;
      r->version = hd_record_get_version (current);
      result_set_record (r, current);
      return TRUE;
    }

  if (moving && !hd_server_conn_next_version (conn, &left_version, error))
    return FALSE;
  if (!hd_server_conn_next_version (conn, &version, error))
    return FALSE;

  fresh = g_new0 (HdServerStored, 1);
  for (guint i = 0; i < info->n_fields; i++)
    {
      if (current == NULL || hd_record_get_deleted (current) || (changed & BIT (i)))
        fresh->field_versions[i] = version;
      else
        fresh->field_versions[i] = stored->field_versions[i];
    }

  stamp = hd_timestamp_format (now);
  hd_record_set_version (merged, version);
  hd_record_set_meta (merged,
                      current != NULL && hd_record_get_created_at (current) != NULL
                        ? hd_record_get_created_at (current) : stamp,
                      stamp, caller->login);
  fresh->record = hd_record_ref (merged);
  r->doc = current == NULL ? hd_server_record_doc (merged, m->candidate_fields_json)
                           : hd_server_change_doc (merged);

  if (!hd_server_conn_store_full (conn, fresh, current != NULL ? hd_record_get_version (current) : 0,
                                  moving ? old_hub : NULL, left_version, r->doc, now, error))
    return FALSE;

  touch (touched, m->hub_id, version);
  if (moving)
    touch (touched, old_hub, left_version);

  r->status = status == HD_MERGE_MERGED ? RESULT_MERGED : RESULT_APPLIED;
  r->version = version;

  return TRUE;
}

static gboolean
apply_mutation (HdServerConn            *conn,
                const HdServerMutation  *m,
                const HdServerUser      *caller,
                gint64                   now,
                GHashTable              *touched,
                Result                  *r,
                GError                 **error)
{
  g_autoptr(HdServerStored) stored = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) denied = NULL;

  if (m->changes == NULL)
    {
      reject_invalid (r, m->bad_field, m->problem);
      return TRUE;
    }

  stored = hd_server_conn_load (conn, m->entity, m->id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* The hub of a stored record is the stored one, never the body's. */
  if (!hd_server_authorize (caller, HD_SERVER_RIGHT_WRITE,
                            stored != NULL ? hd_record_get_hub_id (stored->record) : m->hub_id,
                            m->entity, &denied) ||
      (stored != NULL && !m->is_delete &&
       g_strcmp0 (hd_record_get_hub_id (stored->record), m->hub_id) != 0 &&
       !hd_server_authorize (caller, HD_SERVER_RIGHT_WRITE, m->hub_id, m->entity, &denied)))
    {
      reject (r, "forbidden", denied->message, NULL);
      return TRUE;
    }

  if (m->is_delete)
    {
      if (stored == NULL)
        {
          reject_invalid (r, NULL, _("There is no such record to delete."));
          return TRUE;
        }
      return apply_delete (conn, m, stored, caller, now, touched, r, error);
    }

  return apply_upsert (conn, m, stored, caller, now, touched, r, error);
}

/* The push {{{1 */

static gboolean
sequence_gap (GError    **error,
              JsonNode  **out_details,
              gint64      expected)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "expected_seq");
  json_builder_add_int_value (builder, expected);
  json_builder_end_object (builder);
  *out_details = json_builder_get_root (builder);

  g_set_error (error, HD_SERVER_ERROR, HD_SERVER_ERROR_SEQUENCE_GAP,
               _("Changes are missing before this one: the server expected change number %lld."),
               (long long) expected);
  return FALSE;
}

char *
hd_server_push_run (HdServerPush        *push,
                    HdServerConn        *conn,
                    const HdServerUser  *caller,
                    gint64               now,
                    GHashTable          *touched,
                    JsonNode           **out_details,
                    GError             **error)
{
  g_autofree char *owner = NULL;
  g_autoptr(GString) out = g_string_sized_new (1024);
  gint64 last_seq = 0, expected;

  *out_details = NULL;

  if (!hd_server_authorize (caller, HD_SERVER_RIGHT_SESSION, NULL, HD_ENTITY_HUB, error))
    return NULL;

  if (!hd_server_conn_get_client (conn, push->client_id, &owner, &last_seq, error))
    return NULL;

  if (owner != NULL && g_strcmp0 (owner, caller->id) != 0)
    {
      g_set_error_literal (error, HD_SERVER_ERROR, HD_SERVER_ERROR_FORBIDDEN,
                           _("This device identifier belongs to another user."));
      return NULL;
    }

  /* The seqs must follow one another, starting at most one past the
   * last one seen. */
  expected = last_seq + 1;
  for (guint i = 0; i < push->mutations->len; i++)
    {
      HdServerMutation *m = g_ptr_array_index (push->mutations, i);

      if (i == 0 ? m->seq > expected : m->seq != expected)
        {
          sequence_gap (error, out_details, expected);
          return NULL;
        }
      expected = m->seq + 1;
    }

  g_string_append (out, "{\"results\":[");

  for (guint i = 0; i < push->mutations->len; i++)
    {
      HdServerMutation *m = g_ptr_array_index (push->mutations, i);
      g_autofree char *json = NULL;

      if (i > 0)
        g_string_append_c (out, ',');

      if (m->seq <= last_seq)
        {
          g_autoptr(GError) local_error = NULL;

          json = hd_server_conn_get_result (conn, push->client_id, m->seq, &local_error);
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          if (json == NULL)
            {
              g_set_error_literal (error, HD_SERVER_ERROR, HD_SERVER_ERROR_RESET_REQUIRED,
                                   _("The server no longer knows the outcome of these old "
                                     "changes. The device must load its data again."));
              return NULL;
            }
        }
      else
        {
          Result r = { 0, };

          if (!apply_mutation (conn, m, caller, now, touched, &r, error))
            {
              result_clear (&r);
              return NULL;
            }

          json = result_to_json (m, &r);
          result_clear (&r);

          if (!hd_server_conn_put_result (conn, push->client_id, m->seq, now, json, error))
            return NULL;
          last_seq = m->seq;
        }

      g_string_append (out, json);
    }

  g_string_append (out, "]}");

  if (push->mutations->len > 0 &&
      !hd_server_conn_set_client (conn, push->client_id, caller->id, last_seq, error))
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}
