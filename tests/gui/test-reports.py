#!/usr/bin/python3
# test-reports.py — Reports: change the period and the figures change with it
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Opens Reports on a demo profile, reads "Organizations reached" of the
# current quarter and of the one before, steps back a quarter and checks
# that the heading names the quarter before and that the figure now shows
# what was its "before" value. A custom range is checked while typed and
# then shown, and the arrows step by ranges of its length. The chart of
# the same figure has an accessible description with its numbers and a
# table of them.

import os
import re
import sys
import tempfile

import hubdesk_gui as H

FIGURE = re.compile(r"^Organizations reached: ([\d,]+), before ([\d,]+)$")
QUARTER = re.compile(r"^Q([1-4]) (\d{4})$")


def number(text):
    return int(text.replace(",", ""))


def reached(app):
    label = app.first("label", predicate=lambda node: FIGURE.match(H.name_of(node) or "") is not None)
    if label is None:
        return None
    match = FIGURE.match(H.name_of(label))
    return number(match.group(1)), number(match.group(2))


def quarter(app):
    label = app.first("heading", predicate=lambda node: QUARTER.match(H.text_of(node)) is not None)
    if label is None:
        return None
    match = QUARTER.match(H.text_of(label))
    return int(match.group(1)), int(match.group(2))


def sensitive(node):
    state = H.states(node)
    return state is not None and state.contains(H.pyatspi.STATE_SENSITIVE)


def test():
    profile = H.make_demo_profile(os.path.join(tempfile.mkdtemp(prefix="hubdesk-profile-"), "p"),
                                  people=2000)

    with H.Hubdesk(profile=profile, view="reports") as app:
        app.wait_title("Reports — Hubdesk")
        now = H.wait_for(lambda: quarter(app), what="the quarter shown")
        value, before = H.wait_for(lambda: reached(app), timeout=30, what="organizations reached")
        H.log(f"Q{now[0]} {now[1]}: {value} organizations reached, {before} before")
        H.check(value > 0, "the demo profile reaches no organization this quarter")

        app.click(app.find("push button", "Previous period"))
        expected = (now[0] - 1, now[1]) if now[0] > 1 else (4, now[1] - 1)
        H.wait_for(lambda: quarter(app) == expected, what=f"Q{expected[0]} {expected[1]}")
        changed = H.wait_for(lambda: (lambda r: r if r is not None and r != (value, before) else None)(reached(app)),
                             timeout=30, what="the figures of the quarter before")
        H.log(f"Q{expected[0]} {expected[1]}: {changed[0]} organizations reached, {changed[1]} before")
        H.check(changed[0] == before,
                f"the quarter before shows {changed[0]} organizations, but was listed as {before} before")

        # A range of one's own, such as a funding phase: a range that ends
        # before it starts is refused with a reason, a good one is shown,
        # and the arrows step by ranges of the same length.
        app.click(app.find("push button", "Period"))
        app.find("list", predicate=lambda node: any(
            H.text_of(label) == "Custom Range" for label in H.walk(node)
            if H.role_name(label) == "label"), root=app.app)
        app.press(0xff50)  # Home
        for _ in range(3):
            app.press(0xff54)  # Down
        app.press(0xff0d)  # Return
        start = app.find("text", "From", root=app.app)
        end = app.find("text", "To", root=app.app)
        app.type_text(start, "2026-02-12")
        app.type_text(end, "2026-02-11")
        app.find("label", "The period must end on or after the day it starts.", root=app.app)
        # (GTK 4.8 names a button with a mnemonic "_Show Figures Show Figures")
        show = app.find("push button", root=app.app,
                        predicate=lambda node: H.name_of(node).endswith("Show Figures"))
        H.check(not sensitive(show), "Show Figures is offered for a range that ends before it starts")
        app.type_text(end, "2026-03-31")
        H.wait_for(lambda: sensitive(show), what="Show Figures offered for a good range")
        app.click(show)
        app.find("heading", predicate=lambda node: H.text_of(node) == "12 Feb 2026 – 31 Mar 2026")
        in_range = H.wait_for(lambda: reached(app), timeout=30, what="the figures of the range")
        H.log(f"12 Feb – 31 Mar 2026: {in_range[0]} organizations reached, {in_range[1]} before")
        app.find("push button", predicate=lambda node: H.name_of(node).endswith("Choose Dates…"))
        app.click(app.find("push button", "Next period"))
        app.find("heading", predicate=lambda node: H.text_of(node) == "1 Apr 2026 – 18 May 2026")

        # The chart says its numbers and shows them as a table, too.
        chart = app.find("image", "Organizations reached")
        description = chart.description or ""
        H.check("SME:" in description, f"the chart's description lacks the SMEs: {description!r}")
        app.click(app.find(None, "Show “Organizations reached” as a table"))
        app.find("label", "This period")


H.run(test)
