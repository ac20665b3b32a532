/* hd-contact-import.c — importing people and organizations: plan, apply, undo
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hd-contact-import.h"
#include "hd-store-duplicates.h"
#include "hd-vcard.h"

#define JOURNAL_PREFIX "import/"

HdImportItem *
hd_import_item_new (HdEntity entity,
                    guint    line)
{
  HdImportItem *item = g_new0 (HdImportItem, 1);
  g_autofree char *id = hd_uuid_new ();

  /* The id only lets the fields be checked; records get their own. */
  item->record = hd_record_new_empty (entity, id);
  item->line = line;
  return item;
}

void
hd_import_item_free (HdImportItem *item)
{
  if (item == NULL)
    return;
  g_clear_pointer (&item->record, hd_record_unref);
  g_free (item->organization_name);
  g_free (item->problem);
  g_free (item);
}

/* ---- text values ---- */

static gboolean
parse_bool (const char *text,
            gboolean   *out)
{
  static const char * const yes[] = { "1", "yes", "true", "ja", "x", "y", "j", "wahr", NULL };
  static const char * const no[] = { "0", "no", "false", "nein", "n", "falsch", NULL };
  g_autofree char *lower = g_utf8_strdown (text, -1);
  g_autofree char *yes_here = g_utf8_strdown (_("yes"), -1);
  g_autofree char *no_here = g_utf8_strdown (_("no"), -1);

  if (g_strv_contains (yes, lower) || g_str_equal (lower, yes_here))
    {
      *out = TRUE;
      return TRUE;
    }
  if (g_strv_contains (no, lower) || g_str_equal (lower, no_here))
    {
      *out = FALSE;
      return TRUE;
    }
  return FALSE;
}

/* German words spreadsheets use for enum values, whatever the language
 * the application runs in. */
static const struct {
  const char *word;
  const char *value;
} enum_aliases[] = {
  { "erteilt", "given" }, { "gegeben", "given" }, { "ja", "given" }, { "yes", "given" },
  { "keine", "none" }, { "nein", "none" }, { "no", "none" }, { "widerrufen", "withdrawn" },
  { "kontakt", "contact" }, { "kontaktaufnahme", "contact" }, { "fotos", "event_photos" },
  { "veranstaltungsfotos", "event_photos" }, { "datenweitergabe", "data_sharing" },
  { "kmu", "sme" }, { "hochschule", "university" }, { "universität", "university" },
  { "forschungseinrichtung", "research_institute" }, { "verein", "association" },
  { "behörde", "public_body" }, { "großunternehmen", "large_company" }, { "sonstige", "other" },
  { "kleinst", "micro" }, { "klein", "small" }, { "mittel", "medium" }, { "groß", "large" },
  { "unbekannt", "unknown" },
};

/* The enum value of @field that @text names (the value, its English or
 * its translated label, a German word for it), or NULL. */
static const char *
enum_value (const HdField *field,
            const char    *text)
{
  g_autofree char *spaced = NULL;
  g_autofree char *lower = g_utf8_strdown (text, -1);

  for (guint i = 0; i < G_N_ELEMENTS (enum_aliases); i++)
    {
      if (g_str_equal (lower, enum_aliases[i].word) &&
          g_strv_contains (field->values, enum_aliases[i].value))
        return enum_aliases[i].value;
    }

  for (guint i = 0; field->values[i] != NULL; i++)
    {
      const char *value = field->values[i];

      g_free (spaced);
      spaced = g_strdelimit (g_strdup (value), "_", ' ');
      if (g_ascii_strcasecmp (text, value) == 0 || g_ascii_strcasecmp (text, spaced) == 0 ||
          g_utf8_collate (text, hd_enum_value_label (value)) == 0)
        return value;
      {
        g_autofree char *a = g_utf8_casefold (text, -1);
        g_autofree char *b = g_utf8_casefold (hd_enum_value_label (value), -1);

        if (g_str_equal (a, b))
          return value;
      }
    }
  return NULL;
}

