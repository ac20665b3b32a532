/* hd-contact-export.c — people and organizations out to vCard and CSV
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-contact-export.h"
#include "hd-contact-import.h"
#include "hd-csv.h"
#include "hd-vcard.h"

static gboolean
has_consent (const HdRecord *person,
             const char     *purpose)
{
  const char **purposes = hd_record_get_strv (person, "consent_purposes");

  if (g_strcmp0 (hd_record_get_string (person, "consent"), "given") != 0 || purposes == NULL)
    return FALSE;
  return g_strv_contains (purposes, purpose);
}

char *
hd_contact_export (HdStore                *store,
                   const HdExportOptions  *options,
                   HdExportFormat          format,
                   guint                  *out_count,
                   guint                  *out_left_out,
                   GError                **error)
{
  HdQuery query = { 0, };
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GHashTable) org_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GString) out = g_string_new (NULL);
  const HdEntityInfo *info = hd_entity_info (options->entity);
  guint count = 0, left_out = 0;
  int org_index = hd_entity_field_index (options->entity, "organization_id");

  if (options->query != NULL)
    {
      g_return_val_if_fail (options->query->entity == options->entity, NULL);
      query = *options->query;
      query.offset = 0;
      query.limit = 0;
      records = hd_store_query (store, &query, error);
      query = (HdQuery) { 0, };
      query.hub_id = options->query->hub_id;
    }
  else
    {
      query.entity = options->entity;
      query.hub_id = options->hub_id;
      query.include_archived = options->include_archived;
      records = hd_store_query (store, &query, error);
    }
  if (records == NULL)
    return NULL;

  if (options->entity == HD_ENTITY_PERSON)
    {
      g_autoptr(GPtrArray) orgs = NULL;

      query.entity = HD_ENTITY_ORGANIZATION;
      query.include_archived = TRUE;
      orgs = hd_store_query (store, &query, error);
      if (orgs == NULL)
        return NULL;
      for (guint i = 0; i < orgs->len; i++)
        g_hash_table_insert (org_names, g_strdup (hd_record_get_id (orgs->pdata[i])),
                             g_strdup (hd_record_get_string (orgs->pdata[i], "name")));
    }

  if (format == HD_EXPORT_CSV)
    {
      g_autoptr(GPtrArray) header = g_ptr_array_new ();

      for (guint f = 0; f < info->n_fields; f++)
        g_ptr_array_add (header, (gpointer) info->fields[f].label);
      hd_csv_append_row (out, ',', (const char * const *) header->pdata, header->len);
    }

  for (guint i = 0; i < records->len; i++)
    {
      HdRecord *record = records->pdata[i];
      const char *org_id = org_index >= 0 ? hd_record_get_string (record, "organization_id") : NULL;
      const char *org_name = org_id != NULL ? g_hash_table_lookup (org_names, org_id) : NULL;

      if (options->consent_purpose != NULL && options->entity == HD_ENTITY_PERSON &&
          !has_consent (record, options->consent_purpose))
        {
          left_out++;
          continue;
        }

      if (format == HD_EXPORT_CSV)
        {
          g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);

          for (guint f = 0; f < info->n_fields; f++)
            {
              if ((int) f == org_index)
                g_ptr_array_add (row, g_strdup (org_name != NULL ? org_name : ""));
              else
                g_ptr_array_add (row, hd_interop_get_text (record, f));
            }
          hd_csv_append_row (out, ',', (const char * const *) row->pdata, row->len);
        }
      else
        {
          hd_vcard_append (out, record, org_name,
                           format == HD_EXPORT_VCARD_40 ? HD_VCARD_40 : HD_VCARD_30);
        }
      count++;
    }

  if (out_count != NULL)
    *out_count = count;
  if (out_left_out != NULL)
    *out_left_out = left_out;
  return g_string_free (g_steal_pointer (&out), FALSE);
}
