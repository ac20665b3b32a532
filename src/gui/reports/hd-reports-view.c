/* hd-reports-view.c — the figures a hub reports to its funder
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A period (month, quarter or year, stepped back and forth) and the hubs
 * chosen in the header make the scope; the figures come from the reports
 * library on a worker thread, each beside the period before and with how
 * it is counted. Bar charts show the figures with parts, each also as a
 * table of the same numbers. The report exports as PDF and CSV, and the
 * figures no record holds are entered per hub and month.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <adwaita.h>
#include <string.h>

#include "hd-hub-figure.h"
#include "hd-report.h"
#include "hd-report-export.h"
#include "hd-report-chart.h"
#include "hd-view.h"
#include "hd-reports-view.h"
#include "widgets/hd-a11y.h"

struct _HdReportsView
{
  GtkWidget       parent_instance;

  HdContext      *context;
  gulong          hub_handler;
  gulong          store_handler;
  guint           refresh_source;
  HdReportPeriod  period;
  HdReport       *report;
  GCancellable   *cancellable;

  GtkLabel       *period_label;
  GtkLabel       *scope_label;
  GtkDropDown    *kind_dropdown;
  GtkButton      *previous_button;
  GtkButton      *next_button;
  GtkButton      *range_button;
  GtkButton      *figures_button;
  GtkStack       *stack;
  AdwStatusPage  *error_page;
  GtkBox         *report_box;
};

static void hd_reports_view_iface_init (HdViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HdReportsView, hd_reports_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (HD_TYPE_VIEW, hd_reports_view_iface_init))

/* The figures drawn as charts, in this order. */
static const char * const chart_figures[] = {
  "organizations_reached", "participants", "participants_by_mode", "events_held",
  "room_utilization",
};

/* ---- computing ---- */

static void show_report (HdReportsView *self);

static void
computed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(HdReportsView) self = user_data;
  g_autoptr(GError) error = NULL;
  HdReport *report = hd_report_compute_finish (HD_STORE (source), result, &error);

  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  g_clear_pointer (&self->report, hd_report_unref);
  self->report = report;
  if (hd_report_get_hub_ids (report)[0] == NULL)
    {
      gtk_label_set_text (self->scope_label, "");
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  show_report (self);
}

static void
recompute (HdReportsView *self)
{
  const char *hub_id = hd_context_get_hub_id (self->context);
  const char *hubs[] = { hub_id, NULL };
  g_autofree char *label = hd_report_period_label (&self->period);

  gtk_label_set_text (self->period_label, label);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->report == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-pdf", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-csv", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-reached", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.print", FALSE);

  hd_report_compute_async (hd_context_get_store (self->context), &self->period,
                           hub_id != NULL ? hubs : NULL, self->cancellable,
                           computed_cb, g_object_ref (self));
}

static void
set_period_kind (HdReportsView *self,
                 guint          kind,
                 const GDate   *anchor)
{
  int year = g_date_get_year (anchor);
  int month = g_date_get_month (anchor);

  switch (kind)
    {
    case 0:
      hd_report_period_month (&self->period, year, month);
      break;
    case 2:
      hd_report_period_year (&self->period, year);
      break;
    case 1:
    default:
      hd_report_period_quarter (&self->period, year, (month - 1) / 3 + 1);
      break;
    }
}

static void on_kind_changed (HdReportsView *self);

/* The drop-down's entries: Month, Quarter, Year, then Custom Range, in
 * the order of HdReportPeriodKind. */
static void
show_period_kind (HdReportsView *self)
{
  g_signal_handlers_block_by_func (self->kind_dropdown, on_kind_changed, self);
  gtk_drop_down_set_selected (self->kind_dropdown, self->period.kind);
  g_signal_handlers_unblock_by_func (self->kind_dropdown, on_kind_changed, self);
  gtk_widget_set_visible (GTK_WIDGET (self->range_button),
                          self->period.kind == HD_REPORT_PERIOD_CUSTOM);
}

/* ---- a range of days of one's own, such as a funding phase ---- */

