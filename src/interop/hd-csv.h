/* hd-csv.h — reading and writing CSV files as spreadsheets write them
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading takes the bytes of a whole file: UTF-8 with or without a byte
 * order mark, UTF-16 with one, else Windows-1252 (what Excel writes on a
 * German Windows); the separator (comma, semicolon or tab) is the one
 * found most often outside quotes in the first line; quoted fields may
 * hold separators, doubled quotes and line breaks (RFC 4180).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  GPtrArray *rows;       /* GStrv per row, header first; empty lines left out */
  GArray    *lines;      /* guint: the line in the file each row starts on */
  char       separator;
  char      *encoding;   /* "UTF-8", "UTF-16", "WINDOWS-1252" */
} HdCsv;

/* Parses @data; fails (HD_INTEROP_ERROR_PARSE, naming the line) on a
 * quote that is never closed, text right after a closing quote, a file
 * that is empty or not text. */
HdCsv      *hd_csv_parse          (const char   *data,
                                   gsize         length,
                                   GError      **error);
void        hd_csv_free           (HdCsv        *csv);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdCsv, hd_csv_free)

/* Appends @fields as one CSV line (CRLF), quoting where needed. */
void        hd_csv_append_row     (GString      *out,
                                   char          separator,
                                   const char * const *fields,
                                   guint         n_fields);

G_END_DECLS
