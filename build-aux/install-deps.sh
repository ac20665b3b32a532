#!/bin/sh
# Installs every Debian 12 package Hubdesk needs to build, run and test.
# Safe to run again: packages already present are left alone.
set -eu

PACKAGES="
  build-essential pkg-config meson ninja-build gettext clang
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev
  libsoup-3.0-dev libjson-glib-dev libsqlite3-dev sqlite3 libical-dev
  libsodium-dev libsecret-1-dev
  python3-icalendar
  desktop-file-utils appstream-util
  xvfb xauth dbus dbus-x11 at-spi2-core python3 python3-gi python3-pyatspi
  gir1.2-atspi-2.0 gnome-keyring libsecret-tools imagemagick
  fonts-cantarell fonts-dejavu-core adwaita-icon-theme
  locales
  faketime
  openssl
  glib-networking
  libcairo2-dev libpango1.0-dev poppler-utils
  libebook-contacts1.2-dev
  python3-vobject
"

missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

if [ -n "$missing" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing packages:$missing" >&2
    echo "Run this script as root, or install them with apt-get." >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  # shellcheck disable=SC2086
  apt-get install -y -q --no-install-recommends $missing
fi

# The GUI tests start the application in German and in English; dates and
# weekday names come from the C library's locale data, which Debian does
# not generate by default.
for loc in de_DE en_US; do
  if ! locale -a 2>/dev/null | grep -qix "$loc.utf-\{0,1\}8"; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "Missing locale $loc.UTF-8; run this script as root." >&2
      exit 1
    fi
    localedef -i "$loc" -f UTF-8 "$loc.UTF-8"
  fi
done