gboolean
hd_interop_set_text (HdRecord    *record,
                     guint        index,
                     const char  *text,
                     char       **problem)
{
  const HdField *field = hd_entity_field (hd_record_get_entity (record), index);
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (trimmed[0] == '\0' && field->type != HD_TYPE_TEXT)
    return TRUE;
  if (field->type == HD_TYPE_TEXT && (text == NULL || text[0] == '\0'))
    return TRUE;

  switch (field->type)
    {
    case HD_TYPE_BOOL:
      {
        gboolean value;

        if (!parse_bool (trimmed, &value))
          {
            *problem = g_strdup_printf (_("“%s” is not yes or no (%s)."), trimmed, hd_field_label (field));
            return FALSE;
          }
        hd_record_set (record, index, g_variant_new_boolean (value));
        return TRUE;
      }

    case HD_TYPE_INT:
      {
        gint64 value;

        if (!g_ascii_string_to_signed (trimmed, 10, G_MININT64, G_MAXINT64, &value, NULL))
          {
            *problem = g_strdup_printf (_("“%s” is not a number (%s)."), trimmed, hd_field_label (field));
            return FALSE;
          }
        hd_record_set (record, index, g_variant_new_int64 (value));
        return TRUE;
      }

    case HD_TYPE_ENUM:
      {
        const char *value = enum_value (field, trimmed);

        if (value == NULL)
          {
            *problem = g_strdup_printf (_("“%s” is not a known value for %s."), trimmed, hd_field_label (field));
            return FALSE;
          }
        hd_record_set (record, index, g_variant_new_string (value));
        return TRUE;
      }

    case HD_TYPE_ENUM_SET:
    case HD_TYPE_STRV:
    case HD_TYPE_REF_LIST:
      {
        g_auto(GStrv) parts = g_strsplit_set (trimmed, ",;", -1);
        g_autoptr(GPtrArray) values = g_ptr_array_new ();

        for (guint i = 0; parts[i] != NULL; i++)
          {
            const char *value = g_strstrip (parts[i]);

            if (value[0] == '\0')
              continue;
            if (field->type == HD_TYPE_ENUM_SET)
              {
                value = enum_value (field, value);
                if (value == NULL)
                  {
                    *problem = g_strdup_printf (_("“%s” is not a known value for %s."),
                                                g_strstrip (parts[i]), hd_field_label (field));
                    return FALSE;
                  }
              }
            {
              gboolean seen = FALSE;

              for (guint j = 0; j < values->len; j++)
                seen |= g_str_equal (values->pdata[j], value);
              if (!seen)
                g_ptr_array_add (values, (gpointer) value);
            }
          }
        g_ptr_array_add (values, NULL);
        hd_record_set (record, index,
                       g_variant_new_strv ((const char * const *) values->pdata, values->len - 1));
        return TRUE;
      }

    case HD_TYPE_TEXT:
      {
        g_autofree char *lines = g_strdup (text);

        /* Keep the text as it is, but without trailing blank lines. */
        g_strchomp (lines);
        if (lines[0] == '\0')
          return TRUE;
        hd_record_set (record, index, g_variant_new_string (lines));
        return TRUE;
      }

    default:
      hd_record_set (record, index, g_variant_new_string (trimmed));
      return TRUE;
    }
}

char *
hd_interop_get_text (const HdRecord *record,
                     guint           index)
{
  GVariant *value = hd_record_get (record, index);

  if (value == NULL)
    return g_strdup ("");
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_variant_dup_string (value, NULL);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    return g_strdup_printf ("%lld", (long long) g_variant_get_int64 (value));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return g_strdup (g_variant_get_boolean (value) ? "yes" : "no");
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    {
      g_autofree const char **strv = g_variant_get_strv (value, NULL);
      return g_strjoinv (", ", (char **) strv);
    }
  return g_strdup ("");
}

/* ---- folding names and addresses for matching ---- */

