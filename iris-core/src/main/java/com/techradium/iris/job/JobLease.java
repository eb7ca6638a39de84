package com.techradium.iris.job;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The lease a worker holds on a running job.
 *
 * @param owner the claiming worker's name, for operators
 * @param token a fresh random value per claim; every lease-conditional store call names it, so a
 *     worker whose lease was taken over can never change the job again
 * @param expiresAt when the lease lapses unless renewed; after that the store's expiry sweep may
 *     hand the job to another worker
 */
public record JobLease(String owner, UUID token, Instant expiresAt) {
  /**
   * Creates a {@code JobLease}, checking its components.
   *
   * @param owner the claiming worker's name, for operators
   * @param token a fresh random value per claim; every lease-conditional store call names it, so a
   *     worker whose lease was taken over can never change the job again
   * @param expiresAt when the lease lapses unless renewed; after that the store's expiry sweep may
   *     hand the job to another worker
   */
  public JobLease {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
