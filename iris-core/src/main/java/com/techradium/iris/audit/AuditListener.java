package com.techradium.iris.audit;

import com.techradium.iris.audit.spi.NewAuditRecord;
import java.util.List;

/**
 * Host hooks for what the audit log detects or cannot do. Every method has an empty default;
 * implement the ones you need. Called on the thread that detected the condition (a request thread
 * for brute force, the writer thread for write failures); keep them quick. An exception thrown by a
 * listener is logged and otherwise ignored.
 */
public interface AuditListener {
  /** A listener that does nothing. */
  AuditListener NONE = new AuditListener() {};

  /**
   * A brute-force burst was detected and recorded (once per rule window). Hosts typically lock the
   * account or block the IP.
   *
   * @param detection what was detected, with the recorded security event
   */
  default void onBruteForceDetected(BruteForceDetection detection) {}

  /**
   * A batch of the asynchronous writer failed to be written; the writer keeps it and retries.
   *
   * @param events the size of the batch
   * @param cause the store's failure
   */
  default void onWriteFailed(int events, RuntimeException cause) {}

  /**
   * The asynchronous writer stopped (runtime closing) before these events could be written, after
   * retrying until the shutdown timeout. The host should persist them elsewhere; they are also
   * logged at ERROR level.
   *
   * @param events the events that were not written, in order
   * @param lastFailure the failure of the last attempt
   */
  default void onEventsNotWritten(List<NewAuditRecord> events, RuntimeException lastFailure) {}
}
