/* hd-vcard.c — people and organizations as vCard 3.0 and 4.0 (EVCard)
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
/* Only the vCard parser is used: the umbrella header would bring in
 * libedataserver headers that use API GLib has deprecated. */
#define __LIBEBOOK_CONTACTS_H_INSIDE__
#include <libebook-contacts/e-vcard.h>
#undef __LIBEBOOK_CONTACTS_H_INSIDE__

#include "hd-vcard.h"

#define X_PREFIX "X-HUBDESK-"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVCard, g_object_unref)

/* Fields written as X-HUBDESK-<FIELD>: those vCard has no property for. */
static const char * const person_extra[] = {
  "consent", "consent_purposes", "consent_at", "consent_source", "consent_text", "archived", NULL
};
static const char * const organization_extra[] = {
  "kind", "sector", "size_class", "register_id", "archived", NULL
};

static const struct {
  const char *name;
  const char *code;
} countries[] = {
  { "germany", "DE" }, { "deutschland", "DE" }, { "austria", "AT" }, { "österreich", "AT" },
  { "switzerland", "CH" }, { "schweiz", "CH" }, { "france", "FR" }, { "frankreich", "FR" },
  { "netherlands", "NL" }, { "niederlande", "NL" }, { "italy", "IT" }, { "italien", "IT" },
  { "united kingdom", "GB" }, { "vereinigtes königreich", "GB" }, { "united states", "US" },
  { "usa", "US" }, { "vereinigte staaten", "US" }, { "belgium", "BE" }, { "belgien", "BE" },
  { "luxembourg", "LU" }, { "luxemburg", "LU" }, { "spain", "ES" }, { "spanien", "ES" },
  { "poland", "PL" }, { "polen", "PL" }, { "denmark", "DK" }, { "dänemark", "DK" },
};

/* ---- reading ---- */

static char *
attr_first (EVCardAttribute *attr)
{
  GList *values = e_vcard_attribute_get_values (attr);

  if (values == NULL || values->data == NULL)
    return NULL;
  return g_strstrip (g_strdup (values->data));
}

/* Value @n of a structured attribute (N, ADR), stripped, or "". */
static const char *
attr_nth (EVCardAttribute *attr,
          guint            n)
{
  GList *link = g_list_nth (e_vcard_attribute_get_values (attr), n);

  return link != NULL && link->data != NULL ? link->data : "";
}

static gboolean
attr_is_pref (EVCardAttribute *attr)
{
  if (e_vcard_attribute_has_type (attr, "pref") || e_vcard_attribute_get_param (attr, "PREF") != NULL)
    return TRUE;
  return FALSE;
}

/* The values of all @name attributes, the preferred one first. */
static GPtrArray *
collect (EVCard     *card,
         const char *name)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (GList *l = e_vcard_get_attributes (card); l != NULL; l = l->next)
    {
      EVCardAttribute *attr = l->data;
      char *value;

      if (g_ascii_strcasecmp (e_vcard_attribute_get_name (attr), name) != 0)
        continue;
      value = attr_first (attr);
      if (value == NULL || value[0] == '\0')
        {
          g_free (value);
          continue;
        }
      /* vCard 4.0 writes phone numbers as tel: URIs, mail as mailto:. */
      if (g_ascii_strncasecmp (value, "tel:", 4) == 0 || g_ascii_strncasecmp (value, "mailto:", 7) == 0)
        {
          char *rest = g_strdup (strchr (value, ':') + 1);

          /* A tel: URI separates with "." (as Hubdesk writes spaces) or "-". */
          if (g_ascii_strncasecmp (value, "tel:", 4) == 0)
            g_strdelimit (rest, ".", ' ');
          g_free (value);
          value = rest;
        }
      if (attr_is_pref (attr))
        g_ptr_array_insert (out, 0, value);
      else
        g_ptr_array_add (out, value);
    }
  return out;
}

static EVCardAttribute *
find_attr (EVCard     *card,
           const char *name)
{
  for (GList *l = e_vcard_get_attributes (card); l != NULL; l = l->next)
    {
      if (g_ascii_strcasecmp (e_vcard_attribute_get_name (l->data), name) == 0)
        return l->data;
    }
  return NULL;
}

