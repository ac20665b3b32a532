/* hd-preferences-window.c — the profile and its sync server account
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Account page logs the profile in to a sync server through the
 * profile's HdSyncEngine, which keeps the token in the keyring and
 * nowhere else; the password is handed over and forgotten. Only an
 * empty profile can be connected to an account (docs/decisions.md): a
 * profile with hubs of its own is told so, with the way to a new one.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-preferences-window.h"
#include "sync/hd-sync-status.h"
#include "widgets/hd-format.h"

struct _HdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  HdContext            *context;
  char                 *profile;
  char                 *ca_file;
  GCancellable         *cancellable;
  gboolean              logging_in;
  GtkFileChooserNative *chooser;

  /* template */
  AdwActionRow         *folder_row;
  AdwActionRow         *client_row;
  AdwPreferencesGroup  *account_group;
  AdwActionRow         *account_server_row;
  AdwActionRow         *account_user_row;
  AdwActionRow         *status_row;
  AdwActionRow         *last_sync_row;
  AdwActionRow         *pending_row;
  GtkWidget            *logout_button;
  GtkWidget            *sync_button;
  AdwPreferencesGroup  *login_group;
  AdwEntryRow          *server_row;
  AdwEntryRow          *username_row;
  AdwEntryRow          *password_row;
  AdwActionRow         *ca_row;
  GtkWidget            *ca_clear_button;
  GtkLabel             *login_error;
  GtkSpinner           *login_spinner;
  GtkWidget            *login_button;
};

G_DEFINE_FINAL_TYPE (HdPreferencesWindow, hd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static HdSyncEngine *
engine_of (HdPreferencesWindow *self)
{
  return hd_context_get_sync_engine (self->context);
}

/* The profile has hubs of its own (demo data, hubs made here). */
static gboolean
has_local_hubs (HdPreferencesWindow *self)
{
  GListModel *hubs = hd_context_get_hubs (self->context);

  return g_list_model_get_n_items (hubs) > 0;
}

static void
show_login_error (HdPreferencesWindow *self,
                  const char          *message)
{
  gtk_label_set_label (self->login_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->login_error), message != NULL);
}

