/* hd-record-editor.c — a form for one person, organization or interaction
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-contact-import.h"
#include "hd-record-editor.h"
#include "hd-store-duplicates.h"
#include "widgets/hd-editor-chrome.h"
#include "widgets/hd-format.h"

typedef struct {
  guint       index;
  GtkWidget  *row;
  GtkWidget  *editor;      /* GtkEntry, GtkDropDown, GtkTextView or GtkBox of checks */
  GPtrArray  *checks;      /* ENUM_SET: GtkCheckButton per value */
} FieldRow;

struct _HdRecordEditor
{
  AdwWindow     parent_instance;

  HdContext    *context;
  HdRecord     *record;
  gboolean      is_new;
  GArray       *rows;            /* FieldRow */
  GPtrArray    *org_ids;         /* ids behind the organization drop-down; [0] NULL */
  GtkStringList *org_names;
  GCancellable *cancellable;
  GtkWidget    *save_button;
  GtkLabel     *message;
  GtkLabel     *duplicates;      /* "Possibly the same as …" for a new contact */
  gboolean      saving;
  gboolean      duplicates_checked;
};

G_DEFINE_FINAL_TYPE (HdRecordEditor, hd_record_editor, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
field_row_clear (gpointer data)
{
  FieldRow *row = data;

  g_clear_pointer (&row->checks, g_ptr_array_unref);
}

/* The record as the form has it; FALSE with *@problem for text that does
 * not fit its field (a number, say), *@field naming it. */
static HdRecord *
read_form (HdRecordEditor  *self,
           const char     **out_field,
           char           **problem)
{
  HdRecord *record = hd_record_copy (self->record);
  HdEntity entity = hd_record_get_entity (record);

  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *row = &g_array_index (self->rows, FieldRow, i);
      const HdField *field = hd_entity_field (entity, row->index);

      if (field->type == HD_TYPE_REF)
        {
          guint pos = gtk_drop_down_get_selected (GTK_DROP_DOWN (row->editor));
          const char *id = self->org_ids != NULL && pos < self->org_ids->len ? self->org_ids->pdata[pos] : NULL;

          if (self->org_ids == NULL)
            continue;   /* still loading: keep the value */
          hd_record_set (record, row->index, id != NULL ? g_variant_new_string (id) : NULL);
        }
      else if (field->type == HD_TYPE_ENUM)
        {
          guint pos = gtk_drop_down_get_selected (GTK_DROP_DOWN (row->editor));

          hd_record_set (record, row->index, g_variant_new_string (field->values[pos]));
        }
      else if (field->type == HD_TYPE_ENUM_SET)
        {
          g_autoptr(GPtrArray) chosen = g_ptr_array_new ();

          for (guint v = 0; v < row->checks->len; v++)
            {
              if (gtk_check_button_get_active (row->checks->pdata[v]))
                g_ptr_array_add (chosen, (gpointer) field->values[v]);
            }
          hd_record_set (record, row->index,
                         chosen->len > 0 ? g_variant_new_strv ((const char * const *) chosen->pdata, chosen->len) : NULL);
        }
      else
        {
          g_autofree char *text = NULL;

          if (GTK_IS_TEXT_VIEW (row->editor))
            {
              GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (row->editor));
              GtkTextIter start, end;

              gtk_text_buffer_get_bounds (buffer, &start, &end);
              text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
            }
          else
            text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->editor)));

          g_strstrip (text);
          hd_record_set (record, row->index, NULL);
          if (text[0] != '\0' && !hd_interop_set_text (record, row->index, text, problem))
            {
              *out_field = field->name;
              return record;
            }
        }
    }
  return record;
}

static FieldRow *
row_of (HdRecordEditor *self,
        const char     *name)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *row = &g_array_index (self->rows, FieldRow, i);

      if (g_str_equal (hd_entity_field (hd_record_get_entity (self->record), row->index)->name, name))
        return row;
    }
  return NULL;
}

/* A follow-up date means the outcome is a follow-up, unless it says more. */
static void
on_follow_up_changed (HdRecordEditor *self,
                      GtkEditable    *entry)
{
  FieldRow *outcome = row_of (self, "outcome");
  const HdField *field;

  if (outcome == NULL || gtk_editable_get_text (entry)[0] == '\0')
    return;
  field = hd_entity_field (hd_record_get_entity (self->record), outcome->index);
  if (g_strcmp0 (field->values[gtk_drop_down_get_selected (GTK_DROP_DOWN (outcome->editor))], "none") != 0)
    return;
  for (guint v = 0; field->values[v] != NULL; v++)
    {
      if (g_str_equal (field->values[v], "follow_up"))
        gtk_drop_down_set_selected (GTK_DROP_DOWN (outcome->editor), v);
    }
}

