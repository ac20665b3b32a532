/* hd-contacts-view.c — organizations and people in sortable tables
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows come from an HdRecordList, a page at a time; sorting a column
 * changes the store query's order_by instead of sorting in memory, so
 * 100,000 people cost only the rows on screen.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <adwaita.h>

#include "hd-view.h"
#include "hd-contacts-view.h"
#include "hd-contacts-transfer.h"
#include "hd-duplicates-window.h"
#include "hd-record-editor.h"
#include "widgets/hd-a11y.h"
#include "widgets/hd-detail-pane.h"
#include "widgets/hd-format.h"
#include "widgets/hd-list-state.h"
#include "widgets/hd-undo-toast.h"
#include "widgets/hd-record-row.h"
#include "widgets/hd-sync-mark.h"
#include "hd-store-tags.h"

typedef enum {
  COLUMN_PERSON_NAME,
  COLUMN_PERSON_ORGANIZATION,
  COLUMN_PERSON_JOB,
  COLUMN_PERSON_EMAIL,
  COLUMN_ORGANIZATION_NAME,
  COLUMN_ORGANIZATION_KIND,
  COLUMN_ORGANIZATION_CITY,
  COLUMN_ORGANIZATION_EMAIL,
} ColumnKind;

typedef struct
{
  ColumnKind  kind;
  const char *order_by;   /* NULL: the column cannot be sorted */
} ColumnSpec;

/* The sort probe: see read_sort(). */
typedef struct
{
  HdContactsView *view;
  const char     *order_by;
} SortProbe;

struct _HdContactsView
{
  GtkWidget            parent_instance;

  HdContext           *context;
  HdRecordList        *people;
  HdRecordList        *organizations;
  GtkSingleSelection  *people_selection;
  GtkSingleSelection  *organizations_selection;
  HdRecordList        *members;          /* people of the organization shown */
  HdRecordList        *timeline;         /* interactions of the record shown */
  HdRecord            *shown;            /* the record shown */
  char                *shown_id;
  const char          *probed;
  gboolean             showing_records;
  gboolean             show_archived;
  GtkDropDown         *filter_dropdown;
  guint                people_filter;        /* index into people_filters */
  guint                organizations_filter; /* 0: all, else kind value + 1 */
  GtkDropDown         *tag_dropdown;
  GtkDropDown         *archived_dropdown;    /* active, with archived, archived only */
  gboolean             archived_only;
  GtkFlowBox          *active_filters;       /* one button per filter in force */
  GStrv                tags;                 /* offered for the list shown */
  char                *people_tag;           /* NULL: all */
  char                *organizations_tag;
  GCancellable        *tags_cancellable;
  int                  width_class;    /* 0 narrow, 1 medium, 2 wide */
  guint                width_source;

  /* template */
  AdwLeaflet          *leaflet;
  GtkWidget           *list_pane;
  GtkSearchBar        *search_bar;
  GtkSearchEntry      *search_entry;
  GtkToggleButton     *people_button;
  GtkToggleButton     *organizations_button;
  GtkLabel            *count_label;
  GtkStack            *list_stack;
  GtkStack            *table_stack;
  GtkColumnView       *people_view;
  GtkColumnView       *organizations_view;
  GtkColumnViewColumn *person_name_column;
  GtkColumnViewColumn *person_organization_column;
  GtkColumnViewColumn *person_job_column;
  GtkColumnViewColumn *person_email_column;
  GtkColumnViewColumn *organization_name_column;
  GtkColumnViewColumn *organization_kind_column;
  GtkColumnViewColumn *organization_city_column;
  GtkColumnViewColumn *organization_email_column;
  GtkWidget           *detail_separator;
  GtkWidget           *detail_actions;
  GtkButton           *archive_button;
  GtkWidget           *add_person_button;
  GtkWidget           *privacy_button;
  GtkStack            *detail_stack;
  HdDetailPane        *detail;
};

