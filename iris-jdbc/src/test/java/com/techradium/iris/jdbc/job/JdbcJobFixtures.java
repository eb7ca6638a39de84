package com.techradium.iris.jdbc.job;

import com.techradium.iris.core.TimeOrderedIds;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.jdbc.JdbcTransaction;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.ParentFailurePolicy;
import com.techradium.iris.job.spi.JobFinish;
import com.techradium.iris.job.spi.JobOutcome;
import com.techradium.iris.job.spi.NewJob;
import com.techradium.iris.testkit.PostgresExtension;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** What the PostgreSQL job store tests share: pools, plain jobs, completing claimed jobs. */
final class JdbcJobFixtures {
  private JdbcJobFixtures() {}

  /** Migrates the test database and opens a pool of {@code size} connections to it. */
  static HikariDataSource migratedPool(PostgresExtension postgres, int size) {
    JdbcIris.migrate(postgres.dataSource());
    return pool(postgres, size);
  }

  /** A pool of {@code size} connections to the test database, as a separate node would have. */
  static HikariDataSource pool(PostgresExtension postgres, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(postgres.jdbcUrl());
    config.setUsername(postgres.user());
    config.setPassword(postgres.password());
    config.setMaximumPoolSize(size);
    return JdbcIris.pool(config);
  }

  /** A job of type {@code test.job}, three attempts, a minute's timeout, no key. */
  static NewJob job(
      TimeOrderedIds ids, String queue, int priority, Instant runAt, List<UUID> parents) {
    return new NewJob(
        ids.next(),
        queue,
        "test.job",
        "{\"n\":1}",
        priority,
        runAt,
        3,
        Duration.ofMinutes(1),
        null,
        null,
        null,
        parents,
        ParentFailurePolicy.FAIL);
  }

  /**
   * Runs {@code write} in a host transaction on a connection of {@code pool}, then {@code
   * meanwhile} (on this thread, outside that transaction) while the host transaction is still open,
   * and then commits it.
   */
  static void inOpenTransaction(DataSource pool, Runnable write, Runnable meanwhile)
      throws SQLException {
    try (Connection host = pool.getConnection()) {
      host.setAutoCommit(false);
      try (JdbcTransaction joined = JdbcTransaction.join(host)) {
        write.run();
      }
      meanwhile.run();
      host.commit();
    }
  }

  /** Completes {@code jobs}, claimed, in one call. */
  static void complete(JdbcJobStore store, List<Job> jobs, Instant now) {
    List<JobFinish> done = new ArrayList<>();
    for (Job j : jobs) {
      done.add(new JobFinish(j.leaseRef(), new JobOutcome.Completed(null)));
    }
    store.finishAll(done, now);
  }
}
