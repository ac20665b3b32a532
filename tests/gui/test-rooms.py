#!/usr/bin/python3
# test-rooms.py — booking rooms the way a person does: a booking for tomorrow 10–12 shows in
# the day timeline; an overlapping one is warned about before saving and cannot be saved; a
# weekly series shows a week later too, and cancelling one of its dates leaves the others;
# a room added with the room editor joins the list
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import subprocess
import tempfile
import time

import pyatspi

import hubdesk_gui as H

ROOM = "AAA Testraum"   # sorts first: the editor offers it first


def cli(profile, *args):
    program = os.path.join(H.builddir(), "src", "cli", "hubdesk-cli")
    result = subprocess.run([program, "--profile", profile, *args], check=True,
                            capture_output=True, text=True, timeout=60)
    return result.stdout


def make_profile():
    profile = H.make_demo_profile(os.path.join(tempfile.mkdtemp(prefix="hubdesk-profile-"), "p"),
                                  people=300)
    hub_id = cli(profile, "list", "hub").split("\t")[0]
    cli(profile, "put", "room", json.dumps({"hub_id": hub_id, "name": ROOM, "capacity": 4}))
    return profile


def settle():
    """Waits for the day to be drawn again after a change. GTK 4.8 can hand a screen reader
    a broken reference to a widget that is being replaced, so the tree is read when it
    stands still."""
    time.sleep(1.2)


def window_named(app, title):
    return next((f for f in H.children(app.app) if H.name_of(f) == title), None)


def editor(app, title):
    return H.wait_for(lambda: window_named(app, title), what=f"the window {title!r}")


def wait_closed(app, title):
    H.wait_for(lambda: window_named(app, title) is None, what=f"the window {title!r} to close")


def enabled(node):
    state = H.states(node)
    return state is not None and state.contains(pyatspi.STATE_SENSITIVE)


def block(app, start):
    """The booking block of the day timeline whose accessible name starts with @start."""
    return app.first("push button", predicate=lambda node: H.name_of(node).startswith(start))


def new_booking(app, title, starts, ends):
    app.click(app.find("push button", "New Booking"))
    window = editor(app, "New Booking")
    app.type_text(app.find("text", "Title", root=window), title)
    app.type_text(app.find("text", "Starts at", root=window), starts)
    app.type_text(app.find("text", "Ends at", root=window), ends)
    return window


def save(app, window, title):
    name = H.name_of(window)
    button = app.find("push button", root=window,
                      predicate=lambda node: H.name_of(node).endswith("Save"))
    H.wait_for(lambda: enabled(button), what=f"Save to be possible for {title!r}")
    app.click(button)
    settle()
    wait_closed(app, name)
    settle()


def room_count(app):
    label = app.first("label", predicate=lambda node: H.text_of(node).endswith(" rooms"))
    return H.parse_count(H.text_of(label)) if label is not None else None


def move_days(app, days):
    name = "Next Day" if days > 0 else "Previous Day"
    button = app.find("push button", name)
    heading = next(c for c in H.children(button.parent.parent) if H.role_name(c) == "label")
    for _ in range(abs(days)):
        before = H.text_of(heading)
        app.click(button)
        H.wait_for(lambda: H.text_of(heading) != before, what=f"the day after {before}")
    settle()


def test():
    profile = make_profile()

    with H.Hubdesk(profile=profile, view="rooms") as app:
        app.wait_title("Rooms — Hubdesk")
        app.click(app.find("push button", "Day"))
        move_days(app, 1)

        # Tomorrow 10:00–12:00: the editor starts on the day shown.
        window = new_booking(app, "Strategy Workshop", "10:00", "12:00")
        date = H.text_of(app.find("text", "Date (YYYY-MM-DD)", root=window))
        H.log("booking for", date)
        save(app, window, "Strategy Workshop")
        H.wait_for(lambda: block(app, f"Strategy Workshop, 10:00 – 12:00, {ROOM}, Confirmed"),
                   what="the booking in the day timeline")

        # 11:00–12:30 in the same room: the warning names the booking in the way.
        window = new_booking(app, "Overlap", "11:00", "12:30")
        warning = H.wait_for(lambda: app.label_starting(f"Room “{ROOM}” is fully booked",
                                                        root=window),
                             what="the capacity warning")
        H.check("In the way: Strategy Workshop (from 10:00)" in H.text_of(warning),
                f"the warning does not name the booking in the way: {H.text_of(warning)!r}")
        save_button = app.find("push button", root=window,
                               predicate=lambda node: H.name_of(node).endswith("Save"))
        H.check(not enabled(save_button), "an overlapping booking can be saved")
        # Moving it to 12:00 (back to back) takes the warning away.
        app.type_text(app.find("text", "Starts at", root=window), "12:00")
        H.wait_for(lambda: enabled(save_button), what="Save after moving the booking to 12:00")
        app.click(app.find("push button", root=window,
                           predicate=lambda node: H.name_of(node).endswith("Cancel")))
        wait_closed(app, "New Booking")

        # A weekly series from tomorrow, four times.
        window = new_booking(app, "Jour fixe", "14:00", "15:00")
        app.click(app.find("push button", "Every week", root=window))
        app.click(app.find("push button", "After a number of times", root=window))
        save(app, window, "Jour fixe")
        series = f"Jour fixe, 14:00 – 15:00, {ROOM}"
        H.wait_for(lambda: block(app, series), what="the series tomorrow")

        move_days(app, 7)
        found = H.wait_for(lambda: block(app, series), what="the series a week later")

        # Cancel that date only.
        app.click(found)
        window = editor(app, "Edit Booking")
        app.click(app.find("push button", "Cancel This Date Only", root=window))
        settle()
        wait_closed(app, "Edit Booking")
        settle()
        H.wait_for(lambda: block(app, series) is None, what="the cancelled date to leave the day")

        # The week before and the week after keep theirs.
        move_days(app, 7)
        H.wait_for(lambda: block(app, series), what="the series two weeks later")
        move_days(app, -14)
        H.wait_for(lambda: block(app, series), what="the series on the first day")
        H.check(block(app, f"Strategy Workshop, 10:00 – 12:00, {ROOM}") is not None,
                "the first booking is gone")

        # Ctrl+N in the list of rooms adds a room.
        app.click(app.find("push button", "Rooms"))
        before = H.wait_for(lambda: room_count(app), what="the number of rooms")
        app.press(ord("n"), control=True)
        window = editor(app, "New Room")
        app.type_text(app.find("text", "Name", root=window), "Werkstatt Nord")
        save(app, window, "Werkstatt Nord")
        H.wait_for(lambda: room_count(app) == before + 1, what=f"{before + 1} rooms")


H.run(test)