static void hd_contacts_view_iface_init (HdViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (HdContactsView, hd_contacts_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (HD_TYPE_VIEW, hd_contacts_view_iface_init))

enum {
  PROP_0,
  PROP_SHOWING_RECORDS,
  PROP_SHOW_ARCHIVED,
  N_PROPS,

  PROP_CONTEXT = N_PROPS,   /* and HdView's two after it */
};

static GParamSpec *properties[N_PROPS];

static const ColumnSpec column_specs[] = {
  { COLUMN_PERSON_NAME, "family_name" },
  { COLUMN_PERSON_ORGANIZATION, NULL },
  { COLUMN_PERSON_JOB, "job_title" },
  { COLUMN_PERSON_EMAIL, "email" },
  { COLUMN_ORGANIZATION_NAME, "name" },
  { COLUMN_ORGANIZATION_KIND, "kind" },
  { COLUMN_ORGANIZATION_CITY, "city" },
  { COLUMN_ORGANIZATION_EMAIL, "email" },
};

static gboolean
showing_people (HdContactsView *self)
{
  return gtk_toggle_button_get_active (self->people_button);
}

static HdRecordList *
current_list (HdContactsView *self)
{
  return showing_people (self) ? self->people : self->organizations;
}

static void
update_state (HdContactsView *self)
{
  HdRecordList *list = current_list (self);
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;
  guint n;

  hd_list_state_update (self->list_stack, list,
                        hd_view_search_text (self->search_entry) != NULL);

  hd_list_state_update_detail (self->list_stack, GTK_WIDGET (self->detail_stack),
                               self->detail_separator);

  if (list == NULL || hd_record_list_get_loading (list) ||
      hd_list_state_is_empty (self->list_stack))
    {
      gtk_label_set_label (self->count_label, "");
      return;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  count = hd_format_count (n);
  if (showing_people (self))
    /* Translators: the number of people in the list, e.g. "10,000 people" */
    text = g_strdup_printf (ngettext ("%s person", "%s people", n), count);
  else
    /* Translators: e.g. "5,000 organizations" */
    text = g_strdup_printf (ngettext ("%s organization", "%s organizations", n), count);
  gtk_label_set_label (self->count_label, text);
}

/* GTK 4.8 does not tell which column a GtkColumnView is sorted by. Each
 * column's sorter records itself when asked to compare; the column view's
 * sorter asks its primary column first and turns the answer around when
 * the order is descending. */
static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  SortProbe *probe = user_data;

  probe->view->probed = probe->order_by;

  return GTK_ORDERING_SMALLER;
}

static void
read_sort (HdContactsView *self,
           GtkColumnView  *column_view,
           const char    **out_order_by,
           gboolean       *out_descending)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (column_view);
  g_autoptr(GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkOrdering ordering = GTK_ORDERING_EQUAL;

  self->probed = NULL;
  if (sorter != NULL)
    ordering = gtk_sorter_compare (sorter, a, b);

  *out_order_by = self->probed;
  *out_descending = self->probed != NULL && ordering == GTK_ORDERING_LARGER;
}

/* The filters of the people list; organizations filter by kind. */
static const struct {
  const char *label;
  const char *field;
  const char *value;
} people_filters[] = {
  { N_("All people"), NULL, NULL },
  { N_("Consent given"), "consent", "given" },
  { N_("Newsletter allowed"), "consent_purposes", "newsletter" },
  { N_("No consent"), "consent", "none" },
  { N_("Consent withdrawn"), "consent", "withdrawn" },
};

static const char * const *
organization_kinds (void)
{
  const HdField *field = hd_entity_field (HD_ENTITY_ORGANIZATION,
                                          hd_entity_field_index (HD_ENTITY_ORGANIZATION, "kind"));

  return field->values;
}

/* The filters of the list shown, all at once (HdQuery's where: every
 * one must hold): consent or kind, tag, archived only. The hub comes
 * from the context, archived ones from show_archived. */
static GPtrArray *
read_filters (HdContactsView *self,
              gboolean        people)
{
  GPtrArray *where = g_ptr_array_new_with_free_func (g_free);
  const char *tag = people ? self->people_tag : self->organizations_tag;

  if (people && self->people_filter > 0 && self->people_filter < G_N_ELEMENTS (people_filters))
    g_ptr_array_add (where, g_strdup_printf ("%s=%s", people_filters[self->people_filter].field,
                                             people_filters[self->people_filter].value));
  else if (!people && self->organizations_filter > 0)
    g_ptr_array_add (where, g_strdup_printf ("kind=%s", organization_kinds ()[self->organizations_filter - 1]));
  if (tag != NULL)
    g_ptr_array_add (where, g_strdup_printf ("tags=%s", tag));
  if (self->show_archived && self->archived_only)
    g_ptr_array_add (where, g_strdup ("archived=true"));
  g_ptr_array_add (where, NULL);
  return where;
}

static void reload (HdContactsView *self);
static void on_tag_selected (HdContactsView *self);
static void update_active_filters (HdContactsView *self);
static void reload_both (HdContactsView *self);
static void fill_filter (HdContactsView *self);

/* The tag of the list shown (NULL: all) in the tag drop-down, which
 * lists the tags in use and, should it be gone, the tag chosen. */
static void
fill_tags (HdContactsView *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const char *tag = showing_people (self) ? self->people_tag : self->organizations_tag;
  guint selected = 0;
  guint n = 1;

  gtk_string_list_append (labels, _("All tags"));
  for (guint i = 0; self->tags != NULL && self->tags[i] != NULL; i++, n++)
    {
      gtk_string_list_append (labels, self->tags[i]);
      if (g_strcmp0 (tag, self->tags[i]) == 0)
        selected = n;
    }
  if (tag != NULL && selected == 0)
    {
      gtk_string_list_append (labels, tag);
      selected = n;
    }

  g_signal_handlers_block_by_func (self->tag_dropdown, on_tag_selected, self);
  gtk_drop_down_set_model (self->tag_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->tag_dropdown, selected);
  g_signal_handlers_unblock_by_func (self->tag_dropdown, on_tag_selected, self);
}

static void
clear_tag (HdContactsView *self)
{
  g_clear_pointer (showing_people (self) ? &self->people_tag : &self->organizations_tag, g_free);
  if (self->tag_dropdown != NULL)
    fill_tags (self);
}

static void
on_tags_listed (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(HdContactsView) self = user_data;
  g_autoptr(GError) error = NULL;
  GStrv tags = hd_store_list_tags_finish (HD_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->tag_dropdown == NULL)
    {
      g_strfreev (tags);
      return;
    }
  if (error != NULL)
    g_warning ("The tags in use could not be read: %s", error->message);

  g_strfreev (self->tags);
  self->tags = tags;
  fill_tags (self);
}

/* Reads the tags in use on the kind of record shown, of the hub chosen. */
static void
list_tags (HdContactsView *self)
{
  g_cancellable_cancel (self->tags_cancellable);
  g_clear_object (&self->tags_cancellable);
  self->tags_cancellable = g_cancellable_new ();

  g_clear_pointer (&self->tags, g_strfreev);
  fill_tags (self);
  hd_store_list_tags_async (hd_context_get_store (self->context),
                            showing_people (self) ? HD_ENTITY_PERSON : HD_ENTITY_ORGANIZATION,
                            hd_context_get_hub_id (self->context),
                            self->tags_cancellable, on_tags_listed, g_object_ref (self));
}

static void
on_tag_selected (HdContactsView *self)
{
  guint selected = gtk_drop_down_get_selected (self->tag_dropdown);
  GtkStringObject *item = GTK_STRING_OBJECT (gtk_drop_down_get_selected_item (self->tag_dropdown));
  char **tag = showing_people (self) ? &self->people_tag : &self->organizations_tag;

  g_free (*tag);
  *tag = (selected == GTK_INVALID_LIST_POSITION || selected == 0 || item == NULL)
         ? NULL : g_strdup (gtk_string_object_get_string (item));

  if (current_list (self) != NULL)
    reload (self);
  else
    update_active_filters (self);
}

static void
on_filter_selected (HdContactsView *self)
{
  guint selected = gtk_drop_down_get_selected (self->filter_dropdown);

  if (selected == GTK_INVALID_LIST_POSITION)
    selected = 0;
  if (showing_people (self))
    self->people_filter = selected;
  else
    self->organizations_filter = selected;
  if (current_list (self) != NULL)
    reload (self);
  else
    update_active_filters (self);
}

/* The drop-down shows the filters of the list shown. */
static void
fill_filter (HdContactsView *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  if (showing_people (self))
    {
      for (guint i = 0; i < G_N_ELEMENTS (people_filters); i++)
        gtk_string_list_append (labels, _(people_filters[i].label));
    }
  else
    {
      const char * const *kinds = organization_kinds ();

      gtk_string_list_append (labels, _("All organizations"));
      for (guint i = 0; kinds[i] != NULL; i++)
        gtk_string_list_append (labels, hd_enum_value_label (kinds[i]));
    }

  g_signal_handlers_block_by_func (self->filter_dropdown, on_filter_selected, self);
  gtk_drop_down_set_model (self->filter_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->filter_dropdown,
                              showing_people (self) ? self->people_filter : self->organizations_filter);
  g_signal_handlers_unblock_by_func (self->filter_dropdown, on_filter_selected, self);
}

static void
reload (HdContactsView *self)
{
  gboolean people = showing_people (self);
  HdQuery query = {
    .entity = people ? HD_ENTITY_PERSON : HD_ENTITY_ORGANIZATION,
    .hub_id = hd_context_get_hub_id (self->context),
    .search = hd_view_search_text (self->search_entry),
    .include_archived = self->show_archived,
  };
  HdRecordList **list = people ? &self->people : &self->organizations;
  GtkSingleSelection *selection = people ? self->people_selection : self->organizations_selection;
  g_autoptr(GPtrArray) where = read_filters (self, people);

  read_sort (self, people ? self->people_view : self->organizations_view,
             &query.order_by, &query.descending);
  query.where = (const char * const *) where->pdata;

  hd_list_state_query (list, hd_context_get_store (self->context), &query,
                       selection, G_CALLBACK (update_state), self);
  update_state (self);
  update_active_filters (self);
}

/* ---- the filters in force, each a button that takes it away ---- */

static void
set_archived_mode (HdContactsView *self,
                   guint           mode)
{
  gboolean only = mode == 2;

  if (self->archived_dropdown != NULL && gtk_drop_down_get_selected (self->archived_dropdown) != mode)
    {
      gtk_drop_down_set_selected (self->archived_dropdown, mode);
      return;   /* on_archived_selected() comes back here */
    }
  if (self->archived_only != only)
    {
      self->archived_only = only;
      /* Unchanged show-archived reloads nothing by itself. */
      if (self->show_archived == (mode > 0) && self->people_selection != NULL)
        reload_both (self);
    }
  g_object_set (self, "show-archived", mode > 0, NULL);
}

static void
on_archived_selected (HdContactsView *self)
{
  guint selected = gtk_drop_down_get_selected (self->archived_dropdown);

  set_archived_mode (self, selected == GTK_INVALID_LIST_POSITION ? 0 : selected);
}

static void
on_remove_filter (GtkButton      *button,
                  HdContactsView *self)
{
  const char *facet = g_object_get_data (G_OBJECT (button), "hd-facet");

  if (g_str_equal (facet, "kind"))
    gtk_drop_down_set_selected (self->filter_dropdown, 0);
  else if (g_str_equal (facet, "tag"))
    gtk_drop_down_set_selected (self->tag_dropdown, 0);
  else if (g_str_equal (facet, "archived"))
    set_archived_mode (self, 0);
  else if (g_str_equal (facet, "hub"))
    hd_context_set_hub_id (self->context, NULL);
  else if (g_str_equal (facet, "all"))
    {
      if (showing_people (self))
        self->people_filter = 0;
      else
        self->organizations_filter = 0;
      fill_filter (self);
      clear_tag (self);
      if (self->show_archived || self->archived_only)
        set_archived_mode (self, 0);
      if (hd_context_get_hub_id (self->context) != NULL)
        hd_context_set_hub_id (self->context, NULL);   /* reloads */
      else
        reload (self);
    }
}

/* A flow box child only holds the widget: focus goes to the widget. */
static void
append_unfocusable (GtkFlowBox *box,
                    GtkWidget  *widget)
{
  /* Its natural width in the flow box's column, at the start. */
  gtk_widget_set_halign (widget, GTK_ALIGN_START);
  gtk_flow_box_append (box, widget);
  gtk_widget_set_focusable (gtk_widget_get_parent (widget), FALSE);
}

static void
add_filter_button (HdContactsView *self,
                   const char     *facet,
                   const char     *text)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (text);
  g_autofree char *name = NULL;

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_box_append (GTK_BOX (box), label);
  if (!g_str_equal (facet, "all"))
    {
      /* Translators: the accessible name of the button that takes a
       * filter away, e.g. "Remove Filter: Consent given" */
      name = g_strdup_printf (_("Remove Filter: %s"), text);
      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("window-close-symbolic"));
    }
  else
    {
      name = g_strdup (text);
      gtk_widget_add_css_class (button, "flat");
    }
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (button), "hd-facet", g_strdup (facet), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_remove_filter), self, 0);
  append_unfocusable (self->active_filters, button);
}

