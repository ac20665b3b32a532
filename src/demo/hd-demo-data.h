/* hd-demo-data.h — the tables the demo data set is made from
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Names, places and topics of the Digital Hub network of Baden-Württemberg.
 * The texts are German on purpose: they are sample content, as a German
 * hub would type it, not user interface.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HD_DEMO_N_CITIES 6
#define HD_DEMO_N_LOCAL_NAMES 4

typedef struct {
  const char *name;
  const char *postcode;
  const char *area_code;   /* without the leading 0: "7121" */
} HdDemoCity;

typedef struct {
  const char *name;
  const char *domain;      /* NULL: made from the name */
} HdDemoInstitution;

typedef struct {
  const char              *name;
  const char              *short_name;    /* for titles: "Neckar-Alb" */
  const char              *kind;          /* regional / thematic */
  const char              *region;
  const char              *court;         /* register court of the region */
  const char              *district;      /* "Landkreis Reutlingen" */
  HdDemoCity               cities[HD_DEMO_N_CITIES];   /* [0] is the hub's */
  const char              *local_names[HD_DEMO_N_LOCAL_NAMES];
  const HdDemoInstitution *universities;  /* { NULL } terminated */
  const HdDemoInstitution *institutes;    /* { NULL } terminated */
  guint                    weight;        /* share of organizations, % */
  int                      focus_topics[3]; /* topic indices, -1: none */
  const char              *staff[3];      /* "Given Family", NULL: made up */
} HdDemoHub;

typedef struct {
  const char *title;             /* "KI im Mittelstand" */
  const char *short_title;       /* "KI" */
  const char *tags[3];
  const char *subtitles[3];
  const char *sessions[4];
  const char *description;
} HdDemoTopic;

typedef struct {
  const char *male;
  const char *female;
} HdDemoTitle;

typedef struct {
  const char *name;
  const char *register_id;
  const char *domain;
  const char *sector;
} HdDemoCompany;

typedef struct {
  const char *word;      /* "Präzisionstechnik" */
  const char *sector;    /* "Feinmechanik" */
} HdDemoBranch;

typedef struct {
  const HdDemoHub      *hubs;
  guint                 n_hubs;
  const HdDemoTopic    *topics;
  guint                 n_topics;
  const char * const   *female_names;
  guint                 n_female_names;
  const char * const   *male_names;
  guint                 n_male_names;
  const char * const   *family_names;
  guint                 n_family_names;
  const HdDemoTitle    *business_titles;
  guint                 n_business_titles;
  const HdDemoTitle    *academic_titles;
  guint                 n_academic_titles;
  const HdDemoTitle    *public_titles;
  guint                 n_public_titles;
  const HdDemoTitle    *association_titles;
  guint                 n_association_titles;
  const HdDemoTitle    *staff_titles;
  guint                 n_staff_titles;
  const HdDemoBranch   *branches;
  guint                 n_branches;
  const char * const   *startup_stems;
  guint                 n_startup_stems;
  const char * const   *startup_endings;
  guint                 n_startup_endings;
  const char * const   *startup_sectors;
  guint                 n_startup_sectors;
  const char * const   *brand_endings;
  guint                 n_brand_endings;
  const char * const   *fields_of_study;
  guint                 n_fields_of_study;
  const HdDemoCompany  *large_companies;
  guint                 n_large_companies;
  const char * const   *streets;
  guint                 n_streets;
  const char * const   *mail_providers;
  guint                 n_mail_providers;
  const char * const   *person_tags;
  guint                 n_person_tags;
  const char * const   *organization_tags;
  guint                 n_organization_tags;
  const char * const   *consent_sources;
  guint                 n_consent_sources;
  const char * const   *external_venues;
  guint                 n_external_venues;
} HdDemoTables;

const HdDemoTables *hd_demo_tables (void);

G_END_DECLS
