/* hd-room-editor.c — a window to add a room or change every field of one;
 * a room with bookings is archived instead of deleted
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-room-editor.h"
#include "widgets/hd-editor-chrome.h"

struct _HdRoomEditor
{
  AdwWindow      parent_instance;

  HdContext     *context;
  HdRecord      *original;     /* NULL for a new room */

  GtkWidget     *problem;
  GtkWidget     *save_button;
  AdwComboRow   *hub_row;
  AdwEntryRow   *name_row;
  AdwComboRow   *kind_row;
  GtkSpinButton *capacity_spin;
  AdwEntryRow   *from_row;
  AdwEntryRow   *until_row;
  AdwEntryRow   *equipment_row;
  AdwEntryRow   *notes_row;
  GtkSwitch     *archived_switch;
};

G_DEFINE_FINAL_TYPE (HdRoomEditor, hd_room_editor, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
kind_value (guint index)
{
  const HdField *field = hd_entity_field (HD_ENTITY_ROOM,
                                          (guint) hd_entity_field_index (HD_ENTITY_ROOM, "kind"));
  guint n = g_strv_length ((char **) field->values);

  return field->values[MIN (index, n - 1)];
}

static const char *
hub_id_chosen (HdRoomEditor *self)
{
  GListModel *hubs = hd_context_get_hubs (self->context);
  g_autoptr(HdRecordObject) object = NULL;

  if (self->original != NULL)
    return hd_record_get_hub_id (self->original);
  object = g_list_model_get_item (hubs, adw_combo_row_get_selected (self->hub_row));
  return object != NULL ? hd_record_get_id (hd_record_object_get_record (object)) : NULL;
}

static void
set_text_field (HdRecord    *record,
                const char  *field,
                AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  if (text != NULL && *text != '\0')
    hd_record_set_string (record, field, text);
  else
    hd_record_set_null (record, field);
}

static HdRecord *
make_record (HdRoomEditor *self)
{
  HdRecord *room;
  const char *hub_id = hub_id_chosen (self);

  if (self->original != NULL)
    room = hd_record_copy (self->original);
  else
    room = hd_record_new (HD_ENTITY_ROOM, hub_id);

  set_text_field (room, "name", self->name_row);
  hd_record_set_string (room, "kind", kind_value (adw_combo_row_get_selected (self->kind_row)));
  hd_record_set_int (room, "capacity", gtk_spin_button_get_value_as_int (self->capacity_spin));
  set_text_field (room, "open_from", self->from_row);
  set_text_field (room, "open_until", self->until_row);
  set_text_field (room, "equipment", self->equipment_row);
  set_text_field (room, "notes", self->notes_row);
  hd_record_set_bool (room, "archived", gtk_switch_get_active (self->archived_switch));

  return room;
}

static void
show_problem (HdRoomEditor *self,
              const char   *text)
{
  gtk_label_set_label (GTK_LABEL (self->problem), text != NULL ? text : "");
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(HdRoomEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!hd_store_save_finish (HD_STORE (source), result, &error))
    {
      show_problem (self, error->message);
      gtk_widget_set_sensitive (self->save_button, TRUE);
      return;
    }

  g_signal_emit (self, signals[SIGNAL_SAVED], 0,
                 g_object_get_data (G_OBJECT (self), "saved-message"));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_room (HdRoomEditor *self,
           HdRecord     *room,
           const char   *message)
{
  g_autoptr(GError) error = NULL;

  if (!hd_record_validate (room, TRUE, NULL, &error))
    {
      show_problem (self, error->message);
      return;
    }

  show_problem (self, NULL);
  g_object_set_data_full (G_OBJECT (self), "saved-message", g_strdup (message), g_free);
  gtk_widget_set_sensitive (self->save_button, FALSE);
  hd_store_save_async (hd_context_get_store (self->context), room, NULL, on_saved,
                       g_object_ref (self));
}

static void
on_save (HdRoomEditor *self)
{
  g_autoptr(HdRecord) room = make_record (self);

  save_room (self, room, self->original != NULL ? _("Room changed") : _("Room added"));
}

static void
on_deleted (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(HdRoomEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!hd_store_delete_finish (HD_STORE (source), result, &error))
    {
      g_autoptr(HdRecord) room = NULL;

      if (!g_error_matches (error, HD_STORE_ERROR, HD_STORE_ERROR_IN_USE))
        {
          show_problem (self, error->message);
          return;
        }

      /* bookings refer to it: it stays, archived */
      room = hd_record_copy (self->original);
      hd_record_set_bool (room, "archived", TRUE);
      save_room (self, room, _("The room has bookings, so it was archived instead of deleted"));
      return;
    }

  g_signal_emit (self, signals[SIGNAL_SAVED], 0, _("Room deleted"));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_delete (HdRoomEditor *self)
{
  hd_store_delete_async (hd_context_get_store (self->context), HD_ENTITY_ROOM,
                         hd_record_get_id (self->original), NULL, on_deleted,
                         g_object_ref (self));
}

static AdwEntryRow *
entry_row (AdwPreferencesGroup *group,
           const char          *title,
           const char          *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  adw_preferences_group_add (group, row);
  return ADW_ENTRY_ROW (row);
}

static char *
hub_name (gpointer item,
          gpointer user_data)
{
  HdRecord *hub = hd_record_object_get_record (HD_RECORD_OBJECT (item));

  return g_strdup (hd_record_get_string (hub, "name"));
}

static void
build (HdRoomEditor *self)
{
  const HdField *kind_field = hd_entity_field (HD_ENTITY_ROOM,
                                               (guint) hd_entity_field_index (HD_ENTITY_ROOM, "kind"));
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  GtkWidget *toolbar, *box, *row, *spin, *sw;
  AdwPreferencesGroup *group;
  HdRecord *r = self->original;
  const char *kind = r != NULL ? hd_record_get_string (r, "kind") : "meeting_room";
  guint kind_index = 0;

  for (guint i = 0; kind_field->values[i] != NULL; i++)
    {
      gtk_string_list_append (kinds, hd_enum_value_label (kind_field->values[i]));
      if (g_strcmp0 (kind, kind_field->values[i]) == 0)
        kind_index = i;
    }

  gtk_window_set_title (GTK_WINDOW (self), r != NULL ? _("Edit Room") : _("New Room"));
  gtk_window_set_default_size (GTK_WINDOW (self), 360, 640);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  self->save_button = gtk_button_new_with_mnemonic (_("_Save"));
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (on_save), self);
  toolbar = hd_editor_chrome_new (GTK_WINDOW (self), gtk_button_new_with_mnemonic (_("_Cancel")),
                                  self->save_button);
  box = hd_editor_chrome_add_page (toolbar, 600);   /* AdwClamp's own width */

  self->problem = GTK_WIDGET (hd_editor_problem_new (NULL));
  gtk_box_append (GTK_BOX (box), self->problem);

  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  if (r == NULL)
    {
      GListModel *hubs = hd_context_get_hubs (self->context);
      const char *chosen = hd_context_get_hub_id (self->context);
      g_autoptr(GtkExpression) expression = NULL;

      self->hub_row = ADW_COMBO_ROW (adw_combo_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->hub_row), _("Hub"));
      expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                G_CALLBACK (hub_name), NULL, NULL);
      adw_combo_row_set_expression (self->hub_row, expression);
      adw_combo_row_set_model (self->hub_row, hubs);
      for (guint i = 0; chosen != NULL && i < g_list_model_get_n_items (hubs); i++)
        {
          g_autoptr(HdRecordObject) object = g_list_model_get_item (hubs, i);

          if (g_strcmp0 (hd_record_get_id (hd_record_object_get_record (object)), chosen) == 0)
            adw_combo_row_set_selected (self->hub_row, i);
        }
      adw_preferences_group_add (group, GTK_WIDGET (self->hub_row));
    }
  self->name_row = entry_row (group, _("Name"), r != NULL ? hd_record_get_string (r, "name") : NULL);
  self->kind_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kind_row), _("Kind"));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  adw_combo_row_set_selected (self->kind_row, kind_index);
  adw_preferences_group_add (group, GTK_WIDGET (self->kind_row));

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Seats or desks"));
  spin = gtk_spin_button_new_with_range (1, 1000, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin),
                             r != NULL ? (double) hd_record_get_int (r, "capacity", 10) : 10);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Seats or desks"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  self->capacity_spin = GTK_SPIN_BUTTON (spin);
  adw_preferences_group_add (group, row);

  self->from_row = entry_row (group, _("Opens at (empty: 08:00)"),
                              r != NULL ? hd_record_get_string (r, "open_from") : NULL);
  self->until_row = entry_row (group, _("Closes at (empty: 18:00)"),
                               r != NULL ? hd_record_get_string (r, "open_until") : NULL);
  self->equipment_row = entry_row (group, _("Equipment"),
                                   r != NULL ? hd_record_get_string (r, "equipment") : NULL);
  self->notes_row = entry_row (group, _("Notes"), r != NULL ? hd_record_get_string (r, "notes") : NULL);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Archived"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("No longer offered for bookings"));
  sw = gtk_switch_new ();
  gtk_switch_set_active (GTK_SWITCH (sw), r != NULL && hd_record_get_bool (r, "archived"));
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  self->archived_switch = GTK_SWITCH (sw);
  adw_preferences_group_add (group, row);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (group));

  if (r != NULL)
    {
      GtkWidget *button = gtk_button_new_with_label (_("Delete Room"));

      gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_add_css_class (button, "destructive-action");
      gtk_widget_set_tooltip_text (button, _("A room with bookings is archived instead"));
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_delete), self);
      gtk_box_append (GTK_BOX (box), button);
    }

}

static void
hd_room_editor_finalize (GObject *object)
{
  HdRoomEditor *self = HD_ROOM_EDITOR (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->original, hd_record_unref);

  G_OBJECT_CLASS (hd_room_editor_parent_class)->finalize (object);
}

static void
hd_room_editor_class_init (HdRoomEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = hd_room_editor_finalize;
  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
hd_room_editor_init (HdRoomEditor *self)
{
}

GtkWidget *
hd_room_editor_new (GtkWindow *parent,
                    HdContext *context,
                    HdRecord  *room)
{
  HdRoomEditor *self = g_object_new (HD_TYPE_ROOM_EDITOR, "transient-for", parent, NULL);

  self->context = g_object_ref (context);
  self->original = room != NULL ? hd_record_ref (room) : NULL;
  build (self);
  return GTK_WIDGET (self);
}
