package com.techradium.iris.apikey;

import java.util.Objects;

/**
 * A key as created or rotated: its attributes and its secret, which is shown this once.
 *
 * @param key the key's attributes, as {@link ApiKeyManager#get} returns them
 * @param secret the full key (redacted in {@code toString})
 */
public record IssuedApiKey(ApiKey key, ApiKeySecret secret) {
  /**
   * Creates an {@code IssuedApiKey}, checking its components.
   *
   * @param key the key's attributes, as {@link ApiKeyManager#get} returns them
   * @param secret the full key (redacted in {@code toString})
   */
  public IssuedApiKey {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(secret, "secret");
  }
}
