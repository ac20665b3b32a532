#!/usr/bin/python3
# test-sync.py — log in through Preferences → Account against a real
# hubdesk-server on loopback (token in a real gnome-keyring), see an edit
# made while the server is down wait in the header and go out when it is
# back, then resolve a conflict with a colleague's edit in the Conflicts
# view and find the chosen value on the server
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import time
import subprocess

import hubdesk_gui as H
import hubdesk_sync as S

F5 = 0xffc2


def window_named(app, name):
    return next((w for w in H.children(app.app)
                 if H.role_name(w) in ("frame", "dialog", "window") and H.name_of(w) == name),
                None)


def status(app):
    """The sync status under the view's title."""
    label = app.first("label", max_depth=14, predicate=lambda node: any(
        H.text_of(node).startswith(start) for start in
        ("Synced", "Syncing", "Offline", "Not logged in", "Not synced", "All changes",
         "The server", "1 conflict", "1 refused change", "change waiting",
         "changes waiting")))
    return H.text_of(label) if label is not None else ""


def wait_status(app, start, timeout=30):
    return H.wait_for(lambda: status(app).startswith(start) and status(app), timeout=timeout,
                      what=f"the header to say {start!r} (it says {status(app)!r})")


def cli_on_profile(profile, *args):
    """hubdesk-cli on the application's own profile (a second writer)."""
    result = subprocess.run([S.cli_program(), "--profile", profile, *args],
                            capture_output=True, text=True, env=S.plain_environment(),
                            timeout=60)
    H.check(result.returncode == 0, f"hubdesk-cli {args} failed: {result.stderr}")
    return result.stdout


def has_record(profile, entity, record_id):
    return subprocess.run([S.cli_program(), "--profile", profile, "get", entity, record_id],
                          capture_output=True, text=True, env=S.plain_environment(),
                          timeout=60).returncode == 0


def log_in(app, server):
    app.click(app.find("push button", "Main Menu"))
    entry = app.find(None, root=app.app,
                     predicate=lambda node: H.name_of(node).replace("_", "") == "Preferences"
                     and H.role_name(node) in ("menu item", "push button"))
    app.click(entry)
    preferences = H.wait_for(lambda: window_named(app, "Preferences"),
                             what="the Preferences window")
    account = app.find(None, "Account", root=preferences,
                       predicate=lambda node: H.role_name(node) in
                       ("toggle button", "radio button", "push button", "page tab"))
    app.click(account)

    def entry_named(title):
        return app.find("text", title, root=preferences)

    app.type_text(entry_named("Server address"), server.url)
    app.type_text(entry_named("User name"), "alice")
    password = app.find(None, "Password", root=preferences,
                        predicate=lambda node: H.role_name(node) in ("password text", "text"))
    app.type_text(password, S.PASSWORD)
    login = app.find("push button", "Log In", root=preferences,
                     predicate=lambda node: H.states(node).contains(H.pyatspi.STATE_SENSITIVE))
    app.click(login)

    # The account shows instead of the form once the login is kept.
    H.wait_for(lambda: app.first("push button", "Log Out", root=preferences) or
               app.first("push button", "Sync Now", root=preferences), timeout=30,
               what="the account after logging in")
    error = app.first("label", root=preferences,
                      predicate=lambda node: H.text_of(node).startswith("The login cannot"))
    H.check(error is None, f"the login was not kept: {H.text_of(error) if error else ''}")
    action = preferences.queryAction()
    names = [action.getName(i) for i in range(action.nActions)]
    if "window.close" in names:
        action.doAction(names.index("window.close"))
    else:
        app.press(0xff1b)
    H.wait_for(lambda: window_named(app, "Preferences") is None, what="Preferences to close")


