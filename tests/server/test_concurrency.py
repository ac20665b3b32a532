#!/usr/bin/python3
# test_concurrency.py — many clients at once: one winner per field, exactly
# once under repeated pushes, never more seats than a room has
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import datetime
import sqlite3
import sys
import threading

sys.dont_write_bytecode = True
from hdserver import Client, Sequencer, Server, check, mutation, new_id, run_tests, sanitized  # noqa: E402

S = Server('concurrency', ['--quiet'])
S.init()
HUB = S.add_hub('Hub C')
S.add_user('carla')
S.grant('carla', HUB)
S.start()
TOKEN = S.client().login('carla')


def run_threads(n, target):
    barrier = threading.Barrier(n)
    errors = []

    def body(i):
        try:
            barrier.wait(30)
            target(i)
        except Exception as error:  # noqa: BLE001 - collected and reported below
            errors.append('%d: %r' % (i, error))

    threads = [threading.Thread(target=body, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(600)
    check(not any(t.is_alive() for t in threads), 'threads did not finish')
    check(not errors, 'errors in threads', errors[:5])


def test_one_winner_per_field():
    c = S.client()
    seqr = Sequencer()
    rid = new_id()
    r = c.push(TOKEN, seqr.client_id, [mutation(1, 'organization', rid, HUB, {'name': 'Start'})])
    base = r.json['results'][0]['version']
    results = [None] * 100

    def edit(i):
        client = S.client()
        r = client.push(TOKEN, new_id(), [mutation(1, 'organization', rid, HUB, {'name': 'Name %d' % i}, base)])
        check(r.status == 200, 'push', r)
        results[i] = r.json['results'][0]
        client.close()

    run_threads(100, edit)
    statuses = [r['status'] for r in results]
    check(statuses.count('applied') == 1 and statuses.count('conflict') == 99,
          'exactly one applied and 99 conflicts',
          {s: statuses.count(s) for s in set(statuses)})
    winner = statuses.index('applied')
    records, _, _ = c.pull_all(TOKEN)
    check(records[rid]['fields']['name'] == 'Name %d' % winner, 'the winner is stored', records[rid])
    for r in results:
        if r['status'] == 'conflict':
            check(r['conflict_fields'] == ['name'] and r['record']['fields']['name'] == 'Name %d' % winner,
                  'each conflict shows the winner', r)


# Under AddressSanitizer everything runs several times slower: the same
# test with a fifth of the mutations per client.
PER_CLIENT = 200 if sanitized() else 1000


def test_exactly_once_under_repeats():
    clients, per_client, batch = 50, PER_CLIENT, 100
    bad = []
    ids_of = {}

    def work(i):
        client = S.client()
        client_id = new_id()
        ids = []
        for start in range(0, per_client, batch):
            mutations = []
            for seq in range(start + 1, start + batch + 1):
                rid = new_id()
                ids.append(rid)
                mutations.append(mutation(seq, 'person', rid, HUB,
                                          {'given_name': 'C%d' % i, 'family_name': 'S%d' % seq}))
            answers = []
            # every push three times: twice at once on two connections, then again
            twin = S.client()
            pair = [None, None]

            def send(slot, conn):
                pair[slot] = conn.push(TOKEN, client_id, mutations)
            t = threading.Thread(target=send, args=(1, twin))
            t.start()
            send(0, client)
            t.join(120)
            twin.close()
            answers.extend(pair)
            answers.append(client.push(TOKEN, client_id, mutations))
            for a in answers:
                if a is None or a.status != 200:
                    bad.append(repr(a))
                    return
            first = answers[0].json['results']
            if any(x['status'] != 'applied' for x in first):
                bad.append('not applied: %r' % first[:1])
            if not (answers[0].raw == answers[1].raw == answers[2].raw):
                bad.append('the three answers differ')
        ids_of[i] = ids
        client.close()

    run_threads(clients, work)
    check(not bad, 'failed pushes', bad[:5])
    all_ids = [rid for i in range(clients) for rid in ids_of[i]]
    total = clients * per_client
    check(len(all_ids) == total, 'sent', len(all_ids))

    S.stop()
    try:
        db = sqlite3.connect(S.db)
        count = db.execute("SELECT COUNT(*) FROM rec_person WHERE given_name LIKE 'C%'").fetchone()[0]
        distinct = db.execute("SELECT COUNT(DISTINCT id) FROM rec_person WHERE given_name LIKE 'C%'").fetchone()[0]
        feed = db.execute("SELECT COUNT(*) FROM changes WHERE entity = 7").fetchone()[0]
        results = db.execute('SELECT COUNT(*) FROM results').fetchone()[0]
        db.close()
    finally:
        S.start()
    check(count == total and distinct == total, 'exactly %d records' % total, count, distinct)
    check(feed >= total, 'one feed row each', feed)
    check(results >= total, 'a stored result for each seq', results)
    check(S.admin('check').stdout.strip() == 'ok', 'integrity_check')
    records, _, _ = S.client().pull_all(TOKEN)
    pulled = [rid for rid in all_ids if rid in records]
    check(len(pulled) == total, 'all pulled once', len(pulled))
    print('# %d clients x %d mutations, each push sent 3 times: %d records' % (clients, per_client, count))


def test_room_never_overbooked():
    c = S.client()
    seqr = Sequencer()
    room = new_id()
    capacity = 10
    r = c.push(TOKEN, seqr.client_id, [mutation(1, 'room', room, HUB, {'name': 'Hot room', 'capacity': capacity})])
    check(r.json['results'][0]['status'] == 'applied', 'room', r)
    day = datetime.datetime.now(datetime.timezone.utc).replace(hour=8, minute=0, second=0, microsecond=0)
    day += datetime.timedelta(days=14)
    answers = {}

    def book(i):
        client = S.client()
        start = day + datetime.timedelta(minutes=30 * (i % 4))
        end = start + datetime.timedelta(hours=2)
        fields = {'room_id': room, 'title': 'B%d' % i, 'seats': 2 + i % 4,
                  'starts_at': start.strftime('%Y-%m-%dT%H:%M:%SZ'),
                  'ends_at': end.strftime('%Y-%m-%dT%H:%M:%SZ')}
        r = client.push(TOKEN, new_id(), [mutation(1, 'booking', new_id(), HUB, fields)])
        check(r.status == 200, 'push', r)
        answers[i] = (fields, r.json['results'][0])
        client.close()

    run_threads(20, book)
    accepted = [f for f, res in answers.values() if res['status'] == 'applied']
    refused = [res for f, res in answers.values() if res['status'] != 'applied']
    check(accepted and refused, 'some fit, some do not', len(accepted), len(refused))
    for res in refused:
        check(res['status'] == 'rejected' and res['reason'] == 'room_unavailable', 'refusal reason', res)
        check(res['details']['clashes'], 'names the clashes', res)
    # the stored bookings never need more seats than the room has
    records, _, _ = c.pull_all(TOKEN)
    stored = [ch['fields'] for ch in records.values()
              if ch['entity'] == 'booking' and not ch['deleted'] and ch['fields']['room_id'] == room]
    check(len(stored) == len(accepted), 'stored = accepted', len(stored), len(accepted))
    edges = sorted([(f['starts_at'], 1, f['seats']) for f in stored] + [(f['ends_at'], 0, f['seats']) for f in stored])
    load = peak = 0
    for _, is_start, seats in edges:
        load += seats if is_start else -seats
        peak = max(peak, load)
    check(peak <= capacity, 'never over capacity', peak)


try:
    run_tests([(f.__name__[5:], f) for f in [
        test_one_winner_per_field, test_exactly_once_under_repeats, test_room_never_overbooked]])
finally:
    S.stop()
    S.cleanup()
