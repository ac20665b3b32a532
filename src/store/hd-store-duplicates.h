/* hd-store-duplicates.h — likely duplicate people and organizations, and merging them
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two records of one hub are likely the same when they share an email
 * address, a phone number (compared by its digits, "0711 12 34" equal to
 * "+49 711 1234"), or a name spelled alike (case, spacing, accents and
 * "ae"/"ä" ignored; organizations without their legal form "GmbH", "AG",
 * "e.V." …) where neither names a different organization (people) or city
 * (organizations).
 *
 * A merge keeps one record (the survivor), takes the fields chosen from
 * the other, points every reference to the other (interactions,
 * registrations, bookings, events, sessions, people of an organization)
 * at the survivor and deletes the other: all through the store in one
 * transaction, so it syncs, with a journal ("merge/ID" in the meta table)
 * that hd_store_merge_undo() reverses in one transaction too.
 */
#pragma once

#include "hd-store.h"

G_BEGIN_DECLS

typedef enum {
  HD_DUPLICATE_EMAIL = 1 << 0,
  HD_DUPLICATE_PHONE = 1 << 1,
  HD_DUPLICATE_NAME  = 1 << 2,
} HdDuplicateReason;

typedef struct {
  HdRecord          *record;    /* the other record */
  HdDuplicateReason  reasons;
} HdDuplicateMatch;

typedef struct {
  HdRecord          *a;
  HdRecord          *b;
  HdDuplicateReason  reasons;
} HdDuplicatePair;

void        hd_duplicate_match_free   (HdDuplicateMatch *match);
void        hd_duplicate_pair_free    (HdDuplicatePair  *pair);

/* "+49 (0)711 / 12 34-5" → "497111 2345" without spaces: the digits with
 * a leading 0 read as Germany's 49 and 00 as the international prefix;
 * NULL for fewer than 6 digits. */
char       *hd_phone_normalize        (const char       *phone);
/* Lower case, umlauts as ae/oe/ue/ss, accents off, punctuation and extra
 * spaces gone; for organizations also without the legal form. */
char       *hd_name_key               (HdEntity          entity,
                                       const char       *name);

/* An index of the people or organizations of one hub for finding
 * duplicates quickly (imports ask it for every row). */
typedef struct _HdDuplicateIndex HdDuplicateIndex;

HdDuplicateIndex *hd_duplicate_index_new  (HdEntity          entity);
void        hd_duplicate_index_free   (HdDuplicateIndex *index);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdDuplicateIndex, hd_duplicate_index_free)
/* Adds @record (the index keeps a reference). */
void        hd_duplicate_index_add    (HdDuplicateIndex *index,
                                       HdRecord         *record);
/* The likely duplicates of @record among those added (HdDuplicateMatch *),
 * itself (same id) left out; strongest reasons first. */
GPtrArray  *hd_duplicate_index_lookup (HdDuplicateIndex *index,
                                       const HdRecord   *record);

/* The likely duplicates of @record in its hub (not deleted; archived
 * included), for a record about to be created or just opened. */
GPtrArray  *hd_store_find_duplicates  (HdStore          *store,
                                       const HdRecord   *record,
                                       GError          **error);
/* Every pair of likely duplicates among the @entity records of @hub_id
 * (HdDuplicatePair *), for the merge screen. */
GPtrArray  *hd_store_duplicate_pairs  (HdStore          *store,
                                       HdEntity          entity,
                                       const char       *hub_id,
                                       GError          **error);

/* Merges @loser_id into @survivor_id (same entity and hub). @take lists
 * the fields (NULL-terminated names) whose value comes from the loser;
 * every other field keeps the survivor's value, except empty ones, which
 * take the loser's. Notes and tags are joined. Returns the merge's id for
 * hd_store_merge_undo(), or NULL with @error set and nothing changed. */
char       *hd_store_merge            (HdStore          *store,
                                       HdEntity          entity,
                                       const char       *survivor_id,
                                       const char       *loser_id,
                                       const char * const *take,
                                       GError          **error);
/* As hd_store_merge(), and @keep lists the fields (NULL-terminated
 * names) whose value stays the survivor's exactly: not filled from the
 * loser when empty, notes and tags not joined. A field in both lists is
 * taken. For the merge screen, where every differing field is picked. */
char       *hd_store_merge_picked     (HdStore          *store,
                                       HdEntity          entity,
                                       const char       *survivor_id,
                                       const char       *loser_id,
                                       const char * const *take,
                                       const char * const *keep,
                                       GError          **error);
/* How many records of each entity refer to the @entity record @id
 * (archived ones too; each record once): what a merge moves to the
 * survivor. */
gboolean    hd_store_count_references (HdStore          *store,
                                       HdEntity          entity,
                                       const char       *id,
                                       guint             counts[HD_N_ENTITIES],
                                       GError          **error);
/* Reverses a merge in one transaction: the survivor's fields as before,
 * the other record made again (with a new id, as the old one is gone
 * from the server) and every moved reference pointing at it again. */
gboolean    hd_store_merge_undo       (HdStore          *store,
                                       const char       *merge_id,
                                       GError          **error);

G_END_DECLS
