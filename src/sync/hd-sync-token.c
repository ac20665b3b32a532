/* hd-sync-token.c — the login token in the keyring
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "hd-sync-client.h"
#include "hd-sync-token.h"

static const SecretSchema token_schema = {
  "org.hubdesk.Hubdesk.Token", SECRET_SCHEMA_NONE,
  {
    { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "profile", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
  0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
};

/* Any failure to reach the Secret Service means: no keyring. */
static void
set_keyring_error (GError       **error,
                   const GError  *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, cause->message);
      return;
    }

  g_set_error (error, HD_SYNC_ERROR, HD_SYNC_ERROR_NO_KEYRING,
               _("No keyring is available to keep the login safe (%s). Hubdesk keeps it nowhere else: start the keyring of your desktop (for example GNOME Keyring) and log in again."),
               cause->message);
}

static void
store_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      GError *mapped = NULL;

      set_keyring_error (&mapped, error);
      g_task_return_error (task, mapped);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
hd_sync_token_store_async (const char          *server,
                           const char          *user,
                           const char          *profile,
                           const char          *token,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *label = NULL;

  g_task_set_source_tag (task, hd_sync_token_store_async);
  /* Translators: shown in the keyring manager (Seahorse). */
  label = g_strdup_printf (_("Hubdesk login of %s on %s"), user, server);
  secret_password_store (&token_schema, SECRET_COLLECTION_DEFAULT, label, token,
                         cancellable, store_done, task,
                         "server", server, "user", user, "profile", profile,
                         NULL);
}

gboolean
hd_sync_token_store_finish (GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *token = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    {
      GError *mapped = NULL;

      set_keyring_error (&mapped, error);
      g_task_return_error (task, mapped);
      return;
    }

  g_task_return_pointer (task, token, (GDestroyNotify) secret_password_free);
}

void
hd_sync_token_lookup_async (const char          *server,
                            const char          *user,
                            const char          *profile,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, hd_sync_token_lookup_async);
  secret_password_lookup (&token_schema, cancellable, lookup_done, task,
                          "server", server, "user", user, "profile", profile,
                          NULL);
}

char *
hd_sync_token_lookup_finish (GAsyncResult  *result,
                             GError       **error)
{
  char *secret = g_task_propagate_pointer (G_TASK (result), error);
  char *token = g_strdup (secret);

  if (secret != NULL)
    secret_password_free (secret);

  return token;
}

static void
clear_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      GError *mapped = NULL;

      set_keyring_error (&mapped, error);
      g_task_return_error (task, mapped);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
hd_sync_token_clear_async (const char          *server,
                           const char          *user,
                           const char          *profile,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, hd_sync_token_clear_async);
  secret_password_clear (&token_schema, cancellable, clear_done, task,
                         "server", server, "user", user, "profile", profile,
                         NULL);
}

gboolean
hd_sync_token_clear_finish (GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