typedef struct {
  HdReportsView *view;
  GtkEntry      *from;
  GtkEntry      *to;
  GtkLabel      *problem;
} RangeDialog;

static void
range_dialog_free (gpointer data)
{
  RangeDialog *range = data;

  g_object_unref (range->view);
  g_free (range);
}

static gboolean
range_read (RangeDialog     *range,
            HdReportPeriod  *period,
            GError         **error)
{
  g_autofree char *from = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (range->from))));
  g_autofree char *to = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (range->to))));

  return hd_report_period_parse (period, from, to, error);
}

/* Says what is wrong while typing; Show stays off until the range is one. */
static void
range_check (RangeDialog *range)
{
  GtkWidget *dialog = gtk_widget_get_ancestor (GTK_WIDGET (range->from), ADW_TYPE_MESSAGE_DIALOG);
  g_autoptr(GError) error = NULL;
  HdReportPeriod period;
  gboolean ok = range_read (range, &period, &error);

  gtk_label_set_text (range->problem, ok ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (range->problem), !ok);
  if (dialog != NULL)
    adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "show", ok);
}

static void
on_range_response (AdwMessageDialog *dialog,
                   const char       *response,
                   RangeDialog      *range)
{
  HdReportsView *self = range->view;
  HdReportPeriod period;

  if (g_str_equal (response, "show") && range_read (range, &period, NULL))
    {
      self->period = period;
      recompute (self);
    }
  /* a cancelled choice leaves the period as it was */
  show_period_kind (self);
}

static GtkWidget *
labelled (GtkGrid    *grid,
          int         row,
          const char *text,
          GtkWidget  *widget)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, widget, 1, row, 1, 1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);

  return widget;
}

static GtkEntry *
range_entry (GtkGrid    *grid,
             int         row,
             const char *text,
             const char *value)
{
  GtkWidget *entry = labelled (grid, row, text, gtk_entry_new ());

  gtk_editable_set_text (GTK_EDITABLE (entry), value);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "2026-11-25");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 12);

  return GTK_ENTRY (entry);
}

static void
open_range_dialog (HdReportsView *self)
{
  RangeDialog *range = g_new0 (RangeDialog, 1);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *problem = gtk_label_new (NULL);
  g_autofree char *first = hd_report_period_date (&self->period, FALSE);
  g_autofree char *last = hd_report_period_date (&self->period, TRUE);
  GtkWidget *dialog;

  range->view = g_object_ref (self);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  range->from = range_entry (GTK_GRID (grid), 0, _("_From"), first);
  range->to = range_entry (GTK_GRID (grid), 1, _("_To"), last);
  range->problem = GTK_LABEL (problem);
  gtk_label_set_wrap (range->problem, TRUE);
  gtk_label_set_xalign (range->problem, 0);
  gtk_widget_add_css_class (problem, "error");
  gtk_widget_set_visible (problem, FALSE);
  gtk_grid_attach (GTK_GRID (grid), problem, 0, 2, 2, 1);

  dialog = hd_view_dialog_new (HD_VIEW (self), _("Custom Range"),
                               _("The first and the last day of the period, both included, such as a funding phase. Days end at midnight in Berlin."),
                               "cancel", _("_Cancel"),
                               "show", _("_Show Figures"),
                               NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  g_signal_connect_swapped (range->from, "changed", G_CALLBACK (range_check), range);
  g_signal_connect_swapped (range->to, "changed", G_CALLBACK (range_check), range);
  g_signal_connect (dialog, "response", G_CALLBACK (on_range_response), range);
  g_object_set_data_full (G_OBJECT (dialog), "range", range, range_dialog_free);
  range_check (range);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_kind_changed (HdReportsView *self)
{
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);

  if (kind == HD_REPORT_PERIOD_CUSTOM)
    {
      open_range_dialog (self);
      return;
    }
  set_period_kind (self, kind, &self->period.last);
  show_period_kind (self);
  recompute (self);
}

static void
step_period (HdReportsView *self,
             int            direction)
{
  HdReportPeriod period = self->period;

  if (direction < 0)
    hd_report_period_previous (&period, &self->period);
  else
    hd_report_period_next (&period, &self->period);
  show_period_kind (self);
  recompute (self);
}

static void
on_previous_clicked (HdReportsView *self)
{
  step_period (self, -1);
}

static void
on_next_clicked (HdReportsView *self)
{
  step_period (self, 1);
}

/* ---- showing ---- */

static GtkWidget *
value_widget (const HdReportFigureInfo *info,
              const char *label,
              gint64      value,
              gint64      previous,
              gboolean    large)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  g_autofree char *v = hd_report_format_value (info, value);
  g_autofree char *p = hd_report_format_value (info, previous);
  /* TRANSLATORS: the same figure in the period before */
  g_autofree char *before = g_strdup_printf (_("before: %s"), p);
  /* TRANSLATORS: what a screen reader says for a figure: "Participants: 1,130, before 980" */
  g_autofree char *spoken = g_strdup_printf (_("%s: %s, before %s"), label, v, p);
  GtkWidget *value_label = gtk_label_new (v);
  GtkWidget *before_label = gtk_label_new (before);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (value_label), 1);
  gtk_label_set_xalign (GTK_LABEL (before_label), 1);
  gtk_widget_add_css_class (value_label, large ? "title-3" : "heading");
  gtk_widget_add_css_class (value_label, "numeric");
  gtk_widget_add_css_class (before_label, "caption");
  gtk_widget_add_css_class (before_label, "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (value_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (before_label),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_box_append (GTK_BOX (box), before_label);

  return box;
}

