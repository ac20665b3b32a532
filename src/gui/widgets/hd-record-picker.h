/* hd-record-picker.h — choose one organization, person or event by searching
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows the record chosen (or that there is none) with a button to clear
 * it, and a search field whose results can be picked. Searches through
 * the store's asynchronous query; no SQL on the GTK thread.
 */
#pragma once

#include <gtk/gtk.h>

#include "hd-context.h"

G_BEGIN_DECLS

#define HD_TYPE_RECORD_PICKER (hd_record_picker_get_type ())
G_DECLARE_FINAL_TYPE (HdRecordPicker, hd_record_picker, HD, RECORD_PICKER, GtkWidget)

/* @entity: HD_ENTITY_ORGANIZATION, HD_ENTITY_PERSON or HD_ENTITY_EVENT;
 * @label names the choice for people and screen readers ("Organization").
 * Signal "changed" when the choice changes. */
GtkWidget  *hd_record_picker_new    (HdContext      *context,
                                     HdEntity        entity,
                                     const char     *hub_id,
                                     const char     *label);
/* NULL: none. Setting reads the record's name off the GTK thread. */
const char *hd_record_picker_get_id (HdRecordPicker *self);
void        hd_record_picker_set_id (HdRecordPicker *self,
                                     const char     *id);

G_END_DECLS
