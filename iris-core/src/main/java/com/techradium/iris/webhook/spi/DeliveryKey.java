package com.techradium.iris.webhook.spi;

import com.techradium.iris.core.TenantId;
import java.util.Objects;
import java.util.UUID;

/**
 * A delivery as {@link WebhookStore#loadAttempts} looks it up: its tenant and id.
 *
 * @param tenant the owning tenant
 * @param deliveryId the delivery's id
 */
public record DeliveryKey(TenantId tenant, UUID deliveryId) {
  /**
   * Creates a {@code DeliveryKey}, checking its components.
   *
   * @param tenant the owning tenant
   * @param deliveryId the delivery's id
   */
  public DeliveryKey {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(deliveryId, "deliveryId");
  }
}
