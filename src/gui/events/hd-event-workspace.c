/* hd-event-workspace.c — one event's agenda, registrations and check-in
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything shown comes from one snapshot read on a worker thread (the
 * event, its sessions and warnings, its registrations with names, the
 * hub's rooms); a change of any of these in the store, by this window or
 * by a sync, reads a new one. The check-in list filters the snapshot as
 * you type, without asking the store.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "hd-agenda.h"
#include "hd-agenda-grid.h"
#include "hd-agenda-layout.h"
#include "hd-event-time.h"
#include "hd-event-workspace.h"
#include "hd-events.h"
#include "hd-events-task.h"
#include "hd-person-search.h"
#include "hd-session-editor.h"
#include "widgets/hd-editor-chrome.h"
#include "widgets/hd-format.h"

typedef struct {
  HdRecord *registration;
  char     *name;
  char     *email;
  char     *folded;   /* name and email, for the check-in search */
} Entry;

typedef struct {
  HdRecord      *event;
  GPtrArray     *sessions;       /* HdRecord * */
  GPtrArray     *rooms;          /* HdRecord * */
  GPtrArray     *entries;        /* Entry * */
  GPtrArray     *warnings;       /* HdAgendaWarning * */
  GHashTable    *names;          /* person id → name */
  HdEventCounts  counts;
} Snapshot;

struct _HdEventWorkspace
{
  AdwWindow            parent_instance;

  HdContext           *context;
  char                *event_id;
  Snapshot            *snapshot;
  GCancellable        *cancellable;
  guint                reload_id;
  gboolean             loading;
  gboolean             reload_again;

  AdwToastOverlay     *toasts;
  AdwViewStack        *stack;
  AdwViewSwitcherTitle *switcher_title;

  /* agenda */
  AdwPreferencesGroup *warnings_group;
  GPtrArray           *warning_rows;
  GtkWidget           *grid;            /* HdAgendaGrid */
  GtkWidget           *grid_scroller;
  GtkDropDown         *day_dropdown;
  GtkStringList       *day_names;
  GtkDropDown         *step_dropdown;
  GtkToggleButton     *all_rooms;
  gboolean             grid_scrolled;   /* scrolled to the first session once */

  /* registrations */
  GtkLabel            *places_label;
  GtkBox              *registration_groups;
  GtkWidget           *person_search;

  /* check-in */
  GtkLabel            *checkin_label;
  GtkSearchEntry      *checkin_entry;
  GtkListBox          *checkin_list;
};

G_DEFINE_FINAL_TYPE (HdEventWorkspace, hd_event_workspace, ADW_TYPE_WINDOW)

static void reload (HdEventWorkspace *self);

static void
entry_free (Entry *entry)
{
  hd_record_unref (entry->registration);
  g_free (entry->name);
  g_free (entry->email);
  g_free (entry->folded);
  g_free (entry);
}

static void
snapshot_free (Snapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_clear_pointer (&snapshot->event, hd_record_unref);
  g_clear_pointer (&snapshot->sessions, g_ptr_array_unref);
  g_clear_pointer (&snapshot->rooms, g_ptr_array_unref);
  g_clear_pointer (&snapshot->entries, g_ptr_array_unref);
  g_clear_pointer (&snapshot->warnings, g_ptr_array_unref);
  g_clear_pointer (&snapshot->names, g_hash_table_unref);
  g_free (snapshot);
}

/* As the search folds it: "Müller" is found by "mueller" and "müller". */
static char *
fold (const char *text)
{
  return hd_store_fold_umlauts (text != NULL ? text : "");
}

static const char *
name_of (GHashTable *names,
         HdStore    *store,
         const char *person_id)
{
  const char *name = g_hash_table_lookup (names, person_id);

  if (name == NULL)
    {
      g_autoptr(HdRecord) person = hd_store_get (store, HD_ENTITY_PERSON, person_id, NULL);
      char *made = person != NULL ? hd_format_person_name (person) : g_strdup (_("Unknown person"));

      g_hash_table_insert (names, g_strdup (person_id), made);
      name = made;
    }
  return name;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = *(Entry **) a;
  const Entry *eb = *(Entry **) b;

  return g_utf8_collate (ea->name, eb->name);
}