static void
update_login_button (HdPreferencesWindow *self)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->server_row));
  const char *user = gtk_editable_get_text (GTK_EDITABLE (self->username_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  HdSyncEngine *engine = engine_of (self);
  gboolean blocked = engine == NULL ||
                     (hd_sync_engine_get_state (engine) == HD_SYNC_ENGINE_STANDALONE &&
                      has_local_hubs (self));

  gtk_widget_set_sensitive (self->login_button,
                            !self->logging_in && !blocked &&
                            *url != '\0' && *user != '\0' && *password != '\0');
}

static void
refresh (HdPreferencesWindow *self)
{
  HdSyncEngine *engine = engine_of (self);
  HdSyncEngineState state = engine != NULL ? hd_sync_engine_get_state (engine)
                                           : HD_SYNC_ENGINE_STANDALONE;
  gboolean bound = state != HD_SYNC_ENGINE_STANDALONE && state != HD_SYNC_ENGINE_LOADING;
  gboolean logged_out = state == HD_SYNC_ENGINE_LOGGED_OUT;
  gboolean blocked = !bound && has_local_hubs (self);

  gtk_widget_set_visible (GTK_WIDGET (self->account_group), bound);
  gtk_widget_set_visible (GTK_WIDGET (self->login_group), !bound || logged_out);

  if (bound)
    {
      HdSyncStatus status;
      gint64 last_sync = hd_sync_engine_get_last_sync (engine);
      g_autofree char *pending = hd_format_count (hd_sync_engine_get_pending (engine));
      g_autofree char *when = NULL;

      hd_sync_status_describe (engine, -1, g_get_real_time () / G_USEC_PER_SEC, &status);
      adw_action_row_set_subtitle (self->status_row,
                                   status.tooltip != NULL && state != HD_SYNC_ENGINE_IDLE
                                   ? status.tooltip : status.text);
      hd_sync_status_clear (&status);

      if (last_sync > 0)
        {
          g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (last_sync);

          when = hd_format_date_time (time);
        }
      adw_action_row_set_subtitle (self->last_sync_row, when != NULL ? when : _("Never"));
      adw_action_row_set_subtitle (self->pending_row, pending);
      adw_action_row_set_subtitle (self->account_server_row, hd_sync_engine_get_server_url (engine));
      adw_action_row_set_subtitle (self->account_user_row, hd_sync_engine_get_username (engine));

      gtk_widget_set_visible (self->logout_button, !logged_out);
      gtk_widget_set_sensitive (self->sync_button,
                                !logged_out && state != HD_SYNC_ENGINE_SYNCING);
    }

  if (logged_out)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->server_row), hd_sync_engine_get_server_url (engine));
      gtk_editable_set_text (GTK_EDITABLE (self->username_row), hd_sync_engine_get_username (engine));
      adw_preferences_group_set_title (self->login_group, _("Log In Again"));
      adw_preferences_group_set_description (self->login_group,
                                             _("This computer holds no valid login for this profile. "
                                               "Nothing is lost meanwhile: your changes wait here "
                                               "until you log in."));
    }
  else if (blocked)
    {
      adw_preferences_group_set_title (self->login_group, _("Log In to a Sync Server"));
      adw_preferences_group_set_description (self->login_group,
                                             _("This profile holds hubs of its own, such as the demo "
                                               "data, and cannot be connected to a server account: "
                                               "its records would mix with the server’s. To work "
                                               "with a sync server, start Hubdesk with a new, "
                                               "empty profile, for example "
                                               "“hubdesk --profile ~/Hubdesk-Server”, and log in "
                                               "there."));
    }
  else
    {
      adw_preferences_group_set_title (self->login_group, _("Log In to a Sync Server"));
      adw_preferences_group_set_description (self->login_group,
                                             _("Share events, rooms and contacts with your "
                                               "colleagues through your hub network’s server. "
                                               "Hubdesk keeps only a login token, in your "
                                               "keyring; your password is not stored."));
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->server_row), !logged_out && !blocked);
  gtk_widget_set_sensitive (GTK_WIDGET (self->username_row), !logged_out && !blocked);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), !blocked);
  gtk_widget_set_sensitive (GTK_WIDGET (self->ca_row), !logged_out && !blocked);

  update_login_button (self);
}

static void
on_login_changed (HdPreferencesWindow *self)
{
  update_login_button (self);
}

/* ---- log in / out, sync ---- */

static char *
login_error_text (const GError *error)
{
  if (g_error_matches (error, HD_SYNC_ERROR, HD_SYNC_ERROR_WRONG_PROFILE))
    /* Translators: %s is the reason the profile cannot be used */
    return g_strdup_printf (_("%s Start Hubdesk with a new folder, for example "
                              "“hubdesk --profile ~/Hubdesk-Server”, and log in there."),
                            error->message);

  /* The server's own words are English; these are the person's. */
  if (g_error_matches (error, HD_SYNC_ERROR, HD_SYNC_ERROR_BAD_CREDENTIALS))
    return g_strdup (_("The user name or password is wrong."));

  if (g_error_matches (error, HD_SYNC_ERROR, HD_SYNC_ERROR_TOO_MANY_ATTEMPTS))
    return g_strdup (_("Too many attempts. Please wait a minute and try again."));

  if (g_error_matches (error, HD_SYNC_ERROR, HD_SYNC_ERROR_NO_KEYRING))
    /* Translators: %s explains why no keyring could be used */
    return g_strdup_printf (_("The login cannot be kept on this computer. %s"), error->message);

  return g_strdup (error->message);
}