static char *
single (EVCard     *card,
        const char *name)
{
  EVCardAttribute *attr = find_attr (card, name);
  g_autoptr(GString) text = NULL;

  if (attr == NULL)
    return NULL;
  /* Text with an unescaped ";" comes back in pieces: join them again. */
  text = g_string_new (NULL);
  for (GList *l = e_vcard_attribute_get_values (attr); l != NULL; l = l->next)
    {
      if (l != e_vcard_attribute_get_values (attr))
        g_string_append_c (text, ';');
      g_string_append (text, l->data != NULL ? l->data : "");
    }
  g_strstrip (text->str);
  if (text->str[0] == '\0')
    return NULL;
  return g_strdup (text->str);
}

static void
set_field (HdImportItem *item,
           const char   *field,
           const char   *text)
{
  int index = hd_entity_field_index (hd_record_get_entity (item->record), field);
  g_autofree char *problem = NULL;

  if (index < 0 || text == NULL || text[0] == '\0')
    return;
  if (!hd_interop_set_text (item->record, index, text, &problem) && item->problem == NULL)
    item->problem = g_steal_pointer (&problem);
}

static char *
country_code (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);

  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    {
      if (g_str_equal (lower, countries[i].name))
        return g_strdup (countries[i].code);
    }
  if (strlen (text) == 2 && g_ascii_isalpha (text[0]) && g_ascii_isalpha (text[1]))
    return g_ascii_strup (text, -1);
  return NULL;
}

static char *
website (const char *text)
{
  if (g_ascii_strncasecmp (text, "http://", 7) == 0 || g_ascii_strncasecmp (text, "https://", 8) == 0)
    return g_strdup (text);
  if (strchr (text, ':') == NULL && strchr (text, '.') != NULL && strchr (text, ' ') == NULL)
    return g_strconcat ("https://", text, NULL);
  return g_strdup (text);
}

static gboolean
is_organization_card (EVCard     *card,
                      const char *family,
                      const char *given,
                      const char *fn,
                      const char *org)
{
  g_autofree char *kind = single (card, "KIND");
  g_autofree char *show_as = single (card, "X-ABShowAs");

  if (kind != NULL)
    return g_ascii_strcasecmp (kind, "org") == 0 || g_ascii_strcasecmp (kind, "organization") == 0;
  if (show_as != NULL && g_ascii_strcasecmp (show_as, "COMPANY") == 0)
    return TRUE;
  if (family[0] != '\0' || given[0] != '\0')
    return FALSE;
  if (fn != NULL && org != NULL)
    return g_str_equal (fn, org);
  return fn == NULL && org != NULL;
}

static void
read_extras (EVCard       *card,
             HdImportItem *item)
{
  for (GList *l = e_vcard_get_attributes (card); l != NULL; l = l->next)
    {
      const char *name = e_vcard_attribute_get_name (l->data);
      g_autofree char *field = NULL;
      g_autofree char *value = NULL;

      if (g_ascii_strncasecmp (name, X_PREFIX, strlen (X_PREFIX)) != 0)
        continue;
      field = g_ascii_strdown (name + strlen (X_PREFIX), -1);
      g_strdelimit (field, "-", '_');
      value = single (card, name);
      set_field (item, field, value);
    }
}

static void
read_common (EVCard       *card,
             HdImportItem *item,
             GString      *notes)
{
  g_autoptr(GPtrArray) emails = collect (card, "EMAIL");
  g_autoptr(GPtrArray) phones = collect (card, "TEL");
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *note = single (card, "NOTE");

  if (emails->len > 0)
    set_field (item, "email", emails->pdata[0]);
  if (phones->len > 0)
    set_field (item, "phone", phones->pdata[0]);

  for (GList *l = e_vcard_get_attributes (card); l != NULL; l = l->next)
    {
      if (g_ascii_strcasecmp (e_vcard_attribute_get_name (l->data), "CATEGORIES") != 0)
        continue;
      for (GList *v = e_vcard_attribute_get_values (l->data); v != NULL; v = v->next)
        {
          g_auto(GStrv) parts = g_strsplit (v->data != NULL ? v->data : "", ",", -1);

          for (guint i = 0; parts[i] != NULL; i++)
            {
              g_strstrip (parts[i]);
              if (parts[i][0] != '\0')
                g_ptr_array_add (tags, g_strdup (parts[i]));
            }
        }
    }
  if (tags->len > 0)
    {
      g_ptr_array_add (tags, NULL);
      hd_record_set_strv (item->record, "tags", (const char * const *) tags->pdata);
    }

  if (note != NULL)
    g_string_append (notes, note);

  if (emails->len > 1)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 1; i < emails->len; i++)
        g_string_append_printf (list, "%s%s", i > 1 ? ", " : "", (char *) emails->pdata[i]);
      if (g_strstr_len (notes->str, -1, list->str) == NULL)
        {
          if (notes->len > 0)
            g_string_append_c (notes, '\n');
          g_string_append_printf (notes, _("Further email addresses: %s"), list->str);
        }
    }
  if (phones->len > 1)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 1; i < phones->len; i++)
        g_string_append_printf (list, "%s%s", i > 1 ? ", " : "", (char *) phones->pdata[i]);
      if (g_strstr_len (notes->str, -1, list->str) == NULL)
        {
          if (notes->len > 0)
            g_string_append_c (notes, '\n');
          g_string_append_printf (notes, _("Further phone numbers: %s"), list->str);
        }
    }
}

