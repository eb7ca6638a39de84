package com.techradium.iris.recording.spi;

import com.techradium.iris.core.TenantId;
import java.util.Map;

/**
 * Where the data keys of recordings come from and how they are wrapped: envelope encryption under a
 * master key per tenant. Implementations: {@link com.techradium.iris.recording.LocalKeyProvider}
 * (host-supplied, versioned master keys) and {@code KmsKeyProvider} in iris-aws (a KMS key or alias
 * per tenant).
 *
 * <p>Every call carries the <b>encryption context</b>: name/value pairs (the tenant, the purpose)
 * that the provider binds to the wrapped key, so a wrapped key moved to another tenant fails to
 * unwrap. A provider never logs or returns a plaintext key except in the {@link DataKey} it
 * generates and the bytes {@link #unwrap} returns.
 *
 * <p>Implementations are thread-safe. Failures to reach the provider are {@link
 * com.techradium.iris.core.StorageException}s with the cause kept.
 */
public interface KeyProvider {
  /**
   * The provider's name, written into each recording's header ({@code "local"}, {@code "aws-kms"}):
   * printable ASCII, at most 64 characters.
   *
   * @return the provider's id
   */
  String id();

  /**
   * A new random 256-bit data key for {@code tenant}, and the same key wrapped under the tenant's
   * current master key with {@code context} bound to it.
   *
   * @param tenant the owning tenant
   * @param context the encryption context to bind, see {@link
   *     com.techradium.iris.recording.RecordingCipher#encryptionContext}
   * @return the plaintext key and its wrapped form
   * @throws com.techradium.iris.recording.KeyUnavailableException if the tenant has no master key
   */
  DataKey generateDataKey(TenantId tenant, Map<String, String> context);

  /**
   * The plaintext of a data key {@link #generateDataKey} or {@link #rewrap} wrapped.
   *
   * @param tenant the owning tenant
   * @param key the wrapped key
   * @param context the encryption context it was wrapped with
   * @return a new array holding the 32-byte plaintext
   * @throws com.techradium.iris.core.TamperedDataException if the wrapped key fails authentication
   *     (altered bytes, another tenant's key or context)
   * @throws com.techradium.iris.recording.KeyUnavailableException if its master key is gone
   *     (destroyed: the recordings are crypto-shredded) or not usable
   */
  byte[] unwrap(TenantId tenant, WrappedKey key, Map<String, String> context);

  /**
   * The same data key wrapped under the tenant's current master key, without the plaintext leaving
   * the provider where it can avoid it (KMS ReEncrypt). Returns an equal key if it already is.
   *
   * @param tenant the owning tenant
   * @param key the wrapped key
   * @param context the encryption context it was wrapped with
   * @return the key wrapped under the tenant's current master key
   * @throws com.techradium.iris.core.TamperedDataException as for {@link #unwrap}
   * @throws com.techradium.iris.recording.KeyUnavailableException as for {@link #unwrap}
   */
  WrappedKey rewrap(TenantId tenant, WrappedKey key, Map<String, String> context);

  /**
   * The key id that {@link #generateDataKey} and {@link #rewrap} wrap under for {@code tenant} now;
   * a recording whose key has another id is due for re-wrapping.
   *
   * @param tenant the owning tenant
   * @return the key id
   * @throws com.techradium.iris.recording.KeyUnavailableException if the tenant has no master key
   */
  String currentKeyId(TenantId tenant);
}
