package com.techradium.iris.jdbc.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.techradium.iris.Iris;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.jdbc.JdbcTransaction;
import com.techradium.iris.monitor.CheckOutcome;
import com.techradium.iris.monitor.CheckResult;
import com.techradium.iris.monitor.Component;
import com.techradium.iris.monitor.HealthChecks;
import com.techradium.iris.monitor.Incident;
import com.techradium.iris.monitor.IncidentImpact;
import com.techradium.iris.monitor.NewIncident;
import com.techradium.iris.testkit.PostgresExtension;
import com.zaxxer.hikari.HikariDataSource;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The monitor on PostgreSQL: built-in checks against real servers, and the host's transaction. */
class JdbcMonitorTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static HikariDataSource pool;
  private static Iris iris;

  @BeforeAll
  static void setUp() {
    JdbcIris.migrate(postgres.dataSource());
    pool = JdbcIris.pool(postgres.jdbcUrl(), postgres.user(), postgres.password());
    iris =
        Iris.builder()
            .storage(JdbcIris.storage(pool))
            .jobs(jobs -> jobs.runWorker(false).runScheduler(false))
            .build();
  }

  @AfterAll
  static void tearDown() {
    iris.close();
    pool.close();
  }

  @Test
  void thePostgresqlCheckIsUpOnALiveDatabaseAndDownOnAClosedPool() {
    iris.health().register(Component.of("pg-live", "Database", HealthChecks.jdbc(pool)));
    HikariDataSource closed =
        JdbcIris.pool(postgres.jdbcUrl(), postgres.user(), postgres.password());
    closed.close();
    iris.health().register(Component.of("pg-closed", "Closed", HealthChecks.jdbc(closed)));

    assertThat(iris.health().runNow("pg-live").outcome()).isEqualTo(CheckOutcome.UP);
    CheckResult down = iris.health().runNow("pg-closed");
    assertThat(down.outcome()).isEqualTo(CheckOutcome.DOWN);
    assertThat(down.detail()).startsWith("SQLException");
    assertThat(iris.health().uptime("pg-live", Duration.ofHours(1)).percent()).isEqualTo(100.0);
  }

  @Test
  void theHttpCheckReadsStatusAndBody() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/health",
        exchange -> {
          byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.createContext(
        "/broken",
        exchange -> {
          exchange.sendResponseHeaders(503, -1);
          exchange.close();
        });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      iris.health()
          .register(
              Component.of(
                  "web-ok",
                  "Web",
                  HealthChecks.http(
                      URI.create(base + "/health"),
                      s -> s == 200,
                      body -> body.contains("\"ok\":true"))));
      iris.health()
          .register(
              Component.of(
                  "web-odd",
                  "Web",
                  HealthChecks.http(
                      URI.create(base + "/health"), s -> s == 200, body -> body.contains("nope"))));
      iris.health()
          .register(
              Component.of("web-503", "Web", HealthChecks.http(URI.create(base + "/broken"))));

      assertThat(iris.health().runNow("web-ok").outcome()).isEqualTo(CheckOutcome.UP);
      assertThat(iris.health().runNow("web-odd").outcome()).isEqualTo(CheckOutcome.DEGRADED);
      CheckResult broken = iris.health().runNow("web-503");
      assertThat(broken.outcome()).isEqualTo(CheckOutcome.DOWN);
      assertThat(broken.detail()).isEqualTo("HTTP 503");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void theTcpCheckConnects() throws Exception {
    int closedPort;
    try (ServerSocket free = new ServerSocket(0)) {
      closedPort = free.getLocalPort();
    }
    try (ServerSocket open = new ServerSocket(0)) {
      iris.health()
          .register(
              Component.of("tcp-open", "Port", HealthChecks.tcp("127.0.0.1", open.getLocalPort())));
      iris.health()
          .register(Component.of("tcp-closed", "Port", HealthChecks.tcp("127.0.0.1", closedPort)));

      assertThat(iris.health().runNow("tcp-open").outcome()).isEqualTo(CheckOutcome.UP);
      assertThat(iris.health().runNow("tcp-closed").outcome()).isEqualTo(CheckOutcome.DOWN);
    }
  }

  @Test
  void theJobQueueReportsAsAComponent() {
    assertThat(iris.health().runNow("iris-jobs").outcome()).isEqualTo(CheckOutcome.UP);
    assertThat(iris.health().sampleGauges()).isEqualTo(3);
  }

  @Test
  void incidentsJoinTheHostsTransaction() throws Exception {
    NewIncident news = new NewIncident("Rolled back", IncidentImpact.MINOR, List.of(), "x");
    Incident rolledBack;
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (JdbcTransaction joined = JdbcTransaction.join(c)) {
        rolledBack = iris.incidents().create(news);
      }
      c.rollback();
    }
    Incident committed;
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (JdbcTransaction joined = JdbcTransaction.join(c)) {
        committed = iris.incidents().create(news);
      }
      c.commit();
    }

    assertThat(iris.incidents().get(rolledBack.id())).isEmpty();
    assertThat(iris.incidents().get(committed.id())).contains(committed);
  }
}
