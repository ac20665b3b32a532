/* hd-server-http.c — the HTTP side of the sync server (SoupServer)
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Order of checks for every request:
 *   1. "request-started": the connection gets an idle timeout (GSocket
 *      timeout) and the request a deadline for its head and body; a slow
 *      client is cut off when it passes.
 *   2. the early handler, after the head and before any of the body:
 *      method and path, Content-Length (411 without one), its size (413
 *      above 1 MiB, answered at once and the connection closed without
 *      reading the body), Content-Type.
 *   3. the handler, after the body: the request goes to a reader thread or
 *      to the writer; the message is paused meanwhile, so the main loop
 *      never waits on the database or on a password hash. The document is
 *      checked for depth and UTF-8 (hd_json_check()) before json-glib
 *      sees it, on the worker.
 * One line per request goes to stderr: method, path, status, time, user.
 * Tokens and passwords are never logged.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>
#include <sys/socket.h>

#include "hd-codec.h"
#include "hd-server-error.h"
#include "hd-server-json.h"
#include "hd-server-private.h"

#define STATE_KEY "hd-server-state"
#define LINGER_SECONDS 5
#define MAX_WRITE_BACKLOG 2000
#define LISTEN_BACKLOG 1024
#define TRIM_AFTER (128 * 1024)
#define MAX_HASH_BACKLOG 32

/* Per message: timing, the deadline, the user for the log. */
typedef struct {
  HdServer         *server;
  GSocket          *socket;
  gint64            started;      /* monotonic µs */
  guint             deadline_id;
  char             *user;
  HdServerRequest  *request;      /* while one is pending */
} MsgState;

static void
msg_state_free (MsgState *state)
{
  if (state->deadline_id != 0)
    g_source_remove (state->deadline_id);
  if (state->request != NULL)
    {
      state->request->finished = TRUE;
      state->request = NULL;
    }
  g_clear_object (&state->socket);
  g_free (state->user);
  g_free (state);
}

static MsgState *
msg_state (SoupServerMessage *msg)
{
  return g_object_get_data (G_OBJECT (msg), STATE_KEY);
}

/* Logging {{{1 */

static void
log_request (HdServer          *server,
             SoupServerMessage *msg,
             guint              status,
             const char        *note)
{
  MsgState *state = msg_state (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  const char *method = soup_server_message_get_method (msg);
  const char *path = uri != NULL ? g_uri_get_path (uri) : NULL;
  g_autofree char *safe_path = NULL;
  g_autofree char *safe_method = NULL;
  double ms = 0;

  if (!server->config.log_requests)
    return;

  if (state != NULL)
    ms = (g_get_monotonic_time () - state->started) / 1000.0;

  /* The path is the client's text: escape it and keep it short. */
  if (path != NULL)
    {
      g_autofree char *cut = g_strndup (path, 200);

      safe_path = g_strescape (cut, NULL);
    }
  safe_method = method != NULL ? g_strescape (method, NULL) : NULL;

  g_printerr ("hubdesk-server: %s %s %u %.1fms user=%s%s%s\n",
              safe_method ? safe_method : "-",
              safe_path ? safe_path : "-",
              status, ms,
              state != NULL && state->user != NULL ? state->user : "-",
              note != NULL ? " " : "",
              note != NULL ? note : "");
}

void
hd_server_request_set_user (HdServerRequest *request,
                            const char      *login)
{
  MsgState *state;

  if (request->finished || login == NULL)
    return;

  state = msg_state (request->msg);
  if (state != NULL)
    {
      g_free (state->user);
      state->user = g_strdup (login);
    }
}

/* Connections: idle timeout and request deadline {{{1 */

static gboolean
deadline_passed (gpointer user_data)
{
  MsgState *state = user_data;

  state->deadline_id = 0;
  /* The client did not send its request in time: end the connection.
   * libsoup sees the end of the stream and lets go of the message. */
  if (state->socket != NULL)
    g_socket_shutdown (state->socket, TRUE, TRUE, NULL);

  return G_SOURCE_REMOVE;
}

static void
request_started (SoupServer        *soup,
                 SoupServerMessage *msg,
                 gpointer           user_data)
{
  HdServer *server = user_data;
  MsgState *state = g_new0 (MsgState, 1);
  GSocket *socket = soup_server_message_get_socket (msg);

  state->server = server;
  state->started = g_get_monotonic_time ();
  if (socket != NULL)
    {
      state->socket = g_object_ref (socket);
      g_socket_set_timeout (socket, server->config.idle_timeout);
    }
  if (server->config.request_timeout > 0)
    state->deadline_id = g_timeout_add_seconds (server->config.request_timeout,
                                                deadline_passed, state);

  g_object_set_data_full (G_OBJECT (msg), STATE_KEY, state, (GDestroyNotify) msg_state_free);
}

static void
request_read (SoupServer        *soup,
              SoupServerMessage *msg,
              gpointer           user_data)
{
  MsgState *state = msg_state (msg);

  if (state != NULL && state->deadline_id != 0)
    {
      g_source_remove (state->deadline_id);
      state->deadline_id = 0;
    }
}

static void
request_finished (SoupServer        *soup,
                  SoupServerMessage *msg,
                  gpointer           user_data)
{
  log_request (user_data, msg, soup_server_message_get_status (msg), NULL);
  g_object_set_data (G_OBJECT (msg), STATE_KEY, NULL);
}

static void
request_aborted (SoupServer        *soup,
                 SoupServerMessage *msg,
                 gpointer           user_data)
{
  MsgState *state = msg_state (msg);

  /* Connections closed before a request began are not requests. */
  if (state != NULL && soup_server_message_get_method (msg) != NULL)
    log_request (user_data, msg, soup_server_message_get_status (msg), "aborted");
  g_object_set_data (G_OBJECT (msg), STATE_KEY, NULL);
}

/* Answers {{{1 */

static void
set_json (SoupServerMessage *msg,
          guint              status,
          char              *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                      body, strlen (body));
}

