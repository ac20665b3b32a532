#!/usr/bin/python3
# test_protocol.py — every endpoint and status of sync protocol v1 (DESIGN §3)
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import datetime
import socket
import threading
import time

import sys
sys.dont_write_bytecode = True
from hdserver import (Client, Sequencer, Server, check, mutation, new_id, run_tests)

S = Server('protocol')
S.init()
HUB_A = S.add_hub('Hub A', 'Region A')
HUB_B = S.add_hub('Hub B', 'Region B', 'thematic')
S.add_user('anna')
S.add_user('bert')
S.add_user('mia')
S.add_user('thea')
S.add_user('gina')
S.grant('anna', HUB_A)
S.grant('bert', HUB_B)
S.grant('mia', HUB_A)
S.grant('mia', HUB_B)
S.grant('thea', HUB_A)
S.grant('gina', HUB_A)
S.start()
C = S.client()
ANNA = C.login('anna')
BERT = C.login('bert')
MIA = C.login('mia')


def ts(days, hours=0, minutes=0):
    base = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0, second=0, minute=0)
    moment = base + datetime.timedelta(days=days, hours=hours, minutes=minutes)
    return moment.strftime('%Y-%m-%dT%H:%M:%SZ')


def push_one(token, seqr, entity, record_id, hub, fields=None, base=0, op='upsert'):
    r = C.push(token, seqr.client_id, [mutation(seqr.next(), entity, record_id, hub, fields, base, op)])
    check(r.status == 200, 'push failed', r)
    return r.json['results'][0]


def create(token, seqr, entity, hub, fields):
    record_id = new_id()
    result = push_one(token, seqr, entity, record_id, hub, fields)
    check(result['status'] == 'applied', 'create of %s not applied' % entity, result)
    return record_id, result['version']


# health, login, logout ------------------------------------------------------

def test_health():
    r = C.request('GET', '/api/v1/health')
    check(r.status == 200, 'health', r)
    check(r.json['status'] == 'ok' and r.json['protocol'] == 1 and isinstance(r.json['version'], str),
          'health shape', r)


def test_login_shape():
    r = C.request('POST', '/api/v1/login', {'username': 'mia', 'password': __import__('hdserver').PASSWORDS['mia'],
                                            'device': 'laptop'})
    check(r.status == 200, 'login', r)
    j = r.json
    check(isinstance(j['token'], str) and len(j['token']) == 43, 'token', j)
    check(j['user']['name'] == 'Mia' and isinstance(j['user']['id'], str), 'user', j)
    hubs = sorted((h['id'], h['role']) for h in j['hubs'])
    check(hubs == sorted([(HUB_A, 'manager'), (HUB_B, 'manager')]), 'hubs', j)
    for h in j['hubs']:
        check(h['name'] in ('Hub A', 'Hub B'), 'hub name', h)


def test_login_errors():
    r = C.request('POST', '/api/v1/login', {'username': 'anna', 'password': 'wrong'})
    check(r.status == 401 and r.code == 'invalid_credentials', 'wrong password', r)
    r = C.request('POST', '/api/v1/login', {'username': 'nobody', 'password': 'x'})
    check(r.status == 401 and r.code == 'invalid_credentials', 'unknown user', r)
    r = C.request('POST', '/api/v1/login', {'username': 'anna'})
    check(r.status == 400 and r.code == 'bad_request', 'no password', r)
    r = C.request('POST', '/api/v1/login', {'username': 5, 'password': 'x'})
    check(r.status == 400, 'wrong type', r)
    r = C.request('POST', '/api/v1/login', raw=b'{"username": "anna", ')
    check(r.status == 400 and r.code == 'invalid_json', 'broken json', r)


def test_login_throttle():
    # thea: eleven failures; then even the right password is refused, for
    # thea only; anna still signs in.
    for i in range(10):
        r = C.request('POST', '/api/v1/login', {'username': 'thea', 'password': 'bad%d' % i})
        check(r.status == 401, 'failure %d' % i, r)
    r = C.request('POST', '/api/v1/login', {'username': 'thea',
                                            'password': __import__('hdserver').PASSWORDS['thea']})
    check(r.status == 429 and r.code == 'too_many_attempts', 'throttled', r)
    check(int(r.headers.get('Retry-After', '0')) >= 1, 'Retry-After', r.headers)
    r = C.request('POST', '/api/v1/login', {'username': 'THEA', 'password': 'again'})
    check(r.status == 429, 'throttle ignores case of the login', r)
    token = C.login('anna')
    check(len(token) == 43, 'another account is not throttled')


