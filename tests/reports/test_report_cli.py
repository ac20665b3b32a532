#!/usr/bin/python3
# test_report_cli.py — hubdesk-cli report: CSV re-reads to the figures, the PDF shows them
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Makes a small demo profile, asks hubdesk-cli for the figures of a quarter
# as JSON, CSV and PDF, offline, and checks that the three agree: the CSV
# read back with the csv module gives the JSON's numbers, and the PDF's
# text (pdftotext, poppler-utils) shows every figure of this period and of
# the one before. Prints TAP.

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

BUILDDIR = os.environ.get('HUBDESK_BUILDDIR', '.')
CLI = os.path.join(BUILDDIR, 'src', 'cli', 'hubdesk-cli')
DEMO = os.path.join(BUILDDIR, 'src', 'demo', 'hubdesk-demo')

results = []


def check(name, ok, detail=''):
    results.append((name, ok))
    print(('ok' if ok else 'not ok') + ' %d - %s' % (len(results), name))
    if not ok and detail:
        for line in str(detail).splitlines():
            print('# ' + line)


def cli(profile, *args):
    env = dict(os.environ, LANGUAGE='C', LC_ALL='C.UTF-8')
    return subprocess.run([CLI, '--profile', profile, 'report'] + list(args),
                          capture_output=True, text=True, env=env, timeout=120)


def main():
    tmp = tempfile.mkdtemp(prefix='hubdesk-report-cli-')
    try:
        profile = os.path.join(tmp, 'profile')
        subprocess.run([DEMO, '--profile', profile, '--people', '400', '--today', '2026-11-20'],
                       check=True, capture_output=True, timeout=300)
        period = ['--from', '2026-07-01', '--to', '2026-09-30']

        got = cli(profile, '--all', *period, '--format', 'json')
        check('report as JSON', got.returncode == 0, got.stderr)
        report = json.loads(got.stdout)
        figures = {f['id']: f for f in report['figures']}
        check('JSON names the quarter and the one before',
              report['period']['from'] == '2026-07-01' and report['previous_period']['to'] == '2026-06-30',
              report['period'])
        months = {s['id']: s['months'] for s in report['series']}
        check('JSON has participants per month, adding up to the participants',
              len(months['participants_by_month']) == 3 and
              sum(m['value'] for m in months['participants_by_month']) == figures['participants']['value'],
              months.get('participants_by_month'))
        check('the demo reaches organizations and has participants',
              figures['organizations_reached']['value'] > 0 and figures['participants']['value'] > 0,
              figures['organizations_reached'])

        check('room utilisation is a percentage of the demo rooms, coworking check-ins a count',
              figures['room_utilization']['unit'] == 'percent' and
              0 < figures['room_utilization']['value'] <= 100 and
              figures['room_utilization']['formatted'] == '%d\u00a0%%' % figures['room_utilization']['value'] and
              figures['room_utilization_checked_in']['value'] <= figures['room_utilization']['value'] and
              figures['coworking_check_ins']['unit'] == 'count' and
              figures['coworking_check_ins']['value'] > 0,
              {k: figures[k]['value'] for k in ('room_utilization', 'room_utilization_checked_in',
                                                'coworking_check_ins')})

        out = os.path.join(tmp, 'figures.csv')
        got = cli(profile, '--all', *period, '--format', 'csv', '--output', out)
        check('report as CSV', got.returncode == 0, got.stderr)
        with open(out, newline='', encoding='utf-8') as f:
            rows = list(csv.DictReader(f))
        same = True
        detail = []
        for row in rows:
            figure = figures[row['figure']]
            if row['part'] == '':
                want = (figure['value'], figure['previous'])
            else:
                part = [p for p in figure['parts'] if p['key'] == row['part']][0]
                want = (part['value'], part['previous'])
            have = (int(row['Value']), int(row['Previous period']))
            if have != want:
                same = False
                detail.append('%s/%s: %s != %s' % (row['figure'], row['part'], have, want))
        check('CSV re-reads to the same numbers', same and len(rows) > len(figures), '\n'.join(detail))
        check('CSV has every figure', {r['figure'] for r in rows} == set(figures))

        got = cli(profile, '--all', *period, '--list', 'organizations_reached')
        check('list behind a figure', got.returncode == 0, got.stderr)
        listed = list(csv.reader(io.StringIO(got.stdout)))
        check('the list has one row per organization reached',
              len(listed) - 1 == figures['organizations_reached']['value'],
              '%d rows, figure %d' % (len(listed) - 1, figures['organizations_reached']['value']))

        pdf = os.path.join(tmp, 'report.pdf')
        got = cli(profile, '--all', *period, '--format', 'pdf', '--output', pdf)
        check('report as PDF', got.returncode == 0 and os.path.getsize(pdf) > 1000, got.stderr)
        text = subprocess.run(['pdftotext', '-layout', pdf, '-'], capture_output=True,
                              text=True, check=True).stdout
        lines = text.splitlines()
        missing = []
        for figure in report['figures']:
            first_word = figure['label'].split()[0]
            unit = '%' if figure['unit'] == 'percent' else ''
            found = [l for l in lines if l.strip().startswith(first_word)
                     and str(figure['value']) + unit in l.replace('\u00a0', ' ').replace(' %', '%').split()
                     and str(figure['previous']) + unit in l.replace('\u00a0', ' ').replace(' %', '%').split()]
            if not found:
                missing.append('%s %d %d' % (figure['label'], figure['value'], figure['previous']))
        check('the PDF shows every figure beside the previous period', not missing, '\n'.join(missing))
        check('the PDF names the scope and the period',
              'All hubs' in text and '2026-07-01' in text and 'Q3 2026' in text)
        check('the PDF explains how figures are counted',
              report['figures'][0]['explanation'].split()[0] in text and 'How the figures are counted' in text)

        hub = subprocess.run([CLI, '--profile', profile, 'list', 'hub', '--json'],
                             capture_output=True, text=True, check=True).stdout
        hubs = json.loads(hub)
        one = hubs[0]['id'] if isinstance(hubs, list) else None
        if one:
            got = cli(profile, '--hub', one, *period, '--format', 'json')
            part = json.loads(got.stdout) if got.returncode == 0 else None
            check('one hub reaches no more than all hubs',
                  part is not None and 0 <= [f for f in part['figures'] if f['id'] == 'organizations_reached'][0]['value']
                  <= figures['organizations_reached']['value'], got.stderr)
        else:
            check('one hub reaches no more than all hubs', False, hub[:200])

        got = cli(profile, '--all', '--from', '2026-09-30', '--to', '2026-07-01')
        check('a period that ends before it starts is refused', got.returncode != 0 and 'end' in got.stderr,
              got.stderr)
        got = cli(profile, *period)
        check('without --hub or --all the command says what it needs', got.returncode == 2 and '--all' in got.stderr,
              got.stderr)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print('1..%d' % len(results))
    return 0 if all(ok for _, ok in results) else 1


if __name__ == '__main__':
    sys.exit(main())
