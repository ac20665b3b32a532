#!/usr/bin/python3
# bench-startup.py — time from start to the first frame, and to the first page of
# Contacts, with the 100,000-people demo profile; peak memory
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The profile is made once with hubdesk-demo and kept in the build
# directory. Each run starts hubdesk with HUBDESK_BENCH_STARTUP set: the
# application prints the monotonic time of its first painted frame and of
# the first painted rows of Contacts, then quits. Without a display the
# script starts itself again under xvfb-run and dbus-run-session.
#
#   bench-startup.py [--people 100000] [--runs 5]

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import hubdesk_gui as H  # noqa: E402

BUDGET_FIRST_FRAME_MS = 500


def ensure_display():
    if os.environ.get("DISPLAY") and os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return
    if os.environ.get("HUBDESK_BENCH_WRAPPED"):
        H.fail("no display even under xvfb-run")
    for tool in ("xvfb-run", "dbus-run-session"):
        if shutil.which(tool) is None:
            print(f"bench-startup: {tool} is missing; cannot run without a display",
                  file=sys.stderr)
            sys.exit(77)
    env = dict(os.environ, HUBDESK_BENCH_WRAPPED="1")
    command = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", "dbus-run-session", "--",
               sys.executable, os.path.abspath(__file__)] + sys.argv[1:]
    sys.exit(subprocess.call(command, env=env))


def profile_for(people):
    folder = os.path.join(H.builddir(), "tests", "gui", f"bench-profile-{people}")
    done = os.path.join(folder, "complete")
    if not os.path.exists(done):
        shutil.rmtree(folder, ignore_errors=True)
        print(f"# making the demo profile with {people:,} people (once)", flush=True)
        started = time.monotonic()
        subprocess.run([H.demo_program(), "--profile", folder, "--people", str(people)],
                       check=True, stdout=subprocess.DEVNULL, timeout=900)
        print(f"# made in {time.monotonic() - started:.1f} s", flush=True)
        open(done, "w").close()
    return folder


def run_once(profile, view, renderer=None):
    environment = {"HUBDESK_BENCH_STARTUP": "1", "G_DEBUG": ""}
    if renderer:
        environment["GSK_RENDERER"] = renderer
    app = H.Hubdesk(profile=profile, view=view, environment=environment)
    env = app.environment()
    started = time.monotonic_ns() // 1000
    process = subprocess.Popen(app.command(), env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    marks = {}
    deadline = time.monotonic() + 60
    for line in process.stdout:
        parts = line.split()
        if len(parts) == 3 and parts[0] == "bench":
            marks[parts[1]] = (int(parts[2]) - started) / 1000.0
        if time.monotonic() > deadline:
            break
    try:
        _, status, usage = os.wait4(process.pid, 0)
    except ChildProcessError:
        status, usage = 0, None
    process.returncode = os.waitstatus_to_exitcode(status)
    app.stop()
    if "first-frame" not in marks:
        H.fail(f"hubdesk printed no first frame (exit status {process.returncode})")
    marks["peak-rss-mb"] = usage.ru_maxrss / 1024.0 if usage else float("nan")
    return marks


def summary(name, values, unit):
    values = sorted(values)
    return (f"{name}: median {statistics.median(values):.0f} {unit}, "
            f"min {values[0]:.0f}, max {values[-1]:.0f} ({len(values)} runs)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    ensure_display()
    H.ensure_session()
    profile = profile_for(args.people)

    # GTK draws with OpenGL by default; under Xvfb that is Mesa's software
    # rasterizer, whose start costs most of the time and memory. The cairo
    # renderer shows what the application itself costs.
    shown = True
    print(f"profile: {args.people:,} people")
    for renderer, label in ((None, "GL renderer (default; software GL under Xvfb)"),
                            ("cairo", "cairo renderer")):
        # One run to warm the page cache, as for an application used every day.
        run_once(profile, "contacts", renderer)
        runs = [run_once(profile, "contacts", renderer) for _ in range(args.runs)]
        print(f"== {label}")
        for number, marks in enumerate(runs, start=1):
            print(f"# run {number}: window {marks.get('window-created', float('nan')):.0f} ms, "
                  f"first frame {marks['first-frame']:.0f} ms, first Contacts page "
                  f"{marks.get('contacts-first-page', float('nan')):.0f} ms, "
                  f"peak RSS {marks['peak-rss-mb']:.0f} MB")

        first_frame = [m["first-frame"] for m in runs]
        contacts = [m["contacts-first-page"] for m in runs if "contacts-first-page" in m]
        rss = [m["peak-rss-mb"] for m in runs]
        print(summary("start to first frame", first_frame, "ms")
              + f" — budget {BUDGET_FIRST_FRAME_MS} ms")
        if contacts:
            print(summary("start to first page of Contacts", contacts, "ms"))
        else:
            print("start to first page of Contacts: never shown")
            shown = False
        print(summary("peak RSS", rss, "MB"))
    return 0 if shown else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except H.TestFailure as error:
        print(f"bench-startup: {error}", file=sys.stderr)
        sys.exit(1)
