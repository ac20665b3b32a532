/* hd-report-chart.c — a bar chart of a figure's parts, drawn with GtkSnapshot
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per part: its name, a bar for this period in the accent colour
 * and a thin one below for the period before, the number at the end. The
 * colours come from the style (accent and foreground), so the chart reads
 * in the light and the dark style. A screen reader gets the same numbers
 * as the accessible description.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-report-chart.h"

#define ROW_HEIGHT   30
#define LABEL_WIDTH  140
#define VALUE_WIDTH  64

typedef struct {
  char   *label;
  gint64  value;
  gint64  previous;
} Bar;

struct _HdReportChart
{
  GtkWidget  parent_instance;

  GArray    *bars;   /* Bar */
  gint64     max;
  const HdReportFigureInfo *info;   /* static: the unit of the numbers */
};

G_DEFINE_FINAL_TYPE (HdReportChart, hd_report_chart, GTK_TYPE_WIDGET)

static void
bar_clear (gpointer data)
{
  Bar *bar = data;

  g_free (bar->label);
}

static void
hd_report_chart_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  HdReportChart *self = HD_REPORT_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 480;
    }
  else
    *minimum = *natural = MAX (1, (int) self->bars->len) * ROW_HEIGHT;
}

static void
hd_report_chart_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  HdReportChart *self = HD_REPORT_CHART (widget);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_width (widget);
  int label_width = MIN (LABEL_WIDTH, width / 3);
  double bar_space = MAX (10, width - label_width - VALUE_WIDTH - 12);
  GdkRGBA fg, accent, previous;

  gtk_style_context_get_color (style, &fg);
  if (!gtk_style_context_lookup_color (style, "accent_color", &accent))
    gdk_rgba_parse (&accent, "#3584e4");
  previous = fg;
  previous.alpha = 0.35;

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);
      double y = i * ROW_HEIGHT;
      double w = bar_space * (double) bar->value / (double) MAX (self->max, 1);
      double wp = bar_space * (double) bar->previous / (double) MAX (self->max, 1);
      g_autoptr(PangoLayout) name = gtk_widget_create_pango_layout (widget, bar->label);
      g_autofree char *text = hd_report_format_value (self->info, bar->value);
      g_autoptr(PangoLayout) number = gtk_widget_create_pango_layout (widget, text);
      int lw, lh;

      pango_layout_set_width (name, (label_width - 8) * PANGO_SCALE);
      pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (name, &lw, &lh);

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, y + (ROW_HEIGHT - 8 - lh) / 2.0));
      gtk_snapshot_append_layout (snapshot, name, &fg);
      gtk_snapshot_restore (snapshot);

      gtk_snapshot_append_color (snapshot, &accent,
                                 &GRAPHENE_RECT_INIT (label_width, y + 4, MAX (w, 1), ROW_HEIGHT - 16));
      gtk_snapshot_append_color (snapshot, &previous,
                                 &GRAPHENE_RECT_INIT (label_width, y + ROW_HEIGHT - 10, MAX (wp, 1), 4));

      pango_layout_get_pixel_size (number, &lw, &lh);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (label_width + w + 6,
                                                              y + (ROW_HEIGHT - 8 - lh) / 2.0));
      gtk_snapshot_append_layout (snapshot, number, &fg);
      gtk_snapshot_restore (snapshot);
    }
}

static void
hd_report_chart_finalize (GObject *object)
{
  HdReportChart *self = HD_REPORT_CHART (object);

  g_array_unref (self->bars);

  G_OBJECT_CLASS (hd_report_chart_parent_class)->finalize (object);
}

static void
hd_report_chart_class_init (HdReportChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = hd_report_chart_finalize;
  widget_class->measure = hd_report_chart_measure;
  widget_class->snapshot = hd_report_chart_snapshot;
  gtk_widget_class_set_css_name (widget_class, "hdreportchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
hd_report_chart_init (HdReportChart *self)
{
  self->bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_array_set_clear_func (self->bars, bar_clear);
}

GtkWidget *
hd_report_chart_new (void)
{
  return g_object_new (HD_TYPE_REPORT_CHART, NULL);
}

void
hd_report_chart_set_figure (HdReportChart        *self,
                            const HdReportFigure *figure)
{
  g_autoptr(GString) description = g_string_new (NULL);

  g_return_if_fail (HD_IS_REPORT_CHART (self));

  g_array_set_size (self->bars, 0);
  self->max = 0;
  self->info = figure->info;
  for (guint i = 0; i < figure->parts->len; i++)
    {
      HdReportPart *part = g_ptr_array_index (figure->parts, i);
      g_autofree char *value = hd_report_format_value (figure->info, part->value);
      g_autofree char *previous = hd_report_format_value (figure->info, part->previous);
      Bar bar = { g_strdup (part->label), part->value, part->previous };

      g_array_append_val (self->bars, bar);
      self->max = MAX (self->max, MAX (part->value, part->previous));
      if (description->len > 0)
        g_string_append (description, "; ");
      /* TRANSLATORS: one bar of a chart read aloud: "SME: 120, before 98" */
      g_string_append_printf (description, _("%s: %s, before %s"), part->label, value, previous);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, hd_report_figure_label (figure->info),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
