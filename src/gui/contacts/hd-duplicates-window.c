/* hd-duplicates-window.c — likely duplicate contacts of a hub, compared and merged field by field
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-duplicates-window.h"
#include "hd-merge-page.h"
#include "hd-store-duplicates.h"
#include "widgets/hd-a11y.h"
#include "widgets/hd-format.h"
#include "widgets/hd-undo-toast.h"

typedef struct {
  GtkWidget  *window;
  GtkWidget  *list;
  GtkWidget  *toasts;
  GtkWidget  *status;
  GtkWidget  *scrolled;
  GtkWidget  *stack;
  GtkWidget  *back;
  GtkWidget  *swap;
  GtkWidget  *merge_page;
  gpointer    current;     /* the Merge of the pair on the merge page */
  HdStore    *store;
  char       *hub_id;
  HdEntity    entity;
} Screen;

static void
screen_free (Screen *screen)
{
  g_clear_object (&screen->store);
  g_free (screen->hub_id);
  g_free (screen);
}

typedef struct {
  Screen    *screen;      /* owned by the window */
  GtkWidget *row;
  char      *survivor;
  char      *loser;
  char      *merge_id;
  HdRecord  *kept;        /* the row's records, for the merge page */
  HdRecord  *gone;
  GStrv      take;
  GStrv      keep;
} Merge;

static void
merge_free (Merge *merge)
{
  g_clear_object (&merge->row);
  g_free (merge->survivor);
  g_free (merge->loser);
  g_free (merge->merge_id);
  g_clear_pointer (&merge->kept, hd_record_unref);
  g_clear_pointer (&merge->gone, hd_record_unref);
  g_strfreev (merge->take);
  g_strfreev (merge->keep);
  g_free (merge);
}

/* Back from the merge page to the list of pairs. */
static void
show_pairs (Screen *screen)
{
  gtk_stack_set_visible_child_name (GTK_STACK (screen->stack), "pairs");
  gtk_widget_set_visible (screen->back, FALSE);
  gtk_widget_set_visible (screen->swap, FALSE);
  screen->current = NULL;
  if (screen->merge_page != NULL)
    {
      gtk_stack_remove (GTK_STACK (screen->stack), screen->merge_page);
      screen->merge_page = NULL;
    }
}

static char *
name_of (const HdRecord *record)
{
  if (hd_record_get_entity (record) == HD_ENTITY_PERSON)
    return hd_format_person_name (record);
  return g_strdup (hd_record_get_string (record, "name"));
}

/* How many fields hold a value: the fuller record is kept. */
static guint
filled (const HdRecord *record)
{
  guint n = 0;

  for (guint i = 0; i < hd_record_get_info (record)->n_fields; i++)
    n += hd_record_get (record, i) != NULL;
  return n;
}

static const char *
reason_text (HdDuplicateReason reasons)
{
  if (reasons & HD_DUPLICATE_EMAIL)
    return _("Same email address");
  if (reasons & HD_DUPLICATE_PHONE)
    return _("Same phone number");
  return _("Names spelled alike");
}

