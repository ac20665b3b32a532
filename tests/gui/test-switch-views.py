#!/usr/bin/python3
# test-switch-views.py — the sidebar and Ctrl+1…6 switch between the views
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-switch-views.py click|keyboard
#
# On an empty profile every view shows its own empty state, which tells the
# views apart: after each switch, that view's page and no other is shown.

import sys

import hubdesk_gui as H

HOW = sys.argv[1] if len(sys.argv) > 1 else "click"

EMPTY_STATES = {
    "Today": "Welcome to Hubdesk",
    "Events": "No Events",
    "Rooms": "No Rooms",
    "Contacts": "No Contacts",
    "Reports": "Nothing to Report Yet",
    "Conflicts": "No Conflicts",
}


def shown_states(app):
    labels = set(app.labels())
    return [state for state in EMPTY_STATES.values() if state in labels]


def test():
    titles = H.TITLES["en"]
    # Start on the last view, so that every step below is a real switch.
    with H.Hubdesk(view="conflicts") as app:
        app.wait_title("Conflicts — Hubdesk")
        for number, title in enumerate(titles, start=1):
            if HOW == "click":
                app.click(app.sidebar_row(title))
            else:
                app.press(ord(str(number)), control=True)
            app.wait_title(f"{title} — Hubdesk")
            expected = [EMPTY_STATES[title]]
            shown = H.wait_for(lambda: shown_states(app) == expected and shown_states(app),
                               what=f"the view {title} alone (shown: {shown_states(app)})")
            H.check(shown == expected, f"{title}: shows {shown}")
            heading = app.find("heading", title)
            H.check(heading is not None, f"the header does not name {title}")
            H.log(f"{title}: ok")


H.run(test)
