package com.techradium.iris;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.apikey.ApiKeyManager;
import com.techradium.iris.audit.Accessor;
import com.techradium.iris.audit.AuditCategory;
import com.techradium.iris.audit.AuditEvent;
import com.techradium.iris.audit.AuditLog;
import com.techradium.iris.audit.AuditRecord;
import com.techradium.iris.audit.HmacCheckpointSigner;
import com.techradium.iris.audit.SecurityEventKind;
import com.techradium.iris.audit.spi.AuditStore;
import com.techradium.iris.core.AdminNotice;
import com.techradium.iris.core.HousekeepingTask;
import com.techradium.iris.core.InMemoryTenantDirectory;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.NoticeActor;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.SecurityNotice;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobQueue;
import com.techradium.iris.job.JobSpec;
import com.techradium.iris.job.JobState;
import com.techradium.iris.job.QueueConfig;
import com.techradium.iris.job.memory.InMemoryJobStore;
import com.techradium.iris.job.spi.JobStore;
import com.techradium.iris.monitor.HealthMonitor;
import com.techradium.iris.ratelimit.RateLimiter;
import com.techradium.iris.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IrisTest {
  private final TenantId acme = TenantId.of("acme");

  private AuditEvent login() {
    return AuditEvent.builder(acme, AuditCategory.AUDIT).actor("user:1").action("login").build();
  }

  @Test
  void buildingStartsNoThreadAndStartRunsTheWorkers() throws InterruptedException {
    CountDownLatch ran = new CountDownLatch(1);
    try (Iris iris = Iris.builder().jobs(b -> b.handler("ping", ctx -> ran.countDown())).build()) {
      assertThat(iris.runtime().isRunning()).isFalse();

      iris.jobs().enqueue(acme, JobSpec.builder("reports", "ping").build());
      iris.start();

      assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void webhooksAreBuiltOnlyWithATransportAndTheirDeliveriesRunOnTheJobQueue() throws Exception {
    try (Iris bare = Iris.inMemory()) {
      assertThatThrownBy(bare::webhooks).hasMessageContaining("need a transport");
    }
    java.util.List<com.techradium.iris.webhook.spi.WebhookRequest> sent =
        new java.util.concurrent.CopyOnWriteArrayList<>();
    try (Iris iris =
        Iris.builder()
            .jobs(j -> j.pollInterval(Duration.ofMillis(5)))
            .webhooks(
                w ->
                    w.transport(
                            request -> {
                              sent.add(request);
                              return new com.techradium.iris.webhook.spi.TransportResult(
                                  200, 1, null, null, null);
                            })
                        .secretKey(new javax.crypto.spec.SecretKeySpec(new byte[32], "AES")))
            .build()
            .start()) {
      TenantId tenant = TenantId.of("acme");
      iris.webhooks()
          .createEndpoint(
              tenant,
              com.techradium.iris.webhook.EndpointSpec.builder("https://hooks.example.com")
                  .build());

      iris.webhooks().publish(tenant, "test.ping", "{}");

      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (sent.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(sent).hasSize(1);
      assertThat(iris.storage().ports())
          .contains(com.techradium.iris.webhook.spi.WebhookStore.class);
    }
  }

  @Test
  void everyFacadeSharesTheClock() {
    MutableClock clock = MutableClock.startingAtEpochOf2026();
    Iris iris = Iris.builder().clock(clock).build();

    AuditRecord record = iris.audit().record(login());
    Job job = iris.jobs().enqueue(acme, JobSpec.builder("reports", "iris.job.cleanup").build());

    assertThat(record.recordedAt()).isEqualTo(clock.instant());
    assertThat(job.createdAt()).isEqualTo(clock.instant());
  }

  @Test
  void everyFacadeChecksTheSameTenantDirectory() {
    InMemoryTenantDirectory directory = new InMemoryTenantDirectory();
    Iris iris = Iris.builder().storage(IrisStorage.inMemory().withTenants(directory)).build();

    assertThatThrownBy(() -> iris.audit().record(login())).isInstanceOf(ValidationException.class);
    assertThatThrownBy(
            () -> iris.jobs().enqueue(acme, JobSpec.builder("reports", "iris.job.cleanup").build()))
        .isInstanceOf(ValidationException.class);

    directory.register(acme, "Acme", iris.clock().instant());
    assertThat(
            iris.jobs()
                .enqueue(acme, JobSpec.builder("reports", "iris.job.cleanup").build())
                .state())
        .isEqualTo(JobState.QUEUED);
  }

  @Test
  void aRuntimeTheHostPassedInIsLeftForTheHostToClose() {
    try (IrisRuntime runtime =
        IrisRuntime.builder().shutdownTimeout(Duration.ofSeconds(5)).build()) {
      Iris iris = Iris.builder().runtime(runtime).build().start();
      iris.close();
      assertThat(runtime.isRunning()).isTrue();
    }
  }

  @Test
  void auditRetentionIsScheduledAsANightlyJobWhenTheAuditLogSignsCheckpoints() {
    Iris signing =
        Iris.builder().audit(a -> a.signer(new HmacCheckpointSigner("k1", new byte[32]))).build();
    Iris plain = Iris.inMemory();

    assertThat(signing.jobs().getSchedule(signing.jobs().systemTenant(), "audit-retention"))
        .hasValueSatisfying(s -> assertThat(s.type()).isEqualTo(AuditLog.RETENTION_TYPE));
    assertThat(plain.jobs().getSchedule(plain.jobs().systemTenant(), "audit-retention")).isEmpty();
  }

  @Test
  void systemSchedulesNeedNoEntryInTheTenantDirectory() {
    Iris iris =
        Iris.builder()
            .storage(IrisStorage.inMemory().withTenants(new InMemoryTenantDirectory()))
            .audit(a -> a.signer(new HmacCheckpointSigner("k1", new byte[32])))
            .build();

    assertThat(iris.jobs().listSchedules(iris.jobs().systemTenant()))
        .extracting(s -> s.name())
        .contains("job-cleanup", "audit-retention");
  }

  @Test
  void closingStopsARuntimeIrisCreated() {
    Iris iris = Iris.inMemory().start();
    iris.close();
    assertThat(iris.runtime().isRunning()).isFalse();
  }

  @Test
  void buildingWritesNothingUntilTheRuntimeStarts() {
    InMemoryJobStore jobStore = new InMemoryJobStore();
    Iris iris =
        Iris.builder().storage(IrisStorage.inMemory().with(JobStore.class, jobStore)).build();

    assertThat(jobStore.listQueues()).as("after build").isEmpty();
    iris.start();
    try {
      assertThat(jobStore.listQueues())
          .extracting(QueueConfig::name)
          .containsAll(JobQueue.DEFAULT_QUEUES);
    } finally {
      iris.close();
    }
  }

  @Test
  void everyFacadeSharesOneContext() {
    MutableClock clock = MutableClock.startingAtEpochOf2026();
    Iris iris = Iris.builder().clock(clock).build();

    assertThat(iris.context().clock()).isSameAs(clock);
    assertThat(iris.context().runtime()).containsSame(iris.runtime());
    assertThat(iris.context().housekeeping().tasks())
        .extracting(HousekeepingTask::name)
        .containsExactly(
            JobQueue.CLEANUP_SCHEDULE,
            ApiKeyManager.HOUSEKEEPING_SCHEDULE,
            RateLimiter.CLEANUP_SCHEDULE,
            RateLimiter.FLUSH_SCHEDULE,
            HealthMonitor.RETENTION_TASK);
    assertThat(iris.health().hasComponent("iris-jobs")).isTrue();
    assertThat(iris.incidents().open()).isEmpty();
  }

  @Test
  void aFacadeDeclaresItsOwnChoresOnTheContext() {
    Iris signing =
        Iris.builder().audit(a -> a.signer(new HmacCheckpointSigner("k1", new byte[32]))).build();

    assertThat(signing.context().housekeeping().tasks())
        .extracting(HousekeepingTask::name)
        .containsExactlyInAnyOrder(
            JobQueue.CLEANUP_SCHEDULE,
            AuditLog.RETENTION_SCHEDULE,
            ApiKeyManager.HOUSEKEEPING_SCHEDULE,
            RateLimiter.CLEANUP_SCHEDULE,
            RateLimiter.FLUSH_SCHEDULE,
            HealthMonitor.RETENTION_TASK);
  }

  @Test
  void theStorageRegistryServesEachPortAndSwapsOne() {
    InMemoryJobStore other = new InMemoryJobStore();
    IrisStorage storage = IrisStorage.inMemory();
    IrisStorage swapped = storage.with(JobStore.class, other);

    assertThat(storage.ports()).contains(AuditStore.class, JobStore.class);
    assertThat(swapped.store(JobStore.class)).isSameAs(other);
    assertThat(swapped.store(AuditStore.class)).isSameAs(storage.store(AuditStore.class));
    assertThat(storage.store(JobStore.class)).isNotSameAs(other);
  }

  @Test
  void aPortWithoutAStoreIsNamed() {
    IrisStorage empty = IrisStorage.builder().build();

    assertThat(empty.find(JobStore.class)).isEmpty();
    assertThatThrownBy(() -> empty.store(JobStore.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("JobStore");
    assertThatThrownBy(() -> Iris.builder().storage(empty).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("AuditStore");
  }

  @Test
  void aPortIsRegisteredOnceAndEachBuilderPartSetOnce() {
    IrisStorage.Builder storage =
        IrisStorage.builder().store(JobStore.class, new InMemoryJobStore());

    assertThatThrownBy(() -> storage.store(JobStore.class, new InMemoryJobStore()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("store for JobStore was already set");
    assertThatThrownBy(() -> Iris.builder().jobs(j -> {}).jobs(j -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("jobs was already set");
  }

  @Test
  void noticesOtherFacadesPublishBecomeAuditEvents() {
    Iris iris = Iris.inMemory();
    TenantId acme = TenantId.of("acme");

    iris.context()
        .events()
        .publish(
            new SecurityNotice(
                acme,
                SecurityNotice.Kind.RATE_LIMIT_VIOLATION,
                "user-42",
                NoticeActor.USER,
                "rate_limit.exceeded",
                "203.0.113.9",
                Map.of("rule", "api")));
    iris.context()
        .events()
        .publish(
            new AdminNotice(
                acme, "admin-1", NoticeActor.USER, "api_key.revoke", "api_key", "key-7", Map.of()));

    List<AuditRecord> security =
        iris.audit()
            .securityEvents(acme, null, null, PageRequest.first(), Accessor.system("test", null))
            .items();
    assertThat(security)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.event().securityKind())
                  .isEqualTo(SecurityEventKind.RATE_LIMIT_VIOLATION);
              assertThat(r.event().ipAddress()).isEqualTo("203.0.113.9");
              assertThat(r.event().metadata()).contains("\"rule\":\"api\"");
            });
    assertThat(iris.audit().verify(acme).valid()).isTrue();
  }
}
