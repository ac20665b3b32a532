#!/usr/bin/python3
# test-narrow.py — a 360 px wide window folds the sidebar, every view fits it; the back button returns
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import hubdesk_gui as H


def sidebar_shown(app):
    return app.has("list", "Views")


def content_shown(app, title):
    return app.has("heading", title)


def window_width(app):
    return app.frame().queryComponent().getExtents(0).width


def back_button(app):
    return app.first("push button", "Back")


def test():
    # Started without --view: a folded window then opens on the sidebar.
    with H.Hubdesk() as app:
        app.wait_title("Today — Hubdesk")
        H.wait_for(lambda: sidebar_shown(app) and content_shown(app, "Today"),
                   what="sidebar and content side by side")
        H.check(back_button(app) is None, "a wide window shows a back button")

        app.resize(360, 640)
        H.wait_for(lambda: back_button(app) is None and sidebar_shown(app)
                   and not content_shown(app, "Today"),
                   what="the folded window to show the sidebar alone")

        # Every view fits the narrow window: none makes it wider than it
        # was made (a window cannot be made narrower than its widest need).
        for title in ("Today", "Events", "Rooms", "Reports", "Conflicts", "Contacts"):
            app.click(app.sidebar_row(title))
            H.wait_for(lambda: content_shown(app, title) and not sidebar_shown(app),
                       what=f"{title} alone")
            back = H.wait_for(lambda: back_button(app), what="the back button")
            width = window_width(app)
            H.log(f"{title}: the window is {width} px wide")
            H.check(width <= 360, f"{title} makes the narrow window {width} px wide")
            app.click(back)
            H.wait_for(lambda: sidebar_shown(app) and not content_shown(app, title),
                       what="the sidebar after going back")

        app.resize(1100, 720)
        H.wait_for(lambda: sidebar_shown(app) and content_shown(app, "Contacts")
                   and back_button(app) is None,
                   what="sidebar and content side by side again")


H.run(test)
