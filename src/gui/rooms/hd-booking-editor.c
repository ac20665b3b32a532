/* hd-booking-editor.c — a window to create, move, resize, repeat, check
 * in and cancel a booking, with the capacity warning before saving
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change of the form makes a draft and checks it on a worker
 * thread with the rule the server applies (hd_room_check_drafts()); while
 * the draft does not fit, the warning names the bookings in the way and
 * the free seats, and Save waits.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hd-booking-editor.h"
#include "hd-booking-move.h"
#include "widgets/hd-date-button.h"
#include "widgets/hd-editor-chrome.h"
#include "widgets/hd-record-picker.h"

enum {
  REPEAT_NONE,
  REPEAT_WEEKLY,
  REPEAT_TWO_WEEKS_TUE_THU,
  REPEAT_MONTHLY_FIRST_MONDAY,
  REPEAT_OTHER,
};

static const char * const repeat_rules[] = {
  NULL,
  "FREQ=WEEKLY",
  "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH",
  "FREQ=MONTHLY;BYDAY=1MO",
};

enum {
  END_NEVER,
  END_ON_DATE,
  END_AFTER_TIMES,
};

static const char * const statuses[] = { "tentative", "confirmed", "cancelled" };

/* Whom a booking is for: each may be chosen, or none. */
static const struct {
  const char *field;
  HdEntity    entity;
  const char *label;
} for_fields[] = {
  { "organization_id", HD_ENTITY_ORGANIZATION, N_("Organization") },
  { "person_id", HD_ENTITY_PERSON, N_("Person") },
  { "event_id", HD_ENTITY_EVENT, N_("Event") },
};

struct _HdBookingEditor
{
  AdwWindow     parent_instance;

  HdContext    *context;
  GPtrArray    *rooms;
  HdRecord     *original;          /* NULL for a new booking */
  gint64        occurrence_start;
  char         *other_rule;        /* a rule none of the presets is */
  GCancellable *cancellable;
  guint         check_source;
  gboolean      fits;
  gboolean      valid;

  GtkWidget    *save_button;
  GtkWidget    *warning;
  AdwEntryRow  *title_row;
  AdwComboRow  *room_row;
  AdwEntryRow  *date_row;
  AdwEntryRow  *start_row;
  AdwEntryRow  *end_row;
  GtkSwitch    *whole_switch;
  GtkSpinButton *seats_spin;
  GtkWidget    *seats_row;
  AdwComboRow  *status_row;
  HdRecordPicker *for_pickers[3];  /* organization, person, event */
  GtkToggleButton *repeat_buttons[5];
  GtkWidget    *repeat_rows[5];
  GtkToggleButton *end_buttons[3];
  GtkWidget    *end_rows[3];
  GtkWidget    *end_group;
  AdwEntryRow  *until_row;
  GtkSpinButton *count_spin;
  GtkWidget    *count_row;
  GtkSwitch    *only_switch;
};

G_DEFINE_FINAL_TYPE (HdBookingEditor, hd_booking_editor, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GTimeZone *
zone (HdBookingEditor *self)
{
  return hd_context_get_timezone (self->context);
}

static HdRecord *
selected_room (HdBookingEditor *self)
{
  guint i = adw_combo_row_get_selected (self->room_row);

  if (self->rooms == NULL || i >= self->rooms->len)
    return NULL;
  return g_ptr_array_index (self->rooms, i);
}

/* "2026-11-27" and "10:30" in the hub's time zone → Unix seconds */
static gboolean
parse_local (GTimeZone  *tz,
             const char *date,
             const char *time,
             gint64     *out_unix)
{
  int year, month, day, hour, minute;
  char end;
  g_autoptr(GDateTime) when = NULL;

  if (sscanf (date, "%4d-%2d-%2d%c", &year, &month, &day, &end) != 3 ||
      sscanf (time, "%2d:%2d%c", &hour, &minute, &end) != 2 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year) ||
      hour < 0 || hour > 24 || minute < 0 || minute > 59 || (hour == 24 && minute != 0))
    return FALSE;

  when = g_date_time_new (tz, year, month, day, 0, 0, 0);
  if (when == NULL)
    return FALSE;
  *out_unix = g_date_time_to_unix (when) + hour * 3600 + minute * 60;
  /* the wall-clock time, also on the days the offset changes */
  {
    g_autoptr(GDateTime) exact = g_date_time_new (tz, year, month, day, hour % 24, minute, 0);

    if (exact != NULL && hour < 24)
      *out_unix = g_date_time_to_unix (exact);
  }
  return TRUE;
}

