#!/usr/bin/python3
# test-contacts-privacy.py — erasing a person's personal data (GDPR Art. 17) from their page:
# the menu asks first, then the name is gone from the list and the page
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import tempfile

import hubdesk_gui as H


def jana_row(table):
    for row in H.walk(table):
        if H.role_name(row) == "table row" and any(
                "Jana" in H.text_of(x) for x in H.walk(row) if H.role_name(x) == "label"):
            return row
    return None


def test():
    profile = os.path.join(tempfile.mkdtemp(prefix="hubdesk-profile-"), "p")
    cli = os.path.join(H.builddir(), "src", "cli", "hubdesk-cli")
    subprocess.run([cli, "--profile", profile, "put", "hub", '{"name": "Digital Hub Test"}'],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run([cli, "--profile", profile, "import",
                    os.path.join(H.SRCDIR, "tests", "interop", "data", "kontakte-de.csv")],
                   check=True, stdout=subprocess.DEVNULL)

    with H.Hubdesk(profile=profile, view="contacts") as app:
        app.wait_title("Contacts — Hubdesk")
        table = app.find("tree table", "People")
        app.click(H.wait_for(lambda: jana_row(table), what="Jana in the list"))
        H.wait_for(lambda: app.first("heading", predicate=lambda n: H.text_of(n) == "Jana Müller"),
                   what="her page")

        app.click(app.find("push button", "Personal Data (GDPR)"))
        app.click(app.find("menu item", predicate=lambda n: H.name_of(n).startswith("Erase Personal")))
        dialog = H.wait_for(lambda: next((c for c in H.children(app.app)
                                          if H.name_of(c).startswith("Erase the Personal Data of Jana")), None),
                            what="the question before erasing")
        erase = next(x for x in H.walk(dialog)
                     if H.role_name(x) == "push button" and "Erase" in H.name_of(x))
        app.click(erase)

        H.wait_for(lambda: app.first("heading", predicate=lambda n: H.text_of(n) == "Erased person"),
                   what="the page of the erased person")
        H.wait_for(lambda: jana_row(table) is None, what="her name gone from the list")
        H.check(app.first("label", predicate=lambda n: "jana.mueller@" in H.text_of(n)) is None,
                "her email address is still shown")


H.run(test)
