package com.techradium.iris.audit;

import com.techradium.iris.core.Validation;
import org.jspecify.annotations.Nullable;

/**
 * Where an action came from: the client's IP address, its user agent and the host's request id.
 * Every part is optional.
 *
 * @param ipAddress an IPv4 or IPv6 literal, at most {@value #MAX_IP_LENGTH} characters
 * @param userAgent at most {@value #MAX_USER_AGENT_LENGTH} characters, no control characters
 * @param requestId at most {@value #MAX_REQUEST_ID_LENGTH} characters, no control characters
 */
public record RequestContext(
    @Nullable String ipAddress, @Nullable String userAgent, @Nullable String requestId) {
  /** The longest IP address, in characters (an IPv6 address with an embedded IPv4 one). */
  public static final int MAX_IP_LENGTH = 45;

  /** The longest user agent, in characters. */
  public static final int MAX_USER_AGENT_LENGTH = 512;

  /** The longest request id, in characters. */
  public static final int MAX_REQUEST_ID_LENGTH = 128;

  /** A context with nothing known. */
  public static final RequestContext NONE = new RequestContext(null, null, null);

  /**
   * Creates a {@code RequestContext}, checking its components.
   *
   * @param ipAddress an IPv4 or IPv6 literal, at most {@value #MAX_IP_LENGTH} characters
   * @param userAgent at most {@value #MAX_USER_AGENT_LENGTH} characters, no control characters
   * @param requestId at most {@value #MAX_REQUEST_ID_LENGTH} characters, no control characters
   * @throws com.techradium.iris.core.ValidationException if a component is invalid, naming each
   *     offending field
   */
  public RequestContext {
    Validation validation = Validation.of();
    checkInto(validation, ipAddress, userAgent, requestId);
    validation.throwIfInvalid();
  }

  /**
   * A context that only knows the client's IP address.
   *
   * @param ipAddress the client's IP address
   * @return the context
   */
  public static RequestContext ip(String ipAddress) {
    return new RequestContext(ipAddress, null, null);
  }

  static void checkInto(
      Validation validation,
      @Nullable String ipAddress,
      @Nullable String userAgent,
      @Nullable String requestId) {
    validation
        .optionalText("ipAddress", ipAddress, MAX_IP_LENGTH)
        .check(
            ipAddress == null || isIpLiteral(ipAddress),
            "ipAddress",
            "must be an IPv4 or IPv6 address")
        .optionalText("userAgent", userAgent, MAX_USER_AGENT_LENGTH)
        .optionalText("requestId", requestId, MAX_REQUEST_ID_LENGTH);
  }

  /** A cheap syntactic check: hex digits, dots and colons only. */
  static boolean isIpLiteral(String value) {
    if (value.isEmpty() || value.length() > MAX_IP_LENGTH) {
      return false;
    }
    boolean sawSeparator = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '.' || c == ':') {
        sawSeparator = true;
      } else if (Character.digit(c, 16) < 0) {
        return false;
      }
    }
    return sawSeparator;
  }
}
