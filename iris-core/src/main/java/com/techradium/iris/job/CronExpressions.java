package com.techradium.iris.job;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import com.techradium.iris.core.ValidationException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Cron expressions in the five-field UNIX syntax ({@code minute hour day-of-month month
 * day-of-week}, e.g. {@code "0 3 * * *"} for 03:00 every day), evaluated in a schedule's time zone.
 *
 * <p>Across daylight-saving changes: a wall-clock time that does not exist (skipped when clocks go
 * forward) fires at the first instant after the gap; a wall-clock time that happens twice (when
 * clocks go back) fires once, at its first occurrence.
 *
 * <p>Thread-safe.
 */
public final class CronExpressions {
  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  private CronExpressions() {}

  /** Checks {@code expression}, throwing a {@link ValidationException} on {@code field}. */
  public static void validate(String field, String expression) {
    parse(field, expression);
  }

  /** The first fire time strictly after {@code after}, if the expression ever fires again. */
  public static Optional<Instant> nextAfter(String expression, ZoneId zone, Instant after) {
    ExecutionTime time = ExecutionTime.forCron(parse("cron", expression));
    return time.nextExecution(ZonedDateTime.ofInstant(after, zone)).map(ZonedDateTime::toInstant);
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
