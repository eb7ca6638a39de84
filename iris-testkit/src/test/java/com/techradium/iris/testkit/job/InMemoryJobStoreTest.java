package com.techradium.iris.testkit.job;

import com.techradium.iris.job.JobStore;
import com.techradium.iris.job.memory.InMemoryJobStore;

/** The in-memory store held to the job store contract. */
class InMemoryJobStoreTest extends JobStoreContract {
  @Override
  protected JobStore createStore() {
    return new InMemoryJobStore();
  }
}
