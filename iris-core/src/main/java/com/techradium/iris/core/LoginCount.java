package com.techradium.iris.core;

import java.util.List;

/**
 * What counting one failed login found ({@link LoginFailures.Counter#count}).
 *
 * @param counted whether the failure was counted (false: a limit was reached already, the account
 *     or address is locked out and the failure changed no count)
 * @param lockouts the limits this failure brought to their maximum: the lockouts that begin with
 *     it, usually none
 */
public record LoginCount(boolean counted, List<LoginLockout> lockouts) {
  /**
   * Creates a {@code LoginCount}, copying its collections.
   *
   * @param counted whether the failure was counted (false: a limit was reached already, the account
   *     or address is locked out and the failure changed no count)
   * @param lockouts the limits this failure brought to their maximum: the lockouts that begin with
   *     it, usually none
   */
  public LoginCount {
    lockouts = List.copyOf(lockouts);
  }
}
