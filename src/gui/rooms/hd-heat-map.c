/* hd-heat-map.c — room use by hour and weekday, as colours, with the
 * figures on hover and as a table for screen readers
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the hours in which some room is open are shown. A cell is the
 * share of the open seat-hours that was booked (planned); the tooltip
 * adds the share checked in.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-heat-map.h"

#define LABEL_WIDTH  56
#define HEADER       24
#define CELL_WIDTH   56
#define CELL_HEIGHT  24

/* The text colour of @widget (gtk_widget_get_color() is GTK 4.10). */
static void
widget_color (GtkWidget *widget,
              GdkRGBA   *out_color)
{
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), out_color);
}

struct _HdHeatMap
{
  GtkWidget    parent_instance;
  HdOccupancy *occupancy;
  guint        first_hour;
  guint        last_hour;   /* inclusive */
};

G_DEFINE_FINAL_TYPE (HdHeatMap, hd_heat_map, GTK_TYPE_WIDGET)

const char *
hd_heat_map_weekday_name (guint weekday)
{
  static const char * const names[] = {
    N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"),
    N_("Saturday"), N_("Sunday"),
  };

  return weekday < 7 ? _(names[weekday]) : "";
}

static const char *
weekday_short (guint weekday)
{
  static const char * const names[] = {
    /* Translators: short weekday names in the heat map */
    NC_("weekday", "Mon"), NC_("weekday", "Tue"), NC_("weekday", "Wed"),
    NC_("weekday", "Thu"), NC_("weekday", "Fri"), NC_("weekday", "Sat"),
    NC_("weekday", "Sun"),
  };

  return weekday < 7 ? g_dpgettext2 (GETTEXT_PACKAGE, "weekday", names[weekday]) : "";
}

static void
hours_shown (const HdOccupancy *occupancy,
             guint             *out_first,
             guint             *out_last)
{
  guint first = 8, last = 17;
  gboolean any = FALSE;

  for (guint h = 0; occupancy != NULL && h < 24; h++)
    for (guint d = 0; d < 7; d++)
      if (occupancy->open[d][h] > 0)
        {
          if (!any)
            first = h;
          last = h;
          any = TRUE;
        }

  *out_first = first;
  *out_last = last;
}

/* "45 %" or "–" for a closed cell */
static char *
cell_text (const HdOccupancy *occupancy,
           gboolean           actual,
           guint              weekday,
           guint              hour)
{
  double value = hd_occupancy_percent (occupancy, actual, weekday, hour);

  if (value < 0)
    return g_strdup ("–");
  /* Translators: a share in percent in the heat map, e.g. "45 %" */
  return g_strdup_printf (C_("heat map", "%.0f %%"), value);
}

static char *
cell_description (const HdOccupancy *occupancy,
                  guint              weekday,
                  guint              hour)
{
  g_autofree char *planned = cell_text (occupancy, FALSE, weekday, hour);
  g_autofree char *actual = cell_text (occupancy, TRUE, weekday, hour);

  if (hd_occupancy_percent (occupancy, FALSE, weekday, hour) < 0)
    /* Translators: a closed hour in the heat map, e.g. "Saturday 10:00: closed" */
    return g_strdup_printf (_("%s %02u:00: closed"), hd_heat_map_weekday_name (weekday), hour);

  /* Translators: a cell of the heat map, e.g. "Tuesday 10:00: 45 % planned, 30 % checked in" */
  return g_strdup_printf (_("%s %02u:00: %s planned, %s checked in"),
                          hd_heat_map_weekday_name (weekday), hour, planned, actual);
}

static void
hd_heat_map_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  HdHeatMap *self = HD_HEAT_MAP (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = LABEL_WIDTH + 7 * CELL_WIDTH;
  else
    *minimum = *natural = HEADER + (int) (self->last_hour - self->first_hour + 1) * CELL_HEIGHT;
}

