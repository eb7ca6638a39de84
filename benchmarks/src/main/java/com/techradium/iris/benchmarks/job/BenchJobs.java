package com.techradium.iris.benchmarks.job;

import com.techradium.iris.job.ParentFailurePolicy;
import com.techradium.iris.job.spi.NewJob;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The plain job every store benchmark inserts: 3 attempts, a minute's timeout, no key, no parent.
 */
final class BenchJobs {
  private BenchJobs() {}

  /**
   * A plain job.
   *
   * @param id its id
   * @param queue its queue
   * @param type its handler type
   * @param payload its JSON payload
   * @param priority its priority
   * @param runAt when it becomes due
   * @return the job to insert
   */
  static NewJob plain(
      UUID id, String queue, String type, String payload, int priority, Instant runAt) {
    return new NewJob(
        id,
        queue,
        type,
        payload,
        priority,
        runAt,
        3,
        Duration.ofMinutes(1),
        null,
        null,
        null,
        List.of(),
        ParentFailurePolicy.FAIL);
  }
}
