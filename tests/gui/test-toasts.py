#!/usr/bin/python3
# test-toasts.py — Ctrl+N is routed to the view shown, F5 asks for a sync, Ctrl+Q quits
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import hubdesk_gui as H

F5 = 0xffc2


def toast_shown(app, start):
    return app.toast(start) is not None


def test():
    with H.Hubdesk(view="events") as app:
        app.wait_title("Events — Hubdesk")
        app.press(ord("n"), control=True)
        H.wait_for(lambda: toast_shown(app, "Make a hub first"),
                   what="the Events view to answer Ctrl+N")

        app.press(ord("4"), control=True)
        app.wait_title("Contacts — Hubdesk")
        app.press(ord("n"), control=True)
        H.wait_for(lambda: toast_shown(app, "Make a hub first"),
                   what="the Contacts view to answer Ctrl+N")

        app.press(F5)
        H.wait_for(lambda: toast_shown(app, "Not connected to a server"),
                   what="F5 to say there is no server")

        # Ctrl+Q quits.
        app.press(ord("q"), control=True)
        H.wait_for(lambda: app.process.poll() is not None, what="Ctrl+Q to quit")
        H.check(app.process.returncode == 0, f"hubdesk quit with status {app.process.returncode}")


H.run(test)
