/* hd-window.c — the main window of a profile
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-window-private.h"
#include "today/hd-today-view.h"
#include "events/hd-events-view.h"
#include "rooms/hd-rooms-view.h"
#include "contacts/hd-contacts-view.h"
#include "reports/hd-reports-view.h"
#include "conflicts/hd-conflicts-view.h"
#include "widgets/hd-a11y.h"
#include "widgets/hd-format.h"
#include "widgets/hd-sidebar-row.h"
#include "sync/hd-sync-status.h"

typedef struct
{
  const char *name;
  const char *title;
  GType     (*get_type) (void);
} ViewInfo;

static const ViewInfo views[] = {
  { "today", N_("Today"), hd_today_view_get_type },
  { "events", N_("Events"), hd_events_view_get_type },
  { "rooms", N_("Rooms"), hd_rooms_view_get_type },
  { "contacts", N_("Contacts"), hd_contacts_view_get_type },
  { "reports", N_("Reports"), hd_reports_view_get_type },
  { "conflicts", N_("Conflicts"), hd_conflicts_view_get_type },
};

static const char * const view_names[] = {
  "today", "events", "rooms", "contacts", "reports", "conflicts", NULL
};

G_DEFINE_FINAL_TYPE (HdWindow, hd_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const ViewInfo *
find_view (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    if (g_strcmp0 (views[i].name, name) == 0)
      return &views[i];

  return NULL;
}

const char * const *
hd_window_get_view_names (void)
{
  return view_names;
}

HdView *
hd_window_get_current_view (HdWindow *self)
{
  GtkWidget *child = gtk_stack_get_visible_child (self->stack);

  return HD_IS_VIEW (child) ? HD_VIEW (child) : NULL;
}

/* ---- the header: sync status ---- */

static void update_status (HdWindow *self);

static gboolean
show_syncing (gpointer user_data)
{
  HdWindow *self = HD_WINDOW (user_data);

  self->syncing_timer = 0;
  self->syncing_shown = TRUE;
  update_status (self);

  return G_SOURCE_REMOVE;
}

static void
update_status (HdWindow *self)
{
  HdSyncEngine *engine = hd_context_get_sync_engine (self->context);
  const char *busy = hd_context_get_busy_message (self->context);
  HdSyncStatus status;
  const char *button = NULL;
  const char *icon = NULL;

  /* Most syncs take a blink (a colleague's edit arriving): the header
   * says "Syncing" only for those that last. */
  if (busy == NULL && engine != NULL && hd_sync_engine_get_state (engine) == HD_SYNC_ENGINE_SYNCING)
    {
      if (!self->syncing_shown)
        {
          if (self->syncing_timer == 0)
            self->syncing_timer = g_timeout_add (400, show_syncing, self);
          return;
        }
    }
  else
    {
      g_clear_handle_id (&self->syncing_timer, g_source_remove);
      self->syncing_shown = FALSE;
    }

  hd_sync_status_describe (engine, hd_context_get_outbox_count (self->context),
                           g_get_real_time () / G_USEC_PER_SEC, &status);

  if (busy != NULL)
    {
      g_free (status.text);
      status.text = g_strdup (busy);
      status.busy = TRUE;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), status.busy);
  gtk_spinner_set_spinning (self->busy_spinner, status.busy);

  gtk_label_set_label (self->status_label, status.text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label),
                               status.tooltip != NULL ? status.tooltip : status.text);

  self->status_action = status.action;
  switch (status.action)
    {
    case HD_SYNC_STATUS_ACTION_RETRY:
      button = _("Retry");
      icon = "view-refresh-symbolic";
      break;
    case HD_SYNC_STATUS_ACTION_LOG_IN:
      button = _("Log In");
      icon = "dialog-password-symbolic";
      break;
    case HD_SYNC_STATUS_ACTION_CONFLICTS:
      button = _("Review");
      icon = "go-next-symbolic";
      break;
    case HD_SYNC_STATUS_ACTION_NONE:
    default:
      break;
    }
  /* No way to where one is already. */
  if (busy != NULL ||
      (status.action == HD_SYNC_STATUS_ACTION_CONFLICTS && g_strcmp0 (self->view, "conflicts") == 0))
    button = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->status_button), button != NULL);
  if (button != NULL)
    {
      /* An icon keeps the status readable in a narrow window. */
      gtk_button_set_icon_name (self->status_button, icon);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_button), button);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, button, -1);
    }

  hd_sync_status_clear (&status);
}

