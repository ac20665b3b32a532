#!/usr/bin/python3
# test-events-agenda-grid.py — the agenda as a time grid: find a session
# block by name, move it with the keyboard (Alt+Down, Alt+Up) and see its
# new time in the block and in the store, and a speaker clash go and come
# back; resize it and move it to another room with the pointer and the
# keyboard; ask for new sessions by dragging on empty space and by Enter
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import datetime
import json
import os
import subprocess
import tempfile
import time

import hubdesk_gui as H

TAB = 0xff09
UP = 0xff52
DOWN = 0xff54
RIGHT = 0xff53
RETURN = 0xff0d
ALT = 8          # Mod1


def cli(profile, *args):
    program = os.path.join(H.builddir(), "src", "cli", "hubdesk-cli")
    result = subprocess.run([program, "--profile", profile, *args], check=True,
                            capture_output=True, text=True, timeout=60)
    return result.stdout.strip()


def put(profile, entity, **fields):
    return cli(profile, "put", entity, json.dumps(fields))


def make_profile(folder):
    hub = put(folder, "hub", name="Digital Hub Testregion")
    saal = put(folder, "room", hub_id=hub, name="Saal", capacity=80)
    labor = put(folder, "room", hub_id=hub, name="Labor", capacity=20)
    put(folder, "room", hub_id=hub, name="Terrasse", capacity=40)
    grace = put(folder, "person", hub_id=hub, given_name="Grace", family_name="Hopper")
    # 3 December 2026, 09:00–18:00 in Berlin
    event = put(folder, "event", hub_id=hub, title="Agenda-Probe", room_id=saal,
                starts_at="2026-12-03T08:00:00Z", ends_at="2026-12-03T17:00:00Z")
    put(folder, "session", hub_id=hub, event_id=event, title="Kaffeepause", kind="break",
        room_id=saal, starts_at="2026-12-03T10:00:00Z", ends_at="2026-12-03T10:30:00Z")
    put(folder, "session", hub_id=hub, event_id=event, title="Keynote", room_id=saal,
        track="KI", speaker_ids=[grace],
        starts_at="2026-12-03T13:00:00Z", ends_at="2026-12-03T14:00:00Z")
    # 14:45–15:45: Grace is still in the keynote until 15:00
    werkstatt = put(folder, "session", hub_id=hub, event_id=event, title="Werkstatt",
                    room_id=labor, speaker_ids=[grace],
                    starts_at="2026-12-03T13:45:00Z", ends_at="2026-12-03T14:45:00Z")
    return werkstatt


def window(app, title):
    return H.wait_for(lambda: next((f for f in app.frames() if H.name_of(f) == title), None),
                      what=f"the window {title!r}")


def description(accessible):
    try:
        return accessible.description or ""
    except Exception:
        return ""


def block(app, workspace, title):
    return app.find("push button", title, root=workspace)


def press_alt(app, keysym, shift=False):
    app.point_at_window()
    mask = ALT | (1 if shift else 0)
    H.Atspi.generate_keyboard_event(mask, None, H.Atspi.KeySynthType.LOCKMODIFIERS)
    try:
        H.Atspi.generate_keyboard_event(keysym, None, H.Atspi.KeySynthType.SYM)
    finally:
        H.Atspi.generate_keyboard_event(mask, None, H.Atspi.KeySynthType.UNLOCKMODIFIERS)
    time.sleep(0.05)


def save_new_session(app, title):
    editor = window(app, "New Session")
    app.type_text(app.find("text", "Title", root=editor), title)
    app.click(app.find("push button", "Save", root=editor))
    H.wait_for(lambda: editor not in app.frames(), what="the editor to close")


def new_session(profile, title):
    made = [r for r in json.loads(cli(profile, "list", "session", "--json"))
            if r["fields"].get("title") == title]
    H.check(len(made) == 1, f"{len(made)} sessions named {title!r}")
    return made[0]


