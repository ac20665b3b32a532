/* hd-server-private.h — what the parts of the server share
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "hd-server.h"
#include "hd-server-auth.h"
#include "hd-server-pull.h"
#include "hd-server-push.h"
#include "hd-server-storage.h"
#include "hd-server-workers.h"

G_BEGIN_DECLS

struct _HdServer {
  HdServerConfig    config;
  GMainContext     *context;
  HdServerStorage  *storage;
  HdServerWorkers  *workers;
  HdServerHasher   *hasher;
  HdServerThrottle *throttle;
  SoupServer       *soup;
  gboolean          https;
  guint             port;

  /* Main thread only */
  GHashTable       *hub_versions;    /* hub id → gint64 *: newest in its feed */
  gint64            known_counter;   /* newest version seen committed */
  GQueue            waiters;         /* HdServerWaiter */
  guint             poll_id;
  gboolean          poll_busy;
  gboolean          stopping;
  gboolean          trim_pending;    /* large requests were served */
};

typedef enum {
  HD_SERVER_ENDPOINT_NONE,
  HD_SERVER_ENDPOINT_HEALTH,
  HD_SERVER_ENDPOINT_LOGIN,
  HD_SERVER_ENDPOINT_LOGOUT,
  HD_SERVER_ENDPOINT_PULL,
  HD_SERVER_ENDPOINT_PUSH,
  HD_SERVER_ENDPOINT_WAIT,
} HdServerEndpoint;

/* One API request on its way through the threads. */
typedef struct {
  HdServer           *server;
  SoupServerMessage  *msg;
  HdServerEndpoint    endpoint;
  gboolean            finished;      /* the connection went away */
  gboolean            answered;

  gboolean            has_token;
  guint8              token_hash[32];
  GBytes             *body;
  char               *cursor;
  guint               limit;
  guint               timeout;

  /* Filled by the workers */
  HdServerUser       *caller;
  GError             *error;
  JsonNode           *error_details;
  guint               status;
  char               *response;
  guint               n_items;
  gint64              retry_after;

  /* login */
  char               *login;
  char               *password;
  char               *device;
  char               *password_hash;
  char               *token;
  gint64              expires_at;

  /* push */
  HdServerPush       *push;
} HdServerRequest;

void  hd_server_request_free        (HdServerRequest *request);
/* Answers @request with its response (or error) and resumes the
 * message. Safe when the connection is gone. Frees @request. */
void  hd_server_request_finish      (HdServerRequest *request);
/* The caller's login, remembered for the request log. */
void  hd_server_request_set_user    (HdServerRequest *request,
                                     const char      *login);

/* hd-server-http.c */
gboolean hd_server_http_start       (HdServer        *server,
                                     GError         **error);
void     hd_server_http_stop        (HdServer        *server);

/* hd-server-wait.c: long polls, main thread only */
void  hd_server_wait_start          (HdServerRequest *request,
                                     HdServerCursor  *cursor);
/* Wakes the waiters who can now pull something. */
void  hd_server_wait_notify         (HdServer        *server);
/* Wakes every waiter (after a change made outside this process). */
void  hd_server_wait_wake_all       (HdServer        *server);
void  hd_server_wait_stop           (HdServer        *server);

G_END_DECLS
