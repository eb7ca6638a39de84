/**
 * Helpers the facades and adapters of IRIS's own modules share (builder checks, the tenant check,
 * input validation, the configured JSON mapper). Not part of the API: no public signature outside
 * an {@code internal} package names these types, and they may change in any release.
 */
@NullMarked
package com.techradium.iris.core.internal;

import org.jspecify.annotations.NullMarked;
