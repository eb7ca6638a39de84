/**
 * Health and incidents: {@link com.techradium.iris.monitor.HealthMonitor} runs health checks on a
 * schedule, derives each component's status with flap control, records metrics, evaluates alert
 * rules (thresholds, component status, SLO burn rates) and reports uptime, SLAs and a public status
 * summary; {@link com.techradium.iris.monitor.IncidentManager} keeps incidents with their timeline
 * and scheduled maintenance windows.
 *
 * <p>Everything here belongs to the deployment, not to a tenant: a status page describes the
 * service every tenant shares, so components, check results, metrics, alert rules, incidents and
 * maintenance windows take no {@link com.techradium.iris.core.TenantId}. Do not put tenant data in
 * metric tags or incident texts that a public status page shows.
 *
 * <p>Ports and the rules stores apply are in {@code monitor.spi}; the in-memory stores in {@code
 * monitor.memory}.
 */
@NullMarked
package com.techradium.iris.monitor;

import org.jspecify.annotations.NullMarked;
