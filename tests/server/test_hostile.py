#!/usr/bin/python3
# test_hostile.py — hostile input and hostile connections: clear 4xx, never
# a crash, slow and idle connections closed, memory bounded
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import select
import socket
import sys
import time

sys.dont_write_bytecode = True
from hdserver import Sequencer, Server, Skip, check, mutation, new_id, run_tests, sanitized  # noqa: E402

# Default timeouts on purpose: the defaults must close bad connections in
# time.
S = Server('hostile', ['--quiet'])
S.init()
HUB = S.add_hub('Hub H')
S.add_user('hedda')
S.grant('hedda', HUB)
S.start()
C = S.client()
TOKEN = C.login('hedda')
SEQ = Sequencer()
RSS = {}


def raw_exchange(data, read_timeout=10):
    """Sends @data on a fresh connection and returns what comes back."""
    s = socket.create_connection(('127.0.0.1', S.port), timeout=read_timeout)
    try:
        s.sendall(data)
        chunks = []
        while True:
            try:
                chunk = s.recv(65536)
            except (ConnectionResetError, socket.timeout):
                break
            if not chunk:
                break
            chunks.append(chunk)
            if b'\r\n\r\n' in b''.join(chunks) and _complete(b''.join(chunks)):
                break
        return b''.join(chunks)
    finally:
        s.close()


def _complete(data):
    head, _, body = data.partition(b'\r\n\r\n')
    for line in head.split(b'\r\n'):
        if line.lower().startswith(b'content-length:'):
            return len(body) >= int(line.split(b':')[1])
    return True


def head(method, path, headers=(), length=None, token=TOKEN):
    lines = ['%s %s HTTP/1.1' % (method, path), 'Host: 127.0.0.1']
    if token:
        lines.append('Authorization: Bearer ' + token)
    if length is not None:
        lines.append('Content-Length: %d' % length)
    lines.extend(headers)
    return ('\r\n'.join(lines) + '\r\n\r\n').encode()


def status_of(reply):
    check(reply.startswith(b'HTTP/1.1 ') or reply.startswith(b'HTTP/1.0 '), 'an HTTP answer', reply[:200])
    return int(reply[9:12])


def code_of(reply):
    body = reply.partition(b'\r\n\r\n')[2]
    return json.loads(body)['error']['code']


def test_warm_up():
    # one round of everything, so that the baseline includes lazy setup
    r = C.push(TOKEN, SEQ.client_id, [mutation(SEQ.next(), 'room', new_id(), HUB, {'name': 'Warm', 'capacity': 2})])
    check(r.status == 200, 'push', r)
    C.pull_all(TOKEN)
    RSS['start'] = S.rss_kib()


def test_deep_nesting():
    body = b'[' * 80000
    for path, token in (('/api/v1/push', TOKEN), ('/api/v1/login', None)):
        reply = raw_exchange(head('POST', path, ['Content-Type: application/json'], len(body), token) + body)
        check(status_of(reply) == 400 and code_of(reply) == 'too_deep', path, reply[:300])
    nested = b'{"client_id": "%s", "mutations": ' % SEQ.client_id.encode() + b'[' * 33 + b']' * 33 + b'}'
    r = C.request('POST', '/api/v1/push', raw=nested, token=TOKEN)
    check(r.status == 400 and r.code == 'too_deep', '33 levels', r)


def test_huge_body_not_read():
    # Only the head and 64 KiB of a 10 MiB body go out; the answer must
    # come anyway, so the server did not wait for (or keep) the rest.
    s = socket.create_connection(('127.0.0.1', S.port), timeout=10)
    s.sendall(head('POST', '/api/v1/push', ['Content-Type: application/json'], 10 * 1024 * 1024))
    s.sendall(b'[' * 65536)
    reply = s.recv(65536)
    check(status_of(reply) == 413 and code_of(reply) == 'payload_too_large', '413', reply[:300])
    check(b'Connection: close' in reply, 'closes', reply[:300])
    s.close()
    # and when the client sends all of it regardless
    s = socket.create_connection(('127.0.0.1', S.port), timeout=10)
    s.sendall(head('POST', '/api/v1/login', ['Content-Type: application/json'], 10 * 1024 * 1024, None))
    sent = 0
    try:
        while sent < 10 * 1024 * 1024:
            sent += s.send(b' ' * 65536)
    except (BrokenPipeError, ConnectionResetError):
        pass
    try:
        reply = s.recv(65536)
        check(reply == b'' or status_of(reply) == 413, '413 after a full send', reply[:200])
    except ConnectionResetError:
        pass
    s.close()
    r = C.request('POST', '/api/v1/push', {'client_id': new_id(), 'mutations': [
        mutation(1, 'organization', new_id(), HUB, {'name': 'x' * (1024 * 1024)})]}, token=TOKEN)
    check(r.status == 413, 'just over 1 MiB', r)


