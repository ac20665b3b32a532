/* hd-cli-contacts.c — hubdesk-cli: importing and exporting contacts (vCard, CSV)
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "hd-cli-contacts.h"
#include "hd-contact-export.h"
#include "hd-contact-import.h"
#include "hd-store-duplicates.h"
#include "hd-store-privacy.h"

static const char *
action_name (HdImportAction action)
{
  switch (action)
    {
    case HD_IMPORT_CREATE: return "create";
    case HD_IMPORT_UPDATE: return "update";
    case HD_IMPORT_SKIP:
    default: return "skip";
    }
}

static const char *
action_label (HdImportAction action)
{
  switch (action)
    {
    case HD_IMPORT_CREATE: return _("create");
    case HD_IMPORT_UPDATE: return _("update");
    case HD_IMPORT_SKIP:
    default: return _("skip");
    }
}

/* The hub to import into: --hub, or the only hub of the profile. */
static char *
pick_hub (HdCli   *cli,
          GError **error)
{
  HdQuery query = { 0, };
  g_autoptr(GPtrArray) hubs = NULL;

  if (cli->hub != NULL)
    return g_strdup (cli->hub);

  query.entity = HD_ENTITY_HUB;
  hubs = hd_store_query (cli->store, &query, error);
  if (hubs == NULL)
    return NULL;
  if (hubs->len == 1)
    return g_strdup (hd_record_get_id (hubs->pdata[0]));

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("Say which hub to import into with --hub ID (“hubdesk-cli list hub” shows them)."));
  return NULL;
}

static void
print_plan_json (HdImportPlan *plan,
                 const char   *import_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  GPtrArray *steps = hd_import_plan_get_steps (plan);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "create");
  json_builder_add_int_value (builder, hd_import_plan_count (plan, HD_IMPORT_CREATE));
  json_builder_set_member_name (builder, "update");
  json_builder_add_int_value (builder, hd_import_plan_count (plan, HD_IMPORT_UPDATE));
  json_builder_set_member_name (builder, "skip");
  json_builder_add_int_value (builder, hd_import_plan_count (plan, HD_IMPORT_SKIP));
  json_builder_set_member_name (builder, "import_id");
  if (import_id != NULL)
    json_builder_add_string_value (builder, import_id);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < steps->len; i++)
    {
      HdImportStep *step = steps->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "action");
      json_builder_add_string_value (builder, action_name (step->action));
      json_builder_set_member_name (builder, "entity");
      json_builder_add_string_value (builder, hd_entity_name (step->entity));
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, step->line);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, step->label);
      json_builder_set_member_name (builder, "reason");
      if (step->reason != NULL)
        json_builder_add_string_value (builder, step->reason);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  hd_cli_print_json (root);
}

static void
print_plan_text (HdImportPlan *plan)
{
  GPtrArray *steps = hd_import_plan_get_steps (plan);
  g_autofree char *summary = hd_import_plan_describe (plan);

  for (guint i = 0; i < steps->len; i++)
    {
      HdImportStep *step = steps->pdata[i];

      if (step->action == HD_IMPORT_CREATE && step->line > 0 && step->reason == NULL)
        continue;
      /* TRANSLATORS: "line 12: update Jana Müller — Email, Phone" */
      g_print (_("line %u: %s %s — %s\n"), step->line, action_label (step->action),
               step->label, step->reason != NULL ? step->reason : "");
    }
  g_print ("%s\n", summary);
}

int
hd_cli_import_contacts (HdCli  *cli,
                        char  **args)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rest = NULL;
  g_auto(GStrv) maps = NULL;
  g_autofree char *hub = NULL;
  g_autofree char *undo = NULL;
  g_autofree char *import_id = NULL;
  g_autoptr(HdImportPlan) plan = NULL;
  gboolean dry_run = FALSE;
  GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Only show what would change"), NULL },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &maps, N_("Read CSV column COLUMN into FIELD"), N_("COLUMN=FIELD") },
    { "undo", 0, 0, G_OPTION_ARG_STRING, &undo, N_("Undo the import with this id"), N_("ID") },
    { NULL }
  };

  if (!hd_cli_parse_options ("import", entries, args, &rest, &error))
    return hd_cli_fail ("import", error);

  if (!hd_cli_open_store (cli, &error))
    return hd_cli_fail ("import", error);

  if (undo != NULL)
    {
      if (!hd_contact_import_undo (cli->store, undo, &error))
        return hd_cli_fail ("import", error);
      g_print (_("Import %s undone.\n"), undo);
      return 0;
    }

  if (rest[0] == NULL || rest[1] != NULL)
    {
      g_printerr ("hubdesk-cli: import: %s\n", _("Name one file to import."));
      return 2;
    }

  hub = pick_hub (cli, &error);
  if (hub == NULL)
    return hd_cli_fail ("import", error);

  plan = hd_import_plan_new_for_file (cli->store, hub, rest[0], (const char * const *) maps, &error);
  if (plan == NULL)
    return hd_cli_fail (rest[0], error);

  if (!dry_run && hd_import_plan_count (plan, HD_IMPORT_CREATE) + hd_import_plan_count (plan, HD_IMPORT_UPDATE) > 0)
    {
      import_id = hd_import_plan_apply (plan, cli->store, &error);
      if (import_id == NULL)
        return hd_cli_fail (rest[0], error);
    }

  if (cli->json)
    {
      print_plan_json (plan, import_id);
      return 0;
    }

  print_plan_text (plan);
  if (import_id != NULL)
    g_print (_("Imported. To undo: hubdesk-cli import --undo %s\n"), import_id);
  else if (dry_run)
    g_print ("%s\n", _("Nothing was changed (--dry-run)."));
  else
    g_print ("%s\n", _("Nothing to change."));
  return 0;
}

