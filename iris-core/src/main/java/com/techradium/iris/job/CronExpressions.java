package com.techradium.iris.job;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import com.techradium.iris.core.ValidationException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.Optional;

/**
 * Cron expressions in the five-field UNIX syntax ({@code minute hour day-of-month month
 * day-of-week}, e.g. {@code "0 3 * * *"} for 03:00 every day), evaluated in a schedule's time zone.
 *
 * <p>The expression matches wall-clock times, and each matching wall-clock time fires once, also
 * across daylight-saving changes: times skipped when clocks go forward fire at the instant the gap
 * ends (so a daily 02:30 job still runs on the day of the change, at 03:00); times repeated when
 * clocks go back fire at their first occurrence only (a daily 01:30 job runs once; an hourly job
 * runs at 01:00 summer time and next at 02:00 standard time).
 *
 * <p>Thread-safe.
 */
public final class CronExpressions {
  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  private CronExpressions() {}

  /**
   * Checks {@code expression}, throwing a {@link ValidationException} on {@code field} if it is not
   * a five-field UNIX expression or if it can never fire (such as {@code "0 0 31 2 *"}, the 31st of
   * February): an expression must match some minute within {@link #FIRE_HORIZON_YEARS} years of
   * 2000-01-01, which every satisfiable one does (29 February recurs every 4 or 8 years).
   *
   * @param field the field named by the error
   * @param expression the cron expression
   */
  public static void validate(String field, String expression) {
    Cron cron = parse(field, expression);
    ZonedDateTime start = ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    Optional<ZonedDateTime> next = ExecutionTime.forCron(cron).nextExecution(start);
    if (next.isEmpty() || next.get().getYear() >= 2000 + FIRE_HORIZON_YEARS) {
      throw new ValidationException(field, "never fires: no date matches it");
    }
  }

  /** How far ahead {@link #validate} looks for a first fire time. */
  static final int FIRE_HORIZON_YEARS = 28;

  /**
   * The first fire time strictly after {@code after}, if the expression ever fires again.
   *
   * @param expression a valid five-field cron expression
   * @param zone the time zone the expression is read in
   * @param after the instant to search after (exclusive)
   * @return the next fire time, or empty if there is none
   */
  public static Optional<Instant> nextAfter(String expression, ZoneId zone, Instant after) {
    ExecutionTime time = ExecutionTime.forCron(parse("cron", expression));
    // Match against wall-clock time: evaluate on local date-times, then place them in the zone.
    LocalDateTime from = LocalDateTime.ofInstant(after, zone);
    for (int guard = 0; guard < 10_000; guard++) {
      Optional<ZonedDateTime> match = time.nextExecution(from.atZone(ZoneOffset.UTC));
      if (match.isEmpty()) {
        return Optional.empty();
      }
      LocalDateTime local = match.get().toLocalDateTime();
      ZoneOffsetTransition transition = zone.getRules().getTransition(local);
      if (transition != null && transition.isGap()) {
        return Optional.of(transition.getInstant());
      }
      ZonedDateTime zoned = local.atZone(zone);
      if (zoned.toInstant().isAfter(after)) {
        return Optional.of(zoned.toInstant());
      }
      Instant later = zoned.withLaterOffsetAtOverlap().toInstant();
      if (later.isAfter(after)) {
        return Optional.of(later);
      }
      from = local;
    }
    return Optional.empty();
  }

  private static Cron parse(String field, String expression) {
    if (expression == null || expression.isBlank()) {
      throw new ValidationException(field, "must be a cron expression");
    }
    try {
      return PARSER.parse(expression.trim()).validate();
    } catch (IllegalArgumentException e) {
      throw new ValidationException(
          field, "is not a five-field UNIX cron expression: " + e.getMessage());
    }
  }
}
