/* hd-date-button.h — a button that opens a calendar to pick a date
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HD_TYPE_DATE_BUTTON (hd_date_button_get_type ())
G_DECLARE_FINAL_TYPE (HdDateButton, hd_date_button, HD, DATE_BUTTON, GtkWidget)

/* @label names the button for screen readers and in its tooltip. */
GtkWidget *hd_date_button_new      (const char   *label);
/* The date the calendar opens on (only year, month and day count). */
void       hd_date_button_set_date (HdDateButton *self,
                                    GDateTime    *date);
/* The date last picked or set, or NULL; owned by the button. */
GDateTime *hd_date_button_get_date (HdDateButton *self);

/* Signal "date-chosen": a day was picked in the calendar. */

G_END_DECLS
