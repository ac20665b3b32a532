/* hd-cli.c — hubdesk-cli: the store and sync from the command line
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same store and sync code as the application, without GTK: edits
 * go through hd_store_save() and its outbox exactly like the
 * application's. Serves administrators, scripts and the tests.
 *
 * The login token is kept in the keyring, as by the application. For
 * scripts on machines without a keyring, --token-file FILE keeps it in
 * FILE instead (created with mode 0600): anyone who can read that file can
 * act as the user until the token expires or "logout" revokes it.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "hd-cli.h"
#include "hd-cli-private.h"
#include "hd-cli-reports.h"
#include "hd-cli-rooms.h"
#include "hd-cli-contacts.h"


static void
cli_clear (HdCli *cli)
{
  g_free (cli->profile);
  g_free (cli->token_file);
  g_free (cli->ca_file);
  g_free (cli->hub);
  if (cli->engine != NULL)
    hd_sync_engine_stop (cli->engine);
  g_clear_object (&cli->engine);
  g_clear_object (&cli->store);
}

int
hd_cli_fail (const char   *what,
      const GError *error)
{
  if (error != NULL)
    g_printerr ("hubdesk-cli: %s: %s\n", what, error->message);
  else
    g_printerr ("hubdesk-cli: %s\n", what);
  return 1;
}

static int
usage (const char *message)
{
  if (message != NULL)
    g_printerr ("hubdesk-cli: %s\n", message);
  g_printerr (_("Usage: hubdesk-cli [--profile DIR] [--token-file FILE] COMMAND …\n"
                "Commands:\n"
                "  login URL USER [--ca-file FILE]  log in (the password is read from standard input)\n"
                "  logout                        revoke and forget the login\n"
                "  sync                          send local changes, then fetch the server's\n"
                "  status                        account, changes waiting, conflicts\n"
                "  conflicts [--json]            conflicts waiting for a decision\n"
                "  resolve ID mine|theirs        decide a conflict\n"
                "  rejections [--json]           changes the server refused\n"
                "  discard ENTITY ID             drop a refused change (back to the server's copy)\n"
                "  retry ENTITY ID               send a refused change again\n"
                "  list ENTITY [--json] [--hub ID] [--deleted]\n"
                "  get ENTITY ID                 one record as JSON\n"
                "  put ENTITY JSON               create a record or change fields: {\"id\"?, \"hub_id\"?, field: value, …}\n"
                "  delete ENTITY ID\n"
                "  import FILE --hub ID [--dry-run]  contacts (.vcf, .csv) or events (.ics)\n"
                "  export people|organizations --format vcard|csv\n"
                "  export events [--hub ID] [--from DATE --to DATE] --format ics\n"
                "  export bookings --room ID --format ics\n"
                "  report --hub ID[,ID…]|--all --from DATE --to DATE --format csv|json|pdf [--list FIGURE] [--output FILE]\n"
                "  occupancy [--hub ID|NAME] [--from DATE --to DATE] [--per-room] [--csv]\n"
                "  privacy-export PERSON_ID [--output FILE]  all data about a person (GDPR Art. 15)\n"
                "  erase-person PERSON_ID --yes  erase a person's personal data (GDPR Art. 17)\n"
                "  duplicates people|organizations [--hub ID]  likely duplicates\n"
                "  merge person|organization KEEP_ID OTHER_ID [--take FIELD,…] [--keep FIELD,…] | merge --undo ID\n"
                "--token-file FILE keeps the login token in FILE (mode 0600) instead of the keyring;\n"
                "anyone who can read FILE can act as you until you log out.\n"));
  return 2;
}

/* ---- running async calls to completion ---- */


void
hd_cli_wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  HdCliWait *wait = user_data;

  wait->result = g_object_ref (result);
}

GAsyncResult *
hd_cli_wait_for (HdCliWait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return wait->result;
}

/* ---- profile ---- */

