package com.techradium.iris.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.audit.spi.AuditChain;
import com.techradium.iris.core.TenantId;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class AuditChainTest {
  private static final TenantId TENANT = TenantId.of("acme");
  private static final UUID ID = UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8057");
  private static final Instant AT = Instant.parse("2026-05-01T12:00:00.123456Z");

  private static AuditEvent sample() {
    return AuditEvent.builder(TENANT, AuditCategory.DATA_ACCESS)
        .actor("dr-who", ActorType.USER)
        .action("patient.read")
        .dataCategory(DataCategory.PHI)
        .target("patient", "p-1")
        .recordIds(List.of("p-1", "ü-2"))
        .purpose("treatment")
        .context(new RequestContext("192.0.2.1", null, "r-9"))
        .metadata("{\"b\":2,\"a\":1}")
        .build();
  }

  /** The encoding as the AuditChain Javadoc describes it, written independently. */
  private static byte[] documentedEncoding(
      String previousHash, long sequence, UUID id, Instant at, AuditEvent e) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write("iris-audit-v1".getBytes(StandardCharsets.US_ASCII));
    string(out, previousHash);
    out.writeLong(sequence);
    out.writeLong(id.getMostSignificantBits());
    out.writeLong(id.getLeastSignificantBits());
    out.writeLong(at.getEpochSecond());
    out.writeInt(at.getNano());
    for (String value :
        new String[] {
          e.tenantId().value(),
          e.category().name(),
          e.actorId(),
          e.actorType().name(),
          e.action(),
          e.outcome().name(),
          e.severity().name(),
          e.targetType(),
          e.targetId(),
          e.ipAddress(),
          e.userAgent(),
          e.requestId(),
          e.securityKind() == null ? null : e.securityKind().name(),
          e.dataCategory() == null ? null : e.dataCategory().name()
        }) {
      string(out, value);
    }
    out.writeInt(e.recordIds().size());
    for (String recordId : e.recordIds()) {
      byte[] utf8 = recordId.getBytes(StandardCharsets.UTF_8);
      out.writeInt(utf8.length);
      out.write(utf8);
    }
    for (String value : new String[] {e.purpose(), e.metadata(), e.before(), e.after()}) {
      string(out, value);
    }
    return bytes.toByteArray();
  }

  private static void string(DataOutputStream out, String value) throws IOException {
    if (value == null) {
      out.writeByte(0);
      return;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeByte(1);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  @Test
  void hashIsSha256OverTheDocumentedEncoding() throws Exception {
    String previous = "ab".repeat(32);
    byte[] expected = documentedEncoding(previous, 42, ID, AT, sample());

    assertThat(AuditChain.canonicalBytes(previous, 42, ID, AT, sample())).isEqualTo(expected);
    String expectedHash =
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expected));
    assertThat(AuditChain.hash(previous, 42, ID, AT, sample())).isEqualTo(expectedHash);
  }

  @Test
  void everyFieldAndTheChainPositionChangeTheHash() {
    String base = AuditChain.hash(AuditChain.GENESIS_HASH, 1, ID, AT, sample());
    List<UnaryOperator<AuditEvent.Builder>> changes =
        List.of(
            b -> b.actor("dr-who", ActorType.SERVICE),
            b -> b.actor("dr-no", ActorType.USER),
            b -> b.action("patient.update"),
            b -> b.outcome(Outcome.DENIED),
            b -> b.severity(Severity.LOW),
            b -> b.target("patient", "p-2"),
            b -> b.target("person", "p-1"),
            b -> b.ipAddress("192.0.2.2"),
            b -> b.context(new RequestContext("192.0.2.1", "ua", "r-9")),
            b -> b.dataCategory(DataCategory.PII),
            b -> b.recordIds(List.of("p-1")),
            b -> b.purpose("billing"),
            b -> b.metadata("{\"a\":1,\"b\":3}"),
            b -> b.before("{}"),
            b -> b.after("{}"));
    for (UnaryOperator<AuditEvent.Builder> change : changes) {
      AuditEvent changed = change.apply(sample().toBuilder()).build();
      assertThat(AuditChain.hash(AuditChain.GENESIS_HASH, 1, ID, AT, changed)).isNotEqualTo(base);
    }
    assertThat(AuditChain.hash(AuditChain.GENESIS_HASH, 2, ID, AT, sample())).isNotEqualTo(base);
    assertThat(AuditChain.hash("1".repeat(64), 1, ID, AT, sample())).isNotEqualTo(base);
    assertThat(AuditChain.hash(AuditChain.GENESIS_HASH, 1, ID, AT.plusNanos(1000), sample()))
        .isNotEqualTo(base);
  }

  @Test
  void absentAndEmptyValuesEncodeDifferently() {
    AuditEvent absent = sample().toBuilder().purpose(null).build();
    AuditEvent split = sample().toBuilder().recordIds(List.of("p-1ü-2")).build();
    assertThat(AuditChain.hash(AuditChain.GENESIS_HASH, 1, ID, AT, absent))
        .isNotEqualTo(AuditChain.hash(AuditChain.GENESIS_HASH, 1, ID, AT, sample()));
    assertThat(AuditChain.hash(AuditChain.GENESIS_HASH, 1, ID, AT, split))
        .isNotEqualTo(AuditChain.hash(AuditChain.GENESIS_HASH, 1, ID, AT, sample()));
  }

  @Test
  void nonAsciiTextHashesAsItsUtf8Bytes() throws Exception {
    for (String text :
        List.of("\u00e9", "\u01e9", "\uD83D\uDE00", "a\u00e9b", "\uD83D\uDE00x\u01e9")) {
      AuditEvent event =
          sample().toBuilder()
              .actor(text, ActorType.USER)
              .action("read." + text)
              .target("patient", text)
              .context(new RequestContext("192.0.2.1", text, text))
              .purpose(text)
              .metadata(java.util.Map.of("k", text))
              .build();
      byte[] expected = documentedEncoding(AuditChain.GENESIS_HASH, 1, ID, AT, event);

      assertThat(AuditChain.canonicalBytes(AuditChain.GENESIS_HASH, 1, ID, AT, event))
          .as(text)
          .isEqualTo(expected);
      assertThat(AuditChain.hash(AuditChain.GENESIS_HASH, 1, ID, AT, event))
          .isEqualTo(
              HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expected)));
    }
  }

  @Test
  void lettersThatShareTheirLowByteHashApart() {
    AuditEvent eAcute = sample().toBuilder().actor("\u00e9", ActorType.USER).build();
    AuditEvent kCaron = sample().toBuilder().actor("\u01e9", ActorType.USER).build();

    assertThat(AuditChain.hash(AuditChain.GENESIS_HASH, 1, ID, AT, eAcute))
        .isNotEqualTo(AuditChain.hash(AuditChain.GENESIS_HASH, 1, ID, AT, kCaron));
  }

  @Test
  void knownAnswerHashesWithNonAsciiAndSupplementaryCharacters() {
    AuditEvent event =
        AuditEvent.builder(TENANT, AuditCategory.AUDIT)
            .actor("\u00e9l\u00e8ve-\u01e9", ActorType.USER)
            .action("doc.\uD83D\uDE00")
            .metadata("{\"n\":\"\uD834\uDD1E\"}")
            .build();

    assertThat(AuditChain.hash(AuditChain.GENESIS_HASH, 1, ID, AT, event))
        .isEqualTo("4627ec29468539ed44db8a99ad9395eaaae6cc0761c500c974155e1999cf3c7c");
    assertThat(AuditChain.hash("cd".repeat(32), 7, ID, AT, sample()))
        .isEqualTo("7aacb7d656bfb12031b7c24d9ba2f9615ae31d0c31a5bd53bc099acb5335f567");
  }

  @Test
  void aKeyedLinkNamesItsKeyAndNothingElseReadsAsOne() {
    String digits = "ab".repeat(32);

    assertThat(AuditChain.chainKeyId("hmac-sha256:k-1:" + digits)).isEqualTo("k-1");
    assertThat(AuditChain.chainKeyId("hmac-sha256:a:b:" + digits)).isEqualTo("a:b");
    assertThat(AuditChain.chainKeyId(digits)).isNull();
    assertThat(AuditChain.chainKeyId(AuditChain.GENESIS_HASH)).isNull();
    assertThat(AuditChain.chainKeyId("hmac-sha256::" + digits)).as("no key id").isNull();
    assertThat(AuditChain.chainKeyId("hmac-sha256:k1" + digits)).as("no colon").isNull();
    assertThat(AuditChain.chainKeyId("hmac-sha256:k:" + digits.substring(1))).isNull();
    assertThat(AuditChain.chainKeyId("hmac-sha256:")).isNull();
    assertThat(AuditChain.chainKeyId("hmac-sha1:k:" + digits)).isNull();
  }

  @Test
  void aKeyedLinkIsHmacSha256OfTheCanonicalBytesUnderTheKey() throws Exception {
    byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    AuditChainKey key = new AuditChainKey("k-7", secret);
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
    byte[] canonical = AuditChain.canonicalBytes("cd".repeat(32), 7, ID, AT, sample());

    String link = AuditChain.hash(key, "cd".repeat(32), 7, ID, AT, sample());

    assertThat(link)
        .isEqualTo("hmac-sha256:k-7:" + HexFormat.of().formatHex(mac.doFinal(canonical)));
    assertThat(AuditChain.hash(null, "cd".repeat(32), 7, ID, AT, sample()))
        .isEqualTo("7aacb7d656bfb12031b7c24d9ba2f9615ae31d0c31a5bd53bc099acb5335f567");
  }
}