static void
validate (HdRecordEditor *self)
{
  g_autoptr(HdRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  const char *field = NULL;
  gboolean valid;

  record = read_form (self, &field, &problem);
  if (problem != NULL)
    valid = FALSE;
  else
    valid = hd_record_validate (record, TRUE, &field, &error);

  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *row = &g_array_index (self->rows, FieldRow, i);
      const HdField *f = hd_entity_field (hd_record_get_entity (record), row->index);

      if (!valid && field != NULL && g_str_equal (f->name, field))
        gtk_widget_add_css_class (row->row, "error");
      else
        gtk_widget_remove_css_class (row->row, "error");
    }

  gtk_label_set_text (self->message, valid ? "" : (problem != NULL ? problem : error->message));
  gtk_widget_set_visible (GTK_WIDGET (self->message), !valid);
  gtk_widget_set_sensitive (self->save_button, valid && !self->saving);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(HdRecordEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;
  if (!hd_store_save_finish (HD_STORE (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_label_set_text (self->message, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->message), TRUE);
      validate (self);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, self->record);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void save (HdRecordEditor *self);

static void
find_duplicates_thread (GTask        *task,
                        gpointer      source,
                        gpointer      data,
                        GCancellable *cancellable)
{
  HdRecordEditor *self = source;
  GError *error = NULL;
  GPtrArray *matches = hd_store_find_duplicates (hd_context_get_store (self->context), data, &error);

  if (matches == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, matches, (GDestroyNotify) g_ptr_array_unref);
}

static char *
record_name (const HdRecord *record)
{
  if (hd_record_get_entity (record) == HD_ENTITY_PERSON)
    return hd_format_person_name (record);
  return g_strdup (hd_record_get_string (record, "name"));
}

static void
on_duplicates_found (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  HdRecordEditor *self = HD_RECORD_EDITOR (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) matches = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GString) text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->saving = FALSE;
  self->duplicates_checked = TRUE;
  if (matches == NULL || matches->len == 0)
    {
      validate (self);
      save (self);
      return;
    }

  text = g_string_new (NULL);
  for (guint i = 0; i < matches->len && i < 3; i++)
    {
      HdDuplicateMatch *match = matches->pdata[i];
      g_autofree char *name = record_name (match->record);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text,
                              (match->reasons & HD_DUPLICATE_EMAIL) ? _("Possibly the same as %s (same email address).")
                              : (match->reasons & HD_DUPLICATE_PHONE) ? _("Possibly the same as %s (same phone number).")
                              : _("Possibly the same as %s (a name spelled alike)."),
                              name);
    }
  g_string_append_printf (text, "\n%s", _("Save again to add it all the same."));
  gtk_label_set_text (self->duplicates, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->duplicates), TRUE);
  gtk_button_set_label (GTK_BUTTON (self->save_button), _("Save Anyway"));
  validate (self);
}

static void
save (HdRecordEditor *self)
{
  g_autoptr(HdRecord) record = NULL;
  g_autofree char *problem = NULL;
  const char *field = NULL;

  if (self->saving || !gtk_widget_get_sensitive (self->save_button))
    return;
  record = read_form (self, &field, &problem);
  if (problem != NULL || !hd_record_validate (record, TRUE, NULL, NULL))
    return;

  /* A new person or organization is first compared with the hub's. */
  if (self->is_new && !self->duplicates_checked &&
      (hd_record_get_entity (record) == HD_ENTITY_PERSON ||
       hd_record_get_entity (record) == HD_ENTITY_ORGANIZATION))
    {
      g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_duplicates_found, NULL);

      self->saving = TRUE;
      gtk_widget_set_sensitive (self->save_button, FALSE);
      g_task_set_task_data (task, hd_record_ref (record), (GDestroyNotify) hd_record_unref);
      g_task_run_in_thread (task, find_duplicates_thread);
      return;
    }

  hd_record_unref (self->record);
  self->record = g_steal_pointer (&record);
  self->saving = TRUE;
  gtk_widget_set_sensitive (self->save_button, FALSE);
  hd_store_save_async (hd_context_get_store (self->context), self->record, self->cancellable,
                       on_saved, g_object_ref (self));
}

