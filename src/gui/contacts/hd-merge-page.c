/* hd-merge-page.c — two likely duplicates side by side, merged field by field
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "hd-merge-page.h"
#include "hd-store-duplicates.h"
#include "widgets/hd-format.h"

/* How a field is merged: see hd_store_merge_picked(). */
enum {
  PICK_SURVIVOR,  /* keep */
  PICK_OTHER,     /* take */
  PICK_BOTH,      /* neither: the store joins tags and notes */
  N_PICKS
};

typedef struct {
  const char     *field;      /* static, from the schema */
  GtkToggleButton *buttons[N_PICKS];
} Pick;

typedef struct {
  HdStore             *store;
  HdRecord            *survivor;
  HdRecord            *loser;
  GHashTable          *names;     /* referenced id → name */
  guint                counts[HD_N_ENTITIES];
  GPtrArray           *picks;     /* Pick * */
  HdMergePageCallback  merge;
  gpointer             user_data;
  GtkWidget           *page;
  GtkWidget           *content;
  GtkWidget           *summary;
  GtkWidget           *button;
  GtkWidget           *spinner;
} Page;

static void
page_free (Page *page)
{
  g_clear_object (&page->store);
  g_clear_pointer (&page->survivor, hd_record_unref);
  g_clear_pointer (&page->loser, hd_record_unref);
  g_clear_pointer (&page->names, g_hash_table_unref);
  g_clear_pointer (&page->picks, g_ptr_array_unref);
  g_free (page);
}

static char *
record_name (const HdRecord *record)
{
  if (hd_record_get_entity (record) == HD_ENTITY_PERSON)
    return hd_format_person_name (record);
  return g_strdup (hd_record_get_string (record, "name"));
}

/* ---- what the page needs from the store, on a worker thread ---- */

typedef struct {
  HdStore    *store;
  HdRecord   *survivor;
  HdRecord   *loser;
  GHashTable *names;
  guint       counts[HD_N_ENTITIES];
} Load;

static void
load_free (Load *load)
{
  g_clear_object (&load->store);
  g_clear_pointer (&load->survivor, hd_record_unref);
  g_clear_pointer (&load->loser, hd_record_unref);
  g_clear_pointer (&load->names, g_hash_table_unref);
  g_free (load);
}

