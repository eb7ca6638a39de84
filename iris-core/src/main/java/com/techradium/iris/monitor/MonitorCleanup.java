package com.techradium.iris.monitor;

/**
 * What {@link HealthMonitor#cleanup()} deleted.
 *
 * @param results check results past the result retention
 * @param points metric points past the metric retention
 */
public record MonitorCleanup(long results, long points) {}
