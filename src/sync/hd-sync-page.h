/* hd-sync-page.h — reading a pull page quickly
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A first pull brings some 70 MB of JSON. json-glib builds a tree of
 * nodes first (about 25 MB/s, and ten times the text in memory); this
 * reader goes straight from the text to records for pages of the shape
 * the protocol defines, checking every value as strictly as the model's
 * codec (UTF-8, JSON types per field, whole numbers). Anything it does not
 * expect makes it give up, and the caller reads that page with json-glib
 * instead, so the slow path decides about every odd page.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "hd-model.h"

G_BEGIN_DECLS

typedef struct {
  GPtrArray  *records;    /* HdRecord * */
  char       *cursor;     /* or NULL */
  gboolean    has_more;
  JsonArray  *hubs;       /* or NULL */
} HdSyncPage;

void      hd_sync_page_clear  (HdSyncPage   *page);

/* FALSE when the text is not a page of the expected shape; @page is
 * then cleared. */
gboolean  hd_sync_page_read   (const char   *data,
                               gsize         length,
                               HdSyncPage   *page);

G_END_DECLS
