package com.techradium.iris.apikey;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A change to a key's attributes for {@link ApiKeyManager#update}: each non-null part replaces the
 * key's, null parts stay as they are. Validated as {@link NewApiKey}'s fields are.
 *
 * @param name a new label
 * @param scopes new granted scopes
 * @param allowedIps a new IP allow-list (empty allows every address)
 * @param tier a new rate-limit tier
 */
public record ApiKeyUpdate(
    @Nullable String name,
    @Nullable Set<String> scopes,
    @Nullable List<String> allowedIps,
    @Nullable ApiKeyTier tier) {
  /**
   * Creates an {@code ApiKeyUpdate}, copying its collections.
   *
   * @param name a new label
   * @param scopes new granted scopes
   * @param allowedIps a new IP allow-list (empty allows every address)
   * @param tier a new rate-limit tier
   */
  public ApiKeyUpdate {
    scopes = scopes == null ? null : Set.copyOf(scopes);
    allowedIps = allowedIps == null ? null : List.copyOf(allowedIps);
  }

  /**
   * A change of nothing yet; add parts with the {@code with...} methods.
   *
   * @return the empty update
   */
  public static ApiKeyUpdate none() {
    return new ApiKeyUpdate(null, null, null, null);
  }

  /**
   * With a new name.
   *
   * @param newName the name
   * @return a copy with that name
   */
  public ApiKeyUpdate withName(String newName) {
    return new ApiKeyUpdate(newName, scopes, allowedIps, tier);
  }

  /**
   * With new scopes.
   *
   * @param newScopes the scopes
   * @return a copy with those scopes
   */
  public ApiKeyUpdate withScopes(Set<String> newScopes) {
    return new ApiKeyUpdate(name, newScopes, allowedIps, tier);
  }

  /**
   * With a new IP allow-list.
   *
   * @param newAllowedIps the IP addresses and CIDR blocks; empty for any address
   * @return a copy with that allow-list
   */
  public ApiKeyUpdate withAllowedIps(List<String> newAllowedIps) {
    return new ApiKeyUpdate(name, scopes, newAllowedIps, tier);
  }

  /**
   * With a new tier.
   *
   * @param newTier the tier
   * @return a copy with that tier
   */
  public ApiKeyUpdate withTier(ApiKeyTier newTier) {
    return new ApiKeyUpdate(name, scopes, allowedIps, newTier);
  }
}
