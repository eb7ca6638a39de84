package com.techradium.iris.job;

import com.techradium.iris.job.spi.ClaimRequest;
import com.techradium.iris.job.spi.JobStore;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link JobStore} passing every call to another store while counting the calls that record
 * outcomes and read queues, keeping every claim request, and able to hold {@link
 * JobStore#finishAll} calls until a test lets them through.
 */
final class WatchedJobStore implements InvocationHandler {
  private final JobStore delegate;
  private final JobStore proxy;
  final List<Integer> finishAllSizes = Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger finishCalls = new AtomicInteger();
  final AtomicInteger releaseCalls = new AtomicInteger();
  final AtomicInteger listQueuesCalls = new AtomicInteger();
  final List<ClaimRequest> claims = Collections.synchronizedList(new ArrayList<>());
  private volatile CountDownLatch gate = new CountDownLatch(0);

  WatchedJobStore(JobStore delegate) {
    this.delegate = delegate;
    this.proxy =
        (JobStore)
            Proxy.newProxyInstance(
                JobStore.class.getClassLoader(), new Class<?>[] {JobStore.class}, this);
  }

  JobStore store() {
    return proxy;
  }

  /** Makes {@code finishAll} calls wait (after counting them) until {@link #open()}. */
  void hold() {
    gate = new CountDownLatch(1);
  }

  void open() {
    gate.countDown();
  }

  /** How many claims named {@code queue} so far. */
  long claimsOf(String queue) {
    synchronized (claims) {
      return claims.stream().filter(c -> c.queues().contains(queue)).count();
    }
  }

  @Override
  public Object invoke(Object self, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "finishAll" -> {
        finishAllSizes.add(((List<?>) args[0]).size());
        if (!gate.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("finishAll held too long");
        }
      }
      case "finish" -> finishCalls.incrementAndGet();
      case "release" -> releaseCalls.incrementAndGet();
      case "listQueues" -> listQueuesCalls.incrementAndGet();
      case "claim" -> claims.add((ClaimRequest) args[0]);
      default -> {}
    }
    try {
      return method.invoke(delegate, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