int
hd_cli_export_contacts (HdCli  *cli,
                        char  **args)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rest = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *consent = NULL;
  g_autofree char *text = NULL;
  gboolean archived = FALSE;
  HdExportOptions options = { 0, };
  HdExportFormat fmt;
  guint count = 0, left_out = 0;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("vcard (3.0), vcard4 or csv"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of the terminal"), N_("FILE") },
    { "consent", 0, 0, G_OPTION_ARG_STRING, &consent,
      N_("Only people who consented to PURPOSE (e.g. newsletter)"), N_("PURPOSE") },
    { "archived", 0, 0, G_OPTION_ARG_NONE, &archived, N_("Include archived records"), NULL },
    { NULL }
  };

  if (!hd_cli_parse_options ("export", entries, args, &rest, &error))
    return hd_cli_fail ("export", error);

  if (rest[0] == NULL || rest[1] != NULL ||
      !(g_str_equal (rest[0], "people") || g_str_equal (rest[0], "organizations")))
    {
      g_printerr ("hubdesk-cli: export: %s\n", _("Say what to export: people or organizations."));
      return 2;
    }
  if (format == NULL || g_str_equal (format, "vcard") || g_str_equal (format, "vcf"))
    fmt = HD_EXPORT_VCARD_30;
  else if (g_str_equal (format, "vcard4"))
    fmt = HD_EXPORT_VCARD_40;
  else if (g_str_equal (format, "csv"))
    fmt = HD_EXPORT_CSV;
  else
    {
      g_printerr ("hubdesk-cli: export: %s\n", _("The format is one of vcard, vcard4 or csv."));
      return 2;
    }

  options.entity = g_str_equal (rest[0], "people") ? HD_ENTITY_PERSON : HD_ENTITY_ORGANIZATION;
  options.hub_id = cli->hub;
  options.include_archived = archived;
  options.consent_purpose = consent;
  if (consent != NULL && !hd_field_has_value (hd_entity_field (HD_ENTITY_PERSON,
                                                                hd_entity_field_index (HD_ENTITY_PERSON, "consent_purposes")),
                                              consent))
    {
      g_printerr ("hubdesk-cli: export: %s\n",
                  _("The purpose is one of contact, newsletter, event_photos or data_sharing."));
      return 2;
    }

  if (!hd_cli_open_store (cli, &error))
    return hd_cli_fail ("export", error);

  text = hd_contact_export (cli->store, &options, fmt, &count, &left_out, &error);
  if (text == NULL)
    return hd_cli_fail ("export", error);

  if (output != NULL)
    {
      if (!g_file_set_contents (output, text, -1, &error))
        return hd_cli_fail (output, error);
    }
  else
    {
      fputs (text, stdout);
      fflush (stdout);
    }

  g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u record exported.\n", "%u records exported.\n", count), count);
  if (consent != NULL)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "%u person left out: no consent to “%s”.\n",
                             "%u people left out: no consent to “%s”.\n", left_out),
                left_out, consent);
  return 0;
}

int
hd_cli_privacy_export (HdCli  *cli,
                       char  **args)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rest = NULL;
  g_autofree char *output = NULL;
  g_autofree char *text = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of the terminal"), N_("FILE") },
    { NULL }
  };

  if (!hd_cli_parse_options ("privacy-export", entries, args, &rest, &error))
    return hd_cli_fail ("privacy-export", error);
  if (rest[0] == NULL || rest[1] != NULL)
    {
      g_printerr ("hubdesk-cli: privacy-export: %s\n", _("Name the id of one person."));
      return 2;
    }
  if (!hd_cli_open_store (cli, &error))
    return hd_cli_fail ("privacy-export", error);

  text = hd_store_person_report (cli->store, rest[0], &error);
  if (text == NULL)
    return hd_cli_fail ("privacy-export", error);

  if (output != NULL)
    {
      if (!g_file_set_contents (output, text, -1, &error))
        return hd_cli_fail (output, error);
    }
  else
    {
      fputs (text, stdout);
      fputc ('\n', stdout);
    }
  return 0;
}