static void
on_status_button_clicked (HdWindow *self)
{
  switch (self->status_action)
    {
    case HD_SYNC_STATUS_ACTION_RETRY:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.sync", NULL);
      break;
    case HD_SYNC_STATUS_ACTION_LOG_IN:
      hd_window_show_account (self);
      break;
    case HD_SYNC_STATUS_ACTION_CONFLICTS:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-view", "s", "conflicts");
      break;
    default:
      break;
    }
}

void
hd_window_show_account (HdWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (application != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (application), "account", NULL);
}

/* "Synced 3 min ago" ages: read it again now and then. */
static gboolean
status_tick (gpointer user_data)
{
  update_status (HD_WINDOW (user_data));

  return G_SOURCE_CONTINUE;
}

static void
update_conflicts (HdWindow *self)
{
  guint count = hd_context_get_conflict_count (self->context);
  g_autofree char *text = hd_format_count (count);

  gtk_label_set_label (self->conflict_badge, text);
  gtk_widget_set_visible (GTK_WIDGET (self->conflict_badge), count > 0);
}

/* ---- the hub selector ---- */

static void
hub_setup (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_list_item_set_child (item, label);
}

static void
hub_bind (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  GObject *object = gtk_list_item_get_item (item);

  if (HD_IS_RECORD_OBJECT (object))
    {
      HdRecord *hub = hd_record_object_get_record (HD_RECORD_OBJECT (object));

      gtk_label_set_label (label, hub ? hd_record_get_string (hub, "name") : _("Loading…"));
    }
  else
    {
      gtk_label_set_label (label, _("All my hubs"));
    }
}

static const char *
hub_id_at (HdWindow *self,
           guint     position)
{
  GListModel *model = gtk_drop_down_get_model (self->hub_selector);
  g_autoptr(GObject) object = NULL;
  HdRecord *hub;

  if (position == GTK_INVALID_LIST_POSITION || model == NULL)
    return NULL;

  object = g_list_model_get_item (model, position);
  if (!HD_IS_RECORD_OBJECT (object))
    return NULL;

  hub = hd_record_object_get_record (HD_RECORD_OBJECT (object));

  /* The record stays alive: the list holds it. */
  return hub ? hd_record_get_id (hub) : NULL;
}

static void
sync_hub_selector (HdWindow *self)
{
  GListModel *model = gtk_drop_down_get_model (self->hub_selector);
  const char *hub_id = hd_context_get_hub_id (self->context);
  guint n = g_list_model_get_n_items (model);
  guint position = 0;

  if (hub_id != NULL)
    {
      position = GTK_INVALID_LIST_POSITION;
      for (guint i = 1; i < n; i++)
        if (g_strcmp0 (hub_id_at (self, i), hub_id) == 0)
          {
            position = i;
            break;
          }

      /* The hub is not (yet) in the list: leave the choice alone. */
      if (position == GTK_INVALID_LIST_POSITION)
        return;
    }

  if (gtk_drop_down_get_selected (self->hub_selector) != position)
    gtk_drop_down_set_selected (self->hub_selector, position);
}

static void
on_hub_selected (HdWindow *self)
{
  guint position = gtk_drop_down_get_selected (self->hub_selector);

  if (position == GTK_INVALID_LIST_POSITION)
    return;

  if (position == 0)
    hd_context_set_hub_id (self->context, NULL);
  else if (hub_id_at (self, position) != NULL)
    hd_context_set_hub_id (self->context, hub_id_at (self, position));
}

