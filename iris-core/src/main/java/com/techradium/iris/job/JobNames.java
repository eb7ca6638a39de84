package com.techradium.iris.job;

import com.techradium.iris.core.Validation;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Formats of the names the job package accepts; shared by its records and the facade. */
final class JobNames {
  /** Queue and schedule names: lower-case letters, digits, '.', '_', '-', 1-64 characters. */
  static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  /** Job types (handler names): letters, digits, '.', '_', '-', ':', 1-128 characters. */
  static final Pattern TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  /** The longest idempotency key accepted. */
  static final int MAX_KEY = 200;

  /** The longest error text kept; longer texts are cut by the facade. */
  static final int MAX_ERROR = 4000;

  private JobNames() {}

  static Validation name(Validation v, String field, @Nullable String value) {
    return v.check(
        value != null && NAME.matcher(value).matches(),
        field,
        "must be 1-64 characters of lower-case letters, digits, '.', '_' or '-'");
  }

  static Validation type(Validation v, String field, @Nullable String value) {
    return v.check(
        value != null && TYPE.matcher(value).matches(),
        field,
        "must be 1-128 characters of letters, digits, '.', '_', ':' or '-'");
  }
}
