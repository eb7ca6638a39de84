package com.techradium.iris.benchmarks.job;

import com.techradium.iris.jdbc.job.JdbcJobStore;
import com.techradium.iris.job.Job;
import com.techradium.iris.job.spi.ClaimRequest;
import com.techradium.iris.job.spi.JobFinish;
import com.techradium.iris.job.spi.JobOutcome;
import com.techradium.iris.job.spi.JobSignal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A minimal worker pool over {@link JdbcJobStore}, as a host or the facade's worker runs it: each
 * thread claims a batch, runs the handler on each job and completes the batch in one {@code
 * finishAll}; an idle thread sleeps until a {@code LISTEN/NOTIFY} signal or its polling interval.
 */
final class IrisWorkers implements AutoCloseable {
  private static final Duration LEASE = Duration.ofMinutes(1);

  private final JdbcJobStore store;
  private final String queue;
  private final int claimBatch;
  private final long pollMillis;
  private final Consumer<Job> handler;
  private final Semaphore wake = new Semaphore(0);
  private final List<Thread> threads = new ArrayList<>();
  private final JobSignal.Subscription subscription;
  private volatile boolean running = true;

  IrisWorkers(
      JdbcJobStore store,
      String queue,
      int threadCount,
      int claimBatch,
      Duration poll,
      Consumer<Job> handler) {
    this.store = store;
    this.queue = queue;
    this.claimBatch = claimBatch;
    this.pollMillis = poll.toMillis();
    this.handler = handler;
    this.subscription =
        store
            .signals()
            .orElseThrow()
            .subscribe(
                q -> {
                  if (q.equals(queue)) {
                    wake.release(threadCount);
                  }
                });
    for (int i = 0; i < threadCount; i++) {
      String owner = "bench-worker-" + i;
      Thread t = new Thread(() -> work(owner), owner);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  private static Instant now() {
    return Instant.ofEpochMilli(System.currentTimeMillis());
  }

  private void work(String owner) {
    ClaimRequest request = ClaimRequest.of(queue, claimBatch, owner, LEASE);
    while (running) {
      List<Job> claimed = store.claim(request, now());
      if (claimed.isEmpty()) {
        try {
          wake.tryAcquire(pollMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          return;
        }
        continue;
      }
      List<JobFinish> done = new ArrayList<>(claimed.size());
      for (Job job : claimed) {
        handler.accept(job);
        done.add(new JobFinish(job.leaseRef(), new JobOutcome.Completed(null)));
      }
      store.finishAll(done, now());
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    subscription.close();
    wake.release(threads.size());
    for (Thread t : threads) {
      t.join(10_000);
    }
  }
}
