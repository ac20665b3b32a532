#!/usr/bin/python3
# test-events-weeks.py — the Events list is grouped by week: the first row
# of each week carries a heading ("This Week", "Next Week", "Last Week",
# "Week of …") that names the week of the events under it, in Upcoming, in
# Past (newest first), and where a page of the list begins with a new week
# and the page before it is read after it
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import datetime
import json
import os
import re
import sqlite3
import subprocess
import tempfile
import time
import zoneinfo

import hubdesk_gui as H

END = 0xff57
PAGE_UP = 0xff55
PAGE = 200               # the rows HdRecordList reads at a time
ZONE = "Europe/Berlin"   # the time zone of a fresh profile
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
# the date a row shows first: "Thu, Nov 26, 2026, 10:00 – 12:00 · Place"
DATE = re.compile(r"\b[A-Z][a-z]{2}, ([A-Z][a-z]{2}) (\d{1,2}), (\d{4})\b")
SHORT_MONTHS = [m[:3] for m in MONTHS]


def monday(day):
    return day - datetime.timedelta(days=day.weekday())


def heading_for(week):
    """The heading the week starting on Monday @week must have."""
    this = monday(datetime.datetime.now(zoneinfo.ZoneInfo(ZONE)).date())
    days = (week - this).days
    if days == 0:
        return "This Week"
    if days == 7:
        return "Next Week"
    if days == -7:
        return "Last Week"
    return f"Week of {MONTHS[week.month - 1]} {week.day}, {week.year}"


def shown_rows(app):
    """(heading or None, Monday of the row's date) of each row on screen, in list order."""
    events = app.first("list", "Events")
    if events is None:
        return []
    rows = []
    for row in H.children(events):
        if H.role_name(row) != "list item":
            continue
        heading = None
        date = None
        for node in H.walk(row):
            role = H.role_name(node)
            if role == "heading":
                heading = H.text_of(node)
            elif role == "label":
                match = DATE.search(H.text_of(node) or "")
                if match is not None and date is None:
                    date = datetime.date(int(match.group(3)),
                                         SHORT_MONTHS.index(match.group(1)) + 1,
                                         int(match.group(2)))
        if date is None:
            return []   # a row still loading: ask again
        rows.append((heading, monday(date)))
    return rows


def check_weeks(app, what, first_heading):
    """Every heading names the week of its row; a row without one is in
    the week of the row before it; a row with one starts another week."""
    rows = H.wait_for(lambda: shown_rows(app), what=f"the rows of {what}")
    # headings come in an idle after the rows: give them a moment
    time.sleep(0.5)
    rows = H.wait_for(lambda: shown_rows(app), what=f"the rows of {what}")
    H.check(len(rows) >= 10, f"only {len(rows)} rows of {what} on screen")
    if first_heading:
        H.check(rows[0][0] is not None, f"the first row of {what} has no week heading")
    headings = []
    for i, (heading, week) in enumerate(rows):
        if heading is not None:
            H.check(heading == heading_for(week),
                    f"row {i} of {what} is in the week of {week} but its heading says {heading!r}")
            if i > 0:
                H.check(rows[i - 1][1] != week,
                        f"row {i} of {what} repeats the heading {heading!r} of the row before it")
            headings.append(heading)
        elif i > 0:
            H.check(rows[i - 1][1] == week,
                    f"row {i} of {what} starts the week of {week} without a heading "
                    f"(the row before it is in the week of {rows[i - 1][1]})")
    H.check(len(headings) >= 2, f"{what} shows {len(headings)} week headings, the demo has events every week")
    for a, b in zip(headings, headings[1:]):
        H.check(a != b, f"two headings of {what} in a row name the same week {a!r}")
    H.log(what, "headings:", headings)
    return headings


def week_in_zone(timestamp):
    utc = datetime.datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
    return monday(utc.astimezone(zoneinfo.ZoneInfo(ZONE)).date())


