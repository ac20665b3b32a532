#!/bin/sh
# build-aux/screenshot-views.sh — saves a PNG of every view of hubdesk (wide and narrow)
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: build-aux/screenshot-views.sh [BUILDDIR] [OUTDIR] [-- options of tests/gui/screenshot.py]
#   e.g. build-aux/screenshot-views.sh _build shots -- --language de
# Runs the application headless (Xvfb and a D-Bus session of its own) on a
# fresh demo profile, or on a copy of the one given with --profile DIR.

set -eu

cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILDDIR=${1:-_build}
OUTDIR=${2:-screenshots}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift

case "$BUILDDIR" in /*) ;; *) BUILDDIR="$ROOT/$BUILDDIR" ;; esac
if [ ! -x "$BUILDDIR/src/gui/hubdesk" ]; then
  echo "No hubdesk in $BUILDDIR: build it first (ninja -C $BUILDDIR)." >&2
  exit 1
fi

export HUBDESK_BUILDDIR="$BUILDDIR" HUBDESK_SRCDIR="$ROOT"
exec xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- \
  /usr/bin/python3 "$ROOT/tests/gui/screenshot.py" --out "$OUTDIR" "$@"