static char *
fold (const char *text)
{
  g_autofree char *lower = hd_store_fold_umlauts (text != NULL ? text : "");
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- CSV columns ---- */

typedef struct {
  HdEntity    entity;      /* HD_N_ENTITIES: both */
  const char *field;
  const char *names;       /* normalised header names, space separated */
} Synonym;

static const Synonym synonyms[] = {
  { HD_ENTITY_PERSON, "given_name", "givenname firstname vorname first forename rufname" },
  { HD_ENTITY_PERSON, "family_name", "familyname lastname surname nachname familienname last zuname" },
  { HD_ENTITY_PERSON, "organization", "organization organisation company firma unternehmen institution "
                                       "organizationname companyname arbeitgeber organisationsname" },
  { HD_ENTITY_PERSON, "job_title", "jobtitle position funktion berufsbezeichnung rolle role" },
  { HD_ENTITY_ORGANIZATION, "name", "name organization organisation company firma unternehmen "
                                     "institution organizationname companyname firmenname" },
  { HD_ENTITY_ORGANIZATION, "kind", "kind type art typ" },
  { HD_ENTITY_ORGANIZATION, "sector", "sector sektor branche industry" },
  { HD_ENTITY_ORGANIZATION, "size_class", "size sizeclass größe groesse unternehmensgröße" },
  { HD_ENTITY_ORGANIZATION, "register_id", "registernumber registerid handelsregister registernummer hrb" },
  { HD_ENTITY_ORGANIZATION, "street", "street straße strasse address adresse streetaddress anschrift" },
  { HD_ENTITY_ORGANIZATION, "postcode", "postcode zip zipcode postalcode plz postleitzahl" },
  { HD_ENTITY_ORGANIZATION, "city", "city ort stadt town locality" },
  { HD_ENTITY_ORGANIZATION, "country", "country land staat" },
  { HD_ENTITY_ORGANIZATION, "website", "website web homepage url webseite internet webpage internetseite" },
  { HD_N_ENTITIES, "email", "email emailaddress mail emailadresse primaryemail email1 email1value" },
  { HD_N_ENTITIES, "phone", "phone telephone telefon tel phonenumber telefonnummer mobile mobil handy "
                            "workphone businessphone phone1value telefongeschäftlich" },
  { HD_N_ENTITIES, "tags", "tags categories kategorien schlagworte labels stichworte" },
  { HD_N_ENTITIES, "notes", "notes note notizen notiz bemerkung bemerkungen kommentar comment comments" },
  { HD_ENTITY_PERSON, "consent", "consent einwilligung" },
  { HD_ENTITY_PERSON, "consent_purposes", "consentpurposes einwilligungszwecke zwecke" },
  { HD_ENTITY_PERSON, "consent_at", "consentat consentgivenat einwilligungam" },
  { HD_ENTITY_PERSON, "consent_source", "consentsource einwilligungsquelle" },
  { HD_ENTITY_PERSON, "consent_text", "consenttext consentwording einwilligungstext" },
  { HD_N_ENTITIES, "archived", "archived archiviert" },
};

static char *
normalise_header (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text != NULL ? text : "", -1);
  GString *out = g_string_new (NULL);

  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static gboolean
header_names_field (const char *norm,
                    HdEntity    entity,
                    const char *field)
{
  int index = hd_entity_field_index (entity, g_str_equal (field, "organization") ? "organization_id" : field);

  if (g_str_equal (norm, field) || (index >= 0 && !g_str_equal (field, "organization") &&
                                     g_str_equal (norm, field)))
    return TRUE;

  if (index >= 0)
    {
      const HdField *f = hd_entity_field (entity, index);
      g_autofree char *english = normalise_header (f->label);
      g_autofree char *translated = normalise_header (hd_field_label (f));
      g_autofree char *name = normalise_header (f->name);

      if (g_str_equal (norm, english) || g_str_equal (norm, translated) || g_str_equal (norm, name))
        return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (synonyms); i++)
    {
      g_auto(GStrv) names = NULL;

      if ((synonyms[i].entity != entity && synonyms[i].entity != HD_N_ENTITIES) ||
          !g_str_equal (synonyms[i].field, field))
        continue;
      names = g_strsplit (synonyms[i].names, " ", -1);
      if (g_strv_contains ((const char * const *) names, norm))
        return TRUE;
    }
  return FALSE;
}

/* The field of @entity a column called @header holds, or NULL. */
static const char *
guess_column (const char *header,
              HdEntity    entity)
{
  g_autofree char *norm = normalise_header (header);
  const HdEntityInfo *info = hd_entity_info (entity);

  if (norm[0] == '\0')
    return NULL;
  if (entity == HD_ENTITY_PERSON && header_names_field (norm, entity, "organization"))
    return "organization";
  for (guint i = 0; i < info->n_fields; i++)
    {
      const HdField *f = &info->fields[i];

      if (f->type == HD_TYPE_REF || f->type == HD_TYPE_REF_LIST)
        continue;
      if (header_names_field (norm, entity, f->name))
        return f->name;
    }
  return NULL;
}

void
hd_csv_mapping_free (HdCsvMapping *mapping)
{
  if (mapping == NULL)
    return;
  g_clear_pointer (&mapping->columns, g_ptr_array_unref);
  g_free (mapping);
}

const char *
hd_csv_column_name (HdEntity    entity,
                    const char *field)
{
  int index = hd_entity_field_index (entity, g_str_equal (field, "organization") ? "organization_id" : field);

  if (index < 0)
    return field;
  return hd_entity_field (entity, index)->label;
}

static gboolean
mapping_has (HdCsvMapping *mapping,
             const char   *field)
{
  for (guint i = 0; i < mapping->columns->len; i++)
    {
      if (g_strcmp0 (mapping->columns->pdata[i], field) == 0)
        return TRUE;
    }
  return FALSE;
}

HdCsvMapping *
hd_csv_mapping_guess (const char * const *header,
                      const char * const *overrides,
                      GError            **error)
{
  g_autoptr(HdCsvMapping) mapping = g_new0 (HdCsvMapping, 1);
  guint n = g_strv_length ((char **) header);
  gboolean person = FALSE;

  /* People when a column holds a person's name ("Name" next to "Vorname"
   * is the family name); organizations otherwise. */
  for (guint i = 0; i < n; i++)
    {
      const char *field = guess_column (header[i], HD_ENTITY_PERSON);

      if (g_strcmp0 (field, "given_name") == 0 || g_strcmp0 (field, "family_name") == 0)
        person = TRUE;
    }
  for (guint i = 0; overrides != NULL && overrides[i] != NULL; i++)
    {
      const char *eq = strchr (overrides[i], '=');

      if (eq != NULL && (g_str_has_prefix (eq + 1, "given_name") || g_str_has_prefix (eq + 1, "family_name")))
        person = TRUE;
    }

  mapping->entity = person ? HD_ENTITY_PERSON : HD_ENTITY_ORGANIZATION;
  mapping->columns = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      const char *field = guess_column (header[i], mapping->entity);
      g_autofree char *norm = normalise_header (header[i]);

      if (person && field == NULL && g_str_equal (norm, "name"))
        field = "family_name";
      /* A second column for the same field (E-mail 2) is left out. */
      if (field != NULL && mapping_has (mapping, field))
        field = NULL;
      g_ptr_array_add (mapping->columns, g_strdup (field));
    }

  for (guint i = 0; overrides != NULL && overrides[i] != NULL; i++)
    {
      const char *eq = strchr (overrides[i], '=');
      g_autofree char *column = NULL;
      const char *field;
      gboolean found = FALSE;

      if (eq == NULL)
        {
          g_set_error (error, HD_INTEROP_ERROR, HD_INTEROP_ERROR_MAPPING,
                       _("“%s” is not of the form COLUMN=FIELD."), overrides[i]);
          return NULL;
        }
      column = g_strndup (overrides[i], eq - overrides[i]);
      field = eq + 1;
      if (field[0] != '\0' && !g_str_equal (field, "-") &&
          !(mapping->entity == HD_ENTITY_PERSON && g_str_equal (field, "organization")))
        {
          int index = hd_entity_field_index (mapping->entity, field);

          if (index < 0 || hd_entity_field (mapping->entity, index)->type == HD_TYPE_REF)
            {
              g_set_error (error, HD_INTEROP_ERROR, HD_INTEROP_ERROR_MAPPING,
                           mapping->entity == HD_ENTITY_PERSON ? _("People have no field “%s”.")
                                                               : _("Organizations have no field “%s”."),
                           field);
              return NULL;
            }
        }
      for (guint c = 0; c < n; c++)
        {
          if (g_utf8_collate (header[c], column) == 0 || g_ascii_strcasecmp (header[c], column) == 0)
            {
              g_free (mapping->columns->pdata[c]);
              mapping->columns->pdata[c] = field[0] == '\0' || g_str_equal (field, "-") ? NULL : g_strdup (field);
              found = TRUE;
            }
        }
      if (!found)
        {
          g_set_error (error, HD_INTEROP_ERROR, HD_INTEROP_ERROR_MAPPING,
                       _("The file has no column “%s”."), column);
          return NULL;
        }
    }

  if (person ? !(mapping_has (mapping, "given_name") || mapping_has (mapping, "family_name"))
             : !mapping_has (mapping, "name"))
    {
      g_set_error (error, HD_INTEROP_ERROR, HD_INTEROP_ERROR_MAPPING,
                   _("No column holds a name. Name the columns in the first line "
                     "(for example “Vorname”, “Nachname” or “Firma”), or say which column "
                     "holds which field."));
      return NULL;
    }

  return g_steal_pointer (&mapping);
}

