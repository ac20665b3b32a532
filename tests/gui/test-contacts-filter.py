#!/usr/bin/python3
# test-contacts-filter.py — the tag filter of Contacts: in a profile with the
# demo data, choosing a tag leaves only the people who carry it
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sqlite3
import tempfile

import hubdesk_gui as H

TAG = "Mentoring"


def tagged_people(profile):
    """Names of the live people carrying TAG, read from the profile itself."""
    db = sqlite3.connect(os.path.join(profile, "hubdesk.db"))
    try:
        rows = db.execute(
            "SELECT given_name, family_name FROM person AS t "
            "WHERE t.deleted = 0 AND COALESCE(t.archived, 0) = 0 "
            "AND EXISTS (SELECT 1 FROM json_each(t.tags) AS j WHERE j.value = ?)",
            (TAG,)).fetchall()
        total = db.execute(
            "SELECT COUNT(*) FROM person WHERE deleted = 0 AND COALESCE(archived, 0) = 0"
        ).fetchone()[0]
    finally:
        db.close()
    names = set()
    for given, family in rows:
        names.add(f"{given} {family}" if given and family else (family or given or ""))
    return names, len(rows), total


def people_count(app):
    label = app.first("label", predicate=lambda n: H.text_of(n).endswith((" people", " person")))
    return H.parse_count(H.text_of(label)) if label is not None else None


def test():
    profile = H.make_demo_profile(os.path.join(tempfile.mkdtemp(prefix="hubdesk-profile-"), "p"),
                                  people=2000)
    names, tagged, total = tagged_people(profile)
    H.check(0 < tagged < total,
            f"the demo data should tag some people {TAG!r}, not all ({tagged} of {total})")

    with H.Hubdesk(profile=profile, view="contacts") as app:
        app.wait_title("Contacts — Hubdesk")
        H.wait_for(lambda: people_count(app) == total, what=f"all {total} people listed")

        app.click(app.find("push button", "Filter by tag"))
        H.wait_for(lambda: app.first("label", TAG), what=f"{TAG!r} among the tags")
        # The drop-down searches its tags: typing one leaves it alone, Return takes it.
        search = app.find("entry", "GtkSearchEntry")
        app.type_text(search, TAG)
        H.wait_for(lambda: app.first("label", "Newsletter") is None, what="the other tags hidden")
        app.press(0xff0d)

        H.wait_for(lambda: (people_count(app) or total) < total, what="the list to shrink")
        count = people_count(app)
        table = app.find("tree table", "People")
        rows = H.wait_for(lambda: H.rows_of(table), what="rows of the filtered list")
        # (The first row is the header: "Name", "Organization", …)
        shown = [texts[0] for texts in rows if texts and texts[0] not in ("Loading…", "Name")]
        H.check(shown, "no rows shown after filtering")
        for name in shown:
            H.check(name in names, f"{name!r} is shown but does not carry the tag {TAG!r}")
        H.check(count == tagged, f"{count} people listed, {tagged} carry the tag {TAG!r}")


H.run(test)