gboolean
hd_cli_open_store (HdCli     *cli,
            GError **error)
{
  g_autofree char *path = NULL;

  if (cli->profile == NULL)
    cli->profile = g_build_filename (g_get_user_data_dir (), "hubdesk", "default", NULL);

  if (g_mkdir_with_parents (cli->profile, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The profile folder “%s” cannot be created."), cli->profile);
      return FALSE;
    }

  path = g_build_filename (cli->profile, "hubdesk.db", NULL);
  cli->store = hd_store_open (path, error);

  return cli->store != NULL;
}

static char *
read_token_file (const char *path)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;

  g_strstrip (contents);
  if (*contents == '\0')
    return NULL;

  return g_steal_pointer (&contents);
}

gboolean
hd_cli_open_engine (HdCli     *cli,
             GError **error)
{
  if (cli->store == NULL && !hd_cli_open_store (cli, error))
    return FALSE;

  cli->engine = hd_sync_engine_new (cli->store, cli->token_file == NULL);
  if (cli->page_size > 0)
    hd_sync_engine_set_page_size (cli->engine, (guint) cli->page_size);
  if (cli->token_file != NULL)
    {
      g_autofree char *token = read_token_file (cli->token_file);

      if (token != NULL)
        hd_sync_engine_set_token (cli->engine, token);
    }

  while (hd_sync_engine_get_state (cli->engine) == HD_SYNC_ENGINE_LOADING)
    g_main_context_iteration (NULL, TRUE);

  return TRUE;
}

gboolean
hd_cli_parse_entity (const char  *name,
              HdEntity    *out_entity,
              GError     **error)
{
  if (name == NULL || !hd_entity_from_name (name, out_entity))
    {
      g_set_error (error, HD_MODEL_ERROR, HD_MODEL_ERROR_UNKNOWN_ENTITY,
                   _("“%s” is not a kind of record. Known: hub, room, booking, event, session, registration, organization, person, interaction, hub_figure."),
                   name != NULL ? name : "");
      return FALSE;
    }
  return TRUE;
}

static const char *
state_name (HdSyncState state)
{
  switch (state)
    {
    case HD_SYNC_LOCAL:
      return "local";
    case HD_SYNC_SYNCED:
      return "synced";
    case HD_SYNC_PENDING:
      return "pending";
    case HD_SYNC_CONFLICT:
      return "conflict";
    case HD_SYNC_REJECTED:
      return "rejected";
    default:
      return "?";
    }
}

void
hd_cli_print_json (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, TRUE);

  g_print ("%s\n", text);
}

/* ---- commands ---- */

static char *
read_password (void)
{
  char buffer[4096];
  gsize len;

  if (fgets (buffer, sizeof buffer, stdin) == NULL)
    return g_strdup ("");

  len = strlen (buffer);
  while (len > 0 && (buffer[len - 1] == '\n' || buffer[len - 1] == '\r'))
    buffer[--len] = '\0';

  {
    char *password = g_strdup (buffer);

    memset (buffer, 0, sizeof buffer);
    return password;
  }
}