static gpointer
load_job (HdStore   *store,
          gpointer   data,
          GError   **error)
{
  const char *event_id = data;
  Snapshot *snapshot = g_new0 (Snapshot, 1);
  HdQuery query = { .entity = HD_ENTITY_SESSION, .ref_field = "event_id", .ref_id = event_id };
  g_autoptr(GPtrArray) registrations = NULL;

  snapshot->event = hd_store_get (store, HD_ENTITY_EVENT, event_id, error);
  if (snapshot->event == NULL)
    goto failed;
  snapshot->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if ((snapshot->sessions = hd_store_query (store, &query, error)) == NULL)
    goto failed;

  memset (&query, 0, sizeof query);
  query.entity = HD_ENTITY_ROOM;
  query.hub_id = hd_record_get_hub_id (snapshot->event);
  if ((snapshot->rooms = hd_store_query (store, &query, error)) == NULL)
    goto failed;

  memset (&query, 0, sizeof query);
  query.entity = HD_ENTITY_REGISTRATION;
  query.ref_field = "event_id";
  query.ref_id = event_id;
  if ((registrations = hd_store_query (store, &query, error)) == NULL)
    goto failed;

  snapshot->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  for (guint i = 0; i < registrations->len; i++)
    {
      HdRecord *registration = g_ptr_array_index (registrations, i);
      const char *person_id = hd_record_get_string (registration, "person_id");
      g_autoptr(HdRecord) person = hd_store_get (store, HD_ENTITY_PERSON, person_id, NULL);
      Entry *entry = g_new0 (Entry, 1);
      g_autofree char *both = NULL;

      entry->registration = hd_record_ref (registration);
      entry->name = person != NULL ? hd_format_person_name (person) : g_strdup (_("Unknown person"));
      entry->email = person != NULL ? g_strdup (hd_record_get_string (person, "email")) : NULL;
      both = g_strdup_printf ("%s %s", entry->name, entry->email != NULL ? entry->email : "");
      {
        g_autofree char *lower = g_utf8_casefold (both, -1);
        g_autofree char *plain = g_str_to_ascii (lower, "C");
        g_autofree char *folded = fold (both);

        /* also without accents: "muller" finds "Müller" as well */
        entry->folded = g_strconcat (folded, "\n", plain, NULL);
      }
      g_ptr_array_add (snapshot->entries, entry);
    }
  g_ptr_array_sort (snapshot->entries, compare_entries);

  for (guint i = 0; i < snapshot->sessions->len; i++)
    {
      const char **speakers = hd_record_get_strv (g_ptr_array_index (snapshot->sessions, i), "speaker_ids");

      for (guint j = 0; speakers != NULL && speakers[j] != NULL; j++)
        name_of (snapshot->names, store, speakers[j]);
    }

  if (!hd_event_get_counts (store, event_id, &snapshot->counts, error))
    goto failed;
  if ((snapshot->warnings = hd_agenda_event_warnings (store, event_id, error)) == NULL)
    goto failed;

  return snapshot;

failed:
  snapshot_free (snapshot);
  return NULL;
}

/* ---- agenda ---- */

static void
on_session_saved (HdEventWorkspace *self)
{
  reload (self);
}

static void
open_session (HdEventWorkspace *self,
              HdRecord         *session)
{
  GtkWidget *editor;

  if (self->snapshot == NULL)
    return;
  editor = hd_session_editor_new (self->context, GTK_WINDOW (self), self->snapshot->event, session,
                                  self->snapshot->rooms, self->snapshot->names);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_session_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_add_session (HdEventWorkspace *self)
{
  open_session (self, NULL);
}

static void
on_session_activated (HdEventWorkspace *self,
                      HdRecord         *session)
{
  open_session (self, session);
}

static void
on_create_requested (HdEventWorkspace *self,
                     gint64            starts,
                     gint64            ends,
                     const char       *room_id)
{
  g_autofree char *s = hd_timestamp_format (starts);
  g_autofree char *e = hd_timestamp_format (ends);
  GtkWidget *editor;

  if (self->snapshot == NULL)
    return;
  editor = hd_session_editor_new_at (self->context, GTK_WINDOW (self), self->snapshot->event,
                                     self->snapshot->rooms, s, e, room_id);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_session_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static gpointer
place_job (HdStore   *store,
           gpointer   data,
           GError   **error)
{
  /* the same path as the session editor: validated, inside the event,
   * room bookings in step */
  if (!hd_event_save (store, data, error))
    return NULL;
  return GINT_TO_POINTER (1);
}

static void
on_placed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  HdEventWorkspace *self = HD_EVENT_WORKSPACE (source);
  g_autoptr(GError) error = NULL;

  if (hd_events_task_finish (result, &error) == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }
  reload (self);
}

static void
on_session_placed (HdEventWorkspace *self,
                   HdRecord         *placed)
{
  hd_events_task_run (self, hd_context_get_store (self->context), place_job,
                      hd_record_ref (placed), (GDestroyNotify) hd_record_unref, NULL,
                      self->cancellable, on_placed, NULL);
}

static void
on_day_selected (HdEventWorkspace *self)
{
  guint day = gtk_drop_down_get_selected (self->day_dropdown);

  if (day != GTK_INVALID_LIST_POSITION)
    hd_agenda_grid_set_day (HD_AGENDA_GRID (self->grid), day);
}

static void show_grid (HdEventWorkspace *self);

static void
on_all_rooms_toggled (HdEventWorkspace *self)
{
  if (self->snapshot != NULL)
    show_grid (self);
}

static const int steps[] = { 5, 15, 30 };

static void
on_step_selected (HdEventWorkspace *self)
{
  guint i = gtk_drop_down_get_selected (self->step_dropdown);

  if (i < G_N_ELEMENTS (steps))
    hd_agenda_grid_set_step (HD_AGENDA_GRID (self->grid), steps[i]);
}

/* The sessions on a time grid: a column per room, a block per session
 * as long as it lasts; one day at a time, the day chosen above it. */
static void
show_grid (HdEventWorkspace *self)
{
  Snapshot *s = self->snapshot;
  GTimeZone *tz = hd_context_get_timezone (self->context);
  HdAgendaLayout *layout = hd_agenda_layout_new (s->event, s->sessions, s->rooms, tz,
                                                 gtk_toggle_button_get_active (self->all_rooms));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gboolean same = TRUE;
  guint n_days;

  hd_agenda_layout_mark_warnings (layout, s->warnings);
  n_days = layout->days->len;
  for (guint i = 0; i < n_days; i++)
    {
      HdAgendaDay *day = &g_array_index (layout->days, HdAgendaDay, i);
      g_autoptr(GDateTime) date = g_date_time_new (tz, day->year, day->month, day->day, 12, 0, 0);

      g_ptr_array_add (names, hd_format_date (date));
    }
  if (n_days != g_list_model_get_n_items (G_LIST_MODEL (self->day_names)))
    same = FALSE;
  for (guint i = 0; same && i < n_days; i++)
    same = g_strcmp0 (g_ptr_array_index (names, i), gtk_string_list_get_string (self->day_names, i)) == 0;
  if (!same)
    {
      guint day = hd_agenda_grid_get_day (HD_AGENDA_GRID (self->grid));

      g_ptr_array_add (names, NULL);
      g_signal_handlers_block_by_func (self->day_dropdown, on_day_selected, self);
      gtk_string_list_splice (self->day_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->day_names)),
                              (const char * const *) names->pdata);
      gtk_drop_down_set_selected (self->day_dropdown, day < n_days ? day : 0);
      g_signal_handlers_unblock_by_func (self->day_dropdown, on_day_selected, self);
    }
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->day_dropdown)), n_days > 1);

  hd_agenda_grid_set_layout (HD_AGENDA_GRID (self->grid), layout, s->warnings, s->names);
  if (!self->grid_scrolled)
    {
      self->grid_scrolled = TRUE;
      hd_agenda_grid_scroll_to_first (HD_AGENDA_GRID (self->grid));
    }
}

