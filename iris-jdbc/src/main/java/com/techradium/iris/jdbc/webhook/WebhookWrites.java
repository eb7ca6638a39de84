package com.techradium.iris.jdbc.webhook;

import static com.techradium.iris.jdbc.internal.JdbcValues.setInstant;
import static com.techradium.iris.jdbc.internal.JdbcValues.setInteger;
import static com.techradium.iris.jdbc.internal.JdbcValues.uuid;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.jdbc.internal.schema.tables.records.IrisWebhookEndpointsRecord;
import com.techradium.iris.webhook.Delivery;
import com.techradium.iris.webhook.DeliveryAttempt;
import com.techradium.iris.webhook.Endpoint;
import com.techradium.iris.webhook.WebhookEvent;
import com.techradium.iris.webhook.spi.DeliveryKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGStatement;

/**
 * The rows of a publish and of recorded attempts, written with plain JDBC statements on the
 * connection of the store's transaction: the per-webhook hot path of the store. Rendering these
 * statements through jOOQ's DSL on every call (a multi-row {@code INSERT} of up to a thousand rows,
 * a batch of {@code UPDATE}s) took a large share of the JVM's CPU per delivered webhook; the SQL
 * text here is built once per table and row count and the values are bound directly. The server
 * receives the same statements as before.
 */
final class WebhookWrites {
  /** Binds one row's values from parameter {@code at} on. */
  @FunctionalInterface
  private interface RowBinder<T> {
    void bind(PreparedStatement statement, int at, T row) throws SQLException;
  }

  private static final String[] EVENT_COLUMNS = {
    "tenant_id", "id", "type", "payload", "created_at"
  };

  private static final String[] DELIVERY_COLUMNS = {
    "tenant_id",
    "id",
    "event_id",
    "endpoint_id",
    "event_type",
    "status",
    "attempts",
    "next_attempt_at",
    "last_attempt_at",
    "last_status_code",
    "last_error",
    "created_at",
    "updated_at"
  };

  private static final String[] ATTEMPT_COLUMNS = {
    "tenant_id",
    "id",
    "delivery_id",
    "endpoint_id",
    "number",
    "attempted_at",
    "status_code",
    "latency_millis",
    "error",
    "response_excerpt",
    "succeeded"
  };

  /** The new states of several deliveries, one array per column, in one statement. */
  private static final String UPDATE_DELIVERIES =
      "update iris_webhook_deliveries d set status = u.status, attempts = u.attempts,"
          + " next_attempt_at = u.next_attempt_at, last_attempt_at = u.last_attempt_at,"
          + " last_status_code = u.last_status_code, last_error = u.last_error,"
          + " updated_at = u.updated_at"
          + " from unnest(cast(? as text[]), cast(? as uuid[]), cast(? as text[]),"
          + " cast(? as int4[]), cast(? as timestamptz[]), cast(? as timestamptz[]),"
          + " cast(? as int4[]), cast(? as text[]), cast(? as timestamptz[]))"
          + " as u(tenant_id, id, status, attempts, next_attempt_at, last_attempt_at,"
          + " last_status_code, last_error, updated_at)"
          + " where d.tenant_id = u.tenant_id and d.id = u.id"
          + " returning d.tenant_id, d.id";

  private static final String ENDPOINT = EndpointColumns.list("");

  private static final String ENDPOINT_ROW =
      "update iris_webhook_endpoints set consecutive_failures = ?, failing_since = ?"
          + " where tenant_id = ? and id = ? returning "
          + ENDPOINT;

  private static final String ADD_FAILURES =
      "update iris_webhook_endpoints set consecutive_failures = consecutive_failures + ?,"
          + " failing_since = coalesce(failing_since, ?::timestamptz)"
          + " where tenant_id = ? and id = ? returning "
          + ENDPOINT;

