/* hd-rooms-view.c — the rooms of the hubs: what they are doing now, a day
 * of bookings as a timeline (or the week of one room), their use by hour
 * and weekday
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <adwaita.h>

#include "hd-view.h"
#include "hd-rooms-view.h"
#include "hd-booking-editor.h"
#include "hd-booking-move.h"
#include "hd-day-timeline.h"
#include "hd-heat-map.h"
#include "hd-room-editor.h"
#include "widgets/hd-a11y.h"
#include "widgets/hd-date-button.h"
#include "widgets/hd-detail-pane.h"
#include "widgets/hd-format.h"
#include "widgets/hd-list-state.h"
#include "widgets/hd-record-row.h"

struct _HdRoomsView
{
  GtkWidget           parent_instance;

  HdContext          *context;
  HdRecordList       *rooms;
  GtkListBox         *today_list;   /* today's bookings of the room shown */
  GCancellable       *today_cancellable;
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
  GtkStack           *mode_stack;
  GtkToggleButton    *rooms_toggle;
  GtkToggleButton    *day_toggle;
  GtkToggleButton    *use_toggle;
  GtkBox             *day_page;
  GtkBox             *use_page;

  /* the day timeline */
  HdDayTimeline      *timeline;
  GtkLabel           *day_label;
  gint64              day_start;     /* 0: today */
  GPtrArray          *day_rooms;     /* HdRecord, the rooms shown */
  GCancellable       *day_cancellable;
  guint               reload_source;
  guint               now_source;
  gboolean            day_stale;     /* of another hub than the one chosen */
  gboolean            book_when_loaded; /* a new booking asked for before the day loaded */
  GtkWidget          *previous_day;
  GtkWidget          *next_day;
  HdDateButton       *day_date;
  GtkToggleButton    *week_toggle;   /* the week of one room */
  GtkDropDown        *week_room;
  char               *week_room_id;
  GCancellable       *move_cancellable;

  /* the use by hour and weekday */
  HdHeatMap          *heat_map;
  GtkLabel           *week_label;
  GtkLabel           *use_summary;
  GtkExpander        *table_expander;
  GDate              *week_first;
  GCancellable       *use_cancellable;
};

static void hd_rooms_view_iface_init (HdViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HdRoomsView, hd_rooms_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (HD_TYPE_VIEW, hd_rooms_view_iface_init))

static void
update_state (HdRoomsView *self)
{
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;
  guint n;

  hd_list_state_update (self->list_stack, self->rooms,
                        hd_view_search_text (self->search_entry) != NULL);

  hd_list_state_update_detail (self->list_stack, GTK_WIDGET (self->detail_stack),
                               self->detail_separator);

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
    .search = hd_view_search_text (self->search_entry),
    .order_by = "name",
  };

  hd_list_state_query (&self->rooms, hd_context_get_store (self->context), &query,
                       self->selection, G_CALLBACK (update_state), self);
  update_state (self);
}

static void
on_search_changed (HdRoomsView *self)
{
  if (self->rooms != NULL)
    reload (self);
}

static void reload_shown (HdRoomsView *self);
static void reload_day (HdRoomsView *self);
static void on_edit_room (HdRoomsView *self);

static void
on_hub_changed (HdRoomsView *self)
{
  const char *mode = gtk_stack_get_visible_child_name (self->mode_stack);

  if (self->rooms != NULL)
    reload (self);
  /* the day and the week load when they are shown */
  if (g_strcmp0 (mode, "rooms") != 0)
    reload_shown (self);
  else
    self->day_stale = TRUE;
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
on_row_status (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(HdRecordRow) row = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;

  note = hd_room_status_text_finish (HD_STORE (source), result, &error);
  if (note == NULL)
    return;

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
  GCancellable *cancellable;

  cancellable = hd_record_row_renew_cancellable (row);

  if (room == NULL)
    {
      hd_record_row_track_sync (row, NULL, HD_ENTITY_ROOM, NULL);
      hd_record_row_set_loading (row);
      return;
    }

  hd_record_row_track_sync (row, self->context, HD_ENTITY_ROOM, hd_record_get_id (room));
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

  /* What the room is doing now, for the rows on screen only. */
  hd_room_status_text_async (hd_context_get_store (self->context), room,
                             g_get_real_time () / G_USEC_PER_SEC, cancellable,
                             on_row_status, g_object_ref (row));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  hd_record_row_renew_cancellable (HD_RECORD_ROW (gtk_list_item_get_child (item)));
}

/* A row of "Booked Today": one date of a booking, [@start, @end). */
static GtkWidget *
booking_row_new (HdRoomsView *self,
                 HdRecord    *booking,
                 gint64       start_time,
                 gint64       end_time)
{
  GTimeZone *tz = hd_context_get_timezone (self->context);
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GDateTime) start_utc = g_date_time_new_from_unix_utc (start_time);
  g_autoptr(GDateTime) end_utc = g_date_time_new_from_unix_utc (end_time);
  g_autoptr(GDateTime) start = g_date_time_to_timezone (start_utc, tz);
  g_autoptr(GDateTime) end = g_date_time_to_timezone (end_utc, tz);
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;
  const char *title;
  const char *status;
  gint64 seats;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  from = hd_format_time (start);
  until = hd_format_time (end);
  /* Translators: a time span on one day, e.g. "09:00 – 12:00" */
  when = g_strdup_printf (C_("time span", "%s – %s"), from, until);

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
on_today_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  HdRoomsView *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) blocks = hd_room_day_blocks_finish (HD_STORE (source), result, &error);
  GtkWidget *child;

  if (blocks == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        hd_view_show_toast (HD_VIEW (self), error->message);
      g_object_unref (self);
      return;
    }

  if (self->today_list != NULL)
    {
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->today_list))) != NULL &&
             GTK_IS_LIST_BOX_ROW (child))
        gtk_list_box_remove (self->today_list, child);
      for (guint i = 0; i < blocks->len; i++)
        {
          const HdBookingBlock *block = &g_array_index (blocks, HdBookingBlock, i);

          gtk_list_box_append (self->today_list,
                               booking_row_new (self, block->booking, block->start, block->end));
        }
    }
  g_object_unref (self);
}

