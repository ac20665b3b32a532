#!/usr/bin/python3
# test-contacts-merge.py — two people who are likely the same, merged field by field:
# the merge screen lists what differs, the other record's email is picked, the
# person who stays has that email and the other's consultation, and Undo parts them again
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import subprocess
import tempfile
import time

import pyatspi

import hubdesk_gui as H

KEPT_EMAIL = "jana.mueller@mueller-maschinenbau.de"
OTHER_EMAIL = "jana.mueller@posteo.de"


def cli():
    return os.path.join(H.builddir(), "src", "cli", "hubdesk-cli")


def run(profile, *args, check=True):
    result = subprocess.run([cli(), "--profile", profile, *args], check=check,
                            capture_output=True, text=True)
    return result


def put(profile, entity, fields):
    return run(profile, "put", entity, json.dumps(fields)).stdout.strip()


def get(profile, entity, record_id):
    result = run(profile, "get", entity, record_id, check=False)
    return json.loads(result.stdout) if result.returncode == 0 else None


def checked(node):
    state = H.states(node)
    return state is not None and (state.contains(pyatspi.STATE_CHECKED) or
                                  state.contains(pyatspi.STATE_PRESSED))


def test():
    profile = os.path.join(tempfile.mkdtemp(prefix="hubdesk-profile-"), "p")
    put(profile, "hub", {"name": "Digital Hub Test"})
    hub = run(profile, "list", "hub").stdout.split("\t")[0]
    # Jana Müller has more fields filled in: she is the one who stays.
    kept = put(profile, "person", {"hub_id": hub, "given_name": "Jana", "family_name": "Müller",
                                   "email": KEPT_EMAIL, "phone": "0711 1234567",
                                   "job_title": "Leiterin Entwicklung", "tags": ["Mentoring"]})
    other = put(profile, "person", {"hub_id": hub, "given_name": "Jana", "family_name": "Mueller",
                                    "email": OTHER_EMAIL, "phone": "+49 711 1234567",
                                    "tags": ["Newsletter"]})
    consultation = put(profile, "interaction", {"hub_id": hub, "person_id": other,
                                                "occurred_on": "2026-11-20",
                                                "topic": "Förderberatung Invest BW"})

    with H.Hubdesk(profile=profile, view="contacts") as app:
        app.wait_title("Contacts — Hubdesk")
        app.click(app.find("push button", "Import, Export and Filters"))
        app.click(app.find("menu item", predicate=lambda n: H.name_of(n).startswith("Find and Merge")))
        window = H.wait_for(lambda: next((f for f in app.frames() if H.name_of(f) == "Duplicate People"), None),
                            what="the window of duplicates")

        app.click(app.find("push button", "Merge Jana Mueller into Jana Müller", root=window))

        # Both emails offered; the phone numbers differ in writing only.
        mine = app.find("push button", f"Email: {KEPT_EMAIL}", root=window)
        theirs = app.find("push button", f"Email: {OTHER_EMAIL}", root=window)
        H.check(checked(mine), "the email of the record that stays is not the default")
        app.find("push button", "Tags: Both, united", root=window)
        H.wait_for(lambda: app.first("label", root=window,
                                     predicate=lambda n: H.text_of(n).startswith("Moves to Jana Müller: 1 interaction,")),
                   what="the summary of what moves")

        # The other record can be the one that stays instead, and back.
        app.click(app.find("push button", "Keep the Other Record", root=window))
        H.wait_for(lambda: app.first("label", root=window,
                                     predicate=lambda n: H.text_of(n).startswith("Moves to Jana Mueller: 0 interactions,")),
                   what="the summary turned round")
        app.click(app.find("push button", "Keep the Other Record", root=window))
        H.wait_for(lambda: app.first("label", root=window,
                                     predicate=lambda n: H.text_of(n).startswith("Moves to Jana Müller: 1 interaction,")),
                   what="the summary as at first")
        theirs = app.find("push button", f"Email: {OTHER_EMAIL}", root=window)

        app.click(theirs)
        H.wait_for(lambda: checked(theirs), what="the other email picked")
        app.click(app.find("push button", "Merge", root=window))
        H.wait_for(lambda: app.first("label", root=window, max_depth=12,
                                     predicate=lambda n: H.text_of(n) == "Merged"),
                   what="the toast after merging")
        check_merged(profile, kept, other, consultation)

        # Undo: the other person again (under a new id), the consultation with them.
        undo = app.find("push button", root=window, predicate=lambda n: "Undo" in H.name_of(n))
        time.sleep(0.5)   # let the toast finish coming in
        app.click(undo)
        H.wait_for(lambda: get(profile, "person", kept)["fields"]["email"] == KEPT_EMAIL,
                   what="the email of the person who stayed back as it was")
        talk = get(profile, "interaction", consultation)["fields"]
        H.check(talk["person_id"] not in (kept, other),
                f"the consultation did not go back to the other person: {talk['person_id']!r}")
        again = get(profile, "person", talk["person_id"])
        H.check(again is not None and again["fields"]["email"] == OTHER_EMAIL,
                f"the other person is not back: {again!r}")


def check_merged(profile, kept, other, consultation):
    person = get(profile, "person", kept)
    H.check(person is not None, "the person who stays is gone")
    fields = person["fields"]
    H.check(fields["email"] == OTHER_EMAIL, f"the picked email was not kept: {fields['email']!r}")
    H.check(fields["job_title"] == "Leiterin Entwicklung", f"the job title changed: {fields['job_title']!r}")
    H.check(sorted(fields["tags"]) == ["Mentoring", "Newsletter"], f"tags not united: {fields['tags']!r}")
    H.check(get(profile, "person", other) is None, "the other record is still there")
    moved = get(profile, "interaction", consultation)
    H.check(moved["fields"]["person_id"] == kept,
            f"the consultation did not move to the person who stays: {moved['fields']['person_id']!r}")


H.run(test)
