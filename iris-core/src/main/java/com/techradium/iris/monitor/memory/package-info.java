/**
 * The monitor's stores in memory: complete and thread-safe, for tests, demos and single-process
 * tools. Nothing survives the JVM.
 */
@NullMarked
package com.techradium.iris.monitor.memory;

import org.jspecify.annotations.NullMarked;