/* The dates of @room's bookings today, recurring ones on their days
 * (hd_room_day_blocks(), as the timeline shows them). */
static void
load_today (HdRoomsView *self,
            HdRecord    *room)
{
  GTimeZone *tz = hd_context_get_timezone (self->context);
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(GDateTime) midnight = g_date_time_new (tz, g_date_time_get_year (now),
                                                   g_date_time_get_month (now),
                                                   g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) next = g_date_time_add_days (midnight, 1);

  g_cancellable_cancel (self->today_cancellable);
  g_clear_object (&self->today_cancellable);
  self->today_cancellable = g_cancellable_new ();
  hd_room_day_blocks_async (hd_context_get_store (self->context), room, tz,
                            g_date_time_to_unix (midnight), g_date_time_to_unix (next),
                            self->today_cancellable, on_today_loaded, g_object_ref (self));
}

static void
show_room (HdRoomsView *self,
           HdRecord    *room)
{
  g_autofree char *summary = room_summary (room);
  g_autofree char *heading = NULL;
  g_autofree char *hours = NULL;
  const char *open_from = hd_record_get_string (room, "open_from");
  const char *open_until = hd_record_get_string (room, "open_until");
  AdwPreferencesGroup *group;
  GtkWidget *list;
  GtkWidget *placeholder;

  g_free (self->shown_id);
  self->shown_id = g_strdup (hd_record_get_id (room));

  g_clear_weak_pointer (&self->today_list);
  hd_detail_pane_clear (self->detail);
  if (hd_context_get_hub_name (self->context, hd_record_get_hub_id (room)) != NULL)
    /* Translators: a room's summary and its hub, e.g. "Meeting room · 12 seats · de:hub Karlsruhe" */
    heading = g_strdup_printf (C_("room summary", "%s · %s"), summary,
                               hd_context_get_hub_name (self->context, hd_record_get_hub_id (room)));
  hd_detail_pane_set_heading (self->detail, hd_record_get_string (room, "name"),
                              heading ? heading : summary);

  group = hd_detail_pane_add_group (self->detail, NULL);
  {
    GtkWidget *edit = gtk_button_new_with_label (_("Edit Room"));

    gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
    g_signal_connect_object (edit, "clicked", G_CALLBACK (on_edit_room), self, G_CONNECT_SWAPPED);
    adw_preferences_group_set_header_suffix (group, edit);
  }
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
  adw_preferences_group_add (group, list);
  g_set_weak_pointer (&self->today_list, GTK_LIST_BOX (list));
  load_today (self, room);

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

static gboolean
hd_rooms_view_go_back (HdView *view)
{
  HdRoomsView *self = HD_ROOMS_VIEW (view);

  return hd_view_leaflet_go_back (self->leaflet, self->list_pane);
}

static void
on_editor_saved (HdRoomsView *self,
                 const char  *message)
{
  if (message != NULL)
    hd_view_show_toast (HD_VIEW (self), message);
}

static HdBookingEditor *
open_editor (HdRoomsView *self,
             HdRecord    *booking,
             gint64       occurrence_start,
             HdRecord    *room,
             gint64       start)
{
  GtkWidget *editor;

  if (self->day_rooms == NULL || self->day_rooms->len == 0)
    {
      hd_view_show_toast (HD_VIEW (self), _("There is no room to book yet"));
      return NULL;
    }

  editor = hd_booking_editor_new (hd_view_get_window (HD_VIEW (self)), self->context,
                                  self->day_rooms, booking, occurrence_start, room, start);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
  return HD_BOOKING_EDITOR (editor);
}

/* The next full hour of the day shown (of today: from now on). */
static gint64
next_slot (HdRoomsView *self)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 start = (now / 3600 + 1) * 3600;

  if (self->day_start != 0 && (start < self->day_start || start >= self->day_start + 86400))
    start = self->day_start + 9 * 3600;
  return start;
}

static void
open_room_editor (HdRoomsView *self,
                  HdRecord    *room)
{
  GtkWidget *editor = hd_room_editor_new (hd_view_get_window (HD_VIEW (self)),
                                          self->context, room);

  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_edit_room (HdRoomsView *self)
{
  HdRecordObject *object = gtk_single_selection_get_selected_item (self->selection);

  if (object != NULL)
    open_room_editor (self, hd_record_object_get_record (object));
}

static void
hd_rooms_view_create (HdView *view)
{
  HdRoomsView *self = HD_ROOMS_VIEW (view);

  /* Ctrl+N: a room in the list of rooms, a booking in the day and the week */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "rooms") == 0)
    {
      open_room_editor (self, NULL);
      return;
    }
  {
  HdRecordObject *object = gtk_single_selection_get_selected_item (self->selection);
  HdRecord *room = object ? hd_record_object_get_record (object) : NULL;

  /* in the week of a room, that room */
  if (gtk_toggle_button_get_active (self->week_toggle) && self->day_rooms != NULL)
    for (guint i = 0; i < self->day_rooms->len; i++)
      if (g_strcmp0 (hd_record_get_id (g_ptr_array_index (self->day_rooms, i)),
                     self->week_room_id) == 0)
        room = g_ptr_array_index (self->day_rooms, i);

  if (self->day_stale)
    reload_day (self);
  open_editor (self, NULL, 0, room, next_slot (self));
  }
}

/* ---- the day timeline, and the week of a room ---- */

typedef struct {
  char      *hub_id;
  GTimeZone *tz;
  gint64     day_start;
  gint64     day_end;
  gboolean   week;       /* the week of one room: its days as rows */
  char      *room_id;    /* that room, NULL: the first */
  gint64     days[8];    /* the local midnights of the week and the next Monday */
  GPtrArray *rooms;      /* out */
  GPtrArray *blocks;     /* out: GArray of HdBookingBlock per room, or per day */
  HdRecord  *room;       /* out: the room of the week */
} DayLoad;

