/* hd-event-filter.h — the store query behind the list of events: a mode
 * (upcoming, past, drafts) narrowed by status and format
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hd-store.h"

G_BEGIN_DECLS

typedef enum {
  HD_EVENT_LIST_UPCOMING,   /* from the start of today on, soonest first */
  HD_EVENT_LIST_PAST,       /* before the start of today, latest first */
  HD_EVENT_LIST_DRAFTS,     /* every draft, soonest first */
} HdEventListMode;

typedef struct {
  HdEventListMode  mode;
  const char      *status;   /* an event status, NULL: any; drafts are drafts */
  const char      *format;   /* an event format, NULL: any */
} HdEventFilter;

/* The status the list is narrowed to by the filter (not by the mode):
 * NULL when the filter sets none, names no event status, or the mode is
 * HD_EVENT_LIST_DRAFTS, which is a status of its own. */
const char *hd_event_filter_get_status (const HdEventFilter *filter);
/* The format the list is narrowed to: NULL when none or not a format. */
const char *hd_event_filter_get_format (const HdEventFilter *filter);
/* TRUE when a status or a format narrows the list. */
gboolean    hd_event_filter_is_active  (const HdEventFilter *filter);

/* Fills @query for events of @filter: its entity, the time range of the
 * mode (@day_start is the start of today as a UTC timestamp), the status
 * (the mode's or the filter's) and the format (through ref_field), and
 * the order. Every other member of @query (hub, search, …) is left as it
 * is, so the caller sets those before or after. The strings are borrowed
 * from @filter, @day_start and the schema. */
void        hd_event_filter_apply      (const HdEventFilter *filter,
                                        const char          *day_start,
                                        HdQuery             *query);

/* The same narrowing (status, format; drafts only in the drafts mode) on
 * the events that start in [@from, @until), as the week and month views
 * show them. */
void        hd_event_filter_apply_span (const HdEventFilter *filter,
                                        const char          *from,
                                        const char          *until,
                                        HdQuery             *query);
/* What narrows the events, in words ("Office hours"; "Cancelled, Office
 * hours"; "Draft" in the drafts mode), or NULL when nothing does. */
char       *hd_event_filter_describe   (const HdEventFilter *filter);

G_END_DECLS
