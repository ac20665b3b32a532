/* hd-view.c — what the window asks of each of its views
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "hd-context.h"
#include "hd-view.h"
#include "widgets/hd-choose-file.h"

G_DEFINE_INTERFACE (HdView, hd_view, GTK_TYPE_WIDGET)

static void
hd_view_default_init (HdViewInterface *iface)
{
  g_object_interface_install_property (iface,
    g_param_spec_object ("context", NULL, NULL,
                         HD_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_interface_install_property (iface,
    g_param_spec_boolean ("searchable", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_interface_install_property (iface,
    g_param_spec_boolean ("search-mode", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
}

void
hd_view_create (HdView *self)
{
  HdViewInterface *iface;

  g_return_if_fail (HD_IS_VIEW (self));

  iface = HD_VIEW_GET_IFACE (self);
  if (iface->create != NULL)
    iface->create (self);
}

gboolean
hd_view_go_back (HdView *self)
{
  HdViewInterface *iface;

  g_return_val_if_fail (HD_IS_VIEW (self), FALSE);

  iface = HD_VIEW_GET_IFACE (self);
  if (iface->go_back != NULL)
    return iface->go_back (self);

  return FALSE;
}

gboolean
hd_view_get_searchable (HdView *self)
{
  gboolean searchable = FALSE;

  g_return_val_if_fail (HD_IS_VIEW (self), FALSE);

  g_object_get (self, "searchable", &searchable, NULL);

  return searchable;
}

gboolean
hd_view_get_search_mode (HdView *self)
{
  gboolean search_mode = FALSE;

  g_return_val_if_fail (HD_IS_VIEW (self), FALSE);

  g_object_get (self, "search-mode", &search_mode, NULL);

  return search_mode;
}

void
hd_view_set_search_mode (HdView   *self,
                         gboolean  search_mode)
{
  g_return_if_fail (HD_IS_VIEW (self));

  g_object_set (self, "search-mode", search_mode, NULL);
}

void
hd_view_show_toast (HdView     *self,
                    const char *message)
{
  g_return_if_fail (HD_IS_VIEW (self));
  g_return_if_fail (message != NULL);

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", message);
}

/* Where a view class keeps what the interface's properties read. */
typedef struct
{
  guint first_prop;
  glong context_offset;
  glong search_bar_offset;     /* -1: the view has no search */
  glong search_entry_offset;
} ViewFields;

/* The interface's properties, counted from a view's first_prop. */
enum {
  VIEW_PROP_CONTEXT,
  VIEW_PROP_SEARCHABLE,
  VIEW_PROP_SEARCH_MODE,
};

static GQuark
view_fields_quark (void)
{
  return g_quark_from_static_string ("hd-view-fields");
}

static const ViewFields *
view_fields (gpointer instance)
{
  for (GType type = G_TYPE_FROM_INSTANCE (instance); type != 0; type = g_type_parent (type))
    {
      const ViewFields *fields = g_type_get_qdata (type, view_fields_quark ());

      if (fields != NULL)
        return fields;
    }

  g_assert_not_reached ();
  return NULL;
}

void
hd_view_class_override_properties (GObjectClass *object_class,
                                   guint         first_prop,
                                   glong         context_offset,
                                   glong         search_bar_offset,
                                   glong         search_entry_offset)
{
  ViewFields *fields;

  g_return_if_fail (G_IS_OBJECT_CLASS (object_class));
  g_return_if_fail (first_prop > 0);
  g_return_if_fail (context_offset >= 0);
  g_return_if_fail ((search_bar_offset < 0) == (search_entry_offset < 0));

  /* Kept as long as the class: a static type's class is never freed. */
  fields = g_new0 (ViewFields, 1);
  fields->first_prop = first_prop;
  fields->context_offset = context_offset;
  fields->search_bar_offset = search_bar_offset;
  fields->search_entry_offset = search_entry_offset;
  g_type_set_qdata (G_OBJECT_CLASS_TYPE (object_class), view_fields_quark (), fields);

  g_object_class_override_property (object_class, first_prop + VIEW_PROP_CONTEXT, "context");
  g_object_class_override_property (object_class, first_prop + VIEW_PROP_SEARCHABLE, "searchable");
  g_object_class_override_property (object_class, first_prop + VIEW_PROP_SEARCH_MODE, "search-mode");
}

