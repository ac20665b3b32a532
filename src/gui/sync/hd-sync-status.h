/* hd-sync-status.h — the sync status of a profile in a few words
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the header shows under the view's title: "Syncing — 1,200 of
 * 100,000", "Synced 3 min ago", "Offline — 4 changes waiting",
 * "2 conflicts", the last error, and what the person can do about it.
 */
#pragma once

#include "hd-sync-engine.h"

G_BEGIN_DECLS

typedef enum {
  HD_SYNC_STATUS_ACTION_NONE,
  HD_SYNC_STATUS_ACTION_RETRY,      /* sync again now */
  HD_SYNC_STATUS_ACTION_LOG_IN,     /* open Preferences → Account */
  HD_SYNC_STATUS_ACTION_CONFLICTS,  /* open the Conflicts view */
} HdSyncStatusAction;

typedef struct {
  char               *text;      /* one line for the header */
  char               *tooltip;   /* the whole story, or NULL */
  gboolean            busy;      /* show a spinner */
  HdSyncStatusAction  action;
} HdSyncStatus;

void   hd_sync_status_clear    (HdSyncStatus *status);

/* @engine may be NULL (no sync at all); @local_pending is the store's
 * outbox count for a standalone profile (-1: not known yet); @now in
 * Unix seconds. */
void   hd_sync_status_describe (HdSyncEngine *engine,
                                gint64        local_pending,
                                gint64        now,
                                HdSyncStatus *out_status);

/* "just now", "3 min ago", "2 hours ago", "on Wed, Nov 25, 2026";
 * "never" for 0. */
char  *hd_sync_status_format_age (gint64 then,
                                  gint64 now);

G_END_DECLS
