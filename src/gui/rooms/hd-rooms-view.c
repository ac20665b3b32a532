/* hd-rooms-view.c — the rooms of the hubs and what is booked in them today
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <adwaita.h>

#include "hd-view.h"
#include "hd-rooms-view.h"
#include "widgets/hd-a11y.h"
#include "widgets/hd-detail-pane.h"
#include "widgets/hd-format.h"
#include "widgets/hd-list-state.h"
#include "widgets/hd-record-row.h"

struct _HdRoomsView
{
  GtkWidget           parent_instance;

  HdContext          *context;
  HdRecordList       *rooms;
  HdRecordList       *bookings;     /* today's bookings of the room shown */
  GtkSingleSelection *selection;
  char               *shown_id;

  /* template */
  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkLabel           *count_label;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkWidget          *detail_separator;
  GtkStack           *detail_stack;
  HdDetailPane       *detail;
};

static void hd_rooms_view_iface_init (HdViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HdRoomsView, hd_rooms_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (HD_TYPE_VIEW, hd_rooms_view_iface_init))

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SEARCHABLE,
  PROP_SEARCH_MODE,
  N_PROPS
};

static const char *
search_text (HdRoomsView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  return (text != NULL && *text != '\0') ? text : NULL;
}

static void
update_state (HdRoomsView *self)
{
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;
  guint n;

  hd_list_state_update (self->list_stack, self->rooms, search_text (self) != NULL);

  /* Without records there is nothing to show details of: the empty
   * state takes the whole view. */
  gtk_widget_set_visible (GTK_WIDGET (self->detail_stack),
                          !hd_list_state_is_empty (self->list_stack));
  gtk_widget_set_visible (self->detail_separator, !hd_list_state_is_empty (self->list_stack));

  if (self->rooms == NULL || hd_record_list_get_loading (self->rooms) ||
      hd_list_state_is_empty (self->list_stack))
    {
      gtk_label_set_label (self->count_label, "");
      return;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->rooms));
  count = hd_format_count (n);
  /* Translators: the number of rooms in the list, e.g. "96 rooms" */
  text = g_strdup_printf (ngettext ("%s room", "%s rooms", n), count);
  gtk_label_set_label (self->count_label, text);
}

static void
reload (HdRoomsView *self)
{
  HdQuery query = {
    .entity = HD_ENTITY_ROOM,
    .hub_id = hd_context_get_hub_id (self->context),
    .search = search_text (self),
    .order_by = "name",
  };

  if (self->rooms == NULL)
    {
      self->rooms = hd_record_list_new (hd_context_get_store (self->context), &query);
      g_signal_connect_object (self->rooms, "notify::loading",
                               G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->rooms, "items-changed",
                               G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
      gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->rooms));
    }
  else
    {
      hd_record_list_set_query (self->rooms, &query);
    }

  update_state (self);
}

static void
on_search_changed (HdRoomsView *self)
{
  if (self->rooms != NULL)
    reload (self);
}

static void
on_hub_changed (HdRoomsView *self)
{
  if (self->rooms != NULL)
    reload (self);
}

static const char *
room_icon (HdRecord *room)
{
  const char *kind = hd_record_get_string (room, "kind");

  if (g_strcmp0 (kind, "coworking_area") == 0 || g_strcmp0 (kind, "office") == 0)
    return "view-grid-symbolic";
  if (g_strcmp0 (kind, "event_hall") == 0)
    return "system-users-symbolic";
  if (g_strcmp0 (kind, "maker_space") == 0 || g_strcmp0 (kind, "workshop_space") == 0)
    return "document-edit-symbolic";

  return "go-home-symbolic";
}

static char *
room_summary (HdRecord *room)
{
  gint64 capacity = hd_record_get_int (room, "capacity", 0);
  const char *kind = hd_format_enum (hd_record_get_string (room, "kind"));
  g_autofree char *seats = NULL;
  g_autofree char *count = hd_format_count (capacity);

  if (g_strcmp0 (hd_record_get_string (room, "kind"), "coworking_area") == 0)
    /* Translators: the capacity of a coworking area, e.g. "12 desks" */
    seats = g_strdup_printf (ngettext ("%s desk", "%s desks", capacity), count);
  else
    /* Translators: the capacity of a room, e.g. "40 seats" */
    seats = g_strdup_printf (ngettext ("%s seat", "%s seats", capacity), count);

  /* Translators: kind of room and its capacity, e.g. "Meeting room · 12 seats" */
  return g_strdup_printf (C_("room summary", "%s · %s"), kind, seats);
}

