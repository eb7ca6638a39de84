package com.techradium.iris.jdbc.webhook;

import static com.techradium.iris.jdbc.internal.JdbcValues.instant;
import static com.techradium.iris.jdbc.internal.JdbcValues.uuid;

import com.techradium.iris.jdbc.internal.schema.tables.records.IrisWebhookDeliveriesRecord;
import com.techradium.iris.jdbc.internal.schema.tables.records.IrisWebhookEndpointsRecord;
import com.techradium.iris.jdbc.internal.schema.tables.records.IrisWebhookEventsRecord;
import com.techradium.iris.webhook.spi.AttemptTarget;
import com.techradium.iris.webhook.spi.DeliveryKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Reads the attempts starting together: the deliveries joined with their endpoints and events, in
 * one plain JDBC statement (the per-webhook read of every attempt; rendering it through jOOQ's DSL
 * and mapping its rows through jOOQ records took a large share of the JVM's CPU per delivered
 * webhook). Its text is the same however many attempts it reads (their keys are two array
 * parameters), so each connection prepares and plans it once rather than once per group size. The
 * rows are handed to {@link WebhookRows} as generated records, so they map to values exactly as
 * every other read of these tables does.
 */
final class AttemptReads {
  private static final String SELECT =
      "select d.tenant_id, d.id, d.event_id, d.endpoint_id, d.event_type, d.status, d.attempts,"
          + " d.next_attempt_at, d.last_attempt_at, d.last_status_code, d.last_error,"
          + " d.created_at, d.updated_at,"
          + EndpointColumns.list("e.")
          + ", v.id, v.type, v.payload, v.created_at"
          + " from iris_webhook_deliveries d"
          + " left join iris_webhook_endpoints e on e.tenant_id = d.tenant_id and e.id = d.endpoint_id"
          + " left join iris_webhook_events v on v.tenant_id = d.tenant_id and v.id = d.event_id"
          + " where (d.tenant_id, d.id) in (select * from unnest(?::text[], ?::uuid[]))";

  private AttemptReads() {}

  /** The deliveries found among {@code keys} (at least one), with their endpoints and events. */
  static List<AttemptTarget> load(Connection c, List<DeliveryKey> keys) throws SQLException {
    String[] tenants = new String[keys.size()];
    UUID[] ids = new UUID[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      tenants[i] = keys.get(i).tenant().value();
      ids[i] = keys.get(i).deliveryId();
    }
    try (PreparedStatement s = c.prepareStatement(SELECT)) {
      s.setArray(1, c.createArrayOf("text", tenants));
      s.setArray(2, c.createArrayOf("uuid", ids));
      List<AttemptTarget> found = new ArrayList<>(keys.size());
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          found.add(target(r));
        }
      }
      return found;
    }
  }

  private static AttemptTarget target(ResultSet r) throws SQLException {
    String tenant = r.getString(1);
    IrisWebhookDeliveriesRecord delivery =
        new IrisWebhookDeliveriesRecord(
            tenant,
            uuid(r, 2),
            uuid(r, 3),
            uuid(r, 4),
            r.getString(5),
            r.getString(6),
            r.getInt(7),
            instant(r, 8),
            instant(r, 9),
            r.getObject(10, Integer.class),
            r.getString(11),
            instant(r, 12),
            instant(r, 13));
    @Nullable IrisWebhookEndpointsRecord endpoint = EndpointColumns.read(r, 14);
    int v = 14 + EndpointColumns.COUNT; // the event's columns
    UUID eventId = uuid(r, v);
    @Nullable IrisWebhookEventsRecord event =
        eventId == null
            ? null
            : new IrisWebhookEventsRecord(
                tenant, eventId, r.getString(v + 1), r.getString(v + 2), instant(r, v + 3));
    return new AttemptTarget(
        WebhookRows.delivery(delivery),
        endpoint == null ? null : WebhookRows.stored(endpoint),
        event == null ? null : WebhookRows.event(event));
  }
}