/* vCard 2.1 breaks quoted-printable values with a "=" at the end of a
 * line, which EVCard does not join: join them first. */
static char *
join_soft_breaks (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean qp = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize len = strlen (line);
      const char *colon;

      if (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';

      if (!qp)
        {
          g_autofree char *head = NULL;

          colon = strchr (line, ':');
          head = g_ascii_strup (line, colon != NULL ? colon - line : (gssize) len);
          qp = strstr (head, "QUOTED-PRINTABLE") != NULL;
        }

      if (qp && len > 0 && line[len - 1] == '=' && lines[i + 1] != NULL)
        {
          g_string_append_len (out, line, len - 1);
          continue;
        }
      g_string_append (out, line);
      g_string_append (out, "\r\n");
      qp = FALSE;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* "Königstraße 10, 70173 Stuttgart, Deutschland" from an ADR's parts
 * (post office box, extended address, street, locality, region, postal
 * code, country), or NULL when it holds nothing. */
static char *
format_address (EVCardAttribute *adr)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *place = NULL;
  const char *order[] = { attr_nth (adr, 0), attr_nth (adr, 1), attr_nth (adr, 2) };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      if (order[i][0] != '\0')
        g_ptr_array_add (parts, g_strdup (order[i]));
    }
  place = g_strstrip (g_strjoin (" ", attr_nth (adr, 5), attr_nth (adr, 3), NULL));
  if (place[0] != '\0')
    g_ptr_array_add (parts, g_steal_pointer (&place));
  if (attr_nth (adr, 4)[0] != '\0')
    g_ptr_array_add (parts, g_strdup (attr_nth (adr, 4)));
  if (attr_nth (adr, 6)[0] != '\0')
    g_ptr_array_add (parts, g_strdup (attr_nth (adr, 6)));
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  /* Lines of a street become parts of the one line. */
  return g_strdelimit (g_strjoinv (", ", (char **) parts->pdata), "\r\n", ' ');
}

/* Adds @line to @notes on a line of its own, unless the notes hold it. */
static void
add_note_line (GString    *notes,
               const char *line)
{
  if (g_strstr_len (notes->str, -1, line) != NULL)
    return;
  if (notes->len > 0)
    g_string_append_c (notes, '\n');
  g_string_append (notes, line);
}

/* People have no address fields: each postal address of a person's card
 * goes into the notes, saying which one it is. */
static void
read_person_addresses (EVCard  *card,
                       GString *notes)
{
  for (GList *l = e_vcard_get_attributes (card); l != NULL; l = l->next)
    {
      EVCardAttribute *attr = l->data;
      g_autofree char *address = NULL;
      g_autofree char *line = NULL;

      if (g_ascii_strcasecmp (e_vcard_attribute_get_name (attr), "ADR") != 0)
        continue;
      address = format_address (attr);
      if (address == NULL)
        continue;
      if (e_vcard_attribute_has_type (attr, "work"))
        line = g_strdup_printf (_("Work address: %s"), address);
      else if (e_vcard_attribute_has_type (attr, "home"))
        line = g_strdup_printf (_("Home address: %s"), address);
      else
        line = g_strdup_printf (_("Address: %s"), address);
      add_note_line (notes, line);
    }
}

