/* hd-editor-chrome.h — what every editor window has around its form: a
 * header bar with Cancel and Save, and a label saying what stops saving
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The buttons come from the caller, which picks their words, mnemonics
 * and what Save does; the chrome places them, makes Save the suggested
 * action and Cancel close the window. Cancel stands for the window's own
 * title buttons, so those are hidden.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Makes a vertical box @editor's content, its first child a header bar
 * with @cancel at the start and @save at the end; the form goes below. */
GtkWidget *hd_editor_chrome_new          (GtkWindow  *editor,
                                          GtkWidget  *cancel,
                                          GtkWidget  *save);

/* A wrapping label in the error style, for why the form cannot be saved;
 * @description, if not NULL, tells screen readers what it is for. */
GtkLabel  *hd_editor_problem_new         (const char *description);

/* A problem label right under the header bar of @chrome, hidden until
 * there is something to say. */
GtkLabel  *hd_editor_chrome_add_problem  (GtkWidget  *chrome);

/* A scrolled page at most @maximum_width wide under the header bar of
 * @chrome; returns the vertical box the form's parts go into. */
GtkWidget *hd_editor_chrome_add_page     (GtkWidget  *chrome,
                                          int         maximum_width);

G_END_DECLS
