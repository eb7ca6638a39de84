package com.techradium.iris.audit;

import java.util.List;
import java.util.Objects;

/**
 * What {@link AuditLog#recordFailedLogin} recorded.
 *
 * @param event the failed-login security event
 * @param detections brute-force detections this failure triggered (usually none)
 */
public record FailedLoginResult(AuditRecord event, List<BruteForceDetection> detections) {
  /**
   * Creates a {@code FailedLoginResult}, checking its components and copying its collections.
   *
   * @param event the failed-login security event
   * @param detections brute-force detections this failure triggered (usually none)
   */
  public FailedLoginResult {
    Objects.requireNonNull(event, "event");
    detections = List.copyOf(detections);
  }

  /**
   * Whether this failure completed a brute-force burst.
   *
   * @return true if a brute-force burst was detected
   */
  public boolean bruteForceDetected() {
    return !detections.isEmpty();
  }
}
