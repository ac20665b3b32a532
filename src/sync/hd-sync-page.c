/* hd-sync-page.c — reading a pull page quickly
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "hd-sync-page.h"

typedef struct {
  const char *p;
  const char *end;
  GString    *scratch;
} Reader;

void
hd_sync_page_clear (HdSyncPage *page)
{
  g_clear_pointer (&page->records, g_ptr_array_unref);
  g_clear_pointer (&page->cursor, g_free);
  g_clear_pointer (&page->hubs, json_array_unref);
  page->has_more = FALSE;
}

static void
skip_space (Reader *r)
{
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' || *r->p == '\r' || *r->p == '\t'))
    r->p++;
}

static gboolean
expect (Reader *r,
        char    c)
{
  skip_space (r);
  if (r->p >= r->end || *r->p != c)
    return FALSE;
  r->p++;
  return TRUE;
}

static gboolean
peek_is (Reader *r,
         char    c)
{
  skip_space (r);
  return r->p < r->end && *r->p == c;
}

static gboolean
literal (Reader     *r,
         const char *word)
{
  gsize len = strlen (word);

  skip_space (r);
  if ((gsize) (r->end - r->p) < len || memcmp (r->p, word, len) != 0)
    return FALSE;
  r->p += len;
  return TRUE;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Reader   *r,
           gunichar *out)
{
  gunichar value = 0;

  if (r->end - r->p < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int h = hex_value (r->p[i]);

      if (h < 0)
        return FALSE;
      value = (value << 4) | (gunichar) h;
    }
  r->p += 4;
  *out = value;
  return TRUE;
}

/* A string into r->scratch (valid UTF-8, no NUL inside). */
static gboolean
read_string (Reader *r)
{
  const char *start;

  if (!expect (r, '"'))
    return FALSE;

  g_string_truncate (r->scratch, 0);
  start = r->p;
  for (;;)
    {
      unsigned char c;

      if (r->p >= r->end)
        return FALSE;
      c = (unsigned char) *r->p;

      if (c == '"')
        {
          g_string_append_len (r->scratch, start, r->p - start);
          r->p++;
          break;
        }
      if (c < 0x20)
        return FALSE;
      if (c != '\\')
        {
          r->p++;
          continue;
        }

      g_string_append_len (r->scratch, start, r->p - start);
      r->p++;
      if (r->p >= r->end)
        return FALSE;
      switch (*r->p++)
        {
        case '"': g_string_append_c (r->scratch, '"'); break;
        case '\\': g_string_append_c (r->scratch, '\\'); break;
        case '/': g_string_append_c (r->scratch, '/'); break;
        case 'b': g_string_append_c (r->scratch, '\b'); break;
        case 'f': g_string_append_c (r->scratch, '\f'); break;
        case 'n': g_string_append_c (r->scratch, '\n'); break;
        case 'r': g_string_append_c (r->scratch, '\r'); break;
        case 't': g_string_append_c (r->scratch, '\t'); break;
        case 'u':
          {
            gunichar u;

            if (!read_hex4 (r, &u))
              return FALSE;
            if (u >= 0xD800 && u <= 0xDBFF)
              {
                gunichar low;

                if (r->end - r->p < 6 || r->p[0] != '\\' || r->p[1] != 'u')
                  return FALSE;
                r->p += 2;
                if (!read_hex4 (r, &low) || low < 0xDC00 || low > 0xDFFF)
                  return FALSE;
                u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
              }
            else if (u >= 0xDC00 && u <= 0xDFFF)
              return FALSE;
            if (u == 0)
              return FALSE;
            g_string_append_unichar (r->scratch, u);
          }
          break;
        default:
          return FALSE;
        }
      start = r->p;
    }

  return g_utf8_validate_len (r->scratch->str, r->scratch->len, NULL);
}

/* A whole number, as the codec takes it: no fraction, no exponent. */
static gboolean
read_int (Reader *r,
          gint64 *out)
{
  char buffer[24];
  const char *start;
  gsize len;
  char *endptr;

  skip_space (r);
  start = r->p;
  if (r->p < r->end && *r->p == '-')
    r->p++;
  while (r->p < r->end && g_ascii_isdigit (*r->p))
    r->p++;
  len = (gsize) (r->p - start);
  if (len == 0 || len >= sizeof buffer ||
      (r->p < r->end && (*r->p == '.' || *r->p == 'e' || *r->p == 'E')))
    return FALSE;

  memcpy (buffer, start, len);
  buffer[len] = '\0';
  errno = 0;
  *out = g_ascii_strtoll (buffer, &endptr, 10);
  return errno == 0 && *endptr == '\0';
}

