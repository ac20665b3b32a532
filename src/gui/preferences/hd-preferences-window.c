/* hd-preferences-window.c — the profile and its (future) server
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-preferences-window.h"

struct _HdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  HdContext            *context;
  char                 *profile;

  /* template */
  AdwActionRow         *folder_row;
  AdwActionRow         *client_row;
  AdwEntryRow          *server_row;
  AdwEntryRow          *username_row;
};

G_DEFINE_FINAL_TYPE (HdPreferencesWindow, hd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hd_preferences_window_constructed (GObject *object)
{
  HdPreferencesWindow *self = HD_PREFERENCES_WINDOW (object);
  GSettings *settings;

  G_OBJECT_CLASS (hd_preferences_window_parent_class)->constructed (object);

  adw_action_row_set_subtitle (self->folder_row, self->profile);
  adw_action_row_set_subtitle (self->client_row,
                               hd_store_get_client_id (hd_context_get_store (self->context)));

  settings = hd_context_get_settings (self->context);
  if (settings != NULL)
    {
      g_settings_bind (settings, "server-url", self->server_row, "text", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "username", self->username_row, "text", G_SETTINGS_BIND_DEFAULT);
    }
  else
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->server_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->username_row), FALSE);
    }
}

static void
hd_preferences_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), HD_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (hd_preferences_window_parent_class)->dispose (object);
}

static void
hd_preferences_window_finalize (GObject *object)
{
  HdPreferencesWindow *self = HD_PREFERENCES_WINDOW (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->profile, g_free);

  G_OBJECT_CLASS (hd_preferences_window_parent_class)->finalize (object);
}

static void
hd_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  HdPreferencesWindow *self = HD_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_PROFILE:
      g_value_set_string (value, self->profile);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  HdPreferencesWindow *self = HD_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_PROFILE:
      self->profile = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_preferences_window_class_init (HdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hd_preferences_window_constructed;
  object_class->dispose = hd_preferences_window_dispose;
  object_class->finalize = hd_preferences_window_finalize;
  object_class->get_property = hd_preferences_window_get_property;
  object_class->set_property = hd_preferences_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         HD_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PROFILE] =
    g_param_spec_string ("profile", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/hubdesk/Hubdesk/preferences/hd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HdPreferencesWindow, folder_row);
  gtk_widget_class_bind_template_child (widget_class, HdPreferencesWindow, client_row);
  gtk_widget_class_bind_template_child (widget_class, HdPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, HdPreferencesWindow, username_row);
}

static void
hd_preferences_window_init (HdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hd_preferences_window_new (HdContext  *context,
                           const char *profile)
{
  return g_object_new (HD_TYPE_PREFERENCES_WINDOW,
                       "context", context,
                       "profile", profile,
                       NULL);
}
