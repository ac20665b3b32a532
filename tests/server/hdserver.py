# hdserver.py — runs a real hubdesk-server on loopback for the server tests
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Only the Python standard library: the tests talk HTTP/1.1 over plain
# sockets (http.client) to the server process, the way a client would.

import atexit
import http.client
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid

SERVER = os.environ.get('HUBDESK_SERVER') or os.path.join(
    os.environ.get('HUBDESK_BUILDDIR', '.'), 'src', 'server', 'hubdesk-server')

PASSWORDS = {}

# Under the sanitizer build, leaks of the libraries underneath are not ours.
os.environ.setdefault('LSAN_OPTIONS', 'suppressions=' + os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                                   'lsan.supp'))
# (full stacks, so that the suppressions can match)
os.environ.setdefault('ASAN_OPTIONS', 'fast_unwind_on_malloc=0:malloc_context_size=30')


def new_id():
    return str(uuid.uuid4())


class Failure(Exception):
    pass


class Skip(Exception):
    pass


def sanitized():
    """Whether the server was built with AddressSanitizer (whose quarantine
    makes memory figures meaningless)."""
    with open(SERVER, 'rb') as f:
        return b'__asan_init' in f.read()


def check(condition, message, *details):
    if not condition:
        raise Failure(message + (': ' + ' | '.join(repr(d)[:800] for d in details) if details else ''))


class Server:
    """A hubdesk-server process with its own database in a temporary folder."""

    def __init__(self, name='server', args=(), keep_dir=None):
        self.dir = keep_dir or tempfile.mkdtemp(prefix='hubdesk-' + name + '-')
        self.db = os.path.join(self.dir, 'server.db')
        self.args = list(args)
        self.proc = None
        self.port = None
        self.log_path = os.path.join(self.dir, 'server.log')
        self.log = None
        self.log_offset = 0
        self.start_seconds = None
        # whatever happens, no process and no folder stay behind
        atexit.register(self.cleanup)

    # admin commands

    def admin(self, *args, stdin=None, expect_ok=True):
        result = subprocess.run([SERVER] + list(args) + ['--db', self.db],
                                input=stdin, capture_output=True, text=True, timeout=60)
        if expect_ok and result.returncode != 0:
            raise Failure('hubdesk-server %s failed: %s %s' % (args[0], result.stdout, result.stderr))
        return result

    def init(self):
        self.admin('init')

    def add_hub(self, name, region='Region', kind='regional'):
        return self.admin('add-hub', name, '--region', region, '--kind', kind).stdout.strip()

    def add_user(self, login, password=None, name=None):
        password = password or ('pw-' + login + '-' + uuid.uuid4().hex[:8])
        PASSWORDS[login] = password
        self.admin('add-user', login, '--name', name or login.title(), stdin=password + '\n')
        return password

    def grant(self, login, hub, role='manager'):
        self.admin('grant', login, hub, '--role', role)

    def revoke(self, login, hub):
        self.admin('revoke', login, hub)

    def token(self, login, lifetime='30d'):
        return self.admin('token', login, '--lifetime', lifetime).stdout.strip()

    # the process

    def start(self, extra=(), timeout=10.0):
        self.log = open(self.log_path, 'ab')
        self.log_offset = self.log.tell()
        began = time.monotonic()
        self.proc = subprocess.Popen([SERVER, 'serve', '--db', self.db, '--listen', '127.0.0.1:0']
                                     + self.args + list(extra),
                                     stdout=subprocess.PIPE, stderr=self.log)
        line = b''
        deadline = began + timeout
        while not line.endswith(b'\n'):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.kill()
                raise Failure('the server did not start within %.0f s' % timeout)
            ready, _, _ = select.select([self.proc.stdout], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(self.proc.stdout.fileno(), 1)
            if not chunk:
                raise Failure('the server exited at start: ' + self.tail_log())
            line += chunk
        self.start_seconds = time.monotonic() - began
        match = re.search(rb':(\d+)/', line)
        check(match is not None, 'no port in the first line', line)
        self.port = int(match.group(1))
        return self

    def stop(self):
        if self.proc is None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.proc.stdout.close()
        self.proc = None
        if self.log:
            self.log.close()
            self.log = None
        self.check_log()

    def check_log(self):
        """Under the sanitizer build, any report of the server fails the test."""
        with open(self.log_path, 'rb') as f:
            f.seek(self.log_offset)
            log = f.read()
        for marker in (b'ERROR: AddressSanitizer', b'ERROR: LeakSanitizer', b'runtime error:',
                       b'CRITICAL', b'-WARNING **'):
            if marker in log:
                at = log.index(marker)
                raise Failure('the server reported a problem: ' +
                              log[max(0, at - 200):at + 3000].decode('utf-8', 'replace'))

    def kill(self):
        if self.proc is None:
            return
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)
        self.proc.stdout.close()
        self.proc = None
        if self.log:
            self.log.close()
            self.log = None

    def rss_kib(self):
        with open('/proc/%d/status' % self.proc.pid) as status:
            for line in status:
                if line.startswith('VmRSS:'):
                    return int(line.split()[1])
        return 0

    def tail_log(self, lines=30):
        try:
            with open(self.log_path, 'rb') as f:
                return b'\n'.join(f.read().splitlines()[-lines:]).decode('utf-8', 'replace')
        except OSError:
            return ''

    def cleanup(self):
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait(timeout=10)
            self.proc = None
        shutil.rmtree(self.dir, ignore_errors=True)

    def client(self):
        return Client(self.port)


