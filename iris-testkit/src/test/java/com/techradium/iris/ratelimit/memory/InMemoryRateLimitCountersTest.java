package com.techradium.iris.ratelimit.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.ratelimit.RateLimitAlgorithm;
import com.techradium.iris.ratelimit.spi.CounterCheck;
import com.techradium.iris.ratelimit.spi.RateLimitCounters;
import com.techradium.iris.testkit.ratelimit.RateLimitCountersContract;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The in-memory counters held to the counter contract, plus their idle sweep. */
class InMemoryRateLimitCountersTest extends RateLimitCountersContract {
  @Override
  protected RateLimitCounters newStore(Clock clock) {
    return new InMemoryRateLimitCounters();
  }

  @Test
  void countersThatAreWholeAgainAreForgotten() {
    InMemoryRateLimitCounters counters = (InMemoryRateLimitCounters) store();
    TenantId tenant = newTenant();
    for (int i = 0; i < 100; i++) {
      CounterCheck check = check(rule(RateLimitAlgorithm.GCRA, 5, Duration.ofSeconds(1), 5));
      take(tenant, check);
    }
    assertThat(counters.size()).isEqualTo(100);
    clock.advance(Duration.ofSeconds(2));
    CounterCheck last = check(rule(RateLimitAlgorithm.TOKEN_BUCKET, 5, Duration.ofSeconds(1), 5));
    for (int i = 0; i < 20 * InMemoryRateLimitCounters.SWEEP_EVERY; i++) {
      peek(tenant, last);
    }

    assertThat(counters.size()).isLessThanOrEqualTo(1);
  }
}
