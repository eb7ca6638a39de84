package com.techradium.iris.core;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Generates UUIDv7 identifiers (RFC 9562): a 48-bit Unix-millisecond timestamp from the injected
 * clock, then a 12-bit sequence and 62 random bits. Ids from one generator are strictly increasing
 * even when many are made within one millisecond or the clock steps back, so they sort by creation
 * and index well as primary keys.
 *
 * <p>Thread-safe.
 */
public final class TimeOrderedIds {
  private static final SecureRandom SEED = new SecureRandom();

  private final Clock clock;
  private long lastMillis = -1;
  private int sequence;

  /**
   * Creates a generator on a clock.
   *
   * @param clock the clock whose time goes into the ids
   */
  public TimeOrderedIds(Clock clock) {
    this.clock = java.util.Objects.requireNonNull(clock, "clock");
  }

  /**
   * The next id, later than every id this generator made before.
   *
   * @return a new UUIDv7
   */
  public UUID next() {
    long millis;
    int seq;
    synchronized (this) {
      millis = Math.max(clock.millis(), lastMillis);
      if (millis == lastMillis) {
        sequence++;
        if (sequence > 0xFFF) {
          millis++;
          sequence = 0;
        }
      } else {
        sequence = SEED.nextInt(0x400);
      }
      lastMillis = millis;
      seq = sequence;
    }
    return build(millis, seq, SEED.nextLong());
  }

  /**
   * The creation instant encoded in a UUIDv7, to the millisecond.
   *
   * @param id a UUIDv7
   * @return its timestamp, truncated to milliseconds
   */
  public static Instant timestampOf(UUID id) {
    if (id.version() != 7) {
      throw new IllegalArgumentException("not a UUIDv7: " + id);
    }
    return Instant.ofEpochMilli(id.getMostSignificantBits() >>> 16);
  }

  /**
   * The smallest UUIDv7 that can carry the given instant: useful as an exclusive lower bound for
   * "ids created at or after" range queries.
   *
   * @param instant the instant
   * @return the smallest UUIDv7 with that millisecond timestamp
   */
  public static UUID lowerBound(Instant instant) {
    return new UUID((instant.toEpochMilli() << 16) | 0x7000L, 0x8000_0000_0000_0000L);
  }

  private static UUID build(long millis, int seq, long random) {
    long msb = (millis << 16) | 0x7000L | (seq & 0xFFFL);
    long lsb = (random & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb);
  }
}