static HdImportItem *
read_card (const char *raw,
           guint       line)
{
  g_autofree char *text = join_soft_breaks (raw);
  g_autoptr(EVCard) card = e_vcard_new_from_string (text);
  EVCardAttribute *n = find_attr (card, "N");
  EVCardAttribute *org_attr = find_attr (card, "ORG");
  g_autofree char *fn = single (card, "FN");
  g_autofree char *org = org_attr != NULL ? attr_first (org_attr) : NULL;
  g_autofree char *family = g_strstrip (g_strdup (n != NULL ? attr_nth (n, 0) : ""));
  g_autofree char *given = g_strstrip (g_strdup (n != NULL ? attr_nth (n, 1) : ""));
  /* Middle names are given names too: "Jana Maria". */
  g_autofree char *middle = g_strstrip (g_strdup (n != NULL ? attr_nth (n, 2) : ""));
  g_autofree char *prefix = g_strstrip (g_strdup (n != NULL ? attr_nth (n, 3) : ""));
  g_autofree char *suffix = g_strstrip (g_strdup (n != NULL ? attr_nth (n, 4) : ""));
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autoptr(GString) more = g_string_new (NULL);   /* lines after the card's own note */
  HdImportItem *item;

  if (org != NULL && org[0] == '\0')
    g_clear_pointer (&org, g_free);

  if (is_organization_card (card, family, given, fn, org))
    {
      EVCardAttribute *adr = find_attr (card, "ADR");
      g_autofree char *url = single (card, "URL");

      item = hd_import_item_new (HD_ENTITY_ORGANIZATION, line);
      set_field (item, "name", org != NULL ? org : fn);
      if (url != NULL)
        {
          g_autofree char *site = website (url);
          set_field (item, "website", site);
        }
      if (adr != NULL)
        {
          const char *street = attr_nth (adr, 2);
          const char *country = attr_nth (adr, 6);

          set_field (item, "street", street);
          set_field (item, "city", attr_nth (adr, 3));
          set_field (item, "postcode", attr_nth (adr, 5));
          if (country[0] != '\0')
            {
              g_autofree char *code = country_code (country);

              if (code != NULL)
                set_field (item, "country", code);
              else
                g_string_append_printf (notes, _("Country: %s"), country);
            }
        }
    }
  else
    {
      item = hd_import_item_new (HD_ENTITY_PERSON, line);
      if (family[0] == '\0' && given[0] == '\0' && fn != NULL)
        {
          const char *space = strrchr (fn, ' ');

          if (space != NULL)
            {
              g_autofree char *first = g_strndup (fn, space - fn);
              set_field (item, "given_name", g_strstrip (first));
              set_field (item, "family_name", space + 1);
            }
          else
            set_field (item, "family_name", fn);
        }
      else
        {
          g_autofree char *given_names = g_strstrip (g_strjoin (" ", given, middle, NULL));

          set_field (item, "family_name", family);
          set_field (item, "given_name", given_names);
        }
      /* Titles and suffixes ("Dr.", "Prof. Dr.", "MBA") stay out of the
       * name fields, which greetings, sorting and the search for
       * duplicates read; the notes keep them (docs/decisions.md). */
      if (prefix[0] != '\0')
        {
          g_autofree char *note = g_strdup_printf (_("Name prefix: %s"), prefix);
          add_note_line (more, note);
        }
      if (suffix[0] != '\0')
        {
          g_autofree char *note = g_strdup_printf (_("Name suffix: %s"), suffix);
          add_note_line (more, note);
        }
      read_person_addresses (card, more);
      if (hd_record_get_string (item->record, "family_name") == NULL &&
          hd_record_get_string (item->record, "given_name") == NULL &&
          item->problem == NULL)
        item->problem = g_strdup (_("The card has no name."));
      {
        g_autofree char *title = single (card, "TITLE");
        set_field (item, "job_title", title);
      }
      item->organization_name = g_steal_pointer (&org);
    }

  read_common (card, item, notes);
  if (more->len > 0)
    {
      g_auto(GStrv) lines = g_strsplit (more->str, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        add_note_line (notes, lines[i]);
    }
  if (notes->len > 0)
    set_field (item, "notes", notes->str);
  read_extras (card, item);

  return item;
}

static gboolean
line_is (const char *line,
         gsize       length,
         const char *word)
{
  while (length > 0 && (line[length - 1] == ' ' || line[length - 1] == '\t' || line[length - 1] == '\r'))
    length--;
  return length == strlen (word) && g_ascii_strncasecmp (line, word, length) == 0;
}

GPtrArray *
hd_vcard_read (const char  *data,
               gsize        length,
               GError     **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_import_item_free);
  const char *p = data, *end = data + length, *card_start = NULL;
  guint line = 1, card_line = 0;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  if (memchr (data, '\0', length) != NULL || !g_utf8_validate_len (p, end - p, NULL))
    {
      g_set_error (error, HD_INTEROP_ERROR, HD_INTEROP_ERROR_PARSE,
                   _("The file is not vCard text: it is not UTF-8."));
      return NULL;
    }

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *next = nl != NULL ? nl + 1 : end;
      gsize len = (nl != NULL ? nl : end) - p;

      if (line_is (p, len, "BEGIN:VCARD"))
        {
          if (card_start != NULL)
            {
              g_set_error (error, HD_INTEROP_ERROR, HD_INTEROP_ERROR_PARSE,
                           _("Line %u: a new card begins before the card of line %u ends."),
                           line, card_line);
              return NULL;
            }
          card_start = p;
          card_line = line;
        }
      else if (line_is (p, len, "END:VCARD"))
        {
          g_autofree char *text = NULL;

          if (card_start == NULL)
            {
              g_set_error (error, HD_INTEROP_ERROR, HD_INTEROP_ERROR_PARSE,
                           _("Line %u: a card ends that never began."), line);
              return NULL;
            }
          text = g_strndup (card_start, next - card_start);
          g_ptr_array_add (items, read_card (text, card_line));
          card_start = NULL;
        }
      else if (card_start == NULL && len > 0 && !line_is (p, len, ""))
        {
          g_set_error (error, HD_INTEROP_ERROR, HD_INTEROP_ERROR_PARSE,
                       _("Line %u: there is text outside of a card; this does not look like a vCard file."),
                       line);
          return NULL;
        }

      line++;
      p = next;
    }

  if (card_start != NULL)
    {
      g_set_error (error, HD_INTEROP_ERROR, HD_INTEROP_ERROR_PARSE,
                   _("Line %u: the card that begins here never ends."), card_line);
      return NULL;
    }
  if (items->len == 0)
    {
      g_set_error (error, HD_INTEROP_ERROR, HD_INTEROP_ERROR_PARSE,
                   _("The file holds no cards."));
      return NULL;
    }

  return g_steal_pointer (&items);
}

