package com.techradium.iris.core;

import java.util.Objects;

/**
 * A lockout that begins with a failed login: the failure brought one login limit of an account or
 * an IP address to its maximum, so the next failure within the window is refused. Reported by the
 * login-failure counter ({@link LoginFailures.Counter}) so that the recorder records it once as a
 * security event.
 *
 * @param scope whether the limit counts per account or per IP address
 * @param key the account id or the IP address
 * @param rule the name of the counting rule, e.g. {@code login-account-1m}
 * @param limit the limit reached: its maximum of failures and its window
 */
public record LoginLockout(Scope scope, String key, String rule, LoginProtection limit) {
  /** What a login limit counts by. */
  public enum Scope {
    /** The account someone tried to log in as. */
    ACCOUNT,
    /** The address the attempt came from. */
    IP_ADDRESS
  }

  /**
   * Creates a {@code LoginLockout}, checking its components.
   *
   * @param scope whether the limit counts per account or per IP address
   * @param key the account id or the IP address
   * @param rule the name of the counting rule, e.g. {@code login-account-1m}
   * @param limit the limit reached: its maximum of failures and its window
   */
  public LoginLockout {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(limit, "limit");
  }
}
