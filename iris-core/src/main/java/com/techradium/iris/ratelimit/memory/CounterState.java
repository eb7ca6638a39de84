package com.techradium.iris.ratelimit.memory;

import com.techradium.iris.ratelimit.RateLimitAlgorithm;
import com.techradium.iris.ratelimit.RateLimitRule;
import com.techradium.iris.ratelimit.spi.CounterCheck;
import com.techradium.iris.ratelimit.spi.CounterResult;
import com.techradium.iris.ratelimit.spi.Gcra;
import com.techradium.iris.ratelimit.spi.SlidingWindowCounter;
import com.techradium.iris.ratelimit.spi.SlidingWindowLog;
import com.techradium.iris.ratelimit.spi.TokenBucket;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/**
 * One key's counter in memory, applying the algorithm's pure functions. Guarded by its own monitor:
 * callers hold it across {@link #hold}, {@link #evaluate}, {@link #commit} and {@link #release}. A
 * state removed by the idle sweep or a reset is retired under the monitor, and callers that find it
 * so look the key up again.
 *
 * <p>GCRA's whole state is one number, so a decision on a GCRA key alone skips the monitor: {@link
 * GcraState#decideAlone} is one compare-and-set. A decision over several keys, and the sweep, still
 * take the monitor and then hold the number ({@link #hold}) so that no lone decision changes it
 * between their reading and their writing.
 */
abstract sealed class CounterState {
  volatile boolean dead;

  /**
   * Holds the state for a decision under the monitor; false when it has been retired. Paired with
   * {@link #release()}.
   */
  boolean hold() {
    return !dead;
  }

  /** Ends a {@link #hold()}: what {@link #commit} wrote becomes visible to lone decisions. */
  void release() {}

  /** Retires the state if it is whole at {@code now}; called under the monitor. */
  boolean retireIfIdle(long now) {
    if (!idle(now)) {
      return false;
    }
    dead = true;
    return true;
  }

  /** Retires the state whatever it counts (a reset); called under the monitor. */
  void retire() {
    dead = true;
  }

  /** The answer at {@code now} without changing the count. */
  abstract CounterResult evaluate(CounterCheck check, long now);

  /** Takes the permits of an allowed {@code check}. */
  abstract void commit(CounterCheck check, long now);

  /** Whether the counter is whole at {@code now}, so forgetting it changes no answer. */
  abstract boolean idle(long now);

  /** Whether this state can serve {@code rule} (same algorithm and, for a log, same limit). */
  abstract boolean serves(RateLimitRule rule);

  static CounterState create(RateLimitRule rule) {
    return switch (rule.algorithm()) {
      case GCRA -> new GcraState();
      case TOKEN_BUCKET -> new TokenState();
      case SLIDING_WINDOW_COUNTER -> new WindowCounterState();
      case SLIDING_WINDOW_LOG -> new LogState((int) rule.limit());
    };
  }

  static final class GcraState extends CounterState {
    /** {@link #tat} while a decision under the monitor holds it. */
    private static final long HELD = -1;

    /** {@link #tat} of a retired state. */
    private static final long RETIRED = -2;

    private static final VarHandle TAT;

