/* hd-server-storage.h — the server's storage, behind one interface
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything the server keeps goes through these functions: users,
 * memberships, tokens, the exactly-once state of every client, the
 * records with the version in which each field last changed, and the
 * change feed that pull reads. The SQLite implementation is
 * hd-server-sqlite.c; another backend (PostgreSQL with row-level security
 * on hub_id) implements the same functions.
 *
 * A storage hands out connections; a connection is used by one thread at
 * a time. Writes happen only between hd_server_conn_begin_write() and
 * hd_server_conn_commit() (BEGIN IMMEDIATE: one writer at a time); reads
 * between hd_server_conn_begin_read() and hd_server_conn_end_read() see
 * one consistent snapshot.
 *
 * Versions come from one counter for the whole server: every change of
 * a record takes the next number, so a pull cursor is a single number.
 */
#pragma once

#include <gio/gio.h>

#include "hd-model.h"

G_BEGIN_DECLS

typedef struct _HdServerStorage HdServerStorage;
typedef struct _HdServerConn    HdServerConn;

typedef enum {
  HD_SERVER_ROLE_NONE,
  HD_SERVER_ROLE_VIEWER,    /* may pull */
  HD_SERVER_ROLE_MANAGER,   /* may pull and push */
} HdServerRole;

const char  *hd_server_role_name       (HdServerRole role);
gboolean     hd_server_role_from_name  (const char   *name,
                                        HdServerRole *out_role);

typedef struct {
  char         *hub_id;
  char         *hub_name;
  HdServerRole  role;
  gint64        granted_version;  /* the counter when it was (last) granted */
} HdServerMembership;

void hd_server_membership_free (HdServerMembership *membership);

typedef struct {
  char      *id;
  char      *login;
  char      *name;
  GPtrArray *memberships;         /* HdServerMembership */
  gint64     membership_version;  /* the counter at the last grant/revoke */
} HdServerUser;

void hd_server_user_free (HdServerUser *user);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdServerUser, hd_server_user_free)

/* One row of the change feed: the newest state of a record in a hub. A
 * "gone" row says the record left the hub (moved to another one); to a
 * reader of that hub it is a tombstone. */
typedef struct {
  gint64    version;
  HdEntity  entity;
  char     *id;
  char     *hub_id;
  gboolean  gone;
  char     *doc;                  /* the change as JSON, ready to send */
} HdServerChange;

void hd_server_change_free (HdServerChange *change);

/* A record as stored: the record and, per field, the version in which
 * it last changed. */
typedef struct {
  HdRecord *record;
  gint64    field_versions[HD_MAX_FIELDS];
} HdServerStored;

void hd_server_stored_free (HdServerStored *stored);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdServerStored, hd_server_stored_free)

typedef struct {
  gint64  max_pages;              /* >0: a page limit (tests of a full disk) */
} HdServerStorageOptions;

/* Opens the database at @path, creating and migrating it when @create.
 * A database of a newer schema is refused without being written to. */
HdServerStorage *hd_server_storage_open    (const char                   *path,
                                            const HdServerStorageOptions *options,
                                            gboolean                      create,
                                            GError                      **error);
void             hd_server_storage_free    (HdServerStorage *storage);
const char      *hd_server_storage_path    (HdServerStorage *storage);

HdServerConn    *hd_server_conn_new        (HdServerStorage  *storage,
                                            GError          **error);
void             hd_server_conn_free       (HdServerConn     *conn);

gboolean  hd_server_conn_begin_read        (HdServerConn  *conn,
                                            GError       **error);
void      hd_server_conn_end_read          (HdServerConn  *conn);
gboolean  hd_server_conn_begin_write       (HdServerConn  *conn,
                                            GError       **error);
gboolean  hd_server_conn_commit            (HdServerConn  *conn,
                                            GError       **error);
void      hd_server_conn_rollback          (HdServerConn  *conn);
/* Nested parts of a write, undone on their own. */
gboolean  hd_server_conn_savepoint         (HdServerConn  *conn,
                                            GError       **error);
gboolean  hd_server_conn_release           (HdServerConn  *conn,
                                            GError       **error);
