/**
 * For store authors: the {@link com.techradium.iris.job.spi.JobStore} port, the types it takes and
 * returns, and the job rules every store applies as pure functions ({@code JobOutcomes}, {@code
 * JobRetry}, {@code JobCancel}, {@code JobDependencies}, {@code JobInitialStates}, {@code
 * DependencyCycles}, {@code JobLeaseExpiry}, {@code JobStatsTally}, {@code JobCursors}, ...), so
 * that a store only locks, loads and saves. Hosts need none of it to use {@code JobQueue}.
 */
@NullMarked
package com.techradium.iris.job.spi;

import org.jspecify.annotations.NullMarked;
