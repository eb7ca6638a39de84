package com.techradium.iris.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.audit.memory.InMemoryAuditStore;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.testkit.MutableClock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditEventTest {
  private final TenantId tenant = AuditTesting.newTenant();
  private final InMemoryAuditStore store = new InMemoryAuditStore();
  private final AuditLog audit =
      AuditTesting.auditLog(store, MutableClock.startingAtEpochOf2026()).build();

  private static ValidationException rejection(Runnable attempt) {
    try {
      attempt.run();
    } catch (ValidationException e) {
      return e;
    }
    throw new AssertionError("expected a ValidationException");
  }

  @Test
  void missingActorAndActionAreReportedTogether() {
    ValidationException e =
        rejection(() -> AuditEvent.builder(tenant, AuditCategory.AUDIT).build());
    assertThat(e.hasErrorFor("actorId")).isTrue();
    assertThat(e.hasErrorFor("action")).isTrue();
  }

  @Test
  void controlCharactersInFieldsAreRejected() {
    ValidationException e =
        rejection(
            () ->
                AuditEvent.builder(tenant, AuditCategory.AUDIT)
                    .actor("bob\nINFO forged line")
                    .action("user.login")
                    .userAgent("agent\u0007")
                    .requestId("r\t1")
                    .build());
    assertThat(e.errors())
        .extracting(error -> error.field())
        .containsExactlyInAnyOrder("actorId", "userAgent", "requestId");
  }

  @Test
  void oversizedMetadataIsRejected() {
    char[] filler = new char[AuditEvent.MAX_JSON_BYTES];
    Arrays.fill(filler, 'x');
    String big = "{\"blob\":\"" + new String(filler) + "\"}";
    ValidationException e =
        rejection(
            () ->
                AuditEvent.builder(tenant, AuditCategory.AUDIT)
                    .actor("bob")
                    .action("upload")
                    .metadata(big)
                    .build());
    assertThat(e.hasErrorFor("metadata")).isTrue();
  }

  @Test
  void metadataMustBeAJsonObject() {
    assertThat(rejection(() -> withMetadata("[1,2]")).hasErrorFor("metadata")).isTrue();
    assertThat(rejection(() -> withMetadata("{not json")).hasErrorFor("metadata")).isTrue();
    assertThat(rejection(() -> withMetadata("{\"a\":\"nul\\u0000\"}")).hasErrorFor("metadata"))
        .isTrue();
  }

  private AuditEvent withMetadata(String json) {
    return AuditEvent.builder(tenant, AuditCategory.AUDIT)
        .actor("bob")
        .action("x")
        .metadata(json)
        .build();
  }

  @Test
  void textThatUtf8CannotEncodeIsRejected() {
    ValidationException e =
        rejection(
            () ->
                AuditEvent.builder(tenant, AuditCategory.AUDIT)
                    .actor("bob\uD800")
                    .action("x")
                    .metadata("{\"k\":\"\\udc00\"}")
                    .build());
    assertThat(e.hasErrorFor("actorId")).isTrue();
    assertThat(e.hasErrorFor("metadata")).isTrue();
  }

  @Test
  void metadataIsKeptInCanonicalForm() {
    AuditEvent event = withMetadata("{ \"b\" : 1.50, \"a\" : {\"d\": 1e2, \"c\": -0.0} }");
    assertThat(event.metadata()).isEqualTo("{\"a\":{\"c\":0,\"d\":100},\"b\":1.5}");
  }

  @Test
  void streamSpecificFieldsAreRequiredWhereTheyDefineTheStream() {
    assertThat(
            rejection(
                    () ->
                        AuditEvent.builder(tenant, AuditCategory.SECURITY)
                            .actor("a")
                            .action("b")
                            .build())
                .hasErrorFor("securityKind"))
        .isTrue();
    assertThat(
            rejection(
                    () ->
                        AuditEvent.builder(tenant, AuditCategory.DATA_ACCESS)
                            .actor("a")
                            .action("b")
                            .build())
                .hasErrorFor("dataCategory"))
        .isTrue();
    assertThat(
            rejection(
                    () ->
                        AuditEvent.builder(tenant, AuditCategory.AUDIT)
                            .actor("a")
                            .action("b")
                            .securityKind(SecurityEventKind.KEY_MISUSE)
                            .build())
                .hasErrorFor("securityKind"))
        .isTrue();
  }

  @Test
  void ipAddressMustLookLikeAnAddress() {
    assertThat(rejection(() -> RequestContext.ip("example.com")).hasErrorFor("ipAddress")).isTrue();
    assertThat(RequestContext.ip("203.0.113.9").ipAddress()).isEqualTo("203.0.113.9");
    assertThat(RequestContext.ip("2001:db8::1").ipAddress()).isEqualTo("2001:db8::1");
  }

  @Test
  void securityEventsDefaultToTheirKindsSeverity() {
    AuditEvent event =
        AuditEvent.builder(tenant, AuditCategory.SECURITY)
            .securityKind(SecurityEventKind.KEY_MISUSE)
            .actor("k1", ActorType.API_KEY)
            .action("api.call")
            .build();
    assertThat(event.severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void invalidInputToTheFacadeWritesNothing() {
    assertThatThrownBy(() -> audit.recordFailedLogin(FailedLogin.of(tenant, "bad\u0000name")))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).hasErrorFor("actorId")).isTrue());
    assertThatThrownBy(
            () ->
                audit.record(
                    AuditEvents.apiRequest(tenant, "GET", "/x", 42, Duration.ofMillis(3)).build()))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).hasErrorFor("status")).isTrue());
    List<AuditEvent> withHole = Arrays.asList(AuditTesting.action(tenant, "a", "b"), null);
    // A null element is a programming error, not input data: NPE naming it (see Validation).
    assertThatThrownBy(() -> audit.recordAll(withHole))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("events[1]");
    assertThat(AuditTesting.count(store, tenant)).isZero();
  }

  @Test
  void aQueryForATargetIdNeedsItsType() {
    ValidationException e =
        rejection(() -> AuditQuery.forTenant(tenant).target(null, "inv-7").build());
    assertThat(e.errors()).extracting(error -> error.field()).containsExactly("targetType");
    assertThat(AuditQuery.forTenant(tenant).target("invoice", null).build().targetType())
        .isEqualTo("invoice");
    assertThat(AuditQuery.forTenant(tenant).target("invoice", "inv-7").build().targetId())
        .isEqualTo("inv-7");
  }
}
