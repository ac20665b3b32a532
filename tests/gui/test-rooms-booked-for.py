#!/usr/bin/python3
# test-rooms-booked-for.py — a booking names whom it is for: in the booking editor an
# organization is found by typing, chosen, saved with the booking, shown again when the
# booking is opened, and cleared
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import sqlite3
import subprocess
import tempfile
import time

import pyatspi

import hubdesk_gui as H

ROOM = "AAA Testraum"   # sorts first: the editor offers it first
TITLE = "Kundentermin"


def cli(profile, *args):
    program = os.path.join(H.builddir(), "src", "cli", "hubdesk-cli")
    result = subprocess.run([program, "--profile", profile, *args], check=True,
                            capture_output=True, text=True, timeout=60)
    return result.stdout


def query(profile, sql, *args):
    db = sqlite3.connect(os.path.join(profile, "hubdesk.db"))
    try:
        return db.execute(sql, args).fetchall()
    finally:
        db.close()


def window_named(app, title):
    return next((f for f in H.children(app.app) if H.name_of(f) == title), None)


def editor(app, title):
    return H.wait_for(lambda: window_named(app, title), what=f"the window {title!r}")


def enabled(node):
    state = H.states(node)
    return state is not None and state.contains(pyatspi.STATE_SENSITIVE)


def save(app, window):
    name = H.name_of(window)
    button = app.find("push button", root=window,
                      predicate=lambda node: H.name_of(node).endswith("Save"))
    H.wait_for(lambda: enabled(button), what="Save to be possible")
    app.click(button)
    time.sleep(1.2)
    H.wait_for(lambda: window_named(app, name) is None, what=f"the window {name!r} to close")
    time.sleep(1.2)


def booked_organization(profile):
    rows = query(profile, "SELECT organization_id FROM booking WHERE title = ? AND deleted = 0", TITLE)
    H.check(len(rows) == 1, f"{len(rows)} bookings titled {TITLE!r}")
    return rows[0][0]


def test():
    profile = H.make_demo_profile(os.path.join(tempfile.mkdtemp(prefix="hubdesk-profile-"), "p"),
                                  people=300)
    hub_id = cli(profile, "list", "hub").split("\t")[0]
    cli(profile, "put", "room", json.dumps({"hub_id": hub_id, "name": ROOM, "capacity": 4}))
    organizations = query(profile, "SELECT id, name FROM organization WHERE hub_id = ? AND deleted = 0 "
                          "ORDER BY name LIMIT 1", hub_id)
    H.check(organizations, "the demo hub has no organization")
    organization_id, organization = organizations[0]

    with H.Hubdesk(profile=profile, view="rooms") as app:
        app.wait_title("Rooms — Hubdesk")
        app.click(app.find("push button", "Day"))

        app.click(app.find("push button", "New Booking"))
        window = editor(app, "New Booking")
        app.type_text(app.find("text", "Title", root=window), TITLE)
        app.type_text(app.find("text", "Starts at", root=window), "10:00")
        app.type_text(app.find("text", "Ends at", root=window), "11:00")

        # No one yet; typing finds the organization, a click chooses it.
        H.check(app.first("label", "None", root=window) is not None, "the editor names no one yet")
        app.type_text(app.find("entry", "Search Organization", root=window), organization)
        app.click(H.wait_for(lambda: app.first("push button", organization, root=window),
                             what=f"{organization!r} among the organizations found"))
        H.wait_for(lambda: app.first("label", organization, root=window), what="the name chosen")
        save(app, window)
        H.check(booked_organization(profile) == organization_id,
                "the booking was not saved for the organization chosen")

        # Opened again, the booking names it; clearing it saves a booking for no one.
        block = H.wait_for(lambda: app.first("push button", predicate=lambda n: H.name_of(n).startswith(TITLE)),
                           what="the booking in the day timeline")
        app.click(block)
        window = editor(app, "Edit Booking")
        H.wait_for(lambda: app.first("label", organization, root=window), what="the organization named")
        clear = app.find("push button", "Clear Organization", root=window)
        app.click(clear)
        H.wait_for(lambda: app.first("label", organization, root=window) is None, what="the name gone")
        save(app, window)
        H.check(booked_organization(profile) is None, "clearing did not take the organization off")


H.run(test)
