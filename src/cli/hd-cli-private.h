/* hd-cli-private.h — what the command files of hubdesk-cli share
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each group of commands lives in a file of its own (hd-cli.c: account,
 * sync and records); a command is a function taking the parsed global
 * options and the words after the command's name, returning the exit
 * status. Commands with options of their own (--dry-run, --format, …)
 * parse them with hd_cli_parse_options().
 */
#pragma once

#include <json-glib/json-glib.h>

#include "hd-store.h"
#include "hd-sync-engine.h"

G_BEGIN_DECLS

typedef struct {
  char          *profile;
  char          *token_file;
  char          *ca_file;
  gboolean       json;
  char          *hub;
  gboolean       deleted;
  int            page_size;
  gboolean       stats;
  HdStore       *store;
  HdSyncEngine  *engine;
} HdCli;

typedef int (*HdCliCommand) (HdCli *cli,
                             char **args);

/* Prints "hubdesk-cli: WHAT: message" and returns 1. */
int           hd_cli_fail          (const char    *what,
                                    const GError  *error);
gboolean      hd_cli_open_store    (HdCli         *cli,
                                    GError       **error);
gboolean      hd_cli_open_engine   (HdCli         *cli,
                                    GError       **error);
gboolean      hd_cli_parse_entity  (const char    *name,
                                    HdEntity      *out_entity,
                                    GError       **error);
void          hd_cli_print_json    (JsonNode      *node);

/* Parses the options of @command out of @args (NULL-terminated, the
 * words after the command's name); on return *@out_args holds the rest,
 * to be freed with g_strfreev(). */
gboolean      hd_cli_parse_options (const char    *command,
                                    const GOptionEntry *entries,
                                    char         **args,
                                    char        ***out_args,
                                    GError       **error);

/* import FILE … and export WHAT …: hd-cli.c picks by the file's type
 * (.ics → calendar, else contacts) and by WHAT (events, bookings →
 * calendar; people, organizations → contacts). @args are the words after
 * "import" / "export", options included. */
int           hd_cli_import_contacts (HdCli       *cli,
                                      char       **args);
int           hd_cli_export_contacts (HdCli       *cli,
                                      char       **args);
int           hd_cli_import_calendar (HdCli       *cli,
                                      char       **args);
int           hd_cli_export_calendar (HdCli       *cli,
                                      char       **args);

/* Running an async call to completion on the default main context. */
typedef struct {
  GAsyncResult *result;
} HdCliWait;

void          hd_cli_wait_cb       (GObject       *source,
                                    GAsyncResult  *result,
                                    gpointer       user_data);
GAsyncResult *hd_cli_wait_for      (HdCliWait     *wait);

G_END_DECLS
