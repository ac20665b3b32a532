/* hd-demo.h — a realistic, deterministic demo data set
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hd-store.h"

G_BEGIN_DECLS

#define HD_DEMO_DEFAULT_PEOPLE 10000

/* Fills an empty store (no hub yet; else G_IO_ERROR_EXISTS) with the 13
 * Digital Hubs, their rooms and bookings, a season of events with agendas
 * and registrations, @n_people people (half as many organizations) and
 * their interactions. The same @seed gives the same data, ids included.
 * Dates are laid out around @today (YYYY-MM-DD; NULL: the current date). */
gboolean hd_demo_fill (HdStore     *store,
                       guint        n_people,
                       guint32      seed,
                       const char  *today,
                       GError     **error);

G_END_DECLS
