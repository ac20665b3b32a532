#!/usr/bin/python3
# test-contacts-narrow.py — with people listed, a person shown and filters in force,
# Contacts still fits a 360 px wide window: nothing of the view lies outside it
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys
import tempfile
import time

import pyatspi

import hubdesk_gui as H

WIDTH = 360
LANGUAGE = sys.argv[1] if len(sys.argv) > 1 else "en"


def view_extents(app):
    view = app.find("filler", "HdContactsView")
    return view.queryComponent().getExtents(pyatspi.WINDOW_COORDS)


def fits(app):
    extents = view_extents(app)
    return extents.x >= 0 and extents.x + extents.width <= WIDTH


def test():
    german = LANGUAGE == "de"
    profile = H.make_demo_profile(os.path.join(tempfile.mkdtemp(prefix="hubdesk-profile-"), "p"),
                                  people=300)
    with H.Hubdesk(profile=profile, view="contacts", language=LANGUAGE) as app:
        app.wait_title("Kontakte — Hubdesk" if german else "Contacts — Hubdesk")
        table = app.find("tree table", "Personen" if german else "People")
        rows = H.wait_for(lambda: [r for r in H.walk(table) if H.role_name(r) == "table row" and
                                   any(H.role_name(x) == "label" and H.text_of(x) for x in H.walk(r))][1:],
                          what="rows of people")
        app.click(rows[0])   # a person's details, with their actions
        time.sleep(0.5)
        # Filters in force: consent and archived.
        app.click(app.find("push button", "Filter"))
        app.press(0xff50)
        app.press(0xff54)
        app.press(0xff0d)
        app.click(app.find("push button", "Archivierte Kontakte" if german else "Archived contacts"))
        app.press(0xff50)
        app.press(0xff54)
        app.press(0xff0d)

        app.resize(WIDTH, 640)
        H.wait_for(lambda: fits(app), what=f"Contacts to fit {WIDTH} px (now {view_extents(app).x}, "
                                           f"{view_extents(app).width} px wide)")


H.run(test)