static GPtrArray *
read_csv (const char         *data,
          gsize               length,
          const char * const *overrides,
          GError            **error)
{
  g_autoptr(HdCsv) csv = hd_csv_parse (data, length, error);
  g_autoptr(HdCsvMapping) mapping = NULL;
  g_autoptr(GPtrArray) items = NULL;
  const char * const *header;
  guint n_columns;

  if (csv == NULL)
    return NULL;

  header = csv->rows->pdata[0];
  n_columns = g_strv_length ((char **) header);
  mapping = hd_csv_mapping_guess (header, overrides, error);
  if (mapping == NULL)
    return NULL;

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_import_item_free);
  for (guint r = 1; r < csv->rows->len; r++)
    {
      char **row = csv->rows->pdata[r];
      HdImportItem *item = hd_import_item_new (mapping->entity, g_array_index (csv->lines, guint, r));
      guint n = g_strv_length (row);

      g_ptr_array_add (items, item);
      for (guint c = 0; c < n; c++)
        {
          const char *field = c < n_columns ? mapping->columns->pdata[c] : NULL;
          g_autofree char *problem = NULL;

          if (c >= n_columns && row[c][0] != '\0' && item->problem == NULL)
            item->problem = g_strdup_printf (_("The row has more fields than the first line has columns."));
          if (field == NULL)
            continue;
          if (g_str_equal (field, "organization"))
            {
              if (row[c][0] != '\0')
                item->organization_name = g_strdup (row[c]);
              continue;
            }
          if (!hd_interop_set_text (item->record, hd_entity_field_index (mapping->entity, field),
                                    row[c], &problem) && item->problem == NULL)
            item->problem = g_steal_pointer (&problem);
        }
    }

  return g_steal_pointer (&items);
}

/* ---- reading files ---- */

HdContactFormat
hd_contact_format_guess (const char *path,
                         const char *data,
                         gsize       length)
{
  g_autofree char *lower = g_ascii_strdown (path != NULL ? path : "", -1);
  gsize head = MIN (length, 512);

  if (g_str_has_suffix (lower, ".vcf") || g_str_has_suffix (lower, ".vcard"))
    return HD_CONTACT_FORMAT_VCARD;
  if (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tsv") || g_str_has_suffix (lower, ".txt"))
    return HD_CONTACT_FORMAT_CSV;
  if (data != NULL && g_strstr_len (data, head, "BEGIN:VCARD") != NULL)
    return HD_CONTACT_FORMAT_VCARD;
  return HD_CONTACT_FORMAT_UNKNOWN;
}

GPtrArray *
hd_contact_read (HdContactFormat     format,
                 const char         *data,
                 gsize               length,
                 const char * const *csv_overrides,
                 GError            **error)
{
  switch (format)
    {
    case HD_CONTACT_FORMAT_VCARD:
      return hd_vcard_read (data, length, error);
    case HD_CONTACT_FORMAT_CSV:
      return read_csv (data, length, csv_overrides, error);
    case HD_CONTACT_FORMAT_UNKNOWN:
    default:
      g_set_error (error, HD_INTEROP_ERROR, HD_INTEROP_ERROR_UNSUPPORTED,
                   _("Contacts can be imported from vCard (.vcf) and CSV (.csv) files."));
      return NULL;
    }
}

/* ---- the plan ---- */

struct _HdImportPlan {
  char      *hub_id;
  GPtrArray *steps;
  guint      counts[3];
  gboolean   applied;
};

static void
step_free (HdImportStep *step)
{
  g_free (step->label);
  g_free (step->reason);
  g_clear_pointer (&step->record, hd_record_unref);
  g_clear_pointer (&step->before, hd_record_unref);
  g_free (step);
}

void
hd_import_plan_free (HdImportPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->hub_id);
  g_clear_pointer (&plan->steps, g_ptr_array_unref);
  g_free (plan);
}

static char *
record_label (const HdRecord *record)
{
  if (hd_record_get_entity (record) == HD_ENTITY_ORGANIZATION)
    return g_strdup (hd_record_get_string (record, "name"));
  {
    const char *given = hd_record_get_string (record, "given_name");
    const char *family = hd_record_get_string (record, "family_name");

    return g_strjoin (given != NULL && family != NULL ? " " : "",
                      given != NULL ? given : "", family != NULL ? family : "", NULL);
  }
}

