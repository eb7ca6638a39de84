package com.techradium.iris.monitor;

import java.util.List;
import java.util.Objects;

/**
 * What {@link IncidentManager#create} takes. The incident starts {@link
 * IncidentStatus#INVESTIGATING} with {@code message} as its first timeline entry.
 *
 * @param title 1 to 200 characters, one line
 * @param impact how bad it is
 * @param components affected component names (may be empty), each 1 to 64 characters
 * @param message the first update, 1 to 5,000 characters
 */
public record NewIncident(
    String title, IncidentImpact impact, List<String> components, String message) {
  /**
   * Creates a {@code NewIncident}, checking its components and copying its collections.
   *
   * @param title 1 to 200 characters, one line
   * @param impact how bad it is
   * @param components affected component names (may be empty), each 1 to 64 characters
   * @param message the first update, 1 to 5,000 characters
   */
  public NewIncident {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(impact, "impact");
    Objects.requireNonNull(message, "message");
    components = List.copyOf(components);
  }
}
