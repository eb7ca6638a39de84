package com.techradium.iris.apikey;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Which expiry warning is due for a key, from its time left. Stateless. */
final class ExpiryLeads {
  private ExpiryLeads() {}

  /**
   * The smallest lead time (of {@code leads}, ascending) that covers {@code left}, or null when
   * {@code left} exceeds them all or is not positive.
   */
  static @Nullable Duration due(List<Duration> leads, Duration left) {
    if (left.isNegative() || left.isZero()) {
      return null;
    }
    for (Duration lead : leads) {
      if (left.compareTo(lead) <= 0) {
        return lead;
      }
    }
    return null;
  }

  /** Whether a warning for {@code lead} is still owed, given the smallest one already sent. */
  static boolean owed(@Nullable Duration warned, Duration lead) {
    return warned == null || warned.compareTo(lead) > 0;
  }
}