void
hd_view_class_install_properties (GObjectClass *object_class,
                                  glong         context_offset,
                                  glong         search_bar_offset,
                                  glong         search_entry_offset)
{
  g_return_if_fail (G_IS_OBJECT_CLASS (object_class));

  object_class->get_property = hd_view_get_property;
  object_class->set_property = hd_view_set_property;
  hd_view_class_override_properties (object_class, 1, context_offset,
                                     search_bar_offset, search_entry_offset);
}

static GtkSearchBar *
search_bar (gpointer          instance,
            const ViewFields *fields)
{
  if (fields->search_bar_offset < 0)
    return NULL;

  return G_STRUCT_MEMBER (GtkSearchBar *, instance, fields->search_bar_offset);
}

void
hd_view_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  const ViewFields *fields = view_fields (object);
  GtkSearchBar *bar = search_bar (object, fields);

  switch (prop_id - fields->first_prop)
    {
    case VIEW_PROP_CONTEXT:
      g_value_set_object (value, G_STRUCT_MEMBER (HdContext *, object, fields->context_offset));
      break;

    case VIEW_PROP_SEARCHABLE:
      g_value_set_boolean (value, bar != NULL);
      break;

    case VIEW_PROP_SEARCH_MODE:
      g_value_set_boolean (value, bar != NULL && gtk_search_bar_get_search_mode (bar));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

void
hd_view_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  const ViewFields *fields = view_fields (object);
  GtkSearchBar *bar = search_bar (object, fields);

  switch (prop_id - fields->first_prop)
    {
    case VIEW_PROP_CONTEXT:
      G_STRUCT_MEMBER (HdContext *, object, fields->context_offset) = g_value_dup_object (value);
      break;

    case VIEW_PROP_SEARCH_MODE:
      /* A view without search has nothing to open. */
      if (bar == NULL)
        break;
      gtk_search_bar_set_search_mode (bar, g_value_get_boolean (value));
      if (g_value_get_boolean (value))
        gtk_widget_grab_focus (G_STRUCT_MEMBER (GtkWidget *, object, fields->search_entry_offset));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_search_mode_notify (HdView *self)
{
  g_object_notify (G_OBJECT (self), "search-mode");
}

void
hd_view_setup_search (HdView *self)
{
  const ViewFields *fields;
  GtkSearchBar *bar;

  g_return_if_fail (HD_IS_VIEW (self));

  fields = view_fields (self);
  bar = search_bar (self, fields);
  g_return_if_fail (bar != NULL);

  gtk_search_bar_connect_entry (bar, G_STRUCT_MEMBER (GtkEditable *, self, fields->search_entry_offset));
  gtk_search_bar_set_key_capture_widget (bar, GTK_WIDGET (self));
  g_signal_connect_object (bar, "notify::search-mode-enabled",
                           G_CALLBACK (on_search_mode_notify), self, G_CONNECT_SWAPPED);
}

const char *
hd_view_search_text (GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  return (text != NULL && *text != '\0') ? text : NULL;
}

void
hd_view_back_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  hd_view_go_back (HD_VIEW (widget));
}

gboolean
hd_view_leaflet_go_back (AdwLeaflet *leaflet,
                         GtkWidget  *list_pane)
{
  if (adw_leaflet_get_folded (leaflet) &&
      adw_leaflet_get_visible_child (leaflet) != list_pane)
    {
      adw_leaflet_set_visible_child (leaflet, list_pane);
      return TRUE;
    }

  return FALSE;
}

GtkWindow *
hd_view_get_window (HdView *self)
{
  g_return_val_if_fail (HD_IS_VIEW (self), NULL);

  return hd_window_of (GTK_WIDGET (self));
}

GtkWidget *
hd_view_dialog_new (HdView     *self,
                    const char *heading,
                    const char *body,
                    const char *first_id,
                    const char *first_label,
                    ...)
{
  GtkWidget *dialog;
  const char *id = first_id;
  const char *label = first_label;
  const char *suggested = first_id;
  va_list args;

  g_return_val_if_fail (HD_IS_VIEW (self), NULL);
  g_return_val_if_fail (g_strcmp0 (first_id, "cancel") == 0, NULL);

  dialog = adw_message_dialog_new (hd_view_get_window (self), heading, body);
  va_start (args, first_label);
  while (id != NULL)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), id, label);
      suggested = id;
      id = va_arg (args, const char *);
      if (id != NULL)
        label = va_arg (args, const char *);
    }
  va_end (args);

  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), suggested,
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), suggested);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  return dialog;
}

void
hd_view_dispose_children (GtkWidget *widget,
                          GType      widget_type)
{
  GtkWidget *child;

  gtk_widget_dispose_template (widget, widget_type);
  /* Children the template does not name are unparented here. */
  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}