static void
set_logging_in (HdPreferencesWindow *self,
                gboolean             logging_in)
{
  self->logging_in = logging_in;
  gtk_widget_set_visible (GTK_WIDGET (self->login_spinner), logging_in);
  gtk_spinner_set_spinning (self->login_spinner, logging_in);
  update_login_button (self);
}

static void
on_logged_in (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(HdPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!hd_sync_engine_login_finish (HD_SYNC_ENGINE (source), result, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      set_logging_in (self, FALSE);
      text = login_error_text (error);
      show_login_error (self, text);
      return;
    }

  set_logging_in (self, FALSE);
  show_login_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");

  {
    GSettings *settings = hd_context_get_settings (self->context);
    g_autofree char *toast = NULL;

    if (settings != NULL)
      {
        g_settings_set_string (settings, "server-url", hd_sync_engine_get_server_url (HD_SYNC_ENGINE (source)));
        g_settings_set_string (settings, "username", hd_sync_engine_get_username (HD_SYNC_ENGINE (source)));
      }

    /* Translators: %s is the user name */
    toast = g_strdup_printf (_("Logged in as %s"), hd_sync_engine_get_username (HD_SYNC_ENGINE (source)));
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (toast));
  }

  refresh (self);
}

static void
on_login_clicked (HdPreferencesWindow *self)
{
  HdSyncEngine *engine = engine_of (self);
  g_autofree char *url = NULL;
  g_autofree char *user = NULL;

  if (engine == NULL || !gtk_widget_get_sensitive (self->login_button))
    return;

  url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->server_row))));
  user = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->username_row))));

  show_login_error (self, NULL);
  set_logging_in (self, TRUE);
  hd_sync_engine_login_async (engine, url, user,
                              gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                              self->ca_file, self->cancellable,
                              on_logged_in, g_object_ref (self));
}

static void
on_logged_out (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(HdPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!hd_sync_engine_logout_finish (HD_SYNC_ENGINE (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
    }
  else
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("Logged out. Your data and unsent changes stay in this profile.")));
    }

  gtk_widget_set_sensitive (self->logout_button, TRUE);
  refresh (self);
}

static void
on_logout_clicked (HdPreferencesWindow *self)
{
  HdSyncEngine *engine = engine_of (self);

  if (engine == NULL)
    return;

  gtk_widget_set_sensitive (self->logout_button, FALSE);
  hd_sync_engine_logout_async (engine, self->cancellable, on_logged_out, g_object_ref (self));
}

static void
on_synced (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(HdPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Failures show in the status row, in the engine's words. */
  hd_sync_engine_sync_finish (HD_SYNC_ENGINE (source), result, NULL, &error);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    refresh (self);
}

static void
on_sync_clicked (HdPreferencesWindow *self)
{
  HdSyncEngine *engine = engine_of (self);

  if (engine != NULL)
    hd_sync_engine_sync_async (engine, self->cancellable, on_synced, g_object_ref (self));
}

/* ---- the certificate file ---- */

static void
set_ca_file (HdPreferencesWindow *self,
             const char          *path)
{
  g_free (self->ca_file);
  self->ca_file = g_strdup (path);

  if (path != NULL)
    {
      g_autofree char *name = g_filename_display_basename (path);

      adw_action_row_set_subtitle (self->ca_row, name);
    }
  else
    {
      adw_action_row_set_subtitle (self->ca_row,
                                   _("Only for a server with a certificate of your network's own"));
    }
  gtk_widget_set_visible (self->ca_clear_button, path != NULL);
}

static void
on_ca_chosen (GtkNativeDialog     *dialog,
              int                  response,
              HdPreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        set_ca_file (self, path);
    }

  g_clear_object (&self->chooser);
}

static void
on_ca_choose_clicked (HdPreferencesWindow *self)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Certificate Authority"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Certificates (PEM)"));
  gtk_file_filter_add_pattern (filter, "*.pem");
  gtk_file_filter_add_pattern (filter, "*.crt");
  gtk_file_filter_add_mime_type (filter, "application/x-x509-ca-cert");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_ca_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_ca_clear_clicked (HdPreferencesWindow *self)
{
  set_ca_file (self, NULL);
}

