package com.techradium.iris.jdbc.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The read of attempts starting together ({@code iris_webhook_attempt_targets}) keeps one plan per
 * connection, made at its first call. Made while the tables are nearly empty, as on a new database,
 * that plan must still look every row up by its primary key once they have grown: the connection
 * keeps it. The plans are read from {@code auto_explain}, sent to this session.
 */
class JdbcWebhookAttemptTargetsPlanTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static final String ENDPOINT = "00000000-0000-0000-0000-000000000001";

  /** The id of the i-th event ({@code kind} 1) or delivery ({@code kind} 2), as SQL. */
  private static String id(int kind, String i) {
    return "('00000000-0000-0000-000" + kind + "-' || lpad(to_hex(" + i + "), 12, '0'))::uuid";
  }

  private static void insertDeliveries(Statement s, int from, int to) throws SQLException {
    s.execute(
        "INSERT INTO iris_webhook_events SELECT 'acme', "
            + id(1, "g")
            + ", 'call.completed', '{}', now() FROM generate_series("
            + from
            + ", "
            + to
            + ") g");
    s.execute(
        "INSERT INTO iris_webhook_deliveries (tenant_id, id, event_id, endpoint_id, event_type,"
            + " status, attempts, created_at, updated_at) SELECT 'acme', "
            + id(2, "g")
            + ", "
            + id(1, "g")
            + ", '"
            + ENDPOINT
            + "', 'call.completed', 'PENDING', 0, now(), now() FROM generate_series("
            + from
            + ", "
            + to
            + ") g");
  }

  /** Reads two deliveries, one of them unknown, and returns the plans auto_explain sent. */
  private static List<String> readAndExplain(Statement s) throws SQLException {
    s.clearWarnings();
    List<String> found = new ArrayList<>();
    try (var rows =
        s.executeQuery(
            "SELECT (t.delivery).id, (t.endpoint).url, (t.event).type FROM"
                + " iris_webhook_attempt_targets(ARRAY['acme', 'acme'], ARRAY["
                + id(2, "3")
                + ", "
                + id(2, "999999")
                + "]) t")) {
      while (rows.next()) {
        found.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3));
      }
    }
    assertThat(found)
        .containsExactly(
            "00000000-0000-0000-0002-000000000003 https://hooks.example.com/in call.completed");
    List<String> plans = new ArrayList<>();
    for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
      plans.add(w.getMessage());
    }
    return plans;
  }

  @Test
  void aPlanMadeOnNearlyEmptyTablesLooksEveryRowUpByItsPrimaryKeyOnceTheyHaveGrown()
      throws Exception {
    JdbcIris.migrate(postgres.dataSource());
    try (Connection c = postgres.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO iris_webhook_endpoints (tenant_id, id, url, event_types, enabled, headers,"
              + " allowed_cidrs, fifo, retry_schedule_ms, consecutive_failures, secret_current,"
              + " created_at, updated_at) VALUES ('acme', '"
              + ENDPOINT
              + "', 'https://hooks.example.com/in', '[]', true, '{}', '[]', false, '[]', 0,"
              + " '\\x00', now(), now())");
      insertDeliveries(s, 1, 3);
      s.execute("LOAD 'auto_explain'");
      s.execute("SET auto_explain.log_min_duration = 0");
      s.execute("SET auto_explain.log_nested_statements = on");
      s.execute("SET client_min_messages = log");
      readAndExplain(s);

      insertDeliveries(s, 4, 20_000);
      List<String> plans = readAndExplain(s);

      assertThat(plans)
          .filteredOn(
              p -> p.contains("iris_webhook_") && !p.contains("iris_webhook_attempt_targets("))
          .hasSize(4) // delivery, endpoint and event of the known key; delivery of the unknown
          .allSatisfy(
              p ->
                  assertThat(p)
                      .containsPattern("Index Scan using iris_webhook_\\w+_pk")
                      .doesNotContain("Bitmap")
                      .doesNotContain("Seq Scan")
                      .doesNotContain("Filter"));
    }
  }
}
