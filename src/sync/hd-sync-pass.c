/* hd-sync-pass.c — one blocking sync pass: push the outbox, then pull
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <unistd.h>

#include "hd-sync-page.h"
#include "hd-sync-pass.h"

#define DEFAULT_PAGE_SIZE  2000
#define MAX_PAGE_SIZE      5000
/* A pull page may be large: 5000 records of long texts. */
#define MAX_ANSWER_SIZE    (512 * 1024 * 1024)
/* Pages parsed ahead of the one being applied. */
#define PIPELINE_DEPTH     2
/* Records per transaction when dropping records locally. */
#define PURGE_CHUNK        1000

#define META_CURSOR      "cursor"
#define META_SEQ_OFFSET  "push_seq_offset"
#define META_HUBS        "hubs"

typedef struct {
  const HdSyncPassConfig *config;
  HdSyncSummary          *summary;
  GCancellable           *cancellable;
} Pass;

static void
report (Pass        *pass,
        HdSyncPhase  phase,
        gint64       done,
        gint64       total)
{
  if (pass->config->progress != NULL)
    pass->config->progress (phase, done, total, pass->config->progress_data);
}

static gint64
meta_int64 (HdStore    *store,
            const char *key)
{
  g_autofree char *text = hd_store_get_meta (store, key);
  gint64 value = 0;

  if (text != NULL && !g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
    value = 0;

  return value;
}

static gboolean
set_meta_int64 (HdStore     *store,
                const char  *key,
                gint64       value,
                GError     **error)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  return hd_store_set_meta (store, key, text, error);
}

static gboolean
check_cancelled (Pass    *pass,
                 GError **error)
{
  if (g_cancellable_is_cancelled (pass->cancellable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("Sync was cancelled."));
      return TRUE;
    }
  return FALSE;
}

static gboolean
protocol_error (GError     **error,
                const char  *what)
{
  g_set_error (error, HD_SYNC_ERROR, HD_SYNC_ERROR_PROTOCOL,
               _("The server gave an answer Hubdesk does not understand (%s)."), what);
  return FALSE;
}

/* ---- JSON helpers ---- */

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
member_int (JsonObject *object,
            const char *name,
            gint64     *out_value)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *out_value = json_node_get_int (node);
  return TRUE;
}

static gboolean
member_bool (JsonObject *object,
             const char *name,
             gboolean    fallback)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fallback;

  return json_node_get_boolean (node);
}

/* A record of a pull change or a push result. A tombstone may come
 * without "fields". */
static HdRecord *
record_from_change (JsonNode  *node,
                    GError   **error)
{
  JsonObject *object;
  const char *entity_name;
  const char *id;
  HdEntity entity;
  HdRecord *record;
  gint64 version = 0;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      protocol_error (error, "record");
      return NULL;
    }

  object = json_node_get_object (node);
  if (json_object_has_member (object, "fields"))
    {
      g_autoptr(GError) local_error = NULL;

      record = hd_record_from_json (node, &local_error);
      if (record == NULL)
        g_set_error (error, HD_SYNC_ERROR, HD_SYNC_ERROR_PROTOCOL,
                     _("The server sent a record Hubdesk cannot read: %s"),
                     local_error->message);
      return record;
    }

  entity_name = member_string (object, "entity");
  id = member_string (object, "id");
  if (entity_name == NULL || !hd_entity_from_name (entity_name, &entity) ||
      id == NULL || !hd_uuid_is_valid (id) || !member_bool (object, "deleted", FALSE))
    {
      protocol_error (error, "record");
      return NULL;
    }

  record = hd_record_new_empty (entity, id);
  hd_record_set_hub_id (record, member_string (object, "hub_id"));
  if (member_int (object, "version", &version))
    hd_record_set_version (record, version);
  hd_record_set_deleted (record, TRUE);

  return record;
}

/* ---- applying server copies ---- */

/* Queues @record to be applied with the others of its push answer,
 * unless the store already holds that version or a newer one: a repeated
 * push answer may carry an older copy than a pull already brought. */
static void
queue_server_copy (HdStore   *store,
                   GPtrArray *to_apply,
                   HdRecord  *record)
{
  g_autoptr(HdRecord) base = NULL;

  base = hd_store_get_base (store, hd_record_get_entity (record),
                            hd_record_get_id (record), NULL);
  if (base != NULL && hd_record_get_version (base) >= hd_record_get_version (record))
    return;

  g_ptr_array_add (to_apply, hd_record_ref (record));
}

/* ---- push ---- */

