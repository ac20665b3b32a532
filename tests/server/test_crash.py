#!/usr/bin/python3
# test_crash.py — SIGKILL under load, at least 30 times: every mutation
# whose 200 reached a client is there exactly once after the restart
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import random
import sqlite3
import sys
import threading
import time

sys.dont_write_bytecode = True
from hdserver import Client, Server, check, mutation, new_id, run_tests  # noqa: E402

ROUNDS = 30
CLIENTS = 20
BATCH = 20
RESTART_LIMIT = 5.0

S = Server('crash', ['--quiet'])
S.init()
HUB = S.add_hub('Hub K')
S.add_user('kai')
S.grant('kai', HUB)
S.start()
TOKEN = S.client().login('kai')


class Device:
    """A client with an outbox: a batch stays pending until a 200 comes."""

    def __init__(self, number):
        self.number = number
        self.client_id = new_id()
        self.next_seq = 1
        self.pending = None
        self.acknowledged = {}    # record id → seq

    def make_batch(self):
        batch = []
        for _ in range(BATCH):
            batch.append(mutation(self.next_seq, 'organization', new_id(), HUB,
                                  {'name': 'D%d-%d' % (self.number, self.next_seq)}))
            self.next_seq += 1
        return batch

    def push_pending(self, client):
        r = client.push(TOKEN, self.client_id, self.pending)
        check(r.status == 200, 'push', r)
        for m, result in zip(self.pending, r.json['results']):
            check(result['seq'] == m['seq'] and result['status'] == 'applied', 'result', result)
            self.acknowledged[m['id']] = m['seq']
        self.pending = None

    def run(self, port, stop):
        client = Client(port, timeout=10)
        while not stop.is_set():
            if self.pending is None:
                self.pending = self.make_batch()
            try:
                self.push_pending(client)
            except (OSError, Exception):  # noqa: BLE001 - the server was killed
                return
        client.close()


def test_kill_and_restart():
    devices = [Device(i) for i in range(CLIENTS)]
    restarts = []
    rng = random.Random(4)
    for round_number in range(ROUNDS):
        stop = threading.Event()
        threads = [threading.Thread(target=d.run, args=(S.port, stop)) for d in devices]
        for t in threads:
            t.start()
        time.sleep(rng.uniform(0.2, 0.9))
        S.kill()
        stop.set()
        for t in threads:
            t.join(30)
        check(not any(t.is_alive() for t in threads), 'clients stopped')
        S.start(timeout=30)
        restarts.append(S.start_seconds)
        check(S.start_seconds < RESTART_LIMIT, 'restart took %.2f s' % S.start_seconds)
        # what was in flight goes again, with the same seqs
        client = S.client()
        for d in devices:
            if d.pending is not None:
                d.push_pending(client)
        client.close()
    print('# %d restarts, slowest %.2f s, mean %.2f s' % (len(restarts), max(restarts),
                                                           sum(restarts) / len(restarts)))

    acknowledged = {rid: (d.number, seq) for d in devices for rid, seq in d.acknowledged.items()}
    sent = sum(d.next_seq - 1 for d in devices)
    check(len(acknowledged) == sent, 'every batch was acknowledged in the end', len(acknowledged), sent)
    records, _, changes = S.client().pull_all(TOKEN)
    organizations = [c for c in changes if c['entity'] == 'organization']
    ids = [c['id'] for c in organizations]
    check(len(ids) == len(set(ids)), 'no record twice in the feed')
    check(set(ids) == set(acknowledged), 'exactly the acknowledged records',
          len(set(ids) - set(acknowledged)), len(set(acknowledged) - set(ids)))
    for c in organizations:
        number, seq = acknowledged[c['id']]
        check(c['fields']['name'] == 'D%d-%d' % (number, seq), 'content', c)
    S.stop()
    db = sqlite3.connect(S.db)
    count = db.execute('SELECT COUNT(*) FROM rec_organization').fetchone()[0]
    check(db.execute('PRAGMA integrity_check').fetchone()[0] == 'ok', 'integrity')
    db.close()
    check(count == len(acknowledged), 'rows', count, len(acknowledged))
    print('# %d mutations acknowledged over %d kills' % (len(acknowledged), ROUNDS))


try:
    run_tests([('kill_and_restart', test_kill_and_restart)])
finally:
    S.stop()
    S.cleanup()
