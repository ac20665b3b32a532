/* hd-merge.c — the field merge used by server and client alike
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "hd-merge.h"

#define BIT(i) (G_GUINT64_CONSTANT (1) << (i))

HdMergeStatus
hd_merge_apply (const HdRecord  *current,
                const HdRecord  *changes,
                guint64          remote_changed,
                gboolean         remote_deleted,
                HdRecord       **out_merged,
                guint64         *out_conflicts)
{
  const HdEntityInfo *info = hd_record_get_info (changes);
  guint64 local_changed = hd_record_get_present (changes);
  gboolean local_delete = hd_record_get_deleted (changes);
  guint64 conflicts = 0;
  HdRecord *merged;

  if (out_merged != NULL)
    *out_merged = NULL;
  if (out_conflicts != NULL)
    *out_conflicts = 0;

  /* Nothing on the other side yet: a create, or a delete of nothing. */
  if (current == NULL)
    {
      if (out_merged != NULL)
        *out_merged = hd_record_copy (changes);
      return HD_MERGE_APPLIED;
    }

  if (local_delete)
    {
      /* Delete versus edit: the other side's edit would vanish unseen. */
      if (!remote_deleted && remote_changed != 0)
        {
          if (out_conflicts != NULL)
            *out_conflicts = remote_changed;
          return HD_MERGE_CONFLICT;
        }

      merged = hd_record_copy (current);
      hd_record_set_deleted (merged, TRUE);
      if (out_merged != NULL)
        *out_merged = merged;
      else
        hd_record_unref (merged);

      return remote_changed != 0 || remote_deleted ? HD_MERGE_MERGED : HD_MERGE_APPLIED;
    }

  /* Edit versus delete. */
  if (remote_deleted || hd_record_get_deleted (current))
    {
      if (out_conflicts != NULL)
        *out_conflicts = local_changed;
      return HD_MERGE_CONFLICT;
    }

  for (guint i = 0; i < info->n_fields; i++)
    {
      if ((local_changed & BIT (i)) && (remote_changed & BIT (i)) &&
          !hd_value_equal (hd_record_get (current, i), hd_record_get (changes, i)))
        conflicts |= BIT (i);
    }

  if (conflicts != 0)
    {
      if (out_conflicts != NULL)
        *out_conflicts = conflicts;
      return HD_MERGE_CONFLICT;
    }

  if (out_merged != NULL)
    {
      merged = hd_record_copy (current);
      for (guint i = 0; i < info->n_fields; i++)
        {
          GVariant *value = hd_record_get (changes, i);

          if (local_changed & BIT (i))
            hd_record_set (merged, i, value);
        }
      if (hd_record_get_hub_id (changes) != NULL)
        hd_record_set_hub_id (merged, hd_record_get_hub_id (changes));
      *out_merged = merged;
    }

  return remote_changed != 0 ? HD_MERGE_MERGED : HD_MERGE_APPLIED;
}

/* The fields of @side that differ from @base (or, without base, that have
 * a value), as a record holding just those fields. */
static HdRecord *
changes_since (const HdRecord *base,
               const HdRecord *side,
               guint64        *out_mask)
{
  const HdEntityInfo *info = hd_record_get_info (side);
  HdRecord *changes = hd_record_new_empty (hd_record_get_entity (side),
                                           hd_record_get_id (side));
  guint64 mask = 0;

  for (guint i = 0; i < info->n_fields; i++)
    {
      GVariant *value = hd_record_get (side, i);
      gboolean changed;

      if (!hd_record_has (side, i))
        continue;
      if (base != NULL && hd_record_has (base, i))
        changed = !hd_value_equal (hd_record_get (base, i), value);
      else
        changed = value != NULL;

      if (changed)
        {
          hd_record_set (changes, i, value);
          mask |= BIT (i);
        }
    }

  hd_record_set_hub_id (changes, hd_record_get_hub_id (side));
  hd_record_set_deleted (changes, hd_record_get_deleted (side) &&
                                  (base == NULL || !hd_record_get_deleted (base)));
  *out_mask = mask;

  return changes;
}

HdMergeStatus
hd_merge_three_way (const HdRecord  *base,
                    const HdRecord  *local,
                    const HdRecord  *remote,
                    HdRecord       **out_merged,
                    guint64         *out_conflicts)
{
  g_autoptr(HdRecord) local_changes = NULL;
  g_autoptr(HdRecord) remote_changes = NULL;
  guint64 local_mask, remote_mask;
  gboolean remote_deleted;

  g_return_val_if_fail (local != NULL || remote != NULL, HD_MERGE_APPLIED);

  if (out_conflicts != NULL)
    *out_conflicts = 0;

  if (remote == NULL || local == NULL)
    {
      if (out_merged != NULL)
        *out_merged = hd_record_copy (remote != NULL ? remote : local);
      return HD_MERGE_APPLIED;
    }

  local_changes = changes_since (base, local, &local_mask);
  remote_changes = changes_since (base, remote, &remote_mask);
  remote_deleted = hd_record_get_deleted (remote_changes);

  /* A local edit that changed nothing keeps the remote copy as it is. */
  if (local_mask == 0 && !hd_record_get_deleted (local_changes))
    {
      if (out_merged != NULL)
        *out_merged = hd_record_copy (remote);
      return remote_mask != 0 || remote_deleted ? HD_MERGE_MERGED : HD_MERGE_APPLIED;
    }

  return hd_merge_apply (remote, local_changes, remote_mask, remote_deleted,
                         out_merged, out_conflicts);
}

char **
hd_merge_field_names (HdEntity entity,
                      guint64  mask)
{
  const HdEntityInfo *info = hd_entity_info (entity);
  GStrvBuilder *builder = g_strv_builder_new ();
  char **names;

  for (guint i = 0; i < info->n_fields; i++)
    {
      if (mask & BIT (i))
        g_strv_builder_add (builder, info->fields[i].name);
    }

  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return names;
}
