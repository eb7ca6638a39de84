package com.techradium.iris;

import com.techradium.iris.job.JobQueue;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.JobStats;
import com.techradium.iris.monitor.Component;
import com.techradium.iris.monitor.HealthMonitor;
import com.techradium.iris.monitor.spi.CheckVerdict;
import java.time.Duration;
import java.util.Map;

/**
 * IRIS's own parts on its health monitor: the job queue as component {@value #JOBS} (degraded when
 * a due job has waited longer than {@link #JOB_WAIT_LIMIT}) and two gauges, {@value #QUEUED_METRIC}
 * and {@value #OLDEST_METRIC}. Only the assembly knows both facades, so it wires them here.
 */
final class IrisSelfReport {
  /** The job queue's component name. */
  static final String JOBS = "iris-jobs";

  /** Jobs due and waiting for a worker, over every tenant and queue. */
  static final String QUEUED_METRIC = "iris.jobs.queued";

  /** How long the oldest due job has waited, in seconds (0 when none waits). */
  static final String OLDEST_METRIC = "iris.jobs.oldest_wait_seconds";

  /** A due job waiting longer than this makes the job queue degraded. */
  static final Duration JOB_WAIT_LIMIT = Duration.ofMinutes(15);

  private IrisSelfReport() {}

  static void register(HealthMonitor health, JobQueue jobs) {
    health.register(
        Component.of(JOBS, "Job queue", timeout -> verdict(jobs.deploymentStats().overall()))
            .every(Duration.ofSeconds(30), Duration.ofSeconds(10))
            .nonCritical());
    health.registerGauge(
        QUEUED_METRIC, Map.of(), () -> jobs.deploymentStats().overall().count(JobState.QUEUED));
    health.registerGauge(
        OLDEST_METRIC,
        Map.of(),
        () -> jobs.deploymentStats().overall().oldestQueuedAge().orElse(Duration.ZERO).toSeconds());
  }

  static CheckVerdict verdict(JobStats stats) {
    Duration wait = stats.oldestQueuedAge().orElse(Duration.ZERO);
    String detail = stats.count(JobState.QUEUED) + " queued, oldest waiting " + wait;
    return wait.compareTo(JOB_WAIT_LIMIT) > 0
        ? CheckVerdict.degraded(detail)
        : CheckVerdict.up(detail);
  }
}
