/* hd-store-reach.c — what a report reads of a person and an organization,
 * kept with the interactions and registrations that refer to them
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An interaction reaches an organization (its own, or its person's), an
 * attended registration its person's organization, a booking the
 * organization it is for. A report over a year of the whole network meets
 * 60,000 interactions and would have to look up 100,000 people and 50,000
 * organizations to count them; instead each interaction, registration and
 * booking keeps, in columns of its own, what that look-up would give:
 *
 *   reach_organization_id  the organization it reaches (alive), or NULL
 *   reach_key              that organization's key across hubs (its
 *                          cross_hub_key, hd_organization_key())
 *   reach_kind             that organization's kind
 *   reach_person           (interactions, registrations) its person
 *                          alive: 1 with consent to be contacted, 0
 *                          without; NULL when there is none
 *   attendee_key           (registrations) who attended: the person's
 *                          e-mail in lower case, else the person id
 *
 * Triggers keep them right whatever writes: saving, a pull, an import, a
 * merge, an erasure. A change of a person refreshes the rows of that
 * person, a change of an organization the rows that reach it or could.
 * The columns are the report's, no record has them: the model, the codec
 * and the server never see them.
 *
 * A bulk load (hd_store_set_search_deferred()) drops the triggers and
 * refreshes every row once at its end, as it does with indexes.
 */
#include "config.h"

#include "hd-store-private.h"

/* What each row reaches, written once as a view per table over the
 * people and organizations: the triggers copy one row of it, a bulk load
 * all of them. A person counts when alive; "person" is 1 when they gave
 * consent for the purpose "contact", 0 when not, NULL without a person. */
#define PERSON_OK \
  "CASE WHEN p.id IS NULL THEN NULL ELSE (COALESCE(p.consent, 'none') = 'given' " \
  "AND COALESCE(p.consent_purposes, '') LIKE '%\"contact\"%') END"
#define ORGANIZATION_COLUMNS \
  "o.id AS organization_id, o.cross_hub_key AS key, o.kind AS kind"

typedef struct {
  const char *table;
  const char *view;
  const char *view_sql;
  const char *columns;        /* of the table */
  const char *view_columns;   /* of the view, in that order */
} Reach;

static const Reach reaches[] = {
  { "interaction", "reach_of_interaction",
    "SELECT i.rowid AS row, " ORGANIZATION_COLUMNS ", " PERSON_OK " AS person "
    "FROM interaction i "
    "LEFT JOIN person p ON p.id = i.person_id AND p.deleted = 0 "
    "LEFT JOIN organization o ON o.id = COALESCE(i.organization_id, p.organization_id) "
    "AND o.deleted = 0",
    "reach_organization_id, reach_key, reach_kind, reach_person",
    "organization_id, key, kind, person" },
  { "registration", "reach_of_registration",
    "SELECT g.rowid AS row, " ORGANIZATION_COLUMNS ", " PERSON_OK " AS person, "
    "COALESCE(NULLIF(lower(p.email), ''), g.person_id) AS attendee "
    "FROM registration g "
    "LEFT JOIN person p ON p.id = g.person_id AND p.deleted = 0 "
    "LEFT JOIN organization o ON o.id = p.organization_id AND o.deleted = 0",
    "reach_organization_id, reach_key, reach_kind, reach_person, attendee_key",
    "organization_id, key, kind, person, attendee" },
  { "booking", "reach_of_booking",
    "SELECT b.rowid AS row, " ORGANIZATION_COLUMNS " FROM booking b "
    "LEFT JOIN organization o ON o.id = b.organization_id AND o.deleted = 0",
    "reach_organization_id, reach_key, reach_kind",
    "organization_id, key, kind" },
};

enum { INTERACTION, REGISTRATION, BOOKING };

/* Copies the view into the rows of @reach's table that match @condition. */
static char *
refresh (const Reach *reach,
         const char  *condition)
{
  return g_strdup_printf ("UPDATE %s SET (%s) = (SELECT %s FROM %s v WHERE v.row = %s.rowid) "
                          "WHERE %s;",
                          reach->table, reach->columns, reach->view_columns, reach->view,
                          reach->table, condition);
}

/* The rows a change of the person @id (NEW.id, OLD.id) may change. */
static char *
person_refresh (const char *id)
{
  g_autofree char *condition = g_strdup_printf ("person_id = %s", id);
  g_autofree char *a = refresh (&reaches[INTERACTION], condition);
  g_autofree char *b = refresh (&reaches[REGISTRATION], condition);

  return g_strconcat (a, b, NULL);
}

/* The rows a change of the organization @id may change: its own
 * interactions and bookings, and the interactions and registrations of
 * its people. */
