/* hd-room-check.c — whether a draft booking fits into its room, checked
 * on the client before it is saved, with the server's own rule
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-rooms.h"

void
hd_room_check_free (HdRoomCheck *check)
{
  if (check == NULL)
    return;
  g_free (check->message);
  g_clear_pointer (&check->clashes, g_ptr_array_unref);
  g_free (check);
}

HdRoomCheck *
hd_room_check_booking (const HdRecord  *room,
                       const HdRecord  *draft,
                       GPtrArray       *bookings,
                       const char      *tzid,
                       gint64           now,
                       GError         **error)
{
  g_autoptr(HdRoomCheck) check = g_new0 (HdRoomCheck, 1);
  g_autoptr(GPtrArray) clashes = NULL;
  g_autoptr(GError) problem = NULL;

  check->clashes = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  check->fits = hd_check_room_capacity (room, draft, bookings, tzid, now,
                                        &clashes, &check->free_seats, &problem);
  if (check->fits)
    return g_steal_pointer (&check);

  if (!g_error_matches (problem, HD_MODEL_ERROR, HD_MODEL_ERROR_ROOM_UNAVAILABLE))
    {
      g_propagate_error (error, g_steal_pointer (&problem));
      return NULL;
    }

  check->message = g_strdup (problem->message);
  for (guint i = 0; clashes != NULL && i < clashes->len; i++)
    g_ptr_array_add (check->clashes, hd_record_ref (g_ptr_array_index (clashes, i)));

  return g_steal_pointer (&check);
}

HdRoomCheck *
hd_room_check_draft (HdStore         *store,
                     const HdRecord  *draft,
                     gint64           now,
                     GError         **error)
{
  g_autoptr(GPtrArray) drafts = g_ptr_array_new ();

  g_ptr_array_add (drafts, (gpointer) draft);
  return hd_room_check_drafts (store, drafts, now, error);
}

HdRoomCheck *
hd_room_check_drafts (HdStore    *store,
                      GPtrArray  *drafts,
                      gint64      now,
                      GError    **error)
{
  g_autoptr(HdRecord) room = NULL;
  g_autoptr(HdRecord) hub = NULL;
  g_autoptr(GPtrArray) bookings = NULL;
  const HdRecord *draft;
  const char *room_id;
  const char *tzid = NULL;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (drafts != NULL && drafts->len > 0, NULL);

  draft = g_ptr_array_index (drafts, drafts->len - 1);
  room_id = hd_record_get_string (draft, "room_id");
  g_return_val_if_fail (hd_record_get_entity (draft) == HD_ENTITY_BOOKING, NULL);

  if (room_id == NULL)
    {
      g_set_error_literal (error, HD_MODEL_ERROR, HD_MODEL_ERROR_REQUIRED,
                           _("Choose a room for the booking."));
      return NULL;
    }

  room = hd_store_get (store, HD_ENTITY_ROOM, room_id, error);
  if (room == NULL)
    return NULL;

  hub = hd_store_get (store, HD_ENTITY_HUB, hd_record_get_hub_id (room), NULL);
  if (hub != NULL)
    tzid = hd_record_get_string (hub, "timezone");

  bookings = hd_rooms_load_bookings (store, room_id, error);
  if (bookings == NULL)
    return NULL;

  /* the other drafts in place of what is saved */
  for (guint d = 0; d + 1 < drafts->len; d++)
    {
      HdRecord *other = g_ptr_array_index (drafts, d);
      gboolean replaced = FALSE;

      for (guint i = 0; i < bookings->len; i++)
        if (g_strcmp0 (hd_record_get_id (g_ptr_array_index (bookings, i)),
                       hd_record_get_id (other)) == 0)
          {
            hd_record_unref (g_ptr_array_index (bookings, i));
            g_ptr_array_index (bookings, i) = hd_record_ref (other);
            replaced = TRUE;
          }
      if (!replaced)
        g_ptr_array_add (bookings, hd_record_ref (other));
    }

  return hd_room_check_booking (room, draft, bookings, tzid, now, error);
}

typedef struct {
  GPtrArray *drafts;
  gint64     now;
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_ptr_array_unref (data->drafts);
  g_free (data);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckData *data = task_data;
  GError *error = NULL;
  HdRoomCheck *check;

  check = hd_room_check_drafts (HD_STORE (source_object), data->drafts, data->now, &error);
  if (check == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, check, (GDestroyNotify) hd_room_check_free);
}

void
hd_room_check_draft_async (HdStore             *store,
                           GPtrArray           *drafts,
                           gint64               now,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  CheckData *data = g_new0 (CheckData, 1);

  /* copies: the editor goes on changing its drafts */
  data->drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  for (guint i = 0; i < drafts->len; i++)
    g_ptr_array_add (data->drafts, hd_record_copy (g_ptr_array_index (drafts, i)));
  data->now = now;
  g_task_set_source_tag (task, hd_room_check_draft_async);
  g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);
  g_task_run_in_thread (task, check_thread);
}

HdRoomCheck *
hd_room_check_draft_finish (HdStore       *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
