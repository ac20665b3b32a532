#!/usr/bin/python3
# test-search.py — searching "Müller" in Contacts narrows the list to the rows that match;
# Escape leaves the search and brings every row back
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import tempfile

import hubdesk_gui as H

ESCAPE = 0xff1b


def count(app):
    label = app.first("label", predicate=lambda node: H.text_of(node).endswith((" people",
                                                                               " person")))
    return H.parse_count(H.text_of(label)) if label is not None else None


TITLES = {"Name", "Organization", "Job Title", "Email"}


def people_rows(table):
    """The rows of people: not the column titles, not rows still loading."""
    return [row for row in H.rows_of(table)
            if not set(row) <= TITLES and row[0] != "Loading…"]


def matches(row):
    text = H.fold(" ".join(row))
    return "mueller" in text or "muller" in text


def test():
    profile = H.make_demo_profile(os.path.join(tempfile.mkdtemp(prefix="hubdesk-profile-"), "p"),
                                  people=5000)

    with H.Hubdesk(profile=profile, view="contacts") as app:
        app.wait_title("Contacts — Hubdesk")
        total = H.wait_for(lambda: count(app), timeout=30, what="the number of people")
        table = app.find("tree table", "People")
        before = H.wait_for(lambda: people_rows(table), what="rows of people")
        H.check(not all(matches(row) for row in before),
                "every row matched before the search; the test proves nothing")

        app.press(ord("f"), control=True)
        entry = app.find("entry", "Search contacts")
        app.type_text(entry, "Müller")

        found = H.wait_for(lambda: (count(app) or total) < total and count(app), timeout=20,
                           what=f"fewer than {total} people")
        H.check(found > 0, "searching Müller found nobody")
        rows = H.wait_for(lambda: people_rows(table) if count(app) == found else None,
                          what="the rows found")
        wrong = [row for row in rows if not matches(row)]
        H.check(not wrong, f"rows that do not match Müller: {wrong[:3]}")
        H.log(f"{found} of {total} people match; first: {rows[0]}")

        # Escape leaves the search: every person is back.
        app.press(ESCAPE)
        H.wait_for(lambda: count(app) == total, what=f"all {total} people again")


H.run(test)
