/* hd-sync-test.h — fixtures of the sync tests: a real hubdesk-server on
 * loopback, clients in this process, the command line tool, checksums
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hd-sync-engine.h"

G_BEGIN_DECLS

#define HD_TEST_PASSWORD "correct horse battery"

typedef struct {
  char        *dir;
  char        *db;
  char        *url;
  char        *hub_id;     /* "Test Hub": alice and bob manage it */
  GSubprocess *process;
  char       **extra;      /* more arguments for serve */
} HdTestServer;

/* A server with one hub and the managers alice and bob (password
 * HD_TEST_PASSWORD), listening on a free loopback port. @extra: more
 * arguments for "serve" (NULL-terminated, may be NULL). */
HdTestServer *hd_test_server_new      (const char * const *extra);
void          hd_test_server_free     (HdTestServer *server);
void          hd_test_server_stop     (HdTestServer *server);
void          hd_test_server_start    (HdTestServer *server);
/* Runs an admin command (hubdesk-server ARGS… --db DB) and returns its
 * output; fails the test when it fails. */
char         *hd_test_server_admin    (HdTestServer *server,
                                       const char   *input,
                                       ...) G_GNUC_NULL_TERMINATED;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdTestServer, hd_test_server_free)

typedef struct {
  char         *dir;
  HdStore      *store;
  HdSyncEngine *engine;
} HdTestClient;

/* A new profile logged in as @user at @url (NULL: the server's), token
 * in memory. */
HdTestClient *hd_test_client_new      (HdTestServer *server,
                                       const char   *user,
                                       const char   *url);
void          hd_test_client_free     (HdTestClient *client);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdTestClient, hd_test_client_free)
/* One sync, run to its end on this thread's main context. */
gboolean      hd_test_client_sync     (HdTestClient   *client,
                                       HdSyncSummary  *out_summary,
                                       GError        **error);
/* Syncs and fails the test on error. */
void          hd_test_client_sync_ok  (HdTestClient   *client);
/* Creates (id NULL) or changes a record from JSON fields; returns it. */
HdRecord     *hd_test_client_put      (HdTestClient   *client,
                                       HdEntity        entity,
                                       const char     *id,
                                       const char     *fields_json);
/* hd_test_client_put() without keeping the record. */
void          hd_test_client_edit     (HdTestClient   *client,
                                       HdEntity        entity,
                                       const char     *id,
                                       const char     *fields_json);
gboolean      hd_test_client_retry    (HdTestClient   *client,
                                       HdEntity        entity,
                                       const char     *id,
                                       HdRecord       *fixed,
                                       GError        **error);
gboolean      hd_test_client_discard  (HdTestClient   *client,
                                       HdEntity        entity,
                                       const char     *id,
                                       GError        **error);
GPtrArray    *hd_test_client_conflicts (HdTestClient  *client);
GPtrArray    *hd_test_client_rejections (HdTestClient *client);
gboolean      hd_test_client_resolve  (HdTestClient     *client,
                                       gint64            id,
                                       HdSyncResolution  how,
                                       GError          **error);

/* A digest of the live records of @entity: ids, versions and fields. */
char         *hd_test_checksum        (HdStore      *store,
                                       HdEntity      entity);
/* Fails the test when the live records of @entity differ, naming the
 * first records that do. */
void          hd_test_assert_same     (HdStore      *a,
                                       HdStore      *b,
                                       HdEntity      entity);
/* Live records of @entity. */
guint         hd_test_count           (HdStore      *store,
                                       HdEntity      entity);

/* Runs hubdesk-cli with --profile @profile (and --token-file @token_file
 * when given) and the arguments; returns its exit status. */
int           hd_test_cli             (const char   *profile,
                                       const char   *token_file,
                                       const char   *input,
                                       char        **out_stdout,
                                       const char * const *env,
                                       ...) G_GNUC_NULL_TERMINATED;
char         *hd_test_cli_path        (void);

/* Iterates the default main context until *flag is set or @seconds pass. */
gboolean      hd_test_iterate_until   (const gboolean *flag,
                                       guint           seconds);

G_END_DECLS
