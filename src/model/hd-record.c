/* hd-record.c — one record of any entity
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "hd-record.h"

struct _HdRecord
{
  gatomicrefcount  ref_count;
  HdEntity         entity;
  guint            n_fields;
  char            *id;
  char            *hub_id;
  gint64           version;
  gboolean         deleted;
  char            *created_at;
  char            *updated_at;
  char            *updated_by;
  guint64          present;
  /* Containers of g_variant_get_strv(), made on first use. */
  gpointer        *strv_cache;
  GVariant        *values[];
};

G_DEFINE_BOXED_TYPE (HdRecord, hd_record, hd_record_ref, hd_record_unref)

#define BIT(i) (G_GUINT64_CONSTANT (1) << (i))

static HdRecord *
record_alloc (HdEntity entity)
{
  const HdEntityInfo *info = hd_entity_info (entity);
  HdRecord *self;

  self = g_malloc0 (sizeof (HdRecord) + info->n_fields * sizeof (GVariant *));
  g_atomic_ref_count_init (&self->ref_count);
  self->entity = entity;
  self->n_fields = info->n_fields;

  return self;
}

static GVariant *
default_value (const HdField *field)
{
  if (field->default_value == NULL)
    return NULL;

  switch (field->type)
    {
    case HD_TYPE_BOOL:
      return g_variant_ref_sink (g_variant_new_boolean (g_str_equal (field->default_value, "true")));
    case HD_TYPE_INT:
      return g_variant_ref_sink (g_variant_new_int64 (g_ascii_strtoll (field->default_value, NULL, 10)));
    case HD_TYPE_ENUM_SET:
    case HD_TYPE_STRV:
    case HD_TYPE_REF_LIST:
      return NULL;
    default:
      return g_variant_ref_sink (g_variant_new_string (field->default_value));
    }
}

HdRecord *
hd_record_new (HdEntity    entity,
               const char *hub_id)
{
  const HdEntityInfo *info;
  HdRecord *self;

  g_return_val_if_fail (entity < HD_N_ENTITIES, NULL);

  info = hd_entity_info (entity);
  self = record_alloc (entity);
  self->id = hd_uuid_new ();
  self->hub_id = g_strdup (hub_id);

  for (guint i = 0; i < info->n_fields; i++)
    {
      self->values[i] = default_value (&info->fields[i]);
      self->present |= BIT (i);
    }

  return self;
}

HdRecord *
hd_record_new_empty (HdEntity    entity,
                     const char *id)
{
  HdRecord *self;

  g_return_val_if_fail (entity < HD_N_ENTITIES, NULL);

  self = record_alloc (entity);
  self->id = g_strdup (id);

  return self;
}

