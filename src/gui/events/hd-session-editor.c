/* hd-session-editor.c — one session of an agenda: time, room, speakers
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-event-time.h"
#include "hd-events.h"
#include "hd-events-task.h"
#include "hd-person-search.h"
#include "hd-session-editor.h"
#include "widgets/hd-editor-chrome.h"

struct _HdSessionEditor
{
  AdwWindow            parent_instance;

  HdContext           *context;
  HdRecord            *event;
  HdRecord            *session;    /* NULL: new */
  GPtrArray           *room_ids;
  GPtrArray           *speaker_ids;
  GHashTable          *names;      /* id → name */
  GCancellable        *cancellable;

  GtkLabel            *error_label;
  GtkButton           *save_button;
  char                *prefill_starts;   /* a new session's time and room, or NULL */
  char                *prefill_ends;
  char                *prefill_room;
  gboolean             prefilled;

  AdwEntryRow         *title_row;
  AdwEntryRow         *date_row;
  AdwEntryRow         *start_row;
  AdwEntryRow         *end_row;
  AdwComboRow         *room_row;
  AdwEntryRow         *track_row;
  AdwPreferencesGroup *speakers_group;
  GPtrArray           *speaker_rows;
};

G_DEFINE_FINAL_TYPE (HdSessionEditor, hd_session_editor, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void show_speakers (HdSessionEditor *self);

static AdwEntryRow *
entry_row (AdwPreferencesGroup *group,
           const char          *title,
           const char          *text)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  adw_preferences_group_add (group, GTK_WIDGET (row));
  return row;
}

static char *
get_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
show_error (HdSessionEditor *self,
            GtkWidget       *row,
            const char      *message)
{
  if (row != NULL)
    gtk_widget_add_css_class (row, "error");
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
on_remove_speaker (HdSessionEditor *self,
                   GtkButton       *button)
{
  const char *id = g_object_get_data (G_OBJECT (button), "person-id");

  for (guint i = 0; i < self->speaker_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->speaker_ids, i), id))
      {
        g_ptr_array_remove_index (self->speaker_ids, i);
        break;
      }
  show_speakers (self);
}

static void
show_speakers (HdSessionEditor *self)
{
  for (guint i = 0; i < self->speaker_rows->len; i++)
    adw_preferences_group_remove (self->speakers_group, g_ptr_array_index (self->speaker_rows, i));
  g_ptr_array_set_size (self->speaker_rows, 0);

  for (guint i = 0; i < self->speaker_ids->len; i++)
    {
      const char *id = g_ptr_array_index (self->speaker_ids, i);
      const char *name = g_hash_table_lookup (self->names, id);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      g_autofree char *label = g_strdup_printf (_("Remove %s"), name != NULL ? name : _("speaker"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name != NULL ? name : _("Unknown person"));
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data_full (G_OBJECT (remove), "person-id", g_strdup (id), g_free);
      g_signal_connect_swapped (remove, "clicked", G_CALLBACK (on_remove_speaker), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_preferences_group_add (self->speakers_group, row);
      g_ptr_array_add (self->speaker_rows, row);
    }
}

static void
on_speaker_chosen (HdSessionEditor *self,
                   const char      *id,
                   const char      *name,
                   HdPersonSearch  *search)
{
  for (guint i = 0; i < self->speaker_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->speaker_ids, i), id))
      return;
  g_ptr_array_add (self->speaker_ids, g_strdup (id));
  g_hash_table_insert (self->names, g_strdup (id), g_strdup (name));
  hd_person_search_clear (search);
  show_speakers (self);
}

typedef struct {
  HdRecord *session;
  gboolean  delete;
} SaveData;

static void
save_data_free (SaveData *data)
{
  hd_record_unref (data->session);
  g_free (data);
}

