/* hd-store-schema.c — the tables of the local store, made from the model
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One table per entity, named after it: the common columns, one column
 * per field (hd_db_columns_sql()) and the client's sync columns. No field
 * is named here; flags in the schema decide the indexes (HD_FIELD_INDEX,
 * REF fields) and what goes into the full-text index (HD_FIELD_SEARCH).
 */
#include "config.h"

#include <string.h>

#include "hd-store-private.h"

/* FTS5 folds case and, with remove_diacritics 2, "ü" to "u"; the second
 * column holds the text with "ü" as "ue" so that both spellings match.
 * The third, "meta", holds tokens no user term can reach (queries put
 * them in {body folded}): "hdh" + the hub id without dashes, and
 * "hdarchived" for an archived record, so that counting what a list
 * shows needs the index alone, and a token per value of each enum, set
 * and tag field (hd_store_schema_filter_token()), so that a search with
 * filters finds few rows in the index, not all the search's. Prefix
 * indexes make the first letters typed cheap. */
#define FTS_OPTIONS "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'"

/* Starts the search index's token for a filter value (see
 * hd_store_schema_filter_token()). */
#define FILTER_TOKEN_PREFIX "hdv"

/* Separates the parts of a sort key; sorts before every character. */
#define SORT_KEY_SEPARATOR "\x1f"

static char *
quote (const char *name)
{
  return hd_db_quote_identifier (name);
}

static char *
fts_table (HdEntity entity)
{
  g_autofree char *name = g_strconcat (hd_entity_name (entity), "_fts", NULL);

  return quote (name);
}

gboolean
hd_store_schema_searchable (HdEntity entity)
{
  const HdEntityInfo *info = hd_entity_info (entity);

  for (guint i = 0; i < info->n_fields; i++)
    {
      if (info->fields[i].flags & HD_FIELD_SEARCH)
        return TRUE;
    }

  return FALSE;
}

/* The fields a sort key is made of, by the rule: people by family name
 * then given name, everything with a name by it. */
static gboolean
sort_key_fields (HdEntity  entity,
                 int      *first,
                 int      *second)
{
  int family = hd_entity_field_index (entity, "family_name");
  int given = hd_entity_field_index (entity, "given_name");
  int name = hd_entity_field_index (entity, "name");

  if (family >= 0)
    {
      *first = family;
      *second = given;
      return TRUE;
    }

  if (name >= 0)
    {
      *first = name;
      *second = -1;
      return TRUE;
    }

  return FALSE;
}

gboolean
hd_store_schema_has_sort_key (HdEntity entity)
{
  int first, second;

  return sort_key_fields (entity, &first, &second);
}

int
hd_store_schema_sort_field (HdEntity entity)
{
  int first, second;

  if (!sort_key_fields (entity, &first, &second))
    return -1;

  return first;
}

/* The fields an organization is recognised by across hubs
 * (hd_organization_key()): an entity with all four keeps a
 * cross_hub_key. */
static const char * const cross_hub_fields[] = { "name", "register_id", "website", "postcode" };

gboolean
hd_store_schema_has_cross_hub_key (HdEntity entity)
{
  for (guint i = 0; i < G_N_ELEMENTS (cross_hub_fields); i++)
    {
      if (hd_entity_field_index (entity, cross_hub_fields[i]) < 0)
        return FALSE;
    }

  return TRUE;
}

char *
hd_store_cross_hub_key (const HdRecord *record)
{
  HdEntity entity = hd_record_get_entity (record);
  const char *text[G_N_ELEMENTS (cross_hub_fields)];

  if (!hd_store_schema_has_cross_hub_key (entity))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cross_hub_fields); i++)
    {
      text[i] = hd_record_get_string (record, cross_hub_fields[i]);
      if (text[i] != NULL && *text[i] == '\0')
        text[i] = NULL;
    }

  return hd_organization_key (text[0], text[1], text[2], text[3]);
}

/* ---- texts ---- */

static gboolean has_combining_marks (const char *text);

char *
hd_store_fold_umlauts (const char *text)
{
  g_autofree char *nfc = NULL;
  GString *out = g_string_sized_new (strlen (text) + 8);

  if (has_combining_marks (text))
    {
      nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
      if (nfc != NULL)
        text = nfc;
    }

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_unichar_tolower (g_utf8_get_char (p));

      switch (c)
        {
        case 0x00E4: /* ä */
          g_string_append (out, "ae");
          break;
        case 0x00F6: /* ö */
          g_string_append (out, "oe");
          break;
        case 0x00FC: /* ü */
          g_string_append (out, "ue");
          break;
        case 0x00DF: /* ß */
          g_string_append (out, "ss");
          break;
        default:
          g_string_append_unichar (out, c);
          break;
        }
    }

  return g_string_free (out, FALSE);
}

