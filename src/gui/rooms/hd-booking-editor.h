/* hd-booking-editor.h — a window to create, move, resize, repeat, check
 * in and cancel a booking, with the capacity warning before saving
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "hd-context.h"
#include "hd-rooms.h"

G_BEGIN_DECLS

#define HD_TYPE_BOOKING_EDITOR (hd_booking_editor_get_type ())
G_DECLARE_FINAL_TYPE (HdBookingEditor, hd_booking_editor, HD, BOOKING_EDITOR, AdwWindow)

/* @rooms: the rooms to choose from (HdRecord). @booking: the booking to
 * edit, or NULL for a new one in @room starting at @start (an hour
 * long). @occurrence_start: for one date of a recurring booking, its
 * start (0 otherwise): the editor then offers to change or cancel only
 * that date. Emits "saved" (const char *message) after saving. */
GtkWidget *hd_booking_editor_new (GtkWindow      *parent,
                                  HdContext      *context,
                                  GPtrArray      *rooms,
                                  HdRecord       *booking,
                                  gint64          occurrence_start,
                                  HdRecord       *room,
                                  gint64          start);

/* Puts @room and the times [@start, @end) into the form (a span dragged
 * on the timeline, or a move that needs the editor); of a series opened
 * at one date, @only_this_date says whether only that date changes. */
void       hd_booking_editor_set_times (HdBookingEditor *self,
                                        HdRecord        *room,
                                        gint64           start,
                                        gint64           end,
                                        gboolean         only_this_date);

G_END_DECLS
