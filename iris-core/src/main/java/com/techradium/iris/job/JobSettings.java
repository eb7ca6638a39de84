package com.techradium.iris.job;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.TimeOrderedIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The settings a {@link JobQueue} shares with its worker and scheduler. */
record JobSettings(
    Clock clock,
    TimeOrderedIds ids,
    Duration defaultTimeout,
    RetryBackoff defaultBackoff,
    Duration idempotencyWindow,
    Duration leaseDuration,
    Duration pollInterval,
    int claimBatch,
    String nodeName,
    TenantId systemTenant,
    Duration schedulerInterval,
    int maxUnrecordedOutcomes) {

  /** The current time, to the millisecond: read once per operation. */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
