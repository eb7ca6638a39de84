package com.techradium.iris.webhook;

/**
 * Told when the dispatcher disables an endpoint on its own (not when a caller disables one). Runs
 * on the delivering thread: keep it quick. A listener that throws is logged and ignored.
 */
@FunctionalInterface
public interface EndpointDisabledListener {
  /** Does nothing. */
  EndpointDisabledListener NONE = disabled -> {};

  /**
   * Called once per disabling.
   *
   * @param disabled the endpoint, the reason and the time
   */
  void disabled(EndpointDisabled disabled);
}
