/* hd-sync-mark.c — a small mark telling where a record stands with the server
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-sync-mark.h"

struct _HdSyncMark
{
  GtkWidget    parent_instance;

  GtkWidget   *image;
  HdSyncState  state;

  HdContext   *context;
  gulong       marks_handler;
  HdEntity     entity;
  char        *id;
};

G_DEFINE_FINAL_TYPE (HdSyncMark, hd_sync_mark, GTK_TYPE_WIDGET)

/* The strings are those of HdRecordRow, so both read the same. */
const char *
hd_sync_mark_describe (HdSyncState state)
{
  switch (state)
    {
    case HD_SYNC_PENDING:
      return _("Not sent to the server yet");
    case HD_SYNC_CONFLICT:
      return _("Conflict: waits for your decision in Conflicts");
    case HD_SYNC_REJECTED:
      return _("Refused by the server: see Conflicts");
    case HD_SYNC_LOCAL:
    case HD_SYNC_SYNCED:
    default:
      return NULL;
    }
}

static void
show_state (HdSyncMark  *self,
            HdSyncState  state)
{
  const char *icon = NULL;
  const char *style = NULL;
  const char *text = hd_sync_mark_describe (state);

  switch (state)
    {
    case HD_SYNC_PENDING:
      icon = "emblem-synchronizing-symbolic";
      style = "dim-label";
      break;
    case HD_SYNC_CONFLICT:
      icon = "dialog-warning-symbolic";
      style = "warning";
      break;
    case HD_SYNC_REJECTED:
      icon = "dialog-error-symbolic";
      style = "error";
      break;
    case HD_SYNC_LOCAL:
    case HD_SYNC_SYNCED:
    default:
      break;
    }

  self->state = icon != NULL ? state : HD_SYNC_SYNCED;

  gtk_widget_remove_css_class (GTK_WIDGET (self), "dim-label");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
  gtk_widget_set_visible (GTK_WIDGET (self), icon != NULL);
  if (icon == NULL)
    {
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), NULL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      return;
    }

  gtk_image_set_from_icon_name (GTK_IMAGE (self->image), icon);
  gtk_widget_add_css_class (GTK_WIDGET (self), style);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
update_mark (HdSyncMark *self)
{
  HdSyncState state = HD_SYNC_SYNCED;

  if (self->context != NULL && self->id != NULL)
    state = hd_context_get_sync_mark (self->context, self->entity, self->id);

  show_state (self, state);
}

void
hd_sync_mark_track (HdSyncMark *self,
                    HdContext  *context,
                    HdEntity    entity,
                    const char *id)
{
  g_return_if_fail (HD_IS_SYNC_MARK (self));
  g_return_if_fail (context == NULL || HD_IS_CONTEXT (context));

  if (self->context != context)
    {
      if (self->context != NULL)
        {
          g_clear_signal_handler (&self->marks_handler, self->context);
          g_clear_object (&self->context);
        }
      if (context != NULL)
        {
          self->context = g_object_ref (context);
          self->marks_handler = g_signal_connect_swapped (context, "sync-marks-changed",
                                                          G_CALLBACK (update_mark), self);
        }
    }

  self->entity = entity;
  if (g_strcmp0 (self->id, id) != 0)
    {
      g_free (self->id);
      self->id = g_strdup (id);
    }

  update_mark (self);
}

HdSyncState
hd_sync_mark_get_state (HdSyncMark *self)
{
  g_return_val_if_fail (HD_IS_SYNC_MARK (self), HD_SYNC_SYNCED);

  return self->state;
}

static void
hd_sync_mark_dispose (GObject *object)
{
  HdSyncMark *self = HD_SYNC_MARK (object);

  hd_sync_mark_track (self, NULL, 0, NULL);
  g_clear_pointer (&self->image, gtk_widget_unparent);

  G_OBJECT_CLASS (hd_sync_mark_parent_class)->dispose (object);
}

static void
hd_sync_mark_class_init (HdSyncMarkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_sync_mark_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hdsyncmark");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
hd_sync_mark_init (HdSyncMark *self)
{
  self->state = HD_SYNC_SYNCED;
  self->image = gtk_image_new ();
  gtk_widget_set_parent (self->image, GTK_WIDGET (self));
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
hd_sync_mark_new (void)
{
  return g_object_new (HD_TYPE_SYNC_MARK, NULL);
}
