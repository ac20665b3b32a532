/* hd-report-export.c — a report as CSV and JSON
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "hd-report-export.h"

static void
append_cell (GString    *out,
             const char *text,
             gboolean    first)
{
  gboolean formula;

  if (!first)
    g_string_append_c (out, ',');
  if (text == NULL)
    return;

  /* A cell a spreadsheet would run as a formula is kept as text. */
  formula = strchr ("=+-@", text[0]) != NULL && text[0] != '\0';
  if (!formula && strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_row (GString            *out,
            const char * const *cells,
            guint               n)
{
  for (guint i = 0; i < n; i++)
    append_cell (out, cells[i], i == 0);
  g_string_append (out, "\r\n");
}

char *
hd_report_to_csv (HdReport *report)
{
  GString *out = g_string_new (NULL);
  const char *header[] = { "figure", "part", _("Label"), _("Value"), _("Previous period"),
                           "unit" };

  append_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < hd_report_get_n_figures (report); i++)
    {
      const HdReportFigure *figure = hd_report_get_figure (report, i);
      g_autofree char *value = g_strdup_printf ("%lld", (long long) figure->value);
      g_autofree char *previous = g_strdup_printf ("%lld", (long long) figure->previous);
      const char *row[] = { figure->info->id, "", hd_report_figure_label (figure->info),
                            value, previous, hd_report_unit_id (figure->info) };

      append_row (out, row, G_N_ELEMENTS (row));
      for (guint j = 0; j < figure->parts->len; j++)
        {
          HdReportPart *part = g_ptr_array_index (figure->parts, j);
          g_autofree char *pv = g_strdup_printf ("%lld", (long long) part->value);
          g_autofree char *pp = g_strdup_printf ("%lld", (long long) part->previous);
          const char *prow[] = { figure->info->id, part->key, part->label, pv, pp,
                                 hd_report_unit_id (figure->info) };

          append_row (out, prow, G_N_ELEMENTS (prow));
        }
    }

  return g_string_free (out, FALSE);
}

char *
hd_report_table_to_csv (HdReportTable *table)
{
  GString *out = g_string_new (NULL);

  append_row (out, (const char * const *) table->columns->pdata, table->columns->len);
  for (guint i = 0; i < table->rows->len; i++)
    append_row (out, g_ptr_array_index (table->rows, i), table->columns->len);

  return g_string_free (out, FALSE);
}

static void
add_period (JsonBuilder          *builder,
            const char           *member,
            const HdReportPeriod *period)
{
  g_autofree char *first = hd_report_period_date (period, FALSE);
  g_autofree char *last = hd_report_period_date (period, TRUE);
  g_autofree char *label = hd_report_period_label (period);

  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "from");
  json_builder_add_string_value (builder, first);
  json_builder_set_member_name (builder, "to");
  json_builder_add_string_value (builder, last);
  json_builder_set_member_name (builder, "label");
  json_builder_add_string_value (builder, label);
  json_builder_end_object (builder);
}

char *
hd_report_to_json (HdReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const char * const *hubs = hd_report_get_hub_ids (report);

  json_builder_begin_object (builder);
  add_period (builder, "period", hd_report_get_period (report));
  add_period (builder, "previous_period", hd_report_get_previous_period (report));
  json_builder_set_member_name (builder, "scope");
  json_builder_add_string_value (builder, hd_report_get_scope_label (report));
  json_builder_set_member_name (builder, "hubs");
  json_builder_begin_array (builder);
  for (guint i = 0; hubs[i] != NULL; i++)
    json_builder_add_string_value (builder, hubs[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "figures");
  json_builder_begin_array (builder);
  for (guint i = 0; i < hd_report_get_n_figures (report); i++)
    {
      const HdReportFigure *figure = hd_report_get_figure (report, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, figure->info->id);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, hd_report_figure_label (figure->info));
      json_builder_set_member_name (builder, "explanation");
      json_builder_add_string_value (builder, hd_report_figure_explanation (figure->info));
      json_builder_set_member_name (builder, "unit");
      json_builder_add_string_value (builder, hd_report_unit_id (figure->info));
      json_builder_set_member_name (builder, "formatted");
      {
        g_autofree char *formatted = hd_report_format_value (figure->info, figure->value);

        json_builder_add_string_value (builder, formatted);
      }
      json_builder_set_member_name (builder, "value");
      json_builder_add_int_value (builder, figure->value);
      json_builder_set_member_name (builder, "previous");
      json_builder_add_int_value (builder, figure->previous);
      json_builder_set_member_name (builder, "parts");
      json_builder_begin_array (builder);
      for (guint j = 0; j < figure->parts->len; j++)
        {
          HdReportPart *part = g_ptr_array_index (figure->parts, j);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "key");
          json_builder_add_string_value (builder, part->key);
          json_builder_set_member_name (builder, "label");
          json_builder_add_string_value (builder, part->label);
          json_builder_set_member_name (builder, "value");
          json_builder_add_int_value (builder, part->value);
          json_builder_set_member_name (builder, "previous");
          json_builder_add_int_value (builder, part->previous);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "series");
  json_builder_begin_array (builder);
  for (guint i = 0; i < hd_report_get_n_series (report); i++)
    {
      const HdReportFigure *series = hd_report_get_series (report, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, series->info->id);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, hd_report_figure_label (series->info));
      json_builder_set_member_name (builder, "months");
      json_builder_begin_array (builder);
      for (guint j = 0; j < series->parts->len; j++)
        {
          HdReportPart *part = g_ptr_array_index (series->parts, j);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "label");
          json_builder_add_string_value (builder, part->label);
          json_builder_set_member_name (builder, "value");
          json_builder_add_int_value (builder, part->value);
          json_builder_set_member_name (builder, "previous");
          json_builder_add_int_value (builder, part->previous);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);

  return json_generator_to_data (generator, NULL);
}
