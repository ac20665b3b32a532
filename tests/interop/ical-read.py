#!/usr/bin/python3
# ical-read.py — reads an iCalendar file with python3-icalendar and prints,
# per VEVENT: UID, start in UTC, start in its own zone, STATUS, SUMMARY
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import datetime
import sys

import icalendar

with open(sys.argv[1], 'rb') as f:
    calendar = icalendar.Calendar.from_ical(f.read())

for event in calendar.walk('VEVENT'):
    start = event['DTSTART'].dt
    if start.tzinfo is None:
        sys.exit('floating time in ' + str(event['UID']))
    utc = start.astimezone(datetime.timezone.utc)
    print(event['UID'], utc.isoformat(), start.isoformat(),
          event.get('STATUS', ''), event.get('SUMMARY', ''))
