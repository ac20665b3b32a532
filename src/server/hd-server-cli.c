/* hd-server-cli.c — the command line of hubdesk-server: serve and the
 * admin commands
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <malloc.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <termios.h>
#include <unistd.h>

#include "hd-server-auth.h"
#include "hd-server-cli.h"
#include "hd-server-storage.h"
#include "hd-server.h"

/* The 13 Digital Hubs of Baden-Württemberg (proper names, not
 * translated). */
typedef struct {
  const char *name;
  const char *region;
  const char *kind;
} DemoHub;

static const DemoHub demo_hubs[] = {
  { "Digital Hub Nordschwarzwald", "Nordschwarzwald", "regional" },
  { "Digital Hub Digital Mountains St. Georgen", "Schwarzwald-Baar-Heuberg", "regional" },
  { "Digital Hub Neckar-Alb und Sigmaringen (DNS)", "Neckar-Alb und Sigmaringen", "regional" },
  { "Digital Hub Region Bruchsal HubWerk01", "Region Bruchsal", "regional" },
  { "Zentrum Digitalisierung Landkreis Böblingen (ZD.BB)", "Landkreis Böblingen", "regional" },
  { "Digital Hub kurpfalz@bw", "Kurpfalz", "regional" },
  { "DIGIHUB Südbaden", "Südbaden", "regional" },
  { "Digital Hub Heilbronn-Franken Connected (hfcon)", "Heilbronn-Franken", "regional" },
  { "Digitalisierungszentrum Ostwürttemberg", "Ostwürttemberg", "regional" },
  { "Digitalisierungszentrum Ulm | Alb-Donau | Biberach", "Ulm, Alb-Donau-Kreis und Biberach", "regional" },
  { "de:hub Stuttgart – Future Industries", "Stuttgart", "thematic" },
  { "de:hub Karlsruhe – Applied Artificial Intelligence", "Karlsruhe", "thematic" },
  { "de:hub Mannheim/Ludwigshafen – Digital Chemistry & Digital Health", "Mannheim/Ludwigshafen", "thematic" },
};

#define DEMO_LOGIN "demo"

/* Helpers {{{1 */

static int
fail (const GError *error)
{
  g_printerr ("hubdesk-server: %s\n", error->message);
  return 1;
}

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  g_printerr ("hubdesk-server: %s\n\n%s", message, help);
  return 2;
}

static HdServerStorage *
open_storage (const char  *path,
              gboolean     create,
              GError     **error)
{
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Name the database with --db FILE."));
      return NULL;
    }

  return hd_server_storage_open (path, NULL, create, error);
}

/* Runs @func in one write transaction on a fresh connection. */
typedef gboolean (*WriteFunc) (HdServerConn *conn, gpointer data, GError **error);

static gboolean
in_transaction (HdServerStorage  *storage,
                WriteFunc         func,
                gpointer          data,
                GError          **error)
{
  HdServerConn *conn = hd_server_conn_new (storage, error);
  gboolean ok;

  if (conn == NULL)
    return FALSE;

  ok = hd_server_conn_begin_write (conn, error) &&
       func (conn, data, error) &&
       hd_server_conn_commit (conn, error);
  if (!ok)
    hd_server_conn_rollback (conn);
  hd_server_conn_free (conn);

  return ok;
}

/* Reads a password: without echo from a terminal (twice), else the first
 * line of stdin. Never from the command line. */
