/* hd-schema.h — the entities of Hubdesk and their fields, written once
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every other part (validation, the JSON codec, the merge, the client's
 * SQLite tables and the server's) is driven by these tables: no entity's
 * field list is spelled out anywhere else.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  HD_ENTITY_HUB,
  HD_ENTITY_ROOM,
  HD_ENTITY_BOOKING,
  HD_ENTITY_EVENT,
  HD_ENTITY_SESSION,
  HD_ENTITY_REGISTRATION,
  HD_ENTITY_ORGANIZATION,
  HD_ENTITY_PERSON,
  HD_ENTITY_INTERACTION,
  HD_ENTITY_HUB_FIGURE,   /* figures entered by hand, per hub and month */
  HD_N_ENTITIES
} HdEntity;

typedef enum {
  HD_TYPE_STRING,     /* one line of text, at most max characters */
  HD_TYPE_TEXT,       /* free text, may span lines, at most max characters */
  HD_TYPE_INT,        /* integer in [min, max] */
  HD_TYPE_BOOL,
  HD_TYPE_ENUM,       /* one of values[] */
  HD_TYPE_ENUM_SET,   /* a set of values[], JSON array of strings */
  HD_TYPE_STRV,       /* list of short strings (tags), JSON array */
  HD_TYPE_REF,        /* id of a record of `ref` in the same hub */
  HD_TYPE_REF_LIST,   /* JSON array of ids of records of `ref` */
  HD_TYPE_TIMESTAMP,  /* RFC 3339 UTC: 2026-11-25T14:00:00Z */
  HD_TYPE_DATE,       /* YYYY-MM-DD */
  HD_TYPE_TIME,       /* HH:MM, 24 h */
  HD_TYPE_URL,        /* http:// or https:// only */
  HD_TYPE_EMAIL,
  HD_TYPE_RRULE,      /* RFC 5545 recurrence rule, without "RRULE:" */
  HD_TYPE_TIMEZONE,   /* IANA name, e.g. Europe/Berlin */
} HdFieldType;

typedef enum {
  HD_FIELD_REQUIRED = 1 << 0,  /* must have a value */
  HD_FIELD_SEARCH   = 1 << 1,  /* goes into the full-text index */
  HD_FIELD_INDEX    = 1 << 2,  /* the store keeps an SQL index on it */
} HdFieldFlags;

typedef struct {
  const char         *name;           /* JSON key and SQL column */
  const char         *label;          /* N_() — for messages a person reads */
  HdFieldType         type;
  HdFieldFlags        flags;
  const char * const *values;         /* ENUM / ENUM_SET: NULL-terminated */
  gint64              min;            /* INT: smallest value */
  gint64              max;            /* INT: largest; STRING/TEXT/STRV: chars */
  HdEntity            ref;            /* REF / REF_LIST: the referenced entity */
  const char         *default_value;  /* text form; applied on create */
} HdField;

typedef struct {
  HdEntity        entity;
  const char     *name;        /* "room": JSON entity name and SQL table */
  const char     *label;       /* N_("Room") */
  const HdField  *fields;
  guint           n_fields;
  gboolean        read_only;   /* made by the server only (hubs) */
} HdEntityInfo;

#define HD_MAX_FIELDS 64

const HdEntityInfo *hd_entity_info          (HdEntity            entity);
gboolean            hd_entity_from_name     (const char         *name,
                                             HdEntity           *out_entity);
const char         *hd_entity_name          (HdEntity            entity);
/* Returns the index of field @name in @entity, or -1. */
int                 hd_entity_field_index   (HdEntity            entity,
                                             const char         *name);
const HdField      *hd_entity_field         (HdEntity            entity,
                                             guint               index);
gboolean            hd_field_has_value      (const HdField      *field,
                                             const char         *value);
/* The GVariant type of a field's values: "s", "x", "b" or "as". */
const GVariantType *hd_field_value_type     (const HdField      *field);
/* The translated label of @field / @entity */
const char         *hd_field_label          (const HdField      *field);
const char         *hd_entity_label         (HdEntity            entity);
/* The translated label of an enum value ("sme" → "SME") */
const char         *hd_enum_value_label     (const char         *value);

/* The id of the hub_figure record of @hub_id and @month ("YYYY-MM"): the
 * same on every device (a version-4-shaped UUID made from a SHA-256 of
 * both), so that two managers entering one month edit one record and a
 * second record for the month cannot arise. */
char               *hd_hub_figure_id        (const char         *hub_id,
                                             const char         *month);

G_END_DECLS