static char *
push_body (HdStore      *store,
           GPtrArray    *entries,
           const gint64 *bases,
           gint64        offset)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "client_id");
  json_builder_add_string_value (builder, hd_store_get_client_id (store));
  json_builder_set_member_name (builder, "mutations");
  json_builder_begin_array (builder);

  for (guint i = 0; i < entries->len; i++)
    {
      HdOutboxEntry *entry = g_ptr_array_index (entries, i);
      JsonNode *fields = json_node_new (JSON_NODE_OBJECT);

      if (entry->changes != NULL && !entry->is_delete)
        json_node_take_object (fields, hd_record_fields_to_json (entry->changes));
      else
        json_node_take_object (fields, json_object_new ());

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "seq");
      json_builder_add_int_value (builder, entry->seq - offset);
      json_builder_set_member_name (builder, "entity");
      json_builder_add_string_value (builder, hd_entity_name (entry->entity));
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, entry->record_id);
      json_builder_set_member_name (builder, "hub_id");
      json_builder_add_string_value (builder, entry->hub_id);
      json_builder_set_member_name (builder, "op");
      json_builder_add_string_value (builder, entry->is_delete ? "delete" : "upsert");
      json_builder_set_member_name (builder, "base_version");
      json_builder_add_int_value (builder, bases[i]);
      json_builder_set_member_name (builder, "fields");
      json_builder_add_value (builder, fields);
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

/* The seq the server expects, from a sequence_gap error's details. */
static gboolean
expected_seq (JsonObject *details,
              gint64     *out_seq)
{
  static const char * const names[] = { "expected_seq", "expected", "next_seq", NULL };

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (member_int (details, names[i], out_seq))
        return TRUE;
    }

  return FALSE;
}

/* The reason of a rejection as {"code", "message", "details"}, whatever
 * shape the result gave it. */
static JsonObject *
rejection_reason (JsonObject *result)
{
  JsonNode *reason = json_object_get_member (result, "reason");
  JsonObject *object = json_object_new ();

  if (reason != NULL && JSON_NODE_HOLDS_OBJECT (reason))
    {
      JsonObject *given = json_node_get_object (reason);
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, given);
      while (json_object_iter_next (&iter, &name, &member))
        json_object_set_member (object, name, json_node_copy (member));
    }
  else if (reason != NULL && JSON_NODE_HOLDS_VALUE (reason) &&
           json_node_get_value_type (reason) == G_TYPE_STRING)
    {
      json_object_set_string_member (object, "code", json_node_get_string (reason));
    }

  if (!json_object_has_member (object, "message") && member_string (result, "message") != NULL)
    json_object_set_string_member (object, "message", member_string (result, "message"));
  if (!json_object_has_member (object, "details") && json_object_has_member (result, "details"))
    json_object_set_member (object, "details",
                            json_node_copy (json_object_get_member (result, "details")));
  if (member_string (object, "code") == NULL)
    json_object_set_string_member (object, "code", "rejected");

  return object;
}

static char **
conflict_fields (JsonObject *result)
{
  JsonNode *node = json_object_get_member (result, "conflict_fields");
  GStrvBuilder *builder = g_strv_builder_new ();
  char **fields;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (item));
        }
    }

  fields = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return fields;
}

static HdRecord *
local_changes_of (HdOutboxEntry *entry)
{
  HdRecord *changes;

  if (entry->changes != NULL)
    changes = hd_record_copy (entry->changes);
  else
    changes = hd_record_new_empty (entry->entity, entry->record_id);

  hd_record_set_id (changes, entry->record_id);
  hd_record_set_hub_id (changes, entry->hub_id);
  hd_record_set_deleted (changes, entry->is_delete);

  return changes;
}

static gboolean
record_conflict (Pass           *pass,
                 HdOutboxEntry  *entry,
                 JsonObject     *result,
                 HdRecord       *server,
                 GPtrArray      *to_apply,
                 GError        **error)
{
  HdStore *store = pass->config->store;
  g_autoptr(HdSyncConflict) conflict = g_new0 (HdSyncConflict, 1);
  gboolean recorded = FALSE;

  conflict->entity = entry->entity;
  conflict->record_id = g_strdup (entry->record_id);
  conflict->hub_id = g_strdup (entry->hub_id);
  conflict->local_delete = entry->is_delete;
  conflict->local_changes = local_changes_of (entry);
  conflict->local = hd_store_get (store, entry->entity, entry->record_id, NULL);
  conflict->base = hd_store_get_base (store, entry->entity, entry->record_id, NULL);
  conflict->server = server != NULL ? hd_record_ref (server) : NULL;
  conflict->fields = conflict_fields (result);
  conflict->seq = entry->seq;

  if (!hd_sync_ledger_add_conflict (pass->config->ledger, conflict, &recorded, error))
    return FALSE;

  /* Already recorded (a repeated answer), or resolved since. */
  if (!recorded)
    return TRUE;

  if (!hd_store_set_sync_state (store, entry->entity, entry->record_id,
                                HD_SYNC_CONFLICT, NULL, error))
    return FALSE;

  /* The record keeps its local changes over the server copy, which
   * becomes its base; over a tombstone it stays whole until the person
   * decides (see hd_store_apply_pulled()). */
  if (server != NULL)
    queue_server_copy (store, to_apply, server);
  return TRUE;
}

