package com.techradium.iris.redis.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.job.ClaimOrder;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobQuery;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.JobStats;
import com.techradium.iris.job.JobUpdate;
import com.techradium.iris.job.ParentFailurePolicy;
import com.techradium.iris.job.QueueConfig;
import com.techradium.iris.job.spi.ClaimRequest;
import com.techradium.iris.job.spi.JobOutcome;
import com.techradium.iris.job.spi.JobSignal;
import com.techradium.iris.job.spi.JobStore;
import com.techradium.iris.job.spi.NewJob;
import com.techradium.iris.job.spi.StatsQuery;
import com.techradium.iris.testkit.RedisExtension;
import com.techradium.iris.testkit.job.JobStoreContract;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.args.FlushMode;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The Redis job store held to the job store contract on a real Redis (its no-job-lost test over
 * 10,000 jobs), plus what is particular to Redis: one cluster slot, script cache loss, several
 * clients.
 */
class RedisJobStoreTest extends JobStoreContract {
  @RegisterExtension static final RedisExtension redis = new RedisExtension();

  @Override
  protected JobStore newStore(Clock clock) {
    return RedisJobStore.create(redis.client());
  }

  @Override
  protected int stressJobCount() {
    return 10_000;
  }

  private NewJob due(String queue, int priority) {
    return job(queue, priority, clock.instant());
  }

  private RedisClient secondClient() {
    return RedisClient.create(URI.create(redis.redis().url()));
  }

  @Test
  void everyKeyOfTheStoreSharesOneClusterSlot() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    String queue = newQueue();
    Job parent = insertOne(a, due(queue, 5));
    NewJob keyed = withKey(due(queue, 5), "key-1", "{\"n\":1}", Duration.ofSeconds(600));
    insertOne(a, withParents(keyed, ParentFailurePolicy.FAIL, parent.id()));
    store().insert(b, List.of(due(queue, 5)), clock.instant());
    for (Job claimed : store().claim(ClaimRequest.of(queue, 10, "w", LEASE), clock.instant())) {
      store().finish(claimed.leaseRef(), new JobOutcome.Completed(null), clock.instant());
    }

