/* hd-server-pull.c — the change feed: pull pages and cursors
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "hd-server-auth.h"
#include "hd-server-error.h"
#include "hd-server-pull.h"

/* Cursors {{{1 */

static gboolean
parse_number (const char *text,
              gsize       length,
              gint64     *out_value)
{
  gint64 value = 0;

  if (length == 0 || length > 18)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (text[i] - '0');
    }

  *out_value = value;
  return TRUE;
}

static gboolean
bad_cursor (GError **error)
{
  g_set_error_literal (error, HD_SERVER_ERROR, HD_SERVER_ERROR_BAD_REQUEST,
                       _("The cursor is not one this server handed out."));
  return FALSE;
}

gboolean
hd_server_cursor_parse (const char      *text,
                        HdServerCursor  *out_cursor,
                        GError         **error)
{
  g_auto(GStrv) parts = NULL;

  out_cursor->version = 0;
  out_cursor->backfill = NULL;

  if (text == NULL || *text == '\0')
    return TRUE;

  if (strlen (text) > 8192)
    return bad_cursor (error);

  parts = g_strsplit (text, ";", 0);
  if (!parse_number (parts[0], strlen (parts[0]), &out_cursor->version))
    return bad_cursor (error);

  for (guint i = 1; parts[i] != NULL; i++)
    {
      const char *eq = strchr (parts[i], '=');
      g_autofree char *hub = NULL;
      gint64 position;
      gint64 *boxed;

      if (eq == NULL || !parse_number (eq + 1, strlen (eq + 1), &position))
        goto fail;

      hub = g_strndup (parts[i], (gsize) (eq - parts[i]));
      if (!hd_uuid_is_valid (hub) || position > out_cursor->version)
        goto fail;

      if (out_cursor->backfill == NULL)
        out_cursor->backfill = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      boxed = g_new (gint64, 1);
      *boxed = position;
      g_hash_table_replace (out_cursor->backfill, g_steal_pointer (&hub), boxed);
    }

  return TRUE;

fail:
  hd_server_cursor_clear (out_cursor);
  return bad_cursor (error);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char *
hd_server_cursor_format (const HdServerCursor *cursor)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%" G_GINT64_FORMAT, cursor->version);
  if (cursor->backfill != NULL && g_hash_table_size (cursor->backfill) > 0)
    {
      g_autofree gpointer *keys = g_hash_table_get_keys_as_array (cursor->backfill, NULL);
      guint n = g_hash_table_size (cursor->backfill);

      qsort (keys, n, sizeof (gpointer), compare_strings);
      for (guint i = 0; i < n; i++)
        {
          gint64 *position = g_hash_table_lookup (cursor->backfill, keys[i]);

          g_string_append_printf (text, ";%s=%" G_GINT64_FORMAT,
                                  (const char *) keys[i], *position);
        }
    }

  return g_string_free (text, FALSE);
}

void
hd_server_cursor_clear (HdServerCursor *cursor)
{
  g_clear_pointer (&cursor->backfill, g_hash_table_unref);
  cursor->version = 0;
}

static void
backfill_set (HdServerCursor *cursor,
              const char     *hub_id,
              gint64          position)
{
  gint64 *boxed = g_new (gint64, 1);

  *boxed = position;
  if (cursor->backfill == NULL)
    cursor->backfill = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_replace (cursor->backfill, g_strdup (hub_id), boxed);
}

/* Where the backfill of @m stands for a client at @cursor: a position
 * (0: from the start), or -1 when the hub needs none. */
static gint64
backfill_position (const HdServerCursor     *cursor,
                   const HdServerMembership *m)
{
  gint64 *position;

  if (cursor->version == 0)
    return -1;

  if (cursor->backfill != NULL &&
      (position = g_hash_table_lookup (cursor->backfill, m->hub_id)) != NULL)
    return *position;

  /* Granted after the client's last pull: its older records are new to
   * the client. */
  if (m->granted_version > cursor->version)
    return 0;

  return -1;
}

