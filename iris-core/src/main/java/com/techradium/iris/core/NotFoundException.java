package com.techradium.iris.core;

/** The addressed entity does not exist for this tenant (or belongs to another tenant). */
public class NotFoundException extends IrisException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was not found, for example {@code "job 0190... not found"}
   */
  public NotFoundException(String message) {
    super(message);
  }

  /**
   * A message of the form {@code "job 0190... not found"}.
   *
   * @param kind what was looked for, for example {@code "job"}
   * @param id the id that was not found
   * @return the exception, to throw
   */
  public static NotFoundException of(String kind, Object id) {
    return new NotFoundException(kind + " " + id + " not found");
  }
}
