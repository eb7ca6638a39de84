package com.techradium.iris.monitor;

/**
 * How uptime counts each status. Time in {@link ComponentStatus#MAJOR_OUTAGE} is downtime; time in
 * {@link ComponentStatus#PARTIAL_OUTAGE} counts as {@code partialOutageWeight} of downtime, time in
 * {@link ComponentStatus#DEGRADED_PERFORMANCE} as {@code degradedWeight}; operational time is
 * uptime. Time {@link ComponentStatus#UNDER_MAINTENANCE} and time without any result (before the
 * first one, or more than {@code staleAfter} after the latest one) are excluded: they count neither
 * way.
 *
 * @param partialOutageWeight 0 to 1; default 0.3
 * @param degradedWeight 0 to 1; default 0
 * @param staleFactor how many check intervals a result stays valid without a newer one, 1 to 100;
 *     default 3
 */
public record UptimePolicy(double partialOutageWeight, double degradedWeight, int staleFactor) {
  /**
   * Creates an {@code UptimePolicy}, checking its components.
   *
   * @param partialOutageWeight 0 to 1; default 0.3
   * @param degradedWeight 0 to 1; default 0
   * @param staleFactor how many check intervals a result stays valid without a newer one, 1 to 100;
   *     default 3
   * @throws IllegalArgumentException if a component is out of range
   */
  public UptimePolicy {
    if (!(partialOutageWeight >= 0 && partialOutageWeight <= 1)) {
      throw new IllegalArgumentException(
          "partialOutageWeight must be between 0 and 1, got " + partialOutageWeight);
    }
    if (!(degradedWeight >= 0 && degradedWeight <= 1)) {
      throw new IllegalArgumentException(
          "degradedWeight must be between 0 and 1, got " + degradedWeight);
    }
    if (staleFactor < 1 || staleFactor > 100) {
      throw new IllegalArgumentException(
          "staleFactor must be between 1 and 100, got " + staleFactor);
    }
  }

  /**
   * Partial outage 30 % down, degraded performance up, results valid for three intervals.
   *
   * @return the default policy
   */
  public static UptimePolicy defaults() {
    return new UptimePolicy(0.3, 0.0, 3);
  }

  /**
   * The downtime weight of a status (maintenance 0: it is excluded before weighting).
   *
   * @param status the status
   * @return its weight, 0 (counts as up) to 1 (counts as down)
   */
  public double downtimeWeight(ComponentStatus status) {
    return switch (status) {
      case MAJOR_OUTAGE -> 1.0;
      case PARTIAL_OUTAGE -> partialOutageWeight;
      case DEGRADED_PERFORMANCE -> degradedWeight;
      case OPERATIONAL, UNDER_MAINTENANCE -> 0.0;
    };
  }
}
