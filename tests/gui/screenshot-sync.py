#!/usr/bin/python3
# screenshot-sync.py — PNGs of the sync states for review: the header
# while synced, offline with changes waiting and with a conflict, the
# Account page before and after logging in, and the Conflicts view
#   xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
#     env HUBDESK_BUILDDIR=_build /usr/bin/python3 tests/gui/screenshot-sync.py \
#     --out shots [--language de] [--size 360x720]
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import gettext
import hashlib
import json
import os
import subprocess
import time

import hubdesk_gui as H
import hubdesk_sync as S

F5 = 0xffc2


def capture(path, width, height):
    time.sleep(0.8)
    subprocess.run(["import", "-window", "root", "-crop", f"{width}x{height}+0+0", path],
                   check=True, timeout=30)
    H.log("saved", path)


def activate_app_action(app, name):
    """Runs app.NAME over D-Bus, as the desktop would."""
    canonical = os.path.realpath(app.profile)
    digest = hashlib.sha256(canonical.encode()).hexdigest()[:16]
    app_id = "org.hubdesk.Hubdesk.Profile_" + digest
    path = "/" + app_id.replace(".", "/")
    bus = H.Gio.bus_get_sync(H.Gio.BusType.SESSION, None)
    bus.call_sync(app_id, path, "org.gtk.Actions", "Activate",
                  H.GLib.Variant("(sava{sv})", (name, [], {})), None,
                  H.Gio.DBusCallFlags.NONE, 5000, None)


def cli_on_profile(profile, *args):
    return subprocess.run([S.cli_program(), "--profile", profile, *args], check=True,
                          capture_output=True, text=True, env=S.plain_environment()).stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--language", default="en", choices=["en", "de"])
    parser.add_argument("--size", default="1280x800")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    os.makedirs(args.out, exist_ok=True)
    tr = gettext.translation("hubdesk", os.path.join(H.builddir(), "po"),
                             languages=[args.language], fallback=True)
    _ = tr.gettext
    prefix = os.path.join(args.out, f"sync-{args.language}-{width}")

    with S.Keyring(), S.SyncServer() as server:
        bob = S.Cli(server, "bob")
        event_id = bob.run("put", "event", json.dumps({
            "hub_id": server.hub_id, "title": "Hub-Frühstück", "location": "Foyer",
            "starts_at": "2026-12-03T08:00:00Z", "ends_at": "2026-12-03T09:30:00Z",
            "status": "published", "format": "networking"})).strip()
        bob.run("sync")

        with H.Hubdesk(view="events", language=args.language) as app:
            app.resize(width, height)
            activate_app_action(app, "account")
            preferences = H.wait_for(lambda: next(
                (w for w in H.children(app.app) if H.name_of(w) == _("Preferences")), None))
            app.type_text(app.find("text", _("Server address"), root=preferences), server.url)
            app.type_text(app.find("text", _("User name"), root=preferences), "alice")
            app.resize(min(width, 600), min(height, 700))
            capture(prefix + "-account-form.png", width, height)
            password = app.find(None, _("Password"), root=preferences,
                                predicate=lambda n: H.role_name(n) in ("password text", "text"))
            app.type_text(password, S.PASSWORD)
            app.click(app.find("push button", _("Log In"), root=preferences))
            H.wait_for(lambda: app.first("push button", _("Log Out"), root=preferences),
                       timeout=30)
            time.sleep(2)
            capture(prefix + "-account.png", width, height)
            action = preferences.queryAction()
            names = [action.getName(i) for i in range(action.nActions)]
            action.doAction(names.index("window.close"))
            time.sleep(1)
            app.resize(width, height)
            capture(prefix + "-synced.png", width, height)

            server.stop()
            cli_on_profile(app.profile, "put", "event",
                           json.dumps({"id": event_id, "title": "Hub-Frühstück mit Kaffee"}))
            app.press(F5)
            time.sleep(3)
            capture(prefix + "-offline.png", width, height)
            server.start()
            app.press(F5)
            time.sleep(3)

            cli_on_profile(app.profile, "put", "event",
                           json.dumps({"id": event_id, "location": "Seminarraum"}))
            bob.run("sync")
            bob.run("put", "event", json.dumps({"id": event_id, "location": "Dachterrasse"}))
            bob.run("sync")
            app.press(F5)
            time.sleep(4)
            capture(prefix + "-conflict-header.png", width, height)
            app.press(ord("6"), control=True)
            time.sleep(1)
            capture(prefix + "-conflicts.png", width, height)
            button = app.find("push button",
                              predicate=lambda n: H.name_of(n).startswith(_("Resolve…")))
            app.click(button)
            time.sleep(1.5)
            capture(prefix + "-conflict-detail.png", width, height)
            app.click(app.find("push button", _("Keep All Mine")))
            time.sleep(2)

            room_id = bob.run("put", "room", json.dumps({
                "hub_id": server.hub_id, "name": "Fokusraum", "kind": "meeting_room",
                "capacity": 1})).strip()
            bob.run("sync")
            time.sleep(3)
            times = {"starts_at": "2026-12-04T09:00:00Z", "ends_at": "2026-12-04T11:00:00Z"}
            cli_on_profile(app.profile, "put", "booking", json.dumps({
                "hub_id": server.hub_id, "room_id": room_id, "title": "Pitch-Probe",
                "status": "confirmed", **times}))
            bob.run("put", "booking", json.dumps({
                "hub_id": server.hub_id, "room_id": room_id, "title": "Investorengespräch",
                "status": "confirmed", **times}))
            bob.run("sync")
            app.press(F5)
            time.sleep(4)
            capture(prefix + "-refused.png", width, height)
        bob.close()


H.run(main)
