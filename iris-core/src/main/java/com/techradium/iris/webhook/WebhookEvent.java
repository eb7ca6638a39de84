package com.techradium.iris.webhook;

import com.techradium.iris.core.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A published event. Its {@link #messageId()} is the {@code webhook-id} every endpoint receives, on
 * every attempt: receivers deduplicate on it.
 *
 * @param id the event's id (UUIDv7)
 * @param tenant its tenant
 * @param type its catalog type, e.g. {@code call.completed}
 * @param payload the JSON payload (the {@code data} of the body)
 * @param createdAt when it was published
 */
public record WebhookEvent(
    UUID id, TenantId tenant, String type, String payload, Instant createdAt) {
  /**
   * Creates a {@code WebhookEvent}, checking its components.
   *
   * @param id the event's id (UUIDv7)
   * @param tenant its tenant
   * @param type its catalog type, e.g. {@code call.completed}
   * @param payload the JSON payload (the {@code data} of the body)
   * @param createdAt when it was published
   */
  public WebhookEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /**
   * The {@code webhook-id} header: {@code msg_} and the event id.
   *
   * @return the message id
   */
  public String messageId() {
    return "msg_" + id;
  }
}
