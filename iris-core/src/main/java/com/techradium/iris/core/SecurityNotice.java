package com.techradium.iris.core;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A security-relevant denial or finding that one facade reports for the audit log to record as a
 * security event, published on the shared context's {@link IrisEvents}: the rate limiter's
 * violations, the API key manager's refused keys. The audit log of the same context records each
 * one; without an audit log nobody listens and nothing is recorded.
 *
 * <pre>{@code
 * context.events().publish(new SecurityNotice(tenant, SecurityNotice.Kind.RATE_LIMIT_VIOLATION,
 *     "user-42", NoticeActor.USER, "rate_limit.exceeded", ip, Map.of("rule", "api")));
 * }</pre>
 *
 * @param tenant whose event it is
 * @param kind what happened
 * @param actorId who acted: a user id, a public API key id, an IP address — never a secret
 * @param actor what kind of party {@code actorId} names
 * @param action what was attempted, e.g. {@code "api.call"} or {@code "api_key.validate"}
 * @param ipAddress where the request came from, if known
 * @param details short facts kept as the event's metadata (rule, reason, scope...); never secrets
 */
public record SecurityNotice(
    TenantId tenant,
    Kind kind,
    String actorId,
    NoticeActor actor,
    String action,
    @Nullable String ipAddress,
    Map<String, String> details) {

  /** What a {@link SecurityNotice} reports. */
  public enum Kind {
    /** A request went over a rate limit or quota. */
    RATE_LIMIT_VIOLATION,
    /** An API key was refused (revoked, expired, wrong IP, missing scope...). */
    KEY_MISUSE,
    /** Access was refused for another reason. */
    ACCESS_DENIED,
    /** A pattern worth an operator's attention. */
    SUSPICIOUS_ACTIVITY
  }

  /**
   * Creates a {@code SecurityNotice}, checking its components and copying its collections.
   *
   * @param tenant whose event it is
   * @param kind what happened
   * @param actorId who acted: a user id, a public API key id, an IP address — never a secret
   * @param actor what kind of party {@code actorId} names
   * @param action what was attempted, e.g. {@code "api.call"} or {@code "api_key.validate"}
   * @param ipAddress where the request came from, if known
   * @param details short facts kept as the event's metadata (rule, reason, scope...); never secrets
   */
  public SecurityNotice {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(actorId, "actorId");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    details = Map.copyOf(details);
  }
}
