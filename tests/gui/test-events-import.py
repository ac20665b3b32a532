#!/usr/bin/python3
# test-events-import.py — import an iCalendar file into the Events view: the
# preview counts what is created and skipped and why, Import adds one draft
# per date of a weekly series, Undo takes them away again; a damaged file
# handed to the running application says why and imports nothing; Export
# Shown Events writes what the list shows; an event's participant list
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# File choosers are not driven over AT-SPI: the file is named on the
# command line (hubdesk --import-calendar FILE), which opens the same
# preview as Import iCalendar… after choosing the file.

import datetime
import json
import os
import subprocess
import tempfile
import time

import pyatspi

import hubdesk_gui as H

ESCAPE = 0xff1b
RETURN = 0xff0d
TITLE = "Gründerstammtisch"


def cli():
    return os.path.join(H.builddir(), "src", "cli", "hubdesk-cli")


def write_calendar(path):
    """A weekly series of three dates from next week on, and an item
    without a start time."""
    today = datetime.date.today()
    monday = today + datetime.timedelta(days=7 - today.weekday())
    first = monday.strftime("%Y%m%d")
    with open(path, "w", encoding="utf-8") as f:
        f.write("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//Test//EN\r\n"
                "BEGIN:VEVENT\r\nUID:stammtisch@example.org\r\n"
                f"SUMMARY:{TITLE}\r\n"
                f"DTSTART;TZID=Europe/Berlin:{first}T180000\r\n"
                f"DTEND;TZID=Europe/Berlin:{first}T200000\r\n"
                "RRULE:FREQ=WEEKLY;COUNT=3\r\nEND:VEVENT\r\n"
                "BEGIN:VEVENT\r\nUID:ohne@example.org\r\nSUMMARY:Ohne Zeit\r\nEND:VEVENT\r\n"
                "END:VCALENDAR\r\n")


def window_named(app, start):
    return H.wait_for(lambda: next((c for c in H.children(app.app)
                                    if H.name_of(c).startswith(start)), None),
                      what=f"the window {start!r}")


def save_as(app, title, path):
    """Fills GTK's save dialog (what the native chooser is under the test)."""
    dialog = window_named(app, title)
    app.type_text(app.find("text", "Name:", root=dialog), path)
    app.press(RETURN)
    H.wait_for(lambda: os.path.exists(path) and os.path.getsize(path) > 0, what=f"the file {path}")
    with open(path, encoding="utf-8", newline="") as f:
        return f.read().replace("\r\n ", "")


def open_menu_item(app, start):
    app.click(app.find("push button", "Import and Export"))
    app.click(app.find("menu item", predicate=lambda n: H.name_of(n).startswith(start)))


def enabled(node):
    state = H.states(node)
    return state is not None and state.contains(pyatspi.STATE_SENSITIVE)


def titles_shown(app):
    return len(app.find_all("label", predicate=lambda n: H.text_of(n) == TITLE))


