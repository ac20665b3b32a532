/* hd-sync-client.c — the HTTP side of sync: requests to a Hubdesk server
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "hd-model.h"
#include "hd-sync-client.h"

G_DEFINE_QUARK (hd-sync-error-quark, hd_sync_error)

/* A long poll asks the server to hold the request this long at most. */
#define LONG_POLL_SLACK_SECONDS 20

struct _HdSyncClient
{
  GObject       parent_instance;

  char         *url;          /* base, without trailing slash */
  SoupSession  *session;      /* normal requests */
  SoupSession  *poll_session; /* long polls: a longer I/O timeout */
  guint         io_timeout;

  GMutex        lock;         /* guards token */
  char         *token;
};

G_DEFINE_FINAL_TYPE (HdSyncClient, hd_sync_client, G_TYPE_OBJECT)

gboolean
hd_sync_error_is_transient (const GError *error)
{
  if (error == NULL)
    return FALSE;

  if (error->domain == HD_SYNC_ERROR)
    {
      switch ((HdSyncError) error->code)
        {
        case HD_SYNC_ERROR_NETWORK:
        case HD_SYNC_ERROR_SERVER:
        case HD_SYNC_ERROR_TOO_MANY_ATTEMPTS:
        case HD_SYNC_ERROR_PROTOCOL:
        case HD_SYNC_ERROR_SEQUENCE_GAP:
        case HD_SYNC_ERROR_RESET_REQUIRED:
        case HD_SYNC_ERROR_FAILED:
          return TRUE;
        default:
          return FALSE;
        }
    }

  /* A busy or full local disk may clear up; anything else from GIO is a
   * network problem that did not map to HD_SYNC_ERROR_NETWORK. */
  return error->domain == G_IO_ERROR &&
         !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;
  gsize len;

  if (host == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  /* GUri keeps the brackets of an IPv6 literal in some versions. */
  len = strlen (host);
  if (len > 2 && host[0] == '[' && host[len - 1] == ']')
    bare = g_strndup (host + 1, len - 2);
  else
    bare = g_strdup (host);

  address = g_inet_address_new_from_string (bare);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

char *
hd_sync_normalize_url (const char  *url,
                       GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  const char *scheme;
  const char *host;
  gsize len;

  if (url == NULL || *url == '\0')
    {
      g_set_error_literal (error, HD_SYNC_ERROR, HD_SYNC_ERROR_INVALID_URL,
                           _("Enter the address of the sync server, for example https://hubs.example.org."));
      return NULL;
    }

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (uri == NULL || scheme == NULL || host == NULL || *host == '\0' ||
      (g_ascii_strcasecmp (scheme, "http") != 0 &&
       g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_query (uri) != NULL || g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, HD_SYNC_ERROR, HD_SYNC_ERROR_INVALID_URL,
                   _("“%s” is not the address of a sync server. It should look like https://hubs.example.org."),
                   url);
      return NULL;
    }

  if (g_ascii_strcasecmp (scheme, "http") == 0 && !host_is_loopback (host))
    {
      g_set_error (error, HD_SYNC_ERROR, HD_SYNC_ERROR_INSECURE,
                   _("The server “%s” must be reached over https://. Plain http:// would send your password and data unprotected; it is allowed only to this computer itself."),
                   host);
      return NULL;
    }

  path = g_strdup (g_uri_get_path (uri));
  len = strlen (path);
  while (len > 0 && path[len - 1] == '/')
    path[--len] = '\0';
  if (g_str_has_suffix (path, "/api/v1"))
    path[len - strlen ("/api/v1")] = '\0';

  {
    const char *clean_scheme = g_ascii_strcasecmp (scheme, "https") == 0 ? "https" : "http";
    g_autoptr(GUri) clean = g_uri_build (G_URI_FLAGS_NONE, clean_scheme,
                                         NULL, host, g_uri_get_port (uri),
                                         path, NULL, NULL);
    text = g_uri_to_string (clean);
  }

  return g_steal_pointer (&text);
}

static void
hd_sync_client_finalize (GObject *object)
{
  HdSyncClient *self = HD_SYNC_CLIENT (object);

  g_clear_object (&self->session);
  g_clear_object (&self->poll_session);
  g_free (self->url);
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (hd_sync_client_parent_class)->finalize (object);
}

static void
hd_sync_client_class_init (HdSyncClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hd_sync_client_finalize;
}

static void
hd_sync_client_init (HdSyncClient *self)
{
  g_mutex_init (&self->lock);
  self->io_timeout = 30;
}

static SoupSession *
make_session (GTlsDatabase *database,
              guint         timeout)
{
  SoupSession *session = soup_session_new ();

  soup_session_set_user_agent (session, "Hubdesk/" PACKAGE_VERSION);
  soup_session_set_timeout (session, timeout);
  soup_session_set_idle_timeout (session, 60);
  if (database != NULL)
    soup_session_set_tls_database (session, database);

  return session;
}

HdSyncClient *
hd_sync_client_new (const char  *url,
                    const char  *ca_file,
                    GError     **error)
{
  g_autoptr(HdSyncClient) self = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autofree char *base = hd_sync_normalize_url (url, error);

  if (base == NULL)
    return NULL;

  if (ca_file != NULL && *ca_file != '\0')
    {
      g_autoptr(GError) local_error = NULL;

      database = g_tls_file_database_new (ca_file, &local_error);
      if (database == NULL)
        {
          g_set_error (error, HD_SYNC_ERROR, HD_SYNC_ERROR_TLS,
                       _("The certificate file “%s” cannot be used: %s"),
                       ca_file, local_error->message);
          return NULL;
        }
    }

  self = g_object_new (HD_TYPE_SYNC_CLIENT, NULL);
  self->url = g_steal_pointer (&base);
  self->session = make_session (database, self->io_timeout);
  self->poll_session = make_session (database,
                                     self->io_timeout + 60 + LONG_POLL_SLACK_SECONDS);

  return g_steal_pointer (&self);
}

const char *
hd_sync_client_get_url (HdSyncClient *self)
{
  g_return_val_if_fail (HD_IS_SYNC_CLIENT (self), NULL);

  return self->url;
}

void
hd_sync_client_set_token (HdSyncClient *self,
                          const char   *token)
{
  g_return_if_fail (HD_IS_SYNC_CLIENT (self));

  g_mutex_lock (&self->lock);
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  self->token = g_strdup (token);
  g_mutex_unlock (&self->lock);
}

char *
hd_sync_client_dup_token (HdSyncClient *self)
{
  char *token;

  g_return_val_if_fail (HD_IS_SYNC_CLIENT (self), NULL);

  g_mutex_lock (&self->lock);
  token = g_strdup (self->token);
  g_mutex_unlock (&self->lock);

  return token;
}

void
hd_sync_client_set_io_timeout (HdSyncClient *self,
                               guint         seconds)
{
  g_return_if_fail (HD_IS_SYNC_CLIENT (self));

  self->io_timeout = MAX (seconds, 1);
  soup_session_set_timeout (self->session, self->io_timeout);
  soup_session_set_timeout (self->poll_session,
                            self->io_timeout + 60 + LONG_POLL_SLACK_SECONDS);
}

/* The HD_SYNC_ERROR code for an HTTP status and the server's code. */
static HdSyncError
error_for_status (guint       status,
                  const char *code)
{
  if (code != NULL)
    {
      if (g_str_equal (code, "sequence_gap"))
        return HD_SYNC_ERROR_SEQUENCE_GAP;
      if (g_str_equal (code, "reset_required"))
        return HD_SYNC_ERROR_RESET_REQUIRED;
      if (g_str_equal (code, "invalid_credentials"))
        return HD_SYNC_ERROR_BAD_CREDENTIALS;
      if (g_str_equal (code, "too_many_attempts"))
        return HD_SYNC_ERROR_TOO_MANY_ATTEMPTS;
    }

  switch (status)
    {
    case 401:
      return HD_SYNC_ERROR_UNAUTHORIZED;
    case 403:
      return HD_SYNC_ERROR_FORBIDDEN;
    case 404:
      return HD_SYNC_ERROR_NOT_FOUND;
    case 409:
      return HD_SYNC_ERROR_SEQUENCE_GAP;
    case 410:
      return HD_SYNC_ERROR_RESET_REQUIRED;
    case 429:
      return HD_SYNC_ERROR_TOO_MANY_ATTEMPTS;
    default:
      break;
    }

  if (status >= 500 || status == 408)
    return HD_SYNC_ERROR_SERVER;

  return HD_SYNC_ERROR_PROTOCOL;
}

static const char *
fallback_message (HdSyncError code)
{
  switch (code)
    {
    case HD_SYNC_ERROR_UNAUTHORIZED:
      return _("The server no longer accepts this login. Please log in again.");
    case HD_SYNC_ERROR_BAD_CREDENTIALS:
      return _("The user name or password is wrong.");
    case HD_SYNC_ERROR_TOO_MANY_ATTEMPTS:
      return _("Too many attempts. Please wait a minute and try again.");
    case HD_SYNC_ERROR_FORBIDDEN:
      return _("The server does not allow this for your account.");
    case HD_SYNC_ERROR_NOT_FOUND:
      return _("The server does not know this address. Is it a Hubdesk server?");
    case HD_SYNC_ERROR_SERVER:
      return _("The server has a problem. Hubdesk will try again later.");
    default:
      return _("The server gave an answer Hubdesk does not understand.");
    }
}

/* Makes a GError from a transport failure of libsoup or GIO. */
static void
set_transport_error (GError      **error,
                     const GError *cause,
                     const char   *url)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("Sync was cancelled."));
      return;
    }

  if (cause->domain == G_TLS_ERROR)
    {
      g_set_error (error, HD_SYNC_ERROR, HD_SYNC_ERROR_TLS,
                   _("The server’s certificate is not trusted (%s). If your hub network runs its own certificate authority, choose its certificate file in Preferences."),
                   cause->message);
      return;
    }

  g_set_error (error, HD_SYNC_ERROR, HD_SYNC_ERROR_NETWORK,
               _("The server at %s cannot be reached: %s"),
               url, cause->message);
}