static void
update_active_filters (HdContactsView *self)
{
  gboolean people = showing_people (self);
  const char *tag = people ? self->people_tag : self->organizations_tag;
  const char *hub = hd_context_get_hub_id (self->context);
  GtkWidget *child;
  guint n = 0;

  if (self->active_filters == NULL)
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->active_filters))) != NULL)
    gtk_flow_box_remove (self->active_filters, child);

  if (people && self->people_filter > 0 && self->people_filter < G_N_ELEMENTS (people_filters))
    {
      add_filter_button (self, "kind", _(people_filters[self->people_filter].label));
      n++;
    }
  else if (!people && self->organizations_filter > 0)
    {
      add_filter_button (self, "kind", hd_enum_value_label (organization_kinds ()[self->organizations_filter - 1]));
      n++;
    }
  if (tag != NULL)
    {
      /* Translators: a filter in force: the records with this tag */
      g_autofree char *text = g_strdup_printf (_("Tag: %s"), tag);

      add_filter_button (self, "tag", text);
      n++;
    }
  if (self->show_archived)
    {
      add_filter_button (self, "archived", self->archived_only ? _("Archived only") : _("With archived"));
      n++;
    }
  if (hub != NULL)
    {
      const char *hub_name = hd_context_get_hub_name (self->context, hub);
      /* Translators: a filter in force: the records of one hub */
      g_autofree char *text = g_strdup_printf (_("Hub: %s"), hub_name != NULL ? hub_name : "…");

      add_filter_button (self, "hub", text);
      n++;
    }
  if (n > 1)
    add_filter_button (self, "all", _("Clear Filters"));
  gtk_widget_set_visible (GTK_WIDGET (self->active_filters), n > 0);
}

/* After a new search or hub, the table shown reloads at once; the other
 * one is dropped and reloads when it is shown. */
static void
reload_both (HdContactsView *self)
{
  if (showing_people (self))
    {
      gtk_single_selection_set_model (self->organizations_selection, NULL);
      g_clear_object (&self->organizations);
    }
  else
    {
      gtk_single_selection_set_model (self->people_selection, NULL);
      g_clear_object (&self->people);
    }

  if (current_list (self) != NULL)
    reload (self);
}

static void
on_search_changed (HdContactsView *self)
{
  reload_both (self);
}

static void
on_kind_toggled (HdContactsView  *self,
                 GtkToggleButton *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  gtk_stack_set_visible_child_name (self->table_stack,
                                    showing_people (self) ? "people" : "organizations");
  if (self->filter_dropdown != NULL)
    fill_filter (self);
  if (self->tag_dropdown != NULL)
    list_tags (self);

  if (current_list (self) == NULL)
    reload (self);
  else
    update_state (self);
}

static void
on_hub_changed (HdContactsView *self)
{
  reload_both (self);
  if (self->tag_dropdown != NULL)
    list_tags (self);
}

static void
on_sorter_changed (HdContactsView *self,
                   GtkSorterChange change,
                   GtkSorter      *sorter)
{
  gboolean people;

  /* Columns taken out while the view goes away change the sorters too. */
  if (self->people_view == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  people = sorter == gtk_column_view_get_sorter (self->people_view);
  if (people == showing_people (self) && current_list (self) != NULL)
    reload (self);
}

/* ---- cells ---- */

static gboolean
is_name_column (ColumnKind kind)
{
  return kind == COLUMN_PERSON_NAME || kind == COLUMN_ORGANIZATION_NAME;
}

/* A name cell is a box: the record's sync mark, then the name. */
static void
cell_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  ColumnKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "hd-column"));
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);

  if (is_name_column (kind))
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), hd_sync_mark_new ());
      gtk_box_append (GTK_BOX (box), label);
      gtk_list_item_set_child (item, box);
    }
  else
    gtk_list_item_set_child (item, label);
}

static GtkLabel *
cell_label (GtkListItem *item)
{
  GtkWidget *child = gtk_list_item_get_child (item);

  if (GTK_IS_LABEL (child))
    return GTK_LABEL (child);

  return GTK_LABEL (gtk_widget_get_last_child (child));
}

static HdSyncMark *
cell_mark (GtkListItem *item)
{
  GtkWidget *child = gtk_list_item_get_child (item);

  if (GTK_IS_LABEL (child))
    return NULL;

  return HD_SYNC_MARK (gtk_widget_get_first_child (child));
}

static void
on_cell_organization_read (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GtkLabel) label = user_data;
  g_autoptr(HdRecord) organization = NULL;
  g_autoptr(GError) error = NULL;

  organization = hd_context_get_record_finish (HD_CONTEXT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_label_set_label (label, organization ? hd_record_get_string (organization, "name") : "");
}

#define CELL_CANCELLABLE "hd-cell-cancellable"

static void
cell_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           HdContactsView           *self)
{
  GtkLabel *label = cell_label (item);
  HdSyncMark *mark = cell_mark (item);
  HdRecordObject *object = gtk_list_item_get_item (item);
  HdRecord *record = object ? hd_record_object_get_record (object) : NULL;
  ColumnKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "hd-column"));
  g_autofree char *owned = NULL;
  const char *text = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
  if (mark != NULL)
    hd_sync_mark_track (mark, self->context,
                        kind == COLUMN_PERSON_NAME ? HD_ENTITY_PERSON : HD_ENTITY_ORGANIZATION,
                        record ? hd_record_get_id (record) : NULL);

  if (record == NULL)
    {
      if (is_name_column (kind))
        {
          gtk_label_set_label (label, _("Loading…"));
          gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
        }
      else
        gtk_label_set_label (label, "");
      return;
    }

  switch (kind)
    {
    case COLUMN_PERSON_NAME:
      owned = hd_format_person_name (record);
      text = owned;
      if (!self->showing_records)
        {
          self->showing_records = TRUE;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWING_RECORDS]);
        }
      break;

    case COLUMN_PERSON_ORGANIZATION:
      {
        const char *id = hd_record_get_string (record, "organization_id");
        GCancellable *cancellable;

        if (id == NULL || *id == '\0')
          break;

        cancellable = g_cancellable_new ();
        g_object_set_data_full (G_OBJECT (label), CELL_CANCELLABLE, cancellable, g_object_unref);
        hd_context_get_record_async (self->context, HD_ENTITY_ORGANIZATION, id, cancellable,
                                     on_cell_organization_read, g_object_ref (label));
        text = "";
      }
      break;

    case COLUMN_PERSON_JOB:
      text = hd_record_get_string (record, "job_title");
      break;

    case COLUMN_PERSON_EMAIL:
    case COLUMN_ORGANIZATION_EMAIL:
      text = hd_record_get_string (record, "email");
      break;

    case COLUMN_ORGANIZATION_NAME:
      text = hd_record_get_string (record, "name");
      if (!self->showing_records)
        {
          self->showing_records = TRUE;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWING_RECORDS]);
        }
      break;

    case COLUMN_ORGANIZATION_KIND:
      text = hd_format_enum (hd_record_get_string (record, "kind"));
      break;

    case COLUMN_ORGANIZATION_CITY:
      text = hd_record_get_string (record, "city");
      break;

    default:
      g_assert_not_reached ();
    }

  gtk_label_set_label (label, text ? text : "");
}

static void
cell_unbind (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GObject *label = G_OBJECT (cell_label (item));
  HdSyncMark *mark = cell_mark (item);
  GCancellable *cancellable = g_object_get_data (label, CELL_CANCELLABLE);

  if (mark != NULL)
    hd_sync_mark_track (mark, NULL, 0, NULL);

  if (cancellable != NULL)
    {
      g_cancellable_cancel (cancellable);
      g_object_set_data (label, CELL_CANCELLABLE, NULL);
    }
}

