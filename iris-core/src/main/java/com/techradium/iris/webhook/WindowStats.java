package com.techradium.iris.webhook;

import java.time.Duration;

/**
 * An endpoint's attempts over one window.
 *
 * @param window the window's length
 * @param attempts attempts made
 * @param succeeded attempts answered 2xx
 * @param successRate {@code succeeded / attempts}, 1.0 when there were none
 * @param p50Millis median latency; 0 when there were no attempts
 * @param p95Millis 95th percentile latency; 0 when there were no attempts
 */
public record WindowStats(
    Duration window,
    long attempts,
    long succeeded,
    double successRate,
    long p50Millis,
    long p95Millis) {}