/* ---- writing ---- */

static void
add_value (EVCard     *card,
           const char *name,
           const char *param,
           const char *value)
{
  EVCardAttribute *attr;

  if (value == NULL || value[0] == '\0')
    return;
  attr = e_vcard_attribute_new (NULL, name);
  if (param != NULL)
    e_vcard_attribute_add_param_with_value (attr, e_vcard_attribute_param_new (EVC_TYPE), param);
  e_vcard_append_attribute_with_value (card, attr, value);
}

static void
add_extras (EVCard                *card,
            const HdRecord        *record,
            const char * const    *fields)
{
  HdEntity entity = hd_record_get_entity (record);

  for (guint i = 0; fields[i] != NULL; i++)
    {
      int index = hd_entity_field_index (entity, fields[i]);
      g_autofree char *text = hd_interop_get_text (record, index);
      g_autofree char *name = g_ascii_strup (fields[i], -1);
      g_autofree char *property = NULL;

      const HdField *field = hd_entity_field (entity, index);

      /* Defaults are what a new record gets anyway. */
      if (text[0] == '\0' || (g_str_equal (fields[i], "archived") && g_str_equal (text, "no")) ||
          g_strcmp0 (text, field->default_value) == 0)
        continue;
      g_strdelimit (name, "_", '-');
      property = g_strconcat (X_PREFIX, name, NULL);
      add_value (card, property, NULL, text);
    }
}

/* A global number ("+49 711 123456-7") as a tel: URI (RFC 3966), with
 * "." for its spaces, which reading turns back; NULL for a number a URI
 * cannot carry as written (local numbers, extensions in words, "/"). */
static char *
tel_uri (const char *phone)
{
  g_autoptr(GString) uri = g_string_new ("tel:+");
  guint digits = 0;

  if (phone[0] != '+')
    return NULL;
  for (const char *p = phone + 1; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (uri, *p);
          digits++;
        }
      else if (*p == ' ')
        g_string_append_c (uri, '.');
      else if (*p == '-' || *p == '(' || *p == ')')
        g_string_append_c (uri, *p);
      else
        return NULL;
    }
  if (digits == 0 || strstr (phone, "  ") != NULL || g_str_has_suffix (phone, " "))
    return NULL;
  return g_string_free (g_steal_pointer (&uri), FALSE);
}