static void
show_agenda (HdEventWorkspace *self)
{
  Snapshot *s = self->snapshot;

  for (guint i = 0; i < self->warning_rows->len; i++)
    adw_preferences_group_remove (self->warnings_group, g_ptr_array_index (self->warning_rows, i));
  g_ptr_array_set_size (self->warning_rows, 0);

  for (guint i = 0; i < s->warnings->len; i++)
    {
      HdAgendaWarning *warning = g_ptr_array_index (s->warnings, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), warning->message);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (self->warnings_group, row);
      g_ptr_array_add (self->warning_rows, row);
    }
  if (s->warnings->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No clashes: rooms, speakers and times fit."));
      adw_preferences_group_add (self->warnings_group, row);
      g_ptr_array_add (self->warning_rows, row);
    }

  show_grid (self);
}

/* ---- registrations ---- */

typedef struct {
  char *event_id;
  char *registration_id;
  char *person_id;
  char *status;
  char *given;
  char *family;
  char *email;
} Action;

static void
action_free (Action *action)
{
  g_free (action->event_id);
  g_free (action->registration_id);
  g_free (action->person_id);
  g_free (action->status);
  g_free (action->given);
  g_free (action->family);
  g_free (action->email);
  g_free (action);
}

static char *
names_of (HdStore   *store,
          GPtrArray *registrations)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; registrations != NULL && i < registrations->len; i++)
    {
      g_autoptr(HdRecord) person = hd_store_get (store, HD_ENTITY_PERSON,
                                                 hd_record_get_string (g_ptr_array_index (registrations, i),
                                                                       "person_id"), NULL);
      if (person != NULL)
        g_ptr_array_add (names, hd_format_person_name (person));
    }
  if (names->len == 0)
    return NULL;
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

/* Returns the message to show as a toast. */
static gpointer
status_job (HdStore   *store,
            gpointer   data,
            GError   **error)
{
  Action *action = data;
  g_autoptr(GPtrArray) promoted = NULL;
  g_autofree char *names = NULL;

  if (!hd_registration_set_status (store, action->registration_id, action->status, &promoted, error))
    return NULL;
  names = names_of (store, promoted);
  if (names != NULL)
    /* TRANSLATORS: %s is one name or several, separated by commas */
    return g_strdup_printf (_("Moved up from the waiting list: %s"), names);
  return g_strdup (_("Status changed"));
}

static gpointer
register_job (HdStore   *store,
              gpointer   data,
              GError   **error)
{
  Action *action = data;
  g_autoptr(HdRecord) registration = NULL;
  g_autoptr(HdRecord) event = hd_store_get (store, HD_ENTITY_EVENT, action->event_id, error);
  g_autoptr(HdRecord) person = NULL;
  g_autofree char *name = NULL;

  if (event == NULL)
    return NULL;
  if (action->person_id == NULL)
    {
      person = hd_record_new (HD_ENTITY_PERSON, hd_record_get_hub_id (event));
      if (action->given != NULL)
        hd_record_set_string (person, "given_name", action->given);
      if (action->family != NULL)
        hd_record_set_string (person, "family_name", action->family);
      if (action->email != NULL)
        hd_record_set_string (person, "email", action->email);
      if (!hd_store_save (store, person, error))
        return NULL;
      action->person_id = g_strdup (hd_record_get_id (person));
    }
  else
    person = hd_store_get (store, HD_ENTITY_PERSON, action->person_id, error);
  if (person == NULL)
    return NULL;
  name = hd_format_person_name (person);

  registration = hd_event_register (store, action->event_id, action->person_id,
                                    action->status != NULL ? action->status : "phone", error);
  if (registration == NULL)
    return NULL;
  if (g_strcmp0 (hd_record_get_string (registration, "status"), "waitlisted") == 0)
    return g_strdup_printf (_("The event is full: %s is on the waiting list"), name);
  return g_strdup_printf (_("%s is registered"), name);
}

