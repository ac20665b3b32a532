/* hd-store-duplicates.c — likely duplicate people and organizations, and merging them
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "hd-codec.h"
#include "hd-store-duplicates.h"

#define MERGE_PREFIX "merge/"

void
hd_duplicate_match_free (HdDuplicateMatch *match)
{
  if (match == NULL)
    return;
  g_clear_pointer (&match->record, hd_record_unref);
  g_free (match);
}

void
hd_duplicate_pair_free (HdDuplicatePair *pair)
{
  if (pair == NULL)
    return;
  g_clear_pointer (&pair->a, hd_record_unref);
  g_clear_pointer (&pair->b, hd_record_unref);
  g_free (pair);
}

/* ---- keys ---- */

char *
hd_phone_normalize (const char *phone)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  gboolean plus = FALSE;
  const char *p;

  if (phone == NULL)
    return NULL;

  for (p = phone; *p != '\0'; p++)
    {
      /* "+49 (0)711": the (0) is only for calls from inside the country. */
      if (p[0] == '(' && p[1] == '0' && p[2] == ')')
        {
          p += 2;
          continue;
        }
      if (*p == '+' && digits->len == 0)
        plus = TRUE;
      else if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
    }

  if (!plus)
    {
      if (g_str_has_prefix (digits->str, "00"))
        g_string_erase (digits, 0, 2);
      else if (g_str_has_prefix (digits->str, "0"))
        {
          g_string_erase (digits, 0, 1);
          g_string_prepend (digits, "49");
        }
    }

  if (digits->len < 6)
    return NULL;
  return g_string_free (g_steal_pointer (&digits), FALSE);
}

static const char * const legal_forms[] = {
  "gmbh", "mbh", "ag", "kg", "kgaa", "ohg", "gbr", "ug", "haftungsbeschraenkt", "ev", "e", "v",
  "eg", "se", "co", "und", "partg", "inc", "ltd", "llc", "gmbhco", NULL
};

char *
hd_name_key (HdEntity    entity,
             const char *name)
{
  g_autofree char *lower = NULL;
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) folded = g_string_new (NULL);
  g_auto(GStrv) words = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();
  guint n;

  if (name == NULL)
    return NULL;

  lower = hd_store_fold_umlauts (name);

  /* Accents off, everything but letters and digits a space. */
  decomposed = g_utf8_normalize (lower, -1, G_NORMALIZE_NFKD);
  g_string_truncate (folded, 0);
  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      if (g_unichar_isalnum (c))
        g_string_append_unichar (folded, c);
      else
        g_string_append_c (folded, ' ');
    }

  words = g_strsplit (folded->str, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] != '\0')
        g_ptr_array_add (kept, words[i]);
    }
  n = kept->len;
  if (entity == HD_ENTITY_ORGANIZATION)
    {
      while (n > 1 && g_strv_contains (legal_forms, kept->pdata[n - 1]))
        n--;
    }
  g_ptr_array_set_size (kept, n);
  g_ptr_array_add (kept, NULL);

  if (n == 0)
    return NULL;
  return g_strjoinv (" ", (char **) kept->pdata);
}

static char *
person_name_key (const HdRecord *record)
{
  g_autofree char *name = g_strdup_printf ("%s %s",
                                           hd_record_get_string (record, "given_name") ?: "",
                                           hd_record_get_string (record, "family_name") ?: "");

  return hd_name_key (HD_ENTITY_PERSON, name);
}

static char *
record_name_key (const HdRecord *record)
{
  if (hd_record_get_entity (record) == HD_ENTITY_PERSON)
    return person_name_key (record);
  return hd_name_key (HD_ENTITY_ORGANIZATION, hd_record_get_string (record, "name"));
}

static char *
email_key (const HdRecord *record)
{
  const char *email = hd_record_get_string (record, "email");

  return email != NULL ? g_utf8_casefold (email, -1) : NULL;
}

/* ---- the index ---- */