HdRecord *
hd_record_ref (HdRecord *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

static void
clear_cache (HdRecord *self,
             guint     index)
{
  if (self->strv_cache != NULL)
    g_clear_pointer (&self->strv_cache[index], g_free);
}

void
hd_record_unref (HdRecord *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  for (guint i = 0; i < self->n_fields; i++)
    {
      g_clear_pointer (&self->values[i], g_variant_unref);
      clear_cache (self, i);
    }
  g_free (self->strv_cache);
  g_free (self->id);
  g_free (self->hub_id);
  g_free (self->created_at);
  g_free (self->updated_at);
  g_free (self->updated_by);
  g_free (self);
}

HdRecord *
hd_record_copy (const HdRecord *self)
{
  HdRecord *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = record_alloc (self->entity);
  copy->id = g_strdup (self->id);
  copy->hub_id = g_strdup (self->hub_id);
  copy->version = self->version;
  copy->deleted = self->deleted;
  copy->created_at = g_strdup (self->created_at);
  copy->updated_at = g_strdup (self->updated_at);
  copy->updated_by = g_strdup (self->updated_by);
  copy->present = self->present;

  for (guint i = 0; i < self->n_fields; i++)
    copy->values[i] = self->values[i] ? g_variant_ref (self->values[i]) : NULL;

  return copy;
}

HdEntity
hd_record_get_entity (const HdRecord *self)
{
  return self->entity;
}

const HdEntityInfo *
hd_record_get_info (const HdRecord *self)
{
  return hd_entity_info (self->entity);
}

const char *
hd_record_get_id (const HdRecord *self)
{
  return self->id;
}

void
hd_record_set_id (HdRecord   *self,
                  const char *id)
{
  if (self->id != id)
    {
      g_free (self->id);
      self->id = g_strdup (id);
    }
}

const char *
hd_record_get_hub_id (const HdRecord *self)
{
  return self->hub_id;
}

void
hd_record_set_hub_id (HdRecord   *self,
                      const char *hub_id)
{
  if (self->hub_id != hub_id)
    {
      g_free (self->hub_id);
      self->hub_id = g_strdup (hub_id);
    }
}

gint64
hd_record_get_version (const HdRecord *self)
{
  return self->version;
}

void
hd_record_set_version (HdRecord *self,
                       gint64    version)
{
  self->version = version;
}

gboolean
hd_record_get_deleted (const HdRecord *self)
{
  return self->deleted;
}

void
hd_record_set_deleted (HdRecord *self,
                       gboolean  deleted)
{
  self->deleted = !!deleted;
}

const char *
hd_record_get_created_at (const HdRecord *self)
{
  return self->created_at;
}

const char *
hd_record_get_updated_at (const HdRecord *self)
{
  return self->updated_at;
}

const char *
hd_record_get_updated_by (const HdRecord *self)
{
  return self->updated_by;
}

static void
replace_string (char       **slot,
                const char  *value)
{
  if (*slot != value)
    {
      g_free (*slot);
      *slot = g_strdup (value);
    }
}

void
hd_record_set_meta (HdRecord   *self,
                    const char *created_at,
                    const char *updated_at,
                    const char *updated_by)
{
  replace_string (&self->created_at, created_at);
  replace_string (&self->updated_at, updated_at);
  replace_string (&self->updated_by, updated_by);
}

gboolean
hd_record_has (const HdRecord *self,
               guint           index)
{
  g_return_val_if_fail (index < self->n_fields, FALSE);

  return (self->present & BIT (index)) != 0;
}

GVariant *
hd_record_get (const HdRecord *self,
               guint           index)
{
  g_return_val_if_fail (index < self->n_fields, NULL);

  return self->values[index];
}

void
hd_record_set (HdRecord *self,
               guint     index,
               GVariant *value)
{
  g_return_if_fail (index < self->n_fields);

  if (value != NULL)
    {
      const HdField *field = hd_entity_field (self->entity, index);

      g_variant_ref_sink (value);
      if (!g_variant_is_of_type (value, hd_field_value_type (field)))
        {
          g_critical ("Value of type %s for field %s.%s",
                      g_variant_get_type_string (value),
                      hd_entity_name (self->entity), field->name);
          g_variant_unref (value);
          return;
        }
    }

  g_clear_pointer (&self->values[index], g_variant_unref);
  clear_cache (self, index);
  self->values[index] = value;
  self->present |= BIT (index);
}

void
hd_record_unset (HdRecord *self,
                 guint     index)
{
  g_return_if_fail (index < self->n_fields);

  g_clear_pointer (&self->values[index], g_variant_unref);
  clear_cache (self, index);
  self->present &= ~BIT (index);
}

guint64
hd_record_get_present (const HdRecord *self)
{
  return self->present;
}

static int
field_index (const HdRecord *self,
             const char     *field)
{
  int index = hd_entity_field_index (self->entity, field);

  if (index < 0)
    g_critical ("%s has no field “%s”", hd_entity_name (self->entity), field);

  return index;
}

const char *
hd_record_get_string (const HdRecord *self,
                      const char     *field)
{
  int index = field_index (self, field);
  GVariant *value;

  if (index < 0)
    return NULL;

  value = self->values[index];
  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return NULL;

  return g_variant_get_string (value, NULL);
}

gint64
hd_record_get_int (const HdRecord *self,
                   const char     *field,
                   gint64          fallback)
{
  int index = field_index (self, field);
  GVariant *value;

  if (index < 0)
    return fallback;

  value = self->values[index];
  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    return fallback;

  return g_variant_get_int64 (value);
}

gboolean
hd_record_get_bool (const HdRecord *self,
                    const char     *field)
{
  int index = field_index (self, field);
  GVariant *value;

  if (index < 0)
    return FALSE;

  value = self->values[index];
  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return FALSE;

  return g_variant_get_boolean (value);
}

const char **
hd_record_get_strv (const HdRecord *self,
                    const char     *field)
{
  HdRecord *mutable_self = (HdRecord *) self;
  int index = field_index (self, field);
  GVariant *value;
  const char **strv;

  if (index < 0)
    return NULL;

  value = self->values[index];
  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    return NULL;

  /* The cache is filled lazily, even on a record shared between threads:
   * whoever loses the race frees its copy. */
  if (g_atomic_pointer_get (&mutable_self->strv_cache) == NULL)
    {
      gpointer *cache = g_new0 (gpointer, self->n_fields);

      if (!g_atomic_pointer_compare_and_exchange (&mutable_self->strv_cache, NULL, cache))
        g_free (cache);
    }

  strv = g_atomic_pointer_get (&mutable_self->strv_cache[index]);
  if (strv == NULL)
    {
      const char **made = g_variant_get_strv (value, NULL);

      if (g_atomic_pointer_compare_and_exchange (&mutable_self->strv_cache[index], NULL, made))
        strv = made;
      else
        {
          g_free (made);
          strv = g_atomic_pointer_get (&mutable_self->strv_cache[index]);
        }
    }

  return strv;
}

void
hd_record_set_string (HdRecord   *self,
                      const char *field,
                      const char *value)
{
  int index = field_index (self, field);

  if (index >= 0)
    hd_record_set (self, index, value ? g_variant_new_string (value) : NULL);
}

void
hd_record_set_int (HdRecord   *self,
                   const char *field,
                   gint64      value)
{
  int index = field_index (self, field);

  if (index >= 0)
    hd_record_set (self, index, g_variant_new_int64 (value));
}

void
hd_record_set_bool (HdRecord   *self,
                    const char *field,
                    gboolean    value)
{
  int index = field_index (self, field);

  if (index >= 0)
    hd_record_set (self, index, g_variant_new_boolean (value));
}

void
hd_record_set_strv (HdRecord           *self,
                    const char         *field,
                    const char * const *value)
{
  int index = field_index (self, field);

  if (index >= 0)
    hd_record_set (self, index, value ? g_variant_new_strv (value, -1) : NULL);
}

void
hd_record_set_null (HdRecord   *self,
                    const char *field)
{
  int index = field_index (self, field);

  if (index >= 0)
    hd_record_set (self, index, NULL);
}

gboolean
hd_value_equal (GVariant *a,
                GVariant *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_variant_equal (a, b);
}

guint64
hd_record_diff (const HdRecord *a,
                const HdRecord *b)
{
  guint64 mask = 0;

  g_return_val_if_fail (a->entity == b->entity, 0);

  for (guint i = 0; i < a->n_fields; i++)
    {
      if (!(a->present & BIT (i)) || !(b->present & BIT (i)))
        continue;
      if (!hd_value_equal (a->values[i], b->values[i]))
        mask |= BIT (i);
    }

  return mask;
}

/* ---- ids and times ---- */

static void
random_bytes (guint8 *buffer,
              gsize   length)
{
  gsize done = 0;

  while (done < length)
    {
      ssize_t n = getrandom (buffer + done, length - done, 0);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          g_error ("No cryptographic random source: %s", g_strerror (errno));
        }
      done += (gsize) n;
    }
}

