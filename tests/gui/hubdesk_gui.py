# hubdesk_gui.py — drives the real hubdesk through the accessibility tree (AT-SPI)
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The GUI tests start the application the way a person does, on a profile
# of their own, and use it the way a screen reader does: they find widgets
# by role and accessible name, activate them through the AT-SPI Action and
# Selection interfaces, type through EditableText and press keys through
# the X server (XTest, via the AT-SPI registry).
#
# Needs a display (DISPLAY, e.g. from xvfb-run) and a D-Bus session bus
# (e.g. from dbus-run-session); the accessibility bus is started here when
# nobody provides it. Run with /usr/bin/python3 (python3-gi, python3-pyatspi).

import collections
import ctypes
import ctypes.util
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unicodedata

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, Gio, GLib  # noqa: E402

import pyatspi  # noqa: E402

BUILDDIR = os.environ.get("HUBDESK_BUILDDIR", "")
SRCDIR = os.environ.get("HUBDESK_SRCDIR", "")

VIEWS = ["today", "events", "rooms", "contacts", "reports", "conflicts"]
TITLES = {
    "en": ["Today", "Events", "Rooms", "Contacts", "Reports", "Conflicts"],
    "de": ["Heute", "Veranstaltungen", "Räume", "Kontakte", "Berichte", "Konflikte"],
}

DEFAULT_TIMEOUT = 20.0


class TestFailure(AssertionError):
    pass


def log(*args):
    print("#", *args, flush=True)


def fail(message):
    raise TestFailure(message)


def check(condition, message):
    if not condition:
        fail(message)


def wait_for(predicate, timeout=DEFAULT_TIMEOUT, interval=0.1, what="condition"):
    """Polls @predicate until it returns something true; returns that."""
    deadline = time.monotonic() + timeout
    last_error = None
    while True:
        try:
            result = predicate()
            if result:
                return result
        except (GLib.Error, RuntimeError, LookupError) as error:
            last_error = error
        if time.monotonic() > deadline:
            detail = f" (last error: {last_error})" if last_error else ""
            fail(f"timed out after {timeout:.0f} s waiting for {what}{detail}")
        time.sleep(interval)


def fold(text):
    """Case- and accent-insensitive form, with German ä/ö/ü/ß spelled out."""
    text = (text or "").lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(a, b)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


# ---- the session: display, buses, locale ----

def builddir():
    if not BUILDDIR:
        fail("HUBDESK_BUILDDIR is not set; run the tests with meson test")
    return BUILDDIR


def hubdesk_program():
    return os.path.join(builddir(), "src", "gui", "hubdesk")


def demo_program():
    return os.path.join(builddir(), "src", "demo", "hubdesk-demo")


