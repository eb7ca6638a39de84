package com.techradium.iris.ratelimit;

import com.techradium.iris.core.TenantId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What is asked of the limiter: a tenant's request for a resource, with whatever of user, API key
 * and IP address the host knows, costing {@code cost} permits.
 *
 * <pre>{@code
 * RateLimitRequest request = RateLimitRequest.of(tenant, "api").user("u-7").ip("203.0.113.9");
 * }</pre>
 *
 * <p>User, key and IP are the caller's input: the limiter checks their length (at most {@value
 * #MAX_VALUE_LENGTH} characters) and the IP's syntax, and encodes them into counter keys so that no
 * value can reach another tenant's or another scope's counters.
 *
 * @param tenant whose limits apply
 * @param resource the resource or endpoint, e.g. {@code "api"}, {@code "sms"}, {@code "login"}
 * @param user the user or account, if known
 * @param apiKey the public id of the API key (never its secret), if one was used
 * @param ip the client's IP address literal, if known
 * @param cost permits this request takes, at least 1
 */
public record RateLimitRequest(
    TenantId tenant,
    String resource,
    @Nullable String user,
    @Nullable String apiKey,
    @Nullable String ip,
    int cost) {
  /** The longest user, key or resource value accepted. */
  public static final int MAX_VALUE_LENGTH = 256;

  /**
   * Creates a {@code RateLimitRequest}, checking its components.
   *
   * @param tenant whose limits apply
   * @param resource the resource or endpoint, e.g. {@code "api"}, {@code "sms"}, {@code "login"}
   * @param user the user or account, if known
   * @param apiKey the public id of the API key (never its secret), if one was used
   * @param ip the client's IP address literal, if known
   * @param cost permits this request takes, at least 1
   */
  public RateLimitRequest {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(resource, "resource");
  }

  /**
   * A request for {@code resource} costing one permit, with no user, key or IP yet.
   *
   * @param tenant the owning tenant
   * @param resource the resource, such as {@code "api"}
   * @return the request
   */
  public static RateLimitRequest of(TenantId tenant, String resource) {
    return new RateLimitRequest(tenant, resource, null, null, null, 1);
  }

  /**
   * This request made by {@code user}.
   *
   * @param user the user's id
   * @return a copy with that user
   */
  public RateLimitRequest user(String user) {
    return new RateLimitRequest(
        tenant, resource, Objects.requireNonNull(user, "user"), apiKey, ip, cost);
  }

  /**
   * This request made with the API key whose public id is {@code apiKey}.
   *
   * @param apiKey the key's public id
   * @return a copy with that key
   */
  public RateLimitRequest apiKey(String apiKey) {
    return new RateLimitRequest(
        tenant, resource, user, Objects.requireNonNull(apiKey, "apiKey"), ip, cost);
  }

  /**
   * This request from the IP address {@code ip}.
   *
   * @param ip the IP address
   * @return a copy with that address
   */
  public RateLimitRequest ip(String ip) {
    return new RateLimitRequest(
        tenant, resource, user, apiKey, Objects.requireNonNull(ip, "ip"), cost);
  }

  /**
   * This request costing {@code cost} permits.
   *
   * @param cost the permits, at least 1
   * @return a copy with that cost
   */
  public RateLimitRequest cost(int cost) {
    return new RateLimitRequest(tenant, resource, user, apiKey, ip, cost);
  }
}
