/* hd-choose-file.h — asking for a file to open or to save as
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A modal native file chooser over a widget's window. When a file is
 * chosen, @chosen gets it and @data (and frees @data); when the person
 * cancels, @data_free frees @data.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*HdFileChosen) (GFile    *file,
                              gpointer  data);

/* The window @widget is in, or NULL. */
GtkWindow *hd_window_of            (GtkWidget      *widget);

/* @filter (may be NULL) lists the files to offer. */
void       hd_choose_file_to_open  (GtkWidget      *widget,
                                    const char     *title,
                                    GtkFileFilter  *filter,
                                    HdFileChosen    chosen,
                                    gpointer        data,
                                    GDestroyNotify  data_free);
/* Asks where to export to, with @name suggested. */
void       hd_choose_file_to_save  (GtkWidget      *widget,
                                    const char     *title,
                                    const char     *name,
                                    GtkFileFilter  *filter,
                                    HdFileChosen    chosen,
                                    gpointer        data,
                                    GDestroyNotify  data_free);

G_END_DECLS
