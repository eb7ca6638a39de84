package com.techradium.iris.testkit.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.monitor.MetricPoint;
import com.techradium.iris.monitor.spi.MetricStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link MetricStore} must do. */
public abstract class MetricStoreContract extends MonitorContractSupport {
  /** Constructor for the classes that run this group, such as the port suite's nested class. */
  public MetricStoreContract() {}

  private MetricStore metrics() {
    return store().metrics();
  }

  @Test
  void pointsReadBackWithTagsAndExactValuesOldestFirst() {
    String m = uniqueName("latency");
    Instant t = clock.instant();
    MetricPoint late = new MetricPoint(m, Map.of("route", "/calls"), 0.1 + 0.2, t.plusSeconds(5));
    MetricPoint early = new MetricPoint(m, Map.of("route", "/calls"), -12.5, t);
    metrics().append(List.of(late, early));

    assertThat(metrics().find(m, Map.of(), t, t.plusSeconds(10))).containsExactly(early, late);
  }

  @Test
  void tagFilterMatchesPointsCarryingEveryTagGiven() {
    String m = uniqueName("requests");
    Instant t = clock.instant();
    MetricPoint calls = new MetricPoint(m, Map.of("route", "/calls", "node", "a"), 1, t);
    MetricPoint sms = new MetricPoint(m, Map.of("route", "/sms", "node", "a"), 2, t);
    metrics().append(List.of(calls, sms));

    assertThat(metrics().find(m, Map.of("route", "/calls"), t, t.plusSeconds(1)))
        .containsExactly(calls);
    assertThat(metrics().find(m, Map.of("node", "a"), t, t.plusSeconds(1))).hasSize(2);
    assertThat(metrics().find(m, Map.of("node", "b"), t, t.plusSeconds(1))).isEmpty();
  }

  @Test
  void findIncludesFromExcludesToAndOtherNames() {
    String m = uniqueName("x");
    String other = uniqueName("y");
    Instant t = clock.instant();
    metrics()
        .append(
            List.of(
                MetricPoint.of(m, 1, t.minusMillis(1)),
                MetricPoint.of(m, 2, t),
                MetricPoint.of(m, 3, t.plusSeconds(1)),
                MetricPoint.of(other, 4, t)));

    assertThat(metrics().find(m, Map.of(), t, t.plusSeconds(1)))
        .containsExactly(MetricPoint.of(m, 2, t));
  }

  @Test
  void aBatchOfTenThousandPointsIsStoredWhole() {
    String m = uniqueName("bulk");
    Instant t = clock.instant();
    List<MetricPoint> batch = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      batch.add(new MetricPoint(m, Map.of("i", Integer.toString(i % 7)), i, t.plusMillis(i)));
    }
    metrics().append(batch);

    List<MetricPoint> read = metrics().find(m, Map.of(), t, t.plusSeconds(10));
    assertThat(read).hasSize(10_000);
    assertThat(read.get(9_999).value()).isEqualTo(9_999.0);
  }

  @Test
  void deleteBeforeRemovesOnlyOlderPoints() {
    String m = uniqueName("old");
    Instant old = Instant.parse("2001-01-01T00:00:00Z");
    Instant t = clock.instant();
    metrics().append(List.of(MetricPoint.of(m, 1, old), MetricPoint.of(m, 2, t)));

    int guard = 0;
    while (!metrics().find(m, Map.of(), old, old.plusSeconds(1)).isEmpty() && guard++ < 1000) {
      metrics().deleteBefore(old.plusSeconds(1), 100);
    }
    assertThat(metrics().find(m, Map.of(), old, t.plusSeconds(1)))
        .containsExactly(MetricPoint.of(m, 2, t));
  }
}