/* TEL: text in 3.0; in 4.0 a tel: URI where the number allows one. */
static void
add_phone (EVCard         *card,
           const char     *phone,
           HdVCardVersion  version)
{
  g_autofree char *uri = NULL;
  EVCardAttribute *attr;

  if (phone == NULL || phone[0] == '\0')
    return;
  if (version == HD_VCARD_40)
    uri = tel_uri (phone);
  if (uri == NULL)
    {
      add_value (card, "TEL", "work", phone);
      return;
    }
  attr = e_vcard_attribute_new (NULL, "TEL");
  e_vcard_attribute_add_param_with_value (attr, e_vcard_attribute_param_new (EVC_TYPE), "work");
  e_vcard_attribute_add_param_with_value (attr, e_vcard_attribute_param_new (EVC_VALUE), "uri");
  e_vcard_append_attribute_with_value (card, attr, uri);
}

void
hd_vcard_append (GString         *out,
                 const HdRecord  *record,
                 const char      *organization_name,
                 HdVCardVersion   version)
{
  g_autoptr(EVCard) card = e_vcard_new ();
  HdEntity entity = hd_record_get_entity (record);
  const char **tags = hd_record_get_strv (record, "tags");
  g_autofree char *uid = g_strconcat ("urn:uuid:", hd_record_get_id (record), NULL);
  g_autofree char *text = NULL;
  const char *version_line;

  add_value (card, "VERSION", NULL, "3.0");

  if (entity == HD_ENTITY_ORGANIZATION)
    {
      const char *name = hd_record_get_string (record, "name");
      const char *street = hd_record_get_string (record, "street");
      const char *city = hd_record_get_string (record, "city");
      const char *postcode = hd_record_get_string (record, "postcode");
      const char *country = hd_record_get_string (record, "country");

      if (version == HD_VCARD_40)
        add_value (card, "KIND", NULL, "org");
      else
        add_value (card, "X-ABShowAs", NULL, "COMPANY");
      add_value (card, "FN", NULL, name);
      if (version == HD_VCARD_30)
        e_vcard_append_attribute_with_values (card, e_vcard_attribute_new (NULL, "N"), "", "", "", "", "", NULL);
      add_value (card, "ORG", NULL, name);
      if (street != NULL || city != NULL || postcode != NULL)
        e_vcard_append_attribute_with_values (card, e_vcard_attribute_new (NULL, "ADR"),
                                              "", "", street ? street : "", city ? city : "", "",
                                              postcode ? postcode : "", country ? country : "", NULL);
      add_value (card, "URL", NULL, hd_record_get_string (record, "website"));
      add_value (card, "EMAIL", "work", hd_record_get_string (record, "email"));
      add_phone (card, hd_record_get_string (record, "phone"), version);
      add_extras (card, record, organization_extra);
    }
  else
    {
      const char *family = hd_record_get_string (record, "family_name");
      const char *given = hd_record_get_string (record, "given_name");
      g_autofree char *fn = g_strjoin (given != NULL && family != NULL ? " " : "",
                                       given != NULL ? given : "", family != NULL ? family : "", NULL);

      add_value (card, "FN", NULL, fn);
      e_vcard_append_attribute_with_values (card, e_vcard_attribute_new (NULL, "N"),
                                            family ? family : "", given ? given : "", "", "", "", NULL);
      add_value (card, "ORG", NULL, organization_name);
      add_value (card, "TITLE", NULL, hd_record_get_string (record, "job_title"));
      add_value (card, "EMAIL", "work", hd_record_get_string (record, "email"));
      add_phone (card, hd_record_get_string (record, "phone"), version);
      add_extras (card, record, person_extra);
    }

  if (tags != NULL && tags[0] != NULL)
    {
      EVCardAttribute *attr = e_vcard_attribute_new (NULL, "CATEGORIES");

      for (guint i = 0; tags[i] != NULL; i++)
        e_vcard_attribute_add_value (attr, tags[i]);
      e_vcard_append_attribute (card, attr);
    }
  add_value (card, "NOTE", NULL, hd_record_get_string (record, "notes"));
  add_value (card, "UID", NULL, uid);

  text = e_vcard_to_string (card, EVC_FORMAT_VCARD_30);
  version_line = version == HD_VCARD_40 ? "VERSION:4.0" : "VERSION:3.0";
  {
    char *at = strstr (text, "VERSION:3.0");

    if (at != NULL)
      memcpy (at, version_line, strlen (version_line));
  }
  g_string_append (out, text);
  g_string_append (out, "\r\n");
}