static gboolean
read_bool (Reader   *r,
           gboolean *out)
{
  if (literal (r, "true"))
    *out = TRUE;
  else if (literal (r, "false"))
    *out = FALSE;
  else
    return FALSE;
  return TRUE;
}

/* A string or null; *out NULL for null. */
static gboolean
read_nullable_string (Reader  *r,
                      char   **out)
{
  if (literal (r, "null"))
    {
      *out = NULL;
      return TRUE;
    }
  if (!read_string (r))
    return FALSE;
  *out = g_strndup (r->scratch->str, r->scratch->len);
  return TRUE;
}

static gboolean
read_value (Reader         *r,
            const HdField  *field,
            GVariant      **out)
{
  const GVariantType *type = hd_field_value_type (field);

  *out = NULL;
  if (literal (r, "null"))
    return TRUE;

  if (g_variant_type_equal (type, G_VARIANT_TYPE_STRING))
    {
      if (!read_string (r))
        return FALSE;
      *out = g_variant_new_take_string (g_strndup (r->scratch->str, r->scratch->len));
      return TRUE;
    }

  if (g_variant_type_equal (type, G_VARIANT_TYPE_INT64))
    {
      gint64 value;

      if (!read_int (r, &value))
        return FALSE;
      *out = g_variant_new_int64 (value);
      return TRUE;
    }

  if (g_variant_type_equal (type, G_VARIANT_TYPE_BOOLEAN))
    {
      gboolean value;

      if (!read_bool (r, &value))
        return FALSE;
      *out = g_variant_new_boolean (value);
      return TRUE;
    }

  /* a list of strings */
  {
    GVariantBuilder builder;

    if (!expect (r, '['))
      return FALSE;
    g_variant_builder_init (&builder, G_VARIANT_TYPE_STRING_ARRAY);
    if (!peek_is (r, ']'))
      {
        do
          {
            if (!read_string (r))
              {
                g_variant_builder_clear (&builder);
                return FALSE;
              }
            g_variant_builder_add (&builder, "s", r->scratch->str);
          }
        while (expect (r, ','));
      }
    if (!expect (r, ']'))
      {
        g_variant_builder_clear (&builder);
        return FALSE;
      }
    *out = g_variant_builder_end (&builder);
    return TRUE;
  }
}

static gboolean
read_fields (Reader   *r,
             HdRecord *record)
{
  HdEntity entity = hd_record_get_entity (record);

  if (!expect (r, '{'))
    return FALSE;
  if (expect (r, '}'))
    return TRUE;

  do
    {
      GVariant *value = NULL;
      int index;

      if (!read_string (r) || !expect (r, ':'))
        return FALSE;
      index = hd_entity_field_index (entity, r->scratch->str);
      if (index < 0 || hd_record_has (record, (guint) index) ||
          !read_value (r, hd_entity_field (entity, (guint) index), &value))
        {
          g_clear_pointer (&value, g_variant_unref);
          return FALSE;
        }
      hd_record_set (record, (guint) index, value);
    }
  while (expect (r, ','));

  return expect (r, '}');
}

