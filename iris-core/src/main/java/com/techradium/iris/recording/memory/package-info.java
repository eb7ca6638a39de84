/** In-memory recording stores: complete, thread-safe, held to the same contract suites. */
@NullMarked
package com.techradium.iris.recording.memory;

import org.jspecify.annotations.NullMarked;
