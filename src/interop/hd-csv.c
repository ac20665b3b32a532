/* hd-csv.c — reading and writing CSV files as spreadsheets write them
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hd-csv.h"
#include "hd-interop.h"

G_DEFINE_QUARK (hd-interop-error-quark, hd_interop_error)

void
hd_csv_free (HdCsv *csv)
{
  if (csv == NULL)
    return;
  g_clear_pointer (&csv->rows, g_ptr_array_unref);
  g_clear_pointer (&csv->lines, g_array_unref);
  g_free (csv->encoding);
  g_free (csv);
}

/* The text of @data as UTF-8, without a byte order mark. */
static char *
to_utf8 (const char  *data,
         gsize        length,
         char       **out_encoding,
         GError     **error)
{
  const guchar *u = (const guchar *) data;
  g_autoptr(GError) local = NULL;
  char *text;

  if (length >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
    {
      data += 3;
      length -= 3;
    }
  else if (length >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
    {
      const char *from = u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";

      text = g_convert (data + 2, length - 2, "UTF-8", from, NULL, NULL, &local);
      if (text == NULL)
        {
          g_set_error (error, HD_INTEROP_ERROR, HD_INTEROP_ERROR_PARSE,
                       _("The file says it is UTF-16 text but is not."));
          return NULL;
        }
      *out_encoding = g_strdup ("UTF-16");
      return text;
    }

  if (memchr (data, '\0', length) != NULL)
    {
      g_set_error (error, HD_INTEROP_ERROR, HD_INTEROP_ERROR_PARSE,
                   _("The file is not a text file."));
      return NULL;
    }

  if (g_utf8_validate_len (data, length, NULL))
    {
      *out_encoding = g_strdup ("UTF-8");
      return g_strndup (data, length);
    }

  text = g_convert (data, length, "UTF-8", "WINDOWS-1252", NULL, NULL, &local);
  if (text == NULL)
    {
      g_set_error (error, HD_INTEROP_ERROR, HD_INTEROP_ERROR_PARSE,
                   _("The file is neither UTF-8 nor Windows-1252 text."));
      return NULL;
    }
  *out_encoding = g_strdup ("WINDOWS-1252");
  return text;
}

/* The separator found most often outside quotes in the first record. */
static char
detect_separator (const char *text)
{
  guint commas = 0, semicolons = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && (*p == '\n' || *p == '\r'))
        break;
      else if (!quoted && *p == ',')
        commas++;
      else if (!quoted && *p == ';')
        semicolons++;
      else if (!quoted && *p == '\t')
        tabs++;
    }

  if (tabs > commas && tabs > semicolons)
    return '\t';
  if (semicolons > commas)
    return ';';
  return ',';
}

static gboolean
is_blank (const GString *text)
{
  for (gsize i = 0; i < text->len; i++)
    {
      if (text->str[i] != ' ' && text->str[i] != '\t')
        return FALSE;
    }
  return TRUE;
}

static gboolean
row_is_empty (GPtrArray *fields)
{
  for (guint i = 0; i < fields->len; i++)
    {
      if (((const char *) fields->pdata[i])[0] != '\0')
        return FALSE;
    }
  return TRUE;
}

HdCsv *
hd_csv_parse (const char  *data,
              gsize        length,
              GError     **error)
{
  g_autoptr(HdCsv) csv = g_new0 (HdCsv, 1);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  guint line = 1, row_line = 1;
  gboolean quoted = FALSE, was_quoted = FALSE;
  const char *p;

  text = to_utf8 (data, length, &csv->encoding, error);
  if (text == NULL)
    return NULL;

  csv->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  csv->lines = g_array_new (FALSE, FALSE, sizeof (guint));
  csv->separator = detect_separator (text);

  for (p = text; ; p++)
    {
      char c = *p;

      if (quoted)
        {
          if (c == '\0')
            {
              g_set_error (error, HD_INTEROP_ERROR, HD_INTEROP_ERROR_PARSE,
                           _("Line %u: a quoted field is never closed."), row_line);
              return NULL;
            }
          if (c == '"' && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else if (c == '"')
            {
              quoted = FALSE;
            }
          else
            {
              if (c == '\n')
                line++;
              /* Line breaks inside a field become "\n". */
              if (c == '\r' && p[1] == '\n')
                continue;
              g_string_append_c (field, c == '\r' ? '\n' : c);
            }
          continue;
        }

      if (c == csv->separator || c == '\n' || c == '\r' || c == '\0')
        {
          g_ptr_array_add (fields, g_strdup (was_quoted ? field->str : g_strstrip (field->str)));
          g_string_truncate (field, 0);
          was_quoted = FALSE;

          if (c != csv->separator)
            {
              if (!row_is_empty (fields))
                {
                  g_ptr_array_add (fields, NULL);
                  g_ptr_array_add (csv->rows, g_ptr_array_steal (fields, NULL));
                  g_array_append_val (csv->lines, row_line);
                }
              g_ptr_array_set_size (fields, 0);

              if (c == '\0')
                break;
              if (c == '\r' && p[1] == '\n')
                p++;
              line++;
              row_line = line;
            }
          continue;
        }

      if (c == '"' && !was_quoted && is_blank (field))
        {
          g_string_truncate (field, 0);
          quoted = TRUE;
          was_quoted = TRUE;
          continue;
        }

      if (was_quoted)
        {
          if (c == ' ' || c == '\t')
            continue;
          g_set_error (error, HD_INTEROP_ERROR, HD_INTEROP_ERROR_PARSE,
                       _("Line %u: there is text after the closing quote of a field."), line);
          return NULL;
        }

      g_string_append_c (field, c);
    }

  if (csv->rows->len == 0)
    {
      g_set_error (error, HD_INTEROP_ERROR, HD_INTEROP_ERROR_PARSE,
                   _("The file is empty."));
      return NULL;
    }

  return g_steal_pointer (&csv);
}

void
hd_csv_append_row (GString            *out,
                   char                separator,
                   const char * const *fields,
                   guint               n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    {
      const char *value = fields[i] != NULL ? fields[i] : "";
      gboolean quote = value[0] == ' ' || (value[0] != '\0' && value[strlen (value) - 1] == ' ');

      for (const char *p = value; *p != '\0' && !quote; p++)
        quote = *p == separator || *p == '"' || *p == '\n' || *p == '\r';

      if (i > 0)
        g_string_append_c (out, separator);

      if (!quote)
        {
          g_string_append (out, value);
          continue;
        }

      g_string_append_c (out, '"');
      for (const char *p = value; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  g_string_append (out, "\r\n");
}
