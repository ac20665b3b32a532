/* hd-store-sync-marks.c — which records have changes waiting in the outbox
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>

#include "hd-db.h"
#include "hd-store-sync-marks.h"

gboolean
hd_store_foreach_outbox_record (HdStore           *self,
                                HdStoreRecordFunc  func,
                                gpointer           user_data,
                                GError           **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  rc = sqlite3_open_v2 (hd_store_get_path (self), &db, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      hd_db_set_error (error, db, rc);
      goto out;
    }
  sqlite3_busy_timeout (db, 5000);

  stmt = hd_db_prepare (db, "SELECT DISTINCT entity, record_id FROM outbox", error);
  if (stmt == NULL)
    goto out;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      const char *id = (const char *) sqlite3_column_text (stmt, 1);
      HdEntity entity;

      if (name != NULL && id != NULL && hd_entity_from_name (name, &entity))
        func (entity, id, user_data);
    }

  if (rc != SQLITE_DONE)
    {
      hd_db_set_error (error, db, rc);
      goto out;
    }

  ok = TRUE;

out:
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ok;
}
