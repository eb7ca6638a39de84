package com.techradium.iris.redis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.ratelimit.RateLimitAlgorithm;
import com.techradium.iris.ratelimit.RateLimitRequest;
import com.techradium.iris.ratelimit.RateLimitRule;
import com.techradium.iris.ratelimit.RateLimitScope;
import com.techradium.iris.ratelimit.RateLimiter;
import com.techradium.iris.ratelimit.memory.InMemoryRateLimitStore;
import com.techradium.iris.ratelimit.spi.CounterCheck;
import com.techradium.iris.ratelimit.spi.CounterResult;
import com.techradium.iris.ratelimit.spi.RateLimitCounters;
import com.techradium.iris.ratelimit.spi.RateLimitStore;
import com.techradium.iris.redis.internal.RedisKeys;
import com.techradium.iris.testkit.RedisExtension;
import com.techradium.iris.testkit.ratelimit.RateLimitCountersContract;
import com.techradium.iris.testkit.ratelimit.RateLimitQuotaCheckContract;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The Redis counters held to the counter contract on a real Redis (in caller-clock mode, so the
 * test clock drives them) and to checks with quotas, plus what is particular to Redis: keys under
 * the tenant's hash tag whatever the input, and the server's clock by default.
 */
class RedisRateLimitCountersTest extends RateLimitCountersContract {
  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  @Override
  protected RateLimitCounters newStore(Clock clock) {
    return RedisRateLimitCounters.builder(redis.client()).callerClock().build();
  }

  /** Checks with quotas whose rules these counters decide (quotas in an in-memory store). */
  @Nested
  class QuotaChecks extends RateLimitQuotaCheckContract {
    @Override
    protected RateLimitStore newStore(Clock clock) {
      return new InMemoryRateLimitStore();
    }

    @Override
    protected RateLimitCounters counters() {
      return RedisRateLimitCounters.builder(redis.client()).callerClock().build();
    }
  }

  @Test
  void everyKeyOfATenantSitsInItsSlotWhateverTheInput() {
    TenantId tenant = newTenant();
    RateLimiter limiter =
        RateLimiter.builder()
            .clock(clock)
            .store(new InMemoryRateLimitStore())
            .counters(store())
            .build();
    limiter.saveRule(
        tenant,
        RateLimitRule.of(
                "composite",
                "api",
                5,
                Duration.ofMinutes(1),
                RateLimitScope.USER,
                RateLimitScope.IP)
            .withAlgorithm(RateLimitAlgorithm.SLIDING_WINDOW_LOG));
    String[] hostile = {
      "}", "{", ":", "a\nb", "x".repeat(256), "}:iris:{victim}:rl:api:tenant", "{victim}"
    };
    for (String user : hostile) {
      limiter.check(RateLimitRequest.of(tenant, "api").user(user).ip("2001:db8::1"));
      limiter.check(RateLimitRequest.of(tenant, "api").apiKey(user));
    }

    Set<String> keys = new HashSet<>();
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page =
          redis
              .client()
              .scan(cursor, new ScanParams().match(RedisKeys.tenantPattern(tenant)).count(1000));
      keys.addAll(page.getResult());
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    assertThat(keys).hasSizeGreaterThanOrEqualTo(hostile.length);
    int slot = JedisClusterCRC16.getSlot(RedisKeys.hashTag(tenant));
    for (String key : keys) {
      assertThat(key).startsWith("iris:{" + tenant + "}:rl:").doesNotContain("\n");
      assertThat(key.substring(("iris:{" + tenant + "}").length())).doesNotContain("{", "}");
      assertThat(JedisClusterCRC16.getSlot(key)).isEqualTo(slot);
    }
  }

  @Test
  void byDefaultTheScriptReadsTheServersClockNotTheCallers() {
    TenantId tenant = newTenant();
    RedisRateLimitCounters serverTimed = RedisRateLimitCounters.create(redis.client());
    RateLimitRule rule =
        RateLimitRule.of("r-server", null, 2, Duration.ofMinutes(10), RateLimitScope.TENANT)
            .withAlgorithm(RateLimitAlgorithm.GCRA);
    CounterCheck check = new CounterCheck("r-server:tenant", rule, 1);
    Instant before = Instant.now();

    serverTimed.acquire(tenant, List.of(check), clock.instant(), true);
    serverTimed.acquire(tenant, List.of(check), clock.instant(), true);
    Instant farFuture = clock.instant().plus(Duration.ofDays(1));
    CounterResult denied = serverTimed.acquire(tenant, List.of(check), farFuture, true).get(0);

    assertThat(serverTimed.usesServerClock()).isTrue();
    assertThat(denied.allowed()).isFalse();
    long resetMillis = denied.resetAtMicros() / 1000;
    // The reset lies ten minutes after the server's now (this machine's clock), not the caller's.
    assertThat(resetMillis)
        .isBetween(
            before.plus(Duration.ofMinutes(10)).toEpochMilli() - 1000,
            Instant.now().plus(Duration.ofMinutes(10)).toEpochMilli() + 1000);
    RedisRateLimitCounters callerTimed =
        RedisRateLimitCounters.builder(redis.client()).callerClock().build();
    assertThat(callerTimed.usesServerClock()).isFalse();
  }
}
