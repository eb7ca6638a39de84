package com.techradium.iris.monitor;

import java.util.List;

/**
 * Whether the deployment should take traffic: ready unless a critical component is in major outage.
 * Meant for a load balancer's readiness probe.
 *
 * @param ready true if no critical component is in major outage
 * @param failing the critical components in major outage, by name
 */
public record Readiness(boolean ready, List<String> failing) {
  /**
   * Creates a {@code Readiness}, copying its collections.
   *
   * @param ready true if no critical component is in major outage
   * @param failing the critical components in major outage, by name
   */
  public Readiness {
    failing = List.copyOf(failing);
  }
}
