/* hd-detail-pane.c — the read-only details of one record
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-detail-pane.h"

struct _HdDetailPane
{
  GtkWidget     parent_instance;

  GtkLabel     *title;
  GtkLabel     *subtitle;
  GtkBox       *groups;

  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (HdDetailPane, hd_detail_pane, GTK_TYPE_WIDGET)

static void
hd_detail_pane_dispose (GObject *object)
{
  HdDetailPane *self = HD_DETAIL_PANE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_DETAIL_PANE);
  /* Children the template does not name are unparented here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (hd_detail_pane_parent_class)->dispose (object);
}

static void
hd_detail_pane_class_init (HdDetailPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_detail_pane_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/hubdesk/Hubdesk/widgets/hd-detail-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, HdDetailPane, title);
  gtk_widget_class_bind_template_child (widget_class, HdDetailPane, subtitle);
  gtk_widget_class_bind_template_child (widget_class, HdDetailPane, groups);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hddetailpane");
}

static void
hd_detail_pane_init (HdDetailPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
hd_detail_pane_new (void)
{
  return g_object_new (HD_TYPE_DETAIL_PANE, NULL);
}

void
hd_detail_pane_clear (HdDetailPane *self)
{
  GtkWidget *child;

  g_return_if_fail (HD_IS_DETAIL_PANE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups))) != NULL)
    gtk_box_remove (self->groups, child);

  hd_detail_pane_set_heading (self, NULL, NULL);
}

void
hd_detail_pane_set_heading (HdDetailPane *self,
                            const char   *title,
                            const char   *subtitle)
{
  g_return_if_fail (HD_IS_DETAIL_PANE (self));

  gtk_label_set_label (self->title, title ? title : "");
  gtk_label_set_label (self->subtitle, subtitle ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle), subtitle != NULL && *subtitle != '\0');
}

AdwPreferencesGroup *
hd_detail_pane_add_group (HdDetailPane *self,
                          const char   *title)
{
  GtkWidget *group;

  g_return_val_if_fail (HD_IS_DETAIL_PANE (self), NULL);

  group = adw_preferences_group_new ();
  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (self->groups, group);

  return ADW_PREFERENCES_GROUP (group);
}

static AdwActionRow *
add_row (AdwPreferencesGroup *group,
         const char          *label,
         const char          *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (group, row);

  return ADW_ACTION_ROW (row);
}

AdwActionRow *
hd_detail_pane_add_row (HdDetailPane        *self,
                        AdwPreferencesGroup *group,
                        const char          *label,
                        const char          *value)
{
  g_return_val_if_fail (HD_IS_DETAIL_PANE (self), NULL);
  g_return_val_if_fail (ADW_IS_PREFERENCES_GROUP (group), NULL);

  if (value == NULL || *value == '\0')
    return NULL;

  return add_row (group, label, value);
}

AdwActionRow *
hd_detail_pane_add_pending_row (HdDetailPane        *self,
                                AdwPreferencesGroup *group,
                                const char          *label)
{
  g_return_val_if_fail (HD_IS_DETAIL_PANE (self), NULL);
  g_return_val_if_fail (ADW_IS_PREFERENCES_GROUP (group), NULL);

  return add_row (group, label, _("Loading…"));
}

void
hd_detail_pane_fill_row (AdwActionRow *row,
                         const char   *value)
{
  g_return_if_fail (ADW_IS_ACTION_ROW (row));

  if (value == NULL || *value == '\0')
    {
      gtk_widget_set_visible (GTK_WIDGET (row), FALSE);
      return;
    }

  adw_action_row_set_subtitle (row, value);
}

GCancellable *
hd_detail_pane_get_cancellable (HdDetailPane *self)
{
  g_return_val_if_fail (HD_IS_DETAIL_PANE (self), NULL);

  return self->cancellable;
}
