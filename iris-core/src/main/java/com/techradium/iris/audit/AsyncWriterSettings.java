package com.techradium.iris.audit;

import java.time.Duration;
import java.util.Objects;

/**
 * Configures the asynchronous batching writer behind {@link AuditLog#enqueue}.
 *
 * @param capacity events the buffer holds (default 10,000)
 * @param batchSize events written per store call (default 500)
 * @param whenFull what enqueue does on a full buffer (default {@link FullBufferPolicy#BLOCK})
 * @param blockTimeout how long {@link FullBufferPolicy#BLOCK} waits (default 5 s)
 * @param maxRetryBackoff the longest pause between retries of a failed batch (default 5 s; retries
 *     start at 50 ms and double)
 */
public record AsyncWriterSettings(
    int capacity,
    int batchSize,
    FullBufferPolicy whenFull,
    Duration blockTimeout,
    Duration maxRetryBackoff) {
  /**
   * Creates an {@code AsyncWriterSettings}, checking its components.
   *
   * @param capacity events the buffer holds (default 10,000)
   * @param batchSize events written per store call (default 500)
   * @param whenFull what enqueue does on a full buffer (default {@link FullBufferPolicy#BLOCK})
   * @param blockTimeout how long {@link FullBufferPolicy#BLOCK} waits (default 5 s)
   * @param maxRetryBackoff the longest pause between retries of a failed batch (default 5 s;
   *     retries start at 50 ms and double)
   * @throws IllegalArgumentException if a component is out of range
   */
  public AsyncWriterSettings {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    if (batchSize < 1 || batchSize > capacity) {
      throw new IllegalArgumentException(
          "batchSize must be between 1 and capacity (" + capacity + "), got " + batchSize);
    }
    Objects.requireNonNull(whenFull, "whenFull");
    requirePositive(blockTimeout, "blockTimeout");
    requirePositive(maxRetryBackoff, "maxRetryBackoff");
  }

  /**
   * The defaults: 10,000 events, batches of 500, block up to 5 s, retry backoff up to 5 s.
   *
   * @return the default settings
   */
  public static AsyncWriterSettings defaults() {
    return new AsyncWriterSettings(
        10_000, 500, FullBufferPolicy.BLOCK, Duration.ofSeconds(5), Duration.ofSeconds(5));
  }

  /**
   * These settings with another capacity and batch size.
   *
   * @param capacity the most events the buffer holds
   * @param batchSize the most events written in one append
   * @return new settings; these are unchanged
   */
  public AsyncWriterSettings withCapacity(int capacity, int batchSize) {
    return new AsyncWriterSettings(capacity, batchSize, whenFull, blockTimeout, maxRetryBackoff);
  }

  /**
   * These settings with another full-buffer policy (and block timeout for BLOCK).
   *
   * @param policy what {@link AuditLog#enqueue} does when the buffer is full
   * @param blockTimeout how long {@link FullBufferPolicy#BLOCK} waits for room
   * @return new settings; these are unchanged
   */
  public AsyncWriterSettings whenFull(FullBufferPolicy policy, Duration blockTimeout) {
    return new AsyncWriterSettings(capacity, batchSize, policy, blockTimeout, maxRetryBackoff);
  }

  /**
   * These settings with another maximum retry backoff.
   *
   * @param maxRetryBackoff the longest pause between retries of a failed batch
   * @return new settings; these are unchanged
   */
  public AsyncWriterSettings withMaxRetryBackoff(Duration maxRetryBackoff) {
    return new AsyncWriterSettings(capacity, batchSize, whenFull, blockTimeout, maxRetryBackoff);
  }

  private static void requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