/* One change; members in the order the server writes them, fields last. */
static HdRecord *
read_change (Reader *r)
{
  g_autoptr(HdRecord) record = NULL;
  g_autofree char *entity_name = NULL;
  g_autofree char *id = NULL;
  g_autofree char *hub_id = NULL;
  g_autofree char *created_at = NULL;
  g_autofree char *updated_at = NULL;
  g_autofree char *updated_by = NULL;
  gint64 version = 0;
  gboolean deleted = FALSE;
  gboolean has_fields = FALSE;
  HdEntity entity;

  if (!expect (r, '{'))
    return NULL;

  do
    {
      char **target = NULL;

      if (!read_string (r) || !expect (r, ':'))
        return NULL;

      if (g_str_equal (r->scratch->str, "fields"))
        {
          if (record == NULL)
            {
              if (entity_name == NULL || id == NULL ||
                  !hd_entity_from_name (entity_name, &entity) || !hd_uuid_is_valid (id))
                return NULL;
              record = hd_record_new_empty (entity, id);
            }
          if (has_fields || !read_fields (r, record))
            return NULL;
          has_fields = TRUE;
          continue;
        }

      if (record != NULL)
        return NULL;   /* members after "fields": not our shape */

      if (g_str_equal (r->scratch->str, "version"))
        {
          if (!read_int (r, &version) || version < 0)
            return NULL;
          continue;
        }
      if (g_str_equal (r->scratch->str, "deleted"))
        {
          if (!read_bool (r, &deleted))
            return NULL;
          continue;
        }

      if (g_str_equal (r->scratch->str, "entity"))
        target = &entity_name;
      else if (g_str_equal (r->scratch->str, "id"))
        target = &id;
      else if (g_str_equal (r->scratch->str, "hub_id"))
        target = &hub_id;
      else if (g_str_equal (r->scratch->str, "created_at"))
        target = &created_at;
      else if (g_str_equal (r->scratch->str, "updated_at"))
        target = &updated_at;
      else if (g_str_equal (r->scratch->str, "updated_by"))
        target = &updated_by;
      else
        return NULL;

      if (*target != NULL)
        return NULL;
      if (!read_nullable_string (r, target))
        return NULL;
    }
  while (expect (r, ','));

  if (!expect (r, '}'))
    return NULL;

  if (record == NULL)
    {
      /* a tombstone may come without fields */
      if (!deleted || entity_name == NULL || id == NULL ||
          !hd_entity_from_name (entity_name, &entity) || !hd_uuid_is_valid (id))
        return NULL;
      record = hd_record_new_empty (entity, id);
    }

  hd_record_set_hub_id (record, hub_id);
  hd_record_set_version (record, version);
  hd_record_set_deleted (record, deleted);
  hd_record_set_meta (record, created_at, updated_at, updated_by);

  return g_steal_pointer (&record);
}

/* Skips one JSON value of any kind. */
static gboolean
skip_value (Reader *r)
{
  guint depth = 0;

  skip_space (r);
  do
    {
      if (r->p >= r->end)
        return FALSE;
      switch (*r->p)
        {
        case '"':
          if (!read_string (r))
            return FALSE;
          break;
        case '[':
        case '{':
          if (++depth > HD_JSON_MAX_DEPTH)
            return FALSE;
          r->p++;
          break;
        case ']':
        case '}':
          if (depth == 0)
            return FALSE;
          depth--;
          r->p++;
          break;
        default:
          r->p++;
          break;
        }
      skip_space (r);
    }
  while (depth > 0);

  return TRUE;
}

gboolean
hd_sync_page_read (const char *data,
                   gsize       length,
                   HdSyncPage *page)
{
  g_autoptr(GString) scratch = g_string_sized_new (256);
  Reader r = { data, data + length, scratch };
  gboolean has_changes = FALSE;

  memset (page, 0, sizeof *page);
  page->records = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);

  if (!expect (&r, '{'))
    goto fail;

  do
    {
      if (!read_string (&r) || !expect (&r, ':'))
        goto fail;

      if (g_str_equal (scratch->str, "changes"))
        {
          if (has_changes || !expect (&r, '['))
            goto fail;
          has_changes = TRUE;
          if (expect (&r, ']'))
            continue;
          do
            {
              HdRecord *record = read_change (&r);

              if (record == NULL)
                goto fail;
              g_ptr_array_add (page->records, record);
            }
          while (expect (&r, ','));
          if (!expect (&r, ']'))
            goto fail;
        }
      else if (g_str_equal (scratch->str, "cursor"))
        {
          if (page->cursor != NULL || !read_nullable_string (&r, &page->cursor))
            goto fail;
        }
      else if (g_str_equal (scratch->str, "has_more"))
        {
          if (!read_bool (&r, &page->has_more))
            goto fail;
        }
      else if (g_str_equal (scratch->str, "hubs"))
        {
          const char *start;
          g_autofree char *text = NULL;
          g_autoptr(JsonNode) node = NULL;

          skip_space (&r);
          start = r.p;
          if (page->hubs != NULL || !skip_value (&r))
            goto fail;
          text = g_strndup (start, (gsize) (r.p - start));
          node = json_from_string (text, NULL);
          if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
            goto fail;
          page->hubs = json_array_ref (json_node_get_array (node));
        }
      else
        goto fail;
    }
  while (expect (&r, ','));

  if (!expect (&r, '}') || !has_changes)
    goto fail;
  skip_space (&r);
  if (r.p != r.end)
    goto fail;

  return TRUE;

fail:
  hd_sync_page_clear (page);
  return FALSE;
}
