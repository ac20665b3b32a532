/* hd-sync-token.h — the login token in the keyring
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the token is kept, never the password, and only in the keyring
 * (the Secret Service, through libsecret's asynchronous API), under the
 * schema "org.hubdesk.Hubdesk.Token" with the attributes server, user and
 * profile (the profile's client id). Without a keyring the calls fail
 * with HD_SYNC_ERROR_NO_KEYRING; the token is then not stored anywhere.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void      hd_sync_token_store_async   (const char          *server,
                                       const char          *user,
                                       const char          *profile,
                                       const char          *token,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean  hd_sync_token_store_finish  (GAsyncResult        *result,
                                       GError             **error);

/* The token, or NULL without error when none is stored. */
void      hd_sync_token_lookup_async  (const char          *server,
                                       const char          *user,
                                       const char          *profile,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
char     *hd_sync_token_lookup_finish (GAsyncResult        *result,
                                       GError             **error);

void      hd_sync_token_clear_async   (const char          *server,
                                       const char          *user,
                                       const char          *profile,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean  hd_sync_token_clear_finish  (GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS
