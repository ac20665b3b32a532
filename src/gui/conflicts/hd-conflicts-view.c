/* hd-conflicts-view.c — changes that need a decision: conflicts with a
 * colleague's edits, and changes the server refused
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lists the open entries of the sync ledger through the profile's
 * HdSyncEngine. A conflict opens side by side, field by field: the
 * person keeps their value, the server's, or types one of their own;
 * the engine then sends the outcome as a new change. A refused change
 * can be sent again or discarded (back to the server's copy).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "hd-view.h"
#include "hd-conflicts-view.h"
#include "rooms/hd-booking-editor.h"
#include "widgets/hd-a11y.h"
#include "widgets/hd-format.h"

typedef struct {
  guint           index;
  const HdField  *field;
  GtkCheckButton *mine;
  GtkCheckButton *theirs;
  GtkCheckButton *own;
  AdwEntryRow    *entry;
} FieldChoice;

struct _HdConflictsView
{
  GtkWidget            parent_instance;

  HdContext           *context;
  GCancellable        *list_cancellable;
  GCancellable        *cancellable;
  GPtrArray           *conflicts;      /* HdSyncConflict * */
  GPtrArray           *rejections;     /* HdSyncRejection * */
  GPtrArray           *rows;           /* rows added to the groups */
  HdSyncConflict      *shown;          /* the conflict in the detail page */
  GArray              *choices;        /* FieldChoice */
  gboolean             busy;

  /* template */
  GtkStack            *stack;
  AdwStatusPage       *empty_page;
  AdwPreferencesGroup *conflicts_group;
  AdwPreferencesGroup *rejections_group;
  GtkBox              *detail_box;
};

static void hd_conflicts_view_iface_init (HdViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HdConflictsView, hd_conflicts_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (HD_TYPE_VIEW, hd_conflicts_view_iface_init))

static void reload (HdConflictsView *self);

static HdSyncEngine *
engine_of (HdConflictsView *self)
{
  return self->context != NULL ? hd_context_get_sync_engine (self->context) : NULL;
}

/* ---- words for records and values ---- */

static char *
record_title (const HdRecord *record)
{
  static const char * const names[] = { "title", "name", "topic" };
  HdEntity entity;

  if (record == NULL)
    return NULL;

  entity = hd_record_get_entity (record);
  if (entity == HD_ENTITY_PERSON)
    {
      g_autofree char *name = hd_format_person_name (record);

      if (name != NULL && *name != '\0')
        return g_steal_pointer (&name);
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (hd_entity_field_index (entity, names[i]) >= 0)
      {
        const char *value = hd_record_get_string (record, names[i]);

        if (value != NULL && *value != '\0')
          return g_strdup (value);
      }

  return NULL;
}

static char *
conflict_title (const HdSyncConflict *conflict)
{
  const HdRecord *candidates[] = { conflict->local, conflict->server, conflict->base,
                                   conflict->local_changes };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      char *title = record_title (candidates[i]);

      if (title != NULL)
        return title;
    }

  /* Translators: a record without a title, e.g. "Untitled booking" */
  return g_strdup_printf (_("Untitled %s"), hd_entity_label (conflict->entity));
}

static char *
value_text (HdConflictsView *self,
            const HdField   *field,
            GVariant        *value)
{
  if (value == NULL)
    return g_strdup (_("(empty)"));

  switch (field->type)
    {
    case HD_TYPE_INT:
      return hd_format_count (g_variant_get_int64 (value));

    case HD_TYPE_BOOL:
      return g_strdup (g_variant_get_boolean (value) ? _("Yes") : _("No"));

    case HD_TYPE_ENUM:
      return g_strdup (hd_format_enum (g_variant_get_string (value, NULL)));

    case HD_TYPE_TIMESTAMP:
      return hd_format_timestamp (g_variant_get_string (value, NULL),
                                  hd_context_get_timezone (self->context));

    case HD_TYPE_DATE:
      return hd_format_iso_date (g_variant_get_string (value, NULL));

    case HD_TYPE_ENUM_SET:
    case HD_TYPE_STRV:
    case HD_TYPE_REF_LIST:
      {
        g_autofree const char **items = g_variant_get_strv (value, NULL);
        g_autoptr(GString) text = g_string_new (NULL);

        for (guint i = 0; items[i] != NULL; i++)
          {
            if (i > 0)
              g_string_append (text, ", ");
            g_string_append (text, field->type == HD_TYPE_ENUM_SET ? hd_format_enum (items[i])
                                                                    : items[i]);
          }
        if (text->len == 0)
          return g_strdup (_("(empty)"));
        return g_string_free (g_steal_pointer (&text), FALSE);
      }

    default:
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        {
          const char *text = g_variant_get_string (value, NULL);

          return g_strdup (*text != '\0' ? text : _("(empty)"));
        }
      return g_variant_print (value, FALSE);
    }
}