static char *
local_text (GTimeZone  *tz,
            gint64      when,
            const char *format)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);

  return g_date_time_format (local, format);
}

static guint
radio_selected (GtkToggleButton **buttons,
                guint             n)
{
  for (guint i = 0; i < n; i++)
    if (buttons[i] != NULL && gtk_toggle_button_get_active (buttons[i]))
      return i;
  return 0;
}

static char *
rule_text (HdBookingEditor *self)
{
  guint repeat = radio_selected (self->repeat_buttons, G_N_ELEMENTS (self->repeat_buttons));
  const char *base;
  g_autofree char *until = NULL;
  int year, month, day;
  char end;

  if (repeat == REPEAT_NONE)
    return NULL;
  base = repeat < REPEAT_OTHER ? repeat_rules[repeat] : self->other_rule;
  if (base == NULL)
    return NULL;
  if (repeat == REPEAT_OTHER)
    return g_strdup (base);

  switch (radio_selected (self->end_buttons, G_N_ELEMENTS (self->end_buttons)))
    {
    case END_ON_DATE:
      if (sscanf (gtk_editable_get_text (GTK_EDITABLE (self->until_row)), "%4d-%2d-%2d%c",
                  &year, &month, &day, &end) != 3)
        return g_strdup ("");
      return g_strdup_printf ("%s;UNTIL=%04d%02d%02d", base, year, month, day);
    case END_AFTER_TIMES:
      return g_strdup_printf ("%s;COUNT=%d", base, gtk_spin_button_get_value_as_int (self->count_spin));
    case END_NEVER:
    default:
      return g_strdup (base);
    }
}

/* The records the form means, the one to check last: the booking, or for
 * one date moved out of its series the series and the moved date. NULL
 * with a message a person reads when the form is not complete. */