def test():
    folder = tempfile.mkdtemp(prefix="hubdesk-import-")
    profile = os.path.join(folder, "p")
    calendar = os.path.join(folder, "stammtisch.ics")
    subprocess.run([cli(), "--profile", profile, "put", "hub", '{"name": "Digital Hub Test"}'],
                   check=True, stdout=subprocess.DEVNULL)
    write_calendar(calendar)
    hub = json.loads(subprocess.run([cli(), "--profile", profile, "list", "hub", "--json"], check=True,
                                    capture_output=True, text=True).stdout)[0]["id"]
    # published, so not among the drafts
    subprocess.run([cli(), "--profile", profile, "put", "event", json.dumps({
        "hub_id": hub, "title": "Netzwerkabend", "status": "published",
        "starts_at": "2030-01-10T17:00:00Z", "ends_at": "2030-01-10T19:00:00Z"})],
        check=True, stdout=subprocess.DEVNULL)

    with H.Hubdesk(profile=profile, view="events",
                   extra_args=["--import-calendar", calendar]) as app:
        app.wait_title("Events — Hubdesk")

        # The preview: counts, and the skipped item with its reason.
        dialog = window_named(app, "Import “stammtisch.ics”?")
        H.wait_for(lambda: app.first("label", root=dialog,
                                     predicate=lambda n: H.text_of(n).startswith(
                                         "3 to create, 0 to update, 1 to skip")),
                   what="the counts of the plan")
        H.wait_for(lambda: app.first(None, root=dialog,
                                     predicate=lambda n: "Skipped: Ohne Zeit" in H.name_of(n)
                                     or "Skipped: Ohne Zeit" in H.text_of(n)),
                   what="the skipped item in the preview")
        H.wait_for(lambda: app.first(None, root=dialog,
                                     predicate=lambda n: "It has no start time." in H.name_of(n)
                                     or "It has no start time." in H.text_of(n)),
                   what="why it is skipped")
        H.check(titles_shown(app) == 0, "events were imported before the preview was confirmed")
        buttons = [x for x in H.walk(dialog) if H.role_name(x) == "push button"]
        H.log("buttons of the preview:", [H.name_of(b) for b in buttons])
        app.click(next(b for b in buttons if H.name_of(b).split()[-1] == "Import"))

        H.wait_for(lambda: app.toast("3 events imported"), what="the import toast")
        app.click(app.find("push button", "Drafts"))
        H.wait_for(lambda: titles_shown(app) == 3, what="three drafts of the series in the list")

        # Undo takes them away again.
        undo = app.find("push button", predicate=lambda n: "Undo" in H.name_of(n))
        time.sleep(0.5)  # let the toast finish coming in
        app.click(undo)
        H.wait_for(lambda: app.toast("Import undone"), what="the toast after undoing")
        H.wait_for(lambda: titles_shown(app) == 0, what="the drafts gone from the list")
        H.check(app.first("label", predicate=lambda n: H.text_of(n) == "No Events") is not None,
                "the empty list does not say so")
        # an empty list has nothing to export
        app.click(app.find("push button", "Import and Export"))
        item = app.find("menu item", predicate=lambda n: H.name_of(n).startswith("Export Shown Events"))
        H.wait_for(lambda: not enabled(item), what="Export Shown Events to be off for an empty list")
        app.press(ESCAPE)

        # The same file again, handed to the running Hubdesk: after the undo
        # its dates are new again.
        subprocess.run(app.command(extra=["--import-calendar", calendar]), env=app.environment(),
                       check=True, timeout=30)
        dialog = window_named(app, "Import “stammtisch.ics”?")
        H.wait_for(lambda: app.first("label", root=dialog,
                                     predicate=lambda n: H.text_of(n).startswith(
                                         "3 to create, 0 to update, 1 to skip")),
                   what="the counts of the plan")
        app.click(next(b for b in H.walk(dialog)
                       if H.role_name(b) == "push button" and H.name_of(b).split()[-1] == "Import"))
        H.wait_for(lambda: titles_shown(app) == 3, what="the drafts back in the list")

        # Export Shown Events writes what the Drafts tab shows.
        open_menu_item(app, "Export Shown Events")
        text = save_as(app, "Export Shown Events", os.path.join(folder, "shown.ics"))
        H.check(text.startswith("BEGIN:VCALENDAR"), f"not iCalendar: {text[:60]!r}")
        H.check(text.count("BEGIN:VEVENT") == 3, f"{text.count('BEGIN:VEVENT')} events exported, not 3")
        H.check("Netzwerkabend" not in text, "an event the list does not show was exported")
        H.wait_for(lambda: app.toast("Saved 3 events as “shown.ics”"), what="the export toast")

        # The participant list of one of them (nobody registered yet).
        events = app.find("list", "Events")
        app.click(H.wait_for(lambda: next((i for i in H.children(events)
                                           if TITLE in " ".join(H.text_of(n) for n in H.walk(i))), None),
                             what="a draft in the list"))
        app.click(app.find("push button", "Export Participant List…", root=app.frame()))
        text = save_as(app, "Export Participant List", os.path.join(folder, "participants.csv"))
        H.check(text.startswith("Given name,Family name,Organization,Email,Status"),
                f"not the participant list: {text[:60]!r}")
        H.wait_for(lambda: app.toast("Saved 0 participants"), what="the participant list toast")

        # A damaged file, handed to the running Hubdesk: a clear message,
        # nothing imported.
        broken = os.path.join(folder, "kaputt.ics")
        with open(broken, "w", encoding="utf-8") as f:
            f.write("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x@example.org\r\n")
        subprocess.run(app.command(extra=["--import-calendar", broken]), env=app.environment(),
                       check=True, timeout=30)
        alert = window_named(app, "Nothing Was Imported")
        H.wait_for(lambda: app.first("label", root=alert,
                                     predicate=lambda n: H.text_of(n).startswith("“kaputt.ics” cannot be imported")
                                     and "BEGIN:VCALENDAR" in H.text_of(n)),
                   what="why the file cannot be imported")
        app.click(next(x for x in H.walk(alert)
                       if H.role_name(x) == "push button" and H.name_of(x).split()[-1] == "Close"))
        H.wait_for(lambda: not [c for c in H.children(app.app) if H.name_of(c) == "Nothing Was Imported"],
                   what="the message to close")
        H.check(titles_shown(app) == 3, "a damaged file changed the list")

        # The menu of the view also offers the import with a file chooser.
        app.click(app.find("push button", "Import and Export"))
        app.find("menu item", predicate=lambda n: H.name_of(n).startswith("Import iCalendar"))
        app.press(ESCAPE)


H.run(test)
