package com.techradium.iris.core;

import java.time.Duration;

/**
 * A piece of background work (a batching writer, a job worker, a scheduler) that lives on an {@link
 * IrisRuntime}: started when the runtime starts, stopped when it closes. Register it with {@link
 * IrisRuntime#register(BackgroundService)}.
 *
 * <p>A service creates no thread of its own: it takes every thread from its runtime, which owns and
 * ends them. Short tasks go to the shared pool ({@link IrisRuntime#submit}, {@link
 * IrisRuntime#scheduleWithFixedDelay}); a loop that lives as long as the service runs on a
 * dedicated thread ({@link IrisRuntime#startThread}); blocking work (handlers, deliveries) runs on
 * a bounded executor of the service's own ({@link IrisRuntime#newExecutor}). No service holds a
 * thread of the shared pool indefinitely.
 */
public interface BackgroundService {
  /**
   * A short name for logs and thread names, e.g. {@code "audit-writer"}.
   *
   * @return the service's name
   */
  String name();

  /**
   * Starts the work on threads from {@code runtime} (see the class comment). Called once, while the
   * runtime is running.
   *
   * @param runtime the running runtime that owns the service's threads
   */
  void start(IrisRuntime runtime);

  /**
   * Stops taking new work and finishes what is in flight, returning within {@code timeout}. Work
   * that could not finish must be left recoverable (released, re-queued), never lost. A loop on a
   * dedicated thread returns; the runtime then joins that thread and shuts down the service's
   * executors.
   *
   * @param timeout the longest time to wait for in-flight work; positive
   */
  void stop(Duration timeout);
}