/* Whether @text may not be in NFC: it has a combining mark of one of the
 * blocks Latin, Greek and Cyrillic text uses. Most text has none, and
 * is then taken as it is, without the cost of normalizing. */
static gboolean
has_combining_marks (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      /* U+0300–U+036F: CC 80 – CD AF; U+1AB0–U+1AFF, U+1DC0–U+1DFF:
       * E1 AA B0 – E1 B7 BF; U+20D0–U+20FF: E2 83 90 – E2 83 BF;
       * U+FE20–U+FE2F: EF B8 A0 – EF B8 AF */
      if (c == 0xCC || c == 0xCD)
        return TRUE;
      if (c == 0xE1 && p[1] != '\0' &&
          (guchar) p[1] >= 0xAA && (guchar) p[1] <= 0xB7)
        return TRUE;
      if (c == 0xE2 && (guchar) p[1] == 0x83)
        return TRUE;
      if (c == 0xEF && (guchar) p[1] == 0xB8)
        return TRUE;
    }

  return FALSE;
}

/* Whether @text has ä, ö, ü (either case), ß or ẞ, precomposed. */
static gboolean
has_umlauts (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == 0xC3)
        {
          switch ((guchar) p[1])
            {
            case 0xA4: case 0xB6: case 0xBC:  /* ä ö ü */
            case 0x84: case 0x96: case 0x9C:  /* Ä Ö Ü */
            case 0x9F:                        /* ß */
              return TRUE;
            default:
              break;
            }
        }
      else if (c == 0xE1 && (guchar) p[1] == 0xBA && (guchar) p[2] == 0x9E)  /* ẞ */
        {
          return TRUE;
        }
    }

  return FALSE;
}

/* hd_nfc(text): @text in NFC, so that "u" + combining diaeresis is "ü"
 * for the tokenizer too. */
static void
sql_nfc (sqlite3_context  *context,
         int               argc,
         sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  char *nfc;

  if (text == NULL)
    {
      sqlite3_result_null (context);
      return;
    }

  if (!has_combining_marks (text))
    {
      sqlite3_result_value (context, argv[0]);
      return;
    }

  nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  if (nfc == NULL)
    nfc = g_utf8_make_valid (text, -1);
  sqlite3_result_text (context, nfc, -1, g_free);
}

/* hd_fold(text): lower case with ä→ae, ö→oe, ü→ue, ß→ss; NULL when that
 * changes nothing, so only texts with umlauts take index space twice. */
static void
sql_fold (sqlite3_context  *context,
          int               argc,
          sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  g_autofree char *nfc = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      sqlite3_result_null (context);
      return;
    }

  if (has_combining_marks (text))
    {
      nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
      text = nfc;
    }

  if (text == NULL || !has_umlauts (text))
    {
      sqlite3_result_null (context);
      return;
    }

  sqlite3_result_text (context, hd_store_fold_umlauts (text), -1, g_free);
}

void
hd_store_schema_register_functions (sqlite3 *db)
{
  int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

  sqlite3_create_function_v2 (db, "hd_nfc", 1, flags, NULL, sql_nfc, NULL, NULL, NULL);
  sqlite3_create_function_v2 (db, "hd_fold", 1, flags, NULL, sql_fold, NULL, NULL, NULL);
}

/* The text a row is found by: its search fields, one a line. Lists are
 * stored as JSON arrays, whose quotes and commas the tokenizer skips. */
static char *
search_body_sql (HdEntity entity)
{
  const HdEntityInfo *info = hd_entity_info (entity);
  GString *sql = g_string_new (NULL);

  for (guint i = 0; i < info->n_fields; i++)
    {
      g_autofree char *name = NULL;

      if (!(info->fields[i].flags & HD_FIELD_SEARCH))
        continue;

      name = quote (info->fields[i].name);
      if (sql->len > 0)
        g_string_append (sql, " || char(10) || ");
      g_string_append_printf (sql, "COALESCE(%s, '')", name);
    }

  return g_string_free (sql, FALSE);
}

gboolean
hd_store_schema_has_filter_token (const HdField *field)
{
  return field->type == HD_TYPE_ENUM || field->type == HD_TYPE_ENUM_SET ||
         field->type == HD_TYPE_STRV;
}

char *
hd_store_schema_filter_token (const char *field,
                              const char *value)
{
  g_autofree char *pair = g_strconcat (field, "=", value, NULL);
  GString *token = g_string_new (FILTER_TOKEN_PREFIX);

  for (const guchar *p = (const guchar *) pair; *p != '\0'; p++)
    g_string_append_printf (token, "%02X", *p);

  return g_string_free (token, FALSE);
}