static char *
read_password (gboolean   confirm,
               GError   **error)
{
  char buffer[HD_SERVER_PASSWORD_MAX + 2];
  g_autofree char *first = NULL;

  if (isatty (STDIN_FILENO))
    {
      for (guint round = 0; round < (confirm ? 2u : 1u); round++)
        {
          struct termios saved, quiet;
          gboolean ok;

          g_print ("%s", round == 0 ? _("Password: ") : _("Repeat the password: "));
          fflush (stdout);
          tcgetattr (STDIN_FILENO, &saved);
          quiet = saved;
          quiet.c_lflag &= ~(tcflag_t) ECHO;
          tcsetattr (STDIN_FILENO, TCSANOW, &quiet);
          ok = fgets (buffer, sizeof buffer, stdin) != NULL;
          tcsetattr (STDIN_FILENO, TCSANOW, &saved);
          g_print ("\n");

          if (!ok)
            break;
          buffer[strcspn (buffer, "\r\n")] = '\0';
          if (round == 0)
            first = g_strdup (buffer);
          else if (g_strcmp0 (first, buffer) != 0)
            {
              sodium_memzero (buffer, sizeof buffer);
              g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                   _("The two passwords differ."));
              return NULL;
            }
        }
      sodium_memzero (buffer, sizeof buffer);
    }
  else if (fgets (buffer, sizeof buffer, stdin) != NULL)
    {
      buffer[strcspn (buffer, "\r\n")] = '\0';
      first = g_strdup (buffer);
      sodium_memzero (buffer, sizeof buffer);
    }

  if (first == NULL || *first == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("No password was given. Type it when asked, or pass it on standard input."));
      return NULL;
    }

  return g_steal_pointer (&first);
}

static void
password_free (char *password)
{
  if (password != NULL)
    {
      sodium_memzero (password, strlen (password));
      g_free (password);
    }
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdServerStorage, hd_server_storage_free)

/* Hubs {{{1 */

typedef struct {
  const char *name;
  const char *region;
  const char *kind;
  const char *timezone;
  char       *id;
  gboolean    skip_existing;
} NewHub;

static HdRecord *
find_hub (HdServerConn  *conn,
          const char    *name_or_id,
          GError       **error)
{
  g_autoptr(GHashTable) versions = NULL;
  GHashTableIter iter;
  gpointer key;

  if (hd_uuid_is_valid (name_or_id))
    {
      g_autoptr(HdServerStored) stored = hd_server_conn_load (conn, HD_ENTITY_HUB, name_or_id, error);

      if (stored != NULL && !hd_record_get_deleted (stored->record))
        return hd_record_ref (stored->record);
      return NULL;
    }

  /* Every hub has a row in its own feed. */
  versions = hd_server_conn_hub_versions (conn, error);
  if (versions == NULL)
    return NULL;

  g_hash_table_iter_init (&iter, versions);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autoptr(HdServerStored) stored = hd_server_conn_load (conn, HD_ENTITY_HUB, key, error);
      const char *name;

      if (stored == NULL)
        continue;
      name = hd_record_get_string (stored->record, "name");
      if (!hd_record_get_deleted (stored->record) && name != NULL &&
          g_utf8_collate (name, name_or_id) == 0)
        return hd_record_ref (stored->record);
    }

  return NULL;
}

static gboolean
add_hub_write (HdServerConn  *conn,
               gpointer       data,
               GError       **error)
{
  NewHub *hub = data;
  g_autoptr(HdRecord) existing = NULL;
  g_autoptr(HdRecord) record = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *now = hd_timestamp_now ();
  HdServerStored stored = { NULL, { 0, } };
  const char *bad_field = NULL;
  gint64 version;

  existing = find_hub (conn, hub->name, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (existing != NULL)
    {
      if (hub->skip_existing)
        {
          hub->id = g_strdup (hd_record_get_id (existing));
          return TRUE;
        }
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("There is already a hub “%s”."), hub->name);
      return FALSE;
    }

  record = hd_record_new (HD_ENTITY_HUB, NULL);
  hd_record_set_hub_id (record, hd_record_get_id (record));
  hd_record_set_string (record, "name", hub->name);
  hd_record_set_string (record, "region", hub->region);
  hd_record_set_string (record, "kind", hub->kind);
  if (hub->timezone != NULL)
    hd_record_set_string (record, "timezone", hub->timezone);

  if (!hd_record_validate (record, TRUE, &bad_field, error))
    return FALSE;

  if (!hd_server_conn_next_version (conn, &version, error))
    return FALSE;
  hd_record_set_version (record, version);
  hd_record_set_meta (record, now, now, "admin");
  for (guint i = 0; i < HD_MAX_FIELDS; i++)
    stored.field_versions[i] = version;
  stored.record = record;

  if (!hd_server_conn_store (conn, &stored, NULL, 0, g_get_real_time () / G_USEC_PER_SEC, error))
    return FALSE;

  hub->id = g_strdup (hd_record_get_id (record));
  return TRUE;
}

