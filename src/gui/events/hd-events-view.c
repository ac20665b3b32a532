/* hd-events-view.c — upcoming, past and draft events, filtered by status and
 * format, with details
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <adwaita.h>

#include "hd-view.h"
#include "hd-events-view.h"
#include "hd-event-editor.h"
#include "hd-event-filter.h"
#include "hd-event-time.h"
#include "hd-event-week.h"
#include "hd-event-workspace.h"
#include "hd-events.h"
#include "hd-events-task.h"
#include "hd-events-transfer.h"
#include "hd-ical.h"
#include "widgets/hd-a11y.h"
#include "widgets/hd-detail-pane.h"
#include "widgets/hd-format.h"
#include "widgets/hd-list-state.h"
#include "widgets/hd-record-row.h"

struct _HdEventsView
{
  GtkWidget           parent_instance;

  HdContext          *context;
  HdRecordList       *events;
  GtkSingleSelection *selection;
  HdEventListMode     mode;
  char               *status_filter;   /* NULL: any status */
  char               *format_filter;   /* NULL: any format */
  char               *shown_id;
  GSimpleActionGroup *filter_actions;
  GPtrArray          *bound_items;     /* GtkListItem, not owned */
  guint               headings_source;

  /* template */
  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkFlowBox         *toolbar;
  GtkToggleButton    *upcoming_button;
  GtkToggleButton    *past_button;
  GtkToggleButton    *drafts_button;
  GtkMenuButton      *filter_button;
  GtkLabel           *filter_label;
  GtkWidget          *clear_filters_button;
  GtkLabel           *count_label;
  AdwStatusPage      *no_results_page;
  GtkWidget          *no_results_clear;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkWidget          *detail_separator;
  GtkStack           *detail_stack;
  HdDetailPane       *detail;
};

static void hd_events_view_iface_init (HdViewInterface *iface);
static void on_events_items_changed (HdEventsView *self);

G_DEFINE_FINAL_TYPE_WITH_CODE (HdEventsView, hd_events_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (HD_TYPE_VIEW, hd_events_view_iface_init))

static HdEventFilter
current_filter (HdEventsView *self)
{
  HdEventFilter filter = { self->mode, self->status_filter, self->format_filter };

  return filter;
}

/* The page of an empty result says what narrowed the list, and offers
 * to clear the filters when they did. */
static void
update_no_results (HdEventsView *self)
{
  HdEventFilter filter = current_filter (self);
  const char *status = hd_event_filter_get_status (&filter);
  gboolean filtering = hd_event_filter_is_active (&filter);

  gtk_widget_set_visible (self->no_results_clear, filtering);
  if (!filtering)
    {
      adw_status_page_set_title (self->no_results_page, _("No Results Found"));
      adw_status_page_set_description (self->no_results_page,
                                       _("Try a different search, or look under Upcoming, Past and Drafts."));
      return;
    }

  if (g_strcmp0 (status, "cancelled") == 0)
    adw_status_page_set_title (self->no_results_page, _("No Cancelled Events"));
  else if (g_strcmp0 (status, "draft") == 0)
    adw_status_page_set_title (self->no_results_page, _("No Drafts"));
  else
    adw_status_page_set_title (self->no_results_page, _("No Matching Events"));

  if (hd_view_search_text (self->search_entry) != NULL)
    adw_status_page_set_description (self->no_results_page,
                                     _("No event of this list matches both the search and the filters."));
  else
    adw_status_page_set_description (self->no_results_page,
                                     _("No event of this list matches the filters. Clear them to see all its events."));
}

static void
update_state (HdEventsView *self)
{
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;
  HdEventFilter filter = current_filter (self);
  gboolean nothing;
  guint n;

  hd_list_state_update (self->list_stack, self->events,
                        hd_view_search_text (self->search_entry) != NULL ||
                        hd_event_filter_is_active (&filter));
  update_no_results (self);
  nothing = hd_list_state_is_empty (self->list_stack) ||
            g_strcmp0 (gtk_stack_get_visible_child_name (self->list_stack), "no-results") == 0;

  hd_list_state_update_detail (self->list_stack, GTK_WIDGET (self->detail_stack),
                               self->detail_separator);
  /* nothing shown, nothing to export */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "events.export-shown",
                                 self->events != NULL && !nothing);

  if (self->events == NULL || hd_record_list_get_loading (self->events) || nothing)
    {
      gtk_label_set_label (self->count_label, "");
      return;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->events));
  count = hd_format_count (n);
  /* Translators: the number of events in the list, e.g. "1,024 events" */
  text = g_strdup_printf (ngettext ("%s event", "%s events", n), count);
  gtk_label_set_label (self->count_label, text);
}

static void
reload (HdEventsView *self)
{
  g_autofree char *today = NULL;
  g_autofree char *from = NULL;
  g_autoptr(GDateTime) now = NULL;
  HdEventFilter filter = current_filter (self);
  HdQuery query = {
    .hub_id = hd_context_get_hub_id (self->context),
    .search = hd_view_search_text (self->search_entry),
  };

  now = g_date_time_new_now_utc ();
  hd_context_get_day_bounds (self->context, now, &from, NULL);
  /* the mode, the status and the format: all of it in the store's query,
   * which Export Shown Events takes from the list as it is */
  hd_event_filter_apply (&filter, from, &query);

  if (hd_list_state_query (&self->events, hd_context_get_store (self->context), &query,
                           self->selection, G_CALLBACK (update_state), self))
    g_signal_connect_object (self->events, "items-changed",
                             G_CALLBACK (on_events_items_changed), self, G_CONNECT_SWAPPED);

  update_state (self);
}

