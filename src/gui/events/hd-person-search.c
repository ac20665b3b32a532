/* hd-person-search.c — find a person of the hub as you type, and pick one
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <adwaita.h>

#include "hd-person-search.h"
#include "widgets/hd-format.h"

#define MAX_RESULTS 8

struct _HdPersonSearch
{
  GtkWidget       parent_instance;

  HdContext      *context;
  char           *hub_id;
  GCancellable   *cancellable;
  GtkSearchEntry *entry;
  GtkListBox     *results;
};

G_DEFINE_FINAL_TYPE (HdPersonSearch, hd_person_search, GTK_TYPE_WIDGET)

enum { PERSON_CHOSEN, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
on_pick_clicked (HdPersonSearch *self,
                 GtkButton      *button)
{
  const char *id = g_object_get_data (G_OBJECT (button), "person-id");
  const char *name = g_object_get_data (G_OBJECT (button), "person-name");
  g_autofree char *id_copy = g_strdup (id);
  g_autofree char *name_copy = g_strdup (name);

  if (id == NULL)
    return;
  g_signal_emit (self, signals[PERSON_CHOSEN], 0, id_copy, name_copy);
}

static void
on_found (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  HdPersonSearch *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = hd_store_query_finish (HD_STORE (source), result, &error);
  GtkWidget *child;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results))) != NULL)
    gtk_list_box_remove (self->results, child);

  if (people == NULL)
    return;

  for (guint i = 0; i < people->len; i++)
    {
      HdRecord *person = g_ptr_array_index (people, i);
      g_autofree char *name = hd_format_person_name (person);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *pick = gtk_button_new_from_icon_name ("list-add-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (hd_record_get_string (person, "email") != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), hd_record_get_string (person, "email"));
      /* the row's title names the button for screen readers */
      gtk_widget_add_css_class (pick, "flat");
      gtk_widget_set_valign (pick, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (pick), "person-id", g_strdup (hd_record_get_id (person)), g_free);
      g_object_set_data_full (G_OBJECT (pick), "person-name", g_strdup (name), g_free);
      g_signal_connect_swapped (pick, "clicked", G_CALLBACK (on_pick_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), pick);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), pick);
      gtk_list_box_append (self->results, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->results), people->len > 0);
}

static void
on_search_changed (HdPersonSearch *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  HdQuery query = { .entity = HD_ENTITY_PERSON, .hub_id = self->hub_id, .search = text, .limit = MAX_RESULTS };

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (text == NULL || g_utf8_strlen (text, -1) < 2)
    {
      GtkWidget *child;

      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results))) != NULL)
        gtk_list_box_remove (self->results, child);
      gtk_widget_set_visible (GTK_WIDGET (self->results), FALSE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  hd_store_query_async (hd_context_get_store (self->context), &query, self->cancellable, on_found, self);
}

void
hd_person_search_set_hub_id (HdPersonSearch *self,
                             const char     *hub_id)
{
  g_free (self->hub_id);
  self->hub_id = g_strdup (hub_id);
}

void
hd_person_search_clear (HdPersonSearch *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
}

static void
hd_person_search_dispose (GObject *object)
{
  HdPersonSearch *self = HD_PERSON_SEARCH (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->context);
  g_clear_pointer (&self->hub_id, g_free);

  G_OBJECT_CLASS (hd_person_search_parent_class)->dispose (object);
}

static void
hd_person_search_class_init (HdPersonSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_person_search_dispose;

  signals[PERSON_CHOSEN] = g_signal_new ("person-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
hd_person_search_init (HdPersonSearch *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  g_object_set (gtk_widget_get_layout_manager (GTK_WIDGET (self)), "spacing", 6, NULL);

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
hd_person_search_new (HdContext  *context,
                      const char *hub_id,
                      const char *label)
{
  HdPersonSearch *self = g_object_new (HD_TYPE_PERSON_SEARCH, NULL);

  self->context = g_object_ref (context);
  self->hub_id = g_strdup (hub_id);
  g_object_set (self->entry, "placeholder-text", label, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->results), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("People found"), -1);

  return GTK_WIDGET (self);
}