/* Users {{{1 */

typedef struct {
  const char *login;
  const char *name;
  const char *hub;
  char       *password_hash;
  HdServerRole role;
  char       *id;
  gint64      lifetime;
  guint8      token_hash[32];
  gboolean    skip_existing;
} UserJob;

static HdServerUser *
need_user (HdServerConn  *conn,
           const char    *login,
           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  HdServerUser *user = hd_server_conn_user_by_login (conn, login, NULL, &local_error);

  if (user == NULL && local_error == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no user “%s”."), login);
  else if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return user;
}

static gboolean
add_user_write (HdServerConn  *conn,
                gpointer       data,
                GError       **error)
{
  UserJob *job = data;

  if (job->skip_existing)
    {
      g_autoptr(HdServerUser) existing = hd_server_conn_user_by_login (conn, job->login, NULL, error);

      if (existing != NULL)
        {
          job->id = g_strdup (existing->id);
          return TRUE;
        }
    }

  return hd_server_conn_add_user (conn, job->login, job->name, job->password_hash,
                                  &job->id, error);
}

static gboolean
passwd_write (HdServerConn  *conn,
              gpointer       data,
              GError       **error)
{
  UserJob *job = data;
  g_autoptr(HdServerUser) user = need_user (conn, job->login, error);

  return user != NULL &&
         hd_server_conn_set_password (conn, user->id, job->password_hash, error) &&
         hd_server_conn_remove_tokens (conn, user->id, error);
}

static gboolean
role_write (HdServerConn  *conn,
            gpointer       data,
            GError       **error)
{
  UserJob *job = data;
  g_autoptr(HdServerUser) user = need_user (conn, job->login, error);
  g_autoptr(HdRecord) hub = NULL;
  g_autoptr(GError) local_error = NULL;

  if (user == NULL)
    return FALSE;

  hub = find_hub (conn, job->hub, &local_error);
  if (hub == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no hub “%s”."), job->hub);
      return FALSE;
    }

  if (job->role == HD_SERVER_ROLE_NONE &&
      hd_server_user_role (user, hd_record_get_id (hub)) == HD_SERVER_ROLE_NONE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("“%s” is not a member of “%s”."), job->login, hd_record_get_string (hub, "name"));
      return FALSE;
    }

  return hd_server_conn_set_role (conn, user->id, hd_record_get_id (hub), job->role, error);
}

static gboolean
token_write (HdServerConn  *conn,
             gpointer       data,
             GError       **error)
{
  UserJob *job = data;
  g_autoptr(HdServerUser) user = need_user (conn, job->login, error);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  return user != NULL &&
         hd_server_conn_add_token (conn, job->token_hash, user->id, "admin", now,
                                   now + job->lifetime, error);
}

/* Commands {{{1 */

typedef struct {
  const char *name;
  const char *args;
  const char *summary;
  int (*run) (int argc, char **argv);
} Command;

static GOptionContext *
command_context (const char     *name,
                 const char     *args,
                 const char     *summary,
                 char          **db,
                 GOptionEntry   *extra)
{
  g_autofree char *parameter = g_strdup_printf ("%s %s", name, args);
  GOptionContext *context = g_option_context_new (parameter);
  GOptionEntry db_entry[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, db, N_("The server’s database"), N_("FILE") },
    { NULL }
  };

  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, db_entry, GETTEXT_PACKAGE);
  if (extra != NULL)
    g_option_context_add_main_entries (context, extra, GETTEXT_PACKAGE);

  return context;
}

static int
cmd_init (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autoptr(GOptionContext) context = command_context ("init", "", _("Creates the database."), &db, NULL);
  g_autoptr(HdServerStorage) storage = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc != 1)
    return usage_error (context, _("init takes no arguments."));

  storage = open_storage (db, TRUE, &error);
  if (storage == NULL)
    return fail (error);

  g_print (_("The database %s is ready.\n"), db);
  return 0;
}

