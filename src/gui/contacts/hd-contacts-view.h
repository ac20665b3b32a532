/* hd-contacts-view.h — organizations and people in sortable tables
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "hd-context.h"

G_BEGIN_DECLS

#define HD_TYPE_CONTACTS_VIEW (hd_contacts_view_get_type ())
G_DECLARE_FINAL_TYPE (HdContactsView, hd_contacts_view, HD, CONTACTS_VIEW, GtkWidget)

GtkWidget *hd_contacts_view_new               (HdContext      *context);
/* TRUE once rows with records have been put on screen (property
 * "showing-records"), for the startup benchmark. */
gboolean   hd_contacts_view_get_showing_records (HdContactsView *self);

G_END_DECLS
