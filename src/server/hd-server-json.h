/* hd-server-json.h — reading request bodies
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A request body: exactly one JSON object and nothing after it (json-glib
 * 1.6 would quietly parse, and leak, a second value), then the model's
 * checks (size, nesting depth, UTF-8) and json-glib. Errors are
 * HD_SERVER_ERRORs. */
JsonNode *hd_server_parse_object (const char  *data,
                                  gsize        length,
                                  GError     **error);

G_END_DECLS