static void
on_action_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  HdEventWorkspace *self = HD_EVENT_WORKSPACE (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = hd_events_task_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message != NULL ? message : error->message));
  reload (self);
}

static void
run_action (HdEventWorkspace *self,
            HdEventsJob       job,
            Action           *action)
{
  hd_events_task_run (self, hd_context_get_store (self->context), job, action,
                      (GDestroyNotify) action_free, g_free, self->cancellable, on_action_done, NULL);
}

static const char * const statuses[] = {
  "registered", "waitlisted", "cancelled", "attended", "no_show", NULL
};

static void
on_status_selected (GtkDropDown      *drop_down,
                    GParamSpec       *pspec,
                    HdEventWorkspace *self)
{
  Entry *entry = g_object_get_data (G_OBJECT (drop_down), "entry");
  guint selected = gtk_drop_down_get_selected (drop_down);
  Action *action;

  if (entry == NULL || selected >= G_N_ELEMENTS (statuses) - 1
      || g_strcmp0 (statuses[selected], hd_record_get_string (entry->registration, "status")) == 0)
    return;

  action = g_new0 (Action, 1);
  action->registration_id = g_strdup (hd_record_get_id (entry->registration));
  action->status = g_strdup (statuses[selected]);
  run_action (self, status_job, action);
}

static GtkWidget *
registration_row (HdEventWorkspace *self,
                  Entry            *entry)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *drop_down;
  const char *status = hd_record_get_string (entry->registration, "status");
  g_autofree char *label = g_strdup_printf (_("Status of %s"), entry->name);

  for (guint i = 0; statuses[i] != NULL; i++)
    gtk_string_list_append (labels, hd_format_enum (statuses[i]));
  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL);
  for (guint i = 0; statuses[i] != NULL; i++)
    if (g_strcmp0 (statuses[i], status) == 0)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), i);
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_tooltip_text (drop_down, label);
  g_object_set_data (G_OBJECT (drop_down), "entry", entry);
  g_signal_connect_object (drop_down, "notify::selected", G_CALLBACK (on_status_selected), self, 0);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (entry->email != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), entry->email);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), drop_down);
  return row;
}

static int
compare_waiting (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = *(Entry **) a;
  const Entry *eb = *(Entry **) b;

  return g_strcmp0 (hd_record_get_string (ea->registration, "registered_at"),
                    hd_record_get_string (eb->registration, "registered_at"));
}

static void
show_registrations (HdEventWorkspace *self)
{
  Snapshot *s = self->snapshot;
  g_autoptr(GPtrArray) waiting = g_ptr_array_new ();
  const char *titles[] = { N_("Registered"), N_("Waiting List"), N_("Cancelled and Not Come") };
  AdwPreferencesGroup *groups[3];
  g_autofree char *places = NULL;
  GtkWidget *child;
  gint64 taken = HD_EVENT_COUNTS_TAKEN (&s->counts);

  if (s->counts.capacity > 0)
    places = g_strdup_printf (_("%lld of %lld places taken · %lld waiting"), (long long) taken,
                              (long long) s->counts.capacity, (long long) s->counts.waitlisted);
  else
    places = g_strdup_printf (_("%lld registered · no limit"), (long long) taken);
  gtk_label_set_label (self->places_label, places);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->registration_groups))) != NULL)
    gtk_box_remove (self->registration_groups, child);

  for (guint g = 0; g < 3; g++)
    {
      groups[g] = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (groups[g], _(titles[g]));
    }

  for (guint i = 0; i < s->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (s->entries, i);
      const char *status = hd_record_get_string (entry->registration, "status");

      if (g_strcmp0 (status, "waitlisted") == 0)
        g_ptr_array_add (waiting, entry);
      else
        adw_preferences_group_add (groups[g_strcmp0 (status, "registered") == 0
                                          || g_strcmp0 (status, "attended") == 0 ? 0 : 2],
                                   registration_row (self, entry));
    }
  g_ptr_array_sort (waiting, compare_waiting);
  for (guint i = 0; i < waiting->len; i++)
    adw_preferences_group_add (groups[1], registration_row (self, g_ptr_array_index (waiting, i)));

  for (guint g = 0; g < 3; g++)
    if (g == 0 || (g == 1 && waiting->len > 0)
        || (g == 2 && s->counts.cancelled + s->counts.no_show > 0))
      gtk_box_append (self->registration_groups, GTK_WIDGET (groups[g]));
    else
      {
        g_object_ref_sink (groups[g]);
        g_object_unref (groups[g]);
      }
}

static void
on_person_chosen (HdEventWorkspace *self,
                  const char       *id,
                  const char       *name,
                  HdPersonSearch   *search)
{
  Action *action = g_new0 (Action, 1);

  action->event_id = g_strdup (self->event_id);
  action->person_id = g_strdup (id);
  hd_person_search_clear (search);
  run_action (self, register_job, action);
}

/* A small form in a window of its own: new person, or walk-in. */
typedef struct {
  HdEventWorkspace *self;
  GtkWindow        *window;
  AdwEntryRow      *given;
  AdwEntryRow      *family;
  AdwEntryRow      *email;
  GtkCheckButton   *purposes[4];
  GtkTextView      *wording;
  gboolean          walk_in;
} Form;

static const char * const purpose_values[] = { "contact", "newsletter", "event_photos", "data_sharing" };

static char *
form_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

typedef struct {
  char     *event_id;
  HdWalkIn  walk_in;
  char     *given, *family, *email, *wording;
  GStrv     purposes;
} WalkIn;

