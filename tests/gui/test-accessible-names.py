#!/usr/bin/python3
# test-accessible-names.py — every control of every view has a name a screen reader can say
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import tempfile

import hubdesk_gui as H

CONTROLS = {"push button", "toggle button", "entry", "text", "combo box", "check box",
            "radio button", "menu item", "spin button", "slider", "link", "password text"}


def unnamed(app):
    bad = []
    for node in H.walk(app.frame()):
        role = H.role_name(node)
        if role not in CONTROLS:
            continue
        name = H.name_of(node).strip()
        if not name or name.startswith("Gtk") or name.startswith("Adw"):
            bad.append(f"{role} {name!r}")
    return bad


def test():
    profile = H.make_demo_profile(os.path.join(tempfile.mkdtemp(prefix="hubdesk-profile-"), "p"),
                                  people=300)
    with H.Hubdesk(profile=profile, view="today") as app:
        for number, title in enumerate(H.TITLES["en"], start=1):
            app.press(ord(str(number)), control=True)
            app.wait_title(f"{title} — Hubdesk")
            if title in ("Events", "Rooms", "Contacts"):
                app.press(ord("f"), control=True)
            bad = unnamed(app)
            H.check(not bad, f"{title}: controls without a name: {bad}")
            H.log(f"{title}: every control is named")


H.run(test)
