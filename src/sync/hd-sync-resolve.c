/* hd-sync-resolve.c — carrying out the person's decisions on conflicts
 * and rejections
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A decision is first written down as a plan in the ledger, then carried
 * out in steps that are each safe to repeat: the record goes back to the
 * server's copy (no outbox entry), then the outcome is saved through the
 * store like any edit, which writes the new outbox entry based on the
 * server's version. After a crash, resolving again finds the plan and
 * finishes it the same way.
 *
 * Plans: {"action": "save", "record": {…}} saves that record;
 * {"action": "delete"} deletes the record again; {"action": "accept"}
 * keeps the server's copy; {"action": "recreate", "record": {…}} makes a
 * new record from the local one (the server deleted the old one);
 * {"action": "resend", "record": {…}} saves a rejected record as it is,
 * which the store sends whole (every field that differs from the
 * server's copy).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-sync-pass.h"

/* The newest server copy we know: the store's base, or the ledger's. */
static HdRecord *
latest_server_copy (HdStore        *store,
                    HdEntity        entity,
                    const char     *id,
                    const HdRecord *from_ledger)
{
  g_autoptr(HdRecord) base = hd_store_get_base (store, entity, id, NULL);

  if (from_ledger != NULL &&
      (base == NULL || hd_record_get_version (from_ledger) > hd_record_get_version (base)))
    return hd_record_copy (from_ledger);

  return g_steal_pointer (&base);
}

/* Makes the local record the server's copy again, without an outbox
 * entry. Fields of later, still pending outbox entries stay on top. A
 * record the server never had becomes LOCAL (never offered), so that a
 * save carries all its fields and a delete removes it quietly. */
static gboolean
revert_to_server (HdStore     *store,
                  HdEntity     entity,
                  const char  *id,
                  HdRecord    *server,
                  GError     **error)
{
  g_autoptr(GPtrArray) records = NULL;

  if (server == NULL)
    {
      g_autoptr(HdRecord) current = hd_store_get (store, entity, id, NULL);

      /* Already gone (a repeated plan): nothing to revert. */
      if (current == NULL)
        return TRUE;
      return hd_store_set_sync_state (store, entity, id, HD_SYNC_LOCAL, NULL, error);
    }

  if (!hd_store_set_sync_state (store, entity, id, HD_SYNC_SYNCED, NULL, error))
    return FALSE;

  records = g_ptr_array_new ();
  g_ptr_array_add (records, server);
  return hd_store_apply_pulled (store, records, NULL, error);
}

