package com.techradium.iris.jdbc.webhook;

import static com.techradium.iris.jdbc.internal.JdbcValues.attached;
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
 * one plain JDBC call of the function {@code iris_webhook_attempt_targets} (migration V22), which
 * keeps one plan of the join per connection; sent as a statement, the join was planned again on
 * every call. The keys are two array parameters, so the text is the same for any group size.
 * Rendering the read through jOOQ's DSL and mapping its rows through jOOQ records took a large
 * share of the JVM's CPU per delivered webhook. The rows are handed to {@link WebhookRows} as
 * generated records, so they map to values exactly as every other read of these tables does.
 */
final class AttemptReads {
  private static final String D = "(t.delivery).";

  private static final String SELECT =
      "select "
          + String.join(
              ", ",
              D + "tenant_id",
              D + "id",
              D + "event_id",
              D + "endpoint_id",
              D + "event_type",
              D + "status",
              D + "attempts",
              D + "next_attempt_at",
              D + "last_attempt_at",
              D + "last_status_code",
              D + "last_error",
              D + "created_at",
              D + "updated_at",
              EndpointColumns.list("(t.endpoint)."),
              "(t.event).id",
              "(t.event).type",
              "(t.event).payload",
              "(t.event).created_at")
          + " from iris_webhook_attempt_targets(?, ?) t";

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
    IrisWebhookDeliveriesRecord delivery = attached(new IrisWebhookDeliveriesRecord());
    delivery.setTenantId(tenant);
    delivery.setId(uuid(r, 2));
    delivery.setEventId(uuid(r, 3));
    delivery.setEndpointId(uuid(r, 4));
    delivery.setEventType(r.getString(5));
    delivery.setStatus(r.getString(6));
    delivery.setAttempts(r.getInt(7));
    delivery.setNextAttemptAt(instant(r, 8));
    delivery.setLastAttemptAt(instant(r, 9));
    delivery.setLastStatusCode(r.getObject(10, Integer.class));
    delivery.setLastError(r.getString(11));
    delivery.setCreatedAt(instant(r, 12));
    delivery.setUpdatedAt(instant(r, 13));
    @Nullable IrisWebhookEndpointsRecord endpoint = EndpointColumns.read(r, 14);
    int v = 14 + EndpointColumns.COUNT; // the event's columns
    UUID eventId = uuid(r, v);
    @Nullable IrisWebhookEventsRecord event = null;
    if (eventId != null) {
      event = attached(new IrisWebhookEventsRecord());
      event.setTenantId(tenant);
      event.setId(eventId);
      event.setType(r.getString(v + 1));
      event.setPayload(r.getString(v + 2));
      event.setCreatedAt(instant(r, v + 3));
    }
    return new AttemptTarget(
        WebhookRows.delivery(delivery),
        endpoint == null ? null : WebhookRows.stored(endpoint),
        event == null ? null : WebhookRows.event(event));
  }
}
