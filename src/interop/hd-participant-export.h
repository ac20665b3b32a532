/* hd-participant-export.h — the participant list of an event as CSV
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list that leaves Hubdesk (to a partner, a funder, the door) carries
 * personal data only of people who agreed to it being passed on: their
 * consent is "given" and includes "data_sharing". Everyone else is left
 * out and counted, as the newsletter export does; cancelled registrations
 * are not participants and are not written.
 */
#pragma once

#include "hd-store.h"
#include "hd-interop.h"

G_BEGIN_DECLS

#define HD_PARTICIPANT_CONSENT_PURPOSE "data_sharing"

/* The registrations of event @event_id (waiting list included, marked by
 * its status) with the person's given and family name, organization,
 * email, status, registration and check-in time; a header line in
 * English. *@out_count: rows written; *@out_left_out: participants left
 * out for lack of consent. */
char  *hd_participants_export_csv  (HdStore     *store,
                                    const char  *event_id,
                                    guint       *out_count,
                                    guint       *out_left_out,
                                    GError     **error);

G_END_DECLS
