package com.techradium.iris.job.spi;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.job.JobState;
import java.util.Objects;
import java.util.UUID;

/**
 * Names a claimed job and the lease its caller believes it holds. Store calls taking a {@code
 * LeaseRef} act only while the job is {@link JobState#RUNNING} under exactly this token.
 *
 * @param tenant the job's tenant
 * @param jobId the job's id
 * @param token the lease token returned by the claim
 */
public record LeaseRef(TenantId tenant, UUID jobId, UUID token) {
  /**
   * Creates a {@code LeaseRef}, checking its components.
   *
   * @param tenant the job's tenant
   * @param jobId the job's id
   * @param token the lease token returned by the claim
   */
  public LeaseRef {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(token, "token");
  }
}
