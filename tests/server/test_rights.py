#!/usr/bin/python3
# test_rights.py — the rights matrix: every endpoint × every kind of caller,
# hub_id changes and references into other hubs; zero mismatches allowed
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import time

import sys
sys.dont_write_bytecode = True
from hdserver import Sequencer, Server, check, mutation, new_id, run_tests

S = Server('rights')
S.init()
HUB_A = S.add_hub('Hub A')
HUB_B = S.add_hub('Hub B')
for login in ('owner', 'other', 'nomember', 'viewer', 'revoked', 'both', 'expiring'):
    S.add_user(login)
S.grant('owner', HUB_A)
S.grant('other', HUB_B)
S.grant('viewer', HUB_A, 'viewer')
S.grant('revoked', HUB_A)
S.grant('both', HUB_A)
S.grant('both', HUB_B)
S.grant('expiring', HUB_A)
S.start()
C = S.client()

TOKENS = {login: C.login(login) for login in ('owner', 'other', 'nomember', 'viewer', 'revoked', 'both')}
TOKENS['anonymous'] = None
TOKENS['expired'] = S.token('expiring', lifetime='1s')
S.revoke('revoked', HUB_A)
time.sleep(2.2)   # the expiring token runs out; the server notices the revocation

CALLERS = ['owner', 'other', 'nomember', 'viewer', 'anonymous', 'expired', 'revoked']

# Records to act on, made by a manager of their hub (a device each).
SETUP = {}


def make(entity, fields, hub=HUB_A, token=None):
    rid = new_id()
    token = token or TOKENS['owner']
    seqr = SETUP.setdefault(token, Sequencer())
    r = C.push(token, seqr.client_id, [mutation(seqr.next(), entity, rid, hub, fields)])
    check(r.status == 200 and r.json['results'][0]['status'] == 'applied', 'setup', r)
    return rid, r.json['results'][0]['version']


ROOM_A, _ = make('room', {'name': 'Room A', 'capacity': 5})
ORG_B, _ = make('organization', {'name': 'Org B'}, HUB_B, TOKENS['both'])

MISMATCHES = []
ROWS = []


def expect(what, caller, got, wanted):
    ROWS.append('%-34s %-10s %-28s %s' % (what, caller, got, 'ok' if got == wanted else 'WANTED ' + wanted))
    if got != wanted:
        MISMATCHES.append((what, caller, got, wanted))


def outcome(r):
    """'200', '401 token_expired', or the push result: 'applied', 'rejected forbidden', …"""
    if r.status == 200 and r.json and 'results' in r.json:
        res = r.json['results'][0]
        return res['status'] + (' ' + res['reason'] if res['reason'] else '')
    if r.status >= 400:
        return '%d %s' % (r.status, r.code)
    return str(r.status)


def auth_failure(caller):
    return {'anonymous': '401 unauthorized', 'expired': '401 token_expired'}.get(caller)


def test_pull():
    for caller in CALLERS:
        r = C.pull(TOKENS[caller])
        failure = auth_failure(caller)
        if failure:
            expect('pull', caller, outcome(r), failure)
            continue
        ids = {c['id'] for c in r.json['changes']}
        hubs = {h['id'] for h in r.json['hubs']}
        sees_a = ROOM_A in ids and HUB_A in ids
        expect('pull status', caller, str(r.status), '200')
        expect('pull sees hub A records', caller, str(sees_a), str(caller in ('owner', 'viewer')))
        expect('pull lists hub A', caller, str(HUB_A in hubs), str(caller in ('owner', 'viewer')))
        expect('pull sees hub B records', caller, str(ORG_B in ids), str(caller == 'other'))


def test_wait():
    for caller in CALLERS:
        r = C.request('GET', '/api/v1/wait?timeout=0', token=TOKENS[caller])
        expect('wait', caller, outcome(r), auth_failure(caller) or '200')


def push_as(caller, m):
    return C.push(TOKENS[caller], Sequencer().client_id, [dict(m, seq=1)])


def test_push_create():
    for caller in CALLERS:
        r = push_as(caller, mutation(1, 'organization', new_id(), HUB_A, {'name': 'New ' + caller}))
        expect('push create in hub A', caller, outcome(r),
               auth_failure(caller) or ('applied' if caller == 'owner' else 'rejected forbidden'))


def test_push_update():
    for caller in CALLERS:
        rid, version = make('organization', {'name': 'Upd ' + caller})
        r = push_as(caller, mutation(1, 'organization', rid, HUB_A, {'city': 'Ulm'}, version))
        expect('push update hub A record', caller, outcome(r),
               auth_failure(caller) or ('applied' if caller == 'owner' else 'rejected forbidden'))
        # claiming the record is in the caller's own hub changes nothing
        r = push_as(caller, mutation(1, 'organization', rid, HUB_B, {'city': 'Bonn'}, version))
        expect('push update claiming hub B', caller, outcome(r),
               auth_failure(caller) or 'rejected forbidden')