static GPtrArray *
make_drafts (HdBookingEditor  *self,
             char            **out_problem)
{
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(HdRecord) draft = NULL;
  g_autofree char *rule = NULL;
  g_autofree char *starts_at = NULL;
  g_autofree char *ends_at = NULL;
  HdRecord *room = selected_room (self);
  const char *date = gtk_editable_get_text (GTK_EDITABLE (self->date_row));
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  gint64 start, end;
  guint status = adw_combo_row_get_selected (self->status_row);
  gboolean only_this = self->occurrence_start != 0 && gtk_switch_get_active (self->only_switch);
  const char *field = NULL;
  g_autoptr(GError) error = NULL;

  if (room == NULL)
    {
      *out_problem = g_strdup (_("Choose a room for the booking."));
      return NULL;
    }
  if (!parse_local (zone (self), date, gtk_editable_get_text (GTK_EDITABLE (self->start_row)),
                    &start))
    {
      *out_problem = g_strdup (_("Enter the date as 2026-11-27 and the start as 10:00."));
      return NULL;
    }
  if (!parse_local (zone (self), date, gtk_editable_get_text (GTK_EDITABLE (self->end_row)),
                    &end))
    {
      *out_problem = g_strdup (_("Enter the end as a time such as 12:00."));
      return NULL;
    }
  if (end <= start)
    {
      *out_problem = g_strdup (_("The booking must end after it starts."));
      return NULL;
    }

  starts_at = hd_timestamp_format (start);
  ends_at = hd_timestamp_format (end);

  if (self->original != NULL)
    draft = hd_record_copy (self->original);
  else
    draft = hd_record_new (HD_ENTITY_BOOKING, hd_record_get_hub_id (room));

  if (*title != '\0')
    hd_record_set_string (draft, "title", title);
  else
    hd_record_set_null (draft, "title");
  hd_record_set_string (draft, "room_id", hd_record_get_id (room));
  if (gtk_switch_get_active (self->whole_switch))
    hd_record_set_null (draft, "seats");
  else
    hd_record_set_int (draft, "seats", gtk_spin_button_get_value_as_int (self->seats_spin));
  hd_record_set_string (draft, "status", statuses[MIN (status, G_N_ELEMENTS (statuses) - 1)]);
  for (guint i = 0; i < G_N_ELEMENTS (for_fields); i++)
    {
      const char *id = self->for_pickers[i] ? hd_record_picker_get_id (self->for_pickers[i]) : NULL;

      if (id != NULL)
        hd_record_set_string (draft, for_fields[i].field, id);
      else
        hd_record_set_null (draft, for_fields[i].field);
    }

  if (only_this)
    {
      g_autoptr(HdRecord) series = NULL;
      g_autoptr(HdRecord) moved = NULL;

      if (!hd_booking_move_occurrence (self->original, zone (self), self->occurrence_start,
                                       start, end, &series, &moved, &error))
        {
          *out_problem = g_strdup (error->message);
          return NULL;
        }
      /* what else the form changes goes to the moved date */
      hd_record_set (moved, (guint) hd_entity_field_index (HD_ENTITY_BOOKING, "title"),
                     hd_record_get (draft, (guint) hd_entity_field_index (HD_ENTITY_BOOKING, "title")));
      hd_record_set (moved, (guint) hd_entity_field_index (HD_ENTITY_BOOKING, "seats"),
                     hd_record_get (draft, (guint) hd_entity_field_index (HD_ENTITY_BOOKING, "seats")));
      hd_record_set_string (moved, "room_id", hd_record_get_id (room));
      hd_record_set_string (moved, "status", hd_record_get_string (draft, "status"));
      g_ptr_array_add (drafts, g_steal_pointer (&series));
      g_ptr_array_add (drafts, g_steal_pointer (&moved));
    }
  else
    {
      /* the whole series moves with the date it was opened at */
      if (self->original != NULL && self->occurrence_start != 0)
        {
          gint64 first_start = 0, first_end = 0;

          hd_timestamp_parse (hd_record_get_string (self->original, "starts_at"), &first_start);
          hd_timestamp_parse (hd_record_get_string (self->original, "ends_at"), &first_end);
          g_free (starts_at);
          g_free (ends_at);
          starts_at = hd_timestamp_format (first_start + (start - self->occurrence_start));
          ends_at = hd_timestamp_format (first_start + (start - self->occurrence_start) +
                                         (end - start));
        }
      hd_record_set_string (draft, "starts_at", starts_at);
      hd_record_set_string (draft, "ends_at", ends_at);

      rule = rule_text (self);
      if (rule != NULL && *rule == '\0')
        {
          *out_problem = g_strdup (_("Enter the last date as 2026-12-31."));
          return NULL;
        }
      if (rule != NULL)
        hd_record_set_string (draft, "recurrence", rule);
      else
        hd_record_set_null (draft, "recurrence");
      g_ptr_array_add (drafts, g_steal_pointer (&draft));
    }

  for (guint i = 0; i < drafts->len; i++)
    if (!hd_record_validate (g_ptr_array_index (drafts, i), TRUE, &field, &error))
      {
        *out_problem = g_strdup (error->message);
        return NULL;
      }

  return g_steal_pointer (&drafts);
}

static void
show_warning (HdBookingEditor *self,
              const char      *text)
{
  /* always shown, empty while the booking fits: GTK 4.8 hands screen
   * readers a broken reference to a label shown after it was hidden */
  gtk_label_set_label (GTK_LABEL (self->warning), text != NULL ? text : "");
  if (text != NULL)
    gtk_widget_add_css_class (self->warning, "card");
  else
    gtk_widget_remove_css_class (self->warning, "card");
  gtk_widget_set_sensitive (self->save_button, text == NULL);
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  HdBookingEditor *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdRoomCheck) check = hd_room_check_draft_finish (HD_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }

  if (check == NULL)
    show_warning (self, error->message);
  else if (check->fits)
    show_warning (self, NULL);
  else
    {
      g_autofree char *text = hd_room_check_describe (check, zone (self));

      show_warning (self, text);
    }

  g_object_unref (self);
}

