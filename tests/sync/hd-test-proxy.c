/* hd-test-proxy.c — a fault-injecting TCP proxy on loopback, for tests
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One thread accepts; each connection gets one thread per direction,
 * with blocking sockets. Every socket has a timeout, so that nothing here
 * outlives the test by more than that.
 */
#include "config.h"

#include <sys/socket.h>

#include "hd-test-proxy.h"

#define SOCKET_TIMEOUT 30

struct _HdTestProxy
{
  GSocket      *listener;
  char         *url;
  GInetAddress *target_address;
  guint16       target_port;
  GThread      *accept_thread;
  GCancellable *cancellable;
  gint          fault;
  gint          param;
  gint          accepted;
  gint          cut;
  GMutex        lock;
  GPtrArray    *threads;
};

typedef struct {
  HdTestProxy  *proxy;
  GSocket      *client;
  GSocket      *server;
  HdProxyFault  fault;
  guint         param;
  gint          reset;   /* reset the client's side when closing */
} Conn;

static gboolean
send_all (GSocket      *socket,
          const char   *data,
          gsize         size,
          GCancellable *cancellable)
{
  while (size > 0)
    {
      gssize n = g_socket_send (socket, data, size, cancellable, NULL);

      if (n <= 0)
        return FALSE;
      data += n;
      size -= (gsize) n;
    }

  return TRUE;
}

static void
stop_both (Conn *conn)
{
  g_socket_shutdown (conn->client, TRUE, TRUE, NULL);
  if (conn->server != NULL)
    g_socket_shutdown (conn->server, TRUE, TRUE, NULL);
}

static void
cut (Conn *conn)
{
  struct linger linger = { 1, 0 };

  /* A close with linger 0 sends a reset instead of a clean end. */
  setsockopt (g_socket_get_fd (conn->client), SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
  g_atomic_int_set (&conn->reset, 1);
  g_atomic_int_inc (&conn->proxy->cut);
  stop_both (conn);
}

/* Forwards @from to @to until either ends; @answers tells the direction. */
static void
pump (Conn     *conn,
      GSocket  *from,
      GSocket  *to,
      gboolean  answers)
{
  GCancellable *cancellable = conn->proxy->cancellable;
  char buffer[16384];
  guint64 total = 0;

  for (;;)
    {
      gssize n = g_socket_receive (from, buffer, sizeof buffer, cancellable, NULL);
      gsize limit = (gsize) n;

      if (n <= 0)
        break;

      switch (conn->fault)
        {
        case HD_PROXY_LATENCY:
          g_usleep ((gulong) conn->param * 1000);
          break;
        case HD_PROXY_RESET_RESPONSE:
        case HD_PROXY_RESET_REQUEST:
          if (answers == (conn->fault == HD_PROXY_RESET_RESPONSE) &&
              total + (guint64) n >= conn->param)
            {
              limit = (gsize) (conn->param - total);
              send_all (to, buffer, limit, cancellable);
              cut (conn);
              return;
            }
          break;
        case HD_PROXY_TRICKLE:
          if (answers)
            {
              gsize chunk = MAX (conn->param / 10, 1);

              for (gsize done = 0; done < limit; done += chunk)
                {
                  if (g_cancellable_is_cancelled (cancellable) ||
                      !send_all (to, buffer + done, MIN (chunk, limit - done), cancellable))
                    goto out;
                  g_usleep (100 * 1000);
                }
              total += (guint64) n;
              continue;
            }
          break;
        default:
          break;
        }

      if (!send_all (to, buffer, limit, cancellable))
        break;
      total += (guint64) n;
    }

out:
  stop_both (conn);
}

static gpointer
upstream_thread (gpointer data)
{
  Conn *conn = data;

  pump (conn, conn->client, conn->server, FALSE);
  return NULL;
}

static gpointer
connection_thread (gpointer data)
{
  Conn *conn = data;
  HdTestProxy *proxy = conn->proxy;

  if (conn->fault == HD_PROXY_BLACK_HOLE)
    {
      char buffer[4096];

      /* Swallow until the client gives up (or the proxy ends). */
      while (g_socket_receive (conn->client, buffer, sizeof buffer, proxy->cancellable, NULL) > 0)
        ;
    }
  else
    {
      g_autoptr(GSocketAddress) address = g_inet_socket_address_new (proxy->target_address,
                                                                     proxy->target_port);
      GThread *up;

      conn->server = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                   G_SOCKET_PROTOCOL_TCP, NULL);
      g_socket_set_timeout (conn->server, SOCKET_TIMEOUT);
      if (conn->server != NULL &&
          g_socket_connect (conn->server, address, proxy->cancellable, NULL))
        {
          up = g_thread_new ("proxy-up", upstream_thread, conn);
          pump (conn, conn->server, conn->client, TRUE);
          g_thread_join (up);
        }
    }

  g_socket_close (conn->client, NULL);
  if (conn->server != NULL)
    g_socket_close (conn->server, NULL);
  g_clear_object (&conn->client);
  g_clear_object (&conn->server);
  g_free (conn);

  return NULL;
}

