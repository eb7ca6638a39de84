package com.techradium.iris.monitor;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where an incident stands. It only moves forward: investigating → identified → monitoring →
 * resolved, steps may be skipped, and a resolved incident is closed.
 */
public enum IncidentStatus {
  /** Something is wrong; the cause is not known yet. */
  INVESTIGATING,
  /** The cause is known; a fix is under way. */
  IDENTIFIED,
  /** A fix is in place and being watched. */
  MONITORING,
  /** Over. */
  RESOLVED;

  /**
   * The JSON name, e.g. {@code investigating}.
   *
   * @return the JSON name
   */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