static void
on_row_bookings_counted (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(HdRecordRow) row = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  g_autofree char *count = NULL;
  gint64 n;

  n = hd_store_count_finish (HD_STORE (source), result, &error);
  if (error != NULL)
    return;

  count = hd_format_count (n);
  if (n == 0)
    note = g_strdup (_("Free today"));
  else
    /* Translators: bookings of a room today, e.g. "3 bookings today" */
    note = g_strdup_printf (ngettext ("%s booking today", "%s bookings today", n), count);

  hd_record_row_set_note (row, note);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  gtk_list_item_set_child (item, hd_record_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          HdRoomsView              *self)
{
  HdRecordRow *row = HD_RECORD_ROW (gtk_list_item_get_child (item));
  HdRecordObject *object = gtk_list_item_get_item (item);
  HdRecord *room = object ? hd_record_object_get_record (object) : NULL;
  g_autofree char *summary = NULL;
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;
  g_autoptr(GDateTime) now = NULL;
  GCancellable *cancellable;
  HdQuery query = { .entity = HD_ENTITY_BOOKING, .ref_field = "room_id" };

  cancellable = hd_record_row_renew_cancellable (row);

  if (room == NULL)
    {
      hd_record_row_set_loading (row);
      return;
    }

  summary = room_summary (room);
  if (hd_context_get_hub_id (self->context) == NULL)
    {
      const char *hub = hd_context_get_hub_name (self->context, hd_record_get_hub_id (room));

      /* Rooms of all hubs: many are called alike, so the hub is named. */
      if (hub != NULL)
        {
          g_autofree char *with_hub = NULL;

          /* Translators: a room's summary and its hub, e.g. "Meeting room · 12 seats · de:hub Karlsruhe" */
          with_hub = g_strdup_printf (C_("room summary", "%s · %s"), summary, hub);
          g_free (summary);
          summary = g_steal_pointer (&with_hub);
        }
    }
  hd_record_row_set (row, room_icon (room), hd_record_get_string (room, "name"), summary, NULL);

  /* What is booked today is counted for the rows on screen only. */
  now = g_date_time_new_now_utc ();
  hd_context_get_day_bounds (self->context, now, &from, &until);
  query.ref_id = hd_record_get_id (room);
  query.from = from;
  query.until = until;
  hd_store_count_async (hd_context_get_store (self->context), &query, cancellable,
                        on_row_bookings_counted, g_object_ref (row));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  hd_record_row_renew_cancellable (HD_RECORD_ROW (gtk_list_item_get_child (item)));
}

static GtkWidget *
create_booking_row (gpointer item,
                    gpointer user_data)
{
  HdRoomsView *self = HD_ROOMS_VIEW (user_data);
  HdRecord *booking = hd_record_object_get_record (HD_RECORD_OBJECT (item));
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;
  const char *title;
  const char *status;
  gint64 seats;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  if (booking == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Loading…"));
      return row;
    }

  start = hd_parse_timestamp (hd_record_get_string (booking, "starts_at"),
                              hd_context_get_timezone (self->context));
  end = hd_parse_timestamp (hd_record_get_string (booking, "ends_at"),
                            hd_context_get_timezone (self->context));
  if (start != NULL && end != NULL)
    {
      from = hd_format_time (start);
      until = hd_format_time (end);
      /* Translators: a time span on one day, e.g. "09:00 – 12:00" */
      when = g_strdup_printf (C_("time span", "%s – %s"), from, until);
    }

  title = hd_record_get_string (booking, "title");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 (title != NULL && *title != '\0') ? title : _("Booking"));

  status = hd_record_get_string (booking, "status");
  seats = hd_record_get_int (booking, "seats", 0);
  if (seats > 0)
    {
      g_autofree char *count = hd_format_count (seats);

      /* Translators: time, status and seats of a booking, e.g. "09:00 – 12:00 · Confirmed · 4 seats" */
      subtitle = g_strdup_printf (ngettext ("%s · %s · %s seat", "%s · %s · %s seats", seats),
                                  when ? when : "", hd_format_enum (status), count);
    }
  else
    {
      /* Translators: time and status of a booking, e.g. "09:00 – 12:00 · Tentative" */
      subtitle = g_strdup_printf (C_("booking", "%s · %s"), when ? when : "", hd_format_enum (status));
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  return row;
}

static void
show_room (HdRoomsView *self,
           HdRecord    *room)
{
  g_autofree char *summary = room_summary (room);
  g_autofree char *heading = NULL;
  g_autofree char *hours = NULL;
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;
  g_autoptr(GDateTime) now = NULL;
  const char *open_from = hd_record_get_string (room, "open_from");
  const char *open_until = hd_record_get_string (room, "open_until");
  AdwPreferencesGroup *group;
  GtkWidget *list;
  GtkWidget *placeholder;
  HdQuery query = {
    .entity = HD_ENTITY_BOOKING,
    .ref_field = "room_id",
    .ref_id = hd_record_get_id (room),
    .order_by = "starts_at",
  };

  g_free (self->shown_id);
  self->shown_id = g_strdup (hd_record_get_id (room));

  hd_detail_pane_clear (self->detail);
  if (hd_context_get_hub_name (self->context, hd_record_get_hub_id (room)) != NULL)
    /* Translators: a room's summary and its hub, e.g. "Meeting room · 12 seats · de:hub Karlsruhe" */
    heading = g_strdup_printf (C_("room summary", "%s · %s"), summary,
                               hd_context_get_hub_name (self->context, hd_record_get_hub_id (room)));
  hd_detail_pane_set_heading (self->detail, hd_record_get_string (room, "name"),
                              heading ? heading : summary);

  group = hd_detail_pane_add_group (self->detail, NULL);
  if (open_from != NULL && open_until != NULL)
    /* Translators: opening hours, e.g. "08:00 – 20:00" */
    hours = g_strdup_printf (C_("time span", "%s – %s"), open_from, open_until);
  hd_detail_pane_add_row (self->detail, group, _("Open"), hours);
  hd_detail_pane_add_row (self->detail, group, _("Equipment"),
                          hd_record_get_string (room, "equipment"));
  hd_detail_pane_add_row (self->detail, group, _("Notes"), hd_record_get_string (room, "notes"));
  if (hd_record_get_bool (room, "archived"))
    hd_detail_pane_add_row (self->detail, group, _("Archived"),
                            _("This room is no longer offered for bookings"));

  now = g_date_time_new_now_utc ();
  hd_context_get_day_bounds (self->context, now, &from, &until);
  query.from = from;
  query.until = until;

  g_clear_object (&self->bookings);
  self->bookings = hd_record_list_new (hd_context_get_store (self->context), &query);

  group = hd_detail_pane_add_group (self->detail, _("Booked Today"));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Booked today"),
                                  -1);
  placeholder = gtk_label_new (_("Free all day"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (list), placeholder);
  gtk_list_box_bind_model (GTK_LIST_BOX (list), G_LIST_MODEL (self->bookings),
                           create_booking_row, self, NULL);
  adw_preferences_group_add (group, list);

  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
}

static void
show_selected (HdRoomsView *self)
{
  HdRecordObject *object = gtk_single_selection_get_selected_item (self->selection);
  HdRecord *room = object ? hd_record_object_get_record (object) : NULL;

  if (room == NULL || g_strcmp0 (hd_record_get_id (room), self->shown_id) == 0)
    return;

  show_room (self, room);
}

static void
on_selected_notify (HdRoomsView *self)
{
  show_selected (self);

  if (hd_list_take_click (GTK_WIDGET (self->list_view)) &&
      adw_leaflet_get_folded (self->leaflet) && self->shown_id != NULL)
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail_stack));
}

