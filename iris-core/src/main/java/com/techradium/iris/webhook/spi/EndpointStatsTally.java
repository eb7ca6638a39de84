package com.techradium.iris.webhook.spi;

import com.techradium.iris.webhook.DeliveryAttempt;
import com.techradium.iris.webhook.EndpointStats;
import com.techradium.iris.webhook.WindowStats;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Endpoint figures from its attempts: success rate and nearest-rank p50/p95 per window. */
public final class EndpointStatsTally {
  /** The windows of {@link EndpointStats}, shortest first. */
  public static final List<Duration> WINDOWS =
      List.of(Duration.ofHours(1), Duration.ofHours(24), Duration.ofDays(7));

  private EndpointStatsTally() {}

  /**
   * The figures of {@code attempts} (those of the last 7 days or more) as of {@code now}.
   *
   * @param endpointId the endpoint's id
   * @param attempts the endpoint's attempts
   * @param now the end of the windows
   * @return the figures over the last hour, day and week
   */
  public static EndpointStats tally(UUID endpointId, List<DeliveryAttempt> attempts, Instant now) {
    return new EndpointStats(
        endpointId,
        window(attempts, WINDOWS.get(0), now),
        window(attempts, WINDOWS.get(1), now),
        window(attempts, WINDOWS.get(2), now));
  }

  /**
   * The figures of one window ending at {@code now}.
   *
   * @param attempts the attempts
   * @param window the window's length
   * @param now the end of the window
   * @return the figures of the attempts in the window
   */
  public static WindowStats window(List<DeliveryAttempt> attempts, Duration window, Instant now) {
    Instant since = now.minus(window);
    List<DeliveryAttempt> in =
        attempts.stream().filter(a -> !a.at().isBefore(since) && !a.at().isAfter(now)).toList();
    long succeeded = in.stream().filter(DeliveryAttempt::succeeded).count();
    long[] latencies = in.stream().mapToLong(DeliveryAttempt::latencyMillis).toArray();
    Arrays.sort(latencies);
    double rate = in.isEmpty() ? 1.0 : (double) succeeded / in.size();
    return new WindowStats(
        window, in.size(), succeeded, rate, rank(latencies, 0.50), rank(latencies, 0.95));
  }

  private static long rank(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
