/* hd-merge.h — the field merge used by server and client alike
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hd-record.h"

G_BEGIN_DECLS

typedef enum {
  HD_MERGE_APPLIED,   /* nothing changed on the other side */
  HD_MERGE_MERGED,    /* the other side changed, in other fields only */
  HD_MERGE_CONFLICT,  /* a field changed on both sides to different values,
                         or one side deleted what the other edited */
} HdMergeStatus;

/* The one rule. @current is the other side's copy (NULL if it has none);
 * @changes holds the local edit (its present fields) and its deleted flag
 * says whether the edit is a delete; @remote_changed has a bit per field
 * that changed on the other side since the common base, and
 * @remote_deleted says the other side deleted the record since then.
 *
 * On APPLIED or MERGED, *out_merged (if given) is @current with the
 * changes applied. On CONFLICT, *out_conflicts gets a bit per field in
 * conflict (0 for edit-versus-delete without a field clash). */
HdMergeStatus hd_merge_apply   (const HdRecord *current,
                                const HdRecord *changes,
                                guint64         remote_changed,
                                gboolean        remote_deleted,
                                HdRecord      **out_merged,
                                guint64        *out_conflicts);

/* Three-way merge of whole records: @base the last common copy (NULL when
 * both sides created the record), @local and @remote the two sides. */
HdMergeStatus hd_merge_three_way (const HdRecord *base,
                                  const HdRecord *local,
                                  const HdRecord *remote,
                                  HdRecord      **out_merged,
                                  guint64        *out_conflicts);

/* The names of the fields in @mask, a NULL-terminated array. */
char        **hd_merge_field_names (HdEntity entity,
                                    guint64  mask);

G_END_DECLS
