/* hd-server-json.c — reading request bodies
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-codec.h"
#include "hd-server-error.h"
#include "hd-server-json.h"

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Whether @data is one object, with only white space around it. Strings
 * are skipped, so brackets inside them do not count. */
static gboolean
single_object (const char *data,
               gsize       length)
{
  gsize i = 0;
  guint depth = 0;
  gboolean in_string = FALSE;

  while (i < length && is_space (data[i]))
    i++;
  if (i == length || data[i] != '{')
    return FALSE;

  for (; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        depth++;
      else if (c == '}' || c == ']')
        {
          if (depth == 0)
            return FALSE;
          if (--depth == 0)
            {
              for (i++; i < length; i++)
                {
                  if (!is_space (data[i]))
                    return FALSE;
                }
              return TRUE;
            }
        }
    }

  return FALSE;
}

JsonNode *
hd_server_parse_object (const char  *data,
                        gsize        length,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  /* Size, UTF-8 and depth first: a document failing those is refused
   * for that reason, before anything else looks at it. */
  if (!hd_json_check (data, length, HD_JSON_MAX_SIZE, &local_error))
    {
      g_propagate_error (error, hd_server_error_from (local_error));
      return NULL;
    }

  if (!single_object (data, length))
    {
      g_set_error_literal (error, HD_SERVER_ERROR, HD_SERVER_ERROR_INVALID_JSON,
                           _("The request body must be one JSON object."));
      return NULL;
    }

  root = hd_json_parse (data, length, &local_error);
  if (root == NULL)
    {
      g_propagate_error (error, hd_server_error_from (local_error));
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      json_node_unref (root);
      g_set_error_literal (error, HD_SERVER_ERROR, HD_SERVER_ERROR_INVALID_JSON,
                           _("The request body must be one JSON object."));
      return NULL;
    }

  return root;
}
