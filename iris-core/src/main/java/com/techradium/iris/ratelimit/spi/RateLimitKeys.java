package com.techradium.iris.ratelimit.spi;

import com.techradium.iris.ratelimit.RateLimitRequest;
import com.techradium.iris.ratelimit.RateLimitRule;
import com.techradium.iris.ratelimit.RateLimitScope;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Builds counter keys from a rule and a request: {@code <rule>:<scope key>}, where the scope key
 * lists the scope's parts in a fixed order, e.g. {@code api:user=alice;ip=203.0.113.7}. Every value
 * from the request is percent-encoded (only {@code A-Z a-z 0-9 . _ - @} stay as they are), so a key
 * never holds a brace, a colon, a separator, whitespace or a control character: no input can move a
 * Redis hash tag or reach another rule's, scope's or tenant's counter. Values are length-checked by
 * the facade before they get here. Stateless and thread-safe.
 */
public final class RateLimitKeys {
  private RateLimitKeys() {}

  /** The scope parts in key order; {@code values()} would copy the array on every call. */
  private static final RateLimitScope[] PARTS = RateLimitScope.values();

  /**
   * The scope key of {@code rule} for {@code request}, or null when the request lacks a part.
   *
   * @param rule the rule
   * @param request the request
   * @return the scope key, or null
   */
  public static @Nullable String scopeKey(RateLimitRule rule, RateLimitRequest request) {
    StringBuilder key = new StringBuilder(32);
    return appendScope(rule, request, key) ? key.toString() : null;
  }

  /**
   * The counter key of {@code rule} for {@code request}, {@code <rule name>:<scope key>}, or null
   * when the request lacks a part of the scope. {@link #scopeKeyOf} recovers the scope key.
   *
   * @param rule the rule
   * @param request the request
   * @return the counter key, or null
   */
  public static @Nullable String counterKey(RateLimitRule rule, RateLimitRequest request) {
    StringBuilder key =
        new StringBuilder(rule.name().length() + 32).append(rule.name()).append(':');
    return appendScope(rule, request, key) ? key.toString() : null;
  }

  /**
   * The scope key inside {@code counterKey}, a counter key of {@code rule}.
   *
   * @param rule the rule the key counts for
   * @param counterKey a key {@link #counterKey(RateLimitRule, RateLimitRequest)} built for it
   * @return the scope key
   */
  public static String scopeKeyOf(RateLimitRule rule, String counterKey) {
    return counterKey.substring(rule.name().length() + 1);
  }

  /** Appends the scope key; false when the request lacks a part of the scope. */
  private static boolean appendScope(
      RateLimitRule rule, RateLimitRequest request, StringBuilder key) {
    Set<RateLimitScope> scope = rule.scope();
    int start = key.length();
    for (RateLimitScope part : PARTS) {
      if (scope.size() < PARTS.length && !scope.contains(part)) {
        continue;
      }
      String value =
          switch (part) {
            case TENANT -> "";
            case USER -> request.user();
            case API_KEY -> request.apiKey();
            case IP -> request.ip();
            case RESOURCE -> request.resource();
          };
      if (value == null) {
        return false;
      }
      if (key.length() > start) {
        key.append(';');
      }
      key.append(label(part));
      if (part != RateLimitScope.TENANT) {
        key.append('=');
        encode(value, key);
      }
    }
    return true;
  }

  private static String label(RateLimitScope part) {
    return switch (part) {
      case TENANT -> "tenant";
      case USER -> "user";
      case API_KEY -> "key";
      case IP -> "ip";
      case RESOURCE -> "resource";
    };
  }

  /**
   * Appends {@code value} percent-encoded as UTF-8.
   *
   * @param value the text to encode
   * @param out where it is appended
   */
  public static void encode(String value, StringBuilder out) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (safe(c)) {
        out.append(c);
      } else {
        encodeRest(value, i, out);
        return;
      }
    }
  }

  private static void encodeRest(String value, int from, StringBuilder out) {
    byte[] bytes = value.substring(from).getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      char c = (char) (b & 0xFF);
      if (b >= 0 && safe(c)) {
        out.append(c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)));
        out.append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
      }
    }
  }

  private static boolean safe(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '_'
        || c == '-'
        || c == '@';
  }
}
