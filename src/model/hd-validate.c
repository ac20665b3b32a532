/* hd-validate.c — is a record valid? Says which field and why
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "hd-error.h"
#include "hd-invariants.h"
#include "hd-record.h"

#define BOOKING_MAX_SECONDS (31 * 24 * 3600)

static gboolean
fail (GError       **error,
      const char   **out_field,
      const char    *field,
      HdModelError   code,
      char          *message)
{
  if (out_field != NULL)
    *out_field = field;
  g_set_error_literal (error, HD_MODEL_ERROR, code, message);
  g_free (message);

  return FALSE;
}

static gboolean
is_single_line (const char *text)
{
  for (const char *p = text; *p; p++)
    {
      if ((guchar) *p < 0x20 || *p == 0x7f)
        return FALSE;
    }
  return TRUE;
}

static gboolean
has_control_chars (const char *text)
{
  for (const char *p = text; *p; p++)
    {
      guchar c = (guchar) *p;

      if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7f)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_date (const char *text)
{
  int y, m, d;
  char tail;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    {
      if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
        return FALSE;
    }
  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return FALSE;

  return y >= 1 && g_date_valid_dmy (d, m, y);
}

static gboolean
is_time (const char *text)
{
  int h, m;

  if (strlen (text) != 5 || text[2] != ':' ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;

  h = (text[0] - '0') * 10 + (text[1] - '0');
  m = (text[3] - '0') * 10 + (text[4] - '0');

  return (h < 24 && m < 60) || (h == 24 && m == 0);
}

static gboolean
is_url (const char *text)
{
  const char *rest;

  if (g_ascii_strncasecmp (text, "https://", 8) == 0)
    rest = text + 8;
  else if (g_ascii_strncasecmp (text, "http://", 7) == 0)
    rest = text + 7;
  else
    return FALSE;

  if (*rest == '\0' || *rest == '/' || *rest == '?' || *rest == '#')
    return FALSE;

  for (const char *p = text; *p; p++)
    {
      if ((guchar) *p <= 0x20 || *p == 0x7f || *p == '"' || *p == '<' || *p == '>')
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_email (const char *text)
{
  const char *at = strchr (text, '@');
  const char *dot;

  if (at == NULL || at == text || strchr (at + 1, '@') != NULL)
    return FALSE;
  dot = strrchr (at + 1, '.');
  if (dot == NULL || dot == at + 1 || dot[1] == '\0')
    return FALSE;
  for (const char *p = text; *p; p++)
    {
      if ((guchar) *p <= 0x20 || *p == 0x7f || *p == ',' || *p == ';' ||
          *p == '<' || *p == '>' || *p == '"')
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_rrule (const char *text)
{
  if (g_ascii_strncasecmp (text, "RRULE:", 6) == 0)
    return FALSE;

  return hd_rrule_check (text, NULL);
}

static gboolean
is_timezone (const char *text)
{
  GTimeZone *tz;

  if (!g_str_equal (text, "UTC") && strchr (text, '/') == NULL)
    return FALSE;
  tz = g_time_zone_new_identifier (text);
  if (tz == NULL)
    return FALSE;
  g_time_zone_unref (tz);

  return TRUE;
}

/* Checks one present, non-null value of @field. */
static gboolean
validate_value (const HdField  *field,
                GVariant       *value,
                const char    **out_field,
                GError        **error)
{
  const char *label = hd_field_label (field);
  const char *text = NULL;

  if (!g_variant_is_of_type (value, hd_field_value_type (field)))
    return fail (error, out_field, field->name, HD_MODEL_ERROR_WRONG_TYPE,
                 g_strdup_printf (_("“%s” has a value of the wrong kind."), label));

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    {
      text = g_variant_get_string (value, NULL);
      if (!g_utf8_validate (text, -1, NULL))
        return fail (error, out_field, field->name, HD_MODEL_ERROR_ENCODING,
                     g_strdup_printf (_("“%s” contains text that is not valid UTF-8."), label));
    }

  switch (field->type)
    {
    case HD_TYPE_STRING:
    case HD_TYPE_TEXT:
      if (field->type == HD_TYPE_STRING ? !is_single_line (text) : has_control_chars (text))
        return fail (error, out_field, field->name, HD_MODEL_ERROR_INVALID,
                     g_strdup_printf (_("“%s” contains characters that are not allowed."), label));
      if (field->max > 0 && g_utf8_strlen (text, -1) > field->max)
        return fail (error, out_field, field->name, HD_MODEL_ERROR_INVALID,
                     g_strdup_printf (_("“%s” is too long: at most %lld characters are allowed."),
                                      label, (long long) field->max));
      return TRUE;

    case HD_TYPE_INT:
      {
        gint64 n = g_variant_get_int64 (value);

        if (n < field->min || n > field->max)
          return fail (error, out_field, field->name, HD_MODEL_ERROR_INVALID,
                       g_strdup_printf (_("“%s” must be between %lld and %lld."),
                                        label, (long long) field->min, (long long) field->max));
        return TRUE;
      }

    case HD_TYPE_BOOL:
      return TRUE;

    case HD_TYPE_ENUM:
      if (!hd_field_has_value (field, text))
        return fail (error, out_field, field->name, HD_MODEL_ERROR_INVALID,
                     g_strdup_printf (_("“%s” is not a valid choice for “%s”."), text, label));
      return TRUE;

    case HD_TYPE_ENUM_SET:
    case HD_TYPE_STRV:
    case HD_TYPE_REF_LIST:
      {
        gsize n = g_variant_n_children (value);
        g_autofree const char **items = g_variant_get_strv (value, NULL);

        if (field->max > 0 && n > (gsize) field->max)
          return fail (error, out_field, field->name, HD_MODEL_ERROR_INVALID,
                       g_strdup_printf (_("“%s” has too many entries: at most %lld are allowed."),
                                        label, (long long) field->max));
        for (gsize i = 0; i < n; i++)
          {
            const char *item = items[i];

            if (!g_utf8_validate (item, -1, NULL))
              return fail (error, out_field, field->name, HD_MODEL_ERROR_ENCODING,
                           g_strdup_printf (_("“%s” contains text that is not valid UTF-8."), label));
            if (field->type == HD_TYPE_ENUM_SET && !hd_field_has_value (field, item))
              return fail (error, out_field, field->name, HD_MODEL_ERROR_INVALID,
                           g_strdup_printf (_("“%s” is not a valid choice for “%s”."), item, label));
            if (field->type == HD_TYPE_REF_LIST && !hd_uuid_is_valid (item))
              return fail (error, out_field, field->name, HD_MODEL_ERROR_INVALID,
                           g_strdup_printf (_("“%s” must refer to existing records."), label));
            if (field->type == HD_TYPE_STRV &&
                (item[0] == '\0' || !is_single_line (item) || g_utf8_strlen (item, -1) > 100))
              return fail (error, out_field, field->name, HD_MODEL_ERROR_INVALID,
                           g_strdup_printf (_("Each entry of “%s” must be one line of at most 100 characters."),
                                            label));
            for (gsize j = 0; j < i; j++)
              {
                if (g_str_equal (items[j], item))
                  return fail (error, out_field, field->name, HD_MODEL_ERROR_INVALID,
                               g_strdup_printf (_("“%s” lists “%s” twice."), label, item));
              }
          }
        return TRUE;
      }

    case HD_TYPE_REF:
      if (!hd_uuid_is_valid (text))
        return fail (error, out_field, field->name, HD_MODEL_ERROR_INVALID,
                     g_strdup_printf (_("“%s” must refer to an existing record."), label));
      return TRUE;

    case HD_TYPE_TIMESTAMP:
      if (!hd_timestamp_parse (text, NULL))
        return fail (error, out_field, field->name, HD_MODEL_ERROR_INVALID,
                     g_strdup_printf (_("“%s” must be a date and time in UTC such as 2026-11-25T14:00:00Z."),
                                      label));
      return TRUE;

    case HD_TYPE_DATE:
      if (!is_date (text))
        return fail (error, out_field, field->name, HD_MODEL_ERROR_INVALID,
                     g_strdup_printf (_("“%s” must be a date such as 2026-11-25."), label));
      return TRUE;

    case HD_TYPE_TIME:
      if (!is_time (text))
        return fail (error, out_field, field->name, HD_MODEL_ERROR_INVALID,
                     g_strdup_printf (_("“%s” must be a time of day such as 09:30."), label));
      return TRUE;

    case HD_TYPE_URL:
      if ((field->max > 0 && (gint64) strlen (text) > field->max) || !is_url (text))
        return fail (error, out_field, field->name, HD_MODEL_ERROR_INVALID,
                     g_strdup_printf (_("“%s” must be a web address starting with http:// or https://."),
                                      label));
      return TRUE;

    case HD_TYPE_EMAIL:
      if ((field->max > 0 && (gint64) strlen (text) > field->max) || !is_email (text))
        return fail (error, out_field, field->name, HD_MODEL_ERROR_INVALID,
                     g_strdup_printf (_("“%s” is not a valid email address."), label));
      return TRUE;

    case HD_TYPE_RRULE:
      if ((field->max > 0 && (gint64) strlen (text) > field->max) || !is_rrule (text))
        return fail (error, out_field, field->name, HD_MODEL_ERROR_INVALID,
                     g_strdup_printf (_("“%s” is not a repetition rule Hubdesk understands."), label));
      return TRUE;

    case HD_TYPE_TIMEZONE:
      if ((field->max > 0 && (gint64) strlen (text) > field->max) || !is_timezone (text))
        return fail (error, out_field, field->name, HD_MODEL_ERROR_INVALID,
                     g_strdup_printf (_("“%s” is not a known time zone such as Europe/Berlin."), label));
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
is_blank (GVariant *value)
{
  const char *text;

  if (value == NULL)
    return TRUE;
  if (!g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return FALSE;

  for (text = g_variant_get_string (value, NULL); *text; text++)
    {
      if (!g_ascii_isspace (*text))
        return FALSE;
    }

  return TRUE;
}

static GVariant *
value_of (const HdRecord *record,
          const char     *name)
{
  int index = hd_entity_field_index (hd_record_get_entity (record), name);

  return index < 0 ? NULL : hd_record_get (record, index);
}

/* Rules across fields, for full records. */
static gboolean
validate_rules (const HdRecord  *record,
                const char     **out_field,
                GError         **error)
{
  HdEntity entity = hd_record_get_entity (record);
  int starts_index = hd_entity_field_index (entity, "starts_at");

  if (starts_index >= 0)
    {
      gint64 starts, ends;

      if (hd_timestamp_parse (hd_record_get_string (record, "starts_at"), &starts) &&
          hd_timestamp_parse (hd_record_get_string (record, "ends_at"), &ends))
        {
          if (ends <= starts)
            return fail (error, out_field, "ends_at", HD_MODEL_ERROR_INVALID,
                         g_strdup (_("The end must be after the start.")));
          if (entity == HD_ENTITY_BOOKING && ends - starts > BOOKING_MAX_SECONDS)
            return fail (error, out_field, "ends_at", HD_MODEL_ERROR_INVALID,
                         g_strdup (_("A booking can last at most 31 days.")));
        }
    }

  switch (entity)
    {
    case HD_ENTITY_PERSON:
      if (is_blank (value_of (record, "given_name")) &&
          is_blank (value_of (record, "family_name")))
        return fail (error, out_field, "family_name", HD_MODEL_ERROR_REQUIRED,
                     g_strdup (_("Enter a given name or a family name.")));
      break;

    case HD_ENTITY_ROOM:
      {
        const char *from = hd_record_get_string (record, "open_from");
        const char *until = hd_record_get_string (record, "open_until");

        if (from != NULL && until != NULL && strcmp (from, until) >= 0)
          return fail (error, out_field, "open_until", HD_MODEL_ERROR_INVALID,
                       g_strdup (_("The room must close after it opens.")));
      }
      break;

    case HD_ENTITY_HUB_FIGURE:
      {
        const char *month = hd_record_get_string (record, "month");
        g_autofree char *first_day = month != NULL ? g_strconcat (month, "-01", NULL) : NULL;

        if (month != NULL && (strlen (month) != 7 || !is_date (first_day)))
          return fail (error, out_field, "month", HD_MODEL_ERROR_INVALID,
                       g_strdup (_("“Month” must be a month such as 2026-11.")));
      }
      break;

    case HD_ENTITY_BOOKING:
      {
        const char **exdates = hd_record_get_strv (record, "exdates");

        for (guint i = 0; exdates != NULL && exdates[i] != NULL; i++)
          if (!hd_timestamp_parse (exdates[i], NULL))
            return fail (error, out_field, "exdates", HD_MODEL_ERROR_INVALID,
                         g_strdup_printf (_("“%s” is not the start of an occurrence "
                                            "such as 2026-11-25T14:00:00Z."),
                                          exdates[i]));
      }
      break;

    case HD_ENTITY_HUB:
    case HD_ENTITY_EVENT:
    case HD_ENTITY_SESSION:
    case HD_ENTITY_REGISTRATION:
    case HD_ENTITY_ORGANIZATION:
    case HD_ENTITY_INTERACTION:
    case HD_N_ENTITIES:
    default:
      break;
    }

  return TRUE;
}

gboolean
hd_record_validate (const HdRecord  *record,
                    gboolean         full,
                    const char     **out_field,
                    GError         **error)
{
  const HdEntityInfo *info;

  g_return_val_if_fail (record != NULL, FALSE);

  info = hd_record_get_info (record);

  if (!hd_uuid_is_valid (hd_record_get_id (record)))
    return fail (error, out_field, "id", HD_MODEL_ERROR_INVALID,
                 g_strdup (_("The record has no valid id.")));

  if (full && hd_record_get_entity (record) != HD_ENTITY_HUB &&
      !hd_uuid_is_valid (hd_record_get_hub_id (record)))
    return fail (error, out_field, "hub_id", HD_MODEL_ERROR_INVALID,
                 g_strdup (_("The record belongs to no hub.")));

  for (guint i = 0; i < info->n_fields; i++)
    {
      const HdField *field = &info->fields[i];
      GVariant *value = hd_record_get (record, i);
      gboolean present = hd_record_has (record, i);

      if ((field->flags & HD_FIELD_REQUIRED) && (full || present) && is_blank (value))
        return fail (error, out_field, field->name, HD_MODEL_ERROR_REQUIRED,
                     g_strdup_printf (_("“%s” is required."), hd_field_label (field)));

      if (value != NULL && !validate_value (field, value, out_field, error))
        return FALSE;
    }

  if (full && !hd_record_get_deleted (record))
    return validate_rules (record, out_field, error);

  return TRUE;
}
