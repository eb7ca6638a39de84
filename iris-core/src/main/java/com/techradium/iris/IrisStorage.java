package com.techradium.iris;

import com.techradium.iris.audit.AuditStore;
import com.techradium.iris.audit.memory.InMemoryAuditStore;
import com.techradium.iris.core.TenantDirectory;
import com.techradium.iris.job.JobStore;
import com.techradium.iris.job.memory.InMemoryJobStore;
import java.util.Objects;

/**
 * The stores behind every facade, handed to {@link Iris.Builder#storage(IrisStorage)} in one piece:
 * {@link #inMemory()} here, {@code JdbcIris.storage(dataSource)} from iris-jdbc. A single store can
 * be swapped afterwards, e.g. the job store for Redis with {@link #withJobStore}.
 *
 * @param tenants which tenants exist; {@link TenantDirectory#acceptingAll()} accepts any
 * @param auditStore where the audit log keeps its events
 * @param jobStore where the job queue keeps its jobs
 */
public record IrisStorage(TenantDirectory tenants, AuditStore auditStore, JobStore jobStore) {
  public IrisStorage {
    Objects.requireNonNull(tenants, "tenants");
    Objects.requireNonNull(auditStore, "auditStore");
    Objects.requireNonNull(jobStore, "jobStore");
  }

  /**
   * Complete, thread-safe in-memory stores: for tests, demos and single-process tools. Nothing
   * survives the JVM. Every tenant is accepted.
   */
  public static IrisStorage inMemory() {
    return new IrisStorage(
        TenantDirectory.acceptingAll(), new InMemoryAuditStore(), new InMemoryJobStore());
  }

  /** The same stores with another tenant directory. */
  public IrisStorage withTenants(TenantDirectory directory) {
    return new IrisStorage(directory, auditStore, jobStore);
  }

  /** The same stores with another audit store. */
  public IrisStorage withAuditStore(AuditStore store) {
    return new IrisStorage(tenants, store, jobStore);
  }

  /** The same stores with another job store, e.g. {@code RedisJobStore} on the host's Redis. */
  public IrisStorage withJobStore(JobStore store) {
    return new IrisStorage(tenants, auditStore, store);
  }
}
