#!/usr/bin/python3
# test-empty-profile.py — a new, empty profile shows empty states that say what to do
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os

import hubdesk_gui as H

EXPECTED = [
    ("1", "Today", "Welcome to Hubdesk", "--demo"),
    ("2", "Events", "No Events", "--demo"),
    ("3", "Rooms", "No Rooms", "--demo"),
    ("4", "Contacts", "No Contacts", "--demo"),
]


def test():
    with H.Hubdesk() as app:
        app.find("label", "All changes saved locally")
        for key, title, state, hint in EXPECTED:
            app.press(ord(key), control=True)
            app.wait_title(f"{title} — Hubdesk")
            app.find("label", state)
            app.find("label", predicate=lambda node: hint in H.text_of(node))
        H.check(os.path.exists(os.path.join(app.profile, "hubdesk.db")),
                "the profile has no hubdesk.db")


H.run(test)