static gpointer
accept_thread (gpointer data)
{
  HdTestProxy *proxy = data;

  for (;;)
    {
      GSocket *client = g_socket_accept (proxy->listener, proxy->cancellable, NULL);
      Conn *conn;

      if (client == NULL)
        break;

      g_socket_set_timeout (client, SOCKET_TIMEOUT);
      conn = g_new0 (Conn, 1);
      conn->proxy = proxy;
      conn->client = client;
      conn->fault = (HdProxyFault) g_atomic_int_get (&proxy->fault);
      conn->param = (guint) g_atomic_int_get (&proxy->param);
      g_atomic_int_inc (&proxy->accepted);

      g_mutex_lock (&proxy->lock);
      g_ptr_array_add (proxy->threads, g_thread_new ("proxy-conn", connection_thread, conn));
      g_mutex_unlock (&proxy->lock);
    }

  return NULL;
}

HdTestProxy *
hd_test_proxy_new (const char *target_url)
{
  HdTestProxy *proxy = g_new0 (HdTestProxy, 1);
  g_autoptr(GUri) uri = g_uri_parse (target_url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (uri);
  proxy->target_address = g_inet_address_new_from_string (g_uri_get_host (uri));
  g_assert_nonnull (proxy->target_address);
  proxy->target_port = (guint16) g_uri_get_port (uri);
  proxy->cancellable = g_cancellable_new ();
  proxy->threads = g_ptr_array_new ();
  g_mutex_init (&proxy->lock);

  proxy->listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                  G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (proxy->listener, any, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (proxy->listener, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (proxy->listener, &error);
  g_assert_no_error (error);
  proxy->url = g_strdup_printf ("http://127.0.0.1:%u",
                                g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  proxy->accept_thread = g_thread_new ("proxy-accept", accept_thread, proxy);
  return proxy;
}

void
hd_test_proxy_free (HdTestProxy *proxy)
{
  if (proxy == NULL)
    return;

  g_cancellable_cancel (proxy->cancellable);
  g_socket_shutdown (proxy->listener, TRUE, TRUE, NULL);
  g_thread_join (proxy->accept_thread);

  g_mutex_lock (&proxy->lock);
  for (guint i = 0; i < proxy->threads->len; i++)
    g_thread_join (g_ptr_array_index (proxy->threads, i));
  g_ptr_array_set_size (proxy->threads, 0);
  g_mutex_unlock (&proxy->lock);

  g_socket_close (proxy->listener, NULL);
  g_object_unref (proxy->listener);
  g_object_unref (proxy->cancellable);
  g_object_unref (proxy->target_address);
  g_ptr_array_unref (proxy->threads);
  g_mutex_clear (&proxy->lock);
  g_free (proxy->url);
  g_free (proxy);
}

const char *
hd_test_proxy_get_url (HdTestProxy *proxy)
{
  return proxy->url;
}

void
hd_test_proxy_set_fault (HdTestProxy  *proxy,
                         HdProxyFault  fault,
                         guint         param)
{
  g_atomic_int_set (&proxy->param, (gint) param);
  g_atomic_int_set (&proxy->fault, (gint) fault);
}

guint
hd_test_proxy_get_accepted (HdTestProxy *proxy)
{
  return (guint) g_atomic_int_get (&proxy->accepted);
}

guint
hd_test_proxy_get_cut (HdTestProxy *proxy)
{
  return (guint) g_atomic_int_get (&proxy->cut);
}
