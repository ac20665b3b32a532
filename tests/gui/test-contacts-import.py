#!/usr/bin/python3
# test-contacts-import.py — a semicolon CSV with a byte order mark imported from the
# Contacts menu: the preview counts what is created, updated and skipped, the import
# does it, and the toast's Undo takes it back
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import subprocess
import tempfile
import time

import hubdesk_gui as H

CSV = ("\ufeffVorname;Nachname;Firma;Position;E-Mail;Telefon;Kategorien\r\n"
       "Jana;Müller;;Leiterin Entwicklung;jana.mueller@example.org;;KI\r\n"
       "Lukas;Schäfer;;Entwickler;lukas.schaefer@example.org;0711 555 01;\r\n"
       "Lukas;Schaefer;;;lukas.schaefer@example.org;;\r\n")


def cli(profile, *args, check=True):
    return subprocess.run([os.path.join(H.builddir(), "src", "cli", "hubdesk-cli"), "--profile", profile,
                           *args], check=check, capture_output=True, text=True)


def people(profile, hub):
    """Family name → job title of the live people of @hub."""
    out = cli(profile, "list", "person", "--json", "--hub", hub).stdout
    records = json.loads(out)
    return {r["fields"]["family_name"]: r["fields"].get("job_title") for r in records
            if not r.get("deleted")}


def test():
    folder = tempfile.mkdtemp(prefix="hubdesk-profile-")
    profile = os.path.join(folder, "p")
    cli(profile, "put", "hub", '{"name": "Digital Hub Test"}')
    hub = cli(profile, "list", "hub").stdout.split("\t")[0]
    cli(profile, "put", "person", json.dumps({"hub_id": hub, "given_name": "Jana", "family_name": "Müller",
                                              "email": "jana.mueller@example.org",
                                              "job_title": "Entwicklerin"}))
    path = os.path.join(folder, "kontakte.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(CSV)
    before = people(profile, hub)
    H.check(before == {"Müller": "Entwicklerin"}, f"unexpected people before: {before}")

    with H.Hubdesk(profile=profile, view="contacts") as app:
        app.wait_title("Contacts — Hubdesk")
        app.click(app.find("push button", "Import, Export and Filters"))
        app.click(app.find("menu item", predicate=lambda n: H.name_of(n).startswith("Import Contacts")))
        chooser = H.wait_for(lambda: next((w for w in H.children(app.app)
                                           if H.name_of(w) == "Import Contacts"), None),
                             what="the file dialog")
        app.press(ord("l"), control=True)   # the location field
        location = app.find("text", root=chooser,
                            predicate=lambda n: H.role_name(n) == "text")
        app.type_text(location, path)
        app.press(0xff0d)

        preview = H.wait_for(lambda: next((w for w in H.children(app.app)
                                           if H.text_of(w) == "Import “kontakte.csv”?" or
                                           H.name_of(w) == "Import “kontakte.csv”?"), None),
                             what="the preview of the import")
        app.find("label", "1 to create, 1 to update, 1 to skip", root=preview)
        # The skipped line says why.
        app.find("list item", root=preview,
                 predicate=lambda n: H.name_of(n).startswith("Line 4 · Skipped"))
        buttons = H.wait_for(lambda: [b for b in H.walk(preview) if H.role_name(b) == "push button"],
                             what="the buttons of the preview")
        # (GTK 4.8 names a button with a mnemonic "_Import Import".)
        app.click(next(b for b in buttons if H.name_of(b).split()[-1] == "Import"))

        H.wait_for(lambda: app.toast("2 contacts imported"), what="the toast of the import")
        now = H.wait_for(lambda: (lambda p: p if len(p) == 2 else None)(people(profile, hub)),
                         what="Lukas Schäfer added")
        H.check(now == {"Müller": "Leiterin Entwicklung", "Schäfer": "Entwickler"},
                f"the import did not create and update as previewed: {now}")

        undo = app.find("push button", predicate=lambda n: "Undo" in H.name_of(n))
        time.sleep(0.5)   # let the toast finish coming in
        app.click(undo)
        H.wait_for(lambda: people(profile, hub) == before, what="the import undone")


H.run(test)