/* Returns FALSE when the whole transaction is gone (some errors, such as
 * a full disk, make SQLite roll everything back). */
gboolean  hd_server_conn_rollback_to       (HdServerConn  *conn);
gboolean  hd_server_conn_in_transaction    (HdServerConn  *conn);

/* The version counter: the newest version handed out, and (in a write)
 * the next one. */
gboolean  hd_server_conn_get_counter       (HdServerConn  *conn,
                                            gint64        *out_version,
                                            GError       **error);
gboolean  hd_server_conn_next_version      (HdServerConn  *conn,
                                            gint64        *out_version,
                                            GError       **error);
/* Changes up to this version were purged: older cursors must reset. */
gboolean  hd_server_conn_get_purged        (HdServerConn  *conn,
                                            gint64        *out_version,
                                            GError       **error);

/* Users and rights */
HdServerUser *hd_server_conn_user_by_token (HdServerConn  *conn,
                                            const guint8   token_hash[32],
                                            gint64         now,
                                            gboolean      *out_expired,
                                            GError       **error);
/* The user and the stored password hash, or NULL (no error) if unknown. */
HdServerUser *hd_server_conn_user_by_login (HdServerConn  *conn,
                                            const char    *login,
                                            char         **out_password_hash,
                                            GError       **error);
gboolean  hd_server_conn_add_user          (HdServerConn  *conn,
                                            const char    *login,
                                            const char    *name,
                                            const char    *password_hash,
                                            char         **out_id,
                                            GError       **error);
gboolean  hd_server_conn_set_password      (HdServerConn  *conn,
                                            const char    *user_id,
                                            const char    *password_hash,
                                            GError       **error);
/* Role NONE revokes. Bumps the counter so that the user's clients learn
 * of it. */
gboolean  hd_server_conn_set_role          (HdServerConn  *conn,
                                            const char    *user_id,
                                            const char    *hub_id,
                                            HdServerRole   role,
                                            GError       **error);
/* Every user with memberships, for the admin's list. */
GPtrArray *hd_server_conn_list_users       (HdServerConn  *conn,
                                            GError       **error);

gboolean  hd_server_conn_add_token         (HdServerConn  *conn,
                                            const guint8   token_hash[32],
                                            const char    *user_id,
                                            const char    *device,
                                            gint64         now,
                                            gint64         expires_at,
                                            GError       **error);
gboolean  hd_server_conn_remove_token      (HdServerConn  *conn,
                                            const guint8   token_hash[32],
                                            GError       **error);
/* Removes every token of a user (after a new password). */
gboolean  hd_server_conn_remove_tokens     (HdServerConn  *conn,
                                            const char    *user_id,
                                            GError       **error);

/* Exactly-once: the client's owner and last seq (0 and NULL owner when
 * new), and the stored result of each seq. */
gboolean  hd_server_conn_get_client        (HdServerConn  *conn,
                                            const char    *client_id,
                                            char         **out_user_id,
                                            gint64        *out_last_seq,
                                            GError       **error);
gboolean  hd_server_conn_set_client        (HdServerConn  *conn,
                                            const char    *client_id,
                                            const char    *user_id,
                                            gint64         last_seq,
                                            GError       **error);
/* NULL without error when no result is stored for @seq. */
char     *hd_server_conn_get_result        (HdServerConn  *conn,
                                            const char    *client_id,
                                            gint64         seq,
                                            GError       **error);
gboolean  hd_server_conn_put_result        (HdServerConn  *conn,
                                            const char    *client_id,
                                            gint64         seq,
                                            gint64         now,
                                            const char    *result,
                                            GError       **error);

/* Records. Load returns NULL without error when the record is unknown. */
HdServerStored *hd_server_conn_load        (HdServerConn  *conn,
                                            HdEntity       entity,
                                            const char    *id,
                                            GError       **error);
/* The change row of @record as clients get it: the record as JSON, or,
 * when it is deleted, a tombstone without fields. */
char     *hd_server_change_doc             (const HdRecord       *record);
/* Writes @stored (insert or replace) and gives it a new row in the feed,
 * in place of the row of @previous_version (the version stored so far; 0
 * for a new record). When @left_hub is set, the record left that hub: a
 * "gone" row with version @left_version says so there. @doc is its change
 * row (NULL: made from the record). */
