package com.techradium.iris.audit;

import com.techradium.iris.audit.spi.AuditChain;
import com.techradium.iris.core.TenantId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A signed statement that the chain of ({@code tenantId}, {@code category}) had hash {@code hash}
 * at {@code sequence} when it was made. Verification of a range can start from a checkpoint instead
 * of the first event, so chains stay verifiable after retention deleted their oldest events, and a
 * chain rewritten after a checkpoint no longer matches it.
 *
 * @param algorithm the {@link CheckpointSigner#algorithm()} that made the signature
 * @param keyId the {@link CheckpointSigner#keyId()} of the key that made it
 * @param signature Base64 of the signature over {@link AuditChain#checkpointPayload}
 * @param tenantId the chain's tenant
 * @param category the chain's stream
 * @param sequence the chain position the checkpoint vouches for, from 1
 * @param hash the chain's link at {@code sequence}
 * @param createdAt when the checkpoint was signed, truncated to microseconds
 */
public record Checkpoint(
    TenantId tenantId,
    AuditCategory category,
    long sequence,
    String hash,
    Instant createdAt,
    String algorithm,
    String keyId,
    String signature) {
  /**
   * Creates a {@code Checkpoint}, checking its components.
   *
   * @param tenantId the chain's tenant
   * @param category the chain's stream
   * @param sequence the chain position the checkpoint vouches for, from 1
   * @param hash the chain's link at {@code sequence}
   * @param createdAt when the checkpoint was signed, truncated to microseconds
   * @param algorithm the {@link CheckpointSigner#algorithm()} that made the signature
   * @param keyId the {@link CheckpointSigner#keyId()} of the key that made it
   * @param signature Base64 of the signature over {@link AuditChain#checkpointPayload}
   * @throws IllegalArgumentException if a component is out of range
   */
  public Checkpoint {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(hash, "hash");
    createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(ChronoUnit.MICROS);
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(signature, "signature");
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be at least 1, got " + sequence);
    }
  }

  /**
   * Signs the chain position ({@code sequence}, {@code hash}) with {@code signer}.
   *
   * @param signer the signer
   * @param tenantId the chain's tenant
   * @param category the chain's stream
   * @param sequence the chain position
   * @param hash the link at that position
   * @param createdAt when the checkpoint is made
   * @return the signed checkpoint
   */
  public static Checkpoint sign(
      CheckpointSigner signer,
      TenantId tenantId,
      AuditCategory category,
      long sequence,
      String hash,
      Instant createdAt) {
    Instant at = createdAt.truncatedTo(ChronoUnit.MICROS);
    byte[] payload = AuditChain.checkpointPayload(tenantId, category, sequence, hash, at);
    return new Checkpoint(
        tenantId,
        category,
        sequence,
        hash,
        at,
        signer.algorithm(),
        signer.keyId(),
        java.util.Base64.getEncoder().encodeToString(signer.sign(payload)));
  }

  /**
   * Whether the signature is valid under {@code signer} (same algorithm and key id).
   *
   * @param signer a signer or verifier holding the key
   * @return true if the signature verifies
   */
  public boolean isSignedBy(CheckpointSigner signer) {
    if (!signer.algorithm().equals(algorithm) || !signer.keyId().equals(keyId)) {
      return false;
    }
    byte[] bytes;
    try {
      bytes = java.util.Base64.getDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return signer.verify(
        AuditChain.checkpointPayload(tenantId, category, sequence, hash, createdAt), bytes);
  }
}