/* " || …" adding to the meta column a token per value of each field a
 * list filters by (enums, sets, tags): "hdv" and the hex of
 * "field=value", as hd_store_schema_filter_token() writes it. */
static char *
filter_tokens_sql (HdEntity entity)
{
  const HdEntityInfo *info = hd_entity_info (entity);
  GString *sql = g_string_new (NULL);

  for (guint i = 0; i < info->n_fields; i++)
    {
      const HdField *field = &info->fields[i];
      g_autofree char *name = NULL;

      if (!hd_store_schema_has_filter_token (field))
        continue;

      name = quote (field->name);
      if (field->type == HD_TYPE_ENUM)
        g_string_append_printf (sql, " || COALESCE(' " FILTER_TOKEN_PREFIX "' || hex('%s=' || %s), '')",
                                field->name, name);
      else
        g_string_append_printf (sql, " || CASE WHEN json_valid(%s) THEN COALESCE((SELECT ' ' || "
                                "group_concat('" FILTER_TOKEN_PREFIX "' || hex('%s=' || j.value), ' ') "
                                "FROM json_each(%s) AS j), '') ELSE '' END",
                                name, field->name, name);
    }

  return g_string_free (sql, FALSE);
}

char *
hd_store_schema_search_fill_sql (HdEntity    entity,
                                 const char *condition)
{
  g_autofree char *table = quote (hd_entity_name (entity));
  g_autofree char *fts = fts_table (entity);
  g_autofree char *body = search_body_sql (entity);
  const char *archived = "";

  g_autofree char *values = filter_tokens_sql (entity);

  if (hd_entity_field_index (entity, "archived") >= 0)
    archived = " || CASE WHEN COALESCE(\"archived\", 0) THEN ' hdarchived' ELSE '' END";

  return g_strdup_printf ("INSERT INTO %s (rowid, body, folded, meta) "
                          "SELECT rowid, hd_nfc(%s), hd_fold(%s), "
                          "'hdh' || replace(hub_id, '-', '')%s%s FROM %s "
                          "WHERE deleted = 0%s%s",
                          fts, body, body, archived, values, table,
                          condition != NULL ? " AND " : "",
                          condition != NULL ? condition : "");
}

static void
append_sort_part (GString    *key,
                  const char *part)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  GString *bare;

  if (part == NULL)
    return;

  /* Drop the accents: "Ö" sorts with "O", as in a German phone book. */
  decomposed = g_utf8_normalize (part, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return;

  bare = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType t = g_unichar_type (c);

      if (t == G_UNICODE_NON_SPACING_MARK ||
          t == G_UNICODE_SPACING_MARK ||
          t == G_UNICODE_ENCLOSING_MARK)
        continue;
      g_string_append_unichar (bare, c);
    }

  folded = g_utf8_casefold (bare->str, -1);
  g_string_free (bare, TRUE);
  g_string_append (key, g_strstrip (folded));
}

char *
hd_store_sort_key (const HdRecord *record)
{
  HdEntity entity = hd_record_get_entity (record);
  int first, second;
  const char *a = NULL;
  const char *b = NULL;
  GString *key;

  if (!sort_key_fields (entity, &first, &second))
    return NULL;

  if (hd_record_get (record, (guint) first) != NULL)
    a = g_variant_get_string (hd_record_get (record, (guint) first), NULL);
  if (second >= 0 && hd_record_get (record, (guint) second) != NULL)
    b = g_variant_get_string (hd_record_get (record, (guint) second), NULL);

  /* Someone known by one name only sorts by it. */
  if (a == NULL || *a == '\0')
    {
      a = b;
      b = NULL;
    }

  key = g_string_new (NULL);
  append_sort_part (key, a);
  if (b != NULL)
    {
      g_string_append (key, SORT_KEY_SEPARATOR);
      append_sort_part (key, b);
    }

  return g_string_free (key, FALSE);
}

/* ---- helpers ---- */

static gboolean
exec_printf (sqlite3     *db,
             GError     **error,
             const char  *format,
             ...) G_GNUC_PRINTF (3, 4);

static gboolean
exec_printf (sqlite3     *db,
             GError     **error,
             const char  *format,
             ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);

  return hd_db_exec (db, sql, error);
}

static gboolean
step_done (sqlite3      *db,
           sqlite3_stmt *stmt,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return hd_db_set_error (error, db, rc);

  return TRUE;
}