static int
cmd_login (HdCli   *cli,
           char **args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  HdCliWait wait = { NULL };
  gboolean ok;

  if (g_strv_length (args) != 2)
    return usage (_("login needs a server address and a user name."));

  if (!hd_cli_open_engine (cli, &error))
    return hd_cli_fail (_("Cannot open the profile"), error);

  password = read_password ();
  hd_sync_engine_login_async (cli->engine, args[0], args[1], password, cli->ca_file,
                              NULL, hd_cli_wait_cb, &wait);
  memset (password, 0, strlen (password));
  ok = hd_sync_engine_login_finish (cli->engine, hd_cli_wait_for (&wait), &error);
  g_object_unref (wait.result);
  if (!ok)
    return hd_cli_fail (_("Login failed"), error);

  if (cli->token_file != NULL)
    {
      g_autofree char *token = hd_sync_engine_dup_token (cli->engine);

      if (!g_file_set_contents_full (cli->token_file, token, -1,
                                     G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
        return hd_cli_fail (_("The token file cannot be written"), error);
    }

  g_print (_("Logged in as %s on %s.\n"), args[1], hd_sync_engine_get_server_url (cli->engine));
  return 0;
}

static int
cmd_logout (HdCli   *cli,
            char **args)
{
  g_autoptr(GError) error = NULL;
  HdCliWait wait = { NULL };
  gboolean ok;

  if (!hd_cli_open_engine (cli, &error))
    return hd_cli_fail (_("Cannot open the profile"), error);

  hd_sync_engine_logout_async (cli->engine, NULL, hd_cli_wait_cb, &wait);
  ok = hd_sync_engine_logout_finish (cli->engine, hd_cli_wait_for (&wait), &error);
  g_object_unref (wait.result);
  if (cli->token_file != NULL)
    g_unlink (cli->token_file);
  if (!ok)
    return hd_cli_fail (_("Logout failed"), error);

  g_print (_("Logged out.\n"));
  return 0;
}

static int
cmd_sync (HdCli   *cli,
          char **args)
{
  g_autoptr(GError) error = NULL;
  HdSyncSummary summary = { 0 };
  HdCliWait wait = { NULL };
  gint64 started;
  gboolean ok;

  if (!hd_cli_open_engine (cli, &error))
    return hd_cli_fail (_("Cannot open the profile"), error);

  started = g_get_monotonic_time ();
  hd_sync_engine_sync_async (cli->engine, NULL, hd_cli_wait_cb, &wait);
  ok = hd_sync_engine_sync_finish (cli->engine, hd_cli_wait_for (&wait), &summary, &error);
  g_object_unref (wait.result);
  if (!ok)
    {
      if (hd_sync_engine_get_pending (cli->engine) > 0)
        g_printerr (_("%lld changes are waiting to be sent.\n"),
                    (long long) hd_sync_engine_get_pending (cli->engine));
      return hd_cli_fail (_("Sync failed"), error);
    }

  g_print (_("Sent %lld changes: %lld applied, %lld in conflict, %lld rejected.\n"),
           (long long) summary.pushed, (long long) summary.applied,
           (long long) summary.conflicts, (long long) summary.rejected);
  if (summary.reset)
    g_print (_("Received %lld records (full resync).\n"), (long long) summary.pulled);
  else
    g_print (_("Received %lld records.\n"), (long long) summary.pulled);
  if (summary.purged > 0)
    g_print (_("Dropped %lld records this account no longer sees.\n"),
             (long long) summary.purged);
  g_print (_("Waiting: %lld changes, %u conflicts, %u rejections. (%.3f s)\n"),
           (long long) hd_sync_engine_get_pending (cli->engine),
           hd_sync_engine_get_conflicts (cli->engine),
           hd_sync_engine_get_rejections (cli->engine),
           (g_get_monotonic_time () - started) / 1e6);

  if (cli->stats)
    {
      g_autofree char *status = NULL;

      /* VmHWM: the peak resident set of this program since its exec */
      if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
        {
          const char *hwm = strstr (status, "VmHWM:");

          if (hwm != NULL)
            g_print ("peak-rss-kib: %" G_GINT64_FORMAT "\n",
                     g_ascii_strtoll (hwm + strlen ("VmHWM:"), NULL, 10));
        }
    }
  return 0;
}

static int
cmd_status (HdCli   *cli,
            char **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GEnumClass) states = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *last = NULL;
  gint64 last_sync;

  if (!hd_cli_open_engine (cli, &error))
    return hd_cli_fail (_("Cannot open the profile"), error);

  states = g_type_class_ref (HD_TYPE_SYNC_ENGINE_STATE);
  cursor = hd_store_get_meta (cli->store, "cursor");
  last_sync = hd_sync_engine_get_last_sync (cli->engine);
  last = last_sync > 0 ? hd_timestamp_format (last_sync) : g_strdup ("never");

  g_print ("profile: %s\n", cli->profile);
  g_print ("client: %s\n", hd_store_get_client_id (cli->store));
  g_print ("server: %s\n", hd_sync_engine_get_server_url (cli->engine) != NULL
                           ? hd_sync_engine_get_server_url (cli->engine) : "");
  g_print ("user: %s\n", hd_sync_engine_get_username (cli->engine) != NULL
                         ? hd_sync_engine_get_username (cli->engine) : "");
  g_print ("state: %s\n",
           g_enum_get_value (states, hd_sync_engine_get_state (cli->engine))->value_nick);
  g_print ("pending: %" G_GINT64_FORMAT "\n", hd_sync_engine_get_pending (cli->engine));
  g_print ("conflicts: %u\n", hd_sync_engine_get_conflicts (cli->engine));
  g_print ("rejections: %u\n", hd_sync_engine_get_rejections (cli->engine));
  g_print ("last-sync: %s\n", last);
  g_print ("cursor: %s\n", cursor != NULL ? cursor : "");
  if (hd_sync_engine_get_last_error (cli->engine) != NULL)
    g_print ("last-error: %s\n", hd_sync_engine_get_last_error (cli->engine));

  return 0;
}

static JsonNode *
conflict_to_json (const HdSyncConflict *conflict)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  JsonNode *node;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, conflict->id);
  json_builder_set_member_name (builder, "entity");
  json_builder_add_string_value (builder, hd_entity_name (conflict->entity));
  json_builder_set_member_name (builder, "record_id");
  json_builder_add_string_value (builder, conflict->record_id);
  json_builder_set_member_name (builder, "local_delete");
  json_builder_add_boolean_value (builder, conflict->local_delete);
  json_builder_set_member_name (builder, "server_deleted");
  json_builder_add_boolean_value (builder, hd_sync_conflict_server_deleted (conflict));
  json_builder_set_member_name (builder, "fields");
  json_builder_begin_array (builder);
  for (guint i = 0; conflict->fields != NULL && conflict->fields[i] != NULL; i++)
    json_builder_add_string_value (builder, conflict->fields[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "local_changes");
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, hd_record_fields_to_json (conflict->local_changes));
  json_builder_add_value (builder, node);
  json_builder_set_member_name (builder, "base");
  if (conflict->base != NULL)
    json_builder_add_value (builder, hd_record_to_json (conflict->base));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "server");
  if (conflict->server != NULL)
    json_builder_add_value (builder, hd_record_to_json (conflict->server));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "seq");
  json_builder_add_int_value (builder, conflict->seq);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, conflict->created_at);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static int
