package com.techradium.iris.monitor;

import com.techradium.iris.core.internal.IrisJson;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Every component with its status and last result: the operator's view, ready to serve as JSON.
 *
 * @param at when the overview was taken
 * @param status the worst status of all components (operational when there are none)
 * @param components by name
 */
public record HealthOverview(Instant at, ComponentStatus status, List<ComponentHealth> components) {
  /**
   * Creates a {@code HealthOverview}, checking its components and copying its collections.
   *
   * @param at when the overview was taken
   * @param status the worst status of all components (operational when there are none)
   * @param components by name
   */
  public HealthOverview {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(status, "status");
    components = List.copyOf(components);
  }

  /**
   * This overview as a JSON object.
   *
   * @return the JSON text
   */
  public String toJson() {
    return IrisJson.write(this);
  }
}