def test_logout():
    token = C.login('anna', device='to-log-out')
    r = C.pull(token)
    check(r.status == 200, 'pull before logout', r)
    r = C.request('POST', '/api/v1/logout', token=token, raw=b'')
    check(r.status == 204 and r.raw == b'', 'logout', r)
    r = C.pull(token)
    check(r.status == 401 and r.code == 'unauthorized', 'token after logout', r)
    r = C.request('POST', '/api/v1/logout', token=token, raw=b'')
    check(r.status == 401, 'logout twice', r)
    r = C.request('POST', '/api/v1/logout', raw=b'')
    check(r.status == 401, 'logout without token', r)


# pull -----------------------------------------------------------------------

def test_pull_shape_and_pages():
    token = C.login('bert')
    seqr = Sequencer()
    _, cursor, _ = C.pull_all(token)
    ids = [create(token, seqr, 'organization', HUB_B, {'name': 'Org %d' % i})[0] for i in range(7)]
    seen = []
    versions = []
    pages = 0
    while True:
        r = C.pull(token, cursor, 3)
        check(r.status == 200, 'pull page', r)
        j = r.json
        check(set(j) == {'changes', 'cursor', 'has_more', 'hubs'}, 'pull keys', j)
        check(len(j['changes']) <= 3, 'limit', j)
        for change in j['changes']:
            check(set(['entity', 'id', 'hub_id', 'version', 'deleted', 'fields']) <= set(change), 'change keys', change)
            check(change['hub_id'] == HUB_B, 'only own hub', change)
            seen.append(change['id'])
            versions.append(change['version'])
        check(j['hubs'] == [{'id': HUB_B, 'name': 'Hub B', 'role': 'manager'}], 'hubs', j['hubs'])
        cursor = j['cursor']
        pages += 1
        if not j['has_more']:
            break
        check(pages < 10, 'too many pages')
    check(seen == ids, 'all seven in order', seen, ids)
    check(versions == sorted(versions), 'version order', versions)
    check(pages == 3, 'three pages', pages)
    r = C.pull(token, cursor)
    check(r.status == 200 and r.json['changes'] == [] and r.json['has_more'] is False, 'nothing new', r)


def test_pull_from_start_has_hub():
    token = C.login('anna')
    records, _, _ = C.pull_all(token)
    check(HUB_A in records and records[HUB_A]['entity'] == 'hub', 'the hub record', list(records)[:5])
    check(records[HUB_A]['fields']['name'] == 'Hub A', 'hub fields', records[HUB_A])
    check(HUB_B not in records, 'not the other hub')


def test_pull_bad_parameters():
    for query in ('limit=0', 'limit=5001', 'limit=abc', 'cursor=abc', 'cursor=1;x=2', 'cursor=-5'):
        r = C.request('GET', '/api/v1/pull?' + query, token=ANNA)
        check(r.status == 400 and r.code == 'bad_request', query, r)
    r = C.pull(ANNA, '999999999')
    check(r.status == 410 and r.code == 'reset_required', 'cursor from the future', r)


def test_pull_tombstones():
    seqr = Sequencer()
    _, cursor, _ = C.pull_all(ANNA)
    rid, version = create(ANNA, seqr, 'person', HUB_A, {'given_name': 'Tom', 'email': 'tom@example.org'})
    result = push_one(ANNA, seqr, 'person', rid, HUB_A, None, version, 'delete')
    check(result['status'] == 'applied', 'delete', result)
    records, _, _ = C.pull_all(ANNA, cursor)
    check(records[rid]['deleted'] is True and records[rid]['fields'] == {}, 'tombstone without data', records[rid])


