#!/usr/bin/python3
# test-events-calendar.py — the events calendar: Alt+2 shows the month, Alt+Right
# the next one with an event on its day, Ctrl+T returns to this month; an
# event exported as iCalendar through the save dialog
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import datetime
import json
import os
import subprocess
import tempfile
import time

import hubdesk_gui as H

ALT = 8          # Mod1
RIGHT = 0xff53
TITLE = "Kalendertest im Kreativlabor"


def cli(profile, *args):
    program = os.path.join(H.builddir(), "src", "cli", "hubdesk-cli")
    result = subprocess.run([program, "--profile", profile, *args], check=True,
                            capture_output=True, text=True, timeout=60)
    return result.stdout


def press_alt(app, keysym):
    app.point_at_window()
    H.Atspi.generate_keyboard_event(ALT, None, H.Atspi.KeySynthType.LOCKMODIFIERS)
    try:
        H.Atspi.generate_keyboard_event(keysym, None, H.Atspi.KeySynthType.SYM)
    finally:
        H.Atspi.generate_keyboard_event(ALT, None, H.Atspi.KeySynthType.UNLOCKMODIFIERS)
    time.sleep(0.05)


def day_name(day):
    # hd_format_date in English: "Wed, Nov 25, 2026"
    return f"{day:%a}, {day:%b} {day.day}, {day.year}"


def window(app, title):
    return H.wait_for(lambda: next((f for f in app.frames() if H.name_of(f) == title), None),
                      what=f"the window {title!r}")


def event_in_day(app, root, day):
    cell = app.first(None, day_name(day), root=root)
    if cell is None:
        return None
    return app.first("push button", TITLE, root=cell)


def test():
    folder = tempfile.mkdtemp(prefix="hubdesk-calendar-")
    profile = os.path.join(folder, "profile")
    H.make_demo_profile(profile, people=200)
    hub = json.loads(cli(profile, "list", "hub", "--json"))[0]["id"]

    today = datetime.date.today()
    this_month = today.replace(day=15)
    next_month = (this_month + datetime.timedelta(days=31)).replace(day=15)
    # early in the day, so it is among the first events its cell lists
    cli(profile, "put", "event", json.dumps({
        "hub_id": hub, "title": TITLE, "status": "published",
        "starts_at": f"{next_month.isoformat()}T05:00:00Z",
        "ends_at": f"{next_month.isoformat()}T06:00:00Z"}))

    with H.Hubdesk(profile=profile, view="events") as app:
        app.wait_title("Events — Hubdesk")

        # Export the event through the save dialog
        app.press(ord("f"), control=True)
        app.type_text(app.find("entry", "Search events"), "Kalendertest")
        events = app.find("list", "Events")
        item = H.wait_for(lambda: next((i for i in H.children(events)
                                        if TITLE in " ".join(H.text_of(n) for n in H.walk(i))),
                                       None), what="the event in the list")
        app.click(item)
        app.click(app.find("push button", "Export as iCalendar…", root=app.frame()))
        dialog = H.wait_for(lambda: next((w for w in H.children(app.app)
                                          if H.name_of(w) == "Export as iCalendar"), None),
                            what="the save dialog")
        target = os.path.join(folder, "exported.ics")
        name = app.find("text", "Name:", root=dialog)   # GTK's file name field
        app.type_text(name, target)
        app.press(0xff0d)   # Return: the dialog's default, Export
        H.wait_for(lambda: os.path.exists(target) and os.path.getsize(target) > 0,
                   what="the exported file")
        with open(target, encoding="utf-8", newline="") as exported:
            text = exported.read()
        H.check(text.startswith("BEGIN:VCALENDAR"), f"not iCalendar: {text[:60]!r}")
        H.check(TITLE in text.replace("\r\n ", ""), "the exported file lacks the event's title")
        app.press(0xff1b)  # Escape leaves the search

        app.click(app.find("push button", "Week View", root=app.frame()))
        calendar = window(app, "Week")

        press_alt(app, ord("2"))
        app.find("label", f"{this_month:%B %Y}", root=calendar)
        app.find(None, day_name(this_month), root=calendar)
        H.check(event_in_day(app, calendar, next_month) is None,
                "the month of today shows the event of the next month")

        press_alt(app, RIGHT)
        app.find("label", f"{next_month:%B %Y}", root=calendar)
        found = H.wait_for(lambda: event_in_day(app, calendar, next_month),
                           what=f"{TITLE!r} on {day_name(next_month)}")
        H.check(event_in_day(app, calendar, next_month - datetime.timedelta(days=1)) is None,
                "the event shows on the day before it too")

        app.press(ord("t"), control=True)
        app.find("label", f"{this_month:%B %Y}", root=calendar)
        H.wait_for(lambda: event_in_day(app, calendar, next_month) is None,
                   what="the event to leave with its month")

        # Alt+1 returns to the week, whose buttons name weeks again
        press_alt(app, ord("1"))
        app.find("push button", "Next Week", root=calendar)

        # The event opens from its day
        press_alt(app, ord("2"))
        press_alt(app, RIGHT)
        found = H.wait_for(lambda: event_in_day(app, calendar, next_month),
                           what=f"{TITLE!r} again")
        app.click(found)
        window(app, TITLE)


H.run(test)