static void
day_load_free (DayLoad *load)
{
  g_free (load->hub_id);
  g_free (load->room_id);
  g_time_zone_unref (load->tz);
  g_clear_pointer (&load->rooms, g_ptr_array_unref);
  g_clear_pointer (&load->blocks, g_ptr_array_unref);
  g_clear_pointer (&load->room, hd_record_unref);
  g_free (load);
}

static void
day_load_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  HdStore *store = HD_STORE (source_object);
  DayLoad *load = task_data;
  g_autoptr(GPtrArray) bookings = NULL;
  g_autofree char *from = hd_timestamp_format (load->day_start);
  g_autofree char *until = hd_timestamp_format (load->day_end);
  HdQuery rooms_query = { .entity = HD_ENTITY_ROOM, .hub_id = load->hub_id, .order_by = "name" };
  HdQuery bookings_query = { .entity = HD_ENTITY_BOOKING, .hub_id = load->hub_id,
                             .from = from, .until = until };
  GError *error = NULL;

  load->rooms = hd_store_query (store, &rooms_query, &error);
  if (load->rooms == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  load->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  if (load->week)
    {
      for (guint i = 0; i < load->rooms->len && load->room == NULL; i++)
        if (g_strcmp0 (hd_record_get_id (g_ptr_array_index (load->rooms, i)), load->room_id) == 0)
          load->room = hd_record_ref (g_ptr_array_index (load->rooms, i));
      if (load->room == NULL && load->rooms->len > 0)
        load->room = hd_record_ref (g_ptr_array_index (load->rooms, 0));
      if (load->room == NULL)
        {
          g_task_return_boolean (task, TRUE);
          return;
        }
      bookings = hd_rooms_load_bookings (store, hd_record_get_id (load->room), &error);
      if (bookings == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      for (guint d = 0; d < 7; d++)
        g_ptr_array_add (load->blocks, hd_room_blocks (load->room, bookings, load->tz,
                                                       load->days[d], load->days[d + 1], TRUE));
      g_task_return_boolean (task, TRUE);
      return;
    }

  bookings = hd_store_query (store, &bookings_query, &error);
  if (bookings == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < load->rooms->len; i++)
    g_ptr_array_add (load->blocks, hd_room_blocks (g_ptr_array_index (load->rooms, i), bookings,
                                                   load->tz, load->day_start, load->day_end,
                                                   TRUE));

  g_task_return_boolean (task, TRUE);
}

static gboolean
showing_week (HdRoomsView *self)
{
  return gtk_toggle_button_get_active (self->week_toggle);
}

static gboolean
same_names (GListModel *a,
            GListModel *b)
{
  guint n = a != NULL ? g_list_model_get_n_items (a) : 0;

  if (a == NULL || n != g_list_model_get_n_items (b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkStringObject) x = g_list_model_get_item (a, i);
      g_autoptr(GtkStringObject) y = g_list_model_get_item (b, i);

      if (g_strcmp0 (gtk_string_object_get_string (x), gtk_string_object_get_string (y)) != 0)
        return FALSE;
    }
  return TRUE;
}

/* The rooms to choose the week's from, the room shown chosen. */
static void
fill_week_rooms (HdRoomsView *self,
                 GPtrArray   *rooms,
                 HdRecord    *room)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = GTK_INVALID_LIST_POSITION;

  const char *room_id = room != NULL ? hd_record_get_id (room) : self->week_room_id;

  for (guint i = 0; i < rooms->len; i++)
    {
      HdRecord *r = g_ptr_array_index (rooms, i);

      gtk_string_list_append (names, hd_record_get_string (r, "name"));
      if (room_id != NULL && g_strcmp0 (hd_record_get_id (r), room_id) == 0)
        selected = i;
    }
  /* the room the week would show */
  if (selected == GTK_INVALID_LIST_POSITION && rooms->len > 0)
    selected = 0;

  g_signal_handlers_block_matched (self->week_room, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  /* the same rooms keep their list: fewer widgets replaced under a
   * screen reader */
  if (!same_names (gtk_drop_down_get_model (self->week_room), G_LIST_MODEL (names)))
    gtk_drop_down_set_model (self->week_room, G_LIST_MODEL (names));
  if (gtk_drop_down_get_selected (self->week_room) != selected)
    gtk_drop_down_set_selected (self->week_room, selected);
  g_signal_handlers_unblock_matched (self->week_room, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
}

static void
show_week (HdRoomsView *self,
           DayLoad     *load)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_timeline_row_free);

  for (guint d = 0; load->room != NULL && d < 7; d++)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (load->days[d] + 12 * 3600);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, load->tz);
      g_autofree char *day = hd_format_date (local);
      /* Translators: where a booking in the week of a room is: the day
       * and the room, e.g. "Tue, Nov 24, 2026 · Werkstatt" */
      g_autofree char *place = g_strdup_printf (C_("timeline place", "%s · %s"), day,
                                                hd_record_get_string (load->room, "name"));

      g_ptr_array_add (rows, hd_timeline_row_new (load->room, day, place, load->days[d],
                                                  load->days[d + 1],
                                                  g_ptr_array_index (load->blocks, d)));
    }

  g_free (self->week_room_id);
  self->week_room_id = load->room != NULL ? g_strdup (hd_record_get_id (load->room)) : NULL;
  fill_week_rooms (self, load->rooms, load->room);
  hd_day_timeline_set_rows (self->timeline, load->tz, rows, g_get_real_time () / G_USEC_PER_SEC);
}

static void
on_day_loaded (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  HdRoomsView *self = user_data;
  DayLoad *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        hd_view_show_toast (HD_VIEW (self), error->message);
      g_object_unref (self);
      return;
    }

  g_clear_pointer (&self->day_rooms, g_ptr_array_unref);
  self->day_rooms = g_ptr_array_ref (load->rooms);
  if (load->week)
    show_week (self, load);
  else
    {
      hd_day_timeline_set_day (self->timeline, load->tz, load->day_start, load->day_end,
                               g_get_real_time () / G_USEC_PER_SEC);
      hd_day_timeline_set_rooms (self->timeline, load->rooms, load->blocks);
      fill_week_rooms (self, load->rooms, NULL);
    }
  if (self->book_when_loaded)
    {
      self->book_when_loaded = FALSE;
      hd_rooms_view_create (HD_VIEW (self));
    }
  g_object_unref (self);
}