typedef struct {
  HdStore    *store;
  HdImportPlan *plan;
  GHashTable *people_by_email;   /* folded email → HdRecord (owned by the arrays) */
  GHashTable *orgs_by_email;
  GHashTable *orgs_by_name;      /* folded name → HdRecord */
  GHashTable *seen_emails;       /* folded email → line (GUINT_TO_POINTER) */
  GHashTable *seen_orgs;         /* folded name → line */
  GHashTable *created_orgs;      /* folded name → id of an organization this plan creates */
  GPtrArray  *people;
  GPtrArray  *orgs;
  HdDuplicateIndex *dup_people;
  HdDuplicateIndex *dup_orgs;
} Planner;

static void
add_step (Planner        *pl,
          HdImportAction  action,
          HdEntity        entity,
          guint           line,
          char           *label,
          char           *reason,
          HdRecord       *record,
          HdRecord       *before)
{
  HdImportStep *step = g_new0 (HdImportStep, 1);

  step->action = action;
  step->entity = entity;
  step->line = line;
  step->label = label != NULL ? label : g_strdup ("");
  step->reason = reason;
  step->record = record;
  step->before = before;
  g_ptr_array_add (pl->plan->steps, step);
  pl->plan->counts[action]++;
}

static char *
changed_fields (const HdRecord *before,
                const HdRecord *after)
{
  guint64 diff = hd_record_diff (before, after);
  const HdEntityInfo *info = hd_record_get_info (after);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < info->n_fields; i++)
    {
      if ((diff & (G_GUINT64_CONSTANT (1) << i)) == 0)
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, hd_field_label (&info->fields[i]));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The id of the organization called @name in the hub, planning to create
 * it when there is none. */
static const char *
resolve_organization (Planner    *pl,
                      const char *name,
                      guint       line)
{
  g_autofree char *key = fold (name);
  HdRecord *existing = g_hash_table_lookup (pl->orgs_by_name, key);
  const char *created = g_hash_table_lookup (pl->created_orgs, key);
  HdRecord *org;

  if (existing != NULL)
    return hd_record_get_id (existing);
  if (created != NULL)
    return created;

  org = hd_record_new (HD_ENTITY_ORGANIZATION, pl->plan->hub_id);
  hd_record_set_string (org, "name", name);
  if (!hd_record_validate (org, TRUE, NULL, NULL))
    {
      hd_record_unref (org);
      return NULL;
    }

  /* "Neckar Robotics" in the file is the hub's "Neckar Robotics GmbH". */
  {
    g_autoptr(GPtrArray) dups = hd_duplicate_index_lookup (pl->dup_orgs, org);

    for (guint i = 0; i < dups->len; i++)
      {
        HdDuplicateMatch *dup = dups->pdata[i];

        if (dup->reasons & HD_DUPLICATE_NAME)
          {
            const char *id = hd_record_get_id (dup->record);

            hd_record_unref (org);
            /* The index holds the records of the store and of this plan. */
            g_hash_table_insert (pl->created_orgs, g_steal_pointer (&key), (gpointer) id);
            return id;
          }
      }
  }
  hd_duplicate_index_add (pl->dup_orgs, org);
  g_hash_table_insert (pl->created_orgs, g_steal_pointer (&key), (gpointer) hd_record_get_id (org));
  add_step (pl, HD_IMPORT_CREATE, HD_ENTITY_ORGANIZATION, line, g_strdup (name),
            g_strdup (_("Named as the organization of a person.")), org, NULL);
  return hd_record_get_id (org);
}

