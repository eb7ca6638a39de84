package com.techradium.iris.testkit.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.job.ClaimOrder;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobRate;
import com.techradium.iris.job.QueueConfig;
import com.techradium.iris.job.spi.ClaimRequest;
import com.techradium.iris.job.spi.JobOutcome;
import com.techradium.iris.job.spi.NewJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Claims of queues scheduled by tenant ({@link QueueConfig#schedulesTenants()}): fair share with
 * weights, priorities within a tenant, strict priority across tenants, per-tenant concurrency caps
 * and rates (never exceeded, also with several claimers at once), and the refusal of non-positive
 * caps, weights and rates.
 *
 * <p>One group of the {@link JobStoreContract}, which runs it as a nested class. A store that does
 * not support tenant scheduling returns false from {@link #supportsTenantScheduling()}: then only
 * {@link #aStoreWithoutTenantSchedulingRefusesSuchAQueue()} and the input checks run, and every
 * other case is skipped (reported as skipped, not passed).
 */
public abstract class JobTenantSchedulingContract extends JobContractSupport {
  /** Constructor for the classes that run this group, such as the port suite's nested class. */
  public JobTenantSchedulingContract() {}

  /**
   * Whether the store under test schedules claims by tenant.
   *
   * @return true by default; false for a store that refuses such queues
   */
  protected boolean supportsTenantScheduling() {
    return true;
  }

  private void requireSupport() {
    Assumptions.assumeTrue(
        supportsTenantScheduling(), "this store does not schedule claims by tenant");
  }

  private List<Job> claim(QueueConfig config, int limit, String owner) {
    return store()
        .claim(
            ClaimRequest.of(config.name(), limit, owner, LEASE).withQueueConfig(config),
            clock.instant());
  }

  private void backlog(TenantId tenant, String queue, int n, int priority) {
    List<NewJob> jobs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      jobs.add(job(queue, priority, clock.instant()));
    }
    store().insert(tenant, jobs, clock.instant());
  }

  private static Map<TenantId, Long> byTenant(List<Job> jobs) {
    return jobs.stream().collect(Collectors.groupingBy(Job::tenant, Collectors.counting()));
  }

  private static QueueConfig fair(String queue) {
    return QueueConfig.defaults(queue).withClaimOrder(ClaimOrder.FAIR_SHARE);
  }

  @Test
  void aTenantBehindAnotherTenantsBacklogIsClaimedWithinTheNextClaims() {
    requireSupport();
    QueueConfig config = fair(newQueue());
    TenantId big = newTenant();
    TenantId small = newTenant();
    backlog(big, config.name(), 300, 5);
    clock.advance(Duration.ofMillis(5));
    Job late = insertOne(small, job(config.name()));

    List<Job> first = claim(config, 1, "worker-a");
    List<Job> second = claim(config, 1, "worker-a");

    assertThat(first).extracting(Job::tenant).containsExactly(big);
    assertThat(second).extracting(Job::id).containsExactly(late.id());
  }

  @Test
  void fairShareAlternatesBetweenTenantsWithBacklogs() {
    requireSupport();
    QueueConfig config = fair(newQueue());
    TenantId a = newTenant();
    TenantId b = newTenant();
    backlog(a, config.name(), 100, 5);
    backlog(b, config.name(), 100, 5);

    List<Job> claimed = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      claimed.addAll(claim(config, 5, "worker-a"));
    }

    assertThat(claimed).hasSize(20);
    assertThat(byTenant(claimed)).containsEntry(a, 10L).containsEntry(b, 10L);
  }

  @Test
  void weightsShareClaimsInProportion() {
    requireSupport();
    TenantId heavy = newTenant();
    TenantId light = newTenant();
    QueueConfig config = fair(newQueue()).withTenantWeight(heavy, 3);
    backlog(heavy, config.name(), 100, 5);
    backlog(light, config.name(), 100, 5);

    List<Job> claimed = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      claimed.addAll(claim(config, 10, "worker-a"));
    }

    assertThat(byTenant(claimed)).containsEntry(heavy, 30L).containsEntry(light, 10L);
  }

  @Test
  void prioritiesStillOrderEachTenantsOwnJobs() {
    requireSupport();
    QueueConfig config = fair(newQueue());
    TenantId a = newTenant();
    TenantId b = newTenant();
    Job aLow = insertOne(a, job(config.name(), 1, clock.instant()));
    Job bLow = insertOne(b, job(config.name(), 1, clock.instant()));
    Job aHigh = insertOne(a, job(config.name(), 9, clock.instant()));
    Job bHigh = insertOne(b, job(config.name(), 9, clock.instant()));

    List<Job> first = claim(config, 2, "worker-a");
    List<Job> second = claim(config, 2, "worker-a");

    assertThat(first).extracting(Job::id).containsExactlyInAnyOrder(aHigh.id(), bHigh.id());
    assertThat(second).extracting(Job::id).containsExactlyInAnyOrder(aLow.id(), bLow.id());
  }

  @Test
  void strictPriorityLetsHigherPriorityWinAcrossTenantsWhileFairShareDoesNot() {
    requireSupport();
    TenantId urgent = newTenant();
    TenantId routine = newTenant();
    QueueConfig strict = QueueConfig.defaults(newQueue()).withMaxRunningPerTenant(100);
    QueueConfig fair = fair(newQueue());
    for (QueueConfig config : List.of(strict, fair)) {
      backlog(routine, config.name(), 10, 1);
      backlog(urgent, config.name(), 10, 9);
    }

    assertThat(claim(strict, 6, "worker-a")).extracting(Job::tenant).containsOnly(urgent);
    assertThat(byTenant(claim(fair, 6, "worker-a")))
        .containsEntry(urgent, 3L)
        .containsEntry(routine, 3L);
  }

  @Test
  void aCapStopsATenantAndAFinishedJobFreesItsPlace() {
    requireSupport();
    QueueConfig config = QueueConfig.defaults(newQueue()).withMaxRunningPerTenant(2);
    TenantId capped = newTenant();
    TenantId other = newTenant();
    backlog(capped, config.name(), 10, 9);
    backlog(other, config.name(), 10, 1);

    List<Job> claimed = claim(config, 10, "worker-a");

    assertThat(byTenant(claimed)).containsEntry(capped, 2L).containsEntry(other, 2L);
    assertThat(claim(config, 10, "worker-a")).isEmpty();

    Job done = claimed.stream().filter(j -> j.tenant().equals(capped)).findFirst().orElseThrow();
    complete(done);
    finish(
        claimed.stream().filter(j -> j.tenant().equals(capped)).skip(1).findFirst().orElseThrow(),
        new JobOutcome.Retry("boom", clock.instant().plusSeconds(5), true));
    assertThat(claim(config, 10, "worker-a"))
        .extracting(Job::tenant)
        .containsExactly(capped, capped);

    expireLeases();
    assertThat(byTenant(claim(config, 10, "worker-a")))
        .containsEntry(capped, 2L)
        .containsEntry(other, 2L);
  }

  @Test
  void aCapIsNeverExceededByClaimersRunningAtOnce() throws Exception {
    requireSupport();
    int cap = 3;
    QueueConfig config =
        QueueConfig.defaults(newQueue())
            .withClaimOrder(ClaimOrder.FAIR_SHARE)
            .withMaxRunningPerTenant(cap);
    List<TenantId> tenants = List.of(newTenant(), newTenant(), newTenant());
    int perTenant = 40;
    for (TenantId t : tenants) {
      backlog(t, config.name(), perTenant, 5);
    }
    Map<TenantId, AtomicInteger> running = new ConcurrentHashMap<>();
    AtomicInteger highest = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    Function<TenantId, AtomicInteger> counter =
        t -> running.computeIfAbsent(t, x -> new AtomicInteger());

    runConcurrently(
        6,
        Duration.ofSeconds(120),
        w ->
            () -> {
              int idle = 0;
              while (done.get() < tenants.size() * perTenant && idle < 2_000) {
                List<Job> got = claim(config, 4, "worker-" + w);
                if (got.isEmpty()) {
                  idle++;
                  Thread.onSpinWait();
                  continue;
                }
                for (Job j : got) {
                  int now = counter.apply(j.tenant()).incrementAndGet();
                  highest.accumulateAndGet(now, Math::max);
                }
                for (Job j : got) {
                  counter.apply(j.tenant()).decrementAndGet();
                  complete(j);
                  done.incrementAndGet();
                }
              }
              return null;
            });

    // Counted after the claim returned and before the completion was written: never above what
    // the store held as running, so above the cap only if the store let more run.
    assertThat(highest.get()).isBetween(1, cap);
    assertThat(done.get()).isEqualTo(tenants.size() * perTenant);
  }

  @Test
  void aQueueRateIsNeverExceededAndJobsOverItWait() throws Exception {
    requireSupport();
    QueueConfig config = QueueConfig.defaults(newQueue()).withRate(JobRate.perSecond(5));
    TenantId tenant = newTenant();
    backlog(tenant, config.name(), 40, 5);

    List<List<Job>> burst =
        runConcurrently(4, Duration.ofSeconds(60), w -> () -> claim(config, 10, "worker-" + w));
    int started = burst.stream().mapToInt(List::size).sum();

    assertThat(started).isEqualTo(5);
    assertThat(claim(config, 10, "worker-a")).isEmpty();
    clock.advance(Duration.ofMillis(200));
    assertThat(claim(config, 10, "worker-a")).hasSize(1);
    clock.advance(Duration.ofMillis(199));
    assertThat(claim(config, 10, "worker-a")).isEmpty();
    clock.advance(Duration.ofSeconds(10));
    List<List<Job>> refill =
        runConcurrently(4, Duration.ofSeconds(60), w -> () -> claim(config, 10, "worker-" + w));
    assertThat(refill.stream().mapToInt(List::size).sum()).isEqualTo(5);
  }

  @Test
  void aTenantRateHoldsEachTenantAlone() {
    requireSupport();
    QueueConfig config = fair(newQueue()).withTenantRate(new JobRate(2, Duration.ofSeconds(1)));
    TenantId a = newTenant();
    TenantId b = newTenant();
    backlog(a, config.name(), 20, 5);
    backlog(b, config.name(), 20, 5);

    List<Job> first = claim(config, 20, "worker-a");

    assertThat(byTenant(first)).containsEntry(a, 2L).containsEntry(b, 2L);
    assertThat(claim(config, 20, "worker-a")).isEmpty();
    clock.advance(Duration.ofMillis(500));
    assertThat(byTenant(claim(config, 20, "worker-a"))).containsEntry(a, 1L).containsEntry(b, 1L);
  }

  @Test
  void theOptionsAreStoredWithTheQueue() {
    requireSupport();
    TenantId gold = newTenant();
    QueueConfig config =
        fair(newQueue())
            .withTenantWeight(gold, 4)
            .withMaxRunningPerTenant(2)
            .withRate(JobRate.perSecond(100))
            .withTenantRate(new JobRate(10, Duration.ofMinutes(1)));

    assertThat(store().createQueue(config)).isTrue();

    assertThat(store().getQueue(config.name())).contains(config);
  }

  @Test
  void aStoreWithoutTenantSchedulingRefusesSuchAQueue() {
    Assumptions.assumeFalse(supportsTenantScheduling(), "this store schedules claims by tenant");
    QueueConfig config = QueueConfig.defaults(newQueue()).withMaxRunningPerTenant(2);

    assertThatThrownBy(() -> store().createQueue(config)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> store().saveQueue(config)).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> claim(config, 1, "worker-a")).isInstanceOf(ValidationException.class);
    assertThat(store().getQueue(config.name())).isEmpty();
  }

  @Test
  void nonPositiveCapsWeightsAndRatesAreRefused() {
    QueueConfig config = QueueConfig.defaults(newQueue());
    TenantId tenant = newTenant();

    assertRefused(() -> config.withMaxRunningPerTenant(0), "maxRunningPerTenant");
    assertRefused(() -> config.withMaxRunningPerTenant(-1), "maxRunningPerTenant");
    assertRefused(
        () -> config.withTenantWeight(tenant, 0), "tenantWeights[" + tenant.value() + "]");
    assertRefused(() -> JobRate.perSecond(0), "limit");
    assertRefused(() -> new JobRate(5, Duration.ZERO), "per");
    assertRefused(() -> new JobRate(5, Duration.ofSeconds(-1)), "per");
    assertThat(store().getQueue(config.name())).isEmpty();
  }

  private static void assertRefused(Runnable call, String field) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.getMessage()).contains(field));
  }
}
