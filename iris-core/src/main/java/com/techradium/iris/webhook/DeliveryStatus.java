package com.techradium.iris.webhook;

/** Where a delivery stands. */
public enum DeliveryStatus {
  /** Waiting for its next attempt. */
  PENDING,
  /** The endpoint answered 2xx. */
  SUCCEEDED,
  /**
   * Given up: attempts used up, endpoint gone or disabled. A manual retry makes it pending again.
   */
  FAILED
}