  /** The endpoint, with its streak cleared if it was not clear already (then it is not written). */
  private static final String CLEAR_STREAK =
      "update iris_webhook_endpoints set consecutive_failures = 0, failing_since = null"
          + " where tenant_id = ? and id = ?"
          + " and (consecutive_failures <> 0 or failing_since is not null) returning "
          + ENDPOINT;

  private static final String OR_UNCHANGED =
      ") select * from streak union all select "
          + ENDPOINT
          + " from iris_webhook_endpoints where tenant_id = ? and id = ?"
          + " and not exists (select 1 from streak)";

  private static final String CLEARED = "with streak as (" + CLEAR_STREAK + OR_UNCHANGED;

  private static final String RECORD =
      "with moved as (update iris_webhook_deliveries set status = ?, attempts = ?,"
          + " next_attempt_at = ?, last_attempt_at = ?, last_status_code = ?, last_error = ?,"
          + " updated_at = ? where tenant_id = ? and id = ? returning id),"
          + " recorded as (insert into iris_webhook_attempts ("
          + String.join(", ", ATTEMPT_COLUMNS)
          + ") select ?::varchar, ?::uuid, ?::uuid, ?::uuid, ?::int, ?::timestamptz, ?::int,"
          + " ?::bigint, ?::varchar, ?::varchar, ?::boolean from moved), streak as (";

  private static final String RECORD_SUCCESS = RECORD + CLEAR_STREAK + OR_UNCHANGED;

  private static final String RECORD_FAILURE =
      RECORD
          + "update iris_webhook_endpoints set consecutive_failures = consecutive_failures + 1,"
          + " failing_since = coalesce(failing_since, ?::timestamptz)"
          + " where tenant_id = ? and id = ? returning "
          + ENDPOINT
          + OR_UNCHANGED;

  private WebhookWrites() {}