static void
set_error (SoupServerMessage *msg,
           const GError      *error,
           JsonNode          *details,
           gint64             retry_after)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  guint status = hd_server_error_status (error);
  g_autoptr(GError) shown = hd_server_error_from (error);

  if (status == 401)
    soup_message_headers_replace (headers, "WWW-Authenticate", "Bearer realm=\"hubdesk\"");
  if (retry_after > 0)
    {
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, retry_after);

      soup_message_headers_replace (headers, "Retry-After", value);
    }
  if (status >= 500 && error->domain != HD_SERVER_ERROR)
    g_printerr ("hubdesk-server: %s\n", error->message);

  set_json (msg, status,
            hd_server_error_body (hd_server_error_code (error), shown->message, details));
}

static void
set_error_literal (SoupServerMessage *msg,
                   HdServerError      code,
                   const char        *message)
{
  g_autoptr(GError) error = g_error_new_literal (HD_SERVER_ERROR, code, message);

  set_error (msg, error, NULL, 0);
}

void
hd_server_request_free (HdServerRequest *request)
{
  if (request == NULL)
    return;

  if ((request->body != NULL && g_bytes_get_size (request->body) > TRIM_AFTER) ||
      (request->response != NULL && strlen (request->response) > TRIM_AFTER))
    request->server->trim_pending = TRUE;

  g_clear_object (&request->msg);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request->cursor);
  g_clear_pointer (&request->caller, hd_server_user_free);
  g_clear_error (&request->error);
  g_clear_pointer (&request->error_details, json_node_unref);
  g_free (request->response);
  g_free (request->login);
  if (request->password != NULL)
    {
      sodium_memzero (request->password, strlen (request->password));
      g_free (request->password);
    }
  g_free (request->device);
  g_free (request->password_hash);
  if (request->token != NULL)
    {
      sodium_memzero (request->token, strlen (request->token));
      g_free (request->token);
    }
  g_clear_pointer (&request->push, hd_server_push_free);
  sodium_memzero (request->token_hash, sizeof request->token_hash);
  g_free (request);
}

void
hd_server_request_finish (HdServerRequest *request)
{
  SoupServerMessage *msg = request->msg;
  MsgState *state = msg_state (msg);

  if (state != NULL && state->request == request)
    state->request = NULL;

  if (!request->finished && !request->answered && !request->server->stopping)
    {
      request->answered = TRUE;
      if (request->error != NULL)
        set_error (msg, request->error, request->error_details, request->retry_after);
      else
        set_json (msg, request->status ? request->status : SOUP_STATUS_OK,
                  g_steal_pointer (&request->response));
      soup_server_message_unpause (msg);
    }

  hd_server_request_free (request);
}

static void
request_fail (HdServerRequest *request,
              HdServerError    code,
              const char      *message)
{
  g_clear_error (&request->error);
  request->error = g_error_new_literal (HD_SERVER_ERROR, code, message);
}

