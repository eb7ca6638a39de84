package com.techradium.iris.jdbc.job;

import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.job.spi.JobStore;
import com.techradium.iris.testkit.PostgresExtension;
import com.techradium.iris.testkit.job.JobStoreContract;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcJobStoreTest extends JobStoreContract {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static HikariDataSource pool;
  private static JdbcJobStore shared;

  @BeforeAll
  static void migrate() {
    JdbcIris.migrate(postgres.dataSource());
    pool = JdbcIris.pool(postgres.jdbcUrl(), postgres.user(), postgres.password());
    shared = JdbcJobStore.of(pool);
  }

  @AfterAll
  static void closePool() {
    pool.close();
  }

  @Override
  protected JobStore newStore(Clock clock) {
    return shared;
  }

  @Override
  protected int stressJobCount() {
    return 10_000;
  }
}