/* Fields whose value can be typed in one line. */
static gboolean
field_is_editable (const HdField *field)
{
  switch (field->type)
    {
    case HD_TYPE_STRING:
    case HD_TYPE_TEXT:
    case HD_TYPE_INT:
    case HD_TYPE_URL:
    case HD_TYPE_EMAIL:
    case HD_TYPE_STRV:
      return TRUE;
    default:
      return FALSE;
    }
}

/* The text a person edits from; "" for none. */
static char *
value_edit_text (const HdField *field,
                 GVariant      *value)
{
  if (value == NULL)
    return g_strdup ("");

  if (field->type == HD_TYPE_INT)
    return g_strdup_printf ("%lld", (long long) g_variant_get_int64 (value));

  if (field->type == HD_TYPE_STRV)
    {
      g_autofree const char **items = g_variant_get_strv (value, NULL);

      return g_strjoinv (", ", (char **) items);
    }

  return g_strdup (g_variant_get_string (value, NULL));
}

static GVariant *
value_from_text (const HdField  *field,
                 const char     *text,
                 GError        **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (*stripped == '\0' && field->type != HD_TYPE_TEXT)
    return NULL;

  if (field->type == HD_TYPE_INT)
    {
      gint64 number;

      if (!g_ascii_string_to_signed (stripped, 10, G_MININT64, G_MAXINT64, &number, NULL))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       /* Translators: %s is a field, e.g. "Capacity" */
                       _("%s needs a whole number."), hd_field_label (field));
          return NULL;
        }
      return g_variant_new_int64 (number);
    }

  if (field->type == HD_TYPE_STRV)
    {
      g_auto(GStrv) parts = g_strsplit (stripped, ",", -1);
      g_autoptr(GPtrArray) items = g_ptr_array_new ();

      for (guint i = 0; parts[i] != NULL; i++)
        if (*g_strstrip (parts[i]) != '\0')
          g_ptr_array_add (items, parts[i]);
      return g_variant_new_strv ((const char * const *) items->pdata, items->len);
    }

  return g_variant_new_string (field->type == HD_TYPE_TEXT ? text : stripped);
}

/* ---- rejections in words ---- */

static char *
rejection_reason (const HdSyncRejection *rejection)
{
  const char *code = rejection->code != NULL ? rejection->code : "";

  if (g_str_equal (code, "room_unavailable"))
    return g_strdup (_("The room is already booked at that time, or has too few free seats."));
  if (g_str_equal (code, "event_full"))
    return g_strdup (_("The event is full. The person can go on the waiting list instead."));
  if (g_str_equal (code, "in_use"))
    return g_strdup (_("Other records refer to this one, so it cannot be deleted. Archive it instead."));
  if (g_str_equal (code, "forbidden"))
    return g_strdup (_("Your account may not change records of this hub."));
  if (g_str_equal (code, "invalid"))
    return g_strdup (_("The server does not accept one of the values."));

  return g_strdup (_("The server refused this change."));
}

/* What the rejection's details say, in the person's words: the bookings
 * a booking clashes with, the free seats, the field refused. The server's
 * own message (in the server's language) only for a reason not known
 * here. */
static char *
rejection_details (HdConflictsView       *self,
                   const HdSyncRejection *rejection)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *details = NULL;
  const char *code = rejection->code != NULL ? rejection->code : "";
  gboolean known = g_str_equal (code, "room_unavailable") || g_str_equal (code, "event_full") ||
                   g_str_equal (code, "in_use") || g_str_equal (code, "forbidden") ||
                   g_str_equal (code, "invalid");

  if (!known && rejection->message != NULL)
    g_string_append (text, rejection->message);

  if (rejection->reason_json != NULL)
    node = json_from_string (rejection->reason_json, NULL);
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonNode *member = json_object_get_member (json_node_get_object (node), "details");

      if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
        details = json_node_get_object (member);
    }
  if (details == NULL)
    return g_string_free (g_steal_pointer (&text), FALSE);

  if (g_str_equal (code, "room_unavailable"))
    {
      JsonNode *clashes = json_object_get_member (details, "clashes");
      gint64 free_seats = json_object_get_int_member_with_default (details, "free_seats", 0);

      for (guint i = 0; clashes != NULL && JSON_NODE_HOLDS_ARRAY (clashes) &&
                        i < json_array_get_length (json_node_get_array (clashes)) && i < 3; i++)
        {
          JsonNode *item = json_array_get_element (json_node_get_array (clashes), i);
          JsonObject *clash = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
          const char *title;
          g_autofree char *when = NULL;

          if (clash == NULL)
            continue;
          title = json_object_get_string_member_with_default (clash, "title", NULL);
          when = hd_format_timestamp_range (json_object_get_string_member_with_default (clash, "starts_at", NULL),
                                            json_object_get_string_member_with_default (clash, "ends_at", NULL),
                                            hd_context_get_timezone (self->context));
          if (text->len > 0)
            g_string_append (text, " ");
          if (title != NULL && *title != '\0')
            /* Translators: a booking the refused one clashes with, and its time */
            g_string_append_printf (text, _("Booked meanwhile: “%s”, %s."), title, when);
          else
            g_string_append_printf (text, _("Booked meanwhile: %s."), when);
        }

      /* "No seat is free" says no more than the reason does. */
      if (free_seats > 0)
        {
          if (text->len > 0)
            g_string_append (text, " ");
          g_string_append_printf (text,
                                  ngettext ("%lld seat is free then.", "%lld seats are free then.",
                                            free_seats),
                                  (long long) free_seats);
        }
    }
  else if (g_str_equal (code, "invalid"))
    {
      const char *name = json_object_get_string_member_with_default (details, "field", NULL);
      int index = name != NULL ? hd_entity_field_index (rejection->entity, name) : -1;

      if (index >= 0)
        {
          if (text->len > 0)
            g_string_append (text, " ");
          /* Translators: %s is a field, e.g. "Capacity" */
          g_string_append_printf (text, _("It concerns the field “%s”."),
                                  hd_field_label (hd_entity_field (rejection->entity, (guint) index)));
        }
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ---- the list ---- */

static void
clear_rows (HdConflictsView *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static void show_conflict (HdConflictsView *self, const HdSyncConflict *conflict);

static void
on_resolve_clicked (GtkButton       *button,
                    HdConflictsView *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "row");
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "index"));

  if (self->conflicts != NULL && index < self->conflicts->len)
    show_conflict (self, g_ptr_array_index (self->conflicts, index));
}

