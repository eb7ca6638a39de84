package com.techradium.iris.audit;

/** What {@link AuditLog#enqueue} does when the asynchronous writer's buffer is full. */
public enum FullBufferPolicy {
  /**
   * Wait for room up to {@link AsyncWriterSettings#blockTimeout()}, then throw {@link
   * AuditBufferFullException}.
   */
  BLOCK,
  /** Throw {@link AuditBufferFullException} at once. */
  REJECT
}