static int
cmd_add_hub (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *region = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *zone = NULL;
  GOptionEntry entries[] = {
    { "region", 0, 0, G_OPTION_ARG_STRING, &region, N_("The region it serves"), N_("REGION") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("regional or thematic"), N_("KIND") },
    { "timezone", 0, 0, G_OPTION_ARG_STRING, &zone, N_("Its time zone (default Europe/Berlin)"), N_("ZONE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = command_context ("add-hub", "NAME", _("Adds a hub."), &db, entries);
  g_autoptr(HdServerStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  NewHub hub = { 0, };

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc != 2)
    return usage_error (context, _("add-hub needs the hub’s name."));
  if (kind != NULL && g_strcmp0 (kind, "regional") != 0 && g_strcmp0 (kind, "thematic") != 0)
    return usage_error (context, _("--kind is regional or thematic."));

  storage = open_storage (db, FALSE, &error);
  if (storage == NULL)
    return fail (error);

  hub.name = argv[1];
  hub.region = region;
  hub.kind = kind != NULL ? kind : "regional";
  hub.timezone = zone;
  if (!in_transaction (storage, add_hub_write, &hub, &error))
    return fail (error);

  g_print ("%s\n", hub.id);
  g_free (hub.id);
  return 0;
}

static int
cmd_add_user (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *name = NULL;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The person’s full name"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    command_context ("add-user", "LOGIN",
                     _("Adds a user. The password is asked for (or read from standard input)."), &db,
                     entries);
  g_autoptr(HdServerStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  char *password;
  UserJob job = { 0, };

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc != 2)
    return usage_error (context, _("add-user needs the login name."));
  if (strlen (argv[1]) > 256 || !g_utf8_validate (argv[1], -1, NULL))
    return usage_error (context, _("The login name is too long."));

  storage = open_storage (db, FALSE, &error);
  if (storage == NULL || !hd_server_auth_init (&error))
    return fail (error);

  password = read_password (TRUE, &error);
  if (password == NULL)
    return fail (error);
  job.password_hash = hd_server_password_hash (password, &error);
  password_free (password);
  if (job.password_hash == NULL)
    return fail (error);

  job.login = argv[1];
  job.name = name != NULL ? name : argv[1];
  if (!in_transaction (storage, add_user_write, &job, &error))
    {
      g_free (job.password_hash);
      return fail (error);
    }

  g_print ("%s\n", job.id);
  g_free (job.id);
  g_free (job.password_hash);
  return 0;
}

static int
cmd_passwd (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autoptr(GOptionContext) context =
    command_context ("passwd", "LOGIN",
                     _("Sets a new password and signs the user out everywhere."), &db, NULL);
  g_autoptr(HdServerStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  char *password;
  UserJob job = { 0, };
  gboolean ok;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc != 2)
    return usage_error (context, _("passwd needs the login name."));

  storage = open_storage (db, FALSE, &error);
  if (storage == NULL || !hd_server_auth_init (&error))
    return fail (error);

  password = read_password (TRUE, &error);
  if (password == NULL)
    return fail (error);
  job.password_hash = hd_server_password_hash (password, &error);
  password_free (password);
  if (job.password_hash == NULL)
    return fail (error);

  job.login = argv[1];
  ok = in_transaction (storage, passwd_write, &job, &error);
  g_free (job.password_hash);
  if (!ok)
    return fail (error);

  g_print (_("The password of %s was changed.\n"), job.login);
  return 0;
}

static int
cmd_grant (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *role = NULL;
  GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, N_("manager or viewer"), N_("ROLE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    command_context ("grant", "LOGIN HUB", _("Gives a user a role in a hub (by name or id)."), &db, entries);
  g_autoptr(HdServerStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  UserJob job = { 0, };

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc != 3)
    return usage_error (context, _("grant needs a login name and a hub."));
  if (!hd_server_role_from_name (role != NULL ? role : "manager", &job.role))
    return usage_error (context, _("--role is manager or viewer."));

  storage = open_storage (db, FALSE, &error);
  if (storage == NULL)
    return fail (error);

  job.login = argv[1];
  job.hub = argv[2];
  if (!in_transaction (storage, role_write, &job, &error))
    return fail (error);

  g_print (_("%s is now %s of %s.\n"), job.login, hd_server_role_name (job.role), job.hub);
  return 0;
}

static int
cmd_revoke (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autoptr(GOptionContext) context =
    command_context ("revoke", "LOGIN HUB", _("Takes a user’s role in a hub away."), &db, NULL);
  g_autoptr(HdServerStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  UserJob job = { 0, };

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc != 3)
    return usage_error (context, _("revoke needs a login name and a hub."));

  storage = open_storage (db, FALSE, &error);
  if (storage == NULL)
    return fail (error);

  job.login = argv[1];
  job.hub = argv[2];
  job.role = HD_SERVER_ROLE_NONE;
  if (!in_transaction (storage, role_write, &job, &error))
    return fail (error);

  g_print (_("%s is no longer a member of %s.\n"), job.login, job.hub);
  return 0;
}

static int
cmd_token (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *lifetime = NULL;
  GOptionEntry entries[] = {
    { "lifetime", 0, 0, G_OPTION_ARG_STRING, &lifetime, N_("How long it stays valid (default 30d)"), N_("DURATION") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    command_context ("token", "LOGIN",
                     _("Prints a new sign-in token for a user (for scripts)."), &db, entries);
  g_autoptr(HdServerStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  UserJob job = { 0, };

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc != 2)
    return usage_error (context, _("token needs the login name."));

  job.lifetime = 30 * 24 * 3600;
  if (lifetime != NULL && !hd_server_parse_duration (lifetime, &job.lifetime))
    return usage_error (context, _("--lifetime is a duration such as 30d, 12h or 90s."));

  storage = open_storage (db, FALSE, &error);
  if (storage == NULL || !hd_server_auth_init (&error))
    return fail (error);

  token = hd_server_token_new (job.token_hash);
  job.login = argv[1];
  if (!in_transaction (storage, token_write, &job, &error))
    return fail (error);

  g_print ("%s\n", token);
  sodium_memzero (token, strlen (token));
  return 0;
}

static gboolean
list_read (HdServerConn  *conn,
           gpointer       data,
           GError       **error)
{
  g_autoptr(GHashTable) versions = hd_server_conn_hub_versions (conn, error);
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GPtrArray) hubs = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  GHashTableIter iter;
  gpointer key;

  if (versions == NULL)
    return FALSE;

  g_hash_table_iter_init (&iter, versions);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autoptr(HdServerStored) stored = hd_server_conn_load (conn, HD_ENTITY_HUB, key, error);

      if (stored != NULL && !hd_record_get_deleted (stored->record))
        g_ptr_array_add (hubs, hd_record_ref (stored->record));
    }

  g_print (_("Hubs:\n"));
  for (guint i = 0; i < hubs->len; i++)
    {
      HdRecord *hub = g_ptr_array_index (hubs, i);
      const char *region = hd_record_get_string (hub, "region");

      g_print ("  %s  %s (%s%s%s)\n", hd_record_get_id (hub),
               hd_record_get_string (hub, "name"),
               hd_record_get_string (hub, "kind"),
               region != NULL ? ", " : "", region != NULL ? region : "");
    }

  users = hd_server_conn_list_users (conn, error);
  if (users == NULL)
    return FALSE;

  g_print (_("Users:\n"));
  for (guint i = 0; i < users->len; i++)
    {
      HdServerUser *user = g_ptr_array_index (users, i);

      g_print ("  %s  %s\n", user->login, user->name);
      for (guint j = 0; j < user->memberships->len; j++)
        {
          HdServerMembership *m = g_ptr_array_index (user->memberships, j);

          g_print ("      %s: %s\n", hd_server_role_name (m->role), m->hub_name);
        }
    }

  return TRUE;
}

static int
cmd_list (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autoptr(GOptionContext) context = command_context ("list", "", _("Lists hubs, users and their roles."), &db, NULL);
  g_autoptr(HdServerStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  HdServerConn *conn;
  gboolean ok;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);

  storage = open_storage (db, FALSE, &error);
  if (storage == NULL)
    return fail (error);

  conn = hd_server_conn_new (storage, &error);
  if (conn == NULL)
    return fail (error);
  ok = hd_server_conn_begin_read (conn, &error) && list_read (conn, NULL, &error);
  hd_server_conn_end_read (conn);
  hd_server_conn_free (conn);

  return ok ? 0 : fail (error);
}

static gboolean
purge_write (HdServerConn  *conn,
             gpointer       data,
             GError       **error)
{
  gint64 retention = *(gint64 *) data;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint purged = 0;

  if (!hd_server_conn_purge (conn, now - retention, now, &purged, error))
    return FALSE;

  g_print (_("Removed %u deleted records.\n"), purged);
  return TRUE;
}

static int
cmd_purge (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *older = NULL;
  GOptionEntry entries[] = {
    { "older-than", 0, 0, G_OPTION_ARG_STRING, &older, N_("Keep deleted records this long (default 90d)"), N_("DURATION") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    command_context ("purge", "", _("Removes deleted records older than the retention period."), &db, entries);
  g_autoptr(HdServerStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  gint64 retention = (gint64) 90 * 24 * 3600;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (older != NULL && !hd_server_parse_duration (older, &retention))
    return usage_error (context, _("--older-than is a duration such as 90d or 12h."));

  storage = open_storage (db, FALSE, &error);
  if (storage == NULL)
    return fail (error);
  if (!in_transaction (storage, purge_write, &retention, &error))
    return fail (error);

  return 0;
}

static int
cmd_check (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autoptr(GOptionContext) context = command_context ("check", "", _("Checks the database for damage."), &db, NULL);
  g_autoptr(HdServerStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  HdServerConn *conn;
  gboolean ok;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);

  storage = open_storage (db, FALSE, &error);
  if (storage == NULL)
    return fail (error);
  conn = hd_server_conn_new (storage, &error);
  if (conn == NULL)
    return fail (error);
  ok = hd_server_conn_check (conn, &error);
  hd_server_conn_free (conn);
  if (!ok)
    return fail (error);

  g_print ("ok\n");
  return 0;
}

static int
cmd_demo (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autoptr(GOptionContext) context =
    command_context ("demo", "", _("Adds the 13 Digital Hubs and a demo user who manages them."), &db, NULL);
  g_autoptr(HdServerStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  UserJob user = { 0, };
  guint8 secret[12];

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);

  storage = open_storage (db, TRUE, &error);
  if (storage == NULL || !hd_server_auth_init (&error))
    return fail (error);

  randombytes_buf (secret, sizeof secret);
  password = g_base64_encode (secret, sizeof secret);
  sodium_memzero (secret, sizeof secret);
  for (char *p = password; *p != '\0'; p++)
    if (*p == '+' || *p == '/')
      *p = 'x';

  user.password_hash = hd_server_password_hash (password, &error);
  if (user.password_hash == NULL)
    return fail (error);
  user.login = DEMO_LOGIN;
  user.name = _("Demo manager");
  user.skip_existing = TRUE;
  if (!in_transaction (storage, add_user_write, &user, &error))
    return fail (error);

  for (guint i = 0; i < G_N_ELEMENTS (demo_hubs); i++)
    {
      NewHub hub = { demo_hubs[i].name, demo_hubs[i].region, demo_hubs[i].kind, NULL, NULL, TRUE };
      UserJob grant = { 0, };

      if (!in_transaction (storage, add_hub_write, &hub, &error))
        return fail (error);

      grant.login = DEMO_LOGIN;
      grant.hub = hub.id;
      grant.role = HD_SERVER_ROLE_MANAGER;
      if (!in_transaction (storage, role_write, &grant, &error))
        {
          g_free (hub.id);
          return fail (error);
        }
      g_print ("%s  %s\n", hub.id, hub.name);
      g_free (hub.id);
    }

  /* A demo user made earlier keeps its password. */
  {
    HdServerConn *conn = hd_server_conn_new (storage, &error);
    g_autofree char *stored_hash = NULL;
    g_autoptr(HdServerUser) found = NULL;

    if (conn == NULL)
      return fail (error);
    found = hd_server_conn_user_by_login (conn, DEMO_LOGIN, &stored_hash, &error);
    hd_server_conn_free (conn);

    g_print (_("Demo login: %s\n"), DEMO_LOGIN);
    if (g_strcmp0 (stored_hash, user.password_hash) == 0)
      g_print (_("Demo password: %s\n"), password);
    else
      g_print (_("The demo user existed already and keeps its password "
                 "(set a new one with “hubdesk-server passwd %s”).\n"), DEMO_LOGIN);
  }

  g_free (user.id);
  g_free (user.password_hash);
  sodium_memzero (password, strlen (password));
  return 0;
}

/* serve {{{1 */

static gboolean
quit_on_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static void
raise_file_limit (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max)
    {
      limit.rlim_cur = limit.rlim_max;
      setrlimit (RLIMIT_NOFILE, &limit);
    }
}

static int
cmd_serve (int argc, char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *config_file = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *tls_cert = NULL;
  g_autofree char *tls_key = NULL;
  g_autofree char *idle = NULL;
  g_autofree char *request = NULL;
  g_autofree char *token_lifetime = NULL;
  g_autofree char *retention = NULL;
  g_autofree char *maintenance = NULL;
  gint readers = 0;
  gint64 max_pages = 0;
  gboolean quiet = FALSE;
  GOptionEntry entries[] = {
    { "config", 0, 0, G_OPTION_ARG_FILENAME, &config_file, N_("Read settings from this file"), N_("FILE") },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen, N_("Address and port (port 0: any free one)"), N_("HOST:PORT") },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert, N_("TLS certificate (PEM)"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key, N_("TLS private key (PEM)"), N_("FILE") },
    { "idle-timeout", 0, 0, G_OPTION_ARG_STRING, &idle, N_("Close connections idle this long (default 15s)"), N_("DURATION") },
    { "request-timeout", 0, 0, G_OPTION_ARG_STRING, &request, N_("Time to send a whole request (default 20s)"), N_("DURATION") },
    { "token-lifetime", 0, 0, G_OPTION_ARG_STRING, &token_lifetime, N_("How long a sign-in lasts (default 30d)"), N_("DURATION") },
    { "tombstone-retention", 0, 0, G_OPTION_ARG_STRING, &retention, N_("How long deleted records are kept (default 90d)"), N_("DURATION") },
    { "maintenance-interval", 0, 0, G_OPTION_ARG_STRING, &maintenance, N_("How often to purge them (default 1h)"), N_("DURATION") },
    { "readers", 0, 0, G_OPTION_ARG_INT, &readers, N_("Threads for reading (default 4)"), N_("N") },
    { "max-db-pages", 0, 0, G_OPTION_ARG_INT64, &max_pages, N_("For tests: limit the database to N pages"), N_("N") },
    { "quiet", 0, 0, G_OPTION_ARG_NONE, &quiet, N_("Do not log every request"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    command_context ("serve", "", _("Runs the sync server."), &db, entries);
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *url = NULL;
  HdServerConfig config;
  HdServer *server;
  gint64 seconds;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc != 1)
    return usage_error (context, _("serve takes no arguments."));

  hd_server_config_init (&config);
  if (config_file != NULL && !hd_server_config_load (&config, config_file, &error))
    {
      hd_server_config_clear (&config);
      return fail (error);
    }

#define SET_STRING(value, field) \
  if (value != NULL) { g_free (config.field); config.field = g_strdup (value); }
  SET_STRING (db, db_path)
  SET_STRING (listen, listen)
  SET_STRING (tls_cert, tls_cert)
  SET_STRING (tls_key, tls_key)
#undef SET_STRING

#define SET_DURATION(value, field, type, name)                                  \
  if (value != NULL)                                                           \
    {                                                                          \
      if (!hd_server_parse_duration (value, &seconds))                         \
        {                                                                      \
          g_autofree char *message =                                           \
            g_strdup_printf (_("%s is a duration such as 90d, 12h or 30s."), name); \
          hd_server_config_clear (&config);                                    \
          return usage_error (context, message);                               \
        }                                                                      \
      config.field = (type) seconds;                                           \
    }
  SET_DURATION (idle, idle_timeout, guint, "--idle-timeout")
  SET_DURATION (request, request_timeout, guint, "--request-timeout")
  SET_DURATION (token_lifetime, token_lifetime, guint, "--token-lifetime")
  SET_DURATION (retention, tombstone_retention, gint64, "--tombstone-retention")
  SET_DURATION (maintenance, maintenance_interval, guint, "--maintenance-interval")
#undef SET_DURATION

  if (readers > 0)
    config.readers = (guint) MIN (readers, 64);
  if (max_pages > 0)
    config.max_db_pages = max_pages;
  if (quiet)
    config.log_requests = FALSE;

  raise_file_limit ();
  signal (SIGPIPE, SIG_IGN);
  /* Large buffers (request bodies, pull pages) go straight to the system
   * and back, instead of growing the heaps for good. */
  mallopt (M_MMAP_THRESHOLD, 256 * 1024);
  mallopt (M_ARENA_MAX, 4);

  server = hd_server_new (&config, &error);
  hd_server_config_clear (&config);
  if (server == NULL)
    return fail (error);

  url = hd_server_get_url (server);
  g_print (_("Listening on %s\n"), url);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_on_signal, loop);
  g_unix_signal_add (SIGTERM, quit_on_signal, loop);
  g_main_loop_run (loop);

  hd_server_free (server);
  return 0;
}

/* Dispatch {{{1 */

static const Command commands[] = {
  { "serve", "", N_("Run the sync server"), cmd_serve },
  { "init", "", N_("Create the database"), cmd_init },
  { "add-hub", "NAME --region R --kind regional|thematic", N_("Add a hub"), cmd_add_hub },
  { "add-user", "LOGIN --name N", N_("Add a user (password from a prompt or stdin)"), cmd_add_user },
  { "grant", "LOGIN HUB --role manager|viewer", N_("Give a user a role in a hub"), cmd_grant },
  { "revoke", "LOGIN HUB", N_("Take a user’s role in a hub away"), cmd_revoke },
  { "passwd", "LOGIN", N_("Set a new password"), cmd_passwd },
  { "token", "LOGIN [--lifetime D]", N_("Print a sign-in token for scripts"), cmd_token },
  { "list", "", N_("List hubs, users and roles"), cmd_list },
  { "purge", "[--older-than D]", N_("Remove old deleted records"), cmd_purge },
  { "check", "", N_("Check the database for damage"), cmd_check },
  { "demo", "", N_("Add the 13 Digital Hubs and a demo user"), cmd_demo },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n", _("Usage: hubdesk-server COMMAND [OPTIONS] --db FILE"));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-8s %-40s %s\n", commands[i].name, commands[i].args, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("“hubdesk-server COMMAND --help” tells more about each."));
}

int
hd_server_cli_main (int    argc,
                    char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  if (argc < 2 || g_strcmp0 (argv[1], "--help") == 0 || g_strcmp0 (argv[1], "-h") == 0)
    {
      print_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? 2 : 0;
    }

  if (g_strcmp0 (argv[1], "--version") == 0)
    {
      g_print ("hubdesk-server %s\n", PACKAGE_VERSION);
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_strcmp0 (argv[1], commands[i].name) == 0)
        {
          g_autofree char *program = g_strdup_printf ("hubdesk-server %s", argv[1]);

          argv[1] = program;
          g_set_prgname ("hubdesk-server");
          status = commands[i].run (argc - 1, argv + 1);
          return status;
        }
    }

  g_printerr (_("hubdesk-server: “%s” is not a command.\n\n"), argv[1]);
  print_usage (stderr);
  return 2;
}
