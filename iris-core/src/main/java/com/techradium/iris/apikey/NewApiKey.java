package com.techradium.iris.apikey;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What to create: {@code NewApiKey.of("billing sync", "user-42").withScopes(Set.of("calls:*"))}.
 * {@link ApiKeyManager#create} validates every field and names each one it rejects.
 *
 * @param name a label for people, 1 to 200 characters
 * @param owner who the key belongs to, 1 to 200 characters
 * @param mode live or test; default live
 * @param scopes granted scopes: {@code *}, or segments of {@code [a-z0-9_.-]} joined by {@code :},
 *     the last of which may be {@code *} ({@code calls:*} grants {@code calls:read} and {@code
 *     calls:recordings:read}); at most 100
 * @param allowedIps IPv4 and IPv6 addresses or CIDR blocks ({@code 10.0.0.0/8}, {@code
 *     2001:db8::/32}); empty allows every address; at most 100
 * @param tier rate-limit tier; default standard
 * @param expiresAt when the key stops working (after now), or null for never
 * @param metadata the host's short facts, at most 20 entries of 100-character keys and
 *     1000-character values
 */
public record NewApiKey(
    String name,
    String owner,
    ApiKeyMode mode,
    Set<String> scopes,
    List<String> allowedIps,
    ApiKeyTier tier,
    @Nullable Instant expiresAt,
    Map<String, String> metadata) {
  /**
   * Creates a {@code NewApiKey}, checking its components and copying its collections.
   *
   * @param name a label for people, 1 to 200 characters
   * @param owner who the key belongs to, 1 to 200 characters
   * @param mode live or test; default live
   * @param scopes granted scopes: {@code *}, or segments of {@code [a-z0-9_.-]} joined by {@code
   *     :}, the last of which may be {@code *} ({@code calls:*} grants {@code calls:read} and
   *     {@code calls:recordings:read}); at most 100
   * @param allowedIps IPv4 and IPv6 addresses or CIDR blocks ({@code 10.0.0.0/8}, {@code
   *     2001:db8::/32}); empty allows every address; at most 100
   * @param tier rate-limit tier; default standard
   * @param expiresAt when the key stops working (after now), or null for never
   * @param metadata the host's short facts, at most 20 entries of 100-character keys and
   *     1000-character values
   */
  public NewApiKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(mode, "mode");
    scopes = Set.copyOf(Objects.requireNonNull(scopes, "scopes"));
    allowedIps = List.copyOf(Objects.requireNonNull(allowedIps, "allowedIps"));
    Objects.requireNonNull(tier, "tier");
    metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
  }

  /**
   * A live, standard-tier key with no scopes, no IP restriction, no expiry and no metadata.
   *
   * @param name a name for people
   * @param owner who owns the key, such as a user or service id
   * @return the request
   */
  public static NewApiKey of(String name, String owner) {
    return new NewApiKey(
        name, owner, ApiKeyMode.LIVE, Set.of(), List.of(), ApiKeyTier.STANDARD, null, Map.of());
  }

  /**
   * The same request in another mode.
   *
   * @param newMode live or test
   * @return a copy in that mode
   */
  public NewApiKey withMode(ApiKeyMode newMode) {
    return new NewApiKey(name, owner, newMode, scopes, allowedIps, tier, expiresAt, metadata);
  }

  /**
   * The same request with these scopes.
   *
   * @param newScopes the scopes
   * @return a copy with those scopes
   */
  public NewApiKey withScopes(Set<String> newScopes) {
    return new NewApiKey(name, owner, mode, newScopes, allowedIps, tier, expiresAt, metadata);
  }

  /**
   * The same request with this IP allow-list.
   *
   * @param newAllowedIps the IP addresses and CIDR blocks; empty for any address
   * @return a copy with that allow-list
   */
  public NewApiKey withAllowedIps(List<String> newAllowedIps) {
    return new NewApiKey(name, owner, mode, scopes, newAllowedIps, tier, expiresAt, metadata);
  }

  /**
   * The same request with this tier.
   *
   * @param newTier the tier
   * @return a copy with that tier
   */
  public NewApiKey withTier(ApiKeyTier newTier) {
    return new NewApiKey(name, owner, mode, scopes, allowedIps, newTier, expiresAt, metadata);
  }

  /**
   * The same request expiring at {@code instant}.
   *
   * @param instant the expiry
   * @return a copy with that expiry
   */
  public NewApiKey withExpiry(Instant instant) {
    return new NewApiKey(name, owner, mode, scopes, allowedIps, tier, instant, metadata);
  }

  /**
   * The same request with this metadata.
   *
   * @param newMetadata the host's metadata
   * @return a copy with that metadata
   */
  public NewApiKey withMetadata(Map<String, String> newMetadata) {
    return new NewApiKey(name, owner, mode, scopes, allowedIps, tier, expiresAt, newMetadata);
  }
}
