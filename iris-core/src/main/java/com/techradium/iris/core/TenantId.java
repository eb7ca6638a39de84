package com.techradium.iris.core;

/**
 * Identifies the tenant that owns a piece of data. Every IRIS operation is scoped by one, and no
 * query crosses tenants.
 *
 * <p>A tenant id is 1 to 64 characters of ASCII letters, digits, {@code '-'}, {@code '_'} and
 * {@code '.'}, starting with a letter or digit. That keeps it safe inside SQL values, Redis key
 * hash tags, file names and log lines without escaping.
 *
 * @param value the id text: 1 to 64 characters of the set above
 */
public record TenantId(String value) implements Comparable<TenantId> {
  /** The longest tenant id accepted. */
  public static final int MAX_LENGTH = 64;

  /**
   * Creates a {@code TenantId}, checking its components.
   *
   * @param value the id text: 1 to 64 characters of the set above
   * @throws ValidationException if a component is invalid, naming each offending field
   */
  public TenantId {
    if (value == null) {
      throw new ValidationException("tenantId", "must not be null");
    }
    if (!wellFormed(value)) {
      throw new ValidationException(
          "tenantId",
          "must be 1-"
              + MAX_LENGTH
              + " characters of letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
  }

  /**
   * Whether {@code value} is 1 to {@value #MAX_LENGTH} characters of ASCII letters, digits, '.',
   * '_' and '-', the first a letter or digit: the pattern {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}},
   * checked without a regular expression, as every row read makes a tenant id.
   */
  private static boolean wellFormed(String value) {
    int length = value.length();
    if (length == 0 || length > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      boolean alphanumeric =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alphanumeric && (i == 0 || (c != '.' && c != '_' && c != '-'))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Shorthand for {@code new TenantId(value)}.
   *
   * @param value the id text
   * @return the tenant id
   * @throws ValidationException on field {@code tenantId} if the text is not a valid tenant id
   */
  public static TenantId of(String value) {
    return new TenantId(value);
  }

  @Override
  public int compareTo(TenantId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