static gpointer
save_job (HdStore   *store,
          gpointer   user_data,
          GError   **error)
{
  SaveData *data = user_data;

  if (data->delete)
    {
      if (!hd_store_delete (store, HD_ENTITY_SESSION, hd_record_get_id (data->session), error)
          || !hd_event_sync_bookings (store, hd_record_get_string (data->session, "event_id"), error))
        return NULL;
    }
  else if (!hd_event_save (store, data->session, error))
    return NULL;

  return GINT_TO_POINTER (1);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  HdSessionEditor *self = HD_SESSION_EDITOR (source);
  g_autoptr(GError) error = NULL;

  if (hd_events_task_finish (result, &error) == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, NULL, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
run_save (HdSessionEditor *self,
          HdRecord        *session,
          gboolean         delete)
{
  SaveData *data = g_new0 (SaveData, 1);

  data->session = session;
  data->delete = delete;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  hd_events_task_run (self, hd_context_get_store (self->context), save_job, data,
                      (GDestroyNotify) save_data_free, NULL, self->cancellable, on_saved, NULL);
}

static void
on_delete_clicked (HdSessionEditor *self)
{
  run_save (self, hd_record_ref (self->session), TRUE);
}

static void
on_save_clicked (HdSessionEditor *self)
{
  g_autoptr(HdRecord) session = NULL;
  g_autofree char *title = get_text (self->title_row);
  g_autofree char *date = get_text (self->date_row);
  g_autofree char *start = get_text (self->start_row);
  g_autofree char *end = get_text (self->end_row);
  g_autofree char *track = get_text (self->track_row);
  g_autofree char *starts_at = NULL;
  g_autofree char *ends_at = NULL;
  g_autoptr(GError) error = NULL;
  GTimeZone *tz = hd_context_get_timezone (self->context);
  const char *field = NULL;
  guint room;

  gtk_widget_remove_css_class (GTK_WIDGET (self->title_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->start_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->end_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);

  starts_at = hd_event_time_to_utc (date, start, tz);
  if (starts_at == NULL)
    {
      show_error (self, GTK_WIDGET (self->start_row),
                  _("Enter the date as 2026-11-25 or 25.11.2026 and the start time as 14:00."));
      return;
    }
  ends_at = hd_event_time_to_utc (date, end, tz);
  if (ends_at == NULL)
    {
      show_error (self, GTK_WIDGET (self->end_row), _("Enter the end time as 15:30."));
      return;
    }

  session = self->session != NULL ? hd_record_copy (self->session)
                                  : hd_record_new (HD_ENTITY_SESSION, hd_record_get_hub_id (self->event));
  hd_record_set_string (session, "event_id", hd_record_get_id (self->event));
  if (title != NULL)
    hd_record_set_string (session, "title", title);
  else
    hd_record_set_null (session, "title");
  hd_record_set_string (session, "starts_at", starts_at);
  hd_record_set_string (session, "ends_at", ends_at);
  room = adw_combo_row_get_selected (self->room_row);
  if (room > 0 && room <= self->room_ids->len)
    hd_record_set_string (session, "room_id", g_ptr_array_index (self->room_ids, room - 1));
  else
    hd_record_set_null (session, "room_id");
  if (track != NULL)
    hd_record_set_string (session, "track", track);
  else
    hd_record_set_null (session, "track");
  if (self->speaker_ids->len > 0)
    {
      g_ptr_array_add (self->speaker_ids, NULL);
      hd_record_set_strv (session, "speaker_ids", (const char * const *) self->speaker_ids->pdata);
      g_ptr_array_remove_index (self->speaker_ids, self->speaker_ids->len - 1);
    }
  else
    hd_record_set_null (session, "speaker_ids");

  if (!hd_record_validate (session, TRUE, &field, &error))
    {
      show_error (self, g_strcmp0 (field, "title") == 0 ? GTK_WIDGET (self->title_row)
                        : GTK_WIDGET (self->end_row), error->message);
      return;
    }
  if (!hd_check_session_in_event (session, self->event, &error))
    {
      show_error (self, GTK_WIDGET (self->start_row), error->message);
      return;
    }

  run_save (self, g_steal_pointer (&session), FALSE);
}

static void
build (HdSessionEditor *self,
       GPtrArray       *rooms)
{
  GTimeZone *tz = hd_context_get_timezone (self->context);
  HdRecord *s = self->session;
  const char *starts = s != NULL ? hd_record_get_string (s, "starts_at")
                     : self->prefilled ? self->prefill_starts : hd_record_get_string (self->event, "starts_at");
  const char *ends = s != NULL ? hd_record_get_string (s, "ends_at") : self->prefilled ? self->prefill_ends : NULL;
  g_autofree char *day = hd_event_time_day (starts, tz);
  g_autofree char *start = hd_event_time_clock (starts, tz);
  g_autofree char *end = ends != NULL ? hd_event_time_clock (ends, tz) : NULL;
  const char *room_id = s != NULL ? hd_record_get_string (s, "room_id")
                      : self->prefilled ? self->prefill_room : hd_record_get_string (self->event, "room_id");
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  GtkWidget *box;
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *search;
  AdwPreferencesGroup *group;

  if (end == NULL)
    {
      gint64 t = 0;
      g_autofree char *later = NULL;

      hd_timestamp_parse (starts, &t);
      later = hd_timestamp_format (t + 3600);
      end = hd_event_time_clock (later, tz);
    }

  self->save_button = GTK_BUTTON (hd_events_button_new (_("_Save")));
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save_clicked), self);
  box = hd_editor_chrome_new (GTK_WINDOW (self), hd_events_button_new (_("_Cancel")),
                              GTK_WIDGET (self->save_button));
  self->error_label = hd_editor_chrome_add_problem (box);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  self->title_row = entry_row (group, _("Title"), s != NULL ? hd_record_get_string (s, "title") : NULL);
  self->date_row = entry_row (group, _("Date"), day);
  self->start_row = entry_row (group, _("Starts at"), start);
  self->end_row = entry_row (group, _("Ends at"), end);
  self->room_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->room_row), _("Room"));
  gtk_string_list_append (model, _("No room"));
  for (guint i = 0; rooms != NULL && i < rooms->len; i++)
    {
      HdRecord *room = g_ptr_array_index (rooms, i);

      gtk_string_list_append (model, hd_record_get_string (room, "name"));
      g_ptr_array_add (self->room_ids, g_strdup (hd_record_get_id (room)));
    }
  adw_combo_row_set_model (self->room_row, G_LIST_MODEL (model));
  for (guint i = 0; i < self->room_ids->len; i++)
    if (g_strcmp0 (room_id, g_ptr_array_index (self->room_ids, i)) == 0)
      adw_combo_row_set_selected (self->room_row, i + 1);
  adw_preferences_group_add (group, GTK_WIDGET (self->room_row));
  self->track_row = entry_row (group, _("Track"), s != NULL ? hd_record_get_string (s, "track") : NULL);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  self->speakers_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->speakers_group, _("Speakers"));
  search = hd_person_search_new (self->context, hd_record_get_hub_id (self->event), _("Find a speaker"));
  g_signal_connect_swapped (search, "person-chosen", G_CALLBACK (on_speaker_chosen), self);
  gtk_widget_set_margin_bottom (search, 12);
  adw_preferences_group_add (self->speakers_group, search);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->speakers_group);

  if (s != NULL)
    {
      GtkWidget *delete = hd_events_button_new (_("_Delete Session"));

      gtk_widget_add_css_class (delete, "destructive-action");
      gtk_widget_set_halign (delete, GTK_ALIGN_CENTER);
      g_signal_connect_swapped (delete, "clicked", G_CALLBACK (on_delete_clicked), self);
      group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_add (group, delete);
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);
    }

  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  show_speakers (self);
}

