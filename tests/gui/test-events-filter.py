#!/usr/bin/python3
# test-events-filter.py — the filters of Events: a format leaves only its
# events, the status Cancelled finds the cancelled ones in Upcoming and
# Past, both combine, Export Shown Events writes the filtered list, and
# clearing the filters brings the whole list back
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import datetime
import os
import sqlite3
import tempfile
import time
import zoneinfo

import hubdesk_gui as H

RETURN = 0xff0d
ZONE = "Europe/Berlin"   # the time zone of a fresh profile


def day_start():
    """The start of today in the profile's time zone, as the store's UTC text."""
    zone = zoneinfo.ZoneInfo(ZONE)
    today = datetime.datetime.now(zone).date()
    start = datetime.datetime.combine(today, datetime.time(), tzinfo=zone)
    return start.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Store:
    """What the lists must show, read from the profile itself."""

    def __init__(self, profile):
        self.db = sqlite3.connect(os.path.join(profile, "hubdesk.db"))
        self.start = day_start()

    def titles(self, mode, status=None, fmt=None):
        sql = "SELECT title FROM event WHERE deleted = 0"
        args = []
        if mode == "upcoming":
            sql += " AND ends_at > ?"
            args.append(self.start)
        else:
            sql += " AND starts_at < ?"
            args.append(self.start)
        if status is not None:
            sql += " AND status = ?"
            args.append(status)
        if fmt is not None:
            sql += " AND format = ?"
            args.append(fmt)
        return [row[0] for row in self.db.execute(sql, args)]

    def close(self):
        self.db.close()


def count_shown(app):
    label = app.first("label", predicate=lambda n: H.text_of(n).endswith((" events", " event")))
    return H.parse_count(H.text_of(label)) if label is not None else None


def rows_shown(app):
    """The texts of the rows on screen (a row: its title, times, note)."""
    events = app.first("list", "Events")
    if events is None:
        return []
    return [texts for texts in H.rows_of(events) if texts and "Loading…" not in texts]


def choose(app, name):
    """Opens the filter menu and picks the choice @name in it."""
    app.click(app.find("push button", "Filter Events"))
    choice = app.find(None, name, predicate=lambda n: H.role_name(n).endswith("menu item"))
    app.click(choice)
    time.sleep(0.3)
    # the menu closes on a choice
    H.wait_for(lambda: app.first(None, name, predicate=lambda n: H.role_name(n).endswith("menu item"))
               is None, what="the filter menu to close")


def expect(app, titles, what):
    """The list shows len(@titles) events, and each row is one of them."""
    wanted = len(titles)
    if wanted == 0:
        H.wait_for(lambda: app.first("label", "No Matching Events") or
                   app.first("label", "No Cancelled Events"),
                   what=f"the empty page for {what}")
        H.check(app.first("push button", "Clear Filters") is not None,
                "the empty page of a filtered list offers no way to clear the filters")
        return
    H.wait_for(lambda: count_shown(app) == wanted,
               what=f"{wanted} events for {what} (shows {count_shown(app)})")
    shown = H.wait_for(lambda: rows_shown(app), what=f"rows for {what}")
    allowed = set(titles)
    for texts in shown:
        H.check(any(text in allowed for text in texts),
                f"the row {texts!r} is listed for {what} but is none of its events")


def save_as(app, title, path):
    """Fills GTK's save dialog (what the native chooser is under the test)."""
    dialog = H.wait_for(lambda: next((c for c in H.children(app.app)
                                      if H.name_of(c).startswith(title)), None),
                        what=f"the window {title!r}")
    app.type_text(app.find("text", "Name:", root=dialog), path)
    app.press(RETURN)
    H.wait_for(lambda: os.path.exists(path) and os.path.getsize(path) > 0, what=f"the file {path}")
    with open(path, encoding="utf-8", newline="") as f:
        return f.read().replace("\r\n ", "")


