package com.techradium.iris.webhook;

import com.techradium.iris.core.IrisException;

/**
 * A received webhook failed verification: a header is missing, the timestamp is outside the
 * tolerance, or no signature matches. The message says which, never a secret or a signature.
 */
public class WebhookVerificationException extends IrisException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with {@code message}.
   *
   * @param message why verification failed
   */
  public WebhookVerificationException(String message) {
    super(message);
  }
}