static void rejection_act (HdConflictsView *self, GtkWidget *button, const char *what);

static void
on_discard_clicked (GtkButton       *button,
                    HdConflictsView *self)
{
  rejection_act (self, GTK_WIDGET (button), "discard");
}

static void
on_retry_clicked (GtkButton       *button,
                  HdConflictsView *self)
{
  rejection_act (self, GTK_WIDGET (button), "retry");
}

/* ---- fixing a refused booking or registration ---- */

/* A refused change is fixed by sending it again changed: the booking in
 * another room or at another time (the booking editor, with its capacity
 * warning), the registration on the waiting list. */

static void set_busy (HdConflictsView *self, gboolean busy);
static void on_decided (GObject *source, GAsyncResult *result, gpointer user_data);

typedef struct {
  HdConflictsView *self;
  HdEntity         entity;
  char            *record_id;
  HdRecord        *record;
} FixData;

static void
fix_data_free (FixData *fix)
{
  g_object_unref (fix->self);
  g_free (fix->record_id);
  g_clear_pointer (&fix->record, hd_record_unref);
  g_free (fix);
}

static HdSyncRejection *
rejection_of_button (HdConflictsView *self,
                     GtkWidget       *button)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "row");
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "index"));

  if (self->rejections == NULL || index >= self->rejections->len)
    return NULL;
  return g_ptr_array_index (self->rejections, index);
}

static void
send_fixed (HdConflictsView *self,
            HdEntity         entity,
            const char      *record_id,
            HdRecord        *fixed)
{
  HdSyncEngine *engine = engine_of (self);

  if (engine == NULL || self->busy)
    return;

  set_busy (self, TRUE);
  hd_sync_engine_retry_rejected_async (engine, entity, record_id, fixed,
                                       self->cancellable, on_decided, self);
}

static void
on_saved_record (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(HdConflictsView) self = user_data;
  g_autoptr(HdRecord) saved = hd_context_get_record_finish (HD_CONTEXT (source), result, NULL);

  /* The editor saved the booking here; now it is sent whole, as a fix. */
  if (saved != NULL)
    send_fixed (self, hd_record_get_entity (saved), hd_record_get_id (saved), saved);
}

static void
on_booking_saved (FixData    *fix,
                  const char *message)
{
  hd_context_get_record_async (fix->self->context, fix->entity, fix->record_id,
                               fix->self->list_cancellable, on_saved_record,
                               g_object_ref (fix->self));
}

