/* hd-today-view.c — what happens today in the selected hubs
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three short lists from the store: today's events, today's room bookings
 * and the follow-ups of consultations that are due.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <adwaita.h>

#include "hd-view.h"
#include "hd-today-view.h"
#include "hd-window.h"
#include "widgets/hd-a11y.h"
#include "widgets/hd-format.h"

/* Today is short: more than this is a sign to use Events or Rooms. */
#define MAX_ROWS 200
/* A follow-up is shown from the day it is due for a week; it is looked
 * for among the consultations of these last days (follow-ups are set at
 * most four weeks after). */
#define FOLLOW_UP_SHOWN_DAYS 7
#define FOLLOW_UP_WINDOW_DAYS 35

struct _HdTodayView
{
  GtkWidget          parent_instance;

  HdContext         *context;
  HdRecordList      *events;
  HdRecordList      *bookings;
  HdRecordList      *interactions;
  GtkFilterListModel *follow_ups;
  GCancellable      *cancellable;
  char              *today;
  char              *week_ago;

  /* template */
  GtkStack          *stack;
  GtkLabel          *date_label;
  GtkLabel          *hub_label;
  GtkListBox        *events_list;
  GtkLabel          *events_count;
  GtkListBox        *bookings_list;
  GtkLabel          *bookings_count;
  GtkListBox        *follow_ups_list;
  GtkLabel          *follow_ups_count;
};

static void hd_today_view_iface_init (HdViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HdTodayView, hd_today_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (HD_TYPE_VIEW, hd_today_view_iface_init))

static void
set_count (GtkLabel   *label,
           GListModel *model,
           gboolean    loading)
{
  g_autofree char *count = NULL;

  if (loading)
    {
      gtk_label_set_label (label, "");
      return;
    }

  count = hd_format_count (g_list_model_get_n_items (model));
  gtk_label_set_label (label, count);
}

static void
update_state (HdTodayView *self)
{
  GListModel *hubs = hd_context_get_hubs (self->context);
  gboolean hubs_loading = hd_record_list_get_loading (HD_RECORD_LIST (hubs));

  if (hubs_loading)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else if (g_list_model_get_n_items (hubs) == 0)
    gtk_stack_set_visible_child_name (self->stack, "welcome");
  else
    gtk_stack_set_visible_child_name (self->stack, "today");

  if (self->events != NULL)
    set_count (self->events_count, G_LIST_MODEL (self->events),
               hd_record_list_get_loading (self->events));
  if (self->bookings != NULL)
    set_count (self->bookings_count, G_LIST_MODEL (self->bookings),
               hd_record_list_get_loading (self->bookings));
  if (self->follow_ups != NULL)
    set_count (self->follow_ups_count, G_LIST_MODEL (self->follow_ups),
               hd_record_list_get_loading (self->interactions) ||
               gtk_filter_list_model_get_pending (self->follow_ups) > 0);
}

static void
update_heading (HdTodayView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (hd_context_get_timezone (self->context));
  g_autofree char *heading = hd_format_day_heading (now);
  const char *hub_name = hd_context_get_hub_name (self->context,
                                                 hd_context_get_hub_id (self->context));

  gtk_label_set_label (self->date_label, heading);

  gtk_label_set_label (self->hub_label, hub_name ? hub_name : _("All my hubs"));
}

/* ---- rows ---- */

typedef struct
{
  AdwActionRow *row;
  char         *rest;     /* what follows the name in the title, or NULL */
  gboolean      title;    /* fill the title (else the subtitle) */
} NameFill;

static void
on_name_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  NameFill *fill = user_data;
  g_autoptr(HdRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  record = hd_context_get_record_finish (HD_CONTEXT (source), result, &error);
  if (record != NULL)
    {
      if (hd_record_get_entity (record) == HD_ENTITY_PERSON)
        name = hd_format_person_name (record);
      else
        name = g_strdup (hd_record_get_string (record, "name"));
    }

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && name != NULL)
    {
      if (fill->rest != NULL && *fill->rest != '\0')
        /* Translators: a name and what is about it, e.g. "Seminarraum 1 — Team meeting" */
        text = g_strdup_printf (C_("name and title", "%s — %s"), name, fill->rest);
      else
        text = g_steal_pointer (&name);

      if (fill->title)
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (fill->row), text);
      else
        adw_action_row_set_subtitle (fill->row, text);
    }

  g_object_unref (fill->row);
  g_free (fill->rest);
  g_free (fill);
}

static void
fill_name_later (HdTodayView  *self,
                 AdwActionRow *row,
                 HdEntity      entity,
                 const char   *id,
                 const char   *rest,
                 gboolean      title)
{
  NameFill *fill;

  if (id == NULL || *id == '\0')
    return;

  fill = g_new0 (NameFill, 1);
  fill->row = g_object_ref (row);
  fill->rest = g_strdup (rest);
  fill->title = title;
  hd_context_get_record_async (self->context, entity, id, self->cancellable, on_name_read, fill);
}

