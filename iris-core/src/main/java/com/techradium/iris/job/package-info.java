/**
 * Durable jobs: the {@code JobQueue} facade, its workers and scheduler, the values it works with
 * and the {@link com.techradium.iris.job.spi.JobStore} port that every job store implements.
 */
@NullMarked
package com.techradium.iris.job;

import org.jspecify.annotations.NullMarked;