def test_reset_required_after_purge():
    seqr = Sequencer()
    _, old_cursor, _ = C.pull_all(ANNA)
    rid, version = create(ANNA, seqr, 'organization', HUB_A, {'name': 'Gone GmbH'})
    push_one(ANNA, seqr, 'organization', rid, HUB_A, None, version, 'delete')
    S.admin('purge', '--older-than', '0s')
    r = C.pull(ANNA, old_cursor)
    check(r.status == 410 and r.code == 'reset_required', 'old cursor', r)
    records, _, _ = C.pull_all(ANNA)
    check(rid not in records, 'purged tombstone is gone from a full pull')


def test_reset_required_by_retention():
    # A second server whose retention is one second.
    other = Server('retention', ['--tombstone-retention', '1s', '--maintenance-interval', '1s', '--quiet'])
    try:
        other.init()
        hub = other.add_hub('Hub R')
        other.add_user('rosa')
        other.grant('rosa', hub)
        other.start()
        c = other.client()
        token = c.login('rosa')
        seqr = Sequencer()
        _, old_cursor, _ = c.pull_all(token)
        rid = new_id()
        r = c.push(token, seqr.client_id, [mutation(seqr.next(), 'room', rid, hub, {'name': 'R', 'capacity': 2})])
        version = r.json['results'][0]['version']
        r = c.push(token, seqr.client_id, [mutation(seqr.next(), 'room', rid, hub, None, version, 'delete')])
        check(r.json['results'][0]['status'] == 'applied', 'delete', r)
        status = None
        for _ in range(100):
            status = c.pull(token, old_cursor).status
            if status == 410:
                break
            time.sleep(0.1)
        check(status == 410, 'retention purged the tombstone', status)
    finally:
        other.stop()
        other.cleanup()


def test_pull_after_grant_and_revoke():
    gina = C.login('gina')
    older = create(MIA, Sequencer(), 'organization', HUB_B, {'name': 'Made before the grant'})[0]
    _, cursor, _ = C.pull_all(gina)
    r = C.request('GET', '/api/v1/wait?cursor=%s&timeout=0' % cursor, token=gina)
    check(r.json == {'changed': False}, 'nothing to wait for', r)
    S.grant('gina', 'Hub B', 'viewer')
    r = C.request('GET', '/api/v1/wait?cursor=%s&timeout=30' % cursor, token=gina)
    check(r.json == {'changed': True}, 'the grant wakes her', r)
    records, cursor2, _ = C.pull_all(gina, cursor, limit=2)
    check(older in records and HUB_B in records, 'older records of the new hub arrive', len(records))
    r = C.pull(gina, cursor2)
    check(r.json['changes'] == [] and {h['id'] for h in r.json['hubs']} == {HUB_A, HUB_B}, 'both hubs', r)
    S.revoke('gina', 'Hub B')
    r = C.pull(gina, cursor2)
    check([h['id'] for h in r.json['hubs']] == [HUB_A], 'revoked hub is no longer listed', r)
    newer = create(MIA, Sequencer(), 'organization', HUB_B, {'name': 'After the revocation'})[0]
    records, _, _ = C.pull_all(gina, cursor2)
    check(newer not in records, 'nothing of hub B any more')


# push -----------------------------------------------------------------------

def test_push_applied_and_merged():
    seqr = Sequencer()
    rid, v1 = create(ANNA, seqr, 'room', HUB_A, {'name': 'Seminar', 'capacity': 20})
    other = Sequencer()
    r1 = push_one(ANNA, other, 'room', rid, HUB_A, {'equipment': 'Beamer'}, v1)
    check(r1['status'] == 'applied', 'first edit applied', r1)
    r2 = push_one(ANNA, seqr, 'room', rid, HUB_A, {'notes': 'Second floor'}, v1)
    check(r2['status'] == 'merged', 'other field from the same base merged', r2)
    check(r2['record']['fields']['equipment'] == 'Beamer' and r2['record']['fields']['notes'] == 'Second floor',
          'both edits kept', r2)
    check(r2['version'] > r1['version'], 'versions rise', r1, r2)
    check(r2['conflict_fields'] == [] and r2['reason'] is None, 'no conflict', r2)


