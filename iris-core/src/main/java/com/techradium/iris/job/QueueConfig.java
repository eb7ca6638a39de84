package com.techradium.iris.job;

import com.techradium.iris.core.Validation;
import com.techradium.iris.job.internal.JobNames;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of a named queue. Queues are shared by every tenant of a deployment (workers serve
 * all tenants), so queue configuration is not tenant-owned.
 *
 * @param name lower-case letters, digits, '.', '_', '-', 1-64 characters
 * @param concurrency how many of its jobs one worker runs at once, 1-1000
 * @param paused while true, workers claim nothing from it (enqueueing still works)
 * @param defaultPriority priority of jobs enqueued without one, 0-10
 * @param defaultMaxAttempts attempts of jobs enqueued without a limit, 1-1000
 * @param retention how long completed, dead and cancelled jobs are kept, at least one minute
 */
public record QueueConfig(
    String name,
    int concurrency,
    boolean paused,
    int defaultPriority,
    int defaultMaxAttempts,
    Duration retention) {

  /** Default concurrency of a new queue. */
  public static final int DEFAULT_CONCURRENCY = 4;

  /** Default priority of a new queue. */
  public static final int DEFAULT_PRIORITY = 5;

  /** Default attempts of a new queue. */
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  /** Default retention of a new queue: 30 days. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

  /**
   * Creates a {@code QueueConfig}, checking its components.
   *
   * @param name lower-case letters, digits, '.', '_', '-', 1-64 characters
   * @param concurrency how many of its jobs one worker runs at once, 1-1000
   * @param paused while true, workers claim nothing from it (enqueueing still works)
   * @param defaultPriority priority of jobs enqueued without one, 0-10
   * @param defaultMaxAttempts attempts of jobs enqueued without a limit, 1-1000
   * @param retention how long completed, dead and cancelled jobs are kept, at least one minute
   * @throws com.techradium.iris.core.ValidationException if a component is invalid, naming each
   *     offending field
   */
  public QueueConfig {
    Objects.requireNonNull(retention, "retention");
    Validation v = Validation.of();
    JobNames.name(v, "name", name);
    v.range("concurrency", concurrency, 1, 1000);
    v.range("defaultPriority", defaultPriority, JobSpec.MIN_PRIORITY, JobSpec.MAX_PRIORITY);
    v.range("defaultMaxAttempts", defaultMaxAttempts, 1, JobSpec.MAX_ATTEMPTS);
    v.check(
        retention.compareTo(Duration.ofMinutes(1)) >= 0, "retention", "must be at least 1 minute");
    v.throwIfInvalid();
  }

  /**
   * A queue with every default: concurrency 4, priority 5, 5 attempts, 30 days retention.
   *
   * @param name the queue's name
   * @return the configuration
   */
  public static QueueConfig defaults(String name) {
    return new QueueConfig(
        name,
        DEFAULT_CONCURRENCY,
        false,
        DEFAULT_PRIORITY,
        DEFAULT_MAX_ATTEMPTS,
        DEFAULT_RETENTION);
  }

  /**
   * The same queue with another concurrency.
   *
   * @param concurrency how many of its jobs one worker runs at once, 1-1000
   * @return a new configuration
   */
  public QueueConfig withConcurrency(int concurrency) {
    return new QueueConfig(
        name, concurrency, paused, defaultPriority, defaultMaxAttempts, retention);
  }

  /**
   * The same queue, paused or resumed.
   *
   * @param paused true to pause
   * @return a new configuration
   */
  public QueueConfig withPaused(boolean paused) {
    return new QueueConfig(
        name, concurrency, paused, defaultPriority, defaultMaxAttempts, retention);
  }

  /**
   * The same queue with another default priority.
   *
   * @param defaultPriority the priority of jobs enqueued without one, 0 to 10
   * @return a new configuration
   */
  public QueueConfig withDefaultPriority(int defaultPriority) {
    return new QueueConfig(
        name, concurrency, paused, defaultPriority, defaultMaxAttempts, retention);
  }

  /**
   * The same queue with another default attempt limit.
   *
   * @param defaultMaxAttempts the attempt limit of jobs enqueued without one
   * @return a new configuration
   */
  public QueueConfig withDefaultMaxAttempts(int defaultMaxAttempts) {
    return new QueueConfig(
        name, concurrency, paused, defaultPriority, defaultMaxAttempts, retention);
  }

  /**
   * The same queue with another retention.
   *
   * @param retention how long finished jobs are kept
   * @return a new configuration
   */
  public QueueConfig withRetention(Duration retention) {
    return new QueueConfig(
        name, concurrency, paused, defaultPriority, defaultMaxAttempts, retention);
  }
}
