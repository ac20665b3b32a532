/* fuzz-record.c — libFuzzer target: the JSON guards, the record decoder and
 * the push envelope reader
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "hd-model.h"
#include "hd-server-json.h"
#include "hd-server-pull.h"
#include "hd-server-push.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(HdServerPush) push = NULL;
  g_autofree char *text = g_strndup ((const char *) data, size);
  HdServerCursor cursor;

  /* The model's guard on anything, then the server's way of reading a
   * body (one object, then json-glib). */
  hd_json_check ((const char *) data, size, HD_JSON_MAX_SIZE, NULL);
  node = hd_server_parse_object ((const char *) data, size, NULL);
  if (node != NULL)
    {
      g_autoptr(HdRecord) record = hd_record_from_json (node, NULL);

      if (record != NULL)
        {
          g_autofree char *again = hd_record_to_json_string (record);
          g_autoptr(HdRecord) copy = hd_record_from_json_string (again, strlen (again), NULL);

          g_assert_nonnull (copy);
          hd_record_validate (record, TRUE, NULL, NULL);
          hd_record_validate (record, FALSE, NULL, NULL);
        }

      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          for (guint e = 0; e < HD_N_ENTITIES; e++)
            {
              g_autoptr(HdRecord) fields =
                hd_record_fields_from_json (e, "6b1f0d0e-8f55-4f57-9a39-1f1c7d6f0a11",
                                            json_node_get_object (node), NULL);

              if (fields != NULL)
                hd_record_validate (fields, FALSE, NULL, NULL);
            }
        }
    }

  push = hd_server_push_decode ((const char *) data, size, NULL);

  if (hd_server_cursor_parse (text, &cursor, NULL))
    {
      g_autofree char *formatted = hd_server_cursor_format (&cursor);
      HdServerCursor again;

      /* what was read is written back the same way */
      g_assert_true (hd_server_cursor_parse (formatted, &again, NULL));
      g_assert_cmpint (again.version, ==, cursor.version);
      hd_server_cursor_clear (&again);
      hd_server_cursor_clear (&cursor);
    }

  return 0;
}