def test_push_conflict():
    seqr = Sequencer()
    rid, v1 = create(ANNA, seqr, 'room', HUB_A, {'name': 'Lab', 'capacity': 8})
    r1 = push_one(ANNA, Sequencer(), 'room', rid, HUB_A, {'name': 'Lab One'}, v1)
    check(r1['status'] == 'applied', 'first', r1)
    r2 = push_one(ANNA, seqr, 'room', rid, HUB_A, {'name': 'Lab Two', 'notes': 'x'}, v1)
    check(r2['status'] == 'conflict', 'same field, other value', r2)
    check(r2['conflict_fields'] == ['name'], 'conflict fields', r2)
    check(r2['record']['fields']['name'] == 'Lab One' and r2['record']['fields']['notes'] is None,
          'nothing applied, server copy returned', r2)
    # the same value on both sides is no conflict
    r3 = push_one(ANNA, Sequencer(), 'room', rid, HUB_A, {'name': 'Lab One'}, v1)
    check(r3['status'] in ('applied', 'merged'), 'same value', r3)


def test_push_edit_versus_delete():
    seqr = Sequencer()
    rid, v1 = create(ANNA, seqr, 'organization', HUB_A, {'name': 'Edit Corp'})
    r = push_one(ANNA, Sequencer(), 'organization', rid, HUB_A, {'city': 'Ulm'}, v1)
    check(r['status'] == 'applied', 'edit', r)
    r = push_one(ANNA, seqr, 'organization', rid, HUB_A, None, v1, 'delete')
    check(r['status'] == 'conflict', 'delete of an edited record', r)
    rid2, w1 = create(ANNA, seqr, 'organization', HUB_A, {'name': 'Delete Corp'})
    r = push_one(ANNA, Sequencer(), 'organization', rid2, HUB_A, None, w1, 'delete')
    check(r['status'] == 'applied', 'delete', r)
    r = push_one(ANNA, seqr, 'organization', rid2, HUB_A, {'city': 'Aalen'}, w1)
    check(r['status'] == 'conflict', 'edit of a deleted record', r)
    check(r['record']['deleted'] is True, 'server copy is the tombstone', r)


def test_push_rejected_invalid():
    seqr = Sequencer()
    r = push_one(ANNA, seqr, 'room', new_id(), HUB_A, {'name': 'No capacity'})
    check(r['status'] == 'rejected' and r['reason'] == 'invalid', 'required field', r)
    check(r['details'].get('field') == 'capacity' and r['details'].get('problem'), 'names the field', r)
    r = push_one(ANNA, seqr, 'room', new_id(), HUB_A, {'name': 'X', 'capacity': 'ten'})
    check(r['status'] == 'rejected' and r['reason'] == 'invalid' and r['details']['field'] == 'capacity',
          'wrong type', r)
    r = push_one(ANNA, seqr, 'room', new_id(), HUB_A, {'name': 'X', 'capacity': 5000})
    check(r['reason'] == 'invalid' and r['details']['field'] == 'capacity', 'out of range', r)
    r = push_one(ANNA, seqr, 'room', new_id(), HUB_A, {'name': 'X', 'capacity': 5, 'colour': 'red'})
    check(r['reason'] == 'invalid' and r['details']['field'] == 'colour', 'unknown field', r)
    r = push_one(ANNA, seqr, 'event', new_id(), HUB_A,
                 {'title': 'Bad link', 'starts_at': ts(3), 'ends_at': ts(3, 2), 'online_url': 'javascript:alert(1)'})
    check(r['reason'] == 'invalid' and r['details']['field'] == 'online_url', 'url scheme', r)
    r = push_one(ANNA, seqr, 'room', new_id(), HUB_A, None, 0, 'delete')
    check(r['reason'] == 'invalid', 'delete of nothing', r)
    # one bad mutation does not block the others
    good = new_id()
    r = C.push(ANNA, seqr.client_id, [
        mutation(seqr.next(), 'room', new_id(), HUB_A, {'name': 'Bad'}),
        mutation(seqr.next(), 'room', good, HUB_A, {'name': 'Good', 'capacity': 3})])
    check([x['status'] for x in r.json['results']] == ['rejected', 'applied'], 'independent', r)