/* Local midnight of the day shown and of the next. */
static void
day_bounds (HdRoomsView *self,
            gint64      *out_start,
            gint64      *out_end)
{
  GTimeZone *tz = hd_context_get_timezone (self->context);
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(GDateTime) shown = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;

  if (self->day_start != 0)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (self->day_start + 12 * 3600);

      shown = g_date_time_to_timezone (utc, tz);
    }
  else
    shown = g_date_time_ref (now);

  start = g_date_time_new (tz, g_date_time_get_year (shown), g_date_time_get_month (shown),
                           g_date_time_get_day_of_month (shown), 0, 0, 0);
  end = g_date_time_add_days (start, 1);
  *out_start = g_date_time_to_unix (start);
  *out_end = g_date_time_to_unix (end);
}

/* The local midnight @days days after the one at @midnight. */
static gint64
midnight_after (GTimeZone *tz,
                gint64     midnight,
                int        days)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (midnight + 12 * 3600);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  g_autoptr(GDateTime) other = g_date_time_add_days (local, days);
  g_autoptr(GDateTime) result = g_date_time_new (tz, g_date_time_get_year (other),
                                                 g_date_time_get_month (other),
                                                 g_date_time_get_day_of_month (other), 0, 0, 0);

  return g_date_time_to_unix (result);
}

static void
reload_day (HdRoomsView *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *heading = NULL;
  DayLoad *load = g_new0 (DayLoad, 1);
  gboolean week = showing_week (self);

  self->day_stale = FALSE;

  g_cancellable_cancel (self->day_cancellable);
  g_clear_object (&self->day_cancellable);
  self->day_cancellable = g_cancellable_new ();

  load->hub_id = g_strdup (hd_context_get_hub_id (self->context));
  load->tz = g_time_zone_ref (hd_context_get_timezone (self->context));
  day_bounds (self, &load->day_start, &load->day_end);

  utc = g_date_time_new_from_unix_utc (load->day_start + 12 * 3600);
  local = g_date_time_to_timezone (utc, load->tz);
  hd_date_button_set_date (self->day_date, local);

  if (week)
    {
      g_autoptr(GDateTime) monday_utc = NULL;
      g_autoptr(GDateTime) monday = NULL;
      g_autofree char *first = NULL;
      gint64 start = midnight_after (load->tz, load->day_start,
                                     1 - g_date_time_get_day_of_week (local));

      load->week = TRUE;
      load->room_id = g_strdup (self->week_room_id);
      for (int d = 0; d < 8; d++)
        load->days[d] = midnight_after (load->tz, start, d);

      monday_utc = g_date_time_new_from_unix_utc (start + 12 * 3600);
      monday = g_date_time_to_timezone (monday_utc, load->tz);
      first = hd_format_date (monday);
      /* Translators: the week shown in the heat map, e.g. "Week of Mon, Nov 23, 2026" */
      heading = g_strdup_printf (_("Week of %s"), first);
    }
  else
    heading = hd_format_day_heading (local);
  gtk_label_set_label (self->day_label, heading);

  task = g_task_new (hd_context_get_store (self->context), self->day_cancellable, on_day_loaded,
                     g_object_ref (self));
  g_task_set_task_data (task, load, (GDestroyNotify) day_load_free);
  g_task_run_in_thread (task, day_load_thread);
}

static void
move_day (HdRoomsView *self,
          int          days)
{
  gint64 start, end;

  day_bounds (self, &start, &end);
  self->day_start = 0;
  if (days != 0)
    {
      /* the local midnight of the other day, across a change of offset */
      self->day_start = midnight_after (hd_context_get_timezone (self->context), start,
                                        showing_week (self) ? 7 * days : days);
    }
  reload_day (self);
}

static void
on_previous_day (HdRoomsView *self)
{
  move_day (self, -1);
}

static void
on_next_day (HdRoomsView *self)
{
  move_day (self, 1);
}

static void
on_today (HdRoomsView *self)
{
  move_day (self, 0);
}

static void
on_day_chosen (HdRoomsView *self)
{
  GTimeZone *tz = hd_context_get_timezone (self->context);
  GDateTime *date = hd_date_button_get_date (self->day_date);
  g_autoptr(GDateTime) midnight = NULL;

  if (date == NULL)
    return;
  midnight = g_date_time_new (tz, g_date_time_get_year (date), g_date_time_get_month (date),
                              g_date_time_get_day_of_month (date), 0, 0, 0);
  self->day_start = g_date_time_to_unix (midnight);
  reload_day (self);
}

/* Day or week: the buttons say what they move by. */
static void
update_day_buttons (HdRoomsView *self)
{
  gboolean week = showing_week (self);
  const char *previous = week ? _("Previous Week") : _("Previous Day");
  const char *next = week ? _("Next Week") : _("Next Day");

  gtk_widget_set_tooltip_text (self->previous_day, previous);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->previous_day),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, previous, -1);
  gtk_widget_set_tooltip_text (self->next_day, next);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->next_day),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, next, -1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->week_room), week);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->timeline), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  week ? _("Bookings of the week") : _("Bookings of the day"), -1);
}

static void
on_week_toggled (HdRoomsView *self)
{
  if (showing_week (self) && self->week_room_id == NULL)
    {
      /* the room chosen in the list, if any */
      HdRecordObject *object = gtk_single_selection_get_selected_item (self->selection);

      if (object != NULL)
        self->week_room_id = g_strdup (hd_record_get_id (hd_record_object_get_record (object)));
    }
  update_day_buttons (self);
  reload_day (self);
}

