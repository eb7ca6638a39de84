package com.techradium.iris.webhook;

import com.techradium.iris.webhook.spi.TransportResult;
import com.techradium.iris.webhook.spi.WebhookRequest;
import com.techradium.iris.webhook.spi.WebhookTransport;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A transport for facade tests: records each request and answers from a script (200 once the script
 * is empty). The HTTP behaviour itself is tested against a real server in iris-webhook-okhttp.
 */
final class Receiver implements WebhookTransport {
  private final List<WebhookRequest> requests = new ArrayList<>();
  private final Deque<TransportResult> script = new ArrayDeque<>();

  @Override
  public synchronized TransportResult send(WebhookRequest request) {
    requests.add(request);
    TransportResult next = script.poll();
    return next != null ? next : new TransportResult(200, 12, null, "ok", null);
  }

  synchronized Receiver answer(int status) {
    script.add(new TransportResult(status, 30, null, "status " + status, null));
    return this;
  }

  synchronized Receiver answer(int status, Duration retryAfter) {
    script.add(new TransportResult(status, 30, null, "slow down", retryAfter));
    return this;
  }

  synchronized Receiver down() {
    script.add(TransportResult.failed("connection refused", 2));
    return this;
  }

  synchronized Receiver downFor(int times) {
    for (int i = 0; i < times; i++) {
      down();
    }
    return this;
  }

  synchronized List<WebhookRequest> requests() {
    return List.copyOf(requests);
  }

  synchronized WebhookRequest last() {
    return requests.get(requests.size() - 1);
  }
}