cmd_conflicts (HdCli   *cli,
               char **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  HdCliWait wait = { NULL };

  if (!hd_cli_open_engine (cli, &error))
    return hd_cli_fail (_("Cannot open the profile"), error);

  hd_sync_engine_list_conflicts_async (cli->engine, NULL, hd_cli_wait_cb, &wait);
  conflicts = hd_sync_engine_list_conflicts_finish (cli->engine, hd_cli_wait_for (&wait), &error);
  g_object_unref (wait.result);
  if (conflicts == NULL)
    return hd_cli_fail (_("The conflicts cannot be read"), error);

  if (cli->json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < conflicts->len; i++)
        json_array_add_element (array, conflict_to_json (g_ptr_array_index (conflicts, i)));
      json_node_take_array (root, array);
      hd_cli_print_json (root);
      return 0;
    }

  for (guint i = 0; i < conflicts->len; i++)
    {
      HdSyncConflict *conflict = g_ptr_array_index (conflicts, i);
      g_autofree char *fields = g_strjoinv (", ", conflict->fields);
      const char *kind;

      if (conflict->local_delete)
        kind = _("deleted here, changed on the server");
      else if (hd_sync_conflict_server_deleted (conflict))
        kind = _("changed here, deleted on the server");
      else
        kind = _("changed on both sides");

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\n", conflict->id,
               hd_entity_name (conflict->entity), conflict->record_id, kind, fields);
    }

  return 0;
}

