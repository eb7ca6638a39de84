package com.techradium.iris.core;

/**
 * Data being read failed its integrity check: it was altered, truncated, reordered, extended, or
 * belongs to another tenant or record than the one asked for. Nothing that failed the check is
 * returned. Retrying does not help; the stored data must be investigated or restored.
 */
public class TamperedDataException extends IrisException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed the integrity check
   */
  public TamperedDataException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what failed the integrity check
   * @param cause the underlying failure, for example an {@code AEADBadTagException}
   */
  public TamperedDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