/* Reads the fields in @mask of rows selected as "rowid, id, f…" */
static HdRecord *
read_partial (sqlite3_stmt *stmt,
              HdEntity      entity,
              guint64       mask)
{
  const HdEntityInfo *info = hd_entity_info (entity);
  HdRecord *record;
  int column = 2;

  record = hd_record_new_empty (entity,
                                (const char *) sqlite3_column_text (stmt, 1));
  for (guint i = 0; i < info->n_fields; i++)
    {
      if (!(mask & (G_GUINT64_CONSTANT (1) << i)))
        continue;
      hd_record_set (record, i,
                     hd_db_column_value (stmt, column++, &info->fields[i]));
    }

  return record;
}

/* "rowid, id, "a", "b"" for the fields in @mask */
static char *
select_fields (HdEntity entity,
               guint64  mask)
{
  const HdEntityInfo *info = hd_entity_info (entity);
  GString *sql = g_string_new ("rowid, id");

  for (guint i = 0; i < info->n_fields; i++)
    {
      g_autofree char *name = NULL;

      if (!(mask & (G_GUINT64_CONSTANT (1) << i)))
        continue;
      name = quote (info->fields[i].name);
      g_string_append_printf (sql, ", %s", name);
    }

  return g_string_free (sql, FALSE);
}

static gboolean create_search_table (sqlite3   *db,
                                     HdEntity   entity,
                                     GError   **error);

gboolean
hd_store_schema_rebuild_search (sqlite3   *db,
                                HdEntity   entity,
                                GError   **error)
{
  g_autofree char *fts = fts_table (entity);
  g_autofree char *fill = NULL;

  if (!hd_store_schema_searchable (entity))
    return TRUE;

  /* In one statement, so that FTS5 builds its segments in bulk. */
  hd_store_schema_register_functions (db);
  fill = hd_store_schema_search_fill_sql (entity, NULL);

  return exec_printf (db, error, "DROP TABLE IF EXISTS %s", fts) &&
         create_search_table (db, entity, error) &&
         hd_db_exec (db, fill, error);
}

/* Computes the column @column of every row of @entity's table again from
 * the fields in @mask with @derive. */
static gboolean
fill_derived (sqlite3     *db,
              HdEntity     entity,
              const char  *column,
              guint64      mask,
              char      *(*derive) (const HdRecord *record),
              GError     **error)
{
  g_autofree char *table = quote (hd_entity_name (entity));
  g_autofree char *columns = select_fields (entity, mask);
  g_autofree char *select_sql = g_strdup_printf ("SELECT %s FROM %s", columns, table);
  g_autofree char *update_sql = g_strdup_printf ("UPDATE %s SET %s = ? WHERE rowid = ?",
                                                 table, column);
  sqlite3_stmt *select = NULL;
  sqlite3_stmt *update = NULL;
  gboolean ok = FALSE;
  int rc;

  select = hd_db_prepare (db, select_sql, error);
  if (select == NULL)
    goto out;
  update = hd_db_prepare (db, update_sql, error);
  if (update == NULL)
    goto out;

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      g_autoptr(HdRecord) record = read_partial (select, entity, mask);
      g_autofree char *value = derive (record);

      sqlite3_bind_text (update, 1, value, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (update, 2, sqlite3_column_int64 (select, 0));
      if (!step_done (db, update, error))
        goto out;
      sqlite3_clear_bindings (update);
    }

  if (rc != SQLITE_DONE)
    {
      hd_db_set_error (error, db, rc);
      goto out;
    }

  ok = TRUE;

out:
  sqlite3_finalize (select);
  sqlite3_finalize (update);
  return ok;
}

static gboolean
fill_sort_keys (sqlite3   *db,
                HdEntity   entity,
                GError   **error)
{
  guint64 mask = 0;
  int first, second;

  if (!sort_key_fields (entity, &first, &second))
    return TRUE;

  mask |= G_GUINT64_CONSTANT (1) << first;
  if (second >= 0)
    mask |= G_GUINT64_CONSTANT (1) << second;

  return fill_derived (db, entity, "sort_key", mask, hd_store_sort_key, error);
}

/* Adds the column cross_hub_key where the rule wants one and computes it
 * for every row. */
static gboolean
add_cross_hub_keys (sqlite3  *db,
                    GError  **error)
{
  for (guint e = 0; e < HD_N_ENTITIES; e++)
    {
      g_autoptr(GHashTable) columns = NULL;
      guint64 mask = 0;

      if (!hd_store_schema_has_cross_hub_key ((HdEntity) e))
        continue;
      columns = hd_store_schema_table_columns (db, hd_entity_name ((HdEntity) e));
      if (!g_hash_table_contains (columns, "cross_hub_key"))
        {
          g_autofree char *table = quote (hd_entity_name ((HdEntity) e));

          if (!exec_printf (db, error, "ALTER TABLE %s ADD COLUMN cross_hub_key TEXT", table))
            return FALSE;
        }
      for (guint i = 0; i < G_N_ELEMENTS (cross_hub_fields); i++)
        mask |= G_GUINT64_CONSTANT (1) << hd_entity_field_index ((HdEntity) e, cross_hub_fields[i]);
      if (!fill_derived (db, (HdEntity) e, "cross_hub_key", mask, hd_store_cross_hub_key, error))
        return FALSE;
    }

  return TRUE;
}

