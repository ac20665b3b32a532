/* hd-application.c — the application: command line, profile, windows
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One process serves one profile (data folder). GApplication makes it a
 * single instance per profile: the default profile uses the plain
 * application id, every other profile an id derived from its folder. A
 * second `hubdesk` for the same profile finds the first on the session bus,
 * asks it to show its window (and a view given with --view) and exits.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "hd-application.h"
#include "hd-context.h"
#include "hd-demo.h"
#include "hd-window.h"
#include "contacts/hd-contacts-view.h"
#include "preferences/hd-preferences-window.h"

struct _HdApplication
{
  AdwApplication  parent_instance;

  char           *profile;
  char           *initial_view;
  char           *import_calendar;   /* --import-calendar, until the window is there */
  gboolean        demo;

  HdContext      *context;
  HdWindow       *window;

  /* HUBDESK_BENCH_STARTUP: print when the first frame and the first page
   * of Contacts were shown, then quit. */
  gboolean        bench;
  gboolean        bench_frame_done;
  gboolean        bench_contacts_done;
};

G_DEFINE_FINAL_TYPE (HdApplication, hd_application, ADW_TYPE_APPLICATION)

char *
hd_application_default_profile (void)
{
  return g_build_filename (g_get_user_data_dir (), "hubdesk", "default", NULL);
}

char *
hd_application_id_for_profile (const char *profile)
{
  g_autofree char *default_profile = hd_application_default_profile ();
  g_autofree char *canonical = NULL;
  g_autofree char *hash = NULL;

  g_return_val_if_fail (profile != NULL, NULL);

  canonical = g_canonicalize_filename (profile, NULL);
  if (g_strcmp0 (canonical, default_profile) == 0)
    return g_strdup (APPLICATION_ID);

  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);
  hash[16] = '\0';

  return g_strconcat (APPLICATION_ID, ".Profile_", hash, NULL);
}

/* ---- startup benchmark ---- */

static void
bench_maybe_quit (HdApplication *self)
{
  if (self->bench_frame_done && self->bench_contacts_done)
    g_application_quit (G_APPLICATION (self));
}

static void
bench_print (const char *what)
{
  g_print ("bench %s %" G_GINT64_FORMAT "\n", what, g_get_monotonic_time ());
}

static void
on_bench_after_paint (GdkFrameClock *clock,
                      HdApplication *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_bench_after_paint, self);

  if (!self->bench_frame_done)
    {
      bench_print ("first-frame");
      self->bench_frame_done = TRUE;
    }

  bench_maybe_quit (self);
}

static void
on_bench_contacts_after_paint (GdkFrameClock *clock,
                               HdApplication *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_bench_contacts_after_paint, self);
  bench_print ("contacts-first-page");
  self->bench_contacts_done = TRUE;
  bench_maybe_quit (self);
}

static void
on_bench_contacts_shown (HdApplication *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->window));

  if (self->bench_contacts_done || clock == NULL)
    return;

  /* The rows are bound; they are on screen after the next paint. */
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_bench_contacts_after_paint), self);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
}

static void
on_bench_realize (GtkWidget     *window,
                  HdApplication *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_bench_after_paint), self);
}

static void
bench_watch (HdApplication *self)
{
  GtkWidget *contacts = hd_window_get_view_widget (self->window, "contacts");

  bench_print ("window-created");
  g_signal_connect (self->window, "realize", G_CALLBACK (on_bench_realize), self);
  g_signal_connect_object (contacts, "notify::showing-records",
                           G_CALLBACK (on_bench_contacts_shown), self, G_CONNECT_SWAPPED);
}

/* ---- demo data ---- */

