/* test-schema.c — the entity tables are complete and consistent
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "hd-model.h"

static void
test_entities_named (void)
{
  static const char * const names[] = {
    "hub", "room", "booking", "event", "session", "registration",
    "organization", "person", "interaction", "hub_figure"
  };

  g_assert_cmpuint (G_N_ELEMENTS (names), ==, HD_N_ENTITIES);

  for (guint i = 0; i < HD_N_ENTITIES; i++)
    {
      HdEntity entity;

      g_assert_cmpstr (hd_entity_name (i), ==, names[i]);
      g_assert_true (hd_entity_from_name (names[i], &entity));
      g_assert_cmpint (entity, ==, i);
      g_assert_cmpint (hd_entity_info (i)->entity, ==, i);
      g_assert_nonnull (hd_entity_label (i));
    }

  g_assert_false (hd_entity_from_name ("users", NULL));
  g_assert_false (hd_entity_from_name ("", NULL));
  g_assert_false (hd_entity_from_name (NULL, NULL));
  g_assert_true (hd_entity_info (HD_ENTITY_HUB)->read_only);
  g_assert_false (hd_entity_info (HD_ENTITY_ROOM)->read_only);
}

static void
test_fields_consistent (void)
{
  for (guint e = 0; e < HD_N_ENTITIES; e++)
    {
      const HdEntityInfo *info = hd_entity_info (e);

      g_assert_cmpuint (info->n_fields, >, 0);
      g_assert_cmpuint (info->n_fields, <=, HD_MAX_FIELDS);

      for (guint i = 0; i < info->n_fields; i++)
        {
          const HdField *field = &info->fields[i];

          g_assert_cmpint (hd_entity_field_index (e, field->name), ==, (int) i);
          g_assert_true (hd_entity_field (e, i) == field);
          g_assert_nonnull (field->label);

          /* Common columns are not fields. */
          g_assert_cmpstr (field->name, !=, "id");
          g_assert_cmpstr (field->name, !=, "hub_id");
          g_assert_cmpstr (field->name, !=, "version");
          g_assert_cmpstr (field->name, !=, "deleted");

          if (field->type == HD_TYPE_ENUM || field->type == HD_TYPE_ENUM_SET)
            {
              g_assert_nonnull (field->values);
              g_assert_nonnull (field->values[0]);
              if (field->default_value != NULL)
                g_assert_true (hd_field_has_value (field, field->default_value));
              for (guint v = 0; field->values[v]; v++)
                g_assert_cmpstr (hd_enum_value_label (field->values[v]), !=, field->values[v]);
            }
          else
            g_assert_null (field->values);

          if (field->type == HD_TYPE_REF || field->type == HD_TYPE_REF_LIST)
            {
              g_assert_cmpint (field->ref, <, HD_N_ENTITIES);
              g_assert_cmpint (field->ref, !=, HD_ENTITY_HUB);
            }

          if (field->type == HD_TYPE_INT)
            g_assert_cmpint (field->min, <=, field->max);
        }
    }

  g_assert_cmpint (hd_entity_field_index (HD_ENTITY_ROOM, "no_such_field"), ==, -1);
}

static void
test_design_fields (void)
{
  /* DESIGN §2, field by field */
  static const struct {
    HdEntity entity;
    const char *fields;
  } expected[] = {
    { HD_ENTITY_HUB, "name region kind timezone" },
    { HD_ENTITY_ROOM, "name kind capacity open_from open_until equipment notes archived" },
    { HD_ENTITY_BOOKING, "room_id title starts_at ends_at seats status recurrence organization_id person_id event_id checked_in_at notes exdates series_id recurrence_id" },
    { HD_ENTITY_EVENT, "title format status starts_at ends_at room_id location online_url capacity description organizer_id tags" },
    { HD_ENTITY_SESSION, "event_id title starts_at ends_at room_id speaker_ids track kind notes" },
    { HD_ENTITY_REGISTRATION, "event_id person_id status source registered_at checked_in_at notes" },
    { HD_ENTITY_ORGANIZATION, "name kind sector size_class register_id street postcode city country website email phone tags notes archived" },
    { HD_ENTITY_PERSON, "given_name family_name organization_id job_title email phone tags notes consent consent_purposes consent_at consent_source consent_text archived" },
    { HD_ENTITY_INTERACTION, "kind occurred_on organization_id person_id event_id partner_organization_id topic summary outcome follow_up_on" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) names = g_strsplit (expected[i].fields, " ", -1);
      const HdEntityInfo *info = hd_entity_info (expected[i].entity);

      g_assert_cmpuint (g_strv_length (names), ==, info->n_fields);
      for (guint f = 0; names[f]; f++)
        g_assert_cmpstr (info->fields[f].name, ==, names[f]);
    }
}

