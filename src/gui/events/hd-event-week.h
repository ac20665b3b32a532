/* hd-event-week.h — a week of events, a column per day
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "hd-context.h"
#include "hd-event-filter.h"

G_BEGIN_DECLS

#define HD_TYPE_EVENT_WEEK (hd_event_week_get_type ())
G_DECLARE_FINAL_TYPE (HdEventWeek, hd_event_week, HD, EVENT_WEEK, AdwWindow)

/* The week of today, of the hub picked in @context (or all hubs), with the
 * events the list's @filter keeps (its status and format; drafts only in
 * the drafts mode), named in the subtitle; NULL: every event. */
GtkWidget *hd_event_week_new (HdContext           *context,
                              GtkWindow           *parent,
                              const HdEventFilter *filter);

G_END_DECLS