static void
on_search_changed (HdEventsView *self)
{
  if (self->events != NULL)
    reload (self);
}

/* The filter button names what narrows the list ("Office hours"; "2
 * Filters" for a status and a format, named in full in its tooltip), and
 * a button next to it clears it. */
static void
update_filter_button (HdEventsView *self)
{
  HdEventFilter filter = current_filter (self);
  const char *status = hd_event_filter_get_status (&filter);
  const char *format = hd_event_filter_get_format (&filter);
  g_autofree char *summary = NULL;
  g_autofree char *label = NULL;
  g_autofree char *tooltip = NULL;

  /* the mode (drafts) is shown beside the button, not on it */
  {
    HdEventFilter narrowing = { HD_EVENT_LIST_UPCOMING, status, format };

    summary = hd_event_filter_describe (&narrowing);
  }
  if (status != NULL && format != NULL)
    /* Translators: on the filter button when a status and a format narrow the list */
    label = g_strdup_printf (ngettext ("%d Filter", "%d Filters", 2), 2);
  else
    label = g_strdup (summary);

  gtk_label_set_label (self->filter_label, label != NULL ? label : C_("events", "Filter"));
  if (summary != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->filter_label), "accent");
      /* Translators: tooltip of the filter button, %s the filters in effect */
      tooltip = g_strdup_printf (_("Filtered: %s"), summary);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->filter_label), "accent");
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->filter_button),
                               tooltip != NULL ? tooltip : _("Filter Events"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->filter_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  summary != NULL ? summary : _("Showing every status and format"), -1);
  gtk_widget_set_visible (self->clear_filters_button, summary != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "events.clear-filters",
                                 self->status_filter != NULL || self->format_filter != NULL);

  /* Drafts are a status of their own */
  if (self->filter_actions != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->filter_actions), "status")),
                                 self->mode != HD_EVENT_LIST_DRAFTS);
}

static void
on_mode_toggled (HdEventsView    *self,
                 GtkToggleButton *button)
{
  HdEventListMode mode;

  if (!gtk_toggle_button_get_active (button))
    return;

  if (button == self->past_button)
    mode = HD_EVENT_LIST_PAST;
  else if (button == self->drafts_button)
    mode = HD_EVENT_LIST_DRAFTS;
  else
    mode = HD_EVENT_LIST_UPCOMING;

  if (mode != self->mode)
    {
      self->mode = mode;
      update_filter_button (self);
      if (self->events != NULL)
        reload (self);
    }
}

/* "filter.status" and "filter.format": a status or a format of events,
 * "" for any (radio items of the filter menu) */
static void
on_filter_change_state (GSimpleAction *action,
                        GVariant      *state,
                        HdEventsView  *self)
{
  const char *value = g_variant_get_string (state, NULL);
  char **filter = g_str_equal (g_action_get_name (G_ACTION (action)), "status") ?
                  &self->status_filter : &self->format_filter;

  g_simple_action_set_state (action, state);
  if (*value == '\0')
    value = NULL;
  if (g_strcmp0 (*filter, value) == 0)
    return;

  g_free (*filter);
  *filter = g_strdup (value);
  update_filter_button (self);
  if (self->events != NULL)
    reload (self);
}

static void
action_clear_filters (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HdEventsView *self = HD_EVENTS_VIEW (widget);

  g_action_group_change_action_state (G_ACTION_GROUP (self->filter_actions), "status",
                                      g_variant_new_string (""));
  g_action_group_change_action_state (G_ACTION_GROUP (self->filter_actions), "format",
                                      g_variant_new_string (""));
}

/* A section of the filter menu: "Any …", then a choice per value of the
 * event's enum @field_name. */
static GMenu *
filter_section (const char *any_label,
                const char *field_name)
{
  const HdField *field = hd_entity_field (HD_ENTITY_EVENT,
                                          (guint) hd_entity_field_index (HD_ENTITY_EVENT, field_name));
  g_autofree char *action = g_strconcat ("filter.", field_name, NULL);
  g_autoptr(GMenuItem) any = g_menu_item_new (any_label, NULL);
  GMenu *section = g_menu_new ();

  g_menu_item_set_action_and_target_value (any, action, g_variant_new_string (""));
  g_menu_append_item (section, any);
  for (const char * const *value = field->values; *value != NULL; value++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (hd_enum_value_label (*value), NULL);

      g_menu_item_set_action_and_target_value (item, action, g_variant_new_string (*value));
      g_menu_append_item (section, item);
    }
  return section;
}

