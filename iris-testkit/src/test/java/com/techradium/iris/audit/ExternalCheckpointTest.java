package com.techradium.iris.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.audit.memory.InMemoryAuditStore;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints published outside the store (the sink, the file sink) and verification against them;
 * the time bound on periodic checkpoints.
 */
class ExternalCheckpointTest {
  private final MutableClock clock = MutableClock.startingAtEpochOf2026();
  private final InMemoryAuditStore store = new InMemoryAuditStore();
  private final TenantId tenant = AuditTesting.newTenant();
  @TempDir Path dir;

  private AuditLog withSink(CheckpointSink sink) {
    return AuditTesting.auditLog(store, clock)
        .checkpointEvery(5)
        .checkpointAtLeastEvery(Duration.ofDays(1))
        .checkpointSink(sink)
        .build();
  }

  private void recordTen(AuditLog audit) {
    for (int i = 1; i <= 10; i++) {
      audit.record(AuditTesting.action(tenant, "user-" + i, "doc.view"));
      clock.advance(Duration.ofSeconds(1));
    }
  }

  @Test
  void theFileSinkKeepsEveryCheckpointTheLogSigns() {
    Path file = dir.resolve("checkpoints.jsonl");
    AuditLog audit = withSink(new FileCheckpointSink(file));
    recordTen(audit);
    audit.checkpoint(tenant);

    List<Checkpoint> published = FileCheckpointSink.read(file);

    assertThat(published).extracting(Checkpoint::sequence).containsExactly(5L, 10L, 10L);
    assertThat(published.subList(0, 2))
        .containsExactlyElementsOf(audit.checkpoints(tenant, AuditCategory.AUDIT, 0, 100));
    assertThat(published).allMatch(c -> c.isSignedBy(AuditTesting.SIGNER));
  }

  @Test
  void aTailCutTogetherWithItsStoredCheckpointsIsCaughtByTheExternalOnes() {
    Path file = dir.resolve("checkpoints.jsonl");
    AuditLog audit = withSink(new FileCheckpointSink(file));
    recordTen(audit);
    store.tampering().truncate(tenant, AuditCategory.AUDIT, 7);
    store.tampering().deleteCheckpoints(tenant, AuditCategory.AUDIT, 7);

    assertThat(audit.verify(tenant).valid()).isTrue();
    ChainBreak found =
        audit.verify(tenant, FileCheckpointSink.read(file)).firstBreak().orElseThrow();

    assertThat(found.kind()).isEqualTo(ChainBreak.Kind.TRUNCATED);
    assertThat(found.sequence()).isEqualTo(8);
    assertThat(found.detail()).contains("external").contains("#10");
  }

  @Test
  void anExternalCheckpointRecordingAnotherHashIsAMismatch() {
    List<Checkpoint> published = new CopyOnWriteArrayList<>();
    AuditLog audit = withSink(published::add);
    recordTen(audit);
    Checkpoint other =
        Checkpoint.sign(
            AuditTesting.SIGNER, tenant, AuditCategory.AUDIT, 5, "f".repeat(64), clock.instant());

    ChainBreak found = audit.verify(tenant, List.of(other)).firstBreak().orElseThrow();

    assertThat(found.kind()).isEqualTo(ChainBreak.Kind.CHECKPOINT_MISMATCH);
    assertThat(found.sequence()).isEqualTo(5);
    assertThat(audit.verify(tenant, published).valid()).isTrue();
  }

  @Test
  void anExternalCheckpointThatDoesNotVerifyIsReported() {
    List<Checkpoint> published = new ArrayList<>();
    AuditLog audit = withSink(published::add);
    recordTen(audit);
    Checkpoint good = published.get(0);
    Checkpoint forged =
        new Checkpoint(
            good.tenantId(),
            good.category(),
            good.sequence(),
            good.hash(),
            good.createdAt().plusSeconds(1),
            good.algorithm(),
            good.keyId(),
            good.signature());

    ChainBreak found = audit.verify(tenant, List.of(forged)).firstBreak().orElseThrow();

    assertThat(found.kind()).isEqualTo(ChainBreak.Kind.BAD_CHECKPOINT_SIGNATURE);
  }

  @Test
  void checkpointsOfAnotherTenantAreIgnored() {
    List<Checkpoint> published = new ArrayList<>();
    AuditLog audit = withSink(published::add);
    recordTen(audit);
    TenantId other = AuditTesting.newTenant();
    Checkpoint theirs =
        Checkpoint.sign(
            AuditTesting.SIGNER, other, AuditCategory.AUDIT, 99, "a".repeat(64), clock.instant());

    assertThat(audit.verify(tenant, List.of(theirs)).valid()).isTrue();
    assertThat(audit.verify(other, published).valid()).isTrue();
  }

  @Test
  void aFailingSinkDoesNotFailTheWrite() {
    AuditLog audit =
        withSink(
            checkpoint -> {
              throw new IllegalStateException("bucket unreachable");
            });

    recordTen(audit);

    assertThat(audit.checkpoints(tenant, AuditCategory.AUDIT, 0, 100)).hasSize(2);
  }

  @Test
  void checkpointsComeAtLeastEveryMaxAgeWhileEventsArrive() {
    AuditLog audit =
        AuditTesting.auditLog(store, clock)
            .checkpointEvery(10_000)
            .checkpointAtLeastEvery(Duration.ofMinutes(1))
            .build();

    audit.record(AuditTesting.action(tenant, "u", "a"));
    clock.advance(Duration.ofSeconds(30));
    audit.record(AuditTesting.action(tenant, "u", "a"));
    clock.advance(Duration.ofSeconds(29));
    audit.record(AuditTesting.action(tenant, "u", "a"));
    assertThat(audit.checkpoints(tenant, AuditCategory.AUDIT, 0, 100)).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    audit.record(AuditTesting.action(tenant, "u", "a"));
    clock.advance(Duration.ofSeconds(59));
    audit.record(AuditTesting.action(tenant, "u", "a"));
    clock.advance(Duration.ofSeconds(1));
    audit.record(AuditTesting.action(tenant, "u", "a"));

    assertThat(audit.checkpoints(tenant, AuditCategory.AUDIT, 0, 100))
        .extracting(Checkpoint::sequence)
        .containsExactly(4L, 6L);
  }

  @Test
  void theFileHoldsNoSecret() throws Exception {
    Path file = dir.resolve("checkpoints.jsonl");
    AuditLog audit = withSink(new FileCheckpointSink(file));
    recordTen(audit);

    assertThat(Files.readString(file))
        .doesNotContain("0123456789abcdef0123456789abcdef")
        .doesNotContain(
            java.util.Base64.getEncoder()
                .encodeToString(
                    "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));
  }
}