struct _HdDuplicateIndex {
  HdEntity    entity;
  GPtrArray  *records;
  GHashTable *by_key[3];   /* email, phone, name → GPtrArray of HdRecord (not owned) */
};

HdDuplicateIndex *
hd_duplicate_index_new (HdEntity entity)
{
  HdDuplicateIndex *index = g_new0 (HdDuplicateIndex, 1);

  index->entity = entity;
  index->records = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  for (guint i = 0; i < 3; i++)
    index->by_key[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_ptr_array_unref);
  return index;
}

void
hd_duplicate_index_free (HdDuplicateIndex *index)
{
  if (index == NULL)
    return;
  for (guint i = 0; i < 3; i++)
    g_hash_table_unref (index->by_key[i]);
  g_ptr_array_unref (index->records);
  g_free (index);
}

static void
record_keys (const HdRecord *record,
             char           *keys[3])
{
  keys[0] = email_key (record);
  keys[1] = hd_phone_normalize (hd_record_get_string (record, "phone"));
  keys[2] = record_name_key (record);
}

void
hd_duplicate_index_add (HdDuplicateIndex *index,
                        HdRecord         *record)
{
  char *keys[3];

  g_ptr_array_add (index->records, hd_record_ref (record));
  record_keys (record, keys);
  for (guint i = 0; i < 3; i++)
    {
      GPtrArray *list;

      if (keys[i] == NULL)
        continue;
      list = g_hash_table_lookup (index->by_key[i], keys[i]);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (index->by_key[i], keys[i], list);
        }
      else
        g_free (keys[i]);
      g_ptr_array_add (list, record);
    }
}

/* Same name, but told apart by a different organization or city. */
static gboolean
names_told_apart (const HdRecord *a,
                  const HdRecord *b)
{
  const char *field = hd_record_get_entity (a) == HD_ENTITY_PERSON ? "organization_id" : "city";
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  if (hd_record_get_string (a, field) == NULL || hd_record_get_string (b, field) == NULL)
    return FALSE;
  x = hd_name_key (HD_ENTITY_PERSON, hd_record_get_string (a, field));
  y = hd_name_key (HD_ENTITY_PERSON, hd_record_get_string (b, field));
  return g_strcmp0 (x, y) != 0;
}

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const HdDuplicateMatch *x = *(HdDuplicateMatch * const *) a;
  const HdDuplicateMatch *y = *(HdDuplicateMatch * const *) b;

  /* More reasons first, then an email match before a phone before a name. */
  int nx = __builtin_popcount (x->reasons), ny = __builtin_popcount (y->reasons);

  if (nx != ny)
    return ny - nx;
  return (int) (x->reasons & 7 ? __builtin_ctz (x->reasons) : 3) -
         (int) (y->reasons & 7 ? __builtin_ctz (y->reasons) : 3);
}

GPtrArray *
hd_duplicate_index_lookup (HdDuplicateIndex *index,
                           const HdRecord   *record)
{
  GPtrArray *matches = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_duplicate_match_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  char *keys[3];

  record_keys (record, keys);
  for (guint k = 0; k < 3; k++)
    {
      GPtrArray *list = keys[k] != NULL ? g_hash_table_lookup (index->by_key[k], keys[k]) : NULL;

      for (guint i = 0; list != NULL && i < list->len; i++)
        {
          HdRecord *other = list->pdata[i];
          HdDuplicateMatch *match;

          if (g_strcmp0 (hd_record_get_id (other), hd_record_get_id (record)) == 0)
            continue;
          if (k == 2 && names_told_apart (record, other))
            continue;
          match = g_hash_table_lookup (by_id, hd_record_get_id (other));
          if (match == NULL)
            {
              match = g_new0 (HdDuplicateMatch, 1);
              match->record = hd_record_ref (other);
              g_hash_table_insert (by_id, (gpointer) hd_record_get_id (other), match);
              g_ptr_array_add (matches, match);
            }
          match->reasons |= 1 << k;
        }
      g_free (keys[k]);
    }

  g_ptr_array_sort (matches, compare_matches);
  return matches;
}

