package com.techradium.iris.ratelimit;

/** How often a quota starts over. */
public enum QuotaPeriod {
  /** At midnight in the quota's time zone. */
  DAILY,
  /** At midnight of the billing day of each month, in the quota's time zone. */
  MONTHLY
}
