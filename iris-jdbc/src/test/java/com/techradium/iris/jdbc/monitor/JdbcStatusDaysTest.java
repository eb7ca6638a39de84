package com.techradium.iris.jdbc.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.techradium.iris.jdbc.JdbcIris;
import com.techradium.iris.monitor.CheckOutcome;
import com.techradium.iris.monitor.CheckResult;
import com.techradium.iris.monitor.ComponentStatus;
import com.techradium.iris.monitor.spi.StatusTimes;
import com.techradium.iris.testkit.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link JdbcCheckResultStore#statusTimes} over whole days: the days it stores in {@code
 * iris_monitor_status_days}, and what late appends and retention do to them. Every figure is
 * compared with {@link StatusTimes#tally} over the stored results.
 */
class JdbcStatusDaysTest {
  @RegisterExtension static final PostgresExtension postgres = new PostgresExtension();

  private static final Duration STALE = Duration.ofMinutes(3);
  private static final Instant DAY0 = Instant.parse("2024-03-01T00:00:00Z");
  private static final AtomicInteger NAMES = new AtomicInteger();

  private static JdbcCheckResultStore store;

  @BeforeAll
  static void migrate() {
    JdbcIris.migrate(postgres.dataSource());
    store = JdbcCheckResultStore.of(postgres.dataSource());
  }

  private static String component() {
    return "api-" + NAMES.incrementAndGet();
  }

  private static Instant day(int n) {
    return DAY0.plus(Duration.ofDays(n));
  }

  private static CheckResult at(String component, Instant t, ComponentStatus status) {
    return new CheckResult(component, t, CheckOutcome.UP, status, Duration.ofMillis(3), "");
  }

  /**
   * An irregular history from {@code start} until {@code end}: mostly one result a minute, with
   * ties, gaps longer than the stale limit, one gap of over a day, and every status.
   */
  private static List<CheckResult> history(String c, Instant start, Instant end, long seed) {
    Random random = new Random(seed);
    ComponentStatus[] statuses = ComponentStatus.values();
    List<CheckResult> out = new ArrayList<>();
    Instant t = start;
    ComponentStatus status = ComponentStatus.OPERATIONAL;
    boolean longGap = false;
    while (t.isBefore(end)) {
      if (random.nextInt(40) == 0) {
        status = statuses[random.nextInt(statuses.length)];
      }
      out.add(at(c, t, status));
      int step = random.nextInt(100);
      long ms =
          step == 0 ? 0 : step < 3 ? 600_000 : step < 6 ? 59_000 + random.nextInt(2_000) : 60_000;
      if (!longGap && t.isAfter(start.plus(Duration.ofDays(4)))) {
        longGap = true;
        ms = Duration.ofHours(30).toMillis() + 1;
      }
      t = t.plusMillis(ms);
    }
    return out;
  }

  private static void append(List<CheckResult> results) {
    for (int i = 0; i < results.size(); i += 2_000) {
      store.append(results.subList(i, Math.min(results.size(), i + 2_000)));
    }
  }

  private static StatusTimes tally(String c, Instant from, Instant to, Duration stale) {
    return StatusTimes.tally(
        from, to, store.lastBefore(c, from).orElse(null), store.between(c, from, to), stale);
  }

  private static void assertMatchesTheRule(String c, Instant from, Instant to, Duration stale) {
    assertThat(store.statusTimes(c, from, to, stale))
        .as("%s from %s to %s, stale %s", c, from, to, stale)
        .isEqualTo(tally(c, from, to, stale));
  }

  private static long storedDays(String c, Duration stale) throws SQLException {
    try (Connection connection = postgres.dataSource().getConnection();
        PreparedStatement s =
            connection.prepareStatement(
                "select count(*) from iris_monitor_status_days where component = ? and stale_ms = ?")) {
      s.setString(1, c);
      s.setLong(2, stale.toMillis());
      try (ResultSet rows = s.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static void addToAStoredDay(String c, Instant day, long operationalMs)
      throws SQLException {
    try (Connection connection = postgres.dataSource().getConnection();
        PreparedStatement s =
            connection.prepareStatement(
                "update iris_monitor_status_days set operational_ms = operational_ms + ?"
                    + " where component = ? and day = cast(? as date)")) {
      s.setLong(1, operationalMs);
      s.setString(2, c);
      s.setString(3, day.toString().substring(0, 10));
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
  }

  @Test
  void theFirstCallStoresTheFinalDaysAndTheSecondReadsThem() throws SQLException {
    String c = component();
    append(history(c, day(0), day(10).plus(Duration.ofHours(5)), 1));

    assertMatchesTheRule(c, day(0), day(11), STALE);
    // Days 0 to 9 are final (day 10 has a result after their end); day 10 is not.
    assertThat(storedDays(c, STALE)).isEqualTo(10);

    StatusTimes expected = tally(c, day(0), day(11), STALE);
    addToAStoredDay(c, day(6), 1_000);
    assertThat(store.statusTimes(c, day(0), day(11), STALE).of(ComponentStatus.OPERATIONAL))
        .isEqualTo(expected.of(ComponentStatus.OPERATIONAL).plusSeconds(1));
    addToAStoredDay(c, day(6), -1_000);
    assertMatchesTheRule(c, day(0), day(11), STALE);
    assertThat(storedDays(c, STALE)).isEqualTo(10);
  }

  @Test
  void aLateAppendIntoAStoredDayChangesTheTimesAsTheRuleSays() throws SQLException {
    String c = component();
    append(history(c, day(0), day(8).plus(Duration.ofHours(1)), 2));
    assertMatchesTheRule(c, day(0), day(9), STALE);
    assertThat(storedDays(c, STALE)).isEqualTo(8);
    StatusTimes before = store.statusTimes(c, day(0), day(9), STALE);

    Instant late = day(3).plus(Duration.ofHours(12)).plusSeconds(30);
    ComponentStatus holding = store.lastBefore(c, late).orElseThrow().status();
    store.append(
        List.of(
            at(
                c,
                late,
                holding == ComponentStatus.MAJOR_OUTAGE
                    ? ComponentStatus.OPERATIONAL
                    : ComponentStatus.MAJOR_OUTAGE)));

    // The days from the late result's on are forgotten; the earlier ones stay.
    assertThat(storedDays(c, STALE)).isEqualTo(3);
    assertMatchesTheRule(c, day(0), day(9), STALE);
    assertThat(store.statusTimes(c, day(0), day(9), STALE)).isNotEqualTo(before);
    assertThat(storedDays(c, STALE)).isEqualTo(8);
  }

  @Test
  void retentionForgetsTheDaysItsDeletedResultsCountedIn() throws SQLException {
    // The earliest results of this database, so retention deletes only these.
    String c = component();
    Instant start = Instant.parse("1990-05-01T00:00:00Z");
    append(history(c, start, start.plus(Duration.ofDays(6)).plusSeconds(3_600), 3));
    Instant end = start.plus(Duration.ofDays(7));
    assertMatchesTheRule(c, start, end, STALE);
    assertThat(storedDays(c, STALE)).isEqualTo(6);

    Instant cutoff = start.plus(Duration.ofDays(2)).plus(Duration.ofHours(6));
    int deleted = store.deleteBefore(cutoff, 1_000_000);

    assertThat(deleted).isPositive();
    assertThat(store.between(c, start, cutoff)).isEmpty();
    // Days 0 to 2 held deleted results: their rows are gone; days 3 to 5 stay.
    assertThat(storedDays(c, STALE)).isEqualTo(3);
    assertMatchesTheRule(c, start, end, STALE);
    assertThat(storedDays(c, STALE)).isEqualTo(6);
    assertMatchesTheRule(c, start.minus(Duration.ofDays(2)), end, STALE);
    assertThat(storedDays(c, STALE)).isEqualTo(8);
  }

  @Test
  void windowsStartingAndEndingMidDayGiveWhatTheRuleGives() throws SQLException {
    String c = component();
    append(history(c, day(20), day(30).plus(Duration.ofHours(2)), 4));

    assertMatchesTheRule(
        c,
        day(21).plus(Duration.ofHours(7)).plusMillis(13_417),
        day(28).plus(Duration.ofHours(3)).plusNanos(2_500_000),
        STALE);
    // Whole days 22 to 27 only.
    assertThat(storedDays(c, STALE)).isEqualTo(6);

    Random random = new Random(7);
    for (int i = 0; i < 25; i++) {
      Instant from =
          day(19).plusMillis((long) (random.nextDouble() * Duration.ofDays(12).toMillis()));
      Instant to =
          from.plusMillis((long) (random.nextDouble() * Duration.ofDays(6).toMillis()))
              .plusNanos(random.nextInt(1_000_000));
      assertMatchesTheRule(c, from.plusNanos(random.nextInt(1_000_000)), to, STALE);
    }
  }

  @Test
  void eachStaleLimitHasItsOwnDays() throws SQLException {
    String c = component();
    append(history(c, day(40), day(46).plus(Duration.ofHours(4)), 5));
    Duration shorter = Duration.ofSeconds(59);
    Duration longer = Duration.ofHours(26);

    for (Duration stale : List.of(STALE, shorter, longer, STALE)) {
      assertMatchesTheRule(c, day(39), day(47), stale);
      assertMatchesTheRule(c, day(41).plusSeconds(1), day(45).minusSeconds(1), stale);
    }

    // Days 39 (before the first result) to 45 are final for every limit.
    assertThat(storedDays(c, STALE)).isEqualTo(7);
    assertThat(storedDays(c, shorter)).isEqualTo(7);
    assertThat(storedDays(c, longer)).isEqualTo(7);
    assertThat(store.statusTimes(c, day(39), day(47), longer))
        .isNotEqualTo(store.statusTimes(c, day(39), day(47), STALE));
  }
}
