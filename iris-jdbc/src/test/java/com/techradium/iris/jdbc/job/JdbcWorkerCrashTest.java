package com.techradium.iris.jdbc.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.testkit.PostgresExtension;
import com.techradium.iris.testkit.job.WorkerCrash;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker JVM killed with SIGKILL mid-run on PostgreSQL: no job is lost, and the jobs that run
 * twice stay within the documented bound (unrecorded outcomes plus concurrency).
 */
class JdbcWorkerCrashTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static final int CONCURRENCY = 8;
  private static final int MAX_UNRECORDED = 16;

  @TempDir Path dir;

  @Test
  void aKilledWorkerLosesNoJobAndDuplicatesStayWithinTheBound() throws Exception {
    JdbcIris.migrate(postgres.dataSource());
    try (HikariDataSource pool =
        JdbcIris.pool(postgres.jdbcUrl(), postgres.user(), postgres.password())) {
      WorkerCrash.Result result =
          WorkerCrash.crashAndRecover(
              JdbcJobStore.of(pool),
              Child.class,
              List.of(postgres.jdbcUrl(), postgres.user(), postgres.password()),
              3000,
              CONCURRENCY,
              MAX_UNRECORDED,
              dir);

      assertThat(result.completed()).isEqualTo(3000);
      assertThat(result.ranInChild()).isGreaterThanOrEqualTo(1000);
      assertThat(result.ranInChild() + result.ranHere() - result.duplicates()).isEqualTo(3000);
      assertThat(result.duplicates())
          .as("%s", result)
          .isLessThanOrEqualTo(MAX_UNRECORDED + CONCURRENCY);
    }
  }

  /** The killed worker: {@code url user password queue runs maxUnrecorded}. */
  public static final class Child {
    private Child() {}

    /** Runs a worker until killed. */
    public static void main(String[] args) throws Exception {
      HikariDataSource pool = JdbcIris.pool(args[0], args[1], args[2]);
      WorkerCrash.runChild(
          JdbcJobStore.of(pool), args[3], Path.of(args[4]), Integer.parseInt(args[5]));
    }
  }
}
