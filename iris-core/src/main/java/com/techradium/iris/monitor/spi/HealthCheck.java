package com.techradium.iris.monitor.spi;

import java.time.Duration;

/**
 * Checks one component: a database, a cache, an HTTP endpoint, a TCP port, anything the host
 * depends on. Built-in checks are in {@link com.techradium.iris.monitor.HealthChecks}; a host
 * writes its own as a lambda:
 *
 * <pre>{@code
 * HealthCheck queue = timeout -> broker.ping(timeout) ? CheckVerdict.up() : CheckVerdict.down("no pong");
 * }</pre>
 *
 * <p>The monitor runs each check on a bounded executor of its own, never on the caller's thread
 * when it has a runtime, and records the run as {@link
 * com.techradium.iris.monitor.CheckOutcome#DOWN} with the reason if it throws or does not return
 * within {@code timeout}; it then interrupts the run. A check should honour {@code timeout} itself
 * (socket and query timeouts) so that it frees its thread: a check that ignores both the timeout
 * and interruption keeps one executor thread until it returns, and the monitor starts no second run
 * of that component meanwhile. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface HealthCheck {
  /**
   * Runs the check once.
   *
   * @param timeout how long the run may take
   * @return what it found
   * @throws Exception any failure, recorded as {@code DOWN} with its message
   */
  CheckVerdict check(Duration timeout) throws Exception;
}
