/* hd-server-error.h — the errors of the sync server and their HTTP form
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every error the server answers with has an HTTP status and a snake_case
 * code (DESIGN §3); the body is always
 * {"error": {"code": …, "message": …, "details": {…}}}.
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define HD_SERVER_ERROR (hd_server_error_quark ())

typedef enum {
  HD_SERVER_ERROR_BAD_REQUEST,         /* 400 bad_request */
  HD_SERVER_ERROR_INVALID_JSON,        /* 400 invalid_json */
  HD_SERVER_ERROR_TOO_DEEP,            /* 400 too_deep */
  HD_SERVER_ERROR_INVALID_ENCODING,    /* 400 invalid_encoding */
  HD_SERVER_ERROR_UNKNOWN_ENTITY,      /* 400 unknown_entity */
  HD_SERVER_ERROR_UNAUTHORIZED,        /* 401 unauthorized */
  HD_SERVER_ERROR_TOKEN_EXPIRED,       /* 401 token_expired */
  HD_SERVER_ERROR_BAD_CREDENTIALS,     /* 401 invalid_credentials */
  HD_SERVER_ERROR_FORBIDDEN,           /* 403 forbidden */
  HD_SERVER_ERROR_NOT_FOUND,           /* 404 not_found */
  HD_SERVER_ERROR_METHOD_NOT_ALLOWED,  /* 405 method_not_allowed */
  HD_SERVER_ERROR_SEQUENCE_GAP,        /* 409 sequence_gap */
  HD_SERVER_ERROR_RESET_REQUIRED,      /* 410 reset_required */
  HD_SERVER_ERROR_LENGTH_REQUIRED,     /* 411 length_required */
  HD_SERVER_ERROR_TOO_LARGE,           /* 413 payload_too_large */
  HD_SERVER_ERROR_UNSUPPORTED_MEDIA,   /* 415 unsupported_media_type */
  HD_SERVER_ERROR_TOO_MANY_ATTEMPTS,   /* 429 too_many_attempts */
  HD_SERVER_ERROR_INTERNAL,            /* 500 internal_error */
  HD_SERVER_ERROR_STORAGE_FULL,        /* 503 storage_full */
  HD_SERVER_ERROR_UNAVAILABLE,         /* 503 unavailable */
} HdServerError;

GQuark       hd_server_error_quark     (void);

/* The HTTP status and the code for an error of any domain the server
 * meets (HD_SERVER_ERROR, HD_MODEL_ERROR, HD_DB_ERROR; anything else is
 * an internal error). */
guint        hd_server_error_status    (const GError *error);
const char  *hd_server_error_code      (const GError *error);

/* Turns an error of the model or the database into an HD_SERVER_ERROR
 * with the same message; NULL-safe. */
GError      *hd_server_error_from      (const GError *error);

/* The error body; @details may be NULL (an empty object is sent). */
char        *hd_server_error_body      (const char   *code,
                                        const char   *message,
                                        JsonNode     *details);

/* Whether @error means "try again later", not a fault of the request. */
gboolean     hd_server_error_is_storage (const GError *error);

G_END_DECLS
