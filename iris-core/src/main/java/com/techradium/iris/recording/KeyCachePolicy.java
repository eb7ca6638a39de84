package com.techradium.iris.recording;

import com.techradium.iris.core.Validation;
import java.time.Duration;
import java.util.Objects;

/**
 * How long a data key is reused before the key provider is asked again, so a thousand recordings a
 * second do not make a thousand key-service calls. An encryption key is retired at whichever bound
 * comes first: {@code maxAge} since it was generated, {@code maxUses} recordings, or {@code
 * maxBytes} of audio. Each recording still gets its own key, derived from the data key and a fresh
 * random salt. Unwrapped keys of recordings being read are kept for {@code maxAge} too.
 *
 * @param maxAge how long a data key is used after it was generated (at least 1 ms)
 * @param maxUses how many recordings one data key encrypts (at least 1)
 * @param maxBytes how many plaintext bytes one data key encrypts before it is retired (at least 1)
 */
public record KeyCachePolicy(Duration maxAge, long maxUses, long maxBytes) {
  /** No caching: one provider call per recording written and per recording read. */
  public static final KeyCachePolicy NONE = new KeyCachePolicy(Duration.ofMillis(1), 1, 1);

  /**
   * Creates a {@code KeyCachePolicy}, checking its components.
   *
   * @param maxAge how long a data key is used after it was generated (at least 1 ms)
   * @param maxUses how many recordings one data key encrypts (at least 1)
   * @param maxBytes how many plaintext bytes one data key encrypts before it is retired (at least
   *     1)
   * @throws com.techradium.iris.core.ValidationException if a component is invalid, naming each
   *     offending field
   */
  public KeyCachePolicy {
    Objects.requireNonNull(maxAge, "maxAge");
    Validation.of()
        .check(maxAge.toMillis() >= 1, "maxAge", "must be at least 1 ms")
        .check(maxUses >= 1, "maxUses", "must be at least 1")
        .check(maxBytes >= 1, "maxBytes", "must be at least 1")
        .throwIfInvalid();
  }

  /**
   * The default: five minutes, 10,000 recordings, 64 GiB.
   *
   * @return the default policy
   */
  public static KeyCachePolicy defaults() {
    return new KeyCachePolicy(Duration.ofMinutes(5), 10_000, 64L << 30);
  }

  boolean caches() {
    return maxUses > 1 || maxAge.toMillis() > 1;
  }
}
