/* hd-record.h — one record of any entity
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A record holds the common columns (id, hub_id and the server-assigned
 * version, created_at, updated_at, updated_by, deleted) and one GVariant
 * per field of its entity:
 *
 *   STRING TEXT ENUM REF TIMESTAMP DATE TIME URL EMAIL RRULE TIMEZONE  "s"
 *   INT                                                                 "x"
 *   BOOL                                                                "b"
 *   ENUM_SET STRV REF_LIST                                              "as"
 *
 * A field is either absent, or present with a value or with no value
 * (an explicit null). A full record has every field present; a set of
 * changes (a mutation) has just the changed fields present.
 */
#pragma once

#include <glib-object.h>

#include "hd-schema.h"

G_BEGIN_DECLS

#define HD_TYPE_RECORD (hd_record_get_type ())

typedef struct _HdRecord HdRecord;

GType         hd_record_get_type        (void) G_GNUC_CONST;

/* A record with a fresh random UUID and every field present: defaults
 * where the schema has them, null elsewhere. */
HdRecord     *hd_record_new             (HdEntity        entity,
                                         const char     *hub_id);
/* A record with @id and no field present, for changes and decoding. */
HdRecord     *hd_record_new_empty       (HdEntity        entity,
                                         const char     *id);
HdRecord     *hd_record_ref             (HdRecord       *record);
void          hd_record_unref           (HdRecord       *record);
HdRecord     *hd_record_copy            (const HdRecord *record);

HdEntity      hd_record_get_entity      (const HdRecord *record);
const HdEntityInfo *hd_record_get_info  (const HdRecord *record);

const char   *hd_record_get_id          (const HdRecord *record);
void          hd_record_set_id          (HdRecord       *record,
                                         const char     *id);
const char   *hd_record_get_hub_id      (const HdRecord *record);
void          hd_record_set_hub_id      (HdRecord       *record,
                                         const char     *hub_id);
gint64        hd_record_get_version     (const HdRecord *record);
void          hd_record_set_version     (HdRecord       *record,
                                         gint64          version);
gboolean      hd_record_get_deleted     (const HdRecord *record);
void          hd_record_set_deleted     (HdRecord       *record,
                                         gboolean        deleted);
const char   *hd_record_get_created_at  (const HdRecord *record);
const char   *hd_record_get_updated_at  (const HdRecord *record);
const char   *hd_record_get_updated_by  (const HdRecord *record);
void          hd_record_set_meta        (HdRecord       *record,
                                         const char     *created_at,
                                         const char     *updated_at,
                                         const char     *updated_by);

/* By field index (see hd_entity_field_index()) */
gboolean      hd_record_has             (const HdRecord *record,
                                         guint           index);
/* The value, or NULL when absent or null. Owned by the record. */
GVariant     *hd_record_get             (const HdRecord *record,
                                         guint           index);
/* Makes the field present with @value; NULL makes it present with no
 * value. The record takes its own reference (a floating reference is
 * sunk), so the caller keeps any reference it holds: pass a value read
 * with hd_record_get() as it is, never an extra g_variant_ref(). The type
 * must match the field. */
void          hd_record_set             (HdRecord       *record,
                                         guint           index,
                                         GVariant       *value);
/* Makes the field absent. */
void          hd_record_unset           (HdRecord       *record,
                                         guint           index);
/* A bit per present field. */
guint64       hd_record_get_present     (const HdRecord *record);

/* By field name; the name must exist in the entity (else g_critical). */
const char   *hd_record_get_string      (const HdRecord *record,
                                         const char     *field);
gint64        hd_record_get_int         (const HdRecord *record,
                                         const char     *field,
                                         gint64          fallback);
gboolean      hd_record_get_bool        (const HdRecord *record,
                                         const char     *field);
/* A NULL-terminated array owned by the record, or NULL. */
const char  **hd_record_get_strv        (const HdRecord *record,
                                         const char     *field);
void          hd_record_set_string      (HdRecord       *record,
                                         const char     *field,
                                         const char     *value);
void          hd_record_set_int         (HdRecord       *record,
                                         const char     *field,
                                         gint64          value);
void          hd_record_set_bool        (HdRecord       *record,
                                         const char     *field,
                                         gboolean        value);
void          hd_record_set_strv        (HdRecord       *record,
                                         const char     *field,
                                         const char * const *value);
/* Clears a field by name (present, null). */
void          hd_record_set_null        (HdRecord       *record,
                                         const char     *field);

/* Equal values: both NULL, or g_variant_equal(). */
gboolean      hd_value_equal            (GVariant       *a,
                                         GVariant       *b);
/* The fields of @b whose values differ from @a, as a bit mask; fields
 * absent in either are skipped. Both of the same entity. */
guint64       hd_record_diff            (const HdRecord *a,
                                         const HdRecord *b);

/* Checks every present field (types, enums, ranges, formats) and, when
 * @full, required fields and rules across fields (ends after starts, …).
 * On failure, *out_field (if given) is the field's name and the error
 * message names it in words a person understands. */
gboolean      hd_record_validate        (const HdRecord *record,
                                         gboolean        full,
                                         const char    **out_field,
                                         GError        **error);

/* A new random (version 4) UUID from the system's cryptographic source. */
char         *hd_uuid_new               (void);
gboolean      hd_uuid_is_valid          (const char     *text);
/* Now as RFC 3339 UTC with seconds, "2026-11-25T14:00:00Z". */
char         *hd_timestamp_now          (void);
/* Parses RFC 3339 UTC ("…Z" only) into Unix seconds. */
gboolean      hd_timestamp_parse        (const char     *text,
                                         gint64         *out_unix);
char         *hd_timestamp_format       (gint64          unix_seconds);
/* The time zone named @tzid (a new reference), or NULL when it is not
 * known. Made once a process: a GTimeZone reads and parses its zone file
 * (some 0.2 ms), more than most uses of it take. Thread-safe. */
GTimeZone    *hd_time_zone_get          (const char     *tzid);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdRecord, hd_record_unref)

G_END_DECLS