static gboolean
record_rejection (Pass           *pass,
                  HdOutboxEntry  *entry,
                  JsonObject     *result,
                  HdRecord       *server,
                  GPtrArray      *to_apply,
                  GError        **error)
{
  HdStore *store = pass->config->store;
  g_autoptr(JsonObject) reason = rejection_reason (result);
  g_autoptr(JsonNode) reason_node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *reason_json = NULL;
  HdSyncRejection rejection = { 0 };
  gboolean recorded = FALSE;

  json_node_set_object (reason_node, reason);
  reason_json = json_to_string (reason_node, FALSE);

  rejection.entity = entry->entity;
  rejection.record_id = entry->record_id;
  rejection.hub_id = entry->hub_id;
  rejection.local_delete = entry->is_delete;
  rejection.code = (char *) member_string (reason, "code");
  rejection.message = (char *) member_string (reason, "message");
  rejection.reason_json = reason_json;
  rejection.seq = entry->seq;

  if (!hd_sync_ledger_add_rejection (pass->config->ledger, &rejection, &recorded, error))
    return FALSE;
  if (!recorded)
    return TRUE;

  if (!hd_store_set_sync_state (store, entry->entity, entry->record_id,
                                HD_SYNC_REJECTED, reason_json, error))
    return FALSE;

  if (server != NULL)
    queue_server_copy (store, to_apply, server);
  return TRUE;
}

/* The base an entry goes out with: see hd_sync_ledger_get_chain(). */
static gint64
effective_base (Pass          *pass,
                HdOutboxEntry *entry)
{
  gint64 from_base, version;

  if (hd_sync_ledger_get_chain (pass->config->ledger, entry->entity, entry->record_id,
                                &from_base, &version) &&
      entry->base_version >= from_base && entry->base_version < version)
    return version;

  return entry->base_version;
}

/* Keeps the chain of own changes up to date with an answer. */
static gboolean
follow_chain (Pass           *pass,
              HdOutboxEntry  *entry,
              gint64          base,
              const char     *status,
              gint64          version,
              GError        **error)
{
  HdSyncLedger *ledger = pass->config->ledger;
  gint64 from_base = base, chain_version = 0, chain_from = 0;

  if (g_str_equal (status, "applied") && version > 0)
    {
      /* Nothing but this change happened between its base and @version. */
      if (hd_sync_ledger_get_chain (ledger, entry->entity, entry->record_id,
                                    &chain_from, &chain_version))
        {
          if (chain_version >= version)
            return TRUE;   /* a repeated answer */
          if (chain_version == base)
            from_base = chain_from;
        }
      return hd_sync_ledger_set_chain (ledger, entry->entity, entry->record_id,
                                       from_base, version, error);
    }

  /* Someone else's change came in between: later entries keep their own
   * base and the server judges them by it. */
  if (g_str_equal (status, "merged"))
    return hd_sync_ledger_drop_chain (ledger, entry->entity, entry->record_id, error);

  return TRUE;
}

static gboolean
record_result (Pass           *pass,
               HdOutboxEntry  *entry,
               gint64          base,
               JsonObject     *result,
               GPtrArray      *to_apply,
               GError        **error)
{
  HdStore *store = pass->config->store;
  const char *status = member_string (result, "status");
  JsonNode *record_node = json_object_get_member (result, "record");
  g_autoptr(HdRecord) server = NULL;

  if (status == NULL)
    return protocol_error (error, "push status");

  if (record_node != NULL && !JSON_NODE_HOLDS_NULL (record_node))
    {
      server = record_from_change (record_node, error);
      if (server == NULL)
        return FALSE;
    }

  pass->summary->pushed++;

  if (g_str_equal (status, "applied") || g_str_equal (status, "merged"))
    {
      g_autoptr(HdSyncRejection) rejection = NULL;
      gint64 version = 0;

      pass->summary->applied++;

      if (!member_int (result, "version", &version) && server != NULL)
        version = hd_record_get_version (server);
      if (!follow_chain (pass, entry, base, status, version, error))
        return FALSE;

      /* A record that was rejected before and now went through. */
      rejection = hd_sync_ledger_find_rejection (pass->config->ledger, entry->entity,
                                                 entry->record_id, NULL);
      if (rejection != NULL && rejection->seq < entry->seq &&
          !hd_sync_ledger_close_rejection (pass->config->ledger, entry->entity,
                                           entry->record_id, error))
        return FALSE;

      if (server != NULL)
        queue_server_copy (store, to_apply, server);
      return TRUE;
    }

  if (g_str_equal (status, "conflict"))
    {
      pass->summary->conflicts++;
      return record_conflict (pass, entry, result, server, to_apply, error);
    }

  if (g_str_equal (status, "rejected"))
    {
      pass->summary->rejected++;
      return record_rejection (pass, entry, result, server, to_apply, error);
    }

  return protocol_error (error, status);
}

static gboolean
crash_hook (void)
{
  const char *value = g_getenv ("HUBDESK_SYNC_CRASH_AFTER_PUSH");

  return value != NULL && g_str_equal (value, "1");
}

