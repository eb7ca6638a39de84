package com.techradium.iris.core;

/**
 * Data being read failed its integrity check: it was altered, truncated, reordered, extended, or
 * belongs to another tenant or record than the one asked for. Nothing that failed the check is
 * returned. Retrying does not help; the stored data must be investigated or restored.
 */
public class TamperedDataException extends IrisException {
  private static final long serialVersionUID = 1L;

  public TamperedDataException(String message) {
    super(message);
  }

  public TamperedDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