static void
hd_session_editor_dispose (GObject *object)
{
  HdSessionEditor *self = HD_SESSION_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (hd_session_editor_parent_class)->dispose (object);
}

static void
hd_session_editor_finalize (GObject *object)
{
  HdSessionEditor *self = HD_SESSION_EDITOR (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->event, hd_record_unref);
  g_clear_pointer (&self->session, hd_record_unref);
  g_clear_pointer (&self->room_ids, g_ptr_array_unref);
  g_clear_pointer (&self->speaker_ids, g_ptr_array_unref);
  g_clear_pointer (&self->speaker_rows, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->prefill_starts, g_free);
  g_clear_pointer (&self->prefill_ends, g_free);
  g_clear_pointer (&self->prefill_room, g_free);

  G_OBJECT_CLASS (hd_session_editor_parent_class)->finalize (object);
}

static void
hd_session_editor_class_init (HdSessionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_session_editor_dispose;
  object_class->finalize = hd_session_editor_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hd_session_editor_init (HdSessionEditor *self)
{
  self->room_ids = g_ptr_array_new_with_free_func (g_free);
  self->speaker_ids = g_ptr_array_new_with_free_func (g_free);
  self->speaker_rows = g_ptr_array_new ();
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
hd_session_editor_new (HdContext  *context,
                       GtkWindow  *parent,
                       HdRecord   *event,
                       HdRecord   *session,
                       GPtrArray  *rooms,
                       GHashTable *names)
{
  HdSessionEditor *self = g_object_new (HD_TYPE_SESSION_EDITOR,
                                        "modal", TRUE,
                                        "transient-for", parent,
                                        "default-width", 520,
                                        "default-height", 640,
                                        "title", session != NULL ? _("Edit Session") : _("New Session"),
                                        NULL);
  const char **speakers = session != NULL ? hd_record_get_strv (session, "speaker_ids") : NULL;

  self->context = g_object_ref (context);
  self->event = hd_record_ref (event);
  self->session = session != NULL ? hd_record_ref (session) : NULL;
  for (guint i = 0; speakers != NULL && speakers[i] != NULL; i++)
    {
      const char *name = names != NULL ? g_hash_table_lookup (names, speakers[i]) : NULL;

      g_ptr_array_add (self->speaker_ids, g_strdup (speakers[i]));
      if (name != NULL)
        g_hash_table_insert (self->names, g_strdup (speakers[i]), g_strdup (name));
    }
  build (self, rooms);

  return GTK_WIDGET (self);
}

GtkWidget *
hd_session_editor_new_at (HdContext  *context,
                          GtkWindow  *parent,
                          HdRecord   *event,
                          GPtrArray  *rooms,
                          const char *starts_at,
                          const char *ends_at,
                          const char *room_id)
{
  HdSessionEditor *self = g_object_new (HD_TYPE_SESSION_EDITOR,
                                        "modal", TRUE,
                                        "transient-for", parent,
                                        "default-width", 520,
                                        "default-height", 640,
                                        "title", _("New Session"),
                                        NULL);

  self->context = g_object_ref (context);
  self->event = hd_record_ref (event);
  self->prefilled = TRUE;
  self->prefill_starts = g_strdup (starts_at);
  self->prefill_ends = g_strdup (ends_at);
  self->prefill_room = g_strdup (room_id);
  build (self, rooms);

  return GTK_WIDGET (self);
}
