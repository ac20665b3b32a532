#!/usr/bin/python3
# test-sync-login.py — Preferences → Account says in plain words why a login
# failed (wrong password, plain http:// to another computer, a server that
# cannot be reached), and explains why a profile with hubs of its own
# cannot be connected to a server account
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import tempfile

import hubdesk_gui as H
import hubdesk_sync as S


def window_named(app, name):
    return next((w for w in H.children(app.app)
                 if H.role_name(w) in ("frame", "dialog", "window") and H.name_of(w) == name),
                None)


def open_account(app):
    app.click(app.find("push button", "Main Menu"))
    entry = app.find(None, root=app.app,
                     predicate=lambda node: H.name_of(node).replace("_", "") == "Preferences"
                     and H.role_name(node) in ("menu item", "push button"))
    app.click(entry)
    preferences = H.wait_for(lambda: window_named(app, "Preferences"),
                             what="the Preferences window")
    app.click(app.find("page tab", "Account", root=preferences))
    return preferences


def sensitive(node):
    return H.states(node).contains(H.pyatspi.STATE_SENSITIVE)


def try_login(app, preferences, url, user, password):
    app.type_text(app.find("text", "Server address", root=preferences), url)
    app.type_text(app.find("text", "User name", root=preferences), user)
    app.type_text(app.find(None, "Password", root=preferences,
                           predicate=lambda n: H.role_name(n) in ("password text", "text")),
                  password)
    app.click(app.find("push button", "Log In", root=preferences, predicate=sensitive))


def error_text(app, preferences, start, timeout=30):
    label = app.find("label", root=preferences, timeout=timeout,
                     predicate=lambda node: H.text_of(node).startswith(start))
    return H.text_of(label)


def test():
    with S.Keyring(), S.SyncServer() as server:
        with H.Hubdesk(view="today") as app:
            preferences = open_account(app)

            try_login(app, preferences, server.url, "alice", "not the password")
            H.log(error_text(app, preferences, "The user name or password is wrong"))
            H.check(app.first("push button", "Log Out", root=preferences) is None,
                    "a wrong password logged in")

            try_login(app, preferences, "http://hubs.example.org", "alice", S.PASSWORD)
            text = error_text(app, preferences, "The server “hubs.example.org” must be reached")
            H.check("https://" in text, f"the refusal does not point to https://: {text!r}")

            url = server.url
            server.stop()
            try_login(app, preferences, url, "alice", S.PASSWORD)
            H.log(error_text(app, preferences, "The server at ", timeout=60))

            # Nothing was bound meanwhile: the profile is still standalone.
            H.check(app.first("push button", "Log Out", root=preferences) is None,
                    "a failed login left the profile bound")

    # A profile with hubs of its own is told why it cannot be connected.
    profile = H.make_demo_profile(os.path.join(tempfile.mkdtemp(prefix="hubdesk-profile-"), "p"),
                                  people=50)
    with H.Hubdesk(profile=profile, view="today") as app:
        preferences = open_account(app)
        app.find("label", root=preferences,
                 predicate=lambda node: H.text_of(node).startswith(
                     "This profile holds hubs of its own")
                 and "--profile" in H.text_of(node))
        login = app.find("push button", "Log In", root=preferences)
        H.check(not sensitive(login), "Log In is offered for a profile with hubs of its own")


H.run(test)
