package com.techradium.iris.webhook.spi;

import com.techradium.iris.webhook.Delivery;
import com.techradium.iris.webhook.WebhookEvent;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one delivery attempt needs, read together by {@link WebhookStore#loadAttempt}: the delivery,
 * its endpoint with its sealed keys, and its event.
 *
 * @param delivery the delivery
 * @param endpoint its endpoint, or null if the endpoint was deleted
 * @param event its event, or null if the event was deleted
 */
public record AttemptTarget(
    Delivery delivery, @Nullable StoredEndpoint endpoint, @Nullable WebhookEvent event) {
  /**
   * Creates an {@code AttemptTarget}, checking its components.
   *
   * @param delivery the delivery
   * @param endpoint its endpoint, or null if the endpoint was deleted
   * @param event its event, or null if the event was deleted
   */
  public AttemptTarget {
    Objects.requireNonNull(delivery, "delivery");
  }
}