static gboolean
on_save_shortcut (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  save (HD_RECORD_EDITOR (widget));
  return TRUE;
}

static gboolean
on_cancel_shortcut (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  gtk_window_close (GTK_WINDOW (widget));
  return TRUE;
}

/* ---- building the form ---- */

static void
label_editor (GtkWidget  *editor,
              const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (editor), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static GtkWidget *
add_row (HdRecordEditor      *self,
         AdwPreferencesGroup *group,
         const char          *title,
         GtkWidget           *editor)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_set_valign (editor, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), editor);
  /* The row's title labels the editor (labelled-by); a drop-down's
   * button, which a screen reader reaches, is named after it too. */
  if (GTK_IS_DROP_DOWN (editor))
    label_editor (gtk_widget_get_first_child (editor), title);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), editor);
  adw_preferences_group_add (group, row);
  return row;
}

static const char *
placeholder_for (const HdField *field)
{
  switch (field->type)
    {
    case HD_TYPE_DATE: return _("YYYY-MM-DD");
    case HD_TYPE_TIMESTAMP: return _("YYYY-MM-DDTHH:MM:SSZ");
    case HD_TYPE_URL: return "https://";
    case HD_TYPE_STRV: return _("Separated by commas");
    default: return NULL;
    }
}

static void
on_organizations_read (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(HdRecordEditor) self = user_data;
  g_autoptr(GPtrArray) orgs = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  orgs = hd_store_query_finish (HD_STORE (source), result, &error);
  if (orgs == NULL)
    return;

  self->org_ids = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->org_ids, NULL);
  g_strv_builder_add (names, _("None"));
  for (guint i = 0; i < orgs->len; i++)
    {
      g_ptr_array_add (self->org_ids, g_strdup (hd_record_get_id (orgs->pdata[i])));
      g_strv_builder_add (names, hd_record_get_string (orgs->pdata[i], "name"));
    }
  strv = g_strv_builder_end (names);

  /* One new model, not an item at a time: each change would reach the
   * accessibility tree of the drop-down's list. */
  g_clear_object (&self->org_names);
  self->org_names = gtk_string_list_new ((const char * const *) strv);

  for (guint i = 0; i < self->rows->len; i++)
    {
      FieldRow *row = &g_array_index (self->rows, FieldRow, i);
      const HdField *field = hd_entity_field (hd_record_get_entity (self->record), row->index);

      if (field->type == HD_TYPE_REF && GTK_IS_DROP_DOWN (row->editor))
        {
          GVariant *value = hd_record_get (self->record, row->index);
          const char *current = value != NULL ? g_variant_get_string (value, NULL) : "";
          guint selected = 0;

          for (guint k = 1; k < self->org_ids->len; k++)
            {
              if (g_str_equal (current, self->org_ids->pdata[k]))
                selected = k;
            }
          gtk_drop_down_set_model (GTK_DROP_DOWN (row->editor), G_LIST_MODEL (self->org_names));
          gtk_drop_down_set_selected (GTK_DROP_DOWN (row->editor), selected);
          gtk_widget_set_sensitive (row->editor, TRUE);
        }
    }
  validate (self);
}

