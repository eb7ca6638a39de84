package com.techradium.iris.core;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception IRIS throws on purpose. Unchecked: callers catch the subtype they can act
 * on ({@link ValidationException}, {@link NotFoundException}, {@link ConflictException}, {@link
 * StorageException}, ...) and let the rest propagate.
 */
public class IrisException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception without a cause.
   *
   * @param message what went wrong
   */
  public IrisException(String message) {
    super(message);
  }

  /**
   * Creates an exception with its cause.
   *
   * @param message what went wrong
   * @param cause the underlying failure, or null
   */
  public IrisException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