def test_push_delete():
    for caller in CALLERS:
        rid, version = make('person', {'given_name': 'Del ' + caller})
        r = push_as(caller, mutation(1, 'person', rid, HUB_A, None, version, 'delete'))
        expect('push delete hub A record', caller, outcome(r),
               auth_failure(caller) or ('applied' if caller == 'owner' else 'rejected forbidden'))
        r = push_as(caller, mutation(1, 'person', rid, HUB_B, None, version, 'delete'))
        if caller != 'owner':
            expect('push delete naming hub B', caller, outcome(r),
                   auth_failure(caller) or 'rejected forbidden')


def test_push_hub_records():
    for caller in CALLERS + ['both']:
        r = push_as(caller, mutation(1, 'hub', HUB_A, HUB_A, {'name': 'Taken over'}, 1))
        expect('push to a hub record', caller, outcome(r), auth_failure(caller) or 'rejected forbidden')
        r = push_as(caller, mutation(1, 'hub', new_id(), HUB_A, {'name': 'New hub'}))
        expect('push a new hub', caller, outcome(r), auth_failure(caller) or 'rejected forbidden')


def test_hub_moves():
    rid, version = make('organization', {'name': 'To move'})
    r = push_as('owner', mutation(1, 'organization', rid, HUB_B, {'city': 'X'}, version))
    expect('move A→B by manager of A only', 'owner', outcome(r), 'rejected forbidden')
    r = push_as('other', mutation(1, 'organization', rid, HUB_B, {'city': 'X'}, version))
    expect('move A→B by manager of B only', 'other', outcome(r), 'rejected forbidden')
    r = push_as('both', mutation(1, 'organization', rid, HUB_B, {'city': 'X'}, version))
    expect('move A→B by manager of both', 'both', outcome(r), 'applied')
    r = C.pull(TOKENS['other'])
    expect('moved record visible in B', 'other', str(rid in {c['id'] for c in r.json['changes']}), 'True')
    # a record others refer to cannot leave its hub
    room, rv = make('room', {'name': 'Anchored', 'capacity': 3})
    make('booking', {'room_id': room, 'starts_at': '2031-01-01T10:00:00Z', 'ends_at': '2031-01-01T11:00:00Z',
                     'seats': 1})
    r = push_as('both', mutation(1, 'room', room, HUB_B, {'notes': 'x'}, rv))
    expect('move a referenced room', 'both', outcome(r), 'rejected in_use')


def test_cross_hub_references():
    room_b, _ = make('room', {'name': 'Room B', 'capacity': 5}, HUB_B, TOKENS['both'])
    person_b, _ = make('person', {'given_name': 'Bea'}, HUB_B, TOKENS['both'])
    cases = [
        ('booking', {'room_id': room_b, 'starts_at': '2031-02-01T10:00:00Z', 'ends_at': '2031-02-01T11:00:00Z'}),
        ('person', {'given_name': 'Link', 'organization_id': ORG_B}),
        ('session', {'event_id': new_id(), 'title': 'T', 'starts_at': '2031-02-01T10:00:00Z',
                     'ends_at': '2031-02-01T11:00:00Z'}),
        ('event', {'title': 'E', 'starts_at': '2031-02-01T10:00:00Z', 'ends_at': '2031-02-01T11:00:00Z',
                   'organizer_id': person_b}),
    ]
    for caller in ('owner', 'both'):
        for entity, fields in cases:
            r = push_as(caller, mutation(1, entity, new_id(), HUB_A, fields))
            expect('reference from A to B (%s)' % entity, caller, outcome(r), 'rejected invalid')
    event, _ = make('event', {'title': 'E', 'starts_at': '2031-02-01T10:00:00Z', 'ends_at': '2031-02-01T12:00:00Z'})
    r = push_as('owner', mutation(1, 'session', new_id(), HUB_A,
                                  {'event_id': event, 'title': 'S', 'starts_at': '2031-02-01T10:00:00Z',
                                   'ends_at': '2031-02-01T11:00:00Z', 'speaker_ids': [person_b]}))
    expect('reference list from A to B', 'owner', outcome(r), 'rejected invalid')


def test_logout():
    fresh = {caller: (C.login(caller) if caller not in ('anonymous', 'expired') else TOKENS[caller])
             for caller in CALLERS}
    for caller in CALLERS:
        r = C.request('POST', '/api/v1/logout', token=fresh[caller], raw=b'')
        expect('logout', caller, outcome(r), auth_failure(caller) or '204')


def test_no_mismatches():
    print('# ' + '\n# '.join(ROWS))
    check(len(ROWS) >= 100, 'the matrix is complete', len(ROWS))
    check(not MISMATCHES, '%d mismatches' % len(MISMATCHES), MISMATCHES)


try:
    run_tests([(f.__name__[5:], f) for f in [
        test_pull, test_wait, test_push_create, test_push_update, test_push_delete,
        test_push_hub_records, test_hub_moves, test_cross_hub_references, test_logout,
        test_no_mismatches]])
finally:
    S.stop()
    S.cleanup()