static void
build_filters (HdEventsView *self)
{
  static const char * const names[] = { "status", "format" };
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) status = filter_section (_("Any Status"), "status");
  g_autoptr(GMenu) format = filter_section (_("Any Format"), "format");
  g_autoptr(GMenu) clear = g_menu_new ();

  self->filter_actions = g_simple_action_group_new ();
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GSimpleAction) action =
        g_simple_action_new_stateful (names[i], G_VARIANT_TYPE_STRING, g_variant_new_string (""));

      g_signal_connect_object (action, "change-state", G_CALLBACK (on_filter_change_state), self, 0);
      g_action_map_add_action (G_ACTION_MAP (self->filter_actions), G_ACTION (action));
    }
  gtk_widget_insert_action_group (GTK_WIDGET (self), "filter", G_ACTION_GROUP (self->filter_actions));

  g_menu_append_section (menu, _("Status"), G_MENU_MODEL (status));
  g_menu_append_section (menu, _("Format"), G_MENU_MODEL (format));
  g_menu_append (clear, _("Clear Filters"), "events.clear-filters");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (clear));
  gtk_menu_button_set_menu_model (self->filter_button, G_MENU_MODEL (menu));

  update_filter_button (self);
}

static void
on_hub_changed (HdEventsView *self)
{
  if (self->events != NULL)
    reload (self);
}

static char *
event_subtitle (HdEventsView *self,
                HdRecord     *event)
{
  g_autofree char *when = NULL;
  const char *location;

  when = hd_format_timestamp_range (hd_record_get_string (event, "starts_at"),
                                    hd_record_get_string (event, "ends_at"),
                                    hd_context_get_timezone (self->context));
  location = hd_record_get_string (event, "location");

  if (location != NULL && *location != '\0')
    /* Translators: when and where, e.g. "Wed, Nov 25, 2026, 14:00 – 17:00 · Reutlingen" */
    return g_strdup_printf (C_("when and where", "%s · %s"), when, location);

  return g_steal_pointer (&when);
}

static const char *
event_icon (HdRecord *event)
{
  const char *format = hd_record_get_string (event, "format");

  if (g_strcmp0 (format, "online_seminar") == 0)
    return "camera-web-symbolic";
  if (g_strcmp0 (format, "networking") == 0 || g_strcmp0 (format, "conference") == 0)
    return "system-users-symbolic";
  if (g_strcmp0 (format, "office_hours") == 0)
    return "alarm-symbolic";

  return "x-office-calendar-symbolic";
}

/* ---- week headings ----
 *
 * GTK 4.8 lists have no section headers, so the first row of each week
 * carries the week's heading above its content: a row compares the week
 * of its event with the week of the item before it in the list (newest
 * first in Past, so the comparison is in list order). */