static void
walk_in_free (WalkIn *w)
{
  g_free (w->event_id);
  g_free (w->given);
  g_free (w->family);
  g_free (w->email);
  g_free (w->wording);
  g_strfreev (w->purposes);
  g_free (w);
}

static gpointer
walk_in_job (HdStore   *store,
             gpointer   data,
             GError   **error)
{
  WalkIn *w = data;
  g_autoptr(HdRecord) person = NULL;
  g_autoptr(HdRecord) registration = NULL;
  g_autofree char *name = NULL;
  gboolean matched = FALSE;

  registration = hd_event_walk_in (store, w->event_id, &w->walk_in, &person, &matched, error);
  if (registration == NULL)
    return NULL;
  name = hd_format_person_name (person);
  if (matched)
    return g_strdup_printf (_("Checked in %s, who was already known"), name);
  return g_strdup_printf (_("Checked in %s as a new person"), name);
}

static void
on_form_done (GtkButton *button,
              Form      *form)
{
  g_autofree char *given = form_text (form->given);
  g_autofree char *family = form_text (form->family);
  g_autofree char *email = form_text (form->email);

  if (given == NULL && family == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (form->family), "error");
      gtk_widget_grab_focus (GTK_WIDGET (form->family));
      return;
    }

  if (form->walk_in)
    {
      WalkIn *w = g_new0 (WalkIn, 1);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (form->wording);
      GtkTextIter from, to;

      for (guint i = 0; i < G_N_ELEMENTS (purpose_values); i++)
        if (gtk_check_button_get_active (form->purposes[i]))
          g_strv_builder_add (builder, purpose_values[i]);
      w->purposes = g_strv_builder_end (builder);
      gtk_text_buffer_get_bounds (buffer, &from, &to);
      w->wording = gtk_text_buffer_get_text (buffer, &from, &to, FALSE);
      w->event_id = g_strdup (form->self->event_id);
      w->given = g_steal_pointer (&given);
      w->family = g_steal_pointer (&family);
      w->email = g_steal_pointer (&email);
      w->walk_in.given_name = w->given;
      w->walk_in.family_name = w->family;
      w->walk_in.email = w->email;
      w->walk_in.consent_purposes = (const char * const *) w->purposes;
      w->walk_in.consent_text = w->purposes[0] != NULL ? w->wording : NULL;
      hd_events_task_run (form->self, hd_context_get_store (form->self->context), walk_in_job, w,
                          (GDestroyNotify) walk_in_free, g_free, form->self->cancellable,
                          on_action_done, NULL);
    }
  else
    {
      Action *action = g_new0 (Action, 1);

      action->event_id = g_strdup (form->self->event_id);
      action->given = g_steal_pointer (&given);
      action->family = g_steal_pointer (&family);
      action->email = g_steal_pointer (&email);
      run_action (form->self, register_job, action);
    }

  gtk_window_destroy (form->window);
}

static void
open_form (HdEventWorkspace *self,
           gboolean          walk_in)
{
  Form *form = g_new0 (Form, 1);
  GtkWidget *window = adw_window_new ();
  GtkWidget *box;
  GtkWidget *done = hd_events_button_new (walk_in ? _("Check _In") : _("_Register"));
  GtkWidget *page = adw_preferences_page_new ();
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  form->self = self;
  form->window = GTK_WINDOW (window);
  form->walk_in = walk_in;
  g_object_set_data_full (G_OBJECT (window), "form", form, g_free);

  gtk_window_set_title (GTK_WINDOW (window), walk_in ? _("Walk-in") : _("New Person"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_default_size (GTK_WINDOW (window), 480, walk_in ? 640 : 360);

  g_signal_connect (done, "clicked", G_CALLBACK (on_form_done), form);
  box = hd_editor_chrome_new (GTK_WINDOW (window), hd_events_button_new (_("_Cancel")), done);

  form->given = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->given), _("Given name"));
  adw_preferences_group_add (group, GTK_WIDGET (form->given));
  form->family = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->family), _("Family name"));
  adw_preferences_group_add (group, GTK_WIDGET (form->family));
  form->email = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->email), _("Email"));
  adw_preferences_group_add (group, GTK_WIDGET (form->email));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  if (walk_in)
    {
      GtkWidget *frame = gtk_frame_new (NULL);

      group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (group, _("Consent"));
      adw_preferences_group_set_description (group, _("Tick only what the person agreed to. Known people keep the consent they gave before."));
      for (guint i = 0; i < G_N_ELEMENTS (purpose_values); i++)
        {
          GtkWidget *row = adw_action_row_new ();

          form->purposes[i] = GTK_CHECK_BUTTON (gtk_check_button_new ());
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hd_format_enum (purpose_values[i]));
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), GTK_WIDGET (form->purposes[i]));
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (form->purposes[i]));
          adw_preferences_group_add (group, row);
        }
      form->wording = GTK_TEXT_VIEW (gtk_text_view_new ());
      gtk_text_view_set_wrap_mode (form->wording, GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_left_margin (form->wording, 8);
      gtk_text_view_set_right_margin (form->wording, 8);
      gtk_text_view_set_top_margin (form->wording, 8);
      gtk_text_view_set_bottom_margin (form->wording, 8);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (form->wording),
                                _("I agree that the hub keeps my name and email address and contacts me for the purposes ticked above. I can withdraw this at any time."), -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (form->wording), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Wording agreed to"), -1);
      gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (form->wording));
      gtk_widget_set_margin_top (frame, 12);
      adw_preferences_group_add (group, frame);
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);
    }

  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  gtk_window_present (GTK_WINDOW (window));
}

