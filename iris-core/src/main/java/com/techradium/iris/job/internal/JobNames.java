package com.techradium.iris.job.internal;

import com.techradium.iris.core.Validation;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Formats of the names the job packages accept; shared by the records, the facade and the store
 * port.
 */
public final class JobNames {
  /** Queue and schedule names: lower-case letters, digits, '.', '_', '-', 1-64 characters. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  /** Job types (handler names): letters, digits, '.', '_', '-', ':', 1-128 characters. */
  public static final Pattern TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  /** The longest idempotency key accepted. */
  public static final int MAX_KEY = 200;

  /** The longest error text kept; longer texts are cut by the facade. */
  public static final int MAX_ERROR = 4000;

  private JobNames() {}

  public static Validation name(Validation v, String field, @Nullable String value) {
    return v.check(
        value != null && NAME.matcher(value).matches(),
        field,
        "must be 1-64 characters of lower-case letters, digits, '.', '_' or '-'");
  }

  public static Validation type(Validation v, String field, @Nullable String value) {
    return v.check(
        value != null && TYPE.matcher(value).matches(),
        field,
        "must be 1-128 characters of letters, digits, '.', '_', ':' or '-'");
  }
}
