/* hd-agenda-grid.h — one day of an event's agenda as a time grid: a
 * ruler of hours, a column per room, sessions as blocks sized by their
 * length, to be moved and resized by pointer or keyboard
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "hd-agenda-layout.h"

G_BEGIN_DECLS

#define HD_TYPE_AGENDA_GRID (hd_agenda_grid_get_type ())
G_DECLARE_FINAL_TYPE (HdAgendaGrid, hd_agenda_grid, HD, AGENDA_GRID, GtkWidget)

/* Put it in a GtkScrolledWindow: it scrolls itself (GtkScrollable), the
 * room names staying on top and the hours on the left.
 *
 * Signals:
 *   "session-activated" (HdRecord *session): a block was clicked.
 *   "session-placed" (HdRecord *placed): a session was moved or resized;
 *       @placed is a changed copy to be saved.
 *   "create-requested" (gint64 starts, gint64 ends, const char *room_id):
 *       a new session was asked for there (room_id NULL: no room). */
GtkWidget  *hd_agenda_grid_new              (void);

/* Takes @layout. @names: person id → name, for speakers (borrowed while
 * the layout is shown); @warnings (HdAgendaWarning *) for the blocks'
 * descriptions. Keeps the day shown when it still exists. */
void        hd_agenda_grid_set_layout       (HdAgendaGrid   *self,
                                             HdAgendaLayout *layout,
                                             GPtrArray      *warnings,
                                             GHashTable     *names);
const HdAgendaLayout *hd_agenda_grid_get_layout (HdAgendaGrid *self);

void        hd_agenda_grid_set_day          (HdAgendaGrid   *self,
                                             guint           day);
guint       hd_agenda_grid_get_day          (HdAgendaGrid   *self);
void        hd_agenda_grid_set_step         (HdAgendaGrid   *self,
                                             int             step);
int         hd_agenda_grid_get_step         (HdAgendaGrid   *self);
/* Scrolls to the first session of the day shown (or 08:00). */
void        hd_agenda_grid_scroll_to_first  (HdAgendaGrid   *self);

G_END_DECLS
