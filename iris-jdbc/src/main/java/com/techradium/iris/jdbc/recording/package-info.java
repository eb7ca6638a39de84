/** The PostgreSQL {@link com.techradium.iris.recording.spi.RecordingMetadataStore}. */
@NullMarked
package com.techradium.iris.jdbc.recording;

import org.jspecify.annotations.NullMarked;