static void
setup_column (HdContactsView      *self,
              GtkColumnViewColumn *column,
              const ColumnSpec    *spec)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "hd-column", GINT_TO_POINTER (spec->kind));
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (cell_bind), self, 0);
  g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind), NULL);
  gtk_column_view_column_set_factory (column, factory);

  if (spec->order_by != NULL)
    {
      SortProbe *probe = g_new0 (SortProbe, 1);
      g_autoptr(GtkCustomSorter) sorter = NULL;

      probe->view = self;
      probe->order_by = spec->order_by;
      sorter = gtk_custom_sorter_new (probe_compare, probe, g_free);
      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
    }
}

/* ---- details ---- */

static void
on_detail_name_read (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(AdwActionRow) row = user_data;
  g_autoptr(HdRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  record = hd_context_get_record_finish (HD_CONTEXT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  hd_detail_pane_fill_row (row, record ? hd_record_get_string (record, "name") : NULL);
}

static void
add_tags (HdContactsView      *self,
          AdwPreferencesGroup *group,
          HdRecord            *record)
{
  const char **tags = hd_record_get_strv (record, "tags");
  g_autofree char *text = NULL;

  if (tags == NULL || tags[0] == NULL)
    return;

  text = g_strjoinv (", ", (char **) tags);
  hd_detail_pane_add_row (self->detail, group, _("Tags"), text);
}

static GtkWidget *
create_interaction_row (gpointer item,
                        gpointer user_data)
{
  HdRecord *talk = hd_record_object_get_record (HD_RECORD_OBJECT (item));
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (talk == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Loading…"));
    }
  else
    {
      g_autofree char *day = hd_format_iso_date (hd_record_get_string (talk, "occurred_on"));
      const char *topic = hd_record_get_string (talk, "topic");
      const char *follow_up = hd_record_get_string (talk, "follow_up_on");
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      /* Translators: date, kind and topic of an interaction: "25 Nov 2026 · Consultation: Funding" */
      title = topic != NULL ? g_strdup_printf (C_("timeline", "%s · %s: %s"), day,
                                               hd_format_enum (hd_record_get_string (talk, "kind")), topic)
                            : g_strdup_printf (C_("timeline", "%s · %s"), day,
                                               hd_format_enum (hd_record_get_string (talk, "kind")));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (follow_up != NULL)
        {
          g_autofree char *when = hd_format_iso_date (follow_up);

          /* Translators: an interaction's summary and its follow-up date */
          subtitle = g_strdup_printf (_("%s (follow up on %s)"),
                                      hd_record_get_string (talk, "summary") ?: "", when);
          g_strstrip (subtitle);
        }
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   subtitle != NULL ? subtitle : hd_record_get_string (talk, "summary"));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
    }

  return row;
}

/* The interactions of the record shown, newest first. */
static void
add_timeline (HdContactsView *self,
              const char     *ref_field,
              HdRecord       *record)
{
  HdQuery query = {
    .entity = HD_ENTITY_INTERACTION,
    .ref_field = ref_field,
    .ref_id = hd_record_get_id (record),
    .limit = 100,
  };
  AdwPreferencesGroup *group;
  GtkWidget *list;

  g_clear_object (&self->timeline);
  self->timeline = hd_record_list_new (hd_context_get_store (self->context), &query);
  group = hd_detail_pane_add_group (self->detail, _("Interactions"));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Interactions"),
                                  -1);
  gtk_list_box_bind_model (GTK_LIST_BOX (list), G_LIST_MODEL (self->timeline),
                           create_interaction_row, NULL, NULL);
  adw_preferences_group_add (group, list);
}

static void
show_person (HdContactsView *self,
             HdRecord       *person)
{
  g_autofree char *name = hd_format_person_name (person);
  g_autofree char *consent = NULL;
  const char *organization_id = hd_record_get_string (person, "organization_id");
  const char *consent_state = hd_record_get_string (person, "consent");
  AdwPreferencesGroup *group;

  hd_detail_pane_clear (self->detail);
  g_clear_object (&self->members);
  gtk_widget_set_visible (self->add_person_button, FALSE);
  gtk_widget_set_visible (self->privacy_button, TRUE);
  hd_detail_pane_set_heading (self->detail, name, hd_record_get_string (person, "job_title"));

  group = hd_detail_pane_add_group (self->detail, NULL);
  if (organization_id != NULL && *organization_id != '\0')
    {
      AdwActionRow *row = hd_detail_pane_add_pending_row (self->detail, group, _("Organization"));

      hd_context_get_record_async (self->context, HD_ENTITY_ORGANIZATION, organization_id,
                                   hd_detail_pane_get_cancellable (self->detail),
                                   on_detail_name_read, g_object_ref (row));
    }
  hd_detail_pane_add_row (self->detail, group, _("Email"), hd_record_get_string (person, "email"));
  hd_detail_pane_add_row (self->detail, group, _("Phone"), hd_record_get_string (person, "phone"));
  add_tags (self, group, person);

  group = hd_detail_pane_add_group (self->detail, _("Consent"));
  if (consent_state != NULL)
    {
      const char *consent_at = hd_record_get_string (person, "consent_at");

      if (consent_at != NULL && *consent_at != '\0')
        {
          g_autofree char *when = hd_format_timestamp (consent_at,
                                                       hd_context_get_timezone (self->context));

          /* Translators: a consent state and when it was recorded, e.g. "Given, Wed, Nov 25, 2026, 14:00" */
          consent = g_strdup_printf (C_("consent", "%s, %s"), hd_format_enum (consent_state), when);
        }
      else
        consent = g_strdup (hd_format_enum (consent_state));
    }
  hd_detail_pane_add_row (self->detail, group, _("Contact allowed"), consent);
  hd_detail_pane_add_row (self->detail, group, _("Wording agreed to"),
                          hd_record_get_string (person, "consent_text"));

  group = hd_detail_pane_add_group (self->detail, NULL);
  hd_detail_pane_add_row (self->detail, group, _("Notes"), hd_record_get_string (person, "notes"));
  if (hd_record_get_bool (person, "archived"))
    hd_detail_pane_add_row (self->detail, group, _("Archived"), _("Yes"));

  add_timeline (self, "person_id", person);
}

static GtkWidget *
create_member_row (gpointer item,
                   gpointer user_data)
{
  HdRecord *person = hd_record_object_get_record (HD_RECORD_OBJECT (item));
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (person == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Loading…"));
    }
  else
    {
      g_autofree char *name = hd_format_person_name (person);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), hd_record_get_string (person, "job_title"));
    }

  return row;
}

