package com.techradium.iris.ratelimit.spi;

import com.techradium.iris.ratelimit.QuotaDefinition;
import com.techradium.iris.ratelimit.QuotaPeriod;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;

/**
 * Where a quota's periods begin and end, in the quota's time zone: daily periods at local midnight
 * (or the first instant of the day when midnight does not exist, on a DST change), monthly periods
 * at local midnight of the billing day. A day across a DST change is 23 or 25 hours long. Stateless
 * and thread-safe.
 */
public final class QuotaWindows {
  private QuotaWindows() {}

  /**
   * The start of the period holding {@code now}.
   *
   * @param quota the quota
   * @param now the time
   * @return the period's start
   */
  public static Instant periodStart(QuotaDefinition quota, Instant now) {
    LocalDate today = now.atZone(quota.zone()).toLocalDate();
    return startOf(quota, firstDay(quota, today)).toInstant();
  }

  /**
   * The start of the period after the one holding {@code now}.
   *
   * @param quota the quota
   * @param now the time
   * @return the next period's start
   */
  public static Instant periodEnd(QuotaDefinition quota, Instant now) {
    LocalDate today = now.atZone(quota.zone()).toLocalDate();
    LocalDate first = firstDay(quota, today);
    LocalDate next = quota.period() == QuotaPeriod.DAILY ? first.plusDays(1) : first.plusMonths(1);
    return startOf(quota, next).toInstant();
  }

  private static LocalDate firstDay(QuotaDefinition quota, LocalDate today) {
    if (quota.period() == QuotaPeriod.DAILY) {
      return today;
    }
    LocalDate thisMonth = today.withDayOfMonth(quota.billingDay());
    return today.getDayOfMonth() >= quota.billingDay() ? thisMonth : thisMonth.minusMonths(1);
  }

  private static ZonedDateTime startOf(QuotaDefinition quota, LocalDate day) {
    return day.atStartOfDay(quota.zone());
  }
}
