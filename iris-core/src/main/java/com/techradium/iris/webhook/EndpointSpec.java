package com.techradium.iris.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What an endpoint should be, for {@link WebhookDispatcher#createEndpoint} and {@link
 * WebhookDispatcher#updateEndpoint}. Checked by the dispatcher, which reports every bad field at
 * once. Build one with {@link #builder(String)}.
 *
 * @param url an {@code https} URL ({@code http} only where the dispatcher allows it)
 * @param description free text, at most 500 characters; null for none
 * @param eventTypes the catalog types to receive; empty for all
 * @param headers extra request headers (not the {@code webhook-*} ones)
 * @param rateLimitPerSecond 1-10,000 deliveries per second; null for no limit
 * @param allowedCidrs networks the URL's host may resolve to, e.g. {@code 203.0.113.0/24}
 * @param fifo strict ordering of deliveries
 * @param retrySchedule delays between attempts, each 1 s to 24 h, at most 30; empty for the default
 * @param secret a {@code whsec_} secret to sign with on create; null to have one generated. Must be
 *     null on update (rotate instead)
 */
public record EndpointSpec(
    String url,
    @Nullable String description,
    Set<String> eventTypes,
    Map<String, String> headers,
    @Nullable Integer rateLimitPerSecond,
    List<String> allowedCidrs,
    boolean fifo,
    List<Duration> retrySchedule,
    @Nullable String secret) {
  /**
   * Creates an {@code EndpointSpec}, checking its components and copying its collections.
   *
   * @param url an {@code https} URL ({@code http} only where the dispatcher allows it)
   * @param description free text, at most 500 characters; null for none
   * @param eventTypes the catalog types to receive; empty for all
   * @param headers extra request headers (not the {@code webhook-*} ones)
   * @param rateLimitPerSecond 1-10,000 deliveries per second; null for no limit
   * @param allowedCidrs networks the URL's host may resolve to, e.g. {@code 203.0.113.0/24}
   * @param fifo strict ordering of deliveries
   * @param retrySchedule delays between attempts, each 1 s to 24 h, at most 30; empty for the
   *     default
   * @param secret a {@code whsec_} secret to sign with on create; null to have one generated. Must
   *     be null on update (rotate instead)
   */
  public EndpointSpec {
    Objects.requireNonNull(url, "url");
    eventTypes = Set.copyOf(eventTypes);
    headers = Map.copyOf(headers);
    allowedCidrs = List.copyOf(allowedCidrs);
    retrySchedule = List.copyOf(retrySchedule);
  }

  /**
   * Starts a spec for an endpoint at {@code url} receiving every event type.
   *
   * @param url the endpoint's URL, {@code https} unless plain HTTP is allowed
   * @return a builder
   */
  public static Builder builder(String url) {
    return new Builder(url);
  }

  @Override
  public String toString() {
    return "EndpointSpec[url=" + url + ", eventTypes=" + eventTypes + ", fifo=" + fifo + "]";
  }

  /** Builds an {@link EndpointSpec}. Not thread-safe. */
  public static final class Builder {
    private final String url;
    private @Nullable String description;
    private Set<String> eventTypes = Set.of();
    private Map<String, String> headers = Map.of();
    private @Nullable Integer rateLimitPerSecond;
    private List<String> allowedCidrs = List.of();
    private boolean fifo;
    private List<Duration> retrySchedule = List.of();
    private @Nullable String secret;

    private Builder(String url) {
      this.url = Objects.requireNonNull(url, "url");
    }

    /**
     * Free text for people.
     *
     * @param description the description
     * @return this builder
     */
    public Builder description(String description) {
      this.description = Objects.requireNonNull(description, "description");
      return this;
    }

    /**
     * The event types to receive. Default: all.
     *
     * @param types the event type names
     * @return this builder
     */
    public Builder eventTypes(String... types) {
      this.eventTypes = Set.of(types);
      return this;
    }

    /**
     * Extra request headers.
     *
     * @param headers header names and values
     * @return this builder
     */
    public Builder headers(Map<String, String> headers) {
      this.headers = Map.copyOf(headers);
      return this;
    }

    /**
     * At most this many deliveries per second.
     *
     * @param limit deliveries per second
     * @return this builder
     */
    public Builder rateLimitPerSecond(int limit) {
      this.rateLimitPerSecond = limit;
      return this;
    }

    /**
     * Networks the URL's host may resolve to.
     *
     * @param cidrs the networks, in CIDR notation
     * @return this builder
     */
    public Builder allowedCidrs(String... cidrs) {
      this.allowedCidrs = List.of(cidrs);
      return this;
    }

    /**
     * Strict ordering: each delivery waits for the previous one.
     *
     * @param fifo true for strict ordering
     * @return this builder
     */
    public Builder fifo(boolean fifo) {
      this.fifo = fifo;
      return this;
    }

    /**
     * Delays between attempts, replacing the default schedule.
     *
     * @param delays the delays
     * @return this builder
     */
    public Builder retrySchedule(List<Duration> delays) {
      this.retrySchedule = List.copyOf(delays);
      return this;
    }

    /**
     * The signing secret ({@code whsec_} + base64), instead of a generated one.
     *
     * @param secret the secret
     * @return this builder
     */
    public Builder secret(String secret) {
      this.secret = Objects.requireNonNull(secret, "secret");
      return this;
    }

    /**
     * The spec.
     *
     * @return the spec; the dispatcher validates it when an endpoint is created or updated
     */
    public EndpointSpec build() {
      return new EndpointSpec(
          url,
          description,
          eventTypes,
          headers,
          rateLimitPerSecond,
          allowedCidrs,
          fifo,
          retrySchedule,
          secret);
    }
  }
}