static void
plan_item (Planner      *pl,
           HdImportItem *item)
{
  HdEntity entity = hd_record_get_entity (item->record);
  const HdEntityInfo *info = hd_entity_info (entity);
  g_autofree char *label = record_label (item->record);
  const char *email = hd_record_get_string (item->record, "email");
  g_autofree char *email_key = email != NULL ? fold (email) : NULL;
  g_autofree char *name_key = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdRecord) record = NULL;
  HdRecord *match = NULL;
  const char *org_id = NULL;
  gpointer seen;

  if (item->problem != NULL)
    {
      add_step (pl, HD_IMPORT_SKIP, entity, item->line, g_steal_pointer (&label),
                g_strdup (item->problem), NULL, NULL);
      return;
    }
  if (!hd_record_validate (item->record, FALSE, NULL, &error))
    {
      add_step (pl, HD_IMPORT_SKIP, entity, item->line, g_steal_pointer (&label),
                g_strdup (error->message), NULL, NULL);
      return;
    }

  if (email_key != NULL && g_hash_table_lookup_extended (pl->seen_emails, email_key, NULL, &seen))
    {
      add_step (pl, HD_IMPORT_SKIP, entity, item->line, g_steal_pointer (&label),
                g_strdup_printf (_("The same email address as line %u."), GPOINTER_TO_UINT (seen)),
                NULL, NULL);
      return;
    }
  if (entity == HD_ENTITY_ORGANIZATION)
    {
      name_key = fold (hd_record_get_string (item->record, "name"));
      if (g_hash_table_lookup_extended (pl->seen_orgs, name_key, NULL, &seen))
        {
          add_step (pl, HD_IMPORT_SKIP, entity, item->line, g_steal_pointer (&label),
                    g_strdup_printf (_("The same organization as line %u."), GPOINTER_TO_UINT (seen)),
                    NULL, NULL);
          return;
        }
      g_hash_table_insert (pl->seen_orgs, g_strdup (name_key), GUINT_TO_POINTER (item->line));
    }
  if (email_key != NULL)
    g_hash_table_insert (pl->seen_emails, g_strdup (email_key), GUINT_TO_POINTER (item->line));

  if (email_key != NULL)
    match = g_hash_table_lookup (entity == HD_ENTITY_PERSON ? pl->people_by_email : pl->orgs_by_email,
                                 email_key);
  if (match == NULL && name_key != NULL)
    match = g_hash_table_lookup (pl->orgs_by_name, name_key);

  /* An organization named by a person above: its own row fills it in. */
  if (match == NULL && name_key != NULL && g_hash_table_contains (pl->created_orgs, name_key))
    {
      const char *id = g_hash_table_lookup (pl->created_orgs, name_key);

      for (guint s = 0; s < pl->plan->steps->len; s++)
        {
          HdImportStep *step = pl->plan->steps->pdata[s];

          if (step->action != HD_IMPORT_CREATE || g_strcmp0 (hd_record_get_id (step->record), id) != 0)
            continue;
          for (guint i = 0; i < info->n_fields; i++)
            {
              if (hd_record_has (item->record, i) && hd_record_get (item->record, i) != NULL)
                hd_record_set (step->record, i, hd_record_get (item->record, i));
            }
          if (!hd_record_validate (step->record, TRUE, NULL, &error))
            {
              add_step (pl, HD_IMPORT_SKIP, entity, item->line, g_steal_pointer (&label),
                        g_strdup (error->message), NULL, NULL);
              return;
            }
          g_clear_pointer (&step->reason, g_free);
          step->reason = g_strdup_printf (_("Also named by line %u."), item->line);
          add_step (pl, HD_IMPORT_SKIP, entity, item->line, g_steal_pointer (&label),
                    g_strdup_printf (_("Joined with the organization of line %u."), step->line),
                    NULL, NULL);
          return;
        }
    }

  record = match != NULL ? hd_record_copy (match) : hd_record_new (entity, pl->plan->hub_id);
  for (guint i = 0; i < info->n_fields; i++)
    {
      if (hd_record_has (item->record, i) && hd_record_get (item->record, i) != NULL)
        hd_record_set (record, i, hd_record_get (item->record, i));
    }

  if (!hd_record_validate (record, TRUE, NULL, &error))
    {
      add_step (pl, HD_IMPORT_SKIP, entity, item->line, g_steal_pointer (&label),
                g_strdup (error->message), NULL, NULL);
      return;
    }

  /* Only a row that is imported brings its organization along. */
  if (item->organization_name != NULL && entity == HD_ENTITY_PERSON)
    org_id = resolve_organization (pl, item->organization_name, item->line);
  if (org_id != NULL)
    hd_record_set_string (record, "organization_id", org_id);

  if (match == NULL)
    {
      HdDuplicateIndex *index = entity == HD_ENTITY_PERSON ? pl->dup_people : pl->dup_orgs;
      g_autoptr(GPtrArray) dups = hd_duplicate_index_lookup (index, record);
      char *reason = NULL;

      if (dups->len > 0)
        {
          HdDuplicateMatch *dup = dups->pdata[0];
          g_autofree char *other = record_label (dup->record);

          reason = g_strdup_printf ((dup->reasons & HD_DUPLICATE_EMAIL) ? _("Possibly the same as %s (same email address).")
                                    : (dup->reasons & HD_DUPLICATE_PHONE) ? _("Possibly the same as %s (same phone number).")
                                    : _("Possibly the same as %s (a name spelled alike)."),
                                    other);
        }
      hd_duplicate_index_add (index, record);
      add_step (pl, HD_IMPORT_CREATE, entity, item->line, g_steal_pointer (&label), reason,
                g_steal_pointer (&record), NULL);
      if (entity == HD_ENTITY_ORGANIZATION)
        g_hash_table_insert (pl->created_orgs, g_strdup (name_key),
                             (gpointer) hd_record_get_id (((HdImportStep *) pl->plan->steps->pdata[pl->plan->steps->len - 1])->record));
    }
  else if (hd_record_diff (match, record) == 0)
    {
      add_step (pl, HD_IMPORT_SKIP, entity, item->line, g_steal_pointer (&label),
                g_strdup (_("Already up to date.")), NULL, NULL);
    }
  else
    {
      char *reason = changed_fields (match, record);

      add_step (pl, HD_IMPORT_UPDATE, entity, item->line, g_steal_pointer (&label),
                reason, g_steal_pointer (&record), hd_record_ref (match));
    }
}

static GPtrArray *
load_all (HdStore     *store,
          HdEntity     entity,
          const char  *hub_id,
          GError     **error)
{
  HdQuery query = { 0, };

  query.entity = entity;
  query.hub_id = hub_id;
  query.include_archived = TRUE;
  return hd_store_query (store, &query, error);
}

