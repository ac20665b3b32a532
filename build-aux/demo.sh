#!/bin/sh
# build-aux/demo.sh — builds Hubdesk and starts it on a profile filled with demo data
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the build dependencies, sets up (or updates) the build directory
# _build, builds it and starts the application from the build directory with
# the profile ~/.local/share/hubdesk/demo.  On the first start the empty
# profile is filled with demo data (the 13 hubs, their rooms, a season of
# events, organizations and people); later starts reuse it.  Delete that
# folder to start over.

set -eu

cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILDDIR=_build
PROFILE="$HOME/.local/share/hubdesk/demo"

# Fail early, before minutes of building, when there is no screen to show
# the window on.
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "Hubdesk needs a graphical session, but neither DISPLAY nor WAYLAND_DISPLAY is set." >&2
  echo "Run this script from a terminal inside a desktop session (or over 'ssh -X')." >&2
  exit 1
fi

echo "== Installing the build dependencies"
sh build-aux/install-deps.sh

if [ -f "$BUILDDIR/build.ninja" ]; then
  # An existing build directory regenerates itself when meson files change.
  echo "== Updating $BUILDDIR"
elif [ -d "$BUILDDIR" ]; then
  echo "== Setting up $BUILDDIR again (it was incomplete)"
  meson setup --wipe "$BUILDDIR"
else
  echo "== Setting up $BUILDDIR"
  meson setup "$BUILDDIR"
fi

ninja -C "$BUILDDIR" -j 2

APP="$ROOT/$BUILDDIR/src/gui/hubdesk"
if [ ! -x "$APP" ]; then
  echo "The build finished without the application $APP." >&2
  echo "Check that the option gui is on: meson configure $BUILDDIR -Dgui=true" >&2
  exit 1
fi

mkdir -p "$(dirname "$PROFILE")"

# Run from the build directory: the settings schema is compiled there, the
# translations are built in po/, and data/ holds the application icon in
# icons/hicolor.
GSETTINGS_SCHEMA_DIR="$ROOT/$BUILDDIR/data"
HUBDESK_LOCALEDIR="$ROOT/$BUILDDIR/po"
XDG_DATA_DIRS="$ROOT/data:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
export GSETTINGS_SCHEMA_DIR HUBDESK_LOCALEDIR XDG_DATA_DIRS

echo "== Starting Hubdesk with the demo profile $PROFILE"
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && [ ! -S "${XDG_RUNTIME_DIR:-/nonexistent}/bus" ] \
   && command -v dbus-run-session >/dev/null 2>&1; then
  # No session bus (e.g. a root shell outside the desktop session).
  exec dbus-run-session -- "$APP" --profile "$PROFILE" --demo
fi
exec "$APP" --profile "$PROFILE" --demo