static void
on_fix_rooms (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  FixData *fix = user_data;
  g_autoptr(GPtrArray) rooms = hd_store_query_finish (HD_STORE (source), result, NULL);
  GtkWidget *editor;
  HdRecord *room = NULL;
  const char *room_id;

  if (rooms == NULL || rooms->len == 0 || gtk_widget_get_root (GTK_WIDGET (fix->self)) == NULL)
    {
      fix_data_free (fix);
      return;
    }

  room_id = hd_record_get_string (fix->record, "room_id");
  for (guint i = 0; i < rooms->len; i++)
    if (g_strcmp0 (hd_record_get_id (g_ptr_array_index (rooms, i)), room_id) == 0)
      room = g_ptr_array_index (rooms, i);

  editor = hd_booking_editor_new (hd_view_get_window (HD_VIEW (fix->self)),
                                  fix->self->context, rooms, fix->record, 0, room, 0);
  g_signal_connect_data (editor, "saved", G_CALLBACK (on_booking_saved), fix,
                         (GClosureNotify) (void (*) (void)) fix_data_free, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_fix_record (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  FixData *fix = user_data;
  HdQuery query = { .entity = HD_ENTITY_ROOM };

  fix->record = hd_context_get_record_finish (HD_CONTEXT (source), result, NULL);
  if (fix->record == NULL)
    {
      hd_view_show_toast (HD_VIEW (fix->self), _("This record is no longer there."));
      fix_data_free (fix);
      return;
    }

  if (fix->entity == HD_ENTITY_REGISTRATION)
    {
      g_autoptr(HdRecord) fixed = hd_record_copy (fix->record);

      hd_record_set_string (fixed, "status", "waitlisted");
      send_fixed (fix->self, fix->entity, fix->record_id, fixed);
      fix_data_free (fix);
      return;
    }

  /* A booking: the rooms of its hub to choose from. */
  query.hub_id = hd_record_get_hub_id (fix->record);
  hd_store_query_async (hd_context_get_store (fix->self->context), &query,
                        fix->self->list_cancellable, on_fix_rooms, fix);
}

static void
on_fix_clicked (GtkButton       *button,
                HdConflictsView *self)
{
  HdSyncRejection *rejection = rejection_of_button (self, GTK_WIDGET (button));
  FixData *fix;

  if (rejection == NULL || self->busy)
    return;

  fix = g_new0 (FixData, 1);
  fix->self = g_object_ref (self);
  fix->entity = rejection->entity;
  fix->record_id = g_strdup (rejection->record_id);
  hd_context_get_record_async (self->context, rejection->entity, rejection->record_id,
                               self->list_cancellable, on_fix_record, fix);
}

static GtkWidget *
text_button (const char *label,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

static void
on_rejected_record (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GtkWidget) row = user_data;
  g_autoptr(HdRecord) record = hd_context_get_record_finish (HD_CONTEXT (source), result, NULL);
  g_autofree char *title = record_title (record);

  if (title != NULL && gtk_widget_get_parent (row) != NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      gtk_label_set_label (GTK_LABEL (g_object_get_data (G_OBJECT (row), "title")), title);
    }
}

static void
rebuild (HdConflictsView *self)
{
  HdSyncEngine *engine = engine_of (self);
  guint n_conflicts = self->conflicts != NULL ? self->conflicts->len : 0;
  guint n_rejections = self->rejections != NULL ? self->rejections->len : 0;

  clear_rows (self);

  for (guint i = 0; i < n_conflicts; i++)
    {
      HdSyncConflict *conflict = g_ptr_array_index (self->conflicts, i);
      g_autofree char *title = conflict_title (conflict);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      guint n_fields = conflict->fields != NULL ? g_strv_length (conflict->fields) : 0;

      if (n_fields == 0)
        subtitle = g_strdup_printf ("%s · %s", hd_entity_label (conflict->entity),
                                    conflict->local_delete ? _("You deleted it; it was changed on the server")
                                                           : _("You changed it; it was deleted on the server"));
      else
        subtitle = g_strdup_printf (ngettext ("%s · %u field changed here and on the server",
                                              "%s · %u fields changed here and on the server",
                                              n_fields),
                                    hd_entity_label (conflict->entity), n_fields);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      {
        GtkWidget *button = text_button (_("Resolve…"), _("Compare both versions field by field"));

        g_object_set_data (G_OBJECT (button), "row", row);
        g_signal_connect (button, "clicked", G_CALLBACK (on_resolve_clicked), self);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
      }
      g_object_set_data (G_OBJECT (row), "index", GUINT_TO_POINTER (i));
      adw_preferences_group_add (self->conflicts_group, row);
      g_ptr_array_add (self->rows, row);
    }

  for (guint i = 0; i < n_rejections; i++)
    {
      HdSyncRejection *rejection = g_ptr_array_index (self->rejections, i);
      g_autofree char *reason = rejection_reason (rejection);
      g_autofree char *details = rejection_details (self, rejection);
      g_autofree char *text = NULL;
      g_autofree char *fallback = g_strdup_printf (_("Untitled %s"), hd_entity_label (rejection->entity));
      GtkWidget *row = adw_preferences_row_new ();
      GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *title = gtk_label_new (fallback);
      GtkWidget *label;
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *button;

      /* Text above the buttons, so that both fit a narrow window. */
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), fallback);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, fallback, -1);
      gtk_widget_set_margin_top (content, 12);
      gtk_widget_set_margin_bottom (content, 12);
      gtk_widget_set_margin_start (content, 12);
      gtk_widget_set_margin_end (content, 12);

      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
      gtk_box_append (GTK_BOX (content), title);

      text = *details != '\0' ? g_strdup_printf ("%s %s", reason, details) : g_strdup (reason);
      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (content), label);

      gtk_widget_set_halign (box, GTK_ALIGN_END);
      gtk_widget_set_margin_top (box, 6);
      if (rejection->entity == HD_ENTITY_BOOKING && !rejection->local_delete)
        {
          button = text_button (C_("refused change", "Edit…"),
                                _("Move the booking to another room or time and send it again"));
          g_object_set_data (G_OBJECT (button), "row", row);
          g_signal_connect (button, "clicked", G_CALLBACK (on_fix_clicked), self);
          gtk_box_append (GTK_BOX (box), button);
        }
      else if (rejection->entity == HD_ENTITY_REGISTRATION && !rejection->local_delete &&
               g_strcmp0 (rejection->code, "event_full") == 0)
        {
          button = text_button (_("Put on Waiting List"),
                                _("Send the registration again as waiting for a place"));
          g_object_set_data (G_OBJECT (button), "row", row);
          g_signal_connect (button, "clicked", G_CALLBACK (on_fix_clicked), self);
          gtk_box_append (GTK_BOX (box), button);
        }
      button = text_button (_("Discard"), _("Go back to the server’s copy"));
      g_object_set_data (G_OBJECT (button), "row", row);
      g_signal_connect (button, "clicked", G_CALLBACK (on_discard_clicked), self);
      gtk_box_append (GTK_BOX (box), button);
      button = text_button (_("Send Again"), _("Send the change again"));
      gtk_widget_add_css_class (button, "suggested-action");
      g_object_set_data (G_OBJECT (button), "row", row);
      g_signal_connect (button, "clicked", G_CALLBACK (on_retry_clicked), self);
      gtk_box_append (GTK_BOX (box), button);
      gtk_box_append (GTK_BOX (content), box);

      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), content);
      g_object_set_data (G_OBJECT (row), "index", GUINT_TO_POINTER (i));
      g_object_set_data (G_OBJECT (row), "title", title);

      adw_preferences_group_add (self->rejections_group, row);
      g_ptr_array_add (self->rows, row);

      hd_context_get_record_async (self->context, rejection->entity, rejection->record_id,
                                   self->list_cancellable, on_rejected_record, g_object_ref (row));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_group), n_conflicts > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->rejections_group), n_rejections > 0);

  if (engine == NULL || hd_sync_engine_get_state (engine) == HD_SYNC_ENGINE_STANDALONE)
    adw_status_page_set_description (self->empty_page,
                                     _("When you and a colleague change the same field of a record "
                                       "while offline, both versions wait here side by side for you "
                                       "to choose. This profile is not connected to a server, so no "
                                       "conflicts can arise."));
  else
    adw_status_page_set_description (self->empty_page,
                                     _("Every change has been sent or is on its way. When you and a "
                                       "colleague change the same field, or the server refuses a "
                                       "change, it waits here for your decision."));

  /* The detail page stays while its conflict is open. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "detail") == 0 && self->shown != NULL)
    {
      for (guint i = 0; i < n_conflicts; i++)
        if (((HdSyncConflict *) g_ptr_array_index (self->conflicts, i))->id == self->shown->id)
          return;
    }

  g_clear_pointer (&self->shown, hd_sync_conflict_free);
  gtk_stack_set_visible_child_name (self->stack, n_conflicts + n_rejections > 0 ? "list" : "empty");
}

static void
on_rejections_listed (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  HdConflictsView *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rejections = NULL;

  rejections = hd_sync_engine_list_rejections_finish (HD_SYNC_ENGINE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = HD_CONFLICTS_VIEW (user_data);
  if (rejections == NULL)
    {
      g_warning ("Could not list the refused changes: %s", error->message);
      rejections = g_ptr_array_new ();
    }

  g_clear_pointer (&self->rejections, g_ptr_array_unref);
  self->rejections = g_steal_pointer (&rejections);
  rebuild (self);
}

static void
on_conflicts_listed (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  HdConflictsView *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;

  conflicts = hd_sync_engine_list_conflicts_finish (HD_SYNC_ENGINE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = HD_CONFLICTS_VIEW (user_data);
  if (conflicts == NULL)
    {
      g_warning ("Could not list the conflicts: %s", error->message);
      conflicts = g_ptr_array_new ();
    }

  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  self->conflicts = g_steal_pointer (&conflicts);
  hd_sync_engine_list_rejections_async (HD_SYNC_ENGINE (source), self->list_cancellable,
                                        on_rejections_listed, self);
}

static void
reload (HdConflictsView *self)
{
  HdSyncEngine *engine = engine_of (self);

  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  self->list_cancellable = g_cancellable_new ();

  if (engine == NULL || hd_sync_engine_get_state (engine) == HD_SYNC_ENGINE_STANDALONE ||
      hd_sync_engine_get_state (engine) == HD_SYNC_ENGINE_LOADING)
    {
      g_clear_pointer (&self->conflicts, g_ptr_array_unref);
      g_clear_pointer (&self->rejections, g_ptr_array_unref);
      rebuild (self);
      return;
    }

  hd_sync_engine_list_conflicts_async (engine, self->list_cancellable, on_conflicts_listed, self);
}

/* ---- deciding ---- */

