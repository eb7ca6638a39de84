package com.techradium.iris.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.audit.memory.InMemoryAuditStore;
import com.techradium.iris.audit.spi.AuditChain;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.testkit.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * What a checkpoint's signature covers, field by field, and that a full verification checks the
 * signature of every checkpoint it passes (not only of the one it starts from).
 */
class CheckpointTamperingTest {
  private static final TenantId TENANT = TenantId.of("acme");
  private static final Instant AT = Instant.parse("2026-05-01T12:00:00.123456Z");
  private static final String HASH = "ab".repeat(32);

  private static Checkpoint signed() {
    return Checkpoint.sign(AuditTesting.SIGNER, TENANT, AuditCategory.AUDIT, 10, HASH, AT);
  }

  private static Checkpoint with(UnaryOperator<Object[]> change) {
    Checkpoint c = signed();
    Object[] f = {c.tenantId(), c.category(), c.sequence(), c.hash(), c.createdAt()};
    f = change.apply(f);
    return new Checkpoint(
        (TenantId) f[0],
        (AuditCategory) f[1],
        (Long) f[2],
        (String) f[3],
        (Instant) f[4],
        c.algorithm(),
        c.keyId(),
        c.signature());
  }

  /** The bytes the AuditChain Javadoc says a checkpoint signs, written independently. */
  private static byte[] documentedPayload(
      TenantId tenant, AuditCategory category, long sequence, String hash, Instant at)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write("iris-audit-checkpoint-v1".getBytes(StandardCharsets.US_ASCII));
    for (String value : new String[] {tenant.value(), category.name()}) {
      string(out, value);
    }
    out.writeLong(sequence);
    string(out, hash);
    out.writeLong(at.getEpochSecond());
    out.writeInt(at.getNano());
    return bytes.toByteArray();
  }

  private static void string(DataOutputStream out, String value) throws IOException {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeByte(1);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  @Test
  void theSignedBytesAreTheDocumentedEncodingWithItsDomainTag() throws Exception {
    assertThat(AuditChain.checkpointPayload(TENANT, AuditCategory.AUDIT, 10, HASH, AT))
        .isEqualTo(documentedPayload(TENANT, AuditCategory.AUDIT, 10, HASH, AT));
  }

  @Test
  void changingAnySignedFieldBreaksTheSignature() {
    assertThat(signed().isSignedBy(AuditTesting.SIGNER)).isTrue();
    List<UnaryOperator<Object[]>> changes =
        List.of(
            f -> set(f, 0, TenantId.of("acme2")),
            f -> set(f, 1, AuditCategory.ADMIN),
            f -> set(f, 2, 11L),
            f -> set(f, 3, "ac".repeat(32)),
            f -> set(f, 4, AT.plusNanos(1000)));
    for (UnaryOperator<Object[]> change : changes) {
      assertThat(with(change).isSignedBy(AuditTesting.SIGNER)).isFalse();
    }
  }

  private static Object[] set(Object[] fields, int index, Object value) {
    fields[index] = value;
    return fields;
  }

  @Test
  void aCheckpointPayloadNeverEqualsAnEventEncoding() {
    byte[] payload = AuditChain.checkpointPayload(TENANT, AuditCategory.AUDIT, 10, HASH, AT);
    assertThat(new String(payload, 0, 24, StandardCharsets.US_ASCII))
        .isEqualTo("iris-audit-checkpoint-v1");
  }

  @Test
  void aFullVerifyWithAnotherKeyReportsTheFirstCheckpointItPasses() {
    MutableClock clock = MutableClock.startingAtEpochOf2026();
    InMemoryAuditStore store = new InMemoryAuditStore();
    TenantId tenant = AuditTesting.newTenant();
    AuditLog audit =
        AuditTesting.auditLog(store, clock)
            .checkpointEvery(5)
            .checkpointAtLeastEvery(Duration.ofDays(1))
            .build();
    for (int i = 0; i < 12; i++) {
      audit.record(AuditTesting.action(tenant, "u", "a"));
    }
    AuditLog otherKey =
        AuditLog.builder()
            .store(store)
            .clock(clock)
            .signer(
                new HmacCheckpointSigner(
                    AuditTesting.SIGNER.keyId(),
                    "another secret of thirty-two bytes!".getBytes(StandardCharsets.US_ASCII)))
            .build();

    assertThat(audit.verify(tenant).valid()).isTrue();
    ChainBreak found = otherKey.verify(tenant).firstBreak().orElseThrow();

    assertThat(found.kind()).isEqualTo(ChainBreak.Kind.BAD_CHECKPOINT_SIGNATURE);
    assertThat(found.sequence()).isEqualTo(5);
  }
}
