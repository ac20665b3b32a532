/* hd-id-map.c — record ids to pointers, for the look-ups of a report
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Open addressing with linear probing over slots of 24 bytes (the UUID's
 * two halves and the value); a slot is empty while its value is NULL. The
 * table doubles when half full. A report looks up some 250,000 ids of the
 * whole network's 100,000 people and 50,000 organizations; in a
 * GHashTable of strings each look-up touched memory in four places.
 */
#include "config.h"

#include "hd-id-map.h"

#define INITIAL_SLOTS 1024

typedef struct {
  guint64  hi;
  guint64  lo;
  gpointer value;
} Slot;

struct _HdIdMap
{
  Slot       *slots;
  gsize       mask;      /* number of slots - 1 */
  guint       n_slots_used;
  GHashTable *other;     /* ids that are not lower-case UUIDs: text → value */
};

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

/* Reads "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" in lower case; anything
 * else (upper case too: "ABC" and "abc" are two ids) is not read. */
static gboolean
parse_uuid (const char *id,
            guint64    *out_hi,
            guint64    *out_lo)
{
  guint64 half[2] = { 0, 0 };
  guint digits = 0;
  int i;

  for (i = 0; i < 36; i++)
    {
      int v;

      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (id[i] != '-')
            return FALSE;
          continue;
        }
      v = hex_value (id[i]);   /* also stops at the end of a short id */
      if (v < 0)
        return FALSE;
      half[digits / 16] = (half[digits / 16] << 4) | (guint64) v;
      digits++;
    }
  if (id[36] != '\0')
    return FALSE;

  *out_hi = half[0];
  *out_lo = half[1];
  return TRUE;
}

static gsize
slot_of (const HdIdMap *map,
         guint64        hi,
         guint64        lo)
{
  /* random ids: the bits are well mixed already; mix the halves anyway,
   * for ids made another way */
  guint64 h = (hi ^ (lo * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)));

  h ^= h >> 29;
  return (gsize) h & map->mask;
}

static Slot *
find_slot (const HdIdMap *map,
           guint64        hi,
           guint64        lo)
{
  gsize i = slot_of (map, hi, lo);

  for (;;)
    {
      Slot *slot = &map->slots[i];

      if (slot->value == NULL || (slot->hi == hi && slot->lo == lo))
        return slot;
      i = (i + 1) & map->mask;
    }
}

static void
grow (HdIdMap *map)
{
  Slot *old = map->slots;
  gsize n_old = map->mask + 1;

  map->slots = g_new0 (Slot, n_old * 2);
  map->mask = n_old * 2 - 1;
  for (gsize i = 0; i < n_old; i++)
    if (old[i].value != NULL)
      *find_slot (map, old[i].hi, old[i].lo) = old[i];
  g_free (old);
}

HdIdMap *
hd_id_map_new (void)
{
  HdIdMap *map = g_new0 (HdIdMap, 1);

  map->slots = g_new0 (Slot, INITIAL_SLOTS);
  map->mask = INITIAL_SLOTS - 1;
  map->other = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return map;
}

void
hd_id_map_free (HdIdMap *map)
{
  if (map == NULL)
    return;

  g_free (map->slots);
  g_hash_table_unref (map->other);
  g_free (map);
}

void
hd_id_map_insert (HdIdMap    *map,
                  const char *id,
                  gpointer    value)
{
  guint64 hi, lo;
  Slot *slot;

  g_return_if_fail (map != NULL);
  g_return_if_fail (id != NULL);
  g_return_if_fail (value != NULL);

  if (!parse_uuid (id, &hi, &lo))
    {
      g_hash_table_insert (map->other, g_strdup (id), value);
      return;
    }

  if ((map->n_slots_used + 1) * 2 > map->mask + 1)
    grow (map);

  slot = find_slot (map, hi, lo);
  if (slot->value == NULL)
    map->n_slots_used++;
  slot->hi = hi;
  slot->lo = lo;
  slot->value = value;
}

gpointer
hd_id_map_lookup (HdIdMap    *map,
                  const char *id)
{
  guint64 hi, lo;

  g_return_val_if_fail (map != NULL, NULL);

  if (id == NULL)
    return NULL;
  if (!parse_uuid (id, &hi, &lo))
    return g_hash_table_lookup (map->other, id);

  return find_slot (map, hi, lo)->value;
}

guint
hd_id_map_size (HdIdMap *map)
{
  g_return_val_if_fail (map != NULL, 0);

  return map->n_slots_used + g_hash_table_size (map->other);
}
