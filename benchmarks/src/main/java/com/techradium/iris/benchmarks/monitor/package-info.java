/**
 * Health monitor benchmarks: metric ingest on PostgreSQL beside a plain JDBC batch, uptime of a
 * year of one-minute results, and a round of 1,000 checks on a bounded executor.
 */
@NullMarked
package com.techradium.iris.benchmarks.monitor;

import org.jspecify.annotations.NullMarked;