static void
setup_hub_selector (HdWindow *self)
{
  g_autoptr(GListStore) all = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  g_autoptr(GListStore) parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_autoptr(GtkStringObject) everything = gtk_string_object_new ("all");
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkFlattenListModel *model;

  g_list_store_append (all, everything);
  g_list_store_append (parts, all);
  g_list_store_append (parts, hd_context_get_hubs (self->context));
  model = gtk_flatten_list_model_new (G_LIST_MODEL (g_steal_pointer (&parts)));

  g_signal_connect (factory, "setup", G_CALLBACK (hub_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (hub_bind), NULL);
  gtk_drop_down_set_factory (self->hub_selector, factory);
  gtk_drop_down_set_model (self->hub_selector, G_LIST_MODEL (model));
  g_object_unref (model);

  sync_hub_selector (self);

  /* GTK 4.8 gives the drop-down's own button no name of its own. */
  if (GTK_IS_ACCESSIBLE (gtk_widget_get_first_child (GTK_WIDGET (self->hub_selector))))
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (GTK_WIDGET (self->hub_selector))),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Hub"),
                                    -1);

  g_signal_connect_object (model, "items-changed",
                           G_CALLBACK (sync_hub_selector), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->hub_selector, "notify::selected",
                           G_CALLBACK (on_hub_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::hub-id",
                           G_CALLBACK (sync_hub_selector), self, G_CONNECT_SWAPPED);
}

/* ---- views ---- */

static void
on_sidebar_row_selected (HdWindow      *self,
                         GtkListBoxRow *row)
{
  if (row == NULL)
    return;

  hd_window_show_view (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
on_sidebar_row_activated (HdWindow      *self,
                          GtkListBoxRow *row)
{
  hd_window_show_view (self, gtk_widget_get_name (GTK_WIDGET (row)));
  adw_leaflet_set_visible_child (self->leaflet, self->content_pane);
}

static void
select_sidebar_row (HdWindow   *self,
                    const char *name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (gtk_widget_get_name (row), name) == 0)
        {
          if (gtk_list_box_get_selected_row (self->sidebar) != GTK_LIST_BOX_ROW (row))
            gtk_list_box_select_row (self->sidebar, GTK_LIST_BOX_ROW (row));
          return;
        }
    }
}

static void
bind_search (HdWindow *self)
{
  HdView *view = hd_window_get_current_view (self);
  gboolean searchable = view != NULL && hd_view_get_searchable (view);

  g_clear_pointer (&self->search_binding, g_binding_unbind);

  gtk_widget_set_visible (GTK_WIDGET (self->search_button), searchable);
  if (searchable)
    self->search_binding = g_object_bind_property (view, "search-mode",
                                                   self->search_button, "active",
                                                   G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  else
    gtk_toggle_button_set_active (self->search_button, FALSE);
}

gboolean
hd_window_show_view (HdWindow   *self,
                     const char *name)
{
  const ViewInfo *info;

  g_return_val_if_fail (HD_IS_WINDOW (self), FALSE);

  info = find_view (name);
  if (info == NULL)
    return FALSE;

  select_sidebar_row (self, info->name);

  if (g_strcmp0 (self->view, info->name) == 0)
    return TRUE;

  g_free (self->view);
  self->view = g_strdup (info->name);

  gtk_stack_set_visible_child_name (self->stack, info->name);
  gtk_label_set_label (self->title_label, _(info->title));
  {
    /* Translators: the window title, e.g. "Contacts — Hubdesk" */
    g_autofree char *title = g_strdup_printf (_("%s — Hubdesk"), _(info->title));

    gtk_window_set_title (GTK_WINDOW (self), title);
  }
  bind_search (self);
  if (self->context != NULL)
    update_status (self);

  if (self->context != NULL && hd_context_get_settings (self->context) != NULL)
    g_settings_set_string (hd_context_get_settings (self->context), "last-view", info->name);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);

  return TRUE;
}

const char *
hd_window_get_view (HdWindow *self)
{
  g_return_val_if_fail (HD_IS_WINDOW (self), NULL);

  return self->view;
}

GtkWidget *
hd_window_get_view_widget (HdWindow   *self,
                           const char *name)
{
  g_return_val_if_fail (HD_IS_WINDOW (self), NULL);

  return gtk_stack_get_child_by_name (self->stack, name);
}

HdContext *
hd_window_get_context (HdWindow *self)
{
  g_return_val_if_fail (HD_IS_WINDOW (self), NULL);

  return self->context;
}