static GPtrArray *
load_hub (HdStore     *store,
          HdEntity     entity,
          const char  *hub_id,
          GError     **error)
{
  HdQuery query = { 0, };

  query.entity = entity;
  query.hub_id = hub_id;
  query.include_archived = TRUE;
  return hd_store_query (store, &query, error);
}

GPtrArray *
hd_store_find_duplicates (HdStore         *store,
                          const HdRecord  *record,
                          GError         **error)
{
  HdEntity entity = hd_record_get_entity (record);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(HdDuplicateIndex) index = NULL;

  g_return_val_if_fail (entity == HD_ENTITY_PERSON || entity == HD_ENTITY_ORGANIZATION, NULL);

  all = load_hub (store, entity, hd_record_get_hub_id (record), error);
  if (all == NULL)
    return NULL;
  index = hd_duplicate_index_new (entity);
  for (guint i = 0; i < all->len; i++)
    hd_duplicate_index_add (index, all->pdata[i]);
  return hd_duplicate_index_lookup (index, record);
}

GPtrArray *
hd_store_duplicate_pairs (HdStore     *store,
                          HdEntity     entity,
                          const char  *hub_id,
                          GError     **error)
{
  g_autoptr(GPtrArray) all = load_hub (store, entity, hub_id, error);
  g_autoptr(HdDuplicateIndex) index = NULL;
  GPtrArray *pairs;

  if (all == NULL)
    return NULL;
  index = hd_duplicate_index_new (entity);
  for (guint i = 0; i < all->len; i++)
    hd_duplicate_index_add (index, all->pdata[i]);

  pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_duplicate_pair_free);
  for (guint i = 0; i < all->len; i++)
    {
      g_autoptr(GPtrArray) matches = hd_duplicate_index_lookup (index, all->pdata[i]);

      for (guint m = 0; m < matches->len; m++)
        {
          HdDuplicateMatch *match = matches->pdata[m];
          HdDuplicatePair *pair;

          /* Each pair once. */
          if (strcmp (hd_record_get_id (all->pdata[i]), hd_record_get_id (match->record)) > 0)
            continue;
          pair = g_new0 (HdDuplicatePair, 1);
          pair->a = hd_record_ref (all->pdata[i]);
          pair->b = hd_record_ref (match->record);
          pair->reasons = match->reasons;
          g_ptr_array_add (pairs, pair);
        }
    }
  return pairs;
}

/* ---- merging ---- */

static JsonNode *
fields_node (const HdRecord *record,
             guint64         mask)
{
  g_autoptr(HdRecord) part = hd_record_new_empty (hd_record_get_entity (record), hd_record_get_id (record));
  const HdEntityInfo *info = hd_record_get_info (record);
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  for (guint i = 0; i < info->n_fields; i++)
    {
      if (mask & (G_GUINT64_CONSTANT (1) << i))
        hd_record_set (part, i, hd_record_get (record, i));
    }
  json_node_take_object (node, hd_record_fields_to_json (part));
  return node;
}

static GVariant *
join_lists (GVariant *a,
            GVariant *b)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autofree const char **x = a != NULL ? g_variant_get_strv (a, NULL) : NULL;
  g_autofree const char **y = b != NULL ? g_variant_get_strv (b, NULL) : NULL;

  for (guint i = 0; x != NULL && x[i] != NULL; i++)
    g_ptr_array_add (all, (gpointer) x[i]);
  for (guint i = 0; y != NULL && y[i] != NULL; i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j < all->len; j++)
        seen |= g_str_equal (all->pdata[j], y[i]);
      if (!seen)
        g_ptr_array_add (all, (gpointer) y[i]);
    }
  return g_variant_new_strv ((const char * const *) all->pdata, all->len);
}