gboolean  hd_server_conn_store_full        (HdServerConn         *conn,
                                            const HdServerStored *stored,
                                            gint64                previous_version,
                                            const char           *left_hub,
                                            gint64                left_version,
                                            const char           *doc,
                                            gint64                now,
                                            GError              **error);
/* The same, looking the previous version up (for loading and tools). */
gboolean  hd_server_conn_store             (HdServerConn         *conn,
                                            const HdServerStored *stored,
                                            const char           *left_hub,
                                            gint64                left_version,
                                            gint64                now,
                                            GError              **error);
/* Whether a live (not deleted) record @id of @entity exists in @hub_id. */
gboolean  hd_server_conn_exists_in_hub     (HdServerConn  *conn,
                                            HdEntity       entity,
                                            const char    *id,
                                            const char    *hub_id,
                                            gboolean      *out_exists,
                                            GError       **error);
/* Up to @max live records of @hub_id that reference @id (a record of
 * @entity), as "entity/id" strings. */
GPtrArray *hd_server_conn_referrers        (HdServerConn  *conn,
                                            HdEntity       entity,
                                            const char    *id,
                                            const char    *hub_id,
                                            guint          max,
                                            GError       **error);
/* The live bookings of a room that are not cancelled and may matter from
 * @from (RFC 3339) on: ending later, or recurring. */
GPtrArray *hd_server_conn_room_bookings    (HdServerConn  *conn,
                                            const char    *room_id,
                                            const char    *from,
                                            GError       **error);
/* Live registrations of an event holding a place (registered, attended),
 * other than @except_id. */
gboolean  hd_server_conn_event_taken       (HdServerConn  *conn,
                                            const char    *event_id,
                                            const char    *except_id,
                                            gint64        *out_taken,
                                            GError       **error);
/* Whether another live registration of @person_id for @event_id exists. */
gboolean  hd_server_conn_registration_exists (HdServerConn *conn,
                                            const char    *event_id,
                                            const char    *person_id,
                                            const char    *except_id,
                                            gboolean      *out_exists,
                                            GError       **error);
GPtrArray *hd_server_conn_event_sessions   (HdServerConn  *conn,
                                            const char    *event_id,
                                            GError       **error);

/* The change feed of one hub: rows with version in (@after, @until]
 * (@until ≤ 0: no upper end), in version order, at most @limit. */
GPtrArray *hd_server_conn_changes          (HdServerConn  *conn,
                                            const char    *hub_id,
                                            gint64         after,
                                            gint64         until,
                                            guint          limit,
                                            GError       **error);
/* The hub a record is in now, NULL if unknown. */
char     *hd_server_conn_record_hub        (HdServerConn  *conn,
                                            HdEntity       entity,
                                            const char    *id,
                                            GError       **error);
/* hub id → newest version in its feed (gint64 in a pointer-sized box). */
GHashTable *hd_server_conn_hub_versions    (HdServerConn  *conn,
                                            GError       **error);

/* Removes tombstones, "gone" rows and stored push results older than
 * @before (Unix seconds) and expired tokens; remembers the newest purged
 * version. */
gboolean  hd_server_conn_purge             (HdServerConn  *conn,
                                            gint64         before,
                                            gint64         now,
                                            guint         *out_purged,
                                            GError       **error);

/* Copies what the write-ahead log holds into the database file, without
 * waiting for anyone (TRUE) or, at the end, completely and truncating the
 * log (FALSE). */
gboolean  hd_server_conn_checkpoint        (HdServerConn  *conn,
                                            gboolean       passive,
                                            GError       **error);
/* Leaves checkpoints to hd_server_conn_checkpoint() on another connection,
 * so that the writer never copies pages itself. */
gboolean  hd_server_conn_disable_autocheckpoint (HdServerConn *conn,
                                                 GError      **error);

/* PRAGMA integrity_check / quick_check; TRUE when "ok". */
gboolean  hd_server_conn_check             (HdServerConn  *conn,
                                            GError       **error);

G_END_DECLS
