package com.techradium.iris.testkit.monitor;

import com.techradium.iris.monitor.CheckOutcome;
import com.techradium.iris.monitor.CheckResult;
import com.techradium.iris.monitor.ComponentStatus;
import com.techradium.iris.testkit.ContractSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Base of the monitor contract groups: names no other test uses (the stores are deployment-wide, so
 * tests cannot be told apart by tenant) and result fixtures.
 */
public abstract class MonitorContractSupport extends ContractSupport<MonitorStores> {
  private static final AtomicLong NAMES = new AtomicLong();
  private static final String RUN = Long.toString(System.nanoTime() & 0xFFFFFF, 36);

  /** Constructor for the contract groups, which extend this class. */
  public MonitorContractSupport() {}

  /**
   * A name unique to this JVM run, e.g. {@code db-k3x9-12}.
   *
   * @param prefix what the name starts with, such as {@code db}
   * @return the prefix, this run's id and a counter, joined by {@code -}
   */
  protected static String uniqueName(String prefix) {
    return prefix + "-" + RUN + "-" + NAMES.incrementAndGet();
  }

  /**
   * A result of {@code component} at {@code at}, with a 12 ms latency and a detail naming the time.
   *
   * @param component the component's name
   * @param at when the check ran
   * @param outcome what the check found
   * @param status the component's status after the check
   * @return the result
   */
  protected static CheckResult result(
      String component, Instant at, CheckOutcome outcome, ComponentStatus status) {
    return new CheckResult(component, at, outcome, status, Duration.ofMillis(12), "detail " + at);
  }

  /**
   * An up, operational result.
   *
   * @param component the component's name
   * @param at when the check ran
   * @return the result, as {@link #result} makes it
   */
  protected static CheckResult up(String component, Instant at) {
    return result(component, at, CheckOutcome.UP, ComponentStatus.OPERATIONAL);
  }
}