static void
on_new_person (HdEventWorkspace *self)
{
  open_form (self, FALSE);
}

static void
on_walk_in (HdEventWorkspace *self)
{
  open_form (self, TRUE);
}

/* ---- check-in ---- */

static void
check_in_entry (HdEventWorkspace *self,
                Entry            *entry,
                const char       *status)
{
  Action *action = g_new0 (Action, 1);

  action->registration_id = g_strdup (hd_record_get_id (entry->registration));
  action->status = g_strdup (status);
  run_action (self, status_job, action);
}

static void
on_check_in_clicked (HdEventWorkspace *self,
                     GtkButton        *button)
{
  Entry *entry = g_object_get_data (G_OBJECT (button), "entry");
  const char *status = hd_record_get_string (entry->registration, "status");

  check_in_entry (self, entry, g_strcmp0 (status, "attended") == 0 ? "registered" : "attended");
}

static gboolean
matches (Entry      *entry,
         const char *folded_query)
{
  const char *status = hd_record_get_string (entry->registration, "status");

  if (g_strcmp0 (status, "cancelled") == 0)
    return FALSE;
  return *folded_query == '\0' || strstr (entry->folded, folded_query) != NULL;
}

static void
show_check_in (HdEventWorkspace *self)
{
  Snapshot *s = self->snapshot;
  g_autofree char *label = hd_event_counts_check_in_label (&s->counts);
  g_autofree char *query = fold (gtk_editable_get_text (GTK_EDITABLE (self->checkin_entry)));
  GtkWidget *child;
  guint shown = 0;

  gtk_label_set_label (self->checkin_label, label);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->checkin_list))) != NULL)
    gtk_list_box_remove (self->checkin_list, child);

  g_strstrip (query);
  for (guint i = 0; i < s->entries->len && shown < 200; i++)
    {
      Entry *entry = g_ptr_array_index (s->entries, i);
      const char *status = hd_record_get_string (entry->registration, "status");
      gboolean attended = g_strcmp0 (status, "attended") == 0;
      GtkWidget *row, *button;
      g_autofree char *button_label = NULL;

      if (!matches (entry, query))
        continue;
      shown++;

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), attended ? _("Checked in") : hd_format_enum (status));
      button = gtk_button_new_with_label (attended ? _("Undo") : _("Check In"));
      button_label = g_strdup_printf (attended ? _("Undo check-in of %s") : _("Check in %s"), entry->name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, button_label, -1);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      if (!attended)
        gtk_widget_add_css_class (button, "suggested-action");
      g_object_set_data (G_OBJECT (button), "entry", entry);
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_check_in_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->checkin_list, row);
    }
}

static void
on_checkin_search (HdEventWorkspace *self)
{
  if (self->snapshot != NULL)
    show_check_in (self);
}

/* Enter in the search field checks in the first match not yet in. */
static void
on_checkin_activate (HdEventWorkspace *self)
{
  g_autofree char *query = NULL;

  if (self->snapshot == NULL)
    return;
  query = g_strstrip (fold (gtk_editable_get_text (GTK_EDITABLE (self->checkin_entry))));
  if (*query == '\0')
    return;

  for (guint i = 0; i < self->snapshot->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->snapshot->entries, i);
      const char *status = hd_record_get_string (entry->registration, "status");

      if (matches (entry, query) && g_strcmp0 (status, "attended") != 0)
        {
          check_in_entry (self, entry, "attended");
          gtk_editable_set_text (GTK_EDITABLE (self->checkin_entry), "");
          return;
        }
    }
}

/* ---- loading ---- */

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  HdEventWorkspace *self = HD_EVENT_WORKSPACE (source);
  g_autoptr(GError) error = NULL;
  Snapshot *snapshot = hd_events_task_finish (result, &error);

  self->loading = FALSE;
  if (snapshot == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }

  snapshot_free (self->snapshot);
  self->snapshot = snapshot;
  adw_view_switcher_title_set_title (self->switcher_title, hd_record_get_string (snapshot->event, "title"));
  hd_person_search_set_hub_id (HD_PERSON_SEARCH (self->person_search), hd_record_get_hub_id (snapshot->event));
  gtk_window_set_title (GTK_WINDOW (self), hd_record_get_string (snapshot->event, "title"));

  show_agenda (self);
  show_registrations (self);
  show_check_in (self);

  if (self->reload_again)
    {
      self->reload_again = FALSE;
      reload (self);
    }
}

static void
reload (HdEventWorkspace *self)
{
  if (self->loading)
    {
      self->reload_again = TRUE;
      return;
    }
  self->loading = TRUE;
  hd_events_task_run (self, hd_context_get_store (self->context), load_job,
                      g_strdup (self->event_id), g_free, (GDestroyNotify) snapshot_free,
                      self->cancellable, on_loaded, NULL);
}