static void
set_busy (HdConflictsView *self,
          gboolean         busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->stack), !busy);
}

static void
on_decided (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  HdConflictsView *self;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_async_result_is_tagged (result, hd_sync_engine_resolve_async))
    ok = hd_sync_engine_resolve_finish (HD_SYNC_ENGINE (source), result, &error);
  else if (g_async_result_is_tagged (result, hd_sync_engine_discard_rejected_async))
    ok = hd_sync_engine_discard_rejected_finish (HD_SYNC_ENGINE (source), result, &error);
  else
    ok = hd_sync_engine_retry_rejected_finish (HD_SYNC_ENGINE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = HD_CONFLICTS_VIEW (user_data);
  set_busy (self, FALSE);

  if (!ok)
    {
      /* Translators: %s is the reason, a sentence of its own */
      g_autofree char *message = g_strdup_printf (_("The decision could not be carried out. %s"),
                                                  error->message);

      hd_view_show_toast (HD_VIEW (self), message);
      return;
    }

  hd_view_show_toast (HD_VIEW (self), _("Decided. The outcome is sent with the next sync."));
  g_clear_pointer (&self->shown, hd_sync_conflict_free);
  gtk_stack_set_visible_child_name (self->stack, "list");
  reload (self);
}

static void
rejection_act (HdConflictsView *self,
               GtkWidget       *button,
               const char      *what)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "row");
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "index"));
  HdSyncEngine *engine = engine_of (self);
  HdSyncRejection *rejection;

  if (engine == NULL || self->busy || self->rejections == NULL || index >= self->rejections->len)
    return;

  rejection = g_ptr_array_index (self->rejections, index);
  set_busy (self, TRUE);
  if (g_str_equal (what, "discard"))
    hd_sync_engine_discard_rejected_async (engine, rejection->entity, rejection->record_id,
                                           self->cancellable, on_decided, self);
  else
    hd_sync_engine_retry_rejected_async (engine, rejection->entity, rejection->record_id, NULL,
                                         self->cancellable, on_decided, self);
}

