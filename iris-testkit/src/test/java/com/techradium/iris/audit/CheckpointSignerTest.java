package com.techradium.iris.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CheckpointSignerTest {
  private static final byte[] PAYLOAD = "payload".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SEED = new byte[32];

  static {
    for (int i = 0; i < SEED.length; i++) {
      SEED[i] = (byte) (i * 7 + 1);
    }
  }

  @Test
  void hmacVerifiesItsOwnSignatureOnly() {
    HmacCheckpointSigner signer = AuditTesting.SIGNER;
    byte[] signature = signer.sign(PAYLOAD);
    assertThat(signature).hasSize(32);
    assertThat(signer.verify(PAYLOAD, signature)).isTrue();
    assertThat(signer.verify("payloaD".getBytes(StandardCharsets.US_ASCII), signature)).isFalse();
    HmacCheckpointSigner other = new HmacCheckpointSigner("test-key", SEED);
    assertThat(other.verify(PAYLOAD, signature)).isFalse();
  }

  @Test
  void hmacRefusesShortKeys() {
    assertThatThrownBy(() -> new HmacCheckpointSigner("k", new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ed25519SignaturesVerifyWithThePublicKeyAlone() {
    Ed25519CheckpointSigner signer = Ed25519CheckpointSigner.signer("ed-1", SEED);
    Ed25519CheckpointSigner verifier = Ed25519CheckpointSigner.verifier("ed-1", signer.publicKey());
    byte[] signature = signer.sign(PAYLOAD);

    assertThat(verifier.verify(PAYLOAD, signature)).isTrue();
    assertThat(verifier.verify(new byte[] {1}, signature)).isFalse();
    assertThat(verifier.canSign()).isFalse();
    assertThatThrownBy(() -> verifier.sign(PAYLOAD)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aCheckpointIsSignedOverItsPosition() {
    Ed25519CheckpointSigner signer = Ed25519CheckpointSigner.signer("ed-1", SEED);
    Checkpoint checkpoint =
        Checkpoint.sign(
            signer,
            TenantId.of("acme"),
            AuditCategory.AUDIT,
            10,
            "f".repeat(64),
            Instant.parse("2026-01-01T00:00:00Z"));

    assertThat(checkpoint.algorithm()).isEqualTo("Ed25519");
    assertThat(checkpoint.isSignedBy(Ed25519CheckpointSigner.verifier("ed-1", signer.publicKey())))
        .isTrue();
    Checkpoint moved =
        new Checkpoint(
            checkpoint.tenantId(),
            checkpoint.category(),
            11,
            checkpoint.hash(),
            checkpoint.createdAt(),
            checkpoint.algorithm(),
            checkpoint.keyId(),
            checkpoint.signature());
    assertThat(moved.isSignedBy(signer)).isFalse();
    assertThat(checkpoint.isSignedBy(Ed25519CheckpointSigner.signer("ed-2", SEED))).isFalse();
    assertThat(checkpoint.isSignedBy(AuditTesting.SIGNER)).isFalse();
  }
}