static gboolean
run_check (gpointer user_data)
{
  HdBookingEditor *self = user_data;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autofree char *problem = NULL;

  self->check_source = 0;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  drafts = make_drafts (self, &problem);
  if (drafts == NULL)
    {
      show_warning (self, problem);
      return G_SOURCE_REMOVE;
    }

  self->cancellable = g_cancellable_new ();
  hd_room_check_draft_async (hd_context_get_store (self->context), drafts,
                             g_get_real_time () / G_USEC_PER_SEC, self->cancellable,
                             on_checked, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
schedule_check (HdBookingEditor *self)
{
  if (self->check_source != 0)
    g_source_remove (self->check_source);
  self->check_source = g_timeout_add (150, run_check, self);
}

static void
update_sensitivity (HdBookingEditor *self)
{
  guint repeat = radio_selected (self->repeat_buttons, G_N_ELEMENTS (self->repeat_buttons));
  guint end_kind = radio_selected (self->end_buttons, G_N_ELEMENTS (self->end_buttons));
  gboolean only_this = self->occurrence_start != 0 && gtk_switch_get_active (self->only_switch);
  gboolean ends_shown = repeat != REPEAT_NONE && repeat != REPEAT_OTHER && !only_this;
  HdRecord *room = selected_room (self);

  gtk_widget_set_sensitive (self->seats_row, !gtk_switch_get_active (self->whole_switch));
  if (room != NULL)
    gtk_spin_button_set_range (self->seats_spin, 1, MAX (hd_record_get_int (room, "capacity", 1), 1));
  for (guint i = 0; i < G_N_ELEMENTS (self->repeat_rows); i++)
    if (self->repeat_rows[i] != NULL)
      gtk_widget_set_sensitive (self->repeat_rows[i], !only_this);
  gtk_widget_set_visible (self->end_group, ends_shown);
  gtk_widget_set_visible (GTK_WIDGET (self->until_row),
                          repeat != REPEAT_NONE && repeat != REPEAT_OTHER && !only_this &&
                          end_kind == END_ON_DATE);
  gtk_widget_set_visible (self->count_row,
                          repeat != REPEAT_NONE && repeat != REPEAT_OTHER && !only_this &&
                          end_kind == END_AFTER_TIMES);
}

static void
on_changed (HdBookingEditor *self)
{
  update_sensitivity (self);
  schedule_check (self);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(HdBookingEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  const char *message;

  if (!hd_booking_save_drafts_finish (HD_STORE (source), result, &error))
    {
      show_warning (self, error->message);
      return;
    }

  message = g_object_get_data (G_OBJECT (self), "saved-message");
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Saves @records in order (a series before the date moved out of it),
 * as the timeline saves a move: hd_booking_save_drafts_async(). */
static void
save_records (HdBookingEditor *self,
              GPtrArray       *records,
              const char      *message)
{
  g_object_set_data_full (G_OBJECT (self), "saved-message", g_strdup (message), g_free);
  gtk_widget_set_sensitive (self->save_button, FALSE);
  hd_booking_save_drafts_async (hd_context_get_store (self->context), records, NULL, on_saved,
                                g_object_ref (self));
}

static void
on_save (HdBookingEditor *self)
{
  g_autoptr(GPtrArray) drafts = NULL;
  g_autofree char *problem = NULL;

  drafts = make_drafts (self, &problem);
  if (drafts == NULL)
    {
      show_warning (self, problem);
      return;
    }

  save_records (self, drafts, self->original != NULL ? _("Booking changed") : _("Booking saved"));
}

static void
on_cancel_date (HdBookingEditor *self)
{
  g_autoptr(HdRecord) series = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GError) error = NULL;

  series = hd_booking_cancel_occurrence (self->original, zone (self), self->occurrence_start, &error);
  if (series == NULL)
    {
      show_warning (self, error->message);
      return;
    }
  g_ptr_array_add (records, g_steal_pointer (&series));
  save_records (self, records, _("This date is cancelled; the rest of the series stays"));
}

static void
on_cancel_booking (HdBookingEditor *self)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  HdRecord *copy = hd_record_copy (self->original);

  hd_record_set_string (copy, "status", "cancelled");
  g_ptr_array_add (records, copy);
  save_records (self, records, _("Booking cancelled"));
}

static void
on_check_in (HdBookingEditor *self)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  HdRecord *copy = hd_record_copy (self->original);
  g_autofree char *now = hd_timestamp_now ();

  hd_record_set_string (copy, "checked_in_at", now);
  g_ptr_array_add (records, copy);
  save_records (self, records, _("Checked in"));
}

static GtkWidget *
spin_row (const char     *title,
          GtkSpinButton **out_spin,
          double          min,
          double          max,
          double          value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  *out_spin = GTK_SPIN_BUTTON (spin);
  return row;
}

static GtkWidget *
switch_row (const char  *title,
            const char  *subtitle,
            GtkSwitch  **out_switch,
            gboolean     active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sw = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_switch_set_active (GTK_SWITCH (sw), active);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  /* the row names its switch (labelled-by) */
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  *out_switch = GTK_SWITCH (sw);
  return row;
}

static AdwComboRow *
combo_row (const char * const *items,
           const char         *title)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) list = gtk_string_list_new (items);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
  return ADW_COMBO_ROW (row);
}

