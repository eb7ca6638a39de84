package com.techradium.iris.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GroupCallTest {
  @Test
  void callersWaitingWhileACallRunsShareTheNextAndEachGetsItsOwnResult() throws Exception {
    CountDownLatch firstCallStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<List<Integer>> calls = new ArrayList<>();
    GroupCall<Integer, String> group =
        new GroupCall<>(
            3,
            inputs -> {
              synchronized (calls) {
                calls.add(List.copyOf(inputs));
              }
              if (inputs.contains(0)) {
                firstCallStarted.countDown();
                await(release);
              }
              return inputs.stream().map(i -> "r" + i).toList();
            });
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      Future<String> first = threads.submit(() -> group.call(0));
      assertThat(firstCallStarted.await(10, TimeUnit.SECONDS)).isTrue();
      List<Future<String>> others = new ArrayList<>();
      for (int i = 1; i <= 7; i++) {
        int input = i;
        others.add(threads.submit(() -> group.call(input)));
      }
      waitUntilQueued(group, 7);
      release.countDown();

      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("r0");
      for (int i = 1; i <= 7; i++) {
        assertThat(others.get(i - 1).get(10, TimeUnit.SECONDS)).isEqualTo("r" + i);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(calls.get(0)).containsExactly(0);
    assertThat(calls.subList(1, calls.size()))
        .as("the seven waiting callers in batches of at most three")
        .hasSize(3)
        .allSatisfy(batch -> assertThat(batch).hasSizeBetween(1, 3));
  }

  @Test
  void aFailingCallFailsEveryCallerOfItsBatchAndTheNextCallerLeadsAgain() {
    GroupCall<Integer, Integer> group =
        new GroupCall<>(
            4,
            inputs -> {
              if (inputs.contains(13)) {
                throw new IllegalArgumentException("unlucky");
              }
              return inputs;
            });

    assertThatThrownBy(() -> group.call(13)).hasMessage("unlucky");
    assertThat(group.call(7)).isEqualTo(7);
  }

  @Test
  void anErrorInTheCallStillAnswersAndFreesTheGroup() {
    boolean[] fail = {true};
    GroupCall<Integer, Integer> group =
        new GroupCall<>(
            4,
            inputs -> {
              if (fail[0]) {
                fail[0] = false;
                throw new AssertionError("an error, not an exception");
              }
              return inputs;
            });

    assertThatThrownBy(() -> group.call(1)).isInstanceOf(AssertionError.class);
    assertThat(group.call(2)).isEqualTo(2);
  }

  private static void waitUntilQueued(GroupCall<Integer, String> group, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (group.waitingCount() < count && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(group.waitingCount()).isEqualTo(count);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
