package com.techradium.iris;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.StorageException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.monitor.Aggregation;
import com.techradium.iris.monitor.CheckOutcome;
import com.techradium.iris.monitor.MetricBucket;
import com.techradium.iris.monitor.MetricQuery;
import com.techradium.iris.ratelimit.RateLimitRequest;
import com.techradium.iris.ratelimit.memory.InMemoryRateLimitCounters;
import com.techradium.iris.ratelimit.spi.CounterCheck;
import com.techradium.iris.ratelimit.spi.CounterResult;
import com.techradium.iris.ratelimit.spi.RateLimitCounters;
import com.techradium.iris.testkit.MutableClock;
import com.techradium.iris.webhook.DeliveryCounts;
import com.techradium.iris.webhook.EndpointSpec;
import com.techradium.iris.webhook.WebhookHealth;
import com.techradium.iris.webhook.spi.TransportResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** IRIS's own parts on its health monitor: components and gauges, on the in-memory storage. */
class IrisSelfReportTest {
  private final MutableClock clock = MutableClock.startingAtEpochOf2026();
  private final Instant start = clock.instant();
  private final TenantId acme = TenantId.of("acme");

  /** The sum of every point of {@code metric} recorded so far (the clock stays within an hour). */
  private static double recorded(Iris iris, String metric, Instant start) {
    List<MetricBucket> buckets =
        iris.health()
            .query(
                MetricQuery.of(
                    metric,
                    start.minus(Duration.ofHours(1)),
                    start.plus(Duration.ofHours(1)),
                    Duration.ofHours(2),
                    Aggregation.SUM));
    double sum = buckets.get(0).value();
    return Double.isNaN(sum) ? 0 : sum;
  }

