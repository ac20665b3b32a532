/* hd-event-filter.c — the store query behind the list of events: a mode
 * (upcoming, past, drafts) narrowed by status and format
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-event-filter.h"

static gboolean
is_value_of (const char *field_name,
             const char *value)
{
  int index;

  if (value == NULL || *value == '\0')
    return FALSE;
  index = hd_entity_field_index (HD_ENTITY_EVENT, field_name);
  return index >= 0 && hd_field_has_value (hd_entity_field (HD_ENTITY_EVENT, index), value);
}

const char *
hd_event_filter_get_status (const HdEventFilter *filter)
{
  g_return_val_if_fail (filter != NULL, NULL);

  if (filter->mode == HD_EVENT_LIST_DRAFTS || !is_value_of ("status", filter->status))
    return NULL;
  return filter->status;
}

const char *
hd_event_filter_get_format (const HdEventFilter *filter)
{
  g_return_val_if_fail (filter != NULL, NULL);

  return is_value_of ("format", filter->format) ? filter->format : NULL;
}

gboolean
hd_event_filter_is_active (const HdEventFilter *filter)
{
  return hd_event_filter_get_status (filter) != NULL || hd_event_filter_get_format (filter) != NULL;
}

/* The filter's status (the mode's for drafts) and format, and the order. */
static void
apply_narrowing (const HdEventFilter *filter,
                 HdQuery             *query)
{
  const char *format = hd_event_filter_get_format (filter);

  query->entity = HD_ENTITY_EVENT;
  query->order_by = "starts_at";
  query->from = NULL;
  query->until = NULL;
  query->descending = FALSE;
  query->status = filter->mode == HD_EVENT_LIST_DRAFTS ? "draft"
                                                        : hd_event_filter_get_status (filter);
  query->ref_field = format != NULL ? "format" : NULL;
  query->ref_id = format;
}

void
hd_event_filter_apply (const HdEventFilter *filter,
                       const char          *day_start,
                       HdQuery             *query)
{
  g_return_if_fail (filter != NULL);
  g_return_if_fail (query != NULL);

  apply_narrowing (filter, query);

  switch (filter->mode)
    {
    case HD_EVENT_LIST_UPCOMING:
      query->from = day_start;
      break;

    case HD_EVENT_LIST_PAST:
      query->until = day_start;
      query->descending = TRUE;
      break;

    case HD_EVENT_LIST_DRAFTS:
      break;

    default:
      g_return_if_reached ();
    }
}

void
hd_event_filter_apply_span (const HdEventFilter *filter,
                            const char          *from,
                            const char          *until,
                            HdQuery             *query)
{
  g_return_if_fail (filter != NULL);
  g_return_if_fail (query != NULL);

  apply_narrowing (filter, query);
  query->from = from;
  query->until = until;
}

char *
hd_event_filter_describe (const HdEventFilter *filter)
{
  const char *status;
  const char *format;

  g_return_val_if_fail (filter != NULL, NULL);

  status = filter->mode == HD_EVENT_LIST_DRAFTS ? "draft" : hd_event_filter_get_status (filter);
  format = hd_event_filter_get_format (filter);
  if (status != NULL && format != NULL)
    /* Translators: the filters in effect: a status and a format, e.g. "Cancelled, Office hours" */
    return g_strdup_printf (C_("event filters", "%s, %s"),
                            hd_enum_value_label (status), hd_enum_value_label (format));
  if (status != NULL || format != NULL)
    return g_strdup (hd_enum_value_label (status != NULL ? status : format));
  return NULL;
}
