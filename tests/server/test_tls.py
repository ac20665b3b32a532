#!/usr/bin/python3
# test_tls.py — HTTPS with --tls-cert / --tls-key
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import http.client
import os
import shutil
import socket
import ssl
import subprocess
import sys

sys.dont_write_bytecode = True
from hdserver import Server, check, run_tests  # noqa: E402

OPENSSL = shutil.which('openssl')
if OPENSSL is None:
    print('1..0 # SKIP openssl is not installed')
    sys.exit(0)

S = Server('tls')
S.init()
HUB = S.add_hub('Hub T')
S.add_user('tina')
S.grant('tina', HUB)
CERT = os.path.join(S.dir, 'cert.pem')
KEY = os.path.join(S.dir, 'key.pem')
subprocess.run([OPENSSL, 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', KEY, '-out', CERT,
                '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1'],
               check=True, capture_output=True, timeout=60)


def https(method, path, body=None, headers=None):
    context = ssl.create_default_context(cafile=CERT)
    conn = http.client.HTTPSConnection('127.0.0.1', S.port, context=context, timeout=10)
    conn.request(method, path, body=body, headers=headers or {})
    r = conn.getresponse()
    data = r.read()
    conn.close()
    return r.status, data


def test_https():
    S.start(['--tls-cert', CERT, '--tls-key', KEY])
    status, data = https('GET', '/api/v1/health')
    check(status == 200 and b'"status":"ok"' in data, 'health over TLS', status, data)
    body = ('{"username": "tina", "password": "%s"}' % __import__('hdserver').PASSWORDS['tina']).encode()
    status, data = https('POST', '/api/v1/login', body, {'Content-Type': 'application/json'})
    check(status == 200 and b'"token"' in data, 'login over TLS', status, data)


def test_plain_http_refused():
    s = socket.create_connection(('127.0.0.1', S.port), timeout=10)
    s.sendall(b'GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n')
    try:
        data = s.recv(4096)
    except ConnectionResetError:
        data = b''
    s.close()
    check(b'"status":"ok"' not in data, 'no plain HTTP on the TLS port', data[:100])
    status, _ = https('GET', '/api/v1/health')
    check(status == 200, 'still serving TLS')


def test_missing_key():
    r = subprocess.run([os.environ.get('HUBDESK_SERVER') or __import__('hdserver').SERVER, 'serve', '--db', S.db,
                        '--listen', '127.0.0.1:0', '--tls-cert', CERT],
                       capture_output=True, text=True, timeout=30)
    check(r.returncode != 0 and 'tls-key' in r.stderr, 'needs both files', r.stderr)


try:
    run_tests([(f.__name__[5:], f) for f in [test_https, test_plain_http_refused, test_missing_key]])
finally:
    S.stop()
    S.cleanup()