static void
on_week_room_selected (HdRoomsView *self)
{
  guint i = gtk_drop_down_get_selected (self->week_room);

  if (self->day_rooms == NULL || i >= self->day_rooms->len)
    return;
  g_free (self->week_room_id);
  self->week_room_id = g_strdup (hd_record_get_id (g_ptr_array_index (self->day_rooms, i)));
  if (!showing_week (self))
    gtk_toggle_button_set_active (self->week_toggle, TRUE);
  else
    reload_day (self);
}

static void
on_new_booking (HdRoomsView *self)
{
  hd_view_create (HD_VIEW (self));
}

static void
on_block_activated (HdRoomsView *self,
                    HdRecord    *booking,
                    gint64       start,
                    gint64       end)
{
  open_editor (self, booking, start, NULL, start);
}

static void
on_slot_activated (HdRoomsView *self,
                   HdRecord    *room,
                   gint64       start)
{
  open_editor (self, NULL, 0, room, start);
}

/* A span dragged over empty space: a new booking then, in the editor. */
static void
on_span_selected (HdRoomsView *self,
                  HdRecord    *room,
                  gint64       start,
                  gint64       end)
{
  HdBookingEditor *editor = open_editor (self, NULL, 0, room, start);

  if (editor != NULL)
    hd_booking_editor_set_times (editor, room, start, end, TRUE);
}

/* ---- moving a block ---- */

typedef struct {
  HdRoomsView *self;       /* a reference */
  HdRecord    *booking;
  gint64       occurrence_start;
  HdRecord    *room;
  gint64       start;
  gint64       end;
  HdMoveScope  scope;
  GPtrArray   *drafts;
} Move;

static void
move_free (Move *move)
{
  g_object_unref (move->self);
  hd_record_unref (move->booking);
  hd_record_unref (move->room);
  g_clear_pointer (&move->drafts, g_ptr_array_unref);
  g_free (move);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Move, move_free)

static void
on_move_saved (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Move) move = user_data;
  g_autoptr(GError) error = NULL;

  if (!hd_booking_save_drafts_finish (HD_STORE (source), result, &error))
    {
      hd_day_timeline_forget_moves (move->self->timeline);
      hd_view_show_toast (HD_VIEW (move->self), error->message);
      return;
    }

  /* the keyboard stays on the block where it went */
  hd_day_timeline_focus_block (move->self->timeline, hd_record_get_id (move->room), move->start);
  hd_view_show_toast (HD_VIEW (move->self), _("Booking moved"));
}

static void
on_not_free_response (AdwMessageDialog *dialog,
                      const char       *response,
                      gpointer          user_data)
{
  g_autoptr(Move) move = g_object_steal_data (G_OBJECT (dialog), "move");
  HdBookingEditor *editor;

  if (move == NULL)
    return;
  hd_day_timeline_forget_moves (move->self->timeline);
  if (g_strcmp0 (response, "editor") != 0)
    return;

  editor = open_editor (move->self, move->booking,
                        hd_booking_is_recurring (move->booking) ? move->occurrence_start : 0,
                        NULL, move->occurrence_start);
  if (editor != NULL)
    hd_booking_editor_set_times (editor, move->room, move->start, move->end,
                                 move->scope != HD_MOVE_SERIES);
}

static void
on_move_checked (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Move) move = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdRoomCheck) check = hd_room_check_draft_finish (HD_STORE (source), result, &error);
  HdRoomsView *self = move->self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (check == NULL)
    {
      hd_day_timeline_forget_moves (self->timeline);
      hd_view_show_toast (HD_VIEW (self), error->message);
      return;
    }

  if (!check->fits)
    {
      /* not saved: the warning the editor would show, and the editor */
      g_autofree char *text = hd_room_check_describe (check, hd_context_get_timezone (self->context));
      GtkWidget *dialog = hd_view_dialog_new (HD_VIEW (self), _("The Room Is Not Free Then"), text,
                                              "cancel", _("_Leave as It Was"),
                                              "editor", _("_Open Editor"),
                                              NULL);

      g_object_set_data_full (G_OBJECT (dialog), "move", g_steal_pointer (&move),
                              (GDestroyNotify) move_free);
      g_signal_connect (dialog, "response", G_CALLBACK (on_not_free_response), NULL);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  hd_booking_save_drafts_async (hd_context_get_store (self->context), move->drafts, NULL,
                                on_move_saved, move);
  move = NULL;
}

/* Checks the move with the editor's capacity check; saves it when the
 * room is free. */
static void
run_move (Move *move)
{
  HdRoomsView *self = move->self;
  g_autoptr(GError) error = NULL;

  move->drafts = hd_booking_move_drafts (move->booking, hd_context_get_timezone (self->context),
                                         move->occurrence_start, move->start, move->end,
                                         hd_record_get_id (move->room), move->scope, &error);
  if (move->drafts == NULL)
    {
      hd_day_timeline_forget_moves (self->timeline);
      hd_view_show_toast (HD_VIEW (self), error->message);
      move_free (move);
      return;
    }

  g_cancellable_cancel (self->move_cancellable);
  g_clear_object (&self->move_cancellable);
  self->move_cancellable = g_cancellable_new ();
  hd_room_check_draft_async (hd_context_get_store (self->context), move->drafts,
                             g_get_real_time () / G_USEC_PER_SEC, self->move_cancellable,
                             on_move_checked, move);
}

static void
on_scope_response (AdwMessageDialog *dialog,
                   const char       *response,
                   gpointer          user_data)
{
  Move *move = g_object_steal_data (G_OBJECT (dialog), "move");

  if (move == NULL)
    return;
  if (g_strcmp0 (response, "date") == 0)
    move->scope = HD_MOVE_THIS_DATE;
  else if (g_strcmp0 (response, "series") == 0)
    move->scope = HD_MOVE_SERIES;
  else
    {
      hd_day_timeline_forget_moves (move->self->timeline);
      move_free (move);
      return;
    }
  run_move (move);
}

