package com.techradium.iris.ratelimit.memory;

import com.techradium.iris.ratelimit.spi.RateLimitStore;
import com.techradium.iris.testkit.ratelimit.RateLimitStoreContract;
import java.time.Clock;

/** The in-memory store held to the store contract. */
class InMemoryRateLimitStoreTest extends RateLimitStoreContract {
  @Override
  protected RateLimitStore newStore(Clock clock) {
    return new InMemoryRateLimitStore();
  }
}
