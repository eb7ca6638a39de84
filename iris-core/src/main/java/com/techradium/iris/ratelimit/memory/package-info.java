/** The in-memory rate-limit counters and store: complete, thread-safe, nothing survives the JVM. */
@NullMarked
package com.techradium.iris.ratelimit.memory;

import org.jspecify.annotations.NullMarked;
