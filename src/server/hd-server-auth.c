/* hd-server-auth.c — passwords, tokens, login throttling and authorization
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "hd-server-auth.h"
#include "hd-server-error.h"

/* Initialisation {{{1 */

gboolean
hd_server_auth_init (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, HD_SERVER_ERROR, HD_SERVER_ERROR_INTERNAL,
                           _("The cryptography library could not be initialised."));
      return FALSE;
    }

  return TRUE;
}

/* Passwords {{{1 */

char *
hd_server_password_hash (const char  *password,
                         GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];
  gsize length = strlen (password);

  if (length == 0 || length > HD_SERVER_PASSWORD_MAX)
    {
      g_set_error (error, HD_SERVER_ERROR, HD_SERVER_ERROR_BAD_REQUEST,
                   _("A password must have between 1 and %d bytes."),
                   HD_SERVER_PASSWORD_MAX);
      return NULL;
    }

  if (crypto_pwhash_str (hash, password, length,
                         crypto_pwhash_OPSLIMIT_INTERACTIVE,
                         crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    {
      g_set_error_literal (error, HD_SERVER_ERROR, HD_SERVER_ERROR_INTERNAL,
                           _("There was not enough memory to protect the password."));
      return NULL;
    }

  return g_strdup (hash);
}

gboolean
hd_server_password_verify (const char *hash,
                           const char *password)
{
  gsize length = strlen (password);

  if (hash == NULL || length > HD_SERVER_PASSWORD_MAX)
    return FALSE;

  return crypto_pwhash_str_verify (hash, password, length) == 0;
}

/* The hasher {{{1 */

struct _HdServerHasher {
  GThreadPool *pool;
  GMutex       lock;
  char        *dummy_hash;   /* made on first use, in a pool thread */
};

typedef struct {
  char *hash;
  char *password;
} VerifyData;

static void
verify_data_free (VerifyData *data)
{
  g_free (data->hash);
  if (data->password != NULL)
    {
      sodium_memzero (data->password, strlen (data->password));
      g_free (data->password);
    }
  g_free (data);
}

static void
hasher_work (gpointer task_data,
             gpointer pool_data)
{
  g_autoptr(GTask) task = task_data;
  HdServerHasher *hasher = pool_data;
  VerifyData *data = g_task_get_task_data (task);
  gboolean ok;

  if (data->hash == NULL)
    {
      g_autofree char *dummy = NULL;

      g_mutex_lock (&hasher->lock);
      if (hasher->dummy_hash == NULL)
        hasher->dummy_hash = hd_server_password_hash ("not a password of anyone", NULL);
      dummy = g_strdup (hasher->dummy_hash);
      g_mutex_unlock (&hasher->lock);

      hd_server_password_verify (dummy, data->password);
      ok = FALSE;
    }
  else
    ok = hd_server_password_verify (data->hash, data->password);

  g_task_return_boolean (task, ok);
}

HdServerHasher *
hd_server_hasher_new (guint max_threads)
{
  HdServerHasher *hasher = g_new0 (HdServerHasher, 1);

  g_mutex_init (&hasher->lock);
  hasher->pool = g_thread_pool_new (hasher_work, hasher, MAX (1, max_threads), FALSE, NULL);

  return hasher;
}

void
hd_server_hasher_free (HdServerHasher *hasher)
{
  if (hasher == NULL)
    return;

  g_thread_pool_free (hasher->pool, FALSE, TRUE);
  g_mutex_clear (&hasher->lock);
  g_free (hasher->dummy_hash);
  g_free (hasher);
}

void
hd_server_hasher_verify_async (HdServerHasher      *hasher,
                               const char          *hash,
                               const char          *password,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  VerifyData *data = g_new0 (VerifyData, 1);

  data->hash = g_strdup (hash);
  data->password = g_strdup (password);
  g_task_set_source_tag (task, hd_server_hasher_verify_async);
  g_task_set_task_data (task, data, (GDestroyNotify) verify_data_free);

  g_thread_pool_push (hasher->pool, task, NULL);
}

gboolean
hd_server_hasher_verify_finish (HdServerHasher  *hasher,
                                GAsyncResult    *result,
                                GError         **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

guint
hd_server_hasher_backlog (HdServerHasher *hasher)
{
  return g_thread_pool_unprocessed (hasher->pool);
}

/* Tokens {{{1 */

static char *
base64url (const guint8 *data,
           gsize         length)
{
  char *text = g_base64_encode (data, length);
  char *p;

  for (p = text; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }

  return text;
}

char *
hd_server_token_new (guint8 out_hash[32])
{
  guint8 secret[HD_SERVER_TOKEN_BYTES];
  char *token;

  randombytes_buf (secret, sizeof secret);
  token = base64url (secret, sizeof secret);
  sodium_memzero (secret, sizeof secret);

  crypto_hash_sha256 (out_hash, (const guchar *) token, strlen (token));
  return token;
}

gboolean
hd_server_token_hash (const char *token,
                      guint8      out_hash[32])
{
  gsize length;

  if (token == NULL)
    return FALSE;

  length = strnlen (token, HD_SERVER_TOKEN_LENGTH + 1);
  if (length != HD_SERVER_TOKEN_LENGTH)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = token[i];

      if (!g_ascii_isalnum (c) && c != '-' && c != '_')
        return FALSE;
    }

  crypto_hash_sha256 (out_hash, (const guchar *) token, length);
  return TRUE;
}

/* Throttle {{{1 */

#define THROTTLE_MAX_ACCOUNTS 100000

typedef struct {
  gint64 times[HD_SERVER_LOGIN_MAX_FAILURES];  /* ring of the last failures */
  guint  next;
  guint  count;
} Failures;

struct _HdServerThrottle {
  GHashTable *accounts;   /* casefolded login → Failures */
};

HdServerThrottle *
hd_server_throttle_new (void)
{
  HdServerThrottle *throttle = g_new0 (HdServerThrottle, 1);

  throttle->accounts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return throttle;
}

void
hd_server_throttle_free (HdServerThrottle *throttle)
{
  if (throttle == NULL)
    return;

  g_hash_table_unref (throttle->accounts);
  g_free (throttle);
}

static char *
throttle_key (const char *login)
{
  if (!g_utf8_validate (login, -1, NULL))
    return g_strdup ("");
  return g_utf8_casefold (login, -1);
}

/* The oldest failure that still counts, if the ring is full. */
static gboolean
failures_blocked (const Failures *f,
                  gint64          now,
                  gint64         *out_retry_after)
{
  gint64 oldest;

  if (f->count < HD_SERVER_LOGIN_MAX_FAILURES)
    return FALSE;

  oldest = f->times[f->next];  /* the ring is full: next is the oldest */
  if (now - oldest >= HD_SERVER_LOGIN_WINDOW)
    return FALSE;

  if (out_retry_after != NULL)
    *out_retry_after = MAX (1, HD_SERVER_LOGIN_WINDOW - (now - oldest));
  return TRUE;
}

gboolean
hd_server_throttle_allow (HdServerThrottle *throttle,
                          const char       *login,
                          gint64            now,
                          gint64           *out_retry_after)
{
  g_autofree char *key = throttle_key (login);
  Failures *f = g_hash_table_lookup (throttle->accounts, key);

  if (f == NULL)
    return TRUE;

  return !failures_blocked (f, now, out_retry_after);
}

static gboolean
failures_stale (gpointer key,
                gpointer value,
                gpointer user_data)
{
  Failures *f = value;
  gint64 now = *(gint64 *) user_data;
  guint newest = (f->next + HD_SERVER_LOGIN_MAX_FAILURES - 1) % HD_SERVER_LOGIN_MAX_FAILURES;

  return now - f->times[newest] >= HD_SERVER_LOGIN_WINDOW;
}

void
hd_server_throttle_failed (HdServerThrottle *throttle,
                           const char       *login,
                           gint64            now)
{
  g_autofree char *key = throttle_key (login);
  Failures *f = g_hash_table_lookup (throttle->accounts, key);

  if (f == NULL)
    {
      /* Bounded memory: forget accounts whose failures are over. */
      if (g_hash_table_size (throttle->accounts) >= THROTTLE_MAX_ACCOUNTS)
        g_hash_table_foreach_remove (throttle->accounts, failures_stale, &now);
      if (g_hash_table_size (throttle->accounts) >= THROTTLE_MAX_ACCOUNTS)
        return;

      f = g_new0 (Failures, 1);
      g_hash_table_insert (throttle->accounts, g_steal_pointer (&key), f);
    }

  f->times[f->next] = now;
  f->next = (f->next + 1) % HD_SERVER_LOGIN_MAX_FAILURES;
  if (f->count < HD_SERVER_LOGIN_MAX_FAILURES)
    f->count++;
}

void
hd_server_throttle_succeeded (HdServerThrottle *throttle,
                              const char       *login)
{
  g_autofree char *key = throttle_key (login);

  g_hash_table_remove (throttle->accounts, key);
}

/* Authorization {{{1 */

HdServerRole
hd_server_user_role (const HdServerUser *caller,
                     const char         *hub_id)
{
  if (caller == NULL || caller->memberships == NULL || hub_id == NULL)
    return HD_SERVER_ROLE_NONE;

  for (guint i = 0; i < caller->memberships->len; i++)
    {
      const HdServerMembership *m = g_ptr_array_index (caller->memberships, i);

      if (g_strcmp0 (m->hub_id, hub_id) == 0)
        return m->role;
    }

  return HD_SERVER_ROLE_NONE;
}

gboolean
hd_server_authorize (const HdServerUser  *caller,
                     HdServerRight        right,
                     const char          *hub_id,
                     HdEntity             entity,
                     GError             **error)
{
  HdServerRole role;

  if (caller == NULL)
    {
      g_set_error_literal (error, HD_SERVER_ERROR, HD_SERVER_ERROR_UNAUTHORIZED,
                           _("Please sign in first."));
      return FALSE;
    }

  if (right == HD_SERVER_RIGHT_SESSION)
    return TRUE;

  role = hd_server_user_role (caller, hub_id);

  switch (right)
    {
    case HD_SERVER_RIGHT_READ:
      if (role != HD_SERVER_ROLE_NONE)
        return TRUE;
      break;

    case HD_SERVER_RIGHT_WRITE:
      if (role == HD_SERVER_ROLE_MANAGER && !hd_entity_info (entity)->read_only)
        return TRUE;
      if (role == HD_SERVER_ROLE_MANAGER)
        {
          g_set_error (error, HD_SERVER_ERROR, HD_SERVER_ERROR_FORBIDDEN,
                       _("%s records are made by the server’s administrator and cannot be changed here."),
                       hd_entity_label (entity));
          return FALSE;
        }
      if (role == HD_SERVER_ROLE_VIEWER)
        {
          g_set_error_literal (error, HD_SERVER_ERROR, HD_SERVER_ERROR_FORBIDDEN,
                               _("You may look at this hub’s records but not change them."));
          return FALSE;
        }
      break;

    case HD_SERVER_RIGHT_SESSION:
    default:
      break;
    }

  g_set_error_literal (error, HD_SERVER_ERROR, HD_SERVER_ERROR_FORBIDDEN,
                       _("You are not a member of this hub."));
  return FALSE;
}
