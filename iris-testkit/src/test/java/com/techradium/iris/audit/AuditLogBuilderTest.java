package com.techradium.iris.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.audit.memory.InMemoryAuditStore;
import com.techradium.iris.audit.spi.AuditStore;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.TenantDirectory;
import com.techradium.iris.testkit.MutableClock;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuditLogBuilderTest {
  private static final InMemoryAuditStore STORE = new InMemoryAuditStore();
  private static final IrisRuntime RUNTIME = IrisRuntime.builder().name("never-started").build();

  static Stream<Arguments> parts() {
    return Stream.of(
        part("store", b -> b.store(STORE)),
        part("clock", b -> b.clock(MutableClock.startingAtEpochOf2026())),
        part("signer", b -> b.signer(AuditTesting.SIGNER)),
        part("checkpointEvery", b -> b.checkpointEvery(100)),
        part("runtime", b -> b.runtime(RUNTIME)),
        part("asyncWriter", b -> b.asyncWriter(AsyncWriterSettings.defaults())),
        part("retention", b -> b.retention(RetentionPolicy.defaults())),
        part("bruteForceRules", b -> b.bruteForceRules(BruteForceRule.defaults())),
        part("tenants", b -> b.tenants(TenantDirectory.acceptingAll())),
        part("listener", b -> b.listener(AuditListener.NONE)),
        part("cleanupBatchSize", b -> b.cleanupBatchSize(10)));
  }

  private static Arguments part(String name, UnaryOperator<AuditLogBuilder> setter) {
    return Arguments.of(name, Named.of(name, setter));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parts")
  void eachPartCanBeSetOnce(String name, UnaryOperator<AuditLogBuilder> setter) {
    AuditLogBuilder builder = setter.apply(AuditLog.builder());

    assertThatThrownBy(() -> setter.apply(builder))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(name + " was already set");
  }

  @Test
  void numbersOutOfRangeAreRefusedWithTheSharedWording() {
    assertThatThrownBy(() -> AuditLog.builder().checkpointEvery(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("checkpointEvery must be between 0 and 1000000000, got -1");
    assertThatThrownBy(
            () -> AuditLog.builder().checkpointEvery(AuditLogBuilder.MAX_CHECKPOINT_INTERVAL + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("checkpointEvery must be between");
    assertThatThrownBy(() -> AuditLog.builder().cleanupBatchSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cleanupBatchSize must be between 1 and 100000, got 0");
    assertThatThrownBy(() -> AuditLog.builder().cleanupBatchSize(100_001))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cleanupBatchSize must be between 1 and 100000, got 100001");
  }

  @Test
  void aRefusedValueLeavesThePartUnset() {
    AuditLogBuilder builder = AuditLog.builder();
    assertThatThrownBy(() -> builder.cleanupBatchSize(0))
        .isInstanceOf(IllegalArgumentException.class);
    builder.cleanupBatchSize(5);
  }

  @Test
  void nullPartsAreRefusedByName() {
    assertThatThrownBy(() -> AuditLog.builder().store(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("store");
    assertThatThrownBy(() -> AuditLog.builder().clock(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("clock");
    assertThatThrownBy(() -> AuditLog.builder().bruteForceRules(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("bruteForceRules");
  }

  @Test
  void twoBruteForceRulesOfOneScopeAndWindowAreRefused() {
    BruteForceRule rule =
        new BruteForceRule(BruteForceRule.Scope.ACCOUNT, 3, Duration.ofMinutes(1));
    BruteForceRule twin =
        new BruteForceRule(BruteForceRule.Scope.ACCOUNT, 9, Duration.ofMinutes(1));

    assertThatThrownBy(() -> AuditLog.builder().bruteForceRules(List.of(rule, twin)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("brute-force rule brute_force.account.PT1M was already set");
  }

  @Test
  void buildNeedsAStore() {
    assertThatThrownBy(() -> AuditLog.builder().signer(AuditTesting.SIGNER).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("store");
  }

  @Test
  void buildChecksThePartsTogether() {
    assertThatThrownBy(() -> AuditLog.builder().store(STORE).checkpointEvery(10).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("signer");
    assertThatThrownBy(
            () ->
                AuditLog.builder().store(STORE).asyncWriter(AsyncWriterSettings.defaults()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("runtime");
    assertThat(AuditLog.builder().store(STORE).checkpointEvery(0).build().signsCheckpoints())
        .isFalse();
  }

  @Test
  void buildTouchesNoStoreAndStartsNothing() {
    List<String> calls = new CopyOnWriteArrayList<>();
    AuditStore untouched =
        (AuditStore)
            Proxy.newProxyInstance(
                AuditStore.class.getClassLoader(),
                new Class<?>[] {AuditStore.class},
                (proxy, method, args) -> {
                  calls.add(method.getName());
                  throw new AssertionError("the builder called the store: " + method.getName());
                });
    try (IrisRuntime runtime = IrisRuntime.builder().name("audit-build").build()) {
      AuditLog audit =
          AuditLog.builder()
              .store(untouched)
              .signer(AuditTesting.SIGNER)
              .runtime(runtime)
              .tenants(TenantDirectory.acceptingAll())
              .build();

      assertThat(calls).isEmpty();
      assertThat(runtime.isRunning()).isFalse();
      assertThat(audit.pendingEvents()).isZero();
    }
  }
}
