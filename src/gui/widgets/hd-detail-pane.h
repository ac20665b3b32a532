/* hd-detail-pane.h — the read-only details of one record
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A heading (title, subtitle) over groups of "label: value" rows. Views
 * clear it and add what their record has; empty values are left out.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HD_TYPE_DETAIL_PANE (hd_detail_pane_get_type ())
G_DECLARE_FINAL_TYPE (HdDetailPane, hd_detail_pane, HD, DETAIL_PANE, GtkWidget)

GtkWidget          *hd_detail_pane_new        (void);
/* Removes every group; cancels reads started for the last record. */
void                hd_detail_pane_clear      (HdDetailPane *self);
void                hd_detail_pane_set_heading (HdDetailPane *self,
                                               const char   *title,
                                               const char   *subtitle);
AdwPreferencesGroup *hd_detail_pane_add_group (HdDetailPane *self,
                                               const char   *title);
/* Adds a row unless @value is NULL or empty; returns it (or NULL). */
AdwActionRow       *hd_detail_pane_add_row    (HdDetailPane        *self,
                                               AdwPreferencesGroup *group,
                                               const char          *label,
                                               const char          *value);
/* Adds a row whose value arrives later (hd_detail_pane_fill_row). */
AdwActionRow       *hd_detail_pane_add_pending_row (HdDetailPane        *self,
                                                    AdwPreferencesGroup *group,
                                                    const char          *label);
void                hd_detail_pane_fill_row   (AdwActionRow *row,
                                               const char   *value);
/* Cancelled by the next hd_detail_pane_clear(). */
GCancellable       *hd_detail_pane_get_cancellable (HdDetailPane *self);

G_END_DECLS
