package com.techradium.iris.audit;

import com.techradium.iris.core.IrisException;

/**
 * The asynchronous audit writer's buffer is full and the event was not accepted: the caller still
 * holds it and decides (record synchronously, fail the request, retry). Events are never dropped
 * silently.
 */
public class AuditBufferFullException extends IrisException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message how full the buffer was and how long the call waited
   */
  public AuditBufferFullException(String message) {
    super(message);
  }
}