static void
test_enum_values (void)
{
  static const struct {
    HdEntity entity;
    const char *field;
    const char *values;
  } expected[] = {
    { HD_ENTITY_HUB, "kind", "regional thematic" },
    { HD_ENTITY_ROOM, "kind", "meeting_room coworking_area workshop_space event_hall maker_space office" },
    { HD_ENTITY_BOOKING, "status", "tentative confirmed cancelled" },
    { HD_ENTITY_EVENT, "format", "workshop office_hours online_seminar networking talk hackathon conference coworking_day other" },
    { HD_ENTITY_EVENT, "status", "draft published cancelled" },
    { HD_ENTITY_SESSION, "kind", "talk workshop panel break other" },
    { HD_ENTITY_REGISTRATION, "status", "registered waitlisted cancelled attended no_show" },
    { HD_ENTITY_REGISTRATION, "source", "web phone email walk_in import" },
    { HD_ENTITY_ORGANIZATION, "kind", "sme startup large_company university research_institute public_body association other" },
    { HD_ENTITY_ORGANIZATION, "size_class", "micro small medium large unknown" },
    { HD_ENTITY_PERSON, "consent", "none given withdrawn" },
    { HD_ENTITY_PERSON, "consent_purposes", "contact newsletter event_photos data_sharing" },
    { HD_ENTITY_INTERACTION, "kind", "consultation office_hours workshop_followup cooperation project call email visit other" },
    { HD_ENTITY_INTERACTION, "outcome", "none follow_up referred cooperation_initiated project_started" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) values = g_strsplit (expected[i].values, " ", -1);
      int index = hd_entity_field_index (expected[i].entity, expected[i].field);
      const HdField *field;

      g_assert_cmpint (index, >=, 0);
      field = hd_entity_field (expected[i].entity, index);
      g_assert_true (g_strv_equal ((const char * const *) values, field->values));
    }
}

static void
test_required (void)
{
  static const struct {
    HdEntity entity;
    const char *fields;
  } expected[] = {
    { HD_ENTITY_HUB, "name" },
    { HD_ENTITY_ROOM, "name capacity" },
    { HD_ENTITY_BOOKING, "room_id starts_at ends_at" },
    { HD_ENTITY_EVENT, "title starts_at ends_at" },
    { HD_ENTITY_SESSION, "event_id title starts_at ends_at" },
    { HD_ENTITY_REGISTRATION, "event_id person_id" },
    { HD_ENTITY_ORGANIZATION, "name" },
    { HD_ENTITY_PERSON, "" },
    { HD_ENTITY_INTERACTION, "occurred_on" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const HdEntityInfo *info = hd_entity_info (expected[i].entity);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) required = NULL;
      g_autofree char *joined = NULL;

      for (guint f = 0; f < info->n_fields; f++)
        {
          if (info->fields[f].flags & HD_FIELD_REQUIRED)
            g_strv_builder_add (builder, info->fields[f].name);
        }
      required = g_strv_builder_end (builder);
      joined = g_strjoinv (" ", required);
      g_assert_cmpstr (joined, ==, expected[i].fields);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/schema/entities", test_entities_named);
  g_test_add_func ("/model/schema/fields", test_fields_consistent);
  g_test_add_func ("/model/schema/design-fields", test_design_fields);
  g_test_add_func ("/model/schema/enum-values", test_enum_values);
  g_test_add_func ("/model/schema/required", test_required);

  return g_test_run ();
}
