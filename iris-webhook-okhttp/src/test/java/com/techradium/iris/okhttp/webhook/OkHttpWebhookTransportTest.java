package com.techradium.iris.okhttp.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.webhook.spi.Cidr;
import com.techradium.iris.webhook.spi.TransportResult;
import com.techradium.iris.webhook.spi.WebhookRequest;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transport against a real HTTP server on loopback. */
class OkHttpWebhookTransportTest {
  private static final byte[] BODY = "{\"type\":\"test.ping\"}".getBytes(StandardCharsets.UTF_8);

  private final MockWebServer server = new MockWebServer();
  private final OkHttpWebhookTransport transport =
      OkHttpWebhookTransport.builder()
          .allowNetworks("127.0.0.0/8", "::1/128")
          .readTimeout(Duration.ofMillis(300))
          .build();

  @BeforeEach
  void start() throws Exception {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private WebhookRequest request(String url) {
    return request(url, List.of());
  }

  private WebhookRequest request(String url, List<Cidr> cidrs) {
    return new WebhookRequest(
        URI.create(url), Map.of("webhook-id", "msg_1", "x-team", "billing"), BODY, cidrs);
  }

  private String url() {
    return server.url("/hooks").toString();
  }

  @Test
  void postsTheExactBodyAndHeadersAndReportsA2xx() throws Exception {
    server.enqueue(new MockResponse.Builder().code(204).build());

    TransportResult result = transport.send(request(url()));

    assertThat(result.succeeded()).isTrue();
    assertThat(result.statusCode()).isEqualTo(204);
    assertThat(result.error()).isNull();
    RecordedRequest received = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(received.getMethod()).isEqualTo("POST");
    assertThat(received.getBody().toByteArray()).isEqualTo(BODY);
    assertThat(received.getHeaders().get("webhook-id")).isEqualTo("msg_1");
    assertThat(received.getHeaders().get("x-team")).isEqualTo("billing");
    assertThat(received.getHeaders().get("content-type")).startsWith("application/json");
  }

  @Test
  void concurrentDeliveriesKeepTheirConnectionsForTheNextRound() throws Exception {
    int concurrency = 8;
    OkHttpWebhookTransport pooled =
        OkHttpWebhookTransport.builder().allowNetworks("127.0.0.0/8").build();
    ExecutorService threads = Executors.newFixedThreadPool(concurrency);
    try {
      for (int round = 0; round < 2; round++) {
        for (int i = 0; i < concurrency; i++) {
          server.enqueue(
              new MockResponse.Builder()
                  .code(204)
                  .headersDelay(100, TimeUnit.MILLISECONDS)
                  .build());
        }
        List<Future<TransportResult>> sent = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
          sent.add(threads.submit(() -> pooled.send(request(url()))));
        }
        for (Future<TransportResult> result : sent) {
          assertThat(result.get(10, TimeUnit.SECONDS).succeeded()).isTrue();
        }
      }
      Set<Integer> connections = new HashSet<>();
      for (int i = 0; i < 2 * concurrency; i++) {
        connections.add(server.takeRequest(5, TimeUnit.SECONDS).getConnectionIndex());
      }
      // never more than `concurrency` requests in flight, and no idle connection is dropped
      assertThat(connections).hasSizeLessThanOrEqualTo(concurrency);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void idleConnectionsAppliesOnlyToTheTransportsOwnPool() {
    assertThat(OkHttpWebhookTransport.builder().idleConnections(64).build()).isNotNull();
    assertThatThrownBy(
            () ->
                OkHttpWebhookTransport.builder()
                    .client(new OkHttpClient())
                    .idleConnections(64)
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("idleConnections");
    assertThatThrownBy(() -> OkHttpWebhookTransport.builder().idleConnections(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("idleConnections");
  }

  @Test
  void a500IsReportedWithABoundedExcerptOfTheBody() {
    server.enqueue(new MockResponse.Builder().code(500).body("x".repeat(5000)).build());

    TransportResult result = transport.send(request(url()));

    assertThat(result.succeeded()).isFalse();
    assertThat(result.statusCode()).isEqualTo(500);
    assertThat(result.bodyExcerpt()).hasSize(TransportResult.MAX_EXCERPT);
  }

  @Test
  void a429CarriesItsRetryAfter() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "120").build());

    TransportResult result = transport.send(request(url()));

    assertThat(result.statusCode()).isEqualTo(429);
    assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void a410IsReportedAsIs() {
    server.enqueue(new MockResponse.Builder().code(410).build());

    assertThat(transport.send(request(url())).statusCode()).isEqualTo(410);
  }

  @Test
  void aRedirectIsNotFollowed() throws Exception {
    server.enqueue(
        new MockResponse.Builder().code(302).addHeader("Location", server.url("/other")).build());
    server.enqueue(new MockResponse.Builder().code(200).build());

    TransportResult result = transport.send(request(url()));

    assertThat(result.statusCode()).isEqualTo(302);
    assertThat(result.succeeded()).isFalse();
    assertThat(result.error()).isEqualTo("redirect not followed");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aSlowReceiverTimesOut() {
    server.enqueue(new MockResponse.Builder().code(200).headersDelay(2, TimeUnit.SECONDS).build());

    TransportResult result = transport.send(request(url()));

    assertThat(result.statusCode()).isNull();
    assertThat(result.error()).startsWith("timed out");
  }

  @Test
  void aResetConnectionIsAFailureNotAnException() {
    server.enqueue(
        new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());

    TransportResult result = transport.send(request(url()));

    assertThat(result.statusCode()).isNull();
    assertThat(result.error()).isNotBlank();
  }

  @Test
  void aReceiverThatIsDownIsAFailureNotAnException() {
    String url = url();
    server.close();

    TransportResult result = transport.send(request(url));

    assertThat(result.statusCode()).isNull();
    assertThat(result.error()).isNotBlank();
  }

  @Test
  void theStrictGuardRefusesALoopbackReceiverAtConnectTime() {
    OkHttpWebhookTransport strict = OkHttpWebhookTransport.create();

    TransportResult result = strict.send(request(url()));

    assertThat(result.statusCode()).isNull();
    assertThat(result.error()).contains("refused by the SSRF guard");
    assertThat(server.getRequestCount()).isZero();
  }

  private static Dns resolving(String... addresses) {
    return host -> {
      List<InetAddress> found = new java.util.ArrayList<>();
      for (String a : addresses) {
        try {
          found.add(InetAddress.getByAddress(host, Cidr.literal(a)));
        } catch (UnknownHostException e) {
          throw new IllegalStateException(e);
        }
      }
      return found;
    };
  }

  @Test
  void namesResolvingToPrivateOrMetadataAddressesAreRefused() {
    for (String address :
        List.of("127.0.0.1", "::1", "10.1.2.3", "169.254.169.254", "100.64.0.1", "fd00::1")) {
      OkHttpWebhookTransport strict =
          OkHttpWebhookTransport.builder().dns(resolving(address)).build();

      TransportResult result = strict.send(request("https://hooks.example.com/in"));

      assertThat(result.error()).as(address).contains("refused by the SSRF guard");
    }
  }

  @Test
  void aNameResolvingPublicFirstAndPrivateSecondIsRefused() {
    OkHttpWebhookTransport strict =
        OkHttpWebhookTransport.builder().dns(resolving("93.184.216.34", "10.0.0.7")).build();

    TransportResult result = strict.send(request("https://rebind.example.com/in"));

    assertThat(result.error()).contains("refused by the SSRF guard").contains("10.0.0.7");
  }

  @Test
  void anEndpointsAllowListNarrowsWhatItMayReach() {
    server.enqueue(new MockResponse.Builder().code(200).build());

    TransportResult outside = transport.send(request(url(), List.of(Cidr.parse("203.0.113.0/24"))));
    TransportResult inside = transport.send(request(url(), List.of(Cidr.parse("127.0.0.1/32"))));

    assertThat(outside.error()).contains("outside the endpoint's allowed networks");
    assertThat(inside.succeeded()).isTrue();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void retryAfterIsReadAsSecondsOrAnHttpDate() {
    assertThat(OkHttpWebhookTransport.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
    assertThat(OkHttpWebhookTransport.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"))
        .isEqualTo(Duration.ZERO);
    assertThat(OkHttpWebhookTransport.retryAfter("soon")).isNull();
  }
}
