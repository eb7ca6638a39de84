package com.techradium.iris.apikey;

import java.util.Objects;

/**
 * The full key, handed out once: at creation and at each rotation. IRIS keeps only its hash and
 * cannot show it again. {@link #toString()} is redacted so that the key cannot reach a log by
 * accident; call {@link #reveal()} to hand it to its owner.
 */
public final class ApiKeySecret {
  private final String key;

  ApiKeySecret(String key) {
    this.key = Objects.requireNonNull(key, "key");
  }

  /**
   * The full key, e.g. {@code iris_live_...}: show it to its owner once and forget it.
   *
   * @return the full key
   */
  public String reveal() {
    return key;
  }

  /**
   * The key's prefix and last four characters, e.g. {@code iris_live_…k3Zq}.
   *
   * @return the hint, safe to show and log
   */
  public String hint() {
    return ApiKeyFormat.hint(key);
  }

  /** Redacted: the prefix and last four characters only. */
  @Override
  public String toString() {
    return "ApiKeySecret[" + hint() + "]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApiKeySecret that
        && java.security.MessageDigest.isEqual(
            key.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
            that.key.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Override
  public int hashCode() {
    return hint().hashCode();
  }
}
