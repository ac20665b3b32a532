/* hd-error.c — the model's errors
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "hd-error.h"

G_DEFINE_QUARK (hd-model-error-quark, hd_model_error)

const char *
hd_model_error_code (const GError *error)
{
  g_return_val_if_fail (error != NULL, "invalid");

  if (error->domain != HD_MODEL_ERROR)
    return "invalid";

  switch ((HdModelError) error->code)
    {
    case HD_MODEL_ERROR_INVALID:
    case HD_MODEL_ERROR_REQUIRED:
    case HD_MODEL_ERROR_UNKNOWN_FIELD:
    case HD_MODEL_ERROR_WRONG_TYPE:
    case HD_MODEL_ERROR_OUTSIDE_EVENT:
      return "invalid";
    case HD_MODEL_ERROR_UNKNOWN_ENTITY:
      return "unknown_entity";
    case HD_MODEL_ERROR_TOO_LARGE:
      return "payload_too_large";
    case HD_MODEL_ERROR_TOO_DEEP:
      return "too_deep";
    case HD_MODEL_ERROR_ENCODING:
      return "invalid_encoding";
    case HD_MODEL_ERROR_SYNTAX:
      return "invalid_json";
    case HD_MODEL_ERROR_ROOM_UNAVAILABLE:
      return "room_unavailable";
    case HD_MODEL_ERROR_EVENT_FULL:
      return "event_full";
    default:
      return "invalid";
    }
}
