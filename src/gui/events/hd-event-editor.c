/* hd-event-editor.c — every field of an event, checked before saving
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-event-editor.h"
#include "hd-event-time.h"
#include "hd-events.h"
#include "hd-events-task.h"
#include "widgets/hd-editor-chrome.h"
#include "widgets/hd-format.h"

struct _HdEventEditor
{
  AdwWindow      parent_instance;

  HdContext     *context;
  HdRecord      *event;       /* the stored copy, or NULL for a new one */
  char          *hub_id;
  GPtrArray     *room_ids;    /* char *, index + 1 = position in room_row */
  GCancellable  *cancellable;

  GtkLabel      *error_label;
  GtkButton     *save_button;
  AdwEntryRow   *title_row;
  AdwComboRow   *format_row;
  AdwComboRow   *status_row;
  AdwEntryRow   *date_row;
  AdwEntryRow   *start_row;
  AdwEntryRow   *end_row;
  AdwEntryRow   *end_date_row;
  AdwComboRow   *room_row;
  AdwEntryRow   *location_row;
  AdwEntryRow   *url_row;
  AdwEntryRow   *capacity_row;
  AdwEntryRow   *tags_row;
  GtkTextView   *description_view;
};

G_DEFINE_FINAL_TYPE (HdEventEditor, hd_event_editor, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char * const *
enum_values (const char *field)
{
  return hd_entity_field (HD_ENTITY_EVENT, hd_entity_field_index (HD_ENTITY_EVENT, field))->values;
}

static AdwComboRow *
enum_row (const char *title,
          const char *field)
{
  const char * const *values = enum_values (field);
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

  for (guint i = 0; values[i] != NULL; i++)
    gtk_string_list_append (model, hd_format_enum (values[i]));
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  return row;
}

static void
select_enum (AdwComboRow *row,
             const char  *field,
             const char  *value)
{
  const char * const *values = enum_values (field);

  for (guint i = 0; values[i] != NULL; i++)
    if (g_strcmp0 (values[i], value) == 0)
      adw_combo_row_set_selected (row, i);
}

static AdwEntryRow *
entry_row (AdwPreferencesGroup *group,
           const char          *title)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (group, GTK_WIDGET (row));
  return row;
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static char *
get_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
clear_errors (HdEventEditor *self)
{
  GtkWidget *rows[] = {
    GTK_WIDGET (self->title_row), GTK_WIDGET (self->date_row), GTK_WIDGET (self->start_row),
    GTK_WIDGET (self->end_row), GTK_WIDGET (self->end_date_row), GTK_WIDGET (self->url_row),
    GTK_WIDGET (self->capacity_row), GTK_WIDGET (self->location_row), GTK_WIDGET (self->tags_row),
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (rows[i], "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
show_error (HdEventEditor *self,
            GtkWidget     *row,
            const char    *message)
{
  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_grab_focus (row);
    }
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static GtkWidget *
row_for_field (HdEventEditor *self,
               const char    *field)
{
  if (g_strcmp0 (field, "title") == 0)
    return GTK_WIDGET (self->title_row);
  if (g_strcmp0 (field, "starts_at") == 0)
    return GTK_WIDGET (self->start_row);
  if (g_strcmp0 (field, "ends_at") == 0)
    return GTK_WIDGET (self->end_row);
  if (g_strcmp0 (field, "online_url") == 0)
    return GTK_WIDGET (self->url_row);
  if (g_strcmp0 (field, "capacity") == 0)
    return GTK_WIDGET (self->capacity_row);
  if (g_strcmp0 (field, "location") == 0)
    return GTK_WIDGET (self->location_row);
  if (g_strcmp0 (field, "tags") == 0)
    return GTK_WIDGET (self->tags_row);
  return NULL;
}

static gpointer
save_job (HdStore   *store,
          gpointer   data,
          GError   **error)
{
  if (!hd_event_save (store, data, error))
    return NULL;
  return g_strdup (hd_record_get_id (data));
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  HdEventEditor *self = HD_EVENT_EDITOR (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = hd_events_task_finish (result, &error);

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
  if (id == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, NULL, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Reads the form into a record; NULL after showing what is wrong. */
static HdRecord *
read_form (HdEventEditor *self)
{
  g_autoptr(HdRecord) event = NULL;
  g_autofree char *title = get_text (self->title_row);
  g_autofree char *date = get_text (self->date_row);
  g_autofree char *end_date = get_text (self->end_date_row);
  g_autofree char *start = get_text (self->start_row);
  g_autofree char *end = get_text (self->end_row);
  g_autofree char *location = get_text (self->location_row);
  g_autofree char *url = get_text (self->url_row);
  g_autofree char *capacity = get_text (self->capacity_row);
  g_autofree char *tags = get_text (self->tags_row);
  g_autofree char *starts_at = NULL;
  g_autofree char *ends_at = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GError) error = NULL;
  GTimeZone *tz = hd_context_get_timezone (self->context);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkTextIter from, to;
  const char *field = NULL;
  guint room;
  int y, m, d, h, min;

  clear_errors (self);

  if (date == NULL || !hd_event_time_parse_date (date, &y, &m, &d))
    {
      show_error (self, GTK_WIDGET (self->date_row),
                  _("Enter the date as 2026-11-25 or 25.11.2026."));
      return NULL;
    }
  if (end_date != NULL && !hd_event_time_parse_date (end_date, &y, &m, &d))
    {
      show_error (self, GTK_WIDGET (self->end_date_row),
                  _("Enter the last day as 2026-11-26 or 26.11.2026, or leave it empty for a one-day event."));
      return NULL;
    }
  if (start == NULL || !hd_event_time_parse_time (start, &h, &min))
    {
      show_error (self, GTK_WIDGET (self->start_row), _("Enter the start time as 14:00."));
      return NULL;
    }
  if (end == NULL || !hd_event_time_parse_time (end, &h, &min))
    {
      show_error (self, GTK_WIDGET (self->end_row), _("Enter the end time as 17:30."));
      return NULL;
    }
  starts_at = hd_event_time_to_utc (date, start, tz);
  ends_at = hd_event_time_to_utc (end_date != NULL ? end_date : date, end, tz);
  if (starts_at == NULL || ends_at == NULL)
    {
      show_error (self, GTK_WIDGET (self->start_row), _("This time does not exist on that day."));
      return NULL;
    }

  if (capacity != NULL)
    {
      char *rest = NULL;
      gint64 places = g_ascii_strtoll (capacity, &rest, 10);

      if (rest == NULL || *rest != '\0' || places < 1)
        {
          show_error (self, GTK_WIDGET (self->capacity_row),
                      _("Places must be a whole number of at least 1, or empty for no limit."));
          return NULL;
        }
    }

  event = self->event != NULL ? hd_record_copy (self->event) : hd_record_new (HD_ENTITY_EVENT, self->hub_id);
  if (title != NULL)
    hd_record_set_string (event, "title", title);
  else
    hd_record_set_null (event, "title");
  hd_record_set_string (event, "format", enum_values ("format")[adw_combo_row_get_selected (self->format_row)]);
  hd_record_set_string (event, "status", enum_values ("status")[adw_combo_row_get_selected (self->status_row)]);
  hd_record_set_string (event, "starts_at", starts_at);
  hd_record_set_string (event, "ends_at", ends_at);
  room = adw_combo_row_get_selected (self->room_row);
  if (room > 0 && room <= self->room_ids->len)
    hd_record_set_string (event, "room_id", g_ptr_array_index (self->room_ids, room - 1));
  else
    hd_record_set_null (event, "room_id");
  if (location != NULL)
    hd_record_set_string (event, "location", location);
  else
    hd_record_set_null (event, "location");
  if (url != NULL)
    hd_record_set_string (event, "online_url", url);
  else
    hd_record_set_null (event, "online_url");
  if (capacity != NULL)
    hd_record_set_int (event, "capacity", g_ascii_strtoll (capacity, NULL, 10));
  else
    hd_record_set_null (event, "capacity");
  if (tags != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (tags, ",", -1);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) list = NULL;

      for (guint i = 0; parts[i] != NULL; i++)
        if (*g_strstrip (parts[i]) != '\0')
          g_strv_builder_add (builder, parts[i]);
      list = g_strv_builder_end (builder);
      hd_record_set_strv (event, "tags", (const char * const *) list);
    }
  else
    hd_record_set_null (event, "tags");
  gtk_text_buffer_get_bounds (buffer, &from, &to);
  description = g_strstrip (gtk_text_buffer_get_text (buffer, &from, &to, FALSE));
  if (*description != '\0')
    hd_record_set_string (event, "description", description);
  else
    hd_record_set_null (event, "description");

  if (!hd_record_validate (event, TRUE, &field, &error))
    {
      show_error (self, row_for_field (self, field), error->message);
      return NULL;
    }

  return g_steal_pointer (&event);
}

static void
on_save_clicked (HdEventEditor *self)
{
  HdRecord *event = read_form (self);

  if (event == NULL)
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  hd_events_task_run (self, hd_context_get_store (self->context), save_job,
                      event, (GDestroyNotify) hd_record_unref, g_free,
                      self->cancellable, on_saved, NULL);
}

static void
on_rooms_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  HdEventEditor *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rooms = hd_store_query_finish (HD_STORE (source), result, &error);
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  const char *current = self->event != NULL ? hd_record_get_string (self->event, "room_id") : NULL;
  guint selected = 0;

  if (rooms == NULL)
    return;

  gtk_string_list_append (model, _("No room"));
  for (guint i = 0; i < rooms->len; i++)
    {
      HdRecord *room = g_ptr_array_index (rooms, i);
      g_autofree char *label = g_strdup_printf (_("%s (%lld places)"), hd_record_get_string (room, "name"),
                                                (long long) hd_record_get_int (room, "capacity", 0));

      gtk_string_list_append (model, label);
      g_ptr_array_add (self->room_ids, g_strdup (hd_record_get_id (room)));
      if (g_strcmp0 (current, hd_record_get_id (room)) == 0)
        selected = i + 1;
    }
  adw_combo_row_set_model (self->room_row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (self->room_row, selected);
}

static void
fill_form (HdEventEditor *self)
{
  GTimeZone *tz = hd_context_get_timezone (self->context);
  HdRecord *event = self->event;
  const char * const *tags;

  if (event == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now (tz);
      g_autoptr(GDateTime) next = g_date_time_add_days (now, 7);
      g_autofree char *day = g_date_time_format (next, "%Y-%m-%d");

      set_text (self->date_row, day);
      set_text (self->start_row, "14:00");
      set_text (self->end_row, "17:00");
      select_enum (self->status_row, "status", "draft");
      return;
    }

  {
    g_autofree char *day = hd_event_time_day (hd_record_get_string (event, "starts_at"), tz);
    g_autofree char *last = hd_event_time_day (hd_record_get_string (event, "ends_at"), tz);
    g_autofree char *start = hd_event_time_clock (hd_record_get_string (event, "starts_at"), tz);
    g_autofree char *end = hd_event_time_clock (hd_record_get_string (event, "ends_at"), tz);

    set_text (self->date_row, day);
    if (g_strcmp0 (day, last) != 0)
      set_text (self->end_date_row, last);
    set_text (self->start_row, start);
    set_text (self->end_row, end);
  }

  set_text (self->title_row, hd_record_get_string (event, "title"));
  select_enum (self->format_row, "format", hd_record_get_string (event, "format"));
  select_enum (self->status_row, "status", hd_record_get_string (event, "status"));
  set_text (self->location_row, hd_record_get_string (event, "location"));
  set_text (self->url_row, hd_record_get_string (event, "online_url"));
  if (hd_record_get_int (event, "capacity", 0) > 0)
    {
      g_autofree char *places = g_strdup_printf ("%lld", (long long) hd_record_get_int (event, "capacity", 0));
      set_text (self->capacity_row, places);
    }
  tags = (const char * const *) hd_record_get_strv (event, "tags");
  if (tags != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) tags);
      set_text (self->tags_row, joined);
    }
  if (hd_record_get_string (event, "description") != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                              hd_record_get_string (event, "description"), -1);
}

static void
build (HdEventEditor *self)
{
  GtkWidget *toolbar;
  GtkWidget *page = adw_preferences_page_new ();
  AdwPreferencesGroup *group;
  GtkWidget *frame;
  GtkWidget *scrolled;

  self->save_button = GTK_BUTTON (hd_events_button_new (_("_Save")));
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save_clicked), self);
  toolbar = hd_editor_chrome_new (GTK_WINDOW (self), hd_events_button_new (_("_Cancel")),
                                  GTK_WIDGET (self->save_button));
  self->error_label = hd_editor_chrome_add_problem (toolbar);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  self->title_row = entry_row (group, _("Title"));
  self->format_row = enum_row (_("Format"), "format");
  adw_preferences_group_add (group, GTK_WIDGET (self->format_row));
  self->status_row = enum_row (_("Status"), "status");
  adw_preferences_group_add (group, GTK_WIDGET (self->status_row));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("When"));
  self->date_row = entry_row (group, _("Date"));
  self->start_row = entry_row (group, _("Starts at"));
  self->end_row = entry_row (group, _("Ends at"));
  self->end_date_row = entry_row (group, _("Last day (several days)"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Where"));
  self->room_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->room_row), _("Room"));
  {
    g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
    gtk_string_list_append (model, _("No room"));
    adw_combo_row_set_model (self->room_row, G_LIST_MODEL (model));
  }
  adw_preferences_group_add (group, GTK_WIDGET (self->room_row));
  self->location_row = entry_row (group, _("Location"));
  self->url_row = entry_row (group, _("Online link"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Details"));
  self->capacity_row = entry_row (group, _("Places"));
  self->tags_row = entry_row (group, _("Tags, separated by commas"));
  self->description_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->description_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (self->description_view, 8);
  gtk_text_view_set_bottom_margin (self->description_view, 8);
  gtk_text_view_set_left_margin (self->description_view, 8);
  gtk_text_view_set_right_margin (self->description_view, 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->description_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Description"), -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->description_view));
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 120);
  frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), scrolled);
  gtk_widget_set_margin_top (frame, 12);
  adw_preferences_group_add (group, frame);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (toolbar), page);
}

