package com.techradium.iris.jdbc.job;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.job.EnqueueResult;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobQueue;
import com.techradium.iris.job.JobSpec;
import java.sql.Connection;
import java.util.List;
import java.util.Objects;

/**
 * Enqueue through the {@link JobQueue} facade inside the caller's own database transaction: the
 * facade validates and resolves defaults as always, and the jobs are written on the caller's
 * connection by the facade's {@link JdbcJobStore}, so they exist if and only if the caller commits
 * its business writes.
 *
 * <pre>{@code
 * JdbcJobStore store = JdbcJobStore.of(dataSource);
 * JobQueue jobs = JobQueue.builder().store(store).runtime(runtime).build();
 * try (Connection c = dataSource.getConnection()) {
 *   c.setAutoCommit(false);
 *   saveOrder(c, order);
 *   JdbcJobs.enqueueInTransaction(jobs, store, c, tenant,
 *       JobSpec.builder("emails", "order.receipt").payload(receiptJson).build());
 *   c.commit();   // the order and its receipt job, or neither
 * }
 * }</pre>
 *
 * <p>If a call throws, the caller rolls its transaction back. Thread-safe; it holds no state.
 */
public final class JdbcJobs {
  private JdbcJobs() {}

  /**
   * Enqueues one job with {@link JobQueue#enqueue}, writing it in the caller's open transaction.
   *
   * @param jobs a facade built over {@code store}
   * @param connection the caller's connection, auto-commit off
   * @throws IllegalStateException if the connection is in auto-commit mode
   */
  public static Job enqueueInTransaction(
      JobQueue jobs, JdbcJobStore store, Connection connection, TenantId tenant, JobSpec spec) {
    Objects.requireNonNull(jobs, "jobs");
    Objects.requireNonNull(store, "store");
    return store.joinTransaction(connection, () -> jobs.enqueue(tenant, spec));
  }

  /**
   * Enqueues a batch with {@link JobQueue#enqueueAll}, writing it in the caller's open transaction.
   *
   * @param jobs a facade built over {@code store}
   * @param connection the caller's connection, auto-commit off
   * @throws IllegalStateException if the connection is in auto-commit mode
   */
  public static List<EnqueueResult> enqueueAllInTransaction(
      JobQueue jobs,
      JdbcJobStore store,
      Connection connection,
      TenantId tenant,
      List<JobSpec> specs) {
    Objects.requireNonNull(jobs, "jobs");
    Objects.requireNonNull(store, "store");
    return store.joinTransaction(connection, () -> jobs.enqueueAll(tenant, specs));
  }
}