def test_length_required():
    reply = raw_exchange(head('POST', '/api/v1/push', ['Content-Type: application/json']))
    check(status_of(reply) == 411 and code_of(reply) == 'length_required', 'no Content-Length', reply[:300])
    chunked = head('POST', '/api/v1/push', ['Content-Type: application/json', 'Transfer-Encoding: chunked'])
    reply = raw_exchange(chunked + b'5\r\n[1,2]\r\n0\r\n\r\n')
    check(status_of(reply) == 411, 'chunked', reply[:300])


def test_bad_encoding_and_types():
    bad_utf8 = b'{"client_id": "\xff\xfe", "mutations": []}'
    r = C.request('POST', '/api/v1/push', raw=bad_utf8, token=TOKEN)
    check(r.status == 400 and r.code == 'invalid_encoding', 'invalid UTF-8', r)
    r = C.request('POST', '/api/v1/login', raw=b'{"username": "a\xc3", "password": "x"}')
    check(r.status == 400 and r.code == 'invalid_encoding', 'invalid UTF-8 at login', r)
    r = C.request('POST', '/api/v1/push', raw=b'\x00\x01\x02', token=TOKEN)
    check(r.status == 400, 'binary', r)
    r = C.request('POST', '/api/v1/push', raw=b'', token=TOKEN)
    check(r.status == 400, 'empty body', r)
    two = json.dumps({'client_id': new_id(), 'mutations': []}).encode()
    r = C.request('POST', '/api/v1/push', raw=two + b' {"more": [1, 2, 3]}', token=TOKEN)
    check(r.status == 400 and r.code == 'invalid_json', 'a second document after the first', r)
    for body in ({'client_id': new_id(), 'mutations': 'all'}, {'client_id': 7, 'mutations': []},
                 {'client_id': new_id(), 'mutations': [{'seq': 1.5}]}, 'text', None, 12):
        r = C.request('POST', '/api/v1/push', raw=json.dumps(body).encode(), token=TOKEN)
        check(r.status == 400 and r.code in ('bad_request', 'invalid_json'), 'wrong types %r' % (body,), r)
    r = C.request('POST', '/api/v1/push', {'client_id': new_id(), 'mutations': [
        mutation(1, 'user', new_id(), HUB, {'login': 'root'})]}, token=TOKEN)
    check(r.status == 400 and r.code == 'unknown_entity', 'unknown entity', r)
    fields = [{'capacity': '12'}, {'capacity': 1.5}, {'capacity': [1]}, {'name': {'x': 1}, 'capacity': 1},
              {'archived': 'yes', 'name': 'a', 'capacity': 1}, {'name': None, 'capacity': 1}]
    for f in fields:
        r = C.push(TOKEN, SEQ.client_id, [mutation(SEQ.next(), 'room', new_id(), HUB, f)])
        check(r.status == 200 and r.json['results'][0]['reason'] == 'invalid', 'field types %r' % f, r)


def test_sql_metacharacters():
    evil = "Robert'); DROP TABLE rec_room;-- \" OR 1=1 /* %s ? :x $1"
    rid = new_id()
    r = C.push(TOKEN, SEQ.client_id, [mutation(SEQ.next(), 'room', rid, HUB, {'name': evil, 'capacity': 3,
                                                                              'notes': "'; DELETE FROM users; --"})])
    check(r.status == 200 and r.json['results'][0]['status'] == 'applied', 'stored as text', r)
    records, _, _ = C.pull_all(TOKEN)
    check(records[rid]['fields']['name'] == evil, 'verbatim', records[rid])
    for bad_id in ("x' OR '1'='1", new_id() + "'--", '1; DROP TABLE changes'):
        r = C.push(TOKEN, SEQ.client_id, [mutation(SEQ.seq + 1, 'room', bad_id, HUB, {'name': 'x', 'capacity': 1})])
        check(r.status == 400, 'id %r' % bad_id, r)
        r = C.push(TOKEN, SEQ.client_id, [mutation(SEQ.seq + 1, 'room', new_id(), bad_id, {'name': 'x', 'capacity': 1})])
        check(r.status == 400, 'hub %r' % bad_id, r)
    for cursor in ("1%27%20OR%201=1", '1;DROP', '1%3Bx%27%20OR%20%271%27=0'):
        r = C.request('GET', '/api/v1/pull?cursor=' + cursor, token=TOKEN)
        check(r.status in (400, 410), 'cursor %r' % cursor, r)
    r = C.request('POST', '/api/v1/login', {'username': "' OR 1=1 --", 'password': "' OR ''='"})
    check(r.status == 401, 'login', r)
    check(C.pull(TOKEN).status == 200, 'still there')


