/* hd-heat-map.h — room use by hour and weekday, as colours, with the
 * figures on hover and as a table for screen readers
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "hd-rooms.h"

G_BEGIN_DECLS

#define HD_TYPE_HEAT_MAP (hd_heat_map_get_type ())
G_DECLARE_FINAL_TYPE (HdHeatMap, hd_heat_map, HD, HEAT_MAP, GtkWidget)

GtkWidget *hd_heat_map_new            (void);
/* Copies @occupancy; NULL clears the map. */
void       hd_heat_map_set_occupancy  (HdHeatMap         *self,
                                       const HdOccupancy *occupancy);
/* A table of the same figures (a GtkGrid of labels, each with an
 * accessible name such as "Tuesday 10:00: 45 % planned, 30 % checked
 * in"), for screen readers and for reading the numbers. */
GtkWidget *hd_heat_map_table_new      (const HdOccupancy *occupancy);

/* "Monday" … "Sunday", translated; @weekday 0 = Monday. */
const char *hd_heat_map_weekday_name  (guint              weekday);

G_END_DECLS
