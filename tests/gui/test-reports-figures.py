#!/usr/bin/python3
# test-reports-figures.py — figures entered by hand show in the report
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Opens Reports for one month, enters social media followers and
# appearances at third-party events for a hub and that month in the
# dialog, saves, and reads both figures back from the report.

import os
import re
import tempfile
import time

import hubdesk_gui as H

FOLLOWERS = re.compile(r"^Social media followers: ([\d,]+), before ([\d,]+)$")
APPEARANCES = re.compile(r"^Appearances at third-party events: ([\d,]+), before ([\d,]+)$")


def figure(app, pattern):
    label = app.first("label", predicate=lambda node: pattern.match(H.name_of(node) or "") is not None)
    return int(pattern.match(H.name_of(label)).group(1).replace(",", "")) if label is not None else None


def dialog(app):
    for child in H.children(app.app):
        for node in H.breadth_first(child, max_depth=12):
            if H.text_of(node) == "Figures Entered by Hand":
                return child
    return None


def test():
    profile = H.make_demo_profile(os.path.join(tempfile.mkdtemp(prefix="hubdesk-profile-"), "p"),
                                  people=400)

    with H.Hubdesk(profile=profile, view="reports") as app:
        app.wait_title("Reports — Hubdesk")
        H.check(H.wait_for(lambda: figure(app, FOLLOWERS) is not None, timeout=30,
                           what="the followers figure"), "no followers figure")
        H.check(figure(app, FOLLOWERS) == 0, "the demo profile has followers entered already")

        app.click(app.find("push button", "Enter Figures…"))
        window = H.wait_for(lambda: dialog(app), what="the dialog for figures entered by hand")
        spins = [node for node in H.walk(window) if H.role_name(node) == "spin button"]
        H.check(len(spins) == 2, f"the dialog has {len(spins)} number fields")
        followers = app.find("spin button", "Social media followers", root=window)
        appearances = app.find("spin button", "Appearances at third-party events", root=window)
        followers.queryValue().currentValue = 14400
        appearances.queryValue().currentValue = 21
        time.sleep(0.3)
        # (GTK 4.8 names a button with a mnemonic "_Save Save")
        app.click(app.find("push button", root=window,
                           predicate=lambda node: H.name_of(node).split()[-1:] == ["Save"]))

        H.wait_for(lambda: figure(app, FOLLOWERS) == 14400, timeout=20, what="14,400 followers in the report")
        H.wait_for(lambda: figure(app, APPEARANCES) == 21, timeout=20, what="21 appearances in the report")


H.run(test)
