/**
 * The plumbing of every JDBC store: running work with failures translated in one place and joining
 * the host's transaction. Not part of the API.
 */
@NullMarked
package com.techradium.iris.jdbc.internal;

import org.jspecify.annotations.NullMarked;
