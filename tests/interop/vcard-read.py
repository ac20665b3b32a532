#!/usr/bin/python3
# vcard-read.py — reads a vCard file with python3-vobject, a parser of its own,
# and prints per card: VERSION, KIND, FN, N (family;given), each TEL with its
# VALUE and TYPE parameters, each EMAIL, and whether any property has CHARSET
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import sys

import vobject

with open(sys.argv[1], 'rb') as f:
    data = f.read()
text = data.decode('utf-8')  # fails on anything but UTF-8

for card in vobject.readComponents(text, validate=False):
    def value(name):
        items = card.contents.get(name, [])
        return items[0].value if items else ''

    n = card.contents.get('n', [])
    family = given = ''
    if n:
        name = n[0].value
        family = name.family if hasattr(name, 'family') else str(name).split(';')[0]
        given = name.given if hasattr(name, 'given') else ''
    charset = any('CHARSET' in (line.params or {}) for lines in card.contents.values() for line in lines)
    print('CARD', value('version'), value('kind') or '-', value('fn'), f'{family};{given}',
          'charset' if charset else 'no-charset', sep='|')
    for tel in card.contents.get('tel', []):
        print('TEL', ','.join(tel.params.get('VALUE', ['text'])),
              ','.join(tel.params.get('TYPE', [])), tel.value, sep='|')
    for email in card.contents.get('email', []):
        print('EMAIL', email.value, sep='|')
