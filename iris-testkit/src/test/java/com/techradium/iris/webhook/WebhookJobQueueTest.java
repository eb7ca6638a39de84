package com.techradium.iris.webhook;

import static com.techradium.iris.webhook.WebhookFixture.CALL;
import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.JobQuery;
import com.techradium.iris.job.JobQueue;
import com.techradium.iris.job.memory.InMemoryJobStore;
import com.techradium.iris.job.spi.ClaimRequest;
import com.techradium.iris.testkit.MutableClock;
import com.techradium.iris.webhook.memory.InMemoryWebhookStore;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Deliveries run as jobs of the context's real job queue. */
class WebhookJobQueueTest {
  private static final Duration LEASE = Duration.ofSeconds(30);

  private final MutableClock clock = MutableClock.startingAtEpochOf2026();
  private final IrisRuntime runtime = IrisRuntime.builder().workerThreads(2).build();
  private final IrisContext context = IrisContext.builder().clock(clock).runtime(runtime).build();
  private final InMemoryJobStore jobStore = new InMemoryJobStore();
  private final Receiver receiver = new Receiver();
  private final TenantId tenant = TenantId.of("acme");
  private final WebhookDispatcher webhooks =
      WebhookDispatcher.builder()
          .context(context)
          .store(new InMemoryWebhookStore())
          .transport(receiver)
          .secretKey(WebhookFixture.KEY)
          .build();
  private final JobQueue jobs =
      JobQueue.builder()
          .context(context)
          .store(jobStore)
          .leaseDuration(LEASE)
          .pollInterval(Duration.ofMillis(5))
          .schedulerInterval(Duration.ofMillis(5))
          .build();

  @AfterEach
  void close() {
    runtime.close();
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.onSpinWait();
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private Delivery only() {
    return webhooks.listDeliveries(tenant, DeliveryQuery.all(), PageRequest.first()).items().get(0);
  }

  @Test
  void aPublishedEventIsDeliveredByTheJobQueuesWorkers() {
    webhooks.createEndpoint(tenant, EndpointSpec.builder("https://hooks.example.com/in").build());
    runtime.start();

    WebhookEvent event = webhooks.publish(tenant, "call.completed", CALL);

    await("delivered", () -> only().status() == DeliveryStatus.SUCCEEDED);
    assertThat(receiver.requests())
        .singleElement()
        .satisfies(r -> assertThat(r.headers()).containsEntry("webhook-id", event.messageId()));
  }

  @Test
  void aDeliveryWhoseWorkerDiedMidAttemptIsSentAgainAfterTheLeaseWithTheSameId() {
    webhooks.createEndpoint(tenant, EndpointSpec.builder("https://hooks.example.com/in").build());
    WebhookEvent event = webhooks.publish(tenant, "call.completed", CALL);
    List<Job> lost =
        jobStore.claim(ClaimRequest.of("webhooks", 1, "crashed-node", LEASE), clock.instant());
    assertThat(lost).hasSize(1);
    runtime.start();

    clock.advance(LEASE.plusSeconds(1));

    await("delivered by another worker", () -> only().status() == DeliveryStatus.SUCCEEDED);
    assertThat(receiver.requests())
        .singleElement()
        .satisfies(r -> assertThat(r.headers()).containsEntry("webhook-id", event.messageId()));
    assertThat(jobs.get(tenant, lost.get(0).id()).orElseThrow().attempts()).isEqualTo(2);
  }

  @Test
  void aSharedJobWhoseWorkerDiedHandsEachPendingDeliveryToOneJobOfItsOwn() {
    webhooks.createEndpoint(tenant, EndpointSpec.builder("https://hooks.example.com/in").build());
    List<WebhookEvent> events =
        webhooks.publishAll(
            tenant,
            List.of(
                NewEvent.of("call.completed", CALL),
                NewEvent.of("call.completed", CALL),
                NewEvent.of("call.completed", CALL)));
    List<Job> lost =
        jobStore.claim(ClaimRequest.of("webhooks", 10, "crashed-node", LEASE), clock.instant());
    assertThat(lost)
        .singleElement()
        .satisfies(j -> assertThat(j.type()).isEqualTo(WebhookDispatcher.DELIVERY_BATCH_TYPE));
    runtime.start();

    clock.advance(LEASE.plusSeconds(1));

    await(
        "delivered by jobs of their own",
        () ->
            webhooks
                .listDeliveries(tenant, DeliveryQuery.all(), PageRequest.first())
                .items()
                .stream()
                .allMatch(d -> d.status() == DeliveryStatus.SUCCEEDED));
    assertThat(receiver.requests())
        .extracting(r -> r.headers().get("webhook-id"))
        .containsExactlyInAnyOrderElementsOf(events.stream().map(WebhookEvent::messageId).toList());
    assertThat(jobs.get(tenant, lost.get(0).id()).orElseThrow().attempts()).isEqualTo(2);
    assertThat(jobs.list(tenant, JobQuery.all(), PageRequest.first()).items())
        .filteredOn(j -> j.type().equals(WebhookDispatcher.DELIVERY_TYPE))
        .hasSize(3);
  }

  @Test
  void aRetryRunsOnTheSameJobWhenItsTimeComes() {
    webhooks.createEndpoint(tenant, EndpointSpec.builder("https://hooks.example.com/in").build());
    receiver.answer(500);
    runtime.start();

    WebhookEvent event = webhooks.publish(tenant, "call.completed", CALL);
    await("first attempt recorded", () -> only().attempts() == 1);
    clock.advance(Duration.ofSeconds(10));

    await("delivered on retry", () -> only().status() == DeliveryStatus.SUCCEEDED);
    assertThat(receiver.requests())
        .extracting(r -> r.headers().get("webhook-id"))
        .containsExactly(event.messageId(), event.messageId());
  }
}