static gboolean
reload_later_cb (gpointer user_data)
{
  HdEventWorkspace *self = user_data;

  self->reload_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

/* Changes by a sync (the other door) show up too. */
static void
on_store_changed (HdEventWorkspace *self,
                  int               entity,
                  const char       *id)
{
  if (entity != HD_ENTITY_REGISTRATION && entity != HD_ENTITY_SESSION && entity != HD_ENTITY_EVENT
      && entity != HD_ENTITY_PERSON && entity != HD_ENTITY_BOOKING)
    return;
  if (self->reload_id == 0)
    self->reload_id = g_timeout_add (150, reload_later_cb, self);
}

/* ---- building ---- */

static GtkWidget *
clamp (GtkWidget *child)
{
  GtkWidget *clamp = adw_clamp_new ();

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  adw_clamp_set_child (ADW_CLAMP (clamp), child);
  gtk_widget_set_margin_top (child, 18);
  gtk_widget_set_margin_bottom (child, 18);
  gtk_widget_set_margin_start (child, 12);
  gtk_widget_set_margin_end (child, 12);
  return clamp;
}

static GtkWidget *
scrolled (GtkWidget *child)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), child);
  gtk_widget_set_vexpand (scroller, TRUE);
  return scroller;
}

static GtkWidget *
build_agenda (HdEventWorkspace *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *toolbar = gtk_flow_box_new ();
  GtkWidget *add = hd_events_button_new (_("_Add Session…"));
  GtkWidget *warnings_scroller = gtk_scrolled_window_new ();
  GtkWidget *step_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *step_label = gtk_label_new (_("Step"));
  const char *step_names[] = { _("5 minutes"), _("15 minutes"), _("30 minutes"), NULL };

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_widget_add_css_class (add, "suggested-action");
  g_signal_connect_swapped (add, "clicked", G_CALLBACK (on_add_session), self);
  gtk_widget_set_halign (add, GTK_ALIGN_START);

  self->day_names = gtk_string_list_new (NULL);
  self->day_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (self->day_names), NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->day_dropdown), _("Day shown"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->day_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Day shown"), -1);
  g_signal_connect_swapped (self->day_dropdown, "notify::selected", G_CALLBACK (on_day_selected), self);
  gtk_widget_set_halign (GTK_WIDGET (self->day_dropdown), GTK_ALIGN_START);

  /* every room of the hub as a column, to move sessions into rooms the
   * agenda does not use yet */
  self->all_rooms = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (_("All Rooms")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->all_rooms), _("Show a column for every room of the hub"));
  g_signal_connect_swapped (self->all_rooms, "toggled", G_CALLBACK (on_all_rooms_toggled), self);
  gtk_box_append (GTK_BOX (step_box), GTK_WIDGET (self->all_rooms));
  gtk_widget_set_halign (step_box, GTK_ALIGN_END);

  gtk_widget_add_css_class (step_label, "dim-label");
  gtk_box_append (GTK_BOX (step_box), step_label);
  self->step_dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (step_names));
  gtk_drop_down_set_selected (self->step_dropdown, 1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->step_dropdown),
                               _("Sessions snap to this step when moved, resized or added on the grid"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->step_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Time step"), -1);
  g_signal_connect_swapped (self->step_dropdown, "notify::selected", G_CALLBACK (on_step_selected), self);
  gtk_box_append (GTK_BOX (step_box), GTK_WIDGET (self->step_dropdown));

  /* the toolbar wraps when the window is narrow */
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (toolbar), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (toolbar), 3);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (toolbar), 6);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (toolbar), 6);
  gtk_flow_box_append (GTK_FLOW_BOX (toolbar), add);
  gtk_flow_box_append (GTK_FLOW_BOX (toolbar), GTK_WIDGET (self->day_dropdown));
  gtk_flow_box_append (GTK_FLOW_BOX (toolbar), step_box);
  for (GtkWidget *child = gtk_widget_get_first_child (toolbar); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->day_dropdown)), FALSE);
  gtk_box_append (GTK_BOX (box), toolbar);

  self->warnings_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->warnings_group, _("Warnings"));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (warnings_scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (warnings_scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (warnings_scroller), 180);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (warnings_scroller), GTK_WIDGET (self->warnings_group));
  gtk_box_append (GTK_BOX (box), warnings_scroller);

  self->grid = hd_agenda_grid_new ();
  g_signal_connect_swapped (self->grid, "session-activated", G_CALLBACK (on_session_activated), self);
  g_signal_connect_swapped (self->grid, "session-placed", G_CALLBACK (on_session_placed), self);
  g_signal_connect_swapped (self->grid, "create-requested", G_CALLBACK (on_create_requested), self);
  self->grid_scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->grid_scroller),
                                  GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->grid_scroller), self->grid);
  gtk_widget_set_vexpand (self->grid_scroller, TRUE);
  gtk_widget_add_css_class (self->grid_scroller, "card");
  gtk_widget_set_overflow (self->grid_scroller, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_margin_bottom (self->grid_scroller, 12);
  gtk_box_append (GTK_BOX (box), self->grid_scroller);

  return box;
}

static GtkWidget *
build_registrations (HdEventWorkspace *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *new_person = hd_events_button_new (_("_New Person…"));

  self->places_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->places_label), "title-3");
  gtk_label_set_xalign (self->places_label, 0);
  gtk_label_set_wrap (self->places_label, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->places_label));

  g_signal_connect_swapped (new_person, "clicked", G_CALLBACK (on_new_person), self);
  gtk_box_append (GTK_BOX (actions), new_person);
  gtk_box_append (GTK_BOX (box), actions);

  self->registration_groups = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->registration_groups));

  return box;
}

