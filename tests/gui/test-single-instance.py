#!/usr/bin/python3
# test-single-instance.py — a second start of a profile raises the running window,
# while another profile runs side by side
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import subprocess

import hubdesk_gui as H


def hubdesk_apps():
    desktop = H.pyatspi.Registry.getDesktop(0)
    return [app for app in H.children(desktop) if H.name_of(app) == "hubdesk"]


def test():
    with H.Hubdesk(view="today") as first:
        first.wait_title("Today — Hubdesk")
        H.check(len(first.frames()) == 1, "the first start opened more than one window")

        process = subprocess.Popen(first.command(view="rooms"), env=first.environment(),
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            _, errors = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            H.fail("the second start did not hand over to the first: it kept running")
        H.check(process.returncode == 0,
                f"the second start failed ({process.returncode}): {errors}")

        # The running window shows what the second start asked for …
        first.wait_title("Rooms — Hubdesk")
        # … and there is still one window of one process.
        H.check(len(first.frames()) == 1, "the second start opened another window")
        pids = {app.get_process_id() for app in hubdesk_apps()}
        H.check(pids == {first.process.pid}, f"hubdesk processes on the bus: {pids}")

        # Another profile is another instance.
        with H.Hubdesk(view="contacts", home=first.home) as other:
            other.wait_title("Contacts — Hubdesk")
            pids = {app.get_process_id() for app in hubdesk_apps()}
            H.check(pids == {first.process.pid, other.process.pid},
                    f"two profiles should run side by side, found {pids}")
            H.check(first.title() == "Rooms — Hubdesk", "the other profile changed the first")


H.run(test)