static gboolean
push_outbox (Pass    *pass,
             GError **error)
{
  HdStore *store = pass->config->store;
  HdSyncLedger *ledger = pass->config->ledger;
  g_autofree gint64 *bases = NULL;
  guint gap_fixes = 0;
  gint64 total;
  gint64 done = 0;

  total = hd_store_outbox_count (store, NULL);

  for (;;)
    {
      g_autoptr(GPtrArray) entries = NULL;
      g_autoptr(JsonObject) details = NULL;
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GHashTable) by_seq = NULL;
      g_autofree char *body = NULL;
      JsonNode *results_node;
      JsonArray *results;
      gint64 offset;
      gint64 last_seq;

      if (check_cancelled (pass, error))
        return FALSE;

      entries = hd_store_outbox_peek (store, HD_SYNC_PUSH_BATCH, error);
      if (entries == NULL)
        return FALSE;
      if (entries->len == 0)
        return hd_sync_ledger_clear_chains (ledger, error);

      /* Only a run of consecutive seqs goes out together, so that the
       * server never sees a gap inside one batch; and a record at most
       * once, so that a later entry goes out on the version its
       * predecessor made (see effective_base()). */
      {
        g_autoptr(GHashTable) records = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

        for (guint i = 0; i < entries->len; i++)
          {
            HdOutboxEntry *entry = g_ptr_array_index (entries, i);
            char *key = g_strconcat (hd_entity_name (entry->entity), "/", entry->record_id, NULL);

            if ((i > 0 && entry->seq != ((HdOutboxEntry *) g_ptr_array_index (entries, i - 1))->seq + 1) ||
                g_hash_table_contains (records, key))
              {
                g_free (key);
                g_ptr_array_set_size (entries, i);
                break;
              }
            g_hash_table_add (records, key);
          }
      }

      g_clear_pointer (&bases, g_free);
      bases = g_new (gint64, entries->len);
      for (guint i = 0; i < entries->len; i++)
        bases[i] = effective_base (pass, g_ptr_array_index (entries, i));

      report (pass, HD_SYNC_PHASE_PUSH, done, MAX (total, done + (gint64) entries->len));

      offset = meta_int64 (store, META_SEQ_OFFSET);
      body = push_body (store, entries, bases, offset);
      root = hd_sync_client_request (pass->config->client, "POST", "push", body,
                                     MAX_ANSWER_SIZE, FALSE, &details,
                                     pass->cancellable, &local_error);
      if (root == NULL)
        {
          HdOutboxEntry *first = g_ptr_array_index (entries, 0);
          gint64 expected = 0;

          if (local_error == NULL)
            return protocol_error (error, "push");

          /* The server purged the answers to seqs it saw long ago but this
           * device never recorded: their outcome cannot be known. */
          if (g_error_matches (local_error, HD_SYNC_ERROR, HD_SYNC_ERROR_RESET_REQUIRED))
            {
              g_set_error (error, HD_SYNC_ERROR, HD_SYNC_ERROR_SEQUENCE_MISMATCH,
                           _("The server no longer knows what became of changes this computer sent long ago (%s). No change was lost here, but sending is stopped. Please contact the administrator of the sync server."),
                           local_error->message);
              return FALSE;
            }

          if (!g_error_matches (local_error, HD_SYNC_ERROR, HD_SYNC_ERROR_SEQUENCE_GAP))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }

          /* The server never saw a seq at or above the one it expects.
           * Below ours: renumber ours to start there (they were never
           * sent under those numbers). Above ours: it holds answers we
           * never recorded; stop rather than guess. */
          if (expected_seq (details, &expected) && expected >= 1 &&
              expected < first->seq - offset && gap_fixes < 3)
            {
              gap_fixes++;
              g_debug ("sync: server expects seq %" G_GINT64_FORMAT
                       ", renumbering from outbox seq %" G_GINT64_FORMAT,
                       expected, first->seq);
              if (!set_meta_int64 (store, META_SEQ_OFFSET, first->seq - expected, error))
                return FALSE;
              continue;
            }

          g_set_error (error, HD_SYNC_ERROR, HD_SYNC_ERROR_SEQUENCE_MISMATCH,
                       _("The server’s record of the changes sent from this computer does not match the computer’s own. No change was lost, but sending is stopped. Please contact the administrator of the sync server."));
          return FALSE;
        }

      if (crash_hook ())
        _exit (3);

      results_node = json_object_get_member (json_node_get_object (root), "results");
      if (results_node == NULL || !JSON_NODE_HOLDS_ARRAY (results_node))
        return protocol_error (error, "push results");
      results = json_node_get_array (results_node);

      by_seq = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      for (guint i = 0; i < json_array_get_length (results); i++)
        {
          JsonNode *item = json_array_get_element (results, i);
          JsonObject *result;
          gint64 *key;

          if (!JSON_NODE_HOLDS_OBJECT (item))
            return protocol_error (error, "push result");
          result = json_node_get_object (item);
          key = g_new (gint64, 1);
          if (!member_int (result, "seq", key))
            {
              g_free (key);
              return protocol_error (error, "push result seq");
            }
          g_hash_table_insert (by_seq, key, result);
        }

      /* Every result is recorded before any entry leaves the outbox: the
       * ledger's part in one transaction, the server copies in another;
       * a crash in between repeats the same answers, which change
       * nothing the second time. */
      {
        g_autoptr(GPtrArray) to_apply = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);

        if (!hd_sync_ledger_begin (ledger, error))
          return FALSE;
        for (guint i = 0; i < entries->len; i++)
          {
            HdOutboxEntry *entry = g_ptr_array_index (entries, i);
            gint64 wire_seq = entry->seq - offset;
            JsonObject *result = g_hash_table_lookup (by_seq, &wire_seq);

            if (result == NULL)
              {
                hd_sync_ledger_rollback (ledger);
                return protocol_error (error, "missing push result");
              }
            if (!record_result (pass, entry, bases[i], result, to_apply, error))
              {
                hd_sync_ledger_rollback (ledger);
                return FALSE;
              }
          }
        if (!hd_sync_ledger_commit (ledger, error))
          return FALSE;

        if (to_apply->len > 0 && !hd_store_apply_pulled (store, to_apply, NULL, error))
          return FALSE;
      }

      last_seq = ((HdOutboxEntry *) g_ptr_array_index (entries, entries->len - 1))->seq;
      if (!hd_store_outbox_remove_upto (store, last_seq, error))
        return FALSE;
      if (!hd_sync_ledger_prune (ledger, last_seq, error))
        return FALSE;

      done += entries->len;
      gap_fixes = 0;
    }
}