def duration(record):
    fields = record["fields"]
    starts = datetime.datetime.fromisoformat(fields["starts_at"].replace("Z", "+00:00"))
    ends = datetime.datetime.fromisoformat(fields["ends_at"].replace("Z", "+00:00"))
    return int((ends - starts).total_seconds() // 60)


def focused(accessible):
    return H.states(accessible).contains(H.Atspi.StateType.FOCUSED)


def session_field(profile, session_id, name):
    return json.loads(cli(profile, "get", "session", session_id))["fields"].get(name)


def session_starts(profile, session_id):
    return session_field(profile, session_id, "starts_at")


def cli_rooms(profile):
    return {r["fields"]["name"]: r["id"] for r in json.loads(cli(profile, "list", "room", "--json"))}


def drag(x, y, dx, dy):
    """Presses the first button at (x, y), moves by (dx, dy) in steps and releases."""
    H.Atspi.generate_mouse_event(x, y, "abs")
    time.sleep(0.1)
    H.Atspi.generate_mouse_event(x, y, "b1p")
    time.sleep(0.1)
    for i in range(1, 6):
        H.Atspi.generate_mouse_event(x + dx * i // 5, y + dy * i // 5, "abs")
        time.sleep(0.05)
    H.Atspi.generate_mouse_event(x + dx, y + dy, "b1r")
    time.sleep(0.2)


def test():
    folder = tempfile.mkdtemp(prefix="hubdesk-agenda-grid-")
    profile = os.path.join(folder, "profile")
    werkstatt_id = make_profile(profile)

    with H.Hubdesk(profile=profile, view="events") as app:
        app.wait_title("Events — Hubdesk")
        app.press(ord("f"), control=True)
        app.type_text(app.find("entry", "Search events"), "Agenda-Probe")
        events = app.find("list", "Events")
        item = H.wait_for(lambda: next((i for i in H.children(events)
                                        if "Agenda-Probe" in " ".join(H.text_of(n) for n in H.walk(i))),
                                       None), what="the event in the list")
        app.click(item)
        app.click(app.find("push button", "Agenda"))
        workspace = window(app, "Agenda-Probe")

        # the blocks: names, times, rooms; the clash marked on both
        werkstatt = block(app, workspace, "Werkstatt")
        H.wait_for(lambda: "14:45–15:45" in description(werkstatt), what="the workshop's time")
        H.check("Labor" in description(werkstatt), f"no room in {description(werkstatt)!r}")
        H.check("Warning" in description(werkstatt), f"no warning in {description(werkstatt)!r}")
        keynote = block(app, workspace, "Keynote")
        H.check("14:00–15:00, Saal" in description(keynote), f"keynote reads {description(keynote)!r}")
        H.check("Warning" in description(keynote), "the keynote does not show the clash")
        pause = block(app, workspace, "Kaffeepause")
        H.check("11:00–11:30" in description(pause), f"the break reads {description(pause)!r}")
        H.wait_for(lambda: app.label_starting("Grace Hopper speaks in", root=workspace),
                   what="the speaker clash warning")
        app.find("combo box", "Time step", root=workspace)

        # focus the grid with the pointer, then Tab to the workshop
        grid = app.find(None, "Sessions by room and time", root=workspace)
        extents = grid.queryComponent().getExtents(0)
        H.Atspi.generate_mouse_event(extents.x + 90, extents.y + extents.height - 8, "b1c")
        time.sleep(0.3)
        for _ in range(8):
            werkstatt = block(app, workspace, "Werkstatt")
            if focused(werkstatt):
                break
            app.press(TAB)
            time.sleep(0.2)
        H.check(focused(block(app, workspace, "Werkstatt")), "Tab did not reach the workshop")

        # Alt+Down: a quarter of an hour later, after the keynote — no clash
        press_alt(app, DOWN)
        H.wait_for(lambda: session_starts(profile, werkstatt_id) == "2026-12-03T14:00:00Z",
                   what="the workshop saved at 15:00")
        H.wait_for(lambda: "15:00–16:00" in description(block(app, workspace, "Werkstatt")),
                   what="the block showing 15:00–16:00")
        H.wait_for(lambda: app.label_starting("No clashes", root=workspace), what="no clashes")
        H.check(app.label_starting("Grace Hopper speaks in", root=workspace) is None,
                "the speaker clash is still shown after the move")
        H.check("Warning" not in description(block(app, workspace, "Werkstatt")),
                "the block still shows a warning")
        H.check(focused(block(app, workspace, "Werkstatt")), "the moved block lost focus")

        # Alt+Up: back, and the clash is back
        press_alt(app, UP)
        H.wait_for(lambda: session_starts(profile, werkstatt_id) == "2026-12-03T13:45:00Z",
                   what="the workshop saved at 14:45 again")
        H.wait_for(lambda: app.label_starting("Grace Hopper speaks in", root=workspace),
                   what="the speaker clash warning again")
        H.wait_for(lambda: "14:45–15:45" in description(block(app, workspace, "Werkstatt")),
                   what="the block showing 14:45–15:45")
        H.check(session_field(profile, werkstatt_id, "ends_at") == "2026-12-03T14:45:00Z",
                "the workshop's length changed when it was moved")

        # with the pointer: its bottom edge half an hour (42 px) down
        # (GTK 4.8 reports extents a few pixels short of the bottom)
        extents = block(app, workspace, "Werkstatt").queryComponent().getExtents(0)
        drag(extents.x + extents.width // 2, extents.y + extents.height - 1, 0, 42)
        H.wait_for(lambda: session_field(profile, werkstatt_id, "ends_at") == "2026-12-03T15:15:00Z",
                   what="the workshop resized to end at 16:15")
        H.check(session_field(profile, werkstatt_id, "starts_at") == "2026-12-03T13:45:00Z",
                "resizing moved the workshop's start")

        # and the whole block into the next column to the left (the Saal),
        # an hour (84 px) later: after the keynote, so no clash
        H.wait_for(lambda: "14:45–16:15" in description(block(app, workspace, "Werkstatt")),
                   what="the block showing 14:45–16:15")
        extents = block(app, workspace, "Werkstatt").queryComponent().getExtents(0)
        saal = cli_rooms(profile)["Saal"]
        drag(extents.x + extents.width // 2, extents.y + 20, -extents.width, 84)
        H.wait_for(lambda: session_field(profile, werkstatt_id, "starts_at") == "2026-12-03T14:45:00Z",
                   what="the workshop dragged to 15:45")
        H.check(session_field(profile, werkstatt_id, "ends_at") == "2026-12-03T16:15:00Z",
                "dragging changed the workshop's length")
        H.check(session_field(profile, werkstatt_id, "room_id") == saal, "the workshop is not in the Saal")
        H.wait_for(lambda: app.label_starting("No clashes", root=workspace), what="no clashes after the drag")

        # the dragged block keeps focus: Shift+Alt+Down makes it a step
        # longer, Alt+Right takes it to the next room (the Labor)
        H.wait_for(lambda: focused(block(app, workspace, "Werkstatt")), what="focus on the dragged block")
        press_alt(app, DOWN, shift=True)
        H.wait_for(lambda: session_field(profile, werkstatt_id, "ends_at") == "2026-12-03T16:30:00Z",
                   what="the workshop a step longer")
        H.check(session_field(profile, werkstatt_id, "starts_at") == "2026-12-03T14:45:00Z",
                "Shift+Alt+Down moved the workshop's start")
        # the Labor has no session now, so no column: All Rooms shows it
        H.check(app.first("label", "Labor", root=workspace) is None, "an unused room has a column")
        # (GTK 4.8 gives a toggle button the role of a push button)
        app.click(app.find("push button", "All Rooms", root=workspace))
        app.find("label", "Labor", root=workspace)
        H.wait_for(lambda: focused(block(app, workspace, "Werkstatt")), what="focus back on the block")
        press_alt(app, RIGHT)
        H.wait_for(lambda: session_field(profile, werkstatt_id, "room_id") == cli_rooms(profile)["Labor"],
                   what="the workshop in the Labor")
        H.check(session_field(profile, werkstatt_id, "starts_at") == "2026-12-03T14:45:00Z",
                "changing the room changed the time")

        # a drag on empty space asks for a new session of that length
        # there: on the Terrasse, which no session uses
        terrace = app.find("label", "Terrasse", root=workspace).queryComponent().getExtents(0)
        grid = app.find(None, "Sessions by room and time", root=workspace)
        extents = grid.queryComponent().getExtents(0)
        x, y = terrace.x + terrace.width // 2, extents.y + extents.height - 12
        drag(x, y, 0, -42)
        save_new_session(app, "Stehcafé")
        made = new_session(profile, "Stehcafé")
        H.check(made["fields"].get("room_id") == cli_rooms(profile)["Terrasse"], f"not on the Terrasse: {made}")
        H.check(duration(made) == 30, f"a half-hour drag made {duration(made)} minutes")

        # the keyboard: a cell of the grid, Enter, a new session of an hour
        H.Atspi.generate_mouse_event(x, y - 100, "b1c")
        time.sleep(0.3)
        app.press(RETURN)
        save_new_session(app, "Fragerunde")
        made = new_session(profile, "Fragerunde")
        H.check(made["fields"].get("room_id") == cli_rooms(profile)["Terrasse"], f"not on the Terrasse: {made}")
        H.check(duration(made) == 60, f"Enter made {duration(made)} minutes")
        H.check(made["fields"]["starts_at"][14:16] in ("00", "15", "30", "45"),
                f"the new session starts off the step: {made['fields']['starts_at']}")
        block(app, workspace, "Fragerunde")


H.run(test)
