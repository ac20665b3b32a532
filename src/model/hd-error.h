/* hd-error.h — the model's errors
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HD_MODEL_ERROR (hd_model_error_quark ())

typedef enum {
  HD_MODEL_ERROR_INVALID,        /* a field has a bad value (details name it) */
  HD_MODEL_ERROR_REQUIRED,       /* a required field is missing */
  HD_MODEL_ERROR_UNKNOWN_FIELD,  /* a field the entity does not have */
  HD_MODEL_ERROR_WRONG_TYPE,     /* JSON of the wrong type for a field */
  HD_MODEL_ERROR_UNKNOWN_ENTITY,
  HD_MODEL_ERROR_TOO_LARGE,      /* document over the size limit */
  HD_MODEL_ERROR_TOO_DEEP,       /* nesting over the depth limit */
  HD_MODEL_ERROR_ENCODING,       /* not valid UTF-8 */
  HD_MODEL_ERROR_SYNTAX,         /* not JSON */
  HD_MODEL_ERROR_ROOM_UNAVAILABLE,
  HD_MODEL_ERROR_EVENT_FULL,
  HD_MODEL_ERROR_OUTSIDE_EVENT,
} HdModelError;

GQuark      hd_model_error_quark   (void);
/* The snake_case code of DESIGN §3 for an error of HD_MODEL_ERROR
 * ("invalid", "room_unavailable", …). */
const char *hd_model_error_code    (const GError *error);

G_END_DECLS