def test():
    with S.Keyring(), S.SyncServer() as server:
        bob = S.Cli(server, "bob")
        event_id = bob.run("put", "event", json.dumps({
            "hub_id": server.hub_id, "title": "Hub Breakfast", "location": "Foyer",
            "starts_at": "2026-12-03T08:00:00Z", "ends_at": "2026-12-03T09:30:00Z",
            "status": "published", "format": "networking"})).strip()
        bob.run("sync")

        with H.Hubdesk(view="events") as app:
            app.wait_title("Events — Hubdesk")
            wait_status(app, "All changes saved locally")

            log_in(app, server)
            wait_status(app, "Synced")
            H.check(cli_on_profile(app.profile, "get", "event", event_id),
                    "the event did not arrive in the application's profile")

            # The server is down: edits wait, and the header says so. One
            # is made in the event editor (Ctrl+N), one by a script on the
            # same profile.
            server.stop()
            app.press(ord("n"), control=True)
            editor = H.wait_for(lambda: next((f for f in app.frames()
                                              if H.name_of(f) == "New Event"), None),
                                what="the event editor")
            app.type_text(app.find("text", "Title", root=editor), "Offline Planning Round")
            app.click(app.find("push button", "Save", root=editor))
            H.wait_for(lambda: editor not in app.frames(), what="the event editor to close")
            cli_on_profile(app.profile, "put", "event",
                           json.dumps({"id": event_id, "title": "Hub Breakfast with Coffee"}))
            app.press(F5)
            text = wait_status(app, "Offline — 2 changes waiting")
            H.log(f"header while the server is down: {text!r}")

            # Back: Retry (F5) sends them.
            server.start()
            app.press(F5)
            wait_status(app, "Synced", timeout=40)
            bob.run("sync")
            H.check(bob.get("event", event_id)["title"] == "Hub Breakfast with Coffee",
                    "the edit made offline did not reach the server")
            titles = json.loads(bob.run("list", "event", "--json"))
            H.check(any(e["fields"].get("title") == "Offline Planning Round" for e in titles),
                    f"the event made offline in the editor did not reach the server: {titles!r}")

            # A conflict: both change the location from "Foyer".
            cli_on_profile(app.profile, "put", "event",
                           json.dumps({"id": event_id, "location": "Seminar Room"}))
            bob.run("put", "event", json.dumps({"id": event_id, "location": "Roof Terrace"}))
            bob.run("sync")
            app.press(F5)
            wait_status(app, "1 conflict", timeout=40)
            badge = app.sidebar_row("Conflicts")
            H.check(app.first("label", "1", root=badge) is not None,
                    "the sidebar shows no count of 1 next to Conflicts")

            app.click(badge)
            app.wait_title("Conflicts — Hubdesk")
            group = app.find("list", "Conflicts")
            row = app.find("list item", "Hub Breakfast with Coffee", root=group)
            app.click(app.find("push button", root=row,
                               predicate=lambda node: H.name_of(node).startswith("Resolve")))
            app.find("label", "Roof Terrace")
            app.find("label", "Seminar Room")
            own = app.find("text", "A value of your own")
            app.type_text(own, "Atrium")
            choice = app.find("check box", "Location: a value of your own")
            H.check(H.states(choice).contains(H.pyatspi.STATE_CHECKED),
                    "typing a value did not choose it")
            app.click(app.find("push button", "Apply Choices"))

            app.find("label", "No Conflicts", timeout=30)
            wait_status(app, "Synced", timeout=40)

            # A refused change: both book the only seat of a room at once;
            # the server takes the colleague's, refuses ours.
            room_id = bob.run("put", "room", json.dumps({
                "hub_id": server.hub_id, "name": "Focus Booth", "kind": "meeting_room",
                "capacity": 1})).strip()
            bob.run("sync")
            H.wait_for(lambda: has_record(app.profile, "room", room_id),
                       timeout=30, what="the room to reach the application")
            times = {"starts_at": "2026-12-04T09:00:00Z", "ends_at": "2026-12-04T11:00:00Z"}
            booking_id = cli_on_profile(app.profile, "put", "booking", json.dumps({
                "hub_id": server.hub_id, "room_id": room_id, "title": "Pitch Rehearsal",
                "status": "confirmed", **times})).strip()
            bob.run("put", "booking", json.dumps({
                "hub_id": server.hub_id, "room_id": room_id, "title": "Investor Call",
                "status": "confirmed", **times}))
            bob.run("sync")
            app.press(F5)
            wait_status(app, "1 refused change", timeout=40)

            refused = app.find("list", "Refused Changes")
            row = app.find("list item", "Pitch Rehearsal", root=refused)
            reason = H.text_of(app.find("label", root=row, predicate=lambda node: H.text_of(
                node).startswith("The room is already booked")))
            H.check("Investor Call" in reason,
                    f"the refusal does not name the booking it clashes with: {reason!r}")
            # The way out: move it (the booking editor) and send it again.
            app.click(app.find("push button", "Edit…", root=row))
            window = H.wait_for(lambda: next((f for f in H.children(app.app)
                                              if H.name_of(f) == "Edit Booking"), None),
                                what="the booking editor")
            time.sleep(1.2)   # let the editor settle before typing (AT-SPI and GTK 4.8)
            app.type_text(app.find("text", "Ends at", root=window), "14:00")
            app.type_text(app.find("text", "Starts at", root=window), "12:00")
            save = app.find("push button", root=window,
                            predicate=lambda node: H.name_of(node).endswith("Save"))
            H.wait_for(lambda: H.states(save).contains(H.pyatspi.STATE_SENSITIVE),
                       what="Save once the booking is moved to a free time")
            app.click(save)
            app.find("label", "No Conflicts", timeout=40)
            wait_status(app, "Synced", timeout=40)
            bob.run("sync")
            moved = bob.get("booking", booking_id)
            H.check(moved["starts_at"] == "2026-12-04T11:00:00Z",
                    f"the server has the fixed booking at {moved.get('starts_at')!r}, not 12:00 Berlin time")

        bob.run("sync")
        location = bob.get("event", event_id)["location"]
        H.check(location == "Atrium", f"the server has {location!r}, not the chosen 'Atrium'")
        bob.close()


H.run(test)
