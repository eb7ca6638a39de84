package com.techradium.iris.monitor;

import java.time.Duration;

/** The monitor's timings and limits, as its builder set them. */
record MonitorSettings(
    int checkThreads,
    Duration tick,
    Duration alertEvery,
    Duration gaugeEvery,
    Duration metricRetention,
    Duration resultRetention) {}