static void
demo_fill_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  HdStore *store = HD_STORE (source_object);
  GError *error = NULL;

  if (hd_demo_fill (store, HD_DEMO_DEFAULT_PEOPLE, 1, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_demo_filled (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(HdApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  hd_context_set_busy_message (self->context, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *message = NULL;

      g_warning ("Could not add the demo data: %s", error->message);
      /* Translators: %s is the reason, a sentence of its own */
      message = g_strdup_printf (_("The demo data could not be added. %s"), error->message);
      if (self->window != NULL)
        hd_window_show_toast (self->window, message);
      return;
    }

  if (self->window != NULL)
    hd_window_show_toast (self->window, _("Demo data added: 13 hubs with their rooms, events and contacts"));
}

static void
on_hubs_counted_for_demo (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(HdApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  gint64 count;

  count = hd_store_count_finish (HD_STORE (source), result, &error);
  if (error != NULL)
    {
      g_warning ("Could not look into the profile: %s", error->message);
      return;
    }

  if (count > 0)
    {
      if (self->window != NULL)
        hd_window_show_toast (self->window,
                              _("This profile already has data, so no demo data was added"));
      return;
    }

  hd_context_set_busy_message (self->context, _("Adding demo data…"));

  /* The demo generator uses the store's blocking API: off the GTK thread. */
  task = g_task_new (source, NULL, on_demo_filled, g_object_ref (self));
  g_task_set_source_tag (task, on_hubs_counted_for_demo);
  g_task_run_in_thread (task, demo_fill_thread);
}

static void
start_demo (HdApplication *self)
{
  HdQuery query = { .entity = HD_ENTITY_HUB, .include_archived = TRUE, .include_deleted = TRUE };

  hd_store_count_async (hd_context_get_store (self->context), &query, NULL,
                        on_hubs_counted_for_demo, g_object_ref (self));
}

/* ---- the profile ---- */

static GSettings *
load_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);

  if (schema == NULL)
    {
      g_warning ("The settings schema %s is not installed; window size and the chosen "
                 "view will not be kept", APPLICATION_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static gboolean
open_profile (HdApplication  *self,
              GError        **error)
{
  g_autofree char *path = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(HdSyncEngine) engine = NULL;

  if (g_mkdir_with_parents (self->profile, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("The profile folder “%s” could not be created: %s"),
                   self->profile, g_strerror (saved_errno));
      return FALSE;
    }

  path = g_build_filename (self->profile, "hubdesk.db", NULL);
  store = hd_store_open (path, error);
  if (store == NULL)
    return FALSE;

  settings = load_settings ();

  /* The engine keeps the login in the keyring and syncs by itself once
   * the profile is bound to a server; a standalone profile never talks
   * to a network. */
  engine = hd_sync_engine_new (store, TRUE);
  self->context = hd_context_new_with_sync (store, settings, engine);
  hd_sync_engine_start (engine);

  return TRUE;
}

static void
on_error_response (AdwMessageDialog *dialog,
                   const char       *response,
                   HdApplication    *self)
{
  g_application_release (G_APPLICATION (self));
}

static void
show_open_error (HdApplication *self,
                 const GError  *error)
{
  GtkWidget *dialog;

  g_printerr ("%s\n", error->message);

  dialog = adw_message_dialog_new (NULL, _("The Profile Could Not Be Opened"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect (dialog, "response", G_CALLBACK (on_error_response), self);
  g_application_hold (G_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- actions ---- */

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  HdApplication *self = HD_APPLICATION (user_data);

  if (self->window != NULL)
    gtk_window_close (GTK_WINDOW (self->window));

  g_application_quit (G_APPLICATION (self));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  HdApplication *self = HD_APPLICATION (user_data);
  const char *developers[] = { _("The Hubdesk authors"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", self->window,
                        "application-name", _("Hubdesk"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Hubdesk authors"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "comments", _("Events, rooms and contacts of innovation hubs, "
                                      "kept on your computer and shared with your colleagues"),
                        "copyright", _("© 2026 The Hubdesk authors"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: put your names here, one a line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static GtkWidget *
show_preferences (HdApplication *self)
{
  GtkWidget *preferences;

  if (self->context == NULL)
    return NULL;

  preferences = hd_preferences_window_new (self->context, self->profile);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (self->window));
  gtk_window_present (GTK_WINDOW (preferences));

  return preferences;
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  show_preferences (HD_APPLICATION (user_data));
}

static void
account_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GtkWidget *preferences = show_preferences (HD_APPLICATION (user_data));

  if (preferences != NULL)
    hd_preferences_window_show_account (HD_PREFERENCES_WINDOW (preferences));
}

static void
show_view_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  HdApplication *self = HD_APPLICATION (user_data);
  const char *name = g_variant_get_string (parameter, NULL);

  if (self->window == NULL)
    {
      g_free (self->initial_view);
      self->initial_view = g_strdup (name);
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self->window), "win.show-view", "s", name);
  gtk_window_present (GTK_WINDOW (self->window));
}

/* Shows the Events view with the preview of importing a calendar file
 * (--import-calendar FILE, also sent to a running Hubdesk). */
static void
import_calendar_activated (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  HdApplication *self = HD_APPLICATION (user_data);
  const char *path = g_variant_get_string (parameter, NULL);
  GtkWidget *events;

  if (self->window == NULL)
    {
      g_free (self->import_calendar);
      self->import_calendar = g_strdup (path);
      return;
    }

  hd_window_show_view (self->window, "events");
  events = hd_window_get_view_widget (self->window, "events");
  gtk_window_present (GTK_WINDOW (self->window));
  if (events != NULL)
    gtk_widget_activate_action (events, "events.import-file", "s", path);
}

/* The shortcuts window is built when asked for and destroyed when closed,
 * never kept hidden: see hubdesk.gresource.xml for why. */
static void
show_help_overlay_activated (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  HdApplication *self = HD_APPLICATION (user_data);
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *shortcuts;

  if (self->window == NULL)
    return;

  builder = gtk_builder_new_from_resource ("/org/hubdesk/Hubdesk/hd-shortcuts-window.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  gtk_window_set_hide_on_close (shortcuts, FALSE);
  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (self->window));
  gtk_window_present (shortcuts);
}

static const GActionEntry window_actions[] = {
  { "show-help-overlay", show_help_overlay_activated, NULL, NULL, NULL, { 0 } },
};

static const GActionEntry app_actions[] = {
  { "quit", quit_activated, NULL, NULL, NULL, { 0 } },
  { "about", about_activated, NULL, NULL, NULL, { 0 } },
  { "preferences", preferences_activated, NULL, NULL, NULL, { 0 } },
  { "account", account_activated, NULL, NULL, NULL, { 0 } },
  { "show-view", show_view_activated, "s", NULL, NULL, { 0 } },
  { "import-calendar", import_calendar_activated, "s", NULL, NULL, { 0 } },
};

/* ---- GApplication ---- */

static gboolean
is_view_name (const char *name)
{
  return g_strv_contains (hd_window_get_view_names (), name);
}

static int
hd_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  HdApplication *self = HD_APPLICATION (application);
  g_autoptr(GError) error = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *view = NULL;
  g_autofree char *app_id = NULL;
  g_autofree char *import_calendar = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "hubdesk", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "view", "s", &view) && !is_view_name (view))
    {
      g_autofree char *names = g_strjoinv (", ", (char **) hd_window_get_view_names ());

      /* Translators: %s is what was given, then the list of view names */
      g_printerr (_("“%s” is not a view. Choose one of: %s.\n"), view, names);
      return 1;
    }

  if (!g_variant_dict_lookup (options, "profile", "^ay", &profile))
    profile = hd_application_default_profile ();

  g_free (self->profile);
  self->profile = g_canonicalize_filename (profile, NULL);
  self->demo = g_variant_dict_contains (options, "demo");
  g_free (self->initial_view);
  self->initial_view = g_steal_pointer (&view);
  if (g_variant_dict_lookup (options, "import-calendar", "^ay", &import_calendar))
    {
      g_free (self->import_calendar);
      self->import_calendar = g_canonicalize_filename (import_calendar, NULL);
    }

  app_id = hd_application_id_for_profile (self->profile);
  g_application_set_application_id (application, app_id);

  if (!g_application_register (application, NULL, &error))
    {
      g_printerr (_("Hubdesk could not start: %s\n"), error->message);
      return 1;
    }

  if (g_application_get_is_remote (application))
    {
      /* The profile is open in another Hubdesk: show that window. */
      g_application_activate (application);
      if (self->initial_view != NULL)
        g_action_group_activate_action (G_ACTION_GROUP (application), "show-view",
                                        g_variant_new_string (self->initial_view));
      if (self->import_calendar != NULL)
        g_action_group_activate_action (G_ACTION_GROUP (application), "import-calendar",
                                        g_variant_new_string (self->import_calendar));
      if (self->demo)
        g_printerr (_("This profile is already open; no demo data was added.\n"));
      return 0;
    }

  return -1;
}

static void
hd_application_startup (GApplication *application)
{
  HdApplication *self = HD_APPLICATION (application);
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *shortcuts_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (hd_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         shortcuts_accels);

  gtk_window_set_default_icon_name (APPLICATION_ID);
}

static void
hd_application_activate (GApplication *application)
{
  HdApplication *self = HD_APPLICATION (application);
  g_autoptr(GError) error = NULL;

  if (self->window != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->window));
      return;
    }

  if (self->profile == NULL)
    self->profile = hd_application_default_profile ();

  if (self->bench)
    bench_print ("activate");

  if (self->context == NULL && !open_profile (self, &error))
    {
      show_open_error (self, error);
      return;
    }

  if (self->bench)
    bench_print ("profile-opened");

  self->window = hd_window_new (GTK_APPLICATION (self), self->context);
  g_object_add_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
  g_action_map_add_action_entries (G_ACTION_MAP (self->window), window_actions,
                                   G_N_ELEMENTS (window_actions), self);

  if (self->bench)
    bench_watch (self);

  if (self->initial_view != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->window), "win.show-view", "s",
                                self->initial_view);

  gtk_window_present (GTK_WINDOW (self->window));

  if (self->import_calendar != NULL)
    {
      g_autofree char *path = g_steal_pointer (&self->import_calendar);

      g_action_group_activate_action (G_ACTION_GROUP (self), "import-calendar",
                                      g_variant_new_string (path));
    }

  if (self->demo)
    start_demo (self);
}

static void
hd_application_shutdown (GApplication *application)
{
  HdApplication *self = HD_APPLICATION (application);

  if (self->context != NULL && hd_context_get_sync_engine (self->context) != NULL)
    hd_sync_engine_stop (hd_context_get_sync_engine (self->context));

  G_APPLICATION_CLASS (hd_application_parent_class)->shutdown (application);
}

static void
hd_application_finalize (GObject *object)
{
  HdApplication *self = HD_APPLICATION (object);

  g_clear_pointer (&self->profile, g_free);
  g_clear_pointer (&self->initial_view, g_free);
  g_clear_pointer (&self->import_calendar, g_free);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (hd_application_parent_class)->finalize (object);
}

static void
hd_application_class_init (HdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = hd_application_finalize;

  application_class->handle_local_options = hd_application_handle_local_options;
  application_class->startup = hd_application_startup;
  application_class->activate = hd_application_activate;
  application_class->shutdown = hd_application_shutdown;
}

static void
hd_application_init (HdApplication *self)
{
  const GOptionEntry options[] = {
    { "profile", 'p', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
      N_("The data folder to use (default: ~/.local/share/hubdesk/default)"), N_("FOLDER") },
    { "demo", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
      N_("Fill an empty profile with demo data"), NULL },
    { "view", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
      N_("The view to show: today, events, rooms, contacts, reports or conflicts"), N_("VIEW") },
    { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
      N_("Show the version and quit"), NULL },
    { "import-calendar", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
      N_("Preview importing an iCalendar file into the Events view"), N_("FILE") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                             _("Events, rooms and contacts of innovation hubs"));

  self->bench = g_getenv ("HUBDESK_BENCH_STARTUP") != NULL;
}

HdApplication *
hd_application_new (void)
{
  return g_object_new (HD_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/org/hubdesk/Hubdesk",
                       NULL);
}
