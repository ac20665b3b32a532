/* hd-server-error.c — the errors of the sync server and their HTTP form
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-db.h"
#include "hd-server-error.h"

G_DEFINE_QUARK (hd-server-error-quark, hd_server_error)

typedef struct {
  guint       status;
  const char *code;
} ErrorForm;

static const ErrorForm server_forms[] = {
  [HD_SERVER_ERROR_BAD_REQUEST]        = { 400, "bad_request" },
  [HD_SERVER_ERROR_INVALID_JSON]       = { 400, "invalid_json" },
  [HD_SERVER_ERROR_TOO_DEEP]           = { 400, "too_deep" },
  [HD_SERVER_ERROR_INVALID_ENCODING]   = { 400, "invalid_encoding" },
  [HD_SERVER_ERROR_UNKNOWN_ENTITY]     = { 400, "unknown_entity" },
  [HD_SERVER_ERROR_UNAUTHORIZED]       = { 401, "unauthorized" },
  [HD_SERVER_ERROR_TOKEN_EXPIRED]      = { 401, "token_expired" },
  [HD_SERVER_ERROR_BAD_CREDENTIALS]    = { 401, "invalid_credentials" },
  [HD_SERVER_ERROR_FORBIDDEN]          = { 403, "forbidden" },
  [HD_SERVER_ERROR_NOT_FOUND]          = { 404, "not_found" },
  [HD_SERVER_ERROR_METHOD_NOT_ALLOWED] = { 405, "method_not_allowed" },
  [HD_SERVER_ERROR_SEQUENCE_GAP]       = { 409, "sequence_gap" },
  [HD_SERVER_ERROR_RESET_REQUIRED]     = { 410, "reset_required" },
  [HD_SERVER_ERROR_LENGTH_REQUIRED]    = { 411, "length_required" },
  [HD_SERVER_ERROR_TOO_LARGE]          = { 413, "payload_too_large" },
  [HD_SERVER_ERROR_UNSUPPORTED_MEDIA]  = { 415, "unsupported_media_type" },
  [HD_SERVER_ERROR_TOO_MANY_ATTEMPTS]  = { 429, "too_many_attempts" },
  [HD_SERVER_ERROR_INTERNAL]           = { 500, "internal_error" },
  [HD_SERVER_ERROR_STORAGE_FULL]       = { 503, "storage_full" },
  [HD_SERVER_ERROR_UNAVAILABLE]        = { 503, "unavailable" },
};

static HdServerError
server_code_for (const GError *error)
{
  if (error == NULL)
    return HD_SERVER_ERROR_INTERNAL;

  if (error->domain == HD_SERVER_ERROR &&
      error->code >= 0 && (gsize) error->code < G_N_ELEMENTS (server_forms))
    return (HdServerError) error->code;

  if (error->domain == HD_MODEL_ERROR)
    {
      switch ((HdModelError) error->code)
        {
        case HD_MODEL_ERROR_TOO_LARGE:
          return HD_SERVER_ERROR_TOO_LARGE;
        case HD_MODEL_ERROR_TOO_DEEP:
          return HD_SERVER_ERROR_TOO_DEEP;
        case HD_MODEL_ERROR_ENCODING:
          return HD_SERVER_ERROR_INVALID_ENCODING;
        case HD_MODEL_ERROR_SYNTAX:
          return HD_SERVER_ERROR_INVALID_JSON;
        case HD_MODEL_ERROR_UNKNOWN_ENTITY:
          return HD_SERVER_ERROR_UNKNOWN_ENTITY;
        default:
          return HD_SERVER_ERROR_BAD_REQUEST;
        }
    }

  if (error->domain == HD_DB_ERROR)
    {
      switch ((HdDbError) error->code)
        {
        case HD_DB_ERROR_FULL:
          return HD_SERVER_ERROR_STORAGE_FULL;
        case HD_DB_ERROR_BUSY:
          return HD_SERVER_ERROR_UNAVAILABLE;
        default:
          return HD_SERVER_ERROR_INTERNAL;
        }
    }

  return HD_SERVER_ERROR_INTERNAL;
}

guint
hd_server_error_status (const GError *error)
{
  return server_forms[server_code_for (error)].status;
}

const char *
hd_server_error_code (const GError *error)
{
  return server_forms[server_code_for (error)].code;
}

gboolean
hd_server_error_is_storage (const GError *error)
{
  HdServerError code = server_code_for (error);

  return code == HD_SERVER_ERROR_STORAGE_FULL ||
         code == HD_SERVER_ERROR_UNAVAILABLE ||
         code == HD_SERVER_ERROR_INTERNAL;
}

GError *
hd_server_error_from (const GError *error)
{
  HdServerError code = server_code_for (error);
  const char *message;

  if (error == NULL)
    return g_error_new_literal (HD_SERVER_ERROR, HD_SERVER_ERROR_INTERNAL,
                                _("Something went wrong on the server."));

  /* Internal errors (SQL and the like) are logged, not shown: their text
   * may name tables or paths. */
  if (code == HD_SERVER_ERROR_INTERNAL && error->domain != HD_SERVER_ERROR)
    message = _("Something went wrong on the server. Please try again later.");
  else
    message = error->message;

  return g_error_new_literal (HD_SERVER_ERROR, code, message);
}

char *
hd_server_error_body (const char *code,
                      const char *message,
                      JsonNode   *details)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message ? message : "");
  json_builder_set_member_name (builder, "details");
  if (details != NULL)
    json_builder_add_value (builder, json_node_copy (details));
  else
    {
      json_builder_begin_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}
