/* hd-contact-import.h — importing people and organizations: plan, apply, undo
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An import never writes straight away. It first reads the whole file
 * (vCard 3.0/4.0 or CSV) and makes a plan against the store: which rows
 * create a record, which update one (a person matched by email, an
 * organization by email or name) and which are skipped and why. A
 * broken file fails here and nothing changes. Applying the plan saves
 * everything through the store in one transaction (so it syncs like any
 * edit) together with a journal kept in the store's meta table under
 * "import/ID"; undoing the import deletes what it created and puts back
 * the fields it changed, again in one transaction.
 */
#pragma once

#include "hd-store.h"
#include "hd-csv.h"
#include "hd-interop.h"

G_BEGIN_DECLS

typedef enum {
  HD_CONTACT_FORMAT_UNKNOWN,
  HD_CONTACT_FORMAT_VCARD,
  HD_CONTACT_FORMAT_CSV,
} HdContactFormat;

/* One row or card of a file, before it meets the store. */
typedef struct {
  HdRecord *record;             /* person or organization: the fields read are present */
  char     *organization_name;  /* a person's organization, by name, or NULL */
  guint     line;               /* the line it starts on */
  char     *problem;            /* set: the row is skipped for this reason */
} HdImportItem;

void          hd_import_item_free        (HdImportItem  *item);
HdImportItem *hd_import_item_new         (HdEntity       entity,
                                          guint          line);

/* ---- text values of fields (shared by the formats) ---- */

/* Sets field @index of @record from @text (tags and purposes split at
 * commas and semicolons, yes/no/ja/nein for booleans, enum values or
 * their English or translated labels). Empty text leaves the field
 * absent. Returns FALSE with *@problem set for text that does not fit. */
gboolean      hd_interop_set_text        (HdRecord      *record,
                                          guint          index,
                                          const char    *text,
                                          char         **problem);
/* The text form of field @index ("" when empty). */
char         *hd_interop_get_text        (const HdRecord *record,
                                          guint          index);

/* ---- CSV columns ---- */

/* The column mapping of a CSV file: per column a field name of the
 * entity, "organization" (a person's organization by name), or NULL
 * (ignored). Guessed from the header in English or German; @overrides
 * ("Column=field", field "" or "-" to ignore) win. */
typedef struct {
  HdEntity   entity;
  GPtrArray *columns;   /* char *, one per header column */
} HdCsvMapping;

void          hd_csv_mapping_free        (HdCsvMapping  *mapping);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdCsvMapping, hd_csv_mapping_free)

HdCsvMapping *hd_csv_mapping_guess       (const char * const *header,
                                          const char * const *overrides,
                                          GError       **error);
/* The header this version writes for @field of @entity (its English label). */
const char   *hd_csv_column_name         (HdEntity       entity,
                                          const char    *field);

/* ---- reading files ---- */

HdContactFormat hd_contact_format_guess  (const char    *path,
                                          const char    *data,
                                          gsize          length);

/* The items of a file (HdImportItem *). */
GPtrArray    *hd_contact_read            (HdContactFormat format,
                                          const char    *data,
                                          gsize          length,
                                          const char * const *csv_overrides,
                                          GError       **error);

/* ---- the plan ---- */

typedef enum {
  HD_IMPORT_CREATE,
  HD_IMPORT_UPDATE,
  HD_IMPORT_SKIP,
} HdImportAction;

typedef struct {
  HdImportAction action;
  HdEntity       entity;
  guint          line;      /* 0: made by the import (an organization named by people) */
  char          *label;     /* the name shown for the row */
  char          *reason;    /* skip: why; update: the fields that change */
  HdRecord      *record;    /* create/update: the full record to save */
  HdRecord      *before;    /* update: the stored record */
} HdImportStep;

typedef struct _HdImportPlan HdImportPlan;

void          hd_import_plan_free        (HdImportPlan  *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdImportPlan, hd_import_plan_free)

/* Reads @path and plans importing it into hub @hub_id. */
HdImportPlan *hd_import_plan_new_for_file (HdStore      *store,
                                          const char    *hub_id,
                                          const char    *path,
                                          const char * const *csv_overrides,
                                          GError       **error);
/* Plans @items (taken over) for hub @hub_id. */
HdImportPlan *hd_import_plan_new         (HdStore       *store,
                                          const char    *hub_id,
                                          GPtrArray     *items,
                                          GError       **error);

guint         hd_import_plan_count       (HdImportPlan  *plan,
                                          HdImportAction action);
/* The steps (HdImportStep *) in file order. */
GPtrArray    *hd_import_plan_get_steps   (HdImportPlan  *plan);
/* A short summary for a person: "12 to create, 3 to update, 1 to skip". */
char         *hd_import_plan_describe    (HdImportPlan  *plan);

/* Writes the plan in one transaction with its journal. Returns the
 * import's id (for hd_contact_import_undo()), or NULL with @error set
 * and nothing written. A plan is applied once. */
char         *hd_import_plan_apply       (HdImportPlan  *plan,
                                          HdStore       *store,
                                          GError       **error);

/* Undoes import @import_id: deletes the records it created (those since
 * deleted are left alone) and puts back each field it changed that
 * still holds the imported value. One transaction; fails and changes
 * nothing when a created record is now referenced (HD_STORE_ERROR_IN_USE). */
gboolean      hd_contact_import_undo     (HdStore       *store,
                                          const char    *import_id,
                                          GError       **error);

/* ---- plans made by other formats ---- */

/* An empty plan for hub @hub_id, for a format that plans on its own
 * (iCalendar events); it is described, applied and undone as above. */
HdImportPlan *hd_import_plan_new_empty   (const char    *hub_id);
/* Adds a step, taking @label, @reason, @record and @before. An update
 * without a reason gets the names of the fields that change. */
void          hd_import_plan_add_step    (HdImportPlan  *plan,
                                          HdImportAction action,
                                          HdEntity       entity,
                                          guint          line,
                                          char          *label,
                                          char          *reason,
                                          HdRecord      *record,
                                          HdRecord      *before);

G_END_DECLS