  /** The value {@code metric} was sampled at now. */
  private double sampledNow(Iris iris, String metric) {
    return iris.health()
        .query(
            MetricQuery.of(
                metric,
                clock.instant(),
                clock.instant().plusSeconds(1),
                Duration.ofSeconds(1),
                Aggregation.MAX))
        .get(0)
        .value();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(5);
    }
  }

  @Test
  void webhookGaugesCountFailedAttemptsAndTheComponentDegrades() throws Exception {
    AtomicBoolean receiverUp = new AtomicBoolean(false);
    try (Iris iris =
        Iris.builder()
            .clock(clock)
            .jobs(j -> j.pollInterval(Duration.ofMillis(5)))
            .health(h -> h.gaugeEvery(Duration.ofDays(1)))
            .webhooks(
                w ->
                    w.transport(
                            request ->
                                receiverUp.get()
                                    ? new TransportResult(200, 1, null, null, null)
                                    : new TransportResult(500, 1, "boom", null, null))
                        .secretKey(new SecretKeySpec(new byte[32], "AES")))
            .build()
            .start()) {
      // the monitor samples every gauge once when it starts; later samples are ours
      await(
          "the first sample is recorded",
          () ->
              !Double.isNaN(sampledNow(iris, IrisSelfReport.WEBHOOK_PENDING_METRIC))
                  && !Double.isNaN(sampledNow(iris, IrisSelfReport.DENIED_METRIC)));
      iris.webhooks()
          .createEndpoint(acme, EndpointSpec.builder("https://hooks.example.com/in").build());

      iris.health().runNow(IrisSelfReport.WEBHOOKS); // the rule counts from this check on
      int events = IrisSelfReport.WEBHOOK_MIN_ATTEMPTS;
      for (int i = 0; i < events; i++) {
        iris.webhooks().publish(acme, "test.ping", "{}");
      }
      await("the first attempts", () -> iris.webhooks().deliveryCounts().attempts() == events);
      iris.health().sampleGauges();

      assertThat(iris.webhooks().deliveryCounts()).isEqualTo(new DeliveryCounts(events, events));
      assertThat(recorded(iris, IrisSelfReport.WEBHOOK_ATTEMPTS_METRIC, start)).isEqualTo(events);
      assertThat(recorded(iris, IrisSelfReport.WEBHOOK_FAILED_METRIC, start)).isEqualTo(events);
      assertThat(sampledNow(iris, IrisSelfReport.WEBHOOK_PENDING_METRIC)).isEqualTo(events);
      assertThat(iris.health().runNow(IrisSelfReport.WEBHOOKS).outcome())
          .isEqualTo(CheckOutcome.DEGRADED);

      receiverUp.set(true);
      clock.advance(Duration.ofSeconds(10)); // past the first retry (5 s, jitter at most 20 %)
      await("the retries", () -> iris.webhooks().deliveryCounts().attempts() == 2L * events);
      iris.health().sampleGauges();

      assertThat(iris.webhooks().deliveryCounts())
          .isEqualTo(new DeliveryCounts(2L * events, events));
      assertThat(sampledNow(iris, IrisSelfReport.WEBHOOK_ATTEMPTS_METRIC)).isEqualTo(events);
      assertThat(sampledNow(iris, IrisSelfReport.WEBHOOK_FAILED_METRIC)).isEqualTo(0);
      assertThat(recorded(iris, IrisSelfReport.WEBHOOK_ATTEMPTS_METRIC, start))
          .isEqualTo(2 * events);
      assertThat(recorded(iris, IrisSelfReport.WEBHOOK_FAILED_METRIC, start)).isEqualTo(events);
      assertThat(sampledNow(iris, IrisSelfReport.WEBHOOK_PENDING_METRIC)).isEqualTo(0);
      assertThat(iris.health().runNow(IrisSelfReport.WEBHOOKS).outcome())
          .isEqualTo(CheckOutcome.UP);
    }
  }

  @Test
  void withoutWebhooksThereIsNoWebhookComponent() {
    Iris iris = Iris.builder().clock(clock).build();

    assertThat(iris.health().hasComponent(IrisSelfReport.WEBHOOKS)).isFalse();
    assertThat(iris.health().hasComponent(IrisSelfReport.RATE_LIMITS)).isTrue();
    assertThat(iris.health().sampleGauges()).isEqualTo(3);
  }

  @Test
  void theDeniedGaugeCountsEveryDenialButNotPeeks() {
    Iris iris = Iris.builder().clock(clock).build();
    RateLimitRequest call = RateLimitRequest.of(acme, "calls");

    int denied = 0;
    for (int i = 0; i < 15; i++) {
      if (!iris.rateLimits().check(call).allowed()) {
        denied++;
      }
    }
    assertThat(iris.rateLimits().peek(call).allowed()).isFalse();
    iris.health().sampleGauges();

    assertThat(denied).isEqualTo(5); // the default rule: 10 calls a second per tenant
    assertThat(iris.rateLimits().deniedCount()).isEqualTo(5);
    assertThat(sampledNow(iris, IrisSelfReport.DENIED_METRIC)).isEqualTo(5);

    clock.advance(Duration.ofSeconds(1));
    iris.health().sampleGauges();
    assertThat(sampledNow(iris, IrisSelfReport.DENIED_METRIC)).isEqualTo(0);
    assertThat(recorded(iris, IrisSelfReport.DENIED_METRIC, start)).isEqualTo(5);
  }

  @Test
  void theRateLimiterIsDegradedWhileItsCounterBackendIsDown() {
    FailingCounters counters = new FailingCounters();
    Iris iris =
        Iris.builder()
            .clock(clock)
            .storage(IrisStorage.inMemory().with(RateLimitCounters.class, counters))
            .build();
    RateLimitRequest call = RateLimitRequest.of(acme, "calls");

    iris.rateLimits().check(call);
    assertThat(iris.health().runNow(IrisSelfReport.RATE_LIMITS).outcome())
        .isEqualTo(CheckOutcome.UP);

    counters.down.set(true);
    iris.rateLimits().check(call);
    assertThat(iris.rateLimits().countersUnavailable()).isTrue();
    assertThat(iris.health().runNow(IrisSelfReport.RATE_LIMITS).outcome())
        .isEqualTo(CheckOutcome.DEGRADED);

    counters.down.set(false);
    clock.advance(Duration.ofSeconds(2)); // past the pause before the backend is tried again
    iris.rateLimits().check(call);
    assertThat(iris.health().runNow(IrisSelfReport.RATE_LIMITS).outcome())
        .isEqualTo(CheckOutcome.UP);
  }

  @Test
  void webhooksAreDegradedWhenMostAttemptsSinceTheLastCheckFailed() {
    WebhookHealth oneCustomerDown = new WebhookHealth(40, clock.instant(), 1, 3);

    assertThat(IrisSelfReport.verdict(oneCustomerDown, new DeliveryCounts(100, 50)).outcome())
        .as("half failing is not most")
        .isEqualTo(CheckOutcome.UP);
    assertThat(IrisSelfReport.verdict(oneCustomerDown, new DeliveryCounts(100, 51)).outcome())
        .isEqualTo(CheckOutcome.DEGRADED);
    assertThat(IrisSelfReport.verdict(oneCustomerDown, new DeliveryCounts(9, 9)).outcome())
        .as("too few attempts to judge")
        .isEqualTo(CheckOutcome.UP);
    assertThat(IrisSelfReport.verdict(oneCustomerDown, new DeliveryCounts(10, 9)).outcome())
        .isEqualTo(CheckOutcome.DEGRADED);
    assertThat(IrisSelfReport.verdict(oneCustomerDown, new DeliveryCounts(10, 9)).detail())
        .contains("9 of 10 attempts failed")
        .contains("1 endpoints failing");
  }

  @Test
  void anIncreaseGaugeSplitsGrowthBetweenSamplesAndNeverGoesBack() {
    AtomicLong total = new AtomicLong();
    DoubleSupplier gauge = IrisSelfReport.increase(total::get);

    total.set(7);
    assertThat(gauge.getAsDouble()).isEqualTo(7);
    assertThat(gauge.getAsDouble()).isEqualTo(0);
    total.set(10);
    assertThat(gauge.getAsDouble()).isEqualTo(3);
  }

  /** In-memory counters that fail like an unreachable Redis while {@link #down} is set. */
  private static final class FailingCounters implements RateLimitCounters {
    final AtomicBoolean down = new AtomicBoolean();
    private final InMemoryRateLimitCounters counters = new InMemoryRateLimitCounters();

    @Override
    public List<CounterResult> acquire(
        TenantId tenant, List<CounterCheck> checks, Instant now, boolean consume) {
      if (down.get()) {
        throw new StorageException("counters unreachable", new java.io.IOException("refused"));
      }
      return counters.acquire(tenant, checks, now, consume);
    }

    @Override
    public void reset(TenantId tenant, List<CounterCheck> checks) {
      counters.reset(tenant, checks);
    }
  }
}
