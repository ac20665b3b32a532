#!/usr/bin/python3
# test-demo.py — --demo fills an empty profile off the GTK thread and leaves a
# profile with data alone
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import tempfile

import hubdesk_gui as H


def event_rows(app):
    events = app.first("list", "Events")
    return H.rows_of(events) if events is not None else []


def rooms_count(app):
    label = app.first("label", predicate=lambda node: H.text_of(node).endswith(" rooms"))
    return H.parse_count(H.text_of(label)) if label is not None else None


def test():
    profile = os.path.join(tempfile.mkdtemp(prefix="hubdesk-profile-"), "p")

    with H.Hubdesk(profile=profile, demo=True, view="today") as app:
        # The window is up at once; the data arrives while it shows.
        app.wait_title("Today — Hubdesk")
        # A short toast says so when it is done; on a busy machine a test
        # may miss it, so the lasting outcome is checked: the events of
        # today, and the status no longer busy.
        H.wait_for(lambda: event_rows(app), timeout=90, what="today's demo events")
        app.find("label", "All changes saved locally")
        app.press(ord("3"), control=True)
        first_rooms = H.wait_for(lambda: rooms_count(app), what="the number of rooms")
        size = os.path.getsize(os.path.join(profile, "hubdesk.db"))

    with H.Hubdesk(profile=profile, demo=True, view="today") as app:
        # (A toast says so, too briefly to be sure to catch it here.)
        H.wait_for(lambda: event_rows(app), timeout=60, what="the events of today")
        app.press(ord("3"), control=True)
        rooms = H.wait_for(lambda: rooms_count(app), what="the number of rooms")
        H.check(rooms == first_rooms, f"{rooms} rooms after a second --demo, {first_rooms} before")
        H.check("Could not add the demo data" not in app.output(), "the second --demo tried again")
    H.check(os.path.getsize(os.path.join(profile, "hubdesk.db")) <= size * 1.05,
            "a second --demo wrote the demo data again")


H.run(test)