static GtkWidget *
figure_row (const HdReportFigure *figure)
{
  const char *label = hd_report_figure_label (figure->info);
  const char *explanation = hd_report_figure_explanation (figure->info);

  if (figure->parts->len > 0)
    {
      GtkWidget *row = adw_expander_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), explanation);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                                   value_widget (figure->info, label, figure->value, figure->previous, TRUE));
      for (guint i = 0; i < figure->parts->len; i++)
        {
          HdReportPart *part = g_ptr_array_index (figure->parts, i);
          GtkWidget *part_row = adw_action_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (part_row), part->label);
          adw_action_row_add_suffix (ADW_ACTION_ROW (part_row),
                                     value_widget (figure->info, part->label, part->value, part->previous, FALSE));
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), part_row);
        }
      return row;
    }
  else
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), explanation);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 value_widget (figure->info, label, figure->value, figure->previous, TRUE));
      return row;
    }
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "title-4");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);

  return label;
}

static GtkWidget *
figure_table (const HdReportFigure *figure)
{
  GtkWidget *grid = gtk_grid_new ();
  const char *headers[] = { "", _("This period"), _("Before") };

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_widget_set_margin_bottom (grid, 12);
  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    {
      GtkWidget *h = gtk_label_new (headers[c]);

      gtk_label_set_xalign (GTK_LABEL (h), c == 0 ? 0 : 1);
      gtk_label_set_wrap (GTK_LABEL (h), TRUE);
      gtk_widget_add_css_class (h, "heading");
      gtk_grid_attach (GTK_GRID (grid), h, c, 0, 1, 1);
    }
  for (guint i = 0; i < figure->parts->len; i++)
    {
      HdReportPart *part = g_ptr_array_index (figure->parts, i);
      g_autofree char *v = hd_report_format_value (figure->info, part->value);
      g_autofree char *p = hd_report_format_value (figure->info, part->previous);
      GtkWidget *name = gtk_label_new (part->label);
      GtkWidget *value = gtk_label_new (v);
      GtkWidget *before = gtk_label_new (p);

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_wrap (GTK_LABEL (name), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
      gtk_widget_set_hexpand (name, TRUE);
      gtk_label_set_xalign (GTK_LABEL (value), 1);
      gtk_label_set_xalign (GTK_LABEL (before), 1);
      gtk_widget_add_css_class (value, "numeric");
      gtk_widget_add_css_class (before, "numeric");
      gtk_grid_attach (GTK_GRID (grid), name, 0, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), value, 1, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), before, 2, i + 1, 1, 1);
    }

  return grid;
}