/* The Monday of the week @datetime is in. */
static void
monday_of (GDateTime *datetime,
           GDate     *monday)
{
  int year, month, day;

  g_date_time_get_ymd (datetime, &year, &month, &day);
  g_date_clear (monday, 1);
  g_date_set_dmy (monday, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  g_date_subtract_days (monday, (guint) (g_date_time_get_day_of_week (datetime) - 1));
}

static char *
week_heading (HdEventsView *self,
              const GDate  *monday)
{
  GTimeZone *timezone = hd_context_get_timezone (self->context);
  g_autoptr(GDateTime) now = g_date_time_new_now (timezone);
  g_autoptr(GDateTime) start = NULL;
  g_autofree char *date = NULL;
  GDate this_monday;
  int days;

  monday_of (now, &this_monday);
  days = (int) g_date_get_julian (monday) - (int) g_date_get_julian (&this_monday);
  if (days == 0)
    return g_strdup (_("This Week"));
  if (days == 7)
    return g_strdup (_("Next Week"));
  if (days == -7)
    return g_strdup (_("Last Week"));

  start = g_date_time_new (timezone, g_date_get_year (monday), g_date_get_month (monday),
                           g_date_get_day (monday), 12, 0, 0);
  /* Translators: the date of the Monday in a week heading, e.g. "November
   * 23, 2026"; see g_date_time_format() for the codes; German: "%-d. %B %Y". */
  date = g_date_time_format (start, C_("week heading", "%B %-d, %Y"));
  /* Translators: the heading of a week in the list of events, e.g. "Week of
   * November 23, 2026"; German: "Woche ab 23. November 2026". */
  return g_strdup_printf (_("Week of %s"), date);
}

/* The week of the event at @position: 0 when its record is not read
 * yet, -1 for an event without a time, else the Julian day of the Monday. */
static gint64
week_at (HdEventsView *self,
         guint         position)
{
  g_autoptr(HdRecordObject) object = g_list_model_get_item (G_LIST_MODEL (self->events), position);
  HdRecord *event = object != NULL ? hd_record_object_get_record (object) : NULL;
  g_autoptr(GDateTime) starts = NULL;
  GDate monday;

  if (event == NULL)
    return 0;
  starts = hd_parse_timestamp (hd_record_get_string (event, "starts_at"),
                               hd_context_get_timezone (self->context));
  if (starts == NULL)
    return -1;
  monday_of (starts, &monday);

  return g_date_get_julian (&monday);
}

static void
update_heading (HdEventsView *self,
                GtkListItem  *item)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkLabel *heading = GTK_LABEL (gtk_widget_get_first_child (box));
  guint position = gtk_list_item_get_position (item);
  gint64 week = 0, before = -2;

  if (self->events != NULL && position != GTK_INVALID_LIST_POSITION
      && gtk_list_item_get_item (item) != NULL)
    {
      week = week_at (self, position);
      if (week != 0 && position > 0)
        before = week_at (self, position - 1);
    }

  /* Unknown until the item before is read: no heading for now; its
   * page's items-changed checks again. */
  if (week == 0 || before == 0 || week == before)
    {
      gtk_widget_set_visible (GTK_WIDGET (heading), FALSE);
      return;
    }

  if (week < 0)
    {
      gtk_label_set_text (heading, _("No Date"));
    }
  else
    {
      g_autofree char *text = NULL;
      GDate monday;

      g_date_clear (&monday, 1);
      g_date_set_julian (&monday, (guint32) week);
      text = week_heading (self, &monday);
      gtk_label_set_text (heading, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (heading), TRUE);
}

static gboolean
update_headings_cb (gpointer user_data)
{
  HdEventsView *self = user_data;

  self->headings_source = 0;
  for (guint i = 0; i < self->bound_items->len; i++)
    update_heading (self, self->bound_items->pdata[i]);

  return G_SOURCE_REMOVE;
}

/* A change in the list can change the heading of a row after it, which
 * GtkListView does not bind again (the row after an inserted or removed
 * event, the first row after a page that was read): check the headings
 * of the rows there are once the list view has taken the change in. */
static void
on_events_items_changed (HdEventsView *self)
{
  if (self->headings_source == 0)
    self->headings_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 15,
                                             update_headings_cb, self, NULL);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *heading;

  heading = g_object_new (GTK_TYPE_LABEL,
                          "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                          "xalign", 0.0f,
                          "wrap", TRUE,
                          "visible", FALSE,
                          NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (heading),
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_add_css_class (heading, "week-heading");
  gtk_widget_set_margin_top (heading, 12);
  gtk_widget_set_margin_bottom (heading, 6);
  gtk_widget_set_margin_start (heading, 6);
  gtk_widget_set_margin_end (heading, 6);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), hd_record_row_new ());
  gtk_list_item_set_child (item, box);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            HdEventsView             *self)
{
  if (self->bound_items != NULL)
    g_ptr_array_remove_fast (self->bound_items, item);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          HdEventsView             *self)
{
  HdRecordRow *row = HD_RECORD_ROW (gtk_widget_get_last_child (gtk_list_item_get_child (item)));
  HdRecordObject *object = gtk_list_item_get_item (item);
  HdRecord *event = object ? hd_record_object_get_record (object) : NULL;
  g_autofree char *subtitle = NULL;
  const char *status;
  const char *note = NULL;

  if (self->bound_items != NULL && !g_ptr_array_find (self->bound_items, item, NULL))
    g_ptr_array_add (self->bound_items, item);
  update_heading (self, item);

  if (event == NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "dim-label");
      hd_record_row_track_sync (row, NULL, HD_ENTITY_EVENT, NULL);
      hd_record_row_set_loading (row);
      return;
    }

  hd_record_row_track_sync (row, self->context, HD_ENTITY_EVENT, hd_record_get_id (event));
  subtitle = event_subtitle (self, event);
  status = hd_record_get_string (event, "status");
  if (g_strcmp0 (status, "published") != 0)
    note = hd_format_enum (status);
  else
    note = hd_format_enum (hd_record_get_string (event, "format"));
  /* Upcoming and Past list cancelled events too: dimmed, and with
   * "Cancelled" before their time, which shows where a narrow row has no
   * room for its note */
  if (g_strcmp0 (status, "cancelled") == 0)
    {
      char *marked;

      gtk_widget_add_css_class (GTK_WIDGET (row), "dim-label");
      /* Translators: a cancelled event's status before its time and place, e.g. "Cancelled · Thu, Dec 3, …" */
      marked = g_strdup_printf (C_("cancelled event", "%s · %s"), hd_format_enum (status), subtitle);
      g_free (subtitle);
      subtitle = marked;
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "dim-label");
    }

  hd_record_row_set (row, event_icon (event),
                     hd_record_get_string (event, "title"),
                     subtitle, note);
}

typedef struct
{
  AdwActionRow *row;
  gint64        registered;
  gint64        attended;
  gint64        capacity;
  int           pending;
} Registrations;

static void
registrations_show (Registrations *regs)
{
  g_autofree char *taken = hd_format_count (regs->registered + regs->attended);
  g_autofree char *text = NULL;

  if (regs->capacity > 0)
    {
      g_autofree char *capacity = hd_format_count (regs->capacity);

      /* Translators: registrations against places, e.g. "38 of 40 places taken" */
      text = g_strdup_printf (ngettext ("%s of %s place taken", "%s of %s places taken",
                                        regs->capacity),
                              taken, capacity);
    }
  else
    {
      /* Translators: e.g. "38 registrations" */
      text = g_strdup_printf (ngettext ("%s registration", "%s registrations",
                                        regs->registered + regs->attended),
                              taken);
    }

  if (regs->attended > 0)
    {
      g_autofree char *attended = hd_format_count (regs->attended);
      g_autofree char *both = NULL;

      /* Translators: places taken, then how many came, e.g. "38 of 40 places taken, 30 attended" */
      both = g_strdup_printf (C_("registrations", "%s, %s attended"), text, attended);
      hd_detail_pane_fill_row (regs->row, both);
    }
  else
    {
      hd_detail_pane_fill_row (regs->row, text);
    }
}

