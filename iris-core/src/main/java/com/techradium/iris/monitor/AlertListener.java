package com.techradium.iris.monitor;

/**
 * Receives alert events. Called on the thread that evaluated the rules; must be quick (hand slow
 * work such as notifications to the job queue). A listener that throws is logged and does not stop
 * the others.
 */
@FunctionalInterface
public interface AlertListener {
  /**
   * A rule fired or resolved.
   *
   * @param event the rule, whether it fired or resolved, and the value seen
   */
  void onAlert(AlertEvent event);
}
