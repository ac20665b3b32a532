/* hd-sync-client.h — the HTTP side of sync: requests to a Hubdesk server
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One HdSyncClient talks to one server (DESIGN §3, protocol v1). Its
 * requests are blocking and may be sent from any thread (libsoup 3.2
 * allows sending from several threads); the sync engine calls them from
 * worker threads only, never from the GTK thread.
 *
 * Plain http:// is refused unless the host is a loopback address
 * (127.0.0.0/8, ::1 or "localhost"). https:// checks the server's
 * certificate against the system's trust store, or against the
 * certificate authorities in a CA file when one is given.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define HD_SYNC_ERROR (hd_sync_error_quark ())

typedef enum {
  HD_SYNC_ERROR_FAILED,
  HD_SYNC_ERROR_INVALID_URL,        /* not an http(s) address */
  HD_SYNC_ERROR_INSECURE,           /* http:// to a host other than loopback */
  HD_SYNC_ERROR_NETWORK,            /* unreachable, connection lost: try later */
  HD_SYNC_ERROR_TLS,                /* the server's certificate is not trusted */
  HD_SYNC_ERROR_NOT_LOGGED_IN,      /* no token: log in first */
  HD_SYNC_ERROR_UNAUTHORIZED,       /* 401: token expired or revoked */
  HD_SYNC_ERROR_BAD_CREDENTIALS,    /* 401 at login */
  HD_SYNC_ERROR_TOO_MANY_ATTEMPTS,  /* 429 */
  HD_SYNC_ERROR_FORBIDDEN,          /* 403 */
  HD_SYNC_ERROR_SEQUENCE_GAP,       /* 409 sequence_gap */
  HD_SYNC_ERROR_RESET_REQUIRED,     /* 410 reset_required */
  HD_SYNC_ERROR_SERVER,             /* 5xx and the like: try later */
  HD_SYNC_ERROR_PROTOCOL,           /* an answer that makes no sense */
  HD_SYNC_ERROR_SEQUENCE_MISMATCH,  /* the server knows of changes of this
                                       device that the device has not
                                       recorded as sent: pushing stops */
  HD_SYNC_ERROR_NO_KEYRING,         /* no keyring to keep the token in */
  HD_SYNC_ERROR_WRONG_PROFILE,      /* the profile belongs to another
                                       server or account */
  HD_SYNC_ERROR_NOT_FOUND,
} HdSyncError;

GQuark      hd_sync_error_quark         (void);

/* Whether a failed sync is worth retrying by itself later (network,
 * server busy) rather than needing the person (log in, fix the URL). */
gboolean    hd_sync_error_is_transient  (const GError   *error);

/* Checks @url: http or https with a host, http only to loopback.
 * Returns the base address without a trailing slash (and without a
 * trailing "/api/v1"). */
char       *hd_sync_normalize_url       (const char     *url,
                                         GError        **error);

#define HD_TYPE_SYNC_CLIENT (hd_sync_client_get_type ())
G_DECLARE_FINAL_TYPE (HdSyncClient, hd_sync_client, HD, SYNC_CLIENT, GObject)

/* @ca_file: a PEM file of trusted authorities for https, NULL for the
 * system's. Fails on a URL refused by hd_sync_normalize_url() or an
 * unreadable CA file. Create it in the thread that owns it (the engine's
 * main context); requests may then come from any thread. */
HdSyncClient *hd_sync_client_new        (const char     *url,
                                         const char     *ca_file,
                                         GError        **error);
const char   *hd_sync_client_get_url    (HdSyncClient   *self);
/* The bearer token sent with every request but health and login. Safe to
 * call from any thread. */
void          hd_sync_client_set_token  (HdSyncClient   *self,
                                         const char     *token);
char         *hd_sync_client_dup_token  (HdSyncClient   *self);
/* Seconds a request may wait for the next bytes before it fails (default
 * 30). Set before the first request. */
void          hd_sync_client_set_io_timeout (HdSyncClient *self,
                                         guint           seconds);

/* Sends @method to /api/v1/@path (which may carry a query) with @body (a
 * JSON text, or NULL) and returns the answer's JSON on a 2xx status (NULL
 * without error for 204). Any other status becomes an HD_SYNC_ERROR with
 * the server's message; *out_details (if given) receives the error's
 * "details" object then. Answers of up to @max_size bytes are read. */
JsonNode     *hd_sync_client_request    (HdSyncClient   *self,
                                         const char     *method,
                                         const char     *path,
                                         const char     *body,
                                         gsize           max_size,
                                         gboolean        long_poll,
                                         JsonObject    **out_details,
                                         GCancellable   *cancellable,
                                         GError        **error);

/* hd_sync_client_request() without parsing: the body of a 2xx answer as
 * it came (NULL only with @error set). */
GBytes       *hd_sync_client_request_raw (HdSyncClient  *self,
                                         const char     *method,
                                         const char     *path,
                                         const char     *body,
                                         gboolean        long_poll,
                                         JsonObject    **out_details,
                                         GCancellable   *cancellable,
                                         GError        **error);

G_END_DECLS