class Response:
    def __init__(self, status, body, headers):
        self.status = status
        self.raw = body
        self.headers = headers
        try:
            self.json = json.loads(body) if body else None
        except ValueError:
            self.json = None

    @property
    def code(self):
        if self.json and isinstance(self.json, dict) and 'error' in self.json:
            return self.json['error'].get('code')
        return None

    def __repr__(self):
        return '<%d %s>' % (self.status, self.raw[:300])


class Client:
    """One keep-alive HTTP connection, reopened when the server closes it."""

    def __init__(self, port, timeout=60):
        self.port = port
        self.timeout = timeout
        self.conn = None

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def request(self, method, path, body=None, token=None, headers=None, raw=None, retry=True):
        h = {}
        data = None
        if body is not None:
            data = json.dumps(body).encode('utf-8')
        if raw is not None:
            data = raw
        if data is not None:
            h['Content-Type'] = 'application/json'
        if token is not None:
            h['Authorization'] = 'Bearer ' + token
        if headers:
            h.update(headers)
        for attempt in (0, 1):
            if self.conn is None:
                self.conn = http.client.HTTPConnection('127.0.0.1', self.port, timeout=self.timeout)
            try:
                self.conn.request(method, path, body=data, headers=h)
                r = self.conn.getresponse()
                payload = r.read()
                if r.getheader('Connection', '').lower() == 'close':
                    self.close()
                return Response(r.status, payload, dict(r.getheaders()))
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError,
                    http.client.CannotSendRequest, http.client.ResponseNotReady):
                self.close()
                if attempt == 1 or not retry:
                    raise
        raise Failure('unreachable')

    def login(self, login, password=None, device='tests'):
        r = self.request('POST', '/api/v1/login',
                         {'username': login, 'password': password or PASSWORDS[login], 'device': device})
        check(r.status == 200, 'login of %s failed' % login, r)
        return r.json['token']

    def push(self, token, client_id, mutations):
        return self.request('POST', '/api/v1/push', {'client_id': client_id, 'mutations': mutations},
                            token=token)

    def pull(self, token, cursor=None, limit=None):
        query = []
        if cursor is not None:
            query.append('cursor=' + cursor)
        if limit is not None:
            query.append('limit=%d' % limit)
        return self.request('GET', '/api/v1/pull' + ('?' + '&'.join(query) if query else ''),
                            token=token)

    def pull_all(self, token, cursor=None, limit=5000):
        """Every change after cursor, as {id: change}, and the final cursor."""
        records = {}
        changes = []
        for _ in range(10000):
            r = self.pull(token, cursor, limit)
            check(r.status == 200, 'pull failed', r)
            for change in r.json['changes']:
                changes.append(change)
                records[change['id']] = change
            cursor = r.json['cursor']
            if not r.json['has_more']:
                return records, cursor, changes
        raise Failure('pull did not end')


def mutation(seq, entity, record_id, hub, fields=None, base=0, op='upsert'):
    m = {'seq': seq, 'entity': entity, 'id': record_id, 'hub_id': hub, 'op': op,
         'base_version': base}
    if fields is not None or op == 'upsert':
        m['fields'] = fields or {}
    return m


class Sequencer:
    """A client_id and its next seq."""

    def __init__(self):
        self.client_id = new_id()
        self.seq = 0

    def next(self):
        self.seq += 1
        return self.seq


def run_tests(tests):
    """Runs named test functions in order, prints TAP, exits non-zero on failure."""
    print('1..%d' % len(tests), flush=True)
    failed = 0
    for number, (name, func) in enumerate(tests, 1):
        began = time.monotonic()
        try:
            func()
        except Skip as reason:
            print('ok %d - %s # SKIP %s' % (number, name, reason), flush=True)
            continue
        except Exception as error:  # noqa: BLE001 - report every failure as TAP
            failed += 1
            print('not ok %d - %s' % (number, name), flush=True)
            for line in ('%s: %s' % (type(error).__name__, error)).splitlines():
                print('# ' + line, flush=True)
            import traceback
            for line in traceback.format_exc().splitlines():
                print('# ' + line, flush=True)
        else:
            print('ok %d - %s # %.1f s' % (number, name, time.monotonic() - began), flush=True)
    sys.exit(1 if failed else 0)