static void
on_registrations_counted (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  Registrations *regs = user_data;
  gint64 count;

  count = hd_store_count_finish (HD_STORE (source), result, &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (error != NULL)
        count = 0;

      /* The first answer is the registered, the second the attended. */
      if (regs->pending == 2)
        regs->registered = count;
      else
        regs->attended = count;

      if (regs->pending == 1)
        registrations_show (regs);
    }

  if (--regs->pending == 0)
    {
      g_object_unref (regs->row);
      g_free (regs);
    }
}

static void
on_name_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AdwActionRow) row = user_data;
  g_autoptr(HdRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  record = hd_context_get_record_finish (HD_CONTEXT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (record == NULL)
    name = NULL;
  else if (hd_record_get_entity (record) == HD_ENTITY_PERSON)
    name = hd_format_person_name (record);
  else
    name = g_strdup (hd_record_get_string (record, "name"));

  hd_detail_pane_fill_row (row, name);
}

static void
add_reference_row (HdEventsView        *self,
                   AdwPreferencesGroup *group,
                   const char          *label,
                   HdEntity             entity,
                   const char          *id)
{
  AdwActionRow *row;

  if (id == NULL || *id == '\0')
    return;

  row = hd_detail_pane_add_pending_row (self->detail, group, label);
  hd_context_get_record_async (self->context, entity, id,
                               hd_detail_pane_get_cancellable (self->detail),
                               on_name_read, g_object_ref (row));
}

/* ---- planning: editor, duplicate, agenda, registrations, check-in ---- */

static HdRecord *
shown_event (HdEventsView *self)
{
  HdRecordObject *object = gtk_single_selection_get_selected_item (self->selection);
  HdRecord *event = object ? hd_record_object_get_record (object) : NULL;

  if (event == NULL || g_strcmp0 (hd_record_get_id (event), self->shown_id) != 0)
    return NULL;
  return event;
}

static void
on_event_saved (HdEventsView *self,
                const char   *id)
{
  hd_view_show_toast (HD_VIEW (self), _("Event saved"));
  g_clear_pointer (&self->shown_id, g_free);
  if (self->events != NULL)
    reload (self);
}

static void
open_editor (HdEventsView *self,
             HdRecord     *event)
{
  const char *hub_id = hd_context_get_hub_id (self->context);
  g_autoptr(GObject) first = NULL;
  GtkWidget *editor;

  if (event == NULL && hub_id == NULL)
    {
      GListModel *hubs = hd_context_get_hubs (self->context);

      first = g_list_model_get_n_items (hubs) > 0 ? g_list_model_get_item (hubs, 0) : NULL;
      if (first == NULL)
        {
          hd_view_show_toast (HD_VIEW (self), _("Make a hub first, in Preferences"));
          return;
        }
      hub_id = hd_record_get_id (hd_record_object_get_record (HD_RECORD_OBJECT (first)));
    }

  editor = hd_event_editor_new (self->context, hd_view_get_window (HD_VIEW (self)), event, hub_id);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_event_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

typedef struct {
  char *event_id;
  char *starts_at;
} Duplicate;

static void
duplicate_free (Duplicate *duplicate)
{
  g_free (duplicate->event_id);
  g_free (duplicate->starts_at);
  g_free (duplicate);
}

static gpointer
duplicate_job (HdStore   *store,
               gpointer   data,
               GError   **error)
{
  Duplicate *duplicate = data;

  return hd_event_duplicate (store, duplicate->event_id, duplicate->starts_at, error);
}

static void
on_duplicated (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  HdEventsView *self = HD_EVENTS_VIEW (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdRecord) copy = hd_events_task_finish (result, &error);
  g_autofree char *when = NULL;
  g_autofree char *message = NULL;

  if (copy == NULL)
    {
      hd_view_show_toast (HD_VIEW (self), error->message);
      return;
    }
  when = hd_format_timestamp (hd_record_get_string (copy, "starts_at"), hd_context_get_timezone (self->context));
  /* Translators: %s is the date and time of the copy */
  message = g_strdup_printf (_("Copied as a draft on %s, with its agenda"), when);
  hd_view_show_toast (HD_VIEW (self), message);
  if (self->events != NULL)
    reload (self);
}

static void
on_duplicate_response (AdwMessageDialog *dialog,
                       const char       *response,
                       HdEventsView     *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  HdRecord *event = g_object_get_data (G_OBJECT (dialog), "event");
  GTimeZone *tz = hd_context_get_timezone (self->context);
  g_autofree char *clock = NULL;
  Duplicate *duplicate;
  char *starts_at;

  if (g_strcmp0 (response, "duplicate") != 0)
    return;

  clock = hd_event_time_clock (hd_record_get_string (event, "starts_at"), tz);
  starts_at = hd_event_time_to_utc (gtk_editable_get_text (entry), clock, tz);
  if (starts_at == NULL)
    {
      hd_view_show_toast (HD_VIEW (self), _("Enter the date as 2026-11-25 or 25.11.2026."));
      return;
    }

  duplicate = g_new0 (Duplicate, 1);
  duplicate->event_id = g_strdup (hd_record_get_id (event));
  duplicate->starts_at = starts_at;
  hd_events_task_run (self, hd_context_get_store (self->context), duplicate_job, duplicate,
                      (GDestroyNotify) duplicate_free, (GDestroyNotify) hd_record_unref,
                      NULL, on_duplicated, NULL);
}

static void
open_duplicate (HdEventsView *self,
                HdRecord     *event)
{
  GtkWidget *dialog = adw_message_dialog_new (hd_view_get_window (HD_VIEW (self)),
                                              _("Duplicate to Another Date"),
                                              _("The copy starts as a draft at the same time of day, with the agenda moved along. Registrations stay with this event."));
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *day = hd_event_time_day (hd_record_get_string (event, "starts_at"),
                                            hd_context_get_timezone (self->context));

  gtk_editable_set_text (GTK_EDITABLE (entry), day);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("New date"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "duplicate", _("_Duplicate"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "duplicate", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "duplicate");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data_full (G_OBJECT (dialog), "event", hd_record_ref (event), (GDestroyNotify) hd_record_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_duplicate_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_week_clicked (HdEventsView *self)
{
  HdEventFilter filter = current_filter (self);

  gtk_window_present (GTK_WINDOW (hd_event_week_new (self->context,
                                                     hd_view_get_window (HD_VIEW (self)),
                                                     &filter)));
}

typedef struct {
  char  *event_id;
  GFile *file;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_free (job->event_id);
  g_clear_object (&job->file);
  g_free (job);
}

/* On the worker thread: the event with its agenda, written to the file. */
static gpointer
export_job (HdStore  *store,
            gpointer  data,
            GError  **error)
{
  ExportJob *job = data;
  g_autofree char *text = hd_ical_export_event (store, job->event_id, error);

  if (text == NULL)
    return NULL;
  if (!g_file_replace_contents (job->file, text, strlen (text), NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error))
    return NULL;
  return g_file_get_basename (job->file);
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  HdEventsView *self = HD_EVENTS_VIEW (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = hd_events_task_finish (result, &error);
  g_autofree char *message = NULL;

  if (name == NULL)
    /* Translators: %s is the reason, a sentence */
    message = g_strdup_printf (_("The event could not be exported. %s"), error->message);
  else
    /* Translators: %s is a file name */
    message = g_strdup_printf (_("Saved as “%s”"), name);
  hd_view_show_toast (HD_VIEW (self), message);
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    HdEventsView    *self)
{
  const char *event_id = g_object_get_data (G_OBJECT (dialog), "event-id");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      ExportJob *job = g_new0 (ExportJob, 1);

      job->event_id = g_strdup (event_id);
      job->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      hd_events_task_run (self, hd_context_get_store (self->context), export_job, job,
                          export_job_free, g_free, NULL, on_exported, NULL);
    }
  g_object_unref (dialog);
}

static void
export_event (HdEventsView *self,
              HdRecord     *event)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = g_strdup_printf ("%s.ics", hd_record_get_string (event, "title"));

  g_strdelimit (name, "/\\", '-');
  dialog = gtk_file_chooser_native_new (_("Export as iCalendar"), hd_view_get_window (HD_VIEW (self)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (filter, _("iCalendar files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_pattern (filter, "*.ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data_full (G_OBJECT (dialog), "event-id", g_strdup (hd_record_get_id (event)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_export_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_plan_row (HdEventsView *self,
             GtkButton    *button)
{
  const char *what = g_object_get_data (G_OBJECT (button), "plan");
  HdRecord *event = shown_event (self);
  GtkWidget *workspace;

  if (event == NULL)
    return;
  if (g_str_equal (what, "edit"))
    open_editor (self, event);
  else if (g_str_equal (what, "duplicate"))
    open_duplicate (self, event);
  else if (g_str_equal (what, "export"))
    export_event (self, event);
  else if (g_str_equal (what, "participants"))
    hd_events_export_participants (GTK_WIDGET (self), self->context, hd_record_get_id (event),
                                   hd_record_get_string (event, "title"));
  else
    {
      workspace = hd_event_workspace_new (self->context, hd_view_get_window (HD_VIEW (self)),
                                          hd_record_get_id (event), what);
      gtk_window_present (GTK_WINDOW (workspace));
    }
}

static void
add_plan_rows (HdEventsView        *self,
               AdwPreferencesGroup *group)
{
  static const struct {
    const char *what;
    const char *title;
    const char *icon;
  } rows[] = {
    { "edit", N_("Edit Event…"), "document-edit-symbolic" },
    { "duplicate", N_("Duplicate to Another Date…"), "edit-copy-symbolic" },
    { "agenda", N_("Agenda"), "view-list-symbolic" },
    { "registrations", N_("Registrations"), "system-users-symbolic" },
    { "check-in", N_("Check-in"), "object-select-symbolic" },
    { "export", N_("Export as iCalendar…"), "document-save-symbolic" },
    { "participants", N_("Export Participant List…"), "x-office-spreadsheet-symbolic" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("go-next-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(rows[i].title));
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), rows[i].icon);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      /* named by the row's title, which labels its activatable widget */
      g_object_set_data (G_OBJECT (button), "plan", (gpointer) rows[i].what);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_plan_row), self, G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (group, row);
    }
}

static void
show_event (HdEventsView *self,
            HdRecord     *event)
{
  g_autofree char *when = NULL;
  g_autofree char *tags = NULL;
  AdwPreferencesGroup *group;
  Registrations *regs;
  const char * const *tag_list;
  const char *status;
  gint64 capacity;
  HdStore *store = hd_context_get_store (self->context);
  HdQuery count_query = {
    .entity = HD_ENTITY_REGISTRATION,
    .ref_field = "event_id",
    .ref_id = hd_record_get_id (event),
  };

  g_free (self->shown_id);
  self->shown_id = g_strdup (hd_record_get_id (event));

  hd_detail_pane_clear (self->detail);

  when = hd_format_timestamp_range (hd_record_get_string (event, "starts_at"),
                                    hd_record_get_string (event, "ends_at"),
                                    hd_context_get_timezone (self->context));
  hd_detail_pane_set_heading (self->detail, hd_record_get_string (event, "title"), when);

  group = hd_detail_pane_add_group (self->detail, NULL);
  hd_detail_pane_add_row (self->detail, group, _("Format"),
                          hd_format_enum (hd_record_get_string (event, "format")));
  status = hd_record_get_string (event, "status");
  hd_detail_pane_add_row (self->detail, group, _("Status"), hd_format_enum (status));
  add_reference_row (self, group, _("Room"), HD_ENTITY_ROOM,
                     hd_record_get_string (event, "room_id"));
  hd_detail_pane_add_row (self->detail, group, _("Location"),
                          hd_record_get_string (event, "location"));
  hd_detail_pane_add_row (self->detail, group, _("Online"),
                          hd_record_get_string (event, "online_url"));
  add_reference_row (self, group, _("Organizer"), HD_ENTITY_PERSON,
                     hd_record_get_string (event, "organizer_id"));

  tag_list = (const char * const *) hd_record_get_strv (event, "tags");
  if (tag_list != NULL)
    {
      tags = g_strjoinv (", ", (char **) tag_list);
      hd_detail_pane_add_row (self->detail, group, _("Tags"), tags);
    }

  group = hd_detail_pane_add_group (self->detail, _("Registrations"));
  capacity = hd_record_get_int (event, "capacity", 0);
  regs = g_new0 (Registrations, 1);
  regs->row = g_object_ref (hd_detail_pane_add_pending_row (self->detail, group, _("Places")));
  regs->capacity = capacity;
  regs->pending = 2;
  count_query.status = "registered";
  hd_store_count_async (store, &count_query, hd_detail_pane_get_cancellable (self->detail),
                        on_registrations_counted, regs);
  count_query.status = "attended";
  hd_store_count_async (store, &count_query, hd_detail_pane_get_cancellable (self->detail),
                        on_registrations_counted, regs);

  add_plan_rows (self, hd_detail_pane_add_group (self->detail, _("Plan")));

  group = hd_detail_pane_add_group (self->detail, NULL);
  hd_detail_pane_add_row (self->detail, group, _("Description"),
                          hd_record_get_string (event, "description"));

  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
}

static void
on_selection_changed (HdEventsView *self)
{
  HdRecordObject *object = gtk_single_selection_get_selected_item (self->selection);
  HdRecord *event = object ? hd_record_object_get_record (object) : NULL;

  if (event == NULL || g_strcmp0 (hd_record_get_id (event), self->shown_id) == 0)
    return;

  show_event (self, event);
}

static void
on_activate (HdEventsView *self,
             guint         position)
{
  gtk_single_selection_set_selected (self->selection, position);
  on_selection_changed (self);

  if (self->shown_id != NULL)
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail_stack));
}

static void
on_selected_notify (HdEventsView *self)
{
  on_selection_changed (self);

  /* On a narrow window, clicking an event opens its details. */
  if (hd_list_take_click (GTK_WIDGET (self->list_view)) &&
      adw_leaflet_get_folded (self->leaflet) && self->shown_id != NULL)
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail_stack));
}

/* Exactly what the list shows: the query of its model. */
static void
action_export_shown (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HdEventsView *self = HD_EVENTS_VIEW (widget);

  if (self->events == NULL)
    reload (self);
  hd_events_export_shown (widget, self->context, hd_record_list_get_query (self->events));
}

/* "events.import" asks for a file; "events.import-file" takes its path
 * (hubdesk --import-calendar FILE, and the GUI tests). The events go to
 * the hub shown, else the first (none while the list of hubs loads: the
 * import then asks the store). */
static void
action_import (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HdEventsView *self = HD_EVENTS_VIEW (widget);

  hd_events_import (widget, self->context, hd_context_get_target_hub_id (self->context),
                    parameter != NULL ? g_variant_get_string (parameter, NULL) : NULL);
}

static void
hd_events_view_map (GtkWidget *widget)
{
  HdEventsView *self = HD_EVENTS_VIEW (widget);

  GTK_WIDGET_CLASS (hd_events_view_parent_class)->map (widget);

  /* The first query runs when the view is first shown, not at start. */
  if (self->events == NULL)
    reload (self);
}

static gboolean
hd_events_view_go_back (HdView *view)
{
  HdEventsView *self = HD_EVENTS_VIEW (view);

  return hd_view_leaflet_go_back (self->leaflet, self->list_pane);
}

static void
hd_events_view_create (HdView *view)
{
  open_editor (HD_EVENTS_VIEW (view), NULL);
}

static void
hd_events_view_iface_init (HdViewInterface *iface)
{
  iface->create = hd_events_view_create;
  iface->go_back = hd_events_view_go_back;
}

static void
hd_events_view_constructed (GObject *object)
{
  HdEventsView *self = HD_EVENTS_VIEW (object);

  G_OBJECT_CLASS (hd_events_view_parent_class)->constructed (object);

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
  /* after midnight "today" and the weeks are other ones: read it all again */
  g_signal_connect_object (self->context, "day-changed",
                           G_CALLBACK (on_hub_changed), self, G_CONNECT_SWAPPED);
}

static void
hd_events_view_dispose (GObject *object)
{
  HdEventsView *self = HD_EVENTS_VIEW (object);

  g_clear_handle_id (&self->headings_source, g_source_remove);
  hd_view_dispose_children (GTK_WIDGET (self), HD_TYPE_EVENTS_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->events);
  g_clear_object (&self->filter_actions);

  G_OBJECT_CLASS (hd_events_view_parent_class)->dispose (object);
}

static void
hd_events_view_finalize (GObject *object)
{
  HdEventsView *self = HD_EVENTS_VIEW (object);

  g_clear_pointer (&self->bound_items, g_ptr_array_unref);

  g_clear_object (&self->context);
  g_clear_pointer (&self->shown_id, g_free);
  g_clear_pointer (&self->status_filter, g_free);
  g_clear_pointer (&self->format_filter, g_free);

  G_OBJECT_CLASS (hd_events_view_parent_class)->finalize (object);
}

static void
hd_events_view_class_init (HdEventsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hd_events_view_constructed;
  object_class->dispose = hd_events_view_dispose;
  object_class->finalize = hd_events_view_finalize;

  widget_class->map = hd_events_view_map;

  hd_view_class_install_properties (object_class,
                                    G_STRUCT_OFFSET (HdEventsView, context),
                                    G_STRUCT_OFFSET (HdEventsView, search_bar),
                                    G_STRUCT_OFFSET (HdEventsView, search_entry));

  g_type_ensure (HD_TYPE_DETAIL_PANE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/hubdesk/Hubdesk/events/hd-events-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HdEventsView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, HdEventsView, list_pane);
  gtk_widget_class_bind_template_child (widget_class, HdEventsView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, HdEventsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HdEventsView, toolbar);
  gtk_widget_class_bind_template_child (widget_class, HdEventsView, upcoming_button);
  gtk_widget_class_bind_template_child (widget_class, HdEventsView, past_button);
  gtk_widget_class_bind_template_child (widget_class, HdEventsView, drafts_button);
  gtk_widget_class_bind_template_child (widget_class, HdEventsView, filter_button);
  gtk_widget_class_bind_template_child (widget_class, HdEventsView, filter_label);
  gtk_widget_class_bind_template_child (widget_class, HdEventsView, clear_filters_button);
  gtk_widget_class_bind_template_child (widget_class, HdEventsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, HdEventsView, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, HdEventsView, no_results_clear);
  gtk_widget_class_bind_template_child (widget_class, HdEventsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, HdEventsView, list_view);
  gtk_widget_class_bind_template_child (widget_class, HdEventsView, detail_separator);
  gtk_widget_class_bind_template_child (widget_class, HdEventsView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, HdEventsView, detail);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_week_clicked);

  gtk_widget_class_install_action (widget_class, "view.back", NULL, hd_view_back_action);
  gtk_widget_class_install_action (widget_class, "events.export-shown", NULL, action_export_shown);
  gtk_widget_class_install_action (widget_class, "events.import", NULL, action_import);
  gtk_widget_class_install_action (widget_class, "events.import-file", "s", action_import);
  gtk_widget_class_install_action (widget_class, "events.clear-filters", NULL, action_clear_filters);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hdeventsview");
}

static void
hd_events_view_init (HdEventsView *self)
{
  self->bound_items = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  build_filters (self);

  /* The toolbar's flow box only wraps its two groups onto a second line
   * in a narrow window; its cells are not stops for the keyboard. */
  for (GtkWidget *cell = gtk_widget_get_first_child (GTK_WIDGET (self->toolbar));
       cell != NULL; cell = gtk_widget_get_next_sibling (cell))
    gtk_widget_set_focusable (cell, FALSE);
}

GtkWidget *
hd_events_view_new (HdContext *context)
{
  return g_object_new (HD_TYPE_EVENTS_VIEW, "context", context, NULL);
}
