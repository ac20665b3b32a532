#!/usr/bin/python3
# screenshot.py — saves a PNG of every view of hubdesk, wide and narrow, for review
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the real application on a profile (a copy of --profile, or a fresh
# demo profile), opens each view, picks the first row of its list so the
# details show, and saves the screen with ImageMagick's `import`. Needs a
# display and a session bus; build-aux/screenshot-views.sh provides both.
#
#   screenshot.py --out DIR [--profile DIR] [--language en|de] [--people N]
#                 [--size 1280x800] [--size 360x720]

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

import hubdesk_gui as H


def settle(app, timeout=15):
    """Waits until nothing on screen says it is still loading."""
    def loaded():
        if app.first("filler", "Loading") is not None:
            return False
        return app.label_starting("Loading…") is None
    try:
        H.wait_for(loaded, timeout=timeout, what="the view to finish loading")
    except H.TestFailure as error:
        H.log(f"(still loading: {error})")
    time.sleep(0.6)  # let transitions and the last frame finish


def select_first_row(app):
    """Selects the first row of the view's list or table, as a click would."""
    for role in ("tree table", "list"):
        for table in app.find_all(role):
            if H.name_of(table) in ("Views", "Ansichten"):
                continue
            try:
                selection = table.querySelection()
            except (NotImplementedError, H.GLib.Error):
                continue
            rows = [c for c in H.children(table) if H.role_name(c) in ("table row", "list item")]
            if role == "tree table":
                index = 1 if len(rows) > 1 else 0   # row 0 holds the column titles
            else:
                index = 0
            if rows:
                selection.selectChild(index)
                return True
    return False


def capture(path, width, height):
    subprocess.run(["import", "-window", "root", "-crop", f"{width}x{height}+0+0", path],
                   check=True, timeout=30)
    H.log("saved", path)


def main():
    parser = argparse.ArgumentParser(description="Save a PNG of each view of hubdesk.")
    parser.add_argument("--out", required=True, help="folder for the PNG files")
    parser.add_argument("--profile", help="profile to show (a copy is used)")
    parser.add_argument("--people", type=int, default=2000,
                        help="people in the demo profile made when --profile is not given")
    parser.add_argument("--language", default="en", choices=["en", "de"])
    parser.add_argument("--size", action="append",
                        help="window size WIDTHxHEIGHT (default: 1280x800 and 360x720)")
    parser.add_argument("--empty", action="store_true", help="show an empty profile")
    args = parser.parse_args()

    if shutil.which("import") is None:
        H.fail("ImageMagick's import is not installed")
    os.makedirs(args.out, exist_ok=True)
    sizes = [tuple(int(v) for v in s.split("x")) for s in (args.size or ["1280x800", "360x720"])]

    work = tempfile.mkdtemp(prefix="hubdesk-shots-")
    profile = os.path.join(work, "profile")
    if args.profile:
        shutil.copytree(args.profile, profile)
    elif not args.empty:
        H.make_demo_profile(profile, people=args.people)

    titles = H.TITLES[args.language]
    for width, height in sizes:
        with H.Hubdesk(profile=profile, language=args.language) as app:
            app.resize(width, height)
            time.sleep(0.5)
            for number, (view, title) in enumerate(zip(H.VIEWS, titles), start=1):
                app.press(ord(str(number)), control=True)
                app.wait_title(f"{title} — Hubdesk")
                settle(app)
                name = f"{args.language}-{width}x{height}-{number}-{view}"
                capture(os.path.join(args.out, name + ".png"), width, height)
                # Details: on a narrow window they open with a click, which
                # selecting through the accessibility tree does not do.
                if (width >= 600 and view in ("events", "rooms", "contacts")
                        and select_first_row(app)):
                    settle(app)
                    capture(os.path.join(args.out, name + "-details.png"), width, height)
                # The rooms' day: every room's bookings on a timeline.
                if view == "rooms":
                    day, rooms = ("Tag", "Räume") if args.language == "de" else ("Day", "Rooms")
                    app.click(app.find("push button", day))
                    settle(app)
                    capture(os.path.join(args.out, name + "-day.png"), width, height)
                    app.click(app.find("push button", rooms))
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except H.TestFailure as error:
        print(f"screenshot.py: {error}", file=sys.stderr)
        sys.exit(1)