/* The search fields of every entity, "person:given_name,family_name;…",
 * after what the meta column holds ("meta2": hubs, archived, filter
 * tokens): when it changes, the index is rebuilt. */
static char *
search_signature (void)
{
  GString *sig = g_string_new ("meta2;");

  for (guint e = 0; e < HD_N_ENTITIES; e++)
    {
      const HdEntityInfo *info = hd_entity_info ((HdEntity) e);
      gboolean any = FALSE;

      for (guint i = 0; i < info->n_fields; i++)
        {
          if (!(info->fields[i].flags & HD_FIELD_SEARCH))
            continue;
          if (any)
            g_string_append_c (sig, ',');
          else
            g_string_append_printf (sig, "%s:", info->name);
          g_string_append (sig, info->fields[i].name);
          any = TRUE;
        }
      if (any)
        g_string_append_c (sig, ';');
    }

  return g_string_free (sig, FALSE);
}

static gboolean
set_meta (sqlite3     *db,
          const char  *key,
          const char  *value,
          GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  stmt = hd_db_prepare (db,
                        "INSERT INTO meta (key, value) VALUES (?, ?) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  ok = step_done (db, stmt, error);
  sqlite3_finalize (stmt);

  return ok;
}

static char *
get_meta (sqlite3    *db,
          const char *key)
{
  sqlite3_stmt *stmt = hd_db_prepare (db, "SELECT value FROM meta WHERE key = ?", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return value;
}

/* Index "<table>_<field>" on a field with HD_FIELD_INDEX or a reference. */
static gboolean
field_wants_index (const HdField *field)
{
  return (field->flags & HD_FIELD_INDEX) || field->type == HD_TYPE_REF;
}

static gboolean
create_field_index (sqlite3        *db,
                    HdEntity        entity,
                    const HdField  *field,
                    GError        **error)
{
  const char *name = hd_entity_name (entity);
  g_autofree char *index_name = g_strdup_printf ("%s_%s", name, field->name);
  g_autofree char *q_index = quote (index_name);
  g_autofree char *q_table = quote (name);
  g_autofree char *q_field = quote (field->name);

  return exec_printf (db, error, "CREATE INDEX IF NOT EXISTS %s ON %s (%s)",
                      q_index, q_table, q_field);
}

static gboolean object_exists (sqlite3    *db,
                               const char *type,
                               const char *name);

/* ---- the steps ---- */

/* Version 1: the entity tables, the outbox and the meta table. */
static gboolean
migrate_1_tables (sqlite3   *db,
                  gpointer   user_data,
                  GError   **error)
{
  g_autofree char *client_id = NULL;

  for (guint e = 0; e < HD_N_ENTITIES; e++)
    {
      const HdEntityInfo *info = hd_entity_info ((HdEntity) e);
      g_autofree char *table = quote (info->name);
      g_autofree char *columns = hd_db_columns_sql ((HdEntity) e);
      g_autofree char *hub_index = g_strdup_printf ("%s_hub_id", info->name);
      g_autofree char *q_hub_index = quote (hub_index);

      if (!exec_printf (db, error,
                        "CREATE TABLE %s ("
                        "id TEXT PRIMARY KEY NOT NULL, "
                        "hub_id TEXT NOT NULL, "
                        "version INTEGER NOT NULL DEFAULT 0, "
                        "created_at TEXT, "
                        "updated_at TEXT, "
                        "updated_by TEXT, "
                        "deleted INTEGER NOT NULL DEFAULT 0"
                        "%s, "
                        "sync_state INTEGER NOT NULL DEFAULT 0, "
                        "base TEXT, "
                        "reject_reason TEXT)",
                        table, columns))
        return FALSE;

      if (!exec_printf (db, error, "CREATE INDEX %s ON %s (hub_id)",
                        q_hub_index, table))
        return FALSE;

      for (guint i = 0; i < info->n_fields; i++)
        {
          if (field_wants_index (&info->fields[i]) &&
              !create_field_index (db, (HdEntity) e, &info->fields[i], error))
            return FALSE;
        }
    }

  if (!hd_db_exec (db,
                   "CREATE TABLE outbox ("
                   "seq INTEGER PRIMARY KEY AUTOINCREMENT, "
                   "entity TEXT NOT NULL, "
                   "record_id TEXT NOT NULL, "
                   "hub_id TEXT NOT NULL, "
                   "op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')), "
                   "base_version INTEGER NOT NULL DEFAULT 0, "
                   "fields TEXT NOT NULL DEFAULT '{}', "
                   "created_at TEXT NOT NULL);"
                   "CREATE INDEX outbox_record ON outbox (record_id);"
                   "CREATE TABLE meta ("
                   "key TEXT PRIMARY KEY NOT NULL, "
                   "value TEXT);",
                   error))
    return FALSE;

  /* The profile's identity towards the server, made once. */
  client_id = hd_uuid_new ();
  return set_meta (db, "client_id", client_id, error);
}

static gboolean
create_search_table (sqlite3   *db,
                     HdEntity   entity,
                     GError   **error)
{
  g_autofree char *fts = fts_table (entity);

  return exec_printf (db, error,
                      "CREATE VIRTUAL TABLE IF NOT EXISTS %s USING fts5 "
                      "(body, folded, meta, " FTS_OPTIONS ")",
                      fts);
}

/* Version 2: full-text search over the fields marked HD_FIELD_SEARCH. */
static gboolean
migrate_2_search (sqlite3   *db,
                  gpointer   user_data,
                  GError   **error)
{
  g_autofree char *signature = search_signature ();

  for (guint e = 0; e < HD_N_ENTITIES; e++)
    {
      if (!hd_store_schema_rebuild_search (db, (HdEntity) e, error))
        return FALSE;
    }

  return set_meta (db, "search_fields", signature, error);
}

char *
hd_store_schema_live_condition (HdEntity    entity,
                                const char *alias)
{
  const char *prefix = alias != NULL ? alias : "";
  const char *dot = alias != NULL ? "." : "";

  if (hd_entity_field_index (entity, "archived") >= 0)
    return g_strdup_printf ("%s%sdeleted = 0 AND COALESCE(%s%s\"archived\", 0) = 0",
                            prefix, dot, prefix, dot);

  return g_strdup_printf ("%s%sdeleted = 0", prefix, dot);
}

/* Version 3: a sort key for the entities listed by name, so that "Özdemir"
 * sorts among the O; its indexes hold only the rows a list shows, so that
 * counting and paging never touch the table. */
static gboolean
migrate_3_sort_keys (sqlite3   *db,
                     gpointer   user_data,
                     GError   **error)
{
  for (guint e = 0; e < HD_N_ENTITIES; e++)
    {
      const char *name = hd_entity_name ((HdEntity) e);
      g_autofree char *table = quote (name);
      g_autofree char *live = NULL;

      if (!exec_printf (db, error, "ALTER TABLE %s ADD COLUMN sort_key TEXT",
                        table))
        return FALSE;

      if (!hd_store_schema_has_sort_key ((HdEntity) e))
        continue;

      live = hd_store_schema_live_condition ((HdEntity) e, NULL);
      if (!fill_sort_keys (db, (HdEntity) e, error) ||
          !exec_printf (db, error,
                        "CREATE INDEX \"%s_sort_key\" ON %s (sort_key) WHERE %s;"
                        "CREATE INDEX \"%s_hub_sort_key\" ON %s (hub_id, sort_key) WHERE %s",
                        name, table, live, name, table, live))
        return FALSE;
    }

  return TRUE;
}

/* Version 4: tables for entities added to the model after version 1
 * (hub_figure), made as steps 1–3 would have made them; a store made
 * from scratch already has them all and is left as it is. */
static gboolean
migrate_4_new_entities (sqlite3   *db,
                        gpointer   user_data,
                        GError   **error)
{
  for (guint e = 0; e < HD_N_ENTITIES; e++)
    {
      const HdEntityInfo *info = hd_entity_info ((HdEntity) e);
      g_autofree char *table = quote (info->name);
      g_autofree char *columns = NULL;

      if (object_exists (db, "table", info->name))
        continue;

      columns = hd_db_columns_sql ((HdEntity) e);
      if (!exec_printf (db, error,
                        "CREATE TABLE %s ("
                        "id TEXT PRIMARY KEY NOT NULL, "
                        "hub_id TEXT NOT NULL, "
                        "version INTEGER NOT NULL DEFAULT 0, "
                        "created_at TEXT, "
                        "updated_at TEXT, "
                        "updated_by TEXT, "
                        "deleted INTEGER NOT NULL DEFAULT 0"
                        "%s, "
                        "sync_state INTEGER NOT NULL DEFAULT 0, "
                        "base TEXT, "
                        "reject_reason TEXT, "
                        "sort_key TEXT);"
                        "CREATE INDEX \"%s_hub_id\" ON %s (hub_id)",
                        table, columns, info->name, table))
        return FALSE;

      for (guint i = 0; i < info->n_fields; i++)
        {
          if (field_wants_index (&info->fields[i]) &&
              !create_field_index (db, (HdEntity) e, &info->fields[i], error))
            return FALSE;
        }

      if (hd_store_schema_has_sort_key ((HdEntity) e))
        {
          g_autofree char *live = hd_store_schema_live_condition ((HdEntity) e, NULL);

          if (!exec_printf (db, error,
                            "CREATE INDEX \"%s_sort_key\" ON %s (sort_key) WHERE %s;"
                            "CREATE INDEX \"%s_hub_sort_key\" ON %s (hub_id, sort_key) WHERE %s",
                            info->name, table, live, info->name, table, live))
            return FALSE;
        }

      if (hd_store_schema_searchable ((HdEntity) e) &&
          !hd_store_schema_rebuild_search (db, (HdEntity) e, error))
        return FALSE;
    }

  return TRUE;
}


/* Version 5: a recurring booking's single occurrences — the cancelled
 * ones (exdates) and the booking an occurrence was moved into (series_id,
 * recurrence_id). A profile made from this schema has them already. */
static gboolean
migrate_5_booking_occurrences (sqlite3   *db,
                               gpointer   user_data,
                               GError   **error)
{
  static const char * const names[] = { "exdates", "series_id", "recurrence_id" };
  g_autoptr(GHashTable) columns = hd_store_schema_table_columns (db, "booking");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      int index = hd_entity_field_index (HD_ENTITY_BOOKING, names[i]);
      const HdField *field = hd_entity_field (HD_ENTITY_BOOKING, (guint) index);
      g_autofree char *q_field = quote (names[i]);

      if (g_hash_table_contains (columns, names[i]))
        continue;
      if (!exec_printf (db, error, "ALTER TABLE \"booking\" ADD COLUMN %s %s",
                        q_field, hd_db_column_type (field->type)))
        return FALSE;
      if (field_wants_index (field) &&
          !create_field_index (db, HD_ENTITY_BOOKING, field, error))
        return FALSE;
    }

  return TRUE;
}

/* Version 6: an index for the filters of the Contacts list, so that
 * counting people by consent, purpose, tag and hub reads the index, not
 * the table (a full read of 100,000 people took 200 ms; see "Filters and
 * search at scale" in docs/decisions.md). The consent leads: its filters
 * seek in it; hub, purposes and tags follow, so that the index holds every
 * column such a count asks for. Like the sort key indexes it holds only
 * the rows a list shows; deleted and archived are columns too, or SQLite
 * would not take it as holding the whole live condition (a count by tag or
 * purpose alone then read the table, 200–290 ms, and reads it in 10–25). */
static gboolean
migrate_6_filter_index (sqlite3   *db,
                        gpointer   user_data,
                        GError   **error)
{
  g_autofree char *live = hd_store_schema_live_condition (HD_ENTITY_PERSON, NULL);

  return exec_printf (db, error,
                      "CREATE INDEX IF NOT EXISTS \"person_filters\" ON \"person\" "
                      "(consent, hub_id, consent_purposes, tags, deleted, archived) WHERE %s",
                      live);
}

/* Version 7: indexes that hold every column a report reads of the
 * interactions and of the attended registrations of a period, so that a
 * report reads the index alone instead of looking each row up in its
 * table (a year of 60,000 interactions: 98 ms through the date index and
 * the table, 27 ms from this one). See "How fast" in
 * docs/reports.md. */
static gboolean
migrate_7_report_indexes (sqlite3   *db,
                          gpointer   user_data,
                          GError   **error)
{
  return exec_printf (db, error,
                      "CREATE INDEX IF NOT EXISTS \"interaction_report\" ON \"interaction\" "
                      "(occurred_on, hub_id, deleted, organization_id, person_id, kind, outcome);"
                      "CREATE INDEX IF NOT EXISTS \"registration_report\" ON \"registration\" "
                      "(status, deleted, event_id, person_id)");
}

/* Version 8: an organization's key across hubs (cross_hub_key, written
 * with the row like the sort key), and what a report reads of people and
 * organizations, kept with
 * the interactions, registrations and bookings (hd-store-reach.c), so that a report
 * of the whole network reads its rows alone instead of looking up every
 * person and organization; the report indexes hold those columns instead
 * of the references, and people are counted by the day they were added
 * from an index. The indexes a report reads a range of per hub lead with
 * the hub: a report of 13 hubs reads 13 ranges instead of testing each
 * row's hub. See "How fast" in docs/reports.md. */
static gboolean
migrate_8_reach (sqlite3   *db,
                 gpointer   user_data,
                 GError   **error)
{
  return add_cross_hub_keys (db, error) &&
         hd_store_reach_add_columns (db, error) &&
         hd_store_reach_create_views (db, error) &&
         hd_store_reach_create_triggers (db, error) &&
         hd_store_reach_refresh_all (db, error) &&
         hd_db_exec (db,
                     "DROP INDEX IF EXISTS \"interaction_report\";"
                     "DROP INDEX IF EXISTS \"registration_report\";"
                     "CREATE INDEX \"interaction_report\" ON \"interaction\" "
                     "(hub_id, deleted, occurred_on, kind, outcome, person_id, reach_person, "
                     "reach_key, reach_kind, reach_organization_id);"
                     "CREATE INDEX \"registration_report\" ON \"registration\" "
                     "(status, deleted, event_id, person_id, reach_person, attendee_key, "
                     "reach_key, reach_kind, reach_organization_id);"
                     "DROP INDEX IF EXISTS \"booking_report\";"
                     "CREATE INDEX \"booking_report\" ON \"booking\" "
                     "(starts_at, hub_id, deleted, status, recurrence, reach_key, reach_kind, "
                     "reach_organization_id);"
                     "CREATE INDEX IF NOT EXISTS \"person_created\" ON \"person\" (hub_id, deleted, created_at)",
                     error);
}

static const HdDbMigration migrations[] = {
  migrate_1_tables,
  migrate_2_search,
  migrate_3_sort_keys,
  migrate_4_new_entities,
  migrate_5_booking_occurrences,
  migrate_6_filter_index,
  migrate_7_report_indexes,
  migrate_8_reach,
};

const HdDbMigration *
hd_store_schema_migrations (guint *n_steps)
{
  *n_steps = G_N_ELEMENTS (migrations);
  return migrations;
}

/* ---- reconcile ---- */

static gboolean
object_exists (sqlite3    *db,
               const char *type,
               const char *name)
{
  sqlite3_stmt *stmt;
  gboolean exists;

  stmt = hd_db_prepare (db,
                        "SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?",
                        NULL);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  exists = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);

  return exists;
}