static void
hd_event_editor_dispose (GObject *object)
{
  HdEventEditor *self = HD_EVENT_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (hd_event_editor_parent_class)->dispose (object);
}

static void
hd_event_editor_finalize (GObject *object)
{
  HdEventEditor *self = HD_EVENT_EDITOR (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->event, hd_record_unref);
  g_clear_pointer (&self->hub_id, g_free);
  g_clear_pointer (&self->room_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (hd_event_editor_parent_class)->finalize (object);
}

static void
hd_event_editor_class_init (HdEventEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_event_editor_dispose;
  object_class->finalize = hd_event_editor_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hd_event_editor_init (HdEventEditor *self)
{
  self->room_ids = g_ptr_array_new_with_free_func (g_free);
  self->cancellable = g_cancellable_new ();
  build (self);
}

GtkWidget *
hd_event_editor_new (HdContext  *context,
                     GtkWindow  *parent,
                     HdRecord   *event,
                     const char *hub_id)
{
  HdEventEditor *self = g_object_new (HD_TYPE_EVENT_EDITOR,
                                      "modal", TRUE,
                                      "transient-for", parent,
                                      "default-width", 560,
                                      "default-height", 720,
                                      "title", event != NULL ? _("Edit Event") : _("New Event"),
                                      NULL);
  HdQuery rooms = { .entity = HD_ENTITY_ROOM };

  self->context = g_object_ref (context);
  self->event = event != NULL ? hd_record_ref (event) : NULL;
  self->hub_id = g_strdup (event != NULL ? hd_record_get_hub_id (event) : hub_id);
  fill_form (self);

  rooms.hub_id = self->hub_id;
  hd_store_query_async (hd_context_get_store (context), &rooms, self->cancellable, on_rooms_loaded, self);

  return GTK_WIDGET (self);
}