/* ---- pull ---- */

typedef struct {
  GPtrArray *records;   /* HdRecord * */
  char      *cursor;
} Page;

static void
page_free (Page *page)
{
  g_ptr_array_unref (page->records);
  g_free (page->cursor);
  g_free (page);
}

/* Pages travel from the fetching thread to the applying one; at most
 * PIPELINE_DEPTH wait, so memory stays bounded. */
typedef struct {
  GMutex        lock;
  GCond         cond;
  GQueue        pages;
  gboolean      closed;     /* no more pages will come */
  gboolean      failed;     /* the applier stopped */
  GError       *error;
  HdStore      *store;
  GCancellable *cancellable;
  gint64        applied;
} Pipeline;

static gpointer
applier_thread (gpointer data)
{
  Pipeline *pipeline = data;

  for (;;)
    {
      Page *page;
      g_autoptr(GError) error = NULL;
      gboolean ok;

      g_mutex_lock (&pipeline->lock);
      while (g_queue_is_empty (&pipeline->pages) && !pipeline->closed)
        g_cond_wait (&pipeline->cond, &pipeline->lock);
      page = g_queue_pop_head (&pipeline->pages);
      g_cond_broadcast (&pipeline->cond);
      g_mutex_unlock (&pipeline->lock);

      if (page == NULL)
        return NULL;

      if (g_cancellable_set_error_if_cancelled (pipeline->cancellable, &error))
        ok = FALSE;
      else
        ok = hd_store_apply_pulled (pipeline->store, page->records, page->cursor, &error);

      g_mutex_lock (&pipeline->lock);
      if (ok)
        pipeline->applied += page->records->len;
      else
        {
          /* No later page may go in after a failed one: the cursor must
           * match the data. */
          pipeline->failed = TRUE;
          pipeline->error = g_steal_pointer (&error);
          while (!g_queue_is_empty (&pipeline->pages))
            page_free (g_queue_pop_head (&pipeline->pages));
        }
      g_cond_broadcast (&pipeline->cond);
      g_mutex_unlock (&pipeline->lock);

      page_free (page);
      if (!ok)
        return NULL;
    }
}

/* FALSE when the applier has failed. Waits while the queue is full. */
static gboolean
pipeline_push (Pipeline *pipeline,
               Page     *page)
{
  gboolean ok;

  g_mutex_lock (&pipeline->lock);
  while (!pipeline->failed && g_queue_get_length (&pipeline->pages) >= PIPELINE_DEPTH)
    g_cond_wait (&pipeline->cond, &pipeline->lock);
  ok = !pipeline->failed;
  if (ok)
    g_queue_push_tail (&pipeline->pages, page);
  else
    page_free (page);
  g_cond_broadcast (&pipeline->cond);
  g_mutex_unlock (&pipeline->lock);

  return ok;
}

static gint64
pipeline_applied (Pipeline *pipeline)
{
  gint64 n;

  g_mutex_lock (&pipeline->lock);
  n = pipeline->applied;
  g_mutex_unlock (&pipeline->lock);

  return n;
}

/* Closes the queue, waits for the applier, and returns its error. With
 * @drop the pages not yet applied are thrown away. */
static gboolean
pipeline_finish (Pipeline  *pipeline,
                 GThread   *thread,
                 gboolean   drop,
                 GError   **error)
{
  g_mutex_lock (&pipeline->lock);
  pipeline->closed = TRUE;
  if (drop)
    {
      while (!g_queue_is_empty (&pipeline->pages))
        page_free (g_queue_pop_head (&pipeline->pages));
    }
  g_cond_broadcast (&pipeline->cond);
  g_mutex_unlock (&pipeline->lock);

  g_thread_join (thread);

  if (pipeline->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&pipeline->error));
      return FALSE;
    }

  return TRUE;
}

