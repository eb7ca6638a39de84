package com.techradium.iris.redis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.ratelimit.RateLimitAlgorithm;
import com.techradium.iris.ratelimit.RateLimitRequest;
import com.techradium.iris.ratelimit.RateLimitRule;
import com.techradium.iris.ratelimit.RateLimitScope;
import com.techradium.iris.ratelimit.RateLimiter;
import com.techradium.iris.ratelimit.UnavailablePolicy;
import com.techradium.iris.ratelimit.memory.InMemoryRateLimitStore;
import com.techradium.iris.ratelimit.spi.CounterCheck;
import com.techradium.iris.ratelimit.spi.CounterResult;
import com.techradium.iris.ratelimit.spi.RateLimitCounters;
import com.techradium.iris.redis.OwnRedisServer;
import com.techradium.iris.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * Redis stopped in the middle of a test (a server of this class's own): each rule's unavailable
 * policy holds, the backend is not called again during the pause, and shared counting resumes by
 * itself once Redis is back.
 */
class RedisUnavailableTest {
  private final MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  private final TenantId tenant = TenantId.of("acme");
  private final AtomicInteger backendCalls = new AtomicInteger();
  private OwnRedisServer server;
  private RedisClient client;
  private RateLimiter limiter;

  /** The Redis counters, counting the calls the limiter makes to them. */
  private final class Counted implements RateLimitCounters {
    private final RateLimitCounters redis;

    Counted(RateLimitCounters redis) {
      this.redis = redis;
    }

    @Override
    public List<CounterResult> acquire(
        TenantId t, List<CounterCheck> checks, Instant now, boolean consume) {
      backendCalls.incrementAndGet();
      return redis.acquire(t, checks, now, consume);
    }

    @Override
    public void reset(TenantId t, List<CounterCheck> checks) {
      redis.reset(t, checks);
    }
  }

  @BeforeEach
  void setUp() {
    server = OwnRedisServer.start();
    client = server.client();
    limiter =
        RateLimiter.builder()
            .clock(clock)
            .store(new InMemoryRateLimitStore())
            .counters(new Counted(RedisRateLimitCounters.builder(client).callerClock().build()))
            .expectedNodes(2)
            .unavailablePause(Duration.ofSeconds(1))
            .build();
    limiter.saveRule(tenant, rule("open", UnavailablePolicy.FAIL_OPEN));
    limiter.saveRule(tenant, rule("closed", UnavailablePolicy.FAIL_CLOSED));
    limiter.saveRule(tenant, rule("local", UnavailablePolicy.LOCAL_FALLBACK));
  }

  @AfterEach
  void tearDown() {
    client.close();
    server.close();
  }

  private static RateLimitRule rule(String name, UnavailablePolicy policy) {
    return RateLimitRule.of(name, name, 10, Duration.ofHours(1), RateLimitScope.TENANT)
        .withAlgorithm(RateLimitAlgorithm.GCRA)
        .withOnUnavailable(policy);
  }

  private int admitted(String resource, int attempts) {
    int admitted = 0;
    for (int i = 0; i < attempts; i++) {
      if (limiter.check(RateLimitRequest.of(tenant, resource)).allowed()) {
        admitted++;
      }
    }
    return admitted;
  }

  @Test
  void eachRuleKeepsItsPolicyWhileRedisIsDownAndSharedCountingResumes() {
    assertThat(admitted("open", 20)).isEqualTo(10);

    server.stop();
    int callsBefore = backendCalls.get();
    assertThat(admitted("open", 20)).isEqualTo(20);
    assertThat(admitted("closed", 20)).isZero();
    assertThat(admitted("local", 20)).isEqualTo(5);
    // One failed call, then the pause: no call (and no exception) per request.
    assertThat(backendCalls.get() - callsBefore).isEqualTo(1);

    clock.advance(Duration.ofSeconds(2));
    assertThat(admitted("closed", 1)).isZero();
    assertThat(backendCalls.get() - callsBefore).isEqualTo(2);

    server.restart();
    boolean recovered = false;
    for (int attempt = 0; attempt < 10 && !recovered; attempt++) {
      clock.advance(Duration.ofSeconds(2));
      recovered = limiter.check(RateLimitRequest.of(tenant, "closed")).allowed();
    }
    assertThat(recovered).isTrue();
    // Counted in Redis again: the restarted server starts empty, and the limit is the whole one.
    assertThat(admitted("closed", 20)).isEqualTo(9);
    assertThat(client.keys("iris:{acme}:rl:*")).isNotEmpty();
  }
}
