#!/usr/bin/python3
# check-translations.py — fails when a translation is incomplete or POTFILES.in is out of date
# Copyright 2026 The Hubdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-translations.py SOURCE_ROOT
#        check-translations.py --update-potfiles SOURCE_ROOT
#
# The second form rewrites po/POTFILES.in: files that no longer exist are
# dropped, files with translatable strings are added, and the list is sorted.
#
# 1. Every file named in po/POTFILES.in exists.
# 2. Every file under src/ that holds translatable strings (_(), N_(), C_(),
#    NC_(), ngettext(), g_dngettext() or translatable="yes"), and every
#    translatable file at the top of data/, is named in po/POTFILES.in
#    (or in po/POTFILES.skip, for a file that is deliberately left out).
# 3. A template freshly extracted from the sources, merged into each
#    language of po/LINGUAS, leaves no message untranslated or fuzzy, and
#    msgfmt --check accepts the result.

import os
import re
import shutil
import subprocess
import sys
import tempfile

# The same keywords as meson's 'glib' preset, plus plain ngettext.
XGETTEXT_ARGS = [
    '--from-code=UTF-8',
    '--add-comments=Translators:',
    '--keyword=_',
    '--keyword=N_',
    '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2',
    '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
    '--keyword=ngettext:1,2',
    '--flag=N_:1:pass-c-format',
    '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format',
    '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format',
    '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format',
    '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]

C_SUFFIXES = ('.c', '.h')
XML_SUFFIXES = ('.ui', '.xml', '.xml.in')

C_MARKERS = re.compile(
    r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|ngettext|g_dngettext|g_dpgettext2)\s*\(')
XML_MARKER = re.compile(r'translatable\s*=\s*"(?:yes|true)"', re.IGNORECASE)
C_COMMENT = re.compile(r'/\*.*?\*/', re.DOTALL)
XML_COMMENT = re.compile(r'<!--.*?-->', re.DOTALL)

DATA_TRANSLATABLE = ('.desktop.in', '.metainfo.xml.in', '.appdata.xml.in')


def read_list(path):
    """Paths listed one a line; '#' comments and [encoding] lines skipped."""
    entries = []
    if not os.path.exists(path):
        return entries
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith('#') or line.startswith('['):
                continue
            entries.append(os.path.normpath(line))
    return entries


def has_translatable_strings(path):
    try:
        with open(path, encoding='utf-8') as f:
            text = f.read()
    except (UnicodeDecodeError, OSError):
        return False
    if path.endswith(C_SUFFIXES):
        return C_MARKERS.search(C_COMMENT.sub('', text)) is not None
    if path.endswith(XML_SUFFIXES):
        text = XML_COMMENT.sub('', text)
        if XML_MARKER.search(text):
            return True
        return path.endswith('.gschema.xml') and 'gettext-domain' in text
    return False


def files_needing_translation(srcdir):
    found = []
    for root, dirs, files in os.walk(os.path.join(srcdir, 'src')):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            if has_translatable_strings(path):
                found.append(os.path.relpath(path, srcdir))
    data = os.path.join(srcdir, 'data')
    if os.path.isdir(data):
        for name in sorted(os.listdir(data)):
            path = os.path.join(data, name)
            if not os.path.isfile(path):
                continue
            if name.endswith(DATA_TRANSLATABLE) or (
                    name.endswith('.gschema.xml') and has_translatable_strings(path)):
                found.append(os.path.relpath(path, srcdir))
    return found


def unquote(s):
    """Decodes the C-like escapes of a PO string literal."""
    out = []
    i = 0
    escapes = {'n': '\n', 't': '\t', 'r': '\r', '"': '"', '\\': '\\', 'a': '\a',
               'b': '\b', 'f': '\f', 'v': '\v'}
    while i < len(s):
        c = s[i]
        if c == '\\' and i + 1 < len(s):
            out.append(escapes.get(s[i + 1], s[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def parse_po(path):
    """Returns the entries of a PO file as dicts (obsolete ones left out)."""
    entries = []
    with open(path, encoding='utf-8') as f:
        blocks = f.read().split('\n\n')
    for block in blocks:
        entry = {'flags': set(), 'refs': [], 'msgctxt': None, 'msgid': None,
                 'msgid_plural': None, 'msgstr': {}}
        key = None
        obsolete = False
        for line in block.splitlines():
            line = line.strip()
            if line.startswith('#~'):
                obsolete = True
                continue
            if line.startswith('#,'):
                entry['flags'].update(x.strip() for x in line[2:].split(','))
                continue
            if line.startswith('#:'):
                entry['refs'].extend(line[2:].split())
                continue
            if line.startswith('#') or not line:
                continue
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"$', line)
            if m:
                word = m.group(1)
                value = unquote(m.group(3))
                if word.startswith('msgstr'):
                    key = ('msgstr', int(m.group(2) or 0))
                    entry['msgstr'][key[1]] = value
                else:
                    key = (word, None)
                    entry[word] = value
                continue
            m = re.match(r'^"(.*)"$', line)
            if m and key is not None:
                value = unquote(m.group(1))
                if key[0] == 'msgstr':
                    entry['msgstr'][key[1]] += value
                else:
                    entry[key[0]] += value
        if obsolete or entry['msgid'] is None:
            continue
        entries.append(entry)
    return entries


def describe(entry):
    text = entry['msgid'].replace('\n', '\\n')
    if len(text) > 70:
        text = text[:67] + '...'
    where = ' '.join(entry['refs'][:3]) or 'no reference'
    ctxt = '[%s] ' % entry['msgctxt'] if entry['msgctxt'] else ''
    return '%s"%s" (%s)' % (ctxt, text, where)


def run(argv, cwd=None):
    result = subprocess.run(argv, cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, universal_newlines=True)
    return result.returncode, result.stdout


def update_potfiles(srcdir):
    path = os.path.join(srcdir, 'po', 'POTFILES.in')
    header = []
    if os.path.exists(path):
        with open(path, encoding='utf-8') as f:
            for line in f:
                if line.startswith('#') or line.startswith('['):
                    header.append(line)
                elif line.strip():
                    break
    skipped = set(read_list(os.path.join(srcdir, 'po', 'POTFILES.skip')))
    names = {n for n in read_list(path) if os.path.isfile(os.path.join(srcdir, n))}
    names.update(n for n in files_needing_translation(srcdir) if n not in skipped)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(''.join(header))
        f.write(''.join(n + '\n' for n in sorted(names)))
    print('po/POTFILES.in lists %d files.' % len(names))
    return 0


def main():
    args = sys.argv[1:]
    if len(args) == 2 and args[0] == '--update-potfiles':
        return update_potfiles(os.path.abspath(args[1]))
    if len(args) != 1:
        print('Usage: check-translations.py [--update-potfiles] SOURCE_ROOT', file=sys.stderr)
        return 2
    srcdir = os.path.abspath(args[0])
    podir = os.path.join(srcdir, 'po')
    problems = []

    for tool in ('xgettext', 'msgmerge', 'msgfmt'):
        if shutil.which(tool) is None:
            print('%s is not installed (Debian package gettext).' % tool, file=sys.stderr)
            return 1

    potfiles = read_list(os.path.join(podir, 'POTFILES.in'))
    skipped = set(read_list(os.path.join(podir, 'POTFILES.skip')))
    if not potfiles:
        problems.append('po/POTFILES.in lists no files.')

    # (c) POTFILES.in names only files that exist.
    existing = []
    for name in potfiles:
        if os.path.isfile(os.path.join(srcdir, name)):
            existing.append(name)
        else:
            problems.append('po/POTFILES.in names %s, which does not exist.' % name)

    # (b) Every file with translatable strings is in POTFILES.in.
    listed = set(potfiles)
    for name in files_needing_translation(srcdir):
        if name not in listed and name not in skipped:
            problems.append('%s has translatable strings but is not in po/POTFILES.in.' % name)

    # (a) Fresh template, merged into every language: complete and valid.
    languages = read_list(os.path.join(podir, 'LINGUAS'))
    if not languages:
        problems.append('po/LINGUAS lists no language.')

    with tempfile.TemporaryDirectory(prefix='hubdesk-po-') as tmp:
        listfile = os.path.join(tmp, 'POTFILES')
        with open(listfile, 'w', encoding='utf-8') as f:
            f.write(''.join(name + '\n' for name in existing))
        pot = os.path.join(tmp, 'hubdesk.pot')
        rc, out = run(['xgettext', '--package-name=hubdesk', '--directory=' + srcdir,
                       '--files-from=' + listfile, '--output=' + pot] + XGETTEXT_ARGS,
                      cwd=srcdir)
        # A string glued to a macro ("%" G_GINT64_FORMAT) is cut off where
        # the macro starts: the catalog gets a fragment, and the message
        # can never be translated.
        for line in out.splitlines():
            if 'ends in the middle of a directive' in line:
                where = line.split(': warning:')[0]
                problems.append('%s: a translatable string is cut off at a "%%" followed by a '
                                'macro such as G_GINT64_FORMAT, so it can never be translated; '
                                'use a plain directive such as %%lld (with a cast) instead.'
                                % where)
        if rc != 0:
            problems.append('xgettext failed:\n' + out)
        elif not os.path.exists(pot):
            problems.append('xgettext found no translatable strings at all.')
        else:
            template = [e for e in parse_po(pot) if e['msgid'] != '']
            print('Template: %d messages from %d files.' % (len(template), len(existing)))
            for lang in languages:
                po = os.path.join(podir, lang + '.po')
                if not os.path.exists(po):
                    problems.append('po/%s.po is missing (named in po/LINGUAS).' % lang)
                    continue
                merged = os.path.join(tmp, lang + '.po')
                rc, out = run(['msgmerge', '--quiet', '--output-file=' + merged, po, pot])
                if rc != 0:
                    problems.append('msgmerge of po/%s.po failed:\n%s' % (lang, out))
                    continue
                rc, out = run(['msgfmt', '--check', '--output-file=/dev/null', merged])
                if rc != 0:
                    problems.append('msgfmt --check rejects po/%s.po:\n%s' % (lang, out))
                entries = [e for e in parse_po(merged) if e['msgid'] != '']
                untranslated = [e for e in entries
                                if not e['msgstr'] or any(v == '' for v in e['msgstr'].values())]
                fuzzy = [e for e in entries if 'fuzzy' in e['flags'] and e not in untranslated]
                for e in untranslated:
                    problems.append('po/%s.po: untranslated: %s' % (lang, describe(e)))
                for e in fuzzy:
                    problems.append('po/%s.po: fuzzy: %s' % (lang, describe(e)))
                print('po/%s.po: %d of %d messages translated, %d fuzzy, %d untranslated.'
                      % (lang, len(entries) - len(untranslated) - len(fuzzy), len(entries),
                         len(fuzzy), len(untranslated)))

    if problems:
        print('\n%d translation problem(s):' % len(problems))
        for p in problems:
            print('  ' + p)
        print('\nSee po/README.md: add the files to po/POTFILES.in, run '
              '"ninja -C _build hubdesk-update-po" and translate the new messages.')
        return 1
    print('Translations are complete.')
    return 0


if __name__ == '__main__':
    sys.exit(main())
