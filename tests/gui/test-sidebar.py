#!/usr/bin/python3
# test-sidebar.py — the sidebar lists the six views, in English and in German,
# and dates read as the language writes them
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-sidebar.py en|de

import os
import re
import sys
import tempfile

import hubdesk_gui as H

LANGUAGE = sys.argv[1] if len(sys.argv) > 1 else "en"

# The start of an event's time: "Thu, Nov 26, 2026, 09:00" / "Do., 26. Nov. 2026, 09:00"
DATE_TIME = {
    "en": re.compile(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct"
                     r"|Nov|Dec) \d{1,2}, \d{4}, \d{2}:\d{2}\b"),
    "de": re.compile(r"\b(Mo|Di|Mi|Do|Fr|Sa|So)\., \d{1,2}\. (Jan|Feb|Mär|Apr|Mai|Jun|Jul|Aug"
                     r"|Sep|Okt|Nov|Dez)\. \d{4}, \d{2}:\d{2}\b"),
}
UPCOMING = {"en": "Upcoming", "de": "Anstehend"}
EVENTS_LIST = {"en": "Events", "de": "Veranstaltungen"}


def test():
    titles = H.TITLES[LANGUAGE]
    profile = H.make_demo_profile(os.path.join(tempfile.mkdtemp(prefix="hubdesk-profile-"), "p"),
                                  people=200)

    with H.Hubdesk(profile=profile, language=LANGUAGE, view="events") as app:
        names = H.wait_for(lambda: app.sidebar_names() == titles and app.sidebar_names(),
                           what=f"the sidebar to list {titles}")
        H.check(names == titles, f"the sidebar lists {names}, expected {titles}")
        app.wait_title(f"{titles[1]} — Hubdesk")

        # The events of the coming weeks, with their dates in the language.
        app.find("push button", UPCOMING[LANGUAGE])
        events = app.find("list", EVENTS_LIST[LANGUAGE])
        rows = H.wait_for(lambda: [r for r in H.rows_of(events) if len(r) >= 2], timeout=30,
                          what="rows of events")
        subtitles = [text for row in rows for text in row]
        H.check(any(DATE_TIME[LANGUAGE].search(text) for text in subtitles),
                f"no date is written the {LANGUAGE} way in {subtitles[:6]}")
        H.log("an event reads:", rows[0])


H.run(test)
