/* hd-record-row.h — one line of a list: title, details, a note at the end
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "hd-context.h"

G_BEGIN_DECLS

#define HD_TYPE_RECORD_ROW (hd_record_row_get_type ())
G_DECLARE_FINAL_TYPE (HdRecordRow, hd_record_row, HD, RECORD_ROW, GtkWidget)

GtkWidget    *hd_record_row_new          (void);
/* Any may be NULL (hidden). */
void          hd_record_row_set          (HdRecordRow *self,
                                          const char  *icon_name,
                                          const char  *title,
                                          const char  *subtitle,
                                          const char  *note);
void          hd_record_row_set_note     (HdRecordRow *self,
                                          const char  *note);
void          hd_record_row_set_subtitle (HdRecordRow *self,
                                          const char  *subtitle);
/* A row whose record is still being read. */
void          hd_record_row_set_loading  (HdRecordRow *self);
/* A cancellable that is cancelled when the row shows another record,
 * for reads that fill in parts of the row later. */
GCancellable *hd_record_row_renew_cancellable (HdRecordRow *self);

/* Shows the mark of record @id of @entity from the context's sync marks
 * and keeps it up to date (a lookup in memory, no SQL). Call it when
 * binding the row; NULL @id stops. */
void          hd_record_row_track_sync   (HdRecordRow *self,
                                          HdContext   *context,
                                          HdEntity     entity,
                                          const char  *id);

G_END_DECLS
