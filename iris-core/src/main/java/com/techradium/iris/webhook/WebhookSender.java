package com.techradium.iris.webhook;

import com.techradium.iris.core.internal.IrisJson;
import com.techradium.iris.webhook.spi.Cidr;
import com.techradium.iris.webhook.spi.SecretRing;
import com.techradium.iris.webhook.spi.StoredEndpoint;
import com.techradium.iris.webhook.spi.TransportResult;
import com.techradium.iris.webhook.spi.WebhookRequest;
import com.techradium.iris.webhook.spi.WebhookTransport;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs one event for one endpoint (with both keys during a rotation's grace period) and hands it
 * to the transport. A transport that throws is reported as a failed attempt. Thread-safe.
 */
final class WebhookSender {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

  private final WebhookTransport transport;
  private final SecretSealer sealer;

  WebhookSender(WebhookTransport transport, SecretSealer sealer) {
    this.transport = transport;
    this.sealer = sealer;
  }

  /** Signs and sends {@code event} to the endpoint at {@code now}. */
  TransportResult send(StoredEndpoint stored, WebhookEvent event, Instant now) {
    Endpoint endpoint = stored.endpoint();
    SecretRing ring = stored.secrets();
    List<byte[]> keys = new ArrayList<>(2);
    keys.add(sealer.open(endpoint.tenant(), endpoint.id(), ring.current()));
    byte[] previous = ring.previous();
    if (previous != null && ring.previousUntil() != null && ring.previousUntil().isAfter(now)) {
      keys.add(sealer.open(endpoint.tenant(), endpoint.id(), previous));
    }
    byte[] body = body(event);
    long timestamp = now.getEpochSecond();
    Map<String, String> headers = new LinkedHashMap<>(endpoint.headers());
    headers.put("content-type", "application/json");
    headers.put("webhook-id", event.messageId());
    headers.put("webhook-timestamp", Long.toString(timestamp));
    headers.put(
        "webhook-signature", WebhookSigner.signOnce(keys, event.messageId(), timestamp, body));
    List<Cidr> cidrs = endpoint.allowedCidrs().stream().map(Cidr::parse).toList();
    try {
      return transport.send(new WebhookRequest(URI.create(endpoint.url()), headers, body, cidrs));
    } catch (RuntimeException e) {
      LOG.warn("webhook transport failed on a delivery to endpoint {}", endpoint.id(), e);
      return TransportResult.failed("transport failed: " + e.getClass().getSimpleName(), 0);
    }
  }

  /** The body every attempt of the event sends: type, timestamp and data. */
  static byte[] body(WebhookEvent event) {
    String json =
        "{\"type\":"
            + IrisJson.write(event.type())
            + ",\"timestamp\":\""
            + event.createdAt()
            + "\",\"data\":"
            + event.payload()
            + "}";
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
