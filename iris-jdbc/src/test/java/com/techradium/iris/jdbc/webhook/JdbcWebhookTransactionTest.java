package com.techradium.iris.jdbc.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.jdbc.JdbcTransaction;
import com.techradium.iris.jdbc.job.JdbcJobStore;
import com.techradium.iris.job.JobQuery;
import com.techradium.iris.job.JobQueue;
import com.techradium.iris.testkit.PostgresExtension;
import com.techradium.iris.webhook.DeliveryQuery;
import com.techradium.iris.webhook.EndpointSpec;
import com.techradium.iris.webhook.WebhookDispatcher;
import com.techradium.iris.webhook.WebhookEvent;
import com.techradium.iris.webhook.spi.TransportResult;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Publishing inside the host's transaction: the event, its deliveries and their jobs or none. */
class JdbcWebhookTransactionTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static final AtomicInteger TENANTS = new AtomicInteger();
  private static WebhookDispatcher webhooks;
  private static JobQueue jobs;

  @BeforeAll
  static void setUp() {
    JdbcIris.migrate(postgres.dataSource());
    IrisContext context = IrisContext.builder().build();
    webhooks =
        WebhookDispatcher.builder()
            .context(context)
            .store(JdbcWebhookStore.of(postgres.dataSource()))
            .transport(request -> new TransportResult(200, 1, null, null, null))
            .secretKey(new SecretKeySpec(new byte[32], "AES"))
            .build();
    jobs =
        JobQueue.builder().context(context).store(JdbcJobStore.of(postgres.dataSource())).build();
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
}
