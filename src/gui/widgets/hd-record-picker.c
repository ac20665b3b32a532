/* hd-record-picker.c — choose one organization, person or event by searching
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-record-picker.h"
#include "hd-format.h"

#define MAX_RESULTS 8

struct _HdRecordPicker
{
  GtkWidget       parent_instance;

  HdContext      *context;
  HdEntity        entity;
  char           *hub_id;
  char           *label;
  char           *id;
  GCancellable   *search_cancellable;
  GCancellable   *name_cancellable;

  GtkLabel       *chosen;
  GtkWidget      *clear_button;
  GtkSearchEntry *entry;
  GtkListBox     *results;
};

G_DEFINE_FINAL_TYPE (HdRecordPicker, hd_record_picker, GTK_TYPE_WIDGET)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static char *
record_name (HdRecord *record)
{
  switch (hd_record_get_entity (record))
    {
    case HD_ENTITY_PERSON:
      return hd_format_person_name (record);
    case HD_ENTITY_EVENT:
      return g_strdup (hd_record_get_string (record, "title"));
    default:
      return g_strdup (hd_record_get_string (record, "name"));
    }
}

static void
show_chosen (HdRecordPicker *self,
             const char     *name)
{
  g_autofree char *clear = NULL;

  if (self->id == NULL)
    {
      gtk_label_set_label (self->chosen, _("None"));
      gtk_widget_add_css_class (GTK_WIDGET (self->chosen), "dim-label");
    }
  else
    {
      gtk_label_set_label (self->chosen, name != NULL && *name != '\0' ? name : _("Unnamed"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->chosen), "dim-label");
    }
  gtk_widget_set_sensitive (self->clear_button, self->id != NULL);

  /* Translators: a button that removes the organization, person or event
   * chosen, e.g. "Clear Organization" */
  clear = g_strdup_printf (_("Clear %s"), self->label);
  gtk_widget_set_tooltip_text (self->clear_button, clear);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->clear_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, clear, -1);
}

static void
clear_results (HdRecordPicker *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results))) != NULL)
    gtk_list_box_remove (self->results, child);
  gtk_widget_set_visible (GTK_WIDGET (self->results), FALSE);
}

static void
choose (HdRecordPicker *self,
        const char     *id,
        const char     *name)
{
  g_cancellable_cancel (self->name_cancellable);
  g_clear_object (&self->name_cancellable);
  if (g_strcmp0 (self->id, id) != 0)
    {
      g_free (self->id);
      self->id = g_strdup (id);
      show_chosen (self, name);
      g_signal_emit (self, signals[CHANGED], 0);
    }
  else
    show_chosen (self, name);
}

static void
on_result_clicked (HdRecordPicker *self,
                   GtkButton      *button)
{
  g_autofree char *id = g_strdup (g_object_get_data (G_OBJECT (button), "record-id"));
  g_autofree char *name = g_strdup (gtk_button_get_label (button));

  choose (self, id, name);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  clear_results (self);
}

static void
on_clear_clicked (HdRecordPicker *self)
{
  choose (self, NULL, NULL);
}

static void
on_found (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(HdRecordPicker) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = hd_store_query_finish (HD_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->results == NULL)
    return;

  clear_results (self);
  if (found == NULL)
    return;

  for (guint i = 0; i < found->len; i++)
    {
      HdRecord *record = g_ptr_array_index (found, i);
      g_autofree char *name = record_name (record);
      GtkWidget *button = gtk_button_new_with_label (name != NULL ? name : "");

      gtk_widget_add_css_class (button, "flat");
      gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0);
      g_object_set_data_full (G_OBJECT (button), "record-id",
                              g_strdup (hd_record_get_id (record)), g_free);
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_result_clicked), self);
      gtk_list_box_append (self->results, button);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->results), found->len > 0);
}

static void
on_search_changed (HdRecordPicker *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  HdQuery query = {
    .entity = self->entity,
    .hub_id = self->hub_id,
    .search = text,
    .limit = MAX_RESULTS,
  };

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);

  if (text == NULL || g_utf8_strlen (text, -1) < 2)
    {
      clear_results (self);
      return;
    }

  self->search_cancellable = g_cancellable_new ();
  hd_store_query_async (hd_context_get_store (self->context), &query, self->search_cancellable,
                        on_found, g_object_ref (self));
}

