package com.techradium.iris.core;

/**
 * A storage backend (database, Redis, object store) failed. The backend's exception is kept as the
 * cause. Whatever operation raised it took no partial effect where the operation is documented as
 * atomic.
 */
public class StorageException extends IrisException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what IRIS was doing when the backend failed
   * @param cause the backend's exception
   */
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
