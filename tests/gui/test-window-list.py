#!/usr/bin/python3
# test-window-list.py — the application answers for its windows while they come and go
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A screen reader counts the windows of the application, then asks for
# each one by index; when a window closes in between, it asks for an index
# past the last visible window. GTK 4.8 then answers with the last window
# it knows, visible or not, and a window kept hidden without ever having
# been shown has no object path: a critical that ends the application
# (G_DEBUG=fatal-criticals). Hubdesk keeps no hidden windows around; this
# test asks past the end before any window was opened and after each of
# the windows of the main menu has closed again.

import hubdesk_gui as H

ESCAPE = 0xff1b


def open_from_menu(app, item):
    app.click(app.find("push button", "Main Menu"))
    entry = app.find(None, root=app.app,
                     predicate=lambda node: H.name_of(node).replace("_", "") == item
                     and H.role_name(node) in ("menu item", "push button"))
    app.click(entry)


def window_named(app, name):
    return next((w for w in H.children(app.app)
                 if H.role_name(w) in ("frame", "dialog", "window") and H.name_of(w) == name),
                None)


def close_window(app, name):
    window = H.wait_for(lambda: window_named(app, name), what=f"the window {name!r}")
    try:
        action = window.queryAction()
        names = [action.getName(i) for i in range(action.nActions)]
        action.doAction(names.index("window.close"))
    except (NotImplementedError, ValueError):
        app.press(ESCAPE)
    H.wait_for(lambda: window_named(app, name) is None, what=f"{name!r} to close")


def ask_past_the_end(app, when):
    count = app.app.childCount
    try:
        app.app.getChildAtIndex(count)
    except H.GLib.Error:
        pass  # refusing is a fine answer; dying is not
    H.check(app.process.poll() is None,
            f"hubdesk ended when asked for window {count} of {count} {when}:\n{app.output()}")
    H.check(app.title() == "Today — Hubdesk", f"the main window is gone {when}")


def test():
    with H.Hubdesk(view="today") as app:
        app.wait_title("Today — Hubdesk")
        ask_past_the_end(app, "after startup")

        for item, title in (("Keyboard Shortcuts", "Keyboard Shortcuts"),
                            ("About Hubdesk", "About"),
                            ("Preferences", "Preferences")):
            open_from_menu(app, item)
            H.wait_for(lambda: window_named(app, title), what=f"the window {title!r}")
            ask_past_the_end(app, f"with {title!r} open")
            close_window(app, title)
            ask_past_the_end(app, f"after {title!r} closed")


H.run(test)