static HdRecord *
merged_record (const HdRecord     *survivor,
               const HdRecord     *loser,
               const char * const *take,
               const char * const *keep)
{
  const HdEntityInfo *info = hd_record_get_info (survivor);
  HdRecord *merged = hd_record_copy (survivor);

  for (guint i = 0; i < info->n_fields; i++)
    {
      const HdField *field = &info->fields[i];
      GVariant *mine = hd_record_get (survivor, i);
      GVariant *theirs = hd_record_get (loser, i);

      if (take != NULL && g_strv_contains (take, field->name))
        hd_record_set (merged, i, theirs);
      else if (keep != NULL && g_strv_contains (keep, field->name))
        continue;
      else if (g_str_equal (field->name, "archived"))
        continue;
      else if (mine == NULL && theirs != NULL)
        hd_record_set (merged, i, theirs);
      else if (mine != NULL && theirs != NULL && field->type == HD_TYPE_STRV)
        hd_record_set (merged, i, join_lists (mine, theirs));
      else if (mine != NULL && theirs != NULL && field->type == HD_TYPE_TEXT &&
               !hd_value_equal (mine, theirs) &&
               strstr (g_variant_get_string (mine, NULL), g_variant_get_string (theirs, NULL)) == NULL)
        {
          g_autofree char *both = g_strdup_printf ("%s\n\n%s", g_variant_get_string (mine, NULL),
                                                   g_variant_get_string (theirs, NULL));
          if ((gint64) g_utf8_strlen (both, -1) <= field->max || field->max == 0)
            hd_record_set (merged, i, g_variant_new_string (both));
        }
    }
  return merged;
}

typedef struct {
  HdRecord *record;
  guint64   moved;     /* fields changed here */
  HdRecord *before;
} Moved;

static void
moved_free (Moved *moved)
{
  hd_record_unref (moved->record);
  hd_record_unref (moved->before);
  g_free (moved);
}

/* A list with @from replaced by @to (once). */
static GVariant *
replace_in_list (GVariant   *list,
                 const char *from,
                 const char *to)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new ();
  g_autofree const char **ids = g_variant_get_strv (list, NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      const char *id = g_str_equal (ids[i], from) ? to : ids[i];
      gboolean seen = FALSE;

      for (guint j = 0; j < out->len; j++)
        seen |= g_str_equal (out->pdata[j], id);
      if (!seen)
        g_ptr_array_add (out, (gpointer) id);
    }
  return g_variant_new_strv ((const char * const *) out->pdata, out->len);
}

char *
hd_store_merge (HdStore             *store,
                HdEntity             entity,
                const char          *survivor_id,
                const char          *loser_id,
                const char * const  *take,
                GError             **error)
{
  return hd_store_merge_picked (store, entity, survivor_id, loser_id, take, NULL, error);
}

