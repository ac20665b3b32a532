#!/usr/bin/python3
# test-reports-figures.py — figures entered by hand show in the report
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Opens Reports for a quarter, enters social media followers and
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
        H.wait_for(lambda: figure(app, FOLLOWERS) is not None, timeout=30, what="the followers figure")
        followers_before = figure(app, FOLLOWERS)
        appearances_before = figure(app, APPEARANCES)
        H.log(f"before: {followers_before} followers, {appearances_before} appearances")

        app.click(app.find("push button", "Enter Figures…"))
        window = H.wait_for(lambda: dialog(app), what="the dialog for figures entered by hand")
        spins = [node for node in H.walk(window) if H.role_name(node) == "spin button"]
        H.check(len(spins) == 2, f"the dialog has {len(spins)} number fields")
        followers = app.find("spin button", "Social media followers", root=window)
        appearances = app.find("spin button", "Appearances at third-party events", root=window)
        time.sleep(1)  # the month's figures, if any, load into the dialog
        entered_before = int(appearances.queryValue().currentValue)
        followers.queryValue().currentValue = 14400
        appearances.queryValue().currentValue = 21
        time.sleep(0.3)
        # (GTK 4.8 names a button with a mnemonic "_Save Save")
        app.click(app.find("push button", root=window,
                           predicate=lambda node: H.name_of(node).split()[-1:] == ["Save"]))

        # The dialog opens on the last month of the quarter shown: its 21
        # appearances replace what that month had, and the hub's followers
        # are its 14,400 of that month, the latest of the quarter.
        expected = appearances_before - entered_before + 21
        H.wait_for(lambda: figure(app, APPEARANCES) == expected, timeout=20,
                   what=f"{expected} appearances in the report")
        followers_after = H.wait_for(lambda: (lambda v: v if v is not None and v != followers_before else None)(
            figure(app, FOLLOWERS)), timeout=20, what="the followers to change")
        H.check(followers_after >= 14400, f"followers went from {followers_before} to {followers_after}")


H.run(test)
