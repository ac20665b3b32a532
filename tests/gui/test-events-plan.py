#!/usr/bin/python3
# test-events-plan.py — plan an event with an agenda, see and fix a speaker
# clash, register until full and see the waiting list, check in and count,
# find the event in the week view
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import subprocess
import tempfile

import hubdesk_gui as H

RETURN = 0xff0d


def cli(profile, *args):
    program = os.path.join(H.builddir(), "src", "cli", "hubdesk-cli")
    result = subprocess.run([program, "--profile", profile, *args], check=True,
                            capture_output=True, text=True, timeout=60)
    return result.stdout


def make_profile(folder):
    H.make_demo_profile(folder, people=200)
    hubs = json.loads(cli(folder, "list", "hub", "--json"))
    hub = hubs[0]["id"]
    for given, family in (("Grace", "Hopper"), ("Ada", "Lovelace"), ("Alan", "Turing")):
        cli(folder, "put", "person", json.dumps({"hub_id": hub, "given_name": given,
                                                 "family_name": family}))


def window(app, title):
    return H.wait_for(lambda: next((f for f in app.frames() if H.name_of(f) == title), None),
                      what=f"the window {title!r}")


def field(app, root, name):
    return app.find("text", name, root=root)


def button(app, root, name):
    return app.find("push button", name, root=root)


def save_session(app, title, start, end, speaker=None):
    editor = window(app, "New Session")
    app.type_text(field(app, editor, "Title"), title)
    app.type_text(field(app, editor, "Starts at"), start)
    app.type_text(field(app, editor, "Ends at"), end)
    if speaker:
        add_speaker(app, editor, speaker)
    app.click(button(app, editor, "Save"))
    H.wait_for(lambda: editor not in app.frames(), what="the session editor to close")


def add_speaker(app, editor, name):
    app.type_text(app.find("entry", "Find a speaker", root=editor), name.split()[-1])
    pick_person(app, editor, name)
    app.find("push button", f"Remove {name}", root=editor)


def pick_person(app, root, name):
    found = app.find("list", "People found", root=root)
    app.click(app.find("push button", root=found,
                       predicate=lambda n: H.name_of(n).startswith(name)))


def show_page(app, workspace, name):
    """Clicks the view switcher's tab: the wide and the narrow switcher
    both have one, and only the one on screen switches."""
    app.find("page tab", name, root=workspace)
    for tab in app.find_all("page tab", name, root=workspace):
        app.click(tab)


def label_starting(app, root, start):
    return H.wait_for(lambda: app.label_starting(start, root=root), what=f"a label {start!r}")


def register(app, workspace, name):
    search = app.find("entry", "Add a person from your contacts", root=workspace)
    app.type_text(search, name.split()[-1])
    pick_person(app, workspace, name)
    app.find("combo box", f"Status of {name}", root=workspace)


def test():
    folder = tempfile.mkdtemp(prefix="hubdesk-events-")
    profile = os.path.join(folder, "profile")
    make_profile(profile)

    with H.Hubdesk(profile=profile, view="events") as app:
        app.wait_title("Events — Hubdesk")

        # A new event with two places
        app.press(ord("n"), control=True)
        editor = window(app, "New Event")
        app.click(button(app, editor, "Save"))
        label_starting(app, editor, "“Title” is required")
        app.type_text(field(app, editor, "Title"), "KI-Praxistag")
        app.type_text(field(app, editor, "Places"), "zwei")
        app.click(button(app, editor, "Save"))
        label_starting(app, editor, "Places must be a whole number")
        app.type_text(field(app, editor, "Places"), "2")
        app.click(button(app, editor, "Save"))
        H.wait_for(lambda: editor not in app.frames(), what="the editor to close")

        # Find it and open its agenda
        app.press(ord("f"), control=True)
        app.type_text(app.find("entry", "Search events"), "Praxistag")
        events = app.find("list", "Events")
        item = H.wait_for(lambda: next((i for i in H.children(events)
                                        if "KI-Praxistag" in " ".join(H.text_of(n) for n in H.walk(i))),
                                       None), what="the new event in the list")
        app.click(item)
        app.click(app.find("push button", "Agenda"))
        workspace = window(app, "KI-Praxistag")

        # Two sessions with the same speaker at once: a warning
        app.click(button(app, workspace, "Add Session…"))
        save_session(app, "Keynote", "14:00", "15:00", "Grace Hopper")
        app.click(button(app, workspace, "Add Session…"))
        save_session(app, "Werkstatt", "14:30", "15:30", "Grace Hopper")
        label_starting(app, workspace, "Grace Hopper speaks in")

        # Fixed: the workshop after the keynote
        app.click(button(app, workspace, "Werkstatt"))
        session = window(app, "Edit Session")
        app.type_text(field(app, session, "Starts at"), "15:00")
        app.type_text(field(app, session, "Ends at"), "16:00")
        app.click(button(app, session, "Save"))
        label_starting(app, workspace, "No clashes")
        H.check(app.label_starting("Grace Hopper speaks in", root=workspace) is None,
                "the speaker clash is still shown after it was fixed")

        # Register until full: the third waits
        show_page(app, workspace, "Registrations")
        register(app, workspace, "Grace Hopper")
        register(app, workspace, "Ada Lovelace")
        label_starting(app, workspace, "2 of 2 places taken")
        register(app, workspace, "Alan Turing")
        label_starting(app, workspace, "2 of 2 places taken · 1 waiting")
        app.find("label", "Waiting List", root=workspace)

        # Check in: one by the search field and Enter, one by its button
        show_page(app, workspace, "Check-in")
        label_starting(app, workspace, "0 of 2 checked in")
        search = app.find("entry", "Search participants", root=workspace)
        app.type_text(search, "Grace")
        # focus the field with the pointer, as a person would, then Enter
        extents = search.queryComponent().getExtents(0)
        H.Atspi.generate_mouse_event(extents.x + extents.width // 2,
                                     extents.y + extents.height // 2, "b1c")
        app.press(RETURN)
        label_starting(app, workspace, "1 of 2 checked in")
        app.click(button(app, workspace, "Check in Ada Lovelace"))
        label_starting(app, workspace, "2 of 2 checked in")

        # The week view shows it a week ahead (the editor's default date)
        main = app.frame()
        app.click(button(app, main, "Week View"))
        week = window(app, "Week")
        app.click(button(app, week, "Next Week"))
        app.find("push button", "KI-Praxistag", root=week)


H.run(test)
