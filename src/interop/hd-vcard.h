/* hd-vcard.h — people and organizations as vCard 3.0 and 4.0 (EVCard)
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A card with a name (N or FN) is a person; a card that names only an
 * organization (ORG, KIND:org, X-ABShowAs:COMPANY) is an organization.
 * Fields vCard has no property for travel as X-HUBDESK-<FIELD>, so an
 * exported file reads back unchanged. Photos, logos and sounds are
 * skipped. Further emails and phone numbers beyond the first go into the
 * notes, so nothing is lost; so do a person's postal addresses and the
 * title and suffix of a name (N's prefix and suffix), while middle names
 * join the given name. 4.0 is written as 4.0: KIND:org, tel: URIs for
 * international numbers, no CHARSET (docs/decisions.md).
 */
#pragma once

#include "hd-contact-import.h"

G_BEGIN_DECLS

typedef enum {
  HD_VCARD_30,
  HD_VCARD_40,
} HdVCardVersion;

/* The cards of @data (HdImportItem *). Fails on text that holds no card
 * or a card that is not closed, and on text that is not UTF-8. */
GPtrArray *hd_vcard_read    (const char     *data,
                             gsize           length,
                             GError        **error);
/* Appends @record (person or organization) as one card. */
void       hd_vcard_append  (GString        *out,
                             const HdRecord *record,
                             const char     *organization_name,
                             HdVCardVersion  version);

G_END_DECLS
