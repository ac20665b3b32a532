/* hd-report-pdf.c — a report as a printable PDF (cairo, pango)
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A4, in the language of the environment: the scope and the period, every
 * figure with the previous period, bar charts of the figures with parts,
 * and how each figure is counted.
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "hd-report-export.h"

#define PAGE_WIDTH  595.0   /* A4 in points */
#define PAGE_HEIGHT 842.0
#define MARGIN      56.0
#define TEXT_WIDTH  (PAGE_WIDTH - 2 * MARGIN)

typedef struct {
  cairo_t *cr;        /* where drawing goes now */
  cairo_t *real;      /* the page(s) asked for */
  cairo_t *elsewhere; /* the other pages: laid out, not shown */
  int      target;    /* the page to draw, or -1 for all */
  double   y;
  int      page;      /* from 0 */
} Pdf;

static void
new_page (Pdf *pdf)
{
  if (pdf->target < 0)
    cairo_show_page (pdf->real);
  pdf->y = MARGIN;
  pdf->page++;
  pdf->cr = pdf->target < 0 || pdf->page == pdf->target ? pdf->real : pdf->elsewhere;
}

static void
need (Pdf    *pdf,
      double  height)
{
  if (pdf->y + height > PAGE_HEIGHT - MARGIN)
    new_page (pdf);
}

