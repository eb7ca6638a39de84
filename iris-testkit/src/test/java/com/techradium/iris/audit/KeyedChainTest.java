package com.techradium.iris.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.audit.memory.InMemoryAuditStore;
import com.techradium.iris.audit.spi.AuditChain;
import com.techradium.iris.audit.spi.NewAuditRecord;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.testkit.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The keyed chain: links are HMAC-SHA256 under a key the store never holds, so an append forged
 * through the store with a correctly recomputed SHA-256 hash is caught; without a key the same
 * forgery goes unnoticed (the documented limit of the plain chain).
 */
class KeyedChainTest {
  static final byte[] SECRET =
      "the chain key, thirty-two bytes!".getBytes(StandardCharsets.US_ASCII);
  static final AuditChainKey KEY = new AuditChainKey("chain-2026", SECRET);
  private static final AuditChainKey SAME_ID_OTHER_SECRET =
      new AuditChainKey(
          "chain-2026", "a guessed key of thirty-two byte".getBytes(StandardCharsets.US_ASCII));
  private static final AuditChainKey NEXT_KEY =
      new AuditChainKey(
          "chain-2027", "next year's chain key, 32 bytes!".getBytes(StandardCharsets.US_ASCII));

  private final MutableClock clock = MutableClock.startingAtEpochOf2026();
  private final InMemoryAuditStore store = new InMemoryAuditStore();
  private final TenantId tenant = AuditTesting.newTenant();
  private final AuditLog keyed = log().chainKey(KEY).build();
  private final AuditLog plain = log().build();

  private AuditLogBuilder log() {
    return AuditTesting.auditLog(store, clock).checkpointEvery(0);
  }

  private List<AuditRecord> recordTen(AuditLog audit) {
    return AuditTesting.recordTen(audit, tenant, clock);
  }

  /**
   * What someone with write access to the store can do without the key: append an event through the
   * chain, with a correct SHA-256 link after the head, moving the head.
   */
  private AuditRecord forgeAppend() {
    AuditEvent event = AuditTesting.action(tenant, "mallory", "doc.delete");
    return store
        .append(List.of(new NewAuditRecord(UUID.randomUUID(), clock.instant(), event)))
        .get(0);
  }

  private static ChainBreak firstBreak(AuditLog audit, TenantId tenant) {
    VerificationReport report = audit.verify(tenant);
    assertThat(report.valid()).as("%s", report).isFalse();
    return report.firstBreak().orElseThrow();
  }