def ensure_session():
    """Checks the display and the session bus; starts the a11y bus if needed."""
    check(os.environ.get("DISPLAY"), "no DISPLAY: run under xvfb-run")
    check(os.environ.get("DBUS_SESSION_BUS_ADDRESS"),
          "no D-Bus session bus: run under dbus-run-session")

    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)

    def call(method, args, reply):
        return bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus",
                             "org.freedesktop.DBus", method, args,
                             GLib.VariantType(reply), Gio.DBusCallFlags.NONE,
                             5000, None).unpack()

    owned = call("NameHasOwner", GLib.Variant("(s)", ("org.a11y.Bus",)), "(b)")[0]
    activatable = "org.a11y.Bus" in call("ListActivatableNames", None, "(as)")[0]
    if not owned and not activatable:
        launcher = "/usr/libexec/at-spi-bus-launcher"
        check(os.path.exists(launcher), "at-spi2-core is not installed")
        log("starting the accessibility bus")
        subprocess.Popen([launcher, "--launch-immediately"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
        wait_for(lambda: call("NameHasOwner", GLib.Variant("(s)", ("org.a11y.Bus",)),
                              "(b)")[0], timeout=10, what="the accessibility bus")

    # Start the accessibility bus and its registry now, before the
    # application connects to the X server and the bus at the same time.
    address = bus.call_sync("org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress",
                            None, GLib.VariantType("(s)"), Gio.DBusCallFlags.NONE,
                            10000, None).unpack()[0]
    check(address, "the accessibility bus has no address")
    wait_for(lambda: pyatspi.Registry.getDesktop(0) is not None, timeout=10,
             what="the accessibility registry")


def locale_available(name):
    output = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout
    wanted = name.lower().replace("utf-8", "utf8")
    return any(line.strip().lower() == wanted for line in output.splitlines())


# ---- X11: window size ----

class _X11:
    def __init__(self):
        path = ctypes.util.find_library("X11")
        check(path, "libX11 is not available")
        self.lib = ctypes.CDLL(path)
        self.lib.XOpenDisplay.restype = ctypes.c_void_p
        self.lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.lib.XDefaultRootWindow.restype = ctypes.c_ulong
        self.lib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        self.lib.XInternAtom.restype = ctypes.c_ulong
        self.lib.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        self.lib.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong,
                                        ctypes.POINTER(ctypes.c_ulong),
                                        ctypes.POINTER(ctypes.c_ulong),
                                        ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)),
                                        ctypes.POINTER(ctypes.c_uint)]
        self.lib.XGetWindowProperty.argtypes = [
            ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_long, ctypes.c_long,
            ctypes.c_int, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_void_p)]
        self.lib.XResizeWindow.argtypes = [ctypes.c_void_p, ctypes.c_ulong,
                                           ctypes.c_uint, ctypes.c_uint]
        self.lib.XMoveWindow.argtypes = [ctypes.c_void_p, ctypes.c_ulong,
                                         ctypes.c_int, ctypes.c_int]
        self.lib.XFlush.argtypes = [ctypes.c_void_p]
        self.lib.XFree.argtypes = [ctypes.c_void_p]
        self.lib.XCloseDisplay.argtypes = [ctypes.c_void_p]
        self.display = self.lib.XOpenDisplay(None)
        check(self.display, "cannot open the X display")
        self.pid_atom = self.lib.XInternAtom(self.display, b"_NET_WM_PID", 0)

    def close(self):
        self.lib.XCloseDisplay(self.display)

    def _pid_of(self, window):
        actual_type = ctypes.c_ulong()
        actual_format = ctypes.c_int()
        n_items = ctypes.c_ulong()
        after = ctypes.c_ulong()
        data = ctypes.c_void_p()
        status = self.lib.XGetWindowProperty(self.display, window, self.pid_atom, 0, 1, 0,
                                             6,  # XA_CARDINAL
                                             ctypes.byref(actual_type),
                                             ctypes.byref(actual_format),
                                             ctypes.byref(n_items), ctypes.byref(after),
                                             ctypes.byref(data))
        if status != 0 or not data.value:
            return None
        pid = None
        if n_items.value == 1:
            pid = ctypes.cast(data, ctypes.POINTER(ctypes.c_ulong))[0]
        self.lib.XFree(data)
        return pid

    def windows_of(self, pid):
        root = self.lib.XDefaultRootWindow(self.display)
        root_return = ctypes.c_ulong()
        parent_return = ctypes.c_ulong()
        children = ctypes.POINTER(ctypes.c_ulong)()
        count = ctypes.c_uint()
        self.lib.XQueryTree(self.display, root, ctypes.byref(root_return),
                            ctypes.byref(parent_return), ctypes.byref(children),
                            ctypes.byref(count))
        found = [children[i] for i in range(count.value) if self._pid_of(children[i]) == pid]
        if children:
            self.lib.XFree(children)
        return found

    def resize(self, window, width, height):
        self.lib.XMoveWindow(self.display, window, 0, 0)
        self.lib.XResizeWindow(self.display, window, width, height)
        self.lib.XFlush(self.display)


# ---- the accessibility tree ----

def states(accessible):
    try:
        return accessible.getState()
    except GLib.Error:
        return None


def role_name(accessible):
    try:
        return accessible.getRoleName()
    except GLib.Error:
        return ""


def name_of(accessible):
    try:
        return accessible.name or ""
    except GLib.Error:
        return ""


def children(accessible):
    try:
        count = accessible.childCount
    except GLib.Error:
        return []
    result = []
    for i in range(count):
        try:
            child = accessible.getChildAtIndex(i)
        except GLib.Error:
            continue
        if child is not None:
            result.append(child)
    return result


def walk(accessible, max_depth=60):
    """All descendants, depth first.

    GTK 4.8 leaves hidden widgets out of the tree but sets no "showing"
    state; Hubdesk marks stack pages and folded panes that are not on
    screen hidden, so what is in the tree is what is on screen."""
    stack = [(accessible, 0)]
    while stack:
        node, depth = stack.pop()
        for child in reversed(children(node)):
            yield child
            if depth < max_depth:
                stack.append((child, depth + 1))


