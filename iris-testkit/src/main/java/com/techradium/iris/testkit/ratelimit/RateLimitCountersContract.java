package com.techradium.iris.testkit.ratelimit;

import com.techradium.iris.ratelimit.spi.RateLimitCounters;
import java.time.Clock;
import org.junit.jupiter.api.Nested;

/**
 * The behaviour every {@link RateLimitCounters} backend must show, in one class an adapter extends:
 * {@link CounterAlgorithmContract} and {@link CounterConcurrencyContract} run as nested groups
 * against the counters {@link #newStore(Clock)} returns. The counters must decide at the {@code
 * now} they are given (a backend on its own clock runs this suite in its caller-clock mode).
 *
 * <pre>{@code
 * class RedisRateLimitCountersTest extends RateLimitCountersContract {
 *   protected RateLimitCounters newStore(Clock clock) {
 *     return RedisRateLimitCounters.builder(jedis).callerClock().build();
 *   }
 * }
 * }</pre>
 */
public abstract class RateLimitCountersContract extends CounterContractSupport {
  /** Constructor for an adapter's test, which extends this suite. */
  public RateLimitCountersContract() {}

  /** {@link CounterAlgorithmContract} against the adapter's counters. */
  @Nested
  class Algorithms extends CounterAlgorithmContract {
    @Override
    protected RateLimitCounters newStore(Clock clock) {
      return RateLimitCountersContract.this.newStore(clock);
    }
  }

  /** {@link CounterConcurrencyContract} against the adapter's counters. */
  @Nested
  class Concurrency extends CounterConcurrencyContract {
    @Override
    protected RateLimitCounters newStore(Clock clock) {
      return RateLimitCountersContract.this.newStore(clock);
    }
  }
}
