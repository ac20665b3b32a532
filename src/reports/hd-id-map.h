/* hd-id-map.h — record ids to pointers, for the look-ups of a report
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A map from record ids to pointers (never NULL) that behaves as a
 * GHashTable with string keys, and is quicker for the ids Hubdesk makes:
 * a UUID in lower case is kept as its 16 bytes beside the value, so a
 * look-up reads one slot instead of a hash array, a key array, the key's
 * text and a value array in four places of memory. Any other id text is
 * kept as a copy of its text, so every id is found exactly as a string
 * key would be. The map keeps no reference of its values. */
typedef struct _HdIdMap HdIdMap;

HdIdMap  *hd_id_map_new     (void);
void      hd_id_map_free    (HdIdMap    *map);
/* Adds @value (not NULL) under @id, or replaces what was there. */
void      hd_id_map_insert  (HdIdMap    *map,
                             const char *id,
                             gpointer    value);
/* The value under @id, or NULL. */
gpointer  hd_id_map_lookup  (HdIdMap    *map,
                             const char *id);
guint     hd_id_map_size    (HdIdMap    *map);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdIdMap, hd_id_map_free)

G_END_DECLS
