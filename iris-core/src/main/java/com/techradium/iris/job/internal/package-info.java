/**
 * Helpers of the job packages (name formats). Not part of the API: no public signature outside an
 * {@code internal} package names these types.
 */
@NullMarked
package com.techradium.iris.job.internal;

import org.jspecify.annotations.NullMarked;