static void
resolve (HdConflictsView  *self,
         HdSyncResolution  how,
         HdRecord         *edited)
{
  HdSyncEngine *engine = engine_of (self);

  if (engine == NULL || self->shown == NULL || self->busy)
    return;

  set_busy (self, TRUE);
  hd_sync_engine_resolve_async (engine, self->shown->id, how, edited,
                                self->cancellable, on_decided, self);
}

static void
on_keep_mine_clicked (HdConflictsView *self)
{
  resolve (self, HD_SYNC_RESOLVE_MINE, NULL);
}

static void
on_keep_theirs_clicked (HdConflictsView *self)
{
  resolve (self, HD_SYNC_RESOLVE_THEIRS, NULL);
}

static GVariant *
mine_value (const HdSyncConflict *conflict,
            guint                 index)
{
  if (conflict->local_changes != NULL && hd_record_has (conflict->local_changes, index))
    return hd_record_get (conflict->local_changes, index);
  if (conflict->local != NULL)
    return hd_record_get (conflict->local, index);
  return NULL;
}

static void
on_apply_clicked (HdConflictsView *self)
{
  g_autoptr(HdRecord) edited = NULL;

  if (self->shown == NULL)
    return;

  edited = hd_record_new_empty (self->shown->entity, self->shown->record_id);

  for (guint i = 0; i < self->choices->len; i++)
    {
      FieldChoice *choice = &g_array_index (self->choices, FieldChoice, i);

      if (gtk_check_button_get_active (choice->mine))
        {
          hd_record_set (edited, choice->index, mine_value (self->shown, choice->index));
        }
      else if (choice->own != NULL && gtk_check_button_get_active (choice->own))
        {
          g_autoptr(GError) error = NULL;
          const char *text = gtk_editable_get_text (GTK_EDITABLE (choice->entry));
          GVariant *value = value_from_text (choice->field, text, &error);

          if (error != NULL)
            {
              hd_view_show_toast (HD_VIEW (self), error->message);
              return;
            }
          hd_record_set (edited, choice->index, value);
        }
      /* Theirs: left out, the server's value stays. */
    }

  resolve (self, HD_SYNC_RESOLVE_FIELDS, edited);
}

static void
on_own_text_changed (AdwEntryRow    *entry,
                     GtkCheckButton *own)
{
  gtk_check_button_set_active (own, TRUE);
}

static GtkWidget *
choice_row (const char      *value,
            const char      *side,
            const char      *accessible,
            GtkCheckButton **out_check,
            GtkCheckButton  *group)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), value);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), side);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

  *out_check = GTK_CHECK_BUTTON (check);
  return row;
}

static void
on_referenced_record (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GtkWidget) row = user_data;
  g_autoptr(HdRecord) record = hd_context_get_record_finish (HD_CONTEXT (source), result, NULL);
  g_autofree char *title = record_title (record);

  if (title != NULL && gtk_widget_get_parent (row) != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
}

