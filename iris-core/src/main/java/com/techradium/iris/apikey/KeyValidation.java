package com.techradium.iris.apikey;

import com.techradium.iris.core.TenantId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ApiKeyManager#validate} found: {@link #valid()} with the key's id, tenant, scopes and
 * tier, or why not ({@link #check()}). A refusal is a value, not an exception. The key's id and
 * tenant are given for every key that was found (a revoked or expired key, say), and absent for
 * {@link KeyCheck#MALFORMED} and {@link KeyCheck#UNKNOWN}.
 *
 * @param check valid, or the reason it is not
 * @param keyId the key found, if any
 * @param tenant its tenant, if a key was found
 * @param scopes its granted scopes when valid, else empty
 * @param tier its rate-limit tier when valid
 * @param previousSecret whether the secret presented was one replaced by a rotation, still in its
 *     grace period: the caller should be told to switch to the new one
 */
public record KeyValidation(
    KeyCheck check,
    @Nullable UUID keyId,
    @Nullable TenantId tenant,
    Set<String> scopes,
    @Nullable ApiKeyTier tier,
    boolean previousSecret) {
  private static final KeyValidation MALFORMED =
      new KeyValidation(KeyCheck.MALFORMED, null, null, Set.of(), null, false);
  private static final KeyValidation UNKNOWN =
      new KeyValidation(KeyCheck.UNKNOWN, null, null, Set.of(), null, false);

  /**
   * Creates a {@code KeyValidation}, checking its components and copying its collections.
   *
   * @param check valid, or the reason it is not
   * @param keyId the key found, if any
   * @param tenant its tenant, if a key was found
   * @param scopes its granted scopes when valid, else empty
   * @param tier its rate-limit tier when valid
   * @param previousSecret whether the secret presented was one replaced by a rotation, still in its
   *     grace period: the caller should be told to switch to the new one
   */
  public KeyValidation {
    Objects.requireNonNull(check, "check");
    scopes = Set.copyOf(scopes);
  }

  static KeyValidation malformed() {
    return MALFORMED;
  }

  static KeyValidation unknown() {
    return UNKNOWN;
  }

  /**
   * Whether the key may be used for the request.
   *
   * @return true if the check is {@link KeyCheck#VALID}
   */
  public boolean valid() {
    return check == KeyCheck.VALID;
  }

  /**
   * The key's id, if a key was found.
   *
   * @return the key's id, or empty if no key matched
   */
  public Optional<UUID> key() {
    return Optional.ofNullable(keyId);
  }
}