  /**
   * One attempt in one statement: the delivery's new state, the attempt (only if the delivery still
   * exists) and the endpoint's streak as data-modifying CTEs, the endpoint written only when its
   * streak changes; the endpoint as it is after.
   */
  static Optional<Endpoint> recordAttempt(Connection c, DeliveryAttempt attempt, Delivery delivery)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(attempt.succeeded() ? RECORD_SUCCESS : RECORD_FAILURE)) {
      bindDelivery(s, delivery);
      bindAttempt(s, 10, attempt);
      int at = 21;
      if (!attempt.succeeded()) {
        setInstant(s, at++, attempt.at());
      }
      for (int i = 0; i < 2; i++) {
        s.setString(at++, attempt.tenant().value());
        s.setObject(at++, attempt.endpointId());
      }
      return endpointOf(s);
    }
  }

  /**
   * Moves one endpoint's streak by the net change of its attempts, in order: failures after the
   * last success (or after the start, adding to the streak, when none succeeded). One statement; an
   * endpoint whose attempts all succeeded and whose streak is clear already is only read.
   */
  static Optional<Endpoint> moveStreak(Connection c, List<DeliveryAttempt> attempts)
      throws SQLException {
    DeliveryAttempt first = attempts.get(0);
    int lastSuccess = -1;
    for (int i = 0; i < attempts.size(); i++) {
      if (attempts.get(i).succeeded()) {
        lastSuccess = i;
      }
    }
    int failuresAfter = attempts.size() - lastSuccess - 1;
    boolean cleared = lastSuccess >= 0 && failuresAfter == 0;
    String sql = lastSuccess < 0 ? ADD_FAILURES : cleared ? CLEARED : ENDPOINT_ROW;
    try (PreparedStatement s = c.prepareStatement(sql)) {
      int at = 1;
      if (lastSuccess < 0) {
        s.setInt(at++, failuresAfter);
        setInstant(s, at++, first.at());
      } else if (failuresAfter > 0) {
        s.setInt(at++, failuresAfter);
        setInstant(s, at++, attempts.get(lastSuccess + 1).at());
      }
      s.setString(at++, first.tenant().value());
      s.setObject(at++, first.endpointId());
      if (cleared) {
        s.setString(at++, first.tenant().value());
        s.setObject(at, first.endpointId());
      }
      return endpointOf(s);
    }
  }

  private static Optional<Endpoint> endpointOf(PreparedStatement s) throws SQLException {
    try (ResultSet r = s.executeQuery()) {
      if (!r.next()) {
        return Optional.empty();
      }
      IrisWebhookEndpointsRecord row = EndpointColumns.read(r, 1);
      return row == null ? Optional.empty() : Optional.of(WebhookRows.endpoint(row));
    }
  }

  static void insertEvents(Connection c, List<WebhookEvent> events) throws SQLException {
    insert(
        c,
        "iris_webhook_events",
        EVENT_COLUMNS,
        events,
        (s, at, e) -> {
          s.setString(at, e.tenant().value());
          s.setObject(at + 1, e.id());
          s.setString(at + 2, e.type());
          s.setString(at + 3, e.payload());
          setInstant(s, at + 4, e.createdAt());
        });
  }

  static void insertDeliveries(Connection c, List<Delivery> deliveries) throws SQLException {
    insert(
        c,
        "iris_webhook_deliveries",
        DELIVERY_COLUMNS,
        deliveries,
        (s, at, d) -> {
          s.setString(at, d.tenant().value());
          s.setObject(at + 1, d.id());
          s.setObject(at + 2, d.eventId());
          s.setObject(at + 3, d.endpointId());
          s.setString(at + 4, d.eventType());
          s.setString(at + 5, d.status().name());
          s.setInt(at + 6, d.attempts());
          setInstant(s, at + 7, d.nextAttemptAt());
          setInstant(s, at + 8, d.lastAttemptAt());
          setInteger(s, at + 9, d.lastStatusCode());
          s.setString(at + 10, d.lastError());
          setInstant(s, at + 11, d.createdAt());
          setInstant(s, at + 12, d.updatedAt());
        });
  }

  static void insertAttempts(Connection c, List<DeliveryAttempt> attempts) throws SQLException {
    insert(c, "iris_webhook_attempts", ATTEMPT_COLUMNS, attempts, WebhookWrites::bindAttempt);
  }

  private static void bindAttempt(PreparedStatement s, int at, DeliveryAttempt a)
      throws SQLException {
    s.setString(at, a.tenant().value());
    s.setObject(at + 1, a.id());
    s.setObject(at + 2, a.deliveryId());
    s.setObject(at + 3, a.endpointId());
    s.setInt(at + 4, a.number());
    setInstant(s, at + 5, a.at());
    setInteger(s, at + 6, a.statusCode());
    s.setLong(at + 7, a.latencyMillis());
    s.setString(at + 8, a.error());
    s.setString(at + 9, a.responseExcerpt());
    s.setBoolean(at + 10, a.succeeded());
  }

  /** The delivery's new state, then its key: the nine parameters of the delivery update. */
  /** The delivery's new state, then its key: the nine parameters of the delivery update. */
  private static void bindDelivery(PreparedStatement s, Delivery d) throws SQLException {
    s.setString(1, d.status().name());
    s.setInt(2, d.attempts());
    setInstant(s, 3, d.nextAttemptAt());
    setInstant(s, 4, d.lastAttemptAt());
    setInteger(s, 5, d.lastStatusCode());
    s.setString(6, d.lastError());
    setInstant(s, 7, d.updatedAt());
    s.setString(8, d.tenant().value());
    s.setObject(9, d.id());
  }

  /**
   * The deliveries' new states, one {@code UPDATE} from arrays (one round trip, one statement on
   * the server however many there are). A delivery given twice takes its last state. The statement
   * is planned on every call, with the arrays it gets, so that its join by primary key does not
   * rest on a plan made while the table was small.
   *
   * @return per delivery, the rows updated: 0 for a delivery deleted meanwhile
   */
  static int[] updateDeliveries(Connection c, List<Delivery> deliveries) throws SQLException {
    Map<DeliveryKey, Delivery> last = new LinkedHashMap<>();
    for (Delivery d : deliveries) {
      last.put(new DeliveryKey(d.tenant(), d.id()), d);
    }
    int n = last.size();
    String[] tenant = new String[n];
    UUID[] id = new UUID[n];
    String[] status = new String[n];
    Integer[] attempts = new Integer[n];
    String[] nextAttemptAt = new String[n];
    String[] lastAttemptAt = new String[n];
    Integer[] lastStatusCode = new Integer[n];
    String[] lastError = new String[n];
    String[] updatedAt = new String[n];
    int i = 0;
    for (Delivery d : last.values()) {
      tenant[i] = d.tenant().value();
      id[i] = d.id();
      status[i] = d.status().name();
      attempts[i] = d.attempts();
      nextAttemptAt[i] = text(d.nextAttemptAt());
      lastAttemptAt[i] = text(d.lastAttemptAt());
      lastStatusCode[i] = d.lastStatusCode();
      lastError[i] = d.lastError();
      updatedAt[i] = text(d.updatedAt());
      i++;
    }
    Set<DeliveryKey> updated = new HashSet<>();
    try (PreparedStatement s = c.prepareStatement(UPDATE_DELIVERIES)) {
      s.unwrap(PGStatement.class).setPrepareThreshold(0);
      s.setArray(1, c.createArrayOf("text", tenant));
      s.setArray(2, c.createArrayOf("uuid", id));
      s.setArray(3, c.createArrayOf("text", status));
      s.setArray(4, c.createArrayOf("int4", attempts));
      s.setArray(5, c.createArrayOf("text", nextAttemptAt));
      s.setArray(6, c.createArrayOf("text", lastAttemptAt));
      s.setArray(7, c.createArrayOf("int4", lastStatusCode));
      s.setArray(8, c.createArrayOf("text", lastError));
      s.setArray(9, c.createArrayOf("text", updatedAt));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          updated.add(new DeliveryKey(TenantId.of(r.getString(1)), uuid(r, 2)));
        }
      }
    }
    int[] counts = new int[deliveries.size()];
    for (int at = 0; at < counts.length; at++) {
      Delivery d = deliveries.get(at);
      counts[at] = updated.contains(new DeliveryKey(d.tenant(), d.id())) ? 1 : 0;
    }
    return counts;
  }

  /** An instant as PostgreSQL reads a {@code timestamptz}, or null. */
  private static @Nullable String text(@Nullable Instant instant) {
    return instant == null ? null : instant.toString();
  }

  /** Inserts rows of one table, {@value JdbcWebhookStore#ROWS_PER_INSERT} to a statement. */
  private static <T> void insert(
      Connection c, String table, String[] columns, List<T> rows, RowBinder<T> binder)
      throws SQLException {
    for (int from = 0; from < rows.size(); from += JdbcWebhookStore.ROWS_PER_INSERT) {
      List<T> chunk =
          rows.subList(from, Math.min(rows.size(), from + JdbcWebhookStore.ROWS_PER_INSERT));
      try (PreparedStatement s = c.prepareStatement(insertSql(table, columns, chunk.size()))) {
        int at = 1;
        for (T row : chunk) {
          binder.bind(s, at, row);
          at += columns.length;
        }
        s.executeUpdate();
      }
    }
  }

  private static String insertSql(String table, String[] columns, int rows) {
    StringBuilder sql = new StringBuilder(64 + rows * columns.length * 3);
    sql.append("insert into ").append(table).append(" (").append(String.join(", ", columns));
    sql.append(") values ");
    for (int r = 0; r < rows; r++) {
      sql.append(r == 0 ? "(" : ", (");
      for (int i = 0; i < columns.length; i++) {
        sql.append(i == 0 ? "?" : ", ?");
      }
      sql.append(')');
    }
    return sql.toString();
  }
}