/* Early rejections: answer and close without reading the body {{{1 */

typedef struct {
  GIOStream     *stream;
  GSocket       *socket;
  char          *response;
  guint8         buffer[8192];
  gint64         until;
  GCancellable  *cancellable;
  guint          timer_id;
} Closer;

static void
closer_free (Closer *closer)
{
  if (closer->timer_id != 0)
    g_source_remove (closer->timer_id);
  if (closer->socket != NULL)
    g_socket_close (closer->socket, NULL);
  g_clear_object (&closer->stream);
  g_clear_object (&closer->socket);
  g_clear_object (&closer->cancellable);
  g_free (closer->response);
  g_free (closer);
}

static gboolean
closer_timeout (gpointer user_data)
{
  Closer *closer = user_data;

  closer->timer_id = 0;
  g_cancellable_cancel (closer->cancellable);

  return G_SOURCE_REMOVE;
}

static void closer_drain (Closer *closer);

static void
closer_read_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Closer *closer = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (n > 0 && g_get_monotonic_time () < closer->until)
    closer_drain (closer);
  else
    closer_free (closer);
}

/* Whatever the client still sends is read and thrown away for a few
 * seconds, so that it gets to read our answer instead of a reset. */
static void
closer_drain (Closer *closer)
{
  g_input_stream_read_async (g_io_stream_get_input_stream (closer->stream),
                             closer->buffer, sizeof closer->buffer,
                             G_PRIORITY_LOW, closer->cancellable,
                             closer_read_done, closer);
}

static void
closer_written (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Closer *closer = user_data;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL))
    {
      closer_free (closer);
      return;
    }

  if (closer->socket != NULL)
    g_socket_shutdown (closer->socket, FALSE, TRUE, NULL);
  closer_drain (closer);
}

static void
reject_and_close (HdServer          *server,
                  SoupServerMessage *msg,
                  HdServerError      code,
                  const char        *message)
{
  g_autoptr(GError) error = g_error_new_literal (HD_SERVER_ERROR, code, message);
  g_autofree char *body = hd_server_error_body (hd_server_error_code (error), message, NULL);
  guint status = hd_server_error_status (error);
  GSocket *socket = soup_server_message_get_socket (msg);
  Closer *closer;
  GIOStream *stream;

  log_request (server, msg, status, "closed");

  if (socket != NULL)
    g_object_ref (socket);
  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    {
      g_clear_object (&socket);
      soup_server_message_set_status (msg, status, NULL);
      return;
    }

  closer = g_new0 (Closer, 1);
  closer->stream = stream;
  closer->socket = socket;
  closer->cancellable = g_cancellable_new ();
  closer->until = g_get_monotonic_time () + LINGER_SECONDS * G_USEC_PER_SEC;
  closer->timer_id = g_timeout_add_seconds (LINGER_SECONDS, closer_timeout, closer);
  closer->response = g_strdup_printf ("HTTP/1.1 %u %s\r\n"
                                      "Content-Type: application/json\r\n"
                                      "Content-Length: %zu\r\n"
                                      "Cache-Control: no-store\r\n"
                                      "Connection: close\r\n"
                                      "\r\n%s",
                                      status, soup_status_get_phrase (status),
                                      strlen (body), body);
  if (socket != NULL)
    g_socket_set_timeout (socket, LINGER_SECONDS);

  g_output_stream_write_all_async (g_io_stream_get_output_stream (stream),
                                   closer->response, strlen (closer->response),
                                   G_PRIORITY_DEFAULT, closer->cancellable,
                                   closer_written, closer);
}

/* Routing {{{1 */

typedef struct {
  const char        *path;
  HdServerEndpoint   endpoint;
  const char        *method;
} Route;

static const Route routes[] = {
  { "/api/v1/health", HD_SERVER_ENDPOINT_HEALTH, "GET" },
  { "/api/v1/login",  HD_SERVER_ENDPOINT_LOGIN,  "POST" },
  { "/api/v1/logout", HD_SERVER_ENDPOINT_LOGOUT, "POST" },
  { "/api/v1/pull",   HD_SERVER_ENDPOINT_PULL,   "GET" },
  { "/api/v1/push",   HD_SERVER_ENDPOINT_PUSH,   "POST" },
  { "/api/v1/wait",   HD_SERVER_ENDPOINT_WAIT,   "GET" },
};

