package com.techradium.iris.recording;

import com.techradium.iris.core.IrisException;

/**
 * The master key a recording's data key is wrapped under cannot be used: the tenant has none, it
 * was destroyed (the recording is crypto-shredded), or the key service refused it (disabled, access
 * denied). The message names the key id, never key material.
 */
public class KeyUnavailableException extends IrisException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what key is unavailable, by id
   */
  public KeyUnavailableException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what key is unavailable, by id
   * @param cause the key service's failure
   */
  public KeyUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
