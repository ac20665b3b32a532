/* test-rooms-server.c — the warning before saving and the server's
 * answer agree: every case of a capacity table is checked on the client
 * (hd_room_check_draft) and then pushed to a real hubdesk-server on
 * loopback
 *
 * Copyright 2026 The Hubdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "hd-rooms.h"
#include "hd-store-private.h"
#include "hd-sync-test.h"

typedef struct {
  const char *name;
  gint64      capacity;
  const char *existing[4];   /* JSON fields of the room's bookings */
  const char *candidate;     /* JSON fields of the draft */
  gboolean    fits;
} Case;

/* "@N/HH:MM@": day N after the first Monday two weeks ahead, at HH:MM in
 * Berlin, as UTC; ROOM and EVENT: the case's room and the test's event. */
static const Case cases[] = {
  { "overlap over capacity", 10,
    { "{\"starts_at\": \"@0/10:00@\", \"ends_at\": \"@0/12:00@\", \"seats\": 6}" },
    "{\"starts_at\": \"@0/11:00@\", \"ends_at\": \"@0/13:00@\", \"seats\": 5}", FALSE },
  { "overlap within capacity", 10,
    { "{\"starts_at\": \"@0/10:00@\", \"ends_at\": \"@0/12:00@\", \"seats\": 6}" },
    "{\"starts_at\": \"@0/11:00@\", \"ends_at\": \"@0/13:00@\", \"seats\": 4}", TRUE },
  { "back to back after", 10,
    { "{\"starts_at\": \"@0/10:00@\", \"ends_at\": \"@0/11:00@\"}" },
    "{\"starts_at\": \"@0/11:00@\", \"ends_at\": \"@0/12:00@\"}", TRUE },
  { "back to back before", 10,
    { "{\"starts_at\": \"@0/11:00@\", \"ends_at\": \"@0/12:00@\"}" },
    "{\"starts_at\": \"@0/10:00@\", \"ends_at\": \"@0/11:00@\"}", TRUE },
  { "partial seats that fit", 10,
    { "{\"starts_at\": \"@1/10:00@\", \"ends_at\": \"@1/12:00@\", \"seats\": 3}",
      "{\"starts_at\": \"@1/11:00@\", \"ends_at\": \"@1/13:00@\", \"seats\": 4}" },
    "{\"starts_at\": \"@1/11:30@\", \"ends_at\": \"@1/12:30@\", \"seats\": 3}", TRUE },
  { "partial seats one too many", 10,
    { "{\"starts_at\": \"@1/10:00@\", \"ends_at\": \"@1/12:00@\", \"seats\": 3}",
      "{\"starts_at\": \"@1/11:00@\", \"ends_at\": \"@1/13:00@\", \"seats\": 4}" },
    "{\"starts_at\": \"@1/11:30@\", \"ends_at\": \"@1/12:30@\", \"seats\": 4}", FALSE },
  { "a booking into a series", 10,
    { "{\"starts_at\": \"@0/09:00@\", \"ends_at\": \"@0/10:00@\", "
      "\"recurrence\": \"FREQ=WEEKLY;COUNT=10\"}" },
    "{\"starts_at\": \"@14/09:30@\", \"ends_at\": \"@14/10:30@\", \"seats\": 1}", FALSE },
  { "a series into a booking", 10,
    { "{\"starts_at\": \"@28/13:00@\", \"ends_at\": \"@28/14:00@\"}" },
    "{\"starts_at\": \"@0/13:00@\", \"ends_at\": \"@0/14:00@\", "
    "\"recurrence\": \"FREQ=WEEKLY;COUNT=8\"}", FALSE },
  { "a series around a booking", 10,
    { "{\"starts_at\": \"@28/15:00@\", \"ends_at\": \"@28/16:00@\"}" },
    "{\"starts_at\": \"@0/13:00@\", \"ends_at\": \"@0/14:00@\", "
    "\"recurrence\": \"FREQ=WEEKLY;BYDAY=MO,TH;COUNT=8\"}", TRUE },
  { "two series on Tuesdays and Thursdays", 4,
    { "{\"starts_at\": \"@1/09:00@\", \"ends_at\": \"@1/11:00@\", \"seats\": 3, "
      "\"recurrence\": \"FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=6\"}" },
    "{\"starts_at\": \"@10/10:00@\", \"ends_at\": \"@10/12:00@\", \"seats\": 2, "
    "\"recurrence\": \"FREQ=WEEKLY;BYDAY=TH;COUNT=3\"}", FALSE },
  { "a cancelled booking", 10,
    { "{\"starts_at\": \"@0/10:00@\", \"ends_at\": \"@0/12:00@\", \"status\": \"cancelled\"}" },
    "{\"starts_at\": \"@0/10:00@\", \"ends_at\": \"@0/12:00@\"}", TRUE },
  { "a cancelled date of a series", 10,
    { "{\"starts_at\": \"@0/09:00@\", \"ends_at\": \"@0/10:00@\", "
      "\"recurrence\": \"FREQ=WEEKLY;COUNT=5\", \"exdates\": [\"@14/09:00@\"]}" },
    "{\"starts_at\": \"@14/09:00@\", \"ends_at\": \"@14/10:00@\"}", TRUE },
  { "the date after the cancelled one", 10,
    { "{\"starts_at\": \"@0/09:00@\", \"ends_at\": \"@0/10:00@\", "
      "\"recurrence\": \"FREQ=WEEKLY;COUNT=5\", \"exdates\": [\"@14/09:00@\"]}" },
    "{\"starts_at\": \"@21/09:00@\", \"ends_at\": \"@21/10:00@\"}", FALSE },
  { "a cancelled draft", 10,
    { "{\"starts_at\": \"@0/10:00@\", \"ends_at\": \"@0/12:00@\"}" },
    "{\"starts_at\": \"@0/10:00@\", \"ends_at\": \"@0/12:00@\", \"status\": \"cancelled\"}", TRUE },
  { "a tentative booking counts", 10,
    { "{\"starts_at\": \"@2/10:00@\", \"ends_at\": \"@2/11:00@\", \"status\": \"tentative\"}" },
    "{\"starts_at\": \"@2/10:30@\", \"ends_at\": \"@2/11:00@\", \"seats\": 1}", FALSE },
  { "sessions of an event", 30,
    { "{\"title\": \"Keynote\", \"starts_at\": \"@3/14:00@\", \"ends_at\": \"@3/16:00@\", "
      "\"seats\": 20, \"event_id\": \"EVENT\"}" },
    "{\"title\": \"Workshop\", \"starts_at\": \"@3/15:30@\", \"ends_at\": \"@3/17:00@\", "
    "\"seats\": 12, \"event_id\": \"EVENT\"}", FALSE },
  { "sessions of an event one after another", 30,
    { "{\"title\": \"Keynote\", \"starts_at\": \"@3/14:00@\", \"ends_at\": \"@3/16:00@\", "
      "\"seats\": 20, \"event_id\": \"EVENT\"}" },
    "{\"title\": \"Workshop\", \"starts_at\": \"@3/16:00@\", \"ends_at\": \"@3/17:00@\", "
    "\"seats\": 30, \"event_id\": \"EVENT\"}", TRUE },
  { "more seats than the room has", 10,
    { NULL },
    "{\"starts_at\": \"@4/10:00@\", \"ends_at\": \"@4/11:00@\", \"seats\": 11}", FALSE },
};