static GtkWidget *
new_row (const char *icon_name)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (icon_name != NULL)
    adw_action_row_set_icon_name (ADW_ACTION_ROW (row), icon_name);

  return row;
}

static char *
time_span (HdTodayView *self,
           HdRecord    *record)
{
  GTimeZone *zone = hd_context_get_timezone (self->context);
  g_autoptr(GDateTime) start = hd_parse_timestamp (hd_record_get_string (record, "starts_at"), zone);
  g_autoptr(GDateTime) end = hd_parse_timestamp (hd_record_get_string (record, "ends_at"), zone);
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;

  if (start == NULL)
    return g_strdup ("");

  /* Events over several days show their dates. */
  if (end == NULL || g_date_time_difference (end, start) >= G_TIME_SPAN_DAY)
    return hd_format_range (start, end);

  from = hd_format_time (start);
  until = hd_format_time (end);
  /* Translators: a time span on one day, e.g. "09:00 – 12:00" */
  return g_strdup_printf (C_("time span", "%s – %s"), from, until);
}

static GtkWidget *
create_event_row (gpointer item,
                  gpointer user_data)
{
  HdTodayView *self = HD_TODAY_VIEW (user_data);
  HdRecord *event = hd_record_object_get_record (HD_RECORD_OBJECT (item));
  GtkWidget *row = new_row ("x-office-calendar-symbolic");
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;
  const char *where;
  const char *status;

  if (event == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Loading…"));
      return row;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hd_record_get_string (event, "title"));

  when = time_span (self, event);
  where = hd_record_get_string (event, "location");
  status = hd_record_get_string (event, "status");
  if (g_strcmp0 (status, "published") != 0)
    /* Translators: time and status of an event, e.g. "14:00 – 17:00 · Draft" */
    subtitle = g_strdup_printf (C_("when and status", "%s · %s"), when, hd_format_enum (status));
  else if (where != NULL && *where != '\0')
    /* Translators: when and where, e.g. "14:00 – 17:00 · Reutlingen" */
    subtitle = g_strdup_printf (C_("when and where", "%s · %s"), when, where);
  else
    subtitle = g_strdup (when);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  return row;
}

static GtkWidget *
create_booking_row (gpointer item,
                    gpointer user_data)
{
  HdTodayView *self = HD_TODAY_VIEW (user_data);
  HdRecord *booking = hd_record_object_get_record (HD_RECORD_OBJECT (item));
  GtkWidget *row = new_row ("go-home-symbolic");
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;
  const char *title;

  if (booking == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Loading…"));
      return row;
    }

  title = hd_record_get_string (booking, "title");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 (title != NULL && *title != '\0') ? title : _("Booking"));
  fill_name_later (self, ADW_ACTION_ROW (row), HD_ENTITY_ROOM,
                   hd_record_get_string (booking, "room_id"), title, TRUE);

  when = time_span (self, booking);
  /* Translators: time and status of a booking, e.g. "09:00 – 12:00 · Tentative" */
  subtitle = g_strdup_printf (C_("booking", "%s · %s"), when,
                              hd_format_enum (hd_record_get_string (booking, "status")));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  return row;
}

static GtkWidget *
create_follow_up_row (gpointer item,
                      gpointer user_data)
{
  HdTodayView *self = HD_TODAY_VIEW (user_data);
  HdRecord *interaction = hd_record_object_get_record (HD_RECORD_OBJECT (item));
  GtkWidget *row = new_row ("mail-mark-important-symbolic");
  g_autofree char *due = NULL;
  g_autofree char *subtitle = NULL;
  const char *topic;
  const char *organization_id;

  if (interaction == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Loading…"));
      return row;
    }

  topic = hd_record_get_string (interaction, "topic");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 (topic != NULL && *topic != '\0') ? topic
                                   : hd_format_enum (hd_record_get_string (interaction, "kind")));

  due = hd_format_iso_date (hd_record_get_string (interaction, "follow_up_on"));
  /* Translators: kind of consultation and when the follow-up is due, e.g. "Consultation · due Wed, Nov 25, 2026" */
  subtitle = g_strdup_printf (C_("follow-up", "%s · due %s"),
                              hd_format_enum (hd_record_get_string (interaction, "kind")), due);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  organization_id = hd_record_get_string (interaction, "organization_id");
  if (organization_id != NULL && *organization_id != '\0')
    fill_name_later (self, ADW_ACTION_ROW (row), HD_ENTITY_ORGANIZATION, organization_id,
                     subtitle, FALSE);
  else
    fill_name_later (self, ADW_ACTION_ROW (row), HD_ENTITY_PERSON,
                     hd_record_get_string (interaction, "person_id"), subtitle, FALSE);

  return row;
}

