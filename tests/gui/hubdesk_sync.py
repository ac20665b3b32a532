# hubdesk_sync.py — a real hubdesk-server on loopback, a real keyring and
# hubdesk-cli profiles for the GUI tests of sync
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# SyncServer makes a server database with one hub ("Test Hub") and the
# managers alice and bob (password PASSWORD), the way tests/sync does
# with the admin commands init, add-hub, add-user and grant, and serves
# it on a free loopback port; stop() and start() keep the port.
#
# Keyring starts gnome-keyring-daemon inside the test's D-Bus session
# with a login keyring unlocked by a known password, so that the
# application keeps its token where it would on a desktop. Cli runs
# hubdesk-cli on a profile of its own with the token in a file.

import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time

import hubdesk_gui as H

PASSWORD = "correct horse battery"


def server_program():
    return os.path.join(H.builddir(), "src", "server", "hubdesk-server")


def cli_program():
    return os.path.join(H.builddir(), "src", "cli", "hubdesk-cli")


def plain_environment(extra=None):
    env = dict(os.environ)
    env["LANGUAGE"] = "en"
    env["LC_ALL"] = "C.UTF-8"
    env.update(extra or {})
    return env


class SyncServer:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="hubdesk-server-")
        self.db = os.path.join(self.dir, "server.db")
        self.url = None
        self.process = None
        self.log = None
        self.admin("init")
        out = self.admin("add-hub", "Test Hub", "--region", "Stuttgart", "--kind", "regional")
        self.hub_id = out.strip().splitlines()[0].strip()
        for user, name in (("alice", "Alice"), ("bob", "Bob")):
            self.admin("add-user", user, "--name", name, input=f"{PASSWORD}\n{PASSWORD}\n")
            self.admin("grant", user, self.hub_id, "--role", "manager")

    def admin(self, *args, input=""):
        result = subprocess.run([server_program(), *args, "--db", self.db], input=input,
                                capture_output=True, text=True, env=plain_environment(),
                                timeout=60)
        H.check(result.returncode == 0,
                f"hubdesk-server {args[0]} failed: {result.stdout}{result.stderr}")
        return result.stdout

    def start(self):
        H.check(self.process is None, "the server runs already")
        listen = "127.0.0.1:0"
        if self.url:
            listen = "127.0.0.1:" + self.url.rstrip("/").rsplit(":", 1)[1]
        self.log = open(os.path.join(self.dir, "server.log"), "a")
        self.process = subprocess.Popen([server_program(), "serve", "--db", self.db,
                                         "--listen", listen],
                                        stdout=subprocess.PIPE, stderr=self.log, text=True,
                                        env=plain_environment())
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            found = re.search(r"https?://\S+", line)
            if found:
                if self.url is None:
                    self.url = found.group(0).rstrip("/")
                H.log(f"server listening at {self.url}")
                return self
        H.fail("hubdesk-server did not say where it listens")

    def stop(self):
        if self.process is None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()
        self.process = None
        if self.log:
            self.log.close()
            self.log = None

    def close(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            try:
                with open(os.path.join(self.dir, "server.log")) as f:
                    H.log("server log:\n" + f.read()[-3000:])
            except OSError:
                pass
        self.close()
        return False


class Keyring:
    """gnome-keyring-daemon in this D-Bus session, its login keyring
    unlocked with a known password."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="hubdesk-keyring-")
        self.pid = None

    def start(self):
        if self._owner_pid() is not None:
            # A keyring serves this session already (a desktop session):
            # use it, and leave it running afterwards.
            H.log("using the keyring of this session")
            return self
        daemon = shutil.which("gnome-keyring-daemon")
        H.check(daemon, "gnome-keyring-daemon is missing: run build-aux/install-deps.sh as root")
        env = dict(os.environ)
        env["XDG_DATA_HOME"] = os.path.join(self.dir, "data")
        env["XDG_RUNTIME_DIR"] = os.path.join(self.dir, "run")
        env["HOME"] = self.dir
        os.makedirs(env["XDG_RUNTIME_DIR"], mode=0o700, exist_ok=True)
        # --unlock reads the password on stdin and makes the login
        # keyring with it; the daemon then serves the Secret Service.
        result = subprocess.run([daemon, "--unlock", "--components=secrets", "--daemonize"],
                                input="keyring password", capture_output=True, text=True,
                                env=env, timeout=20)
        H.check(result.returncode == 0, f"gnome-keyring-daemon failed: {result.stderr}")
        subprocess.run([daemon, "--start", "--components=secrets"], capture_output=True,
                       text=True, env=env, timeout=20)
        self.pid = H.wait_for(self._owner_pid, timeout=10, what="the keyring on the session bus")
        H.log(f"keyring daemon {self.pid}")
        return self

    @staticmethod
    def _owner_pid():
        """The process that serves the Secret Service on this bus."""
        bus = H.Gio.bus_get_sync(H.Gio.BusType.SESSION, None)
        try:
            return bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus",
                                 "org.freedesktop.DBus", "GetConnectionUnixProcessID",
                                 H.GLib.Variant("(s)", ("org.freedesktop.secrets",)),
                                 H.GLib.VariantType("(u)"), H.Gio.DBusCallFlags.NONE,
                                 2000, None).unpack()[0]
        except H.GLib.Error:
            return None

    def stop(self):
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            self.pid = None
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, exc_type, exc, tb):
        self.stop()
        return False


class Cli:
    """hubdesk-cli on a profile of its own, the token in a file."""

    def __init__(self, server, user):
        self.dir = tempfile.mkdtemp(prefix="hubdesk-cli-")
        self.profile = os.path.join(self.dir, "profile")
        self.token = os.path.join(self.dir, "token")
        self.run("login", server.url, user, input=PASSWORD + "\n")

    def run(self, *args, input=""):
        result = subprocess.run([cli_program(), "--profile", self.profile, "--token-file",
                                 self.token, *args], input=input, capture_output=True,
                                text=True, env=plain_environment(), timeout=60)
        H.check(result.returncode == 0,
                f"hubdesk-cli {' '.join(args)} failed: {result.stdout}{result.stderr}")
        return result.stdout

    def get(self, entity, record_id):
        """The record's fields as this profile has them."""
        record = json.loads(self.run("get", entity, record_id))
        return record.get("fields", record)

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)