static void
on_activate (HdRoomsView *self,
             guint        position)
{
  gtk_single_selection_set_selected (self->selection, position);
  show_selected (self);

  if (self->shown_id != NULL)
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail_stack));
}

static void
on_search_mode_notify (HdRoomsView *self)
{
  g_object_notify (G_OBJECT (self), "search-mode");
}

static void
view_back (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  hd_view_go_back (HD_VIEW (widget));
}

static gboolean
hd_rooms_view_go_back (HdView *view)
{
  HdRoomsView *self = HD_ROOMS_VIEW (view);

  if (adw_leaflet_get_folded (self->leaflet) &&
      adw_leaflet_get_visible_child (self->leaflet) != self->list_pane)
    {
      adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
      return TRUE;
    }

  return FALSE;
}

static void
hd_rooms_view_create (HdView *view)
{
  hd_view_show_toast (view, _("Rooms cannot be added in this version yet"));
}

static void
hd_rooms_view_iface_init (HdViewInterface *iface)
{
  iface->create = hd_rooms_view_create;
  iface->go_back = hd_rooms_view_go_back;
}

static void
hd_rooms_view_map (GtkWidget *widget)
{
  HdRoomsView *self = HD_ROOMS_VIEW (widget);

  GTK_WIDGET_CLASS (hd_rooms_view_parent_class)->map (widget);

  if (self->rooms == NULL)
    reload (self);
}