static void
add_name (Load       *load,
          HdEntity    entity,
          const char *id)
{
  g_autoptr(HdRecord) record = NULL;

  if (id == NULL || g_hash_table_contains (load->names, id))
    return;
  record = hd_store_get (load->store, entity, id, NULL);
  if (record != NULL)
    g_hash_table_insert (load->names, g_strdup (id), record_name (record));
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  Load *load = data;
  const HdEntityInfo *info = hd_record_get_info (load->survivor);
  HdRecord *both[2] = { load->survivor, load->loser };
  GError *error = NULL;

  /* The names of the records the two refer to (an organization, …). */
  for (guint i = 0; i < info->n_fields; i++)
    {
      const HdField *field = &info->fields[i];

      for (guint r = 0; r < 2; r++)
        {
          if (field->type == HD_TYPE_REF)
            add_name (load, field->ref, hd_record_get_string (both[r], field->name));
          else if (field->type == HD_TYPE_REF_LIST)
            {
              const char **ids = hd_record_get_strv (both[r], field->name);

              for (guint k = 0; ids != NULL && ids[k] != NULL; k++)
                add_name (load, field->ref, ids[k]);
            }
        }
    }

  if (!hd_store_count_references (load->store, hd_record_get_entity (load->loser),
                                  hd_record_get_id (load->loser), load->counts, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* ---- values as a person reads them ---- */

static char *
join_labels (GVariant *value,
             gboolean  enum_labels,
             GHashTable *names)
{
  g_autofree const char **items = g_variant_get_strv (value, NULL);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *text = items[i];

      if (enum_labels)
        text = hd_format_enum (items[i]);
      else if (names != NULL && g_hash_table_lookup (names, items[i]) != NULL)
        text = g_hash_table_lookup (names, items[i]);
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, text);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
display_value (Page          *page,
               const HdField *field,
               GVariant      *value)
{
  char *text;

  if (value == NULL)
    return g_strdup (_("Empty"));

  switch (field->type)
    {
    case HD_TYPE_BOOL:
      return g_strdup (g_variant_get_boolean (value) ? _("Yes") : _("No"));
    case HD_TYPE_INT:
      return g_strdup_printf ("%lld", (long long) g_variant_get_int64 (value));
    case HD_TYPE_ENUM:
      return g_strdup (hd_format_enum (g_variant_get_string (value, NULL)));
    case HD_TYPE_ENUM_SET:
      text = join_labels (value, TRUE, NULL);
      break;
    case HD_TYPE_STRV:
      text = join_labels (value, FALSE, NULL);
      break;
    case HD_TYPE_REF_LIST:
      text = join_labels (value, FALSE, page->names);
      break;
    case HD_TYPE_REF:
      {
        const char *name = g_hash_table_lookup (page->names, g_variant_get_string (value, NULL));

        return g_strdup (name != NULL ? name : g_variant_get_string (value, NULL));
      }
    case HD_TYPE_TIMESTAMP:
      {
        g_autoptr(GTimeZone) local = g_time_zone_new_local ();

        return hd_format_timestamp (g_variant_get_string (value, NULL), local);
      }
    case HD_TYPE_DATE:
      return hd_format_iso_date (g_variant_get_string (value, NULL));
    default:
      text = g_strdup (g_variant_get_string (value, NULL));
      break;
    }

  if (*text == '\0')
    {
      g_free (text);
      return g_strdup (_("Empty"));
    }
  return text;
}

/* ---- building the page ---- */

/* No value, an empty text or an empty list. */
static gboolean
is_empty (GVariant *value)
{
  if (value == NULL)
    return TRUE;
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return *g_variant_get_string (value, NULL) == '\0';
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    return g_variant_n_children (value) == 0;
  return FALSE;
}

static void
update_button (Page *page)
{
  gtk_widget_set_sensitive (page->button, page->merge != NULL);
}

/* Grouped toggle buttons: a choice of one, each value on a button of its
 * own that shows it is chosen (and, unlike check buttons in GTK 4.8,
 * can be clicked through the accessibility interface). */
static GtkWidget *
pick_button (Page            *page,
             const HdField   *field,
             const char      *text,
             GtkToggleButton *group)
{
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *label = gtk_label_new (text);
  /* Translators: the accessible name of a choice in the merge screen:
   * the field, then the value it would keep, e.g. "Email: jana@example.org" */
  g_autofree char *name = g_strdup_printf (_("%s: %s"), hd_field_label (field), text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_label_set_lines (GTK_LABEL (label), 6);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* The value chosen shows a check mark, not only a darker button. */
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *mark = gtk_image_new_from_icon_name ("object-select-symbolic");

    gtk_widget_set_hexpand (label, TRUE);
    gtk_widget_set_valign (mark, GTK_ALIGN_START);
    gtk_box_append (GTK_BOX (box), label);
    gtk_box_append (GTK_BOX (box), mark);
    g_object_bind_property (button, "active", mark, "visible", G_BINDING_SYNC_CREATE);
    gtk_button_set_child (GTK_BUTTON (button), box);
  }
  if (group != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
  gtk_widget_set_hexpand (button, TRUE);
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_set_tooltip_text (button, name);
  return button;
}

/* Whether the store would join both values when neither is picked. */
static gboolean
can_join (const HdField *field)
{
  return field->type == HD_TYPE_STRV || field->type == HD_TYPE_TEXT;
}

static void
add_heading (GtkGrid    *grid,
             const char *text,
             int         column,
             int         row,
             int         width)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "heading");
  gtk_grid_attach (grid, label, column, row, width, 1);
}

static char *
summary_text (Page *page)
{
  guint others = 0;
  g_autofree char *name = record_name (page->survivor);
  g_autofree char *interactions = NULL;
  g_autofree char *registrations = NULL;
  g_autofree char *bookings = NULL;
  g_autofree char *rest = NULL;

  for (guint e = 0; e < HD_N_ENTITIES; e++)
    {
      if (e != HD_ENTITY_INTERACTION && e != HD_ENTITY_REGISTRATION && e != HD_ENTITY_BOOKING)
        others += page->counts[e];
    }
  interactions = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u interaction", "%u interactions",
                                               page->counts[HD_ENTITY_INTERACTION]),
                                  page->counts[HD_ENTITY_INTERACTION]);
  registrations = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u registration", "%u registrations",
                                                page->counts[HD_ENTITY_REGISTRATION]),
                                   page->counts[HD_ENTITY_REGISTRATION]);
  bookings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u booking", "%u bookings",
                                           page->counts[HD_ENTITY_BOOKING]),
                              page->counts[HD_ENTITY_BOOKING]);
  rest = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u other link", "%u other links", others), others);

  /* Translators: what a merge moves: "Moves to Jana Müller: 2 interactions,
   * 1 registration, 0 bookings and 0 other links." */
  return g_strdup_printf (_("Moves to %s: %s, %s, %s and %s."), name, interactions, registrations,
                          bookings, rest);
}