static int
cmd_resolve (HdCli   *cli,
             char **args)
{
  g_autoptr(GError) error = NULL;
  HdSyncResolution how;
  HdCliWait wait = { NULL };
  gint64 id;
  gboolean ok;

  if (g_strv_length (args) != 2 ||
      !g_ascii_string_to_signed (args[0], 10, 1, G_MAXINT64, &id, NULL))
    return usage (_("resolve needs a conflict number and “mine” or “theirs”."));

  if (g_str_equal (args[1], "mine"))
    how = HD_SYNC_RESOLVE_MINE;
  else if (g_str_equal (args[1], "theirs"))
    how = HD_SYNC_RESOLVE_THEIRS;
  else
    return usage (_("resolve needs a conflict number and “mine” or “theirs”."));

  if (!hd_cli_open_engine (cli, &error))
    return hd_cli_fail (_("Cannot open the profile"), error);

  hd_sync_engine_resolve_async (cli->engine, id, how, NULL, NULL, hd_cli_wait_cb, &wait);
  ok = hd_sync_engine_resolve_finish (cli->engine, hd_cli_wait_for (&wait), &error);
  g_object_unref (wait.result);
  if (!ok)
    return hd_cli_fail (_("The conflict cannot be resolved"), error);

  g_print (_("Resolved; the decision goes to the server with the next sync.\n"));
  return 0;
}

static int
cmd_rejections (HdCli   *cli,
                char **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rejections = NULL;
  HdCliWait wait = { NULL };

  if (!hd_cli_open_engine (cli, &error))
    return hd_cli_fail (_("Cannot open the profile"), error);

  hd_sync_engine_list_rejections_async (cli->engine, NULL, hd_cli_wait_cb, &wait);
  rejections = hd_sync_engine_list_rejections_finish (cli->engine, hd_cli_wait_for (&wait), &error);
  g_object_unref (wait.result);
  if (rejections == NULL)
    return hd_cli_fail (_("The rejections cannot be read"), error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < rejections->len; i++)
        {
          HdSyncRejection *rejection = g_ptr_array_index (rejections, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "entity");
          json_builder_add_string_value (builder, hd_entity_name (rejection->entity));
          json_builder_set_member_name (builder, "record_id");
          json_builder_add_string_value (builder, rejection->record_id);
          json_builder_set_member_name (builder, "code");
          json_builder_add_string_value (builder, rejection->code);
          json_builder_set_member_name (builder, "message");
          json_builder_add_string_value (builder, rejection->message != NULL ? rejection->message : "");
          json_builder_set_member_name (builder, "reason");
          if (rejection->reason_json != NULL)
            json_builder_add_value (builder, json_from_string (rejection->reason_json, NULL));
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      hd_cli_print_json (root);
      return 0;
    }

  for (guint i = 0; i < rejections->len; i++)
    {
      HdSyncRejection *rejection = g_ptr_array_index (rejections, i);

      g_print ("%s\t%s\t%s\t%s\n", hd_entity_name (rejection->entity), rejection->record_id,
               rejection->code, rejection->message != NULL ? rejection->message : "");
    }

  return 0;
}

static int
cmd_discard_or_retry (HdCli      *cli,
                      char    **args,
                      gboolean  retry)
{
  g_autoptr(GError) error = NULL;
  HdCliWait wait = { NULL };
  HdEntity entity;
  gboolean ok;

  if (g_strv_length (args) != 2)
    return usage (_("This command needs a kind of record and an id."));
  if (!hd_cli_parse_entity (args[0], &entity, &error))
    return hd_cli_fail (_("Unknown kind of record"), error);
  if (!hd_cli_open_engine (cli, &error))
    return hd_cli_fail (_("Cannot open the profile"), error);

  if (retry)
    {
      hd_sync_engine_retry_rejected_async (cli->engine, entity, args[1], NULL, NULL,
                                           hd_cli_wait_cb, &wait);
      ok = hd_sync_engine_retry_rejected_finish (cli->engine, hd_cli_wait_for (&wait), &error);
    }
  else
    {
      hd_sync_engine_discard_rejected_async (cli->engine, entity, args[1], NULL,
                                             hd_cli_wait_cb, &wait);
      ok = hd_sync_engine_discard_rejected_finish (cli->engine, hd_cli_wait_for (&wait), &error);
    }
  g_object_unref (wait.result);
  if (!ok)
    return hd_cli_fail (retry ? _("The change cannot be sent again") : _("The change cannot be dropped"),
                 error);

  return 0;
}