static void
show_organization (HdContactsView *self,
                   HdRecord       *organization)
{
  g_autofree char *address = NULL;
  g_autofree char *town = NULL;
  const char *kind = hd_format_enum (hd_record_get_string (organization, "kind"));
  const char *city = hd_record_get_string (organization, "city");
  const char *street = hd_record_get_string (organization, "street");
  const char *postcode = hd_record_get_string (organization, "postcode");
  g_autofree char *subtitle = NULL;
  AdwPreferencesGroup *group;
  GtkWidget *list;
  HdQuery members = {
    .entity = HD_ENTITY_PERSON,
    .ref_field = "organization_id",
    .ref_id = hd_record_get_id (organization),
    .limit = 50,
  };

  hd_detail_pane_clear (self->detail);
  gtk_widget_set_visible (self->add_person_button, TRUE);
  gtk_widget_set_visible (self->privacy_button, FALSE);

  if (city != NULL && *city != '\0')
    /* Translators: kind of organization and its city, e.g. "Startup · Reutlingen" */
    subtitle = g_strdup_printf (C_("kind and city", "%s · %s"), kind, city);
  else
    subtitle = g_strdup (kind);
  hd_detail_pane_set_heading (self->detail, hd_record_get_string (organization, "name"), subtitle);

  group = hd_detail_pane_add_group (self->detail, NULL);
  hd_detail_pane_add_row (self->detail, group, _("Sector"),
                          hd_record_get_string (organization, "sector"));
  hd_detail_pane_add_row (self->detail, group, _("Size"),
                          hd_format_enum (hd_record_get_string (organization, "size_class")));
  hd_detail_pane_add_row (self->detail, group, _("Register entry"),
                          hd_record_get_string (organization, "register_id"));

  town = g_strjoin (" ", postcode ? postcode : "", city ? city : "", NULL);
  g_strstrip (town);
  if (street != NULL && *street != '\0')
    address = g_strjoin ("\n", street, town, NULL);
  else
    address = g_strdup (town);
  hd_detail_pane_add_row (self->detail, group, _("Address"), address);
  hd_detail_pane_add_row (self->detail, group, _("Website"),
                          hd_record_get_string (organization, "website"));
  hd_detail_pane_add_row (self->detail, group, _("Email"),
                          hd_record_get_string (organization, "email"));
  hd_detail_pane_add_row (self->detail, group, _("Phone"),
                          hd_record_get_string (organization, "phone"));
  add_tags (self, group, organization);
  hd_detail_pane_add_row (self->detail, group, _("Notes"),
                          hd_record_get_string (organization, "notes"));

  /* The people of the organization, read from the store like any list. */
  g_clear_object (&self->members);
  self->members = hd_record_list_new (hd_context_get_store (self->context), &members);
  group = hd_detail_pane_add_group (self->detail, _("People"));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("People"),
                                  -1);
  gtk_list_box_bind_model (GTK_LIST_BOX (list), G_LIST_MODEL (self->members),
                           create_member_row, NULL, NULL);
  adw_preferences_group_add (group, list);

  add_timeline (self, "organization_id", organization);
}

static void
update_archive_button (HdContactsView *self,
                       HdRecord       *record)
{
  gboolean archived = hd_record_get_bool (record, "archived");
  const char *label = archived ? _("Restore from Archive") : _("Archive");

  gtk_button_set_icon_name (self->archive_button, archived ? "folder-open-symbolic" : "folder-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->archive_button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->archive_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
show_selected (HdContactsView *self)
{
  GtkSingleSelection *selection = showing_people (self) ? self->people_selection
                                                        : self->organizations_selection;
  HdRecordObject *object = gtk_single_selection_get_selected_item (selection);
  HdRecord *record = object ? hd_record_object_get_record (object) : NULL;

  if (record == NULL || g_strcmp0 (hd_record_get_id (record), self->shown_id) == 0)
    return;

  g_free (self->shown_id);
  self->shown_id = g_strdup (hd_record_get_id (record));
  g_clear_pointer (&self->shown, hd_record_unref);
  self->shown = hd_record_ref (record);
  update_archive_button (self, record);

  if (hd_record_get_entity (record) == HD_ENTITY_PERSON)
    show_person (self, record);
  else
    show_organization (self, record);

  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
}

static void
on_selected_notify (HdContactsView *self)
{
  GtkWidget *table = showing_people (self) ? GTK_WIDGET (self->people_view)
                                           : GTK_WIDGET (self->organizations_view);

  show_selected (self);

  if (hd_list_take_click (table) && adw_leaflet_get_folded (self->leaflet) &&
      self->shown_id != NULL)
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail_stack));
}

static void
on_activate (HdContactsView *self,
             guint           position)
{
  show_selected (self);

  if (self->shown_id != NULL)
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail_stack));
}

/* ---- narrow tables ---- */

/* A table narrower than this shows fewer columns: squeezed columns read
 * worse than fewer ones. Below the first, the job title (or the kind of
 * organization) goes; below the second, the email as well. */
#define MEDIUM_TABLE_WIDTH 620
#define NARROW_TABLE_WIDTH 420

/* GTK 4.8 keeps the widths of a table whose columns are only hidden, so
 * the columns after the name are taken out and put back in their order,
 * which lays the table out anew. */
static void
set_columns (GtkColumnView        *table,
             GtkColumnViewColumn **wanted,
             guint                 n_wanted,
             GtkColumnViewColumn **all,
             guint                 n_all)
{
  GListModel *present = gtk_column_view_get_columns (table);
  gboolean same = g_list_model_get_n_items (present) == n_wanted;

  for (guint i = 0; same && i < n_wanted; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (present, i);

      same = column == wanted[i];
    }

  if (same)
    return;

  for (guint i = 1; i < n_all; i++)
    if (gtk_column_view_column_get_column_view (all[i]) == table)
      gtk_column_view_remove_column (table, all[i]);

  for (guint i = 1; i < n_wanted; i++)
    gtk_column_view_append_column (table, wanted[i]);
}

static gboolean
apply_width (gpointer user_data)
{
  HdContactsView *self = HD_CONTACTS_VIEW (user_data);
  GtkColumnViewColumn *people[] = {
    self->person_name_column, self->person_organization_column,
    self->person_job_column, self->person_email_column,
  };
  GtkColumnViewColumn *people_medium[] = {
    self->person_name_column, self->person_organization_column, self->person_email_column,
  };
  GtkColumnViewColumn *organizations[] = {
    self->organization_name_column, self->organization_city_column,
    self->organization_kind_column, self->organization_email_column,
  };
  GtkColumnViewColumn *organizations_medium[] = {
    self->organization_name_column, self->organization_city_column,
    self->organization_email_column,
  };

  self->width_source = 0;

  /* The row of People, Organizations and the count: a little tighter
   * in a narrow window, where German needs every pixel of 360. */
  {
    GtkWidget *row = gtk_widget_get_parent (GTK_WIDGET (self->count_label));
    int margin = self->width_class == 0 ? 6 : 12;

    gtk_widget_set_margin_start (row, margin);
    gtk_widget_set_margin_end (row, margin);
    gtk_box_set_spacing (GTK_BOX (row), self->width_class == 0 ? 4 : 6);
  }

  switch (self->width_class)
    {
    case 0:
      set_columns (self->people_view, people, 2, people, 4);
      set_columns (self->organizations_view, organizations, 2, organizations, 4);
      break;

    case 1:
      set_columns (self->people_view, people_medium, 3, people, 4);
      set_columns (self->organizations_view, organizations_medium, 3, organizations, 4);
      break;

    default:
      set_columns (self->people_view, people, 4, people, 4);
      set_columns (self->organizations_view, organizations, 4, organizations, 4);
      break;
    }

  return G_SOURCE_REMOVE;
}

/* The view lays out its one child itself (no layout manager), to learn
 * the width its table gets. */
static void
hd_contacts_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  HdContactsView *self = HD_CONTACTS_VIEW (widget);

  gtk_widget_measure (GTK_WIDGET (self->leaflet), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
hd_contacts_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  HdContactsView *self = HD_CONTACTS_VIEW (widget);
  int table_width;
  int width_class;

  gtk_widget_allocate (GTK_WIDGET (self->leaflet), width, height, baseline, NULL);

  table_width = gtk_widget_get_width (self->list_pane);
  width_class = table_width < NARROW_TABLE_WIDTH ? 0 : table_width < MEDIUM_TABLE_WIDTH ? 1 : 2;
  if (width_class != self->width_class)
    {
      self->width_class = width_class;
      /* Columns change after this allocation, not during it. */
      if (self->width_source == 0)
        self->width_source = g_idle_add (apply_width, self);
    }
}

/* ---- HdView ---- */

static gboolean
hd_contacts_view_go_back (HdView *view)
{
  HdContactsView *self = HD_CONTACTS_VIEW (view);

  return hd_view_leaflet_go_back (self->leaflet, self->list_pane);
}

/* ---- editing ---- */

static GtkWindow *
parent_window (HdContactsView *self)
{
  return GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
}

static void
show_record_now (HdContactsView *self,
                 HdRecord       *record)
{
  g_free (self->shown_id);
  self->shown_id = g_strdup (hd_record_get_id (record));
  g_clear_pointer (&self->shown, hd_record_unref);
  self->shown = hd_record_ref (record);
  update_archive_button (self, record);
  if (hd_record_get_entity (record) == HD_ENTITY_PERSON)
    show_person (self, record);
  else
    show_organization (self, record);
  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail_stack));
}

static void
on_editor_saved (HdContactsView *self,
                 HdRecord       *record)
{
  if (hd_record_get_entity (record) == HD_ENTITY_INTERACTION)
    {
      hd_view_show_toast (HD_VIEW (self), _("Interaction logged"));
      return;
    }
  show_record_now (self, record);
  hd_view_show_toast (HD_VIEW (self), _("Saved"));
}