static void
on_merge_clicked (Page *page)
{
  g_autoptr(GPtrArray) take = g_ptr_array_new ();
  g_autoptr(GPtrArray) keep = g_ptr_array_new ();

  if (page->merge == NULL)
    return;
  for (guint i = 0; i < page->picks->len; i++)
    {
      Pick *pick = page->picks->pdata[i];

      if (gtk_toggle_button_get_active (pick->buttons[PICK_SURVIVOR]))
        g_ptr_array_add (keep, (gpointer) pick->field);
      else if (gtk_toggle_button_get_active (pick->buttons[PICK_OTHER]))
        g_ptr_array_add (take, (gpointer) pick->field);
    }
  g_ptr_array_add (take, NULL);
  g_ptr_array_add (keep, NULL);

  hd_merge_page_set_busy (page->page, TRUE);
  page->merge ((const char * const *) take->pdata, (const char * const *) keep->pdata, page->user_data);
}

static void
build (Page *page)
{
  const HdEntityInfo *info = hd_record_get_info (page->survivor);
  g_autofree char *kept = record_name (page->survivor);
  g_autofree char *gone = record_name (page->loser);
  g_autofree char *kept_heading = NULL;
  g_autofree char *gone_heading = NULL;
  GtkWidget *grid = gtk_grid_new ();
  guint same = 0;
  int row = 1;

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Fields that differ"), -1);

  /* Translators: column heading over the values of the record that stays */
  kept_heading = g_strdup_printf (_("%s (stays)"), kept);
  /* Translators: column heading over the values of the record merged into the other */
  gone_heading = g_strdup_printf (_("%s (goes)"), gone);
  add_heading (GTK_GRID (grid), kept_heading, 0, 0, 1);
  add_heading (GTK_GRID (grid), gone_heading, 1, 0, 1);

  for (guint i = 0; i < info->n_fields; i++)
    {
      const HdField *field = &info->fields[i];
      GVariant *mine = hd_record_get (page->survivor, i);
      GVariant *theirs = hd_record_get (page->loser, i);
      g_autofree char *mine_text = NULL;
      g_autofree char *theirs_text = NULL;
      GtkWidget *name;
      Pick *pick;
      int pick_default;

      /* Archiving is not merged: the record that stays keeps its state. */
      if (g_str_equal (field->name, "archived"))
        continue;
      if (is_empty (mine) && is_empty (theirs))
        continue;
      if (hd_value_equal (mine, theirs))
        {
          same++;
          continue;
        }

      mine_text = display_value (page, field, mine);
      theirs_text = display_value (page, field, theirs);
      pick = g_new0 (Pick, 1);
      pick->field = field->name;

      name = gtk_label_new (hd_field_label (field));
      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_widget_add_css_class (name, "dim-label");
      gtk_widget_add_css_class (name, "caption-heading");
      gtk_widget_set_margin_top (name, 12);
      gtk_grid_attach (GTK_GRID (grid), name, 0, row++, 2, 1);

      pick->buttons[PICK_SURVIVOR] = GTK_TOGGLE_BUTTON (pick_button (page, field, mine_text, NULL));
      pick->buttons[PICK_OTHER] = GTK_TOGGLE_BUTTON (pick_button (page, field, theirs_text,
                                                                 pick->buttons[PICK_SURVIVOR]));
      gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (pick->buttons[PICK_SURVIVOR]), 0, row, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (pick->buttons[PICK_OTHER]), 1, row++, 1, 1);

      /* As the store does when nothing is picked: empty fields filled,
       * tags and notes joined, else the record that stays wins. */
      if (is_empty (mine))
        pick_default = PICK_OTHER;
      else if (!is_empty (theirs) && can_join (field))
        pick_default = PICK_BOTH;
      else
        pick_default = PICK_SURVIVOR;

      if (!is_empty (mine) && !is_empty (theirs) && can_join (field))
        {
          /* Translators: a choice in the merge screen: keep the tags (or
           * notes) of both records */
          GtkWidget *both = pick_button (page, field, field->type == HD_TYPE_STRV ?
                                         _("Both, united") : _("Both, one after the other"),
                                         pick->buttons[PICK_SURVIVOR]);

          pick->buttons[PICK_BOTH] = GTK_TOGGLE_BUTTON (both);
          gtk_grid_attach (GTK_GRID (grid), both, 0, row++, 2, 1);
        }
      gtk_toggle_button_set_active (pick->buttons[pick_default], TRUE);
      g_ptr_array_add (page->picks, pick);
    }

  if (page->picks->len == 0)
    {
      GtkWidget *none = gtk_label_new (_("The two records hold the same values."));

      gtk_label_set_xalign (GTK_LABEL (none), 0);
      gtk_grid_attach (GTK_GRID (grid), none, 0, row++, 2, 1);
    }
  else if (same > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u more field is the same in both.",
                                                            "%u more fields are the same in both.",
                                                            same), same);
      GtkWidget *note = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (note), 0);
      gtk_label_set_wrap (GTK_LABEL (note), TRUE);
      gtk_widget_add_css_class (note, "dim-label");
      gtk_widget_set_margin_top (note, 12);
      gtk_grid_attach (GTK_GRID (grid), note, 0, row++, 2, 1);
    }

  gtk_box_insert_child_after (GTK_BOX (page->content), grid, page->summary);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Load *load = g_task_get_task_data (G_TASK (result));
  Page *page = g_object_get_data (source, "hd-merge-page");
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  gtk_spinner_stop (GTK_SPINNER (page->spinner));
  gtk_widget_set_visible (page->spinner, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      gtk_label_set_text (GTK_LABEL (page->summary), error->message);
      gtk_widget_set_visible (page->summary, TRUE);
      return;
    }

  page->names = g_steal_pointer (&load->names);
  memcpy (page->counts, load->counts, sizeof page->counts);
  build (page);
  summary = summary_text (page);
  gtk_label_set_text (GTK_LABEL (page->summary), summary);
  gtk_widget_set_visible (page->summary, TRUE);
  update_button (page);
}