def test_long_strings():
    # just under the body limit, far over any field's limit
    r = C.push(TOKEN, SEQ.client_id, [mutation(SEQ.next(), 'organization', new_id(), HUB,
                                               {'name': 'n', 'notes': 'y' * (1024 * 1024 - 400)})])
    check(r.status == 200 and r.json['results'][0]['reason'] == 'invalid', '1 MiB of notes', r.status)
    check(r.json['results'][0]['details']['field'] == 'notes', 'names notes', r.json['results'][0]['details'])
    r = C.push(TOKEN, SEQ.client_id, [mutation(SEQ.next(), 'organization', new_id(), HUB,
                                               {'name': 'n', 'tags': ['t'] * 100000})])
    check(r.status == 200 and r.json['results'][0]['reason'] == 'invalid', '100,000 tags', r.status)
    r = C.push(TOKEN, SEQ.client_id, [mutation(SEQ.next(), 'organization', new_id(), HUB,
                                               {'name': 'a\u0000b\u202e\ud7ff'})])
    check(r.status == 200, 'control characters', r)
    r = C.request('GET', '/api/v1/pull?cursor=' + '9' * 5000, token=TOKEN)
    check(r.status == 400, 'long cursor', r)


def test_bad_http():
    for data in (b'GARBAGE\r\n\r\n', b'GET /api/v1/health HTTP/9.9\r\n\r\n',
                 b'GET /api/v1/health HTTP/1.1\r\nHost: x\r\n' + b'X-A: ' + b'a' * 70000 + b'\r\n\r\n',
                 b'GET /api/v1/health HTTP/1.1\r\nHost: x\r\n' + b''.join(b'X-%d: 1\r\n' % i for i in range(8000)) + b'\r\n',
                 b'GET /api/v1/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n',
                 b'GET /api/v1/pull HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ' + b'\xff' * 43 + b'\r\n\r\n',
                 b'POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n',
                 b'POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n'):
        reply = raw_exchange(data)
        check(reply == b'' or 400 <= status_of(reply) < 500 or status_of(reply) == 505, 'bad request %r' % data[:40], reply[:200])
    check(C.request('GET', '/api/v1/health').status == 200, 'still serving')


def test_slow_and_idle_connections():
    idle = []
    for _ in range(500):
        idle.append(socket.create_connection(('127.0.0.1', S.port), timeout=5))
    slow = []
    for _ in range(10):
        s = socket.create_connection(('127.0.0.1', S.port), timeout=5)
        s.sendall(b'POST /api/v1/login HTTP/1.1\r\nHost: x\r\n')
        slow.append(s)
    began = time.monotonic()
    closed_at = {}
    syncs = 0
    header = b'X-Slow: ' + b'a' * 100
    while len(closed_at) < len(idle) + len(slow) and time.monotonic() - began < 40:
        # the slow ones go on sending, one byte a second
        for i, s in enumerate(slow):
            if s not in closed_at:
                try:
                    s.send(header[int(time.monotonic() - began) % len(header):][:1])
                except OSError:
                    closed_at[s] = time.monotonic() - began
        # a normal client keeps syncing meanwhile
        r = C.push(TOKEN, SEQ.client_id, [mutation(SEQ.next(), 'person', new_id(), HUB, {'given_name': 'Sync'})])
        check(r.status == 200 and r.json['results'][0]['status'] == 'applied', 'sync while under siege', r)
        check(C.pull(TOKEN).status == 200, 'pull while under siege')
        syncs += 1
        open_socks = [s for s in idle + slow if s not in closed_at]
        ready, _, _ = select.select(open_socks, [], [], 1.0)
        for s in ready:
            try:
                data = s.recv(4096)
            except OSError:
                data = b''
            if not data:
                closed_at[s] = time.monotonic() - began
    still_open = len(idle) + len(slow) - len(closed_at)
    for s in idle + slow:
        s.close()
    check(still_open == 0, '%d connections still open after 40 s' % still_open)
    slowest = max(closed_at.values())
    print('# 510 bad connections closed, the last after %.1f s; %d syncs meanwhile' % (slowest, syncs))
    check(slowest <= 30, 'closed within 30 s', slowest)
    check(syncs >= 10, 'the normal client kept syncing', syncs)


def test_memory_bounded():
    for _ in range(3):
        test_deep_nesting()
        test_huge_body_not_read()
        test_bad_encoding_and_types()
    time.sleep(1)
    RSS['end'] = S.rss_kib()
    growth = (RSS['end'] - RSS['start']) / 1024
    print('# server RSS %.1f MiB → %.1f MiB (+%.1f MiB)' % (RSS['start'] / 1024, RSS['end'] / 1024, growth))
    check(C.request('GET', '/api/v1/health').status == 200, 'alive')
    if sanitized():
        raise Skip('AddressSanitizer keeps freed memory in quarantine')
    check(growth < 20, 'RSS grew by %.1f MiB' % growth)


try:
    run_tests([(f.__name__[5:], f) for f in [
        test_warm_up, test_deep_nesting, test_huge_body_not_read, test_length_required,
        test_bad_encoding_and_types, test_sql_metacharacters, test_long_strings, test_bad_http,
        test_slow_and_idle_connections, test_memory_bounded]])
finally:
    S.stop()
    S.cleanup()
