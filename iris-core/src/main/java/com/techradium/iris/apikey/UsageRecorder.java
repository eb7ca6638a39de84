package com.techradium.iris.apikey;

import com.techradium.iris.apikey.spi.ApiKeyStore;
import com.techradium.iris.apikey.spi.KeySighting;
import com.techradium.iris.apikey.spi.UsageIncrement;
import com.techradium.iris.core.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Counts validations per key and hour, and remembers when each key (and its rotated-away secret)
 * was last seen, in memory; {@link #flush} writes both to the store in one batch. Validation only
 * touches in-memory counters ({@link #record}) and never waits on a write.
 *
 * <p>Last-used times are coalesced: a key's sighting is written at most once per {@link
 * #SIGHTING_INTERVAL} per node. Counts are bounded by {@code maxSlots} (key, hour) pairs held
 * between flushes; past that, new pairs are counted as dropped rather than held. A failed write is
 * put back to be tried at the next flush. Thread-safe.
 */
final class UsageRecorder {
  /** At most one write of a key's last-used time per this interval, per node. */
  static final Duration SIGHTING_INTERVAL = Duration.ofMinutes(1);

  private record Slot(TenantId tenant, UUID keyId, long hour) {}

  private static final class Sighting {
    final TenantId tenant;
    volatile @Nullable Instant lastUsed;
    volatile @Nullable Instant previousSeen;
    // Guarded by the flush lock.
    @Nullable Instant lastUsedWritten;
    @Nullable Instant previousWritten;

    Sighting(TenantId tenant) {
      this.tenant = tenant;
    }
  }

  private final ApiKeyStore store;
  private final int maxSlots;
  private final Map<Slot, LongAdder> counts = new ConcurrentHashMap<>();
  private final Map<UUID, Sighting> sightings = new ConcurrentHashMap<>();
  private final AtomicLong dropped = new AtomicLong();
  private final Object flushLock = new Object();

  UsageRecorder(ApiKeyStore store, int maxSlots) {
    this.store = store;
    this.maxSlots = maxSlots;
  }

  /** Counts one validation of a key at {@code now}. Never blocks on I/O. */
  void record(TenantId tenant, UUID keyId, Instant now, boolean previousSecret) {
    long hour = now.getEpochSecond() / 3600;
    Slot slot = new Slot(tenant, keyId, hour);
    LongAdder adder = counts.get(slot);
    if (adder == null) {
      if (counts.size() >= maxSlots) {
        dropped.incrementAndGet();
      } else {
        counts.computeIfAbsent(slot, s -> new LongAdder()).increment();
      }
    } else {
      adder.increment();
    }
    Sighting sighting = sightings.get(keyId);
    if (sighting == null) {
      if (sightings.size() >= maxSlots) {
        return;
      }
      sighting = sightings.computeIfAbsent(keyId, k -> new Sighting(tenant));
    }
    long minute = now.getEpochSecond() / 60;
    if (previousSecret) {
      Instant seen = sighting.previousSeen;
      if (seen == null || seen.getEpochSecond() / 60 < minute) {
        sighting.previousSeen = Instant.ofEpochSecond(minute * 60);
      }
    } else {
      Instant seen = sighting.lastUsed;
      if (seen == null || seen.getEpochSecond() / 60 < minute) {
        sighting.lastUsed = Instant.ofEpochSecond(minute * 60);
      }
    }
  }

  /** Validations not held because {@code maxSlots} was reached, since the start. */
  long dropped() {
    return dropped.get();
  }

  /**
   * Writes the counts and due sightings gathered so far in one store call; on failure puts the
   * counts back and rethrows.
   *
   * @return how many validations were written
   */
  long flush(Instant now) {
    synchronized (flushLock) {
      long currentHour = now.getEpochSecond() / 3600;
      List<UsageIncrement> increments = new ArrayList<>();
      List<Slot> slots = new ArrayList<>();
      long total = 0;
      for (Map.Entry<Slot, LongAdder> entry : counts.entrySet()) {
        Slot slot = entry.getKey();
        long n = entry.getValue().sumThenReset();
        if (n > 0) {
          increments.add(
              new UsageIncrement(
                  slot.tenant(), slot.keyId(), Instant.ofEpochSecond(slot.hour() * 3600), n));
          slots.add(slot);
          total += n;
        } else if (slot.hour() < currentHour - 1) {
          counts.remove(slot, entry.getValue());
        }
      }
      List<KeySighting> due = new ArrayList<>();
      List<Sighting> written = new ArrayList<>();
      for (Map.Entry<UUID, Sighting> entry : sightings.entrySet()) {
        Sighting s = entry.getValue();
        Instant used = s.lastUsed;
        Instant previous = s.previousSeen;
        Instant usedDue = due(used, s.lastUsedWritten);
        Instant previousDue = due(previous, s.previousWritten);
        if (usedDue != null || previousDue != null) {
          due.add(new KeySighting(s.tenant, entry.getKey(), usedDue, previousDue));
          written.add(s);
        } else if (settled(used, s.lastUsedWritten, now)
            && settled(previous, s.previousWritten, now)) {
          // Written and quiet for a while: forget it, so that keys no longer used free their slot.
          sightings.remove(entry.getKey(), s);
        }
      }
      if (increments.isEmpty() && due.isEmpty()) {
        return 0;
      }
      try {
        store.recordUsage(increments, due);
      } catch (RuntimeException e) {
        for (int i = 0; i < increments.size(); i++) {
          counts.computeIfAbsent(slots.get(i), k -> new LongAdder()).add(increments.get(i).count());
        }
        throw e;
      }
      for (int i = 0; i < written.size(); i++) {
        KeySighting sighting = due.get(i);
        Sighting s = written.get(i);
        if (sighting.lastUsedAt() != null) {
          s.lastUsedWritten = sighting.lastUsedAt();
        }
        if (sighting.previousLastSeenAt() != null) {
          s.previousWritten = sighting.previousLastSeenAt();
        }
      }
      return total;
    }
  }

  /** Whether a sighting was written and is more than one interval old. */
  private static boolean settled(@Nullable Instant seen, @Nullable Instant written, Instant now) {
    return seen == null
        || (seen.equals(written)
            && seen.plus(SIGHTING_INTERVAL).isBefore(now.minus(SIGHTING_INTERVAL)));
  }

  /** A sighting is due when it is at least {@link #SIGHTING_INTERVAL} past the last one written. */
  private static @Nullable Instant due(@Nullable Instant seen, @Nullable Instant written) {
    if (seen == null) {
      return null;
    }
    if (written == null || !seen.isBefore(written.plus(SIGHTING_INTERVAL))) {
      return seen;
    }
    return null;
  }
}
