package com.techradium.iris.jdbc.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.jdbc.OwnPostgresServer;
import com.techradium.iris.testkit.PostgresExtension;
import com.techradium.iris.testkit.job.WorkerUnderFaults;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults of PostgreSQL while a worker runs: connections killed with {@code pg_terminate_backend}
 * again and again (pooled connections, the LISTEN connection), and the server itself stopped and
 * started again on its port again and again (a server of this class's own). The worker survives and
 * every job completes.
 */
class JdbcWorkerFaultTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  @Test
  void killedConnectionsLoseNoJob() throws Exception {
    JdbcIris.migrate(postgres.dataSource());
    AtomicInteger killed = new AtomicInteger();
    try (HikariDataSource pool =
            JdbcIris.pool(postgres.jdbcUrl(), postgres.user(), postgres.password());
        Connection admin = postgres.dataSource().getConnection();
        Statement sql = admin.createStatement()) {
      JdbcJobStore store = JdbcJobStore.of(pool);
      WorkerUnderFaults.Result result =
          WorkerUnderFaults.run(
              store,
              store,
              600,
              () -> {
                try (ResultSet rows =
                    sql.executeQuery(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                            + " WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
                  while (rows.next()) {
                    killed.incrementAndGet();
                  }
                } catch (SQLException e) {
                  throw new IllegalStateException(e);
                }
              },
              () -> {},
              Duration.ofSeconds(3));

      assertThat(killed.get()).isPositive();
      result.assertNoJobLost(1);
    }
  }

  @Test
  void aServerStoppedAndRestartedAgainAndAgainLosesNoJob(@TempDir Path directory) throws Exception {
    try (OwnPostgresServer server = OwnPostgresServer.start(directory);
        HikariDataSource pool = JdbcIris.pool(server.jdbcUrl(), server.user(), server.password())) {
      JdbcIris.migrate(pool);
      JdbcJobStore store = JdbcJobStore.of(pool);
      WorkerUnderFaults.run(
              store,
              store,
              1000,
              WorkerUnderFaults.restart(server::stop, Duration.ZERO, server::restart),
              () -> {},
              Duration.ofSeconds(6))
          .assertNoJobLost(2);
    }
  }
}
