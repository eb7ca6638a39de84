package com.techradium.iris.core;

/**
 * The request is well formed but clashes with the current state: a duplicate key with other
 * content, an update to an entity in a state that forbids it, a concurrent modification.
 */
public class ConflictException extends IrisException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what conflicts with what, for example the existing value
   */
  public ConflictException(String message) {
    super(message);
  }
}