static void
on_block_moved (HdRoomsView *self,
                HdRecord    *booking,
                gint64       occurrence_start,
                HdRecord    *room,
                gint64       start,
                gint64       end)
{
  Move *move = g_new0 (Move, 1);
  GtkWidget *dialog;
  const char *title;
  g_autofree char *body = NULL;

  move->self = g_object_ref (self);
  move->booking = hd_record_ref (booking);
  move->occurrence_start = occurrence_start;
  move->room = hd_record_ref (room);
  move->start = start;
  move->end = end;
  move->scope = HD_MOVE_ASK;

  if (!hd_booking_is_recurring (booking))
    {
      run_move (move);
      return;
    }

  /* a series: never all its dates without asking */
  title = hd_record_get_string (booking, "title");
  /* Translators: asked when a date of a recurring booking is moved on the timeline */
  body = g_strdup_printf (_("“%s” repeats. Move only this date, or every date of the series?"),
                          title != NULL && *title != '\0' ? title : _("Booking"));
  dialog = hd_view_dialog_new (HD_VIEW (self), _("Move a Recurring Booking"), body,
                               "cancel", _("_Cancel"),
                               "series", _("_Whole Series"),
                               "date", _("Only _This Date"),
                               NULL);
  g_object_set_data_full (G_OBJECT (dialog), "move", move, (GDestroyNotify) move_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_scope_response), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
on_now_tick (gpointer user_data)
{
  HdRoomsView *self = user_data;

  hd_day_timeline_set_now (self->timeline, g_get_real_time () / G_USEC_PER_SEC);
  return G_SOURCE_CONTINUE;
}

static GtkWidget *
icon_button (const char *icon,
             const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  return button;
}

static GtkWidget *
nav_bar (GtkWidget  *previous,
         GtkWidget  *current,
         GtkWidget  *next,
         GtkLabel  **out_label,
         GtkWidget  *extra)
{
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  /* the buttons, and the day or week on a line of its own, so that both
   * fit a narrow window */
  gtk_widget_set_margin_start (column, 12);
  gtk_widget_set_margin_end (column, 12);
  gtk_widget_set_margin_bottom (column, 6);
  gtk_box_append (GTK_BOX (bar), previous);
  gtk_box_append (GTK_BOX (bar), current);
  gtk_box_append (GTK_BOX (bar), next);
  gtk_widget_set_hexpand (spacer, TRUE);
  gtk_box_append (GTK_BOX (bar), spacer);
  if (extra != NULL)
    gtk_box_append (GTK_BOX (bar), extra);
  gtk_box_append (GTK_BOX (column), bar);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (column), label);
  *out_label = GTK_LABEL (label);
  return column;
}

static void
setup_ellipsized (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  if (user_data != NULL)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
bind_ellipsized (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       string != NULL ? gtk_string_object_get_string (string) : "");
}

/* The chosen room's name shortened with "…" where the window is narrow
 * (the list that opens shows the names in full). */
static GtkListItemFactory *
ellipsizing_factory (gboolean ellipsize)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_ellipsized),
                    ellipsize ? GINT_TO_POINTER (1) : NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_ellipsized), NULL);
  return factory;
}

