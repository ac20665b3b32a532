#!/usr/bin/python3
# test-hub-filter.py — the hub selector narrows every view to one hub and back to all
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import tempfile

import hubdesk_gui as H

HUB = "Digital Hub Neckar-Alb und Sigmaringen (DNS)"


def count(app, unit):
    label = app.first("label", predicate=lambda node: H.text_of(node).endswith(" " + unit))
    return H.parse_count(H.text_of(label)) if label is not None else None


def choose_hub(app, name):
    app.pick(app.find("push button", "Hub"), "All my hubs", name)


def test():
    profile = H.make_demo_profile(os.path.join(tempfile.mkdtemp(prefix="hubdesk-profile-"), "p"),
                                  people=2000)

    with H.Hubdesk(profile=profile, view="contacts") as app:
        app.wait_title("Contacts — Hubdesk")
        everyone = H.wait_for(lambda: count(app, "people"), timeout=30, what="all people")

        choose_hub(app, HUB)
        H.wait_for(lambda: (count(app, "people") or everyone) < everyone, timeout=20,
                   what=f"fewer than {everyone} people in one hub")
        one_hub = count(app, "people")
        H.check(one_hub > 0, f"{HUB} has no people")
        H.log(f"{one_hub} of {everyone} people belong to {HUB}")

        # The other views follow the same choice.
        app.press(ord("3"), control=True)
        app.wait_title("Rooms — Hubdesk")
        rooms = H.wait_for(lambda: count(app, "rooms"), what="the rooms of one hub")
        H.check(0 < rooms < 20, f"{rooms} rooms for one hub")
        app.press(ord("1"), control=True)
        app.find("label", HUB)

        choose_hub(app, "All my hubs")
        # Right after the hub list closes a shortcut may reach the closing
        # popover: go by the sidebar, as a pointer would. Reading the count
        # walks every row of 78 rooms, slow on a busy machine.
        app.click(app.sidebar_row("Rooms"))
        app.wait_title("Rooms — Hubdesk")
        H.wait_for(lambda: (count(app, "rooms") or 0) > rooms, timeout=60,
                   what="the rooms of all hubs")


H.run(test)