static void
on_name_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(HdRecordPicker) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(HdRecord) record = hd_context_get_record_finish (HD_CONTEXT (source), result, &error);
  g_autofree char *name = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->chosen == NULL)
    return;

  name = record != NULL ? record_name (record) : NULL;
  show_chosen (self, name);
}

const char *
hd_record_picker_get_id (HdRecordPicker *self)
{
  g_return_val_if_fail (HD_IS_RECORD_PICKER (self), NULL);

  return self->id;
}

void
hd_record_picker_set_id (HdRecordPicker *self,
                         const char     *id)
{
  g_return_if_fail (HD_IS_RECORD_PICKER (self));

  if (id != NULL && *id == '\0')
    id = NULL;
  choose (self, id, NULL);
  if (id == NULL)
    return;

  gtk_label_set_label (self->chosen, _("Loading…"));
  self->name_cancellable = g_cancellable_new ();
  hd_context_get_record_async (self->context, self->entity, id, self->name_cancellable,
                               on_name_read, g_object_ref (self));
}

static void
hd_record_picker_dispose (GObject *object)
{
  HdRecordPicker *self = HD_RECORD_PICKER (object);
  GtkWidget *child;

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  g_cancellable_cancel (self->name_cancellable);
  g_clear_object (&self->name_cancellable);
  self->chosen = NULL;
  self->results = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (hd_record_picker_parent_class)->dispose (object);
}

static void
hd_record_picker_finalize (GObject *object)
{
  HdRecordPicker *self = HD_RECORD_PICKER (object);

  g_free (self->hub_id);
  g_free (self->label);
  g_free (self->id);

  G_OBJECT_CLASS (hd_record_picker_parent_class)->finalize (object);
}

static void
hd_record_picker_class_init (HdRecordPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_record_picker_dispose;
  object_class->finalize = hd_record_picker_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hdrecordpicker");
}

static void
hd_record_picker_init (HdRecordPicker *self)
{
  GtkWidget *line;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  g_object_set (gtk_widget_get_layout_manager (GTK_WIDGET (self)), "spacing", 6, NULL);

  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->chosen = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->chosen, 0);
  gtk_label_set_ellipsize (self->chosen, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->chosen), TRUE);
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (self->chosen));
  self->clear_button = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  gtk_widget_add_css_class (self->clear_button, "flat");
  g_signal_connect_swapped (self->clear_button, "clicked", G_CALLBACK (on_clear_clicked), self);
  gtk_box_append (GTK_BOX (line), self->clear_button);
  gtk_widget_set_parent (line, GTK_WIDGET (self));

  self->entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->entry), GTK_WIDGET (self));
  g_signal_connect_swapped (self->entry, "search-changed", G_CALLBACK (on_search_changed), self);

  self->results = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->results, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->results), "boxed-list");
  gtk_widget_set_visible (GTK_WIDGET (self->results), FALSE);
  gtk_widget_set_parent (GTK_WIDGET (self->results), GTK_WIDGET (self));
}

GtkWidget *
hd_record_picker_new (HdContext  *context,
                      HdEntity    entity,
                      const char *hub_id,
                      const char *label)
{
  HdRecordPicker *self;
  g_autofree char *search = NULL;
  g_autofree char *found = NULL;

  g_return_val_if_fail (HD_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (label != NULL, NULL);

  self = g_object_new (HD_TYPE_RECORD_PICKER, NULL);
  self->context = g_object_ref (context);
  self->entity = entity;
  self->hub_id = g_strdup (hub_id);
  self->label = g_strdup (label);

  /* Translators: the field to search for an organization, person or
   * event to choose, e.g. "Search Organization" */
  search = g_strdup_printf (_("Search %s"), label);
  g_object_set (self->entry, "placeholder-text", search, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, search, -1);
  /* Translators: the list of what a search found, e.g. "Organization found" */
  found = g_strdup_printf (_("%s found"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->results),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, found, -1);
  show_chosen (self, NULL);

  return GTK_WIDGET (self);
}
