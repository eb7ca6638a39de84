package com.techradium.iris.apikey;

import com.techradium.iris.apikey.spi.ApiKeyChangeFeed;
import com.techradium.iris.core.BackgroundService;
import com.techradium.iris.core.IrisRuntime;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key manager's background loop, on a dedicated runtime thread ({@code <runtime>-api-keys}):
 * reads the change feed every poll interval and drops the changed keys from the validation cache,
 * and writes usage counts every flush interval. On stop it writes the counts a last time. Holds no
 * thread of the runtime's shared pool. Thread-safe.
 */
final class ApiKeySync implements BackgroundService {
  private static final Logger LOG = LoggerFactory.getLogger(ApiKeySync.class);

  private final ValidationCache cache;
  private final ApiKeyChangeFeed feed;
  private final UsageRecorder usage;
  private final Clock clock;
  private final long pollNanos;
  private final long flushNanos;
  private final Object monitor = new Object();
  private boolean running;
  private boolean stopping;
  private String cursor = "";

  ApiKeySync(
      ValidationCache cache,
      ApiKeyChangeFeed feed,
      UsageRecorder usage,
      Clock clock,
      Duration pollInterval,
      Duration flushInterval) {
    this.cache = cache;
    this.feed = feed;
    this.usage = usage;
    this.clock = clock;
    this.pollNanos = pollInterval.toNanos();
    this.flushNanos = flushInterval.toNanos();
  }

  @Override
  public String name() {
    return "api-keys";
  }

  @Override
  public void start(IrisRuntime runtime) {
    synchronized (monitor) {
      if (running) {
        return;
      }
      running = true;
    }
    try {
      cursor = feed.latestCursor();
    } catch (RuntimeException e) {
      LOG.warn("could not read the API key change feed; the cache is dropped until it can", e);
      cursor = "";
    }
    runtime.startThread(name(), this::loop);
  }

  private void loop() {
    long nextFlush = System.nanoTime() + flushNanos;
    boolean feedMissed = cursor.isEmpty() && feed != ApiKeyChangeFeed.NONE;
    while (true) {
      synchronized (monitor) {
        if (stopping) {
          break;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(monitor, Math.min(pollNanos, flushNanos));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
        if (stopping) {
          break;
        }
      }
      feedMissed = poll(feedMissed);
      if (System.nanoTime() - nextFlush >= 0) {
        flush();
        nextFlush = System.nanoTime() + flushNanos;
      }
    }
    flush();
  }

  /** Reads the feed once; returns whether it must be read from its newest change next time. */
  private boolean poll(boolean missed) {
    if (feed == ApiKeyChangeFeed.NONE) {
      return false;
    }
    try {
      if (missed) {
        cursor = feed.latestCursor();
        cache.invalidateAll();
        return false;
      }
      ApiKeyChangeFeed.Changes changes = feed.readAfter(cursor);
      if (!changes.complete()) {
        cache.invalidateAll();
      } else {
        changes.secretHashes().forEach(cache::invalidate);
      }
      cursor = changes.cursor();
      return false;
    } catch (RuntimeException e) {
      // Changes may be missed while the feed is down: drop the cache now and again once it is back.
      LOG.warn("could not read the API key change feed; dropping the validation cache", e);
      cache.invalidateAll();
      return true;
    }
  }

  private void flush() {
    try {
      usage.flush(clock.instant());
    } catch (RuntimeException e) {
      LOG.warn("could not write API key usage; it is kept for the next flush", e);
    }
  }

  @Override
  public void stop(Duration timeout) {
    synchronized (monitor) {
      stopping = true;
      monitor.notifyAll();
    }
  }
}