gboolean
hd_server_cursor_behind (const HdServerCursor *cursor,
                         const HdServerUser   *caller,
                         GHashTable           *hub_versions)
{
  if (caller->membership_version > cursor->version)
    return TRUE;

  for (guint i = 0; i < caller->memberships->len; i++)
    {
      const HdServerMembership *m = g_ptr_array_index (caller->memberships, i);
      gint64 *newest;

      if (!hd_server_authorize (caller, HD_SERVER_RIGHT_READ, m->hub_id, HD_ENTITY_HUB, NULL))
        continue;
      if (backfill_position (cursor, m) >= 0)
        return TRUE;
      newest = g_hash_table_lookup (hub_versions, m->hub_id);
      if (newest != NULL && *newest > cursor->version)
        return TRUE;
    }

  return FALSE;
}

/* Pull {{{1 */

typedef struct {
  GPtrArray *rows;    /* HdServerChange, in version order */
  guint      next;
} HubStream;

/* Appends the change unless it is a "gone" row of a record the caller
 * still sees in its new hub (it gets the record itself instead). */
static gboolean
emit_change (HdServerConn          *conn,
             const HdServerUser    *caller,
             const HdServerChange  *change,
             GString               *out,
             guint                 *n_out,
             GError               **error)
{
  if (change->gone)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *hub_now = hd_server_conn_record_hub (conn, change->entity, change->id,
                                                            &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (hub_now != NULL &&
          hd_server_authorize (caller, HD_SERVER_RIGHT_READ, hub_now, change->entity, NULL))
        return TRUE;
    }

  if (*n_out > 0)
    g_string_append_c (out, ',');
  g_string_append (out, change->doc);
  (*n_out)++;

  return TRUE;
}

static char *
hubs_json (const HdServerUser *caller)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < caller->memberships->len; i++)
    {
      const HdServerMembership *m = g_ptr_array_index (caller->memberships, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, m->hub_id);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, m->hub_name);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, hd_server_role_name (m->role));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static gboolean
reset_required (GError **error)
{
  g_set_error_literal (error, HD_SERVER_ERROR, HD_SERVER_ERROR_RESET_REQUIRED,
                       _("This device has been away longer than the server keeps "
                         "deleted records. Its copy must be loaded again from the start."));
  return FALSE;
}