static GBytes *
send_request (HdSyncClient  *self,
              const char    *method,
              const char    *path,
              const char    *body,
              gboolean       long_poll,
              guint         *out_status,
              char         **out_content_type,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *uri = g_strconcat (self->url, "/api/v1/", path, NULL);
  g_autofree char *token = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  SoupMessageHeaders *headers;
  const char *content_type;

  msg = soup_message_new (method, uri);
  if (msg == NULL)
    {
      g_set_error (error, HD_SYNC_ERROR, HD_SYNC_ERROR_INVALID_URL,
                   _("“%s” is not the address of a sync server."), self->url);
      return NULL;
    }

  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "Accept", "application/json");

  token = hd_sync_client_dup_token (self);
  if (token != NULL && !g_str_equal (path, "health") && !g_str_equal (path, "login"))
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", auth);
      memset (auth, 0, strlen (auth));
    }

  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", request);
    }

  bytes = soup_session_send_and_read (long_poll ? self->poll_session : self->session,
                                      msg, cancellable, &local_error);
  if (bytes == NULL)
    {
      set_transport_error (error, local_error, self->url);
      return NULL;
    }

  *out_status = soup_message_get_status (msg);
  content_type = soup_message_headers_get_content_type (soup_message_get_response_headers (msg),
                                                        NULL);
  *out_content_type = g_strdup (content_type);

  return g_steal_pointer (&bytes);
}

