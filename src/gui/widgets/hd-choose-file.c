/* hd-choose-file.c — asking for a file to open or to save as
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-choose-file.h"

typedef struct {
  HdFileChosen   chosen;
  gpointer       data;
  GDestroyNotify data_free;
} Ask;

GtkWindow *
hd_window_of (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
on_response (GtkNativeDialog *chooser,
             int              response,
             gpointer         user_data)
{
  Ask *ask = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      ask->chosen (file, ask->data);
    }
  else if (ask->data_free != NULL)
    ask->data_free (ask->data);
  g_free (ask);
  g_object_unref (chooser);
}

static void
choose (GtkWidget            *widget,
        GtkFileChooserAction  action,
        const char           *title,
        const char           *accept,
        const char           *name,
        GtkFileFilter        *filter,
        HdFileChosen          chosen,
        gpointer              data,
        GDestroyNotify        data_free)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, hd_window_of (widget), action,
                                                               accept, _("_Cancel"));
  Ask *ask = g_new0 (Ask, 1);

  ask->chosen = chosen;
  ask->data = data;
  ask->data_free = data_free;
  if (filter != NULL)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_response), ask);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
hd_choose_file_to_open (GtkWidget      *widget,
                        const char     *title,
                        GtkFileFilter  *filter,
                        HdFileChosen    chosen,
                        gpointer        data,
                        GDestroyNotify  data_free)
{
  choose (widget, GTK_FILE_CHOOSER_ACTION_OPEN, title, _("_Open"), NULL, filter, chosen, data, data_free);
}

void
hd_choose_file_to_save (GtkWidget      *widget,
                        const char     *title,
                        const char     *name,
                        GtkFileFilter  *filter,
                        HdFileChosen    chosen,
                        gpointer        data,
                        GDestroyNotify  data_free)
{
  choose (widget, GTK_FILE_CHOOSER_ACTION_SAVE, title, _("_Export"), name, filter, chosen, data, data_free);
}