static char *
pull_path (const char *cursor,
           guint       limit)
{
  if (cursor == NULL || *cursor == '\0')
    return g_strdup_printf ("pull?limit=%u", limit);
  else
    {
      g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);

      return g_strdup_printf ("pull?cursor=%s&limit=%u", escaped, limit);
    }
}

/* Parses one pull page into @page; the hubs go to *out_hubs. */
static gboolean
read_page (JsonNode    *root,
           Page        *page,
           gboolean    *out_has_more,
           JsonArray  **out_hubs,
           GHashTable  *seen,
           GError     **error)
{
  JsonObject *object = json_node_get_object (root);
  JsonNode *changes = json_object_get_member (object, "changes");
  JsonNode *hubs = json_object_get_member (object, "hubs");
  const char *cursor = member_string (object, "cursor");
  JsonArray *array;
  guint n;

  if (changes == NULL || !JSON_NODE_HOLDS_ARRAY (changes))
    return protocol_error (error, "pull changes");

  array = json_node_get_array (changes);
  n = json_array_get_length (array);
  page->records = g_ptr_array_new_full (n, (GDestroyNotify) hd_record_unref);
  for (guint i = 0; i < n; i++)
    {
      HdRecord *record = record_from_change (json_array_get_element (array, i), error);

      if (record == NULL)
        return FALSE;
      if (seen != NULL)
        g_hash_table_add (seen, g_strconcat (hd_entity_name (hd_record_get_entity (record)),
                                             "/", hd_record_get_id (record), NULL));
      g_ptr_array_add (page->records, record);
    }

  page->cursor = g_strdup (cursor);
  *out_has_more = member_bool (object, "has_more", FALSE);
  if (hubs != NULL && JSON_NODE_HOLDS_ARRAY (hubs))
    {
      g_clear_pointer (out_hubs, json_array_unref);
      *out_hubs = json_array_ref (json_node_get_array (hubs));
    }

  return TRUE;
}

/* Applies tombstones for @records (HdRecord *) in chunks, without
 * touching records that wait for the person or have local changes. */
static gboolean
drop_records (Pass       *pass,
              GPtrArray  *records,
              GError    **error)
{
  HdStore *store = pass->config->store;
  g_autoptr(GPtrArray) chunk = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);

  for (guint i = 0; i <= records->len; i++)
    {
      if (i < records->len)
        {
          HdRecord *record = g_ptr_array_index (records, i);
          HdRecord *tombstone = hd_record_new_empty (hd_record_get_entity (record),
                                                     hd_record_get_id (record));

          hd_record_set_hub_id (tombstone, hd_record_get_hub_id (record));
          hd_record_set_version (tombstone, hd_record_get_version (record));
          hd_record_set_deleted (tombstone, TRUE);
          g_ptr_array_add (chunk, tombstone);
        }

      if (chunk->len > 0 && (chunk->len >= PURGE_CHUNK || i == records->len))
        {
          if (!hd_store_apply_pulled (store, chunk, NULL, error))
            return FALSE;
          pass->summary->purged += chunk->len;
          g_ptr_array_set_size (chunk, 0);
        }
    }

  return TRUE;
}

/* The live records of @entity (in @hub_id, or all), synced ones only. */
static GPtrArray *
synced_records (HdStore     *store,
                HdEntity     entity,
                const char  *hub_id,
                GError     **error)
{
  HdQuery query = { 0 };
  g_autoptr(GPtrArray) records = NULL;
  GPtrArray *synced;

  query.entity = entity;
  query.hub_id = hub_id;
  query.include_archived = TRUE;
  records = hd_store_query (store, &query, error);
  if (records == NULL)
    return NULL;

  synced = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  for (guint i = 0; i < records->len; i++)
    {
      HdRecord *record = g_ptr_array_index (records, i);

      if (hd_store_get_sync_state (store, entity, hd_record_get_id (record)) == HD_SYNC_SYNCED)
        g_ptr_array_add (synced, hd_record_ref (record));
    }

  return synced;
}

/* Drops the records of hubs the server no longer lists for this account
 * and keeps the list (meta "hubs") for the application. */
