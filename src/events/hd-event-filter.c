/* hd-event-filter.c — the store query behind the list of events: a mode
 * (upcoming, past, drafts) narrowed by status and format
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

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

void
hd_event_filter_apply (const HdEventFilter *filter,
                       const char          *day_start,
                       HdQuery             *query)
{
  const char *format;

  g_return_if_fail (filter != NULL);
  g_return_if_fail (query != NULL);

  query->entity = HD_ENTITY_EVENT;
  query->order_by = "starts_at";
  query->from = NULL;
  query->until = NULL;
  query->descending = FALSE;
  query->status = hd_event_filter_get_status (filter);

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
      query->status = "draft";
      break;

    default:
      g_return_if_reached ();
    }

  format = hd_event_filter_get_format (filter);
  query->ref_field = format != NULL ? "format" : NULL;
  query->ref_id = format;
}
