package com.techradium.iris.core;

import java.util.Map;
import java.util.Objects;

/**
 * A change to a tenant's configuration that one facade reports for the audit log to record as an
 * admin event, published on the shared context's {@link IrisEvents}: an API key created, rotated or
 * revoked, a rate-limit rule changed. The audit log of the same context records each one.
 *
 * @param tenant whose configuration changed
 * @param actorId who changed it (a user id, or {@code "system"} for scheduled work)
 * @param actor what kind of party {@code actorId} names
 * @param action what was done, e.g. {@code "api_key.revoke"}
 * @param targetType what was changed, e.g. {@code "api_key"}
 * @param targetId which one, e.g. a public key id (never a secret)
 * @param details short facts kept as the event's metadata; never secrets
 */
public record AdminNotice(
    TenantId tenant,
    String actorId,
    NoticeActor actor,
    String action,
    String targetType,
    String targetId,
    Map<String, String> details) {
  /**
   * Creates an {@code AdminNotice}, checking its components and copying its collections.
   *
   * @param tenant whose configuration changed
   * @param actorId who changed it (a user id, or {@code "system"} for scheduled work)
   * @param actor what kind of party {@code actorId} names
   * @param action what was done, e.g. {@code "api_key.revoke"}
   * @param targetType what was changed, e.g. {@code "api_key"}
   * @param targetId which one, e.g. a public key id (never a secret)
   * @param details short facts kept as the event's metadata; never secrets
   */
  public AdminNotice {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(actorId, "actorId");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(targetType, "targetType");
    Objects.requireNonNull(targetId, "targetId");
    details = Map.copyOf(details);
  }
}
