/* hd-record-editor.h — a form for one person, organization or interaction
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A modal window with a row per field of the record's entity (from the
 * schema), checked with the model's validation as the person types: the
 * message names the field, and Save stays off until the record is valid.
 * Ctrl+Enter saves (through the store's async API), Escape cancels.
 * Signal "saved" (HdRecord *) after the store wrote the record.
 */
#pragma once

#include <adwaita.h>

#include "hd-context.h"

G_BEGIN_DECLS

#define HD_TYPE_RECORD_EDITOR (hd_record_editor_get_type ())
G_DECLARE_FINAL_TYPE (HdRecordEditor, hd_record_editor, HD, RECORD_EDITOR, AdwWindow)

/* @record: the full record to edit (a new one from hd_record_new(), or a
 * stored one; the editor works on a copy). @fields: the names to show, in
 * order (NULL: every field but "archived"). */
HdRecordEditor *hd_record_editor_new (GtkWindow          *parent,
                                      HdContext          *context,
                                      HdRecord           *record,
                                      gboolean            is_new,
                                      const char * const *fields);

G_END_DECLS
