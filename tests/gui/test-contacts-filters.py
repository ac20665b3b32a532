#!/usr/bin/python3
# test-contacts-filters.py — the filters of Contacts combine: consent, tag and hub
# together leave only the people who match all three, each shows as a button that
# takes it away, and "Clear Filters" brings everyone back
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sqlite3
import tempfile

import hubdesk_gui as H

TAG = "Mentoring"
LIVE = "deleted = 0 AND COALESCE(archived, 0) = 0"
TAGGED = "EXISTS (SELECT 1 FROM json_each(tags) AS j WHERE j.value = ?)"


def counts(profile):
    """What each mix of filters should leave, read from the profile itself."""
    db = sqlite3.connect(os.path.join(profile, "hubdesk.db"))
    try:
        one = lambda sql, *args: db.execute(sql, args).fetchone()[0]
        total = one(f"SELECT COUNT(*) FROM person WHERE {LIVE}")
        given = one(f"SELECT COUNT(*) FROM person WHERE {LIVE} AND consent = 'given'")
        both = one(f"SELECT COUNT(*) FROM person WHERE {LIVE} AND consent = 'given' AND {TAGGED}", TAG)
        # The hub with most such people, so that all three leave some.
        hub_id, hub_name, three = db.execute(
            f"SELECT h.id, h.name, COUNT(*) AS n FROM person AS p JOIN hub AS h ON h.id = p.hub_id "
            f"WHERE p.deleted = 0 AND COALESCE(p.archived, 0) = 0 AND p.consent = 'given' "
            f"AND EXISTS (SELECT 1 FROM json_each(p.tags) AS j WHERE j.value = ?) "
            f"GROUP BY h.id ORDER BY n DESC LIMIT 1", (TAG,)).fetchone()
        hub_given = one(f"SELECT COUNT(*) FROM person WHERE {LIVE} AND consent = 'given' AND hub_id = ?",
                        hub_id)
        hubs = [row[0] for row in db.execute("SELECT name FROM hub WHERE deleted = 0")]
    finally:
        db.close()
    return total, given, both, hub_name, three, hub_given, hubs


def people_count(app):
    label = app.first("label", predicate=lambda n: H.text_of(n).endswith((" people", " person")))
    return H.parse_count(H.text_of(label)) if label is not None else None


def wait_count(app, expected, what):
    H.wait_for(lambda: people_count(app) == expected, timeout=30,
               what=f"{expected} people: {what} (shown: {people_count(app)})")


def test():
    profile = H.make_demo_profile(os.path.join(tempfile.mkdtemp(prefix="hubdesk-profile-"), "p"),
                                  people=2000)
    total, given, both, hub, three, hub_given, hubs = counts(profile)
    H.check(total > given > both > three > 0,
            f"the demo data should thin out filter by filter: {total}, {given}, {both}, {three}")

    with H.Hubdesk(profile=profile, view="contacts") as app:
        app.wait_title("Contacts — Hubdesk")
        wait_count(app, total, "everyone")
        H.check(app.first("push button", "Clear Filters") is None, "a filter shows before any is chosen")

        # Consent given (the second choice of the filter beside the tags).
        app.pick(app.find("push button", "Filter"), "All people", "Consent given")
        wait_count(app, given, "consent given")
        app.find("push button", "Remove Filter: Consent given")

        # And a tag: both must hold.
        app.click(app.find("push button", "Filter by tag"))
        H.wait_for(lambda: app.first("label", TAG), what=f"{TAG!r} among the tags")
        app.type_text(app.find("entry", "GtkSearchEntry"), TAG)
        H.wait_for(lambda: app.first("label", "Newsletter") is None, what="the other tags hidden")
        app.press(0xff0d)
        wait_count(app, both, "consent given and tagged")
        app.find("push button", f"Remove Filter: Tag: {TAG}")
        app.find("push button", "Remove Filter: Consent given")

        # And a hub.
        app.pick(app.find("push button", "Hub"), "All my hubs", hub)
        wait_count(app, three, "consent given, tagged, one hub")
        app.find("push button", f"Remove Filter: Hub: {hub}")

        # Taking the tag away leaves the other two.
        app.click(app.find("push button", f"Remove Filter: Tag: {TAG}"))
        wait_count(app, hub_given, "consent given in one hub")
        H.check(app.first("push button", f"Remove Filter: Tag: {TAG}") is None, "the tag still shows")

        # All of them away at once.
        app.click(app.find("push button", "Clear Filters"))
        wait_count(app, total, "everyone again")
        H.wait_for(lambda: app.first("push button", "Remove Filter: Consent given") is None,
                   what="no filter shown")


H.run(test)