static void
hd_rooms_view_constructed (GObject *object)
{
  HdRoomsView *self = HD_ROOMS_VIEW (object);
  g_autoptr(GtkListItemFactory) factory = NULL;

  G_OBJECT_CLASS (hd_rooms_view_parent_class)->constructed (object);

  hd_a11y_track_leaflet (self->leaflet);
  hd_a11y_track_stack (self->list_stack);
  hd_a11y_track_stack (self->detail_stack);

  g_assert (HD_IS_CONTEXT (self->context));

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (on_selected_notify), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row), self, 0);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  hd_list_watch_clicks (GTK_WIDGET (self->list_view));
  g_signal_connect_object (self->list_view, "activate",
                           G_CALLBACK (on_activate), self, G_CONNECT_SWAPPED);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (on_search_mode_notify), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->context, "notify::hub-id",
                           G_CALLBACK (on_hub_changed), self, G_CONNECT_SWAPPED);
}

static void
hd_rooms_view_dispose (GObject *object)
{
  HdRoomsView *self = HD_ROOMS_VIEW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_ROOMS_VIEW);
  /* Children the template does not name are unparented here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->rooms);
  g_clear_object (&self->bookings);

  G_OBJECT_CLASS (hd_rooms_view_parent_class)->dispose (object);
}

static void
hd_rooms_view_finalize (GObject *object)
{
  HdRoomsView *self = HD_ROOMS_VIEW (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->shown_id, g_free);

  G_OBJECT_CLASS (hd_rooms_view_parent_class)->finalize (object);
}

static void
hd_rooms_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HdRoomsView *self = HD_ROOMS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_SEARCHABLE:
      g_value_set_boolean (value, TRUE);
      break;

    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, gtk_search_bar_get_search_mode (self->search_bar));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_rooms_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  HdRoomsView *self = HD_ROOMS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_SEARCH_MODE:
      gtk_search_bar_set_search_mode (self->search_bar, g_value_get_boolean (value));
      if (g_value_get_boolean (value))
        gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_rooms_view_class_init (HdRoomsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hd_rooms_view_constructed;
  object_class->dispose = hd_rooms_view_dispose;
  object_class->finalize = hd_rooms_view_finalize;
  object_class->get_property = hd_rooms_view_get_property;
  object_class->set_property = hd_rooms_view_set_property;

  widget_class->map = hd_rooms_view_map;

  g_object_class_override_property (object_class, PROP_CONTEXT, "context");
  g_object_class_override_property (object_class, PROP_SEARCHABLE, "searchable");
  g_object_class_override_property (object_class, PROP_SEARCH_MODE, "search-mode");

  g_type_ensure (HD_TYPE_DETAIL_PANE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/hubdesk/Hubdesk/rooms/hd-rooms-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HdRoomsView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, HdRoomsView, list_pane);
  gtk_widget_class_bind_template_child (widget_class, HdRoomsView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, HdRoomsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HdRoomsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, HdRoomsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, HdRoomsView, list_view);
  gtk_widget_class_bind_template_child (widget_class, HdRoomsView, detail_separator);
  gtk_widget_class_bind_template_child (widget_class, HdRoomsView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, HdRoomsView, detail);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);

  gtk_widget_class_install_action (widget_class, "view.back", NULL, view_back);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hdroomsview");
}

static void
hd_rooms_view_init (HdRoomsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hd_rooms_view_new (HdContext *context)
{
  return g_object_new (HD_TYPE_ROOMS_VIEW, "context", context, NULL);
}
