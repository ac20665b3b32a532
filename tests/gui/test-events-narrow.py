#!/usr/bin/python3
# test-events-narrow.py — in German the Events view fits a 360 px wide window:
# the modes, the filter and calendar buttons and the count all within it
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import tempfile
import time

import hubdesk_gui as H

WIDTH = 360
SHADOW = 24   # the client-side window shadow around the frame, at most


def extents(node):
    box = node.queryComponent().getExtents(0)
    return box.x, box.y, box.width, box.height


def narrowed(app):
    app.resize(WIDTH, 640)
    time.sleep(0.5)
    return extents(app.frame())[2] <= WIDTH + SHADOW


def test():
    profile = H.make_demo_profile(os.path.join(tempfile.mkdtemp(prefix="hubdesk-narrow-"), "p"),
                                  people=200)

    with H.Hubdesk(profile=profile, language="de", view="events") as app:
        app.wait_title("Veranstaltungen — Hubdesk")
        H.wait_for(lambda: narrowed(app), what=f"the window to shrink to {WIDTH} px")

        frame_x, _, frame_width, _ = extents(app.frame())
        for role, name in (("toggle button", "Anstehend"), ("toggle button", "Vergangen"),
                           ("toggle button", "Entwürfe"), ("push button", "Wochenansicht"),
                           ("push button", "Veranstaltungen filtern")):
            node = app.first(role, name) or app.find(None, name)
            x, _, width, _ = extents(node)
            H.check(width > 0 and x >= frame_x and x + width <= frame_x + frame_width,
                    f"{name!r} at {x}+{width} lies outside the window at {frame_x}+{frame_width}")


H.run(test)
