/* hd-store-tags.c — the tags in use on records of one kind
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "hd-db.h"
#include "hd-store-private.h"
#include "hd-store-tags.h"

GStrv
hd_store_list_tags (HdStore     *self,
                    HdEntity     entity,
                    const char  *hub_id,
                    GError     **error)
{
  g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();
  g_autofree char *table = NULL;
  g_autofree char *live = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  if (hd_entity_field_index (entity, "tags") < 0)
    return g_strv_builder_end (tags);

  rc = sqlite3_open_v2 (hd_store_get_path (self), &db, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      hd_db_set_error (error, db, rc);
      goto out;
    }
  sqlite3_busy_timeout (db, 5000);

  table = hd_db_quote_identifier (hd_entity_name (entity));
  live = hd_store_schema_live_condition (entity, "t");
  sql = g_strdup_printf ("SELECT DISTINCT j.value FROM %s AS t, json_each(t.tags) AS j "
                         "WHERE %s AND (?1 IS NULL OR t.hub_id = ?1) "
                         "AND j.type = 'text' AND j.value <> '' ORDER BY j.value",
                         table, live);
  stmt = hd_db_prepare (db, sql, error);
  if (stmt == NULL)
    goto out;
  if (hub_id != NULL)
    sqlite3_bind_text (stmt, 1, hub_id, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (tags, (const char *) sqlite3_column_text (stmt, 0));

  if (rc != SQLITE_DONE)
    {
      hd_db_set_error (error, db, rc);
      goto out;
    }

  ok = TRUE;

out:
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ok ? g_strv_builder_end (tags) : NULL;
}

typedef struct {
  HdEntity  entity;
  char     *hub_id;
} ListTagsData;

static void
list_tags_data_free (ListTagsData *data)
{
  g_free (data->hub_id);
  g_free (data);
}

static void
list_tags_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ListTagsData *data = task_data;
  GError *error = NULL;
  GStrv tags = hd_store_list_tags (HD_STORE (source), data->entity, data->hub_id, &error);

  if (tags == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, tags, (GDestroyNotify) g_strfreev);
}

void
hd_store_list_tags_async (HdStore             *self,
                          HdEntity             entity,
                          const char          *hub_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ListTagsData *data;

  g_return_if_fail (HD_IS_STORE (self));

  data = g_new0 (ListTagsData, 1);
  data->entity = entity;
  data->hub_id = g_strdup (hub_id);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_store_list_tags_async);
  g_task_set_task_data (task, data, (GDestroyNotify) list_tags_data_free);
  g_task_run_in_thread (task, list_tags_thread);
}

GStrv
hd_store_list_tags_finish (HdStore       *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
