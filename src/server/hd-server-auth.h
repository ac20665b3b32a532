/* hd-server-auth.h — passwords, tokens, login throttling and the one
 * authorization function of the sync server
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Passwords are hashed with libsodium's crypto_pwhash_str (argon2id),
 * never on the main loop. A token is 32 bytes from randombytes_buf(),
 * handed out once in base64url and stored only as its SHA-256.
 */
#pragma once

#include <gio/gio.h>

#include "hd-server-storage.h"

G_BEGIN_DECLS

#define HD_SERVER_TOKEN_BYTES  32
#define HD_SERVER_TOKEN_LENGTH 43      /* base64url of 32 bytes, no padding */
#define HD_SERVER_LOGIN_MAX_FAILURES 10
#define HD_SERVER_LOGIN_WINDOW 60      /* seconds */
#define HD_SERVER_PASSWORD_MAX 1024    /* bytes */

/* Initialises libsodium; FALSE if it cannot be used. */
gboolean  hd_server_auth_init            (GError      **error);

/* Blocking: for admin commands and worker threads only. */
char     *hd_server_password_hash        (const char   *password,
                                          GError      **error);
gboolean  hd_server_password_verify      (const char   *hash,
                                          const char   *password);

/* A small pool of threads for argon2id, so that a burst of logins can
 * neither block the main loop nor take all the memory (each hash takes
 * 64 MiB for a moment). */
typedef struct _HdServerHasher HdServerHasher;

HdServerHasher *hd_server_hasher_new     (guint         max_threads);
void      hd_server_hasher_free          (HdServerHasher *hasher);
/* Verifies @password against @hash (NULL: against a dummy hash, so that
 * unknown users take as long as known ones). */
void      hd_server_hasher_verify_async  (HdServerHasher      *hasher,
                                          const char          *hash,
                                          const char          *password,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean  hd_server_hasher_verify_finish (HdServerHasher      *hasher,
                                          GAsyncResult        *result,
                                          GError             **error);
/* Checks waiting for a thread. */
guint     hd_server_hasher_backlog       (HdServerHasher      *hasher);

/* A fresh token and its hash. */
char     *hd_server_token_new            (guint8        out_hash[32]);
/* FALSE if @token cannot be one of ours (wrong length or alphabet). */
gboolean  hd_server_token_hash           (const char   *token,
                                          guint8        out_hash[32]);

/* Failed logins per account, in memory. More than
 * HD_SERVER_LOGIN_MAX_FAILURES in HD_SERVER_LOGIN_WINDOW seconds blocks
 * that account only, for the rest of the window. */
typedef struct _HdServerThrottle HdServerThrottle;

HdServerThrottle *hd_server_throttle_new (void);
void      hd_server_throttle_free        (HdServerThrottle *throttle);
/* TRUE if a login of @login may be tried now; else *out_retry_after. */
gboolean  hd_server_throttle_allow       (HdServerThrottle *throttle,
                                          const char       *login,
                                          gint64            now,
                                          gint64           *out_retry_after);
void      hd_server_throttle_failed      (HdServerThrottle *throttle,
                                          const char       *login,
                                          gint64            now);
void      hd_server_throttle_succeeded   (HdServerThrottle *throttle,
                                          const char       *login);

typedef enum {
  HD_SERVER_RIGHT_SESSION,   /* any signed-in user (logout) */
  HD_SERVER_RIGHT_READ,      /* pull, wait */
  HD_SERVER_RIGHT_WRITE,     /* push a change of a record of the hub */
} HdServerRight;

/* The one authorization rule. @caller comes from the token (NULL: not
 * signed in); @hub_id is the hub the action touches — for an existing
 * record the hub stored with it, never one taken from a request body;
 * @entity is the kind of record written (ignored for reading).
 *
 * Fails with HD_SERVER_ERROR_UNAUTHORIZED without a caller and with
 * HD_SERVER_ERROR_FORBIDDEN when the caller's memberships do not allow
 * it: reading needs any role in the hub, writing needs "manager", and
 * hubs themselves are read-only to every client. */
gboolean  hd_server_authorize            (const HdServerUser *caller,
                                          HdServerRight       right,
                                          const char         *hub_id,
                                          HdEntity            entity,
                                          GError            **error);

/* The caller's role in @hub_id. */
HdServerRole hd_server_user_role         (const HdServerUser *caller,
                                          const char         *hub_id);

G_END_DECLS