static const Route *
find_route (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      if (g_strcmp0 (routes[i].path, path) == 0)
        return &routes[i];
    }

  return NULL;
}

/* Checks what can be checked from the head alone. Returns FALSE when the
 * message was answered. */
static gboolean
check_head (HdServer          *server,
            SoupServerMessage *msg,
            const char        *path,
            gboolean           early)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  SoupEncoding encoding = soup_message_headers_get_encoding (headers);
  goffset length = encoding == SOUP_ENCODING_CONTENT_LENGTH
                   ? soup_message_headers_get_content_length (headers) : 0;
  const Route *route = find_route (path);
  gboolean is_post = g_strcmp0 (method, "POST") == 0;

  /* A length libsoup would choke on. */
  if (encoding == SOUP_ENCODING_CONTENT_LENGTH && length < 0)
    {
      if (early)
        reject_and_close (server, msg, HD_SERVER_ERROR_BAD_REQUEST,
                          _("The Content-Length header is not a length."));
      return FALSE;
    }

  /* A body we will not read in full: answer now and close. */
  if (encoding == SOUP_ENCODING_CONTENT_LENGTH && length > HD_JSON_MAX_SIZE)
    {
      if (early)
        reject_and_close (server, msg, HD_SERVER_ERROR_TOO_LARGE,
                          _("The request is larger than 1 MiB. Send the changes in smaller parts."));
      return FALSE;
    }
  if (encoding != SOUP_ENCODING_CONTENT_LENGTH && encoding != SOUP_ENCODING_NONE)
    {
      if (early)
        reject_and_close (server, msg, HD_SERVER_ERROR_LENGTH_REQUIRED,
                          _("A request body needs a Content-Length header."));
      return FALSE;
    }

  if (route == NULL)
    {
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      set_error_literal (msg, HD_SERVER_ERROR_NOT_FOUND, _("There is no such address on this server."));
      return FALSE;
    }

  if (g_strcmp0 (method, route->method) != 0)
    {
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Allow", route->method);
      set_error_literal (msg, HD_SERVER_ERROR_METHOD_NOT_ALLOWED,
                         _("This address does not take that kind of request."));
      return FALSE;
    }

  if (is_post)
    {
      const char *type;

      if (encoding != SOUP_ENCODING_CONTENT_LENGTH)
        {
          set_error_literal (msg, HD_SERVER_ERROR_LENGTH_REQUIRED,
                             _("A request body needs a Content-Length header."));
          return FALSE;
        }

      type = soup_message_headers_get_content_type (headers, NULL);
      if (length > 0 && g_ascii_strcasecmp (type ? type : "", "application/json") != 0)
        {
          soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
          set_error_literal (msg, HD_SERVER_ERROR_UNSUPPORTED_MEDIA,
                             _("Requests must be sent as application/json."));
          return FALSE;
        }
    }
  else if (length > 0)
    {
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      set_error_literal (msg, HD_SERVER_ERROR_BAD_REQUEST,
                         _("This kind of request takes no body."));
      return FALSE;
    }

  return TRUE;
}

static void
early_handler (SoupServer        *soup,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  check_head (user_data, msg, path, TRUE);
}

/* Tokens from the Authorization header {{{1 */

static gboolean
read_token (SoupServerMessage *msg,
            guint8             out_hash[32])
{
  const char *value = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                    "Authorization");

  if (value == NULL || g_ascii_strncasecmp (value, "Bearer ", 7) != 0)
    return FALSE;

  value += 7;
  while (*value == ' ')
    value++;

  return hd_server_token_hash (value, out_hash);
}

/* Looks the caller up by token, in the current transaction. */
static gboolean
authenticate (HdServerConn     *conn,
              HdServerRequest  *request)
{
  g_autoptr(GError) error = NULL;
  gboolean expired = FALSE;

  if (!request->has_token)
    {
      request_fail (request, HD_SERVER_ERROR_UNAUTHORIZED, _("Please sign in first."));
      return FALSE;
    }

  g_clear_pointer (&request->caller, hd_server_user_free);
  request->caller = hd_server_conn_user_by_token (conn, request->token_hash,
                                                  g_get_real_time () / G_USEC_PER_SEC,
                                                  &expired, &error);
  if (request->caller != NULL)
    return TRUE;

  if (error != NULL)
    request->error = g_steal_pointer (&error);
  else if (expired)
    request_fail (request, HD_SERVER_ERROR_TOKEN_EXPIRED,
                  _("Your sign-in has expired. Please sign in again."));
  else
    request_fail (request, HD_SERVER_ERROR_UNAUTHORIZED,
                  _("This sign-in is not valid (any more). Please sign in again."));
  return FALSE;
}

