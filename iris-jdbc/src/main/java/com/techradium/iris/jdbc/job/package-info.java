/**
 * The PostgreSQL job store: {@link com.techradium.iris.jdbc.job.JdbcJobStore}, with claims by
 * {@code FOR UPDATE SKIP LOCKED}, wake-ups by {@code LISTEN/NOTIFY} and enqueue inside the caller's
 * transaction.
 */
@NullMarked
package com.techradium.iris.jdbc.job;

import org.jspecify.annotations.NullMarked;
