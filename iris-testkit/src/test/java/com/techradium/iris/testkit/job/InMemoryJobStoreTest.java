package com.techradium.iris.testkit.job;

import com.techradium.iris.job.memory.InMemoryJobStore;
import com.techradium.iris.job.spi.JobStore;
import java.time.Clock;

/** The in-memory store held to the job store contract. */
class InMemoryJobStoreTest extends JobStoreContract {
  @Override
  protected JobStore newStore(Clock clock) {
    return new InMemoryJobStore();
  }
}
