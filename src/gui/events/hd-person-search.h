/* hd-person-search.h — find a person of the hub as you type, and pick one
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "hd-context.h"

G_BEGIN_DECLS

#define HD_TYPE_PERSON_SEARCH (hd_person_search_get_type ())
G_DECLARE_FINAL_TYPE (HdPersonSearch, hd_person_search, HD, PERSON_SEARCH, GtkWidget)

/* Signal "person-chosen" (const char *id, const char *name). @label names
 * the search field for people and screen readers. */
GtkWidget  *hd_person_search_new   (HdContext  *context,
                                    const char *hub_id,
                                    const char *label);
void        hd_person_search_clear (HdPersonSearch *self);
void        hd_person_search_set_hub_id (HdPersonSearch *self,
                                         const char     *hub_id);

G_END_DECLS
