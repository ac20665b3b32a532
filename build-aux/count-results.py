#!/usr/bin/python3
# count-results.py — picks the tests of a build that can run and sums up meson's test logs
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Two commands, both used by build-aux/test.sh:
#
#   count-results.py runnable BUILDDIR [--suite S]... [--no-suite S]... [OTHER MESON TEST OPTIONS]
#       After a build that failed part-way, prints the names of the selected
#       tests whose programs were built (one a line, for `meson test NAME...`)
#       and records the selected tests that were not built in
#       BUILDDIR/meson-logs/not-built.json, so that they count as failed.
#
#   count-results.py summary [--build LABEL BUILDDIR STATUS TEST_EXIT]...
#       Reads BUILDDIR/meson-logs/testlog.json of every build (one JSON object
#       a line, with a "result"), prints a line per build and, as the very last
#       line, "N passed, N failed, N skipped".  STATUS is "ok", "setup-failed"
#       or "build-failed"; TEST_EXIT is the exit status of `meson test`, or "-"
#       when it did not run.  Exits with 1 when a test failed, a build failed,
#       `meson test` failed without a failed test, or no test ran at all.

import json
import os
import sys

PASSED = {'OK', 'EXPECTEDFAIL'}
FAILED = {'FAIL', 'TIMEOUT', 'ERROR', 'UNEXPECTEDPASS'}
SKIPPED = {'SKIP'}


def suite_matches(test_suites, wanted):
    """Like `meson test --suite`: 'name' or 'project:name' against 'project:name'."""
    for want in wanted:
        want_project, _, want_suite = want.rpartition(':') if ':' in want else ('', '', want)
        for full in test_suites:
            project, _, suite = full.rpartition(':') if ':' in full else ('', '', full)
            if want_project and project != want_project:
                continue
            if suite == want_suite or (not want_suite and project == want_project):
                return True
    return False


def cmd_runnable(cmd, builddir):
    """A test whose program lives in the build directory must have been built."""
    if not cmd:
        return False
    program = os.path.abspath(cmd[0])
    inside = os.path.commonpath([program, os.path.abspath(builddir)]) == os.path.abspath(builddir)
    return os.path.isfile(program) if inside else True


def runnable(argv):
    if not argv:
        print('Usage: count-results.py runnable BUILDDIR [--suite S]... [--no-suite S]...',
              file=sys.stderr)
        return 2
    builddir = argv[0]
    include, exclude = [], []
    rest = argv[1:]
    while rest:
        opt = rest.pop(0)
        if opt in ('--suite', '--no-suite') and rest:
            (include if opt == '--suite' else exclude).append(rest.pop(0))
        # Other options of `meson test` (--timeout-multiplier N, ...) do not
        # change which tests run, so they and their values are passed over.

    intro = os.path.join(builddir, 'meson-info', 'intro-tests.json')
    try:
        with open(intro, encoding='utf-8') as f:
            tests = json.load(f)
    except (OSError, ValueError) as e:
        print('Cannot read the test list of %s: %s' % (builddir, e), file=sys.stderr)
        tests = []

    selected = [t for t in tests
                if not suite_matches(t.get('suite', []), exclude)
                and (not include or suite_matches(t.get('suite', []), include))]
    # meson runs tests by name; a name shared by a built and an unbuilt
    # test cannot be run without the unbuilt one, so both are left out.
    blocked = {t['name'] for t in selected if not cmd_runnable(t.get('cmd'), builddir)}
    names = []
    missing = []
    for t in selected:
        if t['name'] in blocked:
            missing.append({'name': t['name'], 'suite': t.get('suite', []),
                            'result': 'NOT_BUILT'})
        elif t['name'] not in names:
            names.append(t['name'])

    logs = os.path.join(builddir, 'meson-logs')
    os.makedirs(logs, exist_ok=True)
    with open(os.path.join(logs, 'not-built.json'), 'w', encoding='utf-8') as f:
        for m in missing:
            f.write(json.dumps(m) + '\n')
    for m in missing:
        print('not built: %s (%s)' % (m['name'], ', '.join(m['suite'])), file=sys.stderr)
    for name in names:
        print(name)
    return 0


def read_json_lines(path):
    """The objects of a JSON-lines file; a missing file has none."""
    objects = []
    if not os.path.exists(path):
        return objects, None
    with open(path, encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                objects.append(json.loads(line))
            except ValueError:
                return objects, '%s:%d is not valid JSON' % (path, number)
    return objects, None


def summary(argv):
    builds = []
    rest = list(argv)
    while rest:
        if rest[0] == '--build' and len(rest) >= 5:
            builds.append(tuple(rest[1:5]))
            rest = rest[5:]
        else:
            print('Usage: count-results.py summary [--build LABEL BUILDDIR STATUS TEST_EXIT]...',
                  file=sys.stderr)
            return 2

    total_passed = total_failed = total_skipped = 0
    problems = []
    lines = []
    for label, builddir, status, test_exit in builds:
        logs = os.path.join(builddir, 'meson-logs')
        results, error = read_json_lines(os.path.join(logs, 'testlog.json'))
        not_built, error2 = read_json_lines(os.path.join(logs, 'not-built.json'))
        passed = failed = skipped = 0
        failed_names = []
        for r in results:
            result = r.get('result')
            if result in PASSED:
                passed += 1
            elif result in SKIPPED:
                skipped += 1
            else:
                # FAIL, TIMEOUT, ERROR, UNEXPECTEDPASS, and anything unknown.
                failed += 1
                failed_names.append('%s (%s)' % (r.get('name', '?'), result))
        if status != 'ok':
            for m in not_built:
                failed += 1
                failed_names.append('%s (not built)' % m.get('name', '?'))

        notes = []
        if status == 'setup-failed':
            notes.append('meson setup failed')
        elif status == 'build-failed':
            notes.append('build failed')
        elif status != 'ok':
            notes.append(status)
        for e in (error, error2):
            if e:
                notes.append(e)
        if test_exit not in ('-', '0') and failed == 0:
            notes.append('meson test exited with status %s' % test_exit)
        if test_exit == '-' and status == 'ok':
            notes.append('tests did not run')

        line = '  %-12s %d passed, %d failed, %d skipped' % (label + ':', passed, failed, skipped)
        if notes:
            line += ' — ' + '; '.join(notes)
            problems.append('%s: %s' % (label, '; '.join(notes)))
        lines.append(line)
        for name in failed_names:
            lines.append('      failed: %s' % name)
        total_passed += passed
        total_failed += failed
        total_skipped += skipped

    if not builds:
        problems.append('no build was run')
    if total_passed + total_failed == 0:
        problems.append('no test ran')

    print('Test results by build:')
    for line in lines:
        print(line)
    for p in problems:
        print('PROBLEM: %s' % p)
    print('%d passed, %d failed, %d skipped' % (total_passed, total_failed, total_skipped))
    return 1 if (problems or total_failed) else 0


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == 'runnable':
        return runnable(sys.argv[2:])
    if len(sys.argv) >= 2 and sys.argv[1] == 'summary':
        return summary(sys.argv[2:])
    print('Usage: count-results.py runnable|summary ...', file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main())