static void
note_caller (HdServerRequest *request)
{
  if (request->caller != NULL)
    hd_server_request_set_user (request, request->caller->login);
}

static void
request_done (gpointer      data,
              const GError *error)
{
  HdServerRequest *request = data;

  note_caller (request);
  if (request->error == NULL && error != NULL)
    request->error = g_error_copy (error);
  hd_server_request_finish (request);
}

/* health {{{1 */

static char *
health_json (void)
{
  return g_strdup_printf ("{\"status\":\"ok\",\"protocol\":1,\"version\":\"%s\"}",
                          PACKAGE_VERSION);
}

/* login {{{1 */

static gboolean
read_login_body (HdServerRequest  *request,
                 GError          **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonNode *node;
  const char *username, *password, *device = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (request->body, &length);

  root = hd_server_parse_object (data, length, error);
  if (root == NULL)
    return FALSE;
  object = json_node_get_object (root);

#define STRING_MEMBER(name, out)                                             \
  node = json_object_get_member (object, name);                              \
  out = node != NULL && JSON_NODE_HOLDS_VALUE (node) &&                      \
        json_node_get_value_type (node) == G_TYPE_STRING                     \
        ? json_node_get_string (node) : NULL;
  STRING_MEMBER ("username", username)
  STRING_MEMBER ("password", password)
  if (json_object_has_member (object, "device"))
    {
      STRING_MEMBER ("device", device)
      if (device == NULL && !JSON_NODE_HOLDS_NULL (json_object_get_member (object, "device")))
        goto bad;
    }
#undef STRING_MEMBER

  if (username == NULL || password == NULL ||
      *username == '\0' || strlen (username) > 256 ||
      strlen (password) > HD_SERVER_PASSWORD_MAX ||
      (device != NULL && g_utf8_strlen (device, -1) > 200))
    goto bad;

  request->login = g_strdup (username);
  request->password = g_strdup (password);
  request->device = g_strdup (device);
  return TRUE;

bad:
  g_set_error_literal (error, HD_SERVER_ERROR, HD_SERVER_ERROR_BAD_REQUEST,
                       _("Signing in needs a “username” and a “password”, and may name the “device”."));
  return FALSE;
}

static void
login_read (HdServerConn *conn,
            gpointer      data)
{
  HdServerRequest *request = data;
  g_autoptr(HdServerUser) user = NULL;
  g_autoptr(GError) error = NULL;

  if (!read_login_body (request, &request->error))
    return;

  if (!hd_server_conn_begin_read (conn, &error))
    {
      request->error = g_steal_pointer (&error);
      return;
    }
  user = hd_server_conn_user_by_login (conn, request->login, &request->password_hash, &error);
  hd_server_conn_end_read (conn);

  if (error != NULL)
    request->error = g_steal_pointer (&error);
  else
    request->caller = g_steal_pointer (&user);
}

static gboolean
login_write (HdServerConn  *conn,
             gpointer       data,
             GHashTable    *touched,
             GError       **error)
{
  HdServerRequest *request = data;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  return hd_server_conn_add_token (conn, request->token_hash, request->caller->id,
                                   request->device, now, request->expires_at, error);
}

static void
login_written (gpointer      data,
               const GError *error)
{
  HdServerRequest *request = data;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *expires = NULL;
  HdServerUser *user = request->caller;

  if (error != NULL)
    {
      request_done (request, error);
      return;
    }

  expires = hd_timestamp_format (request->expires_at);
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, request->token);
  json_builder_set_member_name (builder, "expires_at");
  json_builder_add_string_value (builder, expires);
  json_builder_set_member_name (builder, "user");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, user->id);
  json_builder_set_member_name (builder, "login");
  json_builder_add_string_value (builder, user->login);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, user->name);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "hubs");
  json_builder_begin_array (builder);
  for (guint i = 0; i < user->memberships->len; i++)
    {
      HdServerMembership *m = g_ptr_array_index (user->memberships, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, m->hub_id);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, m->hub_name);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, hd_server_role_name (m->role));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  request->response = json_to_string (root, FALSE);
  request_done (request, NULL);
}

