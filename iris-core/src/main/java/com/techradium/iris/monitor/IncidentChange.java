package com.techradium.iris.monitor;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A change to an incident; null parts stay as they are. A change with a {@code status} or a {@code
 * message} adds a timeline entry (with the incident's current status if {@code status} is null).
 *
 * @param status the new status: forward only, never out of resolved
 * @param message the timeline entry's text, 1 to 5,000 characters
 * @param impact a new impact
 * @param components a new list of affected components
 * @param postmortemUrl a link to the postmortem, {@code http} or {@code https}, up to 2,000
 *     characters
 */
public record IncidentChange(
    @Nullable IncidentStatus status,
    @Nullable String message,
    @Nullable IncidentImpact impact,
    @Nullable List<String> components,
    @Nullable String postmortemUrl) {
  /**
   * Creates an {@code IncidentChange}, copying its collections.
   *
   * @param status the new status: forward only, never out of resolved
   * @param message the timeline entry's text, 1 to 5,000 characters
   * @param impact a new impact
   * @param components a new list of affected components
   * @param postmortemUrl a link to the postmortem, {@code http} or {@code https}, up to 2,000
   *     characters
   */
  public IncidentChange {
    components = components == null ? null : List.copyOf(components);
  }

  /**
   * A timeline entry moving the incident to {@code status}.
   *
   * @param status the new status
   * @param message the timeline entry's text
   * @return the change
   */
  public static IncidentChange status(IncidentStatus status, String message) {
    return new IncidentChange(status, message, null, null, null);
  }

  /**
   * A timeline entry that keeps the status.
   *
   * @param message the timeline entry's text
   * @return the change
   */
  public static IncidentChange message(String message) {
    return new IncidentChange(null, message, null, null, null);
  }

  /**
   * Links the postmortem; adds no timeline entry.
   *
   * @param url the postmortem's URL
   * @return the change
   */
  public static IncidentChange postmortem(String url) {
    return new IncidentChange(null, null, null, null, url);
  }
}