static void
open_editor (HdContactsView     *self,
             HdRecord           *record,
             gboolean            is_new,
             const char * const *fields)
{
  HdRecordEditor *editor = hd_record_editor_new (parent_window (self), self->context, record, is_new, fields);

  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
hd_contacts_view_create (HdView *view)
{
  HdContactsView *self = HD_CONTACTS_VIEW (view);
  const char *hub = hd_context_get_target_hub_id (self->context);
  g_autoptr(HdRecord) record = NULL;

  if (hub == NULL)
    {
      hd_view_show_toast (view, _("Make a hub first (Preferences) to keep contacts in."));
      return;
    }
  record = hd_record_new (showing_people (self) ? HD_ENTITY_PERSON : HD_ENTITY_ORGANIZATION, hub);
  open_editor (self, record, TRUE, NULL);
}

static void
on_new_clicked (HdContactsView *self)
{
  hd_view_create (HD_VIEW (self));
}

static void
on_add_person_clicked (HdContactsView *self)
{
  g_autoptr(HdRecord) person = NULL;

  if (self->shown == NULL || hd_record_get_entity (self->shown) != HD_ENTITY_ORGANIZATION)
    return;
  person = hd_record_new (HD_ENTITY_PERSON, hd_record_get_hub_id (self->shown));
  hd_record_set_string (person, "organization_id", hd_record_get_id (self->shown));
  open_editor (self, person, TRUE, NULL);
}

static void
on_edit_clicked (HdContactsView *self)
{
  if (self->shown != NULL)
    open_editor (self, self->shown, FALSE, NULL);
}

static void
on_log_clicked (HdContactsView *self)
{
  static const char * const fields[] = {
    "kind", "occurred_on", "topic", "summary", "outcome", "follow_up_on", "partner_organization_id", NULL
  };
  g_autoptr(HdRecord) talk = NULL;
  g_autofree char *today = NULL;

  if (self->shown == NULL)
    return;
  talk = hd_record_new (HD_ENTITY_INTERACTION, hd_record_get_hub_id (self->shown));
  today = hd_context_dup_today (self->context);
  hd_record_set_string (talk, "occurred_on", today);
  if (hd_record_get_entity (self->shown) == HD_ENTITY_PERSON)
    {
      hd_record_set_string (talk, "person_id", hd_record_get_id (self->shown));
      hd_record_set_string (talk, "organization_id", hd_record_get_string (self->shown, "organization_id"));
    }
  else
    hd_record_set_string (talk, "organization_id", hd_record_get_id (self->shown));
  open_editor (self, talk, TRUE, fields);
}

/* ---- archive and delete, with undo ---- */

typedef struct {
  HdContactsView *view;
  HdRecord       *record;   /* as it was before */
  gboolean        deleted;
} UndoData;

static void
undo_data_free (gpointer data)
{
  UndoData *undo = data;

  g_object_unref (undo->view);
  hd_record_unref (undo->record);
  g_free (undo);
}

static void
on_undone (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(HdContactsView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!hd_store_save_finish (HD_STORE (source), result, &error))
    hd_view_show_toast (HD_VIEW (self), error->message);
}

static void
undo_change (gpointer user_data)
{
  UndoData *undo = user_data;
  g_autoptr(HdRecord) again = hd_record_copy (undo->record);

  /* A deleted record comes back as a new one: a server may keep the old
   * id as deleted. */
  if (undo->deleted && hd_store_get_sync_state (hd_context_get_store (undo->view->context),
                                                hd_record_get_entity (again), hd_record_get_id (again)) != HD_SYNC_LOCAL)
    {
      g_autofree char *id = hd_uuid_new ();

      hd_record_set_id (again, id);
      hd_record_set_version (again, 0);
    }
  hd_store_save_async (hd_context_get_store (undo->view->context), again, NULL,
                       on_undone, g_object_ref (undo->view));
  if (!undo->deleted)
    show_record_now (undo->view, undo->record);
}

static void
show_undo_toast (HdContactsView *self,
                 const char     *message,
                 HdRecord       *before,
                 gboolean        deleted)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;
  UndoData *undo;

  if (overlay == NULL)
    {
      hd_view_show_toast (HD_VIEW (self), message);
      return;
    }
  undo = g_new0 (UndoData, 1);
  undo->view = g_object_ref (self);
  undo->record = hd_record_copy (before);
  undo->deleted = deleted;
  toast = hd_undo_toast_add (ADW_TOAST_OVERLAY (overlay), message, undo_change, undo,
                             (GDestroyNotify) undo_data_free);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
}

static void
on_archived (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  UndoData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (!hd_store_save_finish (HD_STORE (source), result, &error))
    hd_view_show_toast (HD_VIEW (data->view), error->message);
  else
    {
      gboolean archived = !hd_record_get_bool (data->record, "archived");

      name = hd_record_get_entity (data->record) == HD_ENTITY_PERSON ? hd_format_person_name (data->record)
                                                                     : g_strdup (hd_record_get_string (data->record, "name"));
      {
        /* Translators: %s is a person's or an organization's name */
        g_autofree char *message = g_strdup_printf (archived ? _("“%s” archived") : _("“%s” restored"), name);

        show_undo_toast (data->view, message, data->record, FALSE);
      }
      if (archived)
        {
          g_clear_pointer (&data->view->shown_id, g_free);
          g_clear_pointer (&data->view->shown, hd_record_unref);
          gtk_stack_set_visible_child_name (data->view->detail_stack, "none");
        }
    }
  undo_data_free (data);
}

static void
on_archive_clicked (HdContactsView *self)
{
  g_autoptr(HdRecord) changed = NULL;
  UndoData *data;

  if (self->shown == NULL)
    return;
  changed = hd_record_copy (self->shown);
  hd_record_set_bool (changed, "archived", !hd_record_get_bool (self->shown, "archived"));
  data = g_new0 (UndoData, 1);
  data->view = g_object_ref (self);
  data->record = hd_record_copy (self->shown);
  hd_store_save_async (hd_context_get_store (self->context), changed, NULL, on_archived, data);
}

static void
on_deleted (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  UndoData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!hd_store_delete_finish (HD_STORE (source), result, &error))
    hd_view_show_toast (HD_VIEW (data->view), error->message);
  else
    {
      g_autofree char *name = hd_record_get_entity (data->record) == HD_ENTITY_PERSON
                              ? hd_format_person_name (data->record)
                              : g_strdup (hd_record_get_string (data->record, "name"));
      /* Translators: %s is a person's or an organization's name */
      g_autofree char *message = g_strdup_printf (_("“%s” deleted"), name);

      show_undo_toast (data->view, message, data->record, TRUE);
      g_clear_pointer (&data->view->shown_id, g_free);
      g_clear_pointer (&data->view->shown, hd_record_unref);
      gtk_stack_set_visible_child_name (data->view->detail_stack, "none");
    }
  undo_data_free (data);
}

static void
on_delete_clicked (HdContactsView *self)
{
  UndoData *data;

  if (self->shown == NULL)
    return;
  data = g_new0 (UndoData, 1);
  data->view = g_object_ref (self);
  data->record = hd_record_copy (self->shown);
  hd_store_delete_async (hd_context_get_store (self->context), hd_record_get_entity (self->shown),
                         hd_record_get_id (self->shown), NULL, on_deleted, data);
}

/* The record shown changed in the store (an edit, a sync): show it anew. */
static void
on_shown_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(HdContactsView) self = user_data;
  g_autoptr(HdRecord) record = hd_context_get_record_finish (HD_CONTEXT (source), result, NULL);

  if (record != NULL && g_strcmp0 (hd_record_get_id (record), self->shown_id) == 0 &&
      (self->shown == NULL || hd_record_diff (self->shown, record) != 0))
    {
      g_clear_pointer (&self->shown, hd_record_unref);
      self->shown = hd_record_ref (record);
      update_archive_button (self, record);
      if (hd_record_get_entity (record) == HD_ENTITY_PERSON)
        show_person (self, record);
      else
        show_organization (self, record);
    }
}