static void
on_table_toggled (GtkToggleButton *button,
                  GtkStack        *stack)
{
  gtk_stack_set_visible_child_name (stack, gtk_toggle_button_get_active (button) ? "table" : "chart");
}

static GtkWidget *
chart_card (const HdReportFigure *figure)
{
  const char *label = hd_report_figure_label (figure->info);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (label);
  GtkWidget *toggle = gtk_toggle_button_new_with_label (_("Table"));
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *chart = hd_report_chart_new ();
  /* TRANSLATORS: a button that shows a chart's numbers as a table */
  g_autofree char *toggle_name = g_strdup_printf (_("Show “%s” as a table"), label);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_margin_top (top, 12);
  gtk_widget_set_margin_start (top, 12);
  gtk_widget_set_margin_end (top, 12);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_add_css_class (toggle, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, toggle_name, -1);
  gtk_box_append (GTK_BOX (top), title);
  gtk_box_append (GTK_BOX (top), toggle);

  hd_report_chart_set_figure (HD_REPORT_CHART (chart), figure);
  gtk_widget_set_margin_start (chart, 12);
  gtk_widget_set_margin_end (chart, 12);
  gtk_widget_set_margin_bottom (chart, 12);
  gtk_stack_add_named (GTK_STACK (stack), chart, "chart");
  gtk_stack_add_named (GTK_STACK (stack), figure_table (figure), "table");
  gtk_stack_set_vhomogeneous (GTK_STACK (stack), FALSE);
  gtk_stack_set_hhomogeneous (GTK_STACK (stack), FALSE);
  g_signal_connect (toggle, "toggled", G_CALLBACK (on_table_toggled), stack);
  hd_a11y_track_stack (GTK_STACK (stack));

  gtk_box_append (GTK_BOX (card), top);
  gtk_box_append (GTK_BOX (card), stack);

  return card;
}

static void
show_report (HdReportsView *self)
{
  GtkWidget *child;
  GtkWidget *list = NULL;
  int group = -1;
  g_autofree char *previous = hd_report_period_label (hd_report_get_previous_period (self->report));
  /* TRANSLATORS: "All hubs (13) · compared with Q3 2026" */
  g_autofree char *scope = g_strdup_printf (_("%s · compared with %s"),
                                            hd_report_get_scope_label (self->report), previous);

  gtk_label_set_text (self->scope_label, scope);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->report_box))) != NULL)
    gtk_box_remove (self->report_box, child);

  for (guint i = 0; i < hd_report_get_n_figures (self->report); i++)
    {
      const HdReportFigure *figure = hd_report_get_figure (self->report, i);

      if ((int) figure->info->group != group)
        {
          group = figure->info->group;
          gtk_box_append (self->report_box, heading (hd_report_group_label (figure->info->group)));
          list = gtk_list_box_new ();
          gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
          gtk_widget_add_css_class (list, "boxed-list");
          gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          hd_report_group_label (figure->info->group), -1);
          gtk_box_append (self->report_box, list);
        }
      gtk_list_box_append (GTK_LIST_BOX (list), figure_row (figure));
    }

  gtk_box_append (self->report_box, heading (_("Charts")));
  {
    GtkWidget *legend = gtk_label_new (_("Dark bars: this period; light bars: the previous period."));

    gtk_label_set_xalign (GTK_LABEL (legend), 0);
    gtk_label_set_wrap (GTK_LABEL (legend), TRUE);
    gtk_widget_add_css_class (legend, "dim-label");
    gtk_box_append (self->report_box, legend);
  }
  for (guint i = 0; i < hd_report_get_n_series (self->report); i++)
    {
      const HdReportFigure *series = hd_report_get_series (self->report, i);

      if (series->parts->len > 1)
        gtk_box_append (self->report_box, chart_card (series));
    }
  for (guint i = 0; i < G_N_ELEMENTS (chart_figures); i++)
    {
      const HdReportFigure *figure = hd_report_lookup (self->report, chart_figures[i]);

      if (figure != NULL)
        gtk_box_append (self->report_box, chart_card (figure));
    }

  gtk_stack_set_visible_child_name (self->stack, "report");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-pdf", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-csv", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-reached", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.print", TRUE);
}