def breadth_first(accessible, max_depth=60):
    """All descendants, nearest first: a search stops early at shallow hits."""
    queue = collections.deque([(accessible, 0)])
    while queue:
        node, depth = queue.popleft()
        for child in children(node):
            yield child
            if depth < max_depth:
                queue.append((child, depth + 1))


def text_of(accessible):
    """The text a label or cell shows: its name, else its Text interface."""
    name = name_of(accessible)
    if name:
        return name
    try:
        text = accessible.queryText()
        return text.getText(0, -1)
    except (NotImplementedError, GLib.Error, AttributeError):
        return ""


# ---- the application ----

class Hubdesk:
    """One running hubdesk process and its accessible application."""

    def __init__(self, profile=None, demo=False, view=None, language=None,
                 extra_args=None, home=None, environment=None):
        self.tmp = tempfile.mkdtemp(prefix="hubdesk-gui-")
        self.home = home or self.tmp
        self.profile = profile if profile is not None else os.path.join(self.tmp, "profile")
        self.demo = demo
        self.view = view
        self.language = language
        self.extra_args = extra_args or []
        self.extra_environment = environment or {}
        self.process = None
        self.app = None
        self.log_path = os.path.join(self.tmp, "hubdesk.log")

    # -- process --

    def environment(self, language=None):
        env = dict(os.environ)
        env.pop("NO_AT_BRIDGE", None)
        env["GTK_A11Y"] = "atspi"
        env["GDK_BACKEND"] = "x11"
        env["GSETTINGS_BACKEND"] = "memory"
        env["GSETTINGS_SCHEMA_DIR"] = os.path.join(builddir(), "data")
        env["HUBDESK_LOCALEDIR"] = os.path.join(builddir(), "po")
        env["XDG_DATA_HOME"] = os.path.join(self.home, "data")
        env["XDG_CONFIG_HOME"] = os.path.join(self.home, "config")
        env["XDG_CACHE_HOME"] = os.path.join(self.home, "cache")
        # A critical warning is a bug: let it end the application, and the test.
        env["G_DEBUG"] = "fatal-criticals"
        language = language or self.language
        if language == "de":
            if not locale_available("de_DE.UTF-8"):
                fail("the locale de_DE.UTF-8 is missing: run build-aux/install-deps.sh as root")
            env["LANG"] = "de_DE.UTF-8"
            env["LC_ALL"] = "de_DE.UTF-8"
            env["LANGUAGE"] = "de"
        else:
            english = "en_US.UTF-8" if locale_available("en_US.UTF-8") else "C.UTF-8"
            env["LANG"] = english
            env["LC_ALL"] = english
            env["LANGUAGE"] = "en"
        env.update(self.extra_environment)
        return env

    def command(self, view=None, demo=None, extra=None):
        args = [hubdesk_program(), "--profile", self.profile]
        if demo if demo is not None else self.demo:
            args.append("--demo")
        view = view or self.view
        if view:
            args += ["--view", view]
        return args + (extra if extra is not None else self.extra_args)

    def start(self, timeout=DEFAULT_TIMEOUT):
        ensure_session()
        check(os.access(hubdesk_program(), os.X_OK), f"{hubdesk_program()} was not built")
        log("starting", " ".join(self.command()))
        self.log_file = open(self.log_path, "w")
        self.process = subprocess.Popen(self.command(), env=self.environment(),
                                        stdout=self.log_file, stderr=subprocess.STDOUT)
        self.app = wait_for(self._find_application, timeout=timeout,
                            what="hubdesk on the accessibility bus")
        # Ask the application itself every time instead of trusting a cache.
        try:
            self.app.set_cache_mask(Atspi.Cache.NONE)
        except (AttributeError, GLib.Error):
            pass
        self.frame()
        return self

    def _find_application(self):
        if self.process.poll() is not None:
            fail(f"hubdesk exited with status {self.process.returncode}:\n{self.output()}")
        desktop = pyatspi.Registry.getDesktop(0)
        for app in children(desktop):
            try:
                if app.get_process_id() == self.process.pid:
                    return app
            except GLib.Error:
                continue
        return None

    def output(self):
        try:
            with open(self.log_path) as f:
                return f.read()
        except OSError:
            return ""

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if getattr(self, "log_file", None):
            self.log_file.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            log("hubdesk output:\n" + self.output())
            try:
                self.dump()
            except Exception as error:  # noqa: BLE001 — a dump is a courtesy
                log(f"(could not dump the tree: {error})")
        self.stop()
        return False

    # -- finding --

    def frames(self):
        return [c for c in children(self.app) if role_name(c) == "frame"]

    def frame(self, timeout=DEFAULT_TIMEOUT):
        return wait_for(lambda: next(iter(self.frames()), None), timeout=timeout,
                        what="the main window")

    def find_all(self, role=None, name=None, root=None, predicate=None):
        root = root or self.frame()
        found = []
        for node in walk(root):
            if role is not None and role_name(node) != role:
                continue
            if name is not None and name_of(node) != name:
                continue
            if predicate is not None and not predicate(node):
                continue
            found.append(node)
        return found

    def first(self, role=None, name=None, root=None, predicate=None, max_depth=60):
        """The nearest match in the tree, or None; cheaper than find_all()."""
        root = root or self.frame()
        for node in breadth_first(root, max_depth=max_depth):
            if role is not None and role_name(node) != role:
                continue
            if name is not None and name_of(node) != name:
                continue
            if predicate is not None and not predicate(node):
                continue
            return node
        return None

    def find(self, role=None, name=None, root=None, timeout=DEFAULT_TIMEOUT, predicate=None):
        what = f"{role or 'widget'} named {name!r}" if name else f"a {role}"
        return wait_for(lambda: self.first(role, name, root, predicate),
                        timeout=timeout, what=what)

    def label_starting(self, start, root=None, max_depth=60):
        """The first label whose text starts with @start, or None."""
        return self.first("label", root=root, max_depth=max_depth,
                          predicate=lambda node: text_of(node).startswith(start))

    def toast(self, start):
        """The toast whose text starts with @start, or None. Toasts sit near
        the top of the window, so the search does not go deep."""
        return self.label_starting(start, max_depth=8)

    def wait_gone(self, role=None, name=None, timeout=DEFAULT_TIMEOUT):
        wait_for(lambda: not self.find_all(role, name), timeout=timeout,
                 what=f"{role} {name!r} to disappear")

    def title(self):
        return name_of(self.frame())

    def wait_title(self, title, timeout=DEFAULT_TIMEOUT):
        return wait_for(lambda: self.title() == title, timeout=timeout,
                        what=f"the window title {title!r} (it is {self.title()!r})")

    # -- acting --

    def click(self, accessible):
        """Activates a widget as a click would: its Action, else selection."""
        try:
            action = accessible.queryAction()
            names = [action.getName(i) for i in range(action.nActions)]
        except (NotImplementedError, GLib.Error):
            names = []
        for wanted in ("click", "row.activate", "activate", "toggle", "press"):
            if wanted in names:
                check(action.doAction(names.index(wanted)),
                      f"the action {wanted} of {name_of(accessible)!r} failed")
                return
        # A composite (GtkMenuButton, GtkDropDown) holds the real button.
        for child in children(accessible):
            try:
                inner = child.queryAction()
                inner_names = [inner.getName(i) for i in range(inner.nActions)]
            except (NotImplementedError, GLib.Error):
                continue
            if "click" in inner_names:
                check(inner.doAction(inner_names.index("click")),
                      f"clicking {name_of(accessible)!r} failed")
                return
        parent = accessible.parent
        try:
            selection = parent.querySelection()
        except (NotImplementedError, GLib.Error, AttributeError):
            selection = None
        if selection is not None:
            check(selection.selectChild(accessible.getIndexInParent()),
                  f"selecting {name_of(accessible)!r} failed")
            return
        fail(f"{role_name(accessible)} {name_of(accessible)!r} cannot be activated "
             f"(actions: {names})")

    def type_text(self, entry, text):
        """Replaces the text of an editable widget, as typing it would."""
        editable = entry.queryEditableText()
        check(editable.setTextContents(text), f"could not type into {name_of(entry)!r}")

    def point_at_window(self):
        """Puts the pointer over the window, so that key presses reach it."""
        x11 = _X11()
        try:
            windows = x11.windows_of(self.process.pid)
        finally:
            x11.close()
        check(windows, "the window of hubdesk is not on the X server")
        Atspi.generate_mouse_event(40, 300, "abs")
        time.sleep(0.1)

    def press(self, keysym, control=False, shift=False):
        """Presses a key (an X keysym such as ord('f') or 0xffc2 for F5)."""
        self.point_at_window()
        mask = (4 if control else 0) | (1 if shift else 0)
        if mask:
            Atspi.generate_keyboard_event(mask, None, Atspi.KeySynthType.LOCKMODIFIERS)
        try:
            Atspi.generate_keyboard_event(keysym, None, Atspi.KeySynthType.SYM)
        finally:
            if mask:
                Atspi.generate_keyboard_event(mask, None, Atspi.KeySynthType.UNLOCKMODIFIERS)
        time.sleep(0.05)

    def pick(self, button, top, choice):
        """Opens the drop-down @button, whose first item is @top, and takes
        its item @choice, as with the keyboard: Home, Down to it, Enter. The
        keys go to its list once it shows."""
        def labelled(node, text):
            return any(text_of(label) == text for label in walk(node)
                       if role_name(label) == "label")

        self.click(button)
        choices = self.find("list", predicate=lambda node: labelled(node, top), root=self.app)
        items = [item for item in children(choices) if role_name(item) == "list item"]
        offered = [i for i, item in enumerate(items) if labelled(item, choice)]
        check(offered, f"the drop-down of {top!r} does not offer {choice!r}")
        self.press(0xff50)  # Home
        for _ in range(offered[0]):
            self.press(0xff54)  # Down
        self.press(0xff0d)  # Return

    def resize(self, width, height):
        x11 = _X11()
        try:
            windows = wait_for(lambda: x11.windows_of(self.process.pid), timeout=10,
                               what="the X window of hubdesk")
            for window in windows:
                x11.resize(window, width, height)
        finally:
            x11.close()

    # -- reading --

    def has(self, role=None, name=None):
        return self.first(role, name) is not None

    def sidebar_names(self):
        sidebar = self.find("list", self.sidebar_label())
        return [name_of(item) for item in children(sidebar) if role_name(item) == "list item"]

    def sidebar_label(self):
        return {"de": "Ansichten"}.get(self.language, "Views")

    def sidebar_row(self, title):
        sidebar = self.find("list", self.sidebar_label())
        return wait_for(lambda: next((i for i in children(sidebar) if name_of(i) == title), None),
                        what=f"the sidebar row {title!r}")

    def labels(self, root=None):
        return [text_of(node) for node in self.find_all("label", root=root)]

    def dump(self, root=None, depth=0, limit=400):
        root = root or self.frame()
        count = 0
        for node in walk(root):
            count += 1
            if count > limit:
                break
            log(f"{role_name(node)} {name_of(node)!r}")


