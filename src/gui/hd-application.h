/* hd-application.h — the application: command line, profile, windows
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HD_TYPE_APPLICATION (hd_application_get_type ())
G_DECLARE_FINAL_TYPE (HdApplication, hd_application, HD, APPLICATION, AdwApplication)

HdApplication *hd_application_new              (void);
/* The data folder of the default profile: $XDG_DATA_HOME/hubdesk/default */
char          *hd_application_default_profile  (void);
/* The application id for a profile folder: the plain id for the default
 * profile, a derived one for every other, so that two profiles run side
 * by side while a second start of the same profile reaches the first. */
char          *hd_application_id_for_profile   (const char *profile);

G_END_DECLS