static void
undo_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  Merge *merge = data;
  GError *error = NULL;

  if (!hd_store_merge_undo (merge->screen->store, merge->merge_id, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_undone (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Merge *merge = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    toast = adw_toast_new (error->message);
  else
    toast = adw_toast_new (_("Merge undone"));
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (merge->screen->toasts), toast);
}

static void
undo_merge (gpointer data)
{
  GTask *merged = data;
  Merge *merge = g_task_get_task_data (merged);
  GTask *task = g_task_new (merge->screen->window, NULL, on_undone, NULL);

  /* The merge (and its id) lives as long as the task that made it. */
  g_task_set_task_data (task, merge, NULL);
  g_object_set_data_full (G_OBJECT (task), "hd-merged", g_object_ref (merged), g_object_unref);
  g_task_run_in_thread (task, undo_thread);
  g_object_unref (task);
}

static void
merge_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  Merge *merge = data;
  GError *error = NULL;

  merge->merge_id = hd_store_merge_picked (merge->screen->store, merge->screen->entity,
                                           merge->survivor, merge->loser,
                                           (const char * const *) merge->take,
                                           (const char * const *) merge->keep, &error);
  if (merge->merge_id == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_merged (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Merge *merge = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (merge->screen->toasts), adw_toast_new (error->message));
      gtk_widget_set_sensitive (merge->row, TRUE);
      if (merge->screen->merge_page != NULL)
        hd_merge_page_set_busy (merge->screen->merge_page, FALSE);
      return;
    }
  show_pairs (merge->screen);
  /* The pair is done, and so is every other pair with the record gone. */
  for (GtkWidget *row = gtk_widget_get_first_child (merge->screen->list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const char *a = g_object_get_data (G_OBJECT (row), "hd-a");
      const char *b = g_object_get_data (G_OBJECT (row), "hd-b");

      if (g_strcmp0 (a, merge->loser) == 0 || g_strcmp0 (b, merge->loser) == 0)
        gtk_widget_set_visible (row, FALSE);
    }
  gtk_widget_set_visible (merge->row, FALSE);
  hd_undo_toast_add (ADW_TOAST_OVERLAY (merge->screen->toasts), _("Merged"), undo_merge,
                     g_object_ref (result), g_object_unref);
}

/* The merge page's Merge button: the fields picked go to the store. */
static void
on_picked (const char * const *take,
           const char * const *keep,
           gpointer            user_data)
{
  Merge *template = user_data;
  GTask *task = g_task_new (template->screen->window, NULL, on_merged, NULL);
  Merge *merge = g_new0 (Merge, 1);

  merge->screen = template->screen;
  merge->row = g_object_ref (template->row);
  merge->survivor = g_strdup (template->survivor);
  merge->loser = g_strdup (template->loser);
  merge->take = g_strdupv ((char **) take);
  merge->keep = g_strdupv ((char **) keep);
  gtk_widget_set_sensitive (merge->row, FALSE);
  g_task_set_task_data (task, merge, (GDestroyNotify) merge_free);
  g_task_run_in_thread (task, merge_thread);
  g_object_unref (task);
}

/* A row's Merge button: the two records side by side. */
static void
on_compare_clicked (GtkButton *button,
                    Merge     *template)
{
  Screen *screen = template->screen;
  g_autofree char *a = name_of (template->kept);
  g_autofree char *b = name_of (template->gone);
  /* Translators: the title of the merge page: "Merge Jana Mueller into Jana Müller" */
  g_autofree char *title = g_strdup_printf (_("Merge %s into %s"), b, a);

  if (screen->merge_page != NULL)
    gtk_stack_remove (GTK_STACK (screen->stack), screen->merge_page);
  screen->merge_page = hd_merge_page_new (screen->store, template->kept, template->gone,
                                          on_picked, template);
  gtk_stack_add_titled (GTK_STACK (screen->stack), screen->merge_page, "merge", title);
  gtk_stack_set_visible_child (GTK_STACK (screen->stack), screen->merge_page);
  gtk_widget_set_visible (screen->back, TRUE);
  gtk_widget_set_visible (screen->swap, TRUE);
  screen->current = template;
}

/* The other record of the pair stays instead: the page again, turned. */
static void
on_swap_clicked (Screen *screen)
{
  Merge *template = screen->current;
  HdRecord *record;
  char *id;

  if (template == NULL)
    return;
  record = template->kept;
  template->kept = template->gone;
  template->gone = record;
  id = template->survivor;
  template->survivor = template->loser;
  template->loser = id;
  on_compare_clicked (NULL, template);
}

static void
pairs_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  Screen *screen = data;
  GError *error = NULL;
  GPtrArray *pairs = hd_store_duplicate_pairs (screen->store, screen->entity, screen->hub_id, &error);

  if (pairs == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, pairs, (GDestroyNotify) g_ptr_array_unref);
}

static void
on_pairs (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Screen *screen = g_object_get_data (source, "hd-screen");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pairs = g_task_propagate_pointer (G_TASK (result), &error);

  if (pairs == NULL || pairs->len == 0)
    {
      adw_status_page_set_title (ADW_STATUS_PAGE (screen->status),
                                 pairs == NULL ? error->message : _("No Duplicates Found"));
      return;
    }
  gtk_widget_set_visible (screen->status, FALSE);
  gtk_widget_set_visible (screen->scrolled, TRUE);

  for (guint i = 0; i < pairs->len && i < 500; i++)
    {
      HdDuplicatePair *pair = pairs->pdata[i];
      HdRecord *keep = filled (pair->b) > filled (pair->a) ? pair->b : pair->a;
      HdRecord *drop = keep == pair->a ? pair->b : pair->a;
      g_autofree char *a = name_of (keep);
      g_autofree char *b = name_of (drop);
      /* Translators: two records that look like the same one: "Jana Müller and Jana Mueller" */
      g_autofree char *title = g_strdup_printf (_("%s and %s"), a, b);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_label (_("Merge…"));
      Merge *merge = g_new0 (Merge, 1);
      g_autofree char *label = NULL;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reason_text (pair->reasons));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      /* Translators: the button that merges the second record into the first */
      label = g_strdup_printf (_("Merge %s into %s"), b, a);
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      merge->screen = screen;
      merge->row = g_object_ref (row);
      merge->survivor = g_strdup (hd_record_get_id (keep));
      merge->loser = g_strdup (hd_record_get_id (drop));
      merge->kept = hd_record_ref (keep);
      merge->gone = hd_record_ref (drop);
      g_object_set_data_full (G_OBJECT (row), "hd-a", g_strdup (merge->survivor), g_free);
      g_object_set_data_full (G_OBJECT (row), "hd-b", g_strdup (merge->loser), g_free);
      g_signal_connect_data (button, "clicked", G_CALLBACK (on_compare_clicked), merge,
                             (GClosureNotify) (void (*) (void)) merge_free, 0);
      gtk_list_box_append (GTK_LIST_BOX (screen->list), row);
    }
}

