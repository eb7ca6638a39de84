package com.techradium.iris.webhook;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Makes concurrent calls of the same store operation share one store call: each caller hands over
 * its input and blocks until its result is there. Whoever finds no call in progress leads: it takes
 * the inputs waiting (its own among them, at most {@code maxBatch}, oldest first), makes one store
 * call for all of them, hands every caller its result, and lets the next waiting caller lead. A
 * lone caller therefore goes straight through with a batch of one; callers arriving while a store
 * call runs go together in the next. No thread of its own, no timer. If the store call throws,
 * every caller of that batch gets the exception. Thread-safe.
 *
 * @param <I> what a caller hands over
 * @param <O> what it gets back
 */
final class GroupCall<I, O> {
  private static final class Entry<I, O> {
    final I input;
    boolean done;
    @Nullable O result;
    @Nullable RuntimeException failure;

    Entry(I input) {
      this.input = input;
    }
  }

  private final int maxBatch;
  private final Function<List<I>, List<O>> call;
  private final Object lock = new Object();
  private final ArrayDeque<Entry<I, O>> waiting = new ArrayDeque<>();
  private boolean leading; // guarded by lock

  /**
   * @param maxBatch the most inputs of one store call
   * @param call the store call: one result per input, in order
   */
  GroupCall(int maxBatch, Function<List<I>, List<O>> call) {
    this.maxBatch = maxBatch;
    this.call = call;
  }

  /** How many inputs wait for a store call (for tests). */
  int waitingCount() {
    synchronized (lock) {
      return waiting.size();
    }
  }

  /** Hands {@code input} over and returns its result once a store call answered it. */
  O call(I input) {
    Entry<I, O> mine = new Entry<>(input);
    boolean interrupted = false;
    try {
      synchronized (lock) {
        waiting.add(mine);
      }
      while (true) {
        List<Entry<I, O>> batch = new ArrayList<>();
        synchronized (lock) {
          while (!mine.done && leading) {
            try {
              lock.wait();
            } catch (InterruptedException e) {
              interrupted = true; // the store call must still be answered
            }
          }
          if (mine.done) {
            if (mine.failure != null) {
              throw mine.failure;
            }
            return mine.result;
          }
          leading = true;
          while (batch.size() < maxBatch && !waiting.isEmpty()) {
            batch.add(waiting.poll());
          }
        }
        answer(batch);
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void answer(List<Entry<I, O>> batch) {
    List<I> inputs = new ArrayList<>(batch.size());
    batch.forEach(e -> inputs.add(e.input));
    List<O> results = null;
    RuntimeException failure = null;
    try {
      results = call.apply(inputs);
      if (results.size() != batch.size()) {
        throw new IllegalStateException(
            "a store call answered " + results.size() + " of " + batch.size() + " inputs");
      }
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      // Even if the call threw an Error: every caller of the batch is answered, another may lead.
      if (failure == null && results == null) {
        failure = new IllegalStateException("the store call failed");
      }
      synchronized (lock) {
        for (int i = 0; i < batch.size(); i++) {
          Entry<I, O> e = batch.get(i);
          e.done = true;
          e.result = failure == null ? results.get(i) : null;
          e.failure = failure;
        }
        leading = false;
        lock.notifyAll();
      }
    }
  }
}
