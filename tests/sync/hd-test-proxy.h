/* hd-test-proxy.h — a fault-injecting TCP proxy on loopback, for tests
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sits between a client and a server and forwards bytes, unless told to
 * misbehave. Runs on threads of its own, so that the test's thread may
 * block in a sync meanwhile. A fault applies to connections accepted
 * after it was set.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  HD_PROXY_PASS,            /* forward everything */
  HD_PROXY_LATENCY,         /* wait @param ms before forwarding each chunk */
  HD_PROXY_RESET_RESPONSE,  /* reset the connection after @param bytes of answers */
  HD_PROXY_RESET_REQUEST,   /* reset it after @param bytes of requests */
  HD_PROXY_TRICKLE,         /* answers at @param bytes a second */
  HD_PROXY_BLACK_HOLE,      /* accept, swallow requests, never answer */
} HdProxyFault;

typedef struct _HdTestProxy HdTestProxy;

/* Forwards 127.0.0.1:<free port> to the host and port of @target_url. */
HdTestProxy *hd_test_proxy_new        (const char   *target_url);
void         hd_test_proxy_free       (HdTestProxy  *proxy);
/* "http://127.0.0.1:PORT" */
const char  *hd_test_proxy_get_url    (HdTestProxy  *proxy);
void         hd_test_proxy_set_fault  (HdTestProxy  *proxy,
                                       HdProxyFault  fault,
                                       guint         param);
/* Connections accepted so far, and connections cut by a fault. */
guint        hd_test_proxy_get_accepted (HdTestProxy *proxy);
guint        hd_test_proxy_get_cut    (HdTestProxy  *proxy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdTestProxy, hd_test_proxy_free)

G_END_DECLS
