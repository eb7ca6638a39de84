package com.techradium.iris.redis.internal;

import com.techradium.iris.core.TenantId;
import java.util.Objects;

/**
 * Names Redis keys so that every key of one tenant lands in one Redis Cluster slot: the tenant sits
 * in a hash tag, {@code iris:{acme}:ratelimit:api:user-7}. Multi-key Lua scripts over one tenant's
 * keys therefore work in Redis Cluster, and one tenant's keys can be found by the pattern {@code
 * iris:{acme}:*}.
 *
 * <p>Key parts must be non-empty and free of braces, whitespace and control characters (braces
 * would move the hash tag; whitespace breaks tooling). Tenant ids are valid by construction.
 * Stateless and thread-safe.
 */
public final class RedisKeys {
  /** The prefix of every IRIS key. */
  public static final String PREFIX = "iris";

  private RedisKeys() {}

  /** The hash tag of a tenant's keys, {@code {acme}}. */
  public static String hashTag(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    return "{" + tenant.value() + "}";
  }

  /**
   * The key {@code iris:{tenant}:part1:part2...}.
   *
   * @param parts at least one part, for example the store's name and the entity's id
   * @throws IllegalArgumentException if a part is empty or holds a brace, whitespace or a control
   *     character
   */
  public static String key(TenantId tenant, String... parts) {
    Objects.requireNonNull(parts, "parts");
    if (parts.length == 0) {
      throw new IllegalArgumentException("a key needs at least one part after the tenant");
    }
    StringBuilder key = new StringBuilder(PREFIX).append(':').append(hashTag(tenant));
    for (int i = 0; i < parts.length; i++) {
      key.append(':').append(checkPart(i, parts[i]));
    }
    return key.toString();
  }

  /** The pattern matching every IRIS key of the tenant, for SCAN. */
  public static String tenantPattern(TenantId tenant) {
    return PREFIX + ":" + hashTag(tenant) + ":*";
  }

  private static String checkPart(int index, String part) {
    if (part == null) {
      throw new IllegalArgumentException("key part " + index + " is null");
    }
    if (part.isEmpty()) {
      throw new IllegalArgumentException("key part " + index + " is empty");
    }
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c == '{' || c == '}' || Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw new IllegalArgumentException(
            "key part "
                + index
                + " must not contain braces, whitespace or control characters: '"
                + part
                + "'");
      }
    }
    return part;
  }
}
