/* store-test-util.h — what the store's tests share
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hd-store.h"

G_BEGIN_DECLS

#define TEST_HUB   "0b7f5c1e-3a53-4b4c-9a55-7c1f7d3b2a10"
#define TEST_HUB_2 "4d1c8e2a-7b6f-4f0e-8d3c-2a9b1e5f6c70"

/* A fresh temporary folder and the path of a store file in it. */
typedef struct {
  char *dir;
  char *path;
} TestDir;

void      test_dir_init          (TestDir     *dir);
void      test_dir_clear         (TestDir     *dir);

HdStore  *test_open_store        (const char  *path);

HdRecord *test_person            (const char  *hub_id,
                                  const char  *given_name,
                                  const char  *family_name);
HdRecord *test_organization      (const char  *hub_id,
                                  const char  *name);
HdRecord *test_event             (const char  *hub_id,
                                  const char  *title,
                                  const char  *starts_at,
                                  const char  *ends_at);

/* PRAGMA integrity_check on a connection of its own: "ok" or the report. */
char     *test_integrity_check   (const char  *path);
/* SHA-256 of a file's bytes. */
char     *test_file_checksum     (const char  *path);
/* Runs @sql on a plain connection of its own. */
void      test_exec_sql          (const char  *path,
                                  const char  *sql);
/* The first column of the first row @sql gives on a plain connection of
 * its own, as text, or NULL. */
char     *test_query_text        (const char  *path,
                                  const char  *sql);

/* Iterates the thread-default main context until *@flag is TRUE (or a
 * generous timeout fails the test). */
void      test_wait_for          (gboolean    *flag);

/* The fields named in an outbox entry, sorted, joined with ",". */
char     *test_entry_fields      (const HdOutboxEntry *entry);

G_END_DECLS