def start_week_at_page(profile, start):
    """Adds upcoming events so that the event at position 2 * PAGE, the
    first of the third page, is the first of its week: scrolling up from
    the end binds its row while the event before it (on the second page)
    is not read yet, and only a check after that page comes gives it its
    heading. Returns the Monday of that week and the count of upcoming
    events."""
    db = sqlite3.connect(os.path.join(profile, "hubdesk.db"))
    rows = db.execute("SELECT hub_id, starts_at FROM event WHERE deleted = 0 AND ends_at > ? "
                      "ORDER BY starts_at", (start,)).fetchall()
    db.close()
    weeks = [week_in_zone(starts_at) for _, starts_at in rows]
    first = 2 * PAGE
    H.check(len(rows) > first + 20, "the demo data should have more than two pages of upcoming events")
    # the last week that starts at or before that position, moved to it by
    # more events at the time of the last event of the week before
    k = next(i for i in range(first, 0, -1) if weeks[i] != weeks[i - 1])
    hub_id, starts_at = rows[k - 1]
    begin = datetime.datetime.fromisoformat(starts_at.replace("Z", "+00:00"))
    ends_at = (begin + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    # and a page more at the end, so that the rows bound at the end of
    # the list do not reach back to that position
    last = datetime.datetime.fromisoformat(rows[-1][1].replace("Z", "+00:00"))
    later = last + datetime.timedelta(days=14)
    added = [(starts_at, ends_at)] * (first - k) + \
        [(later.strftime("%Y-%m-%dT%H:%M:%SZ"),
          (later + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ"))] * (PAGE * 3 // 4)
    program = os.path.join(H.builddir(), "src", "cli", "hubdesk-cli")
    for n, (begins, ends) in enumerate(added):
        fields = {"hub_id": hub_id, "title": f"Wochenprobe {n + 1}",
                  "starts_at": begins, "ends_at": ends}
        subprocess.run([program, "--profile", profile, "put", "event", json.dumps(fields)],
                       check=True, capture_output=True, timeout=60)
    return weeks[k], len(rows) + len(added)


def count_shown(app):
    label = app.first("label", predicate=lambda n: H.text_of(n).endswith((" events", " event")))
    return H.parse_count(H.text_of(label)) if label is not None else None


def test():
    folder = tempfile.mkdtemp(prefix="hubdesk-evweeks-")
    profile = H.make_demo_profile(os.path.join(folder, "p"), people=200)
    db = sqlite3.connect(os.path.join(profile, "hubdesk.db"))
    zone = zoneinfo.ZoneInfo(ZONE)
    today = datetime.datetime.now(zone).date()
    start = datetime.datetime.combine(today, datetime.time(), tzinfo=zone)
    start = start.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    past = db.execute("SELECT count(*) FROM event WHERE deleted = 0 AND starts_at < ?",
                      (start,)).fetchone()[0]
    db.close()
    boundary, upcoming = start_week_at_page(profile, start)
    H.check(upcoming > 400 and past > 400,
            f"the demo data should have more than two pages of events each way ({upcoming}, {past})")

    with H.Hubdesk(profile=profile, view="events") as app:
        app.wait_title("Events — Hubdesk")
        H.wait_for(lambda: count_shown(app) == upcoming,
                   what=f"all {upcoming} upcoming events (shows {count_shown(app)})")

        headings = check_weeks(app, "Upcoming", first_heading=True)
        H.check(headings[0] in ("This Week", "Next Week"),
                f"Upcoming starts with the heading {headings[0]!r}, not This Week or Next Week")
        app.find("heading", headings[0], root=app.find("list", "Events"))

        # Past lists the newest first: the weeks go back in list order
        app.click(app.find("push button", "Past"))
        H.wait_for(lambda: count_shown(app) == past,
                   what=f"all {past} past events (shows {count_shown(app)})")
        headings = check_weeks(app, "Past", first_heading=True)
        H.check(headings[0] in ("This Week", "Last Week"),
                f"Past starts with the heading {headings[0]!r}, not This Week or Last Week")

        # from the end of Upcoming up to where the third page begins, with
        # a new week: the row of its first event comes with that page, the
        # row before it later, with its own page
        app.click(app.find("push button", "Upcoming"))
        H.wait_for(lambda: count_shown(app) == upcoming,
                   what=f"all {upcoming} upcoming events again (shows {count_shown(app)})")
        rows = H.wait_for(lambda: [r for r in H.children(app.find("list", "Events"))
                                   if H.role_name(r) == "list item"], what="the rows of Upcoming")
        top = H.wait_for(lambda: shown_rows(app), what="the rows of Upcoming")[0][1]
        # a click on the first row puts the keyboard focus in the list
        box = rows[0].queryComponent().getExtents(0)   # screen coordinates
        H.Atspi.generate_mouse_event(box.x + box.width // 2, box.y + box.height // 2, "b1c")
        time.sleep(0.3)
        app.press(END)
        H.wait_for(lambda: (shown_rows(app) or [(None, top)])[0][1] > boundary,
                   what="the last rows of Upcoming")

        def first_week():
            """The week of the first row bound, None while it is loading."""
            events = app.find("list", "Events")
            row = next(r for r in H.children(events) if H.role_name(r) == "list item")
            for node in H.walk(row):
                match = DATE.search(H.text_of(node) or "") if H.role_name(node) == "label" else None
                if match is not None:
                    return monday(datetime.date(int(match.group(3)),
                                                SHORT_MONTHS.index(match.group(1)) + 1,
                                                int(match.group(2))))
            return None

        def above_boundary():
            week = first_week()
            if week is not None and week >= boundary:
                app.press(PAGE_UP)
                app.press(PAGE_UP)
                return False
            return week is not None
        H.wait_for(above_boundary, timeout=60, what=f"the rows before the week of {boundary}")
        H.wait_for(lambda: any(week == boundary for _, week in shown_rows(app)),
                   what=f"the rows of the week of {boundary}")
        headings = check_weeks(app, "the start of the third page of Upcoming", first_heading=False)
        H.check(heading_for(boundary) in headings,
                f"the week of {boundary}, which starts the third page, has no heading")


H.run(test)
