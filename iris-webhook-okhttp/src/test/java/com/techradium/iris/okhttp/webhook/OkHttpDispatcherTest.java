package com.techradium.iris.okhttp.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.job.JobQueue;
import com.techradium.iris.job.memory.InMemoryJobStore;
import com.techradium.iris.webhook.CreatedEndpoint;
import com.techradium.iris.webhook.Delivery;
import com.techradium.iris.webhook.DeliveryQuery;
import com.techradium.iris.webhook.DeliveryStatus;
import com.techradium.iris.webhook.EndpointSpec;
import com.techradium.iris.webhook.WebhookDispatcher;
import com.techradium.iris.webhook.WebhookEvent;
import com.techradium.iris.webhook.WebhookVerifier;
import com.techradium.iris.webhook.memory.InMemoryWebhookStore;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dispatcher, the job queue and OkHttp together, against a real loopback receiver. */
class OkHttpDispatcherTest {
  private final MockWebServer server = new MockWebServer();
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
  private final Clock clock =
      new Clock() {
        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };
  private final IrisRuntime runtime = IrisRuntime.builder().workerThreads(2).build();
  private final IrisContext context = IrisContext.builder().clock(clock).runtime(runtime).build();
  private final TenantId tenant = TenantId.of("acme");
  private final WebhookDispatcher webhooks =
      WebhookDispatcher.builder()
          .context(context)
          .store(new InMemoryWebhookStore())
          .transport(OkHttpWebhookTransport.builder().allowNetworks("127.0.0.0/8").build())
          .secretKey(new SecretKeySpec(new byte[32], "AES"))
          .allowHttp(true)
          .build();

  @BeforeEach
  void start() throws Exception {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    JobQueue.builder()
        .context(context)
        .store(new InMemoryJobStore())
        .pollInterval(Duration.ofMillis(5))
        .schedulerInterval(Duration.ofMillis(5))
        .build();
  }

  @AfterEach
  void stop() {
    runtime.close();
    server.close();
  }

  private CreatedEndpoint endpoint() {
    return webhooks.createEndpoint(
        tenant, EndpointSpec.builder(server.url("/hooks").toString()).build());
  }

  private static void verify(RecordedRequest request, String secret) {
    WebhookVerifier.of(secret)
        .verify(request.getBody().toByteArray(), name -> request.getHeaders().get(name));
  }

  @Test
  void aTestDeliveryReachesTheReceiverAndVerifiesWithTheEndpointsSecret() throws Exception {
    CreatedEndpoint created = endpoint();
    server.enqueue(new MockResponse.Builder().code(200).body("thanks").build());

    var result = webhooks.sendTest(tenant, created.endpoint().id());

    assertThat(result.succeeded()).isTrue();
    assertThat(result.responseExcerpt()).isEqualTo("thanks");
    verify(server.takeRequest(5, TimeUnit.SECONDS), created.secret().value());
  }

  @Test
  void aDeliveryRefusedWith500IsRetriedAndArrivesWithTheSameIdAndAValidSignature()
      throws Exception {
    CreatedEndpoint created = endpoint();
    server.enqueue(new MockResponse.Builder().code(500).build());
    server.enqueue(new MockResponse.Builder().code(200).build());
    runtime.start();

    WebhookEvent event =
        webhooks.publish(tenant, "call.completed", "{\"callId\":\"c\",\"durationSeconds\":1}");
    RecordedRequest first = server.takeRequest(10, TimeUnit.SECONDS);
    now.set(now.get().plusSeconds(10));
    RecordedRequest second = server.takeRequest(10, TimeUnit.SECONDS);

    assertThat(first.getHeaders().get("webhook-id")).isEqualTo(event.messageId());
    assertThat(second.getHeaders().get("webhook-id")).isEqualTo(event.messageId());
    verify(second, created.secret().value());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Delivery delivery;
    do {
      delivery =
          webhooks.listDeliveries(tenant, DeliveryQuery.all(), PageRequest.first()).items().get(0);
    } while (delivery.status() != DeliveryStatus.SUCCEEDED && System.nanoTime() < deadline);
    assertThat(delivery.status()).isEqualTo(DeliveryStatus.SUCCEEDED);
    assertThat(delivery.attempts()).isEqualTo(2);
  }
}
