/* hd-server-push.h — push: exactly-once, per-field merge, rights and
 * invariants, inside the transaction that writes
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "hd-server-storage.h"

G_BEGIN_DECLS

#define HD_SERVER_PUSH_MAX_MUTATIONS 500

typedef struct {
  gint64     seq;
  HdEntity   entity;
  char      *id;
  char      *hub_id;
  gboolean   is_delete;
  gint64     base_version;
  HdRecord  *changes;        /* the changed fields; NULL if unreadable */
  char      *bad_field;      /* when the fields could not be read */
  char      *problem;

  /* Made on a reader thread, for the case that the record is new: the
   * whole record (defaults and the changes), whether it is valid, and its
   * fields as JSON. The writer then only adds what the server assigns. */
  HdRecord  *candidate;
  gboolean   candidate_valid;
  char      *candidate_field;
  char      *candidate_problem;
  char      *candidate_fields_json;
} HdServerMutation;

typedef struct {
  char      *client_id;
  GPtrArray *mutations;      /* HdServerMutation */
} HdServerPush;

/* Checks the document (size, depth, UTF-8), parses it and reads the
 * envelope. A broken envelope (missing or mistyped client_id, seq, id,
 * hub_id, op, base_version, an unknown entity, more than
 * HD_SERVER_PUSH_MAX_MUTATIONS mutations) fails the whole request with a
 * 400 error; fields that cannot be read only reject their mutation. */
HdServerPush *hd_server_push_decode (const char    *body,
                                     gsize          length,
                                     GError       **error);
void          hd_server_push_free   (HdServerPush  *push);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdServerPush, hd_server_push_free)

/* The change row of @record when its fields as JSON (as
 * hd_record_fields_to_json() writes them) are known already: the same
 * text as hd_server_change_doc(), made faster. */
char         *hd_server_record_doc  (const HdRecord *record,
                                     const char     *fields_json);

/* Runs @push for @caller inside a write transaction of @conn and returns
 * the body of the 200 answer. @touched (hub id → gint64 *) gets the
 * newest version written per hub. Fails, with nothing written, with
 * HD_SERVER_ERROR_SEQUENCE_GAP (*out_details: {"expected_seq"}),
 * HD_SERVER_ERROR_FORBIDDEN (a client_id of another user),
 * HD_SERVER_ERROR_RESET_REQUIRED (a repeated seq whose stored result was
 * purged) or a storage error. */
char         *hd_server_push_run    (HdServerPush        *push,
                                     HdServerConn        *conn,
                                     const HdServerUser  *caller,
                                     gint64               now,
                                     GHashTable          *touched,
                                     JsonNode           **out_details,
                                     GError             **error);

G_END_DECLS
