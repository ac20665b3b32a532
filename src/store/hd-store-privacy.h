/* hd-store-privacy.h — what the GDPR asks of a contact database: access and erasure
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Art. 15 (right of access): everything stored about a person as one
 * JSON document: the person, their organization's name, and every record
 * that refers to them (interactions, registrations with the event's
 * title and time, bookings, events they organize, sessions they speak at).
 *
 * Art. 17 (right to erasure): the person's personal fields are removed
 * and the record archived, so that counts (registrations, consultations
 * per organization) stay right without naming anyone; free text about
 * them in interactions, registrations and bookings is removed too. All
 * in one transaction through the store, so the server receives the
 * erasure with the next sync. Nothing keeps a copy: there is no undo.
 */
#pragma once

#include "hd-store.h"

G_BEGIN_DECLS

/* The JSON document (pretty-printed) for person @person_id. */
char      *hd_store_person_report  (HdStore     *store,
                                    const char  *person_id,
                                    GError     **error);

/* Erases person @person_id as described above. @marker is the family
 * name the record keeps (e.g. a translated "Erased person"). Returns the
 * number of records changed, or -1 with @error set. */
gint64     hd_store_erase_person   (HdStore     *store,
                                    const char  *person_id,
                                    const char  *marker,
                                    GError     **error);

G_END_DECLS
