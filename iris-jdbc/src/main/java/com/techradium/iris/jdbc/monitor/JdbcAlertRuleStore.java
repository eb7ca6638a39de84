package com.techradium.iris.jdbc.monitor;

import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_MONITOR_ALERT_RULES;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.techradium.iris.core.StorageException;
import com.techradium.iris.core.internal.IrisJson;
import com.techradium.iris.jdbc.internal.JdbcContext;
import com.techradium.iris.jdbc.internal.schema.tables.records.IrisMonitorAlertRulesRecord;
import com.techradium.iris.monitor.AlertCondition;
import com.techradium.iris.monitor.AlertRule;
import com.techradium.iris.monitor.spi.AlertRuleStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.JSONB;

/**
 * The {@link AlertRuleStore} on PostgreSQL: table {@code iris_monitor_alert_rules}, the condition
 * as {@code jsonb} with a {@code kind} field. Rules are deployment configuration: saving one never
 * joins the caller's transaction. Thread-safe; it never closes the data source.
 */
public final class JdbcAlertRuleStore implements AlertRuleStore {
  private final JdbcContext db;

  private JdbcAlertRuleStore(JdbcContext db) {
    this.db = db;
  }

  /**
   * A store over a host-owned data source, which it never closes. Run {@code JdbcIris.migrate} on
   * it first.
   *
   * @param dataSource the migrated database; stays the caller's
   * @return the store, thread-safe
   * @throws NullPointerException if {@code dataSource} is null
   */
  public static JdbcAlertRuleStore of(DataSource dataSource) {
    return new JdbcAlertRuleStore(
        JdbcContext.of(Objects.requireNonNull(dataSource, "dataSource")).detached());
  }

  @Override
  public AlertRule save(AlertRule rule) {
    JSONB condition = condition(rule.condition());
    db.run(
        "save alert rule",
        dsl ->
            dsl.insertInto(IRIS_MONITOR_ALERT_RULES)
                .set(IRIS_MONITOR_ALERT_RULES.NAME, rule.name())
                .set(IRIS_MONITOR_ALERT_RULES.CONDITION, condition)
                .set(IRIS_MONITOR_ALERT_RULES.FOR_MS, rule.forDuration().toMillis())
                .set(IRIS_MONITOR_ALERT_RULES.KEEP_FIRING_MS, rule.keepFiringFor().toMillis())
                .set(IRIS_MONITOR_ALERT_RULES.OPENS_INCIDENT, rule.incident())
                .onConflict(IRIS_MONITOR_ALERT_RULES.NAME)
                .doUpdate()
                .set(IRIS_MONITOR_ALERT_RULES.CONDITION, condition)
                .set(IRIS_MONITOR_ALERT_RULES.FOR_MS, rule.forDuration().toMillis())
                .set(IRIS_MONITOR_ALERT_RULES.KEEP_FIRING_MS, rule.keepFiringFor().toMillis())
                .set(IRIS_MONITOR_ALERT_RULES.OPENS_INCIDENT, rule.incident())
                .execute());
    return rule;
  }

  @Override
  public Optional<AlertRule> get(String name) {
    return db.call(
        "read alert rule",
        dsl ->
            dsl.selectFrom(IRIS_MONITOR_ALERT_RULES)
                .where(IRIS_MONITOR_ALERT_RULES.NAME.eq(name))
                .fetchOptional(JdbcAlertRuleStore::rule));
  }

  @Override
  public List<AlertRule> list() {
    return db.call(
        "list alert rules",
        dsl ->
            dsl.selectFrom(IRIS_MONITOR_ALERT_RULES)
                .orderBy(IRIS_MONITOR_ALERT_RULES.NAME)
                .fetch(JdbcAlertRuleStore::rule));
  }

  @Override
  public boolean delete(String name) {
    return db.call(
            "delete alert rule",
            dsl ->
                dsl.deleteFrom(IRIS_MONITOR_ALERT_RULES)
                    .where(IRIS_MONITOR_ALERT_RULES.NAME.eq(name))
                    .execute())
        > 0;
  }

  private static JSONB condition(AlertCondition condition) {
    try {
      return JSONB.valueOf(
          IrisJson.mapper().writerFor(AlertCondition.class).writeValueAsString(condition));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise " + condition, e);
    }
  }

  private static AlertRule rule(IrisMonitorAlertRulesRecord r) {
    AlertCondition condition;
    try {
      condition = IrisJson.mapper().readValue(r.getCondition().data(), AlertCondition.class);
    } catch (JsonProcessingException e) {
      throw new StorageException("unreadable condition of alert rule " + r.getName(), e);
    }
    return new AlertRule(
        r.getName(),
        condition,
        Duration.ofMillis(r.getForMs()),
        Duration.ofMillis(r.getKeepFiringMs()),
        r.getOpensIncident());
  }
}
