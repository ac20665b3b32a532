/* hd-codec.h — records to and from JSON, with the guards of the protocol
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "hd-record.h"

G_BEGIN_DECLS

#define HD_JSON_MAX_SIZE   (1024 * 1024)
#define HD_JSON_MAX_DEPTH  32

/* Size, UTF-8 and nesting depth, checked without parsing: json-glib has
 * no depth limit of its own. */
gboolean    hd_json_check             (const char     *data,
                                       gsize           length,
                                       gsize           max_size,
                                       GError        **error);
/* hd_json_check() with the protocol's limits, then json-glib. */
JsonNode   *hd_json_parse             (const char     *data,
                                       gsize           length,
                                       GError        **error);

/* {"name": …, …}: the present fields, null for present without value. */
JsonObject *hd_record_fields_to_json  (const HdRecord *record);
/* Reads a "fields" object into a record of @entity with id @id: unknown
 * fields and values of the wrong JSON type are refused. Only the fields
 * in @fields become present. Values are not validated further. */
HdRecord   *hd_record_fields_from_json (HdEntity        entity,
                                       const char     *id,
                                       JsonObject     *fields,
                                       GError        **error);

/* The whole record as in a pull change: {"entity", "id", "hub_id",
 * "version", "deleted", "created_at", "updated_at", "updated_by",
 * "fields": {…}} (meta members only when set). */
JsonNode   *hd_record_to_json         (const HdRecord *record);
HdRecord   *hd_record_from_json       (JsonNode       *node,
                                       GError        **error);
char       *hd_record_to_json_string  (const HdRecord *record);
HdRecord   *hd_record_from_json_string (const char    *data,
                                       gsize           length,
                                       GError        **error);

G_END_DECLS