/* ---- exports ---- */

typedef enum {
  EXPORT_PDF,
  EXPORT_CSV,
  EXPORT_REACHED,
} ExportKind;

typedef struct {
  ExportKind      kind;
  HdReport       *report;
  HdStore        *store;
  char           *path;
} Export;

static void
export_free (gpointer data)
{
  Export *e = data;

  hd_report_unref (e->report);
  g_object_unref (e->store);
  g_free (e->path);
  g_free (e);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  Export *e = data;
  GError *error = NULL;
  gboolean ok;

  if (e->kind == EXPORT_PDF)
    ok = hd_report_write_pdf (e->report, e->path, &error);
  else if (e->kind == EXPORT_CSV)
    {
      g_autofree char *csv = hd_report_to_csv (e->report);

      ok = g_file_set_contents (e->path, csv, -1, &error);
    }
  else
    {
      g_autoptr(HdReportTable) table = hd_report_list (e->store, "organizations_reached",
                                                       hd_report_get_period (e->report),
                                                       hd_report_get_hub_ids (e->report), 0, &error);
      g_autofree char *csv = table != NULL ? hd_report_table_to_csv (table) : NULL;

      ok = csv != NULL && g_file_set_contents (e->path, csv, -1, &error);
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(HdReportsView) self = user_data;
  g_autoptr(GError) error = NULL;
  Export *e = g_task_get_task_data (G_TASK (result));
  g_autofree char *name = g_path_get_basename (e->path);
  g_autofree char *message = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    /* TRANSLATORS: a toast; %s is a file name */
    message = g_strdup_printf (_("Saved “%s”"), name);
  else
    message = g_strdup (error->message);
  hd_view_show_toast (HD_VIEW (self), message);
}

static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  HdReportsView *self = g_object_get_data (G_OBJECT (dialog), "view");
  ExportKind kind = GPOINTER_TO_INT (user_data);
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL &&
      self->report != NULL)
    {
      g_autoptr(GTask) task = g_task_new (self, NULL, exported_cb, g_object_ref (self));
      Export *e = g_new0 (Export, 1);

      e->kind = kind;
      e->report = hd_report_ref (self->report);
      e->store = g_object_ref (hd_context_get_store (self->context));
      e->path = g_file_get_path (file);
      g_task_set_task_data (task, e, export_free);
      g_task_run_in_thread (task, export_thread);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
export (HdReportsView *self,
        ExportKind     kind)
{
  g_autofree char *first = hd_report_period_date (&self->period, FALSE);
  g_autofree char *last = hd_report_period_date (&self->period, TRUE);
  g_autofree char *name = NULL;
  GtkFileChooserNative *dialog;

  switch (kind)
    {
    case EXPORT_PDF:
      /* TRANSLATORS: a file name; keep the dates and the extension */
      name = g_strdup_printf (_("report-%s-%s.pdf"), first, last);
      break;
    case EXPORT_CSV:
      /* TRANSLATORS: a file name; keep the dates and the extension */
      name = g_strdup_printf (_("figures-%s-%s.csv"), first, last);
      break;
    case EXPORT_REACHED:
    default:
      /* TRANSLATORS: a file name; keep the dates and the extension */
      name = g_strdup_printf (_("organizations-reached-%s-%s.csv"), first, last);
      break;
    }

  dialog = gtk_file_chooser_native_new (_("Export Report"), hd_view_get_window (HD_VIEW (self)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data (G_OBJECT (dialog), "view", self);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response), GINT_TO_POINTER (kind));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action,
                   GVariant   *parameter)
{
  export (HD_REPORTS_VIEW (widget), EXPORT_PDF);
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action,
                   GVariant   *parameter)
{
  export (HD_REPORTS_VIEW (widget), EXPORT_CSV);
}

static void
export_reached_action (GtkWidget  *widget,
                       const char *action,
                       GVariant   *parameter)
{
  export (HD_REPORTS_VIEW (widget), EXPORT_REACHED);
}

/* ---- printing ---- */

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                HdReport          *report)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);

  gtk_print_operation_set_n_pages (operation, (int) hd_report_draw (report, cr, G_MAXINT));
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              HdReport          *report)
{
  hd_report_draw (report, gtk_print_context_get_cairo_context (context), page_nr);
}