GtkWidget *
hd_merge_page_new (HdStore             *store,
                   HdRecord            *survivor,
                   HdRecord            *loser,
                   HdMergePageCallback  merge,
                   gpointer             user_data)
{
  Page *page = g_new0 (Page, 1);
  Load *load = g_new0 (Load, 1);
  GtkWidget *scrolled, *clamp, *bottom;
  GTask *task;

  page->store = g_object_ref (store);
  page->survivor = hd_record_ref (survivor);
  page->loser = hd_record_ref (loser);
  page->picks = g_ptr_array_new_with_free_func (g_free);
  page->merge = merge;
  page->user_data = user_data;

  page->page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  g_object_set_data_full (G_OBJECT (page->page), "hd-merge-page", page, (GDestroyNotify) page_free);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  gtk_widget_set_margin_top (clamp, 12);
  gtk_widget_set_margin_bottom (clamp, 12);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  page->content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  page->spinner = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (page->spinner));
  gtk_box_append (GTK_BOX (page->content), page->spinner);
  page->summary = gtk_label_new (NULL);
  gtk_widget_add_css_class (page->summary, "heading");
  gtk_label_set_wrap (GTK_LABEL (page->summary), TRUE);
  gtk_label_set_xalign (GTK_LABEL (page->summary), 0);
  gtk_widget_set_visible (page->summary, FALSE);
  gtk_box_append (GTK_BOX (page->content), page->summary);
  adw_clamp_set_child (ADW_CLAMP (clamp), page->content);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (page->page), scrolled);

  bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (bottom, GTK_ALIGN_END);
  gtk_widget_set_margin_top (bottom, 6);
  gtk_widget_set_margin_bottom (bottom, 12);
  gtk_widget_set_margin_start (bottom, 12);
  gtk_widget_set_margin_end (bottom, 12);
  page->button = gtk_button_new_with_label (_("Merge"));
  gtk_widget_add_css_class (page->button, "suggested-action");
  gtk_widget_add_css_class (page->button, "pill");
  gtk_widget_set_sensitive (page->button, FALSE);
  g_signal_connect_swapped (page->button, "clicked", G_CALLBACK (on_merge_clicked), page);
  gtk_box_append (GTK_BOX (bottom), page->button);
  gtk_box_append (GTK_BOX (page->page), bottom);

  load->store = g_object_ref (store);
  load->survivor = hd_record_ref (survivor);
  load->loser = hd_record_ref (loser);
  load->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  task = g_task_new (page->page, NULL, on_loaded, NULL);
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  g_task_run_in_thread (task, load_thread);
  g_object_unref (task);

  return page->page;
}

void
hd_merge_page_set_busy (GtkWidget *widget,
                        gboolean   busy)
{
  Page *page = g_object_get_data (G_OBJECT (widget), "hd-merge-page");

  g_return_if_fail (page != NULL);
  gtk_widget_set_sensitive (page->content, !busy);
  gtk_widget_set_sensitive (page->button, !busy);
}