/* A reference shows as the title of the record it points to. */
static void
name_reference (HdConflictsView *self,
                GtkWidget       *row,
                const HdField   *field,
                GVariant        *value)
{
  if (field->type != HD_TYPE_REF || value == NULL)
    return;

  hd_context_get_record_async (self->context, field->ref, g_variant_get_string (value, NULL),
                               self->cancellable, on_referenced_record, g_object_ref (row));
}

static void
clear_detail (HdConflictsView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->detail_box))) != NULL)
    gtk_box_remove (self->detail_box, child);
  g_array_set_size (self->choices, 0);
}

static GtkWidget *
action_button (HdConflictsView *self,
               const char      *label,
               GCallback        callback,
               gboolean         suggested)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect_swapped (button, "clicked", callback, self);
  return button;
}

static void
show_conflict (HdConflictsView      *self,
               const HdSyncConflict *conflict)
{
  const HdEntityInfo *info = hd_entity_info (conflict->entity);
  g_autofree char *title = conflict_title (conflict);
  GtkWidget *heading;
  GtkWidget *intro;
  GtkWidget *buttons;
  guint n_fields = conflict->fields != NULL ? g_strv_length (conflict->fields) : 0;
  const char *by = conflict->server != NULL ? hd_record_get_updated_by (conflict->server) : NULL;

  g_clear_pointer (&self->shown, hd_sync_conflict_free);
  self->shown = hd_sync_conflict_copy (conflict);
  clear_detail (self);

  {
    GtkWidget *back = gtk_button_new ();
    GtkWidget *content = adw_button_content_new ();

    adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "go-previous-symbolic");
    adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("All Conflicts"));
    gtk_button_set_child (GTK_BUTTON (back), content);
    gtk_widget_add_css_class (back, "flat");
    gtk_widget_set_halign (back, GTK_ALIGN_START);
    gtk_widget_set_tooltip_text (back, _("Back to the list (Alt+Left)"));
    g_signal_connect_swapped (back, "clicked", G_CALLBACK (hd_view_go_back), self);
    gtk_box_append (self->detail_box, back);
  }

  heading = gtk_label_new (title);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "title-2");
  gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_box_append (self->detail_box, heading);

  {
    g_autofree char *text = NULL;

    if (n_fields == 0 && conflict->local_delete)
      text = g_strdup_printf (_("You deleted this %s, but it was changed on the server meanwhile. "
                                "Delete it anyway, or keep the server’s copy?"),
                              hd_entity_label (conflict->entity));
    else if (n_fields == 0)
      text = g_strdup_printf (_("You changed this %s, but it was deleted on the server meanwhile. "
                                "Keep yours as a new record, or let it go?"),
                              hd_entity_label (conflict->entity));
    else if (by != NULL && *by != '\0')
      /* Translators: %s is the user who last changed the record on the server */
      text = g_strdup_printf (_("This record was changed here and on the server, last there by %s. "
                                "Choose for each field which value to keep."),
                              by);
    else
      text = g_strdup (_("This record was changed here and on the server. "
                         "Choose for each field which value to keep."));

    intro = gtk_label_new (text);
    gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
    gtk_label_set_xalign (GTK_LABEL (intro), 0);
    gtk_box_append (self->detail_box, intro);
  }

  for (guint f = 0; f < n_fields; f++)
    {
      int index = hd_entity_field_index (conflict->entity, conflict->fields[f]);
      const HdField *field;
      GtkWidget *group;
      GtkWidget *row;
      FieldChoice choice = { 0 };
      g_autofree char *mine_text = NULL;
      g_autofree char *theirs_text = NULL;
      g_autofree char *mine_name = NULL;
      g_autofree char *theirs_name = NULL;
      GVariant *mine;
      GVariant *theirs;

      if (index < 0)
        continue;

      field = &info->fields[index];
      mine = mine_value (conflict, (guint) index);
      theirs = conflict->server != NULL ? hd_record_get (conflict->server, (guint) index) : NULL;
      mine_text = value_text (self, field, mine);
      theirs_text = value_text (self, field, theirs);

      group = adw_preferences_group_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), hd_field_label (field));

      choice.index = (guint) index;
      choice.field = field;

      /* Translators: the accessible name of a choice, e.g. "Title: yours" */
      mine_name = g_strdup_printf (_("%s: yours"), hd_field_label (field));
      row = choice_row (mine_text, _("Yours"), mine_name, &choice.mine, NULL);
      name_reference (self, row, field, mine);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

      /* Translators: the accessible name of a choice, e.g. "Title: the server’s" */
      theirs_name = g_strdup_printf (_("%s: the server’s"), hd_field_label (field));
      row = choice_row (theirs_text, _("On the server"), theirs_name, &choice.theirs, choice.mine);
      name_reference (self, row, field, theirs);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

      if (field_is_editable (field))
        {
          g_autofree char *own_name = g_strdup_printf (_("%s: a value of your own"), hd_field_label (field));
          g_autofree char *start = value_edit_text (field, mine);
          GtkWidget *check = gtk_check_button_new ();

          choice.own = GTK_CHECK_BUTTON (check);
          gtk_check_button_set_group (choice.own, choice.mine);
          gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, own_name, -1);
          choice.entry = ADW_ENTRY_ROW (adw_entry_row_new ());
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (choice.entry), _("A value of your own"));
          gtk_editable_set_text (GTK_EDITABLE (choice.entry), start);
          adw_entry_row_add_prefix (choice.entry, check);
          g_signal_connect (choice.entry, "changed", G_CALLBACK (on_own_text_changed), check);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (choice.entry));
        }

      /* The local value is what the person last chose. */
      gtk_check_button_set_active (choice.mine, TRUE);
      g_array_append_val (self->choices, choice);
      gtk_box_append (self->detail_box, group);
    }

  /* Stacked, so that they fit a narrow window in every language. */
  buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_set_homogeneous (GTK_BOX (buttons), TRUE);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  if (n_fields > 0)
    gtk_box_append (GTK_BOX (buttons),
                    action_button (self, _("Apply Choices"), G_CALLBACK (on_apply_clicked), TRUE));
  gtk_box_append (GTK_BOX (buttons),
                  action_button (self, _("Keep All Mine"), G_CALLBACK (on_keep_mine_clicked), n_fields == 0));
  gtk_box_append (GTK_BOX (buttons),
                  action_button (self, _("Keep All Theirs"), G_CALLBACK (on_keep_theirs_clicked), FALSE));
  gtk_box_append (self->detail_box, buttons);

  gtk_stack_set_visible_child_name (self->stack, "detail");
}