static void
hd_heat_map_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  HdHeatMap *self = HD_HEAT_MAP (widget);
  GdkRGBA color, closed;

  widget_color (widget, &color);
  closed = color;
  closed.alpha = 0.05f;

  for (guint d = 0; d < 7; d++)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, weekday_short (d));

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (LABEL_WIDTH + d * CELL_WIDTH + 4, 2));
      gtk_snapshot_append_layout (snapshot, layout, &color);
      gtk_snapshot_restore (snapshot);
    }

  for (guint h = self->first_hour; h <= self->last_hour; h++)
    {
      double y = HEADER + (h - self->first_hour) * CELL_HEIGHT;
      g_autofree char *hour = g_strdup_printf ("%02u:00", h);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, hour);

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (2, y + 3));
      gtk_snapshot_append_layout (snapshot, layout, &color);
      gtk_snapshot_restore (snapshot);

      for (guint d = 0; d < 7; d++)
        {
          graphene_rect_t cell = GRAPHENE_RECT_INIT (LABEL_WIDTH + d * CELL_WIDTH + 1, y + 1,
                                                     CELL_WIDTH - 2, CELL_HEIGHT - 2);
          double value = self->occupancy != NULL
                         ? hd_occupancy_percent (self->occupancy, FALSE, d, h) : -1;
          GdkRGBA fill = { 0.21f, 0.52f, 0.89f, 1.0f };

          if (value < 0)
            {
              gtk_snapshot_append_color (snapshot, &closed, &cell);
              continue;
            }

          fill.alpha = (float) (0.08 + 0.92 * CLAMP (value, 0, 100) / 100.0);
          gtk_snapshot_append_color (snapshot, &fill, &cell);
        }
    }
}

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  HdHeatMap *self = HD_HEAT_MAP (widget);
  g_autofree char *text = NULL;
  int d, h;

  if (self->occupancy == NULL || x < LABEL_WIDTH || y < HEADER)
    return FALSE;
  d = (x - LABEL_WIDTH) / CELL_WIDTH;
  h = (int) self->first_hour + (y - HEADER) / CELL_HEIGHT;
  if (d < 0 || d >= 7 || h > (int) self->last_hour)
    return FALSE;

  text = cell_description (self->occupancy, (guint) d, (guint) h);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
hd_heat_map_finalize (GObject *object)
{
  HdHeatMap *self = HD_HEAT_MAP (object);

  g_free (self->occupancy);

  G_OBJECT_CLASS (hd_heat_map_parent_class)->finalize (object);
}

static void
hd_heat_map_class_init (HdHeatMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = hd_heat_map_finalize;
  widget_class->measure = hd_heat_map_measure;
  widget_class->snapshot = hd_heat_map_snapshot;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "heatmap");
}

static void
hd_heat_map_init (HdHeatMap *self)
{
  self->first_hour = 8;
  self->last_hour = 17;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Room use by hour and weekday"), -1);
}

GtkWidget *
hd_heat_map_new (void)
{
  return g_object_new (HD_TYPE_HEAT_MAP, NULL);
}

void
hd_heat_map_set_occupancy (HdHeatMap         *self,
                           const HdOccupancy *occupancy)
{
  g_return_if_fail (HD_IS_HEAT_MAP (self));

  g_clear_pointer (&self->occupancy, g_free);
  if (occupancy != NULL)
    self->occupancy = g_memdup2 (occupancy, sizeof *occupancy);
  hours_shown (self->occupancy, &self->first_hour, &self->last_hour);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

GtkWidget *
hd_heat_map_table_new (const HdOccupancy *occupancy)
{
  GtkWidget *grid = gtk_grid_new ();
  guint first, last;

  hours_shown (occupancy, &first, &last);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Room use by hour and weekday, as a table"), -1);

  for (guint d = 0; d < 7; d++)
    {
      GtkWidget *head = gtk_label_new (weekday_short (d));

      gtk_widget_add_css_class (head, "heading");
      gtk_accessible_update_property (GTK_ACCESSIBLE (head), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      hd_heat_map_weekday_name (d), -1);
      gtk_grid_attach (GTK_GRID (grid), head, (int) d + 1, 0, 1, 1);
    }

  for (guint h = first; h <= last; h++)
    {
      g_autofree char *hour = g_strdup_printf ("%02u:00", h);
      GtkWidget *head = gtk_label_new (hour);

      gtk_widget_add_css_class (head, "heading");
      gtk_grid_attach (GTK_GRID (grid), head, 0, (int) (h - first) + 1, 1, 1);
      for (guint d = 0; d < 7; d++)
        {
          g_autofree char *text = cell_text (occupancy, FALSE, d, h);
          g_autofree char *description = cell_description (occupancy, d, h);
          GtkWidget *cell = gtk_label_new (text);

          gtk_label_set_xalign (GTK_LABEL (cell), 1);
          gtk_widget_add_css_class (cell, "numeric");
          gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          description, -1);
          gtk_grid_attach (GTK_GRID (grid), cell, (int) d + 1, (int) (h - first) + 1, 1, 1);
        }
    }

  return grid;
}
