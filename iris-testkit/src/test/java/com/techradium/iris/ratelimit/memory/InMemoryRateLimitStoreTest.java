package com.techradium.iris.ratelimit.memory;

import com.techradium.iris.ratelimit.spi.RateLimitStore;
import com.techradium.iris.testkit.ratelimit.RateLimitQuotaCheckContract;
import com.techradium.iris.testkit.ratelimit.RateLimitStoreContract;
import java.time.Clock;
import org.junit.jupiter.api.Nested;

/**
 * The in-memory store held to the store contract and, with in-memory counters, to checks with
 * quotas.
 */
class InMemoryRateLimitStoreTest extends RateLimitStoreContract {
  @Override
  protected RateLimitStore newStore(Clock clock) {
    return new InMemoryRateLimitStore();
  }

  /** Checks with quotas on the in-memory store and counters. */
  @Nested
  class QuotaChecks extends RateLimitQuotaCheckContract {
    @Override
    protected RateLimitStore newStore(Clock clock) {
      return new InMemoryRateLimitStore();
    }
  }
}
