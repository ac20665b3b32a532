#!/usr/bin/python3
# screenshot-agenda.py — saves PNGs of an event's agenda grid, wide and
# narrow, for review
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Needs a display and a session bus:
#   xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
#     /usr/bin/python3 tests/gui/screenshot-agenda.py --out DIR [--language de]

import argparse
import json
import os
import subprocess
import tempfile
import time

import hubdesk_gui as H

WORDS = {
    "en": {"title": "Events — Hubdesk", "search": "Search events", "list": "Events", "agenda": "Agenda"},
    "de": {"title": "Veranstaltungen — Hubdesk", "search": "Veranstaltungen durchsuchen",
           "list": "Veranstaltungen", "agenda": "Programm"},
}


def cli(profile, *args):
    program = os.path.join(H.builddir(), "src", "cli", "hubdesk-cli")
    return subprocess.run([program, "--profile", profile, *args], check=True,
                          capture_output=True, text=True, timeout=60).stdout.strip()


def put(profile, entity, **fields):
    return cli(profile, "put", entity, json.dumps(fields))


def make_profile(folder):
    hub = put(folder, "hub", name="Digital Hub Testregion")
    saal = put(folder, "room", hub_id=hub, name="Saal", capacity=80)
    labor = put(folder, "room", hub_id=hub, name="Labor", capacity=20)
    werkstatt = put(folder, "room", hub_id=hub, name="Werkstatt", capacity=12)
    grace = put(folder, "person", hub_id=hub, given_name="Grace", family_name="Hopper")
    ada = put(folder, "person", hub_id=hub, given_name="Ada", family_name="Lovelace")
    event = put(folder, "event", hub_id=hub, title="KI-Praxistage", room_id=saal,
                starts_at="2026-12-03T08:00:00Z", ends_at="2026-12-04T16:00:00Z")
    sessions = [
        ("Begrüßung", saal, "2026-12-03T08:00:00Z", "2026-12-03T08:30:00Z", [ada], None, "talk"),
        ("KI im Mittelstand", saal, "2026-12-03T08:30:00Z", "2026-12-03T09:30:00Z", [grace], "KI", "talk"),
        ("Prompting für Einsteiger", labor, "2026-12-03T08:45:00Z", "2026-12-03T10:15:00Z", [ada], "KI", "workshop"),
        ("Kaffeepause", saal, "2026-12-03T09:30:00Z", "2026-12-03T10:00:00Z", [], None, "break"),
        ("Förderprogramme", saal, "2026-12-03T10:00:00Z", "2026-12-03T11:00:00Z", [grace], "Förderung", "panel"),
        ("Lötkurs", werkstatt, "2026-12-03T09:00:00Z", "2026-12-03T11:00:00Z", [ada], "Maker", "workshop"),
        ("Mittagessen", saal, "2026-12-03T11:00:00Z", "2026-12-03T12:00:00Z", [], None, "break"),
        ("Datenschutz", labor, "2026-12-03T12:00:00Z", "2026-12-03T13:00:00Z", [ada], None, "talk"),
        ("Pitch-Training", labor, "2026-12-04T08:00:00Z", "2026-12-04T10:00:00Z", [grace], None, "workshop"),
    ]
    for title, room, starts, ends, speakers, track, kind in sessions:
        fields = dict(hub_id=hub, event_id=event, title=title, room_id=room, starts_at=starts,
                      ends_at=ends, kind=kind)
        if speakers:
            fields["speaker_ids"] = speakers
        if track:
            fields["track"] = track
        put(folder, "session", **fields)


def make_night_profile(folder):
    """A night on 31 October 2027, when the clocks go back at 03:00."""
    hub = put(folder, "hub", name="Digital Hub Testregion")
    saal = put(folder, "room", hub_id=hub, name="Saal", capacity=80)
    event = put(folder, "event", hub_id=hub, title="KI-Praxistage", room_id=saal,
                starts_at="2027-10-30T20:00:00Z", ends_at="2027-10-31T06:00:00Z")
    # 23:00 to 02:00 CEST, and 02:30 to 03:30 CET
    put(folder, "session", hub_id=hub, event_id=event, title="Hackathon: Auftakt", room_id=saal,
        starts_at="2027-10-30T21:00:00Z", ends_at="2027-10-31T00:00:00Z")
    put(folder, "session", hub_id=hub, event_id=event, title="Nachtschicht", room_id=saal,
        starts_at="2027-10-31T01:30:00Z", ends_at="2027-10-31T02:30:00Z")


def capture(path, width, height):
    subprocess.run(["import", "-window", "root", "-crop", f"{width}x{height}+0+0", path], check=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--language", default="en", choices=["en", "de"])
    parser.add_argument("--night", action="store_true",
                        help="the night the clocks go back, on its second day")
    args = parser.parse_args()
    words = WORDS[args.language]
    os.makedirs(args.out, exist_ok=True)
    profile = os.path.join(tempfile.mkdtemp(prefix="hubdesk-agenda-shots-"), "profile")
    (make_night_profile if args.night else make_profile)(profile)

    with H.Hubdesk(profile=profile, view="events", language=args.language) as app:
        app.wait_title(words["title"])
        app.press(ord("f"), control=True)
        app.type_text(app.find("entry", words["search"]), "Praxistage")
        events = app.find("list", words["list"])
        item = H.wait_for(lambda: next((i for i in H.children(events)
                                        if "KI-Praxistage" in " ".join(H.text_of(n) for n in H.walk(i))),
                                       None), what="the event")
        app.click(item)
        app.click(app.find("push button", words["agenda"]))
        H.wait_for(lambda: next((f for f in app.frames() if H.name_of(f) == "KI-Praxistage"), None),
                   what="the agenda window")
        if args.night:
            workspace = next(f for f in app.frames() if H.name_of(f) == "KI-Praxistage")
            days = app.find("combo box", None, root=workspace,
                            predicate=lambda n: H.name_of(n) in ("Day shown", "Angezeigter Tag"))
            app.click(days)
            time.sleep(0.5)
            app.press(0xff54)     # Down
            app.press(0xff0d)     # Return
            time.sleep(0.5)
        for width, height in ((1280, 800), (360, 720)):
            app.resize(width, height)
            time.sleep(1.5)
            kind = "night-" if args.night else ""
            capture(os.path.join(args.out, f"agenda-{kind}{args.language}-{width}.png"), width, height)


H.run(main)