/* ---- HdView ---- */

static void
hd_conflicts_view_create (HdView *view)
{
  hd_view_show_toast (view, _("Conflicts arise from syncing; there is nothing to create here"));
}

static gboolean
hd_conflicts_view_go_back (HdView *view)
{
  HdConflictsView *self = HD_CONFLICTS_VIEW (view);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "detail") != 0)
    return FALSE;

  g_clear_pointer (&self->shown, hd_sync_conflict_free);
  rebuild (self);
  return TRUE;
}

static void
hd_conflicts_view_iface_init (HdViewInterface *iface)
{
  iface->create = hd_conflicts_view_create;
  iface->go_back = hd_conflicts_view_go_back;
}

/* ---- GObject ---- */

static void
hd_conflicts_view_constructed (GObject *object)
{
  HdConflictsView *self = HD_CONFLICTS_VIEW (object);
  HdSyncEngine *engine = engine_of (self);

  G_OBJECT_CLASS (hd_conflicts_view_parent_class)->constructed (object);

  hd_a11y_track_stack (self->stack);

  if (engine != NULL)
    {
      g_signal_connect_object (engine, "conflicts-changed", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (engine, "notify::state", G_CALLBACK (reload), self, G_CONNECT_SWAPPED);
    }

  reload (self);
}

static void
hd_conflicts_view_dispose (GObject *object)
{
  HdConflictsView *self = HD_CONFLICTS_VIEW (object);

  g_cancellable_cancel (self->list_cancellable);
  g_cancellable_cancel (self->cancellable);
  if (self->rows != NULL)
    g_ptr_array_set_size (self->rows, 0);
  hd_view_dispose_children (GTK_WIDGET (object), HD_TYPE_CONFLICTS_VIEW);

  G_OBJECT_CLASS (hd_conflicts_view_parent_class)->dispose (object);
}

static void
hd_conflicts_view_finalize (GObject *object)
{
  HdConflictsView *self = HD_CONFLICTS_VIEW (object);

  g_clear_object (&self->context);
  g_clear_object (&self->list_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->conflicts, g_ptr_array_unref);
  g_clear_pointer (&self->rejections, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->shown, hd_sync_conflict_free);
  g_clear_pointer (&self->choices, g_array_unref);

  G_OBJECT_CLASS (hd_conflicts_view_parent_class)->finalize (object);
}

static void
hd_conflicts_view_class_init (HdConflictsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hd_conflicts_view_constructed;
  object_class->dispose = hd_conflicts_view_dispose;
  object_class->finalize = hd_conflicts_view_finalize;

  /* Nothing to search here. */
  hd_view_class_install_properties (object_class,
                                    G_STRUCT_OFFSET (HdConflictsView, context), -1, -1);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/hubdesk/Hubdesk/conflicts/hd-conflicts-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HdConflictsView, stack);
  gtk_widget_class_bind_template_child (widget_class, HdConflictsView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, HdConflictsView, conflicts_group);
  gtk_widget_class_bind_template_child (widget_class, HdConflictsView, rejections_group);
  gtk_widget_class_bind_template_child (widget_class, HdConflictsView, detail_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hdconflictsview");
}

static void
hd_conflicts_view_init (HdConflictsView *self)
{
  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();
  self->choices = g_array_new (FALSE, TRUE, sizeof (FieldChoice));
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hd_conflicts_view_new (HdContext *context)
{
  return g_object_new (HD_TYPE_CONFLICTS_VIEW, "context", context, NULL);
}
