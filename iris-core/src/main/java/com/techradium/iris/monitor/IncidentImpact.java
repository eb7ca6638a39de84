package com.techradium.iris.monitor;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How bad an incident is for users, as status pages grade it. */
public enum IncidentImpact {
  /** No visible impact. */
  NONE,
  /** A few users or features affected. */
  MINOR,
  /** Many users affected. */
  MAJOR,
  /** The service is down for most users. */
  CRITICAL;

  /**
   * The JSON name, e.g. {@code major}.
   *
   * @return the JSON name
   */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