  private static String hmacHex(byte[] secret, byte[] bytes) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(bytes));
  }

  @Test
  void aKeyedLinkIsTheHmacOfTheCanonicalBytesNamingItsKey() throws GeneralSecurityException {
    List<AuditRecord> records = recordTen(keyed);

    AuditRecord fourth = records.get(3);
    byte[] canonical =
        AuditChain.canonicalBytes(
            fourth.previousHash(),
            fourth.sequence(),
            fourth.id(),
            fourth.recordedAt(),
            fourth.event());
    assertThat(fourth.hash()).isEqualTo("hmac-sha256:chain-2026:" + hmacHex(SECRET, canonical));
    assertThat(AuditChain.chainKeyId(fourth.hash())).isEqualTo("chain-2026");
    assertThat(fourth.previousHash()).isEqualTo(records.get(2).hash());
    assertThat(fourth.hashMatches()).isFalse();
    assertThat(fourth.hashMatches(KEY)).isTrue();
    assertThat(fourth.hashMatches(SAME_ID_OTHER_SECRET)).isFalse();
    assertThat(keyed.verify(tenant).valid()).isTrue();
  }

  @Test
  void withoutAKeyTheChainIsPlainSha256AsBefore() {
    AuditRecord first = plain.record(AuditTesting.action(tenant, "u", "doc.view"));

    assertThat(AuditChain.chainKeyId(first.hash())).isNull();
    assertThat(first.hash())
        .hasSize(64)
        .isEqualTo(
            AuditChain.hash(
                AuditChain.GENESIS_HASH, 1, first.id(), first.recordedAt(), first.event()))
        .isEqualTo(
            AuditChain.hash(
                null, AuditChain.GENESIS_HASH, 1, first.id(), first.recordedAt(), first.event()));
  }

  @Test
  void aForgedAppendWithARecomputedPlainHashIsReportedAtTheForgedEvent() {
    recordTen(keyed);
    AuditRecord forged = forgeAppend();
    assertThat(forged.hashMatches()).isTrue();
    assertThat(store.head(tenant, AuditCategory.AUDIT).orElseThrow().sequence()).isEqualTo(11);

    ChainBreak found = firstBreak(keyed, tenant);

    assertThat(found.kind()).isEqualTo(ChainBreak.Kind.UNKEYED_LINK);
    assertThat(found.sequence()).isEqualTo(11);
    assertThat(found.eventId()).isEqualTo(forged.id());
    assertThat(found.detail()).contains("chain-2026");
  }

  @Test
  void theSameForgeryGoesUnnoticedInAPlainChain() {
    recordTen(plain);
    forgeAppend();

    // The limit docs/audit.md states: without a key, whoever can write the store can also hash.
    assertThat(plain.verify(tenant).valid()).isTrue();
  }

  @Test
  void aForgedAppendImitatingAKeyedLinkWithAGuessedKeyIsReportedAsModified() {
    recordTen(keyed);
    AuditEvent event = AuditTesting.action(tenant, "mallory", "doc.delete");
    AuditRecord forged =
        store
            .append(
                List.of(
                    new NewAuditRecord(
                        UUID.randomUUID(), clock.instant(), event, SAME_ID_OTHER_SECRET)))
            .get(0);

    ChainBreak found = firstBreak(keyed, tenant);

    assertThat(found.kind()).isEqualTo(ChainBreak.Kind.MODIFIED);
    assertThat(found.sequence()).isEqualTo(11);
    assertThat(found.eventId()).isEqualTo(forged.id());
  }

  @Test
  void aRangeVerifiedFromASignedCheckpointStillCatchesAForgedAppend() {
    recordTen(keyed);
    keyed.checkpoint(tenant);
    List<AuditRecord> later = recordTen(keyed);
    forgeAppend();

    VerificationReport range = keyed.verify(tenant, later.get(0).recordedAt(), null);

    ChainBreak found = range.firstBreak().orElseThrow();
    assertThat(range.chain(AuditCategory.AUDIT).orElseThrow().anchorSequence()).isEqualTo(10);
    assertThat(found.kind()).isEqualTo(ChainBreak.Kind.UNKEYED_LINK);
    assertThat(found.sequence()).isEqualTo(21);
  }

  @Test
  void anotherSecretUnderTheSameKeyIdFailsAtTheFirstKeyedEvent() {
    recordTen(keyed);
    AuditLog wrong = log().chainKey(SAME_ID_OTHER_SECRET).build();

    ChainBreak found = firstBreak(wrong, tenant);

    assertThat(found.kind()).isEqualTo(ChainBreak.Kind.MODIFIED);
    assertThat(found.sequence()).isEqualTo(1);
  }

  @Test
  void withoutTheKeyAKeyedChainCannotBeVouchedFor() {
    recordTen(keyed);

    ChainBreak unkeyed = firstBreak(plain, tenant);
    ChainBreak otherKey = firstBreak(log().chainKey(NEXT_KEY).build(), tenant);

    assertThat(unkeyed.kind()).isEqualTo(ChainBreak.Kind.UNKNOWN_CHAIN_KEY);
    assertThat(unkeyed.sequence()).isEqualTo(1);
    assertThat(unkeyed.detail()).contains("chain-2026");
    assertThat(otherKey.kind()).isEqualTo(ChainBreak.Kind.UNKNOWN_CHAIN_KEY);
  }

  @Test
  void eventsRecordedBeforeTheKeyWasConfiguredKeepVerifying() {
    List<AuditRecord> before = recordTen(plain);
    List<AuditRecord> after = recordTen(keyed);

    assertThat(before).allSatisfy(r -> assertThat(AuditChain.chainKeyId(r.hash())).isNull());
    assertThat(after.get(0).previousHash()).isEqualTo(before.get(9).hash());
    assertThat(keyed.verify(tenant).valid()).isTrue();

    forgeAppend();
    assertThat(firstBreak(keyed, tenant).kind()).isEqualTo(ChainBreak.Kind.UNKEYED_LINK);
  }

  @Test
  void aRetiredKeyVerifiesTheEventsItChainedAfterANewKeyTookOver() {
    recordTen(keyed);
    AuditLog rotated = log().chainKey(NEXT_KEY).retiredChainKeys(List.of(KEY)).build();

    AuditRecord next = rotated.record(AuditTesting.action(tenant, "u", "doc.view"));

    assertThat(AuditChain.chainKeyId(next.hash())).isEqualTo("chain-2027");
    assertThat(rotated.verify(tenant).valid()).isTrue();
    assertThat(firstBreak(keyed, tenant).kind()).isEqualTo(ChainBreak.Kind.UNKNOWN_CHAIN_KEY);
  }

  @Test
  void aKeyedExportVerifiesOfflineWithTheKeyOnly() {
    recordTen(keyed);
    StringWriter out = new StringWriter();
    keyed.exportJsonLines(AuditQuery.forTenant(tenant).build(), AuditTesting.AUDITOR, out);
    String export = out.toString();

    assertThat(AuditExportVerifier.verify(new StringReader(export), List.of(KEY)).valid()).isTrue();
    ExportVerification withoutKey = AuditExportVerifier.verify(new StringReader(export));
    assertThat(withoutKey.valid()).isFalse();
    assertThat(withoutKey.firstBadLine()).isEqualTo(1);
    assertThat(withoutKey.problem()).contains("chain-2026");
  }

  @Test
  void aForgedAppendIsCaughtInAKeyedExportToo() {
    recordTen(keyed);
    forgeAppend();
    StringWriter out = new StringWriter();
    keyed.exportJsonLines(
        AuditQuery.forTenant(tenant).categories(AuditCategory.AUDIT).build(),
        AuditTesting.AUDITOR,
        out);

    ExportVerification result =
        AuditExportVerifier.verify(new StringReader(out.toString()), List.of(KEY));

    assertThat(result.valid()).isFalse();
    assertThat(result.firstBadLine()).isEqualTo(11);
    assertThat(result.problem()).contains("plain SHA-256");
  }

  @Test
  void theSecretIsNeverLoggedShownThrownOrStored() {
    FailingAuditStore failing = new FailingAuditStore(store);
    List<String> texts = new ArrayList<>();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (IrisRuntime runtime = IrisRuntime.builder().name("keyed-chain").build()) {
      AuditLog audit =
          AuditLog.builder()
              .store(failing)
              .clock(clock)
              .signer(AuditTesting.SIGNER)
              .chainKey(KEY)
              .runtime(runtime)
              .build();
      runtime.start();
      failing.failAppends(2);
      try {
        audit.record(AuditTesting.action(tenant, "u", "doc.view"));
      } catch (RuntimeException e) {
        texts.add(e.toString());
      }
      // The asynchronous writer logs the failed batch (with its exception) and retries it.
      audit.enqueue(AuditTesting.action(tenant, "u", "doc.edit"));
      for (int i = 0; i < 10 && audit.pendingEvents() > 0; i++) {
        try {
          audit.flush();
        } catch (RuntimeException e) {
          texts.add(e.toString());
        }
      }
      recordTen(audit);
      texts.addAll(audit.checkpoint(tenant).stream().map(Checkpoint::toString).toList());
      forgeAppend();
      texts.add(audit.verify(tenant).toString());
      StringWriter export = new StringWriter();
      audit.exportJsonLines(AuditQuery.forTenant(tenant).build(), AuditTesting.AUDITOR, export);
      texts.add(export.toString());
    } finally {
      System.setErr(original);
    }
    texts.add(captured.toString(StandardCharsets.UTF_8));
    texts.add(KEY.toString());
    texts.add(new NewAuditRecord(UUID.randomUUID(), clock.instant(), event(), KEY).toString());
    for (AuditCategory category : AuditCategory.values()) {
      AuditTesting.chain(store, tenant, category).forEach(r -> texts.add(r.toString()));
    }

    assertThat(failing.failedAppends()).isEqualTo(2);
    assertThat(AuditTesting.chain(store, tenant, AuditCategory.AUDIT))
        .extracting(r -> r.event().action())
        .contains("doc.edit");
    assertThat(captured.toString(StandardCharsets.UTF_8)).contains("audit writer");
    List<String> forms =
        List.of(
            new String(SECRET, StandardCharsets.US_ASCII).substring(4, 28),
            HexFormat.of().formatHex(SECRET).substring(8, 56),
            Base64.getEncoder().encodeToString(SECRET).substring(4, 36));
    for (String text : texts) {
      for (String form : forms) {
        assertThat(text).doesNotContain(form);
      }
    }
  }

  private AuditEvent event() {
    return AuditTesting.action(tenant, "u", "doc.view");
  }

  @Test
  void theBuilderTakesOneKeyAndRetiredKeysWithDistinctIds() {
    assertThatThrownBy(() -> log().chainKey(KEY).chainKey(NEXT_KEY))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("chainKey was already set");
    assertThatThrownBy(() -> log().retiredChainKeys(List.of(KEY)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs a chainKey");
    assertThatThrownBy(
            () -> log().chainKey(KEY).retiredChainKeys(List.of(SAME_ID_OTHER_SECRET)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("chain-2026");
    assertThatThrownBy(
            () -> AuditExportVerifier.verify(new StringReader(""), Arrays.asList(KEY, null)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("chainKeys[1]");
    assertThatThrownBy(() -> new AuditChainKey("short", new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> new AuditChainKey("bad\nid", SECRET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keyId");
  }
}