static AdwEntryRow *
entry_row (const char *title,
           const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  return ADW_ENTRY_ROW (row);
}

static void on_changed (HdBookingEditor *self);

static void
on_date_chosen (HdDateButton *button,
                AdwEntryRow  *row)
{
  g_autofree char *text = g_date_time_format (hd_date_button_get_date (button), "%Y-%m-%d");

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* The calendar opens on the date typed. */
static void
on_date_typed (AdwEntryRow  *row,
               HdDateButton *button)
{
  int year, month, day;
  char end;
  g_autoptr(GDateTime) date = NULL;

  if (sscanf (gtk_editable_get_text (GTK_EDITABLE (row)), "%4d-%2d-%2d%c",
              &year, &month, &day, &end) != 3 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return;
  date = g_date_time_new_utc (year, month, day, 12, 0, 0);
  hd_date_button_set_date (button, date);
}

/* A calendar to pick the date of @row from; typing stays possible. */
static void
add_date_button (AdwEntryRow *row,
                 const char  *label)
{
  GtkWidget *button = hd_date_button_new (label);

  adw_entry_row_add_suffix (row, button);
  g_signal_connect (button, "date-chosen", G_CALLBACK (on_date_chosen), row);
  g_signal_connect (row, "changed", G_CALLBACK (on_date_typed), button);
  on_date_typed (row, HD_DATE_BUTTON (button));
}

/* A linked column of toggle buttons, one for each of @items, of which
 * one is active (@selected). */
static void
radio_rows (AdwPreferencesGroup  *group,
            const char * const   *items,
            guint                 selected,
            GtkToggleButton     **out_buttons,
            GtkWidget           **out_rows,
            HdBookingEditor      *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkToggleButton *first = NULL;

  gtk_widget_add_css_class (box, "linked");
  for (guint i = 0; items[i] != NULL; i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (items[i]);
      GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

      if (GTK_IS_LABEL (label))
        {
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_xalign (GTK_LABEL (label), 0);
        }
      if (first != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), first);
      else
        first = GTK_TOGGLE_BUTTON (button);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), i == selected);
      g_signal_connect_swapped (button, "toggled", G_CALLBACK (on_changed), self);
      gtk_box_append (GTK_BOX (box), button);
      out_buttons[i] = GTK_TOGGLE_BUTTON (button);
      out_rows[i] = button;
    }
  adw_preferences_group_add (group, box);
}

static GtkWidget *
action_button (const char *label,
               const char *css_class)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  if (css_class != NULL)
    gtk_widget_add_css_class (button, css_class);
  return button;
}

