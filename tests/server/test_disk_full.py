#!/usr/bin/python3
# test_disk_full.py — a full disk (SQLite's page limit) gives 503
# storage_full, never 200; after the limit is lifted the same pushes succeed
# and nothing is lost
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import sqlite3
import sys

sys.dont_write_bytecode = True
from hdserver import Sequencer, Server, check, mutation, new_id, run_tests  # noqa: E402

S = Server('disk-full', ['--quiet'])
S.init()
HUB = S.add_hub('Hub F')
S.add_user('fritz')
S.grant('fritz', HUB)

db = sqlite3.connect(S.db)
PAGES = db.execute('PRAGMA page_count').fetchone()[0]
db.close()


def batch(seqr, n=20):
    return [mutation(seqr.next(), 'organization', new_id(), HUB, {'name': 'Full %d' % seqr.seq, 'notes': 'n' * 2000})
            for _ in range(n)]


def test_full_then_lifted():
    # room for the login and a few pushes, then no more
    S.start(['--max-db-pages', str(PAGES + 120)])
    c = S.client()
    token = c.login('fritz')
    seqr = Sequencer()
    acknowledged = []
    failed = None
    for _ in range(200):
        mutations = batch(seqr)
        r = c.push(token, seqr.client_id, mutations)
        check(r.status in (200, 503), 'only 200 or 503', r)
        if r.status == 503:
            check(r.code == 'storage_full', 'the code says the storage is full', r)
            failed = mutations
            break
        check(all(x['status'] == 'applied' for x in r.json['results']), 'applied', r)
        acknowledged.extend(m['id'] for m in mutations)
    check(failed is not None, 'the limit was reached')
    check(len(acknowledged) > 0, 'some pushes fitted before')
    for _ in range(3):
        r = c.push(token, seqr.client_id, failed)
        check(r.status == 503 and r.code == 'storage_full', 'again refused, never 200', r)
    r = c.pull(token)
    check(r.status == 200, 'reading still works', r)
    print('# %d mutations fitted, then storage_full' % len(acknowledged))
    S.stop()

    # the limit is lifted: the very same push goes through
    S.start()
    c = S.client()
    r = c.push(token, seqr.client_id, failed)
    check(r.status == 200 and all(x['status'] == 'applied' for x in r.json['results']), 'the same push now', r)
    acknowledged.extend(m['id'] for m in failed)
    r = c.push(token, seqr.client_id, failed)
    check(r.status == 200 and all(x['status'] == 'applied' for x in r.json['results']), 'and its replay', r)
    more = batch(seqr)
    r = c.push(token, seqr.client_id, more)
    check(r.status == 200, 'and new ones', r)
    acknowledged.extend(m['id'] for m in more)

    records, _, changes = c.pull_all(token)
    ids = [ch['id'] for ch in changes if ch['entity'] == 'organization']
    check(len(ids) == len(set(ids)), 'no doubles')
    check(set(ids) == set(acknowledged), 'nothing lost, nothing extra', len(ids), len(acknowledged))
    check(S.admin('check').stdout.strip() == 'ok', 'integrity_check')
    S.stop()


try:
    run_tests([('full_then_lifted', test_full_then_lifted)])
finally:
    S.stop()
    S.cleanup()
