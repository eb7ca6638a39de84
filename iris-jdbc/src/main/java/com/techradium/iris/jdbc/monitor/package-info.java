/**
 * The monitor's stores on PostgreSQL (migration {@code V8__monitoring.sql}): {@link
 * com.techradium.iris.jdbc.monitor.JdbcCheckResultStore}, {@link
 * com.techradium.iris.jdbc.monitor.JdbcMetricStore}, {@link
 * com.techradium.iris.jdbc.monitor.JdbcAlertRuleStore} and {@link
 * com.techradium.iris.jdbc.monitor.JdbcIncidentStore}. The tables hold deployment data and carry no
 * {@code tenant_id}: their keys lead with the component, metric or incident instead.
 */
@NullMarked
package com.techradium.iris.jdbc.monitor;

import org.jspecify.annotations.NullMarked;