static void
on_store_changed (HdContactsView *self,
                  int             entity,
                  const char     *id)
{
  if (self->shown == NULL || entity != (int) hd_record_get_entity (self->shown))
    return;
  if (id != NULL && g_strcmp0 (id, self->shown_id) != 0)
    return;
  hd_context_get_record_async (self->context, hd_record_get_entity (self->shown), self->shown_id,
                               NULL, on_shown_read, g_object_ref (self));
}

static void
action_import (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HdContactsView *self = HD_CONTACTS_VIEW (widget);

  hd_contacts_import (GTK_WIDGET (self), self->context,
                      hd_context_get_target_hub_id (self->context));
}

static void
action_export (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HdContactsView *self = HD_CONTACTS_VIEW (widget);

  const char *what = g_variant_get_string (parameter, NULL);
  HdRecordList *list = current_list (self);

  /* The list as it is shown: filtered, searched and sorted. */
  if (g_str_equal (what, "shown-csv") && list != NULL)
    hd_contacts_export_list (GTK_WIDGET (self), self->context, what, hd_record_list_get_query (list));
  else
    hd_contacts_export (GTK_WIDGET (self), self->context, what);
}

static void
action_duplicates (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  HdContactsView *self = HD_CONTACTS_VIEW (widget);

  hd_duplicates_window_show (widget, self->context,
                             showing_people (self) ? HD_ENTITY_PERSON : HD_ENTITY_ORGANIZATION);
}

static void
action_privacy (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HdContactsView *self = HD_CONTACTS_VIEW (widget);
  g_autofree char *name = NULL;

  if (self->shown == NULL || hd_record_get_entity (self->shown) != HD_ENTITY_PERSON)
    return;
  name = hd_format_person_name (self->shown);
  if (g_str_equal (action_name, "contacts.erase"))
    hd_contacts_erase_person (widget, self->context, hd_record_get_id (self->shown), name);
  else
    hd_contacts_export_person (widget, self->context, hd_record_get_id (self->shown), name);
}

static void
action_edit (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  on_edit_clicked (HD_CONTACTS_VIEW (widget));
}

static void
action_log (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  on_log_clicked (HD_CONTACTS_VIEW (widget));
}

static void
hd_contacts_view_iface_init (HdViewInterface *iface)
{
  iface->create = hd_contacts_view_create;
  iface->go_back = hd_contacts_view_go_back;
}

/* ---- GObject ---- */

static GtkSingleSelection *
setup_table (HdContactsView *self,
             GtkColumnView  *table)
{
  GtkSingleSelection *selection = hd_list_selection_new ();

  g_signal_connect_object (selection, "notify::selected",
                           G_CALLBACK (on_selected_notify), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (table, GTK_SELECTION_MODEL (selection));
  g_signal_connect_object (gtk_column_view_get_sorter (table), "changed",
                           G_CALLBACK (on_sorter_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (table, "activate",
                           G_CALLBACK (on_activate), self, G_CONNECT_SWAPPED);
  hd_list_watch_clicks (GTK_WIDGET (table));

  return selection;
}

static void
hd_contacts_view_constructed (GObject *object)
{
  HdContactsView *self = HD_CONTACTS_VIEW (object);
  GtkColumnViewColumn *columns[] = {
    self->person_name_column, self->person_organization_column,
    self->person_job_column, self->person_email_column,
    self->organization_name_column, self->organization_kind_column,
    self->organization_city_column, self->organization_email_column,
  };
  GtkWidget *filters;

  G_OBJECT_CLASS (hd_contacts_view_parent_class)->constructed (object);

  hd_a11y_track_leaflet (self->leaflet);

  /* People and Organizations may shorten for a moment while the window
   * narrows (the row tightens once it is narrow, see apply_width()). */
  {
    GtkWidget *toggles[] = { GTK_WIDGET (self->people_button), GTK_WIDGET (self->organizations_button) };

    for (guint i = 0; i < G_N_ELEMENTS (toggles); i++)
      {
        GtkWidget *inner = gtk_button_get_child (GTK_BUTTON (toggles[i]));

        if (GTK_IS_LABEL (inner))
          gtk_label_set_ellipsize (GTK_LABEL (inner), PANGO_ELLIPSIZE_END);
      }
    /* The count takes what is left (it expands) and asks for no width of
     * its own, so the buttons get theirs first. */
    gtk_label_set_max_width_chars (self->count_label, 1);
  }

  /* The labels of the actions of the details shorten in a narrow
   * window, so that the details still fit 360 px. */
  for (GtkWidget *child = gtk_widget_get_first_child (self->detail_actions); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *inner = GTK_IS_BUTTON (child) ? gtk_button_get_child (GTK_BUTTON (child)) : NULL;

      if (GTK_IS_LABEL (inner))
        gtk_label_set_ellipsize (GTK_LABEL (inner), PANGO_ELLIPSIZE_END);
    }
  hd_a11y_track_stack (self->list_stack);
  hd_a11y_track_stack (self->table_stack);
  hd_a11y_track_stack (self->detail_stack);

  g_assert (HD_IS_CONTEXT (self->context));

  g_assert (G_N_ELEMENTS (columns) == G_N_ELEMENTS (column_specs));
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      /* Held here as well: a narrow table takes some columns out. */
      g_object_ref (columns[i]);
      setup_column (self, columns[i], &column_specs[i]);
    }

  gtk_column_view_sort_by_column (self->people_view, self->person_name_column,
                                  GTK_SORT_ASCENDING);
  gtk_column_view_sort_by_column (self->organizations_view, self->organization_name_column,
                                  GTK_SORT_ASCENDING);

  self->people_selection = setup_table (self, self->people_view);
  self->organizations_selection = setup_table (self, self->organizations_view);

  hd_view_setup_search (HD_VIEW (self));

  g_signal_connect_object (self->context, "notify::hub-id",
                           G_CALLBACK (on_hub_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (hd_context_get_store (self->context), "changed",
                           G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);

  /* Filters: consent for people, kind for organizations; they wrap in
   * a narrow window. */
  filters = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (filters), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (filters), 3);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (filters), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (filters), 6);
  gtk_widget_set_margin_start (filters, 12);
  gtk_widget_set_margin_end (filters, 12);
  gtk_widget_set_margin_bottom (filters, 6);
  self->filter_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  append_unfocusable (GTK_FLOW_BOX (filters), GTK_WIDGET (self->filter_dropdown));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->filter_dropdown), _("Filter"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->filter_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Filter"), -1);
  /* The button inside is what a screen reader reaches. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (GTK_WIDGET (self->filter_dropdown))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Filter"), -1);
  gtk_box_insert_child_after (GTK_BOX (self->list_pane), filters,
                              gtk_widget_get_prev_sibling (GTK_WIDGET (self->list_stack)));
  fill_filter (self);
  g_signal_connect_object (self->filter_dropdown, "notify::selected",
                           G_CALLBACK (on_filter_selected), self, G_CONNECT_SWAPPED);

  /* Tags in use, beside it. */
  self->tag_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_drop_down_set_enable_search (self->tag_dropdown, TRUE);
  gtk_drop_down_set_expression (self->tag_dropdown,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->tag_dropdown), _("Filter by tag"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->tag_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Filter by tag"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (GTK_WIDGET (self->tag_dropdown))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Filter by tag"), -1);
  append_unfocusable (GTK_FLOW_BOX (filters), GTK_WIDGET (self->tag_dropdown));
  g_signal_connect_object (self->tag_dropdown, "notify::selected",
                           G_CALLBACK (on_tag_selected), self, G_CONNECT_SWAPPED);
  list_tags (self);

  /* Archived ones: left out, with the others, or alone. */
  {
    const char * const archived_modes[] = { _("Active"), _("With archived"), _("Archived only"), NULL };

    self->archived_dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (archived_modes));
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->archived_dropdown), _("Archived contacts"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->archived_dropdown),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Archived contacts"), -1);
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (GTK_WIDGET (self->archived_dropdown))),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Archived contacts"), -1);
    gtk_drop_down_set_selected (self->archived_dropdown, self->show_archived ? 1 : 0);
    append_unfocusable (GTK_FLOW_BOX (filters), GTK_WIDGET (self->archived_dropdown));
    g_signal_connect_object (self->archived_dropdown, "notify::selected",
                             G_CALLBACK (on_archived_selected), self, G_CONNECT_SWAPPED);
  }

  /* The filters in force, under them. */
  self->active_filters = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->active_filters, GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (self->active_filters, FALSE);
  gtk_flow_box_set_max_children_per_line (self->active_filters, 8);
  gtk_flow_box_set_column_spacing (self->active_filters, 6);
  gtk_flow_box_set_row_spacing (self->active_filters, 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self->active_filters), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->active_filters), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->active_filters), 6);
  gtk_widget_set_visible (GTK_WIDGET (self->active_filters), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->active_filters), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Filters in force"), -1);
  gtk_box_insert_child_after (GTK_BOX (self->list_pane), GTK_WIDGET (self->active_filters), filters);
  update_active_filters (self);
}

