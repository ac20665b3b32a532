/* hd-sync-status.c — the sync status of a profile in a few words
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-sync-status.h"
#include "widgets/hd-format.h"

void
hd_sync_status_clear (HdSyncStatus *status)
{
  g_clear_pointer (&status->text, g_free);
  g_clear_pointer (&status->tooltip, g_free);
  status->busy = FALSE;
  status->action = HD_SYNC_STATUS_ACTION_NONE;
}

char *
hd_sync_status_format_age (gint64 then,
                           gint64 now)
{
  gint64 seconds = now - then;

  if (then <= 0)
    return g_strdup (_("never"));

  if (seconds < 60)
    return g_strdup (_("just now"));

  if (seconds < 3600)
    {
      int minutes = (int) (seconds / 60);

      /* Translators: how long ago the last sync was, used only in "Synced %s"
       * (e.g. "Synced 3 min ago"); start it with a capital if "Synced %s"
       * puts it first */
      return g_strdup_printf (ngettext ("%d min ago", "%d min ago", minutes), minutes);
    }

  if (seconds < 24 * 3600)
    {
      int hours = (int) (seconds / 3600);

      return g_strdup_printf (ngettext ("%d hour ago", "%d hours ago", hours), hours);
    }

  {
    g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (then);
    g_autofree char *date = hd_format_date (when);

    /* Translators: %s is a date, e.g. "Synced on Wed, Nov 25, 2026" */
    return g_strdup_printf (_("on %s"), date);
  }
}

static char *
waiting_text (gint64 pending)
{
  g_autofree char *count = hd_format_count (pending);

  /* Translators: e.g. "4 changes waiting" to be sent to the server */
  return g_strdup_printf (ngettext ("%s change waiting", "%s changes waiting", pending), count);
}

static char *
standalone_text (gint64 pending)
{
  g_autofree char *count = NULL;

  if (pending < 0)
    return g_strdup ("");
  if (pending == 0)
    return g_strdup (_("All changes saved locally"));

  count = hd_format_count (pending);
  /* Translators: shown in the header while no server is reachable,
   * e.g. "Offline — 14 changes waiting" */
  return g_strdup_printf (ngettext ("Offline — %s change waiting",
                                    "Offline — %s changes waiting",
                                    pending),
                          count);
}

/* "2 conflicts", "1 refused change", "2 conflicts, 1 refused change" */
static char *
decisions_text (guint conflicts,
                guint rejections)
{
  g_autofree char *conflict_count = hd_format_count (conflicts);
  g_autofree char *rejection_count = hd_format_count (rejections);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (conflicts > 0)
    a = g_strdup_printf (ngettext ("%s conflict", "%s conflicts", conflicts), conflict_count);
  if (rejections > 0)
    b = g_strdup_printf (ngettext ("%s refused change", "%s refused changes", rejections),
                         rejection_count);

  if (a != NULL && b != NULL)
    /* Translators: "2 conflicts, 1 refused change" */
    return g_strdup_printf (_("%s, %s"), a, b);

  return g_strdup (a != NULL ? a : b);
}

void
hd_sync_status_describe (HdSyncEngine *engine,
                         gint64        local_pending,
                         gint64        now,
                         HdSyncStatus *out)
{
  HdSyncEngineState state;
  gint64 pending;
  guint conflicts, rejections;
  const char *error;

  memset (out, 0, sizeof *out);

  state = engine != NULL ? hd_sync_engine_get_state (engine) : HD_SYNC_ENGINE_STANDALONE;
  if (state == HD_SYNC_ENGINE_LOADING)
    {
      /* A moment at start: bound or not is not known yet. */
      out->text = g_strdup ("");
      return;
    }
  if (state == HD_SYNC_ENGINE_STANDALONE)
    {
      out->text = standalone_text (local_pending);
      return;
    }

  pending = hd_sync_engine_get_pending (engine);
  conflicts = hd_sync_engine_get_conflicts (engine);
  rejections = hd_sync_engine_get_rejections (engine);
  error = hd_sync_engine_get_last_error (engine);

  switch (state)
    {
    case HD_SYNC_ENGINE_SYNCING:
      {
        gint64 done = hd_sync_engine_get_progress_done (engine);
        gint64 total = hd_sync_engine_get_progress_total (engine);

        out->busy = TRUE;
        if (done > 0 && total > 0)
          {
            g_autofree char *done_text = hd_format_count (done);
            g_autofree char *total_text = hd_format_count (total);

            /* Translators: e.g. "Syncing — 1,200 of 100,000" */
            out->text = g_strdup_printf (_("Syncing — %s of %s"), done_text, total_text);
          }
        else if (done > 0)
          {
            g_autofree char *done_text = hd_format_count (done);

            /* Translators: records received so far, e.g. "Syncing — 1,200" */
            out->text = g_strdup_printf (_("Syncing — %s"), done_text);
          }
        else
          {
            out->text = g_strdup (_("Syncing…"));
          }
      }
      break;

    case HD_SYNC_ENGINE_OFFLINE:
      if (pending > 0)
        {
          g_autofree char *count = hd_format_count (pending);

          out->text = g_strdup_printf (ngettext ("Offline — %s change waiting",
                                                 "Offline — %s changes waiting",
                                                 pending),
                                       count);
        }
      else
        {
          out->text = g_strdup (_("Offline"));
        }
      out->tooltip = g_strdup (error);
      out->action = HD_SYNC_STATUS_ACTION_RETRY;
      break;

    case HD_SYNC_ENGINE_LOGGED_OUT:
      if (pending > 0)
        {
          g_autofree char *count = hd_format_count (pending);

          /* Translators: e.g. "Not logged in — 4 changes waiting" */
          out->text = g_strdup_printf (ngettext ("Not logged in — %s change waiting",
                                                 "Not logged in — %s changes waiting",
                                                 pending),
                                       count);
        }
      else
        {
          out->text = g_strdup (_("Not logged in"));
        }
      out->tooltip = g_strdup (error != NULL ? error
                                             : _("Log in to the sync server in Preferences to send and receive changes."));
      out->action = HD_SYNC_STATUS_ACTION_LOG_IN;
      break;

    case HD_SYNC_ENGINE_FAILED:
      out->text = g_strdup (error != NULL ? error : _("The last sync failed."));
      out->tooltip = g_strdup (out->text);
      out->action = HD_SYNC_STATUS_ACTION_RETRY;
      break;

    case HD_SYNC_ENGINE_IDLE:
    default:
      if (conflicts > 0 || rejections > 0)
        {
          out->text = decisions_text (conflicts, rejections);
          out->tooltip = g_strdup (_("Some of your changes need a decision before they can be sent."));
          out->action = HD_SYNC_STATUS_ACTION_CONFLICTS;
        }
      else if (pending > 0)
        {
          out->text = waiting_text (pending);
        }
      else
        {
          g_autofree char *age = hd_sync_status_format_age (hd_sync_engine_get_last_sync (engine), now);

          if (hd_sync_engine_get_last_sync (engine) > 0)
            /* Translators: %s is e.g. "3 min ago" or "just now" */
            out->text = g_strdup_printf (_("Synced %s"), age);
          else
            out->text = g_strdup (_("Not synced yet"));
        }
      break;
    }
}
