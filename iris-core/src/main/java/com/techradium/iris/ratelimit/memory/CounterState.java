package com.techradium.iris.ratelimit.memory;

import com.techradium.iris.ratelimit.RateLimitAlgorithm;
import com.techradium.iris.ratelimit.RateLimitRule;
import com.techradium.iris.ratelimit.spi.CounterCheck;
import com.techradium.iris.ratelimit.spi.CounterResult;
import com.techradium.iris.ratelimit.spi.Gcra;
import com.techradium.iris.ratelimit.spi.SlidingWindowCounter;
import com.techradium.iris.ratelimit.spi.SlidingWindowLog;
import com.techradium.iris.ratelimit.spi.TokenBucket;
import org.jspecify.annotations.Nullable;

/**
 * One key's counter in memory, applying the algorithm's pure functions. Guarded by its own monitor:
 * callers hold it across {@link #evaluate} and {@link #commit}. A state removed by the idle sweep
 * is marked {@link #dead} under the monitor, and callers that find it so look the key up again.
 */
abstract sealed class CounterState {
  volatile boolean dead;

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
    private long tat;
    private @Nullable RateLimitRule intervalOf;
    private long interval;

    /** The rule's emission interval, kept while the same rule instance is asked about. */
    private long interval(RateLimitRule rule) {
      if (rule != intervalOf) {
        interval = Gcra.interval(rule);
        intervalOf = rule;
      }
      return interval;
    }

    @Override
    CounterResult evaluate(CounterCheck check, long now) {
      RateLimitRule rule = check.rule();
      long interval = interval(rule);
      long admitted = Gcra.admit(tat, now, check.cost(), interval, rule.burst());
      return Gcra.result(tat, admitted, now, check.cost(), interval, rule.burst());
    }

    @Override
    void commit(CounterCheck check, long now) {
      tat = Math.max(tat, now) + check.cost() * interval(check.rule());
    }

    @Override
    boolean idle(long now) {
      return tat <= now;
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
