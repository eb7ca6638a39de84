package com.techradium.iris.monitor;

import com.techradium.iris.core.Validation;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The input checks the monitor's two facades share. */
final class MonitorChecks {
  static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
  static final int MAX_MESSAGE = 5000;

  private MonitorChecks() {}

  /** A name such as a metric's or a rule's. */
  static Validation name(Validation v, String field, @Nullable String value) {
    return v.check(
        value != null && NAME.matcher(value).matches(), field, "must match " + NAME.pattern());
  }

  /** Text that may span lines (an incident update): no control characters but line breaks. */
  static Validation message(Validation v, String field, @Nullable String value) {
    if (value == null) {
      return v.check(false, field, "is required");
    }
    boolean clean =
        value.chars().allMatch(c -> c == '\n' || c == '\r' || !Character.isISOControl(c));
    return v.check(!value.isBlank(), field, "must not be blank")
        .check(
            value.length() <= MAX_MESSAGE, field, "must be at most " + MAX_MESSAGE + " characters")
        .check(clean, field, "must not contain control characters other than line breaks");
  }

  /** Component names, each known to {@code known}. */
  static Validation components(
      Validation v, String field, List<String> names, java.util.function.Predicate<String> known) {
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      v.check(known.test(name), field + "[" + i + "]", "unknown component " + name);
    }
    return v;
  }

  /** An http(s) URL. */
  static Validation url(Validation v, String field, String value) {
    boolean ok;
    try {
      URI uri = new URI(value);
      ok =
          ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
              && uri.getHost() != null
              && value.length() <= 2000;
    } catch (java.net.URISyntaxException e) {
      ok = false;
    }
    return v.check(ok, field, "must be an http or https URL of at most 2000 characters");
  }
}