static gboolean
follow_hubs (Pass       *pass,
             JsonArray  *hubs,
             GError    **error)
{
  HdStore *store = pass->config->store;
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) local_hubs = NULL;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  g_autofree char *text = NULL;
  HdQuery query = { 0 };

  for (guint i = 0; i < json_array_get_length (hubs); i++)
    {
      JsonNode *item = json_array_get_element (hubs, i);
      const char *id = JSON_NODE_HOLDS_OBJECT (item)
                       ? member_string (json_node_get_object (item), "id") : NULL;

      if (id != NULL)
        g_hash_table_add (listed, (gpointer) id);
    }

  query.entity = HD_ENTITY_HUB;
  query.include_archived = TRUE;
  local_hubs = hd_store_query (store, &query, error);
  if (local_hubs == NULL)
    return FALSE;

  for (guint i = 0; i < local_hubs->len; i++)
    {
      HdRecord *hub = g_ptr_array_index (local_hubs, i);
      const char *hub_id = hd_record_get_id (hub);
      gint64 dropped;

      if (g_hash_table_contains (listed, hub_id))
        continue;

      /* In one transaction; what waits to be sent or decided stays. */
      g_debug ("sync: hub %s is no longer listed, dropping its records", hub_id);
      dropped = hd_store_purge_hub (store, hub_id, error);
      if (dropped < 0)
        return FALSE;
      pass->summary->purged += dropped;
    }

  json_node_set_array (node, hubs);
  text = json_to_string (node, FALSE);
  return hd_store_set_meta (store, META_HUBS, text, error);
}

