package com.techradium.iris.webhook.spi;

import com.techradium.iris.core.ValidationException;
import com.techradium.iris.webhook.Delivery;
import com.techradium.iris.webhook.DeliveryAttempt;
import java.util.List;
import java.util.Objects;

/**
 * The check every {@link WebhookStore#recordAttempts} makes before it writes anything: as many
 * attempts as deliveries, each attempt of the delivery beside it. Stateless.
 */
public final class AttemptBatches {
  private AttemptBatches() {}

  /**
   * Checks a batch of attempts and their deliveries' new states.
   *
   * @param attempts the attempts
   * @param deliveries the deliveries, one per attempt, at the same positions
   * @throws ValidationException on {@code deliveries} if the sizes differ or an attempt's tenant or
   *     delivery id is not that of the delivery beside it
   * @throws NullPointerException if a list or an element is null
   */
  public static void check(List<DeliveryAttempt> attempts, List<Delivery> deliveries) {
    Objects.requireNonNull(attempts, "attempts");
    Objects.requireNonNull(deliveries, "deliveries");
    if (attempts.size() != deliveries.size()) {
      throw new ValidationException(
          "deliveries",
          "must be one per attempt: " + deliveries.size() + " for " + attempts.size());
    }
    for (int i = 0; i < attempts.size(); i++) {
      DeliveryAttempt a = Objects.requireNonNull(attempts.get(i), "attempt");
      Delivery d = Objects.requireNonNull(deliveries.get(i), "delivery");
      if (!a.tenant().equals(d.tenant()) || !a.deliveryId().equals(d.id())) {
        throw new ValidationException(
            "deliveries", "delivery " + d.id() + " is not the one of attempt " + a.id());
      }
    }
  }
}