def test_push_rejected_forbidden():
    seqr = Sequencer()
    r = push_one(ANNA, seqr, 'room', new_id(), HUB_B, {'name': 'Not mine', 'capacity': 3})
    check(r['status'] == 'rejected' and r['reason'] == 'forbidden' and r['record'] is None, 'other hub', r)
    r = push_one(ANNA, seqr, 'hub', HUB_A, HUB_A, {'name': 'Renamed'}, 1)
    check(r['reason'] == 'forbidden', 'hubs are read-only', r)


def test_push_room_unavailable():
    seqr = Sequencer()
    room, _ = create(ANNA, seqr, 'room', HUB_A, {'name': 'Small room', 'capacity': 10})
    first, _ = create(ANNA, seqr, 'booking', HUB_A, {'room_id': room, 'title': 'Team', 'starts_at': ts(5, 9),
                                                     'ends_at': ts(5, 11), 'seats': 6})
    r = push_one(ANNA, seqr, 'booking', new_id(), HUB_A,
                 {'room_id': room, 'title': 'Clash', 'starts_at': ts(5, 10), 'ends_at': ts(5, 12), 'seats': 5})
    check(r['status'] == 'rejected' and r['reason'] == 'room_unavailable', 'over capacity', r)
    check([c['id'] for c in r['details']['clashes']] == [first], 'clashing booking named', r)
    check(r['details']['free_seats'] == 4, 'free seats', r)
    r = push_one(ANNA, seqr, 'booking', new_id(), HUB_A,
                 {'room_id': room, 'title': 'Fits', 'starts_at': ts(5, 10), 'ends_at': ts(5, 12), 'seats': 4})
    check(r['status'] == 'applied', 'fits', r)
    # a whole-room booking (no seats) next to them does not fit
    r = push_one(ANNA, seqr, 'booking', new_id(), HUB_A,
                 {'room_id': room, 'starts_at': ts(5, 8), 'ends_at': ts(5, 9, 30)})
    check(r['reason'] == 'room_unavailable', 'whole room', r)
    # weekly recurring booking clashing with a later single one
    r = push_one(ANNA, seqr, 'booking', new_id(), HUB_A,
                 {'room_id': room, 'starts_at': ts(20, 9), 'ends_at': ts(20, 10), 'seats': 8,
                  'recurrence': 'FREQ=WEEKLY;COUNT=4'})
    check(r['status'] == 'applied', 'recurring', r)
    r = push_one(ANNA, seqr, 'booking', new_id(), HUB_A,
                 {'room_id': room, 'starts_at': ts(34, 9), 'ends_at': ts(34, 10), 'seats': 3})
    check(r['reason'] == 'room_unavailable', 'clash with the third occurrence', r)


def test_push_event_full():
    seqr = Sequencer()
    event, ev = create(ANNA, seqr, 'event', HUB_A, {'title': 'Meetup', 'starts_at': ts(7, 18),
                                                    'ends_at': ts(7, 20), 'capacity': 2})
    people = [create(ANNA, seqr, 'person', HUB_A, {'given_name': 'P%d' % i})[0] for i in range(3)]
    for person in people[:2]:
        create(ANNA, seqr, 'registration', HUB_A, {'event_id': event, 'person_id': person})
    r = push_one(ANNA, seqr, 'registration', new_id(), HUB_A, {'event_id': event, 'person_id': people[2]})
    check(r['status'] == 'rejected' and r['reason'] == 'event_full', 'third registration', r)
    check(r['details'] == {'capacity': 2, 'taken': 2}, 'details', r)
    r = push_one(ANNA, seqr, 'registration', new_id(), HUB_A,
                 {'event_id': event, 'person_id': people[2], 'status': 'waitlisted'})
    check(r['status'] == 'applied', 'waiting list is fine', r)
    r = push_one(ANNA, seqr, 'registration', new_id(), HUB_A, {'event_id': event, 'person_id': people[0],
                                                              'status': 'waitlisted'})
    check(r['reason'] == 'invalid' and r['details']['field'] == 'person_id', 'once per event', r)
    r = push_one(ANNA, seqr, 'event', event, HUB_A, {'capacity': 1}, ev)
    check(r['reason'] == 'event_full', 'capacity below the registrations', r)


