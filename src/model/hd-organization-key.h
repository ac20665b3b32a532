/* hd-organization-key.h — what recognises one organization across hubs
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The key of an organization: its register number, else its website's
 * domain, else its name and postcode, each lower case with only letters
 * and digits kept ("register:hrb725123", "web:example.org",
 * "name:mullergmbh|72764"). Records of several hubs with one key are one
 * organization. */
char *hd_organization_key (const char *name,
                           const char *register_id,
                           const char *website,
                           const char *postcode);

G_END_DECLS