GHashTable *
hd_store_schema_table_columns (sqlite3    *db,
                               const char *table)
{
  g_autofree char *q_table = quote (table);
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info(%s)", q_table);
  GHashTable *columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = hd_db_prepare (db, sql, NULL);

  if (stmt == NULL)
    return columns;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);

  return columns;
}

/* With @apply FALSE only tells whether anything is missing. */
static gboolean
reconcile (sqlite3   *db,
           gboolean   apply,
           gboolean  *out_needed,
           GError   **error)
{
  g_autofree char *signature = search_signature ();
  g_autofree char *stored = NULL;

  *out_needed = FALSE;

  for (guint e = 0; e < HD_N_ENTITIES; e++)
    {
      const HdEntityInfo *info = hd_entity_info ((HdEntity) e);
      g_autoptr(GHashTable) columns = hd_store_schema_table_columns (db, info->name);
      g_autofree char *table = quote (info->name);

      for (guint i = 0; i < info->n_fields; i++)
        {
          const HdField *field = &info->fields[i];
          g_autofree char *index_name = g_strdup_printf ("%s_%s", info->name, field->name);

          if (!g_hash_table_contains (columns, field->name))
            {
              g_autofree char *q_field = quote (field->name);

              *out_needed = TRUE;
              if (apply &&
                  !exec_printf (db, error, "ALTER TABLE %s ADD COLUMN %s %s",
                                table, q_field, hd_db_column_type (field->type)))
                return FALSE;
            }

          if (field_wants_index (field) && !object_exists (db, "index", index_name))
            {
              *out_needed = TRUE;
              if (apply && !create_field_index (db, (HdEntity) e, field, error))
                return FALSE;
            }
        }
    }

  stored = get_meta (db, "search_fields");
  if (g_strcmp0 (stored, signature) != 0)
    {
      *out_needed = TRUE;
      if (apply)
        {
          for (guint e = 0; e < HD_N_ENTITIES; e++)
            {
              if (!hd_store_schema_rebuild_search (db, (HdEntity) e, error))
                return FALSE;
            }
          if (!set_meta (db, "search_fields", signature, error))
            return FALSE;
        }
    }

  return TRUE;
}

gboolean
hd_store_schema_reconcile (sqlite3  *db,
                           GError  **error)
{
  gboolean needed = FALSE;

  if (!reconcile (db, FALSE, &needed, error))
    return FALSE;
  if (!needed)
    return TRUE;

  if (!hd_db_begin (db, error))
    return FALSE;
  if (!reconcile (db, TRUE, &needed, error) || !hd_db_commit (db, error))
    {
      hd_db_rollback (db);
      return FALSE;
    }

  return TRUE;
}
