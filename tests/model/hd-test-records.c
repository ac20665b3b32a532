/* hd-test-records.c — valid sample records of every entity, for tests
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "hd-test-records.h"

GVariant *
test_valid_value (HdEntity       entity,
                  const HdField *field)
{
  switch (field->type)
    {
    case HD_TYPE_STRING:
      if (g_str_equal (field->name, "month"))
        return g_variant_new_string ("2026-11");
      if (field->max > 0 && field->max <= 2)
        return g_variant_new_string ("DE");
      if (field->max > 0 && field->max < 25)
        return g_variant_new_string ("72764");
      return g_variant_new_string ("Schäfer & Söhne GmbH");
    case HD_TYPE_TEXT:
      return g_variant_new_string ("Erste Zeile\nZweite Zeile mit Umlauten: äöüß");
    case HD_TYPE_INT:
      return g_variant_new_int64 (MIN (field->max, field->min + 11));
    case HD_TYPE_BOOL:
      return g_variant_new_boolean (TRUE);
    case HD_TYPE_ENUM:
      {
        guint n = g_strv_length ((GStrv) field->values);
        return g_variant_new_string (field->values[n - 1]);
      }
    case HD_TYPE_ENUM_SET:
      {
        const char *two[] = { field->values[0], field->values[1], NULL };
        return g_variant_new_strv (two, -1);
      }
    case HD_TYPE_STRV:
      if (g_str_equal (field->name, "exdates"))
        {
          const char *dates[] = { "2026-12-09T14:00:00Z", "2026-12-23T14:00:00Z", NULL };
          return g_variant_new_strv (dates, -1);
        }
      else
        {
          const char *tags[] = { "KI", "Mittelstand", NULL };
          return g_variant_new_strv (tags, -1);
        }
    case HD_TYPE_REF:
      return g_variant_new_string ("6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b");
    case HD_TYPE_REF_LIST:
      {
        const char *ids[] = { "6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b",
                              "7a2e3d4c-5b6a-4f70-9b8c-0d1e2f3a4b5c", NULL };
        return g_variant_new_strv (ids, -1);
      }
    case HD_TYPE_TIMESTAMP:
      if (g_str_equal (field->name, "ends_at"))
        return g_variant_new_string ("2026-11-25T16:00:00Z");
      return g_variant_new_string ("2026-11-25T14:00:00Z");
    case HD_TYPE_DATE:
      return g_variant_new_string ("2026-11-25");
    case HD_TYPE_TIME:
      return g_variant_new_string (g_str_equal (field->name, "open_until") ? "20:00" : "08:00");
    case HD_TYPE_URL:
      return g_variant_new_string ("https://www.digitalhub-neckar-alb.de/termine");
    case HD_TYPE_EMAIL:
      return g_variant_new_string ("sabine.mueller@example.org");
    case HD_TYPE_RRULE:
      return g_variant_new_string ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=10");
    case HD_TYPE_TIMEZONE:
      return g_variant_new_string ("Europe/Berlin");
    default:
      g_assert_not_reached ();
    }

  (void) entity;
}

HdRecord *
test_full_record (HdEntity entity)
{
  const HdEntityInfo *info = hd_entity_info (entity);
  HdRecord *record = hd_record_new (entity, TEST_HUB_ID);

  for (guint i = 0; i < info->n_fields; i++)
    hd_record_set (record, i, test_valid_value (entity, &info->fields[i]));

  return record;
}