char *
hd_store_merge_picked (HdStore             *store,
                       HdEntity             entity,
                       const char          *survivor_id,
                       const char          *loser_id,
                       const char * const  *take,
                       const char * const  *keep,
                       GError             **error)
{
  g_autoptr(HdRecord) survivor = NULL;
  g_autoptr(HdRecord) loser = NULL;
  g_autoptr(HdRecord) merged = NULL;
  g_autoptr(GHashTable) moved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) moved_free);
  g_autoptr(GPtrArray) moved_order = g_ptr_array_new ();
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GPtrArray) saves = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GPtrArray) deletes = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(GHashTable) survivor_events = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *id = hd_uuid_new ();
  g_autofree char *key = NULL;
  g_autofree char *journal = NULL;
  const char *hub_id;
  guint64 mask;

  g_return_val_if_fail (entity == HD_ENTITY_PERSON || entity == HD_ENTITY_ORGANIZATION, NULL);

  if (g_strcmp0 (survivor_id, loser_id) == 0)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_FAILED,
                   _("A record cannot be merged with itself."));
      return NULL;
    }
  survivor = hd_store_get (store, entity, survivor_id, error);
  if (survivor == NULL)
    return NULL;
  loser = hd_store_get (store, entity, loser_id, error);
  if (loser == NULL)
    return NULL;
  hub_id = hd_record_get_hub_id (survivor);
  if (g_strcmp0 (hub_id, hd_record_get_hub_id (loser)) != 0)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_FAILED,
                   _("Records of different hubs cannot be merged."));
      return NULL;
    }

  merged = merged_record (survivor, loser, take, keep);
  mask = hd_record_diff (survivor, merged);

  /* The survivor's registrations, so that the other's for the same
   * event are not doubled: those go. */
  if (entity == HD_ENTITY_PERSON)
    {
      HdQuery query = { 0, };
      g_autoptr(GPtrArray) regs = NULL;

      query.entity = HD_ENTITY_REGISTRATION;
      query.hub_id = hub_id;
      query.ref_field = "person_id";
      query.ref_id = survivor_id;
      regs = hd_store_query (store, &query, error);
      if (regs == NULL)
        return NULL;
      for (guint i = 0; i < regs->len; i++)
        g_hash_table_add (survivor_events, g_strdup (hd_record_get_string (regs->pdata[i], "event_id")));
    }

  /* Every reference to the other record, in every entity. */
  for (guint e = 0; e < HD_N_ENTITIES; e++)
    {
      const HdEntityInfo *info = hd_entity_info ((HdEntity) e);

      for (guint f = 0; f < info->n_fields; f++)
        {
          const HdField *field = &info->fields[f];
          HdQuery query = { 0, };
          g_autoptr(GPtrArray) refs = NULL;

          if ((field->type != HD_TYPE_REF && field->type != HD_TYPE_REF_LIST) || field->ref != entity)
            continue;

          query.entity = (HdEntity) e;
          query.hub_id = hub_id;
          query.ref_field = field->name;
          query.ref_id = loser_id;
          query.include_archived = TRUE;
          refs = hd_store_query (store, &query, error);
          if (refs == NULL)
            return NULL;

          for (guint r = 0; r < refs->len; r++)
            {
              HdRecord *ref = refs->pdata[r];
              Moved *m = g_hash_table_lookup (moved, hd_record_get_id (ref));

              if (e == HD_ENTITY_REGISTRATION && g_str_equal (field->name, "person_id") &&
                  g_hash_table_contains (survivor_events, hd_record_get_string (ref, "event_id")))
                {
                  g_ptr_array_add (removed, hd_record_ref (ref));
                  continue;
                }
              if (m == NULL)
                {
                  m = g_new0 (Moved, 1);
                  m->record = hd_record_copy (ref);
                  m->before = hd_record_ref (ref);
                  g_hash_table_insert (moved, g_strdup (hd_record_get_id (ref)), m);
                  g_ptr_array_add (moved_order, m);
                }
              if (field->type == HD_TYPE_REF)
                hd_record_set (m->record, f, g_variant_new_string (survivor_id));
              else
                hd_record_set (m->record, f, replace_in_list (hd_record_get (m->record, f), loser_id, survivor_id));
              m->moved |= G_GUINT64_CONSTANT (1) << f;
            }
        }
    }

  /* The journal. */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "entity");
  json_builder_add_string_value (builder, hd_entity_name (entity));
  json_builder_set_member_name (builder, "survivor_id");
  json_builder_add_string_value (builder, survivor_id);
  json_builder_set_member_name (builder, "survivor_before");
  json_builder_add_value (builder, fields_node (survivor, mask));
  json_builder_set_member_name (builder, "survivor_after");
  json_builder_add_value (builder, fields_node (merged, mask));
  json_builder_set_member_name (builder, "loser");
  json_builder_add_value (builder, hd_record_to_json (loser));
  json_builder_set_member_name (builder, "moved");
  json_builder_begin_array (builder);
  for (guint i = 0; i < moved_order->len; i++)
    {
      Moved *m = moved_order->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "entity");
      json_builder_add_string_value (builder, hd_entity_name (hd_record_get_entity (m->record)));
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, hd_record_get_id (m->record));
      json_builder_set_member_name (builder, "before");
      json_builder_add_value (builder, fields_node (m->before, m->moved));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "removed");
  json_builder_begin_array (builder);
  for (guint i = 0; i < removed->len; i++)
    json_builder_add_value (builder, hd_record_to_json (removed->pdata[i]));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  journal = json_to_string (root, FALSE);

  if (mask != 0)
    g_ptr_array_add (saves, hd_record_ref (merged));
  for (guint i = 0; i < moved_order->len; i++)
    g_ptr_array_add (saves, hd_record_copy (((Moved *) moved_order->pdata[i])->record));
  for (guint i = 0; i < removed->len; i++)
    g_ptr_array_add (deletes, hd_record_ref (removed->pdata[i]));
  g_ptr_array_add (deletes, hd_record_ref (loser));

  key = g_strconcat (MERGE_PREFIX, id, NULL);
  if (!hd_store_write_many (store, saves, deletes, key, journal, error))
    return NULL;

  return g_steal_pointer (&id);
}

