/* hd-contact-export.h — people and organizations out to vCard and CSV
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hd-store.h"
#include "hd-interop.h"

G_BEGIN_DECLS

typedef enum {
  HD_EXPORT_VCARD_30,
  HD_EXPORT_VCARD_40,
  HD_EXPORT_CSV,
} HdExportFormat;

typedef struct {
  HdEntity     entity;           /* HD_ENTITY_PERSON or HD_ENTITY_ORGANIZATION */
  const char  *hub_id;           /* NULL: every hub */
  gboolean     include_archived;
  const char  *consent_purpose;  /* people only: just those who consented to it */
  /* The list as filtered and sorted on screen (its entity must be
   * @entity; offset and limit are ignored); NULL: every record of
   * @hub_id, as @include_archived says. */
  const HdQuery *query;
} HdExportOptions;

/* The records of @options as a file (UTF-8; CSV with a header line in
 * English, comma-separated, which the import maps back by itself).
 * *@out_count: records written; *@out_left_out: people left out for
 * lack of consent to @consent_purpose. */
char  *hd_contact_export  (HdStore                *store,
                           const HdExportOptions  *options,
                           HdExportFormat          format,
                           guint                  *out_count,
                           guint                  *out_left_out,
                           GError                **error);

G_END_DECLS
