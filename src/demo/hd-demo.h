/* hd-demo.h — a realistic, deterministic demo data set
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hd-store.h"

G_BEGIN_DECLS

#define HD_DEMO_DEFAULT_PEOPLE 10000
#define HD_DEMO_DEFAULT_SEED   2026

/* The database file of a profile: <profile dir>/hubdesk.db */
#ifndef HD_STORE_FILENAME
#define HD_STORE_FILENAME "hubdesk.db"
#endif

/* How many records of each entity were made. */
typedef struct {
  guint counts[HD_N_ENTITIES];
} HdDemoSummary;

/* Receives the records in batches, in an order that inserts cleanly
 * (hubs, rooms, organizations, people, events, sessions, registrations,
 * bookings, interactions). The batch is freed after the call; keep a
 * reference to keep a record. */
typedef gboolean (*HdDemoSinkFunc) (GPtrArray  *records,
                                    gpointer    user_data,
                                    GError    **error);

/* Fills an empty store (no hub yet; else G_IO_ERROR_EXISTS, and nothing
 * is written) with the 13 Digital Hubs, their rooms and bookings, a
 * season of events with agendas and registrations, @n_people people (half
 * as many organizations) and their interactions. The same @seed gives the
 * same data, ids included. Dates are laid out around @today (YYYY-MM-DD;
 * NULL: the current date).
 *
 * Every record is valid; no room is booked beyond its capacity and no
 * event beyond its places. The records go in with hd_store_insert_many()
 * in batches of some 25,000 while the search index is deferred, and the
 * index is built once at the end. Should a batch fail (a full disk), the
 * batches before it stay: the profile is then no longer empty and is best
 * deleted. 100,000 people take some seconds and about 120 MB. */
gboolean hd_demo_fill          (HdStore         *store,
                                guint            n_people,
                                guint32          seed,
                                const char      *today,
                                GError         **error);

/* hd_demo_fill() that also reports what it made. */
gboolean hd_demo_fill_full     (HdStore         *store,
                                guint            n_people,
                                guint32          seed,
                                const char      *today,
                                HdDemoSummary   *out_summary,
                                GError         **error);

/* Makes the same records as hd_demo_fill() without a store and hands
 * them to @sink. Fails only for a bad @today (G_IO_ERROR_INVALID_ARGUMENT)
 * or with the error of the first failing @sink call, after which no
 * further batch is made. */
gboolean hd_demo_generate      (guint            n_people,
                                guint32          seed,
                                const char      *today,
                                HdDemoSinkFunc   sink,
                                gpointer         user_data,
                                HdDemoSummary   *out_summary,
                                GError         **error);

G_END_DECLS