    Set<Integer> slots = new HashSet<>();
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page = redis.client().scan(cursor, new ScanParams().count(1000));
      for (String key : page.getResult()) {
        // This class's database also holds the keys of storesWithAnotherNamespaceShareNothing.
        if (!key.startsWith("iris:{jobs-eu}:")) {
          assertThat(key).startsWith("iris:{jobs}:");
          slots.add(JedisClusterCRC16.getSlot(key));
        }
      }
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    assertThat(slots).containsExactly(JedisClusterCRC16.getSlot("{jobs}"));
  }

  @Test
  void stateCountersMatchTheJobsAfterEveryKindOfChange() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    List<Job> jobs = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      jobs.add(store().insert(tenant, List.of(due(queue, i % 11)), clock.instant()).get(0).job());
    }
    store()
        .insert(tenant, List.of(job(queue, 5, clock.instant().plusSeconds(60))), clock.instant());
    store().cancel(tenant, jobs.get(0).id(), clock.instant());
    store().update(tenant, jobs.get(1).id(), new JobUpdate(9, null, null), clock.instant());
    List<Job> claimed = store().claim(ClaimRequest.of(queue, 8, "w", LEASE), clock.instant());
    Instant now = clock.instant();
    store().renewLease(claimed.get(0).leaseRef(), now.plusSeconds(90), now);
    store().finish(claimed.get(1).leaseRef(), new JobOutcome.Completed(null), now);
    store().finish(claimed.get(2).leaseRef(), new JobOutcome.Retry("x", now, true), now);
    store().finish(claimed.get(3).leaseRef(), new JobOutcome.Retry("x", now, false), now);
    store().finish(claimed.get(4).leaseRef(), new JobOutcome.Dead("x"), now);
    store().release(claimed.get(5).leaseRef(), now);
    store().cancel(tenant, claimed.get(6).id(), now);
    store().retryNow(tenant, claimed.get(4).id(), now);
    clock.advance(LEASE.plusSeconds(120));
    store().requeueExpired(clock.instant(), 10_000);
    store().deleteFinished(queue, clock.instant().plusSeconds(1), 10_000);

    Map<JobState, Long> listed = new java.util.EnumMap<>(JobState.class);
    for (Job j : store().list(tenant, JobQuery.all(), PageRequest.first(1000)).items()) {
      listed.merge(j.state(), 1L, Long::sum);
    }
    JobStats stats = store().stats(new StatsQuery(tenant, null, Instant.EPOCH), clock.instant());
    JobStats byQueue = store().stats(new StatsQuery(null, queue, Instant.EPOCH), clock.instant());
    for (JobState state : JobState.values()) {
      assertThat(stats.count(state)).as(state.name()).isEqualTo(listed.getOrDefault(state, 0L));
      assertThat(byQueue.count(state)).as(state.name()).isEqualTo(listed.getOrDefault(state, 0L));
    }
    assertThat(stats.total()).isPositive();
  }

  @Test
  void storesWithAnotherNamespaceShareNothing() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    JobStore other = RedisJobStore.builder(redis.client()).namespace("jobs-eu").build();
    Job job = other.insert(tenant, List.of(due(queue, 5)), clock.instant()).get(0).job();

    assertThat(store().get(tenant, job.id())).isEmpty();
    assertThat(store().claim(ClaimRequest.of(queue, 10, "w", LEASE), clock.instant())).isEmpty();
    assertThat(other.claim(ClaimRequest.of(queue, 10, "w", LEASE), clock.instant()))
        .extracting(Job::id)
        .containsExactly(job.id());
  }

  @Test
  void noWorkIsLostWhenTheServerForgetsItsScriptsMidRun() throws Exception {
    TenantId tenant = newTenant();
    String queue = newQueue();
    int total = 2000;
    List<NewJob> batch = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      batch.add(due(queue, i % 11));
    }
    store().insert(tenant, batch, clock.instant());
    AtomicBoolean working = new AtomicBoolean(true);
    AtomicInteger flushes = new AtomicInteger();
    Map<UUID, Integer> completions = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      Future<?> flusher =
          pool.submit(
              () -> {
                while (working.get()) {
                  redis.client().scriptFlush(queue, FlushMode.SYNC);
                  flushes.incrementAndGet();
                  Thread.sleep(2);
                }
                return null;
              });
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        String owner = "worker-" + t;
        workers.add(
            pool.submit(
                () -> {
                  while (true) {
                    Instant now = clock.instant();
                    List<Job> got = store().claim(ClaimRequest.of(queue, 10, owner, LEASE), now);
                    if (got.isEmpty()) {
                      return null;
                    }
                    for (Job j : got) {
                      store()
                          .finish(j.leaseRef(), new JobOutcome.Completed(null), now)
                          .orElseThrow();
                      completions.merge(j.id(), 1, Integer::sum);
                    }
                  }
                }));
      }
      for (Future<?> f : workers) {
        f.get(120, TimeUnit.SECONDS);
      }
      working.set(false);
      flusher.get(10, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }

    assertThat(flushes.get()).isGreaterThan(1);
    assertThat(completions).hasSize(total);
    assertThat(completions.values()).containsOnly(1);
    JobStats stats = store().stats(new StatsQuery(tenant, queue, Instant.EPOCH), clock.instant());
    assertThat(stats.count(JobState.COMPLETED)).isEqualTo(total);
    assertThat(stats.total()).isEqualTo(total);
  }

  @Test
  void claimersOnSeparateClientsNeverReceiveTheSameJob() throws Exception {
    String queue = newQueue();
    List<NewJob> batch = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      batch.add(due(queue, i % 11));
    }
    for (int t = 0; t < 3; t++) {
      store().insert(newTenant(), batch.subList(t * 100, (t + 1) * 100), clock.instant());
    }
    List<RedisClient> clients = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<List<UUID>>> results = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        RedisClient client = secondClient();
        clients.add(client);
        JobStore node = RedisJobStore.create(client);
        String owner = "node-" + t;
        results.add(
            pool.submit(
                () -> {
                  List<UUID> mine = new ArrayList<>();
                  while (true) {
                    List<Job> got =
                        node.claim(ClaimRequest.of(queue, 4, owner, LEASE), clock.instant());
                    if (got.isEmpty()) {
                      return mine;
                    }
                    got.forEach(j -> mine.add(j.id()));
                  }
                }));
      }
      List<UUID> all = new ArrayList<>();
      for (Future<List<UUID>> f : results) {
        all.addAll(f.get(60, TimeUnit.SECONDS));
      }
      assertThat(all).hasSize(300).doesNotHaveDuplicates();
    } finally {
      pool.shutdownNow();
      clients.forEach(RedisClient::close);
    }
  }

  @Test
  void aJobWhoseLeaseExpiredIsCompletedThroughAnotherClient() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    Job job = store().insert(tenant, List.of(due(queue, 5)), clock.instant()).get(0).job();
    Job abandoned =
        store().claim(ClaimRequest.of(queue, 1, "crashed", LEASE), clock.instant()).get(0);
    clock.advance(LEASE.plusMillis(1));
    try (RedisClient client = secondClient()) {
      JobStore rescuer = RedisJobStore.create(client);

      assertThat(rescuer.requeueExpired(clock.instant(), 10_000)).isPositive();
      Job retaken =
          rescuer.claim(ClaimRequest.of(queue, 1, "rescuer", LEASE), clock.instant()).get(0);
      Job done =
          rescuer
              .finish(retaken.leaseRef(), new JobOutcome.Completed(null), clock.instant())
              .orElseThrow();

      assertThat(retaken.id()).isEqualTo(job.id());
      assertThat(done.state()).isEqualTo(JobState.COMPLETED);
      assertThat(done.attempts()).isEqualTo(2);
      assertThat(
              store().finish(abandoned.leaseRef(), new JobOutcome.Completed(null), clock.instant()))
          .isEmpty();
      assertThat(store().attempts(tenant, job.id()))
          .extracting(a -> a.owner() + ":" + a.outcome())
          .containsExactly("crashed:LEASE_EXPIRED", "rescuer:SUCCEEDED");
    }
  }

  @Test
  void aSignalReachesASubscriberOnAnotherClient() throws Exception {
    String queue = newQueue();
    CountDownLatch heard = new CountDownLatch(1);
    try (RedisClient client = secondClient()) {
      JobSignal signal = RedisJobStore.create(client).signals().orElseThrow();
      JobSignal.Subscription subscription =
          signal.subscribe(
              q -> {
                if (q.equals(queue)) {
                  heard.countDown();
                }
              });
      try {
        store().insert(newTenant(), List.of(due(queue, 5)), clock.instant());

        assertThat(heard.await(10, TimeUnit.SECONDS)).isTrue();
      } finally {
        subscription.close();
      }
    }
  }

  @Test
  void aScheduledClaimFindsJobsMadeDueBeforeThePerTenantReadySetsExisted() {
    TenantId a = newTenant();
    TenantId b = newTenant();
    String queue = newQueue();
    store()
        .insert(
            a,
            List.of(due(queue, 5), due(queue, 5), due(queue, 5), due(queue, 5)),
            clock.instant());
    store().insert(b, List.of(due(queue, 5), due(queue, 5)), clock.instant());
    // As an earlier version left them: due jobs in the queue's ready set only.
    String rtenants = "iris:{jobs}:rtenants:" + queue;
    redis
        .client()
        .del(
            "iris:{jobs}:t:" + a.value() + ":ready:" + queue,
            "iris:{jobs}:t:" + b.value() + ":ready:" + queue,
            rtenants);
    QueueConfig fair = QueueConfig.defaults(queue).withClaimOrder(ClaimOrder.FAIR_SHARE);
    ClaimRequest request = ClaimRequest.of(queue, 4, "w", LEASE).withQueueConfig(fair);

    List<Job> first = store().claim(request, clock.instant());
    assertThat(first).filteredOn(j -> j.tenant().equals(a)).hasSize(2);
    assertThat(first).filteredOn(j -> j.tenant().equals(b)).hasSize(2);
    assertThat(store().claim(request, clock.instant()))
        .extracting(Job::tenant)
        .containsExactly(a, a);
    assertThat(redis.client().exists(rtenants)).isFalse();
  }

  @Test
  void aReleasedJobAndALapsedLeaseFreeTheirPlaceUnderACap() {
    TenantId tenant = newTenant();
    String queue = newQueue();
    store().insert(tenant, List.of(due(queue, 5), due(queue, 5), due(queue, 5)), clock.instant());
    QueueConfig capped = QueueConfig.defaults(queue).withMaxRunningPerTenant(1);
    ClaimRequest request = ClaimRequest.of(queue, 3, "w", LEASE).withQueueConfig(capped);

    List<Job> first = store().claim(request, clock.instant());
    assertThat(first).hasSize(1);
    assertThat(store().claim(request, clock.instant())).isEmpty();
    assertThat(store().release(first.get(0).leaseRef(), clock.instant())).isTrue();
    assertThat(store().claim(request, clock.instant())).hasSize(1);
    assertThat(store().claim(request, clock.instant())).isEmpty();
    clock.advance(LEASE.plusSeconds(1));
    assertThat(store().requeueExpired(clock.instant(), 10)).isEqualTo(1);
    assertThat(store().claim(request, clock.instant())).hasSize(1);
    assertThat(store().claim(request, clock.instant())).isEmpty();
  }
}
