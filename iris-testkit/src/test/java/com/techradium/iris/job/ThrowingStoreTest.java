package com.techradium.iris.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.core.StorageException;
import com.techradium.iris.job.memory.InMemoryJobStore;
import com.techradium.iris.job.spi.JobStore;
import com.techradium.iris.testkit.job.WorkerUnderFaults;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A store whose calls fail while a fault lasts: claims, renewals, outcome writes and sweeps throw
 * {@link StorageException}s. The worker survives, and once the store answers again every job
 * completes.
 */
class ThrowingStoreTest {

  @Test
  void theWorkerSurvivesAStoreThatThrowsAndEveryJobCompletesAfterwards() throws Exception {
    InMemoryJobStore store = new InMemoryJobStore();
    AtomicBoolean failing = new AtomicBoolean();
    AtomicLong failures = new AtomicLong();
    AtomicLong calls = new AtomicLong();
    JobStore throwing =
        (JobStore)
            Proxy.newProxyInstance(
                JobStore.class.getClassLoader(),
                new Class<?>[] {JobStore.class},
                (proxy, method, args) -> {
                  // Every other call fails while the fault lasts, so work both moves and breaks.
                  if (failing.get() && calls.incrementAndGet() % 2 == 0) {
                    failures.incrementAndGet();
                    throw new StorageException(
                        method.getName() + " failed", new java.io.IOException("connection reset"));
                  }
                  try {
                    return method.invoke(store, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });

    WorkerUnderFaults.Result result =
        WorkerUnderFaults.run(
            store,
            throwing,
            400,
            () -> failing.set(!failing.get()),
            () -> failing.set(false),
            Duration.ofSeconds(3));

    assertThat(failures.get()).isPositive();
    assertThat(result.completed()).as("%s", result).isEqualTo(400);
    assertThat(result.ran()).isEqualTo(400);
  }
}