static void
login_verified (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  HdServerRequest *request = user_data;
  HdServer *server = request->server;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean ok = hd_server_hasher_verify_finish (server->hasher, result, NULL);

  if (!ok || request->caller == NULL)
    {
      hd_server_throttle_failed (server->throttle, request->login, now);
      g_clear_pointer (&request->caller, hd_server_user_free);
      request_fail (request, HD_SERVER_ERROR_BAD_CREDENTIALS,
                    _("The user name or the password is wrong."));
      hd_server_request_finish (request);
      return;
    }

  hd_server_throttle_succeeded (server->throttle, request->login);
  note_caller (request);

  request->token = hd_server_token_new (request->token_hash);
  request->expires_at = now + server->config.token_lifetime;
  hd_server_workers_write (server->workers, login_write, login_written, request);
}

static void
login_looked_up (gpointer      data,
                 const GError *error)
{
  HdServerRequest *request = data;
  HdServer *server = request->server;
  gint64 retry_after = 0;

  if (request->error != NULL)
    {
      hd_server_request_finish (request);
      return;
    }

  if (!hd_server_throttle_allow (server->throttle, request->login,
                                 g_get_real_time () / G_USEC_PER_SEC, &retry_after))
    {
      request_fail (request, HD_SERVER_ERROR_TOO_MANY_ATTEMPTS,
                    _("Too many failed attempts to sign in to this account. Please wait a minute."));
      request->retry_after = retry_after;
      hd_server_request_finish (request);
      return;
    }

  /* Each check takes 64 MiB and a good part of a second: a flood of
   * sign-ins waits at most a bounded queue, then is told to come back. */
  if (hd_server_hasher_backlog (server->hasher) >= MAX_HASH_BACKLOG)
    {
      request_fail (request, HD_SERVER_ERROR_UNAVAILABLE,
                    _("The server is very busy. Please try again in a few seconds."));
      request->retry_after = 5;
      hd_server_request_finish (request);
      return;
    }

  hd_server_hasher_verify_async (server->hasher,
                                 request->caller != NULL ? request->password_hash : NULL,
                                 request->password, NULL, login_verified, request);
}

/* logout {{{1 */

static gboolean
logout_write (HdServerConn  *conn,
              gpointer       data,
              GHashTable    *touched,
              GError       **error)
{
  HdServerRequest *request = data;

  g_clear_error (&request->error);
  if (!authenticate (conn, request))
    {
      if (hd_server_error_is_storage (request->error) && request->error->domain != HD_SERVER_ERROR)
        {
          g_propagate_error (error, g_steal_pointer (&request->error));
          return FALSE;
        }
      return TRUE;
    }

  if (!hd_server_conn_remove_token (conn, request->token_hash, error))
    return FALSE;

  request->status = SOUP_STATUS_NO_CONTENT;
  return TRUE;
}

/* pull {{{1 */

static void
pull_read (HdServerConn *conn,
           gpointer      data)
{
  HdServerRequest *request = data;

  if (!hd_server_conn_begin_read (conn, &request->error))
    return;

  if (authenticate (conn, request))
    request->response = hd_server_pull (conn, request->caller, request->cursor,
                                        request->limit, &request->n_items, &request->error);

  hd_server_conn_end_read (conn);
}

/* push {{{1 */

