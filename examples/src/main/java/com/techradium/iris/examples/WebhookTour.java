package com.techradium.iris.examples;

import com.sun.net.httpserver.HttpServer;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.webhook.CreatedEndpoint;
import com.techradium.iris.webhook.Delivery;
import com.techradium.iris.webhook.DeliveryQuery;
import com.techradium.iris.webhook.DeliveryStatus;
import com.techradium.iris.webhook.EndpointSpec;
import com.techradium.iris.webhook.EndpointStats;
import com.techradium.iris.webhook.WebhookDispatcher;
import com.techradium.iris.webhook.WebhookEvent;
import com.techradium.iris.webhook.WebhookVerificationException;
import com.techradium.iris.webhook.WebhookVerifier;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A short tour of {@link WebhookDispatcher}: an endpoint on a loopback receiver that verifies each
 * webhook with {@link WebhookVerifier}, a published event that fails once and is retried with the
 * same {@code webhook-id}, a payload refused by its schema, a test delivery, and endpoint stats.
 */
public final class WebhookTour {
  private static final TenantId TENANT = TenantId.of("demo");

  private WebhookTour() {}

  /**
   * Runs the tour on {@code webhooks}, whose job queue must be running and whose transport must be
   * allowed to reach 127.0.0.1, printing to {@code out}.
   */
  public static void run(PrintStream out, WebhookDispatcher webhooks) {
    AtomicReference<WebhookVerifier> verifier = new AtomicReference<>();
    AtomicInteger calls = new AtomicInteger();
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException("could not start the demo receiver", e);
    }
    server.createContext(
        "/hooks",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          int status;
          try {
            verifier.get().verify(body, name -> exchange.getRequestHeaders().getFirst(name));
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            status = calls.incrementAndGet() == 1 ? 503 : 200;
            received.add(id + " -> " + status);
          } catch (WebhookVerificationException e) {
            status = 401;
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
    try {
      tour(out, webhooks, server, verifier, received);
    } finally {
      server.stop(0);
    }
  }

  private static void tour(
      PrintStream out,
      WebhookDispatcher webhooks,
      HttpServer server,
      AtomicReference<WebhookVerifier> verifier,
      List<String> received) {
    out.println("== WebhookDispatcher ==");
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    CreatedEndpoint endpoint =
        webhooks.createEndpoint(
            TENANT,
            EndpointSpec.builder(url)
                .description("billing receiver")
                .eventTypes("call.completed", "test.ping")
                .retrySchedule(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)))
                .build());
    verifier.set(WebhookVerifier.of(endpoint.secret().value()));
    out.println(
        "endpoint " + endpoint.endpoint().url() + " for " + endpoint.endpoint().eventTypes());

    WebhookEvent event =
        webhooks.publish(TENANT, "call.completed", "{\"callId\":\"c-1\",\"durationSeconds\":42}");
    out.println("published call.completed as " + event.messageId());
    Delivery delivery = awaitSucceeded(webhooks, event);
    received.forEach(line -> out.println("receiver verified " + line));
    out.println(
        "delivery "
            + delivery.status()
            + " after "
            + delivery.attempts()
            + " attempts, same webhook-id each time");

    try {
      webhooks.publish(TENANT, "call.completed", "{\"callId\":\"c-2\"}");
    } catch (ValidationException e) {
      out.println("refused: " + e.errors().get(0).field() + " " + e.errors().get(0).message());
    }

    var test = webhooks.sendTest(TENANT, endpoint.endpoint().id());
    out.println("test.ping answered " + test.statusCode());

    EndpointStats stats = webhooks.stats(TENANT, endpoint.endpoint().id());
    out.printf(
        "last hour: %d attempts, success rate %.0f%%%n",
        stats.lastHour().attempts(), stats.lastHour().successRate() * 100);
  }

  private static Delivery awaitSucceeded(WebhookDispatcher webhooks, WebhookEvent event) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      Delivery delivery =
          webhooks
              .listDeliveries(TENANT, DeliveryQuery.all(), PageRequest.first(10))
              .items()
              .stream()
              .filter(d -> d.eventId().equals(event.id()))
              .findFirst()
              .orElseThrow();
      if (delivery.status() != DeliveryStatus.PENDING || System.nanoTime() > deadline) {
        return delivery;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return delivery;
      }
    }
  }
}