static void
build_day_page (HdRoomsView *self)
{
  GtkWidget *previous = icon_button ("go-previous-symbolic", _("Previous Day"));
  GtkWidget *next = icon_button ("go-next-symbolic", _("Next Day"));
  GtkWidget *today = gtk_button_new_with_label (_("Today"));
  GtkWidget *date = hd_date_button_new (_("Choose Day"));
  GtkWidget *current = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *create = gtk_button_new_with_label (_("New Booking"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *column;
  GtkWidget *week_bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *week = gtk_toggle_button_new_with_label (_("Week of a Room"));
  GtkWidget *room = gtk_drop_down_new (G_LIST_MODEL (gtk_string_list_new (NULL)), NULL);

  self->previous_day = previous;
  self->next_day = next;
  self->day_date = HD_DATE_BUTTON (date);
  self->week_toggle = GTK_TOGGLE_BUTTON (week);
  self->week_room = GTK_DROP_DOWN (room);

  gtk_widget_add_css_class (create, "suggested-action");
  g_signal_connect_swapped (previous, "clicked", G_CALLBACK (on_previous_day), self);
  g_signal_connect_swapped (next, "clicked", G_CALLBACK (on_next_day), self);
  g_signal_connect_swapped (today, "clicked", G_CALLBACK (on_today), self);
  g_signal_connect_swapped (date, "date-chosen", G_CALLBACK (on_day_chosen), self);
  g_signal_connect_swapped (create, "clicked", G_CALLBACK (on_new_booking), self);
  gtk_box_append (GTK_BOX (current), today);
  column = nav_bar (previous, current, next, &self->day_label, create);
  gtk_box_append (GTK_BOX (week_bar), date);

  /* the week of one room, on a line of its own for narrow windows */
  gtk_widget_set_tooltip_text (week, _("The seven days of one room"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (room), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Room of the week"), -1);
  /* the button inside is what a screen reader reaches */
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (room)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Room of the week"), -1);
  gtk_widget_set_tooltip_text (room, _("Room of the week"));
  gtk_widget_set_hexpand (room, TRUE);
  gtk_widget_set_halign (room, GTK_ALIGN_START);
  {
    g_autoptr(GtkListItemFactory) shown = ellipsizing_factory (TRUE);
    g_autoptr(GtkListItemFactory) listed = ellipsizing_factory (FALSE);

    gtk_drop_down_set_factory (GTK_DROP_DOWN (room), shown);
    gtk_drop_down_set_list_factory (GTK_DROP_DOWN (room), listed);
  }
  g_signal_connect_swapped (week, "toggled", G_CALLBACK (on_week_toggled), self);
  g_signal_connect_object (room, "notify::selected", G_CALLBACK (on_week_room_selected), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (week_bar), week);
  gtk_box_append (GTK_BOX (week_bar), room);
  gtk_box_insert_child_after (GTK_BOX (column), week_bar, gtk_widget_get_first_child (column));
  gtk_box_append (self->day_page, column);

  self->timeline = HD_DAY_TIMELINE (hd_day_timeline_new ());
  g_signal_connect_object (self->timeline, "block-activated", G_CALLBACK (on_block_activated),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "slot-activated", G_CALLBACK (on_slot_activated),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "span-selected", G_CALLBACK (on_span_selected),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "block-moved", G_CALLBACK (on_block_moved),
                           self, G_CONNECT_SWAPPED);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->timeline));
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (self->day_page, scrolled);
  update_day_buttons (self);
}

/* ---- use by hour and weekday ---- */

typedef struct {
  char        *hub_id;
  GDate       *first;
  GDate       *last;
  HdOccupancy  occupancy;
  HdRoomUsage  total;
} UseLoad;

static void
use_load_free (UseLoad *load)
{
  g_free (load->hub_id);
  g_date_free (load->first);
  g_date_free (load->last);
  g_free (load);
}

static void
use_load_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  UseLoad *load = task_data;
  g_autoptr(GPtrArray) rows = NULL;
  GError *error = NULL;

  rows = hd_rooms_usage (HD_STORE (source_object), load->hub_id, load->first, load->last,
                         &load->occupancy, &error);
  if (rows == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  hd_occupancy_totals (&load->occupancy, &load->total);
  g_task_return_boolean (task, TRUE);
}

static void
on_use_loaded (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  HdRoomsView *self = user_data;
  UseLoad *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  double planned, actual;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        hd_view_show_toast (HD_VIEW (self), error->message);
      g_object_unref (self);
      return;
    }

  hd_heat_map_set_occupancy (self->heat_map, &load->occupancy);
  gtk_expander_set_child (self->table_expander, hd_heat_map_table_new (&load->occupancy));

  planned = load->total.open > 0 ? 100.0 * load->total.planned / load->total.open : 0;
  actual = load->total.open > 0 ? 100.0 * load->total.actual / load->total.open : 0;
  /* Translators: the use of the rooms in a week, e.g. "Booked: 23 % of the open seat-hours;
   * checked in: 12 %" */
  summary = g_strdup_printf (_("Booked: %.0f %% of the open seat-hours; checked in: %.0f %%"),
                             planned, actual);
  gtk_label_set_label (self->use_summary, summary);
  g_object_unref (self);
}

static void
reload_use (HdRoomsView *self)
{
  g_autoptr(GTask) task = NULL;
  UseLoad *load = g_new0 (UseLoad, 1);
  g_autoptr(GDateTime) first = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *heading = NULL;

  if (self->week_first == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now (hd_context_get_timezone (self->context));

      self->week_first = g_date_new_dmy ((GDateDay) g_date_time_get_day_of_month (now),
                                         (GDateMonth) g_date_time_get_month (now),
                                         (GDateYear) g_date_time_get_year (now));
      g_date_subtract_days (self->week_first,
                            g_date_get_weekday (self->week_first) - G_DATE_MONDAY);
    }

  g_cancellable_cancel (self->use_cancellable);
  g_clear_object (&self->use_cancellable);
  self->use_cancellable = g_cancellable_new ();

  load->hub_id = g_strdup (hd_context_get_hub_id (self->context));
  load->first = g_date_copy (self->week_first);
  load->last = g_date_copy (self->week_first);
  g_date_add_days (load->last, 6);

  first = g_date_time_new (hd_context_get_timezone (self->context),
                           g_date_get_year (load->first), g_date_get_month (load->first),
                           g_date_get_day (load->first), 12, 0, 0);
  first_text = hd_format_date (first);
  /* Translators: the week shown in the heat map, e.g. "Week of Mon, Nov 23, 2026" */
  heading = g_strdup_printf (_("Week of %s"), first_text);
  gtk_label_set_label (self->week_label, heading);

  task = g_task_new (hd_context_get_store (self->context), self->use_cancellable, on_use_loaded,
                     g_object_ref (self));
  g_task_set_task_data (task, load, (GDestroyNotify) use_load_free);
  g_task_run_in_thread (task, use_load_thread);
}

static void
move_week (HdRoomsView *self,
           int          weeks)
{
  if (weeks == 0)
    g_clear_pointer (&self->week_first, g_date_free);
  else if (weeks > 0)
    g_date_add_days (self->week_first, 7 * (guint) weeks);
  else
    g_date_subtract_days (self->week_first, 7 * (guint) -weeks);
  reload_use (self);
}

static void
on_previous_week (HdRoomsView *self)
{
  move_week (self, -1);
}

static void
on_next_week (HdRoomsView *self)
{
  move_week (self, 1);
}

static void
on_this_week (HdRoomsView *self)
{
  move_week (self, 0);
}

static void
build_use_page (HdRoomsView *self)
{
  GtkWidget *previous = icon_button ("go-previous-symbolic", _("Previous Week"));
  GtkWidget *next = icon_button ("go-next-symbolic", _("Next Week"));
  GtkWidget *current = gtk_button_new_with_label (_("This Week"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *summary = gtk_label_new (NULL);
  GtkWidget *expander = gtk_expander_new (_("Figures as a Table"));

  g_signal_connect_swapped (previous, "clicked", G_CALLBACK (on_previous_week), self);
  g_signal_connect_swapped (next, "clicked", G_CALLBACK (on_next_week), self);
  g_signal_connect_swapped (current, "clicked", G_CALLBACK (on_this_week), self);
  gtk_box_append (self->use_page, nav_bar (previous, current, next, &self->week_label, NULL));

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
  gtk_label_set_xalign (GTK_LABEL (summary), 0);
  gtk_widget_set_margin_start (summary, 12);
  gtk_widget_set_margin_end (summary, 12);
  gtk_widget_set_margin_bottom (summary, 6);
  self->use_summary = GTK_LABEL (summary);
  gtk_box_append (self->use_page, summary);

  self->heat_map = HD_HEAT_MAP (hd_heat_map_new ());
  gtk_widget_set_halign (GTK_WIDGET (self->heat_map), GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->heat_map));

  self->table_expander = GTK_EXPANDER (expander);
  gtk_box_append (GTK_BOX (box), expander);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (self->use_page, scrolled);
}

/* ---- switching and keeping up ---- */

static void
reload_shown (HdRoomsView *self)
{
  const char *mode = gtk_stack_get_visible_child_name (self->mode_stack);

  /* the rooms of the editor come with the day */
  reload_day (self);
  if (g_strcmp0 (mode, "use") == 0)
    reload_use (self);
}

/* "Booked Today" of the room shown, again */
static void
reload_today (HdRoomsView *self)
{
  HdRecordObject *object = gtk_single_selection_get_selected_item (self->selection);
  HdRecord *room = object ? hd_record_object_get_record (object) : NULL;

  if (room != NULL && self->today_list != NULL &&
      g_strcmp0 (hd_record_get_id (room), self->shown_id) == 0)
    load_today (self, room);
}

static gboolean
on_reload_timeout (gpointer user_data)
{
  HdRoomsView *self = user_data;

  self->reload_source = 0;
  reload_today (self);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "rooms") != 0)
    reload_shown (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed (HdRoomsView *self,
                  int          entity,
                  const char  *id)
{
  if (entity != HD_ENTITY_BOOKING && entity != HD_ENTITY_ROOM)
    return;
  /* the list of rooms: the day and the week load when they are shown */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "rooms") == 0)
    self->day_stale = TRUE;
  if (self->reload_source == 0)
    self->reload_source = g_timeout_add (200, on_reload_timeout, self);
}