static gboolean
push_write (HdServerConn  *conn,
            gpointer       data,
            GHashTable    *touched,
            GError       **error)
{
  HdServerRequest *request = data;
  g_autoptr(GError) local_error = NULL;

  g_clear_error (&request->error);
  g_clear_pointer (&request->error_details, json_node_unref);
  g_clear_pointer (&request->response, g_free);

  if (!authenticate (conn, request))
    {
      if (request->error->domain != HD_SERVER_ERROR)
        {
          g_propagate_error (error, g_steal_pointer (&request->error));
          return FALSE;
        }
      return TRUE;
    }

  request->response = hd_server_push_run (request->push, conn, request->caller,
                                          g_get_real_time () / G_USEC_PER_SEC,
                                          touched, &request->error_details, &local_error);
  if (request->response != NULL)
    return TRUE;

  if (local_error->domain == HD_SERVER_ERROR)
    {
      /* Refused as a whole before anything was written. */
      request->error = g_steal_pointer (&local_error);
      return TRUE;
    }

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static void
push_decode (HdServerConn *conn,
             gpointer      data)
{
  HdServerRequest *request = data;
  gsize length = 0;
  const char *body;

  /* Nobody gets us to parse a document without a valid token. */
  if (!hd_server_conn_begin_read (conn, &request->error))
    return;
  authenticate (conn, request);
  hd_server_conn_end_read (conn);
  if (request->error != NULL)
    return;

  body = g_bytes_get_data (request->body, &length);
  request->push = hd_server_push_decode (body, length, &request->error);
}

static void
push_decoded (gpointer      data,
              const GError *error)
{
  HdServerRequest *request = data;
  HdServer *server = request->server;

  note_caller (request);
  if (request->error != NULL)
    {
      hd_server_request_finish (request);
      return;
    }

  if (hd_server_workers_write_backlog (server->workers) > MAX_WRITE_BACKLOG)
    {
      request_fail (request, HD_SERVER_ERROR_UNAVAILABLE,
                    _("The server is very busy. Please try again in a few seconds."));
      request->retry_after = 5;
      hd_server_request_finish (request);
      return;
    }

  hd_server_workers_write (server->workers, push_write, request_done, request);
}

/* wait {{{1 */

static void
wait_read (HdServerConn *conn,
           gpointer      data)
{
  HdServerRequest *request = data;

  if (!hd_server_conn_begin_read (conn, &request->error))
    return;
  authenticate (conn, request);
  hd_server_conn_end_read (conn);
}

static void
wait_authenticated (gpointer      data,
                    const GError *error)
{
  HdServerRequest *request = data;
  HdServerCursor cursor = { 0, NULL };

  note_caller (request);
  if (request->error != NULL ||
      !hd_server_cursor_parse (request->cursor, &cursor, &request->error))
    {
      hd_server_request_finish (request);
      return;
    }

  hd_server_wait_start (request, &cursor);
  hd_server_cursor_clear (&cursor);
}

/* The handler {{{1 */

static gboolean
parse_uint_param (GHashTable *query,
                  const char *name,
                  guint       fallback,
                  guint       min,
                  guint       max,
                  guint      *out_value)
{
  const char *text = query != NULL ? g_hash_table_lookup (query, name) : NULL;
  guint64 value;

  if (text == NULL)
    {
      *out_value = fallback;
      return TRUE;
    }

  if (!g_ascii_string_to_unsigned (text, 10, min, max, &value, NULL))
    return FALSE;

  *out_value = (guint) value;
  return TRUE;
}

static void
handler (SoupServer        *soup,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  HdServer *server = user_data;
  MsgState *state = msg_state (msg);
  HdServerRequest *request;
  const Route *route;
  SoupMessageBody *body;

  if (!check_head (server, msg, path, FALSE))
    return;

  route = find_route (path);
  if (route->endpoint == HD_SERVER_ENDPOINT_HEALTH)
    {
      set_json (msg, SOUP_STATUS_OK, health_json ());
      return;
    }

  request = g_new0 (HdServerRequest, 1);
  request->server = server;
  request->msg = g_object_ref (msg);
  request->endpoint = route->endpoint;
  request->has_token = read_token (msg, request->token_hash);
  body = soup_server_message_get_request_body (msg);
  request->body = soup_message_body_flatten (body);
  soup_message_body_truncate (body);

  switch (route->endpoint)
    {
    case HD_SERVER_ENDPOINT_PULL:
      if (!parse_uint_param (query, "limit", HD_SERVER_PULL_DEFAULT_LIMIT, 1,
                             HD_SERVER_PULL_MAX_LIMIT, &request->limit))
        {
          set_error_literal (msg, HD_SERVER_ERROR_BAD_REQUEST,
                             _("“limit” must be a number from 1 to 5000."));
          hd_server_request_free (request);
          return;
        }
      request->cursor = g_strdup (query ? g_hash_table_lookup (query, "cursor") : NULL);
      break;

    case HD_SERVER_ENDPOINT_WAIT:
      if (!parse_uint_param (query, "timeout", 30, 0, 60, &request->timeout))
        {
          set_error_literal (msg, HD_SERVER_ERROR_BAD_REQUEST,
                             _("“timeout” must be a number of seconds from 0 to 60."));
          hd_server_request_free (request);
          return;
        }
      request->cursor = g_strdup (query ? g_hash_table_lookup (query, "cursor") : NULL);
      break;

    case HD_SERVER_ENDPOINT_LOGIN:
    case HD_SERVER_ENDPOINT_LOGOUT:
    case HD_SERVER_ENDPOINT_PUSH:
    case HD_SERVER_ENDPOINT_HEALTH:
    case HD_SERVER_ENDPOINT_NONE:
    default:
      break;
    }

  if (route->endpoint != HD_SERVER_ENDPOINT_LOGIN && !request->has_token)
    {
      set_error_literal (msg, HD_SERVER_ERROR_UNAUTHORIZED, _("Please sign in first."));
      hd_server_request_free (request);
      return;
    }

  soup_server_message_pause (msg);
  if (state != NULL)
    state->request = request;

  switch (route->endpoint)
    {
    case HD_SERVER_ENDPOINT_LOGIN:
      hd_server_workers_read (server->workers, login_read, login_looked_up, request);
      break;
    case HD_SERVER_ENDPOINT_LOGOUT:
      hd_server_workers_write (server->workers, logout_write, request_done, request);
      break;
    case HD_SERVER_ENDPOINT_PULL:
      hd_server_workers_read (server->workers, pull_read, request_done, request);
      break;
    case HD_SERVER_ENDPOINT_PUSH:
      hd_server_workers_read (server->workers, push_decode, push_decoded, request);
      break;
    case HD_SERVER_ENDPOINT_WAIT:
      hd_server_workers_read (server->workers, wait_read, wait_authenticated, request);
      break;
    case HD_SERVER_ENDPOINT_HEALTH:
    case HD_SERVER_ENDPOINT_NONE:
    default:
      g_assert_not_reached ();
    }
}

/* Listening {{{1 */

static gboolean
parse_listen (const char       *text,
              GSocketAddress  **out_address,
              GError          **error)
{
  g_autoptr(GSocketConnectable) connectable = NULL;
  g_autoptr(GSocketAddressEnumerator) enumerator = NULL;
  GSocketAddress *address;

  connectable = g_network_address_parse (text, 0, error);
  if (connectable == NULL)
    return FALSE;

  enumerator = g_socket_connectable_enumerate (connectable);
  address = g_socket_address_enumerator_next (enumerator, NULL, error);
  if (address == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     _("“%s” names no address to listen on."), text);
      return FALSE;
    }

  *out_address = address;
  return TRUE;
}