HdImportPlan *
hd_import_plan_new (HdStore     *store,
                    const char  *hub_id,
                    GPtrArray   *items,
                    GError     **error)
{
  g_autoptr(GPtrArray) owned = items;
  g_autoptr(HdImportPlan) plan = g_new0 (HdImportPlan, 1);
  g_autoptr(HdRecord) hub = NULL;
  g_autoptr(GError) local = NULL;
  Planner pl = { 0, };

  hub = hd_store_get (store, HD_ENTITY_HUB, hub_id, &local);
  if (hub == NULL || hd_record_get_deleted (hub))
    {
      g_set_error (error, HD_INTEROP_ERROR, HD_INTEROP_ERROR_NOT_FOUND,
                   _("There is no hub “%s” in this profile."), hub_id);
      return NULL;
    }

  plan->hub_id = g_strdup (hub_id);
  plan->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);

  pl.store = store;
  pl.plan = plan;
  pl.people = load_all (store, HD_ENTITY_PERSON, hub_id, error);
  if (pl.people == NULL)
    return NULL;
  pl.orgs = load_all (store, HD_ENTITY_ORGANIZATION, hub_id, error);
  if (pl.orgs == NULL)
    {
      g_ptr_array_unref (pl.people);
      return NULL;
    }
  pl.people_by_email = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  pl.orgs_by_email = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  pl.orgs_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  pl.seen_emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  pl.seen_orgs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  pl.created_orgs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  pl.dup_people = hd_duplicate_index_new (HD_ENTITY_PERSON);
  pl.dup_orgs = hd_duplicate_index_new (HD_ENTITY_ORGANIZATION);
  for (guint i = 0; i < pl.people->len; i++)
    hd_duplicate_index_add (pl.dup_people, pl.people->pdata[i]);
  for (guint i = 0; i < pl.orgs->len; i++)
    hd_duplicate_index_add (pl.dup_orgs, pl.orgs->pdata[i]);

  for (guint i = 0; i < pl.people->len; i++)
    {
      const char *email = hd_record_get_string (pl.people->pdata[i], "email");

      if (email != NULL)
        g_hash_table_insert (pl.people_by_email, fold (email), pl.people->pdata[i]);
    }
  for (guint i = 0; i < pl.orgs->len; i++)
    {
      const char *email = hd_record_get_string (pl.orgs->pdata[i], "email");

      if (email != NULL)
        g_hash_table_insert (pl.orgs_by_email, fold (email), pl.orgs->pdata[i]);
      g_hash_table_insert (pl.orgs_by_name, fold (hd_record_get_string (pl.orgs->pdata[i], "name")),
                           pl.orgs->pdata[i]);
    }

  for (guint i = 0; i < owned->len; i++)
    plan_item (&pl, owned->pdata[i]);

  g_hash_table_unref (pl.people_by_email);
  g_hash_table_unref (pl.orgs_by_email);
  g_hash_table_unref (pl.orgs_by_name);
  g_hash_table_unref (pl.seen_emails);
  g_hash_table_unref (pl.seen_orgs);
  g_hash_table_unref (pl.created_orgs);
  g_ptr_array_unref (pl.people);
  g_ptr_array_unref (pl.orgs);
  hd_duplicate_index_free (pl.dup_people);
  hd_duplicate_index_free (pl.dup_orgs);

  return g_steal_pointer (&plan);
}

HdImportPlan *
hd_import_plan_new_for_file (HdStore            *store,
                             const char         *hub_id,
                             const char         *path,
                             const char * const *csv_overrides,
                             GError            **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  GPtrArray *items;
  g_autoptr(GError) local = NULL;

  if (!g_file_get_contents (path, &data, &length, &local))
    {
      g_set_error (error, HD_INTEROP_ERROR, HD_INTEROP_ERROR_NOT_FOUND, "%s", local->message);
      return NULL;
    }

  items = hd_contact_read (hd_contact_format_guess (path, data, length), data, length,
                           csv_overrides, error);
  if (items == NULL)
    return NULL;

  return hd_import_plan_new (store, hub_id, items, error);
}

guint
hd_import_plan_count (HdImportPlan   *plan,
                      HdImportAction  action)
{
  return plan->counts[action];
}

GPtrArray *
hd_import_plan_get_steps (HdImportPlan *plan)
{
  return plan->steps;
}

char *
hd_import_plan_describe (HdImportPlan *plan)
{
  guint c = plan->counts[HD_IMPORT_CREATE], u = plan->counts[HD_IMPORT_UPDATE];
  guint s = plan->counts[HD_IMPORT_SKIP];
  g_autofree char *create = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u to create", "%u to create", c), c);
  g_autofree char *update = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u to update", "%u to update", u), u);
  g_autofree char *skip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u to skip", "%u to skip", s), s);

  /* TRANSLATORS: "12 to create, 3 to update, 1 to skip" */
  return g_strdup_printf (_("%s, %s, %s"), create, update, skip);
}

/* ---- apply and undo ---- */

static JsonNode *
fields_json (const HdRecord *record,
             guint64         mask)
{
  g_autoptr(HdRecord) part = hd_record_new_empty (hd_record_get_entity (record), hd_record_get_id (record));
  const HdEntityInfo *info = hd_record_get_info (record);
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  for (guint i = 0; i < info->n_fields; i++)
    {
      if (mask & (G_GUINT64_CONSTANT (1) << i))
        hd_record_set (part, i, hd_record_get (record, i));
    }
  json_node_take_object (node, hd_record_fields_to_json (part));
  return node;
}

