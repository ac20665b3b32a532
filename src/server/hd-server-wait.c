/* hd-server-wait.c — long polls that hold no thread and no connection
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A waiting request is a paused SoupServerMessage in a list on the main
 * thread, with a timer and a watch on its socket (so that a client that
 * hangs up is let go at once). After every COMMIT the writer reports the
 * newest version per hub; the waiters who can now pull something are
 * answered {"changed": true}; at the timeout, {"changed": false}.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <sys/socket.h>

#include "hd-server-error.h"
#include "hd-server-private.h"

typedef struct {
  HdServer         *server;
  HdServerRequest  *request;
  HdServerCursor    cursor;
  guint             timeout_id;
  GSource          *watch;
  GList            *link;
} Waiter;

static void
waiter_answer (Waiter   *waiter,
               gboolean  changed)
{
  HdServer *server = waiter->server;
  HdServerRequest *request = waiter->request;

  g_queue_delete_link (&server->waiters, waiter->link);
  if (waiter->timeout_id != 0)
    g_source_remove (waiter->timeout_id);
  if (waiter->watch != NULL)
    {
      g_source_destroy (waiter->watch);
      g_source_unref (waiter->watch);
    }
  hd_server_cursor_clear (&waiter->cursor);
  g_free (waiter);

  request->response = g_strdup_printf ("{\"changed\":%s}", changed ? "true" : "false");
  hd_server_request_finish (request);
}

static gboolean
waiter_timeout (gpointer user_data)
{
  Waiter *waiter = user_data;

  waiter->timeout_id = 0;
  waiter_answer (waiter, FALSE);

  return G_SOURCE_REMOVE;
}

static gboolean
waiter_socket_ready (int           fd,
                     GIOCondition  condition,
                     gpointer      user_data)
{
  Waiter *waiter = user_data;
  char byte;
  gssize n;

  /* Readable while waiting: either the client hung up (end of stream or
   * an error) or it sent more, which it may not do before our answer. */
  n = recv (fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
    return G_SOURCE_CONTINUE;

  g_source_unref (waiter->watch);
  waiter->watch = NULL;
  waiter_answer (waiter, FALSE);

  return G_SOURCE_REMOVE;
}

void
hd_server_wait_start (HdServerRequest *request,
                      HdServerCursor  *cursor)
{
  HdServer *server = request->server;
  GSocket *socket;
  Waiter *waiter;

  if (request->timeout == 0 ||
      hd_server_cursor_behind (cursor, request->caller, server->hub_versions))
    {
      request->response = g_strdup_printf ("{\"changed\":%s}",
                                           request->timeout == 0 &&
                                           !hd_server_cursor_behind (cursor, request->caller,
                                                                     server->hub_versions)
                                           ? "false" : "true");
      hd_server_request_finish (request);
      return;
    }

  if (g_queue_get_length (&server->waiters) >= server->config.max_waiters)
    {
      request->error = g_error_new_literal (HD_SERVER_ERROR, HD_SERVER_ERROR_UNAVAILABLE,
                                            _("The server is very busy. Please try again in a few seconds."));
      request->retry_after = 5;
      hd_server_request_finish (request);
      return;
    }

  waiter = g_new0 (Waiter, 1);
  waiter->server = server;
  waiter->request = request;
  waiter->cursor = *cursor;
  cursor->backfill = NULL;   /* the waiter owns it now */
  waiter->timeout_id = g_timeout_add_seconds (request->timeout, waiter_timeout, waiter);

  socket = soup_server_message_get_socket (request->msg);
  if (socket != NULL)
    {
      /* A plain descriptor watch: a GSocket source would carry the
       * socket's idle timeout into libsoup's next read. */
      waiter->watch = g_unix_fd_source_new (g_socket_get_fd (socket), G_IO_IN | G_IO_HUP | G_IO_ERR);
      g_source_set_callback (waiter->watch, G_SOURCE_FUNC (waiter_socket_ready), waiter, NULL);
      g_source_attach (waiter->watch, server->context);
    }

  g_queue_push_tail (&server->waiters, waiter);
  waiter->link = server->waiters.tail;
}

void
hd_server_wait_notify (HdServer *server)
{
  GList *l = server->waiters.head;

  while (l != NULL)
    {
      Waiter *waiter = l->data;

      l = l->next;
      if (waiter->request->finished)
        waiter_answer (waiter, FALSE);
      else if (hd_server_cursor_behind (&waiter->cursor, waiter->request->caller,
                                        server->hub_versions))
        waiter_answer (waiter, TRUE);
    }
}

void
hd_server_wait_wake_all (HdServer *server)
{
  while (server->waiters.head != NULL)
    waiter_answer (server->waiters.head->data, TRUE);
}

void
hd_server_wait_stop (HdServer *server)
{
  while (server->waiters.head != NULL)
    waiter_answer (server->waiters.head->data, FALSE);
}