static gboolean
follow_up_due (gpointer item,
               gpointer user_data)
{
  HdTodayView *self = HD_TODAY_VIEW (user_data);
  HdRecord *interaction = hd_record_object_get_record (HD_RECORD_OBJECT (item));
  const char *due;

  if (interaction == NULL)
    return FALSE;

  if (g_strcmp0 (hd_record_get_string (interaction, "outcome"), "follow_up") != 0)
    return FALSE;

  due = hd_record_get_string (interaction, "follow_up_on");

  return due != NULL && self->today != NULL && self->week_ago != NULL &&
         strcmp (due, self->today) <= 0 && strcmp (due, self->week_ago) > 0;
}

/* ---- loading ---- */

static HdRecordList *
make_list (HdTodayView   *self,
           const HdQuery *query)
{
  HdRecordList *list = hd_record_list_new (hd_context_get_store (self->context), query);

  g_signal_connect_object (list, "notify::loading",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (list, "items-changed",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);

  return list;
}

static void
reload (HdTodayView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) local = g_date_time_to_timezone (now, hd_context_get_timezone (self->context));
  g_autoptr(GDateTime) window_start = g_date_time_add_days (local, -FOLLOW_UP_WINDOW_DAYS);
  g_autoptr(GDateTime) week_ago = g_date_time_add_days (local, -FOLLOW_UP_SHOWN_DAYS);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (local, 1);
  g_autofree char *window_until = g_date_time_format (tomorrow, "%Y-%m-%d");
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;
  g_autofree char *window_from = NULL;
  const char *hub_id = hd_context_get_hub_id (self->context);
  HdQuery events = {
    .entity = HD_ENTITY_EVENT, .hub_id = hub_id, .order_by = "starts_at", .limit = MAX_ROWS,
  };
  HdQuery bookings = {
    .entity = HD_ENTITY_BOOKING, .hub_id = hub_id, .order_by = "starts_at", .limit = MAX_ROWS,
  };
  HdQuery interactions = {
    .entity = HD_ENTITY_INTERACTION, .hub_id = hub_id, .order_by = "follow_up_on",
  };

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_free (self->today);
  self->today = g_date_time_format (local, "%Y-%m-%d");
  g_free (self->week_ago);
  self->week_ago = g_date_time_format (week_ago, "%Y-%m-%d");
  hd_context_get_day_bounds (self->context, now, &from, &until);
  window_from = g_date_time_format (window_start, "%Y-%m-%d");

  events.from = bookings.from = from;
  events.until = bookings.until = until;
  interactions.from = window_from;
  /* until is exclusive: a consultation logged today counts too. */
  interactions.until = window_until;

  if (self->events == NULL)
    {
      g_autoptr(GtkCustomFilter) filter = NULL;

      self->events = make_list (self, &events);
      self->bookings = make_list (self, &bookings);
      self->interactions = make_list (self, &interactions);

      /* The store has no filter on the follow-up date: the consultations
       * of the last weeks are narrowed to those whose follow-up is due. */
      filter = gtk_custom_filter_new (follow_up_due, self, NULL);
      self->follow_ups = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->interactions)),
                                                    GTK_FILTER (g_steal_pointer (&filter)));
      gtk_filter_list_model_set_incremental (self->follow_ups, TRUE);
      g_signal_connect_object (self->follow_ups, "items-changed",
                               G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->follow_ups, "notify::pending",
                               G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);

      gtk_list_box_bind_model (self->events_list, G_LIST_MODEL (self->events),
                               create_event_row, self, NULL);
      gtk_list_box_bind_model (self->bookings_list, G_LIST_MODEL (self->bookings),
                               create_booking_row, self, NULL);
      gtk_list_box_bind_model (self->follow_ups_list, G_LIST_MODEL (self->follow_ups),
                               create_follow_up_row, self, NULL);
    }
  else
    {
      hd_record_list_set_query (self->events, &events);
      hd_record_list_set_query (self->bookings, &bookings);
      hd_record_list_set_query (self->interactions, &interactions);
    }

  update_heading (self);
  update_state (self);
}

static void
on_hub_changed (HdTodayView *self)
{
  if (self->events != NULL)
    reload (self);
  else
    update_heading (self);
}

static void
on_hubs_changed (HdTodayView *self)
{
  update_heading (self);
  update_state (self);
}

