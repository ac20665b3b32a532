/* hd-contacts-transfer.h — importing and exporting contacts from the Contacts view
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import: a file chooser, then a preview of the plan (made on a worker
 * thread: how many records are created, updated, skipped and why), then
 * one step that can be undone from the toast. Export: a file chooser and
 * a toast with the count (and, for newsletters, how many were left out
 * for lack of consent).
 */
#pragma once

#include <gtk/gtk.h>

#include "hd-context.h"

G_BEGIN_DECLS

void  hd_contacts_import  (GtkWidget   *view,
                           HdContext   *context,
                           const char  *hub_id);
/* @what: "people-vcard", "people-csv", "newsletter-csv", "organizations-csv" */
void  hd_contacts_export  (GtkWidget   *view,
                           HdContext   *context,
                           const char  *what);
/* As above, the records of @query (the list as filtered on screen) as
 * CSV; NULL: as hd_contacts_export(). */
void  hd_contacts_export_list (GtkWidget     *view,
                               HdContext     *context,
                               const char    *what,
                               const HdQuery *query);

/* Art. 15: everything stored about person @person_id, saved as JSON. */
void  hd_contacts_export_person (GtkWidget   *view,
                                 HdContext   *context,
                                 const char  *person_id,
                                 const char  *name);
/* Art. 17: asks, then erases the personal data of @person_id. */
void  hd_contacts_erase_person  (GtkWidget   *view,
                                 HdContext   *context,
                                 const char  *person_id,
                                 const char  *name);

G_END_DECLS