static void
build (HdBookingEditor *self,
       HdRecord        *room,
       gint64           start)
{
  GtkWidget *toolbar, *box, *page_box;
  AdwPreferencesGroup *group;
  g_autoptr(GtkStringList) room_names = gtk_string_list_new (NULL);
  const char *status_items[] = { _("Tentative"), _("Confirmed"), _("Cancelled"), NULL };
  const char *repeat_items[] = { _("Does not repeat"), _("Every week"),
                                 _("Every 2 weeks on Tuesday and Thursday"),
                                 _("Every month on the first Monday"), NULL, NULL };
  const char *end_items[] = { _("No end"), _("On a date"), _("After a number of times"), NULL };
  g_autofree char *other_label = NULL;
  g_autofree char *date = NULL;
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;
  const char *rule = NULL;
  gint64 end = start + 3600;
  guint repeat = REPEAT_NONE, end_kind = END_NEVER;
  int count = 10;
  g_autofree char *until_date = NULL;
  gint64 seats = -1;
  guint room_index = 0, status_index = 1;

  if (self->original != NULL)
    {
      const char *status = hd_record_get_string (self->original, "status");

      hd_timestamp_parse (hd_record_get_string (self->original, "starts_at"), &start);
      hd_timestamp_parse (hd_record_get_string (self->original, "ends_at"), &end);
      if (self->occurrence_start != 0)
        {
          end = self->occurrence_start + (end - start);
          start = self->occurrence_start;
        }
      seats = hd_record_get_int (self->original, "seats", -1);
      for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
        if (g_strcmp0 (status, statuses[i]) == 0)
          status_index = i;

      rule = hd_record_get_string (self->original, "recurrence");
      if (rule != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (rule, ";", -1);
          g_autoptr(GString) base = g_string_new (NULL);

          for (guint i = 0; parts[i] != NULL; i++)
            {
              if (g_str_has_prefix (parts[i], "COUNT="))
                {
                  end_kind = END_AFTER_TIMES;
                  count = atoi (parts[i] + 6);
                }
              else if (g_str_has_prefix (parts[i], "UNTIL=") && strlen (parts[i]) >= 14)
                {
                  end_kind = END_ON_DATE;
                  until_date = g_strdup_printf ("%.4s-%.2s-%.2s", parts[i] + 6, parts[i] + 10,
                                                parts[i] + 12);
                }
              else
                {
                  if (base->len > 0)
                    g_string_append_c (base, ';');
                  g_string_append (base, parts[i]);
                }
            }

          repeat = REPEAT_OTHER;
          for (guint i = 1; i < G_N_ELEMENTS (repeat_rules); i++)
            if (g_str_equal (base->str, repeat_rules[i]))
              repeat = i;
          if (repeat == REPEAT_OTHER)
            {
              self->other_rule = g_strdup (rule);
              /* Translators: a repeat rule Hubdesk has no words for, shown as it is */
              other_label = g_strdup_printf (_("Other: %s"), rule);
              repeat_items[REPEAT_OTHER] = other_label;
            }
        }
    }

  for (guint i = 0; self->rooms != NULL && i < self->rooms->len; i++)
    {
      HdRecord *r = g_ptr_array_index (self->rooms, i);
      const char *room_id = self->original != NULL
                            ? hd_record_get_string (self->original, "room_id")
                            : (room != NULL ? hd_record_get_id (room) : NULL);

      gtk_string_list_append (room_names, hd_record_get_string (r, "name"));
      if (g_strcmp0 (hd_record_get_id (r), room_id) == 0)
        room_index = i;
    }

  date = local_text (zone (self), start, "%Y-%m-%d");
  from = local_text (zone (self), start, "%H:%M");
  until = local_text (zone (self), end, "%H:%M");

  gtk_window_set_title (GTK_WINDOW (self), self->original != NULL ? _("Edit Booking")
                                                                   : _("New Booking"));
  gtk_window_set_default_size (GTK_WINDOW (self), 360, 640);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  self->save_button = gtk_button_new_with_mnemonic (_("_Save"));
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save), self);
  toolbar = hd_editor_chrome_new (GTK_WINDOW (self), gtk_button_new_with_mnemonic (_("_Cancel")),
                                  self->save_button);
  page_box = hd_editor_chrome_add_page (toolbar, 560);

  self->warning = GTK_WIDGET (hd_editor_problem_new (_("Why the booking cannot be saved")));
  gtk_box_append (GTK_BOX (page_box), self->warning);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  self->title_row = entry_row (_("Title"), self->original != NULL
                                           ? hd_record_get_string (self->original, "title") : NULL);
  adw_preferences_group_add (group, GTK_WIDGET (self->title_row));
  self->room_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->room_row), _("Room"));
  adw_combo_row_set_model (self->room_row, G_LIST_MODEL (room_names));
  adw_combo_row_set_selected (self->room_row, room_index);
  adw_preferences_group_add (group, GTK_WIDGET (self->room_row));
  self->date_row = entry_row (_("Date (YYYY-MM-DD)"), date);
  add_date_button (self->date_row, _("Choose Date"));
  adw_preferences_group_add (group, GTK_WIDGET (self->date_row));
  self->start_row = entry_row (_("Starts at"), from);
  adw_preferences_group_add (group, GTK_WIDGET (self->start_row));
  self->end_row = entry_row (_("Ends at"), until);
  adw_preferences_group_add (group, GTK_WIDGET (self->end_row));
  adw_preferences_group_add (group, switch_row (_("Whole room"),
                                                _("Off: only some seats or desks"),
                                                &self->whole_switch, seats <= 0));
  self->seats_row = spin_row (_("Seats"), &self->seats_spin, 1, 1000, seats > 0 ? (double) seats : 1);
  adw_preferences_group_add (group, self->seats_row);
  self->status_row = combo_row (status_items, _("Status"));
  adw_combo_row_set_selected (self->status_row, status_index);
  adw_preferences_group_add (group, GTK_WIDGET (self->status_row));
  gtk_box_append (GTK_BOX (page_box), GTK_WIDGET (group));

  /* Whom the booking is for. */
  for (guint i = 0; i < G_N_ELEMENTS (for_fields); i++)
    {
      const char *hub_id = self->original != NULL ? hd_record_get_hub_id (self->original)
                                                  : room != NULL ? hd_record_get_hub_id (room) : NULL;

      group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (group, _(for_fields[i].label));
      self->for_pickers[i] = HD_RECORD_PICKER (hd_record_picker_new (self->context, for_fields[i].entity,
                                                                     hub_id, _(for_fields[i].label)));
      if (self->original != NULL)
        hd_record_picker_set_id (self->for_pickers[i],
                                 hd_record_get_string (self->original, for_fields[i].field));
      g_signal_connect_swapped (self->for_pickers[i], "changed", G_CALLBACK (on_changed), self);
      adw_preferences_group_add (group, GTK_WIDGET (self->for_pickers[i]));
      gtk_box_append (GTK_BOX (page_box), GTK_WIDGET (group));
    }

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Repeats"));
  radio_rows (group, repeat_items, repeat, self->repeat_buttons, self->repeat_rows, self);
  gtk_box_append (GTK_BOX (page_box), GTK_WIDGET (group));

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Ends"));
  self->end_group = GTK_WIDGET (group);
  radio_rows (group, end_items, end_kind, self->end_buttons, self->end_rows, self);
  self->until_row = entry_row (_("Last date (YYYY-MM-DD)"), until_date);
  add_date_button (self->until_row, _("Choose Last Date"));
  adw_preferences_group_add (group, GTK_WIDGET (self->until_row));
  self->count_row = spin_row (_("Number of times"), &self->count_spin, 1, 500, count);
  adw_preferences_group_add (group, self->count_row);
  gtk_box_append (GTK_BOX (page_box), GTK_WIDGET (group));

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  self->only_switch = NULL;
  {
    GtkSwitch *only = NULL;
    GtkWidget *row = switch_row (_("Change only this date"),
                                 _("The other dates of the series stay as they are"),
                                 &only, TRUE);

    self->only_switch = only;
    adw_preferences_group_add (group, row);
    gtk_widget_set_visible (GTK_WIDGET (group), self->occurrence_start != 0);
  }
  gtk_box_append (GTK_BOX (page_box), GTK_WIDGET (group));

  if (self->original != NULL)
    {
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
      if (hd_record_get_string (self->original, "checked_in_at") == NULL)
        {
          GtkWidget *button = action_button (_("Check In"), NULL);

          g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_check_in), self);
          gtk_box_append (GTK_BOX (box), button);
        }
      if (self->occurrence_start != 0)
        {
          GtkWidget *button = action_button (_("Cancel This Date Only"), "destructive-action");

          g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_cancel_date), self);
          gtk_box_append (GTK_BOX (box), button);
        }
      if (g_strcmp0 (hd_record_get_string (self->original, "status"), "cancelled") != 0)
        {
          GtkWidget *button = action_button (self->occurrence_start != 0
                                             ? _("Cancel Whole Series") : _("Cancel Booking"),
                                             "destructive-action");

          g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_cancel_booking), self);
          gtk_box_append (GTK_BOX (box), button);
        }
      gtk_box_append (GTK_BOX (page_box), box);
    }


  g_signal_connect_swapped (self->title_row, "changed", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->date_row, "changed", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->start_row, "changed", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->end_row, "changed", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->until_row, "changed", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->room_row, "notify::selected", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->status_row, "notify::selected", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->whole_switch, "notify::active", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->only_switch, "notify::active", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->seats_spin, "value-changed", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->count_spin, "value-changed", G_CALLBACK (on_changed), self);

  update_sensitivity (self);
  schedule_check (self);
}

