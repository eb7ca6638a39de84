package com.techradium.iris.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.audit.memory.InMemoryAuditStore;
import com.techradium.iris.core.InMemoryTenantDirectory;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.testkit.MutableClock;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operation that takes a tenant, read or write, rejects a tenant the directory does not know
 * before it reads or writes anything. The unknown tenant has events and a checkpoint (written by a
 * log without a directory), so a read that skipped the check would return them.
 */
class AuditTenantCheckTest {
  private static final PageRequest PAGE = PageRequest.first();
  private static final Accessor AUDITOR = AuditTesting.AUDITOR;

  private final MutableClock clock = MutableClock.startingAtEpochOf2026();
  private final InMemoryAuditStore store = new InMemoryAuditStore();
  private final TenantId known = AuditTesting.newTenant();
  private final TenantId stranger = AuditTesting.newTenant();
  private final IrisRuntime runtime = IrisRuntime.builder().name("audit-tenants").build();
  private final StringWriter exported = new StringWriter();
  private AuditLog guarded;

  @BeforeEach
  void setUp() {
    AuditLog unguarded = AuditTesting.auditLog(store, clock).build();
    unguarded.record(AuditTesting.action(stranger, "a", "x"));
    unguarded.recordFailedLogin(FailedLogin.of(stranger, "a"));
    unguarded.checkpoint(stranger);

    InMemoryTenantDirectory directory = new InMemoryTenantDirectory();
    directory.register(known, "Known Co", clock.instant());
    guarded = AuditTesting.auditLog(store, clock).tenants(directory).runtime(runtime).build();
    runtime.start();
  }

  @AfterEach
  void closeRuntime() {
    runtime.close();
  }

  static Stream<Arguments> operations() {
    return Stream.of(
        op("record", t -> t.guarded.record(AuditTesting.action(t.stranger, "a", "x"))),
        op(
            "recordAll",
            t ->
                t.guarded.recordAll(
                    List.of(
                        AuditTesting.action(t.known, "a", "x"),
                        AuditTesting.action(t.stranger, "a", "x")))),
        op("enqueue", t -> t.guarded.enqueue(AuditTesting.action(t.stranger, "a", "x"))),
        op(
            "enqueueOrRecord",
            t -> t.guarded.enqueueOrRecord(AuditTesting.action(t.stranger, "a", "x"))),
        op("recordFailedLogin", t -> t.guarded.recordFailedLogin(FailedLogin.of(t.stranger, "a"))),
        op("query", t -> t.guarded.query(AuditQuery.forTenant(t.stranger).build(), PAGE, AUDITOR)),
        op("userActivity", t -> t.guarded.userActivity(t.stranger, "a", null, PAGE, AUDITOR)),
        op("failedLogins", t -> t.guarded.failedLogins(t.stranger, null, PAGE, AUDITOR)),
        op(
            "sensitiveAccess",
            t -> t.guarded.sensitiveAccess(t.stranger, null, null, PAGE, AUDITOR)),
        op("adminActivity", t -> t.guarded.adminActivity(t.stranger, null, PAGE, AUDITOR)),
        op("securityEvents", t -> t.guarded.securityEvents(t.stranger, null, null, PAGE, AUDITOR)),
        op(
            "exportJsonLines",
            t ->
                t.guarded.exportJsonLines(
                    AuditQuery.forTenant(t.stranger).build(), AUDITOR, t.exported)),
        op(
            "exportCsv",
            t ->
                t.guarded.exportCsv(AuditQuery.forTenant(t.stranger).build(), AUDITOR, t.exported)),
        op("verify", t -> t.guarded.verify(t.stranger)),
        op("verify range", t -> t.guarded.verify(t.stranger, null, t.clock.instant())),
        op("checkpoint", t -> t.guarded.checkpoint(t.stranger)),
        op("checkpoints", t -> t.guarded.checkpoints(t.stranger, AuditCategory.AUDIT, 0, 10)),
        op("placeLegalHold", t -> t.guarded.placeLegalHold(t.stranger, AUDITOR, "case")),
        op("releaseLegalHold", t -> t.guarded.releaseLegalHold(t.stranger, AUDITOR, "case")),
        op("hasLegalHold", t -> t.guarded.hasLegalHold(t.stranger)));
  }

  private static Arguments op(String name, Consumer<AuditTenantCheckTest> operation) {
    return Arguments.of(Named.of(name, operation));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void anUnknownTenantIsRejectedAndNothingIsWritten(Consumer<AuditTenantCheckTest> operation) {
    List<Object> before = snapshot();
    clock.advance(Duration.ofSeconds(1));

    assertThatThrownBy(() -> operation.accept(this))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).hasErrorFor("tenantId")).isTrue());

    assertThat(guarded.pendingEvents()).isZero();
    assertThat(snapshot()).isEqualTo(before);
    assertThat(exported.toString()).isEmpty();
  }

  /** Everything the store holds for both tenants. */
  private List<Object> snapshot() {
    List<Object> state = new ArrayList<>();
    for (TenantId tenant : List.of(known, stranger)) {
      for (AuditCategory category : AuditCategory.values()) {
        state.add(AuditTesting.chain(store, tenant, category));
        state.add(store.checkpoints(tenant, category, 0, 100));
      }
      state.add(store.hasLegalHold(tenant));
    }
    return state;
  }

  @Test
  void aBatchNamesTheEventOfTheUnknownTenantAndStoresNoneOfIt() {
    assertThatThrownBy(
            () ->
                guarded.recordAll(
                    List.of(
                        AuditTesting.action(known, "a", "x"),
                        AuditTesting.action(stranger, "b", "x"))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("events[1]");

    assertThat(AuditTesting.count(store, known)).isZero();
    assertThat(guarded.record(AuditTesting.action(known, "a", "x")).sequence()).isEqualTo(1);
    assertThat(guarded.hasLegalHold(known)).isFalse();
  }
}
