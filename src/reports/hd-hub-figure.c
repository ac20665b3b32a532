/* hd-hub-figure.c — the figures a hub enters by hand, per month
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "hd-hub-figure.h"

char *
hd_hub_figure_id (const char *hub_id,
                  const char *month)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize length = sizeof digest;

  g_checksum_update (checksum, (const guchar *) "hub_figure\n", -1);
  g_checksum_update (checksum, (const guchar *) hub_id, -1);
  g_checksum_update (checksum, (const guchar *) "\n", -1);
  g_checksum_update (checksum, (const guchar *) month, -1);
  g_checksum_get_digest (checksum, digest, &length);

  digest[6] = (digest[6] & 0x0f) | 0x40;   /* version 4 */
  digest[8] = (digest[8] & 0x3f) | 0x80;   /* RFC 4122 variant */

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3],
                          digest[4], digest[5], digest[6], digest[7],
                          digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

HdRecord *
hd_hub_figure_get (HdStore     *store,
                   const char  *hub_id,
                   const char  *month,
                   GError     **error)
{
  g_autofree char *id = hd_hub_figure_id (hub_id, month);
  g_autoptr(GError) local_error = NULL;
  HdRecord *record = hd_store_get (store, HD_ENTITY_HUB_FIGURE, id, &local_error);

  if (record == NULL && !g_error_matches (local_error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local_error));

  return record;
}

gboolean
hd_hub_figure_save (HdStore     *store,
                    const char  *hub_id,
                    const char  *month,
                    gint64       social_followers,
                    gint64       third_party_appearances,
                    const char  *notes,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(HdRecord) record = hd_hub_figure_get (store, hub_id, month, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (record == NULL)
    {
      g_autofree char *id = hd_hub_figure_id (hub_id, month);

      record = hd_record_new (HD_ENTITY_HUB_FIGURE, hub_id);
      hd_record_set_id (record, id);
      hd_record_set_string (record, "month", month);
    }

  if (social_followers >= 0)
    hd_record_set_int (record, "social_followers", social_followers);
  else
    hd_record_set_null (record, "social_followers");
  if (third_party_appearances >= 0)
    hd_record_set_int (record, "third_party_appearances", third_party_appearances);
  else
    hd_record_set_null (record, "third_party_appearances");
  if (notes != NULL)
    {
      if (*notes != '\0')
        hd_record_set_string (record, "notes", notes);
      else
        hd_record_set_null (record, "notes");
    }

  return hd_store_save (store, record, error);
}