def test_push_session_outside_event():
    seqr = Sequencer()
    event, _ = create(ANNA, seqr, 'event', HUB_A, {'title': 'Day', 'starts_at': ts(9, 9), 'ends_at': ts(9, 17)})
    r = push_one(ANNA, seqr, 'session', new_id(), HUB_A, {'event_id': event, 'title': 'Late',
                                                         'starts_at': ts(9, 16), 'ends_at': ts(9, 18)})
    check(r['status'] == 'rejected' and r['reason'] == 'invalid', 'outside', r)
    r = push_one(ANNA, seqr, 'session', new_id(), HUB_A, {'event_id': event, 'title': 'Keynote',
                                                         'starts_at': ts(9, 9), 'ends_at': ts(9, 10)})
    check(r['status'] == 'applied', 'inside', r)


def test_push_in_use():
    seqr = Sequencer()
    room, rv = create(ANNA, seqr, 'room', HUB_A, {'name': 'Used', 'capacity': 4})
    booking, _ = create(ANNA, seqr, 'booking', HUB_A, {'room_id': room, 'starts_at': ts(12, 9),
                                                       'ends_at': ts(12, 10), 'seats': 1})
    r = push_one(ANNA, seqr, 'room', room, HUB_A, None, rv, 'delete')
    check(r['status'] == 'rejected' and r['reason'] == 'in_use', 'referenced room', r)
    check({'entity': 'booking', 'id': booking} in r['details']['referenced_by'], 'names the booking', r)
    r = push_one(ANNA, seqr, 'room', room, HUB_A, {'archived': True}, rv)
    check(r['status'] == 'applied', 'archive instead', r)


def test_push_replay_and_gap():
    seqr = Sequencer()
    batch = [mutation(1, 'organization', new_id(), HUB_A, {'name': 'Replay AG'}),
             mutation(2, 'organization', new_id(), HUB_A, {'name': 'x' * 300}),
             mutation(3, 'room', new_id(), HUB_B, {'name': 'Forbidden', 'capacity': 1})]
    first = C.push(ANNA, seqr.client_id, batch)
    check(first.status == 200, 'first', first)
    check([x['status'] for x in first.json['results']] == ['applied', 'rejected', 'rejected'], 'statuses', first)
    again = C.push(ANNA, seqr.client_id, batch)
    check(again.status == 200 and again.raw == first.raw, 'the stored results, byte for byte', first, again)
    # a replay of the first two with a new third
    mixed = C.push(ANNA, seqr.client_id, batch[1:] + [mutation(4, 'organization', new_id(), HUB_A, {'name': 'Neu'})])
    check(mixed.status == 200 and [x['seq'] for x in mixed.json['results']] == [2, 3, 4], 'mixed', mixed)
    check(mixed.json['results'][0] == first.json['results'][1], 'replayed result', mixed)
    records, _, _ = C.pull_all(ANNA)
    names = [c['fields'].get('name') for c in records.values() if c['entity'] == 'organization']
    check(names.count('Replay AG') == 1, 'applied once', names.count('Replay AG'))
    gap = C.push(ANNA, seqr.client_id, [mutation(6, 'organization', new_id(), HUB_A, {'name': 'Gap'})])
    check(gap.status == 409 and gap.code == 'sequence_gap', 'gap', gap)
    check(gap.json['error']['details'] == {'expected_seq': 5}, 'expected seq', gap)
    inner = C.push(ANNA, seqr.client_id, [mutation(5, 'organization', new_id(), HUB_A, {'name': 'A'}),
                                          mutation(7, 'organization', new_id(), HUB_A, {'name': 'B'})])
    check(inner.status == 409 and inner.json['error']['details'] == {'expected_seq': 6}, 'gap inside', inner)
    check(C.push(ANNA, seqr.client_id, []).json == {'results': []}, 'empty push')


def test_push_client_of_another_user():
    seqr = Sequencer()
    push_one(ANNA, seqr, 'organization', new_id(), HUB_A, {'name': 'Mine'})
    r = C.push(BERT, seqr.client_id, [mutation(2, 'organization', new_id(), HUB_B, {'name': 'Theirs'})])
    check(r.status == 403 and r.code == 'forbidden', 'foreign client_id', r)