static PangoLayout *
layout_new (Pdf        *pdf,
            const char *font,
            const char *text,
            double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (pdf->cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_text (layout, text, -1);

  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

/* Text at (x, pdf->y); returns its height, does not advance. */
static double
text_at (Pdf        *pdf,
         double      x,
         double      width,
         const char *font,
         const char *text,
         gboolean    align_right)
{
  g_autoptr(PangoLayout) layout = layout_new (pdf, font, text, width);
  double height = layout_height (layout);

  if (align_right)
    pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  cairo_move_to (pdf->cr, x, pdf->y);
  pango_cairo_show_layout (pdf->cr, layout);

  return height;
}

static void
paragraph (Pdf        *pdf,
           const char *font,
           const char *text,
           double      space_after)
{
  g_autoptr(PangoLayout) layout = layout_new (pdf, font, text, TEXT_WIDTH);
  double height = layout_height (layout);

  need (pdf, height);
  cairo_move_to (pdf->cr, MARGIN, pdf->y);
  pango_cairo_show_layout (pdf->cr, layout);
  pdf->y += height + space_after;
}

static char *
format_change (gint64 value,
               gint64 previous)
{
  if (previous == 0)
    return g_strdup (value == 0 ? "±0" : "—");

  return g_strdup_printf ("%+.0f %%", 100.0 * (double) (value - previous) / (double) previous);
}

static void
figure_row (Pdf        *pdf,
            const HdReportFigureInfo *info,
            const char *label,
            gint64      value,
            gint64      previous,
            gboolean    part)
{
  const char *font = part ? "Sans 9" : "Sans Bold 10";
  double indent = part ? 14 : 0;
  g_autofree char *v = hd_report_format_value (info, value);
  g_autofree char *p = hd_report_format_value (info, previous);
  g_autofree char *c = info->unit == HD_REPORT_UNIT_PERCENT
    /* TRANSLATORS: a change in percentage points, "+3 pp" */
    ? g_strdup_printf (_("%+lld pp"), (long long) (value - previous))
    : format_change (value, previous);
  g_autoptr(PangoLayout) layout = layout_new (pdf, font, label, 260 - indent);
  double height = layout_height (layout) + 3;

  need (pdf, height);
  cairo_set_source_rgb (pdf->cr, part ? 0.25 : 0, part ? 0.25 : 0, part ? 0.25 : 0);
  cairo_move_to (pdf->cr, MARGIN + indent, pdf->y);
  pango_cairo_show_layout (pdf->cr, layout);
  text_at (pdf, MARGIN + 270, 70, font, v, TRUE);
  text_at (pdf, MARGIN + 345, 70, part ? "Sans 9" : "Sans 10", p, TRUE);
  text_at (pdf, MARGIN + 420, 63, "Sans 9", c, TRUE);
  cairo_set_source_rgb (pdf->cr, 0, 0, 0);
  pdf->y += height;
}

/* Horizontal bars: this period dark, the previous one light below. */
static void
bar_chart (Pdf                  *pdf,
           const HdReportFigure *figure)
{
  gint64 max = 1;
  guint n = 0;
  gboolean every_part = g_str_has_suffix (figure->info->id, "_by_month");
  const double label_width = 150, bar_width = TEXT_WIDTH - label_width - 60;

  for (guint i = 0; i < figure->parts->len; i++)
    {
      HdReportPart *part = g_ptr_array_index (figure->parts, i);

      max = MAX (max, MAX (part->value, part->previous));
      if (every_part || part->value > 0 || part->previous > 0)
        n++;
    }
  if (n == 0)
    return;

  need (pdf, 30 + n * 18.0);
  paragraph (pdf, "Sans Bold 11", hd_report_figure_label (figure->info), 4);

  for (guint i = 0; i < figure->parts->len; i++)
    {
      HdReportPart *part = g_ptr_array_index (figure->parts, i);
      g_autofree char *v = hd_report_format_value (figure->info, part->value);
      double w = bar_width * (double) part->value / (double) max;
      double wp = bar_width * (double) part->previous / (double) max;

      if (!every_part && part->value == 0 && part->previous == 0)
        continue;

      need (pdf, 18);
      text_at (pdf, MARGIN, label_width - 8, "Sans 9", part->label, FALSE);
      cairo_set_source_rgb (pdf->cr, 0.11, 0.44, 0.85);
      cairo_rectangle (pdf->cr, MARGIN + label_width, pdf->y + 1, MAX (w, 0.5), 9);
      cairo_fill (pdf->cr);
      cairo_set_source_rgb (pdf->cr, 0.70, 0.80, 0.93);
      cairo_rectangle (pdf->cr, MARGIN + label_width, pdf->y + 11, MAX (wp, 0.5), 4);
      cairo_fill (pdf->cr);
      cairo_set_source_rgb (pdf->cr, 0, 0, 0);
      text_at (pdf, MARGIN + label_width + w + 4, 60, "Sans 8", v, FALSE);
      pdf->y += 18;
    }
  pdf->y += 10;
}

guint
hd_report_draw (HdReport *report,
                cairo_t  *cr,
                int       page)
{
  g_autofree char *period = hd_report_period_label (hd_report_get_period (report));
  g_autofree char *previous = hd_report_period_label (hd_report_get_previous_period (report));
  g_autofree char *first = hd_report_period_date (hd_report_get_period (report), FALSE);
  g_autofree char *last = hd_report_period_date (hd_report_get_period (report), TRUE);
  g_autofree char *subtitle = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%x");
  g_autofree char *made = NULL;
  cairo_surface_t *nowhere = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  int group = -1;
  Pdf pdf = { NULL, cr, NULL, page, MARGIN, 0 };

  pdf.elsewhere = cairo_create (nowhere);
  cairo_surface_destroy (nowhere);
  pdf.cr = page <= 0 ? cr : pdf.elsewhere;

  paragraph (&pdf, "Sans Bold 18", hd_report_get_scope_label (report), 4);
  /* TRANSLATORS: the heading of a PDF report: "Report Q4 2026 (2026-10-01 – 2026-12-31)" */
  subtitle = g_strdup_printf (_("Report %s (%s – %s)"), period, first, last);
  paragraph (&pdf, "Sans 13", subtitle, 2);
  /* TRANSLATORS: "compared with Q3 2026 · made on 26/11/2026" */
  made = g_strdup_printf (_("compared with %s · made on %s"), previous, today);
  paragraph (&pdf, "Sans 9", made, 16);

  /* the figures */
  text_at (&pdf, MARGIN + 270, 70, "Sans Bold 9", period, TRUE);
  text_at (&pdf, MARGIN + 345, 70, "Sans Bold 9", previous, TRUE);
  text_at (&pdf, MARGIN + 420, 63, "Sans Bold 9", _("Change"), TRUE);
  pdf.y += 16;

  for (guint i = 0; i < hd_report_get_n_figures (report); i++)
    {
      const HdReportFigure *figure = hd_report_get_figure (report, i);

      if ((int) figure->info->group != group)
        {
          group = figure->info->group;
          pdf.y += 6;
          need (&pdf, 40);
          paragraph (&pdf, "Sans Bold 12", hd_report_group_label (figure->info->group), 4);
        }

      figure_row (&pdf, figure->info, hd_report_figure_label (figure->info), figure->value, figure->previous, FALSE);
      for (guint j = 0; j < figure->parts->len; j++)
        {
          HdReportPart *part = g_ptr_array_index (figure->parts, j);

          if (part->value != 0 || part->previous != 0)
            figure_row (&pdf, figure->info, part->label, part->value, part->previous, TRUE);
        }
    }

  /* the charts */
  new_page (&pdf);
  paragraph (&pdf, "Sans Bold 14", _("Charts"), 4);
  paragraph (&pdf, "Sans 9", _("Dark bars: this period; light bars: the previous period."), 12);
  for (guint i = 0; i < hd_report_get_n_series (report); i++)
    {
      const HdReportFigure *series = hd_report_get_series (report, i);

      if (series->parts->len > 1)
        bar_chart (&pdf, series);
    }
  for (guint i = 0; i < hd_report_get_n_figures (report); i++)
    {
      const HdReportFigure *figure = hd_report_get_figure (report, i);

      if (figure->parts->len > 1)
        bar_chart (&pdf, figure);
    }

  /* the definitions */
  pdf.y += 10;
  need (&pdf, 80);
  paragraph (&pdf, "Sans Bold 14", _("How the figures are counted"), 4);
  paragraph (&pdf, "Sans 9",
             _("Days are days in Europe/Berlin. Across several hubs an organization counts "
               "once: records with the same register number, website domain, or name and "
               "postcode are one organization."), 10);
  for (guint i = 0; i < hd_report_n_figures (); i++)
    {
      const HdReportFigureInfo *info = hd_report_figure_info (i);

      need (&pdf, 40);
      paragraph (&pdf, "Sans Bold 10", hd_report_figure_label (info), 1);
      paragraph (&pdf, "Sans 9", hd_report_figure_explanation (info), 8);
    }

  cairo_destroy (pdf.elsewhere);

  return pdf.page + 1;
}

gboolean
hd_report_write_pdf (HdReport    *report,
                     const char  *path,
                     GError     **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  surface = cairo_pdf_surface_create (path, PAGE_WIDTH, PAGE_HEIGHT);
  status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The PDF could not be written to %s: %s"), path,
                   cairo_status_to_string (status));
      cairo_surface_destroy (surface);
      return FALSE;
    }
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Report"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Hubdesk");

  cr = cairo_create (surface);
  hd_report_draw (report, cr, -1);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The PDF could not be written to %s: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}