char *
hd_server_pull (HdServerConn        *conn,
                const HdServerUser  *caller,
                const char          *cursor_text,
                guint                limit,
                guint               *out_n_changes,
                GError             **error)
{
  HdServerCursor cursor = { 0, NULL };
  HdServerCursor next = { 0, NULL };
  g_autoptr(GPtrArray) readable = g_ptr_array_new ();
  g_autoptr(GPtrArray) streams = NULL;
  g_autoptr(GString) out = g_string_sized_new (4096);
  g_autofree char *hubs = NULL;
  g_autofree char *next_text = NULL;
  gint64 counter = 0, purged = 0;
  guint remaining, n_out = 0;
  gboolean has_more = FALSE, backfilling = FALSE;

  if (out_n_changes != NULL)
    *out_n_changes = 0;

  if (!hd_server_authorize (caller, HD_SERVER_RIGHT_SESSION, NULL, HD_ENTITY_HUB, error))
    return NULL;

  if (!hd_server_cursor_parse (cursor_text, &cursor, error))
    return NULL;

  limit = CLAMP (limit, 1, HD_SERVER_PULL_MAX_LIMIT);
  remaining = limit;

  if (!hd_server_conn_get_counter (conn, &counter, error) ||
      !hd_server_conn_get_purged (conn, &purged, error))
    goto fail;

  if (cursor.version > counter ||
      (cursor.version > 0 && cursor.version < purged))
    {
      reset_required (error);
      goto fail;
    }

  for (guint i = 0; i < caller->memberships->len; i++)
    {
      HdServerMembership *m = g_ptr_array_index (caller->memberships, i);

      if (hd_server_authorize (caller, HD_SERVER_RIGHT_READ, m->hub_id, HD_ENTITY_HUB, NULL))
        g_ptr_array_add (readable, m);
    }

  g_string_append (out, "{\"changes\":[");
  next.version = cursor.version;

  /* Older records of newly granted hubs come first. */
  for (guint i = 0; i < readable->len; i++)
    {
      HdServerMembership *m = g_ptr_array_index (readable, i);
      gint64 position = backfill_position (&cursor, m);
      g_autoptr(GPtrArray) rows = NULL;
      guint taken = 0;

      if (position < 0)
        continue;
      if (position > 0 && position < purged)
        {
          reset_required (error);
          goto fail;
        }

      if (remaining == 0)
        {
          backfill_set (&next, m->hub_id, position);
          backfilling = TRUE;
          continue;
        }

      rows = hd_server_conn_changes (conn, m->hub_id, position, cursor.version,
                                     remaining + 1, error);
      if (rows == NULL)
        goto fail;

      for (; taken < rows->len && remaining > 0; taken++, remaining--)
        {
          HdServerChange *change = g_ptr_array_index (rows, taken);

          if (!emit_change (conn, caller, change, out, &n_out, error))
            goto fail;
          position = change->version;
        }

      if (taken < rows->len)
        {
          backfill_set (&next, m->hub_id, position);
          backfilling = TRUE;
        }
    }

  if (backfilling || remaining == 0)
    has_more = TRUE;
  else
    {
      /* Then everything newer than the cursor, merged across the hubs in
       * version order. */
      guint total = 0;

      streams = g_ptr_array_new ();
      for (guint i = 0; i < readable->len; i++)
        {
          HdServerMembership *m = g_ptr_array_index (readable, i);
          HubStream *stream;
          GPtrArray *rows;

          rows = hd_server_conn_changes (conn, m->hub_id, cursor.version, 0,
                                         remaining + 1, error);
          if (rows == NULL)
            goto fail_streams;

          stream = g_new0 (HubStream, 1);
          stream->rows = rows;
          total += rows->len;
          g_ptr_array_add (streams, stream);
        }

      next.version = counter;
      while (remaining > 0)
        {
          HubStream *best = NULL;
          HdServerChange *change;

          for (guint i = 0; i < streams->len; i++)
            {
              HubStream *stream = g_ptr_array_index (streams, i);
              HdServerChange *head;

              if (stream->next >= stream->rows->len)
                continue;
              head = g_ptr_array_index (stream->rows, stream->next);
              if (best == NULL ||
                  head->version < ((HdServerChange *) g_ptr_array_index (best->rows, best->next))->version)
                best = stream;
            }

          if (best == NULL)
            break;

          change = g_ptr_array_index (best->rows, best->next);
          best->next++;
          remaining--;
          total--;
          if (!emit_change (conn, caller, change, out, &n_out, error))
            goto fail_streams;
          next.version = change->version;
        }

      if (total > 0)
        has_more = TRUE;
      else
        next.version = counter;

      for (guint i = 0; i < streams->len; i++)
        {
          HubStream *stream = g_ptr_array_index (streams, i);

          g_ptr_array_unref (stream->rows);
          g_free (stream);
        }
      g_ptr_array_set_size (streams, 0);
    }

  next_text = hd_server_cursor_format (&next);
  hubs = hubs_json (caller);
  g_string_append_printf (out, "],\"cursor\":\"%s\",\"has_more\":%s,\"hubs\":%s}",
                          next_text, has_more ? "true" : "false", hubs);

  hd_server_cursor_clear (&cursor);
  hd_server_cursor_clear (&next);
  if (out_n_changes != NULL)
    *out_n_changes = n_out;

  return g_string_free (g_steal_pointer (&out), FALSE);

fail_streams:
  for (guint i = 0; i < streams->len; i++)
    {
      HubStream *stream = g_ptr_array_index (streams, i);

      g_ptr_array_unref (stream->rows);
      g_free (stream);
    }
  g_ptr_array_set_size (streams, 0);
fail:
  hd_server_cursor_clear (&cursor);
  hd_server_cursor_clear (&next);
  return NULL;
}