typedef struct {
  GTimeZone  *tz;
  GDateTime  *base;       /* Monday, 00:00 in Berlin */
  const char *room_id;
  const char *event_id;
} Context;

/* Replaces the placeholders of @templ. */
static char *
expand (const Context *ctx,
        const char    *templ)
{
  GString *out = g_string_new (NULL);
  const char *p = templ;

  while (*p != '\0')
    {
      if (*p == '@')
        {
          int days, hour, minute;
          const char *end = strchr (p + 1, '@');
          g_autoptr(GDateTime) day = NULL;
          g_autoptr(GDateTime) when = NULL;
          g_autofree char *text = NULL;

          g_assert_nonnull (end);
          g_assert_cmpint (sscanf (p + 1, "%d/%d:%d", &days, &hour, &minute), ==, 3);
          day = g_date_time_add_days (ctx->base, days);
          when = g_date_time_new (ctx->tz, g_date_time_get_year (day),
                                  g_date_time_get_month (day),
                                  g_date_time_get_day_of_month (day), hour, minute, 0);
          text = hd_timestamp_format (g_date_time_to_unix (when));
          g_string_append (out, text);
          p = end + 1;
        }
      else if (g_str_has_prefix (p, "EVENT"))
        {
          g_string_append (out, ctx->event_id);
          p += 5;
        }
      else
        g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

/* The room as a JSON field list for a booking. */
static char *
with_room (const Context *ctx,
           const char    *templ)
{
  g_autofree char *fields = expand (ctx, templ);

  g_assert_true (fields[0] == '{');
  return g_strdup_printf ("{\"room_id\": \"%s\", %s", ctx->room_id, fields + 1);
}

static HdSyncRejection *
find_rejection (GPtrArray  *rejections,
                const char *id)
{
  for (guint i = 0; i < rejections->len; i++)
    {
      HdSyncRejection *rejection = g_ptr_array_index (rejections, i);

      if (g_strcmp0 (rejection->record_id, id) == 0)
        return rejection;
    }
  return NULL;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* details.free_seats and the clashing ids, sorted and joined */
static void
read_reason (const char  *reason_json,
             gint64      *out_free_seats,
             char       **out_clashes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  JsonObject *root, *details;
  JsonArray *clashes;

  json_parser_load_from_data (parser, reason_json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  details = json_object_has_member (root, "details")
            ? json_object_get_object_member (root, "details") : root;
  g_assert_nonnull (details);

  *out_free_seats = json_object_get_int_member (details, "free_seats");
  clashes = json_object_get_array_member (details, "clashes");
  for (guint i = 0; clashes != NULL && i < json_array_get_length (clashes); i++)
    g_ptr_array_add (ids, (gpointer) json_object_get_string_member (
                       json_array_get_object_element (clashes, i), "id"));
  g_ptr_array_sort (ids, compare_ids);
  g_ptr_array_add (ids, NULL);
  *out_clashes = g_strjoinv (",", (char **) ids->pdata);
}

static char *
clash_ids (GPtrArray *clashes)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();

  for (guint i = 0; i < clashes->len; i++)
    g_ptr_array_add (ids, (gpointer) hd_record_get_id (g_ptr_array_index (clashes, i)));
  g_ptr_array_sort (ids, compare_ids);
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (",", (char **) ids->pdata);
}

static void
test_capacity_table (void)
{
  g_autoptr(HdTestServer) server = hd_test_server_new (NULL);
  g_autoptr(HdTestClient) client = hd_test_client_new (server, "alice", NULL);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(GDateTime) ahead = g_date_time_add_days (now, 14);
  g_autoptr(GDateTime) base = NULL;
  g_autoptr(HdRecord) event = NULL;
  g_autofree char *event_fields = NULL;
  Context ctx = { tz, NULL, NULL, NULL };
  guint rejected = 0;

  base = g_date_time_new (tz, g_date_time_get_year (ahead), g_date_time_get_month (ahead),
                          g_date_time_get_day_of_month (ahead), 0, 0, 0);
  while (g_date_time_get_day_of_week (base) != 1)
    {
      GDateTime *next = g_date_time_add_days (base, 1);

      g_date_time_unref (base);
      base = next;
    }
  ctx.base = base;

  hd_test_client_sync_ok (client);

  event_fields = expand (&ctx, "{\"title\": \"Innovationstag\", \"starts_at\": \"@3/09:00@\", "
                               "\"ends_at\": \"@3/18:00@\"}");
  event = hd_test_client_put (client, HD_ENTITY_EVENT, NULL, event_fields);
  ctx.event_id = hd_record_get_id (event);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      const Case *k = &cases[c];
      g_autofree char *room_fields = NULL;
      g_autofree char *candidate_fields = NULL;
      g_autoptr(HdRecord) room = NULL;
      g_autoptr(HdRecord) candidate = NULL;
      g_autoptr(HdRoomCheck) check = NULL;
      g_autoptr(GPtrArray) rejections = NULL;
      g_autoptr(GError) error = NULL;
      HdSyncRejection *rejection;

      g_test_message ("case: %s", k->name);

      room_fields = g_strdup_printf ("{\"name\": \"Raum %u\", \"capacity\": %lld}", c,
                                     (long long) k->capacity);
      room = hd_test_client_put (client, HD_ENTITY_ROOM, NULL, room_fields);
      ctx.room_id = hd_record_get_id (room);

      for (guint b = 0; b < G_N_ELEMENTS (k->existing) && k->existing[b] != NULL; b++)
        {
          g_autofree char *fields = with_room (&ctx, k->existing[b]);

          hd_test_client_edit (client, HD_ENTITY_BOOKING, NULL, fields);
        }
      hd_test_client_sync_ok (client);
      rejections = hd_test_client_rejections (client);
      g_assert_cmpuint (rejections->len, ==, 0);
      g_clear_pointer (&rejections, g_ptr_array_unref);

      /* the draft is saved, so the check sees what will be pushed; the
       * check skips the draft's own id among the room's bookings */
      candidate_fields = with_room (&ctx, k->candidate);
      candidate = hd_test_client_put (client, HD_ENTITY_BOOKING, NULL, candidate_fields);
      check = hd_room_check_draft (client->store, candidate, g_get_real_time () / G_USEC_PER_SEC,
                                   &error);
      g_assert_no_error (error);
      g_assert_nonnull (check);

      hd_test_client_sync_ok (client);
      rejections = hd_test_client_rejections (client);
      rejection = find_rejection (rejections, hd_record_get_id (candidate));

      /* the table's expectation, the client's and the server's */
      g_assert_cmpint (check->fits, ==, k->fits);
      g_assert_cmpint (rejection == NULL, ==, k->fits);

      if (rejection != NULL)
        {
          g_autofree char *server_clashes = NULL;
          g_autofree char *client_clashes = clash_ids (check->clashes);
          gint64 server_free = -1;

          g_assert_cmpstr (rejection->code, ==, "room_unavailable");
          g_assert_cmpstr (rejection->message, ==, check->message);
          read_reason (rejection->reason_json, &server_free, &server_clashes);
          g_assert_cmpint (server_free, ==, check->free_seats);
          g_assert_cmpstr (server_clashes, ==, client_clashes);
          if (k->existing[0] != NULL)
            g_assert_cmpuint (check->clashes->len, >, 0);

          hd_test_client_discard (client, HD_ENTITY_BOOKING, hd_record_get_id (candidate),
                                  &error);
          g_assert_no_error (error);
          rejected++;
        }
    }

  g_test_message ("%u cases, %u rejected by both", (guint) G_N_ELEMENTS (cases), rejected);
}

/* Moving one date of a series half an hour later, in a room for one: the
 * series (with the date cancelled) is pushed before the moved date, so
 * the server takes both; a second device sees the series without that
 * date and the moved one beside it. */
static void
test_move_occurrence (void)
{
  g_autoptr(HdTestServer) server = hd_test_server_new (NULL);
  g_autoptr(HdTestClient) alice = hd_test_client_new (server, "alice", NULL);
  g_autoptr(HdTestClient) bob = hd_test_client_new (server, "bob", NULL);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(HdRecord) room = NULL;
  g_autoptr(HdRecord) series = NULL;
  g_autoptr(HdRecord) new_series = NULL;
  g_autoptr(HdRecord) moved = NULL;
  g_autoptr(HdRecord) seen_series = NULL;
  g_autoptr(HdRecord) seen_moved = NULL;
  g_autoptr(HdRecord) cancelled = NULL;
  g_autoptr(GPtrArray) rejections = NULL;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fields = NULL;
  gint64 start = (g_get_real_time () / G_USEC_PER_SEC / 86400 + 20) * 86400 + 9 * 3600;
  g_autofree char *starts_at = hd_timestamp_format (start);
  g_autofree char *ends_at = hd_timestamp_format (start + 3600);
  gint64 second;

  hd_test_client_sync_ok (alice);
  room = hd_test_client_put (alice, HD_ENTITY_ROOM, NULL, "{\"name\": \"Telefonbox\", \"capacity\": 1}");
  fields = g_strdup_printf ("{\"room_id\": \"%s\", \"starts_at\": \"%s\", \"ends_at\": \"%s\", "
                            "\"recurrence\": \"FREQ=DAILY;COUNT=4\"}",
                            hd_record_get_id (room), starts_at, ends_at);
  series = hd_test_client_put (alice, HD_ENTITY_BOOKING, NULL, fields);
  hd_test_client_sync_ok (alice);

  spans = hd_occurrences_in_zone (series, tz, start, start + 10 * 86400, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 4);
  second = g_array_index (spans, HdSpan, 1).start;

  g_assert_true (hd_booking_move_occurrence (series, tz, second, second + 1800, second + 5400,
                                             &new_series, &moved, &error));
  g_assert_no_error (error);
  g_assert_true (hd_store_save (alice->store, new_series, &error));
  g_assert_no_error (error);
  g_assert_true (hd_store_save (alice->store, moved, &error));
  g_assert_no_error (error);
  hd_test_client_sync_ok (alice);
  rejections = hd_test_client_rejections (alice);
  g_assert_cmpuint (rejections->len, ==, 0);
  g_clear_pointer (&rejections, g_ptr_array_unref);

  hd_test_client_sync_ok (bob);
  seen_series = hd_store_get (bob->store, HD_ENTITY_BOOKING, hd_record_get_id (series), &error);
  g_assert_no_error (error);
  seen_moved = hd_store_get (bob->store, HD_ENTITY_BOOKING, hd_record_get_id (moved), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length ((char **) hd_record_get_strv (seen_series, "exdates")), ==, 1);
  g_assert_cmpstr (hd_record_get_string (seen_moved, "series_id"), ==, hd_record_get_id (series));
  g_clear_pointer (&spans, g_array_unref);
  spans = hd_occurrences_in_zone (seen_series, tz, start, start + 10 * 86400, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 3);

  /* bob cancels the third date; the first and fourth stay */
  cancelled = hd_booking_cancel_occurrence (seen_series, tz, g_array_index (spans, HdSpan, 1).start,
                                            &error);
  g_assert_no_error (error);
  g_assert_true (hd_store_save (bob->store, cancelled, &error));
  g_assert_no_error (error);
  hd_test_client_sync_ok (bob);
  hd_test_client_sync_ok (alice);
  g_clear_pointer (&seen_series, hd_record_unref);
  seen_series = hd_store_get (alice->store, HD_ENTITY_BOOKING, hd_record_get_id (series), &error);
  g_assert_no_error (error);
  g_clear_pointer (&spans, g_array_unref);
  spans = hd_occurrences_in_zone (seen_series, tz, start, start + 10 * 86400, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spans->len, ==, 2);
  g_assert_cmpint (g_array_index (spans, HdSpan, 0).start, ==, start);
  g_assert_cmpint (g_array_index (spans, HdSpan, 1).start, ==, start + 3 * 86400);
}

/* hubdesk-cli occupancy prints the figures of the library, and the
 * figures of a hand-computed week. */
static void
test_cli_occupancy (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *profile = g_dir_make_tmp ("hubdesk-rooms-cli-XXXXXX", &error);
  g_autofree char *path = g_build_filename (profile, "hubdesk.db", NULL);
  g_autoptr(HdRecord) hub = hd_record_new (HD_ENTITY_HUB, NULL);
  g_autoptr(HdRecord) room = NULL;
  g_autoptr(HdRecord) booking = NULL;
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *room_line = NULL;
  g_autofree HdOccupancy *occupancy = g_new0 (HdOccupancy, 1);
  g_autoptr(GDate) first = g_date_new_dmy (30, G_DATE_NOVEMBER, 2026);
  g_autoptr(GDate) last = g_date_new_dmy (6, G_DATE_DECEMBER, 2026);
  g_autoptr(GPtrArray) rows = NULL;
  const char *hub_id;

  g_assert_no_error (error);
  {
    g_autoptr(HdStore) store = hd_store_open (path, &error);

    g_assert_no_error (error);
    hub_id = hd_record_get_id (hub);
    hd_record_set_hub_id (hub, hub_id);
    hd_record_set_string (hub, "name", "Digital Hub Süd");
    g_assert_true (hd_store_save (store, hub, &error));
    room = hd_record_new (HD_ENTITY_ROOM, hub_id);
    hd_record_set_string (room, "name", "Raum Süd");
    hd_record_set_int (room, "capacity", 4);
    g_assert_true (hd_store_save (store, room, &error));
    /* Monday 10:00–12:00 in Berlin, two seats */
    booking = hd_record_new (HD_ENTITY_BOOKING, hub_id);
    hd_record_set_string (booking, "room_id", hd_record_get_id (room));
    hd_record_set_string (booking, "starts_at", "2026-11-30T09:00:00Z");
    hd_record_set_string (booking, "ends_at", "2026-11-30T11:00:00Z");
    hd_record_set_int (booking, "seats", 2);
    g_assert_true (hd_store_save (store, booking, &error));
    g_assert_no_error (error);

    rows = hd_rooms_usage (store, hub_id, first, last, occupancy, &error);
    g_assert_no_error (error);
    expected = hd_occupancy_to_csv (occupancy);
  }

  g_assert_cmpint (hd_test_cli (profile, NULL, NULL, &out, NULL, "occupancy", "--hub",
                                "digital hub süd", "--from", "2026-11-30", "--to", "2026-12-06",
                                "--csv", NULL), ==, 0);
  g_assert_cmpstr (out, ==, expected);
  g_assert_nonnull (strstr (out, "\r\n1,10:00,50.0,0.0,2.0,0.0,4.0\r\n1,11:00,50.0,0.0,2.0,0.0,4.0\r\n"));
  g_clear_pointer (&out, g_free);

  /* 5 days × 10 hours × 4 seats open, 4 seat-hours booked */
  g_assert_cmpint (hd_test_cli (profile, NULL, NULL, &out, NULL, "occupancy", "--hub", hub_id,
                                "--from", "2026-11-30", "--to", "2026-12-06", "--per-room",
                                "--csv", NULL), ==, 0);
  room_line = g_strdup_printf ("\r\n%s,%s,Raum Süd,meeting_room,4,200.0,4.0,0.0,2.0,0.0\r\n",
                               hd_record_get_id (room), hub_id);
  g_assert_nonnull (strstr (out, room_line));
  g_clear_pointer (&out, g_free);

  /* a date that does not exist, a hub that does not */
  g_assert_cmpint (hd_test_cli (profile, NULL, NULL, &out, NULL, "occupancy", "--from",
                                "2026-02-30", NULL), !=, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (hd_test_cli (profile, NULL, NULL, &out, NULL, "occupancy", "--hub",
                                "Nirgendwo", NULL), !=, 0);

  {
    g_autoptr(GDir) dir = g_dir_open (profile, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *file = g_build_filename (profile, name, NULL);

        g_remove (file);
      }
    g_rmdir (profile);
  }
}

/* Column names of @table, joined with "," */
static char *
columns_of (const char *path,
            const char *table)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT name FROM pragma_table_info('%s')", table);
  GString *names = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (names, "%s,", (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (names, FALSE);
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* A server database and a profile made before bookings had single
 * dates gain the three columns when they are opened. */
static void
test_upgrade (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hubdesk-rooms-upgrade-XXXXXX", &error);
  g_autofree char *server_db = g_build_filename (dir, "server.db", NULL);
  g_autofree char *store_db = g_build_filename (dir, "store.db", NULL);
  g_autofree char *server = g_build_filename (g_getenv ("HUBDESK_BUILDDIR"), "src", "server",
                                              "hubdesk-server", NULL);
  g_autofree char *columns = NULL;
  int status = -1;
  const char *init[] = { server, "init", "--db", server_db, NULL };
  const char *add_hub[] = { server, "add-hub", "--db", server_db, "Testhub", NULL };

  g_assert_no_error (error);

  /* the server: format 1 had no such columns */
  g_assert_true (g_spawn_sync (NULL, (char **) init, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  exec_sql (server_db,
            "DROP INDEX rec_booking__series_id;"
            "ALTER TABLE rec_booking DROP COLUMN exdates;"
            "ALTER TABLE rec_booking DROP COLUMN exdates__v;"
            "ALTER TABLE rec_booking DROP COLUMN series_id;"
            "ALTER TABLE rec_booking DROP COLUMN series_id__v;"
            "ALTER TABLE rec_booking DROP COLUMN recurrence_id;"
            "ALTER TABLE rec_booking DROP COLUMN recurrence_id__v;"
            "PRAGMA user_version = 1;");
  columns = columns_of (server_db, "rec_booking");
  g_assert_null (strstr (columns, "exdates"));
  g_clear_pointer (&columns, g_free);

  g_assert_true (g_spawn_sync (NULL, (char **) add_hub, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                               NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  columns = columns_of (server_db, "rec_booking");
  g_assert_nonnull (strstr (columns, ",exdates,"));
  g_assert_nonnull (strstr (columns, ",exdates__v,"));
  g_assert_nonnull (strstr (columns, ",series_id,"));
  g_assert_nonnull (strstr (columns, ",recurrence_id__v,"));
  g_clear_pointer (&columns, g_free);

  /* the profile: made at version 3 */
  {
    g_autoptr(HdStore) store = hd_store_open (store_db, &error);

    g_assert_no_error (error);
    g_assert_nonnull (store);
  }
  exec_sql (store_db,
            "DROP INDEX IF EXISTS booking_series_id;"
            "ALTER TABLE booking DROP COLUMN exdates;"
            "ALTER TABLE booking DROP COLUMN series_id;"
            "ALTER TABLE booking DROP COLUMN recurrence_id;"
            "PRAGMA user_version = 3;");
  {
    g_autoptr(HdStore) store = hd_store_open (store_db, &error);
    guint n_steps = 0;

    g_assert_no_error (error);
    hd_store_schema_migrations (&n_steps);
    g_assert_cmpint (hd_store_get_schema_version (store), ==, (int) n_steps);
  }
  columns = columns_of (store_db, "booking");
  g_assert_nonnull (strstr (columns, ",exdates,"));
  g_assert_nonnull (strstr (columns, ",series_id,"));
  g_assert_nonnull (strstr (columns, ",recurrence_id,"));

  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);

        g_remove (file);
      }
    g_rmdir (dir);
  }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rooms/server/capacity-table", test_capacity_table);
  g_test_add_func ("/rooms/server/move-occurrence", test_move_occurrence);
  g_test_add_func ("/rooms/cli/occupancy", test_cli_occupancy);
  g_test_add_func ("/rooms/upgrade", test_upgrade);

  return g_test_run ();
}
