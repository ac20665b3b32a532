/* hd-organization-key.c — what recognises one organization across hubs
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each hub keeps its own record of an organization it works with; the
 * network's figures count an organization once however many hubs know it.
 * The key says which records stand for the same organization.
 */
#include "config.h"

#include <string.h>

#include "hd-organization-key.h"

static char *
alnum_lower (const char *text)
{
  g_autofree char *folded = NULL;
  g_autofree char *normal = NULL;
  GString *out;
  const char *p;

  for (p = text; *p != '\0' && (guchar) *p < 0x80; p++)
    ;
  if (*p == '\0')
    {
      /* ASCII, as most register numbers, postcodes and names are */
      char *ascii = g_malloc (p - text + 1);
      char *q = ascii;

      for (p = text; *p != '\0'; p++)
        if (g_ascii_isalnum (*p))
          *q++ = g_ascii_tolower (*p);
      *q = '\0';
      return ascii;
    }

  folded = g_utf8_casefold (text, -1);
  normal = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKC);
  out = g_string_new (NULL);

  for (p = normal; p != NULL && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static char *
website_domain (const char *website)
{
  const char *host = website;
  const char *p;
  g_autofree char *lower = NULL;

  p = strstr (website, "://");
  if (p != NULL)
    host = p + 3;
  p = host + strcspn (host, "/:?#");
  lower = g_ascii_strdown (host, p - host);
  if (g_str_has_prefix (lower, "www."))
    return g_strdup (lower + 4);

  return g_steal_pointer (&lower);
}

char *
hd_organization_key (const char *name,
                     const char *register_id,
                     const char *website,
                     const char *postcode)
{
  if (register_id != NULL)
    {
      g_autofree char *key = alnum_lower (register_id);

      if (*key != '\0')
        return g_strconcat ("register:", key, NULL);
    }

  if (website != NULL)
    {
      g_autofree char *domain = website_domain (website);

      if (*domain != '\0')
        return g_strconcat ("web:", domain, NULL);
    }

  {
    g_autofree char *n = alnum_lower (name != NULL ? name : "");
    g_autofree char *pc = alnum_lower (postcode != NULL ? postcode : "");

    return g_strconcat ("name:", n, "|", pc, NULL);
  }
}
