/* hd-record-row.c — one line of a list: title, details, a note at the end
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-record-row.h"
#include "hd-sync-mark.h"

/* Below this width the note at the end is left out, so that the title and
 * the details, which say more, keep their room. */
#define COMPACT_WIDTH 420
#define SPACING 12

struct _HdRecordRow
{
  GtkWidget     parent_instance;

  GtkImage     *icon;
  GtkWidget    *text;
  GtkLabel     *title;
  GtkLabel     *subtitle;
  GtkLabel     *note;
  HdSyncMark   *marker;

  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (HdRecordRow, hd_record_row, GTK_TYPE_WIDGET)

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_label (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static void
hd_record_row_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  HdRecordRow *self = HD_RECORD_ROW (widget);
  GtkWidget *parts[] = { GTK_WIDGET (self->icon), self->text, GTK_WIDGET (self->note),
                         GTK_WIDGET (self->marker) };

  *minimum = *natural = 0;
  *minimum_baseline = *natural_baseline = -1;

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      int child_min, child_nat;

      if (!gtk_widget_get_visible (parts[i]))
        continue;

      gtk_widget_measure (parts[i], orientation, -1, &child_min, &child_nat, NULL, NULL);

      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          /* The note may be left out, so it adds nothing to the minimum. */
          if (parts[i] != GTK_WIDGET (self->note))
            *minimum += child_min + (*minimum > 0 ? SPACING : 0);
          *natural += child_nat + (*natural > 0 ? SPACING : 0);
        }
      else
        {
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
    }
}

static void
allocate_centered (GtkWidget *child,
                   int        x,
                   int        width,
                   int        height)
{
  int child_min, child_nat, child_height;

  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &child_min, &child_nat, NULL, NULL);
  child_height = MIN (child_nat, height);
  gtk_widget_size_allocate (child,
                            &(GtkAllocation) { x, (height - child_height) / 2, width, child_height },
                            -1);
}

static void
hd_record_row_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  HdRecordRow *self = HD_RECORD_ROW (widget);
  GtkWidget *icon = GTK_WIDGET (self->icon);
  GtkWidget *note = GTK_WIDGET (self->note);
  int x = 0;
  int end = width;

  if (gtk_widget_get_visible (icon))
    {
      int icon_min, icon_nat;

      gtk_widget_measure (icon, GTK_ORIENTATION_HORIZONTAL, -1, &icon_min, &icon_nat, NULL, NULL);
      allocate_centered (icon, 0, icon_nat, height);
      x = icon_nat + SPACING;
    }

  if (gtk_widget_get_visible (GTK_WIDGET (self->marker)))
    {
      int marker_min, marker_nat;

      gtk_widget_measure (GTK_WIDGET (self->marker), GTK_ORIENTATION_HORIZONTAL, -1,
                          &marker_min, &marker_nat, NULL, NULL);
      allocate_centered (GTK_WIDGET (self->marker), end - marker_nat, marker_nat, height);
      end -= marker_nat + SPACING;
      width = end;
    }

  if (gtk_widget_get_visible (note))
    {
      gboolean fits = width >= COMPACT_WIDTH;

      gtk_widget_set_child_visible (note, fits);
      if (fits)
        {
          int note_min, note_nat, note_width;

          gtk_widget_measure (note, GTK_ORIENTATION_HORIZONTAL, -1, &note_min, &note_nat, NULL, NULL);
          note_width = MIN (note_nat, width / 3);
          allocate_centered (note, width - note_width, note_width, height);
          end = width - note_width - SPACING;
        }
    }

  allocate_centered (self->text, x, MAX (end - x, 0), height);
}

static void
hd_record_row_dispose (GObject *object)
{
  HdRecordRow *self = HD_RECORD_ROW (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_RECORD_ROW);
  /* Children the template does not name are unparented here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (hd_record_row_parent_class)->dispose (object);
}

static void
hd_record_row_class_init (HdRecordRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_record_row_dispose;

  g_type_ensure (HD_TYPE_SYNC_MARK);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/hubdesk/Hubdesk/widgets/hd-record-row.ui");
  gtk_widget_class_bind_template_child (widget_class, HdRecordRow, icon);
  gtk_widget_class_bind_template_child (widget_class, HdRecordRow, text);
  gtk_widget_class_bind_template_child (widget_class, HdRecordRow, title);
  gtk_widget_class_bind_template_child (widget_class, HdRecordRow, subtitle);
  gtk_widget_class_bind_template_child (widget_class, HdRecordRow, note);
  gtk_widget_class_bind_template_child (widget_class, HdRecordRow, marker);

  widget_class->measure = hd_record_row_measure;
  widget_class->size_allocate = hd_record_row_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "hdrecordrow");
}

static void
hd_record_row_init (HdRecordRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hd_record_row_new (void)
{
  return g_object_new (HD_TYPE_RECORD_ROW, NULL);
}

void
hd_record_row_set (HdRecordRow *self,
                   const char  *icon_name,
                   const char  *title,
                   const char  *subtitle,
                   const char  *note)
{
  g_return_if_fail (HD_IS_RECORD_ROW (self));

  gtk_image_set_from_icon_name (self->icon, icon_name);
  gtk_widget_set_visible (GTK_WIDGET (self->icon), icon_name != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->title), "dim-label");
  set_label (self->title, title);
  set_label (self->subtitle, subtitle);
  set_label (self->note, note);
}

void
hd_record_row_set_note (HdRecordRow *self,
                        const char  *note)
{
  g_return_if_fail (HD_IS_RECORD_ROW (self));

  set_label (self->note, note);
}

void
hd_record_row_set_subtitle (HdRecordRow *self,
                            const char  *subtitle)
{
  g_return_if_fail (HD_IS_RECORD_ROW (self));

  set_label (self->subtitle, subtitle);
}

void
hd_record_row_set_loading (HdRecordRow *self)
{
  g_return_if_fail (HD_IS_RECORD_ROW (self));

  hd_record_row_set (self, NULL, _("Loading…"), NULL, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "dim-label");
}

GCancellable *
hd_record_row_renew_cancellable (HdRecordRow *self)
{
  g_return_val_if_fail (HD_IS_RECORD_ROW (self), NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  return self->cancellable;
}

void
hd_record_row_track_sync (HdRecordRow *self,
                          HdContext   *context,
                          HdEntity     entity,
                          const char  *id)
{
  g_return_if_fail (HD_IS_RECORD_ROW (self));

  if (self->marker != NULL)
    hd_sync_mark_track (self->marker, context, entity, id);
}