gboolean
hd_server_http_start (HdServer  *server,
                      GError   **error)
{
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GSocket) listener = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  SoupServerListenOptions options = 0;

  if (!parse_listen (server->config.listen, &address, error))
    return FALSE;

  if (server->config.tls_cert != NULL || server->config.tls_key != NULL)
    {
      if (server->config.tls_cert == NULL || server->config.tls_key == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("HTTPS needs both --tls-cert and --tls-key."));
          return FALSE;
        }
      certificate = g_tls_certificate_new_from_files (server->config.tls_cert,
                                                      server->config.tls_key, error);
      if (certificate == NULL)
        return FALSE;
      options |= SOUP_SERVER_LISTEN_HTTPS;
      server->https = TRUE;
    }

  server->soup = soup_server_new ("server-header", "hubdesk-server ",
                                  "tls-certificate", certificate,
                                  NULL);

  g_signal_connect (server->soup, "request-started", G_CALLBACK (request_started), server);
  g_signal_connect (server->soup, "request-read", G_CALLBACK (request_read), server);
  g_signal_connect (server->soup, "request-finished", G_CALLBACK (request_finished), server);
  g_signal_connect (server->soup, "request-aborted", G_CALLBACK (request_aborted), server);
  soup_server_add_early_handler (server->soup, "/", early_handler, server, NULL);
  soup_server_add_handler (server->soup, "/", handler, server, NULL);

  /* Our own listening socket: GLib's default backlog of 10 would make
   * the kernel refuse a burst of clients connecting at once. */
  listener = g_socket_new (g_socket_address_get_family (address), G_SOCKET_TYPE_STREAM,
                           G_SOCKET_PROTOCOL_TCP, error);
  if (listener == NULL)
    return FALSE;
  g_socket_set_listen_backlog (listener, LISTEN_BACKLOG);
  if (!g_socket_bind (listener, address, TRUE, error) ||
      !g_socket_listen (listener, error) ||
      !soup_server_listen_socket (server->soup, listener, options, error))
    return FALSE;

  /* From our socket: soup_server_get_uris() of libsoup 3.2 leaks. */
  bound = g_socket_get_local_address (listener, error);
  if (bound == NULL)
    return FALSE;
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  return TRUE;
}

void
hd_server_http_stop (HdServer *server)
{
  if (server->soup == NULL)
    return;

  soup_server_disconnect (server->soup);
  g_clear_object (&server->soup);
}
