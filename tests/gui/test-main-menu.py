#!/usr/bin/python3
# test-main-menu.py — the main menu opens Preferences, Keyboard Shortcuts and About
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

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


def test():
    with H.Hubdesk(view="today") as app:
        app.wait_title("Today — Hubdesk")

        open_from_menu(app, "Keyboard Shortcuts")
        shortcuts = H.wait_for(lambda: window_named(app, "Keyboard Shortcuts"),
                               what="the shortcuts window")
        H.check(app.first("label", "Show Contacts", root=shortcuts) is not None,
                "the shortcuts window does not list Ctrl+4")
        H.check(app.first("label", "Search", root=shortcuts) is not None,
                "the shortcuts window does not list Ctrl+F")
        close_window(app, "Keyboard Shortcuts")

        # Ctrl+? opens the same window.
        app.press(ord("?"), control=True, shift=True)
        H.wait_for(lambda: window_named(app, "Keyboard Shortcuts"), what="Ctrl+? to show shortcuts")
        close_window(app, "Keyboard Shortcuts")

        open_from_menu(app, "About Hubdesk")
        about = H.wait_for(lambda: window_named(app, "About"), what="the About window")
        H.check(app.first("label", "0.1.0", root=about) is not None
                or app.first("push button", "0.1.0", root=about) is not None,
                "the About window shows no version")
        close_window(app, "About")

        open_from_menu(app, "Preferences")
        preferences = H.wait_for(lambda: window_named(app, "Preferences"),
                                 what="the Preferences window")
        H.check(app.first("label", app.profile, root=preferences) is not None,
                "Preferences do not show the profile folder")
        close_window(app, "Preferences")
        H.check(len(app.frames()) >= 1, "the main window is gone")


H.run(test)
