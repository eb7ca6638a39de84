package com.techradium.iris.jdbc.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.testkit.PostgresExtension;
import com.techradium.iris.testkit.job.WorkerUnderFaults;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL connections killed with {@code pg_terminate_backend} again and again while a worker
 * runs (pooled connections, the LISTEN connection): the worker survives and every job completes.
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
      assertThat(result.completed()).as("%s", result).isEqualTo(600);
      assertThat(result.ran()).isEqualTo(600);
    }
  }
}
