#!/usr/bin/python3
# test-rooms-move.py — moving bookings on the day timeline by the keyboard: Alt+Right moves a
# booking by a quarter of an hour and its block says the new time; a move into a booking that
# takes the room is not saved but warned about, as the booking editor warns; Shift+Alt+Left
# shortens it; with the mouse a block is dragged, resized at its right edge, and a drag over
# empty space opens the editor with that span; the week of a room shows a daily series on
# each of its days, and moving one date of it asks whether only that date moves
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import datetime
import json
import os
import subprocess
import tempfile
import time
import zoneinfo

import gi
import pyatspi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

import hubdesk_gui as H  # noqa: E402

ROOM = "AAA Testraum"   # sorts first: the week shows it first
ZONE = zoneinfo.ZoneInfo("Europe/Berlin")
KEY_LEFT = 0xff51
KEY_RIGHT = 0xff53
ALT = 8      # Mod1
SHIFT = 1


def cli(profile, *args):
    program = os.path.join(H.builddir(), "src", "cli", "hubdesk-cli")
    result = subprocess.run([program, "--profile", profile, *args], check=True,
                            capture_output=True, text=True, timeout=60)
    return result.stdout


def utc(day, hour, minute=0):
    local = datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=ZONE)
    return local.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def make_profile():
    profile = H.make_demo_profile(os.path.join(tempfile.mkdtemp(prefix="hubdesk-profile-"), "p"),
                                  people=300)
    hub_id = cli(profile, "list", "hub").split("\t")[0]
    room_id = cli(profile, "put", "room",
                  json.dumps({"hub_id": hub_id, "name": ROOM, "capacity": 4})).strip()
    today = datetime.datetime.now(ZONE).date()
    tomorrow = today + datetime.timedelta(days=1)
    monday = today - datetime.timedelta(days=today.weekday())

    def book(title, starts_at, ends_at, **extra):
        cli(profile, "put", "booking",
            json.dumps({"hub_id": hub_id, "room_id": room_id, "title": title,
                        "status": "confirmed", "starts_at": starts_at, "ends_at": ends_at,
                        **extra}))

    book("Workshop", utc(tomorrow, 10), utc(tomorrow, 12))
    book("Board meeting", utc(tomorrow, 12, 30), utc(tomorrow, 13, 30))
    book("Daily sync", utc(monday, 8), utc(monday, 8, 30), recurrence="FREQ=DAILY;COUNT=7")
    # weekly from two days ago: not today
    before = today - datetime.timedelta(days=2)
    book("Weekly review", utc(before, 16), utc(before, 17), recurrence="FREQ=WEEKLY")
    return profile


def settle():
    time.sleep(1.2)


def press_with(app, keysym, mask):
    """A key with modifiers held (Alt is not among those H.Hubdesk.press knows)."""
    app.point_at_window()
    Atspi.generate_keyboard_event(mask, None, Atspi.KeySynthType.LOCKMODIFIERS)
    try:
        Atspi.generate_keyboard_event(keysym, None, Atspi.KeySynthType.SYM)
    finally:
        Atspi.generate_keyboard_event(mask, None, Atspi.KeySynthType.UNLOCKMODIFIERS)
    time.sleep(0.05)


def block(app, start):
    return app.first("push button", predicate=lambda node: H.name_of(node).startswith(start))


def blocks(app, start):
    return [node for node in app.find_all("push button")
            if H.name_of(node).startswith(start)]


def window_named(app, title):
    return next((f for f in H.children(app.app) if H.name_of(f) == title), None)


def drag(x0, y0, dx):
    """Presses the first button at (x0, y0), moves by dx in steps and lets go."""
    Atspi.generate_mouse_event(int(x0), int(y0), "abs")
    time.sleep(0.2)
    Atspi.generate_mouse_event(int(x0), int(y0), "b1p")
    time.sleep(0.2)
    for step in range(1, 9):
        Atspi.generate_mouse_event(int(x0 + dx * step / 8), int(y0), "abs")
        time.sleep(0.05)
    Atspi.generate_mouse_event(int(x0 + dx), int(y0), "b1r")
    time.sleep(0.3)


def enabled(node):
    state = H.states(node)
    return state is not None and state.contains(pyatspi.STATE_SENSITIVE)