void
hd_duplicates_window_show (GtkWidget  *view,
                           HdContext  *context,
                           HdEntity    entity)
{
  Screen *screen = g_new0 (Screen, 1);
  GtkWidget *box, *header, *scrolled, *clamp;
  GTask *task;
  const char *hub = hd_context_get_hub_id (context);

  screen->store = g_object_ref (hd_context_get_store (context));
  screen->hub_id = g_strdup (hub);
  screen->entity = entity;
  screen->window = adw_window_new ();
  gtk_window_set_transient_for (GTK_WINDOW (screen->window), GTK_WINDOW (gtk_widget_get_root (view)));
  gtk_window_set_modal (GTK_WINDOW (screen->window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (screen->window), 600, 560);
  gtk_window_set_title (GTK_WINDOW (screen->window),
                        entity == HD_ENTITY_PERSON ? _("Duplicate People") : _("Duplicate Organizations"));
  g_object_set_data_full (G_OBJECT (screen->window), "hd-screen", screen, (GDestroyNotify) screen_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  screen->back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_tooltip_text (screen->back, _("Back"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (screen->back), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back"), -1);
  gtk_widget_set_visible (screen->back, FALSE);
  g_signal_connect_swapped (screen->back, "clicked", G_CALLBACK (show_pairs), screen);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), screen->back);
  screen->swap = gtk_button_new_from_icon_name ("object-flip-horizontal-symbolic");
  gtk_widget_set_tooltip_text (screen->swap, _("Keep the Other Record"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (screen->swap), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Keep the Other Record"), -1);
  gtk_widget_set_visible (screen->swap, FALSE);
  g_signal_connect_swapped (screen->swap, "clicked", G_CALLBACK (on_swap_clicked), screen);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), screen->swap);
  gtk_box_append (GTK_BOX (box), header);
  screen->toasts = adw_toast_overlay_new ();
  gtk_widget_set_vexpand (screen->toasts, TRUE);
  {
    GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

    screen->status = adw_status_page_new ();
    adw_status_page_set_title (ADW_STATUS_PAGE (screen->status), _("Looking for Duplicates…"));
    adw_status_page_set_icon_name (ADW_STATUS_PAGE (screen->status), "edit-copy-symbolic");
    gtk_widget_set_vexpand (screen->status, TRUE);
    gtk_box_append (GTK_BOX (inner), screen->status);

    scrolled = gtk_scrolled_window_new ();
    gtk_widget_set_vexpand (scrolled, TRUE);
    gtk_widget_set_visible (scrolled, FALSE);
    clamp = adw_clamp_new ();
    gtk_widget_set_margin_top (clamp, 12);
    gtk_widget_set_margin_bottom (clamp, 12);
    gtk_widget_set_margin_start (clamp, 12);
    gtk_widget_set_margin_end (clamp, 12);
    screen->list = gtk_list_box_new ();
    gtk_list_box_set_selection_mode (GTK_LIST_BOX (screen->list), GTK_SELECTION_NONE);
    gtk_widget_add_css_class (screen->list, "boxed-list");
    gtk_widget_set_valign (screen->list, GTK_ALIGN_START);
    gtk_accessible_update_property (GTK_ACCESSIBLE (screen->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Likely duplicates"), -1);
    adw_clamp_set_child (ADW_CLAMP (clamp), screen->list);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
    gtk_box_append (GTK_BOX (inner), scrolled);
    screen->scrolled = scrolled;
    screen->stack = gtk_stack_new ();
    gtk_stack_set_transition_type (GTK_STACK (screen->stack), GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT_RIGHT);
    gtk_stack_add_named (GTK_STACK (screen->stack), inner, "pairs");
    hd_a11y_track_stack (GTK_STACK (screen->stack));
    adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (screen->toasts), screen->stack);
  }
  gtk_box_append (GTK_BOX (box), screen->toasts);
  adw_window_set_content (ADW_WINDOW (screen->window), box);

  task = g_task_new (screen->window, NULL, on_pairs, NULL);
  g_task_set_task_data (task, screen, NULL);
  g_task_run_in_thread (task, pairs_thread);
  g_object_unref (task);

  gtk_window_present (GTK_WINDOW (screen->window));
}
