/* hd-editor-chrome.c — the header bar with Cancel and Save and the problem
 * label every editor window has
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "hd-editor-chrome.h"

GtkWidget *
hd_editor_chrome_new (GtkWindow *editor,
                      GtkWidget *cancel,
                      GtkWidget *save)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();

  g_return_val_if_fail (ADW_IS_WINDOW (editor), NULL);

  gtk_widget_add_css_class (save, "suggested-action");
  g_signal_connect_object (cancel, "clicked", G_CALLBACK (gtk_window_close), editor, G_CONNECT_SWAPPED);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_box_append (GTK_BOX (box), header);
  adw_window_set_content (ADW_WINDOW (editor), box);

  return box;
}

GtkLabel *
hd_editor_problem_new (const char *description)
{
  GtkLabel *label = GTK_LABEL (gtk_label_new (NULL));

  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_xalign (label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    description, -1);
  return label;
}

GtkLabel *
hd_editor_chrome_add_problem (GtkWidget *chrome)
{
  GtkLabel *label = hd_editor_problem_new (NULL);

  gtk_widget_set_margin_start (GTK_WIDGET (label), 18);
  gtk_widget_set_margin_end (GTK_WIDGET (label), 18);
  gtk_widget_set_margin_top (GTK_WIDGET (label), 12);
  gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
  gtk_box_append (GTK_BOX (chrome), GTK_WIDGET (label));
  return label;
}

GtkWidget *
hd_editor_chrome_add_page (GtkWidget *chrome,
                           int        maximum_width)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), maximum_width);
  gtk_widget_set_margin_top (page, 18);
  gtk_widget_set_margin_bottom (page, 18);
  gtk_widget_set_margin_start (page, 12);
  gtk_widget_set_margin_end (page, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), page);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (chrome), scrolled);
  return page;
}
