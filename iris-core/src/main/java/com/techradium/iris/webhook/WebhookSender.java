package com.techradium.iris.webhook;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.internal.IrisJson;
import com.techradium.iris.webhook.spi.Cidr;
import com.techradium.iris.webhook.spi.SecretRing;
import com.techradium.iris.webhook.spi.StoredEndpoint;
import com.techradium.iris.webhook.spi.TransportResult;
import com.techradium.iris.webhook.spi.WebhookRequest;
import com.techradium.iris.webhook.spi.WebhookTransport;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs one event for one endpoint (with both keys during a rotation's grace period) and hands it
 * to the transport. A transport that throws is reported as a failed attempt. Thread-safe.
 */
final class WebhookSender {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

  /** The most endpoints {@link #targets} keeps. */
  static final int MAX_SIGNERS = 1024;

  private final WebhookTransport transport;
  private final SecretSealer sealer;

  /**
   * What the endpoints attempted lately send with, by their sealed keys, URLs and networks: their
   * signers (opening a key with AES-GCM and setting up its HMAC on every attempt was a tenth of the
   * sender's CPU), parsed URLs and networks. A rotated or retired key seals differently, and a
   * changed URL or network list is another key, so a change never finds what it replaced. At most
   * {@value #MAX_SIGNERS}.
   */
  private final Cache<TargetKey, Target> targets =
      Caffeine.newBuilder().maximumSize(MAX_SIGNERS).build();

  WebhookSender(WebhookTransport transport, SecretSealer sealer) {
    this.transport = transport;
    this.sealer = sealer;
  }

  /**
   * What an attempt's request rests on: the endpoint's URL and networks, and the sealed keys it
   * signs with (the current one, and the previous one in its grace).
   */
  private record TargetKey(
      TenantId tenant,
      UUID endpoint,
      String url,
      List<String> allowedCidrs,
      ByteBuffer current,
      @Nullable ByteBuffer previous) {}

  /** An endpoint's signer, URL and networks, ready for its attempts. */
  private record Target(WebhookSigner signer, URI url, List<Cidr> allowedCidrs) {}

  /** Signs and sends {@code event} to the endpoint at {@code now}. */
  TransportResult send(StoredEndpoint stored, WebhookEvent event, Instant now) {
    Endpoint endpoint = stored.endpoint();
    Target target = target(endpoint, stored.secrets(), now);
    byte[] body = body(event);
    long timestamp = now.getEpochSecond();
    Map<String, String> headers = new LinkedHashMap<>(endpoint.headers());
    headers.put("content-type", "application/json");
    headers.put("webhook-id", event.messageId());
    headers.put("webhook-timestamp", Long.toString(timestamp));
    headers.put("webhook-signature", target.signer().sign(event.messageId(), timestamp, body));
    try {
      return transport.send(new WebhookRequest(target.url(), headers, body, target.allowedCidrs()));
    } catch (RuntimeException e) {
      LOG.warn("webhook transport failed on a delivery to endpoint {}", endpoint.id(), e);
      return TransportResult.failed("transport failed: " + e.getClass().getSimpleName(), 0);
    }
  }

  /** The endpoint's signer at {@code now}, URL and networks, made once while they stay the same. */
  private Target target(Endpoint endpoint, SecretRing ring, Instant now) {
    byte[] previous = ring.previous();
    Instant until = ring.previousUntil();
    boolean inGrace = previous != null && until != null && until.isAfter(now);
    TargetKey key =
        new TargetKey(
            endpoint.tenant(),
            endpoint.id(),
            endpoint.url(),
            endpoint.allowedCidrs(),
            ByteBuffer.wrap(ring.current()),
            inGrace ? ByteBuffer.wrap(previous) : null);
    return targets.get(
        key,
        k -> {
          List<byte[]> keys = new ArrayList<>(2);
          keys.add(sealer.open(endpoint.tenant(), endpoint.id(), ring.current()));
          if (inGrace) {
            keys.add(sealer.open(endpoint.tenant(), endpoint.id(), previous));
          }
          return new Target(
              WebhookSigner.ofKeys(keys),
              URI.create(k.url()),
              k.allowedCidrs().stream().map(Cidr::parse).toList());
        });
  }

  /** The most event types {@link #QUOTED_TYPES} keeps. */
  private static final int MAX_QUOTED_TYPES = 1024;

  /** Event types as JSON strings, written once each. */
  private static final Cache<String, String> QUOTED_TYPES =
      Caffeine.newBuilder().maximumSize(MAX_QUOTED_TYPES).build();

  /** The body every attempt of the event sends: type, timestamp and data. */
  static byte[] body(WebhookEvent event) {
    String json =
        "{\"type\":"
            + QUOTED_TYPES.get(event.type(), IrisJson::write)
            + ",\"timestamp\":\""
            + event.createdAt()
            + "\",\"data\":"
            + event.payload()
            + "}";
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