int
hd_cli_erase_person (HdCli  *cli,
                     char  **args)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rest = NULL;
  gboolean yes = FALSE;
  gint64 changed;
  GOptionEntry entries[] = {
    { "yes", 0, 0, G_OPTION_ARG_NONE, &yes, N_("Really erase: this cannot be undone"), NULL },
    { NULL }
  };

  if (!hd_cli_parse_options ("erase-person", entries, args, &rest, &error))
    return hd_cli_fail ("erase-person", error);
  if (rest[0] == NULL || rest[1] != NULL)
    {
      g_printerr ("hubdesk-cli: erase-person: %s\n", _("Name the id of one person."));
      return 2;
    }
  if (!yes)
    {
      g_printerr ("hubdesk-cli: erase-person: %s\n",
                  _("Erasing cannot be undone. Add --yes to erase this person’s personal data."));
      return 2;
    }
  if (!hd_cli_open_store (cli, &error))
    return hd_cli_fail ("erase-person", error);

  changed = hd_store_erase_person (cli->store, rest[0], _("Erased person"), &error);
  if (changed < 0)
    return hd_cli_fail ("erase-person", error);

  g_print (g_dngettext (GETTEXT_PACKAGE, "Erased; %lld record changed.\n",
                        "Erased; %lld records changed.\n", (gulong) changed),
           (long long) changed);
  return 0;
}

int
hd_cli_duplicates (HdCli  *cli,
                   char  **args)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rest = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  GOptionEntry entries[] = { { NULL } };
  HdEntity entity;

  if (!hd_cli_parse_options ("duplicates", entries, args, &rest, &error))
    return hd_cli_fail ("duplicates", error);
  if (rest[0] == NULL || rest[1] != NULL ||
      !(g_str_equal (rest[0], "people") || g_str_equal (rest[0], "organizations")))
    {
      g_printerr ("hubdesk-cli: duplicates: %s\n", _("Say what to look at: people or organizations."));
      return 2;
    }
  entity = g_str_equal (rest[0], "people") ? HD_ENTITY_PERSON : HD_ENTITY_ORGANIZATION;
  if (!hd_cli_open_store (cli, &error))
    return hd_cli_fail ("duplicates", error);

  pairs = hd_store_duplicate_pairs (cli->store, entity, cli->hub, &error);
  if (pairs == NULL)
    return hd_cli_fail ("duplicates", error);

  for (guint i = 0; i < pairs->len; i++)
    {
      HdDuplicatePair *pair = pairs->pdata[i];
      const char *why = (pair->reasons & HD_DUPLICATE_EMAIL) ? "email"
                        : (pair->reasons & HD_DUPLICATE_PHONE) ? "phone" : "name";

      g_print ("%s\t%s\t%s\n", hd_record_get_id (pair->a), hd_record_get_id (pair->b), why);
    }
  return 0;
}

int
hd_cli_merge (HdCli  *cli,
              char  **args)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rest = NULL;
  g_autofree char *take = NULL;
  g_autofree char *keep = NULL;
  g_autofree char *undo = NULL;
  g_autofree char *merge_id = NULL;
  g_auto(GStrv) fields = NULL;
  g_auto(GStrv) kept = NULL;
  HdEntity entity;
  GOptionEntry entries[] = {
    { "take", 0, 0, G_OPTION_ARG_STRING, &take, N_("Fields to take from the second record"), N_("FIELD,…") },
    { "keep", 0, 0, G_OPTION_ARG_STRING, &keep, N_("Fields that keep the first record's value as it is"), N_("FIELD,…") },
    { "undo", 0, 0, G_OPTION_ARG_STRING, &undo, N_("Undo the merge with this id"), N_("ID") },
    { NULL }
  };

  if (!hd_cli_parse_options ("merge", entries, args, &rest, &error))
    return hd_cli_fail ("merge", error);
  if (!hd_cli_open_store (cli, &error))
    return hd_cli_fail ("merge", error);

  if (undo != NULL)
    {
      if (!hd_store_merge_undo (cli->store, undo, &error))
        return hd_cli_fail ("merge", error);
      g_print (_("Merge %s undone.\n"), undo);
      return 0;
    }

  if (g_strv_length (rest) != 3 || !hd_cli_parse_entity (rest[0], &entity, &error) ||
      (entity != HD_ENTITY_PERSON && entity != HD_ENTITY_ORGANIZATION))
    {
      g_printerr ("hubdesk-cli: merge: %s\n",
                  _("Usage: merge person|organization KEEP_ID OTHER_ID [--take FIELD,…] [--keep FIELD,…]"));
      return 2;
    }
  if (take != NULL)
    fields = g_strsplit (take, ",", -1);
  if (keep != NULL)
    kept = g_strsplit (keep, ",", -1);

  merge_id = hd_store_merge_picked (cli->store, entity, rest[1], rest[2], (const char * const *) fields,
                                    (const char * const *) kept, &error);
  if (merge_id == NULL)
    return hd_cli_fail ("merge", error);
  g_print (_("Merged. To undo: hubdesk-cli merge --undo %s\n"), merge_id);
  return 0;
}