/* ---- GObject ---- */

static void
hd_preferences_window_constructed (GObject *object)
{
  HdPreferencesWindow *self = HD_PREFERENCES_WINDOW (object);
  HdSyncEngine *engine;
  GSettings *settings;

  G_OBJECT_CLASS (hd_preferences_window_parent_class)->constructed (object);

  adw_action_row_set_subtitle (self->folder_row, self->profile);
  adw_action_row_set_subtitle (self->client_row,
                               hd_store_get_client_id (hd_context_get_store (self->context)));

  /* Offer the address and user name last used. */
  settings = hd_context_get_settings (self->context);
  if (settings != NULL)
    {
      g_autofree char *url = g_settings_get_string (settings, "server-url");
      g_autofree char *user = g_settings_get_string (settings, "username");

      gtk_editable_set_text (GTK_EDITABLE (self->server_row), url);
      gtk_editable_set_text (GTK_EDITABLE (self->username_row), user);
    }

  engine = engine_of (self);
  if (engine != NULL)
    {
      const char *names[] = { "state", "pending", "last-sync", "last-error", "server-url",
                              "username", "conflicts", "rejections" };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *signal = g_strconcat ("notify::", names[i], NULL);

          g_signal_connect_object (engine, signal, G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
        }
    }
  g_signal_connect_object (hd_context_get_hubs (self->context), "items-changed",
                           G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);

  set_ca_file (self, NULL);
  refresh (self);
}

static void
hd_preferences_window_dispose (GObject *object)
{
  HdPreferencesWindow *self = HD_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  gtk_widget_dispose_template (GTK_WIDGET (object), HD_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (hd_preferences_window_parent_class)->dispose (object);
}

static void
hd_preferences_window_finalize (GObject *object)
{
  HdPreferencesWindow *self = HD_PREFERENCES_WINDOW (object);

  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->profile, g_free);
  g_clear_pointer (&self->ca_file, g_free);

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
  gtk_widget_class_bind_template_child (widget_class, HdPreferencesWindow, account_group);
  gtk_widget_class_bind_template_child (widget_class, HdPreferencesWindow, account_server_row);
  gtk_widget_class_bind_template_child (widget_class, HdPreferencesWindow, account_user_row);
  gtk_widget_class_bind_template_child (widget_class, HdPreferencesWindow, status_row);
  gtk_widget_class_bind_template_child (widget_class, HdPreferencesWindow, last_sync_row);
  gtk_widget_class_bind_template_child (widget_class, HdPreferencesWindow, pending_row);
  gtk_widget_class_bind_template_child (widget_class, HdPreferencesWindow, logout_button);
  gtk_widget_class_bind_template_child (widget_class, HdPreferencesWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, HdPreferencesWindow, login_group);
  gtk_widget_class_bind_template_child (widget_class, HdPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, HdPreferencesWindow, username_row);
  gtk_widget_class_bind_template_child (widget_class, HdPreferencesWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, HdPreferencesWindow, ca_row);
  gtk_widget_class_bind_template_child (widget_class, HdPreferencesWindow, ca_clear_button);
  gtk_widget_class_bind_template_child (widget_class, HdPreferencesWindow, login_error);
  gtk_widget_class_bind_template_child (widget_class, HdPreferencesWindow, login_spinner);
  gtk_widget_class_bind_template_child (widget_class, HdPreferencesWindow, login_button);
  gtk_widget_class_bind_template_callback (widget_class, on_login_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_login_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_logout_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_sync_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_ca_choose_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_ca_clear_clicked);
}

static void
hd_preferences_window_init (HdPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();
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

void
hd_preferences_window_show_account (HdPreferencesWindow *self)
{
  g_return_if_fail (HD_IS_PREFERENCES_WINDOW (self));

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self), "account");
}
