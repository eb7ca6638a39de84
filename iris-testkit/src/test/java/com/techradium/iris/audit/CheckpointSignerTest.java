package com.techradium.iris.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
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

  // Expected values computed with the Bouncy Castle implementation these signers replaced; Ed25519
  // and HMAC are deterministic, so checkpoints signed before the change verify after it.

  @Test
  void ed25519MatchesTheFixedKeyVector() {
    Ed25519CheckpointSigner signer = Ed25519CheckpointSigner.signer("ed-1", SEED);

    assertThat(HexFormat.of().formatHex(signer.publicKey()))
        .isEqualTo("e4030998cfd5ad1723c169f956aa0b9eb8619b5992bd612c2af428ebc79f8df0");
    assertThat(HexFormat.of().formatHex(signer.sign(PAYLOAD)))
        .isEqualTo(
            "201ac829598d988fac7e65156ba9873c9da44db83f6872b5c1aaa6d35cb9376f"
                + "f213de6b06edc0f0a9342043911ea050de5e0e9758bb0aae0ced5dca82e10b0c");
    Checkpoint checkpoint =
        Checkpoint.sign(
            signer,
            TenantId.of("acme"),
            AuditCategory.SECURITY,
            10_000,
            "0123456789abcdef".repeat(4),
            Instant.parse("2026-01-01T00:00:00.123456Z"));
    assertThat(checkpoint.signature())
        .isEqualTo(
            "oSj/qn2rVabJoWmY4T3DGfWoOpbmnQ/YnpmFbBwvuSDi08dobcBrRwqh1K4bco7Ix/aBZWlONhefWjqvM9UkBw==");
  }

  @Test
  void ed25519MatchesRfc8032TestVector1() {
    Ed25519CheckpointSigner signer =
        Ed25519CheckpointSigner.signer(
            "rfc",
            HexFormat.of()
                .parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    byte[] signature = signer.sign(new byte[0]);

    assertThat(HexFormat.of().formatHex(signer.publicKey()))
        .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    assertThat(HexFormat.of().formatHex(signature))
        .isEqualTo(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555"
                + "fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    assertThat(
            Ed25519CheckpointSigner.verifier("rfc", signer.publicKey())
                .verify(new byte[0], signature))
        .isTrue();
  }

  @Test
  void hmacMatchesTheFixedKeyVector() {
    assertThat(HexFormat.of().formatHex(AuditTesting.SIGNER.sign(PAYLOAD)))
        .isEqualTo("1884c50fba58f58371a23a9f6424571bb9b9b0437aa6402e25c928f65a188952");
  }

  @Test
  void ed25519RefusesKeysOfTheWrongLength() {
    assertThatThrownBy(() -> Ed25519CheckpointSigner.signer("k", new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Ed25519CheckpointSigner.verifier("k", new byte[33]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
