/**
 * The contract suite every {@link com.techradium.iris.job.spi.JobStore} passes: {@link
 * com.techradium.iris.testkit.job.JobStoreContract}, the one class an adapter's test extends, runs
 * the focused groups ({@code Job*Contract}) as nested classes.
 */
@NullMarked
package com.techradium.iris.testkit.job;

import org.jspecify.annotations.NullMarked;
