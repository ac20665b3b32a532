#!/usr/bin/python3
# test-contacts.py — an organization and a person in it made in the editor, found by
# "mueller" for "Müller", edited, archived and brought back with Undo; a consultation
# logged from the person's page shows on the timeline and its follow-up on Today
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import datetime
import os
import subprocess
import tempfile
import time

import hubdesk_gui as H

RETURN = 0xff0d


def cli():
    return os.path.join(H.builddir(), "src", "cli", "hubdesk-cli")


def editor(app, title):
    return H.wait_for(lambda: next((f for f in app.frames() if H.name_of(f) == title), None),
                      what=f"the window {title!r}")


def fill(app, window, label, text):
    app.type_text(app.find("text", label, root=window), text)


def save(app, window, title):
    app.click(app.find("push button", "Save", root=window))
    H.wait_for(lambda: all(H.name_of(f) != title for f in app.frames()),
               what=f"the window {title!r} to close")


def detail_has(app, text):
    """Whether the details are headed @text."""
    return app.first("heading", predicate=lambda node: H.text_of(node) == text) is not None


def test():
    profile = os.path.join(tempfile.mkdtemp(prefix="hubdesk-profile-"), "p")
    subprocess.run([cli(), "--profile", profile, "put", "hub", '{"name": "Digital Hub Test"}'],
                   check=True, stdout=subprocess.DEVNULL)
    today = datetime.date.today().isoformat()

    with H.Hubdesk(profile=profile, view="contacts") as app:
        app.wait_title("Contacts — Hubdesk")

        # An organization.
        app.click(app.find("push button", "Organizations"))
        app.click(app.find("push button", "New Contact"))
        window = editor(app, "New Organization")
        # The model's validation speaks before anything is saved.
        H.wait_for(lambda: app.first("label", root=window,
                                     predicate=lambda n: "Name" in H.text_of(n) and
                                     H.text_of(n) != "Name"), what="the message that a name is needed")
        fill(app, window, "Name", "Müller Maschinenbau GmbH")
        fill(app, window, "City", "Villingen-Schwenningen")
        fill(app, window, "Website", "not a website")
        H.wait_for(lambda: app.first("label", root=window,
                                     predicate=lambda n: "Website" in H.text_of(n) and
                                     H.text_of(n) != "Website"), what="the message about the website")
        fill(app, window, "Website", "https://mueller-maschinenbau.de")
        save(app, window, "New Organization")
        H.wait_for(lambda: detail_has(app, "Müller Maschinenbau GmbH"), what="the new organization shown")

        # A person in it, from the organization's page.
        app.click(app.find("push button", "Add Person"))
        window = editor(app, "New Person")
        fill(app, window, "Given name", "Jana")
        fill(app, window, "Family name", "Müller")
        fill(app, window, "Email", "jana.mueller@mueller-maschinenbau.de")
        save(app, window, "New Person")
        H.wait_for(lambda: detail_has(app, "Jana Müller"), what="the new person shown")
        # The organization lists its people.
        app.click(app.find("push button", "Organizations"))
        app.click(app.find("push button", "People"))

        # Found by "mueller".
        app.press(ord("f"), control=True)
        app.type_text(app.find("entry", "Search contacts"), "mueller")
        table = app.find("tree table", "People")
        rows = H.wait_for(lambda: [r for r in H.rows_of(table) if any("Jana" in t for t in r)],
                          what="Jana Müller in the list")
        H.check(any("Müller Maschinenbau GmbH" in t for t in rows[0]),
                f"the row does not name her organization: {rows[0]}")
        app.click(H.wait_for(lambda: next((r for r in H.walk(table)
                                           if H.role_name(r) == "table row" and
                                           any("Jana" in H.text_of(x) for x in H.walk(r)
                                               if H.role_name(x) == "label")), None),
                             what="the row of Jana"))
        H.wait_for(lambda: detail_has(app, "Jana Müller"), what="her details")

        # Ctrl+N starts a new person; the same name spelled "Mueller" is
        # flagged as a likely duplicate; Escape leaves without saving.
        app.press(ord("n"), control=True)
        window = editor(app, "New Person")
        fill(app, window, "Given name", "jana")
        fill(app, window, "Family name", "Mueller")
        app.click(app.find("push button", "Save", root=window))
        H.wait_for(lambda: app.first("label", root=window, predicate=lambda n:
                                     H.text_of(n).startswith("Possibly the same as Jana Müller")),
                   what="the warning about a likely duplicate")
        app.find("push button", "Save Anyway", root=window)
        app.press(0xff1b)
        H.wait_for(lambda: all(H.name_of(f) != "New Person" for f in app.frames()),
                   what="Escape to close the editor")

        # Edit.
        app.click(app.find("push button", "Edit"))
        window = editor(app, "Edit Person")
        fill(app, window, "Job title", "Leiterin Entwicklung")
        save(app, window, "Edit Person")
        H.wait_for(lambda: app.first("label", predicate=lambda n: H.text_of(n) == "Leiterin Entwicklung"),
                   what="the new job title")

        # Log a consultation with a follow-up due today.
        app.click(app.find("push button", "Log Interaction"))
        window = editor(app, "Log Interaction")
        fill(app, window, "Topic", "Förderberatung Invest BW")
        fill(app, window, "Follow up on", today)
        save(app, window, "Log Interaction")
        timeline = app.find("list", "Interactions")
        H.wait_for(lambda: app.first("label", root=timeline,
                                     predicate=lambda n: "Förderberatung Invest BW" in H.text_of(n)),
                   what="the consultation on the timeline")

        # Archive, then Undo.
        app.click(app.find("push button", "Archive"))
        H.wait_for(lambda: app.toast("“Jana Müller” archived"), what="the archive toast")
        H.wait_for(lambda: not [r for r in H.rows_of(table) if any("Jana" in t for t in r)],
                   what="Jana gone from the list")
        undo = app.find("push button", predicate=lambda n: "Undo" in H.name_of(n))
        time.sleep(0.5)  # let the toast finish coming in
        app.click(undo)
        H.wait_for(lambda: [r for r in H.rows_of(table) if any("Jana" in t for t in r)],
                   what="Jana back in the list")

        # The follow-up is on Today.
        app.press(ord("1"), control=True)
        app.wait_title("Today — Hubdesk")
        H.wait_for(lambda: app.first("label", predicate=lambda n: H.text_of(n) == "Förderberatung Invest BW"),
                   what="the follow-up on Today")


H.run(test)
