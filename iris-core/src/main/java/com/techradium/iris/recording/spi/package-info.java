/**
 * For key-service and store authors: {@link com.techradium.iris.recording.spi.KeyProvider} (data
 * keys wrapped under a master key per tenant), {@link
 * com.techradium.iris.recording.spi.RecordingStore} (the encrypted bytes, with ranged reads) and
 * {@link com.techradium.iris.recording.spi.RecordingMetadataStore} (what is known about each
 * recording), with the values they exchange.
 */
@NullMarked
package com.techradium.iris.recording.spi;

import org.jspecify.annotations.NullMarked;
