package com.techradium.iris.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.techradium.iris.core.ValidationException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CronExpressionsTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static List<Instant> fires(String cron, ZoneId zone, String after, int count) {
    List<Instant> fires = new ArrayList<>();
    Instant t = Instant.parse(after);
    for (int i = 0; i < count; i++) {
      t = CronExpressions.nextAfter(cron, zone, t).orElseThrow();
      fires.add(t);
    }
    return fires;
  }

  private static List<Instant> instants(String... values) {
    return java.util.Arrays.stream(values).map(Instant::parse).toList();
  }

  @Test
  void dailyJobInTheSkippedHourRunsWhenTheGapEnds() {
    assertThat(fires("30 2 * * *", NEW_YORK, "2026-03-06T12:00:00Z", 3))
        .containsExactlyElementsOf(
            instants("2026-03-07T07:30:00Z", "2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z"));
  }

  @Test
  void dailyJobInTheRepeatedHourRunsOnce() {
    assertThat(fires("30 1 * * *", NEW_YORK, "2026-10-31T00:00:00Z", 3))
        .containsExactlyElementsOf(
            instants("2026-10-31T05:30:00Z", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"));
  }

  @Test
  void hourlyJobFiresEachWallClockHourOnceAcrossFallBack() {
    assertThat(fires("0 * * * *", NEW_YORK, "2026-11-01T03:30:00Z", 4))
        .containsExactlyElementsOf(
            instants(
                "2026-11-01T04:00:00Z",
                "2026-11-01T05:00:00Z",
                "2026-11-01T07:00:00Z",
                "2026-11-01T08:00:00Z"));
  }

  @Test
  void hourlyJobKeepsRunningAcrossSpringForward() {
    assertThat(fires("0 * * * *", NEW_YORK, "2026-03-08T05:30:00Z", 3))
        .containsExactlyElementsOf(
            instants("2026-03-08T06:00:00Z", "2026-03-08T07:00:00Z", "2026-03-08T08:00:00Z"));
  }

  @Test
  void severalSkippedTimesFireOnceAtTheEndOfTheGap() {
    assertThat(fires("*/20 2 * * *", NEW_YORK, "2026-03-08T06:00:00Z", 2))
        .containsExactlyElementsOf(instants("2026-03-08T07:00:00Z", "2026-03-09T06:00:00Z"));
  }

  @Test
  void aScheduleStartedInTheSecondPassOfTheRepeatedHourStillFiresThere() {
    assertThat(fires("30 1 * * *", NEW_YORK, "2026-11-01T06:10:00Z", 1))
        .containsExactlyElementsOf(instants("2026-11-01T06:30:00Z"));
  }

  @Test
  void utcSchedulesAreUnaffected() {
    assertThat(fires("15 3 * * *", ZoneId.of("UTC"), "2026-03-08T00:00:00Z", 2))
        .containsExactlyElementsOf(instants("2026-03-08T03:15:00Z", "2026-03-09T03:15:00Z"));
  }

  @Test
  void malformedExpressionsAreValidationErrors() {
    assertThatThrownBy(() -> CronExpressions.validate("cron", "every minute"))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).hasErrorFor("cron")).isTrue());
    assertThatThrownBy(() -> CronExpressions.validate("cron", "0 0 * * * *"))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> CronExpressions.validate("cron", "61 * * * *"))
        .isInstanceOf(ValidationException.class);
  }
}
