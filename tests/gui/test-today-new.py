#!/usr/bin/python3
# test-today-new.py — New on Today asks what to add and opens that view's editor
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Ctrl+N on Today offers an event, a room booking or a person; a room
# booking opens Rooms on the day's timeline with the booking editor, a
# person opens Contacts with the editor of a new person.

import os
import tempfile

import hubdesk_gui as H

ESCAPE = 0xff1b


def choose(app, word):
    app.press(ord("n"), control=True)
    app.find(None, "What Do You Want to Add?", root=app.app)
    # (GTK 4.8 names a button with a mnemonic "_Event Event")
    app.click(app.find("push button", root=app.app,
                       predicate=lambda node: H.name_of(node).endswith(word)))


def frame_titled(app, title):
    return next((f for f in app.frames() if H.name_of(f) == title), None)


def test():
    profile = H.make_demo_profile(os.path.join(tempfile.mkdtemp(prefix="hubdesk-profile-"), "p"),
                                  people=500)

    with H.Hubdesk(profile=profile, view="today") as app:
        app.wait_title("Today — Hubdesk")

        choose(app, "Room Booking")
        app.wait_title("Rooms — Hubdesk")
        editor = H.wait_for(lambda: frame_titled(app, "New Booking"), what="the booking editor")
        app.find(None, "Room", root=editor)
        app.press(ESCAPE)
        H.wait_for(lambda: frame_titled(app, "New Booking") is None, what="the booking editor to close")

        app.press(ord("1"), control=True)
        app.wait_title("Today — Hubdesk")
        choose(app, "Person")
        app.wait_title("Contacts — Hubdesk")
        H.wait_for(lambda: frame_titled(app, "New Person"), what="the editor of a new person")


H.run(test)