static void
report_closure_unref (gpointer  data,
                      GClosure *closure)
{
  hd_report_unref (data);
}

static void
print_action (GtkWidget  *widget,
              const char *action,
              GVariant   *parameter)
{
  HdReportsView *self = HD_REPORTS_VIEW (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (self->report == NULL)
    return;

  title = hd_report_period_label (hd_report_get_period (self->report));
  operation = gtk_print_operation_new ();
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, title);
  g_signal_connect_data (operation, "begin-print", G_CALLBACK (on_begin_print),
                         hd_report_ref (self->report), report_closure_unref, 0);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (on_draw_page),
                         hd_report_ref (self->report), report_closure_unref, 0);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               hd_view_get_window (HD_VIEW (self)),
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    hd_view_show_toast (HD_VIEW (self), error->message);
}

/* ---- the figures entered by hand ---- */

typedef struct {
  HdReportsView *view;
  GtkDropDown   *hub;
  GtkEntry      *month;
  GtkSpinButton *followers;
  GtkSpinButton *appearances;
  GtkEntry      *notes;
  GPtrArray     *hub_ids;
  GCancellable  *cancellable;
} Editor;

static void
editor_free (gpointer data)
{
  Editor *editor = data;

  g_cancellable_cancel (editor->cancellable);
  g_object_unref (editor->cancellable);
  g_ptr_array_unref (editor->hub_ids);
  g_object_unref (editor->view);
  g_free (editor);
}

static const char *
editor_hub (Editor *editor)
{
  guint selected = gtk_drop_down_get_selected (editor->hub);

  return selected < editor->hub_ids->len ? g_ptr_array_index (editor->hub_ids, selected) : NULL;
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Editor *editor = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdRecord) record = hd_hub_figure_get_finish (HD_STORE (source), result, &error);
  const char *notes;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spin_button_set_value (editor->followers,
                             record ? hd_record_get_int (record, "social_followers", 0) : 0);
  gtk_spin_button_set_value (editor->appearances,
                             record ? hd_record_get_int (record, "third_party_appearances", 0) : 0);
  notes = record ? hd_record_get_string (record, "notes") : NULL;
  gtk_editable_set_text (GTK_EDITABLE (editor->notes), notes ? notes : "");
}

static void
editor_load (Editor *editor)
{
  const char *hub_id = editor_hub (editor);
  const char *month = gtk_editable_get_text (GTK_EDITABLE (editor->month));

  if (hub_id == NULL || strlen (month) != 7)
    return;

  g_cancellable_cancel (editor->cancellable);
  g_object_unref (editor->cancellable);
  editor->cancellable = g_cancellable_new ();
  hd_hub_figure_get_async (hd_context_get_store (editor->view->context), hub_id, month,
                           editor->cancellable, loaded_cb, editor);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(HdReportsView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!hd_hub_figure_save_finish (HD_STORE (source), result, &error))
    {
      hd_view_show_toast (HD_VIEW (self), error->message);
      return;
    }

  hd_view_show_toast (HD_VIEW (self), _("Figures saved"));
  recompute (self);
}

static void
on_editor_response (AdwMessageDialog *dialog,
                    const char       *response,
                    Editor           *editor)
{
  const char *hub_id = editor_hub (editor);

  if (!g_str_equal (response, "save") || hub_id == NULL)
    return;

  hd_hub_figure_save_async (hd_context_get_store (editor->view->context), hub_id,
                            gtk_editable_get_text (GTK_EDITABLE (editor->month)),
                            gtk_spin_button_get_value_as_int (editor->followers),
                            gtk_spin_button_get_value_as_int (editor->appearances),
                            gtk_editable_get_text (GTK_EDITABLE (editor->notes)),
                            NULL, saved_cb, g_object_ref (editor->view));
}

