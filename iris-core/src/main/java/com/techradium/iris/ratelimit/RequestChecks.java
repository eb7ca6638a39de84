package com.techradium.iris.ratelimit;

import com.techradium.iris.core.KnownTenants;
import com.techradium.iris.core.Validation;
import org.jspecify.annotations.Nullable;

/** The input check of a {@link RateLimitRequest}, cheap on the valid path. */
final class RequestChecks {
  /** The most permits one request may ask for. */
  static final int MAX_COST = 1_000_000;

  private RequestChecks() {}

  /**
   * Checks the request whole and returns its IP's bytes (null without an IP).
   *
   * @throws com.techradium.iris.core.ValidationException naming every offending field
   */
  static byte @Nullable [] validate(RateLimitRequest request, KnownTenants tenants) {
    byte[] ip = request.ip() == null ? null : ipBytes(request.ip());
    boolean fine =
        tenants.exists(request.tenant())
            && plain(request.resource(), 128)
            && optional(request.user())
            && optional(request.apiKey())
            && (request.ip() == null || ip != null)
            && request.cost() >= 1
            && request.cost() <= MAX_COST;
    if (fine) {
      return ip;
    }
    Validation v = tenants.check(Validation.of(), request.tenant(), null);
    v.text("resource", request.resource(), 128);
    length(v, "user", request.user());
    length(v, "apiKey", request.apiKey());
    v.check(request.ip() == null || ip != null, "ip", "is not an IP address");
    v.range("cost", request.cost(), 1, MAX_COST);
    v.throwIfInvalid();
    return ip;
  }

  private static byte @Nullable [] ipBytes(String ip) {
    return ip.length() > 64 ? null : IpBlocks.parse(ip);
  }

  private static boolean plain(String value, int max) {
    return !value.isBlank() && value.length() <= max && !Validation.hasControlCharacter(value);
  }

  private static boolean optional(@Nullable String value) {
    return value == null
        || (!value.isEmpty() && value.length() <= RateLimitRequest.MAX_VALUE_LENGTH);
  }

  private static void length(Validation v, String field, @Nullable String value) {
    if (value != null) {
      v.check(!value.isEmpty(), field, "must not be empty");
      v.check(
          value.length() <= RateLimitRequest.MAX_VALUE_LENGTH,
          field,
          "must be at most " + RateLimitRequest.MAX_VALUE_LENGTH + " characters");
    }
  }
}