def test_push_envelope_errors():
    bad = [
        ({'mutations': []}, 'bad_request'),
        ({'client_id': 'nope', 'mutations': []}, 'bad_request'),
        ({'client_id': new_id(), 'mutations': {}}, 'bad_request'),
        ({'client_id': new_id(), 'mutations': [{'seq': '1'}]}, 'bad_request'),
        ({'client_id': new_id(), 'mutations': [dict(mutation(1, 'room', 'x', HUB_A, {}))]}, 'bad_request'),
        ({'client_id': new_id(), 'mutations': [dict(mutation(1, 'spaceship', new_id(), HUB_A, {}))]}, 'unknown_entity'),
        ({'client_id': new_id(), 'mutations': [dict(mutation(1, 'room', new_id(), HUB_A, {}), op='merge')]}, 'bad_request'),
        ({'client_id': new_id(), 'mutations': [dict(mutation(1, 'room', new_id(), HUB_A, {}), base_version=-1)]}, 'bad_request'),
        ({'client_id': new_id(), 'mutations': [mutation(i + 1, 'room', new_id(), HUB_A, {}) for i in range(501)]}, 'bad_request'),
        ([1, 2, 3], 'invalid_json'),
    ]
    for body, code in bad:
        r = C.request('POST', '/api/v1/push', body, token=ANNA)
        check(r.status == 400 and r.code == code, 'envelope %s' % code, str(body)[:100], r)


def test_push_moves_between_hubs():
    seqr = Sequencer()
    rid, v = create(MIA, seqr, 'organization', HUB_A, {'name': 'Mover GmbH'})
    _, anna_cursor, _ = C.pull_all(ANNA)
    r = push_one(MIA, seqr, 'organization', rid, HUB_B, {'city': 'Karlsruhe'}, v)
    check(r['status'] == 'applied' and r['record']['hub_id'] == HUB_B, 'moved', r)
    records, _, _ = C.pull_all(ANNA, anna_cursor)
    check(records[rid]['deleted'] is True and records[rid]['hub_id'] == HUB_A, 'gone from hub A for anna', records.get(rid))
    records, _, _ = C.pull_all(BERT)
    check(records[rid]['deleted'] is False and records[rid]['hub_id'] == HUB_B, 'arrived in hub B', records.get(rid))
    records, _, changes = C.pull_all(MIA)
    check([c['deleted'] for c in changes if c['id'] == rid] == [False], 'mia sees it once, alive', changes[-3:])


# wait -----------------------------------------------------------------------

def test_wait():
    _, cursor, _ = C.pull_all(BERT)
    r = C.request('GET', '/api/v1/wait?cursor=%s&timeout=1' % cursor, token=BERT)
    check(r.status == 200 and r.json == {'changed': False}, 'nothing new', r)
    r = C.request('GET', '/api/v1/wait?cursor=1&timeout=30', token=BERT)
    check(r.status == 200 and r.json == {'changed': True}, 'old cursor answers at once', r)
    outcome = {}

    def waiter():
        c = S.client()
        began = time.monotonic()
        outcome['r'] = c.request('GET', '/api/v1/wait?cursor=%s&timeout=30' % cursor, token=BERT)
        outcome['seconds'] = time.monotonic() - began
        c.close()

    thread = threading.Thread(target=waiter)
    thread.start()
    time.sleep(0.5)
    # a change in another hub does not wake bert
    push_one(ANNA, Sequencer(), 'organization', new_id(), HUB_A, {'name': 'Elsewhere'})
    time.sleep(0.5)
    check('r' not in outcome, 'woken by a foreign hub', outcome)
    push_one(MIA, Sequencer(), 'organization', new_id(), HUB_B, {'name': 'For Bert'})
    thread.join(40)
    check(outcome['r'].status == 200 and outcome['r'].json == {'changed': True}, 'woken', outcome)
    check(outcome['seconds'] < 25, 'woken before the timeout', outcome['seconds'])
    for query in ('timeout=61', 'timeout=x', 'cursor=zz'):
        r = C.request('GET', '/api/v1/wait?' + query, token=BERT)
        check(r.status == 400, query, r)
    r = C.request('GET', '/api/v1/wait?timeout=1')
    check(r.status == 401, 'anonymous', r)


