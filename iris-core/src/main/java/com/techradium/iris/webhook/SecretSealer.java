package com.techradium.iris.webhook;

import com.techradium.iris.core.TenantId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals endpoint signing keys for storage with AES-256-GCM under the host's key, bound to their
 * tenant and endpoint (as associated data), so that a key copied to another row does not open.
 * Layout: 12-byte nonce, then ciphertext and tag. Thread-safe.
 */
final class SecretSealer {
  private static final int NONCE = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKey key;

  SecretSealer(SecretKey key) {
    this.key = key;
  }

  byte[] seal(TenantId tenant, UUID endpointId, byte[] secret) {
    byte[] nonce = new byte[NONCE];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      cipher.updateAAD(aad(tenant, endpointId));
      byte[] sealed = cipher.doFinal(secret);
      return ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable on this JVM", e);
    }
  }

  /**
   * Opens a sealed key.
   *
   * @throws IllegalStateException if it does not open under this key for this endpoint (the wrong
   *     host key, or data tampered with)
   */
  byte[] open(TenantId tenant, UUID endpointId, byte[] sealed) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, NONCE));
      cipher.updateAAD(aad(tenant, endpointId));
      return cipher.doFinal(sealed, NONCE, sealed.length - NONCE);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "the signing secret of endpoint " + endpointId + " does not open under the secret key");
    }
  }

  private static byte[] aad(TenantId tenant, UUID endpointId) {
    return (tenant.value() + "/" + endpointId).getBytes(StandardCharsets.UTF_8);
  }
}