/* GTK 4.8 gives a drop-down's own button no name of its own. */
static void
name_drop_down (GtkDropDown *drop_down,
                const char  *name)
{
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (drop_down));

  if (button != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
open_editor (HdReportsView *self)
{
  GtkWidget *dialog;
  GtkWidget *grid = gtk_grid_new ();
  GtkStringList *names = gtk_string_list_new (NULL);
  GListModel *hubs = hd_context_get_hubs (self->context);
  const char *current = hd_context_get_hub_id (self->context);
  Editor *editor = g_new0 (Editor, 1);
  g_autofree char *month = g_strdup_printf ("%04d-%02d", g_date_get_year (&self->period.last),
                                            g_date_get_month (&self->period.last));
  guint selected = 0;

  editor->view = g_object_ref (self);
  editor->hub_ids = g_ptr_array_new_with_free_func (g_free);
  editor->cancellable = g_cancellable_new ();
  for (guint i = 0; i < g_list_model_get_n_items (hubs); i++)
    {
      g_autoptr(HdRecordObject) item = g_list_model_get_item (hubs, i);
      HdRecord *hub = hd_record_object_get_record (item);
      const char *name = hd_record_get_string (hub, "name");

      if (g_strcmp0 (hd_record_get_id (hub), current) == 0)
        selected = i;
      gtk_string_list_append (names, name ? name : hd_record_get_id (hub));
      g_ptr_array_add (editor->hub_ids, g_strdup (hd_record_get_id (hub)));
    }

  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  editor->hub = GTK_DROP_DOWN (labelled (GTK_GRID (grid), 0, _("_Hub"),
                                         gtk_drop_down_new (G_LIST_MODEL (names), NULL)));
  gtk_drop_down_set_selected (editor->hub, selected);
  name_drop_down (editor->hub, _("Hub"));
  editor->month = GTK_ENTRY (labelled (GTK_GRID (grid), 1, _("_Month"), gtk_entry_new ()));
  gtk_editable_set_text (GTK_EDITABLE (editor->month), month);
  gtk_entry_set_placeholder_text (editor->month, "2026-11");
  editor->followers = GTK_SPIN_BUTTON (labelled (GTK_GRID (grid), 2, _("Social media _followers"),
                                                 gtk_spin_button_new_with_range (0, 100000000, 1)));
  editor->appearances = GTK_SPIN_BUTTON (labelled (GTK_GRID (grid), 3, _("_Appearances at third-party events"),
                                                   gtk_spin_button_new_with_range (0, 100000, 1)));
  editor->notes = GTK_ENTRY (labelled (GTK_GRID (grid), 4, _("_Notes"), gtk_entry_new ()));

  dialog = hd_view_dialog_new (HD_VIEW (self), _("Figures Entered by Hand"),
                               _("Followers are counted at the end of the month; appearances add up over the months of a period."),
                               "cancel", _("_Cancel"),
                               "save", _("_Save"),
                               NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  g_signal_connect_swapped (editor->hub, "notify::selected", G_CALLBACK (editor_load), editor);
  g_signal_connect_swapped (editor->month, "changed", G_CALLBACK (editor_load), editor);
  g_signal_connect (dialog, "response", G_CALLBACK (on_editor_response), editor);
  g_object_set_data_full (G_OBJECT (dialog), "editor", editor, editor_free);
  editor_load (editor);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- the view ---- */

static void
hd_reports_view_create (HdView *view)
{
  open_editor (HD_REPORTS_VIEW (view));
}

static void
hd_reports_view_iface_init (HdViewInterface *iface)
{
  iface->create = hd_reports_view_create;
}

static void
on_hub_changed (HdReportsView *self)
{
  recompute (self);
}

static gboolean
refresh_cb (gpointer data)
{
  HdReportsView *self = data;

  self->refresh_source = 0;
  recompute (self);

  return G_SOURCE_REMOVE;
}

/* Records changed (an edit, a sync): count again, once the burst is over. */
static void
on_store_changed (HdStore       *store,
                  int            entity,
                  const char    *id,
                  HdReportsView *self)
{
  if (self->refresh_source != 0)
    g_source_remove (self->refresh_source);
  self->refresh_source = g_timeout_add_seconds (2, refresh_cb, self);
}

static void
hd_reports_view_constructed (GObject *object)
{
  HdReportsView *self = HD_REPORTS_VIEW (object);
  g_autoptr(GDateTime) now = g_date_time_new_now (hd_context_get_timezone (self->context));
  GDate today;

  G_OBJECT_CLASS (hd_reports_view_parent_class)->constructed (object);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  set_period_kind (self, gtk_drop_down_get_selected (self->kind_dropdown), &today);

  self->hub_handler = g_signal_connect_swapped (self->context, "notify::hub-id",
                                                G_CALLBACK (on_hub_changed), self);
  self->store_handler = g_signal_connect (hd_context_get_store (self->context), "changed",
                                          G_CALLBACK (on_store_changed), self);
  recompute (self);
}

static void
hd_reports_view_dispose (GObject *object)
{
  HdReportsView *self = HD_REPORTS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_signal_handler (&self->hub_handler, self->context);
  if (self->context != NULL)
    g_clear_signal_handler (&self->store_handler, hd_context_get_store (self->context));
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  hd_view_dispose_children (GTK_WIDGET (object), HD_TYPE_REPORTS_VIEW);

  G_OBJECT_CLASS (hd_reports_view_parent_class)->dispose (object);
}

static void
hd_reports_view_finalize (GObject *object)
{
  HdReportsView *self = HD_REPORTS_VIEW (object);

  g_clear_pointer (&self->report, hd_report_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (hd_reports_view_parent_class)->finalize (object);
}

static void
hd_reports_view_class_init (HdReportsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hd_reports_view_constructed;
  object_class->dispose = hd_reports_view_dispose;
  object_class->finalize = hd_reports_view_finalize;

  /* Nothing to search here. */
  hd_view_class_install_properties (object_class,
                                    G_STRUCT_OFFSET (HdReportsView, context), -1, -1);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/hubdesk/Hubdesk/reports/hd-reports-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HdReportsView, period_label);
  gtk_widget_class_bind_template_child (widget_class, HdReportsView, scope_label);
  gtk_widget_class_bind_template_child (widget_class, HdReportsView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, HdReportsView, previous_button);
  gtk_widget_class_bind_template_child (widget_class, HdReportsView, next_button);
  gtk_widget_class_bind_template_child (widget_class, HdReportsView, range_button);
  gtk_widget_class_bind_template_child (widget_class, HdReportsView, figures_button);
  gtk_widget_class_bind_template_child (widget_class, HdReportsView, stack);
  gtk_widget_class_bind_template_child (widget_class, HdReportsView, error_page);
  gtk_widget_class_bind_template_child (widget_class, HdReportsView, report_box);

  gtk_widget_class_install_action (widget_class, "reports.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "reports.export-csv", NULL, export_csv_action);
  gtk_widget_class_install_action (widget_class, "reports.export-reached", NULL, export_reached_action);
  gtk_widget_class_install_action (widget_class, "reports.print", NULL, print_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hdreportsview");
}

static void
hd_reports_view_init (HdReportsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  hd_a11y_track_stack (self->stack);
  name_drop_down (self->kind_dropdown, _("Period"));

  g_signal_connect_swapped (self->kind_dropdown, "notify::selected",
                            G_CALLBACK (on_kind_changed), self);
  g_signal_connect_swapped (self->previous_button, "clicked", G_CALLBACK (on_previous_clicked), self);
  g_signal_connect_swapped (self->next_button, "clicked", G_CALLBACK (on_next_clicked), self);
  g_signal_connect_swapped (self->range_button, "clicked", G_CALLBACK (open_range_dialog), self);
  g_signal_connect_swapped (self->figures_button, "clicked", G_CALLBACK (open_editor), self);
}

GtkWidget *
hd_reports_view_new (HdContext *context)
{
  return g_object_new (HD_TYPE_REPORTS_VIEW, "context", context, NULL);
}
