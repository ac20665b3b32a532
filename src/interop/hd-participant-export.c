/* hd-participant-export.c — the participant list of an event as CSV
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-contact-import.h"
#include "hd-csv.h"
#include "hd-participant-export.h"

static gboolean
may_share (HdRecord *person)
{
  const char **purposes = hd_record_get_strv (person, "consent_purposes");

  return g_strcmp0 (hd_record_get_string (person, "consent"), "given") == 0 && purposes != NULL
         && g_strv_contains (purposes, HD_PARTICIPANT_CONSENT_PURPOSE);
}

static char *
text_of (HdRecord   *record,
         const char *field)
{
  if (record == NULL)
    return g_strdup ("");
  return hd_interop_get_text (record, (guint) hd_entity_field_index (hd_record_get_entity (record), field));
}

static int
compare_registered (gconstpointer a,
                    gconstpointer b)
{
  HdRecord *ra = *(HdRecord **) a;
  HdRecord *rb = *(HdRecord **) b;
  int c = g_strcmp0 (hd_record_get_string (ra, "registered_at"), hd_record_get_string (rb, "registered_at"));

  return c != 0 ? c : g_strcmp0 (hd_record_get_id (ra), hd_record_get_id (rb));
}

char *
hd_participants_export_csv (HdStore     *store,
                            const char  *event_id,
                            guint       *out_count,
                            guint       *out_left_out,
                            GError     **error)
{
  static const char * const header[] = {
    "Given name", "Family name", "Organization", "Email", "Status", "Registered at", "Checked in at",
  };
  HdQuery query = { .entity = HD_ENTITY_REGISTRATION, .ref_field = "event_id", .ref_id = event_id };
  g_autoptr(HdRecord) event = NULL;
  g_autoptr(GPtrArray) registrations = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  guint count = 0, left_out = 0;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);

  event = hd_store_get (store, HD_ENTITY_EVENT, event_id, NULL);
  if (event == NULL || hd_record_get_deleted (event))
    {
      g_set_error (error, HD_INTEROP_ERROR, HD_INTEROP_ERROR_NOT_FOUND,
                   _("There is no event with the id “%s”."), event_id);
      return NULL;
    }

  registrations = hd_store_query (store, &query, error);
  if (registrations == NULL)
    return NULL;
  g_ptr_array_sort (registrations, compare_registered);

  hd_csv_append_row (out, ',', header, G_N_ELEMENTS (header));
  for (guint i = 0; i < registrations->len; i++)
    {
      HdRecord *registration = g_ptr_array_index (registrations, i);
      g_autoptr(HdRecord) person = NULL;
      g_autoptr(HdRecord) organization = NULL;
      const char *organization_id;
      g_autofree char *given = NULL, *family = NULL, *org = NULL, *email = NULL;
      g_autofree char *status = NULL, *registered = NULL, *checked_in = NULL;

      if (g_strcmp0 (hd_record_get_string (registration, "status"), "cancelled") == 0)
        continue;
      person = hd_store_get (store, HD_ENTITY_PERSON, hd_record_get_string (registration, "person_id"), NULL);
      if (person == NULL || hd_record_get_deleted (person) || !may_share (person))
        {
          left_out++;
          continue;
        }
      organization_id = hd_record_get_string (person, "organization_id");
      if (organization_id != NULL)
        organization = hd_store_get (store, HD_ENTITY_ORGANIZATION, organization_id, NULL);

      given = text_of (person, "given_name");
      family = text_of (person, "family_name");
      org = text_of (organization, "name");
      email = text_of (person, "email");
      status = text_of (registration, "status");
      registered = text_of (registration, "registered_at");
      checked_in = text_of (registration, "checked_in_at");
      {
        const char *row[] = { given, family, org, email, status, registered, checked_in };

        hd_csv_append_row (out, ',', row, G_N_ELEMENTS (row));
      }
      count++;
    }

  if (out_count != NULL)
    *out_count = count;
  if (out_left_out != NULL)
    *out_left_out = left_out;
  return g_string_free (g_steal_pointer (&out), FALSE);
}