char *
hd_import_plan_apply (HdImportPlan  *plan,
                      HdStore       *store,
                      GError       **error)
{
  g_autoptr(GPtrArray) saves = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *id = hd_uuid_new ();
  g_autofree char *now = hd_timestamp_now ();
  g_autofree char *key = NULL;
  g_autofree char *journal = NULL;

  g_return_val_if_fail (!plan->applied, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "hub_id");
  json_builder_add_string_value (builder, plan->hub_id);
  json_builder_set_member_name (builder, "applied_at");
  json_builder_add_string_value (builder, now);

  json_builder_set_member_name (builder, "created");
  json_builder_begin_array (builder);
  for (guint i = 0; i < plan->steps->len; i++)
    {
      HdImportStep *step = plan->steps->pdata[i];

      if (step->action != HD_IMPORT_CREATE)
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "entity");
      json_builder_add_string_value (builder, hd_entity_name (step->entity));
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, hd_record_get_id (step->record));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "updated");
  json_builder_begin_array (builder);
  for (guint i = 0; i < plan->steps->len; i++)
    {
      HdImportStep *step = plan->steps->pdata[i];
      guint64 mask;

      if (step->action != HD_IMPORT_UPDATE)
        continue;
      mask = hd_record_diff (step->before, step->record);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "entity");
      json_builder_add_string_value (builder, hd_entity_name (step->entity));
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, hd_record_get_id (step->record));
      json_builder_set_member_name (builder, "before");
      json_builder_add_value (builder, fields_json (step->before, mask));
      json_builder_set_member_name (builder, "after");
      json_builder_add_value (builder, fields_json (step->record, mask));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  journal = json_to_string (root, FALSE);

  for (guint i = 0; i < plan->steps->len; i++)
    {
      HdImportStep *step = plan->steps->pdata[i];

      if (step->record != NULL)
        g_ptr_array_add (saves, hd_record_copy (step->record));
    }

  key = g_strconcat (JOURNAL_PREFIX, id, NULL);
  if (!hd_store_write_many (store, saves, NULL, key, journal, error))
    return NULL;

  plan->applied = TRUE;
  return g_steal_pointer (&id);
}

gboolean
hd_contact_import_undo (HdStore     *store,
                        const char  *import_id,
                        GError     **error)
{
  g_autofree char *key = g_strconcat (JOURNAL_PREFIX, import_id, NULL);
  g_autofree char *journal = hd_store_get_meta (store, key);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) saves = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GPtrArray) deletes = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  JsonObject *root;
  JsonArray *created, *updated;

  if (journal == NULL)
    {
      g_set_error (error, HD_INTEROP_ERROR, HD_INTEROP_ERROR_NOT_FOUND,
                   _("There is no import “%s” to undo in this profile."), import_id);
      return FALSE;
    }
  if (!json_parser_load_from_data (parser, journal, -1, error))
    return FALSE;
  root = json_node_get_object (json_parser_get_root (parser));
  created = json_object_get_array_member (root, "created");
  updated = json_object_get_array_member (root, "updated");

  for (guint i = 0; i < json_array_get_length (updated); i++)
    {
      JsonObject *entry = json_array_get_object_element (updated, i);
      HdEntity entity;
      const char *id = json_object_get_string_member (entry, "id");
      g_autoptr(HdRecord) current = NULL;
      g_autoptr(HdRecord) before = NULL;
      g_autoptr(HdRecord) after = NULL;
      gboolean changed = FALSE;

      if (!hd_entity_from_name (json_object_get_string_member (entry, "entity"), &entity))
        continue;
      current = hd_store_get (store, entity, id, NULL);
      if (current == NULL || hd_record_get_deleted (current))
        continue;
      before = hd_record_fields_from_json (entity, id, json_object_get_object_member (entry, "before"), error);
      after = hd_record_fields_from_json (entity, id, json_object_get_object_member (entry, "after"), error);
      if (before == NULL || after == NULL)
        return FALSE;
      for (guint f = 0; f < hd_entity_info (entity)->n_fields; f++)
        {
          /* A field edited since the import keeps the newer value. */
          if (!hd_record_has (after, f) || !hd_value_equal (hd_record_get (current, f), hd_record_get (after, f)))
            continue;
          hd_record_set (current, f, hd_record_get (before, f));
          changed = TRUE;
        }
      if (changed)
        g_ptr_array_add (saves, g_steal_pointer (&current));
    }

  for (guint i = json_array_get_length (created); i > 0; i--)
    {
      JsonObject *entry = json_array_get_object_element (created, i - 1);
      HdEntity entity;
      const char *id = json_object_get_string_member (entry, "id");
      g_autoptr(HdRecord) current = NULL;

      if (!hd_entity_from_name (json_object_get_string_member (entry, "entity"), &entity))
        continue;
      current = hd_store_get (store, entity, id, NULL);
      if (current == NULL || hd_record_get_deleted (current))
        continue;
      g_ptr_array_add (deletes, g_steal_pointer (&current));
    }

  return hd_store_write_many (store, saves, deletes, key, NULL, error);
}

/* ---- plans made by other formats ---- */

HdImportPlan *
hd_import_plan_new_empty (const char *hub_id)
{
  HdImportPlan *plan = g_new0 (HdImportPlan, 1);

  plan->hub_id = g_strdup (hub_id);
  plan->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  return plan;
}

void
hd_import_plan_add_step (HdImportPlan   *plan,
                         HdImportAction  action,
                         HdEntity        entity,
                         guint           line,
                         char           *label,
                         char           *reason,
                         HdRecord       *record,
                         HdRecord       *before)
{
  Planner pl = { .plan = plan };

  if (action == HD_IMPORT_UPDATE && reason == NULL && before != NULL && record != NULL)
    reason = changed_fields (before, record);
  add_step (&pl, action, entity, line, label, reason, record, before);
}