/* After a full resync: drop the synced records the server did not send. */
static gboolean
drop_unseen (Pass        *pass,
             GHashTable  *seen,
             GError     **error)
{
  for (guint e = 0; e < HD_N_ENTITIES; e++)
    {
      g_autoptr(GPtrArray) records = synced_records (pass->config->store, (HdEntity) e,
                                                     NULL, error);
      g_autoptr(GPtrArray) unseen = g_ptr_array_new ();

      if (records == NULL)
        return FALSE;

      for (guint i = 0; i < records->len; i++)
        {
          HdRecord *record = g_ptr_array_index (records, i);
          g_autofree char *key = g_strconcat (hd_entity_name ((HdEntity) e), "/",
                                              hd_record_get_id (record), NULL);

          if (!g_hash_table_contains (seen, key))
            g_ptr_array_add (unseen, record);
        }

      if (!drop_records (pass, unseen, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
pull_pages (Pass        *pass,
            GHashTable  *seen,
            GError     **error)
{
  HdStore *store = pass->config->store;
  guint limit = pass->config->page_size != 0 ? pass->config->page_size : DEFAULT_PAGE_SIZE;
  g_autofree char *cursor = hd_store_get_meta (store, META_CURSOR);
  g_autoptr(JsonArray) hubs = NULL;
  g_autoptr(GError) local_error = NULL;
  Pipeline pipeline = { 0 };
  GThread *thread;
  gboolean first = cursor == NULL || *cursor == '\0';
  gboolean ok = TRUE;
  gboolean has_more = TRUE;
  gint64 received = 0;

  limit = MIN (limit, MAX_PAGE_SIZE);
  pass->summary->first_pull = first;

  if (first && !hd_store_set_search_deferred (store, TRUE, error))
    return FALSE;

  g_mutex_init (&pipeline.lock);
  g_cond_init (&pipeline.cond);
  g_queue_init (&pipeline.pages);
  pipeline.store = store;
  pipeline.cancellable = pass->cancellable;
  thread = g_thread_new ("hd-sync-apply", applier_thread, &pipeline);

  report (pass, HD_SYNC_PHASE_PULL, 0, -1);

  while (has_more)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *path = pull_path (cursor, limit);
      HdSyncPage fast = { 0 };
      const char *data;
      gsize size;
      Page *page;

      bytes = hd_sync_client_request_raw (pass->config->client, "GET", path, NULL, FALSE,
                                          NULL, pass->cancellable, &local_error);
      if (bytes == NULL)
        {
          ok = FALSE;
          break;
        }

      page = g_new0 (Page, 1);
      data = g_bytes_get_data (bytes, &size);
      if (size <= MAX_ANSWER_SIZE && hd_sync_page_read (data, size, &fast))
        {
          page->records = g_steal_pointer (&fast.records);
          page->cursor = g_steal_pointer (&fast.cursor);
          has_more = fast.has_more;
          if (fast.hubs != NULL)
            {
              g_clear_pointer (&hubs, json_array_unref);
              hubs = g_steal_pointer (&fast.hubs);
            }
          if (seen != NULL)
            {
              for (guint i = 0; i < page->records->len; i++)
                {
                  HdRecord *record = g_ptr_array_index (page->records, i);

                  g_hash_table_add (seen, g_strconcat (hd_entity_name (hd_record_get_entity (record)),
                                                       "/", hd_record_get_id (record), NULL));
                }
            }
        }
      else
        {
          /* Not the usual shape: json-glib reads it, and judges it. */
          g_autoptr(JsonNode) root = NULL;
          g_autoptr(JsonParser) parser = json_parser_new_immutable ();
          g_autoptr(GError) parse_error = NULL;

          if (!hd_json_check (data, size, MAX_ANSWER_SIZE, &parse_error) ||
              !json_parser_load_from_data (parser, data, (gssize) size, &parse_error) ||
              (root = json_parser_steal_root (parser)) == NULL ||
              !JSON_NODE_HOLDS_OBJECT (root))
            {
              g_set_error (&local_error, HD_SYNC_ERROR, HD_SYNC_ERROR_PROTOCOL,
                           _("The server’s answer cannot be read: %s"),
                           parse_error != NULL ? parse_error->message : "pull");
              g_free (page);
              ok = FALSE;
              break;
            }

          if (!read_page (root, page, &has_more, &hubs, seen, &local_error))
            {
              if (page->records != NULL)
                g_ptr_array_unref (page->records);
              g_free (page->cursor);
              g_free (page);
              ok = FALSE;
              break;
            }
        }
      hd_sync_page_clear (&fast);

      /* A server that keeps saying "more" without moving on would keep
       * us here for ever. */
      if (has_more && page->records->len == 0 && g_strcmp0 (page->cursor, cursor) == 0)
        {
          page_free (page);
          protocol_error (&local_error, "pull cursor");
          ok = FALSE;
          break;
        }

      received += page->records->len;
      pass->summary->pulled += page->records->len;
      g_free (cursor);
      cursor = g_strdup (page->cursor);

      if (!pipeline_push (&pipeline, page))
        {
          ok = FALSE;
          break;
        }

      report (pass, HD_SYNC_PHASE_PULL, pipeline_applied (&pipeline), -1);
    }

  /* Pages fetched before a failure are still good: they go in, in
   * order, unless the pass was cancelled. */
  {
    g_autoptr(GError) apply_error = NULL;

    if (!pipeline_finish (&pipeline, thread, g_cancellable_is_cancelled (pass->cancellable),
                          &apply_error))
      {
        ok = FALSE;
        if (local_error == NULL)
          local_error = g_steal_pointer (&apply_error);
      }
  }

  g_mutex_clear (&pipeline.lock);
  g_cond_clear (&pipeline.cond);

  if (ok && hubs != NULL && !follow_hubs (pass, hubs, &local_error))
    ok = FALSE;

  /* Even after a failure: the rows applied so far want their index. A
   * crash here is covered by the store, which rebuilds at the next open. */
  if (first)
    {
      g_autoptr(GError) index_error = NULL;

      report (pass, HD_SYNC_PHASE_INDEX, received, received);
      if (!hd_store_set_search_deferred (store, FALSE, &index_error) && ok)
        {
          ok = FALSE;
          local_error = g_steal_pointer (&index_error);
        }
    }

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  report (pass, HD_SYNC_PHASE_PULL, received, received);
  return TRUE;
}

static gboolean
resync (Pass    *pass,
        GError **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_debug ("sync: the server asked for a full resync");
  pass->summary->reset = TRUE;

  /* Edits made meanwhile go first, so the full pull brings them back as
   * the server's copies. */
  if (!push_outbox (pass, error))
    return FALSE;

  if (!hd_store_set_meta (pass->config->store, META_CURSOR, NULL, error))
    return FALSE;

  if (!pull_pages (pass, seen, error))
    return FALSE;

  return drop_unseen (pass, seen, error);
}

gboolean
hd_sync_run_pass (const HdSyncPassConfig  *config,
                  HdSyncSummary           *summary,
                  GCancellable            *cancellable,
                  GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  Pass pass = { config, summary, cancellable };

  memset (summary, 0, sizeof *summary);

  if (!push_outbox (&pass, error))
    return FALSE;

  if (pull_pages (&pass, NULL, &local_error))
    {
      report (&pass, HD_SYNC_PHASE_IDLE, 0, 0);
      return TRUE;
    }

  if (!g_error_matches (local_error, HD_SYNC_ERROR, HD_SYNC_ERROR_RESET_REQUIRED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!resync (&pass, error))
    return FALSE;

  report (&pass, HD_SYNC_PHASE_IDLE, 0, 0);
  return TRUE;
}

gboolean
hd_sync_wait_for_changes (HdSyncClient  *client,
                          HdStore       *store,
                          guint          timeout,
                          gboolean      *out_changed,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autofree char *cursor = hd_store_get_meta (store, META_CURSOR);
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;

  *out_changed = FALSE;
  timeout = CLAMP (timeout, 1, 60);

  if (cursor != NULL && *cursor != '\0')
    {
      g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);

      path = g_strdup_printf ("wait?cursor=%s&timeout=%u", escaped, timeout);
    }
  else
    path = g_strdup_printf ("wait?timeout=%u", timeout);

  root = hd_sync_client_request (client, "GET", path, NULL, HD_JSON_MAX_SIZE, TRUE,
                                 NULL, cancellable, &local_error);
  if (root == NULL && local_error != NULL)
    {
      /* The cursor is too old: a pass will find out and resync. */
      if (g_error_matches (local_error, HD_SYNC_ERROR, HD_SYNC_ERROR_RESET_REQUIRED))
        {
          *out_changed = TRUE;
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (root == NULL)
    return TRUE;

  object = json_node_get_object (root);
  if (json_object_has_member (object, "changes") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "changes")))
    *out_changed = member_bool (object, "changes", TRUE);
  else if (json_object_has_member (object, "changed"))
    *out_changed = member_bool (object, "changed", TRUE);
  else if (json_object_has_member (object, "has_changes"))
    *out_changed = member_bool (object, "has_changes", TRUE);
  else
    *out_changed = TRUE;

  return TRUE;
}
