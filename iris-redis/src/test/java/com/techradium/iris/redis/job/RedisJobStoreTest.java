package com.techradium.iris.redis.job;

import com.techradium.iris.job.JobStore;
import com.techradium.iris.testkit.RedisExtension;
import com.techradium.iris.testkit.job.JobStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis job store held to the job store contract, on a real Redis. */
class RedisJobStoreTest extends JobStoreContract {
  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  @Override
  protected JobStore createStore() {
    return RedisJobStore.create(redis.client());
  }
}