static const char *
record_title (const HdRecord *record)
{
  static const char * const names[] = {
    "name", "title", "family_name", "given_name", "topic", "occurred_on", NULL
  };
  HdEntity entity = hd_record_get_entity (record);

  for (guint i = 0; names[i] != NULL; i++)
    {
      int index = hd_entity_field_index (entity, names[i]);
      GVariant *value;

      if (index < 0)
        continue;
      value = hd_record_get (record, (guint) index);
      if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        return g_variant_get_string (value, NULL);
    }

  return "";
}

static int
cmd_list (HdCli   *cli,
          char **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  HdQuery query = { 0 };

  if (g_strv_length (args) != 1)
    return usage (_("list needs a kind of record."));
  if (!hd_cli_parse_entity (args[0], &query.entity, &error))
    return hd_cli_fail (_("Unknown kind of record"), error);
  if (!hd_cli_open_store (cli, &error))
    return hd_cli_fail (_("Cannot open the profile"), error);

  query.hub_id = cli->hub;
  query.include_archived = TRUE;
  query.include_deleted = cli->deleted;
  records = hd_store_query (cli->store, &query, &error);
  if (records == NULL)
    return hd_cli_fail (_("The records cannot be read"), error);

  if (cli->json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < records->len; i++)
        json_array_add_element (array, hd_record_to_json (g_ptr_array_index (records, i)));
      json_node_take_array (root, array);
      hd_cli_print_json (root);
      return 0;
    }

  for (guint i = 0; i < records->len; i++)
    {
      HdRecord *record = g_ptr_array_index (records, i);
      HdSyncState state = hd_store_get_sync_state (cli->store, query.entity,
                                                   hd_record_get_id (record));

      g_print ("%s\t%" G_GINT64_FORMAT "\t%s\t%s\n", hd_record_get_id (record),
               hd_record_get_version (record), state_name (state), record_title (record));
    }

  return 0;
}

static int
cmd_get (HdCli   *cli,
         char **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdRecord) record = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *reason = NULL;
  HdEntity entity;
  JsonObject *object;

  if (g_strv_length (args) != 2)
    return usage (_("get needs a kind of record and an id."));
  if (!hd_cli_parse_entity (args[0], &entity, &error))
    return hd_cli_fail (_("Unknown kind of record"), error);
  if (!hd_cli_open_store (cli, &error))
    return hd_cli_fail (_("Cannot open the profile"), error);

  record = hd_store_get (cli->store, entity, args[1], &error);
  if (record == NULL)
    return hd_cli_fail (_("No such record"), error);

  node = hd_record_to_json (record);
  object = json_node_get_object (node);
  json_object_set_string_member (object, "sync_state",
                                 state_name (hd_store_get_sync_state (cli->store, entity, args[1])));
  reason = hd_store_get_reject_reason (cli->store, entity, args[1]);
  if (reason != NULL)
    json_object_set_member (object, "reject_reason", json_from_string (reason, NULL));
  hd_cli_print_json (node);

  return 0;
}

/* The only hub of the profile, when there is exactly one. */
static char *
only_hub (HdStore *store)
{
  HdQuery query = { 0 };
  g_autoptr(GPtrArray) hubs = NULL;

  query.entity = HD_ENTITY_HUB;
  hubs = hd_store_query (store, &query, NULL);
  if (hubs == NULL || hubs->len != 1)
    return NULL;

  return g_strdup (hd_record_get_id (g_ptr_array_index (hubs, 0)));
}