def test_wait_holds_no_thread():
    # More waiters than reader threads, then a normal pull still answers.
    _, cursor, _ = C.pull_all(BERT)
    socks = []
    request = ('GET /api/v1/wait?cursor=%s&timeout=20 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n\r\n'
               % (cursor, BERT)).encode()
    for _ in range(50):
        s = socket.create_connection(('127.0.0.1', S.port), timeout=30)
        s.sendall(request)
        socks.append(s)
    time.sleep(0.5)
    r = S.client().pull(BERT, cursor)
    check(r.status == 200, 'pull while 50 wait', r)
    push_one(MIA, Sequencer(), 'organization', new_id(), HUB_B, {'name': 'Wake all'})
    answered = 0
    for s in socks:
        data = s.recv(4096)
        if b'"changed":true' in data:
            answered += 1
        s.close()
    check(answered == 50, 'all 50 woken', answered)


# HTTP level -----------------------------------------------------------------

def test_http_errors():
    r = C.request('GET', '/api/v1/nothing')
    check(r.status == 404 and r.code == 'not_found', '404', r)
    r = C.request('GET', '/')
    check(r.status == 404, 'root', r)
    r = C.request('GET', '/api/v1/push', token=ANNA)
    check(r.status == 405 and r.code == 'method_not_allowed' and r.headers.get('Allow') == 'POST', '405', r)
    r = C.request('POST', '/api/v1/push', raw=b'client_id=1', token=ANNA,
                  headers={'Content-Type': 'application/x-www-form-urlencoded'})
    check(r.status == 415 and r.code == 'unsupported_media_type', '415', r)
    r = C.request('POST', '/api/v1/push', raw=b'--x\r\n', token=ANNA, headers={'Content-Type': 'multipart/form-data; boundary=x'})
    check(r.status == 415, 'no multipart', r)
    r = C.request('GET', '/api/v1/pull', token='x' * 43)
    check(r.status == 401 and r.code == 'unauthorized', 'unknown token', r)
    check(r.headers.get('WWW-Authenticate', '').startswith('Bearer'), 'WWW-Authenticate', r.headers)
    r = C.request('GET', '/api/v1/pull', headers={'Authorization': 'Basic YW5uYTp4'})
    check(r.status == 401, 'basic auth is not a way in', r)
    # 411 and 413 on a raw socket
    s = socket.create_connection(('127.0.0.1', S.port), timeout=10)
    s.sendall(b'POST /api/v1/push HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n'
              b'Authorization: Bearer ' + ANNA.encode() + b'\r\n\r\n')
    check(s.recv(4096).startswith(b'HTTP/1.1 411'), '411')
    s.close()
    s = socket.create_connection(('127.0.0.1', S.port), timeout=10)
    s.sendall(b'POST /api/v1/push HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n'
              b'Content-Length: 2000000\r\n\r\n')
    check(s.recv(4096).startswith(b'HTTP/1.1 413'), '413')
    s.close()


def test_log_has_no_secrets():
    log = open(S.log_path, 'rb').read()
    check(b'POST /api/v1/push 200' in log, 'requests are logged', log[-500:])
    for login in ('anna', 'bert', 'mia'):
        check(__import__('hdserver').PASSWORDS[login].encode() not in log, 'password in the log')
    for token in (ANNA, BERT, MIA):
        check(token.encode() not in log, 'token in the log')
    check(b'user=anna' in log, 'user in the log')


try:
    run_tests([(f.__name__[5:], f) for f in [
        test_health, test_login_shape, test_login_errors, test_login_throttle, test_logout,
        test_pull_shape_and_pages, test_pull_from_start_has_hub, test_pull_bad_parameters,
        test_pull_tombstones, test_pull_after_grant_and_revoke, test_reset_required_after_purge, test_reset_required_by_retention,
        test_push_applied_and_merged, test_push_conflict, test_push_edit_versus_delete,
        test_push_rejected_invalid, test_push_rejected_forbidden, test_push_room_unavailable,
        test_push_event_full, test_push_session_outside_event, test_push_in_use,
        test_push_replay_and_gap, test_push_client_of_another_user, test_push_envelope_errors,
        test_push_moves_between_hubs, test_wait, test_wait_holds_no_thread, test_http_errors,
        test_log_has_no_secrets]])
finally:
    S.stop()
    S.cleanup()
