/* hd-undo-toast.c — a toast that says what was done and offers to undo it
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "hd-undo-toast.h"

typedef struct {
  HdUndoFunc     undo;
  gpointer       data;
  GDestroyNotify data_free;
} Undo;

static void
undo_free (gpointer  data,
           GClosure *closure)
{
  Undo *undo = data;

  if (undo->data_free != NULL)
    undo->data_free (undo->data);
  g_free (undo);
}

static void
on_button_clicked (AdwToast *toast,
                   Undo     *undo)
{
  undo->undo (undo->data);
}

AdwToast *
hd_undo_toast_add (AdwToastOverlay *overlay,
                   const char      *message,
                   HdUndoFunc       undo,
                   gpointer         data,
                   GDestroyNotify   data_free)
{
  AdwToast *toast;
  Undo *closure;

  g_return_val_if_fail (ADW_IS_TOAST_OVERLAY (overlay), NULL);
  g_return_val_if_fail (message != NULL, NULL);
  g_return_val_if_fail (undo != NULL, NULL);

  closure = g_new0 (Undo, 1);
  closure->undo = undo;
  closure->data = data;
  closure->data_free = data_free;

  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_button_clicked),
                         closure, undo_free, 0);
  adw_toast_overlay_add_toast (overlay, toast);

  return toast;
}