static int
cmd_put (HdCli   *cli,
         char **args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(HdRecord) changes = NULL;
  g_autoptr(HdRecord) record = NULL;
  g_autofree char *hub_id = NULL;
  const HdEntityInfo *info;
  const char *id = NULL;
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  HdEntity entity;

  if (g_strv_length (args) != 2)
    return usage (_("put needs a kind of record and a JSON object."));
  if (!hd_cli_parse_entity (args[0], &entity, &error))
    return hd_cli_fail (_("Unknown kind of record"), error);

  root = hd_json_parse (args[1], strlen (args[1]), &error);
  if (root == NULL)
    return hd_cli_fail (_("The record is not valid JSON"), error);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return usage (_("put needs a JSON object."));
  object = json_node_get_object (root);

  /* {"id", "hub_id", "fields": {…}} or the fields next to id and hub_id */
  fields = json_object_new ();
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &member))
    {
      if (g_str_equal (name, "id") || g_str_equal (name, "hub_id"))
        continue;
      if (g_str_equal (name, "fields") && JSON_NODE_HOLDS_OBJECT (member))
        {
          JsonObjectIter inner;
          const char *field;
          JsonNode *value;

          json_object_iter_init (&inner, json_node_get_object (member));
          while (json_object_iter_next (&inner, &field, &value))
            json_object_set_member (fields, field, json_node_copy (value));
          continue;
        }
      json_object_set_member (fields, name, json_node_copy (member));
    }

  id = json_object_get_string_member_with_default (object, "id", NULL);
  hub_id = g_strdup (json_object_get_string_member_with_default (object, "hub_id", NULL));

  if (!hd_cli_open_store (cli, &error))
    return hd_cli_fail (_("Cannot open the profile"), error);

  changes = hd_record_fields_from_json (entity, id, fields, &error);
  if (changes == NULL)
    return hd_cli_fail (_("The record cannot be read"), error);

  if (id != NULL)
    record = hd_store_get (cli->store, entity, id, NULL);

  if (record == NULL)
    {
      if (hub_id == NULL)
        hub_id = only_hub (cli->store);
      if (hub_id == NULL && entity != HD_ENTITY_HUB)
        return hd_cli_fail (_("Say which hub the record belongs to (\"hub_id\")."), NULL);
      record = hd_record_new (entity, hub_id);
      if (id != NULL)
        hd_record_set_id (record, id);
    }
  else if (hub_id != NULL)
    hd_record_set_hub_id (record, hub_id);

  info = hd_entity_info (entity);
  for (guint i = 0; i < info->n_fields; i++)
    {
      GVariant *value;

      if (!hd_record_has (changes, i))
        continue;
      value = hd_record_get (changes, i);
      hd_record_set (record, i, value);
    }

  if (!hd_store_save (cli->store, record, &error))
    return hd_cli_fail (_("The record cannot be saved"), error);

  g_print ("%s\n", hd_record_get_id (record));
  return 0;
}

static int
cmd_delete (HdCli   *cli,
            char **args)
{
  g_autoptr(GError) error = NULL;
  HdEntity entity;

  if (g_strv_length (args) != 2)
    return usage (_("delete needs a kind of record and an id."));
  if (!hd_cli_parse_entity (args[0], &entity, &error))
    return hd_cli_fail (_("Unknown kind of record"), error);
  if (!hd_cli_open_store (cli, &error))
    return hd_cli_fail (_("Cannot open the profile"), error);

  if (!hd_store_delete (cli->store, entity, args[1], &error))
    return hd_cli_fail (_("The record cannot be deleted"), error);

  return 0;
}

/* ---- the commands ---- */

static int
cmd_discard (HdCli *cli,
             char **args)
{
  return cmd_discard_or_retry (cli, args, FALSE);
}

static int
cmd_retry (HdCli *cli,
           char **args)
{
  return cmd_discard_or_retry (cli, args, TRUE);
}

static int
cmd_import (HdCli *cli,
            char **args)
{
  const char *file = NULL;
  char **arg;

  for (arg = args; *arg != NULL; arg++)
    if ((*arg)[0] != '-')
      {
        file = *arg;
        break;
      }

  if (file != NULL && (g_str_has_suffix (file, ".ics") || g_str_has_suffix (file, ".ICS")
                       || g_str_has_suffix (file, ".ical") || g_str_has_suffix (file, ".ifb")))
    return hd_cli_import_calendar (cli, args);

  return hd_cli_import_contacts (cli, args);
}

