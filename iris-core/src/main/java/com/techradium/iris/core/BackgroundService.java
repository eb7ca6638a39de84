package com.techradium.iris.core;

import java.time.Duration;

/**
 * A piece of background work (a batching writer, a job worker, a scheduler) that lives on an {@link
 * IrisRuntime}: started when the runtime starts, stopped when it closes. Register it with {@link
 * IrisRuntime#register(BackgroundService)}.
 */
public interface BackgroundService {
  /** A short name for logs and thread names, e.g. {@code "audit-writer"}. */
  String name();

  /** Starts the work, using the runtime's executors. Called once. */
  void start(IrisRuntime runtime);

  /**
   * Stops taking new work and finishes what is in flight, returning within {@code timeout}. Work
   * that could not finish must be left recoverable (released, re-queued), never lost.
   */
  void stop(Duration timeout);
}