static void
on_mode_toggled (HdRoomsView *self)
{
  if (gtk_toggle_button_get_active (self->day_toggle))
    {
      gtk_stack_set_visible_child_name (self->mode_stack, "day");
      reload_day (self);
    }
  else if (gtk_toggle_button_get_active (self->use_toggle))
    {
      gtk_stack_set_visible_child_name (self->mode_stack, "use");
      reload_use (self);
    }
  else
    gtk_stack_set_visible_child_name (self->mode_stack, "rooms");

  g_object_notify (G_OBJECT (self), "searchable");
}

/* "rooms.new-booking": from anywhere (Today's New menu), the day's
 * timeline and the booking editor, as Ctrl+N there. */
static void
new_booking_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HdRoomsView *self = HD_ROOMS_VIEW (widget);

  gtk_toggle_button_set_active (self->day_toggle, TRUE);
  if (self->day_rooms == NULL)
    self->book_when_loaded = TRUE;   /* the day is on its way */
  else
    hd_rooms_view_create (HD_VIEW (self));
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
  if (self->day_rooms == NULL)
    reload_day (self);
}

static void
hd_rooms_view_constructed (GObject *object)
{
  HdRoomsView *self = HD_ROOMS_VIEW (object);

  G_OBJECT_CLASS (hd_rooms_view_parent_class)->constructed (object);

  hd_a11y_track_leaflet (self->leaflet);
  hd_a11y_track_stack (self->list_stack);
  hd_a11y_track_stack (self->detail_stack);

  g_assert (HD_IS_CONTEXT (self->context));

  self->selection = hd_list_selection_new ();
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (on_selected_notify), self, G_CONNECT_SWAPPED);

  hd_list_view_setup (self->list_view, self->selection, G_CALLBACK (setup_row),
                      G_CALLBACK (bind_row), G_CALLBACK (unbind_row), G_CALLBACK (on_activate), self);

  hd_view_setup_search (HD_VIEW (self));

  g_signal_connect_object (self->context, "notify::hub-id",
                           G_CALLBACK (on_hub_changed), self, G_CONNECT_SWAPPED);

  hd_a11y_track_stack (self->mode_stack);
  gtk_stack_set_visible_child_name (self->mode_stack, "rooms");
  build_day_page (self);
  build_use_page (self);
  g_signal_connect_object (self->rooms_toggle, "toggled", G_CALLBACK (on_mode_toggled), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->day_toggle, "toggled", G_CALLBACK (on_mode_toggled), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->use_toggle, "toggled", G_CALLBACK (on_mode_toggled), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (hd_context_get_store (self->context), "changed",
                           G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  self->now_source = g_timeout_add_seconds (60, on_now_tick, self);
}

static void
hd_rooms_view_dispose (GObject *object)
{
  HdRoomsView *self = HD_ROOMS_VIEW (object);

  hd_view_dispose_children (GTK_WIDGET (self), HD_TYPE_ROOMS_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->rooms);
  g_cancellable_cancel (self->today_cancellable);
  g_clear_object (&self->today_cancellable);
  g_cancellable_cancel (self->move_cancellable);
  g_clear_object (&self->move_cancellable);
  g_clear_pointer (&self->week_room_id, g_free);
  g_clear_weak_pointer (&self->today_list);
  g_cancellable_cancel (self->day_cancellable);
  g_clear_object (&self->day_cancellable);
  g_cancellable_cancel (self->use_cancellable);
  g_clear_object (&self->use_cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_handle_id (&self->now_source, g_source_remove);
  g_clear_pointer (&self->day_rooms, g_ptr_array_unref);
  g_clear_pointer (&self->week_first, g_date_free);

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
hd_rooms_view_class_init (HdRoomsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hd_rooms_view_constructed;
  object_class->dispose = hd_rooms_view_dispose;
  object_class->finalize = hd_rooms_view_finalize;

  widget_class->map = hd_rooms_view_map;

  hd_view_class_install_properties (object_class,
                                    G_STRUCT_OFFSET (HdRoomsView, context),
                                    G_STRUCT_OFFSET (HdRoomsView, search_bar),
                                    G_STRUCT_OFFSET (HdRoomsView, search_entry));

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
  gtk_widget_class_bind_template_child (widget_class, HdRoomsView, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, HdRoomsView, rooms_toggle);
  gtk_widget_class_bind_template_child (widget_class, HdRoomsView, day_toggle);
  gtk_widget_class_bind_template_child (widget_class, HdRoomsView, use_toggle);
  gtk_widget_class_bind_template_child (widget_class, HdRoomsView, day_page);
  gtk_widget_class_bind_template_child (widget_class, HdRoomsView, use_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);

  gtk_widget_class_install_action (widget_class, "view.back", NULL, hd_view_back_action);
  gtk_widget_class_install_action (widget_class, "rooms.new-booking", NULL, new_booking_action);

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
