/** The in-memory {@link com.techradium.iris.job.spi.JobStore}, complete and thread-safe. */
@NullMarked
package com.techradium.iris.job.memory;

import org.jspecify.annotations.NullMarked;
