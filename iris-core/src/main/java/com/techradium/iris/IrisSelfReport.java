package com.techradium.iris;

import com.techradium.iris.job.JobQueue;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.JobStats;
import com.techradium.iris.monitor.Component;
import com.techradium.iris.monitor.HealthMonitor;
import com.techradium.iris.monitor.spi.CheckVerdict;
import com.techradium.iris.ratelimit.RateLimiter;
import com.techradium.iris.webhook.DeliveryCounts;
import com.techradium.iris.webhook.WebhookDispatcher;
import com.techradium.iris.webhook.WebhookHealth;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * IRIS's own parts on its health monitor; only the assembly knows every facade, so it wires them
 * here. Each part is a non-critical component (readiness never depends on it) checked every 30 s,
 * with gauges sampled at the monitor's gauge interval:
 *
 * <ul>
 *   <li>the job queue, component {@value #JOBS}: degraded when a due job has waited longer than
 *       {@link #JOB_WAIT_LIMIT}; gauges {@value #QUEUED_METRIC} and {@value #OLDEST_METRIC};
 *   <li>the webhook dispatcher, when {@code Iris} has one, component {@value #WEBHOOKS}: degraded
 *       when, since its previous check, at least {@value #WEBHOOK_MIN_ATTEMPTS} delivery attempts
 *       were made on this node and more than half of them failed — trouble on IRIS's side (egress,
 *       DNS, TLS), not one customer's receiver being down, which endpoint stats and auto-disable
 *       already handle; pending, failing and disabled endpoint counts are in its detail; gauges
 *       {@value #WEBHOOK_ATTEMPTS_METRIC}, {@value #WEBHOOK_FAILED_METRIC} and {@value
 *       #WEBHOOK_PENDING_METRIC};
 *   <li>the rate limiter, component {@value #RATE_LIMITS}: degraded while its shared counter
 *       backend is unavailable (the rules then apply their unavailable policy); gauge {@value
 *       #DENIED_METRIC}.
 * </ul>
 *
 * <p>The attempt, failure and denial gauges are counts since the previous sample, taken from this
 * node's in-process counters: {@code Aggregation.SUM} over a bucket gives the bucket's count
 * (summed over every node recording them), {@code Aggregation.RATE} the count per second, and
 * failed attempts over attempts the failure rate. The other gauges are levels read from the
 * deployment's stores.
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

  /** The webhook dispatcher's component name. */
  static final String WEBHOOKS = "iris-webhooks";

  /** Delivery attempts made since the previous sample, on this node. */
  static final String WEBHOOK_ATTEMPTS_METRIC = "iris.webhooks.attempts";

  /** Delivery attempts that failed since the previous sample, on this node. */
  static final String WEBHOOK_FAILED_METRIC = "iris.webhooks.failed_attempts";

  /** Deliveries pending (waiting for a first attempt or a retry), over every tenant. */
  static final String WEBHOOK_PENDING_METRIC = "iris.webhooks.pending";

  /** The fewest attempts between two checks whose failure rate can make webhooks degraded. */
  static final int WEBHOOK_MIN_ATTEMPTS = 10;

  /** The rate limiter's component name. */
  static final String RATE_LIMITS = "iris-ratelimit";

  /** Requests denied since the previous sample, on this node. */
  static final String DENIED_METRIC = "iris.ratelimit.denied";

  private static final Duration EVERY = Duration.ofSeconds(30);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private IrisSelfReport() {}

  static void register(
      HealthMonitor health,
      Clock clock,
      JobQueue jobs,
      @Nullable WebhookDispatcher webhooks,
      RateLimiter rateLimits) {
    health.register(
        Component.of(JOBS, "Job queue", timeout -> verdict(jobs.deploymentStats().overall()))
            .every(EVERY, TIMEOUT)
            .nonCritical());
    health.registerGauge(
        QUEUED_METRIC, Map.of(), () -> jobs.deploymentStats().overall().count(JobState.QUEUED));
    health.registerGauge(
        OLDEST_METRIC,
        Map.of(),
        () -> jobs.deploymentStats().overall().oldestQueuedAge().orElse(Duration.ZERO).toSeconds());
    if (webhooks != null) {
      AtomicReference<DeliveryCounts> checked = new AtomicReference<>(webhooks.deliveryCounts());
      health.register(
          Component.of(
                  WEBHOOKS,
                  "Webhooks",
                  timeout -> {
                    DeliveryCounts now = webhooks.deliveryCounts();
                    DeliveryCounts before = checked.getAndSet(now);
                    return verdict(
                        webhooks.health(),
                        new DeliveryCounts(
                            now.attempts() - before.attempts(),
                            now.failedAttempts() - before.failedAttempts()));
                  })
              .every(EVERY, TIMEOUT)
              .nonCritical());
      health.registerGauge(
          WEBHOOK_ATTEMPTS_METRIC, Map.of(), increase(() -> webhooks.deliveryCounts().attempts()));
      health.registerGauge(
          WEBHOOK_FAILED_METRIC,
          Map.of(),
          increase(() -> webhooks.deliveryCounts().failedAttempts()));
      health.registerGauge(
          WEBHOOK_PENDING_METRIC, Map.of(), () -> webhooks.health().pendingDeliveries());
    }
    health.register(
        Component.of(RATE_LIMITS, "Rate limiter", timeout -> verdict(rateLimits))
            .every(EVERY, TIMEOUT)
            .nonCritical());
    health.registerGauge(DENIED_METRIC, Map.of(), increase(rateLimits::deniedCount));
  }

  static CheckVerdict verdict(JobStats stats) {
    Duration wait = stats.oldestQueuedAge().orElse(Duration.ZERO);
    String detail = stats.count(JobState.QUEUED) + " queued, oldest waiting " + wait;
    return wait.compareTo(JOB_WAIT_LIMIT) > 0
        ? CheckVerdict.degraded(detail)
        : CheckVerdict.up(detail);
  }

  /**
   * The webhook rule: degraded when {@code sinceLastCheck} holds at least {@value
   * #WEBHOOK_MIN_ATTEMPTS} attempts and more than half of them failed.
   */
  static CheckVerdict verdict(WebhookHealth health, DeliveryCounts sinceLastCheck) {
    String detail =
        sinceLastCheck.failedAttempts()
            + " of "
            + sinceLastCheck.attempts()
            + " attempts failed since the last check; "
            + health.pendingDeliveries()
            + " deliveries pending, "
            + health.failingEndpoints()
            + " endpoints failing, "
            + health.disabledEndpoints()
            + " disabled";
    boolean failing =
        sinceLastCheck.attempts() >= WEBHOOK_MIN_ATTEMPTS
            && sinceLastCheck.failedAttempts() * 2 > sinceLastCheck.attempts();
    return failing ? CheckVerdict.degraded(detail) : CheckVerdict.up(detail);
  }

  static CheckVerdict verdict(RateLimiter rateLimits) {
    return rateLimits.countersUnavailable()
        ? CheckVerdict.degraded("counter backend unavailable: rules apply their unavailable policy")
        : CheckVerdict.up(rateLimits.deniedCount() + " requests denied since start");
  }

  /**
   * A gauge of how much {@code total}, a count that only grows, grew since the previous sample.
   * Samples taken at once by two threads split the growth between them; none is counted twice.
   */
  static DoubleSupplier increase(LongSupplier total) {
    AtomicLong sampled = new AtomicLong();
    return () -> {
      long now = total.getAsLong();
      long before = sampled.getAndAccumulate(now, Math::max);
      return Math.max(0, now - before);
    };
  }
}
