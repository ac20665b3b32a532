/* hd-conflicts-view.c — edits that clashed with a colleague's (to come with sync)
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <adwaita.h>

#include "hd-view.h"
#include "hd-conflicts-view.h"

struct _HdConflictsView
{
  GtkWidget  parent_instance;

  HdContext *context;
};

static void hd_conflicts_view_iface_init (HdViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HdConflictsView, hd_conflicts_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (HD_TYPE_VIEW, hd_conflicts_view_iface_init))

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SEARCHABLE,
  PROP_SEARCH_MODE,
  N_PROPS
};

static void
hd_conflicts_view_create (HdView *view)
{
  hd_view_show_toast (view, _("Conflicts arise from syncing; there is nothing to create here"));
}

static void
hd_conflicts_view_iface_init (HdViewInterface *iface)
{
  iface->create = hd_conflicts_view_create;
}

static void
hd_conflicts_view_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), HD_TYPE_CONFLICTS_VIEW);
  /* Children the template does not name are unparented here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (hd_conflicts_view_parent_class)->dispose (object);
}

static void
hd_conflicts_view_finalize (GObject *object)
{
  HdConflictsView *self = HD_CONFLICTS_VIEW (object);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (hd_conflicts_view_parent_class)->finalize (object);
}

static void
hd_conflicts_view_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  HdConflictsView *self = HD_CONFLICTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_SEARCHABLE:
    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, FALSE);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_conflicts_view_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  HdConflictsView *self = HD_CONFLICTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_SEARCH_MODE:
      /* Nothing to search here. */
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_conflicts_view_class_init (HdConflictsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_conflicts_view_dispose;
  object_class->finalize = hd_conflicts_view_finalize;
  object_class->get_property = hd_conflicts_view_get_property;
  object_class->set_property = hd_conflicts_view_set_property;

  g_object_class_override_property (object_class, PROP_CONTEXT, "context");
  g_object_class_override_property (object_class, PROP_SEARCHABLE, "searchable");
  g_object_class_override_property (object_class, PROP_SEARCH_MODE, "search-mode");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/hubdesk/Hubdesk/conflicts/hd-conflicts-view.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hdconflictsview");
}

static void
hd_conflicts_view_init (HdConflictsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hd_conflicts_view_new (HdContext *context)
{
  return g_object_new (HD_TYPE_CONFLICTS_VIEW, "context", context, NULL);
}
