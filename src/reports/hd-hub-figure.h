/* hd-hub-figure.h — the figures a hub enters by hand, per month
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hd-store.h"

G_BEGIN_DECLS

/* hd_hub_figure_id() is in the model (hd-schema.h). */

/* The record of @hub_id and @month, or NULL when none was entered. */
HdRecord *hd_hub_figure_get   (HdStore     *store,
                               const char  *hub_id,
                               const char  *month,
                               GError     **error);

/* Enters the figures of a month; a value below 0 leaves the field empty,
 * @notes NULL leaves it as it is. Validated like every record. */
gboolean  hd_hub_figure_save  (HdStore     *store,
                               const char  *hub_id,
                               const char  *month,
                               gint64       social_followers,
                               gint64       third_party_appearances,
                               const char  *notes,
                               GError     **error);

/* The same off the calling thread. get_finish returns NULL without an
 * error when the month has no record yet. */
void      hd_hub_figure_get_async   (HdStore             *store,
                                     const char          *hub_id,
                                     const char          *month,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
HdRecord *hd_hub_figure_get_finish  (HdStore             *store,
                                     GAsyncResult        *result,
                                     GError             **error);
void      hd_hub_figure_save_async  (HdStore             *store,
                                     const char          *hub_id,
                                     const char          *month,
                                     gint64               social_followers,
                                     gint64               third_party_appearances,
                                     const char          *notes,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean  hd_hub_figure_save_finish (HdStore             *store,
                                     GAsyncResult        *result,
                                     GError             **error);

G_END_DECLS
