package com.techradium.iris.jdbc.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.jdbc.JdbcTransaction;
import com.techradium.iris.jdbc.job.JdbcJobStore;
import com.techradium.iris.job.JobQuery;
import com.techradium.iris.job.JobQueue;
import com.techradium.iris.job.JobSpec;
import com.techradium.iris.testkit.PostgresExtension;
import com.techradium.iris.webhook.Delivery;
import com.techradium.iris.webhook.DeliveryQuery;
import com.techradium.iris.webhook.EndpointSpec;
import com.techradium.iris.webhook.WebhookDispatcher;
import com.techradium.iris.webhook.WebhookEvent;
import com.techradium.iris.webhook.spi.TransportResult;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Publishing on PostgreSQL: the event, its deliveries and their jobs commit together or not at all,
 * inside the host's transaction or in the store's own.
 */
class JdbcWebhookTransactionTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static final AtomicInteger TENANTS = new AtomicInteger();
  private static WebhookDispatcher webhooks;
  private static JobQueue jobs;
  private static JdbcWebhookStore store;

  @BeforeAll
  static void setUp() {
    JdbcIris.migrate(postgres.dataSource());
    IrisContext context = IrisContext.builder().build();
    store = JdbcWebhookStore.of(postgres.dataSource());
    webhooks =
        WebhookDispatcher.builder()
            .context(context)
            .store(store)
            .transport(request -> new TransportResult(200, 1, null, null, null))
            .secretKey(new SecretKeySpec(new byte[32], "AES"))
            .build();
    jobs =
        JobQueue.builder()
            .context(context)
            .store(JdbcJobStore.of(postgres.dataSource()))
            .runWorker(false)
            .handler("job.written", ctx -> {})
            .build();
  }

  private static TenantId tenantWithEndpoint() {
    TenantId tenant = TenantId.of("tx-" + TENANTS.incrementAndGet() + "-" + System.nanoTime());
    webhooks.createEndpoint(tenant, EndpointSpec.builder("https://hooks.example.com/in").build());
    return tenant;
  }

  private static final String CALL = "{\"callId\":\"c\",\"durationSeconds\":3}";

  @Test
  void aPublishRolledBackWithTheHostLeavesNoEventDeliveryOrJob() throws Exception {
    TenantId tenant = tenantWithEndpoint();
    WebhookEvent event;
    try (Connection c = postgres.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (JdbcTransaction joined = JdbcTransaction.join(c)) {
        event = webhooks.publish(tenant, "call.completed", CALL);
        assertThat(webhooks.getEvent(tenant, event.id())).as("visible inside").isPresent();
      }
      c.rollback();
    }

    assertThat(webhooks.getEvent(tenant, event.id())).isEmpty();
    assertThat(webhooks.listDeliveries(tenant, DeliveryQuery.all(), PageRequest.first()).items())
        .isEmpty();
    assertThat(jobs.list(tenant, JobQuery.all(), PageRequest.first()).items()).isEmpty();
  }

  @Test
  void aPublishCommittedWithTheHostLeavesTheEventItsDeliveryAndItsJob() throws Exception {
    TenantId tenant = tenantWithEndpoint();
    WebhookEvent event;
    try (Connection c = postgres.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (JdbcTransaction joined = JdbcTransaction.join(c)) {
        event = webhooks.publish(tenant, "call.completed", CALL);
      }
      c.commit();
    }

    assertThat(webhooks.getEvent(tenant, event.id()))
        .hasValueSatisfying(e -> assertThat(e.payload()).isEqualTo(CALL));
    assertThat(webhooks.listDeliveries(tenant, DeliveryQuery.all(), PageRequest.first()).items())
        .hasSize(1);
    assertThat(jobs.list(tenant, JobQuery.all(), PageRequest.first()).items())
        .singleElement()
        .satisfies(j -> assertThat(j.type()).isEqualTo(WebhookDispatcher.DELIVERY_TYPE));
  }

  @Test
  void withoutAHostTransactionAPublishCommitsTheEventItsDeliveryAndItsJobAtOnce() {
    TenantId tenant = tenantWithEndpoint();

    WebhookEvent event = webhooks.publish(tenant, "call.completed", CALL);

    assertThat(webhooks.getEvent(tenant, event.id())).isPresent();
    assertThat(jobs.list(tenant, JobQuery.all(), PageRequest.first()).items()).hasSize(1);
  }

  @Test
  void whenTheJobsCannotBeSubmittedTheEventAndItsDeliveriesAreUndone() {
    TenantId tenant = tenantWithEndpoint();
    UUID endpointId = webhooks.listEndpoints(tenant).get(0).id();
    Instant now = Instant.now();
    WebhookEvent event = new WebhookEvent(UUID.randomUUID(), tenant, "call.completed", CALL, now);
    Delivery delivery =
        Delivery.pending(UUID.randomUUID(), tenant, event.id(), endpointId, event.type(), now);

    assertThatThrownBy(
            () ->
                store.insertEvents(
                    List.of(event),
                    List.of(delivery),
                    () -> {
                      jobs.enqueue(tenant, JobSpec.builder("webhooks", "job.written").build());
                      throw new IllegalStateException("the job queue failed");
                    }))
        .hasMessageContaining("the job queue failed");

    assertThat(store.getEvent(tenant, event.id())).isEmpty();
    assertThat(store.getDelivery(tenant, delivery.id())).isEmpty();
    assertThat(jobs.list(tenant, JobQuery.all(), PageRequest.first()).items())
        .as("the job written in the same transaction is undone too")
        .isEmpty();
  }

  @Test
  void storesOverAnotherDataSourceKeepTheirOwnTransactions() {
    TenantId tenant = tenantWithEndpoint();
    DataSource other =
        (DataSource)
            Proxy.newProxyInstance(
                DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> method.invoke(postgres.dataSource(), args));
    JobQueue elsewhere =
        JobQueue.builder()
            .context(IrisContext.builder().build())
            .store(JdbcJobStore.of(other))
            .runWorker(false)
            .handler("job.written", ctx -> {})
            .build();
    Instant now = Instant.now();
    WebhookEvent event = new WebhookEvent(UUID.randomUUID(), tenant, "call.completed", CALL, now);

    assertThatThrownBy(
            () ->
                store.insertEvents(
                    List.of(event),
                    List.of(),
                    () -> {
                      elsewhere.enqueue(tenant, JobSpec.builder("webhooks", "job.written").build());
                      throw new IllegalStateException("after the other store's write");
                    }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(store.getEvent(tenant, event.id())).isEmpty();
    assertThat(elsewhere.list(tenant, JobQuery.all(), PageRequest.first()).items()).hasSize(1);
  }
}