char *
hd_uuid_new (void)
{
  guint8 b[16];

  random_bytes (b, sizeof b);
  b[6] = (b[6] & 0x0f) | 0x40;  /* version 4 */
  b[8] = (b[8] & 0x3f) | 0x80;  /* RFC 4122 variant */

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                          b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

gboolean
hd_uuid_is_valid (const char *text)
{
  if (text == NULL || strlen (text) != 36)
    return FALSE;

  for (guint i = 0; i < 36; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (text[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isxdigit (text[i]) || g_ascii_isupper (text[i]))
        return FALSE;
    }

  return TRUE;
}

char *
hd_timestamp_format (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);

  if (dt == NULL)
    return NULL;

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

char *
hd_timestamp_now (void)
{
  return hd_timestamp_format (g_get_real_time () / G_USEC_PER_SEC);
}

static gboolean
read_digits (const char *text,
             guint       n,
             int        *out)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (text[i] - '0');
    }

  *out = value;
  return TRUE;
}

GTimeZone *
hd_time_zone_get (const char *tzid)
{
  static GMutex lock;
  static GHashTable *zones;   /* identifier → GTimeZone */
  GTimeZone *tz;

  g_return_val_if_fail (tzid != NULL, NULL);

  g_mutex_lock (&lock);
  if (zones == NULL)
    zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) g_time_zone_unref);
  tz = g_hash_table_lookup (zones, tzid);
  if (tz == NULL)
    {
      tz = g_time_zone_new_identifier (tzid);
      if (tz != NULL)
        g_hash_table_insert (zones, g_strdup (tzid), tz);
    }
  if (tz != NULL)
    g_time_zone_ref (tz);
  g_mutex_unlock (&lock);

  return tz;
}

gboolean
hd_timestamp_parse (const char *text,
                    gint64     *out_unix)
{
  int year, month, day, hour, minute, second;
  g_autoptr(GDateTime) dt = NULL;

  /* 2026-11-25T14:00:00Z, exactly */
  if (text == NULL || strlen (text) != 20)
    return FALSE;
  if (text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
      text[13] != ':' || text[16] != ':' || text[19] != 'Z')
    return FALSE;
  if (!read_digits (text, 4, &year) || !read_digits (text + 5, 2, &month) ||
      !read_digits (text + 8, 2, &day) || !read_digits (text + 11, 2, &hour) ||
      !read_digits (text + 14, 2, &minute) || !read_digits (text + 17, 2, &second))
    return FALSE;
  if (year < 1 || month < 1 || month > 12 || day < 1 || hour > 23 ||
      minute > 59 || second > 59)
    return FALSE;
  if (day > g_date_get_days_in_month (month, year))
    return FALSE;

  dt = g_date_time_new_utc (year, month, day, hour, minute, second);
  if (dt == NULL)
    return FALSE;

  if (out_unix != NULL)
    *out_unix = g_date_time_to_unix (dt);

  return TRUE;
}
