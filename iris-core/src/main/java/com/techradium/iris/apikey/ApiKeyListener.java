package com.techradium.iris.apikey;

/**
 * The host's hook for key events that need a person: expiry warnings, which notifications and
 * webhooks forward. Called on the thread that runs {@link ApiKeyManager#sendExpiryWarnings()} (the
 * job queue's worker when it runs as a schedule); must be quick. An exception is logged and does
 * not stop the other warnings; the warning counts as delivered.
 */
@FunctionalInterface
public interface ApiKeyListener {
  /** A listener that ignores everything. */
  ApiKeyListener NONE = warning -> {};

  /**
   * A key expires within {@link ExpiryWarning#lead()}.
   *
   * @param warning the key, its expiry and the lead time that was reached
   */
  void onExpiryWarning(ExpiryWarning warning);
}