void
hd_window_show_toast (HdWindow   *self,
                      const char *message)
{
  AdwToast *toast;

  g_return_if_fail (HD_IS_WINDOW (self));

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ---- window state ---- */

static void
restore_state (HdWindow *self)
{
  GSettings *settings = hd_context_get_settings (self->context);
  g_autofree char *last_view = NULL;
  int width = 1100;
  int height = 720;

  if (settings != NULL)
    {
      width = g_settings_get_int (settings, "window-width");
      height = g_settings_get_int (settings, "window-height");
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      last_view = g_settings_get_string (settings, "last-view");
    }

  gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 360), MAX (height, 294));

  if (last_view == NULL || !hd_window_show_view (self, last_view))
    hd_window_show_view (self, "today");
}

static gboolean
hd_window_close_request (GtkWindow *window)
{
  HdWindow *self = HD_WINDOW (window);
  GSettings *settings = hd_context_get_settings (self->context);

  if (settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (settings);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
        {
          g_settings_set_int (settings, "window-width", width);
          g_settings_set_int (settings, "window-height", height);
        }
      g_settings_apply (settings);
    }

  return GTK_WINDOW_CLASS (hd_window_parent_class)->close_request (window);
}

static void
hd_window_constructed (GObject *object)
{
  HdWindow *self = HD_WINDOW (object);

  G_OBJECT_CLASS (hd_window_parent_class)->constructed (object);

  g_assert (HD_IS_CONTEXT (self->context));

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GtkWidget *view = g_object_new (views[i].get_type (), "context", self->context, NULL);

      gtk_stack_add_titled (self->stack, view, views[i].name, _(views[i].title));
    }

  setup_hub_selector (self);

  hd_a11y_track_stack (self->stack);
  hd_a11y_track_leaflet (self->leaflet);

  g_signal_connect_object (self->context, "notify::outbox-count",
                           G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::busy-message",
                           G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::conflict-count",
                           G_CALLBACK (update_conflicts), self, G_CONNECT_SWAPPED);
  if (hd_context_get_sync_engine (self->context) != NULL)
    {
      const char *names[] = { "state", "pending", "conflicts", "rejections", "last-sync",
                              "last-error", "progress-done", "progress-total" };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *signal = g_strconcat ("notify::", names[i], NULL);

          g_signal_connect_object (hd_context_get_sync_engine (self->context), signal,
                                   G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
        }
    }
  self->status_timer = g_timeout_add_seconds (30, status_tick, self);
  update_status (self);
  update_conflicts (self);

  restore_state (self);
}

static void
hd_window_dispose (GObject *object)
{
  HdWindow *self = HD_WINDOW (object);

  g_clear_pointer (&self->search_binding, g_binding_unbind);
  g_clear_handle_id (&self->status_timer, g_source_remove);
  g_clear_handle_id (&self->syncing_timer, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_WINDOW);

  G_OBJECT_CLASS (hd_window_parent_class)->dispose (object);
}

static void
hd_window_finalize (GObject *object)
{
  HdWindow *self = HD_WINDOW (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->view, g_free);

  G_OBJECT_CLASS (hd_window_parent_class)->finalize (object);
}

static void
hd_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  HdWindow *self = HD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_VIEW:
      g_value_set_string (value, self->view);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  HdWindow *self = HD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_VIEW:
      hd_window_show_view (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_window_class_init (HdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = hd_window_constructed;
  object_class->dispose = hd_window_dispose;
  object_class->finalize = hd_window_finalize;
  object_class->get_property = hd_window_get_property;
  object_class->set_property = hd_window_set_property;

  window_class->close_request = hd_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         HD_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HD_TYPE_SIDEBAR_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/hubdesk/Hubdesk/hd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, sidebar_pane);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, content_pane);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, hub_selector);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, conflict_badge);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, status_button);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, stack);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_status_button_clicked);

  hd_window_class_add_actions (widget_class);
}

static void
hd_window_init (HdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

HdWindow *
hd_window_new (GtkApplication *application,
               HdContext      *context)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (HD_IS_CONTEXT (context), NULL);

  return g_object_new (HD_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}
