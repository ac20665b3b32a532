/* hd-report-figures.c — every figure of a report, defined once
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each figure is one entry in figures[] at the end of this file: an id, a
 * label, how it is counted (shown beside it and printed in the PDF), and
 * a function that computes it for one period with SQL on the store. A
 * figure with a list function can show and export the records behind it.
 * docs/reports.md repeats the explanations for readers of the code.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-report-private.h"
#include "hd-rooms.h"

/* An event counts as online when it is an online seminar, or has an
 * online link and neither a room nor a location. */
#define ONLINE_EVENT(e) \
  "(" e ".format = 'online_seminar' OR (" e ".online_url IS NOT NULL AND " \
  e ".room_id IS NULL AND " e ".location IS NULL))"

#define EVENT_IN_PERIOD(e) \
  e ".deleted = 0 AND " HD_REPORT_IN_SCOPE (e) " AND " \
  e ".starts_at >= :start AND " e ".starts_at < :end"

#define HELD(e) EVENT_IN_PERIOD (e) " AND " e ".status = 'published'"

#define ATTENDED(g) g ".deleted = 0 AND " g ".status = 'attended'"

#define INTERACTION_IN_PERIOD(i) \
  i ".deleted = 0 AND " HD_REPORT_IN_SCOPE (i) " AND " \
  i ".occurred_on >= :first AND " i ".occurred_on <= :last"

/* The parts of a figure for every value of an enum field, in the
 * schema's order, so that tables and charts keep their rows. */
static void
add_enum_parts (HdReportValue *value,
                HdEntity       entity,
                const char    *field)
{
  const HdField *f = hd_entity_field (entity, hd_entity_field_index (entity, field));

  for (guint i = 0; f->values[i] != NULL; i++)
    hd_report_value_add (value, f->values[i], hd_enum_value_label (f->values[i]), 0);
}

/* Runs @sql, which yields (key, count) rows, into @value's parts and
 * total. */
static gboolean
count_by_key (HdReportContext  *context,
              const char       *sql,
              HdReportValue    *value,
              GError          **error)
{
  sqlite3_stmt *stmt = hd_report_context_prepare (context, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      gint64 n = sqlite3_column_int64 (stmt, 1);

      if (key == NULL)
        key = "other";
      hd_report_value_add (value, key, hd_enum_value_label (key), n);
      value->value += n;
    }

  return !hd_report_step_failed (context, rc, error);
}