static JsonNode *
parse_body (GBytes  *bytes,
            gsize    max_size,
            GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (!hd_json_check (data, size, max_size, &local_error))
    {
      g_set_error (error, HD_SYNC_ERROR, HD_SYNC_ERROR_PROTOCOL,
                   _("The server’s answer cannot be read: %s"), local_error->message);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) size, &local_error))
    {
      g_set_error (error, HD_SYNC_ERROR, HD_SYNC_ERROR_PROTOCOL,
                   _("The server’s answer cannot be read: %s"), local_error->message);
      return NULL;
    }

  return json_parser_steal_root (parser);
}

GBytes *
hd_sync_client_request_raw (HdSyncClient  *self,
                            const char    *method,
                            const char    *path,
                            const char    *body,
                            gboolean       long_poll,
                            JsonObject   **out_details,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *content_type = NULL;
  g_autoptr(JsonNode) root = NULL;
  guint status = 0;
  const char *code = NULL;
  const char *message = NULL;
  JsonObject *error_object = NULL;
  HdSyncError sync_code;

  g_return_val_if_fail (HD_IS_SYNC_CLIENT (self), NULL);

  if (out_details != NULL)
    *out_details = NULL;

  bytes = send_request (self, method, path, body, long_poll, &status,
                        &content_type, cancellable, error);
  if (bytes == NULL)
    return NULL;

  if (status >= 200 && status < 300)
    return g_steal_pointer (&bytes);

  /* An error: read {"error": {"code", "message", "details"}} if it is
   * there; a proxy in between may answer with anything. */
  if (content_type != NULL && g_str_equal (content_type, "application/json"))
    root = parse_body (bytes, HD_JSON_MAX_SIZE, NULL);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      JsonNode *node = json_object_get_member (object, "error");

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        error_object = json_node_get_object (node);
    }

  if (error_object != NULL)
    {
      JsonNode *node;

      node = json_object_get_member (error_object, "code");
      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_STRING)
        code = json_node_get_string (node);
      node = json_object_get_member (error_object, "message");
      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_STRING)
        message = json_node_get_string (node);
      node = json_object_get_member (error_object, "details");
      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node) && out_details != NULL)
        *out_details = json_object_ref (json_node_get_object (node));
    }

  sync_code = error_for_status (status, code);
  if (sync_code == HD_SYNC_ERROR_UNAUTHORIZED)
    message = fallback_message (sync_code);
  else if (message == NULL || *message == '\0')
    message = fallback_message (sync_code);

  g_set_error_literal (error, HD_SYNC_ERROR, sync_code, message);
  return NULL;
}

JsonNode *
hd_sync_client_request (HdSyncClient  *self,
                        const char    *method,
                        const char    *path,
                        const char    *body,
                        gsize          max_size,
                        gboolean       long_poll,
                        JsonObject   **out_details,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;

  bytes = hd_sync_client_request_raw (self, method, path, body, long_poll, out_details,
                                      cancellable, error);
  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    return NULL;

  root = parse_body (bytes, max_size, error);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, HD_SYNC_ERROR, HD_SYNC_ERROR_PROTOCOL,
                           _("The server gave an answer Hubdesk does not understand."));
      return NULL;
    }

  return g_steal_pointer (&root);
}
