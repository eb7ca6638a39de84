package com.techradium.iris.webhook;

import com.techradium.iris.core.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's webhook endpoint as stored (its signing secrets are never part of it).
 *
 * @param id the endpoint's id (UUIDv7)
 * @param tenant its tenant
 * @param url where deliveries are POSTed
 * @param description free text for people; null for none
 * @param eventTypes the event types it receives; empty for all
 * @param enabled whether it receives deliveries
 * @param headers extra request headers sent with every delivery
 * @param rateLimitPerSecond at most this many deliveries per second per node; null for no limit
 * @param allowedCidrs the networks the endpoint's host may resolve to, checked when connecting;
 *     empty for any public address
 * @param fifo whether deliveries are strictly ordered: each waits until the previous one succeeded
 *     or was given up
 * @param retrySchedule delays between attempts; empty for the dispatcher's default
 * @param consecutiveFailures attempts that failed since the last success
 * @param failingSince when the current run of failures began; null when the last attempt succeeded
 * @param disabledReason why it was disabled; null when enabled
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record Endpoint(
    UUID id,
    TenantId tenant,
    String url,
    @Nullable String description,
    Set<String> eventTypes,
    boolean enabled,
    Map<String, String> headers,
    @Nullable Integer rateLimitPerSecond,
    List<String> allowedCidrs,
    boolean fifo,
    List<Duration> retrySchedule,
    int consecutiveFailures,
    @Nullable Instant failingSince,
    @Nullable String disabledReason,
    Instant createdAt,
    Instant updatedAt) {
  /**
   * Creates an {@code Endpoint}, checking its components and copying its collections.
   *
   * @param id the endpoint's id (UUIDv7)
   * @param tenant its tenant
   * @param url where deliveries are POSTed
   * @param description free text for people; null for none
   * @param eventTypes the event types it receives; empty for all
   * @param enabled whether it receives deliveries
   * @param headers extra request headers sent with every delivery
   * @param rateLimitPerSecond at most this many deliveries per second per node; null for no limit
   * @param allowedCidrs the networks the endpoint's host may resolve to, checked when connecting;
   *     empty for any public address
   * @param fifo whether deliveries are strictly ordered: each waits until the previous one
   *     succeeded or was given up
   * @param retrySchedule delays between attempts; empty for the dispatcher's default
   * @param consecutiveFailures attempts that failed since the last success
   * @param failingSince when the current run of failures began; null when the last attempt
   *     succeeded
   * @param disabledReason why it was disabled; null when enabled
   * @param createdAt when it was created
   * @param updatedAt when it last changed
   */
  public Endpoint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(url, "url");
    eventTypes = Set.copyOf(eventTypes);
    headers = Map.copyOf(headers);
    allowedCidrs = List.copyOf(allowedCidrs);
    retrySchedule = List.copyOf(retrySchedule);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /**
   * Whether it receives events of {@code type}.
   *
   * @param type the event type
   * @return true if the endpoint subscribes to every type or to this one
   */
  public boolean subscribesTo(String type) {
    return eventTypes.isEmpty() || eventTypes.contains(type);
  }

  /**
   * The same endpoint, enabled or disabled; enabling clears the failure streak and the reason.
   *
   * @param on true to enable, false to disable
   * @param reason why it is disabled, or null
   * @param now the facade's current time
   * @return a copy, enabled or disabled
   */
  public Endpoint withEnabled(boolean on, @Nullable String reason, Instant now) {
    return new Endpoint(
        id,
        tenant,
        url,
        description,
        eventTypes,
        on,
        headers,
        rateLimitPerSecond,
        allowedCidrs,
        fifo,
        retrySchedule,
        on ? 0 : consecutiveFailures,
        on ? null : failingSince,
        on ? null : reason,
        createdAt,
        now);
  }
}