static int
cmd_export (HdCli *cli,
            char **args)
{
  if (args[0] != NULL && (g_str_equal (args[0], "events") || g_str_equal (args[0], "bookings")))
    return hd_cli_export_calendar (cli, args);

  return hd_cli_export_contacts (cli, args);
}

static const struct {
  const char   *name;
  HdCliCommand  run;
  gboolean      own_options;   /* parses options of its own */
} commands[] = {
  { "login", cmd_login, FALSE },
  { "logout", cmd_logout, FALSE },
  { "sync", cmd_sync, FALSE },
  { "status", cmd_status, FALSE },
  { "conflicts", cmd_conflicts, FALSE },
  { "resolve", cmd_resolve, FALSE },
  { "rejections", cmd_rejections, FALSE },
  { "discard", cmd_discard, FALSE },
  { "retry", cmd_retry, FALSE },
  { "list", cmd_list, FALSE },
  { "get", cmd_get, FALSE },
  { "put", cmd_put, FALSE },
  { "delete", cmd_delete, FALSE },
  { "import", cmd_import, TRUE },
  { "export", cmd_export, TRUE },
  { "report", hd_cli_report, TRUE },
  { "occupancy", hd_cli_occupancy, TRUE },
  { "privacy-export", hd_cli_privacy_export, TRUE },
  { "erase-person", hd_cli_erase_person, TRUE },
  { "duplicates", hd_cli_duplicates, TRUE },
  { "merge", hd_cli_merge, TRUE },
};

static gboolean
has_option (char **args)
{
  for (; *args != NULL; args++)
    if (g_str_has_prefix (*args, "--") || ((*args)[0] == '-' && (*args)[1] != '\0' && !g_ascii_isdigit ((*args)[1])))
      return TRUE;
  return FALSE;
}

gboolean
hd_cli_parse_options (const char          *command,
                      const GOptionEntry  *entries,
                      char               **args,
                      char              ***out_args,
                      GError             **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;

  g_strv_builder_add (builder, command);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  if (!g_option_context_parse_strv (context, &argv, error))
    return FALSE;

  /* argv[0] is the command's name */
  *out_args = g_strdupv (argv + 1);
  return TRUE;
}

int
hd_cli_run (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  HdCli cli = { 0 };
  const char *command;
  char **rest;
  int status;
  guint i;
  GOptionEntry entries[] = {
    { "profile", 'p', 0, G_OPTION_ARG_FILENAME, &cli.profile,
      N_("The profile folder (default: ~/.local/share/hubdesk/default)"), N_("DIR") },
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &cli.token_file,
      N_("Keep the login token in FILE instead of the keyring"), N_("FILE") },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &cli.ca_file,
      N_("Trust the certificate authorities in FILE (login)"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &cli.json, N_("Print JSON"), NULL },
    { "hub", 0, 0, G_OPTION_ARG_STRING, &cli.hub, N_("Only records of this hub (list)"), N_("ID") },
    { "deleted", 0, 0, G_OPTION_ARG_NONE, &cli.deleted, N_("Include deleted records (list)"), NULL },
    { "page-size", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &cli.page_size,
      N_("Records per pull page (sync; for tests and benchmarks)"), N_("N") },
    { "stats", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &cli.stats,
      N_("Print the peak memory use after a sync (for benchmarks)"), NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  args = g_strdupv (argv);
  context = g_option_context_new (_("COMMAND [ARGUMENTS…]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, TRUE);
  /* A command's own options reach the command (hd_cli_parse_options). */
  g_option_context_set_ignore_unknown_options (context, TRUE);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      cli_clear (&cli);
      return usage (error->message);
    }

  if (g_strv_length (args) < 2)
    {
      cli_clear (&cli);
      return usage (NULL);
    }

  command = args[1];
  rest = args + 2;

  for (i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (command, commands[i].name))
      break;

  if (i == G_N_ELEMENTS (commands))
    status = usage (command[0] == '-' ? _("Unknown option.") : _("Unknown command."));
  else if (!commands[i].own_options && has_option (rest))
    status = usage (_("Unknown option."));
  else
    status = commands[i].run (&cli, rest);

  cli_clear (&cli);
  return status;
}