    static {
      try {
        TAT = MethodHandles.lookup().findVarHandle(GcraState.class, "tat", long.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    /**
     * The theoretical arrival time (micros, 0 for a new key), or {@link #HELD} / {@link #RETIRED}.
     */
    private volatile long tat;

    /** The value of {@link #tat} a decision under the monitor works on between hold and release. */
    private long held;

    /** The last rule asked about and its emission interval, replaced whole (racy but benign). */
    private Interval interval = new Interval(null, 0);

    private record Interval(@Nullable RateLimitRule rule, long micros) {}

    private long interval(RateLimitRule rule) {
      Interval cached = interval;
      if (cached.rule() == rule) {
        return cached.micros();
      }
      long micros = Gcra.interval(rule);
      interval = new Interval(rule, micros);
      return micros;
    }

    /**
     * The decision on this key alone, without the monitor; null when the state was retired and the
     * key must be looked up again.
     */
    @Nullable CounterResult decideAlone(CounterCheck check, long now, boolean consume) {
      RateLimitRule rule = check.rule();
      long interval = interval(rule);
      while (true) {
        long current = tat;
        if (current == RETIRED) {
          return null;
        }
        if (current == HELD) {
          Thread.onSpinWait();
          continue;
        }
        long admitted = Gcra.admit(current, now, check.cost(), interval, rule.burst());
        CounterResult result =
            Gcra.result(current, admitted, now, check.cost(), interval, rule.burst());
        if (!consume || admitted < 0 || TAT.compareAndSet(this, current, admitted)) {
          return result;
        }
      }
    }

    @Override
    boolean hold() {
      while (true) {
        long current = tat;
        if (current == RETIRED) {
          return false;
        }
        // HELD is only ever set by a holder of the monitor, which the caller is: never seen here.
        if (TAT.compareAndSet(this, current, HELD)) {
          held = current;
          return true;
        }
      }
    }

    @Override
    void release() {
      tat = held;
    }

    @Override
    CounterResult evaluate(CounterCheck check, long now) {
      RateLimitRule rule = check.rule();
      long interval = interval(rule);
      long admitted = Gcra.admit(held, now, check.cost(), interval, rule.burst());
      return Gcra.result(held, admitted, now, check.cost(), interval, rule.burst());
    }

    @Override
    void commit(CounterCheck check, long now) {
      held = Math.max(held, now) + check.cost() * interval(check.rule());
    }

    @Override
    boolean retireIfIdle(long now) {
      while (true) {
        long current = tat;
        if (current == RETIRED) {
          return true;
        }
        if (current > now) {
          return false;
        }
        if (TAT.compareAndSet(this, current, RETIRED)) {
          dead = true;
          return true;
        }
      }
    }

    @Override
    void retire() {
      tat = RETIRED;
      dead = true;
    }

    @Override
    boolean idle(long now) {
      long current = tat;
      return current == RETIRED || (current != HELD && current <= now);
    }

    @Override
    boolean serves(RateLimitRule rule) {
      return rule.algorithm() == RateLimitAlgorithm.GCRA;
    }
  }

  static final class TokenState extends CounterState {
    private double tokens = -1;
    private long last;
    private long burst;

    private double available(RateLimitRule rule, long now) {
      if (tokens < 0) {
        return rule.burst();
      }
      return TokenBucket.refill(tokens, last, now, rule.limit(), rule.windowMicros(), rule.burst());
    }

    @Override
    CounterResult evaluate(CounterCheck check, long now) {
      RateLimitRule rule = check.rule();
      return TokenBucket.result(
          available(rule, now), now, check.cost(), rule.limit(), rule.windowMicros(), rule.burst());
    }

    @Override
    void commit(CounterCheck check, long now) {
      tokens = available(check.rule(), now) - check.cost();
      last = Math.max(last, now);
      burst = check.rule().burst();
    }

    @Override
    boolean idle(long now) {
      return tokens < 0 || (last < now && tokens >= burst);
    }

    @Override
    boolean serves(RateLimitRule rule) {
      return rule.algorithm() == RateLimitAlgorithm.TOKEN_BUCKET;
    }
  }

  static final class WindowCounterState extends CounterState {
    private long start = Long.MIN_VALUE;
    private long previous;
    private long current;
    private long window = 1;

    private void roll(long now, long window) {
      long newStart = SlidingWindowCounter.windowStart(now, window);
      if (start == Long.MIN_VALUE || this.window != window) {
        start = newStart;
        previous = 0;
        current = 0;
        this.window = window;
      } else if (newStart > start) {
        previous = SlidingWindowCounter.rolledPrevious(start, previous, current, newStart, window);
        current = 0;
        start = newStart;
      }
    }

    @Override
    CounterResult evaluate(CounterCheck check, long now) {
      RateLimitRule rule = check.rule();
      roll(now, rule.windowMicros());
      return SlidingWindowCounter.result(
          start, previous, current, now, check.cost(), rule.limit(), rule.windowMicros());
    }

    @Override
    void commit(CounterCheck check, long now) {
      roll(now, check.rule().windowMicros());
      current += check.cost();
    }

    @Override
    boolean idle(long now) {
      return start == Long.MIN_VALUE || now >= start + 2 * window;
    }

    @Override
    boolean serves(RateLimitRule rule) {
      return rule.algorithm() == RateLimitAlgorithm.SLIDING_WINDOW_COUNTER;
    }
  }

  static final class LogState extends CounterState {
    private final long[] ring;
    private int head;
    private int size;
    private long window = 1;

    LogState(int capacity) {
      this.ring = new long[capacity];
    }

    private void expire(long now, long window) {
      this.window = window;
      while (size > 0 && ring[head] <= now - window) {
        head = (head + 1) % ring.length;
        size--;
      }
    }

    @Override
    CounterResult evaluate(CounterCheck check, long now) {
      RateLimitRule rule = check.rule();
      long window = rule.windowMicros();
      expire(now, window);
      int needed = size + check.cost() - ring.length;
      long oldestNeeded =
          needed >= 1 && needed <= size ? ring[(head + needed - 1) % ring.length] : now;
      long newest = size > 0 ? ring[(head + size - 1) % ring.length] : now;
      return SlidingWindowLog.result(
          size, oldestNeeded, newest, now, check.cost(), rule.limit(), window);
    }

    @Override
    void commit(CounterCheck check, long now) {
      expire(now, check.rule().windowMicros());
      for (int i = 0; i < check.cost(); i++) {
        ring[(head + size) % ring.length] = now;
        size++;
      }
    }

    @Override
    boolean idle(long now) {
      return size == 0 || ring[(head + size - 1) % ring.length] <= now - window;
    }

    @Override
    boolean serves(RateLimitRule rule) {
      return rule.algorithm() == RateLimitAlgorithm.SLIDING_WINDOW_LOG
          && rule.limit() == ring.length;
    }
  }
}
