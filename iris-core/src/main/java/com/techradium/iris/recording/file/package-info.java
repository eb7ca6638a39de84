/** The local-filesystem {@link com.techradium.iris.recording.spi.RecordingStore}. */
@NullMarked
package com.techradium.iris.recording.file;

import org.jspecify.annotations.NullMarked;
