package com.techradium.iris.ratelimit;

import com.techradium.iris.core.StorageException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.ratelimit.memory.InMemoryRateLimitCounters;
import com.techradium.iris.ratelimit.spi.CounterCheck;
import com.techradium.iris.ratelimit.spi.CounterResult;
import com.techradium.iris.ratelimit.spi.RateLimitCounters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the counter backend and applies each rule's {@link UnavailablePolicy} when it fails. After
 * a failure the backend is left alone for {@code pause} (one WARN, not an exception per request),
 * then tried again; the first success ends the outage (one INFO).
 */
final class CounterGuard {
  private static final Logger LOG = LoggerFactory.getLogger(CounterGuard.class);

  private final RateLimitCounters counters;
  private final InMemoryRateLimitCounters local = new InMemoryRateLimitCounters();
  private final int expectedNodes;
  private final long pauseMicros;
  private volatile long pausedUntil = Long.MIN_VALUE;
  private volatile boolean down;

  CounterGuard(RateLimitCounters counters, int expectedNodes, Duration pause) {
    this.counters = counters;
    this.expectedNodes = expectedNodes;
    this.pauseMicros = pause.toNanos() / 1000;
  }

  boolean isDown() {
    return down;
  }

  List<CounterResult> acquire(
      TenantId tenant, List<CounterCheck> checks, Instant now, long nowMicros, boolean consume) {
    if (nowMicros < pausedUntil) {
      return fallback(tenant, checks, now, nowMicros, consume);
    }
    try {
      List<CounterResult> results = counters.acquire(tenant, checks, now, consume);
      if (down) {
        down = false;
        LOG.info("the rate-limit counter backend answers again; shared counting resumed");
      }
      return results;
    } catch (StorageException e) {
      pausedUntil = nowMicros + pauseMicros;
      if (!down) {
        down = true;
        LOG.warn(
            "the rate-limit counter backend failed; rules apply their unavailable policy and the"
                + " backend is retried every {}",
            Duration.ofNanos(pauseMicros * 1000),
            e);
      }
      return fallback(tenant, checks, now, nowMicros, consume);
    }
  }

  void reset(TenantId tenant, List<CounterCheck> checks) {
    local.reset(tenant, checks);
    try {
      counters.reset(tenant, checks);
    } catch (StorageException e) {
      LOG.warn("could not reset rate-limit counters: the backend is unavailable", e);
    }
  }

  private List<CounterResult> fallback(
      TenantId tenant, List<CounterCheck> checks, Instant now, long nowMicros, boolean consume) {
    CounterResult[] results = new CounterResult[checks.size()];
    boolean closed = false;
    List<CounterCheck> locals = new ArrayList<>();
    List<Integer> localIndex = new ArrayList<>();
    for (int i = 0; i < checks.size(); i++) {
      CounterCheck check = checks.get(i);
      RateLimitRule rule = check.rule();
      switch (rule.onUnavailable()) {
        case FAIL_OPEN ->
            results[i] = new CounterResult(true, rule.limit(), nowMicros + rule.windowMicros(), 0);
        case FAIL_CLOSED -> {
          closed = true;
          results[i] =
              new CounterResult(false, 0, nowMicros + pauseMicros, Math.max(1, pauseMicros));
        }
        case LOCAL_FALLBACK -> {
          locals.add(new CounterCheck(check.key(), share(rule), check.cost()));
          localIndex.add(i);
        }
      }
    }
    if (!locals.isEmpty()) {
      List<CounterResult> decided = local.acquire(tenant, locals, now, consume && !closed);
      for (int k = 0; k < decided.size(); k++) {
        results[localIndex.get(k)] = decided.get(k);
      }
    }
    return Arrays.asList(results);
  }

  /** This node's share of a rule: its limit and burst divided by the expected nodes. */
  private RateLimitRule share(RateLimitRule rule) {
    long limit = Math.max(1, rule.limit() / expectedNodes);
    long burst = Math.max(1, rule.burst() / expectedNodes);
    return new RateLimitRule(
        rule.name(),
        rule.resource(),
        rule.scope(),
        rule.algorithm(),
        limit,
        rule.window(),
        burst,
        rule.onUnavailable());
  }
}
