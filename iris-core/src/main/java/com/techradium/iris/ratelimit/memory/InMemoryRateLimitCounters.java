package com.techradium.iris.ratelimit.memory;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.ratelimit.spi.CounterCheck;
import com.techradium.iris.ratelimit.spi.CounterResult;
import com.techradium.iris.ratelimit.spi.RateLimitCounters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Rate-limit counters in this JVM: one small state per (tenant, key) in a map per tenant, each
 * guarded by its own monitor, so requests on different keys never contend and a request's several
 * rules are decided under their keys' monitors taken in one global order (no deadlock, all or
 * none). A request under a single GCRA rule takes no monitor: its decision is one compare-and-set
 * of the key's state. Counters that are whole again are forgotten by a sweep about every {@value
 * #SWEEP_EVERY} calls, so memory follows the active keys. Uses the {@code now} it is given.
 * Thread-safe.
 */
public final class InMemoryRateLimitCounters implements RateLimitCounters {
  static final int SWEEP_EVERY = 1 << 16;

  private record Held(String mapKey, CounterState state) {}

  private final ConcurrentHashMap<TenantId, ConcurrentHashMap<String, CounterState>> tenants =
      new ConcurrentHashMap<>();

  /** Empty counters. */
  public InMemoryRateLimitCounters() {}

  @Override
  public List<CounterResult> acquire(
      TenantId tenant, List<CounterCheck> checks, Instant now, boolean consume) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(checks, "checks");
    long micros = RateLimitCounters.micros(Objects.requireNonNull(now, "now"));
    // One call in SWEEP_EVERY, drawn per thread: a shared call counter would be one contended
    // cache line on every decision.
    if (ThreadLocalRandom.current().nextInt(SWEEP_EVERY) == 0) {
      sweep(micros);
    }
    ConcurrentHashMap<String, CounterState> states = states(tenant);
    if (checks.size() == 1) {
      return List.of(acquireOne(states, checks.get(0), micros, consume));
    }
    while (true) {
      Held[] held = new Held[checks.size()];
      for (int i = 0; i < held.length; i++) {
        String key = checks.get(i).key();
        held[i] = new Held(key, state(states, key, checks.get(i)));
      }
      Held[] ordered = held.clone();
      Arrays.sort(ordered, Comparator.comparing(Held::mapKey));
      List<CounterResult> results = lockAll(ordered, 0, held, checks, micros, consume);
      if (results != null) {
        return results;
      }
    }
  }

  private static CounterResult acquireOne(
      ConcurrentHashMap<String, CounterState> states,
      CounterCheck check,
      long now,
      boolean consume) {
    String key = check.key();
    while (true) {
      CounterState state = state(states, key, check);
      if (state instanceof CounterState.GcraState gcra) {
        CounterResult result = gcra.decideAlone(check, now, consume);
        if (result != null) {
          return result;
        }
        continue;
      }
      synchronized (state) {
        if (!state.hold()) {
          continue;
        }
        try {
          CounterResult result = state.evaluate(check, now);
          if (consume && result.allowed()) {
            state.commit(check, now);
          }
          return result;
        } finally {
          state.release();
        }
      }
    }
  }

  /** Takes the monitors of {@code ordered} from {@code i} on, then decides; null if one died. */
  private static List<CounterResult> lockAll(
      Held[] ordered, int i, Held[] held, List<CounterCheck> checks, long now, boolean consume) {
    if (i < ordered.length) {
      synchronized (ordered[i].state()) {
        return lockAll(ordered, i + 1, held, checks, now, consume);
      }
    }
    int holding = 0;
    try {
      for (Held h : ordered) {
        if (!h.state().hold()) {
          return null;
        }
        holding++;
      }
      return decideHeld(held, checks, now, consume);
    } finally {
      for (int k = 0; k < holding; k++) {
        ordered[k].state().release();
      }
    }
  }

  /** Decides over states all held: all are taken, or none. */
  private static List<CounterResult> decideHeld(
      Held[] held, List<CounterCheck> checks, long now, boolean consume) {
    List<CounterResult> results = new ArrayList<>(held.length);
    boolean all = true;
    for (int k = 0; k < held.length; k++) {
      CounterResult result = held[k].state().evaluate(checks.get(k), now);
      results.add(result);
      all &= result.allowed();
    }
    if (consume && all) {
      for (int k = 0; k < held.length; k++) {
        held[k].state().commit(checks.get(k), now);
      }
    } else if (!all) {
      // Nothing was taken: an allowed check reports what it would have left.
      for (int k = 0; k < held.length; k++) {
        CounterResult r = results.get(k);
        if (r.allowed()) {
          results.set(k, new CounterResult(true, r.remaining(), r.resetAtMicros(), 0));
        }
      }
    }
    return results;
  }

  @Override
  public void reset(TenantId tenant, List<CounterCheck> checks) {
    Objects.requireNonNull(tenant, "tenant");
    ConcurrentHashMap<String, CounterState> states = states(tenant);
    for (CounterCheck check : checks) {
      String key = check.key();
      CounterState state = states.get(key);
      if (state != null) {
        synchronized (state) {
          state.retire();
          states.remove(key, state);
        }
      }
    }
  }

  /**
   * How many keys hold a counter now (for tests of the sweep).
   *
   * @return the number of keys with a counter
   */
  public int size() {
    int size = 0;
    for (ConcurrentHashMap<String, CounterState> states : tenants.values()) {
      size += states.size();
    }
    return size;
  }

  private ConcurrentHashMap<String, CounterState> states(TenantId tenant) {
    ConcurrentHashMap<String, CounterState> states = tenants.get(tenant);
    return states != null
        ? states
        : tenants.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>());
  }

  private static CounterState state(
      ConcurrentHashMap<String, CounterState> states, String key, CounterCheck check) {
    CounterState state = states.get(key);
    if (state != null && state.serves(check.rule())) {
      return state;
    }
    return states.compute(
        key,
        (k, old) -> {
          if (old != null && old.serves(check.rule())) {
            return old;
          }
          if (old != null) {
            // The rule changed algorithm: the old state no longer counts for it. Not under its
            // monitor: the sweep takes a monitor, then this map's lock.
            old.retire();
          }
          return CounterState.create(check.rule());
        });
  }

  private void sweep(long now) {
    // A tenant's (possibly empty) map stays: removing it could lose a state being added to it.
    for (ConcurrentHashMap<String, CounterState> states : tenants.values()) {
      states.forEach(
          (key, state) -> {
            synchronized (state) {
              if (state.retireIfIdle(now)) {
                states.remove(key, state);
              }
            }
          });
    }
  }
}
