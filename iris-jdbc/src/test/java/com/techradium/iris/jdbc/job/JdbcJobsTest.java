package com.techradium.iris.jdbc.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobQuery;
import com.techradium.iris.job.JobQueue;
import com.techradium.iris.job.JobSpec;
import com.techradium.iris.job.QueueConfig;
import com.techradium.iris.testkit.MutableClock;
import com.techradium.iris.testkit.PostgresExtension;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcJobsTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static HikariDataSource pool;
  private static JdbcJobStore store;
  private static JobQueue jobs;

  @BeforeAll
  static void setUp() {
    JdbcIris.migrate(postgres.dataSource());
    pool = JdbcIris.pool(postgres.jdbcUrl(), postgres.user(), postgres.password());
    store = JdbcJobStore.of(pool);
    store.createQueue(QueueConfig.defaults("emails"));
    jobs =
        JobQueue.builder()
            .store(store)
            .clock(MutableClock.startingAtEpochOf2026())
            .knownTypes("order.receipt")
            .build();
  }

  @AfterAll
  static void tearDown() {
    pool.close();
  }

  @Test
  void aJobEnqueuedThroughTheFacadeCommitsWithTheCaller() throws Exception {
    TenantId tenant = TenantId.of("facade-commit");
    Job job;
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      job =
          JdbcJobs.enqueueInTransaction(
              jobs, store, c, tenant, JobSpec.builder("emails", "order.receipt").build());
      assertThat(jobs.get(tenant, job.id())).isEmpty();
      c.commit();
    }

    assertThat(jobs.get(tenant, job.id())).isPresent();
  }

  @Test
  void aJobEnqueuedThroughTheFacadeVanishesOnRollback() throws Exception {
    TenantId tenant = TenantId.of("facade-rollback");
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      JdbcJobs.enqueueInTransaction(
          jobs, store, c, tenant, JobSpec.builder("emails", "order.receipt").build());
      c.rollback();
    }

    assertThat(jobs.list(tenant, JobQuery.all(), PageRequest.first()).items()).isEmpty();
  }

  @Test
  void theFacadeStillValidatesInsideTheCallersTransaction() throws Exception {
    TenantId tenant = TenantId.of("facade-invalid");
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);

      assertThatThrownBy(
              () ->
                  JdbcJobs.enqueueInTransaction(
                      jobs, store, c, tenant, JobSpec.builder("emails", "no.such.type").build()))
          .isInstanceOf(ValidationException.class);
      c.rollback();
    }
  }
}
