/* hd-a11y.h — keep pages that are not on screen out of the accessibility tree
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 presents every page of a GtkStack, and both panes of a folded
 * AdwLeaflet, to assistive technologies, although only one is on screen.
 * These helpers mark the others hidden, so that a screen reader reads what
 * a sighted person sees.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void hd_a11y_track_stack   (GtkStack   *stack);
void hd_a11y_track_leaflet (AdwLeaflet *leaflet);

G_END_DECLS