static void
hd_today_view_map (GtkWidget *widget)
{
  HdTodayView *self = HD_TODAY_VIEW (widget);
  g_autofree char *today = NULL;

  GTK_WIDGET_CLASS (hd_today_view_parent_class)->map (widget);

  /* Shown again on another day: start over. */
  today = hd_context_dup_today (self->context);
  if (self->events == NULL || g_strcmp0 (today, self->today) != 0)
    reload (self);
}

/* New (Ctrl+N) on Today: what to make, then the view that makes it,
 * with its editor open. */
static void
on_new_response (AdwMessageDialog *dialog,
                 const char       *response,
                 HdTodayView      *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *view = NULL;

  if (g_str_equal (response, "event"))
    view = "events";
  else if (g_str_equal (response, "booking"))
    view = "rooms";
  else if (g_str_equal (response, "person"))
    view = "contacts";
  if (view == NULL || !HD_IS_WINDOW (root))
    return;

  gtk_widget_activate_action (GTK_WIDGET (root), "win.show-view", "s", view);
  if (g_str_equal (view, "rooms"))
    gtk_widget_activate_action (hd_window_get_view_widget (HD_WINDOW (root), view),
                                "rooms.new-booking", NULL);
  else
    gtk_widget_activate_action (GTK_WIDGET (root), "win.new", NULL);
}

static void
hd_today_view_create (HdView *view)
{
  GtkWidget *dialog;

  dialog = hd_view_dialog_new (view, _("What Do You Want to Add?"), NULL,
                               "cancel", _("_Cancel"),
                               "person", _("_Person"),
                               "booking", _("Room _Booking"),
                               "event", _("_Event"),
                               NULL);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_new_response), view, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
hd_today_view_iface_init (HdViewInterface *iface)
{
  iface->create = hd_today_view_create;
}

static void
hd_today_view_constructed (GObject *object)
{
  HdTodayView *self = HD_TODAY_VIEW (object);
  GListModel *hubs;

  G_OBJECT_CLASS (hd_today_view_parent_class)->constructed (object);

  hd_a11y_track_stack (self->stack);

  g_assert (HD_IS_CONTEXT (self->context));

  hubs = hd_context_get_hubs (self->context);
  g_signal_connect_object (hubs, "items-changed",
                           G_CALLBACK (on_hubs_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (hubs, "notify::loading",
                           G_CALLBACK (on_hubs_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::hub-id",
                           G_CALLBACK (on_hub_changed), self, G_CONNECT_SWAPPED);
  /* after midnight "today" and the weeks are other ones: read it all again */
  g_signal_connect_object (self->context, "day-changed",
                           G_CALLBACK (on_hub_changed), self, G_CONNECT_SWAPPED);

  update_heading (self);
  update_state (self);
}

static void
hd_today_view_dispose (GObject *object)
{
  HdTodayView *self = HD_TODAY_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  hd_view_dispose_children (GTK_WIDGET (self), HD_TYPE_TODAY_VIEW);
  g_clear_object (&self->follow_ups);
  g_clear_object (&self->events);
  g_clear_object (&self->bookings);
  g_clear_object (&self->interactions);

  G_OBJECT_CLASS (hd_today_view_parent_class)->dispose (object);
}

static void
hd_today_view_finalize (GObject *object)
{
  HdTodayView *self = HD_TODAY_VIEW (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->today, g_free);
  g_clear_pointer (&self->week_ago, g_free);

  G_OBJECT_CLASS (hd_today_view_parent_class)->finalize (object);
}

static void
hd_today_view_class_init (HdTodayViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hd_today_view_constructed;
  object_class->dispose = hd_today_view_dispose;
  object_class->finalize = hd_today_view_finalize;

  widget_class->map = hd_today_view_map;

  /* Today is short enough to read; search lives in the other views. */
  hd_view_class_install_properties (object_class,
                                    G_STRUCT_OFFSET (HdTodayView, context), -1, -1);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/hubdesk/Hubdesk/today/hd-today-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HdTodayView, stack);
  gtk_widget_class_bind_template_child (widget_class, HdTodayView, date_label);
  gtk_widget_class_bind_template_child (widget_class, HdTodayView, hub_label);
  gtk_widget_class_bind_template_child (widget_class, HdTodayView, events_list);
  gtk_widget_class_bind_template_child (widget_class, HdTodayView, events_count);
  gtk_widget_class_bind_template_child (widget_class, HdTodayView, bookings_list);
  gtk_widget_class_bind_template_child (widget_class, HdTodayView, bookings_count);
  gtk_widget_class_bind_template_child (widget_class, HdTodayView, follow_ups_list);
  gtk_widget_class_bind_template_child (widget_class, HdTodayView, follow_ups_count);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hdtodayview");
}

static void
hd_today_view_init (HdTodayView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hd_today_view_new (HdContext *context)
{
  return g_object_new (HD_TYPE_TODAY_VIEW, "context", context, NULL);
}
