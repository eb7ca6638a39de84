package com.techradium.iris.jdbc.webhook;

import static com.techradium.iris.jdbc.internal.JdbcValues.attached;
import static com.techradium.iris.jdbc.internal.JdbcValues.instant;

import com.techradium.iris.jdbc.internal.schema.tables.records.IrisWebhookEndpointsRecord;
import com.techradium.iris.webhook.Endpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.JSONB;
import org.jspecify.annotations.Nullable;

/**
 * The columns of {@code iris_webhook_endpoints} as the plain JDBC statements of the hot path select
 * or return them (JSON columns as text), and a row of them read back into the generated record, so
 * it maps to an {@code Endpoint} through {@link WebhookRows} as every other read does; and the
 * listing of a tenant's endpoints that every publish reads.
 */
final class EndpointColumns {
  private static final String[] COLUMNS = {
    "tenant_id",
    "id",
    "url",
    "description",
    "event_types::text",
    "enabled",
    "headers::text",
    "rate_limit",
    "allowed_cidrs::text",
    "fifo",
    "retry_schedule_ms::text",
    "consecutive_failures",
    "failing_since",
    "disabled_reason",
    "secret_current",
    "secret_previous",
    "secret_previous_until",
    "created_at",
    "updated_at"
  };

  /** How many columns {@link #list} names. */
  static final int COUNT = COLUMNS.length;

  private static final String OF_TENANT =
      "select " + list("") + " from iris_webhook_endpoints where tenant_id = ? order by id";

  private EndpointColumns() {}

  /** The tenant's endpoints, by id. */
  static List<Endpoint> listOf(Connection c, String tenant) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(OF_TENANT)) {
      s.setString(1, tenant);
      List<Endpoint> endpoints = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          IrisWebhookEndpointsRecord row = read(r, 1);
          if (row != null) {
            endpoints.add(WebhookRows.endpoint(row));
          }
        }
      }
      return endpoints;
    }
  }

  /** The columns, in the generated record's order, each after {@code prefix} (a table alias). */
  static String list(String prefix) {
    StringBuilder sql = new StringBuilder();
    for (String column : COLUMNS) {
      sql.append(sql.length() == 0 ? "" : ", ").append(prefix).append(column);
    }
    return sql.toString();
  }

  /**
   * The endpoint in the {@value #COUNT} columns from {@code from} on, or null if the row has none
   * (a left join that found no endpoint).
   */
  static @Nullable IrisWebhookEndpointsRecord read(ResultSet r, int from) throws SQLException {
    UUID id = r.getObject(from + 1, UUID.class);
    if (id == null) {
      return null;
    }
    IrisWebhookEndpointsRecord row = attached(new IrisWebhookEndpointsRecord());
    row.setTenantId(r.getString(from));
    row.setId(id);
    row.setUrl(r.getString(from + 2));
    row.setDescription(r.getString(from + 3));
    row.setEventTypes(JSONB.valueOf(r.getString(from + 4)));
    row.setEnabled(r.getBoolean(from + 5));
    row.setHeaders(JSONB.valueOf(r.getString(from + 6)));
    row.setRateLimit(r.getObject(from + 7, Integer.class));
    row.setAllowedCidrs(JSONB.valueOf(r.getString(from + 8)));
    row.setFifo(r.getBoolean(from + 9));
    row.setRetryScheduleMs(JSONB.valueOf(r.getString(from + 10)));
    row.setConsecutiveFailures(r.getInt(from + 11));
    row.setFailingSince(instant(r, from + 12));
    row.setDisabledReason(r.getString(from + 13));
    row.setSecretCurrent(r.getBytes(from + 14));
    row.setSecretPrevious(r.getBytes(from + 15));
    row.setSecretPreviousUntil(instant(r, from + 16));
    row.setCreatedAt(instant(r, from + 17));
    row.setUpdatedAt(instant(r, from + 18));
    return row;
  }
}