static char *
organization_refresh (const char *id)
{
  g_autofree char *own = g_strdup_printf ("organization_id = %s", id);
  g_autofree char *people = g_strdup_printf ("organization_id IS NULL AND person_id IN "
                                             "(SELECT id FROM person WHERE organization_id = %s)", id);
  g_autofree char *registrations = g_strdup_printf ("person_id IN "
                                                    "(SELECT id FROM person WHERE organization_id = %s)", id);
  g_autofree char *a = refresh (&reaches[INTERACTION], own);
  g_autofree char *b = refresh (&reaches[INTERACTION], people);
  g_autofree char *c = refresh (&reaches[REGISTRATION], registrations);
  g_autofree char *d = refresh (&reaches[BOOKING], own);

  return g_strconcat (a, b, c, d, NULL);
}

/* A trigger refreshes its own row (@row: interaction, registration or
 * booking), or the rows of a person or an organization (@rows). */
typedef struct {
  const char *name;
  const char *when;      /* "AFTER … ON …" */
  int         row;       /* INTERACTION …, or -1 */
  char     *(*rows) (const char *id);
  const char *id;
} Trigger;

static const Trigger triggers[] = {
  { "reach_interaction_insert", "AFTER INSERT ON interaction", INTERACTION, NULL, NULL },
  { "reach_interaction_update", "AFTER UPDATE OF organization_id, person_id ON interaction",
    INTERACTION, NULL, NULL },
  { "reach_registration_insert", "AFTER INSERT ON registration", REGISTRATION, NULL, NULL },
  { "reach_registration_update", "AFTER UPDATE OF person_id ON registration", REGISTRATION, NULL, NULL },
  { "reach_booking_insert", "AFTER INSERT ON booking", BOOKING, NULL, NULL },
  { "reach_booking_update", "AFTER UPDATE OF organization_id ON booking", BOOKING, NULL, NULL },
  { "reach_person_insert", "AFTER INSERT ON person", -1, person_refresh, "NEW.id" },
  { "reach_person_update",
    "AFTER UPDATE OF organization_id, email, consent, consent_purposes, deleted ON person",
    -1, person_refresh, "NEW.id" },
  { "reach_person_delete", "AFTER DELETE ON person", -1, person_refresh, "OLD.id" },
  { "reach_organization_insert", "AFTER INSERT ON organization", -1, organization_refresh, "NEW.id" },
  { "reach_organization_update", "AFTER UPDATE OF cross_hub_key, kind, deleted ON organization",
    -1, organization_refresh, "NEW.id" },
  { "reach_organization_delete", "AFTER DELETE ON organization", -1, organization_refresh, "OLD.id" },
};

static const struct {
  const char *table;
  const char *column;
  const char *type;
} columns[] = {
  { "interaction", "reach_organization_id", "TEXT" },
  { "interaction", "reach_key", "TEXT" },
  { "interaction", "reach_kind", "TEXT" },
  { "interaction", "reach_person", "INTEGER" },
  { "registration", "reach_organization_id", "TEXT" },
  { "registration", "reach_key", "TEXT" },
  { "registration", "reach_kind", "TEXT" },
  { "registration", "reach_person", "INTEGER" },
  { "registration", "attendee_key", "TEXT" },
  { "booking", "reach_organization_id", "TEXT" },
  { "booking", "reach_key", "TEXT" },
  { "booking", "reach_kind", "TEXT" },
};

gboolean
hd_store_reach_add_columns (sqlite3  *db,
                            GError  **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GHashTable) present = hd_store_schema_table_columns (db, columns[i].table);
      g_autofree char *sql = NULL;

      if (g_hash_table_contains (present, columns[i].column))
        continue;
      sql = g_strdup_printf ("ALTER TABLE %s ADD COLUMN %s %s",
                             columns[i].table, columns[i].column, columns[i].type);
      if (!hd_db_exec (db, sql, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
hd_store_reach_create_triggers (sqlite3  *db,
                                GError  **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (triggers); i++)
    {
      g_autofree char *body = triggers[i].row >= 0 ? refresh (&reaches[triggers[i].row], "rowid = NEW.rowid")
                                                   : triggers[i].rows (triggers[i].id);
      g_autofree char *sql = g_strdup_printf ("CREATE TRIGGER IF NOT EXISTS %s %s BEGIN %s END",
                                              triggers[i].name, triggers[i].when, body);

      if (!hd_db_exec (db, sql, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
hd_store_reach_drop_triggers (sqlite3  *db,
                              GError  **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (triggers); i++)
    {
      g_autofree char *sql = g_strdup_printf ("DROP TRIGGER IF EXISTS %s", triggers[i].name);

      if (!hd_db_exec (db, sql, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
hd_store_reach_create_views (sqlite3  *db,
                             GError  **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (reaches); i++)
    {
      g_autofree char *sql = g_strdup_printf ("CREATE VIEW IF NOT EXISTS %s AS %s",
                                              reaches[i].view, reaches[i].view_sql);

      if (!hd_db_exec (db, sql, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
hd_store_reach_refresh_all (sqlite3  *db,
                            GError  **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (reaches); i++)
    {
      g_autofree char *sql = refresh (&reaches[i], "1");

      if (!hd_db_exec (db, sql, error))
        return FALSE;
    }

  return TRUE;
}
