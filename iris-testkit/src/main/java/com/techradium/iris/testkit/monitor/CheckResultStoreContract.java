package com.techradium.iris.testkit.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.monitor.CheckOutcome;
import com.techradium.iris.monitor.CheckResult;
import com.techradium.iris.monitor.ComponentStatus;
import com.techradium.iris.monitor.spi.CheckResultStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link CheckResultStore} must do. */
public abstract class CheckResultStoreContract extends MonitorContractSupport {
  /** Constructor for the classes that run this group, such as the port suite's nested class. */
  public CheckResultStoreContract() {}

  private CheckResultStore results() {
    return store().results();
  }

  @Test
  void storedResultsReadBackFieldForFieldOldestFirst() {
    String c = uniqueName("db");
    Instant t = clock.instant();
    CheckResult down =
        new CheckResult(
            c,
            t.plusSeconds(30),
            CheckOutcome.DOWN,
            ComponentStatus.MAJOR_OUTAGE,
            Duration.ofMillis(2000),
            "timed out after PT2S");
    results().append(List.of(up(c, t), down));

    assertThat(results().between(c, t, t.plusSeconds(60))).containsExactly(up(c, t), down);
  }

  @Test
  void betweenIncludesFromAndExcludesTo() {
    String c = uniqueName("db");
    Instant t = clock.instant();
    results().append(List.of(up(c, t.minusSeconds(1)), up(c, t), up(c, t.plusSeconds(10))));

    assertThat(results().between(c, t, t.plusSeconds(10))).containsExactly(up(c, t));
  }

  @Test
  void resultsOfOneComponentAreNotReadThroughAnother() {
    String a = uniqueName("a");
    String b = uniqueName("b");
    Instant t = clock.instant();
    results().append(List.of(up(a, t)));

    assertThat(results().between(b, t, t.plusSeconds(1))).isEmpty();
    assertThat(results().lastBefore(b, t.plusSeconds(1))).isEmpty();
    assertThat(results().latest(b, 10)).isEmpty();
  }

  @Test
  void lastBeforeIsTheLatestStrictlyEarlierResult() {
    String c = uniqueName("db");
    Instant t = clock.instant();
    results().append(List.of(up(c, t), up(c, t.plusSeconds(30)), up(c, t.plusSeconds(60))));

    assertThat(results().lastBefore(c, t.plusSeconds(60))).contains(up(c, t.plusSeconds(30)));
    assertThat(results().lastBefore(c, t)).isEmpty();
  }

  @Test
  void latestIsNewestFirstUpToTheLimit() {
    String c = uniqueName("db");
    Instant t = clock.instant();
    List<CheckResult> all = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      all.add(up(c, t.plusSeconds(i)));
    }
    results().append(all);

    assertThat(results().latest(c, 2)).containsExactly(all.get(4), all.get(3));
  }

  @Test
  void deleteBeforeRemovesOnlyOlderResultsWithinTheLimit() {
    String c = uniqueName("db");
    Instant old = Instant.parse("2001-01-01T00:00:00Z");
    Instant t = clock.instant();
    results().append(List.of(up(c, old), up(c, old.plusSeconds(1)), up(c, t)));

    int deleted = 0;
    while (!results().between(c, old, old.plusSeconds(2)).isEmpty()) {
      int n = results().deleteBefore(old.plusSeconds(2), 1);
      assertThat(n).isBetween(0, 1);
      deleted += n;
      assertThat(deleted).isLessThan(10_000);
    }
    assertThat(results().between(c, old, t.plusSeconds(1))).containsExactly(up(c, t));
  }

  @Test
  void aLargeBatchIsStoredWhole() {
    String c = uniqueName("db");
    Instant t = clock.instant();
    List<CheckResult> batch = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      batch.add(up(c, t.plusSeconds(i)));
    }
    results().append(batch);

    assertThat(results().between(c, t, t.plusSeconds(2_000))).hasSize(2_000);
  }

  @Test
  void resultsAppendedOutOfOrderReadBackInTimeOrder() {
    String c = uniqueName("db");
    Instant t = clock.instant();
    results().append(List.of(up(c, t.plusSeconds(20))));
    results().append(List.of(up(c, t), up(c, t.plusSeconds(10))));

    assertThat(results().between(c, t, t.plusSeconds(30)))
        .containsExactly(up(c, t), up(c, t.plusSeconds(10)), up(c, t.plusSeconds(20)));
    assertThat(results().latest(c, 1)).containsExactly(up(c, t.plusSeconds(20)));
  }
}