def test():
    folder = tempfile.mkdtemp(prefix="hubdesk-evfilter-")
    profile = H.make_demo_profile(os.path.join(folder, "p"), people=200)
    store = Store(profile)
    upcoming = store.titles("upcoming")
    office = store.titles("upcoming", fmt="office_hours")
    cancelled = store.titles("upcoming", status="cancelled")
    cancelled_office = store.titles("upcoming", status="cancelled", fmt="office_hours")
    past = store.titles("past")
    past_cancelled = store.titles("past", status="cancelled")
    H.check(0 < len(office) < len(upcoming),
            f"the demo data should have some upcoming office hours ({len(office)} of {len(upcoming)})")
    H.check(cancelled and past_cancelled, "the demo data should have cancelled events, upcoming and past")

    try:
        with H.Hubdesk(profile=profile, view="events") as app:
            app.wait_title("Events — Hubdesk")
            H.wait_for(lambda: count_shown(app) == len(upcoming),
                       what=f"all {len(upcoming)} upcoming events (shows {count_shown(app)})")
            H.check(app.first("push button", "Clear Filters") is None,
                    "Clear Filters shows without a filter")

            choose(app, "Office hours")
            expect(app, office, "upcoming office hours")
            app.find("push button", "Clear Filters")
            # the button names the filter in effect
            app.find("label", "Office hours", root=app.find("push button", "Filter Events"))

            choose(app, "Any Format")
            choose(app, "Cancelled")
            expect(app, cancelled, "upcoming cancelled events")
            # the first cancelled event (by time) is in the list, named as it is in the store
            first = store.db.execute(
                "SELECT title FROM event WHERE deleted = 0 AND status = 'cancelled' AND ends_at > ? "
                "ORDER BY starts_at LIMIT 1", (store.start,)).fetchone()[0]
            H.wait_for(lambda: any(first in texts for texts in rows_shown(app)),
                       what=f"the cancelled event {first!r}")

            choose(app, "Office hours")
            expect(app, cancelled_office, "upcoming cancelled office hours")
            app.find("label", "2 Filters", root=app.find("push button", "Filter Events"))

            # the week view keeps the list's filters and says so
            app.click(app.find("push button", "Week View", root=app.frame()))
            week = H.wait_for(lambda: next((f for f in app.frames() if H.name_of(f) == "Week"), None),
                              what="the window 'Week'")
            H.wait_for(lambda: app.first("label", predicate=lambda n: H.name_of(n).endswith(
                " · Cancelled, Office hours"), root=week),
                       what="the filters in the week's subtitle")
            app.press(0xff1b)  # Escape closes it
            H.wait_for(lambda: not any(H.name_of(f) == "Week" for f in app.frames()),
                       what="the week window to close")

            choose(app, "Any Format")
            app.click(app.find("push button", "Past"))
            expect(app, past_cancelled, "past cancelled events")

            # Export Shown Events writes the filtered list, nothing more
            app.click(app.find("push button", "Import and Export"))
            app.click(app.find("menu item",
                               predicate=lambda n: H.name_of(n).startswith("Export Shown Events")))
            text = save_as(app, "Export Shown Events", os.path.join(folder, "shown.ics"))
            events = text.count("BEGIN:VEVENT") - text.count("X-HUBDESK-ENTITY:session")
            H.check(events == len(past_cancelled),
                    f"{events} events exported, the list shows {len(past_cancelled)}")
            H.check(text.count("STATUS:CANCELLED") >= events,
                    "an event that is not cancelled was exported")

            # Clearing brings the whole list back, and the button goes
            app.click(app.find("push button", "Clear Filters"))
            H.wait_for(lambda: count_shown(app) == len(past),
                       what=f"all {len(past)} past events again (shows {count_shown(app)})")
            H.wait_for(lambda: app.first("push button", "Clear Filters") is None,
                       what="Clear Filters to go with the filters")
            app.click(app.find("push button", "Upcoming"))
            H.wait_for(lambda: count_shown(app) == len(upcoming),
                       what=f"all {len(upcoming)} upcoming events again (shows {count_shown(app)})")
    finally:
        store.close()


H.run(test)