static void
hd_contacts_view_map (GtkWidget *widget)
{
  HdContactsView *self = HD_CONTACTS_VIEW (widget);

  GTK_WIDGET_CLASS (hd_contacts_view_parent_class)->map (widget);

  if (current_list (self) == NULL)
    reload (self);
}

static void
hd_contacts_view_dispose (GObject *object)
{
  HdContactsView *self = HD_CONTACTS_VIEW (object);

  g_clear_handle_id (&self->width_source, g_source_remove);
  g_cancellable_cancel (self->tags_cancellable);
  g_clear_object (&self->tags_cancellable);
  self->tag_dropdown = NULL;
  if (self->person_name_column != NULL)
    {
      GtkColumnViewColumn *columns[] = {
        self->person_name_column, self->person_organization_column,
        self->person_job_column, self->person_email_column,
        self->organization_name_column, self->organization_kind_column,
        self->organization_city_column, self->organization_email_column,
      };

      for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
        g_object_unref (columns[i]);
    }
  hd_view_dispose_children (GTK_WIDGET (self), HD_TYPE_CONTACTS_VIEW);
  g_clear_object (&self->people_selection);
  g_clear_object (&self->organizations_selection);
  g_clear_object (&self->people);
  g_clear_object (&self->organizations);
  g_clear_object (&self->members);
  g_clear_object (&self->timeline);
  g_clear_pointer (&self->shown, hd_record_unref);

  G_OBJECT_CLASS (hd_contacts_view_parent_class)->dispose (object);
}

static void
hd_contacts_view_finalize (GObject *object)
{
  HdContactsView *self = HD_CONTACTS_VIEW (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->shown_id, g_free);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->people_tag, g_free);
  g_clear_pointer (&self->organizations_tag, g_free);

  G_OBJECT_CLASS (hd_contacts_view_parent_class)->finalize (object);
}

static void
hd_contacts_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  HdContactsView *self = HD_CONTACTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SHOWING_RECORDS:
      g_value_set_boolean (value, self->showing_records);
      break;

    case PROP_SHOW_ARCHIVED:
      g_value_set_boolean (value, self->show_archived);
      break;

    default:
      hd_view_get_property (object, prop_id, value, pspec);
    }
}

static void
hd_contacts_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  HdContactsView *self = HD_CONTACTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SHOW_ARCHIVED:
      if (self->show_archived != g_value_get_boolean (value))
        {
          self->show_archived = g_value_get_boolean (value);
          if (!self->show_archived)
            self->archived_only = FALSE;
          if (self->archived_dropdown != NULL)
            {
              g_signal_handlers_block_by_func (self->archived_dropdown, on_archived_selected, self);
              gtk_drop_down_set_selected (self->archived_dropdown,
                                          !self->show_archived ? 0 : self->archived_only ? 2 : 1);
              g_signal_handlers_unblock_by_func (self->archived_dropdown, on_archived_selected, self);
            }
          if (self->people_selection != NULL)
            reload_both (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      hd_view_set_property (object, prop_id, value, pspec);
    }
}

static void
hd_contacts_view_class_init (HdContactsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hd_contacts_view_constructed;
  object_class->dispose = hd_contacts_view_dispose;
  object_class->finalize = hd_contacts_view_finalize;
  object_class->get_property = hd_contacts_view_get_property;
  object_class->set_property = hd_contacts_view_set_property;

  widget_class->map = hd_contacts_view_map;
  widget_class->measure = hd_contacts_view_measure;
  widget_class->size_allocate = hd_contacts_view_size_allocate;

  properties[PROP_SHOWING_RECORDS] =
    g_param_spec_boolean ("showing-records", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Archived people and organizations are listed too. */
  properties[PROP_SHOW_ARCHIVED] =
    g_param_spec_boolean ("show-archived", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
  hd_view_class_override_properties (object_class, PROP_CONTEXT,
                                     G_STRUCT_OFFSET (HdContactsView, context),
                                     G_STRUCT_OFFSET (HdContactsView, search_bar),
                                     G_STRUCT_OFFSET (HdContactsView, search_entry));

  g_type_ensure (HD_TYPE_DETAIL_PANE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/hubdesk/Hubdesk/contacts/hd-contacts-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HdContactsView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, HdContactsView, list_pane);
  gtk_widget_class_bind_template_child (widget_class, HdContactsView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, HdContactsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HdContactsView, people_button);
  gtk_widget_class_bind_template_child (widget_class, HdContactsView, organizations_button);
  gtk_widget_class_bind_template_child (widget_class, HdContactsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, HdContactsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, HdContactsView, table_stack);
  gtk_widget_class_bind_template_child (widget_class, HdContactsView, people_view);
  gtk_widget_class_bind_template_child (widget_class, HdContactsView, organizations_view);
  gtk_widget_class_bind_template_child (widget_class, HdContactsView, person_name_column);
  gtk_widget_class_bind_template_child (widget_class, HdContactsView, person_organization_column);
  gtk_widget_class_bind_template_child (widget_class, HdContactsView, person_job_column);
  gtk_widget_class_bind_template_child (widget_class, HdContactsView, person_email_column);
  gtk_widget_class_bind_template_child (widget_class, HdContactsView, organization_name_column);
  gtk_widget_class_bind_template_child (widget_class, HdContactsView, organization_kind_column);
  gtk_widget_class_bind_template_child (widget_class, HdContactsView, organization_city_column);
  gtk_widget_class_bind_template_child (widget_class, HdContactsView, organization_email_column);
  gtk_widget_class_bind_template_child (widget_class, HdContactsView, detail_separator);
  gtk_widget_class_bind_template_child (widget_class, HdContactsView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, HdContactsView, detail);
  gtk_widget_class_bind_template_child (widget_class, HdContactsView, detail_actions);
  gtk_widget_class_bind_template_child (widget_class, HdContactsView, archive_button);
  gtk_widget_class_bind_template_child (widget_class, HdContactsView, add_person_button);
  gtk_widget_class_bind_template_child (widget_class, HdContactsView, privacy_button);
  gtk_widget_class_bind_template_callback (widget_class, on_add_person_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_new_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_edit_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_log_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_archive_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked);

  gtk_widget_class_install_action (widget_class, "view.back", NULL, hd_view_back_action);
  gtk_widget_class_install_action (widget_class, "contacts.import", NULL, action_import);
  gtk_widget_class_install_action (widget_class, "contacts.duplicates", NULL, action_duplicates);
  gtk_widget_class_install_action (widget_class, "contacts.privacy-export", NULL, action_privacy);
  gtk_widget_class_install_action (widget_class, "contacts.erase", NULL, action_privacy);
  gtk_widget_class_install_property_action (widget_class, "contacts.show-archived", "show-archived");
  gtk_widget_class_install_action (widget_class, "contacts.export", "s", action_export);
  gtk_widget_class_install_action (widget_class, "contacts.edit", NULL, action_edit);
  gtk_widget_class_install_action (widget_class, "contacts.log", NULL, action_log);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "contacts.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "contacts.log", NULL);

  gtk_widget_class_set_css_name (widget_class, "hdcontactsview");
}

static void
hd_contacts_view_init (HdContactsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->width_class = 2;
}

GtkWidget *
hd_contacts_view_new (HdContext *context)
{
  return g_object_new (HD_TYPE_CONTACTS_VIEW, "context", context, NULL);
}

gboolean
hd_contacts_view_get_showing_records (HdContactsView *self)
{
  g_return_val_if_fail (HD_IS_CONTACTS_VIEW (self), FALSE);

  return self->showing_records;
}