/* A copy of a deleted record under a new id, pointing @from at @to. */
static HdRecord *
remake (JsonNode   *node,
        const char *from,
        const char *to,
        GError    **error)
{
  g_autoptr(HdRecord) old = hd_record_from_json (node, error);
  const HdEntityInfo *info;
  HdRecord *fresh;

  if (old == NULL)
    return NULL;
  info = hd_record_get_info (old);
  fresh = hd_record_new (hd_record_get_entity (old), hd_record_get_hub_id (old));
  for (guint i = 0; i < info->n_fields; i++)
    {
      GVariant *value = hd_record_get (old, i);

      if (!hd_record_has (old, i))
        continue;
      if (info->fields[i].type == HD_TYPE_REF && value != NULL && from != NULL &&
          g_str_equal (g_variant_get_string (value, NULL), from))
        hd_record_set (fresh, i, g_variant_new_string (to));
      else
        hd_record_set (fresh, i, value);
    }
  return fresh;
}

gboolean
hd_store_merge_undo (HdStore     *store,
                     const char  *merge_id,
                     GError     **error)
{
  g_autofree char *key = g_strconcat (MERGE_PREFIX, merge_id, NULL);
  g_autofree char *journal = hd_store_get_meta (store, key);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) saves = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_record_unref);
  g_autoptr(HdRecord) loser = NULL;
  g_autoptr(HdRecord) survivor = NULL;
  JsonObject *root;
  JsonArray *moved, *removed;
  HdEntity entity;
  const char *survivor_id, *old_loser_id, *new_loser_id;

  if (journal == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                   _("There is no merge “%s” to undo in this profile."), merge_id);
      return FALSE;
    }
  if (!json_parser_load_from_data (parser, journal, -1, error))
    return FALSE;
  root = json_node_get_object (json_parser_get_root (parser));
  if (!hd_entity_from_name (json_object_get_string_member (root, "entity"), &entity))
    return FALSE;
  survivor_id = json_object_get_string_member (root, "survivor_id");
  old_loser_id = json_object_get_string_member (json_object_get_object_member (root, "loser"), "id");

  loser = remake (json_object_get_member (root, "loser"), NULL, NULL, error);
  if (loser == NULL)
    return FALSE;
  new_loser_id = hd_record_get_id (loser);
  g_ptr_array_add (saves, hd_record_ref (loser));

  survivor = hd_store_get (store, entity, survivor_id, NULL);
  if (survivor != NULL)
    {
      g_autoptr(HdRecord) before = hd_record_fields_from_json (entity, survivor_id,
                                                               json_object_get_object_member (root, "survivor_before"), error);
      g_autoptr(HdRecord) after = hd_record_fields_from_json (entity, survivor_id,
                                                              json_object_get_object_member (root, "survivor_after"), error);
      gboolean changed = FALSE;

      if (before == NULL || after == NULL)
        return FALSE;
      for (guint f = 0; f < hd_entity_info (entity)->n_fields; f++)
        {
          if (!hd_record_has (after, f) || !hd_value_equal (hd_record_get (survivor, f), hd_record_get (after, f)))
            continue;
          hd_record_set (survivor, f, hd_record_get (before, f));
          changed = TRUE;
        }
      if (changed)
        g_ptr_array_add (saves, hd_record_ref (survivor));
    }

  moved = json_object_get_array_member (root, "moved");
  for (guint i = 0; i < json_array_get_length (moved); i++)
    {
      JsonObject *entry = json_array_get_object_element (moved, i);
      const char *id = json_object_get_string_member (entry, "id");
      g_autoptr(HdRecord) current = NULL;
      g_autoptr(HdRecord) before = NULL;
      const HdEntityInfo *info;
      HdEntity ref_entity;

      if (!hd_entity_from_name (json_object_get_string_member (entry, "entity"), &ref_entity))
        continue;
      current = hd_store_get (store, ref_entity, id, NULL);
      if (current == NULL)
        continue;
      before = hd_record_fields_from_json (ref_entity, id, json_object_get_object_member (entry, "before"), error);
      if (before == NULL)
        return FALSE;
      info = hd_entity_info (ref_entity);
      for (guint f = 0; f < info->n_fields; f++)
        {
          GVariant *now = hd_record_get (current, f);

          if (!hd_record_has (before, f))
            continue;
          /* Only references still pointing at the survivor go back. */
          if (info->fields[f].type == HD_TYPE_REF)
            {
              if (now != NULL && g_str_equal (g_variant_get_string (now, NULL), survivor_id))
                hd_record_set (current, f, g_variant_new_string (new_loser_id));
            }
          else if (now != NULL)
            {
              GVariant *was = hd_record_get (before, f);
              g_autofree const char **ids = was != NULL ? g_variant_get_strv (was, NULL) : NULL;
              gboolean had_survivor = FALSE;

              for (guint k = 0; ids != NULL && ids[k] != NULL; k++)
                had_survivor |= g_str_equal (ids[k], survivor_id);
              if (!had_survivor)
                hd_record_set (current, f, replace_in_list (now, survivor_id, new_loser_id));
              else if (was != NULL)
                hd_record_set (current, f, replace_in_list (was, old_loser_id, new_loser_id));
            }
        }
      g_ptr_array_add (saves, g_steal_pointer (&current));
    }

  removed = json_object_get_array_member (root, "removed");
  for (guint i = 0; i < json_array_get_length (removed); i++)
    {
      HdRecord *reg = remake (json_array_get_element (removed, i), old_loser_id, new_loser_id, error);

      if (reg == NULL)
        return FALSE;
      g_ptr_array_add (saves, reg);
    }

  return hd_store_write_many (store, saves, NULL, key, NULL, error);
}