static char *
make_plan (const char     *action,
           const HdRecord *record)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "action");
  json_builder_add_string_value (builder, action);
  if (record != NULL)
    {
      json_builder_set_member_name (builder, "record");
      json_builder_add_value (builder, hd_record_to_json (record));
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

static gboolean
read_plan (const char  *plan,
           char       **out_action,
           HdRecord   **out_record,
           GError     **error)
{
  g_autoptr(JsonNode) root = hd_json_parse (plan, strlen (plan), error);
  JsonObject *object;
  JsonNode *record;
  const char *action;

  *out_record = NULL;
  if (root == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    goto bad;

  object = json_node_get_object (root);
  action = json_object_get_string_member_with_default (object, "action", NULL);
  if (action == NULL)
    goto bad;
  record = json_object_get_member (object, "record");
  if (record != NULL)
    {
      *out_record = hd_record_from_json (record, error);
      if (*out_record == NULL)
        return FALSE;
    }
  *out_action = g_strdup (action);
  return TRUE;

bad:
  g_set_error_literal (error, HD_SYNC_ERROR, HD_SYNC_ERROR_FAILED,
                       _("A decision on a conflict could not be read back."));
  return FALSE;
}

/* Carries out a plan; every step may run twice. */
static gboolean
carry_out (HdStore     *store,
           HdEntity     entity,
           const char  *id,
           HdRecord    *server,
           const char  *plan,
           GError     **error)
{
  g_autofree char *action = NULL;
  g_autoptr(HdRecord) record = NULL;

  if (!read_plan (plan, &action, &record, error))
    return FALSE;

  if (g_str_equal (action, "resend") && record != NULL)
    {
      /* Saving a REJECTED record sends every field that differs from the
       * server's copy; once saved it is PENDING, and a repeated plan
       * saves it unchanged, which writes nothing. */
      return hd_store_save (store, record, error);
    }

  if (g_str_equal (action, "recreate"))
    {
      g_autoptr(HdRecord) existing = NULL;

      /* The old record follows the server (deleted); the local values
       * live on in a new record. */
      if (!revert_to_server (store, entity, id, server, error))
        return FALSE;
      existing = hd_store_get (store, entity, hd_record_get_id (record), NULL);
      if (existing != NULL)
        return TRUE;
      return hd_store_save (store, record, error);
    }

  if (!revert_to_server (store, entity, id, server, error))
    return FALSE;

  if (g_str_equal (action, "accept"))
    return TRUE;

  if (g_str_equal (action, "delete"))
    {
      g_autoptr(HdRecord) current = hd_store_get (store, entity, id, NULL);

      if (current == NULL || hd_record_get_deleted (current))
        return TRUE;
      return hd_store_delete (store, entity, id, error);
    }

  if (g_str_equal (action, "save") && record != NULL)
    {
      g_autoptr(HdRecord) current = NULL;

      /* Never on the server: a LOCAL record sends all its fields with its
       * next edit, but saving it unchanged sends nothing. Then it goes
       * and comes back as new. */
      if (server == NULL)
        current = hd_store_get (store, entity, id, NULL);
      if (current != NULL && hd_record_diff (current, record) == 0 &&
          g_strcmp0 (hd_record_get_hub_id (current), hd_record_get_hub_id (record)) == 0 &&
          !hd_store_delete (store, entity, id, error))
        return FALSE;

      return hd_store_save (store, record, error);
    }

  g_set_error_literal (error, HD_SYNC_ERROR, HD_SYNC_ERROR_FAILED,
                       _("A decision on a conflict could not be read back."));
  return FALSE;
}

/* A record to save anew: no server meta, not deleted. */
static void
strip_meta (HdRecord *record)
{
  hd_record_set_version (record, 0);
  hd_record_set_deleted (record, FALSE);
  hd_record_set_meta (record, NULL, NULL, NULL);
}

static char *
plan_for_conflict (HdStore               *store,
                   const HdSyncConflict  *conflict,
                   HdRecord              *server,
                   HdSyncResolution       how,
                   const HdRecord        *edited,
                   GError               **error)
{
  const HdEntityInfo *info = hd_entity_info (conflict->entity);
  g_autoptr(HdRecord) current = NULL;
  g_autoptr(HdRecord) target = NULL;
  gboolean server_deleted = server != NULL && hd_record_get_deleted (server);

  /* The local side deleted, the server edited. */
  if (conflict->local_delete && !server_deleted)
    return make_plan (how == HD_SYNC_RESOLVE_MINE ? "delete" : "accept", NULL);

  if (server_deleted)
    {
      if (how == HD_SYNC_RESOLVE_THEIRS || conflict->local_delete)
        return make_plan ("accept", NULL);

      /* Keep mine: the server cannot bring the record back, so the local
       * values, as they are now (the store keeps the whole record over a
       * tombstone), go into a new one. */
      current = hd_store_get (store, conflict->entity, conflict->record_id, NULL);
      /* Deleted here as well since: both sides agree. */
      if (current == NULL)
        return make_plan ("accept", NULL);
      target = hd_record_copy (current);
      if (how == HD_SYNC_RESOLVE_FIELDS && edited != NULL)
        {
          for (guint i = 0; i < info->n_fields; i++)
            {
              GVariant *value;

              if (!hd_record_has (edited, i))
                continue;
              value = hd_record_get (edited, i);
              hd_record_set (target, i, value);
            }
        }
      {
        g_autofree char *new_id = hd_uuid_new ();

        hd_record_set_id (target, new_id);
      }
      strip_meta (target);
      if (!hd_record_validate (target, TRUE, NULL, error))
        return NULL;
      return make_plan ("recreate", target);
    }

  /* Edit versus edit: the local record holds the server's copy with the
   * local changes on top (the store rebases it). */
  current = hd_store_get (store, conflict->entity, conflict->record_id, NULL);
  if (current == NULL || hd_record_get_deleted (current))
    {
      g_set_error_literal (error, HD_SYNC_ERROR, HD_SYNC_ERROR_FAILED,
                           _("The local copy of this record is gone; only the server’s decision can be taken."));
      return NULL;
    }

  target = hd_record_copy (current);
  for (guint i = 0; i < info->n_fields; i++)
    {
      const char *name = info->fields[i].name;
      GVariant *value = NULL;

      if (!g_strv_contains ((const char * const *) conflict->fields, name))
        continue;

      switch (how)
        {
        case HD_SYNC_RESOLVE_MINE:
          /* the local value, as it is now (it may have been edited again) */
          continue;
        case HD_SYNC_RESOLVE_THEIRS:
          value = server != NULL ? hd_record_get (server, i) : NULL;
          break;
        case HD_SYNC_RESOLVE_FIELDS:
        default:
          if (edited != NULL && hd_record_has (edited, i))
            value = hd_record_get (edited, i);
          else
            value = server != NULL ? hd_record_get (server, i) : NULL;
          break;
        }

      hd_record_set (target, i, value);
    }

  if (server != NULL)
    hd_record_set_version (target, hd_record_get_version (server));
  if (!hd_record_validate (target, TRUE, NULL, error))
    return NULL;

  return make_plan ("save", target);
}

gboolean
hd_sync_resolve_conflict (HdStore          *store,
                          HdSyncLedger     *ledger,
                          gint64            id,
                          HdSyncResolution  how,
                          const HdRecord   *edited,
                          GError          **error)
{
  g_autoptr(HdSyncConflict) conflict = NULL;
  g_autoptr(HdRecord) server = NULL;
  g_autofree char *plan = NULL;

  conflict = hd_sync_ledger_get_conflict (ledger, id, error);
  if (conflict == NULL)
    return FALSE;

  server = latest_server_copy (store, conflict->entity, conflict->record_id, conflict->server);

  if (conflict->plan != NULL)
    plan = g_strdup (conflict->plan);
  else
    {
      plan = plan_for_conflict (store, conflict, server, how, edited, error);
      if (plan == NULL ||
          !hd_sync_ledger_set_conflict_plan (ledger, id, plan, error))
        return FALSE;
    }

  if (!carry_out (store, conflict->entity, conflict->record_id, server, plan, error))
    return FALSE;

  return hd_sync_ledger_close_conflict (ledger, id, error);
}

gboolean
hd_sync_discard_rejected (HdStore      *store,
                          HdSyncLedger *ledger,
                          HdEntity      entity,
                          const char   *id,
                          GError      **error)
{
  g_autoptr(HdRecord) server = hd_store_get_base (store, entity, id, NULL);
  g_autofree char *plan = NULL;

  /* Never on the server: the record goes away quietly. */
  plan = make_plan (server != NULL ? "accept" : "delete", NULL);
  if (!hd_sync_ledger_set_rejection_plan (ledger, entity, id, plan, error) ||
      !carry_out (store, entity, id, server, plan, error))
    return FALSE;

  return hd_sync_ledger_close_rejection (ledger, entity, id, error);
}

gboolean
hd_sync_retry_rejected (HdStore      *store,
                        HdSyncLedger *ledger,
                        HdEntity      entity,
                        const char   *id,
                        HdRecord     *fixed,
                        GError      **error)
{
  g_autoptr(HdSyncRejection) rejection = NULL;
  g_autoptr(HdRecord) server = hd_store_get_base (store, entity, id, NULL);
  g_autoptr(HdRecord) current = NULL;
  g_autofree char *plan = NULL;

  rejection = hd_sync_ledger_find_rejection (ledger, entity, id, error);
  if (rejection == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("This record is not waiting after a rejection."));
      return FALSE;
    }

  if (rejection->plan != NULL)
    plan = g_strdup (rejection->plan);
  else if (rejection->local_delete)
    plan = make_plan ("delete", NULL);
  else
    {
      if (fixed == NULL)
        {
          current = hd_store_get (store, entity, id, error);
          if (current == NULL)
            return FALSE;
          fixed = current;
        }
      if (!hd_record_validate (fixed, TRUE, NULL, error))
        return FALSE;
      plan = make_plan ("resend", fixed);
    }

  if (rejection->plan == NULL &&
      !hd_sync_ledger_set_rejection_plan (ledger, entity, id, plan, error))
    return FALSE;

  if (!carry_out (store, entity, id, server, plan, error))
    return FALSE;

  return hd_sync_ledger_close_rejection (ledger, entity, id, error);
}
