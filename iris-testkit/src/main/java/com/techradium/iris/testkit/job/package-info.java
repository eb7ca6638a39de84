/** The contract suite every {@link com.techradium.iris.job.JobStore} passes. */
@NullMarked
package com.techradium.iris.testkit.job;

import org.jspecify.annotations.NullMarked;