def run(test):
    """Runs a test function with a time limit; exit status 0 when it passes."""
    limit = int(os.environ.get("HUBDESK_GUI_TEST_LIMIT", "150"))

    def on_alarm(signum, frame):
        raise TestFailure(f"the test took longer than {limit} s")

    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(limit)
    try:
        test()
    except TestFailure as error:
        print(f"FAIL: {error}", file=sys.stderr, flush=True)
        sys.exit(1)
    finally:
        signal.alarm(0)
    print("PASS", flush=True)
    sys.exit(0)


def make_demo_profile(directory, people=2000):
    """A profile filled by the demo generator (faster than --demo for big sets)."""
    subprocess.run([demo_program(), "--profile", directory, "--people", str(people)],
                   check=True, stdout=subprocess.DEVNULL, timeout=120)
    return directory


# ---- reading lists and tables ----

def rows_of(table):
    """The rows of a list or table as lists of the texts of their labels."""
    result = []
    for row in children(table):
        if role_name(row) in ("table row", "list item"):
            texts = [text_of(node) for node in walk(row) if role_name(node) == "label"]
            if texts:
                result.append(texts)
        else:
            result.extend(rows_of(row))
    return result


def parse_count(text):
    """"10,000 people" / "10.000 Personen" → 10000; None without a number."""
    digits = ""
    for char in text or "":
        if char.isdigit():
            digits += char
        elif char in ",. \u202f\u00a0'" and digits:
            continue
        elif digits:
            break
    return int(digits) if digits else None
