package com.techradium.iris.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.audit.memory.InMemoryAuditStore;
import com.techradium.iris.audit.spi.NewAuditRecord;
import com.techradium.iris.core.IrisRuntime;
import com.techradium.iris.core.StorageException;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AsyncWriterTest {
  private final MutableClock clock = MutableClock.startingAtEpochOf2026();
  private final InMemoryAuditStore memory = new InMemoryAuditStore();
  private final FailingAuditStore store = new FailingAuditStore(memory);
  private final TenantId tenant = AuditTesting.newTenant();
  private final IrisRuntime runtime =
      IrisRuntime.builder().name("audit-test").shutdownTimeout(Duration.ofSeconds(10)).build();

  @AfterEach
  void closeRuntime() {
    runtime.close();
  }

  private AuditLogBuilder builder(AsyncWriterSettings settings) {
    return AuditLog.builder().store(store).clock(clock).runtime(runtime).asyncWriter(settings);
  }

  private AuditEvent event(int i) {
    return AuditTesting.action(tenant, "user-" + i, "page.view");
  }

  @Test
  void rejectPolicyRefusesEventsWhenTheBufferIsFullAndKeepsTheAcceptedOnes() {
    AuditLog audit =
        builder(
                AsyncWriterSettings.defaults()
                    .withCapacity(2, 1)
                    .whenFull(FullBufferPolicy.REJECT, Duration.ofSeconds(1)))
            .build();
    audit.enqueue(event(1));
    audit.enqueue(event(2));

    assertThatThrownBy(() -> audit.enqueue(event(3))).isInstanceOf(AuditBufferFullException.class);

    runtime.start();
    audit.flush();
    assertThat(AuditTesting.chain(memory, tenant, AuditCategory.AUDIT))
        .extracting(r -> r.event().actorId())
        .containsExactly("user-1", "user-2");
  }

  @Test
  void blockPolicyWaitsForRoomThenRefuses() {
    AuditLog audit =
        builder(
                AsyncWriterSettings.defaults()
                    .withCapacity(1, 1)
                    .whenFull(FullBufferPolicy.BLOCK, Duration.ofMillis(50)))
            .build();
    audit.enqueue(event(1));

    assertThatThrownBy(() -> audit.enqueue(event(2)))
        .isInstanceOf(AuditBufferFullException.class)
        .hasMessageContaining("waited");
    assertThat(audit.pendingEvents()).isEqualTo(1);
  }

  @Test
  void enqueueOrRecordRecordsSynchronouslyUntilTheWriterRunsThenEnqueues() {
    AuditLog audit = builder(AsyncWriterSettings.defaults()).build();
    store.failAppends(1);
    assertThatThrownBy(() -> audit.enqueueOrRecord(event(1)))
        .isInstanceOf(StorageException.class); // synchronous: the caller sees the failure
    audit.enqueueOrRecord(event(2));
    assertThat(AuditTesting.count(memory, tenant)).isEqualTo(1);
    assertThat(audit.pendingEvents()).isZero();

    runtime.start();
    store.failAppends(Integer.MAX_VALUE);
    audit.enqueueOrRecord(event(3)); // buffered: the failed write is retried, not thrown
    assertThat(audit.pendingEvents()).isEqualTo(1);
    store.failAppends(0);
    awaitFlushed(audit);

    assertThat(AuditTesting.chain(memory, tenant, AuditCategory.AUDIT))
        .extracting(r -> r.event().actorId())
        .containsExactly("user-2", "user-3");
  }

  @Test
  void flushReturnsOnceEveryEnqueuedEventIsDurable() {
    AuditLog audit = builder(AsyncWriterSettings.defaults().withCapacity(100, 10)).build();
    runtime.start();
    for (int i = 0; i < 1000; i++) {
      audit.enqueue(event(i));
    }

    audit.flush();

    assertThat(AuditTesting.count(memory, tenant)).isEqualTo(1000);
    assertThat(audit.pendingEvents()).isZero();
    assertThat(audit.verify(tenant).valid()).isTrue();
  }

  @Test
  void closingTheRuntimeWritesWhatIsBuffered() {
    AuditLog audit = builder(AsyncWriterSettings.defaults()).build();
    runtime.start();
    for (int i = 0; i < 500; i++) {
      audit.enqueue(event(i));
    }

    runtime.close();

    assertThat(AuditTesting.count(memory, tenant)).isEqualTo(500);
    assertThatThrownBy(() -> audit.enqueue(event(501))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void eventsEnqueuedBeforeTheRuntimeStartedAreWrittenWhenItClosesWithoutStarting() {
    AuditLog audit = builder(AsyncWriterSettings.defaults()).build();
    for (int i = 0; i < 5; i++) {
      audit.enqueue(event(i));
    }

    runtime.close();

    assertThat(AuditTesting.count(memory, tenant)).isEqualTo(5);
  }

  @Test
  void aFailedBatchIsSurfacedAndRetriedNotDropped() {
    AtomicInteger failuresSeen = new AtomicInteger();
    AuditLog audit =
        builder(
                AsyncWriterSettings.defaults()
                    .withCapacity(100, 100)
                    .withMaxRetryBackoff(Duration.ofMillis(100)))
            .listener(
                new AuditListener() {
                  @Override
                  public void onWriteFailed(int events, RuntimeException cause) {
                    failuresSeen.incrementAndGet();
                  }
                })
            .build();
    store.failAppends(Integer.MAX_VALUE);
    for (int i = 0; i < 10; i++) {
      audit.enqueue(event(i));
    }
    runtime.start();

    assertThatThrownBy(audit::flush)
        .isInstanceOf(StorageException.class)
        .hasRootCauseMessage("connection reset");
    assertThat(audit.pendingEvents()).isEqualTo(10);
    store.failAppends(0);
    awaitFlushed(audit);

    assertThat(AuditTesting.count(memory, tenant)).isEqualTo(10);
    assertThat(failuresSeen.get()).isEqualTo(store.failedAppends()).isPositive();
  }

  private static void awaitFlushed(AuditLog audit) {
    for (int attempt = 0; ; attempt++) {
      try {
        audit.flush();
        return;
      } catch (StorageException e) {
        if (attempt > 10) {
          throw e;
        }
      }
    }
  }

  @Test
  void eventsStillUnwrittenAtShutdownAreHandedToTheListener() {
    List<NewAuditRecord> unwritten = new CopyOnWriteArrayList<>();
    IrisRuntime quick =
        IrisRuntime.builder().name("audit-quick").shutdownTimeout(Duration.ofMillis(300)).build();
    AuditLog audit =
        AuditLog.builder()
            .store(store)
            .clock(clock)
            .runtime(quick)
            .asyncWriter(AsyncWriterSettings.defaults().withMaxRetryBackoff(Duration.ofMillis(20)))
            .listener(
                new AuditListener() {
                  @Override
                  public void onEventsNotWritten(
                      List<NewAuditRecord> events, RuntimeException lastFailure) {
                    unwritten.addAll(events);
                  }
                })
            .build();
    store.failAppends(Integer.MAX_VALUE);
    quick.start();
    for (int i = 0; i < 3; i++) {
      audit.enqueue(event(i));
    }

    quick.close();

    assertThat(unwritten)
        .extracting(r -> r.event().actorId())
        .containsExactly("user-0", "user-1", "user-2");
    assertThat(AuditTesting.count(memory, tenant)).isZero();
  }

  @Test
  void enqueueNeedsARuntime() {
    AuditLog audit = AuditLog.builder().store(store).build();
    assertThatThrownBy(() -> audit.enqueue(event(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("runtime");
  }
}
