#!/usr/bin/python3
# test-remember.py — the window comes back with the size and the view it was left in
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import tempfile

import hubdesk_gui as H


def settings_file(home):
    return os.path.join(home, "config", "glib-2.0", "settings", "keyfile")


def test():
    home = tempfile.mkdtemp(prefix="hubdesk-remember-")
    profile = os.path.join(home, "profile")
    # Settings that outlive the process, as on a real desktop.
    keep = {"GSETTINGS_BACKEND": "keyfile"}

    first = H.Hubdesk(profile=profile, home=home, environment=keep)
    first.start()
    first.find("label", "All changes saved locally")
    first.press(ord("3"), control=True)
    first.wait_title("Rooms — Hubdesk")
    first.resize(900, 640)
    H.wait_for(lambda: first.frame().get_extents(H.Atspi.CoordType.SCREEN).width < 1000,
               timeout=10, what="the window to take its new size")
    before = first.frame().get_extents(H.Atspi.CoordType.SCREEN)
    first.press(ord("q"), control=True)
    H.wait_for(lambda: first.process.poll() is not None, timeout=10,
               what="hubdesk to quit on Ctrl+Q")
    H.check(first.process.returncode == 0,
            f"hubdesk quit with status {first.process.returncode}")

    with open(settings_file(home)) as f:
        saved = f.read()
    H.check("last-view='rooms'" in saved, f"the last view was not saved:\n{saved}")
    H.check("window-width=" in saved and "window-height=" in saved,
            f"the window size was not saved:\n{saved}")

    # Started again without --view: the same view, the same size.
    with H.Hubdesk(profile=profile, home=home, environment=keep) as second:
        second.wait_title("Rooms — Hubdesk")
        extents = second.frame().get_extents(H.Atspi.CoordType.SCREEN)
        H.check((extents.width, extents.height) == (before.width, before.height),
                f"the window opened at {extents.width}×{extents.height}, "
                f"not at the {before.width}×{before.height} it was left at")
        H.check(extents.width < 1000, "the window opened at its default width")


H.run(test)
