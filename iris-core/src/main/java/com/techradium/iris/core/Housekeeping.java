package com.techradium.iris.core;

import com.techradium.iris.core.internal.BuilderChecks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The recurring chores the facades of one {@link IrisContext} declare: each facade {@linkplain
 * #register registers} its own (the job queue its cleanup, the audit log its retention), and the
 * job queue {@linkplain #runWith runs} them all as cron schedules. No assembly code holds a
 * facade's chores.
 *
 * <p>Chores declared before the runner is attached are handed to it when it attaches; chores
 * declared after are handed to it at once. Without a job queue on the context, chores are declared
 * and never run: the host then calls the facades' cleanup operations itself. Thread-safe.
 */
public final class Housekeeping {
  private final Map<String, HousekeepingTask> tasks = new LinkedHashMap<>();
  private final List<Consumer<HousekeepingTask>> runners = new ArrayList<>();

  /** A registry with no chores. */
  public Housekeeping() {}

  /**
   * Declares a chore.
   *
   * @param task the chore, with its name and schedule
   * @throws IllegalStateException if a chore of that name was declared already
   */
  public void register(HousekeepingTask task) {
    Objects.requireNonNull(task, "task");
    List<Consumer<HousekeepingTask>> current;
    synchronized (this) {
      if (tasks.putIfAbsent(task.name(), task) != null) {
        throw BuilderChecks.duplicate("housekeeping task", task.name());
      }
      current = List.copyOf(runners);
    }
    current.forEach(runner -> runner.accept(task));
  }

  /**
   * Attaches a runner: it receives every chore declared so far, then each one declared later. The
   * job queue attaches itself when it starts.
   *
   * @param runner the callback that schedules each chore
   */
  public void runWith(Consumer<HousekeepingTask> runner) {
    Objects.requireNonNull(runner, "runner");
    List<HousekeepingTask> declared;
    synchronized (this) {
      runners.add(runner);
      declared = List.copyOf(tasks.values());
    }
    declared.forEach(runner);
  }

  /**
   * The chores declared so far, in declaration order.
   *
   * @return an immutable snapshot of the chores
   */
  public synchronized List<HousekeepingTask> tasks() {
    return List.copyOf(tasks.values());
  }
}
