/** The in-memory webhook store: complete and thread-safe, nothing survives the JVM. */
@NullMarked
package com.techradium.iris.webhook.memory;

import org.jspecify.annotations.NullMarked;