static void
build_field (HdRecordEditor      *self,
             AdwPreferencesGroup *group,
             guint                index)
{
  const HdField *field = hd_entity_field (hd_record_get_entity (self->record), index);
  const char *title = hd_field_label (field);
  FieldRow row = { index, NULL, NULL, NULL };

  switch (field->type)
    {
    case HD_TYPE_REF:
      {
        GtkExpression *expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
        HdQuery query = { 0, };

        if (field->ref != HD_ENTITY_ORGANIZATION)
          return;
        row.editor = gtk_drop_down_new (NULL, expression);
        gtk_drop_down_set_enable_search (GTK_DROP_DOWN (row.editor), TRUE);
        gtk_widget_set_sensitive (row.editor, FALSE);
        row.row = add_row (self, group, title, row.editor);
        g_signal_connect_object (row.editor, "notify::selected", G_CALLBACK (validate), self, G_CONNECT_SWAPPED);

        query.entity = HD_ENTITY_ORGANIZATION;
        query.hub_id = hd_record_get_hub_id (self->record);
        hd_store_query_async (hd_context_get_store (self->context), &query, self->cancellable,
                              on_organizations_read, g_object_ref (self));
        break;
      }

    case HD_TYPE_ENUM:
      {
        g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
        const char *value = hd_record_get_string (self->record, field->name);

        for (guint v = 0; field->values[v] != NULL; v++)
          gtk_string_list_append (labels, hd_enum_value_label (field->values[v]));
        row.editor = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL);
        for (guint v = 0; field->values[v] != NULL; v++)
          {
            if (g_strcmp0 (value, field->values[v]) == 0)
              gtk_drop_down_set_selected (GTK_DROP_DOWN (row.editor), v);
          }
        row.row = add_row (self, group, title, row.editor);
        g_signal_connect_object (row.editor, "notify::selected", G_CALLBACK (validate), self, G_CONNECT_SWAPPED);
        break;
      }

    case HD_TYPE_ENUM_SET:
      {
        const char **chosen = hd_record_get_strv (self->record, field->name);
        GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

        row.checks = g_ptr_array_new ();
        for (guint v = 0; field->values[v] != NULL; v++)
          {
            GtkWidget *check = gtk_check_button_new_with_label (hd_enum_value_label (field->values[v]));

            gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                         chosen != NULL && g_strv_contains (chosen, field->values[v]));
            g_signal_connect_object (check, "toggled", G_CALLBACK (validate), self, G_CONNECT_SWAPPED);
            gtk_box_append (GTK_BOX (box), check);
            g_ptr_array_add (row.checks, check);
          }
        row.editor = box;
        row.row = adw_action_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row.row), title);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row.row), box);
        adw_preferences_group_add (group, row.row);
        gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
        break;
      }

    case HD_TYPE_TEXT:
      {
        GtkWidget *frame = gtk_frame_new (NULL);
        GtkTextBuffer *buffer;
        const char *text = hd_record_get_string (self->record, field->name);

        row.editor = gtk_text_view_new ();
        gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (row.editor), GTK_WRAP_WORD_CHAR);
        gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (row.editor), FALSE);
        gtk_widget_set_size_request (row.editor, -1, 72);
        gtk_text_view_set_left_margin (GTK_TEXT_VIEW (row.editor), 6);
        gtk_text_view_set_top_margin (GTK_TEXT_VIEW (row.editor), 6);
        buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (row.editor));
        gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
        g_signal_connect_object (buffer, "changed", G_CALLBACK (validate), self, G_CONNECT_SWAPPED);
        gtk_frame_set_child (GTK_FRAME (frame), row.editor);
        label_editor (row.editor, title);

        row.row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
        gtk_widget_set_margin_top (row.row, 12);
        {
          GtkWidget *label = gtk_label_new (title);

          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_widget_add_css_class (label, "heading");
          gtk_box_append (GTK_BOX (row.row), label);
        }
        gtk_box_append (GTK_BOX (row.row), frame);
        adw_preferences_group_add (group, row.row);
        break;
      }

    case HD_TYPE_BOOL:
    case HD_TYPE_REF_LIST:
      return;

    default:
      {
        g_autofree char *text = hd_interop_get_text (self->record, index);

        row.editor = gtk_entry_new ();
        gtk_widget_set_hexpand (row.editor, TRUE);
        gtk_editable_set_text (GTK_EDITABLE (row.editor), text);
        gtk_entry_set_activates_default (GTK_ENTRY (row.editor), TRUE);
        if (placeholder_for (field) != NULL)
          gtk_entry_set_placeholder_text (GTK_ENTRY (row.editor), placeholder_for (field));
        if (field->type == HD_TYPE_EMAIL)
          gtk_entry_set_input_purpose (GTK_ENTRY (row.editor), GTK_INPUT_PURPOSE_EMAIL);
        else if (field->type == HD_TYPE_URL)
          gtk_entry_set_input_purpose (GTK_ENTRY (row.editor), GTK_INPUT_PURPOSE_URL);
        row.row = add_row (self, group, title, row.editor);
        g_signal_connect_object (row.editor, "changed", G_CALLBACK (validate), self, G_CONNECT_SWAPPED);
        if (g_str_equal (field->name, "follow_up_on"))
          g_signal_connect_object (row.editor, "changed", G_CALLBACK (on_follow_up_changed), self, G_CONNECT_SWAPPED);
        break;
      }
    }

  g_array_append_val (self->rows, row);
}

