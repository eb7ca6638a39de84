-- HealthMonitor: the time each component spent in each status over whole UTC days, so that uptime
-- over a long window sums one row per day instead of every check result. One row per component,
-- day and stale limit (the limit changes the times), written only for days that are final: the
-- component has a result at or after the day's end. A result appended into or before a
-- summarised day deletes that day's rows and every later one; retention deletes the rows of the
-- days it touches. See JdbcCheckResultStore.
CREATE TABLE iris_monitor_status_days (
  component                varchar COLLATE "C" NOT NULL,
  stale_ms                 bigint NOT NULL,
  day                      date NOT NULL,
  operational_ms           bigint NOT NULL,
  degraded_performance_ms  bigint NOT NULL,
  partial_outage_ms        bigint NOT NULL,
  major_outage_ms          bigint NOT NULL,
  under_maintenance_ms     bigint NOT NULL,
  CONSTRAINT iris_monitor_status_days_pk PRIMARY KEY (component, stale_ms, day)
);