static GtkWidget *
build_check_in (HdEventWorkspace *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *walk_in = hd_events_button_new (_("_Walk-in…"));
  GtkWidget *list_scroller;

  self->checkin_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->checkin_label), "title-1");
  gtk_label_set_xalign (self->checkin_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->checkin_label), TRUE);
  gtk_label_set_wrap (self->checkin_label, TRUE);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->checkin_label));
  gtk_widget_set_halign (walk_in, GTK_ALIGN_START);
  gtk_widget_add_css_class (walk_in, "pill");
  g_signal_connect_swapped (walk_in, "clicked", G_CALLBACK (on_walk_in), self);
  gtk_box_append (GTK_BOX (top), walk_in);
  gtk_box_append (GTK_BOX (box), top);

  self->checkin_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->checkin_entry, "placeholder-text", _("Name or email, then Enter to check in"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->checkin_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search participants"), -1);
  gtk_widget_add_css_class (GTK_WIDGET (self->checkin_entry), "title-2");
  gtk_editable_set_width_chars (GTK_EDITABLE (self->checkin_entry), 8);
  g_signal_connect_swapped (self->checkin_entry, "search-changed", G_CALLBACK (on_checkin_search), self);
  g_signal_connect_swapped (self->checkin_entry, "activate", G_CALLBACK (on_checkin_activate), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->checkin_entry));

  self->checkin_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->checkin_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->checkin_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->checkin_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Participants"), -1);
  list_scroller = scrolled (clamp (GTK_WIDGET (self->checkin_list)));

  {
    GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

    gtk_box_append (GTK_BOX (outer), clamp (box));
    gtk_box_append (GTK_BOX (outer), list_scroller);
    return outer;
  }
}

static void
build (HdEventWorkspace *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *switcher = adw_view_switcher_title_new ();
  GtkWidget *bar = adw_view_switcher_bar_new ();
  GtkWidget *registrations;
  AdwViewStackPage *page;

  self->stack = ADW_VIEW_STACK (adw_view_stack_new ());

  page = adw_view_stack_add_titled (self->stack, build_agenda (self), "agenda", _("Agenda"));
  adw_view_stack_page_set_icon_name (page, "view-list-symbolic");

  registrations = build_registrations (self);
  {
    GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

    self->person_search = hd_person_search_new (self->context, NULL, _("Add a person from your contacts"));
    g_signal_connect_object (self->person_search, "person-chosen", G_CALLBACK (on_person_chosen), self,
                             G_CONNECT_SWAPPED);
    gtk_box_insert_child_after (GTK_BOX (registrations), self->person_search,
                                gtk_widget_get_first_child (registrations));
    gtk_box_append (GTK_BOX (outer), registrations);
    page = adw_view_stack_add_titled (self->stack, scrolled (clamp (outer)), "registrations", _("Registrations"));
  }
  adw_view_stack_page_set_icon_name (page, "system-users-symbolic");

  page = adw_view_stack_add_titled (self->stack, build_check_in (self), "check-in", _("Check-in"));
  adw_view_stack_page_set_icon_name (page, "object-select-symbolic");

  self->switcher_title = ADW_VIEW_SWITCHER_TITLE (switcher);
  adw_view_switcher_title_set_stack (ADW_VIEW_SWITCHER_TITLE (switcher), self->stack);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), switcher);
  gtk_box_append (GTK_BOX (box), header);

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  adw_toast_overlay_set_child (self->toasts, GTK_WIDGET (self->stack));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toasts));

  adw_view_switcher_bar_set_stack (ADW_VIEW_SWITCHER_BAR (bar), self->stack);
  g_object_bind_property (switcher, "title-visible", bar, "reveal", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (box), bar);

  adw_window_set_content (ADW_WINDOW (self), box);
}

static void
hd_event_workspace_dispose (GObject *object)
{
  HdEventWorkspace *self = HD_EVENT_WORKSPACE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (hd_context_get_store (self->context), self);

  G_OBJECT_CLASS (hd_event_workspace_parent_class)->dispose (object);
}

static void
hd_event_workspace_finalize (GObject *object)
{
  HdEventWorkspace *self = HD_EVENT_WORKSPACE (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->event_id, g_free);
  g_clear_pointer (&self->snapshot, snapshot_free);
  g_clear_pointer (&self->warning_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (hd_event_workspace_parent_class)->finalize (object);
}

static void
hd_event_workspace_class_init (HdEventWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_event_workspace_dispose;
  object_class->finalize = hd_event_workspace_finalize;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hd_event_workspace_init (HdEventWorkspace *self)
{
  self->cancellable = g_cancellable_new ();
  self->warning_rows = g_ptr_array_new ();
}

GtkWidget *
hd_event_workspace_new (HdContext  *context,
                        GtkWindow  *parent,
                        const char *event_id,
                        const char *page)
{
  HdEventWorkspace *self = g_object_new (HD_TYPE_EVENT_WORKSPACE,
                                         "transient-for", parent,
                                         "default-width", 960,
                                         "default-height", 720,
                                         "title", _("Event"),
                                         NULL);

  self->context = g_object_ref (context);
  self->event_id = g_strdup (event_id);
  build (self);
  if (page != NULL)
    adw_view_stack_set_visible_child_name (self->stack, page);
  if (g_strcmp0 (page, "check-in") == 0)
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect_object (hd_context_get_store (context), "changed",
                           G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  reload (self);

  return GTK_WIDGET (self);
}
