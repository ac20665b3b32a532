#!/usr/bin/python3
# test_admin.py — the admin commands of hubdesk-server
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import hashlib
import os
import re
import sqlite3
import subprocess
import sys

sys.dont_write_bytecode = True
import hdserver  # noqa: E402
from hdserver import Server, check, run_tests  # noqa: E402

S = Server('admin')


def sha(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def test_needs_a_database():
    r = S.admin('list', expect_ok=False)
    check(r.returncode != 0 and 'init' in r.stderr, 'no database yet', r.stderr)
    r = subprocess.run([hdserver.SERVER, 'list'], capture_output=True, text=True)
    check(r.returncode != 0 and '--db' in r.stderr, 'no --db', r.stderr)
    r = subprocess.run([hdserver.SERVER, 'frobnicate'], capture_output=True, text=True)
    check(r.returncode == 2, 'unknown command', r)


def test_init_hubs_users():
    S.init()
    hub = S.add_hub('Digital Hub Test', 'Testregion', 'thematic')
    check(re.fullmatch(r'[0-9a-f-]{36}', hub) is not None, 'prints the hub id', hub)
    r = S.admin('add-hub', 'Digital Hub Test', '--region', 'X', expect_ok=False)
    check(r.returncode != 0, 'no second hub of that name')
    r = S.admin('add-hub', 'Bad', '--kind', 'imaginary', expect_ok=False)
    check(r.returncode != 0, 'kind is checked')
    S.add_user('ada', 'first-password', 'Ada Lovelace')
    r = S.admin('add-user', 'ada', '--name', 'Ada', stdin='x\n', expect_ok=False)
    check(r.returncode != 0, 'no second user of that login')
    r = S.admin('add-user', 'ben', stdin='', expect_ok=False)
    check(r.returncode != 0, 'no empty password')
    r = S.admin('add-user', 'ben', '--password', 'secret', stdin='x\n', expect_ok=False)
    check(r.returncode != 0, 'passwords are never arguments')
    S.grant('ada', 'Digital Hub Test', 'viewer')
    out = S.admin('list').stdout
    check('Digital Hub Test' in out and 'Ada Lovelace' in out and 'viewer: Digital Hub Test' in out, 'list', out)
    check('first-password' not in out and '$argon2id$' not in out, 'no secrets listed', out)
    S.grant('ada', hub, 'manager')
    check('manager: Digital Hub Test' in S.admin('list').stdout, 'grant by id changes the role')
    db = sqlite3.connect(S.db)
    stored = db.execute("SELECT password_hash FROM users WHERE login = 'ada'").fetchone()[0]
    db.close()
    check(stored.startswith('$argon2id$'), 'argon2id', stored[:12])


def test_login_passwd_revoke():
    S.start()
    c = S.client()
    token = c.login('ada', 'first-password')
    check(c.pull(token).status == 200, 'token works')
    S.admin('passwd', 'ada', stdin='second-password\n')
    check(c.pull(token).status == 401, 'a new password signs out everywhere')
    r = c.request('POST', '/api/v1/login', {'username': 'ada', 'password': 'first-password'})
    check(r.status == 401, 'old password', r)
    token = c.login('ada', 'second-password')
    hubs = c.pull(token).json['hubs']
    check(len(hubs) == 1 and hubs[0]['role'] == 'manager', 'member', hubs)
    S.revoke('ada', 'Digital Hub Test')
    check(c.pull(token).json['hubs'] == [], 'revoked')
    r = S.admin('revoke', 'ada', 'Digital Hub Test', expect_ok=False)
    check(r.returncode != 0, 'revoke twice')
    r = S.admin('grant', 'nobody', 'Digital Hub Test', expect_ok=False)
    check(r.returncode != 0, 'unknown user')
    r = S.admin('grant', 'ada', 'No such hub', expect_ok=False)
    check(r.returncode != 0, 'unknown hub')
    S.stop()


def test_demo():
    demo = Server('demo')
    try:
        out = demo.admin('demo').stdout
        check(len(re.findall(r'^[0-9a-f-]{36}  ', out, re.M)) == 13, 'thirteen hubs', out)
        for name in ('Digital Hub Nordschwarzwald', 'DIGIHUB Südbaden', 'de:hub Karlsruhe',
                     'Digitalisierungszentrum Ulm | Alb-Donau | Biberach', 'kurpfalz@bw'):
            check(name in out, name, out)
        login = re.search(r'^Demo login: (\S+)$', out, re.M)
        password = re.search(r'^Demo password: (\S+)$', out, re.M)
        check(login and password, 'prints the login', out)
        demo.start()
        c = demo.client()
        token = c.login(login.group(1), password.group(1))
        r = c.pull(token)
        check(len(r.json['hubs']) == 13 and all(h['role'] == 'manager' for h in r.json['hubs']), 'manages all', r)
        kinds = [ch['fields']['kind'] for ch in r.json['changes'] if ch['entity'] == 'hub']
        check(kinds.count('thematic') == 3 and kinds.count('regional') == 10, 'ten regional, three thematic', kinds)
        demo.stop()
        out = demo.admin('demo').stdout
        check(out.count('\n') >= 14 and 'Demo password' not in out, 'a second run adds nothing', out)
    finally:
        demo.stop()
        demo.cleanup()


def test_example_config():
    example = os.path.join(os.environ.get('HUBDESK_SRCDIR', os.path.join(os.path.dirname(__file__), '..', '..')),
                           'data', 'server', 'server.conf.example')
    lines = [line for line in open(example, encoding='utf-8') if not line.startswith('tls-')]
    config = os.path.join(S.dir, 'server.conf')
    with open(config, 'w', encoding='utf-8') as f:
        f.writelines(lines)
    S.start(['--config', config])
    try:
        check(S.client().request('GET', '/api/v1/health').status == 200, 'serves with the example settings')
    finally:
        S.stop()
    with open(config, 'a', encoding='utf-8') as f:
        f.write('idle-timeout=soon\n')
    r = S.admin('serve', '--config', config, expect_ok=False)
    check(r.returncode != 0 and 'idle-timeout' in r.stderr, 'a bad value is named', r.stderr)


def test_newer_database_refused():
    db = sqlite3.connect(S.db)
    db.execute('PRAGMA user_version = 99')
    db.commit()
    db.close()
    before = sha(S.db)
    for args in (('list',), ('add-hub', 'Late'), ('serve', '--listen', '127.0.0.1:0')):
        r = S.admin(*args, expect_ok=False)
        check(r.returncode != 0 and 'newer' in r.stderr, 'refused: %s' % (args,), r.stderr)
    check(sha(S.db) == before, 'left untouched')


try:
    run_tests([(f.__name__[5:], f) for f in [test_needs_a_database, test_init_hubs_users,
                                              test_login_passwd_revoke, test_demo,
                                              test_example_config, test_newer_database_refused]])
finally:
    S.stop()
    S.cleanup()
