/* hd-booking-series.c — single occurrences of a recurring booking:
 * cancelled through the series' exdates, moved into a booking of their
 * own that names the series
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-rooms.h"

gboolean
hd_booking_has_occurrence (const HdRecord *series,
                           GTimeZone      *tz,
                           gint64          start)
{
  g_autoptr(GArray) spans = NULL;

  if (hd_record_get_string (series, "recurrence") == NULL)
    return FALSE;

  spans = hd_occurrences_in_zone (series, tz, start, start + 1, NULL);
  if (spans == NULL)
    return FALSE;

  for (guint i = 0; i < spans->len; i++)
    if (g_array_index (spans, HdSpan, i).start == start)
      return TRUE;

  return FALSE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

HdRecord *
hd_booking_cancel_occurrence (const HdRecord  *series,
                              GTimeZone       *tz,
                              gint64           start,
                              GError         **error)
{
  g_autoptr(HdRecord) copy = NULL;
  g_autoptr(GPtrArray) dates = g_ptr_array_new_with_free_func (g_free);
  const char **exdates = hd_record_get_strv (series, "exdates");

  g_return_val_if_fail (hd_record_get_entity (series) == HD_ENTITY_BOOKING, NULL);

  if (!hd_booking_has_occurrence (series, tz, start))
    {
      g_set_error_literal (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID,
                           _("The booking has no date at that time to cancel."));
      return NULL;
    }

  for (guint i = 0; exdates != NULL && exdates[i] != NULL; i++)
    g_ptr_array_add (dates, g_strdup (exdates[i]));
  g_ptr_array_add (dates, hd_timestamp_format (start));
  /* in time order, so that two devices that cancel the same dates agree */
  g_ptr_array_sort (dates, compare_strings);
  g_ptr_array_add (dates, NULL);

  copy = hd_record_copy (series);
  hd_record_set_strv (copy, "exdates", (const char * const *) dates->pdata);

  return g_steal_pointer (&copy);
}

gboolean
hd_booking_move_occurrence (const HdRecord  *series,
                            GTimeZone       *tz,
                            gint64           start,
                            gint64           new_start,
                            gint64           new_end,
                            HdRecord       **out_series,
                            HdRecord       **out_moved,
                            GError         **error)
{
  g_autoptr(HdRecord) cancelled = NULL;
  g_autoptr(HdRecord) moved = NULL;
  g_autofree char *id = NULL;
  g_autofree char *starts_at = NULL;
  g_autofree char *ends_at = NULL;
  g_autofree char *original = NULL;

  if (new_end <= new_start)
    {
      g_set_error_literal (error, HD_MODEL_ERROR, HD_MODEL_ERROR_INVALID,
                           _("The end time must lie after the start time."));
      return FALSE;
    }

  cancelled = hd_booking_cancel_occurrence (series, tz, start, error);
  if (cancelled == NULL)
    return FALSE;

  id = hd_uuid_new ();
  starts_at = hd_timestamp_format (new_start);
  ends_at = hd_timestamp_format (new_end);
  original = hd_timestamp_format (start);

  moved = hd_record_copy (series);
  hd_record_set_id (moved, id);
  hd_record_set_version (moved, 0);
  hd_record_set_meta (moved, NULL, NULL, NULL);
  hd_record_set_string (moved, "starts_at", starts_at);
  hd_record_set_string (moved, "ends_at", ends_at);
  hd_record_set_null (moved, "recurrence");
  hd_record_set_null (moved, "exdates");
  hd_record_set_null (moved, "checked_in_at");
  hd_record_set_string (moved, "series_id", hd_record_get_id (series));
  hd_record_set_string (moved, "recurrence_id", original);

  *out_series = g_steal_pointer (&cancelled);
  *out_moved = g_steal_pointer (&moved);
  return TRUE;
}