def extents(node):
    return node.queryComponent().getExtents(Atspi.CoordType.SCREEN)


def focus(app, node):
    """Gives a block the keyboard focus as a click does: the editor it opens is closed again."""
    name = H.name_of(node)
    app.click(node)
    window = H.wait_for(lambda: window_named(app, "Edit Booking"), what="the booking editor")
    app.click(app.find("push button", root=window,
                       predicate=lambda n: H.name_of(n).endswith("Cancel")))
    H.wait_for(lambda: window_named(app, "Edit Booking") is None, what="the editor to close")
    settle()
    H.log("focused", name)


def test():
    profile = make_profile()

    with H.Hubdesk(profile=profile, view="rooms") as app:
        app.wait_title("Rooms — Hubdesk")
        app.click(app.find("push button", "Day"))
        button = app.find("push button", "Next Day")
        app.click(button)
        settle()

        workshop = H.wait_for(lambda: block(app, f"Workshop, 10:00 – 12:00, {ROOM}, Confirmed"),
                              what="the workshop at 10:00")
        focus(app, workshop)

        # Alt+Right twice: 10:30 – 12:30, back to back with the board meeting.
        press_with(app, KEY_RIGHT, ALT)
        H.wait_for(lambda: block(app, f"Workshop, 10:15 – 12:15, {ROOM}"),
                   what="the workshop a quarter of an hour later")
        settle()
        press_with(app, KEY_RIGHT, ALT)
        H.wait_for(lambda: block(app, f"Workshop, 10:30 – 12:30, {ROOM}"),
                   what="the workshop at 10:30")
        settle()

        # Once more it would run into the board meeting: warned about, not saved.
        press_with(app, KEY_RIGHT, ALT)
        dialog = H.wait_for(lambda: window_named(app, "The Room Is Not Free Then"),
                            what="the warning that the room is taken")
        warning = H.wait_for(lambda: app.label_starting(f"Room “{ROOM}” is fully booked",
                                                        root=dialog),
                             what="the capacity warning of the editor")
        H.check("In the way: Board meeting (from 12:30)" in H.text_of(warning),
                f"the warning does not name the booking in the way: {H.text_of(warning)!r}")
        def response(label):
            # GTK 4.8 names a response button by its mnemonic and its label
            return app.first("push button", root=dialog,
                             predicate=lambda node: H.name_of(node).endswith(label))
        H.check(response("Open Editor") is not None, "the warning does not offer the editor")
        app.click(response("Leave as It Was"))
        H.wait_for(lambda: window_named(app, "The Room Is Not Free Then") is None,
                   what="the warning to close")
        settle()
        H.check(block(app, f"Workshop, 10:30 – 12:30, {ROOM}") is not None,
                "the workshop moved although the room is taken")
        H.check(block(app, f"Workshop, 10:45 – 12:45, {ROOM}") is None,
                "a move into a taken room was saved")

        # Shift+Alt+Left: it ends a quarter of an hour earlier.
        focus(app, block(app, f"Workshop, 10:30 – 12:30, {ROOM}"))
        press_with(app, KEY_LEFT, ALT | SHIFT)
        H.wait_for(lambda: block(app, f"Workshop, 10:30 – 12:15, {ROOM}"),
                   what="the workshop a quarter of an hour shorter")
        settle()

        # Two quick presses, the second before the first is saved: two steps.
        def press_twice(at, key, to):
            focus(app, block(app, f"Workshop, {at}, {ROOM}"))
            press_with(app, key, ALT)
            press_with(app, key, ALT)
            H.wait_for(lambda: block(app, f"Workshop, {to}, {ROOM}"),
                       what=f"the workshop moved two steps, {at} to {to}")
            settle()
        press_twice("10:30 – 12:15", KEY_LEFT, "10:00 – 11:45")
        press_twice("10:00 – 11:45", KEY_RIGHT, "10:30 – 12:15")

        # With the mouse: an hour (64 px) to the left, then the right edge 16 px on.
        box = extents(block(app, f"Workshop, 10:30 – 12:15, {ROOM}"))
        drag(box.x + box.width / 2, box.y + box.height / 2, -64)
        H.wait_for(lambda: block(app, f"Workshop, 09:30 – 11:15, {ROOM}"),
                   what="the workshop dragged to 09:30")
        settle()
        box = extents(block(app, f"Workshop, 09:30 – 11:15, {ROOM}"))
        # the last pixel of the extents: inside the 8 px edge also where the window's
        # shadow shifts the screen a few pixels against them
        drag(box.x + box.width - 1, box.y + box.height / 2, 16)
        H.wait_for(lambda: block(app, f"Workshop, 09:30 – 11:30, {ROOM}"),
                   what="the workshop's end dragged to 11:30")
        settle()

        # A drag over the empty afternoon from 14:00 to 16:00 opens the editor with that span
        # in this room; saved, the booking shows there. (Hour lines: a few pixels of shadow
        # between the extents and the screen do not change the quarter hour they snap to.)
        box = extents(block(app, f"Workshop, 09:30 – 11:30, {ROOM}"))

        def x_at(hours):
            return box.x - 1 + (hours - 9.5) * 64
        drag(x_at(14), box.y + box.height / 2, x_at(16) - x_at(14))
        window = H.wait_for(lambda: window_named(app, "New Booking"), what="the editor of the span")
        H.check(app.first("label", ROOM, root=window) is not None,
                "the editor does not have the room of the row dragged in")
        app.type_text(app.find("text", "Title", root=window), "Dragged")
        button = app.find("push button", root=window,
                          predicate=lambda n: H.name_of(n).endswith("Save"))
        H.wait_for(lambda: enabled(button), what="Save to be possible for the dragged span")
        app.click(button)
        H.wait_for(lambda: window_named(app, "New Booking") is None, what="the editor to close")
        H.wait_for(lambda: block(app, f"Dragged, 14:00 – 16:00, {ROOM}, Confirmed"),
                   what="the booking of the span dragged")
        settle()

        # The week of the room: the daily series on every day of it.
        app.click(app.find("push button", "Week of a Room"))
        H.wait_for(lambda: app.label_starting("Week of "), what="the week heading")
        app.click(app.find("push button", "Today"))
        settle()
        series = H.wait_for(lambda: (lambda found: found if len(found) >= 2 else None)(
                                blocks(app, "Daily sync, 08:00 – 08:30, ")),
                            what="the daily series on two days of the week")
        names = sorted({H.name_of(node) for node in series})
        H.log("in the week:", names)
        H.check(len(names) == 7, f"the series shows on {len(names)} days, not 7: {names}")
        H.check(all(ROOM in name for name in names), f"a block does not name the room: {names}")

        # Alt+Right on one date of the series asks first; "Only This Date" moves that one.
        tuesday = next(name for name in names if ", Tue, " in name)
        focus(app, block(app, tuesday))
        press_with(app, KEY_RIGHT, ALT)
        dialog = H.wait_for(lambda: window_named(app, "Move a Recurring Booking"),
                            what="the question: this date or the whole series")
        app.click(app.find("push button", root=dialog,
                           predicate=lambda node: H.name_of(node).endswith("Only This Date")))
        moved = tuesday.replace("08:00 – 08:30", "08:15 – 08:45")
        H.wait_for(lambda: block(app, moved), what="the Tuesday a quarter of an hour later")
        settle()
        after = sorted(H.name_of(node) for node in blocks(app, "Daily sync, "))
        H.log("after moving Tuesday:", after)
        H.check(len([n for n in after if n.startswith("Daily sync, 08:00 – 08:30, ")]) == 6,
                f"the other dates of the series moved too: {after}")

        # The room's "Booked Today": the daily series (it has a date today), not the weekly
        # one (its day is two days ago).
        app.click(app.find("push button", "Rooms"))
        row = app.find("list item", predicate=lambda node: any(
            H.name_of(child) == ROOM for child in H.walk(node, max_depth=4)))
        app.click(row)
        today_list = app.find("list", "Booked today")
        H.wait_for(lambda: app.first(root=today_list,
                                     predicate=lambda n: "Daily sync" in H.name_of(n)),
                   what="today's date of the daily series under Booked Today")
        names = [H.name_of(n) for n in H.walk(today_list) if H.name_of(n)]
        H.log("booked today:", names)
        H.check(not any("Weekly review" in name for name in names),
                f"a weekly series is listed on a day it does not meet: {names}")


H.run(test)