gboolean
hd_store_count_references (HdStore     *store,
                           HdEntity     entity,
                           const char  *id,
                           guint        counts[HD_N_ENTITIES],
                           GError     **error)
{
  g_autoptr(HdRecord) record = hd_store_get (store, entity, id, error);

  if (record == NULL)
    return FALSE;

  for (guint e = 0; e < HD_N_ENTITIES; e++)
    {
      const HdEntityInfo *info = hd_entity_info ((HdEntity) e);
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      counts[e] = 0;
      for (guint f = 0; f < info->n_fields; f++)
        {
          const HdField *field = &info->fields[f];
          HdQuery query = { 0, };
          g_autoptr(GPtrArray) refs = NULL;

          if ((field->type != HD_TYPE_REF && field->type != HD_TYPE_REF_LIST) || field->ref != entity)
            continue;

          /* As hd_store_merge() finds them: archived ones too. */
          query.entity = (HdEntity) e;
          query.hub_id = hd_record_get_hub_id (record);
          query.ref_field = field->name;
          query.ref_id = id;
          query.include_archived = TRUE;
          refs = hd_store_query (store, &query, error);
          if (refs == NULL)
            return FALSE;
          /* A record referring twice (organizer and speaker) counts once. */
          for (guint r = 0; r < refs->len; r++)
            g_hash_table_add (seen, g_strdup (hd_record_get_id (refs->pdata[r])));
        }
      counts[e] = g_hash_table_size (seen);
    }
  return TRUE;
}