static void
hd_booking_editor_dispose (GObject *object)
{
  HdBookingEditor *self = HD_BOOKING_EDITOR (object);

  if (self->check_source != 0)
    {
      g_source_remove (self->check_source);
      self->check_source = 0;
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (hd_booking_editor_parent_class)->dispose (object);
}

static void
hd_booking_editor_finalize (GObject *object)
{
  HdBookingEditor *self = HD_BOOKING_EDITOR (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->rooms, g_ptr_array_unref);
  g_clear_pointer (&self->original, hd_record_unref);
  g_free (self->other_rule);

  G_OBJECT_CLASS (hd_booking_editor_parent_class)->finalize (object);
}

static void
hd_booking_editor_class_init (HdBookingEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_booking_editor_dispose;
  object_class->finalize = hd_booking_editor_finalize;

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hd_booking_editor_init (HdBookingEditor *self)
{
}

GtkWidget *
hd_booking_editor_new (GtkWindow *parent,
                       HdContext *context,
                       GPtrArray *rooms,
                       HdRecord  *booking,
                       gint64     occurrence_start,
                       HdRecord  *room,
                       gint64     start)
{
  HdBookingEditor *self = g_object_new (HD_TYPE_BOOKING_EDITOR,
                                        "transient-for", parent,
                                        NULL);

  self->context = g_object_ref (context);
  self->rooms = rooms != NULL ? g_ptr_array_ref (rooms) : NULL;
  self->original = booking != NULL ? hd_record_ref (booking) : NULL;
  self->occurrence_start = booking != NULL && hd_record_get_string (booking, "recurrence") != NULL
                           ? occurrence_start : 0;
  build (self, room, start);

  return GTK_WIDGET (self);
}

void
hd_booking_editor_set_times (HdBookingEditor *self,
                             HdRecord        *room,
                             gint64           start,
                             gint64           end,
                             gboolean         only_this_date)
{
  g_autofree char *date = NULL;
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;

  g_return_if_fail (HD_IS_BOOKING_EDITOR (self));

  for (guint i = 0; room != NULL && self->rooms != NULL && i < self->rooms->len; i++)
    if (g_strcmp0 (hd_record_get_id (g_ptr_array_index (self->rooms, i)),
                   hd_record_get_id (room)) == 0)
      adw_combo_row_set_selected (self->room_row, i);

  date = local_text (zone (self), start, "%Y-%m-%d");
  from = local_text (zone (self), start, "%H:%M");
  until = local_text (zone (self), end, "%H:%M");
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  gtk_editable_set_text (GTK_EDITABLE (self->start_row), from);
  gtk_editable_set_text (GTK_EDITABLE (self->end_row), until);
  if (self->only_switch != NULL && self->occurrence_start != 0)
    gtk_switch_set_active (self->only_switch, only_this_date);
  schedule_check (self);
}