static const char *
window_title (HdEntity entity,
              gboolean is_new)
{
  switch (entity)
    {
    case HD_ENTITY_PERSON: return is_new ? _("New Person") : _("Edit Person");
    case HD_ENTITY_ORGANIZATION: return is_new ? _("New Organization") : _("Edit Organization");
    case HD_ENTITY_INTERACTION: return is_new ? _("Log Interaction") : _("Edit Interaction");
    default: return hd_entity_label (entity);
    }
}

HdRecordEditor *
hd_record_editor_new (GtkWindow          *parent,
                      HdContext          *context,
                      HdRecord           *record,
                      gboolean            is_new,
                      const char * const *fields)
{
  HdRecordEditor *self = g_object_new (HD_TYPE_RECORD_EDITOR,
                                       "transient-for", parent,
                                       "modal", TRUE,
                                       "default-width", 560,
                                       "default-height", 640,
                                       NULL);
  const HdEntityInfo *info = hd_record_get_info (record);
  GtkWidget *box, *page, *clamp;
  AdwPreferencesGroup *group;
  const char *title = window_title (info->entity, is_new);

  self->context = g_object_ref (context);
  self->record = hd_record_copy (record);
  self->is_new = is_new;
  gtk_window_set_title (GTK_WINDOW (self), title);

  self->save_button = gtk_button_new_with_label (_("Save"));
  gtk_widget_set_tooltip_text (self->save_button, _("Save (Ctrl+Enter)"));
  g_signal_connect_object (self->save_button, "clicked", G_CALLBACK (save), self, G_CONNECT_SWAPPED);
  box = hd_editor_chrome_new (GTK_WINDOW (self), gtk_button_new_with_label (_("Cancel")), self->save_button);

  page = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (page), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (page, TRUE);
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 640);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  gtk_widget_set_margin_top (clamp, 12);
  gtk_widget_set_margin_bottom (clamp, 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (page), clamp);
  {
    GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

    self->message = hd_editor_problem_new (_("Why the record cannot be saved yet"));
    gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->message));

    self->duplicates = GTK_LABEL (gtk_label_new (NULL));
    gtk_label_set_wrap (self->duplicates, TRUE);
    gtk_label_set_xalign (self->duplicates, 0);
    gtk_widget_add_css_class (GTK_WIDGET (self->duplicates), "warning");
    gtk_widget_set_visible (GTK_WIDGET (self->duplicates), FALSE);
    gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->duplicates));

    group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
    gtk_box_append (GTK_BOX (content), GTK_WIDGET (group));
    for (guint i = 0; i < info->n_fields; i++)
      {
        int index = (int) i;

        if (fields != NULL)
          {
            if (fields[i] == NULL)
              break;
            index = hd_entity_field_index (info->entity, fields[i]);
            if (index < 0)
              continue;
          }
        else if (g_str_equal (info->fields[i].name, "archived"))
          continue;
        build_field (self, group, (guint) index);
      }
    adw_clamp_set_child (ADW_CLAMP (clamp), content);
  }
  gtk_box_append (GTK_BOX (box), page);

  validate (self);
  return self;
}

static void
hd_record_editor_dispose (GObject *object)
{
  HdRecordEditor *self = HD_RECORD_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (hd_record_editor_parent_class)->dispose (object);
}

static void
hd_record_editor_finalize (GObject *object)
{
  HdRecordEditor *self = HD_RECORD_EDITOR (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_pointer (&self->record, hd_record_unref);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->org_ids, g_ptr_array_unref);
  g_clear_object (&self->org_names);
  G_OBJECT_CLASS (hd_record_editor_parent_class)->finalize (object);
}

static void
hd_record_editor_class_init (HdRecordEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_record_editor_dispose;
  object_class->finalize = hd_record_editor_finalize;

  signals[SIGNAL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, HD_TYPE_RECORD);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, on_save_shortcut, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, on_save_shortcut, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, on_cancel_shortcut, NULL);
}

static void
hd_record_editor_init (HdRecordEditor *self)
{
  self->rows = g_array_new (FALSE, TRUE, sizeof (FieldRow));
  g_array_set_clear_func (self->rows, field_row_clear);
  self->org_names = gtk_string_list_new (NULL);
  self->cancellable = g_cancellable_new ();
}