/* Runs @sql, which yields one number. */
static gboolean
count_one (HdReportContext  *context,
           const char       *sql,
           gint64           *out,
           GError          **error)
{
  sqlite3_stmt *stmt = hd_report_context_prepare (context, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (hd_report_step_failed (context, rc, error))
    return FALSE;
  *out = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;

  return TRUE;
}

/* ---- reach ---- */

static gboolean
organizations_reached (HdReportContext  *context,
                       HdReportValue    *value,
                       GError          **error)
{
  GPtrArray *reached = hd_report_context_reached (context, error);

  if (reached == NULL)
    return FALSE;

  add_enum_parts (value, HD_ENTITY_ORGANIZATION, "kind");
  for (guint i = 0; i < reached->len; i++)
    {
      HdReachedOrganization *org = g_ptr_array_index (reached, i);
      const char *kind = org->kind != NULL ? org->kind : "other";

      hd_report_value_add (value, kind, hd_enum_value_label (kind), 1);
    }
  value->value = reached->len;

  return TRUE;
}

static char *
reached_via (HdReachedOrganization *org)
{
  g_autoptr(GStrvBuilder) ways = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  if (org->by_interaction)
    g_strv_builder_add (ways, _("interaction"));
  if (org->by_event)
    g_strv_builder_add (ways, _("event"));
  if (org->by_booking)
    g_strv_builder_add (ways, _("booking"));
  list = g_strv_builder_end (ways);

  return g_strjoinv (", ", list);
}

static void
add_columns (HdReportTable *table,
             ...)
{
  va_list args;
  const char *column;

  va_start (args, table);
  while ((column = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (table->columns, g_strdup (column));
  va_end (args);
}

typedef struct {
  char                  *sort_key;
  HdReachedOrganization *org;
} SortItem;

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const SortItem *x = a;
  const SortItem *y = b;
  int c = strcmp (x->sort_key, y->sort_key);

  return c != 0 ? c : strcmp (x->org->key, y->org->key);
}

static gboolean
list_organizations (HdReportContext  *context,
                    HdReportTable    *table,
                    gboolean          only_without_kind,
                    GError          **error)
{
  GPtrArray *unsorted = hd_report_context_reached (context, error);
  g_autoptr(GPtrArray) reached = NULL;
  g_autoptr(GArray) items = NULL;

  if (unsorted == NULL)
    return FALSE;

  /* by name, as the locale sorts; keys made once per name */
  items = g_array_sized_new (FALSE, FALSE, sizeof (SortItem), unsorted->len);
  for (guint i = 0; i < unsorted->len; i++)
    {
      HdReachedOrganization *org = g_ptr_array_index (unsorted, i);
      SortItem item = { g_utf8_collate_key (org->name ? org->name : "", -1), org };

      g_array_append_val (items, item);
    }
  g_array_sort (items, compare_items);
  reached = g_ptr_array_sized_new (items->len);
  for (guint i = 0; i < items->len; i++)
    {
      SortItem *item = &g_array_index (items, SortItem, i);

      g_ptr_array_add (reached, item->org);
      g_free (item->sort_key);
    }

  add_columns (table, _("Name"), _("Kind"), _("Postcode"), _("City"),
               _("Register number"), _("Website"), _("Records"), _("Reached through"),
               NULL);

  for (guint i = 0; i < reached->len; i++)
    {
      HdReachedOrganization *org = g_ptr_array_index (reached, i);
      GStrv row;

      if (only_without_kind && org->kind != NULL && !g_str_equal (org->kind, "other"))
        continue;

      row = g_new0 (char *, 9);
      row[0] = g_strdup (org->name ? org->name : "");
      row[1] = g_strdup (org->kind ? hd_enum_value_label (org->kind) : "");
      row[2] = g_strdup (org->postcode ? org->postcode : "");
      row[3] = g_strdup (org->city ? org->city : "");
      row[4] = g_strdup (org->register_id ? org->register_id : "");
      row[5] = g_strdup (org->website ? org->website : "");
      row[6] = g_strdup_printf ("%u", org->hub_ids->len);
      row[7] = reached_via (org);
      g_ptr_array_add (table->rows, row);
    }

  return TRUE;
}

static gboolean
list_organizations_reached (HdReportContext  *context,
                            HdReportTable    *table,
                            GError          **error)
{
  return list_organizations (context, table, FALSE, error);
}

/* ---- events and participants ---- */

static gboolean
participants (HdReportContext  *context,
              HdReportValue    *value,
              GError          **error)
{
  const HdField *format = hd_entity_field (HD_ENTITY_EVENT,
                                           hd_entity_field_index (HD_ENTITY_EVENT, "format"));

  if (!hd_report_context_gather (context, error))
    return FALSE;

  for (guint i = 0; format->values[i] != NULL; i++)
    {
      gint64 n = hd_report_count (context->participants, format->values[i]);

      hd_report_value_add (value, format->values[i], hd_enum_value_label (format->values[i]), n);
      value->value += n;
    }

  return TRUE;
}

static gboolean
unique_participants (HdReportContext  *context,
                     HdReportValue    *value,
                     GError          **error)
{
  if (!hd_report_context_gather (context, error))
    return FALSE;

  value->value = g_hash_table_size (context->attendees);
  return TRUE;
}

static gboolean
participants_by_mode (HdReportContext  *context,
                      HdReportValue    *value,
                      GError          **error)
{
  gint64 online, in_person;

  if (!hd_report_context_gather (context, error))
    return FALSE;

  online = hd_report_count (context->participants, "online");
  in_person = hd_report_count (context->participants, "in_person");
  hd_report_value_add (value, "online", _("Online"), online);
  hd_report_value_add (value, "in_person", _("In person"), in_person);
  value->value = online + in_person;

  return TRUE;
}

static gboolean
events_held (HdReportContext  *context,
             HdReportValue    *value,
             GError          **error)
{
  add_enum_parts (value, HD_ENTITY_EVENT, "format");
  return count_by_key (context,
                       "SELECT e.format, COUNT(*) FROM event e "
                       "WHERE " HELD ("e") " GROUP BY e.format",
                       value, error);
}

static gboolean
online_events (HdReportContext  *context,
               HdReportValue    *value,
               GError          **error)
{
  return count_one (context,
                    "SELECT COUNT(*) FROM event e WHERE " HELD ("e") " AND " ONLINE_EVENT ("e"),
                    &value->value, error);
}

/* ---- consulting and cooperation ---- */

static gboolean
consultations (HdReportContext  *context,
               HdReportValue    *value,
               GError          **error)
{
  static const char * const kinds[] = { "consultation", "office_hours" };

  if (!hd_report_context_gather (context, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      gint64 n = hd_report_count (context->interactions, kinds[i]);

      hd_report_value_add (value, kinds[i], hd_enum_value_label (kinds[i]), n);
      value->value += n;
    }

  return TRUE;
}

static gboolean
cooperations_initiated (HdReportContext  *context,
                        HdReportValue    *value,
                        GError          **error)
{
  if (!hd_report_context_gather (context, error))
    return FALSE;

  value->value = hd_report_count (context->outcomes, "cooperation_initiated");
  return TRUE;
}

static gboolean
projects_started (HdReportContext  *context,
                  HdReportValue    *value,
                  GError          **error)
{
  if (!hd_report_context_gather (context, error))
    return FALSE;

  value->value = hd_report_count (context->outcomes, "project_started");
  return TRUE;
}

static gboolean
new_contacts (HdReportContext  *context,
              HdReportValue    *value,
              GError          **error)
{
  return count_one (context,
                    "SELECT COUNT(*) FROM person p "
                    "WHERE p.created_at >= :start AND p.created_at < :end "
                    "AND p.deleted = 0 AND " HD_REPORT_HUB_RANGES ("p"),
                    &value->value, error);
}

/* ---- rooms ---- */

/* Booked seat-hours as a whole percentage of the open ones. */
static gint64
percent_of (gint64 booked,
            gint64 open)
{
  if (open <= 0)
    return 0;
  return (booked * 100 + open / 2) / open;
}

typedef struct {
  gint64 open;
  gint64 booked;
} UsageSum;

/* One figure over the rooms of the scope: the total, each hub (when
 * there are several) and each room, from the Rooms core's usage. */
static gboolean
room_utilization_for (HdReportContext  *context,
                      HdReportValue    *value,
                      gboolean          checked_in,
                      GError          **error)
{
  GPtrArray *rows = hd_report_context_room_usage (context, error);
  g_autoptr(GHashTable) hubs = NULL;
  UsageSum total = { 0, 0 };
  guint n_hubs = g_strv_length (context->hub_ids);
  sqlite3_stmt *stmt;
  int rc;

  if (rows == NULL)
    return FALSE;

  hubs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint i = 0; i < rows->len; i++)
    {
      HdRoomUsageRow *row = g_ptr_array_index (rows, i);
      const char *hub_id = hd_record_get_hub_id (row->room);
      gint64 booked = checked_in ? row->usage.actual : row->usage.planned;
      UsageSum *sum = g_hash_table_lookup (hubs, hub_id);

      if (sum == NULL)
        {
          sum = g_new0 (UsageSum, 1);
          g_hash_table_insert (hubs, (gpointer) hub_id, sum);
        }
      sum->open += row->usage.open;
      sum->booked += booked;
      total.open += row->usage.open;
      total.booked += booked;
    }
  value->value = percent_of (total.booked, total.open);

  if (n_hubs > 1)
    {
      stmt = hd_report_context_prepare (context,
                                        "SELECT h.id, h.name FROM hub h "
                                        "WHERE h.id IN (SELECT value FROM json_each(:hubs)) "
                                        "ORDER BY h.name, h.id",
                                        error);
      if (stmt == NULL)
        return FALSE;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *id = (const char *) sqlite3_column_text (stmt, 0);
          const char *name = (const char *) sqlite3_column_text (stmt, 1);
          UsageSum *sum = g_hash_table_lookup (hubs, id);
          g_autofree char *key = g_strconcat ("hub:", id, NULL);

          if (sum == NULL)
            continue;
          hd_report_value_add (value, key, name != NULL ? name : id,
                               percent_of (sum->booked, sum->open));
        }
      if (hd_report_step_failed (context, rc, error))
        return FALSE;
    }

  /* one hub: its rooms (several hubs: the list behind the figure) */
  for (guint i = 0; n_hubs == 1 && i < rows->len; i++)
    {
      HdRoomUsageRow *row = g_ptr_array_index (rows, i);
      const char *name = hd_record_get_string (row->room, "name");

      hd_report_value_add (value, hd_record_get_id (row->room),
                           name != NULL ? name : hd_record_get_id (row->room),
                           percent_of (checked_in ? row->usage.actual : row->usage.planned,
                                       row->usage.open));
    }

  return TRUE;
}

static gboolean
room_utilization (HdReportContext  *context,
                  HdReportValue    *value,
                  GError          **error)
{
  return room_utilization_for (context, value, FALSE, error);
}

static gboolean
room_utilization_checked_in (HdReportContext  *context,
                             HdReportValue    *value,
                             GError          **error)
{
  return room_utilization_for (context, value, TRUE, error);
}

static char *
seat_hours (gint64 seat_seconds)
{
  return g_strdup_printf ("%'.1f", (double) seat_seconds / 3600.0);
}

/* Every room of the scope with its seat-hours, by hub and name. */
static gboolean
list_room_utilization (HdReportContext  *context,
                       HdReportTable    *table,
                       GError          **error)
{
  GPtrArray *rows = hd_report_context_room_usage (context, error);
  g_autoptr(GHashTable) hub_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  if (rows == NULL)
    return FALSE;

  stmt = hd_report_context_prepare (context,
                                    "SELECT h.id, h.name FROM hub h "
                                    "WHERE h.id IN (SELECT value FROM json_each(:hubs))",
                                    error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      g_hash_table_insert (hub_names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                           g_strdup (name != NULL ? name : ""));
    }
  if (hd_report_step_failed (context, rc, error))
    return FALSE;

  add_columns (table, _("Hub"), _("Room"), _("Kind"), _("Open seat-hours"),
               _("Booked seat-hours"), _("Checked-in seat-hours"), _("Booked"),
               _("Checked in"), NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      HdRoomUsageRow *row = g_ptr_array_index (rows, i);
      const char *hub_name = g_hash_table_lookup (hub_names, hd_record_get_hub_id (row->room));
      const char *name = hd_record_get_string (row->room, "name");
      const char *kind = hd_record_get_string (row->room, "kind");
      GStrv cells = g_new0 (char *, 9);

      cells[0] = g_strdup (hub_name != NULL ? hub_name : "");
      cells[1] = g_strdup (name != NULL ? name : "");
      cells[2] = g_strdup (kind != NULL ? hd_enum_value_label (kind) : "");
      cells[3] = seat_hours (row->usage.open);
      cells[4] = seat_hours (row->usage.planned);
      cells[5] = seat_hours (row->usage.actual);
      cells[6] = g_strdup_printf ("%lld", (long long) percent_of (row->usage.planned, row->usage.open));
      cells[7] = g_strdup_printf ("%lld", (long long) percent_of (row->usage.actual, row->usage.open));
      g_ptr_array_add (table->rows, cells);
    }

  return TRUE;
}

static gboolean
coworking_check_ins (HdReportContext  *context,
                     HdReportValue    *value,
                     GError          **error)
{
  return count_one (context,
                    "SELECT COUNT(*) FROM booking b JOIN room r ON r.id = b.room_id "
                    "WHERE b.deleted = 0 AND r.deleted = 0 AND " HD_REPORT_IN_SCOPE ("r") " "
                    "AND r.kind = 'coworking_area' "
                    "AND COALESCE(b.status, '') <> 'cancelled' "
                    "AND b.checked_in_at >= :start AND b.checked_in_at < :end",
                    &value->value, error);
}

/* ---- entered by hand ---- */

static gboolean
social_followers (HdReportContext  *context,
                  HdReportValue    *value,
                  GError          **error)
{
  /* A stock, not a flow: each hub's latest month in the period. */
  return count_one (context,
                    "SELECT COALESCE(SUM(f.social_followers), 0) FROM hub_figure f "
                    "WHERE f.deleted = 0 AND " HD_REPORT_IN_SCOPE ("f") " "
                    "AND f.social_followers IS NOT NULL "
                    "AND f.month = (SELECT MAX(l.month) FROM hub_figure l "
                    "  WHERE l.deleted = 0 AND l.hub_id = f.hub_id "
                    "  AND l.social_followers IS NOT NULL "
                    "  AND l.month >= :first_month AND l.month <= :last_month)",
                    &value->value, error);
}

static gboolean
third_party_appearances (HdReportContext  *context,
                         HdReportValue    *value,
                         GError          **error)
{
  return count_one (context,
                    "SELECT COALESCE(SUM(f.third_party_appearances), 0) FROM hub_figure f "
                    "WHERE f.deleted = 0 AND " HD_REPORT_IN_SCOPE ("f") " "
                    "AND f.month >= :first_month AND f.month <= :last_month",
                    &value->value, error);
}

/* ---- data quality ---- */

static gboolean
reached_without_consent (HdReportContext  *context,
                         HdReportValue    *value,
                         GError          **error)
{
  if (!hd_report_context_gather (context, error))
    return FALSE;

  value->value = g_hash_table_size (context->unconsented);
  return TRUE;
}

static gboolean
organizations_without_kind (HdReportContext  *context,
                            HdReportValue    *value,
                            GError          **error)
{
  GPtrArray *reached = hd_report_context_reached (context, error);

  if (reached == NULL)
    return FALSE;

  for (guint i = 0; i < reached->len; i++)
    {
      HdReachedOrganization *org = g_ptr_array_index (reached, i);

      if (org->kind == NULL || g_str_equal (org->kind, "other"))
        value->value++;
    }

  return TRUE;
}

static gboolean
list_organizations_without_kind (HdReportContext  *context,
                                 HdReportTable    *table,
                                 GError          **error)
{
  return list_organizations (context, table, TRUE, error);
}

#define EVENTS_WITHOUT_PARTICIPANTS \
  "FROM event e WHERE " HELD ("e") " AND e.ends_at <= :now " \
  "AND e.id NOT IN (SELECT g.event_id FROM registration g WHERE " ATTENDED ("g") ")"

static gboolean
events_without_participants (HdReportContext  *context,
                             HdReportValue    *value,
                             GError          **error)
{
  return count_one (context, "SELECT COUNT(*) " EVENTS_WITHOUT_PARTICIPANTS,
                    &value->value, error);
}

static gboolean
list_events_without_participants (HdReportContext  *context,
                                  HdReportTable    *table,
                                  GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = hd_report_context_prepare (context,
                                    "SELECT e.title, e.starts_at, e.format, "
                                    "(SELECT h.name FROM hub h WHERE h.id = e.hub_id) "
                                    EVENTS_WITHOUT_PARTICIPANTS " ORDER BY e.starts_at",
                                    error);
  if (stmt == NULL)
    return FALSE;

  add_columns (table, _("Title"), _("Start"), _("Format"), _("Hub"), NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GStrv row = g_new0 (char *, 5);
      const char *format = (const char *) sqlite3_column_text (stmt, 2);

      row[0] = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      row[1] = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row[2] = g_strdup (format ? hd_enum_value_label (format) : "");
      row[3] = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      for (guint i = 0; i < 4; i++)
        if (row[i] == NULL)
          row[i] = g_strdup ("");
      g_ptr_array_add (table->rows, row);
    }

  return !hd_report_step_failed (context, rc, error);
}

/* ---- the table ---- */

static const HdReportFigureInfo figures[] = {
  { "organizations_reached", N_("Organizations reached"),
    N_("Companies and institutions with an interaction in the period (also through one "
       "of their people), a person who attended an event in the period, or a booking for "
       "them with a date in the period (each date of a recurring booking that is not "
       "cancelled). Each counts once, also across hubs: records with the "
       "same register number, else the same website domain, else the same name and "
       "postcode are one organization."),
    HD_REPORT_GROUP_REACH, organizations_reached, list_organizations_reached },
  { "participants", N_("Participants"),
    N_("Registrations marked as attended, for events that start in the period, by the "
       "event’s format. A person at three events counts three times."),
    HD_REPORT_GROUP_EVENTS, participants, NULL },
  { "unique_participants", N_("Different people attending"),
    N_("People who attended at least one event that starts in the period, each counted "
       "once (the same e-mail address in two hubs is one person)."),
    HD_REPORT_GROUP_EVENTS, unique_participants, NULL },
  { "participants_by_mode", N_("Participants online and in person"),
    N_("Attended registrations split by the event: online seminars and events with an "
       "online link but no room and no location are online, all others in person."),
    HD_REPORT_GROUP_EVENTS, participants_by_mode, NULL },
  { "events_held", N_("Events held"),
    N_("Published events that start in the period, by format. Drafts and cancelled "
       "events do not count."),
    HD_REPORT_GROUP_EVENTS, events_held, NULL },
  { "online_events", N_("Online events"),
    N_("Published events that start in the period and take place online (online "
       "seminars, or an online link without a room or location)."),
    HD_REPORT_GROUP_EVENTS, online_events, NULL },
  { "consultations", N_("Consultations and office-hour visits"),
    N_("Interactions of the kind “Consultation” or “Office hours” dated in the period."),
    HD_REPORT_GROUP_SUPPORT, consultations, NULL },
  { "cooperations_initiated", N_("Cooperations initiated"),
    N_("Interactions dated in the period whose outcome is “Cooperation initiated”."),
    HD_REPORT_GROUP_SUPPORT, cooperations_initiated, NULL },
  { "projects_started", N_("Digitisation projects started"),
    N_("Interactions dated in the period whose outcome is “Project started”."),
    HD_REPORT_GROUP_SUPPORT, projects_started, NULL },
  { "new_contacts", N_("New contacts"),
    N_("People first saved in the period."),
    HD_REPORT_GROUP_SUPPORT, new_contacts, NULL },
  { "room_utilization", N_("Room utilisation"),
    N_("Booked seat-hours as a share of the open seat-hours of the hubs’ rooms (capacity "
       "times opening hours, Monday to Friday) over the period: bookings that are not "
       "cancelled, each date of a recurring booking, only the time inside the opening "
       "hours. Shown for all rooms together and for each hub, or for each room of one hub; "
       "the list behind it has every room with its seat-hours."),
    HD_REPORT_GROUP_ROOMS, room_utilization, list_room_utilization, HD_REPORT_UNIT_PERCENT },
  { "room_utilization_checked_in", N_("Room utilisation, checked in"),
    N_("As room utilisation, but counting only the bookings someone checked in to."),
    HD_REPORT_GROUP_ROOMS, room_utilization_checked_in, NULL, HD_REPORT_UNIT_PERCENT },
  { "coworking_check_ins", N_("Coworking check-ins"),
    N_("Bookings in coworking areas that were checked in during the period; cancelled "
       "bookings do not count."),
    HD_REPORT_GROUP_ROOMS, coworking_check_ins, NULL },
  { "social_followers", N_("Social media followers"),
    N_("Entered by hand per hub and month: for each hub the figure of the latest month "
       "in the period that has one, added up over the hubs."),
    HD_REPORT_GROUP_ENTERED, social_followers, NULL },
  { "third_party_appearances", N_("Appearances at third-party events"),
    N_("Entered by hand per hub and month: the sum over the months of the period."),
    HD_REPORT_GROUP_ENTERED, third_party_appearances, NULL },
  { "reached_without_consent", N_("People reached without consent to contact"),
    N_("People who attended an event or had an interaction in the period but have not "
       "given their consent to be contacted."),
    HD_REPORT_GROUP_QUALITY, reached_without_consent, NULL },
  { "organizations_without_kind", N_("Organizations reached without a kind"),
    N_("Organizations reached in the period whose kind is not set or “Other”; they "
       "appear under “Other” in the figures by kind."),
    HD_REPORT_GROUP_QUALITY, organizations_without_kind, list_organizations_without_kind },
  { "events_without_participants", N_("Events without participants recorded"),
    N_("Published events in the period that are over and have no attended "
       "registration: check-ins may be missing."),
    HD_REPORT_GROUP_QUALITY, events_without_participants, list_events_without_participants },
};

const HdReportFigureInfo *
hd_report_figures (guint *n_figures)
{
  *n_figures = G_N_ELEMENTS (figures);
  return figures;
}
